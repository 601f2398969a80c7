/*
 * test_connect_limits.c - what a connection may hold before it has logged
 * on, seen from raw sockets:
 *
 * - inbound_connect_timeout is one deadline from hand-over to logon: a client
 *   dribbling its CONNECT a byte at a time, one that sends nothing, and one
 *   that negotiates and keeps calling without logging on are all cut off when
 *   it passes, with ORA-03136 and their address in the alert log, and their
 *   server process and its slot go;
 * - max_pending_connections caps the connections not yet logged on: beyond
 *   it a connection is refused at once with ORA-12520 (alert log too), the
 *   idle sockets hold no more than the cap's process slots, and the count
 *   comes down when such a socket closes or its server is killed (PMON);
 *   real logons go through whenever the cap has room.
 *
 * Two instances: a short deadline, and a cap of 3 with a long deadline so
 * that idle sockets stay while the cap is examined.  Every wait is bounded.
 */
#include <errno.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>

#include "harness.h"
#include "net/tns.h"
#include "net/ttc.h"
#include "net/ttc_msg.h"

#define TIMEOUT_S 2  /* inbound_connect_timeout of the first instance */
#define MARGIN_S 3.0 /* how late after it a cut-off may come */
#define CAP 3        /* max_pending_connections of the second */
#define PROCESSES 16 /* ... and its processes: 4 background + 12 servers */
#define NO_HANDLER                                                                                 \
    "ORA-12520: TNS:listener could not find available handler for requested type of server"

static wi fast, capped;

/* ---- raw clients ---- */

/* The CONNECT packet for W's service, as the client library writes it. */
static size_t connect_packet(const wi *w, uint8_t *out, size_t outsz)
{
    int sv[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    net_conn c;
    net_conn_init(&c, sv[0]);
    char desc[256];
    snprintf(desc, sizeof desc,
             "(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=127.0.0.1)(PORT=%d))"
             "(CONNECT_DATA=(SERVICE_NAME=WARDEN)(CID=(PROGRAM=test_connect_limits))))",
             w->port);
    assert_int_equal(tns_send_connect(&c, desc), 0);
    ssize_t n = recv(sv[1], out, outsz, MSG_DONTWAIT);
    assert_true(n > 0);
    net_conn_free(&c);
    close(sv[0]), close(sv[1]);
    return (size_t)n;
}

static int local_port(int fd)
{
    struct sockaddr_in a;
    socklen_t len = sizeof a;
    assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
    return ntohs(a.sin_port);
}

/* Does the server close FD (end of file or reset) within SECONDS? Discards what it sends. */
static int closed_within(int fd, double seconds)
{
    double until = wi_now() + seconds;
    while (wi_now() < until) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        if (poll(&p, 1, 50) <= 0) continue;
        char b[4096];
        ssize_t n = recv(fd, b, sizeof b, MSG_DONTWAIT);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) return 1;
    }
    return 0;
}

/* Send one DATA message (a whole request) and read the one-packet reply; 0 or -1. */
static int request(net_conn *c, const buf *msg)
{
    tns_packet p;
    if (net_send_data(c, msg->data, msg->len, TNS_DATA_END_OF_CALL) < 0) return -1;
    return net_read_packet(c, &p, 5000) == TNS_DATA ? 0 : -1;
}

/* CONNECT, ACCEPT, PROTOCOL and DATA TYPES: a client ready to log on. */
static void negotiate(const wi *w, net_conn *c)
{
    uint8_t pk[512];
    size_t n = connect_packet(w, pk, sizeof pk);
    assert_int_equal(net_write_all(c->fd, pk, n), 0);
    assert_int_equal(tns_read_accept(c, 5000), 0);
    buf b;
    buf_init(&b);
    ttc_put_protocol_header(&b, "test");
    assert_int_equal(request(c, &b), 0);
    buf_reset(&b);
    ttc_put_u8(&b, TTC_MSG_DATA_TYPES);
    ttc_put_u16le(&b, 873);
    ttc_put_u16le(&b, 2000);
    ttc_put_u8(&b, 0);
    ttc_put_u8(&b, 0); /* no compile-time capabilities */
    ttc_put_u8(&b, 0); /* no run-time capabilities */
    ttc_put_u16be(&b, 0);
    assert_int_equal(request(c, &b), 0);
    buf_free(&b);
}

/* ---- the instance's side ---- */

