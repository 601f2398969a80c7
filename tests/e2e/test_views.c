/*
 * test_views.c - sessions and processes as a DBA sees them: the article's
 * identification query, SPIDs that are the real server processes, the
 * background processes, ACTIVE/INACTIVE and SQL_IDs, a blocked session
 * pointing at its blocker, V$TRANSACTION.USED_UREC growing, the views'
 * privilege, every view reading whole (each row's cells match its
 * columns, else ORA-00600), and PMON's cleanup after kill -9 of a server
 * process.
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
#include <unistd.h>

#include <cmocka.h>

#include "common/sql_id.h"
#include "harness.h"

static wi inst;

static const char *const article_query =
    "SELECT s.inst_id,\n"
    "       s.sid,\n"
    "       s.serial#,\n"
    "       --s.sql_id,\n"
    "       p.spid,\n"
    "       s.username,\n"
    "       s.program\n"
    "FROM   gv$session s\n"
    "       JOIN gv$process p ON p.addr = s.paddr AND p.inst_id = s.inst_id\n"
    "WHERE  s.type != 'BACKGROUND'";

static int setup(void **state)
{
    wi_start(&inst);
    wdn_conn *sys = wi_connect(&inst, "system", WI_PASSWORD);
    wi_exec(sys, "create user scott identified by tiger");
    wi_exec(sys, "grant connect, resource to scott");
    wi_exec(sys, "create table system.acct (id number primary key, balance number)");
    wi_exec(sys, "insert into acct values (1, 100)");
    wi_exec(sys, "insert into acct values (2, 200)");
    wi_exec(sys, "insert into acct values (3, 300)");
    wi_exec(sys, "commit");
    wdn_close(sys);
    return 0;
}

static int teardown(void **state)
{
    wi_stop(&inst);
    return 0;
}

static void test_article_identification_query(void **state)
{
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    wdn_conn *a = wi_connect(&inst, "scott", "tiger");
    int sid[2], serial[2];
    wdn_session_id(dba, &sid[0], &serial[0]);
    wdn_session_id(a, &sid[1], &serial[1]);
    long spid[2] = {wdn_server_pid(dba), wdn_server_pid(a)};
    wdn_cursor *cur;
    assert_int_equal(wdn_execute(dba, article_query, NULL, 0, &cur, NULL), 0);
    assert_int_equal(wdn_column_count(cur), 6);
    const char *names[] = {"INST_ID", "SID", "SERIAL#", "SPID", "USERNAME", "PROGRAM"};
    for (int i = 0; i < 6; i++)
        assert_string_equal(wdn_column_info(cur, i)->name, names[i]);
    int found = 0, rows = 0;
    while (wdn_fetch(cur) == 1) {
        rows++;
        assert_string_equal(wdn_value(cur, 0), "1");
        int s = atoi(wdn_value(cur, 1));
        for (int k = 0; k < 2; k++) {
            if (s != sid[k]) continue;
            found++;
            assert_int_equal(atoi(wdn_value(cur, 2)), serial[k]);
            assert_int_equal(atol(wdn_value(cur, 3)), spid[k]);
            assert_string_equal(wdn_value(cur, 4), k ? "SCOTT" : "SYSTEM");
            assert_string_equal(wdn_value(cur, 5), "e2e-test");
            /* The SPID is the OS process ps shows as the session's dedicated server. */
            char path[64], cmd[128] = "";
            snprintf(path, sizeof path, "/proc/%ld/cmdline", spid[k]);
            FILE *f = fopen(path, "r");
            assert_non_null(f);
            size_t n = fread(cmd, 1, sizeof cmd - 1, f);
            fclose(f);
            cmd[n] = 0;
            assert_string_equal(cmd, "wardenWARDEN (LOCAL=NO)");
        }
    }
    assert_int_equal(found, 2);
    assert_int_equal(rows, 2); /* user sessions only */
    wdn_cursor_close(cur);
    wdn_close(a);
    wdn_close(dba);
}

