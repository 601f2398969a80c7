/*
 * xlat_json.c - Oracle's SQL/JSON conditions and functions, rewritten as
 * calls of the functions src/engine/ora_fn_json.c registers:
 *
 *   e IS [NOT] JSON [STRICT|LAX] [ALLOW|DISALLOW SCALARS]
 *       -> ORA_IS_JSON(e, flags)
 *   JSON_EXISTS(e, path [TRUE|FALSE|ERROR ON ERROR])
 *       -> ORA_JSON_EXISTS(e, path, flags)
 *   JSON_VALUE(e, path [RETURNING type] [NULL|ERROR ON ERROR] [NULL|ERROR ON EMPTY])
 *       -> [ORA_CAST(]ORA_JSON_VALUE(e, path, flags)[, 'type')]
 *   JSON_QUERY(e, path [RETURNING type] [WITH [CONDITIONAL|UNCONDITIONAL] [ARRAY] WRAPPER |
 *              WITHOUT [ARRAY] WRAPPER] [NULL|ERROR ON ERROR] [NULL|ERROR ON EMPTY])
 *       -> ORA_JSON_QUERY(e, path, flags)
 *   JSON_OBJECT([KEY] k VALUE|IS v [FORMAT JSON], ... [NULL|ABSENT ON NULL] [RETURNING type])
 *       -> ORA_JSON_OBJECT(k, v, ..., flags)
 *   JSON_ARRAY(v [FORMAT JSON], ... [NULL|ABSENT ON NULL] [RETURNING type])
 *       -> ORA_JSON_ARRAY(v, ..., flags)
 * where `v FORMAT JSON` becomes ORA_JSON_FORMAT(v) (a value that is JSON
 * text already, embedded as such) and the flags (ORA_JSON_* in
 * translate.h) carry the clauses.  A clause Warden does not do (DEFAULT
 * ... ON ERROR, WITH UNIQUE KEYS, PRETTY ...) and JSON_TABLE, JSON_SERIALIZE,
 * JSON_MERGEPATCH, JSON_TRANSFORM, JSON_ARRAYAGG, JSON_OBJECTAGG are
 * ORA-03001.
 */
#include "xlat.h"

#include <stdio.h>
#include <string.h>


static const char *const unimplemented[] = {"JSON_TABLE",     "JSON_SERIALIZE", "JSON_MERGEPATCH",
                                            "JSON_TRANSFORM", "JSON_ARRAYAGG",  "JSON_OBJECTAGG",
                                            "JSON_SCALAR",    NULL};

/* WORD1 [WORD2 [WORD3]] at the cursor: consumed (unwritten) when all are there. */
static int take_words(xlat *x, const char *w1, const char *w2, const char *w3)
{
    if (!at_word(x, w1) || (w2 && !ahead_word(x, 1, w2)) || (w3 && !ahead_word(x, 2, w3)))
        return 0;
    int n = 1 + (w2 != NULL) + (w3 != NULL);
    while (n--) advance(x);
    return 1;
}

/* [NULL|ERROR] ON ERROR and [NULL|ERROR] ON EMPTY, in either order, into *FLAGS. */
static int on_error_clauses(xlat *x, int *flags)
{
    for (;;) {
        if (take_words(x, "NULL", "ON", "ERROR") || take_words(x, "NULL", "ON", "EMPTY")) continue;
        if (take_words(x, "ERROR", "ON", "ERROR")) {
            *flags |= ORA_JSON_ERROR_ON_ERROR;
        } else if (take_words(x, "ERROR", "ON", "EMPTY")) {
            *flags |= ORA_JSON_ERROR_ON_EMPTY;
        } else if (at_word(x, "DEFAULT") || at_word(x, "EMPTY")) {
            return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
        } else {
            return 0;
        }
    }
}

/* RETURNING type: the type's text ("NUMBER", "VARCHAR2(20)") into TYPE, unwritten. */
static int returning_clause(xlat *x, buf *type)
{
    if (!at_word(x, "RETURNING")) return 0;
    advance(x);
    if (cur(x)->type != TK_WORD) return xlat_fail(x, 902, cur(x));
    char word[SQL_IDENT_MAX + 1];
    tok_name(x->sql, cur(x), word, sizeof word);
    buf_puts(type, word);
    advance(x);
    if (!at_op(x, "(")) return 0;
    for (; !at_op(x, ")"); advance(x)) {
        const sql_token *t = cur(x);
        if (t->type == TK_EOF) return xlat_fail(x, ORA_MISSING_RIGHT_PAREN, t);
        if (t->type == TK_WORD) continue; /* BYTE, CHAR */
        buf_printf(type, "%.*s", t->len, x->sql + t->off);
    }
    advance(x);
    buf_putc(type, ')');
    return 0;
}

