/*
 * xlat_dml.c - INSERT, UPDATE and DELETE, rewritten for SQLite.
 *
 * The target table gets its SQLite name and, for UPDATE and DELETE, an alias
 * (SQLite wants AS there) so "emp.sal" keeps working.  Qualified column
 * names in INSERT column lists and SET targets lose their qualifier, which
 * SQLite does not accept there.
 */
#include "xlat.h"

/* The INSERT target QN as the context wants it written (a staging table), or itself. */
static void emit_insert_target(xlat *x, const qname *qn)
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

/* [schema.]table [alias] -> "S.T" [AS alias]; DEFAULT_ALIAS: alias it by its bare name.
 * INSERTING: the target of an INSERT, which the context may redirect. */
static int parse_dml_target(xlat *x, int default_alias, int inserting)
{
    qname qn;
    if (read_qname(x, &qn) < 0) return xlat_fail(x, ORA_INVALID_TABLE_NAME, cur(x));
    if (at_op(x, "@") || at_word(x, "PARTITION")) return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
    set_object(x, &qn);
    if (inserting) emit_insert_target(x, &qn);
    else emit_object(x, &qn, 1);
    if (at_name(x)) {
        char alias[SQL_IDENT_MAX + 1];
        tok_name(x->sql, cur(x), alias, sizeof alias);
        out_text(x, "AS", cur(x)->off, 1);
        emit_ident(x, alias, cur(x)->off, 1);
        advance(x);
    } else if (default_alias && !name_is_global(x, &qn)) {
        out_text(x, "AS", qn.off, 1);
        emit_ident(x, qn.name, qn.off, 1);
    }
    return 0;
}

/* A column written as [t.]col: only the column name is written. */
static int parse_column_target(xlat *x)
{
    if (!tok_is_name(cur(x))) return fail_identifier(x, cur(x));
    while (ahead_op(x, 1, ".") && tok_is_name(ahead(x, 2)))
        advance(x), advance(x);
    char name[SQL_IDENT_MAX + 1];
    tok_name(x->sql, cur(x), name, sizeof name);
    emit_ident(x, name, cur(x)->off, cur(x)->space_before);
    advance(x);
    return 0;
}

static int parse_column_list(xlat *x)
{
    emit_tok(x); /* ( */
    for (;;) {
        if (parse_column_target(x) < 0) return -1;
        if (!at_op(x, ",")) break;
        emit_tok(x);
    }
    return expect_op(x, ")", ORA_MISSING_RIGHT_PAREN);
}

static int unsupported_dml_tail(xlat *x)
{
    if (at_word(x, "RETURNING") || at_word(x, "RETURN") || at_word(x, "LOG"))
        return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
    return 0;
}

/* ( expr, ... ): Oracle says "missing comma" when two values touch. */
static int parse_values_row(xlat *x)
{
    if (!at_op(x, "(")) return xlat_fail(x, ORA_MISSING_LEFT_PAREN, cur(x));
    emit_tok(x);
    for (;;) {
        expr_info ei;
        if (at_word(x, "DEFAULT")) return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
        if (parse_expr(x, 0, &ei) < 0) return -1;
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
    if (at_word(x, "SELECT") || at_word(x, "WITH") || (at_op(x, "(") && paren_starts_query(x, 1)))
        return parse_query(x, 0);
    return xlat_fail(x, 926, cur(x));
}

int translate_insert(xlat *x)
{
    x->st->command_type = 2;
    emit_tok(x); /* INSERT */
    if (at_word(x, "ALL") || at_word(x, "FIRST")) return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
    if (!at_word(x, "INTO")) return xlat_fail(x, 925, cur(x));
    emit_tok(x);
    if (parse_dml_target(x, 0, 1) < 0) return -1;
    if (at_op(x, "(") && !paren_starts_query(x, 1) && parse_column_list(x) < 0) return -1;
    if (parse_insert_source(x) < 0) return -1;
    return unsupported_dml_tail(x);
}

/* col = expr | (cols) = (subquery) */
static int parse_assignment(xlat *x)
{
    expr_info ei;
    if (at_op(x, "(")) {
        if (parse_column_list(x) < 0) return -1;
        if (!at_op(x, "=")) return xlat_fail(x, 927, cur(x));
        emit_tok(x);
        if (!at_op(x, "(") || !paren_starts_query(x, 1)) return xlat_fail(x, 928, cur(x));
        return parse_paren(x);
    }
    if (parse_column_target(x) < 0) return -1;
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
    emit_tok(x);
    for (;;) {
        if (parse_assignment(x) < 0) return -1;
        if (!at_op(x, ",")) break;
        emit_tok(x);
    }
    if (at_word(x, "WHERE") && parse_where(x, NULL) < 0) return -1;
    return unsupported_dml_tail(x);
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
    if (at_word(x, "WHERE") && parse_where(x, NULL) < 0) return -1;
    return unsupported_dml_tail(x);
}
