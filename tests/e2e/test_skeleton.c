/*
 * test_skeleton.c - the walking skeleton end to end: a real instance, real
 * sessions over Oracle Net through libwarden.  Users and logon, DDL and DML
 * with binds, Oracle transaction visibility between sessions, statement-
 * level rollback, errors with offsets, persistence across a restart, and
 * bad clients that must not disturb anyone else.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>

#include "harness.h"

static wi inst;

static int setup(void **state)
{
    wi_start(&inst);
    wdn_conn *sys = wi_connect(&inst, "system", WI_PASSWORD);
    wi_exec(sys, "create user scott identified by tiger");
    wi_exec(sys, "grant create session, resource, create view to scott");
    wi_exec(sys, "create user nobody identified by nothing");
    wdn_close(sys);
    return 0;
}

static int teardown(void **state)
{
    wi_stop(&inst);
    return 0;
}

static void test_logon_errors(void **state)
{
    ora_error err;
    assert_null(wdn_connect(inst.connect, "scott", "wrong", NULL, &err));
    assert_int_equal(err.code, 1017);
    assert_string_equal(err.msg, "ORA-01017: invalid username/password; logon denied");
    assert_null(wdn_connect(inst.connect, "nosuchuser", "x", NULL, &err));
    assert_int_equal(err.code, 1017);
    assert_null(wdn_connect(inst.connect, "nobody", "nothing", NULL, &err));
    assert_int_equal(err.code, 1045);
    char other[80];
    snprintf(other, sizeof other, "127.0.0.1:%d/NOSUCH", inst.port);
    assert_null(wdn_connect(other, "scott", "tiger", NULL, &err));
    assert_int_equal(err.code, 12514);
}

static void test_sid_and_serial(void **state)
{
    wdn_conn *a = wi_connect(&inst, "scott", "tiger");
    wdn_conn *b = wi_connect(&inst, "scott", "tiger");
    int sa, ra, sb, rb;
    assert_int_equal(wdn_session_id(a, &sa, &ra), 0);
    assert_int_equal(wdn_session_id(b, &sb, &rb), 0);
    assert_true(sa > 0 && sb > 0 && sa != sb);
    wdn_close(b);
    wdn_conn *c = wi_connect(&inst, "scott", "tiger");
    int sc, rc;
    wdn_session_id(c, &sc, &rc);
    if (sc == sb) assert_int_not_equal(rc, rb); /* a reused slot gets a new SERIAL# */
    wdn_close(c);
    wdn_close(a);
}

static void test_dml_and_visibility(void **state)
{
    wdn_conn *a = wi_connect(&inst, "scott", "tiger");
    wdn_conn *b = wi_connect(&inst, "scott", "tiger");
    wi_exec(a, "create table emp (empno number(4) primary key, ename varchar2(10), "
               "sal number(7,2), hired date)");
    wdn_bind binds[3] = {{.type = WDN_NUMBER, .text = "7369"},
                         {.type = WDN_VARCHAR, .text = "SMITH"},
                         {.type = WDN_NUMBER, .text = "800.5"}};
    uint64_t rows = 0;
    assert_int_equal(wdn_execute(a, "insert into emp (empno, ename, sal) values (:1, :2, :sal)",
                                 binds, 3, NULL, &rows),
                     0);
    assert_int_equal(rows, 1);
    assert_true(wdn_in_transaction(a));
    /* Not visible to another session before COMMIT. */
    assert_int_equal(wi_count(b, "select count(*) from emp"), 0);
    assert_int_equal(wi_count(a, "select count(*) from emp"), 1);
    assert_int_equal(wdn_commit(a), 0);
    assert_false(wdn_in_transaction(a));
    assert_int_equal(wi_count(b, "select count(*) from emp"), 1);
    char *v = wi_scalar(b, "select sal from emp where empno = 7369");
    assert_string_equal(v, "800.5");
    free(v);
    /* Rollback undoes. */
    assert_int_equal(wi_exec(a, "update emp set sal = sal * 2"), 1);
    assert_int_equal(wdn_rollback(a), 0);
    v = wi_scalar(a, "select sal from emp");
    assert_string_equal(v, "800.5");
    free(v);
    wdn_close(b);
    wdn_close(a);
}

