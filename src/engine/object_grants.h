/*
 * object_grants.h - object privileges (GRANT SELECT ON t TO u): who may do
 * what to one table, view, sequence, procedure or function of another
 * schema, kept in WARDEN$TAB_PRIVS as Oracle keeps them in OBJAUTH$.
 *
 * A grant is a row (object number, grantee, grantor, privilege, grantable):
 * the same privilege granted by two users is two rows, and a revoke takes
 * back only the revoker's.  Rows name the object by its number
 * (objects.h), so a RENAME keeps its grants and a DROP ends them:
 * objects_sync() removes the rows of objects that are gone, and
 * object_grants_cascade() those whose grantor no longer holds the privilege
 * WITH GRANT OPTION from the owner down (a revoke cascades, as Oracle's of
 * object privileges does).
 */
#ifndef WARDEN_OBJECT_GRANTS_H
#define WARDEN_OBJECT_GRANTS_H

#include <sqlite3.h>
#include <stdint.h>

#include "../common/ora_error.h"

/* The object privileges Warden knows, as bits of a set. */
enum object_priv {
    OBJ_ALTER,
    OBJ_DELETE,
    OBJ_INDEX,
    OBJ_INSERT,
    OBJ_SELECT,
    OBJ_UPDATE,
    OBJ_REFERENCES,
    OBJ_EXECUTE,
    OBJ_READ,
    OBJ_PRIV_COUNT
};
#define OBJ_BIT(p) (1u << (p))

const char *object_priv_name(int priv);
/* The privilege called NAME ("SELECT" ...), or -1. */
int object_priv_find(const char *name);
/* The privileges an object of TYPE ("TABLE", "VIEW", "SEQUENCE", "PROCEDURE", "FUNCTION") takes. */
unsigned object_privs_of_type(const char *type);

/* The objects that have grants, by number and name (sqlite3_malloc'ed; NULL for none). */
char *object_grants_names(sqlite3 *db);
/* Creates WARDEN$TAB_PRIVS if missing and removes the grants of objects that are gone: run by
 * objects_sync() after every DDL.  BEFORE (taken, freed here): object_grants_names() before
 * the DDL's objects were synced. */
int object_grants_sync(sqlite3 *db, char *before);
/* After the transaction of a sync ended (COMMITTED: it was committed): if objects with grants
 * were renamed or dropped, every session reads its grants again (the SGA's grants version),
 * which name objects as SQLite does. */
void object_grants_settle(int committed);

/* A grantable object: its number, owner, name and type. */
typedef struct object_ref {
    uint32_t id;
    char owner[129];
    char name[129];
    char type[16];
} object_ref;

/* The text of the view SQLite calls NAME (sqlite3_malloc'ed), or NULL when it is none. */
char *object_view_text(sqlite3 *db, const char *name);

/* Object OWNER.NAME (a table, view, sequence, procedure or function): 1, 0 none, -1 error. */
int object_find(sqlite3 *db, const char *owner, const char *name, object_ref *o);

/* What USER holds on object ID from grants to USER itself (not to PUBLIC or roles): PRIVS
 * and, of those, GRANTABLE (WITH GRANT OPTION).  0 or -1. */
int object_grants_held(sqlite3 *db, uint32_t id, const char *user, unsigned *privs,
                       unsigned *grantable);
/* GRANTOR grants PRIV on ID to GRANTEE (GRANTABLE: with grant option; a second grant may add
 * the option, never take it away).  0, or -1 with ERR. */
int object_grant_add(sqlite3 *db, uint32_t id, const char *grantor, const char *grantee, int priv,
                     int grantable, ora_error *err);
/* GRANTOR's grant of PRIV on ID to GRANTEE goes: 1, 0 when there was none, -1 error. */
int object_grant_remove(sqlite3 *db, uint32_t id, const char *grantor, const char *grantee,
                        int priv);
/* Remove every grant whose grantor no longer holds its privilege WITH GRANT OPTION through a
 * chain from the object's owner.  0 or -1. */
int object_grants_cascade(sqlite3 *db);
/* DROP USER: the grants to USER go, and with them what USER granted (cascade). 0 or -1. */
int object_grants_drop_user(sqlite3 *db, const char *user);

/* Call FN(ARG, GRANTEE, SQLITE_NAME, PRIVS) for every object on which a grant to any of
 * GRANTEES (NGRANTEES names: the user, PUBLIC, roles) exists, PRIVS their union. 0 or -1. */
int object_grants_each_held(sqlite3 *db, const char *const *grantees, int ngrantees,
                            void (*fn)(void *arg, const char *sqlite_name, unsigned privs),
                            void *arg);

/* One grant as the dictionary views show it. */
typedef struct object_grant_row {
    const char *grantee, *owner, *name, *grantor, *privilege, *type;
    int grantable;
} object_grant_row;
/* Call FN for every grant, by owner, name, grantee, grantor and privilege. 0 or -1. */
int object_grants_each(sqlite3 *db, void (*fn)(void *arg, const object_grant_row *g), void *arg);

#endif
