/*
 * template.c - loading a statutory format from its data file.
 */
#include "template.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "common.h"
#include "messages.h"

#define MAX_FIELDS 12
#define MAX_LABEL_BYTES 512

/* A growable array of fixed-size elements, used only while parsing; it
 * grows as every array of the library does (buf.c). */
typedef struct vec {
    unsigned char *data;
    size_t n, cap, elem;
} vec;

static void *vec_push(vec *v)
{
    ogi_error err;
    unsigned char *grown = ogi_array_reserve(v->data, &v->cap, v->n + 1, v->elem, 0, &err);
    if (!grown)
        return NULL;
    v->data = grown;
    void *slot = v->data + v->n * v->elem;
    memset(slot, 0, v->elem);
    v->n++;
    return slot;
}

static void *vec_at(const vec *v, size_t i)
{
    return v->data + i * v->elem;
}

/* Everything collected while reading the file, finished into the
 * template's arena at the end. */
typedef struct parser {
    ogi_template *t;
    const ogi_t2s_map *t2s;
    vec tables, blocks, rows, cols, groups, rules, checks, terms;
    vec row_block, col_block, group_table; /* owner index of each */
    vec block_row0, block_col0;            /* first row/col per block */
    int fault;                             /* an ogi_msg saying why, or -1 */
    size_t fault_limit;
} parser;

typedef struct rule_line {
    size_t rule;
    char *over;
    char *expr;
    size_t line;
} rule_line;

static uint32_t label_hash(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

static char *dup_field(parser *p, const char *s)
{
    return ogi_arena_strdup(&p->t->arena, s);
}

/* "a|b|c" -> normalised variants. */
static ogi_error parse_labels(parser *p, const char *field, ogi_labels *out)
{
    size_t n = 1;
    for (const char *s = field; *s; s++)
        n += *s == '|';
    out->text = ogi_arena_alloc(&p->t->arena, n * sizeof *out->text);
    if (!out->text)
        return OGI_ERROR_MEMORY;
    out->n = 0;
    const char *start = field;
    for (;;) {
        const char *bar = strchr(start, '|');
        size_t len = bar ? (size_t)(bar - start) : strlen(start);
        char buf[MAX_LABEL_BYTES];
        size_t nl = ogi_label_norm(p->t2s, start, len, buf, sizeof buf);
        if (nl > 0) {
            out->text[out->n] = ogi_arena_strndup(&p->t->arena, buf, nl);
            if (!out->text[out->n])
                return OGI_ERROR_MEMORY;
            out->n++;
            if (nl > p->t->max_label_len)
                p->t->max_label_len = nl;
        }
        if (!bar)
            break;
        start = bar + 1;
    }
    return out->n > 0 ? OGI_OK : OGI_ERROR_TEMPLATE;
}

static size_t split_fields(char *line, char **fields)
{
    size_t n = 0;
    char *s = line;
    while (n < MAX_FIELDS) {
        fields[n++] = s;
        char *tab = strchr(s, '\t');
        if (!tab)
            break;
        *tab = '\0';
        s = tab + 1;
    }
    return n;
}

static const char *field_or(char **f, size_t n, size_t i, const char *dflt)
{
    return i < n && f[i][0] ? f[i] : dflt;
}

static size_t current(const vec *v)
{
    return v->n ? v->n - 1 : OGI_NONE;
}

static size_t find_group(const parser *p, size_t table, const char *id)
{
    for (size_t i = 0; i < p->groups.n; i++) {
        const ogi_tgroup *g = vec_at(&p->groups, i);
        if (*(size_t *)vec_at(&p->group_table, i) == table && strcmp(g->id, id) == 0)
            return i;
    }
    return OGI_NONE;
}

/* Ids are the names of the JSON output ("t3.new.person"): letters, digits,
 * '_' and '.', so that they need no escaping and no checking there. */
static int plain_id(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '_' || *s == '.'))
            return 0;
    return 1;
}

static ogi_error parse_table(parser *p, char **f, size_t n)
{
    if (n < 2 || !plain_id(f[1]))
        return OGI_ERROR_TEMPLATE;
    ogi_ttable *t = vec_push(&p->tables);
    if (!t)
        return OGI_ERROR_MEMORY;
    t->id = dup_field(p, f[1]);
    t->display[0] = dup_field(p, field_or(f, n, 2, f[1]));
    t->display[1] = dup_field(p, field_or(f, n, 3, t->display[0]));
    t->first_block = p->blocks.n;
    return t->id && t->display[0] && t->display[1] ? OGI_OK : OGI_ERROR_MEMORY;
}

static ogi_error parse_block(parser *p, char **f, size_t n)
{
    if (!p->tables.n)
        return OGI_ERROR_TEMPLATE;
    ogi_tblock *b = vec_push(&p->blocks);
    size_t *r0 = vec_push(&p->block_row0), *c0 = vec_push(&p->block_col0);
    if (!b || !r0 || !c0)
        return OGI_ERROR_MEMORY;
    b->table = current(&p->tables);
    b->display = dup_field(p, field_or(f, n, 1, ""));
    *r0 = p->rows.n;
    *c0 = p->cols.n;
    ((ogi_ttable *)vec_at(&p->tables, b->table))->nblocks++;
    return b->display ? OGI_OK : OGI_ERROR_MEMORY;
}

