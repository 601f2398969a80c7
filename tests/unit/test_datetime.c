/*
 * test_datetime.c - DATE/TIMESTAMP wire bytes (node-oracledb's vectors), the
 * storage text, calendar checks, malformed bytes and text, and seeded random
 * round trips.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "net/datetime.h"

static const odate vector_date = {2024, 1, 31, 13, 14, 15, 456000000, 0, 0};
static const uint8_t vector_date_bytes[] = {0x78, 0x7C, 0x01, 0x1F, 0x0E, 0x0F, 0x10};
static const uint8_t vector_ts_bytes[] = {0x78, 0x7C, 0x01, 0x1F, 0x0E, 0x0F,
                                          0x10, 0x1B, 0x2E, 0x02, 0x00};

static void assert_same_date(const odate *a, const odate *b)
{
    assert_int_equal(a->year, b->year);
    assert_int_equal(a->month, b->month);
    assert_int_equal(a->day, b->day);
    assert_int_equal(a->hour, b->hour);
    assert_int_equal(a->minute, b->minute);
    assert_int_equal(a->second, b->second);
    assert_int_equal(a->nanos, b->nanos);
}

/* ---- wire form ---- */

static void test_vectors_encode(void **state)
{
    uint8_t out[11];
    assert_int_equal(odate_encode(&vector_date, 0, out), 7);
    assert_memory_equal(out, vector_date_bytes, 7);
    assert_int_equal(odate_encode(&vector_date, 1, out), 11);
    assert_memory_equal(out, vector_ts_bytes, 11);
}

static void test_vectors_decode(void **state)
{
    odate d, want = vector_date;
    uint8_t with_tz[13];
    assert_int_equal(odate_decode(vector_ts_bytes, 11, &d), 0);
    assert_same_date(&d, &want);
    memcpy(with_tz, vector_ts_bytes, 11);
    with_tz[11] = 20, with_tz[12] = 60; /* UTC */
    assert_int_equal(odate_decode(with_tz, 13, &d), 0);
    assert_same_date(&d, &want);
    assert_int_equal(d.has_tz, 1);
    assert_int_equal(d.tz_minutes, 0);
    /* an offset written other than as its encoding would give it is no value (fuzz_number) */
    with_tz[11] = 20 - 12, with_tz[12] = 0; /* -12 h -60 min */
    assert_int_equal(odate_decode(with_tz, 13, &d), -1);
    with_tz[11] = 20 + 1, with_tz[12] = 60 - 30; /* +1 h -30 min */
    assert_int_equal(odate_decode(with_tz, 13, &d), -1);
    with_tz[11] = 20 - 5, with_tz[12] = 60 - 30; /* -05:30 */
    assert_int_equal(odate_decode(with_tz, 13, &d), 0);
    assert_int_equal(d.tz_minutes, -330);
    want.nanos = 0;
    assert_int_equal(odate_decode(vector_date_bytes, 7, &d), 0);
    assert_same_date(&d, &want);
}

static void test_extremes(void **state)
{
    static const odate first = {-4712, 1, 1, 0, 0, 0, 0, 0, 0};
    static const odate last = {9999, 12, 31, 23, 59, 59, 999999999, 0, 0};
    static const uint8_t first_bytes[] = {53, 88, 1, 1, 1, 1, 1};
    static const uint8_t last_bytes[] = {199, 199, 12, 31, 24, 60, 60, 0x3B, 0x9A, 0xC9, 0xFF};
    uint8_t out[11];
    odate d;
    assert_int_equal(odate_encode(&first, 0, out), 7);
    assert_memory_equal(out, first_bytes, 7);
    assert_int_equal(odate_decode(first_bytes, 7, &d), 0);
    assert_same_date(&d, &first);
    assert_int_equal(odate_encode(&last, 1, out), 11);
    assert_memory_equal(out, last_bytes, 11);
    assert_int_equal(odate_decode(last_bytes, 11, &d), 0);
    assert_same_date(&d, &last);
}

static void assert_decode_fails(const uint8_t *bytes, size_t len)
{
    odate d;
    assert_int_equal(odate_decode(bytes, len, &d), -1);
}

