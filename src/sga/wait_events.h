/*
 * wait_events.h - the wait interface: the events a Warden session or
 * process can wait on (V$EVENT_NAME), what each session is waiting on now
 * and waited on last, with Oracle's parameters (V$SESSION_WAIT), and the
 * counts and times of every wait, per session (V$SESSION_EVENT) and for the
 * instance (V$SYSTEM_EVENT).
 *
 * A wait is switched in a session's slot by its owner, inside the slot's
 * seqlock: the wait in progress ends and is counted (its session's and the
 * instance's totals), the next one begins with its P1..P3.  The instance's
 * totals take atomic adds, so counting never takes a latch.
 */
#ifndef WARDEN_WAIT_EVENTS_H
#define WARDEN_WAIT_EVENTS_H

#include <stdint.h>

/* Wait events (V$SESSION.EVENT); wait_event_info describes each. */
enum sga_event {
    SGA_EV_NONE = 0,
    SGA_EV_CLIENT_MESSAGE,  /* SQL*Net message from client (Idle) */
    SGA_EV_TO_CLIENT,       /* SQL*Net message to client (Network) */
    SGA_EV_TX_ROW_LOCK,     /* enq: TX - row lock contention (Application) */
    SGA_EV_PLSQL_TIMER,     /* PL/SQL lock timer (Idle) */
    SGA_EV_PMON_TIMER,      /* pmon timer (Idle) */
    SGA_EV_SMON_TIMER,      /* smon timer (Idle) */
    SGA_EV_RDBMS_IPC,       /* rdbms ipc message (Idle) */
    SGA_EV_LOG_FILE_SYNC,   /* log file sync (Commit) */
    SGA_EV_DB_FILE_READ,    /* db file sequential read (User I/O) */
    SGA_EV_COUNT
};

/* One event as V$EVENT_NAME shows it. */
typedef struct wait_event_info {
    const char *name;
    const char *p1, *p2, *p3; /* PARAMETER1..3 ("" if unused) */
    const char *wait_class;
    int class_no;             /* WAIT_CLASS# */
    uint32_t class_id;        /* WAIT_CLASS_ID */
} wait_event_info;

/* EVENT (SGA_EV_NONE and out-of-range: NULL). */
const wait_event_info *wait_event_info_of(uint32_t event);
/* V$EVENT_NAME.EVENT_ID: a hash of the name, stable across releases (Warden's own values). */
uint32_t wait_event_id(uint32_t event);
/* The same hash of any NAME (V$SYSSTAT.STAT_ID). */
uint32_t sga_name_id(const char *name);

/* Counts of one event (per session, and for the instance). */
typedef struct wait_totals {
    uint64_t waits;
    uint64_t time_us;
    uint64_t max_us;
} wait_totals;

/* P1..P3 of a wait, as Oracle defines them for its event. */
typedef struct wait_params {
    uint64_t p1, p2, p3;
} wait_params;

/* The usual parameters (SQL*Net: driver id 'TCP\0' and one byte). */
wait_params wait_params_sqlnet(void);
/* enq: TX: name|mode ('TX' and MODE), usn<<16|slot and sequence of the holder's XID. */
wait_params wait_params_tx(int mode, uint32_t usn, uint32_t slot, uint32_t sqn);

#endif
