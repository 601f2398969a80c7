/*
 * plsql_subprograms.c - procedures and functions inside a program: those a
 * package declares and defines, and those a block's DECLARE section has.
 *
 * A subprogram is declared by its header alone ("PROCEDURE p (x NUMBER);":
 * in a package specification, or ahead of its body so that subprograms can
 * call each other) and defined by its header and body.  A definition whose
 * header matches an earlier declaration (the same name, and parameters of
 * the same names and modes) completes it; otherwise it is a new
 * subprogram, and several of one name are overloads, told apart at each
 * call by their arguments (number, names, and the kinds of their values).
 *
 * As in Oracle, a declarative part lists its variables, constants, types
 * and cursors before the bodies of its subprograms: the slots a block (or a
 * package) elaborates are then consecutive, and those of its subprograms'
 * parameters and locals come after them, used only by their runs.
 */
#include <limits.h>
#include <string.h>

#include "plsql_parse.h"

#define MAX_OVERLOADS 32

void pp_subprogram_visible(pl_parser *p, pl_subprogram *sub)
{
    if (p->nvsubs == p->cap_vsubs) {
        p->cap_vsubs = p->cap_vsubs ? p->cap_vsubs * 2 : 8;
        p->vsubs = xrealloc(p->vsubs, sizeof *p->vsubs * (size_t)p->cap_vsubs);
    }
    p->vsubs[p->nvsubs++] = sub;
}

pl_subprogram *pp_add_subprogram(pl_parser *p, const pl_signature *sig, int off)
{
    pl_program *prog = p->prog;
    if (prog->nsubs == prog->subs_cap) {
        prog->subs_cap = prog->subs_cap ? prog->subs_cap * 2 : 8;
        prog->subs = xrealloc(prog->subs, sizeof *prog->subs * (size_t)prog->subs_cap);
    }
    pl_subprogram *sub = pl_alloc(&prog->arena, sizeof *sub);
    sub->sig = *sig;
    sub->sig.local = sub;
    sub->off = off;
    prog->subs[prog->nsubs++] = sub;
    pp_subprogram_visible(p, sub);
    return sub;
}

/* The kinds of values overloads are told apart by. */
enum { FAM_UNKNOWN, FAM_NUMBER, FAM_TEXT, FAM_DATE, FAM_BOOLEAN, FAM_RAW };

static int type_family(const pl_type *t)
{
    switch (t->kind) {
    case TY_NUMBER:
    case TY_PLS_INTEGER: return FAM_NUMBER;
    case TY_VARCHAR2:
    case TY_CHAR: return FAM_TEXT;
    case TY_DATE:
    case TY_TIMESTAMP: return FAM_DATE;
    case TY_BOOLEAN: return FAM_BOOLEAN;
    case TY_RAW: return FAM_RAW;
    default: return FAM_UNKNOWN;
    }
}

/* Do two headers declare the same subprogram (and not overloads of one name)? */
static int same_header(const pl_signature *a, const pl_signature *b)
{
    if (strcmp(a->name, b->name) || a->is_function != b->is_function || a->nparams != b->nparams)
        return 0;
    for (int i = 0; i < a->nparams; i++)
        if (strcmp(a->params[i].name, b->params[i].name) || a->params[i].mode != b->params[i].mode ||
            type_family(&a->params[i].type) != type_family(&b->params[i].type))
            return 0;
    return !a->is_function || type_family(&a->ret) == type_family(&b->ret);
}

/* The subprogram of this scope (visible from FROM on) that HEAD declares again, or NULL. */
static pl_subprogram *declared_before(const pl_parser *p, const pl_signature *head, int from)
{
    for (int i = from; i < p->nvsubs; i++)
        if (same_header(&p->vsubs[i]->sig, head)) return p->vsubs[i];
    return NULL;
}

/* The body of SUB, whose header starts at the current token: its parameters and locals are
 * slots of their own, in scope only inside it; the subprogram itself stays visible. */
static int define(pl_parser *p, pl_subprogram *sub)
{
    int mark = p->nvisible, smark = p->nvsubs, nloops = p->nloops, in_handler = p->in_handler;
    const pl_type *returns = p->returns;
    const char *ignored = p->ignored;
    sub->first_slot = p->prog->nslots;
    pl_signature def;
    if (pp_unit_header(p, &def, 1) < 0) return -1;
    def.local = sub;
    sub->sig = def;
    p->returns = def.is_function ? &sub->sig.ret : NULL;
    p->nloops = 0;
    p->in_handler = 0;
    p->ignored = "Item";
    sub->block = pp_unit_block(p);
    p->nvisible = mark, p->nvsubs = smark, p->nloops = nloops, p->in_handler = in_handler;
    p->returns = returns;
    p->ignored = ignored;
    return sub->block ? 0 : -1;
}

