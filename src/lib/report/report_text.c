/*
 * report_text.c - the report a clerk reads in a terminal or a log.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book.h"
#include "buf.h"
#include "common.h"
#include "findings.h"
#include "messages.h"
#include "template.h"

/* The report being written; the first failure is kept and ends it. */
typedef struct sbuf {
    ogi_buf text;
    ogi_error err;
} sbuf;

static void sb_printf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void sb_printf(sbuf *b, const char *fmt, ...)
{
    if (b->err != OGI_OK)
        return;
    va_list ap;
    va_start(ap, fmt);
    b->err = ogi_buf_vprintf(&b->text, fmt, ap);
    va_end(ap);
}

static const char *verdict(const ogi_report *r)
{
    static const ogi_msg msgs[] = {OGI_MSG_PASS, OGI_MSG_FAIL, OGI_MSG_NO_TABLES_VERDICT,
                                   OGI_MSG_UNREADABLE_VERDICT};
    return ogi_message(msgs[r->status], r->lang);
}

static void header(sbuf *b, const ogi_report *r)
{
    ogi_lang l = r->lang;
    const char *sep = ogi_message(OGI_MSG_SEP_COLON, l);
    sb_printf(b, "%s%s%s\n", ogi_message(OGI_MSG_FILE, l), sep, r->file);
    sb_printf(b, "%s%s%s\n", ogi_message(OGI_MSG_VERDICT, l), sep, verdict(r));
    if (r->status >= OGI_STATUS_NO_TABLES) {
        sb_printf(b, "  %s\n", ogi_strerror(r->error, l));
        return;
    }
    sb_printf(b, "%s%s", ogi_message(OGI_MSG_VERSION, l), sep);
    sb_printf(b, ogi_message(OGI_MSG_NAME_AND_TITLE, l), r->template_id,
              r->tmpl->title[l == OGI_LANG_EN]);
    sb_printf(b, "\n");
    sb_printf(b, "%s%s%s\n", ogi_message(OGI_MSG_AGENCY, l), sep,
              r->agency ? r->agency : ogi_message(OGI_MSG_UNKNOWN, l));
    if (r->year)
        sb_printf(b, "%s%s%d\n", ogi_message(OGI_MSG_YEAR, l), sep, r->year);
    else
        sb_printf(b, "%s%s%s\n", ogi_message(OGI_MSG_YEAR, l), sep,
                  ogi_message(OGI_MSG_UNKNOWN, l));
    sb_printf(b, ogi_message(OGI_MSG_COUNTS, l), r->counts[0], r->counts[1], r->counts[2]);
    sb_printf(b, "\n");
}

/* "表三 第四项 结转下年度继续办理 总计（'年报'!J47）填 18" */
static void suggestion(sbuf *b, const ogi_report *r, const ogi_book *book, const ogi_finding *x)
{
    ogi_lang l = r->lang;
    char pos[512], ref[512] = "", num[48];
    ogi_cell_position(r->tmpl, x->suggested_cell, l, pos, sizeof pos);
    size_t cell = ogi_template_cell(r->tmpl, x->suggested_cell);
    if (cell != OGI_NONE && r->values[cell].found)
        ogi_source_ref(book, r->values[cell].source, ref, sizeof ref);
    ogi_format_number(x->suggested_value, num, sizeof num);
    sb_printf(b, ogi_message(OGI_MSG_SUGGESTION_LINE, l), pos, ref, num);
}

static void finding_lines(sbuf *b, const ogi_report *r, const ogi_book *book, const ogi_finding *x)
{
    ogi_lang l = r->lang;
    char ref[512] = "", pos[512] = "";
    ogi_source_ref(book, x->source, ref, sizeof ref);
    if (x->ncells)
        ogi_cell_position(r->tmpl, x->cells[0], l, pos, sizeof pos);
    sb_printf(b, "  [%s] %s", ogi_message((ogi_msg)(OGI_MSG_SEVERITY_ERROR + x->severity), l),
              x->key);
    if (*ref && !strstr(x->key, ref)) /* map.extra_row's key is its place */
        sb_printf(b, "  %s", ref);
    if (*pos)
        sb_printf(b, "  %s", pos);
    sb_printf(b, "\n      %s\n", x->message);
    if (x->has_sides) {
        char e[48], a[48];
        ogi_format_number(x->expected, e, sizeof e);
        ogi_format_number(x->actual, a, sizeof a);
        const char *comma = ogi_message(OGI_MSG_SEP_COMMA, l);
        sb_printf(b, "      %s %s%s%s %s", ogi_message(OGI_MSG_EXPECTED, l), e, comma,
                  ogi_message(OGI_MSG_ACTUAL, l), a);
        if (x->has_suggested)
            suggestion(b, r, book, x);
        sb_printf(b, "\n");
    }
}

/* Findings about single cells repeat (115 empty cells): from this many of
 * one rule on, they are one block listing the cells, so that the sums
 * stand out. Infos are always one block. */
#define GROUP_MIN 3
#define REFS_PER_LINE 12

static int is_cell_finding(const ogi_finding *x)
{
    return strncmp(x->rule, "value.", 6) == 0;
}

static int same_group(const ogi_finding *a, const ogi_finding *b)
{
    return a->severity == b->severity && is_cell_finding(a) && is_cell_finding(b) &&
           strcmp(a->table, b->table) == 0 && strcmp(a->rule, b->rule) == 0;
}

/* The groups of one report, worked out once: comparing every finding with
 * every other one per table and per severity cost more than the rest of
 * the check (a report has hundreds of findings, its groups a handful). */
