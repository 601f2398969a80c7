/*
 * test_ttc.c - the Oracle Net transport and TTC value layer: integer and
 * byte-string encodings, the packet-spanning reader, ERROR and DESCRIBE
 * messages, the CONNECT / ACCEPT / REFUSE exchange, markers, and malformed
 * framing.  Both ends run in this process over a socket pair.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>

#include "net/tns.h"
#include "net/ttc.h"
#include "net/ttc_msg.h"

typedef struct pair {
    int fd[2];
    net_conn a, b; /* a writes, b reads (and the other way round) */
} pair;

static void pair_open(pair *p, uint32_t sdu)
{
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, p->fd), 0);
    int big = 4 << 20;
    for (int i = 0; i < 2; i++) {
        setsockopt(p->fd[i], SOL_SOCKET, SO_SNDBUF, &big, sizeof big);
        setsockopt(p->fd[i], SOL_SOCKET, SO_RCVBUF, &big, sizeof big);
    }
    net_conn_init(&p->a, p->fd[0]);
    net_conn_init(&p->b, p->fd[1]);
    p->a.large_lengths = p->b.large_lengths = 1;
    p->a.sdu = p->b.sdu = sdu;
}

static void pair_close(pair *p)
{
    net_conn_free(&p->a);
    net_conn_free(&p->b);
    close(p->fd[0]);
    close(p->fd[1]);
}

/* Send B as one request from a to b and start reading it on b. */
static void send_and_begin(pair *p, buf *b, ttc_reader *r)
{
    assert_int_equal(net_send_data(&p->a, b->data, b->len, TNS_DATA_END_OF_CALL), 0);
    assert_int_equal(ttc_begin(r, &p->b, 1, 1000, NULL), TNS_DATA);
}

static void test_integers(void **state)
{
    static const uint64_t values[] = {0, 1, 127, 255, 256, 65535, 65536, 0xFFFFFFFFu,
                                      0x100000000ull, 0xFFFFFFFFFFFFull};
    pair p;
    pair_open(&p, 8192);
    buf b;
    buf_init(&b);
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) ttc_put_ub(&b, values[i]);
    ttc_put_sb(&b, -1);
    ttc_put_sb(&b, -300);
    ttc_put_sb(&b, 42);
    ttc_put_u16le(&b, 873);
    ttc_reader r;
    send_and_begin(&p, &b, &r);
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++)
        assert_int_equal(ttc_ub(&r), values[i]);
    assert_int_equal(ttc_sb(&r), -1);
    assert_int_equal(ttc_sb(&r), -300);
    assert_int_equal(ttc_sb(&r), 42);
    assert_int_equal(ttc_u16le(&r), 873);
    assert_false(ttc_failed(&r));
    /* Past the end of a bounded request: sticky failure, zero values. */
    assert_int_equal(ttc_u8(&r), 0);
    assert_true(ttc_failed(&r));
    assert_int_equal(ttc_ub(&r), 0);
    /* Zero is one byte 00; nothing wider than 6 value bytes is written. */
    buf_reset(&b);
    ttc_put_ub(&b, 0);
    assert_int_equal(b.len, 1);
    buf_reset(&b);
    ttc_put_ub(&b, 0xFFFFFFFFFFFFull);
    assert_int_equal(b.data[0], 6);
    buf_free(&b);
    pair_close(&p);
}

static void test_byte_strings_across_packets(void **state)
{
    pair p;
    pair_open(&p, 64); /* tiny SDU: every value spans packets */
    size_t sizes[] = {0, 1, 252, 253, 32767, 32768, 100000};
    size_t n = sizeof sizes / sizeof sizes[0];
    buf b;
    buf_init(&b);
    uint8_t *data = malloc(100000);
    for (size_t i = 0; i < 100000; i++) data[i] = (uint8_t)(i * 7 + 3);
    for (size_t i = 0; i < n; i++) ttc_put_bytes(&b, data, sizes[i]);
    ttc_put_str(&b, "héllo");
    ttc_put_kv(&b, "AUTH_SESSKEY", "ABCDEF", 1);
    ttc_put_kv(&b, "EMPTY", "", 0);
    ttc_reader r;
    send_and_begin(&p, &b, &r);
    buf v, k;
    buf_init(&v);
    buf_init(&k);
    for (size_t i = 0; i < n; i++) {
        int is_null = ttc_bytes(&r, &v);
        assert_int_equal(is_null, sizes[i] == 0);
        assert_int_equal(v.len, sizes[i]);
        if (sizes[i]) assert_memory_equal(v.data, data, sizes[i]);
    }
    ttc_bytes(&r, &v);
    assert_int_equal(v.len, strlen("héllo"));
    uint32_t flags;
    ttc_kv(&r, &k, &v, &flags);
    assert_string_equal((char *)k.data, "AUTH_SESSKEY");
    assert_string_equal((char *)v.data, "ABCDEF");
    assert_int_equal(flags, 1);
    ttc_kv(&r, &k, &v, &flags);
    assert_string_equal((char *)k.data, "EMPTY");
    assert_string_equal((char *)v.data, "");
    assert_false(ttc_failed(&r));
    assert_false(ttc_more(&r));
    free(data);
    buf_free(&b), buf_free(&v), buf_free(&k);
    pair_close(&p);
}

