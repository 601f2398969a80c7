/*
 * connect.c - libwarden: opening a session (TCP, TNS CONNECT/ACCEPT, the
 * PROTOCOL and DATA TYPES exchanges, O5LOGON) and closing it.
 */
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../net/o5logon.h"
#include "client_internal.h"

#define CLIENT_TIMEOUT_MS 30000
#define DRIVER_NAME "libwarden"

uint8_t client_next_seq(wdn_conn *c)
{
    c->seq = (uint8_t)(c->seq + 1);
    if (c->seq == 0) c->seq = 1;
    return c->seq;
}

void client_close_later(wdn_conn *c, uint16_t id)
{
    if (!id) return;
    if (c->nclose == c->capclose) {
        c->capclose = c->capclose ? c->capclose * 2 : 16;
        c->to_close = xrealloc(c->to_close, sizeof *c->to_close * (size_t)c->capclose);
    }
    c->to_close[c->nclose++] = id;
}

void client_put_function(wdn_conn *c, buf *b, uint8_t fn)
{
    if (c->nclose) { /* close-cursors piggyback, as the Oracle drivers send it */
        ttc_put_u8(b, TTC_MSG_PIGGYBACK);
        ttc_put_u8(b, TTC_FN_CLOSE_CURSORS);
        ttc_put_u8(b, client_next_seq(c));
        ttc_put_u8(b, 1);
        ttc_put_ub(b, (uint64_t)c->nclose);
        for (int i = 0; i < c->nclose; i++) ttc_put_ub(b, c->to_close[i]);
        c->nclose = 0;
    }
    ttc_put_u8(b, TTC_MSG_FUNCTION);
    ttc_put_u8(b, fn);
    ttc_put_u8(b, client_next_seq(c));
}

void client_lost(wdn_conn *c, int code)
{
    if (c->connected && c->net.fd >= 0) close(c->net.fd);
    c->net.fd = -1;
    c->connected = 0;
    if (!c->err.code || c->err.code == ORA_USER_CANCEL) ora_set(&c->err, code, 0);
}

int client_send(wdn_conn *c, buf *payload)
{
    if (net_send_data(&c->net, payload->data, payload->len, TNS_DATA_END_OF_CALL) < 0) {
        client_lost(c, ORA_EOF_ON_CHANNEL);
        return -1;
    }
    return 0;
}

int client_take_end(wdn_conn *c, const ttc_end *e)
{
    c->call_status = e->call_status;
    c->warning = e->warning;
    if (!e->error_code) return 0;
    c->err.code = e->error_code;
    c->err.offset = e->error_offset;
    snprintf(c->err.msg, sizeof c->err.msg, "%s", e->error_text);
    /* Errors after which the server has ended the session. */
    if (e->error_code == ORA_SESSION_KILLED) c->killed = 1;
    if (e->error_code == ORA_SESSION_KILLED || e->error_code == ORA_EOF_ON_CHANNEL ||
        e->error_code == 3135) {
        close(c->net.fd);
        c->net.fd = -1;
        c->connected = 0;
    }
    return -1;
}

int client_begin_response(wdn_conn *c, ttc_reader *r)
{
    for (;;) {
        int marker = 0;
        int t = ttc_begin(r, &c->net, 0, -1, &marker);
        if (t == TNS_DATA) return 0;
        if (t != TNS_MARKER) {
            client_lost(c, ORA_EOF_ON_CHANNEL);
            return -1;
        }
        if (marker == TNS_MARKER_BREAK) { /* the server aborted the call: reset */
            net_send_marker(&c->net, TNS_MARKER_RESET);
            tns_packet p;
            int pt;
            while ((pt = net_read_packet(&c->net, &p, CLIENT_TIMEOUT_MS)) >= 0)
                if (pt == TNS_MARKER && p.len >= 3 && p.payload[2] == TNS_MARKER_RESET) break;
            if (pt < 0) {
                client_lost(c, ORA_EOF_ON_CHANNEL);
                return -1;
            }
            c->breaking = 0;
        }
    }
}

/* "host:port/service", "//host:port/service", "host/service", "host:port". */
/* host[:port][/service[/instance]] (Easy Connect; a :server after the service is ignored). */
static int parse_connect_string(const char *cs, char *host, size_t hsz, int *port, char *svc,
                                size_t ssz, char *inst, size_t isz)
{
    if (!cs || !*cs) cs = "127.0.0.1:1521/WARDEN";
    if (!strncmp(cs, "//", 2)) cs += 2;
    const char *slash = strchr(cs, '/');
    const char *colon = memchr(cs, ':', slash ? (size_t)(slash - cs) : strlen(cs));
    const char *host_end = colon ? colon : slash ? slash : cs + strlen(cs);
    snprintf(host, hsz, "%.*s", (int)(host_end - cs), cs);
    if (!*host) snprintf(host, hsz, "127.0.0.1");
    *port = colon ? atoi(colon + 1) : 1521;
    snprintf(svc, ssz, "%s", slash ? slash + 1 : "");
    char *inst_slash = strchr(svc, '/');
    snprintf(inst, isz, "%s", inst_slash ? inst_slash + 1 : "");
    if (inst_slash) *inst_slash = 0;
    svc[strcspn(svc, ":")] = 0;
    return *port > 0 && *port < 65536 ? 0 : -1;
}

