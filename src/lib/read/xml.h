/*
 * xml.h (private to the library) - expat as the readers of .xlsx and .ods use it: streamed from a
 * package entry, names split into a known namespace and a local name, and
 * hostile XML refused (any DOCTYPE, so no entity can expand; nesting
 * deeper than OGI_XML_MAX_DEPTH).
 */
#ifndef OGI_XML_H
#define OGI_XML_H

#include <stddef.h>
#include <stdint.h>

#include "ogi.h"
#include "package.h"

/* Neither OOXML nor ODF nests anywhere near this deep. */
#define OGI_XML_MAX_DEPTH 256

/* The namespaces the readers look at; every other is OGI_NS_OTHER. */
typedef enum ogi_xml_ns {
    OGI_NS_NONE = 0, /* unprefixed attributes */
    OGI_NS_OTHER,
    OGI_NS_SSML,     /* spreadsheetml main (transitional or strict) */
    OGI_NS_DOCREL,   /* officeDocument relationships: r:id */
    OGI_NS_PKGREL,   /* package relationships (.rels parts) */
    OGI_NS_CTYPES,   /* [Content_Types].xml */
    OGI_NS_OFFICE,   /* ODF office: */
    OGI_NS_TABLE,    /* ODF table: */
    OGI_NS_TEXT,     /* ODF text: */
    OGI_NS_CALCEXT,  /* LibreOffice's calcext: */
    OGI_NS_MANIFEST, /* ODF manifest: */
    OGI_NS_STYLE     /* ODF style: */
} ogi_xml_ns;

typedef struct ogi_xml ogi_xml;

/* attrs is expat's NULL-terminated name, value, name, value... list; read
 * it with ogi_xml_attr. Any handler may be NULL. */
typedef struct ogi_xml_handlers {
    void (*start)(ogi_xml *x, void *ud, ogi_xml_ns ns, const char *local, const char **attrs);
    void (*end)(ogi_xml *x, void *ud, ogi_xml_ns ns, const char *local);
    void (*text)(ogi_xml *x, void *ud, const char *s, size_t len);
    /* CLOCK_MONOTONIC ns past which the parse stops with
     * OGI_ERROR_TIME_LIMIT (the book's deadline); 0: none */
    uint64_t deadline_ns;
} ogi_xml_handlers;

/* Parses the package entry called name. */
ogi_error ogi_xml_parse_part(ogi_package *pkg, const char *name, const ogi_xml_handlers *h,
                             void *ud);
/* Parses a document held in memory (tests, small parts). */
ogi_error ogi_xml_parse_buffer(const char *data, size_t len, const ogi_xml_handlers *h, void *ud);

/* Stops the parse from inside a handler; the parse returns err. */
void ogi_xml_stop(ogi_xml *x, ogi_error err);

/* The value of the attribute (ns, local), or NULL. */
const char *ogi_xml_attr(const char **attrs, ogi_xml_ns ns, const char *local);

#endif /* OGI_XML_H */
