/*
 * identities.c - the identity columns of tables (see identities.h).
 */
#include "identities.h"

#include <stdio.h>
#include <string.h>

#include "sequences.h"

const char identities_schema_sql[] =
    "CREATE TABLE IF NOT EXISTS WARDEN$IDENTITIES (KEY TEXT PRIMARY KEY,"
    "  TABLE_OBJ INTEGER NOT NULL, COLUMN_NAME TEXT NOT NULL, SEQUENCE_OWNER TEXT NOT NULL,"
    "  SEQUENCE_NAME TEXT NOT NULL, ALWAYS INTEGER NOT NULL, ON_NULL INTEGER NOT NULL);";

static int fail(sqlite3 *db, ora_error *err)
{
    return ora_set(err, ORA_INTERNAL, 0, sqlite3_errmsg(db));
}

/* File identity ID of table TABLE_OBJ, drawing from OWNER.SEQUENCE. */
static int file_identity(sqlite3 *db, const sql_identity *id, uint32_t table_obj, const char *owner,
                         const char *sequence, ora_error *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "INSERT INTO WARDEN$IDENTITIES VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                           -1, &st, NULL) != SQLITE_OK)
        return fail(db, err);
    sqlite3_bind_text(st, 1, id->key, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, table_obj);
    sqlite3_bind_text(st, 3, id->column, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, owner, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, sequence, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 6, id->always);
    sqlite3_bind_int(st, 7, id->on_null);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : fail(db, err);
}

int identities_create(sqlite3 *db, const char *owner, uint32_t table_obj, const sql_identity *ids,
                      int n, ora_error *err)
{
    if (n && sqlite3_exec(db, identities_schema_sql, NULL, NULL, NULL) != SQLITE_OK)
        return fail(db, err);
    for (int i = 0; i < n; i++) {
        sequence_def d = {0};
        snprintf(d.owner, sizeof d.owner, "%s", owner);
        snprintf(d.name, sizeof d.name, "ISEQ$$_%u", table_obj);
        if (sequence_define(&d, &ids[i].options, 0, err) < 0 ||
            sequences_create(db, &d, err) < 0 ||
            file_identity(db, &ids[i], table_obj, owner, d.name, err) < 0)
            return -1;
    }
    return 0;
}

int identities_forget_orphans(sqlite3 *db)
{
    int before = sqlite3_total_changes(db);
    if (sqlite3_exec(db,
                     "DELETE FROM WARDEN$SEQUENCES WHERE EXISTS (SELECT 1 FROM WARDEN$IDENTITIES"
                     "  AS i WHERE i.SEQUENCE_OWNER = OWNER AND i.SEQUENCE_NAME = NAME"
                     "  AND i.TABLE_OBJ NOT IN (SELECT OBJ_ID FROM WARDEN$OBJECTS));"
                     "DELETE FROM WARDEN$IDENTITIES"
                     "  WHERE TABLE_OBJ NOT IN (SELECT OBJ_ID FROM WARDEN$OBJECTS);",
                     NULL, NULL, NULL) != SQLITE_OK)
        return -1;
    return sqlite3_total_changes(db) - before;
}

/* 1 with the first row of SQL (binding ?1 A, ?2 B) stepped in *ST, 0 with none, -1. */
static int first_row(sqlite3 *db, const char *sql, const char *a, const char *b, sqlite3_stmt **st)
{
    if (sqlite3_prepare_v2(db, sql, -1, st, NULL) != SQLITE_OK) {
        *st = NULL;
        return strstr(sqlite3_errmsg(db), "no such table") ? 0 : -1; /* a database before them */
    }
    sqlite3_bind_text(*st, 1, a, -1, SQLITE_STATIC);
    if (b) sqlite3_bind_text(*st, 2, b, -1, SQLITE_STATIC);
    int rc = sqlite3_step(*st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int identities_sequence(sqlite3 *db, const char *key, char *owner, char *name, size_t size)
{
    sqlite3_stmt *st;
    int rc = first_row(db,
                       "SELECT SEQUENCE_OWNER, SEQUENCE_NAME FROM WARDEN$IDENTITIES WHERE KEY = ?1",
                       key, NULL, &st);
    if (rc == 1) {
        snprintf(owner, size, "%s", (const char *)sqlite3_column_text(st, 0));
        snprintf(name, size, "%s", (const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_finalize(st);
    return rc;
}

int identities_of_table(sqlite3 *db, const char *table, sql_identity_column *id)
{
    sqlite3_stmt *st;
    int rc = first_row(db,
                       "SELECT i.COLUMN_NAME, c.cid, i.ALWAYS, i.ON_NULL, i.KEY"
                       " FROM WARDEN$OBJECTS AS o JOIN WARDEN$IDENTITIES AS i ON i.TABLE_OBJ = o.OBJ_ID"
                       " JOIN pragma_table_info(?1) AS c ON c.name = i.COLUMN_NAME"
                       " WHERE o.SQLITE_NAME = ?1",
                       table, NULL, &st);
    if (rc == 1) {
        snprintf(id->column, sizeof id->column, "%s", (const char *)sqlite3_column_text(st, 0));
        id->position = sqlite3_column_int(st, 1);
        id->always = sqlite3_column_int(st, 2);
        id->on_null = sqlite3_column_int(st, 3);
        snprintf(id->key, sizeof id->key, "%s", (const char *)sqlite3_column_text(st, 4));
    }
    sqlite3_finalize(st);
    return rc;
}

int identities_owns_sequence(sqlite3 *db, const char *owner, const char *name)
{
    sqlite3_stmt *st;
    int rc = first_row(db,
                       "SELECT 1 FROM WARDEN$IDENTITIES WHERE SEQUENCE_OWNER = ?1"
                       " AND SEQUENCE_NAME = ?2",
                       owner, name, &st);
    sqlite3_finalize(st);
    return rc;
}

int identities_each(sqlite3 *db, const char *owner, void (*fn)(void *arg, const identity_row *r),
                    void *arg)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           "SELECT i.SEQUENCE_OWNER, substr(o.SQLITE_NAME,"
                           " length(i.SEQUENCE_OWNER) + 2), i.COLUMN_NAME, i.ALWAYS, i.ON_NULL,"
                           " i.SEQUENCE_NAME FROM WARDEN$IDENTITIES AS i JOIN WARDEN$OBJECTS AS o"
                           " ON o.OBJ_ID = i.TABLE_OBJ WHERE ?1 IS NULL OR i.SEQUENCE_OWNER = ?1"
                           " ORDER BY 1, 2",
                           -1, &st, NULL) != SQLITE_OK)
        return strstr(sqlite3_errmsg(db), "no such table") ? 0 : -1;
    if (owner) sqlite3_bind_text(st, 1, owner, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        identity_row r = {(const char *)sqlite3_column_text(st, 0),
                          (const char *)sqlite3_column_text(st, 1),
                          (const char *)sqlite3_column_text(st, 2),
                          sqlite3_column_int(st, 3),
                          sqlite3_column_int(st, 4),
                          (const char *)sqlite3_column_text(st, 5)};
        fn(arg, &r);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}
