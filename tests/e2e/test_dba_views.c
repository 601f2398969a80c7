/*
 * test_dba_views.c - what DBA scripts read, over real sessions: the wait
 * interface and the statistics:
 * every figure of V$SESSION_WAIT, V$SESSION_EVENT and V$SYSTEM_EVENT is
 * checked to move when the wait it counts happens (round trips to the
 * client, a row lock wait with Oracle's P1..P3 matching V$LOCK, a commit's
 * log file sync, a PL/SQL sleep with its duration and time remaining), and
 * every statistic of V$SESSTAT / V$MYSTAT / V$SYSSTAT when the work it
 * counts happens; the SQL identity DBA scripts join on (V$SESSION's
 * SQL_ADDRESS / SQL_HASH_VALUE to V$SQL and V$SQLTEXT); the parameters and
 * V$DIAG_INFO; V$SESSION_LONGOPS; V$OPEN_CURSOR; undo per session
 * (V$TRANSACTION, V$ROLLNAME, V$ROLLSTAT); the storage views (segments sized by their pages); and
 * listings served by the plain scan (SELECT * FROM V$...) against the same
 * views read through SQLite.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "harness.h"

static wi inst;

static int setup(void **state)
{
    wi_start(&inst);
    wdn_conn *sys = wi_connect(&inst, "system", WI_PASSWORD);
    wi_exec(sys, "create table acct (id number primary key, balance number)");
    wi_exec(sys, "insert into acct values (1, 100)");
    wi_exec(sys, "commit");
    wdn_close(sys);
    return 0;
}

static int teardown(void **state)
{
    wi_stop(&inst);
    return 0;
}

static int sid_of(wdn_conn *c)
{
    int sid, serial;
    wdn_session_id(c, &sid, &serial);
    return sid;
}

/* COLUMN of V$SESSION_EVENT for SID's EVENT (0 when it has not waited on it). */
static long session_event(wdn_conn *dba, int sid, const char *event, const char *column)
{
    char *v = wi_scalarf(dba, "select %s from v$session_event where sid = %d and event = '%s'",
                         column, sid, event);
    long n = v ? atol(v) : 0;
    free(v);
    return n;
}

static long system_waits(wdn_conn *dba, const char *event)
{
    char *v = wi_scalarf(dba, "select total_waits from v$system_event where event = '%s'", event);
    long n = v ? atol(v) : 0;
    free(v);
    return n;
}

static void test_client_round_trips_are_counted(void **state)
{
    wdn_conn *a = wi_connect(&inst, "system", WI_PASSWORD), *dba = wi_connect(&inst, "system", WI_PASSWORD);
    const char *ev = "SQL*Net message from client";
    long before = session_event(dba, sid_of(a), ev, "total_waits");
    long sys_before = system_waits(dba, ev);
    for (int i = 0; i < 5; i++) wi_exec(a, "select 1 from dual");
    long after = session_event(dba, sid_of(a), ev, "total_waits");
    assert_true(after >= before + 5);
    assert_true(system_waits(dba, ev) >= sys_before + 5);
    /* idle now: V$SESSION_WAIT says so, with the SQL*Net parameters */
    assert_int_equal(wi_countf(dba, "select count(*) from v$session_wait where sid = %d and "
                                    "event = '%s' and state = 'WAITING' and p1text = 'driver id' "
                                    "and p1 = 1413697536 and p2 = 1 and wait_class = 'Idle' and "
                                    "wait_time = 0",
                               sid_of(a), ev),
                     1);
    /* V$SESSION shows the same wait: SEQ#, P1..P3 */
    assert_int_equal(wi_countf(dba, "select count(*) from v$session s join v$session_wait w on "
                                    "w.sid = s.sid where s.sid = %d and s.seq# = w.seq# and "
                                    "s.p1 = w.p1 and s.p2raw = w.p2raw and s.event = w.event",
                               sid_of(a)),
                     1);
    wdn_close(a), wdn_close(dba);
}

static void test_row_lock_wait_parameters_and_time(void **state)
{
    wdn_conn *a = wi_connect(&inst, "system", WI_PASSWORD), *b = wi_connect(&inst, "system", WI_PASSWORD);
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    const char *ev = "enq: TX - row lock contention";
    long before = session_event(dba, sid_of(b), ev, "total_waits");
    wi_exec(a, "update acct set balance = balance + 1 where id = 1");
    wi_call w;
    wi_call_start(&w, b, "update acct set balance = balance + 1 where id = 1");
    double until = wi_now() + 5;
    while (!wi_countf(dba, "select count(*) from v$session_wait where sid = %d and event = '%s' "
                           "and state = 'WAITING'", sid_of(b), ev)) {
        assert_true(wi_now() < until);
        usleep(10000);
    }
    /* P1 = 'TX' | mode 6, P2/P3 = the holder's XID: V$LOCK's ID1/ID2 of B's request */
    assert_int_equal(wi_countf(dba, "select count(*) from v$session_wait w join v$lock l on "
                                    "l.sid = w.sid and l.type = 'TX' and l.request = 6 where "
                                    "w.sid = %d and w.p1 = 1415053318 and w.p2 = l.id1 and "
                                    "w.p3 = l.id2 and w.p2text = 'usn<<16 | slot' and "
                                    "w.p3text = 'sequence' and w.wait_class = 'Application'",
                               sid_of(b)),
                     1);
    /* the chain: B waits on A, A on nobody */
    assert_int_equal(wi_countf(dba, "select count(*) from v$wait_chains where chain_id = %d and "
                                    "sid = %d and blocker_sid = %d and blocker_is_valid = 'TRUE' "
                                    "and wait_event = '%s' and in_wait = 'TRUE' and "
                                    "chain_is_cycle = 'FALSE'",
                               sid_of(a), sid_of(b), sid_of(a), ev),
                     1);
    assert_int_equal(wi_countf(dba, "select count(*) from v$wait_chains where sid = %d and "
                                    "num_waiters = 1 and blocker_is_valid = 'FALSE'",
                               sid_of(a)),
                     1);
    usleep(300000);
    wi_exec(a, "commit");
    wi_call_join(&w);
    assert_int_equal(w.code, 0);
    wi_exec(b, "rollback");
    assert_int_equal(session_event(dba, sid_of(b), ev, "total_waits"), before + 1);
    assert_true(session_event(dba, sid_of(b), ev, "time_waited_micro") >= 300000);
    assert_true(session_event(dba, sid_of(b), ev, "max_wait") >= 30); /* centiseconds */
    assert_true(system_waits(dba, ev) >= 1);
    /* the wait is over: WAITED KNOWN TIME, its length in WAIT_TIME (cs) */
    wdn_close(a), wdn_close(b), wdn_close(dba);
}

