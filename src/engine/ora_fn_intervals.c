/*
 * ora_fn_intervals.c - INTERVAL YEAR TO MONTH and INTERVAL DAY TO SECOND in
 * SQL: literals (INTERVAL '4 5:12:10.222' DAY TO SECOND(3), which the SQL
 * front end writes as ORA_INTERVAL(text, 'DAY TO SECOND(3)')),
 * TO_YMINTERVAL, TO_DSINTERVAL, NUMTOYMINTERVAL, NUMTODSINTERVAL, and the
 * arithmetic the operators hand over: datetime +/- interval, interval +/-
 * interval, interval * or / number, timestamp - timestamp.  Values are
 * Oracle's display text (src/net/interval.h) tagged with a subtype.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/calendar.h"
#include "../common/ora_error.h"
#include "ora_functions_int.h"

#define DEFAULT_LEADING 2 /* digits of years, days, hours ... in a literal */
#define DEFAULT_FRACTION 6
#define NANOS_PER_SECOND 1000000000LL

enum field { F_YEAR, F_MONTH, F_DAY, F_HOUR, F_MINUTE, F_SECOND, F_NONE };
static const char *const field_names[] = {"YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND"};
static const int64_t field_seconds[] = {0, 0, 86400, 3600, 60, 1};
static const int field_max[] = {0, 11, 0, 23, 59, 59}; /* a trailing field's largest value */

int get_interval(sqlite3_value *v, ointerval *iv)
{
    if (sqlite3_value_type(v) != SQLITE_TEXT) return -1;
    return ointerval_parse(text_of(v), iv);
}

void result_interval(sqlite3_context *c, const ointerval *iv, int lead_digits, int frac_digits)
{
    char text[OINTERVAL_TEXT_MAX];
    uint8_t bytes[OINTERVAL_DS_LEN];
    if (ointerval_encode(iv, bytes) < 0) return fail(c, 1873);
    ointerval_format(iv, lead_digits, frac_digits, text, sizeof text);
    sqlite3_result_text(c, text, -1, SQLITE_TRANSIENT);
    sqlite3_result_subtype(c, iv->ym ? ORA_SUBTYPE_INTERVAL_YM : ORA_SUBTYPE_INTERVAL_DS);
}

/* The field named at *P ("DAY", "SECOND" ...) with its "(p[,f])"; F_NONE if none. */
static int read_field(const char **p, int *lead, int *frac)
{
    while (**p == ' ')
        (*p)++;
    for (int f = F_YEAR; f < F_NONE; f++) {
        size_t n = strlen(field_names[f]);
        if (strncmp(*p, field_names[f], n) != 0 || isalpha((unsigned char)(*p)[n])) continue;
        *p += n;
        int len = 0;
        if (sscanf(*p, "(%d,%d)%n", lead, frac, &len) == 2 && len)
            *p += len;
        else if (sscanf(*p, "(%d)%n", lead, &len) == 1 && len)
            *p += len;
        return f;
    }
    return F_NONE;
}

/* A unit spec "DAY(3) TO SECOND(2)": its first and last field, leading and fraction digits. */
static int read_spec(const char *spec, int *first, int *last, int *lead, int *frac)
{
    int last_digits = -1, unused;
    *lead = DEFAULT_LEADING, *frac = DEFAULT_FRACTION;
    *first = *last = read_field(&spec, lead, frac);
    while (*spec == ' ')
        spec++;
    if (!strncmp(spec, "TO", 2)) {
        spec += 2;
        *last = read_field(&spec, &last_digits, &unused);
        if (*last == F_SECOND && last_digits >= 0) *frac = last_digits; /* TO SECOND(f) */
    }
    int ym = *first <= F_MONTH;
    if (*first == F_NONE || *last == F_NONE || *last < *first || ym != (*last <= F_MONTH))
        return -1;
    if (*lead < 0 || *lead > 9 || *frac < 0 || *frac > 9) return -1;
    return 0;
}

