/*
 * plsql_units.c - stored procedures and functions in the compiler.
 *
 * A unit's header - PROCEDURE | FUNCTION [schema.]name [(parameters)]
 * [RETURN type] IS|AS - is read twice over: when the unit itself is
 * compiled (its parameters become the program's first slots, IN ones read
 * only, each with its DEFAULT expression as the slot's initial value), and
 * when other code calls it: the caller asks its host for the unit's text
 * once per program and reads only the header, so that arguments are matched
 * to parameters (by position or by name =>) and checked at compile time, as
 * Oracle does - an OUT or IN OUT argument must be a variable, a record field
 * or a bind, a parameter without a default must be given.  The body is
 * compiled when the unit runs (plsql_call.c), so units may call each other,
 * or themselves, in any order of creation.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "plsql_parse.h"

/* [schema.]name at the current token, upper case; OWNER "" without a schema. */
static int unit_name(pl_parser *p, char owner[SQL_IDENT_MAX + 1], char name[SQL_IDENT_MAX + 1])
{
    owner[0] = '\0';
    if (!pp_at_name(p)) return pp_syntax_error(p, "<an identifier>");
    pp_name(p, name);
    p->pos++;
    if (pp_at_op(p, ".") && tok_is_name(pp_peek(p, 1))) {
        memcpy(owner, name, SQL_IDENT_MAX + 1);
        p->pos++;
        pp_name(p, name);
        p->pos++;
    }
    return 0;
}

/* IN | OUT [NOCOPY] | IN OUT [NOCOPY] | nothing (IN). */
static int param_mode(pl_parser *p)
{
    int mode = 0;
    if (pp_accept_word(p, "IN")) mode |= PM_IN;
    if (pp_accept_word(p, "OUT")) mode |= PM_OUT;
    if (mode & PM_OUT) pp_accept_word(p, "NOCOPY");
    return mode ? mode : PM_IN;
}

/* Skip a DEFAULT expression the caller does not need: up to the next , or ) at its level. */
static void skip_default(pl_parser *p)
{
    int depth = 0;
    while (pp_tok(p)->type != TK_EOF) {
        if (depth == 0 && (pp_at_op(p, ",") || pp_at_op(p, ")"))) return;
        if (pp_at_op(p, "(")) depth++;
        if (pp_at_op(p, ")")) depth--;
        p->pos++;
    }
}

/* One parameter: name [mode] type [:= | DEFAULT expr]; declared as a slot with DECLARE (the
 * unit's parameters from slot FIRST on). */
static int parameter(pl_parser *p, pl_param *prm, int declare, int first)
{
    int off = pp_tok(p)->off;
    char name[SQL_IDENT_MAX + 1];
    if (!pp_at_name(p)) return pp_syntax_error(p, "<an identifier>");
    pp_name(p, name);
    p->pos++;
    prm->name = pp_strdup(p, name);
    prm->mode = param_mode(p);
    p->param_types = 1;
    int rc = pp_type(p, &prm->type);
    p->param_types = 0;
    if (rc < 0) return -1;
    pl_expr *dflt = NULL;
    if (pp_accept_op(p, ":=") || pp_accept_word(p, "DEFAULT")) {
        prm->has_default = 1;
        if (prm->mode != PM_IN)
            return pp_error(p, off, 230,
                            "OUT and IN OUT formal parameters may not have default expressions");
        if (!declare)
            skip_default(p);
        else if (!(dflt = pp_expr(p)))
            return -1;
    }
    if (!declare) return 0;
    for (int s = first; s < p->prog->nslots; s++)
        if (!strcmp(p->prog->decls[s]->name, name))
            return pp_error(p, off, 410, "duplicate fields in RECORD,TABLE or argument list are "
                                         "not permitted");
    int slot;
    pl_decl *d = pp_declare(p, name, off, &slot);
    if (!d) return -1;
    d->type = prm->type;
    d->init = dflt;
    d->param_mode = prm->mode;
    d->read_only = prm->mode == PM_IN;
    return 0;
}

static int parameters(pl_parser *p, pl_signature *sig, int declare)
{
    if (!pp_accept_op(p, "(")) return 0;
    int cap = 0, first = p->prog->nslots;
    do {
        if (sig->nparams == cap) {
            cap = cap ? 2 * cap : 8;
            pl_param *grown = pl_alloc(&p->prog->arena, sizeof *grown * (size_t)cap);
            if (sig->nparams) memcpy(grown, sig->params, sizeof *grown * (size_t)sig->nparams);
            sig->params = grown;
        }
        if (sig->nparams == PL_MAX_ARGS)
            return pp_error(p, pp_tok(p)->off, PLS_TOO_LARGE, "too many parameters");
        if (parameter(p, &sig->params[sig->nparams++], declare, first) < 0) return -1;
    } while (pp_accept_op(p, ","));
    return pp_expect_op(p, ")", ", )");
}

