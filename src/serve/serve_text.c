/*
 * serve_text.c - the words of the pages, Chinese first.
 */
#include "serve_text.h"

static const char *const texts[ST_COUNT][2] = {
    [ST_TITLE] = {"政府信息公开工作年度报告统计表审核", "Annual disclosure report: table check"},
    [ST_INTRO] =
        {"上传本单位年度报告的统计表工作簿，立即看到是否通过、哪里有问题，并下载标注后的工作簿。修"
         "改后可再次上传。",
         "Upload your agency's annual report workbook: see at once whether its tables pass "
         "and where they do not, and download the marked-up workbook. Fix it and upload "
         "again."},
    [ST_AGENCY] = {"报送单位", "Agency"},
    [ST_AGENCY_HINT] = {"从名单中选择，或输入本单位全称",
                        "choose from the list or type its full name"},
    [ST_FILE] = {"工作簿（.xls、.xlsx、.ods、.et）", "Workbook (.xls, .xlsx, .ods, .et)"},
    [ST_DROP] = {"也可以把文件拖到这里", "or drop the file here"},
    [ST_SUBMIT] = {"上传并审核", "Upload and check"},
    [ST_OFFICE_LINK] = {"办公室", "Office"},
    [ST_OTHER_LANG] = {"English", "中文"},
    [ST_VERDICT_PASS] = {"通过", "PASS"},
    [ST_VERDICT_FAIL] = {"未通过", "FAIL"},
    [ST_VERDICT_REFUSED] = {"无法审核", "NOT CHECKED"},
    [ST_RESULT_OF] = {"审核结果：", "Result: "},
    [ST_COUNTS] = {"错误 %s，警告 %s，提示 %s", "errors %s, warnings %s, infos %s"},
    [ST_DOWNLOAD] = {"下载标注后的工作簿", "Download the marked-up workbook"},
    [ST_NO_FINDINGS] = {"没有发现问题。", "No findings."},
    [ST_COL_SEVERITY] = {"级别", "Severity"},
    [ST_COL_TABLE] = {"表格", "Table"},
    [ST_COL_POSITION] = {"法定表格中的位置", "Statutory row and column"},
    [ST_COL_CELL] = {"您的工作表中的单元格", "Cell in your sheet"},
    [ST_COL_EXPECTED] = {"应为", "Expected"},
    [ST_COL_ACTUAL] = {"实为", "Actual"},
    [ST_COL_MESSAGE] = {"说明", "Explanation"},
    [ST_SEV_ERROR] = {"错误", "error"},
    [ST_SEV_WARNING] = {"警告", "warning"},
    [ST_SEV_INFO] = {"提示", "info"},
    [ST_SUGGEST] = {"建议：%s 填 %s", "suggestion: %s = %s"},
    [ST_REFUSED_WHY] = {"原因：", "Why: "},
    [ST_KEEP_LINK] = {"本页地址只有您知道，可收藏以便以后查看。",
                      "Only you know this page's address: bookmark it to come back."},
    [ST_ERR_NO_FILE] = {"请选择要上传的工作簿。", "Choose a workbook to upload."},
    [ST_ERR_NO_AGENCY] = {"请填写报送单位。", "Fill in the agency."},
    [ST_ERR_BAD_AGENCY] = {"单位名称不能包含 /、\\ 或 ..，也不能以点开头。",
                           "An agency name cannot hold /, \\ or .., nor begin with a dot."},
    [ST_ERR_BAD_NAME] = {"文件名须以 .xls、.xlsx、.ods 或 .et 结尾。",
                         "The file name must end in .xls, .xlsx, .ods or .et."},
    [ST_ERR_TOO_LARGE] = {"文件太大，超过了本服务的上限。",
                          "The file is larger than this service accepts."},
    [ST_ERR_FORM] = {"上传不完整或格式错误，请重新上传。",
                     "The upload was incomplete or malformed: upload it again."},
    [ST_ERR_CSRF] = {"表单已过期，请刷新页面后重新提交。",
                     "The form has expired: reload the page and submit again."},
    [ST_ERR_BUSY] = {"同时上传的人较多，请几秒钟后重试。",
                     "Many uploads at once: try again in a few seconds."},
    [ST_ERR_NOT_FOUND] = {"没有这个页面。", "No such page."},
    [ST_ERR_METHOD] = {"不支持这种请求。", "This kind of request is not supported."},
    [ST_ERR_INTERNAL] = {"服务器暂时无法处理这份文件（未保存），请稍后重新上传。",
                         "The server could not process this file just now (nothing was kept): "
                         "upload it again later."},
    [ST_ERR_STOPPING] = {"服务正在停止，请稍后重试。",
                         "The service is stopping: try again shortly."},
    [ST_BAD_REQUEST] = {"请求有误", "Bad request"},
    [ST_OFFICE_TITLE] = {"报送情况（办公室）", "Submissions (office)"},
    [ST_LOGIN_INTRO] =
        {"本页仅供政府信息公开工作主管部门使用。请输入令牌（见服务器上的令牌文件）。",
         "For the disclosure office only. Enter the token (in the token file on the server)."},
    [ST_LOGIN_TOKEN] = {"令牌", "Token"},
    [ST_LOGIN_SUBMIT] = {"登录", "Log in"},
    [ST_LOGIN_WRONG] = {"令牌不正确。", "Wrong token."},
    [ST_LOGOUT] = {"退出", "Log out"},
    [ST_ST_MISSING] = {"未报送", "missing"},
    [ST_ST_FAIL] = {"未通过", "failing"},
    [ST_ST_PASS_WARN] = {"通过（有警告）", "passing with warnings"},
    [ST_ST_PASS] = {"通过", "passing"},
    [ST_ST_REFUSED] = {"无法审核", "not checked"},
    [ST_ROSTER_HEAD] = {"名单中的单位", "Agencies on the roster"},
    [ST_NO_ROSTER] = {"收件箱中没有名单（roster.csv），下面按报送单位列出。",
                      "No roster (roster.csv) in the box: agencies as they submitted."},
    [ST_UNLISTED_HEAD] = {"不在名单中的报送单位", "Submitters not on the roster"},
    [ST_SUBMISSIONS_HEAD] = {"全部报送（最新在前）", "Every submission (newest first)"},
    [ST_NO_SUBMISSIONS] = {"还没有报送。", "No submissions yet."},
    [ST_COL_AGENCY] = {"单位", "Agency"},
    [ST_COL_GROUP] = {"分组", "Group"},
    [ST_COL_FOLDER] = {"文件夹", "Folder"},
    [ST_COL_STATUS] = {"状态", "Status"},
    [ST_COL_TRIES] = {"报送次数", "Tries"},
    [ST_COL_LAST] = {"最后报送", "Last"},
    [ST_COL_TIME] = {"时间", "Time"},
    [ST_COL_FILE] = {"文件", "File"},
    [ST_COL_VERDICT] = {"结论", "Verdict"},
    [ST_COL_COUNTS] = {"错误/警告/提示", "Errors/warnings/infos"},
    [ST_COL_LINKS] = {"查看", "Open"},
    [ST_VIEW] = {"问题", "findings"},
    [ST_WORKBOOK] = {"工作簿", "workbook"},
    [ST_ROLLUP_HEAD] = {"汇总工作簿", "Roll-up workbooks"},
    [ST_NO_ROLLUP] = {"尚无汇总工作簿。", "No roll-up workbook yet."},
    [ST_TOTALS] =
        {"通过 %zu，通过（有警告）%zu，未通过 %zu，无法审核 %zu，未报送 %zu",
         "passing %zu, passing with warnings %zu, failing %zu, not checked %zu, missing %zu"},
    [ST_BACK] = {"返回报送情况", "Back to the overview"},
    [ST_SUBMISSION] = {"报送", "Submission"},
    [ST_ORIGINAL] = {"原件", "Original"},
    [ST_REASON] = {"原因", "Reason"},
    [ST_NEWEST_ONLY] = {"只列出最新的 %zu 份（共 %zu 份）；各单位最近一次报送见上表，全部报送见 "
                        "outbox/index.csv。",
                        "The newest %zu of %zu submissions; each agency's latest is in the tables "
                        "above, all of them in outbox/index.csv."},
    [ST_REGISTER_NOTE] =
        {"数据来自登记库 ogi.sqlite：%d 年度的报送，单位按名单匹配（含工作簿中的单位名称）。",
         "From the register, ogi.sqlite: the submissions of %d, agencies matched to the roster (by "
         "the workbook's name too)."},
    [ST_YEAR] = {"年度", "Year"},
    [ST_SHOW] = {"查看", "Show"},
    [ST_SOURCE_NOTE] = {"数据来自 outbox/index.csv。", "From outbox/index.csv."},
};

const char *serve_text(serve_text_id id, ogi_lang lang)
{
    const char *t = id < ST_COUNT ? texts[id][lang == OGI_LANG_EN] : NULL;
    return t ? t : "";
}
