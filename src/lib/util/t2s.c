/*
 * t2s.c - OpenCC's t2s conversion of whole texts: the build-time set of
 * code points it could change, OpenCC loaded and opened on first need, a
 * cache of the texts converted.
 */
#include "t2s.h"

#include <dlfcn.h>
#include <opencc/opencc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"
#include "file.h"
#include "utf8.h"

/* Written at build time by src/lib/util/t2s_gen.pl from OpenCC's data. */
extern const char ogi_t2s_data_dir[];
extern const char ogi_t2s_library[];
extern const char *const ogi_t2s_data_files[];
extern const uint32_t ogi_t2s_data_fnv;
extern const size_t ogi_t2s_data_size;
extern const uint32_t ogi_t2s_changing_astral[];
extern const size_t ogi_t2s_changing_nastral;

/* Bounds of the cache: distinct traditional labels are few (the statutory
 * ones, as each submitter writes them); past these the cache stops
 * growing and further texts are converted each time, so memory stays flat
 * whatever the number of files. */
#define CACHE_MAX_ENTRIES 4096u
#define CACHE_MAX_BYTES (1u << 20)

typedef struct cache_entry {
    uint64_t hash;
    char *key; /* key_len bytes, then the converted text and a NUL */
    size_t key_len;
    size_t value_len;
} cache_entry;

/* The four functions of libopencc ogi calls. The library is not linked:
 * it is loaded (dlopen) by the first text that needs it, as most
 * workbooks have none, and loading it with libstdc++ and marisa cost every
 * start 1.4 ms (docs/performance.md, "Start-up"). */
typedef struct opencc_api {
    void *handle;
    opencc_t (*open)(const char *config);
    char *(*convert_utf8)(opencc_t od, const char *input, size_t length);
    void (*convert_utf8_free)(char *str);
    int (*close)(opencc_t od);
} opencc_api;

struct ogi_t2s_conv {
    /* Guards everything below: the map is shared by the threads of
     * `ogi check -j`, and only texts that need OpenCC ever take it. */
    pthread_mutex_t lock;
    opencc_api api;  /* loaded on first need */
    opencc_t opencc; /* opened on first need */
    int open_tried;
    size_t calls; /* conversions done by OpenCC */
    cache_entry *slots;
    size_t nslots; /* a power of two, or 0 */
    size_t nused;
    size_t bytes;
};

#define NO_OPENCC ((opencc_t)-1)

static char *data_path(const char *name)
{
    size_t n = strlen(ogi_t2s_data_dir) + 1 + strlen(name) + 1;
    char *path = malloc(n);
    if (path)
        snprintf(path, n, "%s/%s", ogi_t2s_data_dir, name);
    return path;
}

/* FNV-1a over one data file, its size added to *size; OGI_ERROR_OPENCC
 * when it cannot be read. */
static ogi_error hash_file(const char *name, uint32_t *fnv, size_t *size)
{
    char *path = data_path(name);
    if (!path)
        return OGI_ERROR_MEMORY;
    unsigned char *data;
    size_t len;
    ogi_error err = ogi_file_read(path, 64u << 20, &data, &len);
    free(path);
    if (err == OGI_ERROR_MEMORY)
        return err;
    if (err != OGI_OK)
        return OGI_ERROR_OPENCC;
    uint32_t h = *fnv;
    for (size_t i = 0; i < len; i++)
        h = (h ^ data[i]) * 0x01000193u;
    free(data);
    *fnv = h;
    *size += len;
    return OGI_OK;
}

/* Whether the installed data files are those the set was made from: about
 * 60 KB read and summed, some tens of microseconds. A checksum, not a
 * cryptographic hash: it tells an updated dictionary from the old one,
 * and OpenSSL's first use alone costs most of a millisecond. */
