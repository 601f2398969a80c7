/*
 * cursor_expr.c - cursor expressions, CURSOR(subquery), in a query's select
 * list: each row's value is a cursor over the subquery, opened for that row.
 *
 * SQLite has nothing like a cursor value, so the subquery does not run
 * inside the statement: it is kept as Oracle text (sql_cursor_expr) that the
 * server opens as a cursor of its own for each row fetched.  What ties it to
 * its row are the references to the enclosing query's tables: a name
 * qualified by an alias (or a table name) of the enclosing FROM that the
 * subquery's own FROMs do not use is an outer reference; it becomes a bind of
 * the subquery's text, and its expression a hidden column at the end of the
 * enclosing select list, whose value the server binds when it opens the
 * cursor.  The subquery's own binds go the same way (a hidden ?N of the
 * enclosing statement), so its text stands alone.  An unqualified name is
 * the subquery's (SQLite then says ORA-00904 when none of its tables has it):
 * correlation needs the qualifier.  A cursor expression nested in the
 * subquery is the subquery's to translate when it is opened.
 */
#include "xlat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Lists of names (upper case unless quoted), as push_str keeps them. */
typedef struct names {
    char **v;
    int n;
} names;

static int names_has(const names *l, const char *name)
{
    for (int i = 0; i < l->n; i++)
        if (!strcmp(l->v[i], name)) return 1;
    return 0;
}

static void names_free(names *l)
{
    for (int i = 0; i < l->n; i++) free(l->v[i]);
    free(l->v);
}

int at_cursor_expr(const xlat *x)
{
    return at_word(x, "CURSOR") && ahead_op(x, 1, "(") && paren_starts_query(x, 1);
}

/* The token that closes the '(' at token K (the last token when none does). */
static int closing_paren(const xlat *x, int k)
{
    int depth = 0;
    for (int i = k; i < x->ntok; i++) {
        depth += tok_is_op(x->sql, &x->tok[i], "(") - tok_is_op(x->sql, &x->tok[i], ")");
        if (depth == 0) return i;
    }
    return x->ntok - 1;
}

/* Words that end a FROM clause at its own level. */
static int ends_from(const xlat *x, const sql_token *t)
{
    static const char *const words[] = {"WHERE",  "GROUP",   "ORDER",   "HAVING", "UNION",
                                        "INTERSECT", "MINUS", "EXCEPT", "CONNECT", "START",
                                        "FETCH",  "OFFSET",  "FOR",     "MODEL",  "WINDOW",
                                        NULL};
    for (int i = 0; words[i]; i++)
        if (tok_is_word(x->sql, t, words[i])) return 1;
    return tok_is_op(x->sql, t, ";") || t->type == TK_EOF;
}

/* An alias at token K ([AS] name) into OUT: 1, or 0 when there is none. */
static int alias_at(const xlat *x, int k, char *out, int size)
{
    if (k < x->ntok - 1 && tok_is_word(x->sql, &x->tok[k], "AS")) k++;
    if (k >= x->ntok - 1) return 0;
    const sql_token *t = &x->tok[k];
    if (t->type != TK_QIDENT && (t->type != TK_WORD || word_is_reserved(x, t))) return 0;
    tok_name(x->sql, t, out, size);
    return 1;
}

/* A table reference starting at token K: its name in OUT (the alias, else the table's own
 * name; "" for an unaliased subquery).  Returns its last token. */
static int table_ref(const xlat *x, int k, char *out, int size)
{
    out[0] = 0;
    if (tok_is_op(x->sql, &x->tok[k], "(")) {
        k = closing_paren(x, k);
        alias_at(x, k + 1, out, size);
        return k;
    }
    if (!tok_is_name(&x->tok[k])) return k;
    while (tok_is_op(x->sql, &x->tok[k + 1], ".") && tok_is_name(&x->tok[k + 2]))
        k += 2;
    if (!alias_at(x, k + 1, out, size)) tok_name(x->sql, &x->tok[k], out, size);
    return k;
}

/* The names the FROM clause after token K gives its tables, up to token END, into L. */
static void from_names(const xlat *x, int k, int end, names *l)
{
    int depth = 0, item = 1;
    for (int i = k + 1; i < end; i++) {
        const sql_token *t = &x->tok[i];
        if (depth == 0 && item) {
            char name[SQL_IDENT_MAX + 1];
            item = 0;
            i = table_ref(x, i, name, sizeof name);
            if (name[0]) push_str(&l->v, &l->n, name);
            continue;
        }
        if (tok_is_op(x->sql, t, ")") && depth-- == 0) return;
        depth += tok_is_op(x->sql, t, "(");
        if (depth > 0) continue;
        if (ends_from(x, t)) return;
        item = tok_is_op(x->sql, t, ",") || tok_is_word(x->sql, t, "JOIN");
    }
}

/* The enclosing select block's table names: its FROM is the first at its level after the
 * select item at the cursor. */
