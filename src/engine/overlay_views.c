/*
 * overlay_views.c - TEMP copies of main's views over a session's overlays
 * (see overlay_views.h): which views need one, and how a copy is made.
 *
 * A view needs a copy when its text names an overlaid table or a view that
 * has one, as the translator writes names: in double quotes ("S.T").  The
 * copy is main's CREATE VIEW text made TEMP.  Where that gives more columns
 * than main's view (a `*` over an overlay brings its hidden rowid column),
 * the copy selects main's view's columns by name from the view's query
 * instead.
 */
#include "overlay_views.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../common/buf.h"
#include "../sql/view_text.h"
#include "overlay_def.h"

#define CREATE_VIEW "CREATE VIEW "

/* One of main's views, as sqlite_master has it. */
struct main_view {
    char *name, *sql;
    int chosen;
};

static void free_views(struct main_view *views, int n)
{
    for (int i = 0; i < n; i++) {
        free(views[i].name);
        free(views[i].sql);
    }
    free(views);
}

/* Main's views into *OUT (*N of them): 0, or -1 with ERR. */
static int read_views(sqlite3 *db, struct main_view **out, int *n, ora_error *err)
{
    sqlite3_stmt *st;
    *out = NULL;
    *n = 0;
    int rc = sqlite3_prepare_v2(
        db, "SELECT name, sql FROM main.sqlite_master WHERE type = 'view' AND sql IS NOT NULL", -1,
        &st, NULL);
    if (rc != SQLITE_OK) return ovl_sqlite_fail(db, rc, err);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *out = xrealloc(*out, sizeof **out * (size_t)(*n + 1));
        (*out)[(*n)++] = (struct main_view){
            .name = xstrdup((const char *)sqlite3_column_text(st, 0)),
            .sql = xstrdup((const char *)sqlite3_column_text(st, 1)),
        };
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE) return 0;
    free_views(*out, *n);
    *out = NULL, *n = 0;
    return ovl_sqlite_fail(db, rc, err);
}

/* Does SQL name object NAME (in double quotes, as the translator writes it)? */
static int names_object(const char *sql, const char *name)
{
    buf q;
    buf_init(&q);
    buf_put_quoted(&q, name, '"');
    int found = strstr(sql, buf_cstr(&q)) != NULL;
    buf_free(&q);
    return found;
}

/* Mark the views that read one of TABLES, directly or through views marked. */
static void choose_views(struct main_view *views, int n, const char *const *tables, int ntables)
{
    for (int changed = 1; changed;) {
        changed = 0;
        for (int i = 0; i < n; i++) {
            if (views[i].chosen) continue;
            int reads = 0;
            for (int k = 0; k < ntables && !reads; k++)
                reads = names_object(views[i].sql, tables[k]);
            for (int k = 0; k < n && !reads; k++)
                reads = views[k].chosen && names_object(views[i].sql, views[k].name);
            if (reads) views[i].chosen = changed = 1;
        }
    }
}

/* The columns of SCHEMA's view NAME: their names into NAMES (comma separated, quoted) when it
 * is not NULL; their count, or -1 when it cannot be read. */
static int view_columns(sqlite3 *db, const char *schema, const char *name, buf *names)
{
    buf sql;
    buf_init(&sql);
    buf_printf(&sql, "SELECT * FROM %s.", schema);
    buf_put_quoted(&sql, name, '"');
    sqlite3_stmt *st = NULL;
    int n = -1;
    if (sqlite3_prepare_v2(db, buf_cstr(&sql), -1, &st, NULL) == SQLITE_OK) {
        n = sqlite3_column_count(st);
        for (int i = 0; names && i < n; i++) {
            if (i) buf_puts(names, ", ");
            buf_put_quoted(names, sqlite3_column_name(st, i), '"');
        }
    }
    sqlite3_finalize(st);
    buf_free(&sql);
    return n;
}

static void drop_copy(sqlite3 *db, const char *name)
{
    buf sql;
    buf_init(&sql);
    buf_puts(&sql, "DROP VIEW IF EXISTS temp.");
    buf_put_quoted(&sql, name, '"');
    sqlite3_exec(db, buf_cstr(&sql), NULL, NULL, NULL);
    buf_free(&sql);
}

