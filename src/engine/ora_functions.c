/*
 * ora_functions.c - Oracle's SQL functions for SQLite (see ora_functions.h).
 *
 * Sections: results and errors; numbers; dates and their calendar; date
 * format models (TO_CHAR/TO_DATE); number format models; then the functions
 * grouped as session, NULL handling, comparison, strings, numbers, dates,
 * conversion and operators; and the registration table at the end.
 *
 * Numbers are SQLite's int64 and double; a double result is tidied to 15
 * significant digits, since Oracle's NUMBER is decimal and shows 0.1 + 0.2
 * as .3.  String functions count characters (UTF-8), not bytes.
 */
#include "ora_functions.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/hex.h"
#include "../common/ora_error.h"
#include "../net/datetime.h"

#define DET (SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS)
#define VOLATILE (SQLITE_UTF8 | SQLITE_INNOCUOUS)
#define SECONDS_PER_DAY 86400

/* ======================= results and errors ======================= */

/* Fail the call with Oracle error CODE (its %s arguments follow). */
static void fail(sqlite3_context *c, int code, ...)
{
    ora_error err;
    va_list ap;
    va_start(ap, code);
    ora_vset(&err, code, 0, ap);
    va_end(ap);
    sqlite3_result_error(c, err.msg, -1);
}

/* Text result; Oracle has no empty string, so '' is NULL. */
static void result_text(sqlite3_context *c, const char *s, size_t n)
{
    if (n == 0)
        sqlite3_result_null(c);
    else
        sqlite3_result_text(c, s, (int)n, SQLITE_TRANSIENT);
}

static void result_buf(sqlite3_context *c, buf *b)
{
    result_text(c, (const char *)b->data, b->len);
    buf_free(b);
}

static int any_null(int argc, sqlite3_value **v)
{
    for (int i = 0; i < argc; i++)
        if (sqlite3_value_type(v[i]) == SQLITE_NULL) return 1;
    return 0;
}

static const char *text_of(sqlite3_value *v)
{
    return (const char *)sqlite3_value_text(v);
}

/* ============================ numbers ============================= */

typedef struct num {
    int is_int;
    sqlite3_int64 i;
    double d;
} num;

/* V as a number; -1 when it is text that is not one (Oracle: ORA-01722). */
static int get_num(sqlite3_value *v, num *n)
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
static long long num_to_ll(const num *n)
{
    if (n->is_int) return n->i;
    if (!(n->d == n->d)) return 0;
    if (n->d > 4e18) return 4000000000000000000LL;
    if (n->d < -4e18) return -4000000000000000000LL;
    return (long long)trunc(n->d);
}

