/*
 * test_commit_log.c - committers' turns and the shared WAL sync in the SGA:
 * commits are numbered in the order they were written, a sync covers every
 * commit written before it began (one sync can serve many), a failed sync
 * covers none, a committer killed during its turn or while syncing does not
 * stall the next,
 * and a session's post wakes CKPT at once.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "sga/commit_log.h"

#define PROCESSES 4
#define COMMITS_EACH 2000

static commit_log *c;
static char path[64];
static int fd = -1;

static int setup(void **state)
{
    c = mmap(NULL, sizeof *c, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (c == MAP_FAILED) return -1;
    commit_log_init(c);
    snprintf(path, sizeof path, "/tmp/test_commit_log.XXXXXX");
    fd = mkstemp(path);
    return fd < 0 ? -1 : 0;
}

static int teardown(void **state)
{
    close(fd);
    unlink(path);
    munmap(c, sizeof *c);
    return 0;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* One commit: the turn, a record written at its number's place, the turn given up. */
static uint64_t commit_one(int wal)
{
    commit_log_write_begin(c);
    uint64_t seq = c->written + 1;
    if (pwrite(wal, &seq, sizeof seq, (off_t)(seq * sizeof seq)) != sizeof seq) return 0;
    return commit_log_write_end(c, 1);
}

static void test_commits_are_numbered_in_order(void **state)
{
    uint64_t first = commit_one(fd);
    assert_true(first > 0);
    assert_int_equal(commit_one(fd), first + 1);
    commit_log_write_begin(c); /* a commit that failed: no number, nothing to sync */
    assert_int_equal(commit_log_write_end(c, 0), 0);
    assert_int_equal(commit_one(fd), first + 2);
}

static void test_one_sync_serves_every_commit_before_it(void **state)
{
    uint64_t a = commit_one(fd), b = commit_one(fd);
    uint64_t syncs = c->syncs;
    assert_int_equal(commit_log_sync(c, b, fd), 0);
    assert_true(c->synced >= b);
    assert_int_equal(c->syncs, syncs + 1);
    assert_int_equal(commit_log_sync(c, a, fd), 0); /* already durable: no second sync */
    assert_int_equal(c->syncs, syncs + 1);
}

static void test_failed_sync_covers_nothing(void **state)
{
    uint64_t seq = commit_one(fd);
    uint64_t synced = c->synced;
    errno = 0;
    assert_int_equal(commit_log_sync(c, seq, -1), -1);
    assert_int_equal(errno, EBADF);
    assert_int_equal(c->synced, synced);
    assert_int_equal(commit_log_sync(c, seq, fd), 0); /* the next one does it */
    assert_true(c->synced >= seq);
}

/* Processes committing at once: each finds its commit durable when its sync returns, and
 * every commit is counted once. */
static void test_concurrent_committers(void **state)
{
    uint64_t written = c->written, syncs = c->syncs;
    for (int p = 0; p < PROCESSES; p++) {
        if (fork() != 0) continue;
        int bad = 0;
        for (int i = 0; i < COMMITS_EACH; i++) {
            uint64_t seq = commit_one(fd);
            bad += seq == 0 || commit_log_sync(c, seq, fd) != 0 || c->synced < seq;
        }
        _exit(bad ? 1 : 0);
    }
    for (int p = 0; p < PROCESSES; p++) {
        int status;
        wait(&status);
        assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    assert_int_equal(c->written, written + PROCESSES * COMMITS_EACH);
    assert_int_equal(c->synced, c->written);
    uint64_t used = c->syncs - syncs;
    printf("# %d commits, %llu syncs\n", PROCESSES * COMMITS_EACH, (unsigned long long)used);
    assert_true(used >= 1 && used <= PROCESSES * COMMITS_EACH);
}

static void test_committer_killed_during_its_turn(void **state)
{
    pid_t pid = fork();
    if (pid == 0) {
        commit_log_write_begin(c);
        _exit(0); /* dies holding the turn */
    }
    waitpid(pid, NULL, 0);
    double t0 = now();
    uint64_t seq = commit_one(fd);
    assert_true(seq > 0);
    assert_true(now() - t0 < 1.0);
    assert_int_equal(commit_log_sync(c, seq, fd), 0);
}

/* A process killed while syncing: the next committer's sync takes over within the waiters'
 * look-again interval, and its commit becomes durable. */
static void test_syncer_killed_while_syncing(void **state)
{
    pid_t pid = fork();
    if (pid == 0) {
        sga_latch_acquire(&c->sync_turn);
        _exit(0); /* dies holding the sync */
    }
    waitpid(pid, NULL, 0);
    uint64_t seq = commit_one(fd);
    double t0 = now();
    assert_int_equal(commit_log_sync(c, seq, fd), 0);
    assert_true(c->synced >= seq);
    assert_true(now() - t0 < 1.0);
}

static void test_post_wakes_ckpt(void **state)
{
    commit_log_wal_grew(c, COMMIT_LOG_CKPT_FRAMES - 1); /* not yet worth a checkpoint */
    assert_int_equal(c->ckpt_posted, 0);
    pid_t pid = fork();
    if (pid == 0) {
        usleep(100000);
        commit_log_wal_grew(c, COMMIT_LOG_CKPT_FRAMES);
        _exit(0);
    }
    double t0 = now();
    commit_log_ckpt_wait(c, 10);
    double waited = now() - t0;
    waitpid(pid, NULL, 0);
    assert_true(waited < 5.0);
    assert_int_equal(c->ckpt_posted, 0); /* the wait took the post */
    commit_log_wal_grew(c, COMMIT_LOG_CKPT_FRAMES + 1);
    t0 = now();
    commit_log_ckpt_wait(c, 10); /* posted before: returns at once */
    assert_true(now() - t0 < 5.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_commits_are_numbered_in_order),
        cmocka_unit_test(test_one_sync_serves_every_commit_before_it),
        cmocka_unit_test(test_failed_sync_covers_nothing),
        cmocka_unit_test(test_concurrent_committers),
        cmocka_unit_test(test_committer_killed_during_its_turn),
        cmocka_unit_test(test_syncer_killed_while_syncing),
        cmocka_unit_test(test_post_wakes_ckpt),
    };
    return cmocka_run_group_tests_name("commit_log", tests, setup, teardown);
}
