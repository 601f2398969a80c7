/*
 * long_statements.c - long statements as long operations (see
 * long_statements.h): the phases a statement goes through, the rows each
 * has done, and the plan and estimates read on the side.
 */
#include "long_statements.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../common/buf.h"
#include "../sql/translate.h"
#include "overlay_ddl.h"
#include "vdbe_program.h"

#define REPORT_EVERY_US 1000000
#define PLAN_MAX_OPS 100000 /* a program longer than this is not read */

static int64_t clock_us(clockid_t clock)
{
    struct timespec t;
    clock_gettime(clock, &t);
    return (int64_t)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

static int64_t monotonic_us(void) { return clock_us(CLOCK_MONOTONIC); }

static int64_t counter(const long_statement *l, int which)
{
    return sqlite3_stmt_status(l->stmt, which, 0);
}

/* L watches a new piece of work, begun now. */
static void watch_from_now(long_statement *l)
{
    memset(l, 0, sizeof *l);
    l->threshold_us = LONG_STATEMENT_US;
    l->since_us = monotonic_us();
    l->began_us = clock_us(CLOCK_REALTIME);
}

void long_statement_begin(long_statement *l, sqlite3_stmt *stmt, const char *sql,
                          long_side_fn side, void *side_arg)
{
    watch_from_now(l);
    /* this execute's counts only (the sorts counter is the statistic's too: it runs on) */
    sqlite3_stmt_status(stmt, SQLITE_STMTSTATUS_FULLSCAN_STEP, 1);
    sqlite3_stmt_status(stmt, SQLITE_STMTSTATUS_VM_STEP, 1);
    l->sorts_before = sqlite3_stmt_status(stmt, SQLITE_STMTSTATUS_SORT, 0);
    l->stmt = stmt;
    l->sql = sql;
    l->side = side;
    l->side_arg = side_arg;
    l->total = -1;
}

void long_commit_begin(long_statement *l, double rows)
{
    watch_from_now(l);
    l->committing = 1;
    l->total = rows;
    l->plan.read = 1; /* no plan: the rows are counted as they are written */
}

/* ---- what is read on the side ---- */

/* The rows of SQLite table NAME, estimated as its largest rowid: 0 when unknown. */
static double estimated_rows(const long_statement *l, const char *name)
{
    buf q;
    buf_init(&q);
    buf_puts(&q, "SELECT max(rowid) FROM main.");
    buf_put_quoted(&q, name, '"');
    sqlite3_stmt *st = NULL;
    double rows = 0;
    if ((st = l->side(l->side_arg, buf_cstr(&q))) && sqlite3_step(st) == SQLITE_ROW)
        rows = sqlite3_column_double(st, 0);
    sqlite3_finalize(st);
    buf_free(&q);
    return rows;
}

/* Does the instruction at AT close a loop (jump back to its P2) over a table or the sorter? */
static int closes_loop(const vdbe_op *ops, int at)
{
    const vdbe_op *op = &ops[at];
    return op->p2 <= at && (vdbe_op_is(op, "Next") || vdbe_op_is(op, "Prev") || vdbe_op_is(op, "SorterNext"));
}

/*
 * The loops of OPS (N of them) into P: the innermost table loop around the first
 * SorterInsert, and the loop over the sorter.  The table scanned: the root page of the
 * cursor of that loop, or else of the first full scan's (*ROOT, 0 for none).
 */
static void find_loops(const vdbe_op *ops, int n, long_plan *p, int *root)
{
    int insert = -1, cursor = -1;
    for (int i = 0; i < n && insert < 0; i++)
        if (vdbe_op_is(&ops[i], "SorterInsert")) insert = i;
    for (int i = 0; i < n; i++) {
        if (!closes_loop(ops, i)) continue;
        int from = ops[i].p2, steps = i - from + 1;
        if (vdbe_op_is(&ops[i], "SorterNext")) {
            if (!p->sort_steps) p->sort_steps = steps;
        } else if (insert >= from && insert < i && (!p->scan_steps || steps < p->scan_steps)) {
            p->scan_from = from;
            p->scan_steps = steps;
            cursor = ops[i].p1;
        } else if (cursor < 0 && ops[i].p5 == SQLITE_STMTSTATUS_FULLSCAN_STEP) {
            cursor = ops[i].p1;
        }
    }
    *root = 0;
    for (int i = 0; i < n && cursor >= 0 && !*root; i++)
        if (vdbe_op_is(&ops[i], "OpenRead") && ops[i].p1 == cursor && ops[i].p3 == 0) *root = ops[i].p2;
}

/* The program of the statement (its first) as EXPLAIN lists it on the side into *OPS: the
 * count, 0 when it cannot be read. */
static int read_program(const long_statement *l, vdbe_op **ops)
{
    buf q;
    buf_init(&q);
    buf_puts(&q, "EXPLAIN ");
    buf_puts(&q, l->sql);
    int n = vdbe_program_read(l->side(l->side_arg, buf_cstr(&q)), PLAN_MAX_OPS, ops);
    buf_free(&q);
    return n;
}

/* The name of the table whose b-tree starts at page ROOT into NAME (SIZE bytes): 1, or 0. */
static int table_at(const long_statement *l, int root, char *name, size_t size)
{
    sqlite3_stmt *st = l->side(l->side_arg, "SELECT name FROM main.sqlite_schema WHERE type = "
                                            "'table' AND rootpage = ?1");
    int found = 0;
    if (st) {
        sqlite3_bind_int(st, 1, root);
        if (sqlite3_step(st) == SQLITE_ROW) {
            snprintf(name, size, "%s", (const char *)sqlite3_column_text(st, 0));
            found = 1;
        }
    }
    sqlite3_finalize(st);
    return found;
}

/*
 * The table a statement whose plan could not be read most likely scans: the first schema
 * object its text names after FROM (an INSERT ... SELECT reads its source), else the first
 * it names at all - the session's own overlay objects standing for their tables
 * (ovl_object_table: "wi$S.T" is S.T).
 */
static void first_object(const char *sql, char *name, size_t size)
{
    const char *from = sql ? strstr(sql, " FROM ") : NULL, *pos = from;
    char found[260];
    name[0] = '\0';
    if (!sql) return;
    if (!pos || !sql_next_object_name(&pos, found, sizeof found)) {
        pos = sql;
        if (!sql_next_object_name(&pos, found, sizeof found)) return;
    }
    const char *table = ovl_object_table(found);
    snprintf(name, size, "%s", table ? table : found);
}

/* At the first report: the plan, the target (the table scanned, else the first the text
 * names) and its estimated rows. */
static void read_side(long_statement *l)
{
    l->plan.read = 1;
    if (!l->side || !l->sql) return;
    /* a read brings the connection's copy of the schema up to date (an index dropped since) */
    sqlite3_stmt *st = l->side(l->side_arg, "SELECT 1 FROM main.sqlite_schema LIMIT 1");
    if (st) sqlite3_step(st);
    sqlite3_finalize(st);
    vdbe_op *ops = NULL;
    int n = read_program(l, &ops), root = 0;
    if (n) find_loops(ops, n, &l->plan, &root);
    free(ops);
    if (!root || !table_at(l, root, l->target, sizeof l->target))
        first_object(l->sql, l->target, sizeof l->target);
    l->total = l->target[0] ? estimated_rows(l, l->target) : 0;
}

/* ---- the phases ---- */

/* Rows scanned when the program had run STEPS VM steps: full-scan steps, else passes of the
 * loop feeding the sorter. */
static double scanned_rows(const long_statement *l, int64_t steps)
{
    int64_t full = counter(l, SQLITE_STMTSTATUS_FULLSCAN_STEP);
    if (full > 0) return (double)full;
    if (!l->plan.scan_steps || steps <= l->plan.scan_from) return 0;
    return (double)((steps - l->plan.scan_from) / l->plan.scan_steps);
}

/*
 * The VM steps the statement has run.  SQLite adds a step's count to its counter only when
 * the step returns; inside one, the progress handler's calls tell: one every
 * LONG_STATEMENT_TICK steps of the statement (counted from its execute).
 */
static int64_t steps_now(const long_statement *l)
{
    int64_t counted = counter(l, SQLITE_STMTSTATUS_VM_STEP), ticked = l->ticks * LONG_STATEMENT_TICK;
    return counted > ticked ? counted : ticked;
}

/*
 * The rows the scan fed the sorter: as scanned when the sort was first seen.  That look
 * comes up to a tick after the scan's end, so a count within a tick of the table's
 * estimated rows (a full-scan count stops one short: its last step does not jump) is
 * taken to be all of them.
 */
static double rows_fed(const long_statement *l)
{
    double fed = scanned_rows(l, l->steps_unsorted);
    double slack = l->plan.scan_steps ? LONG_STATEMENT_TICK / l->plan.scan_steps + 1 : 1;
    return l->total > 0 && fed < l->total && l->total - fed <= slack ? l->total : fed;
}

/* Every look: has the sorter begun handing rows back?  Until then, the steps so far. */
static void watch_sort(long_statement *l)
{
    if (l->sorted) return;
    if (counter(l, SQLITE_STMTSTATUS_SORT) > l->sorts_before) l->sorted = 1;
    else l->steps_unsorted = steps_now(l);
}

static void report(long_statement *l, eng_long_op_fn fn, void *arg, enum long_phase phase,
                   double sofar, double total)
{
    int starting = l->phase != phase;
    if (starting)
        l->phase_began_us = phase != PHASE_SORT ? l->began_us : clock_us(CLOCK_REALTIME);
    l->phase = phase;
    if (total > 0 && sofar > total) sofar = total; /* inner loops of a join; estimates */
    static const char *const names[] = {[PHASE_SCAN] = "Table Scan", [PHASE_SORT] = "Sort Output",
                                        [PHASE_COMMIT] = "Transaction Commit"};
    eng_long_op op = {names[phase], phase == PHASE_SCAN ? l->target : "", "Rows", sofar, total,
                      l->phase_began_us, starting};
    l->reported_us = monotonic_us();
    fn(arg, &op);
}

/* Report the phase the statement is in (ENDING: it is over, all done). */
static void report_phase(long_statement *l, eng_long_op_fn fn, void *arg, int ending)
{
    if (l->committing) {
        report(l, fn, arg, PHASE_COMMIT, ending ? l->total : l->applied, l->total);
        return;
    }
    if (!l->sorted) {
        double rows = scanned_rows(l, steps_now(l));
        if (rows > 0 || l->phase == PHASE_SCAN)
            report(l, fn, arg, PHASE_SCAN, ending && l->total > 0 ? l->total : rows, l->total);
        return;
    }
    if (l->phase != PHASE_SORT) { /* the scan is over: it ends, the sort's output begins */
        double fed = rows_fed(l);
        if (l->phase == PHASE_SCAN || fed > 0) /* the scan, all done (shown or not yet) */
            report(l, fn, arg, PHASE_SCAN, l->total > 0 ? l->total : fed, l->total);
        l->sort_total = fed > 0 ? fed : l->total;
        if (!l->plan.sort_steps) return;
    }
    int64_t steps = steps_now(l) - l->steps_unsorted;
    double rows = ending ? l->sort_total : (double)(steps / l->plan.sort_steps);
    report(l, fn, arg, PHASE_SORT, rows, l->sort_total);
}

void long_statement_progress(long_statement *l, eng_long_op_fn fn, void *arg)
{
    if ((!l->stmt && !l->committing) || !fn) return;
    l->ticks++;
    if (l->stmt) watch_sort(l);
    int64_t now = monotonic_us();
    if (now - l->since_us < l->threshold_us ||
        (l->reported_us && now - l->reported_us < REPORT_EVERY_US))
        return;
    if (!l->plan.read) read_side(l);
    report_phase(l, fn, arg, 0);
}

void long_statement_end(long_statement *l, eng_long_op_fn fn, void *arg)
{
    if ((l->stmt || l->committing) && l->reported_us && fn) {
        if (l->stmt) watch_sort(l);
        report_phase(l, fn, arg, 1);
    }
    l->stmt = NULL;
    l->committing = 0;
}
