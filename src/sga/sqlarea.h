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
    uint64_t executions;
    int64_t elapsed_us, cpu_us;
    uint64_t rows_processed;
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

/*
 * The entry for SQL_ID, created from TEXT if new (*CREATED 1: a hard parse,
 * may be NULL). Returns its index.  HINT is where the caller found it last
 * time (-1 if never): checked first.
 */
int sqlarea_enter(sqlarea *a, const char *sql_id, const char *text, const char *schema,
                  int command, int hint, int *created);
/* One execution of entry I finished. */
void sqlarea_executed(sqlarea *a, int i, int64_t elapsed_us, int64_t cpu_us, uint64_t rows);
/* Copy of entry I (consistent); 0 if unused. */
int sqlarea_read(sqlarea *a, int i, sqlarea_entry *out);

#endif
