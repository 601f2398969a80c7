/*
 * interval.c - INTERVAL YEAR TO MONTH / DAY TO SECOND wire bytes and storage
 * text.  On the wire each field is biased so that bytes sort: years, days and
 * nanoseconds as 32-bit big-endian + 2^31, months, hours, minutes and seconds
 * as one byte + 60; a negative interval has every field negative.
 */
#include "interval.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BIG_BIAS 0x80000000u
#define SMALL_BIAS 60
#define MAX_LEADING 999999999LL /* years or days */
#define NANOS_PER_SECOND 1000000000

void ointerval_normalize(ointerval *iv)
{
    iv->seconds += iv->nanos / NANOS_PER_SECOND;
    iv->nanos %= NANOS_PER_SECOND;
    if (iv->seconds > 0 && iv->nanos < 0) iv->seconds--, iv->nanos += NANOS_PER_SECOND;
    if (iv->seconds < 0 && iv->nanos > 0) iv->seconds++, iv->nanos -= NANOS_PER_SECOND;
}

static void put_big(uint8_t *p, int64_t v)
{
    uint32_t u = (uint32_t)(v + (int64_t)BIG_BIAS);
    p[0] = (uint8_t)(u >> 24), p[1] = (uint8_t)(u >> 16), p[2] = (uint8_t)(u >> 8), p[3] = (uint8_t)u;
}

static int64_t get_big(const uint8_t *p)
{
    uint32_t u = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
    return (int64_t)u - (int64_t)BIG_BIAS;
}

int ointerval_encode(const ointerval *iv, uint8_t *out)
{
    if (iv->ym) {
        int64_t years = iv->months / 12;
        if (llabs(years) > MAX_LEADING) return -1;
        put_big(out, years);
        out[4] = (uint8_t)(iv->months % 12 + SMALL_BIAS);
        return OINTERVAL_YM_LEN;
    }
    int64_t days = iv->seconds / 86400, rest = iv->seconds % 86400;
    if (llabs(days) > MAX_LEADING) return -1;
    put_big(out, days);
    out[4] = (uint8_t)(rest / 3600 + SMALL_BIAS);
    out[5] = (uint8_t)(rest / 60 % 60 + SMALL_BIAS);
    out[6] = (uint8_t)(rest % 60 + SMALL_BIAS);
    put_big(out + 7, iv->nanos);
    return OINTERVAL_DS_LEN;
}

int ointerval_decode(const uint8_t *in, size_t len, ointerval *iv)
{
    ointerval v = {0};
    if (len == OINTERVAL_YM_LEN) {
        int64_t years = get_big(in);
        int months = in[4] - SMALL_BIAS;
        if (llabs(years) > MAX_LEADING || months < -11 || months > 11) return -1;
        v.ym = 1, v.months = years * 12 + months;
    } else if (len == OINTERVAL_DS_LEN) {
        int64_t days = get_big(in), nanos = get_big(in + 7);
        int h = in[4] - SMALL_BIAS, m = in[5] - SMALL_BIAS, s = in[6] - SMALL_BIAS;
        if (llabs(days) > MAX_LEADING || abs(h) > 23 || abs(m) > 59 || abs(s) > 59 ||
            llabs(nanos) >= NANOS_PER_SECOND)
            return -1;
        v.seconds = days * 86400 + h * 3600 + m * 60 + s;
        v.nanos = (int32_t)nanos;
        ointerval_normalize(&v);
    } else
        return -1;
    *iv = v;
    return 0;
}

int ointerval_format(const ointerval *iv, int lead_digits, int frac_digits, char *out,
                     size_t size)
{
    int neg = iv->ym ? iv->months < 0 : (iv->seconds < 0 || iv->nanos < 0);
    char sign = neg ? '-' : '+';
    int lead = lead_digits < 1 ? 1 : lead_digits > 9 ? 9 : lead_digits;
    if (iv->ym) {
        long long m = llabs(iv->months);
        return snprintf(out, size, "%c%0*lld-%02lld", sign, lead, m / 12, m % 12);
    }
    long long s = llabs(iv->seconds);
    int n = snprintf(out, size, "%c%0*lld %02lld:%02lld:%02lld", sign, lead, s / 86400,
                     s / 3600 % 24, s / 60 % 60, s % 60);
    if (frac_digits <= 0 || frac_digits > 9 || n < 0 || (size_t)n >= size) return n;
    char frac[16];
    snprintf(frac, sizeof frac, "%09d", abs(iv->nanos));
    return n + snprintf(out + n, size - (size_t)n, ".%.*s", frac_digits, frac);
}

/* Digits at *P (at most MAX) into *V; -1 if none. */
static int digits(const char **p, int max, long long *v)
{
    int n = 0;
    *v = 0;
    while (n < max && **p >= '0' && **p <= '9')
        *v = *v * 10 + (*(*p)++ - '0'), n++;
    return n ? 0 : -1;
}

/* "HH:MI:SS[.F]" after the days, into seconds and nanos (unsigned). */
static int parse_time(const char **p, long long *secs, long long *nanos)
{
    long long h, m, s, f = 0;
    if (digits(p, 2, &h) < 0 || *(*p)++ != ':' || digits(p, 2, &m) < 0 || *(*p)++ != ':' ||
        digits(p, 2, &s) < 0)
        return -1;
    if (**p == '.') {
        const char *start = ++*p;
        if (digits(p, 9, &f) < 0) return -1;
        for (long n = *p - start; n < 9; n++)
            f *= 10;
    }
    if (h > 23 || m > 59 || s > 59) return -1;
    *secs = h * 3600 + m * 60 + s, *nanos = f;
    return 0;
}

int ointerval_parse(const char *text, ointerval *iv)
{
    ointerval v = {0};
    const char *p = text;
    long long lead, second, secs = 0, nanos = 0;
    while (*p == ' ')
        p++;
    int sign = *p == '-' ? -1 : 1;
    if (*p == '+' || *p == '-') p++;
    if (digits(&p, 9, &lead) < 0) return -1;
    if (*p == '-') {
        p++;
        if (digits(&p, 2, &second) < 0 || second > 11) return -1;
        v.ym = 1, v.months = sign * (lead * 12 + second);
    } else {
        if (*p++ != ' ' || parse_time(&p, &secs, &nanos) < 0) return -1;
        v.seconds = sign * (lead * 86400 + secs), v.nanos = (int32_t)(sign * nanos);
    }
    while (*p == ' ')
        p++;
    if (*p) return -1;
    *iv = v;
    return 0;
}
