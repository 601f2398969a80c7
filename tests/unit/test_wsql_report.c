/*
 * test_wsql_report.c - wsql's report commands against SQL*Plus's layout:
 * BREAK (duplicates suppressed, SKIP lines, SKIP PAGE), COMPUTE summary
 * lines (the '*' rule under the break column, '-' under computed columns,
 * labels, ON REPORT), TTITLE/BTITLE rendering, COLUMN JUSTIFY and NULL,
 * the SPOOL file name, TIMING's elapsed time.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/buf.h"
#include "wsql/format.h"
#include "wsql/spool.h"
#include "wsql/titles.h"
#include "wsql/values.h"

/* ---- helpers ---- */

static wdn_column column(const char *name, int type, int size)
{
    wdn_column c;
    memset(&c, 0, sizeof c);
    strcpy(c.name, name);
    c.type = type;
    c.size = size;
    c.scale = -127;
    c.nullable = 1;
    return c;
}

/* DEPTNO, ENAME, SAL rows. */
static const char *const emp_rows[] = {"10",    "CLARK", "2450", "10",    "KING",
                                       "5000",  "20",    "FORD", "3000",  "20",
                                       "SMITH", "800",   "30",   "JAMES", NULL};

static char *run_emp(const fmt_settings *s, int nrows)
{
    wdn_column cols[] = {column("DEPTNO", WDN_NUMBER, 22), column("ENAME", WDN_VARCHAR, 10),
                         column("SAL", WDN_NUMBER, 22)};
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    fmt_query *q = fmt_query_new(s, cols, 3, out);
    for (int r = 0; r < nrows; r++)
        fmt_query_row(q, emp_rows + r * 3);
    fmt_query_end(q);
    fmt_query_free(q);
    fclose(out);
    return text;
}

static void add_break(fmt_settings *s, enum break_kind kind, const char *name, int skip)
{
    s->breaks = xrealloc(s->breaks, (s->nbreaks + 1) * sizeof *s->breaks);
    s->breaks[s->nbreaks++] = (break_def){kind, name ? xstrdup(name) : NULL, skip, 0};
}

static compute_def *add_compute(fmt_settings *s, unsigned fns, const char *of, const char *on,
                                enum break_kind kind)
{
    s->computes = xrealloc(s->computes, (s->ncomputes + 1) * sizeof *s->computes);
    compute_def *c = &s->computes[s->ncomputes++];
    memset(c, 0, sizeof *c);
    c->of = xstrdup(of);
    c->on = on ? xstrdup(on) : NULL;
    c->on_kind = kind;
    c->fns = fns;
    return c;
}

#define assert_emp(s, nrows, expected)                                                             \
    do {                                                                                           \
        char *got_ = run_emp(s, nrows);                                                            \
        assert_string_equal(got_, expected);                                                       \
        free(got_);                                                                                \
    } while (0)

/* ---- BREAK ---- */

static void test_break_suppresses_duplicates(void **state)
{
    fmt_settings s;
    fmt_settings_init(&s);
    add_break(&s, BREAK_COLUMN, "DEPTNO", 0);
    assert_emp(&s, 5,
               "\n    DEPTNO ENAME             SAL\n"
               "---------- ---------- ----------\n"
               "        10 CLARK            2450\n"
               "           KING             5000\n"
               "        20 FORD             3000\n"
               "           SMITH             800\n"
               "        30 JAMES\n"
               "\n");
    s.pagesize = 6; /* a new page shows the break value again */
    assert_emp(&s, 5,
               "\n    DEPTNO ENAME             SAL\n"
               "---------- ---------- ----------\n"
               "        10 CLARK            2450\n"
               "           KING             5000\n"
               "        20 FORD             3000\n"
               "\n    DEPTNO ENAME             SAL\n"
               "---------- ---------- ----------\n"
               "        20 SMITH             800\n"
               "        30 JAMES\n"
               "\n");
    s.pagesize = 14;
    s.breaks[0].duplicates = 1;
    assert_emp(&s, 2,
               "\n    DEPTNO ENAME             SAL\n"
               "---------- ---------- ----------\n"
               "        10 CLARK            2450\n"
               "        10 KING             5000\n"
               "\n");
    fmt_settings_free(&s);
}

