/*
 * background.h - background processes of an instance and their SGA rows.
 *
 * Every background process has a V$PROCESS row (PNAME, BACKGROUND = 1) and a
 * V$SESSION row (TYPE = 'BACKGROUND', PROGRAM "wardend@host (PMON)"), taken
 * by PMON in start-up order so they hold the lowest PIDs and SIDs.
 *
 *   PMON  process monitor: the supervisor (instance.c)
 *   LREG  listener: accepts connections (listener.c); restarted if it dies
 *   SMON  system monitor: housekeeping (smon.c)
 *   CKPT  checkpoint: writes the WAL back into the database file (ckpt.c)
 *   LMON  cluster monitor, in the instances of a cluster only: serves the
 *         interconnect, recovers dead instances (lmon.c)
 *
 * PMON, SMON, CKPT and LMON are critical: if one dies, the instance ends.
 */
#ifndef WARDEN_BACKGROUND_H
#define WARDEN_BACKGROUND_H

#include <sys/types.h>

#include "../sga/sga.h"
#include "membership.h"

typedef struct background {
    const char *pname;
    int critical;   /* its death ends the instance */
    int ora_error;  /* the error PMON reports for that death */
    int pid;        /* process slot */
    int sid;        /* session slot */
    pid_t spid;     /* OS pid, 0 when not running */
} background;

/* Take process and session slots for background process PNAME running as SPID. */
void background_register(background *b, pid_t spid);
/* Point the slots at a new OS pid (a restarted helper). */
void background_set_spid(background *b, pid_t spid);
/* Record the background session's current idle wait. */
void background_wait(int sid, enum sga_event event);

/* Main loops of the forked background processes; they never return. */
void smon_run(const char *db_path, int sid, int pmon_pid, pid_t pmon_spid);
void ckpt_run(const char *db_path, int sid);
void lmon_run(const char *db_path, int sid, int listen_fd, const membership *m);

#endif
