/*
 * plsql_parse_decl.c - declarative parts (a block's DECLARE section, a
 * subprogram's, a package's): variables and constants with their types
 * (NUMBER(p,s), VARCHAR2(n), DATE, BOOLEAN, PLS_INTEGER, x%TYPE ...),
 * exceptions, PRAGMA EXCEPTION_INIT, CURSOR c IS SELECT, and subprograms
 * (plsql_subprograms.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plsql_parse.h"

#define NUMBER_MAX_PRECISION 38
#define RESTRICTION_TEXT "implementation restriction (may be temporary) "

/* An integer literal in a type into *OUT: 0, or -1 (with PLS-PLS: MSG) outside LO..HI. */
static int type_integer(pl_parser *p, int lo, int hi, int pls, const char *msg, int *out)
{
    const sql_token *t = pp_tok(p);
    int neg = 0;
    if (pp_at_op(p, "-")) {
        neg = 1;
        p->pos++;
        t = pp_tok(p);
    }
    if (t->type != TK_NUMBER) return pp_syntax_error(p, "<an integer>");
    long v = t->len > 7 ? 10000000 : strtol(p->src + t->off, NULL, 10);
    if (neg) v = -v;
    if (v < lo || v > hi) return pp_error(p, t->off, pls, "%s", msg);
    p->pos++;
    *out = (int)v;
    return 0;
}

/* NUMBER [(p|* [, s])] */
static int number_type(pl_parser *p, pl_type *t)
{
    t->kind = TY_NUMBER;
    if (!pp_accept_op(p, "(")) return 0;
    if (pp_accept_op(p, "*")) {
        t->precision = NUMBER_MAX_PRECISION;
    } else {
        if (type_integer(p, 1, NUMBER_MAX_PRECISION, 216,
                         "NUMBER precision constraint must be in range (1 .. 38)",
                         &t->precision) < 0)
            return -1;
    }
    if (pp_accept_op(p, ",") &&
        type_integer(p, -84, 127, 217, "NUMBER scale constraint must be in range (-84 .. 127)",
                     &t->scale) < 0)
        return -1;
    return pp_expect_op(p, ")", ", )");
}

/* VARCHAR2(n [BYTE|CHAR]), CHAR[(n)] */
static int string_type(pl_parser *p, pl_type *t, pl_type_kind kind)
{
    t->kind = kind;
    t->length = 1;
    if (p->param_types) { /* a parameter takes its caller's value's length */
        t->length = PL_MAX_TEXT;
        t->unconstrained = 1;
        return 0;
    }
    if (!pp_at_op(p, "(")) {
        if (kind == TY_CHAR) return 0;
        return pp_error(p, pp_tok(p)->off, 215,
                        "String length constraints must be in range (1 .. 32767)");
    }
    p->pos++;
    if (type_integer(p, 1, PL_MAX_TEXT, 215,
                     "String length constraints must be in range (1 .. 32767)", &t->length) < 0)
        return -1;
    if (pp_accept_word(p, "CHAR"))
        t->char_units = 1;
    else
        pp_accept_word(p, "BYTE");
    return pp_expect_op(p, ")", ")");
}

/* TIMESTAMP [(n)] [WITH [LOCAL] TIME ZONE]: 6 digits by default, a parameter's 9 (it takes its
 * caller's value as it is). */
static int timestamp_type(pl_parser *p, pl_type *t)
{
    t->kind = TY_TIMESTAMP;
    t->frac_digits = p->param_types ? 9 : 6;
    if (pp_accept_op(p, "(") &&
        (type_integer(p, 0, 9, 999, RESTRICTION_TEXT "TIMESTAMP precision", &t->frac_digits) < 0 ||
         pp_expect_op(p, ")", ")") < 0))
        return -1;
    if (!pp_accept_word(p, "WITH")) return 0;
    t->zone = pp_accept_word(p, "LOCAL") ? 2 : 1;
    if (pp_expect_word(p, "TIME", "time") < 0) return -1;
    return pp_expect_word(p, "ZONE", "zone");
}

