/*
 * unit_ddl.c - CREATE and DROP of stored PL/SQL units, as the server needs
 * them: CREATE [OR REPLACE] [EDITIONABLE | NONEDITIONABLE] PROCEDURE |
 * FUNCTION | PACKAGE | PACKAGE BODY keeps the text from PROCEDURE / FUNCTION
 * / PACKAGE on (the unit's source, which the PL/SQL compiler reads,
 * USER_SOURCE shows and a call compiles); DROP PROCEDURE | FUNCTION |
 * PACKAGE [BODY] [schema.]name names the unit, and ALTER ... COMPILE names
 * the unit compiled again.  Types, triggers and libraries are ORA-03001
 * until Warden has them.
 */
#include <string.h>

#include "../common/buf.h"
#include "lexer.h"
#include "translate.h"

#define UNIT_LOOKAHEAD 14

const char *const sql_unit_type_names[] = {"PROCEDURE", "FUNCTION", "PACKAGE", "PACKAGE BODY"};

/* Oracle's command types (V$SQLCOMMAND) of CREATE and DROP of each kind of unit. */
static const int create_command[] = {24, 91, 94, 97};
static const int drop_command[] = {68, 93, 96, 99};
static const int alter_command[] = {25, 92, 95, 98};

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

/* The kind of unit T[*I] starts (PACKAGE BODY: two words, *I moves past the first), or -1. */
static int unit_type(const char *sql, const sql_token *t, int *i)
{
    if (is_word(sql, &t[*i], "PROCEDURE")) return SQL_UNIT_PROCEDURE;
    if (is_word(sql, &t[*i], "FUNCTION")) return SQL_UNIT_FUNCTION;
    if (!is_word(sql, &t[*i], "PACKAGE")) return -1;
    if (!is_word(sql, &t[*i + 1], "BODY")) return SQL_UNIT_PACKAGE;
    ++*i;
    return SQL_UNIT_PACKAGE_BODY;
}

/* CREATE ...: T[I] is past CREATE [OR REPLACE]. */
static int create_unit(const char *sql, const sql_token *t, int i, int or_replace, sql_stmt *st,
                       ora_error *err, int *handled)
{
    if (is_word(sql, &t[i], "EDITIONABLE") || is_word(sql, &t[i], "NONEDITIONABLE")) i++;
    int from = t[i].off, type = unit_type(sql, t, &i);
    if (type < 0) {
        static const char *const later[] = {"TRIGGER", "TYPE", "LIBRARY", NULL};
        for (int k = 0; later[k]; k++)
            if (is_word(sql, &t[i], later[k])) return ora_set(err, ORA_UNIMPLEMENTED, t[i].off);
        *handled = 0; /* CREATE TABLE ... : not ours */
        return 0;
    }
    st->kind = SQLK_CREATE_UNIT;
    st->command_type = create_command[type];
    int end = (int)strlen(sql);
    while (end > from && strchr(" \t\r\n/", sql[end - 1])) end--; /* wsql's "/" line */
    st->unit.text = xstrndup(sql + from, (size_t)(end - from));
    st->unit.type = (sql_unit_type)type;
    st->unit.or_replace = or_replace;
    return 0;
}

/* [schema.]name at T[I] into ST: the index after it, or -1 with ERR. */
static int unit_name_at(const char *sql, const sql_token *t, int i, sql_stmt *st, ora_error *err)
{
    if (!tok_is_name(&t[i])) return ora_set(err, 903, t[i].off); /* invalid table name */
    char a[SQL_IDENT_MAX + 1], b[SQL_IDENT_MAX + 1];
    tok_name(sql, &t[i], a, sizeof a);
    if (!tok_is_op(sql, &t[i + 1], ".") || !tok_is_name(&t[i + 2])) {
        st->unit.name = xstrdup(a);
        return i + 1;
    }
    tok_name(sql, &t[i + 2], b, sizeof b);
    st->unit.owner = xstrdup(a);
    st->unit.name = xstrdup(b);
    return i + 3;
}

/* [;] and the end of the text at T[I]. */
static int statement_end(const char *sql, const sql_token *t, int i, ora_error *err)
{
    if (tok_is_op(sql, &t[i], ";")) i++;
    return t[i].type == TK_EOF ? 0 : ora_set(err, 933, t[i].off); /* not properly ended */
}

/* DROP PROCEDURE | FUNCTION | PACKAGE [BODY] [schema.]name: T[I] is the name. */
static int drop_unit(const char *sql, const sql_token *t, int type, int i, sql_stmt *st,
                     ora_error *err)
{
    st->kind = SQLK_DROP_UNIT;
    st->command_type = drop_command[type];
    st->unit.type = (sql_unit_type)type;
    int next = unit_name_at(sql, t, i, st, err);
    return next < 0 ? -1 : statement_end(sql, t, next, err);
}

/* ALTER PROCEDURE | FUNCTION | PACKAGE [BODY] [schema.]name COMPILE [PACKAGE | SPECIFICATION |
 * BODY] [DEBUG] [REUSE SETTINGS]: T[I] is the name. */
static int alter_unit(const char *sql, const sql_token *t, int type, int i, sql_stmt *st,
                      ora_error *err)
{
    st->kind = SQLK_ALTER_UNIT;
    st->command_type = alter_command[type];
    st->unit.type = (sql_unit_type)type;
    if ((i = unit_name_at(sql, t, i, st, err)) < 0) return -1;
    if (is_word(sql, &t[i], "EDITIONABLE") || is_word(sql, &t[i], "NONEDITIONABLE"))
        return ora_set(err, ORA_UNIMPLEMENTED, t[i].off);
    if (!is_word(sql, &t[i], "COMPILE")) return ora_set(err, 922, t[i].off);
    i++;
    if (type == SQL_UNIT_PACKAGE && is_word(sql, &t[i], "BODY"))
        st->unit.type = SQL_UNIT_PACKAGE_BODY, i++;
    else if (type == SQL_UNIT_PACKAGE && is_word(sql, &t[i], "SPECIFICATION"))
        st->unit.spec_only = 1, i++;
    else if (type == SQL_UNIT_PACKAGE && is_word(sql, &t[i], "PACKAGE"))
        i++;
    if (is_word(sql, &t[i], "DEBUG")) i++;
    if (is_word(sql, &t[i], "REUSE") && is_word(sql, &t[i + 1], "SETTINGS")) i += 2;
    return statement_end(sql, t, i, err);
}

int sql_unit_statement(const char *sql, sql_stmt *st, ora_error *err, int *handled)
{
    sql_token t[UNIT_LOOKAHEAD];
    *handled = 0;
    if (first_tokens(sql, t, err) < 0) return -1;
    if (is_word(sql, &t[0], "DROP") || is_word(sql, &t[0], "ALTER")) {
        int i = 1, type = unit_type(sql, t, &i);
        if (type < 0) return 0;
        *handled = 1;
        return is_word(sql, &t[0], "DROP") ? drop_unit(sql, t, type, i + 1, st, err)
                                            : alter_unit(sql, t, type, i + 1, st, err);
    }
    if (!is_word(sql, &t[0], "CREATE")) return 0;
    int i = 1, or_replace = 0;
    if (is_word(sql, &t[1], "OR") && is_word(sql, &t[2], "REPLACE")) i = 3, or_replace = 1;
    *handled = 1;
    return create_unit(sql, t, i, or_replace, st, err, handled);
}
