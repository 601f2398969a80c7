/*
 * xlat_connect.c - hierarchical queries (START WITH ... CONNECT BY) as SQLite recursive WITH
 * queries.
 *
 * A block  SELECT items FROM t a WHERE w START WITH s CONNECT BY [NOCYCLE] c
 * ORDER SIBLINGS BY o  is written in Oracle's order as usual (each clause once, noted as a
 * part: xlat_parts.c) and then put together again as
 *
 *   SELECT items FROM (WITH RECURSIVE
 *     ora_src AS MATERIALIZED (SELECT ROW_NUMBER() OVER (ORDER BY o) AS ora_rn, * FROM t a),
 *     ora_h AS (SELECT <the roots: the rows of ora_src a WHERE s>
 *               UNION ALL
 *               SELECT <a child: ora_h ora_hp JOIN ora_src a ON c>)
 *     SELECT a.*, <level, path ...> FROM ora_h JOIN ora_src a ... ORDER BY ora_key) a
 *   WHERE w
 *
 * ora_src numbers the rows once (a V$ view is read once), in sibling order; the hierarchy
 * carries each row's number, its LEVEL, an ordering key (its ancestors' numbers and its own,
 * fixed width, so that the key orders the rows depth first, each parent before its children
 * and siblings by ORDER SIBLINGS BY), the values of the PRIOR expressions evaluated on the row
 * (what its children's CONNECT BY condition reads as PRIOR), the same values of all its
 * ancestors (a child whose values are among them closes a loop: ORA-01436, or with NOCYCLE
 * the child is left out and its parent's CONNECT_BY_ISCYCLE is 1, as Oracle decides a loop),
 * SYS_CONNECT_BY_PATH's paths, CONNECT_BY_ROOT's values and the parent's values of PRIOR in
 * the select list.  WHERE filters the rows of the finished hierarchy, as Oracle's does.
 *
 * A join in FROM is done first, as Oracle does: ora_src reads
 *   (SELECT q.c AS "Q.C", ... FROM <the join>) WHERE <WHERE's conditions naming two items>
 * with each column the block reads (connect_column: "Q.C" wherever the block names q.c, or c
 * of the one item that has it), and WHERE's other conditions filter the tree's rows.
 */
#include "xlat.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CONNECT_MAX 16 /* PRIOR expressions, paths and roots of one block */

enum connect_mode {
    CB_ROWS,     /* select list, WHERE, GROUP BY, HAVING: reading the hierarchy's rows */
    CB_START,    /* START WITH: a root's row, LEVEL 1 */
    CB_CONNECT,  /* CONNECT BY: a child's row, PRIOR its parent's */
    CB_SIBLINGS, /* ORDER SIBLINGS BY: the rows of FROM */
    CB_INNER,    /* an operand of PRIOR, CONNECT_BY_ROOT or SYS_CONNECT_BY_PATH */
    CB_DONE,     /* after the block (its ORDER BY): the hierarchy's columns only */
    CB_RAW,      /* a join's FROM: its columns as they are */
};

/* A column of a join that the block reads, as ora_src hands it on ("Q.C"). */
struct connect_ref {
    char qualifier[SQL_IDENT_MAX + 1], column[SQL_IDENT_MAX + 1];
};

struct xconnect {
    enum connect_mode mode;
    int nocycle, distinct, grouped;
    int leaf_used, cycle_off; /* CONNECT_BY_ISLEAF met; where CONNECT_BY_ISCYCLE is (-1) */
    char alias[SQL_IDENT_MAX + 1];
    xasm priors[CONNECT_MAX], paths[CONNECT_MAX], seps[CONNECT_MAX], roots[CONNECT_MAX];
    xasm ups[CONNECT_MAX]; /* PRIOR expr of the select list ...: the parent's value */
    int npriors, npaths, nroots, nups;
    /* FROM is a join: the columns read (each once), and the FROM items (bits: their index
     * from x->block_base) the WHERE condition being written names */
    int joined;
    struct connect_ref *refs;
    int nrefs;
    unsigned long long cond_items;
};

/* ---- finding the block's clauses ---- */

