/*
 * number.c - Oracle NUMBER codec.  Text and wire bytes both go through a
 * decimal digit string with a decimal-point position, so that up to 40
 * significant digits convert exactly; doubles only enter as formatted text.
 */
#include "number.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DIGITS 40      /* significant decimal digits a NUMBER keeps */
#define MAX_PAIRS 21       /* 40 digits on an odd decimal exponent span 21 base-100 digits */
#define FULL_PAIRS 20      /* negative numbers with fewer digit bytes get a terminator */
#define NEG_TERMINATOR 102 /* ends a negative number shorter than FULL_PAIRS */
#define ZERO_BYTE 0x80     /* the one-byte encoding of 0 */
#define EXP_BIAS 0xC0      /* exponent byte = EXP_BIAS + (decimal point position) / 2 */
#define POINT_MAX 126      /* 0.d x 10^127 >= 1e126 is out of range */
#define POINT_MIN (-129)   /* 0.d x 10^-130 < 1e-130 becomes 0 */
#define EXP_CLAMP 1000000000000000LL /* any exponent text beyond this is out of range anyway */

/* A decimal value 0.DIGITS x 10^POINT; no leading zero digit; NDIGITS == 0 means zero. */
typedef struct decimal {
    int negative;
    int ndigits;
    int64_t point;
    uint8_t digits[2 * MAX_PAIRS]; /* 0..9 each; 41 used while rounding, 42 when decoding */
} decimal;

/* ---- text to decimal ---- */

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* One mantissa digit: leading zeros only move the point; digits past MAX_DIGITS + 1 are dropped. */
static void add_digit(decimal *d, int digit, int after_dot)
{
    if (d->ndigits == 0 && digit == 0) {
        if (after_dot) d->point--;
        return;
    }
    if (d->ndigits <= MAX_DIGITS) d->digits[d->ndigits++] = (uint8_t)digit;
    if (!after_dot) d->point++;
}

/* Digits with at most one '.'; returns the position after them, NULL if there is no digit. */
static const char *scan_mantissa(const char *p, decimal *d)
{
    int after_dot = 0, seen_digit = 0;
    for (;; p++) {
        if (is_digit(*p)) {
            add_digit(d, *p - '0', after_dot);
            seen_digit = 1;
        } else if (*p == '.' && !after_dot) {
            after_dot = 1;
        } else {
            break;
        }
    }
    return seen_digit ? p : NULL;
}

/* [+-]digits after the 'e'; returns the position after them, NULL if malformed. */
static const char *scan_exponent(const char *p, int64_t *exp)
{
    int negative = 0;
    int64_t value = 0;
    if (*p == '+' || *p == '-') negative = *p++ == '-';
    if (!is_digit(*p)) return NULL;
    for (; is_digit(*p); p++)
        if (value < EXP_CLAMP) value = value * 10 + (*p - '0');
    *exp = negative ? -value : value;
    return p;
}

static void trim_trailing_zeros(decimal *d)
{
    while (d->ndigits > 0 && d->digits[d->ndigits - 1] == 0)
        d->ndigits--;
    if (d->ndigits == 0) d->negative = 0, d->point = 0;
}

/* Round half away from zero to MAX_DIGITS significant digits. */
static void round_to_max_digits(decimal *d)
{
    if (d->ndigits <= MAX_DIGITS) return;
    int carry = d->digits[MAX_DIGITS] >= 5;
    d->ndigits = MAX_DIGITS;
    for (int i = MAX_DIGITS - 1; carry && i >= 0; i--) {
        carry = d->digits[i] == 9;
        d->digits[i] = carry ? 0 : d->digits[i] + 1;
    }
    if (carry) { /* 99...9 became 100...0 */
        d->digits[0] = 1;
        d->ndigits = 1;
        d->point++;
    }
}

static int parse_text(const char *text, decimal *d)
{
    int64_t exp = 0;
    const char *p = text;
    memset(d, 0, sizeof *d);
    while (is_blank(*p))
        p++;
    if (*p == '+' || *p == '-') d->negative = *p++ == '-';
    p = scan_mantissa(p, d);
    if (!p) return -1;
    if (*p == 'e' || *p == 'E') {
        p = scan_exponent(p + 1, &exp);
        if (!p) return -1;
    }
    while (is_blank(*p))
        p++;
    if (*p != '\0') return -1;
    d->point += exp;
    round_to_max_digits(d);
    trim_trailing_zeros(d);
    return 0;
}

/* ---- decimal to wire bytes ---- */

static int digit_at(const decimal *d, int i)
{
    return i >= 0 && i < d->ndigits ? d->digits[i] : 0;
}

static int encode_decimal(const decimal *d, uint8_t out[ONUM_MAX_BYTES])
{
    if (d->ndigits == 0 || d->point < POINT_MIN) {
        out[0] = ZERO_BYTE;
        return 1;
    }
    if (d->point > POINT_MAX) return -1;
    /* Base-100 digits start at an even decimal point: an odd point gets a leading 0 digit. */
    int lead = d->point % 2 != 0;
    int npairs = (lead + d->ndigits + 1) / 2;
    uint8_t exp_byte = (uint8_t)(EXP_BIAS + (d->point + lead) / 2);
    int len = 1;
    for (int i = 0; i < npairs; i++) {
        int pair = digit_at(d, 2 * i - lead) * 10 + digit_at(d, 2 * i + 1 - lead);
        out[len++] = (uint8_t)(d->negative ? 101 - pair : pair + 1);
    }
    out[0] = d->negative ? (uint8_t)~exp_byte : exp_byte;
    if (d->negative && npairs < FULL_PAIRS) out[len++] = NEG_TERMINATOR;
    return len;
}

/* ---- wire bytes to decimal ---- */

