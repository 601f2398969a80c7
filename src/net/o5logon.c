/*
 * o5logon.c - O5LOGON with the 12c verifier: verifier generation, the
 * server's two phases and the client's answer, on OpenSSL's EVP API.
 * Every buffer that holds password-derived bytes is wiped before returning.
 */
#include "o5logon.h"

#include "../common/hex.h"
#include "pbkdf2.h"

#include <limits.h>
#include <pthread.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#define AES_BLOCK 16
#define K64_LEN 64
#define SPEEDY_LEN (AES_BLOCK + K64_LEN)
#define SPEEDY_SALT_SUFFIX "AUTH_PBKDF2_SPEEDY_KEY"
#define RESPONSE_TAG "SERVER_TO_CLIENT" /* 16 bytes, the second block of the response */
#define RESPONSE_LEN (O5_RESPONSE_HEX_LEN / 2)
#define RESPONSE_MAX 256 /* longest AUTH_SVR_RESPONSE accepted, in bytes */
#define CSK_SALT_MAX 64  /* longest AUTH_PBKDF2_CSK_SALT accepted, in bytes */
#define PASSWORD_CIPHER_MAX (AES_BLOCK + O5_MAX_PASSWORD_LEN + AES_BLOCK)

/* ---- primitives ---- */

int o5_random(uint8_t *out, size_t n)
{
    if (n > INT_MAX) return -1;
    return RAND_bytes(out, (int)n) == 1 ? 0 : -1;
}

void o5_hex(const uint8_t *in, size_t n, char *out)
{
    hex_encode(in, n, out);
    out[2 * n] = '\0';
}

int o5_unhex(const char *hex, uint8_t *out, size_t outsz)
{
    if (!hex) return -1;
    size_t len = strlen(hex);
    if (len % 2 != 0 || len / 2 > outsz || len / 2 > INT_MAX) return -1;
    return (int)hex_decode(hex, len, out);
}

/* Exactly N bytes of hex, else -1. */
static int unhex_exact(const char *hex, uint8_t *out, size_t n)
{
    return o5_unhex(hex, out, n) == (int)n ? 0 : -1;
}

/*
 * The cipher and digest, fetched from OpenSSL's provider once per process
 * rather than looked up again by every call (OpenSSL 3's implicit fetch).
 */
static EVP_CIPHER *aes_256_cbc;
static EVP_MD *sha_512;
static pthread_once_t fetched = PTHREAD_ONCE_INIT;

static void fetch_algorithms(void)
{
    aes_256_cbc = EVP_CIPHER_fetch(NULL, "AES-256-CBC", NULL);
    sha_512 = EVP_MD_fetch(NULL, "SHA512", NULL);
}

void o5_init(void) { pthread_once(&fetched, fetch_algorithms); }

int o5_aes256_cbc(const uint8_t key[32], int encrypt, const uint8_t *in, size_t len, uint8_t *out)
{
    static const uint8_t zero_iv[AES_BLOCK];
    int update_len = 0, final_len = 0;
    if (len % AES_BLOCK != 0 || len > INT_MAX) return -1;
    o5_init();
    EVP_CIPHER_CTX *ctx = aes_256_cbc ? EVP_CIPHER_CTX_new() : NULL;
    int ok = ctx && EVP_CipherInit_ex(ctx, aes_256_cbc, NULL, key, zero_iv, !!encrypt) == 1 &&
             EVP_CIPHER_CTX_set_padding(ctx, 0) == 1 &&
             EVP_CipherUpdate(ctx, out, &update_len, in, (int)len) == 1 &&
             EVP_CipherFinal_ex(ctx, out + update_len, &final_len) == 1;
    EVP_CIPHER_CTX_free(ctx);
    return ok && (size_t)update_len + (size_t)final_len == len ? 0 : -1;
}

