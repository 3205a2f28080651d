/*
 * map.c - finding the statutory tables in a book.
 *
 * A block (a sub-table) is found from its row labels: the cluster of rows
 * whose labels the template knows. Its header is the band of rows just
 * above, where the column labels stand; group labels over them (行政复议,
 * 法人或其他组织) reach across by merges or, unmerged, over the blank cells to
 * their right. A block without rows (表四) is the one data row under its
 * header. The algorithm never names a label: everything comes from the
 * template.
 */
#include "map.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "common.h"

#define LABEL_MAX_BYTES 600 /* longer text is narrative, not a label */
#define CLUSTER_GAP 6       /* rows between two labels of one block */
#define HEADER_BAND 6       /* header rows searched above a block */
#define BLOCK_MAX_SPAN 512  /* sheet rows from a block's first row to its last */
#define CANDIDATES 8        /* labels kept per written label in the similarity search */

typedef struct hit {
    uint32_t sheet, row, col;
    const ogi_label_entry *entry;
    int suffix;   /* matched the end of a longer (full) label */
    int glued;    /* ...with no numbering or bracket before it (行行政处罚): said */
    uint16_t sim; /* OGI_SIM_EXACT, or how close a label written differently is */
} hit;

static int is_exact(const hit *x)
{
    return x->sim == OGI_SIM_EXACT;
}

typedef struct hits {
    hit *v;
    size_t n, cap;
} hits;

static ogi_error push_hit(hits *h, hit x)
{
    if (h->n == h->cap) {
        ogi_error err;
        hit *grown = OGI_ARRAY_RESERVE(h->v, &h->cap, h->n + 1, 0, &err);
        if (!grown)
            return err;
        h->v = grown;
    }
    h->v[h->n++] = x;
    return OGI_OK;
}

ogi_error ogi_label_index_build(ogi_label_index *index, const ogi_book *book,
                                const ogi_t2s_map *t2s, ogi_arena *arena)
{
    index->nsheets = book->nsheets;
    index->sheet_rank = NULL;
    index->cells = ogi_arena_alloc(arena, (book->nsheets + 1) * sizeof *index->cells);
    index->ncells = ogi_arena_alloc(arena, (book->nsheets + 1) * sizeof *index->ncells);
    if (!index->cells || !index->ncells)
        return OGI_ERROR_MEMORY;
    char buf[LABEL_MAX_BYTES * 2];
    for (size_t s = 0; s < book->nsheets; s++) {
        const ogi_sheet *sheet = &book->sheets[s];
        size_t n = 0;
        for (size_t i = 0; i < sheet->ncells; i++)
            n += sheet->cells[i].kind == OGI_CELL_TEXT &&
                 sheet->cells[i].text_len <= LABEL_MAX_BYTES;
        ogi_lcell *cells = ogi_arena_alloc(arena, (n + 1) * sizeof *cells);
        if (!cells)
            return OGI_ERROR_MEMORY;
        size_t k = 0;
        for (size_t i = 0; i < sheet->ncells; i++) {
            const ogi_cell *c = &sheet->cells[i];
            if (c->kind != OGI_CELL_TEXT || c->text_len > LABEL_MAX_BYTES)
                continue;
            size_t len = ogi_label_norm(t2s, c->text, c->text_len, buf, sizeof buf);
            if (len == 0)
                continue;
            cells[k].row = c->row;
            cells[k].col = c->col;
            cells[k].len = (uint32_t)len;
            cells[k].norm = ogi_arena_strndup(arena, buf, len);
            if (!cells[k].norm)
                return OGI_ERROR_MEMORY;
            k++;
        }
        index->cells[s] = cells;
        index->ncells[s] = k;
    }
    return OGI_OK;
}

/* A row label may be the end of a full label ("三、本年度办理结果（三）不予
 * 公开 1.属于国家秘密"): accept a suffix when it is long enough to be
 * unmistakable, or when numbering stands right before it. */
static const ogi_label_entry *suffix_lookup(const ogi_template *t, const char *s, size_t len,
                                            int *glued)
{
    *glued = 0;
    for (size_t i = 1; i < len; i++) {
        if (((unsigned char)s[i] & 0xC0) == 0x80)
            continue;
        size_t rest = len - i;
        if (rest > t->max_label_len)
            continue;
        const ogi_label_entry *e = ogi_template_label(t, s + i, rest);
        if (!e)
            continue;
        int has_row = 0;
        for (size_t u = 0; u < e->nuses; u++)
            has_row |= e->uses[u].kind == OGI_LABEL_ROW;
        char before = s[i - 1];
        if (has_row && (before == ')' || before == '.'))
            return e;
        if (has_row && ogi_utf8_length(s + i, rest) >= 4) {
            /* a parent or numbering before a label is the format's way of
             * writing it; other text glued before it (a character typed
             * twice, 行行政处罚) is not, and is said */
            *glued = !(i >= 3 && memcmp(s + i - 3, "\xE3\x80\x81", 3) == 0);
            return e;
        }
        if (has_row && i >= 3 && memcmp(s + i - 3, "\xE3\x80\x81", 3) == 0)
            return e; /* 、 */
    }
    return NULL;
}

/* Whether two label entries name a part in common (variants of one row);
 * a parent label (NULL) shares none. */
static int share_use(const ogi_label_entry *a, const ogi_label_entry *b)
{
    if (!a || !b)
        return 0;
    for (size_t i = 0; i < a->nuses; i++)
        for (size_t k = 0; k < b->nuses; k++)
            if (a->uses[i].kind == b->uses[k].kind && a->uses[i].block == b->uses[k].block &&
                a->uses[i].index == b->uses[k].index && a->uses[i].table == b->uses[k].table)
                return 1;
    return 0;
}

/* The best candidate for text, when it is unmistakable: close enough, and
 * every label of another part well behind it. */
static const ogi_label_entry *clear_winner(const ogi_template *t, const ogi_label_candidate *c,
                                           size_t n, unsigned *sim)
{
    if (n == 0 || c[0].sim < OGI_SIM_ACCEPT)
        return NULL;
    const ogi_label_entry *best = t->finder_entry[c[0].label];
    if (!best)
        return NULL; /* closest to a parent label: not a row's */
    for (size_t k = 1; k < n; k++)
        if (!share_use(best, t->finder_entry[c[k].label]) && c[k].sim + OGI_SIM_MARGIN > c[0].sim)
            return NULL;
    *sim = c[0].sim;
    return best;
}

/* A label written otherwise than any of the template's: the statutory
 * label it is close to without doubt, or NULL. The text after an inner
 * numbering (a parent written before its row) is tried too. */
/* The clear winner for text cps (clear_winner) when it scores above *sim,
 * which it then becomes; else best as it was. */
static const ogi_label_entry *closer_winner(const ogi_template *t, const ogi_cps *cps,
                                            uint16_t *work, const ogi_label_entry *best,
                                            unsigned *sim)
{
    ogi_label_candidate c[CANDIDATES];
    size_t n = ogi_label_finder_query(&t->finder, cps, OGI_SIM_ACCEPT - OGI_SIM_MARGIN, work, c,
                                      CANDIDATES);
    unsigned s;
    const ogi_label_entry *e = clear_winner(t, c, n, &s);
    if (!e || s <= *sim)
        return best;
    *sim = s;
    return e;
}

static const ogi_label_entry *similar_label(const ogi_template *t, const char *norm, size_t len,
                                            uint16_t *work, unsigned *sim)
{
    const ogi_label_entry *best = NULL;
    *sim = 0;
    ogi_label_view view[OGI_LABEL_VIEWS];
    size_t nviews = ogi_label_views(norm, len, view);
    for (size_t v = 0; v < nviews; v++) {
        ogi_cps cps;
        if (ogi_cps_from(norm + view[v].from, view[v].len, &cps))
            best = closer_winner(t, &cps, work, best, sim);
    }
    /* a character typed twice (行行政复, 结果果纠正): no statutory label
     * has one character twice in a row (checked when a template is
     * loaded would be better; today's two do not), so the text with each
     * doubled character once is read too */
    ogi_cps once;
    if (ogi_cps_from(norm, len, &once)) {
        uint32_t n = 0;
        for (uint32_t i = 0; i < once.n; i++)
            if (n == 0 || once.cp[i] != once.cp[n - 1])
                once.cp[n++] = once.cp[i];
        if (n < once.n && n > 0) {
            once.n = n;
            best = closer_winner(t, &once, work, best, sim);
        }
    }
    /* a part of the text equal to a label is still not the label as
     * written: it is said (map.label_variant) */
    if (*sim >= OGI_SIM_EXACT)
        *sim = OGI_SIM_EXACT - 1;
    return best;
}

/* A label broken over two cells, side by side (行政 | 复议) or one over
 * the other (总 / 计): the label of their joined text, when neither is one
 * alone. Read as written otherwise, so said (map.label_variant). */
#define SPLIT_SIM (OGI_SIM_EXACT - 1)
#define SHORT_HALF_BYTES 12 /* four ideographs: a label this short may be a half */

/* The label cell at (row, col) of sheet s, or NULL. */
static const ogi_lcell *lcell_at(const ogi_label_index *index, size_t s, uint32_t row, uint32_t col)
{
    size_t lo = 0, hi = index->ncells[s];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const ogi_lcell *m = &index->cells[s][mid];
        if (m->row < row || (m->row == row && m->col < col))
            lo = mid + 1;
        else
            hi = mid;
    }
    const ogi_lcell *c = lo < index->ncells[s] ? &index->cells[s][lo] : NULL;
    return c && c->row == row && c->col == col ? c : NULL;
}

/* The label two neighbouring cells make together, or NULL. Two labels
 * side by side are two labels; one half may be a label of its own (（六）其他
 * | 处理: 其他 is a column and 2021's 3.其他, but with the half after it the
 * text is 2019's （六）其他处理, the longer reading). */
static const ogi_label_entry *joined_label(const ogi_template *t, const ogi_lcell *a,
                                           const ogi_lcell *b)
{
    if (!a || !b || a->len == 0 || b->len == 0 || a->len + b->len > t->max_label_len)
        return NULL;
    const ogi_label_entry *ea = ogi_template_label(t, a->norm, a->len),
                          *eb = ogi_template_label(t, b->norm, b->len);
    if (ea && eb)
        return NULL;
    char joined[LABEL_MAX_BYTES * 2];
    memcpy(joined, a->norm, a->len);
    memcpy(joined + a->len, b->norm, b->len);
    const ogi_label_entry *e = ogi_template_label(t, joined, a->len + b->len);
    return e != ea && e != eb ? e : NULL;
}

/* The label cell c is half of, with the cell right of it, left of it,
 * below or above it; NULL when none. */
static const ogi_label_entry *split_label(const ogi_template *t, const ogi_label_index *index,
                                          size_t s, const ogi_lcell *c)
{
    const ogi_label_entry *e = NULL;
    if (c->col < UINT32_MAX)
        e = joined_label(t, c, lcell_at(index, s, c->row, c->col + 1));
    if (!e && c->col > 0)
        e = joined_label(t, lcell_at(index, s, c->row, c->col - 1), c);
    if (!e && c->row < UINT32_MAX)
        e = joined_label(t, c, lcell_at(index, s, c->row + 1, c->col));
    if (!e && c->row > 0)
        e = joined_label(t, lcell_at(index, s, c->row - 1, c->col), c);
    return e;
}

static unsigned structure_score(const ogi_labels *labels, const ogi_lcell *c);
static int group_within(const ogi_ttable *tab, size_t g, size_t want);
static size_t first_lcell(const ogi_label_index *index, uint32_t s, uint32_t r);

/* Whether the labels written in the row under a band, across its columns,
 * that the format knows are all group g's columns or subgroups, and there
 * are at least two: the band stands over g's structure. */
