/*
 * plsql_parse.c - the compiler's entry point and its statement grammar:
 * blocks with their declarations and exception handlers, assignments, IF,
 * CASE, the loops and EXIT/CONTINUE, RAISE, RETURN and procedure calls.
 * Statements carrying SQL are in plsql_parse_sql.c, expressions in
 * plsql_parse_expr.c, declarations in plsql_parse_decl.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plsql_collection.h"
#include "plsql_parse.h"

static pl_block *parse_block(pl_parser *p);

pl_stmt *pp_new_stmt(pl_parser *p, pl_stmt_kind kind, int off)
{
    pl_stmt *s = pl_alloc(&p->prog->arena, sizeof *s);
    s->kind = kind;
    s->off = off;
    s->line = pp_line(p, off);
    s->slot = -1;
    s->cursor = -1;
    return s;
}

/* ---------------- assignment targets ---------------- */

static pl_target *new_target(pl_parser *p, enum pl_target_kind kind, int slot, int off)
{
    pl_target *t = pl_alloc(&p->prog->arena, sizeof *t);
    t->kind = kind;
    t->slot = slot;
    t->off = off;
    return t;
}

/* Variable MEMBER of package REF as something to assign to. */
static pl_target *package_target(pl_parser *p, int off, const pl_package_ref *ref,
                                 const char *member)
{
    int slot = pp_package_slot(ref, member);
    if (slot < 0) {
        pp_error(p, off, PLS_NO_COMPONENT, member);
        return NULL;
    }
    const pl_decl *d = ref->spec.decls[slot];
    if (d->constant || d->type.kind == TY_CURSOR || d->type.kind == TY_EXCEPTION) {
        pp_error(p, off, PLS_NOT_TARGET, member);
        return NULL;
    }
    pl_target *t = new_target(p, TG_PKG_VAR, slot, off);
    t->pkg = ref;
    return t;
}

/* NAME or NAME.FIELD as something to assign to (NAME.FIELD also a package's variable). */
static pl_target *resolve_target(pl_parser *p, int off, const char *name, const char *field)
{
    int slot = pp_lookup(p, name);
    if (slot < 0 && field && pp_is_own_package(p, name)) return resolve_target(p, off, field, NULL);
    const pl_package_ref *ref = slot < 0 && field ? pp_package(p, NULL, name, off) : NULL;
    if (ref) return package_target(p, off, ref, field);
    if (p->err->code) return NULL;
    if (slot < 0) {
        if (field)
            pp_error(p, off, PLS_NOT_DECLARED_DOTTED, name, field);
        else
            pp_error(p, off, PLS_NOT_DECLARED, name);
        return NULL;
    }
    const pl_decl *d = pp_decl(p, slot);
    if (field && d->type.kind == TY_RECORD) {
        pl_target *t = new_target(p, TG_FIELD, slot, off);
        t->name = pp_strdup(p, field);
        return t;
    }
    if (field) {
        pp_error(p, off, PLS_NO_COMPONENT, field);
        return NULL;
    }
    int kind = d->type.kind;
    int rowtype = kind == TY_RECORD &&
                  (d->type.rowtype_table || d->type.rowtype_cursor || d->type.record);
    if (d->constant || d->read_only || (kind == TY_RECORD && !rowtype) || kind == TY_CURSOR ||
        kind == TY_EXCEPTION || kind == TY_COLL_TYPE) {
        pp_error(p, off, PLS_NOT_TARGET, name);
        return NULL;
    }
    return new_target(p, TG_VAR, slot, off);
}

/* :bind, name or name.field; the tokens are consumed. */
static pl_target *parse_target(pl_parser *p)
{
    int off = pp_tok(p)->off;
    if (pp_tok(p)->type == TK_BIND) {
        pl_target *t = new_target(p, TG_BIND, pp_bind_index(p, pp_tok(p), PLSQL_BIND_WRITTEN), off);
        p->pos++;
        return t;
    }
    if (!pp_at_name(p)) return pp_syntax_error(p, "<an identifier> <a bind variable>"), NULL;
    char name[SQL_IDENT_MAX + 1], field[SQL_IDENT_MAX + 1];
    pp_name(p, name);
    p->pos++;
    if (pp_at_op(p, "(") && pp_is_collection(p, pp_lookup(p, name)))
        return pp_element_target(p, NULL, pp_lookup(p, name), off);
    int dotted = pp_at_op(p, ".") && tok_is_name(pp_peek(p, 1));
    if (dotted) {
        p->pos++;
        pp_name(p, field);
        p->pos++;
    }
    return resolve_target(p, off, name, dotted ? field : NULL);
}

