/*
 * test_row_locks.c - row-level locking (row_locking = on, the default), with
 * real sessions: writers of different rows and tables never wait; a writer
 * of a locked row waits for the holder, shows it in V$SESSION, and then
 * works on the row as the holder left it (no lost update); uncommitted
 * changes stay private; a cycle of waits is ORA-00060 for one of them at
 * once; DDL on a table another transaction holds is ORA-00054 at once; a
 * holder ended by KILL SESSION or kill -9 releases its rows; savepoints and
 * LOCK TABLE's modes.
 */
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "harness.h"

static wi inst;

static int setup(void **state)
{
    wi_start_conf(&inst, "row_locking = on");
    wdn_conn *sys = wi_connect(&inst, "system", WI_PASSWORD);
    wi_exec(sys, "create table t1 (id number primary key, v number default 7, name varchar2(10))");
    wi_exec(sys, "create table t2 (id number primary key, v number)");
    for (int i = 1; i <= 5; i++) {
        assert_int_equal(wi_run(sys, "insert into t1 (id, v) values (%d, %d)", i, i * 10), 0);
        assert_int_equal(wi_run(sys, "insert into t2 values (%d, %d)", i, i * 10), 0);
    }
    wi_exec(sys, "commit");
    wdn_close(sys);
    return 0;
}

static int teardown(void **state)
{
    wi_stop(&inst);
    return 0;
}

static wdn_conn *session(void) { return wi_connect(&inst, "system", WI_PASSWORD); }

/* Uncommitted rows are the writer's alone; COMMIT shows them to everyone. */
static void test_changes_are_private_until_commit(void **state)
{
    wdn_conn *a = session(), *b = session();
    wi_exec(a, "insert into t1 (id) values (100)");
    wi_exec(a, "update t1 set name = 'x' where id = 1");
    wi_exec(a, "delete from t1 where id = 2");
    assert_int_equal(wi_count(a, "select v from t1 where id = 100"), 7); /* its DEFAULT */
    assert_int_equal(wi_count(a, "select count(*) from t1"), 5);
    assert_int_equal(wi_count(b, "select count(*) from t1 where id = 100 or name = 'x'"), 0);
    assert_int_equal(wi_count(b, "select count(*) from t1"), 5); /* 2 still there */
    /* ROWID and * through the session's own changes: as on the table. */
    char *mine = wi_scalar(a, "select rowid from t1 where id = 1");
    char *theirs = wi_scalar(b, "select rowid from t1 where id = 1");
    assert_non_null(mine);
    assert_string_equal(mine, theirs);
    assert_int_equal(wi_countf(a, "select count(*) from t1 where rowid = '%s' and name = 'x'", mine), 1);
    free(mine), free(theirs);
    wdn_cursor *cur = NULL;
    assert_int_equal(wdn_execute(a, "select * from t1", NULL, 0, &cur, NULL), 0);
    assert_int_equal(wdn_column_count(cur), 3);
    wdn_cursor_close(cur);
    assert_int_equal(wdn_rollback(a), 0);
    assert_int_equal(wi_count(a, "select count(*) from t1 where id = 100"), 0);
    wi_exec(a, "insert into t1 (id) values (100)");
    assert_int_equal(wdn_commit(a), 0);
    assert_int_equal(wi_count(b, "select count(*) from t1 where id = 100"), 1);
    wi_exec(a, "delete from t1 where id = 100");
    assert_int_equal(wdn_commit(a), 0);
    wdn_close(a), wdn_close(b);
}

/* Writers of different rows, of one table or of two, go on at once. */
static void test_different_rows_do_not_wait(void **state)
{
    wdn_conn *a = session(), *b = session();
    wi_exec(a, "update t1 set v = v + 1 where id = 1");
    double t0 = wi_now();
    wi_exec(b, "update t1 set v = v + 1 where id = 2");
    wi_exec(b, "update t2 set v = v + 1 where id = 1");
    assert_true(wi_now() - t0 < 1.0);
    assert_int_equal(wdn_commit(b), 0); /* commits do not wait for each other either */
    assert_true(wi_now() - t0 < 1.0);
    assert_int_equal(wdn_commit(a), 0);
    wdn_close(a), wdn_close(b);
}

/* A locked row: the writer waits for its holder, V$SESSION names it, and the update then
 * works on the committed row (11 + 100, not 10 + 100). */
static void test_waits_for_the_holder(void **state)
{
    wdn_conn *a = session(), *b = session(), *dba = session();
    wi_exec(a, "update t1 set v = 11 where id = 3");
    int asid, aserial, bsid, bserial;
    wdn_session_id(a, &asid, &aserial);
    wdn_session_id(b, &bsid, &bserial);
    wi_call w;
    wi_call_start(&w, b, "update t1 set v = v + 100 where id = 3");
    long seen = 0;
    for (int i = 0; i < 200 && !seen; i++) {
        seen = wi_countf(dba,
                         "select count(*) from v$session where sid = %d and blocking_session = %d"
                         " and event = 'enq: TX - row lock contention'",
                         bsid, asid);
        if (!seen) usleep(10000);
    }
    assert_int_equal(seen, 1);
    assert_true(w.done_at == 0);
    /* What a DBA looks at: the row, the locks, the blocker. */
    long t1 = wi_count(dba, "select object_id from dba_objects where object_name = 'T1'");
    assert_int_equal(wi_countf(dba, "select row_wait_obj# from v$session where sid = %d", bsid), t1);
    assert_int_equal(wi_countf(dba, "select count(*) from v$session where sid = %d and "
                                    "row_wait_row# = 3 and row_wait_file# = 1",
                               bsid),
                     1);
    assert_int_equal(wi_countf(dba, "select count(*) from v$lock where sid = %d and type = 'TX' "
                                    "and lmode = 6 and block = 1",
                               asid),
                     1);
    assert_int_equal(wi_countf(dba, "select count(*) from v$lock w, v$lock h where w.sid = %d "
                                    "and w.request = 6 and h.sid = %d and h.lmode = 6 and "
                                    "w.id1 = h.id1 and w.id2 = h.id2",
                               bsid, asid),
                     1);
    assert_int_equal(wi_countf(dba, "select count(*) from v$lock where sid = %d and type = 'TM' "
                                    "and id1 = %ld and lmode = 3",
                               asid, t1),
                     1);
    assert_int_equal(wi_countf(dba, "select count(*) from v$locked_object l, dba_objects o "
                                    "where l.object_id = o.object_id and o.object_name = 'T1' "
                                    "and l.session_id = %d and l.locked_mode = 3",
                               asid),
                     1);
    assert_int_equal(wi_countf(dba, "select count(*) from dba_blockers where holding_session = %d",
                               asid),
                     1);
    assert_int_equal(wi_countf(dba, "select count(*) from dba_waiters w, v$lock l where "
                                    "w.waiting_session = %d and w.holding_session = %d and "
                                    "l.sid = %d and l.request = 6 and l.id1 = w.lock_id1",
                               bsid, asid, bsid),
                     1);
    double t0 = wi_now();
    assert_int_equal(wdn_commit(a), 0);
    wi_call_join(&w);
    assert_int_equal(w.code, 0);
    assert_true(w.done_at - t0 < 1.0);
    assert_int_equal(wdn_commit(b), 0);
    assert_int_equal(wi_count(dba, "select v from t1 where id = 3"), 111);
    /* A holder that rolls back: the waiter works on the old row. */
    wi_exec(a, "update t1 set v = 0 where id = 3");
    wi_call_start(&w, b, "update t1 set v = v + 1 where id = 3");
    usleep(200000);
    assert_int_equal(wdn_rollback(a), 0);
    wi_call_join(&w);
    assert_int_equal(w.code, 0);
    assert_int_equal(wdn_commit(b), 0);
    assert_int_equal(wi_count(dba, "select v from t1 where id = 3"), 112);
    wdn_close(a), wdn_close(b), wdn_close(dba);
}