static void test_decode_rejects(void **state)
{
    static const size_t bad_lengths[] = {0, 1, 6, 8, 10, 12, 14, 22};
    uint8_t b[22] = {0};
    for (size_t i = 0; i < sizeof bad_lengths / sizeof bad_lengths[0]; i++) {
        memcpy(b, vector_ts_bytes, 11);
        assert_decode_fails(b, bad_lengths[i]);
    }
    assert_decode_fails(NULL, 7);
    static const uint8_t bad[][11] = {
        {120, 124, 13, 1, 1, 1, 1},                        /* month 13 */
        {120, 124, 0, 1, 1, 1, 1},                         /* month 0 */
        {120, 124, 2, 30, 1, 1, 1},                        /* Feb 30 */
        {120, 123, 2, 29, 1, 1, 1},                        /* Feb 29 of 2023 */
        {120, 124, 4, 31, 1, 1, 1},                        /* Apr 31 */
        {120, 124, 1, 0, 1, 1, 1},                         /* day 0 */
        {120, 124, 1, 1, 0, 1, 1},                         /* hour byte 0 */
        {120, 124, 1, 1, 25, 1, 1},                        /* hour 24 */
        {120, 124, 1, 1, 1, 61, 1},                        /* minute 60 */
        {120, 124, 1, 1, 1, 1, 61},                        /* second 60 */
        {100, 100, 1, 1, 1, 1, 1},                         /* year 0 */
        {121, 24, 1, 1, 1, 1, 1},                          /* 2024 spelt as 2100 - 76 */
        {52, 88, 1, 1, 1, 1, 1},                           /* -4812 */
        {255, 255, 255, 255, 255, 255, 255},               /* junk */
        {120, 124, 1, 1, 1, 1, 1, 0x3B, 0x9A, 0xCA, 0x00}, /* 1e9 nanoseconds */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_decode_fails(bad[i], i == sizeof bad / sizeof bad[0] - 1 ? 11 : 7);
}

/* ---- calendar ---- */

static int valid(int year, int month, int day)
{
    odate d = {year, month, day, 0, 0, 0, 0, 0, 0};
    return odate_check(&d) == 0;
}

static void test_calendar(void **state)
{
    assert_true(valid(2024, 2, 29));
    assert_false(valid(2023, 2, 29));
    assert_false(valid(1900, 2, 29));
    assert_true(valid(2000, 2, 29));
    assert_true(valid(-1, 2, 29)); /* 1 BC = astronomical year 0 */
    assert_true(valid(-5, 2, 29));
    assert_false(valid(-4, 2, 29));
    assert_false(valid(2024, 2, 30));
    assert_false(valid(2024, 13, 1));
    assert_false(valid(2024, 0, 1));
    assert_false(valid(2024, 4, 31));
    assert_true(valid(2024, 12, 31));
    assert_false(valid(2024, 12, 32));
    assert_false(valid(0, 1, 1));
    assert_false(valid(10000, 1, 1));
    assert_false(valid(-4713, 12, 31));
    odate d = {2024, 1, 1, 23, 59, 59, 999999999, 0, 0};
    assert_int_equal(odate_check(&d), 0);
    d.hour = 24;
    assert_int_equal(odate_check(&d), -1);
    d.hour = -1;
    assert_int_equal(odate_check(&d), -1);
    d.hour = 0, d.minute = 60;
    assert_int_equal(odate_check(&d), -1);
    d.minute = 0, d.second = 60;
    assert_int_equal(odate_check(&d), -1);
    d.second = 0, d.nanos = 1000000000;
    assert_int_equal(odate_check(&d), -1);
    uint8_t out[11];
    assert_int_equal(odate_encode(&d, 1, out), -1);
}

/* ---- storage text ---- */

static void assert_parses(const char *text, const odate *want)
{
    odate d;
    if (odate_parse(text, &d) != 0) fail_msg("rejected \"%s\"", text);
    assert_same_date(&d, want);
}

static void test_parse(void **state)
{
    odate want = {2024, 1, 31, 13, 14, 15, 0, 0, 0};
    assert_parses("2024-01-31 13:14:15", &want);
    assert_parses("2024-01-31T13:14:15", &want);
    want.nanos = 456000000;
    assert_parses("2024-01-31 13:14:15.456", &want);
    want.nanos = 500000000;
    assert_parses("2024-01-31T13:14:15.5", &want);
    want.nanos = 123456789;
    assert_parses("2024-01-31 13:14:15.123456789", &want);
    odate midnight = {2024, 1, 31, 0, 0, 0, 0, 0, 0};
    assert_parses("2024-01-31", &midnight);
    odate bc = {-4712, 1, 1, 0, 0, 0, 0, 0, 0};
    assert_parses("-4712-01-01 00:00:00", &bc);
}

static void test_parse_rejects(void **state)
{
    static const char *const bad[] = {
        "",
        "2024",
        "2024-02-30",
        "2023-02-29 00:00:00",
        "2024-13-01",
        "2024-00-01",
        "2024-01-00",
        "0000-01-01",
        "-0000-01-01",
        "-4713-01-01",
        "2024-1-31",
        "24-01-31",
        "02024-01-31",
        "2024/01/31",
        "2024-01-31 13:14",
        "2024-01-31 24:00:00",
        "2024-01-31 23:60:00",
        "2024-01-31 23:59:60",
        "2024-01-31 13:14:15.",
        "2024-01-31 13:14:15.1234567890",
        "2024-01-31 13:14:15 ",
        "2024-01-31 ",
        "2024-01-31x",
        "2024-01-31 13:14:15.12a",
        "+2024-01-31",
        "abc",
    };
    odate d;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (odate_parse(bad[i], &d) != -1) fail_msg("accepted \"%s\"", bad[i]);
    assert_int_equal(odate_parse(NULL, &d), -1);
}

static void assert_formats(const odate *d, int frac_digits, const char *want)
{
    char out[64];
    assert_int_equal(odate_format(d, frac_digits, out, sizeof out), (int)strlen(want));
    assert_string_equal(out, want);
}

static void test_format(void **state)
{
    odate d = {2024, 1, 31, 13, 14, 15, 456789012, 0, 0};
    assert_formats(&d, 0, "2024-01-31 13:14:15");
    assert_formats(&d, 3, "2024-01-31 13:14:15.456");
    assert_formats(&d, 6, "2024-01-31 13:14:15.456789");
    assert_formats(&d, 9, "2024-01-31 13:14:15.456789012");
    d.nanos = 5000;
    assert_formats(&d, 9, "2024-01-31 13:14:15.000005000");
    odate bc = {-44, 3, 15, 0, 0, 0, 0, 0, 0};
    assert_formats(&bc, 0, "-0044-03-15 00:00:00");
    odate early = {7, 1, 2, 3, 4, 5, 0, 0, 0};
    assert_formats(&early, 1, "0007-01-02 03:04:05.0");
}

static void test_format_rejects(void **state)
{
    odate d = {2024, 1, 31, 13, 14, 15, 0, 0, 0};
    char out[64];
    assert_int_equal(odate_format(&d, 0, out, 19), -1); /* no room for the NUL */
    assert_int_equal(odate_format(&d, 0, out, 20), 19);
    assert_int_equal(odate_format(&d, 10, out, sizeof out), -1);
    assert_int_equal(odate_format(&d, -1, out, sizeof out), -1);
    assert_int_equal(odate_format(&d, 0, NULL, 0), -1);
    d.day = 32;
    assert_int_equal(odate_format(&d, 0, out, sizeof out), -1);
}

/* ---- now ---- */

static void test_now(void **state)
{
    odate d;
    time_t before = time(NULL);
    odate_now(&d);
    assert_int_equal(odate_check(&d), 0);
    struct tm tm;
    localtime_r(&before, &tm);
    assert_true(d.year >= tm.tm_year + 1900 && d.year <= tm.tm_year + 1901);
}

/* ---- seeded random round trips ---- */

static uint64_t rng_state = 0x2545F4914F6CDD1DULL;

static int rng_range(int lo, int hi)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return lo + (int)(rng_state % (uint64_t)(hi - lo + 1));
}