static ogi_error parse_group(parser *p, char **f, size_t n)
{
    if (!p->tables.n || n < 3 || !plain_id(f[1]))
        return OGI_ERROR_TEMPLATE;
    size_t table = current(&p->tables);
    ogi_tgroup *g = vec_push(&p->groups);
    size_t *owner = vec_push(&p->group_table);
    if (!g || !owner)
        return OGI_ERROR_MEMORY;
    *owner = table;
    g->id = dup_field(p, f[1]);
    g->display[0] = dup_field(p, field_or(f, n, 3, f[2]));
    g->display[1] = dup_field(p, field_or(f, n, 4, g->display[0]));
    g->parent = OGI_NONE;
    if (n > 5 && f[5][0]) {
        g->parent = find_group(p, table, f[5]);
        if (g->parent == OGI_NONE)
            return OGI_ERROR_TEMPLATE;
    }
    return g->id ? parse_labels(p, f[2], &g->labels) : OGI_ERROR_MEMORY;
}

static ogi_error parse_col(parser *p, char **f, size_t n)
{
    if (!p->blocks.n || n < 4 || !plain_id(f[1]))
        return OGI_ERROR_TEMPLATE;
    ogi_tcol *c = vec_push(&p->cols);
    size_t *owner = vec_push(&p->col_block);
    if (!c || !owner)
        return OGI_ERROR_MEMORY;
    *owner = current(&p->blocks);
    if (((ogi_tblock *)vec_at(&p->blocks, *owner))->ncols >= OGI_BLOCK_MAX_COLS) {
        p->fault = OGI_MSG_TEMPLATE_TOO_MANY_COLS;
        p->fault_limit = OGI_BLOCK_MAX_COLS;
        return OGI_ERROR_TEMPLATE;
    }
    c->id = dup_field(p, f[1]);
    if (strcmp(f[2], "count") == 0)
        c->kind = OGI_COL_COUNT;
    else if (strcmp(f[2], "change") == 0)
        c->kind = OGI_COL_CHANGE;
    else if (strcmp(f[2], "money") == 0)
        c->kind = OGI_COL_MONEY;
    else
        return OGI_ERROR_TEMPLATE;
    c->display[0] = dup_field(p, field_or(f, n, 4, f[3]));
    c->display[1] = dup_field(p, field_or(f, n, 5, c->display[0]));
    c->group = OGI_NONE;
    if (n > 6 && f[6][0]) {
        c->group = find_group(p, current(&p->tables), f[6]);
        if (c->group == OGI_NONE)
            return OGI_ERROR_TEMPLATE;
    }
    ((ogi_tblock *)vec_at(&p->blocks, *owner))->ncols++;
    return c->id ? parse_labels(p, f[3], &c->labels) : OGI_ERROR_MEMORY;
}

static ogi_error parse_row(parser *p, char **f, size_t n)
{
    if (!p->blocks.n || n < 3 || !plain_id(f[1]))
        return OGI_ERROR_TEMPLATE;
    ogi_trow *r = vec_push(&p->rows);
    size_t *owner = vec_push(&p->row_block);
    if (!r || !owner)
        return OGI_ERROR_MEMORY;
    *owner = current(&p->blocks);
    if (((ogi_tblock *)vec_at(&p->blocks, *owner))->nrows >= OGI_BLOCK_MAX_ROWS) {
        p->fault = OGI_MSG_TEMPLATE_TOO_MANY_ROWS;
        p->fault_limit = OGI_BLOCK_MAX_ROWS;
        return OGI_ERROR_TEMPLATE;
    }
    r->id = dup_field(p, f[1]);
    r->display[0] = dup_field(p, field_or(f, n, 3, f[2]));
    r->display[1] = dup_field(p, field_or(f, n, 4, r->display[0]));
    ogi_error err = n > 5 && f[5][0] ? parse_labels(p, f[5], &r->parents) : OGI_OK;
    if (err != OGI_OK)
        return err;
    ((ogi_tblock *)vec_at(&p->blocks, *owner))->nrows++;
    return r->id ? parse_labels(p, f[2], &r->labels) : OGI_ERROR_MEMORY;
}

static size_t find_rule(const parser *p, const char *name)
{
    for (size_t i = 0; i < p->rules.n; i++)
        if (strcmp(((ogi_trule *)vec_at(&p->rules, i))->name, name) == 0)
            return i;
    return OGI_NONE;
}

