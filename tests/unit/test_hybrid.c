/* test_hybrid.c - mixtures of the built-in templates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <pthread.h>

#include "context.h"
#include "helpers.h"
#include "hybrid.h"
#include "template.h"

static const ogi_trule *rule_named(const ogi_template *t, const char *name)
{
    for (size_t i = 0; i < t->nrules; i++)
        if (strcmp(t->rules[i].name, name) == 0)
            return &t->rules[i];
    return NULL;
}

static void test_every_mixture_is_built(void **state)
{
    (void)state;
    ogi_context *ctx = helper_context();
    /* two formats, three tables: 2^3 - 2 pure ones */
    assert_int_equal(ctx->ntemplates, 2);
    assert_int_equal(ctx->nhybrids, 6);
    for (size_t i = 0; i < ctx->nhybrids; i++) {
        assert_int_equal(ctx->hybrids[i].ntables, 3);
        /* parsed when first asked for, not at start-up */
        assert_null(ctx->hybrids[i].tmpl);
    }
    for (size_t i = 0; i < ctx->nhybrids; i++) {
        const ogi_hybrid *h =
            ogi_hybrid_find(ctx->hybrids, ctx->nhybrids, ctx->hybrids[i].source, 3);
        assert_ptr_equal(h, &ctx->hybrids[i]);
        /* every rule of a pure template is there once */
        assert_int_equal(h->tmpl->nrules, ctx->templates[1]->nrules);
        /* asked again, the same template */
        const ogi_template *first = h->tmpl;
        assert_ptr_equal(ogi_hybrid_find(ctx->hybrids, ctx->nhybrids, h->source, 3)->tmpl, first);
    }
}

static void test_2021_t2_with_2019_t3(void **state)
{
    (void)state;
    ogi_context *ctx = helper_context();
    size_t source[3] = {1, 0, 1};
    const ogi_hybrid *h = ogi_hybrid_find(ctx->hybrids, ctx->nhybrids, source, 3);
    assert_non_null(h);
    const ogi_template *t = h->tmpl;
    assert_string_equal(t->id, "ogi-2021");
    assert_true(ogi_template_cell(t, "t2.rules.issued") != OGI_NONE);
    assert_true(ogi_template_cell(t, "t2.rules.made") == OGI_NONE);
    assert_true(ogi_template_cell(t, "t3.r.other.person") != OGI_NONE);
    assert_true(ogi_template_cell(t, "t3.r.other.other.person") == OGI_NONE);
    /* each table keeps its own version's rules */
    assert_non_null(rule_named(t, "t2.in_force"));
    assert_null(rule_named(t, "t2.published_le_total"));
    assert_non_null(rule_named(t, "t3.result_total"));
    assert_non_null(rule_named(t, "year.carried"));
}

static void test_2019_t2_with_2021_t3(void **state)
{
    (void)state;
    ogi_context *ctx = helper_context();
    size_t source[3] = {0, 1, 1};
    const ogi_hybrid *h = ogi_hybrid_find(ctx->hybrids, ctx->nhybrids, source, 3);
    assert_non_null(h);
    assert_true(ogi_template_cell(h->tmpl, "t2.rules.made") != OGI_NONE);
    assert_true(ogi_template_cell(h->tmpl, "t3.r.other.no_fee.total") != OGI_NONE);
    assert_non_null(rule_named(h->tmpl, "t2.published_le_total"));
    size_t pure[3] = {1, 1, 1};
    assert_null(ogi_hybrid_find(ctx->hybrids, ctx->nhybrids, pure, 3));
}

/* `ogi check -j` threads share the context: the first to need a mixture
 * parses it, once; the others get the same template. */
static void *find_every_mixture(void *arg)
{
    ogi_context *c = arg;
    for (size_t i = 0; i < c->nhybrids; i++) {
        const ogi_hybrid *h = ogi_hybrid_find(c->hybrids, c->nhybrids, c->hybrids[i].source, 3);
        if (h != &c->hybrids[i] || !h->tmpl)
            return arg;
    }
    return NULL;
}

static void test_mixtures_parsed_once_across_threads(void **state)
{
    (void)state;
    ogi_context *fresh;
    assert_int_equal(ogi_context_new(&fresh), OGI_OK);
    pthread_t threads[4];
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&threads[i], NULL, find_every_mixture, fresh), 0);
    const ogi_template *first[6];
    for (size_t i = 0; i < 4; i++) {
        void *failed;
        pthread_join(threads[i], &failed);
        assert_null(failed);
    }
    assert_int_equal(fresh->nhybrids, 6);
    for (size_t i = 0; i < 6; i++) {
        first[i] = fresh->hybrids[i].tmpl;
        assert_non_null(first[i]);
        assert_ptr_equal(find_every_mixture(fresh), NULL);
        assert_ptr_equal(fresh->hybrids[i].tmpl, first[i]);
    }
    ogi_context_free(fresh);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_mixture_is_built),
        cmocka_unit_test(test_2021_t2_with_2019_t3),
        cmocka_unit_test(test_2019_t2_with_2021_t3),
        cmocka_unit_test(test_mixtures_parsed_once_across_threads),
    };
    return cmocka_run_group_tests(tests, helper_context_setup, helper_context_teardown);
}
