/*
 * cli_messages.h - private to the fronts (src/cli, src/watch): every string
 * the command line shows of its own, in Chinese and English. The library's
 * strings are in src/lib/util/messages.c; a front never includes that.
 */
#ifndef OGI_CLI_MESSAGES_H
#define OGI_CLI_MESSAGES_H

#include <stddef.h>

#include "ogi.h"

typedef enum ogi_cli_msg {
    OGI_CLI_MSG_UNKNOWN_OPTION, /* "%s: unknown option %s" */
    OGI_CLI_MSG_MISSING_VALUE,  /* "%s: option %s needs a value" */
    OGI_CLI_MSG_BAD_VALUE,      /* "%s: bad value '%s' for %s: %s" */
    OGI_CLI_MSG_WANT_LANG,
    OGI_CLI_MSG_WANT_FORMAT,
    OGI_CLI_MSG_WANT_JOBS, /* %d: the most */
    OGI_CLI_MSG_WANT_SIZE,
    OGI_CLI_MSG_WANT_SECONDS,
    OGI_CLI_MSG_WANT_OTHER,
    OGI_CLI_MSG_HELP_COMMON,     /* the options every command shares */
    OGI_CLI_MSG_EXIT_STATUS,     /* the exit statuses, closing usage and help */
    OGI_CLI_MSG_USAGE,           /* "usage:" */
    OGI_CLI_MSG_ALL_OPTIONS,     /* "all options of a command: " */
    OGI_CLI_MSG_LIST_SEP,        /* between the commands listed after it */
    OGI_CLI_MSG_UNKNOWN_COMMAND, /* "ogi: unknown command: %s" */
    OGI_CLI_MSG_NO_PROGRAM,      /* command, its program, the two folders looked in */
    OGI_CLI_MSG_EXEC_FAILED,     /* command, the program's path, why */
    OGI_CLI_MSG_OUTDIR_EMPTY,
    OGI_CLI_MSG_OUTDIR_NOT_FOLDER,  /* %s: the path */
    OGI_CLI_MSG_OUTDIR_CANNOT_MAKE, /* %s: the path, %s: why (below) */
    OGI_CLI_MSG_WHY_PERMISSION,
    OGI_CLI_MSG_WHY_READ_ONLY,
    OGI_CLI_MSG_WHY_DISK_FULL,
    OGI_CLI_MSG_WHY_FILE_IN_PATH,
    OGI_CLI_MSG_WHY_PATH_TOO_LONG,
    /* ogi convert (cli_convert.c) */
    OGI_CLI_MSG_CONVERTED,    /* %s in, %s out, %s verdict, %zu errors, warnings, infos */
    OGI_CLI_MSG_VERDICT_PASS, /* the verdict words of a converted file's line */
    OGI_CLI_MSG_VERDICT_FAIL,
    OGI_CLI_MSG_CONVERT_COLLIDE, /* %s: the output two inputs would write */
    OGI_CLI_MSG_CONVERT_BAD_OPTION,
    OGI_CLI_MSG_CONVERT_NO_INPUT,
    OGI_CLI_MSG_CONVERT_ONE_OUTPUT, /* -o with several inputs or with --outdir */
    /* ogi status (cli_status.c) */
    OGI_CLI_MSG_STATUS_HEAD, /* year, then the counts by status */
    OGI_CLI_MSG_STATUS_NO_ROSTER,
    OGI_CLI_MSG_STATUS_UNLISTED,
    OGI_CLI_MSG_STATUS_TRIES, /* "%u tries, last %s" */
    OGI_CLI_MSG_STATUS_NO_YEAR,
    OGI_CLI_MSG_STATUS_SECTION, /* "\n%s (%zu)\n" */
    OGI_CLI_MSG_COUNT
} ogi_cli_msg;

const char *ogi_cli_message(ogi_cli_msg msg, ogi_lang lang);

/* What the user reads about one command: its line in `ogi --help` and
 * its own --help (the options every command shares follow it). */
typedef struct ogi_cli_command_text {
    const char *name;        /* "check" */
    const char *synopsis[2]; /* Chinese, English: "ogi check [...] FILE..." */
    const char *help[2];
} ogi_cli_command_text;

/* The commands' texts, in the order `ogi --help` lists them; *count is set. */
const ogi_cli_command_text *ogi_cli_command_texts(size_t *count);

#endif /* OGI_CLI_MESSAGES_H */
