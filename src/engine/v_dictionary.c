/*
 * v_dictionary.c - the data dictionary views about users and privileges,
 * with Oracle 19c's columns: ALL_USERS, USER_USERS, SESSION_PRIVS,
 * SESSION_ROLES, USER_ROLE_PRIVS and USER_SYS_PRIVS (readable by every
 * user, as in Oracle), DBA_USERS, DBA_PROFILES, DBA_SYS_PRIVS and
 * DBA_ROLE_PRIVS (SELECT ANY DICTIONARY), and V$PWFILE_USERS: who holds
 * SYSDBA and SYSOPER.
 *
 * Users and stored grants come from the catalog, read on the session's own
 * connection with the catalog opened for the moment; what the session holds
 * (SESSION_PRIVS, SESSION_ROLES) from its schema_access.  Warden keeps no
 * ADMIN OPTION, lock or expiry dates or tablespaces: those columns show
 * Oracle's values for a plain account (ADMIN_OPTION 'NO', tablespace USERS,
 * NULL dates).
 */
#include <string.h>

#include "../sql/translate.h"
#include "catalog.h"
#include "schema_access.h"
#include "v_views.h"

static int is_oracle_maintained(const char *user)
{
    return !strcmp(user, "SYS") || !strcmp(user, "SYSTEM");
}

/* COMMON, ORACLE_MAINTAINED, INHERITED, DEFAULT_COLLATION, IMPLICIT, ALL_SHARD */
static void user_trailer(vrows *r, const char *user)
{
    vrows_text(r, "NO");
    vrows_text(r, is_oracle_maintained(user) ? "Y" : "N");
    vrows_text(r, "NO");
    vrows_text(r, "USING_NLS_COMP");
    vrows_text(r, "NO");
    vrows_text(r, "NO");
}

/* ---- ALL_USERS, USER_USERS ---- */

static void all_users_row(void *arg, const catalog_user_row *u)
{
    vrows *r = arg;
    vrows_row(r);
    vrows_text(r, u->name);
    vrows_int(r, u->user_id);
    vrows_date(r, u->created);
    user_trailer(r, u->name);
}

/* ACCOUNT_STATUS, LOCK_DATE, EXPIRY_DATE, DEFAULT_TABLESPACE, TEMPORARY_TABLESPACE,
 * LOCAL_TEMP_TABLESPACE, CREATED */
static void account_columns(vrows *r, const catalog_user_row *u)
{
    int system = is_oracle_maintained(u->name);
    vrows_text(r, u->locked ? "LOCKED" : "OPEN");
    vrows_null(r); /* LOCK_DATE */
    vrows_null(r); /* EXPIRY_DATE */
    vrows_text(r, system ? "SYSTEM" : "USERS");
    vrows_text(r, "TEMP");
    vrows_text(r, "TEMP");
    vrows_date(r, u->created);
}

static const char *consumer_group(const catalog_user_row *u)
{
    return is_oracle_maintained(u->name) ? "SYS_GROUP" : "DEFAULT_CONSUMER_GROUP";
}

static void user_users_row(void *arg, const catalog_user_row *u)
{
    vrows *r = arg;
    vrows_row(r);
    vrows_text(r, u->name);
    vrows_int(r, u->user_id);
    account_columns(r, u);
    vrows_text(r, consumer_group(u));
    vrows_null(r); /* EXTERNAL_NAME */
    vrows_text(r, "N");
    user_trailer(r, u->name);
}

/* DBA_USERS: USER_USERS' columns with PASSWORD, PROFILE, PASSWORD_VERSIONS, EDITIONS_ENABLED
 * and AUTHENTICATION_TYPE among them, in Oracle's order (LAST_LOGIN is left out). */
static void dba_users_row(void *arg, const catalog_user_row *u)
{
    vrows *r = arg;
    vrows_row(r);
    vrows_text(r, u->name);
    vrows_int(r, u->user_id);
    vrows_null(r); /* PASSWORD: deprecated, NULL in Oracle too */
    account_columns(r, u);
    vrows_text(r, u->profile);
    vrows_text(r, consumer_group(u));
    vrows_null(r);         /* EXTERNAL_NAME */
    vrows_text(r, "12C");  /* PASSWORD_VERSIONS: Warden keeps the PBKDF2 verifier only */
    vrows_text(r, "N");    /* EDITIONS_ENABLED */
    vrows_text(r, "PASSWORD");
    vrows_text(r, "N");    /* PROXY_ONLY_CONNECT */
    user_trailer(r, u->name);
}

