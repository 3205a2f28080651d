/*
 * serve_name.c - names that come from a request. Nothing a browser sends
 * becomes a path as it is: an agency becomes one folder name, an uploaded
 * file name one file name, both cleaned of everything that could climb
 * out of the inbox, hide the file from the service, or confuse Windows
 * clients reading the shares.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "serve.h"

#define MAX_CHARS 80

/* Extensions ogi reads; the outputs' names drop them (watch_name.c). */
static const char *const upload_exts[] = {".xls", ".xlsx", ".ods", ".et"};

/* Length of the UTF-8 sequence at s (0: invalid). */
static size_t utf8_len(const unsigned char *s, size_t left)
{
    size_t n = s[0] < 0x80             ? 1
               : (s[0] & 0xE0) == 0xC0 ? 2
               : (s[0] & 0xF0) == 0xE0 ? 3
               : (s[0] & 0xF8) == 0xF0 ? 4
                                       : 0;
    if (n == 0 || n > left || (n == 2 && s[0] < 0xC2))
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return n;
}

int serve_name_utf8_ok(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        size_t k = utf8_len(p + i, n - i);
        if (k == 0 || (k == 1 && (p[i] < 0x20 || p[i] == 0x7F)))
            return 0;
        i += k;
    }
    return 1;
}

/* Characters Windows forbids in names, and the separators of both. */
static int forbidden(unsigned char c)
{
    return c < 0x20 || c == 0x7F || strchr("/\\:*?\"<>|", c) != NULL;
}

/* The cleaned copy of s[0..n): forbidden characters dropped, spaces
 * trimmed, leading dots and "~$" dropped (they hide a file from the
 * service), trailing dots dropped (Windows), at most MAX_CHARS. */
static char *clean(const char *s, size_t n)
{
    if (!serve_name_utf8_ok(s, n))
        return NULL;
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    size_t len = 0, chars = 0;
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n && chars < MAX_CHARS;) {
        size_t k = utf8_len(p + i, n - i);
        if (!(k == 1 && forbidden(p[i]))) {
            memcpy(out + len, p + i, k);
            len += k;
            chars++;
        }
        i += k;
    }
    out[len] = '\0';
    size_t start = 0;
    while (out[start] == ' ' || out[start] == '.' || out[start] == '~' || out[start] == '$')
        start++;
    while (len > start && (out[len - 1] == ' ' || out[len - 1] == '.'))
        len--;
    memmove(out, out + start, len - start);
    out[len - start] = '\0';
    if (!out[0]) {
        free(out);
        return NULL;
    }
    return out;
}

/* A request that names a way out of its folder is an attack, not a typo:
 * refused rather than cleaned. */
static int climbs(const char *s)
{
    return strstr(s, "..") != NULL || s[0] == '.';
}

char *serve_name_folder(const char *agency)
{
    const char *s = agency;
    while (*s == ' ')
        s++;
    if (climbs(s) || strpbrk(s, "/\\"))
        return NULL;
    return clean(agency, strlen(agency));
}

char *serve_name_file(const char *uploaded)
{
    /* "C:\Users\clerk\年报.xls" from old browsers: the last component;
     * a name with "/" or ".." is no browser's */
    if (strchr(uploaded, '/') || strstr(uploaded, ".."))
        return NULL;
    const char *base = uploaded;
    for (const char *p = uploaded; *p; p++)
        if (*p == '/' || *p == '\\')
            base = p + 1;
    char *name = clean(base, strlen(base));
    if (!name)
        return NULL;
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof upload_exts / sizeof upload_exts[0]; i++) {
        size_t m = strlen(upload_exts[i]);
        if (n > m && strcasecmp(name + n - m, upload_exts[i]) == 0 && !watch_name_ignored(name))
            return name;
    }
    free(name);
    return NULL;
}
