/*
 * test_number.c - Oracle NUMBER codec: node-oracledb's own vectors in both
 * directions, exact 40-digit values, rounding, range limits, malformed text
 * and bytes, and seeded random round trips.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/number.h"

/* ---- helpers ---- */

static size_t unhex(const char *hex, uint8_t *out)
{
    size_t n = strlen(hex) / 2;
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        assert_int_equal(sscanf(hex + 2 * i, "%2x", &v), 1);
        out[i] = (uint8_t)v;
    }
    return n;
}

/* TEXT must encode to exactly HEX (value bytes, no length byte). */
static void assert_encodes(const char *text, const char *hex)
{
    uint8_t want[64], got[ONUM_MAX_BYTES];
    size_t want_len = unhex(hex, want);
    int len = onum_from_text(text, got);
    if (len != (int)want_len || memcmp(got, want, want_len) != 0) fail_msg("encoding %s", text);
}

/* HEX must decode to exactly TEXT. */
static void assert_decodes(const char *hex, const char *text)
{
    uint8_t in[64];
    char out[ONUM_TEXT_MAX];
    size_t len = unhex(hex, in);
    assert_int_equal(onum_to_text(in, len, out, sizeof out), (int)strlen(text));
    assert_string_equal(out, text);
}

static void assert_decode_fails(const char *hex)
{
    uint8_t in[64];
    char out[ONUM_TEXT_MAX];
    size_t len = unhex(hex, in);
    assert_int_equal(onum_to_text(in, len, out, sizeof out), -1);
}

/* decode(encode(TEXT)) == CANONICAL */
static void assert_round_trip(const char *text, const char *canonical)
{
    uint8_t bytes[ONUM_MAX_BYTES];
    char out[ONUM_TEXT_MAX];
    int len = onum_from_text(text, bytes);
    assert_true(len > 0);
    assert_int_equal(onum_to_text(bytes, (size_t)len, out, sizeof out), (int)strlen(canonical));
    assert_string_equal(out, canonical);
}

static char *repeat(char *out, char c, int n)
{
    memset(out, c, (size_t)n);
    out[n] = '\0';
    return out;
}

/* ---- node-oracledb vectors (wire form minus the length byte) ---- */

static const struct vector {
    const char *text, *hex, *decoded;
} vectors[] = {
    {"0", "80", "0"},
    {"1", "C102", "1"},
    {"-1", "3E6466", "-1"},
    {"10", "C10B", "10"},
    {"100", "C202", "100"},
    {"123", "C20218", "123"},
    {"-123", "3D644E66", "-123"},
    {"0.5", "C033", "0.5"},
    {"-0.5", "3F3366", "-0.5"},
    {"3.14159", "C1040F105B", "3.14159"},
    {"1234567.89", "C402182E445A", "1234567.89"},
    {"-1234567.89", "3B644E38220C66", "-1234567.89"},
    {"2147483647", "C51630312530", "2147483647"},
    {"-2147483648", "3A503635413566", "-2147483648"},
    {"0.001", "BF0B", "0.001"},
};

static void test_vectors_encode(void **state)
{
    for (size_t i = 0; i < sizeof vectors / sizeof vectors[0]; i++)
        assert_encodes(vectors[i].text, vectors[i].hex);
}

static void test_vectors_decode(void **state)
{
    for (size_t i = 0; i < sizeof vectors / sizeof vectors[0]; i++)
        assert_decodes(vectors[i].hex, vectors[i].decoded);
}

static void test_extreme_vectors(void **state)
{
    char text[400], zeros[200];
    assert_encodes("1e-130", "8002");
    snprintf(text, sizeof text, "0.%s1", repeat(zeros, '0', 129));
    assert_decodes("8002", text);
    assert_encodes(text, "8002");

    assert_encodes("9.99e125", "FF645B");
    snprintf(text, sizeof text, "999%s", repeat(zeros, '0', 123));
    assert_decodes("FF645B", text);
    assert_encodes(text, "FF645B");

    assert_encodes("-1e-130", "7F6466");
    assert_encodes("-9.99e125", "00020B66");
    assert_encodes("1e125", "FF0B");
}

/* ---- integers and doubles ---- */

