/*
 * load.h - clients working a system at the same time: CLIENTS threads, one
 * connection each, start together and repeat one operation (a prepared
 * point select, a one-row UPDATE and COMMIT) for a given time.  The
 * throughput figures (figures_load.c) are made of these rounds.
 */
#ifndef BENCH_LOAD_H
#define BENCH_LOAD_H

#include <stddef.h>

#include "report.h"
#include "session_ops.h"

#define MAX_CLIENTS 8
#define MAX_OPS_PER_CLIENT 5000000 /* per round: the count bound beside the time bound */

/* One kind of operation, repeated by every client of a round. */
typedef struct load_op {
    const char *sql; /* prepared once per client */
    long keys;       /* each operation's key: 1..KEYS at random (1: always 1) */
    /* Prepare SQL on C: 0, or -1 with the error in C. */
    int (*prepare)(const bench_driver *d, bench_conn *c, const char *sql);
    /* One operation with KEY: 0, or -1 with what went wrong in ERR. */
    int (*run)(const bench_driver *d, bench_conn *c, long key, char *err, size_t len);
} load_op;

/* What the rounds of one system add up to. */
typedef struct load_total {
    samples t;       /* latency of each operation that succeeded, ms */
    double seconds;  /* of measuring, all rounds */
    long errors;     /* operations that failed */
    char first[128]; /* the first failure */
} load_total;

/* CLIENTS (1..MAX_CLIENTS) clients run OP on S for SECONDS; the round is added to ACC. */
void load_round(const bench_system *s, const load_op *op, int clients, double seconds,
                load_total *acc);

#endif
