/*
 * objects.c - the object catalog, WARDEN$OBJECTS (see objects.h).
 *
 * objects_sync() matches SQLite's schema entries to the catalog's rows in
 * four steps: by name (the same object); by root page, for a name that is
 * gone (a RENAME: the b-tree stays where it was); what is left of the
 * catalog was dropped; what is left of the schema is new and gets the next
 * number (AUTOINCREMENT: a dropped object's number is never given again).
 * It runs after every DDL, so a DROP and a CREATE that reuses the freed root
 * page are never seen as one rename.
 */
#include "objects.h"
#include "comments.h"
#include "identities.h"
#include "object_grants.h"
#include "sequences.h"
#include "units.h"
#include "v_views.h"

#include <stdio.h>
#include <string.h>

#define AUTOINDEX_PREFIX "sqlite_autoindex_"

/* SQL: is the catalog name N one of SYS's views behind the V$ synonyms (V_$X, GV_$X)? */
#define FIXED_VIEW_NAME(n) n " GLOB 'SYS.V_$*' OR " n " GLOB 'SYS.GV_$*'"

/* The catalog name of a stored unit: OWNER.NAME, a package body's with OBJECTS_BODY_MARK after
 * it (objects.h). */
#define UNIT_NAME(u)                                                                               \
    u "OWNER || '.' || " u "NAME || CASE " u "TYPE WHEN 'PACKAGE BODY' THEN char(31) || 'BODY'"   \
      " ELSE '' END"

/* The schema objects that are Oracle objects: not SQLite's own, not the catalog's. */
#define SCHEMA_OBJECTS                                                                             \
    "WITH s AS (SELECT type, name, tbl_name, rootpage FROM main.sqlite_schema"                    \
    "  WHERE type IN ('table', 'view', 'index') AND tbl_name NOT LIKE 'WARDEN$%'"                 \
    "  AND tbl_name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"                                          \
    "  UNION ALL SELECT lower(TYPE), " UNIT_NAME("") ", " UNIT_NAME("") ", 0"                     \
    "  FROM WARDEN$SOURCE"                                                                       \
    "  UNION ALL SELECT 'sequence', OWNER || '.' || NAME, OWNER || '.' || NAME, 0"               \
    "  FROM WARDEN$SEQUENCES) "

static const char *const sync_sql =
    "CREATE TABLE IF NOT EXISTS WARDEN$OBJECTS (OBJ_ID INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  SQLITE_NAME TEXT NOT NULL UNIQUE, TBL_NAME TEXT NOT NULL, TYPE TEXT NOT NULL,"
    "  ROOTPAGE INTEGER NOT NULL, CREATED INTEGER NOT NULL, LAST_DDL INTEGER NOT NULL);"
    "INSERT INTO sqlite_sequence (name, seq) SELECT 'WARDEN$OBJECTS', 72999"
    "  WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'WARDEN$OBJECTS');"
    /* 1. the same name: the same object (its root page may have moved) */
    SCHEMA_OBJECTS
    "UPDATE WARDEN$OBJECTS AS o SET ROOTPAGE = s.rootpage, TBL_NAME = s.tbl_name FROM s"
    "  WHERE s.name = o.SQLITE_NAME AND (o.ROOTPAGE <> s.rootpage OR o.TBL_NAME <> s.tbl_name);"
    /* 2. a name that is gone, a root page that stayed: renamed */
    SCHEMA_OBJECTS
    "UPDATE WARDEN$OBJECTS AS o SET SQLITE_NAME = s.name, TBL_NAME = s.tbl_name,"
    "  LAST_DDL = strftime('%s', 'now') FROM s"
    "  WHERE o.SQLITE_NAME NOT IN (SELECT name FROM s) AND o.ROOTPAGE > 0"
    "  AND s.rootpage = o.ROOTPAGE AND upper(s.type) = o.TYPE"
    "  AND s.name NOT IN (SELECT SQLITE_NAME FROM WARDEN$OBJECTS);"
    /* 3. gone: dropped (the fixed views are no schema's objects: fixed_views_sync) */
    SCHEMA_OBJECTS
    "DELETE FROM WARDEN$OBJECTS WHERE SQLITE_NAME NOT IN (SELECT name FROM s)"
    "  AND NOT (" FIXED_VIEW_NAME("SQLITE_NAME") ");"
    /* 4. new: the next numbers, tables before their indexes */
    SCHEMA_OBJECTS
    "INSERT INTO WARDEN$OBJECTS (SQLITE_NAME, TBL_NAME, TYPE, ROOTPAGE, CREATED, LAST_DDL)"
    "  SELECT s.name, s.tbl_name, upper(s.type), s.rootpage, strftime('%s', 'now'),"
    "  strftime('%s', 'now') FROM s WHERE s.name NOT IN (SELECT SQLITE_NAME FROM WARDEN$OBJECTS)"
    "  ORDER BY s.type = 'index', s.name;";

