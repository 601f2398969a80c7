/*
 * test_wsql_script.c - the statement splitter (what SQL*Plus runs when),
 * command recognition, and '&' substitution.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/buf.h"
#include "wsql/script.h"
#include "wsql/subst.h"

/* Feed LINE and check what comes out. */
static void expect(script *s, const char *line, enum script_kind kind, const char *text)
{
    script_item it = script_feed(s, line);
    assert_int_equal(it.kind, kind);
    if (text) assert_string_equal(it.text, text);
}

static void expect_command(script *s, const char *line, enum wsql_cmd cmd)
{
    script_item it = script_feed(s, line);
    assert_int_equal(it.kind, SCRIPT_COMMAND);
    assert_int_equal(it.command, cmd);
}

static void expect_plsql(script *s, const char *line, const char *text)
{
    script_item it = script_feed(s, line);
    assert_int_equal(it.kind, SCRIPT_STATEMENT);
    assert_int_equal(it.plsql, 1);
    assert_string_equal(it.text, text);
}

static int setup(void **state)
{
    script *s = calloc(1, sizeof *s);
    script_init(s);
    *state = s;
    return 0;
}

static int teardown(void **state)
{
    script_free(*state);
    free(*state);
    return 0;
}

/* ---- SQL ---- */

static void test_semicolon_ends_sql(void **state)
{
    script *s = *state;
    expect(s, "select * from dual;", SCRIPT_STATEMENT, "select * from dual");
    expect(s, "select * from dual;   ", SCRIPT_STATEMENT, "select * from dual");
    expect(s, "select 1 from dual ; -- done", SCRIPT_STATEMENT, "select 1 from dual");
    expect(s, "alter system disconnect session '30,7';", SCRIPT_STATEMENT,
           "alter system disconnect session '30,7'");
}

static void test_multi_line_sql_and_prompts(void **state)
{
    script *s = *state;
    buf scratch;
    buf_init(&scratch);
    assert_string_equal(script_prompt(s, "SQL> ", &scratch), "SQL> ");
    expect(s, "select *", SCRIPT_MORE, NULL);
    assert_string_equal(script_prompt(s, "SQL> ", &scratch), "  2  ");
    expect(s, "  from dual", SCRIPT_MORE, NULL);
    assert_string_equal(script_prompt(s, "SQL> ", &scratch), "  3  ");
    expect(s, " where 1 = 1;", SCRIPT_STATEMENT, "select *\n  from dual\n where 1 = 1");
    assert_string_equal(script_prompt(s, "SQL> ", &scratch), "SQL> ");
    buf_free(&scratch);
}

static void test_slash_line_ends_sql(void **state)
{
    script *s = *state;
    expect(s, "select sysdate from dual", SCRIPT_MORE, NULL);
    expect(s, "/", SCRIPT_STATEMENT, "select sysdate from dual");
    expect(s, " / ", SCRIPT_RUN_BUFFER, "select sysdate from dual");
}

static void test_blank_line_ends_without_running(void **state)
{
    script *s = *state;
    expect(s, "select 1", SCRIPT_MORE, NULL);
    expect(s, "from dual", SCRIPT_MORE, NULL);
    expect(s, "", SCRIPT_ENDED, NULL);
    expect(s, "/", SCRIPT_RUN_BUFFER, "select 1\nfrom dual");
    expect(s, "select 2", SCRIPT_MORE, NULL);
    expect(s, ".", SCRIPT_ENDED, NULL);
    expect(s, "/", SCRIPT_RUN_BUFFER, "select 2");
}

static void test_sqlblanklines_keeps_blank_lines(void **state)
{
    script *s = *state;
    s->blank_lines_ok = 1;
    expect(s, "select 1", SCRIPT_MORE, NULL);
    expect(s, "", SCRIPT_MORE, NULL);
    expect(s, "from dual;", SCRIPT_STATEMENT, "select 1\n\nfrom dual");
}

