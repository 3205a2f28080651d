/*
 * label_match.c - the similarity of two labels, the alignment of two
 * sequences of labels, and an index that finds the labels close to a
 * written one without comparing it with all of them.
 */
#include "label_match.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

int ogi_cps_from(const char *s, size_t len, ogi_cps *out)
{
    out->n = 0;
    for (size_t i = 0; i < len;) {
        if (out->n == OGI_SIM_MAX_CPS)
            return 0;
        i += ogi_utf8_decode(s + i, len - i, &out->cp[out->n++]);
    }
    return 1;
}

/* Longest common subsequence of two short code point strings: the
 * classic table, one row at a time (labels are a few dozen characters). */
static unsigned lcs_length(const ogi_cps *a, const ogi_cps *b)
{
    uint8_t prev[OGI_SIM_MAX_CPS + 1] = {0}, cur[OGI_SIM_MAX_CPS + 1] = {0};
    for (uint32_t i = 0; i < a->n; i++) {
        cur[0] = 0;
        for (uint32_t j = 0; j < b->n; j++) {
            if (a->cp[i] == b->cp[j])
                cur[j + 1] = (uint8_t)(prev[j] + 1);
            else
                cur[j + 1] = prev[j + 1] > cur[j] ? prev[j + 1] : cur[j];
        }
        memcpy(prev, cur, b->n + 1);
    }
    return prev[b->n];
}

unsigned ogi_label_similarity_cps(const ogi_cps *a, const ogi_cps *b)
{
    if (a->n < OGI_SIM_MIN_CPS || b->n < OGI_SIM_MIN_CPS)
        return 0;
    return (unsigned)(2u * OGI_SIM_EXACT * lcs_length(a, b) / (a->n + b->n));
}

unsigned ogi_label_coverage_cps(const ogi_cps *written, const ogi_cps *label)
{
    if (written->n < OGI_SIM_MIN_CPS || label->n < OGI_SIM_MIN_CPS)
        return 0;
    return (unsigned)(OGI_SIM_EXACT * lcs_length(written, label) / label->n);
}

unsigned ogi_label_similarity(const char *a, size_t alen, const char *b, size_t blen)
{
    ogi_cps x, y;
    if (!ogi_cps_from(a, alen, &x) || !ogi_cps_from(b, blen, &y))
        return 0;
    return ogi_label_similarity_cps(&x, &y);
}

unsigned ogi_label_short_held(const ogi_cps *written, const ogi_cps *label)
{
    if (label->n == 0 || label->n > OGI_SIM_SHORT_MAX || written->n <= label->n ||
        written->n > label->n + 2)
        return 0;
    for (uint32_t i = 0; i + label->n <= written->n; i++)
        if (memcmp(written->cp + i, label->cp, label->n * sizeof *label->cp) == 0)
            return OGI_SIM_SHORT_HELD;
    return 0;
}

unsigned ogi_label_abbreviates(const ogi_cps *written, const ogi_cps *label)
{
    if (written->n < 2 || written->n >= label->n || 2 * written->n < label->n)
        return 0;
    uint32_t k = 0;
    for (uint32_t i = 0; i < label->n && k < written->n; i++)
        k += label->cp[i] == written->cp[k];
    return k == written->n ? OGI_SIM_ABBREVIATED : 0;
}

unsigned ogi_label_score_placed(const ogi_cps *written, const ogi_cps *label)
{
    unsigned best = ogi_label_similarity_cps(written, label);
    unsigned held = ogi_label_short_held(written, label);
    unsigned abbr = ogi_label_abbreviates(written, label);
    best = held > best ? held : best;
    return abbr > best ? abbr : best;
}

size_t ogi_label_tail(const char *s, size_t len)
{
    size_t tail = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = ogi_utf8_decode(s + i, len - i, &cp);
        if (cp >= 0x2460 && cp <= 0x2473) { /* ① … ⑳ */
            tail = i + n;
        } else if (cp >= '0' && cp <= '9') {
            size_t j = i;
            while (j < len && s[j] >= '0' && s[j] <= '9')
                j++;
            /* 1. 1) 1、 number an item; 3.5 is a number */
            if (j < len && (s[j] == ')' ||
                            (s[j] == '.' && !(j + 1 < len && s[j + 1] >= '0' && s[j + 1] <= '9'))))
                tail = j + 1;
            else if (j + 3 <= len && memcmp(s + j, "\xE3\x80\x81", 3) == 0) /* 、 */
                tail = j + 3;
            n = j - i;
        }
        i += n;
    }
    return tail < len ? tail : 0;
}

static int is_open_bracket(uint32_t cp)
{
    return cp == '(' || cp == '[' || cp == 0x3010 /* 【 */ || cp == 0x3014 /* 〔 */ ||
           cp == 0x3016 /* 〖 */ || cp == 0x300C /* 「 */ || cp == 0x3008 /* 〈 */;
}

static int is_close_bracket(uint32_t cp)
{
    return cp == ')' || cp == ']' || cp == 0x3011 || cp == 0x3015 || cp == 0x3017 || cp == 0x300D ||
           cp == 0x3009;
}