static ogi_error parse_rule(parser *p, char **f, size_t n, vec *rule_lines, size_t line)
{
    if (n < 6 || !plain_id(f[1]) || find_rule(p, f[1]) != OGI_NONE)
        return OGI_ERROR_TEMPLATE;
    ogi_trule *r = vec_push(&p->rules);
    rule_line *rl = vec_push(rule_lines);
    if (!r || !rl)
        return OGI_ERROR_MEMORY;
    r->name = dup_field(p, f[1]);
    if (strcmp(f[2], "error") == 0)
        r->severity = OGI_SEVERITY_ERROR;
    else if (strcmp(f[2], "warning") == 0)
        r->severity = OGI_SEVERITY_WARNING;
    else if (strcmp(f[2], "info") == 0)
        r->severity = OGI_SEVERITY_INFO;
    else
        return OGI_ERROR_TEMPLATE;
    if (strcmp(f[4], "left") != 0 && strcmp(f[4], "right") != 0)
        return OGI_ERROR_TEMPLATE;
    r->expect_right = strcmp(f[4], "right") == 0;
    r->message[0] = r->message[1] = "";
    rl->rule = current(&p->rules);
    rl->over = dup_field(p, f[3]);
    rl->expr = dup_field(p, f[5]);
    rl->line = line;
    return r->name && rl->over && rl->expr ? OGI_OK : OGI_ERROR_MEMORY;
}

static ogi_error parse_msg(parser *p, char **f, size_t n)
{
    size_t rule = n >= 3 ? find_rule(p, f[1]) : OGI_NONE;
    if (rule == OGI_NONE)
        return OGI_ERROR_TEMPLATE;
    ogi_trule *r = vec_at(&p->rules, rule);
    r->message[0] = dup_field(p, f[2]);
    r->message[1] = dup_field(p, field_or(f, n, 3, f[2]));
    return r->message[0] && r->message[1] ? OGI_OK : OGI_ERROR_MEMORY;
}

static ogi_error parse_line(parser *p, char *line, vec *rule_lines, size_t lineno)
{
    char *f[MAX_FIELDS];
    size_t n = split_fields(line, f);
    const char *d = f[0];
    if (strcmp(d, "format") == 0 && n >= 2)
        return (p->t->id = dup_field(p, f[1])) != NULL ? OGI_OK : OGI_ERROR_MEMORY;
    if (strcmp(d, "title") == 0 && n >= 2) {
        p->t->title[0] = dup_field(p, f[1]);
        p->t->title[1] = dup_field(p, field_or(f, n, 2, f[1]));
        return p->t->title[0] && p->t->title[1] ? OGI_OK : OGI_ERROR_MEMORY;
    }
    if (strcmp(d, "years") == 0 && n >= 3) {
        p->t->year_first = atoi(f[1]);
        p->t->year_last = atoi(f[2]);
        return OGI_OK;
    }
    if (strcmp(d, "table") == 0)
        return parse_table(p, f, n);
    if (strcmp(d, "block") == 0)
        return parse_block(p, f, n);
    if (strcmp(d, "group") == 0)
        return parse_group(p, f, n);
    if (strcmp(d, "col") == 0)
        return parse_col(p, f, n);
    if (strcmp(d, "row") == 0)
        return parse_row(p, f, n);
    if (strcmp(d, "rule") == 0)
        return parse_rule(p, f, n, rule_lines, lineno);
    if (strcmp(d, "msg") == 0)
        return parse_msg(p, f, n);
    return OGI_ERROR_TEMPLATE;
}

/* "table.row.col", or "table.col" for a block without rows (sep '.'), or
 * "rule:item" (sep ':', row NULL). Written piece by piece: the built-in
 * templates have some 1,500 cells and as many checks, and formatting each
 * id with printf cost a tenth of a one-file check. */
static char *join_id(ogi_arena *a, char sep, const char *table, const char *row, const char *col)
{
    size_t lt = strlen(table), lr = row ? strlen(row) : 0, lc = strlen(col);
    char *id = ogi_arena_alloc(a, lt + (row ? lr + 1 : 0) + 1 + lc + 1);
    if (!id)
        return NULL;
    char *o = id;
    memcpy(o, table, lt);
    o += lt;
    if (row) {
        *o++ = sep;
        memcpy(o, row, lr);
        o += lr;
    }
    *o++ = sep;
    memcpy(o, col, lc);
    o[lc] = '\0';
    return id;
}

/* The cells by id (open addressing, at most half full): the rules name
 * their cells by id, thousands of lookups per template, which a linear
 * scan made the largest part of parsing. A repeated id keeps its first
 * cell, as the scan did. */
static ogi_error index_cells(ogi_template *t)
{
    size_t n = 16;
    while (n < 2 * t->ncells)
        n *= 2;
    t->cell_slots = ogi_arena_alloc(&t->arena, n * sizeof *t->cell_slots);
    if (!t->cell_slots)
        return OGI_ERROR_MEMORY;
    t->ncell_slots = n;
    for (size_t i = 0; i < n; i++)
        t->cell_slots[i] = OGI_NONE;
    for (size_t c = 0; c < t->ncells; c++) {
        const char *id = t->cells[c].id;
        for (size_t i = label_hash(id, strlen(id)) & (n - 1);; i = (i + 1) & (n - 1)) {
            if (t->cell_slots[i] == OGI_NONE) {
                t->cell_slots[i] = c;
                break;
            }
            if (strcmp(t->cells[t->cell_slots[i]].id, id) == 0)
                break;
        }
    }
    return OGI_OK;
}

