/*
 * fuzz_check.c - libFuzzer harness over the whole path of `ogi convert`:
 * bytes -> book -> report -> JSON, text and the marked-up workbook,
 * written to a folder of the harness's own. `make fuzz` runs it.
 *
 * Besides the sanitizers' checks it asserts what docs/security.md
 * promises: a refusal leaves nothing in the output folder, a written
 * workbook is a whole file, and no temporary file stays behind.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ogi.h"

typedef struct harness {
    ogi_context *ctx;
    char outdir[64];
    char out[96];
} harness;

static harness fuzz; /* the harness's own set-up, built once */

static void remove_outdir(void)
{
    unlink(fuzz.out);
    rmdir(fuzz.outdir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (ogi_context_new(&fuzz.ctx) != OGI_OK)
        abort();
    /* small limits keep each run short; the limits' own paths get fuzzed */
    ogi_limits limits = {1u << 20, 200000, 32767, 10};
    ogi_context_set_limits(fuzz.ctx, &limits);
    /* tmpfs when there is one: the writer's fsync would dominate the run */
    struct stat st;
    const char *base = stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) ? "/dev/shm" : "/tmp";
    snprintf(fuzz.outdir, sizeof fuzz.outdir, "%s/ogi-fuzz-out-XXXXXX", base);
    if (!mkdtemp(fuzz.outdir))
        abort();
    snprintf(fuzz.out, sizeof fuzz.out, "%s/out.checked.xlsx", fuzz.outdir);
    atexit(remove_outdir);
    return 0;
}

/* The paths read are files: give ogi the bytes as a memfd. */
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

/* Entries of the output folder: 0 after a refusal, 1 after a write. */
static int outdir_entries(void)
{
    DIR *d = opendir(fuzz.outdir);
    if (!d)
        abort();
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

static void convert(const ogi_report *report, const ogi_book *book)
{
    ogi_write_options wo = {OGI_LANG_ZH, "2026-01-01T00:00:00"};
    ogi_error err = ogi_write_xlsx(report, book, fuzz.out, &wo);
    struct stat st;
    if (err == OGI_OK) {
        /* a whole .xlsx: a zip that starts with a local header */
        if (stat(fuzz.out, &st) != 0 || st.st_size < 22 || outdir_entries() != 1)
            abort();
        unlink(fuzz.out);
    } else if (outdir_entries() != 0) {
        abort(); /* a refusal left something behind */
    }
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
    if (ogi_book_open(fuzz.ctx, path, &book) == OGI_OK &&
        ogi_check(fuzz.ctx, book, "fuzz.xls", NULL, &report) == OGI_OK) {
        char *text = NULL;
        /* the report of any workbook must be expressible */
        if (ogi_report_json(report, book, &text) != OGI_OK)
            abort();
        free(text);
        if (ogi_report_text(report, book, &text) != OGI_OK)
            abort();
        free(text);
        if (report->status <= OGI_STATUS_FAIL)
            convert(report, book);
    }
    ogi_report_free(report);
    ogi_book_free(book);
    close(fd);
    return 0;
}
