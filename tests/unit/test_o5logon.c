/*
 * test_o5logon.c - the O5LOGON 12c exchange against node-oracledb's own
 * vectors (fixed salt, server half, CSK salt and client random bytes), both
 * halves talking to each other, wrong passwords and malformed values.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include <openssl/evp.h>

#include "net/o5logon.h"
#include "net/pbkdf2.h"

/* ---- the vectors (computed with node-oracledb's Thin driver code) ---- */

#define PASSWORD "tiger"
#define VFR_DATA "0102030405060708090A0B0C0D0E0F10"
#define CSK_SALT "A0A1A2A3A4A5A6A7A8A9AAABACADAEAF"
#define SERVER_HALF "C0C1C2C3C4C5C6C7C8C9CACBCCCDCECFD0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF"
#define VERIFIER                                                                                   \
    "87D3DF16CED30DFF49A25DE5B4B702947B3043B94BC55C1995E7D77FC98DF52F5A96A4A37060188AED49EB295FB3" \
    "9342739F37BAF3DF2797561A744F3DBF5C9F"
#define SERVER_SESSKEY "68EDCA99D21B964BF8C06350982C3D0640946178BECA7C8582D17EFC20697883"
#define CLIENT_HALF "101112131415161718191A1B1C1D1E1F202122232425262728292A2B2C2D2E2F"
#define CLIENT_SESSKEY "F150690A5599A8D9DFDB0BBE1EFE1C21B0D5C0F7E2E07EE4BDB0C6C8F0E46C05"
#define COMBO "7FBDAC7D82BC2B6918148A1E788883301AA8A0FAF3D1B2FC808054A9F58ACED6"
#define SPEEDY_KEY                                                                                 \
    "69E6F73871C863A9350740704503F0EF3F3AF0BAC1C1D760D69D5E4E7412BB0FEBDA5A3E9C50485EDAB5EDABA2B0" \
    "1C4205B00B31690846019D0BA89B9415ADCACE9C09C26E144371AEF852CE08846144"
#define AUTH_PASSWORD "C1EED876E409E52C4141E19FEBD009F01B0FEF80393D185FE805743EB1038DE7"
#define SVR_RESPONSE                                                                               \
    "8DA5A74C572A27ED753C12BEE7A94D1E4BD29E5C5C7A8303C15D9847C0AB92458A82996BBA2E95B6A55FF1D72994" \
    "FEBA"

/* The client values the test expects; PASSWORD_HEX sized for the longest password used. */
typedef struct client_answer {
    char sesskey[65];
    char speedy[161];
    char password[2 * (16 + O5_MAX_PASSWORD_LEN + 16) + 1];
} client_answer;

static void unhex_exact(const char *hex, uint8_t *out, size_t n)
{
    assert_int_equal(o5_unhex(hex, out, n), (int)n);
}

static void assert_hex_equal(const uint8_t *bytes, size_t n, const char *want)
{
    char hex[2 * 256 + 1];
    assert_true(n <= 256);
    o5_hex(bytes, n, hex);
    assert_string_equal(hex, want);
}

/* The script's random source: call N's byte I is (0x10 * N + I) & 0xFF. */
static void fill_pattern(uint8_t *out, size_t n, int call)
{
    for (size_t i = 0; i < n; i++)
        out[i] = (uint8_t)((0x10 * call + (int)i) & 0xFF);
}

static o5_client_random vector_random(void)
{
    o5_client_random rnd;
    fill_pattern(rnd.client_half, sizeof rnd.client_half, 1);
    fill_pattern(rnd.speedy_salt, sizeof rnd.speedy_salt, 2);
    fill_pattern(rnd.password_salt, sizeof rnd.password_salt, 3);
    return rnd;
}

