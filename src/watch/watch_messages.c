/*
 * watch_messages.c - the watch front's own strings (watch_messages.h),
 * Chinese and English side by side.
 */
#include "watch_messages.h"

static const char *const messages[WATCH_MSG_COUNT][2] = {
    [WATCH_MSG_USAGE] = {"用法：ogi watch [--once] [--log 文件] [--poll 秒] "
                         "[--settle 秒] [--jobs N] [--verbose] [--lang zh|en] 收件箱目录\n"
                         "（见 docs/watch.md）\n",
                         "usage: ogi watch [--once] [--log FILE] [--poll SECONDS] "
                         "[--settle SECONDS] [--jobs N] [--verbose] [--lang zh|en] BOX\n"
                         "(docs/watch.md)\n"},
    [WATCH_MSG_BAD_OPTION] = {"选项错误", "bad option"},
    [WATCH_MSG_NEED_BOX] = {"需要一个收件箱目录", "one BOX folder is needed"},
    [WATCH_MSG_CANNOT_MAKE_BOX] = {"无法创建收件箱文件夹", "cannot create the box folders"},
    [WATCH_MSG_BOX_TAKEN] = {"另一个 ogi watch 已在处理此文件夹",
                             "another ogi watch is already serving this folder"},
    [WATCH_MSG_START_ONCE] = {"ogi watch %s：处理 %s 一次（文件系统 %s，稳定时间 %.1f 秒）",
                              "ogi watch %s: %s once (filesystem %s, settle %.1f s)"},
    [WATCH_MSG_START_POLLING] =
        {"ogi watch %s：监视 %s，每 %.1f 秒轮询一次（文件系统 %s，稳定时间 %.1f 秒）",
         "ogi watch %s: watching %s by polling every %.1f s (filesystem %s, settle %.1f s)"},
    [WATCH_MSG_START_INOTIFY] = {"ogi watch %s：用 inotify 监视 %s（文件系统 %s）",
                                 "ogi watch %s: watching %s with inotify (filesystem %s)"},
    [WATCH_MSG_REMOTE_POLLING] =
        {"%s 位于 %s 文件系统，inotify 看不到其他计算机写入的文件：改为轮询",
         "%s is on %s, where inotify cannot see files written by other "
         "machines: polling"},
    [WATCH_MSG_NO_INOTIFY] = {"inotify 不可用（%s）：改为轮询",
                              "inotify unavailable (%s): polling"},
    [WATCH_MSG_UNWATCHED_FOLDERS] =
        {"%d 个文件夹无法用 inotify 监视（fs.inotify.max_user_watches？）：改为轮询",
         "%d folders could not be watched (fs.inotify.max_user_watches?): polling"},
    [WATCH_MSG_EVENTS_LOST] = {"inotify 事件队列溢出，部分事件丢失：重新扫描收件箱",
                               "inotify lost events (queue overflow): rescanning the inbox"},
    [WATCH_MSG_SCANNED] = {"扫描：收件箱中 %ld 个文件，%.1f 毫秒",
                           "scan: %ld files in inbox, %.1f ms"},
    [WATCH_MSG_STALE_TEMPS] = {"已删除上次中断留下的 %ld 个临时文件",
                               "removed %ld temporary files left by an interrupted run"},
    [WATCH_MSG_STILL_WRITTEN] = {"%zu 个文件仍在写入，留待下次处理",
                                 "%zu files still being written, left for the next run"},
    [WATCH_MSG_SIGNAL] = {"收到信号 %u，处理完当前文件后退出", "signal %u: finishing"},
    [WATCH_MSG_WORKER_DIED] = {"%s：处理进程异常退出（崩溃或超时）",
                               "%s: the worker died (crash or time limit)"},
    [WATCH_MSG_STOPPED] = {"已停止", "stopped"},
    [WATCH_MSG_PREVIOUS_FAILED] = {"previous/：%s", "previous/: %s"},
    [WATCH_MSG_PREVIOUS_REGISTERED] = {"previous/：已登记上年报告 %zu 份（共读取 %zu 份）",
                                       "previous/: %zu of last year's reports registered (%zu "
                                       "read)"},
    [WATCH_MSG_FILE_ERROR] = {"%s：%s", "%s: %s"},
    [WATCH_MSG_WILL_RETRY] = {"%s：%s，稍后重试", "%s: %s, will retry"},
    [WATCH_MSG_CANNOT_MOVE] = {"%s：暂时无法移走原件（%s），稍后重试",
                               "%s: cannot move it yet (%s), will retry"},
    [WATCH_MSG_MOVED_AT_LAST] = {"%s：原件终于移至 %s/%s", "%s: moved at last to %s/%s"},
    [WATCH_MSG_REFUSED_LOG] = {"%s：无法审核（%s）%lld ms → %s", "%s: REFUSED (%s) %lld ms -> %s"},
    [WATCH_MSG_CHECKED_LOG] = {"%s：%s（错误 %zu，警告 %zu，提示 %zu）%lld ms → %s",
                               "%s: %s (errors %zu, warnings %zu, infos %zu) %lld ms -> %s"},
    [WATCH_MSG_REFUSED] = {"无法审核", "REFUSED"},
    [WATCH_MSG_PASS] = {"通过", "PASS"},
    [WATCH_MSG_FAIL] = {"未通过", "FAIL"},
    [WATCH_MSG_REFUSED_NOTE] = {"文件：%s\n"
                                "结论：无法审核，原件已退回此文件夹\n"
                                "原因：%s\n"
                                "时间：%s\n"
                                "SHA-256：%s\n",
                                "File: %s\n"
                                "Verdict: not checked; the original is returned in this folder\n"
                                "Reason: %s\n"
                                "Time: %s\n"
                                "SHA-256: %s\n"},
    [WATCH_MSG_CRASHED_REASON] = {"ogi 处理此文件时出错（程序异常退出或超时），请联系管理员",
                                  "ogi failed on this file (it crashed or hung): please contact "
                                  "the administrator"},
    [WATCH_MSG_ROLLUP_FAILED] = {"汇总：%s", "roll-up: %s"},
    [WATCH_MSG_COLUMN_TIME] = {"时间", "time"},
    [WATCH_MSG_COLUMN_SUBMITTER] = {"提交单位", "submitter"},
    [WATCH_MSG_COLUMN_FILE] = {"文件", "file"},
    [WATCH_MSG_COLUMN_VERDICT] = {"结论", "verdict"},
    [WATCH_MSG_COLUMN_ERRORS] = {"错误", "errors"},
    [WATCH_MSG_COLUMN_WARNINGS] = {"警告", "warnings"},
    [WATCH_MSG_COLUMN_INFOS] = {"提示", "infos"},
    [WATCH_MSG_COLUMN_ORIGINAL] = {"原件", "original"},
    [WATCH_MSG_COLUMN_OUTPUTS] = {"审核结果", "outputs"},
    [WATCH_MSG_COLUMN_REASON] = {"原因", "reason"},
    [WATCH_MSG_COLUMN_SHA256] = {"SHA-256", "SHA-256"},
};

const char *watch_message(watch_msg msg, ogi_lang lang)
{
    if ((unsigned)msg >= WATCH_MSG_COUNT)
        return "";
    return messages[msg][lang == OGI_LANG_EN];
}
