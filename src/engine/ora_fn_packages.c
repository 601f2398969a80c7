/*
 * ora_fn_packages.c - the functions of Oracle's supplied packages that SQL
 * can call (the translator's names: src/sql/supplied_packages.c):
 * UTL_RAW's casts and byte functions, DBMS_RANDOM's numbers and strings,
 * DBMS_APPLICATION_INFO.SET_SESSION_LONGOPS_NOHINT.
 * UTL_RAW.CAST_FROM_NUMBER / CAST_TO_NUMBER use Oracle's NUMBER bytes, the
 * wire's (src/net/number.c).
 *
 * A RAW argument given as text is read as hex digits, Oracle's implicit
 * conversion (ORA-01465 when it is not hex).  Random numbers come from
 * SQLite's generator (sqlite3_randomness), seeded from the OS.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../common/ora_error.h"
#include "../net/number.h"
#include "ora_functions_int.h"

/* B as a RAW result (NULL when empty, as Oracle has no empty RAW). */
static void result_raw(sqlite3_context *c, buf *b)
{
    if (b->len) sqlite3_result_blob(c, b->data, (int)b->len, SQLITE_TRANSIENT);
    else sqlite3_result_null(c);
    buf_free(b);
}

void fn_utl_raw_cast_to_raw(sqlite3_context *c, int argc, sqlite3_value **v)
{
    if (sqlite3_value_type(v[0]) == SQLITE_NULL) return;
    const void *text = sqlite3_value_text(v[0]);
    sqlite3_result_blob(c, text, sqlite3_value_bytes(v[0]), SQLITE_TRANSIENT);
}

/* UTL_RAW.CAST_FROM_NUMBER(n): N's bytes in Oracle's NUMBER format. */
void fn_utl_raw_cast_from_number(sqlite3_context *c, int argc, sqlite3_value **v)
{
    if (sqlite3_value_type(v[0]) == SQLITE_NULL) return;
    num n;
    if (get_num(v[0], &n) < 0) return fail(c, ORA_INVALID_NUMBER);
    buf text;
    buf_init(&text);
    number_text(&n, &text);
    uint8_t bytes[ONUM_MAX_BYTES];
    int len = onum_from_text(buf_cstr(&text), bytes);
    buf_free(&text);
    if (len < 0) return fail(c, 1426); /* numeric overflow */
    sqlite3_result_blob(c, bytes, len, SQLITE_TRANSIENT);
}

/* UTL_RAW.CAST_TO_NUMBER(r): the number R's bytes spell in Oracle's NUMBER format. */
void fn_utl_raw_cast_to_number(sqlite3_context *c, int argc, sqlite3_value **v)
{
    if (sqlite3_value_type(v[0]) == SQLITE_NULL) return;
    buf b;
    buf_init(&b);
    char text[ONUM_TEXT_MAX];
    if (value_raw_bytes(c, v[0], &b) == 0) {
        int64_t i;
        if (onum_to_text(b.data, b.len, text, sizeof text) < 0) fail(c, 6502, ": invalid number");
        else if (onum_to_int64(b.data, b.len, &i) == 0) sqlite3_result_int64(c, i);
        else sqlite3_result_double(c, strtod(text, NULL));
    }
    buf_free(&b);
}

void fn_utl_raw_cast_to_varchar2(sqlite3_context *c, int argc, sqlite3_value **v)
{
    if (sqlite3_value_type(v[0]) == SQLITE_NULL) return;
    buf b;
    buf_init(&b);
    if (value_raw_bytes(c, v[0], &b) == 0) result_text(c, (const char *)b.data, b.len);
    buf_free(&b);
}

void fn_utl_raw_length(sqlite3_context *c, int argc, sqlite3_value **v)
{
    if (sqlite3_value_type(v[0]) == SQLITE_NULL) return;
    buf b;
    buf_init(&b);
    if (value_raw_bytes(c, v[0], &b) == 0) sqlite3_result_int64(c, (sqlite3_int64)b.len);
    buf_free(&b);
}