/* A server in phase one with the vector's verifier, A and CSK salt. */
static void vector_server(o5_server *s, char sesskey[65])
{
    uint8_t salt[O5_SALT_LEN];
    memset(s, 0, sizeof *s);
    unhex_exact(VFR_DATA, salt, sizeof salt);
    assert_int_equal(o5_make_verifier(PASSWORD, salt, O5_VGEN_COUNT, &s->ver), 0);
    unhex_exact(SERVER_HALF, s->server_half, O5_HALF_LEN);
    unhex_exact(CSK_SALT, s->csk_salt, O5_CSK_SALT_LEN);
    assert_int_equal(o5_server_phase1(s, 0, sesskey), 0);
}

static int client_answers(o5_client *c, const char *password, const char *vfr_data,
                          const char *server_sesskey, const char *csk_salt, client_answer *a)
{
    return o5_client_respond(c, password, vfr_data, O5_VGEN_COUNT, server_sesskey, csk_salt,
                             O5_SDER_COUNT, a->sesskey, a->speedy, a->password, sizeof a->password);
}

/* ---- hex ---- */

static void test_hex(void **state)
{
    uint8_t bytes[4] = {0x00, 0xAB, 0x7F, 0xFF}, out[4];
    char hex[9];
    o5_hex(bytes, 4, hex);
    assert_string_equal(hex, "00AB7FFF");
    assert_int_equal(o5_unhex("00ab7fFF", out, sizeof out), 4);
    assert_memory_equal(out, bytes, 4);
    assert_int_equal(o5_unhex("", out, sizeof out), 0);
    assert_int_equal(o5_unhex("0", out, sizeof out), -1);   /* odd length */
    assert_int_equal(o5_unhex("0G", out, sizeof out), -1);  /* not hex */
    assert_int_equal(o5_unhex(" 00", out, sizeof out), -1); /* odd, with a blank */
    assert_int_equal(o5_unhex("0x00", out, sizeof out), -1);
    assert_int_equal(o5_unhex("0011223344", out, 4), -1); /* too long for OUT */
    assert_int_equal(o5_unhex(NULL, out, sizeof out), -1);
}

/* ---- the vectors, step by step ---- */

static void test_verifier_vector(void **state)
{
    uint8_t salt[O5_SALT_LEN];
    o5_verifier v;
    unhex_exact(VFR_DATA, salt, sizeof salt);
    assert_int_equal(o5_make_verifier(PASSWORD, salt, O5_VGEN_COUNT, &v), 0);
    assert_hex_equal(v.v, O5_VERIFIER_LEN, VERIFIER);
    assert_memory_equal(v.salt, salt, O5_SALT_LEN);
    assert_int_equal(v.iterations, O5_VGEN_COUNT);
}

static void test_server_phase1_vector(void **state)
{
    o5_server s;
    char sesskey[65];
    vector_server(&s, sesskey);
    assert_string_equal(sesskey, SERVER_SESSKEY);
}

static void test_client_vector(void **state)
{
    o5_client c;
    client_answer a;
    o5_client_random rnd = vector_random();
    assert_int_equal(o5_client_respond_with_random(
                         &c, &rnd, PASSWORD, VFR_DATA, O5_VGEN_COUNT, SERVER_SESSKEY, CSK_SALT,
                         O5_SDER_COUNT, a.sesskey, a.speedy, a.password, sizeof a.password),
                     0);
    assert_string_equal(a.sesskey, CLIENT_SESSKEY);
    assert_string_equal(a.speedy, SPEEDY_KEY);
    assert_string_equal(a.password, AUTH_PASSWORD);
    assert_hex_equal(c.combo, O5_COMBO_LEN, COMBO);
    assert_int_equal(o5_client_check_response(&c, SVR_RESPONSE), 0);
}

static void test_server_phase2_vector(void **state)
{
    o5_server s;
    o5_client c;
    char sesskey[65], response[97];
    vector_server(&s, sesskey);
    assert_int_equal(o5_server_phase2(&s, CLIENT_SESSKEY, SPEEDY_KEY, AUTH_PASSWORD, response), 0);
    assert_hex_equal(s.combo, O5_COMBO_LEN, COMBO);
    assert_int_equal((int)strlen(response), O5_RESPONSE_HEX_LEN);
    unhex_exact(COMBO, c.combo, O5_COMBO_LEN);
    assert_int_equal(o5_client_check_response(&c, response), 0);
}

