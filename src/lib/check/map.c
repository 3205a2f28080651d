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

#include "common.h"

#define LABEL_MAX_BYTES 600 /* longer text is narrative, not a label */
#define CLUSTER_GAP 6       /* rows between two labels of one block */
#define HEADER_BAND 6       /* header rows searched above a block */

typedef struct hit {
    uint32_t sheet, row, col;
    const ogi_label_entry *entry;
    int suffix; /* matched the end of a longer (full) label */
} hit;

typedef struct hits {
    hit *v;
    size_t n, cap;
} hits;

static int push_hit(hits *h, hit x)
{
    if (h->n == h->cap) {
        size_t cap = h->cap ? h->cap * 2 : 128;
        hit *grown = realloc(h->v, cap * sizeof *grown);
        if (!grown)
            return 0;
        h->v = grown;
        h->cap = cap;
    }
    h->v[h->n++] = x;
    return 1;
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
static const ogi_label_entry *suffix_lookup(const ogi_template *t, const char *s, size_t len)
{
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
        if (has_row && (ogi_utf8_length(s + i, rest) >= 4 || before == ')' || before == '.'))
            return e;
        if (has_row && i >= 3 && memcmp(s + i - 3, "\xE3\x80\x81", 3) == 0)
            return e; /* 、 */
    }
    return NULL;
}

