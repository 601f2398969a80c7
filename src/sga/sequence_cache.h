/*
 * sequence_cache.h - the numbers of each sequence that the instance holds
 * in memory (CREATE SEQUENCE ... CACHE n), shared by every session, so that
 * NEXTVAL hands them out in order across sessions, as Oracle's SGA does.
 *
 * The dictionary (src/engine/sequences.h) keeps each sequence's LAST_NUMBER,
 * the first number not yet reserved.  A session that finds its sequence's
 * cache empty reserves the next block of numbers by moving LAST_NUMBER on
 * in a durable write of its own, then puts the block here; every NEXTVAL
 * takes the next number of the block under the latch.  A number is handed
 * out only after its block's reservation is on disk, so a crash (the SGA is
 * gone) loses the rest of the cached block but can never give a number
 * twice - Oracle's gaps after an instance failure.
 *
 * Each entry carries a generation that ALTER and DROP move when they throw
 * the cached numbers away: a block reserved before the change is never put
 * in after it.  Entries are keyed by the sequence's object number (never
 * reused) in an open addressing table; when it is full a sequence simply
 * goes uncached (each NEXTVAL reserves a block of one).
 */
#ifndef WARDEN_SEQUENCE_CACHE_H
#define WARDEN_SEQUENCE_CACHE_H

#include <stdint.h>

#include "latch.h"

#define SEQUENCE_CACHE_SLOTS 4096 /* sequences used since the instance started */

typedef struct sequence_entry {
    uint32_t object;     /* 0: free */
    uint32_t generation; /* moved by every flush */
    int64_t next;        /* the next number to hand out */
    int64_t increment;
    int64_t left;        /* numbers left in the block (0: reserve the next one) */
} sequence_entry;

typedef struct sequence_cache {
    sga_latch latch; /* every read and change of an entry */
    sequence_entry entries[SEQUENCE_CACHE_SLOTS];
} sequence_cache;

extern sequence_cache *the_sequence_cache;

/* Set up the area at C (zeroed shared memory of sizeof(sequence_cache)). */
void sequence_cache_init(sequence_cache *c);

/*
 * The next number of sequence OBJECT into *VALUE: 1; or 0 when its block is
 * used up, with *GENERATION the entry's generation to pass to
 * sequence_cache_fill with the block reserved next.
 */
int sequence_cache_take(sequence_cache *c, uint32_t object, int64_t *value, uint32_t *generation);

/*
 * A block of COUNT numbers from FIRST by INCREMENT was reserved for OBJECT,
 * when its generation was GENERATION.  The first one goes to *VALUE and the
 * rest into the cache: 1.  When the entry has numbers again (another session
 * filled it meanwhile) *VALUE is the entry's next one and this block is
 * dropped (a gap), also 1.  When the generation moved (ALTER, DROP), the
 * block is dropped and nothing taken: 0, reserve again.
 */
int sequence_cache_fill(sequence_cache *c, uint32_t object, uint32_t generation, int64_t first,
                        int64_t increment, int64_t count, int64_t *value);

/*
 * Throw OBJECT's cached numbers away (ALTER, DROP).  1 with *NEXT the first
 * number not handed out when the cache held some, else 0.
 */
int sequence_cache_flush(sequence_cache *c, uint32_t object, int64_t *next);

#endif
