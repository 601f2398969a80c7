/*
 * figure_cluster.c - figure 11, a Warden cluster of three instances
 * (Warden only: the other systems have no counterpart in these runs):
 *
 *   a. GV$SESSION listing from one instance with SESSIONS sessions spread
 *      over the three, beside V$SESSION of that one instance;
 *   b. kill-to-release of a blocked waiter when the KILL goes to another
 *      instance ('sid,serial#,@1' from instance 2), beside the same KILL
 *      issued on the holder's own instance;
 *   c. instance failure: kill -9 of instance 2's PMON while its session
 *      holds a row that a session of instance 1 waits for, to that waiter
 *      getting the row; instance 2 is then started again (RESTART, a shell
 *      command that starts it in the background) and rejoins.
 *
 * Every session is pinned to its instance (host:port/SERVICE/WARDENn), so
 * the listeners' balancing does not move it.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "figures.h"
#include "report.h"

#define HOLD "update bench_cluster set v = v + 1 where id = %d"
#define FAILURE_RUNS 5 /* each one restarts an instance (about a second) */
#define STATE_TIMEOUT_MS 10000.0

/* Instance I (1-based) of the cluster whose first instance is WARDEN, listening on PORT. */
static bench_system member(const bench_system *warden, int i, int port)
{
    bench_system m = *warden;
    m.t.port = port;
    snprintf(m.t.database, sizeof m.t.database, "%.40s/WARDEN%d", warden->t.database, i);
    return m;
}

static void await(const bench_system *s, bench_conn *mon, const char *fmt, bench_conn *who)
{
    if (await_state(s, mon, fmt, who, STATE_TIMEOUT_MS) < 0) {
        fprintf(stderr, "warden-bench: cluster: a session never reached the state of: %s\n", fmt);
        exit(1);
    }
}

/* a: GV$SESSION from instance 1 with o->sessions sessions over the three. */
static void listing(const bench_system *m, const bench_options *o)
{
    const bench_driver *d = m[0].d;
    bench_conn **conns = calloc((size_t)o->sessions, sizeof *conns);
    for (int i = 0; i < o->sessions; i++) conns[i] = logon(&m[i % 3]);
    bench_conn *c = logon(&m[0]);
    static const char *const sql[2] = {"select * from gv$session", "select * from v$session"};
    for (int k = 0; k < 2; k++) {
        samples t = {0};
        long rows = 0;
        int r = time_query(&m[0], c, sql[k], o, &t, &rows);
        char measure[96], result[48], note[200];
        snprintf(measure, sizeof measure, "%s, %d sessions on 3 instances", sql[k], o->sessions);
        snprintf(result, sizeof result, "%ld rows", rows);
        outcome_note(note, sizeof note, NULL, r, o->runs);
        report_add("11 cluster: listing", measure, "Warden x3", "ms", &t, result, note);
        samples_free(&t);
    }
    d->disconnect(c);
    for (int i = 0; i < o->sessions; i++) d->disconnect(conns[i]);
    free(conns);
}

/* b: the holder on instance 1, its waiter and the killer on instance KILLER (1: local). */
static void kill_runs(const bench_system *m, int killer, const bench_options *o)
{
    const bench_driver *d = m[0].d;
    const bench_system *w = &m[killer - 1];
    bench_conn *b = logon(w), *c = logon(w);
    samples release = {0};
    char sql[256], hold[96], first[128] = "";
    snprintf(hold, sizeof hold, HOLD, 1);
    double deadline = deadline_of(o);
    int r;
    for (r = 0; r < o->runs && now_ms() < deadline; r++) {
        bench_conn *a = logon(&m[0]);
        must_run(&m[0], a, hold);
        bg_call waiter;
        bg_start(&waiter, w, b, hold);
        await(w, c, d->lock_waiting_fmt, b);
        char name[64];
        d->session_name(a, name, sizeof name);
        snprintf(sql, sizeof sql, "alter system kill session '%s%s'", name,
                 killer == 1 ? "" : ",@1");
        double t0 = now_ms();
        if (d->run(c, sql) < 0) keep_first(first, sizeof first, "kill: ", d->error(c));
        bg_join(&waiter);
        if (waiter.rows < 0) keep_first(first, sizeof first, "waiter: ", waiter.err);
        else samples_add(&release, waiter.done - t0);
        d->run(b, "rollback");
        d->disconnect(a);
    }
    char measure[96], note[200];
    snprintf(measure, sizeof measure, "%s: waiter's statement completes",
             killer == 1 ? "KILL on the holder's instance" : "KILL '...,@1' from instance 2");
    outcome_note(note, sizeof note, *first ? first : NULL, r, o->runs);
    report_add("11 cluster: kill-to-release", measure, "Warden x3", "ms", &release, NULL, note);
    samples_free(&release);
    d->disconnect(b);
    d->disconnect(c);
}

