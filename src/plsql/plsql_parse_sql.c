/*
 * plsql_parse_sql.c - statements that carry SQL: DML and transaction
 * control, SELECT ... INTO, EXECUTE IMMEDIATE, OPEN / FETCH / CLOSE of
 * declared cursors, and the query of a cursor FOR loop.
 */
#include "plsql_parse.h"

static int word_at(const pl_parser *p, int i, const char *kw)
{
    return i >= 0 && i < p->toks.n && tok_is_word(p->src, &p->toks.v[i], kw);
}

/* The ';' that ends the statement starting at the current token (-1 with an error). */
static int statement_end(pl_parser *p)
{
    int end = pp_statement_end(p, p->pos);
    if (end >= 0) return end;
    p->pos = p->toks.n - 1;
    return pp_syntax_error(p, ";");
}

/* The first KW outside parentheses in FROM..TO, or -1. */
static int find_word(const pl_parser *p, int from, int to, const char *kw)
{
    int depth = 0;
    for (int i = from; i < to; i++) {
        const sql_token *t = &p->toks.v[i];
        if (tok_is_op(p->src, t, "("))
            depth++;
        else if (tok_is_op(p->src, t, ")"))
            depth--;
        else if (depth == 0 && tok_is_word(p->src, t, kw))
            return i;
    }
    return -1;
}

static pl_stmt *restriction(pl_parser *p, int off, const char *what)
{
    pp_error(p, off, PLS_RESTRICTION, what);
    return NULL;
}

pl_stmt *pp_sql_statement(pl_parser *p)
{
    int off = pp_tok(p)->off, end = statement_end(p);
    if (end < 0) return NULL;
    int returning = find_word(p, p->pos, end, "RETURNING");
    if (returning >= 0) return restriction(p, p->toks.v[returning].off, "RETURNING INTO");
    pl_stmt *s = pp_new_stmt(p, ST_SQL, off);
    pp_sql_builder b;
    pp_sql_begin(&b);
    b.insert_columns = pp_at_word(p, "INSERT");
    pp_sql_add(p, &b, p->pos, end);
    pp_sql_end(p, &b, &s->sql);
    p->pos = end + 1;
    return s;
}

pl_stmt *pp_select_into(pl_parser *p)
{
    int off = pp_tok(p)->off, start = p->pos, end = statement_end(p);
    if (end < 0) return NULL;
    int into = find_word(p, start, end, "INTO");
    if (into < 0) {
        pp_error(p, off, 428, "an INTO clause is expected in this SELECT statement");
        return NULL;
    }
    int bulk = word_at(p, into - 1, "COLLECT") && word_at(p, into - 2, "BULK");
    pl_stmt *s = pp_new_stmt(p, ST_SELECT_INTO, off);
    p->pos = bulk ? into - 1 : into + 1;
    if (bulk ? pp_bulk_into(p, s, 0) < 0 : !(s->target = pp_target_list(p, &s->ntargets)))
        return NULL;
    if (!pp_at_word(p, "FROM")) return pp_syntax_error(p, ", from"), NULL;
    pp_sql_builder b;
    pp_sql_begin(&b);
    pp_sql_add(p, &b, start, bulk ? into - 2 : into);
    pp_sql_add(p, &b, p->pos, end);
    pp_sql_end(p, &b, &s->sql);
    p->pos = end + 1;
    return s;
}

/* USING [IN] value {, [IN] value} */
static int using_list(pl_parser *p, pl_stmt *s)
{
    pl_expr **tail = &s->args;
    do {
        pp_accept_word(p, "IN");
        if (pp_at_word(p, "OUT")) return pp_error(p, pp_tok(p)->off, PLS_RESTRICTION, "OUT binds");
        pl_expr *e = pp_expr(p);
        if (!e) return -1;
        if (e->sty == STY_BOOL)
            return pp_error(p, e->off, 457, "expressions have to be of SQL types");
        if (++s->nargs > PL_MAX_ARGS) return pp_error(p, e->off, PLS_RESTRICTION, "too many binds");
        *tail = e, tail = &e->next;
    } while (pp_accept_op(p, ","));
    return 0;
}

pl_stmt *pp_execute_immediate(pl_parser *p)
{
    pl_stmt *s = pp_new_stmt(p, ST_EXECUTE, pp_tok(p)->off);
    p->pos++;
    if (pp_expect_word(p, "IMMEDIATE", "immediate") < 0 || !(s->value = pp_expr(p))) return NULL;
    if (s->value->sty == STY_BOOL) return pp_error(p, s->value->off, PLS_WRONG_TYPE), NULL;
    if (pp_at_word(p, "BULK")) return restriction(p, pp_tok(p)->off, "BULK COLLECT");
    if (pp_accept_word(p, "INTO") && !(s->target = pp_target_list(p, &s->ntargets))) return NULL;
    if (pp_accept_word(p, "USING") && using_list(p, s) < 0) return NULL;
    if (pp_at_word(p, "RETURNING") || pp_at_word(p, "RETURN"))
        return restriction(p, pp_tok(p)->off, "RETURNING INTO");
    if (pp_expect_op(p, ";", "; into using") < 0) return NULL;
    return s;
}

