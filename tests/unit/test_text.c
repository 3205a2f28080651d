/* Label normalisation: the wording variants a submitter writes compare
 * equal to the template's label. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <opencc/opencc.h>
#include <pthread.h>
#include <unistd.h>

#include "text.h"

extern const char *const ogi_builtin_templates[];
extern const char ogi_t2s_data_dir[];

size_t numbering_prefix(const char *s, size_t len);
size_t trailing_annotation(const char *s, size_t len);

static ogi_t2s_map map;

static int setup(void **state)
{
    (void)state;
    return ogi_t2s_map_build(&map) == OGI_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    ogi_t2s_map_free(&map);
    return 0;
}

static const char *norm(const char *s)
{
    static char buf[512];
    ogi_label_norm(&map, s, strlen(s), buf, sizeof buf);
    return buf;
}

static void test_traditional(void **state)
{
    (void)state;
    assert_string_equal(norm("規範性文件"), "规范性文件");
    assert_string_equal(norm("（七）總計"), "总计");
    assert_string_equal(norm("二、上年結轉政府信息公開申請數量"), "上年结转政府信息公开申请数量");
    assert_string_equal(norm("萬"), "万");
}

static const char *fold(const ogi_t2s_map *m, const char *s)
{
    static char buf[512];
    ogi_text_fold(m, s, strlen(s), buf, sizeof buf);
    return buf;
}

/* OpenCC reads a character by the phrase it is in (checked with the
 * opencc command line tool, `opencc -c t2s`): 覆 is 复 in 答覆 and 反覆 but
 * stays in 覆蓋; 乾 is 干 in 乾淨 and 乾燥 but stays in 乾隆. */
static void test_phrases(void **state)
{
    (void)state;
    assert_string_equal(norm("答覆"), "答复");
    assert_string_equal(norm("反覆"), "反复");
    assert_string_equal(norm("覆蓋"), "覆盖");
    assert_string_equal(norm("乾淨"), "干净");
    assert_string_equal(norm("乾燥"), "干燥");
    assert_string_equal(norm("乾隆"), "乾隆");
    assert_string_equal(norm("然後"), "然后");
    assert_string_equal(norm("於是"), "于是");
    assert_string_equal(norm("（五）不予處理 4.無正當理由大量反覆申請"),
                        "不予处理4.无正当理由大量反复申请");
    assert_string_equal(norm("4.無正當理由大量反覆申請"), "无正当理由大量反复申请");
    /* a phrase broken over two lines is still one phrase */
    assert_string_equal(norm("大量反\n覆申請"), "大量反复申请");
    /* a title keeps its spaces, and is converted as a whole too */
    assert_string_equal(fold(&map, "政府信息公開 答覆"), "政府信息公开 答复");
    assert_string_equal(fold(NULL, "答覆"), "答覆");
}

/* The same texts through OpenCC's own command line tool: what ogi makes of
 * a label is exactly what OpenCC's t2s makes of it. */
static void test_same_as_opencc_tool(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "答覆",
        "反覆",
        "覆蓋",
        "乾淨",
        "乾隆",
        "後來",
        "於是",
        "覆核",
        "行政復議",
        "複議後起訴",
        "屬於國家祕密",
        "補正後申請內容仍不明確",
        "無正當理由大量反覆申請",
        "頭髮",
        "麵條",
        "發表",
        "乾杯",
        "理髮",
        "天後",
        "皇后",
        "著名",
        "著作",
        "覆蓋面",
        "顛覆",
        "答覆函",
        "反覆無常",
        "收發",
    };
    char in[] = "/tmp/ogi-test-t2s.XXXXXX";
    int fd = mkstemp(in);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
        fprintf(f, "%s\n", texts[i]);
    fclose(f);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "opencc -c t2s -i %s", in);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char line[512], ours[512];
    size_t n = 0;
    while (fgets(line, sizeof line, p)) {
        line[strcspn(line, "\n")] = '\0';
        assert_true(n < sizeof texts / sizeof *texts);
        ogi_t2s_convert(&map, texts[n], strlen(texts[n]), ours, sizeof ours);
        assert_string_equal(ours, line);
        n++;
    }
    int status = pclose(p);
    unlink(in);
    assert_int_equal(status, 0);
    assert_int_equal(n, sizeof texts / sizeof *texts);
}