pl_target *pp_target_list(pl_parser *p, int *count)
{
    pl_target *head = NULL, **tail = &head;
    *count = 0;
    do {
        pl_target *t = parse_target(p);
        if (!t) return NULL;
        if (t->kind == TG_VAR && pp_is_collection(p, t->slot))
            return pp_error(p, t->off, PLS_INTO_TYPE, pp_decl(p, t->slot)->name), NULL;
        if (t->kind == TG_BIND && pp_scalar_bind(p, t->slot, t->off) < 0) return NULL;
        if (++*count > PL_MAX_ARGS) return pp_error(p, t->off, PLS_RESTRICTION, "INTO list"), NULL;
        *tail = t, tail = &t->next;
    } while (pp_accept_op(p, ","));
    return head;
}

/* ---------------- assignments and procedure calls ---------------- */

static pl_stmt *assignment(pl_parser *p, pl_target *target)
{
    pl_stmt *s = pp_new_stmt(p, ST_ASSIGN, target->off);
    s->target = target;
    if (target->kind == TG_VAR && pp_decl(p, target->slot)->type.kind == TY_RECORD)
        return pp_error(p, target->off, PLS_RESTRICTION, "assignment of a whole record"), NULL;
    p->pos++; /* := */
    if (pp_collection_assignment(p, s) < 0) return NULL;
    int want = s->kind == ST_COLL_ASSIGN ? STY_UNKNOWN : pp_target_sty(p, target);
    if ((want == STY_BOOL && s->value->sty == STY_SCALAR) ||
        (want == STY_SCALAR && s->value->sty == STY_BOOL))
        return pp_error(p, s->value->off, PLS_WRONG_TYPE), NULL;
    if (pp_expect_op(p, ";", EXPECT_OPERATOR) < 0) return NULL;
    return s;
}

/* A BOOLEAN where the built-in takes one (KEEPERRORS, CACHE, the trace switches' WAITS and
 * BINDS) and nowhere else; OUT arguments must be assignable. */
static int check_builtin_argument(pl_parser *p, void *call, int i, pl_expr *e)
{
    const pl_stmt *s = call;
    const pl_builtin *b = s->builtin;
    int boolean = (b->bools & 1u << i) != 0;
    if ((e->sty == STY_BOOL && !boolean) || (e->sty == STY_SCALAR && boolean))
        return pp_error(p, s->off, PLS_WRONG_ARGS, b->name);
    return b->out & 1u << i ? pp_out_argument(p, e) : 0;
}

static int call_arguments(pl_parser *p, pl_stmt *s)
{
    const pl_builtin *b = s->builtin;
    s->argv = pl_alloc(&p->prog->arena, sizeof *s->argv * (size_t)(b->max_args + 1));
    pp_formals a = {b->name, b->params, b->max_args, s->off, s->argv, check_builtin_argument, s};
    if (pp_arguments(p, &a) < 0) return -1;
    for (int i = 0; i < b->min_args; i++)
        if (!s->argv[i]) return pp_error(p, s->off, PLS_WRONG_ARGS, b->name);
    return pp_expect_op(p, ";", ";");
}

/* A call of stored procedure SIG. */
static pl_stmt *unit_call(pl_parser *p, int off, const pl_signature *sig)
{
    if (sig->is_function) {
        pp_error(p, off, 221, "'%s' is not a procedure or is undefined", sig->name);
        return NULL;
    }
    pl_stmt *s = pp_new_stmt(p, ST_UNIT_CALL, off);
    if (!(s->call = pp_call_arguments(p, sig, off))) return NULL;
    return pp_expect_op(p, ";", ";") < 0 ? NULL : s;
}

/* After a collection's name (package PKG's variable SLOT, or the program's): v(i) := x; or
 * v.DELETE ...; */
static pl_stmt *collection_statement(pl_parser *p, const pl_package_ref *pkg, int slot, int off)
{
    if (pp_at_op(p, "(")) {
        pl_target *t = pp_element_target(p, pkg, slot, off);
        if (t && !pp_at_op(p, ":=")) return pp_syntax_error(p, ":="), NULL;
        return t ? assignment(p, t) : NULL;
    }
    if (!pp_at_op(p, ".") || !tok_is_name(pp_peek(p, 1)))
        return pp_syntax_error(p, EXPECT_AFTER_NAME), NULL;
    char member[SQL_IDENT_MAX + 1];
    tok_name(p->src, pp_peek(p, 1), member, sizeof member);
    p->pos += 2;
    return pp_collection_statement(p, pkg, slot, member, off);
}

