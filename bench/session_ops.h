/*
 * session_ops.h - what the figures do with sessions of any system: log on
 * or give up, run a statement in the background and time its end, wait
 * (bounded) until a monitoring query sees a session in a state, and the
 * process facts the figures need (PSS, parent pid).
 */
#ifndef BENCH_SESSION_OPS_H
#define BENCH_SESSION_OPS_H

#include <pthread.h>

#include "driver.h"

/* One system under test: its driver and where it listens. */
typedef struct bench_system {
    const bench_driver *d;
    bench_target t;
} bench_system;

double now_ms(void); /* CLOCK_MONOTONIC */

/* Log on or end the harness with a message naming the system. */
bench_conn *logon(const bench_system *s);
/* Run SQL on C or end the harness with the error (setup statements). */
void must_run(const bench_system *s, bench_conn *c, const char *sql);

/* FMT (from the driver) with each %s replaced by the session name of C. */
void sql_for(const bench_system *s, const char *fmt, bench_conn *c, char *out, size_t len);

/* First column of SQL's first row as a number >= 0; -1 on error, no row or not a number. */
long query_number(const bench_system *s, bench_conn *c, const char *sql);

/*
 * Wait until FMT (for session TARGET) counts 1 on MON; polled from every
 * 0.2 ms backing off to every 150 ms, for at most TIMEOUT_MS.  0, or -1 on timeout or error.
 */
int await_state(const bench_system *s, bench_conn *mon, const char *fmt, bench_conn *target,
                double timeout_ms);

/* A statement running in its own thread: rows (or -1 and ERR) and when it ended. */
typedef struct bg_call {
    pthread_t thread;
    const bench_driver *d;
    bench_conn *conn;
    const char *sql;
    long rows;
    char err[160];
    double done;
    int joined; /* its thread is joined: ROWS, ERR and DONE are final */
} bg_call;

void bg_start(bg_call *b, const bench_system *s, bench_conn *c, const char *sql);
void bg_join(bg_call *b); /* wait for the end (no-op once joined) */
/* Join B if its statement ends within MS (0: only if it has ended); 0, or -1 if it still runs. */
int bg_join_within(bg_call *b, double ms);

/*
 * As await_state for B's session, but also stop when B's statement ends:
 * 1 when it ended (joined), 0 once FMT counts 1, -1 on timeout or error.
 */
int await_state_or_end(const bench_system *s, bench_conn *mon, const char *fmt, bg_call *b,
                       double timeout_ms);

/* Proportional set size of PID in KiB (smaps_rollup), -1 if gone. */
long pss_kib(long pid);
/* PSS of ROOT and all its descendants, in KiB. */
long tree_pss_kib(long root);
/* Parent pid of PID, -1 if gone. */
long parent_pid(long pid);

/* Stop the harness (exit 3) if it is still in STEP after SECONDS: a hung call. */
void watchdog(const char *step, unsigned seconds);

#endif
