/*
 * harness.c - starting and stopping real instances for end-to-end tests.
 */
#include "harness.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

static int free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
    close(fd);
    return ntohs(a.sin_port);
}

int wi_tcp(wi *w)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET,
                            .sin_port = htons((uint16_t)w->port),
                            .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static void launch(wi *w)
{
    const char *bin = getenv("WARDEN_BIN");
    char exe[512], port[16], out[400];
    snprintf(exe, sizeof exe, "%s/wardend", bin ? bin : "build/release/bin");
    snprintf(port, sizeof port, "%d", w->port);
    snprintf(out, sizeof out, "%s/wardend.out", w->dir);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int fd = open(out, O_WRONLY | O_CREAT | O_APPEND, 0600);
        dup2(fd, 1), dup2(fd, 2);
        prctl(PR_SET_PDEATHSIG, SIGTERM); /* a test that dies takes its instance along */
        setenv("WARDEN_PASSWORD", WI_PASSWORD, 1);
        char inst[16];
        snprintf(inst, sizeof inst, "%d", w->instance);
        if (w->instance)
            execl(exe, exe, "-D", w->datadir, "-p", port, "--instance", inst, (char *)NULL);
        else
            execl(exe, exe, "-D", w->datadir, "-p", port, (char *)NULL);
        _exit(127);
    }
    w->pid = pid;
    for (int i = 0; i < 200; i++) { /* up to 10 s */
        int fd = wi_tcp(w);
        if (fd >= 0) {
            close(fd);
            return;
        }
        int status;
        if (waitpid(pid, &status, WNOHANG) == pid) fail_msg("wardend exited; see %s", out);
        usleep(50000);
    }
    fail_msg("wardend did not listen on port %d within 10 s", w->port);
}

void wi_start(wi *w)
{
    wi_start_conf(w, NULL);
}

void wi_start_conf(wi *w, const char *extra)
{
    memset(w, 0, sizeof *w);
    snprintf(w->dir, sizeof w->dir, "/tmp/warden-e2e-XXXXXX");
    assert_non_null(mkdtemp(w->dir));
    snprintf(w->datadir, sizeof w->datadir, "%s/data", w->dir);
    w->port = free_port();
    snprintf(w->connect, sizeof w->connect, "127.0.0.1:%d/WARDEN", w->port);
    if (extra) {
        const char *bin = getenv("WARDEN_BIN");
        char cmd[1024], conf[400];
        snprintf(cmd, sizeof cmd, "WARDEN_PASSWORD=%s %s/wardend -D '%s' --init >/dev/null",
                 WI_PASSWORD, bin ? bin : "build/release/bin", w->datadir);
        assert_int_equal(system(cmd), 0);
        snprintf(conf, sizeof conf, "%s/warden.conf", w->datadir);
        FILE *f = fopen(conf, "a");
        assert_non_null(f);
        fprintf(f, "%s\n", extra);
        fclose(f);
    }
    launch(w);
}

void wi_restart(wi *w)
{
    launch(w);
}

void wi_shutdown(wi *w)
{
    if (w->pid <= 0) return;
    kill(w->pid, SIGTERM);
    for (int i = 0; i < 1000; i++) {
        int status;
        if (waitpid(w->pid, &status, WNOHANG) == w->pid) {
            w->pid = 0;
            return;
        }
        usleep(10000);
    }
    kill(w->pid, SIGKILL);
    waitpid(w->pid, NULL, 0);
    w->pid = 0;
}

/* Server processes write sanitizer reports to wardend.out: any report fails the test. */
static void check_server_output(const wi *w)
{
    char path[400], line[1024];
    snprintf(path, sizeof path, "%s/wardend.out", w->dir);
    FILE *f = fopen(path, "r");
    if (!f) return;
    int bad = 0;
    while (fgets(line, sizeof line, f)) {
        if (strstr(line, "Sanitizer") || strstr(line, "runtime error:")) bad = 1;
        if (bad) fputs(line, stderr);
    }
    fclose(f);
    if (bad) fail_msg("a server process reported a sanitizer error (%s)", path);
}

void wi_stop(wi *w)
{
    wi_shutdown(w);
    check_server_output(w);
    if (!w->dir[0] || strncmp(w->dir, "/tmp/warden-e2e-", 16) != 0) return;
    if (getenv("WARDEN_KEEP")) return;
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", w->dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", w->dir);
}

void wi_start_cluster(wi *m, int n)
{
    wi_start_conf(&m[0], NULL); /* creates the data directory; restarted below as instance 1 */
    wi_shutdown(&m[0]);
    for (int i = 0; i < n; i++) {
        if (i) {
            m[i] = m[0];
            m[i].port = free_port();
        }
        m[i].instance = i + 1; /* pinned: the listener would balance a bare service */
        snprintf(m[i].connect, sizeof m[i].connect, "127.0.0.1:%d/WARDEN/WARDEN%d", m[i].port,
                 i + 1);
        launch(&m[i]);
    }
}

