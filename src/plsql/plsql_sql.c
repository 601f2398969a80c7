/*
 * plsql_sql.c - everything that runs through host->exec_sql: values of
 * host-evaluated expressions, DML and transaction control (SQL%ROWCOUNT),
 * SELECT ... INTO (ORA-01403 / ORA-01422), EXECUTE IMMEDIATE (SQL, or a
 * nested block), and the declared cursors OPEN / FETCH / CLOSE.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../sql/lexer.h"
#include "plsql_collection.h"

#define SELECT_INTO_ROWS 2 /* enough to tell one row from too many */

static void free_host_values(plsql_value *v, int n)
{
    plsql_values_free(v, n);
    free(v);
}

/* The values of N bind expressions as host values (*OUT allocated), leaving out those
 * SKIP flags (placeholders that became column names); *COUNT gets how many remain. */
static int eval_binds(pl_exec *ex, pl_expr *binds, int n, const uint8_t *skip, plsql_value **out,
                      int *count)
{
    plsql_value *v = xcalloc((size_t)(n ? n : 1), sizeof *v);
    int i = 0, k = 0;
    for (pl_expr *e = binds; e && i < n; e = e->next, i++) {
        pval x;
        if (skip && skip[i]) continue;
        if (pl_eval(ex, e, &x) < 0) {
            free_host_values(v, k);
            return -1;
        }
        pv_to_host(&x, &v[k++]);
        pv_free(&x);
    }
    *out = v;
    *count = k;
    return 0;
}

static plsql_value *host_values(const pval *vals, int n)
{
    plsql_value *v = xcalloc((size_t)(n ? n : 1), sizeof *v);
    for (int i = 0; i < n; i++)
        pv_to_host(&vals[i], &v[i]);
    return v;
}

/* host->exec_sql; a failure becomes the exception (interrupts: fatal). Takes BINDS. */
static int run(pl_exec *ex, const char *sql, plsql_value *binds, int n, int max_rows,
               plsql_rows *rows, uint64_t *affected)
{
    ora_error err;
    ora_clear(&err);
    memset(rows, 0, sizeof *rows);
    *affected = 0;
    int rc = ex->host->exec_sql
                 ? ex->host->exec_sql(ex->host->arg, sql, binds, n, max_rows, rows, affected, &err)
                 : ora_set(&err, ORA_UNIMPLEMENTED, 0);
    free_host_values(binds, n);
    if (rc == 0) return 0;
    plsql_rows_free(rows);
    if (!err.code) ora_set(&err, ORA_INTERNAL, 0, "exec_sql");
    return pl_raise_error(ex, &err);
}

/* The first column of the first row of a one-value query. */
static int scalar_query(pl_exec *ex, const char *sql, plsql_value *binds, int n, pval *out)
{
    plsql_rows rows;
    uint64_t affected;
    if (run(ex, sql, binds, n, 1, &rows, &affected) < 0) {
        if (!ex->fatal && ex->exc.code == ORA_INVALID_NUMBER)
            pl_raise(ex, 6502, ": character to number conversion error");
        return -1;
    }
    *out = rows.nrows > 0 && rows.ncols > 0 ? pv_from_host(&rows.values[0]) : pv_null();
    plsql_rows_free(&rows);
    return 0;
}

int pl_sql_value(pl_exec *ex, const char *sql, pl_expr *args, pval *out)
{
    int n = 0;
    for (pl_expr *a = args; a; a = a->next)
        n++;
    plsql_value *binds;
    if (eval_binds(ex, args, n, NULL, &binds, &n) < 0) return -1;
    return scalar_query(ex, sql, binds, n, out);
}

int pl_sql_value_of(pl_exec *ex, const char *sql, const pval *args, int nargs, pval *out)
{
    return scalar_query(ex, sql, host_values(args, nargs), nargs, out);
}

/* ---------------- names that are columns ---------------- */

/* The column names of TABLE (none when the host cannot say); -1 only for an interrupt. */
static int table_columns(pl_exec *ex, const char *table, plsql_rows *rows)
{
    uint64_t affected;
    buf sql;
    buf_init(&sql);
    buf_printf(&sql, "SELECT * FROM %s WHERE 1 = 0", table);
    int rc = run(ex, buf_cstr(&sql), NULL, 0, 1, rows, &affected);
    buf_free(&sql);
    return rc < 0 && ex->fatal ? -1 : 0;
}

