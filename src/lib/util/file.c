/*
 * file.c - a whole file read into memory (file.h): the workbooks and the
 * templates a user loads are both read this one way.
 */
#include "file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

ogi_error ogi_file_read(const char *path, uint64_t max_bytes, unsigned char **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT   ? OGI_ERROR_NOT_FOUND
               : errno == EISDIR ? OGI_ERROR_IS_DIRECTORY
                                 : OGI_ERROR_READ;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        int dir = S_ISDIR(st.st_mode);
        close(fd);
        return dir ? OGI_ERROR_IS_DIRECTORY : OGI_ERROR_READ;
    }
    if (st.st_size == 0) {
        close(fd);
        return OGI_ERROR_EMPTY_FILE;
    }
    if ((uint64_t)st.st_size > max_bytes || (uint64_t)st.st_size >= SIZE_MAX) {
        close(fd);
        return OGI_ERROR_TOO_LARGE;
    }
    size_t size = (size_t)st.st_size;
    unsigned char *buf = malloc(size + 1);
    if (!buf) {
        close(fd);
        return OGI_ERROR_MEMORY;
    }
    size_t got = 0;
    while (got < size) {
        ssize_t n = read(fd, buf + got, size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    close(fd);
    if (got != size) { /* the file shrank while read: not the file stat saw */
        free(buf);
        return OGI_ERROR_READ;
    }
    buf[size] = '\0';
    *data = buf;
    *len = size;
    return OGI_OK;
}