static void test_int64(void **state)
{
    static const int64_t values[] = {
        0, 1, -1, 99, 100, -100, 2147483647, -2147483648LL, INT64_MAX, INT64_MIN, INT64_MIN + 1,
        10, -10, 1000, 10000, -1000000, 12300, 1000000000000000000LL, -99000};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        uint8_t bytes[ONUM_MAX_BYTES];
        char text[ONUM_TEXT_MAX], want[32];
        int64_t back = 12345;
        int len = onum_from_int64(values[i], bytes);
        assert_true(len > 0);
        snprintf(want, sizeof want, "%" PRId64, values[i]);
        uint8_t via_text[ONUM_MAX_BYTES]; /* the direct encoding is the text one's */
        assert_int_equal(onum_from_text(want, via_text), len);
        assert_memory_equal(bytes, via_text, (size_t)len);
        assert_true(onum_to_text(bytes, (size_t)len, text, sizeof text) > 0);
        assert_string_equal(text, want);
        assert_int_equal(onum_to_int64(bytes, (size_t)len, &back), 0);
        assert_true(back == values[i]);
    }
}

static void assert_int64_fails(const char *text)
{
    uint8_t bytes[ONUM_MAX_BYTES];
    int64_t v;
    int len = onum_from_text(text, bytes);
    assert_true(len > 0);
    assert_int_equal(onum_to_int64(bytes, (size_t)len, &v), -1);
}

static void test_int64_rejects(void **state)
{
    uint8_t bytes[ONUM_MAX_BYTES];
    int64_t v;
    assert_int64_fails("0.5");
    assert_int64_fails("-12.25");
    assert_int64_fails("9223372036854775808");
    assert_int64_fails("-9223372036854775809");
    assert_int64_fails("1e19");
    assert_int64_fails("1e100");
    assert_int_equal(onum_from_text("1e18", bytes), 2);
    assert_int_equal(onum_to_int64(bytes, 2, &v), 0);
    assert_true(v == 1000000000000000000LL);
    assert_int_equal(onum_to_int64((const uint8_t *)"\xC1", 1, &v), -1);
}

static void assert_double_text(double v, const char *text)
{
    uint8_t bytes[ONUM_MAX_BYTES];
    char out[ONUM_TEXT_MAX];
    int len = onum_from_double(v, bytes);
    assert_true(len > 0);
    assert_true(onum_to_text(bytes, (size_t)len, out, sizeof out) > 0);
    assert_string_equal(out, text);
}

static void test_double(void **state)
{
    uint8_t bytes[ONUM_MAX_BYTES];
    char tiny[400], zeros[200];
    double back;
    assert_double_text(0.1, "0.1");
    assert_double_text(-2.5, "-2.5");
    assert_double_text(1.0 / 3, "0.3333333333333333");
    assert_double_text(0.1 + 0.2, "0.30000000000000004");
    assert_double_text(1e20, "100000000000000000000");
    assert_double_text(-0.0, "0");
    assert_double_text(5e-324, "0"); /* below 1e-130 */
    snprintf(tiny, sizeof tiny, "0.%s1", repeat(zeros, '0', 129));
    assert_double_text(1e-130, tiny);
    assert_int_equal(onum_from_double(NAN, bytes), -1);
    assert_int_equal(onum_from_double(INFINITY, bytes), -1);
    assert_int_equal(onum_from_double(-INFINITY, bytes), -1);
    assert_int_equal(onum_from_double(1e200, bytes), -1);
    assert_int_equal(onum_from_double(1e126, bytes), -1);
    int len = onum_from_double(123.456, bytes);
    assert_int_equal(onum_to_double(bytes, (size_t)len, &back), 0);
    assert_true(back == 123.456);
    assert_int_equal(onum_to_double((const uint8_t *)"\x00", 1, &back), -1);
}

/* ---- text forms ---- */

static void test_text_forms(void **state)
{
    assert_round_trip(" 42 ", "42");
    assert_round_trip("\t-42\n", "-42");
    assert_round_trip("+5", "5");
    assert_round_trip("5.", "5");
    assert_round_trip(".5", "0.5");
    assert_round_trip("-.5", "-0.5");
    assert_round_trip("1E3", "1000");
    assert_round_trip("1e+3", "1000");
    assert_round_trip("12.5e-3", "0.0125");
    assert_round_trip("000123.4500", "123.45");
    assert_round_trip("0.000", "0");
    assert_round_trip("-0", "0");
    assert_round_trip("-0.0e5", "0");
    assert_round_trip("0e99999999999999999999999", "0");
    assert_round_trip("1e-131", "0");
    assert_round_trip("9.9e-131", "0");
    assert_round_trip("1e-99999999999999999999999", "0");
    assert_round_trip("123456789e-5", "1234.56789");
    assert_encodes("-0", "80");
}