static void test_break_skip_lines_and_page(void **state)
{
    fmt_settings s;
    fmt_settings_init(&s);
    add_break(&s, BREAK_COLUMN, "DEPTNO", 1);
    assert_emp(&s, 4,
               "\n    DEPTNO ENAME             SAL\n"
               "---------- ---------- ----------\n"
               "        10 CLARK            2450\n"
               "           KING             5000\n"
               "\n"
               "        20 FORD             3000\n"
               "           SMITH             800\n"
               "\n"
               "\n");
    s.breaks[0].skip = BREAK_SKIP_PAGE;
    assert_emp(&s, 3,
               "\n    DEPTNO ENAME             SAL\n"
               "---------- ---------- ----------\n"
               "        10 CLARK            2450\n"
               "           KING             5000\n"
               "\n    DEPTNO ENAME             SAL\n"
               "---------- ---------- ----------\n"
               "        20 FORD             3000\n"
               "\n");
    fmt_settings_free(&s);
}

/* ---- COMPUTE ---- */

static void test_compute_sum_on_break_and_report(void **state)
{
    fmt_settings s;
    fmt_settings_init(&s);
    add_break(&s, BREAK_COLUMN, "DEPTNO", 1);
    add_break(&s, BREAK_REPORT, NULL, 0);
    add_compute(&s, 1u << FN_SUM, "SAL", "DEPTNO", BREAK_COLUMN);
    add_compute(&s, 1u << FN_SUM, "SAL", NULL, BREAK_REPORT);
    assert_emp(&s, 5,
               "\n    DEPTNO ENAME             SAL\n"
               "---------- ---------- ----------\n"
               "        10 CLARK            2450\n"
               "           KING             5000\n"
               "**********            ----------\n"
               "sum                         7450\n"
               "\n"
               "        20 FORD             3000\n"
               "           SMITH             800\n"
               "**********            ----------\n"
               "sum                         3800\n"
               "\n"
               "        30 JAMES\n"
               "**********            ----------\n"
               "sum\n"
               "\n"
               "                      ----------\n"
               "sum                        11250\n"
               "\n");
    fmt_settings_free(&s);
}

static void test_compute_functions_labels_and_order(void **state)
{
    fmt_settings s;
    fmt_settings_init(&s);
    s.pagesize = 50;
    add_break(&s, BREAK_COLUMN, "DEPTNO", 0);
    compute_def *c = add_compute(&s, 1u << FN_MAX | 1u << FN_AVG | 1u << FN_COUNT | 1u << FN_NUMBER,
                                 "SAL", "DEPTNO", BREAK_COLUMN);
    c->labels[FN_MAX] = xstrdup("Top");
    assert_emp(&s, 5,
               "\n    DEPTNO ENAME             SAL\n"
               "---------- ---------- ----------\n"
               "        10 CLARK            2450\n"
               "           KING             5000\n"
               "**********            ----------\n"
               "avg                         3725\n"
               "count                          2\n"
               "Top                         5000\n"
               "number                         2\n"
               "        20 FORD             3000\n"
               "           SMITH             800\n"
               "**********            ----------\n"
               "avg                         1900\n"
               "count                          2\n"
               "Top                         3000\n"
               "number                         2\n"
               "        30 JAMES\n"
               "**********            ----------\n"
               "avg\n"
               "count                          0\n"
               "Top\n"
               "number                         1\n"
               "\n");
    fmt_settings_free(&s);
}

