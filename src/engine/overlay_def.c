/*
 * overlay_def.c - a table's definition as an overlay needs it (see
 * overlay_def.h): columns from pragma_table_xinfo, indexes from
 * pragma_index_list / pragma_index_xinfo, and CHECK constraints found in the
 * CREATE TABLE text (SQLite keeps no other record of them).
 *
 * Every read is qualified with schema main: the overlay's TEMP view has the
 * table's own name, and an unqualified PRAGMA would describe the view.
 */
#include "overlay_def.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../common/buf.h"
#include "../sql/lexer.h"
#include "../sql/translate.h"
#include "decltype.h"

/* Column names the overlay uses for itself; a table may not have them. */
static const char *const reserved_columns[] = {"ws$rid", "ws$op", "ws$seq", "rowid"};

int ovl_sqlite_fail(sqlite3 *db, int rc, ora_error *err)
{
    sql_map_sqlite_error(NULL, NULL, rc, sqlite3_errmsg(db), -1, err);
    return -1;
}

static char *column_text(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? xstrdup((const char *)t) : NULL;
}

typedef int (*row_fn)(sqlite3_stmt *st, void *arg, ora_error *err);

/* Run SQL with ?1 = NAME and ON_ROW on each row (-1 from it stops, ERR set): rows seen, or -1. */
static int each_row(sqlite3 *db, const char *sql, const char *name, row_fn on_row, void *arg,
                    ora_error *err)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL), n = 0;
    if (rc != SQLITE_OK) return ovl_sqlite_fail(db, rc, err);
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    while (n >= 0 && (rc = sqlite3_step(st)) == SQLITE_ROW)
        n = on_row(st, arg, err) < 0 ? -1 : n + 1;
    if (n >= 0 && rc != SQLITE_DONE) n = ovl_sqlite_fail(db, rc, err);
    sqlite3_finalize(st);
    return n;
}

static int refuse_without_rowid(sqlite3_stmt *st, void *arg, ora_error *err)
{
    return sqlite3_column_int(st, 0) ? ora_set(err, ORA_UNIMPLEMENTED, 0) : 0;
}

/* ORA-00942 when main has no rowid table TABLE, ORA-03001 for WITHOUT ROWID. */
static int check_table_kind(sqlite3 *db, const char *table, ora_error *err)
{
    int n = each_row(
        db, "SELECT wr FROM pragma_table_list(?1) WHERE schema = 'main' AND type = 'table'", table,
        refuse_without_rowid, NULL, err);
    return n == 0 ? ora_set(err, ORA_TABLE_NOT_EXIST, 0) : n < 0 ? -1 : 0;
}

static int reserved_name(const char *name)
{
    for (size_t i = 0; i < sizeof reserved_columns / sizeof *reserved_columns; i++)
        if (strcasecmp(name, reserved_columns[i]) == 0) return 1;
    return 0;
}

/* What the declared type of C does to a value stored: NUMBER(p[,s]) and INTEGER round;
 * VARCHAR2(n), NVARCHAR2(n), CHAR[(n)], NCHAR[(n)] and RAW(n) limit the length (characters with
 * CHAR semantics and for the national types, else bytes), CHAR and NCHAR pad to it.  Every number
 * column takes numbers only (FLOAT is binary precision: not limited). */
static void set_storage_rules(ovl_column *c)
{
    const char *rest;
    int a = 0, b = 0, national = 0;
    if (decltype_is(c->decltype, "NUMBER", &rest)) {
        decltype_args(rest, &a, &b);
        c->numeric = 1;
        c->exact_number = decltype_exact_number(c->decltype);
        c->number_precision = a > 0 && a <= 38 ? a : 0;
        c->number_scale = c->number_precision ? b : 0;
    } else if (decltype_is(c->decltype, "INTEGER", &rest)) {
        c->numeric = 1;
        c->number_precision = 38;
    } else if (decltype_is(c->decltype, "FLOAT", &rest) ||
               decltype_is(c->decltype, "BINARY_FLOAT", &rest) ||
               decltype_is(c->decltype, "BINARY_DOUBLE", &rest)) {
        c->numeric = 1;
    } else if (decltype_is(c->decltype, "RAW", &rest)) {
        decltype_args(rest, &c->max_length, &b);
        c->length_flags = ORA_LENGTH_HEX;
    } else if (decltype_is(c->decltype, "VARCHAR2", &rest) ||
               (national = decltype_is(c->decltype, "NVARCHAR2", &rest))) {
        if (decltype_length(rest, national, 0, &c->max_length)) c->length_flags = ORA_LENGTH_CHARS;
    } else if (decltype_is(c->decltype, "CHAR", &rest) ||
               (national = decltype_is(c->decltype, "NCHAR", &rest))) {
        c->length_flags = ORA_LENGTH_PADDED;
        if (decltype_length(rest, national, 1, &c->max_length)) c->length_flags |= ORA_LENGTH_CHARS;
    }
}

