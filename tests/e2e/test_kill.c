/*
 * test_kill.c - ending sessions the Oracle way, over the network with real
 * sessions: KILL SESSION of idle and running targets (with and without
 * IMMEDIATE), the marked-for-kill wait (ORA-00031), DISCONNECT SESSION
 * IMMEDIATE and POST_TRANSACTION, CANCEL SQL with and without a SQL_ID,
 * kill <spid>, stale SERIAL#s, and every refusal; no interrupt can be lost
 * or caught by the victim's own PL/SQL.
 */
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "common/sql_id.h"
#include "harness.h"

#define SLOW_QUERY                                                                                 \
    "select count(*) from (with r(i) as (select 1 from dual union all select i + 1 from r "        \
    "where i < 2000000000) select i from r)"

static wi inst;

static int setup(void **state)
{
    wi_start(&inst);
    wdn_conn *sys = wi_connect(&inst, "system", WI_PASSWORD);
    wi_exec(sys, "create table acct (id number primary key, balance number)");
    wi_exec(sys, "insert into acct values (1, 100)");
    wi_exec(sys, "commit");
    wi_exec(sys, "create user scott identified by tiger");
    wi_exec(sys, "grant connect to scott");
    wdn_close(sys);
    return 0;
}

static int teardown(void **state)
{
    wi_stop(&inst);
    return 0;
}

static void test_kill_idle_session(void **state)
{
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    wdn_conn *victim = wi_connect(&inst, "system", WI_PASSWORD);
    wdn_conn *waiter = wi_connect(&inst, "system", WI_PASSWORD);
    int sid, serial;
    wdn_session_id(victim, &sid, &serial);
    wi_exec(victim, "insert into acct values (100, 1)"); /* committed work must survive */
    wi_exec(victim, "commit");
    wi_exec(victim, "update acct set balance = -1 where id = 1"); /* holds the lock, idle */
    wi_call w;
    wi_call_start(&w, waiter, "update acct set balance = 5 where id = 1");
    usleep(300000);
    double t0 = wi_now();
    assert_int_equal(wi_run(dba, "alter system kill session '%d,%d'", sid, serial), 0);
    assert_true(wi_now() - t0 < 2.0);
    wi_call_join(&w);
    assert_int_equal(w.code, 0); /* the waiter got the lock */
    wi_exec(waiter, "commit");
    assert_int_equal(wi_countf(dba, "select balance from acct where id = 1"),
                     5); /* -1 never committed */
    assert_int_equal(wi_countf(dba, "select count(*) from acct where id = 100"),
                     1); /* committed stays */
    /* The idle victim stays KILLED until its next call, which learns it. */
    char sql[128];
    snprintf(sql, sizeof sql, "select status from v$session where sid = %d", sid);
    char *st = wi_scalar(dba, sql);
    assert_string_equal(st, "KILLED");
    free(st);
    assert_int_equal(wi_run(victim, "select 1 from dual"), 28);
    assert_string_equal(wdn_last_error(victim)->msg, "ORA-00028: your session has been killed");
    assert_false(wdn_connected(victim));
    assert_int_equal(wi_run(victim, "select 1 from dual"), 1012); /* not logged on */
    for (int i = 0;
         i < 100 && wi_countf(dba, "select count(*) from v$session where sid = %d and serial# = %d",
                              sid, serial);
         i++)
        usleep(10000);
    assert_int_equal(wi_countf(dba,
                               "select count(*) from v$session where sid = %d and serial# = %d",
                               sid, serial),
                     0);
    assert_true(wi_alert_contains(&inst, "Reason = alter system kill session"));
    char *h = NULL;
    snprintf(sql, sizeof sql,
             "select kill_mode || '|' || result || '|' || reason from v$session_kill_history "
             "where sid = %d and serial# = %d",
             sid, serial);
    h = wi_scalar(dba, sql);
    assert_string_equal(h, "KILL SOFT|ORA-0|alter system kill session");
    free(h);
    wdn_close(victim);
    wdn_close(waiter);
    wdn_close(dba);
}