static void mark_columns(const pl_sql *q, const plsql_rows *columns, uint8_t *is_column)
{
    for (int i = 0; i < q->nnames; i++)
        for (int c = 0; c < columns->ncols; c++)
            if (strcmp(q->names[i].name, columns->names[c]) == 0) is_column[q->names[i].bind] = 1;
}

/* Q's text with the placeholders flagged in IS_COLUMN replaced by their names. */
static char *text_with_columns(const pl_sql *q, const uint8_t *is_column)
{
    buf b;
    buf_init(&b);
    int pos = 0, k = 0;
    for (int i = 0; i < q->nbinds; i++) {
        char placeholder[16];
        int len = snprintf(placeholder, sizeof placeholder, ":%d", i + 1);
        buf_put(&b, q->text + pos, (size_t)(q->bind_offs[i] - pos));
        pos = q->bind_offs[i] + len;
        if (!is_column[i]) {
            buf_printf(&b, ":%d", ++k);
            continue;
        }
        for (int n = 0; n < q->nnames; n++)
            if (q->names[n].bind == i) buf_puts(&b, q->names[n].text);
    }
    buf_puts(&b, q->text + pos);
    return (char *)buf_cstr(&b);
}

/* At the first run: which variable names of Q are columns of its tables. */
static int resolve_columns(pl_exec *ex, const pl_sql *q, pl_sql_state *state)
{
    uint8_t *is_column = xcalloc((size_t)q->nbinds, 1);
    int any = 0;
    for (int t = 0; t < q->ntables; t++) {
        plsql_rows columns;
        if (table_columns(ex, q->tables[t], &columns) < 0) return free(is_column), -1;
        mark_columns(q, &columns, is_column);
        plsql_rows_free(&columns);
    }
    for (int i = 0; i < q->nbinds; i++)
        any |= is_column[i];
    state->resolved = 1;
    if (!any) return free(is_column), 0;
    state->is_column = is_column;
    state->text = text_with_columns(q, is_column);
    return 0;
}

/* Run embedded SQL Q with its binds. */
static int run_embedded(pl_exec *ex, const pl_sql *q, int max_rows, plsql_rows *rows,
                        uint64_t *affected)
{
    pl_sql_state *state = &ex->sql_states[q->id];
    if (q->nnames && q->ntables && !state->resolved && resolve_columns(ex, q, state) < 0) return -1;
    plsql_value *binds;
    int n;
    if (eval_binds(ex, q->binds, q->nbinds, state->is_column, &binds, &n) < 0) return -1;
    return run(ex, state->text ? state->text : q->text, binds, n, max_rows, rows, affected);
}

int pl_exec_sql(pl_exec *ex, const pl_stmt *st)
{
    plsql_rows rows;
    uint64_t affected;
    if (run_embedded(ex, &st->sql, 0, &rows, &affected) < 0) return -1;
    plsql_rows_free(&rows);
    ex->sql_rowcount = (int64_t)affected;
    return 0;
}

/* Row ROW of ROWS into the INTO list. */
/* A record (a %ROWTYPE variable, one of a RECORD type) INTO which a row goes whole: the
 * record (its type into *TYPE), or NULL. */
static pl_record *record_target(pl_exec *ex, const pl_stmt *st, const pl_type **type)
{
    const pl_target *t = st->target;
    if (st->ntargets != 1 || t->kind != TG_VAR || ex->prog->decls[t->slot]->type.kind != TY_RECORD)
        return NULL;
    *type = &ex->prog->decls[t->slot]->type;
    return &pl_slot_at(ex, t->slot)->rec;
}

/* ROW of ROWS into record REC of type T, field by field (each fitted to a RECORD type's). */
static int into_record(pl_exec *ex, pl_record *rec, const pl_type *t, const plsql_rows *rows,
                       int row)
{
    if (rows->ncols != rec->n) return pl_raise(ex, rows->ncols < rec->n ? 947 : 913);
    for (int i = 0; i < rec->n; i++) {
        pval v = pv_from_host(&rows->values[(size_t)row * (size_t)rows->ncols + (size_t)i]);
        if (t->record && v.kind != PLSQL_NULL && pl_conform(ex, &t->record->types[i], 0, &v) < 0)
            return pv_free(&v), -1;
        pv_move(&rec->vals[i], &v);
    }
    return 0;
}

