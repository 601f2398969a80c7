/*
 * plsql_host.h - running an anonymous PL/SQL block on the session: what the
 * interpreter (src/plsql/) may ask of its dedicated server.
 */
#ifndef WARDEN_PLSQL_HOST_H
#define WARDEN_PLSQL_HOST_H

#include "session.h"

/*
 * Run BLOCK with the bind VALUES: 0, or -1 with ERR (what it changed is
 * undone).  META (may be NULL) tells the array binds (BIND_ARRAY), whose
 * elements are in ARRAYS (NULL: none came).  The binds' values after the
 * block ran go to OUT (NVALUES of them, freed with plsql_values_free).
 */
int plsql_host_run_out(session *s, const char *block, const eng_value *values, int nvalues,
                       const bind_meta *meta, const bind_array *arrays, plsql_value *out,
                       ora_error *err);
/* The session as the interpreter's host (for compiling: plsql_compile_unit, bind modes). */
void plsql_host_for(session *s, plsql_host *host);
/* Once the session has its engine: stored functions may be called from its SQL. */
void plsql_host_functions(session *s);

#endif
