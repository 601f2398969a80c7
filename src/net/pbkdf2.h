/*
 * pbkdf2.h - PBKDF2-HMAC-SHA512 (RFC 8018) for O5LOGON's 12c verifier.
 *
 * OpenSSL 3's PKCS5_PBKDF2_HMAC sets up a new HMAC through the provider
 * layer on every iteration; with O5LOGON's 4096 iterations that overhead
 * is most of a logon's CPU.  Here the two HMAC pads are hashed once and
 * each iteration costs exactly two SHA-512 compressions.
 */
#ifndef WARDEN_PBKDF2_H
#define WARDEN_PBKDF2_H

#include <stddef.h>
#include <stdint.h>

/* OUT (OUT_LEN bytes, any length) = PBKDF2-HMAC-SHA512(PASS, SALT, ITERATIONS >= 1). */
void pbkdf2_sha512(const void *pass, size_t pass_len, const uint8_t *salt, size_t salt_len,
                   uint32_t iterations, uint8_t *out, size_t out_len);

#endif
