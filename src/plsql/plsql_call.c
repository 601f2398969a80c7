/*
 * plsql_call.c - running a stored procedure or function for its caller.
 *
 * The caller's arguments are evaluated in the caller (IN and IN OUT ones),
 * the unit's text is fetched from the host and compiled, and it runs in a
 * run-time state of its own: its parameters are its first slots (IN values
 * fitted to their types, OUT ones NULL, left-out ones their DEFAULT
 * evaluated in the unit).  Afterwards OUT and IN OUT values are assigned to
 * the caller's variables, fields or binds, and a function's RETURN value
 * becomes the call's value.  An exception the unit does not handle goes on
 * in the caller as the same exception, with Oracle's backtrace line
 * "ORA-06512: at "OWNER.NAME", line N" after its message; an interrupt (a
 * kill, a cancel) stays fatal all the way out.
 *
 * A function called from SQL (plsql_call_function) runs the same way, its
 * arguments being the statement's values.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plsql_collection.h"

pl_target pl_argument_target(const pl_expr *e)
{
    pl_target t = {.slot = e->slot, .off = e->off};
    t.kind = e->kind == EX_BIND ? TG_BIND : e->kind == EX_FIELD ? TG_FIELD : TG_VAR;
    if (e->kind == EX_ELEM) t.kind = TG_ELEM, t.index = e->a;
    if (e->kind == EX_COLL && e->pkg) t.kind = TG_PKG_VAR; /* another package's collection */
    t.pkg = e->pkg;
    t.name = e->name;
    return t;
}

/* The caller's IN and IN OUT argument values into IN (SIG->nparams). */
static int evaluate_arguments(pl_exec *ex, const pl_call *call, pval *in)
{
    for (int i = 0; i < call->sig->nparams; i++)
        if (call->argv[i] && (call->sig->params[i].mode & PM_IN) &&
            call->sig->params[i].type.kind != TY_COLLECTION && /* pl_coll_parameters_in */
            pl_eval(ex, call->argv[i], &in[i]) < 0)
            return -1;
    return 0;
}

/* The unit SIG names, compiled into PROG; its header must still be the one the caller saw. */
static int load_unit(pl_exec *ex, const pl_signature *sig, pl_program *prog)
{
    plsql_unit u = {0};
    ora_error err;
    int found = ex->host->find_unit ? ex->host->find_unit(ex->host->arg, sig->owner, sig->name,
                                                          &u, &err)
                                    : 0;
    if (found < 0) return pl_raise_error(ex, &err);
    char full[300];
    snprintf(full, sizeof full, "\"%s.%s\"", sig->owner, sig->name);
    if (found == 0) {
        plsql_unit_free(&u);
        return pl_raise(ex, 6508, full); /* dropped since the caller was compiled */
    }
    int rc = pl_parse_unit(u.text, ex->host, prog, &err);
    plsql_unit_free(&u);
    if (rc < 0) return pl_raise(ex, 6508, full);
    const pl_signature *now = prog->unit;
    int same = now->nparams == sig->nparams && now->is_function == sig->is_function;
    for (int i = 0; same && i < sig->nparams; i++)
        same = now->params[i].mode == sig->params[i].mode;
    if (same) return 0;
    pl_program_free(prog);
    return pl_raise(ex, 6508, full); /* replaced by another header */
}

/* Where a callee runs: its program, its parameters' first slot, the block it runs (NULL: the
 * program's top), and where the slots below its own are (its enclosing scopes). */
typedef struct pl_frame {
    pl_program *prog;
    int first;
    const pl_block *block;
    pl_exec *up;
    const char *owner, *name; /* the stored unit or package it is part of; NULL: a block's */
} pl_frame;

/* The unit's parameters: arguments, NULL for OUT, DEFAULT values for those left out. */
static int bind_parameters(pl_exec *callee, const pl_call *call, pval *in, int first)
{
    for (int i = 0; i < call->sig->nparams; i++) {
        const pl_decl *d = callee->prog->decls[first + i];
        pval *v = &callee->slots[first + i].v;
        if (call->argv[i]) {
            if (d->param_mode & PM_IN) pv_move(v, &in[i]);
        } else if (d->init && pl_eval(callee, d->init, v) < 0) {
            return -1;
        }
        if (v->kind != PLSQL_NULL && pl_conform(callee, &d->type, 0, v) < 0) return -1;
    }
    return 0;
}

/* The exception a unit did not handle, with the unit's line in its backtrace (OWNER.NAME; a
 * block's subprogram: the line alone): what its caller goes on with. */