static void test_recover_client_values(void **state)
{
    uint8_t verifier[O5_VERIFIER_LEN], client_half[O5_HALF_LEN], combo[O5_COMBO_LEN];
    char password[O5_MAX_PASSWORD_LEN + 1];
    unhex_exact(VERIFIER, verifier, sizeof verifier);
    unhex_exact(CLIENT_SESSKEY, client_half, sizeof client_half);
    assert_int_equal(o5_aes256_cbc(verifier, 0, client_half, O5_HALF_LEN, client_half), 0);
    assert_hex_equal(client_half, O5_HALF_LEN, CLIENT_HALF);
    unhex_exact(COMBO, combo, sizeof combo);
    assert_int_equal(o5_decrypt_password(combo, AUTH_PASSWORD, password, sizeof password), 5);
    assert_string_equal(password, PASSWORD);
}

/* ---- both halves together ---- */

static void assert_exchange(const char *password)
{
    o5_server s = {0};
    o5_client c;
    client_answer a;
    char server_sesskey[65], vfr[2 * O5_SALT_LEN + 1], csk[2 * O5_CSK_SALT_LEN + 1];
    char response[97];
    assert_int_equal(o5_make_verifier(password, NULL, O5_VGEN_COUNT, &s.ver), 0);
    assert_int_equal(o5_server_phase1(&s, 1, server_sesskey), 0);
    o5_hex(s.ver.salt, O5_SALT_LEN, vfr);
    o5_hex(s.csk_salt, O5_CSK_SALT_LEN, csk);
    assert_int_equal(client_answers(&c, password, vfr, server_sesskey, csk, &a), 0);
    assert_int_equal(o5_server_phase2(&s, a.sesskey, a.speedy, a.password, response), 0);
    assert_memory_equal(s.combo, c.combo, O5_COMBO_LEN);
    assert_int_equal(o5_client_check_response(&c, response), 0);
}

static void test_random_exchanges(void **state)
{
    char longest[O5_MAX_PASSWORD_LEN + 1];
    memset(longest, 'x', O5_MAX_PASSWORD_LEN);
    longest[O5_MAX_PASSWORD_LEN] = '\0';
    assert_exchange("tiger");
    assert_exchange("");
    assert_exchange("fifteen_bytes__");
    assert_exchange("sixteen_bytes___");
    assert_exchange("p\xC3\xA4ssw\xC3\xB6rd \xE2\x82\xAC");
    assert_exchange(longest);
}

static void test_wrong_password(void **state)
{
    o5_server s;
    o5_client c;
    client_answer a;
    char sesskey[65], response[97] = "";
    static const uint8_t no_combo[O5_COMBO_LEN];
    vector_server(&s, sesskey);
    assert_int_equal(client_answers(&c, "lion", VFR_DATA, sesskey, CSK_SALT, &a), 0);
    assert_int_equal(o5_server_phase2(&s, a.sesskey, a.speedy, a.password, response), -1);
    assert_memory_equal(s.combo, no_combo, O5_COMBO_LEN); /* wiped */
    assert_string_equal(response, "");
    /* a password that differs only in case is wrong too */
    vector_server(&s, sesskey);
    assert_int_equal(client_answers(&c, "TIGER", VFR_DATA, sesskey, CSK_SALT, &a), 0);
    assert_int_equal(o5_server_phase2(&s, a.sesskey, a.speedy, a.password, response), -1);
}

/*
 * Phase-two values built by hand from what a holder of the verifier V can
 * compute (A, B, COMBO), with K64 and the password chosen by the caller.
 */
