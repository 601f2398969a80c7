/*
 * compare.c - warden-bench: measure Warden, PostgreSQL and MariaDB side by
 * side (bench/run.sh starts the servers and calls this).
 *
 *   warden-bench [--runs N] [--sessions N] [--idle N] [--seconds S]
 *                [--budget S] [--only 1,2,...] [--json FILE]
 *                [--cluster PORT1,PORT2,PORT3 [--cluster-restart CMD]]
 *                [--many-sessions N] [--many SYSTEM=HOST:PORT:USER:PASSWORD:DATABASE ...]
 *                SYSTEM=HOST:PORT:USER:PASSWORD:DATABASE ...
 *
 * SYSTEM is warden, postgres or mariadb.  Figures run one at a time on
 * each system in turn (7 and 8: the systems take turns within the
 * figure); --only picks figures by number (6 comes with 5).  Figure 11
 * runs on a three-instance Warden cluster (--cluster, with the warden
 * target's host and credentials) after the others.  Figure 12 holds
 * --many-sessions sessions (5,000) on each --many target in turn (servers
 * sized for that many; without --many, on the SYSTEM targets) last.  The
 * table goes to stdout, progress to stderr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "figures.h"
#include "report.h"

#define MAX_MANY 19000 /* figure 12's sessions: within the harness's open-file limit */

static const struct {
    const char *key;
    const bench_driver *driver;
} drivers[] = {{"warden", &warden_driver}, {"postgres", &postgres_driver}, {"mariadb", &mariadb_driver}};

static const struct {
    int number;
    const char *name;
    void (*run)(const bench_system *, const bench_options *);                /* per system */
    void (*run_all)(const bench_system *, int, const bench_options *); /* or all at once */
} figures[] = {
    /* The OS kill figure crashes PostgreSQL and MariaDB: it goes last. */
    {1, "kill-to-release", figure_kill, NULL},
    {2, "cancel", figure_cancel, NULL},
    {4, "logon rate", figure_logon, NULL},
    {5, "session listing and memory (5, 6)", figure_listing, NULL},
    {7, "point-select throughput", NULL, figure_throughput},
    {8, "writers on distinct rows", NULL, figure_writers},
    {9, "hot row", figure_hot_row, NULL},
    {10, "deadlock", figure_deadlock, NULL},
    {3, "OS kill survival", figure_os_kill, NULL},
};

static void usage(void)
{
    fprintf(stderr, "usage: warden-bench [--runs N] [--sessions N] [--idle N] [--seconds S] "
                    "[--budget S] [--only 1,2,...] [--json FILE] "
                    "[--cluster PORT1,PORT2,PORT3 [--cluster-restart CMD]] "
                    "[--many-sessions N] [--many SYSTEM=HOST:PORT:USER:PASSWORD:DATABASE ...] "
                    "SYSTEM=HOST:PORT:USER:PASSWORD:DATABASE ...\n"
                    "  SYSTEM: warden, postgres or mariadb\n");
    exit(2);
}

/* SYSTEM=HOST:PORT:USER:PASSWORD:DATABASE into S; 0, or -1 if malformed. */
static int parse_target(const char *arg, bench_system *s)
{
    char copy[512];
    snprintf(copy, sizeof copy, "%s", arg);
    char *eq = strchr(copy, '=');
    if (!eq) return -1;
    *eq = 0;
    s->d = NULL;
    for (size_t i = 0; i < sizeof drivers / sizeof drivers[0]; i++)
        if (!strcmp(copy, drivers[i].key)) s->d = drivers[i].driver;
    char *field[5], *save = NULL, *p = eq + 1;
    int n = 0;
    for (char *f; n < 5 && (f = strtok_r(p, ":", &save)); p = NULL) field[n++] = f;
    if (!s->d || n != 5 || strtok_r(NULL, ":", &save)) return -1;
    snprintf(s->t.host, sizeof s->t.host, "%s", field[0]);
    s->t.port = atoi(field[1]);
    snprintf(s->t.user, sizeof s->t.user, "%s", field[2]);
    snprintf(s->t.password, sizeof s->t.password, "%s", field[3]);
    snprintf(s->t.database, sizeof s->t.database, "%s", field[4]);
    return s->t.port > 0 && s->t.port < 65536 ? 0 : -1;
}