static void test_background_processes(void **state)
{
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    static const char *const names[] = {"PMON", "LREG", "SMON", "CKPT"};
    for (int i = 0; i < 4; i++) {
        /* Background sessions hold the lowest SIDs, in start-up order. */
        char *prog = wi_scalarf(dba, "select program from v$session where sid = %d", i + 1);
        char want[128];
        char host[65] = "";
        gethostname(host, sizeof host - 1);
        snprintf(want, sizeof want, "wardend@%s (%s)", host, names[i]);
        assert_string_equal(prog, want);
        free(prog);
        assert_int_equal(wi_countf(dba,
                                   "select count(*) from v$session s join v$process p on p.addr = "
                                   "s.paddr where s.type = 'BACKGROUND' and s.username is null and "
                                   "p.pname = '%s' and p.background = '1' and s.sid = %d",
                                   names[i], i + 1),
                         1);
    }
    char *spid = wi_scalarf(dba, "select spid from v$process where pname = 'PMON'");
    assert_int_equal(atol(spid), inst.pid);
    free(spid);
    char *v = wi_scalarf(dba, "select instance_name || ' ' || status from v$instance");
    assert_string_equal(v, "WARDEN OPEN");
    free(v);
    v = wi_scalarf(dba, "select inst_id || ':' || name from gv$database");
    assert_string_equal(v, "1:WARDEN");
    free(v);
    v = wi_scalarf(dba, "select value from v$parameter where name = 'kill_session_wait'");
    assert_string_equal(v, "60");
    free(v);
    int sid, serial;
    wdn_session_id(dba, &sid, &serial);
    assert_int_equal(wi_countf(dba, "select sid from v$mystat where rownum = 1"), sid);
    assert_int_equal(wi_countf(dba, "select sys_context('USERENV', 'SID') from dual"), sid);
    assert_int_equal(wi_countf(dba, "select userenv('SID') from dual"), sid);
    assert_int_equal(wi_countf(dba, "select count(*) from v$session where sid = userenv('SID') "
                                    "and audsid = sys_context('USERENV', 'SESSIONID')"),
                     1);
    assert_int_equal(wi_fail(dba, "select sys_context('USERENV', 'NOSUCH') from dual", NULL), 2003);
    /* documented parameters Warden has no value for are NULL, not ORA-02003 (node-oracledb's
     * test suite asks for CLOUD_SERVICE and PROXY_USER before anything else) */
    assert_int_equal(wi_count(dba, "select count(*) from dual where "
                                   "sys_context('userenv', 'cloud_service') is null and "
                                   "sys_context('USERENV', 'Proxy_User') is null and "
                                   "sys_context('USERENV', 'CURRENT_SQL') is null"),
                     1);
    assert_int_equal(wi_count(dba, "select count(*) from dba_users where username = user and "
                                   "user_id = sys_context('USERENV', 'SESSION_USERID') and "
                                   "user_id = sys_context('USERENV', 'CURRENT_SCHEMAID')"),
                     1);
    char *slash = wi_scalar(dba, "select sys_context('USERENV', 'PLATFORM_SLASH') || "
                                 "sys_context('USERENV', 'IDENTIFICATION_TYPE') from dual");
    assert_string_equal(slash, "/LOCAL");
    free(slash);
    wdn_close(dba);
}

static void test_status_and_sql_ids(void **state)
{
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    wdn_conn *a = wi_connect(&inst, "scott", "tiger");
    const char *last = "select count(*) from dual";
    assert_int_equal(wi_count(a, last), 1);
    int sid, serial;
    wdn_session_id(a, &sid, &serial);
    char want[SQL_ID_LEN + 1];
    sql_id(last, strlen(last), want);
    char *v =
        wi_scalarf(dba,
                   "select status || ' ' || prev_sql_id || ' ' || nvl(sql_id, '-') || ' ' || event "
                   "|| ' ' || wait_class || ' ' || state from v$session where sid = %d",
                   sid);
    char expect[200];
    snprintf(expect, sizeof expect, "INACTIVE %s - SQL*Net message from client Idle WAITING", want);
    assert_string_equal(v, expect);
    free(v);
    /* The monitoring session sees itself ACTIVE, running this very statement. */
    int dsid, dserial;
    wdn_session_id(dba, &dsid, &dserial);
    char self_sql[256];
    snprintf(self_sql, sizeof self_sql,
             "select status || ' ' || sql_id from v$session where sid = %d", dsid);
    sql_id(self_sql, strlen(self_sql), want);
    v = wi_scalar(dba, self_sql);
    snprintf(expect, sizeof expect, "ACTIVE %s", want);
    assert_string_equal(v, expect);
    free(v);
    sleep(2);
    assert_true(wi_countf(dba, "select last_call_et from v$session where sid = %d", sid) >= 1);
    /* DBMS_APPLICATION_INFO / DBMS_SESSION reach V$SESSION. */
    wi_exec(a, "begin dbms_application_info.set_module('payroll', 'monthly run'); "
               "dbms_application_info.set_client_info('batch 7'); "
               "dbms_session.set_identifier('bob'); end;");
    v = wi_scalarf(
        dba,
        "select module || '|' || action || '|' || client_info || '|' || client_identifier "
        "from v$session where sid = %d",
        sid);
    assert_string_equal(v, "payroll|monthly run|batch 7|bob");
    free(v);
    /* The shared SQL area counts executions per statement. */
    sql_id(last, strlen(last), want);
    long before = wi_countf(dba, "select executions from v$sql where sql_id = '%s'", want);
    assert_int_equal(wi_count(a, last), 1);
    assert_int_equal(wi_countf(dba, "select executions from v$sqlarea where sql_id = '%s'", want),
                     before + 1);
    v = wi_scalarf(
        dba, "select sql_text || '|' || parsing_schema_name from v$sql where sql_id = '%s'", want);
    snprintf(expect, sizeof expect, "%s|SCOTT", last);
    assert_string_equal(v, expect);
    free(v);
    wdn_close(a);
    wdn_close(dba);
}

