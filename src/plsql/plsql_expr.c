/*
 * plsql_expr.c - evaluating expressions with Oracle's semantics: NULL in,
 * NULL out (three-valued AND/OR/NOT, short-circuit), '' is NULL, exact
 * decimal arithmetic with an integer fast path, comparisons across numbers,
 * text and dates (by instant when both carry a time zone), LIKE, BETWEEN,
 * IN, CASE, NVL, SQLCODE/SQLERRM and cursor attributes.  Date and interval
 * arithmetic and the functions compiled as EX_SQL are answered by the host.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../net/datetime.h"
#include "../net/interval.h"
#include "plsql_collection.h"

static int set_truth(pval *out, int truth) /* 1, 0, -1 NULL */
{
    *out = truth < 0 ? pv_null() : pv_bool(truth);
    return 0;
}

static int truth_of(pl_exec *ex, const pval *v, int *truth)
{
    if (v->kind == PLSQL_NULL) return *truth = -1, 0;
    if (v->kind != PLSQL_BOOLEAN) return pl_raise(ex, 6502, "");
    *truth = (int)v->i;
    return 0;
}

int pl_eval_cond(pl_exec *ex, pl_expr *e, int *truth)
{
    pval v;
    if (pl_eval(ex, e, &v) < 0) return -1;
    int rc = truth_of(ex, &v, truth);
    pv_free(&v);
    return rc;
}

/* ---------------- comparisons ---------------- */

static int compare_numbers(pl_exec *ex, const pval *a, const pval *b, int *cmp)
{
    if (a->is_int && b->is_int) return *cmp = (a->i > b->i) - (a->i < b->i), 0;
    pdec x, y;
    if (pl_to_number(ex, a, &x) < 0 || pl_to_number(ex, b, &y) < 0) return -1;
    *cmp = pdec_cmp(&x, &y);
    return 0;
}

/* Two datetimes' storage texts: by instant when both carry a time zone, else by their fields
 * (whatever their fraction digits). */
static int compare_dates(const char *a, const char *b)
{
    odate x, y;
    if (odate_parse(a, &x) < 0 || odate_parse(b, &y) < 0) return strcmp(a, b);
    int zoned = x.has_tz && y.has_tz;
    int64_t sx = odate_seconds(&x) - (zoned ? x.tz_minutes * 60 : 0),
            sy = odate_seconds(&y) - (zoned ? y.tz_minutes * 60 : 0);
    if (sx != sy) return sx < sy ? -1 : 1;
    return (x.nanos > y.nanos) - (x.nanos < y.nanos);
}

int pl_compare(pl_exec *ex, pval *a, pval *b, int *cmp)
{
    if (a->kind == PLSQL_NULL || b->kind == PLSQL_NULL) return 1;
    if ((a->kind == PLSQL_BOOLEAN) != (b->kind == PLSQL_BOOLEAN)) return pl_raise(ex, 6502, "");
    if (a->kind == PLSQL_BOOLEAN) return *cmp = (int)(a->i - b->i), 0;
    if (a->kind == PLSQL_NUMBER || b->kind == PLSQL_NUMBER) return compare_numbers(ex, a, b, cmp);
    if ((a->kind == PLSQL_DATE || b->kind == PLSQL_DATE) &&
        (pl_to_date(ex, a) < 0 || pl_to_date(ex, b) < 0))
        return -1;
    if (a->kind == PLSQL_NULL || b->kind == PLSQL_NULL) return 1;
    int c = a->kind == PLSQL_DATE ? compare_dates(a->text, b->text) : strcmp(a->text, b->text);
    *cmp = (c > 0) - (c < 0);
    return 0;
}

static int comparison_result(int op, int cmp)
{
    switch (op) {
    case OP_EQ:
        return cmp == 0;
    case OP_NE:
        return cmp != 0;
    case OP_LT:
        return cmp < 0;
    case OP_LE:
        return cmp <= 0;
    case OP_GT:
        return cmp > 0;
    default:
        return cmp >= 0;
    }
}

