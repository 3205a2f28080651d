/*
 * package.c - reading a zip container safely with libzip.
 */
#include "package.h"

#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "buf.h"
#include "common.h"

#define CHUNK (64u << 10)

struct ogi_package {
    zip_t *zip;
    uint64_t inflated; /* bytes inflated so far, all entries together */
};

ogi_error ogi_package_open(const unsigned char *data, size_t len, ogi_package **out)
{
    *out = NULL;
    zip_error_t zerr;
    zip_error_init(&zerr);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &zerr);
    if (!src) {
        zip_error_fini(&zerr);
        return OGI_ERROR_MEMORY;
    }
    zip_t *zip = zip_open_from_source(src, ZIP_RDONLY, &zerr);
    int code = zip_error_code_zip(&zerr);
    zip_error_fini(&zerr);
    if (!zip) {
        zip_source_free(src);
        return code == ZIP_ER_MEMORY ? OGI_ERROR_MEMORY : OGI_ERROR_CORRUPT;
    }
    ogi_package *pkg = calloc(1, sizeof *pkg);
    if (!pkg) {
        zip_discard(zip); /* frees src too */
        return OGI_ERROR_MEMORY;
    }
    pkg->zip = zip;
    if (zip_get_num_entries(zip, 0) > (zip_int64_t)OGI_PACKAGE_MAX_ENTRIES) {
        ogi_package_free(pkg);
        return OGI_ERROR_ZIP_BOMB;
    }
    *out = pkg;
    return OGI_OK;
}

void ogi_package_free(ogi_package *pkg)
{
    if (!pkg)
        return;
    zip_discard(pkg->zip);
    free(pkg);
}

static zip_int64_t locate(const ogi_package *pkg, const char *name)
{
    return zip_name_locate(pkg->zip, name, ZIP_FL_NOCASE);
}

int ogi_package_has(const ogi_package *pkg, const char *name)
{
    return locate(pkg, name) >= 0;
}

/* What the central directory says, checked before inflating anything. */
static ogi_error check_entry(const ogi_package *pkg, zip_uint64_t index, zip_uint64_t *comp_size)
{
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(pkg->zip, index, 0, &st) != 0)
        return OGI_ERROR_CORRUPT;
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
        return OGI_ERROR_ENCRYPTED;
    if ((st.valid & ZIP_STAT_SIZE) && st.size > OGI_PACKAGE_MAX_INFLATED - pkg->inflated)
        return OGI_ERROR_ZIP_BOMB;
    *comp_size = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
    return OGI_OK;
}

/* The declared sizes may lie: the limits apply to the bytes inflated. */
static ogi_error count_inflated(ogi_package *pkg, uint64_t entry_total, zip_uint64_t comp_size,
                                size_t more)
{
    pkg->inflated += more;
    if (pkg->inflated > OGI_PACKAGE_MAX_INFLATED)
        return OGI_ERROR_ZIP_BOMB;
    if (entry_total > OGI_PACKAGE_RATIO_GRACE &&
        entry_total / OGI_PACKAGE_MAX_RATIO > (comp_size ? comp_size : 1))
        return OGI_ERROR_ZIP_BOMB;
    return OGI_OK;
}

ogi_error ogi_package_stream(ogi_package *pkg, const char *name, ogi_package_sink sink, void *ud)
{
    zip_int64_t index = locate(pkg, name);
    if (index < 0)
        return OGI_ERROR_PART_MISSING;
    zip_uint64_t comp_size = 0;
    ogi_error err = check_entry(pkg, (zip_uint64_t)index, &comp_size);
    if (err != OGI_OK)
        return err;
    zip_file_t *file = zip_fopen_index(pkg->zip, (zip_uint64_t)index, 0);
    if (!file)
        return OGI_ERROR_CORRUPT;
    char *buf = malloc(CHUNK);
    if (!buf) {
        zip_fclose(file);
        return OGI_ERROR_MEMORY;
    }
    uint64_t total = 0;
    for (;;) {
        zip_int64_t n = zip_fread(file, buf, CHUNK);
        if (n < 0) /* inflate error, bad CRC, cut-off data */
            err = OGI_ERROR_CORRUPT;
        if (n <= 0)
            break;
        total += (uint64_t)n;
        err = count_inflated(pkg, total, comp_size, (size_t)n);
        if (err == OGI_OK)
            err = sink(ud, buf, (size_t)n);
        if (err != OGI_OK)
            break;
    }
    free(buf);
    zip_fclose(file);
    return err;
}

static ogi_error slurp_sink(void *ud, const char *chunk, size_t len)
{
    return ogi_buf_add(ud, chunk, len);
}

ogi_error ogi_package_slurp(ogi_package *pkg, const char *name, size_t max, char **out, size_t *len)
{
    ogi_buf b;
    /* a part longer than its format allows is a damaged file */
    ogi_buf_init(&b, max ? max : 1, OGI_ERROR_CORRUPT);
    ogi_error err = ogi_package_stream(pkg, name, slurp_sink, &b);
    *len = b.len;
    *out = err == OGI_OK ? ogi_buf_take(&b) : NULL;
    ogi_buf_free(&b);
    if (err == OGI_OK && !*out)
        err = OGI_ERROR_MEMORY;
    return err;
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Appends one path segment to out (length *o), applying "." and "..". */
static int push_segment(char *out, size_t *o, size_t size, const char *seg, size_t n)
{
    if (n == 0 || (n == 1 && seg[0] == '.'))
        return 1;
    if (n == 2 && seg[0] == '.' && seg[1] == '.') {
        if (*o == 0)
            return 0; /* above the package root */
        while (*o > 0 && out[*o - 1] != '/')
            (*o)--;
        if (*o > 0)
            (*o)--; /* the slash before the dropped segment */
        return 1;
    }
    if (*o + (*o > 0) + n + 1 > size)
        return 0;
    if (*o > 0)
        out[(*o)++] = '/';
    memcpy(out + *o, seg, n);
    *o += n;
    return 1;
}

/* Splits path at '/' and pushes every segment. */
static int push_path(char *out, size_t *o, size_t size, const char *path, size_t len)
{
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || path[i] == '/') {
            if (!push_segment(out, o, size, path + start, i - start))
                return 0;
            start = i + 1;
        }
    }
    return 1;
}

int ogi_package_resolve(const char *base, const char *target, char *out, size_t size)
{
    char decoded[1024];
    size_t d = 0;
    for (size_t i = 0; target[i]; i++) {
        if (d + 1 >= sizeof decoded)
            return 0;
        int hi, lo;
        if (target[i] == '%' && (hi = hex_value(target[i + 1])) >= 0 &&
            (lo = hex_value(target[i + 2])) >= 0) {
            decoded[d++] = (char)(hi << 4 | lo);
            i += 2;
        } else if (target[i] == '#' || target[i] == '?') {
            break; /* a fragment or query is not part of the name */
        } else {
            decoded[d++] = target[i];
        }
    }
    if (size == 0 || d == 0)
        return 0;
    size_t o = 0;
    if (decoded[0] != '/') {
        const char *slash = strrchr(base, '/');
        if (slash && !push_path(out, &o, size, base, (size_t)(slash - base)))
            return 0;
    }
    if (!push_path(out, &o, size, decoded, d) || o == 0)
        return 0;
    out[o] = '\0';
    return 1;
}
