/*
 * test_lob_value.c - LOB lengths, pieces, writes and trims in the units the
 * LOB calls count in: bytes for a BLOB, UTF-16 code units for a CLOB kept
 * as UTF-8 (a character outside the BMP is two units, four bytes); the
 * UTF-16 of NCLOB data both ways.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "common/lob_value.h"

#define EURO "\xe2\x82\xac"          /* U+20AC: one unit, three bytes */
#define GRIN "\xf0\x9f\x98\x80"      /* U+1F600: two units, four bytes */

static void test_lengths(void **state)
{
    const char *t = "a" EURO GRIN "b";
    assert_int_equal(lob_length(0, t, strlen(t)), 5);
    assert_int_equal(lob_length(1, t, strlen(t)), 9);
    assert_int_equal(lob_byte_offset(0, t, strlen(t), 2), 4);  /* after a and the euro */
    assert_int_equal(lob_byte_offset(0, t, strlen(t), 3), 4);  /* inside the pair: its start */
    assert_int_equal(lob_byte_offset(0, t, strlen(t), 4), 8);
    assert_int_equal(lob_byte_offset(0, t, strlen(t), 99), 9);
}

static void test_pieces(void **state)
{
    const char *t = "a" EURO GRIN "b";
    size_t start, len;
    assert_int_equal(lob_piece(0, t, strlen(t), 2, 3, &start, &len), 3);
    assert_int_equal(start, 1);
    assert_int_equal(len, 7); /* the euro and the pair */
    assert_int_equal(lob_piece(0, t, strlen(t), 6, 10, &start, &len), 0); /* past the end */
    assert_int_equal(len, 0);
    assert_int_equal(lob_piece(1, "\x00\x01\x02", 3, 2, 5, &start, &len), 2);
    assert_int_equal(start, 1);
}

static void test_writes(void **state)
{
    buf v;
    buf_init(&v);
    buf_puts(&v, "hello");
    lob_write_at(0, &v, 2, EURO EURO, 6); /* two characters over "el" */
    assert_int_equal(v.len, 9);
    assert_memory_equal(v.data, "h" EURO EURO "lo", 9);
    lob_write_at(0, &v, 8, "!", 1); /* past the end: blanks in between */
    assert_memory_equal(v.data, "h" EURO EURO "lo  !", 12);
    buf_reset(&v);
    lob_write_at(1, &v, 3, "\xff", 1); /* a BLOB's gap is zero bytes */
    assert_int_equal(v.len, 3);
    assert_memory_equal(v.data, "\x00\x00\xff", 3);
    buf_free(&v);
}

static void test_trims(void **state)
{
    buf v;
    buf_init(&v);
    buf_puts(&v, "a" GRIN "b");
    assert_int_equal(lob_trim(0, &v, 3), 0);
    assert_int_equal(v.len, 5);
    assert_int_equal(lob_trim(0, &v, 4), -1); /* longer than it is: ORA-22926 */
    assert_int_equal(lob_trim(0, &v, 0), 0);
    assert_int_equal(v.len, 0);
    buf_free(&v);
}

static void test_utf16(void **state)
{
    const char *t = "a" EURO GRIN;
    buf u, back;
    buf_init(&u);
    buf_init(&back);
    lob_utf8_to_utf16(t, strlen(t), &u);
    assert_int_equal(u.len, 8); /* four units */
    assert_memory_equal(u.data, "\x00\x61\x20\xac\xd8\x3d\xde\x00", 8);
    lob_utf16_to_utf8(u.data, u.len, &back);
    assert_int_equal(back.len, strlen(t));
    assert_memory_equal(back.data, t, back.len);
    buf_free(&u);
    buf_free(&back);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lengths),
        cmocka_unit_test(test_pieces),
        cmocka_unit_test(test_writes),
        cmocka_unit_test(test_trims),
        cmocka_unit_test(test_utf16),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