static void test_semicolons_in_strings_and_comments(void **state)
{
    script *s = *state;
    expect(s, "select 'a;", SCRIPT_MORE, NULL);
    expect(s, "b;' from dual;", SCRIPT_STATEMENT, "select 'a;\nb;' from dual");
    expect(s, "select 1 -- not the end;", SCRIPT_MORE, NULL);
    expect(s, "from dual;", SCRIPT_STATEMENT, "select 1 -- not the end;\nfrom dual");
    expect(s, "select 1 /* a;", SCRIPT_MORE, NULL);
    expect(s, "b; */ from dual;", SCRIPT_STATEMENT, "select 1 /* a;\nb; */ from dual");
    expect(s, "select q'[it's;]' from dual;", SCRIPT_STATEMENT, "select q'[it's;]' from dual");
    expect(s, "select 'it''s;' from dual;", SCRIPT_STATEMENT, "select 'it''s;' from dual");
    expect(s, "select \"A;\" from t;", SCRIPT_STATEMENT, "select \"A;\" from t");
}

/* The article's query: a commented-out column inside the statement stays in its text. */
static void test_article_query(void **state)
{
    script *s = *state;
    const char *lines[] = {
        "SELECT s.inst_id,",
        "       s.sid,",
        "       s.serial#,",
        "       --s.sql_id,",
        "       p.spid,",
        "       s.username,",
        "       s.program",
        "FROM   gv$session s",
        "       JOIN gv$process p ON p.addr = s.paddr AND p.inst_id = s.inst_id"};
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
        expect(s, lines[i], SCRIPT_MORE, NULL);
    expect(s, "WHERE  s.type != 'BACKGROUND';", SCRIPT_STATEMENT,
           "SELECT s.inst_id,\n       s.sid,\n       s.serial#,\n       --s.sql_id,\n"
           "       p.spid,\n       s.username,\n       s.program\nFROM   gv$session s\n"
           "       JOIN gv$process p ON p.addr = s.paddr AND p.inst_id = s.inst_id\n"
           "WHERE  s.type != 'BACKGROUND'");
}

/* ---- PL/SQL ---- */

static void test_plsql_ends_only_with_slash(void **state)
{
    script *s = *state;
    expect(s, "begin", SCRIPT_MORE, NULL);
    expect(s, "  null;", SCRIPT_MORE, NULL);
    expect(s, "", SCRIPT_MORE, NULL);
    expect(s, "end;", SCRIPT_MORE, NULL);
    expect_plsql(s, "/", "begin\n  null;\n\nend;");
    expect(s, "BEGIN dbms_lock.sleep(1); END;", SCRIPT_MORE, NULL);
    expect_plsql(s, "/", "BEGIN dbms_lock.sleep(1); END;");
    expect(s, "declare x number := 1;", SCRIPT_MORE, NULL);
    expect(s, "begin null; end;", SCRIPT_MORE, NULL);
    expect_plsql(s, "/", "declare x number := 1;\nbegin null; end;");
}

static void test_plsql_units(void **state)
{
    script *s = *state;
    expect(s, "create or replace", SCRIPT_MORE, NULL);
    expect(s, "procedure p is", SCRIPT_MORE, NULL);
    expect(s, "begin null; end;", SCRIPT_MORE, NULL);
    expect_plsql(s, "/", "create or replace\nprocedure p is\nbegin null; end;");
    expect(s, "CREATE TRIGGER t BEFORE INSERT ON x BEGIN NULL; END;", SCRIPT_MORE, NULL);
    expect_plsql(s, "/", "CREATE TRIGGER t BEFORE INSERT ON x BEGIN NULL; END;");
    expect(s, "create or replace view v as select 1 x from dual;", SCRIPT_STATEMENT,
           "create or replace view v as select 1 x from dual");
}

/* ---- commands ---- */

