/*
 * units.h - the catalog of stored PL/SQL: the text of each procedure and
 * function as CREATE gave it (from PROCEDURE / FUNCTION on), whether it
 * compiled (STATUS VALID or INVALID), and its compile errors.
 *
 * WARDEN$SOURCE holds one row per unit (a package's
 * specification and body are two), WARDEN$ERRORS one per error of an
 * INVALID one; both are created by objects_sync (objects.h), which numbers
 * the units with the tables and views: a procedure and a table share one
 * namespace, as in Oracle.  USER_SOURCE, USER_ERRORS and USER_PROCEDURES
 * read them (v_source.c).  Callers run these on a connection whose
 * authorizer lets Warden's own tables through (eng_catalog_*).
 */
#ifndef WARDEN_UNITS_H
#define WARDEN_UNITS_H

#include <sqlite3.h>

#include "../common/ora_error.h"

/* Create WARDEN$SOURCE and WARDEN$ERRORS, or bring older ones up to date.  0 or -1. */
int units_create_tables(sqlite3 *db);

/* A unit as stored: OWNER, NAME, TYPE ("PROCEDURE", "FUNCTION", "PACKAGE", "PACKAGE BODY"),
 * TEXT, VALID. */
typedef struct unit_row {
    const char *owner, *name, *type, *text;
    int valid;
} unit_row;

/*
 * The unit OWNER.NAME of TYPE (NULL: a procedure, function or package, not a
 * package body): 1 with *TEXT (malloc'ed) and *VALID, 0 when there is none,
 * -1 with ERR.
 */
int units_find(sqlite3 *db, const char *owner, const char *name, const char *type, char **text,
               int *valid, ora_error *err);
/* One compile error of a unit being stored. */
typedef struct unit_message {
    int line, position;
    char text[512]; /* "PLS-00201: identifier 'X' must be declared" */
} unit_message;

/*
 * CREATE [OR REPLACE]: store U (replacing a unit of that name with
 * OR_REPLACE; ORA-00955 when the name is taken otherwise) with its compile
 * errors ERRORS[0..N-1] (none: it compiled, VALID).  Run inside the DDL's
 * transaction, then objects_sync.  0, or -1 with ERR.
 */
int units_store(sqlite3 *db, const unit_row *u, int or_replace, const unit_message *errors, int n,
                ora_error *err);
/* DROP PROCEDURE / FUNCTION / PACKAGE (with its body) / PACKAGE BODY OWNER.NAME: ORA-04043 when
 * there is no such unit. */
int units_drop(sqlite3 *db, const char *owner, const char *name, const char *type,
               ora_error *err);
/* DROP USER CASCADE: every unit of OWNER goes, with its errors.  0, or -1 with ERR. */
int units_drop_owner(sqlite3 *db, const char *owner, ora_error *err);
/* Call FN for every unit (OWNER's only, when not NULL), by owner and name. 0 or -1. */
int units_each(sqlite3 *db, const char *owner, void (*fn)(void *, const unit_row *), void *arg);

/* One compile error of a unit. */
typedef struct unit_error {
    const char *owner, *name, *type, *text;
    int sequence, line, position;
} unit_error;
int units_each_error(sqlite3 *db, const char *owner, void (*fn)(void *, const unit_error *),
                     void *arg);

#endif
