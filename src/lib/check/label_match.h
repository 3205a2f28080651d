/*
 * label_match.h (private to the library) - how close a written label is to a statutory one, and
 * the order-preserving alignment of a written sequence of labels to the
 * template's sequence (docs/architecture.md, "The mapper").
 *
 * The measure is the LCS ratio over code points of the normalised texts:
 * 2 * |longest common subsequence| / (|a| + |b|), in thousandths. It was
 * chosen by measuring it against character bigram Dice, edit distance and
 * character-set Jaccard on the template's labels reworded the ways
 * submitters reword them (bench/label_similarity.py): it keeps the most
 * reworded labels above the threshold with no label taken for another.
 */
#ifndef OGI_LABEL_MATCH_H
#define OGI_LABEL_MATCH_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "ogi.h"

/* Similarities are in thousandths: 1000 is the same text. */
#define OGI_SIM_EXACT 1000u
/* A label at least this close may be the statutory one (strictly above
 * 3/4: a four-character label with one character replaced, 不予公开 for
 * 予以公开, is another word as often as a typo)... */
#define OGI_SIM_ACCEPT 760u
/* ...when every other candidate is at least this much further away. */
#define OGI_SIM_MARGIN 100u
/* Labels shorter than this (其他, 总计, 合计, 规章) carry too little text
 * for a measure to tell them from a near neighbour: they match exactly or
 * not at all. Counted in code points, on both sides. With the threshold
 * above, a three-character label (自然人, or 结维持 written for 结果维持)
 * is close only to a four-character one holding it whole. */
#define OGI_SIM_MIN_CPS 3u
/* Longer text is a sentence, not a label: never compared. */
#define OGI_SIM_MAX_CPS 64u

/* A normalised label as code points, for repeated comparisons. */
typedef struct ogi_cps {
    uint32_t cp[OGI_SIM_MAX_CPS];
    uint32_t n;
} ogi_cps;

/* Decodes s into out; 0 when it is longer than OGI_SIM_MAX_CPS. */
int ogi_cps_from(const char *s, size_t len, ogi_cps *out);

/* The LCS ratio of a and b in thousandths; 0 when either is shorter than
 * OGI_SIM_MIN_CPS. */
unsigned ogi_label_similarity_cps(const ogi_cps *a, const ogi_cps *b);
unsigned ogi_label_similarity(const char *a, size_t alen, const char *b, size_t blen);

/* How a short label (总计, 其他, 规章, 自然人) is read where the order
 * already puts a row or column: the written label holds it whole, with at
 * most two characters more (总计数, 总总计, 自然人申请). Returns OGI_SIM_SHORT_HELD then, else 0.
 * Only the alignment uses it: without a place between rows read exactly it means nothing. */
#define OGI_SIM_SHORT_HELD 800u
#define OGI_SIM_SHORT_MAX 3u /* 总计, 其他, 自然人: labels this short */
unsigned ogi_label_short_held(const ogi_cps *written, const ogi_cps *label);

/* How an abbreviation of a label is read where the order already puts a
 * row or column: every character of the written label stands in the
 * statutory one in the same order, and it keeps at least half of it
 * (上年结转申请数量 for 上年结转政府信息公开申请数量, 维持 for 结果维持
 * under its group). Returns OGI_SIM_ABBREVIATED then, else 0. */
#define OGI_SIM_ABBREVIATED 780u
unsigned ogi_label_abbreviates(const ogi_cps *written, const ogi_cps *label);

/* How a written row or column is scored where structure alone places it:
 * the only unplaced one in the slot of the only missing part between
 * parts already placed, or the one whose number (1. （三） 第二项) is the
 * missing row's own in that slot, when its words point to no other part
 * (docs/architecture.md, "The mapper"). Above OGI_SIM_ACCEPT so that the
 * alignment may keep it, below a label held whole. */
#define OGI_SIM_ORDERED 790u

