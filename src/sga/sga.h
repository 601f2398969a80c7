/*
 * sga.h - the System Global Area: memory shared by every process of an
 * instance, holding what other sessions must be able to see.
 *
 * The SGA is created by PMON before it starts any other process, so every
 * process inherits the same mapping.  Today it holds the instance identity
 * and the session table; the process, transaction, lock and SQL tables of
 * the V$ views grow here.
 *
 * Latches are robust process-shared mutexes: if a process dies holding one,
 * the next taker repairs the state (EOWNERDEAD) instead of hanging.
 */
#ifndef WARDEN_SGA_H
#define WARDEN_SGA_H

#include <pthread.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "../common/config.h"

typedef struct sga_latch {
    pthread_mutex_t mutex;
} sga_latch;

enum sga_session_type { SGA_FREE = 0, SGA_USER = 1, SGA_BACKGROUND = 2 };

typedef struct sga_session {
    uint32_t type;   /* enum sga_session_type; SGA_FREE = slot unused */
    uint32_t serial; /* bumped each time the slot is taken */
    pid_t spid;
    time_t logon_time;
    char username[129];
    char program[65];
    char pname[8]; /* background process name (PMON...) */
} sga_session;

typedef struct sga {
    uint64_t magic;
    char instance_name[31];
    int instance_number;
    time_t startup_time;
    pid_t pmon_pid;
    int nsessions;
    sga_latch session_latch;
    sga_session sessions[]; /* SID n is sessions[n - 1] */
} sga;

extern sga *the_sga;

/* Create the shared mapping for CFG (before forking anything). NULL on failure. */
sga *sga_create(const warden_config *cfg);

void sga_latch_init(sga_latch *l);
void sga_latch_acquire(sga_latch *l);
void sga_latch_release(sga_latch *l);

/*
 * Take the lowest free session slot for a process PID of TYPE.  Returns the
 * SID (1-based) and sets *SERIAL, or 0 when the table is full.
 */
int sga_session_alloc(sga *g, enum sga_session_type type, pid_t pid, const char *username,
                      const char *program, uint32_t *serial);
void sga_session_free(sga *g, int sid);
/* Free every slot still owned by PID (PMON, after that process died). Returns the count. */
int sga_sessions_release_pid(sga *g, pid_t pid);

#endif
