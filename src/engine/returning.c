/*
 * returning.c - the values of DML ... RETURNING ... INTO (see engine_internal.h):
 * run the translator's BEFORE and AFTER queries around the DML and keep
 * what they return as bind values for the server to send.  Numbers go as
 * their decimal text, dates as their storage text, RAW as hex text, as the
 * server's OUT binds take them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/hex.h"
#include "decltype.h"
#include "engine_internal.h"

struct returning {
    sqlite3 *db;
    const sql_sqlite_stmt *q;
    sqlite3_stmt *before, *after;
    int64_t *rowids; /* UPDATE: the rows BEFORE found */
    int nrowids, cap_rowids;
    eng_value *values; /* nrows * q->nreturning; their texts are in TEXT at OFFS */
    size_t *offs;
    int64_t *row_rowids; /* nrows: the row each came from (AFTER), 0 for a deleted one */
    int nrows, cap_rows;
    buf text;
};

returning *returning_new(sqlite3 *db, const sql_sqlite_stmt *q)
{
    returning *r = xcalloc(1, sizeof *r);
    r->db = db;
    r->q = q;
    buf_init(&r->text);
    return r;
}

void returning_free(returning *r)
{
    if (!r) return;
    sqlite3_finalize(r->before);
    sqlite3_finalize(r->after);
    free(r->rowids);
    free(r->values);
    free(r->offs);
    free(r->row_rowids);
    buf_free(&r->text);
    free(r);
}

static int fail(returning *r, int rc, ora_error *err)
{
    sql_map_sqlite_error(NULL, NULL, rc, sqlite3_errmsg(r->db), -1, err);
    return -1;
}

/* SQL prepared into *ST once. */
static int prepared(returning *r, const char *sql, sqlite3_stmt **st, ora_error *err)
{
    if (*st || !sql) return 0;
    int rc = sqlite3_prepare_v2(r->db, sql, -1, st, NULL);
    return rc == SQLITE_OK ? 0 : fail(r, rc, err);
}

/* The statement's N input values V bound to ST by their numbers (its rowid parameter aside). */
static int bind_inputs(returning *r, sqlite3_stmt *st, const eng_value *v, int n, ora_error *err)
{
    if (!st) return 0;
    sqlite3_reset(st);
    int rc = eng_bind_values(st, v, n, sqlite3_bind_parameter_index(st, SQL_RETURNING_ROWID));
    return rc == SQLITE_OK ? 0 : fail(r, rc, err);
}

int returning_bind(returning *r, const eng_value *v, int n, ora_error *err)
{
    if (prepared(r, r->q->returning_before, &r->before, err) < 0 ||
        prepared(r, r->q->returning_after, &r->after, err) < 0)
        return -1;
    if (bind_inputs(r, r->before, v, n, err) < 0) return -1;
    return bind_inputs(r, r->after, v, n, err);
}

/* Column I of ST as a bind value, its text appended to R's at *AT. */
static eng_value cell_value(returning *r, sqlite3_stmt *st, int i, size_t *at_out)
{
    eng_value v = {.is_null = 1};
    int type = sqlite3_column_type(st, i);
    if (type == SQLITE_NULL) return v;
    size_t at = *at_out = r->text.len;
    if (type == SQLITE_BLOB)
        hex_put(&r->text, sqlite3_column_blob(st, i), (size_t)sqlite3_column_bytes(st, i));
    else
        buf_put(&r->text, sqlite3_column_text(st, i), (size_t)sqlite3_column_bytes(st, i));
    buf_putc(&r->text, 0);
    v.is_null = 0;
    v.kind = type == SQLITE_TEXT ? ENG_VAL_TEXT : type == SQLITE_BLOB ? ENG_VAL_BLOB : ENG_VAL_NUMBER;
    const char *decl = sqlite3_column_decltype(st, i);
    if (type == SQLITE_TEXT && decl && (!strcmp(decl, "DATE") || !strncmp(decl, "TIMESTAMP", 9)))
        v.kind = ENG_VAL_DATE; /* a datetime column: a character bind gets it in NLS format */
    else if (type == SQLITE_TEXT && decl && decltype_exact_number(decl))
        v.kind = ENG_VAL_NUMBER; /* a NUMBER column keeps its value as decimal text */
    v.len = r->text.len - at - 1;
    return v;
}

