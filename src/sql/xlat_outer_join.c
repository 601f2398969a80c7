/*
 * xlat_outer_join.c - Oracle's outer-join operator (+) as SQLite LEFT JOINs.
 *
 *   SELECT ... FROM a, b, c WHERE a.x = b.y(+) AND b.z(+) = 'K' AND a.q = c.r(+) AND a.k > 1
 *
 * marks B and C as the outer sides of their conditions: a row of A is kept when no row of B
 * (C) satisfies every condition that marks B (C).  It is written as
 *
 *   SELECT ... FROM a LEFT JOIN b ON a.x = b.y AND b.z = 'K' LEFT JOIN c ON a.q = c.r
 *   WHERE a.k > 1
 *
 * The FROM items and the WHERE conditions (its top-level ANDs) are written one by one as
 * parts (xlat_parts.c), read for the aliases their columns name, and put together: the items
 * no condition marks first, in their order, then each marked one once the items its
 * conditions name are placed, with those conditions as its ON; the other conditions stay in
 * WHERE.  Oracle's errors for what it rejects: (+) on two tables in one condition
 * (ORA-01468), two tables outer-joined to each other (ORA-01416), (+) with OR or IN
 * (ORA-01719), with ANSI joins (ORA-25156); a marked column without its table's alias is
 * the one item's that has it (ORA-03001 when that is not known).
 */
#include "xlat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OJ_MAX_ITEMS 64 /* FROM items of one block (a bit each) */
#define OJ_MAX_CONDS 128

typedef unsigned long long item_set;

struct oj_item {
    xpart text;
    char alias[SQL_IDENT_MAX + 1];
    item_set needs; /* the items its ON conditions name */
    int outer, placed;
};

struct oj_cond {
    xpart text;
    int first, end; /* its tokens */
    int outer;      /* the item its (+) marks, or -1 */
    item_set refs;  /* the other items it names */
};

typedef struct oj_block {
    struct oj_item items[OJ_MAX_ITEMS];
    struct oj_cond conds[OJ_MAX_CONDS];
    int nitems, nconds;
} oj_block;

/* Is token K (absolute) the "(" of "(+)"? */
static int marker_at(const xlat *x, int k)
{
    return k + 2 < x->ntok && tok_is_op(x->sql, &x->tok[k], "(") &&
           tok_is_op(x->sql, &x->tok[k + 1], "+") && tok_is_op(x->sql, &x->tok[k + 2], ")");
}

/* Token K (absolute) is "(": past the subquery it opens, or K itself when it opens none. */
static int past_subquery(const xlat *x, int k)
{
    if (k + 1 >= x->ntok || !(tok_is_word(x->sql, &x->tok[k + 1], "SELECT") ||
                              tok_is_word(x->sql, &x->tok[k + 1], "WITH")))
        return k;
    for (int depth = 0; k < x->ntok - 1; k++) {
        depth += tok_is_op(x->sql, &x->tok[k], "(") - tok_is_op(x->sql, &x->tok[k], ")");
        if (depth == 0) return k;
    }
    return k;
}

int block_has_outer_join(const xlat *x)
{
    int k = x->pos, depth = 0, where = 0;
    for (; k < x->ntok - 1; k++) {
        const sql_token *t = &x->tok[k];
        if (depth == 0 &&
            (tok_is_op(x->sql, t, ")") || tok_is_op(x->sql, t, ";") || ends_where(x, k - x->pos)))
            return 0;
        if (depth == 0 && tok_is_word(x->sql, t, "WHERE")) where = 1;
        if (where && marker_at(x, k)) return 1;
        if (tok_is_op(x->sql, t, "(")) {
            int past = past_subquery(x, k);
            if (past != k) {
                k = past;
                continue;
            }
        }
        depth += tok_is_op(x->sql, t, "(") - tok_is_op(x->sql, t, ")");
    }
    return 0;
}

/* ---- reading a condition ---- */

static int item_of(const oj_block *b, const char *alias)
{
    for (int i = 0; i < b->nitems; i++)
        if (!strcmp(b->items[i].alias, alias)) return i;
    return -1;
}

/* The item whose column the unqualified name T is (the only one that has it), or -1. */
static int unqualified_item(const xlat *x, const oj_block *b, const sql_token *t)
{
    char name[SQL_IDENT_MAX + 1];
    tok_name(x->sql, t, name, sizeof name);
    int it = block_item_of_column(x, name);
    return it < 0 ? -1 : item_of(b, x->scope[it].alias);
}

