/*
 * comments.c - the comments of tables and columns (see comments.h).  A
 * table's own comment has COLUMN_NAME '' so that one primary key covers
 * both kinds.
 */
#include "comments.h"

#include <stdio.h>
#include <string.h>

/* The tables and views of users (S: main's schema), OWNER's only when ?1 is not NULL. */
#define USER_TABLES                                                                                \
    " WHERE s.type IN ('table', 'view') AND s.name NOT LIKE 'WARDEN$%' AND instr(s.name, '.') > 0" \
    " AND (?1 IS NULL OR s.name LIKE ?1 || '.%') "

const char comments_sync_sql[] =
    "CREATE TABLE IF NOT EXISTS WARDEN$COMMENTS (OWNER TEXT NOT NULL, TABLE_NAME TEXT NOT NULL,"
    "  COLUMN_NAME TEXT NOT NULL, COMMENTS TEXT NOT NULL,"
    "  PRIMARY KEY (OWNER, TABLE_NAME, COLUMN_NAME));"
    "DELETE FROM WARDEN$COMMENTS WHERE OWNER || '.' || TABLE_NAME NOT IN"
    "  (SELECT name FROM main.sqlite_schema WHERE type IN ('table', 'view'));";

static int fail(sqlite3 *db, ora_error *err)
{
    return ora_set(err, ORA_INTERNAL, 0, sqlite3_errmsg(db));
}

/* 1 when SQL (binding ?1 the table's name, ?2 COLUMN) gives a row, 0 when not, -1. */
static int exists(sqlite3 *db, const char *sql, const char *name, const char *column)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return -1;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    if (column) sqlite3_bind_text(st, 2, column, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int comments_set(sqlite3 *db, const char *owner, const char *table, const char *column,
                 const char *text, ora_error *err)
{
    char name[300];
    snprintf(name, sizeof name, "%s.%s", owner, table);
    int rc = exists(db, "SELECT 1 FROM main.sqlite_schema WHERE name = ?1 AND type IN "
                        "('table', 'view')", name, NULL);
    if (rc < 0) return fail(db, err);
    if (rc == 0) return ora_set(err, ORA_TABLE_NOT_EXIST, 0);
    if (column) {
        rc = exists(db, "SELECT 1 FROM pragma_table_info(?1, 'main') WHERE name = ?2", name,
                    column);
        if (rc < 0) return fail(db, err);
        char quoted[140];
        snprintf(quoted, sizeof quoted, "\"%s\"", column);
        if (rc == 0) return ora_set(err, 904, 0, quoted); /* invalid identifier */
    }
    sqlite3_stmt *st;
    const char *sql = text ? "INSERT OR REPLACE INTO WARDEN$COMMENTS VALUES (?1, ?2, ?3, ?4)"
                           : "DELETE FROM WARDEN$COMMENTS WHERE OWNER = ?1 AND TABLE_NAME = ?2 "
                             "AND COLUMN_NAME = ?3";
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return fail(db, err);
    sqlite3_bind_text(st, 1, owner, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, table, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, column ? column : "", -1, SQLITE_STATIC);
    if (text) sqlite3_bind_text(st, 4, text, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : fail(db, err);
}

int comments_each(sqlite3 *db, const char *owner, int columns,
                  void (*fn)(void *arg, const comment_row *r), void *arg)
{
    const char *sql =
        columns ? "SELECT s.name, s.type, p.name, c.COMMENTS FROM main.sqlite_schema AS s "
                  "JOIN pragma_table_info(s.name, 'main') AS p "
                  "LEFT JOIN WARDEN$COMMENTS AS c ON c.OWNER || '.' || c.TABLE_NAME = s.name "
                  "AND c.COLUMN_NAME = p.name" USER_TABLES "ORDER BY s.name, p.cid"
                : "SELECT s.name, s.type, NULL, c.COMMENTS FROM main.sqlite_schema AS s "
                  "LEFT JOIN WARDEN$COMMENTS AS c ON c.OWNER || '.' || c.TABLE_NAME = s.name "
                  "AND c.COLUMN_NAME = ''" USER_TABLES "ORDER BY s.name";
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return -1;
    if (owner) sqlite3_bind_text(st, 1, owner, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0), *dot = strchr(name, '.');
        comment_row r = {.type = !strcmp((const char *)sqlite3_column_text(st, 1), "view") ? "VIEW"
                                                                                           : "TABLE",
                         .column = (const char *)sqlite3_column_text(st, 2),
                         .comment = (const char *)sqlite3_column_text(st, 3)};
        snprintf(r.owner, sizeof r.owner, "%.*s", (int)(dot - name), name);
        snprintf(r.table, sizeof r.table, "%s", dot + 1);
        fn(arg, &r);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}
