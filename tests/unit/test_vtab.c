/*
 * test_vtab.c - the V$ view row builder (src/engine/vtab.c) through SQLite:
 * test-only views whose fill functions build rows right, one cell short,
 * one cell over, or cells before any row.  A wrong cell count must fail the
 * query with ORA-00600 naming the view, never shift cells into the next row.
 * Then the plain scan (vscan_*): which queries are plain, and that a plain
 * scan yields the rows SQLite yields, each column where the query puts it.
 * Lookups through a column's index (joins, equality filters, GV$ rows of
 * two instances) find exactly the rows a scan finds, and the cursors of one
 * statement on a view share one snapshot.
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

#include "common/buf.h"
#include "engine/vtab.h"

static sqlite3 *db;
static const vview_ctx ctx;

/* Two rows of (ID, NAME); SHORT_ROW / LONG_ROW (1 or 2) gets a cell less / more. */
static void fill_rows(vrows *r, int short_row, int long_row)
{
    for (int row = 1; row <= 2; row++) {
        vrows_row(r);
        vrows_int(r, row);
        if (row != short_row) vrows_text(r, row == 1 ? "one" : "two");
        if (row == long_row) vrows_int(r, 99);
    }
}

static void fill_good(vrows *r, const vview_ctx *c)
{
    fill_rows(r, 0, 0);
}
static void fill_first_short(vrows *r, const vview_ctx *c)
{
    fill_rows(r, 1, 0);
}
static void fill_last_short(vrows *r, const vview_ctx *c)
{
    fill_rows(r, 2, 0);
}
static void fill_first_long(vrows *r, const vview_ctx *c)
{
    fill_rows(r, 0, 1);
}
static void fill_last_long(vrows *r, const vview_ctx *c)
{
    fill_rows(r, 0, 2);
}

static void fill_no_row_start(vrows *r, const vview_ctx *c)
{
    vrows_int(r, 1);
    vrows_text(r, "one");
}

static void fill_empty(vrows *r, const vview_ctx *c) {}

/* Many rows, for lookups: numbers, text, RAW addresses, a column of both kinds, NULLs. */
#define MANY 600
static void fill_many(vrows *r, const vview_ctx *c)
{
    for (int row = 1; row <= MANY; row++) {
        char name[16], addr[16];
        snprintf(name, sizeof name, "n%d", row % 37);
        /* hex digits without E: SQLite's numeric affinity would read "00000000000000E0" as 0 */
        snprintf(addr, sizeof addr, "%d", row % 101 + 100);
        vrows_row(r);
        vrows_int(r, row);
        vrows_text(r, name);
        vrows_raw8(r, strtoull(addr, NULL, 16));
        if (row % 2) vrows_text(r, row % 3 ? "7" : "x");
        else vrows_int(r, row % 5);
        if (row % 3) vrows_real(r, (row % 4) * 0.5);
        else vrows_null(r);
    }
}
static const vview many = {"T_MANY", "ID NUMBER, NAME VARCHAR2(8), ADDR RAW(8), MIXED VARCHAR2(8), "
                                     "NUL NUMBER", fill_many};

/* One row holding how many times the view was filled, and the fill's text. */
static int fills;
static void fill_count(vrows *r, const vview_ctx *c)
{
    vrows_row(r);
    vrows_int(r, ++fills);
    vrows_text(r, "fill");
}
static const vview counted = {"T_COUNT", "ID NUMBER, NAME VARCHAR2(8)", fill_count};

#define COLUMNS "ID NUMBER, NAME VARCHAR2(8)"
static const vview good = {"T_GOOD", COLUMNS, fill_good};
static const vview first_short = {"T_FIRST_SHORT", COLUMNS, fill_first_short};
static const vview last_short = {"T_LAST_SHORT", COLUMNS, fill_last_short};
static const vview first_long = {"T_FIRST_LONG", COLUMNS, fill_first_long};
static const vview last_long = {"T_LAST_LONG", COLUMNS, fill_last_long};
static const vview no_row_start = {"T_NO_ROW", COLUMNS, fill_no_row_start};
static const vview empty = {"T_EMPTY", COLUMNS, fill_empty};
static const vview *const views[] = {&good,      &first_short,  &last_short, &first_long,
                                     &last_long, &no_row_start, &empty,      &many, &counted, NULL};

static int setup(void **state)
{
    if (sqlite3_open(":memory:", &db) != SQLITE_OK) return -1;
    return vviews_register(db, views, &ctx) == SQLITE_OK ? 0 : -1;
}

