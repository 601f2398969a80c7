/*
 * xlat_dml.c - INSERT, UPDATE and DELETE, rewritten for SQLite.
 *
 * The target table gets its SQLite name and, for UPDATE and DELETE, an alias
 * (SQLite wants AS there) so "emp.sal" keeps working.  Qualified column
 * names in INSERT column lists and SET targets lose their qualifier, which
 * SQLite does not accept there.  A target with an identity column
 * (sql_ctx.identity_of) keeps Oracle's rules: no value for a GENERATED
 * ALWAYS one, and NULL given to a BY DEFAULT ON NULL one draws a number.
 */
#include <stdio.h>
#include <string.h>

#include "xlat.h"

/* The INSERT target QN as the context wants it written (a staging table), or itself. */
void emit_insert_target(xlat *x, const qname *qn)
{
    const sql_ctx *ctx = x->ctx;
    const char *staging = NULL;
    if (ctx && ctx->insert_target && !name_is_global(x, qn)) {
        buf table;
        buf_init(&table);
        buf_printf(&table, "%s.%s", x->object.schema, qn->name);
        staging = ctx->insert_target(buf_cstr(&table), ctx->insert_target_arg);
        buf_free(&table);
    }
    if (staging) emit_ident(x, staging, qn->off, 1);
    else emit_object(x, qn, 1);
}

/* The identity column of the DML's target (x->object), if it has one. */
void find_target_identity(xlat *x)
{
    x->has_target_identity = 0;
    if (!x->ctx->identity_of || !x->object.schema) return;
    char table[2 * SQL_IDENT_MAX + 2];
    snprintf(table, sizeof table, "%s.%s", x->object.schema, x->object.name);
    x->has_target_identity = x->ctx->identity_of(table, x->ctx->identity_arg, &x->target_identity) == 1;
}

/* [schema.]table [alias] -> "S.T" [AS alias]; DEFAULT_ALIAS: alias it by its bare name.
 * INSERTING: the target of an INSERT, which the context may redirect. */
static int parse_dml_target(xlat *x, int default_alias, int inserting)
{
    qname qn;
    if (read_qname(x, &qn) < 0) return xlat_fail(x, ORA_INVALID_TABLE_NAME, cur(x));
    if (at_op(x, "@") || at_word(x, "PARTITION")) return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
    set_object(x, &qn);
    x->dml_target_at = (int)x->out.len;
    snprintf(x->dml_alias, sizeof x->dml_alias, "%s", qn.name);
    if (inserting) emit_insert_target(x, &qn);
    else emit_object(x, &qn, 1);
    find_target_identity(x);
    if (at_name(x) && !at_word(x, "RETURNING") && !at_word(x, "RETURN")) {
        tok_name(x->sql, cur(x), x->dml_alias, sizeof x->dml_alias);
        out_text(x, "AS", cur(x)->off, 1);
        emit_ident(x, x->dml_alias, cur(x)->off, 1);
        advance(x);
    } else if (default_alias && !name_is_global(x, &qn)) {
        out_text(x, "AS", qn.off, 1);
        emit_ident(x, qn.name, qn.off, 1);
    }
    scope_add_table(x, &qn, x->dml_alias); /* its columns' types, for the rest (xlat_types.c) */
    return 0;
}

/* A column written as [t.]col: only the column name is written.  UPDATING: SET may not
 * change a GENERATED ALWAYS identity column. */
int parse_column_target(xlat *x, int updating)
{
    if (!tok_is_name(cur(x))) return fail_identifier(x, cur(x));
    while (ahead_op(x, 1, ".") && tok_is_name(ahead(x, 2)))
        advance(x), advance(x);
    char name[SQL_IDENT_MAX + 1];
    tok_name(x->sql, cur(x), name, sizeof name);
    if (updating && x->has_target_identity && x->target_identity.always &&
        !strcmp(name, x->target_identity.column))
        return xlat_fail(x, 32796, cur(x));
    emit_ident(x, name, cur(x)->off, cur(x)->space_before);
    advance(x);
    return 0;
}

/* (col, ...) of INSERT, or of UPDATE's SET (cols) = (subquery); for INSERT, which one is
 * the identity column goes to x->identity_value. */
