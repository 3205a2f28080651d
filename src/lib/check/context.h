/*
 * context.h (private to the library) - what is set up once per process and shared by every file.
 */
#ifndef OGI_CONTEXT_H
#define OGI_CONTEXT_H

#include "ogi.h"
#include "text.h"

struct ogi_context {
    ogi_t2s_map t2s;          /* OpenCC's t2s of whole labels, opened on first need */
    ogi_template **templates; /* compiled-in first, then user-loaded */
    size_t ntemplates, templates_cap;
    struct ogi_hybrid *hybrids; /* mixtures of the built-in templates, parsed on first need */
    size_t nhybrids;
    ogi_limits limits;
};

const ogi_limits *ogi_context_limits(const ogi_context *ctx);

#endif /* OGI_CONTEXT_H */