static void test_commit_waits_for_log_file_sync(void **state)
{
    wdn_conn *a = wi_connect(&inst, "system", WI_PASSWORD), *dba = wi_connect(&inst, "system", WI_PASSWORD);
    const char *ev = "log file sync";
    long before = session_event(dba, sid_of(a), ev, "total_waits");
    long sys_before = system_waits(dba, ev);
    for (int i = 0; i < 3; i++) {
        wi_exec(a, "update acct set balance = balance + 1 where id = 1");
        wi_exec(a, "commit");
    }
    assert_int_equal(session_event(dba, sid_of(a), ev, "total_waits"), before + 3);
    assert_true(session_event(dba, sid_of(a), ev, "time_waited_micro") > 0);
    assert_true(system_waits(dba, ev) >= sys_before + 3);
    assert_int_equal(wi_count(dba, "select count(*) from v$system_event where event = 'log file "
                                   "sync' and wait_class = 'Commit' and total_waits_fg > 0"),
                     1);
    wdn_close(a), wdn_close(dba);
}

static void test_plsql_sleep_is_a_timed_wait(void **state)
{
    wdn_conn *a = wi_connect(&inst, "system", WI_PASSWORD), *dba = wi_connect(&inst, "system", WI_PASSWORD);
    const char *ev = "PL/SQL lock timer";
    long before = session_event(dba, sid_of(a), ev, "total_waits");
    wi_call w;
    wi_call_start(&w, a, "begin dbms_session.sleep(0.5); end;");
    double until = wi_now() + 5;
    while (!wi_countf(dba, "select count(*) from v$session_wait where sid = %d and event = '%s'",
                      sid_of(a), ev)) {
        assert_true(wi_now() < until);
        usleep(10000);
    }
    /* P1: the duration in centiseconds; the time remaining counts down from it */
    assert_int_equal(wi_countf(dba, "select count(*) from v$session_wait where sid = %d and "
                                    "p1 = 50 and p1text = 'duration' and "
                                    "time_remaining_micro between 1 and 500000",
                               sid_of(a)),
                     1);
    wi_call_join(&w);
    assert_int_equal(w.code, 0);
    assert_int_equal(session_event(dba, sid_of(a), ev, "total_waits"), before + 1);
    assert_true(session_event(dba, sid_of(a), ev, "time_waited_micro") >= 490000);
    wdn_close(a), wdn_close(dba);
}

static void test_event_names(void **state)
{
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    assert_int_equal(wi_count(dba, "select count(*) from v$event_name"), 9);
    assert_int_equal(wi_count(dba, "select count(*) from v$event_name where name = 'enq: TX - "
                                   "row lock contention' and parameter1 = 'name|mode' and "
                                   "wait_class# = 1"),
                     1);
    /* every event a session waited on is known by name, and GV$ twins exist */
    assert_int_equal(wi_count(dba, "select count(*) from v$session_event e where not exists "
                                   "(select 1 from v$event_name n where n.name = e.event and "
                                   "n.event_id = e.event_id)"),
                     0);
    assert_true(wi_count(dba, "select count(*) from gv$system_event where inst_id = 1") > 0);
    /* the background processes' idle waits are counted too, but not as foreground */
    assert_int_equal(wi_count(dba, "select count(*) from v$system_event where event = 'pmon "
                                   "timer' and total_waits > 0 and total_waits_fg = 0"),
                     1);
    wdn_close(dba);
}

/* Statistic NAME of session SID (V$SESSTAT by V$STATNAME). */
static long stat_of(wdn_conn *dba, int sid, const char *name)
{
    char *v = wi_scalarf(dba, "select s.value from v$sesstat s join v$statname n on "
                              "n.statistic# = s.statistic# where s.sid = %d and n.name = '%s'",
                         sid, name);
    long n = v ? atol(v) : -1;
    free(v);
    return n;
}

static long sysstat(wdn_conn *dba, const char *name)
{
    char *v = wi_scalarf(dba, "select value from v$sysstat where name = '%s'", name);
    long n = v ? atol(v) : -1;
    free(v);
    return n;
}

/* Every statistic of S's session, in the order of NAMES. */
static void stats_of(wdn_conn *dba, int sid, const char *const *names, int n, long *out)
{
    for (int i = 0; i < n; i++) out[i] = stat_of(dba, sid, names[i]);
}

