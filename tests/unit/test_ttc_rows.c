/*
 * test_ttc_rows.c - rows with repeated columns left out (net/ttc_rows.h): the
 * bytes of a response's rows, message by message, as a driver reads them -
 * the first row whole, a bit vector ahead of a row that repeats, none ahead of
 * one that does not, columns sent always, and the writer's own knowledge that
 * a value repeats.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "net/ttc.h"
#include "net/ttc_rows.h"

/* Write one row of NCOLS text values (NULL: SQL NULL) through W into OUT. */
static void put_row(ttc_rows *w, buf *out, const char *const *values, int ncols)
{
    ttc_rows_begin(w, out);
    for (int i = 0; i < ncols; i++) {
        size_t start = out->len;
        ttc_put_str(out, values[i]);
        ttc_rows_column(w, out, i, start);
    }
    ttc_rows_end(w, out);
}

static void expect(const buf *out, size_t *at, const uint8_t *want, size_t n)
{
    assert_true(*at + n <= out->len);
    assert_memory_equal(out->data + *at, want, n);
    *at += n;
}

static void test_first_row_whole_then_repeats_left_out(void **state)
{
    (void)state;
    buf out;
    buf_init(&out);
    ttc_rows w;
    ttc_rows_init(&w, 3);
    const char *r1[] = {"aaaaaaaa", "bb", NULL}, *r2[] = {"aaaaaaaa", "cc", NULL},
               *r3[] = {"b", "dd", "x"};
    put_row(&w, &out, r1, 3);
    put_row(&w, &out, r2, 3);
    put_row(&w, &out, r3, 3);
    size_t at = 0;
    const uint8_t row1[] = {TTC_MSG_ROW_DATA, 8, 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a',
                            2, 'b', 'b', 0};
    expect(&out, &at, row1, sizeof row1);
    /* row 2: column 1 sent (bit 1), 0 and 2 repeat */
    const uint8_t row2[] = {TTC_MSG_BIT_VECTOR, 1, 1, 0x02, TTC_MSG_ROW_DATA, 2, 'c', 'c'};
    expect(&out, &at, row2, sizeof row2);
    /* row 3: everything differs, no bit vector */
    const uint8_t row3[] = {TTC_MSG_ROW_DATA, 1, 'b', 2, 'd', 'd', 1, 'x'};
    expect(&out, &at, row3, sizeof row3);
    assert_int_equal(at, out.len);
    ttc_rows_free(&w);
    buf_free(&out);
}

static void test_always_sent_and_known_repeats(void **state)
{
    (void)state;
    buf out;
    buf_init(&out);
    ttc_rows w;
    ttc_rows_init(&w, 2);
    ttc_rows_always_send(&w, 1);
    assert_int_equal(ttc_rows_repeat(&w, 0), 0); /* nothing sent yet: write it */
    const char *r[] = {"the same text", "lob"};
    put_row(&w, &out, r, 2);
    size_t first = out.len;
    /* the writer knows column 0 repeats and skips writing it; column 1 is sent all the same */
    ttc_rows_begin(&w, &out);
    assert_int_equal(ttc_rows_repeat(&w, 0), 1);
    assert_int_equal(ttc_rows_repeat(&w, 1), 0);
    size_t start = out.len;
    ttc_put_str(&out, "lob");
    ttc_rows_column(&w, &out, 1, start);
    ttc_rows_end(&w, &out);
    size_t at = first;
    const uint8_t row2[] = {TTC_MSG_BIT_VECTOR, 1, 1, 0x02, TTC_MSG_ROW_DATA, 3, 'l', 'o', 'b'};
    expect(&out, &at, row2, sizeof row2);
    /* a third row repeating row 2's column 1 bytes still sends them, and column 0 repeats
     * the value two rows back (what the client holds as the row before's) */
    put_row(&w, &out, r, 2);
    expect(&out, &at, row2, sizeof row2);
    assert_int_equal(at, out.len);
    ttc_rows_free(&w);
    buf_free(&out);
}

/* A row whose repeats weigh no more than its bit vector would goes whole, and a later row
 * repeats from it. */
static void test_light_repeats_sent_whole(void **state)
{
    (void)state;
    buf out;
    buf_init(&out);
    ttc_rows w;
    ttc_rows_init(&w, 2);
    const char *r1[] = {NULL, "a long enough value"}, *r2[] = {NULL, "another one"},
               *r3[] = {"x", "another one"};
    put_row(&w, &out, r1, 2);
    size_t at = out.len;
    put_row(&w, &out, r2, 2); /* only the NULL repeats: 1 byte against 4 */
    const uint8_t whole[] = {TTC_MSG_ROW_DATA, 0,   11,  'a', 'n', 'o', 't',
                             'h',              'e', 'r', ' ', 'o', 'n', 'e'};
    expect(&out, &at, whole, sizeof whole);
    put_row(&w, &out, r3, 2); /* column 1 repeats row 2's, copied back in whole */
    const uint8_t row3[] = {TTC_MSG_BIT_VECTOR, 1, 1, 0x01, TTC_MSG_ROW_DATA, 1, 'x'};
    expect(&out, &at, row3, sizeof row3);
    assert_int_equal(at, out.len);
    ttc_rows_free(&w);
    buf_free(&out);
}

static void test_abandoned_row_repeats_nothing(void **state)
{
    (void)state;
    buf out;
    buf_init(&out);
    ttc_rows w;
    ttc_rows_init(&w, 1);
    const char *r[] = {"v"};
    put_row(&w, &out, r, 1);
    ttc_rows_abandon(&w);
    assert_int_equal(ttc_rows_repeat(&w, 0), 0);
    size_t at = out.len;
    put_row(&w, &out, r, 1);
    const uint8_t whole[] = {TTC_MSG_ROW_DATA, 1, 'v'};
    expect(&out, &at, whole, sizeof whole);
    ttc_rows_free(&w);
    buf_free(&out);
}

static void test_wide_rows_bit_vector_bytes(void **state)
{
    (void)state;
    enum { N = 300 };
    buf out;
    buf_init(&out);
    ttc_rows w;
    ttc_rows_init(&w, N);
    const char *v[N];
    for (int i = 0; i < N; i++) v[i] = "x";
    put_row(&w, &out, v, N);
    size_t at = out.len;
    v[257] = "y"; /* only column 257 differs */
    put_row(&w, &out, v, N);
    const uint8_t head[] = {TTC_MSG_BIT_VECTOR, 1, 1};
    expect(&out, &at, head, sizeof head);
    assert_int_equal(ttc_bit_vector_len(N), 38);
    for (int i = 0; i < 38; i++)
        assert_int_equal(out.data[at + (size_t)i], i == 257 / 8 ? 1u << (257 % 8) : 0);
    assert_true(ttc_bit_sent(out.data + at, 257));
    assert_false(ttc_bit_sent(out.data + at, 256));
    at += 38;
    const uint8_t row[] = {TTC_MSG_ROW_DATA, 1, 'y'};
    expect(&out, &at, row, sizeof row);
    assert_int_equal(at, out.len);
    ttc_rows_free(&w);
    buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_row_whole_then_repeats_left_out),
        cmocka_unit_test(test_always_sent_and_known_repeats),
        cmocka_unit_test(test_light_repeats_sent_whole),
        cmocka_unit_test(test_abandoned_row_repeats_nothing),
        cmocka_unit_test(test_wide_rows_bit_vector_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
