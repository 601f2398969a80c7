/*
 * open_cursors.c - the open cursor table (see open_cursors.h).  Readers
 * take an entry without a lock: AREA is written last on open and first on
 * close (release/acquire), so a reader sees a whole entry or none.
 */
#include "open_cursors.h"

#include <string.h>

open_cursors *the_open_cursors;

size_t open_cursors_size(int nsessions, int per_session)
{
    return sizeof(open_cursors) + sizeof(open_cursor) * (size_t)nsessions * (size_t)per_session +
           sizeof(int32_t) * (size_t)nsessions;
}

void open_cursors_init(open_cursors *t, int nsessions, int per_session)
{
    t->nsessions = nsessions;
    t->per_session = per_session;
}

/* The highest cursor id session SID has set (an offset, not a pointer: the table is shared). */
static int32_t *highest(open_cursors *t, int sid)
{
    return (int32_t *)(t->entries + (size_t)t->nsessions * (size_t)t->per_session) + (sid - 1);
}

static open_cursor *entry(open_cursors *t, int sid, int id)
{
    if (!t || sid < 1 || sid > t->nsessions || id < 1 || id > t->per_session) return NULL;
    return &t->entries[(size_t)(sid - 1) * (size_t)t->per_session + (size_t)(id - 1)];
}

void open_cursor_set(open_cursors *t, int sid, int id, int area, enum open_cursor_type type,
                     int64_t now_us)
{
    open_cursor *e = entry(t, sid, id);
    if (!e || area < 0) return;
    if (id > *highest(t, sid)) *highest(t, sid) = id;
    __atomic_store_n(&e->area, 0, __ATOMIC_RELEASE);
    e->type = type;
    e->active_us = now_us;
    __atomic_store_n(&e->area, area + 1, __ATOMIC_RELEASE);
}

void open_cursor_clear(open_cursors *t, int sid, int id)
{
    open_cursor *e = entry(t, sid, id);
    if (e) __atomic_store_n(&e->area, 0, __ATOMIC_RELEASE);
}

void open_cursors_clear(open_cursors *t, int sid)
{
    open_cursor *first = entry(t, sid, 1);
    if (!first) return;
    memset(first, 0, sizeof *first * (size_t)*highest(t, sid));
    *highest(t, sid) = 0;
}

int open_cursor_read(const open_cursors *t, int sid, int id, open_cursor *out)
{
    open_cursor *e = entry((open_cursors *)t, sid, id);
    if (!e) return 0;
    int32_t area = __atomic_load_n(&e->area, __ATOMIC_ACQUIRE);
    if (!area) return 0;
    out->type = e->type;
    out->active_us = e->active_us;
    out->area = area;
    return __atomic_load_n(&e->area, __ATOMIC_ACQUIRE) == area;
}
