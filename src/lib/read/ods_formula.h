/*
 * ods_formula.h (private to the library) - an ODS (OpenFormula) formula as A1 text, for writing it
 * back into the marked-up workbook.
 */
#ifndef OGI_ODS_FORMULA_H
#define OGI_ODS_FORMULA_H

#include <stddef.h>

/* "of:=SUM([.D22:.I22];[$Other.A1])" -> "SUM(D22:I22,Other!A1)" in buf
 * (no "="). 0 when the formula has no one-to-one A1 form or does not fit;
 * buf then holds nothing to use. */
int ogi_ods_formula_a1(const char *formula, char *buf, size_t size);

#endif /* OGI_ODS_FORMULA_H */