/* A statement naming [schema.]package.member (the cursor on its first name): a call of the
 * package's procedure, or an assignment to its variable.  NULL, with no error set, when the name
 * is no package's. */
static pl_stmt *package_statement(pl_parser *p, int off)
{
    char member[SQL_IDENT_MAX + 1];
    int at;
    const pl_package_ref *ref = pp_package_member(p, member, &at);
    if (!ref) return NULL;
    int slot = pp_package_slot(ref, member);
    if (slot >= 0 && ref->spec.decls[slot]->type.kind == TY_COLLECTION && !pp_at_op(p, ":="))
        return collection_statement(p, ref, slot, off);
    if (pp_at_op(p, ":=")) {
        pl_target *t = package_target(p, off, ref, member);
        return t ? assignment(p, t) : NULL;
    }
    const pl_signature *sig = pp_package_subprogram(p, ref, member);
    if (sig) return unit_call(p, off, sig);
    pp_error(p, off, PLS_NO_COMPONENT, member);
    return NULL;
}

static pl_stmt *procedure_call(pl_parser *p, int off, const char *name, const char *member)
{
    int package_known = 0;
    const pl_builtin *b = member ? pl_builtin_find(name, member, &package_known)
                                 : pl_builtin_find(NULL, name, &package_known);
    const pl_signature *sig = NULL;
    if (!b && (member ? !package_known : pp_lookup(p, name) < 0))
        sig = member ? pp_find_unit(p, name, member, off) : pp_find_unit(p, NULL, name, off);
    if (sig) return unit_call(p, off, sig);
    if (p->err->code) return NULL;
    if (!b) {
        if (member && package_known)
            pp_error(p, off, PLS_NO_COMPONENT, member);
        else if (member)
            pp_error(p, off, PLS_NOT_DECLARED_DOTTED, name, member);
        else if (pp_lookup(p, name) >= 0)
            pp_error(p, off, 221, "'%s' is not a procedure or is undefined", name);
        else
            pp_error(p, off, PLS_NOT_DECLARED, name);
        return NULL;
    }
    pl_stmt *s = pp_new_stmt(p, ST_CALL, off);
    s->builtin = b;
    return call_arguments(p, s) < 0 ? NULL : s;
}

/* A statement starting with a name or bind: assignment or procedure call. */
static pl_stmt *name_statement(pl_parser *p)
{
    int off = pp_tok(p)->off;
    if (pp_tok(p)->type == TK_BIND) {
        pl_target *t = parse_target(p);
        if (pp_at_op(p, ":=")) return assignment(p, t);
        return pp_syntax_error(p, ":="), NULL;
    }
    char name[SQL_IDENT_MAX + 1], member[SQL_IDENT_MAX + 1];
    int start = p->pos;
    pp_name(p, name);
    p->pos++;
    int slot = pp_lookup(p, name);
    if (pp_is_collection(p, slot) && !pp_at_op(p, ":=")) return collection_statement(p, NULL, slot, off);
    int dotted = pp_at_op(p, ".") && tok_is_name(pp_peek(p, 1));
    if (dotted && slot < 0) {
        if (pp_is_own_package(p, name)) { /* package.member inside the package: the member */
            p->pos = start + 2;
            return name_statement(p);
        }
        int builtin_package;
        pl_builtin_find(name, "", &builtin_package);
        p->pos = start;
        pl_stmt *s = builtin_package ? NULL : package_statement(p, off);
        if (s || p->err->code) return s;
        p->pos = start + 1;
    }
    if (dotted) {
        tok_name(p->src, pp_peek(p, 1), member, sizeof member);
        p->pos += 2;
        if (pp_at_op(p, ".") && tok_is_name(pp_peek(p, 1))) /* schema.package.member: none */
            return pp_error(p, off, PLS_NOT_DECLARED_DOTTED, name, member), NULL;
    }
    if (pp_at_op(p, ":=")) {
        p->pos = start;
        pl_target *t = parse_target(p);
        return t ? assignment(p, t) : NULL;
    }
    if (!pp_at_op(p, "(") && !pp_at_op(p, ";")) return pp_syntax_error(p, EXPECT_AFTER_NAME), NULL;
    return procedure_call(p, off, name, dotted ? member : NULL);
}

