/*
 * check.c - one workbook through the path: map onto every template, keep
 * the best fit, read the values, apply the rules, and make the report.
 */
#include <stdlib.h>
#include <string.h>

#include "book.h"
#include "common.h"
#include "context.h"
#include "findings.h"
#include "formula_eval.h"
#include "hybrid.h"
#include "map.h"
#include "messages.h"
#include "meta.h"
#include "rules.h"
#include "template.h"
#include "value.h"

/* A report and the storage of everything it points to: the public struct
 * shows the report, the box owns its memory. pub comes first, so a report
 * pointer is the box's pointer. */
typedef struct report_box {
    ogi_report pub;
    ogi_arena arena;
} report_box;

ogi_arena *ogi_report_arena(ogi_report *r)
{
    return &((report_box *)r)->arena;
}

ogi_report *ogi_report_new(const char *file, ogi_lang lang)
{
    report_box *box = calloc(1, sizeof *box);
    if (!box)
        return NULL;
    ogi_arena_init(&box->arena);
    ogi_report *r = &box->pub;
    ogi_arena *arena = &box->arena;
    r->lang = lang;
    r->file = ogi_arena_strdup(arena, file ? file : "");
    r->sha256 = "";
    if (!r->file) {
        ogi_report_free(r);
        return NULL;
    }
    return r;
}

void ogi_report_free(ogi_report *report)
{
    if (!report)
        return;
    report_box *box = (report_box *)report;
    ogi_arena_release(&box->arena);
    free(box);
}

ogi_error ogi_report_unreadable(const char *file, ogi_error why, ogi_lang lang, ogi_report **out)
{
    ogi_report *r = ogi_report_new(file, lang);
    if (!r)
        return OGI_ERROR_MEMORY;
    r->status = OGI_STATUS_UNREADABLE;
    r->error = why;
    *out = r;
    return OGI_OK;
}

/* The best-fitting template: most labels matched; a tie goes to the one
 * whose years include the workbook's year, else to the newest. */
static size_t choose(const ogi_context *ctx, const ogi_mapping *maps, int year)
{
    size_t best = 0;
    for (size_t i = 1; i < ctx->ntemplates; i++) {
        const ogi_template *t = ctx->templates[i], *b = ctx->templates[best];
        if (maps[i].score > maps[best].score)
            best = i;
        else if (maps[i].score == maps[best].score) {
            int fits = year && year >= t->year_first && year <= t->year_last;
            int best_fits = year && year >= b->year_first && year <= b->year_last;
            if (fits > best_fits || (fits == best_fits && t->year_first > b->year_first))
                best = i;
        }
    }
    return best;
}

/* "a" sep "b" in the arena (NULL when out of memory): a finding's key is
 * made dozens of times a report, and a printf of "%s:%s" cost more than
 * the finding itself. */
static const char *join(ogi_arena *arena, const char *a, char sep, const char *b)
{
    if (!a || !b)
        return NULL;
    size_t la = strlen(a), lb = strlen(b);
    char *s = ogi_arena_alloc(arena, la + lb + 2);
    if (!s)
        return NULL;
    memcpy(s, a, la);
    s[la] = sep;
    memcpy(s + la + 1, b, lb + 1);
    return s;
}

static int add_note_findings(ogi_findings *f, const ogi_template *t, size_t cell,
                             const ogi_value *v, unsigned notes)
{
    const char *table = t->tables[t->blocks[t->cells[cell].block].table].id;
    for (unsigned bit = 0; bit < OGI_NOTE_COUNT; bit++) {
        unsigned note = 1u << bit;
        if (!(notes & note))
            continue;
        const char *rule = ogi_note_rule(note);
        const char *key = join(f->arena, rule, ':', v->id);
        ogi_finding *x = ogi_findings_add(f, ogi_note_severity(note), rule, key, table);
        if (!key || !x || !ogi_finding_set_cells(f, x, t, &cell, 1))
            return 0;
        x->message = ogi_note_message(note, f->lang);
        x->source = v->source;
    }
    return 1;
}

static const char *cell_text(ogi_arena *a, const ogi_cell *c)
{
    if (!c || c->kind == OGI_CELL_EMPTY)
        return "";
    if (c->kind == OGI_CELL_TEXT || c->kind == OGI_CELL_ERROR)
        return ogi_arena_strndup(a, c->text, c->text_len);
    if (c->kind == OGI_CELL_BOOL)
        return c->number != 0 ? "TRUE" : "FALSE";
    char num[64];
    ogi_format_number(c->number, num, sizeof num);
    return ogi_arena_strdup(a, num);
}