static void test_commands_need_no_terminator(void **state)
{
    script *s = *state;
    expect_command(s, "set linesize 100", CMD_SET);
    expect_command(s, "SET PAGESIZE 0 FEEDBACK OFF", CMD_SET);
    expect_command(s, "sho user", CMD_SHOW);
    expect_command(s, "COLUMN spid FORMAT A10", CMD_COLUMN);
    expect_command(s, "col username for a10", CMD_COLUMN);
    expect_command(s, "desc dual", CMD_DESCRIBE);
    expect_command(s, "DESCRIBE v$session", CMD_DESCRIBE);
    expect_command(s, "@setup.sql", CMD_START);
    expect_command(s, "@@child", CMD_START);
    expect_command(s, "start x", CMD_START);
    expect_command(s, "conn / as sysdba", CMD_CONNECT);
    expect_command(s, "connect scott/tiger@localhost:1521/WARDEN", CMD_CONNECT);
    expect_command(s, "disconnect", CMD_DISCONNECT);
    expect_command(s, "exit;", CMD_EXIT);
    expect_command(s, "quit", CMD_EXIT);
    expect_command(s, "prompt hello", CMD_PROMPT);
    expect_command(s, "clear columns", CMD_CLEAR);
    expect_command(s, "define x = 5", CMD_DEFINE);
    expect_command(s, "undef x", CMD_UNDEFINE);
    expect_command(s, "exec dbms_lock.sleep(1)", CMD_EXECUTE);
    expect_command(s, "whenever sqlerror exit 1", CMD_WHENEVER);
    expect_command(s, "l", CMD_LIST);
    expect_command(s, "r", CMD_RUN);
    expect_command(s, "shutdown immediate", CMD_SHUTDOWN);
    expect_command(s, "spool out.txt", CMD_SPOOL);
    expect_command(s, "bre on deptno skip 1", CMD_BREAK);
    expect_command(s, "comp sum of sal on deptno", CMD_COMPUTE);
    expect_command(s, "tti left 'x'", CMD_TTITLE);
    expect_command(s, "btitle off", CMD_BTITLE);
    expect_command(s, "rephead 'x'", CMD_REPHEADER);
    expect_command(s, "repfooter off", CMD_REPFOOTER);
    expect_command(s, "acc x prompt 'x: '", CMD_ACCEPT);
    expect_command(s, "pause", CMD_PAUSE);
    expect_command(s, "copy from a to b", CMD_UNSUPPORTED);
}

static void test_sql_that_looks_like_commands(void **state)
{
    script *s = *state;
    expect(s, "set transaction read only;", SCRIPT_STATEMENT, "set transaction read only");
    expect(s, "SET ROLE dba;", SCRIPT_STATEMENT, "SET ROLE dba");
    expect(s, "savepoint a;", SCRIPT_STATEMENT, "savepoint a");
    expect(s, "rollback;", SCRIPT_STATEMENT, "rollback");
    expect(s, "delete from t;", SCRIPT_STATEMENT, "delete from t");
    expect(s, "(select 1 from dual);", SCRIPT_STATEMENT, "(select 1 from dual)");
}

static void test_command_continuation(void **state)
{
    script *s = *state;
    buf scratch;
    buf_init(&scratch);
    expect(s, "column program -", SCRIPT_MORE, NULL);
    assert_string_equal(script_prompt(s, "SQL> ", &scratch), "> ");
    script_item it = script_feed(s, "  format a45");
    assert_int_equal(it.kind, SCRIPT_COMMAND);
    assert_int_equal(it.command, CMD_COLUMN);
    assert_string_equal(it.text, "column program    format a45");
    buf_free(&scratch);
}

static void test_unknown_commands(void **state)
{
    script *s = *state;
    expect_command(s, "hello world", CMD_UNKNOWN);
    expect_command(s, "des dual", CMD_UNKNOWN);
}

static void test_comments_between_statements(void **state)
{
    script *s = *state;
    expect(s, "-- a comment;", SCRIPT_NOTHING, NULL);
    expect(s, "rem a remark;", SCRIPT_NOTHING, NULL);
    expect(s, "REMARK another", SCRIPT_NOTHING, NULL);
    expect(s, "   ", SCRIPT_NOTHING, NULL);
    expect(s, "/* a long", SCRIPT_NOTHING, NULL);
    expect(s, "select 1 from dual; still a comment */", SCRIPT_NOTHING, NULL);
    expect(s, "/* short */ select 1 from dual;", SCRIPT_STATEMENT, "select 1 from dual");
    expect(s, ".", SCRIPT_NOTHING, NULL);
}

