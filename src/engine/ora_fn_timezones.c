/*
 * ora_fn_timezones.c - TIMESTAMP WITH [LOCAL] TIME ZONE in SQL: moving a
 * value between the three kinds of timestamp as Oracle converts them (a
 * value without a zone is in the session's time zone), and the functions
 * FROM_TZ, SYS_EXTRACT_UTC and TZ_OFFSET, and the datetime expression
 * `ts AT TIME ZONE tz` / `AT LOCAL` (the translator's ORA_AT_TIME_ZONE).  A value with a zone carries its
 * offset (datetime.h); regions are read (ora_timezone.c) but not kept.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../common/ora_error.h"
#include "ora_functions_int.h"
#include "ora_nls.h"

/* The session's offset in minutes at local time D (D's own zone ignored). */
static int session_minutes(sqlite3_context *c, const odate *d)
{
    return ora_tz_minutes_at(session_nls(c)->time_zone, d);
}

/* D (with a zone) as local time at offset MINUTES; -1 when it leaves the date range. */
static int move_to_offset(odate *d, int minutes)
{
    if (odate_add_seconds(d, (int64_t)(minutes - d->tz_minutes) * 60) < 0) return -1;
    d->tz_minutes = minutes;
    return 0;
}

int date_to_zone_kind(sqlite3_context *c, odate *d, int kind)
{
    if (kind == TSK_WITH_TZ && !d->has_tz) {
        d->has_tz = 1;
        d->tz_minutes = session_minutes(c, d);
    } else if (kind == TSK_LOCAL_TZ && d->has_tz) {
        odate utc = *d;
        if (move_to_offset(&utc, 0) < 0) return -1;
        long off = ora_tz_offset(session_nls(c)->time_zone, odate_seconds(&utc));
        if (move_to_offset(d, (int)(off / 60)) < 0) return -1;
    }
    if (kind != TSK_WITH_TZ) d->has_tz = d->tz_minutes = 0;
    return 0;
}

/* V as an instant: a datetime value (its storage text), in UTC seconds and nanos; a value
 * without a zone is in the session's time zone, as Oracle compares one with a value that has
 * one.  0, or -1 when V is no datetime. */
static int value_instant(sqlite3_context *c, sqlite3_value *v, int64_t *secs, uint32_t *nanos)
{
    odate d;
    if (is_number_type(v) || get_date(v, &d) < 0) return -1;
    if (date_to_zone_kind(c, &d, TSK_WITH_TZ) < 0) return -1;
    *secs = odate_seconds(&d) - (int64_t)d.tz_minutes * 60;
    *nanos = d.nanos;
    return 0;
}

/* Datetime A against B into *R as instants: -1, 0 or 1, or CMP_NULL when one is NULL.  0, or -1
 * after failing C. */
static int compare_datetimes(sqlite3_context *c, sqlite3_value *a, sqlite3_value *b, int *r)
{
    int64_t x, y;
    uint32_t xn, yn;
    *r = CMP_NULL;
    if (sqlite3_value_type(a) == SQLITE_NULL || sqlite3_value_type(b) == SQLITE_NULL) return 0;
    if (value_instant(c, a, &x, &xn) < 0 || value_instant(c, b, &y, &yn) < 0)
        return fail(c, 1861), -1;
    if (x == y) x = xn, y = yn;
    *r = (x > y) - (x < y);
    return 0;
}

/* ORA_DATETIME_CMP, _BETWEEN, _MAX, _MIN, _GREATEST, _LEAST: datetimes as instants; the SQL
 * front end writes a comparison so when the texts do not order the values (a DATE with a
 * TIMESTAMP, a value with a time zone). */
VALUE_COMPARE_FUNCTIONS(fn_datetime, compare_datetimes)

/* ORA_DATETIME_KEY(v): a text that sorts as the instants of datetimes do (the SQL front end
 * orders values with a time zone by it): UTC seconds, shifted to be positive, and nanos. */
void fn_datetime_key(sqlite3_context *c, int argc, sqlite3_value **v)
{
    int64_t secs;
    uint32_t nanos;
    char key[32];
    if (sqlite3_value_type(v[0]) == SQLITE_NULL) return sqlite3_result_null(c);
    if (value_instant(c, v[0], &secs, &nanos) < 0) return fail(c, 1861);
    snprintf(key, sizeof key, "%013lld.%09u", (long long)(secs + 400000000000LL), nanos);
    sqlite3_result_text(c, key, -1, SQLITE_TRANSIENT);
}


/* FROM_TZ(timestamp, zone): the timestamp's local time in ZONE ('[+|-]hh:mm' or a region). */
void fn_from_tz(sqlite3_context *c, int argc, sqlite3_value **v)
{
    odate d;
    if (any_null(argc, v)) return sqlite3_result_null(c);
    if (get_date(v[0], &d) < 0 || d.has_tz) return fail(c, 932, "TIMESTAMP", "CHAR");
    int code = ora_tz_local_offset(text_of(v[1]), &d);
    if (code) return fail(c, code);
    result_date(c, &d, 9);
}

/* SYS_EXTRACT_UTC(timestamp with time zone): the UTC time, as a TIMESTAMP. */
void fn_sys_extract_utc(sqlite3_context *c, int argc, sqlite3_value **v)
{
    odate d;
    if (any_null(argc, v)) return sqlite3_result_null(c);
    if (get_date(v[0], &d) < 0) return fail(c, 932, "TIMESTAMP WITH TIME ZONE", "CHAR");
    if (date_to_zone_kind(c, &d, TSK_WITH_TZ) < 0 || move_to_offset(&d, 0) < 0)
        return fail(c, 1841);
    d.has_tz = 0;
    result_date(c, &d, 9);
}

/* ORA_AT_TIME_ZONE(ts, zone): the same instant as a TIMESTAMP WITH TIME ZONE at ZONE's offset
 * then ('[+|-]hh:mm' or a region); a value without a zone is in the session's time zone. */
void fn_at_time_zone(sqlite3_context *c, int argc, sqlite3_value **v)
{
    odate d, utc;
    char tz[80];
    if (any_null(argc, v)) return sqlite3_result_null(c);
    if (get_date(v[0], &d) < 0) return fail(c, 932, "TIMESTAMP WITH TIME ZONE", "CHAR");
    int code = ora_tz_parse(text_of(v[1]), tz, sizeof tz);
    if (code) return fail(c, code);
    if (date_to_zone_kind(c, &d, TSK_WITH_TZ) < 0) return fail(c, 1841);
    utc = d;
    if (move_to_offset(&utc, 0) < 0) return fail(c, 1841);
    long off = ora_tz_offset(tz, odate_seconds(&utc));
    if (move_to_offset(&d, (int)(off / 60)) < 0) return fail(c, 1841);
    result_date(c, &d, 9);
}

/* TZ_OFFSET(zone): its offset from UTC now, '+hh:mm'. */
void fn_tz_offset(sqlite3_context *c, int argc, sqlite3_value **v)
{
    char tz[80], out[16];
    if (any_null(argc, v)) return sqlite3_result_null(c);
    int code = ora_tz_parse(text_of(v[0]), tz, sizeof tz);
    if (code) return fail(c, code);
    long off = ora_tz_offset(tz, (int64_t)time(NULL));
    long a = off < 0 ? -off : off;
    snprintf(out, sizeof out, "%c%02ld:%02ld", off < 0 ? '-' : '+', a / 3600, a / 60 % 60);
    result_text(c, out, strlen(out));
}
