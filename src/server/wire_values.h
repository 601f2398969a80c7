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
/* The kind (ENG_VAL_*) values of bind type M have, also when NULL. */
int wire_bind_kind(const bind_meta *m);
/* A PL/SQL OUT value V in the client's bind type M (with its actual-length word); a LOB becomes
 * a temporary LOB of the session. */
int wire_write_out_bind(session *s, buf *out, const bind_meta *m, const plsql_value *v,
                        ora_error *err);
/* A RETURNING ... INTO value: as an OUT bind, but a character value longer than the client's
 * buffer goes cut to it with its whole length (the driver reports it; Oracle does not fail). */
int wire_write_returned(session *s, buf *out, const bind_meta *m, const plsql_value *v,
                        ora_error *err);
/* A RETURNING ... INTO LOB that is COLUMN of row ROWID of TABLE (in SCHEMA when it names
 * none): a locator of that row, V its value now. */
int wire_write_row_lob(session *s, buf *out, const bind_meta *m, const plsql_value *v,
                       const sql_object_name *table, const char *schema, const char *column,
                       int64_t rowid, ora_error *err);
/* Result column COL of EC's current row as the client's define DEF asks (NULL: as described). */
int wire_write_column(session *s, buf *out, eng_cursor *ec, int col, const bind_meta *def,
                      ora_error *err);
struct lob_entry;
/* A LOB value (column or OUT bind) as its locator; with PREFETCH (the client's define or bind
 * asked for it) its LENGTH and chunk size first. */
void wire_put_lob(buf *out, session *s, const struct lob_entry *e, int prefetch, uint64_t length);

#endif
