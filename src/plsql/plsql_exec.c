/*
 * plsql_exec.c - running a compiled program: blocks (declarations, body,
 * exception handlers), the statements and loops, with a host safe point at
 * every statement and loop iteration so that a kill or cancel stops even
 * `LOOP NULL; END LOOP` at once.  Interrupts are fatal: no handler, not even
 * WHEN OTHERS, sees ORA-01013 or ORA-00028, and they carry no ORA-06512.
 */
#include <stdlib.h>
#include <string.h>

#include "plsql_collection.h"

static int exec_stmts(pl_exec *ex, const pl_stmt *s);
static int exec_block(pl_exec *ex, const pl_block *b);

int pl_safe_point(pl_exec *ex)
{
    if (!ex->host->safe_point) return 0;
    ora_error err;
    ora_clear(&err);
    if (ex->host->safe_point(ex->host->arg, &err) == 0) return 0;
    if (!err.code) ora_set(&err, ORA_USER_CANCEL, 0);
    ex->fatal = 1;
    ex->fatal_err = err;
    ex->fatal_err.offset = 0;
    return -1;
}

/* ---------------- loops ---------------- */

/* After a loop body: 1 to run it again, 0 to stop with *RC (PL_NEXT when the loop is left). */
static int go_on(pl_exec *ex, const pl_stmt *loop, int *rc)
{
    if (*rc == PL_NEXT) return 1;
    if ((*rc == PL_EXIT || *rc == PL_CONTINUE) && ex->leaving == loop) {
        int again = *rc == PL_CONTINUE;
        *rc = PL_NEXT;
        return again;
    }
    return 0;
}

static int exec_loop(pl_exec *ex, const pl_stmt *s)
{
    for (;;) {
        if (pl_safe_point(ex) < 0) return PL_ERROR;
        int rc = exec_stmts(ex, s->body);
        if (!go_on(ex, s, &rc)) return rc;
    }
}

static int exec_while(pl_exec *ex, const pl_stmt *s)
{
    for (;;) {
        int truth, rc;
        if (pl_safe_point(ex) < 0) return PL_ERROR;
        ex->line = s->line;
        if (pl_eval_cond(ex, s->value, &truth) < 0) return PL_ERROR;
        if (truth != 1) return PL_NEXT;
        rc = exec_stmts(ex, s->body);
        if (!go_on(ex, s, &rc)) return rc;
    }
}

/* A FOR bound: an integer in PLS_INTEGER range. */
int pl_loop_bound(pl_exec *ex, pl_expr *e, int64_t *out)
{
    pval v;
    pdec d;
    if (pl_eval(ex, e, &v) < 0) return -1;
    int rc = v.kind == PLSQL_NULL ? pl_raise(ex, 6502, "") : pl_to_number(ex, &v, &d);
    pv_free(&v);
    if (rc < 0) return -1;
    if (pdec_round(&d, 0) != PDEC_OK || pdec_to_int(&d, out) != PDEC_OK || *out > INT32_MAX ||
        *out < INT32_MIN)
        return pl_raise(ex, 1426);
    return 0;
}

static int exec_for_range(pl_exec *ex, const pl_stmt *s)
{
    int64_t lo, hi;
    if (pl_loop_bound(ex, s->lo, &lo) < 0 || pl_loop_bound(ex, s->hi, &hi) < 0) return PL_ERROR;
    pval *index = &pl_slot_at(ex, s->slot)->v;
    int rc = PL_NEXT;
    int64_t step = s->reverse ? -1 : 1, i = s->reverse ? hi : lo;
    for (int64_t left = hi - lo + 1; left > 0; left--, i += step) {
        if (pl_safe_point(ex) < 0) return PL_ERROR;
        *index = pv_int(i);
        rc = exec_stmts(ex, s->body);
        if (!go_on(ex, s, &rc)) break;
    }
    *index = pv_null();
    return rc;
}

/* Row ROW of the cursor as the loop record's fields. */
static void fill_record(pl_record *r, const plsql_rows *rows, int row)
{
    for (int i = 0; i < r->n; i++) {
        pv_free(&r->vals[i]);
        r->vals[i] = pv_from_host(&rows->values[(size_t)row * (size_t)rows->ncols + (size_t)i]);
    }
}