#define COUNTERS 4
#define INCREMENTS 50

static void *increment(void *arg)
{
    long *failures = arg;
    wdn_conn *c = session();
    for (int i = 0; i < INCREMENTS; i++)
        if (wi_run(c, "update t2 set v = v + 1 where id = 5") != 0 || wdn_commit(c) < 0)
            (*failures)++;
    wdn_close(c);
    return NULL;
}

/* N sessions each adding 1 K times: the counter gains exactly N * K. */
static void test_no_lost_updates(void **state)
{
    wdn_conn *dba = session();
    long before = wi_count(dba, "select v from t2 where id = 5");
    pthread_t th[COUNTERS];
    long failures[COUNTERS] = {0};
    for (int i = 0; i < COUNTERS; i++) pthread_create(&th[i], NULL, increment, &failures[i]);
    for (int i = 0; i < COUNTERS; i++) {
        pthread_join(th[i], NULL);
        assert_int_equal(failures[i], 0);
    }
    assert_int_equal(wi_count(dba, "select v from t2 where id = 5"), before + COUNTERS * INCREMENTS);
    wdn_close(dba);
}

/* Two sessions each waiting for the other: one gets ORA-00060 at once; its statement is undone,
 * its transaction and earlier rows are kept; the other goes on once it ends. */
static void test_deadlock(void **state)
{
    wdn_conn *a = session(), *b = session();
    wi_exec(a, "update t2 set v = v + 1 where id = 1");
    wi_exec(b, "update t2 set v = v + 1 where id = 2");
    wi_call w;
    wi_call_start(&w, a, "update t2 set v = v + 1 where id = 2");
    usleep(200000);
    double t0 = wi_now();
    assert_int_equal(wi_run(b, "update t2 set v = v + 1 where id = 1"), 60);
    assert_true(wi_now() - t0 < 1.0);
    assert_true(wi_alert_contains(&inst, "ORA-00060: Deadlock detected."));
    assert_true(wdn_in_transaction(b));
    assert_int_equal(wdn_rollback(b), 0);
    wi_call_join(&w);
    assert_int_equal(w.code, 0);
    assert_int_equal(wdn_rollback(a), 0);
    wdn_close(a), wdn_close(b);
}

/* DDL on a table another transaction has changed: ORA-00054 at once, not a wait. */
static void test_ddl_does_not_wait(void **state)
{
    wdn_conn *a = session(), *b = session();
    wi_exec(a, "update t2 set v = v where id = 3");
    double t0 = wi_now();
    assert_int_equal(wi_run(b, "alter table t2 add (w number)"), 54);
    assert_true(wi_now() - t0 < 1.0);
    wi_exec(b, "create table t3 (n number)"); /* other objects: at once */
    wi_exec(b, "drop table t3");
    assert_int_equal(wdn_rollback(a), 0);
    wi_exec(b, "alter table t2 add (w number)");
    wi_exec(a, "update t2 set w = 1 where id = 3"); /* a sees the new column */
    assert_int_equal(wdn_commit(a), 0);
    wi_exec(a, "create index t2_w on t2 (w)"); /* a table this session changed */
    wi_exec(a, "update t2 set w = 2 where id = 3");
    assert_int_equal(wdn_commit(a), 0);
    wi_exec(a, "drop index t2_w");
    wdn_close(a), wdn_close(b);
}

/* A holder ended by KILL SESSION or by kill -9 of its server: its rows are free at once. */
static void test_killed_holder_releases(void **state)
{
    for (int how = 0; how < 2; how++) {
        wdn_conn *a = session(), *b = session(), *dba = session();
        wi_exec(a, "update t2 set v = -1 where id = 4");
        wi_call w;
        wi_call_start(&w, b, "update t2 set v = v + 1 where id = 4");
        usleep(200000);
        int sid, serial;
        wdn_session_id(a, &sid, &serial);
        double t0 = wi_now();
        if (how == 0)
            assert_int_equal(wi_run(dba, "alter system kill session '%d,%d'", sid, serial), 0);
        else
            assert_int_equal(kill((pid_t)wdn_server_pid(a), SIGKILL), 0);
        wi_call_join(&w);
        assert_int_equal(w.code, 0);
        assert_true(w.done_at - t0 < 5.0);
        assert_int_equal(wdn_commit(b), 0);
        assert_true(wi_count(dba, "select v from t2 where id = 4") > 0); /* -1 never landed */
        wdn_close(a), wdn_close(b), wdn_close(dba);
    }
}

/* ROLLBACK TO SAVEPOINT undoes what came after it and frees the rows it had locked. */
static void test_savepoints(void **state)
{
    wdn_conn *a = session(), *b = session();
    wi_exec(a, "update t1 set v = 1 where id = 4");
    wi_exec(a, "savepoint s1");
    wi_exec(a, "update t1 set v = 2 where id = 4");
    wi_exec(a, "update t1 set v = 2 where id = 5");
    wi_exec(a, "insert into t1 (id) values (200)");
    wi_exec(a, "rollback to savepoint s1");
    assert_int_equal(wi_count(a, "select v from t1 where id = 4"), 1);
    assert_int_equal(wi_count(a, "select v from t1 where id = 5"), 50);
    assert_int_equal(wi_count(a, "select count(*) from t1 where id = 200"), 0);
    double t0 = wi_now();
    wi_exec(b, "update t1 set v = 55 where id = 5"); /* row 5's lock went with the savepoint */
    assert_true(wi_now() - t0 < 1.0);
    assert_int_equal(wdn_commit(b), 0);
    assert_int_equal(wi_fail(a, "rollback to savepoint nosuch", NULL), 1086);
    assert_int_equal(wdn_commit(a), 0);
    assert_int_equal(wi_count(b, "select v from t1 where id = 4"), 1);
    wdn_close(a), wdn_close(b);
}