static void test_kill_running_session(void **state)
{
    for (int immediate = 0; immediate < 2; immediate++) {
        wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
        wdn_conn *victim = wi_connect(&inst, "system", WI_PASSWORD);
        int sid, serial;
        wdn_session_id(victim, &sid, &serial);
        wi_call v;
        wi_call_start(&v, victim, SLOW_QUERY);
        usleep(400000);
        double t0 = wi_now();
        assert_int_equal(wi_run(dba, "alter system kill session '%d,%d'%s", sid, serial,
                                immediate ? " immediate" : ""),
                         0);
        double returned = wi_now() - t0;
        wi_call_join(&v);
        assert_int_equal(v.code, 28);
        assert_true(v.done_at - t0 < 2.0); /* interrupted within milliseconds, bounded here */
        assert_true(returned < 2.0);
        assert_false(wdn_connected(victim));
        wdn_close(victim);
        wdn_close(dba);
    }
}

static void test_refusals(void **state)
{
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    wdn_conn *other = wi_connect(&inst, "system", WI_PASSWORD);
    int me, my_serial, sid, serial;
    wdn_session_id(dba, &me, &my_serial);
    wdn_session_id(other, &sid, &serial);
    assert_int_equal(wi_run(dba, "alter system kill session '%d,%d'", me, my_serial), 27);
    assert_int_equal(wi_run(dba, "alter system kill session '%d,%d'", sid, serial + 1),
                     30); /* stale */
    assert_int_equal(wi_run(dba, "alter system kill session '1,1'"), 29);
    assert_int_equal(wi_run(dba, "alter system kill session '%d'", sid), 26);
    assert_int_equal(wi_run(dba, "alter system kill session '%d,%d,1'", sid, serial), 26);
    assert_int_equal(wi_run(dba, "alter system kill session '%d,%d,@2'", sid, serial), 30);
    assert_int_equal(wi_run(dba, "alter system disconnect session '%d,%d'", sid, serial), 2000);
    wdn_conn *scott = wi_connect(&inst, "scott", "tiger");
    assert_int_equal(wi_run(scott, "alter system kill session '%d,%d'", sid, serial), 1031);
    wdn_close(scott);
    /* Blanks and @inst_id are fine; the other session is still untouched by all of this. */
    assert_int_equal(wi_countf(other, "select count(*) from dual"), 1);
    assert_int_equal(
        wi_run(dba, "alter system kill session ' %d , %d , @1 ' immediate", sid, serial), 0);
    wdn_close(other);
    wdn_close(dba);
}

/* As in Oracle: a role counts as it was at logon, a directly granted privilege at once. */
static void test_roles_at_logon(void **state)
{
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    wdn_conn *target = wi_connect(&inst, "system", WI_PASSWORD);
    int sid, serial;
    wdn_session_id(target, &sid, &serial);
    assert_int_equal(wi_run(dba, "create user ops identified by ops1"), 0);
    assert_int_equal(wi_run(dba, "grant connect, dba to ops"), 0);
    wdn_conn *before = wi_connect(&inst, "ops", "ops1");
    assert_int_equal(wi_run(dba, "revoke dba from ops"), 0);
    wdn_conn *after = wi_connect(&inst, "ops", "ops1");
    /* CANCEL SQL of an idle session: allowed, and it changes nothing. */
    assert_int_equal(wi_run(before, "alter system cancel sql '%d,%d'", sid, serial), 0);
    assert_int_equal(wi_run(after, "alter system cancel sql '%d,%d'", sid, serial), 1031);
    assert_int_equal(wi_run(dba, "grant alter system to ops"), 0);
    assert_int_equal(wi_run(after, "alter system cancel sql '%d,%d'", sid, serial), 0);
    assert_int_equal(wi_run(dba, "revoke alter system from ops"), 0);
    assert_int_equal(wi_run(after, "alter system cancel sql '%d,%d'", sid, serial), 1031);
    assert_int_equal(wi_countf(target, "select count(*) from dual"), 1);
    wdn_close(after);
    wdn_close(before);
    wdn_close(target);
    assert_int_equal(wi_run(dba, "drop user ops"), 0);
    wdn_close(dba);
}

