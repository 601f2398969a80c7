/*
 * buf.c - growable byte buffer and the allocation wrappers used everywhere.
 */
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(size_t n)
{
    fprintf(stderr, "warden: out of memory allocating %zu bytes\n", n);
    abort();
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) out_of_memory(n);
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) out_of_memory(n * size);
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) out_of_memory(n);
    return q;
}

char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

void buf_init(buf *b) { b->data = NULL, b->len = 0, b->cap = 0; }

void buf_free(buf *b)
{
    free(b->data);
    buf_init(b);
}

void buf_reset(buf *b) { b->len = 0; }

void buf_reserve(buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap) return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1) cap *= 2;
    b->data = xrealloc(b->data, cap);
    b->cap = cap;
}

void buf_put(buf *b, const void *p, size_t n)
{
    if (!n) return;
    buf_reserve(b, n);
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

void buf_putc_grow(buf *b, uint8_t c)
{
    buf_reserve(b, 1);
    b->data[b->len++] = c;
}

void buf_puts(buf *b, const char *s) { buf_put(b, s, strlen(s)); }

void buf_put_doubled(buf *b, const char *s, char quote)
{
    for (const char *p = s; *p; p++) {
        if (*p == quote) buf_putc(b, (uint8_t)quote);
        buf_putc(b, (uint8_t)*p);
    }
}

void buf_put_quoted(buf *b, const char *s, char quote)
{
    buf_putc(b, (uint8_t)quote);
    buf_put_doubled(b, s, quote);
    buf_putc(b, (uint8_t)quote);
}

void buf_printf(buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0) return;
    buf_reserve(b, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf((char *)b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

const char *buf_cstr(buf *b)
{
    buf_reserve(b, 1);
    b->data[b->len] = 0;
    return (const char *)b->data;
}

void buf_put_utf8(buf *b, uint32_t cp)
{
    if (cp < 0x80) {
        buf_putc(b, (uint8_t)cp);
    } else if (cp < 0x800) {
        buf_putc(b, (uint8_t)(0xC0 | cp >> 6));
        buf_putc(b, (uint8_t)(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        buf_putc(b, (uint8_t)(0xE0 | cp >> 12));
        buf_putc(b, (uint8_t)(0x80 | (cp >> 6 & 0x3F)));
        buf_putc(b, (uint8_t)(0x80 | (cp & 0x3F)));
    } else {
        buf_putc(b, (uint8_t)(0xF0 | cp >> 18));
        buf_putc(b, (uint8_t)(0x80 | (cp >> 12 & 0x3F)));
        buf_putc(b, (uint8_t)(0x80 | (cp >> 6 & 0x3F)));
        buf_putc(b, (uint8_t)(0x80 | (cp & 0x3F)));
    }
}
