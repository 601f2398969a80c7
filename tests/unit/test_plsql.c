/*
 * test_plsql.c - unit tests of the PL/SQL interpreter (src/plsql) with a
 * host that really runs SQL: Oracle statements go through sql_translate and
 * an in-memory SQLite database with the Oracle functions registered, so
 * blocks read and change tables as they would in the server.  The host also
 * records what the built-ins asked of it (output lines, session attributes,
 * sleeps) and can interrupt after a number of safe points.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/buf.h"
#include "engine/ora_functions.h"
#include "plsql/plsql.h"
#include "sql/translate.h"

/* ======================= the test host ======================= */

typedef struct test_host {
    sqlite3 *db;
    buf output; /* DBMS_OUTPUT lines, each ended by '\n' */
    char module[80], action[80], client_info[80], client_id[80];
    int app_calls;
    double sleeps[8];
    int nsleeps;
    int sleep_error;      /* ORA code sleep fails with, 0 = none */
    int sleep_interrupts; /* ... as an interrupt: every later safe point fails with it too */
    int interrupted;      /* the code safe points fail with from then on, 0 = none */
    long safe_points;
    long stop_after; /* safe_point fails after this many calls (0 = never) */
    int stop_code;
    int nsql;
    char last_sql[512];
} test_host;

static test_host th;
static struct ora_fn_ctx fn_ctx = {.username = "SCOTT", .schema = "SCOTT"};

static void bind_value(sqlite3_stmt *st, int i, const plsql_value *v)
{
    char *end;
    if (v->kind == PLSQL_NULL || !v->text) {
        sqlite3_bind_null(st, i);
    } else if (v->kind == PLSQL_NUMBER) {
        long long n = strtoll(v->text, &end, 10);
        if (*end == 0)
            sqlite3_bind_int64(st, i, n);
        else
            sqlite3_bind_double(st, i, strtod(v->text, NULL));
    } else {
        sqlite3_bind_text(st, i, v->text, -1, SQLITE_TRANSIENT);
    }
}

static int is_date_column(sqlite3_stmt *st, int col)
{
    const char *decl = sqlite3_column_decltype(st, col);
    int subtype = (int)sqlite3_value_subtype(sqlite3_column_value(st, col));
    return subtype == ORA_SUBTYPE_DATE || subtype == ORA_SUBTYPE_TIMESTAMP ||
           (decl && (strstr(decl, "DATE") || strstr(decl, "TIMESTAMP")));
}

static void column_value(sqlite3_stmt *st, int col, plsql_value *out)
{
    char text[64];
    out->text = NULL;
    switch (sqlite3_column_type(st, col)) {
    case SQLITE_NULL:
        out->kind = PLSQL_NULL;
        return;
    case SQLITE_INTEGER:
        snprintf(text, sizeof text, "%lld", (long long)sqlite3_column_int64(st, col));
        out->kind = PLSQL_NUMBER;
        out->text = xstrdup(text);
        return;
    case SQLITE_FLOAT:
        snprintf(text, sizeof text, "%.15g", sqlite3_column_double(st, col));
        out->kind = PLSQL_NUMBER;
        out->text = xstrdup(text);
        return;
    default:
        out->kind = is_date_column(st, col) ? PLSQL_DATE : PLSQL_TEXT;
        out->text = xstrdup((const char *)sqlite3_column_text(st, col));
    }
}

static void add_row(sqlite3_stmt *st, plsql_rows *rows, int *cap)
{
    if (rows->nrows == *cap) {
        *cap = *cap ? *cap * 2 : 8;
        rows->values = xrealloc(rows->values, sizeof *rows->values * (size_t)(*cap * rows->ncols));
    }
    for (int c = 0; c < rows->ncols; c++)
        column_value(st, c, &rows->values[rows->nrows * rows->ncols + c]);
    rows->nrows++;
}

static void describe(sqlite3_stmt *st, plsql_rows *rows)
{
    rows->ncols = sqlite3_column_count(st);
    rows->names = xcalloc((size_t)(rows->ncols ? rows->ncols : 1), sizeof *rows->names);
    for (int c = 0; c < rows->ncols; c++)
        rows->names[c] = xstrdup(sqlite3_column_name(st, c));
}

/* Oracle starts a transaction with the first change; SQLite needs BEGIN. */
static void begin_transaction(void)
{
    if (sqlite3_get_autocommit(th.db)) sqlite3_exec(th.db, "BEGIN", NULL, NULL, NULL);
}

static void end_transaction(const char *how)
{
    if (!sqlite3_get_autocommit(th.db)) sqlite3_exec(th.db, how, NULL, NULL, NULL);
}

static int run_translated(const sql_stmt *st, const char *sql, const plsql_value *binds, int nbinds,
                          int max_rows, plsql_rows *rows, uint64_t *affected, ora_error *err)
{
    sqlite3_stmt *stmt;
    const sql_sqlite_text *text = sql_stmt_sqlite_text(st);
    int rc = sqlite3_prepare_v2(th.db, text->sql, -1, &stmt, NULL), cap = 0;
    if (rc != SQLITE_OK) {
        sql_map_sqlite_error(st, sql, rc, sqlite3_errmsg(th.db), sqlite3_error_offset(th.db), err);
        return -1;
    }
    for (int i = 0; i < nbinds && i < text->nbinds; i++)
        bind_value(stmt, i + 1, &binds[i]);
    if (st->kind == SQLK_QUERY) describe(stmt, rows);
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        if (st->kind == SQLK_QUERY && (max_rows <= 0 || rows->nrows < max_rows))
            add_row(stmt, rows, &cap);
        else if (st->kind == SQLK_QUERY)
            break;
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        sql_map_sqlite_error(st, sql, rc, sqlite3_errmsg(th.db), -1, err);
        sqlite3_finalize(stmt);
        return -1;
    }
    *affected = st->kind == SQLK_DML ? (uint64_t)sqlite3_changes(th.db) : 0;
    sqlite3_finalize(stmt);
    return 0;
}

static int host_exec_sql(void *arg, const char *sql, const plsql_value *binds, int nbinds,
                         int max_rows, plsql_rows *rows, uint64_t *affected, ora_error *err)
{
    sql_ctx ctx = {.schema = "SCOTT"};
    sql_stmt st;
    th.nsql++;
    snprintf(th.last_sql, sizeof th.last_sql, "%s", sql);
    if (sql_translate(sql, &ctx, &st, err) < 0) return -1;
    int rc = 0;
    if (st.kind == SQLK_COMMIT)
        end_transaction("COMMIT");
    else if (st.kind == SQLK_ROLLBACK)
        end_transaction("ROLLBACK");
    else if (st.kind == SQLK_QUERY || st.kind == SQLK_DML || st.kind == SQLK_DDL) {
        if (st.kind == SQLK_DML) begin_transaction();
        if (st.kind == SQLK_DDL) end_transaction("COMMIT");
        rc = run_translated(&st, sql, binds, nbinds, max_rows, rows, affected, err);
    } else {
        rc = ora_set(err, ORA_UNIMPLEMENTED, 0);
    }
    sql_stmt_free(&st);
    return rc;
}

static int host_sleep(void *arg, double seconds, ora_error *err)
{
    if (th.nsleeps < 8) th.sleeps[th.nsleeps++] = seconds;
    if (th.sleep_error && th.sleep_interrupts) th.interrupted = th.sleep_error;
    if (th.sleep_error) return ora_set(err, th.sleep_error, 0);
    return 0;
}

static int host_safe_point(void *arg, ora_error *err)
{
    if (th.interrupted) return ora_set(err, th.interrupted, 0);
    if (th.stop_after && ++th.safe_points > th.stop_after) return ora_set(err, th.stop_code, 0);
    return 0;
}

static void host_set_app_info(void *arg, enum plsql_app_attr which, const char *value)
{
    char *dest[] = {th.module, th.action, th.client_info, th.client_id};
    snprintf(dest[which], sizeof th.module, "%s", value);
    th.app_calls++;
}

static void host_put_line(void *arg, const char *line)
{
    buf_puts(&th.output, line);
    buf_putc(&th.output, '\n');
}

static const plsql_host host = {
    .exec_sql = host_exec_sql,
    .sleep = host_sleep,
    .safe_point = host_safe_point,
    .set_app_info = host_set_app_info,
    .put_line = host_put_line,
};

/* Run Oracle SQL directly (setup and checks). */
static void sql(const char *text)
{
    plsql_rows rows = {0};
    uint64_t affected;
    ora_error err;
    if (host_exec_sql(NULL, text, NULL, 0, 0, &rows, &affected, &err) < 0)
        fail_msg("%s\n  -> %s", text, err.msg);
    plsql_rows_free(&rows);
}

/* The one value a query returns, as text ("NULL" for NULL). */
static const char *sql_value(const char *text)
{
    static char value[256];
    plsql_rows rows = {0};
    uint64_t affected;
    ora_error err;
    if (host_exec_sql(NULL, text, NULL, 0, 0, &rows, &affected, &err) < 0)
        fail_msg("%s\n  -> %s", text, err.msg);
    assert_true(rows.nrows >= 1);
    snprintf(value, sizeof value, "%s", rows.values[0].text ? rows.values[0].text : "NULL");
    plsql_rows_free(&rows);
    return value;
}

