/*
 * schema_access.c - a session's privileges and the SQLite authorizer that
 * enforces them.
 *
 * Object names reach SQLite as "SCHEMA.NAME" (see src/sql/translate.h).  A
 * name is the caller's when its schema prefix is the caller's user name.
 * Names without a prefix are the instance's: DUAL (read by everyone), the
 * V$ and dictionary views (some need SELECT ANY DICTIONARY), Warden's
 * WARDEN$ tables (never reachable), SQLite's own sqlite_ tables (touched by
 * DDL), and otherwise a WITH query of the statement.
 *
 * Own schema: reads, writes, DROP and ALTER need nothing; CREATE TABLE and
 * CREATE VIEW need those privileges.  Another schema needs the ANY
 * privilege of the action (SELECT ANY TABLE, DROP ANY TABLE ...).  A user
 * holding none of the ANY TABLE privileges cannot see other schemas at all,
 * so a refusal there is "does not exist" (ORA-00942, ORA-01418 for an
 * index) rather than ORA-01031, as Oracle answers.
 */
#include "schema_access.h"

#include <stdio.h>
#include <string.h>

#include "../common/ora_error.h"
#include "../sga/sga.h"

/* ---- the session's privileges ---- */

static uint32_t grants_version_now(const schema_access *a)
{
    /* Without an SGA (tools, tests) nothing says when grants change: read them every time. */
    return the_sga ? sga_grants_version(the_sga) : a->grants_seen + 1;
}

/* Is a statement of DB part way through (its read snapshot may predate the newest grants)? */
static int statement_running(sqlite3 *db)
{
    for (sqlite3_stmt *st = sqlite3_next_stmt(db, NULL); st; st = sqlite3_next_stmt(db, st))
        if (sqlite3_stmt_busy(st)) return 1;
    return 0;
}

static int read_grants(schema_access *a, sqlite3 *db)
{
    uint32_t version = grants_version_now(a); /* before the read: a later change reads again */
    schema_access_catalog(a, 1);
    int rc = catalog_read_grants(db, a->user, &a->granted);
    schema_access_catalog(a, 0);
    a->grants_seen = version;
    a->grants_current = rc == 0 && !statement_running(db);
    return rc;
}

int schema_access_logon(schema_access *a, sqlite3 *db, const char *user, int admin,
                        int (*view_access)(const char *), ora_error *err)
{
    memset(a, 0, sizeof *a);
    snprintf(a->user, sizeof a->user, "%s", user);
    a->admin = admin;
    a->view_access = view_access;
    if (admin == ADMIN_SYSOPER) return 0; /* the PUBLIC session: SYSOPER's privileges only */
    if (!admin) {                         /* dropped since the password was checked? */
        catalog_user u;
        int found = catalog_find_user(db, user, &u);
        if (found < 0) return ora_set(err, ORA_INTERNAL, 0, sqlite3_errmsg(db));
        if (!found) return ora_set(err, ORA_INVALID_LOGON, 0);
    }
    if (read_grants(a, db) < 0) return ora_set(err, ORA_INTERNAL, 0, sqlite3_errmsg(db));
    a->logon_roles = a->granted.roles;
    a->role_privs = catalog_role_privileges(a->logon_roles);
    return 0;
}

void schema_access_refresh(schema_access *a, sqlite3 *db)
{
    if (a->admin == ADMIN_SYSOPER) return;
    if (a->grants_current && a->grants_seen == grants_version_now(a)) return;
    read_grants(a, db);
}

uint64_t schema_access_privileges(const schema_access *a)
{
    if (a->admin == ADMIN_SYSDBA) return PRIV_ALL;
    if (a->admin == ADMIN_SYSOPER) return catalog_sysoper_privileges();
    return a->role_privs | a->granted.privs;
}

/* ---- the authorizer ---- */

enum access_kind { ACCESS_READ, ACCESS_WRITE, ACCESS_DDL };

void schema_access_reset(schema_access *a, const sql_stmt *st)
{
    a->denied_code = 0;
    a->denied_offset = 0;
    a->st = st;
}

static int has(const schema_access *a, int priv)
{
    return (schema_access_privileges(a) & PRIV_BIT(priv)) != 0;
}

/* Where the statement names NAME: a byte offset in its Oracle text, 0 if not named there. */
static int name_offset(const schema_access *a, const char *name)
{
    const sql_sqlite_text *text = a->st ? sql_stmt_sqlite_text(a->st) : NULL;
    if (!text || !text->sql || !name) return 0;
    char quoted[300];
    snprintf(quoted, sizeof quoted, "\"%s\"", name);
    const char *at = strstr(text->sql, quoted);
    return at ? sql_map_offset(a->st, (int)(at - text->sql)) : 0;
}

