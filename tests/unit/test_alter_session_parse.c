/*
 * test_alter_session_parse.c - unit tests of the ALTER SESSION parser
 * (src/sql/alter_session_parse.c): the parameters and values it hands the
 * server, and Oracle's syntax errors at the offending token.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "sql/translate.h"

static const sql_ctx scott = {.schema = "SCOTT"};

static void parse_ok(const char *oracle, sql_stmt *st)
{
    ora_error err;
    if (sql_translate(oracle, &scott, st, &err) != 0) fail_msg("%s\n  -> %s", oracle, err.msg);
    assert_int_equal(st->kind, SQLK_ALTER_SESSION);
    assert_int_equal(st->command_type, 42);
    assert_null(sql_stmt_sqlite_text(st));
}

static void expect_error(const char *oracle, int code, int offset)
{
    sql_stmt st;
    ora_error err;
    if (sql_translate(oracle, &scott, &st, &err) == 0) fail_msg("%s\n  parsed", oracle);
    if (err.code != code || err.offset != offset)
        fail_msg("%s\n  got %s at %d, want ORA-%05d at %d", oracle, err.msg, err.offset, code,
                 offset);
}

/* Parameter I of ST is NAME = VALUE (QUOTED), the value at character VALUE_OFF. */
static void expect_param(const sql_stmt *st, int i, const char *name, const char *value,
                         int quoted, int value_off)
{
    const sql_alter_session_stmt *as = &st->alter_session;
    assert_int_equal(as->action, ALTER_SESSION_SET);
    assert_true(i < as->nparams);
    assert_string_equal(as->params[i].name, name);
    assert_string_equal(as->params[i].value, value);
    assert_int_equal(as->params[i].quoted, quoted);
    assert_int_equal(as->params[i].value_off, value_off);
}

static void test_set_one(void **state)
{
    sql_stmt st;
    parse_ok("alter session set nls_date_format = 'YYYY-MM-DD'", &st);
    assert_int_equal(st.alter_session.nparams, 1);
    expect_param(&st, 0, "NLS_DATE_FORMAT", "YYYY-MM-DD", 1, 36);
    assert_int_equal(st.alter_session.params[0].name_off, 18);
    sql_stmt_free(&st);
    parse_ok("ALTER SESSION SET TIME_ZONE='Europe/Paris';", &st);
    expect_param(&st, 0, "TIME_ZONE", "Europe/Paris", 1, 28);
    sql_stmt_free(&st);
    parse_ok("alter session set time_zone = local", &st);
    expect_param(&st, 0, "TIME_ZONE", "LOCAL", 0, 30);
    sql_stmt_free(&st);
    parse_ok("alter session set current_schema = \"Hr\"", &st);
    expect_param(&st, 0, "CURRENT_SCHEMA", "Hr", 0, 35);
    sql_stmt_free(&st);
    parse_ok("alter session set ddl_lock_timeout = -5", &st);
    expect_param(&st, 0, "DDL_LOCK_TIMEOUT", "-5", 0, 37);
    sql_stmt_free(&st);
}

static void test_set_several(void **state)
{
    sql_stmt st;
    parse_ok("alter session set isolation_level = read committed nls_language = english "
             "nls_territory='united kingdom'",
             &st);
    assert_int_equal(st.alter_session.nparams, 3);
    expect_param(&st, 0, "ISOLATION_LEVEL", "READ COMMITTED", 0, 36);
    expect_param(&st, 1, "NLS_LANGUAGE", "ENGLISH", 0, 66);
    expect_param(&st, 2, "NLS_TERRITORY", "united kingdom", 1, 88);
    sql_stmt_free(&st);
}

static void test_commit_in_procedure(void **state)
{
    sql_stmt st;
    parse_ok("alter session disable commit in procedure", &st);
    assert_int_equal(st.alter_session.action, ALTER_SESSION_DISABLE_COMMIT);
    sql_stmt_free(&st);
    parse_ok("alter session enable commit in procedure;", &st);
    assert_int_equal(st.alter_session.action, ALTER_SESSION_ENABLE_COMMIT);
    sql_stmt_free(&st);
    expect_error("alter session enable commit in", 922, 30);
    expect_error("alter session disable commit on procedure", 922, 29);
}

static void test_errors(void **state)
{
    expect_error("alter session", 922, 13);
    expect_error("alter session set", 922, 17);
    expect_error("alter session foo", 922, 14);
    expect_error("alter session set nls_date_format", 922, 33);
    expect_error("alter session set nls_date_format 'x'", 922, 34);
    expect_error("alter session set nls_date_format =", 922, 35);
    expect_error("alter session set nls_date_format = 'x' 'y'", 922, 40);
    expect_error("alter session set = 'x'", 922, 18);
    expect_error("alter session set no_such_thing = 1", 2248, 18);
    expect_error("alter session set nls_date_format = 'x' bogus = 1", 2248, 40);
    expect_error("alter session set nls_date_format = 'x'; x", 911, 39);
    /* Oracle's other clauses: Warden does none */
    expect_error("alter session enable parallel dml", 3001, 0);
    expect_error("alter session force parallel query parallel 4", 3001, 0);
    expect_error("alter session close database link remote", 3001, 0);
    expect_error("alter session advise commit", 3001, 0);
    expect_error("alter session enable resumable timeout 60", 3001, 0);
}

static void test_character_offsets(void **state)
{
    sql_stmt st;
    /* offsets count characters, not bytes: 'é' is two bytes */
    parse_ok("alter session set nls_date_format = 'é' time_zone = 'UTC'", &st);
    expect_param(&st, 1, "TIME_ZONE", "UTC", 1, 52);
    assert_int_equal(st.alter_session.params[1].name_off, 40);
    sql_stmt_free(&st);
    expect_error("alter session set nls_date_format = 'é' nope = 1", 2248, 40);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_set_one),
        cmocka_unit_test(test_set_several),
        cmocka_unit_test(test_commit_in_procedure),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_character_offsets),
    };
    return cmocka_run_group_tests_name("alter_session_parse", tests, NULL, NULL);
}
