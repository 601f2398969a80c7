/*
 * ora_fn_storage.c - what a column's declared type does to a value stored
 * in it, as Oracle's types do: the functions the row-locking overlay's
 * triggers (overlay_ddl.c) wrap around each value written.
 *
 * ORA_FIT_NUMBER(v, p, s): a number column's value: text becomes the number
 * it spells, as Oracle converts implicitly (ORA-01722 when it spells none), a
 * RAW value is ORA-00932.  NUMBER(p,s) (INTEGER is NUMBER(38)) then rounds it
 * to s decimals (s < 0: to 10^-s), ORA-01438 when more than p-s digits stay
 * before the point; p = 0 (NUMBER, FLOAT, BINARY_FLOAT, BINARY_DOUBLE) limits
 * nothing.  A decimal text (numbers beyond 15 significant digits travel so)
 * that needs no rounding keeps its digits.
 *
 * ORA_FIT_LENGTH(v, n, 'column', flags): VARCHAR2(n), CHAR(n), RAW(n) and
 * the national types: ORA-12899 naming the column when the value is longer
 * than n - bytes with Oracle's default BYTE semantics, characters with
 * ORA_LENGTH_CHARS (CHAR semantics, NCHAR, NVARCHAR2).  ORA_LENGTH_PADDED
 * (CHAR, NCHAR): a shorter value is padded with blanks to n, so that it
 * reads back, measures and concatenates as Oracle's fixed-length value does.
 * ORA_LENGTH_HEX (RAW): a text is hex digits, as Oracle converts a string to
 * RAW, stored as the bytes they spell (ORA-01465 when it is no hex).
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../common/ora_error.h"
#include "ora_functions_int.h"

/* Digits of decimal text T before and after its point: 0, or -1 when T is not plain decimal. */
static int decimal_digits(const char *t, int *before, int *after)
{
    *before = *after = 0;
    if (*t == '-' || *t == '+') t++;
    while (*t == '0') t++; /* leading zeros count for nothing */
    for (; isdigit((unsigned char)*t); t++) (*before)++;
    if (*t == '.')
        for (t++; isdigit((unsigned char)*t); t++) (*after)++;
    return *t ? -1 : 0;
}

/* |D| below 10^DIGITS? */
static int fits(double d, int digits)
{
    return digits > 308 || fabs(d) < pow10i(digits);
}

void fn_fit_number(sqlite3_context *c, int argc, sqlite3_value **v)
{
    int p = sqlite3_value_int(v[1]), s = sqlite3_value_int(v[2]);
    int type = sqlite3_value_type(v[0]);
    num n;
    if (type == SQLITE_NULL) return sqlite3_result_null(c);
    if (type == SQLITE_BLOB) return fail(c, 932, "NUMBER", "BINARY");
    if (get_num(v[0], &n) < 0) return fail(c, ORA_INVALID_NUMBER);
    int before, after;
    if (p == 0) { /* no precision: the number as it is (a decimal text keeps its digits) */
        if (type == SQLITE_TEXT &&
            decimal_digits((const char *)sqlite3_value_text(v[0]), &before, &after) < 0)
            result_num(c, &n);
        else
            sqlite3_result_value(c, v[0]);
        return;
    }
    if (type == SQLITE_TEXT &&
        decimal_digits((const char *)sqlite3_value_text(v[0]), &before, &after) == 0 &&
        after <= s) {
        if (before > p - s) fail(c, 1438);
        else sqlite3_result_value(c, v[0]); /* its digits, as given */
        return;
    }
    if (n.is_int && s >= 0) {
        if (p - s < 19 && !fits((double)n.i, p - s)) fail(c, 1438);
        else sqlite3_result_int64(c, n.i);
        return;
    }
    double r = round_places(n.d, s, 0);
    if (!fits(r, p - s)) {
        fail(c, 1438);
        return;
    }
    n = (num){.is_int = fabs(r) < 9e15 && r == trunc(r), .d = r};
    n.i = n.is_int ? (sqlite3_int64)r : 0;
    result_num(c, &n);
}

