/*
 * v_sequences.c - DBA_/ALL_/USER_SEQUENCES with Oracle 19c's columns
 * (sequences.h).  NOMINVALUE / NOMAXVALUE show Oracle's defaults (28
 * nines), though Warden's numbers stop at the 64-bit range.  ALL_ shows the
 * session's own sequences and, with SELECT ANY SEQUENCE, everyone's; DBA_
 * needs SELECT ANY DICTIONARY, as every DBA_ view.
 */
#include <string.h>

#include "catalog.h"
#include "schema_access.h"
#include "sequences.h"
#include "v_views.h"

enum which { DBA, ALL, USER };

typedef struct walk {
    vrows *rows;
    const schema_access *access;
    enum which which;
} walk;

/* A bound: Oracle's default text for NOMINVALUE / NOMAXVALUE, else the number. */
static void bound(vrows *r, int is_default, int64_t v, const char *ascending_text,
                  const char *descending_text, int ascending)
{
    if (is_default) vrows_text(r, ascending ? ascending_text : descending_text);
    else vrows_int(r, v);
}

static void sequence_row(void *arg, const sequence_def *d)
{
    const walk *w = arg;
    if (w->which == ALL && strcmp(d->owner, w->access->user) &&
        !(schema_access_privileges(w->access) & PRIV_BIT(PRIV_SELECT_ANY_SEQUENCE)))
        return;
    vrows *r = w->rows;
    int ascending = d->increment > 0;
    vrows_row(r);
    if (w->which != USER) vrows_text(r, d->owner);
    vrows_text(r, d->name);
    bound(r, d->min_default, d->min, "1", "-999999999999999999999999999", ascending);
    bound(r, d->max_default, d->max, "9999999999999999999999999999", "-1", ascending);
    vrows_int(r, d->increment);
    vrows_text(r, d->cycle ? "Y" : "N");
    vrows_text(r, d->order ? "Y" : "N");
    vrows_int(r, d->cache);
    vrows_int(r, d->last_number);
    for (int i = 0; i < 4; i++) vrows_text(r, "N"); /* SCALE, EXTEND, SHARDED, SESSION */
    vrows_null(r);                                  /* KEEP_VALUE */
}

static void fill(vrows *r, const vview_ctx *ctx, enum which which)
{
    walk w = {r, ctx->access, which};
    schema_access_catalog(ctx->access, 1);
    sequences_each(ctx->db, which == USER ? ctx->access->user : NULL, sequence_row, &w);
    schema_access_catalog(ctx->access, 0);
}

static void fill_dba(vrows *r, const vview_ctx *ctx) { fill(r, ctx, DBA); }
static void fill_all(vrows *r, const vview_ctx *ctx) { fill(r, ctx, ALL); }
static void fill_user(vrows *r, const vview_ctx *ctx) { fill(r, ctx, USER); }

#define COLUMNS                                                                                    \
    "SEQUENCE_NAME VARCHAR2(128), MIN_VALUE NUMBER, MAX_VALUE NUMBER, INCREMENT_BY NUMBER, "      \
    "CYCLE_FLAG VARCHAR2(1), ORDER_FLAG VARCHAR2(1), CACHE_SIZE NUMBER, LAST_NUMBER NUMBER, "     \
    "SCALE_FLAG VARCHAR2(1), EXTEND_FLAG VARCHAR2(1), SHARDED_FLAG VARCHAR2(1), "                 \
    "SESSION_FLAG VARCHAR2(1), KEEP_VALUE VARCHAR2(1)"

const vview dba_sequences = {"DBA_SEQUENCES", "SEQUENCE_OWNER VARCHAR2(128), " COLUMNS, fill_dba};
const vview all_sequences = {"ALL_SEQUENCES", "SEQUENCE_OWNER VARCHAR2(128), " COLUMNS, fill_all};
const vview user_sequences = {"USER_SEQUENCES", COLUMNS, fill_user};
