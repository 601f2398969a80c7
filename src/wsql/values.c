/*
 * values.c - NUMBER, DATE and TIMESTAMP [WITH TIME ZONE] display text as SQL*Plus prints it.
 *
 * Numbers are handled as decimal digit strings (never as doubles), so a
 * 40-digit NUMBER rounds exactly: a value is NEG, DIGITS (significant digits,
 * no leading or trailing zeros) and EXP with value = 0.DIGITS x 10^EXP.
 */
#include "wsql/values.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/calendar.h"

typedef struct decimal {
    int neg;
    buf digits; /* empty = zero */
    int exp;
} decimal;

static int dec_is_zero(const decimal *d)
{
    return d->digits.len == 0;
}
static char dec_digit(const decimal *d, size_t i)
{
    return i < d->digits.len ? (char)d->digits.data[i] : '0';
}

static void dec_strip_trailing_zeros(decimal *d)
{
    while (d->digits.len > 0 && d->digits.data[d->digits.len - 1] == '0')
        d->digits.len--;
    if (d->digits.len == 0) d->neg = 0, d->exp = 0;
}

/* Parse "-12.5", ".5", "1e10", "1.5E-07"; -1 when TEXT is not a number. */
static int dec_parse(const char *text, decimal *d)
{
    const char *p = text;
    int point_seen = 0, any_digit = 0, int_digits = 0, leading_zeros = 0;
    buf_init(&d->digits);
    d->neg = 0;
    while (*p == ' ')
        p++;
    if (*p == '-' || *p == '+') d->neg = *p++ == '-';
    for (; isdigit((unsigned char)*p) || (*p == '.' && !point_seen); p++) {
        if (*p == '.') {
            point_seen = 1;
            continue;
        }
        any_digit = 1;
        if (d->digits.len == 0 && *p == '0') {
            if (point_seen) leading_zeros++;
            continue;
        }
        buf_putc(&d->digits, (uint8_t)*p);
        if (!point_seen) int_digits++;
    }
    d->exp = int_digits > 0 ? int_digits : -leading_zeros;
    if (*p == 'e' || *p == 'E') d->exp += (int)strtol(p + 1, (char **)&p, 10);
    while (*p == ' ')
        p++;
    if (!any_digit || *p) {
        buf_free(&d->digits);
        return -1;
    }
    dec_strip_trailing_zeros(d);
    return 0;
}

/* Keep KEEP significant digits, rounding half away from zero. */
static void dec_round(decimal *d, int keep)
{
    if (keep < 0) {
        d->digits.len = 0;
    } else if ((size_t)keep < d->digits.len) {
        int up = d->digits.data[keep] >= '5';
        d->digits.len = (size_t)keep;
        for (int i = keep - 1; up && i >= 0; i--) {
            if (d->digits.data[i] == '9') {
                d->digits.data[i] = '0';
            } else {
                d->digits.data[i]++;
                up = 0;
            }
        }
        if (up) { /* 999 -> 1000: one more leading digit */
            buf_reset(&d->digits);
            buf_putc(&d->digits, '1');
            d->exp++;
        }
    }
    dec_strip_trailing_zeros(d);
}

/* Round to FRAC digits after the decimal point. */
static void dec_round_fraction(decimal *d, int frac)
{
    dec_round(d, d->exp + frac);
}

/* Integer part digits ("" when below 1). */
static void dec_int_part(const decimal *d, buf *out)
{
    for (int i = 0; i < d->exp; i++)
        buf_putc(out, (uint8_t)dec_digit(d, (size_t)i));
}

/* Fraction digits, exactly FRAC of them (or all significant ones when FRAC < 0). */
static void dec_frac_part(const decimal *d, int frac, buf *out)
{
    int total = frac >= 0 ? frac : (int)d->digits.len - d->exp;
    for (int k = 0; k < total; k++) {
        int idx = d->exp + k; /* position in DIGITS of fraction digit k */
        buf_putc(out, idx < 0 ? '0' : (uint8_t)dec_digit(d, (size_t)idx));
    }
}

/* Plain notation without trailing zeros: "12.5", ".5", "-.05", "0". */
static void dec_fixed_text(const decimal *d, buf *out)
{
    if (dec_is_zero(d)) {
        buf_putc(out, '0');
        return;
    }
    if (d->neg) buf_putc(out, '-');
    dec_int_part(d, out);
    if ((int)d->digits.len > d->exp) {
        buf_putc(out, '.');
        dec_frac_part(d, -1, out);
    }
}

static void put_hashes(buf *out, int width)
{
    for (int i = 0; i < width; i++)
        buf_putc(out, '#');
}

