/*
 * test_translate.c - unit tests of the Oracle-dialect front end (src/sql):
 * the lexer, every rewriting rule, the admin statements, errors and their
 * offsets, SQLite error mapping, and robustness against garbage input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "common/buf.h"
#include "sql/lexer.h"
#include "sql/translate.h"

static const sql_ctx scott = {.schema = "SCOTT"};

/* The SQLite text of ST, or NULL for a command. */
static const char *sqlite_sql(const sql_stmt *st)
{
    const sql_sqlite_text *t = sql_stmt_sqlite_text(st);
    return t ? t->sql : NULL;
}

/* Translate ORACLE in CTX and expect exactly SQLITE. */
static void expect_sql_in(const sql_ctx *ctx, const char *oracle, const char *sqlite)
{
    sql_stmt st;
    ora_error err;
    int rc = sql_translate(oracle, ctx, &st, &err);
    if (rc != 0) fail_msg("%s\n  -> %s", oracle, err.msg);
    assert_non_null(sqlite_sql(&st));
    if (strcmp(sqlite_sql(&st), sqlite) != 0)
        fail_msg("%s\n  got:  %s\n  want: %s", oracle, sqlite_sql(&st), sqlite);
    sql_stmt_free(&st);
}

/* Translate ORACLE as SCOTT and expect exactly SQLITE. */
static void expect_sql(const char *oracle, const char *sqlite)
{
    expect_sql_in(&scott, oracle, sqlite);
}

/* Translate ORACLE in CTX and expect ORA-CODE at character OFFSET. */
static void expect_error_in(const sql_ctx *ctx, const char *oracle, int code, int offset)
{
    sql_stmt st;
    ora_error err;
    int rc = sql_translate(oracle, ctx, &st, &err);
    if (rc == 0)
        fail_msg("%s\n  translated to %s", oracle, sqlite_sql(&st) ? sqlite_sql(&st) : "(no text)");
    if (err.code != code || err.offset != offset)
        fail_msg("%s\n  got %s at %d, want ORA-%05d at %d", oracle, err.msg, err.offset, code,
                 offset);
    assert_null(sqlite_sql(&st));
}

/* Translate ORACLE as SCOTT and expect ORA-CODE at character OFFSET. */
static void expect_error(const char *oracle, int code, int offset)
{
    expect_error_in(&scott, oracle, code, offset);
}

static void translate_ok(const char *oracle, sql_stmt *st)
{
    ora_error err;
    if (sql_translate(oracle, &scott, st, &err) != 0) fail_msg("%s\n  -> %s", oracle, err.msg);
}

/* ---- lexer ---- */

static void test_lexer_tokens(void **state)
{
    const char *sql = "select a.\"Mixed\", 'it''s', q'[x]', 1.5e3, :b1 || x --c\n/* d */ <> ^=";
    sql_tokens t;
    ora_error err;
    assert_int_equal(sql_lex_all(sql, (int)strlen(sql), &t, &err), 0);
    sql_tok_type want[] = {TK_WORD, TK_WORD,   TK_OP, TK_QIDENT, TK_OP, TK_STRING,
                           TK_OP,   TK_STRING, TK_OP, TK_NUMBER, TK_OP, TK_BIND,
                           TK_OP,   TK_WORD,   TK_OP, TK_OP,     TK_EOF};
    assert_int_equal(t.n, (int)(sizeof want / sizeof want[0]));
    for (int i = 0; i < t.n; i++)
        assert_int_equal(t.v[i].type, want[i]);
    assert_int_equal(t.v[3].off, 9);
    assert_int_equal(t.v[3].len, 7);
    char *value = tok_string_value(sql, &t.v[5]);
    assert_string_equal(value, "it's");
    free(value);
    value = tok_string_value(sql, &t.v[7]);
    assert_string_equal(value, "x");
    free(value);
    char name[32];
    tok_name(sql, &t.v[11], name, sizeof name);
    assert_string_equal(name, "B1");
    assert_true(t.v[14].space_before); /* after the comments */
    sql_tokens_free(&t);
}

static void test_lexer_errors(void **state)
{
    expect_error("select 'abc from dual", 1756, 7);
    expect_error("select q'[abc' from dual", 1756, 7);
    expect_error("select \"abc from dual", 1740, 7);
    expect_error("select \"\" from dual", 1741, 7);
    expect_error("select 1 from dual /* open", 1742, 19);
    expect_error("select ? from dual", 911, 7);
    expect_error("select a & b from dual", 911, 9);
    expect_error("select : from dual", 911, 7);
    char longname[200];
    memset(longname, 'A', 129);
    longname[129] = 0;
    char sql[300];
    snprintf(sql, sizeof sql, "select %s from dual", longname);
    expect_error(sql, 972, 7);
}

/* "select 'é', PREFIX OPEN<N x>CLOSE from dual": the 'é' makes offsets count characters. */
static char *literal_statement(const char *prefix, size_t n, const char *open, const char *close)
{
    buf b;
    buf_init(&b);
    buf_printf(&b, "select '\xc3\xa9', %s%s", prefix, open);
    for (size_t i = 0; i < n; i++)
        buf_putc(&b, 'x');
    buf_printf(&b, "%s from dual", close);
    return (char *)buf_cstr(&b);
}

static void expect_literal(const char *prefix, size_t n, const char *open, const char *close,
                           int code)
{
    char *sql = literal_statement(prefix, n, open, close);
    if (code) {
        expect_error(sql, code, 12);
    } else {
        sql_stmt st;
        translate_ok(sql, &st);
        sql_stmt_free(&st);
    }
    free(sql);
}

/* SQL string literals hold at most 4000 bytes: ORA-01704 at the literal. */
static void test_string_literal_limit(void **state)
{
    expect_literal("", 4000, "'", "'", 0);
    expect_literal("", 4001, "'", "'", 1704);
    expect_literal("N", 4001, "'", "'", 1704);
    expect_literal("", 4000, "q'[", "]'", 0);
    expect_literal("", 4001, "q'[", "]'", 1704);
    expect_literal("", 3999, "'''", "'", 0); /* '' is one byte: 4000 in all */
    expect_literal("", 4000, "'''", "'", 1704);
}

/* ---- naming ---- */

static void test_names(void **state)
{
    expect_sql("select * from emp", "SELECT * FROM \"SCOTT.EMP\" EMP");
    expect_sql("select * from scott.emp", "SELECT * FROM \"SCOTT.EMP\" EMP");
    expect_sql("select * from hr.jobs j", "SELECT * FROM \"HR.JOBS\" J");
    expect_sql("select * from \"Mixed\".\"Case\"", "SELECT * FROM \"Mixed.Case\" \"Case\"");
    expect_sql("SELECT Ename FROM Emp", "SELECT ENAME FROM \"SCOTT.EMP\" EMP");
    expect_sql("select emp.ename from emp", "SELECT EMP.ENAME FROM \"SCOTT.EMP\" EMP");
    expect_sql("select scott.emp.ename from scott.emp", "SELECT EMP.ENAME FROM \"SCOTT.EMP\" EMP");
    expect_sql("select \"Name\" from t", "SELECT \"Name\" FROM \"SCOTT.T\" T");
}

static void test_global_names(void **state)
{
    expect_sql("select * from dual", "SELECT * FROM DUAL");
    expect_sql("select dummy from sys.dual d", "SELECT DUMMY FROM DUAL D");
    expect_sql("select sid, serial# from v$session", "SELECT SID, \"SERIAL#\" FROM V$SESSION");
    expect_sql("select s.inst_id from gv$session s", "SELECT S.INST_ID FROM GV$SESSION S");
    expect_sql("select * from sys.v$process", "SELECT * FROM V$PROCESS");
}

static int dictionary_view(const char *name, void *arg)
{
    return strcmp(name, (const char *)arg) == 0;
}

static void test_global_names_callback(void **state)
{
    sql_ctx ctx = {
        .schema = "SCOTT", .is_global_name = dictionary_view, .is_global_arg = "USER_TABLES"};
    sql_stmt st;
    ora_error err;
    assert_int_equal(sql_translate("select table_name from user_tables", &ctx, &st, &err), 0);
    assert_string_equal(sqlite_sql(&st), "SELECT TABLE_NAME FROM USER_TABLES");
    sql_stmt_free(&st);
}

/* The staging table a session's private write set takes its INSERTs through. */
static const char *staging_of(const char *table, void *arg)
{
    return !strcmp(table, (const char *)arg) ? "wi$SCOTT.EMP" : NULL;
}

static void test_insert_target_callback(void **state)
{
    sql_ctx ctx = {.schema = "SCOTT", .insert_target = staging_of,
                   .insert_target_arg = "SCOTT.EMP"};
    sql_stmt st;
    ora_error err;
    assert_int_equal(sql_translate("insert into emp (empno) values (1)", &ctx, &st, &err), 0);
    assert_string_equal(sqlite_sql(&st), "INSERT INTO \"wi$SCOTT.EMP\" (EMPNO) VALUES (1)");
    assert_string_equal(st.sqlite.object.name, "EMP"); /* errors still name the table */
    sql_stmt_free(&st);
    assert_int_equal(sql_translate("insert into scott.dept select * from emp", &ctx, &st, &err), 0);
    assert_string_equal(sqlite_sql(&st), "INSERT INTO \"SCOTT.DEPT\" SELECT * FROM \"SCOTT.EMP\" EMP");
    sql_stmt_free(&st);
    assert_int_equal(sql_translate("update emp set sal = 1", &ctx, &st, &err), 0);
    assert_string_equal(sqlite_sql(&st), "UPDATE \"SCOTT.EMP\" AS EMP SET SAL = 1");
    sql_stmt_free(&st);
}

/* Row locking: FOR UPDATE of one table selects its rowid column last; of two, not yet. */
static void test_for_update_rowid(void **state)
{
    sql_ctx ctx = {.schema = "SCOTT", .for_update_rowid = 1};
    sql_stmt st;
    ora_error err;
    assert_int_equal(sql_translate("select empno from emp e where sal > 1 for update skip locked",
                                   &ctx, &st, &err), 0);
    assert_string_equal(sqlite_sql(&st),
                        "SELECT EMPNO , E.rowid FROM \"SCOTT.EMP\" E WHERE SAL > 1");
    assert_int_equal(st.sqlite.skip_locked, 1);
    assert_string_equal(st.sqlite.object.name, "EMP");
    sql_stmt_free(&st);
    /* A join: every table's rowid, in FROM's order; OF names the tables by their columns. */
    assert_int_equal(sql_translate("select 1 from emp e, hr.dept for update", &ctx, &st, &err), 0);
    assert_string_equal(sqlite_sql(&st),
                        "SELECT 1 AS \"1\" , E.rowid , DEPT.rowid FROM \"SCOTT.EMP\" E, \"HR.DEPT\" DEPT");
    assert_int_equal(st.sqlite.nlocked, 2);
    assert_string_equal(st.sqlite.locked[1].schema, "HR");
    assert_int_equal(st.sqlite.lock_flags[0] && st.sqlite.lock_flags[1], 1);
    sql_stmt_free(&st);
    assert_int_equal(
        sql_translate("select 1 from emp e join dept d on d.deptno = e.deptno for update of d.loc",
                      &ctx, &st, &err),
        0);
    assert_int_equal(st.sqlite.nlocked, 1);
    assert_string_equal(st.sqlite.locked[0].name, "DEPT");
    sql_stmt_free(&st);
    assert_int_equal(sql_translate("select 1 from emp e, dept d for update of sal nowait", &ctx, &st,
                                   &err),
                     0);
    assert_int_equal(st.sqlite.nlocked, 2); /* which has SAL is the engine's to find */
    assert_int_equal(st.sqlite.lock_flags[0] + st.sqlite.lock_flags[1], 0);
    assert_int_equal(st.sqlite.nof_columns, 1);
    assert_string_equal(st.sqlite.of_columns[0], "SAL");
    assert_int_equal(st.sqlite.for_update_wait, 0);
    sql_stmt_free(&st);
    assert_int_equal(sql_translate("select 1 from emp e, dept d for update of x.sal", &ctx, &st, &err),
                     -1);
    assert_int_equal(err.code, ORA_INVALID_IDENTIFIER);
}

static void test_cte_names_are_local(void **state)
{
    expect_sql("with x as (select 1 a from dual) select a from x",
               "WITH X AS (SELECT 1 A FROM DUAL) SELECT A FROM X");
    expect_sql("with r (n) as (select 1 from dual union all select n + 1 from r where n < 3) "
               "select n from r",
               "WITH R (N) AS (SELECT 1 AS \"1\" FROM DUAL UNION ALL "
               "SELECT ORA_ADD(N, 1) AS \"N+1\" FROM R WHERE N < 3) SELECT N FROM R");
}

static void test_sqlite_keyword_names_quoted(void **state)
{
    expect_sql("select key, action from t", "SELECT \"KEY\", \"ACTION\" FROM \"SCOTT.T\" T");
    expect_sql("create table t (key number, status varchar2(10))",
               "CREATE TABLE \"SCOTT.T\" (\"KEY\" NUMBER TEXT COLLATE ORA_NUMBER, STATUS "
               "VARCHAR2(10))");
}

/* ---- select lists ---- */

static void test_column_names(void **state)
{
    expect_sql("select count(*) from emp",
               "SELECT COUNT(*) AS \"COUNT(*)\" FROM \"SCOTT.EMP\" EMP");
    expect_sql("select 'hello world' from dual",
               "SELECT 'hello world' AS \"'HELLOWORLD'\" FROM DUAL");
    expect_sql("select sysdate from dual",
               "SELECT SYSDATE(0) AS \"SYSDATE\" FROM DUAL");
    expect_sql("select ename n, sal as \"Pay\", sal s2 from emp",
               "SELECT ENAME N, SAL AS \"Pay\", SAL S2 FROM \"SCOTT.EMP\" EMP");
    expect_sql("select e.*, d.dname from emp e, dept d",
               "SELECT E.*, D.DNAME FROM \"SCOTT.EMP\" E, \"SCOTT.DEPT\" D");
    expect_sql("select scott.emp.* from scott.emp", "SELECT EMP.* FROM \"SCOTT.EMP\" EMP");
    expect_sql("select 1 from dual", "SELECT 1 AS \"1\" FROM DUAL");
    expect_sql("select distinct deptno from emp", "SELECT DISTINCT DEPTNO FROM \"SCOTT.EMP\" EMP");
    expect_sql("select unique deptno from emp", "SELECT DISTINCT DEPTNO FROM \"SCOTT.EMP\" EMP");
}

static void test_long_column_name_truncated(void **state)
{
    buf sql;
    buf_init(&sql);
    buf_puts(&sql, "select 1");
    for (int i = 0; i < 100; i++)
        buf_puts(&sql, " + 1");
    buf_puts(&sql, " from dual");
    sql_stmt st;
    translate_ok(buf_cstr(&sql), &st);
    const char *as = strstr(sqlite_sql(&st), "AS \"");
    assert_non_null(as);
    const char *end = strchr(as + 4, '"');
    assert_int_equal(end - (as + 4), 128);
    sql_stmt_free(&st);
    buf_free(&sql);
}

/* ---- joins ---- */

static void test_joins(void **state)
{
    expect_sql("select e.ename from emp e join dept d on e.deptno = d.deptno",
               "SELECT E.ENAME FROM \"SCOTT.EMP\" E JOIN \"SCOTT.DEPT\" D ON E.DEPTNO = D.DEPTNO");
    expect_sql(
        "select * from emp left outer join dept using (deptno)",
        "SELECT * FROM \"SCOTT.EMP\" EMP LEFT OUTER JOIN \"SCOTT.DEPT\" DEPT USING (DEPTNO)");
    expect_sql("select * from emp natural join dept",
               "SELECT * FROM \"SCOTT.EMP\" EMP NATURAL JOIN \"SCOTT.DEPT\" DEPT");
    expect_sql("select * from a cross join b, c full join d on 1 = 1",
               "SELECT * FROM \"SCOTT.A\" A CROSS JOIN \"SCOTT.B\" B, \"SCOTT.C\" C FULL JOIN "
               "\"SCOTT.D\" D ON 1 = 1");
    expect_sql("select * from (select deptno from emp) x join dept on x.deptno = dept.deptno",
               "SELECT * FROM (SELECT DEPTNO FROM \"SCOTT.EMP\" EMP) X JOIN \"SCOTT.DEPT\" DEPT ON "
               "X.DEPTNO = "
               "DEPT.DEPTNO");
    expect_sql(
        "SELECT s.inst_id, s.sid, s.serial#, p.spid, s.username, s.program FROM gv$session s "
        "JOIN gv$process p ON p.addr = s.paddr AND p.inst_id = s.inst_id WHERE s.type != "
        "'BACKGROUND'",
        "SELECT S.INST_ID, S.SID, S.\"SERIAL#\", P.SPID, S.USERNAME, S.PROGRAM FROM GV$SESSION S "
        "JOIN GV$PROCESS P ON P.ADDR = S.PADDR AND P.INST_ID = S.INST_ID WHERE S.TYPE != "
        "'BACKGROUND'");
}

/* ---- binds ---- */

static void test_binds(void **state)
{
    sql_stmt st;
    translate_ok(
        "select * from emp where empno = :1 and ename = :name or job = :\"Job\" or mgr = :1", &st);
    assert_string_equal(
        sqlite_sql(&st),
        "SELECT * FROM \"SCOTT.EMP\" EMP WHERE EMPNO = ?1 AND ENAME = ?2 OR JOB = ?3 OR MGR = ?4");
    assert_int_equal(st.sqlite.text.nbinds, 4);
    assert_string_equal(st.sqlite.text.bind_names[0], "1");
    assert_string_equal(st.sqlite.text.bind_names[1], "NAME");
    assert_string_equal(st.sqlite.text.bind_names[2], "Job");
    assert_string_equal(st.sqlite.text.bind_names[3], "1");
    sql_stmt_free(&st);
    translate_ok("insert into t values (:a, :b, :a)", &st);
    assert_string_equal(sqlite_sql(&st), "INSERT INTO \"SCOTT.T\" VALUES (?1, ?2, ?3)");
    assert_int_equal(st.sqlite.text.nbinds, 3);
    sql_stmt_free(&st);
}

static void test_binds_in_strings_and_comments(void **state)
{
    sql_stmt st;
    translate_ok("select ':x', 'from where' /* :y select */ from dual -- :z", &st);
    assert_int_equal(st.sqlite.text.nbinds, 0);
    assert_string_equal(sqlite_sql(&st),
                        "SELECT ':x' AS \"':X'\", 'from where' AS \"'FROMWHERE'\" FROM DUAL");
    sql_stmt_free(&st);
}

/* ---- expressions ---- */

static void test_pseudo_columns(void **state)
{
    expect_sql("select user, systimestamp, current_date from dual",
               "SELECT USER() AS \"USER\", SYSTIMESTAMP(0) AS \"SYSTIMESTAMP\", "
               "ORA_CURRENT_DATE(0) AS \"CURRENT_DATE\" FROM DUAL");
    expect_sql("select current_timestamp, localtimestamp, sessiontimezone, dbtimezone from dual",
               "SELECT ORA_CURRENT_TIMESTAMP(0) AS \"CURRENT_TIMESTAMP\", LOCALTIMESTAMP(0) AS "
               "\"LOCALTIMESTAMP\", SESSIONTIMEZONE() AS \"SESSIONTIMEZONE\", DBTIMEZONE() AS "
               "\"DBTIMEZONE\" FROM DUAL");
    expect_sql("select t.user from t", "SELECT T.USER FROM \"SCOTT.T\" T");
    expect_sql("insert into log values (sysdate, user)",
               "INSERT INTO \"SCOTT.LOG\" VALUES (SYSDATE(0), USER())");
}

static void test_operators(void **state)
{
    expect_sql("select a || b || c x from t",
               "SELECT CONCAT(CONCAT(A, B), C) X FROM \"SCOTT.T\" T");
    expect_sql("select a - b + c x from t",
               "SELECT ORA_XADD(ORA_XSUB(A, B), C) X FROM \"SCOTT.T\" T");
    expect_sql("select a + b * c x from t",
               "SELECT ORA_XADD(A, ORA_XMUL(B, C)) X FROM \"SCOTT.T\" T");
    expect_sql("select a * b / c x from t",
               "SELECT ORA_XDIV(ORA_XMUL(A, B), C) X FROM \"SCOTT.T\" T");
    expect_sql("select -a / b x from t", "SELECT ORA_XDIV(ORA_XNEG(A), B) X FROM \"SCOTT.T\" T");
    expect_sql("select (a + b) * c x from t",
               "SELECT ORA_XMUL((ORA_XADD(A, B)), C) X FROM \"SCOTT.T\" T");
    expect_sql("select * from t where a + 1 > b - 1 and not c = d",
               "SELECT * FROM \"SCOTT.T\" T WHERE ORA_ADD(A, 1) > ORA_SUB(B, 1) AND NOT C = D");
    expect_sql("select * from t where a ^= 1 or b ~= 2 or c <> 3 or d != 4",
               "SELECT * FROM \"SCOTT.T\" T WHERE A != 1 OR B != 2 OR C <> 3 OR D != 4");
    expect_sql(
        "select * from t where a between 1 and 2 and b not like 'x%' escape '\\' and c is not null",
        "SELECT * FROM \"SCOTT.T\" T WHERE A BETWEEN 1 AND 2 AND B NOT LIKE 'x%' ESCAPE '\\' AND C "
        "IS "
        "NOT NULL");
    expect_sql(
        "select * from t where a = any (1, 2) and b <> all (select x from u)",
        "SELECT * FROM \"SCOTT.T\" T WHERE A IN (1, 2) AND B NOT IN (SELECT X FROM \"SCOTT.U\" U)");
    expect_error("select * from t where a > any (1, 2)", 3001, 26);
}

