/*
 * commit_log.c - committers' turns and the shared WAL sync (see commit_log.h).
 */
#include "commit_log.h"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

commit_log *the_commit_log;

#define SYNC_WAIT_US 10000 /* a waiter looks again after this even unwoken (a syncer that died) */

/* Process-shared futex calls on a word of the SGA (a MAP_SHARED mapping). */
static void futex_wake_all(uint32_t *word)
{
    syscall(SYS_futex, word, FUTEX_WAKE, INT32_MAX, NULL, NULL, 0);
}

static void futex_wait_us(uint32_t *word, uint32_t expected, long us)
{
    struct timespec ts = {us / 1000000, us % 1000000 * 1000};
    syscall(SYS_futex, word, FUTEX_WAIT, expected, &ts, NULL, 0); /* at once if it moved */
}

static uint64_t load(const uint64_t *v) { return __atomic_load_n(v, __ATOMIC_ACQUIRE); }
static void store(uint64_t *v, uint64_t x) { __atomic_store_n(v, x, __ATOMIC_RELEASE); }

void commit_log_init(commit_log *c)
{
    sga_latch_init(&c->write_turn);
    sga_latch_init(&c->sync_turn);
}

void commit_log_write_begin(commit_log *c) { sga_latch_acquire(&c->write_turn); }

uint64_t commit_log_write_end(commit_log *c, int wrote)
{
    uint64_t seq = 0;
    if (wrote) {
        seq = c->written + 1; /* only the turn's holder writes it */
        store(&c->written, seq);
    }
    sga_latch_release(&c->write_turn);
    return seq;
}

/* The one syncing now: a commit being written finishes first and is synced too (free when
 * none is), then the WAL is synced past every commit written so far. */
static int sync_written(commit_log *c, int wal_fd)
{
    sga_latch_acquire(&c->write_turn);
    sga_latch_release(&c->write_turn);
    uint64_t upto = load(&c->written);
    if (fdatasync(wal_fd) < 0) return -1;
    store(&c->synced, upto);
    c->syncs++;
    return 0;
}

int commit_log_sync(commit_log *c, uint64_t seq, int wal_fd)
{
    for (;;) {
        uint32_t round = __atomic_load_n(&c->sync_round, __ATOMIC_ACQUIRE);
        if (load(&c->synced) >= seq) return 0;
        if (!sga_latch_try(&c->sync_turn)) {
            futex_wait_us(&c->sync_round, round, SYNC_WAIT_US); /* for the syncer's end */
            continue;
        }
        int rc = c->synced < seq ? sync_written(c, wal_fd) : 0;
        __atomic_add_fetch(&c->sync_round, 1, __ATOMIC_ACQ_REL);
        sga_latch_release(&c->sync_turn);
        futex_wake_all(&c->sync_round);
        if (rc < 0) return -1;
    }
}


void commit_log_wal_grew(commit_log *c, int frames)
{
    if (frames < COMMIT_LOG_CKPT_FRAMES || __atomic_load_n(&c->ckpt_posted, __ATOMIC_RELAXED))
        return;
    if (__atomic_exchange_n(&c->ckpt_posted, 1, __ATOMIC_ACQ_REL) == 0) futex_wake_all(&c->ckpt_posted);
}

void commit_log_ckpt_wait(commit_log *c, int seconds)
{
    futex_wait_us(&c->ckpt_posted, 0, seconds * 1000000L); /* at once when already posted */
    __atomic_store_n(&c->ckpt_posted, 0, __ATOMIC_RELEASE);
}

uint32_t commit_log_wal_frames(commit_log *c, uint32_t frames)
{
    return __atomic_exchange_n(&c->wal_frames, frames, __ATOMIC_ACQ_REL);
}
