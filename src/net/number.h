/*
 * number.h - Oracle NUMBER (base-100, up to 40 significant digits) to and
 * from decimal text.  Shared by the server (binds in, rows out) and libwarden.
 *
 * Wire value bytes only: the length byte that precedes a value on the wire is
 * the caller's business.  docs/design.md (Oracle Net) says where the layouts
 * come from.
 */
#ifndef WARDEN_NUMBER_H
#define WARDEN_NUMBER_H

#include <stddef.h>
#include <stdint.h>

#define ONUM_MAX_BYTES 22 /* exponent byte + 20 digit bytes + terminator */
/*
 * Longest text onum_to_text can produce, with NUL: "-0." and 170 fraction
 * digits.  40 digits on an odd decimal exponent need 21 digit bytes (the
 * client sends that, without terminator), so the last digit of a 22-byte value
 * at the smallest exponent sits at 1e-170.
 */
#define ONUM_TEXT_MAX 174

/*
 * Encode decimal TEXT ("-123.45", "0.001", "1e10", " 42 ") into OUT.
 * Leading/trailing blanks are allowed; more than 40 significant digits are
 * rounded half away from zero.  Returns the byte count (1..22), or -1 when the
 * text is not a number or is outside Oracle's range (|x| >= 1e126).  Values
 * below 1e-130 in magnitude become 0.
 */
int onum_from_text(const char *text, uint8_t out[ONUM_MAX_BYTES]);
int onum_from_int64(int64_t v, uint8_t out[ONUM_MAX_BYTES]);
/*
 * Doubles go through their shortest round-tripping decimal form: the first of
 * %.15g, %.16g, %.17g that reads back as the same double.  NaN and infinities
 * give -1.
 */
int onum_from_double(double v, uint8_t out[ONUM_MAX_BYTES]);

/*
 * Decode LEN bytes at IN into canonical decimal text as Oracle prints it with
 * the default format: no exponent, no trailing zeros, "0" for zero, a leading
 * "." dropped as SQL*Plus does ("0.5" -> ".5" is NOT done here: we write
 * "0.5"; display formatting is the client's).  Returns the text length or -1
 * for malformed bytes.
 */
int onum_to_text(const uint8_t *in, size_t len, char *out, size_t outsz);
/* Exact integer value: 0, or -1 for malformed bytes, a fraction or a value outside int64. */
int onum_to_int64(const uint8_t *in, size_t len, int64_t *out);
/* Nearest double (through the decimal text): 0, or -1 for malformed bytes. */
int onum_to_double(const uint8_t *in, size_t len, double *out);

#endif