static int into_targets(pl_exec *ex, const pl_stmt *st, const plsql_rows *rows, int row)
{
    const pl_type *type;
    pl_record *rec = record_target(ex, st, &type);
    if (rec) return into_record(ex, rec, type, rows, row);
    if (rows->ncols < st->ntargets) return pl_raise(ex, 947);
    if (rows->ncols > st->ntargets) return pl_raise(ex, 913);
    int i = 0;
    for (const pl_target *t = st->target; t; t = t->next, i++) {
        pval v = pv_from_host(&rows->values[(size_t)row * (size_t)rows->ncols + (size_t)i]);
        if (pl_assign(ex, t, &v) < 0) return -1;
    }
    return 0;
}

/* Exactly one row into the INTO list. */
static int single_row(pl_exec *ex, const pl_stmt *st, const plsql_rows *rows)
{
    ex->sql_rowcount = rows->nrows;
    if (rows->nrows == 0) return pl_raise(ex, ORA_NO_DATA_FOUND);
    if (rows->nrows > 1) return pl_raise(ex, 1422);
    return into_targets(ex, st, rows, 0);
}

int pl_exec_select_into(pl_exec *ex, const pl_stmt *st)
{
    plsql_rows rows;
    uint64_t affected;
    if (run_embedded(ex, &st->sql, st->bulk ? 0 : SELECT_INTO_ROWS, &rows, &affected) < 0)
        return -1;
    if (st->bulk) ex->sql_rowcount = rows.nrows;
    int rc = st->bulk ? pl_coll_bulk_rows(ex, st, &rows, 0, rows.nrows) : single_row(ex, st, &rows);
    plsql_rows_free(&rows);
    return rc;
}

static int execute_block(pl_exec *ex, const char *text, plsql_value *binds, int n)
{
    ora_error err;
    if (ex->dyn_depth >= PL_MAX_DYN_DEPTH) {
        free_host_values(binds, n);
        return pl_raise(ex, 36, "8");
    }
    int rc = pl_run_block(text, binds, n, ex->host, ex->dyn_depth + 1, &err);
    free_host_values(binds, n);
    return rc < 0 ? pl_raise_error(ex, &err) : 0;
}

/* The result of a dynamic statement: rows for INTO, or the count of rows changed. */
static int execute_result(pl_exec *ex, const pl_stmt *st, const plsql_rows *rows, uint64_t affected)
{
    if (st->target) return single_row(ex, st, rows);
    ex->sql_rowcount = rows->ncols > 0 ? rows->nrows : (int64_t)affected;
    return 0;
}

int pl_exec_execute(pl_exec *ex, const pl_stmt *st)
{
    pval text;
    plsql_value *binds;
    if (pl_eval(ex, st->value, &text) < 0) return -1;
    if (pl_to_text(ex, &text) < 0) return pv_free(&text), -1;
    if (text.kind == PLSQL_NULL) return pl_raise(ex, 6535, "EXECUTE IMMEDIATE");
    int nbinds;
    if (eval_binds(ex, st->args, st->nargs, NULL, &binds, &nbinds) < 0) return pv_free(&text), -1;
    int rc;
    if (sql_is_block(text.text)) { /* as sql_translate tells a block */
        rc = execute_block(ex, text.text, binds, st->nargs);
    } else {
        plsql_rows rows;
        uint64_t affected;
        rc = run(ex, text.text, binds, st->nargs, st->target ? SELECT_INTO_ROWS : 1, &rows,
                 &affected);
        if (rc == 0) rc = execute_result(ex, st, &rows, affected);
        plsql_rows_free(&rows);
    }
    pv_free(&text);
    return rc;
}

int pl_query_rows(pl_exec *ex, const pl_sql *q, plsql_rows *rows)
{
    uint64_t affected;
    return run_embedded(ex, q, 0, rows, &affected);
}

int pl_cursor_open(pl_exec *ex, int slot)
{
    pl_cursor *c = &pl_slot_at(ex, slot)->cur;
    if (c->is_open) return pl_raise(ex, 6511);
    if (pl_query_rows(ex, &ex->prog->decls[slot]->query, &c->rows) < 0) return -1;
    c->is_open = 1;
    c->next = 0;
    c->found = -1;
    return 0;
}