static int read_values(ogi_report *r, const ogi_book *book, const ogi_mapping *m, ogi_findings *f)
{
    const ogi_template *t = m->tmpl;
    r->values = ogi_arena_alloc(ogi_report_arena(r), (t->ncells + 1) * sizeof *r->values);
    if (!r->values)
        return 0;
    r->nvalues = t->ncells;
    for (size_t i = 0; i < t->ncells; i++) {
        ogi_value *v = &r->values[i];
        v->id = t->cells[i].id;
        v->source = m->source[i];
        v->raw = "";
        if (m->source[i].sheet < 0)
            continue;
        const ogi_tcell *tc = &t->cells[i];
        const ogi_tcol *col = &t->blocks[tc->block].cols[tc->col];
        const ogi_cell *c =
            ogi_sheet_cell(&book->sheets[v->source.sheet], v->source.row, v->source.col);
        ogi_parsed p = ogi_value_parse(c, col->kind, m->unit[i]);
        if (p.notes == OGI_NOTE_FORMULA_UNCACHED && c->formula &&
            ogi_formula_eval(&book->sheets[v->source.sheet], c->formula, &p.value)) {
            p.is_null = 0;
            p.notes = OGI_NOTE_FORMULA_COMPUTED;
        }
        v->found = 1;
        v->is_null = p.is_null;
        v->value = p.value;
        v->is_formula = c && c->is_formula;
        v->raw = cell_text(ogi_report_arena(r), c);
        if (!v->raw || !add_note_findings(f, t, i, v, p.notes))
            return 0;
    }
    return 1;
}

static ogi_finding *map_finding(ogi_findings *f, ogi_severity sev, const char *rule,
                                const char *where, const char *table)
{
    const char *key = join(f->arena, rule, ':', where);
    return key ? ogi_findings_add(f, sev, rule, key, table) : NULL;
}

static int set_message(ogi_findings *f, ogi_finding *x, ogi_msg msg, const char *a, const char *b,
                       const char *c)
{
    x->message = ogi_arena_printf(f->arena, ogi_message(msg, f->lang), a, b, c);
    return x->message != NULL;
}

/* One error for a statutory row or column (id, shown as display) of table
 * tab that the mapper did not find; 0 when out of memory. */
static int missing_finding(ogi_findings *f, const ogi_ttable *tab, const char *id, const char *rule,
                           ogi_msg msg, const char *display)
{
    const char *where = join(f->arena, tab->id, '.', id);
    ogi_finding *x = where ? map_finding(f, OGI_SEVERITY_ERROR, rule, where, tab->id) : NULL;
    return x && set_message(f, x, msg, tab->display[f->lang == OGI_LANG_EN], display, NULL);
}

static int block_findings(ogi_findings *f, const ogi_mapping *m, size_t b)
{
    const ogi_template *t = m->tmpl;
    const ogi_tblock *blk = &t->blocks[b];
    const ogi_ttable *tab = &t->tables[blk->table];
    int en = f->lang == OGI_LANG_EN;
    for (size_t r = 0; r < blk->nrows; r++) {
        if (m->row_found[m->row_base[b] + r])
            continue;
        if (!missing_finding(f, tab, blk->rows[r].id, "map.missing_row", OGI_MSG_MAP_MISSING_ROW,
                             blk->rows[r].display[en]))
            return 0;
    }
    for (size_t c = 0; c < blk->ncols; c++) {
        if (!m->block_found[b] || m->col_found[m->col_base[b] + c])
            continue;
        if (!missing_finding(f, tab, blk->cols[c].id, "map.missing_column",
                             OGI_MSG_MAP_MISSING_COLUMN, blk->cols[c].display[en]))
            return 0;
    }
    return 1;
}

/* A table of a hybrid taken from another format than the hybrid's own. */
static int hybrid_findings(ogi_findings *f, const ogi_context *ctx, const ogi_hybrid *hyb)
{
    const ogi_template *t = hyb->tmpl;
    size_t newest = 0;
    for (size_t i = 0; i < hyb->ntables; i++)
        newest = hyb->source[i] > newest ? hyb->source[i] : newest;
    for (size_t i = 0; i < hyb->ntables; i++) {
        if (hyb->source[i] == newest)
            continue;
        const char *table = t->tables[i].id;
        ogi_finding *x = map_finding(f, OGI_SEVERITY_WARNING, "map.mixed_version", table, table);
        if (!x || !set_message(f, x, OGI_MSG_MAP_MIXED_VERSION,
                               t->tables[i].display[f->lang == OGI_LANG_EN],
                               ctx->templates[hyb->source[i]]->id, t->id))
            return 0;
    }
    return 1;
}

