/*
 * test_wsql_format.c - wsql's result formatting against SQL*Plus's exact
 * output: number/date display, FORMAT masks, headings, wrapping, pages,
 * feedback lines and DESCRIBE.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/buf.h"
#include "wsql/describe.h"
#include "wsql/feedback.h"
#include "wsql/format.h"
#include "wsql/units.h"
#include "wsql/values.h"

/* ---- helpers ---- */

static char *number(const char *text, int width)
{
    buf b;
    buf_init(&b);
    number_display(&b, text, width);
    char *copy = xstrdup(buf_cstr(&b));
    buf_free(&b);
    return copy;
}

#define assert_number(text, width, expected)                                                       \
    do {                                                                                           \
        char *got_ = number(text, width);                                                          \
        assert_string_equal(got_, expected);                                                       \
        free(got_);                                                                                \
    } while (0)

static void check_mask(const char *mask, const char *text, const char *expected)
{
    num_mask m;
    buf b;
    buf_init(&b);
    assert_int_equal(num_mask_parse(mask, &m), 0);
    number_mask_display(&b, text, &m);
    assert_string_equal(buf_cstr(&b), expected);
    assert_int_equal((int)b.len, m.width);
    buf_free(&b);
}

static wdn_column column(const char *name, int type, int size)
{
    wdn_column c;
    memset(&c, 0, sizeof c);
    strcpy(c.name, name);
    c.type = type;
    c.size = size;
    c.scale = type == WDN_TIMESTAMP ? 6 : -127;
    c.nullable = 1;
    return c;
}

/* Print ROWS (NCOLS values each, row-major) through the formatter; returns the text. */
static char *run_query(const fmt_settings *s, const wdn_column *cols, int ncols,
                       const char *const *values, int nrows)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    fmt_query *q = fmt_query_new(s, cols, ncols, out);
    for (int r = 0; r < nrows; r++)
        fmt_query_row(q, values + r * ncols);
    fmt_query_end(q);
    fmt_query_free(q);
    fclose(out);
    return text;
}

static void assert_query(const fmt_settings *s, const wdn_column *cols, int ncols,
                         const char *const *values, int nrows, const char *expected)
{
    char *got = run_query(s, cols, ncols, values, nrows);
    assert_string_equal(got, expected);
    free(got);
}

/* LEVEL 1..N as NUMBER rows. */
static char *levels(const fmt_settings *s, int n)
{
    wdn_column c = column("LEVEL", WDN_NUMBER, 22);
    const char **values = calloc((size_t)n, sizeof *values);
    char(*texts)[12] = calloc((size_t)n, sizeof *texts);
    for (int i = 0; i < n; i++)
        snprintf(texts[i], sizeof texts[i], "%d", i + 1), values[i] = texts[i];
    char *got = run_query(s, &c, 1, values, n);
    free(values);
    free(texts);
    return got;
}

/* ---- numbers ---- */

static void test_number_plain(void **state)
{
    assert_number("42", 10, "42");
    assert_number("0", 10, "0");
    assert_number("-17", 10, "-17");
    assert_number("123.450", 10, "123.45");
    assert_number("1234567890", 10, "1234567890");
}

static void test_number_leading_point(void **state)
{
    assert_number("0.5", 10, ".5");
    assert_number("-0.5", 10, "-.5");
    assert_number(".25", 10, ".25");
    assert_number("0.000001234", 10, ".000001234");
}

static void test_number_rounded_to_width(void **state)
{
    assert_number("0.333333333333333333333333333333333333", 10, ".333333333");
    assert_number("0.666666666666666666666666666666666667", 10, ".666666667");
    assert_number("-0.333333333333", 10, "-.33333333");
    assert_number("3.14159265358979", 10, "3.14159265");
    assert_number("12345.678901234", 10, "12345.6789");
}

static void test_number_scientific(void **state)
{
    assert_number("12345678901", 10, "1.2346E+10");
    assert_number("-1234567890", 10, "-1.235E+09");
    assert_number("100000000000", 10, "1.0000E+11");
    assert_number("9999999999.7", 10, "1.0000E+10");
    assert_number("0.0000014285714285714", 10, "1.4286E-06");
    assert_number("1e-130", 10, "1.000E-130");
    assert_number("123456", 5, "1E+05");
}

