/*
 * calls.c - the SQL calls: execute (94), re-execute (4, 78) and fetch (5).
 *
 * Every call is handled in two steps: the request is read whole (header,
 * SQL text, bind metadata and one row of bind values per execution; see
 * call_binds.c), and only then is anything run, so that a request Warden
 * cannot serve is still consumed to its end and answered, and the next call
 * gets its own reply.  Requests are parsed as node-oracledb and
 * python-oracledb send them for TTC field version 12 (docs/design.md, Oracle
 * Net).
 *
 * Replies: a query's first one carries the describe and up to the prefetch
 * count of rows, one row of look-ahead telling whether rows remain (ORA-01403
 * ends the result set).  An execute without the EXECUTE option only parses
 * (and describes a query): node-oracledb's getStatementInfo(),
 * python-oracledb's cursor.parse().  DML runs once per execution (the
 * iteration count, or one per bind row), collecting per-row counts and,
 * with batch errors, the failed rows; PL/SQL does too, and sends the values
 * of its OUT binds (IO_VECTOR, then one ROW_DATA per execution).  Every
 * call ends with exactly one ERROR message carrying the cursor id, the row
 * count, the last changed row's ROWID and the error if any.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calls.h"

#include "../common/ora_types.h"
#include "../sga/clock.h"
#include "../engine/ora_functions.h"
#include "../net/ttc_msg.h"
#include "../net/ttc_rows.h"
#include "call_binds.h"
#include "commands.h"
#include "cursor_values.h"
#include "cursors.h"
#include "interrupts.h"
#include "lobs.h"
#include "plsql_host.h"
#include "replies.h"
#include "session_state.h"
#include "sql_trace.h"
#include "wire_values.h"

#define MAX_BINDS 65535 /* Oracle's limit; more is ORA-01745 */
#define MAX_BATCH_ERRORS 65535

/* What an execute request (94) asks for. */
typedef struct exec_request {
    uint64_t options;  /* TTC_EXEC_* */
    uint64_t cursor_id;
    uint64_t prefetch; /* rows to send with a query's first reply */
    uint64_t executions;
    uint64_t dml_options; /* al8i4[9]: TTC_DML_ROW_COUNTS ... */
    int has_sql;
    buf sql;
    int nbinds, ndefines;
    bind_meta *meta; /* nbinds, then the ndefines defines */
    bind_rows rows;
    ora_error refused; /* read whole, but not to be served */
} exec_request;

/* How one run of a cursor goes: the options of the call that runs it. */
typedef struct run_options {
    uint64_t executions; /* iteration count (DML, PL/SQL) */
    uint64_t prefetch;   /* rows of a query to send now */
    int fetch, commit;
    int parse_only;   /* describe, do not execute */
    int define_only;  /* the client defines the columns of a query it executed: no new run */
    int execute;      /* the request asked to execute (a REF CURSOR's fetch does not) */
    int batch_errors; /* array DML goes on past failed rows, reporting them */
    int row_counts;   /* array DML reports each execution's row count */
} run_options;

enum { TTC_EXEC_BATCH_ERRORS = 0x80000, TTC_DML_ROW_COUNTS = 0x4000 };

/* ---- responses ---- */

/* How the client wants column I: its define, or NULL (as described). */
static const bind_meta *column_define(const server_cursor *c, int i)
{
    return i < c->ndefines && c->defines[i].ora_type ? &c->defines[i] : NULL;
}

/* Column I of cursor ID's current row; a cursor expression's opens its cursor (the cursor
 * table may move: callers take their cursor again by its id). */
static int write_column(session *s, buf *out, int id, int i, ora_error *e)
{
    server_cursor *c = &s->cursors[id];
    if (eng_columns(c->ec)[i].ora_type == T_CURSOR) return cursor_put_nested(s, out, id, i, e);
    return wire_write_column(s, out, c->ec, i, column_define(c, i), e);
}

/* Whether column I's value may be left out of a row that repeats it (ttc_rows.h): not when
 * each row's is a new object, a LOB's locator or a cursor expression's cursor. */
static int column_repeatable(const server_cursor *c, int i)
{
    const bind_meta *def = column_define(c, i);
    uint8_t type = def ? def->ora_type : eng_columns(c->ec)[i].ora_type;
    return type != T_CURSOR && type != T_CLOB && type != T_BLOB;
}