/* Token K ahead ends the block being scanned, at its depth (KEEP_ORDER: not at ORDER BY). */
static int ends_block(const xlat *x, int k, int keep_order)
{
    const sql_token *t = ahead(x, k);
    if (t->type == TK_EOF || tok_is_set_operator(x, t) || tok_is_op(x->sql, t, ";")) return 1;
    return !keep_order && tok_is_word(x->sql, t, "ORDER") && !ahead_word(x, k + 1, "SIBLINGS");
}

int block_is_hierarchical(const xlat *x)
{
    for (int k = 1, depth = 0; ahead(x, k)->type != TK_EOF && !(depth == 0 && ends_block(x, k, 0));
         k++) {
        const sql_token *t = ahead(x, k);
        depth += tok_is_op(x->sql, t, "(") - tok_is_op(x->sql, t, ")");
        if (depth < 0) return 0;
        if (depth == 0 && ((tok_is_word(x->sql, t, "CONNECT") && ahead_word(x, k + 1, "BY")) ||
                           (tok_is_word(x->sql, t, "START") && ahead_word(x, k + 1, "WITH"))))
            return 1;
    }
    return 0;
}

/* The pseudo-columns the query of the block at the cursor reads (its ORDER BY too). */
static void note_pseudo_columns(const xlat *x, struct xconnect *cb)
{
    for (int k = 1, depth = 0;
         ahead(x, k)->type != TK_EOF && !(depth == 0 && ends_block(x, k, 1)) && depth >= 0; k++) {
        const sql_token *t = ahead(x, k);
        depth += tok_is_op(x->sql, t, "(") - tok_is_op(x->sql, t, ")");
        if (tok_is_word(x->sql, t, "CONNECT_BY_ISLEAF")) cb->leaf_used = 1;
        if (tok_is_word(x->sql, t, "CONNECT_BY_ISCYCLE") && cb->cycle_off < 0)
            cb->cycle_off = t->off;
    }
}

/* The FROM clause K tokens ahead has more than one item: the comma or JOIN at its level that
 * joins another, else NULL. */
static const sql_token *from_join(const xlat *x, int k)
{
    for (int depth = 0;;) {
        k++;
        const sql_token *t = ahead(x, k);
        if (t->type == TK_EOF) return NULL;
        if (depth == 0 && (ends_where(x, k) || tok_is_word(x->sql, t, "WHERE") ||
                           tok_is_op(x->sql, t, ")") || tok_is_op(x->sql, t, ";")))
            return NULL;
        depth += tok_is_op(x->sql, t, "(") - tok_is_op(x->sql, t, ")");
        if (depth == 0 && (tok_is_op(x->sql, t, ",") || tok_is_word(x->sql, t, "JOIN"))) return t;
    }
}

void connect_begin(xlat *x)
{
    connect_free(x); /* an earlier block's of the same query */
    struct xconnect *cb = xcalloc(1, sizeof *cb);
    cb->cycle_off = -1;
    cb->distinct = ahead_word(x, 1, "DISTINCT") || ahead_word(x, 1, "UNIQUE");
    note_pseudo_columns(x, cb);
    for (int k = 1, depth = 0; ahead(x, k)->type != TK_EOF && depth >= 0; k++) {
        depth += ahead_op(x, k, "(") - ahead_op(x, k, ")");
        if (depth == 0 && ahead_word(x, k, "FROM")) {
            cb->joined = from_join(x, k) != NULL;
            break;
        }
    }
    x->connect = cb;
}

void connect_free(xlat *x)
{
    struct xconnect *cb = x->connect;
    if (!cb) return;
    for (int i = 0; i < cb->npriors; i++)
        asm_free(&cb->priors[i]);
    for (int i = 0; i < cb->npaths; i++)
        asm_free(&cb->paths[i]), asm_free(&cb->seps[i]);
    for (int i = 0; i < cb->nroots; i++)
        asm_free(&cb->roots[i]);
    for (int i = 0; i < cb->nups; i++)
        asm_free(&cb->ups[i]);
    free(cb->refs);
    free(cb);
    x->connect = NULL;
}

int connect_joined(const xlat *x)
{
    return x->connect && x->connect->joined;
}

