/*
 * ora_fn_values.c - the argument and result helpers every Oracle SQL
 * function uses (see ora_functions_int.h): Oracle errors as SQLite errors,
 * text results with '' as NULL, numbers (SQLite's int64 and double, a double
 * result tidied to 15 significant digits since Oracle's NUMBER is decimal
 * and shows 0.1 + 0.2 as .3) and their canonical text, UTF-8 character
 * counting, and dates as storage text over the calendar in
 * src/common/calendar.c.
 */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/calendar.h"
#include "../common/ora_error.h"
#include "../common/hex.h"
#include "ora_functions_int.h"
#include "ora_nls.h"

/* ======================= results and errors ======================= */

/* Fail the call with Oracle error CODE (its %s arguments follow). */
void fail(sqlite3_context *c, int code, ...)
{
    ora_error err;
    va_list ap;
    va_start(ap, code);
    ora_vset(&err, code, 0, ap);
    va_end(ap);
    sqlite3_result_error(c, err.msg, -1);
}

/* Text result; Oracle has no empty string, so '' is NULL. */
void result_text(sqlite3_context *c, const char *s, size_t n)
{
    if (n == 0)
        sqlite3_result_null(c);
    else
        sqlite3_result_text(c, s, (int)n, SQLITE_TRANSIENT);
}

void result_buf(sqlite3_context *c, buf *b)
{
    result_text(c, (const char *)b->data, b->len);
    buf_free(b);
}

int any_null(int argc, sqlite3_value **v)
{
    for (int i = 0; i < argc; i++)
        if (sqlite3_value_type(v[i]) == SQLITE_NULL) return 1;
    return 0;
}

const char *text_of(sqlite3_value *v)
{
    return (const char *)sqlite3_value_text(v);
}

/* ============================ numbers ============================= */

/* V as a number; -1 when it is text that is not one (Oracle: ORA-01722). */
int get_num(sqlite3_value *v, num *n)
{
    int type = sqlite3_value_numeric_type(v);
    n->is_int = type == SQLITE_INTEGER;
    n->i = 0, n->d = 0;
    if (type == SQLITE_INTEGER) {
        n->i = sqlite3_value_int64(v);
        n->d = (double)n->i;
        return 0;
    }
    if (type != SQLITE_FLOAT) return -1;
    n->d = sqlite3_value_double(v);
    return 0;
}

/* N as an integer, truncated toward zero and kept within +-4e18 (no overflow on huge values). */
long long num_to_ll(const num *n)
{
    if (n->is_int) return n->i;
    if (!(n->d == n->d)) return 0;
    if (n->d > 4e18) return 4000000000000000000LL;
    if (n->d < -4e18) return -4000000000000000000LL;
    return (long long)trunc(n->d);
}