static void test_text_rejects(void **state)
{
    static const char *const bad[] = {
        "abc", "1e200", "",      " ",    ".",     "-",      "+",
        "1e",  "e5",    "1.2.3", "1 2",  "0x10",  "--1",    "+-1",
        "1e+", "1e-",   "inf",   "nan",  "1e126", "-1e126", "1e99999999999999999999",
        "1,5", "1e5.5", "- 1",   "1e 5", "12abc", "\x01",
    };
    uint8_t bytes[ONUM_MAX_BYTES];
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (onum_from_text(bad[i], bytes) != -1) fail_msg("accepted \"%s\"", bad[i]);
    assert_int_equal(onum_from_text(NULL, bytes), -1);
}

static void test_range_limits(void **state)
{
    char text[400], digits[200];
    uint8_t bytes[ONUM_MAX_BYTES];
    /* 10^125 is in range, 10^126 is not */
    snprintf(text, sizeof text, "1%s", repeat(digits, '0', 125));
    assert_int_equal(onum_from_text(text, bytes), 2);
    snprintf(text, sizeof text, "1%s", repeat(digits, '0', 126));
    assert_int_equal(onum_from_text(text, bytes), -1);
    /* 40 nines times 10^86 is the largest value */
    snprintf(text, sizeof text, "%se86", repeat(digits, '9', 40));
    assert_encodes(text, "FF6464646464646464646464646464646464646464");
    /* ...and rounding 41 nines crosses the limit */
    snprintf(text, sizeof text, "%se85", repeat(digits, '9', 41));
    assert_int_equal(onum_from_text(text, bytes), -1);
    /* 200 leading fraction zeros underflow to zero */
    snprintf(text, sizeof text, "0.%s1", repeat(digits, '0', 199));
    assert_encodes(text, "80");
}

/* ---- exactness and rounding ---- */

static void test_forty_digits_exact(void **state)
{
    assert_round_trip("1234567890123456789012345678901234567891",
                      "1234567890123456789012345678901234567891");
    assert_round_trip("0.1234567890123456789012345678901234567891",
                      "0.1234567890123456789012345678901234567891");
    assert_round_trip("-98765432109876543210.98765432109876543211",
                      "-98765432109876543210.98765432109876543211");
    /* an odd decimal point needs 21 digit bytes, as node-oracledb sends them */
    assert_encodes("123456789012345678901234567890123456789.1",
                   "D402182E445A02182E445A02182E445A02182E445A0B");
    assert_round_trip("123456789012345678901234567890123456789.1",
                      "123456789012345678901234567890123456789.1");
}

static void test_negative_terminator(void **state)
{
    uint8_t bytes[ONUM_MAX_BYTES];
    /* 38 digits = 19 digit bytes: terminated */
    int len = onum_from_text("-12345678901234567890123456789012345678", bytes);
    assert_int_equal(len, 21);
    assert_int_equal(bytes[20], 102);
    /* 40 digits = 20 digit bytes: no terminator */
    len = onum_from_text("-1234567890123456789012345678901234567891", bytes);
    assert_int_equal(len, 21);
    assert_int_not_equal(bytes[20], 102);
    assert_encodes("-1234567890123456789012345678901234567891",
                   "2B59432D170B59432D170B59432D170B59432D170A");
    assert_decodes("2B59432D170B59432D170B59432D170B59432D170A",
                   "-1234567890123456789012345678901234567891");
    assert_encodes("-12345678901234567890123456789012345678",
                   "2C59432D170B59432D170B59432D170B59432D1766");
    /* 21 digit bytes: no terminator, 22 bytes */
    len = onum_from_text("-123456789012345678901234567890123456789.1", bytes);
    assert_int_equal(len, 22);
    assert_encodes("-123456789012345678901234567890123456789.1",
                   "2B644E38220C644E38220C644E38220C644E38220C5B");
    assert_round_trip("-123456789012345678901234567890123456789.1",
                      "-123456789012345678901234567890123456789.1");
}

