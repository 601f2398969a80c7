/*
 * alter_system.c - the issuing side of KILL SESSION, DISCONNECT SESSION and
 * CANCEL SQL, and ALTER SYSTEM SET: it carries out the statement src/sql
 * parsed (alter_system_parse.c, which gives the syntax errors).
 *
 * A request is checked (ORA-00030 no such session, ORA-00027 own session,
 * ORA-00029 background), written into the target's SGA slot under the
 * session latch (so a stale SERIAL# can never reach the slot's next owner),
 * and the target's process is signalled.  KILL then
 * waits until the target has rolled back and released its locks, at most
 * kill_session_wait seconds (ORA-00031 after that); IMMEDIATE does not wait.
 */
#include "alter_system.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../common/alert.h"
#include "../sga/kill_history.h"
#include "../sga/sga.h"
#include "interrupts.h"

static const char *const mode_names[] = {
    [SGA_REQ_KILL] = "KILL SOFT",
    [SGA_REQ_DISCONNECT] = "KILL HARD",
    [SGA_REQ_DISCONNECT_POST_TXN] = "KILL HARD",
    [SGA_REQ_CANCEL] = "CANCEL",
};

static const char *const reasons[] = {
    [SGA_REQ_KILL] = "alter system kill session",
    [SGA_REQ_DISCONNECT] = "alter system disconnect session",
    [SGA_REQ_DISCONNECT_POST_TXN] = "alter system disconnect session",
    [SGA_REQ_CANCEL] = "alter system cancel sql",
};

/* The alert log block Oracle 12.2 writes for each kill request, and the history row. */
static void log_request(session *s, const sql_alter_system_stmt *t, int request, int immediate,
                        pid_t owner_spid, int owner_pid, int result, double waited_ms)
{
    kill_record rec = {.when_us = sga_now_us(), .requestor_sid = s->sid, .requestor_pid = s->pid,
                       .requestor_spid = getpid(), .target_sid = t->sid,
                       .target_serial = t->serial, .target_pid = owner_pid,
                       .target_spid = owner_spid, .result = result, .elapsed_ms = waited_ms};
    snprintf(rec.mode, sizeof rec.mode, "%s%s", mode_names[request],
             immediate && request == SGA_REQ_KILL ? " (IMMEDIATE)" : "");
    snprintf(rec.reason, sizeof rec.reason, "%s", reasons[request]);
    kill_history_add(the_kill_history, &rec);
    alert_log("KILL SESSION for sid=(%d, %d):\n"
              " Reason = %s\n"
              " Mode = %s%s -/-/-\n"
              " Requestor = USER (orapid = %d, ospid = %d, inst = %d)\n"
              " Owner = Process: USER (orapid = %d, ospid = %d)\n"
              " Result = ORA-%d\n"
              " Time until gone = %.1f ms",
              t->sid, t->serial, reasons[request], mode_names[request],
              immediate && request == SGA_REQ_KILL ? " (IMMEDIATE)" : "", s->pid, (int)getpid(),
              s->cfg->instance_number, owner_pid, (int)owner_spid, result, waited_ms);
}

/* Check the target and post REQUEST into its slot. 0, or the ORA error number. */
static int post_request(session *s, const sql_alter_system_stmt *t, int request, pid_t *spid,
                        int *pid)
{
    sga *g = the_sga;
    if (t->inst_id && t->inst_id != s->cfg->instance_number) return ORA_SESSION_ID_NOT_EXIST;
    if (t->sid < 1 || t->sid > g->nsessions) return ORA_SESSION_ID_NOT_EXIST;
    int rc = 0;
    sga_latch_acquire(&g->session_latch); /* the slot cannot change hands meanwhile */
    sga_session *slot = sga_session_at(g, t->sid);
    if (slot->type == SGA_FREE || (int)slot->serial != t->serial) rc = ORA_SESSION_ID_NOT_EXIST;
    else if (t->sid == s->sid) rc = ORA_CANNOT_KILL_CURRENT;
    else if (slot->type == SGA_BACKGROUND) rc = ORA_NOT_USER_SESSION;
    if (!rc) {
        *spid = slot->spid;
        *pid = slot->pid;
        uint32_t current = __atomic_load_n(&slot->request, __ATOMIC_ACQUIRE);
        /* A session already marked for kill stays so: a weaker request does not replace it. */
        if (current != SGA_REQ_KILL && current != SGA_REQ_DISCONNECT) {
            slot->request_from_sid = s->sid;
            slot->request_from_pid = s->pid;
            slot->request_from_spid = getpid();
            snprintf(slot->request_sql_id, sizeof slot->request_sql_id, "%s", t->sql_id);
            __atomic_store_n(&slot->request_done, 0, __ATOMIC_RELEASE);
            __atomic_store_n(&slot->request, (uint32_t)request, __ATOMIC_RELEASE);
        }
    }
    sga_latch_release(&g->session_latch);
    if (!rc) kill(*spid, REQUEST_SIGNAL);
    return rc;
}

