/*
 * plsql_describe.c - what a stored unit declares, for the dictionary
 * (USER_PROCEDURES, USER_ARGUMENTS): the unit, each procedure and function a
 * package specification declares, and their parameters with Oracle's names
 * for their types.  Only the headers are read (without a host: nothing is
 * looked up), so a unit describes as written even when it does not compile
 * as a whole.
 */
#include <string.h>

#include "plsql_collection.h"
#include "plsql_parse.h"

static pl_block *parse_header(pl_parser *p)
{
    p->prog->unit = pl_alloc(&p->prog->arena, sizeof *p->prog->unit);
    return pp_subprogram_header(p, p->prog->unit, 0) < 0
               ? NULL
               : pl_alloc(&p->prog->arena, sizeof(pl_block));
}

/* The K'th subprogram of PROG's specification: its number among those of its name (0 if the
 * name has one). */
static int overload_number(const pl_program *prog, int k)
{
    int before = 0, total = 0;
    for (int i = 0; i < prog->nsubs; i++) {
        if (strcmp(prog->subs[i]->sig.name, prog->subs[k]->sig.name)) continue;
        total++;
        before += i < k;
    }
    return total > 1 ? before + 1 : 0;
}

/* USER_ARGUMENTS.DATA_TYPE of type T, or NULL. */
static const char *type_name(const pl_type *t)
{
    switch (t->kind) {
    case TY_NUMBER: return "NUMBER";
    case TY_PLS_INTEGER: return "BINARY_INTEGER";
    case TY_VARCHAR2: return t->lob ? "CLOB" : "VARCHAR2";
    case TY_CHAR: return "CHAR";
    case TY_DATE: return "DATE";
    case TY_TIMESTAMP:
        return t->zone == 1   ? "TIMESTAMP WITH TIME ZONE"
               : t->zone == 2 ? "TIMESTAMP WITH LOCAL TIME ZONE"
                              : "TIMESTAMP";
    case TY_BOOLEAN: return "PL/SQL BOOLEAN";
    case TY_REFCURSOR: return "REF CURSOR";
    case TY_RAW: return t->lob ? "BLOB" : "RAW";
    case TY_INTERVAL: return t->year_month ? "INTERVAL YEAR TO MONTH" : "INTERVAL DAY TO SECOND";
    case TY_COLLECTION:
        return t->coll->kind == CK_INDEX_BY ? "PL/SQL TABLE"
               : t->coll->kind == CK_NESTED ? "TABLE"
                                            : "VARRAY";
    default: return NULL;
    }
}

/* SIG's arguments (its RETURN value first) into OUT, which has room for nparams + 1. */
static int arguments(const pl_signature *sig, plsql_argument_info *out)
{
    int n = 0;
    if (sig->is_function)
        out[n++] = (plsql_argument_info){NULL, 0, "OUT", type_name(&sig->ret), 0};
    for (int i = 0; i < sig->nparams; i++) {
        const pl_param *p = &sig->params[i];
        const char *mode = p->mode == PM_IN_OUT ? "IN/OUT" : p->mode == PM_OUT ? "OUT" : "IN";
        out[n++] = (plsql_argument_info){p->name, i + 1, mode, type_name(&p->type),
                                         p->has_default};
    }
    return n;
}

/* Tell FN of subprogram SIG (NAME NULL: the unit itself) with its arguments. */
static void describe(const pl_signature *sig, const char *name, int overload, int invoker,
                     void (*fn)(void *arg, const plsql_subprogram_info *), void *arg)
{
    plsql_argument_info args[PL_MAX_ARGS + 1];
    plsql_subprogram_info info = {name,         overload, sig->is_function, sig->deterministic,
                                  invoker,      args,     arguments(sig, args)};
    fn(arg, &info);
}

int plsql_describe_unit(const char *text, void (*fn)(void *arg, const plsql_subprogram_info *),
                        void *arg)
{
    pl_program prog;
    ora_error err;
    int package = plsql_is_package(text);
    int rc = pp_compile(text, NULL, NULL, 0, &prog, &err, package ? pp_package_spec : parse_header);
    if (rc < 0 || package) {
        plsql_subprogram_info unit = {.invoker_rights = rc == 0 && prog.invoker_rights};
        fn(arg, &unit);
    } else {
        describe(prog.unit, NULL, 0, prog.unit->invoker_rights, fn, arg);
    }
    for (int k = 0; rc == 0 && package && k < prog.nsubs; k++) {
        const pl_signature *sig = &prog.subs[k]->sig;
        describe(sig, sig->name, overload_number(&prog, k), prog.invoker_rights, fn, arg);
    }
    if (rc == 0) pl_program_free(&prog);
    return rc;
}
