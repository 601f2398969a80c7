/*
 * xlat_pivot.c - PIVOT and UNPIVOT after a FROM item, as SQLite subqueries.
 *
 *   FROM src PIVOT (SUM(sal) AS s, COUNT(*) FOR deptno IN (10 AS acc, 20))
 *
 * groups the rows of SRC by its other columns (all but DEPTNO and those the aggregates read)
 * and gives each value of the IN list a column per aggregate, aggregating only its rows:
 *
 *   (SELECT job, ORA_SUM(CASE WHEN deptno = 10 THEN sal END) AS "ACC_S",
 *           COUNT(CASE WHEN deptno = 10 THEN 1 END) AS "ACC", ... FROM src GROUP BY job)
 *
 *   FROM src UNPIVOT [INCLUDE | EXCLUDE NULLS] (value FOR name IN (q1 AS 'Q1', q2))
 *
 * turns each row of SRC into one row per IN column, in the list's order, with the column's
 * value and its name (or the literal after AS), the other columns of SRC alongside; EXCLUDE
 * NULLS (the default) leaves out the rows whose value is NULL:
 *
 *   (SELECT * FROM (SELECT id, CASE ora_k WHEN 1 THEN 'Q1' WHEN 2 THEN 'Q2' END AS "NAME",
 *           CASE ora_k WHEN 1 THEN q1 WHEN 2 THEN q2 END AS "VALUE"
 *           FROM src CROSS JOIN (SELECT 1 AS ora_k UNION ALL SELECT 2)) WHERE "VALUE" IS NOT NULL)
 *
 * Both need SRC's columns: a table's from the catalog (sql_ctx.column_name), a subquery's from
 * its select list (a * of a table not known: ORA-03001).  Not supported (ORA-03001): PIVOT XML,
 * IN (ANY | subquery), several FOR columns, an IN value other than a literal.
 */
#include "xlat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PIVOT_MAX_COLUMNS 256
#define PIVOT_MAX_AGGS 8
#define PIVOT_MAX_VALUES 64

typedef char column_name[SQL_IDENT_MAX + 1];

typedef struct source {
    xpart text; /* the FROM item, with its alias */
    column_name *cols;
    xtype *types;
    int ncols;
    int top; /* the item is all of the top query's FROM, whose select list is a * */
} source;

int at_pivot(const xlat *x)
{
    return (at_word(x, "PIVOT") || at_word(x, "UNPIVOT")) &&
           (ahead_op(x, 1, "(") || ahead_word(x, 1, "XML") || ahead_word(x, 1, "INCLUDE") ||
            ahead_word(x, 1, "EXCLUDE"));
}

/* The columns of the FROM item that starts at token AT (scope_open's item), into S. */
static int source_columns(xlat *x, int at, source *s)
{
    for (int i = x->block_base; i < x->nscope; i++) {
        const struct scope_item *it = &x->scope[i];
        if (it->block != x->block_base || it->at != at) continue;
        if (!it->table[0]) {
            if (!it->sub.done) return -1;
            s->cols = xcalloc((size_t)it->sub.ncols + 1, sizeof *s->cols);
            s->types = xcalloc((size_t)it->sub.ncols + 1, sizeof *s->types);
            for (s->ncols = 0; s->ncols < it->sub.ncols; s->ncols++) {
                snprintf(s->cols[s->ncols], sizeof s->cols[0], "%s", it->sub.cols[s->ncols].name);
                s->types[s->ncols] = it->sub.cols[s->ncols].type;
            }
            return 0;
        }
        if (!x->ctx->column_name) return -1;
        s->cols = xcalloc(PIVOT_MAX_COLUMNS, sizeof *s->cols);
        s->types = xcalloc(PIVOT_MAX_COLUMNS, sizeof *s->types);
        while (s->ncols < PIVOT_MAX_COLUMNS &&
               x->ctx->column_name(it->table, s->ncols, s->cols[s->ncols], sizeof s->cols[0],
                                   x->ctx->column_type_arg)) {
            char decl[64];
            if (x->ctx->column_type(it->table, s->cols[s->ncols], decl, sizeof decl,
                                    x->ctx->column_type_arg))
                s->types[s->ncols] = decl_xtype(decl);
            s->ncols++;
        }
        return s->ncols ? 0 : -1;
    }
    return -1;
}

