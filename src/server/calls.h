/*
 * calls.h - the SQL calls: execute (94), re-execute (4, 78) and fetch (5).
 * Each reads its request whole, runs it and builds its reply into OUT.
 */
#ifndef WARDEN_CALLS_H
#define WARDEN_CALLS_H

#include "session.h"

void call_execute(session *s, ttc_reader *r, buf *out);
void call_reexecute(session *s, ttc_reader *r, int fn, buf *out);
void call_fetch(session *s, ttc_reader *r, buf *out);

#endif