/* Digits at *P: their value and count (0: none). */
static int scan_number(const char **p, long long *v)
{
    int n = 0;
    *v = 0;
    while (isdigit((unsigned char)**p) && n < 18)
        *v = *v * 10 + (*(*p)++ - '0'), n++;
    return n;
}

/* Literal TEXT of fields FIRST..LAST into IV; 0 or an Oracle error code. */
static int parse_fields(const char *text, int first, int last, int lead, ointerval *iv)
{
    static const char seps[] = {0, '-', 0, ' ', ':', ':'}; /* before each field */
    const char *p = text;
    long long v, total = 0, nanos = 0;
    while (*p == ' ')
        p++;
    int sign = *p == '-' ? -1 : 1;
    if (*p == '+' || *p == '-') p++;
    for (int f = first; f <= last; f++) {
        if (f > first && *p++ != seps[f]) return 1867;
        int n = scan_number(&p, &v);
        if (!n) return 1867;
        if (f == first && n > lead) return 1873;
        if (f > first && (v > field_max[f] || n > 2)) return 1867;
        total = f == F_MONTH ? total * 12 + v : f == F_YEAR ? v : total + v * field_seconds[f];
    }
    if (last == F_SECOND && *p == '.') {
        const char *start = ++p;
        if (!scan_number(&p, &nanos) || p - start > 9) return 1867;
        for (long d = p - start; d < 9; d++)
            nanos *= 10;
    }
    while (*p == ' ')
        p++;
    if (*p) return 1867;
    memset(iv, 0, sizeof *iv);
    iv->ym = last <= F_MONTH;
    if (iv->ym)
        iv->months = sign * (first == F_YEAR && last == F_YEAR ? total * 12 : total);
    else
        iv->seconds = sign * total, iv->nanos = (int32_t)(sign * nanos);
    return 0;
}

/* IV's fraction rounded to DIGITS digits. */
static void round_fraction(ointerval *iv, int digits)
{
    long long unit = 1;
    for (int i = digits; i < 9; i++)
        unit *= 10;
    long long n = llabs(iv->nanos), r = (n + unit / 2) / unit * unit;
    iv->nanos = (int32_t)(iv->nanos < 0 ? -r : r);
    ointerval_normalize(iv);
}

/* TEXT read as an interval of SPEC ("DAY(p) TO SECOND(f)"): the result, or an error. */
static void interval_of_spec(sqlite3_context *c, const char *text, const char *spec)
{
    int first, last, lead, frac;
    ointerval iv;
    if (read_spec(spec, &first, &last, &lead, &frac) < 0) return fail(c, 1867);
    int code = parse_fields(text, first, last, lead, &iv);
    if (code) return fail(c, code);
    round_fraction(&iv, frac);
    result_interval(c, &iv, lead, frac);
}

/* ORA_INTERVAL(text, 'DAY(p) TO SECOND(f)'): the literal INTERVAL 'text' DAY(p) TO SECOND(f). */
void fn_ora_interval(sqlite3_context *c, int argc, sqlite3_value **v)
{
    if (any_null(argc, v)) return sqlite3_result_null(c);
    interval_of_spec(c, text_of(v[0]), text_of(v[1]));
}

void interval_cast(sqlite3_context *c, sqlite3_value *v, const char *spec)
{
    ointerval iv;
    int first, last, lead, frac, digits = 0;
    if (read_spec(spec, &first, &last, &lead, &frac) < 0) return fail(c, 902);
    if (is_number_type(v)) return fail(c, 932, "INTERVAL", "NUMBER");
    if (get_interval(v, &iv) < 0) return interval_of_spec(c, text_of(v), spec); /* text */
    if (iv.ym != (first <= F_MONTH))
        return fail(c, 932, iv.ym ? "INTERVAL DAY TO SECOND" : "INTERVAL YEAR TO MONTH",
                    iv.ym ? "INTERVAL YEAR TO MONTH" : "INTERVAL DAY TO SECOND");
    for (long long n = llabs(iv.ym ? iv.months / 12 : iv.seconds / 86400); n; n /= 10)
        digits++;
    if (digits > lead) return fail(c, 1873);
    round_fraction(&iv, frac);
    result_interval(c, &iv, lead, iv.ym ? 0 : frac);
}

