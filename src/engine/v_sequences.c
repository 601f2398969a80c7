/*
 * v_sequences.c - DBA_/ALL_/USER_SEQUENCES with Oracle 19c's columns
 * (sequences.h).  NOMINVALUE / NOMAXVALUE show Oracle's defaults (28
 * nines), though Warden's numbers stop at the 64-bit range.  ALL_ shows the
 * session's own sequences, those it was granted a privilege on and, with
 * SELECT ANY SEQUENCE, everyone's.
 */
#include "catalog.h"
#include "sequences.h"
#include "v_scope.h"
#include "v_views.h"

/* A bound: Oracle's default text for NOMINVALUE / NOMAXVALUE, else the number. */
static void bound(vrows *r, int is_default, int64_t v, const char *default_text)
{
    if (is_default) vrows_text(r, default_text);
    else vrows_int(r, v);
}

static void sequence_row(void *arg, const sequence_def *d)
{
    const scope_walk *w = arg;
    if (!scope_row(w, d->owner, d->name)) return;
    vrows *r = w->rows;
    int ascending = d->increment > 0;
    vrows_text(r, d->name);
    bound(r, d->min_default, d->min, ascending ? "1" : "-999999999999999999999999999");
    bound(r, d->max_default, d->max, ascending ? "9999999999999999999999999999" : "-1");
    vrows_int(r, d->increment);
    vrows_text(r, d->cycle ? "Y" : "N");
    vrows_text(r, d->order ? "Y" : "N");
    vrows_int(r, d->cache);
    vrows_int(r, d->last_number);
    for (int i = 0; i < 4; i++) vrows_text(r, "N"); /* SCALE, EXTEND, SHARDED, SESSION */
    vrows_null(r);                                  /* KEEP_VALUE */
}

static void fill(scope_walk *w) { sequences_each(w->ctx->db, scope_owner(w), sequence_row, w); }

SCOPED_VIEWS(sequences, "SEQUENCES", "SEQUENCE_OWNER",
             "SEQUENCE_NAME VARCHAR2(128), MIN_VALUE NUMBER, MAX_VALUE NUMBER, "
             "INCREMENT_BY NUMBER, CYCLE_FLAG VARCHAR2(1), ORDER_FLAG VARCHAR2(1), "
             "CACHE_SIZE NUMBER, LAST_NUMBER NUMBER, SCALE_FLAG VARCHAR2(1), "
             "EXTEND_FLAG VARCHAR2(1), SHARDED_FLAG VARCHAR2(1), SESSION_FLAG VARCHAR2(1), "
             "KEEP_VALUE VARCHAR2(1)",
             fill, PRIV_SELECT_ANY_SEQUENCE);