static void each_user_of(const vview_ctx *ctx, const char *only,
                         void (*row)(void *, const catalog_user_row *), vrows *r)
{
    schema_access_catalog(ctx->access, 1);
    catalog_each_user(ctx->db, only, row, r);
    schema_access_catalog(ctx->access, 0);
}

static void fill_all_users(vrows *r, const vview_ctx *ctx)
{
    each_user_of(ctx, NULL, all_users_row, r);
}

static void fill_user_users(vrows *r, const vview_ctx *ctx)
{
    each_user_of(ctx, ctx->access->user, user_users_row, r);
}

static void fill_dba_users(vrows *r, const vview_ctx *ctx)
{
    each_user_of(ctx, NULL, dba_users_row, r);
}

#define USER_TRAILER_COLUMNS                                                                       \
    "COMMON VARCHAR2(3), ORACLE_MAINTAINED VARCHAR2(1), INHERITED VARCHAR2(3), "                   \
    "DEFAULT_COLLATION VARCHAR2(100), IMPLICIT VARCHAR2(3), ALL_SHARD VARCHAR2(3)"

static const vview all_users = {
    "ALL_USERS",
    "USERNAME VARCHAR2(128), USER_ID NUMBER, CREATED DATE, " USER_TRAILER_COLUMNS,
    fill_all_users,
};

static const vview user_users = {
    "USER_USERS",
    "USERNAME VARCHAR2(128), USER_ID NUMBER, ACCOUNT_STATUS VARCHAR2(32), LOCK_DATE DATE, "
    "EXPIRY_DATE DATE, DEFAULT_TABLESPACE VARCHAR2(30), TEMPORARY_TABLESPACE VARCHAR2(30), "
    "LOCAL_TEMP_TABLESPACE VARCHAR2(30), CREATED DATE, INITIAL_RSRC_CONSUMER_GROUP VARCHAR2(128), "
    "EXTERNAL_NAME VARCHAR2(4000), PROXY_ONLY_CONNECT VARCHAR2(1), " USER_TRAILER_COLUMNS,
    fill_user_users,
};

static const vview dba_users = {
    "DBA_USERS",
    "USERNAME VARCHAR2(128), USER_ID NUMBER, PASSWORD VARCHAR2(4000), ACCOUNT_STATUS VARCHAR2(32), "
    "LOCK_DATE DATE, EXPIRY_DATE DATE, DEFAULT_TABLESPACE VARCHAR2(30), "
    "TEMPORARY_TABLESPACE VARCHAR2(30), LOCAL_TEMP_TABLESPACE VARCHAR2(30), CREATED DATE, "
    "PROFILE VARCHAR2(128), INITIAL_RSRC_CONSUMER_GROUP VARCHAR2(128), "
    "EXTERNAL_NAME VARCHAR2(4000), PASSWORD_VERSIONS VARCHAR2(17), EDITIONS_ENABLED VARCHAR2(1), "
    "AUTHENTICATION_TYPE VARCHAR2(8), PROXY_ONLY_CONNECT VARCHAR2(1), " USER_TRAILER_COLUMNS,
    fill_dba_users,
};

/* ---- DBA_PROFILES ---- */

static const sql_profile_resource *profile_resource(const char *name)
{
    for (int i = 0; sql_profile_resources[i].name; i++)
        if (!strcmp(sql_profile_resources[i].name, name)) return &sql_profile_resources[i];
    return NULL;
}

/* PROFILE, RESOURCE_NAME, RESOURCE_TYPE, LIMIT, COMMON, INHERITED, IMPLICIT, ORACLE_MAINTAINED,
 * MANDATORY */
