/*
 * cursors.c - a session's cursor table: the statements its client has
 * opened, by the cursor id the client knows them by (1..MAX_OPEN_CURSORS;
 * 0 is "no cursor").  A closed id is reused by the next new statement.
 * Cursors the server opens itself (REF CURSORs of PL/SQL, the cursors of
 * cursor expressions) take ids of the same table, so they count against the
 * same limit; a cursor expression's cursor lives until the client closes it
 * or its parent cursor runs again or is closed, as in Oracle.  V$OPEN_CURSOR
 * shows the executed ones (session_state.c publishes them, closing here
 * takes them away).
 */
#include "cursors.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/ora_functions.h"
#include "../sga/open_cursors.h"


#define MAX_OPEN_CURSORS WARDEN_OPEN_CURSORS /* announced to clients as AUTH_MAX_OPEN_CURSORS */

int cursor_alloc(session *s)
{
    for (int i = 1; i < s->ncursors; i++)
        if (!s->cursors[i].ec) return i;
    int id = s->ncursors ? s->ncursors : 1;
    if (id > MAX_OPEN_CURSORS) return 0;
    int n = id + 16 > MAX_OPEN_CURSORS + 1 ? MAX_OPEN_CURSORS + 1 : id + 16;
    s->cursors = xrealloc(s->cursors, sizeof *s->cursors * (size_t)n);
    memset(s->cursors + s->ncursors, 0, sizeof *s->cursors * (size_t)(n - s->ncursors));
    s->ncursors = n;
    return id;
}

server_cursor *cursor_get(session *s, uint64_t id)
{
    if (id == 0 || id >= (uint64_t)s->ncursors || !s->cursors[id].ec) return NULL;
    return &s->cursors[id];
}

void cursor_release(server_cursor *c)
{
    eng_cursor_free(c->ec);
    free(c->binds);
    free(c->dirs);
    free(c->defines);
    memset(c, 0, sizeof *c);
}

int cursor_add_executed(session *s, eng_cursor *ec, int parent, ora_error *err)
{
    int id = cursor_alloc(s);
    if (!id) {
        eng_cursor_free(ec);
        ora_set(err, 1000, 0); /* maximum open cursors exceeded */
        return 0;
    }
    s->cursors[id] = (server_cursor){.ec = ec, .executed = 1, .refcursor = 1, .parent = parent};
    snprintf(s->cursors[id].schema, sizeof s->cursors[id].schema, "%s",
             eng_fn_ctx(s->eng)->schema);
    return id;
}

void cursor_close_nested(session *s, uint64_t id)
{
    for (int i = 1; id && i < s->ncursors; i++)
        if (s->cursors[i].ec && (uint64_t)s->cursors[i].parent == id) cursor_close(s, (uint64_t)i);
}

void cursor_close(session *s, uint64_t id)
{
    server_cursor *c = cursor_get(s, id);
    if (!c) return;
    cursor_release(c); /* first: a cursor's own id is never its nested cursors' parent */
    open_cursor_clear(the_open_cursors, s->sid, (int)id);
    cursor_close_nested(s, id);
}

void cursors_close(session *s, const uint64_t *ids, int n)
{
    for (int i = 0; i < n; i++) cursor_close(s, ids[i]);
}

void cursors_close_all(session *s)
{
    for (int i = 0; i < s->ncursors; i++)
        if (s->cursors[i].ec) cursor_release(&s->cursors[i]);
    free(s->cursors);
    s->cursors = NULL;
    s->ncursors = 0;
    open_cursors_clear(the_open_cursors, s->sid);
}