static void test_error_message_round_trip(void **state)
{
    pair p;
    pair_open(&p, 8192);
    ttc_end in = {.call_status = TTC_CALL_STATUS_TXN, .cursor_id = 7, .row_count = 123456789,
                  .error_code = 942, .error_offset = 14};
    strcpy(in.error_text, "ORA-00942: table or view does not exist");
    buf b;
    buf_init(&b);
    ttc_write_error(&b, &in);
    ttc_end ok = {.cursor_id = 3, .row_count = 2};
    ttc_write_error(&b, &ok);
    ttc_reader r;
    send_and_begin(&p, &b, &r);
    ttc_end out;
    assert_int_equal(ttc_u8(&r), TTC_MSG_ERROR);
    ttc_read_error(&r, &out);
    assert_int_equal(out.call_status, TTC_CALL_STATUS_TXN);
    assert_int_equal(out.cursor_id, 7);
    assert_int_equal(out.row_count, 123456789);
    assert_int_equal(out.error_code, 942);
    assert_int_equal(out.error_offset, 14);
    assert_string_equal(out.error_text, in.error_text);
    assert_int_equal(ttc_u8(&r), TTC_MSG_ERROR);
    ttc_read_error(&r, &out);
    assert_int_equal(out.error_code, 0);
    assert_int_equal(out.cursor_id, 3);
    assert_int_equal(out.row_count, 2);
    assert_false(ttc_failed(&r));
    buf_free(&b);
    pair_close(&p);
}

static void test_describe_round_trip(void **state)
{
    pair p;
    pair_open(&p, 8192);
    ttc_column cols[3] = {
        {.name = "EMPNO", .ora_type = 2, .precision = 4, .scale = 0, .max_size = 22},
        {.name = "ENAME", .ora_type = 1, .max_size = 10, .nullable = 1},
        {.name = "HIRED", .ora_type = 180, .scale = 6, .max_size = 11, .nullable = 1},
    };
    buf b;
    buf_init(&b);
    ttc_write_describe(&b, cols, 3, 0);
    ttc_write_row_header(&b);
    ttc_reader r;
    send_and_begin(&p, &b, &r);
    assert_int_equal(ttc_u8(&r), TTC_MSG_DESCRIBE_INFO);
    int n;
    ttc_column *out = ttc_read_describe(&r, &n);
    assert_int_equal(n, 3);
    for (int i = 0; i < 3; i++) {
        assert_string_equal(out[i].name, cols[i].name);
        assert_int_equal(out[i].ora_type, cols[i].ora_type);
        assert_int_equal(out[i].precision, cols[i].precision);
        assert_int_equal(out[i].scale, cols[i].scale);
        assert_int_equal(out[i].max_size, cols[i].max_size);
        assert_int_equal(out[i].nullable, cols[i].nullable);
    }
    assert_int_equal(ttc_u8(&r), TTC_MSG_ROW_HEADER);
    ttc_read_row_header(&r);
    assert_false(ttc_failed(&r));
    free(out);
    buf_free(&b);
    pair_close(&p);
}

static void connect_exchange(const char *desc)
{
    pair p;
    pair_open(&p, 8192);
    p.a.large_lengths = p.b.large_lengths = 0; /* before ACCEPT: 16-bit lengths */
    assert_int_equal(tns_send_connect(&p.a, desc), 0);
    tns_connect_info ci;
    assert_int_equal(tns_read_connect(&p.b, &ci, 1000), 0);
    assert_string_equal(ci.connect_data, desc);
    assert_int_equal(ci.sdu, TNS_DEFAULT_SDU);
    char svc[64];
    assert_int_equal(tns_descriptor_value(ci.connect_data, "service_name", svc, sizeof svc), 0);
    assert_string_equal(svc, "WARDEN");
    free(ci.connect_data);
    assert_int_equal(tns_send_accept(&p.b, 8192), 0);
    assert_int_equal(tns_read_accept(&p.a, 1000), 0);
    assert_true(p.a.large_lengths && p.b.large_lengths);
    pair_close(&p);
}

