/*
 * sga.h - the System Global Area: memory shared by every process of an
 * instance, holding what other sessions must be able to see.
 *
 * PMON creates the SGA before it starts any other process, so every process
 * inherits the same mapping.  It holds the instance identity and parameters,
 * the process table (V$PROCESS) and the session table (V$SESSION).
 *
 * Writers and readers:
 * - Slot allocation and release (process and session tables) happen under
 *   a latch (latch.h), which a process killed while holding it cannot leave
 *   taken.
 * - A slot's contents are written only by its owner (PMON for process
 *   slots, the session's server for session slots), inside a seqlock:
 *   readers (the V$ views) copy a slot and retry if it changed meanwhile,
 *   so they never see a torn row and never block the owner.
 */
#ifndef WARDEN_SGA_H
#define WARDEN_SGA_H

#include <pthread.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "../common/config.h"
#include "clock.h"
#include "latch.h"
#include "session_stats.h"
#include "wait_events.h"

enum sga_session_type { SGA_FREE = 0, SGA_USER = 1, SGA_BACKGROUND = 2 };
enum sga_session_status { SGA_INACTIVE = 0, SGA_ACTIVE = 1, SGA_KILLED = 2, SGA_SNIPED = 3 };

/* Requests another session leaves in a session's slot (then signals its process). */
enum sga_request {
    SGA_REQ_NONE = 0,
    SGA_REQ_KILL,                 /* ALTER SYSTEM KILL SESSION */
    SGA_REQ_DISCONNECT,           /* ALTER SYSTEM DISCONNECT SESSION ... IMMEDIATE */
    SGA_REQ_DISCONNECT_POST_TXN,  /* ... POST_TRANSACTION */
    SGA_REQ_CANCEL,               /* ALTER SYSTEM CANCEL SQL */
};


typedef struct sga_process {
    uint32_t seq;    /* seqlock */
    uint32_t used;   /* 0 = free */
    uint32_t serial; /* bumped on every reuse of the slot */
    pid_t spid;
    int background;
    char pname[6];     /* PMON, LREG, SMON, CKPT; empty for dedicated servers */
    char program[80];  /* wardend@host (PMON), wardend@host */
    char username[33]; /* OS user */
    char terminal[31];
    /* bytes, stored atomically by the process itself: in use, taken from the system, taken
     * and free (PGA_FREEABLE_MEM), the most ever taken (PGA_MAX_MEM) */
    int64_t pga_used, pga_alloc, pga_freeable, pga_max;
    uint32_t connecting; /* 1 from the hand-over of its connection until logon */
} sga_process;

typedef struct sga_session {
    uint32_t seq;    /* seqlock */
    uint32_t type;   /* enum sga_session_type; SGA_FREE = unused */
    uint32_t serial; /* bumped on every reuse of the slot */
    int pid;         /* owning process: its slot number (V$PROCESS.PID) */
    pid_t spid;
    uint32_t status; /* enum sga_session_status */
    int user_id;
    int command;
    int port;
    time_t logon_time;
    int64_t call_start_us;  /* when the current (ACTIVE) or last call began/ended */
    time_t sql_exec_start;  /* 0 = no current statement */
    uint32_t event;         /* enum sga_event: current wait, or the last one */
    int waiting;            /* 1 while in the wait */
    int64_t wait_start_us;  /* start of the current wait */
    int64_t wait_time_us;   /* length of the last finished wait */
    int64_t wait_end_us;    /* when the last wait ended (TIME_SINCE_LAST_WAIT_MICRO) */
    uint32_t wait_seq;      /* SEQ#: moves at every wait */
    wait_params wait_p;     /* P1..P3 of the current or last wait */
    wait_totals waits[SGA_EV_COUNT]; /* V$SESSION_EVENT */
    int64_t audsid;
    int blocking_inst;      /* the blocker's instance (BLOCKING_INSTANCE) */
    int blocking_sid;       /* 0 = none */
    uint32_t blocking_serial;
    int64_t row_wait_obj;   /* V$SESSION ROW_WAIT_OBJ#: the table of the row waited for, -1 */
    int64_t row_wait_row;   /* ROW_WAIT_ROW#: its rowid */
    char sql_id[14], prev_sql_id[14];
    int sql_area, prev_sql_area; /* their entries in the SQL area (V$SESSION.SQL_ADDRESS ...) */
    char username[129], schemaname[129];
    char osuser[65], machine[65], terminal[31], program[65], process[25];
    char module[65], action[65], client_info[65], client_identifier[65];
    char service_name[65];
    char pname[6]; /* background sessions: PMON ... */
    /* the open transaction (V$TRANSACTION), written by the owner */
    int txn_open;
    time_t txn_start;
    uint64_t txn_urec;
    uint32_t txn_seq;
    /* a request from another session: written by the requester (request last,
     * with release order), acted on by the owner at its next safe point */
    uint32_t request;        /* enum sga_request */
    uint32_t request_done;   /* the owner has acted (rolled back, released its locks) */
    int request_from_sid;
    int request_from_pid;
    pid_t request_from_spid;
    char request_sql_id[14]; /* CANCEL SQL: only this statement ("" = any) */
    /* statistics (V$MYSTAT / V$SESSTAT), written by the owner */
    uint64_t stats[SGA_STAT_COUNT];
    /* SQL trace (V$SESSION SQL_TRACE ...): the owner's SGA_TRACE_* bits; and a change another
     * session asks for (DBMS_MONITOR), SGA_TRACE_REQUEST | the bits wanted, which the owner
     * takes at its next call */
    uint32_t sql_trace;
    uint32_t trace_request;
    uint32_t temp_lobs; /* V$TEMPORARY_LOBS: the temporary LOBs the session holds */
} sga_session;