/* Refuse the action on NAME with ORA-CODE (the first refusal of a statement is reported). */
static int deny(schema_access *a, const char *name, int code)
{
    if (!a->denied_code) {
        a->denied_code = code;
        a->denied_offset = name_offset(a, name);
    }
    return SQLITE_DENY;
}

/* Does the object NAME ("SCHEMA.X") lie in the caller's schema? */
static int owns(const schema_access *a, const char *name)
{
    size_t n = strlen(a->user);
    return strncmp(name, a->user, n) == 0 && name[n] == '.';
}

/* Can the caller see other schemas' tables at all? */
static int sees_other_schemas(const schema_access *a)
{
    const uint64_t any_table = PRIV_BIT(PRIV_SELECT_ANY_TABLE) | PRIV_BIT(PRIV_INSERT_ANY_TABLE) |
                               PRIV_BIT(PRIV_UPDATE_ANY_TABLE) | PRIV_BIT(PRIV_DELETE_ANY_TABLE) |
                               PRIV_BIT(PRIV_ALTER_ANY_TABLE) | PRIV_BIT(PRIV_DROP_ANY_TABLE) |
                               PRIV_BIT(PRIV_LOCK_ANY_TABLE);
    return (schema_access_privileges(a) & any_table) != 0;
}

static int view_access(const schema_access *a, const char *name)
{
    if (!strncmp(name, "V$", 2) || !strncmp(name, "GV$", 3)) return VIEW_PRIVILEGED;
    return a->view_access ? a->view_access(name) : VIEW_NONE;
}

/*
 * A name no schema owns (see the top of this file): SQLITE_OK or
 * SQLITE_DENY, or -1 when NAME is a schema object.
 */
static int check_instance_name(schema_access *a, const char *name, enum access_kind kind)
{
    if (!strncmp(name, "WARDEN$", 7)) return deny(a, name, ORA_TABLE_NOT_EXIST);
    if (!strncmp(name, "sqlite_", 7)) return SQLITE_OK; /* DDL's bookkeeping, autoindexes */
    int view = view_access(a, name);
    if (view != VIEW_NONE) {
        /* without the privilege they do not exist, as in Oracle */
        if (view == VIEW_PRIVILEGED && !has(a, PRIV_SELECT_ANY_DICTIONARY))
            return deny(a, name, ORA_TABLE_NOT_EXIST);
        if (kind == ACCESS_WRITE) return deny(a, name, 2030);
        return kind == ACCESS_READ ? SQLITE_OK : deny(a, name, ORA_INSUFFICIENT_PRIVS);
    }
    if (strchr(name, '.')) return -1;
    /* DUAL, or a WITH query of the statement: read only */
    return kind == ACCESS_READ ? SQLITE_OK : deny(a, name, ORA_INSUFFICIENT_PRIVS);
}

/*
 * An action on the schema object NAME: in the caller's schema it needs
 * OWN_PRIV (-1: nothing), elsewhere ANY_PRIV; a refusal where the caller
 * cannot see other schemas is HIDDEN_CODE.
 */
static int check_object(schema_access *a, const char *name, enum access_kind kind, int own_priv,
                        int any_priv, int hidden_code)
{
    if (!name) return SQLITE_OK;
    int rc = check_instance_name(a, name, kind);
    if (rc != -1) return rc;
    if (owns(a, name))
        return own_priv < 0 || has(a, own_priv) ? SQLITE_OK : deny(a, name, ORA_INSUFFICIENT_PRIVS);
    if (has(a, any_priv)) return SQLITE_OK;
    return deny(a, name, sees_other_schemas(a) ? ORA_INSUFFICIENT_PRIVS : hidden_code);
}

static int statement_type(const schema_access *a)
{
    return a->st ? a->st->command_type : 0;
}

/* DELETE: a TRUNCATE needs DROP ANY TABLE elsewhere; DROP TABLE/VIEW empties what it drops. */
static int check_delete(schema_access *a, const char *table)
{
    int type = statement_type(a);
    if ((type == 12 || type == 22) && table && strchr(table, '.')) return SQLITE_OK;
    int any = type == 85 ? PRIV_DROP_ANY_TABLE : PRIV_DELETE_ANY_TABLE;
    return check_object(a, table, ACCESS_WRITE, -1, any, ORA_TABLE_NOT_EXIST);
}

