/*
 * xlsx_parts.c - the workbook, relationships, shared strings and styles
 * parts of an .xlsx.
 */
#include "xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book.h"
#include "buf.h"
#include "common.h"
#include "text.h"
#include "xml.h"

#define MAX_SHEETS 4096
#define MAX_RELS 8192 /* sheets x rels lookups stay cheap */

void ogi_xlsx_init(ogi_xlsx *x, uint32_t max_string_bytes, uint64_t deadline_ns)
{
    memset(x, 0, sizeof *x);
    ogi_arena_init(&x->scratch);
    x->max_string = max_string_bytes;
    x->deadline_ns = deadline_ns;
}

void ogi_xlsx_free(ogi_xlsx *x)
{
    free(x->sheets);
    free(x->rels);
    free(x->sst);
    free(x->xf_date);
    ogi_arena_release(&x->scratch);
    memset(x, 0, sizeof *x);
}

static int is_true(const char *v)
{
    return v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
}

/* ---- workbook.xml: <sheets><sheet name= r:id=/> ---------------------- */

typedef struct wb_state {
    ogi_xlsx *x;
    int in_sheets;
} wb_state;

static ogi_error add_sheet(ogi_xlsx *x, const char *name, const char *rel_id, const char *state)
{
    if (x->nsheets >= MAX_SHEETS)
        return OGI_ERROR_CORRUPT;
    ogi_error err;
    void *grown = OGI_ARRAY_RESERVE(x->sheets, &x->sheets_cap, x->nsheets + 1, 0, &err);
    if (!grown)
        return err;
    x->sheets = grown;
    ogi_xlsx_sheet *s = &x->sheets[x->nsheets];
    s->name = ogi_arena_strdup(&x->scratch, name);
    s->rel_id = ogi_arena_strdup(&x->scratch, rel_id);
    if (!s->name || !s->rel_id)
        return OGI_ERROR_MEMORY;
    s->hidden = !state                             ? OGI_SHEET_VISIBLE
                : strcmp(state, "hidden") == 0     ? OGI_SHEET_HIDDEN
                : strcmp(state, "veryHidden") == 0 ? OGI_SHEET_VERY_HIDDEN
                                                   : OGI_SHEET_VISIBLE;
    x->nsheets++;
    return OGI_OK;
}

static void wb_start(ogi_xml *xml, void *ud, ogi_xml_ns ns, const char *local, const char **attrs)
{
    wb_state *st = ud;
    if (ns != OGI_NS_SSML)
        return;
    if (strcmp(local, "sheets") == 0) {
        st->in_sheets = 1;
    } else if (st->in_sheets && strcmp(local, "sheet") == 0) {
        const char *name = ogi_xml_attr(attrs, OGI_NS_NONE, "name");
        const char *id = ogi_xml_attr(attrs, OGI_NS_DOCREL, "id");
        const char *state = ogi_xml_attr(attrs, OGI_NS_NONE, "state");
        ogi_error err = name && id ? add_sheet(st->x, name, id, state) : OGI_ERROR_CORRUPT;
        if (err != OGI_OK)
            ogi_xml_stop(xml, err);
    } else if (strcmp(local, "workbookPr") == 0) {
        st->x->date1904 = is_true(ogi_xml_attr(attrs, OGI_NS_NONE, "date1904"));
    }
}

static void wb_end(ogi_xml *xml, void *ud, ogi_xml_ns ns, const char *local)
{
    (void)xml;
    wb_state *st = ud;
    if (ns == OGI_NS_SSML && strcmp(local, "sheets") == 0)
        st->in_sheets = 0;
}

ogi_error ogi_xlsx_read_workbook(ogi_xlsx *x, ogi_package *pkg, const char *workbook)
{
    wb_state st = {x, 0};
    ogi_xml_handlers h = {wb_start, wb_end, NULL, x->deadline_ns};
    return ogi_xml_parse_part(pkg, workbook, &h, &st);
}

