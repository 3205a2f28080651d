/*
 * meta.c - the agency and the year, from a title line such as
 * "佛山市人力资源和社会保障局2019年政府信息公开工作年度报告" or a
 * "填报单位：……" line.
 */
#include "meta.h"

#include <string.h>

#include "common.h"

#define META_ROWS 400
#define META_TEXT_MAX 600

static const char *const unit_keys[] = {"填报单位", "报送单位", "单位名称", "填报机关", "报告单位"};
static const char *const title_keys[] = {"年度报告", "年报", "工作报告", "统计表", "报告"};

/* "2019年" at p: returns the year or 0. */
static int year_at(const char *p)
{
    for (int i = 0; i < 4; i++)
        if (p[i] < '0' || p[i] > '9')
            return 0;
    int y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
    if (y < 2000 || y > 2099 || strncmp(p + 4, "年", 3) != 0)
        return 0;
    return y;
}

static const char *find_year(const char *s, int *year)
{
    for (const char *p = s; *p; p++) {
        if (p > s && p[-1] >= '0' && p[-1] <= '9')
            continue;
        int y = year_at(p);
        if (y) {
            *year = y;
            return p;
        }
    }
    return NULL;
}

static int contains_any(const char *s, const char *const *keys, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strstr(s, keys[i]))
            return 1;
    return 0;
}

/* Trims spaces and separators off both ends, in place. */
static char *trim(char *s)
{
    while (*s == ' ' || *s == ':' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == ':' || s[n - 1] == '\t'))
        s[--n] = '\0';
    return s;
}

static const char *const seal_words[] = {"盖章", "公章", "印章", "签章", "签字", "签名", "单位章"};

static int is_seal_note(const char *s, size_t len)
{
    for (size_t i = 0; i < OGI_ARRAY_LEN(seal_words); i++)
        if (memmem(s, len, seal_words[i], strlen(seal_words[i])))
            return 1;
    return 0;
}

/* Drops the seal notes a form prints by the name wherever they stand:
 * "(盖章)", "[公章]", "【盖章】" (folded text, so （） are already ()),
 * and a bare "盖章" opening or closing it. In place. */
static void strip_seal_notes(char *s)
{
    static const char *const open[] = {"(", "[", "【", "〔"};
    static const char *const close[] = {")", "]", "】", "〕"};
    for (size_t k = 0; k < OGI_ARRAY_LEN(open); k++) {
        char *from = s;
        char *o;
        while ((o = strstr(from, open[k])) != NULL) {
            char *c = strstr(o + strlen(open[k]), close[k]);
            if (!c)
                break;
            char *end = c + strlen(close[k]);
            if (is_seal_note(o, (size_t)(end - o)))
                memmove(o, end, strlen(end) + 1);
            else
                from = end;
        }
    }
    for (size_t i = 0; i < OGI_ARRAY_LEN(seal_words); i++) {
        size_t n = strlen(seal_words[i]), len = strlen(s);
        if (strncmp(s, seal_words[i], n) == 0)
            memmove(s, s + n, len - n + 1);
        else if (len >= n && strcmp(s + len - n, seal_words[i]) == 0)
            s[len - n] = '\0';
    }
}

/* A name as the form gives it, without seal notes and separators. */
static const char *clean_name(char *name, ogi_arena *arena)
{
    strip_seal_notes(name);
    name = trim(name);
    return *name ? ogi_arena_strdup(arena, name) : NULL;
}

/* "填报单位：XX局" -> "XX局"; a bare "填报单位：" takes the next cell. */
static const char *unit_line(const ogi_book *book, const ogi_t2s_map *t2s, size_t s,
                             const ogi_cell *c, char *folded, ogi_arena *arena)
{
    for (size_t k = 0; k < OGI_ARRAY_LEN(unit_keys); k++) {
        char *at = strstr(folded, unit_keys[k]);
        if (!at)
            continue;
        char *rest = at + strlen(unit_keys[k]);
        strip_seal_notes(rest);
        rest = trim(rest);
        char *stop = strstr(rest, " ");
        if (stop)
            *stop = '\0';
        if (*rest)
            return clean_name(rest, arena);
        const ogi_sheet *sheet = &book->sheets[s];
        for (uint32_t col = c->col + 1; col < c->col + 4; col++) {
            const ogi_cell *next = ogi_sheet_cell(sheet, c->row, col);
            if (next && next->kind == OGI_CELL_TEXT) {
                char buf[META_TEXT_MAX * 2];
                ogi_text_fold(t2s, next->text, next->text_len, buf, sizeof buf);
                return clean_name(buf, arena);
            }
        }
    }
    return NULL;
}

/* A name is more than a couple of characters, and not a heading. */
static int plausible_name(const char *name)
{
    return strlen(name) >= 6 && !strstr(name, "、");
}

/* "2019年广东省人力资源和社会保障厅政府信息公开工作年度报告": the name
 * after the year, up to what the report is about. */
static char *name_after_year(char *after)
{
    static const char *const subjects[] = {"政府信息公开", "信息公开", "政务公开"};
    if (strncmp(after, "度", strlen("度")) == 0)
        after += strlen("度");
    char *end = NULL;
    for (size_t i = 0; i < OGI_ARRAY_LEN(subjects) && !end; i++)
        end = strstr(after, subjects[i]);
    if (!end)
        return NULL;
    *end = '\0';
    return trim(after);
}

static const char *title_agency(char *folded, int *year, ogi_arena *arena)
{
    if (!contains_any(folded, title_keys, OGI_ARRAY_LEN(title_keys)))
        return NULL;
    char *at = (char *)find_year(folded, year);
    if (!at)
        return NULL;
    char *after = at + 4 + strlen("年");
    at[0] = '\0';
    char *name = trim(folded);
    if (!plausible_name(name))
        name = name_after_year(after);
    if (!name)
        return NULL;
    strip_seal_notes(name);
    name = trim(name);
    if (!plausible_name(name))
        return NULL;
    return ogi_arena_strdup(arena, name);
}

void ogi_meta_find(const ogi_book *book, const ogi_t2s_map *t2s, ogi_arena *arena,
                   const char **agency, int *year)
{
    *agency = NULL;
    *year = 0;
    const char *title_name = NULL;
    char folded[META_TEXT_MAX * 2];
    /* once both are known nothing later changes them: stop folding
     * (OpenCC and all) the hundreds of cells that follow */
    for (size_t s = 0; s < book->nsheets && !(*agency && *year); s++) {
        const ogi_sheet *sheet = &book->sheets[s];
        for (size_t i = 0; i < sheet->ncells && !(*agency && *year); i++) {
            const ogi_cell *c = &sheet->cells[i];
            if (c->row >= META_ROWS)
                break;
            if (c->kind != OGI_CELL_TEXT || c->text_len > META_TEXT_MAX)
                continue;
            ogi_text_fold(t2s, c->text, c->text_len, folded, sizeof folded);
            if (!*agency)
                *agency = unit_line(book, t2s, s, c, folded, arena);
            int y = 0;
            if (!title_name || !*year) {
                const char *name = title_agency(folded, &y, arena);
                if (name && !title_name)
                    title_name = name;
                if (y && !*year)
                    *year = y;
            }
        }
    }
    if (!*agency)
        *agency = title_name;
}