static long long clamp_ll(long long v, long long lo, long long hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* Drop the binary noise beyond 15 significant digits (0.30000000000000004 -> 0.3). */
static double tidy(double d)
{
    char text[40];
    if (!isfinite(d) || d == 0) return d;
    snprintf(text, sizeof text, "%.15g", d);
    return strtod(text, NULL);
}

static void result_double(sqlite3_context *c, double d)
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

static void result_num(sqlite3_context *c, const num *n)
{
    if (n->is_int)
        sqlite3_result_int64(c, n->i);
    else
        result_double(c, n->d);
}

/* Get the numbers of ARGC arguments; fails the call (NULL result for NULLs) and returns -1. */
static int get_nums(sqlite3_context *c, int argc, sqlite3_value **v, num *out)
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

static double pow10i(int n)
{
    return pow(10.0, n);
}

/* D rounded (half away from zero) or truncated at PLACES decimals, in decimal. */
static double round_places(double d, int places, int truncate)
{
    if (places > 15) return d;
    if (places < -308) return 0;
    double scale = pow10i(places < 0 ? -places : places);
    double scaled = tidy(places < 0 ? d / scale : d * scale);
    double r = truncate ? trunc(scaled) : round(scaled);
    return tidy(places < 0 ? r * scale : r / scale);
}

/* Oracle's canonical text of a number: no exponent, no trailing zeros, ".5" not "0.5". */
static void number_text(const num *n, buf *out)
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

/* ====================== dates and the calendar ====================== */

/* Days since 1970-01-01 of a proleptic Gregorian date (astronomical year numbering). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static int astro_year(int year)
{
    return year < 0 ? year + 1 : year;
}
static int oracle_year(int year)
{
    return year <= 0 ? year - 1 : year;
}

static int is_leap(int year)
{
    int y = astro_year(year);
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

static int64_t date_day_number(const odate *d)
{
    return days_from_civil(astro_year(d->year), d->month, d->day);
}

/* Seconds since 1970-01-01 00:00:00 (the fraction kept apart in nanos). */
static int64_t date_seconds(const odate *d)
{
    return date_day_number(d) * SECONDS_PER_DAY + d->hour * 3600 + d->minute * 60 + d->second;
}

static void date_from_seconds(int64_t secs, odate *d)
{
    int64_t days = secs / SECONDS_PER_DAY, rest = secs % SECONDS_PER_DAY;
    if (rest < 0) rest += SECONDS_PER_DAY, days--;
    int y;
    civil_from_days(days, &y, &d->month, &d->day);
    d->year = oracle_year(y);
    d->hour = (int)(rest / 3600);
    d->minute = (int)(rest / 60 % 60);
    d->second = (int)(rest % 60);
    d->nanos = 0;
}

/* 1 = Sunday ... 7 = Saturday */
static int day_of_week(const odate *d)
{
    int64_t w = (date_day_number(d) + 4) % 7; /* 1970-01-01 was a Thursday */
    return (int)(w < 0 ? w + 7 : w) + 1;
}

static int day_of_year(const odate *d)
{
    odate jan1 = {.year = d->year, .month = 1, .day = 1};
    return (int)(date_day_number(d) - date_day_number(&jan1)) + 1;
}

/* V as a date: storage text (or text tagged as a date).  -1 if it is not one. */
static int get_date(sqlite3_value *v, odate *d)
{
    if (sqlite3_value_type(v) != SQLITE_TEXT) return -1;
    return odate_parse(text_of(v), d);
}

static int is_timestamp_value(sqlite3_value *v)
{
    return sqlite3_value_subtype(v) == ORA_SUBTYPE_TIMESTAMP || strchr(text_of(v), '.') != NULL;
}

/* DATE result: whole seconds, subtype D.  FRAC > 0: TIMESTAMP with that many digits. */
static void result_date(sqlite3_context *c, const odate *d, int frac)
{
    char text[48];
    if (odate_format(d, frac, text, sizeof text) < 0 || d->year < -4712 || d->year > 9999 ||
        d->year == 0) {
        fail(c, 1841);
        return;
    }
    sqlite3_result_text(c, text, -1, SQLITE_TRANSIENT);
    sqlite3_result_subtype(c, frac > 0 ? ORA_SUBTYPE_TIMESTAMP : ORA_SUBTYPE_DATE);
}

static const char *const month_names[12] = {"JANUARY",   "FEBRUARY", "MARCH",    "APRIL",
                                            "MAY",       "JUNE",     "JULY",     "AUGUST",
                                            "SEPTEMBER", "OCTOBER",  "NOVEMBER", "DECEMBER"};
static const char *const day_names[7] = {"SUNDAY",   "MONDAY", "TUESDAY", "WEDNESDAY",
                                         "THURSDAY", "FRIDAY", "SATURDAY"};

/* ======================== date format models ======================== */

typedef enum fmt_kind {
    F_END,
    F_LITERAL,
    F_YYYY,
    F_YYY,
    F_YY,
    F_Y,
    F_RRRR,
    F_RR,
    F_MM,
    F_MON,
    F_MONTH,
    F_DD,
    F_DDD,
    F_D,
    F_DY,
    F_DAY,
    F_HH,
    F_HH24,
    F_MI,
    F_SS,
    F_SSSSS,
    F_FF,
    F_AM,
    F_AMDOT,
    F_Q,
    F_J,
    F_FM,
    F_FX,
} fmt_kind;

typedef struct fmt_elem {
    fmt_kind kind;
    int digits;      /* FFn: n (0 = default) */
    int letter_case; /* names: 0 lower, 1 Initcap, 2 UPPER */
    const char *lit; /* F_LITERAL */
    int litlen;
} fmt_elem;

/* Longest first, so MONTH wins over MON and MM, HH24 over HH. */
static const struct {
    const char *name;
    fmt_kind kind;
} fmt_names[] = {
    {"SSSSS", F_SSSSS}, {"MONTH", F_MONTH}, {"SYYYY", F_YYYY}, {"YYYY", F_YYYY},  {"RRRR", F_RRRR},
    {"HH24", F_HH24},   {"HH12", F_HH},     {"A.M.", F_AMDOT}, {"P.M.", F_AMDOT}, {"YYY", F_YYY},
    {"MON", F_MON},     {"DDD", F_DDD},     {"DAY", F_DAY},    {"YY", F_YY},      {"RR", F_RR},
    {"MM", F_MM},       {"DD", F_DD},       {"DY", F_DY},      {"HH", F_HH},      {"MI", F_MI},
    {"SS", F_SS},       {"FF", F_FF},       {"AM", F_AM},      {"PM", F_AM},      {"FM", F_FM},
    {"FX", F_FX},       {"Y", F_Y},         {"D", F_D},        {"Q", F_Q},        {"J", F_J},
};

static int is_fmt_punct(int c)
{
    return c && strchr(" -/,.;:", c) != NULL;
}

/* The next element of format *P.  Returns 0, or -1 for a format Oracle would reject. */
static int fmt_next(const char **p, fmt_elem *e)
{
    const char *s = *p;
    memset(e, 0, sizeof *e);
    if (!*s) return 0;
    if (is_fmt_punct(*s) || *s == '"') {
        int quoted = *s == '"';
        const char *start = s + quoted, *end = quoted ? strchr(start, '"') : start + 1;
        if (!end) return -1;
        e->kind = F_LITERAL, e->lit = start, e->litlen = (int)(end - start);
        *p = end + quoted;
        return 0;
    }
    for (size_t i = 0; i < sizeof fmt_names / sizeof fmt_names[0]; i++) {
        size_t n = strlen(fmt_names[i].name);
        if (strncasecmp(s, fmt_names[i].name, n) != 0) continue;
        e->kind = fmt_names[i].kind;
        e->letter_case = islower((unsigned char)s[0])              ? 0
                         : (n > 1 && islower((unsigned char)s[1])) ? 1
                                                                   : 2;
        *p = s + n;
        if (e->kind == F_FF && isdigit((unsigned char)**p)) {
            e->digits = **p - '0';
            (*p)++;
            if (e->digits == 0) return -1;
        }
        return 0;
    }
    return -1;
}

/* NAME (upper case in the table) in the element's letter case, padded to PAD unless 0. */
static void put_name(buf *out, const char *name, int len, int letter_case, int pad)
{
    int i = 0;
    for (; i < len && name[i]; i++) {
        int ch = (unsigned char)name[i];
        buf_putc(out,
                 (uint8_t)(letter_case == 2 || (letter_case == 1 && i == 0) ? ch : tolower(ch)));
    }
    for (; i < pad; i++)
        buf_putc(out, ' ');
}

static void put_number(buf *out, long long v, int width, int fill_mode)
{
    if (fill_mode)
        buf_printf(out, "%lld", v);
    else
        buf_printf(out, "%0*lld", width, v);
}

/* One element of a date formatted into OUT. */
static void format_elem(const odate *d, const fmt_elem *e, int fm, buf *out)
{
    int year = d->year < 0 ? -d->year : d->year, h12 = d->hour % 12 ? d->hour % 12 : 12;
    switch (e->kind) {
    case F_LITERAL:
        buf_put(out, e->lit, (size_t)e->litlen);
        break;
    case F_YYYY:
    case F_RRRR:
        put_number(out, year, 4, fm);
        break;
    case F_YYY:
        put_number(out, year % 1000, 3, fm);
        break;
    case F_YY:
    case F_RR:
        put_number(out, year % 100, 2, fm);
        break;
    case F_Y:
        put_number(out, year % 10, 1, fm);
        break;
    case F_MM:
        put_number(out, d->month, 2, fm);
        break;
    case F_MON:
        put_name(out, month_names[d->month - 1], 3, e->letter_case, 0);
        break;
    case F_MONTH:
        put_name(out, month_names[d->month - 1], 9, e->letter_case, fm ? 0 : 9);
        break;
    case F_DD:
        put_number(out, d->day, 2, fm);
        break;
    case F_DDD:
        put_number(out, day_of_year(d), 3, fm);
        break;
    case F_D:
        put_number(out, day_of_week(d), 1, fm);
        break;
    case F_DY:
        put_name(out, day_names[day_of_week(d) - 1], 3, e->letter_case, 0);
        break;
    case F_DAY:
        put_name(out, day_names[day_of_week(d) - 1], 9, e->letter_case, fm ? 0 : 9);
        break;
    case F_HH:
        put_number(out, h12, 2, fm);
        break;
    case F_HH24:
        put_number(out, d->hour, 2, fm);
        break;
    case F_MI:
        put_number(out, d->minute, 2, fm);
        break;
    case F_SS:
        put_number(out, d->second, 2, fm);
        break;
    case F_SSSSS:
        put_number(out, d->hour * 3600 + d->minute * 60 + d->second, 5, fm);
        break;
    case F_FF: {
        char nanos[16];
        snprintf(nanos, sizeof nanos, "%09u", (unsigned)d->nanos);
        buf_put(out, nanos, (size_t)(e->digits ? e->digits : 6));
        break;
    }
    case F_AM:
        put_name(out, d->hour < 12 ? "AM" : "PM", 2, e->letter_case ? 2 : 0, 0);
        break;
    case F_AMDOT:
        put_name(out, d->hour < 12 ? "A.M." : "P.M.", 4, e->letter_case ? 2 : 0, 0);
        break;
    case F_Q:
        put_number(out, (d->month - 1) / 3 + 1, 1, 1);
        break;
    case F_J:
        put_number(out, date_day_number(d) + 2440588, 7, 1);
        break;
    default:
        break;
    }
}

/* D formatted with FMT; -1 for a format Oracle rejects (ORA-01821). */
static int format_date(const odate *d, const char *fmt, buf *out)
{
    int fm = 0;
    fmt_elem e;
    for (const char *p = fmt; *p;) {
        if (fmt_next(&p, &e) < 0) return -1;
        if (e.kind == F_FM)
            fm = !fm;
        else
            format_elem(d, &e, fm, out);
    }
    return 0;
}

/* The state of parsing text against a date format. */
typedef struct date_scan {
    const char *s;
    odate d;
    int pm, has_ampm, hour12, frac_digits;
} date_scan;

/* Up to MAX digits at the scan position; -1 if there is none. */
static int scan_digits(date_scan *ds, int max, long *value, int *ndigits)
{
    long v = 0;
    int n = 0;
    while (n < max && isdigit((unsigned char)ds->s[n]))
        v = v * 10 + (ds->s[n++] - '0');
    if (!n) return -1;
    ds->s += n;
    *value = v;
    if (ndigits) *ndigits = n;
    return 0;
}

/* A month or day name (full or three letters) from NAMES; returns its index or -1. */
static int scan_name(date_scan *ds, const char *const *names, int count)
{
    for (int i = 0; i < count; i++) {
        size_t full = strlen(names[i]);
        if (strncasecmp(ds->s, names[i], full) == 0) return ds->s += full, i;
    }
    for (int i = 0; i < count; i++)
        if (strncasecmp(ds->s, names[i], 3) == 0) return ds->s += 3, i;
    return -1;
}

/* Two-digit year under the RR rule: nearest century to this year's. */
static int rr_year(long yy)
{
    odate now;
    odate_now(&now);
    int century = now.year / 100 * 100, this_yy = now.year % 100;
    if (yy < 50 && this_yy >= 50) return century + 100 + (int)yy;
    if (yy >= 50 && this_yy < 50) return century - 100 + (int)yy;
    return century + (int)yy;
}

static int scan_year(date_scan *ds, const fmt_elem *e)
{
    long v;
    int n, max = e->kind == F_YY || e->kind == F_RR ? 2
                 : e->kind == F_YYY                 ? 3
                 : e->kind == F_Y                   ? 1
                                                    : 4;
    if (e->kind == F_RR || e->kind == F_RRRR) max = 4;
    if (scan_digits(ds, max, &v, &n) < 0) return 1858;
    if ((e->kind == F_RR || e->kind == F_RRRR) && n <= 2)
        v = rr_year(v);
    else if (n < 4 && e->kind != F_YYYY && e->kind != F_RRRR)
        v += ds->d.year / (long)pow10i(n) * (long)pow10i(n);
    if (v == 0) return 1841;
    ds->d.year = (int)v;
    return 0;
}

static int scan_ampm(date_scan *ds)
{
    static const char *const marks[] = {"A.M.", "P.M.", "AM", "PM"};
    for (int i = 0; i < 4; i++) {
        size_t n = strlen(marks[i]);
        if (strncasecmp(ds->s, marks[i], n) != 0) continue;
        ds->s += n;
        ds->has_ampm = 1;
        ds->pm = i % 2;
        return 0;
    }
    return 1855;
}

static int scan_number_elem(date_scan *ds, int max, int lo, int hi, int *field, int code)
{
    long v;
    if (scan_digits(ds, max, &v, NULL) < 0) return 1858;
    if (v < lo || v > hi) return code;
    *field = (int)v;
    return 0;
}

static int scan_fraction(date_scan *ds)
{
    long v;
    int n;
    if (scan_digits(ds, 9, &v, &n) < 0) return 1858;
    ds->frac_digits = n;
    while (n++ < 9)
        v *= 10;
    ds->d.nanos = (uint32_t)v;
    return 0;
}

/* One format element against the text; returns 0 or an Oracle error code. */
static int scan_elem(date_scan *ds, const fmt_elem *e)
{
    long v;
    switch (e->kind) {
    case F_LITERAL:
        if (is_fmt_punct(e->lit[0]) && e->litlen == 1) {
            if (is_fmt_punct(*ds->s)) ds->s++; /* any punctuation matches any */
            return 0;
        }
        if (strncasecmp(ds->s, e->lit, (size_t)e->litlen) != 0) return 1861;
        ds->s += e->litlen;
        return 0;
    case F_YYYY:
    case F_YYY:
    case F_YY:
    case F_Y:
    case F_RRRR:
    case F_RR:
        return scan_year(ds, e);
    case F_MM:
        return scan_number_elem(ds, 2, 1, 12, &ds->d.month, 1843);
    case F_MON:
    case F_MONTH: {
        int m = scan_name(ds, month_names, 12);
        if (m < 0) return 1843;
        ds->d.month = m + 1;
        return 0;
    }
    case F_DD:
        return scan_number_elem(ds, 2, 1, 31, &ds->d.day, 1847);
    case F_DY:
    case F_DAY:
        return scan_name(ds, day_names, 7) < 0 ? 1846 : 0;
    case F_D:
        return scan_digits(ds, 1, &v, NULL) < 0 ? 1858 : 0;
    case F_DDD:
        return scan_digits(ds, 3, &v, NULL) < 0 ? 1858 : 0;
    case F_HH:
        ds->hour12 = 1;
        return scan_number_elem(ds, 2, 1, 12, &ds->d.hour, 1849);
    case F_HH24:
        return scan_number_elem(ds, 2, 0, 23, &ds->d.hour, 1850);
    case F_MI:
        return scan_number_elem(ds, 2, 0, 59, &ds->d.minute, 1851);
    case F_SS:
        return scan_number_elem(ds, 2, 0, 59, &ds->d.second, 1852);
    case F_SSSSS:
        if (scan_digits(ds, 5, &v, NULL) < 0) return 1858;
        if (v >= SECONDS_PER_DAY) return 1853;
        ds->d.hour = (int)(v / 3600), ds->d.minute = (int)(v / 60 % 60),
        ds->d.second = (int)(v % 60);
        return 0;
    case F_FF:
        return scan_fraction(ds);
    case F_AM:
    case F_AMDOT:
        return scan_ampm(ds);
    case F_J:
        if (scan_digits(ds, 7, &v, NULL) < 0) return 1858;
        date_from_seconds((v - 2440588) * SECONDS_PER_DAY, &ds->d);
        return 0;
    default:
        return 0;
    }
}

/* TEXT read with FMT into D; 0 or an Oracle error code.  Missing trailing parts keep defaults. */
static int parse_date(const char *text, const char *fmt, odate *d, int *frac_digits)
{
    odate now;
    odate_now(&now);
    date_scan ds = {.s = text, .d = {.year = now.year, .month = now.month, .day = 1}};
    fmt_elem e;
    while (*ds.s == ' ')
        ds.s++;
    for (const char *p = fmt; *p;) {
        if (fmt_next(&p, &e) < 0) return 1821;
        if (!*ds.s) break;
        while (*ds.s == ' ' && e.kind != F_LITERAL)
            ds.s++;
        int code = scan_elem(&ds, &e);
        if (code) return code;
    }
    while (*ds.s == ' ')
        ds.s++;
    if (*ds.s) return 1830;
    if (ds.has_ampm && ds.hour12) ds.d.hour = ds.d.hour % 12 + (ds.pm ? 12 : 0);
    if (ds.d.day > days_in_month(ds.d.year, ds.d.month)) return 1847;
    *d = ds.d;
    if (frac_digits) *frac_digits = ds.frac_digits;
    return 0;
}

/* A date from a value: a date already, or text read with FMT (default: storage or DD-MON-RR). */
static int value_to_date(sqlite3_value *v, const char *fmt, odate *d, int *frac_digits)
{
    if (frac_digits) *frac_digits = 0;
    if (!fmt && get_date(v, d) == 0) {
        const char *dot = strchr(text_of(v), '.');
        if (dot && frac_digits) *frac_digits = (int)strlen(dot + 1);
        return 0;
    }
    if (sqlite3_value_type(v) != SQLITE_TEXT && sqlite3_value_type(v) != SQLITE_INTEGER)
        return 1858;
    const char *text = text_of(v);
    if (fmt) return parse_date(text, fmt, d, frac_digits);
    if (parse_date(text, "DD-MON-RR HH24:MI:SS", d, frac_digits) == 0) return 0;
    return parse_date(text, "DD-MON-RR", d, frac_digits);
}

/* ======================= number format models ======================= */

#define NUM_FMT_FRAC_MAX 60 /* decimals a number format may ask for */

typedef struct num_fmt {
    int fill_mode;                          /* FM */
    int dollar;                             /* $ */
    int sign_lead, sign_trail, minus_trail; /* S...  ...S  ...MI */
    char int_part[64];                      /* the 9, 0 and , of the integer part */
    int frac_digits;                        /* 9 or 0 after the decimal point */
    int frac_zeros;                         /* 0s after the decimal point (always printed) */
    int has_point;
} num_fmt;

static int parse_num_fmt(const char *f, num_fmt *nf)
{
    memset(nf, 0, sizeof *nf);
    size_t ni = 0;
    if (!strncasecmp(f, "FM", 2)) nf->fill_mode = 1, f += 2;
    if (*f == 'S' || *f == 's') nf->sign_lead = 1, f++;
    for (; *f; f++) {
        int c = toupper((unsigned char)*f);
        if (c == '$')
            nf->dollar = 1;
        else if ((c == '9' || c == '0' || c == ',' || c == 'G') && !nf->has_point &&
                 ni < sizeof nf->int_part - 1)
            nf->int_part[ni++] = (char)(c == 'G' ? ',' : c);
        else if ((c == '.' || c == 'D') && !nf->has_point)
            nf->has_point = 1;
        else if ((c == '9' || c == '0') && nf->has_point && nf->frac_digits < NUM_FMT_FRAC_MAX)
            nf->frac_digits++, nf->frac_zeros += c == '0';
        else if (c == 'S' && !f[1])
            nf->sign_trail = 1;
        else if (c == 'M' && toupper((unsigned char)f[1]) == 'I' && !f[2])
            nf->minus_trail = 1, f++;
        else
            return -1;
    }
    return 0;
}

/* The integer digits IP placed into the format's integer slots: digits, forced zeros and
 * group separators after the first of them.  *BLANKS gets the unused positions before it. */
static void place_integer_digits(const num_fmt *nf, const char *ip, buf *out, int *blanks)
{
    int slots = 0, first_zero = -1, n = (int)strlen(nf->int_part), nip = (int)strlen(ip);
    for (int i = 0; i < n; i++) {
        if (nf->int_part[i] == ',') continue;
        if (nf->int_part[i] == '0' && first_zero < 0) first_zero = slots;
        slots++;
    }
    int slot = 0, started = 0;
    *blanks = 0;
    for (int i = 0; i < n; i++) {
        if (nf->int_part[i] == ',') {
            if (started)
                buf_putc(out, ',');
            else
                (*blanks)++;
            continue;
        }
        int digit_at = slot - (slots - nip);
        int zero_pad = first_zero >= 0 && slot >= first_zero;
        int last_unit = slot == slots - 1 && !nf->has_point && !nip; /* 0 prints as "0" */
        if (digit_at >= 0)
            buf_putc(out, (uint8_t)ip[digit_at]), started = 1;
        else if (zero_pad || last_unit)
            buf_putc(out, '0'), started = 1;
        else
            (*blanks)++;
        slot++;
    }
}

/* D in format F (9, 0, ',', '.', D, G, $, S, MI, FM); -1 for a bad format.  The sign and
 * the currency symbol float next to the first digit; unused positions are blanks (none in FM). */
static int format_number(double d, const char *f, buf *out)
{
    num_fmt nf;
    if (parse_num_fmt(f, &nf) < 0) return -1;
    int neg = d < 0, slots = 0;
    char digits[320 + NUM_FMT_FRAC_MAX]; /* the largest double has 309 integer digits */
    snprintf(digits, sizeof digits, "%.*f", nf.frac_digits,
             fabs(round_places(d, nf.frac_digits, 0)));
    char *point = strchr(digits, '.');
    const char *frac = point ? point + 1 : "";
    if (point) *point = 0;
    const char *ip = strcmp(digits, "0") == 0 ? "" : digits;
    for (const char *p = nf.int_part; *p; p++)
        slots += *p != ',';
    if ((int)strlen(ip) > slots) {
        int width = (int)strlen(nf.int_part) + nf.has_point + nf.frac_digits + 1 + nf.dollar;
        for (int i = 0; i < width; i++)
            buf_putc(out, '#');
        return 0;
    }
    buf body;
    buf_init(&body);
    int blanks;
    place_integer_digits(&nf, ip, &body, &blanks);
    int trailing_sign = nf.sign_trail || nf.minus_trail;
    for (int i = 0; !nf.fill_mode && i < blanks; i++)
        buf_putc(out, ' ');
    if (nf.sign_lead)
        buf_putc(out, neg ? '-' : '+');
    else if (!trailing_sign && (neg || !nf.fill_mode))
        buf_putc(out, neg ? '-' : ' ');
    if (nf.dollar) buf_putc(out, '$');
    buf_put(out, body.data, body.len);
    buf_free(&body);
    if (nf.has_point) {
        int keep = nf.frac_digits;
        if (nf.fill_mode)
            while (keep > nf.frac_zeros && frac[keep - 1] == '0')
                keep--;
        buf_putc(out, '.');
        buf_put(out, frac, (size_t)keep);
    }
    if (nf.sign_trail) buf_putc(out, neg ? '-' : '+');
    if (nf.minus_trail) buf_putc(out, neg ? '-' : ' ');
    return 0;
}

/* ====================== session functions ====================== */

static void fn_sysdate(sqlite3_context *c, int argc, sqlite3_value **v)
{
    odate now;
    odate_now(&now);
    now.nanos = 0;
    result_date(c, &now, 0);
}

static void fn_systimestamp(sqlite3_context *c, int argc, sqlite3_value **v)
{
    odate now;
    odate_now(&now);
    now.nanos = now.nanos / 1000 * 1000;
    result_date(c, &now, 6);
}

static void fn_user(sqlite3_context *c, int argc, sqlite3_value **v)
{
    const struct ora_fn_ctx *ctx = sqlite3_user_data(c);
    sqlite3_result_text(c, ctx->username, -1, SQLITE_TRANSIENT);
}

/* ====================== NULL handling ====================== */

static void fn_nvl(sqlite3_context *c, int argc, sqlite3_value **v)
{
    sqlite3_result_value(c, sqlite3_value_type(v[0]) == SQLITE_NULL ? v[1] : v[0]);
}

static void fn_nvl2(sqlite3_context *c, int argc, sqlite3_value **v)
{
    sqlite3_result_value(c, sqlite3_value_type(v[0]) != SQLITE_NULL ? v[1] : v[2]);
}

/* ====================== comparison ====================== */

static int is_number_type(sqlite3_value *v)
{
    int t = sqlite3_value_type(v);
    return t == SQLITE_INTEGER || t == SQLITE_FLOAT;
}

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
static void fn_decode(sqlite3_context *c, int argc, sqlite3_value **v)
{
    if (argc < 3) {
        fail(c, 909);
        return;
    }
    for (int i = 1; i + 1 < argc; i += 2) {
        int expr_null = sqlite3_value_type(v[0]) == SQLITE_NULL;
        int search_null = sqlite3_value_type(v[i]) == SQLITE_NULL;
        if (expr_null || search_null) {
            if (expr_null && search_null) return sqlite3_result_value(c, v[i + 1]);
            continue;
        }
        int cmp = compare_values(v[0], v[i]);
        if (cmp == -2) return fail(c, ORA_INVALID_NUMBER);
        if (cmp == 0) return sqlite3_result_value(c, v[i + 1]);
    }
    if (argc % 2 == 0)
        sqlite3_result_value(c, v[argc - 1]);
    else
        sqlite3_result_null(c);
}

/* GREATEST / LEAST: NULL if any argument is NULL. */
static void extreme(sqlite3_context *c, int argc, sqlite3_value **v, int sign)
{
    if (argc < 1) return fail(c, 909);
    if (any_null(argc, v)) return sqlite3_result_null(c);
    int best = 0;
    for (int i = 1; i < argc; i++) {
        int cmp = compare_values(v[i], v[best]);
        if (cmp == -2) return fail(c, ORA_INVALID_NUMBER);
        if (cmp == sign) best = i;
    }
    sqlite3_result_value(c, v[best]);
}

static void fn_greatest(sqlite3_context *c, int argc, sqlite3_value **v)
{
    extreme(c, argc, v, 1);
}
static void fn_least(sqlite3_context *c, int argc, sqlite3_value **v)
{
    extreme(c, argc, v, -1);
}

/* ====================== strings ====================== */

static int utf8_len(const char *s, int bytes)
{
    int n = 0;
    for (int i = 0; i < bytes; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) n++;
    return n;
}

/* Byte offset of character CHARS (clamped to the end). */
static int utf8_offset(const char *s, int bytes, int chars)
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

/* The text of a value as Oracle converts it: numbers in canonical form. */
static void value_text(sqlite3_value *v, buf *out)
{
    num n;
    if (is_number_type(v) && get_num(v, &n) == 0)
        number_text(&n, out);
    else
        buf_put(out, sqlite3_value_text(v), (size_t)sqlite3_value_bytes(v));
}

/* CONCAT(a, b, ...) and ||: NULL is '', and an empty result is NULL. */
static void fn_concat(sqlite3_context *c, int argc, sqlite3_value **v)
{
    buf b;
    buf_init(&b);
    for (int i = 0; i < argc; i++)
        if (sqlite3_value_type(v[i]) != SQLITE_NULL) value_text(v[i], &b);
    result_buf(c, &b);
}

/* SUBSTR(s, pos [, len]): pos 0 is 1, negative counts from the end. */
static void fn_substr(sqlite3_context *c, int argc, sqlite3_value **v)
{
    if (any_null(argc, v)) return sqlite3_result_null(c);
    num pos, len = {.is_int = 1, .i = INT32_MAX};
    if (get_num(v[1], &pos) < 0 || (argc > 2 && get_num(v[2], &len) < 0))
        return fail(c, ORA_INVALID_NUMBER);
    buf text;
    buf_init(&text);
    value_text(v[0], &text);
    const char *s = (const char *)text.data;
    int bytes = (int)text.len, nchars = utf8_len(s, bytes);
    long long p = num_to_ll(&pos), l = num_to_ll(&len);
    if (p == 0) p = 1;
    if (p < 0) p = nchars + p + 1;
    if (p < 1 || p > nchars || l < 1) {
        buf_free(&text);
        return sqlite3_result_null(c);
    }
    int from = utf8_offset(s, bytes, (int)(p - 1));
    int to = l >= nchars ? bytes : from + utf8_offset(s + from, bytes - from, (int)l);
    result_text(c, s + from, (size_t)(to - from));
    buf_free(&text);
}

/* INSTR(s, sub [, pos [, occurrence]]): character position, 0 when not found. */
static void fn_instr(sqlite3_context *c, int argc, sqlite3_value **v)
{
    if (any_null(argc, v)) return sqlite3_result_null(c);
    num pos = {.is_int = 1, .i = 1}, occ = {.is_int = 1, .i = 1};
    if ((argc > 2 && get_num(v[2], &pos) < 0) || (argc > 3 && get_num(v[3], &occ) < 0))
        return fail(c, ORA_INVALID_NUMBER);
    long long p = num_to_ll(&pos), want = num_to_ll(&occ);
    if (p == 0 || want < 1) return want < 1 ? fail(c, 1428, "") : sqlite3_result_int(c, 0);
    buf hay, needle;
    buf_init(&hay), buf_init(&needle);
    value_text(v[0], &hay), value_text(v[1], &needle);
    const char *s = buf_cstr(&hay), *sub = buf_cstr(&needle);
    int bytes = (int)hay.len, nsub = (int)needle.len, nchars = utf8_len(s, bytes), found = 0,
        result = 0;
    int step = p > 0 ? 1 : -1;
    for (long long ch = p > 0 ? p : nchars + p + 1; ch >= 1 && ch <= nchars; ch += step) {
        int at = utf8_offset(s, bytes, (int)(ch - 1));
        if (at + nsub <= bytes && memcmp(s + at, sub, (size_t)nsub) == 0 && ++found == want) {
            result = (int)ch;
            break;
        }
    }
    buf_free(&hay), buf_free(&needle);
    sqlite3_result_int(c, result);
}

/* LPAD / RPAD(s, n [, pad]): to N characters, cut when longer. */
static void pad(sqlite3_context *c, int argc, sqlite3_value **v, int left)
{
    if (any_null(argc, v)) return sqlite3_result_null(c);
    num n;
    if (get_num(v[1], &n) < 0) return fail(c, ORA_INVALID_NUMBER);
    long long width = num_to_ll(&n);
    if (width < 1) return sqlite3_result_null(c);
    if (width > 32767) width = 32767;
    buf text, filler, out;
    buf_init(&text), buf_init(&filler), buf_init(&out);
    value_text(v[0], &text);
    if (argc > 2)
        value_text(v[2], &filler);
    else
        buf_putc(&filler, ' ');
    const char *s = (const char *)buf_cstr(&text), *f = buf_cstr(&filler);
    int slen = utf8_len(s, (int)text.len), flen = utf8_len(f, (int)filler.len);
    int need = (int)width - slen;
    if (need <= 0) {
        buf_put(&out, s, (size_t)utf8_offset(s, (int)text.len, (int)width));
    } else {
        if (!left) buf_put(&out, s, text.len);
        for (int i = 0; i < need && flen > 0; i++) {
            int from = utf8_offset(f, (int)filler.len, i % flen);
            int to = utf8_offset(f, (int)filler.len, i % flen + 1);
            buf_put(&out, f + from, (size_t)(to - from));
        }
        if (left) buf_put(&out, s, text.len);
    }
    buf_free(&text), buf_free(&filler);
    result_buf(c, &out);
}

static void fn_lpad(sqlite3_context *c, int argc, sqlite3_value **v)
{
    pad(c, argc, v, 1);
}
static void fn_rpad(sqlite3_context *c, int argc, sqlite3_value **v)
{
    pad(c, argc, v, 0);
}

static void fn_initcap(sqlite3_context *c, int argc, sqlite3_value **v)
{
    if (any_null(argc, v)) return sqlite3_result_null(c);
    buf b;
    buf_init(&b);
    value_text(v[0], &b);
    int in_word = 0;
    for (size_t i = 0; i < b.len; i++) {
        int ch = b.data[i];
        b.data[i] = (uint8_t)(in_word ? tolower(ch) : toupper(ch));
        in_word = isalnum(ch) || ch >= 0x80;
    }
    result_buf(c, &b);
}

/* REPLACE(s, from [, to]): Oracle removes FROM when TO is NULL or missing. */
static void fn_replace(sqlite3_context *c, int argc, sqlite3_value **v)
{
    if (sqlite3_value_type(v[0]) == SQLITE_NULL) return sqlite3_result_null(c);
    buf s, from, to, out;
    buf_init(&s), buf_init(&from), buf_init(&to), buf_init(&out);
    value_text(v[0], &s);
    if (sqlite3_value_type(v[1]) != SQLITE_NULL) value_text(v[1], &from);
    if (argc > 2 && sqlite3_value_type(v[2]) != SQLITE_NULL) value_text(v[2], &to);
    for (size_t i = 0; i < s.len;) {
        if (from.len && i + from.len <= s.len && memcmp(s.data + i, from.data, from.len) == 0) {
            buf_put(&out, to.data, to.len);
            i += from.len;
        } else {
            buf_putc(&out, s.data[i++]);
        }
    }
    buf_free(&s), buf_free(&from), buf_free(&to);
    result_buf(c, &out);
}

/* Is the character at S (LEN bytes) one of SET's characters? */
static int in_char_set(const char *set, int setlen, const char *s, int len)
{
    for (int i = 0; i < setlen;) {
        int n = utf8_offset(set + i, setlen - i, 1);
        if (n == len && memcmp(set + i, s, (size_t)len) == 0) return 1;
        i += n;
    }
    return 0;
}

/* Trim SET's characters from the start (LEFT) and/or end (RIGHT) of TEXT. */
static void trim_set(sqlite3_context *c, buf *text, const char *set, int setlen, int left,
                     int right)
{
    const char *s = (const char *)text->data;
    int from = 0, to = (int)text->len;
    while (left && from < to) {
        int n = utf8_offset(s + from, to - from, 1);
        if (!in_char_set(set, setlen, s + from, n)) break;
        from += n;
    }
    while (right && to > from) {
        int start = to - 1;
        while (start > from && ((unsigned char)s[start] & 0xC0) == 0x80)
            start--;
        if (!in_char_set(set, setlen, s + start, to - start)) break;
        to = start;
    }
    result_text(c, s + from, (size_t)(to - from));
}

static void trim_call(sqlite3_context *c, sqlite3_value *str, sqlite3_value *set, int left,
                      int right)
{
    if (sqlite3_value_type(str) == SQLITE_NULL || (set && sqlite3_value_type(set) == SQLITE_NULL))
        return sqlite3_result_null(c);
    buf text, chars;
    buf_init(&text), buf_init(&chars);
    value_text(str, &text);
    if (set)
        value_text(set, &chars);
    else
        buf_putc(&chars, ' ');
    trim_set(c, &text, (const char *)chars.data, (int)chars.len, left, right);
    buf_free(&text), buf_free(&chars);
}

static void fn_ltrim(sqlite3_context *c, int argc, sqlite3_value **v)
{
    trim_call(c, v[0], argc > 1 ? v[1] : NULL, 1, 0);
}
static void fn_rtrim(sqlite3_context *c, int argc, sqlite3_value **v)
{
    trim_call(c, v[0], argc > 1 ? v[1] : NULL, 0, 1);
}

/* ORA_TRIM('L'|'T'|'B', [set,] s): Oracle's TRIM([LEADING|TRAILING|BOTH] [c FROM] s). */
static void fn_ora_trim(sqlite3_context *c, int argc, sqlite3_value **v)
{
    const char *mode = text_of(v[0]);
    sqlite3_value *set = argc > 2 ? v[1] : NULL, *str = v[argc - 1];
    if (set && sqlite3_value_type(set) != SQLITE_NULL &&
        utf8_len(text_of(set), sqlite3_value_bytes(set)) != 1)
        return fail(c, 30001);
    trim_call(c, str, set, mode[0] != 'T', mode[0] != 'L');
}

/* CHR(n): the character with code point N; ASCII(s): the code point of the first character. */
static void fn_chr(sqlite3_context *c, int argc, sqlite3_value **v)
{
    num n;
    if (get_nums(c, 1, v, &n) < 0) return;
    long long cp = num_to_ll(&n);
    char out[4];
    int len;
    if (cp < 0 || cp > 0x10FFFF) return fail(c, ORA_INVALID_NUMBER);
    if (cp < 0x80)
        out[0] = (char)cp, len = 1;
    else if (cp < 0x800)
        out[0] = (char)(0xC0 | cp >> 6), out[1] = (char)(0x80 | (cp & 0x3F)), len = 2;
    else if (cp < 0x10000)
        out[0] = (char)(0xE0 | cp >> 12), out[1] = (char)(0x80 | (cp >> 6 & 0x3F)),
        out[2] = (char)(0x80 | (cp & 0x3F)), len = 3;
    else
        out[0] = (char)(0xF0 | cp >> 18), out[1] = (char)(0x80 | (cp >> 12 & 0x3F)),
        out[2] = (char)(0x80 | (cp >> 6 & 0x3F)), out[3] = (char)(0x80 | (cp & 0x3F)), len = 4;
    result_text(c, out, (size_t)len);
}

static void fn_ascii(sqlite3_context *c, int argc, sqlite3_value **v)
{
    if (any_null(argc, v)) return sqlite3_result_null(c);
    const unsigned char *s = sqlite3_value_text(v[0]);
    long cp = s[0];
    int extra = cp >= 0xF0 ? 3 : cp >= 0xE0 ? 2 : cp >= 0xC0 ? 1 : 0;
    if (extra) cp &= 0x3F >> extra;
    for (int i = 1; i <= extra && s[i]; i++)
        cp = cp << 6 | (s[i] & 0x3F);
    sqlite3_result_int64(c, cp);
}

/* ====================== numbers ====================== */

static void fn_mod(sqlite3_context *c, int argc, sqlite3_value **v)
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

static void fn_power(sqlite3_context *c, int argc, sqlite3_value **v)
{
    num n[2];
    if (get_nums(c, 2, v, n) < 0) return;
    if (n[0].d < 0 && n[1].d != floor(n[1].d)) return fail(c, 1428, "");
    result_double(c, pow(n[0].d, n[1].d));
}

static void fn_ceil(sqlite3_context *c, int argc, sqlite3_value **v)
{
    num n;
    if (get_nums(c, 1, v, &n) < 0) return;
    if (n.is_int) return sqlite3_result_int64(c, n.i);
    result_double(c, ceil(tidy(n.d)));
}

static void fn_floor(sqlite3_context *c, int argc, sqlite3_value **v)
{
    num n;
    if (get_nums(c, 1, v, &n) < 0) return;
    if (n.is_int) return sqlite3_result_int64(c, n.i);
    result_double(c, floor(tidy(n.d)));
}

static void fn_sign(sqlite3_context *c, int argc, sqlite3_value **v)
{
    num n;
    if (get_nums(c, 1, v, &n) < 0) return;
    sqlite3_result_int(c, (n.d > 0) - (n.d < 0));
}

/* ====================== dates ====================== */

/* The date argument I; fails the call when it is not a date.  Returns -1 for NULL/failure. */
static int date_arg(sqlite3_context *c, sqlite3_value *v, odate *d)
{
    if (sqlite3_value_type(v) == SQLITE_NULL) {
        sqlite3_result_null(c);
        return -1;
    }
    int code = value_to_date(v, NULL, d, NULL);
    if (code) {
        fail(c, code);
        return -1;
    }
    return 0;
}

static void add_months(odate *d, long long months)
{
    int last = d->day == days_in_month(d->year, d->month);
    long long m = (long long)astro_year(d->year) * 12 + (d->month - 1) + months;
    long long y = m >= 0 ? m / 12 : (m - 11) / 12;
    d->year = oracle_year((int)y);
    d->month = (int)(m - y * 12) + 1;
    int dim = days_in_month(d->year, d->month);
    if (last || d->day > dim) d->day = dim;
}

static void fn_add_months(sqlite3_context *c, int argc, sqlite3_value **v)
{
    odate d;
    num n;
    if (date_arg(c, v[0], &d) < 0) return;
    if (sqlite3_value_type(v[1]) == SQLITE_NULL) return sqlite3_result_null(c);
    if (get_num(v[1], &n) < 0) return fail(c, ORA_INVALID_NUMBER);
    add_months(&d, clamp_ll(num_to_ll(&n), -200000, 200000));
    d.nanos = 0;
    result_date(c, &d, 0);
}

static void fn_last_day(sqlite3_context *c, int argc, sqlite3_value **v)
{
    odate d;
    if (date_arg(c, v[0], &d) < 0) return;
    d.day = days_in_month(d.year, d.month);
    d.nanos = 0;
    result_date(c, &d, 0);
}

static void fn_months_between(sqlite3_context *c, int argc, sqlite3_value **v)
{
    odate a, b;
    if (date_arg(c, v[0], &a) < 0 || date_arg(c, v[1], &b) < 0) return;
    double months = (astro_year(a.year) - astro_year(b.year)) * 12.0 + (a.month - b.month);
    int a_last = a.day == days_in_month(a.year, a.month),
        b_last = b.day == days_in_month(b.year, b.month);
    if (a.day != b.day && !(a_last && b_last)) {
        double secs_a = a.hour * 3600 + a.minute * 60 + a.second,
               secs_b = b.hour * 3600 + b.minute * 60 + b.second;
        months += (a.day - b.day + (secs_a - secs_b) / SECONDS_PER_DAY) / 31.0;
    }
    result_double(c, months);
}

/* TRUNC/ROUND of a date to the unit named by FMT: 'DD' by default. */
static int truncate_date(odate *d, const char *fmt, int round_it)
{
    char unit[16];
    snprintf(unit, sizeof unit, "%s", fmt ? fmt : "DD");
    for (char *p = unit; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    odate t = {
        .year = d->year, .month = d->month, .day = d->day, .hour = d->hour, .minute = d->minute};
    if (!strcmp(unit, "MI"))
        t.second = 0;
    else if (!strcmp(unit, "HH") || !strcmp(unit, "HH24") || !strcmp(unit, "HH12"))
        t.minute = 0;
    else if (!strcmp(unit, "DD") || !strcmp(unit, "DDD") || !strcmp(unit, "J"))
        t.hour = t.minute = 0;
    else if (!strcmp(unit, "MM") || !strcmp(unit, "MON") || !strcmp(unit, "MONTH"))
        t.day = 1, t.hour = t.minute = 0;
    else if (!strcmp(unit, "Q"))
        t.month = (t.month - 1) / 3 * 3 + 1, t.day = 1, t.hour = t.minute = 0;
    else if (!strcmp(unit, "YYYY") || !strcmp(unit, "YEAR") || !strcmp(unit, "YY") ||
             !strcmp(unit, "RRRR") || !strcmp(unit, "RR") || !strcmp(unit, "Y") ||
             !strcmp(unit, "SYYYY"))
        t.month = t.day = 1, t.hour = t.minute = 0;
    else if (!strcmp(unit, "IW") || !strcmp(unit, "D") || !strcmp(unit, "DY") ||
             !strcmp(unit, "DAY")) {
        int back = !strcmp(unit, "IW") ? (day_of_week(d) + 5) % 7 : day_of_week(d) - 1;
        date_from_seconds(date_seconds(d) - (int64_t)back * SECONDS_PER_DAY, &t);
        t.hour = t.minute = t.second = 0;
    } else
        return -1;
    if (round_it && (!strcmp(unit, "DD") || !strcmp(unit, "DDD") || !strcmp(unit, "J")) &&
        d->hour >= 12)
        date_from_seconds(date_seconds(&t) + SECONDS_PER_DAY, &t);
    *d = t;
    return 0;
}

/* TRUNC and ROUND take numbers and dates. */
static void trunc_or_round(sqlite3_context *c, int argc, sqlite3_value **v, int truncate)
{
    if (sqlite3_value_type(v[0]) == SQLITE_NULL ||
        (argc > 1 && sqlite3_value_type(v[1]) == SQLITE_NULL))
        return sqlite3_result_null(c);
    odate d;
    if (!is_number_type(v[0]) && get_date(v[0], &d) == 0) {
        if (truncate_date(&d, argc > 1 ? text_of(v[1]) : NULL, !truncate) < 0) return fail(c, 1821);
        return result_date(c, &d, 0);
    }
    num n, places = {.is_int = 1, .i = 0};
    if (get_num(v[0], &n) < 0 || (argc > 1 && get_num(v[1], &places) < 0))
        return fail(c, ORA_INVALID_NUMBER);
    int p = (int)clamp_ll(num_to_ll(&places), -400, 400);
    if (n.is_int && p >= 0) return sqlite3_result_int64(c, n.i);
    result_double(c, round_places(n.d, p, truncate));
}

static void fn_trunc(sqlite3_context *c, int argc, sqlite3_value **v)
{
    trunc_or_round(c, argc, v, 1);
}
static void fn_round(sqlite3_context *c, int argc, sqlite3_value **v)
{
    trunc_or_round(c, argc, v, 0);
}

/* ORA_EXTRACT('YEAR'|'MONTH'|'DAY'|'HOUR'|'MINUTE'|'SECOND', d) */
static void fn_ora_extract(sqlite3_context *c, int argc, sqlite3_value **v)
{
    odate d;
    if (date_arg(c, v[1], &d) < 0) return;
    const char *f = text_of(v[0]);
    if (!strcmp(f, "YEAR"))
        sqlite3_result_int(c, d.year);
    else if (!strcmp(f, "MONTH"))
        sqlite3_result_int(c, d.month);
    else if (!strcmp(f, "DAY"))
        sqlite3_result_int(c, d.day);
    else if (!strcmp(f, "HOUR"))
        sqlite3_result_int(c, d.hour);
    else if (!strcmp(f, "MINUTE"))
        sqlite3_result_int(c, d.minute);
    else if (!strcmp(f, "SECOND"))
        result_double(c, d.second + d.nanos / 1e9);
    else
        fail(c, 30076);
}

/* ====================== conversion ====================== */

/* TO_CHAR(x [, fmt]): dates with date formats, numbers with number formats, text as is. */
static void fn_to_char(sqlite3_context *c, int argc, sqlite3_value **v)
{
    if (any_null(argc, v)) return sqlite3_result_null(c);
    const char *fmt = argc > 1 ? text_of(v[1]) : NULL;
    buf out;
    buf_init(&out);
    odate d;
    num n;
    if (is_number_type(v[0]) || (fmt && get_date(v[0], &d) < 0 && get_num(v[0], &n) == 0)) {
        get_num(v[0], &n);
        if (!fmt)
            number_text(&n, &out);
        else if (format_number(n.d, fmt, &out) < 0)
            return buf_free(&out), fail(c, 1481);
    } else if (get_date(v[0], &d) == 0) {
        if (!fmt) fmt = is_timestamp_value(v[0]) ? "DD-MON-RR HH.MI.SS.FF AM" : "DD-MON-RR";
        if (format_date(&d, fmt, &out) < 0) return buf_free(&out), fail(c, 1821);
    } else {
        value_text(v[0], &out);
    }
    result_buf(c, &out);
}

static void to_datetime(sqlite3_context *c, int argc, sqlite3_value **v, int timestamp)
{
    if (any_null(argc, v)) return sqlite3_result_null(c);
    odate d;
    int frac = 0, code = value_to_date(v[0], argc > 1 ? text_of(v[1]) : NULL, &d, &frac);
    if (code) return fail(c, code);
    if (!timestamp) d.nanos = 0;
    result_date(c, &d, timestamp ? (frac > 6 ? frac : 6) : 0);
}

static void fn_to_date(sqlite3_context *c, int argc, sqlite3_value **v)
{
    to_datetime(c, argc, v, 0);
}
static void fn_to_timestamp(sqlite3_context *c, int argc, sqlite3_value **v)
{
    to_datetime(c, argc, v, 1);
}

/* TO_NUMBER(x [, fmt]): group separators, currency and blanks of a format are skipped. */
static void fn_to_number(sqlite3_context *c, int argc, sqlite3_value **v)
{
    if (any_null(argc, v)) return sqlite3_result_null(c);
    num n;
    if (is_number_type(v[0])) return sqlite3_result_value(c, v[0]);
    if (sqlite3_value_bytes(v[0]) == 0) return sqlite3_result_null(c);
    buf text;
    buf_init(&text);
    for (const char *p = text_of(v[0]); *p; p++)
        if (argc == 1 || !strchr(", $", *p)) buf_putc(&text, (uint8_t)*p);
    char *end;
    const char *s = buf_cstr(&text);
    while (*s == ' ')
        s++;
    double d = strtod(s, &end);
    while (*end == ' ')
        end++;
    int ok = end != s && !*end && !strpbrk(s, "xXnNiI");
    buf_free(&text);
    if (!ok) return fail(c, ORA_INVALID_NUMBER);
    n.is_int = 0, n.d = d;
    result_num(c, &n);
}

/* "(p[,s])" of a type name; what is missing or out of range stays -1. */
static void type_params(const char *paren, int *p, int *s)
{
    char *end;
    long v = strtol(paren + 1, &end, 10);
    if (end != paren + 1 && v >= 0 && v <= 4000) *p = (int)v;
    if (*end != ',') return;
    const char *start = end + 1;
    v = strtol(start, &end, 10);
    if (end != start && v >= -84 && v <= 127) *s = (int)v;
}

/* ORA_CAST(x, 'TYPE'): Oracle's CAST to the named type. */
static void fn_ora_cast(sqlite3_context *c, int argc, sqlite3_value **v)
{
    if (sqlite3_value_type(v[0]) == SQLITE_NULL) return sqlite3_result_null(c);
    const char *type = text_of(v[1]);
    int p = -1, s = -1;
    const char *paren = strchr(type, '(');
    if (paren) type_params(paren, &p, &s);
    size_t name_len = paren ? (size_t)(paren - type) : strlen(type);
#define IS(t) (name_len == strlen(t) && !strncmp(type, t, name_len))
    if (IS("NUMBER") || IS("INTEGER") || IS("INT") || IS("FLOAT") || IS("BINARY_DOUBLE") ||
        IS("BINARY_FLOAT") || IS("DECIMAL") || IS("NUMERIC") || IS("SMALLINT") || IS("REAL") ||
        IS("DOUBLE PRECISION")) {
        num n;
        if (get_num(v[0], &n) < 0) return fail(c, ORA_INVALID_NUMBER);
        if (IS("INTEGER") || IS("INT") || IS("SMALLINT")) s = 0;
        if (s >= 0 && !n.is_int) n.d = round_places(n.d, s, 0);
        return result_num(c, &n);
    }
    if (IS("DATE") || IS("TIMESTAMP")) return to_datetime(c, 1, v, IS("TIMESTAMP"));
    if (IS("VARCHAR2") || IS("VARCHAR") || IS("NVARCHAR2") || IS("CHAR") || IS("NCHAR") ||
        IS("CLOB") || IS("NCLOB") || IS("CHARACTER")) {
        buf out;
        buf_init(&out);
        value_text(v[0], &out);
        int len = utf8_len((const char *)out.data, (int)out.len);
        if (p > 0 && len > p) return buf_free(&out), fail(c, 25137);
        if ((IS("CHAR") || IS("NCHAR")) && p > 0)
            for (; len < p; len++)
                buf_putc(&out, ' ');
        return result_buf(c, &out);
    }
#undef IS
    fail(c, 902);
}

/* HEXTORAW(text): the bytes the hex digits spell (an odd count gets a leading 0). */
static void fn_hextoraw(sqlite3_context *c, int argc, sqlite3_value **v)
{
    if (any_null(1, v)) return sqlite3_result_null(c);
    int type = sqlite3_value_type(v[0]);
    const void *in = sqlite3_value_blob(v[0]); /* before its length: a number becomes text */
    int len = sqlite3_value_bytes(v[0]);
    if (type == SQLITE_BLOB) /* RAW already */
        return sqlite3_result_blob(c, in, len, SQLITE_TRANSIENT);
    if (len == 0) return sqlite3_result_null(c);
    uint8_t *out = sqlite3_malloc(len / 2 + 1);
    if (!out) return sqlite3_result_error_nomem(c);
    long n = hex_decode(in, (size_t)len, out);
    if (n < 0) return sqlite3_free(out), fail(c, 1465);
    sqlite3_result_blob(c, out, (int)n, sqlite3_free);
}

/* RAWTOHEX(raw): its bytes as upper-case hex digits (a string's own bytes, as in SQL). */
static void fn_rawtohex(sqlite3_context *c, int argc, sqlite3_value **v)
{
    if (any_null(1, v)) return sqlite3_result_null(c);
    const uint8_t *in = sqlite3_value_blob(v[0]);
    int len = sqlite3_value_bytes(v[0]);
    if (len == 0) return sqlite3_result_null(c);
    char *out = sqlite3_malloc64(2 * (sqlite3_uint64)len);
    if (!out) return sqlite3_result_error_nomem(c);
    hex_encode(in, (size_t)len, out);
    sqlite3_result_text64(c, out, 2 * (sqlite3_uint64)len, sqlite3_free, SQLITE_UTF8);
}

/* ====================== operators ====================== */

typedef enum arith { ADD, SUB, MUL, DIV } arith;

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
        double secs =
            (double)(date_seconds(&d) - date_seconds(&e)) + ((double)d.nanos - e.nanos) / 1e9;
        return result_double(c, secs / SECONDS_PER_DAY);
    }
    if (op == MUL || op == DIV || (op == SUB && b_date)) return fail(c, 932, "NUMBER", "DATE");
    get_date(v[a_date ? 0 : 1], &d);
    if (get_num(v[a_date ? 1 : 0], &n) < 0) return fail(c, ORA_INVALID_NUMBER);
    double days = fmax(-1e7, fmin(1e7, op == SUB ? -n.d : n.d));
    date_from_seconds(date_seconds(&d) + (int64_t)llround(days * SECONDS_PER_DAY), &e);
    result_date(c, &e, 0);
}

