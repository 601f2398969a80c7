/*
 * test_spares.c - spare dedicated servers (prespawn_servers) and PMON's
 * reaping of many servers at once.
 *
 * PMON keeps prespawn_servers spares started; a logon is served by one (its
 * server's OS pid is a spare's), and PMON starts another.  A spare is not in
 * V$PROCESS until it serves.  A spare that is killed is replaced after a
 * back-off; shutdown ends the spares.  A spare opened the database before a
 * table was created and still finds it.  Servers killed together are all
 * cleaned up, although their SIGCHLDs coalesce.
 */
#include <dirent.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "harness.h"

#define MAX_SPARES 16

static int process_alive(pid_t pid)
{
    char s = wi_proc_stat(pid, NULL);
    return s && s != 'Z';
}

/* Is PID a child of PARENT whose title says it is a spare? */
static int is_spare_of(pid_t pid, pid_t parent)
{
    pid_t ppid = 0;
    char state = wi_proc_stat(pid, &ppid);
    return state && state != 'Z' && ppid == parent && wi_is_spare(pid);
}

/* The spares of the instance whose PMON is PMON, into OUT: how many. */
static int list_spares(pid_t pmon, pid_t *out)
{
    int n = 0;
    DIR *d = opendir("/proc");
    struct dirent *e;
    while (d && (e = readdir(d)) && n < MAX_SPARES) {
        pid_t pid = (pid_t)atoi(e->d_name);
        if (pid > 0 && is_spare_of(pid, pmon)) out[n++] = pid;
    }
    if (d) closedir(d);
    return n;
}

static int contains(const pid_t *v, int n, long pid)
{
    for (int i = 0; i < n; i++)
        if (v[i] == pid) return 1;
    return 0;
}

/*
 * Wait (at most 5 s) until PMON has WANT spares, the same ones 100 ms apart: a spare just
 * handed a connection (the harness's readiness probe's) keeps its title for a moment.
 * Their number.
 */
static int wait_spares(pid_t pmon, int want, pid_t *out)
{
    pid_t again[MAX_SPARES];
    int n = 0;
    for (int i = 0; i < 50; i++) {
        n = list_spares(pmon, out);
        usleep(100000);
        if (n != want || list_spares(pmon, again) != n) continue;
        int same = 1;
        for (int k = 0; k < n; k++) same &= contains(again, n, out[k]);
        if (same) return n;
    }
    return n;
}

/* A logon is served by a spare, which then shows in V$PROCESS; PMON starts another. */
static void test_logon_served_by_a_spare(void **state)
{
    wi w;
    wi_start_conf(&w, "prespawn_servers = 3");
    pid_t spares[MAX_SPARES];
    assert_int_equal(wait_spares(w.pid, 3, spares), 3);
    wdn_conn *dba = wi_connect(&w, "system", WI_PASSWORD);
    long spid = wdn_server_pid(dba);
    assert_true(contains(spares, 3, spid));
    assert_int_equal(wi_countf(dba, "select count(*) from v$process where spid = '%ld'", spid), 1);
    assert_int_equal(wi_count(dba, "select value from v$parameter "
                                   "where name = 'prespawn_servers'"), 3);
    pid_t again[MAX_SPARES];
    assert_int_equal(wait_spares(w.pid, 3, again), 3);
    assert_false(contains(again, 3, spid));
    for (int i = 0; i < 3; i++) /* no spare is in V$PROCESS */
        assert_int_equal(
            wi_countf(dba, "select count(*) from v$process where spid = '%d'", (int)again[i]), 0);
    wdn_close(dba);
    wi_stop(&w);
    for (int i = 0; i < 3; i++) /* shutdown ends them */
        assert_false(process_alive(again[i]));
}

/* prespawn_servers = 0: no spare, each connection's server forked for it. */
static void test_no_spares(void **state)
{
    wi w;
    wi_start_conf(&w, "prespawn_servers = 0");
    pid_t spares[MAX_SPARES];
    wdn_conn *dba = wi_connect(&w, "system", WI_PASSWORD);
    usleep(200000);
    assert_int_equal(list_spares(w.pid, spares), 0);
    assert_int_equal(wi_count(dba, "select count(*) from dual"), 1);
    wdn_close(dba);
    wi_stop(&w);
}