static void test_huge_statement(void **state)
{
    script *s = *state;
    size_t n = 2 * 1024 * 1024;
    char *line = malloc(n + 32);
    strcpy(line, "select '");
    memset(line + 8, 'x', n);
    strcpy(line + 8 + n, "' from dual;");
    script_item it = script_feed(s, line);
    assert_int_equal(it.kind, SCRIPT_STATEMENT);
    assert_int_equal(strlen(it.text), n + strlen("select '' from dual"));
    free(line);
}

static void test_abandon_keeps_buffer(void **state)
{
    script *s = *state;
    expect(s, "select 1", SCRIPT_MORE, NULL);
    script_abandon(s);
    assert_int_equal(script_collecting(s), 0);
    expect(s, "/", SCRIPT_RUN_BUFFER, "select 1");
}

/* ---- substitution ---- */

static int asked;

static char *answer_seven(void *ctx, const char *prompt)
{
    asked++;
    assert_string_equal(prompt, ctx);
    return strdup("7");
}

static void assert_subst(subst *v, const char *text, const char *expected)
{
    char *got = subst_apply(v, text);
    assert_string_equal(got, expected);
    free(got);
}

static void test_substitution(void **state)
{
    subst v;
    subst_init(&v, answer_seven, "Enter value for y: ");
    subst_define(&v, "x", "5");
    assert_subst(&v, "select &x from dual", "select 5 from dual");
    assert_subst(&v, "select '&X.abc' from dual", "select '5abc' from dual");
    assert_subst(&v, "select 1 & 2, 'a&' from dual", "select 1 & 2, 'a&' from dual");
    asked = 0;
    assert_subst(&v, "select &y, &y from dual", "select 7, 7 from dual");
    assert_int_equal(asked, 2);
    assert_subst(&v, "select &&y, &y from dual", "select 7, 7 from dual");
    assert_int_equal(asked, 3);
    assert_string_equal(subst_value(&v, "Y"), "7");
    assert_int_equal(subst_undefine(&v, "y"), 0);
    assert_int_equal(subst_undefine(&v, "y"), -1);
    v.enabled = 0;
    assert_subst(&v, "select &x from dual", "select &x from dual");
    v.enabled = 1, v.prefix = '^';
    assert_subst(&v, "select ^x, &x from dual", "select 5, &x from dual");
    subst_free(&v);
}

static void test_substitution_verify_and_listing(void **state)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    subst_print_verify(out, "select &x\nfrom dual\nwhere &x = 1",
                       "select 5\nfrom dual\nwhere 5 = 1");
    subst_var var = {"X", "5"};
    subst_print_var(out, &var);
    fclose(out);
    assert_string_equal(text, "old   1: select &x\nnew   1: select 5\n"
                              "old   3: where &x = 1\nnew   3: where 5 = 1\n"
                              "DEFINE X               = \"5\" (CHAR)\n");
    free(text);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_semicolon_ends_sql),
        T(test_multi_line_sql_and_prompts),
        T(test_slash_line_ends_sql),
        T(test_blank_line_ends_without_running),
        T(test_sqlblanklines_keeps_blank_lines),
        T(test_semicolons_in_strings_and_comments),
        T(test_article_query),
        T(test_plsql_ends_only_with_slash),
        T(test_plsql_units),
        T(test_commands_need_no_terminator),
        T(test_sql_that_looks_like_commands),
        T(test_command_continuation),
        T(test_unknown_commands),
        T(test_comments_between_statements),
        T(test_huge_statement),
        T(test_abandon_keeps_buffer),
        cmocka_unit_test(test_substitution),
        cmocka_unit_test(test_substitution_verify_and_listing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
