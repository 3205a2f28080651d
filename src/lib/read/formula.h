/*
 * formula.h (private to the library) - BIFF8 formula tokens (the parsed expression of a FORMULA or
 * SHRFMLA record) back to A1 text, for the common tokens a clerk's sums
 * use: cell and range references, + - * / ^ & and comparisons, numbers,
 * strings, parentheses, SUM and a few other functions. Anything else
 * (names, references to other sheets, array constants) is not decoded:
 * the caller keeps the cached result alone.
 */
#ifndef OGI_FORMULA_H
#define OGI_FORMULA_H

#include <stddef.h>
#include <stdint.h>

/* Decodes the len bytes of tokens of the formula in cell (row, col) into
 * out ("SUM(D7:I7)", no leading '='). Returns 1 on success, 0 when a
 * token is unknown, the tokens are malformed, or out is too small. */
int ogi_formula_decode(const unsigned char *tokens, size_t len, uint32_t row, uint32_t col,
                       char *out, size_t size);

/* The text of a BIFF8 error code ("#DIV/0!"), as cells and formula
 * constants hold it; NULL for a code Excel does not define. */
const char *ogi_biff_error_text(unsigned char code);

#endif /* OGI_FORMULA_H */