static void test_literals(void **state)
{
    expect_sql("select * from t where a = '' or b = q'{it's}' or c = n'x'",
               "SELECT * FROM \"SCOTT.T\" T WHERE A = NULL OR B = 'it''s' OR C = 'x'");
    expect_sql(
        "select * from t where d > date '2024-01-31' and e < timestamp '2024-01-31 10:00:00'",
        "SELECT * FROM \"SCOTT.T\" T WHERE D > TO_DATE('2024-01-31', 'YYYY-MM-DD') AND E < "
        "TO_TIMESTAMP("
        "'2024-01-31 10:00:00', 'YYYY-MM-DD HH24:MI:SS.FF')");
    expect_sql("select timestamp '2024-01-31 10:00:00 -08:00' a, timestamp '2024-01-31 10:00:00.5 UTC' b "
               "from dual",
               "SELECT TO_TIMESTAMP_TZ('2024-01-31 10:00:00 -08:00', 'YYYY-MM-DD HH24:MI:SS TZR') A, "
               "TO_TIMESTAMP_TZ('2024-01-31 10:00:00.5 UTC', 'YYYY-MM-DD HH24:MI:SS.FF TZR') B FROM "
               "DUAL");
    expect_sql("select 1.5d x, 2f y from dual",
               "SELECT 1.5 X, 2 Y FROM DUAL");
    expect_sql("select interval '4 5:12:10.222' day(1) to second(3) a, interval '1-2' year to month, "
               "interval '3' second from dual",
               "SELECT ORA_INTERVAL('4 5:12:10.222', 'DAY(1) TO SECOND(3)') A, ORA_INTERVAL('1-2', "
               "'YEAR TO MONTH') AS \"INTERVAL'1-2'YEARTOMONTH\", ORA_INTERVAL('3', 'SECOND') AS "
               "\"INTERVAL'3'SECOND\" FROM DUAL");
    expect_error("select interval '1' fortnight from dual", 905, 20);
    expect_error("select interval '1' day(x) from dual", 30088, 24);
}

static void test_special_functions(void **state)
{
    expect_sql("select cast(a as number(10,2)) x from t",
               "SELECT ORA_CAST(A, 'NUMBER(10,2)') X FROM \"SCOTT.T\" T");
    expect_sql("select cast(a as double precision) x from t",
               "SELECT ORA_CAST(A, 'DOUBLE PRECISION') X FROM \"SCOTT.T\" T");
    expect_sql("select extract(year from d) x from t",
               "SELECT ORA_EXTRACT('YEAR', D) X FROM \"SCOTT.T\" T");
    expect_sql(
        "select trim(s) a, trim(leading 'x' from s) b, trim(trailing from s) c from t",
        "SELECT ORA_TRIM('B',S) A, ORA_TRIM('L', 'x', S) B, ORA_TRIM('T', S) C FROM \"SCOTT.T\" T");
    expect_sql("select listagg(a, ',') within group (order by a) x, listagg(b) y from t",
               "SELECT GROUP_CONCAT(A, ',') X, GROUP_CONCAT(B, '') Y FROM \"SCOTT.T\" T");
    expect_sql("select count(*) c, count(distinct a) d, sum(all b) s from t",
               "SELECT COUNT(*) C, COUNT(DISTINCT A) D, ORA_XSUM(ALL B) S FROM \"SCOTT.T\" T");
    expect_sql(
        "select rank() over (partition by a order by b desc) r from t",
        "SELECT RANK() OVER (PARTITION BY A ORDER BY B DESC NULLS FIRST) R FROM \"SCOTT.T\" T");
    expect_sql("select case a when 1 then 'x' when 2 then 'y' else 'z' end c from t",
               "SELECT CASE A WHEN 1 THEN 'x' WHEN 2 THEN 'y' ELSE 'z' END C FROM \"SCOTT.T\" T");
}

static void test_subqueries(void **state)
{
    expect_sql("select * from emp where deptno in (select deptno from dept where loc = 'X')",
               "SELECT * FROM \"SCOTT.EMP\" EMP WHERE DEPTNO IN (SELECT DEPTNO FROM \"SCOTT.DEPT\" "
               "DEPT WHERE LOC "
               "= 'X')");
    expect_sql("select (select max(sal) from emp) m from dual",
               "SELECT (SELECT MAX(SAL) AS \"MAX(SAL)\" FROM \"SCOTT.EMP\" EMP) M FROM DUAL");
    expect_sql("select * from t where exists (select 1 from u where u.id = t.id)",
               "SELECT * FROM \"SCOTT.T\" T WHERE EXISTS (SELECT 1 AS \"1\" FROM \"SCOTT.U\" U "
               "WHERE U.ID = T.ID)");
}

/* ---- query tails ---- */

static void test_set_operators(void **state)
{
    expect_sql("select a from t minus select a from u",
               "SELECT A FROM \"SCOTT.T\" T EXCEPT SELECT A FROM \"SCOTT.U\" U");
    expect_sql(
        "select a from t union all select a from u intersect select a from v order by 1",
        "SELECT A FROM \"SCOTT.T\" T UNION ALL SELECT A FROM \"SCOTT.U\" U INTERSECT SELECT A FROM "
        "\"SCOTT.V\" V ORDER BY 1 NULLS LAST");
    expect_sql("(select a from t) union (select a from u)",
               "SELECT * FROM (SELECT A FROM \"SCOTT.T\" T) UNION SELECT * FROM (SELECT A FROM "
               "\"SCOTT.U\" U)");
}

static void test_order_by_nulls(void **state)
{
    expect_sql("select a from t order by a, b desc, c asc nulls first, d desc nulls last",
               "SELECT A FROM \"SCOTT.T\" T ORDER BY A NULLS LAST, B DESC NULLS FIRST, C ASC NULLS "
               "FIRST, D DESC "
               "NULLS LAST");
    expect_error("select a from t order siblings by a", 30929, 22);
}

static void test_fetch_offset(void **state)
{
    expect_sql("select a from t fetch first 5 rows only", "SELECT A FROM \"SCOTT.T\" T LIMIT 5");
    expect_sql("select a from t fetch next 1 row only", "SELECT A FROM \"SCOTT.T\" T LIMIT 1");
    expect_sql("select a from t fetch first row only", "SELECT A FROM \"SCOTT.T\" T LIMIT 1");
    expect_sql("select a from t order by a offset 10 rows fetch next :n rows only",
               "SELECT A FROM \"SCOTT.T\" T ORDER BY A NULLS LAST LIMIT 10, ?1");
    expect_sql("select a from t offset 3 rows", "SELECT A FROM \"SCOTT.T\" T LIMIT 3, -1");
    expect_error("select a from t fetch first 5 percent rows only", 3001, 30);
    expect_error("select a from t fetch first 5 rows with ties", 3001, 35);
}

static void test_rownum(void **state)
{
    /* one table: the filter goes where Oracle applies it, before grouping and ordering */
    expect_sql("select * from t where rownum <= 10",
               "SELECT * FROM (SELECT * FROM \"SCOTT.T\" T LIMIT 10) T");
    expect_sql("select * from t where rownum < 10",
               "SELECT * FROM (SELECT * FROM \"SCOTT.T\" T LIMIT 9) T");
    expect_sql("select * from t where rownum = 1",
               "SELECT * FROM (SELECT * FROM \"SCOTT.T\" T LIMIT 1) T");
    expect_sql("select * from t where rownum = 2",
               "SELECT * FROM (SELECT * FROM \"SCOTT.T\" T LIMIT 0) T");
    expect_sql("select * from t x where 5 >= rownum",
               "SELECT * FROM (SELECT * FROM \"SCOTT.T\" X LIMIT 5) X");
    expect_sql(
        "select count(*) n from t where a = 1 and rownum <= 3 and b = 2 group by c order by a",
        "SELECT COUNT(*) N FROM (SELECT * FROM \"SCOTT.T\" T WHERE A = 1 AND B = 2 LIMIT 3) T "
        "GROUP BY C "
        "ORDER BY A NULLS LAST");
    expect_sql(
        "select * from t where rownum <= :n",
        "SELECT * FROM (SELECT * FROM \"SCOTT.T\" T LIMIT MAX(COALESCE(FLOOR(?1), 0), 0)) T");
    expect_sql("select * from t where a = :a and rownum < :n and b = :b",
               "SELECT * FROM (SELECT * FROM \"SCOTT.T\" T WHERE A = ?1 AND B = ?3 LIMIT "
               "MAX(COALESCE(CEIL(?2), 1) - 1, 0)) T");
    expect_sql("select * from t, u where rownum = :n",
               "SELECT * FROM \"SCOTT.T\" T, \"SCOTT.U\" U LIMIT CASE WHEN ORA_SUB(?1, 1) = 0 THEN "
               "1 ELSE 0 END");
    expect_sql("select * from v$session where rownum = 1",
               "SELECT * FROM (SELECT * FROM V$SESSION LIMIT 1) V$SESSION");
    /* ROWID in the select list: the table's rowid goes along into the subquery */
    expect_sql("select rowid r from t where rownum <= 5",
               "SELECT ROWID R FROM (SELECT rowid AS \"rowid\", * FROM \"SCOTT.T\" T LIMIT 5) T");
    expect_sql("delete from t where rowid in (select rowid from t where rownum <= 1000)",
               "DELETE FROM \"SCOTT.T\" AS T WHERE ROWID IN (SELECT ROWID AS \"ROWID\" FROM (SELECT "
               "rowid AS \"rowid\", * FROM \"SCOTT.T\" T LIMIT 1000) T)");
    expect_sql("select * from (select a.*, rownum rn from (select * from t order by x) a where "
               "rownum <= 20) "
               "where rn > 10",
               "SELECT * FROM (SELECT A.*, ROW_NUMBER() OVER () RN FROM (SELECT * FROM (SELECT * "
               "FROM \"SCOTT.T\" "
               "T ORDER BY X NULLS LAST) A LIMIT 20) A) WHERE RN > 10");
    expect_sql(
        "select * from t where rownum <= 2 union select * from u",
        "SELECT * FROM (SELECT * FROM \"SCOTT.T\" T LIMIT 2) T UNION SELECT * FROM \"SCOTT.U\" U");
    /* joins: a LIMIT on the whole query */
    expect_sql("select * from t, u where t.a = u.a and rownum <= 3",
               "SELECT * FROM \"SCOTT.T\" T, \"SCOTT.U\" U WHERE T.A = U.A LIMIT 3");
    expect_sql("select * from t join u on t.a = u.a where rownum <= 3 order by 1",
               "SELECT * FROM \"SCOTT.T\" T JOIN \"SCOTT.U\" U ON T.A = U.A ORDER BY 1 NULLS LAST "
               "LIMIT 3");
    expect_sql("select rownum, a from t",
               "SELECT ROW_NUMBER() OVER () AS \"ROWNUM\", A FROM \"SCOTT.T\" T");
    expect_error("select * from t where rownum > 1", 3001, 22);
    expect_error("select * from t where a = 1 or rownum <= 2", 3001, 31);
    expect_error("select * from t where rownum <= 2 or a = 1", 3001, 22);
    expect_error("select * from t, u where rownum <= 2 union select * from u", 3001, 25);
    expect_error("select * from t, u where rownum <= 2 fetch first 1 rows only", 3001, 25);
    expect_error("select * from t where rownum <= 2 and rownum <= 3", 3001, 38);
    expect_error("delete from t where rownum <= 2", 3001, 20);
}

static void test_for_update(void **state)
{
    sql_stmt st;
    translate_ok("select * from emp where empno = 1 for update", &st);
    assert_string_equal(sqlite_sql(&st), "SELECT * FROM \"SCOTT.EMP\" EMP WHERE EMPNO = 1");
    assert_true(st.sqlite.for_update);
    assert_int_equal(st.sqlite.for_update_wait, -1);
    sql_stmt_free(&st);
    translate_ok("select * from emp for update of emp.sal, ename nowait", &st);
    assert_true(st.sqlite.for_update);
    assert_int_equal(st.sqlite.for_update_wait, 0);
    sql_stmt_free(&st);
    translate_ok("select * from emp for update wait 5", &st);
    assert_int_equal(st.sqlite.for_update_wait, 5);
    sql_stmt_free(&st);
    translate_ok("select * from emp for update skip locked", &st);
    assert_true(st.sqlite.skip_locked);
    sql_stmt_free(&st);
    translate_ok("select * from emp", &st);
    assert_false(st.sqlite.for_update);
    sql_stmt_free(&st);
    expect_error("select * from emp for update wait", 30005, 33);
}

/* ---- DML ---- */

static void test_insert(void **state)
{
    expect_sql("insert into emp (empno, ename) values (1, 'X')",
               "INSERT INTO \"SCOTT.EMP\" (EMPNO, ENAME) VALUES (1, 'X')");
    expect_sql("insert into scott.emp e (e.empno) values (1)",
               "INSERT INTO \"SCOTT.EMP\" AS E (EMPNO) VALUES (1)");
    expect_sql("insert into t select * from u where a > 1",
               "INSERT INTO \"SCOTT.T\" SELECT * FROM \"SCOTT.U\" U WHERE A > 1");
    expect_sql("insert into t (a) (select b from u)",
               "INSERT INTO \"SCOTT.T\" (A) SELECT * FROM (SELECT B FROM \"SCOTT.U\" U)");
    expect_sql("insert into t values (1, 2), (3, 4)",
               "INSERT INTO \"SCOTT.T\" VALUES (1, 2), (3, 4)");
    sql_stmt st;
    translate_ok("insert into emp values (1)", &st);
    assert_int_equal(st.kind, SQLK_DML);
    assert_int_equal(st.command_type, 2);
    assert_string_equal(st.sqlite.object.schema, "SCOTT");
    assert_string_equal(st.sqlite.object.name, "EMP");
    sql_stmt_free(&st);
}

static void test_update_delete(void **state)
{
    expect_sql(
        "update emp set sal = sal * 2, comm = null where empno = :1",
        "UPDATE \"SCOTT.EMP\" AS EMP SET SAL = ORA_MUL(SAL, 2), COMM = NULL WHERE EMPNO = ?1");
    expect_sql("update emp e set e.sal = 1 where e.deptno = 10",
               "UPDATE \"SCOTT.EMP\" AS E SET SAL = 1 WHERE E.DEPTNO = 10");
    expect_sql("update t set (a, b) = (select x, y from u)",
               "UPDATE \"SCOTT.T\" AS T SET (A, B) = (SELECT X, Y FROM \"SCOTT.U\" U)");
    /* a WHERE that names the alias chooses the rows by rowid: SQLite allows no view's alias
     * (the overlay) in DELETE's own WHERE */
    expect_sql("delete from emp where emp.empno = 1",
               "DELETE FROM \"SCOTT.EMP\" AS EMP WHERE rowid IN (SELECT EMP.rowid FROM "
               "\"SCOTT.EMP\" AS EMP WHERE EMP.EMPNO = 1)");
    expect_sql("delete emp e where e.empno = 1",
               "DELETE FROM \"SCOTT.EMP\" AS E WHERE rowid IN (SELECT E.rowid FROM "
               "\"SCOTT.EMP\" AS E WHERE E.EMPNO = 1)");
    expect_sql("delete emp e where empno = 1", "DELETE FROM \"SCOTT.EMP\" AS E WHERE EMPNO = 1");
    expect_sql("delete from scott.emp", "DELETE FROM \"SCOTT.EMP\" AS EMP");
    sql_stmt st;
    translate_ok("delete from emp", &st);
    assert_int_equal(st.command_type, 7);
    sql_stmt_free(&st);
}

static void test_dml_errors(void **state)
{
    expect_error("insert emp values (1)", 925, 7);
    expect_error("insert into emp (a) (1)", 926, 20);
    expect_error("insert into emp (a) x", 926, 20);
    expect_error("insert into emp values (1 2)", 917, 26);
    expect_error("insert into emp values (1, )", 936, 27);
    expect_error("insert into emp values (1", 907, 25);
    expect_error("update emp sal = 1", 971, 15);
    expect_error("update emp set sal 1", 927, 19);
    expect_error("delete from", 903, 11);
    expect_error("insert into t values (1) log errors", 3001, 25);
}

/* ---- MERGE and the multitable INSERT: several SQLite statements (xlat_merge.c) ---- */

static void test_merge(void **state)
{
    sql_stmt st;
    expect_sql("merge into t using u on (t.id = u.id) "
               "when matched then update set t.v = u.v where u.v > 0 delete where t.v = 9 "
               "when not matched then insert (id, v) values (u.id, u.v) where u.id < 100",
               "DELETE FROM temp.\"ws$merge\"; "
               "INSERT INTO temp.\"ws$merge\"(rid) SELECT T.rowid FROM \"SCOTT.T\" AS T "
               "JOIN \"SCOTT.U\" AS U ON (T.ID = U.ID) WHERE (U.V > 0); "
               "UPDATE \"SCOTT.T\" AS T SET V = U.V FROM \"SCOTT.U\" AS U WHERE T.rowid IN "
               "(SELECT rid FROM temp.\"ws$merge\") AND (T.ID = U.ID) AND (U.V > 0); "
               "INSERT INTO \"SCOTT.T\" (ID, V) SELECT U.ID, U.V FROM \"SCOTT.U\" AS U WHERE NOT "
               "EXISTS (SELECT 1 FROM \"SCOTT.T\" AS T WHERE (T.ID = U.ID)) AND (U.ID < 100); "
               "DELETE FROM \"SCOTT.T\" WHERE rowid IN (SELECT T.rowid FROM \"SCOTT.T\" AS T "
               "JOIN \"SCOTT.U\" AS U ON (T.ID = U.ID) WHERE T.rowid IN "
               "(SELECT rid FROM temp.\"ws$merge\") AND (T.V = 9))");
    /* only WHEN NOT MATCHED, first: one INSERT */
    expect_sql("merge into t x using (select 1 id from dual) s on (x.id = s.id) "
               "when not matched then insert values (s.id, 'n')",
               "INSERT INTO \"SCOTT.T\" SELECT S.ID, 'n' FROM (SELECT 1 ID FROM DUAL) AS S "
               "WHERE NOT EXISTS (SELECT 1 FROM \"SCOTT.T\" AS X WHERE (X.ID = S.ID))");
    translate_ok("merge into t a using (select :1 id from dual) s on (a.id = s.id) "
                 "when matched then update set v = :2", &st);
    assert_int_equal(st.command_type, 189);
    assert_int_equal(st.sqlite.text.nstatements, 3);
    assert_int_equal(st.sqlite.text.nbinds, 2);
    assert_int_equal(st.sqlite.stable_check, 2);
    assert_int_equal(st.sqlite.uncounted, 3);
    sql_stmt_free(&st);
}

static void test_merge_errors(void **state)
{
    expect_error("merge into t using u on (t.id = u.id) when matched then update set t.id = 1", 38104, 67);
    expect_error("merge into t using u on (id = u.id) when matched then update set v = 1, id = 2", 38104, 72);
    expect_error("merge into t using u on t.id = u.id when matched then update set v = 1", 906, 24);
    expect_error("merge into t using u on (t.id = u.id)", 905, 37);
    expect_error("merge into t using u on (t.id = u.id) when matched then update set v = 1 "
                 "when matched then update set v = 2", 933, 73);
    expect_error("merge into t using (select * from t) s on (t.id = s.id) when matched then "
                 "update set v = 1 when not matched then insert values (1, 2)", 3001, 19);
    expect_error("merge into t using u on (t.id = u.id) when not matched then insert (id) select 1 from dual", 926, 72);
}

static void test_insert_all(void **state)
{
    expect_sql("insert all into t values (1, 'a') into t (id, v) values (2, 'b') select * from dual",
               "INSERT INTO \"SCOTT.T\" SELECT 1, 'a' FROM (SELECT * FROM DUAL); "
               "INSERT INTO \"SCOTT.T\" (ID, V) SELECT 2, 'b' FROM (SELECT * FROM DUAL)");
    expect_sql("insert all when id > 1 then into t1 when id > 2 then into t2 (a) values (id) "
               "else into t3 values (id, v) select id, v from u",
               "INSERT INTO \"SCOTT.T1\" SELECT * FROM (SELECT ID, V FROM \"SCOTT.U\" U) WHERE (ID > 1); "
               "INSERT INTO \"SCOTT.T2\" (A) SELECT ID FROM (SELECT ID, V FROM \"SCOTT.U\" U) "
               "WHERE (ID > 2); "
               "INSERT INTO \"SCOTT.T3\" SELECT ID, V FROM (SELECT ID, V FROM \"SCOTT.U\" U) "
               "WHERE (ID > 1) IS NOT TRUE AND (ID > 2) IS NOT TRUE");
    expect_sql("insert first when id > 1 then into t1 when id > 2 then into t2 (a) values (id) "
               "else into t3 values (id, v) select id, v from u",
               "INSERT INTO \"SCOTT.T1\" SELECT * FROM (SELECT ID, V FROM \"SCOTT.U\" U) "
               "WHERE (ID > 1) IS TRUE; "
               "INSERT INTO \"SCOTT.T2\" (A) SELECT ID FROM (SELECT ID, V FROM \"SCOTT.U\" U) "
               "WHERE (ID > 2) IS TRUE AND (ID > 1) IS NOT TRUE; "
               "INSERT INTO \"SCOTT.T3\" SELECT ID, V FROM (SELECT ID, V FROM \"SCOTT.U\" U) "
               "WHERE (ID > 1) IS NOT TRUE AND (ID > 2) IS NOT TRUE");
    sql_stmt st;
    translate_ok("insert all into t1 values (:a) into t2 values (:b) select * from dual where :c = 1", &st);
    assert_int_equal(st.command_type, 2);
    assert_int_equal(st.sqlite.text.nstatements, 2);
    assert_int_equal(st.sqlite.text.nbinds, 3);
    assert_int_equal(st.sqlite.ntargets, 2);
    assert_string_equal(st.sqlite.targets[1].name, "T2");
    assert_string_equal(st.sqlite.object.name, "T1");
    assert_int_equal(st.sqlite.uncounted, 0);
    sql_stmt_free(&st);
}