static int setup(void **state)
{
    memset(&th, 0, sizeof th);
    buf_init(&th.output);
    if (sqlite3_open(":memory:", &th.db) != SQLITE_OK) return -1;
    sqlite3_db_config(th.db, SQLITE_DBCONFIG_DQS_DML, 0, (int *)NULL);
    sqlite3_db_config(th.db, SQLITE_DBCONFIG_DQS_DDL, 0, (int *)NULL);
    if (ora_functions_register(th.db, &fn_ctx) != SQLITE_OK) return -1;
    sqlite3_exec(th.db, "CREATE TABLE DUAL (DUMMY VARCHAR2(1)); INSERT INTO DUAL VALUES ('X')",
                 NULL, NULL, NULL); /* as the engine's catalog has it */
    sql("CREATE TABLE emp (empno NUMBER(4) PRIMARY KEY, ename VARCHAR2(10), sal NUMBER(7,2), "
        "deptno NUMBER(2), hiredate DATE)");
    sql("INSERT INTO emp VALUES (7369, 'SMITH', 800, 20, DATE '1980-12-17')");
    sql("INSERT INTO emp VALUES (7499, 'ALLEN', 1600, 30, DATE '1981-02-20')");
    sql("INSERT INTO emp VALUES (7521, 'WARD', 1250, 30, DATE '1981-02-22')");
    sql("INSERT INTO emp VALUES (7839, 'KING', 5000, 10, DATE '1981-11-17')");
    sql("CREATE TABLE log (id NUMBER, msg VARCHAR2(100))");
    sql("COMMIT");
    return 0;
}

static int teardown(void **state)
{
    sqlite3_close(th.db);
    buf_free(&th.output);
    return 0;
}

/* ======================= helpers ======================= */

static ora_error last_err;

static int run(const char *block)
{
    buf_reset(&th.output);
    return plsql_run(block, &host, &last_err);
}

static void expect_ok(const char *block)
{
    if (run(block) != 0) fail_msg("%s\n  -> %s", block, last_err.msg);
}

static void expect_output(const char *block, const char *want)
{
    expect_ok(block);
    const char *got = buf_cstr(&th.output);
    if (strcmp(got, want) != 0) fail_msg("%s\n  got:  [%s]\n  want: [%s]", block, got, want);
}

/* Where a compile error's "line L, column C" is in BLOCK, in characters (ASCII blocks). */
static int compile_error_offset(const char *block, const char *msg)
{
    int line, col, off = 0;
    if (sscanf(msg, "ORA-06550: line %d, column %d", &line, &col) != 2) return 0;
    for (int l = 1; l < line && block[off]; off++)
        if (block[off] == '\n') l++;
    return off + col - 1;
}

static void expect_error(const char *block, const char *want)
{
    if (run(block) == 0) fail_msg("%s\n  succeeded, want: %s", block, want);
    if (strcmp(last_err.msg, want) != 0)
        fail_msg("%s\n  got:  [%s]\n  want: [%s]", block, last_err.msg, want);
    /* a compile error is placed, as Oracle places it for the client; a run-time one is not */
    assert_int_equal(last_err.offset, compile_error_offset(block, last_err.msg));
}

/* ======================= tests ======================= */

static void test_variables_and_arithmetic(void **state)
{
    expect_output("DECLARE x NUMBER := 10; y NUMBER; BEGIN y := x * 2 + 1; "
                  "DBMS_OUTPUT.PUT_LINE(y); END;",
                  "21\n");
    expect_output("BEGIN DBMS_OUTPUT.PUT_LINE(1/3); DBMS_OUTPUT.PUT_LINE(0.1 + 0.2); "
                  "DBMS_OUTPUT.PUT_LINE(-7/2); DBMS_OUTPUT.PUT_LINE(2**10); "
                  "DBMS_OUTPUT.PUT_LINE(9999999999999999999 + 1); END;",
                  ".3333333333333333333333333333333333333333\n.3\n-3.5\n1024\n"
                  "10000000000000000000\n");
    expect_output("DECLARE s VARCHAR2(20) := 'a'; n NUMBER; BEGIN s := s || 'b' || NULL || 1; "
                  "DBMS_OUTPUT.PUT_LINE(s); DBMS_OUTPUT.PUT_LINE(n + 1); "
                  "IF '' IS NULL THEN DBMS_OUTPUT.PUT_LINE('empty is null'); END IF; "
                  "DBMS_OUTPUT.PUT_LINE(NVL(n, 5) || '/' || LENGTH(s) || '/' || UPPER('x')); END;",
                  "ab1\n\nempty is null\n5/3/X\n");
    expect_output("DECLARE a NUMBER(5,2) := 3.14159; i PLS_INTEGER := 7.6; c CHAR(3) := 'x'; "
                  "b BOOLEAN := TRUE; k CONSTANT NUMBER := 2; BEGIN "
                  "DBMS_OUTPUT.PUT_LINE(a || ' ' || i || ' [' || c || ']'); "
                  "IF b AND NOT (k > 3) THEN DBMS_OUTPUT.PUT_LINE('yes'); END IF; END;",
                  "3.14 8 [x  ]\nyes\n");
    expect_error("DECLARE s VARCHAR2(3); BEGIN\n s := 'abcd'; END;",
                 "ORA-06502: PL/SQL: numeric or value error: character string buffer too small\n"
                 "ORA-06512: at line 2");
    expect_error("DECLARE n NUMBER; BEGIN\n\n n := 'x1' + 1; END;",
                 "ORA-06502: PL/SQL: numeric or value error: character to number conversion "
                 "error\nORA-06512: at line 3");
    expect_error("DECLARE n NUMBER(2); BEGIN n := 123; END;",
                 "ORA-06502: PL/SQL: numeric or value error: number precision too large\n"
                 "ORA-06512: at line 1");
    expect_error("DECLARE n NUMBER; BEGIN\n n := 1/0; END;",
                 "ORA-01476: divisor is equal to zero\nORA-06512: at line 2");
}

static void test_sql_functions_and_dates(void **state)
{
    expect_output("DECLARE d DATE := DATE '2024-01-31'; BEGIN "
                  "DBMS_OUTPUT.PUT_LINE(TO_CHAR(d + 1, 'YYYY-MM-DD')); "
                  "DBMS_OUTPUT.PUT_LINE(d); DBMS_OUTPUT.PUT_LINE(SUBSTR('hello', 2, 3)); "
                  "DBMS_OUTPUT.PUT_LINE(TO_CHAR(1234.5, '9,999.99')); "
                  "DBMS_OUTPUT.PUT_LINE(CASE WHEN d > DATE '2020-01-01' THEN 'later' END); END;",
                  "2024-02-01\n31-JAN-24\nell\n 1,234.50\nlater\n");
    expect_output("BEGIN IF 'abc' LIKE 'a_c' AND 'a%' LIKE 'a\\%' ESCAPE '\\' AND 5 BETWEEN 1 "
                  "AND 9 AND 3 IN (1, 2, 3) AND (4 NOT IN (1, NULL)) IS NULL THEN "
                  "DBMS_OUTPUT.PUT_LINE('ok'); END IF; END;",
                  "ok\n");
    expect_error("DECLARE n NUMBER; BEGIN\n n := TO_NUMBER('abc', '999'); END;",
                 "ORA-06502: PL/SQL: numeric or value error: character to number conversion "
                 "error\nORA-06512: at line 2");
}

static void test_control_flow(void **state)
{
    expect_output(
        "DECLARE n NUMBER := 0; BEGIN "
        "FOR i IN 1..10 LOOP n := n + i; END LOOP; DBMS_OUTPUT.PUT_LINE(n); "
        "FOR i IN REVERSE 1..3 LOOP DBMS_OUTPUT.PUT(i); END LOOP; DBMS_OUTPUT.NEW_LINE; "
        "n := 0; LOOP n := n + 1; EXIT WHEN n >= 5; END LOOP; DBMS_OUTPUT.PUT_LINE(n); "
        "WHILE n > 0 LOOP n := n - 2; END LOOP; DBMS_OUTPUT.PUT_LINE(n); "
        "FOR i IN 1..6 LOOP CONTINUE WHEN MOD(i, 2) = 0; DBMS_OUTPUT.PUT(i); END LOOP; "
        "DBMS_OUTPUT.NEW_LINE; FOR i IN 5..1 LOOP DBMS_OUTPUT.PUT_LINE('never'); END LOOP; "
        "END;",
        "55\n321\n5\n-1\n135\n");
    expect_output("BEGIN <<outer>> FOR i IN 1..3 LOOP FOR j IN 1..3 LOOP "
                  "EXIT outer WHEN i * j = 4; DBMS_OUTPUT.PUT(i || j || ' '); END LOOP; "
                  "END LOOP outer; DBMS_OUTPUT.NEW_LINE; END;",
                  "11 12 13 21 \n");
    expect_output("DECLARE g VARCHAR2(1); BEGIN FOR s IN 1..4 LOOP "
                  "IF s = 1 THEN g := 'A'; ELSIF s = 2 THEN g := 'B'; ELSIF s = 3 THEN g := 'C'; "
                  "ELSE g := 'D'; END IF; DBMS_OUTPUT.PUT(g); "
                  "CASE s WHEN 1 THEN DBMS_OUTPUT.PUT('1'); WHEN 2 THEN NULL; ELSE "
                  "DBMS_OUTPUT.PUT('-'); END CASE; END LOOP; DBMS_OUTPUT.NEW_LINE; END;",
                  "A1BC-D-\n");
    expect_error("DECLARE x NUMBER := 3; BEGIN\n CASE x WHEN 1 THEN NULL; END CASE; END;",
                 "ORA-06592: CASE not found while executing CASE statement\nORA-06512: at line 2");
    expect_output("BEGIN DBMS_OUTPUT.PUT_LINE('a'); RETURN; DBMS_OUTPUT.PUT_LINE('b'); END;",
                  "a\n");
    expect_output("DECLARE x NUMBER := 1; BEGIN DECLARE x NUMBER := 2; BEGIN "
                  "DBMS_OUTPUT.PUT_LINE(x); END; DBMS_OUTPUT.PUT_LINE(x); END;",
                  "2\n1\n");
}

