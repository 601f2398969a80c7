/*
 * kill_history.c - the ring of ended-session records.
 */
#include "kill_history.h"

#include <string.h>

kill_history *the_kill_history;

void kill_history_add(kill_history *h, const kill_record *r)
{
    sga_latch_acquire(&h->latch);
    uint64_t seq = ++h->next_seq;
    kill_record *slot = &h->records[(seq - 1) % KILL_HISTORY_SIZE];
    *slot = *r;
    slot->seq = seq;
    sga_latch_release(&h->latch);
}

int kill_history_read(kill_history *h, int i, kill_record *out)
{
    sga_latch_acquire(&h->latch);
    int used = h->records[i].seq != 0;
    if (used) *out = h->records[i];
    sga_latch_release(&h->latch);
    return used;
}
