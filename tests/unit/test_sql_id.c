/*
 * test_sql_id.c - SQL_ID against values Oracle computes for the same texts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "common/sql_id.h"

static void expect(const char *text, const char *want)
{
    char got[SQL_ID_LEN + 1];
    sql_id(text, strlen(text), got);
    assert_string_equal(got, want);
}

static void test_vectors(void **state)
{
    expect("select * from dual", "a5ks9fhw2v9s1");
    expect("SELECT * FROM DUAL", "9g6pyx7qz035v");
    assert_int_equal(sql_hash_value("a5ks9fhw2v9s1"), 942515969u); /* Oracle's HASH_VALUE */
    assert_int_equal(sql_hash_value(""), 0);
    assert_int_equal(sql_hash_value("a5ks9fhw2v9s!"), 0);
}

static void test_shape(void **state)
{
    char a[SQL_ID_LEN + 1], b[SQL_ID_LEN + 1];
    sql_id("select 1 from dual", 18, a);
    sql_id("select 1 from dual ", 19, b); /* any byte changes it */
    assert_int_equal(strlen(a), 13);
    assert_string_not_equal(a, b);
    for (int i = 0; i < 13; i++) assert_non_null(strchr("0123456789abcdfghjkmnpqrstuvwxyz", a[i]));
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_vectors), cmocka_unit_test(test_shape)};
    return cmocka_run_group_tests_name("sql_id", tests, NULL, NULL);
}
