/*
 * long_statements.h - a statement that runs long shows as a long operation
 * (V$SESSION_LONGOPS), as Oracle shows its long table scans: once a
 * statement has run for LONG_STATEMENT_US and SQLite is scanning a table
 * from end to end, the engine's observer gets a 'Table Scan' of the first
 * table the statement names, with the rows scanned so far (SQLite's full-scan
 * steps) out of the table's rows (estimated from its largest rowid, read
 * through a connection of its own: the statement's connection must not run
 * anything while SQLite is inside it).  Reported at most once a second, and
 * once more when the statement ends.
 */
#ifndef WARDEN_LONG_STATEMENTS_H
#define WARDEN_LONG_STATEMENTS_H

#include <sqlite3.h>
#include <stdint.h>

#define LONG_STATEMENT_US 6000000 /* Oracle's threshold: six seconds */

/* A long operation as the engine reports it (texts NUL-terminated). */
typedef struct eng_long_op {
    const char *opname, *target, *units;
    double sofar, totalwork;
    int64_t started_us; /* wall clock: when the statement began */
    int starting; /* the first report of this statement's operation: a new row */
} eng_long_op;

typedef void (*eng_long_op_fn)(void *arg, const eng_long_op *op);

typedef struct long_statement {
    sqlite3_stmt *stmt;  /* the statement running, NULL when none */
    const char *sql;     /* its SQLite text (the first table it names is the target) */
    int64_t since_us;    /* monotonic: when its execute began ... */
    int64_t began_us;    /* ... and by the wall clock */
    int64_t reported_us; /* ... when it was last reported (0: never) */
    double total;        /* the target's estimated rows (-1: not yet estimated) */
    char target[260];
} long_statement;

/* STMT (SQL its text) begins to execute. */
void long_statement_begin(long_statement *l, sqlite3_stmt *stmt, const char *sql);
/* From SQLite's progress handler: report to FN when it is time. */
void long_statement_progress(long_statement *l, eng_long_op_fn fn, void *arg);
/* The statement ended (or its cursor went): a last report of an operation that was shown. */
void long_statement_end(long_statement *l, eng_long_op_fn fn, void *arg);

#endif