/* Every character OpenCC changes on its own is in the build-time set, so
 * a text the set calls unchanged is unchanged (phrases: test_phrases). */
static void test_set_holds_every_changed_character(void **state)
{
    (void)state;
    static const uint32_t blocks[][2] = {
        {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}, {0x20000, 0x2A6DF}};
    size_t count = 0;
    for (size_t b = 0; b < 4; b++)
        count += blocks[b][1] - blocks[b][0] + 1;
    char *in = malloc(count * 5);
    assert_non_null(in);
    size_t len = 0;
    for (size_t b = 0; b < 4; b++)
        for (uint32_t cp = blocks[b][0]; cp <= blocks[b][1]; cp++) {
            len += ogi_utf8_encode(cp, in + len);
            in[len++] = '\n';
        }
    char config[512];
    snprintf(config, sizeof config, "%s/t2s.json", ogi_t2s_data_dir);
    opencc_t od = opencc_open(config);
    assert_true(od != (opencc_t)-1);
    char *out = opencc_convert_utf8(od, in, len);
    assert_non_null(out);
    size_t changed = 0, flagged = 0;
    const char *p = in, *q = out;
    for (size_t i = 0; i < count; i++) {
        const char *pe = strchr(p, '\n'), *qe = strchr(q, '\n');
        assert_non_null(pe);
        assert_non_null(qe);
        int needed = ogi_t2s_needed(&map, p, (size_t)(pe - p));
        flagged += needed;
        if ((size_t)(pe - p) != (size_t)(qe - q) || memcmp(p, q, (size_t)(pe - p)) != 0) {
            changed++;
            if (!needed)
                fail_msg("%.*s is changed by OpenCC but not in the set", (int)(pe - p), p);
        }
        p = pe + 1;
        q = qe + 1;
    }
    opencc_convert_utf8_free(out);
    opencc_close(od);
    free(in);
    assert_true(changed > 2500);
    /* and the set is compact: the characters changed alone, and the few
     * that only a phrase changes (覆, 乾, ...) */
    assert_true(flagged >= changed && flagged < changed + 400);
}

/* Every phrase OpenCC's t2s changes holds a character of the set, read from
 * OpenCC's phrase dictionary with OpenCC's own opencc_dict (覆 is in the set
 * only through 答覆, 反覆...). */
static void test_set_holds_every_changed_phrase(void **state)
{
    (void)state;
    char dump[] = "/tmp/ogi-test-phrases.XXXXXX";
    int fd = mkstemp(dump);
    assert_true(fd >= 0);
    close(fd);
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "opencc_dict -i '%s/TSPhrases.ocd2' -o '%s' -f ocd2 -t text",
             ogi_t2s_data_dir, dump);
    assert_int_equal(system(cmd), 0);
    FILE *f = fopen(dump, "r");
    assert_non_null(f);
    char line[1024];
    size_t changing = 0, fanfu = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        *tab = '\0';
        const char *key = line, *first = tab + 1;
        size_t first_len = strcspn(first, " ");
        if (strlen(key) == first_len && memcmp(key, first, first_len) == 0)
            continue;
        changing++;
        fanfu += strcmp(key, "反覆") == 0;
        if (!ogi_t2s_needed(&map, key, strlen(key)))
            fail_msg("OpenCC changes %s but no character of it is in the set", key);
    }
    fclose(f);
    unlink(dump);
    assert_true(changing > 100);
    assert_int_equal(fanfu, 1);
}

/* Labels written in simplified characters (all the statutory ones) never
 * reach OpenCC, which is then not even opened. */
