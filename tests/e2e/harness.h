/*
 * harness.h - end-to-end test support: real wardend instances on free
 * loopback ports in temporary data directories, and libwarden sessions.
 *
 * Binaries come from $WARDEN_BIN (set by `make e2e`).  Every instance a test
 * starts is stopped by PID in wi_stop, and its directory removed.
 */
#ifndef WARDEN_E2E_HARNESS_H
#define WARDEN_E2E_HARNESS_H

#include <pthread.h>
#include <stdint.h>
#include <sys/types.h>

#include "client/warden.h"

#define WI_PASSWORD "Manager1"

typedef struct wi {
    char dir[256]; /* temporary directory holding data/ */
    char datadir[300];
    int port;
    pid_t pid;        /* wardend (PMON) */
    char connect[64]; /* "127.0.0.1:PORT/WARDEN" */
    int instance;     /* 0: a single instance; n: instance n of a cluster (wardend --instance) */
} wi;

/* Create a temporary directory and start an instance in it. Aborts the test on failure. */
void wi_start(wi *w);
/* The same, with EXTRA lines appended to the new instance's warden.conf. */
void wi_start_conf(wi *w, const char *extra);
/* Start (again) on the same data directory and port. */
void wi_restart(wi *w);
/* A cluster of N instances over one new data directory: M[0] is instance 1 ... */
void wi_start_cluster(wi *m, int n);
/* Shut every running instance of the cluster down, then remove the directory. */
void wi_stop_cluster(wi *m, int n);
/* Send SIG to the instance's PMON and to every process it started (SIGSTOP, SIGCONT). */
void wi_signal_all(wi *w, int sig);
/* SIGTERM and wait (SIGKILL after 10 s); keeps the directory. */
void wi_shutdown(wi *w);
/* Shut down and remove the directory. */
void wi_stop(wi *w);

wdn_conn *wi_connect(wi *w, const char *user, const char *password);
/* Log on AS SYSDBA / AS SYSOPER (or WDN_DEFAULT); aborts the test on failure. */
wdn_conn *wi_connect_as(wi *w, const char *user, const char *password, enum wdn_privilege privilege);
/* A logon retried for at most SECONDS (the instance may be busy); NULL if none succeeded.
 * Never fails the test itself (safe in a worker thread). */
wdn_conn *wi_connect_within(wi *w, const char *user, const char *password, double seconds);
/* A logon that must fail: its ORA number, the whole error in *ERR. */
int wi_logon_fails(wi *w, const char *user, const char *password, enum wdn_privilege privilege,
                   ora_error *err);
/* Run SQL that must succeed; returns rows affected. */
uint64_t wi_exec(wdn_conn *c, const char *sql);
/* Run SQL that must fail; returns the ORA number (and the offset in *OFFSET if not NULL). */
int wi_fail(wdn_conn *c, const char *sql, int *offset);
/* Run SQL that must fail with exactly TEXT ("ORA-nnnnn: ..."). */
void wi_fail_with(wdn_conn *c, const char *sql, const char *text);
/* First column of the first row as text (malloc'd, NULL for NULL / no row). */
char *wi_scalar(wdn_conn *c, const char *sql);
long wi_count(wdn_conn *c, const char *sql);
/* Formatted forms: the SQL is printf(FMT, ...). */
long wi_countf(wdn_conn *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *wi_scalarf(wdn_conn *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Run SQL (fetching all rows of a query); the ORA error number, 0 on success. */
int wi_run(wdn_conn *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A call running in a thread of its own (a session that waits or is interrupted). */
typedef struct wi_call {
    wdn_conn *conn;
    const char *sql;
    int code;       /* ORA error of the call, 0 on success */
    double done_at; /* wi_now() when it returned, 0 while running */
    pthread_t thread;
} wi_call;
void wi_call_start(wi_call *c, wdn_conn *conn, const char *sql);
void wi_call_join(wi_call *c);
/* Monotonic seconds. */
double wi_now(void);

/* The contents of file PATH (malloc'd), or NULL when it cannot be read. */
char *wi_slurp(const char *path);
/*
 * A wsql transcript: `wsql FLAGS system/...@W` reads file INPUT and writes file ACTUAL; with
 * WARDEN_UPDATE_TRANSCRIPTS set, its output also becomes file EXPECTED.  Then SAME(want, got)
 * (strcmp when NULL: 0 when equal) compares EXPECTED's text with the output; when they differ,
 * a diff is printed and the test fails, naming TRANSCRIPT.
 */
void wi_transcript(wi *w, const char *flags, const char *input, const char *actual,
                   const char *expected, int (*same)(const char *want, const char *got),
                   const char *transcript);

/* Run `wardenctl -D DATADIR ARGS` (ARGS from FMT): its exit status, its output in OUT. */
int wi_wardenctl(wi *w, char *out, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Does the instance's alert log contain TEXT (alert_WARDEN.log, or alert_WARDENn.log)? */
int wi_alert_contains(wi *w, const char *text);
/* Raw TCP connection to the instance's port. */
int wi_tcp(wi *w);
/* Is PID a spare server, waiting for a connection (its title says "(SPARE)")? */
int wi_is_spare(pid_t pid);
/* Process PID's state letter from /proc/PID/stat ('Z' for a zombie), and its parent into
 * *PPID if PPID is not NULL; 0 when there is no such process. */
char wi_proc_stat(pid_t pid, pid_t *ppid);

#endif
