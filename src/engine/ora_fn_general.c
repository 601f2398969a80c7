/*
 * ora_fn_general.c - USER, the NULL functions (NVL, NVL2) and the
 * comparing ones (DECODE, GREATEST, LEAST), which compare as Oracle does:
 * numerically when either side is a number, else as text.
 */
#include <string.h>

#include "../common/ora_error.h"
#include "ora_functions_int.h"

void fn_user(sqlite3_context *c, int argc, sqlite3_value **v)
{
    const struct ora_fn_ctx *ctx = sqlite3_user_data(c);
    sqlite3_result_text(c, ctx->username, -1, SQLITE_TRANSIENT);
}

/* ====================== NULL handling ====================== */

void fn_nvl(sqlite3_context *c, int argc, sqlite3_value **v)
{
    sqlite3_result_value(c, sqlite3_value_type(v[0]) == SQLITE_NULL ? v[1] : v[0]);
}

void fn_nvl2(sqlite3_context *c, int argc, sqlite3_value **v)
{
    sqlite3_result_value(c, sqlite3_value_type(v[0]) != SQLITE_NULL ? v[1] : v[2]);
}

/* ====================== comparison ====================== */

/* Oracle-style comparison: numerically when either side is a number, else as text.
 * Returns -2 when a number is compared with text that is not one. */
static int compare_values(sqlite3_value *a, sqlite3_value *b)
{
    if (is_number_type(a) || is_number_type(b)) {
        num x, y;
        if (get_num(a, &x) < 0 || get_num(b, &y) < 0) return -2;
        if (x.is_int && y.is_int) return (x.i > y.i) - (x.i < y.i);
        return (x.d > y.d) - (x.d < y.d);
    }
    int na = sqlite3_value_bytes(a), nb = sqlite3_value_bytes(b);
    int r = memcmp(sqlite3_value_blob(a), sqlite3_value_blob(b), (size_t)(na < nb ? na : nb));
    return r ? (r > 0) - (r < 0) : (na > nb) - (na < nb);
}

/* DECODE(expr, search, result [, search, result]... [, default]): NULL matches NULL. */
/* The first of searches V[1..] that matches V[0] as DECODE matches (NULL matches NULL). */
static int decode_match(sqlite3_context *c, int argc, sqlite3_value **v, int step)
{
    for (int i = 1, k = 1; i < argc; i += step, k++) {
        int expr_null = sqlite3_value_type(v[0]) == SQLITE_NULL;
        int search_null = sqlite3_value_type(v[i]) == SQLITE_NULL;
        if (expr_null || search_null) {
            if (expr_null && search_null) return k;
            continue;
        }
        int cmp = compare_values(v[0], v[i]);
        if (cmp == -2) return -1;
        if (cmp == 0) return k;
    }
    return 0;
}

/* ORA_DECODE_KEY(e, s1, s2 ...): the number of the first search that matches e (0: none);
 * the translator writes DECODE as CASE ORA_DECODE_KEY(...) WHEN 1 THEN r1 ..., so that only
 * the chosen result is evaluated, as in Oracle (DECODE(x, 0, NULL, 1 / x)). */
void fn_decode_key(sqlite3_context *c, int argc, sqlite3_value **v)
{
    int k = decode_match(c, argc, v, 1);
    if (k < 0) return fail(c, ORA_INVALID_NUMBER);
    sqlite3_result_int(c, k);
}

void fn_decode(sqlite3_context *c, int argc, sqlite3_value **v)
{
    if (argc < 3) {
        fail(c, 909);
        return;
    }
    int k = decode_match(c, argc - (argc % 2 == 0), v, 2);
    if (k < 0) return fail(c, ORA_INVALID_NUMBER);
    if (k > 0) return sqlite3_result_value(c, v[2 * k]);
    if (argc % 2 == 0)
        sqlite3_result_value(c, v[argc - 1]);
    else
        sqlite3_result_null(c);
}

/* compare_values as a value_compare (GREATEST / LEAST): ORA-01722 for a number against text
 * that is none. */
static int compare_oracle(sqlite3_context *c, sqlite3_value *a, sqlite3_value *b, int *r)
{
    *r = compare_values(a, b);
    return *r == -2 ? fail(c, ORA_INVALID_NUMBER), -1 : 0;
}

/* GREATEST / LEAST: NULL if any argument is NULL. */
void fn_greatest(sqlite3_context *c, int argc, sqlite3_value **v)
{
    extreme_call(c, argc, v, compare_oracle, 1);
}
void fn_least(sqlite3_context *c, int argc, sqlite3_value **v)
{
    extreme_call(c, argc, v, compare_oracle, -1);
}
