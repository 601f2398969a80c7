/*
 * v_constraints.c - DBA_/ALL_/USER_CONSTRAINTS and _CONS_COLUMNS: each
 * table's keys, checks, NOT NULLs and foreign keys, read from its CREATE
 * TABLE text (table_constraints.c).
 *
 * A constraint keeps the name it was given.  An unnamed primary or unique
 * key is named after the index SQLite made for it (the SYS_Cnnnnnnn name
 * DBA_INDEXES shows, matched by its columns); any other unnamed one gets a
 * SYS_Cnnnnnnn name of its table's object number and its place in the
 * table, stable while the table lasts.  A foreign key's R_CONSTRAINT_NAME
 * is the referenced table's primary key, or its unique key of the
 * referenced columns.  Every constraint is enabled and validated, checked
 * at once (Warden has no deferred constraints).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "engine_internal.h"
#include "objects.h"
#include "table_constraints.h"
#include "v_scope.h"
#include "v_views.h"

/* The schema's objects, all owners: tables and the indexes made for constraints. */
typedef struct object_list {
    object_row *rows;
    int n, cap;
} object_list;

static void collect_object(void *arg, const object_row *o)
{
    object_list *l = arg;
    if (strcmp(o->type, "TABLE") != 0 && strcmp(o->type, "INDEX") != 0) return;
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->rows = xrealloc(l->rows, sizeof *l->rows * (size_t)l->cap);
    }
    l->rows[l->n++] = *o;
}

static const object_row *object_by_id(const object_list *l, uint32_t id)
{
    for (int i = 0; i < l->n; i++)
        if (l->rows[i].id == id) return &l->rows[i];
    return NULL;
}

/* One table's constraints, every one named, and the index of each key ("" if none). */
typedef struct named_constraints {
    table_constraints c;
    char (*index)[130];
} named_constraints;

