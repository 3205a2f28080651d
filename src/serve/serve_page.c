/*
 * serve_page.c - the pages. Plain HTML that works without JavaScript; one
 * embedded style and one small embedded script (drag and drop, a progress
 * bar), allowed by the Content-Security-Policy through their hashes, so
 * no other script can run in the page. Every byte ships with ogi.
 */
#include <jansson.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>

#include "serve.h"
#include "serve_text.h"

static const char style[] =
    "body{font-family:\"Microsoft YaHei\",\"PingFang SC\",\"WenQuanYi Micro Hei\",sans-serif;"
    "margin:0;color:#1a1a1a;background:#f6f7f9}"
    "header{background:#8b1a1a;color:#fff;padding:.8em 1.5em;display:flex;"
    "justify-content:space-between;align-items:center}"
    "header h1{font-size:1.25em;margin:0}header a{color:#fff;margin-left:1em}"
    "main{max-width:72em;margin:1.5em auto;padding:0 1.5em}"
    "form.upload{background:#fff;border:1px solid #ddd;border-radius:6px;padding:1.2em}"
    "label{display:block;margin:.6em 0 .2em;font-weight:bold}"
    "input[type=text],input[type=password]{width:100%;max-width:30em;padding:.4em;font-size:1em}"
    ".drop{border:2px dashed #aaa;border-radius:6px;padding:1em;margin:.8em 0;text-align:center}"
    ".drop.over{border-color:#8b1a1a;background:#fff3f3}"
    "button{background:#8b1a1a;color:#fff;border:0;border-radius:4px;padding:.6em 1.6em;"
    "font-size:1em;cursor:pointer}"
    "progress{width:100%;max-width:30em;display:block;margin:.5em 0}"
    ".verdict{font-size:1.6em;margin:.8em 0 .3em}.pass{color:#1b6e20}.fail{color:#b00020}"
    ".refused{color:#8a5a00}.error{color:#b00020}"
    ".note{background:#fff8e1;border-left:4px solid #e0a800;padding:.6em 1em}"
    "table{border-collapse:collapse;background:#fff;width:100%;margin:.6em 0 1.4em}"
    "th,td{border:1px solid #ddd;padding:.35em .5em;text-align:left;vertical-align:top}"
    "th{background:#eef0f3}td.num{text-align:right;white-space:nowrap}"
    "tr.error td:first-child{color:#b00020;font-weight:bold}"
    "tr.warning td:first-child{color:#8a5a00}"
    ".download{display:inline-block;margin:.5em 0;font-size:1.1em}"
    "footer{color:#777;font-size:.85em;text-align:center;margin:2em 0}";

static const char script[] =
    "(function(){var f=document.getElementById('upload');if(!f||!window.FormData)return;"
    "var d=document.getElementById('drop'),i=document.getElementById('file'),"
    "p=document.getElementById('progress');"
    "['dragenter','dragover'].forEach(function(e){d.addEventListener(e,function(v){"
    "v.preventDefault();d.classList.add('over');});});"
    "['dragleave','drop'].forEach(function(e){d.addEventListener(e,function(v){"
    "v.preventDefault();d.classList.remove('over');});});"
    "d.addEventListener('drop',function(v){if(v.dataTransfer.files.length)"
    "i.files=v.dataTransfer.files;});"
    "f.addEventListener('submit',function(v){if(!f.checkValidity())return;v.preventDefault();"
    "var x=new XMLHttpRequest();x.open('POST',f.action);p.hidden=false;p.value=0;"
    "x.upload.onprogress=function(e){if(e.lengthComputable)p.value=100*e.loaded/e.total;};"
    "x.onload=function(){if(x.status==200&&x.responseURL&&x.responseURL!=f.action)"
    "location.href=x.responseURL;else{document.open();document.write(x.responseText);"
    "document.close();}};x.onerror=function(){p.hidden=true;f.submit();};"
    "x.send(new FormData(f));});})();";

static void hash_b64(const char *text, char *out)
{
    unsigned char digest[32];
    EVP_Digest(text, strlen(text), digest, NULL, EVP_sha256(), NULL);
    EVP_EncodeBlock((unsigned char *)out, digest, sizeof digest);
}

void serve_page_csp(char *out, size_t size)
{
    char s[64], j[64];
    hash_b64(style, s);
    hash_b64(script, j);
    snprintf(out, size,
             "default-src 'none'; style-src 'sha256-%s'; script-src 'sha256-%s'; "
             "connect-src 'self'; form-action 'self'; img-src 'self'; base-uri 'none'; "
             "frame-ancestors 'none'",
             s, j);
}

void serve_page_begin(serve_buf *b, ogi_lang lang, const char *title)
{
    int en = lang == OGI_LANG_EN;
    serve_buf_printf(b,
                     "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
                     "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                     "<title>",
                     en ? "en" : "zh-CN");
    serve_buf_html(b, title);
    serve_buf_printf(b, "</title><style>%s</style></head><body><header><h1>", style);
    serve_buf_html(b, serve_text(ST_TITLE, lang));
    serve_buf_printf(b, "</h1><nav><a href=\"/?lang=%s\">%s</a><a href=\"/office?lang=%s\">%s</a>",
                     en ? "zh" : "en", serve_text(ST_OTHER_LANG, lang), en ? "en" : "zh",
                     serve_text(ST_OFFICE_LINK, lang));
    serve_buf_add(b, "</nav></header><main>");
}