/* ONLY, a list of figure numbers ("1", "8,9,10"), into WANT; 0 if it is not one. */
static int parse_only(const char *only, unsigned char want[100])
{
    for (const char *p = only;;) {
        char *end;
        long n = strtol(p, &end, 10);
        if (end == p || n < 1 || n > 99) return 0;
        want[n] = 1;
        if (!*end) return 1;
        if (*end != ',') return 0;
        p = end + 1;
    }
}

static double number_arg(const char *v, double lo, double hi)
{
    char *end;
    double x = strtod(v ? v : "", &end);
    if (!v || *end || x < lo || x > hi) usage();
    return x;
}

/* The machine in one line: kernel, CPU model, cores, memory. */
static void machine_fact(void)
{
    struct utsname u;
    char cpu[128] = "?", line[256];
    long mem_kib = 0;
    FILE *f = fopen("/proc/cpuinfo", "r");
    while (f && fgets(line, sizeof line, f))
        if (!strncmp(line, "model name", 10) && strchr(line, ':')) {
            snprintf(cpu, sizeof cpu, "%s", strchr(line, ':') + 2);
            cpu[strcspn(cpu, "\n")] = 0;
            break;
        }
    if (f) fclose(f);
    f = fopen("/proc/meminfo", "r");
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "MemTotal: %ld kB", &mem_kib) == 1) break;
    if (f) fclose(f);
    uname(&u);
    snprintf(line, sizeof line, "%s, %ld cores, %.0f GiB, Linux %s %s", cpu,
             sysconf(_SC_NPROCESSORS_ONLN), mem_kib / 1048576.0, u.release, u.machine);
    report_fact("machine", line);
}

/* Create the benchmark tables (dropping leftovers first) and note the version. */
static void prepare_system(const bench_system *s)
{
    bench_conn *c = logon(s);
    for (int i = 0; s->d->cleanup_sql[i]; i++) s->d->run(c, s->d->cleanup_sql[i]);
    for (int i = 0; s->d->setup_sql[i]; i++) must_run(s, c, s->d->setup_sql[i]);
    char version[160] = "?";
    s->d->text(c, s->d->version_sql, version, sizeof version);
    report_fact(s->d->name, version);
    s->d->disconnect(c);
}

static void clean_up_system(const bench_system *s)
{
    char err[256];
    bench_conn *c = s->d->connect(&s->t, err, sizeof err);
    if (!c) return;
    for (int i = 0; s->d->cleanup_sql[i]; i++) s->d->run(c, s->d->cleanup_sql[i]);
    s->d->disconnect(c);
}

/* Figure 12 on each of the N systems S in turn (if WANTED), after all the others. */
static void many_sessions(const bench_system *s, int n, const bench_options *o, const char *json,
                          int wanted)
{
    for (int k = 0; k < n && wanted; k++) {
        char step[128], version[160] = "?";
        bench_conn *c = logon(&s[k]);
        s[k].d->text(c, s[k].d->version_sql, version, sizeof version);
        s[k].d->disconnect(c);
        snprintf(step, sizeof step, "figure 12 (%d sessions) on %s", o->many, s[k].d->name);
        fprintf(stderr, "warden-bench: %s, %.60s\n", step, version);
        watchdog(step, (unsigned)(6 * o->budget + 300)); /* ramp 2x, queries 2x, drain */
        figure_many_sessions(&s[k], o);
        watchdog(step, 0);
        if (json) report_write_json(json);
    }
}

