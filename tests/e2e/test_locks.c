/*
 * test_locks.c - the earlier engine (row_locking = off): one writer at a
 * time, Oracle style: a second session's
 * change waits for the holder's COMMIT/ROLLBACK; FOR UPDATE / LOCK TABLE
 * with NOWAIT and WAIT n give ORA-00054 / ORA-30006; a break ends a lock
 * wait with ORA-01013 and the session stays usable.  Also multi-statement
 * DDL (CREATE OR REPLACE VIEW, ALTER TABLE ADD (a, b)), and MERGE and
 * INSERT ALL (several SQLite statements as one) on this engine.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "harness.h"

static wi inst;

static int setup(void **state)
{
    wi_start_conf(&inst, "row_locking = off");
    wdn_conn *sys = wi_connect(&inst, "system", WI_PASSWORD);
    wi_exec(sys, "create user scott identified by tiger");
    wi_exec(sys, "grant connect, resource, create view to scott");
    wdn_close(sys);
    wdn_conn *a = wi_connect(&inst, "scott", "tiger");
    wi_exec(a, "create table acct (id number primary key, balance number)");
    wi_exec(a, "insert into acct values (1, 100)");
    wi_exec(a, "commit");
    wdn_close(a);
    return 0;
}

static int teardown(void **state)
{
    wi_stop(&inst);
    return 0;
}

static void test_writer_waits_for_commit(void **state)
{
    wdn_conn *a = wi_connect(&inst, "scott", "tiger");
    wdn_conn *b = wi_connect(&inst, "scott", "tiger");
    wi_exec(a, "update acct set balance = balance + 1 where id = 1");
    wi_call w;
    wi_call_start(&w, b, "update acct set balance = balance * 2 where id = 1");
    usleep(300000);
    assert_true(w.done_at == 0); /* still waiting */
    double committed = wi_now();
    assert_int_equal(wdn_commit(a), 0);
    wi_call_join(&w);
    assert_int_equal(w.code, 0);
    assert_true(w.done_at >= committed);
    assert_true(w.done_at - committed < 5.0);
    assert_int_equal(wdn_commit(b), 0);
    assert_int_equal(wi_count(a, "select balance from acct where id = 1"), 202);
    wdn_close(b);
    wdn_close(a);
}

static void test_nowait_and_wait_n(void **state)
{
    wdn_conn *a = wi_connect(&inst, "scott", "tiger");
    wdn_conn *b = wi_connect(&inst, "scott", "tiger");
    wi_exec(a, "update acct set balance = 1 where id = 1");
    assert_int_equal(wi_fail(b, "select * from acct for update nowait", NULL), 54);
    assert_string_equal(wdn_last_error(b)->msg, "ORA-00054: resource busy and acquire with NOWAIT "
                                                "specified or timeout expired");
    double t0 = wi_now();
    assert_int_equal(wi_fail(b, "select * from acct for update wait 1", NULL), 30006);
    double waited = wi_now() - t0;
    assert_true(waited >= 0.9 && waited < 5.0);
    assert_int_equal(wi_fail(b, "lock table acct in exclusive mode nowait", NULL), 54);
    /* Readers never wait and see the committed state. */
    assert_int_equal(wi_count(b, "select balance from acct where id = 1"), 202);
    wi_exec(a, "rollback");
    wi_exec(b, "lock table acct in exclusive mode nowait");
    assert_true(wdn_in_transaction(b));
    wi_exec(b, "rollback");
    wdn_close(b);
    wdn_close(a);
}

static void test_break_ends_lock_wait(void **state)
{
    wdn_conn *a = wi_connect(&inst, "scott", "tiger");
    wdn_conn *b = wi_connect(&inst, "scott", "tiger");
    wi_exec(a, "update acct set balance = 5 where id = 1");
    wi_call w;
    wi_call_start(&w, b, "update acct set balance = 6 where id = 1");
    usleep(300000);
    double sent = wi_now();
    wdn_break(b);
    wi_call_join(&w);
    assert_int_equal(w.code, 1013);
    assert_true(w.done_at - sent < 5.0);
    assert_int_equal(wi_count(b, "select count(*) from acct"), 1); /* still usable */
    wi_exec(a, "rollback");
    wdn_close(b);
    wdn_close(a);
}

