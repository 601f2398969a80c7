/*
 * table_constraints.c - a table's constraints from its CREATE TABLE text
 * (see table_constraints.h), read with the SQL front end's tokenizer.
 *
 * The text is Warden's own translation: "CREATE TABLE name (item, ...)",
 * each item a column definition (NAME type ... column constraints) or a
 * table constraint ([CONSTRAINT n] PRIMARY KEY (..) | UNIQUE (..) |
 * CHECK (..) | FOREIGN KEY (..) REFERENCES t [(..)] [ON DELETE ...]).
 */
#include "table_constraints.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../sql/lexer.h"

typedef struct reader {
    const char *sql;
    const sql_tokens *t;
    int i;   /* the current token */
    int end; /* the ")" closing the table's items */
} reader;

static const sql_token *tok(const reader *r) { return &r->t->v[r->i]; }
static int at_word(const reader *r, const char *w) { return r->i < r->end && tok_is_word(r->sql, tok(r), w); }
static int at_op(const reader *r, const char *op) { return r->i < r->end && tok_is_op(r->sql, tok(r), op); }

/* The ")" closing the "(" at OPEN, or -1. */
static int closing(const reader *r, int open)
{
    int depth = 0;
    for (int i = open; i < r->t->n; i++) {
        if (tok_is_op(r->sql, &r->t->v[i], "(")) depth++;
        else if (tok_is_op(r->sql, &r->t->v[i], ")") && --depth == 0) return i;
    }
    return -1;
}

/* Skip a term: a parenthesized group, or one token (and a call's arguments after it). */
static void skip_term(reader *r)
{
    if (at_op(r, "(")) {
        int c = closing(r, r->i);
        r->i = c < 0 ? r->end : c + 1;
        return;
    }
    r->i++;
    if (at_op(r, "(")) skip_term(r);
}

static void name_of(const reader *r, char *out, size_t size)
{
    if (tok_name(r->sql, tok(r), out, (int)size) < 0) out[0] = '\0';
}

/* "(a, b, ...)" at the reader into COLS / *N; the reader after it.  -1 when not there. */
static int column_list(reader *r, char cols[][130], int *n)
{
    if (!at_op(r, "(")) return -1;
    int close = closing(r, r->i);
    if (close < 0) return -1;
    *n = 0;
    for (r->i++; r->i < close; r->i++) {
        if (tok_is_name(tok(r)) && *n < CONSTRAINT_MAX_COLUMNS) name_of(r, cols[(*n)++], 130);
        while (r->i + 1 < close && !tok_is_op(r->sql, &r->t->v[r->i + 1], ",")) r->i++; /* ASC */
        if (r->i + 1 < close) r->i++;
    }
    r->i = close + 1;
    return 0;
}

static table_constraint *add(table_constraints *c, char type, const char *name)
{
    c->v = xrealloc(c->v, sizeof *c->v * (size_t)(c->n + 1));
    table_constraint *k = &c->v[c->n++];
    memset(k, 0, sizeof *k);
    k->type = type;
    snprintf(k->name, sizeof k->name, "%s", name);
    return k;
}

/* CHECK (condition) at the reader: its text. */
static void read_check(reader *r, table_constraint *k)
{
    r->i++; /* CHECK */
    int open = r->i, close = at_op(r, "(") ? closing(r, open) : -1;
    if (close < 0) {
        r->i = r->end;
        return;
    }
    const char *from = r->sql + r->t->v[open].off + 1, *to = r->sql + r->t->v[close].off;
    k->condition = xstrndup(from, (size_t)(to - from));
    r->i = close + 1;
}

/* REFERENCES table [(cols)] [ON DELETE CASCADE | SET NULL | ...] [ON UPDATE ...]. */
static void read_references(reader *r, table_constraint *k)
{
    r->i++; /* REFERENCES */
    name_of(r, k->ref_table, sizeof k->ref_table);
    r->i++;
    if (at_op(r, "(")) column_list(r, k->ref_columns, &k->nref_columns);
    snprintf(k->delete_rule, sizeof k->delete_rule, "NO ACTION");
    while (at_word(r, "ON")) {
        int deleting = r->i + 1 < r->end && tok_is_word(r->sql, &r->t->v[r->i + 1], "DELETE");
        r->i += 2;
        if (deleting && at_word(r, "CASCADE")) snprintf(k->delete_rule, sizeof k->delete_rule, "CASCADE");
        else if (deleting && at_word(r, "SET")) snprintf(k->delete_rule, sizeof k->delete_rule, "SET NULL");
        r->i += at_word(r, "SET") || at_word(r, "NO") ? 2 : 1;
    }
}

