/*
 * dedicated.c - a dedicated server process: one client connection from
 * CONNECT to logoff.
 *
 * Flow: CONNECT -> ACCEPT (or REFUSE for an unknown service), the optional
 * ANO exchange, PROTOCOL and DATA TYPES negotiation, then the call loop:
 * read a request, run it, send exactly one response.  A MARKER from the
 * client while idle is answered with the break protocol; EOF or a broken
 * connection ends the session (rolling back what is open).
 *
 * Everything before the logon is done is the connect phase: one deadline
 * (inbound_connect_timeout) covers every read and write in it, however the
 * client spaces its bytes, and ends the connection with ORA-03136 in the
 * alert log; and the process counts as connecting (max_pending_connections)
 * until it logs on or ends.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../common/alert.h"
#include "../net/ttc_msg.h"
#include "../sga/sga.h"
#include "pga_limit.h"
#include "proctitle.h"
#include "session.h"
#include "requests.h"
#include "session_state.h"

#define RESET_WAIT_MS 60000 /* for the client's RESET after a BREAK */
#define SERVER_BANNER "Warden 19.0"
#define PRE_LOGON_REQUEST_BYTES (64u * 1024) /* logon requests are a few kilobytes */

/* One more reply has left (counted once it is in the socket, for the pairing fuzzer). */
static void count_reply(session *s) { __atomic_add_fetch(&s->replies, 1, __ATOMIC_RELEASE); }

int session_send(session *s, buf *payload)
{
    if (s->client_gone) return NET_ERR_IO;
    if (s->break_received) { /* the call was interrupted: the break protocol replaces the reply */
        session_break_reset(s);
        return 0;
    }
    /* The call is over once its reply leaves: V$SESSION must already say so when the
     * client has it. */
    session_state_call_end(s);
    int rc = net_send_data(&s->net, payload->data, payload->len, 0);
    count_reply(s);
    return rc;
}

/* What already ends the call: a request from another session, a break, a vanished client. */
static int known_interrupt(session *s)
{
    int request = requests_check_in_call(s); /* KILL / DISCONNECT / CANCEL: a load from the SGA */
    if (request) return request;
    if (s->break_received) return ORA_USER_CANCEL;
    return s->client_gone ? ORA_EOF_ON_CHANNEL : 0;
}

int session_check_interrupt(void *arg)
{
    session *s = arg;
    int code = known_interrupt(s);
    if (code || !net_input_pending(&s->net)) return code;
    tns_packet p;
    int t = net_read_packet(&s->net, &p, 1000);
    if (t == TNS_MARKER) {
        s->break_received = 1;
        return ORA_USER_CANCEL;
    }
    if (t < 0 || (t == TNS_DATA && (p.data_flags & TNS_DATA_EOF))) {
        s->client_gone = 1; /* the client vanished mid-call: abandon the call */
        return ORA_EOF_ON_CHANNEL;
    }
    return 0; /* stray data during a call is ignored */
}

int session_safe_point(void *arg)
{
    session *s = arg;
    int64_t now = sga_monotonic_us(); /* no system call, unlike a poll */
    int code;
    if (now - s->socket_checked_us < SOCKET_CHECK_US) {
        code = known_interrupt(s);
    } else {
        s->socket_checked_us = now;
        code = session_check_interrupt(s);
    }
    return code ? code : pga_check(); /* past session_pga_limit: ORA-04036 */
}

void session_end_call_with(session *s, buf *out, ttc_end *end, const ora_error *e)
{
    if (s->eng && eng_in_transaction(s->eng)) end->call_status = TTC_CALL_STATUS_TXN;
    if (e && e->code) {
        end->error_code = e->code;
        end->error_offset = e->offset;
        size_t n = strnlen(e->msg, sizeof end->error_text - 1);
        memcpy(end->error_text, e->msg, n);
        end->error_text[n] = '\0';
    }
    ttc_write_error(out, end);
}

void session_end_call(session *s, buf *out, uint16_t cursor, uint64_t rows, const ora_error *e)
{
    ttc_end end = {.cursor_id = cursor, .row_count = rows};
    session_end_call_with(s, out, &end, e);
}

void session_reply_error(session *s, uint16_t cursor, const ora_error *e)
{
    buf out;
    buf_init(&out);
    session_end_call(s, &out, cursor, 0, e);
    session_send(s, &out);
    buf_free(&out);
}

static void send_error(session *s, int code)
{
    ora_error e;
    ora_set(&e, code, 0);
    session_reply_error(s, 0, &e);
}