static void test_marked_for_kill(void **state)
{
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    wdn_conn *victim = wi_connect(&inst, "system", WI_PASSWORD);
    int sid, serial;
    wdn_session_id(victim, &sid, &serial);
    pid_t spid = (pid_t)wdn_server_pid(victim);
    static const char *const bad[] = {"86401", "-1", "'5'", "1.5"}; /* and the value stays */
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char sql[80], text[160];
        snprintf(sql, sizeof sql, "alter system set kill_session_wait = %s", bad[i]);
        snprintf(text, sizeof text,
                 "ORA-00096: invalid value %s for parameter kill_session_wait, must be from "
                 "among 0 to 86400",
                 bad[i]);
        wi_fail_with(dba, sql, text);
    }
    char *kept = wi_scalar(dba, "select value from v$parameter where name = 'kill_session_wait'");
    assert_string_equal(kept, "60");
    free(kept);
    assert_int_equal(wi_run(dba, "alter system set kill_session_wait = 1"), 0);
    assert_int_equal(kill(spid, SIGSTOP), 0); /* hung: cannot act on the request */
    double t0 = wi_now();
    assert_int_equal(wi_run(dba, "alter system kill session '%d,%d'", sid, serial), 31);
    double waited = wi_now() - t0;
    assert_true(waited >= 0.9 && waited < 3.0);
    assert_string_equal(wdn_last_error(dba)->msg, "ORA-00031: session marked for kill");
    /* ORA-00031 carries no position. */
    assert_int_equal(wdn_last_error(dba)->offset, 0);
    char sql[128];
    snprintf(sql, sizeof sql, "select status from v$session where sid = %d", sid);
    char *st = wi_scalar(dba, sql);
    assert_string_equal(st, "KILLED");
    free(st);
    assert_int_equal(wi_countf(dba,
                               "select count(*) from v$session_kill_history where sid = %d and "
                               "serial# = %d and result = 'ORA-31' and elapsed_ms >= 900",
                               sid, serial),
                     1);
    kill(spid, SIGKILL); /* the OS route clears it */
    for (int i = 0;
         i < 100 && wi_countf(dba, "select count(*) from v$session where sid = %d and serial# = %d",
                              sid, serial);
         i++)
        usleep(10000);
    assert_int_equal(wi_countf(dba,
                               "select count(*) from v$session where sid = %d and serial# = %d",
                               sid, serial),
                     0);
    assert_int_equal(wi_countf(dba,
                               "select count(*) from v$session_kill_history where sid = %d and "
                               "serial# = %d and kill_mode = 'PROCESS DIED'",
                               sid, serial),
                     1);
    assert_int_equal(wi_run(dba, "alter system set kill_session_wait = 60"), 0);
    wdn_close(victim);
    wdn_close(dba);
}

static void test_disconnect(void **state)
{
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    /* IMMEDIATE: the running call is aborted and the connection closed. */
    wdn_conn *victim = wi_connect(&inst, "system", WI_PASSWORD);
    int sid, serial;
    wdn_session_id(victim, &sid, &serial);
    wi_call v;
    wi_call_start(&v, victim, SLOW_QUERY);
    usleep(300000);
    assert_int_equal(wi_run(dba, "alter system disconnect session '%d,%d' immediate", sid, serial),
                     0);
    wi_call_join(&v);
    assert_int_equal(v.code, 3113);
    assert_false(wdn_connected(victim));
    wdn_close(victim);
    /* POST_TRANSACTION: the open transaction may finish; its commit is kept. */
    victim = wi_connect(&inst, "system", WI_PASSWORD);
    wdn_session_id(victim, &sid, &serial);
    wi_exec(victim, "update acct set balance = 42 where id = 1");
    assert_int_equal(
        wi_run(dba, "alter system disconnect session '%d,%d' post_transaction", sid, serial), 0);
    assert_int_equal(wi_countf(victim, "select balance from acct where id = 1"),
                     42);                                         /* still working */
    assert_int_equal(wdn_commit(victim), 0);                      /* succeeds */
    assert_int_equal(wi_run(victim, "select 1 from dual"), 3113); /* then gone */
    assert_int_equal(wi_run(victim, "select 1 from dual"), 3114);
    assert_int_equal(wi_countf(dba, "select balance from acct where id = 1"), 42); /* durable */
    wdn_close(victim);
    /* POST_TRANSACTION ended by a ROLLBACK: rolled back, then disconnected. */
    victim = wi_connect(&inst, "system", WI_PASSWORD);
    wdn_session_id(victim, &sid, &serial);
    wi_exec(victim, "update acct set balance = 99 where id = 1");
    assert_int_equal(
        wi_run(dba, "alter system disconnect session '%d,%d' post_transaction", sid, serial), 0);
    assert_int_equal(wdn_rollback(victim), 0);
    assert_int_equal(wi_run(victim, "select 1 from dual"), 3113);
    assert_int_equal(wi_countf(dba, "select balance from acct where id = 1"), 42);
    wdn_close(victim);
    /* POST_TRANSACTION with no transaction open: at once. */
    victim = wi_connect(&inst, "system", WI_PASSWORD);
    wdn_session_id(victim, &sid, &serial);
    assert_int_equal(wi_run(dba,
                            "alter system disconnect session '%d,%d' post_transaction immediate",
                            sid, serial),
                     0);
    usleep(200000);
    assert_int_not_equal(wi_run(victim, "select 1 from dual"), 0);
    wdn_close(victim);
    wdn_close(dba);
}