/* c: kill -9 of instance 2's PMON, to a waiter on instance 1 getting the row. */
static void failure_runs(const bench_system *m, const char *restart, const bench_options *o)
{
    const bench_driver *d = m[0].d;
    bench_conn *b = logon(&m[0]), *c = logon(&m[0]);
    samples release = {0}, rejoin = {0};
    char hold[96], first[128] = "";
    snprintf(hold, sizeof hold, HOLD, 2);
    int runs = o->runs < FAILURE_RUNS ? o->runs : FAILURE_RUNS, r;
    for (r = 0; r < runs; r++) {
        bench_conn *a = logon(&m[1]);
        long pmon = query_number(&m[1], a, "select spid from v$process where pname = 'PMON'");
        must_run(&m[1], a, hold);
        bg_call waiter;
        bg_start(&waiter, &m[0], b, hold);
        await(&m[0], c, d->lock_waiting_fmt, b);
        double t0 = now_ms();
        if (pmon <= 1 || kill((pid_t)pmon, SIGKILL) < 0) {
            fprintf(stderr, "warden-bench: cluster: no PMON of instance 2 to kill\n");
            exit(1);
        }
        bg_join(&waiter);
        if (waiter.rows < 0) keep_first(first, sizeof first, "waiter: ", waiter.err);
        else samples_add(&release, waiter.done - t0);
        d->run(b, "rollback");
        d->disconnect(a);
        /* start it again and wait until it serves */
        double t1 = now_ms();
        if (system(restart) != 0) keep_first(first, sizeof first, "restart: ", restart);
        bench_conn *back = NULL;
        char err[160];
        while (!back && now_ms() - t1 < 30000) {
            back = d->connect(&m[1].t, err, sizeof err);
            if (!back) usleep(20000);
        }
        if (!back) {
            fprintf(stderr, "warden-bench: cluster: instance 2 did not come back: %s\n", err);
            exit(1);
        }
        samples_add(&rejoin, now_ms() - t1);
        d->disconnect(back);
    }
    char note[200];
    outcome_note(note, sizeof note, *first ? first : NULL, r, runs);
    report_add("11 cluster: instance failure", "kill -9 of PMON 2 to the waiter on 1 getting the row",
               "Warden x3", "ms", &release, NULL, note);
    report_add("11 cluster: instance failure", "restart of instance 2 until it accepts a logon",
               "Warden x3", "ms", &rejoin, NULL, NULL);
    samples_free(&release);
    samples_free(&rejoin);
    d->disconnect(b);
    d->disconnect(c);
}

void figure_cluster(const bench_system *warden, const int ports[3], const char *restart,
                    const bench_options *o)
{
    bench_system m[3];
    for (int i = 0; i < 3; i++) m[i] = member(warden, i + 1, ports[i]);
    bench_conn *setup = logon(&m[0]);
    warden->d->run(setup, "drop table bench_cluster");
    must_run(&m[0], setup, "create table bench_cluster (id number primary key, v number)");
    must_run(&m[0], setup, "insert into bench_cluster values (1, 0)");
    must_run(&m[0], setup, "insert into bench_cluster values (2, 0)");
    must_run(&m[0], setup, "commit");
    warden->d->disconnect(setup);
    listing(m, o);
    kill_runs(m, 1, o);
    kill_runs(m, 2, o);
    if (restart) failure_runs(m, restart, o);
}
