/*
 * test_bank.c - money is never created or lost, whatever happens to the
 * sessions moving it.
 *
 * Eight sessions transfer random amounts between twenty accounts, each
 * transfer one transaction (two UPDATEs and a row in TRANSFERS), while a
 * ninth ends them at random moments every way a DBA can: KILL SESSION,
 * KILL SESSION IMMEDIATE, DISCONNECT SESSION IMMEDIATE and kill -9 of the
 * server process.  A session that loses its connection logs on again.  At
 * the end the total balance is what it was, every transfer whose COMMIT was
 * acknowledged is there, and every account's balance is exactly what the
 * recorded transfers make it (no half transfer).  Runs for
 * $WARDEN_BANK_SECONDS (default 20) seconds; the endings follow a seed taken
 * from the clock and printed ($WARDEN_BANK_SEED runs one again).
 */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
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

#define ACCOUNTS 20
#define OPENING_BALANCE 1000
#define WORKERS 8
#define MAX_TRANSFERS 200000

static wi inst;

typedef struct worker {
    int index;
    unsigned seed;
    pthread_mutex_t lock; /* guards conn's identity for the chaos thread */
    wdn_conn *conn;
    int sid, serial;
    long spid;
    pthread_t thread;
    long committed, failed, logons;
} worker;

static worker workers[WORKERS];
static volatile int stop;
static double deadline;
static int next_transfer;           /* transfer ids, handed out atomically */
static unsigned char acked[MAX_TRANSFERS]; /* 1: its COMMIT was acknowledged */

static int setup(void **state)
{
    wi_start(&inst);
    wdn_conn *sys = wi_connect(&inst, "system", WI_PASSWORD);
    wi_exec(sys, "create table accounts (id number primary key, balance number not null)");
    wi_exec(sys, "create table transfers (id number primary key, src number, dst number, "
                 "amount number)");
    for (int i = 1; i <= ACCOUNTS; i++)
        assert_int_equal(wi_run(sys, "insert into accounts values (%d, %d)", i, OPENING_BALANCE), 0);
    wi_exec(sys, "commit");
    wdn_close(sys);
    return 0;
}

static int teardown(void **state)
{
    wi_stop(&inst);
    return 0;
}

static int seconds_to_run(void)
{
    const char *s = getenv("WARDEN_BANK_SECONDS");
    int n = s ? atoi(s) : 20;
    return n > 0 && n <= 600 ? n : 20;
}

static void publish(worker *w, wdn_conn *c)
{
    pthread_mutex_lock(&w->lock);
    w->conn = c;
    w->sid = w->serial = 0;
    w->spid = 0;
    if (c) {
        wdn_session_id(c, &w->sid, &w->serial);
        w->spid = wdn_server_pid(c);
    }
    pthread_mutex_unlock(&w->lock);
}

/* One transfer as one transaction: 1 committed (acknowledged), 0 not. */
static int transfer(worker *w, wdn_conn *c)
{
    int src = (int)(rand_r(&w->seed) % ACCOUNTS) + 1;
    int dst = (int)(rand_r(&w->seed) % (ACCOUNTS - 1)) + 1;
    if (dst >= src) dst++;
    int amount = (int)(rand_r(&w->seed) % 50) + 1;
    int id = __atomic_add_fetch(&next_transfer, 1, __ATOMIC_RELAXED);
    if (id >= MAX_TRANSFERS) return 0;
    if (wi_run(c, "update accounts set balance = balance - %d where id = %d", amount, src) ||
        wi_run(c, "update accounts set balance = balance + %d where id = %d", amount, dst) ||
        wi_run(c, "insert into transfers values (%d, %d, %d, %d)", id, src, dst, amount) ||
        wdn_commit(c) < 0) {
        if (wdn_connected(c)) wdn_rollback(c);
        return 0;
    }
    acked[id] = 1;
    return 1;
}

static void *work(void *arg)
{
    worker *w = arg;
    wdn_conn *c = NULL;
    while (!stop && wi_now() < deadline) {
        if (!c || !wdn_connected(c)) {
            publish(w, NULL);
            if (c) wdn_close(c);
            /* the instance may be busy cleaning up after a kill */
            if (!(c = wi_connect_within(&inst, "system", WI_PASSWORD, 1.0))) break;
            w->logons++;
            publish(w, c);
        }
        if (transfer(w, c)) w->committed++;
        else w->failed++;
    }
    publish(w, NULL);
    if (c) wdn_close(c);
    return NULL;
}