/* PBKDF2-HMAC-SHA512 within the limits the protocol allows. */
static int pbkdf2(const void *pass, size_t pass_len, const uint8_t *salt, size_t salt_len,
                  uint32_t iterations, uint8_t *out, size_t out_len)
{
    if (iterations == 0 || iterations > O5_MAX_ITERATIONS) return -1;
    pbkdf2_sha512(pass, pass_len, salt, salt_len, iterations, out, out_len);
    return 0;
}

/* V = SHA-512(K64 || S) */
static int verifier_from_key(const uint8_t k64[K64_LEN], const uint8_t salt[O5_SALT_LEN],
                             uint8_t v[O5_VERIFIER_LEN])
{
    uint8_t input[K64_LEN + O5_SALT_LEN];
    unsigned int v_len = 0;
    memcpy(input, k64, K64_LEN);
    memcpy(input + K64_LEN, salt, O5_SALT_LEN);
    o5_init();
    int ok = sha_512 && EVP_Digest(input, sizeof input, v, &v_len, sha_512, NULL) == 1;
    OPENSSL_cleanse(input, sizeof input);
    return ok && v_len == O5_VERIFIER_LEN ? 0 : -1;
}

/* K64 = PBKDF2-SHA512(P, S || "AUTH_PBKDF2_SPEEDY_KEY", ITERATIONS, 64) and V from it. */
static int derive_verifier(const void *password, size_t password_len,
                           const uint8_t salt[O5_SALT_LEN], uint32_t iterations,
                           uint8_t k64[K64_LEN], uint8_t v[O5_VERIFIER_LEN])
{
    uint8_t key_salt[O5_SALT_LEN + sizeof SPEEDY_SALT_SUFFIX - 1];
    memcpy(key_salt, salt, O5_SALT_LEN);
    memcpy(key_salt + O5_SALT_LEN, SPEEDY_SALT_SUFFIX, sizeof SPEEDY_SALT_SUFFIX - 1);
    if (pbkdf2(password, password_len, key_salt, sizeof key_salt, iterations, k64, K64_LEN) <
        0)
        return -1;
    return verifier_from_key(k64, salt, v);
}

/* COMBO = PBKDF2-SHA512(upper-case hex(B || A) as text, CSK salt, SDER count, 32). */
static int combo_key(const uint8_t client_half[O5_HALF_LEN], const uint8_t server_half[O5_HALF_LEN],
                     const uint8_t *csk_salt, size_t csk_salt_len, uint32_t sder_count,
                     uint8_t combo[O5_COMBO_LEN])
{
    uint8_t halves[2 * O5_HALF_LEN];
    char halves_hex[4 * O5_HALF_LEN + 1];
    memcpy(halves, client_half, O5_HALF_LEN);
    memcpy(halves + O5_HALF_LEN, server_half, O5_HALF_LEN);
    o5_hex(halves, sizeof halves, halves_hex);
    int rc = pbkdf2(halves_hex, 4 * O5_HALF_LEN, csk_salt, csk_salt_len, sder_count, combo,
                           O5_COMBO_LEN);
    OPENSSL_cleanse(halves, sizeof halves);
    OPENSSL_cleanse(halves_hex, sizeof halves_hex);
    return rc;
}

/* Length of a password we accept, or -1 for NULL or longer than O5_MAX_PASSWORD_LEN. */
static int password_length(const char *password)
{
    if (!password) return -1;
    size_t len = strnlen(password, O5_MAX_PASSWORD_LEN + 1);
    return len > O5_MAX_PASSWORD_LEN ? -1 : (int)len;
}

int o5_make_verifier(const char *password, const uint8_t *salt, uint32_t iterations,
                     o5_verifier *out)
{
    uint8_t k64[K64_LEN];
    int len = password_length(password);
    if (len < 0) return -1;
    if (salt)
        memcpy(out->salt, salt, O5_SALT_LEN);
    else if (o5_random(out->salt, O5_SALT_LEN) < 0)
        return -1;
    out->iterations = iterations;
    int rc = derive_verifier(password, (size_t)len, out->salt, iterations, k64, out->v);
    OPENSSL_cleanse(k64, sizeof k64);
    return rc;
}