static void test_statistics_move_with_the_work(void **state)
{
    static const char *const names[] = {
        "user calls", "SQL*Net roundtrips to/from client", "execute count",
        "parse count (total)", "parse count (hard)", "user commits", "user rollbacks",
        "bytes sent via SQL*Net to client", "bytes received via SQL*Net from client",
        "session logical reads", "redo size", "sorts (memory)", "CPU used by this session"};
    enum { CALLS, TRIPS, EXECS, PARSES, HARD, COMMITS, ROLLBACKS, SENT, RECEIVED, READS, REDO,
           SORTS, CPU, N };
    wdn_conn *a = wi_connect(&inst, "system", WI_PASSWORD), *dba = wi_connect(&inst, "system", WI_PASSWORD);
    long before[N], after[N], logons = sysstat(dba, "logons cumulative");
    wi_exec(a, "create table stat_rows (id number primary key, pad varchar2(200))");
    stats_of(dba, sid_of(a), names, N, before);
    for (int i = 1; i <= 50; i++)
        wi_run(a, "insert into stat_rows values (%d, rpad('x', 200, 'x'))", i);
    wi_exec(a, "commit");
    wi_exec(a, "delete from stat_rows where id = 1");
    wi_exec(a, "rollback");
    assert_int_equal(wi_count(a, "select count(*) from (select * from stat_rows order by pad "
                                 "desc, id)"),
                     50);
    assert_true(wi_count(a, "select count(*) from (with r(i) as (select 1 from dual union all "
                            "select i + 1 from r where i < 300000) select i from r)") > 0);
    stats_of(dba, sid_of(a), names, N, after);
    assert_true(after[CALLS] >= before[CALLS] + 54);
    assert_true(after[TRIPS] >= before[TRIPS] + 54);
    assert_true(after[EXECS] >= before[EXECS] + 54);
    assert_true(after[PARSES] >= before[PARSES] + 54);
    assert_true(after[HARD] >= before[HARD] + 50); /* 50 texts the instance never saw */
    assert_int_equal(after[COMMITS], before[COMMITS] + 1);
    assert_int_equal(after[ROLLBACKS], before[ROLLBACKS] + 1);
    assert_true(after[SENT] > before[SENT] && after[RECEIVED] > before[RECEIVED] + 50 * 60);
    assert_true(after[READS] > before[READS]);
    assert_true(after[REDO] >= before[REDO] + 4096); /* 50 rows of 200 bytes committed */
    assert_true(after[SORTS] > before[SORTS]);
    assert_true(after[CPU] > before[CPU]); /* 300,000 rows of recursion */
    /* the same text again, from another session: parsed, but not hard */
    wdn_conn *b = wi_connect(&inst, "system", WI_PASSWORD);
    wi_exec(b, "select count(*) from stat_rows where id = 7");
    long hard_b = stat_of(dba, sid_of(b), "parse count (hard)");
    wi_exec(a, "select count(*) from stat_rows where id = 7");
    wi_exec(b, "select count(*) from stat_rows where id = 7");
    assert_int_equal(stat_of(dba, sid_of(b), "parse count (hard)"), hard_b);
    /* the instance's counts outlive their sessions; its levels add up the sessions' now */
    assert_true(sysstat(dba, "logons cumulative") >= logons + 1);
    assert_int_equal(sysstat(dba, "logons current"),
                     wi_count(dba, "select count(*) from v$session where type = 'USER'"));
    assert_true(sysstat(dba, "user commits") >= after[COMMITS]);
    assert_true(stat_of(dba, sid_of(a), "session pga memory") > 0);
    assert_true(stat_of(dba, sid_of(a), "session pga memory max") >=
                stat_of(dba, sid_of(a), "session pga memory"));
    /* V$SESS_IO reads the same counts: all logical reads as consistent gets */
    assert_int_equal(wi_countf(dba, "select count(*) from v$sess_io i, v$sesstat t, v$statname n "
                                    "where i.sid = %d and t.sid = i.sid and t.statistic# = "
                                    "n.statistic# and n.name = 'session logical reads' and "
                                    "i.consistent_gets = t.value and i.block_gets = 0",
                               sid_of(a)),
                     1);
    assert_true(wi_countf(dba, "select consistent_gets from v$sess_io where sid = %d",
                          sid_of(a)) >= after[READS]);
    /* V$MYSTAT is the session's own V$SESSTAT */
    assert_int_equal(wi_count(a, "select count(*) from v$mystat m join v$statname n on "
                                 "n.statistic# = m.statistic# where n.name = 'user commits' and "
                                 "m.value > 0"),
                     1);
    wi_exec(a, "drop table stat_rows");
    wdn_close(a), wdn_close(b), wdn_close(dba);
}

static void test_sql_identity(void **state)
{
    wdn_conn *a = wi_connect(&inst, "system", WI_PASSWORD), *dba = wi_connect(&inst, "system", WI_PASSWORD);
    wi_exec(a, "select * from dual");
    /* Oracle's HASH_VALUE of this text */
    assert_int_equal(wi_count(dba, "select hash_value from v$sql where sql_text = 'select * from "
                                   "dual' and sql_id = 'a5ks9fhw2v9s1'"),
                     942515969);
    /* the session's last statement, by address and hash value, as scripts join them */
    assert_int_equal(wi_countf(dba, "select count(*) from v$session s join v$sql q on "
                                    "q.address = s.prev_sql_addr and q.hash_value = "
                                    "s.prev_hash_value where s.sid = %d and q.sql_id = "
                                    "'a5ks9fhw2v9s1'",
                               sid_of(a)),
                     1);
    const char *text = "select 1 as one,\n       2 as two /* a comment long enough to need a "
                       "second piece of sixty-four bytes */ from dual";
    wi_exec(a, text);
    char *joined = wi_scalarf(dba, "select listagg(t.sql_text) within group (order by t.piece) "
                                   "from v$sqltext_with_newlines t join v$session s on "
                                   "t.hash_value = s.prev_hash_value where s.sid = %d",
                              sid_of(a));
    assert_non_null(joined);
    assert_string_equal(joined, text);
    free(joined);
    assert_int_equal(wi_countf(dba, "select count(*) from v$sqltext t join v$session s on "
                                    "t.hash_value = s.prev_hash_value where s.sid = %d and "
                                    "instr(t.sql_text, chr(10)) > 0",
                               sid_of(a)),
                     0); /* V$SQLTEXT: newlines as spaces */
    /* costs per statement, parse calls, and who runs it now */
    wi_exec(a, "select count(*) from v$session");
    assert_int_equal(wi_count(dba, "select count(*) from v$sql where sql_text = 'select "
                                   "count(*) from v$session' and parse_calls >= 1 and loads = 1 "
                                   "and executions >= 1 and child_number = 0"),
                     1);
    wi_call w;
    wi_call_start(&w, a, "begin dbms_session.sleep(0.5); end;");
    double until = wi_now() + 5;
    while (!wi_count(dba, "select count(*) from v$sql where sql_text like 'begin "
                          "dbms_session.sleep(0.5)%' and users_executing = 1")) {
        assert_true(wi_now() < until);
        usleep(10000);
    }
    assert_int_equal(wi_countf(dba, "select count(*) from v$session s join v$sql q on q.address = "
                                    "s.sql_address where s.sid = %d and s.sql_child_number = 0",
                               sid_of(a)),
                     1);
    wi_call_join(&w);
    wdn_close(a), wdn_close(dba);
}

static void test_parameters_and_diag_info(void **state)
{
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    assert_int_equal(wi_count(dba, "select value from v$parameter where name = 'db_block_size'"),
                     4096);
    assert_int_equal(wi_count(dba, "select value from v$parameter where name = 'open_cursors'"),
                     300);
    char *dest = wi_scalar(dba, "select value from v$parameter where name = 'diagnostic_dest'");
    assert_non_null(dest);
    assert_string_equal(dest, inst.datadir);
    free(dest);
    /* ALTER SYSTEM SET shows as SYSTEM_MOD until it is set back */
    assert_int_equal(wi_count(dba, "select count(*) from v$parameter where name = "
                                   "'kill_session_wait' and ismodified = 'FALSE'"),
                     1);
    wi_exec(dba, "alter system set kill_session_wait = 30");
    assert_int_equal(wi_count(dba, "select count(*) from v$parameter where name = "
                                   "'kill_session_wait' and ismodified = 'SYSTEM_MOD' and "
                                   "value = '30'"),
                     1);
    wi_exec(dba, "alter system set kill_session_wait = 60");
    /* the session's own trace file, where SQL trace writes it */
    char *file = wi_scalar(dba, "select value from v$diag_info where name = 'Default Trace File'");
    char want[512];
    snprintf(want, sizeof want, "%s/trace/WARDEN_ora_%ld.trc", inst.datadir,
             wdn_server_pid(dba));
    assert_non_null(file);
    assert_string_equal(file, want);
    free(file);
    assert_int_equal(wi_count(dba, "select count(*) from v$diag_info where name in ('Diag "
                                   "Trace', 'Diag Alert', 'ADR Base', 'Log Alert')"),
                     4);
    wdn_close(dba);
}