static void test_connect_accept(void **state)
{
    connect_exchange("(DESCRIPTION=(CONNECT_DATA=(SERVICE_NAME=WARDEN)))");
    char longdesc[600];
    snprintf(longdesc, sizeof longdesc,
             "(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=localhost)(PORT=1521))(CONNECT_DATA="
             "(SERVICE_NAME=WARDEN)(CID=(PROGRAM=%0200d)(HOST=h)(USER=u))))",
             0);
    connect_exchange(longdesc); /* > 230 bytes: sent in an overflow DATA packet */
}

static void test_refuse(void **state)
{
    pair p;
    pair_open(&p, 8192);
    p.a.large_lengths = p.b.large_lengths = 0;
    assert_int_equal(tns_send_refuse(&p.b, 12514), 0);
    assert_int_equal(tns_read_accept(&p.a, 1000), 12514);
    pair_close(&p);
}

static void test_markers_and_eof(void **state)
{
    pair p;
    pair_open(&p, 8192);
    ttc_reader r;
    int marker = 0;
    assert_int_equal(net_send_marker(&p.a, TNS_MARKER_INTERRUPT), 0);
    assert_int_equal(ttc_begin(&r, &p.b, 1, 1000, &marker), TNS_MARKER);
    assert_int_equal(marker, TNS_MARKER_INTERRUPT);
    assert_int_equal(net_send_eof(&p.a), 0);
    assert_int_equal(ttc_begin(&r, &p.b, 1, 1000, NULL), NET_ERR_EOF);
    assert_int_equal(ttc_begin(&r, &p.b, 1, 50, NULL), NET_ERR_TIMEOUT);
    close(p.fd[0]);
    p.fd[0] = -1;
    assert_int_equal(ttc_begin(&r, &p.b, 1, 1000, NULL), NET_ERR_EOF);
    net_conn_free(&p.a);
    net_conn_free(&p.b);
    close(p.fd[1]);
}

static void test_malformed_framing(void **state)
{
    static const uint8_t too_short[8] = {0, 0, 0, 4, TNS_DATA, 0, 0, 0};
    static const uint8_t too_long[8] = {0x7F, 0, 0, 0, TNS_DATA, 0, 0, 0};
    const uint8_t *cases[] = {too_short, too_long};
    for (int i = 0; i < 2; i++) {
        pair p;
        pair_open(&p, 8192);
        assert_int_equal(net_write_all(p.fd[0], cases[i], 8), 0);
        tns_packet pk;
        assert_int_equal(net_read_packet(&p.b, &pk, 1000), NET_ERR_PROTOCOL);
        pair_close(&p);
    }
    /* A variable-length integer wider than 8 bytes. */
    pair p;
    pair_open(&p, 8192);
    uint8_t bad[3] = {9, 1, 2};
    assert_int_equal(net_send_data(&p.a, bad, sizeof bad, TNS_DATA_END_OF_CALL), 0);
    ttc_reader r;
    assert_int_equal(ttc_begin(&r, &p.b, 1, 1000, NULL), TNS_DATA);
    ttc_ub(&r);
    assert_true(ttc_failed(&r));
    pair_close(&p);
}

/* A request of LEN bytes of X, as packets of the pair's SDU; the last marked if MARKED. */
static void send_request_of(pair *p, size_t len, uint8_t x, int marked)
{
    uint8_t *body = malloc(len);
    memset(body, x, len);
    assert_int_equal(net_send_data(&p->a, body, len, marked ? TNS_DATA_END_OF_CALL : 0), 0);
    free(body);
}

/* The next request starts with X: the one before was read to its end. */
static void assert_next_request_starts_with(pair *p, uint8_t x)
{
    ttc_reader r;
    assert_int_equal(ttc_begin(&r, &p->b, 1, 1000, NULL), TNS_DATA);
    assert_int_equal(ttc_u8(&r), x);
    assert_int_equal(ttc_skip_request(&r), 0);
}