/* The query of CREATE VIEW text SQL that has no column list (what follows AS), or NULL. */
static const char *view_query(const char *sql)
{
    int has_columns;
    const char *query = view_text_query(sql, &has_columns);
    return has_columns ? NULL : query;
}

/* Create the copy of VIEW: 1 when it has main's columns, else 0 (no copy left). */
static int create_copy(sqlite3 *db, const struct main_view *view)
{
    int want = view_columns(db, "main", view->name, NULL);
    if (want < 0 || strncmp(view->sql, CREATE_VIEW, strlen(CREATE_VIEW))) return 0;
    buf sql;
    buf_init(&sql);
    buf_printf(&sql, "CREATE TEMP VIEW %s", view->sql + strlen(CREATE_VIEW));
    int ok = sqlite3_exec(db, buf_cstr(&sql), NULL, NULL, NULL) == SQLITE_OK &&
             view_columns(db, "temp", view->name, NULL) == want;
    const char *query = view_query(view->sql);
    if (!ok && query) { /* main's columns by name, from the query */
        drop_copy(db, view->name);
        buf_reset(&sql);
        buf_puts(&sql, "CREATE TEMP VIEW ");
        buf_put_quoted(&sql, view->name, '"');
        buf_puts(&sql, " AS SELECT ");
        view_columns(db, "main", view->name, &sql);
        buf_printf(&sql, " FROM (%s)", query);
        ok = sqlite3_exec(db, buf_cstr(&sql), NULL, NULL, NULL) == SQLITE_OK &&
             view_columns(db, "temp", view->name, NULL) == want;
    }
    if (!ok) drop_copy(db, view->name);
    buf_free(&sql);
    return ok;
}

/* Is the copy C still what VIEWS (N of them) need: the same view, chosen, with the same text? */
static int copy_current(const ovl_view_copy *c, const struct main_view *views, int n)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(views[i].name, c->name))
            return views[i].chosen && !strcmp(views[i].sql, c->sql);
    return 0;
}

static int has_copy(const ovl_views *v, const char *name)
{
    for (int i = 0; i < v->ncopies; i++)
        if (!strcmp(v->copies[i].name, name)) return 1;
    return 0;
}

int ovl_views_sync(sqlite3 *db, ovl_views *v, const char *const *tables, int ntables,
                   uint32_t ddl_seq, ora_error *err)
{
    struct main_view *views;
    int n;
    if (ntables == 0) return ovl_views_drop(db, v, err);
    if (read_views(db, &views, &n, err) < 0) return -1;
    choose_views(views, n, tables, ntables);
    for (int i = v->ncopies - 1; i >= 0; i--) {
        if (copy_current(&v->copies[i], views, n)) continue;
        drop_copy(db, v->copies[i].name);
        free(v->copies[i].name);
        free(v->copies[i].sql);
        v->copies[i] = v->copies[--v->ncopies];
    }
    for (int i = 0; i < n; i++) {
        if (!views[i].chosen || has_copy(v, views[i].name) || !create_copy(db, &views[i]))
            continue;
        v->copies = xrealloc(v->copies, sizeof *v->copies * (size_t)(v->ncopies + 1));
        v->copies[v->ncopies++] = (ovl_view_copy){xstrdup(views[i].name), xstrdup(views[i].sql)};
    }
    free_views(views, n);
    v->ddl_seq = ddl_seq;
    return 0;
}

int ovl_views_drop(sqlite3 *db, ovl_views *v, ora_error *err)
{
    (void)err;
    for (int i = 0; i < v->ncopies; i++)
        drop_copy(db, v->copies[i].name);
    ovl_views_free(v);
    return 0;
}

void ovl_views_free(ovl_views *v)
{
    for (int i = 0; i < v->ncopies; i++) {
        free(v->copies[i].name);
        free(v->copies[i].sql);
    }
    free(v->copies);
    v->copies = NULL;
    v->ncopies = 0;
}