/* "(n)" after an interval's field, 0..9, into *N (else it keeps its default). */
static int interval_digits(pl_parser *p, int *n)
{
    if (!pp_accept_op(p, "(")) return 0;
    if (type_integer(p, 0, 9, 999, RESTRICTION_TEXT "INTERVAL precision", n) < 0) return -1;
    return pp_expect_op(p, ")", ")");
}

/* INTERVAL YEAR[(p)] TO MONTH, INTERVAL DAY[(p)] TO SECOND[(f)]: p (2 by default; a parameter's
 * 9) as precision, f (6; 9) as scale. */
static int interval_type(pl_parser *p, pl_type *t)
{
    t->kind = TY_INTERVAL;
    t->precision = p->param_types ? 9 : 2;
    t->scale = p->param_types ? 9 : 6;
    t->year_month = pp_at_word(p, "YEAR");
    if (!t->year_month && !pp_at_word(p, "DAY")) return pp_syntax_error(p, "year day");
    p->pos++;
    if (interval_digits(p, &t->precision) < 0 || pp_expect_word(p, "TO", "to") < 0) return -1;
    if (pp_expect_word(p, t->year_month ? "MONTH" : "SECOND", t->year_month ? "month" : "second") <
        0)
        return -1;
    return t->year_month ? 0 : interval_digits(p, &t->scale);
}

/* RAW(n) (a parameter: RAW), BLOB: bytes up to N (a BLOB: as long as a PL/SQL value). */
static int raw_type(pl_parser *p, pl_type *t, int blob)
{
    t->kind = TY_RAW;
    t->length = blob ? PL_MAX_LOB : PL_MAX_TEXT;
    t->lob = blob;
    if (blob || p->param_types) return 0;
    if (!pp_at_op(p, "("))
        return pp_error(p, pp_tok(p)->off, 215,
                        "String length constraints must be in range (1 .. 32767)");
    p->pos++;
    if (type_integer(p, 1, PL_MAX_TEXT, 215,
                     "String length constraints must be in range (1 .. 32767)", &t->length) < 0)
        return -1;
    return pp_expect_op(p, ")", ")");
}

static int name_in(const char *name, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(*list, name) == 0) return 1;
    return 0;
}

static const char *const number_names[] = {"NUMBER", "NUMERIC", "DECIMAL", "DEC", NULL};
static const char *const integer_names[] = {"INTEGER", "INT", "SMALLINT", NULL};
static const char *const pls_names[] = {"PLS_INTEGER", "BINARY_INTEGER", "SIMPLE_INTEGER",
                                        "NATURAL",     "NATURALN",       "POSITIVE",
                                        "POSITIVEN",   "SIGNTYPE",       NULL};
static const char *const float_names[] = {"FLOAT", "REAL", "BINARY_FLOAT", "BINARY_DOUBLE", NULL};
static const char *const varchar_names[] = {"VARCHAR2", "VARCHAR", "NVARCHAR2", "STRING", NULL};
static const char *const char_names[] = {"CHAR", "NCHAR", "CHARACTER", NULL};
static const char *const lob_names[] = {"CLOB", "NCLOB", "LONG", NULL};

/* table%ROWTYPE or cursor%ROWTYPE (the current token is ROWTYPE): a record of its columns,
 * known when the variable is elaborated.  NAME, MEMBER: [schema.]table or the cursor. */
static int rowtype(pl_parser *p, pl_type *t, const char *name, const char *member, int off)
{
    p->pos++;
    if (p->param_types) return pp_error(p, off, PLS_RESTRICTION, "%ROWTYPE parameters");
    t->kind = TY_RECORD;
    int slot = member ? -1 : pp_lookup(p, name);
    if (slot >= 0 && pp_decl(p, slot)->type.kind == TY_CURSOR) {
        t->rowtype_cursor = slot + 1;
        return 0;
    }
    if (slot >= 0) return pp_error(p, off, 310, "with %%ROWTYPE attribute, '%s' must name a "
                                                 "table, cursor or cursor-variable", name);
    char text[2 * SQL_IDENT_MAX + 8];
    snprintf(text, sizeof text, member ? "\"%s\".\"%s\"" : "\"%s\"", name, member);
    t->rowtype_table = pp_strdup(p, text);
    return 0;
}

