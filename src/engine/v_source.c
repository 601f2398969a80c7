/*
 * v_source.c - the dictionary views over stored PL/SQL (units.h), with
 * Oracle 19c's columns: DBA_/ALL_/USER_SOURCE (the text of each procedure
 * and function, line by line, each line with its newline as Oracle keeps
 * it) and DBA_/ALL_/USER_ERRORS (the compile errors of those that are
 * INVALID, as SHOW ERRORS reads them).  ALL_ shows the session's own
 * units, those it may EXECUTE and, with EXECUTE ANY PROCEDURE, everyone's;
 * DBA_ needs SELECT ANY DICTIONARY, as every DBA_ view.
 */
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "units.h"
#include "v_scope.h"
#include "v_views.h"

/* ---- SOURCE ---- */

static void source_rows(void *arg, const unit_row *u)
{
    const scope_walk *w = arg;
    int line = 1;
    for (const char *p = u->text; *p; line++) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) + 1 : strlen(p);
        char text[4001];
        size_t n = len < sizeof text - 1 ? len : sizeof text - 1;
        memcpy(text, p, n);
        text[n] = '\0';
        if (!scope_row(w, u->owner, u->name)) return;
        vrows_text(w->rows, u->name);
        vrows_text(w->rows, u->type);
        vrows_int(w->rows, line);
        vrows_text(w->rows, text);
        vrows_int(w->rows, 0); /* ORIGIN_CON_ID */
        p += len;
    }
}

static void fill_source(scope_walk *w) { units_each(w->ctx->db, scope_owner(w), source_rows, w); }

SCOPED_VIEWS(source, "SOURCE", "OWNER",
             "NAME VARCHAR2(128), TYPE VARCHAR2(12), LINE NUMBER, TEXT VARCHAR2(4000), "
             "ORIGIN_CON_ID NUMBER",
             fill_source, PRIV_EXECUTE_ANY_PROCEDURE);

/* ---- ERRORS ---- */

static void error_row(void *arg, const unit_error *e)
{
    const scope_walk *w = arg;
    if (!scope_row(w, e->owner, e->name)) return;
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

static void fill_errors(scope_walk *w) { units_each_error(w->ctx->db, scope_owner(w), error_row, w); }

SCOPED_VIEWS(errors, "ERRORS", "OWNER",
             "NAME VARCHAR2(128), TYPE VARCHAR2(12), SEQUENCE NUMBER, LINE NUMBER, "
             "POSITION NUMBER, TEXT VARCHAR2(4000), ATTRIBUTE VARCHAR2(9), MESSAGE_NUMBER NUMBER",
             fill_errors, PRIV_EXECUTE_ANY_PROCEDURE);