/* Up to MAX rows of cursor ID, then the end-of-call message (0 or ORA-01403). */
static void write_rows(session *s, buf *out, int cursor_id, uint64_t max)
{
    eng_cursor *ec = s->cursors[cursor_id].ec;
    ora_error e;
    ora_clear(&e);
    int ncols = eng_column_count(ec);
    ttc_rows rows;
    ttc_rows_init(&rows, ncols);
    for (int i = 0; i < ncols; i++)
        if (!column_repeatable(&s->cursors[cursor_id], i)) ttc_rows_always_send(&rows, i);
    uint64_t sent = 0;
    int rc = 0;
    while (sent < max && (rc = eng_next_row(s->eng, ec, &e)) == 1) {
        if (sent == 0) ttc_write_row_header(out);
        size_t mark = out->len;
        ttc_rows_begin(&rows, out);
        for (int i = 0; i < ncols && rc == 1; i++) {
            if (eng_value_repeats(ec, i) && ttc_rows_repeat(&rows, i)) continue;
            size_t start = out->len;
            if (write_column(s, out, cursor_id, i, &e) < 0) rc = -1;
            else ttc_rows_column(&rows, out, i, start);
        }
        if (rc < 0) {
            out->len = mark;
            ttc_rows_abandon(&rows);
            break;
        }
        ttc_rows_end(&rows, out);
        sent++;
    }
    ttc_rows_free(&rows);
    if (rc == 1 && sent == max) { /* look ahead: is there more? */
        rc = eng_next_row(s->eng, ec, &e);
        if (rc == 1) eng_unfetch(ec);
    }
    if (rc == 0 && !e.code) ora_set(&e, ORA_NO_DATA_FOUND, 0);
    reply_end_call(s, out, (uint16_t)cursor_id, eng_rows_fetched(ec), &e);
}

static void reply_error(session *s, buf *out, int cursor_id, const ora_error *e)
{
    reply_end_call(s, out, (uint16_t)cursor_id, 0, e);
}

/* ---- queries ---- */

/* A query with LOB columns the client has not defined yet: the drivers define them after the
 * describe (as locators, or inline), so its rows wait for the fetch calls. */
static int rows_wait_for_defines(const server_cursor *c)
{
    if (c->ndefines) return 0;
    const eng_column *cols = eng_columns(c->ec);
    for (int i = 0; i < eng_column_count(c->ec); i++)
        if (cols[i].ora_type == T_CLOB || cols[i].ora_type == T_BLOB) return 1;
    return 0;
}

static void run_query(session *s, int id, server_cursor *c, const bind_rows *b,
                      const run_options *o, buf *out)
{
    ora_error e;
    ora_clear(&e);
    if (c->refcursor && !o->execute) { /* PL/SQL ran it: the client fetches (or defines its LOB
                                        * columns, and takes that call's rows as its first) */
        if ((o->fetch || o->define_only) && o->prefetch) write_rows(s, out, id, o->prefetch);
        else reply_end_call(s, out, (uint16_t)id, 0, NULL);
        return;
    }
    if (o->define_only) { /* the defines came (keep_binds): the executed query goes on */
        if (c->executed && o->fetch && o->prefetch) write_rows(s, out, id, o->prefetch);
        else reply_end_call(s, out, (uint16_t)id, 0, NULL);
        return;
    }
    cursor_close_nested(s, (uint64_t)id); /* its rows' cursors go with the run before */
    int rc = o->parse_only ? eng_describe(s->eng, c->ec, &e)
                           : eng_execute(s->eng, c->ec, b->values, b->nrows ? b->nbinds : 0,
                                         NULL, &e);
    if (rc < 0) {
        if (!o->parse_only) sql_trace_execute_end(s, id, 0, &e);
        return reply_error(s, out, id, &e);
    }
    c = &s->cursors[id]; /* a stored function the query called may have opened cursors */
    /* The client keeps a describe: it comes again only when it changed. */
    if (!c->described || eng_describe_changed(c->ec)) cursor_write_describe(s, out, c->ec);
    c->described = 1;
    c->executed = !o->parse_only;
    eng_cursor *ec = c->ec;
    if (c->executed && o->fetch && o->prefetch && !rows_wait_for_defines(c))
        write_rows(s, out, id, o->prefetch);
    else reply_end_call(s, out, (uint16_t)id, 0, NULL);
    session_state_statement_done(s, eng_rows_fetched(ec));
    if (!o->parse_only) sql_trace_execute_end(s, id, eng_rows_fetched(ec), NULL);
}

/* ---- DML ---- */