static int exponent_width(int x)
{
    return x <= -100 || x >= 100 ? 5 : 4;
} /* "E+nn" / "E+nnn" */

/* Scientific notation in WIDTH characters: "1.2346E+10", "-1.235E-07". */
static void dec_sci_text(decimal *d, int width, buf *out)
{
    int x = d->exp - 1, avail = 0;
    for (int pass = 0; pass < 2; pass++) { /* rounding may carry into a wider exponent */
        avail = width - d->neg - exponent_width(x);
        if (avail < 1) break;
        dec_round(d, avail >= 3 ? avail - 1 : 1);
        x = d->exp - 1;
    }
    avail = width - d->neg - exponent_width(x);
    if (avail < 1) {
        put_hashes(out, width);
        return;
    }
    int sig = avail >= 3 ? avail - 1 : 1;
    if (d->neg) buf_putc(out, '-');
    buf_putc(out, (uint8_t)dec_digit(d, 0));
    if (sig > 1) {
        buf_putc(out, '.');
        for (int i = 1; i < sig; i++)
            buf_putc(out, (uint8_t)dec_digit(d, (size_t)i));
    }
    buf_printf(out, "E%c%02d", x < 0 ? '-' : '+', abs(x));
}

/* Fixed notation rounded to fit WIDTH, or -1 when SQL*Plus would switch to E notation. */
static int dec_fit_fixed(decimal *d, int width, buf *out)
{
    int frac;
    if (d->exp > 0) {
        int int_len = d->exp + d->neg;
        if (int_len > width) return -1;
        frac = width - int_len - 1;
    } else {
        frac = width - d->neg - 1;
        int fixed_sig = frac + d->exp;
        int sci_sig = width - d->neg - 1 - exponent_width(d->exp - 1);
        if (fixed_sig <= 0 || fixed_sig < sci_sig) return -1;
    }
    dec_round_fraction(d, frac > 0 ? frac : 0);
    size_t start = out->len;
    dec_fixed_text(d, out);
    if ((int)(out->len - start) <= width) return 0;
    out->len = start;
    return -1;
}

void number_display(buf *out, const char *text, int width)
{
    decimal d;
    if (dec_parse(text, &d) < 0) {
        buf_puts(out, text);
        return;
    }
    size_t start = out->len;
    dec_fixed_text(&d, out);
    if ((int)(out->len - start) > width) {
        out->len = start;
        if (dec_fit_fixed(&d, width, out) < 0) dec_sci_text(&d, width, out);
    }
    buf_free(&d.digits);
}

/* ---- FORMAT masks ---- */

static int mask_char(char c)
{
    return c == '9' || c == '0' || c == ',' || c == 'G' || c == '.' || c == 'D';
}

int num_mask_parse(const char *mask, num_mask *m)
{
    const char *p = mask, *end = mask + strlen(mask);
    memset(m, 0, sizeof *m);
    m->text = mask;
    m->first_zero = -1;
    if (toupper((unsigned char)*p) == 'B') m->blank_zero = 1, p++;
    if (toupper((unsigned char)*p) == 'S') m->sign_lead = 1, p++;
    if (*p == '$') m->dollar = 1, p++;
    if (end - p >= 2 && strncasecmp(end - 2, "MI", 2) == 0)
        m->sign_trail = SIGN_TRAIL_MI, end -= 2;
    else if (!m->sign_lead && end > p && toupper((unsigned char)end[-1]) == 'S')
        m->sign_trail = SIGN_TRAIL_S, end--;
    int point = 0, body = 0;
    for (; p < end; p++, body++) {
        char c = (char)toupper((unsigned char)*p);
        if (!mask_char(c) || ((c == '.' || c == 'D') && point++)) return -1;
        if (c != '9' && c != '0') continue;
        if (point) {
            m->frac_digits++;
        } else {
            if (c == '0' && m->first_zero < 0) m->first_zero = m->int_digits;
            m->int_digits++;
        }
    }
    if (m->int_digits + m->frac_digits == 0) return -1;
    m->width = body + 1 + m->dollar;
    return 0;
}

/* The mask's digit and separator positions filled from the integer digits INTS. */
static void mask_body(const num_mask *m, const char *ints, size_t nints, const char *fracs,
                      buf *out)
{
    int pos = 0, printed = 0;
    size_t fi = 0;
    int point = 0;
    for (const char *p = m->text; *p; p++) {
        char c = (char)toupper((unsigned char)*p);
        if (!mask_char(c)) continue;
        if (c == '.' || c == 'D') {
            point = 1;
            buf_putc(out, '.');
        } else if (c == ',' || c == 'G') {
            buf_putc(out, point || printed ? ',' : ' ');
        } else if (point) {
            buf_putc(out, (uint8_t)fracs[fi++]);
        } else {
            int j = pos - (m->int_digits - (int)nints);
            int zero_here = m->first_zero >= 0 && pos >= m->first_zero;
            if (j >= 0)
                buf_putc(out, (uint8_t)ints[j]), printed = 1;
            else if (zero_here)
                buf_putc(out, '0'), printed = 1;
            else
                buf_putc(out, ' ');
            pos++;
        }
    }
}