static pl_exc unit_exception(const pl_exec *callee, const char *owner, const char *name)
{
    pl_exc e = callee->exc;
    size_t len = strlen(e.msg);
    if (callee->exc.line > 0 && owner) /* 0: its arguments did not fit its parameters */
        snprintf(e.msg + len, sizeof e.msg - len, "\nORA-06512: at \"%s.%s\", line %d", owner,
                 name, callee->exc.line);
    else if (callee->exc.line > 0)
        snprintf(e.msg + len, sizeof e.msg - len, "\nORA-06512: at line %d", callee->exc.line);
    return e;
}

int pl_as_owner(pl_exec *ex, const char *owner, int invoker, void **saved)
{
    *saved = NULL;
    if (invoker || !ex->host->as_owner || !owner) return 0;
    ora_error err;
    return ex->host->as_owner(ex->host->arg, owner, saved, &err) < 0 ? pl_raise_error(ex, &err) : 0;
}

void pl_as_caller(pl_exec *ex, void *saved)
{
    if (saved) ex->host->as_caller(ex->host->arg, saved);
}

int pl_propagate(pl_exec *ex, const pl_exec *callee, const char *owner, const char *name)
{
    if (callee->fatal) {
        ex->fatal = 1;
        ex->fatal_err = callee->fatal_err;
        return -1;
    }
    ex->exc = unit_exception(callee, owner, name);
    /* another program's exception names mean nothing here (ORA-06510), a package's excepted */
    if (callee->prog != ex->prog && !ex->exc.user_pkg[0]) ex->exc.user_slot = 0;
    ex->exc.line = ex->line;
    return -1;
}

/* OUT and IN OUT values back to the caller's targets. */
static int copy_out(pl_exec *ex, pl_exec *callee, const pl_call *call, int first)
{
    for (int i = 0; i < call->sig->nparams; i++) {
        if (!call->argv[i] || !(call->sig->params[i].mode & PM_OUT)) continue;
        if (call->sig->params[i].type.kind == TY_COLLECTION) {
            if (pl_coll_parameter_out(ex, callee, call->argv[i], first + i) < 0) return -1;
            continue;
        }
        pl_target t = pl_argument_target(call->argv[i]);
        pval v = callee->slots[first + i].v;
        callee->slots[first + i].v = pv_null();
        if (pl_assign(ex, &t, &v) < 0) return -1;
    }
    return 0;
}

/* Run CALL in frame F with the caller's argument values IN. */
static int run_callee(pl_exec *ex, const pl_call *call, pval *in, const pl_frame *f, pval *result)
{
    const pl_signature *sig = call->sig;
    pl_exec callee;
    int same = f->prog == ex->prog; /* a block's subprogram sees the block's binds */
    pl_exec_init(&callee, ex->host, f->prog, same ? ex->binds : NULL, same ? ex->nbinds : 0);
    callee.up = f->up;
    callee.up_slots = f->up ? f->first : 0;
    callee.call_depth = ex->call_depth + 1;
    callee.dyn_depth = ex->dyn_depth;
    callee.output_enabled = ex->output_enabled;
    callee.out_line = ex->out_line;
    int line = ex->line, off = ex->stmt_off;
    int rc = bind_parameters(&callee, call, in, f->first);
    if (rc == 0) rc = pl_coll_parameters_in(ex, &callee, call, f->first);
    if (rc == 0) rc = f->block ? pl_run_subprogram(&callee, f->block) : pl_run_program(&callee);
    ex->line = line, ex->stmt_off = off;
    ex->output_enabled = callee.output_enabled;
    if (rc < 0) {
        pl_propagate(ex, &callee, f->owner, f->name);
    } else if (sig->is_function && !callee.returned) {
        rc = pl_raise(ex, 6503);
    } else {
        rc = copy_out(ex, &callee, call, f->first);
        if (rc == 0 && sig->ret.kind == TY_COLLECTION) { /* its collection, for the caller */
            pl_coll_free(ex->call_coll);
            ex->call_coll = callee.ret_coll;
            callee.ret_coll = NULL;
        }
        if (rc == 0 && result) {
            pv_move(result, &callee.ret);
            if (result->kind != PLSQL_NULL) rc = pl_conform(ex, &sig->ret, 0, result);
        }
    }
    pl_exec_release(&callee);
    return rc;
}

/* The package subprogram SIG names, in its package's state: its frame, or -1 (raised). */
static int package_frame(pl_exec *ex, const pl_signature *sig, pl_frame *f)
{
    const pl_package_ref *ref = sig->package;
    pl_exec *state = pl_package_state(ex, ref->owner, ref->name);
    if (!state) return -1;
    char full[300];
    snprintf(full, sizeof full, "\"%s.%s\"", ref->owner, ref->name);
    pl_program *prog = state->prog;
    const pl_subprogram *sub = sig->member < prog->nsubs ? prog->subs[sig->member] : NULL;
    if (!sub || strcmp(sub->sig.name, sig->name) || sub->sig.nparams != sig->nparams)
        return pl_raise(ex, 6508, full); /* replaced by another specification since */
    if (!sub->block) {
        snprintf(full, sizeof full, "package body \"%s.%s\"", ref->owner, ref->name);
        return pl_raise(ex, 4067, full);
    }
    *f = (pl_frame){prog, sub->first_slot, sub->block, state, ref->owner, ref->name};
    return 0;
}

