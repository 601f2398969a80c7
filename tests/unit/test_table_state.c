/*
 * test_table_state.c - per-table rowid counters and definition generations
 * in the SGA: rowids start after the committed maximum, are never handed out
 * twice, also to processes asking at the same moment, and a DDL gives the
 * table a generation no earlier one had.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "sga/table_state.h"

#define PROCESSES 4
#define ROWIDS_EACH 20000

static table_state *t;
static int max_calls;

static int setup(void **state)
{
    t = mmap(NULL, sizeof *t, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (t == MAP_FAILED) return -1;
    table_state_init(t);
    return 0;
}

static int teardown(void **state)
{
    munmap(t, sizeof *t);
    return 0;
}

static int64_t committed_max(void *arg)
{
    max_calls++;
    return *(int64_t *)arg;
}

static int64_t failing_max(void *arg) { return -1; }

static void test_rowids_start_after_the_committed_maximum(void **state)
{
    int64_t max = 41;
    max_calls = 0;
    assert_int_equal(table_next_rowid(t, 73001, committed_max, &max), 42);
    assert_int_equal(table_next_rowid(t, 73001, committed_max, &max), 43);
    assert_int_equal(max_calls, 1); /* asked once, then counted */
    int64_t empty = 0;
    assert_int_equal(table_next_rowid(t, 73002, committed_max, &empty), 1);
    assert_int_equal(table_next_rowid(t, 73003, failing_max, NULL), 0);
    assert_int_equal(table_next_rowid(t, 73003, committed_max, &empty), 1); /* asked again */
}

/* A rowid given explicitly moves the counter past it, never back. */
static void test_explicit_rowids_are_passed(void **state)
{
    int64_t max = 5;
    assert_int_equal(table_rowid_used(t, 73101, 9, committed_max, &max), 0);
    assert_int_equal(table_next_rowid(t, 73101, committed_max, &max), 10);
    assert_int_equal(table_rowid_used(t, 73101, 3, committed_max, &max), 0); /* behind: stays */
    assert_int_equal(table_next_rowid(t, 73101, committed_max, &max), 11);
    assert_int_equal(table_rowid_used(t, 73102, 2, failing_max, NULL), -1);
}

/* Processes asking at once: every rowid handed out exactly once, no gaps. */
static void test_concurrent_rowids_are_distinct(void **state)
{
    int64_t *got = mmap(NULL, sizeof(int64_t) * PROCESSES * ROWIDS_EACH, PROT_READ | PROT_WRITE,
                        MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    assert_true(got != MAP_FAILED);
    pid_t kids[PROCESSES];
    for (int p = 0; p < PROCESSES; p++) {
        if ((kids[p] = fork()) == 0) {
            int64_t max = 1000;
            for (int i = 0; i < ROWIDS_EACH; i++)
                got[p * ROWIDS_EACH + i] = table_next_rowid(t, 74000, committed_max, &max);
            _exit(0);
        }
    }
    for (int p = 0; p < PROCESSES; p++) {
        int status;
        assert_int_equal(waitpid(kids[p], &status, 0), kids[p]);
        assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    int n = PROCESSES * ROWIDS_EACH;
    unsigned char *seen = calloc((size_t)n, 1);
    for (int i = 0; i < n; i++) {
        int64_t r = got[i] - 1001;
        assert_true(r >= 0 && r < n);
        assert_false(seen[r]);
        seen[r] = 1;
    }
    free(seen);
    munmap(got, sizeof(int64_t) * PROCESSES * ROWIDS_EACH);
}

static void test_generations(void **state)
{
    assert_int_equal(table_generation(t, 75000), 0); /* no DDL since startup */
    table_changed(t, 75000);
    uint32_t g1 = table_generation(t, 75000);
    assert_true(g1 > 0);
    table_changed(t, 75001);
    table_changed(t, 75000);
    uint32_t g2 = table_generation(t, 75000);
    assert_true(g2 > g1);
    assert_true(table_generation(t, 75001) > g1 && table_generation(t, 75001) < g2);
    /* A generation never comes back, so a session that saw one knows it changed. */
    assert_int_not_equal(table_generation(t, 75001), g1);
}

/* Many tables: probing past collisions finds each one's own entry. */
static void test_many_tables(void **state)
{
    int64_t max = 0;
    for (uint32_t o = 80000; o < 90000; o++)
        assert_int_equal(table_next_rowid(t, o, committed_max, &max), 1);
    for (uint32_t o = 80000; o < 90000; o++)
        assert_int_equal(table_next_rowid(t, o, committed_max, &max), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rowids_start_after_the_committed_maximum),
        cmocka_unit_test(test_explicit_rowids_are_passed),
        cmocka_unit_test(test_concurrent_rowids_are_distinct),
        cmocka_unit_test(test_generations),
        cmocka_unit_test(test_many_tables),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