/* The statutory name of a part read through a label written otherwise. */
static const char *statutory_name(ogi_findings *f, const ogi_template *t, const ogi_label_read *rd)
{
    int en = f->lang == OGI_LANG_EN;
    const ogi_tblock *blk = &t->blocks[rd->block];
    if (rd->kind == OGI_LABEL_ROW)
        return blk->rows[rd->index].display[en];
    if (rd->kind == OGI_LABEL_GROUP)
        return t->tables[blk->table].groups[rd->index].display[en];
    const ogi_tcol *col = &blk->cols[rd->index];
    if (col->group == OGI_NONE)
        return col->display[en];
    return ogi_arena_printf(f->arena, "%s %s", t->tables[blk->table].groups[col->group].display[en],
                            col->display[en]);
}

/* Say what was read: every row or column taken through a label that is
 * not the format's (nor a variant the template lists), with the label as
 * written and the statutory one it was taken for. */
static int label_findings(ogi_findings *f, const ogi_mapping *m, const ogi_book *book)
{
    const ogi_template *t = m->tmpl;
    int en = f->lang == OGI_LANG_EN;
    for (size_t i = 0; i < m->nreads; i++) {
        const ogi_label_read *rd = &m->reads[i];
        char ref[300];
        ogi_source_ref(book, rd->source, ref, sizeof ref);
        const ogi_ttable *tab = &t->tables[t->blocks[rd->block].table];
        const char *where = ogi_arena_strdup(f->arena, ref);
        const char *name = statutory_name(f, t, rd);
        ogi_finding *x =
            where && name ? map_finding(f, OGI_SEVERITY_INFO, "map.label_variant", where, tab->id)
                          : NULL;
        if (!x)
            return 0;
        x->message = ogi_arena_printf(f->arena, ogi_message(OGI_MSG_MAP_LABEL_VARIANT, f->lang),
                                      tab->display[en], ref, rd->written, name);
        if (!x->message)
            return 0;
        x->source = rd->source;
    }
    return 1;
}

static int map_findings(ogi_findings *f, const ogi_context *ctx, const ogi_mapping *maps,
                        const ogi_mapping *m, const ogi_hybrid *hyb, const ogi_book *book)
{
    const ogi_template *t = m->tmpl;
    int en = f->lang == OGI_LANG_EN;
    for (size_t i = 0; i < t->ntables; i++) {
        if (m->table_found[i])
            continue;
        ogi_finding *x = map_finding(f, OGI_SEVERITY_ERROR, "map.missing_table", t->tables[i].id,
                                     t->tables[i].id);
        if (!x ||
            !set_message(f, x, OGI_MSG_MAP_MISSING_TABLE, t->tables[i].display[en], NULL, NULL))
            return 0;
    }
    for (size_t b = 0; b < t->nblocks; b++)
        if (m->table_found[t->blocks[b].table] && !block_findings(f, m, b))
            return 0;
    for (size_t i = 0; i < m->nextra; i++) {
        const ogi_extra_row *e = &m->extra[i];
        char ref[300];
        ogi_source_ref(book, e->source, ref, sizeof ref);
        const char *table = t->tables[e->table].id;
        ogi_finding *x = map_finding(f, OGI_SEVERITY_INFO, "map.extra_row",
                                     ogi_arena_strdup(f->arena, ref), table);
        if (!x || !set_message(f, x, OGI_MSG_MAP_EXTRA_ROW, t->tables[e->table].display[en],
                               e->label, NULL))
            return 0;
        x->source = e->source;
    }
    if (!label_findings(f, m, book))
        return 0;
    if (hyb)
        return hybrid_findings(f, ctx, hyb);
    /* a table that another format fits better */
    for (size_t i = 0; i < t->ntables; i++)
        for (size_t k = 0; k < ctx->ntemplates; k++) {
            if (maps[k].tmpl == t)
                continue;
            size_t ti = ogi_template_table(maps[k].tmpl, t->tables[i].id);
            if (ti == OGI_NONE || maps[k].table_score[ti] <= m->table_score[i])
                continue;
            ogi_finding *x = map_finding(f, OGI_SEVERITY_WARNING, "map.mixed_version",
                                         t->tables[i].id, t->tables[i].id);
            if (!x || !set_message(f, x, OGI_MSG_MAP_MIXED_VERSION, t->tables[i].display[en],
                                   maps[k].tmpl->id, t->id))
                return 0;
            break;
        }
    return 1;
}

