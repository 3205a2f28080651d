/*
 * messages.c - the library's user-facing strings.
 */
#include "messages.h"

#include "common.h"
#include "value.h"

static const char *const error_text[OGI_ERROR_COUNT][2] = {
    [OGI_OK] = {"成功", "success"},
    [OGI_ERROR_MEMORY] = {"内存不足", "out of memory"},
    [OGI_ERROR_NOT_FOUND] = {"文件不存在", "no such file"},
    [OGI_ERROR_IS_DIRECTORY] = {"这是一个文件夹，不是文件", "this is a folder, not a file"},
    [OGI_ERROR_READ] = {"无法读取文件", "the file could not be read"},
    [OGI_ERROR_EMPTY_FILE] = {"文件是空的（0 字节）", "the file is empty (0 bytes)"},
    [OGI_ERROR_NOT_SPREADSHEET] = {"不是电子表格文件：请提交 Excel 工作簿（.xls、.xlsx）、WPS "
                                   "表格（.et）或 OpenDocument 表格（.ods）",
                                   "not a spreadsheet: please submit an Excel (.xls, .xlsx), WPS "
                                   "(.et) or OpenDocument (.ods) workbook"},
    [OGI_ERROR_OOXML] = {"这是 Office 文件，但其中没有可读取的工作簿（如 Excel 二进制工作簿 "
                         ".xlsb）：请另存为 .xlsx 后重新提交",
                         "an Office file without a workbook ogi can read (an Excel binary .xlsb?): "
                         "save it as .xlsx and submit again"},
    [OGI_ERROR_ODS] = {"这是 OpenDocument 文件，但不是电子表格（可能是文字文档）",
                       "an OpenDocument file, but not a spreadsheet (perhaps a text document)"},
    [OGI_ERROR_NOT_WORKBOOK] =
        {"这是 Office 文件但不是 Excel 工作簿（可能是 Word 文档）",
         "an Office file but not an Excel workbook (perhaps a Word document)"},
    [OGI_ERROR_ENCRYPTED] =
        {"工作簿设有打开密码，无法读取：请取消密码后重新提交",
         "the workbook is password protected: remove the password and submit again"},
    [OGI_ERROR_CORRUPT] =
        {"工作簿已损坏或不完整（可能上传中断），无法读取",
         "the workbook is damaged or incomplete (an interrupted upload?) and cannot be read"},
    [OGI_ERROR_OLD_BIFF] =
        {"这是 Excel 95 或更早版本的文件：请另存为 Excel 97-2003 工作簿（.xls）",
         "an Excel 95 or older file: save it as an Excel 97-2003 workbook (.xls)"},
    [OGI_ERROR_TOO_LARGE] = {"文件超过大小上限", "the file is larger than the size limit"},
    [OGI_ERROR_TOO_MANY_CELLS] = {"工作簿单元格数超过上限",
                                  "the workbook has more cells than the limit"},
    [OGI_ERROR_STRING_TOO_LONG] = {"单元格文字超过长度上限",
                                   "a cell's text is longer than the limit"},
    [OGI_ERROR_NO_TABLES] =
        {"未找到法定统计表格（表二、表三、表四）：可能是 2019 年以前的旧格式或无关工作簿",
         "no statutory table (tables 2, 3, 4) found: perhaps the pre-2019 format or an unrelated "
         "workbook"},
    [OGI_ERROR_TEMPLATE] = {"模板文件格式错误", "the template file is malformed"},
    [OGI_ERROR_OPENCC] = {"无法加载 OpenCC 繁简转换库或其数据（Debian 软件包 libopencc1.1、"
                          "libopencc-data）",
                          "OpenCC's conversion library or its data could not be loaded (Debian "
                          "packages libopencc1.1, libopencc-data)"},
    [OGI_ERROR_WRITE] = {"无法写入输出文件", "the output file could not be written"},
    [OGI_ERROR_SAME_FILE] = {"输出文件与输入文件相同，拒绝覆盖原件",
                             "the output would overwrite the input file"},
    [OGI_ERROR_ZIP_BOMB] = {"工作簿解压后的内容超过上限（疑似压缩炸弹），拒绝读取",
                            "the workbook inflates beyond the limit (a zip bomb?) and was refused"},
    [OGI_ERROR_XML] = {"工作簿内部的 XML 已损坏，无法读取",
                       "the XML inside the workbook is damaged and cannot be read"},
    [OGI_ERROR_XML_ENTITY] =
        {"工作簿内部的 XML 含有实体声明（DOCTYPE），为安全起见拒绝读取",
         "the XML inside the workbook declares entities (DOCTYPE), refused for safety"},
    [OGI_ERROR_XML_DEPTH] =
        {"工作簿内部的 XML 嵌套层数超过上限，拒绝读取",
         "the XML inside the workbook is nested deeper than the limit, refused"},
    [OGI_ERROR_PART_MISSING] =
        {"工作簿缺少必需的组成部分（如 workbook.xml、工作表或 content.xml），无法读取",
         "the workbook lacks a part it needs (workbook.xml, a worksheet, content.xml) and cannot "
         "be read"},
    [OGI_ERROR_SHEET_BOUNDS] =
        {"工作表的单元格或重复行列超出表格范围（1048576 行、16384 列），拒绝读取",
         "a cell or repeated row/column lies beyond the sheet (1,048,576 rows, 16,384 columns), "
         "refused"},
    [OGI_ERROR_TOO_MANY_MERGES] = {"工作表的合并单元格数超过上限",
                                   "a sheet has more merged ranges than the limit"},
    [OGI_ERROR_TIME_LIMIT] =
        {"处理时间超过上限（文件过大或结构异常）",
         "processing took longer than the time limit (the file is too large or malformed)"},
    [OGI_ERROR_REGISTER] = {"无法打开或写入登记库 ogi.sqlite（权限或磁盘空间？）",
                            "the register ogi.sqlite cannot be opened or written (permissions or "
                            "disk space?)"},
    [OGI_ERROR_REGISTER_BUSY] = {"登记库 ogi.sqlite 被其他程序长时间锁定，稍后重试",
                                 "the register ogi.sqlite stayed locked by another program; will "
                                 "retry"},
    [OGI_ERROR_REGISTER_DAMAGED] =
        {"登记库 ogi.sqlite 已损坏或由更新版本的 ogi "
         "创建：请将其移到别处后重新启动（docs/campaign.md）",
         "the register ogi.sqlite is damaged or made by a newer ogi: move it aside and start "
         "again (docs/campaign.md)"},
    [OGI_ERROR_ROSTER] = {"名单无法读取，或缺少“单位”列",
                          "the roster cannot be read or has no 单位 (agency) column"},
};