static void test_number_masks(void **state)
{
    check_mask("999", "5", "   5");
    check_mask("999", "-5", "  -5");
    check_mask("999", "1234", "####");
    check_mask("999", "0", "   0");
    check_mask("9999.99", "3.14159", "    3.14");
    check_mask("9999.99", "-3.14159", "   -3.14");
    check_mask("9999.99", "0.5", "     .50");
    check_mask("0.99", "0.5", " 0.50");
    check_mask("999,999", "1234", "   1,234");
    check_mask("999,999", "12", "      12");
    check_mask("$999.99", "12.5", "  $12.50");
    check_mask("999MI", "-5", "  5-");
    check_mask("999MI", "5", "  5 ");
    check_mask("S999", "5", "  +5");
    check_mask("B999", "0", "    ");
    check_mask("099", "7", " 007");
}

static void test_number_mask_rejects_non_masks(void **state)
{
    num_mask m;
    assert_int_equal(num_mask_parse("abc", &m), -1);
    assert_int_equal(num_mask_parse("A10", &m), -1);
    assert_int_equal(num_mask_parse("9.9.9", &m), -1);
}

/* ---- dates ---- */

static void test_dates(void **state)
{
    buf b;
    buf_init(&b);
    date_display(&b, "2024-01-31 13:14:15");
    assert_string_equal(buf_cstr(&b), "31-JAN-24");
    buf_reset(&b);
    date_display(&b, "1999-12-01 00:00:00");
    assert_string_equal(buf_cstr(&b), "01-DEC-99");
    buf_reset(&b);
    timestamp_display(&b, "2024-01-31 13:14:15.456", 6);
    assert_string_equal(buf_cstr(&b), "31-JAN-24 01.14.15.456000 PM");
    buf_reset(&b);
    timestamp_display(&b, "2024-01-31 00:05:00.123456789", 9);
    assert_string_equal(buf_cstr(&b), "31-JAN-24 12.05.00.123456789 AM");
    buf_reset(&b);
    timestamp_display(&b, "2024-01-31 12:00:00", 0);
    assert_string_equal(buf_cstr(&b), "31-JAN-24 12.00.00 PM");
    buf_reset(&b);
    date_display(&b, "not a date");
    assert_string_equal(buf_cstr(&b), "not a date");
    buf_free(&b);
}

/* ---- query layout ---- */

static void test_select_from_dual(void **state)
{
    fmt_settings s;
    fmt_settings_init(&s);
    wdn_column c = column("DUMMY", WDN_VARCHAR, 1);
    const char *row[] = {"X"};
    assert_query(&s, &c, 1, row, 1, "\nD\n-\nX\n\n");
    fmt_settings_free(&s);
}

static void test_no_rows_selected(void **state)
{
    fmt_settings s;
    fmt_settings_init(&s);
    wdn_column c = column("DUMMY", WDN_VARCHAR, 1);
    assert_query(&s, &c, 1, NULL, 0, "\nno rows selected\n\n");
    s.feedback = 0;
    assert_query(&s, &c, 1, NULL, 0, "");
    fmt_settings_free(&s);
}

static void test_number_column_right_aligned(void **state)
{
    fmt_settings s;
    fmt_settings_init(&s);
    char *got = levels(&s, 3);
    assert_string_equal(got, "\n     LEVEL\n----------\n         1\n         2\n         3\n\n");
    free(got);
    fmt_settings_free(&s);
}

static void test_feedback_threshold(void **state)
{
    fmt_settings s;
    fmt_settings_init(&s);
    char *got = levels(&s, 6);
    assert_string_equal(got, "\n     LEVEL\n----------\n         1\n         2\n         3\n"
                             "         4\n         5\n         6\n\n6 rows selected.\n\n");
    free(got);
    s.feedback = 1;
    got = levels(&s, 1);
    assert_string_equal(got, "\n     LEVEL\n----------\n         1\n\n1 row selected.\n\n");
    free(got);
    fmt_settings_free(&s);
}

