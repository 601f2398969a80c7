/*
 * test_long_statements.c - the phases of a long statement (src/engine/
 * long_statements.c) over real SQLite programs: a full scan counted by
 * SQLite's full-scan steps, CREATE INDEX's scan into the sorter and the
 * sort's output counted by the passes of their loops, a query's scan then
 * sort; the target is the table the loop scans; a COMMIT's apply counted by
 * the rows SQLite's update hook sees written.  The six-second threshold
 * is set to 0 so that every statement is a long one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/long_statements.h"

#define ROWS 20000
#define MAX_OPS 64

typedef struct seen {
    char opname[32], target[64];
    double sofar, totalwork;
    int starting;
} seen;

static struct {
    sqlite3 *db;
    char path[64];
    long_statement l;
    seen ops[MAX_OPS];
    int n;
} t;

static void on_op(void *arg, const eng_long_op *op)
{
    if (t.n == MAX_OPS) return;
    seen *s = &t.ops[t.n++];
    snprintf(s->opname, sizeof s->opname, "%s", op->opname);
    snprintf(s->target, sizeof s->target, "%s", op->target);
    s->sofar = op->sofar;
    s->totalwork = op->totalwork;
    s->starting = op->starting;
}

static int on_progress(void *arg)
{
    long_statement_progress(&t.l, on_op, NULL);
    return 0;
}

static sqlite3_stmt *side(void *arg, const char *sql)
{
    static sqlite3 *db;
    if (!db) assert_int_equal(sqlite3_open_v2(t.path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st = NULL;
    return sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK ? st : NULL;
}

static int setup(void **state)
{
    snprintf(t.path, sizeof t.path, "/tmp/test_long_statements.%d.db", (int)getpid());
    unlink(t.path);
    assert_int_equal(sqlite3_open(t.path, &t.db), SQLITE_OK);
    char sql[300];
    snprintf(sql, sizeof sql,
             "CREATE TABLE \"S.T\" (N INTEGER, TXT TEXT); WITH RECURSIVE r(i) AS (SELECT 1 UNION "
             "ALL SELECT i + 1 FROM r WHERE i < %d) INSERT INTO \"S.T\" SELECT i, 'row ' || i "
             "FROM r",
             ROWS);
    assert_int_equal(sqlite3_exec(t.db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_progress_handler(t.db, LONG_STATEMENT_TICK, on_progress, NULL);
    return 0;
}

static int teardown(void **state)
{
    sqlite3_close(t.db);
    unlink(t.path);
    return 0;
}

/* Run SQL to its end as a long statement; the operations reported are in t.ops. */
static void run_long(const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(t.db, sql, -1, &st, NULL), SQLITE_OK);
    t.n = 0;
    long_statement_begin(&t.l, st, sql, side, NULL);
    t.l.threshold_us = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {}
    assert_int_equal(rc, SQLITE_DONE);
    long_statement_end(&t.l, on_op, NULL);
    sqlite3_finalize(st);
}

/* The last report of OPNAME (NULL: none), and that its first one started a row. */
static const seen *last(const char *opname)
{
    const seen *found = NULL;
    int first = 1;
    for (int i = 0; i < t.n; i++) {
        if (strcmp(t.ops[i].opname, opname)) continue;
        assert_int_equal(t.ops[i].starting, first);
        first = 0;
        found = &t.ops[i];
    }
    return found;
}

static void test_full_scan(void **state)
{
    run_long("SELECT count(*) FROM \"S.T\" WHERE TXT LIKE '%9%'");
    const seen *scan = last("Table Scan");
    assert_non_null(scan);
    assert_string_equal(scan->target, "S.T");
    assert_true(scan->sofar == ROWS && scan->totalwork == ROWS);
    assert_null(last("Sort Output"));
}

static void test_index_build(void **state)
{
    run_long("CREATE INDEX \"S.T_IX\" ON \"S.T\" (TXT, N)");
    assert_int_equal(sqlite3_exec(t.db, "DROP INDEX \"S.T_IX\"", NULL, NULL, NULL), SQLITE_OK);
    const seen *scan = last("Table Scan"), *sort = last("Sort Output");
    assert_non_null(scan);
    assert_non_null(sort);
    assert_string_equal(scan->target, "S.T");
    assert_true(scan->sofar == ROWS && scan->totalwork == ROWS);
    assert_true(sort->totalwork == ROWS && sort->sofar == ROWS);
    /* while it ran: some rows scanned, not yet all */
    assert_true(t.ops[0].starting && t.ops[0].sofar > 0 && t.ops[0].sofar < ROWS);
}

static void test_scan_then_sort(void **state)
{
    run_long("SELECT N FROM \"S.T\" WHERE N % 2 = 0 ORDER BY TXT DESC");
    const seen *scan = last("Table Scan"), *sort = last("Sort Output");
    assert_non_null(scan);
    assert_non_null(sort);
    assert_true(scan->sofar == ROWS);
    assert_true(sort->sofar == ROWS && sort->totalwork == ROWS); /* the rows scanned fed it */
    /* the scan's row ends before the sort's begins */
    int scan_at = -1, sort_at = -1;
    for (int i = 0; i < t.n; i++) {
        if (!strcmp(t.ops[i].opname, "Table Scan")) scan_at = i;
        if (!strcmp(t.ops[i].opname, "Sort Output") && sort_at < 0) sort_at = i;
    }
    assert_true(scan_at < sort_at);
}

static void on_row_written(void *arg, int op, const char *db, const char *table, sqlite3_int64 id)
{
    if (!strcmp(db, "main")) long_commit_row(&t.l);
}

static void test_commit_apply(void **state)
{
    assert_int_equal(sqlite3_exec(t.db, "CREATE TEMP TABLE WS AS SELECT * FROM \"S.T\"; "
                                        "CREATE TABLE \"S.C\" (N INTEGER, TXT TEXT)",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    t.n = 0;
    long_commit_begin(&t.l, ROWS);
    t.l.threshold_us = 0;
    sqlite3_update_hook(t.db, on_row_written, NULL);
    assert_int_equal(sqlite3_exec(t.db, "INSERT INTO \"S.C\" SELECT * FROM temp.WS; "
                                        "DELETE FROM temp.WS",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_update_hook(t.db, NULL, NULL);
    long_statement_end(&t.l, on_op, NULL);
    const seen *commit = last("Transaction Commit");
    assert_non_null(commit);
    assert_true(commit->sofar == ROWS && commit->totalwork == ROWS);
    /* while it ran: the rows written so far (the temp table's rows are not counted) */
    assert_true(t.n >= 2 && t.ops[0].sofar > 0 && t.ops[0].sofar < ROWS);
    assert_int_equal(t.l.applied, ROWS);
}

static void test_quick_statement_reports_nothing(void **state)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(t.db, "SELECT count(*) FROM \"S.T\"", -1, &st, NULL),
                     SQLITE_OK);
    t.n = 0;
    long_statement_begin(&t.l, st, "SELECT count(*) FROM \"S.T\"", side, NULL); /* 6 s: never */
    while (sqlite3_step(st) == SQLITE_ROW) {}
    long_statement_end(&t.l, on_op, NULL);
    sqlite3_finalize(st);
    assert_int_equal(t.n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_scan),
        cmocka_unit_test(test_index_build),
        cmocka_unit_test(test_scan_then_sort),
        cmocka_unit_test(test_commit_apply),
        cmocka_unit_test(test_quick_statement_reports_nothing),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
