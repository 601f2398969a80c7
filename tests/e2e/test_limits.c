/*
 * test_limits.c - resource limits of one session against a real instance
 * started with session_pga_limit = 16 (MB): a query, a PL/SQL cursor loop
 * and one huge value that need more memory end with ORA-04036, the session
 * goes on working, its transaction is either kept or reported rolled back
 * (ORA-02091), and V$PROCESS's PGA figures stay below the limit; a string
 * literal over 4000 bytes is ORA-01704 at the literal, while binds and
 * PL/SQL literals may be longer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/buf.h"
#include "harness.h"

#define LIMIT_MB 16
#define BIG_ROWS 60000 /* of 400 bytes: 24 MB, more than the limit when held at once */

static wi inst;

static int setup(void **state)
{
    wi_start_conf(&inst, "session_pga_limit = 16");
    wdn_conn *sys = wi_connect(&inst, "system", WI_PASSWORD);
    wi_exec(sys, "create table big (n number, x varchar2(400))");
    char sql[400];
    snprintf(sql, sizeof sql,
             "insert into big select n, rpad('x', 400, 'y') from (with r(n) as "
             "(select 1 from dual union all select n + 1 from r where n < %d) select n from r)",
             BIG_ROWS);
    assert_int_equal(wi_exec(sys, sql), BIG_ROWS);
    wi_exec(sys, "create table marks (n number)");
    wi_exec(sys, "commit");
    wdn_close(sys);
    return 0;
}

static int teardown(void **state)
{
    wi_stop(&inst);
    return 0;
}

/* This session's server process's PGA_USED_MEM (published at most 0.1 s late). */
static long pga_used(wdn_conn *c)
{
    return wi_countf(c, "select p.pga_used_mem from v$process p where p.spid = '%ld'",
                     wdn_server_pid(c));
}

/* The session answers, and its server's heap is back below the limit. */
static void expect_healthy(wdn_conn *c)
{
    assert_int_equal(wi_count(c, "select count(*) from dual"), 1);
    long used = pga_used(c);
    assert_true(used > 0);
    assert_true(used < LIMIT_MB * 1024L * 1024L);
}

static void test_parameter_visible(void **state)
{
    wdn_conn *c = wi_connect(&inst, "system", WI_PASSWORD);
    char *v = wi_scalar(c, "select value from v$parameter where name = 'session_pga_limit'");
    assert_string_equal(v, "16");
    free(v);
    wdn_close(c);
}

/* LISTAGG of 24 MB: ORA-04036; a transaction open before it is kept or reported lost. */
static void test_query_over_limit(void **state)
{
    wdn_conn *c = wi_connect(&inst, "system", WI_PASSWORD);
    expect_healthy(c);
    wi_exec(c, "insert into marks values (1)");
    assert_int_equal(wi_fail(c, "select length(listagg(x, ',')) from big", NULL), 4036);
    const char *msg = wdn_last_error(c)->msg;
    assert_non_null(strstr(msg, "ORA-04036: PGA memory used by the instance or PDB exceeds "
                                "PGA_AGGREGATE_LIMIT"));
    long kept = strstr(msg, "ORA-02091: transaction rolled back") ? 0 : 1;
    assert_int_equal(wi_count(c, "select count(*) from marks"), kept);
    assert_int_equal(wi_count(c, "select count(*) from v$transaction"), kept);
    wi_exec(c, "rollback");
    expect_healthy(c);
    assert_int_equal(wi_count(c, "select count(*) from big where n <= 1000"), 1000);
    wdn_close(c);
}

/* A cursor FOR loop holds the rows in the server's own memory (not SQLite's). */
static void test_plsql_over_limit(void **state)
{
    wdn_conn *c = wi_connect(&inst, "system", WI_PASSWORD);
    const char *block = "declare n number := 0; begin for r in (select x from big%s) loop "
                        "n := n + 1; end loop; insert into marks values (n); end;";
    char sql[300];
    snprintf(sql, sizeof sql, block, "");
    assert_int_equal(wi_fail(c, sql, NULL), 4036);
    expect_healthy(c);
    snprintf(sql, sizeof sql, block, " where n <= 1000");
    wi_exec(c, sql);
    assert_int_equal(wi_count(c, "select max(n) from marks"), 1000);
    wi_exec(c, "rollback");
    wdn_close(c);
}

/* One value of 40 MB made in a single step, between two safe points. */
static void test_one_huge_value(void **state)
{
    wdn_conn *c = wi_connect(&inst, "system", WI_PASSWORD);
    assert_int_equal(
        wi_fail(c,
                "select length(replace(rpad('x', 2000, 'x'), 'x', rpad('y', 20000, 'y'))) "
                "from dual",
                NULL),
        4036);
    expect_healthy(c);
    assert_int_equal(
        wi_count(c, "select length(replace(rpad('x', 200, 'x'), 'x', rpad('y', 2000, 'y'))) "
                    "from dual"),
        400000);
    wdn_close(c);
}

/* PREFIX, then a literal of N x's, then SUFFIX. */
static char *with_literal(const char *prefix, size_t n, const char *suffix)
{
    buf b;
    buf_init(&b);
    buf_puts(&b, prefix);
    buf_putc(&b, '\'');
    for (size_t i = 0; i < n; i++)
        buf_putc(&b, 'x');
    buf_putc(&b, '\'');
    buf_puts(&b, suffix);
    return (char *)buf_cstr(&b);
}

static void test_string_literal_limit(void **state)
{
    wdn_conn *c = wi_connect(&inst, "system", WI_PASSWORD);
    char *sql = with_literal("select length(", 4000, ") from dual");
    assert_int_equal(wi_count(c, sql), 4000);
    free(sql);
    sql = with_literal("select length(", 4001, ") from dual");
    int offset = -1;
    assert_int_equal(wi_fail(c, sql, &offset), 1704);
    assert_string_equal(wdn_last_error(c)->msg, "ORA-01704: string literal too long");
    assert_int_equal(offset, 14);
    free(sql);
    /* The same text as a bind is no literal. */
    char *text = with_literal("", 4999, "");
    wdn_bind b = {.text = text + 1};
    text[5000] = 0;
    wdn_cursor *cur;
    assert_int_equal(wdn_execute(c, "select length(:1) from dual", &b, 1, &cur, NULL), 0);
    assert_int_equal(wdn_fetch(cur), 1);
    assert_string_equal(wdn_value(cur, 0), "4999");
    wdn_cursor_close(cur);
    free(text);
    /* PL/SQL's own literals may hold 32767 bytes. */
    sql = with_literal("declare v varchar2(32767) := ", 5000,
                       "; begin insert into marks values (length(v)); end;");
    wi_exec(c, sql);
    free(sql);
    assert_int_equal(wi_count(c, "select max(n) from marks"), 5000);
    wi_exec(c, "rollback");
    sql = with_literal("declare v varchar2(32767) := ", 32768, "; begin null; end;");
    assert_int_equal(wi_fail(c, sql, NULL), 6550);
    assert_non_null(strstr(wdn_last_error(c)->msg, "PLS-00172: string literal too long"));
    free(sql);
    wdn_close(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parameter_visible),    cmocka_unit_test(test_query_over_limit),
        cmocka_unit_test(test_plsql_over_limit),     cmocka_unit_test(test_one_huge_value),
        cmocka_unit_test(test_string_literal_limit),
    };
    return cmocka_run_group_tests_name("limits", tests, setup, teardown);
}
