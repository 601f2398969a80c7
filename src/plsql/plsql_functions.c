/*
 * plsql_functions.c - the functions the interpreter computes itself, because
 * they are frequent in loops and exact in decimal: NVL, TO_CHAR(x),
 * TO_NUMBER(x), and MOD, ABS, ROUND, TRUNC of numbers.  When the arguments
 * are something else (ROUND of a date, MOD of text), the host answers, as it
 * does for every other function.
 */
#include "plsql_int.h"

#define SCALE_LIMIT 200 /* ROUND(x, n) / TRUNC(x, n): n beyond this changes nothing */

static int nvl(pl_exec *ex, pl_expr *e, pval *out)
{
    if (pl_eval(ex, e->args, out) < 0) return -1;
    if (out->kind != PLSQL_NULL) return 0;
    return pl_eval(ex, e->args->next, out);
}

static int conversion(pl_exec *ex, pl_expr *e, pval *out)
{
    pdec d;
    if (pl_eval(ex, e->args, out) < 0) return -1;
    if (out->kind == PLSQL_NULL) return 0;
    if (e->op == FN_TO_CHAR) return pl_to_text(ex, out) < 0 ? (pv_free(out), -1) : 0;
    if (out->kind == PLSQL_NUMBER) return 0;
    int rc = pl_to_number(ex, out, &d);
    pv_free(out);
    if (rc == 0) *out = pv_dec(&d);
    return rc;
}

/* MOD(m, n): m - n * TRUNC(m / n), and m itself when n is 0. */
static int modulo(pl_exec *ex, const pval *m, const pval *n, pval *out)
{
    if (m->is_int && n->is_int) {
        *out = pv_int(n->i == 0 ? m->i : n->i == -1 ? 0 : m->i % n->i);
        return 0;
    }
    pdec a, b, q, prod, r;
    pv_to_dec(m, &a);
    pv_to_dec(n, &b);
    if (b.n == 0) return *out = pv_copy(m), 0;
    int rc = pdec_div(&a, &b, &q);
    if (rc == PDEC_OK) {
        pdec_trunc(&q, 0);
        rc = pdec_mul(&b, &q, &prod);
    }
    if (rc == PDEC_OK) rc = pdec_sub(&a, &prod, &r);
    return pl_number_result(ex, rc, &r, out);
}

/* ROUND or TRUNC of a number to N digits after the point. */
static int round_number(pl_exec *ex, int fn, const pval *x, const pval *digits, pval *out)
{
    pdec d, s;
    int64_t scale = 0;
    if (digits) {
        pv_to_dec(digits, &s);
        pdec_trunc(&s, 0);
        if (pdec_to_int(&s, &scale) != PDEC_OK || scale > SCALE_LIMIT) scale = SCALE_LIMIT;
        if (scale < -SCALE_LIMIT) scale = -SCALE_LIMIT;
    }
    pv_to_dec(x, &d);
    int rc = PDEC_OK;
    if (fn == FN_ROUND)
        rc = pdec_round(&d, (int)scale);
    else
        pdec_trunc(&d, (int)scale);
    return pl_number_result(ex, rc, &d, out);
}

static int numeric(pl_exec *ex, int fn, const pval *v, int n, pval *out)
{
    pdec d;
    switch (fn) {
    case FN_MOD:
        return modulo(ex, &v[0], &v[1], out);
    case FN_ABS:
        if (v->is_int && v->i != INT64_MIN) return *out = pv_int(v->i < 0 ? -v->i : v->i), 0;
        pv_to_dec(v, &d);
        d.neg = 0;
        *out = pv_dec(&d);
        return 0;
    default:
        return round_number(ex, fn, &v[0], n > 1 ? &v[1] : NULL, out);
    }
}

/* MOD, ABS, ROUND, TRUNC: natively for numbers, by the host otherwise. */
static int number_function(pl_exec *ex, pl_expr *e, pval *out)
{
    pval v[2] = {pv_null(), pv_null()};
    int n = 0, rc = 0, all_numbers = 1, any_null = 0;
    for (pl_expr *a = e->args; a && n < 2 && rc == 0; a = a->next, n++) {
        rc = pl_eval(ex, a, &v[n]);
        all_numbers &= v[n].kind == PLSQL_NUMBER;
        any_null |= v[n].kind == PLSQL_NULL;
    }
    if (rc == 0) {
        if (any_null)
            *out = pv_null();
        else if (all_numbers)
            rc = numeric(ex, e->op, v, n, out);
        else
            rc = pl_sql_value_of(ex, e->sql, v, n, out);
    }
    pv_free(&v[0]);
    pv_free(&v[1]);
    return rc;
}

int pl_native_call(pl_exec *ex, pl_expr *e, pval *out)
{
    switch (e->op) {
    case FN_NVL:
        return nvl(ex, e, out);
    case FN_TO_CHAR:
    case FN_TO_NUMBER:
        return conversion(ex, e, out);
    default:
        return number_function(ex, e, out);
    }
}
