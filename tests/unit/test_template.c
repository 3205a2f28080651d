/*
 * test_template.c - the template's lookups by id (template.c): the index of
 * cells that replaced a linear scan (docs/performance.md, "Start-up"), the
 * ids built without printf, and the checks' keys.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "context.h"
#include "helpers.h"
#include "ogi.h"
#include "template.h"

static ogi_template *parse(const char *text)
{
    ogi_template *t = NULL;
    size_t line = 0;
    ogi_error err = ogi_template_parse(&helper_context()->t2s, text, &t, &line);
    if (err != OGI_OK)
        fail_msg("template refused at line %zu: %s", line, ogi_strerror(err, OGI_LANG_EN));
    return t;
}

/* Every cell of both built-in formats is found by its id, at its own
 * index, and its id is table.row.col (table.col without rows), as the
 * rules and the JSON name it. */
static void test_builtin_cells_by_id(void **state)
{
    (void)state;
    for (size_t k = 0; k < 2; k++) {
        const ogi_template *t = helper_template(k ? "ogi-2021" : "ogi-2019");
        assert_non_null(t);
        assert_true(t->ncells > 100);
        for (size_t i = 0; i < t->ncells; i++) {
            const ogi_tcell *cell = &t->cells[i];
            const ogi_tblock *blk = &t->blocks[cell->block];
            char want[256];
            if (cell->row == OGI_NONE)
                snprintf(want, sizeof want, "%s.%s", t->tables[blk->table].id,
                         blk->cols[cell->col].id);
            else
                snprintf(want, sizeof want, "%s.%s.%s", t->tables[blk->table].id,
                         blk->rows[cell->row].id, blk->cols[cell->col].id);
            assert_string_equal(cell->id, want);
            assert_int_equal(ogi_template_cell(t, cell->id), i);
        }
    }
    const ogi_template *t = helper_template("ogi-2021");
    assert_int_not_equal(ogi_template_cell(t, "t3.new.person"), OGI_NONE);
    /* near misses: a prefix, a longer id, another table, nothing */
    static const char *const absent[] = {
        "t3.new", "t3.new.person.", "t3.new.personx", "t9.new.person", "t3", "", "."};
    for (size_t i = 0; i < sizeof absent / sizeof *absent; i++)
        assert_int_equal(ogi_template_cell(t, absent[i]), OGI_NONE);
}

/* Enough cells that ids share slots of the index: each is still found,
 * and a rule over all of them names each one (its key rule:item). */
static void test_many_cells_and_rule_keys(void **state)
{
    (void)state;
    size_t cap = 1 << 16, n = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    n += (size_t)snprintf(text + n, cap - n, "format\tmany\ntable\tt\t表\tTable\nblock\tb\n");
    for (int c = 0; c < 8; c++)
        n += (size_t)snprintf(text + n, cap - n, "col\tc%d\tcount\t列%d\n", c, c);
    for (int r = 0; r < 200; r++)
        n += (size_t)snprintf(text + n, cap - n, "row\tr%d\t行%d\n", r, r);
    n += (size_t)snprintf(text + n, cap - n, "block\tflat\ncol\tonly\tcount\t唯一\n");
    n += (size_t)snprintf(text + n, cap - n,
                          "rule\tsum\terror\tc0,c1,c2,c3,c4,c5,c6,c7\tleft\tt.r0.{} = t.r1.{} + "
                          "t.r2.{}\n"
                          "msg\tsum\t和\tsum\n");
    ogi_template *t = parse(text);
    assert_int_equal(t->ncells, 200 * 8 + 1);
    assert_true(t->ncell_slots >= 2 * t->ncells);
    for (int r = 0; r < 200; r++)
        for (int c = 0; c < 8; c++) {
            char id[32];
            snprintf(id, sizeof id, "t.r%d.c%d", r, c);
            size_t i = ogi_template_cell(t, id);
            assert_int_equal(i, (size_t)r * 8 + (size_t)c);
        }
    /* a block without rows: its one cell is table.col */
    assert_int_equal(ogi_template_cell(t, "t.only"), 200 * 8);
    assert_int_equal(ogi_template_cell(t, "t.r200.c0"), OGI_NONE);
    assert_int_equal(t->nchecks, 8);
    for (size_t k = 0; k < 8; k++) {
        char key[32];
        snprintf(key, sizeof key, "sum:c%zu", k);
        assert_string_equal(t->checks[k].key, key);
        assert_int_equal(t->checks[k].nterms, 3);
        assert_int_equal(t->checks[k].terms[0].cell, k);
        assert_int_equal(t->checks[k].terms[2].cell, 2 * 8 + k);
    }
    ogi_template_free(t);
    free(text);
}

/* The same row and column ids in two blocks of a table: the id names the
 * first block's cell, as it did when cells were scanned in order. */
static void test_repeated_id_is_the_first(void **state)
{
    (void)state;
    ogi_template *t = parse("format\trep\ntable\tt\t表\tTable\n"
                            "block\tb1\ncol\tc\tcount\t列\nrow\tr\t行\n"
                            "block\tb2\ncol\tc\tcount\t列二\nrow\tr\t行二\n");
    assert_int_equal(t->ncells, 2);
    assert_string_equal(t->cells[1].id, "t.r.c");
    assert_int_equal(ogi_template_cell(t, "t.r.c"), 0);
    ogi_template_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtin_cells_by_id),
        cmocka_unit_test(test_many_cells_and_rule_keys),
        cmocka_unit_test(test_repeated_id_is_the_first),
    };
    return cmocka_run_group_tests(tests, helper_context_setup, helper_context_teardown);
}