int wi_wardenctl(wi *w, char *out, size_t n, const char *fmt, ...)
{
    char args[256], cmd[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    const char *bin = getenv("WARDEN_BIN");
    snprintf(cmd, sizeof cmd, "%s/wardenctl -D '%s' %s 2>&1", bin ? bin : "build/release/bin",
             w->datadir, args);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t len = fread(out, 1, n - 1, p);
    out[len] = 0;
    return WEXITSTATUS(pclose(p));
}

void wi_signal_all(wi *w, int sig)
{
    DIR *d = opendir("/proc");
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d))) {
        pid_t pid = (pid_t)atoi(e->d_name), ppid = 0;
        if (pid > 0 && wi_proc_stat(pid, &ppid) && ppid == w->pid) kill(pid, sig);
    }
    closedir(d);
    kill(w->pid, sig);
}

void wi_stop_cluster(wi *m, int n)
{
    for (int i = n - 1; i > 0; i--) {
        wi_shutdown(&m[i]);
        check_server_output(&m[i]);
    }
    wi_stop(&m[0]);
}

wdn_conn *wi_connect(wi *w, const char *user, const char *password)
{
    return wi_connect_as(w, user, password, WDN_DEFAULT);
}

wdn_conn *wi_connect_as(wi *w, const char *user, const char *password, enum wdn_privilege privilege)
{
    ora_error err;
    wdn_conn *c = wdn_connect_as(w->connect, user, password, "e2e-test", privilege, &err);
    if (!c) fail_msg("connect %s: %s", user, err.msg);
    return c;
}

wdn_conn *wi_connect_within(wi *w, const char *user, const char *password, double seconds)
{
    double until = wi_now() + seconds;
    for (;;) {
        ora_error err;
        wdn_conn *c = wdn_connect(w->connect, user, password, "e2e-test", &err);
        if (c || wi_now() >= until) return c;
        usleep(20000);
    }
}

int wi_logon_fails(wi *w, const char *user, const char *password, enum wdn_privilege privilege,
                   ora_error *err)
{
    wdn_conn *c = wdn_connect_as(w->connect, user, password, "e2e-test", privilege, err);
    if (c) fail_msg("expected the logon of %s to fail", user);
    return err->code;
}

uint64_t wi_exec(wdn_conn *c, const char *sql)
{
    uint64_t rows = 0;
    if (wdn_execute(c, sql, NULL, 0, NULL, &rows) < 0)
        fail_msg("%s\n  -> %s", sql, wdn_last_error(c)->msg);
    return rows;
}

int wi_fail(wdn_conn *c, const char *sql, int *offset)
{
    wdn_cursor *cur = NULL;
    if (wdn_execute(c, sql, NULL, 0, &cur, NULL) == 0) {
        int rc = cur ? wdn_fetch(cur) : 0;
        wdn_cursor_close(cur);
        if (rc >= 0) fail_msg("expected an error from: %s", sql);
    }
    if (offset) *offset = wdn_last_error(c)->offset;
    return wdn_last_error(c)->code;
}

void wi_fail_with(wdn_conn *c, const char *sql, const char *text)
{
    int code = wi_fail(c, sql, NULL);
    if (strcmp(wdn_last_error(c)->msg, text) != 0)
        fail_msg("%s\n  expected %s\n  got      %s", sql, text, wdn_last_error(c)->msg);
    assert_int_equal(code, atoi(text + 4));
}

char *wi_scalar(wdn_conn *c, const char *sql)
{
    wdn_cursor *cur = NULL;
    if (wdn_execute(c, sql, NULL, 0, &cur, NULL) < 0)
        fail_msg("%s\n  -> %s", sql, wdn_last_error(c)->msg);
    int rc = wdn_fetch(cur);
    if (rc < 0) fail_msg("%s (fetch)\n  -> %s", sql, wdn_last_error(c)->msg);
    char *v = rc == 1 && wdn_value(cur, 0) ? strdup(wdn_value(cur, 0)) : NULL;
    wdn_cursor_close(cur);
    return v;
}

long wi_count(wdn_conn *c, const char *sql)
{
    char *v = wi_scalar(c, sql);
    long n = v ? atol(v) : -1;
    free(v);
    return n;
}

int wi_alert_contains(wi *w, const char *text)
{
    char path[400], line[2048];
    if (w->instance)
        snprintf(path, sizeof path, "%s/trace/alert_WARDEN%d.log", w->datadir, w->instance);
    else
        snprintf(path, sizeof path, "%s/trace/alert_WARDEN.log", w->datadir);
    FILE *f = fopen(path, "r");
    int found = 0;
    while (f && !found && fgets(line, sizeof line, f))
        found = strstr(line, text) != NULL;
    if (f) fclose(f);
    return found;
}