/* A row of pragma_table_xinfo: name, type, notnull, dflt_value, pk, hidden. */
static int add_column(sqlite3_stmt *st, void *arg, ora_error *err)
{
    ovl_def *def = arg;
    const char *name = (const char *)sqlite3_column_text(st, 0);
    if (sqlite3_column_int(st, 5) != 0 || reserved_name(name)) /* generated, or ours */
        return ora_set(err, ORA_UNIMPLEMENTED, 0);
    def->cols = xrealloc(def->cols, (size_t)(def->ncols + 1) * sizeof *def->cols);
    ovl_column *c = &def->cols[def->ncols];
    c->name = xstrdup(name);
    c->decltype = column_text(st, 1);
    if (!c->decltype) c->decltype = xstrdup("");
    c->notnull = sqlite3_column_int(st, 2);
    c->dflt = column_text(st, 3);
    c->numeric = c->number_precision = c->number_scale = c->max_length = c->length_flags = 0;
    c->exact_number = 0;
    c->collation = NULL;
    set_storage_rules(c);
    def->ncols++;
    /* an INTEGER PRIMARY KEY alone in its key is the rowid alias (-2: a key of several) */
    if (sqlite3_column_int(st, 4) > 0)
        def->alias =
            def->alias == -1 && strcasecmp(c->decltype, "INTEGER") == 0 ? def->ncols - 1 : -2;
    return 0;
}

static int read_columns(sqlite3 *db, ovl_def *def, ora_error *err)
{
    int n = each_row(db,
                     "SELECT name, type, \"notnull\", dflt_value, pk, hidden"
                     " FROM pragma_table_xinfo(?1, 'main') ORDER BY cid",
                     def->table, add_column, def, err);
    if (def->alias == -2) def->alias = -1;
    if (n < 0) return -1;
    for (int i = 0; i < def->ncols; i++) {
        const char *coll = NULL;
        if (sqlite3_table_column_metadata(db, "main", def->table, def->cols[i].name, NULL, &coll,
                                          NULL, NULL, NULL) == SQLITE_OK &&
            coll && strcasecmp(coll, "BINARY") != 0)
            def->cols[i].collation = xstrdup(coll);
    }
    return 0;
}

typedef struct index_read {
    const ovl_def *def;
    ovl_index *ix;
    int has_expr;
} index_read;

/* A row of pragma_index_xinfo: cid, desc, coll. */
static int add_index_column(sqlite3_stmt *st, void *arg, ora_error *err)
{
    index_read *r = arg;
    ovl_index *ix = r->ix;
    int cid = sqlite3_column_int(st, 0), n = ix->ncols + 1;
    if (cid < 0 || cid >= r->def->ncols) r->has_expr = 1;
    ix->cols = xrealloc(ix->cols, (size_t)n * sizeof *ix->cols);
    ix->desc = xrealloc(ix->desc, (size_t)n * sizeof *ix->desc);
    ix->colls = xrealloc(ix->colls, (size_t)n * sizeof *ix->colls);
    ix->cols[ix->ncols] = cid;
    ix->desc[ix->ncols] = sqlite3_column_int(st, 1);
    ix->colls[ix->ncols] = column_text(st, 2);
    if (!ix->colls[ix->ncols]) ix->colls[ix->ncols] = xstrdup("BINARY");
    ix->ncols++;
    return 0;
}

static void free_index(ovl_index *ix)
{
    for (int i = 0; i < ix->ncols; i++)
        free(ix->colls[i]);
    free(ix->name);
    free(ix->cols);
    free(ix->desc);
    free(ix->colls);
}

typedef struct indexes_read {
    sqlite3 *db;
    ovl_def *def;
} indexes_read;