static int teardown(void **state)
{
    sqlite3_close(db);
    return 0;
}

/* SQL's rows as "ID:NAME;" text into OUT; returns the step's final code (the message in MSG). */
static int query(const char *sql, char *out, size_t outsz, char *msg, size_t msgsz)
{
    sqlite3_stmt *st;
    size_t len = 0;
    out[0] = msg[0] = 0;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    int rc;
    for (int guard = 0; (rc = sqlite3_step(st)) == SQLITE_ROW && guard < 100; guard++) {
        const unsigned char *name = sqlite3_column_text(st, 1);
        len += (size_t)snprintf(out + len, outsz - len, "%lld:%s;",
                                (long long)sqlite3_column_int64(st, 0),
                                name ? (const char *)name : "NULL");
        assert_true(len < outsz);
    }
    snprintf(msg, msgsz, "%s", sqlite3_errmsg(db));
    sqlite3_finalize(st);
    return rc;
}

static void expect_rows(const char *sql, const char *want)
{
    char out[256], msg[256];
    assert_int_equal(query(sql, out, sizeof out, msg, sizeof msg), SQLITE_DONE);
    assert_string_equal(out, want);
}

static void expect_internal_error(const char *view, const char *detail)
{
    char sql[128], out[256], msg[256], want[256];
    snprintf(sql, sizeof sql, "SELECT * FROM %s", view);
    assert_int_equal(query(sql, out, sizeof out, msg, sizeof msg), SQLITE_ERROR);
    assert_string_equal(out, "");
    snprintf(want, sizeof want, "ORA-00600: internal error code, arguments: [vrows: %s %s]", view,
             detail);
    assert_string_equal(msg, want);
}

static void test_right_cell_count(void **state)
{
    expect_rows("SELECT * FROM V$T_GOOD", "1:one;2:two;");
    expect_rows("SELECT * FROM V$T_GOOD WHERE ID = 2", "2:two;");
    expect_rows("SELECT * FROM V$T_EMPTY", "");
}

static void test_short_row_fails(void **state)
{
    expect_internal_error("V$T_FIRST_SHORT", "row 1 has 1 cells for 2 columns");
    expect_internal_error("V$T_LAST_SHORT", "row 2 has 1 cells for 2 columns");
}

static void test_long_row_fails(void **state)
{
    expect_internal_error("V$T_FIRST_LONG", "row 1 has 3 cells for 2 columns");
    expect_internal_error("V$T_LAST_LONG", "row 2 has 3 cells for 2 columns");
}

static void test_cells_before_a_row_fail(void **state)
{
    expect_internal_error("V$T_NO_ROW", "has 2 cells before its first row");
}

/* The failure does not stick to the view: a good view on the same connection still reads. */
static void test_failure_is_per_query(void **state)
{
    expect_internal_error("V$T_LAST_LONG", "row 2 has 3 cells for 2 columns");
    expect_rows("SELECT * FROM V$T_GOOD", "1:one;2:two;");
}

/* ---- the plain scan ---- */

/* SQL's rows read through a plain scan, as query() writes them; NULL when SQL is not plain. */
static const char *scan_rows(const char *sql, char *out, size_t outsz)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    vscan *v = vscan_plan(db, st);
    sqlite3_finalize(st);
    if (!v) return NULL;
    ora_error err;
    assert_int_equal(vscan_start(v, &err), 0);
    size_t len = 0;
    out[0] = 0;
    for (int guard = 0; vscan_next(v) && guard < 100; guard++) {
        eng_cell id, name;
        vscan_cell(v, 0, &id);
        vscan_cell(v, 1, &name);
        assert_int_equal(id.kind, ENG_COL_INT);
        len += (size_t)snprintf(out + len, outsz - len, "%lld:%.*s;", (long long)id.i,
                                name.kind == ENG_COL_NULL ? 4 : name.len,
                                name.kind == ENG_COL_NULL ? "NULL" : name.bytes);
    }
    vscan_free(v);
    return out;
}

static void expect_plain(const char *sql, const char *want)
{
    char out[256];
    const char *got = scan_rows(sql, out, sizeof out);
    if (!got) fail_msg("not a plain scan: %s", sql);
    assert_string_equal(got, want);
}

static void expect_not_plain(const char *sql)
{
    char out[256];
    if (scan_rows(sql, out, sizeof out)) fail_msg("a plain scan: %s", sql);
}

