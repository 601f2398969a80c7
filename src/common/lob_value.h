/*
 * lob_value.h - the arithmetic of LOB values as the LOB calls see them:
 * lengths, offsets and amounts are bytes for a BLOB and UTF-16 code units
 * for a CLOB (what node-oracledb and python-oracledb count in), while a
 * CLOB's value is kept as UTF-8.  Reading a piece, writing at an offset
 * (padding a gap with blanks or zero bytes, as Oracle does) and trimming;
 * the UTF-16 an NCLOB's data travels in.
 */
#ifndef WARDEN_LOB_VALUE_H
#define WARDEN_LOB_VALUE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* Length of V (N bytes) in the LOB's units: bytes (BLOB), UTF-16 code units (CLOB). */
uint64_t lob_length(int is_blob, const char *v, size_t n);
/* The byte offset in V (N bytes) where unit UNITS (0-based) starts; N when past the end. */
size_t lob_byte_offset(int is_blob, const char *v, size_t n, uint64_t units);
/*
 * The piece of AMOUNT units from OFFSET (1-based): *START and *LEN in bytes.
 * Returns the units it holds (0 when OFFSET is past the end).
 */
uint64_t lob_piece(int is_blob, const char *v, size_t n, uint64_t offset, uint64_t amount,
                   size_t *start, size_t *len);
/* Write DATA (DLEN bytes) into V from OFFSET (1-based, >= 1), a gap before it padded. */
void lob_write_at(int is_blob, buf *v, uint64_t offset, const char *data, size_t dlen);
/* Cut V to NEWLEN units; -1 when it is shorter than that (ORA-22926). */
int lob_trim(int is_blob, buf *v, uint64_t newlen);
/* An NCLOB's data on the wire is UTF-16 (big-endian): to and from UTF-8, appended to OUT
 * (an unpaired surrogate becomes U+FFFD). */
void lob_utf16_to_utf8(const uint8_t *p, size_t n, buf *out);
void lob_utf8_to_utf16(const char *s, size_t n, buf *out);

#endif