static int band_over_group(const ogi_template *t, const ogi_label_index *index, size_t s,
                           const ogi_merge *m, size_t table, size_t g)
{
    const ogi_ttable *tab = &t->tables[table];
    size_t seen = 0;
    uint32_t below = m->last_row + 1;
    for (size_t i = first_lcell(index, (uint32_t)s, below);
         i < index->ncells[s] && index->cells[s][i].row == below; i++) {
        const ogi_lcell *c = &index->cells[s][i];
        if (c->col < m->first_col || c->col > m->last_col)
            continue;
        const ogi_label_entry *e = ogi_template_label(t, c->norm, c->len);
        int ours = 0;
        for (size_t u = 0; e && u < e->nuses && !ours; u++) {
            const ogi_label_use *use = &e->uses[u];
            if (use->table != table)
                continue;
            if (use->kind == OGI_LABEL_GROUP)
                ours = use->index != g && group_within(tab, use->index, g);
            else if (use->kind == OGI_LABEL_COL) {
                size_t cg = t->blocks[use->block].cols[use->index].group;
                ours = cg != OGI_NONE && group_within(tab, cg, g);
            }
        }
        if (!e)
            continue; /* reworded too: it neither confirms nor refutes */
        if (!ours)
            return 0;
        seen++;
    }
    return seen >= 2;
}

/* The columns of group g (its own and its subgroups'). */
static size_t group_width(const ogi_template *t, size_t table, size_t g)
{
    const ogi_ttable *tab = &t->tables[table];
    size_t n = 0;
    for (size_t b = tab->first_block; b < tab->first_block + tab->nblocks; b++)
        for (size_t c = 0; c < t->blocks[b].ncols; c++)
            n += t->blocks[b].cols[c].group != OGI_NONE &&
                 group_within(tab, t->blocks[b].cols[c].group, g);
    return n;
}

/* A group band its words do not place (行复议件数 for 行政复议): a cell
 * merged over exactly as many columns as a group has, over the group's
 * own column or subgroup labels written as the format writes them, whose
 * words are closer to that group than to every other group of that
 * width by the similarity's margin, and hold at least half of it. */
static const ogi_label_entry *band_by_structure(const ogi_template *t, const ogi_book *book,
                                                const ogi_label_index *index, size_t s,
                                                const ogi_lcell *c)
{
    const ogi_merge *m = ogi_sheet_merge_at(&book->sheets[s], c->row, c->col);
    if (!m || m->first_row != c->row || m->first_col != c->col || m->last_col == m->first_col)
        return NULL;
    size_t width = m->last_col - m->first_col + 1;
    const ogi_labels *best = NULL;
    unsigned best_score = 0, second = 0;
    for (size_t ti = 0; ti < t->ntables; ti++)
        for (size_t g = 0; g < t->tables[ti].ngroups; g++) {
            if (group_width(t, ti, g) != width)
                continue;
            unsigned sc = structure_score(&t->tables[ti].groups[g].labels, c);
            if (sc > best_score && band_over_group(t, index, s, m, ti, g)) {
                second = best_score > second ? best_score : second;
                best_score = sc;
                best = &t->tables[ti].groups[g].labels;
            } else if (sc > second) {
                second = sc;
            }
        }
    if (!best || best_score < OGI_SIM_EXACT / 2 || second + OGI_SIM_MARGIN > best_score ||
        best->n == 0)
        return NULL;
    return ogi_template_label(t, best->text[0], strlen(best->text[0]));
}

/* Whether the text glued before label `text` at the end of written label
 * s is the label's own start typed again (行 of 行行政处罚): each of its
 * characters among the label's first ones. */
static int doubled_start(const char *s, size_t len, const char *text)
{
    ogi_cps w, l;
    if (!ogi_cps_from(s, len, &w) || !ogi_cps_from(text, strlen(text), &l) || w.n <= l.n)
        return 0;
    uint32_t extra = w.n - l.n;
    for (uint32_t i = 0; i < extra; i++) {
        int found = 0;
        for (uint32_t k = 0; k <= extra && k < l.n && !found; k++)
            found = l.cp[k] == w.cp[i];
        if (!found)
            return 0;
    }
    return 1;
}

static ogi_error collect_hits(const ogi_template *t, const ogi_book *book,
                              const ogi_label_index *index, hits *out)
{
    uint16_t *work = calloc(t->finder.nlabels + 1, sizeof *work);
    if (!work)
        return OGI_ERROR_MEMORY;
    ogi_error err = OGI_OK;
    for (size_t s = 0; s < index->nsheets && err == OGI_OK; s++)
        for (size_t i = 0; i < index->ncells[s] && err == OGI_OK; i++) {
            const ogi_lcell *c = &index->cells[s][i];
            if (c->len > t->max_label_len * 4 + 64)
                continue;
            const ogi_label_entry *e = ogi_template_label(t, c->norm, c->len);
            int suffix = 0, glued = 0;
            unsigned sim = OGI_SIM_EXACT;
            /* both halves of a split label stand for it: a group over
             * columns reaches from either */
            /* a short label may be half of a longer one (（六）其他|处理) */
            const ogi_label_entry *half =
                !e || c->len <= SHORT_HALF_BYTES ? split_label(t, index, s, c) : NULL;
            if (half) {
                err = push_hit(out, (hit){(uint32_t)s, c->row, c->col, half, 0, 0, SPLIT_SIM});
                continue;
            }
            if (!e) {
                e = suffix_lookup(t, c->norm, c->len, &glued);
                suffix = 1;
                /* words glued before a label (部分予以公开) may change what
                 * it says: only a character typed twice (行行政处罚) keeps
                 * the label exact; otherwise it is a label close to it */
                if (e && glued && e->text && !doubled_start(c->norm, c->len, e->text))
                    sim = ogi_label_similarity(c->norm, c->len, e->text, strlen(e->text));
            }
            /* a text much longer than any label is a sentence: not worth
             * the search (a label with a note is at most about twice one).
             * A label ending in a shorter one (无正当理由大量重复申请 ends in
             * 重复申请) is the label it is clearly close to, when that is
             * another: the end alone was not its evidence */
            if ((!e || (suffix && e->text && strlen(e->text) * 2 < c->len)) &&
                c->len <= t->max_label_len * 2 + 24) {
                unsigned close;
                const ogi_label_entry *like = similar_label(t, c->norm, c->len, work, &close);
                if (like && (!e || (like != e && !share_use(like, e)))) {
                    e = like;
                    sim = close;
                    suffix = glued = 0;
                }
            }
            if (!e && (e = band_by_structure(t, book, index, s, c)) != NULL)
                sim = OGI_SIM_ORDERED;
            if (e)
                err = push_hit(out,
                               (hit){(uint32_t)s, c->row, c->col, e, suffix, glued, (uint16_t)sim});
        }
    free(work);
    return err;
}

/* The use of entry for part (kind, block, index), or NULL. */
static const ogi_label_use *use_of(const ogi_label_entry *e, ogi_label_kind kind, size_t block)
{
    for (size_t u = 0; u < e->nuses; u++)
        if (e->uses[u].kind == kind && e->uses[u].block == block)
            return &e->uses[u];
    return NULL;
}

/* ---- rows ---- */

typedef struct cluster {
    uint32_t sheet, top, bottom, label_col;
    size_t distinct;
    size_t exact;                     /* of them, written as the format writes them */
    uint8_t seen[OGI_BLOCK_MAX_ROWS]; /* which of the block's rows it holds */
} cluster;

/* The next run of block b's row hits from hit *i on (hits are in sheet
 * order and, within a sheet, in (row, col) order already); 0 at the end. */
static int next_cluster(const ogi_template *t, const hits *h, size_t b, size_t *i, cluster *out)
{
    size_t nrows = t->blocks[b].nrows;
    while (*i < h->n) {
        const ogi_label_use *u = use_of(h->v[*i].entry, OGI_LABEL_ROW, b);
        if (!u || (t->blocks[b].rows[u->index].ambiguous && !h->v[*i].suffix)) {
            (*i)++;
            continue;
        }
        cluster c = {h->v[*i].sheet, h->v[*i].row, h->v[*i].row, h->v[*i].col, 0, 0, {0}};
        size_t j = *i;
        for (; j < h->n && h->v[j].sheet == c.sheet; j++) {
            const ogi_label_use *uj = use_of(h->v[j].entry, OGI_LABEL_ROW, b);
            if (!uj || t->blocks[b].rows[uj->index].ambiguous)
                continue;
            if (h->v[j].row > c.bottom + CLUSTER_GAP)
                break;
            c.bottom = h->v[j].row;
            if (h->v[j].col > c.label_col)
                c.label_col = h->v[j].col;
            if (uj->index < nrows && uj->index < sizeof c.seen && !c.seen[uj->index]) {
                c.seen[uj->index] = 1;
                c.distinct++;
                c.exact += is_exact(&h->v[j]);
            }
        }
        *i = j > *i ? j : *i + 1;
        *out = c;
        return 1;
    }
    return 0;
}

static int64_t rank_of(const ogi_label_index *index, uint32_t sheet)
{
    return index->sheet_rank ? index->sheet_rank[sheet] : 0;
}

/* Compares two runs by their rows, then by those written as the format
 * writes them: a label merely close to a row is weaker evidence. */
static int run_cmp(const cluster *a, const cluster *b)
{
    if (a->distinct != b->distinct)
        return a->distinct > b->distinct ? 1 : -1;
    return a->exact > b->exact ? 1 : a->exact < b->exact ? -1 : 0;
}

/* The run of hits with the most distinct rows; among equal runs on
 * different sheets, the one on the preferred sheet (else the first). */
static cluster best_cluster(const ogi_template *t, const ogi_label_index *index, const hits *h,
                            size_t b)
{
    cluster best = {0, 0, 0, 0, 0, 0, {0}}, c;
    size_t i = 0;
    while (next_cluster(t, h, b, &i, &c)) {
        int cmp = run_cmp(&c, &best);
        if (cmp > 0 || (cmp == 0 && c.sheet != best.sheet &&
                        rank_of(index, c.sheet) > rank_of(index, best.sheet)))
            best = c;
    }
    return best;
}

/* Two runs holding none of the same rows. */
static int disjoint(const cluster *a, const cluster *b)
{
    for (size_t r = 0; r < sizeof a->seen; r++)
        if (a->seen[r] && b->seen[r])
            return 0;
    return 1;
}

/* Records the sheets other than best's with a run as complete as best:
 * another report or another year's tables, which the caller names. */
static ogi_error note_other_sets(ogi_mapping *m, const ogi_template *t, const hits *h, size_t b,
                                 const cluster *best, ogi_arena *arena)
{
    cluster c;
    size_t i = 0;
    while (next_cluster(t, h, b, &i, &c)) {
        if (c.sheet == best->sheet || run_cmp(&c, best) < 0 || disjoint(&c, best))
            continue; /* not another set: the same, a lesser one, or its continuation */
        int known = 0;
        for (size_t k = 0; k < m->nother; k++)
            known |= m->other_sheets[k] == c.sheet;
        if (known)
            continue;
        uint32_t *grown = ogi_arena_alloc(arena, (m->nother + 1) * sizeof *grown);
        if (!grown)
            return OGI_ERROR_MEMORY;
        if (m->nother)
            memcpy(grown, m->other_sheets, m->nother * sizeof *grown);
        grown[m->nother++] = c.sheet;
        m->other_sheets = grown;
    }
    return OGI_OK;
}

/* ---- columns ---- */

static const ogi_cell *cell_at(const ogi_book *book, uint32_t s, uint32_t r, uint32_t c)
{
    return ogi_sheet_cell(&book->sheets[s], r, c);
}

/* Index of the first hit at or after row r of sheet s: hits are in
 * (sheet, row, col) order, as the label index is. A workbook can hold
 * tens of thousands of labels: every lookup must stay logarithmic. */
