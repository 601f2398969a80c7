/*
 * xlat_insert_all.c - the multitable INSERT: INSERT ALL INTO t1 ... INTO t2 ... subquery,
 * INSERT ALL WHEN c THEN INTO ... [ELSE INTO ...] subquery and INSERT FIRST WHEN ...,
 * written as one SQLite INSERT ... SELECT per INTO clause, which the engine runs one
 * after the other in the statement's savepoint (xlat_parts.c):
 *
 *   INSERT INTO t [(cols)] SELECT values | * FROM (subquery) [WHERE which rows]
 *
 * The rows an INTO takes: all (unconditional), those of its WHEN (ALL), those of its
 * WHEN and of no WHEN before it (FIRST: "(c) IS TRUE AND (c1) IS NOT TRUE ..."), or
 * those of no WHEN (ELSE).  The VALUES name the subquery's columns, as in Oracle.
 *
 * Each INSERT evaluates the subquery again, which Oracle evaluates once.  Where that
 * could show - the subquery names one of the target tables, or a NEXTVAL is drawn with
 * more than one INTO (Oracle draws one number per source row for all of them) - the
 * statement is ORA-03001 rather than a different result.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlat.h"

#define INTO_MAX 128 /* INTO clauses of one statement */

typedef struct into_clause {
    xpart target, columns, values;
    int when; /* its WHEN (from 0), UNCONDITIONAL or ELSE */
} into_clause;

enum { UNCONDITIONAL = -1, ELSE_CLAUSE = -2 };

typedef struct insert_all {
    int first; /* INSERT FIRST */
    into_clause into[INTO_MAX];
    int ninto;
    xpart when[INTO_MAX];
    int nwhen;
    xpart query;
    int query_tok;
} insert_all;

/* TABLE among the statement's targets, added when new. */
static void add_target(xlat *x, const qname *qn)
{
    sql_object_name o = object_name_of(x, qn);
    for (int i = 0; i < x->ntargets; i++)
        if (!strcmp(x->targets[i].schema, o.schema) && !strcmp(x->targets[i].name, o.name)) {
            free(o.schema);
            free(o.name);
            return;
        }
    x->targets = xrealloc(x->targets, sizeof *x->targets * (size_t)(x->ntargets + 1));
    x->targets[x->ntargets++] = o;
}

static int ends_into(const xlat *x)
{
    return at_word(x, "WHEN") || at_word(x, "ELSE") || at_word(x, "INTO") ||
           at_word(x, "VALUES") || at_word(x, "WITH");
}

/* INTO [schema.]table [alias] [(cols)] [VALUES (exprs)] */
static int parse_into(xlat *x, insert_all *q, int when)
{
    if (q->ninto == INTO_MAX) return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
    into_clause *c = &q->into[q->ninto++];
    c->when = when;
    advance(x); /* INTO */
    qname qn;
    if (read_qname(x, &qn) < 0) return xlat_fail(x, ORA_INVALID_TABLE_NAME, cur(x));
    if (at_op(x, "@") || at_word(x, "PARTITION")) return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
    set_object(x, &qn);
    find_target_identity(x);
    add_target(x, &qn);
    if (at_name(x) && !ends_into(x)) advance(x); /* an alias nothing can use */
    part_begin(x, &c->target);
    emit_insert_target(x, &qn);
    part_end(x, &c->target);
    int listed = at_op(x, "(") && !paren_starts_query(x, 1);
    x->identity_value = listed || !x->has_target_identity ? -1 : x->target_identity.position;
    const sql_token *list = cur(x);
    part_begin(x, &c->columns);
    if (listed && parse_column_list(x, 0) < 0) return -1;
    part_end(x, &c->columns);
    part_begin(x, &c->values);
    if (!at_word(x, "VALUES")) {
        if (x->identity_value >= 0 && x->target_identity.always) return xlat_fail(x, 32795, list);
        return 0;
    }
    advance(x);
    part_begin(x, &c->values);
    if (parse_values_row(x) < 0) return -1;
    part_end(x, &c->values);
    return 0;
}

/* One or more INTO clauses. */
static int parse_intos(xlat *x, insert_all *q, int when)
{
    if (!at_word(x, "INTO")) return xlat_fail(x, 925, cur(x));
    while (at_word(x, "INTO"))
        if (parse_into(x, q, when) < 0) return -1;
    return 0;
}

