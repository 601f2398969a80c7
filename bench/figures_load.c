/*
 * figures_load.c - the figures where clients work a system at once:
 * 7 point-select throughput, 8 writers on distinct rows, 9 one hot row.
 * Each client runs a prepared statement (load.h); the writers' unit is a
 * transaction: [BEGIN,] a one-row UPDATE, COMMIT.
 */
#include <stdio.h>

#include "driver.h"
#include "figures.h"
#include "load.h"
#include "report.h"

#define POINT_ROWS 10000 /* rows of bench_point (setup_sql) */
#define WRITER_COUNTS 4  /* figure 8: 1, 2, 4, 8 clients */
#define HOT_CLIENTS 8
#define HOT_VALUE_SQL "select n from bench_hot where id = 1"

/* Seconds for each of ROUNDS rounds on one system: o->seconds, or less to stay within the budget.
 */
static double round_seconds(const bench_options *o, int rounds)
{
    double cap = o->budget / rounds;
    return o->seconds < cap ? o->seconds : cap;
}

static int prepare_select(const bench_driver *d, bench_conn *c, const char *sql)
{
    return d->prepare(c, sql);
}

static int prepare_update(const bench_driver *d, bench_conn *c, const char *sql)
{
    return d->prepare_dml(c, sql);
}

static int point_select(const bench_driver *d, bench_conn *c, long key, char *err, size_t len)
{
    long rows = d->select(c, key);
    if (rows == 1) return 0;
    snprintf(err, len, "%s", rows < 0 ? d->error(c) : "not one row");
    return -1;
}

/* [BEGIN;] the prepared UPDATE of row KEY; COMMIT.  Rolled back if a step fails. */
static int update_transaction(const bench_driver *d, bench_conn *c, long key, char *err, size_t len)
{
    long changed = 0;
    if ((d->begin_sql && d->run(c, d->begin_sql) < 0) || (changed = d->dml(c, key)) < 0 ||
        (changed == 1 && d->run(c, "commit") < 0))
        snprintf(err, len, "%s", d->error(c));
    else if (changed != 1)
        snprintf(err, len, "the UPDATE changed %ld rows, not 1", changed);
    else
        return 0;
    d->run(c, "rollback");
    return -1;
}

/* A row of the table for ACC: latencies, the rate in RATE_UNIT per second, failures. */
static void report_load(const char *figure, const char *measure, const char *system,
                        load_total *acc, const char *rate_unit)
{
    char result[48], note[200] = "";
    snprintf(result, sizeof result, "%.0f %s", acc->seconds > 0 ? acc->t.n / acc->seconds : 0.0,
             rate_unit);
    if (acc->errors) snprintf(note, sizeof note, "%ld failed: %s", acc->errors, acc->first);
    report_add(figure, measure, system, "ms", &acc->t, result, note);
    samples_free(&acc->t);
}

static load_op point_op(const bench_driver *d)
{
    return (load_op){d->point_sql, POINT_ROWS, prepare_select, point_select};
}

static load_op rows_op(const bench_driver *d)
{
    return (load_op){d->rows_update_sql, BENCH_ROWS, prepare_update, update_transaction};
}

static load_op hot_op(const bench_driver *d)
{
    return (load_op){d->hot_update_sql, 1, prepare_update, update_transaction};
}

/* Each of the N systems in turn: one round of CLIENTS clients running OP_FOR(its driver). */
static void take_turns(const bench_system *systems, int n, load_op (*op_for)(const bench_driver *),
                       int clients, double seconds, load_total *acc)
{
    for (int k = 0; k < n; k++) {
        load_op op = op_for(systems[k].d);
        fprintf(stderr, "warden-bench: %.40s..., %d client(s) on %s\n", op.sql, clients,
                systems[k].d->name);
        load_round(&systems[k], &op, clients, seconds, &acc[k]);
    }
}

/* One row per system: WHAT with CLIENTS clients, from the rounds in ACC (freed). */
static void report_turns(const bench_system *systems, int n, const char *figure, const char *what,
                         int clients, load_total *acc, const char *rate_unit)
{
    char measure[80];
    snprintf(measure, sizeof measure, "%s, %d client%s (latency)", what, clients,
             clients > 1 ? "s" : "");
    for (int k = 0; k < n; k++)
        report_load(figure, measure, systems[k].d->name, &acc[k], rate_unit);
}

/* ---- 7: point-select throughput ---- */

/*
 * Throughput drifts with whatever else the machine does: the systems take
 * turns, THROUGHPUT_ROUNDS rounds of o->seconds each, so that drift is
 * shared out evenly instead of landing on one of them.
 */
void figure_throughput(const bench_system *systems, int n, const bench_options *o)
{
    double seconds = round_seconds(o, 2 * THROUGHPUT_ROUNDS);
    for (int clients = 1; clients <= MAX_CLIENTS; clients *= MAX_CLIENTS) {
        load_total acc[MAX_SYSTEMS] = {0};
        for (int round = 0; round < THROUGHPUT_ROUNDS; round++)
            take_turns(systems, n, point_op, clients, seconds, acc);
        report_turns(systems, n, "7 point-select throughput", "prepared point select", clients, acc,
                     "queries/s");
    }
}

/* ---- 8: concurrent writers on distinct rows ---- */

/*
 * 1, 2, 4 and 8 clients, each committing one-row UPDATEs of random rows of
 * bench_rows; the systems take turns for each client count.
 */
void figure_writers(const bench_system *systems, int n, const bench_options *o)
{
    double seconds = round_seconds(o, WRITER_COUNTS);
    for (int clients = 1; clients <= MAX_CLIENTS; clients *= 2) {
        load_total acc[MAX_SYSTEMS] = {0};
        take_turns(systems, n, rows_op, clients, seconds, acc);
        report_turns(systems, n, "8 writers on distinct rows", "1-row UPDATE + COMMIT", clients,
                     acc, "commits/s");
    }
}

/* ---- 9: a hot row ---- */

/* The counter's gain against the commits acknowledged: the lost updates (a check, not a stop). */
static void report_lost_updates(const bench_system *s, bench_conn *c, long before, long commits)
{
    long after = before < 0 ? -1 : query_number(s, c, HOT_VALUE_SQL);
    char result[48], note[160];
    if (after < 0) {
        snprintf(result, sizeof result, "counter unreadable");
        snprintf(note, sizeof note, "%.150s", s->d->error(c));
    } else {
        snprintf(result, sizeof result, "lost updates: %ld", commits - (after - before));
        snprintf(note, sizeof note, "n went from %ld to %ld; %ld commits acknowledged", before,
                 after, commits);
    }
    report_add("9 hot row", "counter's gain = commits acknowledged?", s->d->name, "", NULL, result,
               note);
}

void figure_hot_row(const bench_system *s, const bench_options *o)
{
    const bench_driver *d = s->d;
    bench_conn *c = logon(s);
    long before = query_number(s, c, HOT_VALUE_SQL);
    load_op op = hot_op(d);
    load_total acc = {0};
    load_round(s, &op, HOT_CLIENTS, round_seconds(o, 1), &acc);
    long commits = acc.t.n;
    report_load("9 hot row", "8 clients: n = n + 1 + COMMIT (latency)", d->name, &acc, "commits/s");
    report_lost_updates(s, c, before, commits);
    d->disconnect(c);
}