/* 1, 0, or -1 (NULL) for A op B; -2 on error. */
static int compare_truth(pl_exec *ex, int op, pval *a, pval *b)
{
    int cmp, rc = pl_compare(ex, a, b, &cmp);
    if (rc < 0) return -2;
    return rc == 1 ? -1 : comparison_result(op, cmp);
}

/* ---------------- arithmetic and concatenation ---------------- */

/* Integers that stay integers; 0 when the decimal path must take over. */
static int int_arithmetic(int op, int64_t a, int64_t b, pval *out)
{
    int64_t r;
    switch (op) {
    case OP_ADD:
        if (__builtin_add_overflow(a, b, &r)) return 0;
        break;
    case OP_SUB:
        if (__builtin_sub_overflow(a, b, &r)) return 0;
        break;
    case OP_MUL:
        if (__builtin_mul_overflow(a, b, &r)) return 0;
        break;
    default:
        if (b == 0 || (a == INT64_MIN && b == -1) || a % b != 0) return 0;
        r = a / b;
    }
    *out = pv_int(r);
    return 1;
}

/* Datetimes and intervals: the host's operators compute them. */
static int date_arithmetic(pl_exec *ex, int op, const pval *a, const pval *b, pval *out)
{
    static const char *const sql[] = {"SELECT :1 + :2 FROM DUAL", "SELECT :1 - :2 FROM DUAL",
                                      "SELECT :1 * :2 FROM DUAL", "SELECT :1 / :2 FROM DUAL"};
    pval args[2] = {*a, *b};
    return pl_sql_value_of(ex, sql[op - OP_ADD], args, 2, out);
}

/* An interval's text ("+01 02:03:04.000000", "-01-06")? */
static int is_interval_text(const pval *v)
{
    ointerval iv;
    return v->kind == PLSQL_TEXT && ointerval_parse(v->text, &iv) == 0;
}

static int arithmetic(pl_exec *ex, int op, const pval *a, const pval *b, pval *out)
{
    if (a->kind == PLSQL_NULL || b->kind == PLSQL_NULL) return *out = pv_null(), 0;
    if (a->kind == PLSQL_DATE || b->kind == PLSQL_DATE || is_interval_text(a) ||
        is_interval_text(b))
        return date_arithmetic(ex, op, a, b, out);
    if (a->is_int && b->is_int && int_arithmetic(op, a->i, b->i, out)) return 0;
    pdec x, y, r;
    if (pl_to_number(ex, a, &x) < 0 || pl_to_number(ex, b, &y) < 0) return -1;
    int rc = op == OP_ADD   ? pdec_add(&x, &y, &r)
             : op == OP_SUB ? pdec_sub(&x, &y, &r)
             : op == OP_MUL ? pdec_mul(&x, &y, &r)
                            : pdec_div(&x, &y, &r);
    return pl_number_result(ex, rc, &r, out);
}

static int concat(pl_exec *ex, pval *a, pval *b, pval *out)
{
    if (pl_to_text(ex, a) < 0 || pl_to_text(ex, b) < 0) return -1;
    size_t la = a->text ? strlen(a->text) : 0, lb = b->text ? strlen(b->text) : 0;
    if (la + lb > PL_MAX_TEXT) return pl_raise(ex, 6502, ": character string buffer too small");
    char *s = xmalloc(la + lb + 1);
    if (la) memcpy(s, a->text, la);
    if (lb) memcpy(s + la, b->text, lb);
    s[la + lb] = 0;
    *out = pv_take_text(PLSQL_TEXT, s);
    return 0;
}

static int negate(pl_exec *ex, const pval *a, pval *out)
{
    if (a->kind == PLSQL_NULL) return *out = pv_null(), 0;
    if (a->is_int && a->i != INT64_MIN) return *out = pv_int(-a->i), 0;
    pdec d;
    if (pl_to_number(ex, a, &d) < 0) return -1;
    if (d.n) d.neg = !d.neg;
    *out = pv_dec(&d);
    return 0;
}

/* ---------------- operators ---------------- */