double wi_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

#define FORMAT_SQL(sql, fmt)                                                                       \
    char sql[2048];                                                                                \
    va_list ap;                                                                                    \
    va_start(ap, fmt);                                                                             \
    vsnprintf(sql, sizeof sql, fmt, ap);                                                           \
    va_end(ap)

long wi_countf(wdn_conn *c, const char *fmt, ...)
{
    FORMAT_SQL(sql, fmt);
    return wi_count(c, sql);
}

char *wi_scalarf(wdn_conn *c, const char *fmt, ...)
{
    FORMAT_SQL(sql, fmt);
    return wi_scalar(c, sql);
}

static int run_sql(wdn_conn *c, const char *sql)
{
    uint64_t rows;
    wdn_cursor *cur = NULL;
    int rc = wdn_execute(c, sql, NULL, 0, &cur, &rows);
    if (rc == 0 && cur) {
        while ((rc = wdn_fetch(cur)) == 1) {
        }
        rc = rc < 0 ? -1 : 0;
    }
    wdn_cursor_close(cur);
    return rc < 0 ? wdn_last_error(c)->code : 0;
}

int wi_run(wdn_conn *c, const char *fmt, ...)
{
    FORMAT_SQL(sql, fmt);
    return run_sql(c, sql);
}

static void *call_thread(void *arg)
{
    wi_call *c = arg;
    c->code = run_sql(c->conn, c->sql);
    c->done_at = wi_now();
    return NULL;
}

void wi_call_start(wi_call *c, wdn_conn *conn, const char *sql)
{
    c->conn = conn;
    c->sql = sql;
    c->code = 0;
    c->done_at = 0;
    assert_int_equal(pthread_create(&c->thread, NULL, call_thread, c), 0);
}

void wi_call_join(wi_call *c)
{
    pthread_join(c->thread, NULL);
}

/* ---- wsql transcripts ---- */

char *wi_slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) return NULL;
    size_t cap = 4096, len = 0, n;
    char *s = malloc(cap);
    while ((n = fread(s + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len < 2) s = realloc(s, cap *= 2);
    }
    s[len] = 0;
    fclose(f);
    return s;
}

static int strings_equal(const char *want, const char *got) { return strcmp(want, got) == 0; }

void wi_transcript(wi *w, const char *flags, const char *input, const char *actual,
                   const char *expected, int (*same)(const char *want, const char *got),
                   const char *transcript)
{
    char cmd[2048];
    const char *bin = getenv("WARDEN_BIN");
    snprintf(cmd, sizeof cmd, "%s/wsql %s system/%s@%s < '%s' > '%s' 2>&1",
             bin ? bin : "build/release/bin", flags, WI_PASSWORD, w->connect, input, actual);
    int status = system(cmd);
    assert_true(WIFEXITED(status));
    char *got = wi_slurp(actual);
    assert_non_null(got);
    if (getenv("WARDEN_UPDATE_TRANSCRIPTS")) {
        FILE *f = fopen(expected, "w");
        assert_non_null(f);
        fputs(got, f);
        fclose(f);
    }
    char *want = wi_slurp(expected);
    int ok = want && (same ? same : strings_equal)(want, got);
    free(want);
    free(got);
    if (ok) return;
    snprintf(cmd, sizeof cmd, "diff -u '%s' '%s'", expected, actual);
    if (system(cmd) < 0) perror("diff");
    fail_msg("wsql transcript %s differs", transcript);
}

/* /proc/PID/NAME's first SIZE - 1 bytes into BUF, NUL-terminated: 0, or -1 if there is none. */
static int read_proc(pid_t pid, const char *name, char *buf, size_t size)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, name);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    size_t n = fread(buf, 1, size - 1, f);
    fclose(f);
    buf[n] = 0;
    return 0;
}

int wi_is_spare(pid_t pid)
{
    char title[256]; /* the title is the first string: argv[0] */
    return read_proc(pid, "cmdline", title, sizeof title) == 0 && strstr(title, "(SPARE)");
}

char wi_proc_stat(pid_t pid, pid_t *ppid)
{
    char stat[512], state = 0;
    int parent = 0;
    if (read_proc(pid, "stat", stat, sizeof stat) < 0) return 0;
    const char *close_paren = strrchr(stat, ')'); /* "pid (comm) state ppid ..." */
    if (!close_paren || sscanf(close_paren + 2, "%c %d", &state, &parent) != 2) return 0;
    if (ppid) *ppid = (pid_t)parent;
    return state;
}
