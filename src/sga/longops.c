/*
 * longops.c - the ring of long operations (see longops.h).
 */
#include "longops.h"

longops *the_longops;

/* Is slot I operation SLNO of session SID, SERIAL? */
static int same_operation(const longops *h, int i, int slno, int sid, uint32_t serial)
{
    if (i < 0 || i >= LONGOPS_SIZE || slno <= 0) return 0;
    const longop *o = &h->ops[i];
    return o->seq == (uint64_t)slno && o->sid == sid && o->serial == serial;
}

void longops_set(longops *h, const longop *op, int *rindex, int *slno)
{
    sga_latch_acquire(&h->latch);
    int i = *rindex;
    longop *slot;
    if (same_operation(h, i, *slno, op->sid, op->serial)) {
        slot = &h->ops[i];
        uint64_t seq = slot->seq;
        int64_t start = slot->start_us;
        *slot = *op;
        slot->seq = seq, slot->start_us = start;
    } else {
        uint64_t seq = ++h->next_seq;
        i = (int)((seq - 1) % LONGOPS_SIZE);
        slot = &h->ops[i];
        *slot = *op;
        slot->seq = seq;
        slot->start_us = op->start_us ? op->start_us : op->update_us;
    }
    *rindex = i;
    *slno = (int)(slot->seq & 0x7fffffff);
    sga_latch_release(&h->latch);
}

int longops_read(longops *h, int i, longop *out)
{
    sga_latch_acquire(&h->latch);
    int used = h->ops[i].seq != 0;
    if (used) *out = h->ops[i];
    sga_latch_release(&h->latch);
    return used;
}