/* The current row of ST: one returned row, of table row ROWID (0: none, it was deleted). */
static void add_row(returning *r, sqlite3_stmt *st, int64_t rowid)
{
    int n = r->q->nreturning;
    if (r->nrows == r->cap_rows) {
        r->cap_rows = r->cap_rows ? 2 * r->cap_rows : 4;
        r->values = xrealloc(r->values, sizeof *r->values * (size_t)(r->cap_rows * n));
        r->offs = xrealloc(r->offs, sizeof *r->offs * (size_t)(r->cap_rows * n));
        r->row_rowids = xrealloc(r->row_rowids, sizeof *r->row_rowids * (size_t)r->cap_rows);
    }
    r->row_rowids[r->nrows] = rowid;
    for (int i = 0, k = r->nrows * n; i < n; i++, k++)
        r->values[k] = cell_value(r, st, i, &r->offs[k]);
    r->nrows++;
}

static void add_rowid(returning *r, int64_t rowid)
{
    if (r->nrowids == r->cap_rowids) {
        r->cap_rowids = r->cap_rowids ? 2 * r->cap_rowids : 8;
        r->rowids = xrealloc(r->rowids, sizeof *r->rowids * (size_t)r->cap_rowids);
    }
    r->rowids[r->nrowids++] = rowid;
}

int returning_before(returning *r, ora_error *err)
{
    r->nrows = r->nrowids = 0;
    buf_reset(&r->text);
    if (!r->before) return 0;
    int updating = r->q->returning_after != NULL, rc;
    sqlite3_reset(r->before);
    while ((rc = sqlite3_step(r->before)) == SQLITE_ROW) {
        if (updating) add_rowid(r, sqlite3_column_int64(r->before, 0));
        else add_row(r, r->before, 0);
    }
    sqlite3_reset(r->before);
    return rc == SQLITE_DONE ? 0 : fail(r, rc, err);
}

/* Row ROWID's values by AFTER (none when the DML left no such row). */
static int read_after(returning *r, int64_t rowid, ora_error *err)
{
    sqlite3_reset(r->after);
    sqlite3_bind_int64(r->after, sqlite3_bind_parameter_index(r->after, SQL_RETURNING_ROWID), rowid);
    int rc = sqlite3_step(r->after);
    if (rc == SQLITE_ROW) add_row(r, r->after, rowid), rc = sqlite3_step(r->after);
    sqlite3_reset(r->after);
    return rc == SQLITE_DONE ? 0 : fail(r, rc, err);
}

int returning_after(returning *r, int64_t last_rowid, ora_error *err)
{
    if (r->q->returning_after) {
        if (prepared(r, r->q->returning_after, &r->after, err) < 0) return -1;
        if (!r->q->returning_before) { /* INSERT: its one row */
            if (read_after(r, last_rowid, err) < 0) return -1;
        } else {
            for (int i = 0; i < r->nrowids; i++)
                if (read_after(r, r->rowids[i], err) < 0) return -1;
        }
    }
    return 0;
}

const char *returning_origin(returning *r, int row, int k, int64_t *rowid)
{
    if (row < 0 || row >= r->nrows || !r->row_rowids[row] || !r->after) return NULL;
    *rowid = r->row_rowids[row];
    return sqlite3_column_origin_name(r->after, k);
}

const eng_value *returning_rows(returning *r, int *nrows)
{
    *nrows = r->nrows;
    for (int i = 0; i < r->nrows * r->q->nreturning; i++) /* the texts no longer move */
        if (!r->values[i].is_null) r->values[i].text = (const char *)r->text.data + r->offs[i];
    return r->values;
}