static void test_storage_views(void **state)
{
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    wi_exec(dba, "create table seg_rows (id number primary key, pad varchar2(400))");
    long before = wi_count(dba, "select bytes from dba_segments where segment_name = 'SEG_ROWS' "
                                "and segment_type = 'TABLE' and owner = 'SYSTEM'");
    wi_exec(dba, "begin for i in 1 .. 500 loop insert into seg_rows values (i, rpad('x', 400, "
                 "'x')); end loop; commit; end;");
    long after = wi_count(dba, "select bytes from dba_segments where segment_name = 'SEG_ROWS' "
                               "and segment_type = 'TABLE'");
    assert_true(after >= before + 500 * 400); /* its pages grew with its rows */
    assert_int_equal(wi_count(dba, "select count(*) from dba_segments where owner = 'SYSTEM' and "
                                   "segment_type = 'INDEX' and tablespace_name = 'USERS' and "
                                   "bytes > 0"),
                     wi_count(dba, "select count(*) from dba_objects where owner = 'SYSTEM' and "
                                   "object_type = 'INDEX'"));
    /* the data file holds every segment; the tablespace has the database's block size */
    assert_true(wi_count(dba, "select bytes from dba_data_files") >=
                wi_count(dba, "select sum(bytes) from dba_segments"));
    assert_int_equal(wi_count(dba, "select block_size from dba_tablespaces where "
                                   "tablespace_name = 'USERS'"),
                     4096);
    assert_int_equal(wi_count(dba, "select count(*) from user_segments where segment_name = "
                                   "'SEG_ROWS'"),
                     1);
    wi_exec(dba, "drop table seg_rows");
    assert_int_equal(wi_count(dba, "select count(*) from dba_segments where segment_name = "
                                   "'SEG_ROWS'"),
                     0);
    wdn_close(dba);
}

static void test_tables_and_columns(void **state)
{
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    wi_exec(dba, "create table tab_cols (empno number(4) not null primary key, ename "
                 "varchar2(10), sal number(7,2) default 0, hired date, n integer, "
                 "f binary_double, c char(2 char))");
    assert_int_equal(wi_count(dba, "select count(*) from user_tables where table_name = "
                                   "'TAB_COLS' and tablespace_name = 'USERS' and num_rows is null"),
                     1);
    /* each column as Oracle's dictionary lists it */
    assert_int_equal(wi_count(dba, "select count(*) from user_tab_columns where table_name = "
                                   "'TAB_COLS'"),
                     7);
    struct {
        const char *where;
    } checks[] = {
        {"column_name = 'EMPNO' and data_type = 'NUMBER' and data_precision = 4 and data_scale = "
         "0 and nullable = 'N' and column_id = 1 and data_length = 22"},
        {"column_name = 'ENAME' and data_type = 'VARCHAR2' and data_length = 10 and char_used = "
         "'B' and nullable = 'Y'"},
        {"column_name = 'SAL' and data_precision = 7 and data_scale = 2 and data_default = '0'"},
        {"column_name = 'HIRED' and data_type = 'DATE' and data_length = 7"},
        {"column_name = 'N' and data_type = 'NUMBER' and data_precision is null and data_scale = 0"},
        {"column_name = 'F' and data_type = 'BINARY_DOUBLE' and data_length = 8"},
        {"column_name = 'C' and data_type = 'CHAR' and char_length = 2 and char_used = 'C'"},
    };
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++)
        assert_int_equal(wi_countf(dba, "select count(*) from dba_tab_columns where owner = "
                                        "'SYSTEM' and table_name = 'TAB_COLS' and %s",
                                   checks[i].where),
                         1);
    /* its indexes: the primary key's (generated, unique) and one of ours, column by column */
    wi_exec(dba, "create index tab_cols_ix on tab_cols (sal, ename desc)");
    assert_int_equal(wi_count(dba, "select count(*) from user_indexes where table_name = "
                                   "'TAB_COLS' and uniqueness = 'UNIQUE' and generated = 'Y'"),
                     1);
    assert_int_equal(wi_count(dba, "select count(*) from user_indexes where index_name = "
                                   "'TAB_COLS_IX' and uniqueness = 'NONUNIQUE' and generated = "
                                   "'N' and table_owner = 'SYSTEM' and status = 'VALID'"),
                     1);
    assert_int_equal(wi_count(dba, "select count(*) from user_ind_columns where index_name = "
                                   "'TAB_COLS_IX' and ((column_name = 'SAL' and column_position "
                                   "= 1 and descend = 'ASC') or (column_name = 'ENAME' and "
                                   "column_position = 2 and descend = 'DESC'))"),
                     2);
    assert_int_equal(wi_count(dba, "select count(*) from dba_ind_columns i join dba_indexes x on "
                                   "x.owner = i.index_owner and x.index_name = i.index_name where "
                                   "x.table_name = 'TAB_COLS' and i.column_name = 'EMPNO'"),
                     1);
    /* ALL_ shows another user what it may read, USER_ its own only */
    wi_exec(dba, "create user tabs_user identified by tabs");
    wi_exec(dba, "grant connect to tabs_user");
    wdn_conn *u = wi_connect(&inst, "tabs_user", "tabs");
    assert_int_equal(wi_count(u, "select count(*) from all_tables where table_name = 'TAB_COLS'"),
                     0);
    wi_exec(dba, "grant select on tab_cols to tabs_user");
    assert_int_equal(wi_count(u, "select count(*) from all_tab_columns where table_name = "
                                 "'TAB_COLS' and owner = 'SYSTEM'"),
                     7);
    assert_int_equal(wi_count(u, "select count(*) from user_tables"), 0);
    wdn_close(u);
    wi_exec(dba, "drop user tabs_user cascade");
    assert_int_equal(wi_count(dba, "select count(*) from dba_roles where role in ('CONNECT', "
                                   "'RESOURCE', 'DBA', 'SELECT_CATALOG_ROLE') and "
                                   "password_required = 'NO'"),
                     4);
    wi_exec(dba, "drop table tab_cols");
    wdn_close(dba);
}

