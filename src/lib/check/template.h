/*
 * template.h (private to the library) - a statutory format, parsed from a data file
 * (the .tsv files in src/lib/check/templates, docs/templates.md). The mapper and the rules read
 * it; neither names a row or a column in code.
 */
#ifndef OGI_TEMPLATE_H
#define OGI_TEMPLATE_H

#include <stddef.h>

#include "arena.h"
#include "label_match.h"
#include "ogi.h"
#include "text.h"

#define OGI_NONE ((size_t)-1)

/* The most rows and columns one block may have. The mapper keeps a
 * block's rows and columns in fixed arrays of these sizes; a template
 * exceeding them is refused when it is loaded (OGI_ERROR_TEMPLATE), so the
 * mapper never meets one. */
#define OGI_BLOCK_MAX_ROWS 256
#define OGI_BLOCK_MAX_COLS 64

typedef enum ogi_col_kind {
    OGI_COL_COUNT = 0, /* non-negative integer */
    OGI_COL_CHANGE,    /* signed integer: "+2", "减少2项" */
    OGI_COL_MONEY      /* amount in 万元 */
} ogi_col_kind;

/* Normalised label variants (ogi_label_norm of each). */
typedef struct ogi_labels {
    const char **text;
    size_t n;
} ogi_labels;

typedef struct ogi_tgroup {
    const char *id;
    ogi_labels labels;
    const char *display[2];
    size_t parent; /* group index or OGI_NONE */
} ogi_tgroup;

typedef struct ogi_tcol {
    const char *id;
    ogi_col_kind kind;
    ogi_labels labels;
    const char *display[2];
    size_t group; /* index in the table's groups, or OGI_NONE */
} ogi_tcol;

typedef struct ogi_trow {
    const char *id;
    ogi_labels labels;
    const char *display[2];
    ogi_labels parents; /* context that tells an ambiguous label apart */
    int ambiguous;      /* its label is also another row's or column's */
} ogi_trow;

/* A sub-table: its own header row(s), rows and columns. A block with no
 * rows is one unlabelled data row under its header (表四). */
typedef struct ogi_tblock {
    size_t table;
    const char *display;
    ogi_trow *rows;
    size_t nrows;
    ogi_tcol *cols;
    size_t ncols;
    size_t first_cell; /* cells of the block: first_cell + r * ncols + c */
} ogi_tblock;

typedef struct ogi_ttable {
    const char *id; /* "t2" */
    const char *display[2];
    size_t first_block, nblocks;
    ogi_tgroup *groups;
    size_t ngroups;
} ogi_ttable;

typedef struct ogi_tcell {
    const char *id; /* "t3.new.person" */
    size_t block;
    size_t row; /* OGI_NONE in a block without rows */
    size_t col;
} ogi_tcell;

typedef enum ogi_rule_op { OGI_OP_EQ, OGI_OP_LE } ogi_rule_op;

typedef struct ogi_term {
    size_t cell;         /* OGI_NONE for a cell of last year's report */
    int sign;            /* +1 or -1 */
    int right;           /* on the right-hand side */
    const char *prev_id; /* "prev:t3.carry_over.person" -> that id */
} ogi_term;

/* One instance of a rule: "t3.balance:person". */
typedef struct ogi_rule_check {
    size_t rule;
    const char *key;
    const char *where; /* the item substituted for {} */
    const char *where_display[2];
    size_t table;
    ogi_term *terms;
    size_t nterms;
} ogi_rule_check;

typedef struct ogi_trule {
    const char *name;
    ogi_severity severity;
    ogi_rule_op op;
    int expect_right; /* the right side is the expected value */
    const char *message[2];
    int needs_previous; /* has a prev: term: checked only with last year's */
} ogi_trule;

/* Hash of normalised labels -> the template parts that carry them. */
typedef enum ogi_label_kind { OGI_LABEL_ROW, OGI_LABEL_COL, OGI_LABEL_GROUP } ogi_label_kind;

typedef struct ogi_label_use {
    ogi_label_kind kind;
    size_t block; /* ROW, COL */
    size_t index; /* row, col, or group index */
    size_t table;
} ogi_label_use;

typedef struct ogi_label_entry {
    const char *text;
    uint32_t hash;
    ogi_label_use *uses;
    size_t nuses;
} ogi_label_entry;

struct ogi_template {
    const char *id;
    const char *title[2];
    int year_first, year_last;
    ogi_ttable *tables;
    size_t ntables;
    ogi_tblock *blocks;
    size_t nblocks;
    ogi_tcell *cells;
    size_t ncells;
    size_t *cell_slots; /* the cells by id: open addressing, OGI_NONE when empty */
    size_t ncell_slots; /* a power of two */
    ogi_trule *rules;
    size_t nrules;
    ogi_rule_check *checks;
    size_t nchecks;
    ogi_label_entry *labels; /* open addressing, nlabel_slots slots */
    size_t nlabel_slots;
    size_t max_label_len; /* bytes of the longest normalised label */
    /* the labels again, indexed by their characters for the mapper's
     * similarity search; finder label i is the entry finder_entry[i], or
     * NULL for a parent label (不予公开), which names no cell */
    ogi_label_finder finder;
    const ogi_label_entry **finder_entry;
    ogi_arena arena;
};

/* Parses a template from text. On error *line is the line at fault. */
ogi_error ogi_template_parse(const ogi_t2s_map *t2s, const char *text, ogi_template **out,
                             size_t *line);

/* Why a template was refused: the line at fault and, when known, the
 * reason (an ogi_msg taking the line and the limit passed), else -1. */
typedef struct ogi_template_fault {
    size_t line;
    int reason;
    size_t limit;
} ogi_template_fault;

ogi_error ogi_template_parse_fault(const ogi_t2s_map *t2s, const char *text, ogi_template **out,
                                   ogi_template_fault *fault);
/* The fault in words ("template line 12: a block has at most 64 columns"). */
void ogi_template_fault_text(const ogi_template_fault *fault, ogi_lang lang, char *buf,
                             size_t size);
void ogi_template_free(ogi_template *tmpl);

/* The uses of a normalised label, or NULL. */
const ogi_label_entry *ogi_template_label(const ogi_template *tmpl, const char *norm, size_t len);
/* Index of a cell id, or OGI_NONE. */
size_t ogi_template_cell(const ogi_template *tmpl, const char *id);
size_t ogi_template_table(const ogi_template *tmpl, const char *id);

#endif /* OGI_TEMPLATE_H */