/* One sheet seen as a book of its own, for the title of its tables. */
static void sheet_meta(const ogi_book *book, size_t s, const ogi_t2s_map *t2s, ogi_arena *arena,
                       const char **agency, int *year)
{
    ogi_book view = *book;
    view.sheets = &book->sheets[s];
    view.nsheets = 1;
    ogi_meta_find(&view, t2s, arena, agency, year);
}

/* Which of several equally complete sets of tables a clerk means: the
 * visible one before a hidden draft, then the latest title year (this
 * year's report beside last year's kept for comparison). */
static const int64_t *sheet_ranks(const ogi_context *ctx, const ogi_book *book, ogi_arena *arena)
{
    if (book->nsheets < 2)
        return NULL;
    int64_t *rank = ogi_arena_alloc(arena, book->nsheets * sizeof *rank);
    if (!rank)
        return NULL; /* out of memory: the first of equal sets wins, as without ranks */
    for (size_t s = 0; s < book->nsheets; s++) {
        const char *agency;
        int year;
        sheet_meta(book, s, &ctx->t2s, arena, &agency, &year);
        rank[s] = (book->sheets[s].hidden == OGI_SHEET_VISIBLE ? 1 << 16 : 0) + year;
    }
    return rank;
}

static const char *quoted_sheet(ogi_arena *a, const ogi_book *book, size_t s)
{
    return ogi_arena_printf(a, "'%s'", book->sheets[s].name);
}

/* The sheet of the first statutory cell found, or -1. */
static int32_t checked_sheet(const ogi_mapping *m)
{
    for (size_t i = 0; i < m->tmpl->ncells; i++)
        if (m->source[i].sheet >= 0)
            return m->source[i].sheet;
    return -1;
}

/* With several sets in the workbook, the agency and year are those of the
 * set checked, not of the first title in the workbook. */
static void own_meta(ogi_report *r, const ogi_context *ctx, const ogi_book *book,
                     const ogi_mapping *m)
{
    if (m->nother == 0)
        return;
    int32_t used = checked_sheet(m);
    const char *agency;
    int year;
    if (used < 0)
        return;
    sheet_meta(book, (size_t)used, &ctx->t2s, ogi_report_arena(r), &agency, &year);
    if (agency)
        r->agency = agency;
    if (year)
        r->year = year;
}

/* Nothing ignored silently: name the sheets with another set of tables. */
static int multiple_sets_finding(ogi_findings *f, const ogi_mapping *m, const ogi_book *book)
{
    if (m->nother == 0)
        return 1;
    const char *sep = ogi_message(OGI_MSG_SEP_LIST, f->lang);
    const char *list = "";
    for (size_t k = 0; k < m->nother && list; k++) {
        const char *name = quoted_sheet(f->arena, book, m->other_sheets[k]);
        list = name ? ogi_arena_printf(f->arena, "%s%s%s", list, k ? sep : "", name) : NULL;
    }
    int32_t used = checked_sheet(m);
    const char *first = quoted_sheet(f->arena, book, m->other_sheets[0]);
    const char *checked = used >= 0 ? quoted_sheet(f->arena, book, (size_t)used) : "";
    if (!list || !first || !checked)
        return 0;
    ogi_finding *x = map_finding(f, OGI_SEVERITY_WARNING, "map.multiple_sets", first, "");
    return x && set_message(f, x, OGI_MSG_MAP_MULTIPLE_SETS, checked, list, NULL);
}

/* Last year's report of the same agency is what the year.* rules need;
 * another agency's, or a report of another year, would give false
 * warnings, so its figures are not compared and the report says why.
 * Returns 1 when previous fits (or cannot be told apart), 0 when not, -1
 * when out of memory. */
