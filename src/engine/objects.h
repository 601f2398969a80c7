/*
 * objects.h - the object catalog: Oracle's object numbers for the tables,
 * views and indexes Warden keeps in SQLite.
 *
 * Stored procedures and functions (units.h) and sequences (sequences.h)
 * are numbered here too.
 *
 * Every schema object has a number for its whole life, as in Oracle:
 * DBA_OBJECTS.OBJECT_ID, the data object number inside a ROWID, ID1 of a TM
 * lock in V$LOCK, V$SESSION.ROW_WAIT_OBJ#.  SQLite's own schema table says
 * what exists; WARDEN$OBJECTS remembers each object's number, type and
 * times, and objects_sync() brings it in line after every DDL, inside the
 * DDL's own transaction, so the two never disagree.  A RENAME keeps the
 * number (SQLite keeps the object's root page); a DROP ends it; numbers
 * are never reused; a dropped object's grants (object_grants.h) go with it.  User objects are numbered from 73000, as Oracle's
 * come after its own dictionary's.
 */
#ifndef WARDEN_OBJECTS_H
#define WARDEN_OBJECTS_H

#include <sqlite3.h>
#include <stdint.h>
#include <time.h>

/* One object as the dictionary views show it. */
/* A package body shares its name with its package: its catalog name is OWNER.NAME followed by
 * this mark (never part of a name Oracle SQL can write unquoted). */
#define OBJECTS_BODY_MARK "\x1F" "BODY"

typedef struct object_row {
    uint32_t id;
    char owner[129];
    char name[129];
    const char *type; /* "TABLE", "VIEW", "INDEX", "PROCEDURE", "FUNCTION", "PACKAGE", "PACKAGE
                       * BODY", "SEQUENCE" */
    int valid;          /* STATUS VALID (a unit that did not compile is INVALID) */
    int generated;      /* an index SQLite made for a constraint (named SYS_Cnnnnnnn) */
    time_t created, last_ddl;
} object_row;

/*
 * Bring WARDEN$OBJECTS in line with SQLite's schema (creating it in a
 * database that predates it).  TOUCHED, when not NULL, is the SQLite name
 * of an object the DDL changed: its LAST_DDL_TIME becomes now.  Run it in
 * the transaction of the DDL.  0, or -1 (SQLite's error on DB).
 */
int objects_sync(sqlite3 *db, const char *touched);
/* Is NAME ("SCOTT.X") a stored procedure, function or sequence (objects SQLite does not
 * hold, so a CREATE TABLE of the name is not refused by SQLite itself)?  1, 0, or -1. */
int objects_name_outside_sqlite(sqlite3 *db, const char *name);
/* The object number of the table, view or index SQLite calls NAME, or 0. */
uint32_t objects_number(sqlite3 *db, const char *name);
/* The SQLite name of object ID into NAME (SIZE bytes): 0, or -1 when there is none. */
int objects_name(sqlite3 *db, uint32_t id, char *name, size_t size);
/* Call FN for every object (OWNER: only that owner's, when not NULL), by number. 0 or -1. */
int objects_each(sqlite3 *db, const char *owner, void (*fn)(void *, const object_row *),
                 void *arg);

#endif