static int column_index(const source *s, const char *name)
{
    for (int i = 0; i < s->ncols; i++)
        if (!strcmp(s->cols[i], name)) return i;
    return -1;
}

/* Mark the source's columns tokens FROM .. TO name (in USED). */
static void mark_columns(const xlat *x, const source *s, int from, int to, char *used)
{
    for (int k = from; k < to; k++) {
        char name[SQL_IDENT_MAX + 1];
        if (!tok_is_name(&x->tok[k])) continue;
        tok_name(x->sql, &x->tok[k], name, sizeof name);
        int i = column_index(s, name);
        if (i >= 0) used[i] = 1;
    }
}

/* [AS] alias after a PIVOT aggregate or IN value, or an UNPIVOT IN column's AS 'literal'. */
static void read_alias(xlat *x, char *name, size_t size)
{
    name[0] = 0;
    if (at_word(x, "AS")) advance(x);
    if (at_name(x)) {
        tok_name(x->sql, cur(x), name, size);
        advance(x);
    }
}

static void glue_ident(xasm *a, const char *name, int off)
{
    buf b;
    buf_init(&b);
    append_ident(&b, name);
    asm_text(a, buf_cstr(&b), off);
    buf_free(&b);
}

/* Source column I as a value: a NUMBER column's text made a number (number_of_text), so that
 * the rows describe as numbers however the query names them. */
static void glue_value(xasm *a, const source *s, int i, int named, int off)
{
    buf b;
    buf_init(&b);
    if (s->types[i] == XT_NUMBER) buf_puts(&b, "ORA_XNUMBER(");
    append_ident(&b, s->cols[i]);
    if (s->types[i] == XT_NUMBER) buf_puts(&b, ")");
    if (s->types[i] == XT_NUMBER && named) {
        buf_puts(&b, " AS ");
        append_ident(&b, s->cols[i]);
    }
    asm_text(a, buf_cstr(&b), off);
    buf_free(&b);
}

static void glue_quoted(xasm *a, const char *prefix, const char *name, int off)
{
    buf b;
    buf_init(&b);
    buf_puts(&b, prefix);
    buf_put_quoted(&b, name, '"');
    asm_text(a, buf_cstr(&b), off);
    buf_free(&b);
}

/* ---- PIVOT ---- */

struct pivot_agg {
    char fname[SQL_IDENT_MAX + 1];
    column_name alias;
    xpart arg; /* empty: COUNT(*) */
    xtype type;
};

struct pivot_value {
    xpart text;
    column_name name;
};

typedef struct pivot {
    struct pivot_agg aggs[PIVOT_MAX_AGGS];
    struct pivot_value values[PIVOT_MAX_VALUES];
    int naggs, nvalues, off;
    column_name column;
} pivot;

/* agg(expr) [[AS] alias], ... before FOR; the columns they read into USED. */
static int read_aggregates(xlat *x, pivot *p, const source *s, char *used)
{
    for (;;) {
        if (p->naggs == PIVOT_MAX_AGGS || !tok_is_name(cur(x)) || !ahead_op(x, 1, "("))
            return xlat_fail(x, p->naggs == PIVOT_MAX_AGGS ? ORA_UNIMPLEMENTED : 56902, cur(x));
        struct pivot_agg *g = &p->aggs[p->naggs++];
        tok_name(x->sql, cur(x), g->fname, sizeof g->fname);
        advance(x), advance(x);
        if (!strcmp(g->fname, "COUNT") && at_op(x, "*") && ahead_op(x, 1, ")")) {
            advance(x);
        } else {
            expr_info ei;
            int first = x->pos;
            part_begin(x, &g->arg);
            if (parse_expr(x, 0, &ei) < 0) return -1;
            part_end(x, &g->arg);
            g->type = ei.type;
            mark_columns(x, s, first, x->pos, used);
        }
        if (!at_op(x, ")")) return xlat_fail(x, ORA_MISSING_RIGHT_PAREN, cur(x));
        advance(x);
        read_alias(x, g->alias, sizeof g->alias);
        if (!at_op(x, ",")) return 0;
        advance(x);
    }
}