/* ---- _rels/NAME.rels: <Relationship Id= Type= Target=/> --------------- */

typedef struct rels_state {
    ogi_xlsx *x;
    const char *part; /* whose relationships these are */
} rels_state;

static ogi_error add_rel(ogi_xlsx *x, const char *base, const char **attrs)
{
    const char *id = ogi_xml_attr(attrs, OGI_NS_NONE, "Id");
    const char *type = ogi_xml_attr(attrs, OGI_NS_NONE, "Type");
    const char *target = ogi_xml_attr(attrs, OGI_NS_NONE, "Target");
    const char *mode = ogi_xml_attr(attrs, OGI_NS_NONE, "TargetMode");
    if (!id || !type || !target || (mode && strcmp(mode, "External") == 0))
        return OGI_OK; /* nothing inside the package to read */
    char part[1024];
    if (!ogi_package_resolve(base, target, part, sizeof part))
        return OGI_OK;
    if (x->nrels >= MAX_RELS)
        return OGI_ERROR_CORRUPT;
    ogi_error err;
    void *grown = OGI_ARRAY_RESERVE(x->rels, &x->rels_cap, x->nrels + 1, 0, &err);
    if (!grown)
        return err;
    x->rels = grown;
    ogi_xlsx_rel *r = &x->rels[x->nrels];
    r->id = ogi_arena_strdup(&x->scratch, id);
    r->type = ogi_arena_strdup(&x->scratch, type);
    r->part = ogi_arena_strdup(&x->scratch, part);
    if (!r->id || !r->type || !r->part)
        return OGI_ERROR_MEMORY;
    x->nrels++;
    return OGI_OK;
}

static void rels_start(ogi_xml *xml, void *ud, ogi_xml_ns ns, const char *local, const char **attrs)
{
    rels_state *st = ud;
    if (ns != OGI_NS_PKGREL || strcmp(local, "Relationship") != 0)
        return;
    ogi_error err = add_rel(st->x, st->part, attrs);
    if (err != OGI_OK)
        ogi_xml_stop(xml, err);
}

ogi_error ogi_xlsx_read_rels(ogi_xlsx *x, ogi_package *pkg, const char *part)
{
    /* xl/workbook.xml -> xl/_rels/workbook.xml.rels */
    const char *slash = strrchr(part, '/');
    size_t dir = slash ? (size_t)(slash - part) + 1 : 0;
    char name[1100];
    int n = snprintf(name, sizeof name, "%.*s_rels/%s.rels", (int)dir, part, part + dir);
    if (n < 0 || (size_t)n >= sizeof name)
        return OGI_ERROR_CORRUPT;
    rels_state st = {x, part};
    ogi_xml_handlers h = {rels_start, NULL, NULL, x->deadline_ns};
    return ogi_xml_parse_part(pkg, name, &h, &st);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

const ogi_xlsx_rel *ogi_xlsx_rel_of_type(const ogi_xlsx *x, const char *suffix)
{
    for (size_t i = 0; i < x->nrels; i++)
        if (ends_with(x->rels[i].type, suffix))
            return &x->rels[i];
    return NULL;
}

const ogi_xlsx_rel *ogi_xlsx_rel_by_id(const ogi_xlsx *x, const char *id)
{
    for (size_t i = 0; i < x->nrels; i++)
        if (strcmp(x->rels[i].id, id) == 0)
            return &x->rels[i];
    return NULL;
}

/* ---- sharedStrings.xml: <si> with <t> or rich runs <r><t>, no <rPh> -- */

static int hex4(const char *s, uint32_t *cp)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0)
            return 0;
        v = v << 4 | (uint32_t)d;
    }
    *cp = v;
    return 1;
}

/* "_x000D_" at s (len bytes left) -> its codepoint. */
static int xescape(const char *s, size_t len, uint32_t *cp)
{
    return len >= 7 && s[0] == '_' && s[1] == 'x' && s[6] == '_' && hex4(s + 2, cp);
}

