/*
 * plsql_parse_expr.c - PL/SQL expressions into trees, with Oracle's operator
 * precedence (** ; unary + - ; * / ; + - || ; comparisons, IS NULL, LIKE,
 * BETWEEN, IN ; NOT ; AND ; OR), names resolved against the declarations in
 * scope, and static type checks (BOOLEAN against the rest).
 *
 * Functions the interpreter does not compute itself become EX_SQL nodes:
 * "SELECT f(:1, :2) FROM DUAL" with their arguments as binds, so the host's
 * Oracle functions (TO_CHAR with formats, SUBSTR, dates ...) give the answers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../sql/translate.h"
#include "plsql_parse.h"

static pl_expr *parse_or(pl_parser *p);
static pl_expr *parse_additive(pl_parser *p);
static pl_expr *parse_unary(pl_parser *p);

pl_expr *pp_new_expr(pl_parser *p, pl_expr_kind kind, int off)
{
    pl_expr *e = pl_alloc(&p->prog->arena, sizeof *e);
    e->kind = kind;
    e->off = off;
    e->slot = -1;
    e->field_idx = -1;
    e->sty = STY_SCALAR;
    return e;
}

int pp_sty_of_type(const pl_type *t)
{
    if (t->kind == TY_COLLECTION) return STY_COLL;
    return t->kind == TY_BOOLEAN ? STY_BOOL : t->kind == TY_ANY ? STY_UNKNOWN : STY_SCALAR;
}

static int max_depth(int depth, const pl_expr *e)
{
    return e && e->depth > depth ? e->depth : depth;
}

/* E once its operands are in place, with its depth checked (evaluation recursion is bounded). */
static pl_expr *composite(pl_parser *p, pl_expr *e)
{
    int depth = max_depth(max_depth(max_depth(0, e->a), e->b), e->c);
    for (const pl_expr *x = e->args; x; x = x->next)
        depth = max_depth(depth, x);
    e->depth = depth + 1;
    if (e->depth <= PL_MAX_EXPR_DEPTH) return e;
    if (!p->err->code)
        pl_compile_error(p->err, p->src, e->off, PLS_TOO_LARGE, "expression too deep");
    return NULL;
}

static pl_expr *sql_node(pl_parser *p, int off, const char *sql, pl_expr *args, int nargs)
{
    pl_expr *e = pp_new_expr(p, EX_SQL, off);
    e->sql = pp_strdup(p, sql);
    e->args = args;
    e->nargs = nargs;
    e->sty = STY_UNKNOWN;
    return composite(p, e);
}

/* ---------------- operators ---------------- */

static const char *op_symbol(int op)
{
    static const char *const symbols[] = {
        "+", "-", "*", "/", "**", "||", "=", "!=", "<", "<=", ">", ">=", "AND", "OR", "NOT", "-"};
    return symbols[op];
}

static int is_bool(const pl_expr *e)
{
    return e->sty == STY_BOOL;
}
static int is_scalar(const pl_expr *e)
{
    return e->sty == STY_SCALAR;
}

/* Operand types an operator accepts: logical ones BOOLEAN, comparisons alike, the rest scalars. */
static int check_operands(pl_parser *p, int op, const pl_expr *a, const pl_expr *b)
{
    const pl_expr *coll = a->sty == STY_COLL ? a : b && b->sty == STY_COLL ? b : NULL;
    if (coll && coll->kind == EX_BIND) return pp_not_scalar(p, coll);
    if (coll) return pp_error(p, a->off, PLS_WRONG_ARGS, op_symbol(op));
    if (op == OP_AND || op == OP_OR || op == OP_NOT) {
        const pl_expr *bad = is_scalar(a) ? a : b && is_scalar(b) ? b : NULL;
        return bad ? pp_error(p, bad->off, PLS_WRONG_TYPE) : 0;
    }
    if (op >= OP_EQ && op <= OP_GE) {
        int mixed = (is_bool(a) && is_scalar(b)) || (is_scalar(a) && is_bool(b));
        return mixed ? pp_error(p, a->off, PLS_WRONG_ARGS, op_symbol(op)) : 0;
    }
    if (is_bool(a) || (b && is_bool(b))) return pp_error(p, a->off, PLS_WRONG_ARGS, op_symbol(op));
    return 0;
}

static pl_expr *operator_node(pl_parser *p, int op, pl_expr *a, pl_expr *b)
{
    if (!a || !b || check_operands(p, op, a, b) < 0) return NULL;
    if (op == OP_POW) {
        a->next = b;
        return sql_node(p, a->off, "SELECT POWER(:1, :2) FROM DUAL", a, 2);
    }
    pl_expr *e = pp_new_expr(p, EX_BINARY, a->off);
    e->op = op;
    e->a = a;
    e->b = b;
    e->sty = op >= OP_EQ && op <= OP_OR ? STY_BOOL : STY_SCALAR;
    return composite(p, e);
}

static pl_expr *unary_node(pl_parser *p, int op, pl_expr *a, int off)
{
    if (!a || check_operands(p, op, a, NULL) < 0) return NULL;
    pl_expr *e = pp_new_expr(p, EX_UNARY, off);
    e->op = op;
    e->a = a;
    e->sty = op == OP_NOT ? STY_BOOL : STY_SCALAR;
    return composite(p, e);
}

