/*
 * ora_fn_sums.c - SUM and AVG as Oracle computes them: exactly, in decimal.
 *
 * SQLite adds doubles: ten rows of 0.1 sum to 0.9999999999999999, and
 * 1e20 + 1 - 1e20 to 0. Oracle's NUMBER sums are exact, so the SQL front end
 * writes SUM and AVG of numbers as these aggregates (also as window
 * functions, with an inverse step):
 *   ORA_SUM, ORA_AVG    a result SQLite may compare: an integer that fits,
 *                       else the nearest double to the exact result;
 *   ORA_XSUM, ORA_XAVG  in the top query's select list, where the value only
 *                       goes to the client (docs/design.md "Exact NUMBER"):
 *                       the exact result, as result_decimal() holds it.
 *
 * The sum is kept as a scaled integer while it can be: UNITS / 10^SCALE in
 * 128 bits.  A NUMBER column's values are integers and doubles that stand
 * for decimals of 15 digits or so (0.1, 19.99); such a double is its shortest
 * decimal M / 10^K, found by trying K = 0, 1, ... (a few multiplications, no
 * text).  Anything else (longer doubles, a number's text) and a sum that
 * outgrows 36 digits switch the sum to a 40-digit decimal (decimal.h).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../common/ora_error.h"
#include "ora_functions_int.h"

#define SCALED_MAX 17                     /* the largest scale of a double's decimal */
#define MANTISSA_LIMIT 9007199254740992.0 /* 2^53: beyond, a double is no short decimal */

/* |units| stays below 10^36: room to rescale and add without overflow */
static const __int128 UNITS_LIMIT = (__int128)1000000000000000000 * 1000000000000000000;

/* A 128-bit integer at 8-byte alignment: all SQLite promises an aggregate's state. */
typedef __int128 units128 __attribute__((aligned(8)));

/* The state of a sum: COUNT values, their sum UNITS / 10^SCALE, or DEC once IN_DECIMAL. */
typedef struct exact_sum {
    int64_t count;
    int in_decimal;
    int scale;
    units128 units;
    pdec dec;
} exact_sum;

/* (a table: pow10i is a libm call, and the search below may try 18 scales per value) */
static const double pow10_double[SCALED_MAX + 1] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,
    1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
};

static __int128 pow10_int(int k)
{
    __int128 p = 1;
    while (k-- > 0) p *= 10;
    return p;
}

/* V as M / 10^K with |M| < 2^53 times 10^K (an integer, or a double that is a short decimal):
 * 1, else 0. */
static int scaled_value(sqlite3_value *v, __int128 *m, int *k)
{
    if (sqlite3_value_type(v) == SQLITE_INTEGER) return *m = sqlite3_value_int64(v), *k = 0, 1;
    if (sqlite3_value_type(v) != SQLITE_FLOAT) return 0;
    double d = sqlite3_value_double(v);
    for (int s = 0; s <= SCALED_MAX; s++) {
        double t = d * pow10_double[s];
        if (!(fabs(t) < MANTISSA_LIMIT)) return 0; /* also NaN and infinities */
        double r = nearbyint(t);
        if (r / pow10_double[s] == d) return *m = (__int128)r, *k = s, 1;
    }
    return 0;
}

/* UNITS / 10^SCALE as a decimal. */
static void scaled_to_decimal(__int128 units, int scale, pdec *out)
{
    char digits[64], text[80];
    unsigned __int128 u = units < 0 ? -(unsigned __int128)units : (unsigned __int128)units;
    int n = 0;
    do {
        digits[n++] = (char)('0' + (int)(u % 10));
        u /= 10;
    } while (u);
    int len = snprintf(text, sizeof text, "%s", units < 0 ? "-" : "");
    for (int i = n - 1; i >= 0; i--) text[len++] = digits[i];
    snprintf(text + len, sizeof text - (size_t)len, "e-%d", scale);
    pdec_parse(text, out);
}

