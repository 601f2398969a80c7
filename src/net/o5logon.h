/*
 * o5logon.h - the O5LOGON password exchange with the 12c verifier
 * (PBKDF2-SHA512 / SHA-512 / AES-256-CBC), both halves: the server side used
 * by the dedicated server, the client side used by libwarden.
 *
 * docs/design.md (Oracle Net) tells the exchange.  Hex text is upper case when
 * produced and accepted in either case when parsed.  Nothing here stores or
 * logs a password; callers wipe password buffers after use.
 */
#ifndef WARDEN_O5LOGON_H
#define WARDEN_O5LOGON_H

#include <stddef.h>
#include <stdint.h>

#define O5_SALT_LEN 16
#define O5_VERIFIER_LEN 64
#define O5_HALF_LEN 32 /* each side's session-key half */
#define O5_CSK_SALT_LEN 16
#define O5_COMBO_LEN 32
#define O5_VGEN_COUNT 4096
#define O5_SDER_COUNT 3
#define O5_MAX_ITERATIONS 1000000 /* most PBKDF2 rounds a peer may ask for */
#define O5_VERIFIER_TYPE 0x4815  /* travels in the AUTH_VFR_DATA flags */
#define O5_MAX_PASSWORD_LEN 1024 /* bytes of UTF-8, as Oracle 12.2+ allows */
#define O5_SPEEDY_HEX_LEN 160    /* AUTH_PBKDF2_SPEEDY_KEY: 16 random bytes + K64, encrypted */
#define O5_RESPONSE_HEX_LEN 96   /* AUTH_SVR_RESPONSE: 48 bytes */

/* What a user record stores: never the password. */
typedef struct o5_verifier {
    uint8_t salt[O5_SALT_LEN];
    uint32_t iterations;
    uint8_t v[O5_VERIFIER_LEN];
} o5_verifier;

/*
 * Load the algorithms O5LOGON uses (done by the first call that needs them;
 * a process that forks servers calls it first so every child inherits them).
 */
void o5_init(void);

/* Fill N bytes with cryptographically random data. Returns 0, -1 on failure. */
int o5_random(uint8_t *out, size_t n);
/* Hex helpers: o5_hex writes 2n upper-case digits + NUL; o5_unhex returns bytes or -1. */
void o5_hex(const uint8_t *in, size_t n, char *out);
int o5_unhex(const char *hex, uint8_t *out, size_t outsz);

/*
 * AES-256-CBC with a zero IV and no padding, LEN a multiple of 16 (IN and OUT
 * may be the same buffer).  ENCRYPT 1 encrypts, 0 decrypts.  Returns 0 or -1.
 */
int o5_aes256_cbc(const uint8_t key[32], int encrypt, const uint8_t *in, size_t len, uint8_t *out);

/*
 * AUTH_PASSWORD / AUTH_NEWPASSWORD: hex(AES(COMBO, SALT16 || password, PKCS#7
 * padded)).  HEX must hold 2 * (16 + strlen(password) + 16) + 1 bytes.  Returns
 * the hex length, or -1 (password longer than O5_MAX_PASSWORD_LEN, HEXSZ too small).
 */
int o5_encrypt_password(const uint8_t combo[O5_COMBO_LEN], const uint8_t salt16[16],
                        const char *password, char *hex, size_t hexsz);
/*
 * The reverse: the password as a NUL-terminated string in PASSWORD (SIZE bytes
 * with the NUL).  Returns its length, or -1 for malformed hex, bad padding, an
 * embedded NUL or too small a buffer.  The caller wipes PASSWORD after use.
 */
int o5_decrypt_password(const uint8_t combo[O5_COMBO_LEN], const char *hex, char *password,
                        size_t size);

/* New verifier for PASSWORD with a fresh random salt (or SALT if non-NULL). */
int o5_make_verifier(const char *password, const uint8_t *salt, uint32_t iterations,
                     o5_verifier *out);

/* ---- server side ---- */
typedef struct o5_server {
    o5_verifier ver;
    uint8_t server_half[O5_HALF_LEN]; /* "A" */
    uint8_t csk_salt[O5_CSK_SALT_LEN];
    uint8_t combo[O5_COMBO_LEN];
} o5_server;

/*
 * Phase one: draw A and the CSK salt (unless the caller preset them for a
 * test and passes RANDOMIZE = 0) and produce AUTH_SESSKEY (64 hex digits +
 * NUL) = hex(AES(V[0..31], A)).
 */
int o5_server_phase1(o5_server *s, int randomize, char sesskey_hex[65]);
/*
 * Phase two: from the client's AUTH_SESSKEY, AUTH_PBKDF2_SPEEDY_KEY and
 * AUTH_PASSWORD hex values decide whether the password is right (the speedy
 * key's K64 must reproduce V, and the decrypted password must too).  On
 * success fills SVR_RESPONSE_HEX (96 hex digits + NUL) and returns 0; returns
 * -1 for a wrong password or malformed values.
 */
int o5_server_phase2(o5_server *s, const char *client_sesskey_hex, const char *speedy_key_hex,
                     const char *password_hex, char svr_response_hex[97]);

/* ---- client side ---- */
typedef struct o5_client {
    uint8_t combo[O5_COMBO_LEN];
} o5_client;

/*
 * Given the phase-one values from the server and the password, produce the
 * phase-two values: AUTH_SESSKEY (64 hex), AUTH_PBKDF2_SPEEDY_KEY (160 hex)
 * and AUTH_PASSWORD (hex of 16 random bytes + password, PKCS#7 padded).
 * PASSWORD_HEX must hold 2 * (16 + strlen(password) + 16) + 1 bytes.
 * Returns 0, or -1 for malformed server values.
 */
int o5_client_respond(o5_client *c, const char *password, const char *vfr_data_hex,
                      uint32_t vgen_count, const char *server_sesskey_hex, const char *csk_salt_hex,
                      uint32_t sder_count, char sesskey_hex[65], char speedy_key_hex[161],
                      char *password_hex, size_t password_hex_size);
/* The random draws o5_client_respond makes, in the order it makes them. */
typedef struct o5_client_random {
    uint8_t client_half[O5_HALF_LEN]; /* "B" */
    uint8_t speedy_salt[16];          /* prefix of the speedy key */
    uint8_t password_salt[16];        /* prefix of AUTH_PASSWORD */
} o5_client_random;

/* o5_client_respond with the random bytes given: the test hook for fixed vectors. */
int o5_client_respond_with_random(o5_client *c, const o5_client_random *rnd, const char *password,
                                  const char *vfr_data_hex, uint32_t vgen_count,
                                  const char *server_sesskey_hex, const char *csk_salt_hex,
                                  uint32_t sder_count, char sesskey_hex[65],
                                  char speedy_key_hex[161], char *password_hex,
                                  size_t password_hex_size);
/* Check the server's AUTH_SVR_RESPONSE: bytes 16..31 must be "SERVER_TO_CLIENT". 0 if good. */
int o5_client_check_response(const o5_client *c, const char *svr_response_hex);

#endif