static void test_headings_repeat_every_page(void **state)
{
    fmt_settings s;
    fmt_settings_init(&s);
    char *got = levels(&s, 13);
    assert_string_equal(got, "\n     LEVEL\n----------\n"
                             "         1\n         2\n         3\n         4\n         5\n"
                             "         6\n         7\n         8\n         9\n        10\n"
                             "        11\n"
                             "\n     LEVEL\n----------\n"
                             "        12\n        13\n"
                             "\n13 rows selected.\n\n");
    free(got);
    fmt_settings_free(&s);
}

static void test_pagesize_zero_and_heading_off(void **state)
{
    fmt_settings s;
    fmt_settings_init(&s);
    wdn_column c = column("DUMMY", WDN_VARCHAR, 1);
    const char *row[] = {"X"};
    s.heading = 0;
    assert_query(&s, &c, 1, row, 1, "\nX\n\n");
    s.pagesize = 0;
    assert_query(&s, &c, 1, row, 1, "X\n");
    s.feedback = 1;
    assert_query(&s, &c, 1, row, 1, "X\n\n1 row selected.\n\n");
    fmt_settings_free(&s);
}

static void test_char_heading_truncated_to_width(void **state)
{
    fmt_settings s;
    fmt_settings_init(&s);
    wdn_column c = column("LONGNAME", WDN_VARCHAR, 3);
    const char *row[] = {"abc"};
    assert_query(&s, &c, 1, row, 1, "\nLON\n---\nabc\n\n");
    wdn_column d = column("CREATED_DATE", WDN_DATE, 7);
    const char *drow[] = {"2024-01-31 13:14:15"};
    assert_query(&s, &d, 1, drow, 1, "\nCREATED_D\n---------\n31-JAN-24\n\n");
    fmt_settings_free(&s);
}

static void test_mixed_columns_and_nulls(void **state)
{
    fmt_settings s;
    fmt_settings_init(&s);
    wdn_column cols[] = {column("N", WDN_NUMBER, 22), column("C", WDN_VARCHAR, 5),
                         column("D", WDN_VARCHAR, 1)};
    const char *rows[] = {"1", "x", NULL, NULL, "hello", "y"};
    assert_query(&s, cols, 3, rows, 2,
                 "\n         N C     D\n---------- ----- -\n         1 x\n           hello y\n\n");
    free(s.null_text);
    s.null_text = xstrdup("(null)");
    const char *one[] = {"1", NULL, "z"};
    assert_query(
        &s, cols, 3, one, 1,
        "\n         N C     D\n---------- ----- -\n         1 (null z\n           )\n\n\n");
    fmt_settings_free(&s);
}

static void test_timestamp_column(void **state)
{
    fmt_settings s;
    fmt_settings_init(&s);
    wdn_column c = column("TS", WDN_TIMESTAMP, 11);
    const char *row[] = {"2024-01-31 13:14:15.456000"};
    char dashes[76];
    memset(dashes, '-', 75);
    dashes[75] = 0;
    char expected[200];
    snprintf(expected, sizeof expected, "\nTS\n%s\n31-JAN-24 01.14.15.456000 PM\n\n", dashes);
    assert_query(&s, &c, 1, row, 1, expected);
    fmt_settings_free(&s);
}

static void test_column_format_wraps_and_truncates(void **state)
{
    fmt_settings s;
    fmt_settings_init(&s);
    wdn_column c = column("N", WDN_VARCHAR, 40);
    const char *row[] = {"abcdefghij"};
    fmt_column(&s, "n", 1)->char_width = 5;
    assert_query(&s, &c, 1, row, 1, "\nN\n-----\nabcde\nfghij\n\n\n");
    fmt_column(&s, "N", 0)->fold = FOLD_TRUNCATED;
    assert_query(&s, &c, 1, row, 1, "\nN\n-----\nabcde\n\n");
    fmt_settings_free(&s);
}