static void test_simplified_never_calls_opencc(void **state)
{
    (void)state;
    ogi_t2s_map fresh;
    assert_int_equal(ogi_t2s_map_build(&fresh), OGI_OK);
    char buf[1024];
    size_t lines = 0;
    for (size_t t = 0; ogi_builtin_templates[t]; t++) {
        const char *text = ogi_builtin_templates[t];
        while (*text) {
            size_t len = strcspn(text, "\n");
            ogi_label_norm(&fresh, text, len, buf, sizeof buf);
            assert_int_equal(ogi_t2s_needed(&fresh, text, len), 0);
            text += len + (text[len] == '\n');
            lines++;
        }
    }
    assert_true(lines > 100);
    assert_int_equal(ogi_t2s_needed(&fresh, "行政复议答复", strlen("行政复议答复")), 0);
    assert_int_equal(ogi_t2s_needed(&fresh, "覆盖", strlen("覆盖")), 1);
    assert_int_equal(ogi_t2s_opencc_calls(&fresh), 0);
    assert_int_equal(ogi_t2s_cached(&fresh), 0);
    ogi_t2s_map_free(&fresh);
}

/* A text seen before is not converted again; a variant that folds to the
 * same text (a space more) is the same text. The cache's key is the text
 * as given to OpenCC, numbering included. */
static void test_cache(void **state)
{
    (void)state;
    ogi_t2s_map fresh;
    assert_int_equal(ogi_t2s_map_build(&fresh), OGI_OK);
    char buf[256];
    const char *label = "4.無正當理由大量反覆申請";
    for (int i = 0; i < 3; i++) {
        ogi_label_norm(&fresh, label, strlen(label), buf, sizeof buf);
        assert_string_equal(buf, "无正当理由大量反复申请");
    }
    assert_int_equal(ogi_t2s_opencc_calls(&fresh), 1);
    const char *spaced = "4. 無正當理由大量反 覆申請";
    ogi_label_norm(&fresh, spaced, strlen(spaced), buf, sizeof buf);
    assert_string_equal(buf, "无正当理由大量反复申请");
    assert_int_equal(ogi_t2s_opencc_calls(&fresh), 1);
    ogi_label_norm(&fresh, "答覆", strlen("答覆"), buf, sizeof buf);
    assert_string_equal(buf, "答复");
    assert_int_equal(ogi_t2s_opencc_calls(&fresh), 2);
    assert_int_equal(ogi_t2s_cached(&fresh), 2);
    /* a cut copy of a cached conversion ends on a whole character */
    char small[8];
    ogi_t2s_convert(&fresh, "答覆", strlen("答覆"), small, 5);
    assert_string_equal(small, "答");
    assert_int_equal(ogi_t2s_convert(&fresh, "答覆", strlen("答覆"), small, sizeof small), 6);
    assert_string_equal(small, "答复");
    ogi_t2s_map_free(&fresh);
}

/* Installed data that differs from the build's: the set is not trusted
 * and every non-ASCII text goes through OpenCC, which leaves simplified
 * text as it is. */
static void test_distrusted_data(void **state)
{
    (void)state;
    ogi_t2s_map fresh;
    assert_int_equal(ogi_t2s_map_build(&fresh), OGI_OK);
    ogi_t2s_distrust(&fresh);
    assert_string_equal(fold(&fresh, "行政复议"), "行政复议");
    assert_string_equal(fold(&fresh, "反覆"), "反复");
    assert_string_equal(fold(&fresh, "ABC 123"), "ABC 123");
    assert_int_equal(ogi_t2s_opencc_calls(&fresh), 2);
    ogi_t2s_map_free(&fresh);
}

/* `ogi check -j` normalises labels on several threads over one map. */
static const char *const thread_labels[][2] = {
    {"4.無正當理由大量反覆申請", "无正当理由大量反复申请"},
    {"（三）行政復議答覆", "行政复议答复"},
    {"覆蓋", "覆盖"},
    {"乾淨", "干净"},
    {"本年新收政府信息公开申请数量", "本年新收政府信息公开申请数量"},
    {"二、上年結轉政府信息公開申請數量", "上年结转政府信息公开申请数量"},
    {"补正后申请内容仍不明确", "补正后申请内容仍不明确"},
    {"補正後申請內容仍不明確", "补正后申请内容仍不明确"},
};

typedef struct thread_arg {
    ogi_t2s_map *map;
    int failures;
} thread_arg;