/* WHEN condition THEN INTO ... {WHEN ...} [ELSE INTO ...] */
static int parse_conditional(xlat *x, insert_all *q)
{
    while (at_word(x, "WHEN")) {
        expr_info ei;
        if (q->nwhen == INTO_MAX) return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
        advance(x);
        part_begin(x, &q->when[q->nwhen]);
        if (parse_expr(x, 0, &ei) < 0) return -1;
        part_end(x, &q->when[q->nwhen]);
        if (!at_word(x, "THEN")) return xlat_fail(x, 905, cur(x));
        advance(x);
        if (parse_intos(x, q, q->nwhen++) < 0) return -1;
    }
    if (!at_word(x, "ELSE")) return 0;
    advance(x);
    return parse_intos(x, q, ELSE_CLAUSE);
}

static int parse_source_query(xlat *x, insert_all *q)
{
    q->query_tok = x->pos;
    if (!at_word(x, "SELECT") && !at_word(x, "WITH") && !(at_op(x, "(") && paren_starts_query(x, 1)))
        return xlat_fail(x, 928, cur(x));
    part_begin(x, &q->query);
    if (parse_query(x, 0) < 0) return -1;
    part_end(x, &q->query);
    return 0;
}

/* Where evaluating the subquery once per INTO could differ from once: ORA-03001. */
static int check_single_evaluation(xlat *x, const insert_all *q)
{
    if (q->ninto < 2) return 0;
    const sql_token *at = &x->tok[q->query_tok];
    if (x->nincremented) return xlat_fail(x, ORA_UNIMPLEMENTED, at);
    for (int i = 0; i < x->ntargets; i++) {
        char table[2 * SQL_IDENT_MAX + 2];
        snprintf(table, sizeof table, "%s.%s", x->targets[i].schema, x->targets[i].name);
        if (part_names(x, &q->query, table)) return xlat_fail(x, ORA_UNIMPLEMENTED, at);
    }
    return 0;
}

/* (when K) with SUFFIX, after GLUE. */
static void put_when(xasm *a, const xlat *x, const insert_all *q, int k, const char *glue,
                     const char *suffix)
{
    asm_text(a, glue, 0);
    asm_part(a, x, &q->when[k]);
    asm_text(a, suffix, 0);
}

/* WHERE ...: the rows INTO clause C takes. */
static void put_rows(xasm *a, const xlat *x, const insert_all *q, const into_clause *c)
{
    if (c->when == UNCONDITIONAL) return;
    int upto = c->when == ELSE_CLAUSE ? q->nwhen : q->first ? c->when : 0;
    const char *glue = "WHERE (";
    if (c->when >= 0) {
        put_when(a, x, q, c->when, glue, q->first ? ") IS TRUE" : ")");
        glue = "AND (";
    }
    for (int k = 0; k < upto; k++, glue = "AND (")
        put_when(a, x, q, k, glue, ") IS NOT TRUE");
}

static void write_into(xasm *a, const xlat *x, const insert_all *q, const into_clause *c)
{
    asm_text(a, "INSERT INTO", 0);
    asm_part(a, x, &c->target);
    if (c->columns.to > c->columns.from) asm_part(a, x, &c->columns);
    asm_text(a, "SELECT", 0);
    if (c->values.to > c->values.from) asm_inner(a, x, &c->values);
    else asm_text(a, "*", 0);
    asm_text(a, "FROM (", 0);
    asm_part(a, x, &q->query);
    asm_text(a, ")", 0);
    put_rows(a, x, q, c);
    asm_end_statement(a);
}

static int write_insert_all(xlat *x, const insert_all *q)
{
    if (check_single_evaluation(x, q) < 0) return -1;
    xasm a;
    asm_init(&a);
    for (int i = 0; i < q->ninto; i++) write_into(&a, x, q, &q->into[i]);
    asm_finish(x, &a);
    /* errors name the first target */
    free(x->object.schema);
    free(x->object.name);
    x->object = (sql_object_name){xstrdup(x->targets[0].schema), xstrdup(x->targets[0].name)};
    return 0;
}

int translate_insert_all(xlat *x)
{
    insert_all *q = xcalloc(1, sizeof *q);
    q->first = at_word(x, "FIRST");
    x->dml_set_at = -2; /* no RETURNING */
    advance(x); /* ALL | FIRST */
    int rc;
    if (at_word(x, "WHEN")) rc = parse_conditional(x, q);
    else rc = q->first ? xlat_fail(x, 905, cur(x)) : parse_intos(x, q, UNCONDITIONAL);
    if (rc == 0) rc = parse_source_query(x, q);
    if (rc == 0) rc = write_insert_all(x, q);
    free(q);
    return rc;
}