static char *create_sql_of(sqlite3 *db, const char *name)
{
    sqlite3_stmt *st = NULL;
    char *sql = NULL;
    if (sqlite3_prepare_v2(db, "SELECT sql FROM main.sqlite_schema WHERE type = 'table' AND name = ?1",
                           -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
            sql = xstrdup((const char *)sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    return sql;
}

/* Do the columns of SQLite index INDEX equal K's? */
static int index_has_columns(sqlite3 *db, const char *index, const table_constraint *k)
{
    char q[400];
    snprintf(q, sizeof q, "SELECT name FROM pragma_index_info(?1) ORDER BY seqno");
    sqlite3_stmt *st = NULL;
    int n = 0, same = sqlite3_prepare_v2(db, q, -1, &st, NULL) == SQLITE_OK;
    if (same) sqlite3_bind_text(st, 1, index, -1, SQLITE_STATIC);
    while (same && sqlite3_step(st) == SQLITE_ROW) {
        const char *col = (const char *)sqlite3_column_text(st, 0);
        same = n < k->ncolumns && col && !strcmp(col, k->columns[n]);
        n++;
    }
    sqlite3_finalize(st);
    return same && n == k->ncolumns;
}

/* The index (Oracle name into OUT) SQLite made for key K of table TABLE (SQLite name). */
static void key_index(sqlite3 *db, const object_list *objects, const char *table,
                      const table_constraint *k, char *out, size_t size)
{
    out[0] = '\0';
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT name FROM pragma_index_list(?1) WHERE origin IN ('pk', 'u')",
                           -1, &st, NULL) != SQLITE_OK)
        return;
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    while (!out[0] && sqlite3_step(st) == SQLITE_ROW) {
        const char *index = (const char *)sqlite3_column_text(st, 0);
        if (!index || !index_has_columns(db, index, k)) continue;
        const object_row *o = object_by_id(objects, objects_number(db, index));
        if (o) snprintf(out, size, "%s", o->name);
    }
    sqlite3_finalize(st);
}

/* The constraints of table T (SQLite name TABLE), each named. */
static int read_named(sqlite3 *db, const object_list *objects, const object_row *t,
                      const char *table, named_constraints *nc)
{
    char *sql = create_sql_of(db, table);
    int rc = sql ? table_constraints_read(sql, &nc->c) : -1;
    free(sql);
    if (rc < 0) return -1;
    nc->index = xcalloc((size_t)(nc->c.n ? nc->c.n : 1), sizeof *nc->index);
    for (int i = 0; i < nc->c.n; i++) {
        table_constraint *k = &nc->c.v[i];
        if (k->type == 'P' || k->type == 'U')
            key_index(db, objects, table, k, nc->index[i], sizeof nc->index[i]);
        if (k->name[0]) continue;
        if (nc->index[i][0]) snprintf(k->name, sizeof k->name, "%s", nc->index[i]);
        else snprintf(k->name, sizeof k->name, "SYS_C%07u", (t->id * 64u + (unsigned)i) % 10000000u);
    }
    return 0;
}

static void free_named(named_constraints *nc)
{
    table_constraints_free(&nc->c);
    free(nc->index);
}

/* The object of table TABLE (SQLite name "OWNER.NAME"). */
static const object_row *table_object(sqlite3 *db, const object_list *objects, const char *table)
{
    const object_row *o = object_by_id(objects, objects_number(db, table));
    return o && !strcmp(o->type, "TABLE") ? o : NULL;
}

/* Foreign key K's referenced constraint: its owner and name into R (NULL when not found). */
static const object_row *referenced(sqlite3 *db, const object_list *objects,
                                    const table_constraint *k, char *name, size_t size)
{
    const object_row *t = table_object(db, objects, k->ref_table);
    named_constraints nc = {0};
    name[0] = '\0';
    if (!t || read_named(db, objects, t, k->ref_table, &nc) < 0) return NULL;
    for (int i = 0; i < nc.c.n && !name[0]; i++) {
        const table_constraint *key = &nc.c.v[i];
        int same = key->type == 'P' && !k->nref_columns;
        if (!same && (key->type == 'P' || key->type == 'U') && key->ncolumns == k->nref_columns) {
            same = 1;
            for (int c = 0; c < key->ncolumns && same; c++)
                same = !strcmp(key->columns[c], k->ref_columns[c]);
        }
        if (same) snprintf(name, size, "%s", key->name);
    }
    free_named(&nc);
    return name[0] ? t : NULL;
}

typedef struct constraint_walk {
    scope_walk *w;
    object_list objects;
    int columns; /* CONS_COLUMNS rather than CONSTRAINTS */
} constraint_walk;

static void constraint_row(constraint_walk *cw, const object_row *t, const named_constraints *nc,
                           int i)
{
    sqlite3 *db = cw->w->ctx->db;
    const table_constraint *k = &nc->c.v[i];
    if (!scope_row(cw->w, t->owner, t->name)) return;
    vrows *r = cw->w->rows;
    char type[2] = {k->type, 0}, r_name[130];
    vrows_text(r, k->name);
    vrows_text(r, type);
    vrows_text(r, t->name);
    vrows_text(r, k->condition);
    const object_row *rt = k->type == 'R' ? referenced(db, &cw->objects, k, r_name, sizeof r_name) : NULL;
    vrows_text(r, rt ? rt->owner : NULL);
    vrows_text(r, rt ? r_name : NULL);
    vrows_text(r, k->type == 'R' ? k->delete_rule : NULL);
    vrows_text(r, "ENABLED");
    vrows_text(r, "NOT DEFERRABLE");
    vrows_text(r, "IMMEDIATE");
    vrows_text(r, "VALIDATED");
    vrows_text(r, strncmp(k->name, "SYS_C", 5) ? "USER NAME" : "GENERATED NAME");
    vrows_text(r, nc->index[i][0] ? t->owner : NULL);
    vrows_text(r, nc->index[i][0] ? nc->index[i] : NULL);
    vrows_date(r, t->last_ddl);
    vrows_text(r, k->condition); /* SEARCH_CONDITION_VC */
}

static void cons_column_rows(constraint_walk *cw, const object_row *t, const table_constraint *k)
{
    for (int c = 0; c < k->ncolumns; c++) {
        if (!scope_row(cw->w, t->owner, t->name)) return;
        vrows *r = cw->w->rows;
        vrows_text(r, k->name);
        vrows_text(r, t->name);
        vrows_text(r, k->columns[c]);
        if (k->type == 'C') vrows_null(r); /* a check's columns have no position */
        else vrows_int(r, c + 1);
    }
}

static void table_rows(void *arg, const object_row *t)
{
    constraint_walk *cw = arg;
    sqlite3 *db = cw->w->ctx->db;
    char table[300];
    if (strcmp(t->type, "TABLE") != 0 || objects_name(db, t->id, table, sizeof table) < 0) return;
    named_constraints nc = {0};
    if (read_named(db, &cw->objects, t, table, &nc) < 0) return;
    for (int i = 0; i < nc.c.n; i++) {
        if (cw->columns) cons_column_rows(cw, t, &nc.c.v[i]);
        else constraint_row(cw, t, &nc, i);
    }
    free_named(&nc);
}

static void fill_constraint_views(scope_walk *w, int columns)
{
    constraint_walk cw = {w, {0}, columns};
    objects_each(w->ctx->db, NULL, collect_object, &cw.objects);
    objects_each(w->ctx->db, scope_owner(w), table_rows, &cw);
    free(cw.objects.rows);
}

static void fill_constraints(scope_walk *w) { fill_constraint_views(w, 0); }
static void fill_cons_columns(scope_walk *w) { fill_constraint_views(w, 1); }

SCOPED_VIEWS(constraints, "CONSTRAINTS", "OWNER",
             "CONSTRAINT_NAME VARCHAR2(128), CONSTRAINT_TYPE VARCHAR2(1), TABLE_NAME VARCHAR2(128), "
             "SEARCH_CONDITION VARCHAR2(4000), R_OWNER VARCHAR2(128), "
             "R_CONSTRAINT_NAME VARCHAR2(128), DELETE_RULE VARCHAR2(9), STATUS VARCHAR2(8), "
             "\"DEFERRABLE\" VARCHAR2(14), \"DEFERRED\" VARCHAR2(9), VALIDATED VARCHAR2(13), "
             "GENERATED VARCHAR2(14), INDEX_OWNER VARCHAR2(128), INDEX_NAME VARCHAR2(128), "
             "LAST_CHANGE DATE, SEARCH_CONDITION_VC VARCHAR2(4000)",
             fill_constraints, PRIV_SELECT_ANY_TABLE);

SCOPED_VIEWS(cons_columns, "CONS_COLUMNS", "OWNER",
             "CONSTRAINT_NAME VARCHAR2(128), TABLE_NAME VARCHAR2(128), COLUMN_NAME VARCHAR2(4000), "
             "POSITION NUMBER",
             fill_cons_columns, PRIV_SELECT_ANY_TABLE);