/*
 * A spare killed while it waits is replaced (after a second), and logons go on meanwhile.
 * (One killed at the moment PMON hands it a connection takes that connection with it, as a
 * server killed during its logon does: the test waits for PMON to notice the death.)
 */
static void test_killed_spare_is_replaced(void **state)
{
    wi w;
    wi_start(&w);
    pid_t spares[MAX_SPARES];
    int n = wait_spares(w.pid, 2, spares);
    assert_int_equal(n, 2);
    assert_int_equal(kill(spares[0], SIGKILL), 0);
    char expect[96];
    snprintf(expect, sizeof expect, "spare server (ospid: %d) died", (int)spares[0]);
    int noticed = 0;
    for (int i = 0; i < 500 && !(noticed = wi_alert_contains(&w, expect)); i++)
        usleep(10000);
    assert_true(noticed);
    wdn_conn *dba = wi_connect(&w, "system", WI_PASSWORD); /* the other spare */
    assert_int_equal(wdn_server_pid(dba), spares[1]);
    assert_int_equal(wi_count(dba, "select count(*) from dual"), 1);
    wdn_conn *more = wi_connect(&w, "system", WI_PASSWORD); /* no spare left: a fork */
    assert_int_equal(wi_count(more, "select count(*) from dual"), 1);
    wdn_close(more);
    pid_t now[MAX_SPARES];
    assert_int_equal(wait_spares(w.pid, 2, now), 2); /* after the back-off */
    assert_false(contains(now, 2, spares[0]));
    wdn_close(dba);
    wi_stop(&w);
}

/* A spare opened the database before the table existed: its session finds the table. */
static void test_spare_sees_later_schema(void **state)
{
    wi w;
    wi_start(&w);
    wdn_conn *dba = wi_connect(&w, "system", WI_PASSWORD);
    pid_t spares[MAX_SPARES];
    assert_int_equal(wait_spares(w.pid, 2, spares), 2);
    wi_exec(dba, "create table late_table (id number)");
    wi_exec(dba, "insert into late_table values (7)");
    wi_exec(dba, "commit");
    wdn_conn *other = wi_connect(&w, "system", WI_PASSWORD);
    assert_true(contains(spares, 2, wdn_server_pid(other)));
    assert_int_equal(wi_count(other, "select id from late_table"), 7);
    wdn_close(other);
    wdn_close(dba);
    wi_stop(&w);
}

/* Servers killed together: every one is cleaned up, although their SIGCHLDs coalesce. */
static void test_servers_killed_together_are_reaped(void **state)
{
    enum { N = 12 };
    wi w;
    wi_start(&w);
    wdn_conn *dba = wi_connect(&w, "system", WI_PASSWORD);
    wdn_conn *victims[N];
    long spids[N];
    for (int i = 0; i < N; i++) {
        victims[i] = wi_connect(&w, "system", WI_PASSWORD);
        spids[i] = wdn_server_pid(victims[i]);
    }
    long before = wi_count(dba, "select count(*) from v$session where type = 'USER'");
    for (int i = 0; i < N; i++)
        assert_int_equal(kill((pid_t)spids[i], SIGKILL), 0);
    long left = before;
    for (int i = 0; i < 500 && left != before - N; i++) {
        usleep(10000);
        left = wi_count(dba, "select count(*) from v$session where type = 'USER'");
    }
    assert_int_equal(left, before - N);
    for (int i = 0; i < N; i++) {
        assert_int_equal(wi_proc_stat((pid_t)spids[i], NULL), 0); /* reaped: no zombie left */
        assert_int_equal(
            wi_countf(dba, "select count(*) from v$process where spid = '%ld'", spids[i]), 0);
        wdn_close(victims[i]);
    }
    wdn_close(dba);
    wi_stop(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_logon_served_by_a_spare),
        cmocka_unit_test(test_no_spares),
        cmocka_unit_test(test_killed_spare_is_replaced),
        cmocka_unit_test(test_spare_sees_later_schema),
        cmocka_unit_test(test_servers_killed_together_are_reaped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
