/*
 * engine.h - the narrow seam between a dedicated server and SQLite.
 *
 * One eng_session per Oracle session: its own SQLite connection on the
 * instance database, its Oracle transaction state, and the cursors it has
 * open.  Everything that touches sqlite3 lives behind this header (and the
 * catalog and function modules next to it).
 *
 * Transaction model (docs/design.md): a transaction starts with the first
 * change (BEGIN IMMEDIATE takes SQLite's single write lock, waiting while
 * another session holds it), every DML statement runs inside a savepoint so
 * a failure undoes only that statement, DDL commits before and after, and
 * nothing is visible to other sessions before COMMIT.
 */
#ifndef WARDEN_ENGINE_H
#define WARDEN_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "../common/buf.h"
#include "../common/ora_error.h"
#include "../sql/translate.h"
#include "eng_cell.h"
#include "long_statements.h"
#include "row_wait.h"

typedef struct eng_session eng_session;

/* Describe data of one result column, in Oracle terms. */
typedef struct eng_column {
    char name[129];
    uint8_t ora_type; /* enum ora_type_num (common/ora_types.h) */
    int precision;
    int scale;         /* NUMBER scale (-127 unspecified), TIMESTAMP fraction digits */
    uint32_t max_size; /* bytes (0 for LONG and LONG RAW) */
    int nullable;
} eng_column;

/* A bind value as it came off the wire, already decoded to text or NULL. */
typedef struct eng_value {
    int is_null;
    int kind; /* ENG_VAL_TEXT, ENG_VAL_NUMBER (decimal text), ENG_VAL_DATE (storage text) */
    const char *text;
    size_t len;
} eng_value;
enum {
    ENG_VAL_TEXT,
    ENG_VAL_NUMBER,
    ENG_VAL_DATE,
    ENG_VAL_BLOB,
    ENG_VAL_BOOLEAN, /* "1"/"0" */
    ENG_VAL_CURSOR,  /* a REF CURSOR bind of a PL/SQL block: the client's cursor id */
    ENG_VAL_LOB,     /* a LOB locator off the wire: the server puts its value in before running */
    ENG_VAL_INTERVAL /* an INTERVAL bind: its text ("+YY-MM", "+DD HH:MI:SS.F") */
};

typedef struct eng_cursor eng_cursor;

/*
 * Called at safe points inside long operations (SQLite progress handler,
 * lock waits).  Returns an Oracle error number to abort the operation with
 * (e.g. 1013 for a client break), or 0 to go on.
 */
typedef int (*eng_interrupt_fn)(void *arg);

/*
 * What the engine reports as it happens, so the server can show it in the
 * SGA (V$SESSION, V$TRANSACTION): the transaction opening, growing and
 * ending, waits for the write lock, for a commit's sync and for reads of the
 * database file.
 */
typedef struct eng_observer {
    void (*transaction)(void *arg, int open, uint64_t changes);
    void (*lock_wait)(void *arg, int waiting);
    /* Row locking: a wait for a row or table lock began (W), or ended (NULL). */
    void (*row_wait)(void *arg, const eng_row_wait *w);
    /* A COMMIT waits for its WAL sync ("log file sync"): commit number COMMIT_NO, 0 when done. */
    void (*sync_wait)(void *arg, uint64_t commit_no);
    /* A read of BLOCKS blocks from block BLOCK of data file FILE ("db file sequential read")
     * begins; BLOCKS 0: it ended (io_vfs.h). */
    void (*io_wait)(void *arg, uint32_t file, uint32_t block, uint32_t blocks);
    /* A long statement's progress (long_statements.h): a row of V$SESSION_LONGOPS. */
    eng_long_op_fn long_op;
    void *arg;
} eng_observer;

/* The rows of dynamic view V$NAME (NAME without "V$"), encoded for another instance's GV$
 * (vtab.h).  0, or -1 when there is no such view. */
int eng_encode_view(const char *name, buf *out);

/*
 * Does USER, logged on in mode ADMIN (enum catalog_admin), hold system
 * privilege PRIV now?  Read from the catalog of the database file PATH
 * through a connection kept open for the next call (LMON re-checks the
 * requester of another instance's KILL this way).  1, 0, or -1 on error.
 */
int eng_user_has_privilege(const char *path, const char *user, int admin, const char *priv);

/* What the session's work cost since the last call, for its statistics (V$SESSTAT): pages
 * asked of SQLite's cache and those it had to read, sorts, and the WAL bytes its commits
 * wrote.  Taking them starts the next count. */
typedef struct eng_counters {
    uint64_t cache_hits, cache_misses, sorts, redo_bytes;
} eng_counters;
void eng_take_counters(eng_session *s, eng_counters *out);

/* Open a session for USER (upper case) on the database file PATH. */
eng_session *eng_open(const char *path, const char *user, ora_error *err);
/*
 * The same for a logon AS SYSDBA or AS SYSOPER (ADMIN: enum catalog_admin,
 * ADMIN_NONE for an ordinary one): USER is then the session's user, SYS or
 * PUBLIC.  ORA-01017 when an ordinary USER no longer exists (dropped meanwhile).
 */