/* Is PID a dedicated server of this test's instance (so that kill -9 hits only ours)? */
static int is_our_server(long pid)
{
    char path[64], cmd[128] = "";
    snprintf(path, sizeof path, "/proc/%ld/cmdline", pid);
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    size_t n = fread(cmd, 1, sizeof cmd - 1, f);
    fclose(f);
    cmd[n] = 0;
    return !strncmp(cmd, "wardenWARDEN", 12);
}

/* End worker W's current session one of four ways; returns the way, -1 if it had none. */
static int end_one(wdn_conn *dba, worker *w, int how)
{
    pthread_mutex_lock(&w->lock);
    int sid = w->sid, serial = w->serial;
    long spid = w->spid;
    pthread_mutex_unlock(&w->lock);
    if (!sid) return -1;
    switch (how) {
    case 0: wi_run(dba, "alter system kill session '%d,%d'", sid, serial); break;
    case 1: wi_run(dba, "alter system kill session '%d,%d' immediate", sid, serial); break;
    case 2: wi_run(dba, "alter system disconnect session '%d,%d' immediate", sid, serial); break;
    default:
        if (spid > 0 && is_our_server(spid)) kill((pid_t)spid, SIGKILL);
        break;
    }
    return how;
}

static void check_books(wdn_conn *sys, long acknowledged)
{
    assert_int_equal(wi_count(sys, "select sum(balance) from accounts"), ACCOUNTS * OPENING_BALANCE);
    /* Every account's balance is exactly what the recorded transfers make it. */
    assert_int_equal(wi_countf(sys,
                               "select count(*) from accounts a where a.balance <> %d "
                               "- nvl((select sum(amount) from transfers t where t.src = a.id), 0) "
                               "+ nvl((select sum(amount) from transfers t where t.dst = a.id), 0)",
                               OPENING_BALANCE),
                     0);
    /* Every acknowledged transfer is there (a few more may be: committed, reply lost). */
    static unsigned char stored[MAX_TRANSFERS];
    wdn_cursor *cur = NULL;
    assert_int_equal(wdn_execute(sys, "select id from transfers", NULL, 0, &cur, NULL), 0);
    long rows = 0;
    while (wdn_fetch(cur) == 1) {
        long id = atol(wdn_value(cur, 0));
        assert_true(id > 0 && id < MAX_TRANSFERS);
        stored[id] = 1;
        rows++;
    }
    wdn_cursor_close(cur);
    long missing = 0;
    for (int id = 1; id < MAX_TRANSFERS; id++) missing += acked[id] && !stored[id];
    assert_int_equal(missing, 0);
    assert_true(rows >= acknowledged);
}

static void test_transfers_survive_every_way_of_ending_sessions(void **state)
{
    int seconds = seconds_to_run();
    deadline = wi_now() + seconds;
    for (int i = 0; i < WORKERS; i++) {
        workers[i].index = i;
        workers[i].seed = 7919u * (unsigned)(i + 1);
        pthread_mutex_init(&workers[i].lock, NULL);
        pthread_create(&workers[i].thread, NULL, work, &workers[i]);
    }
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    /* A new sequence of endings each run (the seed is printed, to run one again). */
    const char *given = getenv("WARDEN_BANK_SEED");
    unsigned seed = given ? (unsigned)strtoul(given, NULL, 10) : (unsigned)time(NULL);
    unsigned seed0 = seed;
    int ended[4] = {0};
    while (wi_now() < deadline) {
        usleep(100000 + (useconds_t)(rand_r(&seed) % 200000));
        int how = end_one(dba, &workers[rand_r(&seed) % WORKERS], (int)(rand_r(&seed) % 4));
        if (how >= 0) ended[how]++;
    }
    stop = 1;
    long acknowledged = 0, failed = 0, logons = 0;
    for (int i = 0; i < WORKERS; i++) {
        pthread_join(workers[i].thread, NULL);
        acknowledged += workers[i].committed;
        failed += workers[i].failed;
        logons += workers[i].logons;
    }
    fprintf(stderr,
            "bank: %d s (WARDEN_BANK_SEED=%u), %ld transfers committed, %ld failed, %ld logons; "
            "ended by KILL %d, KILL IMMEDIATE %d, DISCONNECT %d, kill -9 %d\n",
            seconds, seed0, acknowledged, failed,
            logons, ended[0], ended[1], ended[2], ended[3]);
    assert_true(acknowledged > 0);
    assert_true(ended[0] + ended[1] + ended[2] + ended[3] > 0);
    check_books(dba, acknowledged);
    wdn_close(dba);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_transfers_survive_every_way_of_ending_sessions),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