int pl_call_unit(pl_exec *ex, const pl_call *call, pval *result)
{
    const pl_signature *sig = call->sig;
    if (result) *result = pv_null();
    if (ex->call_depth >= PL_MAX_CALL_DEPTH) return pl_raise(ex, 6500);
    pval *in = xcalloc((size_t)sig->nparams + 1, sizeof *in);
    pl_program prog = {0};
    pl_frame f = {0};
    void *caller = NULL; /* a stored unit runs as its owner (unless AUTHID CURRENT_USER) */
    int rc = evaluate_arguments(ex, call, in);
    if (rc == 0 && !sig->local)
        rc = sig->package ? pl_as_owner(ex, sig->package->owner, sig->package->spec.invoker_rights,
                                        &caller)
                          : pl_as_owner(ex, sig->owner, sig->invoker_rights, &caller);
    if (rc == 0 && sig->local) { /* the caller's own program: a package's, a block's */
        f = (pl_frame){ex->prog, sig->local->first_slot, sig->local->block, ex,
                       ex->prog->package_owner, ex->prog->package_name};
        if (f.owner && !f.owner[0]) f.owner = NULL;
    } else if (rc == 0 && sig->package) {
        rc = package_frame(ex, sig, &f);
    } else if (rc == 0 && (rc = load_unit(ex, sig, &prog)) == 0) {
        f = (pl_frame){&prog, 0, NULL, NULL, sig->owner, sig->name};
    }
    if (rc == 0) rc = run_callee(ex, call, in, &f, result);
    pl_as_caller(ex, caller);
    pl_program_free(&prog);
    for (int i = 0; i < sig->nparams; i++) pv_free(&in[i]);
    free(in);
    return rc;
}

/* ---- a function called from SQL ---- */

/* ORA-00904: "NAME": invalid identifier, as SQL says of a name it does not know. */
static int invalid_identifier(const char *name, ora_error *err)
{
    char quoted[300];
    const char *dot = strchr(name, '.'); /* SCHEMA.FUNCTION: "SCHEMA"."FUNCTION" */
    if (dot) snprintf(quoted, sizeof quoted, "\"%.*s\".\"%s\"", (int)(dot - name), name, dot + 1);
    else snprintf(quoted, sizeof quoted, "\"%s\"", name);
    return ora_set(err, 904, 0, quoted);
}

/* The function NAME compiled into PROG, if SQL may call it with NARGS arguments; compiled (and
 * to be run) as its owner unless it has AUTHID CURRENT_USER: *CALLER then says how to come
 * back (host->as_caller). */
static int load_function(const char *name, int nargs, const plsql_host *host, pl_program *prog,
                         void **caller, ora_error *err)
{
    plsql_unit u = {0};
    *caller = NULL;
    int found = host->find_unit ? host->find_unit(host->arg, NULL, name, &u, err) : 0;
    if (found <= 0) {
        plsql_unit_free(&u);
        return found < 0 ? -1 : invalid_identifier(name, err);
    }
    char full[300];
    snprintf(full, sizeof full, "%s.%s", u.owner, u.name);
    if (host->as_owner && host->as_owner(host->arg, u.owner, caller, err) < 0) {
        plsql_unit_free(&u);
        return -1;
    }
    int rc = pl_parse_unit(u.text, host, prog, err);
    if (rc == 0 && prog->unit->invoker_rights && *caller) { /* AUTHID CURRENT_USER */
        host->as_caller(host->arg, *caller);
        *caller = NULL;
    }
    if (rc == 0) prog->unit->owner = pl_strndup(&prog->arena, u.owner, strlen(u.owner));
    plsql_unit_free(&u);
    if (rc < 0) return ora_set(err, 6575, 0, full);
    const pl_signature *sig = prog->unit;
    int required = 0, out = 0;
    for (int i = 0; i < sig->nparams; i++) {
        required += !sig->params[i].has_default && i >= nargs;
        out |= (sig->params[i].mode & PM_OUT) != 0;
    }
    if (!sig->is_function) rc = invalid_identifier(name, err);
    else if (out) rc = ora_set(err, 6572, 0, sig->name);
    else if (nargs > sig->nparams || required) {
        char text[200];
        snprintf(text, sizeof text, "wrong number or types of arguments in call to '%s'",
                 sig->name);
        rc = ora_set(err, 6553, 0, "306", text);
    }
    if (rc < 0) pl_program_free(prog);
    if (rc < 0 && *caller) host->as_caller(host->arg, *caller);
    return rc;
}

