/*
 * watch_summary.c - the roll-up workbooks the service keeps current,
 * outbox/汇总-YEAR.xlsx of the latest report year and of every other year
 * a file was done for since its roll-up was made (a late report of last
 * year: ogi_summary_refresh, docs/campaign.md). They are
 * rebuilt from the register after files are done, at most every few
 * seconds (watch.c debounces), in a child process at low priority: the
 * files in the inbox never wait for it. Written atomically, so a reader
 * sees the previous roll-up or the new one, never half of one.
 */
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include "watch.h"
#include "watch_messages.h"

void watch_summary_now(const watch_ctx *w)
{
    ogi_register *reg = NULL;
    ogi_error err = ogi_register_open(w->ctx, w->box, OGI_REGISTER_READONLY, &reg);
    if (err == OGI_OK)
        err = ogi_summary_refresh(w->ctx, reg, w->box, w->common.lang, NULL);
    ogi_register_close(reg);
    if (err != OGI_OK)
        watch_log(w, watch_message(WATCH_MSG_ROLLUP_FAILED, w->common.lang),
                  ogi_strerror(err, w->common.lang));
}

int watch_summary_needed_at_start(const watch_ctx *w)
{
    /* A service killed after registering a file but before its roll-up
     * left the roll-up behind the register, and nothing tells the next
     * service so: it remakes the roll-up once when the register holds
     * anything at all. */
    ogi_register *reg = NULL;
    int year = 0;
    if (ogi_register_open(w->ctx, w->box, OGI_REGISTER_READONLY, &reg) == OGI_OK)
        (void)ogi_register_latest_year(reg, &year);
    ogi_register_close(reg);
    return year > 0;
}

pid_t watch_summary_start(const watch_ctx *w)
{
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid != 0)
        return pid; /* -1: no roll-up this time; the next file tries again */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)
        _exit(0);
    /* the workers checking files come first */
    setpriority(PRIO_PROCESS, 0, 10);
    watch_summary_now(w);
    _exit(0);
}
