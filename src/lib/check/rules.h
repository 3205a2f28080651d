/*
 * rules.h (private to the library) - the template's sum rules applied to
 * the values read (rules.c, spec §6), each verdict a finding.
 */
#ifndef OGI_RULES_H
#define OGI_RULES_H

#include "findings.h"
#include "ogi.h"
#include "template.h"

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

#endif /* OGI_RULES_H */