int pp_subprogram_header(pl_parser *p, pl_signature *sig, int declare)
{
    memset(sig, 0, sizeof *sig);
    sig->member = -1;
    if (pp_accept_word(p, "FUNCTION"))
        sig->is_function = 1;
    else if (pp_expect_word(p, "PROCEDURE", "procedure function") < 0)
        return -1;
    char owner[SQL_IDENT_MAX + 1], name[SQL_IDENT_MAX + 1];
    if (unit_name(p, owner, name) < 0) return -1;
    sig->owner = owner[0] ? pp_strdup(p, owner) : NULL;
    sig->name = pp_strdup(p, name);
    if (parameters(p, sig, declare) < 0) return -1;
    if (sig->is_function) {
        if (pp_expect_word(p, "RETURN", "return") < 0) return -1;
        p->param_types = 1;
        int rc = pp_type(p, &sig->ret);
        p->param_types = 0;
        if (rc < 0) return -1;
    }
    for (;;) {
        if (pp_accept_word(p, "AUTHID")) {
            sig->invoker_rights = pp_accept_word(p, "CURRENT_USER");
            if (!sig->invoker_rights && pp_expect_word(p, "DEFINER", "current_user definer") < 0)
                return -1;
        } else if (pp_at_word(p, "PIPELINED")) {
            return pp_error(p, pp_tok(p)->off, PLS_RESTRICTION, "PIPELINED functions");
        } else if (pp_accept_word(p, "DETERMINISTIC")) {
            sig->deterministic = 1;
        } else if (!pp_accept_word(p, "RESULT_CACHE") && !pp_accept_word(p, "PARALLEL_ENABLE")) {
            break;
        }
    }
    return 0;
}

int pp_unit_header(pl_parser *p, pl_signature *sig, int declare)
{
    if (pp_subprogram_header(p, sig, declare) < 0) return -1;
    if (!pp_accept_word(p, "IS")) return pp_expect_word(p, "AS", "is as");
    return 0;
}

/* ---- calls ---- */

/* The header of UNIT's text, read in P's program (its arena keeps the signature). */
static const pl_signature *read_header(pl_parser *p, const plsql_unit *u)
{
    pl_signature *sig = pl_alloc(&p->prog->arena, sizeof *sig);
    ora_error err;
    pl_parser sub = {.src = u->text, .prog = p->prog, .err = &err, .line_no = 1};
    ora_clear(&err);
    int ok = sql_lex_all(u->text, (int)strlen(u->text), &sub.toks, &err) == 0 &&
             pp_unit_header(&sub, sig, 0) == 0;
    sql_tokens_free(&sub.toks);
    if (!ok) return NULL;
    sig->owner = pp_strdup(p, u->owner);
    sig->name = pp_strdup(p, u->name);
    return sig;
}

static void remember_callee(pl_program *prog, pl_signature *sig)
{
    prog->callees = xrealloc(prog->callees, sizeof *prog->callees * (size_t)(prog->ncallees + 1));
    prog->callees[prog->ncallees++] = sig;
}

static int same_unit(const pl_signature *sig, const char *owner, const char *name)
{
    return !strcmp(sig->name, name) && (!owner || (sig->owner && !strcmp(sig->owner, owner)));
}

const pl_signature *pp_find_unit(pl_parser *p, const char *owner, const char *name, int off)
{
    const pl_program *prog = p->prog;
    const pl_signature *local = owner ? NULL : pp_find_subprogram(p, name);
    if (local) return local;
    if (prog->unit && prog->unit->name && same_unit(prog->unit, owner, name))
        return prog->unit; /* itself */
    for (int i = 0; i < prog->ncallees; i++)
        if (same_unit(prog->callees[i], owner, name)) return prog->callees[i];
    if (!p->host || !p->host->find_unit) return NULL;
    plsql_unit u = {0};
    ora_error err;
    int found = p->host->find_unit(p->host->arg, owner, name, &u, &err);
    const pl_signature *sig = found > 0 ? read_header(p, &u) : NULL;
    if (found < 0 || (found > 0 && !sig)) {
        char full[2 * SQL_IDENT_MAX + 2];
        snprintf(full, sizeof full, "%s.%s", u.owner ? u.owner : owner ? owner : "", name);
        pp_error(p, off, 905, "object %s is invalid", u.owner || owner ? full : name);
    }
    if (sig) remember_callee(p->prog, (pl_signature *)sig);
    plsql_unit_free(&u);
    return sig;
}