static void test_insert_all_errors(void **state)
{
    expect_error("insert first into t values (1) select * from dual", 905, 13);
    expect_error("insert all into t values (1) into t values (2) select * from t", 3001, 47);
    expect_error("insert all into t values (s.nextval) into t values (2) select * from dual", 3001, 55);
    expect_error("insert all when 1 = 1 into t values (1) select * from dual", 905, 22);
    expect_error("insert all into t values (1)", 928, 28);
}

/* ---- DDL ---- */

static void test_create_table(void **state)
{
    expect_sql(
        "create table emp (empno number(4) constraint pk_emp primary key, ename varchar2(10 char) "
        "not null, "
        "sal number(7,2) default 0, hired date default sysdate, note varchar2(20 byte), c char(1), "
        "n nvarchar2(5), f float, i integer, b blob, cl clob, r raw(16), x number(*,0), "
        "ts timestamp(6) with time zone, tl timestamp with local time zone, d binary_double, "
        "deptno number(2) references dept(deptno) on delete cascade)",
        "CREATE TABLE \"SCOTT.EMP\" (EMPNO NUMBER TEXT(4) COLLATE ORA_NUMBER CONSTRAINT "
        "PK_EMP PRIMARY KEY, ENAME VARCHAR2 CHAR(10) NOT NULL, SAL NUMBER TEXT(7,2) COLLATE "
        "ORA_NUMBER DEFAULT (0), HIRED DATE DEFAULT (SYSDATE(0)), NOTE VARCHAR2(20), C "
        "CHAR(1) COLLATE RTRIM, N NVARCHAR2(5), F FLOAT, I INTEGER, B BLOB, CL CLOB, R "
        "RAW(16), X NUMBER TEXT(38,0) COLLATE ORA_NUMBER, TS TIMESTAMP WITH TIME ZONE(6), TL "
        "TIMESTAMP WITH LOCAL TIME ZONE, D BINARY_DOUBLE, DEPTNO NUMBER TEXT(2) COLLATE "
        "ORA_NUMBER REFERENCES \"SCOTT.DEPT\"(DEPTNO) ON DELETE CASCADE)");
    /* CHAR length semantics stay in the declared type; CHAR and NCHAR compare blank-padded */
    expect_sql("create table t (a char(3 char), b nchar(2), c character(4 byte), d char)",
               "CREATE TABLE \"SCOTT.T\" (A CHAR CHAR(3) COLLATE RTRIM, B NCHAR(2) COLLATE RTRIM, "
               "C CHAR(4) COLLATE RTRIM, D CHAR COLLATE RTRIM)");
    /* ... and, with NLS_LENGTH_SEMANTICS = CHAR, a length without BYTE counts characters */
    static const sql_ctx char_semantics = {.schema = "SCOTT", .char_semantics = 1};
    expect_sql_in(&char_semantics,
                  "create table t (a varchar2(3), b varchar2(3 byte), c char(2), d raw(4), "
                  "e nvarchar2(5), f number(3))",
                  "CREATE TABLE \"SCOTT.T\" (A VARCHAR2 CHAR(3), B VARCHAR2(3), C CHAR CHAR(2) COLLATE "
                  "RTRIM, D RAW(4), E NVARCHAR2(5), F NUMBER TEXT(3) COLLATE ORA_NUMBER)");
    expect_sql("create table t (a number, b number, constraint t_pk primary key (a, b) using index "
               "tablespace x "
               "enable, constraint t_ck check (a > 0), foreign key (b) references scott.u (id)) "
               "tablespace users "
               "pctfree 10 storage (initial 64k)",
               "CREATE TABLE \"SCOTT.T\" (A NUMBER TEXT COLLATE ORA_NUMBER, B NUMBER TEXT COLLATE "
               "ORA_NUMBER, CONSTRAINT T_PK PRIMARY KEY (A, B), CONSTRAINT T_CK CHECK (A > 0), "
               "FOREIGN KEY (B) REFERENCES \"SCOTT.U\" (ID))");
    expect_sql("create table t2 as select * from t",
               "CREATE TABLE \"SCOTT.T2\" AS SELECT * FROM \"SCOTT.T\" T");
    expect_sql(
        "create table t (a number, b as (a * 2) virtual)",
        "CREATE TABLE \"SCOTT.T\" (A NUMBER TEXT COLLATE ORA_NUMBER, B GENERATED ALWAYS AS "
        "(ORA_MUL(A, 2)) VIRTUAL)");
    expect_sql("create table t (a varchar2(5) default '' not null)",
               "CREATE TABLE \"SCOTT.T\" (A VARCHAR2(5) DEFAULT (NULL) NOT NULL)");
    sql_stmt st;
    translate_ok("create table hr.jobs (id number)", &st);
    assert_int_equal(st.kind, SQLK_DDL);
    assert_int_equal(st.command_type, 1);
    assert_string_equal(st.sqlite.object.schema, "HR");
    assert_string_equal(st.sqlite.object.name, "JOBS");
    sql_stmt_free(&st);
}

/* ORACLE's CREATE TABLE is SQLITE with "KEY" standing for its one identity's key. */
static void expect_identity(const char *oracle, const char *sqlite, int always, int on_null)
{
    sql_stmt st;
    translate_ok(oracle, &st);
    assert_int_equal(st.sqlite.nidentities, 1);
    const sql_identity *id = &st.sqlite.identities[0];
    assert_int_equal(strlen(id->key), 16);
    assert_int_equal(id->always, always);
    assert_int_equal(id->on_null, on_null);
    char want[512];
    const char *k = strstr(sqlite, "KEY");
    assert_non_null(k);
    snprintf(want, sizeof want, "%.*s%s%s", (int)(k - sqlite), sqlite, id->key, k + 3);
    assert_string_equal(sqlite_sql(&st), want);
    sql_stmt_free(&st);
}

static void test_identity_columns(void **state)
{
    expect_identity("create table t (id number generated always as identity, a number)",
                    "CREATE TABLE \"SCOTT.T\" (ID NUMBER TEXT COLLATE ORA_NUMBER NOT NULL DEFAULT "
                    "(ORA_IDENTITY('KEY')), A NUMBER TEXT COLLATE ORA_NUMBER)",
                    1, 0);
    expect_identity("create table t (id number generated by default on null as identity (start with "
                    "5 increment by 2) primary key)",
                    "CREATE TABLE \"SCOTT.T\" (ID NUMBER TEXT COLLATE ORA_NUMBER NOT NULL DEFAULT "
                    "(ORA_IDENTITY('KEY')) PRIMARY KEY)",
                    0, 1);
    expect_identity("create table t (id number generated as identity, a number, constraint t_pk "
                    "primary key (id))",
                    "CREATE TABLE \"SCOTT.T\" (ID NUMBER TEXT COLLATE ORA_NUMBER NOT NULL DEFAULT "
                    "(ORA_IDENTITY('KEY')), A NUMBER TEXT COLLATE ORA_NUMBER, CONSTRAINT T_PK PRIMARY "
                    "KEY (ID))",
                    1, 0);
    sql_stmt st;
    translate_ok("create table t (id integer generated by default as identity (start with 5 "
                 "increment by 2 nocache))",
                 &st);
    const sql_sequence_stmt *o = &st.sqlite.identities[0].options;
    assert_string_equal(st.sqlite.identities[0].column, "ID");
    assert_int_equal(o->given, SEQ_START | SEQ_INCREMENT | SEQ_CACHE);
    assert_int_equal(o->start, 5);
    assert_int_equal(o->increment, 2);
    sql_stmt_free(&st);
    expect_error("create table t (a number generated always as identity, b number generated "
                 "always as identity)",
                 30669, 64);
    expect_error("alter table t add (b number generated always as identity)", 3001, 28);
}

static void test_create_table_errors(void **state)
{
    expect_error("create table t (a)", 2263, 17);
    expect_error("create table t (a foo)", 902, 18);
    expect_error("create table t (a varchar2)", 906, 26);
    expect_error("create table t (a number(x))", 910, 25);
    expect_error("create table t (a number junk)", 907, 25);
    expect_sql("create table t (a interval day to second, b interval year(4) to month, "
               "c interval day(3) to second(0))",
               "CREATE TABLE \"SCOTT.T\" (A INTERVAL DAY \"TO\" SECOND(2,6), B INTERVAL YEAR "
               "\"TO\" MONTH(4), C INTERVAL DAY \"TO\" SECOND(3,0))");
    expect_error("create table t (a interval day to month)", 905, 31);
    expect_error("create table t (a bfile)", 3001, 18);
    expect_error("create table t (a, b) as select 1, 2 from dual", 3001, 15);
    expect_error("create table t (select number)", 904, 16);
    expect_error("create global temporary table t (a number)", 3001, 0);
    expect_error("create frobnicator x", 901, 7);
}

static void test_indexes_views_drops(void **state)
{
    expect_sql("create index emp_ix on emp (ename, upper(job) desc) tablespace users online",
               "CREATE INDEX \"SCOTT.EMP_IX\" ON \"SCOTT.EMP\" (ENAME, UPPER(JOB) DESC)");
    expect_sql("create unique index hr.ix on hr.t (a)",
               "CREATE UNIQUE INDEX \"HR.IX\" ON \"HR.T\" (A)");
    expect_sql("create bitmap index ix on t (a)", "CREATE INDEX \"SCOTT.IX\" ON \"SCOTT.T\" (A)");
    expect_sql("create view v as select a from t",
               "CREATE VIEW \"SCOTT.V\" /*ORA:73656C65637420612066726F6D2074*/ AS SELECT A FROM \"SCOTT.T\" T");
    expect_sql("create or replace force view v (x) as select a from t with read only",
               "DROP VIEW IF EXISTS \"SCOTT.V\"; CREATE VIEW \"SCOTT.V\" /*ORA:73656C65637420612066726F6D207420776974682072656164206F6E6C79*/ (X) AS "
               "SELECT A FROM \"SCOTT.T\" T"); /* the query as written: view_text.h */
    expect_sql("drop table emp cascade constraints purge", "DROP TABLE \"SCOTT.EMP\"");
    expect_sql("drop view hr.v", "DROP VIEW \"HR.V\"");
    expect_sql("drop index emp_ix", "DROP INDEX \"SCOTT.EMP_IX\"");
    expect_sql("truncate table emp drop storage", "DELETE FROM \"SCOTT.EMP\"");
    expect_sql("rename emp to emp_old", "ALTER TABLE \"SCOTT.EMP\" RENAME TO \"SCOTT.EMP_OLD\"");
    sql_stmt st;
    translate_ok("create or replace view v as select 1 x from dual", &st);
    assert_int_equal(st.sqlite.text.nstatements, 2);
    assert_int_equal(st.command_type, 21);
    sql_stmt_free(&st);
    translate_ok("truncate table emp", &st);
    assert_int_equal(st.kind, SQLK_DDL);
    assert_int_equal(st.command_type, 85);
    sql_stmt_free(&st);
    expect_error("create index ix t (a)", 969, 16);
    expect_error("drop frob x", 950, 5);
    expect_error("create or replace table t (a number)", 901, 18);
    expect_error("create type t as object (a number);", 3001, 7);
}

/* CREATE / DROP PROCEDURE, FUNCTION and PACKAGE [BODY] keep what the server needs: the unit's
 * text from PROCEDURE / FUNCTION / PACKAGE on (wsql's "/" line left out), or the name dropped. */
static void test_stored_units(void **state)
{
    sql_stmt st;
    translate_ok("create or replace editionable procedure p is begin null; end;\n/\n", &st);
    assert_int_equal(st.kind, SQLK_CREATE_UNIT);
    assert_int_equal(st.command_type, 24);
    assert_true(st.unit.or_replace);
    assert_int_equal(st.unit.type, SQL_UNIT_PROCEDURE);
    assert_string_equal(st.unit.text, "procedure p is begin null; end;");
    sql_stmt_free(&st);
    translate_ok("CREATE FUNCTION f RETURN NUMBER IS BEGIN RETURN 1; END;", &st);
    assert_int_equal(st.command_type, 91);
    assert_false(st.unit.or_replace);
    assert_int_equal(st.unit.type, SQL_UNIT_FUNCTION);
    sql_stmt_free(&st);
    translate_ok("create or replace package body pk as end;", &st);
    assert_int_equal(st.command_type, 97);
    assert_int_equal(st.unit.type, SQL_UNIT_PACKAGE_BODY);
    assert_string_equal(st.unit.text, "package body pk as end;");
    sql_stmt_free(&st);
    translate_ok("create package pk as x number; end;", &st);
    assert_int_equal(st.command_type, 94);
    assert_int_equal(st.unit.type, SQL_UNIT_PACKAGE);
    sql_stmt_free(&st);
    translate_ok("drop package body scott.pk;", &st);
    assert_int_equal(st.command_type, 99);
    assert_int_equal(st.unit.type, SQL_UNIT_PACKAGE_BODY);
    assert_string_equal(st.unit.owner, "SCOTT");
    assert_string_equal(st.unit.name, "PK");
    sql_stmt_free(&st);
    translate_ok("drop package pk", &st);
    assert_int_equal(st.command_type, 96);
    assert_int_equal(st.unit.type, SQL_UNIT_PACKAGE);
    sql_stmt_free(&st);
    translate_ok("drop procedure scott.p", &st);
    assert_int_equal(st.kind, SQLK_DROP_UNIT);
    assert_int_equal(st.command_type, 68);
    assert_string_equal(st.unit.owner, "SCOTT");
    assert_string_equal(st.unit.name, "P");
    sql_stmt_free(&st);
    translate_ok("drop function \"f\";", &st);
    assert_int_equal(st.command_type, 93);
    assert_null(st.unit.owner);
    assert_string_equal(st.unit.name, "f");
    sql_stmt_free(&st);
    translate_ok("alter package body scott.pk compile debug reuse settings;", &st);
    assert_int_equal(st.kind, SQLK_ALTER_UNIT);
    assert_int_equal(st.command_type, 98);
    assert_int_equal(st.unit.type, SQL_UNIT_PACKAGE_BODY);
    assert_string_equal(st.unit.name, "PK");
    sql_stmt_free(&st);
    translate_ok("alter package pk compile specification", &st);
    assert_int_equal(st.command_type, 95);
    assert_true(st.unit.spec_only);
    sql_stmt_free(&st);
    translate_ok("alter package pk compile body", &st);
    assert_int_equal(st.unit.type, SQL_UNIT_PACKAGE_BODY);
    sql_stmt_free(&st);
    translate_ok("alter function f compile", &st);
    assert_int_equal(st.command_type, 92);
    sql_stmt_free(&st);
    expect_error("alter procedure p frob", 922, 18);
    expect_error("alter procedure p editionable", 3001, 18);
    expect_error("alter procedure p compile x", 933, 26);
    expect_error("drop procedure p q", 933, 17);
    expect_error("drop function 1", 903, 14);
}

/* DML ... RETURNING ... INTO: the DML runs without the clause; its values come from the
 * queries around it; the INTO binds are the statement's last. */
static void test_returning_into(void **state)
{
    sql_stmt st;
    translate_ok("insert into emp (empno) values (:1) returning empno, ename into :a, :b", &st);
    assert_string_equal(sqlite_sql(&st), "INSERT INTO \"SCOTT.EMP\" (EMPNO) VALUES (?1)");
    assert_int_equal(st.sqlite.text.nbinds, 3);
    assert_int_equal(st.sqlite.nreturning, 2);
    assert_null(st.sqlite.returning_before);
    assert_string_equal(st.sqlite.returning_after,
                        "SELECT  EMPNO, ENAME FROM \"SCOTT.EMP\" AS EMP WHERE EMP.rowid = :returning_rowid");
    sql_stmt_free(&st);
    translate_ok("update emp e set sal = :1 where deptno = :2 returning e.sal into :s", &st);
    assert_string_equal(sqlite_sql(&st), "UPDATE \"SCOTT.EMP\" AS E SET SAL = ?1 WHERE DEPTNO = ?2");
    assert_string_equal(st.sqlite.returning_before,
                        "SELECT E.rowid FROM  \"SCOTT.EMP\" AS E WHERE DEPTNO = ?2");
    sql_stmt_free(&st);
    translate_ok("delete emp where empno = :1 return ename into :n", &st);
    assert_string_equal(st.sqlite.returning_before,
                        "SELECT  ENAME FROM  \"SCOTT.EMP\" AS EMP WHERE EMPNO = ?1");
    assert_null(st.sqlite.returning_after);
    sql_stmt_free(&st);
    assert_int_equal(sql_returning_into_binds("delete emp where empno = :1 return ename into :n"), 1);
    assert_int_equal(sql_returning_into_binds("select 1 into :x from dual"), 0);
    /* CREATE TABLE AS SELECT: an expression needs an alias (its column's name) */
    expect_error("create table t2 as select empno, sal * 12 from emp", 998, 33);
    translate_ok("create table t2 as select empno, sal * 12 yearly from emp union select 1, 2 from dual", &st);
    sql_stmt_free(&st);
    /* CREATE TABLE AS and INSERT ... SELECT: where the query starts, for the engine */
    translate_ok("create table t2 as select * from emp", &st);
    assert_string_equal(st.sqlite.text.sql + st.sqlite.query_at, " SELECT * FROM \"SCOTT.EMP\" EMP");
    sql_stmt_free(&st);
    translate_ok("insert into t2 (a) select empno from emp", &st);
    assert_string_equal(st.sqlite.text.sql + st.sqlite.query_at, " SELECT EMPNO FROM \"SCOTT.EMP\" EMP");
    sql_stmt_free(&st);
    translate_ok("insert into t2 values (1)", &st);
    assert_int_equal(st.sqlite.query_at, 0);
    sql_stmt_free(&st);
    /* blanks may follow a bind's colon */
    assert_int_equal(
        sql_returning_into_binds("insert into emp (empno) values (: 1)returning (empno)into :\t2"), 1);
    expect_sql("select ename e from emp where empno = : 1 and ename = :\t2",
               "SELECT ENAME E FROM \"SCOTT.EMP\" EMP WHERE EMPNO = ?1 AND ENAME = ?2");
    expect_error("select : x from dual", 911, 7);
    expect_error("delete emp returning ename into :a, :b", 913, 38);
    expect_error("delete emp returning ename, sal into :a, sal into :b", 933, 41);
    expect_error("delete emp returning ename into 5", 936, 32);
    /* a parenthesised list is one expression too many for Oracle: ORA-00907 at its comma */
    expect_error("delete emp returning (ename, sal) into :a, :b", 907, 27);
    expect_error("delete emp returning (ename,) into :a", 907, 27);
    expect_error("delete emp returning (ename() into :a", 907, 30);
    /* the binds the drivers take for RETURNING's: after INTO, also where parentheses are wrong */
    assert_int_equal(sql_returning_into_binds("delete emp returning (ename() into :a"), 1);
    expect_error("delete emp returning ename, sal into :a", 947, 39);
    expect_error("delete emp returning ename", 925, 26);
    expect_error("insert into emp select * from emp returning ename into :a", 3001, 34);
    /* a bind among the expressions: numbered after the DML's, in the RETURNING query */
    translate_ok("delete emp where empno = :e returning ename || :x into :a", &st);
    assert_string_equal(st.sqlite.returning_before,
                        "SELECT  CONCAT(ENAME, ?2) FROM  \"SCOTT.EMP\" AS EMP WHERE EMPNO = ?1");
    assert_int_equal(st.sqlite.text.nbinds, 3);
    sql_stmt_free(&st);
}

/* COMMENT ON TABLE / COLUMN: what the server keeps; other objects are ORA-03001. */
static void test_comment_on(void **state)
{
    sql_stmt st;
    translate_ok("comment on table emp is 'People'", &st);
    assert_int_equal(st.kind, SQLK_COMMENT);
    assert_int_equal(st.command_type, 29);
    assert_string_equal(st.comment.table.schema, "SCOTT");
    assert_string_equal(st.comment.table.name, "EMP");
    assert_null(st.comment.column);
    assert_string_equal(st.comment.text, "People");
    sql_stmt_free(&st);
    translate_ok("COMMENT ON COLUMN hr.emp.sal IS ''", &st);
    assert_string_equal(st.comment.table.schema, "HR");
    assert_string_equal(st.comment.column, "SAL");
    assert_null(st.comment.text); /* '' removes the comment */
    sql_stmt_free(&st);
    expect_error("comment on column emp is 'x'", 904, 18);
    expect_error("comment on table emp 'x'", 905, 21);
    expect_error("comment on table emp is 5", 1780, 24);
    expect_error("comment on materialized view mv is 'x'", 3001, 11);
}