static void clear_record(pl_record *r)
{
    for (int i = 0; i < r->n; i++) {
        pv_free(&r->vals[i]);
        if (r->owns_names) free(r->names[i]);
    }
    if (r->owns_names) free(r->names);
    free(r->vals);
    memset(r, 0, sizeof *r);
}

static int cursor_loop(pl_exec *ex, const pl_stmt *s, pl_cursor *c)
{
    pl_record *r = &pl_slot_at(ex, s->slot)->rec;
    r->n = c->rows.ncols;
    r->names = c->rows.names;
    r->vals = xcalloc((size_t)(r->n ? r->n : 1), sizeof *r->vals);
    int rc = PL_NEXT;
    while (c->next < c->rows.nrows) {
        if (pl_safe_point(ex) < 0) {
            rc = PL_ERROR;
            break;
        }
        fill_record(r, &c->rows, c->next++);
        c->found = 1;
        rc = exec_stmts(ex, s->body);
        if (!go_on(ex, s, &rc)) break;
    }
    clear_record(r);
    return rc;
}

static int exec_for_query(pl_exec *ex, const pl_stmt *s)
{
    pl_cursor local = {.found = -1}, *c = s->cursor >= 0 ? &pl_slot_at(ex, s->cursor)->cur : &local;
    if (s->cursor >= 0 ? pl_cursor_open(ex, s->cursor) < 0
                       : pl_query_rows(ex, &s->sql, &c->rows) < 0)
        return PL_ERROR;
    c->is_open = 1;
    int rc = cursor_loop(ex, s, c);
    plsql_rows_free(&c->rows);
    c->is_open = 0;
    return rc;
}

/* ---------------- other statements ---------------- */

static int exec_if(pl_exec *ex, const pl_stmt *s)
{
    const pl_stmt *arm = s;
    for (; arm; s = arm, arm = arm->elsif) {
        int truth;
        ex->line = arm->line;
        if (pl_eval_cond(ex, arm->value, &truth) < 0) return PL_ERROR;
        if (truth == 1) return exec_stmts(ex, arm->body);
    }
    return s->orelse ? exec_stmts(ex, s->orelse) : PL_NEXT;
}

static int exec_case(pl_exec *ex, const pl_stmt *s)
{
    pval selector = pv_null();
    if (s->value && pl_eval(ex, s->value, &selector) < 0) return PL_ERROR;
    for (const pl_stmt *arm = s->body; arm; arm = arm->next) {
        int match, cmp;
        ex->line = arm->line;
        if (s->value) {
            pval v;
            if (pl_eval(ex, arm->value, &v) < 0) return pv_free(&selector), PL_ERROR;
            int rc = pl_compare(ex, &selector, &v, &cmp);
            pv_free(&v);
            if (rc < 0) return pv_free(&selector), PL_ERROR;
            match = rc == 0 && cmp == 0;
        } else if (pl_eval_cond(ex, arm->value, &match) < 0) {
            return PL_ERROR;
        }
        if (match == 1) return pv_free(&selector), exec_stmts(ex, arm->body);
    }
    pv_free(&selector);
    if (!s->has_else) return pl_raise(ex, 6592);
    return exec_stmts(ex, s->orelse);
}

static int exec_exit(pl_exec *ex, const pl_stmt *s)
{
    int truth = 1;
    if (s->value && pl_eval_cond(ex, s->value, &truth) < 0) return PL_ERROR;
    if (truth != 1) return PL_NEXT;
    ex->leaving = s->loop;
    return s->kind == ST_EXIT ? PL_EXIT : PL_CONTINUE;
}

static int exec_assign(pl_exec *ex, const pl_stmt *s)
{
    pval v;
    if (pl_eval(ex, s->value, &v) < 0) return PL_ERROR;
    return pl_assign(ex, s->target, &v);
}

static int exec_raise(pl_exec *ex, const pl_stmt *s)
{
    if (!s->raise) { /* RAISE; inside a handler (the compiler allows it nowhere else) */
        if (!ex->handling) return pl_raise(ex, 6510);
        ex->exc = *ex->handling;
        ex->exc.line = ex->line;
        return PL_ERROR;
    }
    return pl_raise_ref(ex, s->raise);
}

