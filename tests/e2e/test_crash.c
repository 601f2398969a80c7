/*
 * test_crash.c - deaths of background processes.  A critical one (PMON,
 * CKPT, SMON) ends the whole instance, with the alert log saying why; the
 * next start keeps every committed transaction and none of the uncommitted
 * ones.  The listener is a helper: PMON restarts it and service goes on.
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
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "harness.h"

static long background_spid(wdn_conn *dba, const char *pname)
{
    char sql[128];
    snprintf(sql, sizeof sql, "select spid from v$process where pname = '%s'", pname);
    return wi_count(dba, sql);
}

static int process_alive(pid_t pid)
{
    char state = wi_proc_stat(pid, NULL);
    return state && state != 'Z'; /* a zombie is dead */
}

/* Committed rows, an uncommitted one in another session, then kill PNAME. */
static void crash_by(const char *pname)
{
    wi w;
    wi_start(&w);
    wdn_conn *dba = wi_connect(&w, "system", WI_PASSWORD);
    wi_exec(dba, "create table ledger (id number)");
    wi_exec(dba, "insert into ledger values (1)");
    wi_exec(dba, "insert into ledger values (2)");
    wi_exec(dba, "commit");
    wdn_conn *open_txn = wi_connect(&w, "system", WI_PASSWORD);
    wi_exec(open_txn, "insert into ledger values (3)"); /* never committed */
    long server = wdn_server_pid(open_txn);
    long victim = background_spid(dba, pname);
    assert_true(victim > 0);
    assert_int_equal(kill((pid_t)victim, SIGKILL), 0);
    /* Every process of the instance ends: PMON (wardend) and the servers. */
    int status = 0, ended = 0;
    for (int i = 0; i < 500 && !ended; i++) {
        ended = waitpid(w.pid, &status, WNOHANG) == w.pid;
        if (!ended) usleep(10000);
    }
    assert_true(ended);
    w.pid = 0;
    for (int i = 0; i < 100 && process_alive((pid_t)server); i++)
        usleep(10000);
    assert_false(process_alive((pid_t)server));
    {
        char expect[128];
        snprintf(expect, sizeof expect, "ospid: %ld, %s) died unexpectedly", victim, pname);
        assert_true(wi_alert_contains(&w, expect));
        assert_true(wi_alert_contains(&w, "terminating the instance due to error"));
    }
    wdn_close(open_txn);
    wdn_close(dba);
    /* The next start recovers: committed rows are there, the uncommitted one is not. */
    wi_restart(&w);
    dba = wi_connect(&w, "system", WI_PASSWORD);
    assert_int_equal(wi_count(dba, "select count(*) from ledger"), 2);
    assert_int_equal(wi_count(dba, "select max(id) from ledger"), 2);
    wdn_close(dba);
    wi_stop(&w);
}

static void test_kill_ckpt_ends_instance(void **state)
{
    crash_by("CKPT");
}
static void test_kill_smon_ends_instance(void **state)
{
    crash_by("SMON");
}
static void test_kill_pmon_ends_instance(void **state)
{
    crash_by("PMON");
}

static void test_listener_is_restarted(void **state)
{
    wi w;
    wi_start(&w);
    wdn_conn *dba = wi_connect(&w, "system", WI_PASSWORD);
    long lreg = background_spid(dba, "LREG");
    assert_int_equal(kill((pid_t)lreg, SIGKILL), 0);
    long again = 0;
    for (int i = 0; i < 200; i++) {
        again = background_spid(dba, "LREG");
        if (again > 0 && again != lreg) break;
        usleep(10000);
    }
    assert_true(again > 0 && again != lreg);
    wdn_conn *fresh = wi_connect(&w, "system", WI_PASSWORD); /* new logons work */
    assert_int_equal(wi_count(fresh, "select count(*) from dual"), 1);
    assert_int_equal(wi_count(dba, "select count(*) from dual"), 1); /* nobody else noticed */
    assert_true(wi_alert_contains(&w, "LREG process"));
    wdn_close(fresh);
    wdn_close(dba);
    wi_stop(&w);
}

/* More connections than `processes` allows: ORA-00020 with the limit; others unaffected. */
static void test_process_limit(void **state)
{
    wi w;
    wi_start_conf(&w, "processes = 10");
    wdn_conn *c[6];
    c[0] = wi_connect(&w, "system", WI_PASSWORD);
    /* The harness's readiness probe got a server too: wait until it has gone (it takes a
     * while to exit in a sanitizer build), so that exactly 4 background + 6 remain. */
    for (int i = 0; i < 500 && wi_count(c[0], "select count(*) from v$process") > 5; i++)
        usleep(20000);
    assert_int_equal(wi_count(c[0], "select count(*) from v$process"), 5);
    for (int i = 1; i < 6; i++)
        c[i] = wi_connect(&w, "system", WI_PASSWORD); /* 4 background + 6 */
    ora_error err;
    assert_null(wdn_connect(w.connect, "system", WI_PASSWORD, NULL, &err));
    assert_string_equal(err.msg, "ORA-00020: maximum number of processes (10) exceeded");
    assert_true(wi_alert_contains(&w, "maximum number of processes (10) exceeded"));
    wdn_close(c[5]); /* a slot frees up: logons work again */
    wdn_conn *again = NULL;
    for (int i = 0; i < 100 && !again; i++) {
        again = wdn_connect(w.connect, "system", WI_PASSWORD, NULL, &err);
        if (!again) usleep(20000);
    }
    assert_non_null(again);
    assert_int_equal(wi_count(c[0], "select count(*) from v$process"), 10);
    wdn_close(again);
    for (int i = 0; i < 5; i++)
        wdn_close(c[i]);
    wi_stop(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kill_ckpt_ends_instance),
        cmocka_unit_test(test_kill_smon_ends_instance),
        cmocka_unit_test(test_kill_pmon_ends_instance),
        cmocka_unit_test(test_listener_is_restarted),
        cmocka_unit_test(test_process_limit),
    };
    return cmocka_run_group_tests_name("e2e_crash", tests, NULL, NULL);
}
