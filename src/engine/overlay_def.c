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
#include "../sql/translate.h"

/* Column names the overlay uses for itself; a table may not have them. */
static const char *const reserved_columns[] = {"ws$rid", "ws$op", "ws$seq", "ROWID$"};

static int sqlite_fail(sqlite3 *db, int rc, ora_error *err)
{
    sql_map_sqlite_error(NULL, NULL, rc, sqlite3_errmsg(db), -1, err);
    return -1;
}

static char *column_text(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? xstrdup((const char *)t) : NULL;
}

/* Prepare SQL with TABLE bound to ?1. */
static int prepare_on(sqlite3 *db, const char *sql, const char *table, sqlite3_stmt **st,
                      ora_error *err)
{
    int rc = sqlite3_prepare_v2(db, sql, -1, st, NULL);
    if (rc != SQLITE_OK) return sqlite_fail(db, rc, err);
    sqlite3_bind_text(*st, 1, table, -1, SQLITE_STATIC);
    return 0;
}

/* Finish a loop over ST: 0 when it ran to its end, else the mapped error. */
static int finish(sqlite3 *db, sqlite3_stmt *st, int rc, ora_error *err)
{
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : sqlite_fail(db, rc, err);
}

/* ORA-00942 when main has no rowid table TABLE, ORA-03001 for WITHOUT ROWID. */
static int check_table_kind(sqlite3 *db, const char *table, ora_error *err)
{
    sqlite3_stmt *st;
    if (prepare_on(db,
                   "SELECT wr FROM pragma_table_list(?1) WHERE schema = 'main' AND type = 'table'",
                   table, &st, err) < 0)
        return -1;
    int rc = sqlite3_step(st);
    int without_rowid = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE) return ora_set(err, ORA_TABLE_NOT_EXIST, 0);
    if (rc != SQLITE_ROW) return sqlite_fail(db, rc, err);
    if (without_rowid) return ora_set(err, ORA_UNIMPLEMENTED, 0);
    return 0;
}

static int reserved_name(const char *name)
{
    for (size_t i = 0; i < sizeof reserved_columns / sizeof *reserved_columns; i++)
        if (strcasecmp(name, reserved_columns[i]) == 0) return 1;
    return 0;
}

static int read_columns(sqlite3 *db, ovl_def *def, ora_error *err)
{
    sqlite3_stmt *st;
    if (prepare_on(db,
                   "SELECT name, type, \"notnull\", dflt_value, pk, hidden"
                   " FROM pragma_table_xinfo(?1, 'main') ORDER BY cid",
                   def->table, &st, err) < 0)
        return -1;
    int rc, npk = 0, pk_col = -1, cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        if (sqlite3_column_int(st, 5) != 0 || reserved_name(name)) {
            sqlite3_finalize(st); /* generated columns cannot be written through a view */
            return ora_set(err, ORA_UNIMPLEMENTED, 0);
        }
        if (def->ncols == cap) {
            cap = cap ? cap * 2 : 8;
            def->cols = xrealloc(def->cols, (size_t)cap * sizeof *def->cols);
        }
        ovl_column *c = &def->cols[def->ncols];
        c->name = xstrdup(name);
        c->decltype = column_text(st, 1);
        if (!c->decltype) c->decltype = xstrdup("");
        c->notnull = sqlite3_column_int(st, 2);
        c->dflt = column_text(st, 3);
        if (sqlite3_column_int(st, 4) > 0) npk++, pk_col = def->ncols;
        def->ncols++;
    }
    if (npk == 1 && strcasecmp(def->cols[pk_col].decltype, "INTEGER") == 0) def->alias = pk_col;
    return finish(db, st, rc, err);
}

/* Columns of index IX (its key columns only), or -1 with ERR; 1 when it has expressions. */
static int read_index_columns(sqlite3 *db, const ovl_def *def, ovl_index *ix, ora_error *err)
{
    sqlite3_stmt *st;
    if (prepare_on(db,
                   "SELECT cid, \"desc\", coll FROM pragma_index_xinfo(?1, 'main')"
                   " WHERE key ORDER BY seqno",
                   ix->name, &st, err) < 0)
        return -1;
    int rc, has_expr = 0, cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int cid = sqlite3_column_int(st, 0);
        if (cid < 0 || cid >= def->ncols) has_expr = 1;
        if (ix->ncols == cap) {
            cap = cap ? cap * 2 : 4;
            ix->cols = xrealloc(ix->cols, (size_t)cap * sizeof *ix->cols);
            ix->desc = xrealloc(ix->desc, (size_t)cap * sizeof *ix->desc);
            ix->colls = xrealloc(ix->colls, (size_t)cap * sizeof *ix->colls);
        }
        ix->cols[ix->ncols] = cid;
        ix->desc[ix->ncols] = sqlite3_column_int(st, 1);
        ix->colls[ix->ncols] = column_text(st, 2);
        if (!ix->colls[ix->ncols]) ix->colls[ix->ncols] = xstrdup("BINARY");
        ix->ncols++;
    }
    if (finish(db, st, rc, err) < 0) return -1;
    return has_expr;
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