int connect_column(xlat *x, int first, int nparts)
{
    struct xconnect *cb = x->connect;
    if (!cb || !cb->joined || cb->mode == CB_RAW || nparts > 3) return 0;
    if (cb->mode == CB_DONE && nparts == 1) return 0; /* ORDER BY: a select list alias, maybe */
    if (x->block_base >= x->nscope)                   /* its FROM items' columns are not known */
        return xlat_fail(x, ORA_UNIMPLEMENTED, &x->tok[first]);
    struct connect_ref r;
    const sql_token *t = &x->tok[first];
    tok_name(x->sql, &x->tok[first + 2 * (nparts - 1)], r.column, sizeof r.column);
    int item;
    if (nparts == 1) {
        item = block_item_of_column(x, r.column);
        if (item < 0) return xlat_fail(x, ORA_UNIMPLEMENTED, t); /* whose? qualify it */
        snprintf(r.qualifier, sizeof r.qualifier, "%s", x->scope[item].alias);
    } else {
        tok_name(x->sql, &x->tok[first + 2 * (nparts - 2)], r.qualifier, sizeof r.qualifier);
        item = block_item_of_alias(x, r.qualifier);
        if (item < 0) return 0; /* an outer query's */
    }
    if (item - x->block_base < 64) cb->cond_items |= 1ULL << (item - x->block_base);
    int known = 0;
    for (int i = 0; i < cb->nrefs && !known; i++)
        known =
            !strcmp(cb->refs[i].qualifier, r.qualifier) && !strcmp(cb->refs[i].column, r.column);
    if (!known && cb->mode == CB_DONE) /* ORDER BY a column the hierarchy does not carry */
        return xlat_fail(x, ORA_UNIMPLEMENTED, t);
    if (!known) {
        cb->refs = xrealloc(cb->refs, sizeof *cb->refs * (size_t)(cb->nrefs + 1));
        cb->refs[cb->nrefs++] = r;
    }
    char name[2 * SQL_IDENT_MAX + 2];
    snprintf(name, sizeof name, "%s.%s", r.qualifier, r.column);
    emit_ident(x, name, t->off, t->space_before);
    return 1;
}

int connect_siblings_ok(const xlat *x)
{
    return x->connect && x->connect->mode == CB_SIBLINGS;
}

void connect_order_rows(xlat *x)
{
    const struct xconnect *cb = x->connect;
    if (cb->mode == CB_DONE && !cb->distinct && !cb->grouped)
        out_text(x, "ORDER BY ora_key", cur(x)->off, 1);
}

/* ---- LEVEL, PRIOR and the CONNECT_BY_ pseudo-columns ---- */

/* The operand at the cursor (an expression: WHOLE) written into CAPTURE, not the output. */
static int capture(xlat *x, xasm *into, int whole, expr_info *oi)
{
    struct xconnect *cb = x->connect;
    enum connect_mode mode = cb->mode;
    int from = (int)x->out.len;
    cb->mode = CB_INNER;
    int rc = whole ? parse_expr(x, 0, oi) : parse_operand(x, oi);
    cb->mode = mode;
    asm_init(into);
    asm_cut(into, x, from);
    return rc;
}

/* The hierarchy's column FMT/N for what token T starts, of type TYPE. */
static void write_column(xlat *x, const sql_token *t, const char *fmt, int n, xtype type)
{
    char name[64];
    snprintf(name, sizeof name, fmt, n);
    out_text(x, name, t->off, t->space_before);
    set_operand_type(x, type);
}

/* The same for the value of an operand OI the hierarchy carries: named after its text (not a
 * column's), a NUMBER column's text compared as a number (a root's NULL loses its type). */
static void write_value(xlat *x, const sql_token *t, const char *fmt, int n, expr_info *oi)
{
    int at = (int)x->out.len;
    write_column(x, t, fmt, n, oi->type);
    if (oi->is_column) number_of_text(x, at, t->off, oi->type, 0, 0);
    oi->is_column = 0;
}

/* PRIOR operand in CONNECT BY: the parent's value, carried by the hierarchy; in the select
 * list, WHERE ...: the parent's value too, which each row carries (NULL for a root). */