static void dba_profiles_row(void *arg, const char *profile, const char *resource,
                             const char *limit)
{
    vrows *r = arg;
    const sql_profile_resource *res = profile_resource(resource);
    if (!res) return; /* a resource this Warden no longer knows */
    vrows_row(r);
    vrows_text(r, profile);
    vrows_text(r, resource);
    vrows_text(r, res->is_password ? "PASSWORD" : "KERNEL");
    vrows_text(r, limit);
    vrows_text(r, "NO");
    vrows_text(r, "NO");
    vrows_text(r, "NO");
    vrows_text(r, !strcmp(profile, "DEFAULT") ? "YES" : "NO");
    vrows_text(r, "NO");
}

static void fill_dba_profiles(vrows *r, const vview_ctx *ctx)
{
    schema_access_catalog(ctx->access, 1);
    catalog_each_profile_limit(ctx->db, dba_profiles_row, r);
    schema_access_catalog(ctx->access, 0);
}

static const vview dba_profiles = {
    "DBA_PROFILES",
    "PROFILE VARCHAR2(128), RESOURCE_NAME VARCHAR2(32), RESOURCE_TYPE VARCHAR2(8), "
    "\"LIMIT\" VARCHAR2(128), COMMON VARCHAR2(3), INHERITED VARCHAR2(3), IMPLICIT VARCHAR2(3), "
    "ORACLE_MAINTAINED VARCHAR2(3), MANDATORY VARCHAR2(3)",
    fill_dba_profiles,
};

/* ---- what the session holds ---- */

static void fill_session_privs(vrows *r, const vview_ctx *ctx)
{
    uint64_t held = schema_access_privileges(ctx->access);
    for (int p = 0; p < PRIV_COUNT; p++) {
        if (!(held & PRIV_BIT(p))) continue;
        vrows_row(r);
        vrows_text(r, catalog_priv_name(p));
    }
}

static void fill_session_roles(vrows *r, const vview_ctx *ctx)
{
    for (int role = 0; role < ROLE_COUNT; role++) {
        if (!(ctx->access->logon_roles & 1u << role)) continue;
        vrows_row(r);
        vrows_text(r, catalog_role_name(role));
    }
}

static const vview session_privs = {"SESSION_PRIVS", "PRIVILEGE VARCHAR2(40)", fill_session_privs};
static const vview session_roles = {"SESSION_ROLES", "ROLE VARCHAR2(128)", fill_session_roles};

/* ---- grants: the user's own (as last read), everybody's (from the catalog) ---- */

/* GRANTEE (or USERNAME), GRANTED_ROLE, ADMIN_OPTION, DELEGATE_OPTION, DEFAULT_ROLE [, OS_GRANTED],
 * COMMON, INHERITED */
static void role_grant_row(vrows *r, const char *grantee, const char *role, int os_granted)
{
    vrows_row(r);
    vrows_text(r, grantee);
    vrows_text(r, role);
    vrows_text(r, "NO");
    vrows_text(r, "NO");
    vrows_text(r, "YES");
    if (os_granted) vrows_text(r, "NO");
    vrows_text(r, "NO");
    vrows_text(r, "NO");
}

/* GRANTEE (or USERNAME), PRIVILEGE, ADMIN_OPTION, COMMON, INHERITED */
static void sys_grant_row(vrows *r, const char *grantee, const char *priv)
{
    vrows_row(r);
    vrows_text(r, grantee);
    vrows_text(r, priv);
    vrows_text(r, "NO");
    vrows_text(r, "NO");
    vrows_text(r, "NO");
}

static void fill_user_role_privs(vrows *r, const vview_ctx *ctx)
{
    const schema_access *a = ctx->access;
    for (int role = 0; role < ROLE_COUNT; role++)
        if (a->granted.roles & 1u << role) role_grant_row(r, a->user, catalog_role_name(role), 1);
}

static void fill_user_sys_privs(vrows *r, const vview_ctx *ctx)
{
    const schema_access *a = ctx->access;
    for (int p = 0; p < PRIV_COUNT; p++)
        if (a->granted.privs & PRIV_BIT(p)) sys_grant_row(r, a->user, catalog_priv_name(p));
}

static void dba_sys_privs_row(void *arg, const char *grantee, const char *name)
{
    int index;
    if (catalog_grant_kind(name, &index) == GRANT_SYSTEM) sys_grant_row(arg, grantee, name);
}

static void dba_role_privs_row(void *arg, const char *grantee, const char *name)
{
    int index;
    if (catalog_grant_kind(name, &index) == GRANT_ROLE) role_grant_row(arg, grantee, name, 0);
}

