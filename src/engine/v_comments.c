/*
 * v_comments.c - DBA_/ALL_/USER_TAB_COMMENTS and _COL_COMMENTS, with Oracle
 * 19c's columns: every table and view (every column of each) with the
 * comment COMMENT ON gave it, NULL when none (comments.h).  ALL_ shows the
 * session's own and, with SELECT ANY TABLE, everyone's; DBA_ needs SELECT
 * ANY DICTIONARY, as every DBA_ view.
 */
#include <string.h>

#include "catalog.h"
#include "comments.h"
#include "schema_access.h"
#include "v_views.h"

enum which { DBA, ALL, USER };

typedef struct walk {
    vrows *rows;
    const schema_access *access;
    enum which which;
} walk;

static void comment_row_out(void *arg, const comment_row *c)
{
    const walk *w = arg;
    if (w->which == ALL && strcmp(c->owner, w->access->user) &&
        !(schema_access_privileges(w->access) & PRIV_BIT(PRIV_SELECT_ANY_TABLE)))
        return;
    vrows_row(w->rows);
    if (w->which != USER) vrows_text(w->rows, c->owner);
    vrows_text(w->rows, c->table);
    if (c->column) vrows_text(w->rows, c->column);
    else vrows_text(w->rows, c->type);
    vrows_text(w->rows, c->comment);
    vrows_int(w->rows, 0); /* ORIGIN_CON_ID */
}

static void fill(vrows *r, const vview_ctx *ctx, enum which which, int columns)
{
    walk w = {r, ctx->access, which};
    schema_access_catalog(ctx->access, 1);
    comments_each(ctx->db, which == USER ? ctx->access->user : NULL, columns, comment_row_out, &w);
    schema_access_catalog(ctx->access, 0);
}

static void fill_dba_tab(vrows *r, const vview_ctx *ctx) { fill(r, ctx, DBA, 0); }
static void fill_all_tab(vrows *r, const vview_ctx *ctx) { fill(r, ctx, ALL, 0); }
static void fill_user_tab(vrows *r, const vview_ctx *ctx) { fill(r, ctx, USER, 0); }
static void fill_dba_col(vrows *r, const vview_ctx *ctx) { fill(r, ctx, DBA, 1); }
static void fill_all_col(vrows *r, const vview_ctx *ctx) { fill(r, ctx, ALL, 1); }
static void fill_user_col(vrows *r, const vview_ctx *ctx) { fill(r, ctx, USER, 1); }

#define TAB_COLUMNS                                                                                \
    "TABLE_NAME VARCHAR2(128), TABLE_TYPE VARCHAR2(11), COMMENTS VARCHAR2(4000), "                 \
    "ORIGIN_CON_ID NUMBER"
#define COL_COLUMNS                                                                                \
    "TABLE_NAME VARCHAR2(128), COLUMN_NAME VARCHAR2(128), COMMENTS VARCHAR2(4000), "               \
    "ORIGIN_CON_ID NUMBER"

const vview dba_tab_comments = {"DBA_TAB_COMMENTS", "OWNER VARCHAR2(128), " TAB_COLUMNS,
                                fill_dba_tab};
const vview all_tab_comments = {"ALL_TAB_COMMENTS", "OWNER VARCHAR2(128), " TAB_COLUMNS,
                                fill_all_tab};
const vview user_tab_comments = {"USER_TAB_COMMENTS", TAB_COLUMNS, fill_user_tab};
const vview dba_col_comments = {"DBA_COL_COMMENTS", "OWNER VARCHAR2(128), " COL_COLUMNS,
                                fill_dba_col};
const vview all_col_comments = {"ALL_COL_COMMENTS", "OWNER VARCHAR2(128), " COL_COLUMNS,
                                fill_all_col};
const vview user_col_comments = {"USER_COL_COMMENTS", COL_COLUMNS, fill_user_col};
