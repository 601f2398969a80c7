/*
 * test_sga.c - the shared area: a latch whose holder dies is recovered, not
 * hung on; slots are allocated lowest first with SERIAL# bumped on reuse;
 * a dead process's sessions are released (and its hold on the write lock);
 * the count of connecting processes goes down exactly once per connection;
 * seqlocked copies; Oracle-style addresses.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "sga/sga.h"

static sga *g;

static int setup(void **state)
{
    warden_config cfg;
    config_defaults(&cfg);
    cfg.processes = 20;
    cfg.sessions = 30;
    g = sga_create(&cfg);
    return g ? 0 : -1;
}

static void test_latch_survives_dead_holder(void **state)
{
    pid_t child = fork();
    if (child == 0) {
        sga_latch_acquire(&g->session_latch);
        _exit(0); /* dies holding the latch */
    }
    int status;
    waitpid(child, &status, 0);
    alarm(5); /* a hang here fails the test */
    sga_latch_acquire(&g->session_latch);
    sga_latch_release(&g->session_latch);
    sga_latch_acquire(&g->session_latch); /* and it stays usable */
    sga_latch_release(&g->session_latch);
    alarm(0);
}

static void test_slots_and_serials(void **state)
{
    int pid = sga_process_alloc(g, 4242, NULL);
    assert_int_equal(pid, 1);
    assert_int_equal(sga_process_find(g, 4242), 1);
    uint32_t s1, s2, s3;
    int a = sga_session_alloc(g, SGA_USER, pid, 4242, &s1);
    int b = sga_session_alloc(g, SGA_USER, pid, 4242, &s2);
    assert_int_equal(a, 1);
    assert_int_equal(b, 2);
    sga_session_free(g, a);
    int c = sga_session_alloc(g, SGA_USER, pid, 4242, &s3);
    assert_int_equal(c, 1);          /* the lowest free slot */
    assert_int_not_equal(s3, s1);    /* a reused slot has a new SERIAL# */
    assert_true(sga_session_at(g, c)->audsid != 0);
    /* PMON after the process died: all its sessions go, and its write-lock mark. */
    g->writer_sid = b;
    assert_int_equal(sga_sessions_release_pid(g, pid), 2);
    assert_int_equal(g->writer_sid, 0);
    sga_process_free(g, pid);
    assert_int_equal(sga_process_find(g, 4242), 0);
    for (int sid = 1; sid <= g->nsessions; sid++)
        assert_int_equal(sga_session_at(g, sid)->type, SGA_FREE);
}

static void test_table_full(void **state)
{
    int n = 0;
    while (sga_process_alloc(g, 1000 + n, NULL)) n++;
    assert_int_equal(n, g->nprocesses);
    for (int pid = 1; pid <= n; pid++) sga_process_free(g, pid);
    uint32_t serial;
    int m = 0;
    while (sga_session_alloc(g, SGA_USER, 1, 1, &serial)) m++;
    assert_int_equal(m, g->nsessions);
    assert_int_equal(sga_sessions_release_pid(g, 1), m);
}

/* The taken-slot bits point at the lowest free slot past a full word; bits that disagree with
 * their slots (a holder died between the two) are put right, and a free slot is found when
 * the bits say the table is full. */
static void test_slot_bits_follow_the_slots(void **state)
{
    uint32_t serial;
    int sids[30];
    for (int i = 0; i < 30; i++) sids[i] = sga_session_alloc(g, SGA_USER, 7, 7, &serial);
    assert_int_equal(sids[29], 30);
    sga_session_free(g, 27);
    sga_session_free(g, 5);
    assert_int_equal(sga_session_alloc(g, SGA_USER, 7, 7, &serial), 5);
    assert_int_equal(sga_session_alloc(g, SGA_USER, 7, 7, &serial), 27);
    assert_int_equal(sga_session_alloc(g, SGA_USER, 7, 7, &serial), 0); /* full */
    sga_session_at(g, 12)->type = SGA_FREE; /* freed with its bit left set */
    assert_int_equal(sga_session_alloc(g, SGA_USER, 7, 7, &serial), 12);
    g->sessions_taken[0] &= ~(1ull << 2); /* a bit clear over a taken slot */
    sga_session_free(g, 20);
    assert_int_equal(sga_session_alloc(g, SGA_USER, 7, 7, &serial), 20);
    assert_int_equal(sga_sessions_release_pid(g, 7), 30);
    int pid = sga_process_alloc(g, 600, NULL);
    g->processes_taken[0] = 0; /* every bit lost: the slots still say which are taken */
    assert_int_equal(sga_process_alloc(g, 601, NULL), pid + 1);
    sga_process_free(g, pid);
    sga_process_free(g, pid + 1);
}

