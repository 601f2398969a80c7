/*
 * kill_history.h - the record of ended sessions behind V$SESSION_KILL_HISTORY
 * (a Warden extension): every KILL / DISCONNECT / CANCEL request and its
 * outcome, and every server process PMON cleaned up after it died.  A ring
 * of the last KILL_HISTORY_SIZE entries in the SGA, under its own latch.
 */
#ifndef WARDEN_KILL_HISTORY_H
#define WARDEN_KILL_HISTORY_H

#include <stdint.h>
#include <sys/types.h>

#include "latch.h"

#define KILL_HISTORY_SIZE 256

typedef struct kill_record {
    uint64_t seq; /* 1, 2, ... in the order of recording */
    int64_t when_us;
    int requestor_inst;               /* the requester's instance; 0 for PMON's cleanups */
    int requestor_sid, requestor_pid; /* 0 for PMON's cleanups and requests of other instances */
    pid_t requestor_spid;
    int target_sid, target_serial, target_pid;
    pid_t target_spid;
    char mode[32];   /* KILL SOFT, KILL SOFT (IMMEDIATE), KILL HARD, CANCEL, PROCESS DIED */
    char reason[40]; /* alter system kill session, ..., killed by signal 9 */
    int result;      /* ORA error number, 0 = done */
    double elapsed_ms; /* from the request until the target was gone (or gave up) */
} kill_record;

typedef struct kill_history {
    sga_latch latch;
    uint64_t next_seq;
    kill_record records[KILL_HISTORY_SIZE];
} kill_history;

extern kill_history *the_kill_history;

void kill_history_add(kill_history *h, const kill_record *r);
/* Copy of the I-th slot (0 .. KILL_HISTORY_SIZE-1); 0 if empty. */
int kill_history_read(kill_history *h, int i, kill_record *out);

#endif