static int forged_phase2(const uint8_t k64[64], const char *password)
{
    o5_server s;
    char server_sesskey[65], client_sesskey[65], speedy[O5_SPEEDY_HEX_LEN + 1], response[97];
    char password_hex[200], halves_hex[129];
    uint8_t server_half[O5_HALF_LEN], client_half[O5_HALF_LEN], halves[64], combo[O5_COMBO_LEN];
    uint8_t block[80] = {0}, salt16[16] = {0};
    vector_server(&s, server_sesskey);
    unhex_exact(server_sesskey, server_half, O5_HALF_LEN);
    assert_int_equal(o5_aes256_cbc(s.ver.v, 0, server_half, O5_HALF_LEN, server_half), 0);
    fill_pattern(client_half, O5_HALF_LEN, 7);
    memcpy(halves, client_half, 32);
    memcpy(halves + 32, server_half, 32);
    o5_hex(halves, 64, halves_hex);
    assert_int_equal(PKCS5_PBKDF2_HMAC(halves_hex, 128, s.csk_salt, O5_CSK_SALT_LEN, O5_SDER_COUNT,
                                       EVP_sha512(), O5_COMBO_LEN, combo),
                     1);
    assert_int_equal(o5_aes256_cbc(s.ver.v, 1, client_half, O5_HALF_LEN, client_half), 0);
    o5_hex(client_half, O5_HALF_LEN, client_sesskey);
    memcpy(block + 16, k64, 64);
    assert_int_equal(o5_aes256_cbc(combo, 1, block, sizeof block, block), 0);
    o5_hex(block, sizeof block, speedy);
    assert_true(o5_encrypt_password(combo, salt16, password, password_hex, sizeof password_hex) >
                0);
    return o5_server_phase2(&s, client_sesskey, speedy, password_hex, response);
}

/*
 * The key exchange alone proves nothing: the speedy key (K64, which only the
 * password yields) is the proof.  AUTH_PASSWORD must decrypt, but is not
 * derived again (o5logon.c says why), so K64 with another password passes.
 */
static void test_each_check_matters(void **state)
{
    static const char suffix[] = "AUTH_PBKDF2_SPEEDY_KEY";
    uint8_t salt[O5_SALT_LEN + sizeof suffix - 1], k64[64], wrong_k64[64] = {0};
    unhex_exact(VFR_DATA, salt, O5_SALT_LEN);
    memcpy(salt + O5_SALT_LEN, suffix, sizeof suffix - 1);
    assert_int_equal(
        PKCS5_PBKDF2_HMAC(PASSWORD, 5, salt, sizeof salt, O5_VGEN_COUNT, EVP_sha512(), 64, k64), 1);
    assert_int_equal(forged_phase2(k64, PASSWORD), 0); /* the construction is right */
    assert_int_equal(forged_phase2(wrong_k64, "guess"), -1);
    assert_int_equal(forged_phase2(wrong_k64, PASSWORD), -1);
    assert_int_equal(forged_phase2(k64, "guess"), 0);
}

/* ---- malformed values ---- */

static void assert_phase2_fails(const char *sesskey, const char *speedy, const char *password)
{
    o5_server s;
    char server_sesskey[65], response[97];
    vector_server(&s, server_sesskey);
    assert_int_equal(o5_server_phase2(&s, sesskey, speedy, password, response), -1);
}

/* COPY with the character at POS replaced by C, which must differ from it. */
static const char *altered(char *copy, const char *text, size_t pos, char c)
{
    strcpy(copy, text);
    assert_true(copy[pos] != c);
    copy[pos] = c;
    return copy;
}

/* COPY with the hex digit at POS replaced by another hex digit. */
static const char *tampered(char *copy, const char *text, size_t pos)
{
    return altered(copy, text, pos, text[pos] == '0' ? '1' : '0');
}

