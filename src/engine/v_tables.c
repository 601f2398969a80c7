/*
 * v_tables.c - DBA_/ALL_/USER_TABLES, _TAB_COLUMNS, _INDEXES and
 * _IND_COLUMNS over the object catalog and SQLite's schema (PRAGMA
 * table_xinfo, index_list, index_xinfo).
 *
 * A column's DATA_TYPE, DATA_LENGTH, DATA_PRECISION and DATA_SCALE are read
 * from its declared type as the describe reads it (eng_column_from_decltype),
 * so a column lists as it describes.  Warden keeps no optimizer statistics:
 * NUM_ROWS, BLOCKS, AVG_ROW_LEN and LAST_ANALYZED are NULL, as in Oracle
 * before a table is analyzed.  ALL_ shows the session's own tables, those it
 * holds an object privilege on, and with SELECT ANY TABLE everyone's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/ora_types.h"
#include "catalog.h"
#include "decltype.h"
#include "engine_internal.h"
#include "objects.h"
#include "v_scope.h"
#include "v_views.h"

/* ---- TABLES ---- */

static void table_row(void *arg, const object_row *o)
{
    const scope_walk *w = arg;
    if (strcmp(o->type, "TABLE") != 0 || !scope_row(w, o->owner, o->name)) return;
    vrows *r = w->rows;
    vrows_text(r, o->name);
    vrows_text(r, "USERS");
    vrows_text(r, o->valid ? "VALID" : "UNUSABLE");
    vrows_int(r, 10);        /* PCT_FREE */
    vrows_text(r, "YES");    /* LOGGING */
    for (int i = 0; i < 3; i++) vrows_null(r); /* NUM_ROWS, BLOCKS, AVG_ROW_LEN */
    vrows_null(r);           /* LAST_ANALYZED */
    vrows_text(r, "NO");     /* PARTITIONED */
    vrows_text(r, "N");      /* TEMPORARY */
    vrows_text(r, "NO");     /* NESTED */
    vrows_text(r, "DISABLED"); /* ROW_MOVEMENT */
    vrows_text(r, "NO");     /* READ_ONLY */
}

static void fill_tables(scope_walk *w) { objects_each(w->ctx->db, scope_owner(w), table_row, w); }

SCOPED_VIEWS(tables, "TABLES", "OWNER",
             "TABLE_NAME VARCHAR2(128), TABLESPACE_NAME VARCHAR2(30), STATUS VARCHAR2(8), "
             "PCT_FREE NUMBER, LOGGING VARCHAR2(3), NUM_ROWS NUMBER, BLOCKS NUMBER, "
             "AVG_ROW_LEN NUMBER, LAST_ANALYZED DATE, PARTITIONED VARCHAR2(3), "
             "TEMPORARY VARCHAR2(1), NESTED VARCHAR2(3), ROW_MOVEMENT VARCHAR2(8), "
             "READ_ONLY VARCHAR2(3)",
             fill_tables, PRIV_SELECT_ANY_TABLE);

/* ---- TAB_COLUMNS ---- */

/* DATA_TYPE as Oracle names the column's type (DECL for the names SQLite keeps as they are). */
static void type_name(const eng_column *c, const char *decl, char *out, size_t n)
{
    const char *rest;
    if (decl && (decltype_is(decl, "BINARY_DOUBLE", &rest) || decltype_is(decl, "BINARY_FLOAT", &rest)))
        snprintf(out, n, "%s", decltype_is(decl, "BINARY_DOUBLE", &rest) ? "BINARY_DOUBLE"
                                                                         : "BINARY_FLOAT");
    else if (decl && decltype_is(decl, "FLOAT", &rest)) snprintf(out, n, "FLOAT");
    else {
        switch (c->ora_type) {
        case T_NUMBER: snprintf(out, n, "NUMBER"); break;
        case T_CHAR: snprintf(out, n, "CHAR"); break;
        case T_DATE: snprintf(out, n, "DATE"); break;
        case T_RAW: snprintf(out, n, "RAW"); break;
        case T_LONG: snprintf(out, n, "LONG"); break;
        case T_LONG_RAW: snprintf(out, n, "LONG RAW"); break;
        case T_CLOB: snprintf(out, n, "CLOB"); break;
        case T_BLOB: snprintf(out, n, "BLOB"); break;
        case T_TIMESTAMP: snprintf(out, n, "TIMESTAMP(%d)", c->scale); break;
        case T_TIMESTAMP_TZ: snprintf(out, n, "TIMESTAMP(%d) WITH TIME ZONE", c->scale); break;
        case T_TIMESTAMP_LTZ: snprintf(out, n, "TIMESTAMP(%d) WITH LOCAL TIME ZONE", c->scale); break;
        case T_INTERVAL_YM: snprintf(out, n, "INTERVAL YEAR(%d) TO MONTH", c->precision); break;
        case T_INTERVAL_DS:
            snprintf(out, n, "INTERVAL DAY(%d) TO SECOND(%d)", c->precision, c->scale);
            break;
        default: snprintf(out, n, "VARCHAR2");
        }
    }
}

