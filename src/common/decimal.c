/*
 * decimal.c - exact decimal arithmetic (decimal.h): 40 significant digits,
 * rounding half away from zero, range 1e-130 .. <1e126, as Oracle's NUMBER.
 *
 * Digits are kept one per byte, most significant first; every operation works
 * on a wide digit string and ends in finish(), which strips, rounds and range
 * checks.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decimal.h"

#define EXP_MAX 126  /* |value| < 1e126 */
#define EXP_MIN -129 /* smallest: 1e-130 = 0.1 x 10^-129 */
#define WIDE (2 * PDEC_DIGITS + 50)
#define FIXED_MAX 64 /* longer texts are written in scientific notation */

/* Keep the first KEEP digits of W (LEN digits), rounding half up; W[0] must be a spare 0. */
static void round_at(uint8_t *w, int *len, int keep)
{
    if (keep >= *len) return;
    int up = w[keep] >= 5;
    *len = keep;
    for (int i = keep - 1; up && i >= 0; i--) {
        up = w[i] == 9;
        w[i] = up ? 0 : w[i] + 1;
    }
}

/* Store the digit string W (LEN digits, value 0.W x 10^EXP) into R. */
static int finish(const uint8_t *w, int len, int exp, int neg, pdec *r)
{
    int start = 0;
    while (start < len && w[start] == 0)
        start++, exp--;
    memset(r, 0, sizeof *r);
    if (start == len) return PDEC_OK;
    uint8_t t[PDEC_DIGITS + 2] = {0};
    int n = len - start < PDEC_DIGITS + 1 ? len - start : PDEC_DIGITS + 1;
    memcpy(t + 1, w + start, (size_t)n);
    n++;
    round_at(t, &n, PDEC_DIGITS + 1);
    int first = t[0] ? 0 : 1;
    exp += 1 - first;
    while (n > first && t[n - 1] == 0)
        n--;
    if (exp > EXP_MAX) return PDEC_OVERFLOW;
    if (exp < EXP_MIN) return PDEC_OK; /* too small: zero */
    r->neg = neg;
    r->exp = exp;
    r->n = n - first;
    memcpy(r->d, t + first, (size_t)r->n);
    return PDEC_OK;
}

/* Mantissa digits and the decimal point position of TEXT; *P advanced past them. */
static int parse_mantissa(const char **p, uint8_t *w, int *len, int *exp)
{
    const char *s = *p;
    int seen = 0, point = 0, int_digits = 0, lead = 0;
    for (;; s++) {
        if (*s == '.' && !point) {
            point = 1;
            continue;
        }
        if (*s < '0' || *s > '9') break;
        seen = 1;
        if (!point) int_digits++;
        if (*len == 0 && *s == '0')
            lead++;
        else if (*len < WIDE)
            w[(*len)++] = (uint8_t)(*s - '0');
    }
    *p = s;
    *exp = int_digits - lead;
    return seen ? 0 : -1;
}

static int parse_exponent(const char **p, int *exp)
{
    const char *s = *p;
    if (*s != 'e' && *s != 'E') return 0;
    s++;
    int neg = *s == '-', value = 0;
    if (*s == '+' || *s == '-') s++;
    if (*s < '0' || *s > '9') return -1;
    for (; *s >= '0' && *s <= '9'; s++)
        if (value < 100000) value = value * 10 + (*s - '0');
    *exp += neg ? -value : value;
    *p = s;
    return 0;
}

int pdec_parse(const char *s, pdec *out)
{
    uint8_t w[WIDE];
    int len = 0, exp = 0, neg = 0;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    if (*s == '+' || *s == '-') neg = *s++ == '-';
    if (parse_mantissa(&s, w, &len, &exp) < 0 || parse_exponent(&s, &exp) < 0) return PDEC_INVALID;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    if (*s) return PDEC_INVALID;
    return finish(w, len, exp, neg, out);
}

void pdec_from_int(int64_t v, pdec *out)
{
    uint8_t w[24];
    int len = 0;
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    char text[24];
    snprintf(text, sizeof text, "%llu", (unsigned long long)u);
    for (const char *p = text; *p; p++)
        w[len++] = (uint8_t)(*p - '0');
    finish(w, len, len, v < 0, out);
}

int pdec_from_double(double v, pdec *out)
{
    char text[32];
    if (!isfinite(v)) return PDEC_INVALID;
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(text, sizeof text, "%.*g", digits, v);
        if (strtod(text, NULL) == v) break;
    }
    return pdec_parse(text, out);
}

