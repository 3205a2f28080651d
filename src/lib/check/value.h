/*
 * value.h (private to the library) - cell text -> number, as spec §2 says, with the notes that
 * become value.* findings.
 */
#ifndef OGI_VALUE_H
#define OGI_VALUE_H

#include "book.h"
#include "template.h"

/* What was noticed while reading a value; several may apply. */
enum {
    OGI_NOTE_TEXT_NUMBER = 1 << 0,       /* info: a number stored as text */
    OGI_NOTE_MISSING = 1 << 1,           /* warning: empty */
    OGI_NOTE_DASH = 1 << 2,              /* info: "—", "/", "无" read as 0 */
    OGI_NOTE_EXPRESSION = 1 << 3,        /* warning: "1+23" */
    OGI_NOTE_UNIT = 1 << 4,              /* info: "283 批次", "181.7 万元" */
    OGI_NOTE_UNIT_UNKNOWN = 1 << 5,      /* info: money with no unit anywhere */
    OGI_NOTE_ANNOTATED = 1 << 6,         /* warning: "22（其中修订16件）" */
    OGI_NOTE_NEGATIVE = 1 << 7,          /* error */
    OGI_NOTE_NOT_INTEGER = 1 << 8,       /* error */
    OGI_NOTE_NOT_NUMBER = 1 << 9,        /* error: read as 0 */
    OGI_NOTE_UNIT_YUAN = 1 << 10,        /* info (value.unit): header says 元 */
    OGI_NOTE_FORMULA_UNCACHED = 1 << 11, /* warning: a formula, no result */
    OGI_NOTE_FORMULA_COMPUTED = 1 << 12  /* the same, computed by ogi */
};
#define OGI_NOTE_COUNT 13

/* The unit a money column's header states. */
typedef enum ogi_unit {
    OGI_UNIT_NONE = 0,
    OGI_UNIT_WAN, /* 万元 */
    OGI_UNIT_YUAN /* 元 */
} ogi_unit;

typedef struct ogi_parsed {
    double value;
    int is_null;
    unsigned notes;
} ogi_parsed;

/* cell may be NULL (empty). header_unit matters for money only. */
ogi_parsed ogi_value_parse(const ogi_cell *cell, ogi_col_kind kind, ogi_unit header_unit);
ogi_parsed ogi_value_parse_text(const char *text, size_t len, ogi_col_kind kind,
                                ogi_unit header_unit);
/* The unit stated in a header label, e.g. "本年收费金额（单位：万元）". */
ogi_unit ogi_unit_in_text(const char *text);

/* The rule name of a note bit ("value.missing") and its severity. */
const char *ogi_note_rule(unsigned note);
ogi_severity ogi_note_severity(unsigned note);

#endif /* OGI_VALUE_H */
