/*
 * test_malformed.c - bad input over the network must end at most the
 * offending client's session: random framed packets before and after the
 * handshake and in place of calls, truncated packets, vanishing clients.
 * Afterwards the instance must still serve, committed data must be intact,
 * and no server process may be left behind.  Bounded: a fixed number of
 * rounds with a fixed seed, each with short socket timeouts.
 */
#include <dirent.h>
#include <signal.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "harness.h"
#include "net/tns.h"
#include "net/ttc.h"
#include "net/ttc_msg.h"

#define ROUNDS 300

static wi inst;
static uint32_t rng = 12345;

static uint32_t next_random(void)
{
    rng ^= rng << 13, rng ^= rng >> 17, rng ^= rng << 5;
    return rng;
}

static void random_bytes(uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (uint8_t)next_random();
}

/* The OS pids of PMON's children (background processes and dedicated servers). */
typedef struct pid_set {
    int n;
    pid_t pid[4096];
} pid_set;

static void children_of(pid_t parent, pid_set *set)
{
    DIR *d = opendir("/proc");
    struct dirent *e;
    set->n = 0;
    while ((e = readdir(d)) != NULL && set->n < 4096) {
        pid_t pid = (pid_t)atoi(e->d_name), ppid = 0;
        char state = pid > 0 ? wi_proc_stat(pid, &ppid) : 0;
        if (state && state != 'Z' && ppid == parent) set->pid[set->n++] = pid;
    }
    closedir(d);
}

/*
 * Wait (up to TENTHS tenths of a second) until every child of PMON is one that
 * was already there in BEFORE or a spare waiting for a connection: no process a
 * test started is left behind.
 * (Counting would be wrong: servers of sessions closed just before BEFORE was
 * taken may still be exiting, and leave later.)  Returns how many remain new.
 */
static int new_children_after(pid_t parent, const pid_set *before, int tenths)
{
    static pid_set now;
    int fresh = 0;
    for (int i = 0; i < tenths; i++) {
        children_of(parent, &now);
        fresh = 0;
        for (int k = 0; k < now.n; k++) {
            int known = 0;
            for (int j = 0; j < before->n && !known; j++) known = before->pid[j] == now.pid[k];
            fresh += !known && !wi_is_spare(now.pid[k]); /* spares replace the ones used */
        }
        if (!fresh) break;
        usleep(100000);
    }
    return fresh;
}