/* What an array execute collects on its way: row counts, failed rows. */
typedef struct dml_result {
    uint64_t total;
    uint64_t *counts; /* per execution (row counts) */
    int ncounts;
    ttc_batch_error *errors;
    char (*texts)[ORA_MSG_MAX];
    int nerrors;
} dml_result;

static void dml_result_free(dml_result *d)
{
    free(d->counts);
    free(d->errors);
    free(d->texts);
}

static void note_batch_error(dml_result *d, int row, const ora_error *e)
{
    if (d->nerrors >= MAX_BATCH_ERRORS) return;
    if ((d->nerrors & (d->nerrors - 1)) == 0) { /* 0, 1, 2, 4 ...: room for twice as many */
        size_t cap = d->nerrors ? (size_t)d->nerrors * 2 : 1;
        d->errors = xrealloc(d->errors, cap * sizeof *d->errors);
        d->texts = xrealloc(d->texts, cap * sizeof *d->texts);
        for (int i = 0; i < d->nerrors; i++) d->errors[i].text = d->texts[i]; /* moved */
    }
    int k = d->nerrors++;
    memcpy(d->texts[k], e->msg, sizeof d->texts[k]);
    d->errors[k] = (ttc_batch_error){.row = (uint32_t)row, .code = e->code, .text = d->texts[k]};
}

/*
 * Each execution with its bind row (or the iteration count without binds).
 * Without batch errors the first failure ends the call (the rows before it
 * stay done, as in Oracle); with them, it is noted and the next row runs,
 * unless the call itself is being ended (a cancel, a kill: interrupts.c).
 */
/* Returned value K of row ROW to bind M: a LOB that is a column of a row the DML left is a
 * locator of that row, which the client may write through. */
static int write_returned_value(session *s, buf *out, server_cursor *c, const bind_meta *m,
                                const eng_value *v, int row, int k, ora_error *e)
{
    plsql_value pv = {.kind = v->is_null               ? PLSQL_NULL
                              : v->kind == ENG_VAL_BLOB ? PLSQL_RAW
                              : v->kind == ENG_VAL_DATE ? PLSQL_DATE
                                                        : PLSQL_TEXT,
                      .text = (char *)v->text};
    const sql_object_name *table;
    int64_t rowid;
    const char *column = !v->is_null && (m->ora_type == T_CLOB || m->ora_type == T_BLOB)
                             ? eng_returned_origin(c->ec, row, k, &table, &rowid)
                             : NULL;
    if (!column) return wire_write_returned(s, out, m, &pv, e);
    return wire_write_row_lob(s, out, m, &pv, table, eng_fn_ctx(s->eng)->schema, column, rowid, e);
}

/* DML ... RETURNING ... INTO: the rows the execute returned, to the INTO binds (the last
 * ones): for each, the number of rows and each row's value. */
static int write_returned(session *s, buf *out, server_cursor *c, ora_error *e)
{
    int n = eng_returning_count(c->ec), nrows;
    if (!n) return 0;
    if (c->nbinds < n) return ora_set(e, 1008, 0); /* not all variables bound */
    const eng_value *rows = eng_returned_rows(c->ec, &nrows);
    ttc_put_u8(out, TTC_MSG_ROW_DATA);
    for (int k = 0; k < n; k++) {
        const bind_meta *m = &c->binds[c->nbinds - n + k];
        ttc_put_ub(out, (uint64_t)nrows);
        for (int row = 0; row < nrows; row++) {
            if (write_returned_value(s, out, c, m, &rows[row * n + k], row, k, e) < 0) return -1;
        }
    }
    return 0;
}

/* Cursor ID is taken again after each execution: a stored function the statement calls may
 * open cursors, which may move the cursor table. */
static int run_dml(session *s, int id, const bind_rows *b, const run_options *o, buf *out,
                   dml_result *d, ora_error *e)
{
    int n = b->nrows ? b->nrows : (int)(o->executions ? o->executions : 1);
    if (o->row_counts) {
        d->counts = xcalloc((size_t)n, sizeof *d->counts);
        d->ncounts = n;
    }
    for (int i = 0; i < n; i++) {
        uint64_t rows = 0;
        const eng_value *v = b->nrows ? &b->values[i * b->nbinds] : NULL;
        if (eng_execute(s->eng, s->cursors[id].ec, v, v ? b->nbinds : 0, &rows, e) < 0 ||
            write_returned(s, out, &s->cursors[id], e) < 0) {
            if (!o->batch_errors) return -1;
            int ending = interrupts_safe_point(s); /* is the call itself being ended? */
            if (ending) return ora_set(e, ending, 0);
            note_batch_error(d, i, e);
            ora_clear(e);
            continue;
        }
        d->total += rows;
        if (d->counts) d->counts[i] = rows;
    }
    return 0;
}