static int tcp_connect(const char *host, int port)
{
    char ports[16];
    snprintf(ports, sizeof ports, "%d", port);
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM}, *res;
    if (getaddrinfo(host, ports, &hints, &res) != 0) return -1;
    int fd = -1;
    for (struct addrinfo *a = res; a && fd < 0; a = a->ai_next) {
        fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
        if (fd >= 0 && connect(fd, a->ai_addr, a->ai_addrlen) < 0) {
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(res);
    if (fd >= 0) {
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    }
    return fd;
}

static int negotiate(wdn_conn *c)
{
    buf b;
    buf_init(&b);
    ttc_put_protocol_header(&b, DRIVER_NAME);
    int rc = client_send(c, &b);
    ttc_reader r;
    if (rc == 0 && client_begin_response(c, &r) == 0 && ttc_u8(&r) == TTC_MSG_PROTOCOL) {
        buf_reset(&b);
        ttc_put_u8(&b, TTC_MSG_DATA_TYPES);
        ttc_put_u16le(&b, 873);
        ttc_put_u16le(&b, 873);
        ttc_put_u8(&b, 0x03);
        ttc_put_capabilities(&b);
        ttc_put_u16be(&b, 27), ttc_put_u16be(&b, 27), ttc_put_u16be(&b, 10), ttc_put_u16be(&b, 0);
        ttc_put_u16be(&b, 0);
        rc = client_send(c, &b);
        if (rc == 0 && (client_begin_response(c, &r) < 0 || ttc_u8(&r) != TTC_MSG_DATA_TYPES))
            rc = -1;
    } else {
        rc = -1;
    }
    buf_free(&b);
    return rc;
}

static void put_auth_header(buf *b, uint8_t fn, uint8_t seq, const char *user,
                            enum wdn_privilege privilege, uint32_t npairs)
{
    uint32_t mode = TTC_AUTH_LOGON | TTC_AUTH_WITH_PASSWORD;
    if (privilege == WDN_SYSDBA) mode |= TTC_AUTH_SYSDBA;
    if (privilege == WDN_SYSOPER) mode |= TTC_AUTH_SYSOPER;
    ttc_put_u8(b, TTC_MSG_FUNCTION);
    ttc_put_u8(b, fn);
    ttc_put_u8(b, seq);
    ttc_put_u8(b, 1);
    ttc_put_ub(b, strlen(user));
    ttc_put_ub(b, mode);
    ttc_put_u8(b, 1);
    ttc_put_ub(b, npairs);
    ttc_put_u8(b, 1);
    ttc_put_u8(b, 1);
    ttc_put_str(b, user);
}

/* Pairs of a PARAMETER reply that the logon needs. */
typedef struct auth_reply {
    char sesskey[65], vfr[65], csk[65], svr_response[200];
    uint32_t vgen, sder;
    int sid, serial;
    long server_pid;
} auth_reply;

static void keep(const char *key, const char *want, const char *value, char *dst, size_t n)
{
    if (!strcmp(key, want)) snprintf(dst, n, "%s", value);
}

/* PARAMETER pairs of the logon replies. */
static void on_auth_pair(void *arg, const char *key, const char *val)
{
    auth_reply *a = arg;
    keep(key, "AUTH_SESSKEY", val, a->sesskey, sizeof a->sesskey);
    keep(key, "AUTH_VFR_DATA", val, a->vfr, sizeof a->vfr);
    keep(key, "AUTH_PBKDF2_CSK_SALT", val, a->csk, sizeof a->csk);
    keep(key, "AUTH_SVR_RESPONSE", val, a->svr_response, sizeof a->svr_response);
    if (!strcmp(key, "AUTH_PBKDF2_VGEN_COUNT")) a->vgen = (uint32_t)atoi(val);
    if (!strcmp(key, "AUTH_PBKDF2_SDER_COUNT")) a->sder = (uint32_t)atoi(val);
    if (!strcmp(key, "AUTH_SESSION_ID")) a->sid = atoi(val);
    if (!strcmp(key, "AUTH_SERIAL_NUM")) a->serial = atoi(val);
    if (!strcmp(key, "AUTH_SERVER_PID")) a->server_pid = atol(val);
}

static int read_auth_reply(wdn_conn *c, auth_reply *a)
{
    return client_read_response(c, NULL, NULL, on_auth_pair, a);
}

static int authenticate(wdn_conn *c, const char *user, const char *password, const char *program,
                        enum wdn_privilege privilege)
{
    char host[65] = "localhost", pid[16], osuser[65] = "unknown";
    gethostname(host, sizeof host - 1);
    snprintf(pid, sizeof pid, "%d", (int)getpid());
    struct passwd *pw = getpwuid(getuid());
    if (pw) snprintf(osuser, sizeof osuser, "%s", pw->pw_name);
    buf b;
    buf_init(&b);
    put_auth_header(&b, TTC_FN_AUTH_PHASE_ONE, client_next_seq(c), user, privilege, 5);
    ttc_put_kv(&b, "AUTH_TERMINAL", "unknown", 0);
    ttc_put_kv(&b, "AUTH_PROGRAM_NM", program, 0);
    ttc_put_kv(&b, "AUTH_MACHINE", host, 0);
    ttc_put_kv(&b, "AUTH_PID", pid, 0);
    ttc_put_kv(&b, "AUTH_SID", osuser, 0);
    auth_reply a;
    memset(&a, 0, sizeof a);
    int rc = client_send(c, &b) == 0 ? read_auth_reply(c, &a) : -1;
    o5_client oc;
    char sk[65], speedy[161];
    size_t pwhex_size = 2 * (32 + strlen(password) + 16) + 1;
    char *pwhex = xmalloc(pwhex_size);
    if (rc == 0 && o5_client_respond(&oc, password, a.vfr, a.vgen, a.sesskey, a.csk, a.sder, sk,
                                     speedy, pwhex, pwhex_size) != 0) {
        ora_set(&c->err, ORA_INVALID_LOGON, 0);
        rc = -1;
    }
    if (rc == 0) {
        buf_reset(&b);
        put_auth_header(&b, TTC_FN_AUTH_PHASE_TWO, client_next_seq(c), user, privilege, 6);
        ttc_put_kv(&b, "AUTH_SESSKEY", sk, 1);
        ttc_put_kv(&b, "AUTH_PBKDF2_SPEEDY_KEY", speedy, 0);
        ttc_put_kv(&b, "AUTH_PASSWORD", pwhex, 0);
        ttc_put_kv(&b, "SESSION_CLIENT_CHARSET", "873", 0);
        ttc_put_kv(&b, "SESSION_CLIENT_DRIVER_NAME", DRIVER_NAME, 0);
        ttc_put_kv(&b, "SESSION_CLIENT_VERSION", "1", 0);
        memset(&a, 0, sizeof a);
        rc = client_send(c, &b) == 0 ? read_auth_reply(c, &a) : -1;
        if (rc == 0 && o5_client_check_response(&oc, a.svr_response) != 0) {
            ora_set_text(&c->err, ORA_INVALID_LOGON, 0, "server failed to prove the password");
            rc = -1;
        }
        c->sid = a.sid, c->serial = a.serial, c->server_pid = a.server_pid;
    }
    memset(pwhex, 0, pwhex_size);
    free(pwhex);
    memset(b.data, 0, b.cap);
    buf_free(&b);
    return rc;
}

#define NO_LISTENER (-1000) /* connect_to: nothing listens at the address */

/* Send CONNECT for service SVC (and INST) to HOST:PORT; the answer of tns_read_accept_args,
 * with ARGS, or NO_LISTENER. */
static int connect_to(wdn_conn *c, const char *host, int port, const char *svc, const char *inst,
                      const char *program, uint8_t flags, char *args, size_t argsz)
{
    int fd = tcp_connect(host, port);
    if (fd < 0) return NO_LISTENER;
    net_conn_init(&c->net, fd);
    c->connected = 1;
    char me[65] = "localhost", desc[1024], instance[160] = "";
    gethostname(me, sizeof me - 1);
    struct passwd *pw = getpwuid(getuid());
    if (*inst) snprintf(instance, sizeof instance, "(INSTANCE_NAME=%s)", inst);
    snprintf(desc, sizeof desc,
             "(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=%s)(PORT=%d))(CONNECT_DATA=(SERVICE_NAME=%s)"
             "%s(CID=(PROGRAM=%s)(HOST=%s)(USER=%s))))",
             host, port, svc, instance, program, me, pw ? pw->pw_name : "unknown");
    if (tns_send_connect_flags(&c->net, desc, flags) < 0) return ora_set(&c->err, ORA_EOF_ON_CHANNEL, 0);
    return tns_read_accept_args(&c->net, CLIENT_TIMEOUT_MS, args, argsz);
}

/* A REDIRECT's ADDRESS: HOST and PORT from it.  0 or -1. */
static int redirect_target(const char *address, char *host, size_t hsz, int *port)
{
    char p[16] = "";
    if (tns_descriptor_value(address, "HOST", host, hsz) < 0 ||
        tns_descriptor_value(address, "PORT", p, sizeof p) < 0)
        return -1;
    *port = atoi(p);
    return *port > 0 && *port < 65536 ? 0 : -1;
}

static int open_transport(wdn_conn *c, const char *connect_string, const char *program)
{
    char host[256], svc[129], inst[129];
    int port;
    if (parse_connect_string(connect_string, host, sizeof host, &port, svc, sizeof svc, inst,
                             sizeof inst) < 0)
        return ora_set_text(&c->err, 12154, 0, "TNS:could not resolve the connect identifier specified");
    char args[256] = "";
    int r = connect_to(c, host, port, svc, inst, program, 0, args, sizeof args);
    /* A cluster's listener may hand us to another instance (a few times at most). */
    for (int hops = 0; r == TNS_REDIRECTED && hops < 3; hops++) {
        close(c->net.fd);
        net_conn_free(&c->net);
        c->net.fd = -1;
        if (redirect_target(args, host, sizeof host, &port) < 0) return ora_set(&c->err, ORA_EOF_ON_CHANNEL, 0);
        r = connect_to(c, host, port, svc, inst, program, TNS_CONNECT_REDIRECTED, args, sizeof args);
    }
    if (r == NO_LISTENER) return ora_set(&c->err, ORA_NO_LISTENER, 0);
    if (r == TNS_REDIRECTED) return ora_set(&c->err, ORA_EOF_ON_CHANNEL, 0);
    if (r > 0) {
        if (r == ORA_MAX_PROCESSES) return ora_set(&c->err, ORA_MAX_PROCESSES, 0, args);
        if (ora_text(r)) return ora_set(&c->err, r, 0); /* ORA-12514, ORA-12520 ... */
        char text[64];
        snprintf(text, sizeof text, "TNS:connection refused (ERR=%d)", r);
        return ora_set_text(&c->err, r, 0, text);
    }
    if (r < 0) return ora_set(&c->err, ORA_EOF_ON_CHANNEL, 0);
    return negotiate(c) == 0 ? 0 : ora_set(&c->err, ORA_EOF_ON_CHANNEL, 0);
}

wdn_conn *wdn_connect(const char *connect_string, const char *user, const char *password,
                      const char *program, ora_error *err)
{
    return wdn_connect_as(connect_string, user, password, program, WDN_DEFAULT, err);
}

wdn_conn *wdn_connect_as(const char *connect_string, const char *user, const char *password,
                         const char *program, enum wdn_privilege privilege, ora_error *err)
{
    wdn_conn *c = xcalloc(1, sizeof *c);
    c->net.fd = -1;
    char prog[65];
    if (!program) {
        char host[40] = "localhost";
        gethostname(host, sizeof host - 1);
        snprintf(prog, sizeof prog, "libwarden@%s", host);
        program = prog;
    }
    int rc = open_transport(c, connect_string, program);
    if (rc == 0)
        rc = authenticate(c, user ? user : "", password ? password : "", program, privilege);
    if (rc < 0) {
        *err = c->err;
        if (c->net.fd >= 0) close(c->net.fd);
        net_conn_free(&c->net);
        free(c);
        return NULL;
    }
    ora_clear(&c->err);
    return c;
}

void wdn_close(wdn_conn *c)
{
    if (!c) return;
    if (c->connected) {
        buf b;
        buf_init(&b);
        client_put_function(c, &b, TTC_FN_LOGOFF);
        ttc_reader r;
        if (client_send(c, &b) == 0 && client_begin_response(c, &r) == 0) {
            net_send_eof(&c->net);
        }
        buf_free(&b);
        if (c->net.fd >= 0) close(c->net.fd);
    }
    net_conn_free(&c->net);
    buf_free(&c->spare_text);
    free(c->spare_offs);
    free(c->to_close);
    free(c);
}

const ora_error *wdn_last_error(const wdn_conn *c) { return &c->err; }
int wdn_connected(const wdn_conn *c) { return c->connected; }
int wdn_in_transaction(const wdn_conn *c) { return (c->call_status & TTC_CALL_STATUS_TXN) != 0; }
int wdn_compile_warning(const wdn_conn *c)
{
    return (c->warning & TTC_WARN_COMPILATION) != 0;
}

long wdn_server_pid(const wdn_conn *c) { return c->server_pid; }

int wdn_session_id(const wdn_conn *c, int *sid, int *serial)
{
    *sid = c->sid, *serial = c->serial;
    return c->sid ? 0 : -1;
}