static int exec_call(pl_exec *ex, const pl_stmt *s)
{
    const pl_builtin *b = s->builtin;
    pval args[PL_BUILTIN_MAX_ARGS];
    int rc = 0, i = 0;
    for (i = 0; i < PL_BUILTIN_MAX_ARGS; i++) args[i] = pv_null();
    for (i = 0; i < b->max_args && rc == 0; i++)
        if (s->argv[i]) rc = pl_eval(ex, s->argv[i], &args[i]);
    if (rc == 0) rc = b->run(ex, s, args);
    for (i = 0; i < b->max_args && rc == 0; i++) { /* OUT values to their targets */
        if (!(b->out & 1u << i) || !s->argv[i]) continue;
        pl_target t = pl_argument_target(s->argv[i]);
        rc = pl_assign(ex, &t, &args[i]);
    }
    for (i = 0; i < b->max_args; i++)
        pv_free(&args[i]);
    return rc;
}

/* RETURN [value]: a function's value is kept for its caller. */
static int exec_return(pl_exec *ex, const pl_stmt *s)
{
    if (!s->value) return PL_RETURN;
    if (s->value->sty == STY_COLL) return pl_coll_return(ex, s->value) < 0 ? PL_ERROR : PL_RETURN;
    pval v;
    if (pl_eval(ex, s->value, &v) < 0) return PL_ERROR;
    pv_move(&ex->ret, &v);
    ex->returned = 1;
    return PL_RETURN;
}

static int exec_stmt(pl_exec *ex, const pl_stmt *s)
{
    ex->line = s->line;
    ex->stmt_off = s->off;
    if (pl_safe_point(ex) < 0) return PL_ERROR;
    switch (s->kind) {
    case ST_NULL:
        return PL_NEXT;
    case ST_ASSIGN:
        return exec_assign(ex, s);
    case ST_IF:
        return exec_if(ex, s);
    case ST_CASE:
        return exec_case(ex, s);
    case ST_LOOP:
        return exec_loop(ex, s);
    case ST_WHILE:
        return exec_while(ex, s);
    case ST_FOR_RANGE:
        return exec_for_range(ex, s);
    case ST_FOR_QUERY:
        return exec_for_query(ex, s);
    case ST_EXIT:
    case ST_CONTINUE:
        return exec_exit(ex, s);
    case ST_BLOCK:
        return exec_block(ex, s->block);
    case ST_SQL:
        return pl_exec_sql(ex, s);
    case ST_SELECT_INTO:
        return pl_exec_select_into(ex, s);
    case ST_EXECUTE:
        return pl_exec_execute(ex, s);
    case ST_OPEN:
        return pl_cursor_open(ex, s->slot);
    case ST_FETCH:
        return pl_cursor_fetch(ex, s);
    case ST_CLOSE:
        return pl_cursor_close(ex, s->slot);
    case ST_RAISE:
        return exec_raise(ex, s);
    case ST_CALL:
        return exec_call(ex, s);
    case ST_RETURN:
        return exec_return(ex, s);
    case ST_UNIT_CALL:
        return pl_call_unit(ex, s->call, NULL) < 0 ? PL_ERROR : PL_NEXT;
    case ST_OPEN_FOR:
        return pl_refcursor_open(ex, s) < 0 ? PL_ERROR : PL_NEXT;
    case ST_FETCH_REF:
        return pl_refcursor_fetch(ex, s) < 0 ? PL_ERROR : PL_NEXT;
    case ST_CLOSE_REF:
        return pl_refcursor_close(ex, s) < 0 ? PL_ERROR : PL_NEXT;
    case ST_COLL_ASSIGN:
    case ST_COLL_DELETE:
    case ST_COLL_EXTEND:
    case ST_COLL_TRIM:
    case ST_FORALL:
        return pl_coll_exec(ex, s) < 0 ? PL_ERROR : PL_NEXT;
    case ST_WHEN:
        break;
    }
    return pl_raise(ex, ORA_INTERNAL, "exec_stmt");
}

