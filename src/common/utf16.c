/*
 * utf16.c - UTF-16BE <-> UTF-8 (see utf16.h).  Characters beyond the basic
 * plane travel as surrogate pairs in UTF-16 and as 4 bytes in UTF-8.
 */
#include "utf16.h"

int utf16be_to_utf8(const uint8_t *in, size_t n, buf *out)
{
    if (n % 2) return -1;
    for (size_t i = 0; i < n; i += 2) {
        uint32_t c = (uint32_t)in[i] << 8 | in[i + 1];
        if (c >= 0xDC00 && c <= 0xDFFF) return -1;
        if (c >= 0xD800 && c <= 0xDBFF) {
            if (i + 3 >= n) return -1;
            uint32_t low = (uint32_t)in[i + 2] << 8 | in[i + 3];
            if (low < 0xDC00 || low > 0xDFFF) return -1;
            c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
            i += 2;
        }
        buf_put_utf8(out, c);
    }
    return 0;
}

static void put_unit(buf *out, uint32_t u)
{
    buf_putc(out, (char)(u >> 8));
    buf_putc(out, (char)(u & 0xFF));
}

/* The code point at S (N bytes left) and its length in *LEN; -1 when it is no UTF-8. */
static int32_t next_code_point(const uint8_t *s, size_t n, int *len)
{
    static const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
    int k = s[0] < 0x80 ? 1 : (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3
            : (s[0] & 0xF8) == 0xF0 ? 4 : 0;
    if (!k || (size_t)k > n) return -1;
    uint32_t c = k == 1 ? s[0] : s[0] & (0x7F >> k);
    for (int i = 1; i < k; i++) {
        if ((s[i] & 0xC0) != 0x80) return -1;
        c = c << 6 | (s[i] & 0x3F);
    }
    if (c < min[k] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return -1;
    *len = k;
    return (int32_t)c;
}

int utf8_to_utf16be(const char *s, size_t n, buf *out)
{
    const uint8_t *p = (const uint8_t *)s;
    for (size_t i = 0; i < n;) {
        int len;
        int32_t c = next_code_point(p + i, n - i, &len);
        if (c < 0) return -1;
        if (c < 0x10000) {
            put_unit(out, (uint32_t)c);
        } else {
            uint32_t v = (uint32_t)c - 0x10000;
            put_unit(out, 0xD800 + (v >> 10));
            put_unit(out, 0xDC00 + (v & 0x3FF));
        }
        i += (size_t)len;
    }
    return 0;
}