typedef struct groups {
    size_t *leader;      /* the group's first finding; i itself when alone */
    size_t *size;        /* by leader: how many findings the group has */
    unsigned char *cell; /* is_cell_finding, by finding */
    unsigned char *here; /* in the table being written, by finding */
} groups;

static void groups_free(groups *g)
{
    free(g->leader);
    free(g->size);
    free(g->cell);
    free(g->here);
}

/* Same as comparing with every earlier finding: same_group is an
 * equivalence, so comparing with the leaders found so far is enough. */
static ogi_error groups_build(groups *g, const ogi_report *r)
{
    size_t n = r->nfindings ? r->nfindings : 1;
    g->leader = malloc(n * sizeof *g->leader);
    g->size = calloc(n, sizeof *g->size);
    g->cell = malloc(n);
    g->here = malloc(n);
    size_t *leaders = malloc(n * sizeof *leaders);
    if (!g->leader || !g->size || !g->cell || !g->here || !leaders) {
        free(leaders);
        return OGI_ERROR_MEMORY;
    }
    size_t nleaders = 0;
    for (size_t i = 0; i < r->nfindings; i++) {
        const ogi_finding *x = &r->findings[i];
        g->cell[i] = (unsigned char)is_cell_finding(x);
        g->leader[i] = i;
        if (g->cell[i])
            for (size_t k = 0; k < nleaders; k++)
                if (same_group(&r->findings[leaders[k]], x)) {
                    g->leader[i] = leaders[k];
                    break;
                }
        if (g->leader[i] == i)
            leaders[nleaders++] = i;
        g->size[g->leader[i]]++;
    }
    free(leaders);
    return OGI_OK;
}

static int grouped(const ogi_report *r, const groups *g, size_t i)
{
    return g->cell[i] &&
           (r->findings[i].severity == OGI_SEVERITY_INFO || g->size[g->leader[i]] >= GROUP_MIN);
}

/* "'年报'!E7 F7 G7": the sheet is named when it changes. i leads its group. */
static void group_refs(sbuf *b, const ogi_report *r, const groups *g, const ogi_book *book,
                       size_t i)
{
    char ref[512], sheet[512] = "";
    size_t on_line = 0;
    for (size_t j = i; j < r->nfindings; j++) {
        if (g->leader[j] != i)
            continue;
        ref[0] = '\0';
        ogi_source_ref(book, r->findings[j].source, ref, sizeof ref);
        if (!ref[0])
            continue;
        const char *bang = strrchr(ref, '!');
        const char *shown = ref;
        if (bang) {
            size_t len = (size_t)(bang - ref) + 1;
            if (strlen(sheet) == len && strncmp(sheet, ref, len) == 0 && on_line)
                shown = bang + 1;
            else
                snprintf(sheet, sizeof sheet, "%.*s", (int)len, ref);
        }
        sb_printf(b, "%s%s", on_line == 0 ? "      " : " ", shown);
        if (++on_line == REFS_PER_LINE) {
            sb_printf(b, "\n");
            on_line = 0;
        }
    }
    if (on_line)
        sb_printf(b, "\n");
}

static void group_lines(sbuf *b, const ogi_report *r, const groups *g, const ogi_book *book,
                        size_t i)
{
    const ogi_finding *x = &r->findings[i];
    ogi_lang l = r->lang;
    sb_printf(b, ogi_message(OGI_MSG_TEXT_GROUP, l),
              ogi_message((ogi_msg)(OGI_MSG_SEVERITY_ERROR + x->severity), l), x->rule, g->size[i],
              x->message);
    group_refs(b, r, g, book, i);
}

static void table_section(sbuf *b, const ogi_report *r, groups *g, const ogi_book *book,
                          const char *table, const char *title)
{
    int any = 0;
    for (size_t i = 0; i < r->nfindings; i++) {
        g->here[i] = strcmp(r->findings[i].table, table) == 0;
        any |= g->here[i];
    }
    if (!any)
        return;
    sb_printf(b, "\n%s\n", title);
    /* by severity; within one, the sums and the layout before the cells
     * (dozens of empty cells must not hide a wrong total) */
    for (int sev = OGI_SEVERITY_ERROR; sev <= OGI_SEVERITY_INFO; sev++)
        for (int cells = 0; cells < 2; cells++)
            for (size_t i = 0; i < r->nfindings; i++) {
                const ogi_finding *x = &r->findings[i];
                if ((int)x->severity != sev || !g->here[i] || g->cell[i] != cells)
                    continue;
                if (!grouped(r, g, i))
                    finding_lines(b, r, book, x);
                else if (g->leader[i] == i) /* a group is written once, at its first */
                    group_lines(b, r, g, book, i);
            }
}

ogi_error ogi_report_text(const ogi_report *report, const ogi_book *book, char **out)
{
    *out = NULL;
    sbuf b = {{0}, OGI_OK};
    header(&b, report);
    if (report->tmpl) {
        groups g = {0};
        if (b.err == OGI_OK)
            b.err = groups_build(&g, report);
        if (b.err == OGI_OK) {
            for (size_t i = 0; i < report->tmpl->ntables; i++)
                table_section(&b, report, &g, book, report->tmpl->tables[i].id,
                              report->tmpl->tables[i].display[report->lang == OGI_LANG_EN]);
            table_section(&b, report, &g, book, "", ogi_message(OGI_MSG_GENERAL, report->lang));
        }
        groups_free(&g);
    }
    *out = b.err == OGI_OK ? ogi_buf_take(&b.text) : NULL;
    ogi_buf_free(&b.text);
    return *out ? OGI_OK : b.err != OGI_OK ? b.err : OGI_ERROR_MEMORY;
}
