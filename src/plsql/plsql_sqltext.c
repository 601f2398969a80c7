/*
 * plsql_sqltext.c - embedded SQL: the statement's text as written, with the
 * PL/SQL variables, record fields and host binds it mentions replaced by
 * placeholders :1, :2 ... (one per occurrence, in order), and the list of
 * expressions that give their values when the statement runs.
 *
 * Oracle would look at the tables first (a column wins over a variable of the
 * same name); the compiler has no dictionary, so a name that is a variable in
 * scope is taken as the variable, except where only a column can stand: after
 * a '.', before '(' or '.', after AS, as an UPDATE SET target and in an
 * INSERT column list.
 */
#include <string.h>

#include "plsql_parse.h"

static const sql_token *tok_at(const pl_parser *p, int i)
{
    return &p->toks.v[i < p->toks.n ? i : p->toks.n - 1];
}

static int op_at(const pl_parser *p, int i, const char *op)
{
    return i >= 0 && tok_is_op(p->src, tok_at(p, i), op);
}

static int word_at(const pl_parser *p, int i, const char *kw)
{
    return i >= 0 && tok_is_word(p->src, tok_at(p, i), kw);
}

int pp_statement_end(pl_parser *p, int from)
{
    int depth = 0;
    for (int i = from; i < p->toks.n; i++) {
        const sql_token *t = tok_at(p, i);
        if (t->type == TK_EOF) return -1;
        if (tok_is_op(p->src, t, "(")) depth++;
        else if (tok_is_op(p->src, t, ")")) depth--;
        else if (depth <= 0 && tok_is_op(p->src, t, ";")) return i;
    }
    return -1;
}

void pp_sql_begin(pp_sql_builder *b)
{
    memset(b, 0, sizeof *b);
    buf_init(&b->text);
    b->tail = &b->binds;
}

static void add_bind(pp_sql_builder *b, pl_expr *e)
{
    *b->tail = e;
    b->tail = &e->next;
    b->nbinds++;
    buf_printf(&b->text, ":%d", b->nbinds);
}

/* The slot of the variable token I names, or -1 when it is (or may be) a column. */
static int variable_at(const pl_parser *p, int i, int from)
{
    const sql_token *t = tok_at(p, i);
    if (!tok_is_name(t)) return -1;
    if (i > from && (op_at(p, i - 1, ".") || word_at(p, i - 1, "AS"))) return -1;
    if (op_at(p, i + 1, "(")) return -1;
    if (op_at(p, i + 1, "=") && i > from && (word_at(p, i - 1, "SET") || op_at(p, i - 1, ",")))
        return -1; /* UPDATE ... SET col = */
    char name[SQL_IDENT_MAX + 1];
    tok_name(p->src, t, name, sizeof name);
    int slot = pp_lookup(p, name);
    if (slot < 0) return -1;
    pl_type_kind kind = pp_decl(p, slot)->type.kind;
    if (kind == TY_CURSOR || kind == TY_EXCEPTION) return -1;
    if (kind == TY_RECORD) return op_at(p, i + 1, ".") && tok_is_name(tok_at(p, i + 2)) ? slot : -1;
    return op_at(p, i + 1, ".") ? -1 : slot;
}

/* INSERT INTO [schema.]t ( ... ): the index of the ')' closing a column list at I, or -1. */
static int column_list_end(const pl_parser *p, int i)
{
    int name = i - 1;
    if (!op_at(p, i, "(") || name < 0 || !tok_is_name(tok_at(p, name))) return -1;
    if (op_at(p, name - 1, ".")) name -= 2;
    if (!word_at(p, name - 1, "INTO") || word_at(p, i + 1, "SELECT") || word_at(p, i + 1, "WITH"))
        return -1;
    int depth = 0;
    for (int k = i; k < p->toks.n && tok_at(p, k)->type != TK_EOF; k++) {
        depth += op_at(p, k, "(") - op_at(p, k, ")");
        if (depth == 0) return k;
    }
    return -1;
}

/* Copy token I (or replace it); returns the index of the last token used. */
static int add_token(pl_parser *p, pp_sql_builder *b, int i, int from)
{
    const sql_token *t = tok_at(p, i);
    int slot = variable_at(p, i, from);
    if (t->type == TK_BIND) {
        pl_expr *e = pp_new_expr(p, EX_BIND, t->off);
        e->slot = pp_bind_index(p, t);
        add_bind(b, e);
        return i;
    }
    if (slot >= 0 && pp_decl(p, slot)->type.kind == TY_RECORD) {
        pl_expr *e = pp_new_expr(p, EX_FIELD, t->off);
        char field[SQL_IDENT_MAX + 1];
        tok_name(p->src, tok_at(p, i + 2), field, sizeof field);
        e->slot = slot;
        e->name = pp_strdup(p, field);
        add_bind(b, e);
        return i + 2;
    }
    if (slot >= 0) {
        pl_expr *e = pp_new_expr(p, EX_VAR, t->off);
        e->slot = slot;
        add_bind(b, e);
        return i;
    }
    int end = b->insert_columns ? column_list_end(p, i) : -1;
    if (end < 0) end = i;
    const sql_token *last = tok_at(p, end);
    buf_put(&b->text, p->src + t->off, (size_t)(last->off + last->len - t->off));
    return end;
}

void pp_sql_add(pl_parser *p, pp_sql_builder *b, int from, int to)
{
    if (b->text.len) buf_putc(&b->text, ' ');
    int prev_end = -1;
    for (int i = from; i < to; i++) {
        const sql_token *t = tok_at(p, i);
        if (prev_end >= 0) buf_put(&b->text, p->src + prev_end, (size_t)(t->off - prev_end));
        i = add_token(p, b, i, from);
        prev_end = tok_at(p, i)->off + tok_at(p, i)->len;
    }
}

void pp_sql_end(pl_parser *p, pp_sql_builder *b, pl_sql *out)
{
    out->text = pl_strndup(&p->prog->arena, buf_cstr(&b->text), b->text.len);
    out->binds = b->binds;
    out->nbinds = b->nbinds;
    buf_free(&b->text);
}
