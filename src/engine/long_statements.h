/*
 * long_statements.h - a statement that runs long shows as long operations
 * (V$SESSION_LONGOPS), as Oracle shows its long scans and sorts.
 *
 * Once a statement has run for LONG_STATEMENT_US, the engine's observer
 * gets one operation per phase of its work, each a row of its own:
 *
 *   'Table Scan'   SQLite reads a table from end to end: the first table the
 *                  statement names, rows scanned so far out of the table's
 *                  rows (estimated from its largest rowid);
 *   'Sort Output'  SQLite's sorter hands back what the scan fed it: rows out
 *                  of the rows sorted.  CREATE INDEX is a scan into the
 *                  sorter and this phase writing the index, as in Oracle.
 *
 * A COMMIT under row locking writes the transaction's write set into the
 * tables (overlay.h); a long one shows as 'Transaction Commit', rows written
 * (counted by the caller, long_commit_row) out of the rows the transaction
 * changed.  Oracle's COMMIT has no such phase: the name is Warden's, after
 * Oracle's 'Transaction Rollback'.
 *
 * Rows are counted from SQLite's own counters: a query's full-scan steps,
 * and otherwise the VM steps of the program's loops, whose length the plan
 * (EXPLAIN of the same text) gives - each pass of the scan loop, or of the
 * loop reading the sorter, is one row.  The plan and the estimate are read
 * through a read-only side connection (long_side_fn): the statement's
 * connection must not run anything while SQLite is inside it.  Reported at
 * most once a second, and once more when a phase ends.
 */
#ifndef WARDEN_LONG_STATEMENTS_H
#define WARDEN_LONG_STATEMENTS_H

#include <sqlite3.h>
#include <stdint.h>

#define LONG_STATEMENT_US 6000000 /* Oracle's threshold: six seconds */
#define LONG_STATEMENT_TICK 1000  /* VM steps between calls of the engine's progress handler */

/* A long operation as the engine reports it (texts NUL-terminated). */
typedef struct eng_long_op {
    const char *opname, *target, *units;
    double sofar, totalwork;
    int64_t started_us; /* wall clock: when the operation began */
    int starting;       /* the first report of this operation: a new row */
} eng_long_op;

typedef void (*eng_long_op_fn)(void *arg, const eng_long_op *op);

/* SQL prepared on the side: through a read-only connection to the statement's database that
 * knows the functions and collations the statement's does (the caller's), or NULL. */
typedef sqlite3_stmt *(*long_side_fn)(void *arg, const char *sql);

enum long_phase { PHASE_NONE, PHASE_SCAN, PHASE_SORT, PHASE_COMMIT };

/* The loops of a statement's program that count its rows (0: none found). */
typedef struct long_plan {
    int read;       /* the plan was read (or could not be: then all 0) */
    int scan_from;  /* the first address of the loop feeding the sorter ... */
    int scan_steps; /* ... and its length: VM steps per row scanned */
    int sort_steps; /* VM steps per row of the loop reading the sorter */
} long_plan;

typedef struct long_statement {
    sqlite3_stmt *stmt;  /* the statement running, NULL when none */
    int committing;      /* a COMMIT's apply is running instead */
    double applied;      /* ... and has written this many rows */
    const char *sql;     /* its SQLite text (the first table it names is the target) */
    long_side_fn side;   /* the side connection, asked for at the first report */
    void *side_arg;
    int64_t threshold_us; /* how long before it is a long one: LONG_STATEMENT_US */
    int64_t since_us;    /* monotonic: when its execute began ... */
    int64_t began_us;    /* ... and by the wall clock */
    int64_t reported_us; /* ... when it was last reported (0: never) */
    int64_t phase_began_us; /* wall clock: when the phase reported began */
    enum long_phase phase;  /* the operation last reported */
    int64_t ticks;          /* calls of the progress handler since the execute */
    int64_t sorts_before;   /* SQLite's sorts counter at the execute */
    int sorted;             /* the sorter has begun handing back rows */
    int64_t steps_unsorted; /* VM steps at the last look before that */
    double scanned;         /* rows scanned, as last counted */
    double total;        /* the target's estimated rows (-1: not yet estimated) */
    double sort_total;   /* rows the sorter was fed */
    long_plan plan;
    char target[260];
} long_statement;

/* STMT (SQL its text) begins to execute; SIDE(SIDE_ARG) gives the side connection. */
void long_statement_begin(long_statement *l, sqlite3_stmt *stmt, const char *sql,
                          long_side_fn side, void *side_arg);
/* A COMMIT of a transaction that changed ROWS rows begins to write them; each row written
 * (SQLite's update hook on main) is one long_commit_row.  long_statement_end ends it. */
void long_commit_begin(long_statement *l, double rows);
static inline void long_commit_row(long_statement *l) { l->applied++; }
/* From SQLite's progress handler: report to FN when it is time. */
void long_statement_progress(long_statement *l, eng_long_op_fn fn, void *arg);
/* The statement ended (or its cursor went): a last report of an operation that was shown. */
void long_statement_end(long_statement *l, eng_long_op_fn fn, void *arg);

#endif