static void test_blocker_and_transaction(void **state)
{
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    wdn_conn *a = wi_connect(&inst, "system", WI_PASSWORD);
    wdn_conn *b = wi_connect(&inst, "system", WI_PASSWORD);
    int sa, ra, sb, rb;
    wdn_session_id(a, &sa, &ra);
    wdn_session_id(b, &sb, &rb);
    assert_int_equal(
        wi_countf(dba, "select count(*) from v$session where sid = %d and taddr is null", sa), 1);
    wi_exec(a, "update acct set balance = balance + 1 where id = 1");
    assert_int_equal(wi_countf(dba,
                               "select t.used_urec from v$session s join v$transaction t "
                               "on t.addr = s.taddr where s.sid = %d",
                               sa),
                     1);
    wi_exec(a, "update acct set balance = balance + 1 where id in (2, 3)");
    assert_int_equal(wi_countf(dba,
                               "select t.used_urec from v$session s join v$transaction t "
                               "on t.addr = s.taddr where s.sid = %d",
                               sa),
                     3);
    wi_call w;
    wi_call_start(&w, b, "update acct set balance = 0 where id = 1");
    usleep(500000);
    char *v = wi_scalarf(dba,
                         "select status || '|' || event || '|' || wait_class || '|' || "
                         "blocking_session_status || '|' || blocking_instance || '|' || "
                         "blocking_session || '|' || final_blocking_session from v$session "
                         "where sid = %d",
                         sb);
    char want[200];
    snprintf(want, sizeof want, "ACTIVE|enq: TX - row lock contention|Application|VALID|1|%d|%d",
             sa, sa);
    assert_string_equal(v, want);
    free(v);
    assert_int_equal(
        wi_countf(dba, "select count(*) from v$session where blocking_session = %d", sa), 1);
    /* V$LOCK: the holder's TX lock blocks, the waiter requests the same lock. */
    assert_int_equal(wi_countf(dba,
                               "select count(*) from v$lock h join v$lock w on w.id1 = h.id1 and "
                               "w.id2 = h.id2 where h.sid = %d and h.type = 'TX' and h.lmode = 6 "
                               "and h.block = 1 and w.sid = %d and w.request = 6 and w.lmode = 0",
                               sa, sb),
                     1);
    assert_int_equal(wi_countf(dba,
                               "select count(*) from v$session s join v$lock l on l.kaddr = "
                               "s.lockwait where s.sid = %d and l.sid = %d",
                               sb, sb),
                     1);
    assert_int_equal(wdn_commit(a), 0);
    wi_call_join(&w);
    assert_int_equal(w.code, 0);
    assert_int_equal(
        wi_countf(dba, "select count(*) from v$session where sid = %d and taddr is null", sa), 1);
    assert_int_equal(
        wi_countf(dba, "select count(*) from v$session where sid = %d and blocking_session is null",
                  sb),
        1);
    wi_exec(b, "rollback");
    wdn_close(b);
    wdn_close(a);
    wdn_close(dba);
}

