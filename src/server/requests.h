/*
 * requests.h - how a session receives KILL / DISCONNECT / CANCEL requests
 * from other sessions.
 *
 * The requester writes the request into the target's SGA slot and sends its
 * server process SIGUSR2.  The handler only sets a flag (which also ends a
 * blocked read of the client's next call); everything else happens at safe
 * points: the engine's progress handler and lock-wait loop, sleeps, and the
 * idle wait for the client.  A blocking send of results to a client that
 * does not read them is not a safe point, as in Oracle.
 */
#ifndef WARDEN_REQUESTS_H
#define WARDEN_REQUESTS_H

#include "session.h"

#define REQUEST_SIGNAL SIGUSR2

/* Install the handler and let the session's idle read be woken by it. */
void requests_install(session *s);
/* Inside a call: the Oracle error to abort the call with, or 0 to go on. */
int requests_check_in_call(session *s);
/* While idle (the read was woken): act now.  Returns 1 when the session must end at once. */
int requests_handle_idle(session *s);
/* After a call's reply: 1 when the session must end now (killed, disconnected). */
int requests_end_after_call(session *s);
/* A call arrived for a session killed while idle: answer it ORA-00028. 1 if so. */
int requests_refuse_killed(session *s);

#endif