static void *normalise_many(void *p)
{
    thread_arg *arg = p;
    char buf[256];
    size_t n = sizeof thread_labels / sizeof *thread_labels;
    for (int round = 0; round < 300; round++)
        for (size_t i = 0; i < n; i++) {
            const char *in = thread_labels[(i + (size_t)round) % n][0];
            const char *want = thread_labels[(i + (size_t)round) % n][1];
            ogi_label_norm(arg->map, in, strlen(in), buf, sizeof buf);
            arg->failures += strcmp(buf, want) != 0;
        }
    return NULL;
}

static void test_threads(void **state)
{
    (void)state;
    ogi_t2s_map shared;
    assert_int_equal(ogi_t2s_map_build(&shared), OGI_OK);
    enum { NTHREADS = 6 };
    pthread_t threads[NTHREADS];
    thread_arg args[NTHREADS];
    for (int i = 0; i < NTHREADS; i++) {
        args[i] = (thread_arg){&shared, 0};
        assert_int_equal(pthread_create(&threads[i], NULL, normalise_many, &args[i]), 0);
    }
    for (int i = 0; i < NTHREADS; i++) {
        pthread_join(threads[i], NULL);
        assert_int_equal(args[i].failures, 0);
    }
    /* six distinct traditional texts, each converted once in all */
    assert_int_equal(ogi_t2s_opencc_calls(&shared), 6);
    assert_int_equal(ogi_t2s_cached(&shared), 6);
    ogi_t2s_map_free(&shared);
}

static void test_numbering(void **state)
{
    (void)state;
    assert_string_equal(norm("一、本年新收政府信息公开申请数量"), "本年新收政府信息公开申请数量");
    assert_string_equal(norm("（三）不予公开"), "不予公开");
    assert_string_equal(norm("(3)不予公开"), "不予公开");
    assert_string_equal(norm("3.危及“三安全一稳定”"), "危及三安全一稳定");
    assert_string_equal(norm("3、重复申请"), "重复申请");
    assert_string_equal(norm("３．重复申请"), "重复申请");
    assert_string_equal(norm("三、（一）予以公开"), "予以公开");
    /* numbering in any bracket form is numbering */
    assert_string_equal(norm("[七]总计"), "总计");
    assert_string_equal(norm("［七］总计"), "总计");
    assert_string_equal(norm("【七】总计"), "总计");
    assert_string_equal(norm("〔7〕总计"), "总计");
    assert_string_equal(norm("〖七〗总计"), "总计");
    assert_string_equal(norm("｛七｝总计"), "总计");
    assert_string_equal(norm("<七>总计"), "总计");
    assert_string_equal(norm("〈七〉总计"), "总计");
    /* a bracket closed by another kind, or holding words, is no numbering */
    assert_string_equal(norm("[七)总计"), "[七)总计");
    assert_string_equal(norm("【注】总计"), "【注】总计");
    /* a number is not numbering */
    assert_string_equal(norm("2019年"), "2019年");
    assert_int_equal(numbering_prefix("2.5万", 5), 0);
}

static unsigned number(const char *s)
{
    return ogi_label_number(s, strlen(s));
}

/* A label's own number: the last numbering written in it, any form. */
static void test_label_number(void **state)
{
    (void)state;
    assert_int_equal(number("（三）不予公开 1.属于国家秘密"), 1);
    assert_int_equal(number("（七）总计"), 7);
    assert_int_equal(number("[八]其他"), 8);
    assert_int_equal(number("【十二】其他"), 12);
    assert_int_equal(number("二十一、其他"), 21);
    assert_int_equal(number("３．重复申请"), 3);
    assert_int_equal(number("③重复申请"), 3);
    assert_int_equal(number("第二项 上年结转申请数量"), 2);
    assert_int_equal(number("二、上一年度结转的政府信息公开申请"), 2);
    assert_int_equal(number("不予公开1.属于国家秘密的"), 1);
    /* no numbering: words and figures are not numbers */
    assert_int_equal(number("属于三类内部事务信息"), 0);
    assert_int_equal(number("对外公开总数量（自2008年起）"), 0);
    assert_int_equal(number("本年收费金额（单位：万元）"), 0);
    assert_int_equal(number("增长2.5倍"), 0);
    assert_int_equal(number(""), 0);
}