static void each_grant_of(const vview_ctx *ctx, void (*row)(void *, const char *, const char *),
                          vrows *r)
{
    schema_access_catalog(ctx->access, 1);
    catalog_each_grant(ctx->db, NULL, row, r);
    schema_access_catalog(ctx->access, 0);
}

/* The roles' privileges first (Oracle lists them too), then the users' own. */
static void fill_dba_sys_privs(vrows *r, const vview_ctx *ctx)
{
    for (int role = 0; role < ROLE_COUNT; role++) {
        uint64_t privs = catalog_role_privileges(1u << role);
        for (int p = 0; p < PRIV_COUNT; p++)
            if (privs & PRIV_BIT(p))
                sys_grant_row(r, catalog_role_name(role), catalog_priv_name(p));
    }
    each_grant_of(ctx, dba_sys_privs_row, r);
}

static void fill_dba_role_privs(vrows *r, const vview_ctx *ctx)
{
    each_grant_of(ctx, dba_role_privs_row, r);
}

/* DBA_ROLES: Warden's roles are Oracle's predefined ones (CREATE ROLE is not there yet). */
static void fill_dba_roles(vrows *r, const vview_ctx *ctx)
{
    for (int role = 0; role < ROLE_COUNT; role++) {
        vrows_row(r);
        vrows_text(r, catalog_role_name(role));
        vrows_int(r, role + 1);  /* ROLE_ID */
        vrows_text(r, "NO");     /* PASSWORD_REQUIRED */
        vrows_text(r, "NONE");   /* AUTHENTICATION_TYPE */
        vrows_text(r, "NO");     /* COMMON */
        vrows_text(r, "Y");      /* ORACLE_MAINTAINED */
        vrows_text(r, "NO");     /* INHERITED */
        vrows_text(r, "NO");     /* IMPLICIT */
        vrows_null(r);           /* EXTERNAL_NAME */
    }
}

static const vview dba_roles = {
    "DBA_ROLES",
    "ROLE VARCHAR2(128), ROLE_ID NUMBER, PASSWORD_REQUIRED VARCHAR2(8), "
    "AUTHENTICATION_TYPE VARCHAR2(11), COMMON VARCHAR2(3), ORACLE_MAINTAINED VARCHAR2(1), "
    "INHERITED VARCHAR2(3), IMPLICIT VARCHAR2(3), EXTERNAL_NAME VARCHAR2(4000)",
    fill_dba_roles,
};

#define ROLE_GRANT_TAIL                                                                            \
    "ADMIN_OPTION VARCHAR2(3), DELEGATE_OPTION VARCHAR2(3), DEFAULT_ROLE VARCHAR2(3), "
#define SYS_GRANT_TAIL                                                                             \
    "PRIVILEGE VARCHAR2(40), ADMIN_OPTION VARCHAR2(3), COMMON VARCHAR2(3), INHERITED VARCHAR2(3)"

static const vview user_role_privs = {
    "USER_ROLE_PRIVS",
    "USERNAME VARCHAR2(128), GRANTED_ROLE VARCHAR2(128), " ROLE_GRANT_TAIL
    "OS_GRANTED VARCHAR2(3), COMMON VARCHAR2(3), INHERITED VARCHAR2(3)",
    fill_user_role_privs,
};

static const vview user_sys_privs = {
    "USER_SYS_PRIVS",
    "USERNAME VARCHAR2(128), " SYS_GRANT_TAIL,
    fill_user_sys_privs,
};

static const vview dba_role_privs = {
    "DBA_ROLE_PRIVS",
    "GRANTEE VARCHAR2(128), GRANTED_ROLE VARCHAR2(128), " ROLE_GRANT_TAIL
    "COMMON VARCHAR2(3), INHERITED VARCHAR2(3)",
    fill_dba_role_privs,
};

static const vview dba_sys_privs = {
    "DBA_SYS_PRIVS",
    "GRANTEE VARCHAR2(128), " SYS_GRANT_TAIL,
    fill_dba_sys_privs,
};

/* ---- V$PWFILE_USERS ---- */

typedef struct pwfile_walk {
    vrows *rows;
    sqlite3 *db;
} pwfile_walk;

