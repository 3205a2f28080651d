/*
 * t2s.h (private to the library) - OpenCC's traditional -> simplified conversion of whole labels
 * (phrase-level: 答覆 -> 答复 but 覆蓋 -> 覆盖), paid for only by labels that
 * hold a character OpenCC could change, and only once per distinct text.
 *
 * The map is shared read-only by every thread checking files: it holds a
 * pointer to a converter that opens OpenCC on first need and caches each
 * conversion under its own lock (docs/architecture.md, "Traditional
 * characters").
 */
#ifndef OGI_T2S_H
#define OGI_T2S_H

#include <stddef.h>
#include <stdint.h>

#include "ogi.h"

typedef struct ogi_t2s_conv ogi_t2s_conv;

typedef struct ogi_t2s_map {
    ogi_t2s_conv *conv; /* owned; NULL: no conversion at all */
    /* the installed data is what the build-time set was made from; if
     * not, every non-ASCII text is handed to OpenCC */
    int trusted;
} ogi_t2s_map;

/* The build-time set (src/lib/util/t2s_gen.pl): a bitmap of the BMP. */
extern const uint8_t ogi_t2s_changing_bmp[8192];
int ogi_t2s_changing_astral_has(uint32_t cp);

/* Whether OpenCC could change a text holding cp: ogi_t2s_needed one code
 * point at a time, for the loops that decode each label anyway. */
static inline int ogi_t2s_changes(const ogi_t2s_map *map, uint32_t cp)
{
    if (cp < 0x80 || !map || !map->conv)
        return 0;
    if (!map->trusted)
        return 1;
    if (cp < 0x10000)
        return (ogi_t2s_changing_bmp[cp >> 3] >> (cp & 7)) & 1;
    return ogi_t2s_changing_astral_has(cp);
}

/* Checks that OpenCC's t2s data is installed and is the data the
 * build-time set was made from (else every non-ASCII text is converted);
 * opens nothing. OGI_ERROR_OPENCC when the data cannot be read. */
ogi_error ogi_t2s_map_build(ogi_t2s_map *map);
void ogi_t2s_map_free(ogi_t2s_map *map);

/* Whether OpenCC could change s: it holds a code point of some changing
 * entry of OpenCC's t2s dictionaries. 0 for a NULL map. */
int ogi_t2s_needed(const ogi_t2s_map *map, const char *s, size_t len);

/* OpenCC's t2s conversion of in (len bytes) into out: at most size-1 bytes
 * (cut at a character boundary) and a terminating NUL; returns the length
 * written. in and out may be the same buffer. A text that does not need it
 * is copied; one seen before comes from the cache. Should OpenCC fail to
 * open or convert, the text is copied unchanged. */
size_t ogi_t2s_convert(const ogi_t2s_map *map, const char *in, size_t len, char *out, size_t size);

#ifdef TESTING
size_t ogi_t2s_opencc_calls(const ogi_t2s_map *map); /* conversions OpenCC did */
size_t ogi_t2s_cached(const ogi_t2s_map *map);       /* texts in the cache */
void ogi_t2s_distrust(ogi_t2s_map *map); /* as if the data had changed since the build */
#endif

#endif /* OGI_T2S_H */