/* ---- password blocks ---- */

int o5_encrypt_password(const uint8_t combo[O5_COMBO_LEN], const uint8_t salt16[16],
                        const char *password, char *hex, size_t hexsz)
{
    uint8_t block[PASSWORD_CIPHER_MAX];
    int len = password_length(password);
    if (len < 0) return -1;
    size_t plain_len = AES_BLOCK + (size_t)len;
    size_t pad = AES_BLOCK - plain_len % AES_BLOCK; /* PKCS#7: 1..16 bytes of value pad */
    size_t padded_len = plain_len + pad;
    if (!hex || hexsz < 2 * padded_len + 1) return -1;
    memcpy(block, salt16, AES_BLOCK);
    memcpy(block + AES_BLOCK, password, (size_t)len);
    memset(block + plain_len, (int)pad, pad);
    int rc = o5_aes256_cbc(combo, 1, block, padded_len, block);
    if (rc == 0) o5_hex(block, padded_len, hex);
    OPENSSL_cleanse(block, sizeof block);
    return rc == 0 ? (int)(2 * padded_len) : -1;
}

/* Length without the PKCS#7 padding, or -1 if the padding is bad. */
static int unpad(const uint8_t *block, int len)
{
    int pad = block[len - 1];
    if (pad < 1 || pad > AES_BLOCK || pad > len) return -1;
    for (int i = len - pad; i < len; i++)
        if (block[i] != pad) return -1;
    return len - pad;
}

int o5_decrypt_password(const uint8_t combo[O5_COMBO_LEN], const char *hex, char *password,
                        size_t size)
{
    uint8_t block[PASSWORD_CIPHER_MAX];
    int rc = -1;
    int len = o5_unhex(hex, block, sizeof block);
    if (len >= 2 * AES_BLOCK && len % AES_BLOCK == 0 &&
        o5_aes256_cbc(combo, 0, block, (size_t)len, block) == 0) {
        int pw_len = unpad(block, len) - AES_BLOCK; /* at least 0 when the padding is good */
        const uint8_t *pw = block + AES_BLOCK;
        if (pw_len >= 0 && password && (size_t)pw_len < size && !memchr(pw, 0, (size_t)pw_len)) {
            memcpy(password, pw, (size_t)pw_len);
            password[pw_len] = '\0';
            rc = pw_len;
        }
    }
    OPENSSL_cleanse(block, sizeof block);
    return rc;
}

/* ---- server side ---- */

int o5_server_phase1(o5_server *s, int randomize, char sesskey_hex[65])
{
    uint8_t encrypted[O5_HALF_LEN];
    if (randomize &&
        (o5_random(s->server_half, O5_HALF_LEN) < 0 || o5_random(s->csk_salt, O5_CSK_SALT_LEN) < 0))
        return -1;
    if (o5_aes256_cbc(s->ver.v, 1, s->server_half, O5_HALF_LEN, encrypted) < 0) return -1;
    o5_hex(encrypted, O5_HALF_LEN, sesskey_hex);
    return 0;
}

/* B from the client's AUTH_SESSKEY, then COMBO from B and A. */
static int server_combo(o5_server *s, const char *client_sesskey_hex)
{
    uint8_t client_half[O5_HALF_LEN];
    int ok = unhex_exact(client_sesskey_hex, client_half, O5_HALF_LEN) == 0 &&
             o5_aes256_cbc(s->ver.v, 0, client_half, O5_HALF_LEN, client_half) == 0 &&
             combo_key(client_half, s->server_half, s->csk_salt, O5_CSK_SALT_LEN, O5_SDER_COUNT,
                       s->combo) == 0;
    OPENSSL_cleanse(client_half, sizeof client_half);
    return ok ? 0 : -1;
}