static int collect_hits(const ogi_template *t, const ogi_label_index *index, hits *out)
{
    for (size_t s = 0; s < index->nsheets; s++)
        for (size_t i = 0; i < index->ncells[s]; i++) {
            const ogi_lcell *c = &index->cells[s][i];
            if (c->len > t->max_label_len * 4 + 64)
                continue;
            const ogi_label_entry *e = ogi_template_label(t, c->norm, c->len);
            int suffix = 0;
            if (!e) {
                e = suffix_lookup(t, c->norm, c->len);
                suffix = 1;
            }
            if (e && !push_hit(out, (hit){(uint32_t)s, c->row, c->col, e, suffix}))
                return 0;
        }
    return 1;
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
    uint8_t seen[256]; /* which of the block's rows it holds */
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
        cluster c = {h->v[*i].sheet, h->v[*i].row, h->v[*i].row, h->v[*i].col, 0, {0}};
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

/* The run of hits with the most distinct rows; among equal runs on
 * different sheets, the one on the preferred sheet (else the first). */
static cluster best_cluster(const ogi_template *t, const ogi_label_index *index, const hits *h,
                            size_t b)
{
    cluster best = {0, 0, 0, 0, 0, {0}}, c;
    size_t i = 0;
    while (next_cluster(t, h, b, &i, &c))
        if (c.distinct > best.distinct || (c.distinct == best.distinct && c.sheet != best.sheet &&
                                           rank_of(index, c.sheet) > rank_of(index, best.sheet)))
            best = c;
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
static int note_other_sets(ogi_mapping *m, const ogi_template *t, const hits *h, size_t b,
                           const cluster *best, ogi_arena *arena)
{
    cluster c;
    size_t i = 0;
    while (next_cluster(t, h, b, &i, &c)) {
        if (c.sheet == best->sheet || c.distinct < best->distinct || disjoint(&c, best))
            continue; /* not another set: the same, a lesser one, or its continuation */
        int known = 0;
        for (size_t k = 0; k < m->nother; k++)
            known |= m->other_sheets[k] == c.sheet;
        if (known)
            continue;
        uint32_t *grown = ogi_arena_alloc(arena, (m->nother + 1) * sizeof *grown);
        if (!grown)
            return 0;
        if (m->nother)
            memcpy(grown, m->other_sheets, m->nother * sizeof *grown);
        grown[m->nother++] = c.sheet;
        m->other_sheets = grown;
    }
    return 1;
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
    uint32_t col[64];  /* sheet column of each block column */
    uint32_t hrow[64]; /* header row where its label stood */
    uint8_t found[64];
    uint8_t misplaced[64]; /* its label stands under a group the column is not in */
    uint32_t bottom;       /* last header row, merges included */
    size_t nfound;
} header;

/* Searches the band of rows above `top` (exclusive) for block b's column
 * labels, right of label_col (or anywhere when the block has no rows). */
static void find_header(const ogi_template *t, const ogi_book *book, const hits *h, size_t b,
                        uint32_t s, uint32_t top, int64_t label_col, int shared, header *hd)
{
    const ogi_tblock *blk = &t->blocks[b];
    memset(hd, 0, sizeof *hd);
    uint32_t band_top = top > HEADER_BAND ? top - HEADER_BAND : 0;
    /* stop the band at another block's rows, unless looking for a header
     * shared with the block above */
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
        if (c == OGI_NONE || c >= 64)
            continue;
        /* a label under a group the column is not in (合计 of the
         * organisations under 法人或其他组织, taken for 总计) gives way to
         * one that is not; then the lowest header row wins: it is the one
         * nearest the data */
        size_t cg = blk->cols[c].group;
        uint8_t misplaced = g != OGI_NONE && !group_within(&t->tables[blk->table], cg, g);
        if (hd->found[c] && (misplaced > hd->misplaced[c] ||
                             (misplaced == hd->misplaced[c] && hd->hrow[c] > x->row)))
            continue;
        if (!hd->found[c])
            hd->nfound++;
        hd->found[c] = 1;
        hd->misplaced[c] = misplaced;
        hd->col[c] = x->col;
        hd->hrow[c] = x->row;
        const ogi_merge *m = ogi_sheet_merge_at(&book->sheets[s], x->row, x->col);
        uint32_t bottom = m ? m->last_row : x->row;
        if (bottom > hd->bottom)
            hd->bottom = bottom;
    }
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
static void find_ambiguous_rows(const ogi_template *t, const hits *h, size_t b, const cluster *cl,
                                uint32_t *row_at, uint8_t *have)
{
    const ogi_tblock *blk = &t->blocks[b];
    for (size_t i = 0; i < h->n; i++) {
        const hit *x = &h->v[i];
        if (x->sheet != cl->sheet || x->row <= cl->top || x->row > cl->bottom + CLUSTER_GAP ||
            x->col > cl->label_col)
            continue;
        const ogi_label_use *u = use_of(x->entry, OGI_LABEL_ROW, b);
        if (u && blk->rows[u->index].ambiguous && !have[u->index]) {
            have[u->index] = 1;
            row_at[u->index] = x->row;
        }
    }
}

static int is_known_label(const hits *h, uint32_t s, uint32_t r, uint32_t c)
{
    return hit_at(h, s, r, c) != NULL;
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
static int note_extra_rows(ogi_mapping *m, const ogi_book *book, const hits *h, const cluster *cl,
                           size_t table, const uint8_t *is_row, uint32_t first, uint32_t last,
                           ogi_arena *arena)
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
            return 0;
        if (m->nextra)
            memcpy(grown, m->extra, m->nextra * sizeof *grown);
        grown[m->nextra++] =
            (ogi_extra_row){{(int32_t)cl->sheet, r, label->col}, table, label->text};
        m->extra = grown;
    }
    return 1;
}

/* Binds the rows of run cl that are not bound yet (have) to the columns
 * of the header above it. */
static int bind_run(ogi_mapping *m, const ogi_template *t, const ogi_book *book, const hits *h,
                    size_t b, const cluster *cl, uint8_t *have, ogi_arena *arena)
{
    const ogi_tblock *blk = &t->blocks[b];
    uint32_t row_at[256];
    uint8_t mine[256] = {0};
    size_t nrows = blk->nrows < 256 ? blk->nrows : 256;
    for (size_t i = first_hit(h, cl->sheet, cl->top); i < h->n; i++) {
        const hit *x = &h->v[i];
        if (x->sheet != cl->sheet || x->row > cl->bottom)
            break;
        const ogi_label_use *u = use_of(x->entry, OGI_LABEL_ROW, b);
        if (u && u->index < nrows && !have[u->index] && !mine[u->index] &&
            (!blk->rows[u->index].ambiguous || x->suffix)) {
            mine[u->index] = 1;
            row_at[u->index] = x->row;
        }
    }
    for (size_t r = 0; r < nrows; r++)
        mine[r] |= have[r] << 1; /* bit 1: bound by an earlier run */
    uint8_t amb[256];
    for (size_t r = 0; r < nrows; r++)
        amb[r] = mine[r] != 0;
    find_ambiguous_rows(t, h, b, cl, row_at, amb);
    for (size_t r = 0; r < nrows; r++)
        if (amb[r] && !mine[r])
            mine[r] = 1;
    header hd;
    find_header(t, book, h, b, cl->sheet, cl->top, cl->label_col, 0, &hd);
    if (hd.nfound == 0) /* （六） under the header of （五）, not repeated */
        find_header(t, book, h, b, cl->sheet, cl->top, cl->label_col, 1, &hd);
    if (hd.nfound == 0)
        return 1;
    m->block_found[b] = 1;
    m->table_found[blk->table] = 1;
    uint32_t last = cl->top;
    for (size_t r = 0; r < nrows; r++) {
        if (mine[r] != 1)
            continue;
        have[r] = 1;
        m->row_found[m->row_base[b] + r] = 1;
        m->table_score[blk->table]++;
        if (row_at[r] > last)
            last = row_at[r];
        for (size_t c = 0; c < blk->ncols && c < 64; c++)
            if (hd.found[c])
                bind_cell(m, t, book, b, r, c, cl->sheet, row_at[r], &hd);
    }
    for (size_t c = 0; c < blk->ncols && c < 64; c++)
        if (hd.found[c] && !m->col_found[m->col_base[b] + c]) {
            m->col_found[m->col_base[b] + c] = 1;
            m->table_score[blk->table]++;
        }
    uint8_t is_row[512] = {0};
    if (last - cl->top >= sizeof is_row)
        last = cl->top + (uint32_t)sizeof is_row - 1;
    for (size_t r = 0; r < nrows; r++)
        if (mine[r] == 1 && row_at[r] <= last && row_at[r] >= cl->top)
            is_row[row_at[r] - cl->top] = 1;
    return note_extra_rows(m, book, h, cl, blk->table, is_row, cl->top, last, arena);
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

static int map_rows_block(ogi_mapping *m, const ogi_template *t, const ogi_book *book,
                          const ogi_label_index *index, const hits *h, size_t b, ogi_arena *arena)
{
    cluster cl = best_cluster(t, index, h, b);
    if (cl.distinct == 0)
        return 1;
    if (!note_other_sets(m, t, h, b, &cl, arena))
        return 0;
    uint8_t have[256] = {0};
    if (!bind_run(m, t, book, h, b, &cl, have, arena))
        return 0;
    cluster more;
    if (m->block_found[b] && find_continuation(t, h, b, &cl, &more))
        return bind_run(m, t, book, h, b, &more, have, arena);
    return 1;
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
    for (size_t c = 0; c < ncols && c < 64; c++)
        n += hd->found[c] && !taken[c];
    return n;
}

/* The header band with the most of block b's columns not yet taken, on
 * sheet `only` (UINT32_MAX: any sheet; among equal bands on different
 * sheets the preferred one). Each band is tried once: it ends at the first
 * row of figures below a label. */
static size_t best_band(const ogi_template *t, const ogi_book *book, const ogi_label_index *index,
                        const hits *h, size_t b, uint32_t only, const uint8_t *taken, header *best,
                        uint32_t *best_sheet)
{
    size_t ncols = t->blocks[b].ncols, best_new = 0;
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
        find_header(t, book, h, b, x->sheet, top, -1, 0, &hd);
        size_t n = new_columns(&hd, taken, ncols);
        if (n > best_new || (n == best_new && n > 0 && x->sheet != *best_sheet &&
                             rank_of(index, x->sheet) > rank_of(index, *best_sheet))) {
            *best = hd;
            *best_sheet = x->sheet;
            best_new = n;
        }
    }
    return best_new;
}

/* A block without rows (表四): its header anywhere, its data the row
 * below. The band with the most of its columns wins; columns it lacks are
 * then taken from other bands of that sheet (行政复议 written as a table of
 * its own above the 行政诉讼 one), each with its own data row. */
static void map_header_block(ogi_mapping *m, const ogi_template *t, const ogi_book *book,
                             const ogi_label_index *index, const hits *h, size_t b)
{
    const ogi_tblock *blk = &t->blocks[b];
    uint8_t taken[64] = {0};
    header band;
    uint32_t sheet = 0;
    if (best_band(t, book, index, h, b, UINT32_MAX, taken, &band, &sheet) < 2)
        return;
    m->block_found[b] = 1;
    m->table_found[blk->table] = 1;
    size_t ntaken = 0, ncols = blk->ncols < 64 ? blk->ncols : 64;
    do {
        for (size_t c = 0; c < ncols; c++)
            if (band.found[c] && !taken[c]) {
                taken[c] = 1;
                ntaken++;
                m->col_found[m->col_base[b] + c] = 1;
                m->table_score[blk->table]++;
                bind_cell(m, t, book, b, 0, c, sheet, band.bottom + 1, &band);
            }
    } while (ntaken < ncols && best_band(t, book, index, h, b, sheet, taken, &band, &sheet) >= 2);
}

static int alloc_mapping(ogi_mapping *m, const ogi_template *t, ogi_arena *a)
{
    memset(m, 0, sizeof *m);
    m->tmpl = t;
    size_t nrows = 0, ncols = 0;
    m->row_base = ogi_arena_alloc(a, (t->nblocks + 1) * sizeof *m->row_base);
    m->col_base = ogi_arena_alloc(a, (t->nblocks + 1) * sizeof *m->col_base);
    if (!m->row_base || !m->col_base)
        return 0;
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
        return 0;
    for (size_t i = 0; i < t->ncells; i++)
        m->source[i].sheet = -1;
    return 1;
}

ogi_error ogi_map(const ogi_template *tmpl, const ogi_book *book, const ogi_label_index *index,
                  ogi_arena *arena, ogi_mapping *out)
{
    if (!alloc_mapping(out, tmpl, arena))
        return OGI_ERROR_MEMORY;
    hits h = {NULL, 0, 0};
    if (!collect_hits(tmpl, index, &h)) {
        free(h.v);
        return OGI_ERROR_MEMORY;
    }
    ogi_error err = OGI_OK;
    for (size_t b = 0; b < tmpl->nblocks && err == OGI_OK; b++) {
        if (tmpl->blocks[b].nrows == 0)
            map_header_block(out, tmpl, book, index, &h, b);
        else if (!map_rows_block(out, tmpl, book, index, &h, b, arena))
            err = OGI_ERROR_MEMORY;
    }
    free(h.v);
    for (size_t i = 0; i < tmpl->ntables; i++)
        out->score += out->table_score[i];
    return err;
}
