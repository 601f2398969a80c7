/*
 * hex.c - hexadecimal text for RAW bytes (see hex.h).
 */
#include "hex.h"

static const char digits[] = "0123456789ABCDEF";

void hex_encode(const uint8_t *in, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[in[i] >> 4];
        out[2 * i + 1] = digits[in[i] & 0x0F];
    }
}

void hex_put(buf *b, const void *in, size_t n)
{
    buf_reserve(b, 2 * n);
    hex_encode(in, n, (char *)b->data + b->len);
    b->len += 2 * n;
}

static int digit_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

long hex_decode(const char *text, size_t len, uint8_t *out)
{
    size_t n = 0, i = 0;
    int hi = len % 2 ? 0 : -1; /* an odd count: the first byte's high digit is 0 */
    for (; i < len; i++) {
        int d = digit_value(text[i]);
        if (d < 0) return -1;
        if (hi < 0) {
            hi = d;
        } else {
            out[n++] = (uint8_t)(hi << 4 | d);
            hi = -1;
        }
    }
    return (long)n;
}
