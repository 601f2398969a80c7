/*
 * engine_internal.h - what the engine's own files share with each other and
 * nobody else: raw cursor access for the describe logic.
 */
#ifndef WARDEN_ENGINE_INTERNAL_H
#define WARDEN_ENGINE_INTERNAL_H

#include <sqlite3.h>

#include "engine.h"

sqlite3_stmt *eng_cursor_sqlite(eng_cursor *c);
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

/*
 * describe.c: build the Oracle describe of a query; with STEP, run it to its
 * first row first, so that expression columns are typed by their values.
 */
int eng_describe_query(eng_session *s, eng_cursor *c, int step, ora_error *err);
/* describe.c: Oracle type of a declared SQLite column type ("NUMBER(10,2)"...). */
void eng_column_from_decltype(const char *decl, eng_column *col);

#endif