static odate random_date(void)
{
    odate d;
    do {
        d.year = rng_range(-4712, 9999);
    } while (d.year == 0);
    d.month = rng_range(1, 12);
    d.day = rng_range(1, 31);
    d.hour = rng_range(0, 23);
    d.minute = rng_range(0, 59);
    d.second = rng_range(0, 59);
    d.nanos = (uint32_t)rng_range(0, 999999999);
    return d;
}

static void test_random_round_trips(void **state)
{
    int valid_count = 0;
    for (int iter = 0; iter < 20000; iter++) {
        odate d = random_date(), back;
        uint8_t bytes[11];
        char text[64];
        if (odate_check(&d) < 0) {
            assert_int_equal(odate_encode(&d, 1, bytes), -1);
            continue;
        }
        valid_count++;
        assert_int_equal(odate_encode(&d, 1, bytes), 11);
        assert_int_equal(odate_decode(bytes, 11, &back), 0);
        assert_same_date(&back, &d);
        assert_true(odate_format(&d, 9, text, sizeof text) > 0);
        assert_int_equal(odate_parse(text, &back), 0);
        assert_same_date(&back, &d);
        d.nanos = 0;
        assert_int_equal(odate_encode(&d, 0, bytes), 7);
        assert_int_equal(odate_decode(bytes, 7, &back), 0);
        assert_same_date(&back, &d);
        assert_true(odate_format(&d, 0, text, sizeof text) > 0);
        assert_int_equal(odate_parse(text, &back), 0);
        assert_same_date(&back, &d);
    }
    assert_true(valid_count > 15000);
}