/* ---- cursor expressions ---- */

/* A statement with one cursor expression: its SQLite text, the expression's kept text, its
 * column and how many hidden values it takes. */
typedef struct cursor_expr_case {
    const char *oracle, *sqlite, *query;
    int column, from_end, nvalues;
} cursor_expr_case;

static const cursor_expr_case cursor_expr_cases[] = {
    /* correlated: the outer reference is a bind of the kept text, its column a hidden value */
    {"SELECT d.dname, CURSOR(SELECT e.ename FROM emp e WHERE e.deptno = d.deptno ORDER BY "
     "e.ename) emps FROM dept d",
     "SELECT D.DNAME, NULL EMPS, D.DEPTNO FROM \"SCOTT.DEPT\" D",
     "SELECT e.ename FROM emp e WHERE e.deptno = :C1 ORDER BY e.ename", 1, 0, 1},
    /* uncorrelated, derived name; a table's own name qualifies as its alias does */
    {"select cursor(select 1 from dual) from dept",
     "SELECT NULL AS \"CURSOR(SELECT1FROMDUAL)\" FROM \"SCOTT.DEPT\" DEPT", "select 1 from dual",
     0, 0, 0},
    {"select cursor(select ename from emp where emp.deptno = dept.deptno) c from dept",
     "SELECT NULL C, DEPT.DEPTNO FROM \"SCOTT.DEPT\" DEPT",
     "select ename from emp where emp.deptno = :C1", 0, 0, 1},
    /* the subquery's own alias wins over the outer one; binds go through hidden values */
    {"SELECT CURSOR(SELECT d.x FROM t d WHERE d.y = :v) c, d.z FROM dept d WHERE d.a = :w",
     "SELECT NULL C, D.Z, ?1 FROM \"SCOTT.DEPT\" D WHERE D.A = ?2",
     "SELECT d.x FROM t d WHERE d.y = :v", 0, 0, 1},
    /* after a *, counted back from the end of the select list */
    {"SELECT d.*, CURSOR(SELECT 1 FROM dual WHERE d.deptno > 0) c, 1 one FROM dept d",
     "SELECT D.*, NULL C, 1 ONE, D.DEPTNO FROM \"SCOTT.DEPT\" D",
     "SELECT 1 FROM dual WHERE :C1 > 0", 1, 1, 1},
    /* two levels: the inner cursor is the kept text's to translate, its outer references
     * to the top query binds of it */
    {"SELECT CURSOR(SELECT e.ename, CURSOR(SELECT b.x FROM bonus b WHERE b.e = e.empno AND b.d = "
     "d.deptno) bs FROM emp e) es FROM dept d",
     "SELECT NULL ES, D.DEPTNO FROM \"SCOTT.DEPT\" D",
     "SELECT e.ename, CURSOR(SELECT b.x FROM bonus b WHERE b.e = e.empno AND b.d = :C1) bs FROM "
     "emp e",
     0, 0, 1},
    {"SELECT e.ename, CURSOR(SELECT b.x FROM bonus b WHERE b.e = e.empno AND b.d = :C1) bs FROM "
     "emp e",
     "SELECT E.ENAME, NULL BS, E.EMPNO, ?1 FROM \"SCOTT.EMP\" E",
     "SELECT b.x FROM bonus b WHERE b.e = :C1 AND b.d = :C1", 1, 0, 2},
};

static void expect_cursor_expr(const cursor_expr_case *c)
{
    sql_stmt st;
    translate_ok(c->oracle, &st);
    if (strcmp(sqlite_sql(&st), c->sqlite) != 0)
        fail_msg("%s\n  got:  %s\n  want: %s", c->oracle, sqlite_sql(&st), c->sqlite);
    assert_int_equal(st.sqlite.ncursor_exprs, 1);
    const sql_cursor_expr *e = &st.sqlite.cursor_exprs[0];
    if (strcmp(e->query, c->query) != 0)
        fail_msg("%s\n  kept: %s\n  want: %s", c->oracle, e->query, c->query);
    assert_int_equal(e->column, c->column);
    assert_int_equal(e->from_end, c->from_end);
    assert_int_equal(e->nvalues, c->nvalues);
    assert_int_equal(st.sqlite.nhidden_values, c->nvalues);
    sql_stmt_free(&st);
}

static void test_cursor_expressions(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cursor_expr_cases / sizeof cursor_expr_cases[0]; i++)
        expect_cursor_expr(&cursor_expr_cases[i]);
    /* only a whole item of the top query's select list */
    expect_error("SELECT CURSOR(SELECT 1 FROM dual) || 'x' FROM dual", 923, 34);
    expect_error("SELECT 1 FROM dual WHERE CURSOR(SELECT 1 FROM dual) IS NULL", 22902, 25);
    expect_error("SELECT (SELECT CURSOR(SELECT 1 FROM dual) FROM dual) FROM dual", 22902, 15);
    expect_error("INSERT INTO t SELECT CURSOR(SELECT 1 FROM dual) FROM dual", 22902, 21);
    expect_error("SELECT CURSOR(SELECT 1 FROM dual) c FROM dual UNION SELECT NULL FROM dual",
                 22902, 46);
    expect_error("SELECT CURSOR(SELECT 1 FROM dual) c FROM t FOR UPDATE", 3001, 43);
    expect_error("SELECT a.*, CURSOR(SELECT 1 FROM dual) c, b.* FROM t a, t b", 3001, 19);
    expect_error("SELECT CURSOR(SELECT 1 FROM dual c FROM dual", 907, 44);
}

static void test_sequences(void **state)
{
    sql_stmt st;
    translate_ok("create sequence s", &st);
    assert_int_equal(st.kind, SQLK_SEQUENCE);
    assert_int_equal(st.command_type, 13);
    assert_int_equal(st.sequence.action, SEQ_CREATE);
    assert_string_equal(st.sequence.sequence.schema, "SCOTT");
    assert_string_equal(st.sequence.sequence.name, "S");
    assert_int_equal(st.sequence.given, 0);
    sql_stmt_free(&st);
    translate_ok("CREATE SEQUENCE hr.s START WITH -5 INCREMENT BY -1 MAXVALUE -2 NOMINVALUE "
                 "NOCACHE CYCLE ORDER KEEP",
                 &st);
    assert_string_equal(st.sequence.sequence.schema, "HR");
    assert_int_equal(st.sequence.start, -5);
    assert_int_equal(st.sequence.increment, -1);
    assert_int_equal(st.sequence.maxvalue, -2);
    assert_int_equal(st.sequence.nominvalue, 1);
    assert_int_equal(st.sequence.cache, 0);
    assert_int_equal(st.sequence.cycle, 1);
    assert_int_equal(st.sequence.order, 1);
    assert_int_equal(st.sequence.given, SEQ_START | SEQ_INCREMENT | SEQ_MAXVALUE | SEQ_MINVALUE |
                                            SEQ_CACHE | SEQ_CYCLE | SEQ_ORDER);
    sql_stmt_free(&st);
    translate_ok("create sequence s maxvalue 99999999999999999999999999", &st);
    assert_true(st.sequence.maxvalue == INT64_MAX); /* clamped */
    sql_stmt_free(&st);
    translate_ok("alter sequence s restart start with 7", &st);
    assert_int_equal(st.command_type, 14);
    assert_int_equal(st.sequence.given, SEQ_RESTART | SEQ_START);
    assert_int_equal(st.sequence.start, 7);
    sql_stmt_free(&st);
    translate_ok("drop sequence s", &st);
    assert_int_equal(st.command_type, 16);
    assert_int_equal(st.sequence.action, SEQ_DROP);
    sql_stmt_free(&st);
    expect_error("create sequence s cache 5 nocache", 2281, 26);
    expect_error("create sequence s increment by 1 increment by 2", 2284, 33);
    expect_error("create sequence s start with 1.5", 4002, 29);
    expect_error("create sequence s start 1", 905, 24);
    expect_error("alter sequence s start with 3", 2283, 17);
    expect_error("alter sequence s", 2286, 16);
    expect_error("create sequence s frob", 933, 18);
    expect_sql("select s.nextval, s.currval from dual",
               "SELECT ORA_NEXTVAL('SCOTT', 'S') AS \"NEXTVAL\", ORA_CURRVAL('SCOTT', 'S') AS "
               "\"CURRVAL\" FROM DUAL");
    expect_sql("select hr.s.nextval + 1 n from dual",
               "SELECT ORA_XADD(ORA_NEXTVAL('HR', 'S'), 1) N FROM DUAL");
    expect_sql("insert into t (a) values (\"it's\".nextval)",
               "INSERT INTO \"SCOTT.T\" (A) VALUES (ORA_NEXTVAL('SCOTT', 'it''s'))");
    /* once per row: the first reference increments, the others read that value */
    expect_sql("insert into t (a, b, c) values (s.nextval, scott.s.nextval, r.nextval)",
               "INSERT INTO \"SCOTT.T\" (A, B, C) VALUES (ORA_NEXTVAL('SCOTT', 'S'), "
               "ORA_CURRVAL('SCOTT', 'S'), ORA_NEXTVAL('SCOTT', 'R'))");
    expect_sql("select s.currval a, s.nextval b, r.currval c from dual",
               "SELECT ORA_NEXTVAL('SCOTT', 'S') A, ORA_CURRVAL('SCOTT', 'S') B, "
               "ORA_CURRVAL('SCOTT', 'R') C FROM DUAL");
}

static void test_alter_table(void **state)
{
    sql_stmt st;
    translate_ok("alter table emp add (bonus number(7,2), note varchar2(10))", &st);
    assert_string_equal(sqlite_sql(&st),
                        "ALTER TABLE \"SCOTT.EMP\" ADD COLUMN BONUS NUMBER TEXT(7,2) COLLATE "
                        "ORA_NUMBER; ALTER TABLE \"SCOTT.EMP\" ADD COLUMN NOTE VARCHAR2(10)");
    assert_int_equal(st.sqlite.text.nstatements, 2);
    assert_string_equal(st.sqlite.object.name, "EMP");
    sql_stmt_free(&st);
    expect_sql("alter table emp add bonus number",
               "ALTER TABLE \"SCOTT.EMP\" ADD COLUMN BONUS NUMBER TEXT COLLATE ORA_NUMBER");
    expect_sql("alter table emp drop column bonus", "ALTER TABLE \"SCOTT.EMP\" DROP COLUMN BONUS");
    expect_sql("alter table emp drop (a, b)",
               "ALTER TABLE \"SCOTT.EMP\" DROP COLUMN A; ALTER TABLE \"SCOTT.EMP\" DROP COLUMN B");
    expect_sql("alter table emp rename column a to b",
               "ALTER TABLE \"SCOTT.EMP\" RENAME COLUMN A TO B");
    expect_sql("alter table hr.emp rename to emp2", "ALTER TABLE \"HR.EMP\" RENAME TO \"HR.EMP2\"");
    expect_error("alter table emp modify (a number(5))", 3001, 16);
    expect_error("alter table emp add constraint c unique (a)", 3001, 16);
    expect_error("alter index ix rebuild", 3001, 0);
    expect_error("alter frob", 940, 6);
}

static void test_lock_table(void **state)
{
    sql_stmt st;
    translate_ok("lock table emp in exclusive mode nowait", &st);
    assert_int_equal(st.kind, SQLK_LOCK_TABLE);
    assert_int_equal(st.lock_table.wait, 0);
    assert_string_equal(st.lock_table.table.name, "EMP");
    assert_string_equal(sqlite_sql(&st), "SELECT 1 FROM \"SCOTT.EMP\" WHERE 0");
    sql_stmt_free(&st);
    translate_ok("lock table emp, hr.dept in row exclusive mode wait 3", &st);
    assert_int_equal(st.lock_table.wait, 3);
    assert_int_equal(st.lock_table.ntables, 2);
    assert_string_equal(st.lock_table.others[0].schema, "HR");
    assert_string_equal(st.lock_table.others[0].name, "DEPT");
    assert_string_equal(sqlite_sql(&st), "SELECT 1 FROM \"SCOTT.EMP\", \"HR.DEPT\" WHERE 0");
    sql_stmt_free(&st);
    translate_ok("lock table emp in share mode", &st);
    assert_int_equal(st.lock_table.wait, -1);
    sql_stmt_free(&st);
    expect_error("lock table emp nowait", 905, 15);
}

/* ---- transactions, PL/SQL, ALTER SYSTEM/SESSION ---- */

static void test_transaction_control(void **state)
{
    sql_stmt st;
    translate_ok("commit", &st);
    assert_int_equal(st.kind, SQLK_COMMIT);
    assert_null(sqlite_sql(&st));
    sql_stmt_free(&st);
    translate_ok("COMMIT WORK;", &st);
    assert_int_equal(st.kind, SQLK_COMMIT);
    sql_stmt_free(&st);
    translate_ok("commit comment 'x' write batch nowait", &st);
    assert_int_equal(st.kind, SQLK_COMMIT);
    sql_stmt_free(&st);
    translate_ok("rollback", &st);
    assert_int_equal(st.kind, SQLK_ROLLBACK);
    assert_null(st.savepoint.name);
    sql_stmt_free(&st);
    translate_ok("rollback work to savepoint sp1", &st);
    assert_int_equal(st.kind, SQLK_ROLLBACK);
    assert_string_equal(st.savepoint.name, "SP1");
    sql_stmt_free(&st);
    translate_ok("rollback to \"Sp\"", &st);
    assert_string_equal(st.savepoint.name, "Sp");
    sql_stmt_free(&st);
    translate_ok("savepoint before_update", &st);
    assert_int_equal(st.kind, SQLK_SAVEPOINT);
    assert_string_equal(st.savepoint.name, "BEFORE_UPDATE");
    sql_stmt_free(&st);
    expect_error("commit now", 933, 7);
    expect_error("savepoint", 904, 9);
    expect_error("rollback to", 904, 11);
}

static void test_kept_text(void **state)
{
    sql_stmt st;
    translate_ok("begin\n  dbms_lock.sleep(5);\nend;\n", &st);
    assert_int_equal(st.kind, SQLK_PLSQL);
    assert_string_equal(st.kept.text, "begin\n  dbms_lock.sleep(5);\nend;");
    sql_stmt_free(&st);
    translate_ok("/* x */ declare n number; begin null; end;", &st);
    assert_int_equal(st.kind, SQLK_PLSQL);
    assert_string_equal(st.kept.text, "declare n number; begin null; end;");
    sql_stmt_free(&st);
}

/* ---- ALTER SYSTEM ---- */

/* Translate SQL: ALTER SYSTEM ACTION on session SID,SERIAL (instance INST) ending MODE. */
static void expect_end_session(const char *sql, sql_alter_system_action action, int sid, int serial,
                               int inst, sql_end_mode mode)
{
    sql_stmt st;
    translate_ok(sql, &st);
    assert_int_equal(st.kind, SQLK_ALTER_SYSTEM);
    assert_int_equal(st.command_type, 49);
    assert_int_equal(st.alter_system.action, action);
    assert_int_equal(st.alter_system.sid, sid);
    assert_int_equal(st.alter_system.serial, serial);
    assert_int_equal(st.alter_system.inst_id, inst);
    assert_int_equal(st.alter_system.mode, mode);
    assert_null(sqlite_sql(&st));
    sql_stmt_free(&st);
}

static void test_alter_system_sessions(void **state)
{
    expect_end_session("ALTER SYSTEM KILL SESSION '30,7' IMMEDIATE;", ALTER_SYSTEM_KILL_SESSION, 30,
                       7, 0, END_MODE_IMMEDIATE);
    expect_end_session("alter system kill session '130,620,@1'", ALTER_SYSTEM_KILL_SESSION, 130,
                       620, 1, END_MODE_NONE);
    expect_end_session("alter system kill session ' 130 , 620 , @ 2 ' immediate ;",
                       ALTER_SYSTEM_KILL_SESSION, 130, 620, 2, END_MODE_IMMEDIATE);
    expect_end_session("alter system disconnect session '30,7' post_transaction",
                       ALTER_SYSTEM_DISCONNECT_SESSION, 30, 7, 0, END_MODE_POST_TRANSACTION);
    expect_end_session("alter system disconnect session '30,7' immediate post_transaction",
                       ALTER_SYSTEM_DISCONNECT_SESSION, 30, 7, 0, END_MODE_POST_TRANSACTION);
    expect_end_session("alter system disconnect session '30,7' IMMEDIATE",
                       ALTER_SYSTEM_DISCONNECT_SESSION, 30, 7, 0, END_MODE_IMMEDIATE);
    expect_end_session("alter system cancel sql '30,7'", ALTER_SYSTEM_CANCEL_SQL, 30, 7, 0,
                       END_MODE_NONE);
    sql_stmt st;
    translate_ok("alter system cancel sql '30, 7, @1, 0123456789abc'", &st);
    assert_int_equal(st.alter_system.inst_id, 1);
    assert_string_equal(st.alter_system.sql_id, "0123456789abc");
    sql_stmt_free(&st);
    translate_ok("alter system cancel sql '30,7'", &st);
    assert_string_equal(st.alter_system.sql_id, "");
    sql_stmt_free(&st);
}

static void test_alter_system_session_errors(void **state)
{
    expect_error("alter system", 922, 12);
    /* ORA-00026 at 0: the quoted session is not 'sid,serial#[,@inst_id]' */
    expect_error("alter system kill session '30'", 26, 0);
    expect_error("alter system kill session '30,7,1'", 26, 0); /* an instance without '@' */
    expect_error("alter system kill session '30,7,@0'", 26, 0);
    expect_error("alter system kill session '30,7,@1,@1'", 26, 0);
    expect_error("alter system kill session '30,x'", 26, 0);
    expect_error("alter system kill session '30,7,0123456789abc'", 26, 0); /* SQL_ID: CANCEL only */
    expect_error("alter system cancel sql '30,7,0123456789ab'", 26, 0);    /* 12 characters */
    expect_error("alter system cancel sql '30,7,0123456789abc,0123456789abc'", 26, 0);
    expect_error("alter system kill session 30,7", 26, 0);
    expect_error("alter system kill session N'30,7'", 26, 0);
    expect_error("alter system kill session", 26, 0);
    expect_error("alter system kill session '30,7000000000'", 26, 0);
    /* ORA-00933 at the word that does not belong */
    expect_error("alter system kill session '30,7' post_transaction", 933, 33);
    expect_error("alter system kill session '30,7' immediate now", 933, 43);
    expect_error("alter system cancel sql '30,7' immediate", 933, 31);
    expect_error("alter system kill session '30,7' ; x", 933, 33);
    /* ORA-02000 at the statement's last character, as the article shows it */
    expect_error("alter system disconnect session '30,7'", 2000, 37);
    expect_error("alter system disconnect session '30,7' ;", 2000, 37);
    expect_error("alter system disconnect session '130,620,@1'  ", 2000, 43);
    ora_error err;
    sql_stmt st;
    const char *disconnect = "alter system disconnect session '30,7'";
    assert_int_equal(sql_translate(disconnect, &scott, &st, &err), -1);
    assert_string_equal(err.msg, "ORA-02000: missing POST_TRANSACTION or IMMEDIATE keyword");
    /* other ALTER SYSTEM forms */
    expect_error("alter system flush shared_pool", 3001, 0);
    expect_error("alter system kill", 3001, 0);
    expect_error("alter system switch logfile;", 3001, 0);
}

static void test_alter_system_set(void **state)
{
    sql_stmt st;
    translate_ok("alter system set kill_session_wait = 60 scope = memory", &st);
    assert_int_equal(st.kind, SQLK_ALTER_SYSTEM);
    assert_int_equal(st.alter_system.action, ALTER_SYSTEM_SET);
    assert_string_equal(st.alter_system.parameter, "KILL_SESSION_WAIT");
    assert_string_equal(st.alter_system.value, "60");
    assert_false(st.alter_system.value_quoted);
    assert_string_equal(st.alter_system.scope, "MEMORY");
    sql_stmt_free(&st);
    translate_ok("alter system set kill_session_wait=-1", &st);
    assert_string_equal(st.alter_system.value, "-1");
    assert_null(st.alter_system.scope);
    sql_stmt_free(&st);
    translate_ok("alter system set kill_session_wait = '5' scope=both;", &st);
    assert_string_equal(st.alter_system.value, "5");
    assert_true(st.alter_system.value_quoted);
    assert_string_equal(st.alter_system.scope, "BOTH");
    sql_stmt_free(&st);
    translate_ok("alter system set = 5", &st); /* the server answers ORA-02065 */
    assert_null(st.alter_system.parameter);
    sql_stmt_free(&st);
    translate_ok("alter system set kill_session_wait = scope = spfile", &st); /* ORA-00096 */
    assert_null(st.alter_system.value);
    sql_stmt_free(&st);
    expect_error("alter system set", 927, 0);
    expect_error("alter system set kill_session_wait 5", 927, 0);
    expect_error("alter system set kill_session_wait = 5 scope memory", 927, 0);
    expect_error("alter system set kill_session_wait = 5 scope = nowhere", 922, 0);
    expect_error("alter system set kill_session_wait = 5 extra", 933, 0);
}