/* x%TYPE (a variable's type) or table.column%TYPE (any value), x%ROWTYPE; the current token
 * is '%'. */
static int percent_type(pl_parser *p, pl_type *t, const char *name, const char *member,
                        int off)
{
    p->pos++;
    if (pp_at_word(p, "ROWTYPE")) return rowtype(p, t, name, member, off);
    int dotted = member != NULL;
    if (pp_expect_word(p, "TYPE", "type rowtype") < 0) return -1;
    if (dotted) {
        t->kind = TY_ANY;
        return 0;
    }
    int slot = pp_lookup(p, name);
    if (slot < 0) return pp_error(p, off, PLS_NOT_DECLARED, name);
    *t = pp_decl(p, slot)->type;
    if (t->kind == TY_RECORD || t->kind == TY_CURSOR || t->kind == TY_EXCEPTION ||
        t->kind == TY_COLL_TYPE)
        return pp_error(p, off, 320,
                        "the declaration of the type of this expression is "
                        "incomplete or malformed");
    return 0;
}

static int named_type(pl_parser *p, pl_type *t, const char *name)
{
    if (name_in(name, number_names)) return number_type(p, t);
    if (name_in(name, varchar_names)) return string_type(p, t, TY_VARCHAR2);
    if (name_in(name, char_names)) return string_type(p, t, TY_CHAR);
    if (strcmp(name, "TIMESTAMP") == 0) return timestamp_type(p, t);
    if (strcmp(name, "INTERVAL") == 0) return interval_type(p, t);
    t->kind = TY_NUMBER;
    if (name_in(name, integer_names))
        t->precision = NUMBER_MAX_PRECISION;
    else if (name_in(name, pls_names))
        t->kind = TY_PLS_INTEGER;
    else if (name_in(name, float_names))
        t->kind = TY_NUMBER;
    else if (name_in(name, lob_names))
        t->lob = strcmp(name, "LONG") != 0, t->kind = TY_VARCHAR2,
        t->length = t->lob ? PL_MAX_LOB : PL_MAX_TEXT;
    else if (strcmp(name, "DATE") == 0)
        t->kind = TY_DATE;
    else if (strcmp(name, "BOOLEAN") == 0)
        t->kind = TY_BOOLEAN;
    else if (strcmp(name, "SYS_REFCURSOR") == 0)
        t->kind = TY_REFCURSOR;
    else if (strcmp(name, "RAW") == 0 || strcmp(name, "BLOB") == 0)
        return raw_type(p, t, strcmp(name, "BLOB") == 0);
    else
        return pp_error(p, pp_peek(p, -1)->off, PLS_NOT_DECLARED, name);
    int bits;
    if (strcmp(name, "FLOAT") == 0 && pp_accept_op(p, "(") &&
        (type_integer(p, 1, 126, 999, RESTRICTION_TEXT "FLOAT precision", &bits) < 0 ||
         pp_expect_op(p, ")", ")") < 0))
        return -1;
    return 0;
}

int pp_type(pl_parser *p, pl_type *t)
{
    memset(t, 0, sizeof *t);
    int off = pp_tok(p)->off;
    if (!tok_is_name(pp_tok(p))) return pp_syntax_error(p, EXPECT_DECL);
    char name[SQL_IDENT_MAX + 1], member[SQL_IDENT_MAX + 1];
    pp_name(p, name);
    p->pos++;
    int dotted = pp_at_op(p, ".") && tok_is_name(pp_peek(p, 1));
    if (dotted) {
        tok_name(p->src, pp_peek(p, 1), member, sizeof member);
        p->pos += 2;
    }
    if (pp_at_op(p, "%")) return percent_type(p, t, name, dotted ? member : NULL, off);
    int coll = pp_collection_type_name(p, name, dotted ? member : NULL, off, t);
    if (coll) return coll < 0 ? -1 : 0;
    if (dotted) return pp_error(p, off, PLS_NOT_DECLARED_DOTTED, name, member);
    if (strcmp(name, "DOUBLE") == 0 && pp_accept_word(p, "PRECISION")) strcpy(name, "FLOAT");
    return named_type(p, t, name);
}

