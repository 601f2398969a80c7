/*
 * plsql_sqltext.c - embedded SQL: the statement's text as written, with the
 * PL/SQL variables, record fields and host binds it mentions replaced by
 * placeholders :1, :2 ... (one per occurrence, in order), and the list of
 * expressions that give their values when the statement runs.
 *
 * Oracle takes a name as a column when a table of the statement has that
 * column, and as a variable otherwise.  Where only a column can stand (after
 * a '.', before '(', after AS, an UPDATE SET target, an INSERT column list)
 * no variable is looked for; other variable names are recorded with the
 * tables the statement names, so that the first run can ask the host for
 * their columns (plsql_sql.c) and put back the names that are columns.
 */
#include <stdlib.h>
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
        if (tok_is_op(p->src, t, "("))
            depth++;
        else if (tok_is_op(p->src, t, ")"))
            depth--;
        else if (depth <= 0 && tok_is_op(p->src, t, ";"))
            return i;
    }
    return -1;
}

/* Room for element N of an array that doubles (capacity 4, 8, 16 ...). */
static void *grow(void *v, int n, size_t size)
{
    if (n == 0) return xrealloc(v, size * 4);
    if (n >= 4 && (n & (n - 1)) == 0) return xrealloc(v, size * (size_t)n * 2);
    return v;
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
    b->offs = grow(b->offs, b->nbinds, sizeof *b->offs);
    b->offs[b->nbinds++] = (int)b->text.len;
    buf_printf(&b->text, ":%d", b->nbinds);
}

/* A variable placeholder for token I, whose name may turn out to be a column's. */
static void add_variable(pl_parser *p, pp_sql_builder *b, int i, int slot)
{
    const sql_token *t = tok_at(p, i);
    pl_expr *e = pp_new_expr(p, EX_VAR, t->off);
    e->slot = slot;
    b->names = grow(b->names, b->nnames, sizeof *b->names);
    struct pl_sql_name *n = &b->names[b->nnames++];
    n->bind = b->nbinds;
    n->name = pp_decl(p, slot)->name;
    n->text = pl_strndup(&p->prog->arena, p->src + t->off, (size_t)t->len);
    add_bind(b, e);
}

static int in_from_list(const pp_sql_builder *b)
{
    return b->depth < 64 && (b->from_list >> b->depth & 1);
}

/* Keep track of FROM lists (where "a, b" names tables) as token I goes by. */
static void follow_clauses(const pl_parser *p, pp_sql_builder *b, int i)
{
    static const char *const ends[] = {"WHERE",  "GROUP", "ORDER",     "HAVING", "CONNECT",
                                       "START",  "UNION", "INTERSECT", "MINUS",  "FETCH",
                                       "OFFSET", "FOR",   "SET",       "VALUES", NULL};
    uint64_t bit = b->depth < 64 ? (uint64_t)1 << b->depth : 0;
    if (op_at(p, i, "(")) {
        b->depth++;
    } else if (op_at(p, i, ")")) {
        b->from_list &= ~bit;
        if (b->depth > 0) b->depth--;
    } else if (word_at(p, i, "FROM")) {
        b->from_list |= bit;
    } else {
        for (int k = 0; ends[k]; k++)
            if (word_at(p, i, ends[k])) b->from_list &= ~bit;
    }
}

/* Does token I name a table (or view): after FROM, JOIN, UPDATE, INTO ..., in a FROM list? */
static int table_at(const pl_parser *p, const pp_sql_builder *b, int i, int from)
{
    static const char *const before[] = {"FROM", "JOIN", "UPDATE", "INTO", "USING", "TABLE", NULL};
    if (i == from || !tok_is_name(tok_at(p, i)) || op_at(p, i + 1, "(")) return 0;
    for (int k = 0; before[k]; k++)
        if (word_at(p, i - 1, before[k])) return 1;
    if (word_at(p, i - 1, "DELETE") && !word_at(p, i, "FROM")) return 1;
    return op_at(p, i - 1, ",") && in_from_list(b);
}

