/*
 * test_cluster.c - a Warden cluster of three instances over one data
 * directory, with real sessions on each: GV$ views and the article's query
 * on every instance, row locks and deadlocks across instances, KILL SESSION,
 * CANCEL SQL and DISCONNECT SESSION with @inst_id, GV$ while an instance is
 * stopped (SIGSTOP) and while it is down, and the failure of an instance
 * (kill -9 of its PMON) with every instance's committed work intact.
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
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "harness.h"
#include "server/interconnect.h"
#include "server/session_ending.h"

#define N 3
static wi node[N]; /* node[i] is instance i + 1 */

/* The article's identification query. */
#define ARTICLE_QUERY                                                                              \
    "SELECT s.inst_id, s.sid, s.serial#, p.spid, s.username, s.program FROM gv$session s "     \
    "JOIN gv$process p ON p.addr = s.paddr AND p.inst_id = s.inst_id WHERE s.type != "         \
    "'BACKGROUND'"

static int setup(void **state)
{
    wi_start_cluster(node, N);
    wdn_conn *sys = wi_connect(&node[0], "system", WI_PASSWORD);
    wi_exec(sys, "create table acct (id number primary key, balance number)");
    for (int i = 1; i <= 10; i++) wi_run(sys, "insert into acct values (%d, 100)", i);
    wi_exec(sys, "commit");
    wi_exec(sys, "create user scott identified by tiger");
    wi_exec(sys, "grant connect to scott");
    wdn_close(sys);
    return 0;
}

static int teardown(void **state)
{
    wi_stop_cluster(node, N);
    return 0;
}

static wdn_conn *on(int inst) { return wi_connect(&node[inst - 1], "system", WI_PASSWORD); }

static int sid_of(wdn_conn *c)
{
    int sid, serial;
    wdn_session_id(c, &sid, &serial);
    return sid;
}

static int serial_of(wdn_conn *c)
{
    int sid, serial;
    wdn_session_id(c, &sid, &serial);
    return serial;
}

/* Wait (at most 5 s) until SQL counts WANT on DBA; else fail with WHAT. */
static void await_count(wdn_conn *dba, long want, const char *sql, const char *what)
{
    double until = wi_now() + 5;
    while (wi_count(dba, sql) != want) {
        if (wi_now() > until) fail_msg("%s", what);
        usleep(20000);
    }
}

/* Wait until instance INST's session SID shows BLOCKING_INSTANCE HOLDER_INST. */
static void wait_blocked(wdn_conn *dba, int inst, int sid, int holder_inst)
{
    char sql[200];
    snprintf(sql, sizeof sql,
             "select count(*) from gv$session where inst_id = %d and sid = %d and "
             "blocking_instance = %d",
             inst, sid, holder_inst);
    await_count(dba, 1, sql, "the session never waited");
}

/* Wait until session SID, SERIAL of instance INST has left GV$SESSION. */
static void gone(wdn_conn *dba, int inst, int sid, int serial)
{
    char sql[200];
    snprintf(sql, sizeof sql,
             "select count(*) from gv$session where inst_id = %d and sid = %d and serial# = %d",
             inst, sid, serial);
    await_count(dba, 0, sql, "the session is still there");
}