int pdec_to_int(const pdec *d, int64_t *out)
{
    if (d->n == 0) return *out = 0, PDEC_OK;
    if (d->n > d->exp || d->exp > 19) return PDEC_INVALID;
    uint64_t u = 0;
    for (int i = 0; i < d->exp; i++) {
        uint64_t digit = i < d->n ? d->d[i] : 0;
        if (u > (UINT64_MAX - digit) / 10) return PDEC_INVALID;
        u = u * 10 + digit;
    }
    if (d->neg ? u > (uint64_t)INT64_MAX + 1 : u > (uint64_t)INT64_MAX) return PDEC_INVALID;
    *out = d->neg ? (int64_t)(0 - u) : (int64_t)u;
    return PDEC_OK;
}

double pdec_to_double(const pdec *d)
{
    char text[PDEC_TEXT_MAX];
    double v = 0;
    pdec_format(d, text);
    sscanf(text, "%lf", &v);
    return v;
}

static int fixed_length(const pdec *d)
{
    int body = d->exp <= 0 ? 1 - d->exp + d->n : d->exp >= d->n ? d->exp : d->n + 1;
    return d->neg + body;
}

static void format_scientific(const pdec *d, char *out)
{
    int n = 0;
    if (d->neg) out[n++] = '-';
    out[n++] = (char)('0' + d->d[0]);
    if (d->n > 1) out[n++] = '.';
    for (int i = 1; i < d->n; i++)
        out[n++] = (char)('0' + d->d[i]);
    snprintf(out + n, PDEC_TEXT_MAX - (size_t)n, "E%c%d", d->exp - 1 < 0 ? '-' : '+',
             d->exp - 1 < 0 ? 1 - d->exp : d->exp - 1);
}

void pdec_format(const pdec *d, char out[PDEC_TEXT_MAX])
{
    if (d->n == 0) {
        strcpy(out, "0");
        return;
    }
    if (fixed_length(d) > FIXED_MAX) {
        format_scientific(d, out);
        return;
    }
    int n = 0;
    if (d->neg) out[n++] = '-';
    if (d->exp <= 0) {
        out[n++] = '.';
        for (int i = 0; i < -d->exp; i++)
            out[n++] = '0';
    }
    for (int i = 0; i < d->n || i < d->exp; i++) {
        if (i == d->exp && d->exp > 0) out[n++] = '.';
        out[n++] = (char)(i < d->n ? '0' + d->d[i] : '0');
    }
    out[n] = 0;
}

static int cmp_magnitude(const pdec *a, const pdec *b)
{
    if (a->n == 0 || b->n == 0) return (a->n != 0) - (b->n != 0);
    if (a->exp != b->exp) return a->exp < b->exp ? -1 : 1;
    for (int i = 0; i < a->n || i < b->n; i++) {
        int x = i < a->n ? a->d[i] : 0, y = i < b->n ? b->d[i] : 0;
        if (x != y) return x < y ? -1 : 1;
    }
    return 0;
}

int pdec_cmp(const pdec *a, const pdec *b)
{
    int sa = a->n == 0 ? 0 : a->neg ? -1 : 1, sb = b->n == 0 ? 0 : b->neg ? -1 : 1;
    if (sa != sb) return sa < sb ? -1 : 1;
    int m = cmp_magnitude(a, b);
    return sa < 0 ? -m : m;
}

/* Place D's digits into W so that W[0] stands for 10^(TOP-1). */
static void spread(const pdec *d, int top, uint8_t *w)
{
    for (int i = 0; i < d->n; i++)
        w[top - d->exp + i] = d->d[i];
}

/* |A| + |B| or |A| - |B| (|A| >= |B|), with sign NEG. */
static int add_magnitudes(const pdec *a, const pdec *b, int subtract, int neg, pdec *r)
{
    if (b->n == 0 || a->exp - b->exp > PDEC_DIGITS + 2) {
        *r = *a;
        r->neg = a->n ? neg : 0;
        return PDEC_OK;
    }
    uint8_t wa[WIDE] = {0}, wb[WIDE] = {0};
    int top = a->exp + 1;
    int bottom = a->exp - a->n < b->exp - b->n ? a->exp - a->n : b->exp - b->n;
    int len = top - bottom;
    spread(a, top, wa);
    spread(b, top, wb);
    int carry = 0;
    for (int i = len - 1; i >= 0; i--) {
        int v = subtract ? wa[i] - wb[i] - carry : wa[i] + wb[i] + carry;
        carry = subtract ? v < 0 : v > 9;
        wa[i] = (uint8_t)(subtract ? (v + 10) % 10 : v % 10);
    }
    return finish(wa, len, top, neg, r);
}