/*
 * The SPIDs of dedicated servers without a session (connecting), at most MAX.
 * A slot PMON has taken but not yet forked for shows SPID 0: not yet counted.
 */
static int connecting_servers(wdn_conn *mon, long *spids, int max)
{
    wdn_cursor *cur = NULL;
    if (wdn_execute(mon,
                    "select spid from v$process p where p.background is null and not exists "
                    "(select 1 from v$session s where s.paddr = p.addr) and p.spid <> '0' "
                    "order by 1",
                    NULL, 0, &cur, NULL) < 0)
        fail_msg("v$process: %s", wdn_last_error(mon)->msg);
    int n = 0;
    while (wdn_fetch(cur) == 1)
        if (n < max) spids[n++] = atol(wdn_value(cur, 0));
    wdn_cursor_close(cur);
    return n;
}

/* Wait (at most 5 s) until exactly N servers are connecting; their SPIDs into SPIDS. */
static void await_connecting(wdn_conn *mon, int n, long *spids)
{
    int now = -1;
    for (int i = 0; i < 100 && now != n; i++) {
        now = connecting_servers(mon, spids, PROCESSES);
        if (now != n) usleep(50000);
    }
    assert_int_equal(now, n);
}

/* Wait (at most 10 s) until OS process SPID is gone and V$PROCESS no longer lists it. */
static void assert_server_gone(wdn_conn *mon, long spid)
{
    long listed = 1;
    int alive = 1;
    for (int i = 0; i < 200 && (alive || listed); i++) {
        alive = kill((pid_t)spid, 0) == 0;
        listed = wi_countf(mon, "select count(*) from v$process where spid = '%ld'", spid);
        if (alive || listed) usleep(50000);
    }
    if (alive || listed) {
        char cmd[96];
        snprintf(cmd, sizeof cmd, "cat /proc/%ld/stat /proc/%ld/cmdline", spid, spid);
        if (system(cmd) != 0) fprintf(stderr, "no /proc/%ld\n", spid);
        fail_msg("server %ld: alive %d, listed in v$process %ld", spid, alive, listed);
    }
}

/* The index of the socket in FDS (N of them) that the server closes within SECONDS, or -1. */
static int which_closed(const int *fds, int n, double seconds)
{
    double until = wi_now() + seconds;
    while (wi_now() < until)
        for (int i = 0; i < n; i++)
            if (closed_within(fds[i], 0.02)) return i;
    return -1;
}

/* ---- inbound_connect_timeout ---- */

/*
 * A raw connection to the first instance, and (via MON) the SPID of its
 * server: the connecting one that was not there before (a server that has
 * just logged off also shows no session until it has exited).
 */
static int open_connecting(wdn_conn *mon, long *spid)
{
    long before[PROCESSES], now[PROCESSES];
    int nbefore = connecting_servers(mon, before, PROCESSES);
    int fd = wi_tcp(&fast);
    assert_true(fd >= 0);
    for (int tries = 0; tries < 100; tries++) {
        int n = connecting_servers(mon, now, PROCESSES);
        for (int i = 0; i < n; i++) {
            int known = 0;
            for (int k = 0; k < nbefore && !known; k++)
                known = before[k] == now[i];
            if (!known) return *spid = now[i], fd;
        }
        usleep(50000);
    }
    fail_msg("no server process appeared for the new connection within 5 s");
    return -1;
}

/* FD, opened at T0, was cut off at the deadline: the alert log says so, its server is gone. */
static void assert_cut_off(int fd, double t0, wdn_conn *mon, long spid)
{
    double took = wi_now() - t0;
    if (took < TIMEOUT_S - 0.3 || took > TIMEOUT_S + MARGIN_S)
        fail_msg("connection ended after %.2f s; inbound_connect_timeout is %d s", took, TIMEOUT_S);
    char line[160];
    snprintf(line, sizeof line,
             "inbound connection timed out (ORA-03136) from 127.0.0.1:%d:", local_port(fd));
    assert_true(wi_alert_contains(&fast, line));
    assert_server_gone(mon, spid);
}

static void test_dribbled_connect_is_cut_off(void **state)
{
    wdn_conn *mon = wi_connect(&fast, "system", WI_PASSWORD);
    uint8_t pk[512];
    size_t n = connect_packet(&fast, pk, sizeof pk);
    long spid;
    double t0 = wi_now();
    int fd = open_connecting(mon, &spid), closed = 0;
    /* A byte every 0.6 s: each read sees data long before any per-read timeout. */
    for (size_t i = 0; i < n && !closed && wi_now() - t0 < TIMEOUT_S + MARGIN_S; i++) {
        closed = send(fd, pk + i, 1, MSG_NOSIGNAL) < 0;
        if (!closed) closed = closed_within(fd, 0.6);
    }
    assert_true(closed);
    assert_cut_off(fd, t0, mon, spid);
    close(fd);
    wdn_close(mon);
}

