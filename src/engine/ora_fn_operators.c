/*
 * ora_fn_operators.c - the operators whose meaning differs in SQLite, as the
 * SQL front end writes them: ORA_ADD, ORA_SUB, ORA_MUL and ORA_DIV.  Numbers
 * stay integers while they fit (no integer division: 7 / 2 is 3.5, / 0 is
 * ORA-01476); dates take days (date + 1, date - date in days with fractions);
 * intervals go to ora_fn_intervals.c, and so does timestamp - timestamp (an
 * INTERVAL DAY TO SECOND).
 *
 * ORA_XADD, ORA_XSUB, ORA_XMUL, ORA_XDIV and ORA_XNEG (unary minus) are the
 * same operators computed exactly, in 40 decimal digits, for values that go
 * straight to the client and are never compared or sorted by SQLite: the SQL
 * front end writes them in the top query's select list only (docs/design.md,
 * "Exact NUMBER").  Integers that fit stay on the integer path.
 */
#include <math.h>

#include "../common/calendar.h"
#include "../common/ora_error.h"
#include "ora_functions_int.h"

typedef enum arith { ADD = ARITH_ADD, SUB = ARITH_SUB, MUL = ARITH_MUL, DIV = ARITH_DIV } arith;

/* V[0] op V[1] in exact decimals. */
static void exact_number_op(sqlite3_context *c, sqlite3_value **v, arith op)
{
    pdec a, b, r;
    if (get_decimal(v[0], &a) < 0 || get_decimal(v[1], &b) < 0) return fail(c, ORA_INVALID_NUMBER);
    int rc = op == ADD   ? pdec_add(&a, &b, &r)
             : op == SUB ? pdec_sub(&a, &b, &r)
             : op == MUL ? pdec_mul(&a, &b, &r)
                         : pdec_div(&a, &b, &r);
    if (rc == PDEC_ZERO_DIVIDE) return fail(c, 1476);
    if (rc != PDEC_OK) return fail(c, 1426);
    result_decimal(c, &r);
}

/* date + days, days + date, date - days, date - date (days, with fractions). */
static void date_op(sqlite3_context *c, sqlite3_value **v, arith op, int a_date, int b_date)
{
    odate d, e;
    num n;
    if (a_date && b_date) {
        if (op != SUB) return fail(c, 975);
        get_date(v[0], &d), get_date(v[1], &e);
        if (is_timestamp_value(v[0]) || is_timestamp_value(v[1]) || d.has_tz || e.has_tz)
            return timestamp_difference(c, d, e);
        double secs =
            (double)(date_seconds(&d) - date_seconds(&e)) + ((double)d.nanos - e.nanos) / 1e9;
        return result_double(c, secs / CAL_SECONDS_PER_DAY);
    }
    if (op == MUL || op == DIV || (op == SUB && b_date)) return fail(c, 932, "NUMBER", "DATE");
    get_date(v[a_date ? 0 : 1], &d);
    if (get_num(v[a_date ? 1 : 0], &n) < 0) return fail(c, ORA_INVALID_NUMBER);
    double days = fmax(-1e7, fmin(1e7, op == SUB ? -n.d : n.d));
    date_from_seconds(date_seconds(&d) + (int64_t)llround(days * CAL_SECONDS_PER_DAY), &e);
    result_date(c, &e, 0);
}

/* Both integers, and the result one too: it is set, 1; else 0. */
static int integer_op(sqlite3_context *c, const num *a, const num *b, arith op)
{
    sqlite3_int64 r;
    if (!a->is_int || !b->is_int) return 0;
    if (op == DIV) {
        if (b->i == 0 || b->i == -1 || a->i % b->i) return 0;
        sqlite3_result_int64(c, a->i / b->i);
        return 1;
    }
    int overflow = op == ADD   ? __builtin_add_overflow(a->i, b->i, &r)
                   : op == SUB ? __builtin_sub_overflow(a->i, b->i, &r)
                               : __builtin_mul_overflow(a->i, b->i, &r);
    if (overflow) return 0;
    sqlite3_result_int64(c, r);
    return 1;
}

