/*
 * catalog.h - Warden's own dictionary inside the instance database: users
 * with their password verifiers, granted privileges and roles, profiles,
 * and DUAL.
 *
 * Tables are named WARDEN$... so that no SQL can reach them (schema_access.c).
 * Passwords never reach this module's storage: only O5LOGON verifiers.
 *
 * Three kinds of grant, as in Oracle: system privileges (CREATE TABLE,
 * SELECT ANY TABLE ...), the fixed roles (CONNECT, RESOURCE, DBA,
 * SELECT_CATALOG_ROLE), and the administrative privileges SYSDBA and
 * SYSOPER, which Oracle keeps in its password file and which only a logon
 * AS SYSDBA / AS SYSOPER uses.  A set of system privileges is a bit set
 * (PRIV_BIT of each).
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

/* The system privileges Warden knows (catalog.c has their names). */
enum catalog_priv {
    PRIV_CREATE_SESSION,
    PRIV_ALTER_SESSION,
    PRIV_RESTRICTED_SESSION,
    PRIV_ALTER_SYSTEM,
    PRIV_CREATE_USER,
    PRIV_ALTER_USER,
    PRIV_DROP_USER,
    PRIV_GRANT_ANY_PRIVILEGE,
    PRIV_GRANT_ANY_ROLE,
    PRIV_SELECT_ANY_DICTIONARY,
    PRIV_CREATE_TABLE,
    PRIV_CREATE_ANY_TABLE,
    PRIV_ALTER_ANY_TABLE,
    PRIV_DROP_ANY_TABLE,
    PRIV_SELECT_ANY_TABLE,
    PRIV_INSERT_ANY_TABLE,
    PRIV_UPDATE_ANY_TABLE,
    PRIV_DELETE_ANY_TABLE,
    PRIV_LOCK_ANY_TABLE,
    PRIV_CREATE_VIEW,
    PRIV_CREATE_ANY_VIEW,
    PRIV_DROP_ANY_VIEW,
    PRIV_CREATE_ANY_INDEX,
    PRIV_ALTER_ANY_INDEX,
    PRIV_DROP_ANY_INDEX,
    PRIV_CREATE_SEQUENCE,
    PRIV_CREATE_PROCEDURE,
    PRIV_CREATE_TRIGGER,
    PRIV_CREATE_TYPE,
    PRIV_CREATE_CLUSTER,
    PRIV_CREATE_INDEXTYPE,
    PRIV_CREATE_OPERATOR,
    PRIV_CREATE_SYNONYM,
    PRIV_CREATE_PROFILE,
    PRIV_ALTER_PROFILE,
    PRIV_DROP_PROFILE,
    PRIV_UNLIMITED_TABLESPACE,
    PRIV_CREATE_ANY_PROCEDURE,
    PRIV_ALTER_ANY_PROCEDURE,
    PRIV_DROP_ANY_PROCEDURE,
    PRIV_EXECUTE_ANY_PROCEDURE,
    PRIV_CREATE_ANY_SEQUENCE,
    PRIV_ALTER_ANY_SEQUENCE,
    PRIV_DROP_ANY_SEQUENCE,
    PRIV_SELECT_ANY_SEQUENCE,
    PRIV_GRANT_ANY_OBJECT_PRIVILEGE,
    PRIV_COMMENT_ANY_TABLE,
    PRIV_COUNT
};
#define PRIV_BIT(p) ((uint64_t)1 << (p))
#define PRIV_ALL (PRIV_BIT(PRIV_COUNT) - 1)

/* The roles, as bits of a role set. */
enum catalog_role { ROLE_CONNECT, ROLE_RESOURCE, ROLE_DBA, ROLE_SELECT_CATALOG, ROLE_COUNT };

/* Administrative privileges: the logon modes AS SYSDBA / AS SYSOPER. */
enum catalog_admin { ADMIN_NONE, ADMIN_SYSDBA, ADMIN_SYSOPER, ADMIN_COUNT };

/* What a name in GRANT/REVOKE is. */
enum catalog_grant_kind { GRANT_UNKNOWN, GRANT_SYSTEM, GRANT_ROLE, GRANT_ADMIN };

