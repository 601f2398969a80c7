/*
 * figures.c - figures 1 to 6 of the comparison (ending sessions, logons,
 * listing, memory), written once against the driver interface: what is
 * timed, from which moment to which, and what the table says about it.
 * The load figures are in figures_load.c, the deadlock in figure_deadlock.c.
 */
#include "figures.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"

#define LOCK_ROW "update bench_lock set v = v + 1 where id = 1"
#define STATE_TIMEOUT_MS 10000.0
/*
 * How long a statement runs before it is cancelled: past parsing, planning
 * and PostgreSQL's JIT compilation (tens of ms, deaf to interrupts, for a
 * statement this costly), so that every system is cancelled while executing.
 */
#define SETTLE_US 100000

double deadline_of(const bench_options *o) { return now_ms() + o->budget * 1e3; }

/* Wait for a state the figure needs; without it the figure means nothing. */
static void must_reach(const bench_system *s, bench_conn *mon, const char *fmt, bench_conn *who)
{
    if (await_state(s, mon, fmt, who, STATE_TIMEOUT_MS) < 0) {
        fprintf(stderr, "warden-bench: %s: session never reached the state of: %s\n", s->d->name,
                fmt);
        exit(1);
    }
}

/* ---- 1: kill-to-release ---- */

void figure_kill(const bench_system *s, const bench_options *o)
{
    const bench_driver *d = s->d;
    bench_conn *c = logon(s), *b = logon(s);
    samples release = {0}, issuer = {0};
    char sql[512], first[128] = "";
    double deadline = deadline_of(o);
    int r;
    for (r = 0; r < o->runs && now_ms() < deadline; r++) {
        bench_conn *a = logon(s);
        if (d->begin_sql) must_run(s, a, d->begin_sql);
        must_run(s, a, LOCK_ROW);
        bg_call waiter;
        bg_start(&waiter, s, b, LOCK_ROW);
        must_reach(s, c, d->lock_waiting_fmt, b);
        sql_for(s, d->kill_fmt, a, sql, sizeof sql);
        double t0 = now_ms();
        long rc = d->run(c, sql);
        double t1 = now_ms();
        if (rc < 0) keep_first(first, sizeof first, "kill: ", d->error(c));
        bg_join(&waiter);
        if (waiter.rows < 0) keep_first(first, sizeof first, "waiter: ", waiter.err);
        if (rc >= 0 && waiter.rows >= 0) {
            samples_add(&release, waiter.done - t0);
            samples_add(&issuer, t1 - t0);
        }
        d->run(b, "rollback");
        d->disconnect(a);
    }
    char note[200];
    outcome_note(note, sizeof note, *first ? first : NULL, r, o->runs);
    report_add("1 kill-to-release", "waiter's statement completes", d->name, "ms", &release,
               NULL, note);
    report_add("1 kill-to-release", "the killer's command returns", d->name, "ms", &issuer, NULL,
               NULL);
    samples_free(&release);
    samples_free(&issuer);
    d->disconnect(b);
    d->disconnect(c);
}

/* ---- 2: cancel ---- */

/* Cancel STATEMENT on A from C, RUNS times; time until A's call returns. */
static void cancel_runs(const bench_system *s, const bench_options *o, const char *measure,
                        const char *statement)
{
    const bench_driver *d = s->d;
    bench_conn *a = logon(s), *c = logon(s);
    samples t = {0}, issuer = {0};
    char sql[512], outcome[128] = "";
    double deadline = deadline_of(o);
    int r;
    for (r = 0; r < o->runs && now_ms() < deadline; r++) {
        bg_call victim;
        bg_start(&victim, s, a, statement);
        must_reach(s, c, d->running_fmt, a);
        usleep(SETTLE_US);
        sql_for(s, d->cancel_fmt, a, sql, sizeof sql);
        double t0 = now_ms();
        if (d->run(c, sql) < 0) keep_first(outcome, sizeof outcome, "cancel: ", d->error(c));
        samples_add(&issuer, now_ms() - t0);
        bg_join(&victim);
        samples_add(&t, victim.done - t0);
        if (victim.rows >= 0) keep_first(outcome, sizeof outcome, "", "returned rows, no error");
        else keep_first(outcome, sizeof outcome, "", victim.err);
    }
    char note[200];
    outcome_note(note, sizeof note, outcome, r, o->runs);
    report_add("2 cancel", measure, d->name, "ms", &t, NULL, note);
    report_add("2 cancel", "  ... the canceller's command returns", d->name, "ms", &issuer, NULL,
               NULL);
    samples_free(&t);
    samples_free(&issuer);
    d->disconnect(c);
    d->disconnect(a);
}

void figure_cancel(const bench_system *s, const bench_options *o)
{
    cancel_runs(s, o, "CPU-bound statement: victim's call returns", s->d->cpu_sql);
    cancel_runs(s, o, "sleep: victim's call returns", s->d->sleep_sql);
}

/* ---- 3: OS kill survival ---- */

