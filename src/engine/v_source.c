/*
 * v_source.c - the dictionary views over stored PL/SQL (units.h), with
 * Oracle 19c's columns: DBA_/ALL_/USER_SOURCE (the text of each procedure,
 * function, package and package body, line by line, each line with its
 * newline as Oracle keeps it), DBA_/ALL_/USER_ERRORS (the compile errors of
 * those that are INVALID, as SHOW ERRORS reads them) and
 * DBA_/ALL_/USER_PROCEDURES and _ARGUMENTS (each unit, each subprogram a
 * package's specification declares, and their parameters, from their
 * headers: plsql_describe_unit).  ALL_ shows the session's own
 * units, those it may EXECUTE and, with EXECUTE ANY PROCEDURE, everyone's;
 * DBA_ needs SELECT ANY DICTIONARY, as every DBA_ view.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../plsql/plsql.h"
#include "catalog.h"
#include "objects.h"
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

/* ---- PROCEDURES and ARGUMENTS: what each unit's headers declare ---- */

typedef struct procedure_walk procedure_walk;
struct procedure_walk {
    const scope_walk *w;
    const unit_row *unit;
    uint32_t object_id;
    int subprogram_id; /* the package itself is 0, its subprograms 1, 2 ...; a standalone 1 */
    void (*rows)(procedure_walk *pw, const plsql_subprogram_info *s); /* a view's rows */
};

static void subprogram_rows(void *arg, const plsql_subprogram_info *s)
{
    procedure_walk *pw = arg;
    pw->rows(pw, s);
    pw->subprogram_id++;
}

static void unit_subprograms(void *arg, const unit_row *u)
{
    procedure_walk *proto = arg;
    if (!strcmp(u->type, "PACKAGE BODY")) return;
    char full[300];
    snprintf(full, sizeof full, "%s.%s", u->owner, u->name);
    procedure_walk pw = {proto->w, u, objects_number(proto->w->ctx->db, full),
                         strcmp(u->type, "PACKAGE") != 0, proto->rows};
    plsql_describe_unit(u->text, subprogram_rows, &pw);
}

/* Call ROWS for each unit the walk shows and each subprogram of a package. */
static void fill_subprograms(scope_walk *w,
                             void (*rows)(procedure_walk *, const plsql_subprogram_info *))
{
    procedure_walk proto = {.w = w, .rows = rows};
    units_each(w->ctx->db, scope_owner(w), unit_subprograms, &proto);
}

static void procedure_row(procedure_walk *pw, const plsql_subprogram_info *s)
{
    vrows *r = pw->w->rows;
    if (!scope_row(pw->w, pw->unit->owner, pw->unit->name)) return;
    char overload[16];
    snprintf(overload, sizeof overload, "%d", s->overload);
    vrows_text(r, pw->unit->name);
    if (s->name) vrows_text(r, s->name);
    else vrows_null(r); /* PROCEDURE_NAME: the unit itself */
    vrows_int(r, pw->object_id);
    vrows_int(r, pw->subprogram_id);
    if (s->overload) vrows_text(r, overload);
    else vrows_null(r);
    vrows_text(r, pw->unit->type);
    vrows_text(r, "NO"); /* AGGREGATE */
    vrows_text(r, "NO"); /* PIPELINED */
    vrows_null(r);       /* IMPLTYPEOWNER */
    vrows_null(r);       /* IMPLTYPENAME */
    vrows_text(r, "NO"); /* PARALLEL */
    vrows_text(r, "NO"); /* INTERFACE */
    vrows_text(r, s->deterministic ? "YES" : "NO");
    vrows_text(r, s->invoker_rights ? "CURRENT_USER" : "DEFINER");
    vrows_text(r, "NO"); /* RESULT_CACHE */
    vrows_int(r, 0);     /* ORIGIN_CON_ID */
    vrows_null(r);       /* POLYMORPHIC */
}

static void fill_procedures(scope_walk *w) { fill_subprograms(w, procedure_row); }

