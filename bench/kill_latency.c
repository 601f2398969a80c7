/*
 * kill_latency.c - how fast Warden ends sessions, measured from the outside
 * with real sessions (libwarden), RUNS times each (bounded: 1..2000):
 *
 *  1. KILL SESSION: A holds the write lock, B waits for it; C kills A.
 *     Time from C's request to B's statement completing, and to C's return.
 *  2. CANCEL SQL: A runs a CPU-bound query; C cancels it.  Time from C's
 *     request to A receiving ORA-01013.
 *  3. kill -9: A holds the lock, B waits; A's server process is killed.
 *     Time until B's statement completes (PMON's cleanup released it).
 *
 *   kill_latency CONNECT_STRING PASSWORD [RUNS=200]
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "client/warden.h"

#define SLOW_QUERY                                                                               \
    "select count(*) from (with r(i) as (select 1 from dual union all select i + 1 from r "     \
    "where i < 2000000000) select i from r)"

static const char *cs, *pw;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static wdn_conn *connect_or_die(void)
{
    ora_error err;
    wdn_conn *c = wdn_connect(cs, "system", pw, "bench", &err);
    if (!c) {
        fprintf(stderr, "connect: %s\n", err.msg);
        exit(1);
    }
    return c;
}

static int exec(wdn_conn *c, const char *sql)
{
    uint64_t rows;
    wdn_cursor *cur = NULL;
    int rc = wdn_execute(c, sql, NULL, 0, &cur, &rows);
    if (rc == 0 && cur) {
        while ((rc = wdn_fetch(cur)) == 1) {
        }
        rc = rc < 0 ? -1 : 0;
    }
    wdn_cursor_close(cur);
    return rc < 0 ? wdn_last_error(c)->code : 0;
}

static long scalar(wdn_conn *c, const char *sql)
{
    wdn_cursor *cur;
    if (wdn_execute(c, sql, NULL, 0, &cur, NULL) < 0) return -1;
    long v = wdn_fetch(cur) == 1 && wdn_value(cur, 0) ? atol(wdn_value(cur, 0)) : -1;
    wdn_cursor_close(cur);
    return v;
}

typedef struct call {
    wdn_conn *conn;
    const char *sql;
    int code;
    double done;
} call;

static void *run_call(void *arg)
{
    call *c = arg;
    c->code = exec(c->conn, c->sql);
    c->done = now_ms();
    return NULL;
}

/* Wait (bounded, 5 s) until session SID shows EVENT/STATUS that say it is where we want it. */
static void await_state(wdn_conn *dba, int sid, const char *predicate)
{
    char sql[256];
    snprintf(sql, sizeof sql, "select count(*) from v$session where sid = %d and %s", sid, predicate);
    double deadline = now_ms() + 5000;
    while (scalar(dba, sql) != 1) {
        if (now_ms() > deadline) {
            fprintf(stderr, "session %d never reached: %s\n", sid, predicate);
            exit(1);
        }
        usleep(200);
    }
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void report(const char *what, double *t, int n)
{
    qsort(t, (size_t)n, sizeof *t, by_value);
    int p99 = (n * 99) / 100 >= n ? n - 1 : (n * 99) / 100;
    printf("%-44s min %7.3f  median %7.3f  p99 %7.3f  max %7.3f ms  (%d runs)\n", what, t[0],
           t[n / 2], t[p99], t[n - 1], n);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: kill_latency CONNECT_STRING PASSWORD [RUNS]\n");
        return 2;
    }
    cs = argv[1], pw = argv[2];
    int runs = argc > 3 ? atoi(argv[3]) : 200;
    if (runs < 1 || runs > 2000) return 2;
    wdn_conn *dba = connect_or_die(), *b = connect_or_die();
    exec(dba, "create table bench_lock (id number primary key, v number)");
    exec(dba, "insert into bench_lock values (1, 0)");
    exec(dba, "commit");
    double *release = calloc((size_t)runs, sizeof(double)), *issuer = calloc((size_t)runs, sizeof(double));
    double *cancel = calloc((size_t)runs, sizeof(double)), *os_kill = calloc((size_t)runs, sizeof(double));
    char sql[256];
    int bsid, bserial;
    wdn_session_id(b, &bsid, &bserial);
    for (int mode = 0; mode < 2; mode++) { /* 0: KILL SESSION, 1: kill -9 */
        for (int r = 0; r < runs; r++) {
            wdn_conn *a = connect_or_die();
            int asid, aserial;
            wdn_session_id(a, &asid, &aserial);
            exec(a, "update bench_lock set v = v + 1 where id = 1");
            call w = {.conn = b, .sql = "update bench_lock set v = v - 1 where id = 1"};
            pthread_t t;
            pthread_create(&t, NULL, run_call, &w);
            await_state(dba, bsid, "event = 'enq: TX - row lock contention' and state = 'WAITING'");
            double t0 = now_ms();
            if (mode == 0) {
                snprintf(sql, sizeof sql, "alter system kill session '%d,%d'", asid, aserial);
                if (exec(dba, sql) != 0) fprintf(stderr, "kill: %s\n", wdn_last_error(dba)->msg);
                issuer[r] = now_ms() - t0;
            } else {
                kill((pid_t)wdn_server_pid(a), SIGKILL);
            }
            pthread_join(t, NULL);
            (mode == 0 ? release : os_kill)[r] = w.done - t0;
            exec(b, "rollback");
            wdn_close(a);
        }
    }
    wdn_conn *a = connect_or_die();
    int asid, aserial;
    wdn_session_id(a, &asid, &aserial);
    for (int r = 0; r < runs; r++) {
        call q = {.conn = a, .sql = SLOW_QUERY};
        pthread_t t;
        pthread_create(&t, NULL, run_call, &q);
        await_state(dba, asid, "status = 'ACTIVE' and sql_id is not null");
        snprintf(sql, sizeof sql, "alter system cancel sql '%d,%d'", asid, aserial);
        double t0 = now_ms();
        exec(dba, sql);
        pthread_join(t, NULL);
        if (q.code != 1013) fprintf(stderr, "cancel: got ORA-%d\n", q.code);
        cancel[r] = q.done - t0;
    }
    report("KILL SESSION -> blocked waiter gets the lock", release, runs);
    report("KILL SESSION -> the issuer's command returns", issuer, runs);
    report("CANCEL SQL -> victim receives ORA-01013", cancel, runs);
    report("kill -9 -> PMON cleanup, waiter gets the lock", os_kill, runs);
    exec(dba, "drop table bench_lock");
    wdn_close(a);
    wdn_close(b);
    wdn_close(dba);
    return 0;
}
