/*
 * figure_many_sessions.c - figure 12, many connected sessions (5,000 by
 * default, --many-sessions), on each system in turn, on servers that
 * run.sh sized for them alone (so the other figures keep their servers):
 *
 *   a. logon as sessions accumulate: every logon (connect, password logon,
 *      `select 1`) of the ramp from 1 to N sessions is timed; the median of
 *      the first 100 is set against the median of the last 100 (sessions
 *      N-99..N).  Beside it, a probe: PROBES logons of one more session,
 *      each logged off again and followed by a pause, with nothing else
 *      connected and then with the N connected; median against median.
 *   b. memory held per idle session: PSS growth of the server's process
 *      tree over the ramp, divided by the sessions held, as figure 6
 *      measures it (and each session's process's PSS where sessions are
 *      processes);
 *   c. `select *` from the system's session view with N sessions, and for
 *      Warden the identification query of the article, GV$SESSION joined to
 *      GV$PROCESS.
 *
 * The ramp stops early, without ending the harness, at the first logon that
 * fails or when its time is spent; the figure is then measured with the
 * sessions it holds, and the note says so.  After the figure every session
 * logs off and the harness waits (bounded) for the server processes to go,
 * so that they do not weigh on the next system's turn.
 */
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "figures.h"
#include "report.h"

#define FIGURE "12 many sessions"
#define EDGE 100                /* logons at each end of the ramp set against each other */
#define PROBES 50               /* logons of one more session, before and after the ramp */
#define PROBE_PAUSE_US 20000    /* after each probe's logoff: its server process has gone */
#define LOGON_GOAL 1.10         /* the N-th logon within 10 % of the first */
#define JOIN_GOAL_MS 20.0       /* the article's query at N sessions */
#define DRAIN_LIMIT_MS 120000.0 /* the servers' processes have gone by then */
#define ARTICLE_JOIN                                                                               \
    "select s.inst_id, s.sid, s.serial#, p.spid, s.username, s.program from gv$session s "         \
    "join gv$process p on p.addr = s.paddr and p.inst_id = s.inst_id "                             \
    "where s.type != 'BACKGROUND'"

/* The sessions of one system's turn and what their logons took. */
typedef struct crowd {
    const bench_system *s;
    bench_conn **conn;
    int n;          /* sessions held */
    samples ramp;   /* each logon of the ramp, in order, ms */
    char stop[160]; /* why the ramp stopped short ("" if it did not) */
} crowd;