/* Another declaration of NAME in the same block? */
static int declared_in_block(const pl_parser *p, const char *name, int block_first)
{
    for (int s = block_first; s < p->prog->nslots; s++)
        if (strcmp(p->prog->decls[s]->name, name) == 0) return 1;
    return 0;
}

pl_decl *pp_declare_in_block(pl_parser *p, const char *name, int off, int block_first)
{
    int slot;
    if (declared_in_block(p, name, block_first)) {
        pp_error(p, off, 371, "at most one declaration for '%s' is permitted", name);
        return NULL;
    }
    return pp_declare(p, name, off, &slot);
}

static int check_initial_value(pl_parser *p, const pl_type *t, const pl_expr *init)
{
    if (t->kind == TY_COLLECTION || init->sty == STY_COLL) return pp_collection_init(p, t, init);
    int sty = pp_sty_of_type(t);
    if ((sty == STY_BOOL && init->sty == STY_SCALAR) ||
        (sty == STY_SCALAR && init->sty == STY_BOOL))
        return pp_error(p, init->off, PLS_WRONG_TYPE);
    return 0;
}

/* name [CONSTANT] type [NOT NULL] [:= | DEFAULT expr] ;   or   name EXCEPTION ; */
static int variable_declaration(pl_parser *p, int block_first)
{
    int off = pp_tok(p)->off;
    char name[SQL_IDENT_MAX + 1];
    pp_name(p, name);
    p->pos++;
    if (pp_accept_word(p, "EXCEPTION")) {
        pl_decl *d = pp_declare_in_block(p, name, off, block_first);
        if (!d) return -1;
        d->type.kind = TY_EXCEPTION;
        return pp_expect_op(p, ";", ";");
    }
    int constant = pp_accept_word(p, "CONSTANT");
    pl_type type;
    if (pp_type(p, &type) < 0) return -1;
    int not_null = pp_accept_word(p, "NOT");
    if (not_null && pp_expect_word(p, "NULL", "null") < 0) return -1;
    pl_expr *init = NULL;
    if (pp_accept_op(p, ":=") || pp_accept_word(p, "DEFAULT")) {
        if (!(init = pp_expr(p)) || check_initial_value(p, &type, init) < 0) return -1;
    } else if (constant) {
        return pp_error(p, off, 322,
                        "declaration of a constant '%s' must contain an initialization assignment",
                        name);
    } else if (not_null) {
        return pp_error(p, off, 218,
                        "a variable declared NOT NULL must have an initialization assignment");
    }
    if (!pp_at_op(p, ";"))
        return pp_syntax_error(p, ":= . ( @ % ; not null range default character");
    p->pos++;
    pl_decl *d = pp_declare_in_block(p, name, off, block_first);
    if (!d) return -1;
    d->type = type;
    d->constant = constant;
    d->not_null = not_null;
    d->init = init;
    return 0;
}

int pp_declared_name(pl_parser *p, char name[SQL_IDENT_MAX + 1], int *off)
{
    p->pos++;
    *off = pp_tok(p)->off;
    if (!pp_at_name(p)) return pp_syntax_error(p, "<an identifier>");
    pp_name(p, name);
    p->pos++;
    return 0;
}

/* CURSOR c IS SELECT ... ; */
static int cursor_declaration(pl_parser *p, int block_first)
{
    char name[SQL_IDENT_MAX + 1];
    int off;
    if (pp_declared_name(p, name, &off) < 0) return -1;
    if (pp_at_op(p, "(")) return pp_error(p, off, PLS_RESTRICTION, "cursor parameters");
    if (pp_expect_word(p, "IS", "is return (") < 0) return -1;
    if (!pp_at_word(p, "SELECT") && !pp_at_word(p, "WITH") && !pp_at_op(p, "("))
        return pp_syntax_error(p, "( select with");
    int end = pp_statement_end(p, p->pos);
    if (end < 0) return pp_syntax_error(p, ";");
    pl_decl *d = pp_declare_in_block(p, name, off, block_first);
    if (!d) return -1;
    d->type.kind = TY_CURSOR;
    pp_sql_builder b;
    pp_sql_begin(&b);
    pp_sql_add(p, &b, p->pos, end);
    pp_sql_end(p, &b, &d->query);
    p->pos = end + 1;
    return 0;
}