int plsql_package_of(const char *name, char *owner, char *package, size_t size)
{
    const char *first = strchr(name, '.'), *last = strrchr(name, '.');
    if (!first) return 0;
    owner[0] = '\0';
    if (first == last) {
        snprintf(package, size, "%.*s", (int)(first - name), name);
    } else {
        snprintf(owner, size, "%.*s", (int)(first - name), name);
        snprintf(package, size, "%.*s", (int)(last - first - 1), first + 1);
    }
    return 1;
}

/* Is NAME ("PACKAGE.FUNCTION", "SCHEMA.PACKAGE.FUNCTION") a package's function?  Then it is
 * called as a block calls it - BEGIN :r := name(:a1, ...); END; - (1, or -1 with ERR). 0 when
 * its first parts name no package. */
static int package_function(const char *name, const plsql_value *args, int nargs,
                            const plsql_host *host, plsql_value *result, ora_error *err)
{
    char owner[300], package[300];
    if (!plsql_package_of(name, owner, package, sizeof package) || !host->find_unit) return 0;
    const char *last = strrchr(name, '.');
    plsql_unit u = {0};
    ora_error ignored;
    int found = host->find_unit(host->arg, owner[0] ? owner : NULL, package, &u, &ignored);
    int is_package = found > 0 && plsql_is_package(u.text);
    buf text;
    buf_init(&text);
    buf_printf(&text, "BEGIN :r := \"%s\".\"%s\".\"%s\"(", u.owner ? u.owner : "", package,
               last + 1);
    plsql_unit_free(&u);
    if (!is_package) return buf_free(&text), 0;
    plsql_value *binds = xcalloc((size_t)nargs + 1, sizeof *binds);
    for (int i = 0; i < nargs; i++) {
        buf_printf(&text, "%s:a%d", i ? ", " : "", i + 1);
        binds[i + 1] = args[i];
        binds[i + 1].text = args[i].text ? xstrdup(args[i].text) : NULL;
    }
    buf_puts(&text, "); END;");
    int rc = pl_run_block(buf_cstr(&text), binds, nargs + 1, host, 0, err);
    if (rc < 0 && err->code == 6550 && strstr(err->msg, "PLS-00302"))
        invalid_identifier(name, err);
    else if (rc < 0 && err->code == ORA_NO_DATA_FOUND)
        rc = 0; /* as Oracle's SQL takes it from a function: the value is NULL */
    if (rc == 0) *result = binds[0], binds[0].text = NULL;
    plsql_values_free(binds, nargs + 1);
    free(binds);
    buf_free(&text);
    return rc < 0 ? -1 : 1;
}

int plsql_call_function(const char *name, const plsql_value *args, int nargs,
                        const plsql_host *host, plsql_value *result, ora_error *err)
{
    int rc = package_function(name, args, nargs, host, result, err);
    if (rc) return rc < 0 ? -1 : 0;
    pl_program prog;
    *result = (plsql_value){.kind = PLSQL_NULL};
    ora_clear(err);
    void *caller;
    if (load_function(name, nargs, host, &prog, &caller, err) < 0) return -1;
    pl_exec ex;
    pl_exec_init(&ex, host, &prog, NULL, 0);
    for (int i = 0; rc == 0 && i < prog.unit->nparams; i++) {
        const pl_decl *d = prog.decls[i];
        pval *v = &ex.slots[i].v;
        if (i < nargs) *v = pv_from_host(&args[i]);
        else if (d->init && pl_eval(&ex, d->init, v) < 0) rc = -1;
        if (rc == 0 && v->kind != PLSQL_NULL && pl_conform(&ex, &d->type, 0, v) < 0) rc = -1;
    }
    pl_packages_enter(host->packages);
    if (rc == 0) rc = pl_run_program(&ex);
    pl_packages_leave(host->packages);
    if (rc == 0 && !ex.returned) rc = pl_raise(&ex, 6503);
    if (rc == 0 && ex.ret.kind != PLSQL_NULL) rc = pl_conform(&ex, &prog.unit->ret, 0, &ex.ret);
    if (rc < 0 && !ex.fatal && ex.exc.code == ORA_NO_DATA_FOUND && !ex.exc.user_slot) {
        rc = 0; /* as Oracle's SQL takes it from a function: the value is NULL */
    } else if (rc < 0 && ex.fatal) {
        *err = ex.fatal_err;
    } else if (rc < 0) {
        pl_exc e = unit_exception(&ex, prog.unit->owner, prog.unit->name);
        err->code = e.code;
        err->offset = 0;
        snprintf(err->msg, sizeof err->msg, "%s", e.msg);
    } else if (ex.returned) {
        pv_to_host(&ex.ret, result);
    }
    pl_exec_release(&ex);
    pl_program_free(&prog);
    if (caller) host->as_caller(host->arg, caller);
    return rc;
}