/* ---------------- literals ---------------- */

static pl_expr *number_literal(pl_parser *p)
{
    const sql_token *t = pp_tok(p);
    int len = t->len;
    if (len > 0 && strchr("dDfF", p->src[t->off + len - 1])) len--; /* 2.5d: BINARY_DOUBLE */
    pdec d;
    char *copy = xstrndup(p->src + t->off, (size_t)len);
    int rc = pdec_parse(copy, &d);
    free(copy);
    if (rc != PDEC_OK) {
        pp_error(p, t->off, PLS_RESTRICTION, "numeric literal out of range");
        return NULL;
    }
    pl_expr *e = pp_new_expr(p, EX_LITERAL, t->off);
    e->lit = pv_dec(&d);
    if (e->lit.text) { /* literals live in the arena: they are copied, never freed */
        char *text = e->lit.text;
        e->lit.text = pp_strdup(p, text);
        free(text);
    }
    p->pos++;
    return e;
}

static pl_expr *string_literal(pl_parser *p)
{
    const sql_token *t = pp_tok(p);
    pl_expr *e = pp_new_expr(p, EX_LITERAL, t->off);
    char *v = tok_string_value(p->src, t);
    if (*v) {
        e->lit.kind = PLSQL_TEXT;
        e->lit.text = pp_strdup(p, v);
    } else {
        e->sty = STY_UNKNOWN; /* '' is NULL */
    }
    free(v);
    p->pos++;
    return e;
}

static pl_expr *keyword_literal(pl_parser *p, int kind, int value)
{
    pl_expr *e = pp_new_expr(p, EX_LITERAL, pp_tok(p)->off);
    e->lit.kind = kind;
    e->lit.i = value;
    e->sty = kind == PLSQL_BOOLEAN ? STY_BOOL : STY_UNKNOWN;
    p->pos++;
    return e;
}

/* DATE '2024-01-31', TIMESTAMP '...': the host reads them. */
static pl_expr *datetime_literal(pl_parser *p)
{
    const sql_token *kw = pp_tok(p), *lit = pp_peek(p, 1);
    char sql[128];
    if (lit->len > 64) {
        pp_error(p, lit->off, PLS_RESTRICTION, "datetime literal too long");
        return NULL;
    }
    snprintf(sql, sizeof sql, "SELECT %.*s %.*s FROM DUAL", kw->len, p->src + kw->off, lit->len,
             p->src + lit->off);
    p->pos += 2;
    return sql_node(p, kw->off, sql, NULL, 0);
}

/* ---------------- names ---------------- */

static int attribute_of(const char *name)
{
    static const char *const attrs[] = {"FOUND", "NOTFOUND", "ISOPEN", "ROWCOUNT"};
    for (int i = 0; i < 4; i++)
        if (strcmp(attrs[i], name) == 0) return i;
    return -1;
}

/* SQL%ROWCOUNT, c%FOUND ...: the current token is the '%'. */
static pl_expr *cursor_attribute(pl_parser *p, int slot, int off)
{
    char name[SQL_IDENT_MAX + 1];
    p->pos++;
    pp_name(p, name);
    int attr = pp_tok(p)->type == TK_WORD ? attribute_of(name) : -1;
    if (attr < 0) {
        pp_syntax_error(p, "found isopen notfound rowcount");
        return NULL;
    }
    p->pos++;
    pl_expr *e = pp_new_expr(p, EX_CURSOR_ATTR, off);
    e->slot = slot;
    e->op = attr;
    e->sty = attr == ATTR_ROWCOUNT ? STY_SCALAR : STY_BOOL;
    return e;
}

/* r.field of a cursor FOR loop record: the current token is the '.'. */
static pl_expr *record_field(pl_parser *p, int slot, int off)
{
    p->pos++;
    if (!pp_at_name(p)) {
        pp_syntax_error(p, "<an identifier> <a double-quoted delimited-identifier>");
        return NULL;
    }
    char name[SQL_IDENT_MAX + 1];
    pp_name(p, name);
    p->pos++;
    pl_expr *e = pp_new_expr(p, EX_FIELD, off);
    e->slot = slot;
    e->name = pp_strdup(p, name);
    e->sty = STY_UNKNOWN;
    return e;
}

static pl_expr *variable(pl_parser *p, int slot, int off)
{
    const pl_decl *d = pp_decl(p, slot);
    if (d->type.kind == TY_COLLECTION || d->type.kind == TY_COLL_TYPE)
        return pp_collection_expr(p, NULL, slot, off);
    if (d->type.kind == TY_RECORD && pp_at_op(p, ".")) return record_field(p, slot, off);
    if ((d->type.kind == TY_CURSOR || d->type.kind == TY_REFCURSOR) && pp_at_op(p, "%"))
        return cursor_attribute(p, slot, off);
    if (d->type.kind == TY_RECORD || d->type.kind == TY_CURSOR || d->type.kind == TY_EXCEPTION) {
        pp_error(p, off, PLS_WRONG_TYPE);
        return NULL;
    }
    pl_expr *e = pp_new_expr(p, EX_VAR, off);
    e->slot = slot;
    e->sty = pp_sty_of_type(&d->type);
    return e;
}

