/*
 * watch_name.c - what names mean in the watched folder.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common.h"
#include "watch.h"

/* Suffixes of files that are still being made by someone. */
static const char *const temp_suffixes[] = {
    ".tmp", ".temp", ".part", ".partial", ".crdownload", ".download", ".swp", ".lock", "~"};
/* Files operating systems leave in shared folders. */
static const char *const system_files[] = {"Thumbs.db", "desktop.ini", "ehthumbs.db"};
/* Extensions the outputs drop: NAME.xls -> NAME.checked.xlsx. */
static const char *const sheet_exts[] = {".xls", ".xlsx", ".xlsm", ".ods", ".et"};

static int ends_with_ci(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n > m && strcasecmp(s + n - m, suffix) == 0;
}

int watch_name_ignored(const char *base)
{
    /* dot files: rsync's ".NAME.XXXXXX", LibreOffice's ".~lock.NAME#",
     * our own ".NAME.XXXXXX.tmp"; "~$NAME": Office's owner files */
    if (base[0] == '\0' || base[0] == '.' || strncmp(base, "~$", 2) == 0)
        return 1;
    for (size_t i = 0; i < OGI_ARRAY_LEN(temp_suffixes); i++)
        if (ends_with_ci(base, temp_suffixes[i]))
            return 1;
    for (size_t i = 0; i < OGI_ARRAY_LEN(system_files); i++)
        if (strcasecmp(base, system_files[i]) == 0)
            return 1;
    return 0;
}

/* Where the extension of the last component of rel begins (its end when
 * it has none). */
static size_t ext_start(const char *rel)
{
    const char *slash = strrchr(rel, '/');
    const char *base = slash ? slash + 1 : rel;
    const char *dot = strrchr(base, '.');
    return dot && dot != base ? (size_t)(dot - rel) : strlen(rel);
}

char *watch_name_numbered(const char *rel, unsigned k)
{
    if (k == 0)
        return strdup(rel);
    size_t cut = ext_start(rel), n = strlen(rel) + 16;
    char *out = malloc(n);
    if (out)
        snprintf(out, n, "%.*s.%u%s", (int)cut, rel, k, rel + cut);
    return out;
}

char *watch_name_stem(const char *rel, unsigned k)
{
    size_t cut = strlen(rel);
    for (size_t i = 0; i < OGI_ARRAY_LEN(sheet_exts); i++)
        if (ends_with_ci(rel, sheet_exts[i]) && rel[cut - strlen(sheet_exts[i]) - 1] != '/') {
            cut -= strlen(sheet_exts[i]);
            break;
        }
    size_t n = cut + 16;
    char *out = malloc(n);
    if (!out)
        return NULL;
    if (k == 0)
        snprintf(out, n, "%.*s", (int)cut, rel);
    else
        snprintf(out, n, "%.*s.%u", (int)cut, rel, k);
    return out;
}

char *watch_name_submitter(const char *rel)
{
    const char *slash = strchr(rel, '/');
    return slash ? strndup(rel, (size_t)(slash - rel)) : strdup("");
}

/* Bytes taken by the first n UTF-8 characters of s. */
static size_t utf8_skip(const char *s, unsigned n)
{
    size_t i = 0;
    while (s[i] && n > 0) {
        i++;
        while (((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        n--;
    }
    return i;
}

static char *concat(const char *a, const char *b, const char *c)
{
    size_t n = strlen(a) + strlen(b) + strlen(c) + 1;
    char *out = malloc(n);
    if (out)
        snprintf(out, n, "%s%s%s", a, b, c);
    return out;
}

char **watch_name_editor_locks(const char *base)
{
    char **list = calloc(4, sizeof *list);
    if (!list)
        return NULL;
    /* LibreOffice; Office and WPS ("~$" replaces the first two characters
     * of long names) */
    list[0] = concat(".~lock.", base, "#");
    list[1] = concat("~$", base, "");
    list[2] = concat("~$", base + utf8_skip(base, 2), "");
    if (!list[0] || !list[1] || !list[2]) {
        for (int i = 0; i < 3; i++)
            free(list[i]);
        free(list);
        return NULL;
    }
    return list;
}

void watch_name_free_list(char **list)
{
    if (!list)
        return;
    for (char **p = list; *p; p++)
        free(*p);
    free(list);
}

char *watch_name_clash_key(const char *rel)
{
    const char *slash = strrchr(rel, '/');
    const char *base = slash ? slash + 1 : rel;
    const char *dot = strchr(base, '.');
    return strndup(rel, dot ? (size_t)(dot - rel) : strlen(rel));
}

char *watch_path(const char *dir, const char *rel)
{
    return rel[0] ? concat(dir, "/", rel) : strdup(dir);
}
