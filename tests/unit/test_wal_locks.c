/*
 * test_wal_locks.c - the WAL index's locks in shared memory
 * (src/sga/wal_locks.c): SQLite's xShmLock rules (shared with shared,
 * exclusive alone, a range all or nothing, unlock of whatever is held),
 * handles freed and reused, a dead process's and a dead instance's locks
 * released, and a table that is full.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdlib.h>

#include "sga/wal_locks.h"

#define LOCK_SHARED (SQLITE_SHM_LOCK | SQLITE_SHM_SHARED)
#define LOCK_EXCL (SQLITE_SHM_LOCK | SQLITE_SHM_EXCLUSIVE)
#define UNLOCK_SHARED (SQLITE_SHM_UNLOCK | SQLITE_SHM_SHARED)
#define UNLOCK_EXCL (SQLITE_SHM_UNLOCK | SQLITE_SHM_EXCLUSIVE)

static wal_locks *table(int handles)
{
    return wal_locks_init(calloc(1, wal_locks_size(handles)), handles);
}

static void test_shared_and_exclusive(void **state)
{
    wal_locks *w = table(4);
    int a = wal_locks_open(w, 100, 1), b = wal_locks_open(w, 101, 1);
    assert_true(a >= 0 && b >= 0 && a != b);
    assert_int_equal(wal_locks_lock(w, a, 3, 1, LOCK_SHARED), SQLITE_OK);
    assert_int_equal(wal_locks_lock(w, b, 3, 1, LOCK_SHARED), SQLITE_OK); /* shared with shared */
    assert_int_equal(wal_locks_lock(w, b, 3, 1, LOCK_EXCL), SQLITE_BUSY); /* a holds it */
    assert_int_equal(wal_locks_lock(w, a, 3, 1, UNLOCK_SHARED), SQLITE_OK);
    assert_int_equal(wal_locks_lock(w, b, 3, 1, LOCK_EXCL), SQLITE_OK);   /* its own shared: ok */
    assert_int_equal(wal_locks_lock(w, a, 3, 1, LOCK_SHARED), SQLITE_BUSY);
    assert_int_equal(wal_locks_lock(w, b, 3, 1, UNLOCK_EXCL), SQLITE_OK);
    assert_int_equal(wal_locks_lock(w, a, 3, 1, LOCK_SHARED), SQLITE_OK);
    /* a range: all of it or nothing */
    assert_int_equal(wal_locks_lock(w, b, 1, 5, LOCK_EXCL), SQLITE_BUSY);
    assert_int_equal(wal_locks_lock(w, b, 4, 4, LOCK_EXCL), SQLITE_OK);
    assert_int_equal(wal_locks_lock(w, a, 4, 1, LOCK_SHARED), SQLITE_BUSY);
    assert_int_equal(wal_locks_lock(w, a, 0, 1, LOCK_EXCL), SQLITE_OK); /* the write lock */
    assert_int_equal(wal_locks_lock(w, b, 0, 1, LOCK_EXCL), SQLITE_BUSY);
    /* an unlock releases what is held of the range, shared or exclusive */
    assert_int_equal(wal_locks_lock(w, b, 0, 8, UNLOCK_SHARED), SQLITE_OK);
    assert_int_equal(wal_locks_lock(w, a, 4, 4, LOCK_EXCL), SQLITE_OK);
    assert_int_equal(wal_locks_lock(w, b, 7, 1, LOCK_SHARED), SQLITE_BUSY);
    assert_int_equal(wal_locks_lock(w, a, 9, 1, LOCK_SHARED), SQLITE_IOERR_SHMLOCK);
    free(w);
}

static void test_handles_close_and_die(void **state)
{
    wal_locks *w = table(3);
    int a = wal_locks_open(w, 200, 1), b = wal_locks_open(w, 201, 2), c = wal_locks_open(w, 201, 2);
    assert_int_equal(wal_locks_open(w, 202, 1), -1); /* full */
    assert_int_equal(wal_locks_lock(w, a, 0, 1, LOCK_EXCL), SQLITE_OK);
    wal_locks_close(w, a); /* its write lock goes with it */
    assert_int_equal(wal_locks_lock(w, b, 0, 1, LOCK_EXCL), SQLITE_OK);
    int d = wal_locks_open(w, 203, 1);
    assert_int_equal(d, a); /* reused */
    assert_int_equal(wal_locks_lock(w, d, 0, 1, LOCK_SHARED), SQLITE_BUSY);
    assert_int_equal(wal_locks_lock(w, c, 5, 1, LOCK_SHARED), SQLITE_OK);
    /* process 201 dies: both of its connections' locks go */
    assert_int_equal(wal_locks_release_process(w, 201), 2);
    assert_int_equal(wal_locks_lock(w, d, 0, 1, LOCK_EXCL), SQLITE_OK);
    assert_int_equal(wal_locks_lock(w, d, 5, 1, LOCK_EXCL), SQLITE_OK);
    /* instance 1 dies */
    int e = wal_locks_open(w, 300, 2);
    assert_int_equal(wal_locks_lock(w, e, 0, 1, LOCK_EXCL), SQLITE_BUSY);
    assert_int_equal(wal_locks_release_instance(w, 1), 1);
    assert_int_equal(wal_locks_lock(w, e, 0, 1, LOCK_EXCL), SQLITE_OK);
    free(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shared_and_exclusive),
        cmocka_unit_test(test_handles_close_and_die),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
