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
