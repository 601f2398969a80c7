/*
 * object_grant_commands.c - GRANT / REVOKE privilege [, ...] ON [schema.]object
 * TO / FROM grantee [, ...] [WITH GRANT OPTION], as Oracle 19c does them
 * (object_grants.h keeps them).
 *
 * Who may grant: the owner; a user holding the privilege WITH GRANT OPTION
 * (the grantor recorded is that user); a user with GRANT ANY OBJECT
 * PRIVILEGE (recorded as the owner's grant, as Oracle does).  A revoke takes
 * back the revoker's own grants (with GRANT ANY OBJECT PRIVILEGE, the
 * owner's too), and then every grant that stood on them (cascade).
 * Grantees: users, PUBLIC, and the fixed roles (their holders have the
 * privilege in sessions that enabled the role at logon).
 */
#include "object_grant_commands.h"

#include <stdio.h>
#include <string.h>

#include "../engine/catalog.h"
#include "../engine/object_grants.h"

/* The privileges named (ALL [PRIVILEGES]: every one the object takes) into *PRIVS. */
static int named_privileges(const sql_grant_stmt *g, unsigned *privs, int *all, ora_error *err)
{
    *privs = 0;
    *all = 0;
    for (int i = 0; i < g->nprivileges; i++) {
        const char *name = g->privileges[i];
        int p = object_priv_find(name);
        if (!strcmp(name, "ALL") || !strcmp(name, "ALL PRIVILEGES")) *all = 1;
        else if (p >= 0) *privs |= OBJ_BIT(p);
        else return ora_set(err, 990, 0);
    }
    return 0;
}

/* Oracle's error for privileges an object of type TYPE does not take. */
static int wrong_privilege(const char *type, ora_error *err)
{
    if (!strcmp(type, "TABLE")) return ora_set(err, 2224, 0);
    if (!strcmp(type, "VIEW")) return ora_set(err, 2204, 0);
    if (!strcmp(type, "SEQUENCE")) return ora_set(err, 2205, 0);
    return ora_set(err, 2225, 0);
}

/* What the session holds on O: through grants to its user and to PUBLIC. */
static int held_on(sqlite3 *db, const object_ref *o, const char *user, unsigned *privs,
                   unsigned *grantable)
{
    unsigned p2, g2;
    if (object_grants_held(db, o->id, user, privs, grantable) < 0 ||
        object_grants_held(db, o->id, "PUBLIC", &p2, &g2) < 0)
        return -1;
    *privs |= p2;
    *grantable |= g2;
    return 0;
}

/* One grant or revoke being carried out. */
typedef struct grant_work {
    sqlite3 *db;
    const sql_grant_stmt *g;
    object_ref o;
    const char *user;
    unsigned privs; /* what is granted or revoked */
    int all;        /* ALL [PRIVILEGES] */
    int any;        /* the session holds GRANT ANY OBJECT PRIVILEGE */
    unsigned held, grantable;
} grant_work;

/* The object: ORA-00942 / ORA-04042 when it is not there or the session cannot see it. */
static int find_object(grant_work *w, ora_error *err)
{
    const sql_object_name *name = &w->g->object;
    if (!strncmp(name->name, "V$", 2) || !strncmp(name->name, "GV$", 3))
        return ora_set(err, 2030, 0); /* the synonyms: grants go on SYS's V_$ views */
    int found = object_find(w->db, name->schema, name->name, &w->o);
    if (found < 0) return ora_set(err, ORA_INTERNAL, 0, sqlite3_errmsg(w->db));
    if (found && held_on(w->db, &w->o, w->user, &w->held, &w->grantable) < 0)
        return ora_set(err, ORA_INTERNAL, 0, sqlite3_errmsg(w->db));
    int sees = found && (!strcmp(w->o.owner, w->user) || w->held || w->any);
    if (sees) return 0;
    return ora_set(err, w->privs == OBJ_BIT(OBJ_EXECUTE) && !w->all ? 4042 : ORA_TABLE_NOT_EXIST,
                   0);
}

/* GRANTEE names a user, PUBLIC or a role (*ROLE set): else ORA-01917. */
static int check_grantee(grant_work *w, const char *grantee, int *role, ora_error *err)
{
    int index;
    *role = catalog_grant_kind(grantee, &index) == GRANT_ROLE;
    if (!strcmp(grantee, w->user)) return ora_set(err, 1749, 0);
    if (*role || !strcmp(grantee, "PUBLIC")) return 0;
    catalog_user u;
    int found = catalog_find_user(w->db, grantee, &u);
    if (found < 0) return ora_set(err, ORA_INTERNAL, 0, sqlite3_errmsg(w->db));
    return found ? 0 : ora_set(err, 1917, 0, grantee);
}

/* Does the view's owner hold what the view reads in another schema WITH GRANT OPTION (SELECT;
 * READ too for a grant of READ)?  Else ORA-01720: the view cannot pass it on. */
