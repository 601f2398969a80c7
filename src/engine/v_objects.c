/*
 * v_objects.c - DBA_OBJECTS, ALL_OBJECTS and USER_OBJECTS, with Oracle
 * 19c's columns, over the object catalog (objects.c).
 *
 * DBA_OBJECTS needs SELECT ANY DICTIONARY; ALL_OBJECTS shows the session's
 * own objects, SYS.DUAL (which every user may query), those it holds an
 * object privilege on, and every object when the session holds SELECT ANY
 * TABLE; USER_OBJECTS its own.  Warden
 * has no partitions, editions or application containers: those columns
 * hold what Oracle shows for a plain object.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "catalog.h"
#include "objects.h"
#include "schema_access.h"
#include "v_views.h"

enum which_objects { DBA_OBJECTS, ALL_OBJECTS, USER_OBJECTS };

typedef struct object_walk {
    vrows *rows;
    const schema_access *access;
    enum which_objects which;
} object_walk;

static int is_oracle_maintained(const char *owner)
{
    return !strcmp(owner, "SYS") || !strcmp(owner, "SYSTEM");
}

/* ALL_OBJECTS: what the session may query. */
static int accessible(const object_walk *w, const object_row *o)
{
    if (!strcmp(o->owner, w->access->user)) return 1;
    if (!strcmp(o->owner, "SYS") && !strcmp(o->name, "DUAL")) return 1;
    if (schema_access_holds_any(w->access, o->owner, o->name)) return 1;
    return (schema_access_privileges(w->access) & PRIV_BIT(PRIV_SELECT_ANY_TABLE)) != 0;
}

/* TIMESTAMP: the last change of the object's specification, as text. */
static void spec_timestamp(vrows *r, time_t t)
{
    struct tm tm;
    char text[32];
    localtime_r(&t, &tm);
    strftime(text, sizeof text, "%Y-%m-%d:%H:%M:%S", &tm);
    vrows_text(r, text);
}

static void object_row_out(void *arg, const object_row *o)
{
    const object_walk *w = arg;
    vrows *r = w->rows;
    if (w->which == ALL_OBJECTS && !accessible(w, o)) return;
    int view = !strcmp(o->type, "VIEW"), index = !strcmp(o->type, "INDEX");
    int unit = !strcmp(o->type, "PROCEDURE") || !strcmp(o->type, "FUNCTION") ||
               !strncmp(o->type, "PACKAGE", 7);
    int sequence = !strcmp(o->type, "SEQUENCE");
    vrows_row(r);
    if (w->which != USER_OBJECTS) vrows_text(r, o->owner);
    vrows_text(r, o->name);
    vrows_null(r); /* SUBOBJECT_NAME */
    vrows_int(r, o->id);
    if (view || unit || sequence) vrows_null(r); /* DATA_OBJECT_ID: no segment */
    else vrows_int(r, o->id);
    vrows_text(r, o->type);
    vrows_date(r, o->created);
    vrows_date(r, o->last_ddl);
    spec_timestamp(r, o->last_ddl);
    vrows_text(r, o->valid ? "VALID" : "INVALID");
    vrows_text(r, "N");                      /* TEMPORARY */
    vrows_text(r, o->generated ? "Y" : "N"); /* GENERATED */
    vrows_text(r, "N");                      /* SECONDARY */
    vrows_int(r, index ? 4 : 1);             /* NAMESPACE */
    vrows_null(r);                           /* EDITION_NAME */
    vrows_text(r, "NONE");                   /* SHARING */
    if (view || unit) vrows_text(r, "Y");    /* EDITIONABLE */
    else vrows_null(r);
    vrows_text(r, is_oracle_maintained(o->owner) ? "Y" : "N");
    vrows_text(r, "N"); /* APPLICATION */
    if (index) vrows_null(r); /* DEFAULT_COLLATION */
    else vrows_text(r, "USING_NLS_COMP");
    vrows_text(r, "N"); /* DUPLICATED */
    vrows_text(r, "N"); /* SHARDED */
    for (int i = 0; i < 4; i++) vrows_null(r); /* CREATED_APPID ... MODIFIED_VSNID */
}

static void fill_objects(vrows *r, const vview_ctx *ctx, enum which_objects which)
{
    object_walk w = {r, ctx->access, which};
    schema_access_catalog(ctx->access, 1);
    objects_each(ctx->db, which == USER_OBJECTS ? ctx->access->user : NULL, object_row_out, &w);
    schema_access_catalog(ctx->access, 0);
}

static void fill_dba_objects(vrows *r, const vview_ctx *ctx) { fill_objects(r, ctx, DBA_OBJECTS); }
static void fill_all_objects(vrows *r, const vview_ctx *ctx) { fill_objects(r, ctx, ALL_OBJECTS); }
static void fill_user_objects(vrows *r, const vview_ctx *ctx)
{
    fill_objects(r, ctx, USER_OBJECTS);
}

#define OBJECT_COLUMNS                                                                             \
    "OBJECT_NAME VARCHAR2(128), SUBOBJECT_NAME VARCHAR2(128), OBJECT_ID NUMBER, "                  \
    "DATA_OBJECT_ID NUMBER, OBJECT_TYPE VARCHAR2(23), CREATED DATE, LAST_DDL_TIME DATE, "          \
    "TIMESTAMP VARCHAR2(19), STATUS VARCHAR2(7), TEMPORARY VARCHAR2(1), GENERATED VARCHAR2(1), "   \
    "SECONDARY VARCHAR2(1), NAMESPACE NUMBER, EDITION_NAME VARCHAR2(128), SHARING VARCHAR2(18), "  \
    "EDITIONABLE VARCHAR2(1), ORACLE_MAINTAINED VARCHAR2(1), APPLICATION VARCHAR2(1), "            \
    "DEFAULT_COLLATION VARCHAR2(100), DUPLICATED VARCHAR2(1), SHARDED VARCHAR2(1), "               \
    "CREATED_APPID NUMBER, CREATED_VSNID NUMBER, MODIFIED_APPID NUMBER, MODIFIED_VSNID NUMBER"

const vview dba_objects = {"DBA_OBJECTS", "OWNER VARCHAR2(128), " OBJECT_COLUMNS,
                           fill_dba_objects};
const vview all_objects = {"ALL_OBJECTS", "OWNER VARCHAR2(128), " OBJECT_COLUMNS,
                           fill_all_objects};
const vview user_objects = {"USER_OBJECTS", OBJECT_COLUMNS, fill_user_objects};
