/*
 * dedicated.c - a dedicated server process: one client connection, from
 * the hand-over of its socket to the end of its session.
 *
 * After the connect phase (connect.c) the process runs the session loop:
 * wait for the client's next call, run it, send its one reply, and see
 * whether the session goes on.  The loop is written as numbered steps in
 * session_call_loop().  Each call is run by its handler (logon.c, calls.c,
 * or here for the small ones), which builds the reply; the loop sends it.
 * What an interrupt means is for interrupts.c alone to say.
 */
#include "dedicated.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "../common/alert.h"
#include "../sga/sga.h"
#include "alter_session.h"
#include "calls.h"
#include "connect.h"
#include "cursors.h"
#include "interrupts.h"
#include "lob_call.h"
#include "lobs.h"
#include "logon.h"
#include "pga_limit.h"
#include "plsql_host.h"
#include "proctitle.h"
#include "replies.h"
#include "session_state.h"
#include "sql_trace.h"

#define PRE_LOGON_REQUEST_BYTES (64u * 1024) /* logon requests are a few kilobytes */

/* ---- piggybacked calls ---- */

static void read_end_to_end(session *s, ttc_reader *r)
{
    ttc_u8(r), ttc_u8(r);
    ttc_ub(r); /* flags */
    struct {
        uint8_t present;
        uint64_t len;
    } f[5];
    char *dest[5] = {s->client_identifier, s->module, s->action, s->client_info, NULL};
    for (int i = 0; i < 3; i++) f[i].present = ttc_u8(r), f[i].len = ttc_ub(r);
    ttc_u8(r), ttc_ub(r), ttc_u8(r), ttc_ub(r);
    f[3].present = ttc_u8(r), f[3].len = ttc_ub(r);
    ttc_u8(r), ttc_ub(r), ttc_u8(r), ttc_ub(r);
    f[4].present = ttc_u8(r), f[4].len = ttc_ub(r);
    buf v;
    buf_init(&v);
    for (int i = 0; i < 5; i++) {
        if (!f[i].present) continue;
        buf_reset(&v);
        if (f[i].len) ttc_announced_str(r, s->conv_length, f[i].len, &v);
        if (dest[i]) snprintf(dest[i], 65, "%.*s", (int)v.len, v.len ? (char *)v.data : "");
    }
    buf_free(&v);
}

/* Piggybacked calls in front of a FUNCTION message: 0, or -1 if unsupported.  One that fails
 * (the driver's currentSchema naming no user: ORA-01435) leaves its error in *REFUSED: the call
 * it comes with is answered with it, as Oracle answers it. */
static int read_piggybacks(session *s, ttc_reader *r, ora_error *refused)
{
    while (!ttc_failed(r) && ttc_peek_u8(r) == TTC_MSG_PIGGYBACK) {
        ttc_u8(r);
        uint8_t fn = ttc_u8(r);
        ttc_u8(r); /* sequence */
        if (fn == TTC_FN_CLOSE_CURSORS) {
            ttc_u8(r);
            uint64_t n = ttc_ub(r);
            for (uint64_t i = 0; i < n && !ttc_failed(r); i++) {
                uint64_t id = ttc_ub(r);
                cursors_close(s, &id, 1);
            }
        } else if (fn == TTC_FN_SET_END_TO_END) {
            read_end_to_end(s, r);
            session_state_end_to_end(s);
        } else if (fn == TTC_FN_LOB_OP) {
            lob_call_piggyback(s, r);
        } else if (fn == TTC_FN_SET_SCHEMA) {
            ttc_u8(r);
            uint64_t len = ttc_ub(r);
            buf v;
            buf_init(&v);
            ttc_announced_str(r, s->conv_length, len, &v);
            ora_error e;
            if (s->eng && v.len && alter_session_set_schema(s, buf_cstr(&v), 0, &e) < 0 &&
                !refused->code)
                *refused = e;
            buf_free(&v);
        } else {
            return -1;
        }
    }
    return ttc_failed(r) ? -1 : 0;
}

/*
 * The session ends: its cursors, its engine session (rolling back what is
 * open) and its SGA slot.  Done on LOGOFF before the reply, so that once the
 * client has it V$SESSION no longer shows the session and DROP USER may go
 * ahead while the client closes the connection.
 */
static void session_end(session *s)
{
    cursors_close_all(s);
    sql_trace_close(s);
    lobs_free_all(s);
    if (s->eng) eng_close(s->eng);
    s->eng = NULL;
    sqlite3_close_v2(s->auth_db); /* a logon that did not log on */
    s->auth_db = NULL;
    session_state_release(s);
    if (s->sid) sga_session_free(the_sga, s->sid);
    s->sid = 0;
}

