/*
 * plsql_coll_exec.c - running what plsql_parse_coll.c compiles: keys from
 * values (PLS_INTEGER keys rounded into its range, VARCHAR2 keys held to
 * their length, a NULL key ORA-06502 "NULL index table key value"),
 * elements read (a missing one raises NO_DATA_FOUND, as in Oracle) and
 * written (fitted to the element type), the methods, DELETE, EXTEND and
 * TRIM, and whole collections copied between variables, calls and the
 * client's array binds: an array comes in as elements 1..n, and goes out as
 * the elements in key order, at most as many as the client's maxArraySize
 * (ORA-06513).  A nested table or VARRAY is atomically NULL (its slot holds
 * no pl_coll) until made, and its keys are 1 .. its size (ORA-06532,
 * ORA-06533 outside); BULK COLLECT and FORALL are here too.
 */
#include <stdlib.h>
#include <string.h>

#include "plsql_collection.h"
#include "plsql_parse.h"

static const pl_coll_type *type_of(const pl_exec *ex, int slot)
{
    return ex->prog->decls[slot]->type.coll;
}

/* Collection variable SLOT of package PKG (NULL: of the running code) and its type (*TYPE):
 * NULL when the package's state is gone (raised). */
static pl_slot *var_slot(pl_exec *ex, const pl_package_ref *pkg, int slot, const pl_coll_type **type)
{
    const pl_decl *d = pkg ? NULL : ex->prog->decls[slot];
    pl_slot *s = pkg ? pl_package_slot(ex, pkg, slot, &d) : pl_slot_at(ex, slot);
    if (s) *type = d->type.coll;
    return s;
}

/* The elements of that variable, to be used: an index-by table's made empty on first use; an
 * atomically NULL nested table or VARRAY is ORA-06531.  NULL raised. */
static pl_coll *coll_at(pl_exec *ex, const pl_package_ref *pkg, int slot, const pl_coll_type **type)
{
    const pl_coll_type *ct;
    pl_slot *s = var_slot(ex, pkg, slot, &ct);
    if (!s) return NULL;
    if (type) *type = ct;
    if (!s->coll && ct->kind != CK_INDEX_BY) return pl_raise(ex, 6531), NULL;
    if (!s->coll) s->coll = pl_coll_new(ct->by_text);
    return s->coll;
}

pl_coll *pl_coll_of(pl_exec *ex, int slot)
{
    return coll_at(ex, NULL, slot, NULL);
}

/* Key K of a nested table or VARRAY C (type CT): ORA-06532 outside 1 .. its limit, ORA-06533
 * beyond its size. */
static int dense_subscript(pl_exec *ex, const pl_coll_type *ct, const pl_coll *c, const pl_key *k)
{
    if (ct->kind == CK_INDEX_BY) return 0;
    if (k->i < 1 || (ct->kind == CK_VARRAY && k->i > ct->limit)) return pl_raise(ex, 6532);
    return k->i > c->size ? pl_raise(ex, 6533) : 0;
}

/* KV (a key's value, which keeps a text key's bytes) as a key of CT into K. */
static int key_of(pl_exec *ex, const pl_coll_type *ct, pval *kv, pl_key *k)
{
    if (kv->kind == PLSQL_NULL) return pl_raise(ex, 6502, ": NULL index table key value");
    pl_type t = {.kind = ct->by_text ? TY_VARCHAR2 : TY_PLS_INTEGER, .length = ct->key_length};
    if (pl_conform(ex, &t, 0, kv) < 0) return -1;
    k->i = ct->by_text ? 0 : kv->i;
    k->s = ct->by_text ? kv->text : NULL;
    return 0;
}

/* Evaluate key expression E for a collection of type CT: 1 with *K (KV holds it: pv_free it), 0
 * when it is NULL and NULL_OK (KV NULL), -1 on error. */
static int eval_key(pl_exec *ex, const pl_coll_type *ct, pl_expr *e, int null_ok, pval *kv,
                    pl_key *k)
{
    if (pl_eval(ex, e, kv) < 0) return -1;
    if (null_ok && kv->kind == PLSQL_NULL) return 0;
    if (key_of(ex, ct, kv, k) == 0) return 1;
    pv_free(kv);
    return -1;
}