static double now_ms(void) { return (double)sga_monotonic_us() / 1e3; }

/* Is the target gone, or done with what it was asked (rolled back, released)? */
static int target_finished(const sql_alter_system_stmt *t)
{
    sga_session *slot = sga_session_at(the_sga, t->sid);
    return slot->type == SGA_FREE || (int)slot->serial != t->serial ||
           __atomic_load_n(&slot->request_done, __ATOMIC_ACQUIRE);
}

/* Wait for the target, at most kill_session_wait seconds. 0, or the ORA error. */
static int wait_for_target(session *s, const sql_alter_system_stmt *t, pid_t spid, double *waited)
{
    double start = now_ms();
    double limit = the_sga->cfg.kill_session_wait * 1000.0;
    for (int i = 0;; i++) {
        if (target_finished(t)) break;
        if (now_ms() - start >= limit) {
            *waited = now_ms() - start;
            return ORA_MARKED_FOR_KILL;
        }
        int own = interrupts_check(s); /* our own client may break the wait */
        if (own) {
            *waited = now_ms() - start;
            return own;
        }
        if (i % 64 == 63) kill(spid, REQUEST_SIGNAL); /* a target between waits misses nothing */
        struct timespec pause = {0, i < 100 ? 100000 : 1000000};
        nanosleep(&pause, NULL);
    }
    *waited = now_ms() - start;
    return 0;
}

static const int requests[] = {
    [ALTER_SYSTEM_KILL_SESSION] = SGA_REQ_KILL,
    [ALTER_SYSTEM_DISCONNECT_SESSION] = SGA_REQ_DISCONNECT,
    [ALTER_SYSTEM_CANCEL_SQL] = SGA_REQ_CANCEL,
};

/* KILL SESSION, DISCONNECT SESSION, CANCEL SQL: post the request, wait as it asks, audit. */
static int end_session(session *s, const sql_alter_system_stmt *t, ora_error *err)
{
    int request = requests[t->action];
    int immediate = t->mode == END_MODE_IMMEDIATE;
    /* DISCONNECT POST_TRANSACTION: IMMEDIATE, when also written, is ignored */
    if (t->mode == END_MODE_POST_TRANSACTION) request = SGA_REQ_DISCONNECT_POST_TXN;
    pid_t spid = 0;
    int pid = 0;
    int rc = post_request(s, t, request, &spid, &pid);
    double waited = 0;
    if (!rc && request == SGA_REQ_KILL && !immediate) rc = wait_for_target(s, t, spid, &waited);
    if (!rc && request == SGA_REQ_DISCONNECT) rc = wait_for_target(s, t, spid, &waited);
    log_request(s, t, request, immediate, spid, pid, rc, waited);
    return rc ? ora_set(err, rc, 0) : 0; /* ORA-00031 etc. carry no position: column 0 */
}

/* ALTER SYSTEM SET kill_session_wait = n [SCOPE = ...]: the one parameter that can be set. */
static int set_parameter(const sql_alter_system_stmt *as, ora_error *err)
{
    if (!as->parameter || strcmp(as->parameter, "KILL_SESSION_WAIT") != 0)
        return ora_set(err, 2065, 0);
    warden_config checked = the_sga->cfg; /* the value as warden.conf would take it */
    if (!as->value || as->value_quoted || config_set(&checked, "kill_session_wait", as->value) < 0) {
        char shown[80]; /* the value as written, as Oracle's text shows it */
        snprintf(shown, sizeof shown, as->value_quoted ? "'%s'" : "%s", as->value ? as->value : "");
        return ora_set(err, 96, 0, shown, "kill_session_wait", "0 to 86400");
    }
    int value = checked.kill_session_wait;
    __atomic_store_n(&the_sga->cfg.kill_session_wait, value, __ATOMIC_RELEASE);
    alert_log("ALTER SYSTEM SET kill_session_wait=%d SCOPE=MEMORY;", value);
    return 0;
}

int alter_system_run(session *s, const sql_alter_system_stmt *as, ora_error *err)
{
    if (as->action == ALTER_SYSTEM_SET) return set_parameter(as, err);
    return end_session(s, as, err);
}