static void strip_leading_zeros(decimal *d)
{
    int zeros = 0;
    while (zeros < d->ndigits && d->digits[zeros] == 0)
        zeros++;
    memmove(d->digits, d->digits + zeros, (size_t)(d->ndigits - zeros));
    d->ndigits -= zeros;
    d->point -= zeros;
}

static int decode_bytes(const uint8_t *in, size_t len, decimal *d)
{
    memset(d, 0, sizeof *d);
    if (!in || len == 0 || len > ONUM_MAX_BYTES) return -1;
    if (len == 1) return in[0] == ZERO_BYTE ? 0 : -1;
    d->negative = !(in[0] & 0x80);
    int exp_byte = d->negative ? (uint8_t)~in[0] : in[0];
    size_t npairs = len - 1;
    if (d->negative && in[len - 1] == NEG_TERMINATOR) npairs--;
    for (size_t i = 0; i < npairs; i++) {
        int pair = d->negative ? 101 - in[1 + i] : in[1 + i] - 1;
        if (pair < 0 || pair > 99) return -1;
        d->digits[d->ndigits++] = (uint8_t)(pair / 10);
        d->digits[d->ndigits++] = (uint8_t)(pair % 10);
    }
    d->point = 2 * (exp_byte - EXP_BIAS);
    strip_leading_zeros(d);
    trim_trailing_zeros(d);
    return 0;
}

/* ---- decimal to text ---- */

static size_t put_zeros(char *p, int64_t n)
{
    for (int64_t i = 0; i < n; i++)
        p[i] = '0';
    return n > 0 ? (size_t)n : 0;
}

static size_t put_digits(char *p, const uint8_t *digits, int64_t n)
{
    for (int64_t i = 0; i < n; i++)
        p[i] = (char)('0' + digits[i]);
    return n > 0 ? (size_t)n : 0;
}

/* Plain notation; the decoded point lies within -170..126, so TEXT fits in ONUM_TEXT_MAX. */
static size_t format_decimal(const decimal *d, char text[ONUM_TEXT_MAX])
{
    size_t len = 0;
    int64_t n = d->ndigits, point = d->point;
    if (d->negative) text[len++] = '-';
    if (n == 0) {
        text[len++] = '0';
    } else if (point <= 0) {
        text[len++] = '0';
        text[len++] = '.';
        len += put_zeros(text + len, -point);
        len += put_digits(text + len, d->digits, n);
    } else if (point < n) {
        len += put_digits(text + len, d->digits, point);
        text[len++] = '.';
        len += put_digits(text + len, d->digits + point, n - point);
    } else {
        len += put_digits(text + len, d->digits, n);
        len += put_zeros(text + len, point - n);
    }
    text[len] = '\0';
    return len;
}

/* ---- public interface ---- */

int onum_from_text(const char *text, uint8_t out[ONUM_MAX_BYTES])
{
    decimal d;
    if (!text || parse_text(text, &d) < 0) return -1;
    return encode_decimal(&d, out);
}

/* An integer straight to base-100 digits (the wire form of most V$ and key values): its
 * pairs from the lowest, the trailing zero pairs left out, as encode_decimal would. */
int onum_from_int64(int64_t v, uint8_t out[ONUM_MAX_BYTES])
{
    if (v == 0) {
        out[0] = ZERO_BYTE;
        return 1;
    }
    uint64_t m = v < 0 ? -(uint64_t)v : (uint64_t)v;
    uint8_t pairs[10]; /* 19 digits at most */
    int n = 0, low = 0;
    for (; m; m /= 100) pairs[n++] = (uint8_t)(m % 100);
    while (pairs[low] == 0) low++;
    uint8_t exp_byte = (uint8_t)(EXP_BIAS + n);
    int len = 1;
    for (int i = n - 1; i >= low; i--)
        out[len++] = (uint8_t)(v < 0 ? 101 - pairs[i] : pairs[i] + 1);
    out[0] = v < 0 ? (uint8_t)~exp_byte : exp_byte;
    if (v < 0) out[len++] = NEG_TERMINATOR; /* 10 pairs at most: never FULL_PAIRS */
    return len;
}

int onum_from_double(double v, uint8_t out[ONUM_MAX_BYTES])
{
    static const char *const formats[] = {"%.15g", "%.16g", "%.17g"};
    char text[32];
    if (!isfinite(v)) return -1;
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        snprintf(text, sizeof text, formats[i], v);
        if (strtod(text, NULL) == v) break;
    }
    return onum_from_text(text, out);
}

int onum_to_text(const uint8_t *in, size_t len, char *out, size_t outsz)
{
    decimal d;
    char text[ONUM_TEXT_MAX];
    if (decode_bytes(in, len, &d) < 0) return -1;
    size_t n = format_decimal(&d, text);
    if (!out || n >= outsz) return -1;
    memcpy(out, text, n + 1);
    return (int)n;
}

int onum_to_int64(const uint8_t *in, size_t len, int64_t *out)
{
    decimal d;
    if (decode_bytes(in, len, &d) < 0) return -1;
    if (d.point < d.ndigits || d.point > 19) return -1; /* a fraction, or beyond 19 digits */
    uint64_t magnitude = 0;
    for (int i = 0; i < d.point; i++)
        magnitude = magnitude * 10 + (uint64_t)digit_at(&d, i);
    if (magnitude > (uint64_t)INT64_MAX + d.negative) return -1;
    *out = d.negative ? -(int64_t)(magnitude - 1) - 1 : (int64_t)magnitude;
    return 0;
}

int onum_to_double(const uint8_t *in, size_t len, double *out)
{
    char text[ONUM_TEXT_MAX];
    if (onum_to_text(in, len, text, sizeof text) < 0) return -1;
    *out = strtod(text, NULL);
    return 0;
}