/* ---- users, privileges, profiles ---- */

static void test_users(void **state)
{
    sql_stmt st;
    translate_ok(
        "create user bob identified by Secret1 default tablespace users temporary tablespace temp "
        "quota 10M on users profile app account unlock",
        &st);
    assert_int_equal(st.kind, SQLK_CREATE_USER);
    assert_int_equal(st.command_type, 51);
    assert_string_equal(st.user.name, "BOB");
    assert_string_equal(st.user.password, "Secret1");
    assert_string_equal(st.user.profile, "APP");
    assert_int_equal(st.user.account_lock, -1);
    assert_null(sqlite_sql(&st));
    sql_stmt_free(&st);
    translate_ok("create user \"Alice\" identified by \"pa ss\" password expire", &st);
    assert_string_equal(st.user.name, "Alice");
    assert_string_equal(st.user.password, "pa ss");
    assert_true(st.user.password_expire);
    sql_stmt_free(&st);
    translate_ok("alter user bob identified by x2 account lock", &st);
    assert_int_equal(st.kind, SQLK_ALTER_USER);
    assert_string_equal(st.user.password, "x2");
    assert_int_equal(st.user.account_lock, 1);
    sql_stmt_free(&st);
    translate_ok("alter user bob profile default", &st);
    assert_string_equal(st.user.profile, "DEFAULT");
    assert_null(st.user.password);
    sql_stmt_free(&st);
    translate_ok("drop user bob cascade", &st);
    assert_int_equal(st.kind, SQLK_DROP_USER);
    assert_true(st.user.cascade);
    sql_stmt_free(&st);
    translate_ok("drop user bob", &st);
    assert_false(st.user.cascade);
    sql_stmt_free(&st);
    expect_error("create user bob", 1938, 15);
    expect_error("create user bob identified by", 988, 29);
    expect_error("create user select identified by x", 1935, 12);
    expect_error("create user bob identified by x frobnicate", 922, 32);
    expect_error("alter user bob", 922, 14);
}

static void test_grants(void **state)
{
    sql_stmt st;
    translate_ok("grant create session, alter system, select any dictionary, dba to bob, \"Alice\" "
                 "with admin option",
                 &st);
    assert_int_equal(st.kind, SQLK_GRANT);
    assert_int_equal(st.grant.nprivileges, 4);
    assert_string_equal(st.grant.privileges[0], "CREATE SESSION");
    assert_string_equal(st.grant.privileges[1], "ALTER SYSTEM");
    assert_string_equal(st.grant.privileges[2], "SELECT ANY DICTIONARY");
    assert_string_equal(st.grant.privileges[3], "DBA");
    assert_int_equal(st.grant.ngrantees, 2);
    assert_string_equal(st.grant.grantees[0], "BOB");
    assert_string_equal(st.grant.grantees[1], "Alice");
    assert_true(st.grant.admin_option);
    sql_stmt_free(&st);
    translate_ok("grant select, insert on hr.emp to public", &st);
    assert_int_equal(st.grant.nprivileges, 2);
    assert_string_equal(st.grant.object.schema, "HR");
    assert_string_equal(st.grant.object.name, "EMP");
    assert_string_equal(st.grant.grantees[0], "PUBLIC");
    sql_stmt_free(&st);
    translate_ok("revoke connect, resource from bob", &st);
    assert_int_equal(st.kind, SQLK_REVOKE);
    assert_int_equal(st.command_type, 18);
    assert_string_equal(st.grant.privileges[1], "RESOURCE");
    assert_string_equal(st.grant.grantees[0], "BOB");
    sql_stmt_free(&st);
    expect_error("grant to bob", 990, 6);
    expect_error("grant dba bob", 905, 13);
    expect_error("grant dba to", 987, 12);
    expect_error("revoke dba to bob", 905, 11);
}

/* GRANT / REVOKE ... ON object: the privileges as words, the object resolved, the options. */
static void test_object_grants(void **state)
{
    sql_stmt st;
    translate_ok("grant all privileges, read on emp to connect, resource, bob with grant option",
                 &st);
    assert_int_equal(st.kind, SQLK_GRANT);
    assert_int_equal(st.command_type, 17);
    assert_int_equal(st.grant.nprivileges, 2);
    assert_string_equal(st.grant.privileges[0], "ALL PRIVILEGES");
    assert_string_equal(st.grant.privileges[1], "READ");
    assert_string_equal(st.grant.object.schema, "SCOTT");
    assert_string_equal(st.grant.object.name, "EMP");
    assert_int_equal(st.grant.ngrantees, 3);
    assert_string_equal(st.grant.grantees[0], "CONNECT");
    assert_string_equal(st.grant.grantees[1], "RESOURCE");
    assert_true(st.grant.grant_option);
    assert_false(st.grant.admin_option);
    sql_stmt_free(&st);
    translate_ok("grant execute on hr.\"Pay\" to public", &st);
    assert_string_equal(st.grant.privileges[0], "EXECUTE");
    assert_string_equal(st.grant.object.schema, "HR");
    assert_string_equal(st.grant.object.name, "Pay");
    assert_false(st.grant.grant_option);
    sql_stmt_free(&st);
    translate_ok("revoke select, update on hr.emp from bob, public", &st);
    assert_int_equal(st.kind, SQLK_REVOKE);
    assert_int_equal(st.grant.nprivileges, 2);
    assert_string_equal(st.grant.privileges[1], "UPDATE");
    assert_string_equal(st.grant.grantees[1], "PUBLIC");
    sql_stmt_free(&st);
    translate_ok("grant select on emp to bob with admin option", &st);
    assert_true(st.grant.admin_option); /* ORA-00993 when it runs */
    assert_false(st.grant.grant_option);
    sql_stmt_free(&st);
    expect_error("grant update (sal) on emp to bob", ORA_UNIMPLEMENTED, 13);
    expect_error("grant select on to bob", 903, 16);
    expect_error("grant select on emp bob", 905, 20);
    expect_error("revoke select on emp to bob", 905, 21);
}

/* schema.function(args) in SQL: the stored function's SQLite name, one quoted identifier. */
static void test_schema_function_calls(void **state)
{
    /* no such function (or a package's) is ORA-00904 "HR"."BONUS" when SQLite prepares it */
    expect_sql("select hr.bonus(sal, 2) from emp",
               "SELECT \"HR.BONUS\"(SAL, 2) AS \"HR.BONUS(SAL,2)\" FROM \"SCOTT.EMP\" EMP");
    expect_sql("select \"Hr\".\"Mixed\"(1) x from dual", "SELECT \"Hr.Mixed\"(1) X FROM DUAL");
    expect_error("select hr.bonus(sal from emp", ORA_MISSING_RIGHT_PAREN, 20);
    /* four names before "(" can be no stored function's */
    sql_stmt st;
    ora_error err;
    assert_int_equal(sql_translate("select a.b.c.d(1) from dual", &scott, &st, &err), -1);
    assert_string_equal(err.msg, "ORA-00904: \"A\".\"B\".\"C\".\"D\": invalid identifier");
    assert_int_equal(err.offset, 7);
}

static void test_profiles(void **state)
{
    sql_stmt st;
    translate_ok(
        "create profile app limit idle_time 30 sessions_per_user unlimited connect_time default "
        "password_life_time 1/24",
        &st);
    assert_int_equal(st.kind, SQLK_CREATE_PROFILE);
    assert_string_equal(st.profile.name, "APP");
    assert_int_equal(st.profile.nlimits, 4);
    assert_string_equal(st.profile.limits[0].resource, "IDLE_TIME");
    assert_string_equal(st.profile.limits[0].value, "30");
    assert_string_equal(st.profile.limits[1].value, "UNLIMITED");
    assert_string_equal(st.profile.limits[2].resource, "CONNECT_TIME");
    assert_string_equal(st.profile.limits[2].value, "DEFAULT");
    assert_string_equal(st.profile.limits[3].value, "1/24");
    sql_stmt_free(&st);
    translate_ok("alter profile app limit idle_time 5", &st);
    assert_int_equal(st.kind, SQLK_ALTER_PROFILE);
    sql_stmt_free(&st);
    translate_ok("alter profile default limit idle_time 60", &st);
    assert_string_equal(st.profile.name, "DEFAULT");
    sql_stmt_free(&st);
    translate_ok("drop profile app cascade", &st);
    assert_int_equal(st.kind, SQLK_DROP_PROFILE);
    assert_true(st.profile.cascade);
    sql_stmt_free(&st);
    /* LIMIT is no reserved word in Oracle: DBA_PROFILES has a LIMIT column */
    expect_sql("select resource_name, limit from t where limit = 'DEFAULT'",
               "SELECT RESOURCE_NAME, \"LIMIT\" FROM \"SCOTT.T\" T WHERE \"LIMIT\" = 'DEFAULT'");
    expect_error("select * from t limit 5", 933, 22);
    expect_error("create profile app limit frobs 3", 2376, 25);
    expect_error("create profile app limit idle_time 3 idle_time 4", 2376, 37); /* redundant */
    expect_error("create profile app idle_time 3", 905, 19);
}

/* ---- errors Oracle gives while parsing ---- */

static void test_syntax_errors(void **state)
{
    expect_error("select * form dual", 923, 9);
    expect_error("select 1 form dual", 923, 14);
    expect_error("select * from dual x y", 933, 21);
    expect_error("select 1", 923, 8);
    expect_error("select from dual", 936, 7);
    expect_error("select 1, from dual", 936, 10);
    expect_error("select 1 from", 903, 13);
    expect_error("select 1 from where", 903, 14);
    expect_error("select 1 from dual where", 936, 24);
    expect_error("select (1 from dual", 907, 10);
    expect_error("select 1 from dual)", 933, 18);
    expect_error("select 1 + from dual", 936, 11);
    expect_error("select * from t where a = 1 b", 933, 28);
    expect_error("select case when 1 then 2 from dual", 905, 26);
    expect_error("select 1 from dual group 1", 924, 25);
    expect_error("select * from t where a is 1", 908, 27);
    expect_error("select 1 from dual; select 2 from dual", 911, 18);
    expect_error("", 900, 0);
    expect_error("   ", 900, 0);
    expect_error("frobnicate the database", 900, 0);
    expect_error("explain plan for select 1 from dual", 3001, 0);
}

static void test_refused_tokens(void **state)
{
    expect_error("select 1e126 from dual", 1426, 7);
    expect_error("select a from t where b < -1.0e126", 1426, 27);
    expect_sql("select 9.99e125 n from dual", "SELECT 9.99e125 N FROM DUAL");
    expect_error("!@#$%^&*()", 900, 0);
    expect_error("select 1 from dual where a ! b", 911, 27);
}

static void test_reserved_bind_names(void **state)
{
    expect_error("select :ROWID from dual", 1745, 7);
    expect_error("insert into t (a) values (:a) returning a into :date", 1745, 47);
    expect_sql("delete from t where a = :\"ROWID\" and b = :left", "DELETE FROM \"SCOTT.T\" AS T WHERE A = ?1 AND B = ?2");
    /* a value compared with ROWID alone is a client's ROWID: the row's number */
    expect_sql("select a from t where rowid = :1 or :2 = rowid or rowid not in (:3, 'x')",
               "SELECT A FROM \"SCOTT.T\" T WHERE ROWID = ORA_ROWID_NUM(?1) OR ORA_ROWID_NUM(?2) = "
               "ROWID OR ROWID NOT IN (ORA_ROWID_NUM(?3), ORA_ROWID_NUM('x'))");
    sql_stmt st;
    translate_ok("select rowid, 'ab' x, e.rowid, a from t e", &st);
    assert_string_equal(sqlite_sql(&st),
                        "SELECT ROWID AS \"ROWID\", 'ab' X, E.ROWID AS \"ROWID\", A FROM \"SCOTT.T\" E");
    assert_int_equal(st.sqlite.nhints, 3);
    assert_string_equal(st.sqlite.hints[0].rowid_table, "SCOTT.T");
    assert_int_equal(st.sqlite.hints[1].literal_size, 2);
    assert_string_equal(st.sqlite.hints[2].rowid_table, "SCOTT.T");
    sql_stmt_free(&st);
    expect_sql("select a from t where rowid = :1 || 'x' and t.rowid = :2 and :3 = t.rowid",
               "SELECT A FROM \"SCOTT.T\" T WHERE ROWID = CONCAT(?1, 'x') AND T.ROWID = "
               "ORA_ROWID_NUM(?2) AND ORA_ROWID_NUM(?3) = T.ROWID");
}

static void test_unsupported_features(void **state)
{
    expect_error("select * from t@remote", 3001, 15);
    expect_error("select * from t partition (p1)", 3001, 16);
    expect_error("select a from t group by rollup (a)", 3001, 25);
    expect_error("select max(a) keep (dense_rank first order by b) from t", 3001, 14);
}

/* ---- hierarchical queries (xlat_connect.c) ---- */

static void test_hierarchical_queries(void **state)
{
    /* the tree as a recursive WITH query over the rows of FROM numbered in sibling order; the
     * select list and WHERE read its rows, which come in its order (ora_key) */
    expect_sql("select level, lpad(' ', level*2) || ename from emp start with mgr is null "
               "connect by prior empno = mgr order siblings by ename",
               "SELECT ora_level AS \"LEVEL\", CONCAT(LPAD(' ', ORA_MUL(ora_level,2)), ENAME) AS "
               "\"LPAD('',LEVEL*2)||ENAME\" FROM (WITH RECURSIVE ora_src AS MATERIALIZED (SELECT "
               "ROW_NUMBER() OVER (ORDER BY ENAME NULLS LAST) AS ora_rn, * FROM \"SCOTT.EMP\" EMP), "
               "ora_h AS (SELECT EMP.ora_rn AS ora_rn, 1 AS ora_level, printf('%010d', EMP.ora_rn) AS "
               "ora_key, NULL AS ora_parent, 0 AS ora_dead, char(1) || quote(EMPNO) || char(1) AS "
               "ora_anc , (EMPNO) AS ora_prior1 FROM ora_src EMP WHERE MGR IS NULL UNION ALL SELECT "
               "EMP.ora_rn, ora_hp.ora_level + 1, ora_hp.ora_key || printf('%010d', EMP.ora_rn), "
               "ora_hp.ora_key, CASE WHEN instr(ora_hp.ora_anc, char(1) || quote(EMPNO) || char(1)) > 0 "
               "THEN ORA_CONNECT_BY_LOOP() ELSE 0 END, ora_hp.ora_anc || quote(EMPNO) || char(1) , "
               "(EMPNO) FROM ora_h ora_hp JOIN ora_src EMP ON (ora_hp.ora_prior1 = MGR) WHERE "
               "ora_hp.ora_dead = 0) SELECT EMP.*, ora_hr.ora_level AS ora_level, ora_hr.ora_key AS "
               "ora_key FROM ora_h ora_hr JOIN ora_src EMP ON EMP.ora_rn = ora_hr.ora_rn WHERE "
               "ora_hr.ora_dead = 0 ORDER BY ora_hr.ora_key) EMP ORDER BY ora_key");
    /* the row generator: no PRIOR, no loop check; LEVEL in CONNECT BY is the child's */
    expect_sql("select level from dual connect by level <= 3",
               "SELECT ora_level AS \"LEVEL\" FROM (WITH RECURSIVE ora_src AS MATERIALIZED (SELECT "
               "ROW_NUMBER() OVER () AS ora_rn, * FROM DUAL), ora_h AS (SELECT DUAL.ora_rn AS "
               "ora_rn, 1 AS ora_level, printf('%010d', DUAL.ora_rn) AS ora_key, NULL AS "
               "ora_parent, 0 AS ora_dead, NULL AS ora_anc FROM ora_src DUAL UNION ALL SELECT "
               "DUAL.ora_rn, ora_hp.ora_level + 1, CASE WHEN (SELECT COUNT(*) FROM ora_src) = 1 "
               "THEN printf('%010d', ora_hp.ora_level + 1) ELSE ora_hp.ora_key || printf('%010d', "
               "DUAL.ora_rn) END, ora_hp.ora_key, 0, NULL FROM ora_h ora_hp JOIN ora_src DUAL ON "
               "((ora_hp.ora_level + 1) <= 3) WHERE ora_hp.ora_dead = 0) SELECT DUAL.*, "
               "ora_hr.ora_level AS ora_level, ora_hr.ora_key AS ora_key FROM ora_h ora_hr JOIN "
               "ora_src DUAL ON DUAL.ora_rn = ora_hr.ora_rn WHERE ora_hr.ora_dead = 0 ORDER BY "
               "ora_hr.ora_key) DUAL ORDER BY ora_key");
    /* ROWNUM in CONNECT BY: the first n rows, depth first */
    expect_sql("select rownum from dual connect by rownum <= 3",
               "SELECT ROW_NUMBER() OVER () AS \"ROWNUM\" FROM (WITH RECURSIVE ora_src AS "
               "MATERIALIZED (SELECT ROW_NUMBER() OVER () AS ora_rn, * FROM DUAL), ora_h AS (SELECT "
               "DUAL.ora_rn AS ora_rn, 1 AS ora_level, printf('%010d', DUAL.ora_rn) AS ora_key, "
               "NULL AS ora_parent, 0 AS ora_dead, NULL AS ora_anc FROM ora_src DUAL UNION ALL "
               "SELECT DUAL.ora_rn, ora_hp.ora_level + 1, CASE WHEN (SELECT COUNT(*) FROM ora_src) "
               "= 1 THEN printf('%010d', ora_hp.ora_level + 1) ELSE ora_hp.ora_key || "
               "printf('%010d', DUAL.ora_rn) END, ora_hp.ora_key, 0, NULL FROM ora_h ora_hp JOIN "
               "ora_src DUAL ON 1 WHERE ora_hp.ora_dead = 0 ORDER BY ora_key LIMIT 3) SELECT "
               "DUAL.*, ora_hr.ora_level AS ora_level, ora_hr.ora_key AS ora_key FROM ora_h ora_hr "
               "JOIN ora_src DUAL ON DUAL.ora_rn = ora_hr.ora_rn WHERE ora_hr.ora_dead = 0 ORDER BY "
               "ora_hr.ora_key) DUAL ORDER BY ora_key");
    /* paths, roots, leaves and cycles; WHERE filters rows after the tree is built; NOCYCLE
     * leaves out a child that closes a loop */
    expect_sql("select sys_connect_by_path(ename, '/') p, connect_by_root ename r, "
               "connect_by_isleaf, connect_by_iscycle from emp e where level > 1 "
               "connect by nocycle prior e.empno = e.mgr start with e.mgr is null",
               "SELECT ora_path1 P, ora_root1 R, ora_isleaf AS \"CONNECT_BY_ISLEAF\", ora_iscycle AS "
               "\"CONNECT_BY_ISCYCLE\" FROM (WITH RECURSIVE ora_src AS MATERIALIZED (SELECT "
               "ROW_NUMBER() OVER () AS ora_rn, * FROM \"SCOTT.EMP\" E), ora_h AS (SELECT E.ora_rn AS "
               "ora_rn, 1 AS ora_level, printf('%010d', E.ora_rn) AS ora_key, NULL AS ora_parent, 0 AS "
               "ora_dead, char(1) || quote(E.EMPNO) || char(1) AS ora_anc , (E.EMPNO) AS ora_prior1 , "
               "CONCAT('/' , ENAME) AS ora_path1 , (ENAME) AS ora_root1 FROM ora_src E WHERE E.MGR IS "
               "NULL UNION ALL SELECT E.ora_rn, ora_hp.ora_level + 1, ora_hp.ora_key || printf('%010d', "
               "E.ora_rn), ora_hp.ora_key, CASE WHEN instr(ora_hp.ora_anc, char(1) || quote(E.EMPNO) || "
               "char(1)) > 0 THEN 1 ELSE 0 END, ora_hp.ora_anc || quote(E.EMPNO) || char(1) , (E.EMPNO) "
               ", CONCAT(ora_hp.ora_path1, '/' , ENAME) , ora_hp.ora_root1 FROM ora_h ora_hp JOIN "
               "ora_src E ON (ora_hp.ora_prior1 = E.MGR) WHERE ora_hp.ora_dead = 0) SELECT E.*, "
               "ora_hr.ora_level AS ora_level, ora_hr.ora_key AS ora_key , ora_hr.ora_path1 AS "
               "ora_path1 , ora_hr.ora_root1 AS ora_root1 , CASE WHEN COALESCE(ora_hk.ora_kids, 0) = 0 "
               "THEN 1 ELSE 0 END AS ora_isleaf, COALESCE(ora_hk.ora_cycle, 0) AS ora_iscycle FROM "
               "ora_h ora_hr JOIN ora_src E ON E.ora_rn = ora_hr.ora_rn LEFT JOIN (SELECT ora_parent, "
               "SUM(1 - ora_dead) AS ora_kids, MAX(ora_dead) AS ora_cycle FROM ora_h GROUP BY "
               "ora_parent) ora_hk ON ora_hk.ora_parent = ora_hr.ora_key WHERE ora_hr.ora_dead = 0 "
               "ORDER BY ora_hr.ora_key) E WHERE ora_level > 1 ORDER BY ora_key");
    /* PRIOR outside CONNECT BY: the parent's value, which each row carries */
    expect_sql("select ename, prior ename from emp where prior sal > 1000 connect by prior empno = mgr",
               "SELECT ENAME, ora_up1 AS \"PRIORENAME\" FROM (WITH RECURSIVE ora_src AS "
               "MATERIALIZED (SELECT ROW_NUMBER() OVER () AS ora_rn, * FROM \"SCOTT.EMP\" EMP), "
               "ora_h AS (SELECT EMP.ora_rn AS ora_rn, 1 AS ora_level, printf('%010d', EMP.ora_rn) "
               "AS ora_key, NULL AS ora_parent, 0 AS ora_dead, char(1) || quote(EMPNO) || char(1) "
               "AS ora_anc , (EMPNO) AS ora_prior1 , (ENAME) AS ora_self1, NULL AS ora_up1 , (SAL) "
               "AS ora_self2, NULL AS ora_up2 FROM ora_src EMP UNION ALL SELECT EMP.ora_rn, "
               "ora_hp.ora_level + 1, ora_hp.ora_key || printf('%010d', EMP.ora_rn), "
               "ora_hp.ora_key, CASE WHEN instr(ora_hp.ora_anc, char(1) || quote(EMPNO) || char(1)) "
               "> 0 THEN ORA_CONNECT_BY_LOOP() ELSE 0 END, ora_hp.ora_anc || quote(EMPNO) || "
               "char(1) , (EMPNO) , (ENAME), ora_hp.ora_self1 , (SAL), ora_hp.ora_self2 FROM ora_h "
               "ora_hp JOIN ora_src EMP ON (ora_hp.ora_prior1 = MGR) WHERE ora_hp.ora_dead = 0) "
               "SELECT EMP.*, ora_hr.ora_level AS ora_level, ora_hr.ora_key AS ora_key , "
               "ora_hr.ora_up1 AS ora_up1 , ora_hr.ora_up2 AS ora_up2 FROM ora_h ora_hr JOIN "
               "ora_src EMP ON EMP.ora_rn = ora_hr.ora_rn WHERE ora_hr.ora_dead = 0 ORDER BY "
               "ora_hr.ora_key) EMP WHERE ora_up2 > 1000 ORDER BY ora_key");
    /* GROUP BY over the tree: no hierarchical order */
    expect_sql("select level, count(*) from emp connect by prior empno = mgr group by level",
               "SELECT ora_level AS \"LEVEL\", COUNT(*) AS \"COUNT(*)\" FROM (WITH RECURSIVE ora_src AS "
               "MATERIALIZED (SELECT ROW_NUMBER() OVER () AS ora_rn, * FROM \"SCOTT.EMP\" EMP), ora_h "
               "AS (SELECT EMP.ora_rn AS ora_rn, 1 AS ora_level, printf('%010d', EMP.ora_rn) AS "
               "ora_key, NULL AS ora_parent, 0 AS ora_dead, char(1) || quote(EMPNO) || char(1) AS "
               "ora_anc , (EMPNO) AS ora_prior1 FROM ora_src EMP UNION ALL SELECT EMP.ora_rn, "
               "ora_hp.ora_level + 1, ora_hp.ora_key || printf('%010d', EMP.ora_rn), ora_hp.ora_key, "
               "CASE WHEN instr(ora_hp.ora_anc, char(1) || quote(EMPNO) || char(1)) > 0 THEN "
               "ORA_CONNECT_BY_LOOP() ELSE 0 END, ora_hp.ora_anc || quote(EMPNO) || char(1) , (EMPNO) "
               "FROM ora_h ora_hp JOIN ora_src EMP ON (ora_hp.ora_prior1 = MGR) WHERE ora_hp.ora_dead = "
               "0) SELECT EMP.*, ora_hr.ora_level AS ora_level, ora_hr.ora_key AS ora_key FROM ora_h "
               "ora_hr JOIN ora_src EMP ON EMP.ora_rn = ora_hr.ora_rn WHERE ora_hr.ora_dead = 0 ORDER "
               "BY ora_hr.ora_key) EMP GROUP BY ora_level");
}