static void test_rounding(void **state)
{
    assert_round_trip("12345678901234567890123456789012345678905",
                      "12345678901234567890123456789012345678910");
    assert_round_trip("12345678901234567890123456789012345678904999",
                      "12345678901234567890123456789012345678900000");
    assert_round_trip("-0.12345678901234567890123456789012345678905",
                      "-0.1234567890123456789012345678901234567891");
    assert_round_trip("9999999999999999999999999999999999999999.5",
                      "10000000000000000000000000000000000000000");
    assert_round_trip("-9999999999999999999999999999999999999999.5",
                      "-10000000000000000000000000000000000000000");
    assert_round_trip("0.0000099999999999999999999999999999999999999999", "0.00001");
}

/* ---- malformed and unusual bytes ---- */

static void test_decode_rejects(void **state)
{
    uint8_t big[ONUM_MAX_BYTES + 1];
    char out[ONUM_TEXT_MAX];
    assert_decode_fails("");   /* empty */
    assert_decode_fails("00"); /* one byte, not 0x80 */
    assert_decode_fails("7F");
    assert_decode_fails("C1");
    assert_decode_fails("FF");
    assert_decode_fails("C100"); /* positive digit byte 0 */
    assert_decode_fails("C165"); /* positive digit 100 */
    assert_decode_fails("C166"); /* terminator on a positive number */
    assert_decode_fails("C102FF");
    assert_decode_fails("3E01"); /* negative digit 100 */
    assert_decode_fails("3E00");
    assert_decode_fails("3E666466"); /* terminator in the middle */
    assert_decode_fails("3E6467");
    memset(big, 0x02, sizeof big);
    big[0] = 0xC1;
    assert_int_equal(onum_to_text(big, sizeof big, out, sizeof out), -1);
    assert_int_equal(onum_to_text(big, ONUM_MAX_BYTES, out, sizeof out), 42);
    assert_int_equal(onum_to_text(NULL, 2, out, sizeof out), -1);
}

static void test_decode_lenient(void **state)
{
    assert_decodes("3F66", "0");     /* node-oracledb's encoding of "-0" */
    assert_decodes("3E64", "-1");    /* missing terminator */
    assert_decodes("C20102", "1");   /* leading zero digit */
    assert_decodes("C10201", "1");   /* trailing zero digit */
    assert_decodes("C1010101", "0"); /* all zero digits */
}

static void test_output_buffer(void **state)
{
    uint8_t in[] = {0x3D, 0x64, 0x4E, 0x66}; /* -123 */
    char out[5];
    assert_int_equal(onum_to_text(in, sizeof in, out, 4), -1);
    assert_int_equal(onum_to_text(in, sizeof in, out, 5), 4);
    assert_string_equal(out, "-123");
    assert_int_equal(onum_to_text(in, sizeof in, NULL, 0), -1);
}

static void test_longest_text(void **state)
{
    uint8_t in[ONUM_MAX_BYTES];
    char out[ONUM_TEXT_MAX];
    /* the smallest exponent with 21 digit bytes of 99: "-0." + 170 digits */
    in[0] = 0x7F;
    memset(in + 1, 101 - 99, ONUM_MAX_BYTES - 1);
    assert_int_equal(onum_to_text(in, sizeof in, out, sizeof out), ONUM_TEXT_MAX - 1);
    assert_int_equal(onum_to_text(in, sizeof in, out, sizeof out - 1), -1);
    assert_memory_equal(out, "-0.00", 5);
    assert_memory_equal(out + ONUM_TEXT_MAX - 3, "99", 2);
    in[0] = 0x80;
    memset(in + 1, 99 + 1, ONUM_MAX_BYTES - 1);
    assert_int_equal(onum_to_text(in, sizeof in, out, sizeof out), ONUM_TEXT_MAX - 2);
    /* the largest exponent: 126 integer digits */
    in[0] = 0xFF;
    assert_int_equal(onum_to_text(in, sizeof in, out, sizeof out), 126);
}

/* ---- seeded random round trips ---- */

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static int rng_range(int lo, int hi)
{
    return lo + (int)(rng() % (uint64_t)(hi - lo + 1));
}

