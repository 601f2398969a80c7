/*
 * fuzz_json.c - libFuzzer target for the JSON reader (src/common/json_text.c),
 * which reads whatever text a user stored: arbitrary bytes as a document
 * (lax and strict) and, split at the first NUL, as a path over it.  Whatever
 * reads as JSON must write back as strict JSON that reads again and writes
 * the same (a fixed point); every value a path selects lies inside the
 * document.  Build: `make fuzz` (scripts/run-fuzz.sh).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/json_text.h"

static void check(int ok)
{
    if (!ok) abort();
}

static void round_trip(const char *text, size_t len)
{
    json_value doc, again;
    int lax = json_document(text, len, 0, &doc) == 0;
    int strict = json_document(text, len, 1, &again) == 0;
    check(lax || !strict); /* strict JSON is lax JSON */
    if (!lax) return;
    buf once, twice;
    buf_init(&once);
    buf_init(&twice);
    json_write(&doc, &once);
    check(json_document((const char *)once.data, once.len, 1, &again) == 0);
    json_write(&again, &twice);
    check(once.len == twice.len && memcmp(once.data, twice.data, once.len) == 0);
    buf_free(&once);
    buf_free(&twice);
}

static void select_path(const char *text, size_t len, const char *path)
{
    json_value out[JSON_MAX_MATCHES];
    int n = json_path_eval(text, len, path, out);
    check(n >= -2 && n <= JSON_MAX_MATCHES);
    check((n == -2) == !json_path_is_valid(path));
    for (int i = 0; i < n; i++) {
        check(out[i].text >= text && out[i].text + out[i].len <= text + len);
        buf b;
        buf_init(&b);
        json_scalar_text(&out[i], &b);
        json_write(&out[i], &b);
        buf_free(&b);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    round_trip(text, size);
    const char *nul = memchr(data, 0, size);
    if (!nul) return 0;
    size_t doc_len = (size_t)(nul - text);
    char *path = malloc(size - doc_len);
    memcpy(path, nul + 1, size - doc_len - 1);
    path[size - doc_len - 1] = 0;
    select_path(text, doc_len, path);
    free(path);
    return 0;
}