/* A row of pragma_index_list: name, unique, partial. Kept when on plain columns, not partial. */
static int add_index(sqlite3_stmt *st, void *arg, ora_error *err)
{
    indexes_read *r = arg;
    ovl_def *def = r->def;
    ovl_index ix = {.name = column_text(st, 0), .unique = sqlite3_column_int(st, 1)};
    index_read cols = {def, &ix, 0};
    if (each_row(r->db,
                 "SELECT cid, \"desc\", coll FROM pragma_index_xinfo(?1, 'main')"
                 " WHERE key ORDER BY seqno",
                 ix.name, add_index_column, &cols, err) < 0) {
        free_index(&ix);
        return -1;
    }
    if (cols.has_expr || sqlite3_column_int(st, 2)) {
        def->unchecked_keys += ix.unique;
        def->opaque_indexes++;
        free_index(&ix);
        return 0;
    }
    def->indexes = xrealloc(def->indexes, (size_t)(def->nindexes + 1) * sizeof *def->indexes);
    def->indexes[def->nindexes++] = ix;
    return 0;
}

static int read_indexes(sqlite3 *db, ovl_def *def, ora_error *err)
{
    indexes_read r = {db, def};
    return each_row(db, "SELECT name, \"unique\", partial FROM pragma_index_list(?1, 'main')",
                    def->table, add_index, &r, err) < 0
               ? -1
               : 0;
}

/* ---- CHECK constraints from the CREATE TABLE text ---- */

/* A constraint name as SQLite's messages spell it: as written, without its quotes. */
static char *constraint_name(const char *sql, const sql_token *tok)
{
    if (tok->type == TK_WORD) return xstrndup(sql + tok->off, (size_t)tok->len);
    char name[SQL_IDENT_MAX * 2];
    tok_name(sql, tok, name, sizeof name);
    return xstrdup(name);
}

static void add_check(ovl_def *def, char *name, const char *from, const char *to)
{
    while (from < to && isspace((unsigned char)*from))
        from++;
    while (to > from && isspace((unsigned char)to[-1]))
        to--;
    def->checks = xrealloc(def->checks, (size_t)(def->nchecks + 1) * sizeof *def->checks);
    def->checks[def->nchecks++] = (ovl_check){name, xstrndup(from, (size_t)(to - from))};
}

/* Position of the ")" closing the "(" at OPEN in TOKS, or -1. */
static int closing_paren(const char *sql, const sql_tokens *toks, int open)
{
    int depth = 0;
    for (int i = open; i < toks->n; i++) {
        if (tok_is_op(sql, &toks->v[i], "("))
            depth++;
        else if (tok_is_op(sql, &toks->v[i], ")") && --depth == 0)
            return i;
    }
    return -1;
}

/*
 * Every "[CONSTRAINT name] CHECK (expr)" of CREATE_SQL, read with the SQL
 * front end's tokenizer (Warden writes its tables' CREATE TABLE text). Text it
 * cannot read yields no checks: SQLite still enforces them at apply.
 */
static void find_checks(ovl_def *def, const char *sql)
{
    sql_tokens toks;
    ora_error err;
    if (sql_lex_all(sql, (int)strlen(sql), &toks, &err) < 0) return;
    for (int i = 0; i + 1 < toks.n; i++) {
        if (!tok_is_word(sql, &toks.v[i], "CHECK") || !tok_is_op(sql, &toks.v[i + 1], "("))
            continue;
        int close = closing_paren(sql, &toks, i + 1);
        if (close < 0) break;
        int named =
            i >= 2 && tok_is_word(sql, &toks.v[i - 2], "CONSTRAINT") && tok_is_name(&toks.v[i - 1]);
        add_check(def, named ? constraint_name(sql, &toks.v[i - 1]) : NULL,
                  sql + toks.v[i + 1].off + 1, sql + toks.v[close].off);
        i = close;
    }
    sql_tokens_free(&toks);
}

static int add_checks(sqlite3_stmt *st, void *arg, ora_error *err)
{
    if (sqlite3_column_text(st, 0)) find_checks(arg, (const char *)sqlite3_column_text(st, 0));
    return 0;
}

static int read_checks(sqlite3 *db, ovl_def *def, ora_error *err)
{
    return each_row(db, "SELECT sql FROM main.sqlite_schema WHERE type = 'table' AND name = ?1",
                    def->table, add_checks, def, err) < 0
               ? -1
               : 0;
}