eng_session *eng_open_as(const char *path, const char *user, int admin, ora_error *err);
/* A connection to the database file PATH as the engine opens its own (read-write, on its
 * VFS) into *DB: SQLITE_OK or SQLite's error (close *DB either way).  A logon reads the
 * catalog through it before it hands it to eng_open_on. */
int eng_connect(const char *path, sqlite3 **db);
/* eng_open_as over DB from eng_connect, which the session owns from now on (closed, also
 * when this fails). */
eng_session *eng_open_on(sqlite3 *db, const char *user, int admin, ora_error *err);
void eng_close(eng_session *s); /* rolls back an open transaction */
void eng_set_interrupt(eng_session *s, eng_interrupt_fn fn, void *arg);

/*
 * Stored functions called from SQL: the server's side.  When SQLite knows
 * no function NAME that a statement calls, the engine asks EXISTS (1: the
 * session may call a stored function of that name) and then makes NAME a
 * SQL function of the session's connection, whose calls go to CALL: ARGS
 * (N of them) in, *RESULT out (its text malloc'ed; the engine frees it).
 * CALL returns 0, or -1 with ERR (the statement fails with it).
 */
typedef struct eng_function_host {
    void *arg;
    int (*exists)(void *arg, const char *name);
    int (*call)(void *arg, const char *name, const eng_value *args, int n, eng_value *result,
                ora_error *err);
} eng_function_host;
void eng_set_function_host(eng_session *s, const eng_function_host *h);
/* An application context value the client set at logon: SYS_CONTEXT(NS, ATTR) is VALUE (names
 * compared case-insensitively; a later one wins). */
void eng_set_app_context(eng_session *s, const char *ns, const char *attr, const char *value);
void eng_set_observer(eng_session *s, const eng_observer *o);
/*
 * Row-level locking for this session (warden.conf row_locking = on): its
 * changes stay private until COMMIT, rows are locked one by one in the
 * lock manager as session SID, SERIAL# of instance INST.  0, or -1 with ERR.
 */
int eng_set_row_locking(eng_session *s, int inst, int sid, uint32_t serial, ora_error *err);
/*
 * The most SQLite may allocate in this process, in bytes (0 = no limit); an
 * allocation past it fails the statement with ORA-04036.  Process-wide.
 */
void eng_set_heap_limit(int64_t bytes);
/* What SQLite has allocated in this process now, in bytes (a counter: cheap). */
int64_t eng_heap_used(void);
/* The session's SID, for V$MYSTAT and SYS_CONTEXT. */
void eng_set_sid(eng_session *s, int sid);
/* How long a DDL waits for another transaction's lock on its table before ORA-00054 (0: not at
 * all, Oracle's default; ALTER SESSION SET DDL_LOCK_TIMEOUT). */
void eng_set_ddl_lock_timeout(eng_session *s, int seconds);
int eng_in_transaction(const eng_session *s);
/* The user whose privileges the session's statements run with: the session user, or the owner
 * of the definer's rights unit running (eng_definer_enter). */
const char *eng_user(const eng_session *s);
/*
 * Definer's rights: while a stored unit of OWNER runs, the session's SQL
 * resolves names in OWNER's schema and runs with OWNER's privileges - those
 * granted to OWNER itself and to PUBLIC, not its roles', as in Oracle.  The
 * session user (USER, SYS_CONTEXT's SESSION_USER) stays.  Returns what
 * eng_definer_leave restores, or NULL with ERR.
 */
typedef struct eng_definer eng_definer;
eng_definer *eng_definer_enter(eng_session *s, const char *owner, ora_error *err);
void eng_definer_leave(eng_session *s, eng_definer *saved);
struct ora_fn_ctx;
/* The session's state the SQL functions read: current schema, NLS settings, time zone
 * (ALTER SESSION changes it there). */
struct ora_fn_ctx *eng_fn_ctx(eng_session *s);
/* A date's or timestamp's storage text as a character value, as Oracle converts one: in the
 * session's NLS_DATE_FORMAT, or NLS_TIMESTAMP_FORMAT when it has a fraction.  0, or -1 when
 * TEXT is no datetime (OUT then holds it as given). */
int eng_datetime_text(eng_session *s, const char *text, buf *out);

/* Session-level transaction control (the COMMIT/ROLLBACK calls and statements). */
int eng_commit(eng_session *s, ora_error *err);
int eng_rollback(eng_session *s, ora_error *err);

/*
 * Parse SQL into a cursor.  Statements that are not SQLite work (users,
 * grants, ALTER SYSTEM ...) are parsed too; eng_cursor_kind tells which.
 */
eng_cursor *eng_prepare(eng_session *s, const char *sql, ora_error *err);
void eng_cursor_free(eng_cursor *c);
sql_kind eng_cursor_kind(const eng_cursor *c);
const sql_stmt *eng_cursor_stmt(const eng_cursor *c);
const char *eng_cursor_sql(const eng_cursor *c);
int eng_cursor_nbinds(const eng_cursor *c);
/* Does a DML of C tell the client the ROWID of the last row it changed: INSERT, UPDATE, DELETE
 * and MERGE do; a multitable INSERT does not, as in Oracle. */