static void test_multi_statement_ddl(void **state)
{
    wdn_conn *a = wi_connect(&inst, "scott", "tiger");
    wi_exec(a, "create or replace view rich as select id from acct where balance > 1000");
    wi_exec(a, "create or replace view rich as select id, balance from acct where balance > 10");
    assert_int_equal(wi_count(a, "select count(*) from rich"), 1);
    wi_exec(a, "alter table acct add (owner varchar2(20), opened date)");
    wi_exec(a, "update acct set owner = 'KING', opened = sysdate");
    char *v = wi_scalar(a, "select owner from acct");
    assert_string_equal(v, "KING");
    free(v);
    wi_exec(a, "rollback");
    assert_int_equal(wi_fail(a, "select \"NOSUCH\" from acct", NULL), 904);
    wdn_close(a);
}

/* MERGE and INSERT ALL without overlays: row counts, ORA-30926 changing nothing, a MERGE
 * that waits for the other writer's COMMIT. */
static void test_merge_one_writer(void **state)
{
    wdn_conn *a = wi_connect(&inst, "scott", "tiger");
    wdn_conn *b = wi_connect(&inst, "scott", "tiger");
    wi_exec(a, "create table m_src (id number, v varchar2(5))");
    wi_exec(a, "create table m_tgt (id number primary key, v varchar2(5))");
    assert_int_equal(wi_exec(a, "insert all into m_tgt values (1, 'a') into m_tgt values (2, 'b') "
                                "into m_src values (2, 'B') into m_src values (3, 'C') "
                                "select * from dual"), 4);
    wi_exec(a, "commit");
    const char *merge = "merge into m_tgt t using m_src s on (t.id = s.id) "
                        "when matched then update set t.v = s.v "
                        "when not matched then insert (id, v) values (s.id, s.v)";
    wi_exec(a, "update m_tgt set v = 'x' where id = 1");
    wi_call w;
    wi_call_start(&w, b, merge);
    usleep(300000);
    assert_true(w.done_at == 0); /* waits for A's transaction */
    wi_exec(a, "commit");
    wi_call_join(&w);
    assert_int_equal(w.code, 0);
    assert_int_equal(wi_count(b, "select count(*) from m_tgt"), 3);
    assert_int_equal(wi_count(b, "select count(*) from m_tgt where v in ('B', 'C')"), 2);
    wi_exec(b, "commit");
    wi_exec(a, "insert into m_src values (3, 'D')"); /* row 3 matches twice */
    assert_int_equal(wi_fail(a, merge, NULL), 30926);
    assert_int_equal(wi_count(a, "select count(*) from m_tgt where v = 'C'"), 1);
    assert_int_equal(wi_exec(a, "merge into m_tgt t using (select 7 id from dual) s on (t.id = s.id) "
                                "when not matched then insert values (s.id, 'g')"), 1);
    assert_int_equal(wi_exec(a, "merge into m_tgt t using (select distinct id from m_src) s "
                                "on (t.id = s.id) when matched then update set v = 'u' "
                                "delete where t.id > 2"), 2);
    assert_int_equal(wi_count(a, "select count(*) from m_tgt where v = 'u'"), 1);
    assert_int_equal(wi_count(a, "select count(*) from m_tgt"), 3);
    /* a source that reads the target, changed in two steps: refused, not half right */
    assert_int_equal(wi_fail(a, "merge into m_tgt t using m_tgt s on (t.id = s.id) when matched "
                                "then update set v = 'u' delete where t.id > 2", NULL), 3001);
    wi_exec(a, "rollback");
    assert_int_equal(wi_count(a, "select count(*) from m_tgt where v in ('x', 'B', 'C')"), 3);
    wdn_close(b);
    wdn_close(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_writer_waits_for_commit),
        cmocka_unit_test(test_nowait_and_wait_n),
        cmocka_unit_test(test_break_ends_lock_wait),
        cmocka_unit_test(test_multi_statement_ddl),
        cmocka_unit_test(test_merge_one_writer),
    };
    return cmocka_run_group_tests_name("e2e_locks", tests, setup, teardown);
}