/* The name Oracle gives a value's column: its alias, or the literal as written. */
static void value_name(const xlat *x, const sql_token *t, char *name, size_t size)
{
    int n = t->len < (int)size - 1 ? t->len : (int)size - 1;
    memcpy(name, x->sql + t->off, (size_t)n);
    name[n] = 0;
}

/* FOR column IN (literal [[AS] alias], ...) */
static int read_values(xlat *x, pivot *p, const source *s, char *used)
{
    if (!at_word(x, "FOR")) return xlat_fail(x, 905, cur(x));
    advance(x);
    if (!tok_is_name(cur(x))) return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x)); /* FOR (a, b) */
    tok_name(x->sql, cur(x), p->column, sizeof p->column);
    if (column_index(s, p->column) < 0) return fail_identifier(x, cur(x));
    used[column_index(s, p->column)] = 1;
    advance(x);
    if (!at_word(x, "IN")) return xlat_fail(x, 905, cur(x));
    advance(x);
    if (!at_op(x, "(")) return xlat_fail(x, ORA_MISSING_LEFT_PAREN, cur(x));
    advance(x);
    for (;;) {
        const sql_token *t = cur(x);
        if ((t->type != TK_STRING && t->type != TK_NUMBER) || p->nvalues == PIVOT_MAX_VALUES)
            return xlat_fail(x, ORA_UNIMPLEMENTED, t); /* ANY, a subquery, an expression */
        struct pivot_value *v = &p->values[p->nvalues++];
        part_begin(x, &v->text);
        emit_tok(x);
        part_end(x, &v->text);
        read_alias(x, v->name, sizeof v->name);
        if (!v->name[0]) value_name(x, t, v->name, sizeof v->name);
        if (!at_op(x, ",")) break;
        advance(x);
    }
    if (!at_op(x, ")")) return xlat_fail(x, ORA_MISSING_RIGHT_PAREN, cur(x));
    advance(x);
    return 0;
}

/* AGG(CASE WHEN column = value THEN arg END) AS "VALUE[_ALIAS]" */
static void write_pivot_column(xasm *a, const xlat *x, const pivot *p, const struct pivot_agg *g,
                               const struct pivot_value *v, int first)
{
    const char *prefix = function_prefix(g->fname, 1, g->type, 0, 0);
    char call[2 * SQL_IDENT_MAX + 32];
    snprintf(call, sizeof call, "%s%s%s(CASE WHEN", first ? "" : ", ", prefix ? prefix : "",
             g->fname);
    asm_text(a, call, p->off);
    glue_ident(a, p->column, p->off);
    asm_text(a, " =", p->off);
    asm_part(a, x, &v->text);
    asm_text(a, " THEN", p->off);
    /* CASE hands on a NUMBER column's text without its collation: MIN and MAX would compare
     * it as text (number_of_text) */
    int as_number = g->type == XT_NUMBER && (!strcmp(g->fname, "MIN") || !strcmp(g->fname, "MAX"));
    if (as_number) asm_text(a, " ORA_XNUMBER(", p->off);
    if (g->arg.to > g->arg.from)
        asm_part(a, x, &g->arg);
    else
        asm_text(a, " 1", p->off);
    asm_text(a, as_number ? ") END)" : " END)", p->off);
    char name[2 * SQL_IDENT_MAX + 2];
    snprintf(name, sizeof name, "%s%s%s", v->name, g->alias[0] ? "_" : "", g->alias);
    glue_quoted(a, " AS ", name, p->off);
}

/* The type of aggregate G's values. */
static xtype aggregate_type(const struct pivot_agg *g)
{
    if (!strcmp(g->fname, "MIN") || !strcmp(g->fname, "MAX")) return g->type;
    return !strcmp(g->fname, "COUNT") || !strcmp(g->fname, "SUM") || !strcmp(g->fname, "AVG")
               ? XT_NUMBER
               : XT_UNKNOWN;
}