int pp_cursor_slot(pl_parser *p)
{
    int off = pp_tok(p)->off;
    char name[SQL_IDENT_MAX + 1];
    if (!pp_at_name(p)) return pp_syntax_error(p, "<an identifier>");
    pp_name(p, name);
    int slot = pp_lookup(p, name);
    if (slot < 0) return pp_error(p, off, PLS_NOT_DECLARED, name);
    if (pp_decl(p, slot)->type.kind != TY_CURSOR)
        return pp_error(p, off, 456, "item '%s' is not a cursor", name);
    p->pos++;
    return slot;
}

/* Is the name or bind at the current token a cursor variable (SYS_REFCURSOR), not a declared
 * cursor?  A bind is one (the client binds a cursor). */
static int at_cursor_variable(pl_parser *p)
{
    if (pp_tok(p)->type == TK_BIND) return 1;
    if (!pp_at_name(p)) return 0;
    char name[SQL_IDENT_MAX + 1];
    pp_name(p, name);
    int slot = pp_lookup(p, name);
    return slot >= 0 && pp_decl(p, slot)->type.kind == TY_REFCURSOR;
}

/* OPEN cv FOR query | text-expression [USING args]: the current token is the variable. */
static pl_stmt *open_for(pl_parser *p, pl_stmt *s)
{
    s->kind = ST_OPEN_FOR;
    int n;
    if (!(s->target = pp_target_list(p, &n))) return NULL;
    if (n != 1) return pp_syntax_error(p, "for"), NULL;
    if (pp_expect_word(p, "FOR", "for") < 0) return NULL;
    if (pp_at_word(p, "SELECT") || pp_at_word(p, "WITH") || pp_at_op(p, "(")) {
        int end = pp_statement_end(p, p->pos);
        if (end < 0) return pp_syntax_error(p, ";"), NULL;
        pp_sql_builder b;
        pp_sql_begin(&b);
        pp_sql_add(p, &b, p->pos, end);
        pp_sql_end(p, &b, &s->sql);
        p->pos = end;
    } else {
        if (!(s->value = pp_expr(p))) return NULL;
        if (pp_accept_word(p, "USING")) {
            pl_expr **tail = &s->args;
            do {
                pp_accept_word(p, "IN");
                if (!(*tail = pp_expr(p))) return NULL;
                tail = &(*tail)->next;
                s->nargs++;
            } while (pp_accept_op(p, ","));
        }
    }
    return pp_expect_op(p, ";", ";") < 0 ? NULL : s;
}

/* What a FETCH fetches into: INTO targets, or BULK COLLECT INTO collections [LIMIT n]. */
static int fetch_into(pl_parser *p, pl_stmt *s)
{
    if (pp_accept_word(p, "BULK")) return pp_bulk_into(p, s, 1);
    if (pp_expect_word(p, "INTO", "into bulk") < 0) return -1;
    return (s->target = pp_target_list(p, &s->ntargets)) ? 0 : -1;
}

/* FETCH cv INTO targets; / CLOSE cv; of a cursor variable. */
static pl_stmt *cursor_variable_statement(pl_parser *p, pl_stmt *s)
{
    s->kind = s->kind == ST_FETCH ? ST_FETCH_REF : ST_CLOSE_REF;
    if (!(s->value = pp_expr(p))) return NULL;
    if (s->kind == ST_FETCH_REF && fetch_into(p, s) < 0) return NULL;
    return pp_expect_op(p, ";", ";") < 0 ? NULL : s;
}

pl_stmt *pp_cursor_statement(pl_parser *p)
{
    pl_stmt_kind kind = pp_at_word(p, "OPEN")    ? ST_OPEN
                        : pp_at_word(p, "FETCH") ? ST_FETCH
                                                 : ST_CLOSE;
    pl_stmt *s = pp_new_stmt(p, kind, pp_tok(p)->off);
    p->pos++;
    if (at_cursor_variable(p))
        return kind == ST_OPEN ? open_for(p, s) : cursor_variable_statement(p, s);
    if ((s->slot = pp_cursor_slot(p)) < 0) return NULL;
    if (kind == ST_OPEN && (pp_at_op(p, "(") || pp_at_word(p, "FOR")))
        return restriction(p, pp_tok(p)->off, "cursor parameters and OPEN FOR");
    if (kind == ST_FETCH && fetch_into(p, s) < 0) return NULL;
    if (pp_expect_op(p, ";", ";") < 0) return NULL;
    return s;
}

int pp_parenthesized_query(pl_parser *p, pl_sql *out)
{
    int open = p->pos, depth = 0, close = -1;
    for (int i = open; i < p->toks.n && p->toks.v[i].type != TK_EOF && close < 0; i++) {
        depth += tok_is_op(p->src, &p->toks.v[i], "(") - tok_is_op(p->src, &p->toks.v[i], ")");
        if (depth == 0) close = i;
    }
    if (close < 0) {
        p->pos = p->toks.n - 1;
        return pp_syntax_error(p, ")");
    }
    pp_sql_builder b;
    pp_sql_begin(&b);
    pp_sql_add(p, &b, open + 1, close);
    pp_sql_end(p, &b, out);
    p->pos = close + 1;
    return 0;
}