/* TIMESTAMP WITH TIME ZONE: UTC on the wire with the offset; local time and offset in text. */
static void test_time_zone(void **state)
{
    odate d, back;
    uint8_t b[13];
    char t[64];
    assert_int_equal(odate_parse("1999-12-01 11:00:00.12345 -08:00", &d), 0);
    assert_int_equal(d.has_tz, 1);
    assert_int_equal(d.tz_minutes, -480);
    assert_int_equal(odate_encode_tz(&d, b), 13);
    assert_int_equal(b[4], 19 + 1); /* 19:00 UTC */
    assert_int_equal(b[11], 20 - 8);
    assert_int_equal(b[12], 60);
    assert_int_equal(odate_decode(b, 13, &back), 0);
    assert_same_date(&back, &d);
    assert_int_equal(back.tz_minutes, -480);
    assert_int_equal(odate_format(&back, 9, t, sizeof t), 36);
    assert_string_equal(t, "1999-12-01 11:00:00.123450000 -08:00");
    assert_int_equal(odate_parse("2024-12-31 23:30:00 +05:30", &d), 0); /* next day in UTC... */
    assert_int_equal(odate_encode_tz(&d, b), 13);
    assert_int_equal(b[3], 31);
    assert_int_equal(b[4], 18 + 1);
    assert_int_equal(odate_parse("2024-01-01 00:00:00 +5:30", &d), -1);
    assert_int_equal(odate_parse("2024-01-01 00:00:00 +16:00", &d), -1);
    b[11] = 0x80 | 1; /* a region id */
    assert_int_equal(odate_decode(b, 13, &back), -1);
    d = (odate){2024, 2, 28, 23, 0, 0, 0, 0, 0};
    assert_int_equal(odate_add_seconds(&d, 3600 * 25), 0);
    assert_int_equal(d.month * 100 + d.day, 301);
    assert_int_equal(d.hour, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vectors_encode),     cmocka_unit_test(test_vectors_decode),
        cmocka_unit_test(test_extremes),           cmocka_unit_test(test_decode_rejects),
        cmocka_unit_test(test_calendar),           cmocka_unit_test(test_parse),
        cmocka_unit_test(test_parse_rejects),      cmocka_unit_test(test_format),
        cmocka_unit_test(test_format_rejects),     cmocka_unit_test(test_now),
        cmocka_unit_test(test_random_round_trips), cmocka_unit_test(test_time_zone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
