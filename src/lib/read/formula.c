/*
 * formula.c - BIFF8 formula tokens to A1 text. The tokens are reverse
 * Polish: operands are pushed, operators and functions pop theirs. Each
 * stack entry is an offset into one text buffer, so the whole decoding
 * needs no allocation.
 */
#include "formula.h"

#include <stdio.h>
#include <string.h>

#include "common.h"

#define STACK_MAX 64
#define TEXT_MAX 8192 /* Excel's own limit on a formula's length */
#define MAX_ROW 65535u
#define MAX_COL 255u

typedef struct stack {
    char text[TEXT_MAX]; /* entries one after another, each terminated */
    size_t start[STACK_MAX];
    size_t n, used;
} stack;

static uint16_t u16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

/* Pushes text built from parts: a printf into the free space. */
static int push(stack *s, const char *fmt, const char *a, const char *b, const char *c)
{
    if (s->n >= STACK_MAX || s->used >= TEXT_MAX)
        return 0;
    size_t room = TEXT_MAX - s->used;
    int n = snprintf(s->text + s->used, room, fmt, a ? a : "", b ? b : "", c ? c : "");
    if (n < 0 || (size_t)n >= room)
        return 0;
    s->start[s->n++] = s->used;
    s->used += (size_t)n + 1;
    return 1;
}

/* Pops k entries and pushes fmt over them: the operands are copied out
 * first, since the result overwrites their space. */
static int combine(stack *s, size_t k, const char *fmt, const char *extra)
{
    static const char empty[] = "";
    if (s->n < k || k > 2)
        return 0;
    char scratch[TEXT_MAX];
    size_t base = k ? s->start[s->n - k] : s->used;
    size_t len = s->used - base;
    memcpy(scratch, s->text + base, len);
    const char *x = k >= 1 ? scratch : empty;
    const char *y = k == 2 ? scratch + (s->start[s->n - 1] - base) : empty;
    s->n -= k;
    s->used = base;
    /* binary: x, the operator, y */
    return k == 2 ? push(s, fmt, x, extra, y) : push(s, fmt, x, extra, NULL);
}