/* LOCK TABLE follows Oracle's compatibility of table lock modes. */
static void test_lock_table_modes(void **state)
{
    wdn_conn *a = session(), *b = session();
    wi_exec(a, "lock table t2 in share mode");
    assert_int_equal(wi_run(b, "lock table t2 in row exclusive mode nowait"), 54);
    double t0 = wi_now();
    assert_int_equal(wi_run(b, "lock table t2 in exclusive mode wait 1"), 30006);
    assert_true(wi_now() - t0 >= 0.9 && wi_now() - t0 < 3.0);
    wi_exec(b, "lock table t2 in share mode nowait"); /* share with share */
    wi_exec(b, "lock table t1 in exclusive mode nowait"); /* another table */
    assert_int_equal(wi_run(b, "lock table t2 in some mode"), 1737);
    assert_int_equal(wdn_rollback(a), 0);
    assert_int_equal(wdn_rollback(b), 0);
    wi_exec(a, "update t2 set v = v where id = 1"); /* DML: row exclusive */
    assert_int_equal(wi_run(b, "lock table t2 in share mode nowait"), 54);
    wi_exec(b, "lock table t2 in row share mode nowait");
    assert_int_equal(wdn_rollback(a), 0);
    assert_int_equal(wdn_rollback(b), 0);
    /* Several tables at once: each is locked, or none (t2 busy: t1 is not kept either). */
    wi_exec(a, "lock table t1, system.t2 in exclusive mode nowait");
    int sid, serial;
    wdn_session_id(a, &sid, &serial);
    assert_int_equal(wi_countf(b, "select count(*) from v$lock where sid = %d and type = 'TM' "
                                  "and lmode = 6", sid), 2);
    assert_int_equal(wi_run(b, "lock table t2 in row share mode nowait"), 54);
    assert_int_equal(wdn_rollback(a), 0);
    wi_exec(a, "update t2 set v = v where id = 1");
    assert_int_equal(wi_run(b, "lock table t1, t2 in share mode nowait"), 54);
    wdn_session_id(b, &sid, &serial);
    assert_int_equal(wi_countf(a, "select count(*) from v$lock where sid = %d and type = 'TM'", sid),
                     0);
    assert_int_equal(wi_run(b, "lock table t1, no_such_table in share mode"), 942);
    assert_int_equal(wdn_rollback(a), 0);
    assert_int_equal(wdn_rollback(b), 0);
    wdn_close(a), wdn_close(b);
}

/* SELECT ... FOR UPDATE locks the rows it returns: NOWAIT, WAIT n, and waiting for them. */
static void test_select_for_update(void **state)
{
    wdn_conn *a = session(), *b = session();
    wi_exec(a, "select id from t1 where id <= 2 for update");
    /* FOR UPDATE began a's transaction: one XID in V$TRANSACTION, V$LOCKED_OBJECT and V$LOCK */
    int sid, serial;
    wdn_session_id(a, &sid, &serial);
    assert_int_equal(wi_countf(b,
                               "select count(*) from v$session s "
                               "join v$transaction t on t.addr = s.taddr "
                               "join v$locked_object o on o.xidusn = t.xidusn "
                               "and o.xidslot = t.xidslot and o.xidsqn = t.xidsqn "
                               "join v$lock l on l.sid = s.sid and l.type = 'TX' "
                               "and l.id1 = t.xidusn * 65536 + t.xidslot and l.id2 = t.xidsqn "
                               "where s.sid = %d and o.session_id = s.sid and l.lmode = 6",
                               sid),
                     1);
    assert_int_equal(wi_run(b, "select id from t1 where id = 1 for update nowait"), 54);
    double t0 = wi_now();
    assert_int_equal(wi_run(b, "select id from t1 where id = 2 for update wait 1"), 30006);
    assert_true(wi_now() - t0 >= 0.9 && wi_now() - t0 < 3.0);
    wi_exec(b, "select id from t1 where id = 3 for update nowait"); /* another row: at once */
    assert_int_equal(wi_count(b, "select v from t1 where id = 3 for update nowait"), 112);
    wi_call w;
    wi_call_start(&w, b, "update t1 set v = v + 1 where id = 1");
    usleep(200000);
    assert_true(w.done_at == 0); /* row 1 is a's */
    assert_int_equal(wdn_commit(a), 0);
    wi_call_join(&w);
    assert_int_equal(w.code, 0);
    assert_int_equal(wdn_rollback(b), 0);
    wdn_close(a), wdn_close(b);
}

/* Row R of TABLE is free for another session: its FOR UPDATE NOWAIT gets it (then lets go). */
static int row_free(wdn_conn *other, const char *table, int r)
{
    int rc = wi_run(other, "select id from %s where id = %d for update nowait", table, r);
    assert_int_equal(wdn_rollback(other), 0);
    return rc == 0;
}

/* FOR UPDATE of a join locks the rows of every table it names, or of those FOR UPDATE OF
 * names columns of (qualified, or found by name); SKIP LOCKED skips a row when any of its
 * rows is held; an outer join's missing side locks nothing. */
