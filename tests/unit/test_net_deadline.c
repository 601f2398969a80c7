/*
 * test_net_deadline.c - a net_conn's deadline bounds the whole exchange, not
 * each wait: a peer that sends a packet a byte at a time (each byte well
 * within any per-read timeout) still meets NET_ERR_TIMEOUT at the deadline;
 * a peer that never reads cannot hold a write past it; clearing the deadline
 * restores unbounded waits.  Peers are socket pairs in this process.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "net/tns.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A child that writes a 100-byte packet header first, then one byte every GAP_MS. */
static pid_t dribble(int fd, int gap_ms)
{
    pid_t pid = fork();
    if (pid == 0) {
        uint8_t h[8] = {0, 100, 0, 0, TNS_CONNECT, 0, 0, 0};
        for (int i = 0; i < 8 && write(fd, &h[i], 1) == 1; i++)
            usleep((useconds_t)gap_ms * 1000);
        for (int i = 0; i < 92 && write(fd, "x", 1) == 1; i++)
            usleep((useconds_t)gap_ms * 1000);
        _exit(0);
    }
    return pid;
}

/* A wait that ignored the deadline would block for ever: SIGALRM fails the test instead. */
static int arm_alarm(void **state)
{
    alarm(10);
    return 0;
}

static int disarm_alarm(void **state)
{
    alarm(0);
    return 0;
}

static void test_dribbling_reader_meets_the_deadline(void **state)
{
    int sv[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    pid_t child = dribble(sv[1], 50); /* 100 bytes: 5 s in all */
    net_conn c;
    net_conn_init(&c, sv[0]);
    net_set_deadline(&c, 600);
    double t0 = now_s();
    tns_packet p;
    assert_int_equal(net_read_packet(&c, &p, 1000), NET_ERR_TIMEOUT); /* each byte came in time */
    double took = now_s() - t0;
    assert_true(took >= 0.55 && took < 2.0);
    assert_true(net_deadline_passed(&c));
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    net_conn_free(&c);
    close(sv[0]), close(sv[1]);
}

static void test_silent_peer_and_cleared_deadline(void **state)
{
    int sv[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    net_conn c;
    net_conn_init(&c, sv[0]);
    net_set_deadline(&c, 200);
    tns_packet p;
    double t0 = now_s();
    assert_int_equal(net_read_packet(&c, &p, -1), NET_ERR_TIMEOUT); /* no wait of its own */
    assert_true(now_s() - t0 < 2.0);
    net_set_deadline(&c, 0); /* cleared: the read's own timeout rules again */
    assert_false(net_deadline_passed(&c));
    assert_int_equal(net_read_packet(&c, &p, 100), NET_ERR_TIMEOUT);
    uint8_t marker[11] = {0, 11, 0, 0, TNS_MARKER, 0, 0, 0, 1, 0, TNS_MARKER_BREAK};
    assert_int_equal(write(sv[1], marker, sizeof marker), (ssize_t)sizeof marker);
    assert_int_equal(net_read_packet(&c, &p, -1), TNS_MARKER);
    net_conn_free(&c);
    close(sv[0]), close(sv[1]);
}

static void test_peer_that_never_reads(void **state)
{
    int sv[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    net_conn c;
    net_conn_init(&c, sv[0]);
    net_set_deadline(&c, 300);
    static uint8_t payload[1 << 20]; /* more than the socket holds: the send must wait */
    double t0 = now_s();
    int rc = 0;
    for (int i = 0; i < 64 && rc == 0; i++)
        rc = net_send_data(&c, payload, sizeof payload, 0);
    assert_int_equal(rc, NET_ERR_TIMEOUT);
    assert_true(now_s() - t0 < 3.0);
    net_conn_free(&c);
    close(sv[0]), close(sv[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_dribbling_reader_meets_the_deadline, arm_alarm,
                                        disarm_alarm),
        cmocka_unit_test_setup_teardown(test_silent_peer_and_cleared_deadline, arm_alarm,
                                        disarm_alarm),
        cmocka_unit_test_setup_teardown(test_peer_that_never_reads, arm_alarm, disarm_alarm),
    };
    return cmocka_run_group_tests_name("net_deadline", tests, NULL, NULL);
}
