/*
 * sql_id.h - Oracle's SQL_ID of a statement text.
 *
 * MD5 of the text plus a trailing NUL; bytes 8-11 and 12-15 of the digest
 * read as little-endian 32-bit words make a 64-bit number (the first word
 * high), written as 13 base-32 digits from "0123456789abcdfghjkmnpqrstuvwxyz".
 * The same text gives the same SQL_ID as in Oracle.
 */
#ifndef WARDEN_SQL_ID_H
#define WARDEN_SQL_ID_H

#include <stddef.h>
#include <stdint.h>

#define SQL_ID_LEN 13

/* Writes 13 characters and a NUL into OUT. */
void sql_id(const char *text, size_t len, char out[SQL_ID_LEN + 1]);
/* Oracle's HASH_VALUE of the text whose SQL_ID is ID: the number's low 32 bits (0 for "" or
 * a malformed ID). */
uint32_t sql_hash_value(const char *id);

#endif