static void test_spaces_and_width(void **state)
{
    (void)state;
    assert_string_equal(norm("结果 维持"), "结果维持");
    assert_string_equal(norm("尚 未 审 结"), "尚未审结");
    assert_string_equal(norm("本年新\n制作数量"), "本年新制作数量");
    assert_string_equal(norm("\xE3\x80\x80自然人\xC2\xA0"), "自然人");
}

static void test_annotations(void **state)
{
    (void)state;
    assert_string_equal(norm("规章(设区的市、自治州人民政府应提供相关数据)"), "规章");
    assert_string_equal(norm("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
                        "部分公开");
    assert_string_equal(norm("对外公开总数量（自2014年至今）"), "对外公开总数量");
    /* a note in any bracket form a note is written in */
    assert_string_equal(norm("总计〔单位：件〕"), "总计");
    assert_string_equal(norm("其他［件］"), "其他");
    assert_string_equal(norm("其他【数据来源：登记台账】"), "其他");
    assert_string_equal(norm("自然人〖注〗"), "自然人");
    /* ...only at the end, and only a closed pair */
    assert_string_equal(norm("【七】总计"), "总计");
    assert_string_equal(norm("总计【件"), "总计【件");
    assert_string_equal(norm("总计《条例》"), "总计《条例》");
    /* a label that is all annotation keeps its text */
    const char *note = "(本列数据的勾稽关系为)";
    assert_int_equal(trailing_annotation(note, strlen(note)), strlen(note));
}

static void test_wording_variants(void **state)
{
    (void)state;
    /* 其它 and 其他 are one word; the rest of the label is untouched */
    assert_string_equal(norm("其它对外管理服务事项"), "其他对外管理服务事项");
    assert_string_equal(norm("（六）其它处理"), "其他处理");
    assert_string_equal(norm("其它"), "其他");
    assert_string_equal(norm("它"), "它");
    /* half-width punctuation inside a label, a line break in a word */
    assert_string_equal(norm("3. 危及\"三安全一稳\n定\""), "危及三安全一稳定");
    assert_string_equal(norm("(二)部分公开(区分处理的,只计这一情形,不计其他情形)"), "部分公开");
    /* pinyin glosses a web page's converter added ("數(shù)"), seed 002 */
    assert_string_equal(norm("對外公開總數(shù)量"), "对外公开总数量");
    assert_string_equal(norm("二、上年結轉(zhuǎn)政府信息公開申請數(shù)量"),
                        "上年结转政府信息公开申请数量");
    /* only letters of pinyin, only after an ideograph */
    assert_string_equal(norm("属于(a1)国家秘密"), "属于(a1)国家秘密");
    assert_string_equal(norm("3(ab)国家秘密"), "3(ab)国家秘密");
    /* traditional and full-width together */
    assert_string_equal(norm("（１）本年新收政府信息公開申請數量"), "本年新收政府信息公开申请数量");
}

static void test_utf8(void **state)
{
    (void)state;
    uint32_t cp;
    assert_int_equal(ogi_utf8_decode("\xE4\xB8\x87", 3, &cp), 3);
    assert_int_equal(cp, 0x4E07);
    assert_int_equal(ogi_utf8_decode("\xE4\xB8", 2, &cp), 1);
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(ogi_utf8_length("万元", strlen("万元")), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_traditional),
        cmocka_unit_test(test_phrases),
        cmocka_unit_test(test_same_as_opencc_tool),
        cmocka_unit_test(test_set_holds_every_changed_character),
        cmocka_unit_test(test_set_holds_every_changed_phrase),
        cmocka_unit_test(test_simplified_never_calls_opencc),
        cmocka_unit_test(test_cache),
        cmocka_unit_test(test_distrusted_data),
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_numbering),
        cmocka_unit_test(test_label_number),
        cmocka_unit_test(test_spaces_and_width),
        cmocka_unit_test(test_annotations),
        cmocka_unit_test(test_wording_variants),
        cmocka_unit_test(test_utf8),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
