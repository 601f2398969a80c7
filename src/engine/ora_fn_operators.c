/*
 * ora_fn_operators.c - the operators whose meaning differs in SQLite, as the
 * SQL front end writes them: ORA_ADD, ORA_SUB, ORA_MUL and ORA_DIV.  Numbers
 * stay integers while they fit (no integer division: 7 / 2 is 3.5, / 0 is
 * ORA-01476); dates take days (date + 1, date - date in days with fractions);
 * intervals go to ora_fn_intervals.c, and so does timestamp - timestamp (an
 * INTERVAL DAY TO SECOND).
 */
#include <math.h>

#include "../common/calendar.h"
#include "../common/ora_error.h"
#include "ora_functions_int.h"

typedef enum arith { ADD = ARITH_ADD, SUB = ARITH_SUB, MUL = ARITH_MUL, DIV = ARITH_DIV } arith;

static void number_op(sqlite3_context *c, const num *a, const num *b, arith op)
{
    sqlite3_int64 r;
    if (op == DIV) {
        if (b->d == 0) return fail(c, 1476);
        if (a->is_int && b->is_int && b->i != -1 && a->i % b->i == 0)
            return sqlite3_result_int64(c, a->i / b->i);
        return result_double(c, a->d / b->d);
    }
    if (a->is_int && b->is_int) {
        int overflow = op == ADD   ? __builtin_add_overflow(a->i, b->i, &r)
                       : op == SUB ? __builtin_sub_overflow(a->i, b->i, &r)
                                   : __builtin_mul_overflow(a->i, b->i, &r);
        if (!overflow) return sqlite3_result_int64(c, r);
    }
    result_double(c, op == ADD ? a->d + b->d : op == SUB ? a->d - b->d : a->d * b->d);
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

static void arithmetic(sqlite3_context *c, sqlite3_value **v, arith op)
{
    if (any_null(2, v)) return sqlite3_result_null(c);
    if (interval_arithmetic(c, v, op)) return;
    odate d;
    int a_date = !is_number_type(v[0]) && get_date(v[0], &d) == 0;
    int b_date = !is_number_type(v[1]) && get_date(v[1], &d) == 0;
    if (a_date || b_date) return date_op(c, v, op, a_date, b_date);
    num a, b;
    if (get_num(v[0], &a) < 0 || get_num(v[1], &b) < 0) return fail(c, ORA_INVALID_NUMBER);
    number_op(c, &a, &b, op);
}

void fn_add(sqlite3_context *c, int argc, sqlite3_value **v)
{
    arithmetic(c, v, ADD);
}
void fn_sub(sqlite3_context *c, int argc, sqlite3_value **v)
{
    arithmetic(c, v, SUB);
}
void fn_mul(sqlite3_context *c, int argc, sqlite3_value **v)
{
    arithmetic(c, v, MUL);
}
void fn_div(sqlite3_context *c, int argc, sqlite3_value **v)
{
    arithmetic(c, v, DIV);
}
