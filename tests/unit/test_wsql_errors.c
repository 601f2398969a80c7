/*
 * test_wsql_errors.c - ORA- errors printed character for character as
 * SQL*Plus prints them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "wsql/errors.h"

/* err_print's output for SQL (NULL = no statement) and error CODE at OFFSET. */
static char *printed(const err_context *where, int code, int offset)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    ora_error e;
    ora_set(&e, code, offset, "POST_TRANSACTION or IMMEDIATE");
    err_print(out, where, &e);
    fclose(out);
    return text;
}

static void assert_printed(const char *sql, int code, int offset, const char *expected)
{
    err_context where = {.sql = sql};
    char *got = printed(&where, code, offset);
    assert_string_equal(got, expected);
    free(got);
}

/* The article's ORA-02000 transcript (docs/ending-sessions.md), character for character. */
static void test_disconnect_without_keyword(void **state)
{
    assert_printed("alter system disconnect session '30,7'", 2000, 37,
                   "alter system disconnect session '30,7'\n"
                   "                                     *\n"
                   "ERROR at line 1:\n"
                   "ORA-02000: missing POST_TRANSACTION or IMMEDIATE keyword\n"
                   "\n");
}

static void test_no_offset_puts_asterisk_in_column_zero(void **state)
{
    assert_printed("alter system kill session '152,33'", 31, 0,
                   "alter system kill session '152,33'\n"
                   "*\n"
                   "ERROR at line 1:\n"
                   "ORA-00031: session marked for kill\n"
                   "\n");
}

static void test_only_the_offending_line_is_shown(void **state)
{
    assert_printed("select *\nfrom nosuch\nwhere 1 = 1", 942, 14,
                   "from nosuch\n"
                   "     *\n"
                   "ERROR at line 2:\n"
                   "ORA-00942: table or view does not exist\n"
                   "\n");
    assert_printed("select first_name from hr.employees where last_name = 'Chen'", 942, 26,
                   "select first_name from hr.employees where last_name = 'Chen'\n"
                   "                          *\n"
                   "ERROR at line 1:\n"
                   "ORA-00942: table or view does not exist\n"
                   "\n");
}

static void test_offset_past_the_end_stays_on_the_last_character(void **state)
{
    assert_printed("select 1 from", 936, 99,
                   "select 1 from\n"
                   "            *\n"
                   "ERROR at line 1:\n"
                   "ORA-00936: missing expression\n"
                   "\n");
}

static void test_offsets_count_characters(void **state)
{
    assert_printed("select '\xc3\xa9' fro dual", 923, 11,
                   "select '\xc3\xa9' fro dual\n"
                   "           *\n"
                   "ERROR at line 1:\n"
                   "ORA-00923: FROM keyword not found where expected\n"
                   "\n");
}

static void test_error_without_statement(void **state)
{
    char *got = printed(NULL, 3114, 0);
    assert_string_equal(got, "ERROR:\nORA-03114: not connected to ORACLE\n\n");
    free(got);
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    err_print_code(out, 1012);
    err_print_sp2(out, 640, "Not connected");
    fclose(out);
    assert_string_equal(text, "ERROR:\nORA-01012: not logged on\n\nSP2-0640: Not connected\n");
    free(text);
}

/* oracle-session-facts 3: the victim of DISCONNECT SESSION ... IMMEDIATE inside EXECUTE. */
static void test_lost_session_during_execute(void **state)
{
    err_context where = {.sql = "BEGIN dbms_lock.sleep(3600); END;",
                         .from_execute = 1,
                         .lost_session = 1,
                         .server_pid = 15294,
                         .sid = 7,
                         .serial = 62};
    char *got = printed(&where, 3113, 0);
    assert_string_equal(got, "BEGIN dbms_lock.sleep(3600); END;\n"
                             "\n"
                             "*\n"
                             "ERROR at line 1:\n"
                             "ORA-03113: end-of-file on communication channel\n"
                             "Process ID: 15294\n"
                             "Session ID: 7 Serial number: 62\n"
                             "\n");
    free(got);
}

static void test_multi_line_messages(void **state)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    ora_error e;
    ora_set(&e, 6550, 6, "1", "7", "PLS-00201: identifier 'FOO' must be declared");
    err_context where = {.sql = "BEGIN foo; END;"};
    err_print(out, &where, &e);
    fclose(out);
    assert_string_equal(text, "BEGIN foo; END;\n"
                              "      *\n"
                              "ERROR at line 1:\n"
                              "ORA-06550: line 1, column 7:\n"
                              "PLS-00201: identifier 'FOO' must be declared\n"
                              "\n");
    free(text);
}

static void test_locate(void **state)
{
    const char *start;
    size_t len;
    int column;
    assert_int_equal(err_locate("a\nbc\ndef", 6, &column, &start, &len), 3);
    assert_int_equal(column, 1);
    assert_int_equal((int)len, 3);
    assert_int_equal(err_locate("", 5, &column, &start, &len), 1);
    assert_int_equal(column, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_disconnect_without_keyword),
        cmocka_unit_test(test_no_offset_puts_asterisk_in_column_zero),
        cmocka_unit_test(test_only_the_offending_line_is_shown),
        cmocka_unit_test(test_offset_past_the_end_stays_on_the_last_character),
        cmocka_unit_test(test_offsets_count_characters),
        cmocka_unit_test(test_error_without_statement),
        cmocka_unit_test(test_lost_session_during_execute),
        cmocka_unit_test(test_multi_line_messages),
        cmocka_unit_test(test_locate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
