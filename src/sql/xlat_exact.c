/*
 * xlat_exact.c - which items of a query's select list compute exactly.
 *
 * SQLite has 64-bit integers and doubles; Oracle's NUMBER keeps 40 decimal
 * digits.  A value that SQLite compares or sorts must stay an integer or a
 * double (SQLite orders every number before every text, so a long decimal
 * kept as text would sort wrong), but a value that only goes to the client
 * may be exact: the top query's select list items, when nothing else reads
 * them.  Their arithmetic, numeric literals and TO_NUMBER are written as
 * ORA_XADD, ORA_XSUB, ORA_XMUL, ORA_XDIV, ORA_XNEG and ORA_XNUMBER
 * (src/engine/ora_fn_operators.c), which compute in decimal and give a
 * number longer than a double can hold as its text (docs/design.md, "Exact
 * NUMBER").  TO_CHAR's number is exact wherever it is written: its text is
 * what SQLite compares.
 *
 * Something else reads an item when the query has a set operator (UNION
 * compares its rows) or names the item after its select list: ORDER BY its
 * position, or its alias anywhere after FROM (ORDER BY x, ORDER BY NVL(x, 0);
 * SQLite also lets GROUP BY and WHERE see aliases).  Such items, and all of a
 * query ordered by a quoted name that no alias may be told apart from, stay
 * SQLite's own.
 */
#include "xlat.h"

#include <stdlib.h>
#include <string.h>

/* Is T at relative parenthesis depth 0 one of the words that end a select item's scan? */
static int ends_items(const xlat *x, const sql_token *t)
{
    return t->type == TK_EOF || tok_is_word(x->sql, t, "FROM");
}

/* Does the quoted name T hold a character an unquoted alias cannot (a derived alias such as
 * "A/3" could be meant)? */
static int odd_quoted_name(const xlat *x, const sql_token *t)
{
    char name[SQL_IDENT_MAX + 1];
    tok_name(x->sql, t, name, sizeof name);
    for (const char *p = name; *p; p++)
        if (!strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$#", *p)) return 1;
    return 0;
}

static void add_ref(xlat *x, const sql_token *t)
{
    char name[SQL_IDENT_MAX + 1];
    tok_name(x->sql, t, name, sizeof name);
    x->exact_refs = xrealloc(x->exact_refs, sizeof *x->exact_refs * (size_t)(x->nexact_refs + 1));
    x->exact_refs[x->nexact_refs++] = xstrdup(name);
}

/* ORDER BY n at token K (a term that is a number alone): n, else 0. */
static int order_position(const xlat *x, int k, int in_order_by)
{
    const sql_token *t = &x->tok[k], *next = &x->tok[k + 1];
    if (!in_order_by || t->type != TK_NUMBER) return 0;
    const sql_token *prev = &x->tok[k - 1];
    int starts = tok_is_op(x->sql, prev, ",") || tok_is_word(x->sql, prev, "BY");
    int ends = next->type == TK_EOF || tok_is_op(x->sql, next, ",") ||
               tok_is_op(x->sql, next, ";") || next->type == TK_WORD;
    return starts && ends ? atoi(x->sql + t->off) : 0;
}

void plan_exact_items(xlat *x, int compound)
{
    x->exact_items = 0;
    if (x->st->kind != SQLK_QUERY || x->st->command_type != 3 || x->depth != 1 ||
        x->select_end || x->query_at || compound)
        return;
    int k = x->pos, depth = 0, in_order_by = 0;
    for (; !ends_items(x, &x->tok[k]) || depth; k++) {
        if (x->tok[k].type == TK_EOF) return;
        depth += tok_is_op(x->sql, &x->tok[k], "(") - tok_is_op(x->sql, &x->tok[k], ")");
    }
    for (; x->tok[k].type != TK_EOF; k++) {
        const sql_token *t = &x->tok[k];
        depth += tok_is_op(x->sql, t, "(") - tok_is_op(x->sql, t, ")");
        if (depth == 0 && tok_is_word(x->sql, t, "ORDER")) in_order_by = 1;
        if (t->type == TK_QIDENT && in_order_by && odd_quoted_name(x, t)) return;
        if (tok_is_name(t)) add_ref(x, t);
        int n = order_position(x, k, in_order_by && depth == 0);
        if (n > 0 && n <= 64) x->exact_unordered |= 1ull << (n - 1);
    }
    x->exact_items = 1;
}

int exact_item(const xlat *x, int col)
{
    if (!x->exact_items || (col < 64 && (x->exact_unordered >> col & 1))) return 0;
    int k = x->pos, depth = 0;
    for (; x->tok[k].type != TK_EOF; k++) {
        const sql_token *t = &x->tok[k];
        if (depth == 0 && (tok_is_op(x->sql, t, ",") || ends_items(x, t))) break;
        depth += tok_is_op(x->sql, t, "(") - tok_is_op(x->sql, t, ")");
    }
    if (k == x->pos || !tok_is_name(&x->tok[k - 1])) return 1;
    char alias[SQL_IDENT_MAX + 1];
    tok_name(x->sql, &x->tok[k - 1], alias, sizeof alias);
    for (int i = 0; i < x->nexact_refs; i++)
        if (!strcmp(x->exact_refs[i], alias)) return 0;
    return 1;
}

/* Does the number literal T need more digits than a double holds exactly (15)? */
static int long_literal(const xlat *x, const sql_token *t)
{
    const char *s = x->sql + t->off, *end = s + t->len;
    int first = -1, last = -1, n = 0;
    for (const char *p = s; p < end && *p != 'e' && *p != 'E'; p++) {
        if (*p == 'f' || *p == 'F' || *p == 'd' || *p == 'D') return 0; /* BINARY_FLOAT/DOUBLE */
        if (*p < '0' || *p > '9') continue;
        if (*p != '0') {
            if (first < 0) first = n;
            last = n;
        }
        n++;
    }
    return first >= 0 && last - first + 1 > 15;
}

void emit_exact_literal(xlat *x)
{
    const sql_token *t = cur(x);
    if (!long_literal(x, t)) { /* (a long one keeps its digits anywhere: a NUMBER column's
                                * value is exact text) */
        emit_tok(x);
        return;
    }
    buf_reset(&x->scratch);
    buf_printf(&x->scratch, "ORA_XNUMBER('%.*s')", t->len, x->sql + t->off);
    out_text(x, buf_cstr(&x->scratch), t->off, t->space_before);
    advance(x);
}