static pval key_value(const pl_coll *c, int pos)
{
    if (pos < 0) return pv_null();
    if (c->by_text) return pv_text(c->e[pos].s, strlen(c->e[pos].s));
    return pv_int(c->e[pos].i);
}

int pl_coll_eval_element(pl_exec *ex, pl_expr *e, pval *out)
{
    pval kv;
    pl_key k;
    const pl_coll_type *ct;
    const pl_coll *c = coll_at(ex, e->pkg, e->slot, &ct);
    if (!c || eval_key(ex, ct, e->a, 0, &kv, &k) < 0) return -1;
    if (dense_subscript(ex, ct, c, &k) < 0) return pv_free(&kv), -1;
    const pval *v = pl_coll_get(c, &k);
    pv_free(&kv);
    if (!v) return pl_raise(ex, ORA_NO_DATA_FOUND);
    *out = pv_copy(v);
    return 0;
}

int pl_coll_assign_element(pl_exec *ex, const pl_target *t, pval *v)
{
    const pl_coll_type *ct;
    pl_coll *c = coll_at(ex, t->pkg, t->slot, &ct);
    pval kv;
    pl_key k;
    if (!c || pl_conform(ex, &ct->elem, ct->not_null, v) < 0 ||
        eval_key(ex, ct, t->index, 0, &kv, &k) < 0) {
        pv_free(v);
        return -1;
    }
    if (dense_subscript(ex, ct, c, &k) < 0) return pv_free(v), pv_free(&kv), -1;
    pv_move(pl_coll_put(c, &k), v);
    pv_free(&kv);
    return 0;
}

/* NEXT(i), PRIOR(i), EXISTS(i): NULL for a NULL key (EXISTS: FALSE). */
static int keyed_method(pl_exec *ex, pl_expr *e, const pl_coll *c, const pl_coll_type *ct,
                        pval *out)
{
    pval kv;
    pl_key k;
    int rc = eval_key(ex, ct, e->a, 1, &kv, &k);
    if (rc <= 0) {
        *out = rc == 0 && e->op == CM_EXISTS ? pv_bool(0) : pv_null();
        return rc;
    }
    if (e->op == CM_EXISTS)
        *out = pv_bool(pl_coll_get(c, &k) != NULL);
    else
        *out = key_value(c, e->op == CM_NEXT ? pl_coll_after(c, &k) : pl_coll_before(c, &k));
    pv_free(&kv);
    return 0;
}

int pl_coll_eval_method(pl_exec *ex, pl_expr *e, pval *out)
{
    const pl_coll_type *ct;
    const pl_slot *s = var_slot(ex, e->pkg, e->slot, &ct);
    if (!s) return -1;
    if (!s->coll && ct->kind != CK_INDEX_BY && e->op == CM_EXISTS) /* of a NULL collection */
        return *out = pv_bool(0), 0;
    if (e->op == CM_LIMIT) /* a VARRAY's; an index-by or nested table has none */
        return *out = ct->kind == CK_VARRAY ? pv_int(ct->limit) : pv_null(), 0;
    const pl_coll *c = coll_at(ex, e->pkg, e->slot, &ct);
    if (!c) return -1;
    switch (e->op) {
    case CM_COUNT:
        return *out = pv_int(c->n), 0;
    case CM_FIRST:
        return *out = key_value(c, c->n ? 0 : -1), 0;
    case CM_LAST:
        return *out = key_value(c, c->n - 1), 0;
    default:
        return keyed_method(ex, e, c, ct, out);
    }
}

static int exec_delete(pl_exec *ex, const pl_stmt *s)
{
    const pl_coll_type *ct;
    pl_coll *c = coll_at(ex, s->value->pkg, s->value->slot, &ct);
    if (!c) return -1;
    if (!s->lo) return pl_coll_clear(c), 0; /* a nested table's or VARRAY's size too */
    pval lo, hi = pv_null();
    pl_key klo, khi;
    int rc = eval_key(ex, ct, s->lo, 1, &lo, &klo);
    if (rc <= 0) return rc;
    if (!s->hi) {
        pl_coll_delete(c, &klo);
    } else if ((rc = eval_key(ex, ct, s->hi, 1, &hi, &khi)) > 0) {
        pl_coll_delete_range(c, &klo, &khi);
    }
    pv_free(&lo);
    pv_free(&hi);
    return rc < 0 ? -1 : 0;
}

