/*
 * connect.h - a dedicated server's connect phase: from the hand-over of the
 * client's socket to its logon.
 *
 * CONNECT -> ACCEPT (or REFUSE for an unknown service), the optional ANO
 * exchange, then the PROTOCOL and DATA TYPES negotiation.  One deadline
 * (inbound_connect_timeout) covers every read and write from the hand-over
 * until the logon is done, however the client spaces its bytes; passing it
 * ends the connection with ORA-03136 in the alert log.  Until it logs on or
 * ends, the process counts as connecting (max_pending_connections).
 */
#ifndef WARDEN_CONNECT_H
#define WARDEN_CONNECT_H

#include "session.h"

/* The deadline starts, the process counts as connecting. */
void connect_phase_begin(session *s);
/* CONNECT, ACCEPT and the negotiation: 0 when the client may log on, -1 otherwise. */
int connect_accept(session *s);
/* Logon done: the deadline ends, the process no longer counts as connecting. */
void connect_logged_on(session *s);
/* Leaving: if the session never logged on, end the phase (the alert log says if it timed out). */
void connect_phase_end(session *s);
/* Read a client's CONNECT and refuse it with ORA_ERR (the instance cannot take it). */
void connect_refuse(int fd, int ora_err);

#endif