/* Copies the parsed vectors into the arena and links blocks to their
 * rows and columns, and builds the cells. */
static ogi_error finish_structure(parser *p)
{
    ogi_template *t = p->t;
    ogi_arena *a = &t->arena;
#define MOVE(dst, v)                                                                               \
    do {                                                                                           \
        dst = ogi_arena_alloc(a, (v).n * (v).elem + 1);                                            \
        if (!dst)                                                                                  \
            return OGI_ERROR_MEMORY;                                                               \
        if ((v).n)                                                                                 \
            memcpy(dst, (v).data, (v).n *(v).elem);                                                \
    } while (0)
    MOVE(t->tables, p->tables);
    t->ntables = p->tables.n;
    MOVE(t->blocks, p->blocks);
    t->nblocks = p->blocks.n;
    ogi_trow *rows;
    ogi_tcol *cols;
    ogi_tgroup *groups;
    MOVE(rows, p->rows);
    MOVE(cols, p->cols);
    MOVE(groups, p->groups);
#undef MOVE
    for (size_t i = 0; i < t->ntables; i++) {
        ogi_ttable *tab = &t->tables[i];
        size_t first = OGI_NONE, count = 0;
        for (size_t g = 0; g < p->groups.n; g++) {
            if (*(size_t *)vec_at(&p->group_table, g) != i)
                continue;
            if (first == OGI_NONE)
                first = g;
            count++;
        }
        tab->groups = first == OGI_NONE ? NULL : groups + first;
        tab->ngroups = count;
        /* group indexes were global while parsing; make them local */
        for (size_t g = 0; g < count; g++)
            if (tab->groups[g].parent != OGI_NONE)
                tab->groups[g].parent -= first;
    }
    size_t ncells = 0;
    for (size_t b = 0; b < t->nblocks; b++) {
        ogi_tblock *blk = &t->blocks[b];
        blk->rows = rows + *(size_t *)vec_at(&p->block_row0, b);
        blk->cols = cols + *(size_t *)vec_at(&p->block_col0, b);
        const ogi_ttable *tab = &t->tables[blk->table];
        size_t first_group = tab->groups ? (size_t)(tab->groups - groups) : 0;
        for (size_t c = 0; c < blk->ncols; c++)
            if (blk->cols[c].group != OGI_NONE)
                blk->cols[c].group -= first_group;
        if (blk->ncols == 0)
            return OGI_ERROR_TEMPLATE;
        blk->first_cell = ncells;
        ncells += (blk->nrows ? blk->nrows : 1) * blk->ncols;
    }
    t->cells = ogi_arena_alloc(a, (ncells + 1) * sizeof *t->cells);
    if (!t->cells)
        return OGI_ERROR_MEMORY;
    t->ncells = ncells;
    for (size_t b = 0; b < t->nblocks; b++) {
        const ogi_tblock *blk = &t->blocks[b];
        const char *tid = t->tables[blk->table].id;
        size_t nr = blk->nrows ? blk->nrows : 1;
        for (size_t r = 0; r < nr; r++)
            for (size_t c = 0; c < blk->ncols; c++) {
                ogi_tcell *cell = &t->cells[blk->first_cell + r * blk->ncols + c];
                cell->block = b;
                cell->row = blk->nrows ? r : OGI_NONE;
                cell->col = c;
                cell->id =
                    join_id(a, '.', tid, blk->nrows ? blk->rows[r].id : NULL, blk->cols[c].id);
                if (!cell->id)
                    return OGI_ERROR_MEMORY;
            }
    }
    return index_cells(t);
}

size_t ogi_template_cell(const ogi_template *tmpl, const char *id)
{
    if (tmpl->ncell_slots == 0)
        return OGI_NONE;
    size_t mask = tmpl->ncell_slots - 1;
    for (size_t i = label_hash(id, strlen(id)) & mask;; i = (i + 1) & mask) {
        size_t cell = tmpl->cell_slots[i];
        if (cell == OGI_NONE || strcmp(tmpl->cells[cell].id, id) == 0)
            return cell;
    }
}

size_t ogi_template_table(const ogi_template *tmpl, const char *id)
{
    for (size_t i = 0; i < tmpl->ntables; i++)
        if (strcmp(tmpl->tables[i].id, id) == 0)
            return i;
    return OGI_NONE;
}

/* ---- rules: "@cols:t3" etc. expanded into one check per item ---- */

typedef struct over_item {
    const char *id;
    const char *display[2];
} over_item;

/* The items of over; 0 when it names none (malformed), SIZE_MAX when out
 * of memory. */
