/*
 * unit_commands.c - CREATE [OR REPLACE] PROCEDURE / FUNCTION / PACKAGE
 * [BODY], their DROP and ALTER ... COMPILE: DDL, so the open transaction
 * commits first.
 *
 * CREATE compiles the unit (src/plsql, resolving the units it calls
 * through the session's host, s->plsql) and keeps it either way, as Oracle does: VALID, or
 * INVALID with its errors for USER_ERRORS and SHOW ERRORS - the call then
 * succeeds with ORA-24344's warning ("success with compilation error"),
 * which drivers and wsql report.  The unit's object number comes from
 * objects_sync in the same catalog transaction.
 */
#include "unit_commands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/catalog.h"
#include "../engine/objects.h"
#include "../engine/units.h"
#include "../plsql/plsql.h"
#include "privilege_checks.h"

#define MAX_UNIT_ERRORS 8

/* The messages of a compile ERR ("ORA-06550: line L, column C:\nPLS-...", one after another,
 * as Oracle lists them: the error, then "PL/SQL: Statement ignored") into OUT: how many. */
static int compile_messages(const ora_error *err, unit_message *out)
{
    int n = 0;
    for (const char *m = err->msg; m && n < MAX_UNIT_ERRORS; n++) {
        unit_message *u = &out[n];
        if (sscanf(m, "ORA-06550: line %d, column %d:", &u->line, &u->position) != 2) {
            u->line = u->position = 0;
        } else if (strchr(m, '\n')) {
            m = strchr(m, '\n') + 1;
        }
        const char *next = strstr(m, "\nORA-06550: ");
        size_t len = next ? (size_t)(next - m) : strlen(m);
        snprintf(u->text, sizeof u->text, "%.*s", (int)len, m);
        m = next ? next + 1 : NULL;
    }
    return n;
}

/* Store the unit (with its first error when it did not compile) and number it. */
static int store(session *s, const sql_unit_stmt *u, const char *schema, const char *name,
                 const ora_error *compile, ora_error *err)
{
    unit_row row = {schema, name, sql_unit_type_names[u->type], u->text, !compile};
    unit_message messages[MAX_UNIT_ERRORS];
    int nmessages = compile ? compile_messages(compile, messages) : 0;
    char full[300];
    snprintf(full, sizeof full, "%s.%s%s", schema, name,
             u->type == SQL_UNIT_PACKAGE_BODY ? OBJECTS_BODY_MARK : "");
    sqlite3 *db = eng_catalog_begin(s->eng, err);
    if (!db) return -1;
    int rc = catalog_change_begin(db, err);
    if (rc == 0) rc = units_store(db, &row, u->or_replace, messages, nmessages, err);
    if (rc == 0 && objects_sync(db, full) < 0)
        rc = ora_set(err, ORA_INTERNAL, 0, sqlite3_errmsg(db));
    rc = catalog_change_end(db, rc, err);
    eng_catalog_end(s->eng);
    return rc;
}

/*
 * Compile U's text and keep it (STATUS INVALID with its errors when it does
 * not compile, then *WARNED): under SCHEMA, or for a CREATE (SCHEMA NULL)
 * the schema the text names, else the session's - which the session must
 * be allowed to create in.  0, or -1 with ERR.
 */
static int compile_and_store(session *s, const sql_unit_stmt *u, const char *schema, int *warned,
                             ora_error *err)
{
    char owner[130], name[130];
    int type;
    ora_error compile;
    int rc = plsql_compile_unit(u->text, &s->plsql, owner, name, sizeof name, &type, &compile);
    if (rc < 0) {
        *err = compile;
        return -1;
    }
    if (!schema) {
        schema = owner[0] ? owner : eng_user(s->eng);
        if (may_change_schema(s, schema, "CREATE PROCEDURE", "CREATE ANY PROCEDURE", err) < 0)
            return -1;
    }
    if (store(s, u, schema, name, rc ? &compile : NULL, err) < 0) return -1;
    *warned |= rc != 0;
    return 0;
}

static int create_unit(session *s, const sql_unit_stmt *u, ora_error *err)
{
    int warned = 0;
    if (compile_and_store(s, u, NULL, &warned, err) < 0) return -1;
    s->compile_warning = warned;
    return 0;
}

/* The text of SCHEMA's unit NAME of TYPE (malloc'ed), NULL when there is none. */
static char *unit_text(session *s, const char *schema, const char *name, sql_unit_type type)
{
    char *text = NULL;
    int valid;
    ora_error ignored;
    sqlite3 *db = eng_catalog_read_begin(s->eng);
    if (units_find(db, schema, name, sql_unit_type_names[type], &text, &valid, &ignored) <= 0)
        text = NULL;
    eng_catalog_read_end(s->eng);
    return text;
}

/* ALTER PROCEDURE | FUNCTION | PACKAGE [BODY] name COMPILE: its text compiled again, its
 * STATUS and errors as it compiles now; a package's body too unless SPECIFICATION is said. */
static int compile_unit(session *s, const sql_unit_stmt *u, ora_error *err)
{
    const char *schema = u->owner ? u->owner : eng_user(s->eng);
    if (may_change_schema(s, schema, "CREATE PROCEDURE", "ALTER ANY PROCEDURE", err) < 0) return -1;
    char *text = unit_text(s, schema, u->name, u->type);
    if (!text) return ora_set(err, 4043, 0, u->name);
    int warned = 0;
    sql_unit_stmt again = {.text = text, .type = u->type, .or_replace = 1};
    int rc = compile_and_store(s, &again, schema, &warned, err);
    free(text);
    if (rc == 0 && u->type == SQL_UNIT_PACKAGE && !u->spec_only &&
        (text = unit_text(s, schema, u->name, SQL_UNIT_PACKAGE_BODY))) {
        again = (sql_unit_stmt){.text = text, .type = SQL_UNIT_PACKAGE_BODY, .or_replace = 1};
        rc = compile_and_store(s, &again, schema, &warned, err);
        free(text);
    }
    s->compile_warning = rc == 0 && warned;
    return rc;
}

static int drop_unit(session *s, const sql_unit_stmt *u, ora_error *err)
{
    const char *schema = u->owner ? u->owner : eng_user(s->eng);
    if (may_change_schema(s, schema, "CREATE PROCEDURE", "DROP ANY PROCEDURE", err) < 0) return -1;
    sqlite3 *db = eng_catalog_begin(s->eng, err);
    if (!db) return -1;
    int rc = catalog_change_begin(db, err);
    if (rc == 0)
        rc = units_drop(db, schema, u->name, sql_unit_type_names[u->type], err);
    if (rc == 0 && objects_sync(db, NULL) < 0)
        rc = ora_set(err, ORA_INTERNAL, 0, sqlite3_errmsg(db));
    rc = catalog_change_end(db, rc, err);
    eng_catalog_end(s->eng);
    return rc;
}

int unit_command(session *s, const sql_stmt *st, ora_error *err)
{
    if (st->kind == SQLK_ALTER_UNIT) return compile_unit(s, &st->unit, err);
    return st->kind == SQLK_CREATE_UNIT ? create_unit(s, &st->unit, err)
                                        : drop_unit(s, &st->unit, err);
}