/* Names that call the host without arguments. */
static int is_sql_pseudo_column(const char *name)
{
    static const char *const names[] = {
        "SYSDATE",      "SYSTIMESTAMP",      "USER",           "UID",
        "CURRENT_DATE", "CURRENT_TIMESTAMP", "LOCALTIMESTAMP", "SESSIONTIMEZONE",
        "DBTIMEZONE"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i], name) == 0) return 1;
    return 0;
}

/* ---------------- function calls ---------------- */

static const struct pl_function {
    const char *name;
    int min_args, max_args;
} functions[] = {
    {"ABS", 1, 1},
    {"ADD_MONTHS", 2, 2},
    {"ASCII", 1, 1},
    {"BITAND", 2, 2},
    {"CEIL", 1, 1},
    {"CHR", 1, 1},
    {"COALESCE", 1, PL_MAX_ARGS},
    {"CONCAT", 2, 2},
    {"EMPTY_BLOB", 0, 0},
    {"EMPTY_CLOB", 0, 0},
    {"FLOOR", 1, 1},
    {"GREATEST", 1, PL_MAX_ARGS},
    {"FROM_TZ", 2, 2},
    {"HEXTORAW", 1, 1},
    {"INITCAP", 1, 1},
    {"INSTR", 2, 4},
    {"LAST_DAY", 1, 1},
    {"LEAST", 1, PL_MAX_ARGS},
    {"LENGTH", 1, 1},
    {"LENGTHB", 1, 1},
    {"LOWER", 1, 1},
    {"LPAD", 2, 3},
    {"LTRIM", 1, 2},
    {"MOD", 2, 2},
    {"MONTHS_BETWEEN", 2, 2},
    {"NULLIF", 2, 2},
    {"NUMTODSINTERVAL", 2, 2},
    {"NUMTOYMINTERVAL", 2, 2},
    {"NVL", 2, 2},
    {"NVL2", 3, 3},
    {"POWER", 2, 2},
    {"RAWTOHEX", 1, 1},
    {"REGEXP_COUNT", 2, 4},
    {"REGEXP_INSTR", 2, 7},
    {"REGEXP_REPLACE", 2, 6},
    {"REGEXP_SUBSTR", 2, 6},
    {"REPLACE", 2, 3},
    {"ROUND", 1, 2},
    {"RPAD", 2, 3},
    {"RTRIM", 1, 2},
    {"SIGN", 1, 1},
    {"SUBSTR", 2, 3},
    {"SYS_CONTEXT", 2, 3},
    {"SYS_EXTRACT_UTC", 1, 1},
    {"TO_BLOB", 1, 1},
    {"TO_CHAR", 1, 2},
    {"TO_CLOB", 1, 1},
    {"TO_DATE", 1, 2},
    {"TO_DSINTERVAL", 1, 1},
    {"TO_NUMBER", 1, 2},
    {"TO_TIMESTAMP", 1, 2},
    {"TO_TIMESTAMP_TZ", 1, 2},
    {"TO_YMINTERVAL", 1, 1},
    {"TZ_OFFSET", 1, 1},
    {"TRUNC", 1, 2},
    {"UNISTR", 1, 1},
    {"UPPER", 1, 1},
    {"USERENV", 1, 1},
};

static const struct pl_function *find_function(const char *name)
{
    for (size_t i = 0; i < sizeof functions / sizeof functions[0]; i++)
        if (strcmp(functions[i].name, name) == 0) return &functions[i];
    return NULL;
}

static int sql_only_function(const char *name)
{
    static const char *const names[] = {"DECODE", "COUNT", "SUM", "AVG", "MIN", "MAX", "LISTAGG"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i], name) == 0) return 1;
    return 0;
}

/* ( expr {, expr} ): the argument list, linked; *COUNT set.  Current token: '('. */
static pl_expr *argument_list(pl_parser *p, int *count)
{
    pl_expr *head = NULL, **tail = &head;
    *count = 0;
    p->pos++;
    if (pp_accept_op(p, ")")) return head;
    do {
        if (*count >= PL_MAX_ARGS) {
            pp_error(p, pp_tok(p)->off, PLS_RESTRICTION, "too many arguments");
            return NULL;
        }
        pl_expr *a = pp_expr(p);
        if (!a) return NULL;
        *tail = a, tail = &a->next;
        (*count)++;
    } while (pp_accept_op(p, ","));
    if (pp_expect_op(p, ")", ", )") < 0) return NULL;
    return head;
}

static int check_call(pl_parser *p, const struct pl_function *f, pl_expr *args, int n, int off)
{
    if (n < f->min_args || n > f->max_args) return pp_error(p, off, PLS_WRONG_ARGS, f->name);
    for (pl_expr *a = args; a; a = a->next)
        if ((is_bool(a) && strcmp(f->name, "NVL") != 0) || a->sty == STY_COLL)
            return pp_error(p, off, PLS_WRONG_ARGS, f->name);
    return 0;
}

/* "SELECT NAME(:1, ..., :n) FROM DUAL", in the arena */
/* Does PL/SQL's NAME take argument I (1-based) as a PLS_INTEGER?  A number passed there is
 * rounded to an integer, where SQL's function would truncate it. */
