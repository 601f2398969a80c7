/*
 * fuzz_number.c - libFuzzer target for the NUMBER and DATE codecs: arbitrary
 * bytes as wire values and as text; whatever decodes must re-encode and come
 * back the same.  Build: `make fuzz` (scripts/run-fuzz.sh links each target
 * with the server sources).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "net/datetime.h"
#include "net/number.h"

#define TEXT_MAX 512

static void check(int ok)
{
    if (!ok) abort();
}

/* decode -> encode may normalise (rounding to 40 digits); after that it is a fixed point. */
static void fuzz_number_bytes(const uint8_t *data, size_t size)
{
    char text[ONUM_TEXT_MAX], text2[ONUM_TEXT_MAX];
    uint8_t bytes[ONUM_MAX_BYTES], bytes2[ONUM_MAX_BYTES];
    int64_t i64;
    double dbl;
    onum_to_int64(data, size, &i64);
    onum_to_double(data, size, &dbl);
    if (onum_to_text(data, size, text, sizeof text) < 0) return;
    int len = onum_from_text(text, bytes);
    if (len < 0) return; /* 41+ digits rounding up past 1e126 */
    check(onum_to_text(bytes, (size_t)len, text2, sizeof text2) >= 0);
    check(onum_from_text(text2, bytes2) == len && memcmp(bytes, bytes2, (size_t)len) == 0);
}

static void fuzz_date_bytes(const uint8_t *data, size_t size)
{
    odate d, back;
    uint8_t bytes[13];
    char text[48];
    if (odate_decode(data, size, &d) < 0) return;
    int len = d.has_tz ? odate_encode_tz(&d, bytes) : odate_encode(&d, size > 7, bytes);
    check(len == (d.has_tz ? 13 : size > 7 ? 11 : 7) && memcmp(bytes, data, (size_t)len) == 0);
    check(odate_format(&d, 9, text, sizeof text) > 0);
    check(odate_parse(text, &back) == 0 && memcmp(&back, &d, sizeof d) == 0);
}

static void fuzz_text(const uint8_t *data, size_t size)
{
    char text[TEXT_MAX + 1], out[ONUM_TEXT_MAX];
    uint8_t bytes[ONUM_MAX_BYTES];
    odate d;
    if (size > TEXT_MAX) size = TEXT_MAX;
    memcpy(text, data, size);
    text[size] = '\0';
    int len = onum_from_text(text, bytes);
    if (len > 0) check(onum_to_text(bytes, (size_t)len, out, sizeof out) > 0);
    if (odate_parse(text, &d) == 0) check(odate_format(&d, 9, out, sizeof out) > 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_number_bytes(data, size);
    fuzz_date_bytes(data, size);
    fuzz_text(data, size);
    return 0;
}
