/*
 * rules.c - the sum rules and their blank-aware verdicts (spec §6).
 *
 * A blank counts as 0. When a sum then fails, it is an error unless
 * non-negative numbers written into its blanks could make it hold: then
 * it is a warning that names the blanks, and, when one blank alone could
 * settle it, the value that blank should hold.
 */
#include "findings.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "common.h"
#include "messages.h"

#define SUM_EPSILON 1e-6
#define BLANKS_LISTED 5

typedef struct verdict {
    double left, right, diff;    /* diff = left - right */
    const ogi_term *helping[64]; /* blank terms that could close the gap */
    size_t nhelping;
} verdict;

/* This year's value of a term, or last year's for a prev: term. */
static const ogi_value *term_value(const ogi_term *t, const ogi_rule_inputs *in)
{
    if (t->cell != OGI_NONE)
        return &in->values[t->cell];
    for (size_t i = 0; i < in->nprevious; i++)
        if (strcmp(in->previous[i].id, t->prev_id) == 0)
            return &in->previous[i];
    return NULL;
}

static int all_found(const ogi_rule_check *chk, const ogi_rule_inputs *in)
{
    for (size_t i = 0; i < chk->nterms; i++) {
        const ogi_value *v = term_value(&chk->terms[i], in);
        if (!v || !v->found)
            return 0;
    }
    return 1;
}

static void evaluate(const ogi_rule_check *chk, const ogi_rule_inputs *in, verdict *v)
{
    v->left = v->right = 0;
    v->nhelping = 0;
    for (size_t i = 0; i < chk->nterms; i++) {
        const ogi_term *t = &chk->terms[i];
        double x = t->sign * term_value(t, in)->value;
        if (t->right)
            v->right += x;
        else
            v->left += x;
    }
    v->diff = v->left - v->right;
    for (size_t i = 0; i < chk->nterms && v->nhelping < 64; i++) {
        const ogi_term *t = &chk->terms[i];
        const ogi_value *val = term_value(t, in);
        if (!val->is_null)
            continue;
        /* raising this blank moves left - right by effect per unit */
        int effect = t->right ? -t->sign : t->sign;
        if ((v->diff > 0 && effect < 0) || (v->diff < 0 && effect > 0))
            v->helping[v->nhelping++] = t;
    }
}

/* "t3.carried.person", or "prev:t3.carry_over.person" for last year's. */
static const char *term_name(const ogi_term *t, const ogi_template *tmpl, ogi_arena *a)
{
    if (t->cell != OGI_NONE)
        return tmpl->cells[t->cell].id;
    return ogi_arena_printf(a, "prev:%s", t->prev_id);
}

static int holds(ogi_rule_op op, const verdict *v)
{
    return op == OGI_OP_EQ ? fabs(v->diff) < SUM_EPSILON : v->diff <= SUM_EPSILON;
}

/* Writes msg with {expected}, {actual}, {diff} replaced. */
static void render(const char *msg, double expected, double actual, char *out, size_t size)
{
    char e[48], a[48], d[48];
    ogi_format_number(expected, e, sizeof e);
    ogi_format_number(actual, a, sizeof a);
    ogi_format_number(fabs(expected - actual), d, sizeof d);
    size_t o = 0;
    for (const char *s = msg; *s && o + 1 < size;) {
        const char *rep = NULL;
        size_t skip = 0;
        if (strncmp(s, "{expected}", 10) == 0)
            rep = e, skip = 10;
        else if (strncmp(s, "{actual}", 8) == 0)
            rep = a, skip = 8;
        else if (strncmp(s, "{diff}", 6) == 0)
            rep = d, skip = 6;
        if (rep) {
            size_t n = strlen(rep);
            if (o + n >= size)
                break;
            memcpy(out + o, rep, n);
            o += n;
            s += skip;
        } else {
            out[o++] = *s++;
        }
    }
    out[o] = '\0';
}

