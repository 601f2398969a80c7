/*
 * v_view_texts.c - DBA_/ALL_/USER_VIEWS with Oracle 19c's columns: each
 * view's query as its owner wrote it (view_text.h reads it back from the
 * comment CREATE VIEW left in SQLite's text), TEXT_LENGTH in bytes, TEXT_VC
 * its first 4000 bytes, READ_ONLY 'Y' for a view created WITH READ ONLY.
 * Warden has no object views, editioning views or containers: those columns
 * are NULL or 'N' / 'NO', as for a plain view in Oracle.  ALL_ shows the
 * session's own views, those it holds a privilege on and, with SELECT ANY
 * TABLE, everyone's.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../common/buf.h"
#include "../sql/view_text.h"
#include "catalog.h"
#include "objects.h"
#include "v_scope.h"
#include "v_views.h"

#define TEXT_VC_MAX 4000

typedef struct view_walk {
    const scope_walk *w;
    sqlite3_stmt *sql_of; /* a view's CREATE VIEW text by its SQLite name */
    buf text;
} view_walk;

/* Is the query TEXT (of LEN bytes) declared WITH READ ONLY (its last three words)? */
static int read_only(const char *text, size_t len)
{
    static const char *const words[] = {"ONLY", "READ", "WITH"};
    size_t end = len;
    for (int i = 0; i < 3; i++) {
        while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\n' || text[end - 1] == '\t' ||
                           text[end - 1] == '\r'))
            end--;
        size_t n = strlen(words[i]);
        if (end < n || strncasecmp(text + end - n, words[i], n)) return 0;
        end -= n;
    }
    return 1;
}

/* The Oracle text of view OWNER.NAME into V->text: 0, or -1 when SQLite has no text for it. */
static int view_query_text(view_walk *v, const char *owner, const char *name)
{
    char sqlite_name[260];
    snprintf(sqlite_name, sizeof sqlite_name, "%s.%s", owner, name);
    sqlite3_reset(v->sql_of);
    sqlite3_bind_text(v->sql_of, 1, sqlite_name, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(v->sql_of) != SQLITE_ROW) return -1;
    return view_text_read((const char *)sqlite3_column_text(v->sql_of, 0), &v->text);
}

static void view_row(void *arg, const object_row *o)
{
    view_walk *v = arg;
    if (strcmp(o->type, "VIEW") != 0 || view_query_text(v, o->owner, o->name) < 0 ||
        !scope_row(v->w, o->owner, o->name))
        return;
    vrows *r = v->w->rows;
    size_t len = v->text.len;
    char *text = (char *)buf_cstr(&v->text);
    int is_read_only = read_only(text, len);
    vrows_text(r, o->name);
    vrows_int(r, (int64_t)len);
    vrows_text(r, text);
    if (len > TEXT_VC_MAX) { /* TEXT_VC: the first 4000 bytes, whole characters */
        size_t n = TEXT_VC_MAX;
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80) n--;
        text[n] = '\0';
    }
    vrows_text(r, text);
    for (int i = 0; i < 4; i++) vrows_null(r); /* TYPE_TEXT_LENGTH ... OID_TEXT */
    for (int i = 0; i < 3; i++) vrows_null(r); /* VIEW_TYPE_OWNER, VIEW_TYPE, SUPERVIEW_NAME */
    vrows_text(r, "N");                        /* EDITIONING_VIEW */
    vrows_text(r, is_read_only ? "Y" : "N");
    vrows_text(r, "N");                         /* CONTAINER_DATA */
    vrows_text(r, "DEFINER");                   /* BEQUEATH */
    vrows_int(r, 0);                            /* ORIGIN_CON_ID */
    vrows_text(r, "USING_NLS_COMP");            /* DEFAULT_COLLATION */
    for (int i = 0; i < 7; i++) vrows_text(r, "NO"); /* CONTAINERS_DEFAULT ... PDB_LOCAL_ONLY */
}

static void fill_views(scope_walk *w)
{
    view_walk v = {w, NULL, {0}};
    buf_init(&v.text);
    if (sqlite3_prepare_v2(w->ctx->db,
                           "SELECT sql FROM main.sqlite_schema WHERE type = 'view' AND name = ?1",
                           -1, &v.sql_of, NULL) == SQLITE_OK)
        objects_each(w->ctx->db, scope_owner(w), view_row, &v);
    sqlite3_finalize(v.sql_of);
    buf_free(&v.text);
}

SCOPED_VIEWS(views, "VIEWS", "OWNER",
             "VIEW_NAME VARCHAR2(128), TEXT_LENGTH NUMBER, TEXT LONG, TEXT_VC VARCHAR2(4000), "
             "TYPE_TEXT_LENGTH NUMBER, TYPE_TEXT VARCHAR2(4000), OID_TEXT_LENGTH NUMBER, "
             "OID_TEXT VARCHAR2(4000), VIEW_TYPE_OWNER VARCHAR2(128), VIEW_TYPE VARCHAR2(128), "
             "SUPERVIEW_NAME VARCHAR2(128), EDITIONING_VIEW VARCHAR2(1), READ_ONLY VARCHAR2(1), "
             "CONTAINER_DATA VARCHAR2(1), BEQUEATH VARCHAR2(12), ORIGIN_CON_ID NUMBER, "
             "DEFAULT_COLLATION VARCHAR2(100), CONTAINERS_DEFAULT VARCHAR2(3), "
             "CONTAINER_MAP VARCHAR2(3), EXTENDED_DATA_LINK VARCHAR2(3), "
             "EXTENDED_DATA_LINK_MAP VARCHAR2(3), HAS_SENSITIVE_COLUMN VARCHAR2(3), "
             "ADMIT_NULL VARCHAR2(3), PDB_LOCAL_ONLY VARCHAR2(3)",
             fill_views, PRIV_SELECT_ANY_TABLE);