static ogi_error data_matches(int *matches)
{
    uint32_t fnv = 0x811c9dc5u;
    size_t size = 0;
    ogi_error err = OGI_OK;
    for (size_t i = 0; err == OGI_OK && ogi_t2s_data_files[i]; i++)
        err = hash_file(ogi_t2s_data_files[i], &fnv, &size);
    *matches = err == OGI_OK && fnv == ogi_t2s_data_fnv && size == ogi_t2s_data_size;
    return err;
}

ogi_error ogi_t2s_map_build(ogi_t2s_map *map)
{
    map->conv = NULL;
    map->trusted = 0;
    ogi_t2s_conv *conv = calloc(1, sizeof *conv);
    if (!conv)
        return OGI_ERROR_MEMORY;
    ogi_error err = data_matches(&map->trusted);
    /* the library is loaded on first need, but one that is not there is
     * said at once, as missing data is, not halfway through a batch */
    if (err == OGI_OK && access(ogi_t2s_library, R_OK) != 0)
        err = OGI_ERROR_OPENCC;
    if (err == OGI_OK && pthread_mutex_init(&conv->lock, NULL) != 0)
        err = OGI_ERROR_MEMORY;
    if (err != OGI_OK) {
        free(conv);
        return err;
    }
    conv->opencc = NO_OPENCC;
    map->conv = conv;
    return OGI_OK;
}

void ogi_t2s_map_free(ogi_t2s_map *map)
{
    ogi_t2s_conv *conv = map->conv;
    if (!conv)
        return;
    if (conv->opencc != NO_OPENCC)
        conv->api.close(conv->opencc);
    if (conv->api.handle)
        dlclose(conv->api.handle);
    for (size_t i = 0; i < conv->nslots; i++)
        free(conv->slots[i].key);
    free(conv->slots);
    pthread_mutex_destroy(&conv->lock);
    free(conv);
    map->conv = NULL;
}

int ogi_t2s_changing_astral_has(uint32_t cp)
{
    size_t lo = 0, hi = ogi_t2s_changing_nastral;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ogi_t2s_changing_astral[mid] == cp)
            return 1;
        if (ogi_t2s_changing_astral[mid] < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

int ogi_t2s_needed(const ogi_t2s_map *map, const char *s, size_t len)
{
    if (!map || !map->conv)
        return 0;
    for (size_t i = 0; i < len;) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        i += ogi_utf8_decode(s + i, len - i, &cp);
        if (ogi_t2s_changes(map, cp))
            return 1;
    }
    return 0;
}

/* Copies n bytes of src to out (size > 0), cut at a character boundary
 * to fit; src and out may overlap. */
