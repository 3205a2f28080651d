/*
 * serve_text.h - every word the pages of `ogi serve` say, in Chinese and
 * English (serve_text.c). The front's own strings, as the CLI keeps its
 * own; the library's messages (findings, errors) come from messages.c.
 */
#ifndef OGI_SERVE_TEXT_H
#define OGI_SERVE_TEXT_H

#include "ogi.h"

typedef enum serve_text_id {
    ST_TITLE,
    ST_INTRO,
    ST_AGENCY,
    ST_AGENCY_HINT,
    ST_FILE,
    ST_DROP,
    ST_SUBMIT,
    ST_OFFICE_LINK,
    ST_OTHER_LANG,
    ST_VERDICT_PASS,
    ST_VERDICT_FAIL,
    ST_VERDICT_REFUSED,
    ST_RESULT_OF,
    ST_COUNTS,
    ST_DOWNLOAD,
    ST_NO_FINDINGS,
    ST_COL_SEVERITY,
    ST_COL_TABLE,
    ST_COL_POSITION,
    ST_COL_CELL,
    ST_COL_EXPECTED,
    ST_COL_ACTUAL,
    ST_COL_MESSAGE,
    ST_SEV_ERROR,
    ST_SEV_WARNING,
    ST_SEV_INFO,
    ST_SUGGEST,
    ST_REFUSED_WHY,
    ST_KEEP_LINK,
    ST_ERR_NO_FILE,
    ST_ERR_NO_AGENCY,
    ST_ERR_BAD_AGENCY,
    ST_ERR_BAD_NAME,
    ST_ERR_TOO_LARGE,
    ST_ERR_FORM,
    ST_ERR_CSRF,
    ST_ERR_BUSY,
    ST_ERR_NOT_FOUND,
    ST_ERR_METHOD,
    ST_ERR_INTERNAL,
    ST_ERR_STOPPING,
    ST_BAD_REQUEST,
    ST_OFFICE_TITLE,
    ST_LOGIN_INTRO,
    ST_LOGIN_TOKEN,
    ST_LOGIN_SUBMIT,
    ST_LOGIN_WRONG,
    ST_LOGOUT,
    ST_ST_MISSING,
    ST_ST_FAIL,
    ST_ST_PASS_WARN,
    ST_ST_PASS,
    ST_ST_REFUSED,
    ST_ROSTER_HEAD,
    ST_NO_ROSTER,
    ST_UNLISTED_HEAD,
    ST_SUBMISSIONS_HEAD,
    ST_NO_SUBMISSIONS,
    ST_COL_AGENCY,
    ST_COL_GROUP,
    ST_COL_FOLDER,
    ST_COL_STATUS,
    ST_COL_TRIES,
    ST_COL_LAST,
    ST_COL_TIME,
    ST_COL_FILE,
    ST_COL_VERDICT,
    ST_COL_COUNTS,
    ST_COL_LINKS,
    ST_VIEW,
    ST_WORKBOOK,
    ST_ROLLUP_HEAD,
    ST_NO_ROLLUP,
    ST_TOTALS,
    ST_BACK,
    ST_SUBMISSION,
    ST_ORIGINAL,
    ST_REASON,
    ST_SOURCE_NOTE,
    ST_NEWEST_ONLY,
    ST_REGISTER_NOTE,
    ST_YEAR,
    ST_SHOW,
    ST_RESULTS_SWEPT,
    /* ogi serve's start, stop and log (serve.c) */
    ST_LOG_STALE_TEMPS,   /* %ld */
    ST_LOG_TOKEN_CREATED, /* %s: the token file */
    ST_LOG_STARTED,       /* version, box, [, host, ], port, token file */
    ST_LOG_SIGNAL,        /* %d */
    ST_LOG_STOPPED,
    ST_ERR_LISTEN,
    ST_ERR_OPTION,
    ST_ERR_NO_BOX,
    ST_ERR_LISTEN_FORMAT,
    ST_ERR_BOX_FOLDERS,
    ST_ERR_BOX_LOCKED,
    ST_ERR_TOKEN_MODE,
    ST_ERR_TOKEN_FORMAT,
    ST_LIST_SEP, /* between the totals of the office page */
    /* around the submitter and time after the file's name on a result */
    ST_ABOUT_OPEN,
    ST_ABOUT_SEP,
    ST_ABOUT_CLOSE,
    ST_COUNT
} serve_text_id;

const char *serve_text(serve_text_id id, ogi_lang lang);

#endif /* OGI_SERVE_TEXT_H */
