/*
 * catalog.c - users, privileges and roles kept in WARDEN$ tables.
 *
 * Roles are fixed, as in a fresh Oracle 19c database: CONNECT gives CREATE
 * SESSION; RESOURCE gives CREATE TABLE, SEQUENCE, PROCEDURE, TRIGGER, TYPE,
 * CLUSTER, INDEXTYPE and OPERATOR (not CREATE VIEW); SELECT_CATALOG_ROLE
 * gives SELECT ANY DICTIONARY; DBA holds every system privilege.  Every
 * grant is a row (grantee, name) of WARDEN$GRANTS; SYS holds SYSDBA and
 * SYSOPER without one.
 *
 * Profiles are rows (profile, resource, limit) of WARDEN$PROFILES, one for
 * every resource of every profile, as DBA_PROFILES lists them; a user's
 * profile is WARDEN$USERS.PROFILE.  The DEFAULT profile holds Oracle 19c's
 * initial limits.  The limits are stored and shown, not enforced yet.
 */
#include "catalog.h"

#include <stdio.h>
#include <string.h>

#include "../sql/translate.h"
#include "object_grants.h"
#include "objects.h"
#include "sequences.h"
#include "units.h"

static const char *const catalog_ddl =
    "CREATE TABLE WARDEN$USERS ("
    "  USER_ID INTEGER PRIMARY KEY, NAME TEXT NOT NULL UNIQUE, SALT BLOB NOT NULL,"
    "  ITERATIONS INTEGER NOT NULL, VERIFIER BLOB NOT NULL, LOCKED INTEGER NOT NULL DEFAULT 0,"
    "  CREATED TEXT NOT NULL DEFAULT (datetime('now','localtime')),"
    "  PROFILE TEXT NOT NULL DEFAULT 'DEFAULT');"
    "CREATE TABLE WARDEN$GRANTS (GRANTEE TEXT NOT NULL, PRIV TEXT NOT NULL,"
    "  PRIMARY KEY (GRANTEE, PRIV)) WITHOUT ROWID;"
    "CREATE TABLE DUAL (DUMMY VARCHAR2(1));"
    "INSERT INTO DUAL VALUES ('X');";

static const char *const profile_ddl =
    "CREATE TABLE IF NOT EXISTS WARDEN$PROFILES (PROFILE TEXT NOT NULL,"
    "  RESOURCE_NAME TEXT NOT NULL, LIMIT_VALUE TEXT NOT NULL,"
    "  PRIMARY KEY (PROFILE, RESOURCE_NAME)) WITHOUT ROWID;";