/* One row of PRAGMA foreign_key_list (id, seq, table, from, to): a column of key ID. */
static int add_fkey_column(sqlite3_stmt *st, void *arg, ora_error *err)
{
    ovl_def *def = arg;
    int id = sqlite3_column_int(st, 0);
    if (def->nfkeys == 0 || id != def->nfkeys - 1) { /* rows come by id, then seq */
        def->fkeys = xrealloc(def->fkeys, (size_t)(def->nfkeys + 1) * sizeof *def->fkeys);
        def->fkeys[def->nfkeys++] =
            (ovl_fkey){.parent = xstrdup((const char *)sqlite3_column_text(st, 2))};
    }
    ovl_fkey *k = &def->fkeys[def->nfkeys - 1];
    int col = ovl_def_column(def, (const char *)sqlite3_column_text(st, 3));
    if (col < 0) return ora_set(err, ORA_INTERNAL, 0, "foreign key column");
    const char *to = (const char *)sqlite3_column_text(st, 4);
    k->cols = xrealloc(k->cols, (size_t)(k->n + 1) * sizeof *k->cols);
    k->parent_cols = xrealloc(k->parent_cols, (size_t)(k->n + 1) * sizeof *k->parent_cols);
    k->cols[k->n] = col;
    k->parent_cols[k->n++] = to ? xstrdup(to) : NULL;
    return 0;
}

/* The parent's primary key column number SEQ (0-based), for a key that names no columns. */
static char *parent_pk_column(sqlite3 *db, const char *parent, int seq)
{
    sqlite3_stmt *st;
    char *name = NULL;
    if (sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info(?1, 'main') WHERE pk > 0 "
                               "ORDER BY pk LIMIT 1 OFFSET ?2",
                           -1, &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_text(st, 1, parent, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, seq);
    if (sqlite3_step(st) == SQLITE_ROW) name = xstrdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return name;
}

/* Matching a unique index of the parent against key K's parent columns. */
typedef struct index_match {
    sqlite3 *db;
    ovl_fkey *k;
    int n, ok;  /* the index's columns seen so far; all of them among K's */
    int *order; /* for the index's column i, K's column order[i] */
} index_match;

/* One row (name) of pragma_index_info: the index's next column, one of K's or not. */
static int match_index_column(sqlite3_stmt *st, void *arg, ora_error *err)
{
    index_match *m = arg;
    const char *name = (const char *)sqlite3_column_text(st, 0);
    int j = 0;
    while (j < m->k->n && (!name || sqlite3_stricmp(name, m->k->parent_cols[j]) != 0)) j++;
    m->ok = m->ok && m->n < m->k->n && j < m->k->n;
    if (m->ok) m->order[m->n++] = j;
    return 0;
}

/* One row (name) of the parent's plain unique indexes: K's index when its columns are K's. */
static int match_index(sqlite3_stmt *st, void *arg, ora_error *err)
{
    index_match *m = arg;
    if (m->k->parent_index) return 0;
    const char *index = (const char *)sqlite3_column_text(st, 0);
    m->n = 0;
    m->ok = 1;
    m->order = xmalloc((size_t)m->k->n * sizeof *m->order);
    if (each_row(m->db, "SELECT name FROM pragma_index_info(?1, 'main') ORDER BY seqno", index,
                 match_index_column, m, err) < 0) {
        free(m->order);
        return -1;
    }
    if (m->ok && m->n == m->k->n) {
        m->k->parent_index = xstrdup(index);
        m->k->index_order = m->order;
    } else {
        free(m->order);
    }
    return 0;
}

static int read_fkeys(sqlite3 *db, ovl_def *def, ora_error *err)
{
    if (each_row(db, "SELECT id, seq, \"table\", \"from\", \"to\" FROM "
                     "pragma_foreign_key_list(?1, 'main') ORDER BY id, seq",
                 def->table, add_fkey_column, def, err) < 0)
        return -1;
    for (int i = 0; i < def->nfkeys; i++) {
        ovl_fkey *k = &def->fkeys[i];
        for (int j = 0; j < k->n; j++)
            if (!k->parent_cols[j] && !(k->parent_cols[j] = parent_pk_column(db, k->parent, j)))
                return ora_set(err, ORA_INTERNAL, 0, "foreign key without a parent key");
        index_match m = {.db = db, .k = k};
        if (each_row(db,
                     "SELECT name FROM pragma_index_list(?1, 'main') WHERE \"unique\" AND "
                     "NOT partial",
                     k->parent, match_index, &m, err) < 0)
            return -1;
    }
    return 0;
}

typedef struct children {
    ovl_child_key *keys;
    int n;
    int last_id; /* the key id of the last row, within keys[n - 1].child */
} children;

/* PRAGMA foreign_key_list's on_delete as an action (Warden's DDL writes no other than these). */
static ovl_delete_action delete_action(const char *on_delete)
{
    if (on_delete && !strcmp(on_delete, "CASCADE")) return OVL_CASCADE;
    if (on_delete && !strcmp(on_delete, "SET NULL")) return OVL_SET_NULL;
    return OVL_NO_ACTION;
}

/* One row (child, id, from, to) of a key referring to the parent: a column of that key. */
static int add_child_column(sqlite3_stmt *st, void *arg, ora_error *err)
{
    children *c = arg;
    const char *child = (const char *)sqlite3_column_text(st, 0);
    int id = sqlite3_column_int(st, 1);
    if (c->n == 0 || id != c->last_id || strcmp(c->keys[c->n - 1].child, child) != 0) {
        c->keys = xrealloc(c->keys, (size_t)(c->n + 1) * sizeof *c->keys);
        const char *action = (const char *)sqlite3_column_text(st, 4);
        c->keys[c->n++] = (ovl_child_key){.child = xstrdup(child), .action = delete_action(action)};
        c->last_id = id;
    }
    ovl_child_key *k = &c->keys[c->n - 1];
    const char *to = (const char *)sqlite3_column_text(st, 3);
    k->cols = xrealloc(k->cols, (size_t)(k->n + 1) * sizeof *k->cols);
    k->parent_cols = xrealloc(k->parent_cols, (size_t)(k->n + 1) * sizeof *k->parent_cols);
    k->cols[k->n] = xstrdup((const char *)sqlite3_column_text(st, 2));
    k->parent_cols[k->n++] = to ? xstrdup(to) : NULL;
    return 0;
}

int ovl_def_children(sqlite3 *db, const char *parent, ovl_child_key **keys, int *n,
                     ora_error *err)
{
    children c = {0};
    int rc = each_row(db,
                      "SELECT m.name, f.id, f.\"from\", f.\"to\", f.on_delete FROM "
                      "main.sqlite_schema AS m, pragma_foreign_key_list(m.name, 'main') AS f "
                      "WHERE m.type = 'table' AND f.\"table\" = ?1 COLLATE NOCASE "
                      "ORDER BY m.name, f.id, f.seq",
                      parent, add_child_column, &c, err);
    for (int i = 0; rc >= 0 && i < c.n; i++)
        for (int j = 0; j < c.keys[i].n; j++)
            if (!c.keys[i].parent_cols[j] &&
                !(c.keys[i].parent_cols[j] = parent_pk_column(db, parent, j)))
                rc = ora_set(err, ORA_INTERNAL, 0, "foreign key without a parent key");
    if (rc < 0) {
        ovl_def_children_free(c.keys, c.n);
        return -1;
    }
    *keys = c.keys;
    *n = c.n;
    return 0;
}

void ovl_def_children_free(ovl_child_key *keys, int n)
{
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < keys[i].n; j++) free(keys[i].cols[j]), free(keys[i].parent_cols[j]);
        free(keys[i].cols);
        free(keys[i].parent_cols);
        free(keys[i].child);
    }
    free(keys);
}

