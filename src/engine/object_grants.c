/*
 * object_grants.c - object privileges kept in WARDEN$TAB_PRIVS (see
 * object_grants.h).
 *
 * Which privileges each object type takes follows Oracle 19c, restricted
 * to the ones Warden checks somewhere: tables ALTER, DELETE, INDEX, INSERT,
 * SELECT, UPDATE, REFERENCES, READ; views DELETE, INSERT, SELECT, UPDATE,
 * REFERENCES, READ; sequences ALTER, SELECT; procedures and functions
 * EXECUTE.
 */
#include "object_grants.h"

#include <stdio.h>
#include <string.h>

#include "../sga/cluster.h"

static const char *const priv_names[OBJ_PRIV_COUNT] = {
    [OBJ_ALTER] = "ALTER",         [OBJ_DELETE] = "DELETE", [OBJ_INDEX] = "INDEX",
    [OBJ_INSERT] = "INSERT",       [OBJ_SELECT] = "SELECT", [OBJ_UPDATE] = "UPDATE",
    [OBJ_REFERENCES] = "REFERENCES", [OBJ_EXECUTE] = "EXECUTE", [OBJ_READ] = "READ",
};

const char *object_priv_name(int priv) { return priv_names[priv]; }

int object_priv_find(const char *name)
{
    for (int p = 0; p < OBJ_PRIV_COUNT; p++)
        if (!strcmp(priv_names[p], name)) return p;
    return -1;
}

unsigned object_privs_of_type(const char *type)
{
    const unsigned view = OBJ_BIT(OBJ_DELETE) | OBJ_BIT(OBJ_INSERT) | OBJ_BIT(OBJ_SELECT) |
                          OBJ_BIT(OBJ_UPDATE) | OBJ_BIT(OBJ_REFERENCES) | OBJ_BIT(OBJ_READ);
    if (!strcmp(type, "TABLE")) return view | OBJ_BIT(OBJ_ALTER) | OBJ_BIT(OBJ_INDEX);
    if (!strcmp(type, "VIEW")) return view;
    if (!strcmp(type, "SEQUENCE")) return OBJ_BIT(OBJ_ALTER) | OBJ_BIT(OBJ_SELECT);
    if (!strcmp(type, "PROCEDURE") || !strcmp(type, "FUNCTION") || !strcmp(type, "PACKAGE"))
        return OBJ_BIT(OBJ_EXECUTE);
    return 0;
}

/* ---- keeping the table in line with the objects ---- */

static const char *const sync_sql =
    "CREATE TABLE IF NOT EXISTS WARDEN$TAB_PRIVS (OBJ_ID INTEGER NOT NULL,"
    "  GRANTEE TEXT NOT NULL, GRANTOR TEXT NOT NULL, PRIV TEXT NOT NULL,"
    "  GRANTABLE INTEGER NOT NULL, PRIMARY KEY (OBJ_ID, GRANTEE, GRANTOR, PRIV)) WITHOUT ROWID;"
    "DELETE FROM WARDEN$TAB_PRIVS WHERE OBJ_ID NOT IN (SELECT OBJ_ID FROM WARDEN$OBJECTS);";

static int grants_moved; /* objects with grants were renamed or dropped in the open transaction */

char *object_grants_names(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT group_concat(OBJ_ID || ' ' || SQLITE_NAME, ',') FROM"
                               " (SELECT OBJ_ID, SQLITE_NAME FROM WARDEN$OBJECTS WHERE OBJ_ID IN"
                               " (SELECT OBJ_ID FROM WARDEN$TAB_PRIVS) ORDER BY OBJ_ID)",
                           -1, &st, NULL) != SQLITE_OK)
        return NULL; /* a catalog without the tables yet */
    char *names = NULL;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        names = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return names;
}

int object_grants_sync(sqlite3 *db, char *before)
{
    if (sqlite3_exec(db, sync_sql, NULL, NULL, NULL) != SQLITE_OK) {
        sqlite3_free(before);
        return -1;
    }
    char *after = object_grants_names(db);
    if ((before || after) && (!before || !after || strcmp(before, after))) grants_moved = 1;
    sqlite3_free(before);
    sqlite3_free(after);
    return 0;
}