/* Indexes on plain columns, not partial: mirrored (and checked when unique). */
static int read_indexes(sqlite3 *db, ovl_def *def, ora_error *err)
{
    sqlite3_stmt *st;
    if (prepare_on(db, "SELECT name, \"unique\", partial FROM pragma_index_list(?1, 'main')",
                   def->table, &st, err) < 0)
        return -1;
    int rc, cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        ovl_index ix = {.name = column_text(st, 0), .unique = sqlite3_column_int(st, 1)};
        int partial = sqlite3_column_int(st, 2);
        int has_expr = read_index_columns(db, def, &ix, err);
        if (has_expr < 0) {
            free_index(&ix);
            sqlite3_finalize(st);
            return -1;
        }
        if (has_expr || partial) {
            def->unchecked_keys += ix.unique;
            free_index(&ix);
            continue;
        }
        if (def->nindexes == cap) {
            cap = cap ? cap * 2 : 4;
            def->indexes = xrealloc(def->indexes, (size_t)cap * sizeof *def->indexes);
        }
        def->indexes[def->nindexes++] = ix;
    }
    return finish(db, st, rc, err);
}

/* ---- CHECK constraints from the CREATE TABLE text ---- */

typedef struct scan {
    const char *p;
    const char *tok; /* the current token */
    size_t len;
} scan;

/* The end of the quoted text starting at P (its closing quote doubled to escape). */
static const char *skip_quoted(const char *p)
{
    char close = *p == '[' ? ']' : *p;
    for (p++; *p; p++)
        if (*p == close) {
            if (close != ']' && p[1] == close) p++;
            else return p + 1;
        }
    return p;
}

static const char *skip_space_and_comments(const char *p)
{
    for (;;) {
        while (isspace((unsigned char)*p))
            p++;
        if (p[0] == '-' && p[1] == '-') {
            while (*p && *p != '\n')
                p++;
        } else if (p[0] == '/' && p[1] == '*') {
            const char *end = strstr(p + 2, "*/");
            p = end ? end + 2 : p + strlen(p);
        } else {
            return p;
        }
    }
}

/* Move to the next token: a word, a quoted string or name, or one character. 0 at the end. */
static int next_token(scan *s)
{
    const char *p = skip_space_and_comments(s->p);
    if (!*p) return 0;
    const char *q = p;
    if (*p == '\'' || *p == '"' || *p == '`' || *p == '[') q = skip_quoted(p);
    else if (isalnum((unsigned char)*p) || *p == '_' || *p == '$')
        while (isalnum((unsigned char)*q) || *q == '_' || *q == '$')
            q++;
    else q = p + 1;
    s->tok = p, s->len = (size_t)(q - p), s->p = q;
    return 1;
}

static int token_is(const scan *s, const char *word)
{
    return s->len == strlen(word) && strncasecmp(s->tok, word, s->len) == 0;
}

/* An identifier token without its quotes (doubled quotes undone). */
static char *unquote(const char *tok, size_t len)
{
    if (len < 2 || !strchr("\"`[", tok[0])) return xstrndup(tok, len);
    char close = tok[0] == '[' ? ']' : tok[0], *out = xmalloc(len), *o = out;
    for (size_t i = 1; i + 1 < len; i++) {
        *o++ = tok[i];
        if (tok[i] == close && tok[i + 1] == close) i++;
    }
    *o = 0;
    return out;
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

/* After CHECK: take the parenthesised expression; NAME is its CONSTRAINT name or NULL. */
static void take_check(scan *s, ovl_def *def, char *name)
{
    if (!next_token(s) || !token_is(s, "(")) {
        free(name);
        return;
    }
    const char *start = s->p;
    int depth = 1;
    while (depth > 0 && next_token(s)) {
        if (token_is(s, "(")) depth++;
        else if (token_is(s, ")")) depth--;
    }
    if (depth == 0) add_check(def, name, start, s->tok);
    else free(name);
}

static void find_checks(ovl_def *def, const char *create_sql)
{
    scan s = {.p = create_sql};
    const char *prev = NULL, *prev2 = NULL; /* the two tokens before this one */
    size_t prev_len = 0, prev2_len = 0;
    while (next_token(&s)) {
        if (token_is(&s, "CHECK")) {
            int named = prev2 && prev2_len == 10 && strncasecmp(prev2, "CONSTRAINT", 10) == 0;
            take_check(&s, def, named ? unquote(prev, prev_len) : NULL);
        }
        prev2 = prev, prev2_len = prev_len;
        prev = s.tok, prev_len = s.len;
    }
}

static int read_checks(sqlite3 *db, ovl_def *def, ora_error *err)
{
    sqlite3_stmt *st;
    if (prepare_on(db, "SELECT sql FROM main.sqlite_schema WHERE type = 'table' AND name = ?1",
                   def->table, &st, err) < 0)
        return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_text(st, 0))
        find_checks(def, (const char *)sqlite3_column_text(st, 0));
    return finish(db, st, rc == SQLITE_ROW ? SQLITE_DONE : rc, err);
}

int ovl_def_read(sqlite3 *db, const char *table, ovl_def *def, ora_error *err)
{
    memset(def, 0, sizeof *def);
    def->table = xstrdup(table);
    def->alias = -1;
    if (check_table_kind(db, table, err) < 0 || read_columns(db, def, err) < 0 ||
        read_indexes(db, def, err) < 0 || read_checks(db, def, err) < 0) {
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
    }
    for (int i = 0; i < def->nindexes; i++)
        free_index(&def->indexes[i]);
    for (int i = 0; i < def->nchecks; i++) {
        free(def->checks[i].name);
        free(def->checks[i].expr);
    }
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
