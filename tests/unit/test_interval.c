/*
 * test_interval.c - INTERVAL YEAR TO MONTH / DAY TO SECOND wire bytes (as
 * node-oracledb's buffer.js decodes them: biased fields, every field negative
 * for a negative interval) and storage text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "net/interval.h"

static void test_year_to_month(void **state)
{
    ointerval iv, back;
    uint8_t b[OINTERVAL_DS_LEN];
    char t[OINTERVAL_TEXT_MAX];
    assert_int_equal(ointerval_parse("+10-02", &iv), 0);
    assert_int_equal(iv.ym, 1);
    assert_int_equal(iv.months, 122);
    assert_int_equal(ointerval_encode(&iv, b), 5);
    static const uint8_t want[] = {0x80, 0, 0, 10, 62};
    assert_memory_equal(b, want, 5);
    iv.months = -18;
    assert_int_equal(ointerval_encode(&iv, b), 5);
    assert_int_equal(b[0], 0x7F); /* -1 year */
    assert_int_equal(b[4], 60 - 6);
    assert_int_equal(ointerval_decode(b, 5, &back), 0);
    assert_int_equal(back.months, -18);
    assert_int_equal(ointerval_format(&back, 2, 0, t, sizeof t), 6);
    assert_string_equal(t, "-01-06");
    assert_int_equal(ointerval_format(&back, 9, 0, t, sizeof t), 13);
    assert_string_equal(t, "-000000001-06");
    assert_int_equal(ointerval_parse("1-12", &iv), -1);
}

static void test_day_to_second(void **state)
{
    ointerval iv, back;
    uint8_t b[OINTERVAL_DS_LEN];
    char t[OINTERVAL_TEXT_MAX];
    assert_int_equal(ointerval_parse(" +11 10:09:08.555 ", &iv), 0);
    assert_int_equal(iv.ym, 0);
    assert_int_equal(iv.seconds, 11 * 86400 + 10 * 3600 + 9 * 60 + 8);
    assert_int_equal(iv.nanos, 555000000);
    assert_int_equal(ointerval_encode(&iv, b), 11);
    static const uint8_t want[] = {0x80, 0, 0, 11, 70, 69, 68, 0xA1, 0x14, 0xA0, 0xC0};
    assert_memory_equal(b, want, 11);
    assert_int_equal(ointerval_decode(b, 11, &back), 0);
    assert_int_equal(back.seconds, iv.seconds);
    assert_int_equal(back.nanos, iv.nanos);
    assert_int_equal(ointerval_format(&back, 2, 6, t, sizeof t), 19);
    assert_string_equal(t, "+11 10:09:08.555000");
    assert_int_equal(ointerval_parse("-0 00:00:01.5", &iv), 0);
    assert_int_equal(ointerval_encode(&iv, b), 11);
    assert_int_equal(b[6], 60 - 1);
    assert_int_equal(ointerval_decode(b, 11, &back), 0);
    assert_int_equal(back.seconds, -1);
    assert_int_equal(back.nanos, -500000000);
    assert_int_equal(ointerval_format(&back, 1, 1, t, sizeof t), 13);
    assert_string_equal(t, "-0 00:00:01.5");
    assert_int_equal(ointerval_parse("1 24:00:00", &iv), -1);
    assert_int_equal(ointerval_parse("1 10:00", &iv), -1);
    b[4] = 60 + 24; /* 24 hours */
    assert_int_equal(ointerval_decode(b, 11, &back), -1);
    assert_int_equal(ointerval_decode(b, 7, &back), -1);
}

static void test_normalize(void **state)
{
    ointerval iv = {.seconds = 2, .nanos = -1500000000};
    ointerval_normalize(&iv);
    assert_int_equal(iv.seconds, 0);
    assert_int_equal(iv.nanos, 500000000);
    iv = (ointerval){.seconds = -1, .nanos = 200000000};
    ointerval_normalize(&iv);
    assert_int_equal(iv.seconds, 0);
    assert_int_equal(iv.nanos, -800000000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_year_to_month),
        cmocka_unit_test(test_day_to_second),
        cmocka_unit_test(test_normalize),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
