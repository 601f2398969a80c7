/*
 * engine_internal.h - what the engine's own files share with each other and
 * nobody else: raw cursor access for the describe logic.
 */
#ifndef WARDEN_ENGINE_INTERNAL_H
#define WARDEN_ENGINE_INTERNAL_H

#include <sqlite3.h>

#include "engine.h"

sqlite3_stmt *eng_cursor_sqlite(eng_cursor *c);
/* Bind V as parameter I of ST as the engine binds values (numbers as numbers). */
int eng_bind_value(sqlite3_stmt *st, int i, const eng_value *v);
/* The statement's input values V[0..N) bound to ST's parameters ?1 .. ?N that it has (a
 * statement of several takes those it names), parameter SKIP aside (0: none).  SQLite's code. */
int eng_bind_values(sqlite3_stmt *st, const eng_value *v, int n, int skip);
/* The describe COLS (N of them) of C's statement as prepared PREPARES times over; MAP[k] is the
 * statement's column of describe column k (hidden columns are left out). Takes COLS and MAP. */
void eng_cursor_set_columns(eng_cursor *c, eng_column *cols, int n, int prepares, int *map);
/* Describe column k is the statement's column map[k]. */
const int *eng_cursor_column_map(const eng_cursor *c);
/* C's describe if it was made of its statement as prepared PREPARES times over; else NULL. */
eng_column *eng_cursor_described(eng_cursor *c, int prepares);
/* The kept describe was changed (an expression column's type followed its new first value). */
void eng_cursor_describe_changed(eng_cursor *c);
int eng_step_first(eng_session *s, eng_cursor *c, ora_error *err);
/* The current row's statement column I (hidden ones too), as eng_value_cell reads it. */
void eng_statement_cell(eng_cursor *c, int i, eng_cell *out);

/*
 * nested_cursors.c: cursor expressions (sql_cursor_expr).  nested_column: what statement
 * column I (of NCOLS) of query Q is - the index of the cursor expression it is, NESTED_HIDDEN
 * for a value behind one, NESTED_NONE for an ordinary column.  nested_check: at prepare,
 * each cursor expression's subquery of C prepares (0), or ERR says why not (-1).
 */
enum { NESTED_NONE = -1, NESTED_HIDDEN = -2 };
int nested_column(const sql_sqlite_stmt *q, int ncols, int i);
int nested_check(eng_session *s, eng_cursor *c, ora_error *err);

/*
 * returning.c: DML ... RETURNING e1, ... INTO :b1, ...: the values the
 * statement's last binds get, one row per row it changed.  The translator
 * (sql_sqlite_stmt) gives two queries on the DML's target: BEFORE runs
 * ahead of the DML with the DML's own binds, in the same statement
 * savepoint and snapshot - a DELETE reads the values of the rows it is
 * about to delete, an UPDATE their rowids; AFTER reads one row's values by
 * rowid once the DML ran: each row an UPDATE changed, or the row an INSERT
 * made.  Through the session's connection both read the session's own
 * changes (its overlays), as the DML does.  A statement that runs again (a
 * restart on a newer snapshot) starts its rows over.
 */
typedef struct returning returning;

/* For Q's RETURNING (Q->nreturning > 0), on DB: its queries are prepared on first use. */
returning *returning_new(sqlite3 *db, const sql_sqlite_stmt *q);
void returning_free(returning *r);
/* The DML's input binds (its first N values), for BEFORE. 0, or -1 with ERR. */
int returning_bind(returning *r, const eng_value *v, int n, ora_error *err);
/* Before the DML: forget earlier rows, run BEFORE. 0, or -1 with ERR. */
int returning_before(returning *r, ora_error *err);
/* After the DML: the rows' values (INSERT: row LAST_ROWID). 0, or -1 with ERR. */
int returning_after(returning *r, int64_t last_rowid, ora_error *err);
/* The rows: *NROWS rows of nreturning values each, row by row. */
const eng_value *returning_rows(returning *r, int *nrows);
/* The table column returned value K of row ROW is, and that row's ROWID; NULL when it is no
 * column, or the row was deleted. */
const char *returning_origin(returning *r, int row, int k, int64_t *rowid);


