/*
 * commands.c - statements Warden runs itself rather than handing to SQLite:
 * transaction control, users, profiles and grants (object privileges:
 * object_grant_commands.c), ALTER SYSTEM and ALTER SESSION.
 * (PL/SQL blocks are run by calls.c and, nested, by plsql_host.c.)
 *
 * Each checks the privilege Oracle asks for (CREATE USER, GRANT ANY ROLE,
 * ALTER SYSTEM ...) before doing anything, and ORA-01031 without it.
 */
#include "commands.h"

#include <string.h>

#include "../engine/catalog.h"
#include "../engine/comments.h"
#include "../sga/cluster.h"
#include "../sga/sga.h"
#include "alter_session.h"
#include "alter_system.h"
#include "object_grant_commands.h"
#include "session_state.h"
#include "privilege_checks.h"
#include "sequence_commands.h"
#include "unit_commands.h"

/* Every session sees grant changes before its next statement (roles: at its next logon). */
static void grants_changed(void)
{
    if (the_cluster) cluster_grants_changed(the_cluster);
}

/* Has USER a session now (V$SESSION shows it, also while it is being killed)? */
static int user_connected(const char *user)
{
    for (int sid = 1; the_sga && sid <= the_sga->nsessions; sid++) {
        sga_session g;
        sga_read_session(the_sga, sid, &g);
        if (g.type == SGA_USER && !strcmp(g.username, user)) return 1;
    }
    return 0;
}

static int change_user(sqlite3 *db, const sql_stmt *st, ora_error *err)
{
    const sql_user_stmt *u = &st->user;
    if (st->kind == SQLK_CREATE_USER)
        return catalog_create_user(db, u->name, u->password, u->profile, err);
    if (st->kind == SQLK_ALTER_USER)
        return catalog_alter_user(db, u->name, u->password, u->account_lock, u->profile, err);
    return catalog_drop_user(db, u->name, u->cascade, user_connected(u->name), err);
}

static int user_command(session *s, const sql_stmt *st, ora_error *err)
{
    static const char *const needed[] = {
        [SQLK_CREATE_USER] = "CREATE USER",
        [SQLK_ALTER_USER] = "ALTER USER",
        [SQLK_DROP_USER] = "DROP USER",
    };
    const sql_user_stmt *u = &st->user;
    int self_password = st->kind == SQLK_ALTER_USER && !strcmp(u->name, s->user) && u->password &&
                        !u->account_lock && !u->profile;
    if (!self_password && need_privilege(s, needed[st->kind], err) < 0) return -1;
    sqlite3 *db = eng_catalog_begin(s->eng, err);
    if (!db) return -1;
    int rc = catalog_change_begin(db, err); /* all or nothing */
    if (rc == 0) rc = change_user(db, st, err);
    rc = catalog_change_end(db, rc, err);
    eng_catalog_end(s->eng);
    if (st->kind == SQLK_DROP_USER && rc == 0) grants_changed();
    return rc;
}

static int change_profile(sqlite3 *db, const sql_stmt *st, ora_error *err)
{
    const sql_profile_stmt *p = &st->profile;
    if (st->kind == SQLK_DROP_PROFILE) return catalog_drop_profile(db, p->name, p->cascade, err);
    int rc = st->kind == SQLK_CREATE_PROFILE ? catalog_create_profile(db, p->name, err)
                                             : catalog_check_profile(db, p->name, err);
    for (int i = 0; rc == 0 && i < p->nlimits; i++)
        rc = catalog_set_profile_limit(db, p->name, p->limits[i].resource, p->limits[i].value,
                                       err);
    return rc;
}

/* CREATE / ALTER / DROP PROFILE: all or nothing. */
static int profile_command(session *s, const sql_stmt *st, ora_error *err)
{
    static const char *const needed[] = {
        [SQLK_CREATE_PROFILE] = "CREATE PROFILE",
        [SQLK_ALTER_PROFILE] = "ALTER PROFILE",
        [SQLK_DROP_PROFILE] = "DROP PROFILE",
    };
    if (need_privilege(s, needed[st->kind], err) < 0) return -1;
    sqlite3 *db = eng_catalog_begin(s->eng, err);
    if (!db) return -1;
    int rc = catalog_change_begin(db, err);
    if (rc == 0) rc = change_profile(db, st, err);
    rc = catalog_change_end(db, rc, err);
    eng_catalog_end(s->eng);
    return rc;
}

/* COMMENT ON TABLE / COLUMN: DDL (it commits); another schema's table needs COMMENT ANY TABLE. */
static int comment_command(session *s, const sql_stmt *st, ora_error *err)
{
    const sql_comment_stmt *c = &st->comment;
    if (may_change_schema(s, c->table.schema, NULL, "COMMENT ANY TABLE", err) < 0) return -1;
    sqlite3 *db = eng_catalog_begin(s->eng, err);
    if (!db) return -1;
    int rc = catalog_change_begin(db, err);
    if (rc == 0) rc = comments_set(db, c->table.schema, c->table.name, c->column, c->text, err);
    rc = catalog_change_end(db, rc, err);
    eng_catalog_end(s->eng);
    return rc;
}

