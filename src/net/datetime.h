/*
 * datetime.h - Oracle DATE (7 bytes), TIMESTAMP (11 bytes) and TIMESTAMP
 * WITH TIME ZONE (13 bytes) wire values, and the text form Warden stores
 * them in inside SQLite.
 *
 * Storage text: "YYYY-MM-DD HH24:MI:SS" for DATE and
 * "YYYY-MM-DD HH24:MI:SS.FFFFFFFFF" (1-9 fraction digits) for TIMESTAMP, which
 * sorts and compares correctly as text and is what SQLite's date functions read.
 * BC years are written with a leading '-' ("-0044-03-15 00:00:00").  A value
 * with a time zone has its local time followed by its offset from UTC:
 * "YYYY-MM-DD HH24:MI:SS.FFFFFFFFF +hh:mm".
 */
#ifndef WARDEN_DATETIME_H
#define WARDEN_DATETIME_H

#include <stddef.h>
#include <stdint.h>

typedef struct odate {
    int year; /* -4712..9999, not 0 */
    int month, day, hour, minute, second;
    uint32_t nanos; /* 0..999999999 */
    int has_tz;     /* TIMESTAMP WITH TIME ZONE: the fields are local time at ... */
    int tz_minutes; /* ... this offset east of UTC, -15:59..+15:59 */
} odate;

#define ODATE_TZ_MINUTES_MAX (15 * 60 + 59)

/*
 * 0 when every field is in range: year -4712..9999 but not 0, days per month
 * with leap years (proleptic Gregorian, 1 BC = astronomical year 0, as
 * SQLite's date functions count), hour 0..23, minute and second 0..59,
 * nanos 0..999999999.
 */
int odate_check(const odate *d);
/*
 * Wire form: 7 bytes (DATE, or TIMESTAMP with WITH_FRAC = 0) or 11 bytes.
 * Returns the length, or -1 when odate_check fails.
 */
int odate_encode(const odate *d, int with_frac, uint8_t out[11]);
/*
 * TIMESTAMP WITH TIME ZONE wire form: the instant in UTC and the offset
 * (hour + 20, minute + 60).  D without a time zone counts as UTC.  Returns
 * 13, or -1 when odate_check fails.
 */
int odate_encode_tz(const odate *d, uint8_t out[13]);
/*
 * Decode 7, 11 or 13 bytes (13: a time zone offset; the fields become its
 * local time).  Returns 0, or -1 for bad bytes or a time zone given as a
 * region id.
 */
int odate_decode(const uint8_t *in, size_t len, odate *d);
/* D moved by SECONDS (any sign), the fraction and time zone kept; -1 when it leaves the range. */
int odate_add_seconds(odate *d, int64_t seconds);
/* D's fraction rounded to DIGITS (0..9) digits, a carry moving the seconds; -1 out of range. */
int odate_round_fraction(odate *d, int digits);
/* Seconds since 1970-01-01 00:00:00 of D's fields (its time zone not applied). */
int64_t odate_seconds(const odate *d);

/*
 * Parse storage text (also accepts "YYYY-MM-DD", "YYYY-MM-DDTHH:MI:SS", a
 * fraction of 1..9 digits and a time zone " +hh:mm").  Returns 0, or -1 when the text is not a valid
 * date (checks ranges and days per month, leap years included).
 */
int odate_parse(const char *text, odate *d);
/*
 * Storage text; FRAC_DIGITS 0 gives the DATE form, 1..9 the TIMESTAMP form
 * (the fraction truncated to that many digits), the time zone after it when
 * D has one.  Returns the length, or -1
 * for an invalid date, FRAC_DIGITS outside 0..9 or OUTSZ too small.
 */
int odate_format(const odate *d, int frac_digits, char *out, size_t outsz);
/* Local wall-clock time now, with nanoseconds. */
void odate_now(odate *d);

#endif