static int integer_parameter(const char *name, int i)
{
    static const struct {
        const char *name;
        unsigned args; /* bit i: argument i */
    } fns[] = {{"SUBSTR", 0x6}, {"SUBSTRB", 0x6}, {"INSTR", 0xC},
               {"INSTRB", 0xC}, {"LPAD", 0x2},    {"RPAD", 0x2}};
    for (size_t k = 0; k < sizeof fns / sizeof *fns; k++)
        if (!strcmp(fns[k].name, name)) return (fns[k].args >> i & 1u) != 0;
    return 0;
}

static const char *host_call_text(pl_parser *p, const char *name, int n)
{
    buf b;
    buf_init(&b);
    buf_printf(&b, "SELECT %s(", name);
    for (int i = 1; i <= n; i++)
        buf_printf(&b, integer_parameter(name, i - 1) ? "%sROUND(:%d)" : "%s:%d", i > 1 ? ", " : "",
                   i);
    buf_puts(&b, ") FROM DUAL");
    const char *text = pp_strdup(p, buf_cstr(&b));
    buf_free(&b);
    return text;
}

/* The functions computed natively (the host still answers what they cannot). */
static int native_function(const char *name, int nargs)
{
    static const struct {
        const char *name;
        int fn, nargs; /* 0: any number of arguments */
    } natives[] = {
        {"NVL", FN_NVL, 0},    {"TO_CHAR", FN_TO_CHAR, 1}, {"TO_NUMBER", FN_TO_NUMBER, 1},
        {"MOD", FN_MOD, 0},    {"ABS", FN_ABS, 0},         {"ROUND", FN_ROUND, 0},
        {"TRUNC", FN_TRUNC, 0}};
    for (size_t i = 0; i < sizeof natives / sizeof natives[0]; i++)
        if (strcmp(natives[i].name, name) == 0 && (!natives[i].nargs || natives[i].nargs == nargs))
            return natives[i].fn;
    return -1;
}

static pl_expr *native_call(pl_parser *p, const char *name, int fn, pl_expr *args, int n, int off)
{
    pl_expr *e = pp_new_expr(p, EX_NATIVE, off);
    e->op = fn;
    e->args = args;
    e->nargs = n;
    e->sql = host_call_text(p, name, n);
    e->sty = fn == FN_NVL ? (args->sty != STY_UNKNOWN ? args->sty : args->next->sty) : STY_SCALAR;
    return composite(p, e);
}

/* CAST(x AS type): the type's text is copied as written. */
static pl_expr *cast_call(pl_parser *p, int off)
{
    p->pos++;
    pl_expr *x = pp_expr(p);
    if (!x || pp_expect_word(p, "AS", "AS") < 0) return NULL;
    int from = pp_tok(p)->off, depth = 0;
    while (pp_tok(p)->type != TK_EOF && !(depth == 0 && pp_at_op(p, ")"))) {
        depth += pp_at_op(p, "(") - pp_at_op(p, ")");
        p->pos++;
    }
    int to = pp_tok(p)->off;
    if (pp_expect_op(p, ")", ")") < 0) return NULL;
    char *type = xstrndup(p->src + from, (size_t)(to - from));
    buf b;
    buf_init(&b);
    buf_printf(&b, "SELECT CAST(:1 AS %s) FROM DUAL", type);
    pl_expr *e = sql_node(p, off, buf_cstr(&b), x, 1);
    buf_free(&b);
    free(type);
    return e;
}

/* EXTRACT(field FROM x) */
static pl_expr *extract_call(pl_parser *p, int off)
{
    p->pos++;
    char field[SQL_IDENT_MAX + 1];
    if (pp_tok(p)->type != TK_WORD) {
        pp_syntax_error(p, "year month day hour minute second");
        return NULL;
    }
    pp_name(p, field);
    p->pos++;
    if (pp_expect_word(p, "FROM", "FROM") < 0) return NULL;
    pl_expr *x = pp_expr(p);
    if (!x || pp_expect_op(p, ")", ")") < 0) return NULL;
    char sql[SQL_IDENT_MAX + 64];
    snprintf(sql, sizeof sql, "SELECT EXTRACT(%s FROM :1) FROM DUAL", field);
    return sql_node(p, off, sql, x, 1);
}

/* TRIM(x), TRIM([LEADING|TRAILING|BOTH] [c] FROM x) */
static pl_expr *trim_call(pl_parser *p, int off)
{
    static const char *const modes[] = {"LEADING", "TRAILING", "BOTH"};
    const char *mode = "";
    p->pos++;
    for (int i = 0; i < 3; i++)
        if (pp_accept_word(p, modes[i])) mode = modes[i];
    pl_expr *c = NULL, *x = NULL;
    if (!pp_at_word(p, "FROM") && !(c = pp_expr(p))) return NULL;
    if (pp_accept_word(p, "FROM")) {
        if (!(x = pp_expr(p))) return NULL;
    } else if (*mode || !c) {
        pp_syntax_error(p, "FROM");
        return NULL;
    } else {
        x = c, c = NULL;
    }
    if (pp_expect_op(p, ")", ")") < 0) return NULL;
    char sql[96];
    if (c) c->next = x;
    if (!*mode && !c) return sql_node(p, off, "SELECT TRIM(:1) FROM DUAL", x, 1);
    snprintf(sql, sizeof sql, "SELECT TRIM(%s %s FROM :%d) FROM DUAL", mode, c ? ":1" : "",
             c ? 2 : 1);
    return sql_node(p, off, sql, c ? c : x, c ? 2 : 1);
}

