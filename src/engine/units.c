/*
 * units.c - the catalog of stored PL/SQL (see units.h): the text, status
 * and compile errors of each procedure, function, package and package body,
 * in two of Warden's own tables next to WARDEN$OBJECTS.  A package and its
 * body share a name, so a unit's key is its owner, name and type.
 */
#include "units.h"

#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"

static const char units_schema_sql[] =
    "CREATE TABLE IF NOT EXISTS WARDEN$SOURCE (OWNER TEXT NOT NULL, NAME TEXT NOT NULL,"
    "  TYPE TEXT NOT NULL, TEXT TEXT NOT NULL, STATUS TEXT NOT NULL,"
    "  PRIMARY KEY (OWNER, NAME, TYPE));"
    "CREATE TABLE IF NOT EXISTS WARDEN$ERRORS (OWNER TEXT NOT NULL, NAME TEXT NOT NULL,"
    "  TYPE TEXT NOT NULL, SEQUENCE INTEGER NOT NULL, LINE INTEGER NOT NULL,"
    "  POSITION INTEGER NOT NULL, TEXT TEXT NOT NULL,"
    "  PRIMARY KEY (OWNER, NAME, TYPE, SEQUENCE));";

/* Tables of a data directory from before packages, keyed without TYPE, rebuilt keyed with it. */
static const char upgrade_sql[] =
    "ALTER TABLE WARDEN$SOURCE RENAME TO WARDEN$SOURCE_OLD;"
    "ALTER TABLE WARDEN$ERRORS RENAME TO WARDEN$ERRORS_OLD;"
    "%s"
    "INSERT INTO WARDEN$SOURCE SELECT * FROM WARDEN$SOURCE_OLD;"
    "INSERT INTO WARDEN$ERRORS SELECT * FROM WARDEN$ERRORS_OLD;"
    "DROP TABLE WARDEN$SOURCE_OLD; DROP TABLE WARDEN$ERRORS_OLD;";

int units_create_tables(sqlite3 *db)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           "SELECT 1 FROM main.sqlite_schema WHERE name = 'WARDEN$SOURCE'"
                           " AND sql NOT LIKE '%PRIMARY KEY (OWNER, NAME, TYPE)%'",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    int old = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    if (!old) return sqlite3_exec(db, units_schema_sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
    char *sql = sqlite3_mprintf(upgrade_sql, units_schema_sql);
    int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    sqlite3_free(sql);
    return rc == SQLITE_OK ? 0 : -1;
}

static int fail(sqlite3 *db, ora_error *err)
{
    return ora_set(err, ORA_INTERNAL, 0, sqlite3_errmsg(db));
}

/* Prepare SQL with text parameters ARGS (NULL-terminated). */
static sqlite3_stmt *prepare(sqlite3 *db, const char *sql, const char *const *args)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return NULL;
    for (int i = 0; args && args[i]; i++) sqlite3_bind_text(st, i + 1, args[i], -1, SQLITE_STATIC);
    return st;
}

/* Run a statement that returns no rows; 0 or -1 with ERR. */
static int run(sqlite3 *db, const char *sql, const char *const *args, ora_error *err)
{
    sqlite3_stmt *st = prepare(db, sql, args);
    if (!st) return fail(db, err);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : fail(db, err);
}

int units_find(sqlite3 *db, const char *owner, const char *name, const char *type, char **text,
               int *valid, ora_error *err)
{
    const char *args[] = {owner, name, type ? type : "PACKAGE BODY", NULL};
    sqlite3_stmt *st = prepare(db,
                               type ? "SELECT TEXT, STATUS FROM WARDEN$SOURCE WHERE OWNER = ?1 "
                                      "AND NAME = ?2 AND TYPE = ?3"
                                    : "SELECT TEXT, STATUS FROM WARDEN$SOURCE WHERE OWNER = ?1 "
                                      "AND NAME = ?2 AND TYPE <> ?3",
                               args);
    if (!st) return fail(db, err);
    int rc = sqlite3_step(st), found = rc == SQLITE_ROW;
    if (found) {
        *text = strdup((const char *)sqlite3_column_text(st, 0));
        *valid = !strcmp((const char *)sqlite3_column_text(st, 1), "VALID");
    }
    sqlite3_finalize(st);
    if (!found && rc != SQLITE_DONE) return fail(db, err);
    return found;
}

/* Is OWNER.NAME taken by another kind of object (a table, a view, another unit's type)?  A
 * package and its body share their name; a unit of U's type takes it unless OR_REPLACE. */
static int name_taken(sqlite3 *db, const unit_row *u, int or_replace)
{
    buf full;
    buf_init(&full);
    buf_printf(&full, "%s.%s", u->owner, u->name);
    const char *args[] = {buf_cstr(&full), u->owner, u->name, u->type, NULL};
    sqlite3_stmt *st = prepare(
        db,
        "SELECT 1 FROM main.sqlite_schema WHERE name = ?1 AND type IN ('table', 'view') "
        "UNION ALL SELECT CASE WHEN TYPE = ?4 THEN 0 WHEN TYPE || ' BODY' = ?4 "
        "OR ?4 || ' BODY' = TYPE THEN 2 ELSE 1 END FROM WARDEN$SOURCE "
        "WHERE OWNER = ?2 AND NAME = ?3",
        args);
    int taken = 0;
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        int kind = sqlite3_column_int(st, 0);
        taken |= kind == 1 || (kind == 0 && !or_replace);
    }
    sqlite3_finalize(st);
    buf_free(&full);
    return taken;
}

