/*
 * open_cursors.h - the cursors each session holds open, behind
 * V$OPEN_CURSOR: for every session slot, one entry per cursor id the
 * session's client may use (1 .. WARDEN_OPEN_CURSORS), naming the SQL area
 * entry of the cursor's statement.  Each entry is written only by the
 * session's own server process (a cursor executed, a cursor closed); a new
 * session in the slot starts with none, whatever its predecessor left.  Only
 * the entries up to the highest id a session used are ever written, so an
 * idle session touches none of its table's pages.
 */
#ifndef WARDEN_OPEN_CURSORS_H
#define WARDEN_OPEN_CURSORS_H

#include <stddef.h>
#include <stdint.h>

enum open_cursor_type { OPEN_CURSOR_CLIENT = 1, OPEN_CURSOR_PLSQL };

typedef struct open_cursor {
    int32_t area; /* the statement's SQL area entry + 1; 0: no cursor */
    int32_t type; /* enum open_cursor_type */
    int64_t active_us; /* wall clock of its last execution */
} open_cursor;

typedef struct open_cursors {
    int nsessions, per_session;
    /* session SID's cursor ID: [(SID-1) * per_session + ID-1]; after them, per session, the
     * highest cursor id it has set (at most) */
    open_cursor entries[];
} open_cursors;

extern open_cursors *the_open_cursors;

/* Bytes of the table for NSESSIONS sessions of PER_SESSION cursors. */
size_t open_cursors_size(int nsessions, int per_session);
void open_cursors_init(open_cursors *t, int nsessions, int per_session);
/* Session SID's cursor ID runs the statement of SQL area entry AREA; it is closed (clear). */
void open_cursor_set(open_cursors *t, int sid, int id, int area, enum open_cursor_type type,
                     int64_t now_us);
void open_cursor_clear(open_cursors *t, int sid, int id);
/* Session SID has no cursors (a new session in the slot). */
void open_cursors_clear(open_cursors *t, int sid);
/* Session SID's cursor ID: 1 with *OUT, 0 when none is open. */
int open_cursor_read(const open_cursors *t, int sid, int id, open_cursor *out);

#endif
