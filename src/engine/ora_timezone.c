/*
 * ora_timezone.c - time zones as Oracle names them: '[+|-]hh:mm' offsets
 * and the regions of the time zone database ('Europe/Paris', 'UTC'), read
 * from the system's zoneinfo files (TZDIR, else /usr/share/zoneinfo).  A
 * region's offset at an instant, with its daylight saving time, comes from
 * the C library with TZ pointed at the region for the moment (a dedicated
 * server is one thread).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../net/datetime.h"
#include "ora_nls.h"

/* '[+|-]h[h]:mm' into OUT as "+hh:mm"; 0 or Oracle's error code. */
static int parse_offset(const char *s, char *out, size_t size)
{
    int sign = *s == '-' ? -1 : 1;
    if (*s == '+' || *s == '-') s++;
    char *end;
    if (!isdigit((unsigned char)*s)) return 1857;
    long hours = strtol(s, &end, 10);
    if (*end != ':' || !isdigit((unsigned char)end[1])) return 1857;
    const char *m = end + 1;
    long minutes = strtol(m, &end, 10);
    if (*end || end - m > 2) return 1857;
    if (hours > 15) return 1874;   /* time zone hour must be between -15 and 15 */
    if (minutes > 59) return 1875; /* time zone minute must be between -59 and 59 */
    snprintf(out, size, "%c%02ld:%02ld", sign < 0 ? '-' : '+', hours, minutes);
    return 0;
}

/* Is NAME a region of the time zone database (a TZif file under the zoneinfo directory)? */
static int region_exists(const char *name)
{
    if (!*name || *name == '/' || strstr(name, "..") || strlen(name) > 60) return 0;
    for (const char *p = name; *p; p++)
        if (!isalnum((unsigned char)*p) && !strchr("/_+-", *p)) return 0;
    const char *dir = getenv("TZDIR");
    char path[512], magic[4];
    snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", name);
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    int ok = fread(magic, 1, 4, f) == 4 && !memcmp(magic, "TZif", 4);
    fclose(f);
    return ok;
}

int ora_tz_parse(const char *text, char *out, size_t size)
{
    while (*text == ' ')
        text++;
    if (*text == '+' || *text == '-' || isdigit((unsigned char)*text))
        return parse_offset(text, out, size);
    if (!region_exists(text)) return 1882; /* timezone region not found */
    snprintf(out, size, "%s", text);
    return 0;
}

/* Seconds east of UTC in the C library's current time zone at T. */
static long local_offset(time_t t)
{
    struct tm tm;
    localtime_r(&t, &tm);
    return tm.tm_gmtoff;
}

/* The offset of REGION at T: TZ names it for the moment, then is put back. */
static long region_offset(const char *region, time_t t)
{
    const char *old = getenv("TZ");
    char *saved = old ? strdup(old) : NULL, spec[80];
    snprintf(spec, sizeof spec, ":%s", region);
    setenv("TZ", spec, 1);
    tzset();
    long off = local_offset(t);
    if (saved)
        setenv("TZ", saved, 1);
    else
        unsetenv("TZ");
    tzset();
    free(saved);
    return off;
}

long ora_tz_offset(const char *tz, int64_t utc_seconds)
{
    time_t t = (time_t)utc_seconds;
    if (!*tz) return local_offset(t);
    if (*tz != '+' && *tz != '-') return region_offset(tz, t);
    long hours = strtol(tz + 1, NULL, 10), minutes = strtol(tz + 4, NULL, 10);
    return (*tz == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
}

/* An offset in seconds as "+hh:mm". */
static void offset_text(long off, char *out, size_t size)
{
    long a = off < 0 ? -off : off;
    snprintf(out, size, "%c%02ld:%02ld", off < 0 ? '-' : '+', a / 3600, a / 60 % 60);
}

void ora_tz_session(const struct ora_nls *n, char *out, size_t size)
{
    if (n->time_zone[0])
        snprintf(out, size, "%s", n->time_zone);
    else
        offset_text(local_offset(time(NULL)), out, size);
}

int ora_tz_minutes_at(const char *tz, const odate *local)
{
    int64_t secs = odate_seconds(local);
    long guess = ora_tz_offset(tz, secs); /* the offset at that time read as UTC, then corrected */
    return (int)(ora_tz_offset(tz, secs - guess) / 60);
}

int ora_tz_local_offset(const char *text, odate *local)
{
    char tz[80];
    int code = ora_tz_parse(text, tz, sizeof tz);
    if (code) return code;
    local->has_tz = 1;
    local->tz_minutes = ora_tz_minutes_at(tz, local);
    return 0;
}
