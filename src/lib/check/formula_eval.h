/*
 * formula_eval.h (private to the library) - the value of a formula saved without its result.
 * Scripts and online form systems write =SUM(...) totals and leave the
 * computing to Excel; ogi computes the plain ones a clerk's totals use
 * (numbers, cells and ranges of the same sheet, + - * /, parentheses,
 * SUM) so the sums can still be checked.
 */
#ifndef OGI_FORMULA_EVAL_H
#define OGI_FORMULA_EVAL_H

#include "book.h"

/* Evaluates formula (A1 text, with or without '=') on sheet. Returns 1
 * and sets *out, or 0 when it uses anything else (another sheet, a
 * function other than SUM, text or error cells, a cycle deeper than a
 * few formulas). Empty cells count as 0, as Excel counts them. */
int ogi_formula_eval(const ogi_sheet *sheet, const char *formula, double *out);

#endif /* OGI_FORMULA_EVAL_H */
