/*
 * v_storage.c - DBA_TABLESPACES, DBA_DATA_FILES, DBA_SEGMENTS and
 * USER_SEGMENTS over the one database file.
 *
 * Warden's database is one SQLite file: one tablespace, USERS, with one
 * data file, warden.db, whose bytes are its pages (page_count x page_size).
 * A table or index is a segment whose bytes are the pages SQLite's dbstat
 * counts for it (its b-tree, overflow pages included), as DBA scripts that
 * list the biggest segments expect.  The sizes are read when the view is
 * scanned.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "objects.h"
#include "schema_access.h"
#include "v_views.h"

#define TABLESPACE "USERS"

/* PRAGMA page_size / page_count of the session's database file (0 when it cannot say); the
 * catalog is open to the pragma meanwhile (the authorizer refuses it to users). */
static int64_t pragma_int(const vview_ctx *ctx, const char *pragma)
{
    sqlite3_stmt *st = NULL;
    int64_t v = 0;
    schema_access_catalog(ctx->access, 1);
    if (sqlite3_prepare_v2(ctx->db, pragma, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    schema_access_catalog(ctx->access, 0);
    return v;
}

static void fill_tablespaces(vrows *r, const vview_ctx *ctx)
{
    vrows_row(r);
    vrows_text(r, TABLESPACE);
    vrows_int(r, pragma_int(ctx, "PRAGMA page_size"));
    vrows_text(r, "ONLINE");
    vrows_text(r, "PERMANENT");
    vrows_text(r, "LOGGING");
    vrows_text(r, "LOCAL");
    vrows_text(r, "SYSTEM");
    vrows_text(r, "AUTO");
    vrows_text(r, "YES"); /* BIGFILE: one file */
}

const vview dba_tablespaces = {
    "DBA_TABLESPACES",
    "TABLESPACE_NAME VARCHAR2(30), BLOCK_SIZE NUMBER, STATUS VARCHAR2(9), "
    "CONTENTS VARCHAR2(21), LOGGING VARCHAR2(9), EXTENT_MANAGEMENT VARCHAR2(10), "
    "ALLOCATION_TYPE VARCHAR2(9), SEGMENT_SPACE_MANAGEMENT VARCHAR2(6), BIGFILE VARCHAR2(3)",
    fill_tablespaces,
};

static void fill_data_files(vrows *r, const vview_ctx *ctx)
{
    int64_t size = pragma_int(ctx, "PRAGMA page_size");
    int64_t pages = pragma_int(ctx, "PRAGMA page_count");
    vrows_row(r);
    vrows_text(r, sqlite3_db_filename(ctx->db, "main"));
    vrows_int(r, 1);
    vrows_text(r, TABLESPACE);
    vrows_int(r, pages * size);
    vrows_int(r, pages);
    vrows_text(r, "AVAILABLE");
    vrows_int(r, 1);
    vrows_text(r, "YES"); /* AUTOEXTENSIBLE: SQLite grows the file */
    vrows_int(r, (int64_t)size * 4294967294LL); /* MAXBYTES: SQLite's most pages */
    vrows_int(r, 4294967294LL);
    vrows_text(r, "ONLINE");
}

const vview dba_data_files = {
    "DBA_DATA_FILES",
    "FILE_NAME VARCHAR2(513), FILE_ID NUMBER, TABLESPACE_NAME VARCHAR2(30), BYTES NUMBER, "
    "BLOCKS NUMBER, STATUS VARCHAR2(9), RELATIVE_FNO NUMBER, AUTOEXTENSIBLE VARCHAR2(3), "
    "MAXBYTES NUMBER, MAXBLOCKS NUMBER, ONLINE_STATUS VARCHAR2(7)",
    fill_data_files,
};

/* The pages dbstat counts per SQLite object name. */
typedef struct seg_size {
    char *name;
    int64_t pages, bytes;
} seg_size;

typedef struct seg_walk {
    vrows *rows;
    sqlite3 *db;
    int with_owner;
    seg_size *sizes;
    int nsizes;
} seg_walk;

static int by_name(const void *a, const void *b)
{
    return strcmp(((const seg_size *)a)->name, ((const seg_size *)b)->name);
}

static void read_sizes(seg_walk *w)
{
    sqlite3_stmt *st = NULL;
    int cap = 0;
    if (sqlite3_prepare_v2(w->db, "SELECT name, count(*), sum(pgsize) FROM dbstat GROUP BY name",
                           -1, &st, NULL) != SQLITE_OK) {
        sqlite3_finalize(st);
        return;
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (w->nsizes == cap) {
            cap = cap ? cap * 2 : 64;
            w->sizes = xrealloc(w->sizes, sizeof *w->sizes * (size_t)cap);
        }
        seg_size *s = &w->sizes[w->nsizes++];
        s->name = xstrdup((const char *)sqlite3_column_text(st, 0));
        s->pages = sqlite3_column_int64(st, 1);
        s->bytes = sqlite3_column_int64(st, 2);
    }
    sqlite3_finalize(st);
    qsort(w->sizes, (size_t)w->nsizes, sizeof *w->sizes, by_name);
}

static void segment_out(void *arg, const object_row *o)
{
    seg_walk *w = arg;
    int index = !strcmp(o->type, "INDEX");
    if (strcmp(o->type, "TABLE") != 0 && !index) return;
    char sqlite_name[300];
    if (objects_name(w->db, o->id, sqlite_name, sizeof sqlite_name) < 0) return;
    seg_size key = {sqlite_name, 0, 0};
    const seg_size *s = bsearch(&key, w->sizes, (size_t)w->nsizes, sizeof key, by_name);
    vrows *r = w->rows;
    vrows_row(r);
    if (w->with_owner) vrows_text(r, o->owner);
    vrows_text(r, o->name);
    vrows_null(r); /* PARTITION_NAME */
    vrows_text(r, o->type);
    vrows_text(r, TABLESPACE);
    vrows_int(r, 1);     /* HEADER_FILE */
    vrows_int(r, o->id); /* HEADER_BLOCK: the object number stands in */
    vrows_int(r, s ? s->bytes : 0);
    vrows_int(r, s ? s->pages : 0);
    vrows_int(r, s && s->pages ? 1 : 0); /* EXTENTS */
    vrows_int(r, 1);     /* RELATIVE_FNO */
    vrows_text(r, "DEFAULT");
}

static void fill_segments(vrows *r, const vview_ctx *ctx, int dba)
{
    seg_walk w = {r, ctx->db, dba, NULL, 0};
    schema_access_catalog(ctx->access, 1);
    read_sizes(&w);
    objects_each(ctx->db, dba ? NULL : ctx->access->user, segment_out, &w);
    schema_access_catalog(ctx->access, 0);
    for (int i = 0; i < w.nsizes; i++) free(w.sizes[i].name);
    free(w.sizes);
}

static void fill_dba_segments(vrows *r, const vview_ctx *ctx) { fill_segments(r, ctx, 1); }
static void fill_user_segments(vrows *r, const vview_ctx *ctx) { fill_segments(r, ctx, 0); }

#define SEGMENT_COLUMNS                                                                            \
    "SEGMENT_NAME VARCHAR2(128), PARTITION_NAME VARCHAR2(128), SEGMENT_TYPE VARCHAR2(18), "        \
    "TABLESPACE_NAME VARCHAR2(30), HEADER_FILE NUMBER, HEADER_BLOCK NUMBER, BYTES NUMBER, "        \
    "BLOCKS NUMBER, EXTENTS NUMBER, RELATIVE_FNO NUMBER, BUFFER_POOL VARCHAR2(7)"

const vview dba_segments = {"DBA_SEGMENTS", "OWNER VARCHAR2(128), " SEGMENT_COLUMNS,
                            fill_dba_segments};
const vview user_segments = {"USER_SEGMENTS", SEGMENT_COLUMNS, fill_user_segments};
