/*
 * lob_call.h - the LOB operation call (function 96): what a client does
 * through a locator (read, write, length, trim, chunk size, temporary LOBs,
 * open / close), and the same call piggybacked to free temporary LOBs.
 */
#ifndef WARDEN_LOB_CALL_H
#define WARDEN_LOB_CALL_H

#include "session.h"

void lob_call(session *s, ttc_reader *r, buf *out);
/* The piggybacked form (freeing temporary LOBs): no reply of its own. */
void lob_call_piggyback(session *s, ttc_reader *r);

#endif
