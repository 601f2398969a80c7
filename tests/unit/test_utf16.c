/*
 * test_utf16.c - UTF-16BE <-> UTF-8 (NCHAR binds in the national character
 * set): the basic plane, surrogate pairs, and the inputs that are refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "common/utf16.h"

static void test_round_trip(void **state)
{
    const char *texts[] = {"", "abc", "h\xc3\xa9llo", "\xe2\x82\xac 1", "\xf0\x9f\x98\x80!"};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        buf u, back;
        buf_init(&u), buf_init(&back);
        assert_int_equal(utf8_to_utf16be(texts[i], strlen(texts[i]), &u), 0);
        assert_int_equal(utf16be_to_utf8(u.data, u.len, &back), 0);
        assert_int_equal(back.len, strlen(texts[i]));
        assert_memory_equal(back.data, texts[i], back.len);
        buf_free(&u), buf_free(&back);
    }
}

static void test_encodings(void **state)
{
    buf u;
    buf_init(&u);
    assert_int_equal(utf8_to_utf16be("A\xc3\xa9\xf0\x9f\x98\x80", 7, &u), 0); /* A é U+1F600 */
    const uint8_t want[] = {0x00, 0x41, 0x00, 0xE9, 0xD8, 0x3D, 0xDE, 0x00};
    assert_int_equal(u.len, sizeof want);
    assert_memory_equal(u.data, want, sizeof want);
    buf_free(&u);
}

static void test_refused(void **state)
{
    buf out;
    buf_init(&out);
    const uint8_t odd[] = {0x00, 0x41, 0x00};
    const uint8_t lone_high[] = {0xD8, 0x3D, 0x00, 0x41};
    const uint8_t lone_low[] = {0xDE, 0x00};
    assert_int_equal(utf16be_to_utf8(odd, sizeof odd, &out), -1);
    assert_int_equal(utf16be_to_utf8(lone_high, sizeof lone_high, &out), -1);
    assert_int_equal(utf16be_to_utf8(lone_low, sizeof lone_low, &out), -1);
    assert_int_equal(utf8_to_utf16be("\xc3", 1, &out), -1);          /* cut short */
    assert_int_equal(utf8_to_utf16be("\xc0\xaf", 2, &out), -1);      /* overlong */
    assert_int_equal(utf8_to_utf16be("\xed\xa0\x80", 3, &out), -1);  /* a surrogate */
    assert_int_equal(utf8_to_utf16be("\xf4\x90\x80\x80", 4, &out), -1); /* past U+10FFFF */
    buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_encodings),
        cmocka_unit_test(test_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
