/*
 * replies.h - answering calls: the end-of-call message every reply closes
 * with, sending a reply, the break exchange, and answering a request that
 * cannot be served.
 *
 * Each call gets exactly one reply.  Call handlers build it into a buffer
 * (rows, OUT values, then the end of the call); the session loop sends it
 * (dedicated.c), or, when the client broke the call, the break exchange
 * instead.  Nothing here publishes the session's V$ state: the loop does,
 * before the reply leaves.
 */
#ifndef WARDEN_REPLIES_H
#define WARDEN_REPLIES_H

#include "session.h"

/* Close a reply with the end of the call: cursor, row count and E (or success: NULL / code 0). */
void reply_end_call(session *s, buf *out, uint16_t cursor, uint64_t rows, const ora_error *e);
/* The same with every field of END the caller set (ROWID, batch errors); E fills the error. */
void reply_end_call_with(session *s, buf *out, ttc_end *end, const ora_error *e);
/* Send a whole reply (no-op once the session has ended).  0 or NET_ERR_*. */
int reply_send(session *s, buf *payload);
/*
 * The break exchange: unless the client began it with a RESET (CLIENT_RESET),
 * send BREAK and wait for its RESET; then RESET and the ORA-01013 reply.
 */
void reply_break(session *s, int client_reset);
/*
 * Finish reading request R (skipping what is left of it).  When it was
 * malformed or oversize, or REFUSED (when set) says it cannot be served,
 * close OUT with the error (ORA-03115, ORA-04036, REFUSED) and return -1;
 * -1 also when the connection is lost; 0 when the call may go on.
 */
int request_finish(session *s, ttc_reader *r, buf *out, uint16_t cursor, const ora_error *refused);

#endif
