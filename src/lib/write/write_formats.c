/*
 * write_formats.c - the look of the marked-up workbook: fonts that render
 * Chinese, fills by severity (red errors, amber warnings, blue infos; a
 * finding's first cell in the stronger shade), borders of the 规范 sheets.
 */
#include "common.h"
#include "messages.h"
#include "write_xlsx.h"

/* Fill and font colours per mark level; the first cell of a finding is
 * the stronger shade (Excel's own "Bad" and "Neutral" styles). */
static const uint32_t fill_color[OGI_MARK_LEVELS] = {
    [OGI_MARK_NONE] = 0,           [OGI_MARK_INFO] = 0xDDEBF7,
    [OGI_MARK_WARNING] = 0xFFF2CC, [OGI_MARK_WARNING_FIRST] = 0xFFEB9C,
    [OGI_MARK_ERROR] = 0xFFE1E1,   [OGI_MARK_ERROR_FIRST] = 0xFFC7CE,
};
static const uint32_t font_color[OGI_MARK_LEVELS] = {
    [OGI_MARK_WARNING_FIRST] = 0x9C5700,
    [OGI_MARK_ERROR_FIRST] = 0x9C0006,
};

typedef struct font {
    const char *name;
    double size;
} font;

static lxw_format *base(lxw_workbook *wb, const font *f)
{
    lxw_format *x = workbook_add_format(wb);
    format_set_font_name(x, f->name);
    format_set_font_size(x, f->size);
    format_set_align(x, LXW_ALIGN_VERTICAL_CENTER);
    return x;
}

static void set_mark(lxw_format *x, ogi_mark_level level)
{
    if (fill_color[level]) {
        format_set_pattern(x, LXW_PATTERN_SOLID);
        format_set_bg_color(x, fill_color[level]);
    }
    if (font_color[level])
        format_set_font_color(x, font_color[level]);
}

static void cell_formats(ogi_formats *f, lxw_workbook *wb, const font *body)
{
    for (int kind = 0; kind < OGI_FMT_KINDS; kind++)
        for (int level = 0; level < OGI_MARK_LEVELS; level++) {
            lxw_format *x = base(wb, body);
            if (kind == OGI_FMT_DATE)
                format_set_num_format(x, "yyyy-mm-dd");
            if (kind == OGI_FMT_GRID || kind == OGI_FMT_GRID_TEXT)
                format_set_border(x, LXW_BORDER_THIN);
            if (kind == OGI_FMT_GRID)
                format_set_align(x, LXW_ALIGN_CENTER);
            set_mark(x, (ogi_mark_level)level);
            f->cell[kind][level] = x;
        }
}

static void summary_formats(ogi_formats *f, lxw_workbook *wb, const font *body)
{
    f->title = base(wb, &(font){body->name, 16});
    format_set_bold(f->title);
    f->pass = base(wb, &(font){body->name, 28});
    format_set_bold(f->pass);
    format_set_font_color(f->pass, 0x006100);
    format_set_bg_color(f->pass, 0xC6EFCE);
    format_set_pattern(f->pass, LXW_PATTERN_SOLID);
    f->fail = base(wb, &(font){body->name, 28});
    format_set_bold(f->fail);
    format_set_font_color(f->fail, 0x9C0006);
    format_set_bg_color(f->fail, 0xFFC7CE);
    format_set_pattern(f->fail, LXW_PATTERN_SOLID);
    f->label = base(wb, body);
    format_set_bold(f->label);
    f->text = base(wb, body);
    format_set_text_wrap(f->text);
    format_set_align(f->text, LXW_ALIGN_LEFT);
    f->link = base(wb, body);
    format_set_underline(f->link, LXW_UNDERLINE_SINGLE);
    format_set_font_color(f->link, LXW_COLOR_BLUE);
    format_set_border(f->link, LXW_BORDER_THIN);
    f->wrap = base(wb, body);
    format_set_text_wrap(f->wrap);
    format_set_border(f->wrap, LXW_BORDER_THIN);
    f->num = base(wb, body);
    format_set_border(f->num, LXW_BORDER_THIN);
    for (int s = 0; s < 3; s++) {
        f->sev[s] = base(wb, body);
        format_set_border(f->sev[s], LXW_BORDER_THIN);
        format_set_align(f->sev[s], LXW_ALIGN_CENTER);
        set_mark(f->sev[s], s == OGI_SEVERITY_ERROR     ? OGI_MARK_ERROR_FIRST
                            : s == OGI_SEVERITY_WARNING ? OGI_MARK_WARNING_FIRST
                                                        : OGI_MARK_INFO);
    }
}

static void grid_formats(ogi_formats *f, lxw_workbook *wb, const font *body)
{
    f->head = base(wb, body);
    format_set_bold(f->head);
    format_set_border(f->head, LXW_BORDER_THIN);
    format_set_align(f->head, LXW_ALIGN_CENTER);
    format_set_text_wrap(f->head);
    format_set_pattern(f->head, LXW_PATTERN_SOLID);
    format_set_bg_color(f->head, 0xF2F2F2);
    f->row_label = base(wb, body);
    format_set_border(f->row_label, LXW_BORDER_THIN);
    format_set_text_wrap(f->row_label);
    f->sum = base(wb, body);
    format_set_italic(f->sum);
    format_set_border(f->sum, LXW_BORDER_THIN);
    format_set_align(f->sum, LXW_ALIGN_CENTER);
    format_set_font_color(f->sum, 0x595959);
    format_set_bg_color(f->sum, 0xF2F2F2);
    format_set_pattern(f->sum, LXW_PATTERN_SOLID);
    f->sum_off = base(wb, body);
    format_set_bold(f->sum_off);
    format_set_border(f->sum_off, LXW_BORDER_THIN);
    format_set_align(f->sum_off, LXW_ALIGN_CENTER);
    format_set_font_color(f->sum_off, 0xC00000);
    format_set_bg_color(f->sum_off, 0xF2F2F2);
    format_set_pattern(f->sum_off, LXW_PATTERN_SOLID);
}

void ogi_formats_init(ogi_formats *f, lxw_workbook *wb, ogi_lang lang)
{
    /* 宋体 is what the statutory form is printed in; viewers without it
     * fall back to any CJK font (fontconfig, Office's own mapping). */
    const font body = {ogi_message(OGI_MSG_XLSX_FONT, lang), 11};
    cell_formats(f, wb, &body);
    summary_formats(f, wb, &body);
    grid_formats(f, wb, &body);
}