static void test_cancel_sql(void **state)
{
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    wdn_conn *victim = wi_connect(&inst, "system", WI_PASSWORD);
    int sid, serial;
    wdn_session_id(victim, &sid, &serial);
    wi_exec(victim, "update acct set balance = 77 where id = 1"); /* earlier work */
    /* An idle target: nothing happens. */
    assert_int_equal(wi_run(dba, "alter system cancel sql '%d,%d'", sid, serial), 0);
    assert_int_equal(wi_countf(victim, "select balance from acct where id = 1"), 77);
    /* A SQL_ID that is not running: nothing happens. */
    wi_call v;
    wi_call_start(&v, victim, SLOW_QUERY);
    usleep(300000);
    assert_int_equal(wi_run(dba, "alter system cancel sql '%d,%d,0000000000000'", sid, serial), 0);
    usleep(300000);
    assert_true(v.done_at == 0);
    /* The running statement's SQL_ID: cancelled, statement-level only. */
    char id[SQL_ID_LEN + 1];
    sql_id(SLOW_QUERY, strlen(SLOW_QUERY), id);
    double t0 = wi_now();
    assert_int_equal(wi_run(dba, "alter system cancel sql '%d, %d, @1, %s'", sid, serial, id), 0);
    wi_call_join(&v);
    assert_int_equal(v.code, 1013);
    assert_true(v.done_at - t0 < 2.0);
    assert_true(wdn_connected(victim));
    assert_true(wdn_in_transaction(victim));
    assert_int_equal(wi_countf(victim, "select balance from acct where id = 1"), 77); /* kept */
    wi_exec(victim, "rollback");
    wdn_close(victim);
    wdn_close(dba);
}

/* kill <spid> (SIGTERM): the session ends cleanly: rollback, locks released, connection closed. */
static void test_sigterm_of_server(void **state)
{
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    wdn_conn *victim = wi_connect(&inst, "system", WI_PASSWORD);
    wdn_conn *waiter = wi_connect(&inst, "system", WI_PASSWORD);
    int sid, serial;
    wdn_session_id(victim, &sid, &serial);
    wi_exec(victim, "update acct set balance = -5 where id = 1");
    wi_call w;
    wi_call_start(&w, waiter, "update acct set balance = 6 where id = 1");
    usleep(300000);
    double t0 = wi_now();
    assert_int_equal(kill((pid_t)wdn_server_pid(victim), SIGTERM), 0);
    wi_call_join(&w);
    assert_int_equal(w.code, 0);
    assert_true(w.done_at - t0 < 2.0);
    wi_exec(waiter, "commit");
    assert_int_equal(wi_countf(dba, "select balance from acct where id = 1"), 6);
    assert_int_equal(wi_run(victim, "select 1 from dual"), 3113);
    assert_int_equal(wi_countf(dba,
                               "select count(*) from v$session where sid = %d and serial# = %d",
                               sid, serial),
                     0);
    wdn_close(victim);
    wdn_close(waiter);
    wdn_close(dba);
}

/* Is process PID gone (reaped by PMON), within SECONDS? */
static int process_gone_within(pid_t pid, double seconds)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d", (int)pid);
    for (double t0 = wi_now(); wi_now() - t0 < seconds; usleep(2000))
        if (access(path, F_OK) != 0) return 1;
    return 0;
}

/* The signals process PID blocks (SigBlk of /proc/PID/status), or 0. */
static unsigned long long blocked_signals(pid_t pid)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *f = fopen(path, "r");
    unsigned long long mask = 0;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "SigBlk: %llx", &mask) == 1) break;
    if (f) fclose(f);
    return mask;
}