int parse_column_list(xlat *x, int updating)
{
    emit_tok(x); /* ( */
    for (int i = 0;; i++) {
        if (!updating && x->has_target_identity && tok_is_name(cur(x))) {
            char name[SQL_IDENT_MAX + 1];
            const sql_token *t = cur(x);
            for (int k = 1; ahead_op(x, k, ".") && tok_is_name(ahead(x, k + 1)); k += 2) t = ahead(x, k + 1);
            tok_name(x->sql, t, name, sizeof name);
            if (!strcmp(name, x->target_identity.column)) x->identity_value = i;
        }
        if (parse_column_target(x, updating) < 0) return -1;
        if (!at_op(x, ",")) break;
        emit_tok(x);
    }
    return expect_op(x, ")", ORA_MISSING_RIGHT_PAREN);
}

/* ---- RETURNING ... INTO ---- */

/* FROM "S.T" AS "A": the target, for the queries that read what RETURNING returns. */
static void put_target(const xlat *x, buf *b)
{
    qname qn = {0};
    snprintf(qn.schema, sizeof qn.schema, "%s", x->object.schema ? x->object.schema : "");
    snprintf(qn.name, sizeof qn.name, "%s", x->object.name ? x->object.name : "");
    buf_puts(b, " FROM ");
    append_object(x, &qn, b);
    buf_puts(b, " AS ");
    append_ident(b, x->dml_alias);
}

/* OUT[FROM, TO) as text. */
static void put_out(const xlat *x, int from, int to, buf *b)
{
    buf_put(b, x->out.data + from, (size_t)(to - from));
}

/*
 * The queries the engine runs for RETURNING EXPRS (SQLite text): DELETE
 * reads the rows it will delete, with its own FROM and WHERE (and binds);
 * UPDATE reads their rowids so, then each row's values after; INSERT reads
 * its new row's values after (the row named by SQL_RETURNING_ROWID).  Binds
 * among the expressions are numbered after the DML's own, so every query
 * takes the statement's input values by the same numbers.  END is where the
 * DML's text ends in OUT.
 */
static void returning_queries(xlat *x, const char *exprs, int end)
{
    buf b;
    buf_init(&b);
    int command = x->st->command_type;
    if (command == 7) { /* DELETE FROM target [WHERE ...] */
        buf_printf(&b, "SELECT %s FROM ", exprs);
        put_out(x, x->dml_target_at, end, &b);
        x->returning_before = xstrdup(buf_cstr(&b));
    } else {
        if (command == 6) { /* UPDATE target SET ... [WHERE ...] */
            buf_puts(&b, "SELECT ");
            append_ident(&b, x->dml_alias);
            buf_puts(&b, ".rowid FROM ");
            put_out(x, x->dml_target_at, x->dml_set_at, &b);
            if (x->dml_where_at >= 0) put_out(x, x->dml_where_at, end, &b);
            x->returning_before = xstrdup(buf_cstr(&b));
            buf_reset(&b);
        }
        buf_printf(&b, "SELECT %s", exprs);
        put_target(x, &b);
        buf_puts(&b, " WHERE ");
        append_ident(&b, x->dml_alias);
        buf_puts(&b, ".rowid = " SQL_RETURNING_ROWID);
        x->returning_after = xstrdup(buf_cstr(&b));
    }
    buf_free(&b);
}

/* INTO :b1, :b2 ...: as many binds as expressions (ORA-00913 / ORA-00947 otherwise). */
static int returning_binds(xlat *x, int nexprs)
{
    int n = 0;
    if (!at_word(x, "INTO")) return xlat_fail(x, 925, cur(x)); /* missing INTO keyword */
    advance(x);
    for (;;) {
        /* a bind; after a comma anything else ends the statement badly (Oracle: "into :a, name
         * into :b" is ORA-00933) */
        if (cur(x)->type != TK_BIND)
            return xlat_fail(x, n ? ORA_NOT_PROPERLY_ENDED : ORA_MISSING_EXPRESSION, cur(x));
        if (add_bind(x, cur(x)) < 0) return -1; /* counted last: the statement's last binds */
        advance(x);
        n++;
        if (!at_op(x, ",")) break;
        advance(x);
    }
    if (n != nexprs) return xlat_fail(x, n > nexprs ? 913 : 947, cur(x));
    return 0;
}