/* Does the statement grant to (or revoke from) PUBLIC? */
static int names_public(const sql_grant_stmt *g)
{
    for (int j = 0; j < g->ngrantees; j++)
        if (!strcmp(g->grantees[j], "PUBLIC")) return 1;
    return 0;
}

/*
 * May the session grant (or revoke) what ST names?  System privileges need
 * GRANT ANY PRIVILEGE, roles GRANT ANY ROLE, SYSDBA and SYSOPER a session
 * logged on AS SYSDBA.  The ADMIN OPTION and grants of system privileges or
 * roles to PUBLIC are not kept.
 */
static int may_grant(session *s, const sql_grant_stmt *g, ora_error *err)
{
    if (g->admin_option || g->grant_option || names_public(g))
        return ora_set(err, ORA_UNIMPLEMENTED, 0);
    for (int i = 0; i < g->nprivileges; i++) {
        int index, rc = 0;
        switch (catalog_grant_kind(g->privileges[i], &index)) {
        case GRANT_SYSTEM: rc = need_privilege(s, "GRANT ANY PRIVILEGE", err); break;
        case GRANT_ROLE: rc = need_privilege(s, "GRANT ANY ROLE", err); break;
        case GRANT_ADMIN: rc = need_privilege(s, "SYSDBA", err); break;
        default: rc = ora_set(err, 990, 0); break;
        }
        if (rc < 0) return -1;
    }
    return 0;
}

static int grant_command(session *s, const sql_stmt *st, ora_error *err)
{
    const sql_grant_stmt *g = &st->grant;
    if (g->object.name) { /* an object privilege: all or nothing */
        int rc = object_grant_command(s, st, err);
        if (rc == 0) grants_changed();
        return rc;
    }
    if (may_grant(s, g, err) < 0) return -1;
    sqlite3 *db = eng_catalog_begin(s->eng, err);
    if (!db) return -1;
    int rc = 0;
    for (int i = 0; rc == 0 && i < g->nprivileges; i++)
        for (int j = 0; rc == 0 && j < g->ngrantees; j++)
            rc = st->kind == SQLK_GRANT ? catalog_grant(db, g->privileges[i], g->grantees[j], err)
                                        : catalog_revoke(db, g->privileges[i], g->grantees[j], err);
    eng_catalog_end(s->eng);
    grants_changed(); /* also after a partial failure: the first grants are in */
    return rc;
}

/* ALTER SESSION DISABLE COMMIT IN PROCEDURE: no COMMIT / ROLLBACK inside PL/SQL (ORA-00034). */
static int plsql_may_not_end(const session *s, const char *verb, ora_error *err)
{
    return s->in_plsql && s->commit_in_procedure_off ? ora_set(err, 34, 0, verb) : 0;
}

int command_run(session *s, eng_cursor *ec, ora_error *err)
{
    const sql_stmt *st = eng_cursor_stmt(ec);
    switch (st->kind) {
    case SQLK_COMMIT:
        if (plsql_may_not_end(s, "COMMIT", err)) return -1;
        session_state_count_commit(s, 0);
        return eng_commit(s->eng, err);
    case SQLK_ROLLBACK:
        if (st->savepoint.name) return eng_savepoint(s->eng, st->savepoint.name, 1, err);
        if (plsql_may_not_end(s, "ROLLBACK", err)) return -1;
        session_state_count_commit(s, 1);
        return eng_rollback(s->eng, err);
    case SQLK_SAVEPOINT: return eng_savepoint(s->eng, st->savepoint.name, 0, err);
    case SQLK_CREATE_USER:
    case SQLK_ALTER_USER:
    case SQLK_DROP_USER: return user_command(s, st, err);
    case SQLK_GRANT:
    case SQLK_REVOKE: return grant_command(s, st, err);
    case SQLK_ALTER_SYSTEM:
        if (need_privilege(s, "ALTER SYSTEM", err) < 0) return -1;
        return alter_system_run(s, &st->alter_system, err);
    case SQLK_CREATE_PROFILE:
    case SQLK_ALTER_PROFILE:
    case SQLK_DROP_PROFILE: return profile_command(s, st, err);
    case SQLK_ALTER_SESSION: return alter_session_run(s, &st->alter_session, err);
    case SQLK_CREATE_UNIT:
    case SQLK_DROP_UNIT:
    case SQLK_ALTER_UNIT: return unit_command(s, st, err);
    case SQLK_COMMENT: return comment_command(s, st, err);
    case SQLK_SEQUENCE: return sequence_command(s, st, err);
    default:
        return ora_set(err, ORA_INVALID_SQL, 0);
    }
}
