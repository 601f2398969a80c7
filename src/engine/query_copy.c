/*
 * query_copy.c - the statements that copy a query's rows into a table:
 * CREATE TABLE t AS query, with Oracle's column types, and INSERT ... query
 * of a table the session changed.
 *
 * SQLite's own CREATE TABLE ... AS SELECT declares the new columns by
 * affinity only ("NUM", "TEXT", or nothing), so a copy of a NUMBER, DATE or
 * VARCHAR2(10) column would lose its type: the describe would send numbers
 * and dates as text and the length and precision rules would be gone.
 * Oracle gives each new column the type of the query's column.  So the
 * engine runs CTAS as two statements in the DDL's transaction:
 *
 *   CREATE TABLE main."S.T" ("C1" type1, "C2" type2 ...)
 *   INSERT INTO main."S.T" SELECT "C1", "C2" ... FROM (query)
 *
 * where each type is what the query's column reads - a table column's
 * declared type and collation (CHAR's RTRIM), or for an expression a type
 * its first row's value fits (describe.c) - and the overlay's hidden rowid
 * column (a session's SELECT * of a table it changed) is left out.
 *
 * The same hidden column would make INSERT INTO t SELECT * FROM s, with s a
 * table the session changed (s is then the overlay's view, with one column
 * more), fail with too many values: such an INSERT's query is wrapped as
 * SELECT "C1", "C2" ... FROM (query).
 */
#include <string.h>

#include "../common/buf.h"
#include "engine_internal.h"
#include "overlay_ddl.h"

/* "C1" TYPE1, "C2" TYPE2 ... of QUERY's columns (its first row stepped to if any) into DEFS
 * (when not NULL), and "C1", "C2" ... into NAMES, leaving out the overlay's rowid (*HIDDEN: it
 * was there).  An SQLite result code. */
static int column_definitions(sqlite3 *db, const char *query, buf *defs, buf *names, int *hidden)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db, query, -1, &st, NULL);
    if (rc != SQLITE_OK) return rc;
    rc = defs ? sqlite3_step(st) : SQLITE_DONE;
    int have_row = rc == SQLITE_ROW, first = 1;
    *hidden = 0;
    if (rc == SQLITE_ROW || rc == SQLITE_DONE) rc = SQLITE_OK;
    for (int i = 0; rc == SQLITE_OK && i < sqlite3_column_count(st); i++) {
        const char *name = sqlite3_column_name(st, i);
        if (ovl_is_rowid_column(name)) {
            *hidden = 1;
            continue;
        }
        const char *sep = first ? "" : ", ";
        first = 0;
        if (defs) {
            buf_puts(defs, sep);
            buf_put_quoted(defs, name, '"');
            buf_putc(defs, ' ');
            eng_ctas_column_type(st, i, have_row, defs);
        }
        buf_puts(names, sep);
        buf_put_quoted(names, name, '"');
    }
    sqlite3_finalize(st);
    return rc;
}

static int exec(sqlite3 *db, buf *sql)
{
    return sqlite3_exec(db, buf_cstr(sql), NULL, NULL, NULL);
}

int ctas_run(sqlite3 *db, const char *table, const char *query)
{
    buf defs, names, sql;
    buf_init(&defs);
    buf_init(&names);
    buf_init(&sql);
    int hidden;
    int rc = column_definitions(db, query, &defs, &names, &hidden);
    if (rc == SQLITE_OK) {
        buf_puts(&sql, "CREATE TABLE main.");
        buf_put_quoted(&sql, table, '"');
        buf_printf(&sql, " (%s)", buf_cstr(&defs));
        rc = exec(db, &sql);
    }
    if (rc == SQLITE_OK) {
        buf_reset(&sql);
        buf_puts(&sql, "INSERT INTO main.");
        buf_put_quoted(&sql, table, '"');
        buf_printf(&sql, " SELECT %s FROM (%s)", buf_cstr(&names), query);
        rc = exec(db, &sql);
    }
    buf_free(&defs);
    buf_free(&names);
    buf_free(&sql);
    return rc;
}

int insert_query_text(sqlite3 *db, const char *sql, int query_at, buf *out)
{
    buf names;
    buf_init(&names);
    int hidden;
    int rc = column_definitions(db, sql + query_at, NULL, &names, &hidden);
    if (rc == SQLITE_OK && hidden)
        buf_printf(out, "%.*s SELECT %s FROM (%s)", query_at, sql, buf_cstr(&names), sql + query_at);
    buf_free(&names);
    return rc == SQLITE_OK && hidden;
}