/* TO_YMINTERVAL('[+|-]y-m') and TO_DSINTERVAL('[+|-]d hh:mi:ss[.f]'). */
static void to_interval(sqlite3_context *c, sqlite3_value *v, int ym)
{
    ointerval iv;
    if (sqlite3_value_type(v) == SQLITE_NULL) return sqlite3_result_null(c);
    int code = parse_fields(text_of(v), ym ? F_YEAR : F_DAY, ym ? F_MONTH : F_SECOND, 9, &iv);
    if (code) return fail(c, code);
    result_interval(c, &iv, 9, ym ? 0 : 9);
}

void fn_to_yminterval(sqlite3_context *c, int argc, sqlite3_value **v)
{
    to_interval(c, v[0], 1);
}
void fn_to_dsinterval(sqlite3_context *c, int argc, sqlite3_value **v)
{
    to_interval(c, v[0], 0);
}

/* NUMTOYMINTERVAL(n, 'YEAR'|'MONTH') and NUMTODSINTERVAL(n, 'DAY'|'HOUR'|'MINUTE'|'SECOND'). */
static void num_to_interval(sqlite3_context *c, sqlite3_value **v, int ym)
{
    num n;
    if (any_null(2, v)) return sqlite3_result_null(c);
    if (get_num(v[0], &n) < 0) return fail(c, ORA_INVALID_NUMBER);
    char unit[16];
    snprintf(unit, sizeof unit, "%s", text_of(v[1]));
    for (char *p = unit; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    const char *q = unit;
    int lead, frac, f = read_field(&q, &lead, &frac);
    if (f == F_NONE || *q || (f <= F_MONTH) != ym) return fail(c, 1760);
    ointerval iv = {.ym = ym};
    if (ym) {
        double months = f == F_YEAR ? n.d * 12 : n.d;
        if (fabs(months) > 12e9) return fail(c, 1873);
        iv.months = (int64_t)(months < 0 ? ceil(months - 0.5) : floor(months + 0.5));
        return result_interval(c, &iv, 9, 0);
    }
    double secs = n.d * (double)field_seconds[f];
    if (fabs(secs) > 8.64e13) return fail(c, 1873);
    iv.seconds = (int64_t)secs;
    iv.nanos = (int32_t)llround((secs - (double)iv.seconds) * 1e9);
    ointerval_normalize(&iv);
    result_interval(c, &iv, 9, 9);
}

void fn_numtoyminterval(sqlite3_context *c, int argc, sqlite3_value **v)
{
    num_to_interval(c, v, 1);
}
void fn_numtodsinterval(sqlite3_context *c, int argc, sqlite3_value **v)
{
    num_to_interval(c, v, 0);
}

/* ---- arithmetic (ORA_ADD, ORA_SUB, ORA_MUL, ORA_DIV hand intervals over) ---- */

/* D moved by MONTHS whole months (YEAR TO MONTH): ORA-01839 when its day is past the new month's
 * end, as Oracle does (no clamping as ADD_MONTHS). */
static int add_months_exact(odate *d, int64_t months)
{
    int64_t total = (int64_t)cal_astro_year(d->year) * 12 + (d->month - 1) + months;
    int64_t year = total >= 0 ? total / 12 : -((-total + 11) / 12);
    int astro = (int)year, month = (int)(total - year * 12) + 1;
    if (year < -4712 || year > 9999) return 1841;
    d->year = cal_oracle_year(astro), d->month = month;
    return d->day > cal_days_in_month(d->year, d->month) ? 1839 : 0;
}

/* D moved by SIGN * IV (DAY TO SECOND). */
static int add_seconds_exact(odate *d, const ointerval *iv, int sign)
{
    int64_t nanos = (int64_t)d->nanos + sign * (int64_t)iv->nanos, carry = 0;
    if (nanos < 0) nanos += NANOS_PER_SECOND, carry = -1;
    if (nanos >= NANOS_PER_SECOND) nanos -= NANOS_PER_SECOND, carry = 1;
    if (odate_add_seconds(d, sign * iv->seconds + carry) < 0) return 1841;
    d->nanos = (uint32_t)nanos;
    return 0;
}

/* datetime DV + SIGN * IV: a DATE stays a DATE, a TIMESTAMP keeps its digits and zone. */
static void datetime_plus(sqlite3_context *c, sqlite3_value *dv, const ointerval *iv, int sign)
{
    odate d;
    get_date(dv, &d);
    int timestamp = is_timestamp_value(dv) || d.has_tz;
    int code = iv->ym ? add_months_exact(&d, sign * iv->months) : add_seconds_exact(&d, iv, sign);
    if (code) return fail(c, code);
    if (!timestamp) d.nanos = 0;
    result_date(c, &d, timestamp ? value_fraction_digits(dv) : 0);
}

/* Interval A op B, both intervals (ADD, SUB) or B a number (MUL, DIV). */
static void interval_op(sqlite3_context *c, ointerval a, const ointerval *b, const num *n, int op)
{
    if (b && (a.ym != b->ym || op > ARITH_SUB)) return fail(c, 30081);
    int sign = op == ARITH_SUB ? -1 : 1;
    if (b && a.ym) {
        a.months += sign * b->months;
    } else if (b) {
        a.seconds += sign * b->seconds, a.nanos += sign * b->nanos;
        ointerval_normalize(&a);
    } else {
        if (op == ARITH_DIV && n->d == 0) return fail(c, 1476);
        double f = op == ARITH_DIV ? 1 / n->d : n->d;
        if (a.ym) {
            double m = (double)a.months * f;
            if (fabs(m) > 12e9) return fail(c, 1873);
            a.months = (int64_t)trunc(m);
        } else {
            double secs = ((double)a.seconds + a.nanos / 1e9) * f;
            if (fabs(secs) > 8.64e13) return fail(c, 1873);
            a.seconds = (int64_t)trunc(secs);
            a.nanos = (int32_t)llround((secs - (double)a.seconds) * 1e9);
            ointerval_normalize(&a);
        }
    }
    result_interval(c, &a, 9, a.ym ? 0 : 9);
}

int interval_arithmetic(sqlite3_context *c, sqlite3_value **v, int op)
{
    ointerval a, b;
    odate d;
    num n;
    int a_iv = !is_number_type(v[0]) && get_interval(v[0], &a) == 0,
        b_iv = !is_number_type(v[1]) && get_interval(v[1], &b) == 0;
    if (!a_iv && !b_iv) return 0;
    if (a_iv && b_iv) return interval_op(c, a, &b, NULL, op), 1;
    sqlite3_value *other = a_iv ? v[1] : v[0];
    const ointerval *iv = a_iv ? &a : &b;
    if (!is_number_type(other) && get_date(other, &d) == 0) {
        if (op > ARITH_SUB || (op == ARITH_SUB && a_iv)) return fail(c, 30081), 1;
        return datetime_plus(c, other, iv, op == ARITH_SUB ? -1 : 1), 1;
    }
    if (get_num(other, &n) < 0) return fail(c, 932, "NUMBER", "INTERVAL"), 1;
    if (op == ARITH_MUL || (op == ARITH_DIV && a_iv)) return interval_op(c, *iv, NULL, &n, op), 1;
    return fail(c, 30081), 1;
}

/* Interval A against B into *R: -1, 0 or 1, or CMP_NULL when one is NULL.  0, or -1 after
 * failing C (no interval, or the two kinds). */
static int compare_intervals(sqlite3_context *c, sqlite3_value *a, sqlite3_value *b, int *r)
{
    ointerval x, y;
    *r = CMP_NULL;
    if (sqlite3_value_type(a) == SQLITE_NULL || sqlite3_value_type(b) == SQLITE_NULL) return 0;
    if (get_interval(a, &x) < 0 || get_interval(b, &y) < 0) return fail(c, 1867), -1;
    if (x.ym != y.ym)
        return fail(c, 932, x.ym ? "INTERVAL YEAR TO MONTH" : "INTERVAL DAY TO SECOND",
                    y.ym ? "INTERVAL YEAR TO MONTH" : "INTERVAL DAY TO SECOND"),
               -1;
    ointerval_normalize(&x), ointerval_normalize(&y);
    int64_t p = x.ym ? x.months : x.seconds, q = y.ym ? y.months : y.seconds;
    if (p == q && !x.ym) p = x.nanos, q = y.nanos;
    *r = (p > q) - (p < q);
    return 0;
}

/* ORA_INTERVAL_CMP, _BETWEEN, _MAX, _MIN, _GREATEST, _LEAST: the SQL front end writes
 * comparisons of intervals so (their texts do not sort by value). */
VALUE_COMPARE_FUNCTIONS(fn_interval, compare_intervals)

/* ORA_INTERVAL_KEY(v): a text that sorts as intervals of one kind do (the SQL front end orders
 * intervals by it): months, or seconds and nanos, shifted to be positive. */
void fn_interval_key(sqlite3_context *c, int argc, sqlite3_value **v)
{
    ointerval iv;
    char key[40];
    if (sqlite3_value_type(v[0]) == SQLITE_NULL) return sqlite3_result_null(c);
    if (is_number_type(v[0]) || get_interval(v[0], &iv) < 0) return fail(c, 1867);
    ointerval_normalize(&iv);
    int64_t units = iv.ym ? iv.months : iv.seconds;
    int32_t nanos = iv.ym ? 0 : iv.nanos;
    if (nanos < 0) units--, nanos += 1000000000; /* nanos from 0 up, as the key's digits */
    snprintf(key, sizeof key, "%016lld.%09d", (long long)(units + 1000000000000000LL), nanos);
    sqlite3_result_text(c, key, -1, SQLITE_TRANSIENT);
}


int interval_negate(sqlite3_context *c, sqlite3_value *v)
{
    ointerval iv;
    if (is_number_type(v) || get_interval(v, &iv) < 0) return 0;
    const num minus_one = {.is_int = 1, .i = -1, .d = -1};
    interval_op(c, iv, NULL, &minus_one, ARITH_MUL);
    return 1;
}

void timestamp_difference(sqlite3_context *c, odate a, odate b)
{
    if ((a.has_tz || b.has_tz) && (date_to_zone_kind(c, &a, TSK_WITH_TZ) < 0 ||
                                   date_to_zone_kind(c, &b, TSK_WITH_TZ) < 0))
        return fail(c, 1841);
    ointerval iv = {.ym = 0};
    iv.seconds = (odate_seconds(&a) - a.tz_minutes * 60) - (odate_seconds(&b) - b.tz_minutes * 60);
    iv.nanos = (int32_t)((int64_t)a.nanos - (int64_t)b.nanos);
    ointerval_normalize(&iv);
    result_interval(c, &iv, 9, 9);
}

/* EXTRACT(field FROM interval): 1 when V is an interval (the result set), else 0. */
int interval_extract(sqlite3_context *c, const char *field, sqlite3_value *v)
{
    ointerval iv;
    if (is_number_type(v) || get_interval(v, &iv) < 0) return 0;
    const char *q = field;
    int lead, frac, f = read_field(&q, &lead, &frac);
    if (f == F_NONE || *q || (f <= F_MONTH) != iv.ym) return fail(c, 30076), 1;
    if (iv.ym) return sqlite3_result_int64(c, f == F_YEAR ? iv.months / 12 : iv.months % 12), 1;
    if (f == F_SECOND) return result_double(c, (double)(iv.seconds % 60) + iv.nanos / 1e9), 1;
    int64_t unit = field_seconds[f], range = f == F_DAY ? 0 : f == F_HOUR ? 24 : 60;
    int64_t value = iv.seconds / unit;
    sqlite3_result_int64(c, range ? value % range : value);
    return 1;
}