/* The label without a leading bracketed number and cut before its first
 * bracketed note: [*from, *from + *len). */
static void label_core(const char *s, size_t len, size_t *from, size_t *n)
{
    size_t i = 0;
    uint32_t cp;
    size_t k = ogi_utf8_decode(s, len, &cp);
    if (len && is_open_bracket(cp)) {
        /* a bracketed number: at most four characters to its close */
        size_t j = k;
        for (int count = 0; j < len && count < 5; count++) {
            size_t step = ogi_utf8_decode(s + j, len - j, &cp);
            j += step;
            if (is_close_bracket(cp)) {
                i = j;
                break;
            }
        }
    }
    size_t end = len;
    for (size_t j = i, cps = 0; j < len; cps++) {
        size_t step = ogi_utf8_decode(s + j, len - j, &cp);
        if (is_open_bracket(cp) && cps >= 2) {
            end = j;
            break;
        }
        j += step;
    }
    *from = i;
    *n = end - i;
}

static size_t add_view(ogi_label_view *out, size_t n, size_t from, size_t len)
{
    if (len == 0)
        return n;
    for (size_t k = 0; k < n; k++)
        if (out[k].from == from && out[k].len == len)
            return n;
    out[n] = (ogi_label_view){from, len};
    return n + 1;
}

size_t ogi_label_views(const char *s, size_t len, ogi_label_view *out)
{
    size_t n = add_view(out, 0, 0, len);
    /* most labels have no digit, circled number or bracket: one pass over
     * the bytes spares decoding them again */
    int numbered = 0, bracketed = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char b = (unsigned char)s[i];
        numbered |= (b >= '0' && b <= '9') || b == 0xE2; /* ① is E2 91 xx */
        bracketed |= b == '(' || b == '[' || (b == 0xE3 && i + 1 < len && s[i + 1] == '\x80');
    }
    size_t tail = numbered ? ogi_label_tail(s, len) : 0;
    if (tail)
        n = add_view(out, n, tail, len - tail);
    if (!bracketed)
        return n;
    size_t from, core;
    label_core(s, len, &from, &core);
    n = add_view(out, n, from, core);
    tail = numbered ? ogi_label_tail(s + from, core) : 0;
    if (tail)
        n = add_view(out, n, from + tail, core - tail);
    return n;
}

/* ---- alignment ---- */

static unsigned other_best(const uint16_t *score, size_t nw, size_t nt, size_t i, size_t j)
{
    unsigned best = 0;
    for (size_t k = 0; k < nt; k++)
        if (k != j && score[i * nt + k] > best)
            best = score[i * nt + k];
    for (size_t k = 0; k < nw; k++)
        if (k != i && score[k * nt + j] > best)
            best = score[k * nt + j];
    return best;
}

size_t ogi_label_align(const uint16_t *score, size_t nw, size_t nt, size_t *pair)
{
    for (size_t i = 0; i < nw; i++)
        pair[i] = SIZE_MAX;
    if (nw == 0 || nt == 0)
        return 0;
    /* total[i][j]: the best sum over written 0..i-1 and template 0..j-1 */
    size_t w = nt + 1;
    uint32_t *total = calloc((nw + 1) * w, sizeof *total);
    if (!total)
        return SIZE_MAX;
    for (size_t i = 1; i <= nw; i++)
        for (size_t j = 1; j <= nt; j++) {
            uint32_t best = total[(i - 1) * w + j];
            if (total[i * w + j - 1] > best)
                best = total[i * w + j - 1];
            unsigned s = score[(i - 1) * nt + j - 1];
            if (s >= OGI_SIM_ACCEPT && total[(i - 1) * w + j - 1] + s > best)
                best = total[(i - 1) * w + j - 1] + s;
            total[i * w + j] = best;
        }
    size_t npairs = 0;
    for (size_t i = nw, j = nt; i > 0 && j > 0;) {
        unsigned s = score[(i - 1) * nt + j - 1];
        if (total[i * w + j] == total[(i - 1) * w + j])
            i--;
        else if (total[i * w + j] == total[i * w + j - 1])
            j--;
        else {
            /* taken by the alignment; kept only when nothing else it
             * could be comes near */
            if (s >= other_best(score, nw, nt, i - 1, j - 1) + OGI_SIM_MARGIN) {
                pair[i - 1] = j - 1;
                npairs++;
            }
            i--;
            j--;
        }
    }
    free(total);
    return npairs;
}

/* ---- the finder ---- */

static uint32_t cp_hash(uint32_t cp)
{
    return cp * 2654435761u;
}

static size_t slot_of(const ogi_label_finder *f, uint32_t cp)
{
    size_t mask = f->nslots - 1;
    for (size_t i = cp_hash(cp) & mask;; i = (i + 1) & mask)
        if (f->slot_cp[i] == cp || f->slot_cp[i] == 0)
            return i;
}