/* Canonical text of 0.DIGITS x 10^POINT, written independently of number.c. */
static void canonical_text(int negative, const char *digits, int point, char *out)
{
    int n = (int)strlen(digits), len = 0;
    if (negative) out[len++] = '-';
    if (point <= 0) {
        len += sprintf(out + len, "0.");
        for (int i = 0; i < -point; i++)
            out[len++] = '0';
        len += sprintf(out + len, "%s", digits);
    } else if (point < n) {
        len += sprintf(out + len, "%.*s.%s", point, digits, digits + point);
    } else {
        len += sprintf(out + len, "%s", digits);
        for (int i = n; i < point; i++)
            out[len++] = '0';
    }
    out[len] = '\0';
}

static void random_digits(char *digits, int n)
{
    for (int i = 0; i < n; i++)
        digits[i] = (char)('0' + rng_range(0, 9));
    digits[0] = (char)('1' + rng_range(0, 8));
    digits[n - 1] = (char)('1' + rng_range(0, 8));
    digits[n] = '\0';
}

static void test_random_text_round_trips(void **state)
{
    for (int iter = 0; iter < 5000; iter++) {
        char digits[48], text[ONUM_TEXT_MAX + 8], sci[80];
        uint8_t bytes[ONUM_MAX_BYTES];
        int n = rng_range(1, 40), point = rng_range(-129, 126), negative = rng_range(0, 1);
        random_digits(digits, n);
        canonical_text(negative, digits, point, text);
        assert_round_trip(text, text);
        /* the same value in exponent notation encodes identically */
        snprintf(sci, sizeof sci, "%s0.%se%d", negative ? "-" : "", digits, point);
        uint8_t again[ONUM_MAX_BYTES];
        int len = onum_from_text(text, bytes);
        assert_int_equal(onum_from_text(sci, again), len);
        assert_memory_equal(bytes, again, (size_t)len);
        int pairs = len - 1 - (negative && bytes[len - 1] == 102);
        assert_int_equal(negative && pairs < 20, bytes[len - 1] == 102);
    }
}

static void test_random_int64_round_trips(void **state)
{
    for (int iter = 0; iter < 5000; iter++) {
        int64_t v = (int64_t)(rng() >> rng_range(0, 63)), back;
        uint8_t bytes[ONUM_MAX_BYTES];
        char text[ONUM_TEXT_MAX], want[32];
        if (rng() & 1) v = -v;
        int len = onum_from_int64(v, bytes);
        assert_true(len > 0);
        assert_int_equal(onum_to_int64(bytes, (size_t)len, &back), 0);
        assert_true(back == v);
        snprintf(want, sizeof want, "%" PRId64, v);
        assert_true(onum_to_text(bytes, (size_t)len, text, sizeof text) > 0);
        assert_string_equal(text, want);
        uint8_t via_text[ONUM_MAX_BYTES]; /* the direct encoding is the text one's */
        assert_int_equal(onum_from_text(want, via_text), len);
        assert_memory_equal(bytes, via_text, (size_t)len);
    }
}

static void test_random_double_round_trips(void **state)
{
    int tested = 0;
    while (tested < 5000) {
        uint64_t bits = rng();
        double v, back;
        uint8_t bytes[ONUM_MAX_BYTES];
        memcpy(&v, &bits, sizeof v);
        if (!isfinite(v) || fabs(v) >= 1e125 || fabs(v) < 1e-129) continue;
        tested++;
        int len = onum_from_double(v, bytes);
        assert_true(len > 0);
        assert_int_equal(onum_to_double(bytes, (size_t)len, &back), 0);
        assert_true(back == v);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vectors_encode),
        cmocka_unit_test(test_vectors_decode),
        cmocka_unit_test(test_extreme_vectors),
        cmocka_unit_test(test_int64),
        cmocka_unit_test(test_int64_rejects),
        cmocka_unit_test(test_double),
        cmocka_unit_test(test_text_forms),
        cmocka_unit_test(test_text_rejects),
        cmocka_unit_test(test_range_limits),
        cmocka_unit_test(test_forty_digits_exact),
        cmocka_unit_test(test_negative_terminator),
        cmocka_unit_test(test_rounding),
        cmocka_unit_test(test_decode_rejects),
        cmocka_unit_test(test_decode_lenient),
        cmocka_unit_test(test_output_buffer),
        cmocka_unit_test(test_longest_text),
        cmocka_unit_test(test_random_text_round_trips),
        cmocka_unit_test(test_random_int64_round_trips),
        cmocka_unit_test(test_random_double_round_trips),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
