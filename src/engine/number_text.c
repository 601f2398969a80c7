/*
 * decimal_text.c - the ORA_NUMBER collation: decimal texts compared as the
 * numbers they spell.
 *
 * A NUMBER column keeps its values as exact decimal text (SQLite's TEXT
 * affinity: "12345678901234567890123.5", "-0.1", "1.0e+20" as SQLite writes
 * a double), and declares this collation, so that SQLite's own comparisons,
 * indexes, ORDER BY, MIN/MAX, GROUP BY and DISTINCT order them as numbers
 * (docs/design.md "Exact NUMBER").  A value compared with the column takes
 * its TEXT affinity first, so 5, :bind and 5.0 compare as the numbers they
 * are.  A text that spells no number sorts after every number, by its bytes.
 *
 * No conversion and no allocation: each text is read once into its sign, its
 * decimal exponent and where its significant digits are, and the digits are
 * compared in place.
 */
#include <string.h>

#include "ora_functions_int.h"

/* A decimal text read: +-0.d1d2...dn x 10^exp, the digits between P and END (a '.' among them
 * is skipped). */
typedef struct decimal_text {
    int neg, zero;
    long exp;
    const char *p, *end;
} decimal_text;

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Read the N bytes at S: 0, or -1 when they spell no number. */
static int read_number_text(const char *s, int n, decimal_text *t)
{
    const char *end = s + n, *q;
    long exp = 0, e = 0;
    int esign = 1, seen_point = 0, digits = 0;
    while (s < end && *s == ' ') s++;
    while (end > s && end[-1] == ' ') end--;
    t->neg = s < end && *s == '-';
    if (s < end && (*s == '-' || *s == '+')) s++;
    /* the mantissa: leading zeros skipped, the point's place noted */
    for (; s < end && (*s == '0' || *s == '.'); s++) {
        if (*s == '.') {
            if (seen_point++) return -1;
        } else {
            digits++;
            if (seen_point) exp--;
        }
    }
    t->p = s;
    for (q = s; q < end && (is_digit(*q) || *q == '.'); q++) {
        if (*q == '.') {
            if (seen_point++) return -1;
            continue;
        }
        digits++;
        if (!seen_point) exp++;
    }
    if (!digits) return -1;
    t->end = q;
    if (q < end && (*q == 'e' || *q == 'E')) {
        q++;
        if (q < end && (*q == '-' || *q == '+')) esign = *q++ == '-' ? -1 : 1;
        if (q == end || !is_digit(*q)) return -1;
        for (; q < end && is_digit(*q); q++)
            if (e < 100000) e = e * 10 + (*q - '0');
    }
    if (q != end) return -1;
    /* trailing zeros of the digits count for nothing */
    while (t->end > t->p && (t->end[-1] == '0' || t->end[-1] == '.')) t->end--;
    t->zero = t->end == t->p;
    t->exp = exp + esign * e;
    return 0;
}

/* |A| against |B|, both not zero. */
static int compare_magnitudes(const decimal_text *a, const decimal_text *b)
{
    if (a->exp != b->exp) return a->exp < b->exp ? -1 : 1;
    const char *x = a->p, *y = b->p;
    for (;;) {
        while (x < a->end && *x == '.') x++;
        while (y < b->end && *y == '.') y++;
        if (x == a->end || y == b->end) return (x != a->end) - (y != b->end);
        if (*x != *y) return *x < *y ? -1 : 1;
        x++, y++;
    }
}

/* A against B as numbers (each known to be one). */
static int compare_numbers(const decimal_text *a, const decimal_text *b)
{
    int sa = a->zero ? 0 : a->neg ? -1 : 1, sb = b->zero ? 0 : b->neg ? -1 : 1;
    if (sa != sb || sa == 0) return (sa > sb) - (sa < sb);
    return sa * compare_magnitudes(a, b);
}

int number_text_collate(void *arg, int na, const void *a, int nb, const void *b)
{
    decimal_text x, y;
    (void)arg;
    int xa = read_number_text(a, na, &x) == 0, yb = read_number_text(b, nb, &y) == 0;
    if (xa && yb) return compare_numbers(&x, &y);
    if (xa != yb) return xa ? -1 : 1; /* numbers first */
    int r = memcmp(a, b, (size_t)(na < nb ? na : nb));
    return r ? r : na - nb;
}
