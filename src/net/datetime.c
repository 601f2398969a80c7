/*
 * datetime.c - Oracle DATE/TIMESTAMP [WITH TIME ZONE] wire bytes and
 * Warden's storage text ("YYYY-MM-DD HH24:MI:SS[.F][ +hh:mm]"), with full
 * range checks on both (days per month from src/common/calendar.c).
 */
#include "datetime.h"

#include <string.h>
#include <time.h>

#include "../common/calendar.h"

#define YEAR_MIN (-4712)
#define YEAR_MAX 9999
#define NANOS_MAX 999999999u
#define DATE_LEN 7
#define TIMESTAMP_LEN 11
#define TIMESTAMP_TZ_LEN 13
#define FRAC_DIGITS_MAX 9
#define TZ_HOUR_BIAS 20   /* wire: offset hours + 20 */
#define TZ_MINUTE_BIAS 60 /* wire: offset minutes + 60 */
#define TZ_REGION_FLAG 0x80

int odate_check(const odate *d)
{
    if (d->year < YEAR_MIN || d->year > YEAR_MAX || d->year == 0) return -1;
    if (d->month < 1 || d->month > 12) return -1;
    if (d->day < 1 || d->day > cal_days_in_month(d->year, d->month)) return -1;
    if (d->hour < 0 || d->hour > 23 || d->minute < 0 || d->minute > 59) return -1;
    if (d->second < 0 || d->second > 59 || d->nanos > NANOS_MAX) return -1;
    if (d->has_tz && (d->tz_minutes < -ODATE_TZ_MINUTES_MAX || d->tz_minutes > ODATE_TZ_MINUTES_MAX))
        return -1;
    return 0;
}

int64_t odate_seconds(const odate *d)
{
    return cal_day_number(d->year, d->month, d->day) * CAL_SECONDS_PER_DAY + d->hour * 3600 +
           d->minute * 60 + d->second;
}

int odate_add_seconds(odate *d, int64_t seconds)
{
    odate v = *d;
    int64_t secs = odate_seconds(d) + seconds, days = secs / CAL_SECONDS_PER_DAY,
            rest = secs % CAL_SECONDS_PER_DAY;
    if (rest < 0) rest += CAL_SECONDS_PER_DAY, days--;
    if (days < -4000000 || days > 4000000) return -1;
    cal_date_of_day(days, &v.year, &v.month, &v.day);
    v.hour = (int)(rest / 3600);
    v.minute = (int)(rest / 60 % 60);
    v.second = (int)(rest % 60);
    if (odate_check(&v) < 0) return -1;
    *d = v;
    return 0;
}

/* ---- wire form ---- */

int odate_encode(const odate *d, int with_frac, uint8_t out[11])
{
    if (odate_check(d) < 0) return -1;
    out[0] = (uint8_t)(100 + d->year / 100); /* C truncates, so BC years stay below 100 */
    out[1] = (uint8_t)(100 + d->year % 100);
    out[2] = (uint8_t)d->month;
    out[3] = (uint8_t)d->day;
    out[4] = (uint8_t)(d->hour + 1);
    out[5] = (uint8_t)(d->minute + 1);
    out[6] = (uint8_t)(d->second + 1);
    if (!with_frac) return DATE_LEN;
    for (int i = 0; i < 4; i++)
        out[7 + i] = (uint8_t)(d->nanos >> (24 - 8 * i));
    return TIMESTAMP_LEN;
}

int odate_round_fraction(odate *d, int digits)
{
    uint32_t unit = 1;
    if (digits < 0 || digits > FRAC_DIGITS_MAX) return -1;
    for (int i = digits; i < FRAC_DIGITS_MAX; i++)
        unit *= 10;
    uint32_t nanos = (d->nanos + unit / 2) / unit * unit;
    if (nanos <= NANOS_MAX) {
        d->nanos = nanos;
        return 0;
    }
    odate v = *d;
    if (odate_add_seconds(&v, 1) < 0) return -1;
    v.nanos = 0;
    *d = v;
    return 0;
}