static void test_gv_views_on_every_instance(void **state)
{
    wdn_conn *c[N];
    for (int i = 0; i < N; i++) c[i] = on(i + 1);
    for (int i = 0; i < N; i++) {
        assert_int_equal(wi_count(c[i], "select count(*) from gv$instance"), 3);
        assert_int_equal(wi_count(c[i], "select count(distinct inst_id) from gv$session"), 3);
        char *name = wi_scalar(c[i], "select instance_name from v$instance");
        char want[16];
        snprintf(want, sizeof want, "WARDEN%d", i + 1);
        assert_string_equal(name, want);
        free(name);
        assert_int_equal(wi_countf(c[i], "select count(*) from v$instance where parallel = 'YES' "
                                         "and thread# = %d and instance_number = %d", i + 1, i + 1),
                         1);
        assert_int_equal(wi_count(c[i], "select count(*) from v$parameter where name = "
                                        "'cluster_database' and value = 'TRUE'"),
                         1);
        /* V$ stays local; an INST_ID filter asks one instance */
        assert_int_equal(wi_countf(c[i], "select count(*) from v$session where sid = %d and "
                                         "serial# = %d", sid_of(c[i]), serial_of(c[i])), 1);
        assert_int_equal(wi_countf(c[i], "select count(*) from gv$session where inst_id = %d",
                                   (i + 1) % N + 1),
                         wi_countf(c[(i + 1) % N], "select count(*) from v$session"));
    }
    /* The article's query, on every instance, finds every session with its own process. */
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            char *spid = wi_scalarf(c[j], "select p.spid from v$session s join v$process p on "
                                          "p.addr = s.paddr where s.sid = %d", sid_of(c[j]));
            assert_non_null(spid);
            assert_int_equal(wi_countf(c[i], "select count(*) from (" ARTICLE_QUERY ") where "
                                             "inst_id = %d and sid = %d and spid = '%s'",
                                       j + 1, sid_of(c[j]), spid),
                             1);
            free(spid);
        }
    for (int i = 0; i < N; i++) wdn_close(c[i]);
}

static void test_row_lock_across_instances_killed_with_inst_id(void **state)
{
    wdn_conn *holder = on(1), *waiter = on(2), *dba = on(3);
    int hsid = sid_of(holder), hserial = serial_of(holder);
    wi_exec(holder, "update acct set balance = balance + 1 where id = 1");
    wi_call w;
    wi_call_start(&w, waiter, "update acct set balance = balance + 10 where id = 1");
    wait_blocked(dba, 2, sid_of(waiter), 1);
    assert_int_equal(wi_countf(dba, "select count(*) from gv$session where inst_id = 2 and "
                                    "sid = %d and blocking_session = %d and event = "
                                    "'enq: TX - row lock contention'",
                               sid_of(waiter), hsid),
                     1);
    assert_int_equal(wi_countf(dba, "select count(*) from gv$lock where inst_id = 1 and sid = %d "
                                    "and type = 'TX' and block = 1", hsid),
                     1);
    /* without @1 only instance 3 is searched: ORA-00030 (when no session of 3 has that id) */
    if (!wi_countf(dba, "select count(*) from v$session where sid = %d and serial# = %d", hsid,
                   hserial))
        assert_int_equal(wi_run(dba, "alter system kill session '%d,%d'", hsid, hserial), 30);
    double start = wi_now();
    assert_int_equal(wi_run(dba, "alter system kill session '%d,%d,@1'", hsid, hserial), 0);
    wi_call_join(&w);
    assert_int_equal(w.code, 0); /* the waiter got the row */
    assert_true(w.done_at - start < 5);
    assert_int_equal(wi_run(holder, "select 1 from dual"), 28); /* the victim */
    gone(dba, 1, hsid, hserial);
    /* audited where the victim lived, naming the requester's instance */
    assert_int_equal(wi_countf(dba, "select count(*) from gv$session_kill_history where "
                                    "inst_id = 1 and sid = %d and serial# = %d and "
                                    "requestor_inst_id = 3 and kill_mode = 'KILL SOFT' and "
                                    "result = 'ORA-0'", hsid, hserial),
                     1);
    char text[80];
    snprintf(text, sizeof text, "KILL SESSION for sid=(%d, %d):", hsid, hserial);
    assert_true(wi_alert_contains(&node[0], text));
    snprintf(text, sizeof text, "KILL SESSION for sid=(%d, %d) of instance 1", hsid, hserial);
    assert_true(wi_alert_contains(&node[2], text));
    wi_exec(waiter, "rollback");
    /* a session id that does not exist there, and an instance that does not exist */
    assert_int_equal(wi_run(dba, "alter system kill session '%d,%d,@1'", hsid, hserial), 30);
    assert_int_equal(wi_run(dba, "alter system kill session '%d,%d,@7'", hsid, hserial), 30);
    wdn_close(holder), wdn_close(waiter), wdn_close(dba);
}