static void test_server_rejects(void **state)
{
    char bad[2 * (16 + O5_MAX_PASSWORD_LEN + 32) + 1];
    assert_phase2_fails(NULL, SPEEDY_KEY, AUTH_PASSWORD);
    assert_phase2_fails(CLIENT_SESSKEY, NULL, AUTH_PASSWORD);
    assert_phase2_fails(CLIENT_SESSKEY, SPEEDY_KEY, NULL);
    assert_phase2_fails(CLIENT_SESSKEY "00", SPEEDY_KEY, AUTH_PASSWORD);
    assert_phase2_fails(&CLIENT_SESSKEY[2], SPEEDY_KEY, AUTH_PASSWORD);
    assert_phase2_fails(&CLIENT_SESSKEY[1], SPEEDY_KEY, AUTH_PASSWORD);
    assert_phase2_fails(altered(bad, CLIENT_SESSKEY, 10, 'Z'), SPEEDY_KEY, AUTH_PASSWORD);
    assert_phase2_fails(tampered(bad, CLIENT_SESSKEY, 10), SPEEDY_KEY, AUTH_PASSWORD);
    assert_phase2_fails(CLIENT_SESSKEY, &SPEEDY_KEY[2], AUTH_PASSWORD);
    assert_phase2_fails(CLIENT_SESSKEY, SPEEDY_KEY "00", AUTH_PASSWORD);
    assert_phase2_fails(CLIENT_SESSKEY, tampered(bad, SPEEDY_KEY, 100), AUTH_PASSWORD);
    assert_phase2_fails(CLIENT_SESSKEY, altered(bad, SPEEDY_KEY, 100, 'g'), AUTH_PASSWORD);
    assert_phase2_fails(CLIENT_SESSKEY, SPEEDY_KEY, &AUTH_PASSWORD[32]);
    assert_phase2_fails(CLIENT_SESSKEY, SPEEDY_KEY, &AUTH_PASSWORD[2]);
    assert_phase2_fails(CLIENT_SESSKEY, SPEEDY_KEY, AUTH_PASSWORD "00");
    assert_phase2_fails(CLIENT_SESSKEY, SPEEDY_KEY, tampered(bad, AUTH_PASSWORD, 40));
    assert_phase2_fails(CLIENT_SESSKEY, SPEEDY_KEY, "");
    memset(bad, 'A', 2 * (16 + O5_MAX_PASSWORD_LEN + 32));
    bad[2 * (16 + O5_MAX_PASSWORD_LEN + 32)] = '\0';
    assert_phase2_fails(CLIENT_SESSKEY, SPEEDY_KEY, bad); /* longer than any password */
}

static void assert_client_fails(const char *password, const char *vfr, uint32_t vgen,
                                const char *sesskey, const char *csk, uint32_t sder,
                                size_t password_hex_size)
{
    o5_client c;
    client_answer a;
    assert_true(password_hex_size <= sizeof a.password);
    assert_int_equal(o5_client_respond(&c, password, vfr, vgen, sesskey, csk, sder, a.sesskey,
                                       a.speedy, a.password, password_hex_size),
                     -1);
}

