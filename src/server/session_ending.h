/*
 * session_ending.h - the owning instance's side of ending a session (KILL
 * SESSION, DISCONNECT SESSION, CANCEL SQL), whoever asks: a session of this
 * instance (alter_system.c), or one of another instance of the cluster,
 * whose request LMON carries out here (lmon.c).
 *
 * A request is checked (ORA-00030 no such session, ORA-00027 the
 * requester's own session, ORA-00029 a background session), written into
 * the target's SGA slot under the session latch (so a stale SERIAL# can
 * never reach the slot's next owner), and the target's process is
 * signalled.  The target acts on it at its next safe point
 * (interrupts.h).  KILL (without IMMEDIATE) and DISCONNECT IMMEDIATE then
 * wait, at most the requester's kill_session_wait, until the target has
 * rolled back and released its locks; the waiting is the caller's, with
 * end_finished and end_nudge.  Each request is audited where the target
 * lives: V$SESSION_KILL_HISTORY and the alert log entry Oracle writes.
 */
#ifndef WARDEN_SESSION_ENDING_H
#define WARDEN_SESSION_ENDING_H

#include <stdint.h>
#include <sys/types.h>

typedef struct end_request {
    uint32_t request; /* enum sga_request */
    int immediate;    /* KILL SESSION ... IMMEDIATE */
    int sid, serial;  /* the target, on this instance */
    char sql_id[14];  /* CANCEL SQL: only this statement ("" = any) */
    int wait_ms;      /* the requester's kill_session_wait */
    /* who asks (the owner re-checks the user's privilege) */
    int from_inst, from_sid, from_pid;
    pid_t from_spid;
    int from_admin; /* the requester's logon mode (enum catalog_admin) */
    char from_user[129];
} end_request;

/* The target's process, found when the request was posted. */
typedef struct end_owner {
    pid_t spid;
    int pid;
} end_owner;

/* Check R's target and post R into its slot, then signal its process.  0, or the ORA
 * error number. */
int end_post(const end_request *r, end_owner *owner);
/* Must the requester wait for the target to finish? */
int end_waits(const end_request *r);
/* Is the target gone, or done with what it was asked (rolled back, released)? */
int end_finished(const end_request *r);
/* Signal the target again: a target between two waits misses nothing. */
void end_nudge(const end_owner *owner);
/* Record the request: V$SESSION_KILL_HISTORY and the alert log. */
void end_audit(const end_request *r, const end_owner *owner, int result, double waited_ms);

#endif