/* Copy the table named at token I ([schema.]name), and record it for its columns unless
 * it is an INSERT's target (whose columns VALUES cannot see); returns the last token used. */
static int add_table(pl_parser *p, pp_sql_builder *b, int i)
{
    int last = op_at(p, i + 1, ".") && tok_is_name(tok_at(p, i + 2)) ? i + 2 : i;
    const sql_token *t = tok_at(p, i), *end = tok_at(p, last);
    size_t len = (size_t)(end->off + end->len - t->off);
    buf_put(&b->text, p->src + t->off, len);
    if (last == i && word_at(p, i, "DUAL")) return last;
    if (word_at(p, i - 1, "INTO") && word_at(p, i - 2, "INSERT")) return last;
    for (int k = 0; k < b->ntables; k++)
        if (strlen(b->tables[k]) == len && strncmp(b->tables[k], p->src + t->off, len) == 0)
            return last;
    b->tables = grow(b->tables, b->ntables, sizeof *b->tables);
    b->tables[b->ntables++] = pl_strndup(&p->prog->arena, p->src + t->off, len);
    return last;
}

/* The slot of the variable token I names, or -1 when only a column can stand there. */
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
    if (kind == TY_CURSOR || kind == TY_EXCEPTION || kind == TY_COLL_TYPE || kind == TY_COLLECTION)
        return -1;
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

static int add_record_field(pl_parser *p, pp_sql_builder *b, int i, int slot)
{
    pl_expr *e = pp_new_expr(p, EX_FIELD, tok_at(p, i)->off);
    char field[SQL_IDENT_MAX + 1];
    tok_name(p->src, tok_at(p, i + 2), field, sizeof field);
    e->slot = slot;
    e->name = pp_strdup(p, field);
    add_bind(b, e);
    return i + 2;
}

/* Copy token I (or replace it); returns the index of the last token used. */
static int add_token(pl_parser *p, pp_sql_builder *b, int i, int from)
{
    const sql_token *t = tok_at(p, i);
    if (t->type == TK_BIND) {
        pl_expr *e = pp_new_expr(p, EX_BIND, t->off);
        e->slot = pp_bind_index(p, t, PLSQL_BIND_READ);
        pp_scalar_bind(p, e->slot, e->off);
        add_bind(b, e);
        return i;
    }
    if (table_at(p, b, i, from)) return add_table(p, b, i);
    pl_expr *element;
    int element_end = pp_sql_collection(p, i, &element);
    if (element_end >= 0) {
        add_bind(b, element);
        return element_end;
    }
    int slot = variable_at(p, i, from);
    if (slot >= 0 && pp_decl(p, slot)->type.kind == TY_RECORD)
        return add_record_field(p, b, i, slot);
    if (slot >= 0) {
        add_variable(p, b, i, slot);
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
        int last = add_token(p, b, i, from);
        for (; i <= last; i++)
            follow_clauses(p, b, i);
        i = last;
        prev_end = tok_at(p, i)->off + tok_at(p, i)->len;
    }
}

/* N elements of SIZE bytes copied into the program's arena. */
static void *arena_copy(pl_parser *p, const void *v, int n, size_t size)
{
    if (n == 0) return NULL;
    void *copy = pl_alloc(&p->prog->arena, size * (size_t)n);
    memcpy(copy, v, size * (size_t)n);
    return copy;
}

void pp_sql_end(pl_parser *p, pp_sql_builder *b, pl_sql *out)
{
    out->id = p->prog->nsqls++;
    out->text = pl_strndup(&p->prog->arena, buf_cstr(&b->text), b->text.len);
    out->binds = b->binds;
    out->nbinds = b->nbinds;
    out->bind_offs = arena_copy(p, b->offs, b->nbinds, sizeof *b->offs);
    out->names = arena_copy(p, b->names, b->nnames, sizeof *b->names);
    out->nnames = b->nnames;
    out->tables = arena_copy(p, b->tables, b->ntables, sizeof *b->tables);
    out->ntables = b->ntables;
    buf_free(&b->text);
    free(b->offs);
    free(b->names);
    free(b->tables);
}