static void test_word_wrapped(void **state)
{
    fmt_settings s;
    fmt_settings_init(&s);
    wdn_column c = column("A", WDN_VARCHAR, 37);
    const char *row[] = {"An apple a day keeps the doctor away."};
    col_format *f = fmt_column(&s, "A", 1);
    f->char_width = 18;
    assert_query(&s, &c, 1, row, 1,
                 "\nA\n------------------\nAn apple a day kee\nps the doctor away\n.\n\n\n");
    f->fold = FOLD_WORD_WRAPPED;
    assert_query(&s, &c, 1, row, 1,
                 "\nA\n------------------\nAn apple a day\nkeeps the doctor\naway.\n\n\n");
    fmt_settings_free(&s);
}

static void test_embedded_newlines_break_lines(void **state)
{
    fmt_settings s;
    fmt_settings_init(&s);
    wdn_column c = column("T", WDN_VARCHAR, 10);
    const char *row[] = {"ab\ncd"};
    assert_query(&s, &c, 1, row, 1, "\nT\n----------\nab\ncd\n\n\n");
    fmt_settings_free(&s);
}

static void test_row_wider_than_linesize_folds(void **state)
{
    fmt_settings s;
    fmt_settings_init(&s);
    s.linesize = 20;
    wdn_column cols[] = {column("A", WDN_VARCHAR, 15), column("B", WDN_VARCHAR, 15)};
    const char *row[] = {"x", "y"};
    assert_query(&s, cols, 2, row, 1, "\nA\n---------------\nB\n---------------\nx\ny\n\n\n");
    wdn_column wide = column("W", WDN_VARCHAR, 4000);
    const char *wrow[] = {"v"};
    char *got = run_query(&s, &wide, 1, wrow, 1);
    assert_string_equal(got, "\nW\n--------------------\nv\n\n");
    free(got);
    fmt_settings_free(&s);
}

static void test_column_heading_and_number_format(void **state)
{
    fmt_settings s;
    fmt_settings_init(&s);
    wdn_column cols[] = {column("SID", WDN_NUMBER, 22), column("AMOUNT", WDN_NUMBER, 22)};
    col_format *f = fmt_column(&s, "SID", 1);
    f->heading = xstrdup("Sess|ID");
    fmt_column(&s, "AMOUNT", 1)->num_mask = xstrdup("9,999.99");
    const char *row[] = {"30", "1234.5"};
    assert_query(&s, cols, 2, row, 1,
                 "\n      Sess    AMOUNT\n        ID\n---------- ---------\n"
                 "        30  1,234.50\n\n");
    fmt_column(&s, "AMOUNT", 0)->noprint = 1;
    assert_query(&s, cols, 2, row, 1, "\n      Sess\n        ID\n----------\n        30\n\n");
    fmt_settings_free(&s);
}

/* The article's session query with SET LINESIZE 100 and its COLUMN formats. */
static void test_article_session_query(void **state)
{
    fmt_settings s;
    fmt_settings_init(&s);
    s.linesize = 100;
    fmt_column(&s, "SPID", 1)->char_width = 10;
    fmt_column(&s, "USERNAME", 1)->char_width = 10;
    fmt_column(&s, "PROGRAM", 1)->char_width = 45;
    wdn_column cols[] = {column("INST_ID", WDN_NUMBER, 22),    column("SID", WDN_NUMBER, 22),
                         column("SERIAL#", WDN_NUMBER, 22),    column("SPID", WDN_VARCHAR, 24),
                         column("USERNAME", WDN_VARCHAR, 128), column("PROGRAM", WDN_VARCHAR, 48)};
    const char *rows[] = {
        "1", "30", "15",  "3859", "TEST", "sqlplus@oe15-11gr2.localdomain (TNS V1-V3)",
        "1", "23", "287", "3834", "SYS",  "sqlplus@oe15-11gr2.localdomain (TNS V1-V3)"};
    assert_query(&s, cols, 6, rows, 2,
                 "\n   INST_ID        SID    SERIAL# SPID       USERNAME   PROGRAM\n"
                 "---------- ---------- ---------- ---------- ---------- "
                 "---------------------------------------------\n"
                 "         1         30         15 3859       TEST       "
                 "sqlplus@oe15-11gr2.localdomain (TNS V1-V3)\n"
                 "         1         23        287 3834       SYS        "
                 "sqlplus@oe15-11gr2.localdomain (TNS V1-V3)\n\n");
    fmt_settings_free(&s);
}