static void test_cursor_for_loop(void **state)
{
    expect_output("DECLARE total NUMBER := 0; n PLS_INTEGER := 0; BEGIN "
                  "FOR r IN (SELECT ename, sal FROM emp WHERE deptno = 30 ORDER BY ename) LOOP "
                  "total := total + r.sal; n := n + 1; DBMS_OUTPUT.PUT_LINE(r.ename); END LOOP; "
                  "DBMS_OUTPUT.PUT_LINE(n || ' rows, ' || total); END;",
                  "ALLEN\nWARD\n2 rows, 2850\n");
    expect_output("DECLARE dept NUMBER := 10; CURSOR c IS SELECT ename FROM emp WHERE deptno = "
                  "dept; BEGIN FOR r IN c LOOP DBMS_OUTPUT.PUT_LINE(r.ename); END LOOP; END;",
                  "KING\n");
    expect_output("DECLARE CURSOR c IS SELECT ename, sal FROM emp ORDER BY empno; "
                  "name VARCHAR2(10); s NUMBER; BEGIN OPEN c; LOOP FETCH c INTO name, s; "
                  "EXIT WHEN c%NOTFOUND; DBMS_OUTPUT.PUT(name || ' '); END LOOP; "
                  "DBMS_OUTPUT.PUT_LINE(c%ROWCOUNT); CLOSE c; "
                  "IF NOT c%ISOPEN THEN DBMS_OUTPUT.PUT_LINE('closed'); END IF; END;",
                  "SMITH ALLEN WARD KING 4\nclosed\n");
    expect_error("BEGIN FOR r IN (SELECT ename FROM emp) LOOP\n"
                 "DBMS_OUTPUT.PUT_LINE(r.nosuch); END LOOP; END;",
                 "ORA-06550: line 2, column 22:\nPLS-00302: component 'NOSUCH' must be declared\n"
                 "ORA-06550: line 2, column 1:\nPL/SQL: Statement ignored");
    expect_error("DECLARE CURSOR c IS SELECT 1 FROM dual; BEGIN OPEN c; OPEN c; END;",
                 "ORA-06511: PL/SQL: cursor already open\nORA-06512: at line 1");
}

static void test_select_into(void **state)
{
    expect_output("DECLARE n VARCHAR2(10); s NUMBER; BEGIN SELECT ename, sal INTO n, s FROM emp "
                  "WHERE empno = 7839; DBMS_OUTPUT.PUT_LINE(n || ':' || s || ':' || SQL%ROWCOUNT); "
                  "END;",
                  "KING:5000:1\n");
    expect_error("DECLARE n VARCHAR2(10); BEGIN\n"
                 "  SELECT ename INTO n FROM emp WHERE empno = 1;\nEND;",
                 "ORA-01403: no data found\nORA-06512: at line 2");
    expect_error("DECLARE n VARCHAR2(10); BEGIN\n\n"
                 "  SELECT ename INTO n FROM emp;\nEND;",
                 "ORA-01422: exact fetch returns more than requested number of rows\n"
                 "ORA-06512: at line 3");
    expect_error("DECLARE n NUMBER; BEGIN SELECT x INTO n FROM nosuch; END;",
                 "ORA-00942: table or view does not exist\nORA-06512: at line 1");
}

static void test_dml_and_commit(void **state)
{
    expect_output("DECLARE v NUMBER := 3; BEGIN FOR i IN 1..v LOOP "
                  "INSERT INTO log (id, msg) VALUES (i, 'row ' || i); END LOOP; "
                  "UPDATE log SET msg = msg || '!' WHERE id >= 2; "
                  "DBMS_OUTPUT.PUT_LINE(SQL%ROWCOUNT); COMMIT; END;",
                  "2\n");
    assert_string_equal(sql_value("SELECT count(*) FROM log"), "3");
    assert_string_equal(sql_value("SELECT msg FROM log WHERE id = 3"), "row 3!");
    expect_ok("DECLARE v_id NUMBER := 2; BEGIN DELETE FROM log WHERE id = v_id; ROLLBACK; END;");
    assert_string_equal(sql_value("SELECT count(*) FROM log"), "3");
    expect_ok("BEGIN DELETE FROM log; COMMIT; END;");
}

/* As in Oracle, a column of the statement's tables wins over a variable of the same name. */
static void test_column_names_win(void **state)
{
    expect_output("DECLARE empno NUMBER := 7369; n NUMBER; BEGIN "
                  "SELECT count(*) INTO n FROM emp WHERE empno = empno; DBMS_OUTPUT.PUT_LINE(n); "
                  "SELECT count(*) INTO n FROM emp e WHERE e.empno = empno; "
                  "DBMS_OUTPUT.PUT_LINE(n); END;",
                  "4\n4\n");
    expect_output("DECLARE sal NUMBER := 1000; v_sal NUMBER := 1000; n NUMBER; BEGIN "
                  "SELECT count(*) INTO n FROM emp WHERE sal > v_sal; DBMS_OUTPUT.PUT_LINE(n); "
                  "UPDATE emp SET sal = sal + 1 WHERE empno = 7369; "
                  "SELECT sal INTO n FROM emp WHERE empno = 7369; DBMS_OUTPUT.PUT_LINE(n); "
                  "ROLLBACK; END;",
                  "3\n801\n");
    expect_output("DECLARE empno NUMBER := 1; ename VARCHAR2(10) := 'NEW'; BEGIN "
                  "INSERT INTO emp (empno, ename) VALUES (empno, ename); "
                  "DBMS_OUTPUT.PUT_LINE(SQL%ROWCOUNT); ROLLBACK; END;",
                  "1\n");
}

static void test_execute_immediate(void **state)
{
    expect_output("DECLARE n NUMBER; name VARCHAR2(10); BEGIN "
                  "EXECUTE IMMEDIATE 'CREATE TABLE dyn (a NUMBER, b VARCHAR2(10))'; "
                  "EXECUTE IMMEDIATE 'INSERT INTO dyn VALUES (:1, :2)' USING 7, 'seven'; "
                  "EXECUTE IMMEDIATE 'SELECT b FROM dyn WHERE a = :x' INTO name USING 7; "
                  "EXECUTE IMMEDIATE 'SELECT count(*) FROM ' || 'dyn' INTO n; "
                  "DBMS_OUTPUT.PUT_LINE(name || ' ' || n); "
                  "EXECUTE IMMEDIATE 'BEGIN DBMS_OUTPUT.PUT_LINE(:1 * 2); END;' USING 21; "
                  "EXECUTE IMMEDIATE 'DROP TABLE dyn'; END;",
                  "seven 1\n42\n");
    expect_error("BEGIN\n EXECUTE IMMEDIATE 'SELECT * FROM nosuch'; END;",
                 "ORA-00942: table or view does not exist\nORA-06512: at line 2");
    expect_error("DECLARE s VARCHAR2(10); BEGIN EXECUTE IMMEDIATE s; END;",
                 "ORA-06535: statement string in EXECUTE IMMEDIATE is NULL or 0 length\n"
                 "ORA-06512: at line 1");
}

static void test_dbms_output(void **state)
{
    expect_output("BEGIN DBMS_OUTPUT.PUT('a'); DBMS_OUTPUT.PUT('b'); DBMS_OUTPUT.NEW_LINE; "
                  "DBMS_OUTPUT.PUT_LINE(NULL); DBMS_OUTPUT.PUT_LINE(a => 'named'); "
                  "DBMS_OUTPUT.DISABLE; DBMS_OUTPUT.PUT_LINE('hidden'); DBMS_OUTPUT.ENABLE(NULL); "
                  "DBMS_OUTPUT.PUT_LINE(TRUNC(2.7)); DBMS_OUTPUT.PUT('never ended'); END;",
                  "ab\n\nnamed\n2\n");
}

