/*
 * ora_number_format.c - Oracle's number format models for TO_CHAR of a
 * number: digits 9 and 0, group separators ',' and G, the decimal point '.'
 * and D (G and D are the session's NLS_NUMERIC_CHARACTERS), '$', a leading or
 * trailing S, a trailing MI and FM.  The sign and the currency symbol float
 * next to the first digit; a number too wide for the format prints as '#'s,
 * as in Oracle.  The hexadecimal formats [FM][0...]X... (x... for lower case
 * digits) are read by TO_NUMBER too.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ora_functions_int.h"

#define NUM_FMT_FRAC_MAX 60 /* decimals a number format may ask for */

typedef struct num_fmt {
    int fill_mode;                          /* FM */
    int dollar;                             /* $ */
    int sign_lead, sign_trail, minus_trail; /* S...  ...S  ...MI */
    char int_part[64];                      /* the 9, 0, ',' and G of the integer part */
    int frac_digits;                        /* 9 or 0 after the decimal point */
    int frac_zeros;                         /* 0s after the decimal point (always printed) */
    int has_point;
    char point;                             /* '.' or D */
} num_fmt;

static int is_group(char c)
{
    return c == ',' || c == 'G';
}

static int parse_num_fmt(const char *f, num_fmt *nf)
{
    memset(nf, 0, sizeof *nf);
    size_t ni = 0;
    if (!strncasecmp(f, "FM", 2)) nf->fill_mode = 1, f += 2;
    if (*f == 'S' || *f == 's') nf->sign_lead = 1, f++;
    for (; *f; f++) {
        int c = toupper((unsigned char)*f);
        if (c == '$')
            nf->dollar = 1;
        else if ((c == '9' || c == '0' || c == ',' || c == 'G') && !nf->has_point &&
                 ni < sizeof nf->int_part - 1)
            nf->int_part[ni++] = (char)c;
        else if ((c == '.' || c == 'D') && !nf->has_point)
            nf->has_point = 1, nf->point = (char)c;
        else if ((c == '9' || c == '0') && nf->has_point && nf->frac_digits < NUM_FMT_FRAC_MAX)
            nf->frac_digits++, nf->frac_zeros += c == '0';
        else if (c == 'S' && !f[1])
            nf->sign_trail = 1;
        else if (c == 'M' && toupper((unsigned char)f[1]) == 'I' && !f[2])
            nf->minus_trail = 1, f++;
        else
            return -1;
    }
    return 0;
}

/* The integer digits IP placed into the format's integer slots: digits, forced zeros and
 * group separators (G as GROUP) after the first of them.  *BLANKS gets the unused positions
 * before it. */
static void place_integer_digits(const num_fmt *nf, const char *ip, char group, buf *out,
                                 int *blanks)
{
    int slots = 0, first_zero = -1, n = (int)strlen(nf->int_part), nip = (int)strlen(ip);
    for (int i = 0; i < n; i++) {
        if (is_group(nf->int_part[i])) continue;
        if (nf->int_part[i] == '0' && first_zero < 0) first_zero = slots;
        slots++;
    }
    int slot = 0, started = 0;
    *blanks = 0;
    for (int i = 0; i < n; i++) {
        if (is_group(nf->int_part[i])) {
            if (started)
                buf_putc(out, (uint8_t)(nf->int_part[i] == 'G' ? group : ','));
            else
                (*blanks)++;
            continue;
        }
        int digit_at = slot - (slots - nip);
        int zero_pad = first_zero >= 0 && slot >= first_zero;
        int last_unit = slot == slots - 1 && !nf->has_point && !nip; /* 0 prints as "0" */
        if (digit_at >= 0)
            buf_putc(out, (uint8_t)ip[digit_at]), started = 1;
        else if (zero_pad || last_unit)
            buf_putc(out, '0'), started = 1;
        else
            (*blanks)++;
        slot++;
    }
}

/* D in format F (9, 0, ',', '.', D, G, $, S, MI, FM; D and G as DECIMAL and GROUP); -1 for a
 * bad format.  The sign and the currency symbol float next to the first digit; unused positions
 * are blanks (none in FM). */