size_t ogi_xstring_decode(char *s, size_t len)
{
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp, lo;
        if (!xescape(s + i, len - i, &cp)) {
            s[o++] = s[i++];
            continue;
        }
        i += 7;
        if (cp >= 0xD800 && cp <= 0xDBFF && xescape(s + i, len - i, &lo) && lo >= 0xDC00 &&
            lo <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            i += 7;
        } else if (cp >= 0xD800 && cp <= 0xDFFF) {
            cp = 0xFFFD;
        }
        o += ogi_utf8_encode(cp, s + o);
    }
    return o;
}

typedef struct sst_state {
    ogi_xlsx *x;
    ogi_buf text;
    int in_si, in_t, in_phonetic;
} sst_state;

static ogi_error push_string(ogi_xlsx *x, ogi_buf *t)
{
    ogi_error err;
    void *grown = OGI_ARRAY_RESERVE(x->sst, &x->sst_cap, x->nsst + 1, 0, &err);
    if (!grown)
        return err;
    x->sst = grown;
    size_t len = t->len ? ogi_xstring_decode(t->data, t->len) : 0;
    const char *s = ogi_arena_strndup(&x->scratch, t->len ? t->data : "", len);
    if (!s)
        return OGI_ERROR_MEMORY;
    x->sst[x->nsst].text = s;
    x->sst[x->nsst].len = (uint32_t)len;
    x->nsst++;
    t->len = 0;
    return OGI_OK;
}

static void sst_start(ogi_xml *xml, void *ud, ogi_xml_ns ns, const char *local, const char **attrs)
{
    (void)xml;
    (void)attrs;
    sst_state *st = ud;
    if (ns != OGI_NS_SSML)
        return;
    if (strcmp(local, "si") == 0) {
        st->in_si = 1;
        st->text.len = 0;
    } else if (strcmp(local, "rPh") == 0) {
        st->in_phonetic++; /* furigana: not part of the text */
    } else if (strcmp(local, "t") == 0) {
        st->in_t = st->in_si && !st->in_phonetic;
    }
}

static void sst_end(ogi_xml *xml, void *ud, ogi_xml_ns ns, const char *local)
{
    sst_state *st = ud;
    if (ns != OGI_NS_SSML)
        return;
    if (strcmp(local, "t") == 0) {
        st->in_t = 0;
    } else if (strcmp(local, "rPh") == 0 && st->in_phonetic > 0) {
        st->in_phonetic--;
    } else if (strcmp(local, "si") == 0 && st->in_si) {
        st->in_si = 0;
        ogi_error err = push_string(st->x, &st->text);
        if (err != OGI_OK)
            ogi_xml_stop(xml, err);
    }
}

static void sst_text(ogi_xml *xml, void *ud, const char *s, size_t len)
{
    sst_state *st = ud;
    if (!st->in_t)
        return;
    ogi_error err = ogi_buf_add(&st->text, s, len);
    if (err != OGI_OK)
        ogi_xml_stop(xml, err);
}

ogi_error ogi_xlsx_read_shared_strings(ogi_xlsx *x, ogi_package *pkg, const char *part)
{
    sst_state st = {x, {0}, 0, 0, 0};
    ogi_buf_init(&st.text, x->max_string, OGI_ERROR_STRING_TOO_LONG);
    ogi_xml_handlers h = {sst_start, sst_end, sst_text, x->deadline_ns};
    ogi_error err = ogi_xml_parse_part(pkg, part, &h, &st);
    ogi_buf_free(&st.text);
    return err;
}

/* ---- styles.xml: which cell formats (xf) show dates -------------------- */

/* Custom formats have ids below 65536 (Excel numbers them from 164). */
#define MAX_FMT_ID 65536u
/* Excel allows 64,000 cell formats; more are read as showing no date. */
#define MAX_XF 65536u