static void test_hierarchical_errors(void **state)
{
    expect_error("select level from dual", 1788, 7);
    expect_error("select connect_by_isleaf from dual", 1788, 7);
    expect_error("select a from t start with a = 1", 1788, 32);
    expect_error("select connect_by_iscycle from t connect by prior a = b", 30930, 7);
    expect_error("select a from t start with prior a = 1 connect by prior a = b", 3001, 27);
    expect_error("select t.a from t, u start with t.a = 1 connect by prior t.a = t.b", 3001, 7);
    expect_error("select * from t connect by prior a = b", 3001, 7);
    expect_error("select a from t connect by prior a = b order siblings by 1", 3001, 57);
    expect_error("select a from t connect by prior a = b where a = 1", 933, 39);
    expect_error("select a from t connect by prior a = b union select a from t order siblings by a",
                 30929, 67);
    expect_error("select (select level from dual) from t connect by prior a = b", 1788, 15);
    /* a later block of the query is not hierarchical */
    expect_error("select a from t connect by prior a = b union all select level from t", 1788, 56);
}

/* ---- Oracle's outer joins (xlat_outer_join.c) ---- */

static void test_outer_joins(void **state)
{
    /* the marked side becomes LEFT JOIN ... ON the conditions that mark it */
    expect_sql("select s.sid, p.spid from v$session s, v$process p where s.paddr = p.addr(+)",
               "SELECT S.SID, P.SPID FROM V$SESSION S LEFT JOIN V$PROCESS P ON S.PADDR = P.ADDR");
    /* inner joins stay in WHERE; the outer table after the ones it is joined to */
    expect_sql("select s.sid, q.sql_text from v$sql q, v$session s, v$process p "
               "where s.paddr = p.addr and s.sql_id = q.sql_id(+)",
               "SELECT S.SID, Q.SQL_TEXT FROM V$SESSION S , V$PROCESS P LEFT JOIN V$SQL Q ON "
               "S.SQL_ID = Q.SQL_ID WHERE S.PADDR = P.ADDR");
    /* several columns, a constant filter of the outer side, ROWNUM, either side */
    expect_sql("select * from a, b where a.x = b.y(+) and b.z(+) = 'K' and a.w = b.v(+) and "
               "a.k > 1 and rownum <= 5",
               "SELECT * FROM \"SCOTT.A\" A LEFT JOIN \"SCOTT.B\" B ON A.X = B.Y AND B.Z = 'K' "
               "AND A.W = B.V WHERE A.K > 1 LIMIT 5");
    /* a chain: C outer-joined to B, itself outer-joined to A; subqueries keep their own */
    expect_sql("select * from a, b, c x where x.r(+) = b.q and b.y(+) = a.x and exists "
               "(select 1 from d, e where d.k = e.k(+) and d.a = a.x)",
               "SELECT * FROM \"SCOTT.A\" A LEFT JOIN \"SCOTT.B\" B ON B.Y = A.X LEFT JOIN "
               "\"SCOTT.C\" X ON X.R = B.Q WHERE EXISTS (SELECT 1 AS \"1\" FROM \"SCOTT.D\" D "
               "LEFT JOIN \"SCOTT.E\" E ON D.K = E.K WHERE D.A = A.X)");
    /* what Oracle rejects */
    expect_error("select * from a, b where a.x(+) = b.y(+)", 1468, 37);
    expect_error("select * from a, b where a.x(+) = b.y and b.x(+) = a.y", 1416, 14);
    expect_error("select * from a, b where a.x = b.y(+) or a.z = 1", 1719, 38);
    expect_error("select * from a, b where a.x = b.y(+) and (b.z(+) = 1 or a.k = 2)", 1719, 54);
    expect_error("select * from a, b where a.x = b.y(+) and b.z(+) in (1, 2)", 1719, 49);
    expect_error("select * from a join b on a.x = b.y, c where c.x(+) = a.x", 25156, 16);
    expect_error("select a.x(+) from a, b", 30563, 10);
    /* a marked column without its table's alias: not known here */
    expect_error("select * from a, b where a.x = y(+)", 3001, 31);
}

static void test_error_offsets_are_characters(void **state)
{
    /* "é" is two bytes: Oracle counts characters */
    expect_error("select 'é' x y from dual", 923, 13);
}

static void test_trailing_semicolon(void **state)
{
    expect_sql("select 1 x from dual;", "SELECT 1 X FROM DUAL");
    expect_sql("delete from t ;  ", "DELETE FROM \"SCOTT.T\" AS T");
}

/* ---- exact arithmetic in the select list (xlat_exact.c) ---- */

static void test_exact_items(void **state)
{
    /* SUM and AVG add exactly: as the client sees them (ORA_XSUM), or as SQLite compares them
     * (ORA_SUM: HAVING, ORDER BY, arguments), also as analytic functions; intervals stay */
    expect_sql("select sum(a) / count(*) m, avg(a + 1), sum(a) over (order by b) r, sum(b) s "
               "from t group by b having sum(a) > 1 order by s",
               "SELECT ORA_XDIV(ORA_XSUM(A), COUNT(*)) M, ORA_XAVG(ORA_ADD(A, 1)) AS \"AVG(A+1)\", "
               "ORA_XSUM(A) OVER (ORDER BY B NULLS LAST) R, ORA_SUM(B) S FROM \"SCOTT.T\" T GROUP BY B "
               "HAVING ORA_SUM(A) > 1 ORDER BY S NULLS LAST");
    expect_sql("select sum(sysdate - d), sum(interval '1' day) from t",
               "SELECT ORA_XSUM(ORA_SUB(SYSDATE(0), D)) AS \"SUM(SYSDATE-D)\", "
               "SUM(ORA_INTERVAL('1', "
               "'DAY')) AS \"SUM(INTERVAL'1'DAY)\" FROM \"SCOTT.T\" T");
    /* the top query's items compute exactly: operators, long literals, TO_NUMBER, unary minus */
    expect_sql("select 1/3, -(a + 1) n, to_number(-12345678901234567890.5) t from dual",
               "SELECT ORA_XDIV(1,3) AS \"1/3\", ORA_XNEG((ORA_XADD(A, 1))) N, "
               "ORA_XNUMBER(ORA_XNEG(ORA_XNUMBER('12345678901234567890.5'))) T FROM DUAL");
    /* a short literal stays SQLite's; so does TO_NUMBER with a format, by name only */
    expect_sql("select 0.5 + a x, to_number(a, '99') y from t",
               "SELECT ORA_XADD(0.5, A) X, ORA_XNUMBER(A, '99') Y FROM \"SCOTT.T\" T");
    /* what SQLite compares or sorts stays SQLite's: conditions, CASE, function arguments,
     * subqueries, WHERE, ORDER BY */
    expect_sql("select case when a/3 > 1 then a/3 end c, abs(a/3) b, (select a/3 from t) s "
               "from t where a/3 > 1 order by a/3",
               "SELECT CASE WHEN ORA_DIV(A,3) > 1 THEN ORA_DIV(A,3) END C, ABS(ORA_DIV(A,3)) B, "
               "(SELECT ORA_DIV(A,3) AS \"A/3\" FROM \"SCOTT.T\" T) S FROM \"SCOTT.T\" T "
               "WHERE ORA_DIV(A,3) > 1 ORDER BY ORA_DIV(A,3) NULLS LAST");
    /* an item ordered by its alias or position, or any item of a set operation */
    expect_sql("select a/3 x, a/4 y, a/5 z from t order by x, 2",
               "SELECT ORA_DIV(A,3) X, ORA_DIV(A,4) Y, ORA_XDIV(A,5) Z FROM \"SCOTT.T\" T "
               "ORDER BY X NULLS LAST, 2 NULLS LAST");
    expect_sql("select a/3 x from t order by nvl(x, 0)",
               "SELECT ORA_DIV(A,3) X FROM \"SCOTT.T\" T ORDER BY NVL(X, 0) NULLS LAST");
    expect_sql("select a/3 from t union all select 1 from dual",
               "SELECT ORA_DIV(A,3) AS \"A/3\" FROM \"SCOTT.T\" T UNION ALL SELECT 1 AS \"1\" "
               "FROM DUAL");
    expect_sql("select a/3 from t order by \"A/3\"",
               "SELECT ORA_DIV(A,3) AS \"A/3\" FROM \"SCOTT.T\" T ORDER BY \"A/3\" NULLS LAST");
    /* only queries: CREATE TABLE AS and INSERT ... SELECT store their values */
    expect_sql("insert into t select a/3 from t", "INSERT INTO \"SCOTT.T\" SELECT ORA_DIV(A,3) "
               "AS \"A/3\" FROM \"SCOTT.T\" T");
    /* TO_CHAR's number is exact anywhere: its text is what is compared */
    expect_sql("select 1 x from t where to_char(a/3) = '1'",
               "SELECT 1 X FROM \"SCOTT.T\" T WHERE TO_CHAR(ORA_XDIV(A,3)) = '1'");
}

/* ---- expression types (xlat_types.c) ---- */

/* A catalog of two tables: SCOTT.JOBS (K NUMBER, STARTED TIMESTAMP, ENDED TIMESTAMP, D INTERVAL
 * DAY TO SECOND, NAME VARCHAR2) and SCOTT.PLANS (K NUMBER, YM INTERVAL YEAR TO MONTH). */
static int catalog_type(const char *table, const char *column, char *type, size_t size, void *arg)
{
    static const char *const columns[][3] = {
        {"SCOTT.JOBS", "K", "NUMBER"},           {"SCOTT.JOBS", "STARTED", "TIMESTAMP(6)"},
        {"SCOTT.JOBS", "ENDED", "TIMESTAMP(6)"}, {"SCOTT.JOBS", "D", "INTERVAL DAY(2) TO SECOND(6)"},
        {"SCOTT.JOBS", "NAME", "VARCHAR2(20)"},  {"SCOTT.PLANS", "K", "NUMBER"},
        {"SCOTT.PLANS", "YM", "INTERVAL YEAR(2) TO MONTH"},
        {"SCOTT.JOBS", "ADDR", "RAW(8)"}, /* (not among its columns for a *) */
    };
    for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++)
        if (!strcmp(columns[i][0], table) && !strcmp(columns[i][1], column))
            return snprintf(type, size, "%s", columns[i][2]), 1;
    return 0;
}

/* The catalog's column names, in order. */
static int catalog_column(const char *table, int i, char *name, size_t size, void *arg)
{
    static const char *const jobs[] = {"K", "STARTED", "ENDED", "D", "NAME", NULL};
    static const char *const plans[] = {"K", "YM", NULL};
    const char *const *cols = !strcmp(table, "SCOTT.JOBS") ? jobs : !strcmp(table, "SCOTT.PLANS") ? plans : NULL;
    for (int k = 0; cols && cols[k]; k++)
        if (k == i) return snprintf(name, size, "%s", cols[k]), 1;
    return 0;
}

/* SELECT * is written out where a row is more than what the client sees: set operators,
 * subqueries; the top query's own stays *. */
static void test_star_expansion(void **state)
{
    sql_ctx ctx = {.schema = "SCOTT", .column_type = catalog_type, .column_name = catalog_column};
    expect_sql_in(&ctx, "select * from plans",
                  "SELECT * FROM \"SCOTT.PLANS\" PLANS");
    expect_sql_in(&ctx, "select * from plans union select p.* from plans p",
                  "SELECT ORA_XNUMBER(PLANS.K) AS K, PLANS.YM FROM \"SCOTT.PLANS\" PLANS UNION SELECT "
                  "ORA_XNUMBER(P.K) AS K, P.YM FROM \"SCOTT.PLANS\" P");
    expect_sql_in(&ctx, "select 1 from dual where (1, 2) in (select * from plans p, (select 1 x "
                        "from dual) s)",
                  "SELECT 1 AS \"1\" FROM DUAL WHERE (1, 2) IN (SELECT P.K, P.YM, S.* FROM "
                  "\"SCOTT.PLANS\" P, (SELECT 1 X FROM DUAL) S)");
    /* IN's rows compare as the column's values do; a scalar subquery's value is a number */
    expect_sql_in(&ctx, "select name from jobs where k in (select k from plans) and k = "
                        "(select max(k) from plans) and k = any (select k from plans)",
                  "SELECT NAME FROM \"SCOTT.JOBS\" JOBS WHERE K IN (SELECT K FROM \"SCOTT.PLANS\" "
                  "PLANS) AND K = CAST((SELECT CAST(MAX(K) AS TEXT) COLLATE ORA_NUMBER AS \"MAX(K)\" "
                  "FROM \"SCOTT.PLANS\" PLANS) AS TEXT) COLLATE ORA_NUMBER AND K IN (SELECT K FROM "
                  "\"SCOTT.PLANS\" PLANS)");
    /* USING and NATURAL joins merge columns: * stays */
    expect_sql_in(&ctx, "select count(*) from (select * from plans join jobs using (k))",
                  "SELECT COUNT(*) AS \"COUNT(*)\" FROM (SELECT * FROM \"SCOTT.PLANS\" PLANS JOIN "
                  "\"SCOTT.JOBS\" JOBS USING (K))");
}

/* The described size of the top query's only select list item: "CHAR(n)", "VARCHAR2(n)" or ""
 * when it has no text size. */
static void expect_text_size(const char *oracle, const char *want)
{
    sql_ctx ctx = {.schema = "SCOTT", .column_type = catalog_type, .column_name = catalog_column};
    sql_stmt st;
    ora_error err;
    char got[32] = "";
    if (sql_translate(oracle, &ctx, &st, &err) != 0) fail_msg("%s\n  -> %s", oracle, err.msg);
    if (st.sqlite.nhints > 0 && st.sqlite.hints[0].literal_size)
        snprintf(got, sizeof got, "CHAR(%d)", st.sqlite.hints[0].literal_size);
    else if (st.sqlite.nhints > 0 && st.sqlite.hints[0].text_size)
        snprintf(got, sizeof got, "VARCHAR2(%d)", st.sqlite.hints[0].text_size);
    sql_stmt_free(&st);
    if (strcmp(got, want) != 0) fail_msg("%s\n  got:  [%s]\n  want: [%s]", oracle, got, want);
}

/* Text expressions describe with the lengths Oracle gives them (xlat_sizes.c). */
static void test_text_sizes(void **state)
{
    expect_text_size("select 'abc' x from dual", "CHAR(3)");
    expect_text_size("select 'ab' || 'cd' from dual", "CHAR(4)");
    expect_text_size("select name || '-' || k from jobs", "VARCHAR2(61)"); /* 20 + 1 + 40 */
    expect_text_size("select k || ',' || k from jobs", "VARCHAR2(81)");
    expect_text_size("select substr(name, 1, 10) from jobs", "VARCHAR2(10)");
    expect_text_size("select substr(name, 1, 30) from jobs", "VARCHAR2(20)");
    expect_text_size("select substr(name, 3) from jobs", "VARCHAR2(20)");
    expect_text_size("select lpad(name, 25) from jobs", "VARCHAR2(25)");
    expect_text_size("select rpad('x', 5, '.') from dual", "VARCHAR2(5)");
    expect_text_size("select upper(name) u, lower(j.name) from jobs j", "VARCHAR2(20)");
    expect_text_size("select trim(name) from jobs", "VARCHAR2(20)");
    expect_text_size("select to_char(k) from jobs", "VARCHAR2(40)");
    expect_text_size("select to_char(k, 'XXXXXXXX') from jobs", "VARCHAR2(9)");
    expect_text_size("select to_char(started, 'DD-MON-YYYY HH24:MI:SS') from jobs", "VARCHAR2(20)");
    expect_text_size("select to_char(sysdate, 'Day, \"the\" DD Month') from dual", "VARCHAR2(27)");
    expect_text_size("select to_char(date '2024-01-02', 'YYYY') from dual", "VARCHAR2(4)");
    expect_text_size("select to_char(trunc(started, 'MI'), 'HH24:MI') from jobs", "VARCHAR2(5)");
    expect_text_size("select nvl(name, 'none') from jobs", "VARCHAR2(20)");
    expect_text_size("select nvl2(name, 'a', 'bcd') from jobs", "VARCHAR2(3)");
    expect_text_size("select decode(k, 1, 'one', 2, 'three', 'other') from jobs", "VARCHAR2(5)");
    expect_text_size("select case when k = 1 then 'yes' when k = 2 then name else 'no' end from jobs",
                     "VARCHAR2(20)");
    expect_text_size("select case k when 1 then 'one' end from jobs", "VARCHAR2(3)");
    expect_text_size("select case when 1=1 then 'yes' else 'no' end c from jobs", "VARCHAR2(3)");
    expect_text_size("select cast(k as varchar2(12)) from jobs", "VARCHAR2(12)");
    expect_text_size("select chr(65) || name from jobs", "VARCHAR2(21)");
    expect_text_size("select (name || 'x') from jobs", "VARCHAR2(21)");
    expect_text_size("select addr || '-' || k from jobs", "VARCHAR2(57)");
    /* not known: no size (VARCHAR2(4000) from its value), or not text */
    expect_text_size("select name from jobs", ""); /* a column alone: its declared type */
    expect_text_size("select to_char(started) from jobs", "");
    expect_text_size("select started || 'x' from jobs", "");
    expect_text_size("select replace(name, 'a', 'bb') from jobs", "");
    expect_text_size("select rawtohex(addr) from jobs", ""); /* (V$ views' RAWs are hex text) */
    expect_text_size("select :1 || 'x' from dual", "");
    expect_text_size("select (select name from jobs) || 'x' from dual", "");
    expect_text_size("select nvl(k, 0) from jobs", "");
    expect_text_size("select k + 1 from jobs", "");
    expect_text_size("select to_char(k, 'L999') from jobs", "");
    expect_text_size("select decode(k, 1, 'one', k) from jobs", "");
    char many[1024] = "select decode(k";
    for (int i = 0; i < 40; i++)
        snprintf(many + strlen(many), sizeof many - strlen(many), ", %d, 'x'", i);
    snprintf(many + strlen(many), sizeof many - strlen(many), ", 'longer') from jobs");
    expect_text_size(many, ""); /* more arguments than it reads */
    char cases[2048] = "select case";
    for (int i = 0; i < 70; i++)
        snprintf(cases + strlen(cases), sizeof cases - strlen(cases), " when k = %d then 'x'", i);
    snprintf(cases + strlen(cases), sizeof cases - strlen(cases), " else 'longer' end from jobs");
    expect_text_size(cases, "VARCHAR2(6)");
    /* a compound query's members may be longer */
    expect_text_size("select 'a' || 'b' from dual union all select 'abc' from dual", "");
}

