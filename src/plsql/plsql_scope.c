/*
 * plsql_scope.c - names while compiling: every declaration gets a slot of
 * the program (a block's slots are consecutive); the slots in scope are a
 * stack searched innermost first; host binds (:name) are numbered by first
 * appearance, one number per distinct name as Oracle binds PL/SQL blocks.
 */
#include <string.h>

#include "plsql_parse.h"

pl_decl *pp_decl(const pl_parser *p, int slot)
{
    return p->prog->decls[slot];
}

int pp_lookup(const pl_parser *p, const char *name)
{
    for (int i = p->nvisible - 1; i >= 0; i--) {
        int slot = p->visible[i];
        if (strcmp(p->prog->decls[slot]->name, name) == 0) return slot;
    }
    return -1;
}

void pp_make_visible(pl_parser *p, int slot)
{
    if (p->nvisible == p->cap_visible) {
        p->cap_visible = p->cap_visible ? p->cap_visible * 2 : 32;
        p->visible = xrealloc(p->visible, sizeof *p->visible * (size_t)p->cap_visible);
    }
    p->visible[p->nvisible++] = slot;
}

pl_decl *pp_declare(pl_parser *p, const char *name, int off, int *slot)
{
    pl_program *prog = p->prog;
    if (prog->nslots >= PL_MAX_SLOTS) {
        pl_compile_error(p->err, p->src, off, PLS_TOO_LARGE, "too many names");
        return NULL;
    }
    if (prog->nslots == prog->cap) {
        prog->cap = prog->cap ? prog->cap * 2 : 32;
        prog->decls = xrealloc(prog->decls, sizeof *prog->decls * (size_t)prog->cap);
    }
    pl_decl *d = pl_alloc(&prog->arena, sizeof *d);
    d->name = pp_strdup(p, name);
    d->off = off;
    d->line = pp_line(p, off);
    *slot = prog->nslots;
    prog->decls[prog->nslots++] = d;
    pp_make_visible(p, *slot);
    return d;
}

int pp_bind_index(pl_parser *p, const sql_token *t, int use)
{
    char name[SQL_IDENT_MAX + 1];
    tok_name(p->src, t, name, sizeof name);
    pl_program *prog = p->prog;
    for (int i = 0; i < prog->nbinds; i++) {
        if (strcmp(prog->bind_names[i], name) == 0) {
            prog->bind_modes[i] |= (uint8_t)use;
            return i;
        }
    }
    if (prog->nbinds == prog->bind_cap) {
        prog->bind_cap = prog->bind_cap ? prog->bind_cap * 2 : 8;
        prog->bind_names =
            xrealloc(prog->bind_names, sizeof *prog->bind_names * (size_t)prog->bind_cap);
        prog->bind_modes = xrealloc(prog->bind_modes, (size_t)prog->bind_cap);
    }
    prog->bind_names[prog->nbinds] = pp_strdup(p, name);
    prog->bind_modes[prog->nbinds] = (uint8_t)use;
    return prog->nbinds++;
}