/* A request found malformed in its first packet is still skipped to its end. */
static void test_malformed_request_skipped_whole(void **state)
{
    for (int marked = 0; marked < 2; marked++) {
        pair p;
        pair_open(&p, 512);
        p.b.marks_requests = marked;
        send_request_of(&p, 3000, 0x89, marked); /* 0x89: a 9-byte integer, malformed */
        send_request_of(&p, 10, 0x42, marked);
        ttc_reader r;
        assert_int_equal(ttc_begin(&r, &p.b, 1, 1000, NULL), TNS_DATA);
        ttc_ub(&r);
        assert_int_equal(r.err, NET_ERR_MALFORMED);
        assert_true(ttc_in_sync(&r));
        assert_int_equal(ttc_skip_request(&r), 0);
        assert_next_request_starts_with(&p, 0x42);
        pair_close(&p);
    }
}

/* Values over the request's budget stop the parse (OVERSIZE); the request still ends cleanly. */
static void test_oversize_request(void **state)
{
    pair p;
    pair_open(&p, 8192);
    buf b, v;
    buf_init(&b), buf_init(&v);
    uint8_t *big = calloc(1, 100000);
    ttc_put_bytes(&b, big, 100000);
    ttc_put_bytes(&b, big, 10);
    free(big);
    ttc_reader r;
    assert_int_equal(net_send_data(&p.a, b.data, b.len, TNS_DATA_END_OF_CALL), 0);
    send_request_of(&p, 10, 0x42, 1);
    assert_int_equal(ttc_begin(&r, &p.b, 1, 1000, NULL), TNS_DATA);
    r.budget = 50000;
    ttc_bytes(&r, &v);
    assert_int_equal(r.err, NET_ERR_OVERSIZE);
    assert_true(v.len <= 50000);
    assert_int_equal(ttc_skip_request(&r), 0);
    assert_next_request_starts_with(&p, 0x42);
    buf_free(&b), buf_free(&v);
    pair_close(&p);
}

/*
 * A peer that does not mark its requests (python-oracledb): a request that
 * exactly fills its last packet ends there once nothing more comes.
 */
static void test_unmarked_request_ending_on_a_full_packet(void **state)
{
    pair p;
    pair_open(&p, 512);
    send_request_of(&p, 2 * (512 - 10), 0x11, 0); /* two full packets */
    ttc_reader r;
    assert_int_equal(ttc_begin(&r, &p.b, 1, 1000, NULL), TNS_DATA);
    ttc_skip(&r, 2 * (512 - 10));
    assert_false(ttc_failed(&r));
    assert_false(ttc_more(&r)); /* nothing more: the request ended, it is not malformed */
    assert_false(ttc_failed(&r));
    assert_int_equal(ttc_skip_request(&r), 0); /* returns after a short wait, not forever */
    send_request_of(&p, 10, 0x42, 0);
    assert_next_request_starts_with(&p, 0x42);
    pair_close(&p);
}

/* The peer vanishing mid-request is a lost connection, not a request to answer. */
static void test_connection_lost_mid_request(void **state)
{
    pair p;
    pair_open(&p, 512);
    uint8_t body[100] = {0x89};
    assert_int_equal(net_send_data(&p.a, body, sizeof body, 0), 0); /* full, unmarked: more to come */
    close(p.fd[0]);
    p.fd[0] = -1;
    p.b.marks_requests = 1; /* a marking peer: the request is known to go on */
    ttc_reader r;
    assert_int_equal(ttc_begin(&r, &p.b, 1, 1000, NULL), TNS_DATA);
    ttc_ub(&r);
    assert_int_equal(ttc_skip_request(&r), -1);
    assert_false(ttc_in_sync(&r));
    net_conn_free(&p.a);
    net_conn_free(&p.b);
    close(p.fd[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_integers),
        cmocka_unit_test(test_byte_strings_across_packets),
        cmocka_unit_test(test_error_message_round_trip),
        cmocka_unit_test(test_describe_round_trip),
        cmocka_unit_test(test_connect_accept),
        cmocka_unit_test(test_refuse),
        cmocka_unit_test(test_markers_and_eof),
        cmocka_unit_test(test_malformed_framing),
        cmocka_unit_test(test_malformed_request_skipped_whole),
        cmocka_unit_test(test_oversize_request),
        cmocka_unit_test(test_unmarked_request_ending_on_a_full_packet),
        cmocka_unit_test(test_connection_lost_mid_request),
    };
    return cmocka_run_group_tests_name("ttc", tests, NULL, NULL);
}