/* The ROWID of the last row the call changed, in the parts the ERROR message carries. */
static ttc_rowid last_rowid(session *s)
{
    uint32_t object;
    int64_t rowid;
    ttc_rowid r = {0};
    if (eng_last_rowid(s->eng, &object, &rowid) < 0) return r;
    r.object = object;
    r.file = 1;
    r.block = (uint32_t)((uint64_t)rowid >> 16);
    r.slot = (uint16_t)rowid;
    return r;
}

/* ---- PL/SQL ---- */

/* The directions of a block's binds, from how it uses them; NULL when all are IN. */
static uint8_t *bind_directions(session *s, const char *block, int nbinds)
{
    uint8_t *modes = xcalloc((size_t)(nbinds ? nbinds : 1), 1);
    ora_error e;
    plsql_host host;
    plsql_host_for(s, &host); /* the stored units it calls say which binds are OUT */
    int n = plsql_bind_modes(block, &host, modes, nbinds, &e);
    int any_out = 0;
    for (int i = 0; i < nbinds; i++) {
        int written = n >= 0 && (modes[i] & PLSQL_BIND_WRITTEN);
        int read = modes[i] & PLSQL_BIND_READ;
        modes[i] = !written ? BIND_DIR_IN : read ? BIND_DIR_IN_OUT : BIND_DIR_OUT;
        any_out |= written;
    }
    if (any_out) return modes;
    free(modes);
    return NULL;
}

/* The cursor's text or bind count changed: its directions are worked out again. */
static void forget_directions(server_cursor *c)
{
    free(c->dirs);
    c->dirs = NULL;
    c->dirs_known = 0;
}

/* One execution per bind row (or the iteration count); OUT values into OUT. */
/* A REF CURSOR the block handed out is the client's now: off the call's list. */
static void hand_out_cursor(session *s, int id)
{
    for (int i = 0; i < s->ncall_cursors; i++)
        if (s->call_cursors[i] == id) s->call_cursors[i--] = s->call_cursors[--s->ncall_cursors];
}

/* The REF CURSORs the call opened and did not hand out are closed, as Oracle closes a cursor
 * variable that goes out of scope. */
static void close_call_cursors(session *s)
{
    for (int i = 0; i < s->ncall_cursors; i++) {
        server_cursor *rc = cursor_get(s, (uint64_t)s->call_cursors[i]);
        if (rc && rc->refcursor) cursor_close(s, (uint64_t)s->call_cursors[i]);
    }
    s->ncall_cursors = 0;
}

/* A REF CURSOR's describe and cursor id, as an OUT bind or an implicit result carries it. */
static void write_cursor_describe(session *s, buf *out, server_cursor *rc, uint64_t id)
{
    cursor_put_value(s, out, rc, id);
    hand_out_cursor(s, (int)id);
}

/* DBMS_SQL.RETURN_RESULT's cursors, after the call's OUT binds. */
static void write_implicit_results(session *s, buf *out)
{
    int n = 0;
    for (int i = 0; i < s->nimplicit_results; i++)
        n += cursor_get(s, (uint64_t)s->implicit_results[i]) != NULL;
    if (n) {
        ttc_put_u8(out, TTC_MSG_IMPLICIT_RESULTSET);
        ttc_put_ub(out, (uint64_t)n);
        for (int i = 0; i < s->nimplicit_results; i++) {
            server_cursor *rc = cursor_get(s, (uint64_t)s->implicit_results[i]);
            if (!rc) continue;
            ttc_put_u8(out, 0); /* no bytes before the describe */
            write_cursor_describe(s, out, rc, (uint64_t)s->implicit_results[i]);
        }
    }
    s->nimplicit_results = 0;
}

/* A REF CURSOR OUT bind: its describe and its cursor id, which the client fetches from; a
 * cursor variable never opened goes as Oracle sends it, with no columns and cursor id 0 (the
 * driver's NJS-107). */
