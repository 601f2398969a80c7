/*
 * interrupts.c - noticing interrupts and deciding what they mean (see
 * interrupts.h).  This is the only reader of the SGA request word and the
 * only writer of a session's fate and call interrupt; decide() is the rule.
 */
#include "interrupts.h"

#include <signal.h>
#include <string.h>

#include "../sga/sga.h"
#include "pga_limit.h"

#define SAFE_POINTS_PER_CLOCK 16 /* the clock is read every so many safe points */
#define CLIENT_LOOK_US 1000      /* the client and the signals are looked at at most every 1 ms */
#define CLIENT_READ_MS 1000      /* for the rest of a packet the client has begun */

/* What has happened to the session. */
typedef enum cause {
    CAUSE_NONE,
    CAUSE_KILL,                 /* ALTER SYSTEM KILL SESSION */
    CAUSE_DISCONNECT,           /* DISCONNECT SESSION ... IMMEDIATE, kill <spid> */
    CAUSE_DISCONNECT_POST_TXN,  /* DISCONNECT SESSION ... POST_TRANSACTION */
    CAUSE_CANCEL,               /* CANCEL SQL naming the running statement (or none) */
    CAUSE_BREAK,                /* the client's break marker */
    CAUSE_CLIENT_GONE,          /* the connection ended or failed */
} cause;

enum { BETWEEN_CALLS, IN_CALL };

static volatile int request_signal;   /* set by the handler, cleared when looked at */
static volatile int terminate_signal; /* SIGTERM came: end the session */

static void on_signal(int sig)
{
    if (sig == SIGTERM) terminate_signal = 1;
    request_signal = 1;
}

void interrupts_install(session *s)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(REQUEST_SIGNAL, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    /* Both blocked except inside the waits, which unblock them atomically. */
    static sigset_t wait_mask;
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, REQUEST_SIGNAL);
    sigaddset(&block, SIGTERM);
    sigprocmask(SIG_BLOCK, &block, &wait_mask);
    sigdelset(&wait_mask, REQUEST_SIGNAL);
    sigdelset(&wait_mask, SIGTERM);
    s->net.wait_mask = &wait_mask;
    s->net.wakeup = &request_signal;
}

/* ---- noticing ---- */

static int in_transaction(const session *s) { return s->eng && eng_in_transaction(s->eng); }

/* CANCEL SQL applies to the running statement only if its SQL_ID matches (or none was named). */
static int cancel_applies(sga_session *g)
{
    return !g->request_sql_id[0] || !strcmp(g->request_sql_id, g->sql_id);
}

/*
 * What the SGA slot and the signals ask for.  Session-ending requests stay
 * in the slot (the requester waits for them to be done); a CANCEL is taken
 * out as it is read, so that it ends one call only.
 */
static cause take_request(session *s)
{
    request_signal = 0;
    if (terminate_signal) return CAUSE_DISCONNECT;
    if (!s->sid) return CAUSE_NONE;
    sga_session *g = sga_session_at(the_sga, s->sid);
    switch (__atomic_load_n(&g->request, __ATOMIC_ACQUIRE)) {
    case SGA_REQ_KILL: return CAUSE_KILL;
    case SGA_REQ_DISCONNECT: return CAUSE_DISCONNECT;
    case SGA_REQ_DISCONNECT_POST_TXN: return CAUSE_DISCONNECT_POST_TXN;
    case SGA_REQ_CANCEL: {
        int applies = cancel_applies(g);
        __atomic_store_n(&g->request, SGA_REQ_NONE, __ATOMIC_RELEASE);
        return applies ? CAUSE_CANCEL : CAUSE_NONE;
    }
    default: return CAUSE_NONE;
    }
}

/* kill <spid> while a call runs: SIGTERM is blocked then, so ask whether one is pending. */
static void note_pending_terminate(void)
{
    sigset_t pending;
    if (sigpending(&pending) == 0 && sigismember(&pending, SIGTERM)) terminate_signal = 1;
}