static void test_application_info(void **state)
{
    th.app_calls = 0;
    expect_ok("BEGIN DBMS_APPLICATION_INFO.SET_MODULE(module_name => 'payroll', "
              "action_name => 'init'); END;");
    assert_string_equal(th.module, "payroll");
    assert_string_equal(th.action, "init");
    expect_ok("DECLARE a VARCHAR2(20) := 'step ' || 2; BEGIN "
              "DBMS_APPLICATION_INFO.SET_ACTION(a); DBMS_APPLICATION_INFO.SET_CLIENT_INFO('ci'); "
              "DBMS_SESSION.SET_IDENTIFIER('user@host'); END;");
    assert_string_equal(th.action, "step 2");
    assert_string_equal(th.client_info, "ci");
    assert_string_equal(th.client_id, "user@host");
    expect_ok("BEGIN DBMS_APPLICATION_INFO.SET_MODULE('m', NULL); END;");
    assert_string_equal(th.module, "m");
    assert_string_equal(th.action, "");
    expect_ok("BEGIN DBMS_APPLICATION_INFO.SET_MODULE("
              "'a123456789b123456789c123456789d123456789e123456789', 'x'); END;");
    assert_string_equal(th.module, "a123456789b123456789c123456789d123456789e1234567");
    assert_int_equal(th.app_calls, 9);
}

static void test_sleep(void **state)
{
    th.nsleeps = 0;
    expect_ok("DECLARE s NUMBER := 0.25; BEGIN DBMS_LOCK.SLEEP(1.5); DBMS_SESSION.SLEEP(s); "
              "DBMS_LOCK.SLEEP(seconds => 2); END;");
    assert_int_equal(th.nsleeps, 3);
    assert_true(th.sleeps[0] == 1.5 && th.sleeps[1] == 0.25 && th.sleeps[2] == 2.0);
    /* A sleep ended by an interrupt: no handler sees it (a kill, a disconnect). */
    th.sleep_interrupts = 1;
    th.sleep_error = ORA_SESSION_KILLED;
    expect_error("BEGIN DBMS_LOCK.SLEEP(10); EXCEPTION WHEN OTHERS THEN NULL; END;",
                 "ORA-00028: your session has been killed");
    th.interrupted = 0;
    th.sleep_error = ORA_EOF_ON_CHANNEL;
    expect_error("BEGIN DBMS_LOCK.SLEEP(10); EXCEPTION WHEN OTHERS THEN "
                 "DBMS_OUTPUT.PUT_LINE('caught'); END;",
                 "ORA-03113: end-of-file on communication channel");
    assert_string_equal(buf_cstr(&th.output), "");
    th.interrupted = 0;
    /* A sleep failing for another reason, the host not interrupted: an exception. */
    th.sleep_interrupts = 0;
    th.sleep_error = ORA_USER_CANCEL;
    expect_ok("BEGIN DBMS_LOCK.SLEEP(10); EXCEPTION WHEN OTHERS THEN NULL; END;");
    th.sleep_error = 0;
}

static void test_interrupt(void **state)
{
    th.safe_points = 0;
    th.stop_after = 1000;
    th.stop_code = ORA_USER_CANCEL;
    expect_error("BEGIN LOOP NULL; END LOOP; END;",
                 "ORA-01013: user requested cancel of current operation");
    assert_int_equal(th.safe_points, 1001);
    th.safe_points = 0;
    expect_error("BEGIN WHILE TRUE LOOP BEGIN NULL; EXCEPTION WHEN OTHERS THEN NULL; END; "
                 "END LOOP; EXCEPTION WHEN OTHERS THEN DBMS_OUTPUT.PUT_LINE('caught'); END;",
                 "ORA-01013: user requested cancel of current operation");
    assert_string_equal(buf_cstr(&th.output), "");
    th.safe_points = 0;
    th.stop_code = ORA_SESSION_KILLED;
    expect_error("BEGIN FOR r IN (SELECT * FROM emp) LOOP LOOP NULL; END LOOP; END LOOP; END;",
                 "ORA-00028: your session has been killed");
    th.stop_after = 0;
}

static void test_exception_handlers(void **state)
{
    expect_output("DECLARE n NUMBER; BEGIN n := 1 / 0; EXCEPTION WHEN ZERO_DIVIDE THEN "
                  "DBMS_OUTPUT.PUT_LINE('zero ' || SQLCODE || ' ' || SQLERRM); END;",
                  "zero -1476 ORA-01476: divisor is equal to zero\n");
    expect_output("DECLARE n NUMBER; BEGIN SELECT sal INTO n FROM emp WHERE 1 = 0; "
                  "EXCEPTION WHEN TOO_MANY_ROWS THEN NULL; WHEN NO_DATA_FOUND THEN "
                  "DBMS_OUTPUT.PUT_LINE(SQLCODE); END;",
                  "100\n");
    expect_output("DECLARE n NUMBER; BEGIN SELECT sal INTO n FROM emp; "
                  "EXCEPTION WHEN OTHERS THEN DBMS_OUTPUT.PUT_LINE(SQLERRM); END;",
                  "ORA-01422: exact fetch returns more than requested number of rows\n");
    expect_output("DECLARE e EXCEPTION; BEGIN BEGIN RAISE e; EXCEPTION WHEN NO_DATA_FOUND THEN "
                  "NULL; END; EXCEPTION WHEN e THEN DBMS_OUTPUT.PUT_LINE(SQLCODE || ' ' || "
                  "SQLERRM); END;",
                  "1 User-Defined Exception\n");
    expect_output("DECLARE e EXCEPTION; PRAGMA EXCEPTION_INIT(e, -20042); BEGIN "
                  "RAISE_APPLICATION_ERROR(-20042, 'custom'); EXCEPTION WHEN e THEN "
                  "DBMS_OUTPUT.PUT_LINE(SQLERRM); END;",
                  "ORA-20042: custom\n");
    expect_output("BEGIN INSERT INTO emp (empno, ename) VALUES (7839, 'DUP'); EXCEPTION WHEN "
                  "DUP_VAL_ON_INDEX THEN DBMS_OUTPUT.PUT_LINE('dup'); END;",
                  "dup\n");
    expect_output("BEGIN DBMS_OUTPUT.PUT_LINE(SQLCODE || SQLERRM(-1403) || SQLERRM); END;",
                  "0ORA-01403: no data foundORA-0000: normal, successful completion\n");
    expect_error("BEGIN\n BEGIN\n  RAISE NO_DATA_FOUND;\n EXCEPTION WHEN OTHERS THEN\n"
                 "  DBMS_OUTPUT.PUT_LINE('x');\n  RAISE;\n END;\nEND;",
                 "ORA-01403: no data found\nORA-06512: at line 6");
    expect_error("DECLARE e EXCEPTION; BEGIN\n RAISE e; END;",
                 "ORA-06510: PL/SQL: unhandled user-defined exception\nORA-06512: at line 2");
    expect_error("DECLARE n NUMBER := 1/0; BEGIN NULL; EXCEPTION WHEN OTHERS THEN NULL; END;",
                 "ORA-01476: divisor is equal to zero\nORA-06512: at line 1");
}

/* Procedures and functions a block declares: scope, recursion, forward declarations,
 * overloads told apart by their arguments, up-level variables, exceptions crossing them. */
static void test_local_subprograms(void **state)
{
    expect_output("DECLARE\n  total NUMBER := 0;\n"
                  "  PROCEDURE add(n NUMBER) IS BEGIN total := total + n; END;\n"
                  "  FUNCTION fib(n PLS_INTEGER) RETURN NUMBER IS\n"
                  "  BEGIN IF n < 2 THEN RETURN n; END IF; RETURN fib(n - 1) + fib(n - 2); END;\n"
                  "BEGIN\n  add(fib(10)); add(n => 3);\n  DBMS_OUTPUT.PUT_LINE(total);\nEND;",
                  "58\n");
    expect_output("DECLARE\n  FUNCTION show(x NUMBER) RETURN VARCHAR2 IS BEGIN RETURN 'n' || x; END;\n"
                  "  FUNCTION show(x VARCHAR2) RETURN VARCHAR2 IS BEGIN RETURN 's' || x; END;\n"
                  "  FUNCTION show(x NUMBER, y NUMBER) RETURN VARCHAR2 IS BEGIN RETURN x + y; END;\n"
                  "BEGIN DBMS_OUTPUT.PUT_LINE(show(1) || show('a') || show(2, 3)); END;",
                  "n1sa5\n");
    expect_output("DECLARE\n  PROCEDURE ping(n NUMBER);\n"
                  "  PROCEDURE pong(n NUMBER) IS BEGIN IF n > 0 THEN ping(n - 1); END IF; END;\n"
                  "  PROCEDURE ping(n NUMBER) IS BEGIN DBMS_OUTPUT.PUT(n); pong(n); END;\n"
                  "BEGIN ping(3); DBMS_OUTPUT.NEW_LINE; END;",
                  "3210\n");
    expect_output("DECLARE e EXCEPTION;\n  PROCEDURE p IS BEGIN RAISE e; END;\n"
                  "BEGIN p; EXCEPTION WHEN e THEN DBMS_OUTPUT.PUT_LINE('caught'); END;",
                  "caught\n");
    expect_error("DECLARE\n  PROCEDURE p IS\n  BEGIN\n    RAISE NO_DATA_FOUND;\n  END;\n"
                 "BEGIN\n  p;\nEND;",
                 "ORA-01403: no data found\nORA-06512: at line 4\nORA-06512: at line 7");
    expect_error("DECLARE PROCEDURE p; BEGIN p; END;",
                 "ORA-06550: line 1, column 9:\nPLS-00328: A subprogram body must be defined for "
                 "the forward declaration of P.\n"
                 "ORA-06550: line 1, column 9:\nPL/SQL: Item ignored");
    expect_error("DECLARE PROCEDURE p IS BEGIN NULL; END; x NUMBER; BEGIN p; END;",
                 "ORA-06550: line 1, column 41:\nPLS-00103: Encountered the symbol \"X\" when "
                 "expecting one of the following:\n\n   begin end function pragma procedure");
}

