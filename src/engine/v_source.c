/*
 * v_source.c - the dictionary views over stored PL/SQL (units.h), with
 * Oracle 19c's columns: DBA_/ALL_/USER_SOURCE (the text of each procedure
 * and function, line by line, each line with its newline as Oracle keeps
 * it) and DBA_/ALL_/USER_ERRORS (the compile errors of those that are
 * INVALID, as SHOW ERRORS reads them).  ALL_ shows the session's own units
 * and, with EXECUTE ANY PROCEDURE, everyone's; DBA_ needs SELECT ANY
 * DICTIONARY, as every DBA_ view.
 */
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "schema_access.h"
#include "units.h"
#include "v_views.h"

enum which { DBA, ALL, USER };

typedef struct walk {
    vrows *rows;
    const schema_access *access;
    enum which which;
} walk;

static int visible(const walk *w, const char *owner)
{
    if (w->which != ALL || !strcmp(owner, w->access->user)) return 1;
    return (schema_access_privileges(w->access) & PRIV_BIT(PRIV_EXECUTE_ANY_PROCEDURE)) != 0;
}

/* ---- SOURCE ---- */

static void source_rows(void *arg, const unit_row *u)
{
    const walk *w = arg;
    if (!visible(w, u->owner)) return;
    int line = 1;
    for (const char *p = u->text; *p; line++) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) + 1 : strlen(p);
        char text[4001];
        size_t n = len < sizeof text - 1 ? len : sizeof text - 1;
        memcpy(text, p, n);
        text[n] = '\0';
        vrows_row(w->rows);
        if (w->which != USER) vrows_text(w->rows, u->owner);
        vrows_text(w->rows, u->name);
        vrows_text(w->rows, u->type);
        vrows_int(w->rows, line);
        vrows_text(w->rows, text);
        vrows_int(w->rows, 0); /* ORIGIN_CON_ID */
        p += len;
    }
}

static void fill_source(vrows *r, const vview_ctx *ctx, enum which which)
{
    walk w = {r, ctx->access, which};
    schema_access_catalog(ctx->access, 1);
    units_each(ctx->db, which == USER ? ctx->access->user : NULL, source_rows, &w);
    schema_access_catalog(ctx->access, 0);
}

static void fill_dba_source(vrows *r, const vview_ctx *ctx) { fill_source(r, ctx, DBA); }
static void fill_all_source(vrows *r, const vview_ctx *ctx) { fill_source(r, ctx, ALL); }
static void fill_user_source(vrows *r, const vview_ctx *ctx) { fill_source(r, ctx, USER); }

#define SOURCE_COLUMNS                                                                             \
    "NAME VARCHAR2(128), TYPE VARCHAR2(12), LINE NUMBER, TEXT VARCHAR2(4000), "                   \
    "ORIGIN_CON_ID NUMBER"

const vview dba_source = {"DBA_SOURCE", "OWNER VARCHAR2(128), " SOURCE_COLUMNS, fill_dba_source};
const vview all_source = {"ALL_SOURCE", "OWNER VARCHAR2(128), " SOURCE_COLUMNS, fill_all_source};
const vview user_source = {"USER_SOURCE", SOURCE_COLUMNS, fill_user_source};

/* ---- ERRORS ---- */

static void error_row(void *arg, const unit_error *e)
{
    const walk *w = arg;
    if (!visible(w, e->owner)) return;
    vrows_row(w->rows);
    if (w->which != USER) vrows_text(w->rows, e->owner);
    vrows_text(w->rows, e->name);
    vrows_text(w->rows, e->type);
    vrows_int(w->rows, e->sequence);
    vrows_int(w->rows, e->line);
    vrows_int(w->rows, e->position);
    vrows_text(w->rows, e->text);
    vrows_text(w->rows, "ERROR");
    int number = 0; /* MESSAGE_NUMBER: the PLS- number */
    if (!strncmp(e->text, "PLS-", 4)) number = (int)strtol(e->text + 4, NULL, 10);
    vrows_int(w->rows, number);
}

static void fill_errors(vrows *r, const vview_ctx *ctx, enum which which)
{
    walk w = {r, ctx->access, which};
    schema_access_catalog(ctx->access, 1);
    units_each_error(ctx->db, which == USER ? ctx->access->user : NULL, error_row, &w);
    schema_access_catalog(ctx->access, 0);
}

static void fill_dba_errors(vrows *r, const vview_ctx *ctx) { fill_errors(r, ctx, DBA); }
static void fill_all_errors(vrows *r, const vview_ctx *ctx) { fill_errors(r, ctx, ALL); }
static void fill_user_errors(vrows *r, const vview_ctx *ctx) { fill_errors(r, ctx, USER); }

#define ERROR_COLUMNS                                                                              \
    "NAME VARCHAR2(128), TYPE VARCHAR2(12), SEQUENCE NUMBER, LINE NUMBER, POSITION NUMBER, "      \
    "TEXT VARCHAR2(4000), ATTRIBUTE VARCHAR2(9), MESSAGE_NUMBER NUMBER"

const vview dba_errors = {"DBA_ERRORS", "OWNER VARCHAR2(128), " ERROR_COLUMNS, fill_dba_errors};
const vview all_errors = {"ALL_ERRORS", "OWNER VARCHAR2(128), " ERROR_COLUMNS, fill_all_errors};
const vview user_errors = {"USER_ERRORS", ERROR_COLUMNS, fill_user_errors};