/*
 * SYS's views behind the V$ synonyms, V_$X and GV_$X for every dynamic view
 * X, are objects of the catalog as in Oracle (DBA_OBJECTS lists them, and
 * GRANT SELECT ON V_$SESSION records a grant on one): added when missing,
 * never dropped.  0, or -1 (SQLite's error on DB).
 */
static int fixed_views_sync(sqlite3 *db)
{
    int expected = 0;
    for (int i = 0; warden_views[i]; i++) expected += 2;
    sqlite3_stmt *count = NULL, *add = NULL;
    int rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM WARDEN$OBJECTS WHERE "
                                FIXED_VIEW_NAME("SQLITE_NAME"), -1, &count, NULL);
    if (rc == SQLITE_OK && sqlite3_step(count) == SQLITE_ROW &&
        sqlite3_column_int(count, 0) == expected) {
        sqlite3_finalize(count);
        return 0;
    }
    sqlite3_finalize(count);
    if (rc != SQLITE_OK) return -1;
    rc = sqlite3_prepare_v2(db, "INSERT INTO WARDEN$OBJECTS (SQLITE_NAME, TBL_NAME, TYPE, ROOTPAGE,"
                                " CREATED, LAST_DDL) SELECT ?1, ?1, 'VIEW', 0, strftime('%s', 'now'),"
                                " strftime('%s', 'now') WHERE NOT EXISTS (SELECT 1 FROM"
                                " WARDEN$OBJECTS WHERE SQLITE_NAME = ?1)",
                            -1, &add, NULL);
    for (int i = 0; rc == SQLITE_OK && warden_views[i]; i++) {
        for (int global = 0; global < 2 && rc == SQLITE_OK; global++) {
            char name[100];
            snprintf(name, sizeof name, "SYS.%sV_$%s", global ? "G" : "", warden_views[i]->name);
            sqlite3_bind_text(add, 1, name, -1, SQLITE_TRANSIENT);
            rc = sqlite3_step(add) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
            sqlite3_reset(add);
        }
    }
    sqlite3_finalize(add);
    return rc == SQLITE_OK ? 0 : -1;
}

