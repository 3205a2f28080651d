/*
 * fuzz_check.c - libFuzzer harness over the whole path: bytes -> book ->
 * report -> JSON, text and the marked-up workbook. `make fuzz` runs it.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ogi.h"

static ogi_context *fuzz_ctx; /* the harness's own set-up, built once */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (ogi_context_new(&fuzz_ctx) != OGI_OK)
        abort();
    ogi_limits limits = {1u << 20, 200000, 32767};
    ogi_context_set_limits(fuzz_ctx, &limits);
    return 0;
}

/* freexl reads paths, not memory: give it the bytes as a memfd. */
static int bytes_to_fd(const uint8_t *data, size_t size)
{
    int fd = memfd_create("ogi-fuzz", MFD_CLOEXEC);
    if (fd < 0)
        return -1;
    size_t done = 0;
    while (done < size) {
        ssize_t n = write(fd, data + done, size - done);
        if (n <= 0) {
            close(fd);
            return -1;
        }
        done += (size_t)n;
    }
    return fd;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int fd = bytes_to_fd(data, size);
    if (fd < 0)
        return 0;
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    ogi_book *book = NULL;
    ogi_report *report = NULL;
    if (ogi_book_open(fuzz_ctx, path, &book) == OGI_OK &&
        ogi_check(fuzz_ctx, book, "fuzz.xls", NULL, &report) == OGI_OK) {
        char *text = NULL;
        if (ogi_report_json(report, book, &text) == OGI_OK)
            free(text);
        if (ogi_report_text(report, book, &text) == OGI_OK)
            free(text);
        if (report->status <= OGI_STATUS_FAIL) {
            char out[64];
            snprintf(out, sizeof out, "/dev/shm/ogi-fuzz-%d.xlsx", (int)getpid());
            ogi_write_options wo = {OGI_LANG_ZH, "2026-01-01T00:00:00"};
            ogi_write_xlsx(report, book, out, &wo);
            unlink(out);
        }
    }
    ogi_report_free(report);
    ogi_book_free(book);
    close(fd);
    return 0;
}
