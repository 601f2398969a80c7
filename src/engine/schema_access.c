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
 * privilege of the action (SELECT ANY TABLE, DROP ANY TABLE ...) or the
 * object privilege (SELECT or READ to read, INSERT, UPDATE, DELETE, ALTER;
 * SELECT FOR UPDATE needs SELECT, LOCK TABLE any but READ).  A user holding
 * none of the ANY TABLE privileges and no privilege on the object cannot
 * see it at all, so a refusal there is "does not exist" (ORA-00942,
 * ORA-01418 for an index) rather than ORA-01031, as Oracle answers.
 *
 * A view another schema owns needs SELECT (or READ) on the view only, not
 * on what it reads in its owner's schema.  SQLite reports neither the view
 * itself (for a query that reads none of its columns) nor always which view
 * a read comes from (a view flattened into the query), so the views a
 * statement names are checked before it is prepared, following what each
 * reads (schema_access_reset); the authorizer then lets through the reads
 * of those views in their own schema.  What a view reads in a third schema
 * is checked against the session's own privileges (Oracle checks the view
 * owner's).  The reads the row-locking
 * overlay's triggers make (key and foreign key checks) need nothing: the
 * statement's own action on the table is checked.
 */
#include "schema_access.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/ora_error.h"
#include "../sga/cluster.h"
#include "object_grants.h"
#include "overlay_ddl.h"

/* ---- the session's privileges ---- */

static uint32_t grants_version_now(const schema_access *a)
{
    /* Without an SGA (tools, tests) nothing says when grants change: read them every time. */
    return the_cluster ? cluster_grants_version(the_cluster) : a->grants_seen + 1;
}

/* Is a statement of DB part way through (its read snapshot may predate the newest grants)? */
static int statement_running(sqlite3 *db)
{
    for (sqlite3_stmt *st = sqlite3_next_stmt(db, NULL); st; st = sqlite3_next_stmt(db, st))
        if (sqlite3_stmt_busy(st)) return 1;
    return 0;
}

static void forget_objects(schema_access *a)
{
    for (int i = 0; i < a->nobjects; i++) free(a->objects[i].name);
    free(a->objects);
    a->objects = NULL;
    a->nobjects = 0;
}

void schema_access_close(schema_access *a) { forget_objects(a); }

/* object_grants_each_held's callback: rows come by name, one per privilege and grantee. */
static void hold_object(void *arg, const char *name, unsigned privs)
{
    schema_access *a = arg;
    struct held_object *last = a->nobjects ? &a->objects[a->nobjects - 1] : NULL;
    if (last && !strcmp(last->name, name)) {
        last->privs |= privs;
        return;
    }
    for (int i = 0; i < a->nobjects; i++)
        if (!strcmp(a->objects[i].name, name)) {
            a->objects[i].privs |= privs;
            return;
        }
    a->objects = xrealloc(a->objects, sizeof *a->objects * (size_t)(a->nobjects + 1));
    a->objects[a->nobjects++] = (struct held_object){xstrdup(name), privs};
}

/* The object privileges granted to the user, to PUBLIC and to the roles enabled at logon. */
static int read_object_grants(schema_access *a, sqlite3 *db)
{
    const char *grantees[2 + ROLE_COUNT] = {a->user, "PUBLIC"};
    int n = 2;
    unsigned roles = a->logged_on ? a->logon_roles : a->granted.roles;
    for (int r = 0; r < ROLE_COUNT; r++)
        if (roles & (1u << r)) grantees[n++] = catalog_role_name(r);
    return object_grants_each_held(db, grantees, n, hold_object, a);
}

/* Are the grants just read those of OLD (with its object privileges)? */
static int same_grants(const schema_access *a, const schema_access *old)
{
    if (memcmp(&a->granted, &old->granted, sizeof a->granted) || a->nobjects != old->nobjects)
        return 0;
    for (int i = 0; i < a->nobjects; i++)
        if (strcmp(a->objects[i].name, old->objects[i].name) ||
            a->objects[i].privs != old->objects[i].privs)
            return 0;
    return 1;
}

unsigned schema_access_object_privileges(const schema_access *a, const char *name)
{
    for (int i = 0; name && i < a->nobjects; i++)
        if (!strcmp(a->objects[i].name, name)) return a->objects[i].privs;
    return 0;
}

/* Read the user's grants; *CHANGED (when not NULL): they differ from those held before. */
int schema_access_holds_any(const schema_access *a, const char *owner, const char *name)
{
    char full[300];
    snprintf(full, sizeof full, "%s.%s", owner, name);
    return schema_access_object_privileges(a, full) != 0;
}