static void test_compute_uses_column_format(void **state)
{
    fmt_settings s;
    fmt_settings_init(&s);
    add_break(&s, BREAK_REPORT, NULL, 0);
    add_compute(&s, 1u << FN_SUM, "SAL", NULL, BREAK_REPORT);
    col_format *f = fmt_column(&s, "SAL", 1);
    f->num_mask = xstrdup("99,999");
    assert_emp(&s, 4,
               "\n    DEPTNO ENAME          SAL\n"
               "---------- ---------- -------\n"
               "        10 CLARK        2,450\n"
               "        10 KING         5,000\n"
               "        20 FORD         3,000\n"
               "        20 SMITH          800\n"
               "                      -------\n"
               "sum                    11,250\n"
               "\n");
    fmt_settings_free(&s);
}

static void test_compute_without_break_prints_nothing(void **state)
{
    fmt_settings s;
    fmt_settings_init(&s);
    add_compute(&s, 1u << FN_SUM, "SAL", "DEPTNO", BREAK_COLUMN);
    assert_emp(&s, 1,
               "\n    DEPTNO ENAME             SAL\n"
               "---------- ---------- ----------\n"
               "        10 CLARK            2450\n"
               "\n");
    fmt_settings_free(&s);
}

/* ---- COLUMN JUSTIFY, NULL; SET UNDERLINE, NEWPAGE ---- */

static void test_justify_null_underline_newpage(void **state)
{
    fmt_settings s;
    fmt_settings_init(&s);
    fmt_column(&s, "ENAME", 1)->justify = 'R';
    fmt_column(&s, "SAL", 1)->justify = 'L';
    fmt_column(&s, "SAL", 1)->null_text = xstrdup("none");
    s.underline = '=';
    s.newpage = -1;
    assert_emp(&s, 1,
               "    DEPTNO      ENAME SAL\n"
               "========== ========== ==========\n"
               "        10 CLARK            2450\n"
               "\n");
    char *got = NULL;
    s.newpage = 0;
    got = run_emp(&s, 1);
    assert_int_equal(got[0], '\f');
    free(got);
    fmt_settings_free(&s);
}

/* SET NUMFORMAT: the mask of NUMBER columns that have no COLUMN FORMAT. */
static void test_numformat(void **state)
{
    fmt_settings s;
    fmt_settings_init(&s);
    s.numformat = xstrdup("9,999.9");
    fmt_column(&s, "DEPTNO", 1)->num_mask = xstrdup("99");
    assert_emp(&s, 1,
               "\nDEPTNO ENAME           SAL\n"
               "------ ---------- --------\n"
               "    10 CLARK       2,450.0\n"
               "\n");
    fmt_settings_free(&s);
}

/* SET MARKUP CSV ON: a heading line, then the rows; numbers and NULLs unquoted. */
static void test_markup_csv(void **state)
{
    fmt_settings s;
    fmt_settings_init(&s);
    s.csv = 1;
    s.feedback = 1;
    add_break(&s, BREAK_COLUMN, "DEPTNO", 1); /* ignored in CSV */
    assert_emp(&s, 5,
               "\n\"DEPTNO\",\"ENAME\",\"SAL\"\n"
               "10,\"CLARK\",2450\n10,\"KING\",5000\n20,\"FORD\",3000\n20,\"SMITH\",800\n"
               "30,\"JAMES\",\n"
               "\n5 rows selected.\n\n");
    s.csv_delimiter = ';', s.csv_quote = 0, s.heading = 0;
    assert_emp(&s, 1, "\n10;CLARK;2450\n\n1 row selected.\n\n");
    fmt_settings_free(&s);
}

/* ---- titles ---- */

static char *render(const char *def, int bottom, int page)
{
    title_def t;
    title_init(&t);
    buf err, out;
    buf_init(&err), buf_init(&out);
    assert_int_equal(title_set(&t, def, &err), 0);
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = 126, tm.tm_mon = 11, tm.tm_mday = 6, tm.tm_wday = 0;
    title_context c = {.linesize = 40, .numwidth = 10, .headsep = '|', .page = page, .now = &tm};
    title_render(&t, bottom, &c, &out);
    char *text = xstrdup(buf_cstr(&out));
    buf_free(&err), buf_free(&out);
    title_free(&t);
    return text;
}

