/*
 * interrupts.h - the one place that decides what an interrupt means for a
 * session, in the manner of PostgreSQL's ProcessInterrupts().
 *
 * A session is interrupted from four directions: another session's request
 * in its SGA slot (ALTER SYSTEM KILL SESSION, DISCONNECT SESSION, CANCEL
 * SQL: the requester writes the slot's request word and sends SIGUSR2),
 * kill <spid> (SIGTERM, which ends the session like DISCONNECT SESSION
 * IMMEDIATE), its client (a break marker, or the connection gone) and its
 * own memory (session_pga_limit).
 *
 * The signal handlers only set flags.  Both signals are blocked except
 * inside the waits that must end for them - the idle wait for the client's
 * next call and PL/SQL's sleeps - which let them in atomically (ppoll), so
 * no signal can slip in between a check and a wait.  Everything else
 * happens at safe points, which every long-running path passes: SQL
 * execution (every 1000 SQLite steps), lock waits (each retry), PL/SQL
 * (each statement and loop iteration) and sleeps (each slice).  A blocking
 * send of results to a client that does not read them is not one, as in
 * Oracle.
 *
 * What an interrupt means is decided by one function in interrupts.c, and
 * recorded in the session's fate and its call's interrupt (session.h):
 *
 *   KILL SESSION          the call ends with ORA-00028 and so does the
 *                         session; killed between calls, the transaction
 *                         rolls back at once and the next call is answered
 *                         ORA-00028
 *   DISCONNECT IMMEDIATE, the call ends with ORA-03113 and no reply: the
 *   kill <spid>, client   session is over
 *   gone
 *   DISCONNECT            the session ends once no transaction is open
 *   POST_TRANSACTION      (at once when none is)
 *   CANCEL SQL, a break   the call ends with ORA-01013 (CANCEL only if its
 *                         SQL_ID, when given, is the running statement's);
 *                         the session goes on
 *
 * An interrupted call stays interrupted until it ends: every later safe
 * point in it answers the same error, so nothing (not a PL/SQL exception
 * handler) can carry on past it.
 */
#ifndef WARDEN_INTERRUPTS_H
#define WARDEN_INTERRUPTS_H

#include "session.h"

#define REQUEST_SIGNAL SIGUSR2

/* Install the handlers, block the signals, and let the session's idle wait be woken by them. */
void interrupts_install(session *s);

/*
 * A safe point (the engine's interrupt callback; PL/SQL's each statement):
 * the error the call must end with (ORA-00028, ORA-03113, ORA-01013,
 * ORA-04036), or 0 to go on.  Cheap: the SGA request word is one load; the
 * client, pending signals and the process's memory are looked at only every
 * so many safe points, at most once a millisecond.
 */
int interrupts_safe_point(void *session);
/* The same, looking at the client and the signals now (each slice of a sleep or a wait). */
int interrupts_check(session *s);

/* A call begins: 0, or the error to refuse it with (ORA-00028: killed between calls). */
int interrupts_call_begin(session *s);
/* Its reply (or break exchange) has been sent: 1 when the session must end now. */
int interrupts_call_end(session *s);
/* Woken while waiting between calls: act on what came.  1 when the session must end now. */
int interrupts_idle(session *s);

/* The client is gone (a read or send failed): nothing more will be sent. */
void interrupts_client_gone(session *s);
/* Has the session ended (no reply may be sent)? */
int interrupts_ended(const session *s);

#endif
