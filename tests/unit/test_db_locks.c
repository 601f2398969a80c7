/*
 * test_db_locks.c - SQLite's locks on the database in shared memory
 * (src/sga/db_locks.c): the WAL index's xShmLock rules (shared with shared,
 * exclusive alone, a range all or nothing, unlock of whatever is held), the
 * database file's levels (SHARED, RESERVED, PENDING keeping new readers
 * out, EXCLUSIVE once the readers are gone),
 * handles freed and reused, a dead process's and a dead instance's locks
 * released, a table that is full, and the -shm file's dead-man switch.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdlib.h>

#include "sga/db_locks.h"

#define LOCK_SHARED (SQLITE_SHM_LOCK | SQLITE_SHM_SHARED)
#define LOCK_EXCL (SQLITE_SHM_LOCK | SQLITE_SHM_EXCLUSIVE)
#define UNLOCK_SHARED (SQLITE_SHM_UNLOCK | SQLITE_SHM_SHARED)
#define UNLOCK_EXCL (SQLITE_SHM_UNLOCK | SQLITE_SHM_EXCLUSIVE)

static db_locks *table(int handles)
{
    return db_locks_init(calloc(1, db_locks_size(handles)), handles);
}

static void test_shared_and_exclusive(void **state)
{
    db_locks *w = table(4);
    int a = db_locks_open(w, 100, 1), b = db_locks_open(w, 101, 1);
    assert_true(a >= 0 && b >= 0 && a != b);
    assert_int_equal(db_locks_wal(w, a, 3, 1, LOCK_SHARED), SQLITE_OK);
    assert_int_equal(db_locks_wal(w, b, 3, 1, LOCK_SHARED), SQLITE_OK); /* shared with shared */
    assert_int_equal(db_locks_wal(w, b, 3, 1, LOCK_EXCL), SQLITE_BUSY); /* a holds it */
    assert_int_equal(db_locks_wal(w, a, 3, 1, UNLOCK_SHARED), SQLITE_OK);
    assert_int_equal(db_locks_wal(w, b, 3, 1, LOCK_EXCL), SQLITE_OK);   /* its own shared: ok */
    assert_int_equal(db_locks_wal(w, a, 3, 1, LOCK_SHARED), SQLITE_BUSY);
    assert_int_equal(db_locks_wal(w, b, 3, 1, UNLOCK_EXCL), SQLITE_OK);
    assert_int_equal(db_locks_wal(w, a, 3, 1, LOCK_SHARED), SQLITE_OK);
    /* a range: all of it or nothing */
    assert_int_equal(db_locks_wal(w, b, 1, 5, LOCK_EXCL), SQLITE_BUSY);
    assert_int_equal(db_locks_wal(w, b, 4, 4, LOCK_EXCL), SQLITE_OK);
    assert_int_equal(db_locks_wal(w, a, 4, 1, LOCK_SHARED), SQLITE_BUSY);
    assert_int_equal(db_locks_wal(w, a, 0, 1, LOCK_EXCL), SQLITE_OK); /* the write lock */
    assert_int_equal(db_locks_wal(w, b, 0, 1, LOCK_EXCL), SQLITE_BUSY);
    /* an unlock releases what is held of the range, shared or exclusive */
    assert_int_equal(db_locks_wal(w, b, 0, 8, UNLOCK_SHARED), SQLITE_OK);
    assert_int_equal(db_locks_wal(w, a, 4, 4, LOCK_EXCL), SQLITE_OK);
    assert_int_equal(db_locks_wal(w, b, 7, 1, LOCK_SHARED), SQLITE_BUSY);
    assert_int_equal(db_locks_wal(w, a, 9, 1, LOCK_SHARED), SQLITE_IOERR_SHMLOCK);
    free(w);
}

static void test_handles_close_and_die(void **state)
{
    db_locks *w = table(3);
    int a = db_locks_open(w, 200, 1), b = db_locks_open(w, 201, 2), c = db_locks_open(w, 201, 2);
    assert_int_equal(db_locks_open(w, 202, 1), -1); /* full */
    assert_int_equal(db_locks_wal(w, a, 0, 1, LOCK_EXCL), SQLITE_OK);
    db_locks_close(w, a); /* its write lock goes with it */
    assert_int_equal(db_locks_wal(w, b, 0, 1, LOCK_EXCL), SQLITE_OK);
    int d = db_locks_open(w, 203, 1);
    assert_int_equal(d, a); /* reused */
    assert_int_equal(db_locks_wal(w, d, 0, 1, LOCK_SHARED), SQLITE_BUSY);
    assert_int_equal(db_locks_wal(w, c, 5, 1, LOCK_SHARED), SQLITE_OK);
    /* process 201 dies: both of its connections' locks go */
    assert_int_equal(db_locks_release_process(w, 201), 2);
    assert_int_equal(db_locks_wal(w, d, 0, 1, LOCK_EXCL), SQLITE_OK);
    assert_int_equal(db_locks_wal(w, d, 5, 1, LOCK_EXCL), SQLITE_OK);
    /* instance 1 dies */
    int e = db_locks_open(w, 300, 2);
    assert_int_equal(db_locks_wal(w, e, 0, 1, LOCK_EXCL), SQLITE_BUSY);
    assert_int_equal(db_locks_release_instance(w, 1), 1);
    assert_int_equal(db_locks_wal(w, e, 0, 1, LOCK_EXCL), SQLITE_OK);
    free(w);
}