void fn_utl_raw_concat(sqlite3_context *c, int argc, sqlite3_value **v)
{
    buf b;
    buf_init(&b);
    for (int i = 0; i < argc; i++)
        if (sqlite3_value_type(v[i]) != SQLITE_NULL && value_raw_bytes(c, v[i], &b) < 0) {
            buf_free(&b);
            return;
        }
    result_raw(c, &b);
}

/* SUBSTR(r, pos [, len]): POS from 1 (negative: from the end, 0 is VALUE_ERROR). */
void fn_utl_raw_substr(sqlite3_context *c, int argc, sqlite3_value **v)
{
    if (any_null(argc, v)) return;
    buf b;
    buf_init(&b);
    if (value_raw_bytes(c, v[0], &b) < 0) {
        buf_free(&b);
        return;
    }
    long long n = (long long)b.len, pos = sqlite3_value_int64(v[1]);
    long long len = argc > 2 ? sqlite3_value_int64(v[2]) : n;
    long long start = pos > 0 ? pos - 1 : n + pos;
    if (pos == 0 || start < 0 || start >= n || len < 1) {
        buf_free(&b);
        fail(c, 6502, "");
        return;
    }
    if (len > n - start) len = n - start;
    memmove(b.data, b.data + start, (size_t)len);
    b.len = (size_t)len;
    result_raw(c, &b);
}

/* A random double in [0, 1). */
static double random_unit(void)
{
    uint64_t r;
    sqlite3_randomness(sizeof r, &r);
    return (double)(r >> 11) / 9007199254740992.0; /* 53 random bits */
}

void fn_dbms_random_value(sqlite3_context *c, int argc, sqlite3_value **v)
{
    double r = random_unit();
    num bounds[2];
    if (argc == 2) {
        if (get_nums(c, 2, v, bounds) < 0) return;
        r = bounds[0].d + (bounds[1].d - bounds[0].d) * r;
    }
    sqlite3_result_double(c, r);
}

/* DBMS_APPLICATION_INFO.SET_SESSION_LONGOPS_NOHINT: the "start a new row" token, -1. */
void fn_longops_nohint(sqlite3_context *c, int argc, sqlite3_value **v) { sqlite3_result_int(c, -1); }

void fn_dbms_random_random(sqlite3_context *c, int argc, sqlite3_value **v)
{
    int32_t r;
    sqlite3_randomness(sizeof r, &r);
    sqlite3_result_int(c, r);
}

/* Normally distributed (mean 0, deviation 1): Box-Muller. */
void fn_dbms_random_normal(sqlite3_context *c, int argc, sqlite3_value **v)
{
    double u = 1.0 - random_unit(), w = random_unit();
    sqlite3_result_double(c, sqrt(-2 * log(u)) * cos(2 * M_PI * w));
}

/* STRING(opt, len): U upper, L lower, A mixed letters, X upper letters and digits, P any
 * printable character (anything else is U), at most 4000 of them. */
void fn_dbms_random_string(sqlite3_context *c, int argc, sqlite3_value **v)
{
    static const char upper[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ", lower[] = "abcdefghijklmnopqrstuvwxyz",
                      mixed[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
                      alnum[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    const char *opt = (const char *)sqlite3_value_text(v[0]);
    long long n = sqlite3_value_int64(v[1]);
    if (n <= 0 || sqlite3_value_type(v[1]) == SQLITE_NULL) return;
    if (n > 4000) n = 4000;
    int o = opt ? opt[0] & ~0x20 : 'U';
    const char *set = o == 'L' ? lower : o == 'A' ? mixed : o == 'X' ? alnum : upper;
    size_t size = o == 'P' ? 95 : strlen(set);
    char out[4001];
    for (long long i = 0; i < n; i++) {
        uint32_t r;
        sqlite3_randomness(sizeof r, &r);
        out[i] = o == 'P' ? (char)(' ' + r % size) : set[r % size];
    }
    result_text(c, out, (size_t)n);
}
