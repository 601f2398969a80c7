/*
 * catalog.h - Warden's own dictionary inside the instance database: users
 * with their password verifiers, granted privileges and roles, and DUAL.
 *
 * Tables are named WARDEN$... so that no SQL can reach them (schema_access.c).
 * Passwords never reach this module's storage: only O5LOGON verifiers.
 */
#ifndef WARDEN_CATALOG_H
#define WARDEN_CATALOG_H

#include <sqlite3.h>
#include <stdint.h>
#include <time.h>

#include "../common/ora_error.h"
#include "../net/o5logon.h"

typedef struct catalog_user {
    int user_id;
    char name[129];
    o5_verifier verifier;
    int locked;
} catalog_user;

/* Create the catalog in a new database with SYS and SYSTEM having PASSWORD. */
int catalog_create(sqlite3 *db, const char *password, ora_error *err);
/* 1 found, 0 no such user, -1 error. */
int catalog_find_user(sqlite3 *db, const char *name, catalog_user *u);
/* Does USER hold PRIV ("CREATE SESSION", "ALTER SYSTEM", ...) directly or through a role? */
int catalog_has_privilege(sqlite3 *db, const char *user, const char *priv);

/* The database's DBID and creation time (made on first use). 0 or -1. */
int catalog_database_info(sqlite3 *db, uint64_t *dbid, time_t *created);

int catalog_create_user(sqlite3 *db, const char *name, const char *password, ora_error *err);
int catalog_alter_user(sqlite3 *db, const char *name, const char *password, int lock,
                       ora_error *err);
int catalog_drop_user(sqlite3 *db, const char *name, int cascade, ora_error *err);
/* GRANT/REVOKE one system privilege or role to/from one grantee. */
int catalog_grant(sqlite3 *db, const char *priv, const char *grantee, ora_error *err);
int catalog_revoke(sqlite3 *db, const char *priv, const char *grantee, ora_error *err);

#endif