/* DATA_LENGTH: bytes as Oracle counts them for the type. */
static int64_t data_length(const eng_column *c)
{
    switch (c->ora_type) {
    case T_NUMBER: return 22;
    case T_DATE: return 7;
    case T_TIMESTAMP: return 11;
    case T_TIMESTAMP_TZ: return 13;
    case T_TIMESTAMP_LTZ: return 11;
    case T_INTERVAL_YM: return 5;
    case T_INTERVAL_DS: return 11;
    case T_CLOB:
    case T_BLOB: return 4000;
    default: return c->max_size;
    }
}

/* A PRAGMA about SQLite object NAME ("PRAGMA index_list(", NAME, ")"), prepared; NULL if not. */
static sqlite3_stmt *pragma_of(sqlite3 *db, const char *pragma, const char *name)
{
    buf q;
    buf_init(&q);
    buf_printf(&q, "PRAGMA %s(", pragma);
    buf_put_quoted(&q, name, '"');
    buf_puts(&q, ")");
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, buf_cstr(&q), -1, &st, NULL) != SQLITE_OK) {
        sqlite3_finalize(st);
        st = NULL;
    }
    buf_free(&q);
    return st;
}

/* The columns of table or view O, from SQLite's schema. */
static void columns_of_object(const scope_walk *w, const object_row *o)
{
    char sqlite_name[300];
    if (objects_name(w->ctx->db, o->id, sqlite_name, sizeof sqlite_name) < 0) return;
    sqlite3_stmt *st = pragma_of(w->ctx->db, "table_xinfo", sqlite_name);
    if (!st) return;
    int column_id = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (sqlite3_column_int(st, 6) != 0) continue; /* hidden */
        const char *name = (const char *)sqlite3_column_text(st, 1);
        const char *decl = (const char *)sqlite3_column_text(st, 2);
        const char *dflt = (const char *)sqlite3_column_text(st, 4);
        eng_column c = {0};
        eng_column_from_decltype(decl, &c);
        if (!scope_row(w, o->owner, o->name)) break;
        vrows *r = w->rows;
        char type[64];
        type_name(&c, decl, type, sizeof type);
        const char *rest;
        int integer = decl && (decltype_is(decl, "INTEGER", &rest) || decltype_is(decl, "INT", &rest) ||
                               decltype_is(decl, "SMALLINT", &rest));
        int chars = c.ora_type == T_VARCHAR || c.ora_type == T_CHAR;
        int binary = !strncmp(type, "BINARY_", 7); /* 8 or 4 bytes, no precision */
        vrows_text(r, o->name);
        vrows_text(r, name);
        vrows_text(r, type);
        vrows_int(r, binary ? (strcmp(type, "BINARY_DOUBLE") ? 4 : 8) : data_length(&c));
        if (c.ora_type == T_NUMBER && !integer && !binary && c.precision > 0) vrows_int(r, c.precision);
        else vrows_null(r);
        if (c.ora_type == T_NUMBER && (integer || c.scale != -127)) vrows_int(r, integer ? 0 : c.scale);
        else vrows_null(r);
        vrows_text(r, sqlite3_column_int(st, 3) ? "N" : "Y");
        vrows_int(r, ++column_id);
        if (dflt) vrows_int(r, (int64_t)strlen(dflt)), vrows_text(r, dflt);
        else vrows_null(r), vrows_null(r);
        vrows_int(r, chars ? (int64_t)c.max_size : 0);
        if (chars) vrows_text(r, decl && strstr(decl, " CHAR(") ? "C" : "B");
        else vrows_null(r);
    }
    sqlite3_finalize(st);
}

static void column_rows(void *arg, const object_row *o)
{
    const scope_walk *w = arg;
    if (!strcmp(o->type, "TABLE") || !strcmp(o->type, "VIEW")) columns_of_object(w, o);
}

static void fill_columns(scope_walk *w) { objects_each(w->ctx->db, scope_owner(w), column_rows, w); }

SCOPED_VIEWS(tab_columns, "TAB_COLUMNS", "OWNER",
             "TABLE_NAME VARCHAR2(128), COLUMN_NAME VARCHAR2(128), DATA_TYPE VARCHAR2(128), "
             "DATA_LENGTH NUMBER, DATA_PRECISION NUMBER, DATA_SCALE NUMBER, "
             "NULLABLE VARCHAR2(1), COLUMN_ID NUMBER, DEFAULT_LENGTH NUMBER, "
             "DATA_DEFAULT VARCHAR2(4000), CHAR_LENGTH NUMBER, CHAR_USED VARCHAR2(1)",
             fill_columns, PRIV_SELECT_ANY_TABLE);

/* ---- INDEXES and IND_COLUMNS ---- */