/*
 * kill <spid> of an idle session always ends it at once: SIGTERM is blocked
 * outside the idle wait (which lets it in atomically), so it cannot slip in
 * between the server's last look and its wait; and one that comes while a
 * call runs ends the call at its next safe point.
 */
static void test_sigterm_never_lost(void **state)
{
    for (int i = 0; i < 40; i++) {
        wdn_conn *victim = wi_connect(&inst, "system", WI_PASSWORD);
        pid_t spid = (pid_t)wdn_server_pid(victim);
        assert_int_equal(wi_countf(victim, "select count(*) from dual"), 1);
        if (i % 2) usleep((useconds_t)(i * 50)); /* at different moments of going idle */
        assert_int_equal(kill(spid, SIGTERM), 0);
        assert_true(process_gone_within(spid, 2.0));
        assert_int_equal(wi_run(victim, "select 1 from dual"), 3113);
        wdn_close(victim);
    }
    /* During a CPU-bound statement: the call ends ORA-03113 and so does the session. */
    wdn_conn *victim = wi_connect(&inst, "system", WI_PASSWORD);
    pid_t spid = (pid_t)wdn_server_pid(victim);
    wi_call v;
    wi_call_start(&v, victim, SLOW_QUERY);
    usleep(300000);
    /* Outside the waits both signals are blocked (inside, ppoll lets them in). */
    unsigned long long mask = blocked_signals(spid);
    assert_true(mask & (1ull << (SIGTERM - 1)));
    assert_true(mask & (1ull << (SIGUSR2 - 1)));
    double t0 = wi_now();
    assert_int_equal(kill(spid, SIGTERM), 0);
    wi_call_join(&v);
    assert_int_equal(v.code, 3113);
    assert_true(v.done_at - t0 < 2.0);
    assert_true(process_gone_within(spid, 2.0));
    wdn_close(victim);
}

/*
 * A session being ended, or a call being cancelled, is never caught by the
 * victim's own exception handler: a block sleeping under WHEN OTHERS that
 * would record the error and commit records nothing.
 */
static void test_interrupts_are_not_catchable(void **state)
{
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    wi_exec(dba, "create table caught (how number, err varchar2(200))");
    static const char *const block =
        "declare m varchar2(200); begin dbms_lock.sleep(30); exception when others then "
        "m := sqlerrm; insert into caught values (%d, m); commit; end;";
    /* 0 DISCONNECT IMMEDIATE, 1 KILL, 2 KILL IMMEDIATE, 3 CANCEL, 4 break, 5 kill <spid> */
    static const int codes[] = {3113, 28, 28, 1013, 1013, 3113};
    for (int how = 0; how < 6; how++) {
        wdn_conn *victim = wi_connect(&inst, "system", WI_PASSWORD);
        int sid, serial;
        wdn_session_id(victim, &sid, &serial);
        char sql[400];
        snprintf(sql, sizeof sql, block, how);
        wi_call v;
        wi_call_start(&v, victim, sql);
        usleep(300000);
        double t0 = wi_now();
        switch (how) {
        case 0:
            assert_int_equal(
                wi_run(dba, "alter system disconnect session '%d,%d' immediate", sid, serial), 0);
            break;
        case 1: assert_int_equal(wi_run(dba, "alter system kill session '%d,%d'", sid, serial), 0); break;
        case 2:
            assert_int_equal(
                wi_run(dba, "alter system kill session '%d,%d' immediate", sid, serial), 0);
            break;
        case 3: assert_int_equal(wi_run(dba, "alter system cancel sql '%d,%d'", sid, serial), 0); break;
        case 4: wdn_break(victim); break;
        case 5: assert_int_equal(kill((pid_t)wdn_server_pid(victim), SIGTERM), 0); break;
        }
        wi_call_join(&v);
        assert_int_equal(v.code, codes[how]);
        assert_true(v.done_at - t0 < 2.0);
        wdn_close(victim);
        assert_int_equal(wi_countf(dba, "select count(*) from caught where how = %d", how), 0);
    }
    wi_exec(dba, "drop table caught");
    wdn_close(dba);
}

/* Run wardenctl with ARGS for this instance; returns its exit status, output in OUT. */
#define wardenctl(out, n, ...) wi_wardenctl(&inst, out, n, __VA_ARGS__)