static void test_raise_application_error(void **state)
{
    expect_error("BEGIN\n  RAISE_APPLICATION_ERROR(-20001, 'balance too low');\nEND;",
                 "ORA-20001: balance too low\nORA-06512: at line 2");
    expect_error("BEGIN RAISE_APPLICATION_ERROR(-1, 'x'); END;",
                 "ORA-21000: error number argument to raise_application_error of -1 is out of "
                 "range\nORA-06512: at line 1");
    expect_output("BEGIN RAISE_APPLICATION_ERROR(-20999, 'last'); EXCEPTION WHEN OTHERS THEN "
                  "DBMS_OUTPUT.PUT_LINE(SQLCODE); END;",
                  "-20999\n");
}

static void test_compile_errors(void **state)
{
    expect_error("BEGIN\n  x := 1;\nEND;",
                 "ORA-06550: line 2, column 3:\nPLS-00201: identifier 'X' must be declared\n"
                 "ORA-06550: line 2, column 3:\nPL/SQL: Statement ignored");
    expect_error("BEGIN NULL END;",
                 "ORA-06550: line 1, column 12:\nPLS-00103: Encountered the symbol \"END\" when "
                 "expecting one of the following:\n\n   ;");
    expect_error("BEGIN NULL; END",
                 "ORA-06550: line 1, column 16:\nPLS-00103: Encountered the symbol "
                 "\"end-of-file\" when expecting one of the following:\n\n   ;");
    expect_error("DECLARE\n  n NUMBER;\nBEGIN\n  n := foo(1);\nEND;",
                 "ORA-06550: line 4, column 8:\nPLS-00201: identifier 'FOO' must be declared\n"
                 "ORA-06550: line 4, column 3:\nPL/SQL: Statement ignored");
    expect_error("BEGIN DBMS_OUTPUT.PUT_LIN('x'); END;",
                 "ORA-06550: line 1, column 7:\nPLS-00302: component 'PUT_LIN' must be declared\n"
                 "ORA-06550: line 1, column 7:\nPL/SQL: Statement ignored");
    expect_error("BEGIN IF 1 THEN NULL; END IF; END;",
                 "ORA-06550: line 1, column 10:\nPLS-00382: expression is of wrong type\n"
                 "ORA-06550: line 1, column 7:\nPL/SQL: Statement ignored");
    expect_error("DECLARE c CONSTANT NUMBER := 1; BEGIN c := 2; END;",
                 "ORA-06550: line 1, column 39:\nPLS-00363: expression 'C' cannot be used as an "
                 "assignment target\nORA-06550: line 1, column 39:\nPL/SQL: Statement ignored");
    expect_error("BEGIN EXIT; END;",
                 "ORA-06550: line 1, column 7:\nPLS-00376: illegal EXIT/CONTINUE statement; it "
                 "must appear inside a loop\nORA-06550: line 1, column 7:\nPL/SQL: Statement "
                 "ignored");
    expect_error("DECLARE s VARCHAR2; BEGIN NULL; END;",
                 "ORA-06550: line 1, column 19:\nPLS-00215: String length constraints must be "
                 "in range (1 .. 32767)\nORA-06550: line 1, column 9:\nPL/SQL: Item ignored");
    expect_error("BEGIN DBMS_OUTPUT.PUT_LINE('a', 'b'); END;",
                 "ORA-06550: line 1, column 7:\nPLS-00306: wrong number or types of arguments "
                 "in call to 'PUT_LINE'\nORA-06550: line 1, column 7:\nPL/SQL: Statement ignored");
    expect_error("BEGIN SELECT 1 FROM dual; END;",
                 "ORA-06550: line 1, column 7:\nPLS-00428: an INTO clause is expected in this "
                 "SELECT statement\nORA-06550: line 1, column 7:\nPL/SQL: Statement ignored");
    assert_int_equal(run("BEGIN END;"), -1);
    assert_non_null(strstr(last_err.msg, "PLS-00103: Encountered the symbol \"END\""));
}

static void test_binds(void **state)
{
    /* One value per distinct name, in order of first appearance: (:n, :d). */
    plsql_value b[2] = {{.kind = PLSQL_NULL}, {.kind = PLSQL_NUMBER, .text = xstrdup("30")}};
    ora_error err;
    int rc = plsql_run_binds("BEGIN SELECT count(*) INTO :n FROM emp WHERE deptno = :d OR "
                             ":d IS NULL; :n := :n * 10; END;",
                             b, 2, &host, &err);
    if (rc) fail_msg("%s", err.msg);
    assert_int_equal(b[0].kind, PLSQL_NUMBER);
    assert_string_equal(b[0].text, "20");
    free(b[0].text);
    free(b[1].text);
    rc = plsql_run_binds("BEGIN :a := 1; END;", NULL, 0, &host, &err);
    assert_int_equal(rc, -1);
    assert_string_equal(err.msg, "ORA-01008: not all variables bound");
}

static void test_native_functions(void **state)
{
    expect_output("BEGIN DBMS_OUTPUT.PUT_LINE(MOD(-7, 3) || ' ' || MOD(7.5, 2) || ' ' || MOD(5, 0) "
                  "|| ' ' || ROUND(2.5) || ' ' || ROUND(-2.5) || ' ' || ROUND(1234.5678, 2) || ' ' "
                  "|| ROUND(1234.5678, -2) || ' ' || TRUNC(-1.9) || ' ' || TRUNC(1234.5678, 1) || "
                  "' ' || ABS(-3.25) || ' ' || TO_CHAR(TRUNC(DATE '2024-05-17', 'MM'), "
                  "'YYYY-MM-DD') || ' ' || MOD('10', 4) || ' ' || NVL(TO_NUMBER(NULL), -1)); END;",
                  "-1 1.5 5 3 -3 1234.57 1200 -1 1234.5 3.25 2024-05-01 2 -1\n");
    /* PL/SQL's SUBSTR, INSTR and LPAD take PLS_INTEGERs: a fraction rounds (SQL's truncates) */
    expect_output("BEGIN DBMS_OUTPUT.PUT_LINE(SUBSTR('abcdefghi', 1, 9 / 2) || ' ' || "
                  "INSTR('banana', 'a', 2.5) || ' ' || LPAD('x', 2.5, '-')); END;",
                  "abcde 4 --x\n");
}

static void test_types(void **state)
{
    expect_output("DECLARE a NUMBER := 5; b a%TYPE := 7.5; c emp.ename%TYPE; "
                  "t TIMESTAMP := TIMESTAMP '2024-01-01 10:00:00.123'; BEGIN "
                  "SELECT ename INTO c FROM emp WHERE empno = 7369; "
                  "DBMS_OUTPUT.PUT_LINE(b || ' ' || c || ' ' || t); END;",
                  "7.5 SMITH 01-JAN-24 10.00.00.123000 AM\n");
    expect_error("DECLARE x NUMBER NOT NULL := 1; BEGIN\n x := NULL; END;",
                 "ORA-06502: PL/SQL: numeric or value error\nORA-06512: at line 2");
    expect_error("DECLARE i PLS_INTEGER := 2147483647; BEGIN i := i + 1; END;",
                 "ORA-01426: numeric overflow\nORA-06512: at line 1");
    expect_error("DECLARE s VARCHAR2(32767) := 'x'; BEGIN LOOP s := s || s; END LOOP; END;",
                 "ORA-06502: PL/SQL: numeric or value error: character string buffer too small\n"
                 "ORA-06512: at line 1");
    expect_output("DECLARE c CHAR(5) := 'ab'; v VARCHAR2(5 CHAR) := 'ab'; BEGIN "
                  "IF c = v THEN DBMS_OUTPUT.PUT_LINE('eq'); ELSE DBMS_OUTPUT.PUT_LINE('ne'); "
                  "END IF; END;",
                  "ne\n");
}

static void test_nested_dynamic_block(void **state)
{
    expect_error("BEGIN\n EXECUTE IMMEDIATE 'BEGIN RAISE_APPLICATION_ERROR(-20005, ''in''); "
                 "END;'; END;",
                 "ORA-20005: in\nORA-06512: at line 1\nORA-06512: at line 2");
    expect_output("BEGIN EXECUTE IMMEDIATE 'BEGIN RAISE_APPLICATION_ERROR(-20005, ''in''); "
                  "END;'; EXCEPTION WHEN OTHERS THEN DBMS_OUTPUT.PUT_LINE(SQLERRM); END;",
                  "ORA-20005: in\n");
}

