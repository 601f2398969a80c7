/*
 * test_pga_limit.c - session_pga_limit in one process: the heap measured
 * (malloc's figures or AddressSanitizer's), the safe point's ORA-04036 once
 * it is over the limit and not after the memory is freed, pga_would_exceed
 * (pga_check's question with room to spare), no limit at 0, and SQLite's
 * own allocations refused past the limit.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "common/ora_error.h"
#include "server/pga_limit.h"

#define MB (1u << 20)

/* A block of N bytes whose pages are really used. */
static char *touched_block(size_t n)
{
    char *p = malloc(n);
    assert_non_null(p);
    memset(p, 1, n);
    return p;
}

static void test_measure(void **state)
{
    pga_memory before = pga_measure();
    char *p = touched_block(20 * MB);
    pga_memory during = pga_measure();
    assert_true(during.used >= before.used + 20 * MB);
    assert_true(during.alloc >= during.used);
    free(p);
    assert_true(pga_measure().used < during.used - 10 * MB);
}

static void test_check_over_and_back(void **state)
{
    pga_limit_set(16);
    assert_int_equal(pga_limit_bytes(), 16 * MB);
    assert_int_equal(pga_check(), 0);
    char *p = touched_block(20 * MB);
    pga_limit_set(16); /* forget the last figure, which is fresh for 10 ms */
    assert_int_equal(pga_check(), ORA_PGA_LIMIT);
    free(p);
    assert_int_equal(pga_check(), 0); /* a refusal is measured again at once */
    pga_limit_set(0);
}

static void test_would_exceed(void **state)
{
    pga_limit_set(16);
    assert_int_equal(pga_would_exceed(1000), 0);
    assert_int_equal(pga_would_exceed(16 * MB + 1), 1);    /* more than the limit: no measuring */
    assert_int_equal(pga_would_exceed(16 * MB - 1000), 1); /* the heap in use counts too */
    pga_limit_set(0);
    assert_int_equal(pga_limit_bytes(), 0);
    assert_int_equal(pga_would_exceed((size_t)1 << 40), 0);
    char *p = touched_block(20 * MB);
    assert_int_equal(pga_check(), 0);
    free(p);
}

/* SQLite refuses its own allocations past the limit: the statement fails, the connection lives. */
static void test_sqlite_heap_limit(void **state)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    pga_limit_set(16);
    int rc = sqlite3_exec(db, "select hex(zeroblob(20000000))", NULL, NULL, NULL);
    assert_int_equal(rc, SQLITE_NOMEM);
    assert_int_equal(sqlite3_exec(db, "select hex(zeroblob(2000000))", NULL, NULL, NULL),
                     SQLITE_OK);
    pga_limit_set(0);
    assert_int_equal(sqlite3_exec(db, "select hex(zeroblob(20000000))", NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_measure),
        cmocka_unit_test(test_check_over_and_back),
        cmocka_unit_test(test_would_exceed),
        cmocka_unit_test(test_sqlite_heap_limit),
    };
    return cmocka_run_group_tests_name("pga_limit", tests, NULL, NULL);
}