static int read_grants(schema_access *a, sqlite3 *db, int *changed)
{
    uint32_t version = grants_version_now(a); /* before the read: a later change reads again */
    schema_access old = *a;
    a->objects = NULL;
    a->nobjects = 0;
    schema_access_catalog(a, 1);
    int rc = catalog_read_grants(db, a->user, &a->granted);
    if (rc == 0) rc = read_object_grants(a, db);
    schema_access_catalog(a, 0);
    if (changed) *changed = !same_grants(a, &old);
    forget_objects(&old);
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
    if (read_grants(a, db, NULL) < 0) return ora_set(err, ORA_INTERNAL, 0, sqlite3_errmsg(db));
    a->logon_roles = a->granted.roles;
    a->role_privs = catalog_role_privileges(a->logon_roles);
    a->logged_on = 1;
    return 0;
}

void schema_access_refresh(schema_access *a, sqlite3 *db)
{
    if (a->admin == ADMIN_SYSOPER) return;
    if (a->grants_current && a->grants_seen == grants_version_now(a)) return;
    int changed = 0;
    read_grants(a, db, &changed);
    /* Statements prepared under the old grants are checked again (SQLite prepares them anew
     * at their next run once the authorizer is set again); running ones go on as they are. */
    if (changed) sqlite3_set_authorizer(db, schema_access_authorize, a);
}

uint64_t schema_access_privileges(const schema_access *a)
{
    if (a->admin == ADMIN_SYSDBA) return PRIV_ALL;
    if (a->admin == ADMIN_SYSOPER) return catalog_sysoper_privileges();
    return a->role_privs | a->granted.privs;
}

/* ---- the authorizer ---- */

enum access_kind { ACCESS_READ, ACCESS_WRITE, ACCESS_DDL };

static int has(const schema_access *a, int priv)
{
    return (schema_access_privileges(a) & PRIV_BIT(priv)) != 0;
}

/* Where the statement's SQLite text names NAME, or NULL. */
static const char *named_at(const schema_access *a, const char *name)
{
    const sql_sqlite_text *text = a->st ? sql_stmt_sqlite_text(a->st) : NULL;
    if (!text || !text->sql || !name) return NULL;
    char quoted[300];
    snprintf(quoted, sizeof quoted, "\"%s\"", name);
    return strstr(text->sql, quoted);
}

/* Where the statement names NAME: a byte offset in its Oracle text, 0 if not named there. */
static int name_offset(const schema_access *a, const char *name)
{
    const char *at = named_at(a, name);
    return at ? sql_map_offset(a->st, (int)(at - sql_stmt_sqlite_text(a->st)->sql)) : 0;
}

/* Does the statement name NAME itself (rather than reach it through a view)?  Without a
 * statement to look at, yes. */