int ovl_def_read(sqlite3 *db, const char *table, ovl_def *def, ora_error *err)
{
    memset(def, 0, sizeof *def);
    def->table = xstrdup(table);
    def->alias = -1;
    if (check_table_kind(db, table, err) < 0 || read_columns(db, def, err) < 0 ||
        read_indexes(db, def, err) < 0 || read_checks(db, def, err) < 0 ||
        read_fkeys(db, def, err) < 0) {
        ovl_def_free(def);
        return -1;
    }
    return 0;
}

void ovl_def_free(ovl_def *def)
{
    for (int i = 0; i < def->ncols; i++) {
        free(def->cols[i].name);
        free(def->cols[i].decltype);
        free(def->cols[i].dflt);
        free(def->cols[i].collation);
    }
    for (int i = 0; i < def->nindexes; i++)
        free_index(&def->indexes[i]);
    for (int i = 0; i < def->nchecks; i++) {
        free(def->checks[i].name);
        free(def->checks[i].expr);
    }
    for (int i = 0; i < def->nfkeys; i++) {
        for (int j = 0; j < def->fkeys[i].n; j++) free(def->fkeys[i].parent_cols[j]);
        free(def->fkeys[i].parent_cols);
        free(def->fkeys[i].cols);
        free(def->fkeys[i].parent);
        free(def->fkeys[i].parent_index);
        free(def->fkeys[i].index_order);
    }
    free(def->fkeys);
    free(def->table);
    free(def->cols);
    free(def->indexes);
    free(def->checks);
    memset(def, 0, sizeof *def);
    def->alias = -1;
}

int ovl_def_column(const ovl_def *def, const char *name)
{
    for (int i = 0; i < def->ncols; i++)
        if (strcasecmp(def->cols[i].name, name) == 0) return i;
    return -1;
}