static void test_statement_level_rollback(void **state)
{
    wdn_conn *a = wi_connect(&inst, "scott", "tiger");
    wi_exec(a, "create table t1 (id number primary key, name varchar2(20) not null)");
    wi_exec(a, "insert into t1 values (1, 'one')");
    assert_int_equal(wi_fail(a, "insert into t1 values (1, 'dup')", NULL), 1);
    assert_int_equal(wi_fail(a, "insert into t1 values (2, null)", NULL), 1400);
    /* The failed statements rolled back only themselves. */
    assert_true(wdn_in_transaction(a));
    assert_int_equal(wi_count(a, "select count(*) from t1"), 1);
    assert_int_equal(wdn_commit(a), 0);
    wdn_close(a);
}

static void test_ddl_commits(void **state)
{
    wdn_conn *a = wi_connect(&inst, "scott", "tiger");
    wdn_conn *b = wi_connect(&inst, "scott", "tiger");
    wi_exec(a, "create table t2 (id number)");
    wi_exec(a, "insert into t2 values (1)");
    wi_exec(a, "create table t3 (id number)"); /* commits the insert */
    assert_false(wdn_in_transaction(a));
    assert_int_equal(wi_count(b, "select count(*) from t2"), 1);
    wdn_close(b);
    wdn_close(a);
}

static void test_types_roundtrip(void **state)
{
    wdn_conn *a = wi_connect(&inst, "scott", "tiger");
    wi_exec(a, "create table typed (n number, s varchar2(30), d date, ts timestamp(6))");
    wi_exec(a, "insert into typed values (-1234567.89, 'héllo', "
               "to_date('2024-01-31 13:14:15', 'YYYY-MM-DD HH24:MI:SS'), "
               "to_timestamp('2024-01-31 13:14:15.456', 'YYYY-MM-DD HH24:MI:SS.FF'))");
    wi_exec(a, "insert into typed values (null, null, null, null)");
    wi_exec(a, "commit");
    wdn_cursor *cur;
    assert_int_equal(
        wdn_execute(a, "select n, s, d, ts from typed order by n nulls last", NULL, 0, &cur, NULL),
        0);
    assert_int_equal(wdn_column_count(cur), 4);
    assert_string_equal(wdn_column_info(cur, 0)->name, "N");
    assert_int_equal(wdn_column_info(cur, 0)->type, WDN_NUMBER);
    assert_int_equal(wdn_column_info(cur, 1)->type, WDN_VARCHAR);
    assert_int_equal(wdn_column_info(cur, 2)->type, WDN_DATE);
    assert_int_equal(wdn_column_info(cur, 3)->type, WDN_TIMESTAMP);
    assert_int_equal(wdn_fetch(cur), 1);
    assert_string_equal(wdn_value(cur, 0), "-1234567.89");
    assert_string_equal(wdn_value(cur, 1), "héllo");
    assert_string_equal(wdn_value(cur, 2), "2024-01-31 13:14:15");
    assert_string_equal(wdn_value(cur, 3), "2024-01-31 13:14:15.456000");
    assert_int_equal(wdn_fetch(cur), 1);
    for (int i = 0; i < 4; i++)
        assert_null(wdn_value(cur, i));
    assert_int_equal(wdn_fetch(cur), 0);
    wdn_cursor_close(cur);
    char *v = wi_scalar(a, "select 'x' || dummy from dual");
    assert_string_equal(v, "xX");
    free(v);
    v = wi_scalar(a, "select user from dual");
    assert_string_equal(v, "SCOTT");
    free(v);
    wdn_close(a);
}

/* LOB columns describe as BLOB and CLOB; libwarden defines them as LONG RAW and LONG, so their
 * whole values come inline, long values in chunks. */