/* PRAGMA EXCEPTION_INIT(e, -n); */
static int pragma(pl_parser *p)
{
    p->pos++;
    if (!pp_at_word(p, "EXCEPTION_INIT"))
        return pp_error(p, pp_tok(p)->off, PLS_RESTRICTION, "this PRAGMA");
    p->pos++;
    if (pp_expect_op(p, "(", "(") < 0) return -1;
    int off = pp_tok(p)->off;
    char name[SQL_IDENT_MAX + 1];
    pp_name(p, name);
    int slot = tok_is_name(pp_tok(p)) ? pp_lookup(p, name) : -1;
    if (slot < 0 || pp_decl(p, slot)->type.kind != TY_EXCEPTION)
        return pp_error(p, off, 109, "unknown exception name '%s' in PRAGMA EXCEPTION_INIT", name);
    p->pos++;
    if (pp_expect_op(p, ",", ",") < 0) return -1;
    int code;
    const char *bad_code = "illegal ORACLE error number for PRAGMA EXCEPTION_INIT";
    if (type_integer(p, -1000000, 100, 701, bad_code, &code) < 0) return -1;
    if (code == 0 || (code > 0 && code != 100))
        return pp_error(p, pp_peek(p, -1)->off, 701, "%s", bad_code);
    pp_decl(p, slot)->exc_code = code == 100 ? ORA_NO_DATA_FOUND : -code;
    if (pp_expect_op(p, ")", ")") < 0) return -1;
    return pp_expect_op(p, ";", ";");
}

/* Does the current token end a declarative part of kind WHAT? */
static int at_declarations_end(const pl_parser *p, int what)
{
    if (what != DECL_SPEC && pp_at_word(p, "BEGIN")) return 1;
    return what != DECL_BLOCK && pp_at_word(p, "END");
}

int pp_declarations(pl_parser *p, int block_first, int what)
{
    static const char *const unsupported[] = {"SUBTYPE", NULL};
    int items_end = -1, scope_subs = what == DECL_PACKAGE ? 0 : p->nvsubs; /* a body: its spec's too */
    while (!at_declarations_end(p, what)) {
        char word[SQL_IDENT_MAX + 1];
        pp_name(p, word);
        p->stmt_off = pp_tok(p)->off;
        p->ignored = "Item";
        int subprogram = pp_at_word(p, "PROCEDURE") || pp_at_word(p, "FUNCTION"), rc;
        if (subprogram && what != DECL_SPEC && items_end < 0) items_end = p->prog->nslots;
        if (!subprogram && items_end >= 0 && !pp_at_word(p, "PRAGMA"))
            rc = pp_syntax_error(p, "begin end function pragma procedure");
        else if (subprogram)
            rc = pp_subprogram(p, scope_subs, what == DECL_SPEC);
        else if (pp_at_word(p, "PRAGMA"))
            rc = pragma(p);
        else if (pp_at_word(p, "CURSOR"))
            rc = cursor_declaration(p, block_first);
        else if (pp_at_word(p, "TYPE") && !pp_peek_op(p, 1, "%"))
            rc = pp_type_declaration(p, block_first);
        else if (pp_tok(p)->type == TK_WORD && name_in(word, unsupported))
            rc = pp_error(p, pp_tok(p)->off, PLS_RESTRICTION, "SUBTYPE");
        else if (pp_at_name(p))
            rc = variable_declaration(p, block_first);
        else
            rc = pp_syntax_error(p, EXPECT_DECL);
        if (rc < 0 || p->err->code) return -1; /* a cursor's SQL can have an error in it */
    }
    return items_end >= 0 ? items_end : p->prog->nslots;
}