int odate_encode_tz(const odate *d, uint8_t out[13])
{
    odate utc = *d;
    int off = d->has_tz ? d->tz_minutes : 0;
    utc.has_tz = 0;
    if (odate_check(d) < 0 || odate_add_seconds(&utc, -(int64_t)off * 60) < 0) return -1;
    odate_encode(&utc, 1, out);
    out[11] = (uint8_t)(off / 60 + TZ_HOUR_BIAS);
    out[12] = (uint8_t)(off % 60 + TZ_MINUTE_BIAS);
    return TIMESTAMP_TZ_LEN;
}

/* The offset of 13-byte wire value IN into D, its fields moved from UTC to local time. */
static int decode_tz(const uint8_t *in, odate *d)
{
    if (in[11] & TZ_REGION_FLAG) return -1;
    int h = in[11] - TZ_HOUR_BIAS, m = in[12] - TZ_MINUTE_BIAS;
    if (m < -59 || m > 59 || (h > 0 && m < 0) || (h < 0 && m > 0)) return -1; /* not canonical */
    int minutes = h * 60 + m;
    if (minutes < -ODATE_TZ_MINUTES_MAX || minutes > ODATE_TZ_MINUTES_MAX) return -1;
    if (odate_add_seconds(d, (int64_t)minutes * 60) < 0) return -1;
    d->has_tz = 1;
    d->tz_minutes = minutes;
    return 0;
}

/* Bytes are valid iff the fields they give are valid and encode back to the same bytes. */
int odate_decode(const uint8_t *in, size_t len, odate *d)
{
    uint8_t again[TIMESTAMP_LEN];
    if (!in || (len != DATE_LEN && len != TIMESTAMP_LEN && len != TIMESTAMP_TZ_LEN)) return -1;
    odate v = {
        .year = (in[0] - 100) * 100 + (in[1] - 100),
        .month = in[2],
        .day = in[3],
        .hour = in[4] - 1,
        .minute = in[5] - 1,
        .second = in[6] - 1,
    };
    int with_frac = len > DATE_LEN;
    if (with_frac)
        v.nanos = (uint32_t)in[7] << 24 | (uint32_t)in[8] << 16 | (uint32_t)in[9] << 8 | in[10];
    int n = odate_encode(&v, with_frac, again);
    if (n < 0 || memcmp(again, in, (size_t)n) != 0) return -1;
    if (len == TIMESTAMP_TZ_LEN && decode_tz(in, &v) < 0) return -1;
    *d = v;
    return 0;
}

/* ---- storage text ---- */

/* Exactly N digits at *P into *VALUE; advances *P.  Returns 0, -1 if not N digits. */
static int read_digits(const char **p, int n, int *value)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        char c = (*p)[i];
        if (c < '0' || c > '9') return -1;
        v = v * 10 + (c - '0');
    }
    *p += n;
    *value = v;
    return 0;
}

static int expect(const char **p, char c)
{
    if (**p != c) return -1;
    (*p)++;
    return 0;
}

/* "[-]YYYY-MM-DD" */
static int parse_day(const char **p, odate *d)
{
    int bc = **p == '-';
    *p += bc;
    if (read_digits(p, 4, &d->year) < 0 || expect(p, '-') < 0) return -1;
    if (read_digits(p, 2, &d->month) < 0 || expect(p, '-') < 0) return -1;
    if (read_digits(p, 2, &d->day) < 0) return -1;
    if (bc) d->year = -d->year;
    return 0;
}

/* "HH:MI:SS[.F{1,9}]" */
static int parse_time(const char **p, odate *d)
{
    if (read_digits(p, 2, &d->hour) < 0 || expect(p, ':') < 0) return -1;
    if (read_digits(p, 2, &d->minute) < 0 || expect(p, ':') < 0) return -1;
    if (read_digits(p, 2, &d->second) < 0) return -1;
    if (**p != '.') return 0;
    (*p)++;
    int ndigits = 0;
    uint32_t nanos = 0;
    for (; **p >= '0' && **p <= '9'; (*p)++, ndigits++) {
        if (ndigits == FRAC_DIGITS_MAX) return -1;
        nanos = nanos * 10 + (uint32_t)(**p - '0');
    }
    if (ndigits == 0) return -1;
    for (int i = ndigits; i < FRAC_DIGITS_MAX; i++)
        nanos *= 10;
    d->nanos = nanos;
    return 0;
}