static int check_view_sources(grant_work *w, ora_error *err)
{
    unsigned reads = w->privs & (OBJ_BIT(OBJ_SELECT) | OBJ_BIT(OBJ_READ));
    if (strcmp(w->o.type, "VIEW") || !reads) return 0;
    unsigned enough = OBJ_BIT(OBJ_SELECT) | (reads & OBJ_BIT(OBJ_SELECT) ? 0 : reads);
    char full[300], name[260];
    snprintf(full, sizeof full, "%s.%s", w->o.owner, w->o.name);
    char *sql = object_view_text(w->db, full);
    int rc = 0;
    for (const char *p = sql; rc == 0 && p && sql_next_object_name(&p, name, sizeof name);) {
        char *dot = strchr(name, '.');
        object_ref src;
        *dot = '\0';
        int other = strcmp(name, w->o.owner) != 0;
        if (!other || object_find(w->db, name, dot + 1, &src) != 1) continue;
        *dot = '.';
        unsigned privs, grantable;
        if (object_grants_held(w->db, src.id, w->o.owner, &privs, &grantable) < 0)
            rc = ora_set(err, ORA_INTERNAL, 0, sqlite3_errmsg(w->db));
        else if (!(grantable & enough))
            rc = ora_set(err, 1720, 0, name);
    }
    sqlite3_free(sql);
    return rc;
}

static int add_grants(grant_work *w, ora_error *err)
{
    int own = !strcmp(w->o.owner, w->user);
    if (w->all && !own && !w->any) w->privs &= w->grantable; /* ALL: what the grantor may */
    const char *grantor = w->user;
    if (!own && (!w->privs || (w->privs & ~w->grantable))) {
        if (!w->any) return ora_set(err, ORA_INSUFFICIENT_PRIVS, 0);
        grantor = w->o.owner;
    }
    if (check_view_sources(w, err) < 0) return -1;
    for (int j = 0; j < w->g->ngrantees; j++) {
        int role;
        if (check_grantee(w, w->g->grantees[j], &role, err) < 0) return -1;
        if (role && w->g->grant_option) return ora_set(err, 1926, 0);
        for (int p = 0; p < OBJ_PRIV_COUNT; p++)
            if ((w->privs & OBJ_BIT(p)) &&
                object_grant_add(w->db, w->o.id, grantor, w->g->grantees[j], p,
                                 w->g->grant_option, err) < 0)
                return -1;
    }
    return 0;
}

/* Take back GRANTOR's grants of the privileges to GRANTEE: those taken back. */
static int take_back(grant_work *w, const char *grantor, const char *grantee)
{
    unsigned taken = 0;
    for (int p = 0; p < OBJ_PRIV_COUNT; p++) {
        int rc = (w->privs & OBJ_BIT(p)) ? object_grant_remove(w->db, w->o.id, grantor, grantee, p)
                                         : 0;
        if (rc < 0) return -1;
        if (rc) taken |= OBJ_BIT(p);
    }
    return (int)taken;
}

static int revoke_grants(grant_work *w, ora_error *err)
{
    for (int j = 0; j < w->g->ngrantees; j++) {
        const char *grantee = w->g->grantees[j];
        int role;
        if (check_grantee(w, grantee, &role, err) < 0) return -1;
        int taken = take_back(w, w->user, grantee);
        if (taken >= 0 && w->any && strcmp(w->o.owner, w->user)) {
            int more = take_back(w, w->o.owner, grantee);
            taken = more < 0 ? -1 : taken | more;
        }
        if (taken < 0) return ora_set(err, ORA_INTERNAL, 0, sqlite3_errmsg(w->db));
        /* every privilege named must have been granted by the revoker; ALL, at least one */
        if (w->all ? taken == 0 : (unsigned)taken != w->privs) return ora_set(err, 1927, 0);
    }
    return object_grants_cascade(w->db) < 0 ? ora_set(err, ORA_INTERNAL, 0, sqlite3_errmsg(w->db))
                                            : 0;
}

static int change(grant_work *w, int granting, ora_error *err)
{
    if (named_privileges(w->g, &w->privs, &w->all, err) < 0 || find_object(w, err) < 0) return -1;
    unsigned valid = object_privs_of_type(w->o.type);
    if (w->privs & ~valid) return wrong_privilege(w->o.type, err);
    if (w->all) w->privs = valid;
    return granting ? add_grants(w, err) : revoke_grants(w, err);
}

int object_grant_command(session *s, const sql_stmt *st, ora_error *err)
{
    const sql_grant_stmt *g = &st->grant;
    if (g->admin_option) return ora_set(err, 993, 0); /* WITH ADMIN OPTION: roles' */
    grant_work w = {.g = g, .user = eng_user(s->eng),
                    .any = eng_has_privilege(s->eng, "GRANT ANY OBJECT PRIVILEGE")};
    if (!(w.db = eng_catalog_begin(s->eng, err))) return -1;
    int rc = catalog_change_begin(w.db, err);
    if (rc == 0) rc = change(&w, st->kind == SQLK_GRANT, err);
    rc = catalog_change_end(w.db, rc, err);
    eng_catalog_end(s->eng);
    return rc;
}
