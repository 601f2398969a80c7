/*
 * long_statements.c - long statements as long operations (see
 * long_statements.h).
 */
#include "long_statements.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../common/buf.h"
#include "../sql/translate.h"

#define REPORT_EVERY_US 1000000

static int64_t clock_us(clockid_t clock)
{
    struct timespec t;
    clock_gettime(clock, &t);
    return (int64_t)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

static int64_t monotonic_us(void) { return clock_us(CLOCK_MONOTONIC); }

void long_statement_begin(long_statement *l, sqlite3_stmt *stmt, const char *sql)
{
    memset(l, 0, sizeof *l);
    sqlite3_stmt_status(stmt, SQLITE_STMTSTATUS_FULLSCAN_STEP, 1); /* this execute's only */
    l->stmt = stmt;
    l->sql = sql;
    l->since_us = monotonic_us();
    l->began_us = clock_us(CLOCK_REALTIME);
    l->total = -1;
}

/*
 * The rows of SQLite table NAME, estimated as its largest rowid, through a
 * read-only connection of this process's own to the database of STMT (one
 * per process: a dedicated server serves one session).  0 when unknown.
 */
static double estimated_rows(sqlite3_stmt *stmt, const char *name)
{
    static sqlite3 *estimates;
    const char *path = sqlite3_db_filename(sqlite3_db_handle(stmt), "main");
    if (!estimates && (!path || sqlite3_open_v2(path, &estimates, SQLITE_OPEN_READONLY, NULL) !=
                                    SQLITE_OK)) {
        sqlite3_close(estimates);
        estimates = NULL;
        return 0;
    }
    buf q;
    buf_init(&q);
    buf_puts(&q, "SELECT max(rowid) FROM main.");
    buf_put_quoted(&q, name, '"');
    sqlite3_stmt *st = NULL;
    double rows = 0;
    if (sqlite3_prepare_v2(estimates, buf_cstr(&q), -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        rows = sqlite3_column_double(st, 0);
    sqlite3_finalize(st);
    buf_free(&q);
    return rows;
}

static void report(long_statement *l, eng_long_op_fn fn, void *arg, double sofar)
{
    if (l->total < 0) {
        const char *pos = l->sql;
        if (!pos || !sql_next_object_name(&pos, l->target, sizeof l->target)) l->target[0] = '\0';
        l->total = l->target[0] ? estimated_rows(l->stmt, l->target) : 0;
    }
    if (l->total > 0 && sofar > l->total) sofar = l->total; /* inner loops of a join */
    eng_long_op op = {"Table Scan", l->target, "Rows", sofar, l->total, l->began_us,
                      l->reported_us == 0};
    l->reported_us = monotonic_us();
    fn(arg, &op);
}

void long_statement_progress(long_statement *l, eng_long_op_fn fn, void *arg)
{
    if (!l->stmt || !fn) return;
    int64_t now = monotonic_us();
    if (now - l->since_us < LONG_STATEMENT_US ||
        (l->reported_us && now - l->reported_us < REPORT_EVERY_US))
        return;
    int scanned = sqlite3_stmt_status(l->stmt, SQLITE_STMTSTATUS_FULLSCAN_STEP, 0);
    if (scanned > 0) report(l, fn, arg, scanned);
}

void long_statement_end(long_statement *l, eng_long_op_fn fn, void *arg)
{
    if (l->stmt && l->reported_us && fn) /* done: all of it */
        report(l, fn, arg, l->total > 0 ? l->total : sqlite3_stmt_status(l->stmt, SQLITE_STMTSTATUS_FULLSCAN_STEP, 0));
    l->stmt = NULL;
}