/* A RETURNING expression that is a parenthesised list - "(id, name)", "(id,)" - is ORA-00907
 * at its comma, as Oracle reads it (one value per expression). */
static int returning_list(xlat *x)
{
    if (!at_op(x, "(") || paren_starts_query(x, 0)) return 0;
    for (int k = 1, depth = 1; depth > 0 && ahead(x, k)->type != TK_EOF; k++) {
        depth += ahead_op(x, k, "(") - ahead_op(x, k, ")");
        if (depth == 1 && ahead_op(x, k, ",")) return xlat_fail(x, ORA_MISSING_RIGHT_PAREN, ahead(x, k));
    }
    return 0;
}

/*
 * [RETURNING | RETURN e1, ... INTO :b1, ...]: the expressions are written
 * as SQLite's, then cut from the DML's text into the queries that read
 * their values (returning_queries); the INTO binds come last.  LOG ERRORS
 * is ORA-03001.
 */
static int dml_tail(xlat *x)
{
    if (at_word(x, "LOG")) return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
    if (!at_word(x, "RETURNING") && !at_word(x, "RETURN")) return 0;
    const sql_token *clause = cur(x);
    if (x->st->command_type == 2 && x->dml_set_at == -2) /* INSERT ... SELECT */
        return xlat_fail(x, ORA_UNIMPLEMENTED, clause);
    advance(x);
    int end = (int)x->out.len, nmap = x->text.nmap, nexprs = 0;
    for (;;) {
        expr_info ei;
        if (returning_list(x) < 0 || parse_expr(x, 0, &ei) < 0) return -1;
        nexprs++;
        if (!at_op(x, ",")) break;
        emit_tok(x);
    }
    buf exprs;
    buf_init(&exprs);
    put_out(x, end, (int)x->out.len, &exprs);
    x->out.len = (size_t)end; /* the DML runs without the clause */
    x->text.nmap = nmap;
    returning_queries(x, buf_cstr(&exprs), end);
    buf_free(&exprs);
    x->nreturning = nexprs;
    return returning_binds(x, nexprs);
}

/* ( expr, ... ): Oracle says "missing comma" when two values touch. */
/* The value for a BY DEFAULT ON NULL identity column, written from AT on: NULL draws a number. */
static void identity_on_null(xlat *x, int at, int off)
{
    char text[64];
    snprintf(text, sizeof text, ", ORA_IDENTITY('%s'))", x->target_identity.key);
    out_insert(x, at, "COALESCE(", off);
    out_text(x, text, off, 0);
}

int parse_values_row(xlat *x)
{
    if (!at_op(x, "(")) return xlat_fail(x, ORA_MISSING_LEFT_PAREN, cur(x));
    emit_tok(x);
    for (int i = 0;; i++) {
        expr_info ei;
        if (at_word(x, "DEFAULT")) return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
        int at = (int)x->out.len, off = cur(x)->off;
        if (i == x->identity_value && x->target_identity.always) return xlat_fail(x, 32795, cur(x));
        if (parse_expr(x, 0, &ei) < 0) return -1;
        if (i == x->identity_value && x->target_identity.on_null) identity_on_null(x, at, off);
        if (at_op(x, ")")) break;
        if (!at_op(x, ",")) return xlat_fail(x, cur(x)->type == TK_EOF ? 907 : 917, cur(x));
        emit_tok(x);
    }
    emit_tok(x);
    return 0;
}

static int parse_insert_source(xlat *x)
{
    if (at_word(x, "VALUES")) {
        emit_tok(x);
        for (;;) {
            if (parse_values_row(x) < 0) return -1;
            if (!at_op(x, ",")) return 0;
            emit_tok(x);
        }
    }
    if (at_word(x, "SELECT") || at_word(x, "WITH") || (at_op(x, "(") && paren_starts_query(x, 1))) {
        x->query_at = (int)x->out.len;
        return parse_query(x, 0);
    }
    return xlat_fail(x, 926, cur(x));
}

