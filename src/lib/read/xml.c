/*
 * xml.c - a safe, namespace-aware expat for the zip-based readers.
 */
#include "xml.h"

#include <expat.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common.h"

/* expat joins a namespace URI and a local name with this (URIs hold no
 * spaces). */
#define NS_SEP ' '

struct ogi_xml {
    XML_Parser parser;
    const ogi_xml_handlers *h;
    void *ud;
    unsigned depth;
    uint64_t elements; /* seen so far: the clock is read every few thousand */
    ogi_error err;     /* why the parse was stopped, OGI_OK if it was not */
};

typedef struct known_ns {
    const char *uri;
    size_t len;
    ogi_xml_ns ns;
} known_ns;

#define KNOWN(uri, ns)                                                                             \
    {                                                                                              \
        uri, sizeof uri - 1, ns                                                                    \
    }
static const known_ns known[] = {
    KNOWN("http://schemas.openxmlformats.org/spreadsheetml/2006/main", OGI_NS_SSML),
    KNOWN("http://purl.oclc.org/ooxml/spreadsheetml/main", OGI_NS_SSML),
    KNOWN("http://schemas.openxmlformats.org/officeDocument/2006/relationships", OGI_NS_DOCREL),
    KNOWN("http://purl.oclc.org/ooxml/officeDocument/relationships", OGI_NS_DOCREL),
    KNOWN("http://schemas.openxmlformats.org/package/2006/relationships", OGI_NS_PKGREL),
    KNOWN("http://schemas.openxmlformats.org/package/2006/content-types", OGI_NS_CTYPES),
    KNOWN("urn:oasis:names:tc:opendocument:xmlns:office:1.0", OGI_NS_OFFICE),
    KNOWN("urn:oasis:names:tc:opendocument:xmlns:table:1.0", OGI_NS_TABLE),
    KNOWN("urn:oasis:names:tc:opendocument:xmlns:text:1.0", OGI_NS_TEXT),
    KNOWN("urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0", OGI_NS_CALCEXT),
    KNOWN("urn:oasis:names:tc:opendocument:xmlns:manifest:1.0", OGI_NS_MANIFEST),
    KNOWN("urn:oasis:names:tc:opendocument:xmlns:style:1.0", OGI_NS_STYLE),
};

/* "uri local" -> namespace and local name. Called for every element and
 * attribute looked at, so the URIs are compared by length first. */
static ogi_xml_ns split_name(const char *name, const char **local)
{
    const char *sep = strchr(name, NS_SEP);
    if (!sep) {
        *local = name;
        return OGI_NS_NONE;
    }
    *local = sep + 1;
    size_t n = (size_t)(sep - name);
    for (size_t i = 0; i < OGI_ARRAY_LEN(known); i++)
        if (known[i].len == n && memcmp(known[i].uri, name, n) == 0)
            return known[i].ns;
    return OGI_NS_OTHER;
}

const char *ogi_xml_attr(const char **attrs, ogi_xml_ns ns, const char *local)
{
    if (ns == OGI_NS_NONE) { /* "uri local" never equals a bare name */
        for (size_t i = 0; attrs[i]; i += 2)
            if (strcmp(attrs[i], local) == 0)
                return attrs[i + 1];
        return NULL;
    }
    for (size_t i = 0; attrs[i]; i += 2) {
        const char *l;
        if (split_name(attrs[i], &l) == ns && strcmp(l, local) == 0)
            return attrs[i + 1];
    }
    return NULL;
}

void ogi_xml_stop(ogi_xml *x, ogi_error err)
{
    if (x->err == OGI_OK)
        x->err = err;
    XML_StopParser(x->parser, XML_FALSE);
}