void serve_page_end(serve_buf *b, ogi_lang lang, int with_script)
{
    (void)lang;
    serve_buf_printf(b, "</main><footer>ogi %s</footer>", OGI_VERSION);
    if (with_script)
        serve_buf_printf(b, "<script>%s</script>", script);
    serve_buf_add(b, "</body></html>\n");
}

void serve_page_message(serve_buf *b, ogi_lang lang, const char *title, const char *text)
{
    serve_page_begin(b, lang, title);
    serve_buf_add(b, "<h2 id=\"message-title\">");
    serve_buf_html(b, title);
    serve_buf_add(b, "</h2><p id=\"message\" class=\"note\">");
    serve_buf_html(b, text);
    serve_buf_printf(b, "</p><p><a href=\"/?lang=%s\">%s</a></p>",
                     lang == OGI_LANG_EN ? "en" : "zh", serve_text(ST_SUBMIT, lang));
    serve_page_end(b, lang, 0);
}

/* A number as a clerk writes it: 12, 3.5, never 12.000000. */
static void number(serve_buf *b, const json_t *v)
{
    if (json_is_integer(v))
        serve_buf_printf(b, "%lld", (long long)json_integer_value(v));
    else if (json_is_real(v))
        serve_buf_printf(b, "%.10g", json_real_value(v));
}

static serve_text_id severity_text(const char *sev)
{
    return strcmp(sev, "error") == 0     ? ST_SEV_ERROR
           : strcmp(sev, "warning") == 0 ? ST_SEV_WARNING
                                         : ST_SEV_INFO;
}