/* How much of a statutory label a written one keeps: the share of the
 * label's code points found in order in the written text (its LCS over
 * the label's length), in thousandths; 0 when either is shorter than
 * OGI_SIM_MIN_CPS. Unlike the similarity it does not fall with what the
 * written label adds. */
unsigned ogi_label_coverage_cps(const ogi_cps *written, const ogi_cps *label);

/* Where structure places a label that ties with a part already placed
 * elsewhere, the label must still keep at least half of the missing part's
 * words (同意公开 keeps 公开 of 予以公开, 维持结果 keeps 结果维持 in another
 * order); less (申请人逾期的, 5 of 申请人无正当理由逾期不补正's 12) is no
 * evidence. */
#define OGI_SIM_SHARED_HALF 500u

/* What the alignments score a written label against a statutory one with:
 * the best of the similarity, a short label held whole and an
 * abbreviation. Never used without the order's evidence. */
unsigned ogi_label_score_placed(const ogi_cps *written, const ogi_cps *label);

/* The parts of a written label worth comparing: the whole; without a
 * leading bracketed number (【七】, [2]) and cut before a bracketed note
 * (保护第三方合法权益【单位：件】, 部分公开（区分处理的…）（按申请人统计）);
 * and of each, the text after an inner numbering (ogi_label_tail). Up to
 * four distinct byte ranges of s, the whole first. */
typedef struct ogi_label_view {
    size_t from, len;
} ogi_label_view;
#define OGI_LABEL_VIEWS 4
size_t ogi_label_views(const char *s, size_t len, ogi_label_view *out);

/* A label written with its parent before it ("不予公开1.属于国家秘密的"):
 * the byte offset of the text after the last inner numbering (1. 1、 (1)
 * ①), or 0 when there is none. */
size_t ogi_label_tail(const char *s, size_t len);

/* Order-preserving alignment of nw written labels to nt template labels
 * (both in the order they stand). score[i * nt + j] is the similarity of
 * written i to template j, 0 where they may not be paired. The pairing
 * maximises the summed score without crossing; a pair is kept only when
 * it is confident: its score is at least OGI_SIM_ACCEPT and at least
 * OGI_SIM_MARGIN above every other score in its row and its column (the
 * other labels it could have been). pair[i] is the template index of
 * written i, or SIZE_MAX. Returns the number of pairs, or SIZE_MAX when
 * out of memory. */
size_t ogi_label_align(const uint16_t *score, size_t nw, size_t nt, size_t *pair);

/* An index of labels by the code points they hold, so that a written
 * label is compared only with the labels that could reach the threshold
 * (the count of its characters found in a label bounds their LCS). */
typedef struct ogi_label_finder {
    size_t nlabels;
    const char **text; /* normalised, NUL-terminated; owned by the caller */
    uint16_t *ncps;
    ogi_cps **cps;     /* each label decoded once, NULL for one not indexed */
    size_t nslots;     /* power of two */
    uint32_t *slot_cp; /* 0: empty */
    uint32_t *slot_first, *slot_count;
    uint32_t *postings; /* label indexes, per code point */
} ogi_label_finder;

/* Builds the index over n labels (those shorter than OGI_SIM_MIN_CPS or
 * longer than OGI_SIM_MAX_CPS are left out) in arena. */
ogi_error ogi_label_finder_build(ogi_label_finder *f, const char *const *text, size_t n,
                                 ogi_arena *arena);

/* One label of the finder and its similarity to the text asked about. */
typedef struct ogi_label_candidate {
    size_t label;
    unsigned sim;
} ogi_label_candidate;

/* The labels whose similarity to text is at least floor, best first, at
 * most max of them; work holds f->nlabels counters (zeroed, and left
 * zeroed). Returns how many. */
size_t ogi_label_finder_query(const ogi_label_finder *f, const ogi_cps *text, unsigned floor,
                              uint16_t *work, ogi_label_candidate *out, size_t max);

#endif /* OGI_LABEL_MATCH_H */
