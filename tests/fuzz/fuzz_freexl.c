/*
 * fuzz_freexl.c - libFuzzer harness: freexl and ogi's own BIFF8 decoder on
 * the same fuzzed bytes (tests/freexl/compare.c). An input both readers
 * accept must give the same cells, but for the kinds of difference the
 * comparison's table documents; any other difference aborts, with the
 * cells named on stderr. `make fuzz-freexl` runs it, with freexl's own
 * leaks suppressed (tests/freexl/freexl.supp), never ogi's.
 */
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "compare.h"

static ogi_context *ctx;      /* the harness's own set-up, built once */
static char walker[PATH_MAX]; /* freexl_walk, beside this program */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (ogi_context_new(&ctx) != OGI_OK)
        abort();
    /* small limits keep each run short (freexl has none of its own) */
    ogi_limits limits = {1u << 20, 200000, 32767, 10};
    ogi_context_set_limits(ctx, &limits);
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0)
        abort();
    self[n] = '\0';
    snprintf(walker, sizeof walker, "%s/freexl_walk", dirname(self));
    if (access(walker, X_OK) != 0)
        abort();
    return 0;
}

/* Does freexl get through the file without a crash? Asked of
 * freexl_walk (tests/freexl/freexl_walk.c, beside this program), a process
 * without sanitizers: freexl 1.0.6 corrupts its heap on some damaged files
 * (found here: a bad free inside freexl_open), which is freexl's bug, not
 * a finding about ogi. posix_spawn, not fork: no copy of this process. */
static int freexl_survives(const char *path)
{
    char *argv[] = {walker, (char *)path, NULL};
    char *envp[] = {NULL};
    posix_spawn_file_actions_t quiet;
    posix_spawn_file_actions_init(&quiet);
    posix_spawn_file_actions_addopen(&quiet, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    int err = posix_spawn(&pid, walker, &quiet, NULL, argv, envp);
    posix_spawn_file_actions_destroy(&quiet);
    if (err != 0)
        abort();
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
    char path[64], theirs[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    snprintf(theirs, sizeof theirs, "/proc/%d/fd/%d", (int)getpid(), fd);
    if (!freexl_survives(theirs)) {
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
