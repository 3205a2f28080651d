/*
 * resubmit.c - reading back a workbook ogi wrote (docs/formats.md).
 *
 * Submitters correct the marked-up workbook they got back and send it in
 * again. It holds their own sheets (same names, values as read), and
 * ogi's: the 审核结果 summary, whose text would otherwise be mapped like
 * any label, and the 规范-表二/三/四 sheets, which hold the same tables a
 * second time. Read as it stands, the tables would be found twice and the
 * summary's words taken for labels; so ogi's own sheets are dropped and
 * the submitter's are read, as in the original. The sheets are recognised
 * by what they hold, not by the file's properties, so a resubmission saved
 * again by Excel, WPS or LibreOffice (even as .ods) is recognised too.
 */
#include "resubmit.h"

#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "messages.h"

/* The sheet names write_xlsx.c gives are messages (one definition for
 * both): a resubmission in either language is recognised. */
static const ogi_lang both_langs[] = {OGI_LANG_ZH, OGI_LANG_EN};

/* name, or name + " (2)", " (3)"... as the writer makes names unique. */
static int is_named(const char *name, const char *base, size_t base_len)
{
    if (strncmp(name, base, base_len) != 0)
        return 0;
    const char *rest = name + base_len;
    if (*rest == '\0')
        return 1;
    if (rest[0] != ' ' || rest[1] != '(' || rest[2] < '0' || rest[2] > '9')
        return 0;
    rest += 2;
    while (*rest >= '0' && *rest <= '9')
        rest++;
    return rest[0] == ')' && rest[1] == '\0';
}

static int text_is(const ogi_cell *c, const char *text)
{
    return c && c->kind == OGI_CELL_TEXT && c->text_len == strlen(text) &&
           memcmp(c->text, text, c->text_len) == 0;
}

/* The summary: so named, with the line "审核工具  ogi 0.1.0". */
STATIC int ogi_is_summary_sheet(const ogi_sheet *sheet)
{
    int named = 0;
    for (size_t i = 0; i < OGI_ARRAY_LEN(both_langs); i++) {
        const char *summary = ogi_message(OGI_MSG_SHEET_SUMMARY, both_langs[i]);
        named |= is_named(sheet->name, summary, strlen(summary));
    }
    if (!named)
        return 0;
    const char *tool[] = {ogi_message(OGI_MSG_XLSX_TOOL, OGI_LANG_ZH),
                          ogi_message(OGI_MSG_XLSX_TOOL, OGI_LANG_EN)};
    for (size_t i = 0; i + 1 < sheet->ncells; i++) {
        const ogi_cell *c = &sheet->cells[i], *next = &sheet->cells[i + 1];
        if ((text_is(c, tool[0]) || text_is(c, tool[1])) && next->row == c->row &&
            next->kind == OGI_CELL_TEXT && strncmp(next->text, "ogi ", 4) == 0)
            return 1;
    }
    return 0;
}

/* A statutory sheet: "规范-表三" whose title (A1) is "表三 收到和…", or
 * "Statutory Table 3" titled "Table 3: …". */
STATIC int ogi_is_statutory_sheet(const ogi_sheet *sheet)
{
    const ogi_cell *title = ogi_sheet_cell(sheet, 0, 0);
    if (!title || title->kind != OGI_CELL_TEXT)
        return 0;
    for (size_t i = 0; i < OGI_ARRAY_LEN(both_langs); i++) {
        const char *prefix = ogi_message(OGI_MSG_SHEET_STATUTORY, both_langs[i]);
        size_t plen = strlen(prefix);
        if (strncmp(sheet->name, prefix, plen) != 0)
            continue;
        size_t word = strcspn(title->text, ogi_message(OGI_MSG_TITLE_SHORT_END, both_langs[i]));
        if (word > 0 && word < title->text_len && strlen(sheet->name + plen) >= word &&
            memcmp(sheet->name + plen, title->text, word) == 0 &&
            is_named(sheet->name + plen, title->text, word))
            return 1;
    }
    return 0;
}

static void drop_sheet(ogi_book *book, size_t index)
{
    ogi_sheet_release(&book->sheets[index]);
    memmove(&book->sheets[index], &book->sheets[index + 1],
            (book->nsheets - index - 1) * sizeof *book->sheets);
    book->nsheets--;
}

int ogi_book_drop_own_sheets(ogi_book *book)
{
    int summary = 0;
    size_t statutory = 0;
    for (size_t i = 0; i < book->nsheets; i++) {
        summary |= ogi_is_summary_sheet(&book->sheets[i]);
        statutory += (size_t)ogi_is_statutory_sheet(&book->sheets[i]);
    }
    if (!summary)
        return 0;
    /* with the submitter's sheets deleted, the statutory ones are all
     * that is left of the tables: then they are read */
    int keep_statutory = statutory + 1 == book->nsheets;
    for (size_t i = book->nsheets; i-- > 0;) {
        const ogi_sheet *s = &book->sheets[i];
        if (ogi_is_summary_sheet(s) || (!keep_statutory && ogi_is_statutory_sheet(s)))
            drop_sheet(book, i);
    }
    return 1;
}