static void test_fmt_feedback(void **state)
{
    fmt_settings s;
    fmt_settings_init(&s);
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    fmt_feedback(&s, out, "Table created.");
    s.feedback = 0;
    fmt_feedback(&s, out, "Table dropped.");
    fclose(out);
    assert_string_equal(text, "\nTable created.\n\n");
    free(text);
    fmt_settings_free(&s);
}

/* ---- feedback texts ---- */

static void assert_feedback(const char *sql, uint64_t rows, const char *expected)
{
    buf b;
    buf_init(&b);
    feedback_message(&b, sql, rows);
    assert_string_equal(buf_cstr(&b), expected);
    buf_free(&b);
}

static void assert_warning(const char *sql, const char *expected)
{
    buf b;
    buf_init(&b);
    feedback_warning_message(&b, sql);
    assert_string_equal(buf_cstr(&b), expected);
    buf_free(&b);
}

/* A unit created with compilation errors: every word of its type capitalized. */
static void test_compilation_warning_messages(void **state)
{
    assert_warning("create or replace procedure p as begin x; end;",
                   "Warning: Procedure created with compilation errors.");
    assert_warning("CREATE FUNCTION f RETURN NUMBER AS BEGIN RETURN x; END;",
                   "Warning: Function created with compilation errors.");
    assert_warning("create or replace package body pk as end;",
                   "Warning: Package Body created with compilation errors.");
    assert_warning("create editionable trigger t before insert on x begin null; end;",
                   "Warning: Trigger created with compilation errors.");
    assert_warning("create or replace type body tb as end;",
                   "Warning: Type Body created with compilation errors.");
}

static void assert_unit(int created, const char *sql, const char *type, const char *owner,
                        const char *name)
{
    unit_ref u;
    int got = created ? unit_created(sql, &u) : unit_parse_ref(sql, &u) == 0;
    assert_int_equal(got, 1);
    assert_string_equal(u.type, type);
    assert_string_equal(u.owner, owner);
    assert_string_equal(u.name, name);
}

/* The unit a CREATE makes, and SHOW ERRORS's "type [schema.]name", as the dictionary names them. */
static void test_unit_names(void **state)
{
    unit_ref u;
    assert_unit(1, "create or replace procedure bad as begin null; end;", "PROCEDURE", "", "BAD");
    assert_unit(1, "CREATE FUNCTION scott.f(n NUMBER) RETURN NUMBER", "FUNCTION", "SCOTT", "F");
    assert_unit(1, "-- x\ncreate or replace noneditionable package body \"My Pk\" as",
                "PACKAGE BODY", "", "My Pk");
    assert_unit(1, "create package pk is end;", "PACKAGE", "", "PK");
    assert_unit(1, "create type body \"S\" . t as end;", "TYPE BODY", "S", "T");
    assert_int_equal(unit_created("create table t (x int)", &u), 0);
    assert_int_equal(unit_created("create or replace view v as select 1 x from dual", &u), 0);
    assert_int_equal(unit_created("begin null; end;", &u), 0);
    assert_unit(0, "procedure bad", "PROCEDURE", "", "BAD");
    assert_unit(0, "PACKAGE BODY scott.pk", "PACKAGE BODY", "SCOTT", "PK");
    assert_unit(0, "java class \"a/B\"", "JAVA CLASS", "", "a/B");
    assert_int_equal(unit_parse_ref("bad", &u), -1);
    assert_int_equal(unit_parse_ref("procedure", &u), -1);
    assert_int_equal(unit_parse_ref("procedure a b", &u), -1);
    assert_int_equal(unit_parse_ref("procedure a.", &u), -1);
}