int translate_insert(xlat *x)
{
    x->st->command_type = 2;
    emit_tok(x); /* INSERT */
    if (at_word(x, "ALL") || at_word(x, "FIRST")) return translate_insert_all(x);
    if (!at_word(x, "INTO")) return xlat_fail(x, 925, cur(x));
    emit_tok(x);
    if (parse_dml_target(x, 0, 1) < 0) return -1;
    int listed = at_op(x, "(") && !paren_starts_query(x, 1);
    x->identity_value = listed || !x->has_target_identity ? -1 : x->target_identity.position;
    const sql_token *list = cur(x);
    if (listed && parse_column_list(x, 0) < 0) return -1;
    if (!at_word(x, "VALUES")) {
        x->dml_set_at = -2; /* INSERT ... SELECT: no RETURNING */
        if (x->identity_value >= 0 && x->target_identity.always) return xlat_fail(x, 32795, list);
    }
    if (parse_insert_source(x) < 0) return -1;
    return dml_tail(x);
}

/* col = expr | (cols) = (subquery) */
static int parse_assignment(xlat *x)
{
    expr_info ei;
    if (at_op(x, "(")) {
        if (parse_column_list(x, 1) < 0) return -1;
        if (!at_op(x, "=")) return xlat_fail(x, 927, cur(x));
        emit_tok(x);
        if (!at_op(x, "(") || !paren_starts_query(x, 1)) return xlat_fail(x, 928, cur(x));
        return parse_paren(x);
    }
    if (parse_column_target(x, 1) < 0) return -1;
    if (!at_op(x, "=")) return xlat_fail(x, 927, cur(x));
    emit_tok(x);
    if (at_word(x, "DEFAULT")) return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
    return parse_expr(x, 0, &ei);
}

int translate_update(xlat *x)
{
    x->st->command_type = 6;
    emit_tok(x); /* UPDATE */
    if (parse_dml_target(x, 1, 0) < 0) return -1;
    if (!at_word(x, "SET")) return xlat_fail(x, 971, cur(x));
    x->dml_set_at = (int)x->out.len;
    emit_tok(x);
    for (;;) {
        if (parse_assignment(x) < 0) return -1;
        if (!at_op(x, ",")) break;
        emit_tok(x);
    }
    x->dml_where_at = at_word(x, "WHERE") ? (int)x->out.len : -1;
    if (at_word(x, "WHERE") && parse_where(x, NULL) < 0) return -1;
    return dml_tail(x);
}

/* Do tokens [FROM, TO) name the DML target's alias, as alias.column? */
static int names_alias(const xlat *x, int from, int to)
{
    char name[SQL_IDENT_MAX + 1];
    for (int i = from; i + 1 < to; i++) {
        if (!tok_is_name(&x->tok[i]) || !tok_is_op(x->sql, &x->tok[i + 1], ".")) continue;
        tok_name(x->sql, &x->tok[i], name, sizeof name);
        if (!strcmp(name, x->dml_alias)) return 1;
    }
    return 0;
}

/*
 * DELETE FROM "S.T" AS A WHERE cond, where cond names A: SQLite lets no
 * alias of a view be used in DELETE's own WHERE (the session's overlay is a
 * view), so the rows are chosen by rowid in a subquery, where it may:
 * DELETE FROM "S.T" AS A WHERE rowid IN (SELECT A.rowid FROM "S.T" AS A WHERE cond).
 */
static void delete_by_rowid(xlat *x, int where_at, int off)
{
    buf b;
    buf_init(&b);
    buf_puts(&b, "WHERE rowid IN (SELECT ");
    append_ident(&b, x->dml_alias);
    buf_puts(&b, ".rowid FROM");
    put_out(x, x->dml_target_at, where_at, &b);
    buf_puts(&b, " ");
    out_insert(x, where_at, buf_cstr(&b), off);
    out_text(x, ")", off, 0);
    buf_free(&b);
}

int translate_delete(xlat *x)
{
    x->st->command_type = 7;
    emit_tok(x); /* DELETE */
    if (at_word(x, "FROM"))
        emit_tok(x);
    else
        out_text(x, "FROM", cur(x)->off, 1);
    if (parse_dml_target(x, 1, 0) < 0) return -1;
    int where_at = (int)x->out.len, where_tok = x->pos, off = cur(x)->off;
    int where = at_word(x, "WHERE");
    if (where && parse_where(x, NULL) < 0) return -1;
    int where_end = x->pos;
    if (dml_tail(x) < 0) return -1;
    if (where && names_alias(x, where_tok, where_end)) delete_by_rowid(x, where_at, off);
    return 0;
}
