/*
 * latch.h - latches: robust process-shared mutexes that guard the SGA's
 * shared structures (slot allocation, the SQL area, the kill history).
 *
 * A process killed while holding a latch cannot hang the instance: the next
 * process to take it is told the holder died and makes it usable again.
 * Updates under a latch only flip whole fields, so that is all it takes.
 * Latches are held for a copy or an update, never across a wait.
 */
#ifndef WARDEN_LATCH_H
#define WARDEN_LATCH_H

#include <pthread.h>

typedef struct sga_latch {
    pthread_mutex_t mutex;
} sga_latch;

void sga_latch_init(sga_latch *l);
void sga_latch_acquire(sga_latch *l);
/*
 * The same, saying whether the previous holder died holding it (1), for
 * structures whose updates take more than one field and must be repaired
 * by the next taker (the lock manager's partitions).
 */
int sga_latch_acquire_after_death(sga_latch *l);
/* Take it only if it is free: 1 when taken (also from a holder that died), else 0. */
int sga_latch_try(sga_latch *l);
void sga_latch_release(sga_latch *l);

#endif