/* " +hh:mm" after the time: its offset into D. */
static int parse_zone(const char **p, odate *d)
{
    int sign = (*p)[1] == '-' ? -1 : 1, hours, minutes;
    if ((*p)[1] != '+' && (*p)[1] != '-') return -1;
    *p += 2;
    if (read_digits(p, 2, &hours) < 0 || expect(p, ':') < 0 || read_digits(p, 2, &minutes) < 0)
        return -1;
    if (minutes > 59) return -1;
    d->has_tz = 1;
    d->tz_minutes = sign * (hours * 60 + minutes);
    return 0;
}

int odate_parse(const char *text, odate *d)
{
    odate v = {0};
    const char *p = text;
    if (!text || parse_day(&p, &v) < 0) return -1;
    if (*p == ' ' || *p == 'T') {
        p++;
        if (parse_time(&p, &v) < 0) return -1;
        if (*p == ' ' && parse_zone(&p, &v) < 0) return -1;
    }
    if (*p != '\0' || odate_check(&v) < 0) return -1;
    *d = v;
    return 0;
}

/* V in decimal, zero-padded to at least WIDTH digits (at most 10); returns the digits written. */
static int put_decimal(char *p, uint32_t v, int width)
{
    char t[10];
    int n = 0;
    do t[n++] = (char)('0' + v % 10);
    while ((v /= 10) && n < 10);
    while (n < width) t[n++] = '0';
    for (int i = 0; i < n; i++) p[i] = t[n - 1 - i];
    return n;
}

int odate_format(const odate *d, int frac_digits, char *out, size_t outsz)
{
    char text[40];
    if (frac_digits < 0 || frac_digits > FRAC_DIGITS_MAX || odate_check(d) < 0) return -1;
    int len = 0;
    if (d->year < 0) text[len++] = '-';
    len += put_decimal(text + len, (uint32_t)(d->year < 0 ? -d->year : d->year), 4);
    text[len++] = '-';
    len += put_decimal(text + len, (uint32_t)d->month, 2);
    text[len++] = '-';
    len += put_decimal(text + len, (uint32_t)d->day, 2);
    text[len++] = ' ';
    len += put_decimal(text + len, (uint32_t)d->hour, 2);
    text[len++] = ':';
    len += put_decimal(text + len, (uint32_t)d->minute, 2);
    text[len++] = ':';
    len += put_decimal(text + len, (uint32_t)d->second, 2);
    if (frac_digits > 0) {
        uint32_t frac = d->nanos;
        for (int i = frac_digits; i < FRAC_DIGITS_MAX; i++)
            frac /= 10;
        text[len++] = '.';
        len += put_decimal(text + len, frac, frac_digits);
    }
    if (d->has_tz) {
        int a = d->tz_minutes < 0 ? -d->tz_minutes : d->tz_minutes;
        text[len++] = ' ';
        text[len++] = d->tz_minutes < 0 ? '-' : '+';
        len += put_decimal(text + len, (uint32_t)(a / 60), 2);
        text[len++] = ':';
        len += put_decimal(text + len, (uint32_t)(a % 60), 2);
    }
    text[len] = '\0';
    if (!out || (size_t)len >= outsz) return -1;
    memcpy(out, text, (size_t)len + 1);
    return len;
}

void odate_now(odate *d)
{
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    localtime_r(&ts.tv_sec, &tm);
    d->year = tm.tm_year + 1900;
    d->month = tm.tm_mon + 1;
    d->day = tm.tm_mday;
    d->hour = tm.tm_hour;
    d->minute = tm.tm_min;
    d->second = tm.tm_sec > 59 ? 59 : tm.tm_sec; /* a leap second */
    d->nanos = (uint32_t)ts.tv_nsec;
    d->has_tz = d->tz_minutes = 0;
}
