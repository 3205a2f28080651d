/*
 * formula_eval.c - the value of a formula saved without its result
 * (formula_eval.h): a recursive-descent reader of the plain arithmetic a
 * clerk's totals use. Anything else is declined, never guessed.
 */
#include "formula_eval.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <strings.h>

#include "common.h"

#define MAX_DEPTH 8      /* formulas that refer to uncomputed formulas */
#define MAX_NESTING 64   /* parentheses and signs: a hostile file may nest thousands */
#define MAX_CELLS 200000 /* cells visited by one formula, nested ones included */

typedef struct evaluator {
    const ogi_sheet *sheet;
    const char *p;
    int depth;
    int nesting;
    int ok;
    size_t *visited; /* shared with the formulas it reaches */
} evaluator;

static double expr(evaluator *e);

static void skip_space(evaluator *e)
{
    while (*e->p == ' ')
        e->p++;
}

/* An A1 reference ($ allowed), 0-based. */
static int parse_ref(evaluator *e, uint32_t *row, uint32_t *col)
{
    const char *s = e->p;
    uint64_t c = 0, r = 0;
    if (*s == '$')
        s++;
    int letters = 0;
    for (; isalpha((unsigned char)*s) && letters < 3; s++, letters++)
        c = c * 26 + (uint64_t)(toupper((unsigned char)*s) - 'A' + 1);
    if (letters == 0)
        return 0;
    if (*s == '$')
        s++;
    int digits = 0;
    for (; isdigit((unsigned char)*s) && digits < 7; s++, digits++)
        r = r * 10 + (uint64_t)(*s - '0');
    if (digits == 0 || r == 0 || c > 16384 || r > 1048576 || isalnum((unsigned char)*s) ||
        *s == '(' || *s == '!')
        return 0;
    *row = (uint32_t)(r - 1);
    *col = (uint32_t)(c - 1);
    e->p = s;
    return 1;
}

static double cell_value(evaluator *e, uint32_t row, uint32_t col)
{
    if (++*e->visited > MAX_CELLS) { /* ranges of formulas over ranges... */
        e->ok = 0;
        return 0;
    }
    const ogi_cell *c = ogi_sheet_cell(e->sheet, row, col);
    if (!c)
        return 0;
    if (c->kind == OGI_CELL_NUMBER || c->kind == OGI_CELL_BOOL)
        return c->number;
    if (c->kind == OGI_CELL_EMPTY && c->formula && e->depth < MAX_DEPTH) {
        evaluator inner = {e->sheet, c->formula, e->depth + 1, 0, 1, e->visited};
        double v = expr(&inner);
        skip_space(&inner);
        if (inner.ok && *inner.p == '\0')
            return v;
    }
    e->ok = c->kind == OGI_CELL_EMPTY && !c->formula;
    return 0;
}

/* A reference or a range: the sum of its cells. */
static double ref_or_range(evaluator *e)
{
    uint32_t r1, c1, r2, c2;
    if (!parse_ref(e, &r1, &c1)) {
        e->ok = 0;
        return 0;
    }
    r2 = r1;
    c2 = c1;
    if (*e->p == ':') {
        e->p++;
        if (!parse_ref(e, &r2, &c2)) {
            e->ok = 0;
            return 0;
        }
    }
    if (r2 < r1 || c2 < c1 || (uint64_t)(r2 - r1 + 1) * (c2 - c1 + 1) > 100000) {
        e->ok = 0;
        return 0;
    }
    double sum = 0;
    for (uint32_t r = r1; r <= r2 && e->ok; r++)
        for (uint32_t c = c1; c <= c2 && e->ok; c++)
            sum += cell_value(e, r, c);
    return sum;
}

static double sum_call(evaluator *e)
{
    double sum = 0;
    do {
        e->p++; /* '(' or a separator */
        skip_space(e);
        if (*e->p == ')')
            break;
        sum += expr(e);
        skip_space(e);
    } while (e->ok && (*e->p == ',' || *e->p == ';'));
    if (*e->p != ')')
        e->ok = 0;
    else
        e->p++;
    return sum;
}

static double nested_factor(evaluator *e);

static double factor(evaluator *e)
{
    if (++e->nesting > MAX_NESTING) {
        e->ok = 0;
        return 0;
    }
    double v = nested_factor(e);
    e->nesting--;
    return v;
}

static double nested_factor(evaluator *e)
{
    skip_space(e);
    if (*e->p == '-' || *e->p == '+') {
        int minus = *e->p++ == '-';
        double v = factor(e);
        return minus ? -v : v;
    }
    if (*e->p == '(') {
        e->p++;
        double v = expr(e);
        skip_space(e);
        if (*e->p != ')')
            e->ok = 0;
        else
            e->p++;
        return v;
    }
    if (isdigit((unsigned char)*e->p) || *e->p == '.') {
        char *end;
        double v = strtod(e->p, &end);
        e->p = end;
        return v;
    }
    if (strncasecmp(e->p, "SUM(", 4) == 0) {
        e->p += 3;
        return sum_call(e);
    }
    return ref_or_range(e);
}

static double term(evaluator *e)
{
    double v = factor(e);
    for (skip_space(e); e->ok && (*e->p == '*' || *e->p == '/'); skip_space(e)) {
        char op = *e->p++;
        double w = factor(e);
        if (op == '/' && w == 0)
            e->ok = 0; /* #DIV/0! */
        else
            v = op == '*' ? v * w : v / w;
    }
    return v;
}

static double expr(evaluator *e)
{
    double v = term(e);
    for (skip_space(e); e->ok && (*e->p == '+' || *e->p == '-'); skip_space(e)) {
        char op = *e->p++;
        double w = term(e);
        v = op == '+' ? v + w : v - w;
    }
    return v;
}

int ogi_formula_eval(const ogi_sheet *sheet, const char *formula, double *out)
{
    size_t visited = 0;
    evaluator e = {sheet, formula, 0, 0, 1, &visited};
    if (*e.p == '=')
        e.p++;
    double v = expr(&e);
    skip_space(&e);
    if (!e.ok || *e.p != '\0' || !isfinite(v))
        return 0;
    *out = v;
    return 1;
}
