/*
 * cli_messages.c - the fronts' own strings (cli_messages.h), Chinese and
 * English side by side.
 */
#include "cli_messages.h"

static const char *const messages[OGI_CLI_MSG_COUNT][2] = {
    [OGI_CLI_MSG_UNKNOWN_OPTION] = {"%s：没有 %s 这个选项", "%s: unknown option %s"},
    [OGI_CLI_MSG_MISSING_VALUE] = {"%s：选项 %s 后面缺少取值", "%s: option %s needs a value"},
    [OGI_CLI_MSG_BAD_VALUE] = {"%s：选项 %s 的取值“%s”无效：%s", "%s: bad value '%s' for %s: %s"},
    [OGI_CLI_MSG_WANT_LANG] = {"应为 zh（中文）或 en（英文）", "zh (Chinese) or en (English)"},
    [OGI_CLI_MSG_WANT_FORMAT] = {"应为 text 或 json", "text or json"},
    [OGI_CLI_MSG_WANT_JOBS] = {"应为 1 到 %d 之间的整数", "a whole number from 1 to %d"},
    [OGI_CLI_MSG_WANT_SIZE] = {"应为正整数，可带 k 或 M（如 200M）",
                               "a positive whole number, k or M allowed (200M)"},
    [OGI_CLI_MSG_WANT_SECONDS] = {"应为 1 到 86400 之间的秒数", "seconds, from 1 to 86400"},
    [OGI_CLI_MSG_WANT_OTHER] = {"见 --help", "see --help"},
    [OGI_CLI_MSG_HELP_COMMON] =
        {"  --lang zh|en          提示语言（默认中文）\n"
         "  --template 文件       另外加载一个表格模板（可多次）\n"
         "  --max-file-size N     文件大小上限（字节，可带 k、M）\n"
         "  --max-cells N         单元格数上限\n"
         "  --max-string N        单个单元格文字长度上限\n"
         "  --max-seconds N       每个文件的处理时间上限（秒）\n"
         "  -h, --help            显示本说明\n",
         "  --lang zh|en          language of the messages (default Chinese)\n"
         "  --template FILE       load one more table template (may be repeated)\n"
         "  --max-file-size N     largest file read (bytes, k or M allowed)\n"
         "  --max-cells N         most cells read\n"
         "  --max-string N        longest text of one cell\n"
         "  --max-seconds N       longest time spent on one file (seconds)\n"
         "  -h, --help            show this help\n"},
    [OGI_CLI_MSG_EXIT_STATUS] =
        {"退出状态：0 全部通过；1 有文件未通过；2 有文件无法读取、未找到法定表格或用法错误。\n",
         "exit status: 0 every file passed; 1 some file failed; 2 some file unreadable,\n"
         "without statutory tables, or bad usage.\n"},
    [OGI_CLI_MSG_USAGE] = {"用法：\n", "usage:\n"},
    [OGI_CLI_MSG_ALL_OPTIONS] = {"每个命令的全部选项：", "all options of a command: "},
    [OGI_CLI_MSG_LIST_SEP] = {"、", ", "},
    [OGI_CLI_MSG_UNKNOWN_COMMAND] = {"ogi：未知命令：%s\n", "ogi: unknown command: %s\n"},
    [OGI_CLI_MSG_NO_PROGRAM] = {"ogi %s：找不到程序 %s（在 %s 和 %s 中查找过）；请用 make install "
                                "完整安装 ogi\n",
                                "ogi %s: the program %s was not found (looked in %s and %s); "
                                "install ogi whole with make install\n"},
    [OGI_CLI_MSG_EXEC_FAILED] = {"ogi %s：无法运行 %s：%s\n", "ogi %s: cannot run %s: %s\n"},
    [OGI_CLI_MSG_OUTDIR_EMPTY] = {"--outdir 不能为空", "--outdir is empty"},
    [OGI_CLI_MSG_OUTDIR_NOT_FOLDER] = {"--outdir %s 已存在，但不是文件夹",
                                       "--outdir %s exists and is not a folder"},
    [OGI_CLI_MSG_OUTDIR_CANNOT_MAKE] = {"无法创建 --outdir 文件夹 %s：%s",
                                        "cannot create the --outdir folder %s: %s"},
    [OGI_CLI_MSG_WHY_PERMISSION] = {"没有权限", "permission denied"},
    [OGI_CLI_MSG_WHY_READ_ONLY] = {"只读文件系统", "read-only file system"},
    [OGI_CLI_MSG_WHY_DISK_FULL] = {"磁盘已满", "no space left on the disk"},
    [OGI_CLI_MSG_WHY_FILE_IN_PATH] = {"路径中有一部分是文件而不是文件夹",
                                      "a part of the path is a file, not a folder"},
    [OGI_CLI_MSG_WHY_PATH_TOO_LONG] = {"路径太长", "the path is too long"},
    [OGI_CLI_MSG_CONVERTED] = {"%s → %s：%s（错误 %zu 项，警告 %zu 项，提示 %zu 项）\n",
                               "%s -> %s: %s (%zu errors, %zu warnings, %zu infos)\n"},
    [OGI_CLI_MSG_VERDICT_PASS] = {"通过", "PASS"},
    [OGI_CLI_MSG_VERDICT_FAIL] = {"未通过", "FAIL"},
    [OGI_CLI_MSG_CONVERT_COLLIDE] = {"ogi convert: 两个输入文件会写出同一个输出文件 %s\n",
                                     "ogi convert: two input files would both write %s\n"},
    [OGI_CLI_MSG_CONVERT_BAD_OPTION] = {"选项错误（见 ogi convert --help）",
                                        "bad option (see ogi convert --help)"},
    [OGI_CLI_MSG_CONVERT_NO_INPUT] = {"缺少输入文件", "no input file"},
    [OGI_CLI_MSG_CONVERT_ONE_OUTPUT] = {"-o 只能用于单个文件，且不能与 --outdir 同用",
                                        "-o takes one input file and no --outdir"},
    [OGI_CLI_MSG_STATUS_HEAD] = {"%d 年度：通过 %zu，通过（有警告）%zu，未通过 %zu，未报送 %zu",
                                 "%d: passed %zu, passed with warnings %zu, failing %zu, not "
                                 "submitted %zu"},
    [OGI_CLI_MSG_STATUS_NO_ROSTER] =
        {"（收件箱目录中没有名单 roster.csv 或 roster.xlsx：无法列出未报送单位）",
         "(no roster.csv or roster.xlsx in the box: agencies not submitted cannot be listed)"},
    [OGI_CLI_MSG_STATUS_UNLISTED] = {"不在名单中", "not on the roster"},
    [OGI_CLI_MSG_STATUS_TRIES] = {"报送 %u 次，最近 %s", "%u tries, last %s"},
    [OGI_CLI_MSG_STATUS_NO_YEAR] = {"登记库中还没有任何报送", "nothing registered yet"},
    [OGI_CLI_MSG_STATUS_SECTION] = {"\n%s（%zu）\n", "\n%s (%zu)\n"},
};

