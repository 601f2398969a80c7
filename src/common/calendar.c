/*
 * calendar.c - Gregorian calendar arithmetic in Oracle's year numbering
 * (see calendar.h).  Day numbers use the era-based civil-date conversion:
 * 400-year eras of 146097 days, years starting in March so the leap day
 * comes last.
 */
#include "calendar.h"

#define DAYS_PER_ERA 146097
#define DAYS_0000_03_01_TO_1970 719468 /* from astronomical 0000-03-01 to 1970-01-01 */

const char *const cal_month_names[12] = {"JANUARY",   "FEBRUARY", "MARCH",    "APRIL",
                                         "MAY",       "JUNE",     "JULY",     "AUGUST",
                                         "SEPTEMBER", "OCTOBER",  "NOVEMBER", "DECEMBER"};
const char *const cal_day_names[7] = {"SUNDAY",   "MONDAY", "TUESDAY", "WEDNESDAY",
                                      "THURSDAY", "FRIDAY", "SATURDAY"};

int cal_astro_year(int year)
{
    return year < 0 ? year + 1 : year;
}

int cal_oracle_year(int astro_year)
{
    return astro_year <= 0 ? astro_year - 1 : astro_year;
}

int cal_is_leap(int year)
{
    int y = cal_astro_year(year);
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int cal_days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && cal_is_leap(year) ? 29 : days[month - 1];
}

int64_t cal_day_number(int year, int month, int day)
{
    int64_t y = cal_astro_year(year) - (month <= 2);
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * DAYS_PER_ERA + doe - DAYS_0000_03_01_TO_1970;
}

void cal_date_of_day(int64_t day_number, int *year, int *month, int *day)
{
    int64_t z = day_number + DAYS_0000_03_01_TO_1970;
    int64_t era = (z >= 0 ? z : z - (DAYS_PER_ERA - 1)) / DAYS_PER_ERA;
    int64_t doe = z - era * DAYS_PER_ERA;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *day = (int)(doy - (153 * mp + 2) / 5 + 1);
    *month = (int)(mp < 10 ? mp + 3 : mp - 9);
    *year = cal_oracle_year((int)(yoe + era * 400 + (*month <= 2)));
}

int cal_weekday(int64_t day_number)
{
    int64_t w = (day_number + 4) % 7; /* 1970-01-01 was a Thursday */
    return (int)(w < 0 ? w + 7 : w) + 1;
}

int cal_day_of_year(int year, int month, int day)
{
    return (int)(cal_day_number(year, month, day) - cal_day_number(year, 1, 1)) + 1;
}

int cal_is_last_day(int year, int month, int day)
{
    return day == cal_days_in_month(year, month);
}

void cal_add_months(int *year, int *month, int *day, long long months)
{
    int last = cal_is_last_day(*year, *month, *day);
    long long m = (long long)cal_astro_year(*year) * 12 + (*month - 1) + months;
    long long y = m >= 0 ? m / 12 : (m - 11) / 12;
    *year = cal_oracle_year((int)y);
    *month = (int)(m - y * 12) + 1;
    int dim = cal_days_in_month(*year, *month);
    if (last || *day > dim) *day = dim;
}

int cal_months_apart(int year_a, int month_a, int year_b, int month_b)
{
    return (cal_astro_year(year_a) - cal_astro_year(year_b)) * 12 + (month_a - month_b);
}
