/*
 * context.c - what every check shares, set up once per process and kept
 * cheap (one `ogi` process per file is how the Calc extension and `ogi
 * watch` run): the built-in templates are parsed here; OpenCC and the
 * mixed-version templates are only made ready, and opened or parsed by
 * the first label or workbook that needs them.
 */
#include "context.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book.h"
#include "buf.h"
#include "file.h"
#include "hybrid.h"
#include "readers.h"
#include "template.h"

extern const char *const ogi_builtin_templates[];

static ogi_error add_template(ogi_context *ctx, const char *text)
{
    ogi_template *t;
    size_t line;
    ogi_error err = ogi_template_parse(&ctx->t2s, text, &t, &line);
    if (err != OGI_OK)
        return err;
    ogi_template **grown =
        OGI_ARRAY_RESERVE(ctx->templates, &ctx->templates_cap, ctx->ntemplates + 1, 0, &err);
    if (!grown) {
        ogi_template_free(t);
        return err;
    }
    ctx->templates = grown;
    /* a loaded template replaces a built-in one of the same id (and the
     * mixtures made of the built-in one go) */
    for (size_t i = 0; i < ctx->ntemplates; i++)
        if (strcmp(ctx->templates[i]->id, t->id) == 0) {
            ogi_template_free(ctx->templates[i]);
            ctx->templates[i] = t;
            ogi_hybrids_free(ctx->hybrids, ctx->nhybrids);
            ctx->hybrids = NULL;
            ctx->nhybrids = 0;
            return OGI_OK;
        }
    ctx->templates[ctx->ntemplates++] = t;
    return OGI_OK;
}

ogi_error ogi_context_new(ogi_context **out)
{
    *out = NULL;
    ogi_context *ctx = calloc(1, sizeof *ctx);
    if (!ctx)
        return OGI_ERROR_MEMORY;
    ctx->limits = ogi_limits_resolve(NULL);
    /* libgsf registers its types on first use without a lock: register
     * them here, before any front checks files on several threads */
    ogi_read_xls_init();
    /* checks OpenCC's data is there (a missing package fails here, not
     * halfway through a workbook); opens nothing */
    ogi_error err = ogi_t2s_map_build(&ctx->t2s);
    for (size_t i = 0; err == OGI_OK && ogi_builtin_templates[i]; i++)
        err = add_template(ctx, ogi_builtin_templates[i]);
    size_t nbuiltin = 0;
    while (ogi_builtin_templates[nbuiltin])
        nbuiltin++;
    if (err == OGI_OK)
        err = ogi_hybrids_build(&ctx->t2s, ogi_builtin_templates, nbuiltin, &ctx->hybrids,
                                &ctx->nhybrids);
    if (err != OGI_OK) {
        ogi_context_free(ctx);
        return err;
    }
    *out = ctx;
    return OGI_OK;
}

/* A template file is a few kilobytes; anything this large is not one. */
#define MAX_TEMPLATE_BYTES (4u << 20)

ogi_error ogi_context_load_template(ogi_context *ctx, const char *path)
{
    unsigned char *data = NULL;
    size_t len = 0;
    ogi_error err = ogi_file_read(path, MAX_TEMPLATE_BYTES, &data, &len);
    if (err == OGI_ERROR_NOT_FOUND || err == OGI_ERROR_READ)
        return OGI_ERROR_NOT_FOUND;
    if (err == OGI_ERROR_TOO_LARGE)
        return OGI_ERROR_TEMPLATE;
    if (err == OGI_ERROR_MEMORY)
        return err;
    /* an empty file or a folder holds no template: the parser says so */
    err = add_template(ctx, data ? (const char *)data : "");
    free(data);
    return err;
}

void ogi_context_set_limits(ogi_context *ctx, const ogi_limits *limits)
{
    ctx->limits = ogi_limits_resolve(limits);
}

const ogi_limits *ogi_context_limits(const ogi_context *ctx)
{
    return ctx ? &ctx->limits : NULL;
}

void ogi_context_free(ogi_context *ctx)
{
    if (!ctx)
        return;
    for (size_t i = 0; i < ctx->ntemplates; i++)
        ogi_template_free(ctx->templates[i]);
    free(ctx->templates);
    ogi_hybrids_free(ctx->hybrids, ctx->nhybrids);
    ogi_t2s_map_free(&ctx->t2s);
    free(ctx);
}
