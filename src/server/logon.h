/*
 * logon.h - the two authentication calls (O5LOGON): phase one sends the
 * challenge, phase two checks the proof and privileges and opens the
 * session.  Each builds its reply into OUT.
 */
#ifndef WARDEN_LOGON_H
#define WARDEN_LOGON_H

#include "session.h"

void logon_phase_one(session *s, ttc_reader *r, buf *out);
void logon_phase_two(session *s, ttc_reader *r, buf *out);

#endif