static int write_cursor_bind(session *s, buf *out, const plsql_value *v)
{
    uint64_t id = v->kind == PLSQL_CURSOR && v->text ? strtoull(v->text, NULL, 10) : 0;
    server_cursor *rc = cursor_get(s, id);
    ttc_put_u8(out, 1);
    if (!rc || !rc->refcursor) {
        ttc_write_describe_body(out, NULL, 0, s->sb2_scale);
        ttc_put_ub(out, 0);
        ttc_put_sb(out, 0); /* actual length */
        return 0;
    }
    write_cursor_describe(s, out, rc, id);
    ttc_put_sb(out, 0); /* actual length */
    return 0;
}

/* An array OUT bind of type M: its element count, then each element as an OUT value. */
static int write_array_bind(session *s, buf *out, const bind_meta *m, const plsql_value *v,
                            ora_error *e)
{
    ttc_put_ub(out, (uint64_t)v->nelems);
    for (int i = 0; i < v->nelems; i++)
        if (wire_write_out_bind(s, out, m, &v->elems[i], e) < 0) return -1;
    return 0;
}

/* The value of OUT bind K after the block ran. */
static int write_out_value(session *s, buf *out, const server_cursor *c, int k,
                           const plsql_value *v, ora_error *e)
{
    if (c->binds[k].flags & BIND_ARRAY) return write_array_bind(s, out, &c->binds[k], v, e);
    if (c->binds[k].ora_type == T_CURSOR) return write_cursor_bind(s, out, v);
    return wire_write_out_bind(s, out, &c->binds[k], v, e);
}

/* The block may open cursors (REF CURSORs, cursor expressions' ones), which may move the cursor
 * table: its own cursor is taken again by ID after each run. */
static int run_plsql(session *s, int id, const bind_rows *b, const run_options *o, buf *out,
                     ora_error *e)
{
    server_cursor *c = &s->cursors[id];
    int n = b->nrows ? b->nrows : (int)(o->executions ? o->executions : 1);
    int nb = b->nbinds ? b->nbinds : c->nbinds;
    plsql_value *values = xcalloc((size_t)(nb ? nb : 1), sizeof *values);
    /* OUT binds only: the client sends no rows, each execution starts from NULLs */
    eng_value *nulls = xcalloc((size_t)(nb ? nb : 1), sizeof *nulls);
    for (int k = 0; k < nb; k++) nulls[k].is_null = 1;
    if (c->dirs) ttc_write_io_vector(out, c->dirs, nb, (uint32_t)n);
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        const eng_value *v = b->nrows ? &b->values[i * nb] : nulls;
        const bind_array *arrays = b->nrows && b->arrays ? &b->arrays[i * nb] : NULL;
        s->in_plsql++;
        rc = plsql_host_run_out(s, eng_cursor_sql(c->ec), v, nb, c->nbinds == nb ? c->binds : NULL,
                                arrays, values, e);
        s->in_plsql--;
        c = &s->cursors[id];
        if (rc == 0 && c->dirs) {
            ttc_put_u8(out, TTC_MSG_ROW_DATA);
            for (int k = 0; k < nb && rc == 0; k++)
                if (c->dirs[k] != BIND_DIR_IN) rc = write_out_value(s, out, c, k, &values[k], e);
        }
        plsql_values_free(values, nb);
    }
    free(values);
    free(nulls);
    if (rc == 0) write_implicit_results(s, out);
    s->nimplicit_results = 0;
    close_call_cursors(s);
    return rc;
}

/* ---- running a cursor ---- */

static void run_cursor(session *s, int id, server_cursor *c, const bind_rows *b,
                       const run_options *o, buf *out)
{
    ora_error e;
    ora_clear(&e);
    session_state_statement(s, c);
    sql_kind kind = eng_cursor_kind(c->ec);
    if (!o->parse_only && !o->define_only) sql_trace_execute_begin(s, id, c, b);
    if (b->has_array && kind != SQLK_PLSQL) { /* arrays bind to PL/SQL index-by tables only */
        ora_set(&e, ORA_UNIMPLEMENTED, 0);
        return reply_error(s, out, id, &e);
    }
    if (kind == SQLK_QUERY) return run_query(s, id, c, b, o, out);
    if (o->parse_only) { /* parsed: nothing is run */
        session_state_statement_done(s, 0);
        return reply_error(s, out, id, &e);
    }
    c->executed = 1;
    dml_result d = {0};
    size_t start = out->len;
    int rc;
    if (kind == SQLK_DML || kind == SQLK_DDL || kind == SQLK_LOCK_TABLE) {
        rc = run_dml(s, id, b, kind == SQLK_DML ? o : &(run_options){.executions = 1}, out, &d,
                     &e);
    } else if (kind == SQLK_PLSQL) {
        rc = run_plsql(s, id, b, o, out, &e);
    } else {
        rc = command_run(s, c->ec, &e);
    }
    if (rc < 0) out->len = start; /* a failed block returns no OUT values */
    if (rc == 0 && o->commit) eng_commit(s->eng, &e);
    session_state_statement_done(s, d.total);
    sql_trace_execute_end(s, id, 0, &e);
    if (rc == 0 && (o->commit || kind == SQLK_COMMIT || kind == SQLK_ROLLBACK))
        sql_trace_transaction_end(s, kind == SQLK_ROLLBACK);
    if (d.counts && !e.code) ttc_write_row_counts(out, d.counts, d.ncounts);
    ttc_end end = {.cursor_id = (uint16_t)id, .row_count = d.total, .batch = d.errors,
                   .nbatch = d.nerrors};
    if (d.total && eng_cursor_reports_rowid(c->ec)) end.rowid = last_rowid(s);
    reply_end_call_with(s, out, &end, &e);
    dml_result_free(&d);
}

