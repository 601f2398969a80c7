/*
 * test_server_calls.c - a dedicated server's call loop in one process, on
 * the fuzz targets' scratch instance and socket pair: requests a driver
 * would not send but a client may, written to the socket whole, then the
 * loop runs until the client's end closes.
 *
 * A PL/SQL cursor keeps its binds' directions (IN, OUT, IN OUT) from the
 * block's text; an execute of the same cursor with another number of binds
 * works them out again for those binds (once read past the end of the old
 * ones: AddressSanitizer's heap-buffer-overflow).  A connection has one
 * session: the logon calls on a logged-on one are refused (once they made
 * a second session and lost the first with its locks).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>

#include "net/ttc_msg.h"
#include "../fuzz/support/fuzz_session.h"

static const char block[] = "begin :1 := 5; end;";

/* VARCHAR2 bind metadata, as libwarden writes it. */
static void put_varchar_bind(buf *b)
{
    ttc_put_u8(b, 1), ttc_put_u8(b, 0x03), ttc_put_u8(b, 0), ttc_put_u8(b, 0);
    ttc_put_ub(b, 1), ttc_put_ub(b, 0), ttc_put_ub(b, 0), ttc_put_ub(b, 0), ttc_put_ub(b, 0);
    ttc_put_ub(b, 873), ttc_put_u8(b, 1), ttc_put_ub(b, 0), ttc_put_ub(b, 0);
}

/* Execute BLOCK with NBINDS binds of 'x': parsed into a new cursor (CURSOR 0) or run again. */
static void send_block(net_conn *peer, uint64_t cursor, int nbinds, uint8_t seq)
{
    buf b;
    buf_init(&b);
    ttc_put_u8(&b, TTC_MSG_FUNCTION), ttc_put_u8(&b, TTC_FN_EXECUTE), ttc_put_u8(&b, seq);
    uint64_t options = TTC_EXEC_EXECUTE | TTC_EXEC_BIND | (cursor ? 0 : TTC_EXEC_PARSE);
    size_t len = cursor ? 0 : strlen(block);
    ttc_put_execute_header(&b, options, cursor, len, 1, (uint64_t)nbinds, 0);
    if (len) ttc_put_bytes(&b, block, len);
    ttc_put_al8i4(&b, !cursor, 1, 0);
    for (int i = 0; i < nbinds; i++) put_varchar_bind(&b);
    ttc_put_u8(&b, TTC_MSG_ROW_DATA);
    for (int i = 0; i < nbinds; i++) ttc_put_str(&b, "x");
    assert_int_equal(net_send_data(peer, b.data, b.len, TNS_DATA_END_OF_CALL), 0);
    buf_free(&b);
}

static int occurrences(const buf *b, const char *s)
{
    int n = 0;
    size_t len = strlen(s);
    for (size_t i = 0; i + len <= b->len; i++) n += memcmp(b->data + i, s, len) == 0;
    return n;
}

/* A logged-on session on one end of a socket pair; the test plays the client on the other. */
typedef struct call_loop {
    int fd[2];
    session s;
    net_conn peer;
} call_loop;

static void loop_open(call_loop *l)
{
    fuzz_instance_init();
    assert_int_equal(fuzz_socket_pair(l->fd), 0);
    fuzz_session_open(&l->s, l->fd[0]);
    fuzz_peer_open(&l->peer, l->fd[1]);
}

/* The client's end closes; the session serves what was sent; its replies into REPLIES. */
static void loop_run(call_loop *l, buf *replies)
{
    shutdown(l->fd[1], SHUT_WR);
    session_call_loop(&l->s);
    buf_init(replies);
    uint8_t chunk[65536];
    ssize_t n;
    while ((n = recv(l->fd[1], chunk, sizeof chunk, MSG_DONTWAIT)) > 0)
        buf_put(replies, chunk, (size_t)n);
}

static void loop_close(call_loop *l, buf *replies)
{
    buf_free(replies);
    fuzz_session_close(&l->s);
    net_conn_free(&l->peer);
    close(l->fd[0]);
    close(l->fd[1]);
}

static void test_plsql_cursor_run_with_another_bind_count(void **state)
{
    call_loop l;
    loop_open(&l);
    send_block(&l.peer, 0, 1, 1); /* cursor 1: its bind is OUT */
    send_block(&l.peer, 1, 2, 2);
    send_block(&l.peer, 1, 3, 3);
    send_block(&l.peer, 1, 1, 4);
    buf replies;
    loop_run(&l, &replies);
    assert_int_equal(l.s.replies, 4);
    assert_int_equal(occurrences(&replies, "ORA-01036"), 2); /* more binds than the block has */
    assert_int_equal(occurrences(&replies, "ORA-"), 2);      /* the first and last ran */
    loop_close(&l, &replies);
}

/* A logged-on connection asked to log on again: ORA-03001, and its session stays as it was. */
static void test_second_logon_refused(void **state)
{
    call_loop l;
    loop_open(&l);
    eng_session *eng = l.s.eng;
    for (uint8_t fn = TTC_FN_AUTH_PHASE_ONE, seq = 1; seq <= 2; fn = TTC_FN_AUTH_PHASE_TWO, seq++) {
        buf b;
        buf_init(&b);
        ttc_put_u8(&b, TTC_MSG_FUNCTION), ttc_put_u8(&b, fn), ttc_put_u8(&b, seq);
        ttc_put_u8(&b, 1), ttc_put_ub(&b, 6), ttc_put_bytes(&b, "SYSTEM", 6); /* a user name */
        assert_int_equal(net_send_data(&l.peer, b.data, b.len, TNS_DATA_END_OF_CALL), 0);
        buf_free(&b);
    }
    buf replies;
    loop_run(&l, &replies);
    assert_int_equal(l.s.replies, 2);
    assert_ptr_equal(l.s.eng, eng);
    assert_int_equal(occurrences(&replies, "ORA-03001"), 2);
    loop_close(&l, &replies);
}

static int teardown(void **state)
{
    fuzz_instance_remove();
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plsql_cursor_run_with_another_bind_count),
        cmocka_unit_test(test_second_logon_refused),
    };
    return cmocka_run_group_tests(tests, NULL, teardown);
}