/* What the client sent while its call runs: a break, or the end of the connection. */
static cause look_at_client(session *s)
{
    note_pending_terminate();
    if (!net_input_pending(&s->net)) return CAUSE_NONE;
    tns_packet p;
    int t = net_read_packet(&s->net, &p, CLIENT_READ_MS);
    if (t == TNS_MARKER) return CAUSE_BREAK;
    if (t < 0 || (t == TNS_DATA && (p.data_flags & TNS_DATA_EOF))) return CAUSE_CLIENT_GONE;
    return CAUSE_NONE; /* stray data during a call is ignored */
}

/* ---- deciding ---- */

/* Killed between calls: roll back and release now, and tell the requester it is done. */
static void end_transaction_now(session *s)
{
    ora_error ignored;
    if (s->eng) eng_rollback(s->eng, &ignored);
    if (s->sid)
        __atomic_store_n(&sga_session_at(the_sga, s->sid)->request_done, 1, __ATOMIC_RELEASE);
}

/*
 * The rule: what cause C means for the session, in a call (WHERE is
 * IN_CALL) or between calls.  A session's fate only ever grows more final.
 */
static void decide(session *s, cause c, int where)
{
    switch (c) {
    case CAUSE_KILL:
        if (s->fate >= FATE_END_AFTER_REPLY) break;
        s->fate = FATE_END_AFTER_REPLY;
        if (where == BETWEEN_CALLS) end_transaction_now(s);
        break;
    case CAUSE_DISCONNECT:
    case CAUSE_CLIENT_GONE: s->fate = FATE_ENDED; break;
    case CAUSE_DISCONNECT_POST_TXN:
        if (s->fate < FATE_END_AFTER_TRANSACTION) s->fate = FATE_END_AFTER_TRANSACTION;
        break;
    case CAUSE_CANCEL:
        if (where == IN_CALL && s->interrupted == CALL_RUNS) s->interrupted = CALL_CANCELLED;
        break; /* between calls nothing runs: nothing to cancel */
    case CAUSE_BREAK: s->interrupted = CALL_BROKEN; break;
    case CAUSE_NONE: break;
    }
    if (s->fate == FATE_END_AFTER_TRANSACTION && !in_transaction(s)) s->fate = FATE_ENDED;
}

/* The error the current call must end with, or 0. */
static int call_error(const session *s)
{
    switch (s->fate) {
    case FATE_ENDED: return ORA_EOF_ON_CHANNEL;
    case FATE_END_AFTER_REPLY: return ORA_SESSION_KILLED;
    default: return s->interrupted != CALL_RUNS ? ORA_USER_CANCEL : 0;
    }
}

/* ---- at safe points ---- */

int interrupts_check(session *s)
{
    decide(s, look_at_client(s), IN_CALL);
    decide(s, take_request(s), IN_CALL);
    return call_error(s);
}

/* Every so many safe points, and at most once a millisecond: the client; the memory. */
static int timed_checks(session *s)
{
    int64_t now = sga_monotonic_us();
    if (now - s->client_looked_us >= CLIENT_LOOK_US) {
        s->client_looked_us = now;
        decide(s, look_at_client(s), IN_CALL);
    }
    return pga_check(); /* past session_pga_limit: ORA-04036 (ends the call only) */
}

int interrupts_safe_point(void *arg)
{
    session *s = arg;
    int memory = 0;
    if (++s->safe_points % SAFE_POINTS_PER_CLOCK == 0) memory = timed_checks(s);
    decide(s, take_request(s), IN_CALL);
    int code = call_error(s);
    return code ? code : memory;
}

/* ---- between calls ---- */

int interrupts_call_begin(session *s)
{
    s->interrupted = CALL_RUNS;
    return s->fate == FATE_END_AFTER_REPLY ? ORA_SESSION_KILLED : 0;
}

int interrupts_call_end(session *s)
{
    int killed_in_call = s->fate == FATE_END_AFTER_REPLY; /* the reply said ORA-00028 */
    s->interrupted = CALL_RUNS;
    decide(s, take_request(s), BETWEEN_CALLS);
    return killed_in_call || s->fate == FATE_ENDED;
}

int interrupts_idle(session *s)
{
    decide(s, take_request(s), BETWEEN_CALLS);
    return s->fate == FATE_ENDED;
}

void interrupts_client_gone(session *s) { decide(s, CAUSE_CLIENT_GONE, IN_CALL); }

int interrupts_ended(const session *s) { return s->fate == FATE_ENDED; }