static const char *const priv_names[PRIV_COUNT] = {
    [PRIV_CREATE_SESSION] = "CREATE SESSION",
    [PRIV_ALTER_SESSION] = "ALTER SESSION",
    [PRIV_RESTRICTED_SESSION] = "RESTRICTED SESSION",
    [PRIV_ALTER_SYSTEM] = "ALTER SYSTEM",
    [PRIV_CREATE_USER] = "CREATE USER",
    [PRIV_ALTER_USER] = "ALTER USER",
    [PRIV_DROP_USER] = "DROP USER",
    [PRIV_GRANT_ANY_PRIVILEGE] = "GRANT ANY PRIVILEGE",
    [PRIV_GRANT_ANY_ROLE] = "GRANT ANY ROLE",
    [PRIV_SELECT_ANY_DICTIONARY] = "SELECT ANY DICTIONARY",
    [PRIV_CREATE_TABLE] = "CREATE TABLE",
    [PRIV_CREATE_ANY_TABLE] = "CREATE ANY TABLE",
    [PRIV_ALTER_ANY_TABLE] = "ALTER ANY TABLE",
    [PRIV_DROP_ANY_TABLE] = "DROP ANY TABLE",
    [PRIV_SELECT_ANY_TABLE] = "SELECT ANY TABLE",
    [PRIV_INSERT_ANY_TABLE] = "INSERT ANY TABLE",
    [PRIV_UPDATE_ANY_TABLE] = "UPDATE ANY TABLE",
    [PRIV_DELETE_ANY_TABLE] = "DELETE ANY TABLE",
    [PRIV_LOCK_ANY_TABLE] = "LOCK ANY TABLE",
    [PRIV_CREATE_VIEW] = "CREATE VIEW",
    [PRIV_CREATE_ANY_VIEW] = "CREATE ANY VIEW",
    [PRIV_DROP_ANY_VIEW] = "DROP ANY VIEW",
    [PRIV_CREATE_ANY_INDEX] = "CREATE ANY INDEX",
    [PRIV_ALTER_ANY_INDEX] = "ALTER ANY INDEX",
    [PRIV_DROP_ANY_INDEX] = "DROP ANY INDEX",
    [PRIV_CREATE_SEQUENCE] = "CREATE SEQUENCE",
    [PRIV_CREATE_PROCEDURE] = "CREATE PROCEDURE",
    [PRIV_CREATE_TRIGGER] = "CREATE TRIGGER",
    [PRIV_CREATE_TYPE] = "CREATE TYPE",
    [PRIV_CREATE_CLUSTER] = "CREATE CLUSTER",
    [PRIV_CREATE_INDEXTYPE] = "CREATE INDEXTYPE",
    [PRIV_CREATE_OPERATOR] = "CREATE OPERATOR",
    [PRIV_CREATE_SYNONYM] = "CREATE SYNONYM",
    [PRIV_CREATE_PROFILE] = "CREATE PROFILE",
    [PRIV_ALTER_PROFILE] = "ALTER PROFILE",
    [PRIV_DROP_PROFILE] = "DROP PROFILE",
    [PRIV_UNLIMITED_TABLESPACE] = "UNLIMITED TABLESPACE",
    [PRIV_CREATE_ANY_PROCEDURE] = "CREATE ANY PROCEDURE",
    [PRIV_ALTER_ANY_PROCEDURE] = "ALTER ANY PROCEDURE",
    [PRIV_DROP_ANY_PROCEDURE] = "DROP ANY PROCEDURE",
    [PRIV_EXECUTE_ANY_PROCEDURE] = "EXECUTE ANY PROCEDURE",
    [PRIV_CREATE_ANY_SEQUENCE] = "CREATE ANY SEQUENCE",
    [PRIV_ALTER_ANY_SEQUENCE] = "ALTER ANY SEQUENCE",
    [PRIV_DROP_ANY_SEQUENCE] = "DROP ANY SEQUENCE",
    [PRIV_SELECT_ANY_SEQUENCE] = "SELECT ANY SEQUENCE",
    [PRIV_GRANT_ANY_OBJECT_PRIVILEGE] = "GRANT ANY OBJECT PRIVILEGE",
    [PRIV_COMMENT_ANY_TABLE] = "COMMENT ANY TABLE",
};

static const char *const role_names[ROLE_COUNT] = {
    [ROLE_CONNECT] = "CONNECT",
    [ROLE_RESOURCE] = "RESOURCE",
    [ROLE_DBA] = "DBA",
    [ROLE_SELECT_CATALOG] = "SELECT_CATALOG_ROLE",
};

/* Oracle 19c's roles; RESOURCE has no CREATE VIEW (grant it on its own). */
static const uint64_t role_privs[ROLE_COUNT] = {
    [ROLE_CONNECT] = PRIV_BIT(PRIV_CREATE_SESSION),
    [ROLE_RESOURCE] = PRIV_BIT(PRIV_CREATE_TABLE) | PRIV_BIT(PRIV_CREATE_SEQUENCE) |
                      PRIV_BIT(PRIV_CREATE_PROCEDURE) | PRIV_BIT(PRIV_CREATE_TRIGGER) |
                      PRIV_BIT(PRIV_CREATE_TYPE) | PRIV_BIT(PRIV_CREATE_CLUSTER) |
                      PRIV_BIT(PRIV_CREATE_INDEXTYPE) | PRIV_BIT(PRIV_CREATE_OPERATOR),
    [ROLE_DBA] = PRIV_ALL,
    [ROLE_SELECT_CATALOG] = PRIV_BIT(PRIV_SELECT_ANY_DICTIONARY),
};

static const char *const admin_names[ADMIN_COUNT] = {
    [ADMIN_NONE] = "",
    [ADMIN_SYSDBA] = "SYSDBA",
    [ADMIN_SYSOPER] = "SYSOPER",
};

const char *catalog_priv_name(int priv) { return priv_names[priv]; }
const char *catalog_role_name(int role) { return role_names[role]; }

static int find_name(const char *const *names, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (names[i][0] && !strcmp(names[i], name)) return i;
    return -1;
}

