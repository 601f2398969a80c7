/*
 * sqlarea.h - the shared SQL area: one entry per distinct statement text,
 * with execution statistics (V$SQL, V$SQLAREA).
 *
 * A fixed table in the SGA, found by SQL_ID; when full, the entry used least
 * recently is reused.  Texts are kept up to SQLAREA_TEXT_MAX bytes.  Entries
 * are read and updated under one latch, held only for a copy or an update.
 */
#ifndef WARDEN_SQLAREA_H
#define WARDEN_SQLAREA_H

#include <stdint.h>
#include <time.h>

#include "latch.h"

#define SQLAREA_ENTRIES 2000
#define SQLAREA_TEXT_MAX 4000

typedef struct sqlarea_entry {
    int used;
    char sql_id[14];
    char schema[129];
    char module[65], action[65]; /* of the session that loaded it */
    uint64_t executions;
    int64_t elapsed_us, cpu_us;
    uint64_t rows_processed;
    uint64_t buffer_gets, disk_reads, sorts; /* pages asked of the cache, read, sorters */
    uint64_t parse_calls, loads;
    time_t first_load, last_active;
    int command;
    char text[SQLAREA_TEXT_MAX + 1];
} sqlarea_entry;

typedef struct sqlarea {
    sga_latch latch;
    sqlarea_entry entries[SQLAREA_ENTRIES];
} sqlarea;

/* Created with the SGA (sga_create). */
extern sqlarea *the_sqlarea;

/* Who enters a statement: for a new entry, its schema, module and action. */
typedef struct sqlarea_loader {
    const char *schema, *module, *action;
    int command;
    int parsed; /* this is the statement's first execution after a parse (PARSE_CALLS) */
} sqlarea_loader;

/*
 * The entry for SQL_ID, created from TEXT if new (*CREATED 1: a hard parse,
 * may be NULL). Returns its index.  HINT is where the caller found it last
 * time (-1 if never): checked first.
 */
int sqlarea_enter(sqlarea *a, const char *sql_id, const char *text, const sqlarea_loader *who,
                  int hint, int *created);

/* What one execution of a statement cost. */
typedef struct sqlarea_costs {
    int64_t elapsed_us, cpu_us;
    uint64_t rows, buffer_gets, disk_reads, sorts;
} sqlarea_costs;

/* One execution of entry I finished. */
void sqlarea_executed(sqlarea *a, int i, const sqlarea_costs *c);
/* V$SQL.ADDRESS of entry I (stable per entry, as Oracle's are the cursor's address). */
uint64_t sqlarea_address(int i);
/* Copy of entry I (consistent); 0 if unused. */
int sqlarea_read(sqlarea *a, int i, sqlarea_entry *out);

#endif