int format_number(double d, const char *f, char decimal, char group, buf *out)
{
    num_fmt nf;
    if (parse_num_fmt(f, &nf) < 0) return -1;
    int neg = d < 0, slots = 0;
    char digits[320 + NUM_FMT_FRAC_MAX]; /* the largest double has 309 integer digits */
    snprintf(digits, sizeof digits, "%.*f", nf.frac_digits,
             fabs(round_places(d, nf.frac_digits, 0)));
    char *point = strchr(digits, '.');
    const char *frac = point ? point + 1 : "";
    if (point) *point = 0;
    const char *ip = strcmp(digits, "0") == 0 ? "" : digits;
    for (const char *p = nf.int_part; *p; p++)
        slots += !is_group(*p);
    if ((int)strlen(ip) > slots) {
        int width = (int)strlen(nf.int_part) + nf.has_point + nf.frac_digits + 1 + nf.dollar;
        for (int i = 0; i < width; i++)
            buf_putc(out, '#');
        return 0;
    }
    buf body;
    buf_init(&body);
    int blanks;
    place_integer_digits(&nf, ip, group, &body, &blanks);
    int trailing_sign = nf.sign_trail || nf.minus_trail;
    for (int i = 0; !nf.fill_mode && i < blanks; i++)
        buf_putc(out, ' ');
    if (nf.sign_lead)
        buf_putc(out, neg ? '-' : '+');
    else if (!trailing_sign && (neg || !nf.fill_mode))
        buf_putc(out, neg ? '-' : ' ');
    if (nf.dollar) buf_putc(out, '$');
    buf_put(out, body.data, body.len);
    buf_free(&body);
    if (nf.has_point) {
        int keep = nf.frac_digits;
        if (nf.fill_mode)
            while (keep > nf.frac_zeros && frac[keep - 1] == '0')
                keep--;
        buf_putc(out, (uint8_t)(nf.point == 'D' ? decimal : '.'));
        buf_put(out, frac, (size_t)keep);
    }
    if (nf.sign_trail) buf_putc(out, neg ? '-' : '+');
    if (nf.minus_trail) buf_putc(out, neg ? '-' : ' ');
    return 0;
}

/* ---- hexadecimal: [FM][0...]X... ---- */

#define HEX_DECIMALS_MAX 130 /* integer digits of the largest NUMBER, and some */

/* Is F a hexadecimal format?  Its digit positions (0s and Xs) into *DIGITS, whether it pads
 * with zeros, has FM and asks for upper case digits (X rather than x). */
static int read_hex_format(const char *f, int *digits, int *zeros, int *fill, int *upper)
{
    *digits = *zeros = *fill = 0;
    if (!strncasecmp(f, "FM", 2)) *fill = 1, f += 2;
    for (; *f == '0'; f++)
        (*digits)++, *zeros = 1;
    if (*f != 'X' && *f != 'x') return 0;
    *upper = *f == 'X';
    for (; *f == 'X' || *f == 'x'; f++)
        (*digits)++;
    return *f == 0;
}

int is_hex_format(const char *f)
{
    int digits, zeros, fill, upper;
    return read_hex_format(f, &digits, &zeros, &fill, &upper);
}

/* The hexadecimal digits of the whole number D (not negative) into OUT, most significant first:
 * its decimal digits divided by 16 over and over. */
static void hex_digits(const pdec *d, int upper, buf *out)
{
    uint8_t dec[HEX_DECIMALS_MAX];
    int n = d->exp > 0 ? (d->exp < HEX_DECIMALS_MAX ? d->exp : HEX_DECIMALS_MAX) : 0;
    char rev[HEX_DECIMALS_MAX]; /* (fewer hexadecimal digits than decimal ones) */
    int nrev = 0;
    const char *alphabet = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    for (int i = 0; i < n; i++)
        dec[i] = i < d->n ? d->d[i] : 0;
    for (int start = 0; start < n;) {
        int rem = 0;
        for (int i = start; i < n; i++) {
            int cur = rem * 10 + dec[i];
            dec[i] = (uint8_t)(cur / 16);
            rem = cur % 16;
        }
        rev[nrev++] = alphabet[rem];
        while (start < n && dec[start] == 0)
            start++;
    }
    if (nrev == 0) rev[nrev++] = '0';
    while (nrev > 0)
        buf_putc(out, (uint8_t)rev[--nrev]);
}

/* D in hexadecimal format F ([FM][0...]X..., an integer rounded to, in as many digits; a blank
 * before it unless FM; '#'s when negative or too wide): 0, or -1 when F is no such format. */
int format_hex(const pdec *value, const char *f, buf *out)
{
    int digits, zeros, fill, upper;
    if (!read_hex_format(f, &digits, &zeros, &fill, &upper)) return -1;
    pdec d = *value;
    pdec_round(&d, 0);
    buf hex;
    buf_init(&hex);
    hex_digits(&d, upper, &hex);
    if (d.neg || (int)hex.len > digits) {
        for (int i = 0; i <= digits; i++)
            buf_putc(out, '#');
    } else {
        if (!fill) buf_putc(out, ' ');
        for (int i = (int)hex.len; i < digits && (zeros || !fill); i++)
            buf_putc(out, zeros ? '0' : ' ');
        buf_put(out, hex.data, hex.len);
    }
    buf_free(&hex);
    return 0;
}

int parse_hex(const char *s, const char *f, pdec *out)
{
    int digits, zeros, fill, upper, n = 0;
    if (!read_hex_format(f, &digits, &zeros, &fill, &upper)) return -1;
    pdec sixteen, digit;
    pdec_from_int(16, &sixteen);
    pdec_from_int(0, out);
    while (*s == ' ')
        s++;
    for (; *s && *s != ' '; s++, n++) {
        const char *hexdigits = "0123456789abcdef";
        const char *at = strchr(hexdigits, tolower((unsigned char)*s));
        if (!at || !*at || n >= digits) return -1;
        pdec_from_int(at - hexdigits, &digit);
        if (pdec_mul(out, &sixteen, out) != PDEC_OK || pdec_add(out, &digit, out) != PDEC_OK)
            return -1;
    }
    while (*s == ' ')
        s++;
    return n > 0 && !*s ? 0 : -1;
}