enum { SGA_TRACE_ON = 1, SGA_TRACE_WAITS = 2, SGA_TRACE_BINDS = 4, SGA_TRACE_REQUEST = 8 };

typedef struct sga {
    uint64_t magic;
    warden_config cfg; /* the parameters the instance started with */
    char host[65];
    char trace_dir[4096];   /* DATADIR/trace */
    time_t startup_time;
    size_t mapped_bytes; /* the whole mapping: this header and the tables after it (V$SGA) */
    uint64_t dbid;           /* from the catalog (V$DATABASE) */
    int db_block_size;       /* the database's page size (V$PARAMETER db_block_size) */
    int startup_kill_session_wait; /* as started: ALTER SYSTEM SET may change cfg's */
    time_t db_created;
    uint64_t next_audsid;   /* V$SESSION.AUDSID sequence */
    int writer_sid;          /* the session whose transaction holds the write lock, 0 if none */
    pid_t pmon_pid;
    int nprocesses, nsessions;
    int connecting;          /* processes with .connecting set (max_pending_connections) */
    wait_totals system_waits[SGA_EV_COUNT];     /* V$SYSTEM_EVENT, atomic adds */
    wait_totals foreground_waits[SGA_EV_COUNT]; /* ... of user sessions (the _FG columns) */
    uint64_t sys_stats[SGA_STAT_COUNT];         /* V$SYSSTAT's counts, atomic adds */
    sga_latch process_latch;
    sga_latch session_latch;
    sga_process *processes; /* PID n is processes[n - 1] */
    sga_session *sessions;  /* SID n is sessions[n - 1] */
    /* Which slots are taken, a bit each (under the table's latch): a logon finds the lowest
     * free SID in a few words instead of reading every session before it (sga.c). */
    uint64_t *processes_taken, *sessions_taken;
    /* Each process slot's OS pid and each session slot's PID, side by side: PMON finds a dead
     * server's slot and sessions in a few pages instead of reading every slot.  Written
     * before the slot when it is taken, after it when it is freed, so they never miss one. */
    pid_t *process_spids;
    int32_t *session_pids;
} sga;

extern sga *the_sga;

/* Create the instance's shared mapping for CFG (before forking anything); what the
 * instances of a cluster share is in the cluster area (cluster.h). NULL on failure. */
sga *sga_create(const warden_config *cfg);

/* Seqlock around an owner's update of a slot's fields. */
void sga_write_begin(uint32_t *seq);
void sga_write_end(uint32_t *seq);
/* A consistent copy of N bytes of a slot seqlocked by SEQ; after many tries (a writer died
 * mid-update) the copy is taken as it is. */
void sga_seqlock_read(const uint32_t *seq, const void *slot, void *out, size_t n);
/* Consistent copies for readers. */
/* The first session slot in use after SID (0: from the start), copied into *OUT; 0 when none
 * is left:  for (int sid = 0; (sid = sga_next_session(g, sid, &s)) != 0;) ...  */
int sga_next_session(const sga *g, int sid, sga_session *out);
void sga_read_process(const sga *g, int pid, sga_process *out);
void sga_read_session(const sga *g, int sid, sga_session *out);

/*
 * Process table (PMON): take a slot for OS process SPID; PNAME NULL for a
 * dedicated server.  Returns the PID (1-based) or 0 when full (ORA-00020).
 */
int sga_process_alloc(sga *g, pid_t spid, const char *pname);
void sga_process_set_spid(sga *g, int pid, pid_t spid);
void sga_process_free(sga *g, int pid);
/* The process slot of OS pid SPID, or 0. */
int sga_process_find(const sga *g, pid_t spid);

/*
 * Connections not yet logged on.  PMON marks a dedicated server's slot when
 * it hands the connection over (and alone checks the count against the
 * limit); the mark goes at logon or when the server ends, whichever comes
 * first: by the server itself, or by PMON when it frees the slot of a server
 * that died.  Ending twice is harmless.
 */
void sga_connect_begin(sga *g, int pid);
void sga_connect_end(sga *g, int pid);
int sga_connecting(const sga *g);

/*
 * Session table: take the lowest free slot for process PID.  Returns the SID
 * (1-based) and sets *SERIAL, or 0 when the table is full (ORA-00018).  The
 * caller fills the slot's descriptive fields inside sga_write_begin/end.
 */
int sga_session_alloc(sga *g, enum sga_session_type type, int pid, pid_t spid, uint32_t *serial);
void sga_session_free(sga *g, int sid);
/* Free every session of process PID (PMON, after that process died). Returns the count. */
int sga_sessions_release_pid(sga *g, int pid);

static inline sga_session *sga_session_at(sga *g, int sid) { return &g->sessions[sid - 1]; }
static inline sga_process *sga_process_at(sga *g, int pid) { return &g->processes[pid - 1]; }

/* Oracle-style addresses (V$PROCESS.ADDR, V$SESSION.SADDR): stable per slot. */
uint64_t sga_process_addr(int pid);
uint64_t sga_session_addr(int sid);
uint64_t sga_transaction_addr(int sid);

/*
 * Inside the owner's seqlock section of slot S: the wait in progress (if
 * any) ends at NOW and is counted, for the session and the instance; EVENT
 * (SGA_EV_NONE: none) begins with parameters P (NULL: zeros).
 */
void sga_wait_switch(sga *g, sga_session *s, uint32_t event, const wait_params *p, int64_t now);
/* Inside the owner's seqlock section of slot S: add D to its statistics (a level replaces the
 * value) and the counts to the instance's. */
void sga_stats_add(sga *g, sga_session *s, const stat_deltas *d);
/* The name of EVENT, NULL for none. */
const char *sga_event_name(uint32_t event);

#endif