static void test_feedback_messages(void **state)
{
    assert_feedback("create table t (x number)", 0, "Table created.");
    assert_feedback("drop table t purge", 0, "Table dropped.");
    assert_feedback("CREATE UNIQUE INDEX i ON t(x)", 0, "Index created.");
    assert_feedback("create or replace force view v as select 1 x from dual", 0, "View created.");
    assert_feedback("create user u identified by p", 0, "User created.");
    assert_feedback("alter user u identified by q", 0, "User altered.");
    assert_feedback("drop user u cascade", 0, "User dropped.");
    assert_feedback("grant create session to u", 0, "Grant succeeded.");
    assert_feedback("revoke dba from u", 0, "Revoke succeeded.");
    assert_feedback("commit", 0, "Commit complete.");
    assert_feedback("rollback", 0, "Rollback complete.");
    assert_feedback("savepoint a", 0, "Savepoint created.");
    assert_feedback("truncate table t", 0, "Table truncated.");
    assert_feedback("alter system kill session '30,15'", 0, "System altered.");
    assert_feedback("ALTER SESSION SET nls_date_format = 'YYYY'", 0, "Session altered.");
    assert_feedback("begin null; end;", 0, "PL/SQL procedure successfully completed.");
    assert_feedback("-- note\ndeclare x number; begin null; end;", 0,
                    "PL/SQL procedure successfully completed.");
    assert_feedback("create or replace package body p as end;", 0, "Package body created.");
    assert_feedback("create global temporary table g (x int)", 0, "Table created.");
    assert_feedback("create profile p limit idle_time 1", 0, "Profile created.");
    assert_feedback("insert into t values (1)", 1, "1 row created.");
    assert_feedback("insert into t select * from t", 2, "2 rows created.");
    assert_feedback("update t set x = 2", 1, "1 row updated.");
    assert_feedback("update t set x = 2", 0, "0 rows updated.");
    assert_feedback("/* c */ delete from t", 3, "3 rows deleted.");
    assert_feedback("lock table t in exclusive mode", 0, "Table(s) Locked.");
    assert_feedback("set transaction read only", 0, "Transaction set.");
}

/* ---- DESCRIBE ---- */

static void test_describe(void **state)
{
    wdn_column cols[] = {column("DUMMY", WDN_VARCHAR, 1), column("ID", WDN_NUMBER, 22),
                         column("AMOUNT", WDN_NUMBER, 22), column("CREATED", WDN_DATE, 7),
                         column("TS", WDN_TIMESTAMP, 11)};
    cols[1].nullable = 0, cols[1].precision = 10, cols[1].scale = 0;
    cols[2].precision = 12, cols[2].scale = 2;
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    describe_print(out, cols, 5);
    fclose(out);
    assert_string_equal(
        text, " Name                                      Null?    Type\n"
              " ----------------------------------------- -------- ----------------------------\n"
              " DUMMY                                              VARCHAR2(1)\n"
              " ID                                        NOT NULL NUMBER(10)\n"
              " AMOUNT                                             NUMBER(12,2)\n"
              " CREATED                                            DATE\n"
              " TS                                                 TIMESTAMP(6)\n"
              "\n");
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_number_plain),
        cmocka_unit_test(test_number_leading_point),
        cmocka_unit_test(test_number_rounded_to_width),
        cmocka_unit_test(test_number_scientific),
        cmocka_unit_test(test_number_masks),
        cmocka_unit_test(test_number_mask_rejects_non_masks),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_select_from_dual),
        cmocka_unit_test(test_no_rows_selected),
        cmocka_unit_test(test_number_column_right_aligned),
        cmocka_unit_test(test_feedback_threshold),
        cmocka_unit_test(test_headings_repeat_every_page),
        cmocka_unit_test(test_pagesize_zero_and_heading_off),
        cmocka_unit_test(test_char_heading_truncated_to_width),
        cmocka_unit_test(test_mixed_columns_and_nulls),
        cmocka_unit_test(test_timestamp_column),
        cmocka_unit_test(test_column_format_wraps_and_truncates),
        cmocka_unit_test(test_word_wrapped),
        cmocka_unit_test(test_embedded_newlines_break_lines),
        cmocka_unit_test(test_row_wider_than_linesize_folds),
        cmocka_unit_test(test_column_heading_and_number_format),
        cmocka_unit_test(test_article_session_query),
        cmocka_unit_test(test_fmt_feedback),
        cmocka_unit_test(test_feedback_messages),
        cmocka_unit_test(test_compilation_warning_messages),
        cmocka_unit_test(test_unit_names),
        cmocka_unit_test(test_describe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