int pl_cursor_fetch(pl_exec *ex, const pl_stmt *st)
{
    pl_cursor *c = &pl_slot_at(ex, st->slot)->cur;
    if (!c->is_open) return pl_raise(ex, 1001);
    if (st->bulk) return pl_coll_bulk_fetch(ex, st, c);
    c->found = c->next < c->rows.nrows;
    if (!c->found) return 0;
    return into_targets(ex, st, &c->rows, c->next++);
}

int pl_cursor_close(pl_exec *ex, int slot)
{
    pl_cursor *c = &pl_slot_at(ex, slot)->cur;
    if (!c->is_open) return pl_raise(ex, 1001);
    plsql_rows_free(&c->rows);
    c->is_open = 0;
    c->found = -1;
    return 0;
}

/* ---- REF CURSORs: cursor variables whose queries the host keeps open ---- */

/* The cursor state of the variable E names (attributes), or NULL for a bind or an expression:
 * of the host cursor it holds now (a cursor it got from a call or an assignment starts
 * fresh). */
static pl_cursor *variable_cursor(pl_exec *ex, const pl_expr *e)
{
    if (!e || e->kind != EX_VAR) return NULL;
    return pl_refcursor_state(ex, e->slot);
}

pl_cursor *pl_refcursor_state(pl_exec *ex, int slot)
{
    pl_cursor *c = &pl_slot_at(ex, slot)->cur;
    const pval *v = &pl_slot_at(ex, slot)->v;
    const char *id = v->kind == PLSQL_CURSOR && v->text ? v->text : "";
    if (strcmp(c->ref, id) != 0) {
        snprintf(c->ref, sizeof c->ref, "%s", id);
        c->next = 0, c->found = -1;
    }
    c->is_open = *id != '\0';
    return c;
}

/* The host cursor E holds: 0 with *ID, or ORA-01001 (invalid cursor). */
static int cursor_id(pl_exec *ex, pl_expr *e, int64_t *id)
{
    pval v;
    if (pl_eval(ex, e, &v) < 0) return -1;
    int ok = v.kind == PLSQL_CURSOR && v.text;
    if (ok) *id = strtoll(v.text, NULL, 10);
    pv_free(&v);
    return ok ? 0 : pl_raise(ex, 1001);
}

int pl_refcursor_open(pl_exec *ex, const pl_stmt *st)
{
    if (!ex->host->cursor_open) return pl_raise(ex, ORA_UNIMPLEMENTED);
    pval text = pv_null();
    const char *sql;
    plsql_value *binds;
    int n;
    if (st->value) { /* OPEN cv FOR text USING ... */
        if (pl_eval(ex, st->value, &text) < 0) return -1;
        if (pl_to_text(ex, &text) < 0) return pv_free(&text), -1;
        if (text.kind == PLSQL_NULL) return pl_raise(ex, 6535, "OPEN");
        sql = text.text;
        if (eval_binds(ex, st->args, st->nargs, NULL, &binds, &n) < 0) return pv_free(&text), -1;
    } else {
        const pl_sql *q = &st->sql;
        pl_sql_state *state = &ex->sql_states[q->id];
        if (q->nnames && q->ntables && !state->resolved && resolve_columns(ex, q, state) < 0)
            return -1;
        if (eval_binds(ex, q->binds, q->nbinds, state->is_column, &binds, &n) < 0) return -1;
        sql = state->text ? state->text : q->text;
    }
    int64_t id;
    ora_error err;
    int rc = ex->host->cursor_open(ex->host->arg, sql, binds, n, &id, &err);
    free_host_values(binds, n);
    pv_free(&text);
    if (rc < 0) return pl_raise_error(ex, &err);
    char num[24];
    snprintf(num, sizeof num, "%lld", (long long)id);
    pval v = pv_take_text(PLSQL_CURSOR, xstrdup(num));
    if (pl_assign(ex, st->target, &v) < 0) return -1;
    if (st->target->kind == TG_VAR) pl_refcursor_state(ex, st->target->slot);
    return 0;
}

/* The next row of host cursor ID into *ROW: 1, 0 at its end, -1 raised. */
static int fetch_row(pl_exec *ex, int64_t id, plsql_rows *row)
{
    ora_error err;
    memset(row, 0, sizeof *row);
    int got = ex->host->cursor_fetch ? ex->host->cursor_fetch(ex->host->arg, id, row, &err) : 0;
    return got < 0 ? pl_raise_error(ex, &err) : got;
}