/* AND / OR, evaluating the right side only when it can change the answer. */
static int logical(pl_exec *ex, pl_expr *e, pval *out)
{
    int a, b, decisive = e->op == OP_OR;
    if (pl_eval_cond(ex, e->a, &a) < 0) return -1;
    if (a == decisive) return set_truth(out, decisive);
    if (pl_eval_cond(ex, e->b, &b) < 0) return -1;
    if (b == decisive) return set_truth(out, decisive);
    return set_truth(out, a < 0 || b < 0 ? -1 : !decisive);
}

static int binary(pl_exec *ex, pl_expr *e, pval *out)
{
    if (e->op == OP_AND || e->op == OP_OR) return logical(ex, e, out);
    pval a, b;
    if (pl_eval(ex, e->a, &a) < 0) return -1;
    if (pl_eval(ex, e->b, &b) < 0) return pv_free(&a), -1;
    int rc;
    if (e->op == OP_CONCAT) {
        rc = concat(ex, &a, &b, out);
    } else if (e->op >= OP_EQ) {
        int t = compare_truth(ex, e->op, &a, &b);
        rc = t == -2 ? -1 : set_truth(out, t);
    } else {
        rc = arithmetic(ex, e->op, &a, &b, out);
    }
    pv_free(&a);
    pv_free(&b);
    return rc;
}

static int unary(pl_exec *ex, pl_expr *e, pval *out)
{
    pval a;
    if (pl_eval(ex, e->a, &a) < 0) return -1;
    int rc, t = -1;
    if (e->op == OP_NOT)
        rc = truth_of(ex, &a, &t) < 0 ? -1 : set_truth(out, t < 0 ? -1 : !t);
    else
        rc = negate(ex, &a, out);
    pv_free(&a);
    return rc;
}

static int negated_truth(const pl_expr *e, pval *out, int truth)
{
    return set_truth(out, e->negated && truth >= 0 ? !truth : truth);
}

static int is_null(pl_exec *ex, pl_expr *e, pval *out)
{
    int coll_null;
    if (e->a->kind == EX_COLL)
        return pl_coll_is_null(ex, e->a, &coll_null) < 0 ? -1 : negated_truth(e, out, coll_null);
    pval a;
    if (pl_eval(ex, e->a, &a) < 0) return -1;
    int null = a.kind == PLSQL_NULL;
    pv_free(&a);
    return negated_truth(e, out, null);
}

/* ---------------- LIKE ---------------- */

static int char_len(const char *s)
{
    unsigned c = (unsigned char)*s;
    int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    for (int i = 1; i < n; i++)
        if (!s[i]) return i;
    return n;
}

/* 1 match, 0 no match, -1 for a bad escape sequence. ESC: the escape character or NULL. */
static int like_match(const char *s, const char *p, const char *esc)
{
    const char *retry_p = NULL, *retry_s = NULL;
    size_t esclen = esc ? strlen(esc) : 0;
    while (*s) {
        if (esc && strncmp(p, esc, esclen) == 0) {
            const char *lit = p + esclen;
            int n = char_len(lit);
            if (!*lit || !(*lit == '%' || *lit == '_' || strncmp(lit, esc, esclen) == 0)) return -1;
            if (strncmp(s, lit, (size_t)n) == 0) {
                s += n, p = lit + n;
                continue;
            }
        } else if (*p == '%') {
            retry_p = ++p, retry_s = s;
            continue;
        } else if (*p == '_') {
            s += char_len(s), p++;
            continue;
        } else if (*p && *p == *s) {
            s++, p++;
            continue;
        }
        if (!retry_p) return 0;
        retry_s += char_len(retry_s);
        s = retry_s, p = retry_p;
    }
    while (*p == '%')
        p++;
    return *p == 0;
}

static int like(pl_exec *ex, pl_expr *e, pval *out)
{
    pval v[3] = {pv_null(), pv_null(), pv_null()};
    int rc = -1, n = e->c ? 3 : 2, null = 0;
    pl_expr *x[3] = {e->a, e->b, e->c};
    for (int i = 0; i < n; i++) {
        if (pl_eval(ex, x[i], &v[i]) < 0 || pl_to_text(ex, &v[i]) < 0) goto done;
        null |= v[i].kind == PLSQL_NULL;
    }
    if (null) {
        rc = set_truth(out, -1);
    } else if (n == 3 && (int)strlen(v[2].text) != char_len(v[2].text)) {
        pl_raise(ex, 1425);
    } else {
        int m = like_match(v[0].text, v[1].text, n == 3 ? v[2].text : NULL);
        rc = m < 0 ? pl_raise(ex, 1424) : negated_truth(e, out, m);
    }
done:
    for (int i = 0; i < 3; i++)
        pv_free(&v[i]);
    return rc;
}