static void set_timeouts(int fd)
{
    struct timeval tv = {.tv_sec = 0, .tv_usec = 300000};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

/* A real CONNECT/ACCEPT and PROTOCOL exchange; returns 0 when it got that far. */
static int handshake(net_conn *c)
{
    char desc[200];
    snprintf(desc, sizeof desc,
             "(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=127.0.0.1)(PORT=%d))"
             "(CONNECT_DATA=(SERVICE_NAME=WARDEN)))",
             inst.port);
    if (tns_send_connect(c, desc) < 0 || tns_read_accept(c, 2000) != 0) return -1;
    buf b;
    buf_init(&b);
    ttc_put_protocol_header(&b, "fuzz");
    int rc = net_send_data(c, b.data, b.len, TNS_DATA_END_OF_CALL);
    buf_free(&b);
    tns_packet p;
    return rc < 0 || net_read_packet(c, &p, 2000) < 0 ? -1 : 0;
}

/* Drain whatever the server answers until it closes or goes quiet. */
static void drain(net_conn *c)
{
    tns_packet p;
    for (int i = 0; i < 50 && net_read_packet(c, &p, 200) >= 0; i++) {
    }
}

static void one_round(int round)
{
    int fd = wi_tcp(&inst);
    assert_true(fd >= 0);
    set_timeouts(fd);
    net_conn c;
    net_conn_init(&c, fd);
    uint8_t junk[3000];
    size_t n = 1 + next_random() % sizeof junk;
    random_bytes(junk, n);
    switch (round % 5) {
    case 0: /* raw garbage instead of a CONNECT */
        if (net_write_all(fd, junk, n) < 0) break;
        drain(&c);
        break;
    case 1: /* a CONNECT header announcing more than is sent, then silence */
        junk[0] = 0x01, junk[1] = 0x00, junk[4] = TNS_CONNECT;
        if (net_write_all(fd, junk, 40) < 0) break;
        break;
    default: /* a real handshake, then random framed DATA/MARKER packets */
        if (handshake(&c) < 0) break;
        for (int k = 0; k < 4; k++) {
            if (next_random() % 4 == 0) {
                net_send_marker(&c, (uint8_t)(next_random() % 5));
            } else {
                size_t len = 1 + next_random() % 2000;
                if (round % 5 == 3) junk[0] = TTC_MSG_FUNCTION; /* look like a call */
                net_send_data(&c, junk, len, TNS_DATA_END_OF_CALL);
            }
            random_bytes(junk, sizeof junk);
        }
        drain(&c);
        break;
    }
    net_conn_free(&c);
    close(fd);
}

static void test_malformed_input(void **state)
{
    wdn_conn *sys = wi_connect(&inst, "system", WI_PASSWORD);
    wi_exec(sys, "create table keep (id number)");
    wi_exec(sys, "insert into keep values (1)");
    wi_exec(sys, "commit");
    wi_exec(sys, "insert into keep values (2)"); /* open transaction across the storm */
    static pid_set before;
    children_of(inst.pid, &before);
    for (int r = 0; r < ROUNDS; r++)
        one_round(r);
    /* Every bad client's server process ends (at most its idle timeout later): up to 70 s,
     * since a server waiting for a CONNECT gives up after 60 s. */
    assert_int_equal(new_children_after(inst.pid, &before, 700), 0);
    /* Bad input ends sessions with errors, never with a crash of their server. */
    assert_false(wi_alert_contains(&inst, "died with signal"));
    /* The instance still serves, and the open transaction is untouched. */
    assert_int_equal(wi_count(sys, "select count(*) from keep"), 2);
    wi_exec(sys, "rollback");
    wdn_conn *other = wi_connect(&inst, "system", WI_PASSWORD);
    assert_int_equal(wi_count(other, "select count(*) from keep"), 1);
    wdn_close(other);
    wdn_close(sys);
}

/*
 * A client that dies in the middle of a long call while its transaction
 * holds the write lock: its server notices at the next safe point, rolls
 * back, releases the lock and ends; a waiting writer proceeds.
 */
static void test_client_vanishes_mid_call(void **state)
{
    wdn_conn *sys = wi_connect(&inst, "system", WI_PASSWORD);
    wi_exec(sys, "create table vanish (id number)");
    static pid_set before;
    children_of(inst.pid, &before);
    pid_t child = fork();
    if (child == 0) {
        ora_error err;
        wdn_conn *c = wdn_connect(inst.connect, "system", WI_PASSWORD, NULL, &err);
        if (!c) _exit(1);
        uint64_t rows;
        wdn_execute(c, "insert into vanish values (1)", NULL, 0, NULL, &rows);
        wdn_execute(c,
                    "select count(*) from (with r(i) as (select 1 from dual union all "
                    "select i + 1 from r where i < 2000000000) select i from r)",
                    NULL, 0, NULL, &rows);
        _exit(0);
    }
    usleep(800000); /* the child is inside its long query, holding the write lock */
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    /* A writer gets the lock once the orphaned server has rolled back and gone. */
    wi_exec(sys, "insert into vanish values (2)");
    wi_exec(sys, "commit");
    assert_int_equal(wi_count(sys, "select count(*) from vanish"), 1);
    assert_int_equal(new_children_after(inst.pid, &before, 50), 0); /* the orphan is gone */
    wdn_close(sys);
}

/* DATA TYPES after the handshake: the server then runs its call loop (not logged on). */
static int negotiate_data_types(net_conn *c)
{
    buf b;
    buf_init(&b);
    ttc_put_u8(&b, TTC_MSG_DATA_TYPES);
    ttc_put_u16le(&b, 873), ttc_put_u16le(&b, 2000);
    ttc_put_u8(&b, 0x02);
    uint8_t caps[8] = {0};
    ttc_put_bytes(&b, caps, sizeof caps), ttc_put_bytes(&b, caps, sizeof caps);
    ttc_put_u16be(&b, 0);
    int rc = net_send_data(c, b.data, b.len, TNS_DATA_END_OF_CALL);
    buf_free(&b);
    tns_packet p;
    return rc < 0 || net_read_packet(c, &p, 2000) != TNS_DATA ? -1 : 0;
}

/* Send a request (FUNCTION FN, then BODY) and read the error number of its reply. */
static int call_error(net_conn *c, uint8_t fn, const uint8_t *body, size_t n)
{
    buf b;
    buf_init(&b);
    ttc_put_u8(&b, TTC_MSG_FUNCTION), ttc_put_u8(&b, fn), ttc_put_u8(&b, 1);
    buf_put(&b, body, n);
    assert_int_equal(net_send_data(c, b.data, b.len, TNS_DATA_END_OF_CALL), 0);
    buf_free(&b);
    ttc_reader r;
    assert_int_equal(ttc_begin(&r, c, 0, 5000, NULL), TNS_DATA);
    assert_int_equal(ttc_u8(&r), TTC_MSG_ERROR);
    ttc_end e;
    ttc_read_error(&r, &e);
    return e.error_code;
}

/*
 * Before logon a request's values may take 64 KB: a larger logon request is
 * read whole and answered ORA-04036, and the next request gets its own
 * reply (ORA-01012 for a call that needs a logon), then a logon works.
 */
static void test_oversize_request_before_logon(void **state)
{
    int fd = wi_tcp(&inst);
    assert_true(fd >= 0);
    net_conn c;
    net_conn_init(&c, fd);
    assert_int_equal(handshake(&c), 0);
    assert_int_equal(negotiate_data_types(&c), 0);
    size_t n = 200 * 1024;
    uint8_t *body = calloc(1, n + 32);
    buf b;
    buf_init(&b);
    ttc_put_u8(&b, 1), ttc_put_ub(&b, n), ttc_put_ub(&b, 1), ttc_put_u8(&b, 1), ttc_put_ub(&b, 0);
    ttc_put_u8(&b, 1), ttc_put_u8(&b, 1);
    memset(body, 'A', n);
    ttc_put_bytes(&b, body, n); /* a 200 KB user name */
    free(body);
    assert_int_equal(call_error(&c, TTC_FN_AUTH_PHASE_ONE, b.data, b.len), 4036);
    buf_free(&b);
    assert_int_equal(call_error(&c, TTC_FN_COMMIT, NULL, 0), ORA_NOT_LOGGED_ON);
    assert_int_equal(call_error(&c, TTC_FN_COMMIT, NULL, 0), ORA_NOT_LOGGED_ON);
    net_conn_free(&c);
    close(fd);
    wdn_conn *sys = wi_connect(&inst, "system", WI_PASSWORD);
    assert_int_equal(wi_count(sys, "select count(*) from dual"), 1);
    wdn_close(sys);
}

static int setup(void **state)
{
    wi_start(&inst);
    return 0;
}

static int teardown(void **state)
{
    wi_stop(&inst);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_malformed_input),
                                       cmocka_unit_test(test_oversize_request_before_logon),
                                       cmocka_unit_test(test_client_vanishes_mid_call)};
    return cmocka_run_group_tests_name("e2e_malformed", tests, setup, teardown);
}
