/*
 * agency.c - agency names compared as a clerk compares them: "市人社局（盖章）",
 * "市 人社局", "市人社局" in full width or traditional characters are one
 * agency. The text folding is the library's own (text.h), so that names
 * and labels are folded alike.
 */
#include <string.h>

#include "context.h"
#include "office.h"
#include "text.h"

/* What forms print beside the name for the seal or signature. */
static const char *const seal_words[] = {"盖章", "公章", "印章", "签章", "签字", "签名", "单位章"};

static int has_seal_word(const char *s, size_t len)
{
    for (size_t i = 0; i < sizeof seal_words / sizeof seal_words[0]; i++)
        if (memmem(s, len, seal_words[i], strlen(seal_words[i])))
            return 1;
    return 0;
}

/* Brackets a seal note stands in once folded: () [] 【】 〔〕. */
static const char *closing_of(const char *p, size_t *open_len)
{
    static const char *const pairs[][2] = {{"(", ")"}, {"[", "]"}, {"【", "】"}, {"〔", "〕"}};
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        size_t n = strlen(pairs[i][0]);
        if (strncmp(p, pairs[i][0], n) == 0) {
            *open_len = n;
            return pairs[i][1];
        }
    }
    return NULL;
}

/* Drops bracketed seal notes anywhere and bare seal words at either end. */
static size_t drop_seal_notes(char *s, size_t len)
{
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        size_t open_len;
        const char *close = closing_of(s + i, &open_len);
        if (close) {
            const char *end = strstr(s + i + open_len, close);
            if (end && has_seal_word(s + i, (size_t)(end - (s + i)))) {
                i = (size_t)(end - s) + strlen(close);
                continue;
            }
        }
        s[o++] = s[i++];
    }
    s[o] = '\0';
    for (size_t w = 0; w < sizeof seal_words / sizeof seal_words[0]; w++) {
        size_t n = strlen(seal_words[w]);
        if (o >= n && strncmp(s, seal_words[w], n) == 0) {
            memmove(s, s + n, o - n + 1);
            o -= n;
        }
        if (o >= n && strcmp(s + o - n, seal_words[w]) == 0)
            s[o -= n] = '\0';
    }
    return o;
}

size_t ogi_agency_key(const ogi_context *ctx, const char *name, char *out, size_t size)
{
    if (size == 0)
        return 0;
    char folded[1024];
    size_t len = ogi_text_fold(ctx ? &ctx->t2s : NULL, name, strlen(name), folded, sizeof folded);
    /* spaces, quotes and the punctuation a label leaves behind */
    static const char *const drop[] = {" ", "\t", "\r", "\n", "\"", "'", "“",
                                       "”", "‘",  "’",  ":",  "：", "·", "•"};
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        size_t skip = 0;
        for (size_t d = 0; d < sizeof drop / sizeof drop[0] && !skip; d++)
            if (strncmp(folded + i, drop[d], strlen(drop[d])) == 0)
                skip = strlen(drop[d]);
        if (skip) {
            i += skip;
            continue;
        }
        folded[o++] = folded[i++];
    }
    folded[o] = '\0';
    o = drop_seal_notes(folded, o);
    if (o >= size)
        o = size - 1;
    /* never cut a character in two */
    while (o > 0 && ((unsigned char)folded[o] & 0xC0) == 0x80)
        o--;
    memcpy(out, folded, o);
    out[o] = '\0';
    return o;
}
