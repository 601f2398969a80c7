/*
 * session_ending.c - posting, watching and auditing requests to end a
 * session of this instance.
 */
#include "session_ending.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "../common/alert.h"
#include "../common/ora_error.h"
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

static int valid_request(uint32_t request)
{
    return request >= SGA_REQ_KILL && request <= SGA_REQ_CANCEL;
}

int end_post(const end_request *r, end_owner *owner)
{
    sga *g = the_sga;
    int here = g->cfg.instance_number;
    memset(owner, 0, sizeof *owner);
    if (!valid_request(r->request)) return ORA_INTERNAL;
    if (r->sid < 1 || r->sid > g->nsessions) return ORA_SESSION_ID_NOT_EXIST;
    int rc = 0;
    sga_latch_acquire(&g->session_latch); /* the slot cannot change hands meanwhile */
    sga_session *slot = sga_session_at(g, r->sid);
    if (slot->type == SGA_FREE || (int)slot->serial != r->serial) rc = ORA_SESSION_ID_NOT_EXIST;
    else if (r->sid == r->from_sid && r->from_inst == here) rc = ORA_CANNOT_KILL_CURRENT;
    else if (slot->type == SGA_BACKGROUND) rc = ORA_NOT_USER_SESSION;
    if (!rc) {
        owner->spid = slot->spid;
        owner->pid = slot->pid;
        uint32_t current = __atomic_load_n(&slot->request, __ATOMIC_ACQUIRE);
        /* A session already marked for kill stays so: a weaker request does not replace it. */
        if (current != SGA_REQ_KILL && current != SGA_REQ_DISCONNECT) {
            slot->request_from_sid = r->from_inst == here ? r->from_sid : 0;
            slot->request_from_pid = r->from_inst == here ? r->from_pid : 0;
            slot->request_from_spid = r->from_spid;
            snprintf(slot->request_sql_id, sizeof slot->request_sql_id, "%s", r->sql_id);
            __atomic_store_n(&slot->request_done, 0, __ATOMIC_RELEASE);
            __atomic_store_n(&slot->request, r->request, __ATOMIC_RELEASE);
        }
    }
    sga_latch_release(&g->session_latch);
    if (!rc) kill(owner->spid, REQUEST_SIGNAL);
    return rc;
}

int end_waits(const end_request *r)
{
    return (r->request == SGA_REQ_KILL && !r->immediate) || r->request == SGA_REQ_DISCONNECT;
}

int end_finished(const end_request *r)
{
    sga_session *slot = sga_session_at(the_sga, r->sid);
    return slot->type == SGA_FREE || (int)slot->serial != r->serial ||
           __atomic_load_n(&slot->request_done, __ATOMIC_ACQUIRE);
}

void end_nudge(const end_owner *owner)
{
    if (owner->spid > 0) kill(owner->spid, REQUEST_SIGNAL);
}

/* The alert log block Oracle 12.2 writes for each kill request, and the history row. */
void end_audit(const end_request *r, const end_owner *o, int result, double waited_ms)
{
    if (!valid_request(r->request)) return;
    const char *imm = r->immediate && r->request == SGA_REQ_KILL ? " (IMMEDIATE)" : "";
    kill_record rec = {.when_us = sga_now_us(), .requestor_inst = r->from_inst,
                       .requestor_sid = r->from_sid, .requestor_pid = r->from_pid,
                       .requestor_spid = r->from_spid, .target_sid = r->sid,
                       .target_serial = r->serial, .target_pid = o->pid,
                       .target_spid = o->spid, .result = result, .elapsed_ms = waited_ms};
    snprintf(rec.mode, sizeof rec.mode, "%s%s", mode_names[r->request], imm);
    snprintf(rec.reason, sizeof rec.reason, "%s", reasons[r->request]);
    kill_history_add(the_kill_history, &rec);
    alert_log("KILL SESSION for sid=(%d, %d):\n"
              " Reason = %s\n"
              " Mode = %s%s -/-/-\n"
              " Requestor = USER (orapid = %d, ospid = %d, inst = %d)\n"
              " Owner = Process: USER (orapid = %d, ospid = %d)\n"
              " Result = ORA-%d\n"
              " Time until gone = %.1f ms",
              r->sid, r->serial, reasons[r->request], mode_names[r->request], imm, r->from_pid,
              (int)r->from_spid, r->from_inst, o->pid, (int)o->spid, result, waited_ms);
}