int objects_sync(sqlite3 *db, const char *touched)
{
    char *granted = object_grants_names(db); /* to see whether objects with grants moved */
    if (units_create_tables(db) < 0 ||
        sqlite3_exec(db, sequences_schema_sql, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(db, identities_schema_sql, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(db, sync_sql, NULL, NULL, NULL) != SQLITE_OK || fixed_views_sync(db) < 0 ||
        sqlite3_exec(db, comments_sync_sql, NULL, NULL, NULL) != SQLITE_OK) {
        sqlite3_free(granted);
        return -1;
    }
    /* a dropped table's identity sequences go with it, and their numbers too */
    int orphans = identities_forget_orphans(db);
    if (orphans < 0 || (orphans > 0 && sqlite3_exec(db, sync_sql, NULL, NULL, NULL) != SQLITE_OK)) {
        sqlite3_free(granted);
        return -1;
    }
    if (object_grants_sync(db, granted) < 0) return -1; /* a dropped object's grants go too */
    if (!touched) return 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           "UPDATE WARDEN$OBJECTS SET LAST_DDL = strftime('%s', 'now')"
                           " WHERE SQLITE_NAME = ?1",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, touched, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int objects_name_outside_sqlite(sqlite3 *db, const char *name)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           "SELECT 1 FROM WARDEN$OBJECTS WHERE SQLITE_NAME = ?1"
                           " AND TYPE IN ('PROCEDURE', 'FUNCTION', 'PACKAGE', 'SEQUENCE')",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

uint32_t objects_number(sqlite3 *db, const char *name)
{
    sqlite3_stmt *st;
    uint32_t id = 0;
    if (sqlite3_prepare_v2(db, "SELECT OBJ_ID FROM WARDEN$OBJECTS WHERE SQLITE_NAME = ?1", -1, &st,
                           NULL) != SQLITE_OK)
        return 0;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) id = (uint32_t)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return id;
}

int objects_name(sqlite3 *db, uint32_t id, char *name, size_t size)
{
    sqlite3_stmt *st;
    int rc = -1;
    if (sqlite3_prepare_v2(db, "SELECT SQLITE_NAME FROM WARDEN$OBJECTS WHERE OBJ_ID = ?1", -1, &st,
                           NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW) {
        snprintf(name, size, "%s", (const char *)sqlite3_column_text(st, 0));
        rc = 0;
    }
    sqlite3_finalize(st);
    return rc;
}

/* "SCOTT.EMP" -> SCOTT, EMP; a name without a schema (DUAL) is SYS's. */
static void split_name(const char *sqlite_name, char *owner, char *name, size_t size)
{
    const char *dot = strchr(sqlite_name, '.');
    if (!dot) {
        snprintf(owner, size, "SYS");
        snprintf(name, size, "%s", sqlite_name);
        return;
    }
    snprintf(owner, size, "%.*s", (int)(dot - sqlite_name), sqlite_name);
    snprintf(name, size, "%s", dot + 1);
}

/* The row of catalog entry ST: an index SQLite made for a constraint is named as Oracle's are. */
static void read_row(sqlite3_stmt *st, object_row *o)
{
    const char *sqlite_name = (const char *)sqlite3_column_text(st, 1);
    const char *table = (const char *)sqlite3_column_text(st, 2);
    const char *type = (const char *)sqlite3_column_text(st, 3);
    o->id = (uint32_t)sqlite3_column_int64(st, 0);
    static const char *const types[] = {"TABLE",    "VIEW",    "INDEX",        "PROCEDURE",
                                          "FUNCTION", "PACKAGE", "PACKAGE BODY", "SEQUENCE"};
    o->type = types[2];
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if (!strcmp(type, types[i])) o->type = types[i];
    o->valid = sqlite3_column_type(st, 6) == SQLITE_NULL ||
               !strcmp((const char *)sqlite3_column_text(st, 6), "VALID");
    o->generated = !strncmp(sqlite_name, AUTOINDEX_PREFIX, strlen(AUTOINDEX_PREFIX));
    split_name(o->generated ? table : sqlite_name, o->owner, o->name, sizeof o->name);
    if (o->generated) snprintf(o->name, sizeof o->name, "SYS_C%07u", o->id);
    char *body = strstr(o->name, OBJECTS_BODY_MARK);
    if (body) *body = '\0';
    o->created = (time_t)sqlite3_column_int64(st, 4);
    o->last_ddl = (time_t)sqlite3_column_int64(st, 5);
}

int objects_each(sqlite3 *db, const char *owner, void (*fn)(void *, const object_row *), void *arg)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           "SELECT o.OBJ_ID, o.SQLITE_NAME, o.TBL_NAME, o.TYPE, o.CREATED,"
                           " o.LAST_DDL, u.STATUS FROM WARDEN$OBJECTS AS o"
                           " LEFT JOIN WARDEN$SOURCE AS u ON o.ROOTPAGE = 0"
                           " AND o.SQLITE_NAME = " UNIT_NAME("u.") " ORDER BY o.OBJ_ID",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        object_row o;
        read_row(st, &o);
        if (!owner || !strcmp(owner, o.owner)) fn(arg, &o);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}
