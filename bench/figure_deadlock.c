/*
 * figure_deadlock.c - figure 10: A locks row 1 and B row 2 of bench_rows
 * (each in a transaction), A asks for row 2 and waits, B asks for row 1 and
 * closes the cycle.  Timed: from the start of B's closing statement to the
 * first reply of either statement, which is the victim's error; noted:
 * which error it was and whose statement got it.
 *
 * A system on which B's UPDATE of row 2 already waits for A (one writer at
 * a time, as Warden before row locking) never forms the cycle: the figure
 * counts that instead.  Every wait is bounded.  A run ends with both
 * transactions rolled back; a statement that does not end in time is
 * cancelled, and only one that hangs even then ends the harness.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figures.h"
#include "report.h"

#define LOCK_ROW_1 "update bench_rows set v = v + 1 where id = 1"
#define LOCK_ROW_2 "update bench_rows set v = v + 1 where id = 2"
#define MAX_RUNS 50           /* at most: PostgreSQL's take its deadlock_timeout, 1 s, each */
#define STEP_LIMIT_MS 5000.0  /* a statement has ended or is seen waiting by then */
#define ERROR_LIMIT_MS 5000.0 /* the cycle closed: the victim's error by then, or none comes */
#define END_LIMIT_MS 10000.0  /* a released or cancelled statement has ended by then */
#define POLL_MS 0.5 /* between looks for the first reply (its time is taken in its thread) */

enum { A, B };
static const char *const who_name[2] = {"A", "B"};

/* The two sessions of a run, their statements in the background, and a monitor. */
typedef struct run {
    const bench_system *s;
    bench_conn *mon, *conn[2];
    bg_call call[2];
    int started[2];
} run;

/* What the runs on one system came to. */
typedef struct tally {
    samples t;       /* B's closing statement starts -> the first error reply, ms */
    int deadlocks;   /* first errors that were the driver's deadlock error */
    int victim[2];   /* whose statement got the first error */
    int false_waits; /* B's UPDATE of row 2 waited for A: no cycle could form */
    char error[128]; /* the first victim's error */
    char other[128]; /* the first other outcome */
} tally;

static void start(run *r, int who, const char *sql)
{
    bg_start(&r->call[who], r->s, r->conn[who], sql);
    r->started[who] = 1;
}

static int running(run *r, int who)
{
    return r->started[who] && !r->call[who].joined;
}

/* Let WHO's statement end within GRACE_MS, else cancel it; a statement deaf even to that ends the
 * harness. */
static void end_statement(run *r, int who, double grace_ms)
{
    if (bg_join_within(&r->call[who], grace_ms) == 0) return;
    char sql[512];
    sql_for(r->s, r->s->d->cancel_fmt, r->conn[who], sql, sizeof sql);
    r->s->d->run(r->mon, sql);
    if (bg_join_within(&r->call[who], END_LIMIT_MS) == 0) return;
    fprintf(stderr, "warden-bench: %s: session %s's statement did not end when cancelled\n",
            r->s->d->name, who_name[who]);
    exit(1);
}

/*
 * Roll back both transactions: first those of sessions that are free (which
 * may release the other), then each one still in a statement, once it ends
 * (the first given GRACE_MS before it is cancelled, a later one more).
 */
static void end_run(run *r, double grace_ms)
{
    for (int who = A; who <= B; who++)
        if (!running(r, who)) r->s->d->run(r->conn[who], "rollback");
    for (int who = A; who <= B; who++) {
        if (!running(r, who)) continue;
        end_statement(r, who, grace_ms);
        r->s->d->run(r->conn[who], "rollback");
        grace_ms = END_LIMIT_MS;
    }
}

static int erred(const run *r, int who)
{
    return r->call[who].joined && r->call[who].rows < 0;
}

/*
 * Whose statement replied first with an error (A or B) within LIMIT_MS, or
 * -1 if none did.  The survivor may end first in the harness (its thread
 * run sooner) though the victim's abort released it: the victim is the one
 * that errs, its reply time taken in its own thread.
 */
static int first_error(run *r, double limit_ms)
{
    double until = now_ms() + limit_ms;
    for (long polls = 0; polls <= (long)(limit_ms / POLL_MS) && now_ms() <= until; polls++) {
        for (int who = A; who <= B; who++)
            bg_join_within(&r->call[who], POLL_MS);
        if (erred(r, A) && (!erred(r, B) || r->call[A].done <= r->call[B].done)) return A;
        if (erred(r, B)) return B;
        if (r->call[A].joined && r->call[B].joined) return -1; /* both ended, neither erred */
    }
    return -1;
}

