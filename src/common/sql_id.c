/*
 * sql_id.c - computing SQL_IDs.
 */
#include "sql_id.h"

#include <openssl/evp.h>
#include <stdint.h>
#include <string.h>

static const char alphabet[] = "0123456789abcdfghjkmnpqrstuvwxyz";

uint32_t sql_hash_value(const char *id)
{
    uint64_t v = 0;
    for (int i = 0; i < SQL_ID_LEN; i++) {
        const char *p = id[i] ? strchr(alphabet, id[i]) : NULL;
        if (!p) return 0;
        v = v << 5 | (uint64_t)(p - alphabet);
    }
    return (uint32_t)v;
}

void sql_id(const char *text, size_t len, char out[SQL_ID_LEN + 1])
{
    uint8_t md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    EVP_DigestInit_ex(ctx, EVP_md5(), NULL);
    EVP_DigestUpdate(ctx, text, len);
    EVP_DigestUpdate(ctx, "", 1); /* the trailing NUL is part of the hashed text */
    EVP_DigestFinal_ex(ctx, md, &mdlen);
    EVP_MD_CTX_free(ctx);
    uint32_t hi = (uint32_t)md[8] | (uint32_t)md[9] << 8 | (uint32_t)md[10] << 16 |
                  (uint32_t)md[11] << 24;
    uint32_t lo = (uint32_t)md[12] | (uint32_t)md[13] << 8 | (uint32_t)md[14] << 16 |
                  (uint32_t)md[15] << 24;
    uint64_t v = (uint64_t)hi << 32 | lo;
    for (int i = SQL_ID_LEN - 1; i >= 0; i--) {
        out[i] = alphabet[v & 31];
        v >>= 5;
    }
    out[SQL_ID_LEN] = 0;
}
