/*
 * vtab.h - dynamic performance views (V$..., GV$...) and dictionary views
 * (ALL_USERS, SESSION_PRIVS ...) as SQLite virtual tables.
 *
 * A view is a name, its columns (declared with Oracle types, so result
 * columns describe as Oracle's do) and a fill function that snapshots its
 * rows from the SGA (or the catalog) when a query starts scanning it.  A
 * dynamic view is registered twice: V$NAME, and GV$NAME with INST_ID as its
 * first column (the translator reads SYS's views behind them, V_$NAME and
 * GV_$NAME, as those); a dictionary view once, under its own name.  They are
 * eponymous: no CREATE VIRTUAL TABLE, no catalog rows.
 */
#ifndef WARDEN_VTAB_H
#define WARDEN_VTAB_H

#include <sqlite3.h>
#include <stdint.h>
#include <time.h>

#include "../common/buf.h"
#include "../common/ora_error.h"
#include "eng_cell.h"

typedef struct vrows vrows;

struct schema_access;
struct ora_fn_ctx;

/* What a fill function may want to know about the querying session. */
typedef struct vview_ctx {
    int sid;                      /* the querying session's SID (V$MYSTAT) */
    sqlite3 *db;                  /* its connection, for views over the catalog */
    struct schema_access *access; /* its user and privileges (schema_access.h) */
    const struct ora_fn_ctx *fn;  /* its schema and NLS settings (ora_functions.h) */
} vview_ctx;

typedef struct vview {
    const char *name;    /* "SESSION" gives V$SESSION and GV$SESSION */
    const char *columns; /* column definitions, e.g. "SID NUMBER, \"SERIAL#\" NUMBER" */
    void (*fill)(vrows *rows, const vview_ctx *ctx);
} vview;

/* Row building, in column order; vrows_row starts a row (and adds INST_ID for GV$). */
void vrows_row(vrows *r);
void vrows_null(vrows *r);
void vrows_int(vrows *r, int64_t v);
void vrows_real(vrows *r, double v);
void vrows_text(vrows *r, const char *s);   /* NULL or "" is NULL, as in Oracle */
void vrows_blob(vrows *r, const void *p, int n);
void vrows_raw8(vrows *r, uint64_t v);       /* an 8-byte RAW address (hex text inside) */
void vrows_addr_text(vrows *r, uint64_t v);  /* the same as 16 hex digits (TADDR) */
void vrows_date(vrows *r, time_t t);         /* DATE as storage text, NULL for 0 */

/*
 * GV$ rows of the other instances of a cluster.  The server sets the
 * function that asks them: for each instance in WANT (bit n = instance n)
 * other than this one, the rows of V$NAME appended to R (vrows_decode);
 * *GOT gets the bit of every instance done (answered, or not running).
 * 0, or -1 with ERR (ORA-12850) when a running instance did not answer.
 * Without it (a single instance) GV$ shows this instance's rows only.
 */
typedef int (*vviews_remote_fn)(const char *name, uint32_t want, vrows *r, uint32_t *got,
                                ora_error *err);
void vviews_set_remote(vviews_remote_fn fn);

/* V$NAME's rows (a view of VIEWS, filled with an empty context) encoded into OUT, for
 * another instance's GV$.  0, or -1 when there is no such view. */
int vviews_encode(const vview *const *views, const char *name, buf *out);
/* Append the encoded rows P (N bytes, from vviews_encode) to R as rows of instance INST.
 * 0, or -1 when they are malformed or have another column count (R is left as it was). */
int vrows_decode(vrows *r, int inst, const void *p, size_t n);

/*
 * A plain scan: a query that only lists columns of one registered view
 * (no WHERE, ORDER BY, join or expression: read off SQLite's program for
 * it) served straight from the view's snapshot, without SQLite's rows.
 * vscan_plan gives one for such a statement ST of DB (NULL for any other);
 * vscan_start takes the snapshot (0, or -1 with ERR: ORA-12850 ...);
 * vscan_next moves to the next row (0 at the end), vscan_back undoes it;
 * vscan_cell reads the current row's column I as the statement's column I.
 * vscan_cell_repeats says whether that cell holds what the row before held.
 */
typedef struct vscan vscan;
vscan *vscan_plan(sqlite3 *db, sqlite3_stmt *st);
int vscan_start(vscan *v, ora_error *err);
int vscan_next(vscan *v);
void vscan_back(vscan *v);
void vscan_cell(const vscan *v, int i, eng_cell *out);
/* Does the current row's column I hold exactly what the row before it held? */
int vscan_cell_repeats(const vscan *v, int i);
void vscan_free(vscan *v);

/* Register every view in VIEWS (NULL-terminated) on DB; CTX must outlive DB. */
int vviews_register(sqlite3 *db, const vview *const *views, const vview_ctx *ctx);
/* The same for dictionary views: each under its own NAME ("ALL_USERS"). */
int vviews_register_dictionary(sqlite3 *db, const vview *const *views, const vview_ctx *ctx);

#endif
