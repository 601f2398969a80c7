/*
 * plsql_package.c - packages in the compiler: a specification, its body,
 * and the code that names their members.
 *
 * A package compiles into one program: its specification's declarations
 * are its first slots, its body's next (together the package's state, kept
 * per session by plsql_package_state.c), then the slots of its
 * subprograms' runs.  The top block of the program elaborates the state and
 * runs the body's initialization section (BEGIN ... END) once per session.
 * The specification alone compiles the same way, so that a variable's slot
 * is the same number in both: code that names pkg.variable or pkg.proc
 * compiles the specification only (pp_package), once per program, and finds
 * the body's code when it runs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plsql_parse.h"

/* PACKAGE [BODY] [schema.]name [AUTHID ...] IS|AS: the name into the program. */
static int package_header(pl_parser *p, int body)
{
    if (pp_expect_word(p, "PACKAGE", "package") < 0) return -1;
    if (body && pp_expect_word(p, "BODY", "body") < 0) return -1;
    if (!pp_at_name(p)) return pp_syntax_error(p, "<an identifier>");
    char owner[SQL_IDENT_MAX + 1] = "", name[SQL_IDENT_MAX + 1];
    pp_name(p, name);
    p->pos++;
    if (pp_at_op(p, ".") && tok_is_name(pp_peek(p, 1))) {
        memcpy(owner, name, sizeof owner);
        p->pos++;
        pp_name(p, name);
        p->pos++;
    }
    pl_program *prog = p->prog;
    if (body && prog->package_name && strcmp(prog->package_name, name))
        return pp_error(p, pp_peek(p, -1)->off, 304,
                        "cannot compile body of '%s' without its specification", name);
    if (!body) {
        prog->package_name = pp_strdup(p, name);
        prog->package_owner = owner[0] ? pp_strdup(p, owner) : NULL;
    }
    if (!body && pp_accept_word(p, "AUTHID")) {
        prog->invoker_rights = pp_accept_word(p, "CURRENT_USER");
        if (!prog->invoker_rights && pp_expect_word(p, "DEFINER", "current_user definer") < 0)
            return -1;
    }
    if (!pp_accept_word(p, "IS")) return pp_expect_word(p, "AS", "is as");
    return 0;
}

/* END [name] ; and nothing after it. */
static int package_end(pl_parser *p)
{
    if (pp_expect_word(p, "END", "end") < 0) return -1;
    if (pp_at_name(p)) p->pos++;
    if (pp_expect_op(p, ";", ";") < 0) return -1;
    return pp_tok(p)->type == TK_EOF ? 0 : pp_syntax_error(p, "end-of-file");
}

pl_block *pp_package_spec(pl_parser *p)
{
    p->ignored = "Item";
    if (package_header(p, 0) < 0) return NULL;
    pl_block *top = pl_alloc(&p->prog->arena, sizeof *top);
    if (pp_declarations(p, 0, DECL_SPEC) < 0 || package_end(p) < 0) return NULL;
    top->nslots = p->prog->nspec_slots = p->prog->npackage_slots = p->prog->nslots;
    return top;
}

/* The specification compiled before: its names in scope in the body. */
static void spec_in_scope(pl_parser *p)
{
    for (int i = 0; i < p->prog->nslots; i++) pp_make_visible(p, i);
    for (int i = 0; i < p->prog->nsubs; i++) pp_subprogram_visible(p, p->prog->subs[i]);
}

static pl_block *parse_body(pl_parser *p)
{
    p->ignored = "Item";
    int name_off = pp_peek(p, 2)->off;
    if (package_header(p, 1) < 0) return NULL;
    spec_in_scope(p);
    pl_block *top = pl_alloc(&p->prog->arena, sizeof *top);
    int items_end = pp_declarations(p, 0, DECL_PACKAGE);
    if (items_end < 0) return NULL;
    top->nslots = p->prog->npackage_slots = items_end;
    if (pp_accept_word(p, "BEGIN")) {
        p->ignored = "Statement";
        if (!(top->body = pp_statements(p))) return NULL;
        if (pp_accept_word(p, "EXCEPTION") && pp_exception_section(p, top) < 0) return NULL;
    }
    if (pp_check_defined(p, name_off) < 0 || package_end(p) < 0) return NULL;
    return top;
}

int pl_parse_package(const char *spec, const char *body, const plsql_host *host,
                     pl_program *prog, ora_error *err)
{
    if (pp_compile(spec, host, NULL, 0, prog, err, pp_package_spec) < 0) return -1;
    if (body && pp_compile_more(body, host, NULL, 0, prog, err, parse_body) < 0) return -2;
    return 0;
}

