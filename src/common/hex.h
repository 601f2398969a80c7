/*
 * hex.h - bytes as hexadecimal text and back, as Oracle converts RAW values
 * (RAWTOHEX, HEXTORAW and the implicit conversions between RAW and text).
 *
 * One place for the digits: the RAW and LONG RAW values on the wire, the SQL
 * functions, wsql's display of RAW columns and O5LOGON's hex fields.
 */
#ifndef WARDEN_HEX_H
#define WARDEN_HEX_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* The 2N upper-case digits of IN[0..N) into OUT (no NUL). */
void hex_encode(const uint8_t *in, size_t n, char *out);
/* ... appended to B (not NUL-terminated). */
void hex_put(buf *b, const void *in, size_t n);
/*
 * The bytes of LEN hex digits (either case) into OUT, which has room for
 * (LEN + 1) / 2 bytes: an odd count is read with a leading 0, as Oracle's
 * HEXTORAW('D') is 0D.  Returns the byte count, or -1 for a character that
 * is no hex digit (Oracle's ORA-01465).
 */
long hex_decode(const char *text, size_t len, uint8_t *out);

#endif