/* ---- execute (94) ---- */

/* The fixed part of an execute request, up to the SQL text. */
static void read_exec_header(ttc_reader *r, exec_request *q, uint64_t *sql_len,
                             uint64_t *al8i4_len, uint64_t *ndefines, uint64_t *nbinds)
{
    q->options = ttc_ub(r);
    q->cursor_id = ttc_ub(r);
    q->has_sql = ttc_u8(r);
    *sql_len = ttc_ub(r);
    ttc_u8(r);
    *al8i4_len = ttc_ub(r);
    ttc_u8(r), ttc_u8(r), ttc_u8(r);
    q->prefetch = ttc_ub(r);
    ttc_ub(r); /* max long size */
    ttc_u8(r);
    *nbinds = ttc_ub(r);
    for (int i = 0; i < 5; i++) ttc_u8(r);
    ttc_u8(r);
    *ndefines = ttc_ub(r);
    ttc_ub(r), ttc_u8(r), ttc_u8(r), ttc_u8(r), ttc_ub(r), ttc_u8(r), ttc_ub(r), ttc_ub(r);
    ttc_u8(r), ttc_ub(r), ttc_u8(r);                       /* DML row counts */
    ttc_u8(r), ttc_ub(r), ttc_u8(r), ttc_ub(r), ttc_u8(r); /* SQL id (fv >= 8) */
    ttc_u8(r), ttc_ub(r);                                  /* chunk ids (fv >= 9) */
}

/* A DML statement's RETURNING ... INTO binds are OUT (the client sends no value for them);
 * NULL when it has none. */
static uint8_t *returning_directions(const char *sql, int nbinds)
{
    int n = sql_returning_into_binds(sql);
    if (n <= 0 || n > nbinds) return NULL;
    uint8_t *dirs = xcalloc((size_t)nbinds, 1);
    for (int i = 0; i < nbinds; i++) dirs[i] = i < nbinds - n ? BIND_DIR_IN : BIND_DIR_OUT;
    return dirs;
}

static void read_exec_request(session *s, ttc_reader *r, exec_request *q)
{
    memset(q, 0, sizeof *q);
    buf_init(&q->sql);
    uint64_t sql_len, al8i4_len, ndefines, nbinds;
    read_exec_header(r, q, &sql_len, &al8i4_len, &ndefines, &nbinds);
    if (q->has_sql) ttc_announced_str(r, s->conv_length, sql_len, &q->sql);
    uint64_t al8i4[13] = {0};
    if (al8i4_len > 64) ttc_malformed(r);
    for (uint64_t i = 0; i < al8i4_len && !ttc_failed(r); i++) {
        uint64_t v = ttc_ub(r);
        if (i < 13) al8i4[i] = v;
    }
    q->executions = al8i4[1];
    q->dml_options = al8i4[9];
    if (q->executions > BIND_MAX_EXECUTIONS) ora_set(&q->refused, ORA_UNSUPPORTED_NET, 0);
    if (nbinds > MAX_BINDS || ndefines > MAX_BINDS) {
        ora_set(&q->refused, 1745, 0); /* invalid host/bind variable name */
        ttc_malformed(r);              /* the rest is skipped, not parsed */
        return;
    }
    q->nbinds = (int)nbinds;
    q->ndefines = (int)ndefines;
    q->meta = xcalloc((size_t)(nbinds + ndefines + 1), sizeof *q->meta);
    binds_read_metadata(r, q->meta, (int)(nbinds + ndefines));
    /* The client orders a row's values by its own idea of the statement: its text is the
     * request's, or the cursor's when the request names an open cursor without one (a full
     * execute after the binds' metadata changed). */
    int plsql = !(q->options & TTC_EXEC_NOT_PLSQL);
    const char *sql = buf_cstr(&q->sql);
    server_cursor *open = q->sql.len ? NULL : cursor_get(s, q->cursor_id);
    if (open) sql = eng_cursor_sql(open->ec);
    uint8_t *dirs = plsql ? NULL : returning_directions(sql, q->nbinds);
    bind_rows_read(r, q->meta, dirs, q->nbinds, plsql, eng_fn_ctx(s->eng)->nls.time_zone,
                   &q->rows, &q->refused);
    free(dirs);
}