/* The K64 inside the speedy key must hash to the stored verifier. */
static int server_check_speedy_key(const o5_server *s, const char *speedy_key_hex)
{
    uint8_t block[SPEEDY_LEN], v[O5_VERIFIER_LEN];
    int ok = unhex_exact(speedy_key_hex, block, SPEEDY_LEN) == 0 &&
             o5_aes256_cbc(s->combo, 0, block, SPEEDY_LEN, block) == 0 &&
             verifier_from_key(block + AES_BLOCK, s->ver.salt, v) == 0 &&
             CRYPTO_memcmp(v, s->ver.v, O5_VERIFIER_LEN) == 0;
    OPENSSL_cleanse(block, sizeof block);
    OPENSSL_cleanse(v, sizeof v);
    return ok ? 0 : -1;
}

/*
 * AUTH_PASSWORD must decrypt under COMBO to a well-formed password.  It is
 * not derived again: the speedy key already proved K64, which only the
 * password yields (the stored V is a hash of it), and a second 4096-round
 * PBKDF2 per logon would double the server's cost of every logon attempt.
 */
static int server_check_password(const o5_server *s, const char *password_hex)
{
    char password[O5_MAX_PASSWORD_LEN + 1];
    int len = o5_decrypt_password(s->combo, password_hex, password, sizeof password);
    OPENSSL_cleanse(password, sizeof password);
    return len >= 0 ? 0 : -1;
}

/* AUTH_SVR_RESPONSE = hex(AES(COMBO, R16 || "SERVER_TO_CLIENT" || 16 x 0x10)). */
static int server_response(const o5_server *s, char svr_response_hex[97])
{
    uint8_t block[RESPONSE_LEN];
    if (o5_random(block, AES_BLOCK) < 0) return -1;
    memcpy(block + AES_BLOCK, RESPONSE_TAG, AES_BLOCK);
    memset(block + 2 * AES_BLOCK, AES_BLOCK, AES_BLOCK);
    if (o5_aes256_cbc(s->combo, 1, block, RESPONSE_LEN, block) < 0) return -1;
    o5_hex(block, RESPONSE_LEN, svr_response_hex);
    return 0;
}

int o5_server_phase2(o5_server *s, const char *client_sesskey_hex, const char *speedy_key_hex,
                     const char *password_hex, char svr_response_hex[97])
{
    if (server_combo(s, client_sesskey_hex) == 0 &&
        server_check_speedy_key(s, speedy_key_hex) == 0 &&
        server_check_password(s, password_hex) == 0 && server_response(s, svr_response_hex) == 0)
        return 0;
    OPENSSL_cleanse(s->combo, sizeof s->combo);
    return -1;
}

/* ---- client side ---- */

/* What the client derives while answering; wiped in one go. */
typedef struct client_work {
    uint8_t salt[O5_SALT_LEN];
    uint8_t csk_salt[CSK_SALT_MAX];
    int csk_salt_len;
    uint8_t k64[K64_LEN];
    uint8_t v[O5_VERIFIER_LEN];
    uint8_t server_half[O5_HALF_LEN];
    uint8_t block[SPEEDY_LEN];
} client_work;

/* Salt, A and the CSK salt from the phase-one values; K64 and V from the password. */
static int client_read_challenge(client_work *w, const char *password, const char *vfr_data_hex,
                                 uint32_t vgen_count, const char *server_sesskey_hex,
                                 const char *csk_salt_hex)
{
    int password_len = password_length(password);
    w->csk_salt_len = o5_unhex(csk_salt_hex, w->csk_salt, CSK_SALT_MAX);
    if (password_len < 0 || w->csk_salt_len < 1) return -1;
    if (unhex_exact(vfr_data_hex, w->salt, O5_SALT_LEN) < 0) return -1;
    if (unhex_exact(server_sesskey_hex, w->server_half, O5_HALF_LEN) < 0) return -1;
    if (derive_verifier(password, (size_t)password_len, w->salt, vgen_count, w->k64, w->v) < 0)
        return -1;
    return o5_aes256_cbc(w->v, 0, w->server_half, O5_HALF_LEN, w->server_half);
}