/* ---- the small calls ---- */

static void transaction_call(session *s, ttc_reader *r, buf *out, int rollback)
{
    if (request_finish(s, r, out, 0, NULL) < 0) return;
    ora_error e;
    ora_clear(&e);
    if (s->eng && rollback) eng_rollback(s->eng, &e);
    else if (s->eng) eng_commit(s->eng, &e);
    session_state_count_commit(s, rollback);
    if (!e.code) sql_trace_transaction_end(s, rollback);
    reply_end_call(s, out, 0, 0, &e);
}

static void ping(session *s, ttc_reader *r, buf *out)
{
    if (request_finish(s, r, out, 0, NULL) < 0) return;
    ttc_put_u8(out, TTC_MSG_STATUS);
    ttc_put_ub(out, s->eng && eng_in_transaction(s->eng) ? TTC_CALL_STATUS_TXN : 0);
    ttc_put_ub(out, 0);
}

static void refuse_call(session *s, ttc_reader *r, buf *out, int code)
{
    ora_error refused;
    ora_set(&refused, code, 0);
    request_finish(s, r, out, 0, &refused);
}

/* Run one call, building its reply into OUT.  Returns 1 after LOGOFF, 0 otherwise. */
static int dispatch(session *s, ttc_reader *r, buf *out)
{
    ora_error refused;
    refused.code = 0; /* (not the whole struct: every call passes here) */
    if (read_piggybacks(s, r, &refused) < 0 || ttc_u8(r) != TTC_MSG_FUNCTION) {
        ttc_malformed(r);
        request_finish(s, r, out, 0, NULL);
        return 0;
    }
    uint8_t fn = ttc_u8(r);
    ttc_u8(r); /* sequence */
    int logon = fn == TTC_FN_AUTH_PHASE_ONE || fn == TTC_FN_AUTH_PHASE_TWO;
    if (!s->logged_on && !logon) {
        refuse_call(s, r, out, ORA_NOT_LOGGED_ON);
        return 0;
    }
    if (s->logged_on && logon) { /* one session per connection: a second one is not served */
        refuse_call(s, r, out, ORA_UNIMPLEMENTED);
        return 0;
    }
    if (refused.code && fn != TTC_FN_LOGOFF) { /* a piggybacked call failed: this one is not run */
        request_finish(s, r, out, 0, &refused);
        return 0;
    }
    ora_error pending;
    if (s->logged_on && fn != TTC_FN_LOB_OP && fn != TTC_FN_LOGOFF && lobs_flush(s, &pending) < 0) {
        refuse_call(s, r, out, pending.code); /* what LOB writes left to store could not be */
        return 0;
    }
    switch (fn) {
    case TTC_FN_AUTH_PHASE_ONE: logon_phase_one(s, r, out); return 0;
    case TTC_FN_AUTH_PHASE_TWO: logon_phase_two(s, r, out); return 0;
    case TTC_FN_EXECUTE: call_execute(s, r, out); return 0;
    case TTC_FN_REEXECUTE:
    case TTC_FN_REEXECUTE_AND_FETCH: call_reexecute(s, r, fn, out); return 0;
    case TTC_FN_FETCH: call_fetch(s, r, out); return 0;
    case TTC_FN_LOB_OP: lob_call(s, r, out); return 0;
    case TTC_FN_COMMIT: transaction_call(s, r, out, 0); return 0;
    case TTC_FN_ROLLBACK: transaction_call(s, r, out, 1); return 0;
    case TTC_FN_PING: ping(s, r, out); return 0;
    case TTC_FN_LOGOFF:
        if (request_finish(s, r, out, 0, NULL) < 0) return 0;
        session_end(s); /* before the reply: once the client has it, the session is gone */
        reply_end_call(s, out, 0, 0, NULL);
        return 1;
    default: refuse_call(s, r, out, ORA_UNSUPPORTED_NET); return 0;
    }
}

/*
 * One call from its first packet to its reply: a session killed between
 * calls answers it ORA-00028 unread; whatever the handler left of the
 * request is skipped, so the next call is read whole; a handler that built
 * no reply is a bug, answered ORA-03115 and written to the alert log.
 * Returns 1 after LOGOFF, 0 when the session goes on, -1 when the
 * connection is lost.
 */
