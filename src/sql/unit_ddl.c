/*
 * unit_ddl.c - CREATE and DROP of stored procedures and functions, as the
 * server needs them: CREATE [OR REPLACE] [EDITIONABLE | NONEDITIONABLE]
 * PROCEDURE | FUNCTION keeps the text from PROCEDURE / FUNCTION on (the
 * unit's source, which the PL/SQL compiler reads, USER_SOURCE shows and a
 * call compiles); DROP PROCEDURE | FUNCTION [schema.]name names the unit.
 * Packages, types and triggers are ORA-03001 until Warden has them.
 */
#include <string.h>

#include "../common/buf.h"
#include "lexer.h"
#include "translate.h"

#define UNIT_LOOKAHEAD 8

/* The first tokens of SQL into T (EOF tokens past its end). */
static int first_tokens(const char *sql, sql_token *t, ora_error *err)
{
    sql_lexer lx;
    sql_lexer_init(&lx, sql, (int)strlen(sql));
    for (int i = 0; i < UNIT_LOOKAHEAD; i++)
        if (sql_lex_next(&lx, &t[i], err) < 0) return -1;
    return 0;
}

static int is_word(const char *sql, const sql_token *t, const char *kw)
{
    return tok_is_word(sql, t, kw);
}

/* CREATE ...: T[I] is past CREATE [OR REPLACE]. */
static int create_unit(const char *sql, const sql_token *t, int i, int or_replace, sql_stmt *st,
                       ora_error *err, int *handled)
{
    if (is_word(sql, &t[i], "EDITIONABLE") || is_word(sql, &t[i], "NONEDITIONABLE")) i++;
    int function = is_word(sql, &t[i], "FUNCTION");
    if (!function && !is_word(sql, &t[i], "PROCEDURE")) {
        static const char *const later[] = {"PACKAGE", "TRIGGER", "TYPE", "LIBRARY", NULL};
        for (int k = 0; later[k]; k++)
            if (is_word(sql, &t[i], later[k])) return ora_set(err, ORA_UNIMPLEMENTED, t[i].off);
        *handled = 0; /* CREATE TABLE ... : not ours */
        return 0;
    }
    st->kind = SQLK_CREATE_UNIT;
    st->command_type = function ? 91 : 24;
    int end = (int)strlen(sql);
    while (end > t[i].off && strchr(" \t\r\n/", sql[end - 1])) end--; /* wsql's "/" line */
    st->unit.text = xstrndup(sql + t[i].off, (size_t)(end - t[i].off));
    st->unit.is_function = function;
    st->unit.or_replace = or_replace;
    return 0;
}

/* DROP PROCEDURE | FUNCTION [schema.]name */
static int drop_unit(const char *sql, const sql_token *t, sql_stmt *st, ora_error *err)
{
    int function = is_word(sql, &t[1], "FUNCTION");
    st->kind = SQLK_DROP_UNIT;
    st->command_type = function ? 92 : 68;
    st->unit.is_function = function;
    if (!tok_is_name(&t[2])) return ora_set(err, 903, t[2].off); /* invalid table name */
    char a[SQL_IDENT_MAX + 1], b[SQL_IDENT_MAX + 1];
    tok_name(sql, &t[2], a, sizeof a);
    int next = 3;
    if (tok_is_op(sql, &t[3], ".") && tok_is_name(&t[4])) {
        tok_name(sql, &t[4], b, sizeof b);
        st->unit.owner = xstrdup(a);
        st->unit.name = xstrdup(b);
        next = 5;
    } else {
        st->unit.name = xstrdup(a);
    }
    if (tok_is_op(sql, &t[next], ";")) next++;
    if (t[next].type != TK_EOF) return ora_set(err, 933, t[next].off); /* not properly ended */
    return 0;
}

int sql_unit_statement(const char *sql, sql_stmt *st, ora_error *err, int *handled)
{
    sql_token t[UNIT_LOOKAHEAD];
    *handled = 0;
    if (first_tokens(sql, t, err) < 0) return -1;
    if (is_word(sql, &t[0], "DROP")) {
        if (!is_word(sql, &t[1], "PROCEDURE") && !is_word(sql, &t[1], "FUNCTION")) return 0;
        *handled = 1;
        return drop_unit(sql, t, st, err);
    }
    if (!is_word(sql, &t[0], "CREATE")) return 0;
    int i = 1, or_replace = 0;
    if (is_word(sql, &t[1], "OR") && is_word(sql, &t[2], "REPLACE")) i = 3, or_replace = 1;
    *handled = 1;
    return create_unit(sql, t, i, or_replace, st, err, handled);
}