/* Input cannot make the interpreter recurse or allocate without bound. */
static void test_limits(void **state)
{
    buf b;
    buf_init(&b);
    buf_puts(&b, "BEGIN DBMS_OUTPUT.PUT_LINE(1");
    for (int i = 0; i < 300; i++)
        buf_puts(&b, "+1");
    buf_puts(&b, "); END;");
    assert_int_equal(run(buf_cstr(&b)), -1);
    assert_non_null(strstr(last_err.msg, "PLS-00123: program too large (expression too deep)"));
    buf_reset(&b);
    for (int i = 0; i < 100; i++)
        buf_puts(&b, "BEGIN ");
    buf_puts(&b, "NULL;");
    for (int i = 0; i < 100; i++)
        buf_puts(&b, " END;");
    assert_int_equal(run(buf_cstr(&b)), -1);
    assert_non_null(strstr(last_err.msg, "PLS-00123: program too large (nesting too deep)"));
    buf_reset(&b);
    buf_puts(&b, "BEGIN DBMS_OUTPUT.PUT_LINE(");
    for (int i = 0; i < 100; i++)
        buf_puts(&b, "(");
    buf_puts(&b, "1");
    for (int i = 0; i < 100; i++)
        buf_puts(&b, ")");
    buf_puts(&b, "); END;");
    assert_int_equal(run(buf_cstr(&b)), -1);
    buf_reset(&b);
    buf_puts(&b, "BEGIN ");
    for (int i = 0; i < 1000; i++)
        buf_puts(&b, "DBMS_OUTPUT.PUT(1); ");
    buf_puts(&b, "DBMS_OUTPUT.NEW_LINE; END;");
    expect_ok(buf_cstr(&b));
    assert_int_equal(th.output.len, 1001);
    buf_free(&b);
}

/* "BEGIN\n DBMS_OUTPUT.PUT_LINE(LENGTH('<N x>')); END;" */
static char *literal_block(size_t n)
{
    buf b;
    buf_init(&b);
    buf_puts(&b, "BEGIN\n DBMS_OUTPUT.PUT_LINE(LENGTH('");
    for (size_t i = 0; i < n; i++)
        buf_putc(&b, 'x');
    buf_puts(&b, "')); END;");
    return (char *)buf_cstr(&b);
}

/* PL/SQL string literals hold up to 32767 bytes (SQL's 4000 does not apply). */
static void test_string_literal_limit(void **state)
{
    char *block = literal_block(32767);
    expect_output(block, "32767\n");
    free(block);
    block = literal_block(32768);
    expect_error(block, "ORA-06550: line 2, column 30:\nPLS-00172: string literal too long");
    free(block);
}

/* Random token soup and random bytes: always an answer, never a crash or a leak. */
static void test_garbage(void **state)
{
    static const char *const words[] = {"BEGIN",
                                        "END",
                                        ";",
                                        "DECLARE",
                                        "x",
                                        "NUMBER",
                                        ":=",
                                        "1",
                                        "'s'",
                                        "(",
                                        ")",
                                        "IF",
                                        "THEN",
                                        "ELSE",
                                        "LOOP",
                                        "EXIT",
                                        "WHEN",
                                        "FOR",
                                        "IN",
                                        "..",
                                        "SELECT",
                                        "INTO",
                                        "FROM",
                                        "dual",
                                        "EXCEPTION",
                                        "OTHERS",
                                        "RAISE",
                                        "NULL",
                                        "+",
                                        "*",
                                        "/",
                                        "||",
                                        ",",
                                        "r",
                                        ".",
                                        "CASE",
                                        "%",
                                        "DBMS_OUTPUT.PUT_LINE",
                                        "WHILE",
                                        "CURSOR",
                                        "IS",
                                        "<<",
                                        ">>",
                                        "EXECUTE",
                                        "IMMEDIATE",
                                        "USING",
                                        "BOOLEAN",
                                        "VARCHAR2(5)",
                                        "=",
                                        "<",
                                        "AND",
                                        "OR",
                                        "NOT",
                                        "SQLERRM",
                                        "SQL%ROWCOUNT",
                                        "OPEN",
                                        "FETCH",
                                        "CLOSE",
                                        "c",
                                        "RETURN",
                                        "e",
                                        "PRAGMA"};
    const int nwords = (int)(sizeof words / sizeof words[0]);
    unsigned seed = 12345;
    th.stop_after = 0;
    for (int round = 0; round < 3000; round++) {
        char text[600];
        int len = 0;
        int n = 2 + (int)((seed = seed * 1103515245 + 12345) >> 16) % 40;
        if (round % 2 == 0) len = snprintf(text, sizeof text, "BEGIN ");
        for (int i = 0; i < n && len < (int)sizeof text - 40; i++) {
            seed = seed * 1103515245 + 12345;
            if (round % 7 == 0)
                text[len++] = (char)(1 + (seed >> 16) % 255);
            else
                len += snprintf(text + len, sizeof text - (size_t)len, "%s ",
                                words[(seed >> 16) % (unsigned)nwords]);
        }
        text[len] = 0;
        th.safe_points = 0;
        th.stop_after = 5000;
        th.stop_code = ORA_USER_CANCEL;
        int rc = run(text);
        if (rc != 0) assert_memory_equal(last_err.msg, "ORA-", 4);
    }
    th.stop_after = 0;
}

/* The cost of one iteration of an empty FOR loop (host safe point included). */
static void test_loop_cost(void **state)
{
    struct timespec t0, t1;
    const long n = 10000000;
    char block[128];
    snprintf(block, sizeof block, "BEGIN FOR i IN 1..%ld LOOP NULL; END LOOP; END;", n);
    th.stop_after = 0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    expect_ok(block);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ns = ((double)(t1.tv_sec - t0.tv_sec) * 1e9 + (double)(t1.tv_nsec - t0.tv_nsec)) / n;
    print_message("FOR loop: %.1f ns per iteration\n", ns);
    assert_true(ns < 1000.0);
}