static void test_client_rejects(void **state)
{
    char too_long[O5_MAX_PASSWORD_LEN + 2];
    const size_t size = sizeof(((client_answer *)0)->password);
    memset(too_long, 'x', O5_MAX_PASSWORD_LEN + 1);
    too_long[O5_MAX_PASSWORD_LEN + 1] = '\0';
    assert_client_fails(NULL, VFR_DATA, 4096, SERVER_SESSKEY, CSK_SALT, 3, size);
    assert_client_fails(too_long, VFR_DATA, 4096, SERVER_SESSKEY, CSK_SALT, 3, size);
    assert_client_fails("tiger", VFR_DATA "00", 4096, SERVER_SESSKEY, CSK_SALT, 3, size);
    assert_client_fails("tiger", &VFR_DATA[2], 4096, SERVER_SESSKEY, CSK_SALT, 3, size);
    assert_client_fails("tiger", NULL, 4096, SERVER_SESSKEY, CSK_SALT, 3, size);
    assert_client_fails("tiger", VFR_DATA, 0, SERVER_SESSKEY, CSK_SALT, 3, size);
    assert_client_fails("tiger", VFR_DATA, 4096, SERVER_SESSKEY "00112233445566778899AABBCCDDEEFF",
                        CSK_SALT, 3, size); /* 48 bytes: the 11g mixing we do not do */
    assert_client_fails("tiger", VFR_DATA, 4096, &SERVER_SESSKEY[1], CSK_SALT, 3, size);
    assert_client_fails("tiger", VFR_DATA, 4096, "xy", CSK_SALT, 3, size);
    assert_client_fails("tiger", VFR_DATA, 4096, SERVER_SESSKEY, "", 3, size);
    assert_client_fails("tiger", VFR_DATA, 4096, SERVER_SESSKEY, "A0A", 3, size);
    assert_client_fails("tiger", VFR_DATA, 4096, SERVER_SESSKEY, NULL, 3, size);
    assert_client_fails("tiger", VFR_DATA, 4096, SERVER_SESSKEY, CSK_SALT, 0, size);
    assert_client_fails("tiger", VFR_DATA, 4096, SERVER_SESSKEY, CSK_SALT, 3, 64); /* needs 65 */
    o5_client c;
    client_answer a;
    assert_int_equal(client_answers(&c, "tiger", VFR_DATA, SERVER_SESSKEY, CSK_SALT, &a), 0);
}

static void test_check_response_rejects(void **state)
{
    o5_client c;
    char bad[200];
    unhex_exact(COMBO, c.combo, O5_COMBO_LEN);
    assert_int_equal(o5_client_check_response(&c, SVR_RESPONSE), 0);
    assert_int_equal(o5_client_check_response(&c, NULL), -1);
    assert_int_equal(o5_client_check_response(&c, ""), -1);
    assert_int_equal(o5_client_check_response(&c, &SVR_RESPONSE[64]), -1); /* 16 bytes */
    assert_int_equal(o5_client_check_response(&c, &SVR_RESPONSE[2]), -1);
    assert_int_equal(o5_client_check_response(&c, &SVR_RESPONSE[1]), -1);
    assert_int_equal(o5_client_check_response(&c, tampered(bad, SVR_RESPONSE, 5)), -1);
    assert_int_equal(o5_client_check_response(&c, altered(bad, SVR_RESPONSE, 5, '?')), -1);
    /* only the first two blocks matter */
    assert_int_equal(o5_client_check_response(&c, tampered(bad, SVR_RESPONSE, 70)), 0);
    c.combo[0] ^= 1;
    assert_int_equal(o5_client_check_response(&c, SVR_RESPONSE), -1);
}

/* ---- password blocks ---- */

static void test_password_blocks(void **state)
{
    uint8_t combo[O5_COMBO_LEN], salt16[16] = {0}, block[48];
    char hex[200], password[40];
    unhex_exact(COMBO, combo, sizeof combo);
    /* 16 + 16 bytes pad to 48 */
    assert_int_equal(o5_encrypt_password(combo, salt16, "0123456789abcdef", hex, sizeof hex), 96);
    assert_int_equal(o5_decrypt_password(combo, hex, password, sizeof password), 16);
    assert_string_equal(password, "0123456789abcdef");
    assert_int_equal(o5_decrypt_password(combo, hex, password, 16), -1); /* no room for NUL */
    assert_int_equal(o5_encrypt_password(combo, salt16, "0123456789abcdef", hex, 96), -1);
    assert_int_equal(o5_encrypt_password(combo, salt16, NULL, hex, sizeof hex), -1);
    assert_int_equal(o5_decrypt_password(combo, "00", password, sizeof password), -1);

    /* bad padding (0, 17, inconsistent) and an embedded NUL, made by hand */
    static const struct {
        int last, fill;
    } pads[] = {{0, 0}, {17, 17}, {3, 2}};
    for (size_t i = 0; i < sizeof pads / sizeof pads[0]; i++) {
        memset(block, 'a', 32);
        memset(block + 29, pads[i].fill, 2);
        block[31] = (uint8_t)pads[i].last;
        assert_int_equal(o5_aes256_cbc(combo, 1, block, 32, block), 0);
        o5_hex(block, 32, hex);
        assert_int_equal(o5_decrypt_password(combo, hex, password, sizeof password), -1);
    }
    memset(block, 'a', 32);
    block[20] = 0;
    memset(block + 28, 4, 4);
    assert_int_equal(o5_aes256_cbc(combo, 1, block, 32, block), 0);
    o5_hex(block, 32, hex);
    assert_int_equal(o5_decrypt_password(combo, hex, password, sizeof password), -1);
}

