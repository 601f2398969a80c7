/*
 * longops.h - the long operations behind V$SESSION_LONGOPS: the progress a
 * session reports of work that takes long (DBMS_APPLICATION_INFO's
 * SET_SESSION_LONGOPS, and the server's own long statements).  A ring of
 * the last LONGOPS_SIZE operations in the SGA, under its own latch: an
 * operation stays visible after it ends until its slot is reused, as in
 * Oracle, whose rows outlive the work (and the session) they describe.
 */
#ifndef WARDEN_LONGOPS_H
#define WARDEN_LONGOPS_H

#include <stdint.h>

#include "latch.h"

#define LONGOPS_SIZE 256

typedef struct longop {
    uint64_t seq; /* 1, 2 ... in the order the operations started; 0: an empty slot */
    int sid;
    uint32_t serial;
    char username[129];
    char opname[65], target_desc[33], units[33];
    char target[65];       /* the object worked on, by name ... */
    int64_t target_object; /* ... or by number (SET_SESSION_LONGOPS's TARGET), 0 for none */
    int64_t context;
    double sofar, totalwork;
    int64_t start_us, update_us; /* wall clock */
    char sql_id[14];
    uint32_t sql_hash;
    uint64_t sql_address;
} longop;

typedef struct longops {
    sga_latch latch;
    uint64_t next_seq;
    longop ops[LONGOPS_SIZE];
} longops;

extern longops *the_longops;

/*
 * Report OP's progress.  *RINDEX and *SLNO are DBMS_APPLICATION_INFO's
 * tokens: the slot and sequence of the operation to update, which must be
 * the same session's (OP's SID and SERIAL); anything else (-1: "no hint")
 * starts a new operation in the oldest slot, its start time now.  They get
 * the operation's slot and sequence back.  OP's seq is ignored; its start_us is when a new
 * operation began (0: now).
 */
void longops_set(longops *h, const longop *op, int *rindex, int *slno);
/* Copy of the I-th slot (0 .. LONGOPS_SIZE-1); 0 if empty. */
int longops_read(longops *h, int i, longop *out);

#endif