/* ---------------- BETWEEN, IN, CASE ---------------- */

static int and3(int a, int b)
{
    return a == 0 || b == 0 ? 0 : a < 0 || b < 0 ? -1 : 1;
}

static int between(pl_exec *ex, pl_expr *e, pval *out)
{
    pval a, lo = pv_null(), hi = pv_null();
    if (pl_eval(ex, e->a, &a) < 0) return -1;
    int rc = -1, ge, le;
    if (pl_eval(ex, e->b, &lo) < 0 || pl_eval(ex, e->c, &hi) < 0) goto done;
    if ((ge = compare_truth(ex, OP_GE, &a, &lo)) == -2) goto done;
    if ((le = compare_truth(ex, OP_LE, &a, &hi)) == -2) goto done;
    rc = negated_truth(e, out, and3(ge, le));
done:
    pv_free(&a), pv_free(&lo), pv_free(&hi);
    return rc;
}

static int in_list(pl_exec *ex, pl_expr *e, pval *out)
{
    pval a;
    if (pl_eval(ex, e->a, &a) < 0) return -1;
    int truth = 0;
    for (pl_expr *x = e->args; x && truth != 1; x = x->next) {
        pval v;
        if (pl_eval(ex, x, &v) < 0) return pv_free(&a), -1;
        int t = compare_truth(ex, OP_EQ, &a, &v);
        pv_free(&v);
        if (t == -2) return pv_free(&a), -1;
        if (t != 0) truth = t;
    }
    pv_free(&a);
    return negated_truth(e, out, truth);
}

/* Does WHEN match: equal to the selector, or true when there is none?  -1 on error. */
static int when_matches(pl_exec *ex, pval *selector, pl_expr *when)
{
    int t;
    if (!selector) return pl_eval_cond(ex, when, &t) < 0 ? -1 : t == 1;
    pval v;
    if (pl_eval(ex, when, &v) < 0) return -1;
    t = compare_truth(ex, OP_EQ, selector, &v);
    pv_free(&v);
    return t == -2 ? -1 : t == 1;
}

static int case_expr(pl_exec *ex, pl_expr *e, pval *out)
{
    pval sel = pv_null();
    if (e->a && pl_eval(ex, e->a, &sel) < 0) return -1;
    pl_expr *result = e->c;
    for (pl_expr *w = e->args; w; w = w->next->next) {
        int m = when_matches(ex, e->a ? &sel : NULL, w);
        if (m < 0) return pv_free(&sel), -1;
        if (m) {
            result = w->next;
            break;
        }
    }
    pv_free(&sel);
    if (!result) return *out = pv_null(), 0;
    return pl_eval(ex, result, out);
}

/* ---------------- SQLCODE, SQLERRM, attributes, fields ---------------- */

static void sqlerrm_text(int64_t code, char *out, size_t outsz)
{
    ora_error err;
    size_t len;
    if (code == 0) {
        snprintf(out, outsz, "%s", pl_sqlerrm(NULL, &len));
    } else if (code > 0 && code != 100) {
        snprintf(out, outsz, "-%lld: non-ORACLE exception ", (long long)code);
    } else {
        ora_set(&err, code == 100 ? ORA_NO_DATA_FOUND : (int)-code, 0);
        snprintf(out, outsz, "%s", err.msg);
    }
}

/* SQLERRM(code) */
static int sqlerrm_of(pl_exec *ex, pl_expr *e, pval *out)
{
    pval v;
    pdec d;
    int64_t code = 0;
    if (pl_eval(ex, e->a, &v) < 0) return -1;
    int rc = v.kind == PLSQL_NULL ? 1 : pl_to_number(ex, &v, &d);
    pv_free(&v);
    if (rc < 0) return -1;
    if (rc == 0 && (pdec_round(&d, 0) != PDEC_OK || pdec_to_int(&d, &code) != PDEC_OK ||
                    code < -99999 || code > 99999))
        code = -99999;
    char text[ORA_MSG_MAX];
    sqlerrm_text(code, text, sizeof text);
    *out = pv_text(text, strlen(text));
    return 0;
}