enum catalog_grant_kind catalog_grant_kind(const char *name, int *index)
{
    if ((*index = find_name(priv_names, PRIV_COUNT, name)) >= 0) return GRANT_SYSTEM;
    if ((*index = find_name(role_names, ROLE_COUNT, name)) >= 0) return GRANT_ROLE;
    if ((*index = find_name(admin_names, ADMIN_COUNT, name)) >= 0) return GRANT_ADMIN;
    return GRANT_UNKNOWN;
}

uint64_t catalog_role_privileges(unsigned roles)
{
    uint64_t privs = 0;
    for (int r = 0; r < ROLE_COUNT; r++)
        if (roles & (1u << r)) privs |= role_privs[r];
    return privs;
}

uint64_t catalog_sysoper_privileges(void)
{
    return PRIV_BIT(PRIV_CREATE_SESSION) | PRIV_BIT(PRIV_RESTRICTED_SESSION);
}

static int is_role(const char *name)
{
    return find_name(role_names, ROLE_COUNT, name) >= 0;
}

static int fail(sqlite3 *db, ora_error *err)
{
    return ora_set(err, ORA_INTERNAL, 0, sqlite3_errmsg(db));
}

/* Prepare SQL and bind the NULL-terminated text arguments. */
static sqlite3_stmt *prepare(sqlite3 *db, const char *sql, const char *a, const char *b)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return NULL;
    if (a) sqlite3_bind_text(st, 1, a, -1, SQLITE_TRANSIENT);
    if (b) sqlite3_bind_text(st, 2, b, -1, SQLITE_TRANSIENT);
    return st;
}

/* Does the query SQL (text arguments A, B) return a row? */
static int has_row(sqlite3 *db, const char *sql, const char *a, const char *b)
{
    sqlite3_stmt *st = prepare(db, sql, a, b);
    if (!st) return 0;
    int yes = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return yes;
}

/* Run a statement that returns no rows; 0 on success, SQLite code otherwise. */
static int run(sqlite3 *db, const char *sql, const char *a, const char *b)
{
    sqlite3_stmt *st = prepare(db, sql, a, b);
    if (!st) return SQLITE_ERROR;
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : rc;
}

static int store_user(sqlite3 *db, const char *name, const char *password, int update)
{
    o5_verifier v;
    if (o5_make_verifier(password, NULL, O5_VGEN_COUNT, &v) != 0) return SQLITE_ERROR;
    const char *sql = update ? "UPDATE WARDEN$USERS SET SALT=?2, ITERATIONS=?3, VERIFIER=?4 "
                               "WHERE NAME=?1"
                             : "INSERT INTO WARDEN$USERS (NAME, SALT, ITERATIONS, VERIFIER) "
                               "VALUES (?1, ?2, ?3, ?4)";
    sqlite3_stmt *st = prepare(db, sql, name, NULL);
    if (!st) return SQLITE_ERROR;
    sqlite3_bind_blob(st, 2, v.salt, sizeof v.salt, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, v.iterations);
    sqlite3_bind_blob(st, 4, v.v, sizeof v.v, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : rc;
}

/* ---- profiles ---- */

/* The DEFAULT profile's limits in a new Oracle 19c database. */
static const char *initial_default_limit(const char *resource)
{
    static const struct {
        const char *resource, *limit;
    } set[] = {
        {"FAILED_LOGIN_ATTEMPTS", "10"}, {"PASSWORD_LIFE_TIME", "180"},
        {"PASSWORD_LOCK_TIME", "1"},     {"PASSWORD_GRACE_TIME", "7"},
        {"PASSWORD_VERIFY_FUNCTION", "NULL"}, {"PASSWORD_ROLLOVER_TIME", "0"},
    };
    for (size_t i = 0; i < sizeof set / sizeof set[0]; i++)
        if (!strcmp(set[i].resource, resource)) return set[i].limit;
    return "UNLIMITED";
}

/* A row for every resource of profile NAME: the DEFAULT profile's first limits, else DEFAULT. */
static int insert_profile(sqlite3 *db, const char *name)
{
    int is_default = !strcmp(name, "DEFAULT");
    for (int i = 0; sql_profile_resources[i].name; i++) {
        const char *resource = sql_profile_resources[i].name;
        sqlite3_stmt *st = prepare(db, "INSERT INTO WARDEN$PROFILES VALUES (?1, ?2, ?3)", name,
                                   resource);
        if (!st) return SQLITE_ERROR;
        sqlite3_bind_text(st, 3, is_default ? initial_default_limit(resource) : "DEFAULT", -1,
                          SQLITE_STATIC);
        int rc = sqlite3_step(st);
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE) return rc;
    }
    return 0;
}

