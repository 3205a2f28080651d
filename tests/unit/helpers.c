/* helpers.c - the unit tests' shared builders and readers (helpers.h). */
#include "helpers.h"

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <zip.h>

#include "context.h"

/* The context of the running test file: cmocka's group set-up has no
 * other place to leave it for tests that take no state. */
static ogi_context *shared_context;

int helper_context_setup(void **state)
{
    (void)state;
    return ogi_context_new(&shared_context) == OGI_OK ? 0 : -1;
}

int helper_context_teardown(void **state)
{
    (void)state;
    ogi_context_free(shared_context);
    shared_context = NULL;
    return 0;
}

ogi_context *helper_context(void)
{
    return shared_context;
}

const ogi_template *helper_template(const char *id)
{
    for (size_t i = 0; i < shared_context->ntemplates; i++)
        if (strcmp(shared_context->templates[i]->id, id) == 0)
            return shared_context->templates[i];
    fail_msg("no template %s", id);
    return NULL;
}

size_t helper_add_sheet(ogi_book *book, const char *name)
{
    assert_non_null(ogi_book_add_sheet(book, name, strlen(name)));
    return book->nsheets - 1;
}

void helper_put_text(ogi_book *book, size_t sheet, uint32_t row, uint32_t col, const char *text)
{
    assert_int_equal(ogi_sheet_set_text(book, sheet, row, col, text, strlen(text), 0), OGI_OK);
}

void helper_put_rows(ogi_book *book, size_t sheet, uint32_t row0, uint32_t col0,
                     const char *const *rows, size_t n)
{
    for (size_t r = 0; r < n; r++) {
        const char *p = rows[r];
        uint32_t c = col0;
        for (;;) {
            const char *bar = strchr(p, '|');
            size_t len = bar ? (size_t)(bar - p) : strlen(p);
            if (len > 0) {
                char buf[512];
                assert_true(len < sizeof buf);
                memcpy(buf, p, len);
                buf[len] = '\0';
                char *end;
                double v = strtod(buf, &end);
                if (*end == '\0')
                    assert_int_equal(ogi_sheet_set_number(book, sheet, row0 + (uint32_t)r, c, v, 0),
                                     OGI_OK);
                else
                    assert_int_equal(
                        ogi_sheet_set_text(book, sheet, row0 + (uint32_t)r, c, buf, len, 0),
                        OGI_OK);
            }
            if (!bar)
                break;
            p = bar + 1;
            c++;
        }
    }
}

void helper_biff_record(helper_biff *s, uint16_t type, const unsigned char *data, uint16_t len)
{
    assert_true(s->n + 4 + len <= sizeof s->b);
    s->b[s->n++] = (unsigned char)(type & 0xFF);
    s->b[s->n++] = (unsigned char)(type >> 8);
    s->b[s->n++] = (unsigned char)(len & 0xFF);
    s->b[s->n++] = (unsigned char)(len >> 8);
    if (len)
        memcpy(s->b + s->n, data, len);
    s->n += len;
}

void helper_biff_bof(helper_biff *s, uint16_t kind)
{
    unsigned char d[16] = {0x00, 0x06, (unsigned char)(kind & 0xFF), (unsigned char)(kind >> 8)};
    helper_biff_record(s, 0x0809, d, sizeof d);
}

unsigned char *helper_make_zip(const helper_part *parts, size_t *len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    assert_non_null(src);
    zip_source_keep(src);
    zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    assert_non_null(z);
    for (const helper_part *p = parts; p->name; p++) {
        zip_source_t *s = zip_source_buffer(z, p->data, strlen(p->data), 0);
        assert_non_null(s);
        assert_true(zip_file_add(z, p->name, s, ZIP_FL_ENC_UTF_8) >= 0);
    }
    assert_int_equal(zip_close(z), 0);
    assert_int_equal(zip_source_open(src), 0);
    assert_int_equal(zip_source_seek(src, 0, SEEK_END), 0);
    zip_int64_t size = zip_source_tell(src);
    assert_true(size > 0);
    assert_int_equal(zip_source_seek(src, 0, SEEK_SET), 0);
    unsigned char *data = malloc((size_t)size);
    assert_non_null(data);
    assert_int_equal(zip_source_read(src, data, (zip_uint64_t)size), size);
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&ze);
    *len = (size_t)size;
    return data;
}

helper_zip_entry *helper_read_zip(const char *path, size_t *n)
{
    *n = 0;
    int zerr = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
    if (!z)
        return NULL;
    zip_int64_t count = zip_get_num_entries(z, 0);
    helper_zip_entry *entries = calloc(count > 0 ? (size_t)count : 1, sizeof *entries);
    assert_non_null(entries);
    for (zip_int64_t i = 0; i < count; i++) {
        zip_stat_t st;
        assert_int_equal(zip_stat_index(z, (zip_uint64_t)i, 0, &st), 0);
        helper_zip_entry *e = &entries[i];
        e->name = strdup(st.name);
        e->len = (size_t)st.size;
        e->data = malloc(e->len + 1);
        assert_non_null(e->name);
        assert_non_null(e->data);
        zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)i, 0);
        assert_non_null(f);
        assert_int_equal(zip_fread(f, e->data, e->len), (zip_int64_t)e->len);
        e->data[e->len] = '\0';
        zip_fclose(f);
    }
    zip_discard(z);
    *n = (size_t)count;
    return entries;
}

void helper_free_zip(helper_zip_entry *entries, size_t n)
{
    for (size_t i = 0; entries && i < n; i++) {
        free(entries[i].name);
        free(entries[i].data);
    }
    free(entries);
}

char *helper_temp_dir(void)
{
    const char *tmp = getenv("TMPDIR");
    char *dir = malloc(4096);
    assert_non_null(dir);
    snprintf(dir, 4096, "%s/ogi-unit.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    assert_non_null(mkdtemp(dir));
    return dir;
}

void helper_remove_dir(char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        char path[8192];
        while ((e = readdir(d)))
            if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
                snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
                unlink(path);
            }
        closedir(d);
    }
    rmdir(dir);
    free(dir);
}