/*
 * DBMS_APPLICATION_INFO.SET_SESSION_LONGOPS: the row it starts (NOHINT) is
 * updated by the next calls with the tokens it gave back; a new NOHINT
 * starts another.  ELAPSED_SECONDS runs from the first call to the last,
 * TIME_REMAINING scales it by the work left; TARGET names the object whose
 * number was given; MESSAGE sums it up.
 */
static void test_session_longops(void **state)
{
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    wdn_conn *app = wi_connect(&inst, "system", WI_PASSWORD);
    int sid = sid_of(app);
    wi_exec(app, "create table load_target (n number)");
    wi_exec(app, "declare\n"
                 "  r binary_integer := dbms_application_info.set_session_longops_nohint;\n"
                 "  s binary_integer;\n"
                 "  obj number;\n"
                 "begin\n"
                 "  select object_id into obj from user_objects where object_name = 'LOAD_TARGET';\n"
                 "  dbms_application_info.set_session_longops(r, s, 'Batch Load', obj, 7, 0, 10,\n"
                 "                                            'table', 'rows');\n"
                 "  dbms_lock.sleep(2.2);\n"
                 "  dbms_application_info.set_session_longops(r, s, 'Batch Load', obj, 7, 5, 10,\n"
                 "                                            'table', 'rows');\n"
                 "  r := dbms_application_info.set_session_longops_nohint;\n"
                 "  dbms_application_info.set_session_longops(r, s, op_name => 'Second', sofar => 1);\n"
                 "end;");
    assert_int_equal(wi_countf(dba, "select count(*) from v$session_longops where sid = %d", sid), 2);
    char *row = wi_scalarf(dba,
                           "select opname || '|' || target || '|' || target_desc || '|' || sofar "
                           "|| '|' || totalwork || '|' || units || '|' || context || '|' || "
                           "username || '|' || message from v$session_longops where sid = %d "
                           "and opname = 'Batch Load'",
                           sid);
    assert_string_equal(row, "Batch Load|SYSTEM.LOAD_TARGET|table|5|10|rows|7|SYSTEM|"
                             "Batch Load: table SYSTEM.LOAD_TARGET: 5 out of 10 rows done");
    free(row);
    long elapsed = wi_countf(dba, "select elapsed_seconds from v$session_longops where sid = %d "
                                  "and opname = 'Batch Load'", sid);
    assert_true(elapsed >= 2 && elapsed <= 4);
    assert_int_equal(wi_countf(dba, "select time_remaining from v$session_longops where sid = %d "
                                    "and opname = 'Batch Load'", sid),
                     elapsed); /* half done in ELAPSED seconds: as long again */
    assert_int_equal(wi_countf(dba, "select count(*) from v$session_longops where sid = %d and "
                                    "opname = 'Batch Load' and last_update_time >= start_time",
                               sid),
                     1);
    /* the second operation: defaults (no target, 'unknown target'), no estimate without a total */
    row = wi_scalarf(dba, "select target_desc || '|' || nvl(to_char(time_remaining), 'NULL') || "
                          "'|' || message from v$session_longops where sid = %d and opname = "
                          "'Second'",
                     sid);
    assert_string_equal(row, "unknown target|NULL|Second: unknown target : 1 out of 0  done");
    free(row);
    wi_exec(app, "drop table load_target");
    wdn_close(app);
    wdn_close(dba);
}

/* SYS's views behind the V$ synonyms, V_$X and GV_$X, read as V$X and GV$X, with the same
 * privilege (SELECT ANY DICTIONARY): without it they do not exist, unless SELECT on the SYS
 * view was granted (GRANT SELECT ON v_$session), which lets its V$ synonym be read too.  The
 * synonyms themselves take no grants (ORA-02030). */
static void test_v_underscore_views(void **state)
{
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    assert_int_equal(wi_count(dba, "select count(*) from v_$session where sid = "
                                   "sys_context('userenv', 'sid')"),
                     1);
    assert_int_equal(wi_count(dba, "select count(*) from sys.gv_$instance where inst_id = 1"), 1);
    /* an address RAW is its 16 hex digits to RAWTOHEX (the bytes a string spells, otherwise) */
    assert_int_equal(wi_count(dba, "select count(*) from v$session where sid = sys_context("
                                   "'userenv', 'sid') and rawtohex(saddr) = saddr and "
                                   "length(rawtohex(paddr)) = 16 and rawtohex('ab') = '6162'"),
                     1);
    wi_exec(dba, "create user vu_user identified by Vu_user1");
    wi_exec(dba, "grant create session to vu_user");
    wdn_conn *u = wi_connect(&inst, "vu_user", "Vu_user1");
    wi_fail_with(u, "select count(*) from v_$session",
                 "ORA-00942: table or view does not exist");
    wi_fail_with(u, "select count(*) from gv_$session",
                 "ORA-00942: table or view does not exist");
    wi_fail_with(dba, "grant select on v$session to vu_user",
                 "ORA-02030: can only select from fixed tables/views");
    wi_exec(dba, "grant select on v_$session to vu_user");
    assert_true(wi_count(u, "select count(*) from v$session") >= 2); /* a session seeing it */
    assert_true(wi_count(u, "select count(*) from sys.v_$session") >= 2);
    wi_fail_with(u, "select count(*) from v$process", "ORA-00942: table or view does not exist");
    wi_fail_with(u, "select count(*) from gv$session", "ORA-00942: table or view does not exist");
    assert_int_equal(wi_count(dba, "select count(*) from dba_tab_privs where grantee = 'VU_USER' "
                                   "and owner = 'SYS' and table_name = 'V_$SESSION' and "
                                   "privilege = 'SELECT'"),
                     1);
    assert_int_equal(wi_count(dba, "select count(*) from dba_objects where owner = 'SYS' and "
                                   "object_name in ('V_$SESSION', 'GV_$SESSION') and "
                                   "object_type = 'VIEW'"),
                     2);
    wi_exec(dba, "revoke select on sys.v_$session from vu_user");
    wi_fail_with(u, "select count(*) from v$session", "ORA-00942: table or view does not exist");
    wdn_close(u);
    wi_exec(dba, "drop user vu_user cascade");
    wdn_close(dba);
}

/* V$OPEN_CURSOR: the statements a session's client keeps open (a driver's statement cache),
 * each once executed, until the client closes them. */