int pp_out_argument(pl_parser *p, pl_expr *e)
{
    int assignable = e->kind == EX_BIND || e->kind == EX_FIELD || e->kind == EX_ELEM ||
                     (e->kind == EX_COLL && e->pkg) ||
                     ((e->kind == EX_VAR || e->kind == EX_COLL) && !pp_decl(p, e->slot)->read_only &&
                      !pp_decl(p, e->slot)->constant);
    if (!assignable) {
        char text[64];
        int len = 0;
        while (len < 63 && p->src[e->off + len] && p->src[e->off + len] != ',' &&
               p->src[e->off + len] != ')')
            len++;
        memcpy(text, p->src + e->off, (size_t)len);
        text[len] = '\0';
        return pp_error(p, e->off, PLS_NOT_TARGET, text);
    }
    if (e->kind == EX_BIND) p->prog->bind_modes[e->slot] |= PLSQL_BIND_WRITTEN;
    return 0;
}

static int check_out_argument(pl_parser *p, const pl_param *prm, pl_expr *e)
{
    return prm->mode & PM_OUT ? pp_out_argument(p, e) : 0;
}

/* One argument, positional or NAME => value, into A->argv. */
static int argument(pl_parser *p, const pp_formals *a, int position, int *named)
{
    int index = position;
    if (pp_at_name(p) && pp_peek_op(p, 1, "=>")) {
        char name[SQL_IDENT_MAX + 1];
        pp_name(p, name);
        for (index = 0; index < a->n && strcmp(a->names[index], name) != 0; index++) {
        }
        if (index == a->n) return pp_error(p, pp_tok(p)->off, PLS_WRONG_ARGS, a->unit);
        p->pos += 2;
        *named = 1;
    } else if (*named) {
        return pp_error(p, pp_tok(p)->off, 312,
                        "a positional parameter association may not follow a named association");
    }
    if (index >= a->n || a->argv[index]) return pp_error(p, a->off, PLS_WRONG_ARGS, a->unit);
    pl_expr *e = pp_expr(p);
    if (!e || (a->check && a->check(p, a->check_arg, index, e) < 0)) return -1;
    a->argv[index] = e;
    return 0;
}

int pp_arguments(pl_parser *p, const pp_formals *a)
{
    if (!pp_accept_op(p, "(") || pp_accept_op(p, ")")) return 0;
    int named = 0, n = 0;
    do {
        if (argument(p, a, n++, &named) < 0) return -1;
    } while (pp_accept_op(p, ","));
    return pp_expect_op(p, ")", ", )");
}

/* The kind a host bind's values have, as the client declared it; 0 when unknown. */
static int bind_kind(const pl_parser *p, const pl_expr *e)
{
    if (e->kind != EX_BIND || !p->binds || e->slot >= p->nbinds) return 0;
    const plsql_value *v = &p->binds[e->slot];
    return v->kind != PLSQL_NULL ? v->kind : v->declared;
}

/* A bind the parameter's type cannot take, as Oracle's compiler refuses it (PLS-00306): bytes
 * for a number, date or CLOB; text for a BLOB. */
static int bind_fits(const pl_param *prm, int kind)
{
    const pl_type *t = &prm->type;
    if (kind == PLSQL_RAW)
        return !(t->kind == TY_NUMBER || t->kind == TY_PLS_INTEGER || t->kind == TY_DATE ||
                 t->kind == TY_TIMESTAMP || t->kind == TY_BOOLEAN ||
                 (t->kind == TY_VARCHAR2 && t->lob));
    if (kind == PLSQL_TEXT) return !(t->kind == TY_RAW && t->lob);
    return 1;
}

/* PP_FORMALS' check for a stored unit's argument I: a bind of a type the parameter cannot
 * take; an OUT one must be assignable. */
static int check_unit_argument(pl_parser *p, void *s, int i, pl_expr *e)
{
    const pl_signature *sig = s;
    if (pp_collection_argument(p, &sig->params[i].type, e, sig->name) < 0) return -1;
    if (!bind_fits(&sig->params[i], bind_kind(p, e)))
        return pp_error(p, e->off, PLS_WRONG_ARGS, sig->name);
    return check_out_argument(p, &sig->params[i], e);
}