/* ---- whole collections ---- */

/* A collection and a value that is not one met at run time (the compiler stops what it
 * sees): as a compile error of the block, PLS-00418 for a host array, else PLS-00382. */
static int wrong_type(pl_exec *ex, int off, int host_array)
{
    if (host_array)
        pl_compile_error(&ex->fatal_err, ex->prog->src, off, PLS_ARRAY_TYPE);
    else
        pl_compile_error(&ex->fatal_err, ex->prog->src, off, PLS_WRONG_TYPE);
    pl_compile_ignored(&ex->fatal_err, ex->prog->src, ex->stmt_off, "Statement");
    ex->fatal = 1;
    return -1;
}

int pl_coll_whole_value(pl_exec *ex, const pl_expr *e)
{
    return wrong_type(ex, e->off, e->kind == EX_BIND);
}

/* An empty collection of type CT where nothing was given: an index-by table's; a nested
 * table or VARRAY is atomically NULL (NULL). */
static pl_coll *empty_or_null(const pl_coll_type *ct)
{
    return ct->kind == CK_INDEX_BY ? pl_coll_new(ct->by_text) : NULL;
}

static const pl_coll_type *constructor_type(const pl_exec *ex, const pl_expr *e)
{
    return e->pkg ? e->pkg->spec.decls[e->slot]->type.coll : ex->prog->decls[e->slot]->type.coll;
}

int pl_coll_constructor(pl_exec *ex, const pl_expr *e, pl_coll **out)
{
    const pl_coll_type *ct = constructor_type(ex, e);
    if (ct->kind == CK_VARRAY && e->nargs > ct->limit) return pl_raise(ex, 6532);
    pl_coll *c = pl_coll_new(0);
    for (pl_expr *a = e->args; a; a = a->next) {
        pval v;
        if (pl_eval(ex, a, &v) < 0) return pl_coll_free(c), -1;
        if (pl_conform(ex, &ct->elem, ct->not_null, &v) < 0)
            return pv_free(&v), pl_coll_free(c), -1;
        pv_move(pl_coll_put(c, &(pl_key){.i = ++c->size}), &v);
    }
    *out = c;
    return 0;
}

int pl_coll_is_null(pl_exec *ex, const pl_expr *v, int *null_)
{
    const pl_coll_type *ct;
    const pl_slot *s = var_slot(ex, v->pkg, v->slot, &ct);
    if (!s) return -1;
    *null_ = ct->kind != CK_INDEX_BY && !s->coll;
    return 0;
}


/* The client's array B as the elements 1..n of a new collection of type CT into *OUT. */
static int from_array(pl_exec *ex, const plsql_value *b, const pl_coll_type *ct, pl_coll **out)
{
    pl_coll *c = pl_coll_new(ct->by_text);
    for (int i = 0; i < b->nelems; i++) {
        pval v = pv_from_host(&b->elems[i]);
        if (pl_conform(ex, &ct->elem, ct->not_null, &v) < 0) {
            pl_coll_free(c);
            return -1;
        }
        pv_move(pl_coll_put(c, &(pl_key){.i = i + 1}), &v);
    }
    *out = c;
    return 0;
}

/* Collection C into the client's array B: its elements in key order. */
static int to_array(pl_exec *ex, const pl_coll *c, plsql_value *b)
{
    const pl_coll none = {0};
    if (!c) c = &none; /* a NULL nested table (the compiler lets no client's array take one) */
    if (b->max_elems > 0 && c->n > b->max_elems) return pl_raise(ex, 6513);
    plsql_value *elems = xcalloc((size_t)(c->n ? c->n : 1), sizeof *elems);
    for (int i = 0; i < c->n; i++) {
        pv_to_host(&c->e[i].v, &elems[i]);
        elems[i].declared = b->declared;
    }
    plsql_values_free(b->elems, b->nelems);
    free(b->elems);
    b->elems = elems;
    b->nelems = c->n;
    return 0;
}

