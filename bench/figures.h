/*
 * figures.h - the figures of the comparison, each measured on one system
 * (or on all, taking turns) and added to the report (report.h).  Every loop
 * stops at RUNS repetitions or when the figure's time budget is spent,
 * whichever is first; every wait for another session is bounded.
 */
#ifndef BENCH_FIGURES_H
#define BENCH_FIGURES_H

#include "session_ops.h"

#define MAX_SYSTEMS 3
#define THROUGHPUT_ROUNDS 3 /* figure 7: turns each system takes, of o->seconds each */

typedef struct bench_options {
    int runs;       /* repetitions per measurement (>= 200 for the published table) */
    int sessions;   /* connected sessions for listing and memory */
    int idle;       /* idle sessions in the OS kill figure (20) */
    double seconds; /* length of each throughput run (7, 8, 9) */
    double budget;  /* seconds one figure may take on one system */
    int many;       /* sessions figure 12 holds (5,000) */
} bench_options;

/* Now + the time budget of one figure on one system, in now_ms() terms. */
double deadline_of(const bench_options *o);
struct samples;
/* Run query SQL on C o->runs times (or until the figure's budget is spent), each time fetching
 * every row, its times into T and its row count into *ROWS; ends the harness if it fails.
 * Returns the runs done. */
int time_query(const bench_system *s, bench_conn *c, const char *sql, const bench_options *o,
               struct samples *t, long *rows);

void figure_kill(const bench_system *s, const bench_options *o);       /* 1 */
void figure_cancel(const bench_system *s, const bench_options *o);     /* 2 */
void figure_os_kill(const bench_system *s, const bench_options *o);    /* 3 */
void figure_logon(const bench_system *s, const bench_options *o);      /* 4 */
void figure_listing(const bench_system *s, const bench_options *o);    /* 5 and 6 */
/* 7 and 8: all systems in one call, taking turns. */
void figure_throughput(const bench_system *systems, int n, const bench_options *o);
void figure_writers(const bench_system *systems, int n, const bench_options *o);
void figure_hot_row(const bench_system *s, const bench_options *o);    /* 9 */
void figure_deadlock(const bench_system *s, const bench_options *o);   /* 10 */
/* 11: a Warden cluster whose instances 1..3 listen on PORTS, with the credentials of WARDEN;
 * RESTART (may be NULL: no failure runs), a shell command, starts instance 2 again in the
 * background. */
void figure_cluster(const bench_system *warden, const int ports[3], const char *restart,
                    const bench_options *o);
/* 12: o->many sessions held on S (a server sized for them): memory, logon, listing. */
void figure_many_sessions(const bench_system *s, const bench_options *o);

#endif
