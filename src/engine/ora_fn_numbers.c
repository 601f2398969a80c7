/*
 * ora_fn_numbers.c - Oracle's number functions MOD, POWER, CEIL, FLOOR, BITAND and
 * SIGN (TRUNC and ROUND, which take dates too, are in ora_fn_dates.c).
 * Integers stay integers; a double result is tidied to 15 significant digits.
 */
#include <math.h>

#include "../common/ora_error.h"
#include "ora_functions_int.h"

void fn_mod(sqlite3_context *c, int argc, sqlite3_value **v)
{
    num n[2];
    if (get_nums(c, 2, v, n) < 0) return;
    if (n[0].is_int && n[1].is_int) {
        if (n[1].i == 0) return sqlite3_result_int64(c, n[0].i);
        if (n[1].i == -1) return sqlite3_result_int64(c, 0);
        return sqlite3_result_int64(c, n[0].i % n[1].i);
    }
    if (n[1].d == 0) return result_double(c, n[0].d);
    result_double(c, n[0].d - n[1].d * trunc(tidy(n[0].d / n[1].d)));
}

void fn_power(sqlite3_context *c, int argc, sqlite3_value **v)
{
    num n[2];
    if (get_nums(c, 2, v, n) < 0) return;
    if (n[0].d < 0 && n[1].d != floor(n[1].d)) return fail(c, 1428, "");
    result_double(c, pow(n[0].d, n[1].d));
}

void fn_ceil(sqlite3_context *c, int argc, sqlite3_value **v)
{
    num n;
    if (get_nums(c, 1, v, &n) < 0) return;
    if (n.is_int) return sqlite3_result_int64(c, n.i);
    result_double(c, ceil(tidy(n.d)));
}

void fn_floor(sqlite3_context *c, int argc, sqlite3_value **v)
{
    num n;
    if (get_nums(c, 1, v, &n) < 0) return;
    if (n.is_int) return sqlite3_result_int64(c, n.i);
    result_double(c, floor(tidy(n.d)));
}

void fn_sign(sqlite3_context *c, int argc, sqlite3_value **v)
{
    num n;
    if (get_nums(c, 1, v, &n) < 0) return;
    sqlite3_result_int(c, (n.d > 0) - (n.d < 0));
}

/* An integer operand of BITAND (truncated, as Oracle takes a fraction) into *OUT: 0, or -1 after
 * failing C (ORA-01722, ORA-01426 beyond 64 bits). */
static int bitand_operand(sqlite3_context *c, sqlite3_value *v, int64_t *out)
{
    pdec d;
    if (get_decimal(v, &d) < 0) {
        fail(c, ORA_INVALID_NUMBER);
        return -1;
    }
    pdec_trunc(&d, 0);
    if (pdec_to_int(&d, out) != PDEC_OK) {
        fail(c, 1426);
        return -1;
    }
    return 0;
}

/* BITAND(a, b): the AND of the two's complement bits of two integers, exact to 64 bits. */
void fn_bitand(sqlite3_context *c, int argc, sqlite3_value **v)
{
    int64_t a, b;
    if (any_null(2, v)) return sqlite3_result_null(c);
    if (bitand_operand(c, v[0], &a) < 0 || bitand_operand(c, v[1], &b) < 0) return;
    sqlite3_result_int64(c, a & b);
}