int session_request_read(session *s, ttc_reader *r, uint16_t cursor, const ora_error *refused)
{
    if (ttc_skip_request(r) < 0) return -1; /* the connection is lost: nobody to answer */
    ora_error e;
    if (r->err == NET_ERR_OVERSIZE) ora_set(&e, ORA_PGA_LIMIT, 0);
    else if (refused) e = *refused;
    else if (r->err) ora_set(&e, ORA_UNSUPPORTED_NET, 0);
    else return 0;
    session_reply_error(s, cursor, &e);
    return -1;
}

void session_break_reset(session *s)
{
    s->break_received = 0;
    net_send_marker(&s->net, TNS_MARKER_BREAK);
    for (;;) {
        tns_packet p;
        int t = net_read_packet(&s->net, &p, RESET_WAIT_MS);
        if (t < 0) {
            s->client_gone = 1;
            return;
        }
        if (t == TNS_MARKER && p.len >= 3 && p.payload[2] == TNS_MARKER_RESET) break;
    }
    net_send_marker(&s->net, TNS_MARKER_RESET);
    send_error(s, ORA_USER_CANCEL);
}

/* ---- connect phase ---- */

static int service_known(const warden_config *cfg, const char *service)
{
    char list[sizeof cfg->service_names];
    snprintf(list, sizeof list, "%s", cfg->service_names);
    for (char *save, *t = strtok_r(list, ", ", &save); t; t = strtok_r(NULL, ", ", &save))
        if (!strcasecmp(t, service)) return 1;
    return 0;
}

static int accept_connection(session *s)
{
    tns_connect_info ci;
    if (tns_read_connect(&s->net, &ci, -1) < 0) return -1; /* the connect deadline bounds it */
    char service[129] = "", sid_name[129] = "";
    tns_descriptor_value(ci.connect_data, "SERVICE_NAME", service, sizeof service);
    tns_descriptor_value(ci.connect_data, "SID", sid_name, sizeof sid_name);
    tns_descriptor_value(ci.connect_data, "PROGRAM", s->program, sizeof s->program);
    tns_descriptor_value(ci.connect_data, "HOST", s->machine, sizeof s->machine);
    char pooled[16] = "";
    tns_descriptor_value(ci.connect_data, "SERVER", pooled, sizeof pooled);
    int ok = service[0] ? service_known(s->cfg, service)
                        : sid_name[0] && !strcasecmp(sid_name, s->cfg->instance_name);
    free(ci.connect_data);
    for (size_t i = 0; service[i] && i + 1 < sizeof s->service; i++)
        s->service[i] = (char)toupper((unsigned char)service[i]);
    if (!s->service[0]) snprintf(s->service, sizeof s->service, "SYS$USERS");
    struct sockaddr_storage peer;
    socklen_t len = sizeof peer;
    if (getpeername(s->net.fd, (struct sockaddr *)&peer, &len) == 0 && peer.ss_family == AF_INET)
        s->client_port = ntohs(((struct sockaddr_in *)&peer)->sin_port);
    if (!ok || !strcasecmp(pooled, "POOLED")) {
        tns_send_refuse(&s->net, service[0] || !sid_name[0] ? 12514 : 12505);
        return -1;
    }
    uint32_t sdu = ci.sdu >= 512 && ci.sdu <= TNS_MAX_SDU ? ci.sdu : TNS_DEFAULT_SDU;
    return tns_send_accept(&s->net, sdu);
}

/* Answer an ANO request with "no services" (clients that always send one). */
static void answer_ano(session *s, ttc_reader *r)
{
    uint8_t req[10];
    ttc_raw(r, req, sizeof req);
    ttc_skip_request(r);
    uint8_t rep[13] = {0xDE, 0xAD, 0xBE, 0xEF, 0, 13, req[6], req[7], req[8], req[9], 0, 0, 0};
    net_send_data(&s->net, rep, sizeof rep, 0);
}

static void send_protocol_reply(session *s)
{
    buf out;
    buf_init(&out);
    ttc_put_protocol_header(&out, SERVER_BANNER);
    ttc_put_u16le(&out, 873); /* AL32UTF8 */
    ttc_put_u8(&out, 0);
    ttc_put_u16le(&out, 0);
    static const uint8_t fdo[11] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0x07, 0xD0};
    ttc_put_u16be(&out, sizeof fdo);
    buf_put(&out, fdo, sizeof fdo);
    ttc_put_capabilities(&out);
    session_send(s, &out);
    buf_free(&out);
}

/* The client's DATA TYPES: remember its flags and how it represents SB1. */
static void read_data_types(session *s, ttc_reader *r)
{
    ttc_u16le(r), ttc_u16le(r);
    uint8_t flags = ttc_u8(r);
    buf caps;
    buf_init(&caps);
    ttc_bytes(r, &caps);
    ttc_bytes(r, &caps);
    buf_free(&caps);
    s->conv_length = (flags & 0x02) != 0;
    for (int i = 0; i < 2000 && !ttc_failed(r); i++) {
        uint16_t type = ttc_u16be(r);
        if (type == 0) break;
        ttc_u16be(r);
        uint16_t rep = ttc_u16be(r);
        ttc_u16be(r);
        if (type == 27) s->sb2_scale = rep == 1;
    }
    ttc_skip_request(r);
}