/* ---------------- IF and CASE ---------------- */

static int expect_end(pl_parser *p, const char *what)
{
    if (pp_expect_word(p, "END", "end") < 0) return -1;
    if (pp_expect_word(p, what, what) < 0) return -1;
    if (strcmp(what, "IF") != 0 && pp_at_name(p)) p->pos++; /* END LOOP label */
    return pp_expect_op(p, ";", ";");
}

/* value THEN statements, for IF, ELSIF and CASE arms. */
static int condition_then(pl_parser *p, pl_stmt *s, int boolean)
{
    s->value = boolean ? pp_condition(p) : pp_expr(p);
    if (!s->value || pp_expect_word(p, "THEN", EXPECT_OPERATOR) < 0) return -1;
    return (s->body = pp_statements(p)) ? 0 : -1;
}

static pl_stmt *if_statement(pl_parser *p)
{
    pl_stmt *s = pp_new_stmt(p, ST_IF, pp_tok(p)->off), *arm = s;
    p->pos++;
    if (condition_then(p, s, 1) < 0) return NULL;
    while (pp_at_word(p, "ELSIF")) {
        arm = arm->elsif = pp_new_stmt(p, ST_IF, pp_tok(p)->off);
        p->pos++;
        if (condition_then(p, arm, 1) < 0) return NULL;
    }
    if (pp_accept_word(p, "ELSE") && !(arm->orelse = pp_statements(p))) return NULL;
    return expect_end(p, "IF") < 0 ? NULL : s;
}

static pl_stmt *case_statement(pl_parser *p)
{
    pl_stmt *s = pp_new_stmt(p, ST_CASE, pp_tok(p)->off), **tail = &s->body;
    p->pos++;
    if (!pp_at_word(p, "WHEN") && !(s->value = pp_expr(p))) return NULL;
    if (!pp_at_word(p, "WHEN")) return pp_syntax_error(p, "when"), NULL;
    while (pp_at_word(p, "WHEN")) {
        pl_stmt *arm = pp_new_stmt(p, ST_WHEN, pp_tok(p)->off);
        p->pos++;
        if (condition_then(p, arm, s->value == NULL) < 0) return NULL;
        *tail = arm, tail = &arm->next;
    }
    if (pp_accept_word(p, "ELSE")) {
        s->has_else = 1;
        if (!(s->orelse = pp_statements(p))) return NULL;
    }
    return expect_end(p, "CASE") < 0 ? NULL : s;
}

/* ---------------- loops ---------------- */

static int loop_body(pl_parser *p, pl_stmt *s)
{
    if (pp_expect_word(p, "LOOP", "loop") < 0) return -1;
    p->loops[p->nloops++] = s;
    s->body = pp_statements(p);
    p->nloops--;
    if (!s->body) return -1;
    return expect_end(p, "LOOP");
}

static pl_stmt *while_statement(pl_parser *p, const char *label)
{
    pl_stmt *s = pp_new_stmt(p, ST_WHILE, pp_tok(p)->off);
    s->label = label;
    p->pos++;
    if (!(s->value = pp_condition(p)) || loop_body(p, s) < 0) return NULL;
    return s;
}

static pl_stmt *loop_statement(pl_parser *p, const char *label)
{
    pl_stmt *s = pp_new_stmt(p, ST_LOOP, pp_tok(p)->off);
    s->label = label;
    return loop_body(p, s) < 0 ? NULL : s;
}

static int scalar_bound(pl_parser *p, pl_expr **out)
{
    if (!(*out = pp_expr(p))) return -1;
    return (*out)->sty == STY_BOOL ? pp_error(p, (*out)->off, PLS_WRONG_TYPE) : 0;
}

/* What follows FOR i IN: ( SELECT ... ), a cursor, or [REVERSE] lo .. hi. */
static int for_source(pl_parser *p, pl_stmt *s)
{
    if (pp_at_op(p, "(") && (pp_peek_word(p, 1, "SELECT") || pp_peek_word(p, 1, "WITH"))) {
        s->kind = ST_FOR_QUERY;
        return pp_parenthesized_query(p, &s->sql);
    }
    char name[SQL_IDENT_MAX + 1];
    pp_name(p, name);
    int slot = pp_at_name(p) ? pp_lookup(p, name) : -1;
    if (slot >= 0 && pp_decl(p, slot)->type.kind == TY_CURSOR) {
        s->kind = ST_FOR_QUERY;
        s->cursor = pp_cursor_slot(p);
        return s->cursor < 0 ? -1 : 0;
    }
    s->reverse = pp_accept_word(p, "REVERSE");
    if (scalar_bound(p, &s->lo) < 0 || pp_expect_op(p, "..", EXPECT_OPERATOR) < 0) return -1;
    return scalar_bound(p, &s->hi);
}

