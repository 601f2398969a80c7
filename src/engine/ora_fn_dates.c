/*
 * ora_fn_dates.c - Oracle's date functions: SYSDATE and SYSTIMESTAMP (the
 * server's clock and time zone), CURRENT_DATE, CURRENT_TIMESTAMP and
 * LOCALTIMESTAMP (the same instant in the session's time zone), SESSIONTIMEZONE, DBTIMEZONE,
 * ADD_MONTHS, LAST_DAY, MONTHS_BETWEEN, TRUNC and ROUND (of dates, and of
 * numbers, which share the names) and EXTRACT (as ORA_EXTRACT).  The
 * calendar arithmetic is src/common/calendar.c's.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "../common/calendar.h"
#include "../common/ora_error.h"
#include "ora_functions_int.h"
#include "ora_nls.h"

/*
 * The statement's instant: the clock as the statement's first call of the function read it,
 * which SQLite keeps as the data of the function's constant argument (the SQL front end writes
 * SYSDATE(0) ...) until the statement runs again.  So SYSDATE and the others are one instant
 * for all of a statement's rows, fetched in one call or many, as in Oracle.  A call without the
 * argument (a column's DEFAULT) reads the clock.
 */
static struct timespec statement_instant(sqlite3_context *c, int argc)
{
    struct timespec *kept = argc ? sqlite3_get_auxdata(c, 0) : NULL, now;
    if (kept) return *kept;
    clock_gettime(CLOCK_REALTIME, &now);
    if (argc && (kept = sqlite3_malloc(sizeof *kept))) {
        *kept = now;
        sqlite3_set_auxdata(c, 0, kept, sqlite3_free);
    }
    return now;
}

/* The statement's instant in time zone TZ ("" the server's), with its offset, to the
 * microsecond. */
static void now_in_zone(sqlite3_context *c, int argc, const char *tz, odate *d)
{
    struct timespec ts = statement_instant(c, argc);
    int64_t secs = (int64_t)ts.tv_sec;
    long offset = ora_tz_offset(tz, secs);
    date_from_seconds(secs + offset, d);
    d->nanos = (uint32_t)ts.tv_nsec / 1000 * 1000;
    d->has_tz = 1;
    d->tz_minutes = (int)(offset / 60);
}

/* SYSDATE: the server's local time, a DATE. */
void fn_sysdate(sqlite3_context *c, int argc, sqlite3_value **v)
{
    odate now;
    now_in_zone(c, argc, "", &now);
    now.nanos = 0, now.has_tz = 0;
    result_date(c, &now, 0);
}

/* SYSTIMESTAMP: a TIMESTAMP WITH TIME ZONE in the server's time zone. */
void fn_systimestamp(sqlite3_context *c, int argc, sqlite3_value **v)
{
    odate now;
    now_in_zone(c, argc, "", &now);
    result_date(c, &now, 6);
}

/* CURRENT_DATE: the session's (ALTER SESSION SET TIME_ZONE) local time, a DATE. */
void fn_current_date(sqlite3_context *c, int argc, sqlite3_value **v)
{
    odate now;
    now_in_zone(c, argc, session_nls(c)->time_zone, &now);
    now.nanos = 0, now.has_tz = 0;
    result_date(c, &now, 0);
}

/* CURRENT_TIMESTAMP: a TIMESTAMP WITH TIME ZONE in the session's time zone. */
void fn_current_timestamp(sqlite3_context *c, int argc, sqlite3_value **v)
{
    odate now;
    now_in_zone(c, argc, session_nls(c)->time_zone, &now);
    result_date(c, &now, 6);
}

/* LOCALTIMESTAMP: the same without the zone, a TIMESTAMP. */
void fn_localtimestamp(sqlite3_context *c, int argc, sqlite3_value **v)
{
    odate now;
    now_in_zone(c, argc, session_nls(c)->time_zone, &now);
    now.has_tz = 0;
    result_date(c, &now, 6);
}

