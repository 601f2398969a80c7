/*
 * latch.c - robust process-shared latches (see latch.h).
 */
#include "latch.h"

#include <errno.h>

void sga_latch_init(sga_latch *l)
{
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
    pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
    pthread_mutex_init(&l->mutex, &a);
    pthread_mutexattr_destroy(&a);
}

int sga_latch_acquire_after_death(sga_latch *l)
{
    if (pthread_mutex_lock(&l->mutex) != EOWNERDEAD) return 0;
    /* The holder died mid-update: mark the latch usable again. */
    pthread_mutex_consistent(&l->mutex);
    return 1;
}

void sga_latch_acquire(sga_latch *l) { sga_latch_acquire_after_death(l); }

int sga_latch_try(sga_latch *l)
{
    int rc = pthread_mutex_trylock(&l->mutex);
    if (rc == EOWNERDEAD) pthread_mutex_consistent(&l->mutex);
    return rc == 0 || rc == EOWNERDEAD;
}

void sga_latch_release(sga_latch *l) { pthread_mutex_unlock(&l->mutex); }
