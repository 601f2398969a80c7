/*
 * call_binds.h - bind metadata and bind rows of execute and re-execute
 * requests.
 */
#ifndef WARDEN_CALL_BINDS_H
#define WARDEN_CALL_BINDS_H

#include "session.h"

void binds_read_metadata(ttc_reader *r, bind_meta *m, int n);
/*
 * Bind rows (ROW_DATA) that follow; DIRS (may be NULL) leaves out the OUT
 * binds, which a client does not send on re-executes.  Values that do not
 * decode set REFUSED; a malformed stream fails the reader.  TIME_ZONE: the
 * session's (wire_read_bind).
 */
void bind_rows_read(ttc_reader *r, const bind_meta *m, const uint8_t *dirs, int nbinds,
                    int plsql, const char *time_zone, bind_rows *out, ora_error *refused);
void bind_rows_free(bind_rows *b);

#endif