pl_call *pp_call_arguments(pl_parser *p, const pl_signature *sig, int off)
{
    sig = pp_choose_overload(p, sig, off);
    return sig ? pp_call_arguments_of(p, sig, off) : NULL;
}

pl_call *pp_call_arguments_of(pl_parser *p, const pl_signature *sig, int off)
{
    pl_call *call = pl_alloc(&p->prog->arena, sizeof *call);
    call->sig = sig;
    call->off = off;
    call->argv = pl_alloc(&p->prog->arena, sizeof *call->argv * (size_t)(sig->nparams + 1));
    const char **names = pl_alloc(&p->prog->arena, sizeof *names * (size_t)(sig->nparams + 1));
    for (int i = 0; i < sig->nparams; i++) names[i] = sig->params[i].name;
    pp_formals a = {sig->name, names, sig->nparams, off, call->argv, check_unit_argument,
                    (void *)sig};
    if (pp_arguments(p, &a) < 0) return NULL;
    for (int i = 0; i < sig->nparams; i++)
        if (!call->argv[i] && !sig->params[i].has_default) {
            pp_error(p, off, PLS_WRONG_ARGS, sig->name);
            return NULL;
        }
    return call;
}

/* ---- a whole unit ---- */

/* The whole text of a unit: its header, its parameters its first slots, then its body. */
static pl_block *parse_unit(pl_parser *p)
{
    p->ignored = "Item";
    p->prog->unit = pl_alloc(&p->prog->arena, sizeof *p->prog->unit);
    if (pp_unit_header(p, p->prog->unit, 1) < 0) return NULL;
    p->returns = p->prog->unit->is_function ? &p->prog->unit->ret : NULL;
    pl_block *b = pp_unit_block(p);
    if (b && pp_tok(p)->type != TK_EOF) return pp_syntax_error(p, "end-of-file"), NULL;
    return b;
}

int pl_parse_unit(const char *text, const plsql_host *host, pl_program *prog, ora_error *err)
{
    return pp_compile(text, host, NULL, 0, prog, err, parse_unit);
}

void plsql_unit_free(plsql_unit *u)
{
    free(u->owner);
    free(u->name);
    free(u->text);
    free(u->body);
    memset(u, 0, sizeof *u);
}

int plsql_is_package(const char *text)
{
    while (*text == ' ' || *text == '\t' || *text == '\r' || *text == '\n') text++;
    return text && !strncasecmp(text, "PACKAGE", 7) && !isalnum((unsigned char)text[7]) &&
           text[7] != '_';
}

/* What TEXT is (PLSQL_PROCEDURE ...) and its [schema.]name into OWNER and NAME; *NAME_OFF
 * where the name starts.  -1 with ERR when not even that can be read. */
static int unit_kind_and_name(const char *text, char *owner, char *name, int *name_off,
                              ora_error *err)
{
    pl_program names = {0};
    pl_parser p = {.src = text, .prog = &names, .err = err, .line_no = 1};
    int type = -1;
    if (sql_lex_all(text, (int)strlen(text), &p.toks, err) == 0) {
        if (pp_accept_word(&p, "PACKAGE"))
            type = pp_accept_word(&p, "BODY") ? PLSQL_PACKAGE_BODY : PLSQL_PACKAGE;
        else if (pp_accept_word(&p, "FUNCTION"))
            type = PLSQL_FUNCTION;
        else if (pp_expect_word(&p, "PROCEDURE", "procedure function package") == 0)
            type = PLSQL_PROCEDURE;
        *name_off = pp_tok(&p)->off;
        if (type >= 0 && unit_name(&p, owner, name) < 0) type = -1;
    }
    sql_tokens_free(&p.toks);
    pl_program_free(&names);
    return type;
}

int plsql_compile_unit(const char *text, const plsql_host *host, char *owner, char *name,
                       size_t size, int *type, ora_error *err)
{
    /* the name first: a unit that does not compile is kept all the same, under it */
    ora_clear(err);
    char o[SQL_IDENT_MAX + 1], n[SQL_IDENT_MAX + 1];
    int name_off;
    *type = unit_kind_and_name(text, o, n, &name_off, err);
    if (*type < 0) return -1;
    snprintf(owner, size, "%s", o);
    snprintf(name, size, "%s", n);
    if (*type == PLSQL_PACKAGE || *type == PLSQL_PACKAGE_BODY)
        return pl_compile_package(text, *type == PLSQL_PACKAGE_BODY, o, n, name_off, host, err) <
               0;
    pl_program prog;
    if (pl_parse_unit(text, host, &prog, err) < 0) return 1;
    pl_program_free(&prog);
    return 0;
}