static pl_stmt *for_statement(pl_parser *p, const char *label)
{
    pl_stmt *s = pp_new_stmt(p, ST_FOR_RANGE, pp_tok(p)->off);
    s->label = label;
    char name[SQL_IDENT_MAX + 1];
    int off;
    if (pp_declared_name(p, name, &off) < 0 || pp_expect_word(p, "IN", "in") < 0 ||
        for_source(p, s) < 0)
        return NULL;
    int mark = p->nvisible;
    pl_decl *d = pp_declare(p, name, off, &s->slot);
    if (!d) return NULL;
    d->type.kind = s->kind == ST_FOR_RANGE ? TY_PLS_INTEGER : TY_RECORD;
    d->read_only = 1;
    int rc = loop_body(p, s);
    p->nvisible = mark;
    return rc < 0 ? NULL : s;
}

static const pl_stmt *labelled_loop(const pl_parser *p, const char *label)
{
    for (int i = p->nloops - 1; i >= 0; i--)
        if (p->loops[i]->label && strcmp(p->loops[i]->label, label) == 0) return p->loops[i];
    return NULL;
}

/* EXIT [label] [WHEN condition]; CONTINUE likewise. */
static pl_stmt *exit_statement(pl_parser *p)
{
    pl_stmt *s = pp_new_stmt(p, pp_at_word(p, "EXIT") ? ST_EXIT : ST_CONTINUE, pp_tok(p)->off);
    p->pos++;
    if (p->nloops == 0) {
        pp_error(p, s->off, 376, "illegal EXIT/CONTINUE statement; it must appear inside a loop");
        return NULL;
    }
    s->loop = p->loops[p->nloops - 1];
    if (pp_at_name(p)) {
        char label[SQL_IDENT_MAX + 1];
        pp_name(p, label);
        if (!(s->loop = labelled_loop(p, label))) {
            pp_error(p, pp_tok(p)->off, 373, "EXIT label '%s' must label a LOOP statement", label);
            return NULL;
        }
        p->pos++;
    }
    if (pp_accept_word(p, "WHEN") && !(s->value = pp_condition(p))) return NULL;
    return pp_expect_op(p, ";", "; when <an identifier>") < 0 ? NULL : s;
}

/* ---------------- RAISE, RETURN, NULL, labels ---------------- */

static pl_exc_ref *exception_name(pl_parser *p)
{
    int off = pp_tok(p)->off;
    char name[SQL_IDENT_MAX + 1];
    if (!pp_at_name(p)) return pp_syntax_error(p, "<an identifier>"), NULL;
    pl_exc_ref *r = pl_alloc(&p->prog->arena, sizeof *r);
    char member[SQL_IDENT_MAX + 1];
    int at, start = p->pos;
    pp_name(p, name);
    if (pp_lookup(p, name) < 0 && pp_is_own_package(p, name) && pp_peek_op(p, 1, ".")) {
        p->pos += 2; /* package.exception inside the package */
        return exception_name(p);
    }
    if (pp_lookup(p, name) < 0 && pp_peek_op(p, 1, ".") &&
        (r->pkg = pp_package_member(p, member, &at))) { /* another package's */
        r->slot = pp_package_slot(r->pkg, member);
        if (r->slot < 0 || r->pkg->spec.decls[r->slot]->type.kind != TY_EXCEPTION)
            return pp_error(p, off, PLS_NO_COMPONENT, member), NULL;
        return r;
    }
    if (p->err->code) return NULL;
    p->pos = start;
    r->slot = pp_lookup(p, name);
    if (r->slot >= 0 && pp_decl(p, r->slot)->type.kind != TY_EXCEPTION) r->slot = -1;
    r->code = r->slot < 0 ? pl_exception_code(name) : 0;
    if (r->slot < 0 && !r->code) return pp_error(p, off, PLS_NOT_DECLARED, name), NULL;
    p->pos++;
    return r;
}

