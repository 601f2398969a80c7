/*
 * table_state.h - what every session of the instance must agree on about a
 * table while transactions keep their changes to themselves until COMMIT:
 * the rowid the next INSERT gets, and the generation of the table's
 * definition.
 *
 * With private write sets (row-level locking), an INSERT cannot let SQLite
 * pick max(rowid) + 1: two open transactions would pick the same rowid and
 * collide at COMMIT.  Rowids come from one counter per table in the SGA
 * instead, started lazily from the committed maximum the first time a
 * session needs one after the instance started (never trusted across a
 * restart, so a crash cannot hand out a rowid twice).  The generation
 * goes up with every DDL on the table, so sessions that keep per-table
 * state (an overlay of their own changes, prepared statements) know to
 * rebuild it.
 *
 * Entries are keyed by the table's object number (objects.h) in an open
 * addressing table: lookups take no latch, adding an entry takes one.  An
 * entry stays until the instance stops (object numbers are never reused),
 * so TABLE_STATE_SLOTS bounds the tables touched since startup.
 */
#ifndef WARDEN_TABLE_STATE_H
#define WARDEN_TABLE_STATE_H

#include <stdint.h>

#include "latch.h"

#define TABLE_STATE_SLOTS 65536 /* tables (and dropped ones) since the instance started */

typedef struct table_entry {
    uint32_t object;     /* 0: free */
    uint32_t generation; /* the instance's DDL count at the table's last DDL; 0: none since startup */
    int64_t next_rowid;  /* the next rowid an INSERT gets; 0: not known since startup */
} table_entry;

typedef struct table_state {
    sga_latch latch;   /* taken to add an entry */
    uint32_t ddl_seq;  /* DDLs since startup: generations are unique */
    table_entry entries[TABLE_STATE_SLOTS];
} table_state;

extern table_state *the_table_state;

/* Set up the area at P (zeroed shared memory of sizeof(table_state)). */
void table_state_init(table_state *t);

/*
 * The rowid for a new row of table OBJECT: one more than the last handed
 * out, the first time one more than COMMITTED_MAX(ARG) (the largest rowid
 * the database holds).  0 when the table cannot be given an entry (full)
 * or COMMITTED_MAX failed (returned < 0).
 */
int64_t table_next_rowid(table_state *t, uint32_t object, int64_t (*committed_max)(void *arg),
                         void *arg);
/* ROWID was given explicitly (a rowid alias value): later rowids of OBJECT pass it.
 * 0, or -1 as table_next_rowid's 0. */
int table_rowid_used(table_state *t, uint32_t object, int64_t rowid,
                     int64_t (*committed_max)(void *arg), void *arg);
/* The generation of OBJECT's definition (0 until its first DDL since startup). */
uint32_t table_generation(const table_state *t, uint32_t object);
/* The generation of a dropped table. */
#define TABLE_GONE UINT32_MAX

/* A DDL changed OBJECT (created, altered, truncated): it gets a new generation. */
void table_changed(table_state *t, uint32_t object);
/* OBJECT was dropped: its generation is TABLE_GONE from now on. */
void table_dropped(table_state *t, uint32_t object);
/* DDL that made a name name a new object (CREATE): only the DDL count moves. */
void table_created(table_state *t);
/* DDLs since startup: a name looked up before this moved may name another object now. */
uint32_t table_ddl_seq(const table_state *t);

#endif
