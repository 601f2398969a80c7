/*
 * decimal.h - exact decimal numbers as Oracle's NUMBER computes them: 40
 * significant digits, rounding half away from zero, range 1e-130 .. <1e126
 * (1/3 has 40 threes, 0.1 + 0.2 is exactly .3).
 *
 * PL/SQL keeps its NUMBER values in this form, and SQL's exact arithmetic
 * (src/engine/ora_fn_operators.c, ora_fn_sums.c) computes in it; SQLite itself only has 64-bit
 * integers and doubles.
 */
#ifndef WARDEN_DECIMAL_H
#define WARDEN_DECIMAL_H

#include <stdint.h>

#define PDEC_DIGITS 40   /* significant digits kept, as Oracle NUMBER */
#define PDEC_TEXT_MAX 80 /* longest text pdec_format writes, with NUL */

/* value = (neg ? -1 : 1) * 0.d[0]d[1]...d[n-1] * 10^exp; zero has n = 0. */
typedef struct pdec {
    int neg;
    int exp;
    int n; /* d[0] and d[n-1] are not 0 */
    uint8_t d[PDEC_DIGITS];
} pdec;

enum { PDEC_OK = 0, PDEC_INVALID = -1, PDEC_OVERFLOW = -2, PDEC_ZERO_DIVIDE = -3 };

/* Decimal text (blanks around, sign, digits, '.', exponent) rounded to 40 digits. */
int pdec_parse(const char *s, pdec *out);
void pdec_from_int(int64_t v, pdec *out);
/* A double through its shortest decimal form that reads back as the same double (0.1 is
 * exactly 0.1); PDEC_INVALID for NaN and infinities, PDEC_OVERFLOW beyond NUMBER's range. */
int pdec_from_double(double v, pdec *out);
/* PDEC_OK when D is an integer that fits. */
int pdec_to_int(const pdec *d, int64_t *out);
double pdec_to_double(const pdec *d);
/* Oracle's TO_CHAR(n): "0", "-1.5", ".25"; scientific only beyond 64 characters. */
void pdec_format(const pdec *d, char out[PDEC_TEXT_MAX]);
int pdec_add(const pdec *a, const pdec *b, pdec *r);
int pdec_sub(const pdec *a, const pdec *b, pdec *r);
int pdec_mul(const pdec *a, const pdec *b, pdec *r);
int pdec_div(const pdec *a, const pdec *b, pdec *r);
int pdec_cmp(const pdec *a, const pdec *b); /* -1, 0, 1 */
/* Round half away from zero to SCALE digits after the point (negative: left of it). */
int pdec_round(pdec *d, int scale);
void pdec_trunc(pdec *d, int scale); /* the same, cutting instead of rounding */
/* Round half away from zero to DIGITS significant digits. */
int pdec_round_digits(pdec *d, int digits);
/* Digits left of the decimal point (0 for |d| < 1). */
int pdec_int_digits(const pdec *d);

#endif
