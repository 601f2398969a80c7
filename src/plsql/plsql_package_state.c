/*
 * plsql_package_state.c - the packages a session has used, at run time.
 *
 * The first time a session's code uses a package (a variable, a call), the
 * package's specification and body are compiled into one program and its
 * state elaborated: its variables get their initial values and its body's
 * initialization section runs.  The state lives as long as the session,
 * each call of the package's subprograms running with it.  Before each
 * top-level call uses a package again, its texts are compared with those
 * the state was built from (never during a call: an instance in use stays
 * as it is until the call ends): a package replaced since (by any session) has
 * its state discarded - with ORA-04068 to the caller when it had variables
 * whose values are lost, silently when it had none - and is built again on
 * the next use.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plsql_int.h"

typedef struct pl_instance {
    char *owner, *name;
    char *spec, *body; /* the texts it was built from */
    pl_program prog;
    pl_exec state; /* its slots: the package's variables */
    int checked;   /* the top-level call it was last compared with the catalog in */
    struct pl_instance *next;
} pl_instance;

struct plsql_packages {
    pl_instance *list;
    int call;    /* top-level calls so far */
    int running; /* calls running now: the top-level one, and those SQL makes inside it */
    int reset;   /* DBMS_SESSION.RESET_PACKAGE: the state goes before the next call */
};

plsql_packages *plsql_packages_new(void)
{
    return xcalloc(1, sizeof(plsql_packages));
}

static void instance_free(pl_instance *in)
{
    if (in->prog.top) pl_exec_release(&in->state);
    pl_program_free(&in->prog);
    free(in->owner);
    free(in->name);
    free(in->spec);
    free(in->body);
    free(in);
}

void pl_packages_reset(plsql_packages *pk)
{
    while (pk && pk->list) {
        pl_instance *in = pk->list;
        pk->list = in->next;
        instance_free(in);
    }
}

void plsql_packages_free(plsql_packages *pk)
{
    pl_packages_reset(pk);
    free(pk);
}

void pl_packages_reset_after_call(plsql_packages *pk)
{
    if (pk) pk->reset = 1;
}

void pl_packages_enter(plsql_packages *pk)
{
    if (!pk || pk->running++) return; /* inside a call: the packages in use stay as they are */
    pk->call++;
    if (pk->reset) pl_packages_reset(pk);
    pk->reset = 0;
}

void pl_packages_leave(plsql_packages *pk)
{
    if (pk) pk->running--;
}

