/*
 * cursor_values.h - cursors on the wire: a query's describe, and a cursor as
 * a value (its describe and id), as REF CURSOR OUT binds, implicit results
 * and the columns of cursor expressions carry it.
 */
#ifndef WARDEN_CURSOR_VALUES_H
#define WARDEN_CURSOR_VALUES_H

#include "session.h"

/* EC's describe as a DESCRIBE_INFO message (a query's execute reply). */
void cursor_write_describe(session *s, buf *out, eng_cursor *ec);
/* Cursor C, whose id is ID, as a value: its describe and its id (the client fetches from it). */
void cursor_put_value(session *s, buf *out, server_cursor *c, uint64_t id);
/*
 * Column COL of cursor PARENT's current row, a cursor expression's (T_CURSOR): a new cursor of
 * the session over its subquery for this row, written as the row's value.  0, or -1 with ERR
 * (ORA-01000 past the open cursors, the subquery's own errors).
 */
int cursor_put_nested(session *s, buf *out, int parent, int col, ora_error *err);

#endif