/*
 * dml_steps.c: a DML statement SQLite runs as several (sql_sqlite_stmt.text.nstatements > 1:
 * MERGE, INSERT ALL | FIRST) - the statements after the first.  dml_steps_prepare prepares
 * each of REST with PREPARE (the engine's, which knows stored functions) into *OUT (the steps
 * it had are freed): SQLITE_OK or the failing one's code.  dml_steps_bind resets each and
 * binds the first N of V, as many as it takes.  dml_merge_table makes MERGE's bookkeeping
 * table temp."ws$merge" if the session has none (an SQLite code).
 */
typedef struct dml_steps dml_steps;
typedef int (*dml_prepare_fn)(void *arg, const char *sql, sqlite3_stmt **st, const char **tail);
int dml_steps_prepare(dml_steps **out, const char *rest, dml_prepare_fn prepare, void *arg);
void dml_steps_free(dml_steps *d);
int dml_steps_count(const dml_steps *d);
sqlite3_stmt *dml_steps_stmt(const dml_steps *d, int i);
/* Where step I begins in the text given to dml_steps_prepare (-1: the one that failed to
 * prepare), for the offsets of SQLite's errors. */
int dml_steps_offset(const dml_steps *d, int i);
int dml_steps_bind(dml_steps *d, const eng_value *v, int n);
int dml_merge_table(sqlite3 *db);

/*
 * unit_functions.c: stored functions as SQL functions of the session's
 * connection.  unit_function_missing: is SQLite's error MSG "no such
 * function: NAME"?  Then NAME (SIZE bytes) and 1.  unit_function_define:
 * make NAME a function of DB (any number of arguments) whose calls go to H.
 */
int unit_function_missing(const char *msg, char *name, size_t size);
int unit_function_define(sqlite3 *db, const char *name, const eng_function_host *h);

/*
 * sequence_values.c: NEXTVAL and CURRVAL as the SQL functions ORA_NEXTVAL /
 * ORA_CURRVAL(owner, name) of connection DB.  MAY_USE(ARG, OWNER, NAME) says
 * whether the session may use sequence OWNER.NAME (else ORA-02289); CATALOG(ARG,
 * 1 / 0) opens and closes the session's access to the dictionary's own
 * tables around a look-up.  NULL when the functions could not be made.
 */
typedef struct sequence_session sequence_session;
sequence_session *sequence_values_open(sqlite3 *db,
                                       int (*may_use)(void *arg, const char *owner,
                                                      const char *name),
                                       void (*catalog)(void *arg, int on), void *arg);
void sequence_values_close(sequence_session *q);

/*
 * describe.c: build the Oracle describe of a query; with STEP, run it to its
 * first row first, so that expression columns are typed by their values.
 */
int eng_describe_query(eng_session *s, eng_cursor *c, int step, ora_error *err);
/* The type a select-list column that is bind N alone (from 1) has by the last execute's value
 * (a DATE, TIMESTAMP or INTERVAL bind), or NULL: the value's own describe. */
const eng_column *eng_cursor_bind_type(const eng_cursor *c, int n);
/* describe.c: the type of bind value V as a column (ora_type 0 when its value describes it). */
void eng_column_from_bind(const eng_value *v, eng_column *col);
/* describe.c: Oracle type of a declared SQLite column type ("NUMBER(10,2)"...). */
void eng_column_from_decltype(const char *decl, eng_column *col);
/* query_copy.c: CREATE TABLE TABLE (its SQLite name) AS QUERY (SQLite text) with the query's
 * column types, and its rows: an SQLite result code (the message in DB). */
int ctas_run(sqlite3 *db, const char *table, const char *query);
/* query_copy.c: INSERT ... QUERY (SQL, the query from byte QUERY_AT) with the query's columns
 * named, the overlay's hidden rowid left out, into OUT: 1 when the query has that column (OUT
 * is then the text to prepare), 0 when SQL is right as it is (or its query fails: the
 * statement's prepare reports why). */
int insert_query_text(sqlite3 *db, const char *sql, int query_at, buf *out);
/* describe.c: the column definition CREATE TABLE ... AS SELECT gives result column I of ST
 * ("TYPE [COLLATE c] [NOT NULL]", appended to OUT): the declared type, collation and NOT NULL
 * of the table column it reads, else a type its first row's value fits (HAVE_ROW), else
 * VARCHAR2(4000). */
void eng_ctas_column_type(sqlite3_stmt *st, int i, int have_row, buf *out);

#endif
