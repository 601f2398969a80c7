/*
 * session_ops.c - sessions, background calls, bounded waits and /proc
 * facts for the figures (see session_ops.h).
 */
#include "session_ops.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

bench_conn *logon(const bench_system *s)
{
    char err[256] = "";
    bench_conn *c = s->d->connect(&s->t, err, sizeof err);
    if (!c) {
        fprintf(stderr, "warden-bench: %s: logon failed: %s\n", s->d->name, err);
        exit(1);
    }
    return c;
}

void must_run(const bench_system *s, bench_conn *c, const char *sql)
{
    if (s->d->run(c, sql) < 0) {
        fprintf(stderr, "warden-bench: %s: %s\n  failed: %s\n", s->d->name, sql, s->d->error(c));
        exit(1);
    }
}

void sql_for(const bench_system *s, const char *fmt, bench_conn *c, char *out, size_t len)
{
    char name[64];
    s->d->session_name(c, name, sizeof name);
    size_t o = 0;
    for (const char *p = fmt; *p && o + 1 < len; p++) {
        if (p[0] == '%' && p[1] == 's') {
            o += (size_t)snprintf(out + o, len - o, "%s", name);
            if (o >= len) o = len - 1;
            p++;
        } else {
            out[o++] = *p;
        }
    }
    out[o] = 0;
}

long query_number(const bench_system *s, bench_conn *c, const char *sql)
{
    char text[32], *end;
    if (s->d->text(c, sql, text, sizeof text) < 0) return -1;
    errno = 0;
    long v = strtol(text, &end, 10);
    return end == text || *end || errno || v < 0 ? -1 : v;
}

/*
 * Poll FMT for TARGET on MON until it counts 1 (0), or B (if not NULL) has
 * ended (1), or TIMEOUT_MS passed or the query failed (-1).
 */
static int poll_state(const bench_system *s, bench_conn *mon, const char *fmt, bench_conn *target,
                      bg_call *b, double timeout_ms)
{
    char sql[512];
    sql_for(s, fmt, target, sql, sizeof sql);
    double deadline = now_ms() + timeout_ms;
    /*
     * Back off from 0.2 ms to 150 ms between polls: MariaDB refreshes its
     * INNODB_TRX snapshot only after 0.1 s without a read, so polling it
     * faster would never see the lock wait begin.
     */
    for (useconds_t pause = 200;; pause = pause < 75000 ? 2 * pause : 150000) {
        if (b && bg_join_within(b, 0) == 0) return 1;
        long n = query_number(s, mon, sql);
        if (n == 1) return 0;
        if (n < 0 && *s->d->error(mon)) {
            fprintf(stderr, "warden-bench: %s: %s\n  failed: %s\n", s->d->name, sql,
                    s->d->error(mon));
            return -1;
        }
        if (now_ms() > deadline) return -1;
        usleep(pause);
    }
}

int await_state(const bench_system *s, bench_conn *mon, const char *fmt, bench_conn *target,
                double timeout_ms)
{
    return poll_state(s, mon, fmt, target, NULL, timeout_ms);
}

int await_state_or_end(const bench_system *s, bench_conn *mon, const char *fmt, bg_call *b,
                       double timeout_ms)
{
    return poll_state(s, mon, fmt, b->conn, b, timeout_ms);
}

static void *bg_main(void *arg)
{
    bg_call *b = arg;
    b->rows = b->d->run(b->conn, b->sql);
    if (b->rows < 0) snprintf(b->err, sizeof b->err, "%s", b->d->error(b->conn));
    b->done = now_ms();
    return NULL;
}

void bg_start(bg_call *b, const bench_system *s, bench_conn *c, const char *sql)
{
    memset(b, 0, sizeof *b);
    b->d = s->d;
    b->conn = c;
    b->sql = sql;
    if (pthread_create(&b->thread, NULL, bg_main, b) != 0) {
        perror("warden-bench: pthread_create");
        exit(1);
    }
}

void bg_join(bg_call *b)
{
    if (!b->joined) pthread_join(b->thread, NULL);
    b->joined = 1;
}

int bg_join_within(bg_call *b, double ms)
{
    if (b->joined) return 0;
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until); /* pthread_timedjoin_np's clock */
    long long ns = until.tv_nsec + (long long)(ms * 1e6);
    until.tv_sec += (time_t)(ns / 1000000000LL);
    until.tv_nsec = (long)(ns % 1000000000LL);
    if (pthread_timedjoin_np(b->thread, NULL, &until) != 0) return -1;
    b->joined = 1;
    return 0;
}

long pss_kib(long pid)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%ld/smaps_rollup", pid);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    long kib = -1;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "Pss: %ld kB", &kib) == 1) break;
    fclose(f);
    return kib;
}

long parent_pid(long pid)
{
    char path[64], stat[512];
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    size_t n = fread(stat, 1, sizeof stat - 1, f);
    fclose(f);
    stat[n] = 0;
    const char *p = strrchr(stat, ')'); /* the name may hold blanks and parentheses */
    long ppid = -1;
    if (!p || sscanf(p + 1, " %*c %ld", &ppid) != 1) return -1;
    return ppid;
}

long tree_pss_kib(long root)
{
    /* Every process with its parent, then the sum over ROOT's subtree. */
    long *pid = NULL, *ppid = NULL;
    int n = 0, cap = 0;
    DIR *d = opendir("/proc");
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (!isdigit((unsigned char)e->d_name[0])) continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 1024;
            pid = realloc(pid, sizeof *pid * (size_t)cap);
            ppid = realloc(ppid, sizeof *ppid * (size_t)cap);
            if (!pid || !ppid) abort();
        }
        pid[n] = atol(e->d_name);
        ppid[n] = parent_pid(pid[n]);
        n++;
    }
    if (d) closedir(d);
    char *in = calloc((size_t)n + 1, 1);
    long total = 0;
    for (int changed = 1; changed;) { /* mark descendants until nothing changes */
        changed = 0;
        for (int i = 0; i < n; i++) {
            if (in[i]) continue;
            int mine = pid[i] == root;
            for (int j = 0; j < n && !mine; j++) mine = in[j] && pid[j] == ppid[i];
            if (mine) {
                in[i] = 1, changed = 1;
                long k = pss_kib(pid[i]);
                if (k > 0) total += k;
            }
        }
    }
    free(in);
    free(pid);
    free(ppid);
    return total;
}

static const char *watched_step;

static void on_alarm(int sig)
{
    static const char msg[] = "warden-bench: a step did not finish in time: ";
    (void)sig;
    if (write(2, msg, sizeof msg - 1) < 0 || write(2, watched_step, strlen(watched_step)) < 0 ||
        write(2, "\n", 1) < 0) {
    }
    _exit(3);
}

void watchdog(const char *step, unsigned seconds)
{
    watched_step = step;
    signal(SIGALRM, on_alarm);
    alarm(seconds);
}