static void write_pivot(xasm *a, xlat *x, const pivot *p, const source *s, const char *used)
{
    int ngroup = 0;
    asm_text(a, "(SELECT", p->off);
    for (int i = 0; i < s->ncols; i++) {
        if (used[i]) continue;
        if (s->top) note_column_type(x, ngroup, s->types[i]);
        if (ngroup++) asm_text(a, ",", p->off);
        glue_value(a, s, i, 1, p->off);
    }
    for (int v = 0, col = ngroup; s->top && v < p->nvalues; v++)
        for (int g = 0; g < p->naggs; g++)
            note_column_type(x, col++, aggregate_type(&p->aggs[g]));
    for (int v = 0, n = ngroup; v < p->nvalues; v++)
        for (int g = 0; g < p->naggs; g++)
            write_pivot_column(a, x, p, &p->aggs[g], &p->values[v], !n++);
    asm_text(a, " FROM", p->off);
    asm_part(a, x, &s->text);
    for (int i = 0, n = 0; i < s->ncols; i++) {
        if (used[i]) continue;
        asm_text(a, n++ ? "," : " GROUP BY", p->off);
        glue_ident(a, s->cols[i], p->off);
    }
    asm_text(a, ")", p->off);
}

static int parse_pivot(xlat *x, source *s, xasm *a)
{
    pivot *p = xcalloc(1, sizeof *p);
    char *used = xcalloc((size_t)s->ncols + 1, 1);
    p->off = cur(x)->off;
    advance(x); /* PIVOT */
    int rc = 0;
    if (at_word(x, "XML")) rc = xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
    if (rc == 0 && !at_op(x, "(")) rc = xlat_fail(x, ORA_MISSING_LEFT_PAREN, cur(x));
    if (rc == 0) advance(x);
    if (rc == 0) rc = read_aggregates(x, p, s, used);
    if (rc == 0) rc = read_values(x, p, s, used);
    if (rc == 0 && !at_op(x, ")")) rc = xlat_fail(x, ORA_MISSING_RIGHT_PAREN, cur(x));
    if (rc == 0) {
        advance(x);
        write_pivot(a, x, p, s, used);
    }
    free(used);
    free(p);
    return rc;
}

/* ---- UNPIVOT ---- */

typedef struct unpivot {
    column_name value, name;
    column_name cols[PIVOT_MAX_VALUES];
    xpart labels[PIVOT_MAX_VALUES]; /* AS 'literal', or empty: the column's name */
    int ncols, include_nulls, off;
} unpivot;

static int read_unpivot(xlat *x, unpivot *u, const source *s, char *used)
{
    if (!tok_is_name(cur(x))) return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x)); /* (a, b) FOR */
    tok_name(x->sql, cur(x), u->value, sizeof u->value);
    advance(x);
    if (!at_word(x, "FOR")) return xlat_fail(x, 905, cur(x));
    advance(x);
    if (!tok_is_name(cur(x))) return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
    tok_name(x->sql, cur(x), u->name, sizeof u->name);
    advance(x);
    if (!at_word(x, "IN")) return xlat_fail(x, 905, cur(x));
    advance(x);
    if (!at_op(x, "(")) return xlat_fail(x, ORA_MISSING_LEFT_PAREN, cur(x));
    advance(x);
    for (;;) {
        if (!tok_is_name(cur(x)) || u->ncols == PIVOT_MAX_VALUES)
            return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
        column_name *c = &u->cols[u->ncols];
        tok_name(x->sql, cur(x), *c, sizeof *c);
        int i = column_index(s, *c);
        if (i < 0) return fail_identifier(x, cur(x));
        used[i] = 1;
        advance(x);
        part_begin(x, &u->labels[u->ncols]);
        if (at_word(x, "AS")) {
            advance(x);
            if (cur(x)->type != TK_STRING && cur(x)->type != TK_NUMBER)
                return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
            emit_tok(x);
        }
        part_end(x, &u->labels[u->ncols]);
        u->ncols++;
        if (!at_op(x, ",")) break;
        advance(x);
    }
    if (!at_op(x, ")")) return xlat_fail(x, ORA_MISSING_RIGHT_PAREN, cur(x));
    advance(x);
    return 0;
}

/* CASE ora_k WHEN 1 THEN <of column 1> ... END AS "NAME" (LABELS: the names, else values;
 * FIRST: the first column of the select list) */
