/*
 * catalog.c - users, privileges and roles kept in WARDEN$ tables.
 *
 * Roles are fixed, as in a fresh Oracle database: CONNECT gives CREATE
 * SESSION; RESOURCE gives CREATE TABLE/VIEW/SEQUENCE/PROCEDURE; DBA and
 * SELECT_CATALOG_ROLE as their names say.  DBA holds every privilege.
 */
#include "catalog.h"

#include <stdio.h>
#include <string.h>

static const char *const catalog_ddl =
    "CREATE TABLE WARDEN$USERS ("
    "  USER_ID INTEGER PRIMARY KEY, NAME TEXT NOT NULL UNIQUE, SALT BLOB NOT NULL,"
    "  ITERATIONS INTEGER NOT NULL, VERIFIER BLOB NOT NULL, LOCKED INTEGER NOT NULL DEFAULT 0,"
    "  CREATED TEXT NOT NULL DEFAULT (datetime('now','localtime')));"
    "CREATE TABLE WARDEN$GRANTS (GRANTEE TEXT NOT NULL, PRIV TEXT NOT NULL,"
    "  PRIMARY KEY (GRANTEE, PRIV)) WITHOUT ROWID;"
    "CREATE TABLE DUAL (DUMMY VARCHAR2(1));"
    "INSERT INTO DUAL VALUES ('X');";

struct role_priv {
    const char *role;
    const char *priv;
};

static const struct role_priv role_privs[] = {
    {"CONNECT", "CREATE SESSION"},
    {"RESOURCE", "CREATE TABLE"},
    {"RESOURCE", "CREATE VIEW"},
    {"RESOURCE", "CREATE SEQUENCE"},
    {"RESOURCE", "CREATE PROCEDURE"},
    {"SELECT_CATALOG_ROLE", "SELECT ANY DICTIONARY"},
};

static const char *const known_privs[] = {
    "CREATE SESSION", "ALTER SYSTEM", "ALTER SESSION", "SELECT ANY DICTIONARY",
    "CREATE TABLE",   "CREATE VIEW",  "CREATE SEQUENCE", "CREATE PROCEDURE",
    "CREATE USER",    "ALTER USER",   "DROP USER",     "SELECT ANY TABLE",
    "CONNECT",        "RESOURCE",     "DBA",           "SELECT_CATALOG_ROLE",
};

static int is_role(const char *p)
{
    return !strcmp(p, "CONNECT") || !strcmp(p, "RESOURCE") || !strcmp(p, "DBA") ||
           !strcmp(p, "SELECT_CATALOG_ROLE");
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

int catalog_create(sqlite3 *db, const char *password, ora_error *err)
{
    if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) return fail(db, err);
    int ok = sqlite3_exec(db, catalog_ddl, NULL, NULL, NULL) == SQLITE_OK &&
             store_user(db, "SYS", password, 0) == 0 &&
             store_user(db, "SYSTEM", password, 0) == 0 &&
             run(db, "INSERT INTO WARDEN$GRANTS VALUES ('SYS','DBA'),('SYSTEM','DBA')", NULL,
                 NULL) == 0;
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
    sqlite3_stmt *st =
        prepare(db, "SELECT 1 FROM WARDEN$GRANTS WHERE GRANTEE = ?1 AND PRIV = ?2", user, priv);
    if (!st) return 0;
    int yes = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return yes;
}

int catalog_has_privilege(sqlite3 *db, const char *user, const char *priv)
{
    if (granted(db, user, priv) || granted(db, user, "DBA")) return 1;
    for (size_t i = 0; i < sizeof role_privs / sizeof role_privs[0]; i++)
        if (!strcmp(role_privs[i].priv, priv) && granted(db, user, role_privs[i].role)) return 1;
    return 0;
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
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) return -1;
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

int catalog_create_user(sqlite3 *db, const char *name, const char *password, ora_error *err)
{
    if (is_role(name) || user_exists(db, name)) return ora_set(err, ORA_USER_EXISTS, 0, name);
    if (!password || !*password) return ora_set(err, 988, 0);
    return store_user(db, name, password, 0) == 0 ? 0 : fail(db, err);
}

int catalog_alter_user(sqlite3 *db, const char *name, const char *password, int lock,
                       ora_error *err)
{
    if (!user_exists(db, name)) return ora_set(err, ORA_USER_NOT_EXIST, 0, name);
    if (password && store_user(db, name, password, 1) != 0) return fail(db, err);
    if (lock && run(db, lock > 0 ? "UPDATE WARDEN$USERS SET LOCKED=1 WHERE NAME=?1"
                                 : "UPDATE WARDEN$USERS SET LOCKED=0 WHERE NAME=?1",
                    name, NULL) != 0)
        return fail(db, err);
    return 0;
}

/* Names of the user's tables, views and indexes ("NAME.%" in sqlite_master). */
static int schema_has_objects(sqlite3 *db, const char *name)
{
    char pattern[140];
    snprintf(pattern, sizeof pattern, "%s.*", name);
    sqlite3_stmt *st =
        prepare(db, "SELECT 1 FROM sqlite_master WHERE name GLOB ?1 LIMIT 1", pattern, NULL);
    if (!st) return 0;
    int yes = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return yes;
}

static int drop_schema_objects(sqlite3 *db, const char *name)
{
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

int catalog_drop_user(sqlite3 *db, const char *name, int cascade, ora_error *err)
{
    if (!user_exists(db, name)) return ora_set(err, ORA_USER_NOT_EXIST, 0, name);
    if (!strcmp(name, "SYS") || !strcmp(name, "SYSTEM")) return ora_set(err, 1031, 0);
    if (schema_has_objects(db, name)) {
        if (!cascade) return ora_set(err, 1922, 0, name);
        if (drop_schema_objects(db, name) < 0) return fail(db, err);
    }
    if (run(db, "DELETE FROM WARDEN$GRANTS WHERE GRANTEE=?1", name, NULL) != 0 ||
        run(db, "DELETE FROM WARDEN$USERS WHERE NAME=?1", name, NULL) != 0)
        return fail(db, err);
    return 0;
}

static int known_privilege(const char *priv)
{
    for (size_t i = 0; i < sizeof known_privs / sizeof known_privs[0]; i++)
        if (!strcmp(known_privs[i], priv)) return 1;
    return 0;
}

int catalog_grant(sqlite3 *db, const char *priv, const char *grantee, ora_error *err)
{
    if (!known_privilege(priv)) return ora_set(err, 1990, 0);
    if (!user_exists(db, grantee)) return ora_set(err, 1917, 0, grantee);
    return run(db, "INSERT OR IGNORE INTO WARDEN$GRANTS VALUES (?1, ?2)", grantee, priv) == 0
               ? 0
               : fail(db, err);
}

int catalog_revoke(sqlite3 *db, const char *priv, const char *grantee, ora_error *err)
{
    if (!known_privilege(priv)) return ora_set(err, 1990, 0);
    if (!user_exists(db, grantee)) return ora_set(err, 1917, 0, grantee);
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