/* REGEXP_LIKE(s, pattern [, match]): a condition, the host's REGEXP_LIKE (1, 0 or NULL) = 1. */
static pl_expr *regexp_like_call(pl_parser *p, int off)
{
    static const struct pl_function f = {"REGEXP_LIKE", 2, 3};
    int n;
    pl_expr *args = argument_list(p, &n);
    if (p->err->code || check_call(p, &f, args, n, off) < 0) return NULL;
    pl_expr *one = pp_new_expr(p, EX_LITERAL, off);
    one->lit = pv_int(1);
    return operator_node(p, OP_EQ, sql_node(p, off, host_call_text(p, f.name, n), args, n), one);
}

/* A call of stored function SIG (a procedure here is PLS-00222). */
static pl_expr *unit_function_call(pl_parser *p, const pl_signature *sig, int off)
{
    if (!sig->is_function) {
        pp_error(p, off, 222, "no function with name '%s' exists in this scope", sig->name);
        return NULL;
    }
    pl_expr *e = pp_new_expr(p, EX_CALL, off);
    if (!(e->call = pp_call_arguments(p, sig, off))) return NULL;
    e->sty = pp_sty_of_type(&sig->ret);
    for (int i = 0; i < sig->nparams; i++)
        if (e->call->argv[i] && e->call->argv[i]->depth >= e->depth)
            e->depth = e->call->argv[i]->depth;
    e->depth++;
    return e;
}

static pl_expr *function_call(pl_parser *p, const char *name, int off)
{
    if (strcmp(name, "CAST") == 0) return cast_call(p, off);
    if (strcmp(name, "EXTRACT") == 0) return extract_call(p, off);
    if (strcmp(name, "TRIM") == 0) return trim_call(p, off);
    if (strcmp(name, "REGEXP_LIKE") == 0) return regexp_like_call(p, off);
    const struct pl_function *f = find_function(name);
    if (!f) {
        const pl_signature *sig = pp_find_unit(p, NULL, name, off);
        if (sig) return unit_function_call(p, sig, off);
        if (p->err->code) return NULL;
        if (sql_only_function(name))
            pp_error(p, off, 204,
                     "function or pseudo-column '%s' may be used inside a SQL "
                     "statement only",
                     name);
        else
            pp_error(p, off, PLS_NOT_DECLARED, name);
        return NULL;
    }
    int n;
    pl_expr *args = argument_list(p, &n);
    if (p->err->code || check_call(p, f, args, n, off) < 0) return NULL;
    int fn = native_function(name, n);
    if (fn >= 0) return native_call(p, name, fn, args, n, off);
    return sql_node(p, off, host_call_text(p, name, n), args, n);
}

static pl_expr *sqlerrm(pl_parser *p, int off)
{
    pl_expr *e = pp_new_expr(p, EX_SQLERRM, off);
    if (pp_at_op(p, "(")) {
        p->pos++;
        if (!(e->a = pp_expr(p)) || pp_expect_op(p, ")", ")") < 0) return NULL;
    }
    return composite(p, e);
}

/* [SYS.]package.member[(args)] of a supplied package (NAME read, the cursor after it), which
 * SQL computes.  NULL, with no error set, when it is none. */
static pl_expr *package_function_call(pl_parser *p, const char *name, int off)
{
    int sys = !strcmp(name, "SYS") && pp_at_op(p, ".") && pp_peek(p, 1)->type == TK_WORD &&
              tok_is_op(p->src, pp_peek(p, 2), ".") && pp_peek(p, 3)->type == TK_WORD;
    if (!pp_at_op(p, ".") || pp_peek(p, 1)->type != TK_WORD) return NULL;
    char package[SQL_IDENT_MAX + 1], member[SQL_IDENT_MAX + 1];
    snprintf(package, sizeof package, "%s", name);
    if (sys) tok_name(p->src, pp_peek(p, 1), package, sizeof package);
    tok_name(p->src, pp_peek(p, sys ? 3 : 1), member, sizeof member);
    const sql_package_function *f = sql_package_function_find(package, member);
    if (!f) return NULL;
    p->pos += sys ? 4 : 2;
    int n = 0;
    pl_expr *args = pp_at_op(p, "(") ? argument_list(p, &n) : NULL;
    if (p->err->code) return NULL;
    if (n < f->min_args || n > f->max_args) {
        pp_error(p, off, PLS_WRONG_ARGS, member);
        return NULL;
    }
    char qualified[2 * SQL_IDENT_MAX + 2];
    snprintf(qualified, sizeof qualified, "%s.%s", package, member);
    return sql_node(p, off, host_call_text(p, qualified, n), args, n);
}

/* Is the token K ahead a '.' and then NEXTVAL or CURRVAL? */
static int at_sequence_value(pl_parser *p, int k)
{
    const sql_token *t = pp_peek(p, k + 1);
    if (!tok_is_op(p->src, pp_peek(p, k), ".") || t->type != TK_WORD) return 0;
    char word[SQL_IDENT_MAX + 1];
    tok_name(p->src, t, word, sizeof word);
    return !strcmp(word, "NEXTVAL") || !strcmp(word, "CURRVAL");
}