int main(int argc, char **argv)
{
    bench_options o = {
        .runs = 200, .sessions = 500, .idle = 20, .seconds = 5, .budget = 300, .many = 5000};
    const char *json = NULL;
    int only = 0;                /* --only given: run the figures WANT marks */
    unsigned char want[100] = {0};
    bench_system systems[MAX_SYSTEMS];
    bench_system many[MAX_SYSTEMS]; /* figure 12's servers */
    int nsystems = 0, nmany = 0, cluster[3] = {0};
    const char *restart = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--runs")) o.runs = (int)number_arg(v, 1, 100000), i++;
        else if (!strcmp(a, "--sessions")) o.sessions = (int)number_arg(v, 1, 2000), i++;
        else if (!strcmp(a, "--idle")) o.idle = (int)number_arg(v, 1, 200), i++;
        else if (!strcmp(a, "--seconds")) o.seconds = number_arg(v, 0.1, 600), i++;
        else if (!strcmp(a, "--budget")) o.budget = number_arg(v, 1, 86400), i++;
        else if (!strcmp(a, "--json") && v) json = v, i++;
        else if (!strcmp(a, "--only") && v && parse_only(v, want)) only = 1, i++;
        else if (!strcmp(a, "--cluster") && v &&
                 sscanf(v, "%d,%d,%d", &cluster[0], &cluster[1], &cluster[2]) == 3)
            i++;
        else if (!strcmp(a, "--cluster-restart") && v) restart = v, i++;
        else if (!strcmp(a, "--many-sessions")) o.many = (int)number_arg(v, 1, MAX_MANY), i++;
        else if (!strcmp(a, "--many") && v && nmany < MAX_SYSTEMS &&
                 parse_target(v, &many[nmany]) == 0)
            nmany++, i++;
        else if (nsystems < MAX_SYSTEMS && parse_target(a, &systems[nsystems]) == 0) nsystems++;
        else usage();
    }
    if (!nsystems) usage();

    machine_fact();
    char text[160];
    snprintf(text, sizeof text,
             "%d runs per measurement, %d sessions listed, %d idle in the OS kill, "
             "%d x %.0f s per point-select figure, %.0f s per write round",
             o.runs, o.sessions, o.idle, THROUGHPUT_ROUNDS, o.seconds, o.seconds);
    report_fact("settings", text);
    for (int k = 0; k < nsystems; k++) prepare_system(&systems[k]);

    for (size_t f = 0; f < sizeof figures / sizeof figures[0]; f++) {
        if (only && !want[figures[f].number]) continue;
        if (figures[f].run_all) { /* each system's part keeps within the budget */
            char step[128];
            snprintf(step, sizeof step, "figure %s", figures[f].name);
            fprintf(stderr, "warden-bench: %s\n", step);
            watchdog(step, (unsigned)(2 * o.budget * nsystems + 120));
            figures[f].run_all(systems, nsystems, &o);
            watchdog(step, 0);
            if (json) report_write_json(json);
            continue;
        }
        for (int k = 0; k < nsystems; k++) {
            char step[128];
            snprintf(step, sizeof step, "figure %s on %s", figures[f].name, systems[k].d->name);
            fprintf(stderr, "warden-bench: %s\n", step);
            watchdog(step, (unsigned)(2 * o.budget + 120));
            figures[f].run(&systems[k], &o);
            watchdog(step, 0);
            if (json) report_write_json(json); /* a run cut short keeps what it measured */
        }
    }
    for (int k = 0; k < nsystems && cluster[0] && (!only || want[11]); k++) {
        if (systems[k].d != &warden_driver) continue;
        fprintf(stderr, "warden-bench: figure 11 (a Warden cluster)\n");
        watchdog("figure 11", (unsigned)(4 * o.budget + 300));
        figure_cluster(&systems[k], cluster, restart, &o);
        watchdog("figure 11", 0);
        if (json) report_write_json(json);
    }
    if (!only || want[12]) {
        snprintf(text, sizeof text, "%d sessions held on each system, on %s", o.many,
                 nmany ? "servers sized for them alone (--many)" : "the servers above");
        report_fact("figure 12", text);
    }
    many_sessions(nmany ? many : systems, nmany ? nmany : nsystems, &o, json,
                  !only || want[12]);
    for (int k = 0; k < nsystems; k++) clean_up_system(&systems[k]);
    report_print(stdout);
    if (json && report_write_json(json) < 0) {
        perror(json);
        return 1;
    }
    return 0;
}
