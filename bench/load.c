/*
 * load.c - rounds of clients working a system at once (see load.h): each
 * client logs on and prepares before the common start, so that a round
 * measures only the operations.
 */
#include "load.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct load_worker {
    pthread_t thread;
    const bench_system *s;
    const load_op *op;
    pthread_barrier_t *start;
    double seconds;
    unsigned seed;
    samples t;
    long errors;
    char first[128];
} load_worker;

static void *worker_main(void *arg)
{
    load_worker *w = arg;
    const bench_driver *d = w->s->d;
    bench_conn *c = logon(w->s);
    if (w->op->prepare(d, c, w->op->sql) < 0) {
        fprintf(stderr, "warden-bench: %s: prepare %s: %s\n", d->name, w->op->sql, d->error(c));
        exit(1);
    }
    pthread_barrier_wait(w->start);
    double until = now_ms() + w->seconds * 1e3;
    char err[160];
    for (long q = 0; q < MAX_OPS_PER_CLIENT; q++) {
        w->seed = w->seed * 1103515245u + 12345u;
        long key = 1 + (long)((w->seed >> 8) % (unsigned long)w->op->keys);
        double t0 = now_ms();
        int rc = w->op->run(d, c, key, err, sizeof err);
        double t1 = now_ms();
        if (rc == 0) {
            samples_add(&w->t, t1 - t0);
        } else {
            w->errors++;
            keep_first(w->first, sizeof w->first, "", err);
        }
        if (t1 > until) break;
    }
    d->disconnect(c);
    return NULL;
}

void load_round(const bench_system *s, const load_op *op, int clients, double seconds,
                load_total *acc)
{
    load_worker w[MAX_CLIENTS] = {0};
    pthread_barrier_t start;
    if (clients < 1 || clients > MAX_CLIENTS) abort();
    pthread_barrier_init(&start, NULL, (unsigned)clients + 1);
    for (int i = 0; i < clients; i++) {
        w[i] = (load_worker){
            .s = s, .op = op, .start = &start, .seconds = seconds, .seed = 7u + (unsigned)i};
        pthread_create(&w[i].thread, NULL, worker_main, &w[i]);
    }
    pthread_barrier_wait(&start);
    double t0 = now_ms();
    for (int i = 0; i < clients; i++) {
        pthread_join(w[i].thread, NULL);
        for (int k = 0; k < w[i].t.n; k++)
            samples_add(&acc->t, w[i].t.v[k]);
        acc->errors += w[i].errors;
        if (!*acc->first) snprintf(acc->first, sizeof acc->first, "%s", w[i].first);
        samples_free(&w[i].t);
    }
    acc->seconds += (now_ms() - t0) / 1e3;
    pthread_barrier_destroy(&start);
}