static void test_views_need_privilege(void **state)
{
    wdn_conn *a = wi_connect(&inst, "scott", "tiger");
    assert_int_equal(wi_fail(a, "select count(*) from v$session", NULL), 942);
    assert_int_equal(wi_fail(a, "select count(*) from gv$process", NULL), 942);
    wdn_close(a);
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    wi_exec(dba, "grant select_catalog_role to scott");
    wdn_close(dba);
    a = wi_connect(&inst, "scott", "tiger");
    assert_true(wi_count(a, "select count(*) from v$session") >= 5);
    wdn_close(a);
}

/* Every view reads whole, with rows in each: a fill function that built a row with a cell
 * too few or too many would fail the query with ORA-00600 (src/engine/vtab.c). */
static void test_every_view_reads(void **state)
{
    static const char *const dynamic[] = {"SESSION",
                                          "PROCESS",
                                          "TRANSACTION",
                                          "LOCK",
                                          "SQL",
                                          "SQLAREA",
                                          "INSTANCE",
                                          "DATABASE",
                                          "PARAMETER",
                                          "STATNAME",
                                          "SESSTAT",
                                          "MYSTAT",
                                          "SESSION_KILL_HISTORY",
                                          "PWFILE_USERS",
                                          "LOCKED_OBJECT"};
    static const char *const dictionary[] = {"ALL_USERS",      "USER_USERS",      "SESSION_PRIVS",
                                             "SESSION_ROLES",  "USER_ROLE_PRIVS", "USER_SYS_PRIVS",
                                             "DBA_ROLE_PRIVS", "DBA_SYS_PRIVS",   "DBA_USERS",
                                             "DBA_PROFILES",   "DBA_OBJECTS",     "ALL_OBJECTS",
                                             "USER_OBJECTS",   "DBA_BLOCKERS",    "DBA_WAITERS"};
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    wdn_conn *writer = wi_connect(&inst, "system", WI_PASSWORD);
    wdn_conn *killed = wi_connect(&inst, "scott", "tiger");
    int sid, serial;
    wdn_session_id(killed, &sid, &serial);
    assert_int_equal(wi_run(dba, "alter system kill session '%d,%d'", sid, serial), 0);
    wi_exec(writer, "update acct set balance = balance + 1 where id = 1"); /* a transaction */
    for (size_t i = 0; i < sizeof dynamic / sizeof dynamic[0]; i++) {
        assert_int_equal(wi_run(dba, "select * from v$%s", dynamic[i]), 0);
        assert_int_equal(wi_run(dba, "select * from gv$%s", dynamic[i]), 0);
    }
    for (size_t i = 0; i < sizeof dictionary / sizeof dictionary[0]; i++)
        assert_int_equal(wi_run(dba, "select * from %s", dictionary[i]), 0);
    assert_true(wi_count(dba, "select count(*) from v$transaction") >= 1);
    assert_true(wi_count(dba, "select count(*) from v$session_kill_history") >= 1);
    wi_exec(writer, "rollback");
    wdn_close(killed), wdn_close(writer), wdn_close(dba);
}

/*
 * DBA_OBJECTS, ALL_OBJECTS and USER_OBJECTS: every table, view and index has
 * an object number for its life (kept by RENAME, never given again after a
 * DROP), constraint indexes are SYS_Cnnnnnnn, and each user sees what Oracle
 * would show it.
 */
