/*
 * plsql_parse_util.c - the compiler's token cursor (looking at, accepting
 * and expecting tokens), reserved words, and how it reports errors: PLS-00103
 * "Encountered the symbol ..." and semantic errors with their line and column.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plsql_parse.h"

const sql_token *pp_tok(const pl_parser *p)
{
    return &p->toks.v[p->pos];
}

const sql_token *pp_peek(const pl_parser *p, int ahead)
{
    int i = p->pos + ahead;
    return &p->toks.v[i < p->toks.n ? i : p->toks.n - 1];
}

int pp_at_word(const pl_parser *p, const char *kw)
{
    return tok_is_word(p->src, pp_tok(p), kw);
}

int pp_peek_word(const pl_parser *p, int ahead, const char *kw)
{
    return tok_is_word(p->src, pp_peek(p, ahead), kw);
}

int pp_at_op(const pl_parser *p, const char *op)
{
    return tok_is_op(p->src, pp_tok(p), op);
}

int pp_peek_op(const pl_parser *p, int ahead, const char *op)
{
    return tok_is_op(p->src, pp_peek(p, ahead), op);
}

static void advance(pl_parser *p)
{
    if (pp_tok(p)->type != TK_EOF) p->pos++;
}

int pp_accept_word(pl_parser *p, const char *kw)
{
    if (!pp_at_word(p, kw)) return 0;
    advance(p);
    return 1;
}

int pp_accept_op(pl_parser *p, const char *op)
{
    if (!pp_at_op(p, op)) return 0;
    advance(p);
    return 1;
}

int pp_expect_word(pl_parser *p, const char *kw, const char *expected)
{
    if (pp_accept_word(p, kw)) return 0;
    return pp_syntax_error(p, expected);
}

int pp_expect_op(pl_parser *p, const char *op, const char *expected)
{
    if (pp_accept_op(p, op)) return 0;
    return pp_syntax_error(p, expected);
}

void pp_name(const pl_parser *p, char out[SQL_IDENT_MAX + 1])
{
    tok_name(p->src, pp_tok(p), out, SQL_IDENT_MAX + 1);
}

/* PL/SQL reserved words: never names of variables. */
static const char *const reserved[] = {
    "ALL",        "ALTER",    "AND",       "ANY",     "AS",        "ASC",       "AT",
    "BEGIN",      "BETWEEN",  "BY",        "CASE",    "CHECK",     "CLUSTER",   "COMPRESS",
    "CONNECT",    "CREATE",   "CURSOR",    "DECLARE", "DEFAULT",   "DESC",      "DISTINCT",
    "DROP",       "ELSE",     "ELSIF",     "END",     "EXCEPTION", "EXCLUSIVE", "FETCH",
    "FOR",        "FROM",     "FUNCTION",  "GOTO",    "GRANT",     "GROUP",     "HAVING",
    "IDENTIFIED", "IF",       "IN",        "INDEX",   "INSERT",    "INTERSECT", "INTO",
    "IS",         "LIKE",     "LOCK",      "LOOP",    "MINUS",     "MODE",      "NOCOMPRESS",
    "NOT",        "NOWAIT",   "NULL",      "OF",      "ON",        "OPTION",    "OR",
    "ORDER",      "OVERLAPS", "PROCEDURE", "PUBLIC",  "RESOURCE",  "REVOKE",    "SELECT",
    "SHARE",      "SIZE",     "SQL",       "START",   "SUBTYPE",   "TABAUTH",   "TABLE",
    "THEN",       "TO",       "TYPE",      "UNION",   "UNIQUE",    "UPDATE",    "VALUES",
    "VIEW",       "VIEWS",    "WHEN",      "WHERE",   "WHILE",     "WITH",
};

int pp_is_reserved(const char *upper_name)
{
    for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++)
        if (strcmp(reserved[i], upper_name) == 0) return 1;
    return 0;
}

int pp_at_name(const pl_parser *p)
{
    const sql_token *t = pp_tok(p);
    if (t->type == TK_QIDENT) return 1;
    if (t->type != TK_WORD) return 0;
    char name[SQL_IDENT_MAX + 1];
    pp_name(p, name);
    return !pp_is_reserved(name);
}

/* The symbol as Oracle names it in PLS-00103: words upper case, literals as written. */
static void symbol_text(const pl_parser *p, char *out, size_t outsz)
{
    const sql_token *t = pp_tok(p);
    if (t->type == TK_EOF) {
        snprintf(out, outsz, "end-of-file");
    } else if (t->type == TK_WORD) {
        char name[SQL_IDENT_MAX + 1];
        pp_name(p, name);
        snprintf(out, outsz, "%s", name);
    } else if (t->type == TK_STRING) {
        char *v = tok_string_value(p->src, t);
        snprintf(out, outsz, "%.60s", v);
        free(v);
    } else {
        snprintf(out, outsz, "%.*s", t->len < 60 ? t->len : 60, p->src + t->off);
    }
}

int pp_syntax_error(pl_parser *p, const char *expected)
{
    if (p->err->code) return -1; /* the first error stands */
    char sym[128];
    symbol_text(p, sym, sizeof sym);
    return pl_compile_error(p->err, p->src, pp_tok(p)->off, 103,
                            "Encountered the symbol \"%s\" when expecting one of the "
                            "following:\n\n   %s",
                            sym, expected);
}

int pp_error(pl_parser *p, int off, int pls, const char *fmt, ...)
{
    if (p->err->code) return -1;
    char text[ORA_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    pl_compile_error(p->err, p->src, off, pls, "%s", text);
    pl_compile_ignored(p->err, p->src, p->stmt_off, p->ignored);
    return -1;
}

int pp_enter(pl_parser *p)
{
    if (++p->depth <= PL_MAX_NEST) return 0;
    if (!p->err->code)
        pl_compile_error(p->err, p->src, pp_tok(p)->off, PLS_TOO_LARGE, "nesting too deep");
    return -1;
}

void pp_leave(pl_parser *p)
{
    p->depth--;
}

int pp_line(pl_parser *p, int off)
{
    if (off < p->line_off) p->line_off = 0, p->line_no = 1;
    for (; p->line_off < off; p->line_off++)
        if (p->src[p->line_off] == '\n') p->line_no++;
    return p->line_no;
}

char *pp_strdup(pl_parser *p, const char *s)
{
    return pl_strndup(&p->prog->arena, s, strlen(s));
}