void fn_sessiontimezone(sqlite3_context *c, int argc, sqlite3_value **v)
{
    char tz[64];
    ora_tz_session(session_nls(c), tz, sizeof tz);
    result_text(c, tz, strlen(tz));
}

void fn_dbtimezone(sqlite3_context *c, int argc, sqlite3_value **v)
{
    result_text(c, ORA_DB_TIME_ZONE, strlen(ORA_DB_TIME_ZONE));
}

/* The date argument I; fails the call when it is not a date.  Returns -1 for NULL/failure. */
static int date_arg(sqlite3_context *c, sqlite3_value *v, odate *d)
{
    if (sqlite3_value_type(v) == SQLITE_NULL) {
        sqlite3_result_null(c);
        return -1;
    }
    int code = value_to_date(v, NULL, ora_nls_date_format(session_nls(c)), d, NULL);
    if (code) {
        fail(c, code);
        return -1;
    }
    return 0;
}

void fn_add_months(sqlite3_context *c, int argc, sqlite3_value **v)
{
    odate d;
    num n;
    if (date_arg(c, v[0], &d) < 0) return;
    if (sqlite3_value_type(v[1]) == SQLITE_NULL) return sqlite3_result_null(c);
    if (get_num(v[1], &n) < 0) return fail(c, ORA_INVALID_NUMBER);
    cal_add_months(&d.year, &d.month, &d.day, clamp_ll(num_to_ll(&n), -200000, 200000));
    d.nanos = 0, d.has_tz = 0; /* a DATE */
    result_date(c, &d, 0);
}

void fn_last_day(sqlite3_context *c, int argc, sqlite3_value **v)
{
    odate d;
    if (date_arg(c, v[0], &d) < 0) return;
    d.day = cal_days_in_month(d.year, d.month);
    d.nanos = 0, d.has_tz = 0; /* a DATE */
    result_date(c, &d, 0);
}

void fn_months_between(sqlite3_context *c, int argc, sqlite3_value **v)
{
    odate a, b;
    if (date_arg(c, v[0], &a) < 0 || date_arg(c, v[1], &b) < 0) return;
    double months = cal_months_apart(a.year, a.month, b.year, b.month);
    int a_last = cal_is_last_day(a.year, a.month, a.day),
        b_last = cal_is_last_day(b.year, b.month, b.day);
    if (a.day != b.day && !(a_last && b_last)) {
        double secs_a = a.hour * 3600 + a.minute * 60 + a.second,
               secs_b = b.hour * 3600 + b.minute * 60 + b.second;
        months += (a.day - b.day + (secs_a - secs_b) / CAL_SECONDS_PER_DAY) / 31.0;
    }
    result_double(c, months);
}

/* ---- TRUNC and ROUND of dates ---- */

/* What a unit of TRUNC(date, fmt) and ROUND(date, fmt) cuts a date to. */
enum date_unit {
    DU_MINUTE,
    DU_HOUR,
    DU_DAY,
    DU_WEEK,       /* DAY, DY, D: the week from Sunday (NLS_TERRITORY AMERICA) */
    DU_ISO_WEEK,   /* IW: from Monday */
    DU_YEAR_WEEK,  /* WW: weeks from January 1st */
    DU_MONTH_WEEK, /* W: weeks from the 1st of the month */
    DU_MONTH,
    DU_QUARTER,
    DU_YEAR,
    DU_ISO_YEAR, /* IYYY: from the Monday of ISO week 1 */
    DU_CENTURY   /* CC: from year xx01 */
};

