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

#include "plsql_int.h"

pl_target pl_argument_target(const pl_expr *e)
{
    pl_target t = {.slot = e->slot, .off = e->off};
    t.kind = e->kind == EX_BIND ? TG_BIND : e->kind == EX_FIELD ? TG_FIELD : TG_VAR;
    if (e->kind == EX_ELEM) t.kind = TG_ELEM, t.index = e->a;
    t.name = e->name;
    return t;
}

/* The caller's IN and IN OUT argument values into IN (SIG->nparams). */
static int evaluate_arguments(pl_exec *ex, const pl_call *call, pval *in)
{
    for (int i = 0; i < call->sig->nparams; i++)
        if (call->argv[i] && (call->sig->params[i].mode & PM_IN) &&
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

/* The unit's parameters: arguments, NULL for OUT, DEFAULT values for those left out. */
static int bind_parameters(pl_exec *callee, const pl_call *call, pval *in)
{
    for (int i = 0; i < call->sig->nparams; i++) {
        const pl_decl *d = callee->prog->decls[i];
        pval *v = &callee->slots[i].v;
        if (call->argv[i]) {
            if (d->param_mode & PM_IN) pv_move(v, &in[i]);
        } else if (d->init && pl_eval(callee, d->init, v) < 0) {
            return -1;
        }
        if (v->kind != PLSQL_NULL && pl_conform(callee, &d->type, 0, v) < 0) return -1;
    }
    return 0;
}

/* The exception a unit did not handle, with the unit's line in its backtrace: what its caller
 * goes on with. */
static pl_exc unit_exception(const pl_exec *callee, const pl_signature *sig)
{
    pl_exc e = callee->exc;
    e.user_slot = 0; /* the unit's own exception names mean nothing outside: ORA-06510 */
    size_t len = strlen(e.msg);
    if (callee->exc.line > 0) /* 0: its arguments did not fit its parameters, at the call */
        snprintf(e.msg + len, sizeof e.msg - len, "\nORA-06512: at \"%s.%s\", line %d",
                 sig->owner, sig->name, callee->exc.line);
    return e;
}

/* The unit's exception, continued in the caller. */
static int propagate(pl_exec *ex, const pl_exec *callee, const pl_signature *sig)
{
    if (callee->fatal) {
        ex->fatal = 1;
        ex->fatal_err = callee->fatal_err;
        return -1;
    }
    ex->exc = unit_exception(callee, sig);
    ex->exc.line = ex->line;
    return -1;
}

/* OUT and IN OUT values back to the caller's targets. */
static int copy_out(pl_exec *ex, pl_exec *callee, const pl_call *call)
{
    for (int i = 0; i < call->sig->nparams; i++) {
        if (!call->argv[i] || !(call->sig->params[i].mode & PM_OUT)) continue;
        pl_target t = pl_argument_target(call->argv[i]);
        pval v = callee->slots[i].v;
        callee->slots[i].v = pv_null();
        if (pl_assign(ex, &t, &v) < 0) return -1;
    }
    return 0;
}

int pl_call_unit(pl_exec *ex, const pl_call *call, pval *result)
{
    const pl_signature *sig = call->sig;
    if (result) *result = pv_null();
    if (ex->call_depth >= PL_MAX_CALL_DEPTH) return pl_raise(ex, 6500);
    pval *in = xcalloc((size_t)sig->nparams + 1, sizeof *in);
    pl_program prog;
    int rc = evaluate_arguments(ex, call, in);
    if (rc == 0) rc = load_unit(ex, sig, &prog);
    if (rc == 0) {
        pl_exec callee;
        pl_exec_init(&callee, ex->host, &prog, NULL, 0);
        callee.call_depth = ex->call_depth + 1;
        callee.dyn_depth = ex->dyn_depth;
        callee.output_enabled = ex->output_enabled;
        int line = ex->line, off = ex->stmt_off;
        rc = bind_parameters(&callee, call, in) < 0 ? -1 : pl_run_program(&callee);
        ex->line = line, ex->stmt_off = off;
        ex->output_enabled = callee.output_enabled;
        if (rc < 0) {
            propagate(ex, &callee, sig);
        } else if (sig->is_function && !callee.returned) {
            rc = pl_raise(ex, 6503);
        } else {
            rc = copy_out(ex, &callee, call);
            if (rc == 0 && result) {
                pv_move(result, &callee.ret);
                if (result->kind != PLSQL_NULL) rc = pl_conform(ex, &sig->ret, 0, result);
            }
        }
        pl_exec_release(&callee);
        pl_program_free(&prog);
    }
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

/* The function NAME compiled into PROG, if SQL may call it with NARGS arguments. */
static int load_function(const char *name, int nargs, const plsql_host *host, pl_program *prog,
                         ora_error *err)
{
    plsql_unit u = {0};
    int found = host->find_unit ? host->find_unit(host->arg, NULL, name, &u, err) : 0;
    if (found <= 0) {
        plsql_unit_free(&u);
        return found < 0 ? -1 : invalid_identifier(name, err);
    }
    char full[300];
    snprintf(full, sizeof full, "%s.%s", u.owner, u.name);
    int rc = pl_parse_unit(u.text, host, prog, err);
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
    return rc;
}

int plsql_call_function(const char *name, const plsql_value *args, int nargs,
                        const plsql_host *host, plsql_value *result, ora_error *err)
{
    pl_program prog;
    *result = (plsql_value){.kind = PLSQL_NULL};
    ora_clear(err);
    if (load_function(name, nargs, host, &prog, err) < 0) return -1;
    pl_exec ex;
    pl_exec_init(&ex, host, &prog, NULL, 0);
    int rc = 0;
    for (int i = 0; rc == 0 && i < prog.unit->nparams; i++) {
        const pl_decl *d = prog.decls[i];
        pval *v = &ex.slots[i].v;
        if (i < nargs) *v = pv_from_host(&args[i]);
        else if (d->init && pl_eval(&ex, d->init, v) < 0) rc = -1;
        if (rc == 0 && v->kind != PLSQL_NULL && pl_conform(&ex, &d->type, 0, v) < 0) rc = -1;
    }
    if (rc == 0) rc = pl_run_program(&ex);
    if (rc == 0 && !ex.returned) rc = pl_raise(&ex, 6503);
    if (rc == 0 && ex.ret.kind != PLSQL_NULL) rc = pl_conform(&ex, &prog.unit->ret, 0, &ex.ret);
    if (rc < 0 && !ex.fatal && ex.exc.code == ORA_NO_DATA_FOUND && !ex.exc.user_slot) {
        rc = 0; /* as Oracle's SQL takes it from a function: the value is NULL */
    } else if (rc < 0 && ex.fatal) {
        *err = ex.fatal_err;
    } else if (rc < 0) {
        pl_exc e = unit_exception(&ex, prog.unit);
        err->code = e.code;
        err->offset = 0;
        snprintf(err->msg, sizeof err->msg, "%s", e.msg);
    } else if (ex.returned) {
        pv_to_host(&ex.ret, result);
    }
    pl_exec_release(&ex);
    pl_program_free(&prog);
    return rc;
}