static void test_lob_columns(void **state)
{
    wdn_conn *a = wi_connect(&inst, "scott", "tiger");
    wi_exec(a, "create table lobs (id number, b blob, c clob, r raw(4))");
    wi_exec(a, "insert into lobs values (1, hextoraw('00ff80'), 'h\xc3\xa9llo', hextoraw('0a'))");
    wi_exec(a, "insert into lobs values (2, null, null, null)");
    char *big = malloc(40001);
    memset(big, 'z', 40000);
    big[40000] = 0;
    wdn_bind bind = {.text = big};
    assert_int_equal(
        wdn_execute(a, "insert into lobs (id, c) values (3, :1)", &bind, 1, NULL, NULL), 0);
    wdn_cursor *cur;
    assert_int_equal(wdn_execute(a, "select b, c, r, hextoraw('0102') x from lobs order by id",
                                 NULL, 0, &cur, NULL),
                     0);
    assert_int_equal(wdn_column_info(cur, 0)->type, WDN_BLOB);
    assert_int_equal(wdn_column_info(cur, 1)->type, WDN_CLOB);
    assert_int_equal(wdn_column_info(cur, 2)->type, WDN_RAW);
    assert_int_equal(wdn_column_info(cur, 3)->type, WDN_RAW);
    assert_int_equal(wdn_fetch(cur), 1);
    assert_string_equal(wdn_value(cur, 0), "00FF80");
    assert_string_equal(wdn_value(cur, 1), "h\xc3\xa9llo");
    assert_string_equal(wdn_value(cur, 2), "0A");
    assert_string_equal(wdn_value(cur, 3), "0102");
    assert_int_equal(wdn_fetch(cur), 1);
    for (int i = 0; i < 3; i++)
        assert_null(wdn_value(cur, i));
    assert_int_equal(wdn_fetch(cur), 1);
    assert_null(wdn_value(cur, 0));
    assert_string_equal(wdn_value(cur, 1), big);
    assert_int_equal(wdn_fetch(cur), 0);
    wdn_cursor_close(cur);
    free(big);
    assert_int_equal(wi_fail(a, "select hextoraw('0g') from dual", NULL), 1465);
    char *v = wi_scalar(a, "select rawtohex(b) from lobs where id = 1");
    assert_string_equal(v, "00FF80");
    free(v);
    wi_exec(a, "rollback");
    wdn_close(a);
}

static void test_many_rows(void **state)
{
    wdn_conn *a = wi_connect(&inst, "scott", "tiger");
    wi_exec(a, "create table big (id number, pad varchar2(100))");
    wi_exec(a, "insert into big with r(i) as (select 1 from dual union all select i + 1 from r "
               "where i < 1000) select i, 'row ' || i from r");
    wdn_cursor *cur;
    assert_int_equal(wdn_execute(a, "select id, pad from big order by id", NULL, 0, &cur, NULL), 0);
    int n = 0, rc;
    while ((rc = wdn_fetch(cur)) == 1) {
        n++;
        assert_int_equal(atoi(wdn_value(cur, 0)), n);
    }
    assert_int_equal(rc, 0);
    assert_int_equal(n, 1000);
    wdn_cursor_close(cur);
    wi_exec(a, "rollback");
    wdn_close(a);
}

static void test_errors_with_offsets(void **state)
{
    wdn_conn *a = wi_connect(&inst, "scott", "tiger");
    int off;
    assert_int_equal(wi_fail(a, "select * from nosuch", &off), 942);
    assert_int_equal(off, 14);
    assert_int_equal(wi_fail(a, "selec * from dual", &off), 900);
    assert_int_equal(off, 0);
    assert_int_equal(wi_fail(a, "select nosuchcol from dual", &off), 904);
    assert_int_equal(off, 7);
    assert_string_equal(wdn_last_error(a)->msg, "ORA-00904: \"NOSUCHCOL\": invalid identifier");
    /* The session still works. */
    assert_int_equal(wi_count(a, "select count(*) from dual"), 1);
    wdn_close(a);
}

static void test_schema_isolation(void **state)
{
    wdn_conn *sys = wi_connect(&inst, "system", WI_PASSWORD);
    wi_exec(sys, "create table secret (x number)");
    wi_exec(sys, "create user adams identified by pw1");
    wi_exec(sys, "grant connect to adams");
    wdn_conn *a = wi_connect(&inst, "adams", "pw1");
    assert_int_equal(wi_fail(a, "select * from system.secret", NULL), 942);
    assert_int_equal(wi_fail(a, "select * from scott.emp", NULL), 942);
    /* A DBA sees every schema. */
    assert_true(wi_count(sys, "select count(*) from scott.emp") >= 0);
    wdn_close(a);
    wdn_close(sys);
}

static void test_bad_clients_do_not_disturb(void **state)
{
    wdn_conn *a = wi_connect(&inst, "scott", "tiger");
    /* Garbage instead of a CONNECT packet. */
    for (int i = 0; i < 5; i++) {
        int fd = wi_tcp(&inst);
        assert_true(fd >= 0);
        char junk[300];
        for (size_t k = 0; k < sizeof junk; k++)
            junk[k] = (char)(rand() & 0xFF);
        junk[0] = 0, junk[1] = (char)200, junk[4] = 1;
        ssize_t w = write(fd, junk, sizeof junk);
        (void)w;
        close(fd);
    }
    /* A client that connects and vanishes mid-logon. */
    int fd = wi_tcp(&inst);
    close(fd);
    /* A client that disconnects in the middle of a long call. */
    wdn_conn *b = wi_connect(&inst, "scott", "tiger");
    wdn_break(b); /* harmless when idle: the next call answers ORA-01013 */
    assert_int_equal(wi_fail(b, "select 1 from dual", NULL), 1013);
    assert_int_equal(wi_count(b, "select 1 from dual"), 1);
    wdn_close(b);
    assert_int_equal(wi_count(a, "select count(*) from emp"), 1);
    wdn_close(a);
}