long long clamp_ll(long long v, long long lo, long long hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* Drop the binary noise beyond 15 significant digits (0.30000000000000004 -> 0.3). */
double tidy(double d)
{
    char text[40];
    if (!isfinite(d) || d == 0) return d;
    snprintf(text, sizeof text, "%.15g", d);
    return strtod(text, NULL);
}

void result_double(sqlite3_context *c, double d)
{
    if (!isfinite(d)) {
        fail(c, 1426);
        return;
    }
    d = tidy(d);
    if (d == floor(d) && fabs(d) < 9.0e15)
        sqlite3_result_int64(c, (sqlite3_int64)d);
    else
        sqlite3_result_double(c, d);
}

void result_num(sqlite3_context *c, const num *n)
{
    if (n->is_int)
        sqlite3_result_int64(c, n->i);
    else
        result_double(c, n->d);
}

int text_to_decimal(const char *s, pdec *d)
{
    if (pdec_parse(s, d) != PDEC_OK) return -1;
    /* Oracle keeps one digit less of a text below 1: TO_NUMBER of 0. and 40 digits gives 39
     * (node-oracledb's test suite, fetchAs 56.8). */
    if (d->n > 0 && d->exp <= 0) pdec_round_digits(d, PDEC_DIGITS - 1);
    return 0;
}

int get_decimal(sqlite3_value *v, pdec *d)
{
    num n;
    switch (sqlite3_value_type(v)) {
    case SQLITE_INTEGER: pdec_from_int(sqlite3_value_int64(v), d); return 0;
    case SQLITE_FLOAT: return pdec_from_double(sqlite3_value_double(v), d) == PDEC_OK ? 0 : -1;
    case SQLITE_TEXT:
        if (sqlite3_value_subtype(v) == ORA_SUBTYPE_NUMBER) /* a number already, not text */
            return pdec_parse(text_of(v), d) == PDEC_OK ? 0 : -1;
        if (text_to_decimal(text_of(v), d) == 0) return 0;
        /* what SQLite reads as a number beyond pdec's spelling (get_num converts V: last) */
        if (get_num(v, &n) < 0) return -1;
        if (n.is_int) return pdec_from_int(n.i, d), 0;
        return pdec_from_double(n.d, d) == PDEC_OK ? 0 : -1;
    default: return -1;
    }
}

void result_decimal(sqlite3_context *c, const pdec *d)
{
    int64_t i;
    if (pdec_to_int(d, &i) == PDEC_OK) return sqlite3_result_int64(c, i);
    if (d->n <= 15) return sqlite3_result_double(c, pdec_to_double(d));
    char text[PDEC_TEXT_MAX];
    pdec_format(d, text);
    sqlite3_result_text(c, text, -1, SQLITE_TRANSIENT);
    sqlite3_result_subtype(c, ORA_SUBTYPE_NUMBER);
}

void compare_call(sqlite3_context *c, sqlite3_value **v, value_compare *cmp)
{
    int r;
    if (cmp(c, v[0], v[1], &r) < 0) return;
    if (r == CMP_NULL) return sqlite3_result_null(c);
    sqlite3_result_int(c, r);
}

/* The state of an extreme_step aggregate: the value that wins so far (a copy). */
struct extreme {
    sqlite3_value *best;
};

void extreme_step(sqlite3_context *c, sqlite3_value *v, value_compare *cmp, int want)
{
    struct extreme *e = sqlite3_aggregate_context(c, sizeof *e);
    int r;
    if (!e) return sqlite3_result_error_nomem(c);
    if (sqlite3_value_type(v) == SQLITE_NULL) return;
    if (e->best && (cmp(c, v, e->best, &r) < 0 || r != want)) return;
    sqlite3_value *copy = sqlite3_value_dup(v);
    if (!copy) return sqlite3_result_error_nomem(c);
    sqlite3_value_free(e->best);
    e->best = copy;
}

void extreme_call(sqlite3_context *c, int argc, sqlite3_value **v, value_compare *cmp, int want)
{
    int best = 0, r;
    if (argc < 1) return fail(c, 909);
    if (any_null(argc, v)) return sqlite3_result_null(c);
    for (int i = 1; i < argc; i++) {
        if (cmp(c, v[i], v[best], &r) < 0) return;
        if (r == want) best = i;
    }
    sqlite3_result_value(c, v[best]);
}

void fn_extreme_final(sqlite3_context *c)
{
    struct extreme *e = sqlite3_aggregate_context(c, 0);
    if (!e || !e->best) return sqlite3_result_null(c);
    sqlite3_result_value(c, e->best);
    sqlite3_value_free(e->best);
    e->best = NULL;
}

void between_call(sqlite3_context *c, sqlite3_value **v, value_compare *cmp)
{
    int lo, hi;
    if (cmp(c, v[0], v[1], &lo) < 0 || cmp(c, v[0], v[2], &hi) < 0) return;
    if ((lo != CMP_NULL && lo < 0) || (hi != CMP_NULL && hi > 0)) return sqlite3_result_int(c, 0);
    if (lo == CMP_NULL || hi == CMP_NULL) return sqlite3_result_null(c);
    sqlite3_result_int(c, 1);
}

/* Get the numbers of ARGC arguments; fails the call (NULL result for NULLs) and returns -1. */
int get_nums(sqlite3_context *c, int argc, sqlite3_value **v, num *out)
{
    if (any_null(argc, v)) {
        sqlite3_result_null(c);
        return -1;
    }
    for (int i = 0; i < argc; i++) {
        if (get_num(v[i], &out[i]) < 0) {
            fail(c, ORA_INVALID_NUMBER);
            return -1;
        }
    }
    return 0;
}

double pow10i(int n)
{
    return pow(10.0, n);
}

/* D rounded (half away from zero) or truncated at PLACES decimals, in decimal. */
double round_places(double d, int places, int truncate)
{
    if (places > 15) return d;
    if (places < -308) return 0;
    double scale = pow10i(places < 0 ? -places : places);
    double scaled = tidy(places < 0 ? d / scale : d * scale);
    double r = truncate ? trunc(scaled) : round(scaled);
    return tidy(places < 0 ? r * scale : r / scale);
}

/* Oracle's canonical text of a number: no exponent, no trailing zeros, ".5" not "0.5". */
void number_text(const num *n, buf *out)
{
    if (n->is_int) {
        buf_printf(out, "%lld", (long long)n->i);
        return;
    }
    char mant[40];
    double d = n->d;
    if (!isfinite(d)) {
        buf_puts(out, d != d ? "Nan" : d > 0 ? "Inf" : "-Inf");
        return;
    }
    if (d < 0) buf_putc(out, '-'), d = -d;
    snprintf(mant, sizeof mant, "%.14e", d); /* d.dddddddddddddde[+-]x */
    int exp10 = atoi(strchr(mant, 'e') + 1);
    char digits[20];
    int nd = 0;
    for (const char *p = mant; *p && *p != 'e'; p++)
        if (isdigit((unsigned char)*p)) digits[nd++] = *p;
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    if (d == 0) {
        buf_putc(out, '0');
    } else if (exp10 < 0) {
        buf_putc(out, '.');
        for (int i = 0; i < -exp10 - 1; i++)
            buf_putc(out, '0');
        buf_put(out, digits, (size_t)nd);
    } else {
        for (int i = 0; i <= exp10 || i < nd; i++) {
            if (i == exp10 + 1) buf_putc(out, '.');
            buf_putc(out, i < nd ? (uint8_t)digits[i] : '0');
        }
    }
}

int is_number_type(sqlite3_value *v)
{
    int t = sqlite3_value_type(v);
    return t == SQLITE_INTEGER || t == SQLITE_FLOAT ||
           (t == SQLITE_TEXT && sqlite3_value_subtype(v) == ORA_SUBTYPE_NUMBER);
}

/* ====================== text ====================== */

int utf8_len(const char *s, int bytes)
{
    int n = 0;
    for (int i = 0; i < bytes; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) n++;
    return n;
}

/* Byte offset of character CHARS (clamped to the end). */
int utf8_offset(const char *s, int bytes, int chars)
{
    int i = 0;
    while (i < bytes && chars > 0) {
        i++;
        while (i < bytes && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        chars--;
    }
    return i;
}

int value_raw_bytes(sqlite3_context *c, sqlite3_value *v, buf *b)
{
    if (sqlite3_value_type(v) == SQLITE_BLOB) {
        buf_put(b, sqlite3_value_blob(v), (size_t)sqlite3_value_bytes(v));
        return 0;
    }
    const char *text = (const char *)sqlite3_value_text(v);
    size_t len = (size_t)sqlite3_value_bytes(v);
    uint8_t *out = sqlite3_malloc64(len / 2 + 1);
    long n = out ? hex_decode(text, len, out) : -1;
    if (n >= 0) buf_put(b, out, (size_t)n);
    sqlite3_free(out);
    if (n < 0) fail(c, 1465);
    return n < 0 ? -1 : 0;
}

/* The text of a value as Oracle converts it: numbers in canonical form. */
void value_text(sqlite3_value *v, buf *out)
{
    num n;
    if (sqlite3_value_type(v) != SQLITE_TEXT && is_number_type(v) && get_num(v, &n) == 0)
        number_text(&n, out); /* (an exact number's text is canonical already) */
    else
        buf_put(out, sqlite3_value_text(v), (size_t)sqlite3_value_bytes(v));
}

/* ====================== dates ====================== */

int64_t date_day_number(const odate *d)
{
    return cal_day_number(d->year, d->month, d->day);
}

int64_t date_seconds(const odate *d)
{
    return odate_seconds(d);
}

void date_from_seconds(int64_t secs, odate *d)
{
    int64_t days = secs / CAL_SECONDS_PER_DAY, rest = secs % CAL_SECONDS_PER_DAY;
    if (rest < 0) rest += CAL_SECONDS_PER_DAY, days--;
    cal_date_of_day(days, &d->year, &d->month, &d->day);
    d->hour = (int)(rest / 3600);
    d->minute = (int)(rest / 60 % 60);
    d->second = (int)(rest % 60);
    d->nanos = 0;
    d->has_tz = d->tz_minutes = 0;
}

int date_weekday(const odate *d)
{
    return cal_weekday(date_day_number(d));
}

/* V as a date: storage text (or text tagged as a date).  -1 if it is not one. */
int get_date(sqlite3_value *v, odate *d)
{
    if (sqlite3_value_type(v) != SQLITE_TEXT) return -1;
    return odate_parse(text_of(v), d);
}

int is_timestamp_value(sqlite3_value *v)
{
    return sqlite3_value_subtype(v) == ORA_SUBTYPE_TIMESTAMP || strchr(text_of(v), '.') != NULL;
}

int value_fraction_digits(sqlite3_value *v)
{
    const char *dot = strchr(text_of(v), '.');
    int n = dot ? (int)strspn(dot + 1, "0123456789") : 0;
    return n > 6 ? n : 6;
}

/* DATE result: whole seconds, subtype D.  FRAC > 0 (or a zone): TIMESTAMP with that many digits. */
void result_date(sqlite3_context *c, const odate *d, int frac)
{
    char text[48];
    if (odate_format(d, frac, text, sizeof text) < 0) return fail(c, 1841); /* odate_check */
    sqlite3_result_text(c, text, -1, SQLITE_TRANSIENT);
    sqlite3_result_subtype(c, frac > 0 || d->has_tz ? ORA_SUBTYPE_TIMESTAMP : ORA_SUBTYPE_DATE);
}

const struct ora_nls *session_nls(sqlite3_context *c)
{
    return &((const struct ora_fn_ctx *)sqlite3_user_data(c))->nls;
}

void number_text_nls(const num *n, const struct ora_nls *nls, buf *out)
{
    size_t start = out->len;
    number_text(n, out);
    char decimal = ora_nls_decimal(nls);
    for (size_t i = start; i < out->len; i++)
        if (out->data[i] == '.') out->data[i] = (uint8_t)decimal;
}