/* Log on and run one query, or NULL (no exit): the system may be restarting. */
static bench_conn *try_logon(const bench_system *s)
{
    char err[256];
    bench_conn *c = s->d->connect(&s->t, err, sizeof err);
    if (c && s->d->run(c, s->d->ping_sql) < 0) {
        s->d->disconnect(c);
        c = NULL;
    }
    return c;
}

/* Log on, retrying every millisecond for at most LIMIT_MS; NULL if never. */
static bench_conn *logon_within(const bench_system *s, double limit_ms)
{
    double until = now_ms() + limit_ms;
    bench_conn *c;
    while (!(c = try_logon(s)) && now_ms() < until) usleep(1000);
    return c;
}

/* Log on once the system is back (it may be restarting after a kill -9), or end the harness. */
static bench_conn *logon_when_back(const bench_system *s)
{
    bench_conn *c = logon_within(s, 60000);
    if (!c) {
        fprintf(stderr, "warden-bench: %s: no logon within 60 s\n", s->d->name);
        exit(1);
    }
    return c;
}

/*
 * kill -9 of the server process of a session holding a row lock that
 * another session waits for: when does the waiter's statement return, and
 * with what (Warden: PMON cleans up and the waiter gets the row).
 */
static void holder_kill_runs(const bench_system *s, const bench_options *o)
{
    const bench_driver *d = s->d;
    samples t = {0};
    char outcome[128] = "";
    double deadline = deadline_of(o);
    int r, got_row = 0;
    for (r = 0; r < o->runs && now_ms() < deadline; r++) {
        bench_conn *mon = logon_when_back(s), *a = logon_when_back(s), *b = logon_when_back(s);
        long pid = d->server_pid(a);
        if (d->begin_sql) must_run(s, a, d->begin_sql);
        must_run(s, a, LOCK_ROW);
        bg_call waiter;
        bg_start(&waiter, s, b, LOCK_ROW);
        must_reach(s, mon, d->lock_waiting_fmt, b);
        double t0 = now_ms();
        if (pid <= 1 || kill((pid_t)pid, SIGKILL) < 0) {
            fprintf(stderr, "warden-bench: %s: cannot kill server process %ld\n", d->name, pid);
            exit(1);
        }
        bg_join(&waiter);
        samples_add(&t, waiter.done - t0);
        if (waiter.rows >= 0) got_row++;
        else keep_first(outcome, sizeof outcome, "waiter: ", waiter.err);
        if (waiter.rows >= 0) d->run(b, "rollback");
        d->disconnect(a);
        d->disconnect(b);
        d->disconnect(mon);
    }
    char result[48], note[200];
    snprintf(result, sizeof result, "%d of %d got the row", got_row, t.n);
    outcome_note(note, sizeof note, *outcome ? outcome : NULL, r, o->runs);
    report_add("3 OS kill survival", "kill -9 of a lock holder: the waiter returns", d->name, "ms",
               &t, result, note);
    samples_free(&t);
}

void figure_os_kill(const bench_system *s, const bench_options *o)
{
    holder_kill_runs(s, o);
    const bench_driver *d = s->d;
    bench_conn **idle = calloc((size_t)o->idle, sizeof *idle), *mon = NULL;
    samples survivors = {0}, relogon = {0};
    char first[128] = "";
    double deadline = deadline_of(o);
    int r;
    for (r = 0; r < o->runs && now_ms() < deadline; r++) {
        if (!mon || d->run(mon, d->ping_sql) < 0) {
            if (mon) d->disconnect(mon);
            mon = logon_when_back(s);
        }
        for (int i = 0; i < o->idle; i++)
            if (!idle[i]) idle[i] = logon_when_back(s);
        bench_conn *busy = logon_when_back(s);
        long pid = d->server_pid(busy); /* asked before the connection is busy */
        bg_call call;
        bg_start(&call, s, busy, d->cpu_sql);
        must_reach(s, mon, d->running_fmt, busy);
        double t0 = now_ms();
        if (pid <= 1 || kill((pid_t)pid, SIGKILL) < 0) {
            fprintf(stderr, "warden-bench: %s: cannot kill server process %ld\n", d->name, pid);
            exit(1);
        }
        bg_join(&call);
        bench_conn *fresh = logon_when_back(s);
        samples_add(&relogon, now_ms() - t0);
        d->disconnect(fresh);
        int alive = 0;
        for (int i = 0; i < o->idle; i++) {
            if (d->run(idle[i], d->ping_sql) >= 0) {
                alive++;
                continue;
            }
            keep_first(first, sizeof first, "idle session: ", d->error(idle[i]));
            d->disconnect(idle[i]);
            idle[i] = NULL;
        }
        samples_add(&survivors, alive);
        d->disconnect(busy);
    }
    char measure[80], result[48], note[200];
    snprintf(measure, sizeof measure, "idle sessions still answering (of %d)", o->idle);
    double worst = o->idle;
    for (int i = 0; i < survivors.n; i++)
        if (survivors.v[i] < worst) worst = survivors.v[i];
    snprintf(result, sizeof result, "%.0f of %d (worst run)", worst, o->idle);
    outcome_note(note, sizeof note, *first ? first : NULL, r, o->runs);
    report_add("3 OS kill survival", measure, d->name, "", &survivors, result, note);
    report_add("3 OS kill survival", "kill -9 until a new logon succeeds", d->name, "ms", &relogon,
               NULL, NULL);
    samples_free(&survivors);
    samples_free(&relogon);
    for (int i = 0; i < o->idle; i++)
        if (idle[i]) d->disconnect(idle[i]);
    free(idle);
    if (mon) d->disconnect(mon);
}

