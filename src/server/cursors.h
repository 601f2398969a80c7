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
/*
 * The executed query EC as a new cursor the client fetches from (a REF CURSOR PL/SQL opened,
 * or a cursor expression's for a row of cursor PARENT, else 0): its id, or 0 with ERR
 * (ORA-01000 at MAX_OPEN_CURSORS; EC is freed).
 */
int cursor_add_executed(session *s, eng_cursor *ec, int parent, ora_error *err);
/* Close cursor ID and the cursors its rows' cursor expressions opened (theirs too). */
void cursor_close(session *s, uint64_t id);
/* Close the cursors cursor ID's rows opened: it runs again, or goes. */
void cursor_close_nested(session *s, uint64_t id);
void cursors_close(session *s, const uint64_t *ids, int n);
void cursors_close_all(session *s);

#endif
