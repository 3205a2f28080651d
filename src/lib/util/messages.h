/*
 * messages.h (private to the library) - every user-facing string of the library, Chinese and
 * English, in one table (rule messages live in the templates).
 */
#ifndef OGI_MESSAGES_H
#define OGI_MESSAGES_H

#include "ogi.h"

typedef enum ogi_msg {
    OGI_MSG_VALUE_TEXT_NUMBER,
    OGI_MSG_VALUE_MISSING,
    OGI_MSG_VALUE_DASH,
    OGI_MSG_VALUE_EXPRESSION,
    OGI_MSG_VALUE_UNIT,
    OGI_MSG_VALUE_UNIT_UNKNOWN,
    OGI_MSG_VALUE_ANNOTATED,
    OGI_MSG_VALUE_NEGATIVE,
    OGI_MSG_VALUE_NOT_INTEGER,
    OGI_MSG_VALUE_NOT_NUMBER,
    OGI_MSG_VALUE_UNIT_YUAN, /* note bits follow each other */
    OGI_MSG_VALUE_FORMULA_UNCACHED,
    OGI_MSG_VALUE_FORMULA_COMPUTED,
    OGI_MSG_MAP_MISSING_TABLE,
    OGI_MSG_MAP_MISSING_ROW,
    OGI_MSG_MAP_MISSING_COLUMN,
    OGI_MSG_MAP_EXTRA_ROW,
    OGI_MSG_MAP_MIXED_VERSION,
    OGI_MSG_MAP_MULTIPLE_SETS,
    OGI_MSG_MAP_LABEL_VARIANT, /* table, cell, label as written, statutory label */
    OGI_MSG_TEMPLATE_TOO_MANY_ROWS,
    OGI_MSG_TEMPLATE_TOO_MANY_COLS,
    OGI_MSG_PREVIOUS_WHO,
    OGI_MSG_PREVIOUS_MISMATCH,
    OGI_MSG_BLANKS,  /* "；%s 为空" */
    OGI_MSG_SUGGEST, /* "，若填 %s 即相符" */
    OGI_MSG_NO_TABLES,
    OGI_MSG_PASS,
    OGI_MSG_FAIL,
    OGI_MSG_NO_TABLES_VERDICT,
    OGI_MSG_UNREADABLE_VERDICT,
    OGI_MSG_SEVERITY_ERROR,
    OGI_MSG_SEVERITY_WARNING,
    OGI_MSG_SEVERITY_INFO,
    OGI_MSG_FILE,
    OGI_MSG_VERDICT,
    OGI_MSG_VERSION,
    OGI_MSG_AGENCY,
    OGI_MSG_YEAR,
    OGI_MSG_COUNTS,
    OGI_MSG_EXPECTED,
    OGI_MSG_ACTUAL,
    OGI_MSG_SUGGESTED,
    OGI_MSG_UNKNOWN,
    OGI_MSG_GENERAL,
    /* the marked-up workbook (write_*.c) */
    OGI_MSG_XLSX_TITLE,
    OGI_MSG_XLSX_SOURCE,
    OGI_MSG_XLSX_SHA256,
    OGI_MSG_XLSX_TIME,
    OGI_MSG_XLSX_TOOL,
    OGI_MSG_XLSX_FINDINGS,
    OGI_MSG_XLSX_NONE,
    OGI_MSG_XLSX_NO,
    OGI_MSG_XLSX_SEVERITY,
    OGI_MSG_XLSX_TABLE,
    OGI_MSG_XLSX_RULE,
    OGI_MSG_XLSX_POSITION,
    OGI_MSG_XLSX_CELL,
    OGI_MSG_XLSX_MESSAGE,
    OGI_MSG_XLSX_ITEM,
    OGI_MSG_XLSX_COMPUTED,
    OGI_MSG_XLSX_LEGEND,
    OGI_MSG_SUGGESTION_LINE, /* text report: where and what to fill in */
    OGI_MSG_XLSX_T3_NOTE,
    OGI_MSG_XLSX_T3_RESULTS,
    OGI_MSG_XLSX_SUM_OF,
    /* names of the sheets ogi adds; resubmit.c recognises them by these */
    OGI_MSG_SHEET_SUMMARY,   /* 审核结果 */
    OGI_MSG_SHEET_STATUTORY, /* 规范-, before a table's short name */
    OGI_MSG_XLSX_FONT,       /* the body font of the workbook */
    /* the workbook's document properties */
    OGI_MSG_PROP_TITLE, /* followed by the agency or the file name */
    OGI_MSG_PROP_SOURCE,
    OGI_MSG_PROP_SUBJECT,
    OGI_MSG_PROP_CATEGORY,
    OGI_MSG_PROP_KEYWORDS,
    /* punctuation and small phrases put between other texts */
    OGI_MSG_SEP_COLON,       /* after a label: "：" */
    OGI_MSG_SEP_COMMA,       /* between clauses: "，" */
    OGI_MSG_SEP_LIST,        /* between the items of a list: "、" */
    OGI_MSG_TITLE_SHORT_END, /* where a table's short name ends in its title */
    OGI_MSG_NAME_AND_TITLE,  /* "%s（%s）": a format's id and its title */
    OGI_MSG_TEXT_GROUP,      /* text report: a finding over many cells */
    OGI_MSG_PREVIOUS_CELL,   /* before the position of last year's cell */
    OGI_MSG_BLANKS_MORE,     /* after the blanks listed: zh the total, en the rest */
    /* the office (src/lib/office, ogi status, ogi summary): in the order
     * of ogi_agency_status */
    OGI_MSG_AGENCY_MISSING,
    OGI_MSG_AGENCY_FAIL,
    OGI_MSG_AGENCY_PASS_WARNINGS,
    OGI_MSG_AGENCY_PASS,
    OGI_MSG_STATUS_UNLISTED, /* "not on the roster" */
    OGI_MSG_PREVIOUS_FILE,   /* "%s (last year's report: %s)" */
    /* the roll-up workbook (rollup.c) */
    OGI_MSG_ROLLUP_TITLE, /* %d: the year */
    OGI_MSG_ROLLUP_SHEET_STATUS,
    OGI_MSG_ROLLUP_SHEET_DETAIL,
    OGI_MSG_ROLLUP_SHEET_TOTAL, /* put before 表二… */
    OGI_MSG_ROLLUP_SHEET_FINDINGS,
    OGI_MSG_ROLLUP_TOTALS,
    OGI_MSG_ROLLUP_AGENCIES,
    OGI_MSG_ROLLUP_AGENCY,
    OGI_MSG_ROLLUP_GROUP,
    OGI_MSG_ROLLUP_STATUS,
    OGI_MSG_ROLLUP_TRIES,
    OGI_MSG_ROLLUP_LAST,
    OGI_MSG_ROLLUP_OUTPUTS,
    OGI_MSG_ROLLUP_OPEN,
    OGI_MSG_ROLLUP_BY_RULE,
    OGI_MSG_ROLLUP_BY_TABLE,
    OGI_MSG_ROLLUP_COUNT,
    OGI_MSG_ROLLUP_CHART_STATUS,
    OGI_MSG_ROLLUP_CHART_RULES,
    OGI_MSG_ROLLUP_FILE, /* the file's name before -YEAR.xlsx (outbox/汇总-2024.xlsx) */
    OGI_MSG_COUNT
} ogi_msg;

const char *ogi_message(ogi_msg msg, ogi_lang lang);
/* The message of a value note bit (value.h). */
const char *ogi_note_message(unsigned note, ogi_lang lang);

#endif /* OGI_MESSAGES_H */
