/* file.c: the one way the library reads a whole file (workbooks and
 * loaded templates): each refusal has its own error, a file is read whole
 * and NUL-terminated, and a refusal leaves nothing to free. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "file.h"
#include "helpers.h"

static void write_file(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static void test_reads_whole_files_and_refuses_the_rest(void **state)
{
    (void)state;
    char *dir = helper_temp_dir();
    char path[4200];
    unsigned char *data = (unsigned char *)"not touched";
    size_t len = 99;

    snprintf(path, sizeof path, "%s/t.tsv", dir);
    write_file(path, "表三\t0\n\0after", 14); /* a NUL inside is kept, and one after */
    assert_int_equal(ogi_file_read(path, 1000, &data, &len), OGI_OK);
    assert_int_equal(len, 14);
    assert_memory_equal(data, "表三\t0\n\0after", 14);
    assert_int_equal(data[14], '\0');
    free(data);

    /* a byte over the limit is too large; at the limit it is read */
    assert_int_equal(ogi_file_read(path, 13, &data, &len), OGI_ERROR_TOO_LARGE);
    assert_null(data);
    assert_int_equal(len, 0);
    assert_int_equal(ogi_file_read(path, 14, &data, &len), OGI_OK);
    free(data);

    snprintf(path, sizeof path, "%s/empty.xls", dir);
    write_file(path, "", 0);
    assert_int_equal(ogi_file_read(path, 1000, &data, &len), OGI_ERROR_EMPTY_FILE);
    assert_null(data);
    assert_int_equal(ogi_file_read(dir, 1000, &data, &len), OGI_ERROR_IS_DIRECTORY);
    snprintf(path, sizeof path, "%s/missing.xls", dir);
    assert_int_equal(ogi_file_read(path, 1000, &data, &len), OGI_ERROR_NOT_FOUND);
    assert_int_equal(ogi_file_read("/dev/null", 1000, &data, &len), OGI_ERROR_READ);
    assert_null(data);
    helper_remove_dir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reads_whole_files_and_refuses_the_rest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