/* ", flags)" at the call's ")" and, with a RETURNING type, the ORA_CAST around the call written
 * from START. */
static int close_call(xlat *x, int start, int flags, buf *type)
{
    char tail[32];
    snprintf(tail, sizeof tail, ", %d", flags);
    out_text(x, tail, cur(x)->off, 0);
    if (expect_op(x, ")", ORA_MISSING_RIGHT_PAREN) < 0) return -1;
    if (!type->len) return 0;
    out_insert(x, start, "ORA_CAST(", cur(x)->off);
    buf cast;
    buf_init(&cast);
    buf_printf(&cast, ", '%s')", buf_cstr(type));
    out_text(x, buf_cstr(&cast), cur(x)->off, 0);
    buf_free(&cast);
    return 0;
}

/* "NAME(e, path" of JSON_EXISTS / JSON_VALUE / JSON_QUERY, written as FN(e, path. */
static int document_and_path(xlat *x, const char *fn)
{
    expr_info ei;
    out_text(x, fn, cur(x)->off, cur(x)->space_before);
    advance(x), advance(x);
    if (parse_expr(x, 0, &ei) < 0) return -1;
    take_words(x, "FORMAT", "JSON", NULL);
    if (!at_op(x, ",")) return xlat_fail(x, 907, cur(x));
    emit_tok(x);
    return parse_expr(x, 0, &ei);
}

static int parse_json_exists(xlat *x)
{
    if (document_and_path(x, "ORA_JSON_EXISTS(") < 0) return -1;
    int flags = 0;
    if (take_words(x, "ERROR", "ON", "ERROR")) flags |= ORA_JSON_ERROR_ON_ERROR;
    else if (take_words(x, "TRUE", "ON", "ERROR")) flags |= ORA_JSON_TRUE_ON_ERROR;
    else take_words(x, "FALSE", "ON", "ERROR");
    if (at_word(x, "PASSING")) return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
    buf none = {0};
    return close_call(x, 0, flags, &none);
}

/* WITH [CONDITIONAL|UNCONDITIONAL] [ARRAY] WRAPPER | WITHOUT [ARRAY] WRAPPER */
static int wrapper_clause(xlat *x, int *flags)
{
    int with = at_word(x, "WITH");
    if (!with && !at_word(x, "WITHOUT")) return 0;
    advance(x);
    if (with && take_words(x, "CONDITIONAL", NULL, NULL)) *flags |= ORA_JSON_CONDITIONAL;
    else if (with) take_words(x, "UNCONDITIONAL", NULL, NULL);
    take_words(x, "ARRAY", NULL, NULL);
    if (!take_words(x, "WRAPPER", NULL, NULL)) return xlat_fail(x, 905, cur(x));
    if (with) *flags |= ORA_JSON_WRAPPER;
    return 0;
}

/* JSON_VALUE and JSON_QUERY (QUERY). */
static int parse_json_value(xlat *x, int query)
{
    int start = (int)x->out.len, flags = 0, rc = 0;
    if (document_and_path(x, query ? "ORA_JSON_QUERY(" : "ORA_JSON_VALUE(") < 0) return -1;
    buf type;
    buf_init(&type);
    rc = returning_clause(x, &type);
    if (rc == 0 && query) rc = wrapper_clause(x, &flags);
    if (rc == 0 && (at_word(x, "PRETTY") || at_word(x, "ASCII") || at_word(x, "TRUNCATE")))
        rc = xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
    if (rc == 0) rc = on_error_clauses(x, &flags);
    if (rc == 0 && query && type.len) buf_reset(&type); /* VARCHAR2 or CLOB: the JSON text */
    if (rc == 0) rc = close_call(x, start, flags, &type);
    buf_free(&type);
    return rc;
}

/* A value of JSON_OBJECT / JSON_ARRAY, with its FORMAT JSON, which a column with an IS JSON
 * check constraint has without saying so (as in Oracle). */
static int json_member_value(xlat *x)
{
    expr_info ei;
    int start = (int)x->out.len, off = cur(x)->off, first = x->pos;
    if (parse_expr(x, EXPR_STOP_IS, &ei) < 0) return -1;
    if (ei.is_column && !at_word(x, "FORMAT") && !column_ref_is_json(x, first))
        number_of_text(x, start, off, ei.type, 0, 1); /* a NUMBER column: a number, not text */
    if (take_words(x, "FORMAT", "JSON", NULL) || (ei.is_column && column_ref_is_json(x, first))) {
        out_insert(x, start, "ORA_JSON_FORMAT(", off);
        out_text(x, ")", cur(x)->off, 0);
    }
    return 0;
}

