/*
 * session_state.h - what a dedicated server publishes about its session in
 * the SGA as it works: V$SESSION's STATUS, LAST_CALL_ET, SQL_ID and
 * PREV_SQL_ID, SQL_EXEC_START, COMMAND, the wait event, the blocker of a
 * lock wait, the end-to-end attributes, V$TRANSACTION's row, and the
 * statistics of V$MYSTAT.  Only the session's own server writes its slot.
 */
#ifndef WARDEN_SESSION_STATE_H
#define WARDEN_SESSION_STATE_H

#include <stdint.h>

#include "../sga/longops.h"
#include "session.h"

/* The engine observer that keeps V$TRANSACTION and lock waits current. */
void session_state_attach(session *s);
/* The client is idle: INACTIVE, waiting for 'SQL*Net message from client'. */
void session_state_idle(session *s);
/* A call begins (ACTIVE) and ends (back to idle). */
void session_state_call_begin(session *s);
void session_state_call_end(session *s);
/* Cursor C's statement starts executing: its SQL_ID, command and start time, its SQL area entry. */
void session_state_statement(session *s, server_cursor *c);
/* ... and finished, having processed ROWS rows (V$SQL statistics, counted at the call's end). */
void session_state_statement_done(session *s, uint64_t rows);
void session_state_count_commit(session *s, int rollback);
/* DBMS_LOCK.SLEEP / DBMS_SESSION.SLEEP: the 'PL/SQL lock timer' wait begins (1) or ends (0). */
void session_state_sleep(session *s, double seconds);
/* MODULE / ACTION / CLIENT_INFO / CLIENT_IDENTIFIER changed in the session struct. */
void session_state_end_to_end(session *s);
/* The process's PGA use, for V$PROCESS (published at most every 0.1 s). */
void session_state_memory(session *s);
/* Report long operation O (its work: OPNAME ... UNITS) as a row of V$SESSION_LONGOPS of the
 * session, with its identity and current statement; *RINDEX, *SLNO as longops_set's. */
void session_state_longop(session *s, longop *o, int *rindex, int *slno);
/* The session holds N temporary LOBs now (V$TEMPORARY_LOBS). */
void session_state_temp_lobs(session *s, int n);
/* Logoff / death: drop the write-lock holder mark if it is ours. */
void session_state_release(session *s);

#endif