static void test_collections(void **state)
{
    /* elements, methods, sparse keys in numeric order */
    expect_output("DECLARE TYPE t IS TABLE OF NUMBER INDEX BY PLS_INTEGER; v t; k PLS_INTEGER; "
                  "BEGIN v(10) := 1; v(-5) := 2; v(3) := 3; v(3) := v(3) * 10; "
                  "DBMS_OUTPUT.PUT_LINE(v.COUNT || ' ' || v.FIRST || ' ' || v.LAST || ' ' || "
                  "v.NEXT(3) || ' ' || v.PRIOR(3) || ' ' || v.NEXT(10) || '|' || v.NEXT(0) || "
                  "' ' || v.PRIOR(-100) || '|' || v(3)); "
                  "IF v.EXISTS(10) AND NOT v.EXISTS(11) AND NOT v.EXISTS(NULL) THEN "
                  "DBMS_OUTPUT.PUT_LINE('exists'); END IF; "
                  "k := v.FIRST; WHILE k IS NOT NULL LOOP DBMS_OUTPUT.PUT(k || '=' || v(k) || ' '); "
                  "k := v.NEXT(k); END LOOP; DBMS_OUTPUT.NEW_LINE; END;",
                  "3 -5 10 10 -5 |3 |30\nexists\n-5=2 3=30 10=1 \n");
    /* VARCHAR2 keys in byte order; DELETE forms; FOR 1 .. COUNT */
    expect_output("DECLARE TYPE t IS TABLE OF VARCHAR2(10) INDEX BY VARCHAR2(5); v t; "
                  "TYPE n IS TABLE OF PLS_INTEGER INDEX BY BINARY_INTEGER; m n; BEGIN "
                  "v('b') := 'B'; v('a') := 'A'; v('ab') := 'AB'; v('Z') := 'z'; "
                  "DBMS_OUTPUT.PUT_LINE(v.FIRST || v.NEXT(v.FIRST) || v.NEXT('a') || v.LAST); "
                  "v.DELETE('a'); v.DELETE('zz'); DBMS_OUTPUT.PUT_LINE(v.COUNT); "
                  "FOR i IN 1 .. 10 LOOP m(i) := i * i; END LOOP; m.DELETE(3, 5); m.DELETE(9, 2); "
                  "m.DELETE(NULL); DBMS_OUTPUT.PUT_LINE(m.COUNT || ' ' || m.NEXT(2)); "
                  "m.DELETE; DBMS_OUTPUT.PUT_LINE(m.COUNT || '[' || m.FIRST || ']' || m.LIMIT); "
                  "FOR i IN 1 .. m.COUNT LOOP NULL; END LOOP; END;",
                  "Zaabb\n3\n7 6\n0[]\n");
    /* copies, SELECT INTO and FETCH INTO elements, elements in SQL, %TYPE */
    expect_output("DECLARE TYPE t IS TABLE OF emp.ename%TYPE INDEX BY PLS_INTEGER; a t; b t; "
                  "c a%TYPE; CURSOR cur IS SELECT ename FROM emp ORDER BY empno; i PLS_INTEGER := 0; "
                  "BEGIN SELECT ename INTO a(1) FROM emp WHERE empno = 7369; "
                  "OPEN cur; LOOP i := i + 1; FETCH cur INTO a(i); EXIT WHEN cur%NOTFOUND; END LOOP; "
                  "CLOSE cur; a.DELETE(a.LAST); b := a; a(1) := 'X'; c := b; "
                  "SELECT empno INTO i FROM emp WHERE ename = b(a.COUNT); "
                  "DBMS_OUTPUT.PUT_LINE(a(1) || b(1) || c(1) || ' ' || b.COUNT || ' ' || i); END;",
                  "XSMITHSMITH 3 7521\n");
    /* a table alias named like a collection is the alias in SQL */
    expect_output("DECLARE TYPE t IS TABLE OF NUMBER INDEX BY PLS_INTEGER; e t; n NUMBER; BEGIN "
                  "e(1) := 7839; SELECT e.sal INTO n FROM emp e WHERE e.empno = e(e.COUNT); "
                  "DBMS_OUTPUT.PUT_LINE(n); END;",
                  "5000\n");
    /* errors at run time, as Oracle raises them */
    expect_error("DECLARE TYPE t IS TABLE OF NUMBER INDEX BY PLS_INTEGER; v t; n NUMBER; BEGIN\n"
                 " v(1) := 1;\n n := v(2); END;",
                 "ORA-01403: no data found\nORA-06512: at line 3");
    expect_error("DECLARE TYPE t IS TABLE OF NUMBER INDEX BY PLS_INTEGER; v t; BEGIN\n"
                 " v(NULL) := 1; END;",
                 "ORA-06502: PL/SQL: numeric or value error: NULL index table key value\n"
                 "ORA-06512: at line 2");
    expect_error("DECLARE TYPE t IS TABLE OF VARCHAR2(2) INDEX BY VARCHAR2(2); v t; BEGIN\n"
                 " v('a') := 'abc'; END;",
                 "ORA-06502: PL/SQL: numeric or value error: character string buffer too small\n"
                 "ORA-06512: at line 2");
    expect_output("DECLARE TYPE t IS TABLE OF NUMBER INDEX BY PLS_INTEGER; v t; BEGIN "
                  "DBMS_OUTPUT.PUT_LINE(v(1)); EXCEPTION WHEN NO_DATA_FOUND THEN "
                  "DBMS_OUTPUT.PUT_LINE('caught'); END;",
                  "caught\n");
    /* compile errors */
    expect_error("DECLARE TYPE t IS VARRAY(0) OF NUMBER; BEGIN NULL; END;",
                 "ORA-06550: line 1, column 26:\nPLS-00537: A VARRAY must have a positive limit\n"
                 "ORA-06550: line 1, column 9:\nPL/SQL: Item ignored");
    expect_error("DECLARE TYPE t IS TABLE OF NUMBER INDEX BY NUMBER; BEGIN NULL; END;",
                 "ORA-06550: line 1, column 44:\nPLS-00315: Implementation restriction: "
                 "unsupported table index type\nORA-06550: line 1, column 9:\nPL/SQL: Item ignored");
    expect_error("DECLARE TYPE t IS TABLE OF NUMBER INDEX BY PLS_INTEGER; v t; n NUMBER; BEGIN "
                 "n := v; END;",
                 "ORA-06550: line 1, column 83:\nPLS-00382: expression is of wrong type\n"
                 "ORA-06550: line 1, column 78:\nPL/SQL: Statement ignored");
    expect_error("DECLARE TYPE t IS TABLE OF NUMBER INDEX BY PLS_INTEGER; TYPE u IS TABLE OF "
                 "NUMBER INDEX BY PLS_INTEGER; v t; w u; BEGIN v := w; END;",
                 "ORA-06550: line 1, column 126:\nPLS-00382: expression is of wrong type\n"
                 "ORA-06550: line 1, column 121:\nPL/SQL: Statement ignored");
    expect_error("DECLARE TYPE t IS TABLE OF NUMBER INDEX BY PLS_INTEGER; v t; BEGIN "
                 "v.EXTEND; END;",
                 "ORA-06550: line 1, column 68:\nPLS-00306: wrong number or types of arguments in "
                 "call to 'EXTEND'\nORA-06550: line 1, column 68:\nPL/SQL: Statement ignored");
    expect_error("DECLARE TYPE t IS TABLE OF NUMBER INDEX BY PLS_INTEGER; v t; BEGIN "
                 "SELECT 1 INTO v FROM dual; END;",
                 "ORA-06550: line 1, column 82:\nPLS-00597: expression 'V' in the INTO list is of "
                 "wrong type\nORA-06550: line 1, column 68:\nPL/SQL: Statement ignored");
    expect_error("DECLARE TYPE t IS TABLE OF NUMBER INDEX BY PLS_INTEGER; n NUMBER; BEGIN "
                 "n := t.COUNT; END;",
                 "ORA-06550: line 1, column 78:\nPLS-00330: invalid use of type name or subtype "
                 "name\nORA-06550: line 1, column 73:\nPL/SQL: Statement ignored");
}

static void test_nested_tables_and_varrays(void **state)
{
    /* atomically NULL until made; EXTEND, TRIM, DELETE keep their placeholders; LIMIT */
    expect_output("DECLARE TYPE nt IS TABLE OF NUMBER; TYPE va IS VARRAY(3) OF VARCHAR2(5); "
                  "n nt; v va := va('a', 'b'); BEGIN "
                  "IF n IS NULL AND NOT n.EXISTS(1) THEN DBMS_OUTPUT.PUT_LINE('null'); END IF; "
                  "n := nt(10, 20, 30); n.EXTEND(2); n(5) := 50; n.DELETE(2); "
                  "DBMS_OUTPUT.PUT_LINE(n.COUNT || ' ' || n.FIRST || ' ' || n.LAST || ' ' || "
                  "n.NEXT(1) || ' ' || n.LIMIT || '|' || v.LIMIT || ' ' || v.COUNT); "
                  "n.EXTEND(1, 1); DBMS_OUTPUT.PUT_LINE(n(6)); n.TRIM(2); "
                  "DBMS_OUTPUT.PUT_LINE(n.COUNT || ' ' || n.LAST); "
                  "v.EXTEND; v(3) := 'c'; DBMS_OUTPUT.PUT_LINE(v(1) || v(2) || v(3)); "
                  "n := NULL; IF n IS NULL AND v IS NOT NULL THEN DBMS_OUTPUT.PUT_LINE('again'); "
                  "END IF; v.DELETE; DBMS_OUTPUT.PUT_LINE(v.COUNT); END;",
                  "null\n4 1 5 3 |3 2\n10\n3 4\nabc\nagain\n0\n");
    expect_output("DECLARE TYPE nt IS TABLE OF NUMBER; n nt := nt(1, 2, 3); m nt; "
                  "FUNCTION f(x nt) RETURN nt IS y nt := x; BEGIN y.EXTEND; y(y.LAST) := 9; "
                  "RETURN y; END; BEGIN m := f(n); DBMS_OUTPUT.PUT_LINE(m.COUNT || m(4) || n.COUNT); "
                  "END;",
                  "493\n");
    const char *const errors[][2] = {
        {"DECLARE TYPE nt IS TABLE OF NUMBER; n nt; BEGIN\n n(1) := 1; END;",
         "ORA-06531: Reference to uninitialized collection\nORA-06512: at line 2"},
        {"DECLARE TYPE nt IS TABLE OF NUMBER; n nt := nt(); BEGIN\n n(1) := 1; END;",
         "ORA-06533: Subscript beyond count\nORA-06512: at line 2"},
        {"DECLARE TYPE nt IS TABLE OF NUMBER; n nt := nt(1); BEGIN\n n(0) := 1; END;",
         "ORA-06532: Subscript outside of limit\nORA-06512: at line 2"},
        {"DECLARE TYPE va IS VARRAY(2) OF NUMBER; v va := va(1, 2); BEGIN\n v.EXTEND; END;",
         "ORA-06532: Subscript outside of limit\nORA-06512: at line 2"},
        {"DECLARE TYPE nt IS TABLE OF NUMBER; n nt := nt(1, 2); BEGIN n.DELETE(1);\n"
         " DBMS_OUTPUT.PUT_LINE(n(1)); END;",
         "ORA-01403: no data found\nORA-06512: at line 2"},
        {"DECLARE TYPE nt IS TABLE OF NUMBER; n nt := nt(1); BEGIN\n n.TRIM(2); END;",
         "ORA-06533: Subscript beyond count\nORA-06512: at line 2"},
        {"DECLARE TYPE va IS VARRAY(2) OF NUMBER; v va := va(1, 2); BEGIN v.DELETE(1); END;",
         "ORA-06550: line 1, column 65:\nPLS-00306: wrong number or types of arguments in call "
         "to 'DELETE'\nORA-06550: line 1, column 65:\nPL/SQL: Statement ignored"},
        {"DECLARE TYPE t IS TABLE OF NUMBER INDEX BY PLS_INTEGER; v t; BEGIN v := t(1); END;",
         "ORA-06550: line 1, column 73:\nPLS-00222: no function with name 'T' exists in this "
         "scope\nORA-06550: line 1, column 68:\nPL/SQL: Statement ignored"},
    };
    for (size_t i = 0; i < sizeof errors / sizeof errors[0]; i++)
        expect_error(errors[i][0], errors[i][1]);
    expect_output("DECLARE TYPE nt IS TABLE OF NUMBER; n nt; BEGIN n(1) := 1; "
                  "EXCEPTION WHEN COLLECTION_IS_NULL THEN DBMS_OUTPUT.PUT_LINE('is null'); END;",
                  "is null\n");
}