static pl_stmt *raise_statement(pl_parser *p)
{
    pl_stmt *s = pp_new_stmt(p, ST_RAISE, pp_tok(p)->off);
    p->pos++;
    if (pp_at_op(p, ";")) {
        if (!p->in_handler) {
            pp_error(p, s->off, 367,
                     "a RAISE statement with no exception name must be inside an exception "
                     "handler");
            return NULL;
        }
    } else if (!(s->raise = exception_name(p))) {
        return NULL;
    }
    return pp_expect_op(p, ";", ";") < 0 ? NULL : s;
}

static pl_stmt *simple_statement(pl_parser *p, pl_stmt_kind kind)
{
    pl_stmt *s = pp_new_stmt(p, kind, pp_tok(p)->off);
    p->pos++;
    return pp_expect_op(p, ";", ";") < 0 ? NULL : s;
}

/* RETURN; in a procedure or block, RETURN value; in a function. */
static pl_stmt *return_statement(pl_parser *p)
{
    pl_stmt *s = pp_new_stmt(p, ST_RETURN, pp_tok(p)->off);
    p->pos++;
    if (!p->returns && !pp_at_op(p, ";")) {
        pp_error(p, s->off, 372, "In a procedure, RETURN statement cannot contain an expression");
        return NULL;
    }
    if (p->returns && pp_at_op(p, ";")) {
        pp_error(p, s->off, 503, "RETURN <value> statement required for this return from function");
        return NULL;
    }
    if (p->returns) {
        if (!(s->value = pp_expr(p))) return NULL;
        if ((p->returns->kind == TY_BOOLEAN) != (s->value->sty == STY_BOOL) &&
            s->value->sty != STY_UNKNOWN)
            return pp_error(p, s->value->off, PLS_WRONG_TYPE), NULL;
        if (pp_collection_return(p, s->value) < 0) return NULL;
    }
    return pp_expect_op(p, ";", ";") < 0 ? NULL : s;
}

/* <<name>> before a statement; the last one names a loop. */
static int labels(pl_parser *p, const char **label)
{
    while (pp_at_op(p, "<") && pp_peek_op(p, 1, "<")) {
        p->pos += 2;
        if (!pp_at_name(p)) return pp_syntax_error(p, "<an identifier>");
        char name[SQL_IDENT_MAX + 1];
        pp_name(p, name);
        *label = pp_strdup(p, name);
        p->pos++;
        if (pp_expect_op(p, ">", ">>") < 0 || pp_expect_op(p, ">", ">>") < 0) return -1;
    }
    return 0;
}

static pl_stmt *block_statement(pl_parser *p)
{
    pl_stmt *s = pp_new_stmt(p, ST_BLOCK, pp_tok(p)->off);
    return (s->block = parse_block(p)) ? s : NULL;
}

static int is_sql_verb(const pl_parser *p)
{
    static const char *const verbs[] = {"INSERT",   "UPDATE",    "DELETE", "MERGE", "COMMIT",
                                        "ROLLBACK", "SAVEPOINT", "LOCK",   "SET",   NULL};
    for (int i = 0; verbs[i]; i++)
        if (pp_at_word(p, verbs[i]) && !pp_peek_op(p, 1, ":=")) return 1;
    return 0;
}

static pl_stmt *dispatch_statement(pl_parser *p, const char *label)
{
    if (pp_at_word(p, "NULL")) return simple_statement(p, ST_NULL);
    if (pp_at_word(p, "IF")) return if_statement(p);
    if (pp_at_word(p, "CASE")) return case_statement(p);
    if (pp_at_word(p, "LOOP")) return loop_statement(p, label);
    if (pp_at_word(p, "WHILE")) return while_statement(p, label);
    if (pp_at_word(p, "FOR")) return for_statement(p, label);
    if (pp_at_word(p, "EXIT") || pp_at_word(p, "CONTINUE")) return exit_statement(p);
    if (pp_at_word(p, "BEGIN") || pp_at_word(p, "DECLARE")) return block_statement(p);
    if (pp_at_word(p, "RAISE")) return raise_statement(p);
    if (pp_at_word(p, "RETURN")) return return_statement(p);
    if (pp_at_word(p, "SELECT") || pp_at_word(p, "WITH")) return pp_select_into(p);
    if (pp_at_word(p, "EXECUTE")) return pp_execute_immediate(p);
    if (pp_at_word(p, "OPEN") || pp_at_word(p, "FETCH") || pp_at_word(p, "CLOSE"))
        return pp_cursor_statement(p);
    if (is_sql_verb(p)) return pp_sql_statement(p);
    if (pp_at_word(p, "FORALL")) return pp_forall(p);
    if (pp_at_word(p, "GOTO") || pp_at_word(p, "PIPE"))
        return pp_error(p, pp_tok(p)->off, PLS_RESTRICTION, "GOTO and PIPE ROW"), NULL;
    if (pp_tok(p)->type == TK_BIND || pp_at_name(p)) return name_statement(p);
    return pp_syntax_error(p, EXPECT_STMT), NULL;
}