static void test_silent_socket_is_cut_off(void **state)
{
    wdn_conn *mon = wi_connect(&fast, "system", WI_PASSWORD);
    long spid;
    double t0 = wi_now();
    int fd = open_connecting(mon, &spid);
    assert_true(closed_within(fd, TIMEOUT_S + MARGIN_S));
    assert_cut_off(fd, t0, mon, spid);
    close(fd);
    wdn_close(mon);
}

/* Negotiating and then calling (ORA-01012 each time) does not extend the deadline. */
static void test_calls_without_logon_are_cut_off(void **state)
{
    wdn_conn *mon = wi_connect(&fast, "system", WI_PASSWORD);
    long spid;
    double t0 = wi_now();
    int fd = open_connecting(mon, &spid);
    net_conn c;
    net_conn_init(&c, fd);
    negotiate(&fast, &c);
    buf ping;
    buf_init(&ping);
    ttc_put_u8(&ping, TTC_MSG_FUNCTION);
    ttc_put_u8(&ping, TTC_FN_PING);
    ttc_put_u8(&ping, 1);
    int answered = 0;
    while (wi_now() - t0 < TIMEOUT_S + MARGIN_S && request(&c, &ping) == 0) {
        answered++;
        usleep(300000);
    }
    buf_free(&ping);
    assert_true(answered >= 2); /* it was served while the deadline ran */
    assert_cut_off(fd, t0, mon, spid);
    net_conn_free(&c);
    close(fd);
    wdn_close(mon);
}

/* A session that logs on has no deadline any more. */
static void test_logged_on_session_outlives_the_deadline(void **state)
{
    wdn_conn *s = wi_connect(&fast, "system", WI_PASSWORD);
    usleep((useconds_t)(TIMEOUT_S + 1) * 1000000);
    assert_int_equal(wi_count(s, "select count(*) from dual"), 1);
    wdn_close(s);
}

/* ---- max_pending_connections ---- */

/* A CONNECT on a fresh socket is refused at once with ORA-12520, and the alert log says so. */
static void assert_refused(wi *w)
{
    int fd = wi_tcp(w);
    assert_true(fd >= 0);
    net_conn c;
    net_conn_init(&c, fd);
    uint8_t pk[512];
    size_t n = connect_packet(w, pk, sizeof pk);
    double t0 = wi_now();
    assert_int_equal(net_write_all(fd, pk, n), 0);
    assert_int_equal(tns_read_accept(&c, 5000), 12520);
    assert_true(wi_now() - t0 < 2.0);
    char line[160];
    snprintf(line, sizeof line, "PMON: connection from 127.0.0.1:%d refused: %d connections",
             local_port(fd), CAP);
    assert_true(wi_alert_contains(w, line));
    net_conn_free(&c);
    close(fd);
}

static void test_pending_cap_refuses_and_recovers(void **state)
{
    wdn_conn *mon = wi_connect(&capped, "system", WI_PASSWORD);
    int idle[CAP];
    for (int i = 0; i < CAP; i++)
        assert_true((idle[i] = wi_tcp(&capped)) >= 0);
    long spids[PROCESSES];
    await_connecting(mon, CAP, spids);
    assert_refused(&capped);
    /* A real logon is refused alike while the cap is full ... */
    ora_error err;
    assert_null(wdn_connect(capped.connect, "system", WI_PASSWORD, NULL, &err));
    assert_string_equal(err.msg, NO_HANDLER);
    /* ... but the idle sockets hold only the cap's slots: 4 background, the monitor, 3. */
    assert_int_equal(wi_count(mon, "select count(*) from v$process"), 4 + 1 + CAP);
    assert_int_equal(wi_count(mon, "select count(*) from dual"), 1); /* sessions go on */
    /* kill -9 of a connecting server: PMON's cleanup makes room. */
    assert_true(spids[0] > 1);
    assert_int_equal(kill((pid_t)spids[0], SIGKILL), 0);
    int dead = which_closed(idle, CAP, 5.0);
    assert_true(dead >= 0);
    wdn_conn *s1 = wi_connect_within(&capped, "system", WI_PASSWORD, 5.0);
    assert_non_null(s1);
    assert_int_equal(wi_count(s1, "select count(*) from dual"), 1);
    await_connecting(mon, CAP - 1, spids);
    /* The cap full again; an idle socket that closes makes room too. */
    int extra = wi_tcp(&capped);
    assert_true(extra >= 0);
    await_connecting(mon, CAP, spids);
    assert_null(wdn_connect(capped.connect, "system", WI_PASSWORD, NULL, &err));
    assert_string_equal(err.msg, NO_HANDLER);
    int live = (dead + 1) % CAP;
    close(idle[live]);
    wdn_conn *s2 = wi_connect_within(&capped, "system", WI_PASSWORD, 5.0);
    assert_non_null(s2);
    wdn_close(s2);
    wdn_close(s1);
    close(extra);
    for (int i = 0; i < CAP; i++)
        if (i != live) close(idle[i]);
    await_connecting(mon, 0, spids);
    wdn_close(mon);
}