static void test_open_cursors(void **state)
{
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    wdn_conn *app = wi_connect(&inst, "system", WI_PASSWORD);
    int sid = sid_of(app);
    wdn_stmt *a = wdn_prepare(app, "select balance from acct where id = 1");
    wdn_stmt *b = wdn_prepare(app, "update acct set balance = balance where id = 1");
    wdn_cursor *cur = NULL;
    uint64_t n;
    assert_int_equal(wdn_stmt_execute(a, NULL, 0, &cur, &n), 0);
    wdn_cursor_close(cur);
    assert_int_equal(wdn_stmt_execute(b, NULL, 0, NULL, &n), 0);
    wi_exec(app, "rollback");
    assert_int_equal(wi_countf(dba, "select count(*) from v$open_cursor where sid = %d and "
                                    "cursor_type = 'OPEN' and sql_text in ('select balance from "
                                    "acct where id = 1', 'update acct set balance = balance "
                                    "where id = 1')",
                               sid),
                     2);
    /* joined to V$SQL by address and hash value, as scripts do */
    assert_int_equal(wi_countf(dba, "select count(*) from v$open_cursor o, v$sql q where o.sid = "
                                    "%d and o.address = q.address and o.hash_value = "
                                    "q.hash_value and q.sql_text like 'select balance%%'",
                               sid),
                     1);
    wdn_stmt_close(a);
    wi_exec(app, "commit"); /* the close goes with the next call */
    assert_int_equal(wi_countf(dba, "select count(*) from v$open_cursor where sid = %d and "
                                    "sql_text like 'select balance%%'",
                               sid),
                     0);
    wdn_stmt_close(b);
    wdn_close(app);
    /* a session that is gone has no cursors */
    for (int i = 0; i < 50 && wi_countf(dba, "select count(*) from v$open_cursor where sid = %d",
                                        sid) > 0; i++)
        usleep(100 * 1000);
    assert_int_equal(wi_countf(dba, "select count(*) from v$open_cursor where sid = %d", sid), 0);
    wdn_close(dba);
}

/* Undo per session, as the usual script joins it: V$SESSION.TADDR to V$TRANSACTION.ADDR,
 * XIDUSN to V$ROLLNAME.USN; V$ROLLSTAT counts the segment's transactions; XID is the XID. */
static void test_undo_per_session(void **state)
{
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    wdn_conn *app = wi_connect(&inst, "system", WI_PASSWORD);
    int sid = sid_of(app);
    wi_exec(app, "create table undo_t (n number)");
    wi_exec(app, "insert into undo_t values (1)");
    wi_exec(app, "insert into undo_t values (2)");
    char *row = wi_scalarf(dba, "select r.name || '|' || t.used_urec || '|' || t.xid || '|' || "
                                "t.xidusn || '|' || t.xidslot || '|' || t.xidsqn "
                                "from v$session s, v$transaction t, v$rollname r "
                                "where s.taddr = t.addr and t.xidusn = r.usn and s.sid = %d",
                           sid);
    assert_non_null(row);
    char name[64], xid[32], want[32];
    unsigned urec, usn, slot, sqn;
    assert_int_equal(sscanf(row, "%63[^|]|%u|%31[^|]|%u|%u|%u", name, &urec, xid, &usn, &slot,
                            &sqn),
                     6);
    snprintf(want, sizeof want, "_SYSSMU%u$", usn);
    assert_string_equal(name, want);
    assert_int_equal(urec, 2);
    snprintf(want, sizeof want, "%04X%04X%08X", usn, slot, sqn);
    assert_string_equal(xid, want);
    free(row);
    assert_int_equal(wi_countf(dba, "select count(*) from v$rollstat r, v$transaction t, "
                                    "v$session s where s.taddr = t.addr and s.sid = %d and "
                                    "r.usn = t.xidusn and r.xacts >= 1 and r.status = 'ONLINE'",
                               sid),
                     1);
    assert_int_equal(wi_count(dba, "select count(*) from v$sga where name in ('Fixed Size', "
                                   "'Variable Size') and value > 0"),
                     2);
    assert_int_equal(wi_count(dba, "select count(*) from dba_rollback_segs where segment_name "
                                   "= 'SYSTEM' and status = 'ONLINE'"),
                     1);
    wi_exec(app, "commit");
    assert_int_equal(wi_countf(dba, "select count(*) from v$session s, v$transaction t where "
                                    "s.taddr = t.addr and s.sid = %d",
                               sid),
                     0);
    wi_exec(app, "drop table undo_t");
    wdn_close(app);
    wdn_close(dba);
}

/* V$PROCESS memory columns: PGA_MAX_MEM never below PGA_ALLOC_MEM (nor below an earlier
 * figure), PGA_FREEABLE_MEM part of what is allocated, PGA_USED_MEM too. */
static void test_process_memory(void **state)
{
    wdn_conn *c = wi_connect(&inst, "system", WI_PASSWORD);
    const char *q = "select pga_used_mem || ' ' || pga_alloc_mem || ' ' || pga_freeable_mem || ' ' "
                    "|| pga_max_mem from v$process where spid = '%ld'";
    long used, alloc, freeable, max, first_max = 0;
    for (int round = 0; round < 2; round++) {
        usleep(150 * 1000); /* the figures are published at most 0.1 s apart */
        assert_int_equal(wi_count(c, "select count(*) from dual"), 1);
        char *v = wi_scalarf(c, q, wdn_server_pid(c));
        assert_non_null(v);
        assert_int_equal(sscanf(v, "%ld %ld %ld %ld", &used, &alloc, &freeable, &max), 4);
        free(v);
        assert_true(used > 0 && used <= alloc);
        assert_true(freeable >= 0 && freeable <= alloc);
        assert_true(max >= alloc);
        if (round == 0) first_max = max;
        else assert_true(max >= first_max);
    }
    wdn_close(c);
}

/* A session whose cache is cold reads blocks: 'db file sequential read' (User I/O) is counted
 * in V$SESSION_EVENT and V$SYSTEM_EVENT, never more often than pages were read (physical
 * reads), whether the blocks come from the database file or the WAL. */
static void test_reads_are_io_waits(void **state)
{
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    wi_exec(dba, "create table io_rows as select level n, rpad('x', 500, 'x') pad from dual "
                 "connect by level <= 2000");
    long system_before = system_waits(dba, "db file sequential read");
    wdn_conn *cold = wi_connect(&inst, "system", WI_PASSWORD);
    assert_int_equal(wi_count(cold, "select count(*) from io_rows"), 2000);
    int sid = sid_of(cold);
    long waits = session_event(dba, sid, "db file sequential read", "total_waits");
    assert_true(waits >= 100); /* 2000 rows of 500 bytes: hundreds of blocks */
    assert_true(waits <= stat_of(dba, sid, "physical reads"));
    assert_true(system_waits(dba, "db file sequential read") >= system_before + waits);
    assert_int_equal(wi_count(dba, "select count(*) from v$event_name where name = 'db file "
                                   "sequential read' and parameter1 = 'file#' and parameter2 = "
                                   "'block#' and parameter3 = 'blocks' and wait_class = "
                                   "'User I/O' and wait_class# = 8"),
                     1);
    /* a warm cache reads nothing again */
    assert_int_equal(wi_count(cold, "select count(*) from io_rows"), 2000);
    assert_int_equal(session_event(dba, sid, "db file sequential read", "total_waits"), waits);
    wdn_close(cold);
    wi_exec(dba, "drop table io_rows");
    wdn_close(dba);
}