static void test_plain_scan_rows(void **state)
{
    expect_plain("SELECT * FROM V$T_GOOD", "1:one;2:two;");
    expect_plain("SELECT ID, NAME FROM V$T_GOOD G", "1:one;2:two;");
    expect_plain("SELECT G.ID AS X, G.NAME FROM V$T_GOOD G", "1:one;2:two;");
    expect_plain("SELECT * FROM V$T_EMPTY", "");
    /* GV$: INST_ID (1, a single instance) first */
    expect_plain("SELECT INST_ID, NAME FROM GV$T_GOOD", "1:one;1:two;");
}

/* Columns in another order than the view's: each where the query puts it. */
static void test_plain_scan_maps_columns(void **state)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT NAME, ID FROM V$T_GOOD", -1, &st, NULL),
                     SQLITE_OK);
    vscan *v = vscan_plan(db, st);
    sqlite3_finalize(st);
    assert_non_null(v);
    ora_error err;
    assert_int_equal(vscan_start(v, &err), 0);
    assert_int_equal(vscan_next(v), 1);
    assert_int_equal(vscan_next(v), 1);
    vscan_back(v); /* back to the first row */
    eng_cell name, id;
    vscan_cell(v, 0, &name);
    vscan_cell(v, 1, &id);
    assert_int_equal(name.kind, ENG_COL_TEXT);
    assert_int_equal(name.len, 3);
    assert_memory_equal(name.bytes, "one", 3);
    assert_int_equal(id.i, 1);
    vscan_free(v);
}

/* Anything SQLite must do beyond copying columns keeps SQLite's path. */
static void test_what_is_not_plain(void **state)
{
    expect_not_plain("SELECT * FROM V$T_GOOD WHERE ID = 2");
    expect_not_plain("SELECT * FROM V$T_GOOD WHERE 1 = 1");
    expect_not_plain("SELECT * FROM V$T_GOOD ORDER BY NAME");
    expect_not_plain("SELECT * FROM V$T_GOOD LIMIT 1");
    expect_not_plain("SELECT DISTINCT NAME, ID FROM V$T_GOOD");
    expect_not_plain("SELECT ID + 1, NAME FROM V$T_GOOD");
    expect_not_plain("SELECT ID, NAME FROM V$T_GOOD WHERE NAME LIKE 'o%'");
    expect_not_plain("SELECT A.ID, A.NAME FROM V$T_GOOD A, V$T_GOOD B");
    expect_not_plain("SELECT ID, NAME FROM V$T_GOOD UNION ALL SELECT ID, NAME FROM V$T_GOOD");
    expect_not_plain("SELECT COUNT(*), MAX(NAME) FROM V$T_GOOD");
    expect_not_plain("SELECT ID, NAME FROM (SELECT 1 AS ID, 'x' AS NAME)");
    expect_not_plain("SELECT INST_ID, NAME FROM GV$T_GOOD WHERE INST_ID = 1");
}

/* A fill error ends the scan's start with the view's ORA-00600. */
static void test_plain_scan_fails_like_the_view(void **state)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT * FROM V$T_LAST_LONG", -1, &st, NULL),
                     SQLITE_OK);
    vscan *v = vscan_plan(db, st);
    sqlite3_finalize(st);
    assert_non_null(v);
    ora_error err;
    assert_int_equal(vscan_start(v, &err), -1);
    assert_string_equal(err.msg, "ORA-00600: internal error code, arguments: [vrows: V$T_LAST_LONG "
                                 "row 2 has 3 cells for 2 columns]");
    assert_int_equal(vscan_next(v), 0);
    vscan_free(v);
}

/* SQL's one row of two integers as "A B". */
static void scalar_pair(const char *sql, char *out, size_t n)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    snprintf(out, n, "%lld %lld", (long long)sqlite3_column_int64(st, 0),
             (long long)sqlite3_column_int64(st, 1));
    sqlite3_finalize(st);
}

/*
 * A join ON CONDITION (over A and B of VIEW) gives what the same join gives
 * with the condition hidden from xBestIndex (inside a CASE, so every filter
 * scans): the index finds exactly the rows a scan does.
 */
static void expect_lookup_like_scan(const char *view, const char *left, const char *right,
                                    const char *rest)
{
    char sql[512], lookup[64], scan[64];
    snprintf(sql, sizeof sql,
             "SELECT COUNT(*), SUM(a.ID * 1000 + b.ID) FROM %s a JOIN %s b ON b.%s = %s%s", view,
             view, left, right, rest);
    scalar_pair(sql, lookup, sizeof lookup);
    snprintf(sql, sizeof sql,
             "SELECT COUNT(*), SUM(a.ID * 1000 + b.ID) FROM %s a JOIN %s b "
             "ON CASE WHEN b.%s = %s%s THEN 1 END = 1", view, view, left, right, rest);
    scalar_pair(sql, scan, sizeof scan);
    if (strcmp(lookup, scan) != 0)
        fail_msg("b.%s = %s%s: %s by lookup, %s by scan", left, right, rest, lookup, scan);
}

