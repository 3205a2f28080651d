/*
 * findings.h (private to the library) - collecting a report's findings while checking.
 */
#ifndef OGI_FINDINGS_H
#define OGI_FINDINGS_H

#include "arena.h"
#include "ogi.h"
#include "template.h"

typedef struct ogi_findings {
    ogi_finding *v;
    size_t n, cap;
    ogi_arena *arena; /* the report's: texts live as long as it */
    ogi_lang lang;
} ogi_findings;

/* Appends a finding (copied); NULL when out of memory. The strings it
 * points to must live in the report's arena or be static. */
ogi_finding *ogi_findings_add(ogi_findings *f, ogi_severity severity, const char *rule,
                              const char *key, const char *table);
/* Sets the finding's cells from template cell indexes. */
int ogi_finding_set_cells(ogi_findings *f, ogi_finding *x, const ogi_template *t,
                          const size_t *cells, size_t n);
void ogi_findings_release(ogi_findings *f);

/* "39", "181.7098": numbers as a clerk writes them. */
void ogi_format_number(double v, char *buf, size_t size);

/* What the rules read: this year's values (one per template cell) and,
 * when given, last year's report's values (found by id). */
typedef struct ogi_rule_inputs {
    const ogi_value *values;
    const ogi_value *previous;
    size_t nprevious;
} ogi_rule_inputs;

/* Applies the template's sum rules (spec §6); rules with prev: terms only
 * when last year's values are given. */
int ogi_rules_apply(const ogi_template *t, const ogi_rule_inputs *in, ogi_findings *f);

#endif /* OGI_FINDINGS_H */