static void test_select_for_update_join(void **state)
{
    wdn_conn *a = session(), *b = session();
    wdn_cursor *cur = NULL;
    assert_int_equal(wdn_execute(a, "select t1.id, t2.v from t1 join t2 on t2.id = t1.id "
                                    "where t1.id = 3 for update", NULL, 0, &cur, NULL), 0);
    assert_int_equal(wdn_column_count(cur), 2); /* the rowids are the server's */
    wdn_cursor_close(cur);
    assert_false(row_free(b, "t1", 3));
    assert_false(row_free(b, "t2", 3));
    assert_true(row_free(b, "t1", 4));
    int sid, serial;
    wdn_session_id(a, &sid, &serial);
    assert_int_equal(wi_countf(b, "select count(*) from v$lock where sid = %d and type = 'TM'", sid),
                     2);
    assert_int_equal(wdn_rollback(a), 0);

    wi_exec(a, "select x.id from t1 x, t2 y where y.id = x.id and x.id = 3 for update of x.v");
    assert_false(row_free(b, "t1", 3));
    assert_true(row_free(b, "t2", 3));
    assert_int_equal(wdn_rollback(a), 0);
    wi_exec(a, "select t1.id from t1, t2 where t2.id = t1.id and t1.id = 3 for update of name");
    assert_false(row_free(b, "t1", 3)); /* only t1 has NAME */
    assert_true(row_free(b, "t2", 3));
    assert_int_equal(wdn_rollback(a), 0);
    assert_int_equal(wi_run(a, "select t1.id from t1, t2 where t2.id = t1.id for update of z.v"),
                     904);

    wi_exec(b, "select id from t2 where id = 2 for update");
    wdn_cursor *c2 = NULL;
    assert_int_equal(wdn_execute(a, "select t1.id from t1, t2 where t2.id = t1.id and t1.id in (1, 2) "
                                    "for update skip locked", NULL, 0, &c2, NULL), 0);
    int rows = 0;
    while (wdn_fetch(c2) == 1) rows++;
    wdn_cursor_close(c2);
    assert_int_equal(rows, 1); /* row 2's t2 row is b's */
    assert_int_equal(wdn_rollback(b), 0);
    assert_true(row_free(b, "t1", 2)); /* a let t1's row 2 go when it skipped it */
    assert_false(row_free(b, "t1", 1));
    assert_int_equal(wdn_rollback(a), 0);

    wi_exec(a, "select t1.id, y.id from t1 left join t2 y on y.id = t1.id + 100 where t1.id = 5 "
               "for update");
    assert_false(row_free(b, "t1", 5));
    assert_int_equal(wdn_rollback(a), 0);
    wdn_close(a), wdn_close(b);
}

#define QUEUE_ITEMS 40
#define QUEUE_WORKERS 4

static unsigned char taken[QUEUE_ITEMS + 1];

/* One worker: take the first free item with SKIP LOCKED, mark it done, commit; until none. */
static void *drain(void *arg)
{
    long *done = arg;
    wdn_conn *c = session();
    for (int guard = 0; guard < QUEUE_ITEMS * 4; guard++) {
        char *id = wi_scalar(c, "select id from queue where state = 0 and rownum = 1 "
                                "for update skip locked");
        if (!id) break;
        int item = atoi(id);
        free(id);
        assert_true(item >= 1 && item <= QUEUE_ITEMS);
        assert_int_equal(__atomic_fetch_add(&taken[item], 1, __ATOMIC_RELAXED), 0);
        assert_int_equal(wi_run(c, "update queue set state = 1 where id = %d", item), 0);
        usleep(2000);
        assert_int_equal(wdn_commit(c), 0);
        (*done)++;
    }
    wdn_close(c);
    return NULL;
}

/* Four workers drain a queue table with SKIP LOCKED: each item exactly once. */
static void test_skip_locked_queue(void **state)
{
    wdn_conn *sys = session();
    wi_exec(sys, "create table queue (id number primary key, state number)");
    for (int i = 1; i <= QUEUE_ITEMS; i++)
        assert_int_equal(wi_run(sys, "insert into queue values (%d, 0)", i), 0);
    assert_int_equal(wdn_commit(sys), 0);
    pthread_t th[QUEUE_WORKERS];
    long done[QUEUE_WORKERS] = {0};
    for (int i = 0; i < QUEUE_WORKERS; i++) pthread_create(&th[i], NULL, drain, &done[i]);
    long total = 0;
    for (int i = 0; i < QUEUE_WORKERS; i++) {
        pthread_join(th[i], NULL);
        total += done[i];
    }
    assert_int_equal(total, QUEUE_ITEMS);
    assert_int_equal(wi_count(sys, "select count(*) from queue where state = 1"), QUEUE_ITEMS);
    for (int i = 1; i <= QUEUE_ITEMS; i++) assert_int_equal(taken[i], 1);
    wdn_close(sys);
}

/* A key another open transaction inserted: wait for it; ORA-00001 if it commits, the row goes
 * in if it rolls back. */
static void test_unique_key_waits(void **state)
{
    wdn_conn *a = session(), *b = session();
    for (int commit = 1; commit >= 0; commit--) {
        wi_exec(a, "insert into t1 (id) values (300)");
        wi_call w;
        wi_call_start(&w, b, "insert into t1 (id, v) values (300, 1)");
        usleep(300000);
        assert_true(w.done_at == 0); /* waiting for a's key */
        if (commit) assert_int_equal(wdn_commit(a), 0);
        else assert_int_equal(wdn_rollback(a), 0);
        wi_call_join(&w);
        assert_int_equal(w.code, commit ? 1 : 0);
        if (commit) assert_int_equal(wi_count(b, "select v from t1 where id = 300"), 7);
        assert_int_equal(wdn_rollback(b), 0);
        wi_exec(a, "delete from t1 where id = 300");
        assert_int_equal(wdn_commit(a), 0);
    }
    wdn_close(a), wdn_close(b);
}

/* A key given explicitly in an INTEGER PRIMARY KEY (SQLite's rowid) is passed by the keys
 * given to later rows, of this session and of others. */
static void test_explicit_integer_keys(void **state)
{
    wdn_conn *a = session(), *b = session();
    wi_exec(a, "create table ik (id integer primary key, v varchar2(10))");
    wi_exec(a, "insert into ik values (2, 'given')");
    wi_exec(a, "insert into ik (v) values ('a')");
    wi_exec(a, "insert into ik (v) values ('b')");
    assert_int_equal(wdn_commit(a), 0);
    wi_exec(b, "insert into ik (v) values ('c')");
    assert_int_equal(wdn_commit(b), 0);
    assert_int_equal(wi_count(b, "select count(distinct id) from ik where id > 2"), 3);
    wi_exec(a, "drop table ik");
    wdn_close(a), wdn_close(b);
}

/* Session A's statements on a table that B dropped and created again work on the new table
 * under A's row locks and transaction, whether prepared before or after. */