static int profile_exists(sqlite3 *db, const char *name)
{
    return has_row(db, "SELECT 1 FROM WARDEN$PROFILES WHERE PROFILE = ?1", name, NULL);
}

/* Profiles in a catalog made before they were kept: the tables, and DEFAULT. 0 or -1. */
static int add_profiles(sqlite3 *db)
{
    sqlite3_stmt *probe = NULL;
    if (sqlite3_prepare_v2(db, "SELECT PROFILE FROM WARDEN$USERS", -1, &probe, NULL) != SQLITE_OK &&
        sqlite3_exec(db, "ALTER TABLE WARDEN$USERS ADD COLUMN PROFILE TEXT NOT NULL DEFAULT "
                         "'DEFAULT'",
                     NULL, NULL, NULL) != SQLITE_OK)
        return -1;
    sqlite3_finalize(probe);
    if (sqlite3_exec(db, profile_ddl, NULL, NULL, NULL) != SQLITE_OK) return -1;
    return profile_exists(db, "DEFAULT") || insert_profile(db, "DEFAULT") == 0 ? 0 : -1;
}

int catalog_create_profile(sqlite3 *db, const char *name, ora_error *err)
{
    if (profile_exists(db, name)) return ora_set(err, 2379, 0, name);
    return insert_profile(db, name) == 0 ? 0 : fail(db, err);
}

int catalog_check_profile(sqlite3 *db, const char *name, ora_error *err)
{
    return profile_exists(db, name) ? 0 : ora_set(err, 2380, 0, name);
}

