/*
 * nested_cursors.c - the engine's side of cursor expressions, CURSOR(subquery)
 * in a query's select list (the translator's sql_cursor_expr, cursor_expr.c).
 *
 * Such a column is a NULL in the SQLite statement, described as a cursor;
 * the values its subquery needs from the row (the outer references and the
 * subquery's own binds) are hidden columns at the end of the statement.  For
 * each row the server asks for the column's cursor: the subquery's Oracle
 * text is prepared as a statement of its own and executed with the row's
 * hidden values as its binds.  At prepare each subquery is prepared once, so
 * that its errors (ORA-00904 for an outer column it names unqualified,
 * ORA-00942 ...) are the statement's, with offsets into its text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine_internal.h"

/* Statement column of cursor expression E among NCOLS columns, NHIDDEN of them hidden. */
static int expr_column(const sql_cursor_expr *e, int ncols, int nhidden)
{
    return e->from_end ? ncols - nhidden - 1 - e->column : e->column;
}

int nested_column(const sql_sqlite_stmt *q, int ncols, int i)
{
    if (!q->ncursor_exprs) return NESTED_NONE;
    if (i >= ncols - q->nhidden_values) return NESTED_HIDDEN;
    for (int k = 0; k < q->ncursor_exprs; k++)
        if (expr_column(&q->cursor_exprs[k], ncols, q->nhidden_values) == i) return k;
    return NESTED_NONE;
}

int nested_check(eng_session *s, eng_cursor *c, ora_error *err)
{
    const sql_sqlite_stmt *q = &eng_cursor_stmt(c)->sqlite;
    for (int k = 0; k < q->ncursor_exprs; k++) {
        eng_cursor *n = eng_prepare(s, q->cursor_exprs[k].query, err);
        if (!n) {
            err->offset += sql_char_offset(eng_cursor_sql(c), q->cursor_exprs[k].oracle_off);
            return -1;
        }
        eng_cursor_free(n);
    }
    return 0;
}

/* Statement cell CELL as a bind value V (numbers as decimal text in TEXT). */
static void cell_value(const eng_cell *cell, buf *text, eng_value *v)
{
    memset(v, 0, sizeof *v);
    buf_reset(text);
    switch (cell->kind) {
    case ENG_COL_NULL: v->is_null = 1; return;
    case ENG_COL_INT: buf_printf(text, "%lld", (long long)cell->i); break;
    case ENG_COL_REAL: buf_printf(text, "%.17g", cell->d); break;
    default: buf_put(text, cell->bytes, (size_t)cell->len); break;
    }
    v->kind = cell->kind == ENG_COL_BLOB ? ENG_VAL_BLOB
              : cell->kind == ENG_COL_TEXT ? ENG_VAL_TEXT
                                           : ENG_VAL_NUMBER;
    v->text = (const char *)buf_cstr(text);
    v->len = text->len;
}

eng_cursor *eng_open_nested(eng_session *s, eng_cursor *c, int k, ora_error *err)
{
    const sql_sqlite_stmt *q = &eng_cursor_stmt(c)->sqlite;
    int ncols = sqlite3_column_count(eng_cursor_sqlite(c));
    const int *map = eng_cursor_column_map(c);
    int which = k < eng_column_count(c) ? nested_column(q, ncols, map ? map[k] : k) : NESTED_NONE;
    if (which < 0) return ora_set(err, ORA_INTERNAL, 0, "no cursor expression"), NULL;
    const sql_cursor_expr *e = &q->cursor_exprs[which];
    int n = e->nvalues;
    eng_value *values = xcalloc((size_t)(n ? n : 1), sizeof *values);
    buf *texts = xcalloc((size_t)(n ? n : 1), sizeof *texts);
    for (int j = 0; j < n; j++) {
        eng_cell cell;
        eng_statement_cell(c, ncols - q->nhidden_values + e->first_value + j, &cell);
        buf_init(&texts[j]);
        cell_value(&cell, &texts[j], &values[j]);
    }
    eng_cursor *nested = eng_prepare(s, e->query, err);
    if (nested && eng_execute(s, nested, values, n, NULL, err) < 0) {
        eng_cursor_free(nested);
        nested = NULL;
    }
    for (int j = 0; j < n; j++) buf_free(&texts[j]);
    free(texts);
    free(values);
    return nested;
}