/* ---- 4: logon rate ---- */

typedef struct logon_worker {
    pthread_t thread;
    const bench_system *s;
    int runs;
    double deadline;
    samples t;
} logon_worker;

static void *logon_main(void *arg)
{
    logon_worker *w = arg;
    for (int r = 0; r < w->runs && now_ms() < w->deadline; r++) {
        double t0 = now_ms();
        bench_conn *c = logon(w->s);
        must_run(w->s, c, w->s->d->ping_sql);
        w->s->d->disconnect(c);
        samples_add(&w->t, now_ms() - t0);
    }
    return NULL;
}

static void logon_clients(const bench_system *s, const bench_options *o, int clients)
{
    logon_worker w[8] = {0};
    samples all = {0};
    double deadline = deadline_of(o), t0 = now_ms();
    for (int i = 0; i < clients; i++) {
        w[i] = (logon_worker){.s = s, .runs = o->runs, .deadline = deadline};
        pthread_create(&w[i].thread, NULL, logon_main, &w[i]);
    }
    for (int i = 0; i < clients; i++) {
        pthread_join(w[i].thread, NULL);
        for (int k = 0; k < w[i].t.n; k++) samples_add(&all, w[i].t.v[k]);
        samples_free(&w[i].t);
    }
    double wall = (now_ms() - t0) / 1e3;
    char measure[80], result[48], note[200];
    snprintf(measure, sizeof measure, "logon+query+logoff, %d client%s (each)", clients,
             clients > 1 ? "s" : "");
    snprintf(result, sizeof result, "%.0f logons/s", all.n / wall);
    outcome_note(note, sizeof note, NULL, all.n, o->runs * clients);
    report_add("4 logon rate", measure, s->d->name, "ms", &all, result, note);
    samples_free(&all);
}

void figure_logon(const bench_system *s, const bench_options *o)
{
    logon_clients(s, o, 1);
    logon_clients(s, o, 2);
}

/* ---- 5 and 6: session listing and memory per idle session ---- */

int time_query(const bench_system *s, bench_conn *c, const char *sql, const bench_options *o,
               samples *t, long *rows)
{
    double deadline = deadline_of(o);
    int r;
    for (r = 0; r < o->runs && now_ms() < deadline; r++) {
        double t0 = now_ms();
        *rows = s->d->run(c, sql);
        if (*rows < 0) {
            fprintf(stderr, "warden-bench: %s: %s\n  failed: %s\n", s->d->name, sql,
                    s->d->error(c));
            exit(1);
        }
        samples_add(t, now_ms() - t0);
    }
    return r;
}

void figure_listing(const bench_system *s, const bench_options *o)
{
    const bench_driver *d = s->d;
    bench_conn *c = logon(s);
    long root = d->threaded ? d->server_pid(c) : parent_pid(d->server_pid(c));
    long before = tree_pss_kib(root);
    bench_conn **conns = calloc((size_t)o->sessions, sizeof *conns);
    for (int i = 0; i < o->sessions; i++) {
        conns[i] = logon(s);
        must_run(s, conns[i], d->ping_sql);
    }
    long after = tree_pss_kib(root);
    samples per_process = {0};
    for (int i = 0; i < o->sessions && !d->threaded; i++)
        samples_add(&per_process, (double)pss_kib(d->server_pid(conns[i])));
    char measure[80], result[48];
    snprintf(result, sizeof result, "%.0f KiB/session", (double)(after - before) / o->sessions);
    snprintf(measure, sizeof measure, "PSS growth of the server / %d idle sessions", o->sessions);
    report_add("6 memory per idle session", measure, d->name, "KiB", &per_process, result,
               d->threaded ? "one process: no per-session PSS" : "distribution: PSS per server process");
    samples_free(&per_process);

    samples t = {0};
    long rows = 0;
    int r = time_query(s, c, d->list_sql, o, &t, &rows);
    char note[200];
    snprintf(measure, sizeof measure, "%.30s, %d sessions", d->list_sql, o->sessions);
    snprintf(result, sizeof result, "%ld rows", rows);
    outcome_note(note, sizeof note, NULL, r, o->runs);
    report_add("5 session listing", measure, d->name, "ms", &t, result, note);
    samples_free(&t);
    for (int i = 0; i < o->sessions; i++) d->disconnect(conns[i]);
    free(conns);
    d->disconnect(c);
}