static void test_objects(void **state)
{
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    wi_exec(dba, "create user objuser identified by pw");
    wi_exec(dba, "grant connect, resource to objuser");
    wdn_conn *a = wi_connect(&inst, "objuser", "pw");
    wi_exec(a, "create table obj_t (id number primary key, v varchar2(10))");
    wi_exec(a, "create index obj_t_v on obj_t (v)");
    wi_exec(dba, "create view obj_v as select * from dual");
    long table = wi_count(a, "select object_id from user_objects where object_name = 'OBJ_T'");
    assert_true(table >= 73000);
    assert_int_equal(wi_countf(a,
                               "select count(*) from user_objects where object_type = 'INDEX' "
                               "and generated = 'Y' and object_name = 'SYS_C' || "
                               "lpad(object_id, 7, '0') and object_id > %ld",
                               table),
                     1);
    assert_int_equal(wi_count(a, "select count(*) from user_objects where object_name = 'OBJ_T_V' "
                                 "and object_type = 'INDEX' and generated = 'N' and namespace = 4"),
                     1);
    /* Another user's view is not in USER_ or ALL_OBJECTS; SYS.DUAL is in ALL_OBJECTS. */
    assert_int_equal(wi_count(a, "select count(*) from all_objects where object_name = 'OBJ_V'"), 0);
    assert_int_equal(
        wi_count(a, "select count(*) from all_objects where owner = 'SYS' and object_name = 'DUAL'"),
        1);
    assert_int_equal(wi_fail(a, "select count(*) from dba_objects", NULL), 942);
    assert_int_equal(wi_count(dba, "select count(*) from dba_objects where owner = 'SYSTEM' and "
                                   "object_name = 'OBJ_V' and object_type = 'VIEW' and "
                                   "data_object_id is null and status = 'VALID'"),
                     1);
    /* RENAME keeps the number; DROP ends it, and it is not given again. */
    wi_exec(a, "rename obj_t to obj_t2");
    assert_int_equal(wi_count(a, "select object_id from user_objects where object_name = 'OBJ_T2'"),
                     table);
    wi_exec(a, "drop table obj_t2");
    assert_int_equal(wi_countf(dba, "select count(*) from dba_objects where object_id = %ld", table),
                     0);
    wi_exec(a, "create table obj_t3 (n number)");
    assert_true(wi_count(a, "select object_id from user_objects where object_name = 'OBJ_T3'") >
                table + 2);
    /* The standard join of the lock queries reaches the table by its number. */
    assert_int_equal(wi_count(dba, "select count(*) from dba_objects o, dba_users u "
                                   "where o.owner = u.username and o.object_name = 'OBJ_T3'"),
                     1);
    wi_exec(dba, "drop view obj_v");
    wdn_close(a);
    wi_exec(dba, "drop user objuser cascade");
    assert_int_equal(
        wi_count(dba, "select count(*) from dba_objects where owner = 'OBJUSER'"), 0);
    wdn_close(dba);
}

static void test_kill_9_cleanup(void **state)
{
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    wdn_conn *victim = wi_connect(&inst, "system", WI_PASSWORD);
    wdn_conn *waiter_conn = wi_connect(&inst, "system", WI_PASSWORD);
    wdn_conn *others[20];
    for (int i = 0; i < 20; i++)
        others[i] = wi_connect(&inst, "scott", "tiger");
    int vsid, vserial;
    wdn_session_id(victim, &vsid, &vserial);
    long vspid = wdn_server_pid(victim);
    wi_exec(victim, "update acct set balance = -1 where id = 2");
    wi_call w;
    wi_call_start(&w, waiter_conn, "update acct set balance = 7 where id = 2");
    usleep(300000);
    double killed = wi_now();
    assert_int_equal(kill((pid_t)vspid, SIGKILL), 0);
    wi_call_join(&w);
    assert_int_equal(w.code, 0);
    assert_true(w.done_at - killed < 1.0); /* the waiter proceeds at once */
    double gone = 0;
    for (int i = 0; i < 100; i++) {
        if (wi_countf(dba, "select count(*) from v$session where sid = %d and serial# = %d", vsid,
                      vserial) == 0 &&
            wi_countf(dba, "select count(*) from v$process where spid = '%ld'", vspid) == 0) {
            gone = wi_now();
            break;
        }
        usleep(10000);
    }
    assert_true(gone > 0 && gone - killed < 1.0);
    wi_exec(waiter_conn, "commit");
    assert_int_equal(wi_countf(dba, "select balance from acct where id = 2"),
                     7); /* -1 never committed */
    for (int i = 0; i < 20; i++) {
        assert_int_equal(wi_count(others[i], "select count(*) from dual"), 1);
        wdn_close(others[i]);
    }
    assert_true(wi_alert_contains(&inst, "died with signal 9"));
    wdn_close(waiter_conn);
    wdn_close(victim);
    wdn_close(dba);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_article_identification_query),
        cmocka_unit_test(test_background_processes),
        cmocka_unit_test(test_status_and_sql_ids),
        cmocka_unit_test(test_blocker_and_transaction),
        cmocka_unit_test(test_views_need_privilege),
        cmocka_unit_test(test_every_view_reads),
        cmocka_unit_test(test_objects),
        cmocka_unit_test(test_kill_9_cleanup),
    };
    return cmocka_run_group_tests_name("e2e_views", tests, setup, teardown);
}