static void exec_request_free(exec_request *q)
{
    buf_free(&q->sql);
    free(q->meta);
    bind_rows_free(&q->rows);
}

/* A cursor parsed under another current schema (ALTER SESSION SET CURRENT_SCHEMA since) may
 * name other objects now: its text is parsed again, as Oracle makes another child cursor. */
static int reparse_for_schema(session *s, server_cursor *c, ora_error *e)
{
    const char *schema = eng_fn_ctx(s->eng)->schema;
    if (!strcmp(c->schema, schema)) return 0;
    eng_cursor *ec = eng_prepare(s->eng, eng_cursor_sql(c->ec), e);
    if (!ec) return -1;
    eng_cursor_free(c->ec);
    c->ec = ec;
    snprintf(c->schema, sizeof c->schema, "%s", schema);
    return 0;
}

/* The cursor the request names, or a new one for its SQL text. NULL with E. */
static server_cursor *open_cursor(session *s, exec_request *q, int *id, ora_error *e)
{
    server_cursor *c = cursor_get(s, q->cursor_id);
    *id = (int)q->cursor_id;
    if (!(q->has_sql && q->sql.len)) {
        if (!c) ora_set(e, 1001, 0); /* invalid cursor */
        return c && reparse_for_schema(s, c, e) < 0 ? NULL : c;
    }
    eng_cursor *ec = eng_prepare(s->eng, buf_cstr(&q->sql), e);
    if (!ec) return NULL;
    if (!c) {
        *id = cursor_alloc(s);
        if (!*id) {
            eng_cursor_free(ec);
            ora_set(e, 1000, 0); /* maximum open cursors exceeded */
            return NULL;
        }
        c = &s->cursors[*id];
    } else {
        cursor_close_nested(s, (uint64_t)*id);
        eng_cursor_free(c->ec);
        forget_directions(c);
        free(c->defines); /* defined for the old text */
        c->defines = NULL;
        c->ndefines = 0;
    }
    c->ec = ec;
    snprintf(c->schema, sizeof c->schema, "%s", eng_fn_ctx(s->eng)->schema);
    c->sql_id[0] = '\0'; /* a new text: its SQL_ID is taken at the execute */
    c->described = c->executed = 0;
    c->trace_epoch = 0; /* not yet in the trace file */
    return c;
}

/* The client's defines of a query's columns replace those the cursor had. */
static void keep_defines(server_cursor *c, const exec_request *q)
{
    if (!(q->options & TTC_EXEC_DEFINE) || !q->ndefines) return;
    free(c->defines);
    c->defines = xcalloc((size_t)q->ndefines, sizeof *c->defines);
    memcpy(c->defines, q->meta + q->nbinds, sizeof *c->defines * (size_t)q->ndefines);
    c->ndefines = q->ndefines;
}

/* New bind metadata replaces the cursor's; a PL/SQL block learns its directions. */
static void keep_binds(session *s, server_cursor *c, exec_request *q)
{
    keep_defines(c, q);
    if (q->nbinds || !c->binds) {
        if (q->nbinds != c->nbinds) forget_directions(c); /* one per bind */
        free(c->binds);
        c->binds = q->meta;
        c->nbinds = q->nbinds;
        q->meta = NULL;
    }
    if (!c->dirs_known && eng_cursor_kind(c->ec) == SQLK_PLSQL) {
        c->dirs = bind_directions(s, eng_cursor_sql(c->ec), c->nbinds);
        c->dirs_known = 1;
    } else if (!c->dirs_known && eng_returning_count(c->ec)) {
        c->dirs = returning_directions(eng_cursor_sql(c->ec), c->nbinds);
        c->dirs_known = 1;
    }
}

