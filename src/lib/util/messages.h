/*
 * messages.h - every user-facing string of the library, Chinese and
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
    /* the command line (cli*.c): why an option was refused, and help */
    OGI_MSG_CLI_UNKNOWN_OPTION, /* "%s: unknown option %s" */
    OGI_MSG_CLI_MISSING_VALUE,  /* "%s: option %s needs a value" */
    OGI_MSG_CLI_BAD_VALUE,      /* "%s: bad value '%s' for %s: %s" */
    OGI_MSG_CLI_WANT_LANG,
    OGI_MSG_CLI_WANT_FORMAT,
    OGI_MSG_CLI_WANT_JOBS, /* %d: the most */
    OGI_MSG_CLI_WANT_SIZE,
    OGI_MSG_CLI_WANT_SECONDS,
    OGI_MSG_CLI_WANT_OTHER,
    OGI_MSG_CLI_HELP_COMMON,
    OGI_MSG_CLI_HELP_CHECK,
    OGI_MSG_CLI_HELP_CONVERT,
    OGI_MSG_CLI_HELP_WATCH,
    OGI_MSG_COUNT
} ogi_msg;

const char *ogi_message(ogi_msg msg, ogi_lang lang);
/* The message of a value note bit (value.h). */
const char *ogi_note_message(unsigned note, ogi_lang lang);

#endif /* OGI_MESSAGES_H */