static void test_table_created_again(void **state)
{
    wdn_conn *a = session(), *b = session();
    const char *create = "create table t5 (id number primary key, v varchar2(10))";
    wi_exec(b, create);
    wi_exec(b, "insert into t5 values (1, 'x')");
    assert_int_equal(wdn_commit(b), 0);
    wdn_stmt *upd = wdn_prepare(a, "update t5 set v = 'A' where id = 1");
    wdn_stmt *ins = wdn_prepare(a, "insert into t5 values (2, 'new')");
    uint64_t rows = 0;
    assert_int_equal(wdn_stmt_execute(upd, NULL, 0, NULL, &rows), 0);
    assert_int_equal(rows, 1);
    assert_int_equal(wdn_stmt_execute(ins, NULL, 0, NULL, NULL), 0);
    assert_int_equal(wdn_rollback(a), 0);
    for (int prepared = 1; prepared >= 0; prepared--) {
        wi_exec(b, "drop table t5");
        wi_exec(b, create);
        wi_exec(b, "insert into t5 values (1, 'x')");
        assert_int_equal(wdn_commit(b), 0);
        rows = 0;
        if (prepared) assert_int_equal(wdn_stmt_execute(upd, NULL, 0, NULL, &rows), 0);
        else rows = wi_exec(a, "update t5 set v = 'A' where id = 1");
        assert_int_equal(rows, 1);
        if (prepared) assert_int_equal(wdn_stmt_execute(ins, NULL, 0, NULL, NULL), 0);
        else wi_exec(a, "insert into t5 values (2, 'new')");
        assert_int_equal(wi_count(a, "select count(*) from t5"), 2);
        assert_int_equal(wi_count(b, "select count(*) from t5"), 1);
        char *v = wi_scalar(b, "select v from t5 where id = 1");
        assert_string_equal(v, "x"); /* A's change is A's until it commits */
        free(v);
        assert_int_equal(wi_run(b, "select id from t5 where id = 1 for update nowait"), 54);
        assert_int_equal(wdn_rollback(a), 0);
        v = wi_scalar(b, "select v from t5 where id = 1");
        assert_string_equal(v, "x"); /* and gone with its rollback */
        free(v);
    }
    wi_exec(b, "drop table t5");
    assert_int_equal(wdn_stmt_execute(upd, NULL, 0, NULL, NULL), -1); /* gone for good */
    assert_int_equal(wdn_last_error(a)->code, 942);
    wdn_stmt_close(upd);
    wdn_stmt_close(ins);
    wdn_close(a), wdn_close(b);
}

/* COMMIT while a query of the same session is still open (fetch across commit), after others
 * committed: the commit works and the query goes on. */
static void test_commit_with_open_cursor(void **state)
{
    wdn_conn *a = session(), *b = session();
    wdn_set_arraysize(a, 1);
    wdn_cursor *cur = NULL;
    assert_int_equal(wdn_execute(a, "select id from t2 order by id", NULL, 0, &cur, NULL), 0);
    assert_int_equal(wdn_fetch(cur), 1);
    wi_exec(b, "update t2 set v = v + 1 where id = 2");
    assert_int_equal(wdn_commit(b), 0);
    wi_exec(a, "update t2 set v = v + 1 where id = 3");
    assert_int_equal(wdn_commit(a), 0);
    int rows = 1;
    while (wdn_fetch(cur) == 1) rows++;
    assert_int_equal(rows, 5);
    wdn_cursor_close(cur);
    wdn_close(a), wdn_close(b);
}

/* A query cursor whose rows a COMMIT kept (it was still open), executed again by the client
 * (a driver's statement cache): it runs again, it does not serve the kept rows. */
static void test_reexecute_kept_cursor(void **state)
{
    wdn_conn *a = session();
    wi_exec(a, "create table kept (n number)");
    for (int i = 1; i <= 3; i++) wi_run(a, "insert into kept values (%d)", i);
    assert_int_equal(wdn_commit(a), 0);
    wdn_set_arraysize(a, 1);
    wdn_stmt *q = wdn_prepare(a, "select n from kept order by n");
    wdn_cursor *cur = NULL;
    assert_int_equal(wdn_stmt_execute(q, NULL, 0, &cur, NULL), 0);
    assert_int_equal(wdn_fetch(cur), 1);
    wi_exec(a, "insert into kept values (4)");
    assert_int_equal(wdn_commit(a), 0); /* keeps the open query's rows 2 and 3 */
    wdn_cursor_close(cur);
    assert_int_equal(wdn_stmt_execute(q, NULL, 0, &cur, NULL), 0);
    int rows = 0;
    while (wdn_fetch(cur) == 1) rows++;
    assert_int_equal(rows, 4);
    wdn_cursor_close(cur);
    wdn_stmt_close(q);
    wi_exec(a, "drop table kept");
    wdn_close(a);
}

/* DDL on a table the session is still fetching from: the query goes on with what it saw (the
 * DDL no longer fails with ORA-00054 because the query reads through the session's overlay). */
static void test_ddl_with_open_cursor(void **state)
{
    wdn_conn *a = session();
    wi_exec(a, "create table ddlcur (n number)");
    for (int i = 1; i <= 5; i++) wi_run(a, "insert into ddlcur values (%d)", i);
    assert_int_equal(wdn_commit(a), 0);
    wdn_set_arraysize(a, 1);
    wdn_cursor *cur = NULL;
    assert_int_equal(wdn_execute(a, "select n from ddlcur order by n", NULL, 0, &cur, NULL), 0);
    assert_int_equal(wdn_fetch(cur), 1);
    wi_exec(a, "truncate table ddlcur");
    int rows = 1;
    while (wdn_fetch(cur) == 1) rows++;
    assert_int_equal(rows, 5);
    wdn_cursor_close(cur);
    assert_int_equal(wi_count(a, "select count(*) from ddlcur"), 0);
    wi_exec(a, "drop table ddlcur");
    wdn_close(a);
}

/* A user without ANY privileges works on its own tables the same way (the session's own
 * TEMP objects are not the user's to be refused). */
static void test_plain_user(void **state)
{
    wdn_conn *sys = session();
    wi_exec(sys, "create user plain identified by pw");
    wi_exec(sys, "grant connect, resource to plain");
    wdn_close(sys);
    wdn_conn *p = wi_connect(&inst, "plain", "pw");
    wi_exec(p, "create table mine (id number primary key, v number)");
    wi_exec(p, "insert into mine values (1, 1)");
    wi_exec(p, "insert into mine (id) values (2)");
    wi_exec(p, "update mine set v = 5 where id = 2");
    wi_exec(p, "delete from mine where id = 1");
    wi_exec(p, "select id from mine for update nowait");
    assert_int_equal(wdn_commit(p), 0);
    assert_int_equal(wi_count(p, "select v from mine where id = 2"), 5);
    assert_int_equal(wi_run(p, "update t1 set v = 0"), 942); /* not its table */
    wdn_close(p);
}

/* A foreign key is checked when the row is written, against the parent as the session sees
 * it: its own new parent row counts, a missing one is ORA-02291 at once. */