/* A op B in doubles. */
static void number_op(sqlite3_context *c, const num *a, const num *b, arith op)
{
    if (op == DIV && b->d == 0) return fail(c, 1476);
    result_double(c, op == ADD   ? a->d + b->d
                     : op == SUB ? a->d - b->d
                     : op == MUL ? a->d * b->d
                                 : a->d / b->d);
}

/* V[0] op V[1]; EXACT: numbers in decimal (ORA_X...). */
static void arithmetic(sqlite3_context *c, sqlite3_value **v, arith op, int exact)
{
    if (any_null(2, v)) return sqlite3_result_null(c);
    if (interval_arithmetic(c, v, op)) return;
    odate d;
    int a_date = !is_number_type(v[0]) && get_date(v[0], &d) == 0;
    int b_date = !is_number_type(v[1]) && get_date(v[1], &d) == 0;
    if (a_date || b_date) return date_op(c, v, op, a_date, b_date);
    num a, b;
    if (exact && !(sqlite3_value_type(v[0]) == SQLITE_INTEGER &&
                   sqlite3_value_type(v[1]) == SQLITE_INTEGER))
        return exact_number_op(c, v, op); /* (get_num would make a text a double) */
    if (get_num(v[0], &a) < 0 || get_num(v[1], &b) < 0) return fail(c, ORA_INVALID_NUMBER);
    if (integer_op(c, &a, &b, op)) return;
    if (exact) return exact_number_op(c, v, op);
    number_op(c, &a, &b, op);
}

void fn_add(sqlite3_context *c, int argc, sqlite3_value **v)
{
    arithmetic(c, v, ADD, 0);
}
void fn_xadd(sqlite3_context *c, int argc, sqlite3_value **v)
{
    arithmetic(c, v, ADD, 1);
}
void fn_sub(sqlite3_context *c, int argc, sqlite3_value **v)
{
    arithmetic(c, v, SUB, 0);
}
void fn_xsub(sqlite3_context *c, int argc, sqlite3_value **v)
{
    arithmetic(c, v, SUB, 1);
}
void fn_mul(sqlite3_context *c, int argc, sqlite3_value **v)
{
    arithmetic(c, v, MUL, 0);
}
void fn_xmul(sqlite3_context *c, int argc, sqlite3_value **v)
{
    arithmetic(c, v, MUL, 1);
}
void fn_div(sqlite3_context *c, int argc, sqlite3_value **v)
{
    arithmetic(c, v, DIV, 0);
}
void fn_xdiv(sqlite3_context *c, int argc, sqlite3_value **v)
{
    arithmetic(c, v, DIV, 1);
}

/* ORA_XNEG(x): -x, exactly; an interval negated. */
void fn_xneg(sqlite3_context *c, int argc, sqlite3_value **v)
{
    pdec d;
    if (sqlite3_value_type(v[0]) == SQLITE_NULL) return sqlite3_result_null(c);
    if (sqlite3_value_type(v[0]) == SQLITE_INTEGER && sqlite3_value_int64(v[0]) != INT64_MIN)
        return sqlite3_result_int64(c, -sqlite3_value_int64(v[0]));
    if (sqlite3_value_type(v[0]) == SQLITE_FLOAT)
        return sqlite3_result_double(c, -sqlite3_value_double(v[0]));
    if (interval_negate(c, v[0])) return;
    odate date;
    if (!is_number_type(v[0]) && get_date(v[0], &date) == 0) return fail(c, 932, "NUMBER", "DATE");
    if (get_decimal(v[0], &d) < 0) return fail(c, ORA_INVALID_NUMBER);
    d.neg = d.n ? !d.neg : 0;
    result_decimal(c, &d);
}