static void arithmetic(sqlite3_context *c, sqlite3_value **v, arith op)
{
    if (any_null(2, v)) return sqlite3_result_null(c);
    odate d;
    int a_date = !is_number_type(v[0]) && get_date(v[0], &d) == 0;
    int b_date = !is_number_type(v[1]) && get_date(v[1], &d) == 0;
    if (a_date || b_date) return date_op(c, v, op, a_date, b_date);
    num a, b;
    if (get_num(v[0], &a) < 0 || get_num(v[1], &b) < 0) return fail(c, ORA_INVALID_NUMBER);
    number_op(c, &a, &b, op);
}

static void fn_add(sqlite3_context *c, int argc, sqlite3_value **v)
{
    arithmetic(c, v, ADD);
}
static void fn_sub(sqlite3_context *c, int argc, sqlite3_value **v)
{
    arithmetic(c, v, SUB);
}
static void fn_mul(sqlite3_context *c, int argc, sqlite3_value **v)
{
    arithmetic(c, v, MUL);
}
static void fn_div(sqlite3_context *c, int argc, sqlite3_value **v)
{
    arithmetic(c, v, DIV);
}

/* ====================== registration ====================== */

typedef void (*sql_fn)(sqlite3_context *, int, sqlite3_value **);

static const struct {
    const char *name;
    int nargs; /* -1: any */
    int flags;
    sql_fn fn;
} functions[] = {
    {"SYSDATE", 0, VOLATILE, fn_sysdate},
    {"SYSTIMESTAMP", 0, VOLATILE, fn_systimestamp},
    {"USER", 0, DET, fn_user},
    {"NVL", 2, DET, fn_nvl},
    {"NVL2", 3, DET, fn_nvl2},
    {"DECODE", -1, DET, fn_decode},
    {"GREATEST", -1, DET, fn_greatest},
    {"LEAST", -1, DET, fn_least},
    {"CONCAT", -1, DET, fn_concat},
    {"SUBSTR", 2, DET, fn_substr},
    {"SUBSTR", 3, DET, fn_substr},
    {"INSTR", 2, DET, fn_instr},
    {"INSTR", 3, DET, fn_instr},
    {"INSTR", 4, DET, fn_instr},
    {"LPAD", 2, DET, fn_lpad},
    {"LPAD", 3, DET, fn_lpad},
    {"RPAD", 2, DET, fn_rpad},
    {"RPAD", 3, DET, fn_rpad},
    {"INITCAP", 1, DET, fn_initcap},
    {"REPLACE", 2, DET, fn_replace},
    {"REPLACE", 3, DET, fn_replace},
    {"LTRIM", 1, DET, fn_ltrim},
    {"LTRIM", 2, DET, fn_ltrim},
    {"RTRIM", 1, DET, fn_rtrim},
    {"RTRIM", 2, DET, fn_rtrim},
    {"ORA_TRIM", 2, DET, fn_ora_trim},
    {"ORA_TRIM", 3, DET, fn_ora_trim},
    {"CHR", 1, DET, fn_chr},
    {"ASCII", 1, DET, fn_ascii},
    {"MOD", 2, DET, fn_mod},
    {"POWER", 2, DET, fn_power},
    {"CEIL", 1, DET, fn_ceil},
    {"FLOOR", 1, DET, fn_floor},
    {"SIGN", 1, DET, fn_sign},
    {"TRUNC", 1, DET, fn_trunc},
    {"TRUNC", 2, DET, fn_trunc},
    {"ROUND", 1, DET, fn_round},
    {"ROUND", 2, DET, fn_round},
    {"ADD_MONTHS", 2, DET, fn_add_months},
    {"LAST_DAY", 1, DET, fn_last_day},
    {"MONTHS_BETWEEN", 2, DET, fn_months_between},
    {"ORA_EXTRACT", 2, DET, fn_ora_extract},
    {"TO_CHAR", 1, DET, fn_to_char},
    {"TO_CHAR", 2, DET, fn_to_char},
    {"TO_DATE", 1, DET, fn_to_date},
    {"TO_DATE", 2, DET, fn_to_date},
    {"TO_TIMESTAMP", 1, DET, fn_to_timestamp},
    {"TO_TIMESTAMP", 2, DET, fn_to_timestamp},
    {"TO_NUMBER", 1, DET, fn_to_number},
    {"TO_NUMBER", 2, DET, fn_to_number},
    {"ORA_CAST", 2, DET, fn_ora_cast},
    {"HEXTORAW", 1, DET, fn_hextoraw},
    {"RAWTOHEX", 1, DET, fn_rawtohex},
    {"ORA_ADD", 2, DET, fn_add},
    {"ORA_SUB", 2, DET, fn_sub},
    {"ORA_MUL", 2, DET, fn_mul},
    {"ORA_DIV", 2, DET, fn_div},
};

int ora_functions_register(sqlite3 *db, const struct ora_fn_ctx *ctx)
{
    for (size_t i = 0; i < sizeof functions / sizeof functions[0]; i++) {
        int rc = sqlite3_create_function_v2(db, functions[i].name, functions[i].nargs,
                                            functions[i].flags, (void *)ctx, functions[i].fn, NULL,
                                            NULL, NULL);
        if (rc != SQLITE_OK) return rc;
    }
    return sqlite3_exec(db, "PRAGMA case_sensitive_like = ON", NULL, NULL, NULL);
}