typedef struct styles_state {
    uint8_t *custom;  /* MAX_FMT_ID entries: date kind + 1 of a custom id, 0 if none */
    uint32_t *xf_fmt; /* numFmtId of each cell xf */
    size_t nxf, xf_cap;
    int in_cell_xfs;
} styles_state;

static uint32_t attr_u32(const char **attrs, const char *name)
{
    const char *v = ogi_xml_attr(attrs, OGI_NS_NONE, name);
    unsigned long n = v ? strtoul(v, NULL, 10) : 0;
    return n > UINT32_MAX ? UINT32_MAX : (uint32_t)n;
}

static ogi_error add_numfmt(styles_state *st, const char **attrs)
{
    uint32_t id = attr_u32(attrs, "numFmtId");
    const char *code = ogi_xml_attr(attrs, OGI_NS_NONE, "formatCode");
    if (id >= MAX_FMT_ID)
        return OGI_OK;
    if (!st->custom && !(st->custom = calloc(MAX_FMT_ID, 1)))
        return OGI_ERROR_MEMORY;
    st->custom[id] = (uint8_t)(ogi_numfmt_date_kind(id, code ? code : "") + 1);
    return OGI_OK;
}

static ogi_error add_xf(styles_state *st, const char **attrs)
{
    if (st->nxf >= MAX_XF)
        return OGI_OK;
    ogi_error err;
    void *grown = OGI_ARRAY_RESERVE(st->xf_fmt, &st->xf_cap, st->nxf + 1, 0, &err);
    if (!grown)
        return err;
    st->xf_fmt = grown;
    st->xf_fmt[st->nxf++] = attr_u32(attrs, "numFmtId");
    return OGI_OK;
}

static void styles_start(ogi_xml *xml, void *ud, ogi_xml_ns ns, const char *local,
                         const char **attrs)
{
    styles_state *st = ud;
    if (ns != OGI_NS_SSML)
        return;
    ogi_error err = OGI_OK;
    if (strcmp(local, "cellXfs") == 0)
        st->in_cell_xfs = 1;
    else if (strcmp(local, "numFmt") == 0)
        err = add_numfmt(st, attrs);
    else if (st->in_cell_xfs && strcmp(local, "xf") == 0)
        err = add_xf(st, attrs);
    if (err != OGI_OK)
        ogi_xml_stop(xml, err);
}

static void styles_end(ogi_xml *xml, void *ud, ogi_xml_ns ns, const char *local)
{
    (void)xml;
    styles_state *st = ud;
    if (ns == OGI_NS_SSML && strcmp(local, "cellXfs") == 0)
        st->in_cell_xfs = 0;
}

static uint8_t xf_kind(const styles_state *st, uint32_t fmt)
{
    if (st->custom && fmt < MAX_FMT_ID && st->custom[fmt]) /* overrides a built-in id */
        return (uint8_t)(st->custom[fmt] - 1);
    return (uint8_t)ogi_numfmt_date_kind(fmt, NULL);
}

ogi_error ogi_xlsx_read_styles(ogi_xlsx *x, ogi_package *pkg, const char *part)
{
    styles_state st = {0};
    ogi_xml_handlers h = {styles_start, styles_end, NULL, x->deadline_ns};
    ogi_error err = ogi_xml_parse_part(pkg, part, &h, &st);
    if (err == OGI_OK && st.nxf > 0) {
        x->xf_date = malloc(st.nxf);
        if (!x->xf_date)
            err = OGI_ERROR_MEMORY;
        for (size_t i = 0; err == OGI_OK && i < st.nxf; i++)
            x->xf_date[i] = xf_kind(&st, st.xf_fmt[i]);
        if (err == OGI_OK)
            x->nxf = st.nxf;
    }
    free(st.custom);
    free(st.xf_fmt);
    return err;
}
