/*
 * utf16.h - UTF-16 (big-endian, as Oracle's national character set
 * AL16UTF16 travels) to and from UTF-8, Warden's text.  NCHAR / NVARCHAR2
 * binds that a driver sends in the national character set (csfrm 2) come
 * in as UTF-16 and their OUT values go back so.
 */
#ifndef WARDEN_UTF16_H
#define WARDEN_UTF16_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* N bytes of UTF-16BE at IN as UTF-8 appended to OUT: 0, or -1 for an odd length or a lone
 * surrogate (OUT then holds what came before it). */
int utf16be_to_utf8(const uint8_t *in, size_t n, buf *out);

/* N bytes of UTF-8 at S as UTF-16BE appended to OUT: 0, or -1 for bytes that are no UTF-8. */
int utf8_to_utf16be(const char *s, size_t n, buf *out);

#endif
