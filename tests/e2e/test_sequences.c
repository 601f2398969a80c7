/*
 * test_sequences.c - sequences shared by concurrent sessions: numbers in
 * order across sessions from the instance's cache, none handed out twice
 * (sessions taking numbers at once, rolled-back transactions, ALTER while
 * others take numbers), and none reused after the instance is killed with
 * numbers still cached.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "harness.h"

#define WORKERS 4
#define TAKES 150

static wdn_conn *app_session(wi *w)
{
    return wi_connect(w, "app", "pw");
}

static void make_app_user(wi *w)
{
    wdn_conn *dba = wi_connect(w, "system", WI_PASSWORD);
    wi_exec(dba, "create user app identified by pw");
    wi_exec(dba, "grant connect, resource to app");
    wdn_close(dba);
}

/* Sessions take turns: each NEXTVAL is one more than the last, whoever asked. */
static void test_order_across_sessions(void **state)
{
    wi w;
    wi_start(&w);
    make_app_user(&w);
    wdn_conn *a = app_session(&w), *b = app_session(&w);
    wi_exec(a, "create sequence s");
    assert_int_equal(wi_count(a, "select s.nextval from dual"), 1);
    assert_int_equal(wi_count(b, "select s.nextval from dual"), 2);
    assert_int_equal(wi_count(a, "select s.nextval from dual"), 3);
    assert_int_equal(wi_count(b, "select s.currval from dual"), 2); /* CURRVAL is per session */
    /* a rolled-back insert does not give its number back */
    wi_exec(a, "create table t (id number primary key)");
    wi_exec(a, "insert into t values (s.nextval)");
    wi_exec(a, "rollback");
    assert_int_equal(wi_count(b, "select s.nextval from dual"), 5);
    /* only 20 are cached: the dictionary is a block ahead */
    assert_int_equal(wi_count(a, "select last_number from user_sequences where sequence_name = 'S'"), 21);
    wdn_close(a);
    wdn_close(b);
    wi_stop(&w);
}

typedef struct worker {
    wi *w;
    int64_t got[TAKES];
    int n;
} worker;

static void *take_numbers(void *arg)
{
    worker *k = arg;
    wdn_conn *c = wi_connect_within(k->w, "app", "pw", 10);
    for (int i = 0; c && i < TAKES; i++) {
        char *v = wi_scalar(c, "select s.nextval from dual");
        if (!v) break;
        k->got[k->n++] = strtoll(v, NULL, 10);
        free(v);
        if (i == TAKES / 2 && wi_run(c, "insert into t values (s.nextval)") == 0) /* a row too */
            wi_run(c, "commit");
    }
    if (c) wdn_close(c);
    return NULL;
}

static int compare(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* WORKERS sessions take numbers at once, while another ALTERs the sequence: all distinct. */
static void test_no_number_twice(void **state)
{
    wi w;
    wi_start(&w);
    make_app_user(&w);
    wdn_conn *a = app_session(&w);
    wi_exec(a, "create sequence s cache 7");
    wi_exec(a, "create table t (id number primary key)");
    worker workers[WORKERS];
    pthread_t threads[WORKERS];
    for (int i = 0; i < WORKERS; i++) {
        workers[i] = (worker){.w = &w};
        assert_int_equal(pthread_create(&threads[i], NULL, take_numbers, &workers[i]), 0);
    }
    for (int i = 0; i < 5; i++) {
        usleep(20000);
        wi_exec(a, i % 2 ? "alter sequence s cache 5" : "alter sequence s cache 9");
    }
    int64_t all[WORKERS * TAKES];
    int n = 0;
    for (int i = 0; i < WORKERS; i++) {
        pthread_join(threads[i], NULL);
        assert_int_equal(workers[i].n, TAKES);
        memcpy(all + n, workers[i].got, sizeof(int64_t) * (size_t)workers[i].n);
        n += workers[i].n;
    }
    qsort(all, (size_t)n, sizeof *all, compare);
    for (int i = 1; i < n; i++)
        if (all[i] == all[i - 1]) fail_msg("%lld handed out twice", (long long)all[i]);
    assert_int_equal(wi_count(a, "select count(*) from t"), WORKERS);
    wdn_close(a);
    wi_stop(&w);
}

/* Killed with numbers cached: after the restart NEXTVAL goes on past every number given. */
static void test_no_reuse_after_crash(void **state)
{
    wi w;
    wi_start(&w);
    make_app_user(&w);
    wdn_conn *a = app_session(&w);
    wi_exec(a, "create sequence s");
    wi_exec(a, "create sequence nc nocache");
    for (int i = 0; i < 5; i++) wi_exec(a, "select s.nextval, nc.nextval from dual");
    assert_int_equal(wi_count(a, "select s.currval from dual"), 5);
    assert_int_equal(kill(w.pid, SIGKILL), 0);
    int status;
    assert_int_equal(waitpid(w.pid, &status, 0), w.pid);
    w.pid = 0;
    wdn_close(a);
    sleep(1); /* its servers notice PMON is gone and end */
    wi_restart(&w);
    a = app_session(&w);
    assert_int_equal(wi_count(a, "select s.nextval from dual"), 21); /* 6..20 were cached: lost */
    assert_int_equal(wi_count(a, "select nc.nextval from dual"), 6); /* NOCACHE loses none */
    wdn_close(a);
    wi_stop(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order_across_sessions),
        cmocka_unit_test(test_no_number_twice),
        cmocka_unit_test(test_no_reuse_after_crash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
