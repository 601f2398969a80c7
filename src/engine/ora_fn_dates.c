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
        int back = !strcmp(unit, "IW") ? (date_weekday(d) + 5) % 7 : date_weekday(d) - 1;
        date_from_seconds(date_seconds(d) - (int64_t)back * CAL_SECONDS_PER_DAY, &t);
        t.hour = t.minute = t.second = 0;
    } else
        return -1;
    if (round_it && (!strcmp(unit, "DD") || !strcmp(unit, "DDD") || !strcmp(unit, "J")) &&
        d->hour >= 12)
        date_from_seconds(date_seconds(&t) + CAL_SECONDS_PER_DAY, &t);
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