/* The index objects by number (Warden's indexes live in their table's schema). */
typedef struct index_list {
    object_row *rows;
    int n, cap;
} index_list;

static void collect_index(void *arg, const object_row *o)
{
    index_list *l = arg;
    if (strcmp(o->type, "INDEX") != 0) return;
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 32;
        l->rows = xrealloc(l->rows, sizeof *l->rows * (size_t)l->cap);
    }
    l->rows[l->n++] = *o;
}

static const object_row *index_by_number(const index_list *l, uint32_t id)
{
    for (int i = 0; i < l->n; i++)
        if (l->rows[i].id == id) return &l->rows[i];
    return NULL;
}

typedef struct index_walk {
    const scope_walk *w;
    index_list indexes;
    int columns; /* IND_COLUMNS rather than INDEXES */
} index_walk;

/* The columns of index IDX (SQLite name INDEX_NAME) of table T, one row each. */
static void index_column_rows(index_walk *iw, const object_row *t, const object_row *idx,
                              const char *index_name)
{
    sqlite3_stmt *st = pragma_of(iw->w->ctx->db, "index_xinfo", index_name);
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        if (!sqlite3_column_int(st, 5)) continue; /* the rowid SQLite keeps in every index */
        if (!scope_row(iw->w, idx->owner, idx->name)) break;
        vrows *r = iw->w->rows;
        vrows_text(r, idx->name);
        vrows_text(r, t->owner);
        vrows_text(r, t->name);
        vrows_text(r, (const char *)sqlite3_column_text(st, 2));
        vrows_int(r, sqlite3_column_int(st, 0) + 1);
        vrows_text(r, sqlite3_column_int(st, 3) ? "DESC" : "ASC");
    }
    sqlite3_finalize(st);
}

static void index_rows_of_table(void *arg, const object_row *t)
{
    index_walk *iw = arg;
    char table_name[300];
    if (strcmp(t->type, "TABLE") != 0 ||
        objects_name(iw->w->ctx->db, t->id, table_name, sizeof table_name) < 0)
        return;
    sqlite3_stmt *st = pragma_of(iw->w->ctx->db, "index_list", table_name);
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        const char *index_name = (const char *)sqlite3_column_text(st, 1);
        const object_row *idx =
            index_by_number(&iw->indexes, objects_number(iw->w->ctx->db, index_name));
        if (!idx) continue;
        if (iw->columns) {
            index_column_rows(iw, t, idx, index_name);
            continue;
        }
        if (!scope_row(iw->w, idx->owner, idx->name)) continue;
        vrows *r = iw->w->rows;
        vrows_text(r, idx->name);
        vrows_text(r, "NORMAL");
        vrows_text(r, t->owner);
        vrows_text(r, t->name);
        vrows_text(r, "TABLE");
        vrows_text(r, sqlite3_column_int(st, 2) ? "UNIQUE" : "NONUNIQUE");
        vrows_text(r, "USERS");
        vrows_text(r, "VALID");
        vrows_text(r, idx->generated ? "Y" : "N");
        for (int i = 0; i < 3; i++) vrows_null(r); /* NUM_ROWS, DISTINCT_KEYS, LEAF_BLOCKS */
        vrows_null(r);                             /* LAST_ANALYZED */
    }
    sqlite3_finalize(st);
}

static void fill_index_views(scope_walk *w, int columns)
{
    index_walk iw = {w, {0}, columns};
    objects_each(w->ctx->db, scope_owner(w), collect_index, &iw.indexes);
    objects_each(w->ctx->db, scope_owner(w), index_rows_of_table, &iw);
    free(iw.indexes.rows);
}

static void fill_indexes(scope_walk *w) { fill_index_views(w, 0); }
static void fill_ind_columns(scope_walk *w) { fill_index_views(w, 1); }

SCOPED_VIEWS(indexes, "INDEXES", "OWNER",
             "INDEX_NAME VARCHAR2(128), INDEX_TYPE VARCHAR2(27), TABLE_OWNER VARCHAR2(128), "
             "TABLE_NAME VARCHAR2(128), TABLE_TYPE VARCHAR2(11), UNIQUENESS VARCHAR2(9), "
             "TABLESPACE_NAME VARCHAR2(30), STATUS VARCHAR2(8), GENERATED VARCHAR2(1), "
             "NUM_ROWS NUMBER, DISTINCT_KEYS NUMBER, LEAF_BLOCKS NUMBER, LAST_ANALYZED DATE",
             fill_indexes, PRIV_SELECT_ANY_TABLE);

SCOPED_VIEWS(ind_columns, "IND_COLUMNS", "INDEX_OWNER",
             "INDEX_NAME VARCHAR2(128), TABLE_OWNER VARCHAR2(128), TABLE_NAME VARCHAR2(128), "
             "COLUMN_NAME VARCHAR2(4000), COLUMN_POSITION NUMBER, DESCEND VARCHAR2(4)",
             fill_ind_columns, PRIV_SELECT_ANY_TABLE);