static int same_text(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

/* Unlink and free the instance of OWNER.NAME. */
static void forget(plsql_packages *pk, pl_instance *gone)
{
    for (pl_instance **at = &pk->list; *at; at = &(*at)->next) {
        if (*at == gone) {
            *at = gone->next;
            instance_free(gone);
            return;
        }
    }
}

/* ORA-04068 and the errors Oracle gives after it, for package FULL ("OWNER.NAME" quoted),
 * whose state its body (or specification, WHAT) held. */
static int discarded(pl_exec *ex, const char *full, const char *what)
{
    char text[ORA_MSG_MAX];
    snprintf(text, sizeof text,
             "existing state of packages has been discarded\n"
             "ORA-04061: existing state of %s %s has been invalidated\n"
             "ORA-04065: not executed, altered or dropped %s %s\n"
             "ORA-06508: PL/SQL: could not find program unit being called: %s",
             what, full, what, full, full);
    return pl_raise_text(ex, 4068, text);
}

/* The package's state for a caller whose texts are U's, elaborated: 0, or -1 with the
 * exception in EX (the instance freed). */
static int elaborate(pl_exec *ex, pl_instance *in, const plsql_unit *u)
{
    ora_error err;
    char full[300];
    snprintf(full, sizeof full, "\"%s.%s\"", u->owner, u->name);
    void *caller;
    if (pl_as_owner(ex, u->owner, 0, &caller) < 0) return -1;
    int rc = pl_parse_package(u->text, u->body, ex->host, &in->prog, &err);
    if (rc == 0 && in->prog.invoker_rights) { /* AUTHID CURRENT_USER: back to the caller's */
        pl_as_caller(ex, caller);
        caller = NULL;
    }
    if (rc == 0) in->prog.package_owner = pl_strndup(&in->prog.arena, u->owner, strlen(u->owner));
    if (rc < 0) {
        pl_as_caller(ex, caller);
        memset(&in->prog, 0, sizeof in->prog);
        char what[320];
        snprintf(what, sizeof what, "%s %s", rc == -1 ? "package" : "package body", full);
        return pl_raise(ex, 4063, what);
    }
    pl_exec_init(&in->state, ex->host, &in->prog, NULL, 0);
    in->state.call_depth = ex->call_depth + 1;
    in->state.dyn_depth = ex->dyn_depth;
    in->state.output_enabled = ex->output_enabled;
    in->state.out_line = ex->out_line;
    int line = ex->line, off = ex->stmt_off;
    rc = pl_run_package_init(&in->state);
    pl_as_caller(ex, caller);
    in->state.out_line = &in->state.own_line;
    ex->line = line, ex->stmt_off = off;
    ex->output_enabled = in->state.output_enabled;
    in->state.host = NULL; /* the caller's: gone after this call */
    if (rc == 0) return 0;
    pl_propagate(ex, &in->state, u->owner, u->name);
    return -1;
}

pl_exec *pl_package_state(pl_exec *ex, const char *owner, const char *name)
{
    plsql_packages *pk = ex->host->packages;
    if (!pk) return pl_raise(ex, ORA_UNIMPLEMENTED), NULL;
    pl_instance *in = pk->list;
    while (in && (strcmp(in->owner, owner) || strcmp(in->name, name))) in = in->next;
    if (in && in->checked == pk->call) return &in->state;
    plsql_unit u = {0};
    ora_error err;
    int found = ex->host->find_unit ? ex->host->find_unit(ex->host->arg, owner, name, &u, &err)
                                    : 0;
    char full[300];
    snprintf(full, sizeof full, "\"%s.%s\"", owner, name);
    if (found < 0 || found == 0 || !plsql_is_package(u.text)) {
        plsql_unit_free(&u);
        if (in) forget(pk, in);
        return found < 0 ? (pl_raise_error(ex, &err), NULL) : (pl_raise(ex, 6508, full), NULL);
    }
    if (in && same_text(in->spec, u.text) && same_text(in->body, u.body)) {
        plsql_unit_free(&u);
        in->checked = pk->call;
        return &in->state;
    }
    if (in) { /* replaced since: its state is gone */
        int had_state = in->prog.npackage_slots > 0;
        const char *what = in->body ? "package body" : "package";
        if (had_state) discarded(ex, full, what);
        forget(pk, in);
        if (had_state) {
            plsql_unit_free(&u);
            return NULL;
        }
    }
    in = xcalloc(1, sizeof *in);
    in->owner = xstrdup(owner);
    in->name = xstrdup(name);
    in->spec = u.text, u.text = NULL;
    in->body = u.body, u.body = NULL;
    in->checked = pk->call;
    u.text = in->spec, u.body = in->body;
    int rc = elaborate(ex, in, &u);
    u.text = u.body = NULL;
    plsql_unit_free(&u);
    if (rc < 0) {
        instance_free(in);
        return NULL;
    }
    in->next = pk->list;
    pk->list = in;
    return &in->state;
}

pl_slot *pl_package_slot(pl_exec *ex, const pl_package_ref *ref, int slot, const pl_decl **decl)
{
    pl_exec *state = pl_package_state(ex, ref->owner, ref->name);
    if (!state) return NULL;
    const pl_program *prog = state->prog;
    if (slot >= prog->nspec_slots || strcmp(prog->decls[slot]->name, ref->spec.decls[slot]->name)) {
        char full[300]; /* its specification was replaced since the caller was compiled */
        snprintf(full, sizeof full, "\"%s.%s\"", ref->owner, ref->name);
        return pl_raise(ex, 6508, full), NULL;
    }
    if (decl) *decl = prog->decls[slot];
    return &state->slots[slot];
}