static void test_aes_rejects(void **state)
{
    uint8_t key[32] = {0}, data[32] = {0};
    assert_int_equal(o5_aes256_cbc(key, 1, data, 15, data), -1);
    assert_int_equal(o5_aes256_cbc(key, 0, data, 17, data), -1);
    assert_int_equal(o5_aes256_cbc(key, 1, data, 32, data), 0);
    assert_int_equal(o5_aes256_cbc(key, 0, data, 32, data), 0);
    static const uint8_t zeros[32];
    assert_memory_equal(data, zeros, 32);
}

static void test_verifier_rejects(void **state)
{
    o5_verifier v, w;
    assert_int_equal(o5_make_verifier(NULL, NULL, O5_VGEN_COUNT, &v), -1);
    assert_int_equal(o5_make_verifier("tiger", NULL, 0, &v), -1);
    /* fresh salts differ */
    assert_int_equal(o5_make_verifier("tiger", NULL, 16, &v), 0);
    assert_int_equal(o5_make_verifier("tiger", NULL, 16, &w), 0);
    assert_memory_not_equal(v.salt, w.salt, O5_SALT_LEN);
    assert_memory_not_equal(v.v, w.v, O5_VERIFIER_LEN);
}

/* The fast PBKDF2 against OpenSSL's: long keys, several output blocks, one round. */
static void test_pbkdf2_matches_openssl(void **state)
{
    static const struct {
        size_t key_len, salt_len, out_len;
        uint32_t rounds;
    } cases[] = {{5, 38, 64, 4096}, {0, 0, 32, 1}, {128, 16, 64, 3}, {129, 16, 100, 2},
                 {300, 200, 200, 10}, {64, 64, 1, 1}};
    uint8_t key[300], salt[200], mine[200], theirs[200];
    fill_pattern(key, sizeof key, 3);
    fill_pattern(salt, sizeof salt, 5);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pbkdf2_sha512(key, cases[i].key_len, salt, cases[i].salt_len, cases[i].rounds, mine,
                      cases[i].out_len);
        assert_int_equal(PKCS5_PBKDF2_HMAC((const char *)key, (int)cases[i].key_len, salt,
                                           (int)cases[i].salt_len, (int)cases[i].rounds,
                                           EVP_sha512(), (int)cases[i].out_len, theirs),
                         1);
        assert_memory_equal(mine, theirs, cases[i].out_len);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hex),
        cmocka_unit_test(test_pbkdf2_matches_openssl),
        cmocka_unit_test(test_verifier_vector),
        cmocka_unit_test(test_server_phase1_vector),
        cmocka_unit_test(test_client_vector),
        cmocka_unit_test(test_server_phase2_vector),
        cmocka_unit_test(test_recover_client_values),
        cmocka_unit_test(test_random_exchanges),
        cmocka_unit_test(test_wrong_password),
        cmocka_unit_test(test_each_check_matters),
        cmocka_unit_test(test_server_rejects),
        cmocka_unit_test(test_client_rejects),
        cmocka_unit_test(test_check_response_rejects),
        cmocka_unit_test(test_password_blocks),
        cmocka_unit_test(test_aes_rejects),
        cmocka_unit_test(test_verifier_rejects),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