static int add_signed(const pdec *a, const pdec *b, int b_neg, pdec *r)
{
    if (a->n == 0) {
        *r = *b;
        r->neg = b->n ? b_neg : 0;
        return PDEC_OK;
    }
    if (a->neg == b_neg) {
        int a_first = cmp_magnitude(a, b) >= 0;
        return add_magnitudes(a_first ? a : b, a_first ? b : a, 0, a->neg, r);
    }
    int m = cmp_magnitude(a, b);
    if (m == 0) return memset(r, 0, sizeof *r), PDEC_OK;
    return m > 0 ? add_magnitudes(a, b, 1, a->neg, r) : add_magnitudes(b, a, 1, b_neg, r);
}

int pdec_add(const pdec *a, const pdec *b, pdec *r)
{
    return add_signed(a, b, b->neg, r);
}

int pdec_sub(const pdec *a, const pdec *b, pdec *r)
{
    return add_signed(a, b, !b->neg, r);
}

int pdec_mul(const pdec *a, const pdec *b, pdec *r)
{
    if (a->n == 0 || b->n == 0) return memset(r, 0, sizeof *r), PDEC_OK;
    int acc[2 * PDEC_DIGITS] = {0};
    uint8_t w[2 * PDEC_DIGITS];
    int len = a->n + b->n;
    for (int i = 0; i < a->n; i++)
        for (int j = 0; j < b->n; j++)
            acc[i + j + 1] += a->d[i] * b->d[j];
    for (int k = len - 1; k > 0; k--) {
        acc[k - 1] += acc[k] / 10;
        acc[k] %= 10;
    }
    for (int k = 0; k < len; k++)
        w[k] = (uint8_t)acc[k];
    return finish(w, len, a->exp + b->exp, a->neg != b->neg, r);
}

/* R (LEN digits) >= B (LEN digits, leading zero padded)? */
static int ge_digits(const uint8_t *rem, const uint8_t *b, int len)
{
    for (int i = 0; i < len; i++)
        if (rem[i] != b[i]) return rem[i] > b[i];
    return 1;
}

static void sub_digits(uint8_t *rem, const uint8_t *b, int len)
{
    int borrow = 0;
    for (int i = len - 1; i >= 0; i--) {
        int v = rem[i] - b[i] - borrow;
        borrow = v < 0;
        rem[i] = (uint8_t)(v < 0 ? v + 10 : v);
    }
}

int pdec_div(const pdec *a, const pdec *b, pdec *r)
{
    if (b->n == 0) return PDEC_ZERO_DIVIDE;
    if (a->n == 0) return memset(r, 0, sizeof *r), PDEC_OK;
    int width = b->n + 1, steps = a->n + b->n + PDEC_DIGITS + 2;
    uint8_t divisor[PDEC_DIGITS + 1] = {0}, rem[PDEC_DIGITS + 1] = {0}, q[WIDE * 2];
    memcpy(divisor + 1, b->d, (size_t)b->n);
    for (int k = 0; k < steps; k++) {
        memmove(rem, rem + 1, (size_t)width - 1);
        rem[width - 1] = k < a->n ? a->d[k] : 0;
        int digit = 0;
        while (ge_digits(rem, divisor, width)) {
            sub_digits(rem, divisor, width);
            digit++;
        }
        q[k] = (uint8_t)digit;
    }
    return finish(q, steps, b->n + a->exp - b->exp, a->neg != b->neg, r);
}

int pdec_round(pdec *d, int scale)
{
    int keep = d->exp + scale;
    if (d->n == 0 || keep >= d->n) return PDEC_OK;
    uint8_t w[PDEC_DIGITS + 1] = {0};
    if (keep < 0) return memset(d, 0, sizeof *d), PDEC_OK;
    memcpy(w + 1, d->d, (size_t)d->n);
    int len = d->n + 1;
    round_at(w, &len, keep + 1);
    return finish(w, len, d->exp + 1, d->neg, d);
}

void pdec_trunc(pdec *d, int scale)
{
    int keep = d->exp + scale;
    if (d->n == 0 || keep >= d->n) return;
    if (keep <= 0) {
        memset(d, 0, sizeof *d);
        return;
    }
    d->n = keep;
    while (d->n > 0 && d->d[d->n - 1] == 0)
        d->n--;
}

int pdec_round_digits(pdec *d, int digits)
{
    return pdec_round(d, digits - d->exp);
}

int pdec_int_digits(const pdec *d)
{
    return d->n == 0 || d->exp < 0 ? 0 : d->exp;
}
