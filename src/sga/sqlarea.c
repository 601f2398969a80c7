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

int sqlarea_enter(sqlarea *a, const char *sql_id, const char *text, const sqlarea_loader *who,
                  int hint, int *created)
{
    const char *schema = who->schema;
    if (created) *created = 0;
    time_t now = time(NULL);
    sga_latch_acquire(&a->latch);
    if (hint >= 0 && hint < SQLAREA_ENTRIES && entry_is(&a->entries[hint], sql_id, schema)) {
        a->entries[hint].last_active = now;
        a->entries[hint].parse_calls += who->parsed ? 1 : 0;
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
        snprintf(e->module, sizeof e->module, "%s", who->module ? who->module : "");
        snprintf(e->action, sizeof e->action, "%s", who->action ? who->action : "");
        e->first_load = now;
        e->command = who->command;
        e->loads = 1;
        found = victim;
    }
    a->entries[found].last_active = now;
    a->entries[found].parse_calls += who->parsed ? 1 : 0;
    sga_latch_release(&a->latch);
    return found;
}

void sqlarea_executed(sqlarea *a, int i, const sqlarea_costs *c)
{
    if (i < 0 || i >= SQLAREA_ENTRIES) return;
    sga_latch_acquire(&a->latch);
    sqlarea_entry *e = &a->entries[i];
    e->executions++;
    e->elapsed_us += c->elapsed_us;
    e->cpu_us += c->cpu_us;
    e->rows_processed += c->rows;
    e->buffer_gets += c->buffer_gets;
    e->disk_reads += c->disk_reads;
    e->sorts += c->sorts;
    sga_latch_release(&a->latch);
}

uint64_t sqlarea_address(int i) { return 0x00000000D4000000ull + (uint64_t)i * 0x1140; }

int sqlarea_read(sqlarea *a, int i, sqlarea_entry *out)
{
    sga_latch_acquire(&a->latch);
    int used = a->entries[i].used;
    if (used) *out = a->entries[i];
    sga_latch_release(&a->latch);
    return used;
}