static void test_joins_indexes_views(void **state)
{
    wdn_conn *a = wi_connect(&inst, "scott", "tiger");
    wi_exec(a, "create table dept (deptno number(2) primary key, dname varchar2(14))");
    wi_exec(a, "create table staff (id number primary key, name varchar2(10), "
               "deptno number(2) references dept)");
    wi_exec(a, "create index staff_dept_ix on staff (deptno)");
    wi_exec(a, "insert into dept values (10, 'ACCOUNTING')");
    wi_exec(a, "insert into dept values (20, 'RESEARCH')");
    wi_exec(a, "insert into staff values (1, 'KING', 10)");
    wi_exec(a, "insert into staff values (2, 'FORD', 20)");
    wi_exec(a, "insert into staff values (3, 'SCOTT', 20)");
    wi_exec(a, "commit");
    wi_exec(a, "create view dept_size as select d.dname, count(*) n from dept d "
               "join staff s on s.deptno = d.deptno group by d.dname");
    char *v = wi_scalar(a, "select n from dept_size where dname = 'RESEARCH'");
    assert_string_equal(v, "2");
    free(v);
    v = wi_scalar(a, "select staff.name from staff, dept where staff.deptno = dept.deptno "
                     "and dept.dname = 'ACCOUNTING'");
    assert_string_equal(v, "KING");
    free(v);
    assert_int_equal(wi_count(a, "select count(*) from scott.staff s left join dept d "
                                 "on d.deptno = s.deptno where d.deptno is not null"),
                     3);
    /* A foreign key violation is Oracle's ORA-02291. */
    assert_int_equal(wi_fail(a, "insert into staff values (4, 'X', 99)", NULL), 2291);
    wi_exec(a, "rollback");
    /* Without the privileges for it, a user cannot administer users or the system. */
    assert_int_equal(wi_fail(a, "create user eve identified by x", NULL), 1031);
    assert_int_equal(wi_fail(a, "alter system kill session '1,1'", NULL), 1031);
    assert_int_equal(wi_fail(a, "grant dba to scott", NULL), 1031);
    wdn_close(a);
}

/* Thousands of statements in one session: finished cursors are closed on the server. */
static void test_many_statements_one_session(void **state)
{
    wdn_conn *a = wi_connect(&inst, "scott", "tiger");
    wi_exec(a, "create table counter (n number)");
    for (int i = 0; i < 1500; i++) {
        char sql[64];
        snprintf(sql, sizeof sql, "insert into counter values (%d)", i);
        wi_exec(a, sql);
        if (i % 3 == 0) assert_int_equal(wi_count(a, "select count(*) from counter"), i + 1);
    }
    wi_exec(a, "commit");
    assert_int_equal(wi_count(a, "select sum(n) from counter"), 1499 * 1500 / 2);
    wdn_close(a);
}