#define assert_title(def, bottom, page, expected)                                                  \
    do {                                                                                           \
        char *got_ = render(def, bottom, page);                                                    \
        assert_string_equal(got_, expected);                                                       \
        free(got_);                                                                                \
    } while (0)

static void test_title_positions(void **state)
{
    assert_title("LEFT 'Report'", 0, 1, "Report\n");
    assert_title("left 'Report' skip 1", 0, 1, "Report\n");
    assert_title("left 'Report' skip 2", 0, 1, "Report\n\n");
    assert_title("CENTER 'Mid'", 0, 1, "                  Mid\n");
    assert_title("RIGHT 'End'", 0, 1, "                                     End\n");
    assert_title("LEFT 'a' RIGHT 'Page:' SQL.PNO", 0, 3,
                 "a                        Page:         3\n");
    assert_title("LEFT 'p' FORMAT 99 SQL.PNO", 0, 7, "p  7\n");
    assert_title("CENTER 'x' SKIP 1 CENTER '==='", 0, 1,
                 "                   x\n                  ===\n");
    assert_title("COL 5 'c' TAB 2 'd'", 0, 1, "    c  d\n");
    assert_title("LEFT undefined_var", 0, 1, "undefined_var\n");
}

static void test_title_old_form(void **state)
{
    assert_title("'Sales|Report'", 0, 2,
                 "Sun Dec 06                     page    2\n"
                 "                 Sales\n"
                 "                 Report\n"
                 "\n");
    assert_title("'The end'", 1, 1, "\n                The end\n");
}

static void test_title_on_off(void **state)
{
    title_def t;
    title_init(&t);
    buf err;
    buf_init(&err);
    assert_int_equal(title_set(&t, "OFF", &err), 0);
    assert_null(t.source);
    assert_int_equal(title_set(&t, "LEFT 'x'", &err), 0);
    assert_int_equal(t.on, 1);
    assert_int_equal(title_set(&t, "OFF", &err), 0);
    assert_int_equal(t.on, 0);
    assert_string_equal(t.source, "LEFT 'x'");
    assert_int_equal(title_set(&t, "ON", &err), 0);
    assert_int_equal(t.on, 1);
    assert_int_equal(title_set(&t, "COL", &err), -1);
    assert_string_equal(t.source, "LEFT 'x'");
    buf_free(&err);
    title_free(&t);
}

/* ---- SPOOL, TIMING ---- */

static void test_spool_path(void **state)
{
    char *p = spool_path("report");
    assert_string_equal(p, "report.lst");
    free(p);
    p = spool_path("out.txt");
    assert_string_equal(p, "out.txt");
    free(p);
    p = spool_path("/tmp/dir.d/file");
    assert_string_equal(p, "/tmp/dir.d/file.lst");
    free(p);
}

static void test_elapsed(void **state)
{
    buf b;
    buf_init(&b);
    elapsed_display(&b, 0.014);
    assert_string_equal(buf_cstr(&b), "00:00:00.01");
    buf_reset(&b);
    elapsed_display(&b, 3723.456);
    assert_string_equal(buf_cstr(&b), "01:02:03.46");
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_break_suppresses_duplicates),
        cmocka_unit_test(test_break_skip_lines_and_page),
        cmocka_unit_test(test_compute_sum_on_break_and_report),
        cmocka_unit_test(test_compute_functions_labels_and_order),
        cmocka_unit_test(test_compute_uses_column_format),
        cmocka_unit_test(test_compute_without_break_prints_nothing),
        cmocka_unit_test(test_justify_null_underline_newpage),
        cmocka_unit_test(test_numformat),
        cmocka_unit_test(test_markup_csv),
        cmocka_unit_test(test_title_positions),
        cmocka_unit_test(test_title_old_form),
        cmocka_unit_test(test_title_on_off),
        cmocka_unit_test(test_spool_path),
        cmocka_unit_test(test_elapsed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
