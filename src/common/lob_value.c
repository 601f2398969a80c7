/*
 * lob_value.c - LOB lengths, pieces, writes and trims in the units the LOB
 * calls count in (see lob_value.h).  A CLOB character outside the Basic
 * Multilingual Plane is two UTF-16 units, four bytes of UTF-8; an offset
 * that falls between its two units is taken as its start.
 */
#include "lob_value.h"

#include <string.h>

/* UTF-16 units of the UTF-8 sequence whose lead byte is C (0 for a continuation byte). */
static int units_of_lead(unsigned char c)
{
    if ((c & 0xC0) == 0x80) return 0;
    return c >= 0xF0 ? 2 : 1;
}

uint64_t lob_length(int is_blob, const char *v, size_t n)
{
    if (is_blob) return n;
    uint64_t units = 0;
    for (size_t i = 0; i < n; i++) units += (uint64_t)units_of_lead((unsigned char)v[i]);
    return units;
}

size_t lob_byte_offset(int is_blob, const char *v, size_t n, uint64_t units)
{
    if (is_blob) return units < n ? (size_t)units : n;
    uint64_t seen = 0;
    for (size_t i = 0; i < n; i++) {
        int u = units_of_lead((unsigned char)v[i]);
        if (!u) continue;
        if (seen + (uint64_t)u > units) return i;
        seen += (uint64_t)u;
    }
    return n;
}

uint64_t lob_piece(int is_blob, const char *v, size_t n, uint64_t offset, uint64_t amount,
                   size_t *start, size_t *len)
{
    uint64_t from = offset ? offset - 1 : 0;
    size_t a = lob_byte_offset(is_blob, v, n, from);
    size_t b = a + lob_byte_offset(is_blob, v + a, n - a, amount);
    *start = a;
    *len = b - a;
    return lob_length(is_blob, v + a, b - a);
}

void lob_write_at(int is_blob, buf *v, uint64_t offset, const char *data, size_t dlen)
{
    uint64_t from = offset ? offset - 1 : 0, have = lob_length(is_blob, (char *)v->data, v->len);
    for (; have < from; have++) buf_putc(v, is_blob ? 0 : ' ');
    size_t at = lob_byte_offset(is_blob, (char *)v->data, v->len, from);
    /* what the new data covers: as many units as it holds */
    uint64_t units = lob_length(is_blob, data, dlen);
    size_t end = at + lob_byte_offset(is_blob, (char *)v->data + at, v->len - at, units);
    size_t tail = v->len - end, newlen = at + dlen + tail;
    buf_reserve(v, newlen > v->len ? newlen - v->len : 0);
    memmove(v->data + at + dlen, v->data + end, tail);
    memcpy(v->data + at, data, dlen);
    v->len = newlen;
}

int lob_trim(int is_blob, buf *v, uint64_t newlen)
{
    if (lob_length(is_blob, (char *)v->data, v->len) < newlen) return -1;
    v->len = lob_byte_offset(is_blob, (char *)v->data, v->len, newlen);
    return 0;
}

void lob_utf16_to_utf8(const uint8_t *p, size_t n, buf *out)
{
    for (size_t i = 0; i + 1 < n; i += 2) {
        uint32_t c = (uint32_t)p[i] << 8 | p[i + 1];
        if (c >= 0xD800 && c < 0xDC00 && i + 3 < n) {
            uint32_t lo = (uint32_t)p[i + 2] << 8 | p[i + 3];
            if (lo >= 0xDC00 && lo < 0xE000) {
                buf_put_utf8(out, 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00));
                i += 2;
                continue;
            }
        }
        buf_put_utf8(out, c >= 0xD800 && c < 0xE000 ? 0xFFFD : c);
    }
}

static void put_unit(buf *out, uint32_t u)
{
    buf_putc(out, (uint8_t)(u >> 8));
    buf_putc(out, (uint8_t)u);
}

void lob_utf8_to_utf16(const char *s, size_t n, buf *out)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        uint32_t c = p[i];
        int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
        if (more) c &= 0x3F >> more;
        i++;
        for (; more && i < n && (p[i] & 0xC0) == 0x80; more--) c = c << 6 | (p[i++] & 0x3F);
        if (c >= 0x10000) {
            put_unit(out, 0xD800 + ((c - 0x10000) >> 10));
            put_unit(out, 0xDC00 + ((c - 0x10000) & 0x3FF));
        } else {
            put_unit(out, c);
        }
    }
}