static void test_cancel_and_disconnect_with_inst_id(void **state)
{
    wdn_conn *holder = on(2), *waiter = on(1), *dba = on(3);
    wi_exec(holder, "update acct set balance = balance + 1 where id = 2");
    wi_call w;
    wi_call_start(&w, waiter, "update acct set balance = balance + 10 where id = 2");
    wait_blocked(dba, 1, sid_of(waiter), 2);
    assert_int_equal(wi_run(dba, "alter system cancel sql '%d,%d,@1'", sid_of(waiter),
                            serial_of(waiter)),
                     0);
    wi_call_join(&w);
    assert_int_equal(w.code, 1013); /* its statement ends; the session goes on */
    assert_int_equal(wi_count(waiter, "select count(*) from dual"), 1);
    int sid = sid_of(holder), serial = serial_of(holder);
    assert_int_equal(wi_run(dba, "alter system disconnect session '%d,%d,@2' immediate", sid,
                            serial),
                     0);
    gone(dba, 2, sid, serial);
    /* its lock went with it */
    assert_int_equal(wi_run(waiter, "update acct set balance = balance + 10 where id = 2"), 0);
    wi_exec(waiter, "rollback");
    wdn_close(holder), wdn_close(waiter), wdn_close(dba);
}

/* A target that cannot act (its server stopped): the requester's kill_session_wait, then
 * ORA-00031 (marked for kill); IMMEDIATE returns at once; the session goes once it can. */
static void test_marked_for_kill_and_immediate_across_instances(void **state)
{
    wdn_conn *victim = on(1), *other = on(1), *dba = on(3);
    int sid = sid_of(victim), serial = serial_of(victim);
    long spid = wdn_server_pid(victim);
    wi_exec(dba, "alter system set kill_session_wait = 1");
    kill((pid_t)spid, SIGSTOP);
    double start = wi_now();
    assert_int_equal(wi_run(dba, "alter system kill session '%d,%d,@1'", sid, serial), 31);
    double took = wi_now() - start;
    assert_true(took >= 0.9 && took < 5);
    assert_int_equal(wi_countf(dba, "select count(*) from gv$session_kill_history where "
                                    "inst_id = 1 and sid = %d and serial# = %d and "
                                    "result = 'ORA-31'", sid, serial),
                     1);
    kill((pid_t)spid, SIGCONT); /* it acts now: its next call hears of it */
    assert_int_equal(wi_run(victim, "select 1 from dual"), 28);
    gone(dba, 1, sid, serial);
    /* IMMEDIATE: the command returns without waiting */
    sid = sid_of(other), serial = serial_of(other);
    assert_int_equal(wi_run(dba, "alter system kill session '%d,%d,@1' immediate", sid, serial), 0);
    assert_int_equal(wi_run(other, "select 1 from dual"), 28);
    gone(dba, 1, sid, serial);
    wi_exec(dba, "alter system set kill_session_wait = 60");
    wdn_close(victim), wdn_close(other), wdn_close(dba);
}

/* Send R to instance 1's LMON as a member would; its answer's ORA code (-1: no answer). */
static int end_over_interconnect(const end_request *r, const unsigned char *key)
{
    int64_t deadline = ic_now_ms() + 3000;
    int fd = ic_connect(node[0].datadir, 1, key, deadline);
    if (fd < 0) return -1;
    ic_frame f = {0};
    buf_init(&f.payload);
    int code = -1;
    if (ic_send(fd, IC_END, r, sizeof *r, deadline) == 0 && ic_recv(fd, &f, deadline) == 0 &&
        f.type == IC_STATUS && f.payload.len == 12)
        code = f.payload.data[0] | f.payload.data[1] << 8;
    ic_frame_free(&f);
    close(fd);
    return code;
}

