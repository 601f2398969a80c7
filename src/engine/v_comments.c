/*
 * v_comments.c - DBA_/ALL_/USER_TAB_COMMENTS and _COL_COMMENTS, with Oracle
 * 19c's columns: every table and view (every column of each) with the
 * comment COMMENT ON gave it, NULL when none (comments.h).  ALL_ shows the
 * session's own, those it was granted a privilege on and, with SELECT ANY
 * TABLE, everyone's.
 */
#include "catalog.h"
#include "comments.h"
#include "v_scope.h"
#include "v_views.h"

static void comment_row_out(void *arg, const comment_row *c)
{
    const scope_walk *w = arg;
    if (!scope_row(w, c->owner, c->table)) return;
    vrows_text(w->rows, c->table);
    if (c->column) vrows_text(w->rows, c->column);
    else vrows_text(w->rows, c->type);
    vrows_text(w->rows, c->comment);
    vrows_int(w->rows, 0); /* ORIGIN_CON_ID */
}

static void fill_tab(scope_walk *w) { comments_each(w->ctx->db, scope_owner(w), 0, comment_row_out, w); }
static void fill_col(scope_walk *w) { comments_each(w->ctx->db, scope_owner(w), 1, comment_row_out, w); }

SCOPED_VIEWS(tab_comments, "TAB_COMMENTS", "OWNER",
             "TABLE_NAME VARCHAR2(128), TABLE_TYPE VARCHAR2(11), COMMENTS VARCHAR2(4000), "
             "ORIGIN_CON_ID NUMBER",
             fill_tab, PRIV_SELECT_ANY_TABLE);
SCOPED_VIEWS(col_comments, "COL_COMMENTS", "OWNER",
             "TABLE_NAME VARCHAR2(128), COLUMN_NAME VARCHAR2(128), COMMENTS VARCHAR2(4000), "
             "ORIGIN_CON_ID NUMBER",
             fill_col, PRIV_SELECT_ANY_TABLE);
