/*
 * commit_log.h - the order and the durability of commits: committers take
 * turns writing into SQLite's write-ahead log, and share its flush to disk
 * (group commit, Oracle's "log file sync").
 *
 * Under row-level locking a COMMIT is one short SQLite write transaction.
 * Left to SQLite, concurrent committers meet SQLITE_BUSY (the WAL write
 * lock, or a snapshot gone stale while they waited) and sleep in the busy
 * handler: at 2 clients half of every second went to those sleeps.  So
 * committers queue on the write turn instead, a process-shared mutex whose
 * release hands it straight to the next one, and SQLite's write lock is
 * free whenever one of them asks for it.
 *
 * The turn covers the write of the commit's WAL frames only, not their sync:
 * sessions run with synchronous = NORMAL (the WAL is synced at checkpoints,
 * not at commits), and each committer, after its turn, waits until the WAL
 * has been synced past its commit.  The first waiter to find nobody syncing
 * syncs the WAL up to the newest written commit, for everyone behind it
 * (first letting a commit being written finish, so that one sync serves it
 * too); the others sleep until that sync ends and wakes them all at once
 * (not one after another through a mutex: under load each of those hand-overs
 * waited for a CPU, and a commit waited 1.1 ms for a 0.2 ms sync), and find
 * their commit durable or sync the next round themselves.  A COMMIT is
 * acknowledged only after that, so an acknowledged commit survives a crash
 * as with synchronous = FULL, and a crash loses only commits that nobody was
 * told about (SQLite's checksums cut the WAL at the last whole commit).
 *
 * A committer killed during its turn cannot stall the instance: the turn is
 * a robust latch (latch.h), and SQLite rolls back the dead process's
 * unfinished write transaction itself.
 *
 * Checkpoints are CKPT's alone.  A session does not let SQLite checkpoint
 * inline once the WAL passes 1,000 pages (that made one COMMIT in every few
 * hundred copy the whole WAL into the database while its client waited); it
 * posts CKPT instead, which wakes early for it.
 */
#ifndef WARDEN_COMMIT_LOG_H
#define WARDEN_COMMIT_LOG_H

#include <stdint.h>

#include "latch.h"

typedef struct commit_log {
    sga_latch write_turn; /* one committer writes into the WAL at a time */
    sga_latch sync_turn;  /* held by the one process syncing the WAL */
    uint32_t sync_round;  /* a futex word: moves when a sync ends, waking its waiters */
    uint64_t written;     /* commits written into the WAL since startup */
    uint64_t synced;      /* of those, the ones known durable */
    uint64_t syncs;       /* WAL syncs done (commits per sync = written / syncs) */
    uint32_t ckpt_posted; /* a futex word: 1 once a session asked CKPT for a checkpoint */
    uint32_t wal_frames;  /* the WAL's length in frames after the last commit */
} commit_log;

extern commit_log *the_commit_log;

/* Set up the area at C (zeroed shared memory). */
void commit_log_init(commit_log *c);

/* Take the write turn (waits for the committer writing now). */
void commit_log_write_begin(commit_log *c);
/* Give the turn up.  WROTE: a commit was written; returns its number (0 if not). */
uint64_t commit_log_write_end(commit_log *c, int wrote);

/*
 * Return once commit number SEQ is durable, syncing the WAL open on WAL_FD
 * when nobody else is.  0, or -1 with errno when the sync failed (then the
 * commit is in the database but its durability is not known).
 */
int commit_log_sync(commit_log *c, uint64_t seq, int wal_fd);

/* A commit left the WAL FRAMES frames long: the length before it (the last commit's). */
uint32_t commit_log_wal_frames(commit_log *c, uint32_t frames);
/* A session's commit left the WAL FRAMES pages long: post CKPT once it has grown enough. */
void commit_log_wal_grew(commit_log *c, int frames);
#define COMMIT_LOG_CKPT_FRAMES 2000 /* about 8 MB of 4 KiB pages */
/* CKPT: wait until posted or SECONDS passed; clears the post. */
void commit_log_ckpt_wait(commit_log *c, int seconds);

#endif
