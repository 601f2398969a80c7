/*
 * test_ora_error.c - the table of Oracle error texts: sorted by number (it is
 * searched by halves, so one entry out of place hides others), texts with
 * their arguments filled in, and a generic text for a number it lacks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "common/ora_error.h"

static void test_table_is_sorted(void **state)
{
    assert_int_equal(ora_table_unsorted(), 0);
    assert_non_null(ora_text(1422)); /* an entry a misplaced neighbour once hid */
    assert_non_null(ora_text(1737));
    assert_non_null(ora_text(30076));
}

static void test_texts(void **state)
{
    ora_error e;
    assert_int_equal(ora_set(&e, ORA_TABLE_NOT_EXIST, 7), -1);
    assert_string_equal(e.msg, "ORA-00942: table or view does not exist");
    assert_int_equal(e.offset, 7);
    ora_set(&e, 1086, 0, "S1");
    assert_string_equal(e.msg, "ORA-01086: savepoint 'S1' never established in this session or is "
                               "invalid");
    ora_set(&e, 99999, 0);
    assert_int_equal(e.code, 99999);
    assert_true(strncmp(e.msg, "ORA-99999: ", 11) == 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_is_sorted),
        cmocka_unit_test(test_texts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