static void test_connecting_count(void **state)
{
    int a = sga_process_alloc(g, 501, NULL), b = sga_process_alloc(g, 502, NULL);
    sga_connect_begin(g, a);
    sga_connect_begin(g, b);
    sga_connect_begin(g, b); /* marking twice counts once */
    assert_int_equal(sga_connecting(g), 2);
    sga_connect_end(g, a); /* logged on ... */
    sga_connect_end(g, a); /* ... and ended: no second decrement */
    assert_int_equal(sga_connecting(g), 1);
    sga_process_free(g, a);
    assert_int_equal(sga_connecting(g), 1);
    sga_process_free(g, b); /* died before logon: PMON's free ends it */
    assert_int_equal(sga_connecting(g), 0);
    int c = sga_process_alloc(g, 503, NULL); /* a reused slot starts unmarked */
    sga_connect_end(g, c);
    assert_int_equal(sga_connecting(g), 0);
    sga_process_free(g, c);
}

static void test_seqlock_copy_and_addresses(void **state)
{
    uint32_t serial;
    int sid = sga_session_alloc(g, SGA_USER, 3, 99, &serial);
    sga_session *s = sga_session_at(g, sid);
    sga_write_begin(&s->seq);
    strcpy(s->username, "SCOTT");
    sga_write_end(&s->seq);
    sga_session copy;
    sga_read_session(g, sid, &copy);
    assert_string_equal(copy.username, "SCOTT");
    assert_int_equal(copy.serial, serial);
    assert_int_equal(s->seq % 2, 0);
    /* A writer that died mid-update (odd sequence) does not hang readers. */
    sga_write_begin(&s->seq);
    sga_read_session(g, sid, &copy);
    sga_write_end(&s->seq);
    assert_true(sga_session_addr(1) != sga_session_addr(2));
    assert_true(sga_process_addr(1) != sga_session_addr(1));
    assert_string_equal(sga_event_name(SGA_EV_TX_ROW_LOCK), "enq: TX - row lock contention");
    assert_string_equal(wait_event_info_of(SGA_EV_CLIENT_MESSAGE)->wait_class, "Idle");
    assert_null(wait_event_info_of(SGA_EV_NONE));
    sga_session_free(g, sid);
}

/* A wait switched in a slot is counted when it ends: the session's and the instance's totals
 * (foreground ones for a user session only), its length and maximum, a new SEQ# each time. */
static void test_wait_accounting(void **state)
{
    uint32_t serial;
    int sid = sga_session_alloc(g, SGA_USER, 1, getpid(), &serial);
    sga_session *s = sga_session_at(g, sid);
    uint64_t before = g->system_waits[SGA_EV_LOG_FILE_SYNC].waits;
    wait_params p = {7, 8, 9};
    sga_wait_switch(g, s, SGA_EV_LOG_FILE_SYNC, &p, 1000);
    assert_int_equal(s->waiting, 1);
    assert_int_equal(s->wait_p.p2, 8);
    uint32_t seq = s->wait_seq;
    sga_wait_switch(g, s, SGA_EV_NONE, NULL, 1600); /* 600 us */
    assert_int_equal(s->waiting, 0);
    assert_int_equal(s->waits[SGA_EV_LOG_FILE_SYNC].waits, 1);
    assert_int_equal(s->waits[SGA_EV_LOG_FILE_SYNC].time_us, 600);
    assert_int_equal(s->wait_time_us, 600);
    sga_wait_switch(g, s, SGA_EV_LOG_FILE_SYNC, &p, 2000);
    assert_int_equal(s->wait_seq, seq + 1);
    sga_wait_switch(g, s, SGA_EV_CLIENT_MESSAGE, NULL, 4000); /* 2000 us, then idle */
    assert_int_equal(s->waits[SGA_EV_LOG_FILE_SYNC].waits, 2);
    assert_int_equal(s->waits[SGA_EV_LOG_FILE_SYNC].max_us, 2000);
    assert_int_equal(s->wait_p.p1, 0); /* no parameters given */
    assert_int_equal(g->system_waits[SGA_EV_LOG_FILE_SYNC].waits, before + 2);
    assert_int_equal(g->foreground_waits[SGA_EV_LOG_FILE_SYNC].time_us, 2600);
    assert_int_equal(wait_params_tx(6, 1, 2, 3).p1, 0x54580006);
    assert_int_equal(wait_params_tx(6, 1, 2, 3).p2, 0x10002);
    sga_session_free(g, sid);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_latch_survives_dead_holder),
        cmocka_unit_test(test_slots_and_serials),
        cmocka_unit_test(test_table_full),
        cmocka_unit_test(test_slot_bits_follow_the_slots),
        cmocka_unit_test(test_connecting_count),
        cmocka_unit_test(test_seqlock_copy_and_addresses),
        cmocka_unit_test(test_wait_accounting),
    };
    return cmocka_run_group_tests_name("sga", tests, setup, NULL);
}