/* FETCH cv BULK COLLECT INTO ... [LIMIT n]: up to N rows (all without LIMIT) into *FETCHED. */
static int bulk_fetch_ref(pl_exec *ex, const pl_stmt *st, int64_t id, int64_t *fetched)
{
    int64_t limit;
    int rc = pl_coll_bulk_limit(ex, st, &limit), got = 1;
    while (rc == 0 && got > 0 && (limit < 0 || *fetched < limit)) {
        plsql_rows row;
        if ((got = fetch_row(ex, id, &row)) < 0) return -1;
        if (got && *fetched == 0) rc = pl_coll_bulk_start(ex, st, row.ncols);
        if (got && rc == 0) rc = pl_coll_bulk_row(ex, st, &row, 0, ++*fetched);
        if (rc == 0 && *fetched % 1000 == 0) rc = pl_safe_point(ex);
        plsql_rows_free(&row);
    }
    if (rc == 0 && *fetched == 0) rc = pl_coll_bulk_start(ex, st, st->ntargets);
    return rc < 0 ? -1 : limit >= 0 && *fetched == limit;
}

int pl_refcursor_fetch(pl_exec *ex, const pl_stmt *st)
{
    int64_t id, fetched = 0;
    if (cursor_id(ex, st->value, &id) < 0) return -1;
    plsql_rows row = {0};
    int got = st->bulk ? bulk_fetch_ref(ex, st, id, &fetched) : fetch_row(ex, id, &row);
    if (got < 0) return -1;
    pl_cursor *c = variable_cursor(ex, st->value);
    if (c) c->found = got, c->next += st->bulk ? fetched : got;
    int rc = got && !st->bulk ? into_targets(ex, st, &row, 0) : 0;
    plsql_rows_free(&row);
    return rc;
}

int pl_refcursor_close(pl_exec *ex, const pl_stmt *st)
{
    int64_t id;
    if (cursor_id(ex, st->value, &id) < 0) return -1;
    if (ex->host->cursor_close) ex->host->cursor_close(ex->host->arg, id);
    if (variable_cursor(ex, st->value)) {
        pv_free(&pl_slot_at(ex, st->value->slot)->v);
        pl_refcursor_state(ex, st->value->slot);
    }
    return 0;
}

/* ---- %ROWTYPE records ---- */

/* A variable of record type RT: its fields, all NULL. */
static void record_of_type(const pl_record_type *rt, pl_record *rec)
{
    rec->n = rt->nfields;
    rec->owns_names = 1;
    rec->names = xcalloc((size_t)(rt->nfields ? rt->nfields : 1), sizeof *rec->names);
    rec->vals = xcalloc((size_t)(rt->nfields ? rt->nfields : 1), sizeof *rec->vals);
    for (int i = 0; i < rt->nfields; i++) rec->names[i] = xstrdup(rt->names[i]);
}

int pl_rowtype_declare(pl_exec *ex, const pl_type *t, pl_record *rec)
{
    if (t->record) return record_of_type(t->record, rec), 0;
    if (!t->rowtype_table && !t->rowtype_cursor) return 0;
    plsql_rows rows = {0};
    uint64_t affected;
    int rc;
    if (t->rowtype_cursor) {
        rc = run_embedded(ex, &ex->prog->decls[t->rowtype_cursor - 1]->query, 1, &rows, &affected);
    } else {
        char sql[300];
        snprintf(sql, sizeof sql, "SELECT * FROM %s WHERE 1 = 0", t->rowtype_table);
        ora_error err;
        rc = ex->host->exec_sql(ex->host->arg, sql, NULL, 0, 1, &rows, &affected, &err);
        if (rc < 0) rc = pl_raise_error(ex, &err);
    }
    if (rc == 0) {
        rec->n = rows.ncols;
        rec->owns_names = 1;
        rec->names = xcalloc((size_t)(rows.ncols ? rows.ncols : 1), sizeof *rec->names);
        rec->vals = xcalloc((size_t)(rows.ncols ? rows.ncols : 1), sizeof *rec->vals);
        for (int i = 0; i < rows.ncols; i++) rec->names[i] = xstrdup(rows.names[i]);
    }
    plsql_rows_free(&rows);
    return rc;
}