const char *ogi_strerror(ogi_error err, ogi_lang lang)
{
    if ((unsigned)err >= OGI_ERROR_COUNT || !error_text[err][0])
        return lang == OGI_LANG_EN ? "unknown error" : "未知错误";
    return error_text[err][lang == OGI_LANG_EN];
}

static const char *const messages[OGI_MSG_COUNT][2] = {
    [OGI_MSG_VALUE_TEXT_NUMBER] = {"数字以文本形式填写，已按数字读取",
                                   "a number written as text, read as a number"},
    [OGI_MSG_VALUE_MISSING] = {"单元格为空：按规定应填 0，不应留空",
                               "empty cell: the format asks for 0, not blank"},
    [OGI_MSG_VALUE_DASH] = {"以“—”“/”“无”等表示零，已按 0 读取",
                            "a dash or 无 standing for zero, read as 0"},
    [OGI_MSG_VALUE_EXPRESSION] = {"单元格填写了算式，已按其和读取：应填写结果",
                                  "an expression, read as its sum: write the result"},
    [OGI_MSG_VALUE_UNIT] = {"数字带有单位，已去除单位读取（金额折算为万元）",
                            "a number with a unit, read without it (money in 万元)"},
    [OGI_MSG_VALUE_UNIT_UNKNOWN] = {"金额未注明单位，按所填数字读取",
                                    "an amount with no unit, read as written"},
    [OGI_MSG_VALUE_ANNOTATED] = {"数字后附有说明文字，只读取了开头的数字",
                                 "a number followed by a note: only the leading number was read"},
    [OGI_MSG_VALUE_NEGATIVE] = {"数量不能为负数", "a count cannot be negative"},
    [OGI_MSG_VALUE_NOT_INTEGER] = {"数量应为整数", "a count must be a whole number"},
    [OGI_MSG_VALUE_NOT_NUMBER] = {"应填数字，却填了文字（计算时按 0）",
                                  "a number was expected, not text (counted as 0)"},
    [OGI_MSG_VALUE_UNIT_YUAN] =
        {"表头注明单位为“元”，所填金额已由元折算为万元",
         "the header gives the unit 元: the amount was rescaled from 元 to 万元"},
    [OGI_MSG_VALUE_FORMULA_UNCACHED] =
        {"公式没有保存计算结果，无法核对（计算时按空白）：请在 Excel/WPS 中打开并保存后再报送",
         "a formula saved without its result, so it cannot be checked (counted as blank): open and "
         "save the "
         "workbook in Excel/WPS before sending it"},
    [OGI_MSG_VALUE_FORMULA_COMPUTED] =
        {"公式没有保存计算结果，ogi 已按公式算出数值并据此核对：请在 Excel/WPS "
         "中打开并保存后再报送",
         "a formula saved without its result: ogi computed it from the formula and checked with "
         "that value; open and save the workbook in Excel/WPS before sending it"},
    [OGI_MSG_MAP_MISSING_TABLE] = {"未找到%s", "%s not found"},
    [OGI_MSG_MAP_MISSING_ROW] = {"%s缺少一行：%s", "%s lacks a row: %s"},
    [OGI_MSG_MAP_MISSING_COLUMN] = {"%s缺少一列：%s", "%s lacks a column: %s"},
    [OGI_MSG_MAP_EXTRA_ROW] = {"%s中有法定格式之外的行：%s（未纳入审核）",
                               "%s has a row the format does not: %s (not checked)"},
    [OGI_MSG_MAP_MIXED_VERSION] = {"%s更接近 %s 格式，与其他表格（%s）不一致",
                                   "%s looks like format %s, unlike the other tables (%s)"},
    [OGI_MSG_PREVIOUS_WHO] = {"所给上年报告为“%s”%s 年，本报告为“%s”%s 年",
                              "the previous report given is %s, %s; this report is %s, %s"},
    [OGI_MSG_PREVIOUS_MISMATCH] =
        {"%s：不是同一单位上一年度的报告，未与其比较（year.* 规则未执行）；请用 --previous "
         "指定本单位上一年度的报告",
         "%s: not the same agency's report of the year before, so it was not compared (the "
         "year.* rules were not run); give this agency's previous year with --previous"},
    [OGI_MSG_MAP_MULTIPLE_SETS] = {"工作簿中有多套统计表，只审核了工作表 %s 中的一套；未审核：%s",
                                   "the workbook holds several sets of tables: only the one on "
                                   "sheet %s was checked; not checked: %s"},
    [OGI_MSG_MAP_LABEL_VARIANT] = {"%s：单元格 %s 的标签“%s”与法定格式的写法不同，按“%s”读取",
                                   "%s: the label in cell %s, \"%s\", differs from the format's "
                                   "wording; read as \"%s\""},
    [OGI_MSG_TEMPLATE_TOO_MANY_ROWS] = {"模板第 %s 行：一个子表最多 %s 行",
                                        "template line %s: a block has at most %s rows"},
    [OGI_MSG_TEMPLATE_TOO_MANY_COLS] = {"模板第 %s 行：一个子表最多 %s 列",
                                        "template line %s: a block has at most %s columns"},
    [OGI_MSG_BLANKS] = {"；其中 %s 为空，补填后可能相符", "; %s empty: filling in may settle it"},
    [OGI_MSG_SUGGEST] = {"；若 %s 填 %s 即相符", "; %s = %s would settle it"},
    [OGI_MSG_NO_TABLES] = {"未找到法定统计表格", "no statutory table found"},
    [OGI_MSG_PASS] = {"通过", "PASS"},
    [OGI_MSG_FAIL] = {"未通过", "FAIL"},
    [OGI_MSG_NO_TABLES_VERDICT] = {"无法审核：未找到法定表格", "not checked: no statutory table"},
    [OGI_MSG_UNREADABLE_VERDICT] = {"无法读取", "unreadable"},
    [OGI_MSG_SEVERITY_ERROR] = {"错误", "error"},
    [OGI_MSG_SEVERITY_WARNING] = {"警告", "warning"},
    [OGI_MSG_SEVERITY_INFO] = {"提示", "info"},
    [OGI_MSG_FILE] = {"文件", "File"},
    [OGI_MSG_VERDICT] = {"结论", "Verdict"},
    [OGI_MSG_VERSION] = {"格式版本", "Format"},
    [OGI_MSG_AGENCY] = {"单位", "Agency"},
    [OGI_MSG_YEAR] = {"年度", "Year"},
    [OGI_MSG_COUNTS] = {"错误 %zu 项，警告 %zu 项，提示 %zu 项",
                        "errors: %zu, warnings: %zu, infos: %zu"},
    [OGI_MSG_EXPECTED] = {"应为", "expected"},
    [OGI_MSG_ACTUAL] = {"实为", "found"},
    [OGI_MSG_SUGGESTED] = {"建议值", "suggested"},
    [OGI_MSG_UNKNOWN] = {"（未注明）", "(not stated)"},
    [OGI_MSG_GENERAL] = {"总体", "General"},
    [OGI_MSG_XLSX_TITLE] = {"政府信息公开工作年度报告 统计表格审核结果",
                            "Check of the statistical tables of a government information "
                            "disclosure annual report"},
    [OGI_MSG_XLSX_SOURCE] = {"原表文件", "Source file"},
    [OGI_MSG_XLSX_SHA256] = {"原表 SHA-256", "Source SHA-256"},
    [OGI_MSG_XLSX_TIME] = {"审核时间", "Checked at"},
    [OGI_MSG_XLSX_TOOL] = {"审核工具", "Checked by"},
    [OGI_MSG_XLSX_FINDINGS] = {"审核发现", "Findings"},
    [OGI_MSG_XLSX_NONE] = {"未发现问题", "nothing found"},
    [OGI_MSG_XLSX_NO] = {"序号", "No."},
    [OGI_MSG_XLSX_SEVERITY] = {"级别", "Severity"},
    [OGI_MSG_XLSX_TABLE] = {"表", "Table"},
    [OGI_MSG_XLSX_RULE] = {"规则", "Rule"},
    [OGI_MSG_XLSX_POSITION] = {"位置", "Position"},
    [OGI_MSG_XLSX_CELL] = {"原表单元格", "Source cell"},
    [OGI_MSG_XLSX_MESSAGE] = {"说明", "Message"},
    [OGI_MSG_XLSX_ITEM] = {"项目", "Item"},
    [OGI_MSG_XLSX_COMPUTED] = {"计算值", "Computed"},
    [OGI_MSG_XLSX_T3_NOTE] =
        {"（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
         "(In every column: item 1 + item 2 = item 3 + item 4)"},
    [OGI_MSG_XLSX_T3_RESULTS] = {"三、本年度办理结果", "item 3: results of handling"},
    [OGI_MSG_XLSX_SUM_OF] = {"计算：%s", "computed: %s"},
    [OGI_MSG_XLSX_LEGEND] =
        {"红色：错误　黄色：警告　蓝色：提示（深色为该项检查的被核对单元格，批注中有说明）",
         "Red: error, amber: warning, blue: info (the darker shade is the cell "
         "checked; its comment explains)"},
    [OGI_MSG_SUGGESTION_LINE] = {"；建议：%s（%s）填 %s", "; suggested: %s (%s) = %s"},
    [OGI_MSG_SHEET_SUMMARY] = {"审核结果", "Check results"},
    [OGI_MSG_SHEET_STATUTORY] = {"规范-", "Statutory "},
    [OGI_MSG_XLSX_FONT] = {"宋体", "Arial"},
    [OGI_MSG_PROP_TITLE] = {"政府信息公开工作年度报告统计表格审核结果：",
                            "Check of the statistical tables: "},
    [OGI_MSG_PROP_SOURCE] = {"原表：", "Source:"},
    [OGI_MSG_PROP_SUBJECT] = {"政府信息公开工作年度报告 统计表格（表二、表三、表四）",
                              "Government information disclosure annual report, statistical "
                              "tables"},
    [OGI_MSG_PROP_CATEGORY] = {"审核结果", "Check result"},
    [OGI_MSG_PROP_KEYWORDS] = {"ogi, 政府信息公开, 年度报告",
                               "ogi, government information disclosure"},
    [OGI_MSG_SEP_COLON] = {"：", ": "},
    [OGI_MSG_SEP_COMMA] = {"，", ", "},
    [OGI_MSG_SEP_LIST] = {"、", ", "},
    [OGI_MSG_TITLE_SHORT_END] = {" ", ":"},
    [OGI_MSG_NAME_AND_TITLE] = {"%s（%s）", "%s (%s)"},
    [OGI_MSG_TEXT_GROUP] = {"  [%s] %s：%zu 处\n      %s\n", "  [%s] %s: %zu cells\n      %s\n"},
    [OGI_MSG_PREVIOUS_CELL] = {"上年报告", "last year's "},
    [OGI_MSG_BLANKS_MORE] = {"等 %zu 个单元格", " and %zu more"},
    [OGI_MSG_PREVIOUS_FILE] = {"%s（上年报告：%s）", "%s (last year's report: %s)"},
    [OGI_MSG_ROLLUP_TITLE] = {"%d 年度政府信息公开工作年度报告报送情况",
                              "Annual disclosure reports of %d: submissions"},
    [OGI_MSG_ROLLUP_SHEET_STATUS] = {"报送情况", "Submissions"},
    [OGI_MSG_ROLLUP_SHEET_DETAIL] = {"明细", "Detail"},
    [OGI_MSG_ROLLUP_SHEET_TOTAL] = {"汇总-", "Total "},
    [OGI_MSG_ROLLUP_SHEET_FINDINGS] = {"问题统计", "Findings"},
    [OGI_MSG_ROLLUP_TOTALS] = {"合计", "Totals"},
    [OGI_MSG_ROLLUP_AGENCIES] = {"单位数", "Agencies"},
    [OGI_MSG_ROLLUP_AGENCY] = {"单位", "Agency"},
    [OGI_MSG_ROLLUP_GROUP] = {"分组", "Group"},
    [OGI_MSG_ROLLUP_STATUS] = {"状态", "Status"},
    [OGI_MSG_ROLLUP_TRIES] = {"报送次数", "Tries"},
    [OGI_MSG_ROLLUP_LAST] = {"最近报送", "Last"},
    [OGI_MSG_ROLLUP_OUTPUTS] = {"审核结果", "Marked up"},
    [OGI_MSG_ROLLUP_OPEN] = {"打开", "open"},
    [OGI_MSG_ROLLUP_BY_RULE] = {"规则", "Rule"},
    [OGI_MSG_ROLLUP_BY_TABLE] = {"表", "Table"},
    [OGI_MSG_ROLLUP_COUNT] = {"次数", "Count"},
    [OGI_MSG_ROLLUP_CHART_STATUS] = {"各状态单位数", "Agencies by status"},
    [OGI_MSG_ROLLUP_CHART_RULES] = {"问题最多的规则", "Findings by rule"},
    [OGI_MSG_AGENCY_MISSING] = {"未报送", "not submitted"},
    [OGI_MSG_AGENCY_FAIL] = {"未通过", "failing"},
    [OGI_MSG_AGENCY_PASS_WARNINGS] = {"通过（有警告）", "passed with warnings"},
    [OGI_MSG_AGENCY_PASS] = {"通过", "passed"},
    [OGI_MSG_STATUS_UNLISTED] = {"不在名单中", "not on the roster"},
    [OGI_MSG_ROLLUP_FILE] = {"汇总", "summary"},
};

const char *ogi_message(ogi_msg msg, ogi_lang lang)
{
    if ((unsigned)msg >= OGI_MSG_COUNT)
        return "";
    return messages[msg][lang == OGI_LANG_EN];
}

const char *ogi_note_message(unsigned note, ogi_lang lang)
{
    for (unsigned bit = 0; bit < OGI_NOTE_COUNT; bit++)
        if (note == (1u << bit))
            return ogi_message((ogi_msg)(OGI_MSG_VALUE_TEXT_NUMBER + bit), lang);
    return "";
}
