/*
 * fuzz_translate.c - libFuzzer target for the SQL front end: arbitrary bytes
 * as an Oracle statement.  Translation must end in SQLite text or an ORA-
 * error; the text must prepare in SQLite or fail with an error that maps to
 * an ORA- error; read-only results are stepped a little, which runs the
 * Oracle functions on whatever arguments the input produced.
 * Build: `make fuzz` (scripts/run-fuzz.sh links each target with the server sources).
 */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/ora_functions.h"
#include "sql/translate.h"

#define SQL_MAX 4096
#define STEP_ROWS 8
#define VM_STEPS_MAX 200000

static void check(int ok)
{
    if (!ok) abort();
}

static int stop_long_queries(void *arg)
{
    int *steps = arg;
    return ++*steps > VM_STEPS_MAX / 1000;
}

static sqlite3 *open_db(void)
{
    static struct ora_fn_ctx session = {.username = "SCOTT", .schema = "SCOTT"};
    static int steps;
    sqlite3 *db;
    check(sqlite3_open(":memory:", &db) == SQLITE_OK);
    sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DML, 0, (int *)0);
    sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DDL, 0, (int *)0);
    check(ora_functions_register(db, &session) == SQLITE_OK);
    check(sqlite3_exec(
              db,
              "CREATE TABLE \"SCOTT.EMP\" (EMPNO NUMBER(4), ENAME VARCHAR2(10), HIREDATE DATE,"
              " TERM INTERVAL DAY \"TO\" SECOND(2,6));"
              "INSERT INTO \"SCOTT.EMP\" VALUES (1, 'A', '2024-01-31 00:00:00', '+01 00:00:00.000000');",
              NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_progress_handler(db, 1000, stop_long_queries, &steps);
    steps = 0;
    return db;
}

static void check_error(const ora_error *err, const char *sql)
{
    check(err->code > 0);
    check(strncmp(err->msg, "ORA-", 4) == 0);
    check(err->offset >= 0 && err->offset <= (int)strlen(sql));
}

static void check_map(const sql_sqlite_text *t, const char *sql)
{
    int len = (int)strlen(sql), out = (int)strlen(t->sql);
    for (int i = 0; i < t->nmap; i++) {
        check(t->map[i].oracle_off >= 0 && t->map[i].oracle_off <= len);
        check(t->map[i].sqlite_off >= 0 && t->map[i].sqlite_off <= out);
        if (i) check(t->map[i - 1].sqlite_off <= t->map[i].sqlite_off);
    }
}

/* Prepare (and step a little) every statement of the translation on DB. */
static void run_on_sqlite(sqlite3 *db, const sql_stmt *st, const char *sql)
{
    const sql_sqlite_text *text = sql_stmt_sqlite_text(st);
    const char *p = text->sql;
    ora_error err;
    while (p && *p) {
        sqlite3_stmt *stmt = NULL;
        const char *tail = NULL;
        int rc = sqlite3_prepare_v2(db, p, -1, &stmt, &tail);
        if (rc != SQLITE_OK) {
            sql_map_sqlite_error(st, sql, rc, sqlite3_errmsg(db), sqlite3_error_offset(db), &err);
            check_error(&err, sql);
            return;
        }
        if (!stmt) return;
        for (int i = 1; i <= text->nbinds; i++)
            sqlite3_bind_int(stmt, i, i);
        for (int row = 0; sqlite3_stmt_readonly(stmt) && row < STEP_ROWS; row++) {
            rc = sqlite3_step(stmt);
            if (rc == SQLITE_ROW) continue;
            if (rc != SQLITE_DONE) {
                sql_map_sqlite_error(st, sql, rc, sqlite3_errmsg(db), sqlite3_error_offset(db),
                                     &err);
                check_error(&err, sql);
            }
            break;
        }
        sqlite3_finalize(stmt);
        p = tail;
    }
}

/* sql_ctx.column_type, as the engine's: the declared types of DB's tables. */
static int column_type(const char *table, const char *column, char *type, size_t size, void *arg)
{
    const char *decl = NULL;
    if (sqlite3_table_column_metadata(arg, "main", table, column, &decl, NULL, NULL, NULL, NULL))
        return 0;
    strncpy(type, decl ? decl : "", size - 1);
    type[size - 1] = 0;
    return 1;
}

/* sql_ctx.column_name, as the engine's: DB's table's columns in order. */
static int column_name(const char *table, int i, char *name, size_t size, void *arg)
{
    char sql[300];
    sqlite3_stmt *st;
    int found = 0;
    if (strchr(table, '"') || strlen(table) > 200) return 0;
    snprintf(sql, sizeof sql, "SELECT * FROM main.\"%s\"", table);
    if (sqlite3_prepare_v2(arg, sql, -1, &st, NULL) != SQLITE_OK) return 0;
    if (i < sqlite3_column_count(st)) {
        strncpy(name, sqlite3_column_name(st, i), size - 1);
        name[size - 1] = 0;
        found = 1;
    }
    sqlite3_finalize(st);
    return found;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static sqlite3 *db;
    if (!db) db = open_db();
    char sql[SQL_MAX + 1];
    if (size > SQL_MAX) size = SQL_MAX;
    memcpy(sql, data, size);
    sql[size] = 0;
    sql_ctx ctx = {.schema = "SCOTT", .column_type = column_type, .column_name = column_name,
                   .column_type_arg = db};
    sql_stmt st;
    ora_error err;
    if (sql_translate(sql, &ctx, &st, &err) < 0) {
        check_error(&err, sql);
        check(sql_stmt_sqlite_text(&st) == NULL || sql_stmt_sqlite_text(&st)->sql == NULL);
        return 0;
    }
    const sql_sqlite_text *text = sql_stmt_sqlite_text(&st);
    if (st.kind == SQLK_QUERY || st.kind == SQLK_DML || st.kind == SQLK_DDL)
        check(text && text->sql != NULL);
    if (text) {
        check_map(text, sql);
        check(sql_map_offset(&st, (int)(size % 97)) >= 0);
        run_on_sqlite(db, &st, sql);
    }
    sql_stmt_free(&st);
    return 0;
}
