/*
 * pbkdf2.c - PBKDF2-HMAC-SHA512 with the HMAC key pads hashed once
 * (see pbkdf2.h).  Uses OpenSSL's SHA-512 block functions, which OpenSSL 3
 * marks deprecated but keeps; they are the fast path to its assembly.
 */
#define OPENSSL_SUPPRESS_DEPRECATED
#include "pbkdf2.h"

#include <string.h>

#include <openssl/crypto.h>
#include <openssl/sha.h>

#define BLOCK 128 /* SHA-512 block */
#define DIGEST 64

/* The HMAC state after the inner and the outer key pad. */
typedef struct hmac_pads {
    SHA512_CTX inner, outer;
} hmac_pads;

static void hmac_pads_init(hmac_pads *h, const void *key, size_t key_len)
{
    uint8_t k[BLOCK] = {0}, pad[BLOCK];
    if (key_len > BLOCK) SHA512(key, key_len, k);
    else memcpy(k, key, key_len);
    for (int i = 0; i < BLOCK; i++) pad[i] = k[i] ^ 0x36;
    SHA512_Init(&h->inner);
    SHA512_Update(&h->inner, pad, BLOCK);
    for (int i = 0; i < BLOCK; i++) pad[i] = k[i] ^ 0x5c;
    SHA512_Init(&h->outer);
    SHA512_Update(&h->outer, pad, BLOCK);
    OPENSSL_cleanse(k, sizeof k);
    OPENSSL_cleanse(pad, sizeof pad);
}

/* MAC = HMAC(key, A || B) from the key's pads; C is scratch, cleansed by the caller. */
static void hmac(const hmac_pads *h, SHA512_CTX *c, const void *a, size_t a_len, const void *b,
                 size_t b_len, uint8_t mac[DIGEST])
{
    *c = h->inner;
    SHA512_Update(c, a, a_len);
    if (b_len) SHA512_Update(c, b, b_len);
    SHA512_Final(mac, c);
    *c = h->outer;
    SHA512_Update(c, mac, DIGEST);
    SHA512_Final(mac, c);
}

void pbkdf2_sha512(const void *pass, size_t pass_len, const uint8_t *salt, size_t salt_len,
                   uint32_t iterations, uint8_t *out, size_t out_len)
{
    hmac_pads h;
    hmac_pads_init(&h, pass, pass_len);
    SHA512_CTX c;
    uint8_t u[DIGEST], t[DIGEST];
    for (uint32_t block = 1; out_len > 0; block++) {
        uint8_t index[4] = {(uint8_t)(block >> 24), (uint8_t)(block >> 16), (uint8_t)(block >> 8),
                            (uint8_t)block};
        hmac(&h, &c, salt, salt_len, index, sizeof index, u); /* U1 = HMAC(P, S || INT(i)) */
        memcpy(t, u, DIGEST);
        for (uint32_t i = 1; i < iterations; i++) { /* Uj = HMAC(P, Uj-1); T ^= Uj */
            hmac(&h, &c, u, DIGEST, NULL, 0, u);
            for (int j = 0; j < DIGEST; j++) t[j] ^= u[j];
        }
        size_t n = out_len < DIGEST ? out_len : DIGEST;
        memcpy(out, t, n);
        out += n, out_len -= n;
    }
    OPENSSL_cleanse(&h, sizeof h); /* once, not at every round */
    OPENSSL_cleanse(&c, sizeof c);
    OPENSSL_cleanse(u, sizeof u);
    OPENSSL_cleanse(t, sizeof t);
}