static int past(uint64_t deadline_ns)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec > deadline_ns;
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
    ogi_xml *x = ud;
    if (++x->depth > OGI_XML_MAX_DEPTH) {
        ogi_xml_stop(x, OGI_ERROR_XML_DEPTH);
        return;
    }
    if (++x->elements % 4096 == 0 && x->h->deadline_ns && past(x->h->deadline_ns)) {
        ogi_xml_stop(x, OGI_ERROR_TIME_LIMIT);
        return;
    }
    if (x->h->start) {
        const char *local;
        ogi_xml_ns ns = split_name(name, &local);
        x->h->start(x, x->ud, ns, local, attrs);
    }
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
    ogi_xml *x = ud;
    x->depth--;
    if (x->h->end) {
        const char *local;
        ogi_xml_ns ns = split_name(name, &local);
        x->h->end(x, x->ud, ns, local);
    }
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    ogi_xml *x = ud;
    if (len > 0)
        x->h->text(x, x->ud, s, (size_t)len);
}

/* OOXML and ODF never declare a document type: one that does is either
 * broken or an entity-expansion attack, refused before any expansion. */
static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                               const XML_Char *pubid, int has_internal_subset)
{
    (void)name;
    (void)sysid;
    (void)pubid;
    (void)has_internal_subset;
    ogi_xml_stop(ud, OGI_ERROR_XML_ENTITY);
}

static void XMLCALL on_entity(void *ud, const XML_Char *name, int is_parameter,
                              const XML_Char *value, int value_length, const XML_Char *base,
                              const XML_Char *system_id, const XML_Char *public_id,
                              const XML_Char *notation_name)
{
    (void)name;
    (void)is_parameter;
    (void)value;
    (void)value_length;
    (void)base;
    (void)system_id;
    (void)public_id;
    (void)notation_name;
    ogi_xml_stop(ud, OGI_ERROR_XML_ENTITY);
}

static ogi_error begin(ogi_xml *x, const ogi_xml_handlers *h, void *ud)
{
    memset(x, 0, sizeof *x);
    x->parser = XML_ParserCreateNS(NULL, NS_SEP);
    if (!x->parser)
        return OGI_ERROR_MEMORY;
    x->h = h;
    x->ud = ud;
    XML_SetUserData(x->parser, x);
    XML_SetElementHandler(x->parser, on_start, on_end);
    if (h->text)
        XML_SetCharacterDataHandler(x->parser, on_text);
    XML_SetStartDoctypeDeclHandler(x->parser, on_doctype);
    XML_SetEntityDeclHandler(x->parser, on_entity);
    XML_SetParamEntityParsing(x->parser, XML_PARAM_ENTITY_PARSING_NEVER);
    return OGI_OK;
}

/* The error of a failed XML_Parse. */
static ogi_error failure(const ogi_xml *x)
{
    if (x->err != OGI_OK)
        return x->err;
    switch (XML_GetErrorCode(x->parser)) {
    case XML_ERROR_NO_MEMORY:
        return OGI_ERROR_MEMORY;
    case XML_ERROR_AMPLIFICATION_LIMIT_BREACH:
        return OGI_ERROR_XML_ENTITY;
    default:
        return OGI_ERROR_XML;
    }
}

static ogi_error feed(void *ud, const char *chunk, size_t len)
{
    ogi_xml *x = ud;
    while (len > 0) {
        int n = len > (1u << 30) ? 1 << 30 : (int)len;
        if (XML_Parse(x->parser, chunk, n, 0) != XML_STATUS_OK)
            return failure(x);
        chunk += n;
        len -= (size_t)n;
    }
    return OGI_OK;
}

static ogi_error finish(ogi_xml *x, ogi_error err)
{
    if (err == OGI_OK && XML_Parse(x->parser, "", 0, 1) != XML_STATUS_OK)
        err = failure(x);
    if (err == OGI_OK && x->err != OGI_OK)
        err = x->err;
    XML_ParserFree(x->parser);
    return err;
}

ogi_error ogi_xml_parse_part(ogi_package *pkg, const char *name, const ogi_xml_handlers *h,
                             void *ud)
{
    ogi_xml x;
    ogi_error err = begin(&x, h, ud);
    if (err != OGI_OK)
        return err;
    return finish(&x, ogi_package_stream(pkg, name, feed, &x));
}

ogi_error ogi_xml_parse_buffer(const char *data, size_t len, const ogi_xml_handlers *h, void *ud)
{
    ogi_xml x;
    ogi_error err = begin(&x, h, ud);
    if (err != OGI_OK)
        return err;
    return finish(&x, feed(&x, data, len));
}
