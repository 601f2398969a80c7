/*
 * buf.h - a growable byte buffer for building messages and texts.
 *
 * Allocation failure is fatal (the process ends with a message): a dedicated
 * server that cannot allocate a few kilobytes cannot serve its client anyway,
 * and PMON cleans up after it like after any other death.
 */
#ifndef WARDEN_BUF_H
#define WARDEN_BUF_H

#include <stddef.h>
#include <stdint.h>

typedef struct buf {
    uint8_t *data;
    size_t len;
    size_t cap;
} buf;

void buf_init(buf *b);
void buf_free(buf *b);
void buf_reset(buf *b);                 /* len = 0, keeps the memory */
void buf_reserve(buf *b, size_t extra); /* room for EXTRA more bytes */
void buf_put(buf *b, const void *p, size_t n);
void buf_putc_grow(buf *b, uint8_t c); /* buf_putc when the buffer is full */
static inline void buf_putc(buf *b, uint8_t c)
{
    if (b->len + 2 <= b->cap) b->data[b->len++] = c; /* room for C and a NUL after it */
    else buf_putc_grow(b, c);
}
void buf_puts(buf *b, const char *s); /* without the NUL */
/* S with each QUOTE doubled, as inside an SQL literal ('...') or identifier ("..."). */
void buf_put_doubled(buf *b, const char *s, char quote);
/* S between QUOTEs, each QUOTE in it doubled: an SQL literal ('it''s') or identifier ("S.T"). */
void buf_put_quoted(buf *b, const char *s, char quote);
/* Code point CP as its UTF-8 bytes. */
void buf_put_utf8(buf *b, uint32_t cp);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *buf_cstr(buf *b); /* NUL-terminates (not counted in len) and returns data */

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