static size_t expand_over(const ogi_template *t, ogi_arena *a, const char *over, over_item **items)
{
    const char *colon = strchr(over, ':');
    size_t table = colon ? ogi_template_table(t, colon + 1) : OGI_NONE;
    size_t cap = 64, n = 0;
    *items = ogi_arena_alloc(a, cap * sizeof **items);
    if (!*items)
        return SIZE_MAX;
    if (over[0] == '@') {
        if (table == OGI_NONE)
            return 0;
        const ogi_ttable *tab = &t->tables[table];
        int rows = strncmp(over, "@rows:", 6) == 0;
        int cols = strncmp(over, "@cols:", 6) == 0;
        if (strncmp(over, "@groups:", 8) == 0) {
            for (size_t g = 0; g < tab->ngroups && n < cap; g++) {
                int used = 0;
                for (size_t b = 0; b < tab->nblocks; b++) {
                    const ogi_tblock *blk = &t->blocks[tab->first_block + b];
                    for (size_t c = 0; c < blk->ncols; c++)
                        used |= blk->cols[c].group == g;
                }
                if (used)
                    (*items)[n++] = (over_item){
                        tab->groups[g].id, {tab->groups[g].display[0], tab->groups[g].display[1]}};
            }
            return n;
        }
        for (size_t b = 0; b < tab->nblocks; b++) {
            const ogi_tblock *blk = &t->blocks[tab->first_block + b];
            if (rows)
                for (size_t r = 0; r < blk->nrows && n < cap; r++)
                    (*items)[n++] = (over_item){blk->rows[r].id,
                                                {blk->rows[r].display[0], blk->rows[r].display[1]}};
            if (cols)
                for (size_t c = 0; c < blk->ncols && n < cap; c++)
                    (*items)[n++] = (over_item){blk->cols[c].id,
                                                {blk->cols[c].display[0], blk->cols[c].display[1]}};
        }
        return n;
    }
    const char *s = over;
    while (*s && n < cap) {
        const char *comma = strchr(s, ',');
        size_t len = comma ? (size_t)(comma - s) : strlen(s);
        char *id = ogi_arena_strndup(a, s, len);
        if (!id)
            return SIZE_MAX;
        (*items)[n++] = (over_item){id, {id, id}};
        s = comma ? comma + 1 : s + len;
    }
    return n;
}

/* The display of a listed item: the row (or column) of that id. */
static void display_of(const ogi_template *t, size_t table, over_item *item)
{
    for (size_t b = 0; b < t->nblocks; b++) {
        const ogi_tblock *blk = &t->blocks[b];
        if (blk->table != table)
            continue;
        for (size_t r = 0; r < blk->nrows; r++)
            if (strcmp(blk->rows[r].id, item->id) == 0) {
                item->display[0] = blk->rows[r].display[0];
                item->display[1] = blk->rows[r].display[1];
                return;
            }
    }
}

/* Replaces every "{}" in expr by item. */
static char *substitute(ogi_arena *a, const char *expr, const char *item)
{
    size_t n = 0, il = strlen(item);
    for (const char *s = expr; *s; s++)
        n += (s[0] == '{' && s[1] == '}') ? il : 1;
    char *out = ogi_arena_alloc(a, n + 1);
    if (!out)
        return NULL;
    char *o = out;
    for (const char *s = expr; *s; s++) {
        if (s[0] == '{' && s[1] == '}') {
            memcpy(o, item, il);
            o += il;
            s++;
        } else {
            *o++ = *s;
        }
    }
    *o = '\0';
    return out;
}

static ogi_error parse_expression(parser *p, ogi_rule_check *chk, char *expr, ogi_trule *rule)
{
    ogi_template *t = p->t;
    size_t first = p->terms.n;
    int sign = 1, right = 0, have_op = 0;
    for (char *tok = strtok(expr, " "); tok; tok = strtok(NULL, " ")) {
        if (strcmp(tok, "+") == 0) {
            sign = 1;
        } else if (strcmp(tok, "-") == 0) {
            sign = -1;
        } else if (strcmp(tok, "=") == 0 || strcmp(tok, "<=") == 0) {
            if (have_op)
                return OGI_ERROR_TEMPLATE;
            rule->op = tok[0] == '=' ? OGI_OP_EQ : OGI_OP_LE;
            have_op = 1;
            right = 1;
            sign = 1;
        } else if (strncmp(tok, "prev:", 5) == 0) {
            /* last year's report may be in another format: by id */
            ogi_term *term = vec_push(&p->terms);
            if (!term)
                return OGI_ERROR_MEMORY;
            *term = (ogi_term){OGI_NONE, sign, right, ogi_arena_strdup(&t->arena, tok + 5)};
            rule->needs_previous = 1;
            if (!term->prev_id)
                return OGI_ERROR_MEMORY;
        } else {
            size_t cell = ogi_template_cell(t, tok);
            if (cell == OGI_NONE)
                return OGI_ERROR_TEMPLATE;
            ogi_term *term = vec_push(&p->terms);
            if (!term)
                return OGI_ERROR_MEMORY;
            *term = (ogi_term){cell, sign, right, NULL};
        }
    }
    chk->nterms = p->terms.n - first;
    chk->terms = (ogi_term *)(uintptr_t)first; /* fixed up at the end */
    /* the first term names the table: it must be this year's */
    return have_op && chk->nterms >= 2 && ((ogi_term *)vec_at(&p->terms, first))->cell != OGI_NONE
               ? OGI_OK
               : OGI_ERROR_TEMPLATE;
}