static int negotiate(session *s)
{
    ttc_reader r;
    if (ttc_begin(&r, &s->net, 1, -1, NULL) != TNS_DATA) return -1;
    if (ttc_left_in_packet(&r) >= 4 && ttc_peek_u8(&r) == 0xDE) {
        answer_ano(s, &r);
        if (ttc_begin(&r, &s->net, 1, -1, NULL) != TNS_DATA) return -1;
    }
    if (ttc_u8(&r) != TTC_MSG_PROTOCOL) return -1;
    ttc_skip_request(&r);
    send_protocol_reply(s);
    if (ttc_begin(&r, &s->net, 1, -1, NULL) != TNS_DATA) return -1;
    if (ttc_u8(&r) != TTC_MSG_DATA_TYPES) return -1;
    read_data_types(s, &r);
    if (ttc_failed(&r)) return -1;
    buf out;
    buf_init(&out);
    ttc_put_u8(&out, TTC_MSG_DATA_TYPES);
    ttc_put_u16be(&out, 0);
    int rc = session_send(s, &out);
    buf_free(&out);
    return rc;
}

/* ---- call loop ---- */

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

/* Piggybacked calls in front of a FUNCTION message. 0, or -1 if unsupported. */
static int read_piggybacks(session *s, ttc_reader *r)
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
        } else if (fn == TTC_FN_SET_SCHEMA) {
            ttc_u8(r);
            uint64_t len = ttc_ub(r);
            buf v;
            buf_init(&v);
            ttc_announced_str(r, s->conv_length, len, &v);
            buf_free(&v); /* ALTER SESSION SET CURRENT_SCHEMA is not supported yet */
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
    if (s->eng) eng_close(s->eng);
    s->eng = NULL;
    session_state_release(s);
    if (s->sid) sga_session_free(the_sga, s->sid);
    s->sid = 0;
}

static void simple_call(session *s, int (*fn)(eng_session *, ora_error *))
{
    ora_error e;
    ora_clear(&e);
    if (s->eng) fn(s->eng, &e);
    session_reply_error(s, 0, &e);
}

static void ping(session *s)
{
    buf out;
    buf_init(&out);
    ttc_put_u8(&out, TTC_MSG_STATUS);
    ttc_put_ub(&out, s->eng && eng_in_transaction(s->eng) ? TTC_CALL_STATUS_TXN : 0);
    ttc_put_ub(&out, 0);
    session_send(s, &out);
    buf_free(&out);
}