static size_t copy_text(char *out, size_t size, const char *src, size_t n)
{
    if (n >= size) {
        n = size - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    memmove(out, src, n);
    out[n] = '\0';
    return n;
}

static uint64_t hash_text(const char *s, size_t len)
{
    uint64_t h = 0xcbf29ce484222325u; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001b3u;
    return h;
}

static cache_entry *cache_find(ogi_t2s_conv *conv, uint64_t hash, const char *key, size_t len)
{
    if (conv->nslots == 0)
        return NULL;
    for (size_t i = hash & (conv->nslots - 1);; i = (i + 1) & (conv->nslots - 1)) {
        cache_entry *e = &conv->slots[i];
        if (!e->key)
            return NULL;
        if (e->hash == hash && e->key_len == len && memcmp(e->key, key, len) == 0)
            return e;
    }
}

static void slot_put(cache_entry *slots, size_t nslots, cache_entry e)
{
    size_t i = e.hash & (nslots - 1);
    while (slots[i].key)
        i = (i + 1) & (nslots - 1);
    slots[i] = e;
}

/* Keeps key -> value unless the cache is full or memory is short (the
 * conversion is then done again next time: slower, never wrong). */
static void cache_put(ogi_t2s_conv *conv, uint64_t hash, const char *key, size_t key_len,
                      const char *value, size_t value_len)
{
    size_t need = key_len + value_len + 1;
    if (conv->nused >= CACHE_MAX_ENTRIES || conv->bytes + need > CACHE_MAX_BYTES)
        return;
    if (2 * (conv->nused + 1) > conv->nslots) { /* at most half full */
        size_t grown_n = conv->nslots ? conv->nslots * 2 : 64;
        cache_entry *grown = calloc(grown_n, sizeof *grown);
        if (!grown)
            return;
        for (size_t i = 0; i < conv->nslots; i++)
            if (conv->slots[i].key)
                slot_put(grown, grown_n, conv->slots[i]);
        free(conv->slots);
        conv->slots = grown;
        conv->nslots = grown_n;
    }
    char *text = malloc(need);
    if (!text)
        return;
    memcpy(text, key, key_len);
    memcpy(text + key_len, value, value_len);
    text[key_len + value_len] = '\0';
    slot_put(conv->slots, conv->nslots, (cache_entry){hash, text, key_len, value_len});
    conv->nused++;
    conv->bytes += need;
}

/* Loads libopencc by the path the build found it at (checked to exist by
 * ogi_t2s_map_build) and opens its t2s conversion; conv->opencc stays
 * NO_OPENCC if either fails. */
static void open_opencc(ogi_t2s_conv *conv)
{
    opencc_api api = {.handle = dlopen(ogi_t2s_library, RTLD_NOW | RTLD_LOCAL)};
    if (!api.handle)
        return;
    /* POSIX's way from an object pointer to a function pointer */
    *(void **)&api.open = dlsym(api.handle, "opencc_open");
    *(void **)&api.convert_utf8 = dlsym(api.handle, "opencc_convert_utf8");
    *(void **)&api.convert_utf8_free = dlsym(api.handle, "opencc_convert_utf8_free");
    *(void **)&api.close = dlsym(api.handle, "opencc_close");
    /* by full path: the files checked at start-up, never a t2s.json that
     * happens to be in the working directory */
    char *path = data_path("t2s.json");
    opencc_t od = NO_OPENCC;
    if (path && api.open && api.convert_utf8 && api.convert_utf8_free && api.close)
        od = api.open(path);
    free(path);
    if (od == NO_OPENCC) {
        dlclose(api.handle);
        return;
    }
    conv->api = api;
    conv->opencc = od;
}

size_t ogi_t2s_convert(const ogi_t2s_map *map, const char *in, size_t len, char *out, size_t size)
{
    if (size == 0)
        return 0;
    if (!ogi_t2s_needed(map, in, len))
        return copy_text(out, size, in, len);
    ogi_t2s_conv *conv = map->conv;
    uint64_t hash = hash_text(in, len);
    size_t n;
    pthread_mutex_lock(&conv->lock);
    cache_entry *hit = cache_find(conv, hash, in, len);
    if (hit) {
        n = copy_text(out, size, hit->key + hit->key_len, hit->value_len);
    } else {
        if (!conv->open_tried) {
            conv->open_tried = 1;
            open_opencc(conv);
        }
        char *converted =
            conv->opencc != NO_OPENCC ? conv->api.convert_utf8(conv->opencc, in, len) : NULL;
        if (converted) {
            conv->calls++;
            size_t converted_len = strlen(converted);
            cache_put(conv, hash, in, len, converted, converted_len);
            n = copy_text(out, size, converted, converted_len);
            conv->api.convert_utf8_free(converted);
        } else {
            n = copy_text(out, size, in, len);
        }
    }
    pthread_mutex_unlock(&conv->lock);
    return n;
}

#ifdef TESTING
size_t ogi_t2s_opencc_calls(const ogi_t2s_map *map)
{
    pthread_mutex_lock(&map->conv->lock);
    size_t n = map->conv->calls;
    pthread_mutex_unlock(&map->conv->lock);
    return n;
}

size_t ogi_t2s_cached(const ogi_t2s_map *map)
{
    pthread_mutex_lock(&map->conv->lock);
    size_t n = map->conv->nused;
    pthread_mutex_unlock(&map->conv->lock);
    return n;
}

void ogi_t2s_distrust(ogi_t2s_map *map)
{
    map->trusted = 0;
}
#endif