/* [schema.]sequence.NEXTVAL | CURRVAL (NAME read, the cursor after it): SQL evaluates it.
 * NULL, with no error set, when the name is not followed by one. */
static pl_expr *sequence_value(pl_parser *p, const char *name, int off)
{
    char schema[SQL_IDENT_MAX + 1] = "", sequence[SQL_IDENT_MAX + 1], which[SQL_IDENT_MAX + 1];
    int schema_named = pp_at_op(p, ".") && at_sequence_value(p, 2) &&
                       (pp_peek(p, 1)->type == TK_WORD || pp_peek(p, 1)->type == TK_QIDENT);
    if (schema_named) {
        snprintf(schema, sizeof schema, "%s", name);
        tok_name(p->src, pp_peek(p, 1), sequence, sizeof sequence);
        p->pos += 2;
    } else if (at_sequence_value(p, 0)) {
        snprintf(sequence, sizeof sequence, "%s", name);
    } else {
        return NULL;
    }
    tok_name(p->src, pp_peek(p, 1), which, sizeof which);
    p->pos += 2;
    char sql[3 * SQL_IDENT_MAX + 64];
    snprintf(sql, sizeof sql, "SELECT %s%s%s\"%s\".%s FROM DUAL", *schema ? "\"" : "", schema,
             *schema ? "\"." : "", sequence, which);
    pl_expr *e = sql_node(p, off, sql, NULL, 0);
    if (e) e->sty = STY_SCALAR;
    return e;
}

/* INTERVAL 'text' field[(p)] [TO field[(f)]] (INTERVAL read, at the text): computed by the
 * host's SQL, which checks it. */
static pl_expr *interval_literal(pl_parser *p, int off)
{
    const sql_token *last = pp_tok(p);
    p->pos++;
    for (int part = 0; part < 2 && pp_tok(p)->type == TK_WORD; part++) {
        last = pp_tok(p), p->pos++;
        if (pp_at_op(p, "(")) {
            while (pp_tok(p)->type != TK_EOF && !pp_at_op(p, ")"))
                p->pos++;
            if (pp_expect_op(p, ")", ")") < 0) return NULL;
            last = pp_peek(p, -1);
        }
        if (!pp_at_word(p, "TO")) break;
        p->pos++;
    }
    int end = last->off + last->len;
    char *sql = xmalloc((size_t)(end - off) + 32);
    snprintf(sql, (size_t)(end - off) + 32, "SELECT %.*s FROM DUAL", end - off, p->src + off);
    pl_expr *e = sql_node(p, off, sql, NULL, 0);
    free(sql);
    return e;
}

/* [schema.]package.member: a variable or constant of a package, or a call of its function (the
 * cursor on the first name).  NULL, with no error set, when the name is no package's. */
static pl_expr *package_member(pl_parser *p, int off)
{
    char member[SQL_IDENT_MAX + 1];
    int at;
    const pl_package_ref *ref = pp_package_member(p, member, &at);
    if (!ref) return NULL;
    int slot = pp_package_slot(ref, member);
    if (slot >= 0) {
        const pl_type *t = &ref->spec.decls[slot]->type;
        if (t->kind == TY_COLLECTION || t->kind == TY_COLL_TYPE)
            return pp_collection_expr(p, ref, slot, off);
        if (t->kind == TY_CURSOR || t->kind == TY_EXCEPTION || t->kind == TY_RECORD) {
            pp_error(p, off, PLS_RESTRICTION, "a package's cursor or exception named outside it");
            return NULL;
        }
        pl_expr *e = pp_new_expr(p, EX_PKG_VAR, off);
        e->pkg = ref;
        e->slot = slot;
        e->sty = pp_sty_of_type(t);
        return e;
    }
    const pl_signature *sig = pp_package_subprogram(p, ref, member);
    if (sig) return unit_function_call(p, sig, off);
    pp_error(p, off, PLS_NO_COMPONENT, member);
    return NULL;
}

static pl_expr *name_expr(pl_parser *p)
{
    int off = pp_tok(p)->off;
    char name[SQL_IDENT_MAX + 1];
    pp_name(p, name);
    p->pos++;
    int slot = pp_lookup(p, name);
    if (slot >= 0) return variable(p, slot, off);
    if (pp_is_own_package(p, name) && pp_at_op(p, ".") && tok_is_name(pp_peek(p, 1))) {
        p->pos++; /* package.member inside the package: the member */
        return name_expr(p);
    }
    if (strcmp(name, "INTERVAL") == 0 && pp_tok(p)->type == TK_STRING)
        return interval_literal(p, off);
    if (strcmp(name, "SQLCODE") == 0) return pp_new_expr(p, EX_SQLCODE, off);
    if (strcmp(name, "SQLERRM") == 0) return sqlerrm(p, off);
    if (pp_at_op(p, "(")) return function_call(p, name, off);
    pl_expr *sequence = sequence_value(p, name, off);
    if (sequence || p->err->code) return sequence;
    pl_expr *supplied = package_function_call(p, name, off);
    if (supplied || p->err->code) return supplied;
    p->pos--;
    pl_expr *of_package = package_member(p, off);
    if (of_package || p->err->code) return of_package;
    p->pos++;
    if (pp_at_op(p, ".") && pp_peek(p, 1)->type == TK_WORD) {
        char member[SQL_IDENT_MAX + 1];
        tok_name(p->src, pp_peek(p, 1), member, sizeof member);
        const pl_signature *sig = pp_find_unit(p, name, member, off);
        if (sig) {
            p->pos += 2;
            return unit_function_call(p, sig, off);
        }
        if (!p->err->code) pp_error(p, off, PLS_NOT_DECLARED_DOTTED, name, member);
        return NULL;
    }
    if (is_sql_pseudo_column(name)) {
        char sql[64];
        snprintf(sql, sizeof sql, "SELECT %s FROM DUAL", name);
        return sql_node(p, off, sql, NULL, 0);
    }
    const pl_signature *sig = pp_find_unit(p, NULL, name, off); /* a function without () */
    if (sig) return unit_function_call(p, sig, off);
    if (p->err->code) return NULL;
    pp_error(p, off, PLS_NOT_DECLARED, name);
    return NULL;
}