static ogi_error expand_rules(parser *p, const vec *rule_lines, size_t *bad_line)
{
    ogi_template *t = p->t;
    for (size_t i = 0; i < rule_lines->n; i++) {
        const rule_line *rl = vec_at(rule_lines, i);
        ogi_trule *rule = vec_at(&p->rules, rl->rule);
        over_item *items;
        size_t n = expand_over(t, &t->arena, rl->over, &items);
        *bad_line = rl->line;
        if (n == SIZE_MAX)
            return OGI_ERROR_MEMORY;
        if (n == 0)
            return OGI_ERROR_TEMPLATE;
        for (size_t k = 0; k < n; k++) {
            char *expr = substitute(&t->arena, rl->expr, items[k].id);
            ogi_rule_check *chk = vec_push(&p->checks);
            if (!expr || !chk)
                return OGI_ERROR_MEMORY;
            chk->rule = rl->rule;
            chk->where = items[k].id;
            chk->key = join_id(&t->arena, ':', rule->name, NULL, items[k].id);
            if (!chk->key)
                return OGI_ERROR_MEMORY;
            ogi_error err = parse_expression(p, chk, expr, rule);
            if (err != OGI_OK)
                return err;
            const ogi_term *t0 = vec_at(&p->terms, (size_t)(uintptr_t)chk->terms);
            chk->table = t->blocks[t->cells[t0->cell].block].table;
            display_of(t, chk->table, &items[k]);
            chk->where_display[0] = items[k].display[0];
            chk->where_display[1] = items[k].display[1];
        }
    }
    return OGI_OK;
}

static ogi_error finish_rules(parser *p)
{
    ogi_template *t = p->t;
    t->rules = ogi_arena_alloc(&t->arena, p->rules.n * sizeof *t->rules + 1);
    t->checks = ogi_arena_alloc(&t->arena, p->checks.n * sizeof *t->checks + 1);
    ogi_term *terms = ogi_arena_alloc(&t->arena, p->terms.n * sizeof *terms + 1);
    if (!t->rules || !t->checks || !terms)
        return OGI_ERROR_MEMORY;
    if (p->rules.n)
        memcpy(t->rules, p->rules.data, p->rules.n * sizeof *t->rules);
    if (p->checks.n)
        memcpy(t->checks, p->checks.data, p->checks.n * sizeof *t->checks);
    if (p->terms.n)
        memcpy(terms, p->terms.data, p->terms.n * sizeof *terms);
    t->nrules = p->rules.n;
    t->nchecks = p->checks.n;
    for (size_t i = 0; i < t->nchecks; i++)
        t->checks[i].terms = terms + (size_t)(uintptr_t)t->checks[i].terms;
    return OGI_OK;
}

/* ---- the label dictionary ---- */

static ogi_label_entry *label_slot(ogi_template *t, const char *s, size_t len)
{
    uint32_t h = label_hash(s, len);
    size_t mask = t->nlabel_slots - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        ogi_label_entry *e = &t->labels[i];
        if (!e->text || (e->hash == h && strlen(e->text) == len && memcmp(e->text, s, len) == 0)) {
            e->hash = h;
            return e;
        }
    }
}

static ogi_error add_use(ogi_template *t, const char *label, ogi_label_use use)
{
    ogi_label_entry *e = label_slot(t, label, strlen(label));
    e->text = label;
    ogi_label_use *uses = ogi_arena_alloc(&t->arena, (e->nuses + 1) * sizeof *uses);
    if (!uses)
        return OGI_ERROR_MEMORY;
    if (e->nuses)
        memcpy(uses, e->uses, e->nuses * sizeof *uses);
    uses[e->nuses++] = use;
    e->uses = uses;
    return OGI_OK;
}

static ogi_error add_labels(ogi_template *t, const ogi_labels *l, ogi_label_use use)
{
    ogi_error err = OGI_OK;
    for (size_t i = 0; i < l->n && err == OGI_OK; i++)
        err = add_use(t, l->text[i], use);
    return err;
}

static ogi_error build_dictionary(ogi_template *t, size_t nlabels)
{
    size_t slots = 64;
    while (slots < nlabels * 4)
        slots *= 2;
    t->labels = ogi_arena_alloc(&t->arena, slots * sizeof *t->labels);
    if (!t->labels)
        return OGI_ERROR_MEMORY;
    t->nlabel_slots = slots;
    for (size_t b = 0; b < t->nblocks; b++) {
        const ogi_tblock *blk = &t->blocks[b];
        for (size_t r = 0; r < blk->nrows; r++)
            if (add_labels(t, &blk->rows[r].labels,
                           (ogi_label_use){OGI_LABEL_ROW, b, r, blk->table}) != OGI_OK)
                return OGI_ERROR_MEMORY;
        for (size_t c = 0; c < blk->ncols; c++)
            if (add_labels(t, &blk->cols[c].labels,
                           (ogi_label_use){OGI_LABEL_COL, b, c, blk->table}) != OGI_OK)
                return OGI_ERROR_MEMORY;
    }
    for (size_t i = 0; i < t->ntables; i++)
        for (size_t g = 0; g < t->tables[i].ngroups; g++)
            if (add_labels(t, &t->tables[i].groups[g].labels,
                           (ogi_label_use){OGI_LABEL_GROUP, OGI_NONE, g, i}) != OGI_OK)
                return OGI_ERROR_MEMORY;
    /* a row label that is also a column or group label (总计, 其他) can
     * only be told apart by where it stands */
    for (size_t b = 0; b < t->nblocks; b++)
        for (size_t r = 0; r < t->blocks[b].nrows; r++) {
            ogi_trow *row = &t->blocks[b].rows[r];
            for (size_t v = 0; v < row->labels.n; v++) {
                const ogi_label_entry *e =
                    ogi_template_label(t, row->labels.text[v], strlen(row->labels.text[v]));
                for (size_t u = 0; e && u < e->nuses; u++)
                    if (e->uses[u].kind != OGI_LABEL_ROW)
                        row->ambiguous = 1;
            }
        }
    return OGI_OK;
}