/* A column's constraints, from after its name to the item's end (NEXT). */
static void column_constraints(reader *r, table_constraints *c, const char *column, int next)
{
    char name[130] = "";
    while (r->i < next) {
        if (at_word(r, "CONSTRAINT")) {
            r->i++;
            name_of(r, name, sizeof name);
            r->i++;
            continue;
        }
        table_constraint *k = NULL;
        if (at_word(r, "PRIMARY") || at_word(r, "UNIQUE")) {
            k = add(c, at_word(r, "PRIMARY") ? 'P' : 'U', name);
            r->i += at_word(r, "PRIMARY") ? 2 : 1;
        } else if (at_word(r, "NOT") && r->i + 1 < next &&
                   tok_is_word(r->sql, &r->t->v[r->i + 1], "NULL")) {
            k = add(c, 'C', name);
            k->not_null = 1;
            buf cond;
            buf_init(&cond);
            buf_printf(&cond, "\"%s\" IS NOT NULL", column);
            k->condition = xstrdup(buf_cstr(&cond));
            buf_free(&cond);
            r->i += 2;
        } else if (at_word(r, "CHECK")) {
            k = add(c, 'C', name);
            read_check(r, k);
        } else if (at_word(r, "REFERENCES")) {
            k = add(c, 'R', name);
            read_references(r, k);
        } else if (at_word(r, "DEFAULT") || at_word(r, "COLLATE")) {
            r->i++;
            skip_term(r);
        } else {
            skip_term(r); /* the type, NULL, ASC, AUTOINCREMENT ... */
        }
        if (k) {
            k->ncolumns = 1;
            snprintf(k->columns[0], sizeof k->columns[0], "%s", column);
            name[0] = '\0';
        }
    }
}

/* A table constraint ([CONSTRAINT n] already read into NAME) at the reader. */
static void table_constraint_item(reader *r, table_constraints *c, const char *name)
{
    if (at_word(r, "PRIMARY") || at_word(r, "UNIQUE")) {
        table_constraint *k = add(c, at_word(r, "PRIMARY") ? 'P' : 'U', name);
        r->i += at_word(r, "PRIMARY") ? 2 : 1;
        column_list(r, k->columns, &k->ncolumns);
    } else if (at_word(r, "CHECK")) {
        read_check(r, add(c, 'C', name));
    } else if (at_word(r, "FOREIGN")) {
        table_constraint *k = add(c, 'R', name);
        r->i += 2; /* FOREIGN KEY */
        column_list(r, k->columns, &k->ncolumns);
        if (at_word(r, "REFERENCES")) read_references(r, k);
    }
}

/* The end of the item at the reader: its top-level "," or the closing ")". */
static int item_end(const reader *r)
{
    int depth = 0;
    for (int i = r->i; i < r->end; i++) {
        if (tok_is_op(r->sql, &r->t->v[i], "(")) depth++;
        else if (tok_is_op(r->sql, &r->t->v[i], ")")) depth--;
        else if (depth == 0 && tok_is_op(r->sql, &r->t->v[i], ",")) return i;
    }
    return r->end;
}

int table_constraints_read(const char *create_sql, table_constraints *out)
{
    memset(out, 0, sizeof *out);
    sql_tokens toks;
    ora_error err;
    if (sql_lex_all(create_sql, (int)strlen(create_sql), &toks, &err) < 0) return -1;
    reader r = {create_sql, &toks, 0, 0};
    while (r.i < toks.n && !tok_is_op(create_sql, &toks.v[r.i], "(")) r.i++;
    r.end = r.i < toks.n ? closing(&r, r.i) : -1;
    if (r.end < 0) {
        sql_tokens_free(&toks);
        return -1;
    }
    for (r.i++; r.i < r.end;) {
        int next = item_end(&r);
        char name[130] = "";
        if (at_word(&r, "CONSTRAINT")) {
            r.i++;
            name_of(&r, name, sizeof name);
            r.i++;
        }
        if (name[0] || at_word(&r, "PRIMARY") || at_word(&r, "UNIQUE") || at_word(&r, "CHECK") ||
            at_word(&r, "FOREIGN")) {
            table_constraint_item(&r, out, name);
        } else {
            char column[130];
            name_of(&r, column, sizeof column);
            r.i++;
            column_constraints(&r, out, column, next);
        }
        r.i = next + 1;
    }
    sql_tokens_free(&toks);
    return 0;
}

void table_constraints_free(table_constraints *c)
{
    for (int i = 0; i < c->n; i++) free(c->v[i].condition);
    free(c->v);
    memset(c, 0, sizeof *c);
}