int eng_cursor_reports_rowid(const eng_cursor *c);

/*
 * Execute with NVALUES bind values (NVALUES must equal the placeholder
 * count).  Queries: runs to the first row so the describe is known;
 * DML: *ROWS gets the affected row count.  Returns 0 or -1 with ERR.
 */
int eng_execute(eng_session *s, eng_cursor *c, const eng_value *values, int nvalues,
                uint64_t *rows, ora_error *err);

/*
 * Describe a query without running it (a parse-only call): declared column
 * types; expressions, whose type comes from their values, as VARCHAR2.
 * Nothing to do for other statements.
 */
int eng_describe(eng_session *s, eng_cursor *c, ora_error *err);
/*
 * The last row the last DML statement changed: its table's data object
 * number and its rowid.  0, or -1 when it changed none.
 */
int eng_last_rowid(eng_session *s, uint32_t *object, int64_t *rowid);
/* Column I of query C is a table's ROWID (the translator's hint): that table's data object
 * number, else 0. */
uint32_t eng_rowid_object(eng_cursor *c, int i);
/* DML ... RETURNING ... INTO: how many of the statement's binds (its last) are INTO binds;
 * after an execute, the rows it returned (*NROWS rows of that many values). */
int eng_returning_count(const eng_cursor *c);
const eng_value *eng_returned_rows(eng_cursor *c, int *nrows);
/* Returned value K of row ROW as a column of the DML's table: the column's name, the table in
 * *TABLE and the row's ROWID; NULL when it is an expression or the row was deleted. */
const char *eng_returned_origin(eng_cursor *c, int row, int k, const sql_object_name **table,
                                int64_t *rowid);

/* Query results. */
int eng_column_count(const eng_cursor *c);
const eng_column *eng_columns(const eng_cursor *c);
/* Did the last execute describe the query differently from the one before (or first)? */
int eng_describe_changed(const eng_cursor *c);
/* 1 = a row is current, 0 = no more rows, -1 = error (ERR). */
int eng_next_row(eng_session *s, eng_cursor *c, ora_error *err);
uint64_t eng_rows_fetched(const eng_cursor *c);
/* The current row's column I as stored (eng_cell.h). */
void eng_value_cell(eng_cursor *c, int i, eng_cell *out);
/* 1 when the current row's column I is known to hold what the row before it held, without
 * reading either (a plain V$ scan knows; other rows say 0: not known). */
int eng_value_repeats(eng_cursor *c, int i);
/* SELECT ... FOR UPDATE of one table (row locking): column I of the current row is column
 * (the name returned) of row *ROWID of *TABLE, locked by the query; NULL for anything else. */
const char *eng_column_row(eng_cursor *c, int i, const sql_object_name **table, int64_t *rowid);
/* A cursor expression's column K (T_CURSOR) of query C: its subquery's cursor for C's current
 * row, prepared and executed with the row's values of its outer references.  NULL with ERR. */
eng_cursor *eng_open_nested(eng_session *s, eng_cursor *c, int k, ora_error *err);
/* Put the current row back: the next eng_next_row returns it again (look-ahead). */
void eng_unfetch(eng_cursor *c);
/* The current row's column I: NULL pointer for SQL NULL, else NUL-terminated text (numbers as decimal). */
const char *eng_value_text(eng_cursor *c, int i, int *len);

/*
 * Catalog work (users, grants) is DDL: it commits the open transaction, then
 * runs on the session's connection with the authorizer opened for Warden's
 * own tables until eng_catalog_end.  Returns the connection, or NULL + ERR.
 */
struct sqlite3 *eng_catalog_begin(eng_session *s, ora_error *err);
void eng_catalog_end(eng_session *s);
/* Reading Warden's own tables (a stored unit's text) inside whatever the session is doing:
 * no commit; the authorizer lets them through until eng_catalog_read_end. */
struct sqlite3 *eng_catalog_read_begin(eng_session *s);
void eng_catalog_read_end(eng_session *s);
/*
 * Does the session hold the system privilege PRIV ("CREATE USER") directly
 * or through a role?  Direct grants count at once; roles, as in Oracle, as
 * they were at logon.  PRIV "SYSDBA" / "SYSOPER": is this the session's
 * logon mode?
 */
int eng_has_privilege(eng_session *s, const char *priv);
/* Does the session hold the object privilege PRIV ("EXECUTE") on OWNER.NAME, granted to its
 * user, to PUBLIC or to a role enabled at logon (as of its grants read now)? */
int eng_has_object_privilege(eng_session *s, const char *owner, const char *name,
                             const char *priv);
/* Roll back to / set a named savepoint inside the open transaction. */
int eng_savepoint(eng_session *s, const char *name, int rollback_to, ora_error *err);

#endif
