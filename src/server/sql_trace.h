/*
 * sql_trace.h - SQL trace: a session's calls written to its server
 * process's trace file, DATADIR/trace/<instance>_ora_<spid>.trc (the name
 * V$PROCESS.TRACEFILE gives), as Oracle's extended SQL trace (event 10046)
 * writes them: PARSING IN CURSOR with the statement's text, PARSE, BINDS
 * and WAIT (when asked for: the client's think time between calls, row and
 * table lock waits), EXEC, FETCH, ERROR and XCTEND lines, each with its
 * elapsed time (e=) and CPU time (c=) in microseconds and a timestamp
 * (tim=).
 *
 * Turned on and off by ALTER SESSION SET SQL_TRACE, DBMS_SESSION
 * .SESSION_TRACE_ENABLE / _DISABLE and, for another session,
 * DBMS_MONITOR.SESSION_TRACE_ENABLE / _DISABLE: that one leaves a request in
 * the session's SGA slot, taken at the session's next call.  V$SESSION
 * shows the state (SQL_TRACE, SQL_TRACE_WAITS, SQL_TRACE_BINDS).
 */
#ifndef WARDEN_SQL_TRACE_H
#define WARDEN_SQL_TRACE_H

#include <stdint.h>

#include "session.h"

/* Trace the session (FLAGS: SGA_TRACE_ON, with _WAITS, _BINDS), or stop (0).  0, or -1 with
 * ERR when the trace file cannot be opened. */
int sql_trace_set(session *s, uint32_t flags, ora_error *err);
/* Ask session SID, SERIAL of this instance to trace (FLAGS) or stop: 0, ORA-00030 when it
 * is not there. */
int sql_trace_request(int sid, uint32_t serial, uint32_t flags, ora_error *err);
/* At the start of each call: a change another session asked for takes effect. */
void sql_trace_take_request(session *s);
void sql_trace_close(session *s);

/* A cursor's execution begins (its text and binds B go to the trace once per parse). */
void sql_trace_execute_begin(session *s, int id, server_cursor *c, const bind_rows *b);
/* ... and ends: an EXEC line (FETCH too when rows came with it), or ERROR with E. */
void sql_trace_execute_end(session *s, int id, uint64_t rows_fetched, const ora_error *e);
/* Statement SQL did not parse: PARSE ERROR with E's number. */
void sql_trace_parse_error(session *s, const char *sql, const ora_error *e);
/* A fetch call: its FETCH line. */
void sql_trace_fetch(session *s, int id, uint64_t rows, int64_t elapsed_us, int64_t cpu_us);
/* A wait of the session ended (when waits are traced): EVENT's name, how long, the object
 * waited for (-1: none). */
void sql_trace_wait(session *s, const char *event, int64_t elapsed_us, int64_t obj);
/* COMMIT or ROLLBACK ended a transaction. */
void sql_trace_transaction_end(session *s, int rollback);

#endif
