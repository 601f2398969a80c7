/*
 * test_plsql_collection.c - the container behind PL/SQL associative arrays
 * (src/plsql/plsql_collection.c) checked against a plain model: random puts
 * and deletes of integer keys keep the elements sorted, and FIRST/LAST,
 * NEXT/PRIOR (also from keys that are not there), range deletes and copies
 * agree with the model; text keys sort by bytes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "plsql/plsql_collection.h"

#define KEYS 200 /* the model: keys -100 .. 99, present[k + 100] */


/* The collection holds exactly the model's keys, each with its value, in order. */
static void check_model(const pl_coll *c, const int *present)
{
    int pos = 0;
    for (int k = -100; k < 100; k++) {
        const pval *v = pl_coll_get(c, &(pl_key){.i = k});
        if (!present[k + 100]) {
            assert_null(v);
            continue;
        }
        assert_non_null(v);
        assert_int_equal(v->i, k * 3);
        assert_int_equal(c->e[pos++].i, k);
    }
    assert_int_equal(pos, c->n);
}

/* The model's first key after / before K (-1000: none). */
static int model_step(const int *present, int k, int dir)
{
    int j = k + dir;
    if (j < -100) j = dir > 0 ? -100 : j;
    if (j > 99) j = dir < 0 ? 99 : j;
    for (; j >= -100 && j < 100; j += dir)
        if (present[j + 100]) return j;
    return -1000;
}

static void test_integer_keys_against_model(void **state)
{
    int present[KEYS] = {0};
    pl_coll *c = pl_coll_new(0);
    srand(7);
    for (int round = 0; round < 3000; round++) {
        int k = rand() % KEYS - 100, op = rand() % 10;
        if (op < 6) {
            pval *v = pl_coll_put(c, &(pl_key){.i = k});
            *v = pv_int(k * 3);
            present[k + 100] = 1;
        } else if (op < 9) {
            pl_coll_delete(c, &(pl_key){.i = k});
            present[k + 100] = 0;
        } else {
            int hi = k + rand() % 20;
            pl_coll_delete_range(c, &(pl_key){.i = k}, &(pl_key){.i = hi});
            for (int j = k; j <= hi && j < 100; j++) present[j + 100] = 0;
        }
        int probe = rand() % (KEYS + 20) - 110;
        int after = pl_coll_after(c, &(pl_key){.i = probe});
        int before = pl_coll_before(c, &(pl_key){.i = probe});
        assert_int_equal(after < 0 ? -1000 : c->e[after].i, model_step(present, probe, 1));
        assert_int_equal(before < 0 ? -1000 : c->e[before].i, model_step(present, probe, -1));
    }
    check_model(c, present);
    pl_coll *copy = pl_coll_copy(c);
    pl_coll_clear(c);
    assert_int_equal(c->n, 0);
    check_model(copy, present);
    pl_coll_delete_range(copy, &(pl_key){.i = 50}, &(pl_key){.i = -50}); /* lo > hi: nothing */
    check_model(copy, present);
    pl_coll_free(copy);
    pl_coll_free(c);
}

static void test_text_keys(void **state)
{
    static const char *const keys[] = {"b", "a", "ab", "Z", "", "é", "a"};
    pl_coll *c = pl_coll_new(1);
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        if (!*keys[i]) continue; /* '' is NULL: never a key */
        pval *v = pl_coll_put(c, &(pl_key){.s = keys[i]});
        pv_free(v);
        *v = pv_text(keys[i], strlen(keys[i]));
    }
    assert_int_equal(c->n, 5);
    const char *const sorted[] = {"Z", "a", "ab", "b", "é"};
    for (int i = 0; i < 5; i++) assert_string_equal(c->e[i].s, sorted[i]);
    assert_string_equal(c->e[pl_coll_after(c, &(pl_key){.s = "aa"})].s, "ab");
    assert_int_equal(pl_coll_before(c, &(pl_key){.s = "Z"}), -1);
    pl_coll_delete_range(c, &(pl_key){.s = "a"}, &(pl_key){.s = "az"});
    assert_int_equal(c->n, 3);
    assert_null(pl_coll_get(c, &(pl_key){.s = "ab"}));
    pl_coll_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_integer_keys_against_model),
        cmocka_unit_test(test_text_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
