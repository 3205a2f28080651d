/* buf.c: the one growable buffer and array of the library. A grower must
 * keep what it holds when it refuses (cap or memory), say which limit it
 * hit, and hand its text over whole. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"

static void test_add_and_take(void **state)
{
    (void)state;
    ogi_buf b = {0};
    assert_int_equal(ogi_buf_add(&b, "年报", strlen("年报")), OGI_OK);
    assert_int_equal(ogi_buf_adds(&b, " 2019"), OGI_OK);
    assert_int_equal(b.len, strlen("年报 2019"));
    assert_string_equal(b.data, "年报 2019");
    /* a long text grows the buffer more than once and keeps every byte */
    char line[1000];
    memset(line, 'x', sizeof line);
    for (int i = 0; i < 50; i++)
        assert_int_equal(ogi_buf_add(&b, line, sizeof line), OGI_OK);
    assert_int_equal(b.len, strlen("年报 2019") + 50 * sizeof line);
    assert_int_equal(b.data[b.len], '\0');
    assert_int_equal(b.data[b.len - 1], 'x');
    char *text = ogi_buf_take(&b);
    assert_non_null(text);
    assert_memory_equal(text, "年报 2019x", strlen("年报 2019x"));
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    free(text);
    /* nothing added: the text is "", never NULL */
    text = ogi_buf_take(&b);
    assert_string_equal(text, "");
    free(text);
}

static void test_cap_keeps_what_was_there(void **state)
{
    (void)state;
    ogi_buf b;
    ogi_buf_init(&b, 8, OGI_ERROR_STRING_TOO_LONG);
    assert_int_equal(ogi_buf_add(&b, "12345", 5), OGI_OK);
    assert_int_equal(ogi_buf_add(&b, "6789", 4), OGI_ERROR_STRING_TOO_LONG);
    assert_string_equal(b.data, "12345"); /* the refused add left no trace */
    assert_int_equal(ogi_buf_add(&b, "678", 3), OGI_OK);
    assert_string_equal(b.data, "12345678");
    assert_int_equal(ogi_buf_printf(&b, "%d", 9), OGI_ERROR_STRING_TOO_LONG);
    assert_string_equal(b.data, "12345678");
    ogi_buf_reset(&b); /* emptied, the cap still holds */
    assert_string_equal(b.data, "");
    assert_int_equal(ogi_buf_add(&b, "123456789", 9), OGI_ERROR_STRING_TOO_LONG);
    ogi_buf_free(&b);
    /* without an error of its own, the cap error is OGI_ERROR_TOO_LARGE */
    ogi_buf_init(&b, 2, OGI_OK);
    assert_int_equal(ogi_buf_add(&b, "abc", 3), OGI_ERROR_TOO_LARGE);
    ogi_buf_free(&b);
}

static void test_printf(void **state)
{
    (void)state;
    ogi_buf b = {0};
    assert_int_equal(ogi_buf_printf(&b, "%s：%d", "表三", 7), OGI_OK);
    assert_string_equal(b.data, "表三：7");
    /* a text longer than the room left is printed whole after growing */
    char big[10000];
    memset(big, 'y', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_int_equal(ogi_buf_printf(&b, "[%s]", big), OGI_OK);
    assert_int_equal(b.len, strlen("表三：7") + 2 + sizeof big - 1);
    assert_int_equal(b.data[b.len - 1], ']');
    assert_int_equal(b.data[strlen("表三：7")], '[');
    ogi_buf_free(&b);
}

static void test_array_reserve(void **state)
{
    (void)state;
    ogi_error err = OGI_OK;
    size_t cap = 0;
    int *v = NULL;
    for (size_t n = 0; n < 5000; n++) {
        int *grown = OGI_ARRAY_RESERVE(v, &cap, n + 1, 0, &err);
        assert_non_null(grown);
        v = grown;
        assert_true(cap >= n + 1);
        v[n] = (int)n;
    }
    for (size_t n = 0; n < 5000; n++)
        assert_int_equal(v[n], (int)n);
    assert_true(cap < 2 * 5000 + 4096); /* doubling, not a waste */
    /* room already there: the same array back, no reallocation */
    assert_ptr_equal(OGI_ARRAY_RESERVE(v, &cap, 10, 0, &err), v);
    free(v);

    /* a cap on elements: past it the array is kept and the error said */
    cap = 0;
    v = NULL;
    int *a = OGI_ARRAY_RESERVE(v, &cap, 3, 3, &err);
    assert_non_null(a);
    assert_int_equal(cap, 3);
    a[0] = 42;
    err = OGI_OK;
    assert_null(OGI_ARRAY_RESERVE(a, &cap, 4, 3, &err));
    assert_int_equal(err, OGI_ERROR_TOO_LARGE);
    assert_int_equal(cap, 3);
    assert_int_equal(a[0], 42);
    /* a size no memory can address is refused, not wrapped around */
    err = OGI_OK;
    assert_null(ogi_array_reserve(a, &cap, SIZE_MAX / 2, 16, 0, &err));
    assert_int_equal(err, OGI_ERROR_TOO_LARGE);
    free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_add_and_take),
        cmocka_unit_test(test_cap_keeps_what_was_there),
        cmocka_unit_test(test_printf),
        cmocka_unit_test(test_array_reserve),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