static int write_prior(xlat *x, const sql_token *t, expr_info *oi)
{
    struct xconnect *cb = x->connect;
    if (cb->mode == CB_ROWS && cb->nups < CONNECT_MAX) {
        advance(x);
        if (capture(x, &cb->ups[cb->nups++], 0, oi) < 0) return -1;
        write_value(x, t, "ora_up%d", cb->nups, oi);
        return 0;
    }
    if (cb->mode != CB_CONNECT || cb->npriors == CONNECT_MAX)
        return xlat_fail(x, ORA_UNIMPLEMENTED, t);
    advance(x);
    if (capture(x, &cb->priors[cb->npriors++], 0, oi) < 0) return -1;
    write_column(x, t, "ora_hp.ora_prior%d", cb->npriors, oi->type);
    return 0;
}

/* CONNECT_BY_ROOT operand: the root's value. */
static int write_root(xlat *x, const sql_token *t, expr_info *oi)
{
    struct xconnect *cb = x->connect;
    if (cb->mode != CB_ROWS || cb->nroots == CONNECT_MAX) return xlat_fail(x, ORA_UNIMPLEMENTED, t);
    advance(x);
    if (capture(x, &cb->roots[cb->nroots++], 0, oi) < 0) return -1;
    write_value(x, t, "ora_root%d", cb->nroots, oi);
    return 0;
}

/* SYS_CONNECT_BY_PATH(expr, separator): the path from the root, each value after SEPARATOR. */
static int write_path(xlat *x, const sql_token *t)
{
    struct xconnect *cb = x->connect;
    expr_info ei;
    if (cb->mode != CB_ROWS || cb->npaths == CONNECT_MAX) return xlat_fail(x, ORA_UNIMPLEMENTED, t);
    advance(x), advance(x); /* SYS_CONNECT_BY_PATH ( */
    int n = cb->npaths++;
    asm_init(&cb->seps[n]);
    if (capture(x, &cb->paths[n], 1, &ei) < 0) return -1;
    if (!at_op(x, ",")) return xlat_fail(x, 909, cur(x)); /* invalid number of arguments */
    advance(x);
    asm_free(&cb->seps[n]);
    if (capture(x, &cb->seps[n], 1, &ei) < 0) return -1;
    if (!at_op(x, ")")) return xlat_fail(x, ORA_MISSING_RIGHT_PAREN, cur(x));
    advance(x);
    write_column(x, t, "ora_path%d", n + 1, XT_TEXT);
    return 0;
}

static int write_level(xlat *x, const sql_token *t)
{
    const char *text = NULL;
    switch (x->connect->mode) {
    case CB_ROWS:
    case CB_DONE:
        text = "ora_level";
        break;
    case CB_START:
        text = "1";
        break;
    case CB_CONNECT:
        text = "(ora_hp.ora_level + 1)";
        break;
    default:
        return xlat_fail(x, ORA_UNIMPLEMENTED, t);
    }
    out_text(x, text, t->off, t->space_before);
    advance(x);
    set_operand_type(x, XT_NUMBER);
    return 0;
}

/* CONNECT_BY_ISLEAF, CONNECT_BY_ISCYCLE: of the rows of the hierarchy. */
static int write_flag(xlat *x, const sql_token *t, const char *column)
{
    enum connect_mode mode = x->connect->mode;
    if (mode != CB_ROWS && mode != CB_DONE) return xlat_fail(x, ORA_UNIMPLEMENTED, t);
    out_text(x, column, t->off, t->space_before);
    advance(x);
    set_operand_type(x, XT_NUMBER);
    return 0;
}

int parse_connect_operand(xlat *x, expr_info *oi)
{
    const sql_token *t = cur(x);
    char word[SQL_IDENT_MAX + 1];
    tok_name(x->sql, t, word, sizeof word);
    int flag = !strcmp(word, "CONNECT_BY_ISLEAF") || !strcmp(word, "CONNECT_BY_ISCYCLE");
    if (!x->connect)
        return xlat_fail(x, !strcmp(word, "LEVEL") || flag ? 1788 : ORA_UNIMPLEMENTED, t);
    if (!strcmp(word, "LEVEL")) return write_level(x, t);
    if (!strcmp(word, "PRIOR")) return write_prior(x, t, oi);
    if (!strcmp(word, "CONNECT_BY_ROOT")) return write_root(x, t, oi);
    if (!strcmp(word, "SYS_CONNECT_BY_PATH")) return write_path(x, t);
    if (!strcmp(word, "CONNECT_BY_ISLEAF")) return write_flag(x, t, "ora_isleaf");
    if (!strcmp(word, "CONNECT_BY_ISCYCLE")) return write_flag(x, t, "ora_iscycle");
    return xlat_fail(x, ORA_UNIMPLEMENTED, t);
}