/* Move S to its decimal form. */
static void to_decimal(exact_sum *s)
{
    if (s->in_decimal) return;
    scaled_to_decimal(s->units, s->scale, &s->dec);
    s->in_decimal = 1;
}

/* Add M / 10^K to the scaled sum: 0, or -1 when it would outgrow it. */
static int add_scaled(exact_sum *s, __int128 m, int k)
{
    __int128 units = s->units;
    if (k > s->scale) {
        __int128 p = pow10_int(k - s->scale);
        if (units > UNITS_LIMIT / p || units < -UNITS_LIMIT / p) return -1;
        units *= p;
    }
    int scale = k > s->scale ? k : s->scale;
    units += m * pow10_int(scale - k);
    if (units >= UNITS_LIMIT || units <= -UNITS_LIMIT) return -1;
    s->units = units, s->scale = scale;
    return 0;
}

/* Add V (SIGN 1) to the sum, or take it away (SIGN -1: a window's inverse step). */
static void sum_step(sqlite3_context *c, sqlite3_value *v, int sign)
{
    exact_sum *s = sqlite3_aggregate_context(c, sizeof *s);
    if (!s) return sqlite3_result_error_nomem(c);
    if (sqlite3_value_type(v) == SQLITE_NULL) return;
    __int128 m;
    int k;
    if (!s->in_decimal && scaled_value(v, &m, &k) && add_scaled(s, sign * m, k) == 0) {
        s->count += sign;
        return;
    }
    pdec d, r;
    if (get_decimal(v, &d) < 0) return fail(c, ORA_INVALID_NUMBER);
    to_decimal(s);
    int rc = sign > 0 ? pdec_add(&s->dec, &d, &r) : pdec_sub(&s->dec, &d, &r);
    if (rc != PDEC_OK) return fail(c, 1426); /* numeric overflow */
    s->dec = r;
    s->count += sign;
}

void fn_sum_step(sqlite3_context *c, int argc, sqlite3_value **v)
{
    sum_step(c, v[0], 1);
}
void fn_sum_inverse(sqlite3_context *c, int argc, sqlite3_value **v)
{
    sum_step(c, v[0], -1);
}

/* D as the result: exactly (EXACT), else an integer that fits or the nearest double. */
static void result_of(sqlite3_context *c, const pdec *d, int exact)
{
    int64_t i;
    if (exact) return result_decimal(c, d);
    if (pdec_to_int(d, &i) == PDEC_OK) return sqlite3_result_int64(c, i);
    sqlite3_result_double(c, pdec_to_double(d));
}

/* The sum so far (AVERAGE: divided by the count) as the result; NULL without values. The
 * state stays: this is the window's value as well as the final result. */
static void sum_result(sqlite3_context *c, int average, int exact)
{
    exact_sum *s = sqlite3_aggregate_context(c, 0);
    if (!s || s->count == 0) return sqlite3_result_null(c);
    if (!average && !s->in_decimal && s->scale == 0 && s->units <= INT64_MAX &&
        s->units >= INT64_MIN)
        return sqlite3_result_int64(c, (int64_t)s->units);
    pdec sum, count, r;
    if (s->in_decimal)
        sum = s->dec;
    else
        scaled_to_decimal(s->units, s->scale, &sum);
    if (!average) return result_of(c, &sum, exact);
    pdec_from_int(s->count, &count);
    if (pdec_div(&sum, &count, &r) != PDEC_OK) return fail(c, 1426);
    result_of(c, &r, exact);
}

void fn_sum_final(sqlite3_context *c)
{
    sum_result(c, 0, 0);
}
void fn_xsum_final(sqlite3_context *c)
{
    sum_result(c, 0, 1);
}
void fn_avg_final(sqlite3_context *c)
{
    sum_result(c, 1, 0);
}
void fn_xavg_final(sqlite3_context *c)
{
    sum_result(c, 1, 1);
}