/* The whole collection E (a collection variable, or a client's array taken as type CT) as a
 * new collection into *OUT. */
static int collection_value(pl_exec *ex, const pl_expr *e, const pl_coll_type *ct, pl_coll **out)
{
    if (e->kind == EX_CALL) { /* a function returning a collection */
        pval none;
        if (pl_call_unit(ex, e->call, &none) < 0) return -1;
        pv_free(&none);
        *out = ex->call_coll ? ex->call_coll : empty_or_null(ct);
        ex->call_coll = NULL;
        return 0;
    }
    if (e->kind == EX_COLL_CTOR) return pl_coll_constructor(ex, e, out);
    if (e->kind == EX_LITERAL) return *out = NULL, 0; /* NULL, for a nested table or VARRAY */
    if (e->kind != EX_BIND) {
        const pl_coll_type *vt;
        const pl_slot *s = var_slot(ex, e->pkg, e->slot, &vt);
        if (!s) return -1;
        *out = s->coll ? pl_coll_copy(s->coll) : empty_or_null(vt);
        return 0;
    }
    const plsql_value *b = &ex->binds[e->slot];
    if (b->kind != PLSQL_ARRAY) return wrong_type(ex, e->off, 0);
    return from_array(ex, b, ct, out);
}

/* Collection C (taken) into target T: a collection variable, or a client's array. */
static int store_collection(pl_exec *ex, const pl_target *t, pl_coll *c)
{
    if (t->kind == TG_BIND) {
        plsql_value *b = &ex->binds[t->slot];
        int rc = b->kind != PLSQL_ARRAY ? wrong_type(ex, t->off, 0) : to_array(ex, c, b);
        pl_coll_free(c);
        return rc;
    }
    pl_slot *slot = t->kind == TG_PKG_VAR ? pl_package_slot(ex, t->pkg, t->slot, NULL)
                                          : pl_slot_at(ex, t->slot);
    if (!slot) return pl_coll_free(c), -1;
    pl_coll_free(slot->coll);
    slot->coll = c;
    return 0;
}

int pl_coll_return(pl_exec *ex, const pl_expr *v)
{
    if (ex->call_depth == 0) return pl_raise(ex, 902); /* called from SQL: no SQL type */
    pl_coll *c;
    if (collection_value(ex, v, v->kind == EX_CALL ? v->call->sig->ret.coll : NULL, &c) < 0)
        return -1;
    pl_coll_free(ex->ret_coll);
    ex->ret_coll = c;
    ex->returned = 1;
    return 0;
}

/* The collection type assignment S moves: a function's result type, the value's when the
 * target is a client's array, else the target's; NULL raised. */
static const pl_coll_type *assigned_type(pl_exec *ex, const pl_stmt *s)
{
    const pl_target *t = s->target;
    const pl_expr *v = s->value;
    const pl_coll_type *ct = NULL;
    if (v->kind == EX_CALL) return v->call->sig->ret.coll;
    if (v->kind == EX_COLL_CTOR) return constructor_type(ex, v);
    if (t->kind == TG_BIND) return var_slot(ex, v->pkg, v->slot, &ct) ? ct : NULL;
    return var_slot(ex, t->kind == TG_PKG_VAR ? t->pkg : NULL, t->slot, &ct) ? ct : NULL;
}

static int exec_assign(pl_exec *ex, const pl_stmt *s)
{
    pl_coll *c;
    const pl_coll_type *ct = assigned_type(ex, s);
    if (!ct || collection_value(ex, s->value, ct, &c) < 0) return -1;
    return store_collection(ex, s->target, c);
}

int pl_coll_parameters_in(pl_exec *ex, pl_exec *callee, const pl_call *call, int first)
{
    for (int i = 0; i < call->sig->nparams; i++) {
        const pl_decl *d = callee->prog->decls[first + i];
        if (d->type.kind != TY_COLLECTION || !call->argv[i] || !(d->param_mode & PM_IN)) continue;
        pl_coll *c;
        if (collection_value(ex, call->argv[i], d->type.coll, &c) < 0) return -1;
        pl_slot *slot = pl_slot_at(callee, first + i);
        pl_coll_free(slot->coll);
        slot->coll = c;
    }
    return 0;
}