const char *ogi_cli_message(ogi_cli_msg msg, ogi_lang lang)
{
    if ((unsigned)msg >= OGI_CLI_MSG_COUNT)
        return "";
    return messages[msg][lang == OGI_LANG_EN];
}

/* One entry per command, in the order `ogi --help` lists them; a new
 * command adds its texts here and its line to the table in main.c. */
static const ogi_cli_command_text commands[] = {
    {"check",
     {"ogi check [--format text|json] [-j N] [--lang zh|en] [--template 文件] [--previous "
      "上年报表] 文件...",
      "ogi check [--format text|json] [-j N] [--lang zh|en] [--template FILE] [--previous "
      "LAST.xls] FILE..."},
     {"用法：ogi check [选项] 文件...\n"
      "审核报表的统计表格，打印审核结果。\n"
      "  --format text|json    结果格式（默认 text）\n"
      "  -j, --jobs N          同时审核的文件数（1–64）\n"
      "  --previous 上年报表   同时核对与上一年报表的衔接\n"
      "  --previous-dir 目录   上年报表所在的文件夹：每个文件自动找同一单位的上年报表\n",
      "usage: ogi check [OPTIONS] FILE...\n"
      "Checks the statistical tables of the reports and prints the findings.\n"
      "  --format text|json    output format (default text)\n"
      "  -j, --jobs N          files checked side by side (1-64)\n"
      "  --previous LAST.xls   also check the figures carried over from last year's report\n"
      "  --previous-dir DIR    a folder of last year's reports: each file is compared with\n"
      "                        the one of the same agency\n"}},
    {"convert",
     {"ogi convert [-o 输出.xlsx | --outdir 目录] [-j N] [--json] [--lang zh|en] 文件...",
      "ogi convert [-o OUT.xlsx | --outdir DIR] [-j N] [--json] [--lang zh|en] FILE..."},
     {"用法：ogi convert [选项] 文件...\n"
      "审核报表，并写出标注了问题的工作簿（文件名.checked.xlsx）。\n"
      "  -o, --output 输出.xlsx  输出文件（只用于单个输入文件）\n"
      "  --outdir 目录         输出到该文件夹，不存在时创建（默认与输入文件同一文件夹）\n"
      "  -j, --jobs N          同时处理的文件数（1–64）\n"
      "  --json                同时写出 JSON 审核结果\n"
      "  -q, --quiet           不打印进度\n"
      "  --previous 上年报表   同时核对与上一年报表的衔接\n"
      "  --register 收件箱目录 同时记入该收件箱目录的登记库（见 docs/campaign.md）\n",
      "usage: ogi convert [OPTIONS] FILE...\n"
      "Checks the reports and writes each as a marked-up workbook (NAME.checked.xlsx).\n"
      "  -o, --output OUT.xlsx   output file (one input file only)\n"
      "  --outdir DIR          write into this folder, made if missing (default: beside the "
      "input)\n"
      "  -j, --jobs N          files converted side by side (1-64)\n"
      "  --json                also write the findings as JSON\n"
      "  -q, --quiet           print no progress\n"
      "  --previous LAST.xls   also check the figures carried over from last year's report\n"
      "  --register BOX        also record each file in the register of BOX\n"
      "                        (docs/campaign.md)\n"}},
    {"watch",
     {"ogi watch [--once] [--log 文件] [--poll 秒] [--settle 秒] [--jobs N] 收件箱目录",
      "ogi watch [--once] [--log FILE] [--poll SECONDS] [--settle SECONDS] [--jobs N] BOX"},
     {"用法：ogi watch [选项] 收件箱目录\n"
      "监视收件箱目录，逐个审核放入的报表。\n"
      "  --once                处理完已有文件后退出\n"
      "  --log 文件            日志写入该文件（默认标准输出）\n"
      "  --poll 秒             定时扫描（不用 inotify）的间隔\n"
      "  --settle 秒           文件多久不变才算传完\n"
      "  --jobs N              同时处理的文件数（1–16）\n"
      "  --verbose             日志更详细\n",
      "usage: ogi watch [OPTIONS] BOX\n"
      "Watches the BOX folder and checks each report put into it.\n"
      "  --once                handle the files already there, then stop\n"
      "  --log FILE            write the log to FILE (default standard output)\n"
      "  --poll SECONDS        scan every SECONDS instead of using inotify\n"
      "  --settle SECONDS      how long a file must stay unchanged to be taken\n"
      "  --jobs N              files handled side by side (1-16)\n"
      "  --verbose             a more detailed log\n"}},
    {"serve",
     {"ogi serve [--listen 地址:端口] [--token-file 文件] [--max-uploads N] 收件箱目录",
      "ogi serve [--listen HOST:PORT] [--token-file FILE] [--max-uploads N] BOX"},
     {"用法：ogi serve [选项] 收件箱目录\n"
      "提供上传页面（各单位上传报表，立即看到审核结果）和办公室的报送情况页面（见 "
      "docs/serve.md）。\n"
      "  --listen 地址:端口    监听地址（默认 127.0.0.1:8080；端口 0 表示任一空闲端口）\n"
      "  --token-file 文件     办公室令牌（默认 收件箱目录/serve.token，首次启动时创建，权限 "
      "0600）\n"
      "  --max-uploads N       同时审核的上传数（1–64，默认 4），超出的请其稍后重试\n"
      "  --timeout 秒          一个请求最长的时间，也是连接的空闲时间（默认 60）\n"
      "  --poll 秒             每隔若干秒扫描收件箱中直接放入的文件（默认 5；0 表示不扫描）\n"
      "  --settle 秒           放入的文件须保持不变的时间（默认 3）\n"
      "  --log 文件            日志追加到该文件（默认标准输出）\n"
      "  （--max-file-size 也是上传文件的上限，默认 20M；不支持 --previous）\n",
      "usage: ogi serve [OPTIONS] BOX\n"
      "Serves the upload page (agencies upload a report and see its check at once) and the\n"
      "office's overview of the submissions (docs/serve.md).\n"
      "  --listen HOST:PORT    where to listen (default 127.0.0.1:8080; port 0: any free port)\n"
      "  --token-file FILE     the office's token (default BOX/serve.token, made on first start, "
      "mode 0600)\n"
      "  --max-uploads N       uploads checked at a time (1-64, default 4); the excess is told to "
      "retry\n"
      "  --timeout SECONDS     the longest a request may take, and the idle limit (default 60)\n"
      "  --poll SECONDS        scan the inbox for dropped files every SECONDS (default 5; 0: "
      "never)\n"
      "  --settle SECONDS      how long a dropped file must stay unchanged (default 3)\n"
      "  --log FILE            append the log to FILE (default standard output)\n"
      "  (--max-file-size is also the largest upload, default 20M; --previous is not taken)\n"}},
    {"status",
     {"ogi status [--year 年度] [--all] [--format text|json] 收件箱目录",
      "ogi status [--year YEAR] [--all] [--format text|json] BOX"},
     {"用法：ogi status [选项] 收件箱目录\n"
      "各单位本年度的报送情况：先列各状态的单位数，再列未报送和未通过的单位（docs/campaign.md）。\n"
      "  --year 年度           报告年度（默认登记库中最近的年度）\n"
      "  --format text|json    输出格式（默认 text）\n"
      "  --all                 列出所有单位，而不只是未报送和未通过的\n"
      "  --lang zh|en          输出语言\n",
      "usage: ogi status [OPTIONS] BOX\n"
      "Each agency's submissions for a report year: the counts by status, then the\n"
      "agencies not submitted and failing (docs/campaign.md).\n"
      "  --year YEAR           report year (default: the latest registered)\n"
      "  --format text|json    output format (default text)\n"
      "  --all                 list every agency, not only those missing and failing\n"
      "  --lang zh|en          language of the output\n"}},
    {"summary",
     {"ogi summary [--year 年度] [-o 汇总.xlsx] 收件箱目录",
      "ogi summary [--year YEAR] [-o SUMMARY.xlsx] BOX"},
     {"用法：ogi summary [选项] 收件箱目录\n"
      "写出报告年度的汇总工作簿：报送情况、各单位明细、法定表格的合计（公式）、问题统计和图表"
      "（docs/campaign.md）。\n"
      "  --year 年度           报告年度（默认登记库中最近的年度）\n"
      "  -o, --output 文件     输出文件（默认 收件箱目录/outbox/汇总-年度.xlsx）\n"
      "  --lang zh|en          工作簿的语言\n",
      "usage: ogi summary [OPTIONS] BOX\n"
      "Writes the roll-up workbook of a report year: submissions, each agency's figures,\n"
      "the statutory tables summed (live formulas), findings by rule, charts\n"
      "(docs/campaign.md).\n"
      "  --year YEAR           report year (default: the latest registered)\n"
      "  -o, --output FILE     output file (default BOX/outbox/summary-YEAR.xlsx)\n"
      "  --lang zh|en          language of the workbook\n"}},
};

const ogi_cli_command_text *ogi_cli_command_texts(size_t *count)
{
    *count = sizeof commands / sizeof *commands;
    return commands;
}