/* The labels indexed by their characters, for the mapper's search of
 * labels written differently (label_match.h). */
static ogi_error build_finder(ogi_template *t)
{
    size_t n = 0;
    for (size_t i = 0; i < t->nlabel_slots; i++)
        n += t->labels[i].text != NULL;
    for (size_t b = 0; b < t->nblocks; b++)
        for (size_t r = 0; r < t->blocks[b].nrows; r++)
            n += t->blocks[b].rows[r].parents.n;
    const char **text = malloc((n + 1) * sizeof *text);
    t->finder_entry = ogi_arena_alloc(&t->arena, (n + 1) * sizeof *t->finder_entry);
    if (!text || !t->finder_entry) {
        free(text);
        return OGI_ERROR_MEMORY;
    }
    size_t k = 0;
    for (size_t i = 0; i < t->nlabel_slots; i++)
        if (t->labels[i].text) {
            t->finder_entry[k] = &t->labels[i];
            text[k++] = t->labels[i].text;
        }
    /* the parents (不予公开, 其他处理) are labels too, of no cell: a text
     * closest to one of them is not taken for a row (不予公开 is not
     * 予以公开) */
    for (size_t b = 0; b < t->nblocks; b++)
        for (size_t r = 0; r < t->blocks[b].nrows; r++) {
            const ogi_labels *pl = &t->blocks[b].rows[r].parents;
            for (size_t v = 0; v < pl->n; v++) {
                if (ogi_template_label(t, pl->text[v], strlen(pl->text[v])))
                    continue;
                int dup = 0;
                for (size_t j = 0; j < k && !dup; j++)
                    dup = !t->finder_entry[j] && strcmp(text[j], pl->text[v]) == 0;
                if (dup)
                    continue;
                t->finder_entry[k] = NULL;
                text[k++] = pl->text[v];
            }
        }
    ogi_error err = ogi_label_finder_build(&t->finder, text, k, &t->arena);
    free(text);
    return err;
}

const ogi_label_entry *ogi_template_label(const ogi_template *tmpl, const char *norm, size_t len)
{
    if (!tmpl->nlabel_slots)
        return NULL;
    uint32_t h = label_hash(norm, len);
    size_t mask = tmpl->nlabel_slots - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        const ogi_label_entry *e = &tmpl->labels[i];
        if (!e->text)
            return NULL;
        if (e->hash == h && strncmp(e->text, norm, len) == 0 && e->text[len] == '\0')
            return e;
    }
}

static size_t count_labels(const parser *p)
{
    size_t n = 0;
    for (size_t i = 0; i < p->rows.n; i++)
        n += ((const ogi_trow *)vec_at(&p->rows, i))->labels.n;
    for (size_t i = 0; i < p->cols.n; i++)
        n += ((const ogi_tcol *)vec_at(&p->cols, i))->labels.n;
    for (size_t i = 0; i < p->groups.n; i++)
        n += ((const ogi_tgroup *)vec_at(&p->groups, i))->labels.n;
    return n;
}

static void parser_release(parser *p)
{
    vec *all[] = {&p->tables,      &p->blocks,     &p->rows,      &p->cols,      &p->groups,
                  &p->rules,       &p->checks,     &p->terms,     &p->row_block, &p->col_block,
                  &p->group_table, &p->block_row0, &p->block_col0};
    for (size_t i = 0; i < OGI_ARRAY_LEN(all); i++)
        free(all[i]->data);
}

static void parser_init(parser *p, ogi_template *t, const ogi_t2s_map *t2s)
{
    memset(p, 0, sizeof *p);
    p->fault = -1;
    p->t = t;
    p->t2s = t2s;
    p->tables.elem = sizeof(ogi_ttable);
    p->blocks.elem = sizeof(ogi_tblock);
    p->rows.elem = sizeof(ogi_trow);
    p->cols.elem = sizeof(ogi_tcol);
    p->groups.elem = sizeof(ogi_tgroup);
    p->rules.elem = sizeof(ogi_trule);
    p->checks.elem = sizeof(ogi_rule_check);
    p->terms.elem = sizeof(ogi_term);
    p->row_block.elem = p->col_block.elem = p->group_table.elem = p->block_row0.elem =
        p->block_col0.elem = sizeof(size_t);
}

