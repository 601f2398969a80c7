/*
 * units.h - naming stored PL/SQL units the way SHOW ERRORS needs them.
 *
 * wsql remembers the last unit a CREATE in this session made (SQL*Plus's
 * SHOW ERRORS with no arguments shows that unit's errors), and SHOW ERRORS
 * TYPE [schema.]name names one.  Both come down to a unit_ref: the type as
 * USER_ERRORS.TYPE spells it, the owner (empty: the session's schema) and
 * the name as the dictionary keeps it (upper case unless quoted).
 */
#ifndef WSQL_UNITS_H
#define WSQL_UNITS_H

typedef struct unit_ref {
    char type[32];   /* "PROCEDURE", "PACKAGE BODY", ... */
    char owner[130]; /* "" = the session's schema */
    char name[130];
} unit_ref;

/*
 * 1 when SQL creates a stored unit: CREATE [OR REPLACE] [[NON]EDITIONABLE]
 * PROCEDURE | FUNCTION | PACKAGE [BODY] | TRIGGER | TYPE [BODY] [schema.]name,
 * with *U filled; else 0.
 */
int unit_created(const char *sql, unit_ref *u);

/*
 * SHOW ERRORS's arguments: TYPE [schema.]name, TYPE one of the object types
 * SQL*Plus accepts there.  0 with *U filled, -1 when ARGS is not that.
 */
int unit_parse_ref(const char *args, unit_ref *u);

#endif