SCOPED_VIEWS(procedures, "PROCEDURES", "OWNER",
             "OBJECT_NAME VARCHAR2(128), PROCEDURE_NAME VARCHAR2(128), OBJECT_ID NUMBER, "
             "SUBPROGRAM_ID NUMBER, OVERLOAD VARCHAR2(40), OBJECT_TYPE VARCHAR2(13), "
             "AGGREGATE VARCHAR2(3), PIPELINED VARCHAR2(3), IMPLTYPEOWNER VARCHAR2(128), "
             "IMPLTYPENAME VARCHAR2(128), PARALLEL VARCHAR2(3), INTERFACE VARCHAR2(3), "
             "DETERMINISTIC VARCHAR2(3), AUTHID VARCHAR2(12), RESULT_CACHE VARCHAR2(3), "
             "ORIGIN_CON_ID NUMBER, POLYMORPHIC VARCHAR2(5)",
             fill_procedures, PRIV_EXECUTE_ANY_PROCEDURE);

/* ---- ARGUMENTS ---- */

/* One row of SUB's argument A (NULL: a procedure without any, as Oracle lists it). */
static void argument_row(const procedure_walk *pw, const plsql_subprogram_info *sub,
                         const plsql_argument_info *a, int sequence)
{
    vrows *r = pw->w->rows;
    if (!scope_row(pw->w, pw->unit->owner, pw->unit->name)) return;
    char overload[16];
    snprintf(overload, sizeof overload, "%d", sub->overload);
    vrows_text(r, sub->name ? sub->name : pw->unit->name); /* OBJECT_NAME */
    if (sub->name) vrows_text(r, pw->unit->name);          /* PACKAGE_NAME */
    else vrows_null(r);
    vrows_int(r, pw->object_id);
    if (sub->overload) vrows_text(r, overload);
    else vrows_null(r);
    vrows_int(r, pw->subprogram_id);
    if (a && a->name) vrows_text(r, a->name);
    else vrows_null(r);
    vrows_int(r, a ? a->position : 1);
    vrows_int(r, sequence);
    vrows_int(r, 0); /* DATA_LEVEL */
    if (a && a->data_type) vrows_text(r, a->data_type);
    else vrows_null(r);
    vrows_text(r, a && a->defaulted ? "Y" : "N");
    for (int i = 0; i < 2; i++) vrows_null(r); /* DEFAULT_VALUE, DEFAULT_LENGTH */
    vrows_text(r, a ? a->in_out : "IN");
    for (int i = 0; i < 10; i++) vrows_null(r); /* DATA_LENGTH ... TYPE_OBJECT_TYPE */
    if (a && a->data_type) vrows_text(r, a->data_type); /* PLS_TYPE */
    else vrows_null(r);
    vrows_int(r, 0);     /* CHAR_LENGTH */
    vrows_null(r);       /* CHAR_USED */
    vrows_int(r, 0);     /* ORIGIN_CON_ID */
}

static void argument_rows(procedure_walk *pw, const plsql_subprogram_info *s)
{
    if (!s->name && !strcmp(pw->unit->type, "PACKAGE")) return; /* the package itself */
    if (!s->nargs) argument_row(pw, s, NULL, 0);
    for (int i = 0; i < s->nargs; i++) argument_row(pw, s, &s->args[i], i + 1);
}

static void fill_arguments(scope_walk *w) { fill_subprograms(w, argument_rows); }

SCOPED_VIEWS(arguments, "ARGUMENTS", "OWNER",
             "OBJECT_NAME VARCHAR2(128), PACKAGE_NAME VARCHAR2(128), OBJECT_ID NUMBER, "
             "OVERLOAD VARCHAR2(40), SUBPROGRAM_ID NUMBER, ARGUMENT_NAME VARCHAR2(128), "
             "POSITION NUMBER, SEQUENCE NUMBER, DATA_LEVEL NUMBER, DATA_TYPE VARCHAR2(30), "
             "DEFAULTED VARCHAR2(1), DEFAULT_VALUE VARCHAR2(4000), DEFAULT_LENGTH NUMBER, "
             "IN_OUT VARCHAR2(9), DATA_LENGTH NUMBER, DATA_PRECISION NUMBER, DATA_SCALE NUMBER, "
             "RADIX NUMBER, CHARACTER_SET_NAME VARCHAR2(44), TYPE_OWNER VARCHAR2(128), "
             "TYPE_NAME VARCHAR2(128), TYPE_SUBNAME VARCHAR2(128), TYPE_LINK VARCHAR2(128), "
             "TYPE_OBJECT_TYPE VARCHAR2(7), PLS_TYPE VARCHAR2(128), CHAR_LENGTH NUMBER, "
             "CHAR_USED VARCHAR2(1), ORIGIN_CON_ID NUMBER",
             fill_arguments, PRIV_EXECUTE_ANY_PROCEDURE);