/* Run one FUNCTION call. Returns 1 after LOGOFF, 0 otherwise. */
static int dispatch(session *s, ttc_reader *r)
{
    if (read_piggybacks(s, r) < 0 || ttc_u8(r) != TTC_MSG_FUNCTION) {
        ttc_malformed(r);
        session_request_read(s, r, 0, NULL);
        return 0;
    }
    uint8_t fn = ttc_u8(r);
    ttc_u8(r); /* sequence */
    ora_error refused;
    if (!s->logged_on && fn != TTC_FN_AUTH_PHASE_ONE && fn != TTC_FN_AUTH_PHASE_TWO) {
        ora_set(&refused, ORA_NOT_LOGGED_ON, 0);
        session_request_read(s, r, 0, &refused);
        return 0;
    }
    switch (fn) {
    case TTC_FN_AUTH_PHASE_ONE: logon_phase_one(s, r); return 0;
    case TTC_FN_AUTH_PHASE_TWO: logon_phase_two(s, r); return 0;
    case TTC_FN_EXECUTE: call_execute(s, r); return 0;
    case TTC_FN_REEXECUTE:
    case TTC_FN_REEXECUTE_AND_FETCH: call_reexecute(s, r, fn); return 0;
    case TTC_FN_FETCH: call_fetch(s, r); return 0;
    case TTC_FN_COMMIT:
        if (session_request_read(s, r, 0, NULL) < 0) return 0;
        simple_call(s, eng_commit);
        session_state_count_commit(s, 0);
        return 0;
    case TTC_FN_ROLLBACK:
        if (session_request_read(s, r, 0, NULL) < 0) return 0;
        simple_call(s, eng_rollback);
        session_state_count_commit(s, 1);
        return 0;
    case TTC_FN_PING:
        if (session_request_read(s, r, 0, NULL) == 0) ping(s);
        return 0;
    case TTC_FN_LOGOFF:
        if (session_request_read(s, r, 0, NULL) < 0) return 0;
        session_end(s); /* before the reply: once the client has it, the session is gone */
        session_reply_error(s, 0, NULL);
        return 1;
    default:
        ora_set(&refused, ORA_UNSUPPORTED_NET, 0);
        session_request_read(s, r, 0, &refused);
        return 0;
    }
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
        ttc_reader r;
        int marker = 0;
        int t = ttc_begin(&r, &s->net, 1, -1, &marker);
        r.budget = request_budget(s);
        if (t == TNS_MARKER) {
            if (marker == TNS_MARKER_RESET) {
                net_send_marker(&s->net, TNS_MARKER_RESET);
                send_error(s, ORA_USER_CANCEL);
            } else {
                session_break_reset(s);
            }
        } else if (t == TNS_DATA) {
            /* A request that came while idle goes first (the call may have been read
             * without waiting, so its signal has not been let in yet). */
            if (requests_handle_idle(s)) return;
            if (requests_refuse_killed(s)) { /* killed while idle: this call learns it */
                ttc_skip_request(&r);
                send_error(s, ORA_SESSION_KILLED);
                return;
            }
            session_state_call_begin(s);
            uint64_t replies = s->replies;
            int logoff = dispatch(s, &r); /* its reply marks the session idle again */
            /* Whatever the handler left of the request goes, so the next call is read whole. */
            if (ttc_skip_request(&r) < 0) return; /* connection lost */
            if (s->replies == replies) { /* every call gets exactly one reply */
                alert_log("ORA-00600: internal error code, arguments: [call %d without a reply]",
                          r.err);
                send_error(s, ORA_UNSUPPORTED_NET);
            }
            if (logoff) {
                await_client_eof(s);
                return;
            }
            if (requests_end_after_call(s)) return;
        } else if (t == NET_ERR_WAKEUP) {
            if (requests_handle_idle(s)) return;
        } else {
            return; /* EOF, reset or garbage framing */
        }
        if (s->client_gone) return;
    }
}

static void session_cleanup(session *s)
{
    session_end(s);
    buf_free(&s->dbms_output);
    net_conn_free(&s->net);
}

void dedicated_refuse(int fd, int ora_err)
{
    net_conn c;
    net_conn_init(&c, fd);
    tns_connect_info ci;
    char args[32];
    snprintf(args, sizeof args, "%d", the_sga->nprocesses);
    if (tns_read_connect(&c, &ci, 5000) == 0)
        tns_send_refuse_args(&c, ora_err, ora_err == ORA_MAX_PROCESSES ? args : NULL);
    free(ci.connect_data);
    net_conn_free(&c);
    close(fd);
}

/* ---- the connect phase's deadline ---- */

static void connect_phase_begin(session *s)
{
    s->connecting = 1;
    net_peer_address(s->net.fd, s->client_address, sizeof s->client_address);
    net_set_deadline(&s->net, s->cfg->inbound_connect_timeout * 1000);
}

/* The connect phase is over (logged on, or leaving): no deadline, no longer counted. */
static void connect_phase_done(session *s)
{
    s->connecting = 0;
    net_set_deadline(&s->net, 0);
    sga_connect_end(the_sga, s->pid);
}

void session_logged_on(session *s)
{
    s->logged_on = 1;
    if (s->connecting) connect_phase_done(s);
}

/* Leaving without a logon: say so in the alert log if the deadline was the reason. */
static void connect_phase_end(session *s)
{
    if (!s->connecting) return;
    if (net_deadline_passed(&s->net))
        alert_log("WARNING: %s (ORA-%05d) from %s: not logged on within "
                  "inbound_connect_timeout (%d s); connection closed (pid: %d, ospid: %d)",
                  ora_text(ORA_INBOUND_TIMEOUT), ORA_INBOUND_TIMEOUT, s->client_address,
                  s->cfg->inbound_connect_timeout, s->pid, (int)getpid());
    connect_phase_done(s);
}

void dedicated_serve(int fd, const warden_config *cfg, const char *db_path, int pid)
{
    proctitle_set("warden%s (LOCAL=NO)", cfg->instance_name);
    session s;
    memset(&s, 0, sizeof s);
    net_conn_init(&s.net, fd);
    requests_install(&s);
    s.cfg = cfg;
    s.db_path = db_path;
    s.pid = pid;
    pga_limit_set(cfg->session_pga_limit); /* from the first byte, before logon too */
    connect_phase_begin(&s);
    if (accept_connection(&s) == 0 && negotiate(&s) == 0) session_call_loop(&s);
    connect_phase_end(&s);
    session_cleanup(&s);
    close(fd);
}