static int previous_fits(ogi_findings *f, const ogi_report *r, const ogi_report *previous,
                         int same_agency)
{
    if (!previous)
        return 1;
    int year_off = previous->year && r->year && previous->year != r->year - 1;
    int agency_off =
        !same_agency && previous->agency && r->agency && strcmp(previous->agency, r->agency) != 0;
    if (!year_off && !agency_off)
        return 1;
    const char *unknown = ogi_message(OGI_MSG_UNKNOWN, f->lang);
    const char *prev_year =
        previous->year ? ogi_arena_printf(f->arena, "%d", previous->year) : unknown;
    const char *this_year = r->year ? ogi_arena_printf(f->arena, "%d", r->year) : unknown;
    const char *what = ogi_arena_printf(f->arena, ogi_message(OGI_MSG_PREVIOUS_WHO, f->lang),
                                        previous->agency ? previous->agency : unknown, prev_year,
                                        r->agency ? r->agency : unknown, this_year);
    ogi_finding *x = what ? map_finding(f, OGI_SEVERITY_WARNING, "year.previous_mismatch",
                                        year_off ? "year" : "agency", "")
                          : NULL;
    if (!x || !set_message(f, x, OGI_MSG_PREVIOUS_MISMATCH, what, NULL, NULL))
        return -1;
    return 0;
}

static size_t table_rank(const ogi_template *t, const char *table)
{
    size_t i = ogi_template_table(t, table);
    return i == OGI_NONE ? t->ntables : i;
}

/* Sorting needs the template: a small insertion sort keeps it simple
 * and stable (findings are at most a few hundred). */
static void sort_findings(const ogi_template *t, ogi_finding *v, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        ogi_finding x = v[i];
        size_t rx = table_rank(t, x.table), j = i;
        while (j > 0) {
            size_t rj = table_rank(t, v[j - 1].table);
            if (rj < rx || (rj == rx && v[j - 1].severity <= x.severity))
                break;
            v[j] = v[j - 1];
            j--;
        }
        v[j] = x;
    }
}

static void place_findings(ogi_report *r)
{
    for (size_t i = 0; i < r->nfindings; i++) {
        ogi_finding *x = &r->findings[i];
        if (x->source.sheet >= 0 || x->ncells == 0)
            continue;
        size_t cell = ogi_template_cell(r->tmpl, x->cells[0]);
        if (cell != OGI_NONE)
            x->source = r->values[cell].source;
    }
}

static int finish(ogi_report *r, ogi_findings *f)
{
    sort_findings(r->tmpl, f->v, f->n);
    r->findings = ogi_arena_alloc(ogi_report_arena(r), (f->n + 1) * sizeof *r->findings);
    if (!r->findings)
        return 0;
    if (f->n)
        memcpy(r->findings, f->v, f->n * sizeof *r->findings);
    r->nfindings = f->n;
    for (size_t i = 0; i < r->nfindings; i++)
        r->counts[r->findings[i].severity]++;
    place_findings(r);
    r->status = r->counts[OGI_SEVERITY_ERROR] ? OGI_STATUS_FAIL : OGI_STATUS_PASS;
    return 1;
}

/* When the tables fit different formats best (a 2021 表二 with an old
 * 表三), the hybrid made of each table's best format, else NULL. */
static const ogi_hybrid *hybrid_for(const ogi_context *ctx, const ogi_mapping *maps, size_t chosen)
{
    const ogi_template *t = maps[chosen].tmpl;
    size_t source[OGI_HYBRID_MAX_TABLES];
    int mixed = 0;
    if (t->ntables > OGI_HYBRID_MAX_TABLES)
        return NULL;
    for (size_t i = 0; i < t->ntables; i++) {
        size_t best = maps[chosen].table_score[i];
        source[i] = chosen;
        for (size_t k = 0; k < ctx->ntemplates; k++) {
            size_t ti = ogi_template_table(maps[k].tmpl, t->tables[i].id);
            if (ti == i && maps[k].table_score[ti] > best) {
                best = maps[k].table_score[ti];
                source[i] = k;
            }
        }
        mixed |= source[i] != chosen;
    }
    if (!mixed)
        return NULL;
    /* a table that fits several formats equally (表四 is the same in
     * both) is taken from the newest, whose id the hybrid bears */
    for (size_t i = 0; i < t->ntables; i++)
        for (size_t k = source[i] + 1; k < ctx->ntemplates; k++) {
            size_t ti = ogi_template_table(maps[k].tmpl, t->tables[i].id);
            if (ti == i && maps[k].table_score[ti] == maps[source[i]].table_score[i])
                source[i] = k;
        }
    return ogi_hybrid_find(ctx->hybrids, ctx->nhybrids, source, t->ntables);
}