/* ---- PIVOT and UNPIVOT (xlat_pivot.c) ---- */

static void test_pivot(void **state)
{
    sql_ctx ctx = {.schema = "SCOTT", .column_type = catalog_type, .column_name = catalog_column};
    /* PIVOT: grouped by the other columns, an aggregate of each value's rows per column */
    expect_sql_in(&ctx, "select * from (select k, name from jobs) pivot (count(*) for name in "
                        "('a' as a, 'b'))",
                  "SELECT * FROM (SELECT ORA_XNUMBER(K) AS K , COUNT(CASE WHEN NAME = 'a' THEN 1 END) "
                  "AS \"A\" , COUNT(CASE WHEN NAME = 'b' THEN 1 END) AS \"'b'\" FROM (SELECT K, NAME "
                  "FROM \"SCOTT.JOBS\" JOBS) GROUP BY K)");
    /* a table's columns from the catalog; an aggregate's alias after the value's name */
    expect_sql_in(&ctx, "select * from jobs pivot (max(started) m for name in ('x' as x, 'y' as y))",
                  "SELECT * FROM (SELECT ORA_XNUMBER(K) AS K , ENDED , D , MAX(CASE WHEN NAME = 'x' "
                  "THEN STARTED END) AS \"X_M\" , MAX(CASE WHEN NAME = 'y' THEN STARTED END) AS "
                  "\"Y_M\" FROM \"SCOTT.JOBS\" JOBS GROUP BY K , ENDED , D)");
    /* UNPIVOT: a row per column and source row, in the list's order; NULLs left out */
    expect_sql_in(&ctx, "select * from jobs unpivot (t for which in (started as 'S', ended as 'E'))",
                  "SELECT * FROM (SELECT * FROM (SELECT ORA_XNUMBER(K) AS K , D , NAME , CASE ora_k "
                  "WHEN 1 THEN 'S' WHEN 2 THEN 'E' END AS \"WHICH\" , CASE ora_k WHEN 1 THEN STARTED "
                  "WHEN 2 THEN ENDED END AS \"T\" FROM \"SCOTT.JOBS\" JOBS CROSS JOIN (SELECT 1 AS "
                  "ora_k UNION ALL SELECT 2)) WHERE \"T\" IS NOT NULL)");
    /* INCLUDE NULLS; a column's name by default */
    expect_sql_in(&ctx, "select which, v from plans unpivot include nulls (v for which in "
                        "(k as 'K', ym)) p",
                  "SELECT WHICH, V FROM (SELECT * FROM (SELECT CASE ora_k WHEN 1 THEN 'K' WHEN 2 THEN "
                  "'YM' END AS \"WHICH\" , CASE ora_k WHEN 1 THEN ORA_XNUMBER(K) WHEN 2 THEN YM END AS "
                  "\"V\" FROM \"SCOTT.PLANS\" PLANS CROSS JOIN (SELECT 1 AS ora_k UNION ALL SELECT "
                  "2))) P");
    /* not supported, and Oracle's errors */
    expect_error_in(&ctx, "select * from (select k, name from jobs) pivot xml (count(*) for name "
                          "in (any))", 3001, 47);
    expect_error_in(&ctx, "select * from (select k, name from jobs) pivot (count(*) for name in "
                          "(select name from jobs))", 3001, 70);
    expect_error_in(&ctx, "select * from (select k, name from jobs) pivot (k for name in ('a'))",
                    56902, 48);
    expect_error_in(&ctx, "select * from (select k, name from jobs) pivot (count(*) for nosuch in "
                          "('a'))", 904, 61);
    /* the columns of a table the catalog does not know */
    expect_error("select * from t pivot (count(*) for x in (1))", 3001, 16);
}

/* A hierarchical query over a join: the join (WHERE's conditions naming two of its items) is
 * done first, in ora_src, whose columns are the ones the block reads, as "Q.C"; the other
 * conditions filter the tree's rows */
static void test_hierarchical_join(void **state)
{
    sql_ctx ctx = {.schema = "SCOTT", .column_type = catalog_type, .column_name = catalog_column};
    expect_sql_in(&ctx, "select level, j.name, p.ym x, started from jobs j, plans p where j.k = "
                        "p.k and name is not null start with j.k = 1 connect by prior j.k = p.k + 1",
                  "SELECT ora_level AS \"LEVEL\", \"J.NAME\" AS \"NAME\", \"P.YM\" X, \"J.STARTED\" AS "
                  "\"STARTED\" FROM (WITH RECURSIVE ora_src AS MATERIALIZED (SELECT ROW_NUMBER() OVER "
                  "() AS ora_rn, * FROM (SELECT J.NAME AS \"J.NAME\", P.YM AS \"P.YM\", J.STARTED AS "
                  "\"J.STARTED\", J.K AS \"J.K\", P.K AS \"P.K\" FROM \"SCOTT.JOBS\" J, "
                  "\"SCOTT.PLANS\" P) ORA_T WHERE \"J.K\" = \"P.K\"), ora_h AS (SELECT ORA_T.ora_rn AS "
                  "ora_rn, 1 AS ora_level, printf('%010d', ORA_T.ora_rn) AS ora_key, NULL AS "
                  "ora_parent, 0 AS ora_dead, char(1) || quote(\"J.K\") || char(1) AS ora_anc , "
                  "(\"J.K\") AS ora_prior1 FROM ora_src ORA_T WHERE \"J.K\" = 1 UNION ALL SELECT "
                  "ORA_T.ora_rn, ora_hp.ora_level + 1, ora_hp.ora_key || printf('%010d', "
                  "ORA_T.ora_rn), ora_hp.ora_key, CASE WHEN instr(ora_hp.ora_anc, char(1) || "
                  "quote(\"J.K\") || char(1)) > 0 THEN ORA_CONNECT_BY_LOOP() ELSE 0 END, "
                  "ora_hp.ora_anc || quote(\"J.K\") || char(1) , (\"J.K\") FROM ora_h ora_hp JOIN "
                  "ora_src ORA_T ON (ora_hp.ora_prior1 = ORA_ADD(\"P.K\", 1)) WHERE ora_hp.ora_dead = "
                  "0) SELECT ORA_T.*, ora_hr.ora_level AS ora_level, ora_hr.ora_key AS ora_key FROM "
                  "ora_h ora_hr JOIN ora_src ORA_T ON ORA_T.ora_rn = ora_hr.ora_rn WHERE "
                  "ora_hr.ora_dead = 0 ORDER BY ora_hr.ora_key) ORA_T WHERE \"J.NAME\" IS NOT NULL "
                  "ORDER BY ora_key");
    /* a column of two items (ORA-00918 in Oracle), *, OR between WHERE's conditions */
    expect_error_in(&ctx, "select k from jobs j, plans p where j.k = p.k connect by prior j.k = p.k",
                    3001, 7);
    expect_error_in(&ctx, "select * from jobs j, plans p where j.k = p.k connect by prior j.k = p.k",
                    3001, 7);
    /* (+) on a column without its alias: the one table that has it */
    expect_sql_in(&ctx, "select name from jobs j, plans p where j.k = p.k(+) and ym(+) > :1",
                  "SELECT NAME FROM \"SCOTT.JOBS\" J LEFT JOIN \"SCOTT.PLANS\" P ON J.K = P.K AND "
                  "ORA_INTERVAL_CMP(YM, ?1) > 0");
    expect_error_in(&ctx, "select j.k from jobs j, plans p where j.k = p.k or j.k = 1 connect by "
                          "prior j.k = p.k", 3001, 48);
}

static void test_expression_types(void **state)
{
    sql_ctx ctx = {.schema = "SCOTT", .column_type = catalog_type, .column_name = catalog_column};
    /* intervals compare by value: columns, their differences, literals, through aliases,
     * correlated subqueries and DML targets */
    expect_sql_in(&ctx, "select k from jobs where ended - started > interval '1' hour and d <= :1",
                  "SELECT K FROM \"SCOTT.JOBS\" JOBS WHERE ORA_INTERVAL_CMP(ORA_SUB(ENDED, STARTED), "
                  "ORA_INTERVAL('1', 'HOUR')) > 0 AND ORA_INTERVAL_CMP(D, ?1) <= 0");
    expect_sql_in(&ctx, "select 1 from plans p where exists (select 1 from jobs j where p.ym ^= "
                        "interval '1' year and j.k = p.k)",
                  "SELECT 1 AS \"1\" FROM \"SCOTT.PLANS\" P WHERE EXISTS (SELECT 1 AS \"1\" FROM "
                  "\"SCOTT.JOBS\" J WHERE ORA_INTERVAL_CMP(P.YM, ORA_INTERVAL('1', 'YEAR')) != 0 AND "
                  "J.K = P.K)");
    expect_sql_in(&ctx, "delete from jobs where systimestamp - ended >= numtodsinterval(1, 'DAY')",
                  "DELETE FROM \"SCOTT.JOBS\" AS JOBS WHERE "
                  "ORA_INTERVAL_CMP(ORA_SUB(SYSTIMESTAMP(0), "
                  "ENDED), NUMTODSINTERVAL(1, 'DAY')) >= 0");
    /* numbers, text, datetimes of one kind and what is not known compare as SQLite does */
    expect_sql_in(&ctx, "select k from jobs where k > 1 and name = 'x' and started < ended and "
                        "sysdate > sysdate - 1 and started > :1",
                  "SELECT K FROM \"SCOTT.JOBS\" JOBS WHERE K > 1 AND NAME = 'x' AND STARTED < ENDED "
                  "AND SYSDATE(0) > ORA_SUB(SYSDATE(0), 1) AND STARTED > ?1");
    /* a TIMESTAMP with a DATE, and anything with a time zone, compare as instants */
    expect_sql_in(&ctx, "select k from jobs where started > sysdate - 1 or ended < systimestamp",
                  "SELECT K FROM \"SCOTT.JOBS\" JOBS WHERE ORA_DATETIME_CMP(STARTED , "
                  "ORA_SUB(SYSDATE(0), 1)) > 0 OR ORA_DATETIME_CMP(ENDED , SYSTIMESTAMP(0)) < 0");
    expect_sql_in(&ctx, "select k from jobs where timestamp '2024-01-01 10:00:00 +02:00' <= :1",
                  "SELECT K FROM \"SCOTT.JOBS\" JOBS WHERE ORA_DATETIME_CMP(TO_TIMESTAMP_TZ('2024-"
                  "01-01 10:00:00 +02:00', 'YYYY-MM-DD HH24:MI:SS TZR'), ?1) <= 0");
    /* a subquery's columns have its select list's types, by alias or column name */
    expect_sql_in(&ctx, "select 1 from jobs, (select d x, ended - started, k from jobs) s "
                        "where s.x > :1 and x < :2 and s.k = :3",
                  "SELECT 1 AS \"1\" FROM \"SCOTT.JOBS\" JOBS, (SELECT D X, ORA_SUB(ENDED, STARTED) "
                  "AS \"ENDED-STARTED\", K FROM \"SCOTT.JOBS\" JOBS) S WHERE ORA_INTERVAL_CMP(S.X, ?1) "
                  "> 0 AND ORA_INTERVAL_CMP(X, ?2) < 0 AND S.K = ?3");
    /* ... unless one is a * (of a table not known): then nothing of it is known (D is JOBS's:
     * were it S's too, Oracle would call it ambiguous) */
    expect_sql_in(&ctx, "select 1 from jobs, (select d x, t.* from tt t) s where s.x > :1 and "
                        "d < :2",
                  "SELECT 1 AS \"1\" FROM \"SCOTT.JOBS\" JOBS, (SELECT D X, T.* FROM \"SCOTT.TT\" T) "
                  "S WHERE S.X > ?1 AND ORA_INTERVAL_CMP(D, ?2) < 0");
    /* an outer query's name is not looked for past a block with a subquery not known */
    expect_sql_in(&ctx, "select 1 from jobs where exists (select 1 from (select t.* from tt t) s "
                        "where d < :1)",
                  "SELECT 1 AS \"1\" FROM \"SCOTT.JOBS\" JOBS WHERE EXISTS (SELECT 1 AS \"1\" FROM "
                  "(SELECT T.* FROM \"SCOTT.TT\" T) S WHERE D < ?1)");
    /* an interval on the right only: the operator's text becomes the comma in its width */
    expect_sql_in(&ctx, "select 1 from jobs where :1 ^= d",
                  "SELECT 1 AS \"1\" FROM \"SCOTT.JOBS\" JOBS WHERE ORA_INTERVAL_CMP(?1 ,  D) != 0");
    /* BETWEEN too, decided by any of its three operands; NOT goes before the call */
    expect_sql_in(&ctx, "select k from jobs where started between sysdate - 1 and :1 and d not "
                        "between :2 and interval '1' day and k between 1 and 2",
                  "SELECT K FROM \"SCOTT.JOBS\" JOBS WHERE ORA_DATETIME_BETWEEN(STARTED ,       "
                  "ORA_SUB(SYSDATE(0), 1) ,   ?1) AND NOT ORA_INTERVAL_BETWEEN(D     ,       ?2 , "
                  "  "
                  "ORA_INTERVAL('1', 'DAY')) AND K BETWEEN 1 AND 2");
    /* ORDER BY a value with a time zone: by its instant, also by alias or position (not in a
     * compound query, whose ORDER BY takes no expressions) */
    expect_sql_in(&ctx, "select k, systimestamp s from jobs order by s, 2 desc, 1",
                  "SELECT K, SYSTIMESTAMP(0) S FROM \"SCOTT.JOBS\" JOBS ORDER BY "
                  "ORA_DATETIME_KEY(S) "
                  "NULLS LAST, ORA_DATETIME_KEY(S) DESC NULLS FIRST, 1 NULLS LAST");
    expect_sql_in(&ctx, "select systimestamp s from jobs union select systimestamp from jobs order by 1",
                  "SELECT SYSTIMESTAMP(0) S FROM \"SCOTT.JOBS\" JOBS UNION SELECT SYSTIMESTAMP(0) "
                  "AS "
                  "\"SYSTIMESTAMP\" FROM \"SCOTT.JOBS\" JOBS ORDER BY 1 NULLS LAST");
    /* CASE and DECODE have their first result's type */
    expect_sql_in(&ctx, "select k from jobs where case when k > 0 then null else d end > :1",
                  "SELECT K FROM \"SCOTT.JOBS\" JOBS WHERE ORA_INTERVAL_CMP(CASE WHEN K > 0 THEN "
                  "NULL ELSE D END, ?1) > 0");
    expect_sql_in(&ctx, "select k from jobs order by decode(k, 1, d, 2, null)",
                  "SELECT K FROM \"SCOTT.JOBS\" JOBS ORDER BY ORA_INTERVAL_KEY((CASE ORA_DECODE_KEY("
                  "K, 1, 2) WHEN 1 THEN D WHEN 2 THEN NULL END)) NULLS LAST");
    /* a subquery without an alias: its columns are found all the same, also from a * written
     * out, and the select list's own ORDER BY sees them */
    expect_sql_in(&ctx, "select x from (select d x, k from jobs) where x > :1 order by 1",
                  "SELECT X FROM (SELECT D X, K FROM \"SCOTT.JOBS\" JOBS) WHERE ORA_INTERVAL_CMP(X, "
                  "?1) > 0 ORDER BY ORA_INTERVAL_KEY(X) NULLS LAST");
    expect_sql_in(&ctx, "select 1 from (select * from jobs) s where s.d > :1",
                  "SELECT 1 AS \"1\" FROM (SELECT JOBS.K, JOBS.STARTED, JOBS.ENDED, JOBS.D, JOBS.NAME FROM "
                  "\"SCOTT.JOBS\" JOBS) S WHERE ORA_INTERVAL_CMP(S.D, ?1) > 0");
    /* a bind or a long literal (decimal text) against a number that is no column: compared as
     * the double it is; against a column, as it is (the column's affinity applies) */
    expect_sql_in(&ctx, "select 1 from jobs where k * 2 > :1 and :2 < 3 and k = :3 and "
                        "12345678901234567 > k + 1",
                  "SELECT 1 AS \"1\" FROM \"SCOTT.JOBS\" JOBS WHERE ORA_MUL(K, 2) > CAST(?1 AS REAL) "
                  "AND CAST(?2  AS REAL) < 3 AND K = ?3 AND CAST(ORA_XNUMBER('12345678901234567')  AS "
                  "REAL) > ORA_ADD(K, 1)");
    expect_sql_in(&ctx, "select 1 from jobs where k * 2 between :1 and 10 and :2 not between 0 "
                        "and k + 1 and k between :3 and :4",
                  "SELECT 1 AS \"1\" FROM \"SCOTT.JOBS\" JOBS WHERE ORA_MUL(K, 2) BETWEEN CAST(?1  "
                  "AS REAL) AND 10 AND CAST(?2  AS REAL) NOT BETWEEN 0 AND ORA_ADD(K, 1) AND K "
                  "BETWEEN ?3 AND ?4");
    /* a WITH query's columns have their types, by their names or its column list */
    expect_sql_in(&ctx, "with w as (select d, k from jobs), v (dd) as (select d from jobs) "
                        "select w.k from w, v where w.d > :1 and dd < :2",
                  "WITH W AS (SELECT D, K FROM \"SCOTT.JOBS\" JOBS), V (DD) AS (SELECT D FROM "
                  "\"SCOTT.JOBS\" JOBS) SELECT W.K FROM W, V WHERE ORA_INTERVAL_CMP(W.D, ?1) > 0 AND "
                  "ORA_INTERVAL_CMP(DD, ?2) < 0");
    /* a scalar subquery has its column's type; MERGE's target and source are in scope */
    expect_sql_in(&ctx, "select k from jobs where (select max(d) from jobs) > :1",
                  "SELECT K FROM \"SCOTT.JOBS\" JOBS WHERE ORA_INTERVAL_CMP((SELECT "
                  "ORA_INTERVAL_MAX(D) AS \"MAX(D)\" FROM \"SCOTT.JOBS\" JOBS), ?1) > 0");
    expect_sql_in(&ctx, "merge into jobs t using (select d x, k from jobs) s on (t.k = s.k) "
                        "when matched then update set name = 'x' where t.d > s.x",
                  "DELETE FROM temp.\"ws$merge\"; INSERT INTO temp.\"ws$merge\"(rid) SELECT "
                  "T.rowid FROM \"SCOTT.JOBS\" AS T JOIN (SELECT D X, K FROM \"SCOTT.JOBS\" JOBS) AS "
                  "S ON (T.K = S.K) WHERE (ORA_INTERVAL_CMP(T.D, S.X) > 0); UPDATE \"SCOTT.JOBS\" AS "
                  "T SET NAME = 'x' FROM (SELECT D X, K FROM \"SCOTT.JOBS\" JOBS) AS S WHERE T.rowid "
                  "IN (SELECT rid FROM temp.\"ws$merge\") AND (T.K = S.K) AND "
                  "(ORA_INTERVAL_CMP(T.D, S.X) > 0)");
    /* ORDER BY an interval: by its length; MAX and MIN of intervals and values with a time zone
     * compare them so too (not as analytic functions) */
    expect_sql_in(&ctx, "select d, max(d), min(started), max(k), max(d) over () m from jobs "
                        "order by d",
                  "SELECT D, ORA_INTERVAL_MAX(D) AS \"MAX(D)\", MIN(STARTED) AS \"MIN(STARTED)\", "
                  "MAX(K) AS \"MAX(K)\", MAX(D) OVER () M FROM \"SCOTT.JOBS\" JOBS ORDER BY "
                  "ORA_INTERVAL_KEY(D) NULLS LAST");
    /* IN and quantified comparisons stay as they are */
    expect_sql_in(&ctx, "select k from jobs where d in (interval '1' day) or d = any (select d from jobs)",
                  "SELECT K FROM \"SCOTT.JOBS\" JOBS WHERE D IN (ORA_INTERVAL('1', 'DAY')) OR D IN "
                  "(SELECT D FROM \"SCOTT.JOBS\" JOBS)");
}

/* ---- the offset map ---- */

