/*
 * sqlarea.c - the shared SQL area.
 */
#include "sqlarea.h"

#include <stdio.h>
#include <string.h>

sqlarea *the_sqlarea;

static int entry_is(const sqlarea_entry *e, const char *sql_id, const char *schema)
{
    return e->used && !strcmp(e->sql_id, sql_id) && !strcmp(e->schema, schema);
}

int sqlarea_enter(sqlarea *a, const char *sql_id, const char *text, const char *schema,
                  int command, int hint, int *created)
{
    if (created) *created = 0;
    time_t now = time(NULL);
    sga_latch_acquire(&a->latch);
    if (hint >= 0 && hint < SQLAREA_ENTRIES && entry_is(&a->entries[hint], sql_id, schema)) {
        a->entries[hint].last_active = now;
        sga_latch_release(&a->latch);
        return hint;
    }
    int found = -1, victim = 0;
    for (int i = 0; i < SQLAREA_ENTRIES; i++) {
        sqlarea_entry *e = &a->entries[i];
        if (entry_is(e, sql_id, schema)) {
            found = i;
            break;
        }
        if (!e->used) {
            if (a->entries[victim].used) victim = i;
        } else if (a->entries[victim].used && e->last_active < a->entries[victim].last_active) {
            victim = i;
        }
    }
    if (found < 0) {
        if (created) *created = 1;
        sqlarea_entry *e = &a->entries[victim];
        memset(e, 0, sizeof *e);
        e->used = 1;
        snprintf(e->sql_id, sizeof e->sql_id, "%s", sql_id);
        snprintf(e->schema, sizeof e->schema, "%s", schema);
        snprintf(e->text, sizeof e->text, "%s", text);
        e->first_load = now;
        e->command = command;
        found = victim;
    }
    a->entries[found].last_active = now;
    sga_latch_release(&a->latch);
    return found;
}

void sqlarea_executed(sqlarea *a, int i, int64_t elapsed_us, int64_t cpu_us, uint64_t rows)
{
    if (i < 0 || i >= SQLAREA_ENTRIES) return;
    sga_latch_acquire(&a->latch);
    sqlarea_entry *e = &a->entries[i];
    e->executions++;
    e->elapsed_us += elapsed_us;
    e->cpu_us += cpu_us;
    e->rows_processed += rows;
    e->last_active = time(NULL);
    sga_latch_release(&a->latch);
}

int sqlarea_read(sqlarea *a, int i, sqlarea_entry *out)
{
    sga_latch_acquire(&a->latch);
    int used = a->entries[i].used;
    if (used) *out = a->entries[i];
    sga_latch_release(&a->latch);
    return used;
}