static ogi_error check_mapped(ogi_report *r, const ogi_context *ctx, const ogi_book *book,
                              ogi_mapping *maps, const ogi_label_index *index, ogi_arena *scratch,
                              const ogi_report *previous, int same_agency)
{
    size_t chosen = choose(ctx, maps, r->year);
    if (maps[chosen].score == 0) {
        r->status = OGI_STATUS_NO_TABLES;
        r->error = OGI_ERROR_NO_TABLES;
        return OGI_OK;
    }
    const ogi_mapping *m = &maps[chosen];
    const ogi_hybrid *hyb = hybrid_for(ctx, maps, chosen);
    ogi_mapping mixed;
    if (hyb) {
        ogi_error err = ogi_map(hyb->tmpl, book, index, scratch, &mixed);
        if (err != OGI_OK)
            return err;
        if (mixed.score > m->score)
            m = &mixed;
        else
            hyb = NULL;
    }
    r->tmpl = m->tmpl;
    r->template_id = r->tmpl->id;
    own_meta(r, ctx, book, m);
    ogi_findings f = {NULL, 0, 0, ogi_report_arena(r), r->lang};
    int ok = read_values(r, book, m, &f) && map_findings(&f, ctx, maps, m, hyb, book) &&
             multiple_sets_finding(&f, m, book);
    int fits = ok ? previous_fits(&f, r, previous, same_agency) : -1;
    const ogi_report *last = fits == 1 ? previous : NULL;
    ogi_rule_inputs in = {r->values, last ? last->values : NULL, last ? last->nvalues : 0};
    ok = fits >= 0 && ogi_rules_apply(r->tmpl, &in, &f) && finish(r, &f);
    ogi_findings_release(&f);
    return ok ? OGI_OK : OGI_ERROR_MEMORY;
}

/* Last year's report, checked on its own, for the year.* rules. */
static ogi_error check_previous(const ogi_context *ctx, const ogi_check_options *opts,
                                ogi_report **prev)
{
    *prev = NULL;
    if (!opts || !opts->previous)
        return OGI_OK;
    ogi_check_options plain = {opts->lang, NULL, 0};
    return ogi_check(ctx, opts->previous, "", &plain, prev);
}

ogi_error ogi_check(const ogi_context *ctx, const ogi_book *book, const char *file,
                    const ogi_check_options *opts, ogi_report **out)
{
    *out = NULL;
    ogi_lang lang = opts ? opts->lang : OGI_LANG_ZH;
    ogi_report *prev;
    ogi_error perr = check_previous(ctx, opts, &prev);
    if (perr != OGI_OK)
        return perr;
    ogi_report *r = ogi_report_new(file, lang);
    if (!r) {
        ogi_report_free(prev);
        return OGI_ERROR_MEMORY;
    }
    r->sha256 = ogi_arena_strdup(ogi_report_arena(r), book->sha256);
    ogi_meta_find(book, &ctx->t2s, ogi_report_arena(r), &r->agency, &r->year);
    ogi_arena scratch;
    ogi_arena_init(&scratch);
    ogi_label_index index;
    ogi_mapping *maps = ogi_arena_alloc(&scratch, (ctx->ntemplates + 1) * sizeof *maps);
    ogi_error err =
        maps ? ogi_label_index_build(&index, book, &ctx->t2s, &scratch) : OGI_ERROR_MEMORY;
    if (err == OGI_OK)
        index.sheet_rank = sheet_ranks(ctx, book, &scratch);
    for (size_t i = 0; err == OGI_OK && i < ctx->ntemplates; i++) {
        err = ogi_book_check_time(book);
        if (err == OGI_OK)
            err = ogi_map(ctx->templates[i], book, &index, &scratch, &maps[i]);
    }
    if (err == OGI_OK)
        err = ogi_book_check_time(book);
    if (err == OGI_OK && ctx->ntemplates > 0)
        err = check_mapped(r, ctx, book, maps, &index, &scratch,
                           prev && prev->status <= OGI_STATUS_FAIL ? prev : NULL,
                           opts && opts->previous_same_agency);
    else if (err == OGI_OK)
        err = OGI_ERROR_TEMPLATE;
    ogi_arena_release(&scratch);
    ogi_report_free(prev);
    if (err != OGI_OK || !r->sha256) {
        ogi_report_free(r);
        return err != OGI_OK ? err : OGI_ERROR_MEMORY;
    }
    *out = r;
    return OGI_OK;
}