static void test_foreign_keys(void **state)
{
    wdn_conn *a = session();
    wi_exec(a, "create table par (id number primary key)");
    wi_exec(a, "create table chi (id number primary key, par_id number references par)");
    assert_int_equal(wi_run(a, "insert into chi values (1, 5)"), 2291);
    wi_exec(a, "insert into par values (5)");
    wi_exec(a, "insert into chi values (1, 5)"); /* its own uncommitted parent */
    wi_exec(a, "insert into chi values (2, null)");
    assert_int_equal(wi_run(a, "update chi set par_id = 6 where id = 1"), 2291);
    assert_int_equal(wdn_commit(a), 0); /* chi's changes were applied before par's */
    assert_int_equal(wi_count(a, "select count(*) from chi"), 2);
    /* The parent side: a parent with children is refused at the DELETE, the transaction
     * going on; without them (deleted first) it goes; ON DELETE CASCADE is not refused. */
    wi_exec(a, "insert into par values (6)");
    assert_int_equal(wi_run(a, "delete from par where id = 5"), 2292);
    assert_int_equal(wi_count(a, "select count(*) from par"), 2); /* 5 still there, 6 too */
    assert_int_equal(wi_run(a, "update par set id = 50 where id = 5"), 2292); /* its key too */
    wi_exec(a, "update par set id = 60 where id = 6"); /* no children: the key may change */
    wi_exec(a, "delete from chi where par_id = 5");
    wi_exec(a, "delete from par where id = 5");
    assert_int_equal(wdn_commit(a), 0);
    assert_int_equal(wi_count(a, "select count(*) from par"), 1);
    wi_exec(a, "create table kid (id number primary key, par_id number references par on delete cascade)");
    wi_exec(a, "insert into kid values (1, 60)");
    assert_int_equal(wdn_commit(a), 0);
    /* ... but its key may not change under the child (Oracle has no ON UPDATE action):
     * refused at the statement, not at the COMMIT */
    assert_int_equal(wi_run(a, "update par set id = 61 where id = 60"), 2292);
    assert_int_equal(wdn_commit(a), 0);
    assert_int_equal(wi_count(a, "select count(*) from par where id = 60"), 1);
    wi_exec(a, "delete from par where id = 60");
    assert_int_equal(wdn_commit(a), 0);
    assert_int_equal(wi_count(a, "select count(*) from kid"), 0);
    wi_exec(a, "drop table kid");
    wi_exec(a, "drop table chi");
    wi_exec(a, "drop table par");
    /* A table that refers to itself: the UPDATE's new parent is among the inserted rows. */
    wi_exec(a, "create table boss (id number primary key, mgr number references boss)");
    wi_exec(a, "insert into boss values (1, null)");
    assert_int_equal(wdn_commit(a), 0);
    wi_exec(a, "insert into boss values (2, null)");
    wi_exec(a, "update boss set mgr = 2 where id = 1");
    assert_int_equal(wdn_commit(a), 0);
    assert_int_equal(wi_count(a, "select mgr from boss where id = 1"), 2);
    wi_exec(a, "drop table boss");
    wdn_close(a);
}

/*
 * ON DELETE CASCADE / SET NULL act at the DELETE, as in Oracle: the session
 * sees its parent's children gone (or their key NULL) before it commits, a
 * ROLLBACK brings them back, and the DELETE counts only its own rows.  The
 * children are locked like the statement's own rows: a child another open
 * transaction changed makes the DELETE wait for it, with that transaction
 * its blocker on the child's row.  Cascades go on down (a grandchild, a
 * table that refers to itself) and stop at a NO ACTION grandchild
 * (ORA-02292); a parent and child this transaction inserted go together.
 */
static void test_delete_actions(void **state)
{
    wdn_conn *a = session(), *b = session();
    wi_exec(a, "create table da_par (id number primary key)");
    wi_exec(a, "create table da_kid (id number primary key, par_id number references da_par "
               "on delete cascade, n number)");
    wi_exec(a, "create table da_pet (id number primary key, par_id number references da_par "
               "on delete set null)");
    wi_exec(a, "create table da_toy (id number primary key, kid_id number references da_kid "
               "on delete cascade)");
    for (int id = 1; id <= 3; id++)
        wi_run(a, "insert into da_par values (%d)", id);
    wi_exec(a, "insert into da_kid values (10, 1, 0)");
    wi_exec(a, "insert into da_kid values (11, 1, 0)");
    wi_exec(a, "insert into da_kid values (20, 2, 0)");
    wi_exec(a, "insert into da_pet values (100, 1)");
    wi_exec(a, "insert into da_toy values (1000, 10)");
    assert_int_equal(wdn_commit(a), 0);

    /* at the DELETE, seen by its own session only; the count is the parent's */
    assert_int_equal(wi_exec(a, "delete from da_par where id = 1"), 1);
    assert_int_equal(wi_count(a, "select count(*) from da_kid where par_id = 1"), 0);
    assert_int_equal(wi_count(a, "select count(*) from da_toy"), 0);
    assert_int_equal(wi_count(a, "select count(*) from da_pet where par_id is null"), 1);
    assert_int_equal(wi_count(b, "select count(*) from da_kid where par_id = 1"), 2);
    assert_int_equal(wi_countf(b, "select count(*) from v$locked_object l, dba_objects o where "
                                  "o.object_id = l.object_id and o.object_name in ('DA_KID', "
                                  "'DA_PET', 'DA_TOY') and l.locked_mode = 3"),
                     3);
    assert_int_equal(wdn_rollback(a), 0);
    assert_int_equal(wi_count(a, "select count(*) from da_kid where par_id = 1"), 2);
    assert_int_equal(wi_count(a, "select count(*) from da_pet where par_id = 1"), 1);

    /* b holds a child row: a's DELETE waits for b, on that row */
    int asid, aserial, bsid, bserial;
    wdn_session_id(a, &asid, &aserial);
    wdn_session_id(b, &bsid, &bserial);
    wi_exec(b, "update da_kid set n = 1 where id = 20");
    wi_call w;
    wi_call_start(&w, a, "delete from da_par where id = 2");
    usleep(300000);
    assert_true(w.done_at == 0);
    assert_int_equal(wi_countf(b,
                               "select count(*) from v$session s, dba_objects o where s.sid = %d "
                               "and s.blocking_session = %d and s.event = 'enq: TX - row lock "
                               "contention' and o.object_id = s.row_wait_obj# and "
                               "o.object_name = 'DA_KID'",
                               asid, bsid),
                     1);
    assert_int_equal(wdn_commit(b), 0);
    wi_call_join(&w);
    assert_int_equal(w.code, 0);
    assert_int_equal(wi_count(a, "select count(*) from da_kid where par_id = 2"), 0);
    assert_int_equal(wdn_commit(a), 0);
    assert_int_equal(wi_count(b, "select count(*) from da_kid"), 2);

    /* a parent and child inserted in this transaction go together */
    wi_exec(a, "insert into da_par values (7)");
    wi_exec(a, "insert into da_kid values (70, 7, 0)");
    wi_exec(a, "insert into da_toy values (7000, 70)");
    wi_exec(a, "delete from da_par where id = 7");
    assert_int_equal(wi_count(a, "select count(*) from da_toy where id = 7000"), 0);
    assert_int_equal(wdn_commit(a), 0);

    /* a NO ACTION grandchild stops the cascade; the transaction goes on */
    wi_exec(a, "create table da_note (id number primary key, toy_id number references da_toy)");
    wi_exec(a, "insert into da_note values (1, 1000)");
    assert_int_equal(wdn_commit(a), 0);
    assert_int_equal(wi_run(a, "delete from da_par where id = 1"), 2292);
    assert_int_equal(wi_count(a, "select count(*) from da_kid where par_id = 1"), 2);
    wi_exec(a, "delete from da_note");
    assert_int_equal(wi_exec(a, "delete from da_par where id = 1"), 1);
    assert_int_equal(wdn_commit(a), 0);
    assert_int_equal(wi_count(b, "select count(*) from da_kid"), 0);
    assert_int_equal(wi_count(b, "select count(*) from da_toy"), 0);
    assert_int_equal(wi_count(b, "select count(*) from da_pet where par_id is null"), 1);

    /* a table that refers to itself: the whole tree under the row goes */
    wi_exec(a, "create table da_emp (id number primary key, mgr number references da_emp "
               "on delete cascade)");
    wi_exec(a, "insert into da_emp values (1, null)");
    for (int id = 2; id <= 31; id++)
        wi_run(a, "insert into da_emp values (%d, %d)", id, id / 2);
    wi_exec(a, "insert into da_emp values (100, null)");
    assert_int_equal(wdn_commit(a), 0);
    assert_int_equal(wi_exec(a, "delete from da_emp where id = 2"), 1);
    /* 2's subtree: 2, 4-5, 8-11, 16-23 (and 32 is not there): 15 rows */
    assert_int_equal(wi_count(a, "select count(*) from da_emp"), 32 - 15);
    assert_int_equal(wdn_commit(a), 0);
    assert_int_equal(wi_count(b, "select count(*) from da_emp"), 32 - 15);
    for (const char *t = "da_note da_toy da_pet da_kid da_par da_emp"; *t;) {
        char name[16];
        int len = (int)strcspn(t, " ");
        snprintf(name, sizeof name, "%.*s", len, t);
        wi_run(a, "drop table %s", name);
        t += len + (t[len] == ' ');
    }
    wdn_close(b);
    wdn_close(a);
}