const char *catalog_priv_name(int priv);
const char *catalog_role_name(int role);
/* What NAME is ("CREATE TABLE", "DBA", "SYSDBA" ...); *INDEX gets its enum value. */
enum catalog_grant_kind catalog_grant_kind(const char *name, int *index);
/* The system privileges the roles of ROLES (a bit set of enum catalog_role) give. */
uint64_t catalog_role_privileges(unsigned roles);
/* What a SYSOPER session may do (SYSDBA may do everything). */
uint64_t catalog_sysoper_privileges(void);

/* One user's grants as stored. */
typedef struct catalog_grants {
    uint64_t privs; /* system privileges granted directly */
    unsigned roles; /* roles granted (bits of enum catalog_role) */
    unsigned admin; /* administrative privileges (bits 1 << ADMIN_SYSDBA ...); SYS has both */
} catalog_grants;

/* Create the catalog in a new database with SYS and SYSTEM having PASSWORD. */
int catalog_create(sqlite3 *db, const char *password, ora_error *err);
/* 1 found, 0 no such user, -1 error. */
int catalog_find_user(sqlite3 *db, const char *name, catalog_user *u);
/* USER's grants; 0, or -1 on a storage error. */
int catalog_read_grants(sqlite3 *db, const char *user, catalog_grants *g);
/* Does USER hold system privilege PRIV directly or through a role granted now? */
int catalog_has_privilege(sqlite3 *db, const char *user, int priv);
/* Does USER hold the administrative privilege ADMIN (enum catalog_admin)? */
int catalog_has_admin(sqlite3 *db, const char *user, int admin);

/* Users and grants as the dictionary views list them. */
typedef struct catalog_user_row {
    int user_id;
    const char *name;
    int locked;
    time_t created;
    const char *profile;
} catalog_user_row;
/* Call FN for every user (ONLY: just that one, when not NULL), by USER_ID. 0 or -1. */
int catalog_each_user(sqlite3 *db, const char *only, void (*fn)(void *, const catalog_user_row *),
                      void *arg);
/* Call FN for every stored grant (ONLY: of that grantee), by grantee and name. 0 or -1. */
int catalog_each_grant(sqlite3 *db, const char *only,
                       void (*fn)(void *, const char *grantee, const char *name), void *arg);

/* The database's DBID and creation time (made on first use). 0 or -1. */
int catalog_database_info(sqlite3 *db, uint64_t *dbid, time_t *created);

/* PROFILE: the user's profile (NULL: leave it; DEFAULT for a new user); ORA-02380 if missing. */
int catalog_create_user(sqlite3 *db, const char *name, const char *password, const char *profile,
                        ora_error *err);
int catalog_alter_user(sqlite3 *db, const char *name, const char *password, int lock,
                       const char *profile, ora_error *err);
/* CONNECTED: the user has a session now (ORA-01940, after the check that the user exists). */
int catalog_drop_user(sqlite3 *db, const char *name, int cascade, int connected, ora_error *err);
/* GRANT/REVOKE one system privilege, role or administrative privilege to/from one user. */
int catalog_grant(sqlite3 *db, const char *priv, const char *grantee, ora_error *err);
int catalog_revoke(sqlite3 *db, const char *priv, const char *grantee, ora_error *err);

/* A change of several steps, all or nothing, outside any transaction of the session: begin
 * (taking the write lock), then end with the steps' result RC (0 commits, -1 rolls back).
 * Both return 0, or -1 with ERR set. */
int catalog_change_begin(sqlite3 *db, ora_error *err);
int catalog_change_end(sqlite3 *db, int rc, ora_error *err);

/*
 * Profiles: every one has a limit for every resource (sql_profile_resources),
 * DEFAULT until set.  Stored and shown in DBA_PROFILES; not enforced yet.
 */
int catalog_create_profile(sqlite3 *db, const char *name, ora_error *err); /* ORA-02379 */
/* 0 if profile NAME exists, else ORA-02380. */
int catalog_check_profile(sqlite3 *db, const char *name, ora_error *err);
int catalog_set_profile_limit(sqlite3 *db, const char *name, const char *resource,
                              const char *limit, ora_error *err);
/* ORA-02381 for DEFAULT, ORA-02380, ORA-02382 with users and no CASCADE (which moves them to
 * DEFAULT). */
int catalog_drop_profile(sqlite3 *db, const char *name, int cascade, ora_error *err);
/* Call FN for every limit of every profile, by profile and resource. 0 or -1. */
int catalog_each_profile_limit(sqlite3 *db,
                               void (*fn)(void *, const char *profile, const char *resource,
                                          const char *limit),
                               void *arg);

#endif
