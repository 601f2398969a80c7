/*
 * requests.c - acting on requests left in this session's SGA slot.
 */
#include "requests.h"

#include <signal.h>
#include <string.h>

#include "../sga/sga.h"
#include "session_state.h"

static volatile int request_signal; /* set by the handler, cleared when looked at */
static volatile int terminate_signal; /* SIGTERM: end the session cleanly */

static void on_request_signal(int sig)
{
    if (sig == SIGTERM) terminate_signal = 1;
    request_signal = 1;
}

void requests_install(session *s)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_request_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(REQUEST_SIGNAL, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL); /* kill <spid>: like DISCONNECT SESSION IMMEDIATE */
    /* Blocked except while waiting for the client (ppoll unblocks it atomically):
     * calls learn of requests at their safe points from the SGA, not the signal. */
    static sigset_t wait_mask;
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, REQUEST_SIGNAL);
    sigprocmask(SIG_BLOCK, &block, &wait_mask);
    sigdelset(&wait_mask, REQUEST_SIGNAL);
    s->net.wait_mask = &wait_mask;
    s->net.wakeup = &request_signal;
}

static uint32_t pending(session *s)
{
    if (terminate_signal) return SGA_REQ_DISCONNECT;
    if (!s->sid) return SGA_REQ_NONE;
    return __atomic_load_n(&sga_session_at(the_sga, s->sid)->request, __ATOMIC_ACQUIRE);
}

static void clear_request(session *s)
{
    sga_session *g = sga_session_at(the_sga, s->sid);
    __atomic_store_n(&g->request, SGA_REQ_NONE, __ATOMIC_RELEASE);
}

static void mark_done(session *s)
{
    __atomic_store_n(&sga_session_at(the_sga, s->sid)->request_done, 1, __ATOMIC_RELEASE);
}

/* CANCEL SQL applies to the running statement only if its SQL_ID matches (or none was named). */
static int cancel_applies(session *s)
{
    sga_session *g = sga_session_at(the_sga, s->sid);
    return !g->request_sql_id[0] || !strcmp(g->request_sql_id, g->sql_id);
}

int requests_check_in_call(session *s)
{
    request_signal = 0;
    switch (pending(s)) {
    case SGA_REQ_KILL:
        s->end_after_call = 1;
        return ORA_SESSION_KILLED;
    case SGA_REQ_DISCONNECT:
        s->client_gone = 1; /* no reply: the client sees its connection end */
        return ORA_EOF_ON_CHANNEL;
    case SGA_REQ_DISCONNECT_POST_TXN:
        if (s->eng && eng_in_transaction(s->eng)) {
            s->disconnect_after_txn = 1; /* let the transaction finish */
            return 0;
        }
        s->client_gone = 1;
        return ORA_EOF_ON_CHANNEL;
    case SGA_REQ_CANCEL: {
        int applies = cancel_applies(s);
        clear_request(s);
        return applies ? ORA_USER_CANCEL : 0;
    }
    default:
        return 0;
    }
}

int requests_handle_idle(session *s)
{
    request_signal = 0;
    ora_error ignored;
    switch (pending(s)) {
    case SGA_REQ_KILL:
        /* Roll back and release at once; the client hears of it on its next call. */
        if (s->eng) eng_rollback(s->eng, &ignored);
        s->killed_idle = 1;
        mark_done(s);
        return 0;
    case SGA_REQ_DISCONNECT_POST_TXN:
        if (s->eng && eng_in_transaction(s->eng)) {
            s->disconnect_after_txn = 1;
            return 0;
        }
        return 1;
    case SGA_REQ_DISCONNECT:
        return 1;
    case SGA_REQ_CANCEL: /* nothing is running: nothing to cancel */
        clear_request(s);
        return 0;
    default:
        return 0;
    }
}

int requests_end_after_call(session *s)
{
    if (s->end_after_call || s->client_gone) return 1;
    if (s->disconnect_after_txn && !(s->eng && eng_in_transaction(s->eng))) return 1;
    if (!s->disconnect_after_txn && pending(s) == SGA_REQ_DISCONNECT_POST_TXN)
        return requests_handle_idle(s); /* arrived during a call that opened nothing */
    return 0;
}

int requests_refuse_killed(session *s)
{
    if (!s->killed_idle) return 0;
    s->end_after_call = 1;
    return 1;
}