/* STMT on B while A holds what it needs: B waits, A its blocker in V$SESSION; A's COMMIT (or
 * ROLLBACK) ends the wait, and B's statement ends with WANT (an ORA code, 0 for success). */
static void waits_for_a(wdn_conn *a, wdn_conn *b, const char *stmt, int commit, int want)
{
    int asid, aserial, bsid, bserial;
    wdn_session_id(a, &asid, &aserial);
    wdn_session_id(b, &bsid, &bserial);
    wi_call w;
    wi_call_start(&w, b, stmt);
    usleep(300000);
    assert_true(w.done_at == 0); /* waiting for a */
    assert_int_equal(wi_countf(a,
                               "select count(*) from v$session where sid = %d and "
                               "blocking_session = %d and event = 'enq: TX - row lock contention'"
                               " and row_wait_row# = 0", /* a key, not a row */
                               bsid, asid),
                     1);
    if (commit) assert_int_equal(wdn_commit(a), 0);
    else assert_int_equal(wdn_rollback(a), 0);
    wi_call_join(&w);
    assert_int_equal(w.code, want);
}

/* A parent key and its children across open transactions, as Oracle has them: a child
 * inserted under a parent another transaction deleted waits for it (ORA-02291 if it commits,
 * in if it rolls back), and under a parent another transaction inserted (in if it commits);
 * a parent deleted, or its key changed, under another transaction's new child waits for it
 * (ORA-02292 if it commits, gone if it rolls back); a key another transaction deleted can be
 * inserted again once it commits.  Children of one parent in several transactions, and a
 * parent's other columns, wait for nobody. */
static void test_parent_keys_across_transactions(void **state)
{
    wdn_conn *a = session(), *b = session();
    wi_exec(a, "create table pk_par (id number primary key, code varchar2(5) unique, n number)");
    wi_exec(a, "create table pk_chi (id number primary key, par_id number references pk_par,"
               " par_code varchar2(5) references pk_par (code))");
    wi_exec(a, "insert into pk_par values (1, 'A', 0)");
    wi_exec(a, "insert into pk_par values (2, 'B', 0)");
    assert_int_equal(wdn_commit(a), 0);
    /* a deleted the parent: b's child waits */
    for (int commit = 0; commit <= 1; commit++) {
        wi_exec(a, "delete from pk_par where id = 2");
        waits_for_a(a, b, "insert into pk_chi (id, par_id) values (20, 2)", commit,
                    commit ? 2291 : 0);
        assert_int_equal(wdn_rollback(b), 0);
    }
    wi_exec(a, "insert into pk_par values (2, 'B', 0)");
    assert_int_equal(wdn_commit(a), 0);
    /* a's key change under b's child (by the unique key this time) */
    wi_exec(a, "update pk_par set code = 'C' where id = 2");
    waits_for_a(a, b, "insert into pk_chi (id, par_code) values (21, 'B')", 0, 0);
    assert_int_equal(wdn_rollback(b), 0);
    /* b's new child: a's delete of its parent waits for b */
    for (int commit = 0; commit <= 1; commit++) {
        wi_exec(a, "insert into pk_chi (id, par_id) values (30, 1)");
        waits_for_a(a, b, "delete from pk_par where id = 1", commit, commit ? 2292 : 0);
        assert_int_equal(wdn_rollback(b), 0);
    }
    /* ... and so does a change of its key */
    wi_exec(a, "insert into pk_chi (id, par_code) values (31, 'B')");
    waits_for_a(a, b, "update pk_par set code = 'D' where id = 2", 1, 2292);
    assert_int_equal(wdn_rollback(b), 0);
    /* a child of a parent another transaction inserted waits for it: in once it commits,
     * ORA-02291 once it rolls back */
    for (int commit = 0; commit <= 1; commit++) {
        wi_exec(a, "insert into pk_par values (3, 'E', 0)");
        waits_for_a(a, b, "insert into pk_chi (id, par_id) values (50, 3)", commit,
                    commit ? 0 : 2291);
        assert_int_equal(wdn_rollback(b), 0);
    }
    /* a key another transaction deleted is free once it commits (the new row waits) */
    for (int commit = 0; commit <= 1; commit++) {
        wi_exec(a, "delete from pk_par where id = 3");
        waits_for_a(a, b, "insert into pk_par values (3, 'F', 0)", commit, commit ? 0 : 1);
        assert_int_equal(wdn_commit(b), 0);
        if (commit) {
            assert_int_equal(wi_count(a, "select count(*) from pk_par where code = 'F'"), 1);
            wi_exec(a, "update pk_par set code = 'E' where id = 3");
            assert_int_equal(wdn_commit(a), 0);
        }
    }
    /* no false waits: children of one parent in two transactions; the parent's other
     * columns while a child is open; the child's other columns while the parent changes */
    wi_exec(a, "insert into pk_chi (id, par_id) values (40, 1)");
    wi_exec(b, "insert into pk_chi (id, par_id) values (41, 1)");
    wi_exec(b, "update pk_par set n = n + 1 where id = 1");
    assert_int_equal(wdn_commit(b), 0);
    assert_int_equal(wdn_commit(a), 0);
    wi_exec(a, "update pk_par set n = n + 1 where id = 1");
    wi_exec(b, "update pk_chi set id = 42 where id = 41");
    assert_int_equal(wdn_commit(b), 0);
    assert_int_equal(wdn_commit(a), 0);
    assert_int_equal(wi_count(a, "select count(*) from pk_chi where par_id = 1"), 3);
    assert_int_equal(wi_count(a, "select n from pk_par where id = 1"), 2);
    wi_exec(a, "drop table pk_chi");
    wi_exec(a, "drop table pk_par");
    /* the same with an INTEGER PRIMARY KEY parent (SQLite's rowid, no index): the child of a
     * parent another transaction inserted waits for it; a deleted one too */
    wi_exec(a, "create table ip_par (id integer primary key)");
    wi_exec(a, "create table ip_chi (id number primary key, par_id number references ip_par)");
    for (int commit = 0; commit <= 1; commit++) {
        wi_exec(a, "insert into ip_par values (7)");
        waits_for_a(a, b, "insert into ip_chi values (70, 7)", commit, commit ? 0 : 2291);
        assert_int_equal(wdn_rollback(b), 0);
    }
    wi_exec(a, "delete from ip_par where id = 7");
    waits_for_a(a, b, "insert into ip_chi values (71, 7)", 1, 2291);
    assert_int_equal(wdn_rollback(b), 0);
    wi_exec(a, "drop table ip_chi");
    wi_exec(a, "drop table ip_par");
    wdn_close(a), wdn_close(b);
}

