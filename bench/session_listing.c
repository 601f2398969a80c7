/*
 * session_listing.c - how long listing V$SESSION takes with many sessions
 * connected.  Connects N sessions (each its own dedicated server process),
 * then runs `SELECT * FROM v$session` and the article's identification join
 * (all rows fetched) R times each and prints min / median / p99 / max in
 * milliseconds.  Bounded: N <= 2000, R <= 10000.
 *
 *   session_listing CONNECT_STRING PASSWORD [N=500] [R=200]
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "client/warden.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

#define ARTICLE_QUERY                                                                            \
    "SELECT s.inst_id, s.sid, s.serial#, p.spid, s.username, s.program FROM gv$session s "        \
    "JOIN gv$process p ON p.addr = s.paddr AND p.inst_id = s.inst_id "                            \
    "WHERE s.type != 'BACKGROUND'"

/* Run SQL RUNS times, fetching every row; print the distribution. */
static void measure(wdn_conn *c, const char *sql, int runs)
{
    double *t = calloc((size_t)runs, sizeof *t);
    long rows = 0;
    for (int r = 0; r < runs; r++) {
        double start = now_ms();
        wdn_cursor *cur;
        if (wdn_execute(c, sql, NULL, 0, &cur, NULL) < 0) {
            fprintf(stderr, "%s\n", wdn_last_error(c)->msg);
            exit(1);
        }
        rows = 0;
        while (wdn_fetch(cur) == 1) rows++;
        wdn_cursor_close(cur);
        t[r] = now_ms() - start;
    }
    qsort(t, (size_t)runs, sizeof *t, by_value);
    int p99 = (runs * 99) / 100 >= runs ? runs - 1 : (runs * 99) / 100;
    printf("%.60s...\n  %ld rows: min %.2f ms  median %.2f ms  p99 %.2f ms  max %.2f ms\n", sql,
           rows, t[0], t[runs / 2], t[p99], t[runs - 1]);
    free(t);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: session_listing CONNECT_STRING PASSWORD [N] [R]\n");
        return 2;
    }
    int n = argc > 3 ? atoi(argv[3]) : 500, runs = argc > 4 ? atoi(argv[4]) : 200;
    if (n < 1 || n > 2000 || runs < 1 || runs > 10000) return 2;
    wdn_conn **conns = calloc((size_t)n, sizeof *conns);
    ora_error err;
    double t0 = now_ms();
    for (int i = 0; i < n; i++) {
        conns[i] = wdn_connect(argv[1], "system", argv[2], "bench", &err);
        if (!conns[i]) {
            fprintf(stderr, "session %d: %s\n", i, err.msg);
            return 1;
        }
    }
    double connect_ms = now_ms() - t0;
    printf("%d sessions connected (%.0f ms to connect them), %d runs each\n", n, connect_ms, runs);
    measure(conns[0], "select * from v$session", runs);
    measure(conns[0], ARTICLE_QUERY, runs);
    for (int i = 0; i < n; i++) wdn_close(conns[i]);
    free(conns);
    return 0;
}