int pl_coll_parameter_out(pl_exec *ex, pl_exec *callee, const pl_expr *arg, int slot)
{
    pl_slot *s = pl_slot_at(callee, slot);
    pl_coll *c = s->coll ? s->coll : empty_or_null(callee->prog->decls[slot]->type.coll);
    s->coll = NULL;
    pl_target t = pl_argument_target(arg);
    return store_collection(ex, &t, c);
}

/* ---- BULK COLLECT and FORALL ---- */

int pl_coll_bulk_start(pl_exec *ex, const pl_stmt *st, int ncols)
{
    if (ncols < st->ntargets) return pl_raise(ex, 947);
    if (ncols > st->ntargets) return pl_raise(ex, 913);
    for (const pl_target *t = st->target; t; t = t->next) { /* a NULL nested table too */
        pl_slot *s = pl_slot_at(ex, t->slot);
        if (!s->coll) s->coll = pl_coll_new(0);
        pl_coll_clear(s->coll);
    }
    return 0;
}

int pl_coll_bulk_row(pl_exec *ex, const pl_stmt *st, const plsql_rows *rows, int row, int64_t index)
{
    int i = 0;
    for (const pl_target *t = st->target; t; t = t->next, i++) {
        const pl_coll_type *ct = type_of(ex, t->slot);
        if (ct->kind == CK_VARRAY && index > ct->limit) return pl_raise(ex, 6532);
        pval v = pv_from_host(&rows->values[(size_t)row * (size_t)rows->ncols + (size_t)i]);
        if (pl_conform(ex, &ct->elem, ct->not_null, &v) < 0) return pv_free(&v), -1;
        pl_coll *c = pl_coll_of(ex, t->slot);
        pv_move(pl_coll_put(c, &(pl_key){.i = index}), &v);
        if (index > c->size) c->size = index;
    }
    return 0;
}

int pl_coll_bulk_rows(pl_exec *ex, const pl_stmt *st, const plsql_rows *rows, int from, int n)
{
    if (pl_coll_bulk_start(ex, st, rows->ncols) < 0) return -1;
    for (int i = 0; i < n; i++)
        if (pl_coll_bulk_row(ex, st, rows, from + i, i + 1) < 0) return -1;
    return 0;
}

int pl_coll_bulk_limit(pl_exec *ex, const pl_stmt *st, int64_t *limit)
{
    *limit = -1;
    if (!st->hi) return 0;
    if (pl_loop_bound(ex, st->hi, limit) < 0) return -1;
    return *limit < 0 ? pl_raise(ex, 6502, "") : 0;
}

int pl_coll_bulk_fetch(pl_exec *ex, const pl_stmt *st, pl_cursor *c)
{
    int64_t limit, left = c->rows.nrows - c->next;
    if (pl_coll_bulk_limit(ex, st, &limit) < 0) return -1;
    int n = (int)(limit >= 0 && limit < left ? limit : left);
    if (pl_coll_bulk_rows(ex, st, &c->rows, c->next, n) < 0) return -1;
    c->next += n;
    c->found = limit >= 0 && n == limit && n > 0;
    return 0;
}

/* One run of FORALL's statement with its index at I, its rows counted into *TOTAL. */
static int forall_once(pl_exec *ex, const pl_stmt *s, int64_t i, int64_t *total)
{
    if (pl_safe_point(ex) < 0) return -1;
    pl_slot_at(ex, s->slot)->v = pv_int(i);
    if (pl_exec_sql(ex, s->body) < 0) return -1;
    *total += ex->sql_rowcount;
    return 0;
}

/* FORALL over INDICES OF / VALUES OF collection S->cursor. */
static int forall_collection(pl_exec *ex, const pl_stmt *s, int64_t *total)
{
    const pl_coll *c = pl_coll_of(ex, s->cursor);
    for (int pos = 0; pos < c->n; pos++) {
        int64_t i = c->e[pos].i;
        if (s->reverse) { /* VALUES OF: the element is the index */
            pval v = pv_copy(&c->e[pos].v);
            pl_type t = {.kind = TY_PLS_INTEGER};
            if (v.kind == PLSQL_NULL || pl_conform(ex, &t, 1, &v) < 0) return pv_free(&v), -1;
            i = v.i;
        }
        if (forall_once(ex, s, i, total) < 0) return -1;
    }
    return 0;
}

