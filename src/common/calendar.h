/*
 * calendar.h - the proleptic Gregorian calendar as Oracle counts it: no year
 * 0 (1 BC is year -1, which is leap like astronomical year 0), days since
 * 1970-01-01 and back, leap years, days per month, weekdays, Julian day
 * numbers, whole-month steps, and the English month and day names.
 *
 * One place for calendar arithmetic: the wire and storage checks of
 * src/net/datetime.c and the date functions and format models of
 * src/engine/ora_fn_*.c both count with it; wsql names months with it.  Years here are Oracle's years.
 */
#ifndef WARDEN_CALENDAR_H
#define WARDEN_CALENDAR_H

#include <stdint.h>

#define CAL_SECONDS_PER_DAY 86400
#define CAL_JULIAN_DAY_1970 2440588 /* the Julian day number (format element J) of 1970-01-01 */

/* Upper-case English names: JANUARY at [0]; SUNDAY (weekday 1) at [0]. */
extern const char *const cal_month_names[12];
extern const char *const cal_day_names[7];

/* Oracle year (no 0) to astronomical year numbering (1 BC = 0) and back. */
int cal_astro_year(int year);
int cal_oracle_year(int astro_year);

int cal_is_leap(int year);
int cal_days_in_month(int year, int month);

/* Days since 1970-01-01 of YEAR-MONTH-DAY, and the date of such a day number. */
int64_t cal_day_number(int year, int month, int day);
void cal_date_of_day(int64_t day_number, int *year, int *month, int *day);

/* Day of the week of a day number: 1 = Sunday ... 7 = Saturday. */
int cal_weekday(int64_t day_number);
/* 1 for January 1st ... 365 or 366. */
int cal_day_of_year(int year, int month, int day);

/*
 * YEAR-MONTH-DAY moved by MONTHS whole months as ADD_MONTHS does: the last
 * day of a month stays the last day, a day past the new month's end becomes
 * its last day.
 */
void cal_add_months(int *year, int *month, int *day, long long months);
/* Whole months from B's month to A's (MONTHS_BETWEEN without the days). */
int cal_months_apart(int year_a, int month_a, int year_b, int month_b);
int cal_is_last_day(int year, int month, int day);

#endif
