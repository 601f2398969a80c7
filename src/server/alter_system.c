/*
 * alter_system.c - the issuing side of KILL SESSION, DISCONNECT SESSION and
 * CANCEL SQL, and ALTER SYSTEM SET: it carries out the statement src/sql
 * parsed (alter_system_parse.c, which gives the syntax errors).
 *
 * A session of this instance (no @inst_id, or this one's) is ended here
 * (session_ending.h: check, post, signal); KILL then waits until the target
 * has rolled back and released its locks, at most kill_session_wait seconds
 * (ORA-00031 after that), and IMMEDIATE does not wait.  With another
 * instance's @inst_id the same request goes to that instance's LMON, which
 * does the same there and answers when this side would have stopped
 * waiting; either way our own client can break the wait.
 */
#include "alter_system.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../common/alert.h"
#include "../sga/sga.h"
#include "cluster_client.h"
#include "interrupts.h"
#include "session_ending.h"

static double now_ms(void) { return (double)sga_monotonic_us() / 1e3; }

/* Wait for R's target, at most R->wait_ms. 0, or the ORA error. */
static int wait_for_target(session *s, const end_request *r, const end_owner *o, double *waited)
{
    double start = now_ms();
    for (int i = 0;; i++) {
        if (end_finished(r)) break;
        if (now_ms() - start >= r->wait_ms) {
            *waited = now_ms() - start;
            return ORA_MARKED_FOR_KILL;
        }
        int own = interrupts_check(s); /* our own client may break the wait */
        if (own) {
            *waited = now_ms() - start;
            return own;
        }
        if (i % 64 == 63) end_nudge(o); /* a target between waits misses nothing */
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

/* The request statement T makes of session S. */
static end_request request_of(session *s, const sql_alter_system_stmt *t)
{
    end_request r = {.request = (uint32_t)requests[t->action],
                     .immediate = t->mode == END_MODE_IMMEDIATE,
                     .sid = t->sid,
                     .serial = t->serial,
                     .wait_ms = __atomic_load_n(&the_sga->cfg.kill_session_wait, __ATOMIC_ACQUIRE) * 1000,
                     .from_inst = s->cfg->instance_number,
                     .from_sid = s->sid,
                     .from_pid = s->pid,
                     .from_spid = getpid(),
                     .from_admin = s->auth_admin};
    /* DISCONNECT POST_TRANSACTION: IMMEDIATE, when also written, is ignored */
    if (t->mode == END_MODE_POST_TRANSACTION) r.request = SGA_REQ_DISCONNECT_POST_TXN;
    snprintf(r.sql_id, sizeof r.sql_id, "%s", t->sql_id);
    snprintf(r.from_user, sizeof r.from_user, "%s", s->user);
    return r;
}

static int own_interrupt(void *arg) { return interrupts_check(arg); }

/* KILL SESSION, DISCONNECT SESSION, CANCEL SQL: post the request, wait as it asks, audit. */
static int end_session(session *s, const sql_alter_system_stmt *t, ora_error *err)
{
    end_request r = request_of(s, t);
    int rc;
    if (t->inst_id && t->inst_id != s->cfg->instance_number) {
        double waited = 0;
        rc = cluster_client_end(t->inst_id, &r, own_interrupt, s, &waited);
        alert_log("KILL SESSION for sid=(%d, %d) of instance %d: sent to instance %d\n"
                  " Result = ORA-%d\n"
                  " Time until gone = %.1f ms",
                  t->sid, t->serial, t->inst_id, t->inst_id, rc, waited);
    } else {
        end_owner o;
        double waited = 0;
        rc = end_post(&r, &o);
        if (!rc && end_waits(&r)) rc = wait_for_target(s, &r, &o, &waited);
        end_audit(&r, &o, rc, waited);
    }
    if (rc == ORA_GV_INSTANCES) return ora_set(err, rc, 0, "1", "0");
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
