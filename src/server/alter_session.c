/*
 * alter_session.c - ALTER SESSION carried out: the statement src/sql parsed
 * (alter_session_parse.c, which gives the syntax errors) changes the
 * session's settings where they are kept.
 *
 * The NLS parameters and TIME_ZONE live in the engine session's function
 * context (struct ora_nls, checked and set by ora_nls.c), which the SQL
 * functions, SYS_CONTEXT and NLS_SESSION_PARAMETERS read; CURRENT_SCHEMA in
 * the same context, which the translator resolves names with (privileges
 * stay the session user's); COMMIT IN PROCEDURE in the session.  Parameters
 * Oracle has and Warden does not honour answer ORA-03001 at their name; as
 * in Oracle, no privilege is needed.  The parameters of one statement are
 * set in order: one refused leaves those before it set.
 */
#include "alter_session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/catalog.h"
#include "../engine/ora_nls.h"
#include "../sga/sga.h"
#include "privilege_checks.h"
#include "sql_trace.h"

int alter_session_set_schema(session *s, const char *name, int offset, ora_error *err)
{
    catalog_user u;
    sqlite3 *db = eng_catalog_begin(s->eng, err);
    if (!db) return -1;
    int found = catalog_find_user(db, name, &u);
    eng_catalog_end(s->eng);
    if (found < 0) return ora_set(err, ORA_INTERNAL, 0, "catalog");
    if (!found) return ora_set(err, 1435, offset);
    struct ora_fn_ctx *ctx = eng_fn_ctx(s->eng);
    snprintf(ctx->schema, sizeof ctx->schema, "%s", u.name);
    ctx->schema_id = strcmp(u.name, s->user) ? u.user_id : 0;
    return 0;
}

static int set_schema(session *s, const sql_session_param *p, ora_error *err)
{
    return alter_session_set_schema(s, p->value, p->value_off, err);
}

/* READ COMMITTED is what every Warden transaction does; SERIALIZABLE it cannot. */
static int set_isolation_level(session *s, const sql_session_param *p, ora_error *err)
{
    if (!strcmp(p->value, "READ COMMITTED")) return 0;
    if (!strcmp(p->value, "SERIALIZABLE")) return ora_set(err, ORA_UNIMPLEMENTED, p->value_off);
    return ora_set(err, 922, p->value_off);
}

/* DDL_LOCK_TIMEOUT = seconds (0 .. 1,000,000): how long DDL waits for its table's lock. */
static int set_ddl_lock_timeout(session *s, const sql_session_param *p, ora_error *err)
{
    char *end;
    long v = strtol(p->value, &end, 10);
    if (p->quoted || *end || end == p->value) return ora_set(err, 2017, p->value_off);
    if (v < 0 || v > 1000000)
        return ora_set(err, 68, p->value_off, p->value, "ddl_lock_timeout", "0", "1000000");
    eng_set_ddl_lock_timeout(s->eng, (int)v);
    return 0;
}

/* SQL_TRACE = TRUE | FALSE: the session's calls go to its trace file (sql_trace.h); it needs
 * ALTER SESSION, as in Oracle. */
static int set_sql_trace(session *s, const sql_session_param *p, ora_error *err)
{
    int on = !strcmp(p->value, "TRUE");
    if (!on && strcmp(p->value, "FALSE")) return ora_set(err, 922, p->value_off);
    if (need_privilege(s, "ALTER SESSION", err) < 0) return -1;
    return sql_trace_set(s, on ? SGA_TRACE_ON : 0, err);
}

/* ORA$BASE, the one edition there is, is the session's already. */
static int set_edition(session *s, const sql_session_param *p, ora_error *err)
{
    return strcmp(p->value, "ORA$BASE") ? ora_set(err, 38802, p->value_off) : 0;
}

/* CDB$ROOT, the one container there is (CON_NAME), is the session's already. */
static int set_container(session *s, const sql_session_param *p, ora_error *err)
{
    return strcmp(p->value, "CDB$ROOT") ? ora_set(err, 65011, p->value_off, p->value) : 0;
}

static const struct {
    const char *name;
    int (*set)(session *s, const sql_session_param *p, ora_error *err);
} setters[] = {
    {"CURRENT_SCHEMA", set_schema},
    {"ISOLATION_LEVEL", set_isolation_level},
    {"DDL_LOCK_TIMEOUT", set_ddl_lock_timeout},
    {"SQL_TRACE", set_sql_trace},
    {"EDITION", set_edition},
    {"CONTAINER", set_container},
};

static int set_parameter(session *s, const sql_session_param *p, ora_error *err)
{
    int rc = ora_nls_set(&eng_fn_ctx(s->eng)->nls, p->name, p->value, p->value_off, err);
    if (rc <= 0) return rc;
    for (size_t i = 0; i < sizeof setters / sizeof *setters; i++)
        if (!strcmp(setters[i].name, p->name)) return setters[i].set(s, p, err);
    return ora_set(err, ORA_UNIMPLEMENTED, p->name_off);
}

int alter_session_run(session *s, const sql_alter_session_stmt *as, ora_error *err)
{
    switch (as->action) {
    case ALTER_SESSION_ENABLE_COMMIT: s->commit_in_procedure_off = 0; return 0;
    case ALTER_SESSION_DISABLE_COMMIT: s->commit_in_procedure_off = 1; return 0;
    case ALTER_SESSION_SET: break;
    }
    for (int i = 0; i < as->nparams; i++)
        if (set_parameter(s, &as->params[i], err) < 0) return -1;
    return 0;
}
