/*
 * schema_access.h - who may touch which schema: the SQLite authorizer that
 * keeps each user inside their own schema (DBA users excepted) and keeps
 * Warden's own catalog tables (WARDEN$...) out of reach of SQL.
 *
 * Oracle answers ORA-00942 when a user reads or writes another schema's
 * table without a grant, and ORA-01031 for DDL in another schema; the
 * authorizer records which, and the engine reports it.
 */
#ifndef WARDEN_SCHEMA_ACCESS_H
#define WARDEN_SCHEMA_ACCESS_H

#include "../sql/translate.h"

typedef struct schema_access {
    char user[129];
    int any_schema;     /* DBA: may use every schema */
    int dictionary;     /* SELECT ANY DICTIONARY (DBA, SELECT_CATALOG_ROLE): the V$ views */
    int internal;       /* Warden's own catalog statements are running */
    int denied_code;    /* ORA- error of the last denial, 0 if none */
    int denied_offset;
    const sql_stmt *st; /* statement being prepared, for offsets */
} schema_access;

void schema_access_init(schema_access *a, const char *user);
void schema_access_reset(schema_access *a, const sql_stmt *st);
int schema_access_authorize(void *arg, int action, const char *p1, const char *p2,
                            const char *dbname, const char *trigger_or_view);

#endif
