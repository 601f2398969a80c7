/*
 * spares.h - spare dedicated servers: processes PMON starts ahead of the
 * connections they will serve (warden.conf's prespawn_servers, after the
 * PRESPAWN_MAX of Oracle's listener).
 *
 * Without one, a new connection waits for PMON to fork its server and for
 * that server's first steps: the copy-on-write faults of PMON's pages, and
 * opening the database (mapping its WAL index).  Each of those walks or
 * extends the kernel's lists of the processes that map a page or a file,
 * so they grow slower as servers accumulate.  A spare has done them before
 * the client comes.  It waits on a socket pair of its own for PMON to hand
 * it a connection's socket, tagged with the process slot PMON took for it;
 * from then on it is that connection's dedicated server like any other, and
 * PMON starts another spare.
 *
 * A spare holds no process slot until it is handed a connection: it is not
 * in V$PROCESS and does not count against PROCESSES.  `ps` shows it as
 * "warden<instance> (SPARE)".  PMON ends spares by PID at shutdown; they
 * die with PMON (PR_SET_PDEATHSIG) when it dies.
 */
#ifndef WARDEN_SPARES_H
#define WARDEN_SPARES_H

#include <sys/types.h>

#include "../common/config.h"

typedef struct spare_server {
    pid_t spid;
    int channel; /* PMON's end of the spare's socket pair */
} spare_server;

typedef struct spares {
    int want;         /* prespawn_servers */
    int n;            /* spares alive and waiting */
    spare_server *v;  /* WANT entries, the first N in use */
    long long retry_at_us; /* a spare died on its own: no new one before then */
} spares;

/* ---- PMON's side ---- */

void spares_init(spares *sp, int want);
/* How many spares PMON should start now (0 while a death's back-off lasts). */
int spares_missing(const spares *sp, long long now_us);
/* Milliseconds until a back-off ends while spares are missing, else -1 (a poll timeout). */
int spares_retry_ms(const spares *sp, long long now_us);
/* A spare could not be started or died on its own: start none for a second, so that PMON
 * does not fork in a loop. */
void spares_back_off(spares *sp, long long now_us);
/* A new spare SPID, waiting on the other end of CHANNEL. */
void spares_add(spares *sp, pid_t spid, int channel);
/* SPID ended: 1 if it was a spare (nothing of it to clean up), else 0.  A spare that PMON
 * did not stop backs off the next one. */
int spares_reaped(spares *sp, pid_t spid, int stopping, long long now_us);
/* Hand client socket FD and process slot PID to a spare, the slot's OS pid set first (a
 * spare that dies with the socket in flight is cleaned up like any server).  The spare's
 * OS pid, or 0 when there is none or none took it (PID's slot then has no OS pid). */
pid_t spares_hand_over(spares *sp, int fd, int pid);
/* Send SIG to every spare (shutdown, crash). */
void spares_signal(const spares *sp, int sig);
/* In a new child: PMON's ends of the spares' channels are not its to keep. */
void spares_close_channels(const spares *sp);

/* ---- the spare's side ---- */

/* Get ready, wait for a connection on CHANNEL and serve it; returns when the session ends
 * or when PMON closes the channel unused. */
void spare_run(int channel, const warden_config *cfg, const char *db_path);

#endif