/* Several sessions committing without a pause: CKPT copies the WAL into the database and
 * has it written from its start again, so it stays small (it used to grow by every commit,
 * past 100 MB in a minute of this). */
#define WAL_WRITERS 4
#define WAL_COMMITS 2500 /* each: 10,000 commits of two WAL pages (8 KiB) */
#define WAL_LIMIT (24L << 20)

static int writers_done;

static void *commit_many(void *arg)
{
    long id = (long)arg, failed = 0;
    wdn_conn *c = session();
    double until = wi_now() + 60;
    for (int i = 0; i < WAL_COMMITS && wi_now() < until; i++)
        failed += wi_run(c, "update t1 set v = v + 1 where id = %ld", id) != 0 || wdn_commit(c) != 0;
    wdn_close(c);
    __atomic_add_fetch(&writers_done, 1, __ATOMIC_RELEASE);
    return (void *)failed;
}

static long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : 0;
}

static void test_wal_stays_small(void **state)
{
    char wal[400];
    snprintf(wal, sizeof wal, "%s/warden.db-wal", inst.datadir);
    pthread_t t[WAL_WRITERS];
    for (long i = 0; i < WAL_WRITERS; i++) pthread_create(&t[i], NULL, commit_many, (void *)(i + 1));
    long largest = 0;
    while (__atomic_load_n(&writers_done, __ATOMIC_ACQUIRE) < WAL_WRITERS) {
        long size = file_size(wal);
        if (size > largest) largest = size;
        usleep(20000);
    }
    for (int i = 0; i < WAL_WRITERS; i++) {
        void *failed;
        pthread_join(t[i], &failed);
        assert_int_equal((long)failed, 0);
    }
    printf("# largest WAL while committing: %ld KiB\n", largest >> 10);
    assert_true(largest < WAL_LIMIT);
}

/* A waiter is interrupted like any call: a break or CANCEL SQL ends its wait with ORA-01013,
 * KILL SESSION with ORA-00028; the holder keeps its row. */
static void test_waiter_interrupted(void **state)
{
    wdn_conn *a = session(), *dba = session();
    wi_exec(a, "update t2 set v = v + 1 where id = 1");
    for (int how = 0; how < 3; how++) {
        wdn_conn *b = session();
        int sid, serial;
        wdn_session_id(b, &sid, &serial);
        wi_call w;
        wi_call_start(&w, b, "update t2 set v = 0 where id = 1");
        usleep(200000);
        double t0 = wi_now();
        if (how == 0) wdn_break(b);
        if (how == 1) assert_int_equal(wi_run(dba, "alter system cancel sql '%d,%d'", sid, serial), 0);
        if (how == 2) assert_int_equal(wi_run(dba, "alter system kill session '%d,%d'", sid, serial), 0);
        wi_call_join(&w);
        assert_int_equal(w.code, how == 2 ? 28 : 1013);
        assert_true(w.done_at - t0 < 2.0);
        wdn_close(b);
    }
    assert_int_equal(wi_countf(dba, "select count(*) from v$lock where type = 'TX' and request > 0"), 0);
    assert_int_equal(wdn_rollback(a), 0);
    wdn_close(a), wdn_close(dba);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_changes_are_private_until_commit),
        cmocka_unit_test(test_different_rows_do_not_wait),
        cmocka_unit_test(test_waits_for_the_holder),
        cmocka_unit_test(test_no_lost_updates),
        cmocka_unit_test(test_deadlock),
        cmocka_unit_test(test_ddl_does_not_wait),
        cmocka_unit_test(test_killed_holder_releases),
        cmocka_unit_test(test_savepoints),
        cmocka_unit_test(test_lock_table_modes),
        cmocka_unit_test(test_select_for_update),
        cmocka_unit_test(test_select_for_update_join),
        cmocka_unit_test(test_skip_locked_queue),
        cmocka_unit_test(test_unique_key_waits),
        cmocka_unit_test(test_commit_with_open_cursor),
        cmocka_unit_test(test_ddl_with_open_cursor),
        cmocka_unit_test(test_reexecute_kept_cursor),
        cmocka_unit_test(test_plain_user),
        cmocka_unit_test(test_foreign_keys),
        cmocka_unit_test(test_parent_keys_across_transactions),
        cmocka_unit_test(test_delete_actions),
        cmocka_unit_test(test_waiter_interrupted),
        cmocka_unit_test(test_explicit_integer_keys),
        cmocka_unit_test(test_table_created_again),
        cmocka_unit_test(test_wal_stays_small),
    };
    return cmocka_run_group_tests_name("e2e_row_locks", tests, setup, teardown);
}
