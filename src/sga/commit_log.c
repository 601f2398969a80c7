/*
 * commit_log.c - committers' turns and the shared WAL sync (see commit_log.h).
 */
#include "commit_log.h"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

commit_log *the_commit_log;

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

int commit_log_sync(commit_log *c, uint64_t seq, int wal_fd)
{
    if (load(&c->synced) >= seq) return 0;
    sga_latch_acquire(&c->sync_turn);
    int rc = 0;
    if (c->synced < seq) { /* nobody synced past SEQ while we queued: sync for everyone */
        /* A commit being written now finishes first, and is synced too (free when none is). */
        sga_latch_acquire(&c->write_turn);
        sga_latch_release(&c->write_turn);
        uint64_t upto = load(&c->written); /* every commit up to here is in the file */
        rc = fdatasync(wal_fd);
        if (rc == 0) {
            store(&c->synced, upto);
            c->syncs++;
        }
    }
    sga_latch_release(&c->sync_turn);
    return rc;
}

/* Process-shared futex calls on a word of the SGA (a MAP_SHARED mapping). */
static void futex_wake(uint32_t *word) { syscall(SYS_futex, word, FUTEX_WAKE, 1, NULL, NULL, 0); }
static void futex_wait(uint32_t *word, uint32_t expected, int seconds)
{
    struct timespec ts = {seconds, 0};
    syscall(SYS_futex, word, FUTEX_WAIT, expected, &ts, NULL, 0);
}

void commit_log_wal_grew(commit_log *c, int frames)
{
    if (frames < COMMIT_LOG_CKPT_FRAMES || __atomic_load_n(&c->ckpt_posted, __ATOMIC_RELAXED))
        return;
    if (__atomic_exchange_n(&c->ckpt_posted, 1, __ATOMIC_ACQ_REL) == 0) futex_wake(&c->ckpt_posted);
}

void commit_log_ckpt_wait(commit_log *c, int seconds)
{
    futex_wait(&c->ckpt_posted, 0, seconds); /* returns at once when already posted */
    __atomic_store_n(&c->ckpt_posted, 0, __ATOMIC_RELEASE);
}
