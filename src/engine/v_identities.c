/*
 * v_identities.c - DBA_/ALL_/USER_TAB_IDENTITY_COLS: each identity column
 * with its generation type, its sequence and that sequence's options in
 * Oracle's IDENTITY_OPTIONS text (identities.h, sequences.h).  ALL_ shows
 * the session's own tables, those it was granted a privilege on and, with
 * SELECT ANY TABLE, everyone's.
 */
#include <stdio.h>

#include "catalog.h"
#include "identities.h"
#include "sequences.h"
#include "v_scope.h"
#include "v_views.h"

/* "START WITH: 1, INCREMENT BY: 1, ..." as Oracle 19c spells it, from the sequence's settings. */
static void identity_options(sqlite3 *db, const identity_row *r, char *out, size_t size)
{
    sequence_def d;
    if (sequences_find(db, r->owner, r->sequence, &d) != 1) {
        out[0] = '\0';
        return;
    }
    char max[32];
    if (d.max_default) snprintf(max, sizeof max, "9999999999999999999999999999");
    else snprintf(max, sizeof max, "%lld", (long long)d.max);
    snprintf(out, size,
             "START WITH: %lld, INCREMENT BY: %lld, MAX_VALUE: %s, MIN_VALUE: %lld, CYCLE_FLAG: "
             "%s, CACHE_SIZE: %lld, ORDER_FLAG: %s, SCALE_FLAG: N, EXTEND_FLAG: N, SESSION_FLAG: "
             "N, KEEP_VALUE: N",
             (long long)d.start, (long long)d.increment, max, (long long)d.min,
             d.cycle ? "Y" : "N", (long long)d.cache, d.order ? "Y" : "N");
}

static void identity_out(void *arg, const identity_row *r)
{
    const scope_walk *w = arg;
    char options[400];
    identity_options(w->ctx->db, r, options, sizeof options);
    if (!scope_row(w, r->owner, r->table)) return;
    vrows_text(w->rows, r->table);
    vrows_text(w->rows, r->column);
    vrows_text(w->rows, r->always ? "ALWAYS" : "BY DEFAULT");
    vrows_text(w->rows, r->sequence);
    vrows_text(w->rows, options);
}

static void fill(scope_walk *w) { identities_each(w->ctx->db, scope_owner(w), identity_out, w); }

SCOPED_VIEWS(tab_identity_cols, "TAB_IDENTITY_COLS", "OWNER",
             "TABLE_NAME VARCHAR2(128), COLUMN_NAME VARCHAR2(128), GENERATION_TYPE VARCHAR2(10), "
             "SEQUENCE_NAME VARCHAR2(128), IDENTITY_OPTIONS VARCHAR2(298)",
             fill, PRIV_SELECT_ANY_TABLE);