int catalog_set_profile_limit(sqlite3 *db, const char *name, const char *resource,
                              const char *limit, ora_error *err)
{
    sqlite3_stmt *st = prepare(
        db, "UPDATE WARDEN$PROFILES SET LIMIT_VALUE = ?3 WHERE PROFILE = ?1 AND RESOURCE_NAME = ?2",
        name, resource);
    if (!st) return fail(db, err);
    sqlite3_bind_text(st, 3, limit, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : fail(db, err);
}

int catalog_drop_profile(sqlite3 *db, const char *name, int cascade, ora_error *err)
{
    if (!strcmp(name, "DEFAULT")) return ora_set(err, 2381, 0, "PUBLIC_DEFAULT");
    if (catalog_check_profile(db, name, err) < 0) return -1;
    if (has_row(db, "SELECT 1 FROM WARDEN$USERS WHERE PROFILE = ?1", name, NULL)) {
        if (!cascade) return ora_set(err, 2382, 0, name);
        if (run(db, "UPDATE WARDEN$USERS SET PROFILE = 'DEFAULT' WHERE PROFILE = ?1", name,
                NULL) != 0)
            return fail(db, err);
    }
    return run(db, "DELETE FROM WARDEN$PROFILES WHERE PROFILE = ?1", name, NULL) == 0
               ? 0
               : fail(db, err);
}

int catalog_each_profile_limit(sqlite3 *db,
                               void (*fn)(void *, const char *profile, const char *resource,
                                          const char *limit),
                               void *arg)
{
    sqlite3_stmt *st = prepare(db,
                               "SELECT PROFILE, RESOURCE_NAME, LIMIT_VALUE FROM WARDEN$PROFILES "
                               "ORDER BY PROFILE, RESOURCE_NAME",
                               NULL, NULL);
    if (!st) return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        fn(arg, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
           (const char *)sqlite3_column_text(st, 2));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* ---- the catalog ---- */

/* The write lock first (waiting for it as any writer does): what is read is then current. */
int catalog_change_begin(sqlite3 *db, ora_error *err)
{
    return sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK ? 0 : fail(db, err);
}

int catalog_change_end(sqlite3 *db, int rc, ora_error *err)
{
    if (sqlite3_get_autocommit(db)) return rc; /* BEGIN failed: nothing to end */
    if (rc < 0) {
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        object_grants_settle(0);
        return -1;
    }
    rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK ? 0 : fail(db, err);
    object_grants_settle(rc == 0);
    return rc;
}

int catalog_create(sqlite3 *db, const char *password, ora_error *err)
{
    if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) return fail(db, err);
    int ok = sqlite3_exec(db, catalog_ddl, NULL, NULL, NULL) == SQLITE_OK &&
             add_profiles(db) == 0 &&
             store_user(db, "SYS", password, 0) == 0 &&
             store_user(db, "SYSTEM", password, 0) == 0 &&
             run(db, "INSERT INTO WARDEN$GRANTS VALUES ('SYS','DBA'),('SYSTEM','DBA')", NULL,
                 NULL) == 0 &&
             objects_sync(db, NULL) == 0;
    if (!ok) {
        fail(db, err);
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    return sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK ? 0 : fail(db, err);
}

int catalog_find_user(sqlite3 *db, const char *name, catalog_user *u)
{
    sqlite3_stmt *st = prepare(
        db, "SELECT USER_ID, NAME, SALT, ITERATIONS, VERIFIER, LOCKED FROM WARDEN$USERS "
            "WHERE NAME = ?1",
        name, NULL);
    if (!st) return -1;
    int rc = sqlite3_step(st);
    int found = 0;
    if (rc == SQLITE_ROW && sqlite3_column_bytes(st, 2) == O5_SALT_LEN &&
        sqlite3_column_bytes(st, 4) == O5_VERIFIER_LEN) {
        memset(u, 0, sizeof *u);
        u->user_id = sqlite3_column_int(st, 0);
        snprintf(u->name, sizeof u->name, "%s", (const char *)sqlite3_column_text(st, 1));
        memcpy(u->verifier.salt, sqlite3_column_blob(st, 2), O5_SALT_LEN);
        u->verifier.iterations = (uint32_t)sqlite3_column_int64(st, 3);
        memcpy(u->verifier.v, sqlite3_column_blob(st, 4), O5_VERIFIER_LEN);
        u->locked = sqlite3_column_int(st, 5);
        found = 1;
    } else if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        found = -1;
    }
    sqlite3_finalize(st);
    return found;
}

static int granted(sqlite3 *db, const char *user, const char *priv)
{
    return has_row(db, "SELECT 1 FROM WARDEN$GRANTS WHERE GRANTEE = ?1 AND PRIV = ?2", user, priv);
}

/* Fold one stored grant NAME into G (names Warden no longer knows are left out). */
static void add_grant(catalog_grants *g, const char *name)
{
    int i;
    switch (catalog_grant_kind(name, &i)) {
    case GRANT_SYSTEM: g->privs |= PRIV_BIT(i); break;
    case GRANT_ROLE: g->roles |= 1u << i; break;
    case GRANT_ADMIN: g->admin |= 1u << i; break;
    default: break;
    }
}

int catalog_read_grants(sqlite3 *db, const char *user, catalog_grants *g)
{
    memset(g, 0, sizeof *g);
    /* SYS always holds SYSDBA and SYSOPER, as Oracle's password file always lists it. */
    if (!strcmp(user, "SYS")) g->admin = 1u << ADMIN_SYSDBA | 1u << ADMIN_SYSOPER;
    sqlite3_stmt *st = prepare(db, "SELECT PRIV FROM WARDEN$GRANTS WHERE GRANTEE = ?1", user, NULL);
    if (!st) return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        add_grant(g, (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int catalog_has_privilege(sqlite3 *db, const char *user, int priv)
{
    catalog_grants g;
    if (catalog_read_grants(db, user, &g) < 0) return 0;
    return ((g.privs | catalog_role_privileges(g.roles)) & PRIV_BIT(priv)) != 0;
}

int catalog_has_admin(sqlite3 *db, const char *user, int admin)
{
    catalog_grants g;
    if (catalog_read_grants(db, user, &g) < 0) return 0;
    return (g.admin & 1u << admin) != 0;
}

int catalog_each_user(sqlite3 *db, const char *only, void (*fn)(void *, const catalog_user_row *),
                      void *arg)
{
    sqlite3_stmt *st =
        prepare(db,
                "SELECT USER_ID, NAME, LOCKED, CAST(strftime('%s', CREATED, 'utc') AS INTEGER), "
                "PROFILE FROM WARDEN$USERS WHERE ?1 IS NULL OR NAME = ?1 ORDER BY USER_ID",
                only, NULL);
    if (!st) return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        catalog_user_row u = {sqlite3_column_int(st, 0), (const char *)sqlite3_column_text(st, 1),
                              sqlite3_column_int(st, 2), (time_t)sqlite3_column_int64(st, 3),
                              (const char *)sqlite3_column_text(st, 4)};
        fn(arg, &u);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int catalog_each_grant(sqlite3 *db, const char *only,
                       void (*fn)(void *, const char *grantee, const char *name), void *arg)
{
    sqlite3_stmt *st = prepare(db,
                               "SELECT GRANTEE, PRIV FROM WARDEN$GRANTS WHERE ?1 IS NULL OR "
                               "GRANTEE = ?1 ORDER BY GRANTEE, PRIV",
                               only, NULL);
    if (!st) return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        fn(arg, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int catalog_database_info(sqlite3 *db, uint64_t *dbid, time_t *created)
{
    uint8_t r[4];
    if (o5_random(r, sizeof r) < 0) return -1;
    uint64_t fresh = ((uint64_t)r[0] << 24 | r[1] << 16 | r[2] << 8 | r[3]) % 4000000000u + 1;
    char sql[300];
    snprintf(sql, sizeof sql,
             "CREATE TABLE IF NOT EXISTS WARDEN$DATABASE (DBID INTEGER NOT NULL, CREATED INTEGER "
             "NOT NULL); INSERT INTO WARDEN$DATABASE SELECT %llu, strftime('%%s','now') WHERE "
             "NOT EXISTS (SELECT 1 FROM WARDEN$DATABASE)",
             (unsigned long long)fresh);
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK || add_profiles(db) < 0 ||
        objects_sync(db, NULL) < 0) /* a database made before these */
        return -1;
    sqlite3_stmt *st = prepare(db, "SELECT DBID, CREATED FROM WARDEN$DATABASE", NULL, NULL);
    if (!st) return -1;
    int rc = sqlite3_step(st) == SQLITE_ROW ? 0 : -1;
    if (rc == 0) {
        *dbid = (uint64_t)sqlite3_column_int64(st, 0);
        *created = (time_t)sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    return rc;
}

static int user_exists(sqlite3 *db, const char *name)
{
    catalog_user u;
    return catalog_find_user(db, name, &u) == 1;
}

/* Give user NAME profile PROFILE (NULL: leave it). */
static int set_user_profile(sqlite3 *db, const char *name, const char *profile)
{
    if (!profile) return 0;
    return run(db, "UPDATE WARDEN$USERS SET PROFILE = ?2 WHERE NAME = ?1", name, profile);
}

int catalog_create_user(sqlite3 *db, const char *name, const char *password, const char *profile,
                        ora_error *err)
{
    /* PUBLIC is taken too: it is the user of sessions AS SYSOPER */
    if (is_role(name) || !strcmp(name, "PUBLIC") || user_exists(db, name))
        return ora_set(err, ORA_USER_EXISTS, 0, name);
    if (!password || !*password) return ora_set(err, 988, 0);
    if (profile && catalog_check_profile(db, profile, err) < 0) return -1;
    if (store_user(db, name, password, 0) != 0 || set_user_profile(db, name, profile) != 0)
        return fail(db, err);
    return 0;
}

int catalog_alter_user(sqlite3 *db, const char *name, const char *password, int lock,
                       const char *profile, ora_error *err)
{
    if (!user_exists(db, name)) return ora_set(err, ORA_USER_NOT_EXIST, 0, name);
    if (profile && catalog_check_profile(db, profile, err) < 0) return -1;
    if (password && store_user(db, name, password, 1) != 0) return fail(db, err);
    if (set_user_profile(db, name, profile) != 0) return fail(db, err);
    if (lock && run(db, lock > 0 ? "UPDATE WARDEN$USERS SET LOCKED=1 WHERE NAME=?1"
                                 : "UPDATE WARDEN$USERS SET LOCKED=0 WHERE NAME=?1",
                    name, NULL) != 0)
        return fail(db, err);
    return 0;
}

/* Has the user objects: tables, views and indexes ("NAME.%" in sqlite_master), procedures,
 * functions and sequences (in the object catalog)? */
static int schema_has_objects(sqlite3 *db, const char *name)
{
    char pattern[140];
    snprintf(pattern, sizeof pattern, "%s.*", name);
    return has_row(db, "SELECT 1 FROM sqlite_master WHERE name GLOB ?1 UNION ALL SELECT 1 FROM"
                       " WARDEN$OBJECTS WHERE SQLITE_NAME GLOB ?1 LIMIT 1",
                   pattern, NULL);
}

/* Views, tables (with their indexes), procedures, functions and sequences of user NAME. */
static int drop_schema_objects(sqlite3 *db, const char *name)
{
    ora_error ignored;
    if (units_drop_owner(db, name, &ignored) < 0 || sequences_drop_owner(db, name, &ignored) < 0)
        return -1;
    char pattern[140];
    snprintf(pattern, sizeof pattern, "%s.*", name);
    for (;;) { /* views first, then tables (indexes go with their tables) */
        sqlite3_stmt *st = prepare(db,
                                   "SELECT type, name FROM sqlite_master WHERE name GLOB ?1 "
                                   "AND type IN ('view','table') ORDER BY type = 'table' LIMIT 1",
                                   pattern, NULL);
        if (!st) return -1;
        if (sqlite3_step(st) != SQLITE_ROW) {
            sqlite3_finalize(st);
            return 0;
        }
        char sql[400];
        snprintf(sql, sizeof sql, "DROP %s \"%s\"",
                 strcmp((const char *)sqlite3_column_text(st, 0), "view") ? "TABLE" : "VIEW",
                 (const char *)sqlite3_column_text(st, 1));
        sqlite3_finalize(st);
        if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) return -1;
    }
}

int catalog_drop_user(sqlite3 *db, const char *name, int cascade, int connected, ora_error *err)
{
    if (!user_exists(db, name)) return ora_set(err, ORA_USER_NOT_EXIST, 0, name);
    if (!strcmp(name, "SYS") || !strcmp(name, "SYSTEM"))
        return ora_set(err, ORA_INSUFFICIENT_PRIVS, 0);
    if (connected) return ora_set(err, ORA_USER_CONNECTED, 0);
    if (schema_has_objects(db, name)) {
        if (!cascade) return ora_set(err, 1922, 0, name);
        if (drop_schema_objects(db, name) < 0 || objects_sync(db, NULL) < 0) return fail(db, err);
    }
    if (object_grants_drop_user(db, name) < 0 ||
        run(db, "DELETE FROM WARDEN$GRANTS WHERE GRANTEE=?1", name, NULL) != 0 ||
        run(db, "DELETE FROM WARDEN$USERS WHERE NAME=?1", name, NULL) != 0)
        return fail(db, err);
    return 0;
}

/* The grant NAME to or from GRANTEE: a known name and an existing user. */
static int check_grant(sqlite3 *db, const char *name, const char *grantee, ora_error *err)
{
    int index;
    if (catalog_grant_kind(name, &index) == GRANT_UNKNOWN) return ora_set(err, 990, 0);
    if (!user_exists(db, grantee)) return ora_set(err, 1917, 0, grantee);
    return 0;
}

int catalog_grant(sqlite3 *db, const char *priv, const char *grantee, ora_error *err)
{
    if (check_grant(db, priv, grantee, err) < 0) return -1;
    return run(db, "INSERT OR IGNORE INTO WARDEN$GRANTS VALUES (?1, ?2)", grantee, priv) == 0
               ? 0
               : fail(db, err);
}

int catalog_revoke(sqlite3 *db, const char *priv, const char *grantee, ora_error *err)
{
    if (check_grant(db, priv, grantee, err) < 0) return -1;
    int index;
    if (!strcmp(grantee, "SYS") && catalog_grant_kind(priv, &index) == GRANT_ADMIN)
        return ora_set(err, 1998, 0);
    if (!granted(db, grantee, priv)) {
        char text[300];
        if (is_role(priv)) {
            snprintf(text, sizeof text, "ROLE '%s' not granted to '%s'", priv, grantee);
            return ora_set_text(err, 1951, 0, text);
        }
        snprintf(text, sizeof text, "system privileges not granted to '%s'", grantee);
        return ora_set_text(err, 1952, 0, text);
    }
    return run(db, "DELETE FROM WARDEN$GRANTS WHERE GRANTEE=?1 AND PRIV=?2", grantee, priv) == 0
               ? 0
               : fail(db, err);
}
