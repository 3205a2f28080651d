/*
 * serve_auth.c - the office's secret and what guards it.
 *
 * The token lives in a file only the office's account can read (mode
 * 0600). A login sets a session cookie that carries its own expiry and an
 * HMAC of it under the token: nothing to store, a restart keeps people
 * logged in, and a new token (delete the file) logs everybody out. Every
 * comparison with a secret takes the same time whatever the input.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "serve.h"

#define TOKEN_RANDOM_BYTES 32

int serve_random_hex(char *buf, size_t nbytes)
{
    static const char hex[] = "0123456789abcdef";
    unsigned char raw[64];
    if (nbytes > sizeof raw)
        return -1;
    size_t got = 0;
    while (got < nbytes) {
        ssize_t n = getrandom(raw + got, nbytes - got, 0);
        if (n < 0 && errno != EINTR)
            return -1;
        got += n > 0 ? (size_t)n : 0;
    }
    for (size_t i = 0; i < nbytes; i++) {
        buf[2 * i] = hex[raw[i] >> 4];
        buf[2 * i + 1] = hex[raw[i] & 15];
    }
    buf[2 * nbytes] = '\0';
    return 0;
}

int serve_id_ok(const char *id)
{
    size_t n = 0;
    for (; id[n]; n++)
        if (!((id[n] >= '0' && id[n] <= '9') || (id[n] >= 'a' && id[n] <= 'f')))
            return 0;
    return n == SERVE_ID_HEX;
}

static int create_token(const char *path)
{
    char hex[2 * TOKEN_RANDOM_BYTES + 2];
    if (serve_random_hex(hex, TOKEN_RANDOM_BYTES) != 0)
        return -1;
    strcat(hex, "\n");
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return -1;
    ssize_t n = write(fd, hex, strlen(hex));
    int rc = n == (ssize_t)strlen(hex) && fsync(fd) == 0 ? 0 : -1;
    close(fd);
    if (rc != 0)
        unlink(path);
    return rc;
}

int serve_auth_load(serve_auth *a, const char *path, int *created)
{
    *created = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0 && errno == ENOENT) {
        if (create_token(path) != 0)
            return -1;
        *created = 1;
        fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    }
    if (fd < 0)
        return -1;
    struct stat st;
    /* a secret others can read is no secret: refuse to run with it */
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (st.st_mode & 077)) {
        close(fd);
        errno = EPERM;
        return -1;
    }
    char buf[sizeof a->token + 1];
    ssize_t n = read(fd, buf, sizeof buf);
    close(fd);
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' '))
        n--;
    if (n < 16 || n > (ssize_t)sizeof a->token) {
        errno = EINVAL; /* too short to be a secret, or not a token file */
        return -1;
    }
    memcpy(a->token, buf, (size_t)n);
    a->token_len = (size_t)n;
    OPENSSL_cleanse(buf, sizeof buf);
    return 0;
}

static void hmac_hex(const serve_auth *a, const char *msg, char *out)
{
    static const char hex[] = "0123456789abcdef";
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(EVP_sha256(), a->token, (int)a->token_len, (const unsigned char *)msg, strlen(msg), mac,
         &len);
    for (unsigned i = 0; i < len; i++) {
        out[2 * i] = hex[mac[i] >> 4];
        out[2 * i + 1] = hex[mac[i] & 15];
    }
    out[2 * len] = '\0';
}

int serve_auth_equal(const char *a, const char *b)
{
    size_t n = strlen(a);
    return n == strlen(b) && CRYPTO_memcmp(a, b, n) == 0;
}

int serve_auth_token_ok(const serve_auth *a, const char *typed)
{
    /* compare digests: equal length, and the time says nothing of the token */
    unsigned char d1[32], d2[32];
    char trimmed[256];
    snprintf(trimmed, sizeof trimmed, "%s", typed);
    size_t n = strlen(trimmed);
    while (n > 0 && (trimmed[n - 1] == ' ' || trimmed[n - 1] == '\n' || trimmed[n - 1] == '\r'))
        trimmed[--n] = '\0';
    const char *t = trimmed;
    while (*t == ' ')
        t++;
    EVP_Digest(t, strlen(t), d1, NULL, EVP_sha256(), NULL);
    EVP_Digest(a->token, a->token_len, d2, NULL, EVP_sha256(), NULL);
    return CRYPTO_memcmp(d1, d2, sizeof d1) == 0;
}

void serve_auth_session(const serve_auth *a, int64_t now, int64_t seconds, char *buf, size_t size)
{
    char msg[64], mac[2 * EVP_MAX_MD_SIZE + 1];
    snprintf(msg, sizeof msg, "office:%" PRId64, now + seconds);
    hmac_hex(a, msg, mac);
    snprintf(buf, size, "%" PRId64 ".%s", now + seconds, mac);
}

int serve_auth_session_ok(const serve_auth *a, const char *value, int64_t now)
{
    char *dot;
    long long expiry = strtoll(value, &dot, 10);
    if (dot == value || *dot != '.' || expiry < now)
        return 0;
    char msg[64], mac[2 * EVP_MAX_MD_SIZE + 1];
    snprintf(msg, sizeof msg, "office:%lld", expiry);
    hmac_hex(a, msg, mac);
    return serve_auth_equal(dot + 1, mac);
}

void serve_auth_csrf(const serve_auth *a, const char *session, char *buf, size_t size)
{
    char msg[160], mac[2 * EVP_MAX_MD_SIZE + 1];
    snprintf(msg, sizeof msg, "csrf:%s", session);
    hmac_hex(a, msg, mac);
    snprintf(buf, size, "%s", mac);
}