/* ---------------- CASE ---------------- */

static pl_expr *case_expr(pl_parser *p)
{
    pl_expr *e = pp_new_expr(p, EX_CASE, pp_tok(p)->off), **tail = &e->args;
    p->pos++;
    if (!pp_at_word(p, "WHEN") && !(e->a = pp_expr(p))) return NULL;
    e->sty = STY_UNKNOWN;
    if (!pp_at_word(p, "WHEN")) return pp_syntax_error(p, "when"), NULL;
    while (pp_accept_word(p, "WHEN")) {
        pl_expr *when = e->a ? pp_expr(p) : pp_condition(p);
        if (!when || pp_expect_word(p, "THEN", "then") < 0) return NULL;
        pl_expr *then = pp_expr(p);
        if (!then) return NULL;
        if (e->a && check_operands(p, OP_EQ, e->a, when) < 0) return NULL;
        if (e->sty == STY_UNKNOWN) e->sty = then->sty;
        *tail = when, when->next = then, tail = &then->next;
        e->nargs += 2;
    }
    if (pp_accept_word(p, "ELSE") && !(e->c = pp_expr(p))) return NULL;
    if (pp_expect_word(p, "END", "else end when") < 0) return NULL;
    return composite(p, e);
}

/* ---------------- precedence levels ---------------- */

static pl_expr *paren_expr(pl_parser *p)
{
    p->pos++;
    pl_expr *e = pp_expr(p);
    if (!e || pp_expect_op(p, ")", EXPECT_OPERATOR) < 0) return NULL;
    return e;
}

static pl_expr *bind_expr(pl_parser *p)
{
    pl_expr *e = pp_new_expr(p, EX_BIND, pp_tok(p)->off);
    e->slot = pp_bind_index(p, pp_tok(p), PLSQL_BIND_READ);
    e->sty = STY_UNKNOWN;
    p->pos++;
    e->sty = pp_bind_sty(p, e->slot);
    return e;
}

static pl_expr *parse_primary(pl_parser *p)
{
    const sql_token *t = pp_tok(p);
    if (t->type == TK_NUMBER) return number_literal(p);
    if (t->type == TK_STRING) return string_literal(p);
    if (t->type == TK_BIND) return bind_expr(p);
    if (pp_at_op(p, "(")) return paren_expr(p);
    if (pp_at_word(p, "NULL")) return keyword_literal(p, PLSQL_NULL, 0);
    if (pp_at_word(p, "TRUE")) return keyword_literal(p, PLSQL_BOOLEAN, 1);
    if (pp_at_word(p, "FALSE")) return keyword_literal(p, PLSQL_BOOLEAN, 0);
    if (pp_at_word(p, "CASE")) return case_expr(p);
    if ((pp_at_word(p, "DATE") || pp_at_word(p, "TIMESTAMP")) && pp_peek(p, 1)->type == TK_STRING)
        return datetime_literal(p);
    if (pp_at_word(p, "SQL") && pp_peek_op(p, 1, "%")) {
        p->pos++;
        return cursor_attribute(p, -1, t->off);
    }
    if (pp_at_name(p)) return name_expr(p);
    pp_syntax_error(p, EXPECT_EXPR);
    return NULL;
}

static pl_expr *parse_power(pl_parser *p)
{
    pl_expr *a = parse_primary(p);
    while (a && pp_accept_op(p, "**"))
        a = operator_node(p, OP_POW, a, parse_unary(p));
    return a;
}

static pl_expr *parse_unary(pl_parser *p)
{
    int off = pp_tok(p)->off, neg = pp_at_op(p, "-");
    if (!neg && !pp_at_op(p, "+")) return parse_power(p);
    p->pos++;
    if (pp_enter(p) < 0) return NULL;
    pl_expr *a = parse_unary(p);
    pp_leave(p);
    return neg ? unary_node(p, OP_NEG, a, off) : a;
}

static pl_expr *parse_multiplicative(pl_parser *p)
{
    pl_expr *a = parse_unary(p);
    for (;;) {
        int op = pp_at_op(p, "*") ? OP_MUL : pp_at_op(p, "/") ? OP_DIV : -1;
        if (!a || op < 0) return a;
        p->pos++;
        a = operator_node(p, op, a, parse_unary(p));
    }
}