static void test_lookups_find_what_scans_find(void **state)
{
    static const char *const joins[][2] = {
        {"ID", "a.ID"},       {"NAME", "a.NAME"},  {"ADDR", "a.ADDR"}, {"MIXED", "a.MIXED"},
        {"NUL", "a.NUL"},     {"NAME", "a.ID"},    {"ID", "a.NAME"},   {"MIXED", "a.ID % 5"},
        {"ID", "a.ID * 1.0"}, {"NUL", "a.ID % 4 * 0.5"}, {"ADDR", "a.NAME"}, {"ID", "'7'"},
    };
    for (size_t i = 0; i < sizeof joins / sizeof joins[0]; i++)
        expect_lookup_like_scan("V$T_MANY", joins[i][0], joins[i][1], "");
    expect_rows("SELECT ID, NAME FROM V$T_MANY WHERE ID = 12", "12:n12;");
    expect_rows("SELECT ID, NAME FROM V$T_MANY WHERE NUL = NULL", "");
    expect_rows("SELECT ID, NAME FROM V$T_MANY WHERE NAME = 'n1' AND ID < 80", "1:n1;38:n1;75:n1;");
}

/* Another instance's rows for GV$ (instance 2 only): V$NAME's rows again, as instance 2's. */
static int fake_remote(const char *name, uint32_t want, vrows *r, uint32_t *got, ora_error *err)
{
    if (want & (1u << 2)) {
        buf b;
        buf_init(&b);
        assert_int_equal(vviews_encode(views, name, &b), 0);
        assert_int_equal(vrows_decode(r, 2, b.data, b.len), 0);
        buf_free(&b);
    }
    *got |= want;
    return 0;
}

/* A GV$ snapshot that grows by an instance between lookups still finds every row. */
static void test_gv_lookups_across_instances(void **state)
{
    vviews_set_remote(fake_remote);
    expect_lookup_like_scan("GV$T_MANY", "INST_ID", "a.INST_ID", " AND b.ID = a.ID");
    expect_lookup_like_scan("GV$T_MANY", "ID", "a.ID", " AND b.INST_ID = a.INST_ID");
    expect_lookup_like_scan("GV$T_MANY", "INST_ID", "a.INST_ID", " AND b.NAME = a.NAME");
    expect_lookup_like_scan("GV$T_MANY", "INST_ID", "a.INST_ID", "");
    expect_rows("SELECT INST_ID, NAME FROM GV$T_MANY WHERE ID = 12", "1:n12;2:n12;");
    expect_rows("SELECT INST_ID, NAME FROM GV$T_MANY WHERE INST_ID = 2 AND ID = 12", "2:n12;");
    vviews_set_remote(NULL);
}

/* The cursors of one statement on a view share its snapshot; the next statement takes another. */
static void test_one_snapshot_per_statement(void **state)
{
    fills = 0;
    expect_rows("SELECT a.ID, b.NAME FROM V$T_COUNT a JOIN V$T_COUNT b ON b.ID = a.ID", "1:fill;");
    expect_rows("SELECT a.ID, b.ID FROM V$T_COUNT a, V$T_COUNT b, V$T_COUNT c WHERE c.ID = b.ID",
                "2:2;");
    expect_rows("SELECT ID, NAME FROM V$T_COUNT", "3:fill;");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_right_cell_count),     cmocka_unit_test(test_short_row_fails),
        cmocka_unit_test(test_long_row_fails),       cmocka_unit_test(test_cells_before_a_row_fail),
        cmocka_unit_test(test_failure_is_per_query),
        cmocka_unit_test(test_plain_scan_rows),      cmocka_unit_test(test_plain_scan_maps_columns),
        cmocka_unit_test(test_what_is_not_plain),
        cmocka_unit_test(test_plain_scan_fails_like_the_view),
        cmocka_unit_test(test_lookups_find_what_scans_find),
        cmocka_unit_test(test_gv_lookups_across_instances),
        cmocka_unit_test(test_one_snapshot_per_statement),
    };
    return cmocka_run_group_tests_name("vtab", tests, setup, teardown);
}