static int sqlerrm(pl_exec *ex, pl_expr *e, pval *out)
{
    size_t len;
    if (e->a) return sqlerrm_of(ex, e, out);
    const char *msg = pl_sqlerrm(ex->handling, &len);
    *out = pv_text(msg, len);
    return 0;
}

static int cursor_attribute(pl_exec *ex, pl_expr *e, pval *out)
{
    int64_t count;
    int found;
    if (e->slot < 0) {
        if (e->op == ATTR_ISOPEN) return set_truth(out, 0);
        count = ex->sql_rowcount;
        found = count < 0 ? -1 : count > 0;
    } else {
        const pl_cursor *c = ex->prog->decls[e->slot]->type.kind == TY_REFCURSOR
                                 ? pl_refcursor_state(ex, e->slot)
                                 : &pl_slot_at(ex, e->slot)->cur;
        if (e->op == ATTR_ISOPEN) return set_truth(out, c->is_open);
        if (!c->is_open) return pl_raise(ex, 1001);
        count = c->next;
        found = c->found;
    }
    if (e->op == ATTR_ROWCOUNT) return *out = count < 0 ? pv_null() : pv_int(count), 0;
    if (e->op == ATTR_NOTFOUND && found >= 0) found = !found;
    return set_truth(out, found);
}

static int field(pl_exec *ex, pl_expr *e, pval *out)
{
    int i = pl_record_find(ex, e->slot, e->name, e->off, &e->field_idx);
    if (i < 0) return -1;
    *out = pv_copy(&pl_slot_at(ex, e->slot)->rec.vals[i]);
    return 0;
}

int pl_eval(pl_exec *ex, pl_expr *e, pval *out)
{
    switch (e->kind) {
    case EX_LITERAL:
        return *out = pv_copy(&e->lit), 0;
    case EX_VAR:
        return *out = pv_copy(&pl_slot_at(ex, e->slot)->v), 0;
    case EX_FIELD:
        return field(ex, e, out);
    case EX_BIND:
        if (ex->binds[e->slot].kind == PLSQL_ARRAY) return pl_coll_whole_value(ex, e);
        return *out = pv_from_host(&ex->binds[e->slot]), 0;
    case EX_UNARY:
        return unary(ex, e, out);
    case EX_BINARY:
        return binary(ex, e, out);
    case EX_IS_NULL:
        return is_null(ex, e, out);
    case EX_LIKE:
        return like(ex, e, out);
    case EX_BETWEEN:
        return between(ex, e, out);
    case EX_IN:
        return in_list(ex, e, out);
    case EX_CASE:
        return case_expr(ex, e, out);
    case EX_NATIVE:
        return pl_native_call(ex, e, out);
    case EX_SQL:
        return pl_sql_value(ex, e->sql, e->args, out);
    case EX_SQLCODE:
        return *out = pv_int(pl_sqlcode(ex->handling)), 0;
    case EX_SQLERRM:
        return sqlerrm(ex, e, out);
    case EX_CURSOR_ATTR:
        return cursor_attribute(ex, e, out);
    case EX_CALL:
        if (e->sty == STY_COLL) return pl_coll_whole_value(ex, e); /* a collection's function */
        return pl_call_unit(ex, e->call, out);
    case EX_COLL:
    case EX_COLL_CTOR:
        return pl_coll_whole_value(ex, e);
    case EX_ELEM:
        return pl_coll_eval_element(ex, e, out);
    case EX_COLL_METHOD:
        return pl_coll_eval_method(ex, e, out);
    case EX_PKG_VAR: {
        pl_slot *slot = pl_package_slot(ex, e->pkg, e->slot, NULL);
        return slot ? (*out = pv_copy(&slot->v), 0) : -1;
    }
    }
    return pl_raise(ex, ORA_INTERNAL, "pl_eval");
}
