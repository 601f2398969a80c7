/*
 * wire_values.h - bind values off the wire into engine values, and values
 * from the engine (result columns, PL/SQL OUT binds) onto the wire.
 */
#ifndef WARDEN_WIRE_VALUES_H
#define WARDEN_WIRE_VALUES_H

#include "session.h"

/* A bind value of type M (a TIMESTAMP WITH LOCAL TIME ZONE, sent in UTC, into the session's
 * TIME_ZONE, "" the server's) into TEXT and V. */
int wire_read_bind(ttc_reader *r, const bind_meta *m, const char *time_zone, buf *text,
                   eng_value *v);
/* A PL/SQL OUT value V in the client's bind type M (with its actual-length word). */
int wire_write_out_bind(buf *out, const bind_meta *m, const char *time_zone, const plsql_value *v,
                        ora_error *err);
/* A RETURNING ... INTO value: as an OUT bind, but a character value longer than the client's
 * buffer goes cut to it with its whole length (the driver reports it; Oracle does not fail). */
int wire_write_returned(buf *out, const bind_meta *m, const char *time_zone, const plsql_value *v,
                        ora_error *err);
int wire_write_column(session *s, buf *out, eng_cursor *ec, int col, ora_error *err);

#endif