/* A blank of last year's report is named as such. */
static void position_of(const ogi_template *t, const ogi_term *term, ogi_lang lang, char *buf,
                        size_t size)
{
    if (term->cell != OGI_NONE) {
        ogi_cell_position(t, t->cells[term->cell].id, lang, buf, size);
        return;
    }
    const char *prefix = ogi_message(OGI_MSG_PREVIOUS_CELL, lang);
    size_t n = strlen(prefix);
    if (size <= n)
        return;
    memcpy(buf, prefix, n);
    ogi_cell_position(t, term->prev_id, lang, buf + n, size - n);
}

static void append_blanks(const ogi_template *t, const verdict *v, ogi_lang lang, char *out,
                          size_t size)
{
    char list[1024] = "", pos[256];
    size_t shown = v->nhelping < BLANKS_LISTED ? v->nhelping : BLANKS_LISTED;
    for (size_t i = 0; i < shown; i++) {
        position_of(t, v->helping[i], lang, pos, sizeof pos);
        size_t used = strlen(list);
        snprintf(list + used, sizeof list - used, "%s%s",
                 i ? ogi_message(OGI_MSG_SEP_LIST, lang) : "", pos);
    }
    if (v->nhelping > shown) {
        size_t used = strlen(list);
        /* English counts the cells not listed, Chinese all of them */
        snprintf(list + used, sizeof list - used, ogi_message(OGI_MSG_BLANKS_MORE, lang),
                 lang == OGI_LANG_EN ? v->nhelping - shown : v->nhelping);
    }
    size_t used = strlen(out);
    snprintf(out + used, size - used, ogi_message(OGI_MSG_BLANKS, lang), list);
    if (v->nhelping == 1) {
        char num[48];
        ogi_format_number(fabs(v->diff), num, sizeof num);
        position_of(t, v->helping[0], lang, pos, sizeof pos);
        used = strlen(out);
        snprintf(out + used, size - used, ogi_message(OGI_MSG_SUGGEST, lang), pos, num);
    }
}

static int report_failure(const ogi_template *t, const ogi_rule_check *chk, const verdict *v,
                          ogi_findings *f)
{
    const ogi_trule *rule = &t->rules[chk->rule];
    ogi_severity sev = rule->severity;
    if (v->nhelping > 0 && sev == OGI_SEVERITY_ERROR)
        sev = OGI_SEVERITY_WARNING;
    ogi_finding *x = ogi_findings_add(f, sev, rule->name, chk->key, t->tables[chk->table].id);
    if (!x)
        return 0;
    const char **cells = ogi_arena_alloc(f->arena, (chk->nterms + 1) * sizeof *cells);
    if (!cells)
        return 0;
    for (size_t i = 0; i < chk->nterms; i++)
        if (!(cells[i] = term_name(&chk->terms[i], t, f->arena)))
            return 0;
    x->cells = cells;
    x->ncells = chk->nterms;
    x->has_sides = 1;
    x->expected = rule->expect_right ? v->right : v->left;
    x->actual = rule->expect_right ? v->left : v->right;
    if (v->nhelping == 1) {
        x->has_suggested = 1;
        x->suggested_cell = term_name(v->helping[0], t, f->arena);
        if (!x->suggested_cell)
            return 0;
        x->suggested_value = fabs(v->diff);
    }
    char msg[2048];
    render(rule->message[f->lang == OGI_LANG_EN], x->expected, x->actual, msg, sizeof msg);
    if (v->nhelping > 0)
        append_blanks(t, v, f->lang, msg, sizeof msg);
    x->message = ogi_arena_strdup(f->arena, msg);
    return x->message != NULL;
}

int ogi_rules_apply(const ogi_template *t, const ogi_rule_inputs *in, ogi_findings *f)
{
    for (size_t i = 0; i < t->nchecks; i++) {
        const ogi_rule_check *chk = &t->checks[i];
        if ((t->rules[chk->rule].needs_previous && !in->previous) || !all_found(chk, in))
            continue;
        verdict v;
        evaluate(chk, in, &v);
        if (holds(t->rules[chk->rule].op, &v))
            continue;
        if (!report_failure(t, chk, &v, f))
            return 0;
    }
    return 1;
}