/* Log on and run the ping; the time in ms, or -1 with the error in ERR. */
static double timed_logon(const bench_system *s, bench_conn **c, char *err, size_t len)
{
    double t0 = now_ms();
    *c = s->d->connect(&s->t, err, len);
    if (*c && s->d->run(*c, s->d->ping_sql) < 0) {
        snprintf(err, len, "%s", s->d->error(*c));
        s->d->disconnect(*c);
        *c = NULL;
    }
    return *c ? now_ms() - t0 : -1;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Median of V[FROM..TO) (left unsorted), 0 if empty. */
static double median_of(const double *v, int from, int to)
{
    int n = to - from;
    if (n <= 0) return 0;
    double *copy = malloc(sizeof *copy * (size_t)n);
    if (!copy) abort();
    memcpy(copy, v + from, sizeof *copy * (size_t)n);
    qsort(copy, (size_t)n, sizeof *copy, by_value);
    double m = n % 2 ? copy[n / 2] : (copy[n / 2 - 1] + copy[n / 2]) / 2;
    free(copy);
    return m;
}

/* PROBES logons of one more session beside the crowd (each logged off, untimed) into T. */
static void probe_logons(const bench_system *s, samples *t, char *first, size_t len)
{
    char err[256];
    for (int i = 0; i < PROBES; i++) {
        bench_conn *c;
        double ms = timed_logon(s, &c, err, sizeof err);
        if (ms < 0) {
            keep_first(first, len, "probe logon: ", err);
            continue;
        }
        samples_add(t, ms);
        s->d->disconnect(c);
        usleep(PROBE_PAUSE_US);
    }
}

/* Log on up to o->many sessions, each timed, until one fails or the ramp's time is spent. */
static void ramp_up(crowd *w, const bench_options *o)
{
    double deadline = now_ms() + 2 * o->budget * 1e3, block = now_ms();
    char err[256];
    w->conn = calloc((size_t)o->many, sizeof *w->conn);
    if (!w->conn) abort();
    for (w->n = 0; w->n < o->many; w->n++) {
        if (now_ms() > deadline) {
            snprintf(w->stop, sizeof w->stop, "time: %d of %d sessions logged on", w->n, o->many);
            break;
        }
        double ms = timed_logon(w->s, &w->conn[w->n], err, sizeof err);
        if (ms < 0) {
            snprintf(w->stop, sizeof w->stop, "logon %d failed: %.100s", w->n + 1, err);
            break;
        }
        samples_add(&w->ramp, ms);
        if ((w->n + 1) % 1000 == 0) { /* progress, and where the logon time goes */
            fprintf(stderr, "warden-bench:   %d sessions, logons %d-%d: median %.2f ms, %.0f s\n",
                    w->n + 1, w->n - 998, w->n + 1, median_of(w->ramp.v, w->n - 999, w->n + 1),
                    (now_ms() - block) / 1e3);
            block = now_ms();
        }
    }
}

/* Server processes under ROOT's direct care: its children. */
static int children_of(long root)
{
    int n = 0;
    DIR *d = opendir("/proc");
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (isdigit((unsigned char)e->d_name[0]) && parent_pid(atol(e->d_name)) == root) n++;
    if (d) closedir(d);
    return n;
}

/* "1.04x the first; goal <= 1.10x: met" for median M1 against M0. */
static void ratio_result(char *out, size_t len, double m0, double m1)
{
    snprintf(out, len, "%.2fx the first; goal <= %.2fx: %s", m0 > 0 ? m1 / m0 : 0, LOGON_GOAL,
             m0 > 0 && m1 <= LOGON_GOAL * m0 ? "met" : "not met");
}

/* a: the ramp's first EDGE logons against its last EDGE, and the probes before and after. */
static void report_logons(const crowd *w, samples *before, samples *after, const char *first)
{
    const bench_driver *d = w->s->d;
    int edge = w->n / 4 < EDGE ? w->n / 4 : EDGE;
    samples head = {0}, tail = {0};
    for (int i = 0; i < edge; i++)
        samples_add(&head, w->ramp.v[i]);
    for (int i = w->n - edge; i < w->n; i++)
        samples_add(&tail, w->ramp.v[i]);
    double m0 = median_of(head.v, 0, head.n), m1 = median_of(tail.v, 0, tail.n);
    char measure[96], result[64], note[200];
    snprintf(measure, sizeof measure, "logon + select 1: sessions 1-%d", edge);
    report_add(FIGURE, measure, d->name, "ms", &head, NULL, w->stop[0] ? w->stop : NULL);
    snprintf(measure, sizeof measure, "  ... sessions %d-%d", w->n - edge + 1, w->n);
    ratio_result(result, sizeof result, m0, m1);
    report_add(FIGURE, measure, d->name, "ms", &tail, result, NULL);
    m0 = median_of(before->v, 0, before->n), m1 = median_of(after->v, 0, after->n);
    report_add(FIGURE, "one more logon, nothing else connected", d->name, "ms", before, NULL, NULL);
    snprintf(measure, sizeof measure, "  ... with %d sessions connected", w->n);
    ratio_result(result, sizeof result, m0, m1);
    outcome_note(note, sizeof note, *first ? first : NULL, after->n, PROBES);
    report_add(FIGURE, measure, d->name, "ms", after, result, note);
    samples_free(&head);
    samples_free(&tail);
}

/* b: PSS growth of ROOT's tree from BEFORE over the crowd, as figure 6. */
static void report_memory(const crowd *w, long root, long before)
{
    const bench_driver *d = w->s->d;
    long after = tree_pss_kib(root);
    samples per_process = {0};
    for (int i = 0; i < w->n && !d->threaded; i++)
        samples_add(&per_process, (double)pss_kib(d->server_pid(w->conn[i])));
    char measure[96], result[64];
    snprintf(measure, sizeof measure, "PSS growth of the server / %d idle sessions", w->n);
    snprintf(result, sizeof result, "%.0f KiB/session, %.2f GiB in all",
             w->n ? (double)(after - before) / w->n : 0, (after - before) / 1048576.0);
    report_add(FIGURE, measure, d->name, "KiB", &per_process, result,
               d->threaded ? "one process: no per-session PSS"
                           : "distribution: PSS per server process");
    samples_free(&per_process);
}

/* c: SQL timed on C at the crowd's size; with a goal in ms if GOAL_MS > 0. */
static void report_query(const crowd *w, bench_conn *c, const char *label, const char *sql,
                         double goal_ms, const bench_options *o)
{
    samples t = {0};
    long rows = 0;
    int r = time_query(w->s, c, sql, o, &t, &rows);
    double median = median_of(t.v, 0, t.n);
    char measure[96], result[64], note[200];
    snprintf(measure, sizeof measure, "%.30s, %d sessions", label, w->n);
    if (goal_ms > 0)
        snprintf(result, sizeof result, "%ld rows; goal < %.0f ms: %s", rows, goal_ms,
                 median < goal_ms ? "met" : "not met");
    else
        snprintf(result, sizeof result, "%ld rows", rows);
    outcome_note(note, sizeof note, NULL, r, o->runs);
    report_add(FIGURE, measure, w->s->d->name, "ms", &t, result, note);
    samples_free(&t);
}

void figure_many_sessions(const bench_system *s, const bench_options *o)
{
    const bench_driver *d = s->d;
    bench_conn *c = logon(s);
    long root = d->threaded ? d->server_pid(c) : parent_pid(d->server_pid(c));
    int idle_children = d->threaded ? 0 : children_of(root);
    samples before = {0}, after = {0};
    char first[128] = "";
    probe_logons(s, &before, first, sizeof first);
    long pss = tree_pss_kib(root);
    crowd w = {.s = s};
    ramp_up(&w, o);
    report_memory(&w, root, pss);
    report_query(&w, c, d->list_sql, d->list_sql, 0, o);
    if (d == &warden_driver)
        report_query(&w, c, "article's gv$session-gv$process", ARTICLE_JOIN, JOIN_GOAL_MS, o);
    probe_logons(s, &after, first, sizeof first);
    report_logons(&w, &before, &after, first);
    for (int i = 0; i < w.n; i++)
        d->disconnect(w.conn[i]);
    d->disconnect(c);
    double until = now_ms() + DRAIN_LIMIT_MS;
    while (!d->threaded && children_of(root) > idle_children && now_ms() < until)
        usleep(100000);
    free(w.conn);
    samples_free(&w.ramp);
    samples_free(&before);
    samples_free(&after);
}