int units_drop_owner(sqlite3 *db, const char *owner, ora_error *err)
{
    const char *key[] = {owner, NULL};
    if (run(db, "DELETE FROM WARDEN$ERRORS WHERE OWNER = ?1", key, err) < 0) return -1;
    return run(db, "DELETE FROM WARDEN$SOURCE WHERE OWNER = ?1", key, err);
}

int units_store(sqlite3 *db, const unit_row *u, int or_replace, const unit_message *errors, int n,
                ora_error *err)
{
    if (name_taken(db, u, or_replace)) return ora_set(err, 955, 0);
    const char *key[] = {u->owner, u->name, u->type, NULL};
    const char *row[] = {u->owner, u->name, u->type, u->text, n ? "INVALID" : "VALID", NULL};
    if (run(db, "DELETE FROM WARDEN$ERRORS WHERE OWNER = ?1 AND NAME = ?2 AND TYPE = ?3", key,
            err) < 0 ||
        run(db,
            "INSERT OR REPLACE INTO WARDEN$SOURCE (OWNER, NAME, TYPE, TEXT, STATUS) "
            "VALUES (?1, ?2, ?3, ?4, ?5)",
            row, err) < 0)
        return -1;
    if (!n) return 0;
    sqlite3_stmt *st = prepare(db,
                               "INSERT INTO WARDEN$ERRORS (OWNER, NAME, TYPE, SEQUENCE, LINE, "
                               "POSITION, TEXT) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                               row);
    if (!st) return fail(db, err);
    int rc = SQLITE_DONE;
    for (int i = 0; i < n && rc == SQLITE_DONE; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int(st, 4, i + 1);
        sqlite3_bind_int(st, 5, errors[i].line);
        sqlite3_bind_int(st, 6, errors[i].position);
        sqlite3_bind_text(st, 7, errors[i].text, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : fail(db, err);
}

int units_drop(sqlite3 *db, const char *owner, const char *name, const char *type,
               ora_error *err)
{
    /* DROP PACKAGE takes its body with it */
    const char *args[] = {owner, name, type, strcmp(type, "PACKAGE") ? type : "PACKAGE BODY", NULL};
    if (run(db,
            "DELETE FROM WARDEN$SOURCE WHERE OWNER = ?1 AND NAME = ?2 AND TYPE IN (?3, ?4)",
            args, err) < 0)
        return -1;
    if (sqlite3_changes(db) == 0) return ora_set(err, 4043, 0, name);
    return run(db, "DELETE FROM WARDEN$ERRORS WHERE OWNER = ?1 AND NAME = ?2 AND TYPE IN (?3, ?4)",
               args, err);
}

int units_each(sqlite3 *db, const char *owner, void (*fn)(void *, const unit_row *), void *arg)
{
    const char *args[] = {owner, NULL};
    sqlite3_stmt *st = prepare(db,
                               "SELECT OWNER, NAME, TYPE, TEXT, STATUS FROM WARDEN$SOURCE "
                               "WHERE ?1 IS NULL OR OWNER = ?1 ORDER BY OWNER, NAME, TYPE",
                               owner ? args : NULL);
    if (!st) return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        unit_row u = {(const char *)sqlite3_column_text(st, 0),
                      (const char *)sqlite3_column_text(st, 1),
                      (const char *)sqlite3_column_text(st, 2),
                      (const char *)sqlite3_column_text(st, 3),
                      !strcmp((const char *)sqlite3_column_text(st, 4), "VALID")};
        fn(arg, &u);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int units_each_error(sqlite3 *db, const char *owner, void (*fn)(void *, const unit_error *),
                     void *arg)
{
    const char *args[] = {owner, NULL};
    sqlite3_stmt *st = prepare(db,
                               "SELECT OWNER, NAME, TYPE, SEQUENCE, LINE, POSITION, TEXT "
                               "FROM WARDEN$ERRORS WHERE ?1 IS NULL OR OWNER = ?1 "
                               "ORDER BY OWNER, NAME, TYPE, SEQUENCE",
                               owner ? args : NULL);
    if (!st) return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        unit_error e = {.owner = (const char *)sqlite3_column_text(st, 0),
                        .name = (const char *)sqlite3_column_text(st, 1),
                        .type = (const char *)sqlite3_column_text(st, 2),
                        .sequence = sqlite3_column_int(st, 3),
                        .line = sqlite3_column_int(st, 4),
                        .position = sqlite3_column_int(st, 5),
                        .text = (const char *)sqlite3_column_text(st, 6)};
        fn(arg, &e);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}