/* ---- the block's clauses ---- */

/* Part P without the word KW it starts with (WHERE, which parse_where writes). */
static void skip_leading_word(const xlat *x, xpart *p, const char *kw)
{
    int i = p->from, n = (int)strlen(kw);
    while (i < p->to && x->out.data[i] == ' ')
        i++;
    if (p->to - i >= n && !memcmp(x->out.data + i, kw, (size_t)n)) p->from = i + n;
}

/* CONNECT BY [NOCYCLE] condition at CONNECT: the condition into COND (a top-level ROWNUM
 * filter into LIMIT: the hierarchy's rows are numbered depth first). */
static int parse_connect_by(xlat *x, xpart *cond, xpart *limit)
{
    struct xconnect *cb = x->connect;
    rownum_limit rownum = {0};
    advance(x); /* CONNECT: parse_where takes BY (or NOCYCLE) for its WHERE */
    if (ahead_word(x, 1, "NOCYCLE")) {
        cb->nocycle = 1;
        advance(x);
    }
    cb->mode = CB_CONNECT;
    part_begin(x, cond);
    if (parse_where(x, &rownum) < 0) return -1;
    part_end(x, cond);
    skip_leading_word(x, cond, "WHERE");
    part_begin(x, limit);
    if (rownum.present) emit_rownum_limit(x, &rownum);
    part_end(x, limit);
    return 0;
}

/* START WITH and CONNECT BY, in either order. */
static int parse_hierarchy(xlat *x, xpart *start_with, xpart *cond, xpart *limit)
{
    struct xconnect *cb = x->connect;
    int seen_start = 0, seen_connect = 0;
    for (;;) {
        if (!seen_start && at_word(x, "START") && ahead_word(x, 1, "WITH")) {
            expr_info ei;
            seen_start = 1;
            advance(x), advance(x);
            cb->mode = CB_START;
            part_begin(x, start_with);
            if (parse_expr(x, 0, &ei) < 0) return -1;
            part_end(x, start_with);
        } else if (!seen_connect && at_word(x, "CONNECT") && ahead_word(x, 1, "BY")) {
            seen_connect = 1;
            if (parse_connect_by(x, cond, limit) < 0) return -1;
        } else {
            break;
        }
    }
    cb->mode = CB_ROWS;
    if (!seen_connect) return xlat_fail(x, 1788, cur(x));
    if (at_word(x, "WHERE")) return xlat_fail(x, ORA_NOT_PROPERLY_ENDED, cur(x));
    return 0;
}

/* ORDER SIBLINGS BY at the cursor, into P: items that are expressions (not positions). */
static int parse_siblings(xlat *x, xpart *p)
{
    for (int k = 3, depth = 0, item = 1;
         ahead(x, k)->type != TK_EOF && !(depth == 0 && ends_block(x, k, 1)); k++) {
        const sql_token *t = ahead(x, k);
        if (depth == 0 && item && t->type == TK_NUMBER) return xlat_fail(x, ORA_UNIMPLEMENTED, t);
        depth += tok_is_op(x->sql, t, "(") - tok_is_op(x->sql, t, ")");
        if (depth < 0) break;
        item = depth == 0 && tok_is_op(x->sql, t, ",");
    }
    x->connect->mode = CB_SIBLINGS;
    part_begin(x, p);
    int rc = parse_order_by(x);
    part_end(x, p);
    x->connect->mode = CB_ROWS;
    return rc;
}

/* ---- the recursive query ---- */

#define CONNECT_MAX_CONDS 64

typedef struct hierarchy {
    xpart head, from, where, start_with, cond, limit, tail, siblings;
    int off; /* Oracle offset the glue text maps to (CONNECT) */
    /* FROM is a join: WHERE's conditions, a join's (naming two of its items) or a filter's */
    xpart conds[CONNECT_MAX_CONDS];
    char is_join[CONNECT_MAX_CONDS];
    int nconds;
} hierarchy;

