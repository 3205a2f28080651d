/*
 * read_xls.c - a BIFF8 .xls: the Workbook stream, taken out of the OLE2
 * container by libgsf, is decoded by read_biff.c.
 */
#include <gsf/gsf-infile-impl.h>
#include <gsf/gsf-infile-msole.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-memory.h>
#include <gsf/gsf-input-proxy.h>
#include <gsf/gsf-utils.h>
#include <stdlib.h>
#include <string.h>

#include "book.h"
#include "read_biff.h"
#include "readers.h"

/* The library never prints, yet libgsf logs a warning for each damage it
 * meets in an OLE2 file: its own log domain is silenced, once per process
 * (the handler holds no state, so a second call would be harmless). */
static void drop_log(const gchar *domain, GLogLevelFlags level, const gchar *message,
                     gpointer unused)
{
    (void)domain;
    (void)level;
    (void)message;
    (void)unused;
}

/* libgsf's types register themselves on first use without a lock (its
 * GSF_CLASS): two threads opening their first .xls at once crashed in
 * gsf_input_memory_new (found with `ogi check -j 5`). They are registered
 * here, once per process, before any thread uses them; libgsf's log
 * domain is silenced at the same time. */
void ogi_read_xls_init(void)
{
    static gsize done = 0;
    if (g_once_init_enter(&done)) {
        g_log_set_handler("libgsf:msole",
                          G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION, drop_log,
                          NULL);
        gsf_init();
        g_type_ensure(GSF_INPUT_TYPE);
        g_type_ensure(GSF_INFILE_TYPE);
        g_type_ensure(GSF_INPUT_MEMORY_TYPE);
        g_type_ensure(GSF_INPUT_PROXY_TYPE);
        g_type_ensure(GSF_INFILE_MSOLE_TYPE);
        g_once_init_leave(&done, 1);
    }
}

/* A child stream of the container, or NULL: gsf_infile_child_by_name()
 * would log a damaged child on stderr, the class method returns why. */
static GsfInput *child(GsfInfile *ole, const char *name, int *damaged)
{
    *damaged = 0;
    int n = gsf_infile_num_children(ole);
    for (int i = 0; i < n; i++) {
        const char *child_name = gsf_infile_name_by_index(ole, i);
        if (!child_name || strcmp(child_name, name) != 0)
            continue;
        GError *why = NULL;
        GsfInfileClass *klass = G_TYPE_INSTANCE_GET_CLASS(ole, GSF_INFILE_TYPE, GsfInfileClass);
        GsfInput *in = klass->child_by_index(ole, i, &why);
        if (why) {
            g_error_free(why);
            if (in)
                g_object_unref(in);
            *damaged = 1;
            return NULL;
        }
        return in;
    }
    return NULL;
}

/* Reads the named stream of the OLE2 container whole; NULL if absent. */
static unsigned char *read_stream(GsfInfile *ole, const char *name, size_t max, size_t *len,
                                  ogi_error *err)
{
    int damaged;
    GsfInput *in = child(ole, name, &damaged);
    if (damaged)
        *err = OGI_ERROR_CORRUPT;
    if (!in)
        return NULL;
    gsf_off_t size = gsf_input_size(in);
    unsigned char *buf = NULL;
    if (size <= 0 || (uint64_t)size > max) {
        *err = size <= 0 ? OGI_ERROR_CORRUPT : OGI_ERROR_TOO_LARGE;
    } else if (!(buf = malloc((size_t)size))) {
        *err = OGI_ERROR_MEMORY;
    } else if (!gsf_input_read(in, (size_t)size, buf)) {
        free(buf);
        buf = NULL;
        *err = OGI_ERROR_CORRUPT;
    } else {
        *len = (size_t)size;
    }
    g_object_unref(in);
    return buf;
}

static int has_stream(GsfInfile *ole, const char *name)
{
    int damaged;
    GsfInput *in = child(ole, name, &damaged);
    if (in)
        g_object_unref(in);
    return in != NULL;
}

/* The root entry of an OLE2 directory has no siblings (MS-CFB 2.6.2).
 * libgsf reads siblings of the root anyway and loses them (a leak for
 * each such file), so the container is refused before libgsf sees it. */
static int root_has_siblings(const unsigned char *data, size_t len)
{
    if (len < 512)
        return 0; /* libgsf refuses it itself */
    unsigned shift = (unsigned)(data[0x1E] | data[0x1F] << 8);
    uint32_t sector = (uint32_t)data[0x30] | (uint32_t)data[0x31] << 8 |
                      (uint32_t)data[0x32] << 16 | (uint32_t)data[0x33] << 24;
    if (shift < 7 || shift > 16)
        return 0;
    uint64_t at = ((uint64_t)sector + 1) << shift;
    if (at + 128 > len)
        return 0;
    static const unsigned char none[8] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
    return memcmp(data + at + 0x44, none, sizeof none) != 0;
}

/* The container's Workbook stream, decoded. */
static ogi_error walk_container(ogi_book *book, const unsigned char *data, size_t len)
{
    if (root_has_siblings(data, len))
        return OGI_ERROR_CORRUPT;
    ogi_read_xls_init();
    GsfInput *mem = gsf_input_memory_new(data, (gsf_off_t)len, FALSE);
    if (!mem)
        return OGI_ERROR_MEMORY;
    GsfInfile *ole = gsf_infile_msole_new(mem, NULL);
    g_object_unref(mem);
    if (!ole)
        return OGI_ERROR_CORRUPT;
    ogi_error err = OGI_OK;
    size_t slen = 0;
    unsigned char *stream = read_stream(ole, "Workbook", book->limits.max_file_bytes, &slen, &err);
    if (!stream && err == OGI_OK) {
        err = has_stream(ole, "EncryptedPackage") ? OGI_ERROR_ENCRYPTED
              : has_stream(ole, "Book")           ? OGI_ERROR_OLD_BIFF
                                                  : OGI_ERROR_NOT_WORKBOOK;
    }
    g_object_unref(ole);
    if (stream)
        err = ogi_biff_walk(book, stream, slen);
    free(stream);
    return err;
}

ogi_error ogi_read_xls(ogi_book *book, const char *path, const unsigned char *data, size_t len)
{
    (void)path; /* the bytes are read already; nothing reads the file again */
    return walk_container(book, data, len);
}