/*
 * ORA_FIT_DECIMAL(v, p, s): ORA_FIT_NUMBER's rules for a NUMBER column that keeps its values as
 * exact decimal text (decltype.h): the value in 40 digits, rounded to s decimals for p > 0, as
 * its canonical text ("-.5", "12345678901234567890123"), which the column stores as it is.
 */
void fn_fit_decimal(sqlite3_context *c, int argc, sqlite3_value **v)
{
    int p = sqlite3_value_int(v[1]), s = sqlite3_value_int(v[2]);
    int type = sqlite3_value_type(v[0]);
    pdec d;
    char text[PDEC_TEXT_MAX];
    if (type == SQLITE_NULL) return sqlite3_result_null(c);
    if (type == SQLITE_BLOB) return fail(c, 932, "NUMBER", "BINARY");
    if (type == SQLITE_INTEGER && (p == 0 || (s >= 0 && p - s >= 19))) {
        /* an integer needs no rounding and fits: its own digits are its canonical text */
        int n = snprintf(text, sizeof text, "%lld", (long long)sqlite3_value_int64(v[0]));
        return sqlite3_result_text(c, text, n, SQLITE_TRANSIENT);
    }
    if (get_decimal(v[0], &d) < 0) return fail(c, ORA_INVALID_NUMBER);
    if (p > 0 && (pdec_round(&d, s) != PDEC_OK || pdec_int_digits(&d) > p - s))
        return fail(c, 1438);
    pdec_format(&d, text);
    sqlite3_result_text(c, text, -1, SQLITE_TRANSIENT);
}

/* V padded with blanks to N (bytes or characters: ACTUAL is V's length so counted). */
static void result_padded(sqlite3_context *c, sqlite3_value *v, int actual, int n)
{
    int bytes = sqlite3_value_bytes(v), pad = n - actual;
    char *t = sqlite3_malloc(bytes + pad + 1);
    if (!t) {
        sqlite3_result_error_nomem(c);
        return;
    }
    memcpy(t, sqlite3_value_text(v), (size_t)bytes);
    memset(t + bytes, ' ', (size_t)pad);
    sqlite3_result_text(c, t, bytes + pad, sqlite3_free);
}

/* ORA-12899 for COLUMN: a value of length ACTUAL where MAX fits. */
static void too_large(sqlite3_context *c, const char *column, long actual, int max)
{
    char a[24], m[16];
    snprintf(a, sizeof a, "%ld", actual);
    snprintf(m, sizeof m, "%d", max);
    fail(c, ORA_VALUE_TOO_LARGE, column, a, m);
}

/* RAW column C's value V: its bytes (a text's are the hex digits'); ORA-12899 beyond MAX. */
static void fit_raw(sqlite3_context *c, sqlite3_value *v, int max, const char *column)
{
    buf bytes;
    buf_init(&bytes);
    if (value_raw_bytes(c, v, &bytes) < 0) { /* ORA-01465 */
    } else if (bytes.len > (size_t)max) {
        too_large(c, column, (long)bytes.len, max);
    } else if (sqlite3_value_type(v) == SQLITE_BLOB) {
        sqlite3_result_value(c, v);
    } else {
        sqlite3_result_blob(c, bytes.data, (int)bytes.len, SQLITE_TRANSIENT);
    }
    buf_free(&bytes);
}

void fn_fit_length(sqlite3_context *c, int argc, sqlite3_value **v)
{
    int max = sqlite3_value_int(v[1]), flags = sqlite3_value_int(v[3]);
    int type = sqlite3_value_type(v[0]);
    if (type == SQLITE_NULL) {
        sqlite3_result_null(c);
        return;
    }
    if (flags & ORA_LENGTH_HEX) return fit_raw(c, v[0], max, (const char *)sqlite3_value_text(v[2]));
    const unsigned char *text = type != SQLITE_BLOB ? sqlite3_value_text(v[0]) : NULL;
    int actual = sqlite3_value_bytes(v[0]);
    if (text && (flags & ORA_LENGTH_CHARS)) actual = utf8_len((const char *)text, actual);
    if (actual > max) {
        too_large(c, (const char *)sqlite3_value_text(v[2]), actual, max);
    } else if (text && (flags & ORA_LENGTH_PADDED) && actual < max) {
        result_padded(c, v[0], actual, max);
    } else {
        sqlite3_result_value(c, v[0]);
    }
}