int pp_subprogram(pl_parser *p, int scope_subs, int spec)
{
    int start = p->pos, off = pp_tok(p)->off;
    pl_signature head;
    if (pp_subprogram_header(p, &head, 0) < 0) return -1;
    pl_subprogram *before = declared_before(p, &head, scope_subs);
    if (pp_accept_op(p, ";")) { /* a declaration */
        if (!before) before = pp_add_subprogram(p, &head, off);
        before->in_spec |= spec;
        return 0;
    }
    if (spec) return pp_syntax_error(p, ";");
    if (!pp_at_word(p, "IS") && !pp_at_word(p, "AS")) return pp_syntax_error(p, "is as ;");
    if (before && before->block)
        return pp_error(p, off, 305, "previous use of '%s' (at line %d) conflicts with this use",
                        head.name, pp_line(p, before->off));
    p->pos = start;
    return define(p, before ? before : pp_add_subprogram(p, &head, off));
}

const pl_signature *pp_find_subprogram(const pl_parser *p, const char *name)
{
    for (int i = p->nvsubs - 1; i >= 0; i--)
        if (!strcmp(p->vsubs[i]->sig.name, name)) return &p->vsubs[i]->sig;
    return NULL;
}

int pp_check_defined(pl_parser *p, int off)
{
    for (int i = 0; i < p->prog->nsubs; i++) {
        const pl_subprogram *sub = p->prog->subs[i];
        if (sub->block) continue;
        p->ignored = "Item";
        p->stmt_off = sub->in_spec ? off : sub->off;
        if (sub->in_spec)
            return pp_error(p, off, 323,
                            "subprogram or cursor '%s' is declared in a package specification "
                            "and must be defined in the package body",
                            sub->sig.name);
        return pp_error(p, sub->off, 328,
                        "A subprogram body must be defined for the forward declaration of %s.",
                        sub->sig.name);
    }
    return 0;
}

/* ---- overloads ---- */

static int value_family(int kind)
{
    static const int map[] = {[PLSQL_NUMBER] = FAM_NUMBER, [PLSQL_TEXT] = FAM_TEXT,
                              [PLSQL_DATE] = FAM_DATE,     [PLSQL_BOOLEAN] = FAM_BOOLEAN,
                              [PLSQL_RAW] = FAM_RAW};
    return kind > 0 && kind < (int)(sizeof map / sizeof *map) ? map[kind] : FAM_UNKNOWN;
}

/* What the compiler knows of the kind of E's value. */
static int expr_family(const pl_parser *p, const pl_expr *e)
{
    if (e->sty == STY_BOOL) return FAM_BOOLEAN;
    switch (e->kind) {
    case EX_LITERAL: return value_family(e->lit.kind);
    case EX_VAR: return type_family(&pp_decl(p, e->slot)->type);
    case EX_PKG_VAR: return type_family(&e->pkg->spec.decls[e->slot]->type);
    case EX_CALL: return type_family(&e->call->sig->ret);
    case EX_BIND:
        if (!p->binds || e->slot >= p->nbinds) return FAM_UNKNOWN;
        return value_family(p->binds[e->slot].kind != PLSQL_NULL ? p->binds[e->slot].kind
                                                                 : p->binds[e->slot].declared);
    case EX_BINARY: return e->op == OP_CONCAT ? FAM_TEXT : e->op <= OP_POW ? FAM_NUMBER : 0;
    default: return FAM_UNKNOWN;
    }
}

/* How well CALL's arguments fit its parameters: the number whose kinds match. */
static int fit_score(const pl_parser *p, const pl_call *call)
{
    int score = 0;
    for (int i = 0; i < call->sig->nparams; i++) {
        if (!call->argv[i]) continue;
        int want = type_family(&call->sig->params[i].type), have = expr_family(p, call->argv[i]);
        if (want && have) score += want == have ? 2 : -1;
    }
    return score;
}

/* SIG's overloads (itself among them) into OUT: their number. */
static int overloads(pl_parser *p, const pl_signature *sig, const pl_signature **out)
{
    int n = 0;
    if (sig->package)
        return pp_package_overloads(p, sig, out, MAX_OVERLOADS);
    if (!sig->local) {
        out[0] = sig;
        return 1;
    }
    for (int i = p->nvsubs - 1; i >= 0 && n < MAX_OVERLOADS; i--) {
        const pl_signature *s = &p->vsubs[i]->sig;
        if (!strcmp(s->name, sig->name) && s->is_function == sig->is_function) out[n++] = s;
    }
    return n ? n : (out[0] = sig, 1);
}

const pl_signature *pp_choose_overload(pl_parser *p, const pl_signature *sig, int off)
{
    const pl_signature *cands[MAX_OVERLOADS];
    int n = overloads(p, sig, cands);
    if (n == 1) return cands[0];
    int start = p->pos, depth = p->depth, best = -1, best_score = INT_MIN;
    for (int i = 0; i < n; i++) {
        p->pos = start;
        p->depth = depth;
        const pl_call *call = pp_call_arguments_of(p, cands[i], off);
        ora_clear(p->err);
        if (!call) continue;
        int score = fit_score(p, call);
        if (score > best_score) best = i, best_score = score;
    }
    p->pos = start;
    p->depth = depth;
    if (best < 0) {
        pp_error(p, off, PLS_WRONG_ARGS, sig->name);
        return NULL;
    }
    return cands[best];
}