static int serve_call(session *s, ttc_reader *r)
{
    buf out;
    buf_init(&out);
    session_state_call_begin(s);
    sql_trace_take_request(s);
    int refusal = interrupts_call_begin(s);
    int logoff = refusal ? (refuse_call(s, r, &out, refusal), 0) : dispatch(s, r, &out);
    if (ttc_skip_request(r) < 0) {
        buf_free(&out);
        return -1;
    }
    if (!out.len && !interrupts_ended(s)) {
        alert_log("ORA-00600: internal error code, arguments: [call %d without a reply]", r->err);
        ora_error e;
        ora_set(&e, ORA_UNSUPPORTED_NET, 0);
        reply_end_call(s, &out, 0, 0, &e);
    }
    /* V$SESSION says the call is over before the client can see its reply. */
    session_state_call_end(s);
    if (s->interrupted == CALL_BROKEN) reply_break(s, 0);
    else reply_send(s, &out);
    buf_free(&out);
    return logoff;
}

/* After LOGOFF the client sends an EOF packet and closes: let it close first. */
static void await_client_eof(session *s)
{
    tns_packet p;
    for (int i = 0; i < 16; i++) {
        int t = net_read_packet(&s->net, &p, 5000);
        if (t < 0 || (t == TNS_DATA && (p.data_flags & TNS_DATA_EOF))) return;
    }
}

/*
 * What the values of one request may take: half the session's memory
 * limit (0: the reader's own cap), so that serving it fits too; before
 * logon, only what logon requests need.
 */
static size_t request_budget(const session *s)
{
    return s->logged_on ? pga_limit_bytes() / 2 : PRE_LOGON_REQUEST_BYTES;
}

void session_call_loop(session *s)
{
    for (;;) {
        /* 1. Wait, idle, for the client's next call; a request or signal may end the wait. */
        ttc_reader r;
        int marker = 0;
        int t = ttc_begin(&r, &s->net, 1, -1, &marker);
        r.budget = request_budget(s);

        /* 2. What came meanwhile goes first: a kill, a disconnect (a call may have been
         *    read without waiting, before the signal was let in). */
        if (interrupts_idle(s)) return;

        /* 3. Between calls, a break or reset from the client is answered with ORA-01013. */
        if (t == TNS_MARKER) {
            reply_break(s, marker == TNS_MARKER_RESET);
            if (interrupts_ended(s)) return;
            continue;
        }
        if (t == NET_ERR_WAKEUP) continue;
        if (t != TNS_DATA) return; /* EOF, reset or garbage framing */

        /* 4. Serve the call: run it and send its one reply. */
        int logoff = serve_call(s, &r);
        if (logoff < 0) return;
        if (logoff) {
            await_client_eof(s);
            return;
        }

        /* 5. Go on, or end: killed, disconnected, the client gone, the transaction over. */
        if (interrupts_call_end(s)) return;
    }
}

/* The heap and its limit, from the first byte (before logon too). */
static void prepare_heap(const warden_config *cfg)
{
    pga_heap_init();
    pga_limit_set(cfg->session_pga_limit);
}

sqlite3 *dedicated_prepare(const warden_config *cfg, const char *db_path)
{
    prepare_heap(cfg);
    sqlite3 *db = NULL;
    if (eng_connect(db_path, &db) != SQLITE_OK ||
        sqlite3_exec(db, "SELECT 1 FROM sqlite_schema LIMIT 0", NULL, NULL, NULL) != SQLITE_OK) {
        sqlite3_close_v2(db); /* the logon opens one, and reports what fails */
        return NULL;
    }
    return db;
}

void dedicated_serve(int fd, const warden_config *cfg, const char *db_path, int pid,
                     sqlite3 *db)
{
    proctitle_set("warden%s (LOCAL=NO)", cfg->instance_name);
    session s;
    memset(&s, 0, sizeof s);
    net_conn_init(&s.net, fd);
    interrupts_install(&s);
    s.cfg = cfg;
    s.db_path = db_path;
    s.pid = pid;
    s.auth_db = db;
    s.packages = plsql_packages_new();
    plsql_host_for(&s, &s.plsql);
    prepare_heap(cfg); /* again after dedicated_prepare: it only sets values */
    connect_phase_begin(&s);
    if (connect_accept(&s) == 0) session_call_loop(&s);
    connect_phase_end(&s);
    session_end(&s);
    plsql_packages_free(s.packages);
    buf_free(&s.dbms_output);
    free(s.call_cursors);
    free(s.implicit_results);
    for (int i = 0; i < 3 * s.napp_context; i++) free(s.app_context[i]); /* a refused logon's */
    free(s.app_context);
    net_conn_free(&s.net);
    close(fd);
}