void call_execute(session *s, ttc_reader *r, buf *out)
{
    exec_request q;
    read_exec_request(s, r, &q);
    if (request_finish(s, r, out, 0, q.refused.code ? &q.refused : NULL) < 0) {
        exec_request_free(&q);
        return;
    }
    ora_error e;
    ora_clear(&e);
    int id;
    server_cursor *c = open_cursor(s, &q, &id, &e);
    if (!c) {
        if (q.has_sql && q.sql.len) sql_trace_parse_error(s, buf_cstr(&q.sql), &e);
        exec_request_free(&q);
        return reply_error(s, out, 0, &e);
    }
    keep_binds(s, c, &q);
    if (lobs_bind_values(s, &q.rows, &e) < 0) {
        exec_request_free(&q);
        return reply_error(s, out, id, &e);
    }
    run_options o = {
        .executions = q.executions,
        .prefetch = q.prefetch,
        .fetch = (q.options & TTC_EXEC_FETCH) != 0,
        .commit = (q.options & TTC_EXEC_COMMIT) != 0,
        .parse_only = !(q.options & (TTC_EXEC_EXECUTE | TTC_EXEC_DEFINE)),
        .define_only = (q.options & TTC_EXEC_DEFINE) && !(q.options & TTC_EXEC_EXECUTE),
        .execute = (q.options & TTC_EXEC_EXECUTE) != 0,
        .batch_errors = (q.options & TTC_EXEC_BATCH_ERRORS) != 0,
        .row_counts = (q.dml_options & TTC_DML_ROW_COUNTS) != 0,
    };
    run_cursor(s, id, c, &q.rows, &o, out);
    exec_request_free(&q);
}

/* ---- re-execute (4, 78) and fetch (5) ---- */

void call_reexecute(session *s, ttc_reader *r, int fn, buf *out)
{
    uint64_t id = ttc_ub(r), count = ttc_ub(r);
    ttc_ub(r);
    uint64_t flags2 = ttc_ub(r);
    server_cursor *c = cursor_get(s, id);
    ora_error refused;
    ora_clear(&refused);
    bind_rows b = {0};
    if (c) {
        reparse_for_schema(s, c, &refused); /* a failure refuses the call; the binds follow */
        int plsql = eng_cursor_kind(c->ec) == SQLK_PLSQL;
        bind_rows_read(r, c->binds, c->dirs, c->nbinds, plsql, eng_fn_ctx(s->eng)->nls.time_zone,
                       &b, &refused);
    } else {
        ora_set(&refused, 1001, 0); /* invalid cursor */
    }
    if (fn == TTC_FN_REEXECUTE && count > BIND_MAX_EXECUTIONS && !refused.code)
        ora_set(&refused, ORA_UNSUPPORTED_NET, 0);
    if (request_finish(s, r, out, 0, refused.code ? &refused : NULL) < 0) {
        bind_rows_free(&b);
        return;
    }
    if (lobs_bind_values(s, &b, &refused) < 0) {
        reply_error(s, out, (int)id, &refused);
    } else {
        int is_fetch = fn == TTC_FN_REEXECUTE_AND_FETCH;
        run_options o = {
            .executions = is_fetch ? 1 : count,
            .prefetch = is_fetch ? count : 0,
            .fetch = is_fetch,
            .commit = !is_fetch && (flags2 & 1),
        };
        run_cursor(s, (int)id, c, &b, &o, out);
    }
    bind_rows_free(&b);
}

void call_fetch(session *s, ttc_reader *r, buf *out)
{
    uint64_t id = ttc_ub(r), n = ttc_ub(r);
    if (request_finish(s, r, out, (uint16_t)id, NULL) < 0) return;
    server_cursor *c = cursor_get(s, id);
    ora_error e;
    if (!c || eng_cursor_kind(c->ec) != SQLK_QUERY || !c->executed) {
        ora_set(&e, 1002, 0); /* fetch out of sequence */
        return reply_error(s, out, (int)id, &e);
    }
    eng_cursor *ec = c->ec;
    uint64_t before = eng_rows_fetched(ec);
    int64_t start = s->trace_file ? sga_now_us() : 0;
    write_rows(s, out, (int)id, n ? n : 1);
    if (s->trace_file)
        sql_trace_fetch(s, (int)id, eng_rows_fetched(ec) - before, sga_now_us() - start, 0);
}