/*
 * A statement that scans a table for more than six seconds shows as Oracle's 'Table Scan'
 * long operation while it runs (rows scanned so far of the table's rows), and all done when it
 * ends, with its SQL_ID and its start as START_TIME; its ORDER BY then shows as a 'Sort Output'
 * row of its own (the rows the scan fed the sort).  The scan is slow through a function that
 * sleeps 1 ms per row: 7000 rows, 7 s (SQLite looks in every 1000 VM steps: every 140 rows).
 */
static void test_long_statement_is_a_long_operation(void **state)
{
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    wdn_conn *app = wi_connect(&inst, "system", WI_PASSWORD);
    int sid = sid_of(app);
    wi_exec(dba, "create table slow_rows as select level n from dual connect by level <= 7000");
    wi_exec(dba, "create or replace function slow_row(n number) return number is "
                 "begin dbms_lock.sleep(0.001); return n; end;");
    wi_call scan;
    wi_call_start(&scan, app, "select n from slow_rows where slow_row(n) > 0 order by n desc");
    long running_sofar = -1;
    for (int i = 0; i < 200 && running_sofar < 0 && !scan.done_at; i++) {
        char *v = wi_scalarf(dba, "select sofar from v$session_longops where sid = %d and "
                                  "opname = 'Table Scan' and target = 'SYSTEM.SLOW_ROWS' and "
                                  "totalwork = 7000 and units = 'Rows'",
                             sid);
        if (v) running_sofar = atol(v);
        free(v);
        if (running_sofar < 0) usleep(100 * 1000);
    }
    assert_true(running_sofar > 0 && running_sofar <= 7000); /* seen while it ran */
    wi_call_join(&scan);
    assert_int_equal(scan.code, 0);
    assert_int_equal(wi_countf(dba, "select count(*) from v$session_longops l, v$sql q where "
                                    "l.sid = %d and l.sofar = 7000 and l.time_remaining = 0 and "
                                    "l.elapsed_seconds >= 6 and l.message = 'Table Scan:  "
                                    "SYSTEM.SLOW_ROWS: 7000 out of 7000 Rows done' and q.sql_id = "
                                    "l.sql_id and q.sql_text like 'select n from slow_rows%%'",
                               sid),
                     1);
    assert_int_equal(wi_countf(dba, "select count(*) from v$session_longops s, v$session_longops "
                                    "t where s.sid = %d and s.opname = 'Sort Output' and "
                                    "s.sofar = 7000 and s.totalwork = 7000 and s.message = 'Sort "
                                    "Output:  : 7000 out of 7000 Rows done' and t.sid = s.sid and "
                                    "t.opname = 'Table Scan' and s.sql_id = t.sql_id and "
                                    "s.start_time >= t.start_time",
                               sid),
                     1);
    /* a quick statement is no long operation */
    assert_int_equal(wi_count(app, "select count(*) from slow_rows"), 7000);
    assert_int_equal(wi_countf(dba, "select count(*) from v$session_longops where sid = %d and "
                                    "opname = 'Table Scan'",
                               sid),
                     1);
    wi_exec(dba, "drop function slow_row");
    wi_exec(dba, "drop table slow_rows");
    wdn_close(app);
    wdn_close(dba);
}

/* DBA_/USER_CONSTRAINTS and _CONS_COLUMNS: keys, checks, NOT NULLs and foreign keys as written,
 * named or given SYS_C names (a key after its index), a foreign key's referenced key and rule. */
static void test_constraints(void **state)
{
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    wi_exec(dba, "create table c_dept (deptno number(2) constraint pk_c_dept primary key, "
                 "dname varchar2(14) not null, constraint uq_c_dname unique (dname))");
    wi_exec(dba, "create table c_emp (empno number(4) primary key, ename varchar2(10) check "
                 "(ename = upper(ename)), sal number constraint ck_c_sal check (sal > 0), "
                 "deptno number constraint fk_c_dept references c_dept on delete cascade, "
                 "mgr number references c_emp (empno))");
    char *v = wi_scalar(dba, "select listagg(constraint_name || ':' || constraint_type || ':' || "
                             "search_condition || ':' || r_constraint_name || ':' || delete_rule, "
                             "' ') within group (order by constraint_name) from user_constraints "
                             "where table_name = 'C_DEPT' or constraint_name in ('CK_C_SAL', "
                             "'FK_C_DEPT')");
    assert_non_null(v);
    assert_non_null(strstr(v, "CK_C_SAL:C:SAL > 0:: "));
    assert_non_null(strstr(v, "FK_C_DEPT:R::PK_C_DEPT:CASCADE"));
    assert_non_null(strstr(v, "PK_C_DEPT:P:::"));
    assert_non_null(strstr(v, "UQ_C_DNAME:U:::"));
    assert_non_null(strstr(v, ":C:\"DNAME\" IS NOT NULL::"));
    free(v);
    /* an unnamed primary key is named after its index; the self-reference points at it */
    assert_int_equal(wi_count(dba, "select count(*) from user_constraints p, user_indexes i, "
                                   "user_constraints r where p.table_name = 'C_EMP' and "
                                   "p.constraint_type = 'P' and p.generated = 'GENERATED NAME' and "
                                   "i.index_name = p.constraint_name and i.index_name = "
                                   "p.index_name and r.table_name = 'C_EMP' and r.constraint_type "
                                   "= 'R' and r.r_constraint_name = p.constraint_name and "
                                   "r.delete_rule = 'NO ACTION'"),
                     1);
    assert_int_equal(wi_count(dba, "select count(*) from dba_cons_columns where owner = 'SYSTEM' "
                                   "and table_name = 'C_EMP' and constraint_name = 'FK_C_DEPT' and "
                                   "column_name = 'DEPTNO' and position = 1"),
                     1);
    assert_int_equal(wi_count(dba, "select count(*) from user_constraints where table_name = "
                                   "'C_EMP'"),
                     5); /* P, the check, CK_C_SAL, FK_C_DEPT, the self-reference */
    wi_exec(dba, "drop table c_emp");
    wi_exec(dba, "drop table c_dept");
    wdn_close(dba);
}