static void write_unpivot_case(xasm *a, const xlat *x, const unpivot *u, const source *s,
                               int labels, const char *as, int first)
{
    asm_text(a, first ? "CASE ora_k" : ", CASE ora_k", u->off);
    for (int i = 0; i < u->ncols; i++) {
        char when[32];
        snprintf(when, sizeof when, " WHEN %d THEN", i + 1);
        asm_text(a, when, u->off);
        if (!labels) {
            glue_value(a, s, column_index(s, u->cols[i]), 0, u->off);
        } else if (u->labels[i].to > u->labels[i].from) {
            asm_part(a, x, &u->labels[i]);
        } else {
            buf b;
            buf_init(&b);
            buf_put_quoted(&b, u->cols[i], '\'');
            asm_text(a, buf_cstr(&b), u->off);
            buf_free(&b);
        }
    }
    asm_text(a, " END", u->off);
    glue_quoted(a, " AS ", as, u->off);
}

static void write_unpivot(xasm *a, xlat *x, const unpivot *u, const source *s, const char *used)
{
    asm_text(a, "(SELECT * FROM (SELECT", u->off);
    int n = 0;
    for (int i = 0; i < s->ncols; i++) {
        if (used[i]) continue;
        if (s->top) note_column_type(x, n, s->types[i]);
        if (n++) asm_text(a, ",", u->off);
        glue_value(a, s, i, 1, u->off);
    }
    if (s->top) {
        const xpart *l = &u->labels[0];
        int number =
            l->to > l->from && x->out.data[l->from + (x->out.data[l->from] == ' ')] != '\'';
        note_column_type(x, n, number ? XT_NUMBER : XT_TEXT);
        note_column_type(x, n + 1, s->types[column_index(s, u->cols[0])]);
    }
    write_unpivot_case(a, x, u, s, 1, u->name, !n);
    write_unpivot_case(a, x, u, s, 0, u->value, 0);
    asm_text(a, " FROM", u->off);
    asm_part(a, x, &s->text);
    asm_text(a, " CROSS JOIN (SELECT 1 AS ora_k", u->off);
    for (int i = 2; i <= u->ncols; i++) {
        char k[32];
        snprintf(k, sizeof k, " UNION ALL SELECT %d", i);
        asm_text(a, k, u->off);
    }
    asm_text(a, "))", u->off);
    if (!u->include_nulls) glue_quoted(a, " WHERE ", u->value, u->off);
    if (!u->include_nulls) asm_text(a, " IS NOT NULL", u->off);
    asm_text(a, ")", u->off);
}

static int parse_unpivot(xlat *x, source *s, xasm *a)
{
    unpivot *u = xcalloc(1, sizeof *u);
    char *used = xcalloc((size_t)s->ncols + 1, 1);
    u->off = cur(x)->off;
    advance(x); /* UNPIVOT */
    int rc = 0;
    if ((at_word(x, "INCLUDE") || at_word(x, "EXCLUDE")) && ahead_word(x, 1, "NULLS")) {
        u->include_nulls = at_word(x, "INCLUDE");
        advance(x), advance(x);
    }
    if (!at_op(x, "(")) rc = xlat_fail(x, ORA_MISSING_LEFT_PAREN, cur(x));
    if (rc == 0) advance(x);
    if (rc == 0) rc = read_unpivot(x, u, s, used);
    if (rc == 0 && !at_op(x, ")")) rc = xlat_fail(x, ORA_MISSING_RIGHT_PAREN, cur(x));
    if (rc == 0) {
        advance(x);
        write_unpivot(a, x, u, s, used);
    }
    free(used);
    free(u);
    return rc;
}

int parse_pivot_clause(xlat *x, int out_start, int at)
{
    source s = {.text = {out_start, (int)x->out.len}};
    /* SELECT * FROM item: the describe's types of its columns are the clause's */
    s.top = x->depth == 1 && !x->query_compound && at >= 3 &&
            tok_is_word(x->sql, &x->tok[at - 1], "FROM") &&
            tok_is_op(x->sql, &x->tok[at - 2], "*") &&
            tok_is_word(x->sql, &x->tok[at - 3], "SELECT");
    if (source_columns(x, at, &s) < 0) {
        free(s.cols);
        free(s.types);
        return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x)); /* its columns are not known */
    }
    xasm a;
    asm_init(&a);
    int rc = at_word(x, "PIVOT") ? parse_pivot(x, &s, &a) : parse_unpivot(x, &s, &a);
    if (rc == 0) asm_replace_tail(x, out_start, &a);
    asm_free(&a);
    free(s.cols);
    free(s.types);
    return rc;
}