static const struct {
    const char *name;
    enum date_unit unit;
} date_units[] = {
    {"MI", DU_MINUTE},     {"HH", DU_HOUR},       {"HH12", DU_HOUR},    {"HH24", DU_HOUR},
    {"DD", DU_DAY},        {"DDD", DU_DAY},       {"J", DU_DAY},        {"DAY", DU_WEEK},
    {"DY", DU_WEEK},       {"D", DU_WEEK},        {"IW", DU_ISO_WEEK},  {"WW", DU_YEAR_WEEK},
    {"W", DU_MONTH_WEEK},  {"MONTH", DU_MONTH},   {"MON", DU_MONTH},    {"MM", DU_MONTH},
    {"RM", DU_MONTH},      {"Q", DU_QUARTER},     {"SYYYY", DU_YEAR},   {"YYYY", DU_YEAR},
    {"YEAR", DU_YEAR},     {"SYEAR", DU_YEAR},    {"YYY", DU_YEAR},     {"YY", DU_YEAR},
    {"Y", DU_YEAR},        {"RRRR", DU_YEAR},     {"RR", DU_YEAR},      {"IYYY", DU_ISO_YEAR},
    {"IYY", DU_ISO_YEAR},  {"IY", DU_ISO_YEAR},   {"I", DU_ISO_YEAR},   {"CC", DU_CENTURY},
    {"SCC", DU_CENTURY},
};

/* The unit FMT names (case aside): 0, or -1 for none. */
static int date_unit_of(const char *fmt, enum date_unit *unit)
{
    for (size_t i = 0; i < sizeof date_units / sizeof date_units[0]; i++)
        if (!strcasecmp(fmt, date_units[i].name)) return *unit = date_units[i].unit, 0;
    return -1;
}

/* The unit a date is in, in seconds since 1970: where it starts, where ROUND goes up to the
 * next one, where the next one starts. */
typedef struct date_span {
    int64_t start, round_at, next;
} date_span;

#define DAY_SECONDS ((int64_t)CAL_SECONDS_PER_DAY)

static int64_t midnight(int year, int month, int day)
{
    odate d = {.year = year, .month = month, .day = day};
    return date_seconds(&d);
}

/* The week (of 7 days) that holds SECS and starts on the weekday of the day FIRST (seconds). */
static date_span week_span(int64_t secs, int64_t first)
{
    odate d, f;
    date_from_seconds(secs, &d);
    date_from_seconds(first, &f);
    int back = (date_weekday(&d) - date_weekday(&f) + 7) % 7;
    int64_t start = midnight(d.year, d.month, d.day) - back * DAY_SECONDS;
    return (date_span){start, start + 7 * DAY_SECONDS / 2, start + 7 * DAY_SECONDS};
}

/* The Monday that starts ISO year YEAR (the week that holds January 4th). */
static int64_t iso_year_start(int year)
{
    odate jan4 = {.year = year, .month = 1, .day = 4};
    return midnight(year, 1, 4) - (int64_t)((date_weekday(&jan4) + 5) % 7) * DAY_SECONDS;
}

static date_span iso_year_span(const odate *d, int64_t secs)
{
    int year = d->year;
    if (secs < iso_year_start(year)) year--;
    else if (secs >= iso_year_start(year + 1)) year++;
    return (date_span){iso_year_start(year), midnight(year, 7, 1), iso_year_start(year + 1)};
}

/* The span of UNIT that holds D: 0, or -1 when the next one is past year 9999. */
static int date_span_of(const odate *d, enum date_unit unit, date_span *s)
{
    int64_t secs = date_seconds(d), day = midnight(d->year, d->month, d->day);
    int64_t hour = day + d->hour * (int64_t)3600, minute = hour + d->minute * (int64_t)60;
    int y = d->year, q = (d->month - 1) / 3 * 3 + 1, cc = y > 0 ? (y - 1) / 100 * 100 + 1 : y;
    switch (unit) {
    case DU_MINUTE: *s = (date_span){minute, minute + 30, minute + 60}; break;
    case DU_HOUR: *s = (date_span){hour, hour + 1800, hour + 3600}; break;
    case DU_DAY: *s = (date_span){day, day + DAY_SECONDS / 2, day + DAY_SECONDS}; break;
    case DU_WEEK: *s = week_span(secs, midnight(1970, 1, 4)); break; /* a Sunday */
    case DU_ISO_WEEK: *s = week_span(secs, midnight(1970, 1, 5)); break; /* a Monday */
    case DU_YEAR_WEEK: *s = week_span(secs, midnight(y, 1, 1)); break;
    case DU_MONTH_WEEK: *s = week_span(secs, midnight(y, d->month, 1)); break;
    case DU_MONTH:
        *s = (date_span){midnight(y, d->month, 1), midnight(y, d->month, 16),
                         d->month == 12 ? midnight(y + 1, 1, 1) : midnight(y, d->month + 1, 1)};
        break;
    case DU_QUARTER:
        *s = (date_span){midnight(y, q, 1), midnight(y, q + 1, 16),
                         q == 10 ? midnight(y + 1, 1, 1) : midnight(y, q + 3, 1)};
        break;
    case DU_YEAR:
        *s = (date_span){midnight(y, 1, 1), midnight(y, 7, 1), midnight(y + 1, 1, 1)};
        break;
    case DU_ISO_YEAR: *s = iso_year_span(d, secs); break;
    case DU_CENTURY:
        *s = (date_span){midnight(cc, 1, 1), midnight(cc + 50, 1, 1), midnight(cc + 100, 1, 1)};
        return cc + 100 > 9999 ? -1 : 0;
    }
    return y + 1 > 9999 ? -1 : 0;
}

