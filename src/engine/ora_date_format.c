/*
 * ora_date_format.c - Oracle's date format models: TO_CHAR of a date
 * (format_date) and TO_DATE/TO_TIMESTAMP of text (value_to_date), element
 * by element (YYYY, RR, MON, DD, HH24, MI, SS, FF, AM, J ...), with the
 * letter case of names following the element's ("Mon", "MONTH") and FM
 * switching padding off.  Day numbers, weekdays and Julian days come from
 * src/common/calendar.c.  A value with a time zone has the elements TZH,
 * TZM, TZR (its offset, or a region read from text) and TZD.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../common/calendar.h"
#include "ora_functions_int.h"
#include "ora_nls.h"

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
    F_X,  /* the radix character: the session's decimal character */
    F_TZH, /* time zone elements: only a value with a time zone has them */
    F_TZM,
    F_TZR,
    F_TZD,
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
    {"TZR", F_TZR},     {"TZH", F_TZH},     {"TZM", F_TZM},    {"TZD", F_TZD},
    {"SSSSS", F_SSSSS}, {"MONTH", F_MONTH}, {"SYYYY", F_YYYY}, {"YYYY", F_YYYY},  {"RRRR", F_RRRR},
    {"HH24", F_HH24},   {"HH12", F_HH},     {"A.M.", F_AMDOT}, {"P.M.", F_AMDOT}, {"YYY", F_YYY},
    {"MON", F_MON},     {"DDD", F_DDD},     {"DAY", F_DAY},    {"YY", F_YY},      {"RR", F_RR},
    {"MM", F_MM},       {"DD", F_DD},       {"DY", F_DY},      {"HH", F_HH},      {"MI", F_MI},
    {"SS", F_SS},       {"FF", F_FF},       {"AM", F_AM},      {"PM", F_AM},      {"FM", F_FM},
    {"FX", F_FX},       {"Y", F_Y},         {"D", F_D},        {"Q", F_Q},        {"J", F_J},
    {"X", F_X},
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

static int is_tz_elem(fmt_kind k)
{
    return k == F_TZH || k == F_TZM || k == F_TZR || k == F_TZD;
}

/* TZH, TZM, TZR (the offset: Warden keeps no region in values) and TZD (no abbreviation). */
static void format_tz(const odate *d, fmt_kind k, buf *out)
{
    int a = d->tz_minutes < 0 ? -d->tz_minutes : d->tz_minutes;
    char sign = d->tz_minutes < 0 ? '-' : '+';
    if (k == F_TZH)
        buf_printf(out, "%c%02d", sign, a / 60);
    else if (k == F_TZM)
        buf_printf(out, "%02d", a % 60);
    else if (k == F_TZR)
        buf_printf(out, "%c%02d:%02d", sign, a / 60, a % 60);
}

/* One element of a date formatted into OUT (RADIX for X, FF_DIGITS for FF without digits). */
static void format_elem(const odate *d, const fmt_elem *e, int fm, char radix, int ff_digits,
                        buf *out)
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
        put_name(out, cal_month_names[d->month - 1], 3, e->letter_case, 0);
        break;
    case F_MONTH:
        put_name(out, cal_month_names[d->month - 1], 9, e->letter_case, fm ? 0 : 9);
        break;
    case F_DD:
        put_number(out, d->day, 2, fm);
        break;
    case F_DDD:
        put_number(out, cal_day_of_year(d->year, d->month, d->day), 3, fm);
        break;
    case F_D:
        put_number(out, date_weekday(d), 1, fm);
        break;
    case F_DY:
        put_name(out, cal_day_names[date_weekday(d) - 1], 3, e->letter_case, 0);
        break;
    case F_DAY:
        put_name(out, cal_day_names[date_weekday(d) - 1], 9, e->letter_case, fm ? 0 : 9);
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
        buf_put(out, nanos, (size_t)(e->digits ? e->digits : ff_digits));
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
        put_number(out, date_day_number(d) + CAL_JULIAN_DAY_1970, 7, 1);
        break;
    case F_X:
        buf_putc(out, (uint8_t)radix);
        break;
    case F_TZH:
    case F_TZM:
    case F_TZR:
    case F_TZD:
        format_tz(d, e->kind, out);
        break;
    default:
        break;
    }
}

/* D formatted with FMT; -1 for a format Oracle rejects (ORA-01821), or a time zone element
 * when D has none. */
int format_date(const odate *d, const char *fmt, char radix, int ff_digits, buf *out)
{
    int fm = 0;
    fmt_elem e;
    for (const char *p = fmt; *p;) {
        if (fmt_next(&p, &e) < 0 || (is_tz_elem(e.kind) && !d->has_tz)) return -1;
        if (e.kind == F_FM)
            fm = !fm;
        else
            format_elem(d, &e, fm, radix, ff_digits, out);
    }
    return 0;
}