static int exec_forall(pl_exec *ex, const pl_stmt *s)
{
    int64_t total = 0, lo, hi;
    int rc;
    if (s->cursor >= 0) {
        rc = forall_collection(ex, s, &total);
    } else {
        rc = pl_loop_bound(ex, s->lo, &lo) < 0 || pl_loop_bound(ex, s->hi, &hi) < 0 ? -1 : 0;
        for (int64_t i = lo; rc == 0 && i <= hi; i++) rc = forall_once(ex, s, i, &total);
    }
    pl_slot_at(ex, s->slot)->v = pv_null();
    if (rc == 0) ex->sql_rowcount = total;
    return rc;
}

/* A count argument of EXTEND or TRIM (1 when left out) into *N. */
static int count_argument(pl_exec *ex, pl_expr *e, int64_t *n)
{
    *n = 1;
    if (e && pl_loop_bound(ex, e, n) < 0) return -1;
    return *n < 0 ? pl_raise(ex, 6532) : 0;
}

/* v.EXTEND [(n [, i])]: N more elements after its size, NULL or copies of element I. */
static int exec_extend(pl_exec *ex, const pl_stmt *s)
{
    const pl_coll_type *ct;
    pl_coll *c = coll_at(ex, s->value->pkg, s->value->slot, &ct);
    int64_t n, from;
    if (!c || count_argument(ex, s->lo, &n) < 0) return -1;
    pval model = pv_null();
    if (s->hi) {
        if (pl_loop_bound(ex, s->hi, &from) < 0) return -1;
        pl_key k = {.i = from};
        if (dense_subscript(ex, ct, c, &k) < 0) return -1;
        const pval *v = pl_coll_get(c, &k);
        if (!v) return pl_raise(ex, ORA_NO_DATA_FOUND);
        model = pv_copy(v);
    }
    if (ct->kind == CK_VARRAY && c->size + n > ct->limit) return pv_free(&model), pl_raise(ex, 6532);
    int rc = 0;
    for (int64_t i = 0; i < n && rc == 0; i++) {
        if ((i & 1023) == 1023) rc = pl_safe_point(ex);
        pval v = pv_copy(&model);
        pv_move(pl_coll_put(c, &(pl_key){.i = ++c->size}), &v);
    }
    pv_free(&model);
    return rc;
}

/* v.TRIM [(n)]: its last N elements (deleted ones too) gone. */
static int exec_trim(pl_exec *ex, const pl_stmt *s)
{
    const pl_coll_type *ct;
    pl_coll *c = coll_at(ex, s->value->pkg, s->value->slot, &ct);
    int64_t n;
    if (!c || count_argument(ex, s->lo, &n) < 0) return -1;
    if (n > c->size) return pl_raise(ex, 6533);
    if (n) pl_coll_delete_range(c, &(pl_key){.i = c->size - n + 1}, &(pl_key){.i = c->size});
    c->size -= n;
    return 0;
}

int pl_coll_declare(pl_exec *ex, int slot, pl_expr *init)
{
    pl_coll *c;
    if (collection_value(ex, init, ex->prog->decls[slot]->type.coll, &c) < 0) return -1;
    pl_slot *s = pl_slot_at(ex, slot);
    pl_coll_free(s->coll);
    s->coll = c;
    return 0;
}

int pl_coll_exec(pl_exec *ex, const pl_stmt *s)
{
    switch (s->kind) {
    case ST_COLL_ASSIGN:
        return exec_assign(ex, s);
    case ST_COLL_DELETE:
        return exec_delete(ex, s);
    case ST_COLL_EXTEND:
        return exec_extend(ex, s);
    case ST_COLL_TRIM:
        return exec_trim(ex, s);
    case ST_FORALL:
        return exec_forall(ex, s);
    default:
        return pl_raise(ex, ORA_INTERNAL, "pl_coll_exec");
    }
}
