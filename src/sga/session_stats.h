/*
 * session_stats.h - the statistics of V$STATNAME, V$SESSTAT, V$MYSTAT and
 * V$SYSSTAT: what each one counts, its name and class as Oracle's, and
 * the counting, per session (its slot, by its owner) and for the instance
 * (atomic adds, so they outlive the sessions that made them).
 *
 * Each is measured where the work happens: calls, parses and executes by
 * the call loop, bytes and round trips by the connection, CPU by the
 * process clock, logical and physical reads from SQLite's page cache, redo
 * from the WAL frames a commit wrote, sorts from the statements' sorters.
 * Two are levels rather than counts: session pga memory (now) and its
 * maximum; for the instance, V$SYSSTAT adds up the sessions' levels.
 */
#ifndef WARDEN_SESSION_STATS_H
#define WARDEN_SESSION_STATS_H

#include <stdint.h>

enum sga_stat {
    STAT_LOGONS_CUMULATIVE,
    STAT_LOGONS_CURRENT,
    STAT_USER_CALLS,
    STAT_USER_COMMITS,
    STAT_USER_ROLLBACKS,
    STAT_EXECUTE_COUNT,
    STAT_PARSE_TOTAL,
    STAT_PARSE_HARD,
    STAT_CPU,             /* CPU used by this session, centiseconds */
    STAT_LOGICAL_READS,   /* session logical reads: pages asked of the cache */
    STAT_PHYSICAL_READS,  /* pages the cache had to read */
    STAT_BYTES_SENT,      /* bytes sent via SQL*Net to client */
    STAT_BYTES_RECEIVED,  /* bytes received via SQL*Net from client */
    STAT_ROUNDTRIPS,      /* SQL*Net roundtrips to/from client */
    STAT_PGA,             /* session pga memory (a level) */
    STAT_PGA_MAX,         /* session pga memory max (a level) */
    STAT_REDO_SIZE,       /* bytes of WAL the session's commits wrote */
    STAT_SORTS,           /* sorts (memory) */
    SGA_STAT_COUNT
};

typedef struct stat_info {
    const char *name;
    int class_no; /* V$STATNAME.CLASS: 1 user, 2 redo, 8 cache, 64 SQL, 128 debug */
    int level;    /* a level (summed over sessions for the instance), not a count */
} stat_info;

const stat_info *stat_info_of(int stat);

/* The counts a call adds up, gathered by the call loop and published at the call's end. */
typedef struct stat_deltas {
    uint64_t v[SGA_STAT_COUNT];
    int levels; /* the levels in V are measured (else the slot's stay as they are) */
} stat_deltas;

#endif