static pl_stmt *parse_statement(pl_parser *p)
{
    if (++p->nstmts > PL_MAX_STMTS) {
        pl_compile_error(p->err, p->src, pp_tok(p)->off, PLS_TOO_LARGE, "too many statements");
        return NULL;
    }
    const char *label = NULL;
    int saved_off = p->stmt_off;
    if (pp_enter(p) < 0 || labels(p, &label) < 0) return NULL;
    p->stmt_off = pp_tok(p)->off;
    p->ignored = "Statement";
    pl_stmt *s = dispatch_statement(p, label);
    if (p->err->code) s = NULL; /* also one found in its SQL text */
    p->stmt_off = saved_off;
    pp_leave(p);
    return s;
}

/* One or more statements, up to END, ELSIF, ELSE, EXCEPTION or WHEN. */
pl_stmt *pp_statements(pl_parser *p)
{
    static const char *const ends[] = {"END", "ELSIF", "ELSE", "EXCEPTION", "WHEN", NULL};
    pl_stmt *head = NULL, **tail = &head;
    for (;;) {
        pl_stmt *s = parse_statement(p);
        if (!s) return NULL;
        *tail = s, tail = &s->next;
        if (pp_tok(p)->type == TK_EOF) return head;
        for (int i = 0; ends[i]; i++)
            if (pp_at_word(p, ends[i])) return head;
    }
}

/* ---------------- blocks ---------------- */

static pl_handler *handler(pl_parser *p, int *others)
{
    pl_handler *h = pl_alloc(&p->prog->arena, sizeof *h);
    pl_exc_ref **tail = &h->names;
    int off = pp_tok(p)->off;
    if (*others) {
        pp_error(p, off, 370,
                 "OTHERS handler must be last among the exception handlers of a block");
        return NULL;
    }
    if (pp_accept_word(p, "OTHERS")) {
        *others = 1;
    } else {
        do {
            if (!(*tail = exception_name(p))) return NULL;
            tail = &(*tail)->next;
        } while (pp_accept_word(p, "OR"));
    }
    if (pp_expect_word(p, "THEN", "or then") < 0) return NULL;
    p->in_handler++;
    h->body = pp_statements(p);
    p->in_handler--;
    return h->body ? h : NULL;
}

int pp_exception_section(pl_parser *p, pl_block *b)
{
    pl_handler **tail = &b->handlers;
    int others = 0;
    if (!pp_at_word(p, "WHEN")) return pp_syntax_error(p, "pragma when");
    while (pp_accept_word(p, "WHEN")) {
        pl_handler *h = handler(p, &others);
        if (!h) return -1;
        *tail = h, tail = &h->next;
    }
    return 0;
}

/* [DECLARE declarations] BEGIN statements [EXCEPTION handlers] END [name]; */
static pl_block *parse_block(pl_parser *p)
{
    pl_block *b = pl_alloc(&p->prog->arena, sizeof *b);
    int mark = p->nvisible, smark = p->nvsubs, items_end = p->prog->nslots;
    b->first_slot = p->prog->nslots;
    if (pp_accept_word(p, "DECLARE") &&
        (items_end = pp_declarations(p, b->first_slot, DECL_BLOCK)) < 0)
        return NULL;
    b->nslots = items_end - b->first_slot;
    if (pp_expect_word(p, "BEGIN", EXPECT_DECL) < 0) return NULL;
    if (!(b->body = pp_statements(p))) return NULL;
    if (pp_accept_word(p, "EXCEPTION") && pp_exception_section(p, b) < 0) return NULL;
    if (pp_expect_word(p, "END", "end exception") < 0) return NULL;
    if (pp_at_name(p)) p->pos++;
    if (pp_expect_op(p, ";", ";") < 0) return NULL;
    p->nvisible = mark;
    p->nvsubs = smark;
    return b;
}