int pl_compile_package(const char *text, int is_body, const char *owner, const char *name,
                       int name_off, const plsql_host *host, ora_error *err)
{
    pl_program prog;
    if (!is_body) {
        if (pp_compile(text, host, NULL, 0, &prog, err, pp_package_spec) < 0) return -1;
        pl_program_free(&prog);
        return 0;
    }
    /* a body: its specification first, found as the body names it */
    plsql_unit u = {0};
    ora_error found_err;
    int found = host && host->find_unit
                    ? host->find_unit(host->arg, owner[0] ? owner : NULL, name, &u, &found_err)
                    : 0;
    int rc = 0;
    if (found <= 0 || !u.text || !plsql_is_package(u.text))
        rc = pl_compile_error(err, text, name_off, 304,
                              "cannot compile body of '%s' without its specification", name);
    else if (pp_compile(u.text, host, NULL, 0, &prog, err, pp_package_spec) < 0)
        rc = pl_compile_error(err, text, name_off, 905, "object %s.%s is invalid", u.owner, name);
    else if (pp_compile_more(text, host, NULL, 0, &prog, err, parse_body) < 0)
        rc = -1;
    else
        pl_program_free(&prog);
    plsql_unit_free(&u);
    return rc;
}

/* ---- code that names a package's members ---- */

/* The package's subprogram SUB (its K'th) as callers see it, in P's arena. */
static const pl_signature *outside_view(pl_parser *p, const pl_package_ref *ref, int k)
{
    pl_signature *sig = pl_alloc(&p->prog->arena, sizeof *sig);
    *sig = ref->spec.subs[k]->sig;
    sig->local = NULL;
    sig->package = ref;
    sig->member = k;
    sig->owner = ref->owner;
    return sig;
}

static const pl_package_ref *known_package(const pl_program *prog, const char *owner,
                                           const char *name)
{
    for (int i = 0; i < prog->npackages; i++) {
        const pl_package_ref *r = prog->packages[i];
        if (!strcmp(r->name, name) && (!owner || !strcmp(r->owner, owner))) return r;
    }
    return NULL;
}

const pl_package_ref *pp_package(pl_parser *p, const char *owner, const char *name, int off)
{
    const pl_package_ref *known = known_package(p->prog, owner, name);
    if (known || !p->host || !p->host->find_unit) return known;
    plsql_unit u = {0};
    ora_error err;
    int found = p->host->find_unit(p->host->arg, owner, name, &u, &err);
    pl_package_ref *ref = NULL;
    if (found > 0 && plsql_is_package(u.text)) {
        ref = pl_alloc(&p->prog->arena, sizeof *ref);
        ref->owner = pp_strdup(p, u.owner);
        ref->name = pp_strdup(p, u.name);
        if (pp_compile(u.text, p->host, NULL, 0, &ref->spec, &err, pp_package_spec) < 0) {
            pp_error(p, off, 905, "object %s.%s is invalid", u.owner, u.name);
            ref = NULL;
        } else {
            ref->spec.package_owner = ref->owner;
            pl_program *prog = p->prog;
            prog->packages =
                xrealloc(prog->packages, sizeof *prog->packages * (size_t)(prog->npackages + 1));
            prog->packages[prog->npackages++] = ref;
        }
    } else if (found < 0 && u.owner) {
        pp_error(p, off, 905, "object %s.%s is invalid", u.owner, name);
    }
    plsql_unit_free(&u);
    return ref;
}

int pp_package_slot(const pl_package_ref *ref, const char *member)
{
    for (int i = 0; i < ref->spec.nspec_slots; i++)
        if (!strcmp(ref->spec.decls[i]->name, member)) return i;
    return -1;
}

const pl_signature *pp_package_subprogram(pl_parser *p, const pl_package_ref *ref,
                                          const char *member)
{
    for (int k = 0; k < ref->spec.nsubs; k++)
        if (!strcmp(ref->spec.subs[k]->sig.name, member)) return outside_view(p, ref, k);
    return NULL;
}

int pp_package_overloads(pl_parser *p, const pl_signature *sig, const pl_signature **out, int max)
{
    const pl_package_ref *ref = sig->package;
    int n = 0;
    for (int k = 0; k < ref->spec.nsubs && n < max; k++) {
        const pl_signature *s = &ref->spec.subs[k]->sig;
        if (!strcmp(s->name, sig->name) && s->is_function == sig->is_function)
            out[n++] = k == sig->member ? sig : outside_view(p, ref, k);
    }
    return n;
}

int pp_is_own_package(const pl_parser *p, const char *name)
{
    return p->prog->package_name && !strcmp(p->prog->package_name, name);
}

const pl_package_ref *pp_package_member(pl_parser *p, char member[SQL_IDENT_MAX + 1], int *off)
{
    const sql_token *t = pp_tok(p);
    if (!tok_is_name(t) || !tok_is_op(p->src, pp_peek(p, 1), ".") || !tok_is_name(pp_peek(p, 2)))
        return NULL;
    *off = t->off;
    char first[SQL_IDENT_MAX + 1], second[SQL_IDENT_MAX + 1];
    pp_name(p, first);
    tok_name(p->src, pp_peek(p, 2), second, SQL_IDENT_MAX + 1);
    const pl_package_ref *ref = pp_package(p, NULL, first, t->off);
    if (ref) {
        memcpy(member, second, SQL_IDENT_MAX + 1);
        p->pos += 3;
        return ref;
    }
    int three = !p->err->code && tok_is_op(p->src, pp_peek(p, 3), ".") &&
                tok_is_name(pp_peek(p, 4));
    if (three && (ref = pp_package(p, first, second, t->off))) {
        tok_name(p->src, pp_peek(p, 4), member, SQL_IDENT_MAX + 1);
        p->pos += 5;
    }
    return ref;
}