static int named(const schema_access *a, const char *name)
{
    return !a->st || !sql_stmt_sqlite_text(a->st) || named_at(a, name);
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

/* V$X, GV$X, or SYS's views behind them, V_$X and GV_$X. */
static int is_dynamic_view(const char *name)
{
    return !strncmp(name, "V$", 2) || !strncmp(name, "GV$", 3) || !strncmp(name, "V_$", 3) ||
           !strncmp(name, "GV_$", 4);
}

static int view_access(const schema_access *a, const char *name)
{
    if (is_dynamic_view(name)) return VIEW_PRIVILEGED;
    return a->view_access ? a->view_access(name) : VIEW_NONE;
}

/* Does the session hold SELECT (or READ) on SYS's view behind dynamic view NAME (V$X, GV$X,
 * V_$X or GV_$X: SYS.V_$X or SYS.GV_$X), granted to it, PUBLIC or one of its roles? */
static int holds_fixed_view(const schema_access *a, const char *name)
{
    int global = name[0] == 'G';
    const char *x = strchr(name, '$') + 1;
    char sys_name[200];
    snprintf(sys_name, sizeof sys_name, "SYS.%sV_$%s", global ? "G" : "", x);
    return (schema_access_object_privileges(a, sys_name) & (OBJ_BIT(OBJ_SELECT) | OBJ_BIT(OBJ_READ))) != 0;
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
        if (view == VIEW_PRIVILEGED && !has(a, PRIV_SELECT_ANY_DICTIONARY) &&
            !(is_dynamic_view(name) && holds_fixed_view(a, name)))
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
 * OWN_PRIV (-1: nothing), elsewhere ANY_PRIV or one of the object
 * privileges OBJ_PRIVS; a refusal where the caller cannot see the object is
 * HIDDEN_CODE.
 */
static int check_object(schema_access *a, const char *name, enum access_kind kind, int own_priv,
                        int any_priv, unsigned obj_privs, int hidden_code)
{
    if (!name) return SQLITE_OK;
    int rc = check_instance_name(a, name, kind);
    if (rc != -1) return rc;
    if (owns(a, name))
        return own_priv < 0 || has(a, own_priv) ? SQLITE_OK : deny(a, name, ORA_INSUFFICIENT_PRIVS);
    unsigned held = schema_access_object_privileges(a, name);
    if (has(a, any_priv) || (held & obj_privs)) return SQLITE_OK;
    return deny(a, name, sees_other_schemas(a) || held ? ORA_INSUFFICIENT_PRIVS : hidden_code);
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
    if (type == 85) /* TRUNCATE: no object privilege allows it */
        return check_object(a, table, ACCESS_WRITE, -1, PRIV_DROP_ANY_TABLE, 0,
                            ORA_TABLE_NOT_EXIST);
    return check_object(a, table, ACCESS_WRITE, -1, PRIV_DELETE_ANY_TABLE, OBJ_BIT(OBJ_DELETE),
                        ORA_TABLE_NOT_EXIST);
}

/* CREATE INDEX INDEX ON TABLE: free for one's own table in one's own schema; another's table
 * in one's own schema with the INDEX privilege on it. */
static int check_create_index(schema_access *a, const char *index, const char *table)
{
    int rc = check_instance_name(a, table, ACCESS_DDL);
    if (rc != -1) return rc;
    int own_index = !strncmp(index, "sqlite_", 7) || owns(a, index); /* autoindexes: the table's */
    unsigned held = schema_access_object_privileges(a, table);
    if ((own_index && (owns(a, table) || (held & OBJ_BIT(OBJ_INDEX)))) ||
        has(a, PRIV_CREATE_ANY_INDEX))
        return SQLITE_OK;
    return deny(a, table,
                owns(a, table) || held || sees_other_schemas(a) ? ORA_INSUFFICIENT_PRIVS
                                                                : ORA_TABLE_NOT_EXIST);
}

/* The session's own TEMP objects of row locking (overlay_ddl.h, txn.c): write sets, undo logs,
 * staging tables (lower-case prefixes no schema object's name has). */
static int is_overlay_table(const char *name) { return ovl_object_table(name) != NULL; }

/* The object privileges that let the statement read another schema's table: SELECT or READ;
 * SELECT for a SELECT ... FOR UPDATE; any but READ to LOCK TABLE. */
static unsigned read_privileges(const schema_access *a)
{
    if (statement_type(a) == 26) return (OBJ_BIT(OBJ_PRIV_COUNT) - 1) & ~OBJ_BIT(OBJ_READ);
    if (a->st && a->st->kind == SQLK_QUERY && a->st->sqlite.for_update) return OBJ_BIT(OBJ_SELECT);
    return OBJ_BIT(OBJ_SELECT) | OBJ_BIT(OBJ_READ);
}

/* Is NAME's schema the same as OTHER's ("A.T" and "A.V")? */
static int same_schema(const char *name, const char *other)
{
    const char *dot = strchr(name, '.');
    return dot && !strncmp(name, other, (size_t)(dot - name) + 1);
}

static int set_has(const struct name_set *set, const char *name)
{
    for (int i = 0; i < set->n; i++)
        if (!strcmp(set->names[i], name)) return 1;
    return 0;
}

/* Add NAME (a full set leaves it out: what it would allow is then checked). */
static void set_add(struct name_set *set, const char *name)
{
    if (set_has(set, name) || set->n == 16 || strlen(name) >= sizeof set->names[0]) return;
    snprintf(set->names[set->n++], sizeof set->names[0], "%s", name);
}

/* The ANY privilege that lets the statement read another schema's table. */
static int read_any_privilege(const schema_access *a)
{
    return statement_type(a) == 26 ? PRIV_LOCK_ANY_TABLE : PRIV_SELECT_ANY_TABLE;
}

/* A read of TABLE, made by the view VIEW when not NULL (see the top of this file). */
static int check_read(schema_access *a, const char *table, const char *view)
{
    if (view && is_overlay_table(view)) return SQLITE_OK; /* the overlay's key checks */
    if (table && view && strcmp(view, table) && same_schema(table, view) &&
        set_has(&a->views_ok, view))
        return SQLITE_OK;
    /* the same read once more without the view, when SQLite flattened it into the query */
    if (table && set_has(&a->reached, table) && !named(a, table)) return SQLITE_OK;
    return check_object(a, table, ACCESS_READ, -1, read_any_privilege(a), read_privileges(a),
                        ORA_TABLE_NOT_EXIST);
}

/* ---- the statement's views, before it is prepared ---- */

/* The text of view NAME into *SQL (sqlite3_free it): 1, or 0 when NAME is no view. */
static int view_text(schema_access *a, sqlite3 *db, const char *name, char **sql)
{
    schema_access_catalog(a, 1);
    *sql = object_view_text(db, name);
    schema_access_catalog(a, 0);
    return *sql != NULL;
}

/*
 * View NAME, named by the statement or read by one of its views (TRUSTED: by a view of
 * NAME's own schema): unless trusted or the caller's, the caller needs to be able to read
 * it.  Then what it reads in its own schema needs nothing more.  0, or -1 when refused.
 */
static int allow_view(schema_access *a, sqlite3 *db, const char *name, int trusted, int depth)
{
    char *sql;
    if (depth > 8 || set_has(&a->views_ok, name) || view_text(a, db, name, &sql) <= 0) return 0;
    if (!trusted && check_object(a, name, ACCESS_READ, -1, read_any_privilege(a),
                                 read_privileges(a), ORA_TABLE_NOT_EXIST) != SQLITE_OK) {
        sqlite3_free(sql);
        return -1;
    }
    set_add(&a->views_ok, name);
    int rc = 0;
    char read[260];
    for (const char *p = sql; rc == 0 && sql_next_object_name(&p, read, sizeof read);) {
        if (!strcmp(read, name)) continue;
        int own_schema = same_schema(read, name);
        if (own_schema) set_add(&a->reached, read);
        rc = allow_view(a, db, read, own_schema, depth + 1);
    }
    sqlite3_free(sql);
    return rc;
}

/* Does the statement read what it names (a query, DML, LOCK TABLE, CREATE ... AS SELECT)? */
static int reads_named(const sql_stmt *st)
{
    return st->kind == SQLK_QUERY || st->kind == SQLK_DML || st->kind == SQLK_LOCK_TABLE ||
           (st->kind == SQLK_DDL && (st->command_type == 1 || st->command_type == 21));
}

int schema_access_reset(schema_access *a, sqlite3 *db, const sql_stmt *st)
{
    a->denied_code = 0;
    a->denied_offset = 0;
    a->st = st;
    a->views_ok.n = a->reached.n = 0;
    const sql_sqlite_text *text = st ? sql_stmt_sqlite_text(st) : NULL;
    /* Without object privileges, or with the ANY privilege, no read needs letting through:
     * the authorizer alone decides, and no view is looked up. */
    if (!text || !text->sql || !reads_named(st) || !a->nobjects || has(a, read_any_privilege(a)))
        return 0;
    char name[260];
    for (const char *p = text->sql; sql_next_object_name(&p, name, sizeof name);)
        if (allow_view(a, db, name, 0, 0) < 0) return -1;
    return 0;
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
        return check_read(a, p1, trigger_or_view);
    case SQLITE_INSERT:
        return check_object(a, p1, ACCESS_WRITE, -1, PRIV_INSERT_ANY_TABLE, OBJ_BIT(OBJ_INSERT),
                            ORA_TABLE_NOT_EXIST);
    case SQLITE_UPDATE:
        return check_object(a, p1, ACCESS_WRITE, -1, PRIV_UPDATE_ANY_TABLE, OBJ_BIT(OBJ_UPDATE),
                            ORA_TABLE_NOT_EXIST);
    case SQLITE_DELETE:
        return check_delete(a, p1);
    case SQLITE_CREATE_TABLE:
        return check_object(a, p1, ACCESS_DDL, PRIV_CREATE_TABLE, PRIV_CREATE_ANY_TABLE, 0,
                            ORA_INSUFFICIENT_PRIVS);
    case SQLITE_DROP_TABLE:
        return check_object(a, p1, ACCESS_DDL, -1, PRIV_DROP_ANY_TABLE, 0, ORA_TABLE_NOT_EXIST);
    case SQLITE_CREATE_VIEW:
        return check_object(a, p1, ACCESS_DDL, PRIV_CREATE_VIEW, PRIV_CREATE_ANY_VIEW, 0,
                            ORA_INSUFFICIENT_PRIVS);
    case SQLITE_DROP_VIEW:
        return check_object(a, p1, ACCESS_DDL, -1, PRIV_DROP_ANY_VIEW, 0, ORA_TABLE_NOT_EXIST);
    case SQLITE_CREATE_INDEX:
        return p1 && p2 ? check_create_index(a, p1, p2) : deny(a, p1, ORA_INSUFFICIENT_PRIVS);
    case SQLITE_DROP_INDEX:
        return check_object(a, p1, ACCESS_DDL, -1, PRIV_DROP_ANY_INDEX, 0, 1418);
    case SQLITE_ALTER_TABLE:
        return check_object(a, p2, ACCESS_DDL, -1, PRIV_ALTER_ANY_TABLE, OBJ_BIT(OBJ_ALTER),
                            ORA_TABLE_NOT_EXIST);
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