void object_grants_settle(int committed)
{
    if (grants_moved && committed && the_cluster) cluster_grants_changed(the_cluster);
    grants_moved = 0;
}

/* ---- statements ---- */

static sqlite3_stmt *prepare(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    return sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK ? st : NULL;
}

static void bind_texts(sqlite3_stmt *st, int first, const char *const *texts, int n)
{
    for (int i = 0; i < n; i++) sqlite3_bind_text(st, first + i, texts[i], -1, SQLITE_TRANSIENT);
}

/* Step ST to its end and finalize it: 0, or -1. */
static int finish(sqlite3_stmt *st)
{
    if (!st) return -1;
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

char *object_view_text(sqlite3 *db, const char *name)
{
    sqlite3_stmt *st = prepare(db, "SELECT sql FROM main.sqlite_schema WHERE type = 'view'"
                                   " AND name = ?1");
    if (!st) return NULL;
    bind_texts(st, 1, &name, 1);
    char *sql = sqlite3_step(st) == SQLITE_ROW
                    ? sqlite3_mprintf("%s", (const char *)sqlite3_column_text(st, 0))
                    : NULL;
    sqlite3_finalize(st);
    return sql;
}

int object_find(sqlite3 *db, const char *owner, const char *name, object_ref *o)
{
    sqlite3_stmt *st = prepare(db, "SELECT OBJ_ID, TYPE FROM WARDEN$OBJECTS WHERE SQLITE_NAME = "
                                   "?1 || '.' || ?2 AND TYPE IN ('TABLE', 'VIEW', 'SEQUENCE',"
                                   " 'PROCEDURE', 'FUNCTION', 'PACKAGE')");
    if (!st) return -1;
    bind_texts(st, 1, (const char *const[]){owner, name}, 2);
    int rc = sqlite3_step(st), found = rc == SQLITE_ROW;
    if (found) {
        o->id = (uint32_t)sqlite3_column_int64(st, 0);
        snprintf(o->owner, sizeof o->owner, "%s", owner);
        snprintf(o->name, sizeof o->name, "%s", name);
        snprintf(o->type, sizeof o->type, "%s", (const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_finalize(st);
    return found || rc == SQLITE_DONE ? found : -1;
}

int object_grants_held(sqlite3 *db, uint32_t id, const char *user, unsigned *privs,
                       unsigned *grantable)
{
    *privs = *grantable = 0;
    sqlite3_stmt *st = prepare(db, "SELECT PRIV, max(GRANTABLE) FROM WARDEN$TAB_PRIVS"
                                   " WHERE OBJ_ID = ?1 AND GRANTEE = ?2 GROUP BY PRIV");
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    bind_texts(st, 2, &user, 1);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int p = object_priv_find((const char *)sqlite3_column_text(st, 0));
        if (p < 0) continue;
        *privs |= OBJ_BIT(p);
        if (sqlite3_column_int(st, 1)) *grantable |= OBJ_BIT(p);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int object_grant_add(sqlite3 *db, uint32_t id, const char *grantor, const char *grantee, int priv,
                     int grantable, ora_error *err)
{
    sqlite3_stmt *st = prepare(db, "INSERT INTO WARDEN$TAB_PRIVS VALUES (?1, ?2, ?3, ?4, ?5)"
                                   " ON CONFLICT DO UPDATE SET GRANTABLE = max(GRANTABLE, ?5)");
    if (st) {
        sqlite3_bind_int64(st, 1, id);
        bind_texts(st, 2, (const char *const[]){grantee, grantor, priv_names[priv]}, 3);
        sqlite3_bind_int(st, 5, grantable != 0);
    }
    return finish(st) == 0 ? 0 : ora_set(err, ORA_INTERNAL, 0, sqlite3_errmsg(db));
}

int object_grant_remove(sqlite3 *db, uint32_t id, const char *grantor, const char *grantee,
                        int priv)
{
    sqlite3_stmt *st = prepare(db, "DELETE FROM WARDEN$TAB_PRIVS WHERE OBJ_ID = ?1"
                                   " AND GRANTOR = ?2 AND GRANTEE = ?3 AND PRIV = ?4");
    if (st) {
        sqlite3_bind_int64(st, 1, id);
        bind_texts(st, 2, (const char *const[]){grantor, grantee, priv_names[priv]}, 3);
    }
    return finish(st) < 0 ? -1 : sqlite3_changes(db) > 0;
}

/*
 * Who may grant which privilege on which object: the owner, and from there
 * whoever got it WITH GRANT OPTION from someone who may (PUBLIC holding it
 * so lets everyone).  Any other grant has lost its ground.
 */
static const char *const cascade_sql =
    "WITH RECURSIVE may(obj, who, priv) AS ("
    "  SELECT DISTINCT g.OBJ_ID, substr(o.SQLITE_NAME, 1, instr(o.SQLITE_NAME, '.') - 1), g.PRIV"
    "  FROM WARDEN$TAB_PRIVS AS g JOIN WARDEN$OBJECTS AS o ON o.OBJ_ID = g.OBJ_ID"
    "  UNION SELECT g.OBJ_ID, g.GRANTEE, g.PRIV FROM WARDEN$TAB_PRIVS AS g JOIN may"
    "  ON g.OBJ_ID = may.obj AND g.GRANTOR = may.who AND g.PRIV = may.priv"
    "  WHERE g.GRANTABLE = 1) "
    "DELETE FROM WARDEN$TAB_PRIVS WHERE (OBJ_ID, GRANTOR, PRIV) NOT IN"
    "  (SELECT obj, who, priv FROM may) AND (OBJ_ID, 'PUBLIC', PRIV) NOT IN"
    "  (SELECT obj, who, priv FROM may)";

int object_grants_cascade(sqlite3 *db)
{
    return sqlite3_exec(db, cascade_sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

int object_grants_drop_user(sqlite3 *db, const char *user)
{
    sqlite3_stmt *st = prepare(db, "DELETE FROM WARDEN$TAB_PRIVS WHERE GRANTEE = ?1");
    if (st) bind_texts(st, 1, &user, 1);
    return finish(st) == 0 ? object_grants_cascade(db) : -1;
}

int object_grants_each_held(sqlite3 *db, const char *const *grantees, int ngrantees,
                            void (*fn)(void *arg, const char *sqlite_name, unsigned privs),
                            void *arg)
{
    sqlite3_stmt *st = prepare(db, "SELECT o.SQLITE_NAME, g.PRIV FROM WARDEN$TAB_PRIVS AS g"
                                   " JOIN WARDEN$OBJECTS AS o ON o.OBJ_ID = g.OBJ_ID"
                                   " WHERE g.GRANTEE = ?1 ORDER BY o.SQLITE_NAME");
    if (!st) return -1;
    int rc = SQLITE_DONE;
    for (int i = 0; i < ngrantees && rc == SQLITE_DONE; i++) {
        sqlite3_reset(st);
        bind_texts(st, 1, &grantees[i], 1);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            int p = object_priv_find((const char *)sqlite3_column_text(st, 1));
            if (p >= 0) fn(arg, (const char *)sqlite3_column_text(st, 0), OBJ_BIT(p));
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int object_grants_each(sqlite3 *db, void (*fn)(void *arg, const object_grant_row *g), void *arg)
{
    sqlite3_stmt *st = prepare(
        db, "SELECT g.GRANTEE, substr(o.SQLITE_NAME, 1, instr(o.SQLITE_NAME, '.') - 1),"
            " substr(o.SQLITE_NAME, instr(o.SQLITE_NAME, '.') + 1), g.GRANTOR, g.PRIV, o.TYPE,"
            " g.GRANTABLE FROM WARDEN$TAB_PRIVS AS g JOIN WARDEN$OBJECTS AS o"
            " ON o.OBJ_ID = g.OBJ_ID ORDER BY 2, 3, 1, 4, 5");
    if (!st) return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *c[6];
        for (int i = 0; i < 6; i++) c[i] = (const char *)sqlite3_column_text(st, i);
        object_grant_row g = {c[0], c[1], c[2], c[3], c[4], c[5], sqlite3_column_int(st, 6)};
        fn(arg, &g);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}