static void test_offset_map(void **state)
{
    const char *oracle = "select ename,   nosuch from emp";
    sql_stmt st;
    translate_ok(oracle, &st);
    /* SELECT ENAME, NOSUCH FROM "SCOTT.EMP" EMP */
    const char *at = strstr(sqlite_sql(&st), "NOSUCH");
    assert_int_equal(sql_map_offset(&st, (int)(at - sqlite_sql(&st))), 16);
    at = strstr(sqlite_sql(&st), "\"SCOTT.EMP\"");
    assert_int_equal(sql_map_offset(&st, (int)(at - sqlite_sql(&st))), 28);
    assert_int_equal(sql_map_offset(&st, 0), 0);
    for (int i = 1; i < st.sqlite.text.nmap; i++)
        assert_true(st.sqlite.text.map[i - 1].sqlite_off <= st.sqlite.text.map[i].sqlite_off);
    sql_stmt_free(&st);
    translate_ok("select a - b from t", &st);
    at = strstr(sqlite_sql(&st), "ORA_XSUB");
    assert_int_equal(sql_map_offset(&st, (int)(at - sqlite_sql(&st))), 7);
    at = strstr(sqlite_sql(&st), "B)");
    assert_int_equal(sql_map_offset(&st, (int)(at - sqlite_sql(&st))), 11);
    sql_stmt_free(&st);
}

/* ---- SQLite errors ---- */

static void map_error(const char *oracle, int code, const char *msg, int sqlite_off, ora_error *err)
{
    sql_stmt st;
    translate_ok(oracle, &st);
    sql_map_sqlite_error(&st, oracle, code, msg, sqlite_off, err);
    sql_stmt_free(&st);
}

/* SQL/JSON: calls of ora_fn_json.c's functions, the clauses as flags (ORA_JSON_* values) */
/* DECODE evaluates only the result it returns: a CASE over the number of the matching search */
/* ts AT TIME ZONE zone / AT LOCAL: a call around the operand */
static void test_at_time_zone(void **state)
{
    expect_sql("select ts at time zone '-8:00' z, ts at local l from t",
               "SELECT ORA_AT_TIME_ZONE(TS, '-8:00') Z, ORA_AT_TIME_ZONE(TS, SESSIONTIMEZONE()) L "
               "FROM \"SCOTT.T\" T");
    expect_sql("select 1 x from t where ts at time zone :z > sysdate",
               "SELECT 1 X FROM \"SCOTT.T\" T WHERE ORA_DATETIME_CMP(ORA_AT_TIME_ZONE(TS, ?1), "
               "SYSDATE(0)) > 0");
}

static void test_decode(void **state)
{
    expect_sql("select decode(x, 0, null, 1 / x) r from t",
               "SELECT (CASE ORA_DECODE_KEY(X, 0) WHEN 1 THEN NULL ELSE ORA_DIV(1, X) END) R FROM "
               "\"SCOTT.T\" T");
    expect_sql("select decode(:a, 1, 'one', 2, 'two') r from t",
               "SELECT (CASE ORA_DECODE_KEY(?1, 1, 2) WHEN 1 THEN 'one' WHEN 2 THEN 'two' END) R FROM "
               "\"SCOTT.T\" T");
    expect_error("select decode(x, 1) from t", 938, 18);
    expect_error("select decode(x, 1, 2 from t", ORA_MISSING_RIGHT_PAREN, 22);
}

static void test_json(void **state)
{
    expect_sql("select 1 x from t where doc is json",
               "SELECT 1 X FROM \"SCOTT.T\" T WHERE ORA_IS_JSON(DOC, 0)");
    expect_sql("select 1 x from t where not a || b is not json strict allow scalars and c = 1",
               "SELECT 1 X FROM \"SCOTT.T\" T WHERE NOT ORA_IS_JSON(CONCAT(A, B), 7) AND C = 1");
    expect_sql("select json_value(doc, '$.a.b[0]') v from t",
               "SELECT ORA_JSON_VALUE(DOC, '$.a.b[0]', 0) V FROM \"SCOTT.T\" T");
    expect_sql("select json_value(doc format json, '$.n' returning number(10,2) error on error "
               "null on empty) + 1 x from t",
               "SELECT ORA_XADD(ORA_CAST(ORA_JSON_VALUE(DOC, '$.n', 8), 'NUMBER(10,2)'), 1) X FROM "
               "\"SCOTT.T\" T");
    expect_sql("select json_query(doc, '$.a[*]' with conditional array wrapper error on empty) x "
               "from t where json_exists(doc, '$.a' true on error)",
               "SELECT ORA_JSON_QUERY(DOC, '$.a[*]', 208) X FROM \"SCOTT.T\" T WHERE "
               "ORA_JSON_EXISTS(DOC, '$.a', 32)");
    expect_sql("select json_object(key 'id' value id, 'doc' is doc format json, 'n' value null "
               "absent on null) x from t",
               "SELECT ORA_JSON_OBJECT('id', ID, 'doc', ORA_JSON_FORMAT(DOC), 'n', NULL, 0) X FROM "
               "\"SCOTT.T\" T");
    expect_sql("select json_array(1, null, 'a' null on null) x, json_array() y, json_object() z "
               "from dual",
               "SELECT ORA_JSON_ARRAY(1, NULL, 'a', 256) X, ORA_JSON_ARRAY(0) Y, "
               "ORA_JSON_OBJECT(256) "
               "Z FROM DUAL");
    expect_error("select json_table(doc, '$') from t", ORA_UNIMPLEMENTED, 7);
    expect_error("select json_value(doc, '$' default 1 on error) from t", ORA_UNIMPLEMENTED, 27);
    expect_error("select 1 from t where doc is json with unique keys", ORA_UNIMPLEMENTED, 34);
}

static void test_map_sqlite_errors(void **state)
{
    ora_error err;
    map_error("select * from emp", 1, "no such table: SCOTT.EMP", -1, &err);
    assert_string_equal(err.msg, "ORA-00942: table or view does not exist");
    assert_int_equal(err.offset, 14);
    map_error("select a, nosuchcol from emp", 1, "no such column: NOSUCHCOL", -1, &err);
    assert_string_equal(err.msg, "ORA-00904: \"NOSUCHCOL\": invalid identifier");
    assert_int_equal(err.offset, 10);
    map_error("select e.x from emp e", 1, "no such column: E.X", 7, &err);
    assert_string_equal(err.msg, "ORA-00904: \"E\".\"X\": invalid identifier");
    assert_int_equal(err.offset, 7);
    map_error("select frob(1) from dual", 1, "no such function: FROB", -1, &err);
    assert_string_equal(err.msg, "ORA-00904: \"FROB\": invalid identifier");
    assert_int_equal(err.offset, 7);
    map_error("insert into emp values (1)", 19, "UNIQUE constraint failed: SCOTT.EMP.EMPNO", -1,
              &err);
    assert_int_equal(err.code, 1);
    assert_true(strncmp(err.msg, "ORA-00001: unique constraint (SCOTT.SYS_C00", 42) == 0);
    map_error("insert into emp values (1)", 19, "UNIQUE constraint failed: index 'SCOTT.EMP_UK'",
              -1, &err);
    assert_string_equal(err.msg, "ORA-00001: unique constraint (SCOTT.EMP_UK) violated");
    map_error("insert into emp values (1)", 19, "NOT NULL constraint failed: SCOTT.EMP.ENAME", -1,
              &err);
    assert_string_equal(err.msg,
                        "ORA-01400: cannot insert NULL into (\"SCOTT\".\"EMP\".\"ENAME\")");
    map_error("insert into emp values (1)", 19, "CHECK constraint failed: EMP_CK", -1, &err);
    assert_string_equal(err.msg, "ORA-02290: check constraint (SCOTT.EMP_CK) violated");
    map_error("insert into emp values (1)", 19, "FOREIGN KEY constraint failed", -1, &err);
    assert_int_equal(err.code, 2291);
    map_error("delete from dept", 19, "FOREIGN KEY constraint failed", -1, &err);
    assert_int_equal(err.code, 2292);
    map_error("create table emp (a number)", 1, "table \"SCOTT.EMP\" already exists", 13, &err);
    assert_string_equal(err.msg, "ORA-00955: name is already used by an existing object");
    assert_int_equal(err.offset, 13);
    map_error("create index ix on t (a)", 1, "index SCOTT.IX already exists", -1, &err);
    assert_int_equal(err.code, 955);
    map_error("drop index ix", 1, "no such index: SCOTT.IX", -1, &err);
    assert_int_equal(err.code, 1418);
    map_error("insert into t values (1, 2)", 1,
              "table SCOTT.T has 1 columns but 2 values were supplied", -1, &err);
    assert_int_equal(err.code, 913);
    map_error("insert into t (a, b) values (1)", 1, "1 values for 2 columns", -1, &err);
    assert_int_equal(err.code, 947);
    map_error("select 1 from t where (a, b) in (select a, b, c from u)", 1,
              "sub-select returns 3 columns - expected 2", -1, &err);
    assert_int_equal(err.code, 913);
    map_error("select 1 from t where (a, b) in (select a from u)", 1,
              "sub-select returns 1 columns - expected 2", -1, &err);
    assert_int_equal(err.code, 947);
    map_error(
        "select a from t union select a, b from u", 1,
        "SELECTs to the left and right of UNION do not have the same number of result columns", -1,
        &err);
    assert_int_equal(err.code, 1789);
    map_error("select a from t, u", 1, "ambiguous column name: A", -1, &err);
    assert_int_equal(err.code, 918);
    map_error("select 1/0 from dual", 1, "ORA-01476: divisor is equal to zero", -1, &err);
    assert_string_equal(err.msg, "ORA-01476: divisor is equal to zero");
    map_error("select a from t", 9, "interrupted", -1, &err);
    assert_int_equal(err.code, 1013);
    map_error("select a from t", 5, "database is locked", -1, &err);
    assert_int_equal(err.code, 54);
    map_error("alter table t add (a number)", 1, "duplicate column name: A", -1, &err);
    assert_int_equal(err.code, 1430);
    map_error("update v$session set sid = 1", 1, "table V$SESSION may not be modified", -1, &err);
    assert_int_equal(err.code, 2030);
    map_error("create or replace view emp as select 1 x from dual", 1,
              "use DROP TABLE to delete table SCOTT.EMP", -1, &err);
    assert_int_equal(err.code, 955);
}

static void test_map_sqlite_syntax_errors(void **state)
{
    ora_error err;
    sql_stmt st;
    const char *oracle = "select a,   b from t";
    translate_ok(oracle, &st);
    int at = (int)(strstr(sqlite_sql(&st), "B FROM") - sqlite_sql(&st));
    sql_map_sqlite_error(&st, oracle, 1, "near \"B\": syntax error", at, &err);
    assert_int_equal(err.code, 933);
    assert_int_equal(err.offset, 12);
    sql_map_sqlite_error(&st, oracle, 1, "near \"FROM\": syntax error", -1, &err);
    assert_int_equal(err.code, 936);
    assert_int_equal(err.offset, 14);
    sql_stmt_free(&st);
    map_error("select a from t", 1, "near \"X\": syntax error", -1, &err);
    assert_int_equal(err.code, 933);
    map_error("select a from t", 1, "incomplete input", -1, &err);
    assert_int_equal(err.code, 921);
    map_error("select a from t", 1, "something nobody has seen", -1, &err);
    assert_string_equal(err.msg, "ORA-00900: invalid SQL statement");
    map_error("select a from t", 13, "database or disk is full", -1, &err);
    assert_int_equal(err.code, 1115);
    sql_map_sqlite_error(NULL, NULL, 1, NULL, -1, &err); /* nothing to go on: still an ORA error */
    assert_int_equal(err.code, 900);
}

/* Out of memory: past session_pga_limit (SQLite's hard heap limit) or truly out. */
static void test_map_sqlite_nomem(void **state)
{
    ora_error err;
    sqlite3_int64 before = sqlite3_hard_heap_limit64(64 << 20);
    map_error("select a from t", SQLITE_NOMEM, "out of memory", -1, &err);
    assert_string_equal(err.msg,
                        "ORA-04036: PGA memory used by the instance or PDB exceeds "
                        "PGA_AGGREGATE_LIMIT");
    sqlite3_hard_heap_limit64(0);
    map_error("select a from t", SQLITE_NOMEM, "out of memory", -1, &err);
    assert_int_equal(err.code, 4030);
    sqlite3_hard_heap_limit64(before);
}

/* ---- robustness ---- */

static void test_deep_nesting(void **state)
{
    buf sql;
    buf_init(&sql);
    buf_puts(&sql, "select ");
    for (int i = 0; i < 100000; i++)
        buf_putc(&sql, '(');
    buf_puts(&sql, "1 from dual");
    sql_stmt st;
    ora_error err;
    assert_int_equal(sql_translate(buf_cstr(&sql), &scott, &st, &err), -1);
    assert_int_equal(err.code, 3001);
    buf_reset(&sql);
    buf_puts(&sql, "select * from t where a in (select a from t where a in (select a from t))");
    translate_ok(buf_cstr(&sql), &st);
    sql_stmt_free(&st);
    buf_free(&sql);
}

static void test_huge_statements(void **state)
{
    buf sql;
    buf_init(&sql);
    buf_puts(&sql, "select a from t where a in (0");
    for (int i = 1; i < 50000; i++)
        buf_printf(&sql, ", %d", i);
    buf_puts(&sql, ")");
    sql_stmt st;
    translate_ok(buf_cstr(&sql), &st);
    assert_true(strlen(sqlite_sql(&st)) > 300000);
    sql_stmt_free(&st);
    buf_reset(&sql);
    buf_puts(&sql, "insert into t values ('");
    for (int i = 0; i < 1000000; i++)
        buf_putc(&sql, (uint8_t)('a' + i % 26));
    buf_puts(&sql, "')");
    expect_error(buf_cstr(&sql), 1704, 22); /* a literal beyond 4000 bytes */
    buf_reset(&sql);
    buf_puts(&sql, "select 1");
    for (int i = 0; i < 2000; i++)
        buf_puts(&sql, " + 1");
    buf_puts(&sql, " from dual");
    ora_error err;
    assert_int_equal(sql_translate(buf_cstr(&sql), &scott, &st, &err), -1);
    assert_int_equal(err.code, 3001);
    buf_reset(&sql);
    buf_puts(&sql, "select ");
    for (int i = 0; i < 10000; i++)
        buf_printf(&sql, "%sc%d", i ? ", " : "", i);
    buf_puts(&sql, " from t");
    translate_ok(buf_cstr(&sql), &st);
    sql_stmt_free(&st);
    buf_free(&sql);
}

/* A cheap deterministic generator so failures reproduce. */
static uint32_t rng_state = 12345;
static uint32_t rng(void)
{
    rng_state = rng_state * 1103515245u + 12345u;
    return rng_state >> 8;
}

static void check_result(const char *sql)
{
    sql_stmt st;
    ora_error err;
    int rc = sql_translate(sql, &scott, &st, &err);
    if (rc < 0) {
        assert_true(err.code > 0);
        assert_true(strncmp(err.msg, "ORA-", 4) == 0);
        assert_true(err.offset >= 0 && err.offset <= (int)strlen(sql));
        return;
    }
    if (st.kind == SQLK_QUERY || st.kind == SQLK_DML || st.kind == SQLK_DDL)
        assert_non_null(sqlite_sql(&st));
    sql_map_sqlite_error(&st, sql, 1, "near \"X\": syntax error", sqlite_sql(&st) ? 0 : -1, &err);
    assert_true(err.code > 0);
    sql_stmt_free(&st);
}

static void test_random_bytes(void **state)
{
    char sql[256];
    for (int iter = 0; iter < 20000; iter++) {
        int n = (int)(rng() % (sizeof sql - 1));
        for (int i = 0; i < n; i++)
            sql[i] = (char)(rng() % 255 + 1);
        sql[n] = 0;
        check_result(sql);
    }
}

static void test_random_tokens(void **state)
{
    static const char *const words[] = {
        "select",    "from",       "where",      "and",
        "or",        "not",        "(",          ")",
        ",",         "*",          "+",          "-",
        "/",         "||",         "=",          "<=",
        "emp",       "e",          ".",          "a",
        "1",         "'x'",        "''",         ":1",
        ":b",        "dual",       "rownum",     "sysdate",
        "user",      "null",       "group",      "by",
        "order",     "having",     "union",      "minus",
        "join",      "on",         "left",       "insert",
        "into",      "values",     "update",     "set",
        "delete",    "create",     "table",      "index",
        "view",      "drop",       "number",     "varchar2(10)",
        "as",        "with",       "case",       "when",
        "then",      "else",       "end",        "in",
        "exists",    "between",    "like",       "is",
        "fetch",     "first",      "rows",       "only",
        "offset",    "for",        "distinct",   "grant",
        "to",        "revoke",     "alter",      "cast",
        "extract",   "trim",       "over",       "partition",
        "date",      "timestamp",  "default",    "primary",
        "key",       "constraint", "references", "check",
        "generated", "identity",   "lock",       "commit",
        "rollback",  ";",          "listagg",    "within",
        "all",       "any",        "\"Q\"",      "q'[z]'",
        "1.5d",      "--c\n",      "/*c*/",
    };
    int nwords = (int)(sizeof words / sizeof words[0]);
    buf sql;
    buf_init(&sql);
    for (int iter = 0; iter < 30000; iter++) {
        buf_reset(&sql);
        int n = (int)(rng() % 24);
        for (int i = 0; i < n; i++) {
            buf_puts(&sql, words[rng() % (uint32_t)nwords]);
            buf_putc(&sql, ' ');
        }
        check_result(buf_cstr(&sql));
    }
    buf_free(&sql);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lexer_tokens),
        cmocka_unit_test(test_lexer_errors),
        cmocka_unit_test(test_string_literal_limit),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_global_names),
        cmocka_unit_test(test_global_names_callback),
        cmocka_unit_test(test_insert_target_callback),
        cmocka_unit_test(test_for_update_rowid),
        cmocka_unit_test(test_cte_names_are_local),
        cmocka_unit_test(test_sqlite_keyword_names_quoted),
        cmocka_unit_test(test_column_names),
        cmocka_unit_test(test_long_column_name_truncated),
        cmocka_unit_test(test_joins),
        cmocka_unit_test(test_binds),
        cmocka_unit_test(test_binds_in_strings_and_comments),
        cmocka_unit_test(test_pseudo_columns),
        cmocka_unit_test(test_operators),
        cmocka_unit_test(test_exact_items),
        cmocka_unit_test(test_expression_types),
        cmocka_unit_test(test_text_sizes),
        cmocka_unit_test(test_star_expansion),
        cmocka_unit_test(test_literals),
        cmocka_unit_test(test_special_functions),
        cmocka_unit_test(test_subqueries),
        cmocka_unit_test(test_set_operators),
        cmocka_unit_test(test_order_by_nulls),
        cmocka_unit_test(test_fetch_offset),
        cmocka_unit_test(test_rownum),
        cmocka_unit_test(test_for_update),
        cmocka_unit_test(test_insert),
        cmocka_unit_test(test_update_delete),
        cmocka_unit_test(test_dml_errors),
        cmocka_unit_test(test_merge),
        cmocka_unit_test(test_merge_errors),
        cmocka_unit_test(test_insert_all),
        cmocka_unit_test(test_insert_all_errors),
        cmocka_unit_test(test_create_table),
        cmocka_unit_test(test_identity_columns),
        cmocka_unit_test(test_create_table_errors),
        cmocka_unit_test(test_indexes_views_drops),
        cmocka_unit_test(test_stored_units),
        cmocka_unit_test(test_returning_into),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_decode),
        cmocka_unit_test(test_at_time_zone),
        cmocka_unit_test(test_comment_on),
        cmocka_unit_test(test_cursor_expressions),
        cmocka_unit_test(test_sequences),
        cmocka_unit_test(test_reserved_bind_names),
        cmocka_unit_test(test_refused_tokens),
        cmocka_unit_test(test_alter_table),
        cmocka_unit_test(test_lock_table),
        cmocka_unit_test(test_transaction_control),
        cmocka_unit_test(test_kept_text),
        cmocka_unit_test(test_alter_system_sessions),
        cmocka_unit_test(test_alter_system_session_errors),
        cmocka_unit_test(test_alter_system_set),
        cmocka_unit_test(test_users),
        cmocka_unit_test(test_grants),
        cmocka_unit_test(test_object_grants),
        cmocka_unit_test(test_schema_function_calls),
        cmocka_unit_test(test_profiles),
        cmocka_unit_test(test_syntax_errors),
        cmocka_unit_test(test_unsupported_features),
        cmocka_unit_test(test_hierarchical_queries),
        cmocka_unit_test(test_hierarchical_errors),
        cmocka_unit_test(test_outer_joins),
        cmocka_unit_test(test_pivot),
        cmocka_unit_test(test_hierarchical_join),
        cmocka_unit_test(test_error_offsets_are_characters),
        cmocka_unit_test(test_trailing_semicolon),
        cmocka_unit_test(test_offset_map),
        cmocka_unit_test(test_map_sqlite_errors),
        cmocka_unit_test(test_map_sqlite_syntax_errors),
        cmocka_unit_test(test_map_sqlite_nomem),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_huge_statements),
        cmocka_unit_test(test_random_bytes),
        cmocka_unit_test(test_random_tokens),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