/* The ON NULL, RETURNING, STRICT and UNIQUE KEYS clauses at the end of JSON_OBJECT / JSON_ARRAY,
 * and its ", flags)". */
static int constructor_end(xlat *x, int flags, int first)
{
    if (take_words(x, "NULL", "ON", "NULL")) flags |= ORA_JSON_NULL_ON_NULL;
    else if (take_words(x, "ABSENT", "ON", "NULL")) flags &= ~ORA_JSON_NULL_ON_NULL;
    buf type;
    buf_init(&type);
    int rc = returning_clause(x, &type); /* VARCHAR2 or CLOB: the JSON text */
    buf_free(&type);
    if (rc < 0) return -1;
    take_words(x, "STRICT", NULL, NULL);
    if (at_word(x, "WITH")) return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
    char tail[16];
    snprintf(tail, sizeof tail, "%s%d", first ? "" : ", ", flags);
    out_text(x, tail, cur(x)->off, 0);
    return expect_op(x, ")", ORA_MISSING_RIGHT_PAREN);
}

static int at_constructor_end(const xlat *x)
{
    return at_op(x, ")") || ((at_word(x, "NULL") || at_word(x, "ABSENT")) && ahead_word(x, 1, "ON")) ||
           at_word(x, "RETURNING") || at_word(x, "STRICT") || at_word(x, "WITH");
}

/* JSON_OBJECT([KEY] k VALUE|IS v, ...): keys and values alternate in the call. */
static int parse_json_object(xlat *x)
{
    out_text(x, "ORA_JSON_OBJECT(", cur(x)->off, cur(x)->space_before);
    advance(x), advance(x);
    int first = 1;
    while (!at_constructor_end(x)) {
        expr_info ei;
        if (!first) emit_tok(x); /* , */
        take_words(x, "KEY", NULL, NULL);
        if (parse_expr(x, EXPR_STOP_IS, &ei) < 0) return -1;
        if (!at_word(x, "VALUE") && !at_word(x, "IS")) return xlat_fail(x, 905, cur(x));
        replace_tok(x, ",");
        if (json_member_value(x) < 0) return -1;
        first = 0;
        if (!at_op(x, ",")) break;
    }
    return constructor_end(x, ORA_JSON_NULL_ON_NULL, first);
}

/* JSON_ARRAY(v, ...): ABSENT ON NULL unless told otherwise. */
static int parse_json_array(xlat *x)
{
    out_text(x, "ORA_JSON_ARRAY(", cur(x)->off, cur(x)->space_before);
    advance(x), advance(x);
    int first = 1;
    while (!at_constructor_end(x)) {
        if (!first) emit_tok(x); /* , */
        if (json_member_value(x) < 0) return -1;
        first = 0;
        if (!at_op(x, ",")) break;
    }
    return constructor_end(x, 0, first);
}

int parse_json_call(xlat *x, const char *fname)
{
    if (!ahead_op(x, 1, "(")) return 1;
    if (!strcmp(fname, "JSON_EXISTS")) return parse_json_exists(x);
    if (!strcmp(fname, "JSON_VALUE")) return parse_json_value(x, 0);
    if (!strcmp(fname, "JSON_QUERY")) return parse_json_value(x, 1);
    if (!strcmp(fname, "JSON_OBJECT")) return parse_json_object(x);
    if (!strcmp(fname, "JSON_ARRAY")) return parse_json_array(x);
    for (int i = 0; unimplemented[i]; i++)
        if (!strcmp(fname, unimplemented[i])) return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
    return 1;
}

int parse_is_json(xlat *x, int start, int start_off)
{
    int flags = 0;
    advance(x); /* IS */
    if (at_word(x, "NOT")) {
        advance(x);
        flags |= ORA_JSON_NOT;
    }
    advance(x); /* JSON */
    take_words(x, "FORMAT", "JSON", NULL);
    if (take_words(x, "STRICT", NULL, NULL)) flags |= ORA_JSON_STRICT;
    else take_words(x, "LAX", NULL, NULL);
    if (take_words(x, "ALLOW", "SCALARS", NULL)) flags |= ORA_JSON_SCALARS;
    else take_words(x, "DISALLOW", "SCALARS", NULL);
    if (take_words(x, "WITH", "UNIQUE", "KEYS")) return xlat_fail(x, ORA_UNIMPLEMENTED, ahead(x, -3));
    take_words(x, "WITHOUT", "UNIQUE", "KEYS");
    out_insert(x, start, "ORA_IS_JSON(", start_off);
    char tail[16];
    snprintf(tail, sizeof tail, ", %d)", flags);
    out_text(x, tail, cur(x)->off, 0);
    return 0;
}