/* The orakill equivalent: only user-session servers of that instance, background with --force. */
static void test_wardenctl_kill(void **state)
{
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    wdn_conn *victim = wi_connect(&inst, "system", WI_PASSWORD);
    int sid, serial;
    wdn_session_id(victim, &sid, &serial);
    long spid = wdn_server_pid(victim);
    char out[1024];
    assert_int_not_equal(wardenctl(out, sizeof out, "kill OTHER %ld", spid), 0);
    assert_non_null(strstr(out, "is not an instance of"));
    assert_int_not_equal(wardenctl(out, sizeof out, "kill WARDEN %d", (int)getpid()), 0);
    assert_non_null(strstr(out, "is not a server process of instance WARDEN"));
    long pmon = wi_countf(dba, "select spid from v$process where pname = 'PMON'");
    long ckpt = wi_countf(dba, "select spid from v$process where pname = 'CKPT'");
    assert_int_not_equal(wardenctl(out, sizeof out, "kill WARDEN %ld", pmon), 0);
    assert_non_null(strstr(out, "background process"));
    assert_int_not_equal(wardenctl(out, sizeof out, "kill WARDEN %ld", ckpt), 0);
    assert_int_equal(wi_count(dba, "select count(*) from dual"), 1); /* nothing was harmed */
    assert_int_equal(wardenctl(out, sizeof out, "kill warden %ld", spid), 0);
    assert_non_null(strstr(out, "successfully signalled"));
    assert_int_equal(wi_run(victim, "select 1 from dual"), 3113);
    for (int i = 0;
         i < 100 && wi_countf(dba, "select count(*) from v$session where sid = %d and serial# = %d",
                              sid, serial);
         i++)
        usleep(10000);
    assert_int_equal(wi_countf(dba,
                               "select count(*) from v$session where sid = %d and serial# = %d",
                               sid, serial),
                     0);
    wdn_close(victim);
    wdn_close(dba);
}

/* Long PL/SQL calls end within milliseconds: sleeps and busy loops, by KILL, CANCEL and break. */
static void test_plsql_calls_are_interruptible(void **state)
{
    static const char *const blocks[] = {
        "begin dbms_lock.sleep(30); end;",
        "begin dbms_session.sleep(30); end;",
        "begin loop null; end loop; end;",
        "declare n number := 0; begin while true loop n := n + 1; end loop; end;",
    };
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    for (size_t b = 0; b < sizeof blocks / sizeof blocks[0]; b++) {
        for (int how = 0; how < 3; how++) { /* 0 cancel, 1 client break, 2 kill */
            wdn_conn *victim = wi_connect(&inst, "system", WI_PASSWORD);
            int sid, serial;
            wdn_session_id(victim, &sid, &serial);
            wi_call v;
            wi_call_start(&v, victim, blocks[b]);
            usleep(300000);
            if (b < 2) /* a sleeping session shows the PL/SQL timer wait */
                assert_int_equal(
                    wi_countf(dba,
                              "select count(*) from v$session where sid = %d and event = "
                              "'PL/SQL lock timer' and state = 'WAITING'",
                              sid),
                    1);
            double t0 = wi_now();
            if (how == 0)
                assert_int_equal(wi_run(dba, "alter system cancel sql '%d,%d'", sid, serial), 0);
            if (how == 1) wdn_break(victim);
            if (how == 2)
                assert_int_equal(
                    wi_run(dba, "alter system kill session '%d,%d' immediate", sid, serial), 0);
            wi_call_join(&v);
            assert_int_equal(v.code, how == 2 ? 28 : 1013);
            assert_true(v.done_at - t0 < 2.0);
            if (how < 2)
                assert_int_equal(wi_countf(victim, "select count(*) from dual"), 1); /* usable */
            wdn_close(victim);
        }
    }
    wdn_close(dba);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kill_idle_session),
        cmocka_unit_test(test_kill_running_session),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_roles_at_logon),
        cmocka_unit_test(test_marked_for_kill),
        cmocka_unit_test(test_disconnect),
        cmocka_unit_test(test_cancel_sql),
        cmocka_unit_test(test_sigterm_of_server),
        cmocka_unit_test(test_sigterm_never_lost),
        cmocka_unit_test(test_interrupts_are_not_catchable),
        cmocka_unit_test(test_wardenctl_kill),
        cmocka_unit_test(test_plsql_calls_are_interruptible),
    };
    return cmocka_run_group_tests_name("e2e_kill", tests, setup, teardown);
}
