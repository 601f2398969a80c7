/*
 * schema_access.c - the SQLite authorizer behind schema isolation.
 *
 * Object names reach SQLite as "SCHEMA.NAME" (see src/sql/translate.h).  A
 * name is the caller's when its schema prefix is the caller's user name;
 * DUAL and the V$ views are everyone's; WARDEN$ tables and anything else
 * without a schema prefix belong to the instance itself.
 */
#include "schema_access.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "../common/ora_error.h"

void schema_access_init(schema_access *a, const char *user)
{
    memset(a, 0, sizeof *a);
    snprintf(a->user, sizeof a->user, "%s", user);
}

void schema_access_reset(schema_access *a, const sql_stmt *st)
{
    a->denied_code = 0;
    a->denied_offset = 0;
    a->st = st;
}

static int is_public_name(const char *name)
{
    return strcmp(name, "DUAL") == 0 || strncmp(name, "sqlite_", 7) == 0;
}

static int is_dictionary_view(const char *name)
{
    return strncmp(name, "V$", 2) == 0 || strncmp(name, "GV$", 3) == 0;
}

/* Does the object NAME ("SCHEMA.X") lie in the caller's schema? */
static int owns(const schema_access *a, const char *name)
{
    size_t n = strlen(a->user);
    return strncmp(name, a->user, n) == 0 && name[n] == '.';
}

static int deny(schema_access *a, int code)
{
    if (!a->denied_code) a->denied_code = code;
    return SQLITE_DENY;
}

/* Reads and writes of TABLE: own schema, public names, or a DBA. */
static int check_table(schema_access *a, const char *table, int ddl)
{
    if (!table || is_public_name(table)) return SQLITE_OK;
    if (is_dictionary_view(table)) /* without the privilege they do not exist, as in Oracle */
        return a->dictionary && !ddl ? SQLITE_OK : deny(a, ORA_TABLE_NOT_EXIST);
    if (strncmp(table, "WARDEN$", 7) == 0) return deny(a, ORA_TABLE_NOT_EXIST);
    if (owns(a, table) || a->any_schema) return SQLITE_OK;
    /* Every schema object reaches SQLite as "SCHEMA.NAME"; a name without the prefix
     * (the catalog's were refused above) is a common table expression of the query. */
    if (!strchr(table, '.')) return SQLITE_OK;
    return deny(a, ddl ? ORA_INSUFFICIENT_PRIVS : ORA_TABLE_NOT_EXIST);
}

int schema_access_authorize(void *arg, int action, const char *p1, const char *p2,
                            const char *dbname, const char *trigger_or_view)
{
    schema_access *a = arg;
    if (a->internal) return SQLITE_OK;
    if (dbname && strcmp(dbname, "main") != 0 && strcmp(dbname, "temp") != 0)
        return deny(a, ORA_TABLE_NOT_EXIST);
    switch (action) {
    case SQLITE_READ:
    case SQLITE_INSERT:
    case SQLITE_UPDATE:
    case SQLITE_DELETE:
        return check_table(a, p1, 0);
    case SQLITE_CREATE_TABLE:
    case SQLITE_DROP_TABLE:
    case SQLITE_CREATE_VIEW:
    case SQLITE_DROP_VIEW:
        return check_table(a, p1, 1);
    case SQLITE_CREATE_INDEX:
    case SQLITE_DROP_INDEX:
        return check_table(a, p2, 1) == SQLITE_OK ? check_table(a, p1, 1) : SQLITE_DENY;
    case SQLITE_ALTER_TABLE:
        return check_table(a, p2, 1);
    case SQLITE_ATTACH:
    case SQLITE_DETACH:
    case SQLITE_PRAGMA:
    case SQLITE_CREATE_TRIGGER:
    case SQLITE_CREATE_TEMP_TRIGGER:
    case SQLITE_CREATE_VTABLE:
    case SQLITE_DROP_VTABLE:
        return deny(a, ORA_INSUFFICIENT_PRIVS);
    default:
        return SQLITE_OK;
    }
}