/* A prepared statement is parsed once and run again with new binds, query or DML. */
static void test_prepared_statements(void **state)
{
    wdn_conn *a = wi_connect(&inst, "scott", "tiger");
    wi_exec(a, "create table kv (k number primary key, v varchar2(20))");
    wdn_stmt *ins = wdn_prepare(a, "insert into kv values (:1, :2)");
    for (int i = 1; i <= 400; i++) { /* more than the 300 open cursors a session may have */
        char k[16], v[24];
        snprintf(k, sizeof k, "%d", i);
        snprintf(v, sizeof v, "value %d", i);
        wdn_bind binds[2] = {{.type = WDN_NUMBER, .text = k}, {.type = WDN_VARCHAR, .text = v}};
        uint64_t rows = 0;
        assert_int_equal(wdn_stmt_execute(ins, binds, 2, NULL, &rows), 0);
        assert_int_equal(rows, 1);
    }
    wdn_bind dup[2] = {{.type = WDN_NUMBER, .text = "7"}, {.type = WDN_VARCHAR, .text = "again"}};
    assert_int_equal(wdn_stmt_execute(ins, dup, 2, NULL, NULL), -1);
    assert_int_equal(wdn_last_error(a)->code, 1); /* ORA-00001, and the statement lives on */
    wdn_stmt_close(ins);
    wdn_stmt *sel = wdn_prepare(a, "select v from kv where k = :1");
    static const struct {
        const char *key, *value;
    } cases[] = {{"1", "value 1"}, {"400", "value 400"}, {"401", NULL}, {"7", "value 7"}};
    for (int round = 0; round < 100; round++)
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
            wdn_bind key = {.type = WDN_NUMBER, .text = cases[i].key};
            wdn_cursor *cur = NULL;
            assert_int_equal(wdn_stmt_execute(sel, &key, 1, &cur, NULL), 0);
            assert_non_null(cur);
            assert_int_equal(wdn_fetch(cur), cases[i].value ? 1 : 0);
            if (cases[i].value) assert_string_equal(wdn_value(cur, 0), cases[i].value);
            assert_int_equal(wdn_fetch(cur), 0);
            wdn_cursor_close(cur);
        }
    wdn_stmt_close(sel);
    /* A re-execute's reply leaves the describe out unless it changed: an expression
     * column of no type the translator knows (a bind's) is typed by its first value (NUMBER,
     * then a NULL's VARCHAR2, then NUMBER). */
    wdn_stmt *expr = wdn_prepare(a, "select nullif(:1, 2) as x from dual");
    static const struct {
        const char *key, *value;
        int type;
    } typed[] = {{"1", "1", WDN_NUMBER}, {"1", "1", WDN_NUMBER}, {"2", NULL, WDN_VARCHAR},
                 {"1", "1", WDN_NUMBER}};
    for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++) {
        wdn_bind key = {.type = WDN_NUMBER, .text = typed[i].key};
        wdn_cursor *cur = NULL;
        assert_int_equal(wdn_stmt_execute(expr, &key, 1, &cur, NULL), 0);
        assert_non_null(cur);
        assert_int_equal(wdn_column_info(cur, 0)->type, typed[i].type);
        assert_int_equal(wdn_fetch(cur), 1);
        if (typed[i].value) assert_string_equal(wdn_value(cur, 0), typed[i].value);
        else assert_null(wdn_value(cur, 0));
        wdn_cursor_close(cur);
    }
    wdn_stmt_close(expr);
    wdn_stmt *bad = wdn_prepare(a, "select nosuch from kv");
    for (int i = 0; i < 2; i++) { /* never parsed: each execute reports the error */
        assert_int_equal(wdn_stmt_execute(bad, NULL, 0, NULL, NULL), -1);
        assert_int_equal(wdn_last_error(a)->code, 904);
    }
    wdn_stmt_close(bad);
    assert_int_equal(wi_count(a, "select count(*) from kv"), 400);
    for (int size = 1; size <= 1000; size *= 7) { /* any array size brings every row once */
        wdn_set_arraysize(a, size);
        wdn_cursor *cur = NULL;
        assert_int_equal(wdn_execute(a, "select k from kv order by k", NULL, 0, &cur, NULL), 0);
        int n = 0;
        while (wdn_fetch(cur) == 1) assert_int_equal(atoi(wdn_value(cur, 0)), ++n);
        assert_int_equal(n, 400);
        wdn_cursor_close(cur);
    }
    wi_exec(a, "commit");
    wdn_close(a);
}

/* A PL/SQL block is one call: its changes go when it fails, stay when it succeeds. */
static void test_plsql_block_is_one_call(void **state)
{
    wdn_conn *a = wi_connect(&inst, "scott", "tiger");
    wi_exec(a, "create table audit_log (id number, msg varchar2(40))");
    wi_exec(a, "insert into audit_log values (0, 'before')");
    assert_int_equal(wi_fail(a,
                             "begin insert into audit_log values (1, 'in block'); "
                             "raise_application_error(-20005, 'boom'); end;",
                             NULL),
                     20005);
    assert_string_equal(wdn_last_error(a)->msg, "ORA-20005: boom\nORA-06512: at line 1");
    assert_int_equal(wi_count(a, "select count(*) from audit_log"), 1); /* the earlier row stays */
    /* ... also with a block run by EXECUTE IMMEDIATE inside it (its text led by a comment) */
    assert_int_equal(wi_fail(a,
                             "begin insert into audit_log values (1, 'in block'); "
                             "execute immediate '/* nested */ begin "
                             "insert into audit_log values (5, ''nested''); end;'; "
                             "raise_application_error(-20006, 'late'); end;",
                             NULL),
                     20006);
    assert_int_equal(wi_count(a, "select count(*) from audit_log"), 1);
    /* An unhandled NO_DATA_FOUND is the block's error, not the end of a result set. */
    assert_int_equal(
        wi_fail(a, "declare n number; begin select id into n from audit_log where id < 0; end;",
                NULL),
        1403);
    assert_string_equal(wdn_last_error(a)->msg, "ORA-01403: no data found\nORA-06512: at line 1");
    wi_exec(a, "declare n number := 0; begin for r in (select id from audit_log) loop n := n + 1; "
               "end loop; insert into audit_log values (n, 'counted'); end;");
    assert_int_equal(wi_count(a, "select count(*) from audit_log where msg = 'counted' and id = 1"),
                     1);
    wi_exec(a, "commit");
    wdn_close(a);
}

