/*
 * sequence_cache.c - the cached numbers of sequences in the SGA (see
 * sequence_cache.h).  Every operation is a few field updates under the one
 * latch: NEXTVAL is rare next to the statements around it, and one latch
 * keeps an entry's fields consistent without a seqlock.
 */
#include "sequence_cache.h"

sequence_cache *the_sequence_cache;

void sequence_cache_init(sequence_cache *c) { sga_latch_init(&c->latch); }

static uint32_t home_slot(uint32_t object)
{
    return (object * 2654435761u) % SEQUENCE_CACHE_SLOTS; /* Knuth's multiplicative hash */
}

/* OBJECT's entry (under the latch), added when ADD and it has none; NULL if none or full. */
static sequence_entry *entry(sequence_cache *c, uint32_t object, int add)
{
    for (uint32_t i = 0, k = home_slot(object); i < SEQUENCE_CACHE_SLOTS; i++) {
        sequence_entry *e = &c->entries[(k + i) % SEQUENCE_CACHE_SLOTS];
        if (e->object == object) return e;
        if (e->object == 0) {
            if (!add) return NULL;
            *e = (sequence_entry){.object = object};
            return e;
        }
    }
    return NULL;
}

/* The entry's next number (it has one left). */
static int64_t take(sequence_entry *e)
{
    int64_t v = e->next;
    e->left--;
    if (e->left > 0) e->next += e->increment;
    return v;
}

int sequence_cache_take(sequence_cache *c, uint32_t object, int64_t *value, uint32_t *generation)
{
    sga_latch_acquire(&c->latch);
    sequence_entry *e = entry(c, object, 1);
    int got = e && e->left > 0;
    if (got) *value = take(e);
    *generation = e ? e->generation : 0;
    sga_latch_release(&c->latch);
    return got;
}

int sequence_cache_fill(sequence_cache *c, uint32_t object, uint32_t generation, int64_t first,
                        int64_t increment, int64_t count, int64_t *value)
{
    sga_latch_acquire(&c->latch);
    sequence_entry *e = entry(c, object, 1);
    int rc = 1;
    if (!e) {
        *value = first; /* no room to cache: the rest of the block is a gap */
    } else if (e->generation != generation) {
        rc = 0;
    } else if (e->left > 0) {
        *value = take(e);
    } else {
        *value = first;
        e->increment = increment;
        e->left = count - 1;
        e->next = first + (count > 1 ? increment : 0);
    }
    sga_latch_release(&c->latch);
    return rc;
}

int sequence_cache_flush(sequence_cache *c, uint32_t object, int64_t *next)
{
    sga_latch_acquire(&c->latch);
    sequence_entry *e = entry(c, object, 1);
    int had = e && e->left > 0;
    if (had) *next = e->next;
    if (e) {
        e->left = 0;
        e->generation++;
    }
    sga_latch_release(&c->latch);
    return had;
}