/*
 * DBA_/ALL_/USER_VIEWS: TEXT is the query as written (case, layout, quotes and
 * a "*" "/" inside a literal kept), TEXT_LENGTH its bytes, READ_ONLY from WITH
 * READ ONLY; the view still works; CREATE OR REPLACE replaces the text, DROP
 * the row; ALL_ follows grants.
 */
static void test_views(void **state)
{
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    const char *query = "select 1 a, 'it''s */ here' b\n  from dual\n  with read only";
    char create[200];
    snprintf(create, sizeof create, "create or replace view v_text (x, \"y(\") as %s", query);
    wi_exec(dba, create);
    char *text = wi_scalar(dba, "select text from user_views where view_name = 'V_TEXT'");
    assert_non_null(text);
    assert_string_equal(text, query);
    free(text);
    assert_int_equal(wi_countf(dba, "select count(*) from dba_views where owner = 'SYSTEM' and "
                                    "view_name = 'V_TEXT' and text_length = %zu and text_vc = "
                                    "text and read_only = 'Y' and editioning_view = 'N'",
                               strlen(query)),
                     1);
    assert_int_equal(wi_count(dba, "select count(*) from v_text where x = 1 and \"y(\" = "
                                   "'it''s */ here'"),
                     1);
    wi_exec(dba, "create or replace view v_text as select Dummy from Dual");
    assert_int_equal(wi_count(dba, "select count(*) from user_views where view_name = 'V_TEXT' "
                                   "and text = 'select Dummy from Dual' and read_only = 'N'"),
                     1);
    assert_int_equal(wi_count(dba, "select count(*) from v_text where dummy = 'X'"), 1);
    wi_exec(dba, "create user views_user identified by views");
    wi_exec(dba, "grant connect to views_user");
    wdn_conn *u = wi_connect(&inst, "views_user", "views");
    assert_int_equal(wi_count(u, "select count(*) from all_views where view_name = 'V_TEXT'"), 0);
    wi_exec(dba, "grant select on v_text to views_user");
    assert_int_equal(wi_count(u, "select count(*) from all_views where view_name = 'V_TEXT' "
                                 "and owner = 'SYSTEM'"),
                     1);
    assert_int_equal(wi_count(u, "select count(*) from user_views"), 0);
    wdn_close(u);
    wi_exec(dba, "drop user views_user cascade");
    wi_exec(dba, "drop view v_text");
    assert_int_equal(wi_count(dba, "select count(*) from dba_views where view_name = 'V_TEXT'"),
                     0);
    wdn_close(dba);
}

/* SQL's describe and rows as one text: "NAME type size|...\n" then "v|v|...\n" per row. */
static char *listing(wdn_conn *c, const char *sql)
{
    wdn_cursor *cur = NULL;
    uint64_t n;
    if (wdn_execute(c, sql, NULL, 0, &cur, &n) < 0) fail_msg("%s: %s", sql, wdn_last_error(c)->msg);
    size_t cap = 1 << 16, len = 0;
    char *out = malloc(cap);
    out[0] = 0;
    int ncols = wdn_column_count(cur);
    for (int i = 0; i < ncols; i++) {
        const wdn_column *col = wdn_column_info(cur, i);
        len += (size_t)snprintf(out + len, cap - len, "%s %d %d|", col->name, col->type,
                                col->size);
    }
    for (int guard = 0; wdn_fetch(cur) == 1 && guard < 10000; guard++) {
        out[len++] = '\n';
        for (int i = 0; i < ncols; i++) {
            const char *v = wdn_value(cur, i);
            size_t need = (v ? strlen(v) : 4) + 2;
            if (len + need + 2 > cap) out = realloc(out, cap = cap * 2 + need);
            len += (size_t)snprintf(out + len, cap - len, "%s|", v ? v : "NULL");
        }
    }
    wdn_cursor_close(cur);
    return out;
}

/*
 * A query that only lists a view's columns is served from the view's
 * snapshot without SQLite's rows (vtab.c, the plain scan): it must describe
 * and return exactly what the same view read through SQLite does (WHERE 1 = 1
 * keeps a query off the plain path), also when run again (the view keeps
 * the plan of its last statement).  Views with numbers, text, DATEs, RAW
 * addresses and NULLs, all columns and some in another order, V$ and GV$.
 */
static void test_plain_listing_matches_sqlite(void **state)
{
    static const char *const queries[] = {
        "select * from v$parameter",
        "select * from gv$parameter",
        "select value, name, inst_id from gv$parameter",
        "select * from v$instance",
        "select * from v$event_name",
        "select * from v$statname",
        "select * from dba_users",
        "select addr, pid, username from v$process",
        "select sid, serial#, username, paddr, saddr, logon_time from v$session",
    };
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        char twin[256];
        snprintf(twin, sizeof twin, "%s where 1 = 1", queries[i]);
        /* the second time from the plan the view kept of the first (one EXPLAIN, not two) */
        char *plain = listing(dba, queries[i]), *again = listing(dba, queries[i]);
        char *through = listing(dba, twin);
        if (strcmp(plain, through) != 0) fail_msg("%s differs:\n%s\n---\n%s", queries[i], plain, through);
        if (strcmp(plain, again) != 0) fail_msg("%s again differs:\n%s\n---\n%s", queries[i], plain, again);
        assert_true(strchr(plain, '\n') != NULL); /* some rows */
        free(plain);
        free(again);
        free(through);
    }
    wdn_close(dba);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_client_round_trips_are_counted),
        cmocka_unit_test(test_row_lock_wait_parameters_and_time),
        cmocka_unit_test(test_commit_waits_for_log_file_sync),
        cmocka_unit_test(test_plsql_sleep_is_a_timed_wait),
        cmocka_unit_test(test_event_names),
        cmocka_unit_test(test_statistics_move_with_the_work),
        cmocka_unit_test(test_sql_identity),
        cmocka_unit_test(test_parameters_and_diag_info),
        cmocka_unit_test(test_storage_views),
        cmocka_unit_test(test_tables_and_columns),
        cmocka_unit_test(test_session_longops),
        cmocka_unit_test(test_v_underscore_views),
        cmocka_unit_test(test_open_cursors),
        cmocka_unit_test(test_undo_per_session),
        cmocka_unit_test(test_process_memory),
        cmocka_unit_test(test_reads_are_io_waits),
        cmocka_unit_test(test_long_statement_is_a_long_operation),
        cmocka_unit_test(test_constraints),
        cmocka_unit_test(test_views),
        cmocka_unit_test(test_plain_listing_matches_sqlite),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