static ogi_error parse_lines(parser *p, const char *text, vec *rule_lines, size_t *line)
{
    const char *s = text;
    for (*line = 1; *s; (*line)++) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        if (len && s[len - 1] == '\r')
            len--;
        if (len > 0 && s[0] != '#') {
            char *copy = malloc(len + 1);
            if (!copy)
                return OGI_ERROR_MEMORY;
            memcpy(copy, s, len);
            copy[len] = '\0';
            ogi_error err = parse_line(p, copy, rule_lines, *line);
            free(copy);
            if (err != OGI_OK)
                return err;
        }
        if (!nl)
            break;
        s = nl + 1;
    }
    return p->t->id && p->tables.n && p->blocks.n ? OGI_OK : OGI_ERROR_TEMPLATE;
}

ogi_error ogi_template_parse(const ogi_t2s_map *t2s, const char *text, ogi_template **out,
                             size_t *line)
{
    ogi_template_fault fault;
    ogi_error err = ogi_template_parse_fault(t2s, text, out, &fault);
    *line = fault.line;
    return err;
}

void ogi_template_fault_text(const ogi_template_fault *fault, ogi_lang lang, char *buf, size_t size)
{
    char line[32], limit[32];
    snprintf(line, sizeof line, "%zu", fault->line);
    snprintf(limit, sizeof limit, "%zu", fault->limit);
    if (fault->reason < 0)
        snprintf(buf, size, "%s", ogi_strerror(OGI_ERROR_TEMPLATE, lang));
    else
        snprintf(buf, size, ogi_message((ogi_msg)fault->reason, lang), line, limit);
}

ogi_error ogi_template_parse_fault(const ogi_t2s_map *t2s, const char *text, ogi_template **out,
                                   ogi_template_fault *fault)
{
    *out = NULL;
    fault->line = 0;
    fault->reason = -1;
    fault->limit = 0;
    size_t lineno = 0, *line = &lineno;
    ogi_template *t = calloc(1, sizeof *t);
    if (!t)
        return OGI_ERROR_MEMORY;
    ogi_arena_init(&t->arena);
    parser p;
    parser_init(&p, t, t2s);
    vec rule_lines = {.elem = sizeof(rule_line)};
    ogi_error err = parse_lines(&p, text, &rule_lines, line);
    if (err == OGI_OK)
        err = finish_structure(&p);
    if (err == OGI_OK)
        err = build_dictionary(t, count_labels(&p));
    if (err == OGI_OK)
        err = expand_rules(&p, &rule_lines, line);
    if (err == OGI_OK)
        err = finish_rules(&p);
    if (err == OGI_OK)
        err = build_finder(t);
    if (err == OGI_OK && !t->title[0])
        t->title[0] = t->title[1] = t->id;
    free(rule_lines.data);
    fault->line = lineno;
    fault->reason = p.fault;
    fault->limit = p.fault_limit;
    parser_release(&p);
    if (err != OGI_OK) {
        ogi_template_free(t);
        return err;
    }
    *out = t;
    return OGI_OK;
}

void ogi_template_free(ogi_template *tmpl)
{
    if (!tmpl)
        return;
    ogi_arena_release(&tmpl->arena);
    free(tmpl);
}

/* ---- names in words ---- */

const char *ogi_table_title(const ogi_template *tmpl, const char *table, ogi_lang lang)
{
    size_t i = tmpl ? ogi_template_table(tmpl, table) : OGI_NONE;
    return i == OGI_NONE ? table : tmpl->tables[i].display[lang == OGI_LANG_EN];
}

/* The name of a table without its subject: "表三", "Table 3". */
static size_t short_title(const char *display, size_t max)
{
    const char *stop = strchr(display, ':');
    if (!stop)
        stop = strchr(display, ' ');
    size_t n = stop ? (size_t)(stop - display) : strlen(display);
    return n < max ? n : max;
}

void ogi_cell_position(const ogi_template *tmpl, const char *cell_id, ogi_lang lang, char *buf,
                       size_t size)
{
    size_t i = ogi_template_cell(tmpl, cell_id);
    if (i == OGI_NONE) {
        snprintf(buf, size, "%s", cell_id);
        return;
    }
    int en = lang == OGI_LANG_EN;
    const ogi_tcell *cell = &tmpl->cells[i];
    const ogi_tblock *blk = &tmpl->blocks[cell->block];
    const ogi_ttable *tab = &tmpl->tables[blk->table];
    const ogi_tcol *col = &blk->cols[cell->col];
    const char *title = tab->display[en];
    int tn = (int)short_title(title, 64);
    const char *sep = en ? " / " : " ";
    if (cell->row != OGI_NONE) {
        snprintf(buf, size, "%.*s%s%s%s%s", tn, title, sep, blk->rows[cell->row].display[en], sep,
                 col->display[en]);
    } else if (col->group != OGI_NONE) {
        snprintf(buf, size, "%.*s%s%s%s%s", tn, title, sep, tab->groups[col->group].display[en],
                 sep, col->display[en]);
    } else {
        snprintf(buf, size, "%.*s%s%s", tn, title, sep, col->display[en]);
    }
}