static void outer_names(const xlat *x, names *l)
{
    int depth = 0;
    for (int i = x->pos; i < x->ntok - 1; i++) {
        const sql_token *t = &x->tok[i];
        if (tok_is_op(x->sql, t, ")") && depth-- == 0) return;
        depth += tok_is_op(x->sql, t, "(");
        if (depth == 0 && tok_is_word(x->sql, t, "FROM")) {
            from_names(x, i, x->ntok - 1, l);
            return;
        }
    }
}

/* The table names every FROM inside tokens (OPEN, CLOSE) gives: the subquery's own. */
static void inner_names(const xlat *x, int open, int close, names *l)
{
    for (int i = open + 1; i < close; i++)
        if (tok_is_word(x->sql, &x->tok[i], "FROM")) from_names(x, i, close, l);
}

/* Is token K the start of Q.C, Q an outer table's name? */
static int outer_reference(const xlat *x, int k, const names *outer, const names *inner)
{
    const sql_token *t = &x->tok[k];
    if (!tok_is_name(t) || !tok_is_op(x->sql, &x->tok[k + 1], ".") ||
        !tok_is_name(&x->tok[k + 2]) || tok_is_op(x->sql, &x->tok[k - 1], ".") ||
        tok_is_op(x->sql, &x->tok[k + 3], ".") || tok_is_op(x->sql, &x->tok[k + 3], "("))
        return 0;
    char q[SQL_IDENT_MAX + 1];
    tok_name(x->sql, t, q, sizeof q);
    return names_has(outer, q) && !names_has(inner, q);
}

/* The SQLite text of the column Q.C at token K, after ", " in HIDDEN. */
static void hidden_column(const xlat *x, int k, buf *hidden)
{
    char part[SQL_IDENT_MAX + 1];
    buf_puts(hidden, ", ");
    tok_name(x->sql, &x->tok[k], part, sizeof part);
    append_ident(hidden, part);
    buf_putc(hidden, '.');
    tok_name(x->sql, &x->tok[k + 2], part, sizeof part);
    append_ident(hidden, part);
}

/*
 * The subquery between tokens OPEN and CLOSE as Oracle text into Q (outer references as binds
 * :C1, :C2 ...), its values' SQLite texts onto x->hidden_values; *NVALUES of them.
 */
static void keep_subquery(xlat *x, int open, int close, buf *q, int *nvalues)
{
    names outer = {0}, inner = {0};
    outer_names(x, &outer);
    inner_names(x, open, close, &inner);
    int from = x->tok[open + 1].off, nouter = 0;
    for (int i = open + 1; i < close; i++) {
        const sql_token *t = &x->tok[i];
        if (t->type == TK_BIND) {
            buf_printf(&x->hidden_values, ", ?%d", add_bind(x, t));
            (*nvalues)++;
        } else if (outer_reference(x, i, &outer, &inner)) {
            buf_put(q, x->sql + from, (size_t)(t->off - from));
            buf_printf(q, ":C%d", ++nouter);
            hidden_column(x, i, &x->hidden_values);
            (*nvalues)++;
            i += 2;
            from = x->tok[i].off + x->tok[i].len;
        }
    }
    buf_put(q, x->sql + from, (size_t)(x->tok[close].off - from));
    names_free(&outer);
    names_free(&inner);
}

int parse_cursor_expr(xlat *x)
{
    const sql_token *word = cur(x);
    int open = x->pos + 1, close = closing_paren(x, open);
    if (!tok_is_op(x->sql, &x->tok[close], ")"))
        return xlat_fail(x, ORA_MISSING_RIGHT_PAREN, &x->tok[close]);
    buf q;
    buf_init(&q);
    sql_cursor_expr e = {.column = x->select_items, .from_end = x->select_star_at > 0,
                         .first_value = x->nhidden_values, .oracle_off = x->tok[open + 1].off};
    keep_subquery(x, open, close, &q, &e.nvalues);
    e.query = xstrdup(buf_cstr(&q));
    buf_free(&q);
    x->nhidden_values += e.nvalues;
    x->cursor_exprs =
        xrealloc(x->cursor_exprs, sizeof *x->cursor_exprs * (size_t)(x->ncursor_exprs + 1));
    x->cursor_exprs[x->ncursor_exprs++] = e;
    out_text(x, "NULL", word->off, word->space_before);
    x->pos = close;
    advance(x);
    return 0;
}

int finish_cursor_exprs(xlat *x)
{
    for (int i = 0; i < x->ncursor_exprs; i++) {
        sql_cursor_expr *e = &x->cursor_exprs[i];
        if (!e->from_end) continue;
        if (x->select_star_at > e->column + 1) /* a * before it and another after it */
            return ora_set(x->err, ORA_UNIMPLEMENTED, e->oracle_off);
        e->from_end = 1;
        e->column = x->select_items - 1 - e->column;
    }
    if (x->hidden_values.len) out_text(x, buf_cstr(&x->hidden_values), cur(x)->off, 0);
    return 0;
}

void free_cursor_exprs(sql_cursor_expr *v, int n)
{
    for (int i = 0; v && i < n; i++) free(v[i].query);
    free(v);
}