void number_mask_display(buf *out, const char *text, const num_mask *m)
{
    decimal d;
    if (dec_parse(text, &d) < 0) {
        buf_puts(out, text);
        return;
    }
    dec_round_fraction(&d, m->frac_digits);
    buf ints, fracs, body;
    buf_init(&ints), buf_init(&fracs), buf_init(&body);
    dec_int_part(&d, &ints);
    dec_frac_part(&d, m->frac_digits, &fracs);
    if ((int)ints.len > m->int_digits) {
        put_hashes(out, m->width);
    } else if (m->blank_zero && dec_is_zero(&d)) {
        for (int i = 0; i < m->width; i++)
            buf_putc(out, ' ');
    } else {
        if (ints.len == 0 && m->first_zero < 0 && m->frac_digits == 0) buf_putc(&ints, '0');
        mask_body(m, (const char *)ints.data, ints.len, buf_cstr(&fracs), &body);
        const char *b = buf_cstr(&body);
        size_t lead = strspn(b, " ");
        char sign = d.neg ? '-' : m->sign_lead ? '+' : ' ';
        buf_put(out, b, lead);
        if (!m->sign_trail) buf_putc(out, (uint8_t)sign);
        if (m->dollar) buf_putc(out, '$');
        buf_puts(out, b + lead);
        if (m->sign_trail) buf_putc(out, d.neg ? '-' : m->sign_trail == SIGN_TRAIL_S ? '+' : ' ');
    }
    buf_free(&ints), buf_free(&fracs), buf_free(&body), buf_free(&d.digits);
}

/* ---- dates ---- */

typedef struct civil_time {
    int year, month, day, hour, minute, second;
    const char *frac; /* digits after the '.', or "" */
} civil_time;

static int parse_storage_time(const char *text, civil_time *t)
{
    int n = 0;
    t->hour = t->minute = t->second = 0;
    t->frac = "";
    if (sscanf(text, "%d-%d-%d%n", &t->year, &t->month, &t->day, &n) != 3) return -1;
    const char *p = text + n;
    if (*p == ' ' || *p == 'T') {
        if (sscanf(p + 1, "%d:%d:%d%n", &t->hour, &t->minute, &t->second, &n) != 3) return -1;
        p += 1 + n;
        if (*p == '.') t->frac = ++p;
    }
    if (t->month < 1 || t->month > 12) return -1;
    return 0;
}

static void put_dd_mon_rr(buf *out, const civil_time *t)
{
    buf_printf(out, "%02d-%.3s-%02d", t->day, cal_month_names[t->month - 1], abs(t->year) % 100);
}

void date_display(buf *out, const char *text)
{
    civil_time t;
    if (parse_storage_time(text, &t) < 0) {
        buf_puts(out, text);
        return;
    }
    put_dd_mon_rr(out, &t);
}

void timestamp_display(buf *out, const char *text, int frac_digits)
{
    civil_time t;
    if (parse_storage_time(text, &t) < 0) {
        buf_puts(out, text);
        return;
    }
    if (frac_digits < 0 || frac_digits > 9) frac_digits = 6;
    int hour12 = t.hour % 12 == 0 ? 12 : t.hour % 12;
    put_dd_mon_rr(out, &t);
    buf_printf(out, " %02d.%02d.%02d", hour12, t.minute, t.second);
    if (frac_digits > 0) {
        size_t have = strspn(t.frac, "0123456789");
        buf_putc(out, '.');
        for (int i = 0; i < frac_digits; i++)
            buf_putc(out, (size_t)i < have ? (uint8_t)t.frac[i] : '0');
    }
    buf_puts(out, t.hour < 12 ? " AM" : " PM");
    const char *zone = strlen(text) > 19 ? strchr(text + 19, ' ') : NULL; /* " +hh:mm" */
    if (zone) buf_puts(out, zone);
}

void elapsed_display(buf *out, double seconds)
{
    long cs = (long)(seconds * 100.0 + 0.5);
    buf_printf(out, "%02ld:%02ld:%02ld.%02ld", cs / 360000, cs / 6000 % 60, cs / 100 % 60,
               cs % 100);
}
