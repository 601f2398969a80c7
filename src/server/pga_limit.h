/*
 * pga_limit.h - the ceiling on a dedicated server's private memory, in the
 * spirit of Oracle's PGA_AGGREGATE_LIMIT: warden.conf's session_pga_limit.
 *
 * A dedicated server serves one session, so its whole heap is that
 * session's memory (Oracle's PGA).  Two guards hold it to the limit:
 * SQLite refuses any allocation of its own that would take its share past
 * it (SQLITE_NOMEM, reported as ORA-04036), and every 16th safe point
 * (interrupts.c) asks pga_check, which ends the call with ORA-04036 once
 * the heap is over: SQLite's own counter is read every time (it is cheap),
 * the whole heap at most every 10 ms (malloc's books are walked).  A
 * request's values are held to half the limit by the reader's budget
 * (dedicated.c).  The heap's size comes from mallinfo2, or from
 * AddressSanitizer's counters in a sanitizer build (malloc does not see its
 * allocator).
 */
#ifndef WARDEN_PGA_LIMIT_H
#define WARDEN_PGA_LIMIT_H

#include <stddef.h>
#include <stdint.h>

typedef struct pga_memory {
    int64_t used;  /* bytes handed out and not freed (V$PROCESS.PGA_USED_MEM) */
    int64_t alloc; /* bytes taken from the system for the heap (PGA_ALLOC_MEM) */
    int64_t freeable; /* ... of them free, which malloc_trim could give back (PGA_FREEABLE_MEM) */
} pga_memory;

/* How the heap keeps freed memory (once, when the dedicated server starts). */
void pga_heap_init(void);
/* Set this process's limit to MEGABYTES (0 = none), SQLite's hard heap limit with it. */
void pga_limit_set(int megabytes);
/* The limit in bytes, 0 when there is none. */
size_t pga_limit_bytes(void);
/* The heap now.  Walks malloc's free lists: not for every row or every call. */
pga_memory pga_measure(void);
/*
 * Would EXTRA more bytes take the process past its limit?  1 or 0.  Uses a
 * measurement at most 10 ms old, so it may be asked for every request.
 */
int pga_would_exceed(size_t extra);
/* For the safe points: ORA-04036 if the heap is over the limit, else 0 (cheap). */
int pga_check(void);

#endif