static void glue(xasm *a, const hierarchy *h, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void glue(xasm *a, const hierarchy *h, const char *fmt, ...)
{
    char text[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    asm_text(a, text, h->off);
}

/* The PRIOR values of the row of ALIAS, as one text: quote(p1) || char(2) || quote(p2) ... */
static void prior_values(xasm *a, const struct xconnect *cb, const hierarchy *h)
{
    for (int i = 0; i < cb->npriors; i++) {
        glue(a, h, i ? "|| char(2) || quote(" : "quote(");
        asm_append(a, &cb->priors[i]);
        glue(a, h, ")");
    }
}

/* The roots: the rows of ora_src START WITH picks (all without it). */
static void write_roots(xasm *a, const xlat *x, const struct xconnect *cb, const hierarchy *h,
                        const char *alias)
{
    glue(a, h,
         "SELECT %s.ora_rn AS ora_rn, 1 AS ora_level, printf('%%010d', %s.ora_rn) AS ora_key,"
         " NULL AS ora_parent, 0 AS ora_dead,",
         alias, alias);
    if (cb->npriors) {
        glue(a, h, "char(1) ||");
        prior_values(a, cb, h);
        glue(a, h, "|| char(1) AS ora_anc");
    } else {
        glue(a, h, "NULL AS ora_anc");
    }
    for (int i = 0; i < cb->npriors; i++) {
        glue(a, h, ", (");
        asm_append(a, &cb->priors[i]);
        glue(a, h, ") AS ora_prior%d", i + 1);
    }
    for (int i = 0; i < cb->npaths; i++) {
        glue(a, h, ", CONCAT(");
        asm_append(a, &cb->seps[i]);
        glue(a, h, ", ");
        asm_append(a, &cb->paths[i]);
        glue(a, h, ") AS ora_path%d", i + 1);
    }
    for (int i = 0; i < cb->nroots; i++) {
        glue(a, h, ", (");
        asm_append(a, &cb->roots[i]);
        glue(a, h, ") AS ora_root%d", i + 1);
    }
    for (int i = 0; i < cb->nups; i++) {
        glue(a, h, ", (");
        asm_append(a, &cb->ups[i]);
        glue(a, h, ") AS ora_self%d, NULL AS ora_up%d", i + 1, i + 1);
    }
    glue(a, h, " FROM ora_src %s", alias);
    if (h->start_with.to > h->start_with.from) {
        glue(a, h, " WHERE");
        asm_part(a, x, &h->start_with);
    }
}

/* The children of the rows so far: the rows of ora_src CONNECT BY joins to a parent. */
static void write_children(xasm *a, const xlat *x, const struct xconnect *cb, const hierarchy *h,
                           const char *alias)
{
    glue(a, h, " UNION ALL SELECT %s.ora_rn, ora_hp.ora_level + 1,", alias);
    if (cb->npriors)
        glue(a, h, " ora_hp.ora_key || printf('%%010d', %s.ora_rn),", alias);
    else /* a row generator (CONNECT BY LEVEL <= n FROM dual): one row a level, the key its
          * level, not a path as long as the level (quadratic) */
        glue(a, h,
             " CASE WHEN (SELECT COUNT(*) FROM ora_src) = 1 THEN printf('%%010d',"
             " ora_hp.ora_level + 1) ELSE ora_hp.ora_key || printf('%%010d', %s.ora_rn) END,",
             alias);
    glue(a, h, " ora_hp.ora_key,");
    if (cb->npriors) {
        glue(a, h, "CASE WHEN instr(ora_hp.ora_anc, char(1) ||");
        prior_values(a, cb, h);
        glue(a, h, "|| char(1)) > 0 THEN %s ELSE 0 END, ora_hp.ora_anc ||",
             cb->nocycle ? "1" : "ORA_CONNECT_BY_LOOP()");
        prior_values(a, cb, h);
        glue(a, h, "|| char(1)");
    } else {
        glue(a, h, "0, NULL");
    }
    for (int i = 0; i < cb->npriors; i++) {
        glue(a, h, ", (");
        asm_append(a, &cb->priors[i]);
        glue(a, h, ")");
    }
    for (int i = 0; i < cb->npaths; i++) {
        glue(a, h, ", CONCAT(ora_hp.ora_path%d, ", i + 1);
        asm_append(a, &cb->seps[i]);
        glue(a, h, ", ");
        asm_append(a, &cb->paths[i]);
        glue(a, h, ")");
    }
    for (int i = 0; i < cb->nroots; i++)
        glue(a, h, ", ora_hp.ora_root%d", i + 1);
    for (int i = 0; i < cb->nups; i++) {
        glue(a, h, ", (");
        asm_append(a, &cb->ups[i]);
        glue(a, h, "), ora_hp.ora_self%d", i + 1);
    }
    glue(a, h, " FROM ora_h ora_hp JOIN ora_src %s ON", alias);
    if (h->cond.to > h->cond.from) {
        glue(a, h, "(");
        asm_part(a, x, &h->cond);
        glue(a, h, ")");
    } else {
        glue(a, h, "1");
    }
    glue(a, h, " WHERE ora_hp.ora_dead = 0");
    if (h->limit.to > h->limit.from) { /* CONNECT BY ROWNUM <= n: the first n, depth first */
        glue(a, h, " ORDER BY ora_key");
        asm_part(a, x, &h->limit);
    }
}

/* The hierarchy's rows with their table's columns, in its order. */
static void write_rows(xasm *a, const struct xconnect *cb, const hierarchy *h, const char *alias)
{
    int flags = cb->leaf_used || cb->cycle_off >= 0;
    glue(a, h, ") SELECT %s.*, ora_hr.ora_level AS ora_level, ora_hr.ora_key AS ora_key", alias);
    for (int i = 0; i < cb->npaths; i++)
        glue(a, h, ", ora_hr.ora_path%d AS ora_path%d", i + 1, i + 1);
    for (int i = 0; i < cb->nroots; i++)
        glue(a, h, ", ora_hr.ora_root%d AS ora_root%d", i + 1, i + 1);
    for (int i = 0; i < cb->nups; i++)
        glue(a, h, ", ora_hr.ora_up%d AS ora_up%d", i + 1, i + 1);
    if (flags)
        glue(a, h,
             ", CASE WHEN COALESCE(ora_hk.ora_kids, 0) = 0 THEN 1 ELSE 0 END AS ora_isleaf,"
             " COALESCE(ora_hk.ora_cycle, 0) AS ora_iscycle");
    glue(a, h, " FROM ora_h ora_hr JOIN ora_src %s ON %s.ora_rn = ora_hr.ora_rn", alias, alias);
    if (flags)
        glue(a, h,
             " LEFT JOIN (SELECT ora_parent, SUM(1 - ora_dead) AS ora_kids, MAX(ora_dead) AS"
             " ora_cycle FROM ora_h GROUP BY ora_parent) ora_hk ON ora_hk.ora_parent ="
             " ora_hr.ora_key");
    glue(a, h, " WHERE ora_hr.ora_dead = 0 ORDER BY ora_hr.ora_key) %s", alias);
}

/* WHERE's join conditions (JOINS), or its filters, as a WHERE clause. */
static void write_conditions(xasm *a, const xlat *x, const hierarchy *h, int joins)
{
    for (int i = 0, n = 0; i < h->nconds; i++) {
        if (h->is_join[i] != joins) continue;
        glue(a, h, n++ ? " AND" : " WHERE");
        asm_part(a, x, &h->conds[i]);
    }
}

/* A join's rows, each column the block reads as "Q.C", joined by WHERE's join conditions. */
static void write_join(xasm *a, const xlat *x, const struct xconnect *cb, const hierarchy *h)
{
    buf cols;
    buf_init(&cols);
    buf_puts(&cols, "(SELECT ");
    for (int i = 0; i < cb->nrefs; i++) {
        char name[2 * SQL_IDENT_MAX + 2];
        snprintf(name, sizeof name, "%s.%s", cb->refs[i].qualifier, cb->refs[i].column);
        if (i) buf_puts(&cols, ", ");
        append_ident(&cols, cb->refs[i].qualifier);
        buf_putc(&cols, '.');
        append_ident(&cols, cb->refs[i].column);
        buf_puts(&cols, " AS ");
        append_ident(&cols, name);
    }
    if (!cb->nrefs) buf_puts(&cols, "NULL AS ora_none");
    buf_puts(&cols, " FROM");
    asm_text(a, buf_cstr(&cols), h->off);
    buf_free(&cols);
    asm_part(a, x, &h->from);
    glue(a, h, ") ORA_T");
    write_conditions(a, x, h, 1);
}

/* WHERE of a join at the cursor: its conditions (top-level ANDs), each a join's or a filter's
 * by the FROM items it names (connect_column); ROWNUM filters into LIM. */
static int parse_join_where(xlat *x, hierarchy *h, rownum_limit *lim)
{
    struct xconnect *cb = x->connect;
    advance(x); /* WHERE */
    for (;;) {
        int r = rownum_filter(x, lim);
        if (r < 0) return -1;
        if (r == 0) {
            expr_info ei;
            if (h->nconds == CONNECT_MAX_CONDS) return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
            cb->cond_items = 0;
            part_begin(x, &h->conds[h->nconds]);
            if (parse_expr(x, EXPR_STOP_ANDOR, &ei) < 0) return -1;
            part_end(x, &h->conds[h->nconds]);
            h->is_join[h->nconds++] = (cb->cond_items & (cb->cond_items - 1)) != 0;
        }
        if (at_word(x, "OR")) return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
        if (!at_word(x, "AND")) return 0;
        advance(x);
    }
}

static void assemble(xasm *a, const xlat *x, const struct xconnect *cb, const hierarchy *h)
{
    buf name;
    buf_init(&name);
    append_ident(&name, cb->alias);
    const char *alias = buf_cstr(&name);
    asm_part(a, x, &h->head);
    glue(a, h, " FROM (WITH RECURSIVE ora_src AS MATERIALIZED (SELECT ROW_NUMBER() OVER (");
    asm_part(a, x, &h->siblings);
    glue(a, h, ") AS ora_rn, * FROM");
    if (cb->joined)
        write_join(a, x, cb, h);
    else
        asm_part(a, x, &h->from);
    glue(a, h, "), ora_h AS (");
    write_roots(a, x, cb, h, alias);
    write_children(a, x, cb, h, alias);
    write_rows(a, cb, h, alias);
    if (cb->joined)
        write_conditions(a, x, h, 0);
    else
        asm_part(a, x, &h->where);
    asm_part(a, x, &h->tail);
    buf_free(&name);
}

int write_hierarchical_block(xlat *x, rownum_limit *lim, int start)
{
    struct xconnect *cb = x->connect;
    hierarchy h = {.head = {start, (int)x->out.len}};
    for (int i = 0; x->depth == 1 && i < x->nhints; i++)
        if (x->rowid_aliases[i]) return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
    advance(x); /* FROM: written around the hierarchy */
    if (cb->joined && block_has_outer_join(x)) return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
    x->last_alias[0] = 0;
    cb->mode = cb->joined ? CB_RAW : CB_ROWS;
    part_begin(x, &h.from);
    if (parse_from_items(x) < 0) return -1;
    part_end(x, &h.from);
    cb->mode = CB_ROWS;
    snprintf(cb->alias, sizeof cb->alias, "%s",
             x->last_alias[0] && !cb->joined ? x->last_alias : "ORA_T");
    part_begin(x, &h.where);
    if (at_word(x, "WHERE") &&
        (cb->joined ? parse_join_where(x, &h, lim) : parse_where(x, lim)) < 0)
        return -1;
    part_end(x, &h.where);
    h.off = cur(x)->off;
    if (parse_hierarchy(x, &h.start_with, &h.cond, &h.limit) < 0) return -1;
    part_begin(x, &h.tail);
    if (parse_select_tail(x, lim) < 0) return -1;
    part_end(x, &h.tail);
    cb->grouped = h.tail.to > h.tail.from;
    part_begin(x, &h.siblings);
    if (at_word(x, "ORDER") && ahead_word(x, 1, "SIBLINGS") && parse_siblings(x, &h.siblings) < 0)
        return -1;
    if (cb->cycle_off >= 0 && !cb->nocycle) return ora_set(x->err, 30930, cb->cycle_off);
    xasm a;
    asm_init(&a);
    assemble(&a, x, cb, &h);
    asm_replace_tail(x, start, &a);
    asm_free(&a);
    cb->mode = CB_DONE;
    return 0;
}