/* The distinct code points of c, into out; returns how many. */
static size_t distinct_cps(const ogi_cps *c, uint32_t *out)
{
    size_t n = 0;
    for (uint32_t i = 0; i < c->n; i++) {
        size_t k = 0;
        while (k < n && out[k] != c->cp[i])
            k++;
        if (k == n)
            out[n++] = c->cp[i];
    }
    return n;
}

static int indexed(const ogi_cps *c)
{
    return c->n >= OGI_SIM_MIN_CPS;
}

ogi_error ogi_label_finder_build(ogi_label_finder *f, const char *const *text, size_t n,
                                 ogi_arena *arena)
{
    memset(f, 0, sizeof *f);
    f->nlabels = n;
    f->text = ogi_arena_alloc(arena, (n + 1) * sizeof *f->text);
    f->ncps = ogi_arena_alloc(arena, (n + 1) * sizeof *f->ncps);
    f->cps = ogi_arena_alloc(arena, (n + 1) * sizeof *f->cps);
    if (!f->text || !f->ncps || !f->cps)
        return OGI_ERROR_MEMORY;
    size_t npairs = 0;
    uint32_t seen[OGI_SIM_MAX_CPS];
    ogi_cps c;
    for (size_t i = 0; i < n; i++) {
        f->text[i] = text[i];
        f->ncps[i] = 0;
        f->cps[i] = NULL;
        if (ogi_cps_from(text[i], strlen(text[i]), &c) && indexed(&c)) {
            f->ncps[i] = (uint16_t)c.n;
            f->cps[i] = ogi_arena_alloc(arena, sizeof *f->cps[i]);
            if (!f->cps[i])
                return OGI_ERROR_MEMORY;
            *f->cps[i] = c;
            npairs += distinct_cps(&c, seen);
        }
    }
    f->nslots = 16;
    while (f->nslots < npairs * 2)
        f->nslots *= 2;
    f->slot_cp = ogi_arena_alloc(arena, f->nslots * sizeof *f->slot_cp);
    f->slot_first = ogi_arena_alloc(arena, f->nslots * sizeof *f->slot_first);
    f->slot_count = ogi_arena_alloc(arena, f->nslots * sizeof *f->slot_count);
    f->postings = ogi_arena_alloc(arena, (npairs + 1) * sizeof *f->postings);
    if (!f->slot_cp || !f->slot_first || !f->slot_count || !f->postings)
        return OGI_ERROR_MEMORY;
    memset(f->slot_cp, 0, f->nslots * sizeof *f->slot_cp);
    memset(f->slot_count, 0, f->nslots * sizeof *f->slot_count);
    /* count, then lay out, then fill: postings of a code point together */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < n; i++) {
            if (!f->ncps[i])
                continue;
            size_t nd = distinct_cps(f->cps[i], seen);
            for (size_t k = 0; k < nd; k++) {
                size_t s = slot_of(f, seen[k]);
                f->slot_cp[s] = seen[k];
                if (pass == 0)
                    f->slot_count[s]++;
                else
                    f->postings[f->slot_first[s] + f->slot_count[s]++] = (uint32_t)i;
            }
        }
        if (pass == 0) {
            uint32_t next = 0;
            for (size_t s = 0; s < f->nslots; s++) {
                f->slot_first[s] = next;
                next += f->slot_count[s];
                f->slot_count[s] = 0;
            }
        }
    }
    return OGI_OK;
}

static void insert_candidate(ogi_label_candidate *out, size_t *n, size_t max, ogi_label_candidate x)
{
    size_t k = *n < max ? (*n)++ : max;
    while (k > 0 && out[k - 1].sim < x.sim) {
        if (k < max)
            out[k] = out[k - 1];
        k--;
    }
    if (k < max)
        out[k] = x;
}

size_t ogi_label_finder_query(const ogi_label_finder *f, const ogi_cps *text, unsigned floor,
                              uint16_t *work, ogi_label_candidate *out, size_t max)
{
    if (text->n < OGI_SIM_MIN_CPS || f->nslots == 0)
        return 0;
    /* work[l]: characters of text (with repeats) found in label l, an
     * upper bound of their longest common subsequence */
    for (uint32_t i = 0; i < text->n; i++) {
        size_t s = slot_of(f, text->cp[i]);
        for (uint32_t k = 0; f->slot_cp[s] && k < f->slot_count[s]; k++)
            work[f->postings[f->slot_first[s] + k]]++;
    }
    size_t n = 0;
    for (uint32_t i = 0; i < text->n; i++) {
        size_t s = slot_of(f, text->cp[i]);
        for (uint32_t k = 0; f->slot_cp[s] && k < f->slot_count[s]; k++) {
            uint32_t l = f->postings[f->slot_first[s] + k];
            if (!work[l])
                continue;
            unsigned common = work[l] < f->ncps[l] ? work[l] : f->ncps[l];
            work[l] = 0;
            if (2u * OGI_SIM_EXACT * common / (text->n + f->ncps[l]) < floor)
                continue;
            unsigned sim = ogi_label_similarity_cps(text, f->cps[l]);
            if (sim >= floor)
                insert_candidate(out, &n, max, (ogi_label_candidate){l, sim});
        }
    }
    return n;
}
