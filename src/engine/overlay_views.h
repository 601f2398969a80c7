/*
 * overlay_views.h - TEMP copies of main's views that read tables a session
 * has overlays of, so that the session sees its own pending changes through
 * views, as Oracle shows a transaction its changes (docs/design.md "Write
 * sets and overlays", "Views").
 *
 * SQLite binds the names inside a view of main to main's objects, so main's
 * view "S.V" over table "S.T" reads the committed rows even while the
 * session's overlay temp."S.T" shows its own changes. A TEMP view with the
 * same name and text binds "S.T" to the overlay instead, and shadows main's
 * view for this connection only. Views over copied views are copied too.
 *
 * The copies follow the overlays (overlay.c syncs them when one is made or
 * goes) and main's views (when the instance's DDL count moved). A view whose
 * copy cannot have main's columns (its text has a `*` over an overlay, which
 * brings the hidden rowid column, and a column list) is not copied.
 */
#ifndef WARDEN_OVERLAY_VIEWS_H
#define WARDEN_OVERLAY_VIEWS_H

#include <sqlite3.h>
#include <stdint.h>

#include "../common/ora_error.h"

typedef struct ovl_view_copy {
    char *name; /* SQLite's name, "S.V" */
    char *sql;  /* main's CREATE VIEW text it was copied from */
} ovl_view_copy;

typedef struct ovl_views {
    ovl_view_copy *copies;
    int ncopies;
    uint32_t ddl_seq; /* the instance's DDL count when main's views were read */
} ovl_views;

/*
 * Copies of main's views that read (directly or through other views) one of the NTABLES
 * TABLES (SQLite names of the overlaid tables), brought up to date with main's views as of DDL
 * count DDL_SEQ: a copy whose view changed is made again, one no longer needed dropped. 0, or
 * -1 with ERR when SQLite failed to read the schema or drop a copy.
 */
int ovl_views_sync(sqlite3 *db, ovl_views *v, const char *const *tables, int ntables,
                   uint32_t ddl_seq, ora_error *err);
/* Drop every copy (before DDL, which must find main's views by their names). */
int ovl_views_drop(sqlite3 *db, ovl_views *v, ora_error *err);
/* Forget the copies without touching the connection (it is closing). */
void ovl_views_free(ovl_views *v);

#endif