/*
 * The interconnect's own checks, seen by a client speaking it directly:
 * without the cluster key nobody gets in, and the owning instance checks
 * the requester's privilege itself, whatever the requesting side claims.
 */
static void test_interconnect_security(void **state)
{
    wdn_conn *victim = on(1);
    end_request r = {.request = 1 /* SGA_REQ_KILL */, .immediate = 1, .sid = sid_of(victim),
                     .serial = serial_of(victim), .wait_ms = 1000, .from_inst = 3,
                     .from_sid = 99, .from_admin = 0};
    snprintf(r.from_user, sizeof r.from_user, "SCOTT"); /* CONNECT only */
    unsigned char key[IC_KEY_BYTES], wrong[IC_KEY_BYTES];
    assert_int_equal(ic_load_key(node[0].datadir, key), 0);
    memcpy(wrong, key, sizeof wrong);
    wrong[0] ^= 1;
    int64_t deadline = ic_now_ms() + 3000;
    assert_int_equal(ic_connect(node[0].datadir, 1, wrong, deadline), -1);
    assert_int_equal(end_over_interconnect(&r, key), 1031); /* ORA-01031 */
    assert_int_equal(wi_count(victim, "select count(*) from dual"), 1); /* untouched */
    char path[400];
    struct stat st;
    snprintf(path, sizeof path, "%s/cluster.key", node[0].datadir);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    /* SYSTEM may: the same request ends the session */
    snprintf(r.from_user, sizeof r.from_user, "SYSTEM");
    assert_int_equal(end_over_interconnect(&r, key), 0);
    assert_int_equal(wi_run(victim, "select 1 from dual"), 28);
    wdn_close(victim);
}

/* orakill per instance name: a session server of WARDEN2, from the data directory. */
static void test_wardenctl_kill_per_instance(void **state)
{
    wdn_conn *victim = on(2), *dba = on(1);
    int sid = sid_of(victim), serial = serial_of(victim);
    long spid = wdn_server_pid(victim);
    char out[1024];
    /* the process is not WARDEN1's */
    assert_int_not_equal(wi_wardenctl(&node[0], out, sizeof out, "kill WARDEN1 %ld", spid), 0);
    assert_non_null(strstr(out, "is not a server process of instance WARDEN1"));
    assert_int_equal(wi_wardenctl(&node[0], out, sizeof out, "kill warden2 %ld", spid), 0);
    assert_non_null(strstr(out, "successfully signalled"));
    gone(dba, 2, sid, serial);
    assert_int_equal(wi_wardenctl(&node[0], out, sizeof out, "status"), 0);
    assert_non_null(strstr(out, "instance WARDEN3 running"));
    wdn_close(victim), wdn_close(dba);
}

static void test_deadlock_across_instances(void **state)
{
    wdn_conn *a = on(1), *b = on(2);
    wi_exec(a, "update acct set balance = balance + 1 where id = 3");
    wi_exec(b, "update acct set balance = balance + 1 where id = 4");
    wi_call w;
    wi_call_start(&w, a, "update acct set balance = balance + 1 where id = 4");
    wdn_conn *dba = on(3);
    wait_blocked(dba, 1, sid_of(a), 2);
    /* b closes the cycle: one of the two gets ORA-00060 at once */
    int rc = wi_run(b, "update acct set balance = balance + 1 where id = 3");
    assert_int_equal(rc, 60);
    wi_exec(b, "rollback"); /* the victim ends its transaction; the other one proceeds */
    wi_call_join(&w);
    assert_int_equal(w.code, 0);
    wi_exec(a, "rollback");
    wdn_close(a), wdn_close(b), wdn_close(dba);
}