/* TRUNC (ROUND_IT 0) or ROUND of date D to the unit named by FMT ('DD' when NULL): 0, or an
 * Oracle error (ORA-01821 for a unit Oracle does not take, ORA-01841 past year 9999). */
static int truncate_date(odate *d, const char *fmt, int round_it)
{
    enum date_unit unit;
    date_span s = {0};
    if (date_unit_of(fmt ? fmt : "DD", &unit) < 0) return 1821;
    int64_t secs = date_seconds(d);
    int past_end = date_span_of(d, unit, &s) < 0;
    int up = round_it && secs >= s.round_at;
    if (up && past_end) return 1841;
    date_from_seconds(up ? s.next : s.start, d);
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
        int code = truncate_date(&d, argc > 1 ? text_of(v[1]) : NULL, !truncate);
        if (code) return fail(c, code);
        return result_date(c, &d, 0);
    }
    num n, places = {.is_int = 1, .i = 0};
    if (get_num(v[0], &n) < 0 || (argc > 1 && get_num(v[1], &places) < 0))
        return fail(c, ORA_INVALID_NUMBER);
    int p = (int)clamp_ll(num_to_ll(&places), -400, 400);
    if (n.is_int && p >= 0) return sqlite3_result_int64(c, n.i);
    result_double(c, round_places(n.d, p, truncate));
}

void fn_trunc(sqlite3_context *c, int argc, sqlite3_value **v)
{
    trunc_or_round(c, argc, v, 1);
}
void fn_round(sqlite3_context *c, int argc, sqlite3_value **v)
{
    trunc_or_round(c, argc, v, 0);
}

/* ORA_EXTRACT('YEAR'|'MONTH'|'DAY'|'HOUR'|'MINUTE'|'SECOND'|'TIMEZONE_HOUR'|'TIMEZONE_MINUTE',
 * a datetime or an interval) */
void fn_ora_extract(sqlite3_context *c, int argc, sqlite3_value **v)
{
    odate d;
    const char *f = text_of(v[0]);
    if (sqlite3_value_type(v[1]) == SQLITE_NULL) return sqlite3_result_null(c);
    if (interval_extract(c, f, v[1])) return;
    if (date_arg(c, v[1], &d) < 0) return;
    if (!strncmp(f, "TIMEZONE_", 9) && !d.has_tz) return fail(c, 30076);
    if (!strcmp(f, "TIMEZONE_HOUR"))
        sqlite3_result_int(c, d.tz_minutes / 60);
    else if (!strcmp(f, "TIMEZONE_MINUTE"))
        sqlite3_result_int(c, d.tz_minutes % 60);
    else if (d.has_tz && odate_add_seconds(&d, -(int64_t)d.tz_minutes * 60) < 0)
        fail(c, 1841); /* a value with a zone gives its fields in UTC */
    else if (!strcmp(f, "YEAR"))
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