static int exec_stmts(pl_exec *ex, const pl_stmt *s)
{
    for (; s; s = s->next) {
        int rc = exec_stmt(ex, s);
        if (rc != PL_NEXT) return rc;
    }
    return PL_NEXT;
}

/* ---------------- blocks and handlers ---------------- */

static void release_slot(pl_slot *slot)
{
    pv_free(&slot->v);
    pl_coll_free(slot->coll);
    slot->coll = NULL;
    clear_record(&slot->rec);
    plsql_rows_free(&slot->cur.rows);
    memset(&slot->cur, 0, sizeof slot->cur);
}

/* Elaborate the block's declarations: initial values, fitted to their types. */
static int declare(pl_exec *ex, const pl_block *b)
{
    for (int i = b->first_slot; i < b->first_slot + b->nslots; i++) {
        const pl_decl *d = ex->prog->decls[i];
        pl_slot *slot = pl_slot_at(ex, i);
        release_slot(slot);
        slot->cur.found = -1;
        ex->line = d->line;
        ex->stmt_off = d->off;
        if (d->type.kind == TY_RECORD && pl_rowtype_declare(ex, &d->type, &slot->rec) < 0)
            return PL_ERROR;
        if (!d->init) continue;
        if (d->type.kind == TY_COLLECTION) {
            if (pl_coll_declare(ex, i, d->init) < 0) return PL_ERROR;
            continue;
        }
        if (pl_eval(ex, d->init, &slot->v) < 0 || pl_conform(ex, &d->type, 0, &slot->v) < 0)
            return PL_ERROR;
    }
    return PL_NEXT;
}

static void undeclare(pl_exec *ex, const pl_block *b)
{
    for (int i = b->first_slot; i < b->first_slot + b->nslots; i++)
        release_slot(pl_slot_at(ex, i));
}

static int handles(const pl_exec *ex, const pl_handler *h, const pl_exc *e)
{
    if (!h->names) return 1; /* OTHERS */
    for (const pl_exc_ref *r = h->names; r; r = r->next)
        if (pl_exc_matches(ex, r, e)) return 1;
    return 0;
}

static int handle(pl_exec *ex, const pl_block *b)
{
    pl_exc caught = ex->exc;
    for (const pl_handler *h = b->handlers; h; h = h->next) {
        if (!handles(ex, h, &caught)) continue;
        const pl_exc *outer = ex->handling;
        ex->handling = &caught;
        int rc = exec_stmts(ex, h->body);
        ex->handling = outer;
        return rc;
    }
    return PL_ERROR;
}

static int exec_block(pl_exec *ex, const pl_block *b)
{
    int rc = declare(ex, b);
    if (rc == PL_NEXT) {
        rc = exec_stmts(ex, b->body);
        if (rc == PL_ERROR && !ex->fatal && b->handlers) rc = handle(ex, b);
    }
    undeclare(ex, b);
    return rc;
}

int pl_run_program(pl_exec *ex)
{
    return exec_block(ex, ex->prog->top) == PL_ERROR ? -1 : 0;
}

int pl_run_subprogram(pl_exec *ex, const pl_block *b)
{
    return exec_block(ex, b) == PL_ERROR ? -1 : 0;
}

int pl_run_package_init(pl_exec *ex)
{
    const pl_block *b = ex->prog->top;
    int rc = declare(ex, b);
    if (rc == PL_NEXT) {
        rc = exec_stmts(ex, b->body);
        if (rc == PL_ERROR && !ex->fatal && b->handlers) rc = handle(ex, b);
    }
    return rc == PL_ERROR ? -1 : 0; /* the slots stay: the package's state */
}

void pl_exec_release(pl_exec *ex)
{
    for (int i = 0; i < ex->prog->nslots; i++)
        release_slot(&ex->slots[i]); /* its own, not its enclosing scopes' */
    free(ex->slots);
    for (int i = 0; i < ex->prog->nsqls; i++) {
        free(ex->sql_states[i].text);
        free(ex->sql_states[i].is_column);
    }
    free(ex->sql_states);
    pv_free(&ex->ret);
    pl_coll_free(ex->ret_coll);
    pl_coll_free(ex->call_coll);
    pl_output_end(ex);
}