/* Begin WHO's transaction (where the system needs it) and run FIRST_SQL (if any) in it. */
static void begin_transaction(run *r, int who, const char *first_sql)
{
    if (r->s->d->begin_sql) must_run(r->s, r->conn[who], r->s->d->begin_sql);
    if (first_sql) must_run(r->s, r->conn[who], first_sql);
}

/* B's closing statement has started at T0: who replied first, and with what. */
static void judge_cycle(run *r, double t0, tally *y)
{
    int first = first_error(r, ERROR_LIMIT_MS);
    if (first < 0) {
        keep_first(y->other, sizeof y->other, "",
                   r->call[A].joined && r->call[B].joined
                       ? "both statements ended without an error: no cycle"
                       : "no error within 5 s of the cycle closing");
    } else {
        const char *err = r->call[first].err;
        samples_add(&y->t, r->call[first].done - t0);
        y->victim[first]++;
        if (strstr(err, r->s->d->deadlock_error))
            y->deadlocks++;
        else
            keep_first(y->other, sizeof y->other, "not a deadlock error: ", err);
        keep_first(y->error, sizeof y->error, "", err);
    }
    end_run(r, first < 0 ? 0 : END_LIMIT_MS);
}

static void deadlock_run(run *r, tally *y)
{
    const bench_driver *d = r->s->d;
    r->started[A] = r->started[B] = 0;
    begin_transaction(r, A, LOCK_ROW_1);
    begin_transaction(r, B, NULL);
    start(r, B, LOCK_ROW_2);
    int st = await_state_or_end(r->s, r->mon, d->lock_waiting_fmt, &r->call[B], STEP_LIMIT_MS);
    if (st == 0) { /* B waits for A, who holds only row 1 */
        y->false_waits++;
        end_run(r, END_LIMIT_MS);
        return;
    }
    if (st < 0 || r->call[B].rows < 0) {
        keep_first(y->other, sizeof y->other, "B's UPDATE of row 2: ",
                   st < 0 ? "neither ended nor waited within 5 s" : r->call[B].err);
        end_run(r, 0);
        return;
    }
    start(r, A, LOCK_ROW_2);
    st = await_state_or_end(r->s, r->mon, d->lock_waiting_fmt, &r->call[A], STEP_LIMIT_MS);
    if (st != 0) {
        keep_first(y->other, sizeof y->other, "A's UPDATE of row 2: ",
                   st < 0                ? "not seen waiting within 5 s"
                   : r->call[A].rows < 0 ? r->call[A].err
                                         : "did not wait for B");
        end_run(r, 0);
        return;
    }
    double t0 = now_ms();
    start(r, B, LOCK_ROW_1);
    judge_cycle(r, t0, y);
}

/* Add TEXT to NOTE after a "; ". */
static void append(char *note, size_t len, const char *text)
{
    size_t n = strlen(note);
    if (*text && n + 1 < len) snprintf(note + n, len - n, "%s%s", n ? "; " : "", text);
}

static void report_deadlocks(const bench_system *s, tally *y, int runs, int planned)
{
    char result[48], note[200] = "", text[200];
    if (y->t.n)
        snprintf(result, sizeof result, "%d of %d runs: deadlock error", y->deadlocks, runs);
    else if (y->false_waits)
        snprintf(result, sizeof result, "no deadlock in %d runs", runs);
    else
        snprintf(result, sizeof result, "no victim's error in %d runs", runs);
    if (y->t.n) {
        snprintf(text, sizeof text, "%.110s; victim A %d, B %d", y->error, y->victim[A],
                 y->victim[B]);
        append(note, sizeof note, text);
    }
    if (y->false_waits) {
        snprintf(text, sizeof text,
                 "no deadlock: B's UPDATE of row 2 waited for A's transaction (%d runs)",
                 y->false_waits);
        append(note, sizeof note, text);
    }
    append(note, sizeof note, y->other);
    outcome_note(text, sizeof text, note, runs, planned);
    report_add("10 deadlock", "cycle closed -> the victim's error", s->d->name, "ms", &y->t, result,
               text);
}

void figure_deadlock(const bench_system *s, const bench_options *o)
{
    run r = {.s = s, .mon = logon(s)};
    r.conn[A] = logon(s);
    r.conn[B] = logon(s);
    tally y = {0};
    int planned = o->runs < MAX_RUNS ? o->runs : MAX_RUNS, runs;
    double deadline = deadline_of(o);
    for (runs = 0; runs < planned && now_ms() < deadline; runs++)
        deadlock_run(&r, &y);
    report_deadlocks(s, &y, runs, planned);
    samples_free(&y.t);
    for (int who = A; who <= B; who++)
        s->d->disconnect(r.conn[who]);
    s->d->disconnect(r.mon);
}
