/*
 * row_wait.h - what a session shows of its wait for a row or table lock
 * (V$SESSION BLOCKING_INSTANCE, BLOCKING_SESSION, ROW_WAIT_OBJ#,
 * ROW_WAIT_ROW#, and the wait's P1..P3 in V$SESSION_WAIT), handed from the transaction code (txn.h) through the
 * engine's observer (engine.h) to the server.
 */
#ifndef WARDEN_ROW_WAIT_H
#define WARDEN_ROW_WAIT_H

#include <stdint.h>

typedef struct eng_row_wait {
    int holder_inst, holder_sid; /* the holding session */
    uint32_t holder_serial;
    uint32_t holder_usn, holder_slot, holder_sqn; /* its transaction's XID (the wait's P2, P3) */
    int shared; /* asked in share mode (a child's parent key): P1's mode 4, else 6 */
    uint32_t obj; /* the table (or index) */
    int64_t row;  /* the rowid; 0 for a key or a table */
} eng_row_wait;

#endif
