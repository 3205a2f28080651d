/*
 * fuzz_freexl.c - libFuzzer harness: freexl and ogi's own BIFF8 decoder on
 * the same fuzzed bytes (tests/freexl/compare.c). An input both readers
 * accept must give the same cells, but for the kinds of difference the
 * comparison's table documents; any other difference aborts, with the
 * cells named on stderr. `make fuzz-freexl` runs it, with freexl's own
 * leaks suppressed (tests/freexl/freexl.supp), never ogi's.
 */
#include <fcntl.h>
#include <sanitizer/common_interface_defs.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "compare.h"

static ogi_context *ctx; /* the harness's own set-up, built once */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (ogi_context_new(&ctx) != OGI_OK)
        abort();
    /* small limits keep each run short (freexl has none of its own) */
    ogi_limits limits = {1u << 20, 200000, 32767, 10};
    ogi_context_set_limits(ctx, &limits);
    return 0;
}

static void die_quietly(void)
{
    _exit(3);
}

/* Does freexl get through the file without a crash? In a child process:
 * freexl 1.0.6 corrupts its heap on some damaged files (found here: a bad
 * free inside freexl_open), which is freexl's bug, not a finding about
 * ogi. The child leaves no crash file (libFuzzer's death callback is
 * replaced) and says nothing. */
static int freexl_survives(const char *path)
{
    pid_t pid = fork();
    if (pid < 0)
        abort();
    if (pid == 0) {
        __sanitizer_set_death_callback(die_quietly);
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0)
            dup2(null, STDERR_FILENO);
        xls_freexl_walk(path);
        _exit(0);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        ;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* both readers open a path: the bytes as a memfd, named through /proc */
    int fd = memfd_create("ogi-fuzz-freexl", MFD_CLOEXEC);
    if (fd < 0)
        abort();
    size_t done = 0;
    while (done < size) {
        ssize_t n = write(fd, data + done, size - done);
        if (n <= 0)
            abort();
        done += (size_t)n;
    }
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    if (!freexl_survives(path)) {
        close(fd);
        return 0;
    }
    xls_comparison c;
    if (xls_compare(ctx, path, 1, NULL, &c) != 0)
        abort();
    if (c.undocumented) {
        xls_compare(ctx, path, 1, stderr, &c); /* again, saying where */
        abort();
    }
    close(fd);
    return 0;
}