static void test_collection_binds(void **state)
{
    /* an array bind in (elements 1..n), a count out, a table back out in key order */
    plsql_value *in = xcalloc(3, sizeof *in);
    in[0] = (plsql_value){.kind = PLSQL_NUMBER, .text = xstrdup("7")};
    in[1] = (plsql_value){.kind = PLSQL_NULL, .declared = PLSQL_NUMBER};
    in[2] = (plsql_value){.kind = PLSQL_NUMBER, .text = xstrdup("-2.5")};
    plsql_value b[3] = {{.kind = PLSQL_ARRAY, .declared = PLSQL_NUMBER, .elems = in, .nelems = 3},
                        {.kind = PLSQL_NULL, .declared = PLSQL_NUMBER},
                        {.kind = PLSQL_ARRAY, .declared = PLSQL_NUMBER, .max_elems = 3}};
    ora_error err;
    const char *block = "DECLARE TYPE t IS TABLE OF NUMBER INDEX BY PLS_INTEGER; v t; BEGIN "
                        "v := :a; :n := v.COUNT; v(0) := v(1) + 1; v.DELETE(2); :b := v; END;";
    int rc = plsql_run_binds(block, b, 3, &host, &err);
    if (rc) fail_msg("%s", err.msg);
    assert_string_equal(b[1].text, "3");
    assert_int_equal(b[2].nelems, 3);
    assert_string_equal(b[2].elems[0].text, "8");
    assert_string_equal(b[2].elems[1].text, "7");
    assert_string_equal(b[2].elems[2].text, "-2.5");
    /* more elements than the client takes: ORA-06513 */
    b[2].max_elems = 2;
    rc = plsql_run_binds(block, b, 3, &host, &err);
    assert_int_equal(rc, -1);
    assert_string_equal(err.msg, "ORA-06513: PL/SQL: index for PL/SQL table out of range for "
                                 "host language array\nORA-06512: at line 1");
    /* an array used as a scalar, a scalar as an array, a mismatched element type */
    rc = plsql_run_binds("BEGIN :a := 1; :n := 1; :b := 1; END;", b, 3, &host, &err);
    assert_int_equal(rc, -1);
    assert_string_equal(err.msg, "ORA-06550: line 1, column 7:\nPLS-00418: array bind type must "
                                 "match PL/SQL table row type\nORA-06550: line 1, column 7:\n"
                                 "PL/SQL: Statement ignored");
    rc = plsql_run_binds("DECLARE TYPE t IS TABLE OF VARCHAR2(5) INDEX BY PLS_INTEGER; v t; BEGIN "
                         "v := :a; :n := 1; :b := v; END;",
                         b, 3, &host, &err);
    assert_int_equal(rc, -1);
    assert_string_equal(err.msg, "ORA-06550: line 1, column 78:\nPLS-00418: array bind type must "
                                 "match PL/SQL table row type\nORA-06550: line 1, column 73:\n"
                                 "PL/SQL: Statement ignored");
    plsql_values_free(b, 3);
}

static void test_bulk_collect_and_forall(void **state)
{
    /* SELECT and FETCH ... BULK COLLECT INTO, LIMIT, %NOTFOUND, SQL%ROWCOUNT */
    expect_output("DECLARE TYPE nt IS TABLE OF NUMBER INDEX BY PLS_INTEGER; "
                  "TYPE st IS TABLE OF emp.ename%TYPE INDEX BY BINARY_INTEGER; n nt; s st; "
                  "CURSOR c IS SELECT empno, ename FROM emp ORDER BY empno; k PLS_INTEGER := 0; "
                  "BEGIN n(99) := 1; SELECT empno, ename BULK COLLECT INTO n, s FROM emp "
                  "WHERE deptno = 30 ORDER BY empno; "
                  "DBMS_OUTPUT.PUT_LINE(n.COUNT || ' ' || n(1) || s(2) || ' ' || SQL%ROWCOUNT); "
                  "SELECT empno BULK COLLECT INTO n FROM emp WHERE 1 = 0; "
                  "DBMS_OUTPUT.PUT_LINE(n.COUNT); "
                  "OPEN c; LOOP FETCH c BULK COLLECT INTO n, s LIMIT 3; k := k + 1; "
                  "DBMS_OUTPUT.PUT_LINE(k || ':' || n.COUNT || ' ' || s(n.COUNT) || ' ' || "
                  "c%ROWCOUNT); EXIT WHEN c%NOTFOUND; END LOOP; CLOSE c; END;",
                  "2 7499WARD 2\n0\n1:3 WARD 3\n2:1 KING 4\n");
    /* FORALL over a range, INDICES OF a sparse table, VALUES OF */
    expect_output("DECLARE TYPE nt IS TABLE OF NUMBER INDEX BY PLS_INTEGER; ids nt; which nt; "
                  "n NUMBER; BEGIN ids(1) := 1; ids(2) := 2; ids(5) := 5; "
                  "FORALL i IN 1 .. 2 INSERT INTO log VALUES (ids(i), 'range'); "
                  "DBMS_OUTPUT.PUT_LINE(SQL%ROWCOUNT); "
                  "FORALL i IN INDICES OF ids INSERT INTO log VALUES (ids(i) * 10, 'indices'); "
                  "which(7) := 5; which(8) := 1; "
                  "FORALL j IN VALUES OF which UPDATE log SET msg = 'values' WHERE id = ids(j) * 10; "
                  "DBMS_OUTPUT.PUT_LINE(SQL%ROWCOUNT); "
                  "SELECT COUNT(*) INTO n FROM log WHERE msg = 'values'; DBMS_OUTPUT.PUT_LINE(n); "
                  "ROLLBACK; END;",
                  "2\n2\n2\n");
    /* a subprogram returning a table, and taking one IN OUT */
    expect_output("DECLARE TYPE t IS TABLE OF VARCHAR2(10) INDEX BY PLS_INTEGER; r t; "
                  "FUNCTION names(n PLS_INTEGER) RETURN t IS v t; BEGIN "
                  "FOR i IN 1 .. n LOOP v(i) := 'n' || i; END LOOP; RETURN v; END; "
                  "PROCEDURE twice(v IN OUT t) IS BEGIN v(v.COUNT + 1) := v(1); END; "
                  "FUNCTION more(n PLS_INTEGER) RETURN t IS BEGIN RETURN names(n + 1); END; "
                  "FUNCTION cnt(v t) RETURN PLS_INTEGER IS BEGIN RETURN v.COUNT; END; "
                  "BEGIN r := names(3); twice(r); DBMS_OUTPUT.PUT_LINE(r.COUNT || r(4)); "
                  "r := names(0); DBMS_OUTPUT.PUT_LINE(r.COUNT || cnt(more(4))); END;",
                  "4n1\n05\n");
    expect_error("DECLARE TYPE t IS TABLE OF NUMBER INDEX BY PLS_INTEGER; "
                 "FUNCTION f RETURN t IS BEGIN RETURN 1; END; BEGIN NULL; END;",
                 "ORA-06550: line 1, column 93:\nPLS-00382: expression is of wrong type\n"
                 "ORA-06550: line 1, column 86:\nPL/SQL: Statement ignored");
    expect_error("DECLARE TYPE t IS TABLE OF NUMBER INDEX BY VARCHAR2(5); v t; BEGIN "
                 "SELECT 1 BULK COLLECT INTO v FROM dual; END;",
                 "ORA-06550: line 1, column 95:\nPLS-00657: Implementation restriction: bulk SQL "
                 "with associative arrays with VARCHAR2 key is not supported.\n"
                 "ORA-06550: line 1, column 68:\nPL/SQL: Statement ignored");
    expect_error("DECLARE TYPE t IS TABLE OF NUMBER INDEX BY PLS_INTEGER; v t; BEGIN\n"
                 " SELECT 1, 2 BULK COLLECT INTO v FROM dual; END;",
                 "ORA-00913: too many values\nORA-06512: at line 2");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_variables_and_arithmetic),
        cmocka_unit_test(test_sql_functions_and_dates),
        cmocka_unit_test(test_control_flow),
        cmocka_unit_test(test_cursor_for_loop),
        cmocka_unit_test(test_select_into),
        cmocka_unit_test(test_dml_and_commit),
        cmocka_unit_test(test_column_names_win),
        cmocka_unit_test(test_execute_immediate),
        cmocka_unit_test(test_dbms_output),
        cmocka_unit_test(test_application_info),
        cmocka_unit_test(test_sleep),
        cmocka_unit_test(test_interrupt),
        cmocka_unit_test(test_exception_handlers),
        cmocka_unit_test(test_raise_application_error),
        cmocka_unit_test(test_compile_errors),
        cmocka_unit_test(test_binds),
        cmocka_unit_test(test_native_functions),
        cmocka_unit_test(test_types),
        cmocka_unit_test(test_nested_dynamic_block),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_string_literal_limit),
        cmocka_unit_test(test_garbage),
        cmocka_unit_test(test_loop_cost),
        cmocka_unit_test(test_collections),
        cmocka_unit_test(test_collection_binds),
        cmocka_unit_test(test_nested_tables_and_varrays),
        cmocka_unit_test(test_bulk_collect_and_forall),
        cmocka_unit_test(test_local_subprograms),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
