/*
 * smon.c - SMON, the system monitor: housekeeping every few seconds.
 *
 * Today its work is a second line of defence behind PMON: it finds process
 * and session slots whose OS process no longer exists (a death PMON could
 * not have seen, e.g. while PMON itself was being restarted by hand) and
 * frees them, writing the alert log.  Idle-time sniping joins it later.
 */
#include <errno.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include "../common/alert.h"
#include "background.h"
#include "proctitle.h"

#define SMON_INTERVAL_S 5

static void sweep_dead_processes(void)
{
    sga *g = the_sga;
    for (int pid = 1; pid <= g->nprocesses; pid++) {
        sga_process p;
        sga_read_process(g, pid, &p);
        if (!p.used || p.background || p.spid <= 0) continue;
        if (kill(p.spid, 0) == 0 || errno != ESRCH) continue;
        /* Dead, and PMON has not freed it: a child of PMON is reaped at once, so
         * only a slot left over from an abnormal path gets here. Re-check under
         * PMON's own rules: the slot must still name the same OS pid. */
        sga_read_process(g, pid, &p);
        if (!p.used || kill(p.spid, 0) == 0) continue;
        int freed = sga_sessions_release_pid(g, pid);
        sga_process_free(g, pid);
        alert_log("SMON: freed process slot %d (ospid: %d) and %d session(s) of a dead process",
                  pid, (int)p.spid, freed);
    }
}

/* PMON died (SIGUSR1 is SMON's parent-death signal): the instance ends with it. */
static void pmon_died(int pmon_pid, pid_t pmon_spid)
{
    alert_log("Instance Critical Process (pid: %d, ospid: %d, PMON) died unexpectedly",
              pmon_pid, (int)pmon_spid);
    alert_log("SMON (ospid: %d): terminating the instance due to error 472", (int)getpid());
    _exit(1); /* every other process ends with PMON already (their parent-death signal) */
}

void smon_run(const char *db_path, int sid, int pmon_pid, pid_t pmon_spid)
{
    (void)db_path;
    proctitle_set("wdn_smon_%s", the_sga->cfg.instance_name);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    if (getppid() != pmon_spid) pmon_died(pmon_pid, pmon_spid);
    for (;;) {
        background_wait(sid, SGA_EV_SMON_TIMER);
        struct timespec interval = {SMON_INTERVAL_S, 0};
        if (sigtimedwait(&set, NULL, &interval) == SIGUSR1) pmon_died(pmon_pid, pmon_spid);
        sweep_dead_processes();
    }
}
