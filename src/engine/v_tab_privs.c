/*
 * v_tab_privs.c - the object privileges granted (object_grants.h) as
 * Oracle 19c's dictionary shows them: DBA_TAB_PRIVS (every grant),
 * ALL_TAB_PRIVS (grants the user made, received - also through PUBLIC or a
 * role enabled at logon - or on its objects), USER_TAB_PRIVS (made,
 * received or on its objects), USER_TAB_PRIVS_MADE / _RECD and
 * ALL_TAB_PRIVS_MADE / _RECD.  Each view is a filter and a column order.
 */
#include <string.h>

#include "catalog.h"
#include "object_grants.h"
#include "schema_access.h"
#include "v_views.h"

/* Which grants a view lists: any of these relations to the session's user. */
enum {
    TO_USER = 1,          /* granted to the user */
    TO_GROUP = 2,         /* granted to PUBLIC or a role the session enabled at logon */
    ON_OWN = 4,           /* on the user's object */
    BY_USER = 8,          /* granted by the user */
    EVERY = 16,           /* every grant (DBA_) */
};

/* The leading columns of a view, in its order; 0 ends them. */
enum { COL_END, COL_GRANTEE, COL_OWNER, COL_NAME, COL_GRANTOR };

typedef struct tab_privs_view {
    int shows;
    int columns[5];
} tab_privs_view;

typedef struct tab_privs_walk {
    vrows *rows;
    const schema_access *access;
    const tab_privs_view *view;
} tab_privs_walk;

static int is_group_of(const schema_access *a, const char *grantee)
{
    if (!strcmp(grantee, "PUBLIC")) return 1;
    for (int r = 0; r < ROLE_COUNT; r++)
        if ((a->logon_roles & (1u << r)) && !strcmp(grantee, catalog_role_name(r))) return 1;
    return 0;
}

static int shown(const tab_privs_walk *w, const object_grant_row *g)
{
    const char *user = w->access->user;
    int shows = w->view->shows;
    return (shows & EVERY) || ((shows & TO_USER) && !strcmp(g->grantee, user)) ||
           ((shows & TO_GROUP) && is_group_of(w->access, g->grantee)) ||
           ((shows & ON_OWN) && !strcmp(g->owner, user)) ||
           ((shows & BY_USER) && !strcmp(g->grantor, user));
}

static void grant_row(void *arg, const object_grant_row *g)
{
    const tab_privs_walk *w = arg;
    if (!shown(w, g)) return;
    vrows *r = w->rows;
    vrows_row(r);
    for (int i = 0; w->view->columns[i] != COL_END; i++) {
        switch (w->view->columns[i]) {
        case COL_GRANTEE: vrows_text(r, g->grantee); break;
        case COL_OWNER: vrows_text(r, g->owner); break;
        case COL_NAME: vrows_text(r, g->name); break;
        default: vrows_text(r, g->grantor); break;
        }
    }
    vrows_text(r, g->privilege);
    vrows_text(r, g->grantable ? "YES" : "NO");
    vrows_text(r, "NO"); /* HIERARCHY */
    vrows_text(r, "NO"); /* COMMON */
    vrows_text(r, g->type);
    vrows_text(r, "NO"); /* INHERITED */
}

static void fill(vrows *r, const vview_ctx *ctx, const tab_privs_view *view)
{
    tab_privs_walk w = {r, ctx->access, view};
    schema_access_catalog(ctx->access, 1);
    object_grants_each(ctx->db, grant_row, &w);
    schema_access_catalog(ctx->access, 0);
}

#define TAIL_COLUMNS                                                                               \
    "PRIVILEGE VARCHAR2(40), GRANTABLE VARCHAR2(3), HIERARCHY VARCHAR2(3), COMMON VARCHAR2(3), "   \
    "TYPE VARCHAR2(24), INHERITED VARCHAR2(3)"
#define GRANTEE "GRANTEE VARCHAR2(128), "
#define OWNER "OWNER VARCHAR2(128), "
#define TABLE_NAME "TABLE_NAME VARCHAR2(128), "
#define GRANTOR "GRANTOR VARCHAR2(128), "

/* One view: its name, the grants it shows and its leading columns (names and order). */
#define TAB_PRIVS_VIEW(var, name, shows, names, ...)                                              \
    static void fill_##var(vrows *r, const vview_ctx *ctx)                                       \
    {                                                                                            \
        static const tab_privs_view view = {shows, {__VA_ARGS__, COL_END}};                      \
        fill(r, ctx, &view);                                                                     \
    }                                                                                            \
    const vview var = {name, names TAIL_COLUMNS, fill_##var}

TAB_PRIVS_VIEW(dba_tab_privs, "DBA_TAB_PRIVS", EVERY, GRANTEE OWNER TABLE_NAME GRANTOR,
               COL_GRANTEE, COL_OWNER, COL_NAME, COL_GRANTOR);
TAB_PRIVS_VIEW(all_tab_privs, "ALL_TAB_PRIVS", TO_USER | TO_GROUP | ON_OWN | BY_USER,
               GRANTOR GRANTEE "TABLE_SCHEMA VARCHAR2(128), " TABLE_NAME, COL_GRANTOR,
               COL_GRANTEE, COL_OWNER, COL_NAME);
TAB_PRIVS_VIEW(user_tab_privs, "USER_TAB_PRIVS", TO_USER | ON_OWN | BY_USER,
               GRANTEE OWNER TABLE_NAME GRANTOR, COL_GRANTEE, COL_OWNER, COL_NAME, COL_GRANTOR);
TAB_PRIVS_VIEW(user_tab_privs_made, "USER_TAB_PRIVS_MADE", ON_OWN, GRANTEE TABLE_NAME GRANTOR,
               COL_GRANTEE, COL_NAME, COL_GRANTOR);
TAB_PRIVS_VIEW(user_tab_privs_recd, "USER_TAB_PRIVS_RECD", TO_USER, OWNER TABLE_NAME GRANTOR,
               COL_OWNER, COL_NAME, COL_GRANTOR);
TAB_PRIVS_VIEW(all_tab_privs_made, "ALL_TAB_PRIVS_MADE", ON_OWN | BY_USER,
               GRANTEE OWNER TABLE_NAME GRANTOR, COL_GRANTEE, COL_OWNER, COL_NAME, COL_GRANTOR);
TAB_PRIVS_VIEW(all_tab_privs_recd, "ALL_TAB_PRIVS_RECD", TO_USER | TO_GROUP,
               GRANTEE OWNER TABLE_NAME GRANTOR, COL_GRANTEE, COL_OWNER, COL_NAME, COL_GRANTOR);
