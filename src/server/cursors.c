/*
 * cursors.c - a session's cursor table: the statements its client has
 * opened, by the cursor id the client knows them by (1..MAX_OPEN_CURSORS;
 * 0 is "no cursor").  A closed id is reused by the next new statement.
 */
#include "cursors.h"

#include <stdlib.h>
#include <string.h>


#define MAX_OPEN_CURSORS 300 /* announced to clients as AUTH_MAX_OPEN_CURSORS */

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

void cursors_close(session *s, const uint64_t *ids, int n)
{
    for (int i = 0; i < n; i++) {
        server_cursor *c = cursor_get(s, ids[i]);
        if (c) cursor_release(c);
    }
}

void cursors_close_all(session *s)
{
    for (int i = 0; i < s->ncursors; i++)
        if (s->cursors[i].ec) cursor_release(&s->cursors[i]);
    free(s->cursors);
    s->cursors = NULL;
    s->ncursors = 0;
}
