/*
 * test_scaling.c - V$ joins and lookups stay linear in the number of
 * sessions.  One instance; N sessions, each with an open transaction (so
 * V$TRANSACTION, V$LOCK and V$SQL grow with them), then 4N.  At each count
 * the article's identification query (GV$SESSION joined to GV$PROCESS) and
 * joins of V$SESSION to V$PROCESS, V$TRANSACTION, V$LOCK and V$SQL are
 * timed (the median of several runs, every row fetched); the test fails
 * only when a figure grows as if quadratic (over ten times at four times
 * the sessions, where linear is about four and quadratic sixteen).  Where
 * the machine itself slows with memory (a sanitizer build, a busy machine)
 * even the plain listing of V$SESSION grows faster than the sessions: then
 * a figure counts as quadratic only beyond LISTING_FACTOR times the
 * listing's own growth.
 *
 * N is 200 by default: at 100 the linear part (fetching and encoding the
 * rows) still hides a quadratic join.  WARDEN_SCALING_SESSIONS sets N to
 * measure other sizes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "harness.h"

#define RUNS 7
#define QUADRATIC_RATIO 10.0
#define LISTING_FACTOR 2.5
#define LISTING "select * from v$session"
/* Below this at 4N a figure is noise, whatever its ratio (seconds). */
#define FLOOR 0.002

#define ARTICLE                                                                                \
    "select s.inst_id, s.sid, s.serial#, p.spid, s.username, s.program from gv$session s "     \
    "join gv$process p on p.addr = s.paddr and p.inst_id = s.inst_id where s.type != 'BACKGROUND'"

static const char *const queries[] = {
    ARTICLE,
    "select count(*) from (" ARTICLE ")",
    "select s.sid, p.spid from v$session s join v$process p on p.addr = s.paddr",
    "select s.sid, t.start_time from v$session s join v$transaction t on t.addr = s.taddr",
    "select s.sid, l.type, l.lmode from v$session s join v$lock l on l.sid = s.sid",
    "select s.sid, q.sql_text from v$session s join v$sql q on q.sql_id = s.prev_sql_id",
    "select p.spid, s.sid from v$process p, v$session s where s.paddr = p.addr order by p.spid",
    LISTING,
    "select count(*) from v$session where status = 'ACTIVE'",
    "select count(*) from v$session where username = 'SYSTEM'",
};
#define NQUERIES (sizeof queries / sizeof queries[0])

static int sessions_n(void)
{
    const char *e = getenv("WARDEN_SCALING_SESSIONS");
    int n = e ? atoi(e) : 200;
    return n >= 10 ? n : 200;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The median time of RUNS runs of SQL (after one to warm up), every row fetched. */
static double median_time(wdn_conn *c, const char *sql)
{
    double t[RUNS];
    assert_int_equal(wi_run(c, "%s", sql), 0);
    for (int i = 0; i < RUNS; i++) {
        double start = wi_now();
        assert_int_equal(wi_run(c, "%s", sql), 0);
        t[i] = wi_now() - start;
    }
    qsort(t, RUNS, sizeof t[0], cmp_double);
    return t[RUNS / 2];
}

/* Sessions up to TOTAL (from *HAVE), each with an uncommitted row of its own. */
static void connect_up_to(wi *w, wdn_conn **conns, int *have, int total)
{
    for (; *have < total; (*have)++) {
        wdn_conn *c = wi_connect(w, "system", WI_PASSWORD);
        wi_run(c, "insert into scaling values (%d)", *have);
        conns[*have] = c;
    }
}

/* Each query's time with the sessions there are now, into T. */
static void time_queries(wdn_conn *dba, double t[NQUERIES])
{
    for (size_t q = 0; q < NQUERIES; q++) t[q] = median_time(dba, queries[q]);
}

/* Lookups by SID and SPID return the one row asked for. */
static void check_lookups(wdn_conn *dba, wdn_conn *some)
{
    int sid = 0, serial = 0;
    assert_int_equal(wdn_session_id(some, &sid, &serial), 0);
    assert_int_equal(wi_countf(dba, "select count(*) from v$session where sid = %d", sid), 1);
    assert_int_equal(wi_countf(dba, "select count(*) from v$process where spid = '%ld'",
                               (long)wdn_server_pid(some)), 1);
    assert_int_equal(wi_countf(dba, "select count(*) from v$session s join v$process p "
                                    "on p.addr = s.paddr where p.spid = '%ld' and s.sid = %d",
                               (long)wdn_server_pid(some), sid), 1);
}

static void test_joins_stay_linear(void **state)
{
    (void)state;
    int n = sessions_n();
    char conf[128];
    snprintf(conf, sizeof conf, "processes = %d", 4 * n + 40);
    wi w;
    wi_start_conf(&w, conf);
    wdn_conn *dba = wi_connect(&w, "system", WI_PASSWORD);
    wi_exec(dba, "create table scaling (n number)");
    wdn_conn **conns = calloc((size_t)(4 * n), sizeof *conns);
    int have = 0;
    double small[NQUERIES], large[NQUERIES];
    connect_up_to(&w, conns, &have, n);
    time_queries(dba, small);
    connect_up_to(&w, conns, &have, 4 * n);
    check_lookups(dba, conns[4 * n - 1]);
    assert_int_equal(wi_count(dba, "select count(*) from (" ARTICLE ")"),
                     wi_count(dba, "select count(*) from v$session where type != 'BACKGROUND'"));
    time_queries(dba, large);
    int quadratic = 0;
    double bound = QUADRATIC_RATIO;
    for (size_t q = 0; q < NQUERIES; q++)
        if (!strcmp(queries[q], LISTING) && LISTING_FACTOR * large[q] / small[q] > bound)
            bound = LISTING_FACTOR * large[q] / small[q];
    for (size_t q = 0; q < NQUERIES; q++) {
        double ratio = large[q] / small[q];
        printf("# %d -> %d sessions: %.2f -> %.2f ms (x%.1f): %.60s\n", n, 4 * n,
               small[q] * 1e3, large[q] * 1e3, ratio, queries[q]);
        if (ratio > bound && large[q] > FLOOR) quadratic++;
    }
    for (int i = 0; i < have; i++) wdn_close(conns[i]);
    free(conns);
    wdn_close(dba);
    wi_stop(&w);
    assert_int_equal(quadratic, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_joins_stay_linear),
    };
    return cmocka_run_group_tests_name("e2e_scaling", tests, NULL, NULL);
}