static void column_letters(uint32_t col, char *out)
{
    char tmp[8];
    size_t n = 0;
    col++;
    while (col > 0 && n < sizeof tmp) {
        tmp[n++] = (char)('A' + (col - 1) % 26);
        col = (col - 1) / 26;
    }
    for (size_t i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = '\0';
}

/* One cell reference. field holds the column and the two "relative" bits;
 * in a shared formula (relative_to set) relative parts are offsets from
 * the cell the formula is in. */
static int cell_ref(uint16_t rw, uint16_t field, int shared, uint32_t row, uint32_t col, char *out,
                    size_t size)
{
    int col_rel = (field & 0x4000) != 0, row_rel = (field & 0x8000) != 0;
    long r = rw, c = field & 0x3FFF;
    if (shared && row_rel)
        r = ((long)row + (int16_t)rw) & MAX_ROW;
    if (shared && col_rel)
        c = ((long)col + (int8_t)(field & 0xFF)) & MAX_COL;
    if (r < 0 || r > (long)MAX_ROW || c < 0 || c > (long)MAX_COL)
        return 0;
    char letters[8];
    column_letters((uint32_t)c, letters);
    int n =
        snprintf(out, size, "%s%s%s%ld", col_rel ? "" : "$", letters, row_rel ? "" : "$", r + 1);
    return n > 0 && (size_t)n < size;
}

typedef struct func {
    uint16_t id;
    int8_t args; /* fixed argument count for ptgFunc */
    const char *name;
} func;

/* The functions a statistical table's formulas use; ids of the BIFF8
 * function table. */
static const func functions[] = {
    {0, -1, "COUNT"},       {1, -1, "IF"},        {4, -1, "SUM"},      {5, -1, "AVERAGE"},
    {6, -1, "MIN"},         {7, -1, "MAX"},       {20, 1, "SQRT"},     {24, 1, "ABS"},
    {25, 1, "INT"},         {26, 1, "SIGN"},      {27, 2, "ROUND"},    {36, -1, "AND"},
    {37, -1, "OR"},         {38, 1, "NOT"},       {39, 2, "MOD"},      {65, 3, "DATE"},
    {169, -1, "COUNTA"},    {183, -1, "PRODUCT"}, {212, 2, "ROUNDUP"}, {213, 2, "ROUNDDOWN"},
    {285, 2, "FLOOR"},      {288, 2, "CEILING"},  {345, -1, "SUMIF"},  {346, 2, "COUNTIF"},
    {347, 1, "COUNTBLANK"},
};

static const func *find_function(uint16_t id)
{
    for (size_t i = 0; i < OGI_ARRAY_LEN(functions); i++)
        if (functions[i].id == id)
            return &functions[i];
    return NULL;
}

/* NAME(a, b, ...) over the top argc entries. */
static int call(stack *s, const char *name, size_t argc)
{
    if (s->n < argc)
        return 0;
    char scratch[TEXT_MAX];
    size_t base = argc ? s->start[s->n - argc] : s->used, o = 0;
    int n = snprintf(scratch, sizeof scratch, "%s(", name);
    if (n < 0)
        return 0;
    o = (size_t)n;
    for (size_t i = 0; i < argc; i++) {
        const char *arg = s->text + s->start[s->n - argc + i];
        n = snprintf(scratch + o, sizeof scratch - o, "%s%s", i ? "," : "", arg);
        if (n < 0 || (size_t)n >= sizeof scratch - o)
            return 0;
        o += (size_t)n;
    }
    if (o + 2 > sizeof scratch)
        return 0;
    memcpy(scratch + o, ")", 2);
    s->n -= argc;
    s->used = base;
    return push(s, "%s", scratch, NULL, NULL);
}

static const char *binary_op(unsigned char ptg)
{
    static const char *const ops[] = {"+", "-",  "*", "/",  "^", "&",
                                      "<", "<=", "=", ">=", ">", "<>"};
    return ptg >= 0x03 && ptg <= 0x0E ? ops[ptg - 0x03] : NULL;
}

const char *ogi_biff_error_text(unsigned char code)
{
    switch (code) {
    case 0x00:
        return "#NULL!";
    case 0x07:
        return "#DIV/0!";
    case 0x0F:
        return "#VALUE!";
    case 0x17:
        return "#REF!";
    case 0x1D:
        return "#NAME?";
    case 0x24:
        return "#NUM!";
    case 0x2A:
        return "#N/A";
    default:
        return NULL;
    }
}

/* A string constant, its quotes doubled. Returns its length in bytes or 0. */
static size_t string_token(stack *s, const unsigned char *p, size_t avail)
{
    if (avail < 2)
        return 0;
    size_t cch = p[0], high = p[1] & 1, need = 2 + cch * (high ? 2 : 1);
    if (need > avail)
        return 0;
    char buf[1024];
    size_t o = 0;
    buf[o++] = '"';
    for (size_t i = 0; i < cch; i++) {
        unsigned cp = high ? u16(p + 2 + 2 * i) : p[2 + i];
        if (o + 6 >= sizeof buf)
            return 0;
        if (cp < 0x20 || cp == 0x7F) /* not writable in the workbook's XML */
            return 0;
        if (cp == '"')
            buf[o++] = '"';
        if (cp < 0x80) {
            buf[o++] = (char)cp;
        } else if (cp < 0x800) {
            buf[o++] = (char)(0xC0 | cp >> 6);
            buf[o++] = (char)(0x80 | (cp & 0x3F));
        } else {
            buf[o++] = (char)(0xE0 | cp >> 12);
            buf[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            buf[o++] = (char)(0x80 | (cp & 0x3F));
        }
    }
    buf[o++] = '"';
    buf[o] = '\0';
    return push(s, "%s", buf, NULL, NULL) ? need : 0;
}

/* ptgAttr: only the forms that do not change the expression's text, and
 * SUM of one argument (AutoSum's "SUM(D7:I7)"). Returns bytes or 0. */
static size_t attr_token(stack *s, const unsigned char *p, size_t avail)
{
    if (avail < 3)
        return 0;
    unsigned char flags = p[0];
    if (flags & 0x04) /* CHOOSE: a jump table */
        return 0;
    if (flags & 0x10)
        return call(s, "SUM", 1) ? 3 : 0;
    return 3; /* volatile, IF/skip jumps, spaces: no text of their own */
}

/* One reference or area token (plain or shared-relative). Returns the
 * bytes it takes, 0 on failure. */
static size_t ref_token(stack *s, unsigned char base, const unsigned char *p, size_t avail,
                        uint32_t row, uint32_t col)
{
    int shared = base == 0x0C || base == 0x0D;
    int area = base == 0x05 || base == 0x0D;
    char a[32], b[32];
    if (area) {
        if (avail < 8 || !cell_ref(u16(p), u16(p + 4), shared, row, col, a, sizeof a) ||
            !cell_ref(u16(p + 2), u16(p + 6), shared, row, col, b, sizeof b))
            return 0;
        return push(s, "%s:%s", a, b, NULL) ? 8 : 0;
    }
    if (avail < 4 || !cell_ref(u16(p), u16(p + 2), shared, row, col, a, sizeof a))
        return 0;
    return push(s, "%s", a, NULL, NULL) ? 4 : 0;
}

/* One token at p (avail bytes after its id). Returns the bytes of its
 * data, or -1 on failure. */
static long token(stack *s, unsigned char ptg, const unsigned char *p, size_t avail, uint32_t row,
                  uint32_t col)
{
    const char *op = binary_op(ptg);
    if (op)
        return combine(s, 2, "%s%s%s", op) ? 0 : -1;
    char num[40];
    switch (ptg) {
    case 0x10:
        return combine(s, 2, "%s%s%s", ",") ? 0 : -1;
    case 0x11:
        return combine(s, 2, "%s%s%s", ":") ? 0 : -1;
    case 0x12:
        return combine(s, 1, "+%s", NULL) ? 0 : -1;
    case 0x13:
        return combine(s, 1, "-%s", NULL) ? 0 : -1;
    case 0x14:
        return combine(s, 1, "%s%%", NULL) ? 0 : -1;
    case 0x15:
        return combine(s, 1, "(%s)", NULL) ? 0 : -1;
    case 0x16:
        return push(s, "%s", "", NULL, NULL) ? 0 : -1;
    case 0x17: {
        size_t n = string_token(s, p, avail);
        return n ? (long)n : -1;
    }
    case 0x19: {
        size_t n = attr_token(s, p, avail);
        return n ? (long)n : -1;
    }
    case 0x1C: {
        const char *e = avail >= 1 ? ogi_biff_error_text(p[0]) : NULL;
        return e && push(s, "%s", e, NULL, NULL) ? 1 : -1;
    }
    case 0x1D:
        return avail >= 1 && push(s, "%s", p[0] ? "TRUE" : "FALSE", NULL, NULL) ? 1 : -1;
    case 0x1E:
        if (avail < 2)
            return -1;
        snprintf(num, sizeof num, "%u", (unsigned)u16(p));
        return push(s, "%s", num, NULL, NULL) ? 2 : -1;
    case 0x1F: {
        if (avail < 8)
            return -1;
        double d;
        memcpy(&d, p, sizeof d);
        if (d != d || d - d != 0) /* NaN or infinite: no literal for it */
            return -1;
        snprintf(num, sizeof num, "%.15g", d);
        return push(s, "%s", num, NULL, NULL) ? 8 : -1;
    }
    default:
        break;
    }
    /* classed tokens: 0x20-0x7F carry their class in bits 5-6 */
    unsigned char base = ptg >= 0x20 ? (unsigned char)(ptg & 0x1F) : 0xFF;
    if (base == 0x01 && ptg >= 0x20) { /* ptgFunc: fixed arguments */
        const func *f = avail >= 2 ? find_function(u16(p)) : NULL;
        return f && f->args >= 0 && call(s, f->name, (size_t)f->args) ? 2 : -1;
    }
    if (base == 0x02) { /* ptgFuncVar */
        const func *f = avail >= 3 ? find_function(u16(p + 1) & 0x7FFF) : NULL;
        return f && call(s, f->name, p[0] & 0x7F) ? 3 : -1;
    }
    if (base == 0x04 || base == 0x05 || base == 0x0C || base == 0x0D) {
        size_t n = ref_token(s, base, p, avail, row, col);
        return n ? (long)n : -1;
    }
    if (base == 0x0A || base == 0x0B) { /* a reference deleted: #REF! */
        size_t n = base == 0x0A ? 4 : 8;
        return avail >= n && push(s, "#REF!", NULL, NULL, NULL) ? (long)n : -1;
    }
    return -1;
}

int ogi_formula_decode(const unsigned char *tokens, size_t len, uint32_t row, uint32_t col,
                       char *out, size_t size)
{
    stack s;
    s.n = 0;
    s.used = 0;
    for (size_t i = 0; i < len;) {
        unsigned char ptg = tokens[i++];
        long n = token(&s, ptg, tokens + i, len - i, row, col);
        if (n < 0)
            return 0;
        i += (size_t)n;
    }
    if (s.n != 1 || s.used - s.start[0] > size)
        return 0;
    memcpy(out, s.text + s.start[0], s.used - s.start[0]);
    return 1;
}
