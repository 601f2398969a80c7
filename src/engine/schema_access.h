/*
 * schema_access.h - what a session may do: the privileges it holds, and the
 * SQLite authorizer that checks every table, view and index a statement
 * touches against them.  Warden's own catalog tables (WARDEN$...) stay out
 * of reach of SQL.
 *
 * As in Oracle, roles count as they were at logon, and system privileges
 * granted directly count at once: a session reads its user's grants again
 * whenever the SGA says some grant changed.  A session logged on AS SYSDBA
 * holds every privilege; AS SYSOPER only what SYSOPER gives.
 *
 * Object privileges (object_grants.h) count as system privileges granted
 * directly do: those granted to the user, to PUBLIC and to the roles
 * enabled at logon, read again with the rest.
 *
 * Oracle answers ORA-00942 for a table of another schema the user cannot
 * see, and ORA-01031 for what the user can see but may not do (and for
 * creating objects without the CREATE privilege); the authorizer records
 * which, and the engine reports it.
 */
#ifndef WARDEN_SCHEMA_ACCESS_H
#define WARDEN_SCHEMA_ACCESS_H

#include <sqlite3.h>
#include <stdint.h>

#include "../sql/translate.h"
#include "catalog.h"

/* How a global name that is a dictionary view may be read (see view_access). */
enum { VIEW_NONE, VIEW_PUBLIC, VIEW_PRIVILEGED };

typedef struct schema_access {
    char user[129];
    int admin;              /* ADMIN_SYSDBA / ADMIN_SYSOPER: the logon's mode */
    unsigned logon_roles;   /* roles enabled at logon (SESSION_ROLES) */
    uint64_t role_privs;    /* their privileges, fixed for the session */
    catalog_grants granted; /* the user's grants as last read */
    struct held_object {    /* object privileges held, as last read */
        char *name;         /* the object's SQLite name, "SCOTT.EMP" */
        unsigned privs;     /* OBJ_BIT(enum object_priv) ... */
    } *objects;
    int nobjects;
    int logged_on;          /* the logon's roles are known (LOGON_ROLES) */
    uint32_t grants_seen;   /* the SGA grants version GRANTED was read at */
    int grants_current;     /* ... and it can be trusted (read outside any older snapshot) */
    /* VIEW_PUBLIC/VIEW_PRIVILEGED for a global dictionary view name, else VIEW_NONE */
    int (*view_access)(const char *name);
    int internal;       /* > 0 while Warden's own catalog statements run */
    int denied_code;    /* ORA- error of the last denial, 0 if none */
    int denied_offset;  /* byte offset in the Oracle text of the object refused */
    const sql_stmt *st; /* statement being prepared, for offsets */
    /* The statement's views (schema_access_reset): those whose reads of their own schema's
     * objects need nothing more, and those objects. */
    struct name_set {
        char names[16][260];
        int n;
    } views_ok, reached;
} schema_access;

/*
 * Log USER on (ADMIN: the logon's enum catalog_admin mode): read the grants
 * and enable the roles.  ORA-01017 when an ordinary user no longer exists.
 */
int schema_access_logon(schema_access *a, sqlite3 *db, const char *user, int admin,
                        int (*view_access)(const char *), ora_error *err);
/* Read the user's grants again if any grant changed since they were read. */
void schema_access_refresh(schema_access *a, sqlite3 *db);
/* The system privileges the session holds now (as of the last refresh). */
uint64_t schema_access_privileges(const schema_access *a);
/* The object privileges it holds on the object SQLite calls NAME (OBJ_BIT ...). */
unsigned schema_access_object_privileges(const schema_access *a, const char *name);
/* Does it hold any object privilege on OWNER.NAME (ALL_ views list such objects)? */
int schema_access_holds_any(const schema_access *a, const char *owner, const char *name);
/* Free what the session's privileges took. */
void schema_access_close(schema_access *a);
/* Open / close the catalog to the statements that follow (nested pairs allowed). */
static inline void schema_access_catalog(schema_access *a, int open)
{
    a->internal += open ? 1 : -1;
}

/*
 * Before statement ST is prepared (or run, which may prepare it again): forget the last
 * refusal, and check the views it names - another schema's needs SELECT or READ on it (or
 * SELECT ANY TABLE), and the views they read in their own schema nothing more.  0, or -1
 * with DENIED_CODE and DENIED_OFFSET set.
 */
int schema_access_reset(schema_access *a, sqlite3 *db, const sql_stmt *st);
int schema_access_authorize(void *arg, int action, const char *p1, const char *p2,
                            const char *dbname, const char *trigger_or_view);

#endif