static size_t first_hit(const hits *h, uint32_t s, uint32_t r)
{
    size_t lo = 0, hi = h->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const hit *x = &h->v[mid];
        if (x->sheet < s || (x->sheet == s && x->row < r))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static const hit *hit_at(const hits *h, uint32_t s, uint32_t r, uint32_t c)
{
    for (size_t i = first_hit(h, s, r); i < h->n && h->v[i].sheet == s && h->v[i].row == r; i++)
        if (h->v[i].col == c)
            return &h->v[i];
    return NULL;
}

static size_t group_of_hit(const hit *x, size_t table)
{
    if (!x)
        return OGI_NONE;
    for (size_t u = 0; u < x->entry->nuses; u++)
        if (x->entry->uses[u].kind == OGI_LABEL_GROUP && x->entry->uses[u].table == table)
            return x->entry->uses[u].index;
    return OGI_NONE;
}

/* The group label standing over column col in header row r: in the cell
 * itself, at the origin of a merge covering it, or (unmerged) to its left
 * with only blank cells between. */
static size_t group_over(const ogi_book *book, const hits *h, uint32_t s, uint32_t r, uint32_t col,
                         uint32_t left_limit, size_t table)
{
    const ogi_sheet *sheet = &book->sheets[s];
    const ogi_merge *m = ogi_sheet_merge_at(sheet, r, col);
    if (m)
        return group_of_hit(hit_at(h, s, m->first_row, m->first_col), table);
    if (cell_at(book, s, r, col))
        return group_of_hit(hit_at(h, s, r, col), table);
    for (uint32_t c = col; c-- > left_limit;) {
        if (ogi_sheet_merge_at(sheet, r, c))
            return OGI_NONE;
        if (cell_at(book, s, r, c))
            return group_of_hit(hit_at(h, s, r, c), table);
    }
    return OGI_NONE;
}

/* The innermost group over a column header at (r, col). */
static size_t innermost_group(const ogi_book *book, const hits *h, uint32_t s, uint32_t band_top,
                              uint32_t r, uint32_t col, uint32_t left_limit, size_t table)
{
    for (uint32_t rr = r; rr-- > band_top;) {
        size_t g = group_over(book, h, s, rr, col, left_limit, table);
        if (g != OGI_NONE)
            return g;
    }
    return OGI_NONE;
}

static int group_within(const ogi_ttable *tab, size_t g, size_t want)
{
    for (; g != OGI_NONE; g = tab->groups[g].parent)
        if (g == want)
            return 1;
    return 0;
}

/* Which column of block b a header hit is: by its label and, when several
 * columns share the label, by the group over it. */
static size_t col_of_hit(const ogi_template *t, size_t b, const hit *x, size_t group)
{
    const ogi_tblock *blk = &t->blocks[b];
    const ogi_ttable *tab = &t->tables[blk->table];
    size_t found = OGI_NONE, count = 0;
    for (size_t u = 0; u < x->entry->nuses; u++) {
        const ogi_label_use *use = &x->entry->uses[u];
        if (use->kind != OGI_LABEL_COL || use->block != b)
            continue;
        count++;
        size_t cg = blk->cols[use->index].group;
        if (found == OGI_NONE ||
            (cg != OGI_NONE && group != OGI_NONE && group_within(tab, group, cg)))
            found = use->index;
    }
    if (count > 1) {
        /* shared label: only a group settles it */
        if (group == OGI_NONE)
            return OGI_NONE;
        size_t cg = blk->cols[found].group;
        if (cg == OGI_NONE || !group_within(tab, group, cg))
            return OGI_NONE;
    }
    return found;
}

typedef struct header {
    uint32_t col[OGI_BLOCK_MAX_COLS];  /* sheet column of each block column */
    uint32_t hrow[OGI_BLOCK_MAX_COLS]; /* header row where its label stood */
    uint8_t found[OGI_BLOCK_MAX_COLS];
    uint8_t misplaced[OGI_BLOCK_MAX_COLS]; /* its label stands under a group the column is not in */
    uint16_t sim[OGI_BLOCK_MAX_COLS];      /* how close its label is to the statutory one */
    uint32_t bottom;                       /* last header row, merges included */
    size_t nfound;
} header;

/* A column taken by a label merely close to it must stand where the
 * format's order of columns puts it, between the columns read by their
 * own labels; one out of order is not taken. */
static void drop_misordered_columns(header *hd, size_t ncols)
{
    if (ncols > OGI_BLOCK_MAX_COLS)
        ncols = OGI_BLOCK_MAX_COLS;
    for (size_t c = 0; c < ncols; c++) {
        if (!hd->found[c] || hd->sim[c] == OGI_SIM_EXACT)
            continue;
        for (size_t k = 0; k < ncols; k++)
            if (hd->found[k] && hd->sim[k] == OGI_SIM_EXACT &&
                ((k < c && hd->col[k] >= hd->col[c]) || (k > c && hd->col[k] <= hd->col[c]))) {
                hd->found[c] = 0;
                hd->nfound--;
                break;
            }
    }
}

/* Searches the band of rows above `top` (exclusive) for block b's column
 * labels, right of label_col (or anywhere when the block has no rows). */
static void find_header(const ogi_template *t, const ogi_book *book, const hits *h, size_t b,
                        uint32_t s, uint32_t top, int64_t label_col, int shared, header *hd)
{
    const ogi_tblock *blk = &t->blocks[b];
    memset(hd, 0, sizeof *hd);
    uint32_t band_top = top > HEADER_BAND ? top - HEADER_BAND : 0;
    /* stop the band at another block's rows, unless looking for a header
     * shared with the block above; rows read by similarity count too: with
     * （五）'s rows reworded, 表二's （六） took （五）'s header over its own */
    for (size_t i = first_hit(h, s, band_top); !shared && i < h->n && h->v[i].sheet == s; i++) {
        const hit *x = &h->v[i];
        if (x->row >= top)
            break;
        for (size_t u = 0; u < x->entry->nuses; u++) {
            const ogi_label_use *use = &x->entry->uses[u];
            if (use->kind == OGI_LABEL_ROW && use->block != b && !x->suffix &&
                !t->blocks[use->block].rows[use->index].ambiguous)
                band_top = x->row + 1;
        }
    }
    for (size_t i = first_hit(h, s, band_top); i < h->n && h->v[i].sheet == s; i++) {
        const hit *x = &h->v[i];
        if (x->row >= top)
            break;
        if ((int64_t)x->col <= label_col || !use_of(x->entry, OGI_LABEL_COL, b))
            continue;
        uint32_t left = label_col >= 0 ? (uint32_t)label_col + 1 : 0;
        size_t g = innermost_group(book, h, s, band_top, x->row, x->col, left, blk->table);
        size_t c = col_of_hit(t, b, x, g);
        if (c == OGI_NONE || c >= OGI_BLOCK_MAX_COLS)
            continue;
        /* a label written as the format writes it comes first; a label
         * under a group the column is not in (合计 of the organisations
         * under 法人或其他组织, taken for 总计) gives way to one that is not;
         * then the lowest header row wins: it is the one nearest the data.
         * Two labels both only close to the column are alike by then: how
         * close each is does not make the earlier block's header (表二's
         * （五） over （六）, when the rows between are reworded too) this
         * block's. */
        size_t cg = blk->cols[c].group;
        uint8_t misplaced = g != OGI_NONE && !group_within(&t->tables[blk->table], cg, g);
        unsigned rank = is_exact(x), held = hd->sim[c] == OGI_SIM_EXACT;
        if (hd->found[c] &&
            (rank < held ||
             (rank == held && (misplaced > hd->misplaced[c] ||
                               (misplaced == hd->misplaced[c] && hd->hrow[c] > x->row)))))
            continue;
        if (!hd->found[c])
            hd->nfound++;
        hd->found[c] = 1;
        hd->sim[c] = x->sim;
        hd->misplaced[c] = misplaced;
        hd->col[c] = x->col;
        hd->hrow[c] = x->row;
        const ogi_merge *m = ogi_sheet_merge_at(&book->sheets[s], x->row, x->col);
        uint32_t bottom = m ? m->last_row : x->row;
        if (bottom > hd->bottom)
            hd->bottom = bottom;
    }
    drop_misordered_columns(hd, blk->ncols);
}

/* ---- putting a block together ---- */

static const char *header_text(const ogi_book *book, uint32_t s, uint32_t r, uint32_t c)
{
    const ogi_cell *cell = cell_at(book, s, r, c);
    return cell && cell->kind == OGI_CELL_TEXT ? cell->text : NULL;
}

static void bind_cell(ogi_mapping *m, const ogi_template *t, const ogi_book *book, size_t b,
                      size_t r, size_t c, uint32_t s, uint32_t row, const header *hd)
{
    const ogi_tblock *blk = &t->blocks[b];
    size_t cell = blk->first_cell + r * blk->ncols + c;
    m->source[cell] = (ogi_source){(int32_t)s, row, hd->col[c]};
    m->unit[cell] = ogi_unit_in_text(header_text(book, s, hd->hrow[c], hd->col[c]));
}

/* Rows whose label the template knows only in context (总计, 其他): taken
 * inside the block's own label area, below its first row. */
/* Whether the label cell at (row, col) and the cell right of it or under
 * it make one of the block's parent labels together: （六）其他 | 处理 is
 * the heading （六）其他处理 broken over two cells, not the row 3.其他. */
static int half_of_parent(const ogi_tblock *blk, const ogi_label_index *index, uint32_t s,
                          uint32_t row, uint32_t col)
{
    const ogi_lcell *a = lcell_at(index, s, row, col);
    const ogi_lcell *next[2] = {col < UINT32_MAX ? lcell_at(index, s, row, col + 1) : NULL,
                                row < UINT32_MAX ? lcell_at(index, s, row + 1, col) : NULL};
    for (size_t k = 0; a && k < 2; k++) {
        const ogi_lcell *b = next[k];
        if (!b)
            continue;
        for (size_t r = 0; r < blk->nrows; r++)
            for (size_t v = 0; v < blk->rows[r].parents.n; v++) {
                const char *p = blk->rows[r].parents.text[v];
                size_t len = strlen(p);
                if (len == a->len + b->len && memcmp(p, a->norm, a->len) == 0 &&
                    memcmp(p + a->len, b->norm, b->len) == 0)
                    return 1;
            }
    }
    return 0;
}

static void find_ambiguous_rows(const ogi_template *t, const ogi_label_index *index, const hits *h,
                                size_t b, const cluster *cl, uint32_t *row_at, uint8_t *have)
{
    const ogi_tblock *blk = &t->blocks[b];
    for (size_t i = 0; i < h->n; i++) {
        const hit *x = &h->v[i];
        if (x->sheet != cl->sheet || x->row <= cl->top || x->row > cl->bottom + CLUSTER_GAP ||
            x->col > cl->label_col)
            continue;
        const ogi_label_use *u = use_of(x->entry, OGI_LABEL_ROW, b);
        if (u && blk->rows[u->index].ambiguous && !have[u->index] &&
            !half_of_parent(blk, index, x->sheet, x->row, x->col)) {
            have[u->index] = 1;
            row_at[u->index] = x->row;
        }
    }
}

/* A label of the template as written there; one only close to a label is
 * not known until it is bound (then its row is no extra row). */
static int is_known_label(const hits *h, uint32_t s, uint32_t r, uint32_t c)
{
    const hit *x = hit_at(h, s, r, c);
    return x && is_exact(x);
}

/* Whether header cell c holds, exactly, a label of block b's own columns
 * or of its table's groups: a label of another table (表三's 其他, a
 * column and a row there) written over a column of this one is still a
 * header cell the gap rules may place. */
static int is_known_header(const ogi_template *t, const hits *h, size_t b, uint32_t s,
                           const ogi_lcell *c)
{
    const hit *x = hit_at(h, s, c->row, c->col);
    if (!x || !is_exact(x) || !x->entry)
        return 0;
    for (size_t u = 0; u < x->entry->nuses; u++) {
        const ogi_label_use *use = &x->entry->uses[u];
        if ((use->kind == OGI_LABEL_COL && use->block == b) ||
            (use->kind == OGI_LABEL_GROUP && use->table == t->blocks[b].table))
            return 1;
    }
    return 0;
}

/* A figure, as opposed to a heading: a header repeated after a page break
 * has labels right of the row labels, never figures. */
static int is_figure(const ogi_cell *c)
{
    if (c->kind == OGI_CELL_NUMBER)
        return 1;
    if (c->kind != OGI_CELL_TEXT)
        return 0;
    ogi_parsed p = ogi_value_parse_text(c->text, c->text_len, OGI_COL_COUNT, OGI_UNIT_NONE);
    return !p.is_null && !(p.notes & OGI_NOTE_NOT_NUMBER);
}

/* Labelled rows of figures that the template lacks, inside a found block
 * or straight after its last row (其他主动公开文件, 发布总数量): reported,
 * otherwise left alone. */
static ogi_error note_extra_rows(ogi_mapping *m, const ogi_book *book, const hits *h,
                                 const cluster *cl, size_t table, const uint8_t *is_row,
                                 uint32_t first, uint32_t last, ogi_arena *arena)
{
    const ogi_sheet *sheet = &book->sheets[cl->sheet];
    for (uint32_t r = first; r <= last + CLUSTER_GAP; r++) {
        if (r <= last && is_row[r - first])
            continue;
        const ogi_cell *label = NULL;
        int known = 0, data = 0;
        size_t i = ogi_sheet_row_start(sheet, r);
        for (; i < sheet->ncells && sheet->cells[i].row == r; i++) {
            const ogi_cell *c = &sheet->cells[i];
            if (c->col <= cl->label_col && c->kind == OGI_CELL_TEXT) {
                label = label ? label : c;
                known |= is_known_label(h, cl->sheet, r, c->col);
            } else if (c->col > cl->label_col) {
                data |= is_figure(c);
            }
        }
        int extra = label && !known && data;
        if (!extra && r > last)
            break; /* the block ends at the first row that is not one */
        if (!extra)
            continue;
        ogi_extra_row *grown = ogi_arena_alloc(arena, (m->nextra + 1) * sizeof *grown);
        if (!grown)
            return OGI_ERROR_MEMORY;
        if (m->nextra)
            memcpy(grown, m->extra, m->nextra * sizeof *grown);
        grown[m->nextra++] =
            (ogi_extra_row){{(int32_t)cl->sheet, r, label->col}, table, label->text};
        m->extra = grown;
    }
    return OGI_OK;
}

/* Where the format's order lets the missing item i (a row or a column)
 * stand: at or after floor, after every item before it that is taken here
 * (taken[k] == 1) and before every one after it, in sheet positions at[].
 * Sets [*lo, *hi). */
static void order_gap(const uint8_t *taken, const uint32_t *at, size_t n, size_t i, uint32_t floor,
                      uint32_t *lo, uint32_t *hi)
{
    *lo = floor;
    *hi = UINT32_MAX;
    for (size_t k = 0; k < n; k++) {
        if (taken[k] != 1)
            continue;
        if (k < i && at[k] + 1 > *lo)
            *lo = at[k] + 1;
        if (k > i && at[k] < *hi)
            *hi = at[k];
    }
}

/* Where each row of a block was found in one run. */
typedef struct placed {
    uint32_t row_at[OGI_BLOCK_MAX_ROWS];
    uint32_t label_col[OGI_BLOCK_MAX_ROWS]; /* the cell of its label */
    uint16_t sim[OGI_BLOCK_MAX_ROWS];       /* OGI_SIM_EXACT, or how close its label is */
    uint8_t mine[OGI_BLOCK_MAX_ROWS];       /* 1: this run's; bit 1: an earlier run's */
    uint8_t by_place[OGI_BLOCK_MAX_ROWS];   /* its label is also a column's (总计, 其他) */
    uint8_t glued[OGI_BLOCK_MAX_ROWS];      /* read exactly after text glued before it: said */
} placed;

/* A row read by its own label, exactly: what the order of the others is
 * measured against. */
static int anchors(const placed *p, size_t r)
{
    return p->mine[r] == 1 && p->sim[r] == OGI_SIM_EXACT && !p->by_place[r];
}

static int row_taken(const placed *p, size_t nrows, uint32_t y)
{
    for (size_t r = 0; r < nrows; r++)
        if (p->mine[r] == 1 && p->row_at[r] == y)
            return 1;
    return 0;
}

/* The run's rows, from its hits: labels written as the format writes
 * them first, then labels close to one, each on a sheet row of its own. */
static void take_hits(const ogi_template *t, const hits *h, size_t b, const cluster *cl,
                      const uint8_t *have, placed *p)
{
    const ogi_tblock *blk = &t->blocks[b];
    size_t nrows = blk->nrows;
    for (int exact = 1; exact >= 0; exact--)
        for (size_t i = first_hit(h, cl->sheet, cl->top); i < h->n; i++) {
            const hit *x = &h->v[i];
            if (x->sheet != cl->sheet || x->row > cl->bottom)
                break;
            if (is_exact(x) != exact)
                continue;
            const ogi_label_use *u = use_of(x->entry, OGI_LABEL_ROW, b);
            if (!u || u->index >= nrows || have[u->index] || p->mine[u->index] ||
                (blk->rows[u->index].ambiguous && !x->suffix) ||
                (!exact && row_taken(p, nrows, x->row)))
                continue;
            p->mine[u->index] = 1;
            p->row_at[u->index] = x->row;
            p->label_col[u->index] = x->col;
            p->sim[u->index] = x->sim;
            p->glued[u->index] = (uint8_t)x->glued;
        }
}

/* A row taken by a label merely close to it, or by a label that is also
 * a column's (其他 written after （七）总计), must stand where the order of
 * the block puts it: below the rows before it and above the rows after
 * it. One out of order is not placed by its label alone. */
static void drop_out_of_order(size_t nrows, placed *p)
{
    for (size_t r = 0; r < nrows; r++) {
        if (p->mine[r] != 1 || anchors(p, r))
            continue;
        for (size_t k = 0; k < nrows; k++)
            if (anchors(p, k) && ((k < r && p->row_at[k] >= p->row_at[r]) ||
                                  (k > r && p->row_at[k] <= p->row_at[r]))) {
                p->mine[r] = 0;
                break;
            }
    }
}

/* The number of a template row's own numbering (（三）不予公开 1.… -> 1),
 * from its statutory display; 0 when it has none. */
static unsigned row_number(const ogi_trow *row)
{
    return row->display[0] ? ogi_label_number(row->display[0], strlen(row->display[0])) : 0;
}

/* The number written on sheet row y: that of its label nearest the
 * figures (a parent merged over the rows stands left of it), or 0. */
static unsigned written_number(const ogi_book *book, uint32_t s, uint32_t y, uint32_t label_col)
{
    const ogi_sheet *sheet = &book->sheets[s];
    const ogi_cell *label = NULL;
    for (size_t i = ogi_sheet_row_start(sheet, y); i < sheet->ncells && sheet->cells[i].row == y;
         i++) {
        const ogi_cell *c = &sheet->cells[i];
        if (c->col <= label_col && c->kind == OGI_CELL_TEXT && (!label || c->col > label->col))
            label = c;
    }
    return label ? ogi_label_number(label->text, label->text_len) : 0;
}

/* Whether the number written on row r's row says it is another row. */
static int misnumbered(const ogi_tblock *blk, const ogi_book *book, const cluster *cl,
                       const placed *p, size_t r)
{
    unsigned want = row_number(&blk->rows[r]);
    unsigned got = want ? written_number(book, cl->sheet, p->row_at[r], cl->label_col) : 0;
    return want && got && got != want;
}

/* Two rows placed without an exact label of their own (其他 and 总计, both
 * also column labels) that stand against the block's order: one of them
 * is not the row it was taken for. When the number written on exactly one
 * of them is not its row's (（八）其他 after （七）总计 is no （六）3.其他),
 * that one is dropped; a row standing after the total cannot be a result
 * row before it. Otherwise both stay as they were. */
static void drop_misnumbered_conflicts(const ogi_tblock *blk, const ogi_book *book,
                                       const cluster *cl, placed *p)
{
    size_t nrows = blk->nrows;
    for (size_t r = 0; r < nrows; r++)
        for (size_t k = r + 1; k < nrows; k++) {
            if (p->mine[r] != 1 || p->mine[k] != 1 || anchors(p, r) || anchors(p, k) ||
                p->row_at[r] < p->row_at[k])
                continue;
            int bad_r = misnumbered(blk, book, cl, p, r), bad_k = misnumbered(blk, book, cl, p, k);
            if (bad_r && !bad_k)
                p->mine[r] = 0;
            else if (bad_k && !bad_r)
                p->mine[k] = 0;
        }
}

static unsigned placed_score(const ogi_labels *labels, const ogi_lcell *c);

/* Whether written label c is clearly row r's by its words: closer to r
 * than to every other row of the block by the margin. */
static int words_clearly_for(const ogi_tblock *blk, const ogi_lcell *c, size_t r)
{
    unsigned here = placed_score(&blk->rows[r].labels, c);
    for (size_t k = 0; k < blk->nrows; k++)
        if (k != r && placed_score(&blk->rows[k].labels, c) + OGI_SIM_MARGIN > here)
            return 0;
    return 1;
}

/* A row taken by a label merely close to it whose written number is
 * another row's, when the words do not clearly say it is this row
 * ((二)部分予以公开 is as close to 予以公开 as to 部分公开, and (二) is
 * 部分公开's; 3、4.无正当理由大量反复请 is clearly 4.无正当理由大量反复申请
 * whatever its numbering): the number is the better evidence; the row is
 * left to the gap rules, which weigh place and number together. */
static void drop_misnumbered_close(const ogi_tblock *blk, const ogi_book *book,
                                   const ogi_label_index *index, const cluster *cl, placed *p)
{
    for (size_t r = 0; r < blk->nrows; r++) {
        if (p->mine[r] != 1 || p->by_place[r] || p->sim[r] == OGI_SIM_EXACT ||
            !misnumbered(blk, book, cl, p, r))
            continue;
        const ogi_lcell *c = lcell_at(index, cl->sheet, p->row_at[r], p->label_col[r]);
        if (!c || !words_clearly_for(blk, c, r))
            p->mine[r] = 0;
    }
}

/* Whether a written label is one of the block's parent labels (不予公开
 * written on a row of its own, with its subtotal): a heading, no row. */
static int is_parent_label(const ogi_tblock *blk, const ogi_lcell *c)
{
    for (size_t r = 0; r < blk->nrows; r++)
        for (size_t v = 0; v < blk->rows[r].parents.n; v++)
            if (strlen(blk->rows[r].parents.text[v]) == c->len &&
                memcmp(blk->rows[r].parents.text[v], c->norm, c->len) == 0)
                return 1;
    return 0;
}

/* The best of measure over a written label (or its text after an inner
 * numbering) and each of a part's labels, below OGI_SIM_EXACT. */
static unsigned best_over_views(const ogi_labels *labels, const ogi_lcell *c,
                                unsigned (*measure)(const ogi_cps *, const ogi_cps *))
{
    unsigned best = 0;
    ogi_label_view view[OGI_LABEL_VIEWS];
    size_t nviews = ogi_label_views(c->norm, c->len, view);
    for (size_t k = 0; k < nviews; k++) {
        ogi_cps w;
        if (!ogi_cps_from(c->norm + view[k].from, view[k].len, &w))
            continue;
        for (size_t v = 0; v < labels->n; v++) {
            ogi_cps l;
            if (!ogi_cps_from(labels->text[v], strlen(labels->text[v]), &l))
                continue;
            unsigned sim = measure(&w, &l);
            if (sim > best)
                best = sim;
        }
    }
    return best < OGI_SIM_EXACT ? best : OGI_SIM_EXACT - 1;
}

/* The best score of a written label against any of a part's labels, as
 * the alignment scores it (ogi_label_score_placed: a short label held
 * whole and an abbreviation count too, since the order already puts the
 * part there). */
static unsigned placed_score(const ogi_labels *labels, const ogi_lcell *c)
{
    return best_over_views(labels, c, ogi_label_score_placed);
}

/* Whether a written label keeps at least half of one of a part's labels
 * (ogi_label_coverage_cps). */
static int keeps_half(const ogi_labels *labels, const ogi_lcell *c)
{
    return best_over_views(labels, c, ogi_label_coverage_cps) >= OGI_SIM_SHARED_HALF;
}

/* The first label cell of sheet s at or below row r. */
static size_t first_lcell(const ogi_label_index *index, uint32_t s, uint32_t r)
{
    size_t lo = 0, hi = index->ncells[s];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (index->cells[s][mid].row < r)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* A sheet row with a label the template knows as written (another
 * block's row, a header): not one of this block's unplaced rows. */
static int row_has_known_label(const ogi_label_index *index, const hits *h, uint32_t s, size_t i)
{
    uint32_t r = index->cells[s][i].row;
    for (; i < index->ncells[s] && index->cells[s][i].row == r; i++)
        if (is_known_label(h, s, r, index->cells[s][i].col))
            return 1;
    return 0;
}

#define GAP_ROWS 64 /* written rows considered for a block's unplaced rows */

typedef struct written_row {
    uint32_t row;
    size_t first, n; /* its label cells in the label index */
} written_row;

/* The written rows that no label placed, from the row below the header
 * to just after the block's last placed row, in order. */
static size_t unplaced_written(const ogi_label_index *index, const hits *h, const cluster *cl,
                               uint32_t first_row, uint32_t last_row, size_t nrows, const placed *p,
                               written_row *out)
{
    uint32_t s = cl->sheet;
    size_t n = 0;
    uint32_t prev = first_row;
    for (size_t i = first_lcell(index, s, first_row); i < index->ncells[s] && n < GAP_ROWS;) {
        uint32_t y = index->cells[s][i].row;
        size_t k = i;
        while (k < index->ncells[s] && index->cells[s][k].row == y)
            k++;
        /* after the last placed row the block goes on only row by row */
        if (y > last_row + CLUSTER_GAP || (y > last_row && y > prev + 1))
            break;
        if (row_has_known_label(index, h, s, i)) {
            if (y > last_row)
                break; /* the next block, or a header repeated */
            prev = y;
            i = k;
            continue;
        }
        prev = y;
        size_t nlabels = 0;
        for (size_t j = i; j < k; j++)
            nlabels += index->cells[s][j].col <= cl->label_col;
        if (nlabels && !row_taken(p, nrows, y))
            out[n++] = (written_row){y, i, k - i};
        i = k;
    }
    return n;
}

/* Whether sheet row y holds a figure right of the labels. */
static int row_has_figures(const ogi_book *book, uint32_t s, uint32_t y, uint32_t label_col)
{
    const ogi_sheet *sheet = &book->sheets[s];
    for (size_t i = ogi_sheet_row_start(sheet, y); i < sheet->ncells && sheet->cells[i].row == y;
         i++)
        if (sheet->cells[i].col > label_col && is_figure(&sheet->cells[i]))
            return 1;
    return 0;
}

/* The score of a written label against a part's labels for the
 * structure rules: as the alignment scores it, or, for a label too short
 * to be measured (规章, 其他), held whole. */
static unsigned structure_score(const ogi_labels *labels, const ogi_lcell *c)
{
    unsigned here = placed_score(labels, c);
    for (size_t v = 0; here == 0 && v < labels->n; v++)
        if (memmem(c->norm, c->len, labels->text[v], strlen(labels->text[v])))
            here = OGI_SIM_SHORT_HELD;
    return here;
}

/* Whether another part's words stand in the way of placing a written label
 * as this one, which scores `here`: an unplaced part when it is not at
 * least the margin further away; a part already placed elsewhere only
 * when it is strictly closer. A part placed by its own label has its row
 * or column: a tie with it (同意公开 is as close to （二）部分公开, placed,
 * as to the missing 予以公开; 维持结果 to 其他结果 as to 结果维持) is no
 * evidence against the free slot, as long as the label keeps at least
 * half of the missing part's words (OGI_SIM_SHARED_HALF; 申请人逾期的, a
 * quarter of either （六） row, stays unplaced). */
static int rival_closer(unsigned here, int half, unsigned there, int there_placed)
{
    if (there_placed && half)
        return there > here;
    return there + OGI_SIM_MARGIN > here;
}

/* One alignment of a block's unplaced written parts (rows or header cells)
 * with its missing parts, between the parts already placed: the words
 * score each pair inside the order's slot, structure raises the pairs it
 * vouches for, and the order-preserving alignment keeps the confident
 * pairs (ogi_label_align). Rows and columns differ only in these steps. */
typedef struct gap_rules {
    unsigned (*words)(const void *gap, size_t written, size_t missing);
    void (*structure)(const void *gap, uint16_t *score);
    void (*take)(void *gap, size_t written, size_t missing, unsigned score);
} gap_rules;

static ogi_error align_gap(const gap_rules *rules, void *gap, size_t nw, size_t nmissing)
{
    uint16_t *score = calloc(nw * nmissing, sizeof *score);
    size_t *pair = malloc(nw * sizeof *pair);
    ogi_error err = OGI_ERROR_MEMORY;
    if (score && pair) {
        for (size_t i = 0; i < nw; i++)
            for (size_t j = 0; j < nmissing; j++)
                score[i * nmissing + j] = (uint16_t)rules->words(gap, i, j);
        rules->structure(gap, score);
        if (ogi_label_align(score, nw, nmissing, pair) != SIZE_MAX) {
            for (size_t i = 0; i < nw; i++)
                if (pair[i] != SIZE_MAX)
                    rules->take(gap, i, pair[i], score[i * nmissing + pair[i]]);
            err = OGI_OK;
        }
    }
    free(score);
    free(pair);
    return err;
}

/* The missing parts (rows or columns) of one block, the slot each may
 * stand in, and how many written rows or header cells could fill them:
 * what the gap rules of rows and columns share. */
_Static_assert(OGI_BLOCK_MAX_COLS <= OGI_BLOCK_MAX_ROWS, "gap_slots holds columns too");
typedef struct gap_slots {
    size_t nw, nmissing;
    size_t missing[OGI_BLOCK_MAX_ROWS];
    uint32_t lo[OGI_BLOCK_MAX_ROWS], hi[OGI_BLOCK_MAX_ROWS]; /* each one's slot */
} gap_slots;

/* A block's rows still missing and the written rows that could be them. */
typedef struct row_gap {
    const ogi_tblock *blk;
    const ogi_book *book;
    const ogi_label_index *index;
    const cluster *cl;
    const written_row *w;
    gap_slots at;
    placed *p;
} row_gap;

/* The label of written row w nearest the figures (a parent merged over
 * the rows stands left of it), or NULL. */
static const ogi_lcell *row_label(const row_gap *g, const written_row *w)
{
    const ogi_lcell *label = NULL;
    for (size_t c = w->first; c < w->first + w->n; c++) {
        const ogi_lcell *lc = &g->index->cells[g->cl->sheet][c];
        if (lc->col <= g->cl->label_col && (!label || lc->col > label->col))
            label = lc;
    }
    return label;
}

/* Whether the words of written row w, few as they share with row r, are
 * still clearly closer to r than to every other row of the block
 * (rival_closer): structure places a row only where its words do not say
 * it is another (属于其他情形 is closer to 属于国家秘密 than to
 * 属于行政执法案卷; 申请人逾期的 is as close to two rows). With `numbered`
 * (the written number is r's own, alone in its slot) only a row of the
 * same number can stand in the way, besides a row the words name outright
 * or a missing row they clearly name. */
static int words_point_here(const row_gap *g, const written_row *w, size_t r, int numbered)
{
    const ogi_lcell *label = row_label(g, w);
    if (!label)
        return 0;
    /* a label too short to be measured (规章) counts when held whole
     * (本级政府规章) */
    unsigned here = structure_score(&g->blk->rows[r].labels, label);
    int half = keeps_half(&g->blk->rows[r].labels, label);
    for (size_t k = 0; k < g->blk->nrows; k++) {
        if (k == r)
            continue;
        int placed_elsewhere = g->p->mine[k] == 1 && g->p->row_at[k] != w->row;
        unsigned there = placed_score(&g->blk->rows[k].labels, label);
        if (numbered) {
            /* （一）部分公开 is another row's label, whatever its number;
             * and words clearly for another row still missing
             * (二、本年度新收到的申请 in 第二项's place while 第一项 is
             * missing) outweigh a number */
            if ((there >= OGI_SIM_ORDERED || (g->p->mine[k] == 0 && there > 0)) &&
                words_clearly_for(g->blk, label, k))
                return 0;
            /* otherwise a clerk reads the row by place and number,
             * whatever its words (信息不存在, 同意公开): only a row of the
             * same number could still be meant */
            if (placed_elsewhere || there == 0 ||
                row_number(&g->blk->rows[k]) != row_number(&g->blk->rows[r]))
                continue;
        }
        if (rival_closer(here, half, there, placed_elsewhere))
            return 0;
    }
    return 1;
}

/* Whether another written row than `except`, with figures, in the slot
 * [lo, hi), carries number `number`: the row its words point to has a
 * written row of its own ((一)同意公开 for 予以公开, beside
 * (二)部分予以公开, whose words are closer to 予以公开). */
static int numbered_in_slot(const written_row *w, size_t nw, const unsigned *wnum,
                            const uint8_t *usable, unsigned number, uint32_t lo, uint32_t hi,
                            size_t except)
{
    if (number == 0)
        return 0;
    for (size_t i = 0; i < nw; i++)
        if (i != except && usable[i] && wnum[i] == number && w[i].row >= lo && w[i].row < hi)
            return 1;
    return 0;
}

/* Several rows missing in one slot whose written rows there, in order,
 * carry exactly their numbers in order (一、 二、 （一） for 第一项, 第二项,
 * （一）予以公开: two 1s, told apart by where they stand): each written
 * row is the missing row in the same place of the run, unless its words
 * say outright it is another row (words_point_here). */
static void score_numbered_run(const row_gap *g, const unsigned *wnum, const unsigned *tnum,
                               const uint8_t *usable, uint16_t *score)
{
    size_t nw = g->at.nw, nmissing = g->at.nmissing;
    for (size_t j = 0; j < nmissing; j++) {
        size_t js[OGI_BLOCK_MAX_ROWS], is[GAP_ROWS], nj = 0, ni = 0;
        int first = 1;
        for (size_t k = 0; k < nmissing; k++)
            if (g->at.lo[k] == g->at.lo[j] && g->at.hi[k] == g->at.hi[j]) {
                first = first && k >= j;
                js[nj++] = k;
            }
        if (!first || nj < 2)
            continue; /* each slot once, from its first missing row */
        for (size_t i = 0; i < nw && ni < GAP_ROWS; i++)
            if (usable[i] && g->w[i].row >= g->at.lo[j] && g->w[i].row < g->at.hi[j])
                is[ni++] = i;
        if (ni != nj)
            continue;
        int agree = 1;
        for (size_t k = 0; k < nj && agree; k++)
            agree = tnum[js[k]] && wnum[is[k]] == tnum[js[k]];
        for (size_t k = 0; k < nj && agree; k++)
            agree = words_point_here(g, &g->w[is[k]], g->at.missing[js[k]], 1);
        for (size_t k = 0; k < nj && agree; k++)
            if (score[is[k] * nmissing + js[k]] < OGI_SIM_ORDERED)
                score[is[k] * nmissing + js[k]] = OGI_SIM_ORDERED;
    }
}

/* Structure as evidence where words are not enough (issue 12): a missing
 * row whose slot between the rows placed around it holds exactly one
 * written row with figures, while no other row is missing there (a 1:1
 * gap), is that row unless their numbers differ; and a written row whose
 * number is the missing row's own, the only one with that number in the
 * slot, where no other missing row has that number, is that row when its
 * words point to no other. Both score OGI_SIM_ORDERED; the alignment
 * still keeps a pair only with its margin over every other candidate. */
static void score_by_structure(const void *gap, uint16_t *score)
{
    const row_gap *g = gap;
    const written_row *w = g->w;
    size_t nw = g->at.nw, nmissing = g->at.nmissing;
    const uint32_t *lo = g->at.lo, *hi = g->at.hi;
    unsigned wnum[GAP_ROWS], tnum[OGI_BLOCK_MAX_ROWS];
    uint8_t usable[GAP_ROWS];
    for (size_t i = 0; i < nw; i++) {
        wnum[i] = written_number(g->book, g->cl->sheet, w[i].row, g->cl->label_col);
        usable[i] = row_has_figures(g->book, g->cl->sheet, w[i].row, g->cl->label_col);
    }
    for (size_t j = 0; j < nmissing; j++)
        tnum[j] = row_number(&g->blk->rows[g->at.missing[j]]);
    /* a written number that is another row's rules the pair out unless
     * the words clearly say the row, as for a row its words alone placed
     * (drop_misnumbered_close) */
    for (size_t i = 0; i < nw; i++)
        for (size_t j = 0; j < nmissing; j++)
            if (wnum[i] && tnum[j] && wnum[i] != tnum[j] && score[i * nmissing + j] &&
                !words_clearly_for(g->blk, row_label(g, &w[i]), g->at.missing[j]))
                score[i * nmissing + j] = 0;
    score_numbered_run(g, wnum, tnum, usable, score);
    for (size_t j = 0; j < nmissing; j++) {
        size_t in_slot = 0, only = SIZE_MAX, numbered = 0, by_number = SIZE_MAX;
        for (size_t i = 0; i < nw; i++) {
            if (w[i].row < lo[j] || w[i].row >= hi[j] || !usable[i])
                continue;
            in_slot++;
            only = i;
            if (tnum[j] && wnum[i] == tnum[j]) {
                numbered++;
                by_number = i;
            }
        }
        size_t same_slot = 0, same_number = 0;
        for (size_t k = 0; k < nmissing; k++) {
            same_slot += lo[k] == lo[j] && hi[k] == hi[j];
            if (k != j && tnum[k] == tnum[j] && by_number != SIZE_MAX &&
                w[by_number].row >= lo[k] && w[by_number].row < hi[k])
                same_number++;
        }
        size_t take = SIZE_MAX;
        int agrees = 0; /* the written number is the row's own */
        if (same_slot == 1 && in_slot == 1 && !(tnum[j] && wnum[only] && wnum[only] != tnum[j])) {
            take = only;
            agrees = tnum[j] && wnum[only] == tnum[j];
        } else if (numbered == 1 && same_number == 0) {
            /* its words must not point to another missing row */
            take = by_number;
            agrees = 1;
            for (size_t k = 0; k < nmissing; k++)
                if (k != j && score[by_number * nmissing + k] > score[by_number * nmissing + j] &&
                    !numbered_in_slot(w, nw, wnum, usable, tnum[k], lo[k], hi[k], by_number))
                    take = SIZE_MAX;
        }
        if (take != SIZE_MAX && !words_point_here(g, &w[take], g->at.missing[j], agrees))
            take = SIZE_MAX;
        if (take != SIZE_MAX && score[take * nmissing + j] < OGI_SIM_ORDERED)
            score[take * nmissing + j] = OGI_SIM_ORDERED;
    }
}

/* How written row i scores as missing row j by its words: its best label
 * cell left of the figures, inside j's slot only. */
static unsigned row_words(const void *gap, size_t i, size_t j)
{
    const row_gap *g = gap;
    const written_row *w = &g->w[i];
    if (w->row < g->at.lo[j] || w->row >= g->at.hi[j])
        return 0;
    unsigned best = 0;
    for (size_t c = w->first; c < w->first + w->n; c++) {
        const ogi_lcell *lc = &g->index->cells[g->cl->sheet][c];
        unsigned sim = lc->col <= g->cl->label_col && !is_parent_label(g->blk, lc)
                           ? placed_score(&g->blk->rows[g->at.missing[j]].labels, lc)
                           : 0;
        best = sim > best ? sim : best;
    }
    return best;
}

static void take_row(void *gap, size_t i, size_t j, unsigned score)
{
    row_gap *g = gap;
    const written_row *w = &g->w[i];
    size_t r = g->at.missing[j];
    placed *p = g->p;
    p->mine[r] = 1;
    p->row_at[r] = w->row;
    p->sim[r] = (uint16_t)score;
    /* its label: the cell whose words gave the score, else (placed by
     * structure) the row's own label nearest the figures, not a parent
     * merged over it (三、本年度办理结果 left of （一）同意公开) */
    const ogi_lcell *by_words = NULL, *nearest = NULL;
    for (size_t c = w->first; c < w->first + w->n; c++) {
        const ogi_lcell *lc = &g->index->cells[g->cl->sheet][c];
        if (lc->col > g->cl->label_col || is_parent_label(g->blk, lc))
            continue;
        if (!by_words && placed_score(&g->blk->rows[r].labels, lc) == p->sim[r])
            by_words = lc;
        if (!nearest || lc->col > nearest->col)
            nearest = lc;
    }
    const ogi_lcell *label = by_words ? by_words : nearest;
    p->label_col[r] = label ? label->col : g->index->cells[g->cl->sheet][w->first].col;
}

/* Rows still unplaced, placed by aligning the written rows between the
 * placed ones with the template's order: a written row is taken for a row
 * only where the order allows it, and only when it is clearly closer to
 * that row than to any other it could be (ogi_label_align). */
static ogi_error fill_gaps(const ogi_template *t, const ogi_book *book,
                           const ogi_label_index *index, const hits *h, size_t b, const cluster *cl,
                           uint32_t first_row, placed *p)
{
    row_gap g = {.blk = &t->blocks[b], .book = book, .index = index, .cl = cl, .p = p};
    size_t nrows = g.blk->nrows;
    uint32_t last_row = first_row;
    for (size_t r = 0; r < nrows; r++) {
        if (p->mine[r] == 0)
            g.at.missing[g.at.nmissing++] = r;
        else if (p->mine[r] == 1 && p->row_at[r] > last_row)
            last_row = p->row_at[r];
    }
    if (g.at.nmissing == 0)
        return OGI_OK;
    written_row w[GAP_ROWS];
    g.w = w;
    g.at.nw = unplaced_written(index, h, cl, first_row, last_row, nrows, p, w);
    if (g.at.nw == 0)
        return OGI_OK;
    /* the order puts each missing row between the placed rows around it */
    for (size_t j = 0; j < g.at.nmissing; j++)
        order_gap(p->mine, p->row_at, nrows, g.at.missing[j], first_row, &g.at.lo[j], &g.at.hi[j]);
    static const gap_rules rules = {row_words, score_by_structure, take_row};
    return align_gap(&rules, &g, g.at.nw, g.at.nmissing);
}

/* A header cell no label placed, that a missing column could be. */
typedef struct header_cell {
    const ogi_lcell *cell;
    size_t group; /* the innermost group over it, or OGI_NONE */
} header_cell;

static int header_cell_cmp(const void *a, const void *b)
{
    const ogi_lcell *x = ((const header_cell *)a)->cell, *y = ((const header_cell *)b)->cell;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return x->row < y->row ? -1 : x->row > y->row;
}

static int cell_taken(const header *hd, size_t ncols, const ogi_lcell *c)
{
    for (size_t k = 0; k < ncols; k++)
        if (hd->found[k] && hd->col[k] == c->col && hd->hrow[k] == c->row)
            return 1;
    return 0;
}

/* A block's columns still missing and the header cells that could be them. */
typedef struct column_gap {
    const ogi_template *t;
    const ogi_book *book;
    const hits *h;
    size_t b;
    uint32_t s;
    const header_cell *w;
    gap_slots at;
    header *hd;
} column_gap;

/* Whether header cell i stands where missing column j may: in its slot,
 * under its own group (or under none, for a column outside every group). */
static int under_column_group(const column_gap *g, size_t i, size_t c)
{
    const ogi_tblock *blk = &g->t->blocks[g->b];
    size_t cg = blk->cols[c].group;
    return cg == OGI_NONE ? g->w[i].group == OGI_NONE
                          : g->w[i].group != OGI_NONE &&
                                group_within(&g->t->tables[blk->table], g->w[i].group, cg);
}

static int in_column_slot(const column_gap *g, size_t i, size_t j)
{
    return under_column_group(g, i, g->at.missing[j]) && g->w[i].cell->col >= g->at.lo[j] &&
           g->w[i].cell->col < g->at.hi[j];
}

/* The header cells of missing column j's slot under its group that could
 * be a column, band cells left out: of each sheet column the lowest (the
 * one nearest the figures), in column order. Returns how many sheet
 * columns, at most max of them kept in out. */
static size_t slot_columns(const column_gap *g, size_t j, size_t *out, size_t max)
{
    const ogi_tblock *blk = &g->t->blocks[g->b];
    size_t n = 0;
    for (size_t i = 0; i < g->at.nw; i++) {
        const ogi_lcell *cell = g->w[i].cell;
        if (!in_column_slot(g, i, j))
            continue;
        const ogi_merge *m = ogi_sheet_merge_at(&g->book->sheets[g->s], cell->row, cell->col);
        const hit *x = hit_at(g->h, g->s, cell->row, cell->col);
        /* a band over columns; but a block of one column has no band,
         * and its header may be merged across (表二's 第二十条第（八）项) */
        if ((m && m->last_col > m->first_col && blk->ncols != 1) ||
            group_of_hit(x, blk->table) != OGI_NONE)
            continue;
        if (n > 0 && n <= max && g->w[out[n - 1]].cell->col == cell->col) {
            if (cell->row > g->w[out[n - 1]].cell->row)
                out[n - 1] = i;
        } else if (n++ < max)
            out[n - 1] = i;
    }
    return n;
}

/* Whether the words of header cell i, scoring `here` for column c, are
 * clear of every other column of the group over it not named alike
 * (rival_closer), the columns of `run` (c's own and those missing beside
 * it) aside. */
static int column_words_clear(const column_gap *g, size_t i, size_t c, const size_t *run,
                              size_t nrun, unsigned here)
{
    const ogi_tblock *blk = &g->t->blocks[g->b];
    const ogi_lcell *cell = g->w[i].cell;
    int half = keeps_half(&blk->cols[c].labels, cell);
    for (size_t k = 0; k < blk->ncols; k++) {
        int in_run = 0;
        for (size_t r = 0; r < nrun && !in_run; r++)
            in_run = run[r] == k;
        if (in_run || !under_column_group(g, i, k) ||
            strcmp(blk->cols[k].labels.text[0], blk->cols[c].labels.text[0]) == 0)
            continue;
        unsigned there = structure_score(&blk->cols[k].labels, cell);
        /* words that say nothing of any column (撤销或变更, 公民, 小计)
         * leave the place to decide, as the only cell in the only slot */
        if (here == 0 && there == 0)
            continue;
        if (rival_closer(here, half, there, k < OGI_BLOCK_MAX_COLS && g->hd->found[k]))
            return 0;
    }
    return 1;
}

/* How many characters of a written label stand in label `mine` and not
 * in label `other` (each statutory label's first text): what tells the
 * two apart when the written label shares as much with both (维持结果 has
 * 维持 of 结果维持 and nothing of 结果纠正's 纠正). */
static size_t distinctive(const ogi_lcell *cell, const ogi_labels *mine, const ogi_labels *other)
{
    ogi_cps w, m, o;
    if (mine->n == 0 || other->n == 0 || !ogi_cps_from(cell->norm, cell->len, &w) ||
        !ogi_cps_from(mine->text[0], strlen(mine->text[0]), &m) ||
        !ogi_cps_from(other->text[0], strlen(other->text[0]), &o))
        return 0;
    size_t n = 0;
    for (uint32_t i = 0; i < w.n; i++) {
        int in_mine = 0, in_other = 0;
        for (uint32_t k = 0; k < m.n && !in_mine; k++)
            in_mine = m.cp[k] == w.cp[i];
        for (uint32_t k = 0; k < o.n && !in_other; k++)
            in_other = o.cp[k] == w.cp[i];
        n += in_mine && !in_other;
    }
    return n;
}

/* Whether a written label, scoring `here` for one of two columns and
 * `there` for the other, is closer to the first: by the score, or on a
 * tie by the characters only the first has (distinctive). */
static int closer_of_two(unsigned here, unsigned there, const ogi_lcell *cell,
                         const ogi_labels *mine, const ogi_labels *other)
{
    if (here != there)
        return here > there;
    return distinctive(cell, mine, other) > distinctive(cell, other, mine);
}

#define RUN_MAX 8 /* neighbouring columns missing together that structure may place */

/* Neighbouring columns of one group missing together (a k:k gap: they
 * share one slot) and exactly as many header cells in their slot, k >= 2:
 * the cells are the columns in order when each keeps at least half of its
 * column (keeps_half), is closer to it than to every other column of the
 * run (商业业业 to 商业企业, 科机构构 to 科研机构: crossed they share
 * nothing; 维持结果 | 纠正结果 score 0.5 both ways, and 维持 and 纠正 tell
 * them apart: closer_of_two), and no other column of the group is closer.
 * The run is evidence only whole: one cell that fails places none. */
static void score_column_run(const column_gap *g, const size_t *js, size_t k, uint16_t *score)
{
    const ogi_tblock *blk = &g->t->blocks[g->b];
    size_t col[RUN_MAX], cell[RUN_MAX + 1];
    for (size_t i = 0; i < k; i++) {
        col[i] = g->at.missing[js[i]];
        if (blk->cols[col[i]].group != blk->cols[col[0]].group)
            return;
    }
    if (slot_columns(g, js[0], cell, k + 1) != k)
        return;
    for (size_t i = 0; i < k; i++) {
        const ogi_lcell *w = g->w[cell[i]].cell;
        const ogi_labels *own = &blk->cols[col[i]].labels;
        unsigned here = structure_score(own, w);
        if (!keeps_half(own, w) || !column_words_clear(g, cell[i], col[i], col, k, here))
            return;
        for (size_t m = 0; m < k; m++)
            if (m != i && !closer_of_two(here, structure_score(&blk->cols[col[m]].labels, w), w,
                                         own, &blk->cols[col[m]].labels))
                return;
    }
    for (size_t i = 0; i < k; i++)
        if (score[cell[i] * g->at.nmissing + js[i]] < OGI_SIM_ORDERED)
            score[cell[i] * g->at.nmissing + js[i]] = OGI_SIM_ORDERED;
}

/* Columns by structure, as rows (score_by_structure): a missing column
 * whose slot between the columns found around it, under its own group,
 * holds header cells in exactly one sheet column while no other column
 * is missing there, is the lowest of those cells (the one nearest the
 * figures), when it is no group band and its words are clearly closer
 * to this column than to any other column under the same group not named
 * alike (科研院所 between 商业企业 and 社会公益组织 is 科研机构;
 * column_words_clear). Columns missing together are placed in order as
 * a run (score_column_run). */
static void score_columns_by_structure(const void *gap, uint16_t *score)
{
    const column_gap *g = gap;
    const ogi_tblock *blk = &g->t->blocks[g->b];
    size_t nmissing = g->at.nmissing;
    for (size_t j = 0; j < nmissing; j++) {
        size_t c = g->at.missing[j], run[RUN_MAX], nrun = 0, first = SIZE_MAX;
        for (size_t k = 0; k < nmissing; k++)
            if (g->at.lo[k] == g->at.lo[j] && g->at.hi[k] == g->at.hi[j]) {
                first = first == SIZE_MAX ? k : first;
                if (nrun < RUN_MAX)
                    run[nrun] = k;
                nrun++;
            }
        if (nrun >= 2) {
            if (first == j && nrun <= RUN_MAX)
                score_column_run(g, run, nrun, score);
            continue;
        }
        size_t take;
        if (slot_columns(g, j, &take, 1) != 1)
            continue;
        unsigned here = structure_score(&blk->cols[c].labels, g->w[take].cell);
        if (column_words_clear(g, take, c, &c, 1, here) &&
            score[take * nmissing + j] < OGI_SIM_ORDERED)
            score[take * nmissing + j] = OGI_SIM_ORDERED;
    }
}

static unsigned column_words(const void *gap, size_t i, size_t j)
{
    const column_gap *g = gap;
    if (!in_column_slot(g, i, j))
        return 0;
    return placed_score(&g->t->blocks[g->b].cols[g->at.missing[j]].labels, g->w[i].cell);
}

static void take_column(void *gap, size_t i, size_t j, unsigned score)
{
    column_gap *g = gap;
    size_t c = g->at.missing[j];
    const ogi_lcell *cell = g->w[i].cell;
    header *hd = g->hd;
    hd->found[c] = 1;
    hd->nfound++;
    hd->col[c] = cell->col;
    hd->hrow[c] = cell->row;
    hd->sim[c] = (uint16_t)score;
    hd->misplaced[c] = 0;
    const ogi_merge *m = ogi_sheet_merge_at(&g->book->sheets[g->s], cell->row, cell->col);
    uint32_t bottom = m ? m->last_row : cell->row;
    if (bottom > hd->bottom)
        hd->bottom = bottom;
}

/* Columns still missing, placed as the rows are: the header cells of the
 * band that no label placed, in order, aligned with the missing columns,
 * each allowed only between the columns found around it and under its own
 * group (or under none, for a column outside every group). */
static ogi_error fill_column_gaps(const ogi_template *t, const ogi_book *book,
                                  const ogi_label_index *index, const hits *h, size_t b, uint32_t s,
                                  uint32_t top, int64_t label_col, header *hd)
{
    column_gap g = {.t = t, .book = book, .h = h, .b = b, .s = s, .hd = hd};
    const ogi_tblock *blk = &t->blocks[b];
    size_t ncols = blk->ncols < OGI_BLOCK_MAX_COLS ? blk->ncols : OGI_BLOCK_MAX_COLS;
    for (size_t c = 0; c < ncols; c++)
        if (!hd->found[c])
            g.at.missing[g.at.nmissing++] = c;
    /* with no column found there is nothing to align against, unless the
     * block has one column only (表二's 本年收费金额 retyped 收费总额):
     * its slot is then every header cell right of the labels */
    if (g.at.nmissing == 0 || (hd->nfound == 0 && blk->ncols != 1))
        return OGI_OK;
    uint32_t band_top = top > HEADER_BAND ? top - HEADER_BAND : 0;
    uint32_t left = label_col >= 0 ? (uint32_t)label_col + 1 : 0;
    header_cell w[GAP_ROWS];
    size_t nw = 0;
    for (size_t i = first_lcell(index, s, band_top);
         i < index->ncells[s] && index->cells[s][i].row < top && nw < GAP_ROWS; i++) {
        const ogi_lcell *c = &index->cells[s][i];
        if ((int64_t)c->col <= label_col || is_known_header(t, h, b, s, c) ||
            cell_taken(hd, ncols, c))
            continue;
        w[nw++] = (header_cell){
            c, innermost_group(book, h, s, band_top, c->row, c->col, left, blk->table)};
    }
    if (nw == 0)
        return OGI_OK;
    qsort(w, nw, sizeof *w, header_cell_cmp);
    g.w = w;
    g.at.nw = nw;
    for (size_t j = 0; j < g.at.nmissing; j++)
        order_gap(hd->found, hd->col, ncols, g.at.missing[j], left, &g.at.lo[j], &g.at.hi[j]);
    static const gap_rules rules = {column_words, score_columns_by_structure, take_column};
    return align_gap(&rules, &g, nw, g.at.nmissing);
}

/* A block's header: the columns found by their labels, then the missing
 * ones placed by order (fill_column_gaps). */
static ogi_error find_header_placed(const ogi_template *t, const ogi_book *book,
                                    const ogi_label_index *index, const hits *h, size_t b,
                                    uint32_t s, uint32_t top, int64_t label_col, int shared,
                                    header *hd)
{
    find_header(t, book, h, b, s, top, label_col, shared, hd);
    /* each round's columns narrow the slots of the rest (维持 placed by
     * its words leaves 撤销或变更 alone between it and 其他结果): again
     * while a round places one, at most once per column */
    ogi_error err = OGI_OK;
    for (size_t round = 0; round < OGI_BLOCK_MAX_COLS && err == OGI_OK; round++) {
        size_t before = hd->nfound;
        err = fill_column_gaps(t, book, index, h, b, s, top, label_col, hd);
        if (hd->nfound == before)
            break;
    }
    return err;
}

/* What the mapper took through a label written otherwise than the
 * format: reported, so that an office can see and overrule it. */
static ogi_error note_read(ogi_mapping *m, const ogi_book *book, ogi_source at, ogi_label_kind kind,
                           size_t block, size_t index, unsigned sim, ogi_arena *arena)
{
    const ogi_cell *c = cell_at(book, (uint32_t)at.sheet, at.row, at.col);
    ogi_label_read *grown = ogi_arena_alloc(arena, (m->nreads + 1) * sizeof *grown);
    if (!grown)
        return OGI_ERROR_MEMORY;
    if (m->nreads)
        memcpy(grown, m->reads, m->nreads * sizeof *grown);
    grown[m->nreads++] =
        (ogi_label_read){at, c && c->kind == OGI_CELL_TEXT ? c->text : "", kind, block, index, sim};
    m->reads = grown;
    return OGI_OK;
}

/* Whether a read of the label at `at` is noted already (a group band
 * over several blocks' columns is said once). */
static int read_noted(const ogi_mapping *m, ogi_source at)
{
    for (size_t i = 0; i < m->nreads; i++)
        if (m->reads[i].source.sheet == at.sheet && m->reads[i].source.row == at.row &&
            m->reads[i].source.col == at.col)
            return 1;
    return 0;
}

/* Group bands read by similarity (行政复议案件, 法人或者其他组织) that stand
 * over a column found under that group: the band told the column apart
 * (结果维持 under 行政复议) or let it be placed under its group, so it is
 * said (map.label_variant) as a row or column label is. */
static ogi_error note_groups(ogi_mapping *m, const ogi_template *t, const ogi_book *book,
                             const hits *h, size_t b, uint32_t s, const header *hd,
                             ogi_arena *arena)
{
    const ogi_tblock *blk = &t->blocks[b];
    const ogi_ttable *tab = &t->tables[blk->table];
    size_t ncols = blk->ncols < OGI_BLOCK_MAX_COLS ? blk->ncols : OGI_BLOCK_MAX_COLS;
    uint32_t top = UINT32_MAX;
    for (size_t c = 0; c < ncols; c++)
        if (hd->found[c] && hd->hrow[c] < top)
            top = hd->hrow[c];
    if (top == UINT32_MAX)
        return OGI_OK;
    top = top > HEADER_BAND ? top - HEADER_BAND : 0;
    for (size_t i = first_hit(h, s, top); i < h->n && h->v[i].sheet == s; i++) {
        const hit *x = &h->v[i];
        if (x->row > hd->bottom)
            break;
        size_t g = group_of_hit(x, blk->table);
        if (g == OGI_NONE || is_exact(x))
            continue;
        /* the columns it stands over: its merge, or the blanks right of it */
        const ogi_sheet *sheet = &book->sheets[s];
        const ogi_merge *mg = ogi_sheet_merge_at(sheet, x->row, x->col);
        uint32_t last = mg ? mg->last_col : x->col;
        if (!mg)
            while (last < UINT32_MAX && !cell_at(book, s, x->row, last + 1) &&
                   !ogi_sheet_merge_at(sheet, x->row, last + 1) && last - x->col < 64)
                last++;
        int over = 0;
        for (size_t c = 0; c < ncols && !over; c++)
            over = hd->found[c] && hd->col[c] >= x->col && hd->col[c] <= last &&
                   hd->hrow[c] > x->row && blk->cols[c].group != OGI_NONE &&
                   group_within(tab, blk->cols[c].group, g);
        ogi_source at = {(int32_t)s, x->row, x->col};
        if (!over || read_noted(m, at))
            continue;
        ogi_error err = note_read(m, book, at, OGI_LABEL_GROUP, b, g, x->sim, arena);
        if (err != OGI_OK)
            return err;
    }
    return OGI_OK;
}

/* A part found counts twice when its label is written as the format
 * writes it, once when it is only close: of two formats the one whose
 * labels the workbook uses wins. */
static size_t weight(unsigned sim)
{
    return sim == OGI_SIM_EXACT ? 2 : 1;
}

/* Binds the rows of run cl that are not bound yet (have) to the columns
 * of the header above it. */
static ogi_error bind_run(ogi_mapping *m, const ogi_template *t, const ogi_book *book,
                          const ogi_label_index *index, const hits *h, size_t b, const cluster *cl,
                          uint8_t *have, ogi_arena *arena)
{
    const ogi_tblock *blk = &t->blocks[b];
    size_t nrows = blk->nrows;
    placed p;
    memset(p.mine, 0, sizeof p.mine);
    memset(p.by_place, 0, sizeof p.by_place);
    memset(p.glued, 0, sizeof p.glued);
    take_hits(t, h, b, cl, have, &p);
    drop_out_of_order(nrows, &p);
    for (size_t r = 0; r < nrows; r++)
        p.mine[r] |= have[r] << 1; /* bit 1: bound by an earlier run */
    uint8_t amb[OGI_BLOCK_MAX_ROWS];
    for (size_t r = 0; r < nrows; r++)
        amb[r] = p.mine[r] != 0;
    find_ambiguous_rows(t, index, h, b, cl, p.row_at, amb);
    for (size_t r = 0; r < nrows; r++)
        if (amb[r] && !p.mine[r]) {
            p.mine[r] = 1;
            p.sim[r] = OGI_SIM_EXACT;
            p.by_place[r] = 1;
        }
    drop_out_of_order(nrows, &p);
    drop_misnumbered_conflicts(blk, book, cl, &p);
    drop_misnumbered_close(blk, book, index, cl, &p);
    header hd;
    ogi_error err =
        find_header_placed(t, book, index, h, b, cl->sheet, cl->top, cl->label_col, 0, &hd);
    if (err == OGI_OK && hd.nfound == 0) /* （六） under the header of （五）, not repeated */
        err = find_header_placed(t, book, index, h, b, cl->sheet, cl->top, cl->label_col, 1, &hd);
    if (err != OGI_OK || hd.nfound == 0)
        return err;
    err = fill_gaps(t, book, index, h, b, cl, hd.bottom + 1, &p);
    if (err != OGI_OK)
        return err;
    m->block_found[b] = 1;
    m->table_found[blk->table] = 1;
    uint32_t first = cl->top, last = cl->top;
    for (size_t r = 0; r < nrows; r++)
        if (p.mine[r] == 1 && p.row_at[r] < first)
            first = p.row_at[r];
    for (size_t r = 0; r < nrows; r++) {
        if (p.mine[r] != 1)
            continue;
        have[r] = 1;
        m->row_found[m->row_base[b] + r] = 1;
        m->table_score[blk->table] += weight(p.sim[r]);
        if (p.row_at[r] > last)
            last = p.row_at[r];
        for (size_t c = 0; c < blk->ncols && c < OGI_BLOCK_MAX_COLS; c++)
            if (hd.found[c])
                bind_cell(m, t, book, b, r, c, cl->sheet, p.row_at[r], &hd);
        unsigned said = p.glued[r] && p.sim[r] == OGI_SIM_EXACT ? OGI_SIM_EXACT - 1 : p.sim[r];
        if (said != OGI_SIM_EXACT &&
            (err = note_read(m, book, (ogi_source){(int32_t)cl->sheet, p.row_at[r], p.label_col[r]},
                             OGI_LABEL_ROW, b, r, said, arena)) != OGI_OK)
            return err;
    }
    for (size_t c = 0; c < blk->ncols && c < OGI_BLOCK_MAX_COLS; c++)
        if (hd.found[c] && !m->col_found[m->col_base[b] + c]) {
            m->col_found[m->col_base[b] + c] = 1;
            m->table_score[blk->table] += weight(hd.sim[c]);
            if (hd.sim[c] != OGI_SIM_EXACT &&
                (err = note_read(m, book, (ogi_source){(int32_t)cl->sheet, hd.hrow[c], hd.col[c]},
                                 OGI_LABEL_COL, b, c, hd.sim[c], arena)) != OGI_OK)
                return err;
        }
    if ((err = note_groups(m, t, book, h, b, cl->sheet, &hd, arena)) != OGI_OK)
        return err;
    uint8_t is_row[BLOCK_MAX_SPAN] = {0};
    if (last - first >= sizeof is_row)
        last = first + (uint32_t)sizeof is_row - 1;
    for (size_t r = 0; r < nrows; r++)
        if (p.mine[r] == 1 && p.row_at[r] <= last && p.row_at[r] >= first)
            is_row[p.row_at[r] - first] = 1;
    return note_extra_rows(m, book, h, cl, blk->table, is_row, first, last, arena);
}

/* A table continued after a page break on the next sheet (or begun on the
 * one before): the largest run there holding none of the rows of the main
 * run. A second whole set shares rows with it and is not one. */
static int find_continuation(const ogi_template *t, const hits *h, size_t b, const cluster *main,
                             cluster *out)
{
    cluster c;
    size_t i = 0;
    out->distinct = 0;
    while (next_cluster(t, h, b, &i, &c))
        if ((c.sheet == main->sheet + 1 || c.sheet + 1 == main->sheet) && disjoint(&c, main) &&
            c.distinct > out->distinct)
            *out = c;
    return out->distinct > 0;
}

static ogi_error map_rows_block(ogi_mapping *m, const ogi_template *t, const ogi_book *book,
                                const ogi_label_index *index, const hits *h, size_t b,
                                ogi_arena *arena)
{
    cluster cl = best_cluster(t, index, h, b);
    if (cl.distinct == 0)
        return OGI_OK;
    ogi_error err = note_other_sets(m, t, h, b, &cl, arena);
    uint8_t have[OGI_BLOCK_MAX_ROWS] = {0};
    if (err == OGI_OK)
        err = bind_run(m, t, book, index, h, b, &cl, have, arena);
    cluster more;
    if (err == OGI_OK && m->block_found[b] && find_continuation(t, h, b, &cl, &more))
        err = bind_run(m, t, book, index, h, b, &more, have, arena);
    return err;
}

/* The first row from `from` on (within a header band) that holds a
 * figure, or UINT32_MAX. */
static uint32_t first_figure_row(const ogi_sheet *sheet, uint32_t from)
{
    for (uint32_t r = from; r < from + HEADER_BAND; r++)
        for (size_t i = ogi_sheet_row_start(sheet, r);
             i < sheet->ncells && sheet->cells[i].row == r; i++)
            if (is_figure(&sheet->cells[i]))
                return r;
    return UINT32_MAX;
}

/* Columns a header finds that are not taken yet. */
static size_t new_columns(const header *hd, const uint8_t *taken, size_t ncols)
{
    size_t n = 0;
    for (size_t c = 0; c < ncols && c < OGI_BLOCK_MAX_COLS; c++)
        n += hd->found[c] && !taken[c];
    return n;
}

/* The header band with the most of block b's columns not yet taken, on
 * sheet `only` (UINT32_MAX: any sheet; among equal bands on different
 * sheets the preferred one). Each band is tried once: it ends at the first
 * row of figures below a label. */
static ogi_error best_band(const ogi_template *t, const ogi_book *book,
                           const ogi_label_index *index, const hits *h, size_t b, uint32_t only,
                           const uint8_t *taken, header *best, uint32_t *best_sheet,
                           size_t *best_new)
{
    size_t ncols = t->blocks[b].ncols;
    *best_new = 0;
    uint32_t tried_sheet = UINT32_MAX, tried_top = 0;
    for (size_t i = 0; i < h->n; i++) {
        const hit *x = &h->v[i];
        if ((only != UINT32_MAX && x->sheet != only) || !use_of(x->entry, OGI_LABEL_COL, b))
            continue;
        const ogi_merge *mg = ogi_sheet_merge_at(&book->sheets[x->sheet], x->row, x->col);
        uint32_t below = (mg ? mg->last_row : x->row) + 1;
        uint32_t top = first_figure_row(&book->sheets[x->sheet], below);
        if (top == UINT32_MAX)
            top = below + HEADER_BAND / 2; /* an all-blank data row */
        if (x->sheet == tried_sheet && top == tried_top)
            continue;
        tried_sheet = x->sheet;
        tried_top = top;
        header hd;
        ogi_error err = find_header_placed(t, book, index, h, b, x->sheet, top, -1, 0, &hd);
        if (err != OGI_OK)
            return err;
        size_t n = new_columns(&hd, taken, ncols);
        if (n > *best_new || (n == *best_new && n > 0 && x->sheet != *best_sheet &&
                              rank_of(index, x->sheet) > rank_of(index, *best_sheet))) {
            *best = hd;
            *best_sheet = x->sheet;
            *best_new = n;
        }
    }
    return OGI_OK;
}

/* A block without rows (表四): its header anywhere, its data the row
 * below. The band with the most of its columns wins; columns it lacks are
 * then taken from other bands of that sheet (行政复议 written as a table of
 * its own above the 行政诉讼 one), each with its own data row. */
static ogi_error map_header_block(ogi_mapping *m, const ogi_template *t, const ogi_book *book,
                                  const ogi_label_index *index, const hits *h, size_t b,
                                  ogi_arena *arena)
{
    const ogi_tblock *blk = &t->blocks[b];
    uint8_t taken[OGI_BLOCK_MAX_COLS] = {0};
    header band;
    uint32_t sheet = 0;
    size_t nnew;
    ogi_error err = best_band(t, book, index, h, b, UINT32_MAX, taken, &band, &sheet, &nnew);
    if (err != OGI_OK || nnew < 2)
        return err;
    m->block_found[b] = 1;
    m->table_found[blk->table] = 1;
    size_t ntaken = 0, ncols = blk->ncols < OGI_BLOCK_MAX_COLS ? blk->ncols : OGI_BLOCK_MAX_COLS;
    do {
        for (size_t c = 0; c < ncols; c++)
            if (band.found[c] && !taken[c]) {
                taken[c] = 1;
                ntaken++;
                m->col_found[m->col_base[b] + c] = 1;
                m->table_score[blk->table] += weight(band.sim[c]);
                bind_cell(m, t, book, b, 0, c, sheet, band.bottom + 1, &band);
                ogi_source at = {(int32_t)sheet, band.hrow[c], band.col[c]};
                if (band.sim[c] != OGI_SIM_EXACT)
                    err = note_read(m, book, at, OGI_LABEL_COL, b, c, band.sim[c], arena);
                if (err != OGI_OK)
                    return err;
            }
        if ((err = note_groups(m, t, book, h, b, sheet, &band, arena)) != OGI_OK)
            return err;
        if (ntaken < ncols)
            err = best_band(t, book, index, h, b, sheet, taken, &band, &sheet, &nnew);
    } while (err == OGI_OK && ntaken < ncols && nnew >= 2);
    return err;
}

static ogi_error alloc_mapping(ogi_mapping *m, const ogi_template *t, ogi_arena *a)
{
    memset(m, 0, sizeof *m);
    m->tmpl = t;
    size_t nrows = 0, ncols = 0;
    m->row_base = ogi_arena_alloc(a, (t->nblocks + 1) * sizeof *m->row_base);
    m->col_base = ogi_arena_alloc(a, (t->nblocks + 1) * sizeof *m->col_base);
    if (!m->row_base || !m->col_base)
        return OGI_ERROR_MEMORY;
    for (size_t b = 0; b < t->nblocks; b++) {
        m->row_base[b] = nrows;
        m->col_base[b] = ncols;
        nrows += t->blocks[b].nrows;
        ncols += t->blocks[b].ncols;
    }
    m->source = ogi_arena_alloc(a, (t->ncells + 1) * sizeof *m->source);
    m->unit = ogi_arena_alloc(a, (t->ncells + 1) * sizeof *m->unit);
    m->row_found = ogi_arena_alloc(a, nrows + 1);
    m->col_found = ogi_arena_alloc(a, ncols + 1);
    m->block_found = ogi_arena_alloc(a, t->nblocks + 1);
    m->table_found = ogi_arena_alloc(a, t->ntables + 1);
    m->table_score = ogi_arena_alloc(a, (t->ntables + 1) * sizeof *m->table_score);
    if (!m->source || !m->unit || !m->row_found || !m->col_found || !m->block_found ||
        !m->table_found || !m->table_score)
        return OGI_ERROR_MEMORY;
    for (size_t i = 0; i < t->ncells; i++)
        m->source[i].sheet = -1;
    return OGI_OK;
}

ogi_error ogi_map(const ogi_template *tmpl, const ogi_book *book, const ogi_label_index *index,
                  ogi_arena *arena, ogi_mapping *out)
{
    ogi_error err = alloc_mapping(out, tmpl, arena);
    if (err != OGI_OK)
        return err;
    hits h = {NULL, 0, 0};
    err = collect_hits(tmpl, book, index, &h);
    for (size_t b = 0; b < tmpl->nblocks && err == OGI_OK; b++) {
        if (tmpl->blocks[b].nrows == 0)
            err = map_header_block(out, tmpl, book, index, &h, b, arena);
        else
            err = map_rows_block(out, tmpl, book, index, &h, b, arena);
    }
    free(h.v);
    for (size_t i = 0; i < tmpl->ntables; i++)
        out->score += out->table_score[i];
    return err;
}
