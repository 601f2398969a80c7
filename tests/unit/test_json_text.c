/*
 * test_json_text.c - the JSON reader: lax and strict documents, path
 * expressions (fields, indexes, wildcards, Oracle's lax steps), scalar text
 * and compact writing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "common/json_text.h"

static int is_json(const char *text, int strict)
{
    json_value doc;
    return json_document(text, strlen(text), strict, &doc) == 0;
}

/* The values PATH selects in DOC, each written compactly, joined by '|'; or "ERR n". */
static const char *select(const char *doc, const char *path)
{
    static char out[512];
    json_value v[JSON_MAX_MATCHES];
    int n = json_path_eval(doc, strlen(doc), path, v);
    if (n < 0) {
        snprintf(out, sizeof out, "ERR %d", n);
        return out;
    }
    buf b;
    buf_init(&b);
    for (int i = 0; i < n; i++) {
        if (i) buf_putc(&b, '|');
        json_write(&v[i], &b);
    }
    snprintf(out, sizeof out, "%s", buf_cstr(&b));
    buf_free(&b);
    return out;
}

static void test_documents(void **state)
{
    assert_true(is_json("{\"a\": [1, -2.5e3, true, false, null, \"x\\u00e9\\n\"]}", 1));
    assert_true(is_json("  [ ]  ", 1));
    assert_true(is_json("42", 1)); /* a scalar is JSON text; IS JSON decides about scalars */
    /* lax: bare field names, single quotes, literals in any case */
    assert_true(is_json("{a: 'x', B_2: TRUE, c: Null}", 0));
    assert_false(is_json("{a: 'x'}", 1));
    assert_false(is_json("{\"a\": TRUE}", 1));
    static const char *const bad[] = {"", "{", "[1,]", "{\"a\" 1}", "[1 2]", "01", "1.", "-",
                                      "\"\\x\"", "\"a", "[1]]", "{\"a\":1,}", "nul", "truex",
                                      "\"\x01\"", "\"\\u12g4\""};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) assert_false(is_json(bad[i], 0));
    char deep[2 * JSON_MAX_DEPTH + 8];
    memset(deep, '[', JSON_MAX_DEPTH + 1);
    memset(deep + JSON_MAX_DEPTH + 1, ']', JSON_MAX_DEPTH + 1);
    deep[2 * JSON_MAX_DEPTH + 2] = 0;
    assert_false(is_json(deep, 0)); /* deeper than the limit */
    deep[JSON_MAX_DEPTH] = ' ', deep[JSON_MAX_DEPTH + 1] = ' ';
    assert_true(is_json(deep, 0));
}

static void test_paths(void **state)
{
    const char *doc = "{\"a\": {\"b\": [10, {\"c\": \"x\"}, [3]]}, \"my key\": 1, d: [{e: 1}, {e: 2}]}";
    assert_string_equal(select(doc, "$"), "{\"a\":{\"b\":[10,{\"c\":\"x\"},[3]]},\"my key\":1,\"d\":[{\"e\":1},{\"e\":2}]}");
    assert_string_equal(select(doc, "$.a.b[0]"), "10");
    assert_string_equal(select(doc, "$.a.b[1].c"), "\"x\"");
    assert_string_equal(select(doc, "$.\"my key\""), "1");
    assert_string_equal(select(doc, "$.a.b[*]"), "10|{\"c\":\"x\"}|[3]");
    assert_string_equal(select(doc, "$.a.b[2, 0]"), "10|[3]"); /* in document order */
    assert_string_equal(select(doc, "$.a.*"), "[10,{\"c\":\"x\"},[3]]");
    assert_string_equal(select(doc, "$.d.e"), "1|2");  /* lax: a field of each element */
    assert_string_equal(select(doc, "$.a[0].b[0]"), "10"); /* lax: a value is [value] */
    assert_string_equal(select(doc, "$.nothing"), "");
    assert_string_equal(select(doc, "$.a.b[7]"), "");
    assert_string_equal(select("not json", "$.a"), "ERR -1");
    static const char *const bad_paths[] = {"", "a", "$.", "$[", "$[x]", "$.a[1", "$..a", "$.a b",
                                            "$[1,]", "$.\"x"};
    for (size_t i = 0; i < sizeof bad_paths / sizeof *bad_paths; i++) {
        assert_false(json_path_is_valid(bad_paths[i]));
        assert_string_equal(select(doc, bad_paths[i]), "ERR -2");
    }
}

static void test_text(void **state)
{
    const char *doc = "['a\\\"b\\u00e9\\ud83d\\ude00', -0.5, TRUE, null, \"\\ud800\"]";
    json_value v[JSON_MAX_MATCHES];
    assert_int_equal(json_path_eval(doc, strlen(doc), "$[*]", v), 5);
    const char *want[] = {"a\"b\xc3\xa9\xf0\x9f\x98\x80", "-0.5", "true", "", "\xef\xbf\xbd"};
    for (int i = 0; i < 5; i++) {
        buf b;
        buf_init(&b);
        json_scalar_text(&v[i], &b);
        assert_string_equal(buf_cstr(&b), want[i]);
        buf_free(&b);
    }
    buf b;
    buf_init(&b);
    json_write_string("tab\there \"q\" \x01", 14, &b);
    assert_string_equal(buf_cstr(&b), "\"tab\\there \\\"q\\\" \\u0001\"");
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_documents),
        cmocka_unit_test(test_paths),
        cmocka_unit_test(test_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