static void pwfile_row(void *arg, const catalog_user_row *u)
{
    const pwfile_walk *w = arg;
    vrows *r = w->rows;
    catalog_grants g;
    if (catalog_read_grants(w->db, u->name, &g) < 0 || !g.admin) return;
    vrows_row(r);
    vrows_text(r, u->name);
    vrows_text(r, g.admin & 1u << ADMIN_SYSDBA ? "TRUE" : "FALSE");
    vrows_text(r, g.admin & 1u << ADMIN_SYSOPER ? "TRUE" : "FALSE");
    for (int i = 0; i < 4; i++) /* SYSASM, SYSBACKUP, SYSDG, SYSKM: nobody holds them */
        vrows_text(r, "FALSE");
    vrows_text(r, u->locked ? "LOCKED" : "OPEN");
    vrows_null(r); /* LOCK_DATE */
    vrows_null(r); /* EXPIRY_DATE */
    vrows_null(r); /* EXTERNAL_NAME */
    vrows_text(r, "PASSWORD");
    vrows_text(r, "NO");
    vrows_int(r, 0);
}

static void fill_pwfile_users(vrows *r, const vview_ctx *ctx)
{
    pwfile_walk w = {r, ctx->db};
    schema_access_catalog(ctx->access, 1);
    catalog_each_user(ctx->db, NULL, pwfile_row, &w);
    schema_access_catalog(ctx->access, 0);
}

static const vview v_pwfile_users = {
    "PWFILE_USERS",
    "USERNAME VARCHAR2(128), SYSDBA VARCHAR2(5), SYSOPER VARCHAR2(5), SYSASM VARCHAR2(5), "
    "SYSBACKUP VARCHAR2(5), SYSDG VARCHAR2(5), SYSKM VARCHAR2(5), ACCOUNT_STATUS VARCHAR2(30), "
    "LOCK_DATE DATE, EXPIRY_DATE DATE, EXTERNAL_NAME VARCHAR2(1024), "
    "AUTHENTICATION_TYPE VARCHAR2(8), COMMON VARCHAR2(3), CON_ID NUMBER",
    fill_pwfile_users,
};

/* ---- the lists ---- */

const vview *const dictionary_views[] = {
    &all_users,      &user_users,     &session_privs, &session_roles,  &user_role_privs,
    &user_sys_privs, &dba_users,      &dba_profiles,  &dba_role_privs, &dba_sys_privs,
    &dba_objects,    &all_objects,    &user_objects,  &dba_blockers,   &dba_waiters, &dba_rollback_segs,
    &dba_source,     &all_source,     &user_source,   &dba_errors,     &all_errors,
    &user_errors,    &dba_procedures, &all_procedures, &user_procedures,
    &dba_arguments, &all_arguments, &user_arguments, &nls_session_parameters,
    &nls_database_parameters, &nls_instance_parameters, &dba_tab_comments, &all_tab_comments,
    &user_tab_comments, &dba_col_comments, &all_col_comments, &user_col_comments,
    &dba_sequences,  &all_sequences,          &user_sequences,   &dba_tab_identity_cols,
    &all_tab_identity_cols, &user_tab_identity_cols, &dba_tab_privs, &all_tab_privs,
    &user_tab_privs, &user_tab_privs_made, &user_tab_privs_recd, &all_tab_privs_made,
    &all_tab_privs_recd, &dba_tablespaces, &dba_data_files, &dba_segments, &user_segments,
    &dba_tables, &all_tables, &user_tables, &dba_tab_columns, &all_tab_columns,
    &user_tab_columns, &dba_indexes, &all_indexes, &user_indexes, &dba_ind_columns,
    &all_ind_columns, &user_ind_columns, &dba_roles, &dba_constraints, &all_constraints,
    &user_constraints, &dba_cons_columns, &all_cons_columns, &user_cons_columns, &dba_views, &all_views, &user_views, NULL,
};

const vview *const password_file_views[] = {&v_pwfile_users, NULL};

int dictionary_view_access(const char *name)
{
    for (int i = 0; dictionary_views[i]; i++)
        if (!strcmp(dictionary_views[i]->name, name))
            return strncmp(name, "DBA_", 4) ? VIEW_PUBLIC : VIEW_PRIVILEGED;
    return VIEW_NONE;
}