int date_format_ok(const char *fmt)
{
    fmt_elem e;
    for (const char *p = fmt; *p;)
        if (fmt_next(&p, &e) < 0) return 0;
    return 1;
}

/* The state of parsing text against a date format. */
typedef struct date_scan {
    const char *s;
    odate d;
    int pm, has_ampm, hour12, frac_digits;
    int tz_sign, tz_hours, tz_minutes; /* TZH, TZM */
    const char *region;                /* TZR: a region's name (its length in region_len) */
    int region_len;
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
    int bc = e->kind == F_YYYY && *ds->s == '-' && isdigit((unsigned char)ds->s[1]);
    if (bc || (e->kind == F_YYYY && *ds->s == '+')) ds->s++; /* SYYYY, a DATE literal's sign */
    if (scan_digits(ds, max, &v, &n) < 0) return 1858;
    if (e->kind == F_YYYY && isdigit((unsigned char)ds->s[0]) && !isdigit((unsigned char)ds->s[1]))
        return 1841; /* a year of five digits (not YYYYMMDD's digits running on) */
    if (bc) v = v > 4712 ? 0 : -v;
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

/* TZH: [+|-]h[h]; TZM: m[m]; TZR: an offset or a region's name. */
static int scan_tz(date_scan *ds, fmt_kind k)
{
    long v;
    if (k == F_TZD) return 1821;
    if (k == F_TZR && !(*ds->s == '+' || *ds->s == '-' || isdigit((unsigned char)*ds->s))) {
        const char *start = ds->s;
        while (*ds->s && (isalnum((unsigned char)*ds->s) || strchr("/_+-", *ds->s)))
            ds->s++;
        ds->region = start, ds->region_len = (int)(ds->s - start);
        ds->d.has_tz = 1;
        return ds->region_len ? 0 : 1857;
    }
    if (k != F_TZM) {
        ds->tz_sign = *ds->s == '-' ? -1 : 1;
        if (*ds->s == '+' || *ds->s == '-') ds->s++;
        if (scan_digits(ds, 2, &v, NULL) < 0) return 1857;
        if (v > 15) return 1874;
        ds->tz_hours = (int)v;
        ds->d.has_tz = 1;
        if (k == F_TZH) return 0;
        if (*ds->s++ != ':') return 1857;
    }
    if (scan_digits(ds, 2, &v, NULL) < 0) return 1857;
    if (v > 59) return 1875;
    ds->tz_minutes = (int)v;
    ds->d.has_tz = 1;
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
        int m = scan_name(ds, cal_month_names, 12);
        if (m < 0) return 1843;
        ds->d.month = m + 1;
        return 0;
    }
    case F_DD:
        return scan_number_elem(ds, 2, 1, 31, &ds->d.day, 1847);
    case F_DY:
    case F_DAY:
        return scan_name(ds, cal_day_names, 7) < 0 ? 1846 : 0;
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
        if (v >= CAL_SECONDS_PER_DAY) return 1853;
        ds->d.hour = (int)(v / 3600), ds->d.minute = (int)(v / 60 % 60),
        ds->d.second = (int)(v % 60);
        return 0;
    case F_FF:
        return scan_fraction(ds);
    case F_X:
        if (is_fmt_punct(*ds->s)) ds->s++;
        return 0;
    case F_TZH:
    case F_TZM:
    case F_TZR:
    case F_TZD:
        return scan_tz(ds, e->kind);
    case F_AM:
    case F_AMDOT:
        return scan_ampm(ds);
    case F_J:
        if (scan_digits(ds, 7, &v, NULL) < 0) return 1858;
        date_from_seconds((v - CAL_JULIAN_DAY_1970) * CAL_SECONDS_PER_DAY, &ds->d);
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
    date_scan ds = {.s = text, .d = {.year = now.year, .month = now.month, .day = 1}, .tz_sign = 1};
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
    if (ds.d.day > cal_days_in_month(ds.d.year, ds.d.month)) return 1839;
    if (ds.region) {
        char name[64];
        snprintf(name, sizeof name, "%.*s", ds.region_len, ds.region);
        int code = ora_tz_local_offset(name, &ds.d);
        if (code) return code;
    } else
        ds.d.tz_minutes = ds.tz_sign * (ds.tz_hours * 60 + ds.tz_minutes);
    *d = ds.d;
    if (frac_digits) *frac_digits = ds.frac_digits;
    return 0;
}

/* A date from a value: a date already, or text read with FMT; without FMT storage text or
 * text in the session's format DFLT (a time after it allowed). */
int value_to_date(sqlite3_value *v, const char *fmt, const char *dflt, odate *d, int *frac_digits)
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
    int code = parse_date(text, dflt, d, frac_digits);
    if (code != 1830) return code;
    char with_time[ORA_NLS_FORMAT_MAX + 16];
    snprintf(with_time, sizeof with_time, "%s HH24:MI:SS", dflt);
    return parse_date(text, with_time, d, frac_digits) ? code : 0;
}