static pl_expr *parse_additive(pl_parser *p)
{
    pl_expr *a = parse_multiplicative(p);
    for (;;) {
        int op = pp_at_op(p, "+")    ? OP_ADD
                 : pp_at_op(p, "-")  ? OP_SUB
                 : pp_at_op(p, "||") ? OP_CONCAT
                                     : -1;
        if (!a || op < 0) return a;
        p->pos++;
        a = operator_node(p, op, a, parse_multiplicative(p));
    }
}

static int comparison_op(const pl_parser *p)
{
    static const struct {
        const char *text;
        int op;
    } ops[] = {{"=", OP_EQ}, {"<>", OP_NE}, {"!=", OP_NE}, {"^=", OP_NE}, {"~=", OP_NE},
               {"<", OP_LT}, {"<=", OP_LE}, {">", OP_GT},  {">=", OP_GE}};
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (pp_at_op(p, ops[i].text)) return ops[i].op;
    return -1;
}

static pl_expr *predicate_node(pl_parser *p, pl_expr_kind kind, pl_expr *a, int negated)
{
    pl_expr *e = pp_new_expr(p, kind, a->off);
    e->a = a;
    e->negated = negated;
    e->sty = STY_BOOL;
    return e;
}

static pl_expr *in_list(pl_parser *p, pl_expr *a, int negated)
{
    if (!pp_at_op(p, "(")) return pp_syntax_error(p, "("), NULL;
    pl_expr *e = predicate_node(p, EX_IN, a, negated);
    e->args = argument_list(p, &e->nargs);
    if (p->err->code) return NULL;
    for (pl_expr *x = e->args; x; x = x->next)
        if (check_operands(p, OP_EQ, a, x) < 0) return NULL;
    return composite(p, e);
}

static pl_expr *like_or_between(pl_parser *p, pl_expr *a, int negated)
{
    int like = pp_accept_word(p, "LIKE");
    if (!like) p->pos++; /* BETWEEN */
    pl_expr *e = predicate_node(p, like ? EX_LIKE : EX_BETWEEN, a, negated);
    if (!(e->b = parse_additive(p))) return NULL;
    if (like && pp_accept_word(p, "ESCAPE") && !(e->c = parse_additive(p))) return NULL;
    if (!like && (pp_expect_word(p, "AND", "AND") < 0 || !(e->c = parse_additive(p)))) return NULL;
    int bad = like ? is_bool(a) || is_bool(e->b)
                   : check_operands(p, OP_LE, a, e->b) < 0 || check_operands(p, OP_LE, a, e->c) < 0;
    if (bad && !p->err->code) pp_error(p, a->off, PLS_WRONG_ARGS, like ? "LIKE" : "BETWEEN");
    return bad ? NULL : composite(p, e);
}

static pl_expr *parse_comparison(pl_parser *p)
{
    pl_expr *a = parse_additive(p);
    if (!a) return NULL;
    int op = comparison_op(p);
    if (op >= 0) {
        p->pos++;
        return operator_node(p, op, a, parse_additive(p));
    }
    if (pp_accept_word(p, "IS")) {
        int negated = pp_accept_word(p, "NOT");
        if (pp_expect_word(p, "NULL", "null") < 0) return NULL;
        return composite(p, predicate_node(p, EX_IS_NULL, a, negated));
    }
    int negated =
        pp_at_word(p, "NOT") &&
        (pp_peek_word(p, 1, "LIKE") || pp_peek_word(p, 1, "BETWEEN") || pp_peek_word(p, 1, "IN"));
    if (negated) p->pos++;
    if (pp_accept_word(p, "IN")) return in_list(p, a, negated);
    if (pp_at_word(p, "LIKE") || pp_at_word(p, "BETWEEN")) return like_or_between(p, a, negated);
    return a;
}

static pl_expr *parse_not(pl_parser *p)
{
    int off = pp_tok(p)->off;
    if (!pp_accept_word(p, "NOT")) return parse_comparison(p);
    if (pp_enter(p) < 0) return NULL;
    pl_expr *a = parse_not(p);
    pp_leave(p);
    return unary_node(p, OP_NOT, a, off);
}

static pl_expr *parse_and(pl_parser *p)
{
    pl_expr *a = parse_not(p);
    while (a && pp_accept_word(p, "AND"))
        a = operator_node(p, OP_AND, a, parse_not(p));
    return a;
}

static pl_expr *parse_or(pl_parser *p)
{
    pl_expr *a = parse_and(p);
    while (a && pp_accept_word(p, "OR"))
        a = operator_node(p, OP_OR, a, parse_and(p));
    return a;
}

pl_expr *pp_expr(pl_parser *p)
{
    if (pp_enter(p) < 0) return NULL;
    pl_expr *e = parse_or(p);
    pp_leave(p);
    return e;
}

pl_expr *pp_condition(pl_parser *p)
{
    pl_expr *e = pp_expr(p);
    if (e && e->sty == STY_COLL) return pp_not_scalar(p, e), NULL;
    if (e && is_scalar(e)) {
        pp_error(p, e->off, PLS_WRONG_TYPE);
        return NULL;
    }
    return e;
}