static void test_file_levels(void **state)
{
    db_locks *w = table(4);
    int a = db_locks_open(w, 400, 1), b = db_locks_open(w, 401, 1), c = db_locks_open(w, 402, 1);
    assert_int_equal(db_locks_file_lock(w, a, SQLITE_LOCK_SHARED), SQLITE_OK);
    assert_int_equal(db_locks_file_lock(w, b, SQLITE_LOCK_SHARED), SQLITE_OK);
    assert_int_equal(db_locks_file_lock(w, a, SQLITE_LOCK_RESERVED), SQLITE_OK);
    assert_int_equal(db_locks_file_reserved(w, b), 1);
    assert_int_equal(db_locks_file_reserved(w, a), 0); /* its own */
    assert_int_equal(db_locks_file_lock(w, b, SQLITE_LOCK_RESERVED), SQLITE_BUSY);
    /* EXCLUSIVE while b reads: PENDING stays, no new reader gets in */
    assert_int_equal(db_locks_file_lock(w, a, SQLITE_LOCK_EXCLUSIVE), SQLITE_BUSY);
    assert_int_equal(db_locks_file_lock(w, c, SQLITE_LOCK_SHARED), SQLITE_BUSY);
    assert_int_equal(db_locks_file_unlock(w, b, SQLITE_LOCK_NONE), SQLITE_OK);
    assert_int_equal(db_locks_file_lock(w, a, SQLITE_LOCK_EXCLUSIVE), SQLITE_OK);
    assert_int_equal(db_locks_file_lock(w, b, SQLITE_LOCK_SHARED), SQLITE_BUSY);
    assert_int_equal(db_locks_file_unlock(w, a, SQLITE_LOCK_SHARED), SQLITE_OK);
    assert_int_equal(db_locks_file_lock(w, b, SQLITE_LOCK_SHARED), SQLITE_OK);
    assert_int_equal(db_locks_file_lock(w, c, SQLITE_LOCK_SHARED), SQLITE_OK);
    /* straight from SHARED to EXCLUSIVE (SQLite's close of the WAL): only when alone */
    assert_int_equal(db_locks_file_lock(w, c, SQLITE_LOCK_EXCLUSIVE), SQLITE_BUSY);
    assert_int_equal(db_locks_file_unlock(w, c, SQLITE_LOCK_SHARED), SQLITE_OK);
    /* a dead process's levels go with it */
    assert_int_equal(db_locks_file_lock(w, b, SQLITE_LOCK_RESERVED), SQLITE_OK);
    assert_int_equal(db_locks_release_process(w, 401), 1);
    assert_int_equal(db_locks_file_reserved(w, c), 0);
    db_locks_close(w, a);
    assert_int_equal(db_locks_file_lock(w, c, SQLITE_LOCK_EXCLUSIVE), SQLITE_OK);
    free(w);
}

/* The -shm file's dead-man switch: the first process alone takes it exclusively (to reset the
 * WAL index), the others see it held and share it; it goes with its process, and with an
 * instance. */
static void test_dead_man_switch(void **state)
{
    db_locks *w = table(4);
    int a = db_locks_open(w, 100, 1), b = db_locks_open(w, 101, 1), c = db_locks_open(w, 102, 2);
    assert_int_equal(db_locks_dms_held(w, a), DB_LOCKS_DMS_NONE); /* alone */
    assert_int_equal(db_locks_dms(w, a, DB_LOCKS_DMS_EXCLUSIVE), SQLITE_OK);
    assert_int_equal(db_locks_dms_held(w, b), DB_LOCKS_DMS_EXCLUSIVE); /* a resets */
    assert_int_equal(db_locks_dms(w, b, DB_LOCKS_DMS_SHARED), SQLITE_BUSY);
    assert_int_equal(db_locks_dms(w, a, DB_LOCKS_DMS_SHARED), SQLITE_OK); /* a is done */
    assert_int_equal(db_locks_dms_held(w, a), DB_LOCKS_DMS_NONE);        /* only itself */
    assert_int_equal(db_locks_dms_held(w, b), DB_LOCKS_DMS_SHARED);
    assert_int_equal(db_locks_dms(w, b, DB_LOCKS_DMS_EXCLUSIVE), SQLITE_BUSY);
    assert_int_equal(db_locks_dms(w, b, DB_LOCKS_DMS_SHARED), SQLITE_OK);
    assert_int_equal(db_locks_dms(w, c, DB_LOCKS_DMS_SHARED), SQLITE_OK);
    assert_int_equal(db_locks_dms(w, a, DB_LOCKS_DMS_NONE), SQLITE_OK); /* a closed the file */
    assert_int_equal(db_locks_dms_held(w, a), DB_LOCKS_DMS_SHARED);
    assert_int_equal(db_locks_release_process(w, 101), 1); /* b died */
    assert_int_equal(db_locks_dms_held(w, a), DB_LOCKS_DMS_SHARED); /* c still */
    assert_int_equal(db_locks_release_instance(w, 2), 1);           /* c's instance died */
    assert_int_equal(db_locks_dms_held(w, a), DB_LOCKS_DMS_NONE);
    assert_int_equal(db_locks_dms(w, a, DB_LOCKS_DMS_EXCLUSIVE), SQLITE_OK);
    free(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shared_and_exclusive),
        cmocka_unit_test(test_handles_close_and_die),
        cmocka_unit_test(test_file_levels),
        cmocka_unit_test(test_dead_man_switch),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