static void test_gv_while_an_instance_is_stopped_or_down(void **state)
{
    wdn_conn *c = on(1);
    /* every process of instance 3 stopped: the query fails after a bounded wait */
    wi_run(c, "select 1 from dual");
    wi_signal_all(&node[2], SIGSTOP);
    double start = wi_now();
    assert_int_equal(wi_run(c, "select count(*) from gv$session"), 12850);
    double took = wi_now() - start;
    assert_true(took < 10);
    /* an INST_ID filter that leaves instance 3 out does not ask it */
    assert_true(wi_count(c, "select count(*) from gv$session where inst_id = 2") > 0);
    wi_signal_all(&node[2], SIGCONT);
    assert_int_equal(wi_count(c, "select count(distinct inst_id) from gv$session"), 3);
    /* cleanly down: simply absent */
    wi_shutdown(&node[2]);
    assert_int_equal(wi_count(c, "select count(distinct inst_id) from gv$session"), 2);
    assert_int_equal(wi_count(c, "select count(*) from gv$instance"), 2);
    wi_restart(&node[2]);
    assert_int_equal(wi_count(c, "select count(*) from gv$instance"), 3);
    wdn_close(c);
}

static void test_instance_failure(void **state)
{
    /* committed work on every instance */
    for (int i = 1; i <= N; i++) {
        wdn_conn *c = on(i);
        wi_run(c, "insert into acct values (%d, %d)", 100 + i, i);
        wi_exec(c, "commit");
        wdn_close(c);
    }
    wdn_conn *holder = on(2), *waiter = on(1), *bystander = on(3);
    wi_exec(holder, "update acct set balance = 0 where id = 5");
    wi_exec(bystander, "update acct set balance = balance + 1 where id = 6"); /* undisturbed */
    wi_call w;
    wi_call_start(&w, waiter, "update acct set balance = balance + 10 where id = 5");
    wait_blocked(bystander, 1, sid_of(waiter), 2);
    double start = wi_now();
    kill(node[1].pid, SIGKILL); /* instance 2's PMON: the instance ends */
    wi_call_join(&w);
    assert_int_equal(w.code, 0);
    assert_true(w.done_at - start < 5);
    waitpid(node[1].pid, NULL, 0);
    node[1].pid = 0;
    wi_exec(waiter, "commit");
    assert_int_equal(wi_count(waiter, "select balance from acct where id = 5"), 110);
    for (int i = 1; i <= N; i++)
        assert_int_equal(wi_countf(waiter, "select balance from acct where id = %d", 100 + i), i);
    /* the survivors wrote the reconfiguration; instance 2's sessions are gone from GV$ */
    double until = wi_now() + 5;
    while (!wi_alert_contains(&node[2], "Reconfiguration started") && wi_now() < until)
        usleep(20000);
    assert_true(wi_alert_contains(&node[0], "Completed instance recovery") ||
                wi_alert_contains(&node[2], "Completed instance recovery"));
    assert_int_equal(wi_count(waiter, "select count(*) from gv$session where inst_id = 2"), 0);
    wi_exec(bystander, "commit"); /* its session went on as if nothing happened */
    /* restarted, it rejoins */
    wdn_close(holder);
    wi_restart(&node[1]);
    assert_int_equal(wi_count(waiter, "select count(*) from gv$instance"), 3);
    wdn_conn *again = on(2);
    assert_int_equal(wi_count(again, "select count(*) from acct where id > 100"), 3);
    wdn_close(again), wdn_close(waiter), wdn_close(bystander);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gv_views_on_every_instance),
        cmocka_unit_test(test_row_lock_across_instances_killed_with_inst_id),
        cmocka_unit_test(test_cancel_and_disconnect_with_inst_id),
        cmocka_unit_test(test_wardenctl_kill_per_instance),
        cmocka_unit_test(test_marked_for_kill_and_immediate_across_instances),
        cmocka_unit_test(test_interconnect_security),
        cmocka_unit_test(test_deadlock_across_instances),
        cmocka_unit_test(test_gv_while_an_instance_is_stopped_or_down),
        cmocka_unit_test(test_instance_failure),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
