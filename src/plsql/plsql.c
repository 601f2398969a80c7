/*
 * plsql.c - the entry points: compile a block, bind the host's values, run
 * it, and turn what is left of a failure into the error the caller returns.
 */
#include <string.h>

#include "plsql_int.h"

void pl_exec_init(pl_exec *ex, const plsql_host *host, pl_program *prog, plsql_value *binds,
                  int nbinds)
{
    *ex = (pl_exec){
        .host = host,
        .prog = prog,
        .binds = binds,
        .nbinds = nbinds,
        .sql_rowcount = -1,
        .output_enabled = 1,
    };
    ex->slots = xcalloc((size_t)(prog->nslots ? prog->nslots : 1), sizeof *ex->slots);
    ex->sql_states = xcalloc((size_t)(prog->nsqls ? prog->nsqls : 1), sizeof *ex->sql_states);
    buf_init(&ex->own_line);
    ex->out_line = &ex->own_line;
}

int pl_run_block(const char *text, plsql_value *binds, int nbinds, const plsql_host *host,
                 int depth, ora_error *err)
{
    pl_program prog;
    ora_clear(err);
    if (!text || !host) return ora_set(err, ORA_INTERNAL, 0, "plsql_run");
    if (pl_parse_binds(text, host, binds, nbinds, &prog, err) < 0) return -1;
    if (prog.nbinds != nbinds) {
        ora_set(err, prog.nbinds > nbinds ? 1008 : 1036, 0);
        pl_program_free(&prog);
        return -1;
    }
    pl_exec ex;
    pl_exec_init(&ex, host, &prog, binds, nbinds);
    ex.dyn_depth = depth;
    pl_packages_enter(host->packages);
    int rc = pl_run_program(&ex);
    pl_packages_leave(host->packages);
    if (rc < 0) pl_unhandled(&ex, err);
    pl_exec_release(&ex);
    pl_program_free(&prog);
    return rc;
}

int plsql_run_binds(const char *text, plsql_value *binds, int nbinds, const plsql_host *host,
                    ora_error *err)
{
    return pl_run_block(text, binds, nbinds, host, 0, err);
}

int plsql_bind_modes(const char *text, const plsql_host *host, uint8_t *modes, int max,
                     ora_error *err)
{
    pl_program prog;
    ora_clear(err);
    if (pl_parse(text, host, &prog, err) < 0) return -1;
    int n = prog.nbinds;
    for (int i = 0; i < n && i < max; i++) modes[i] = prog.bind_modes[i];
    pl_program_free(&prog);
    return n;
}

int plsql_run(const char *text, const plsql_host *host, ora_error *err)
{
    return pl_run_block(text, NULL, 0, host, 0, err);
}
