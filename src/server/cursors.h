/*
 * cursors.h - a session's cursor table: the statements its client has
 * opened, by the cursor id the client knows them by.
 */
#ifndef WARDEN_CURSORS_H
#define WARDEN_CURSORS_H

#include "session.h"

int cursor_alloc(session *s); /* a free id, or 0 at MAX_OPEN_CURSORS (ORA-01000) */
server_cursor *cursor_get(session *s, uint64_t id);
void cursor_release(server_cursor *c);
void cursors_close(session *s, const uint64_t *ids, int n);
void cursors_close_all(session *s);

#endif