pl_block *pp_unit_block(pl_parser *p)
{
    pl_block *b = pl_alloc(&p->prog->arena, sizeof *b);
    b->first_slot = p->prog->nslots;
    int items_end = pp_declarations(p, b->first_slot, DECL_BLOCK);
    if (items_end < 0) return NULL;
    b->nslots = items_end - b->first_slot;
    if (pp_expect_word(p, "BEGIN", EXPECT_DECL) < 0) return NULL;
    p->ignored = "Statement";
    if (!(b->body = pp_statements(p))) return NULL;
    if (pp_accept_word(p, "EXCEPTION") && pp_exception_section(p, b) < 0) return NULL;
    if (pp_expect_word(p, "END", "end exception") < 0) return NULL;
    if (pp_at_name(p)) p->pos++;
    if (pp_expect_op(p, ";", ";") < 0) return NULL;
    return b;
}

static pl_block *parse_program(pl_parser *p)
{
    const char *label = NULL;
    if (labels(p, &label) < 0) return NULL;
    if (!pp_at_word(p, "BEGIN") && !pp_at_word(p, "DECLARE"))
        return pp_syntax_error(p, "begin declare"), NULL;
    pl_block *b = parse_block(p);
    if (b && pp_tok(p)->type != TK_EOF) return pp_syntax_error(p, "end-of-file"), NULL;
    return b;
}

/* The lexer's refusal as a compile error at its place. */
static int lexer_error(const char *text, ora_error *err)
{
    if (err->code != 911) { /* unterminated quote or comment: as SQL reports it */
        err->offset = 0;
        return -1;
    }
    int off = err->offset; /* the lexer's offsets are bytes */
    return pl_compile_error(err, text, off, 103,
                            "Encountered the symbol \"%c\" when expecting one of the "
                            "following:\n\n   %s",
                            text[off], EXPECT_OPERATOR);
}

int pl_parse(const char *text, const plsql_host *host, pl_program *prog, ora_error *err)
{
    return pp_compile(text, host, NULL, 0, prog, err, parse_program);
}

int pl_parse_binds(const char *text, const plsql_host *host, const plsql_value *binds, int nbinds,
                   pl_program *prog, ora_error *err)
{
    return pp_compile(text, host, binds, nbinds, prog, err, parse_program);
}

int pp_compile(const char *text, const plsql_host *host, const plsql_value *binds, int nbinds,
               pl_program *prog, ora_error *err, pl_block *(*parse)(pl_parser *p))
{
    memset(prog, 0, sizeof *prog);
    return pp_compile_more(text, host, binds, nbinds, prog, err, parse);
}

int pp_compile_more(const char *text, const plsql_host *host, const plsql_value *binds,
                    int nbinds, pl_program *prog, ora_error *err,
                    pl_block *(*parse)(pl_parser *p))
{
    ora_clear(err);
    prog->src = text;
    size_t len = strlen(text);
    if (len > PL_MAX_TEXT_LEN) return pl_compile_error(err, text, 0, PLS_TOO_LARGE, "text");
    pl_parser p = {.src = text,
                   .prog = prog,
                   .err = err,
                   .line_no = 1,
                   .ignored = "Statement",
                   .host = host,
                   .binds = binds,
                   .nbinds = nbinds};
    int rc = sql_lex_all(text, (int)len, &p.toks, err) < 0 ? lexer_error(text, err) : 0;
    const sql_token *too_long = rc == 0 ? tok_long_string(text, &p.toks, PL_MAX_TEXT) : NULL;
    if (too_long) rc = pl_compile_error(err, text, too_long->off, 172, "string literal too long");
    pl_block *top = rc == 0 ? parse(&p) : NULL;
    if (top && !prog->package_name && pp_check_defined(&p, 0) < 0) top = NULL;
    sql_tokens_free(&p.toks);
    free(p.visible);
    free(p.vsubs);
    if (top) {
        prog->top = top;
        return 0;
    }
    pl_program_free(prog);
    return -1;
}

void pl_program_free(pl_program *prog)
{
    for (int i = 0; i < prog->npackages; i++) pl_program_free(&prog->packages[i]->spec);
    free(prog->packages); /* the references themselves are in the arena */
    pl_arena_free(&prog->arena);
    free(prog->decls);
    free(prog->bind_names);
    free(prog->bind_modes);
    free(prog->callees);
    free(prog->subs);
    memset(prog, 0, sizeof *prog);
}