/* With all but one of the cap taken by idle sockets, logons keep working, one after another. */
static void test_logons_under_cap_load(void **state)
{
    wdn_conn *mon = wi_connect(&capped, "system", WI_PASSWORD);
    int idle[CAP - 1];
    for (int i = 0; i < CAP - 1; i++)
        assert_true((idle[i] = wi_tcp(&capped)) >= 0);
    long spids[PROCESSES];
    await_connecting(mon, CAP - 1, spids);
    for (int i = 0; i < 10; i++) { /* each holds the last place only until its logon */
        wdn_conn *c = wi_connect(&capped, "system", WI_PASSWORD);
        assert_int_equal(wi_count(c, "select count(*) from dual"), 1);
        wdn_close(c);
    }
    /* Every process slot the idle sockets do not hold serves a session. */
    enum { HELD = PROCESSES - 4 - 1 - (CAP - 1) };
    wdn_conn *held[HELD];
    for (int i = 0; i < HELD; i++)
        held[i] = wi_connect_within(&capped, "system", WI_PASSWORD, 5.0);
    for (int i = 0; i < HELD; i++) {
        assert_non_null(held[i]);
        assert_int_equal(wi_count(held[i], "select count(*) from dual"), 1);
    }
    assert_int_equal(wi_count(mon, "select count(*) from v$process"), PROCESSES);
    for (int i = 0; i < HELD; i++)
        wdn_close(held[i]);
    for (int i = 0; i < CAP - 1; i++)
        close(idle[i]);
    await_connecting(mon, 0, spids);
    wdn_close(mon);
}

/* ---- parameters ---- */

static void test_parameters_visible(void **state)
{
    wdn_conn *a = wi_connect(&fast, "system", WI_PASSWORD),
             *b = wi_connect(&capped, "system", WI_PASSWORD);
    const char *q = "select value || '/' || default_value || '/' || isdefault from v$parameter "
                    "where name = '%s'";
    char *v = wi_scalarf(a, q, "inbound_connect_timeout");
    assert_string_equal(v, "2/60/FALSE");
    free(v);
    v = wi_scalarf(a, q, "max_pending_connections");
    assert_string_equal(v, "75/75/TRUE"); /* processes / 4 */
    free(v);
    v = wi_scalarf(b, q, "max_pending_connections");
    assert_string_equal(v, "3/4/FALSE"); /* processes / 4 = 4 */
    free(v);
    wdn_close(a);
    wdn_close(b);
}

static int setup(void **state)
{
    wi_start_conf(&fast, "inbound_connect_timeout = 2");
    wi_start_conf(&capped,
                  "processes = 16\nmax_pending_connections = 3\ninbound_connect_timeout = 30");
    return 0;
}

static int teardown(void **state)
{
    wi_stop(&fast);
    wi_stop(&capped);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dribbled_connect_is_cut_off),
        cmocka_unit_test(test_silent_socket_is_cut_off),
        cmocka_unit_test(test_calls_without_logon_are_cut_off),
        cmocka_unit_test(test_logged_on_session_outlives_the_deadline),
        cmocka_unit_test(test_pending_cap_refuses_and_recovers),
        cmocka_unit_test(test_logons_under_cap_load),
        cmocka_unit_test(test_parameters_visible),
    };
    return cmocka_run_group_tests_name("e2e_connect_limits", tests, setup, teardown);
}