/* CREATE INDEX INDEX ON TABLE: free for one's own table in one's own schema. */
static int check_create_index(schema_access *a, const char *index, const char *table)
{
    int rc = check_instance_name(a, table, ACCESS_DDL);
    if (rc != -1) return rc;
    int own_index = !strncmp(index, "sqlite_", 7) || owns(a, index); /* autoindexes: the table's */
    if ((own_index && owns(a, table)) || has(a, PRIV_CREATE_ANY_INDEX)) return SQLITE_OK;
    return deny(a, table,
                owns(a, table) || sees_other_schemas(a) ? ORA_INSUFFICIENT_PRIVS
                                                        : ORA_TABLE_NOT_EXIST);
}

/* The session's own TEMP objects of row locking (overlay_ddl.h, txn.c): write sets, undo logs,
 * staging tables (lower-case prefixes no schema object's name has). */
static int is_overlay_table(const char *name)
{
    return name && (!strncmp(name, "ws$", 3) || !strncmp(name, "wu$", 3) || !strncmp(name, "wi$", 3));
}

int schema_access_authorize(void *arg, int action, const char *p1, const char *p2,
                            const char *dbname, const char *trigger_or_view)
{
    schema_access *a = arg;
    if (a->internal > 0) return SQLITE_OK;
    /* The overlay's tables and functions serve its triggers (user SQL cannot name them). */
    if ((action == SQLITE_READ || action == SQLITE_INSERT || action == SQLITE_UPDATE ||
         action == SQLITE_DELETE) && is_overlay_table(p1))
        return SQLITE_OK;
    if (action == SQLITE_FUNCTION && p2 && !strncmp(p2, "ovl$", 4))
        return trigger_or_view ? SQLITE_OK : deny(a, NULL, ORA_INVALID_IDENTIFIER);
    if (dbname && strcmp(dbname, "main") != 0 && strcmp(dbname, "temp") != 0)
        return deny(a, NULL, ORA_TABLE_NOT_EXIST);
    switch (action) {
    case SQLITE_READ: /* LOCK TABLE's probe reads: locking needs LOCK ANY TABLE */
        return check_object(a, p1, ACCESS_READ, -1,
                            statement_type(a) == 26 ? PRIV_LOCK_ANY_TABLE : PRIV_SELECT_ANY_TABLE,
                            ORA_TABLE_NOT_EXIST);
    case SQLITE_INSERT:
        return check_object(a, p1, ACCESS_WRITE, -1, PRIV_INSERT_ANY_TABLE, ORA_TABLE_NOT_EXIST);
    case SQLITE_UPDATE:
        return check_object(a, p1, ACCESS_WRITE, -1, PRIV_UPDATE_ANY_TABLE, ORA_TABLE_NOT_EXIST);
    case SQLITE_DELETE:
        return check_delete(a, p1);
    case SQLITE_CREATE_TABLE:
        return check_object(a, p1, ACCESS_DDL, PRIV_CREATE_TABLE, PRIV_CREATE_ANY_TABLE,
                            ORA_INSUFFICIENT_PRIVS);
    case SQLITE_DROP_TABLE:
        return check_object(a, p1, ACCESS_DDL, -1, PRIV_DROP_ANY_TABLE, ORA_TABLE_NOT_EXIST);
    case SQLITE_CREATE_VIEW:
        return check_object(a, p1, ACCESS_DDL, PRIV_CREATE_VIEW, PRIV_CREATE_ANY_VIEW,
                            ORA_INSUFFICIENT_PRIVS);
    case SQLITE_DROP_VIEW:
        return check_object(a, p1, ACCESS_DDL, -1, PRIV_DROP_ANY_VIEW, ORA_TABLE_NOT_EXIST);
    case SQLITE_CREATE_INDEX:
        return p1 && p2 ? check_create_index(a, p1, p2) : deny(a, p1, ORA_INSUFFICIENT_PRIVS);
    case SQLITE_DROP_INDEX:
        return check_object(a, p1, ACCESS_DDL, -1, PRIV_DROP_ANY_INDEX, 1418);
    case SQLITE_ALTER_TABLE:
        return check_object(a, p2, ACCESS_DDL, -1, PRIV_ALTER_ANY_TABLE, ORA_TABLE_NOT_EXIST);
    case SQLITE_ATTACH:
    case SQLITE_DETACH:
    case SQLITE_PRAGMA:
    case SQLITE_CREATE_TRIGGER:
    case SQLITE_CREATE_TEMP_TRIGGER:
    case SQLITE_CREATE_TEMP_TABLE:
    case SQLITE_CREATE_TEMP_VIEW:
    case SQLITE_CREATE_TEMP_INDEX:
    case SQLITE_CREATE_VTABLE:
    case SQLITE_DROP_VTABLE:
        return deny(a, NULL, ORA_INSUFFICIENT_PRIVS);
    default:
        return SQLITE_OK;
    }
}