static const char *str(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

static void findings_table(serve_buf *b, const json_t *list, ogi_lang lang)
{
    if (json_array_size(list) == 0) {
        serve_buf_printf(b, "<p id=\"no-findings\">%s</p>", serve_text(ST_NO_FINDINGS, lang));
        return;
    }
    static const serve_text_id cols[] = {ST_COL_SEVERITY, ST_COL_TABLE,    ST_COL_POSITION,
                                         ST_COL_CELL,     ST_COL_EXPECTED, ST_COL_ACTUAL,
                                         ST_COL_MESSAGE};
    serve_buf_add(b, "<table id=\"findings\"><thead><tr>");
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
        serve_buf_printf(b, "<th>%s</th>", serve_text(cols[i], lang));
    serve_buf_add(b, "</tr></thead><tbody>");
    size_t i;
    json_t *f;
    json_array_foreach(list, i, f)
    {
        const char *sev = str(f, "severity");
        serve_buf_printf(b, "<tr class=\"finding %s\" data-rule=\"", sev);
        serve_buf_html(b, str(f, "rule"));
        serve_buf_printf(b, "\"><td>%s</td><td>", serve_text(severity_text(sev), lang));
        serve_buf_html(b, str(f, "table"));
        serve_buf_add(b, "</td><td class=\"position\">");
        serve_buf_html(b, str(f, "position"));
        serve_buf_add(b, "</td><td class=\"cell\">");
        serve_buf_html(b, str(f, "cell"));
        serve_buf_add(b, "</td><td class=\"num expected\">");
        number(b, json_object_get(f, "expected"));
        serve_buf_add(b, "</td><td class=\"num actual\">");
        number(b, json_object_get(f, "actual"));
        serve_buf_add(b, "</td><td class=\"message\">");
        serve_buf_html(b, str(f, "message"));
        const json_t *sv = json_object_get(f, "suggested_value");
        if (sv) {
            serve_buf tmp = {0};
            number(&tmp, sv);
            char line[1024];
            snprintf(line, sizeof line, serve_text(ST_SUGGEST, lang), str(f, "suggested_cell"),
                     tmp.data ? tmp.data : "");
            serve_buf_free(&tmp);
            serve_buf_add(b, "<br><em>");
            serve_buf_html(b, line);
            serve_buf_add(b, "</em>");
        }
        serve_buf_add(b, "</td></tr>");
    }
    serve_buf_add(b, "</tbody></table>");
}

static void count_text(serve_buf *b, const json_t *counts, ogi_lang lang)
{
    char e[24], w[24], i[24], line[256];
    snprintf(e, sizeof e, "%lld", (long long)json_integer_value(json_object_get(counts, "error")));
    snprintf(w, sizeof w, "%lld",
             (long long)json_integer_value(json_object_get(counts, "warning")));
    snprintf(i, sizeof i, "%lld", (long long)json_integer_value(json_object_get(counts, "info")));
    snprintf(line, sizeof line, serve_text(ST_COUNTS, lang), e, w, i);
    serve_buf_html(b, line);
}

static void result_section(serve_buf *b, const char *json_text, const char *id, ogi_lang lang)
{
    json_error_t jerr;
    json_t *doc = json_loads(json_text, 0, &jerr);
    if (!doc)
        return;
    const char *verdict = str(doc, "verdict");
    serve_text_id vt = strcmp(verdict, "pass") == 0   ? ST_VERDICT_PASS
                       : strcmp(verdict, "fail") == 0 ? ST_VERDICT_FAIL
                                                      : ST_VERDICT_REFUSED;
    serve_buf_add(b, "<section id=\"result\">");
    serve_buf_printf(b, "<h2 id=\"verdict\" class=\"verdict %s\" data-verdict=\"%s\">%s%s</h2>",
                     vt == ST_VERDICT_PASS   ? "pass"
                     : vt == ST_VERDICT_FAIL ? "fail"
                                             : "refused",
                     vt == ST_VERDICT_PASS   ? "pass"
                     : vt == ST_VERDICT_FAIL ? "fail"
                                             : "refused",
                     serve_text(ST_RESULT_OF, lang), serve_text(vt, lang));
    serve_buf_add(b, "<p id=\"summary\">");
    serve_buf_html(b, str(doc, "file"));
    serve_buf_add(b, serve_text(ST_ABOUT_OPEN, lang));
    serve_buf_html(b, str(doc, "submitter"));
    serve_buf_add(b, serve_text(ST_ABOUT_SEP, lang));
    serve_buf_html(b, str(doc, "time"));
    serve_buf_add(b, serve_text(ST_ABOUT_CLOSE, lang));
    if (vt != ST_VERDICT_REFUSED) {
        serve_buf_add(b, " ");
        count_text(b, json_object_get(doc, "counts"), lang);
    }
    serve_buf_add(b, "</p>");
    if (vt == ST_VERDICT_REFUSED) {
        serve_buf_printf(b, "<p id=\"reason\" class=\"note\">%s", serve_text(ST_REFUSED_WHY, lang));
        serve_buf_html(b, str(json_object_get(doc, "reason"), lang == OGI_LANG_EN ? "en" : "zh"));
        serve_buf_add(b, "</p>");
    } else {
        serve_buf_printf(
            b, "<p><a id=\"download\" class=\"download\" href=\"/r/%s/checked.xlsx\">%s</a></p>",
            id, serve_text(ST_DOWNLOAD, lang));
        findings_table(
            b, json_object_get(json_object_get(doc, "findings"), lang == OGI_LANG_EN ? "en" : "zh"),
            lang);
    }
    serve_buf_printf(b, "<p class=\"keep\">%s</p></section>", serve_text(ST_KEEP_LINK, lang));
    json_decref(doc);
}

void serve_page_upload(serve_buf *b, const serve_upload_view *v)
{
    ogi_lang lang = v->lang;
    const char *l = lang == OGI_LANG_EN ? "en" : "zh";
    serve_page_begin(b, lang, serve_text(ST_TITLE, lang));
    serve_buf_printf(b, "<p>%s</p>", serve_text(ST_INTRO, lang));
    if (v->error) {
        serve_buf_add(b, "<p id=\"error\" class=\"note error\">");
        serve_buf_html(b, v->error);
        serve_buf_add(b, "</p>");
    }
    serve_buf_printf(
        b,
        "<form id=\"upload\" class=\"upload\" method=\"post\" action=\"/upload?lang=%s\" "
        "enctype=\"multipart/form-data\"><input type=\"hidden\" name=\"csrf\" value=\"",
        l);
    serve_buf_html(b, v->csrf);
    serve_buf_printf(b,
                     "\"><label for=\"agency\">%s</label><input type=\"text\" id=\"agency\" "
                     "name=\"agency\" required maxlength=\"80\" list=\"roster\" "
                     "autocomplete=\"organization\" placeholder=\"%s\" value=\"",
                     serve_text(ST_AGENCY, lang), serve_text(ST_AGENCY_HINT, lang));
    if (v->agency)
        serve_buf_html(b, v->agency);
    serve_buf_add(b, "\"><datalist id=\"roster\">");
    for (size_t i = 0; v->roster && i < v->roster->n; i++) {
        serve_buf_add(b, "<option value=\"");
        serve_buf_html(b, v->roster->entries[i].agency);
        serve_buf_add(b, "\">");
    }
    serve_buf_printf(b,
                     "</datalist><div id=\"drop\" class=\"drop\"><label for=\"file\">%s</label>"
                     "<input type=\"file\" id=\"file\" name=\"file\" required "
                     "accept=\".xls,.xlsx,.ods,.et\"><p>%s</p></div>"
                     "<progress id=\"progress\" max=\"100\" value=\"0\" hidden></progress>"
                     "<button type=\"submit\" id=\"submit\">%s</button></form>",
                     serve_text(ST_FILE, lang), serve_text(ST_DROP, lang),
                     serve_text(ST_SUBMIT, lang));
    if (v->result_json && v->result_id)
        result_section(b, v->result_json, v->result_id, lang);
    serve_page_end(b, lang, 1);
}