/* The items condition C names and the one its (+) marks; Oracle's errors for the rest. */
static int read_condition(xlat *x, oj_block *b, struct oj_cond *c)
{
    c->outer = -1;
    int logic = -1; /* an OR or IN in it (a token) */
    for (int k = c->first; k < c->end; k++) {
        const sql_token *t = &x->tok[k];
        if (tok_is_op(x->sql, t, "(")) {
            k = past_subquery(x, k);
            continue;
        }
        if (tok_is_word(x->sql, t, "OR") || tok_is_word(x->sql, t, "IN")) logic = k;
        if (!tok_is_name(t) || k + 1 >= c->end || !tok_is_op(x->sql, &x->tok[k + 1], ".")) {
            if (tok_is_name(t) && marker_at(x, k + 1) &&
                (k == 0 || !tok_is_op(x->sql, &x->tok[k - 1], "."))) {
                int item = unqualified_item(x, b, t); /* the one item that has the column */
                if (item < 0) return xlat_fail(x, ORA_UNIMPLEMENTED, t);
                if (c->outer >= 0 && c->outer != item) return xlat_fail(x, 1468, &x->tok[k + 1]);
                c->outer = item;
                k += 3;
            } else if (tok_is_name(t) && (k == 0 || !tok_is_op(x->sql, &x->tok[k - 1], ".")) &&
                       (k + 1 >= c->end || !tok_is_op(x->sql, &x->tok[k + 1], "("))) {
                int item = unqualified_item(x, b, t); /* a column, maybe */
                if (item >= 0) c->refs |= 1ULL << item;
            }
            continue;
        }
        /* qualifier.column or schema.table.column */
        int qual = k, last = k + 2;
        if (last + 2 < c->end && tok_is_op(x->sql, &x->tok[last + 1], ".") &&
            tok_is_name(&x->tok[last + 2]))
            qual = last, last += 2;
        char alias[SQL_IDENT_MAX + 1];
        tok_name(x->sql, &x->tok[qual], alias, sizeof alias);
        int item = item_of(b, alias);
        k = last;
        if (item < 0 && marker_at(x, last + 1))
            return xlat_fail(x, ORA_UNIMPLEMENTED, &x->tok[qual]);
        if (item < 0) continue; /* an outer query's, or a package's */
        if (!marker_at(x, last + 1)) {
            c->refs |= 1ULL << item;
            continue;
        }
        if (c->outer >= 0 && c->outer != item) return xlat_fail(x, 1468, &x->tok[last + 1]);
        c->outer = item;
        k = last + 3;
    }
    if (c->outer >= 0 && logic >= 0) return xlat_fail(x, 1719, &x->tok[logic]);
    c->refs &= ~(c->outer >= 0 ? 1ULL << c->outer : 0);
    return 0;
}

/* ---- the clauses ---- */

/* FROM's items, each a part, with its alias. */
static int read_items(xlat *x, oj_block *b)
{
    for (;;) {
        if (b->nitems == OJ_MAX_ITEMS) return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
        struct oj_item *it = &b->items[b->nitems++];
        part_begin(x, &it->text);
        if (parse_table_ref(x) < 0) return -1;
        part_end(x, &it->text);
        snprintf(it->alias, sizeof it->alias, "%s", x->last_alias);
        if (join_words(x)) return xlat_fail(x, 25156, cur(x));
        if (!at_op(x, ",")) return 0;
        advance(x);
    }
}

/* WHERE's conditions, each a part (ROWNUM filters into LIM). */
static int read_conditions(xlat *x, oj_block *b, rownum_limit *lim)
{
    advance(x); /* WHERE */
    for (;;) {
        int r = rownum_filter(x, lim);
        if (r < 0) return -1;
        if (r == 0) {
            if (b->nconds == OJ_MAX_CONDS) return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
            struct oj_cond *c = &b->conds[b->nconds++];
            expr_info ei;
            c->first = x->pos;
            part_begin(x, &c->text);
            x->outer_join_ok = 1;
            int rc = parse_expr(x, EXPR_STOP_ANDOR, &ei);
            x->outer_join_ok = 0;
            if (rc < 0) return -1;
            part_end(x, &c->text);
            c->end = x->pos;
            if (read_condition(x, b, c) < 0) return -1;
        }
        if (at_word(x, "OR")) return xlat_fail(x, 1719, cur(x));
        if (!at_word(x, "AND")) return 0;
        advance(x);
    }
}

/* ---- putting them together ---- */

static void join_conditions(xasm *a, const xlat *x, const oj_block *b, int outer, int off)
{
    for (int i = 0, n = 0; i < b->nconds; i++) {
        if (b->conds[i].outer != outer) continue;
        asm_text(a, n++ ? " AND" : outer >= 0 ? " ON" : " WHERE", off);
        asm_part(a, x, &b->conds[i].text);
    }
}

/* The next marked item whose conditions' items are placed, or -1. */
static int next_outer(const oj_block *b, item_set placed)
{
    for (int i = 0; i < b->nitems; i++)
        if (b->items[i].outer && !b->items[i].placed && (b->items[i].needs & ~placed) == 0)
            return i;
    return -1;
}

static int assemble(xlat *x, oj_block *b, xasm *a, int off)
{
    for (int i = 0; i < b->nconds; i++) {
        const struct oj_cond *c = &b->conds[i];
        if (c->outer < 0) continue;
        b->items[c->outer].outer = 1;
        b->items[c->outer].needs |= c->refs;
    }
    item_set placed = 0;
    for (int i = 0, n = 0; i < b->nitems; i++) {
        if (b->items[i].outer) continue;
        if (n++) asm_text(a, ",", off);
        asm_part(a, x, &b->items[i].text);
        b->items[i].placed = 1;
        placed |= 1ULL << i;
    }
    for (int done = 0; done < b->nitems;) {
        int i = next_outer(b, placed);
        if (i < 0) break;
        asm_text(a, " LEFT JOIN", off);
        asm_part(a, x, &b->items[i].text);
        join_conditions(a, x, b, i, off);
        b->items[i].placed = 1;
        placed |= 1ULL << i;
        done++;
    }
    for (int i = 0; i < b->nitems; i++)
        if (!b->items[i].placed) return ora_set(x->err, 1416, off);
    join_conditions(a, x, b, -1, off);
    return 0;
}

int write_outer_join_block(xlat *x, rownum_limit *lim)
{
    oj_block *b = xcalloc(1, sizeof *b);
    int start = (int)x->out.len, off = cur(x)->off, rc = read_items(x, b);
    if (rc == 0 && at_word(x, "WHERE")) rc = read_conditions(x, b, lim);
    xasm a;
    asm_init(&a);
    if (rc == 0) rc = assemble(x, b, &a, off);
    if (rc == 0) asm_replace_tail(x, start, &a);
    asm_free(&a);
    free(b);
    return rc;
}