/* AUTH_SESSKEY = hex(AES(KEY, B)) and COMBO from B and A. */
static int client_session_key(o5_client *c, client_work *w, const uint8_t *client_half,
                              uint32_t sder_count, char sesskey_hex[65])
{
    if (o5_aes256_cbc(w->v, 1, client_half, O5_HALF_LEN, w->block) < 0) return -1;
    o5_hex(w->block, O5_HALF_LEN, sesskey_hex);
    return combo_key(client_half, w->server_half, w->csk_salt, (size_t)w->csk_salt_len, sder_count,
                     c->combo);
}

/* AUTH_PBKDF2_SPEEDY_KEY = hex(AES(COMBO, 16 random || K64)). */
static int client_speedy_key(const o5_client *c, client_work *w, const uint8_t *speedy_salt,
                             char speedy_key_hex[161])
{
    memcpy(w->block, speedy_salt, AES_BLOCK);
    memcpy(w->block + AES_BLOCK, w->k64, K64_LEN);
    if (o5_aes256_cbc(c->combo, 1, w->block, SPEEDY_LEN, w->block) < 0) return -1;
    o5_hex(w->block, SPEEDY_LEN, speedy_key_hex);
    return 0;
}

int o5_client_respond_with_random(o5_client *c, const o5_client_random *rnd, const char *password,
                                  const char *vfr_data_hex, uint32_t vgen_count,
                                  const char *server_sesskey_hex, const char *csk_salt_hex,
                                  uint32_t sder_count, char sesskey_hex[65],
                                  char speedy_key_hex[161], char *password_hex,
                                  size_t password_hex_size)
{
    client_work w;
    int ok = client_read_challenge(&w, password, vfr_data_hex, vgen_count, server_sesskey_hex,
                                   csk_salt_hex) == 0 &&
             client_session_key(c, &w, rnd->client_half, sder_count, sesskey_hex) == 0 &&
             client_speedy_key(c, &w, rnd->speedy_salt, speedy_key_hex) == 0 &&
             o5_encrypt_password(c->combo, rnd->password_salt, password, password_hex,
                                 password_hex_size) > 0;
    OPENSSL_cleanse(&w, sizeof w);
    if (!ok) OPENSSL_cleanse(c->combo, sizeof c->combo);
    return ok ? 0 : -1;
}

int o5_client_respond(o5_client *c, const char *password, const char *vfr_data_hex,
                      uint32_t vgen_count, const char *server_sesskey_hex, const char *csk_salt_hex,
                      uint32_t sder_count, char sesskey_hex[65], char speedy_key_hex[161],
                      char *password_hex, size_t password_hex_size)
{
    o5_client_random rnd;
    int rc = -1;
    if (o5_random(rnd.client_half, sizeof rnd.client_half) == 0 &&
        o5_random(rnd.speedy_salt, sizeof rnd.speedy_salt) == 0 &&
        o5_random(rnd.password_salt, sizeof rnd.password_salt) == 0)
        rc = o5_client_respond_with_random(
            c, &rnd, password, vfr_data_hex, vgen_count, server_sesskey_hex, csk_salt_hex,
            sder_count, sesskey_hex, speedy_key_hex, password_hex, password_hex_size);
    OPENSSL_cleanse(&rnd, sizeof rnd);
    return rc;
}

int o5_client_check_response(const o5_client *c, const char *svr_response_hex)
{
    uint8_t block[RESPONSE_MAX];
    int len = o5_unhex(svr_response_hex, block, sizeof block);
    int ok = len >= 2 * AES_BLOCK && len % AES_BLOCK == 0 &&
             o5_aes256_cbc(c->combo, 0, block, (size_t)len, block) == 0 &&
             memcmp(block + AES_BLOCK, RESPONSE_TAG, AES_BLOCK) == 0;
    OPENSSL_cleanse(block, sizeof block);
    return ok ? 0 : -1;
}