/* A block's OUT and IN OUT binds come back through wdn_execute_plsql; IN ones stay NULL. */
static void test_plsql_out_binds(void **state)
{
    wdn_conn *a = wi_connect(&inst, "scott", "tiger");
    /* one bind per name, in order of first appearance: :twice, :n, :s, :nothing */
    wdn_bind binds[4] = {{.type = WDN_NUMBER},
                         {.type = WDN_NUMBER, .text = "20"},
                         {.type = WDN_VARCHAR, .text = "ab", .max_size = 100},
                         {.type = WDN_VARCHAR, .max_size = 10}};
    char *out[4];
    assert_int_equal(wdn_execute_plsql(a,
                                       "begin :twice := :n * 2.5; :s := :s || 'cd'; "
                                       ":nothing := null; end;",
                                       binds, 4, out),
                     0);
    assert_string_equal(out[0], "50");
    assert_null(out[1]); /* :n, read only */
    assert_string_equal(out[2], "abcd");
    assert_null(out[3]);
    for (int i = 0; i < 4; i++) free(out[i]);
    /* DBMS_OUTPUT's lines, as wsql's SERVEROUTPUT reads them */
    wi_exec(a, "begin dbms_output.enable(null); dbms_output.put_line('one'); "
               "dbms_output.put_line('two'); end;");
    wdn_bind line[2] = {{.type = WDN_VARCHAR, .max_size = 32767}, {.type = WDN_NUMBER}};
    const char *want[] = {"one", "two"};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(wdn_execute_plsql(a, "begin dbms_output.get_line(:l, :s); end;", line, 2,
                                           out),
                         0);
        assert_string_equal(out[1], i < 2 ? "0" : "1");
        if (i < 2) assert_string_equal(out[0], want[i]);
        free(out[0]);
        free(out[1]);
    }
    assert_int_equal(wdn_execute_plsql(a, "begin :x := 1 / 0; end;", line, 1, out), -1);
    assert_int_equal(wdn_last_error(a)->code, 1476);
    wdn_close(a);
}

static void test_survives_restart(void **state)
{
    wdn_conn *a = wi_connect(&inst, "scott", "tiger");
    wi_exec(a, "create table durable (id number)");
    wi_exec(a, "insert into durable values (42)");
    wi_exec(a, "commit");
    wi_exec(a, "insert into durable values (43)"); /* never committed */
    wi_shutdown(&inst);
    wdn_close(a);
    wi_restart(&inst);
    wdn_conn *b = wi_connect(&inst, "scott", "tiger");
    assert_int_equal(wi_count(b, "select count(*) from durable"), 1);
    assert_int_equal(wi_count(b, "select id from durable"), 42);
    wdn_close(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_logon_errors),
        cmocka_unit_test(test_sid_and_serial),
        cmocka_unit_test(test_dml_and_visibility),
        cmocka_unit_test(test_statement_level_rollback),
        cmocka_unit_test(test_ddl_commits),
        cmocka_unit_test(test_types_roundtrip),
        cmocka_unit_test(test_lob_columns),
        cmocka_unit_test(test_many_rows),
        cmocka_unit_test(test_errors_with_offsets),
        cmocka_unit_test(test_schema_isolation),
        cmocka_unit_test(test_bad_clients_do_not_disturb),
        cmocka_unit_test(test_joins_indexes_views),
        cmocka_unit_test(test_many_statements_one_session),
        cmocka_unit_test(test_prepared_statements),
        cmocka_unit_test(test_plsql_block_is_one_call),
        cmocka_unit_test(test_plsql_out_binds),
        cmocka_unit_test(test_survives_restart),
    };
    return cmocka_run_group_tests_name("e2e_skeleton", tests, setup, teardown);
}
