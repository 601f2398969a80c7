/*
 * fuzz_call_pairing.c - libFuzzer target for the call/reply invariant:
 * whatever a request holds, the server reads it whole and sends exactly one
 * reply for it, so the call after it gets its own reply.
 *
 * A logged-on SYSTEM session runs its call loop in a thread on one end of a
 * socket pair; this side plays the client.  The input is a list of records
 * [u8 kind][u16 length][bytes].  Each record becomes a random request (its
 * bytes, split into SDU-sized DATA packets), and before and after every one
 * of them comes a known call: `select K from dual` with a K of its own.
 * The known call's reply must hold K's row and nothing else the harness
 * sent; a reply that is another call's, a missing reply, or a request that
 * makes the server hang (10 s) aborts.  The first input byte picks whether
 * requests mark their last packet (node-oracledb) or not (python-oracledb).
 *
 * A reply is complete when the session's reply counter moves: the server
 * counts a reply once all of it is in the socket.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "net/number.h"
#include "net/ttc_msg.h"
#include "support/fuzz_session.h"

#define REPLY_WAIT_MS 10000

static uint32_t next_k = 7000000;

typedef struct server {
    session s;
    pthread_t thread;
    int done; /* the call loop returned (logoff, a lost connection) */
} server;

static void *serve(void *arg)
{
    server *sv = arg;
    session_call_loop(&sv->s);
    __atomic_store_n(&sv->done, 1, __ATOMIC_RELEASE);
    return NULL;
}

static int start_server(server *sv, int fd)
{
    memset(sv, 0, sizeof *sv);
    fuzz_session_open(&sv->s, fd);
    return pthread_create(&sv->thread, NULL, serve, sv);
}

/* Send BODY as a request: SDU-sized DATA packets, the last one marked if MARKED. */
static void send_request(net_conn *peer, const uint8_t *body, size_t len, int marked)
{
    net_send_data(peer, body, len, marked ? TNS_DATA_END_OF_CALL : 0);
}

/* Wait for the reply to the call that made the counter leave BEFORE; 0, or -1 if the loop ended. */
static int await_reply(server *sv, uint64_t before)
{
    for (int ms = 0; ms < REPLY_WAIT_MS; ms++) {
        if (__atomic_load_n(&sv->s.replies, __ATOMIC_ACQUIRE) > before) return 0;
        if (__atomic_load_n(&sv->done, __ATOMIC_ACQUIRE)) return -1;
        usleep(1000);
    }
    fprintf(stderr, "no reply within %d ms\n", REPLY_WAIT_MS);
    abort();
}

/* Everything the socket holds now (the whole reply, once it was counted). */
static void drain(int fd, buf *out)
{
    buf_reset(out);
    uint8_t chunk[65536];
    for (;;) {
        ssize_t n = recv(fd, chunk, sizeof chunk, MSG_DONTWAIT);
        if (n <= 0) break;
        buf_put(out, chunk, (size_t)n);
    }
}

/* An execute (94) header for a new cursor with SQL of LEN bytes and NBINDS binds. */
static void execute_header(buf *b, uint64_t options, size_t len, uint64_t nbinds)
{
    ttc_put_u8(b, TTC_MSG_FUNCTION);
    ttc_put_u8(b, TTC_FN_EXECUTE);
    ttc_put_u8(b, 1);
    ttc_put_execute_header(b, options, 0, len, 10, nbinds, 0);
}

/* `select K from dual` as an execute (94) with a new cursor, as libwarden sends it. */
static void known_call(buf *b, uint32_t k)
{
    char sql[64];
    int n = snprintf(sql, sizeof sql, "select %u from dual", k);
    execute_header(b, TTC_EXEC_PARSE | TTC_EXEC_EXECUTE | TTC_EXEC_FETCH | TTC_EXEC_NOT_PLSQL,
                   (size_t)n, 0);
    ttc_put_bytes(b, sql, (size_t)n);
    ttc_put_al8i4(b, 1, 0, 1);
}

/*
 * A random request of KIND from BYTES: 0 the bytes as they are; 1 a FUNCTION
 * header with the first byte as its code; 2 an execute whose SQL text is the
 * bytes; 3 an execute whose options and bind count come from the first bytes,
 * followed by the rest (bind metadata and rows).
 */
static void random_request(buf *b, int kind, const uint8_t *p, size_t n)
{
    buf_reset(b);
    if (kind == 0 || n < 4) {
        buf_put(b, p, n);
    } else if (kind == 1) {
        ttc_put_u8(b, TTC_MSG_FUNCTION), ttc_put_u8(b, p[0]), ttc_put_u8(b, 1);
        buf_put(b, p + 1, n - 1);
    } else if (kind == 2) {
        execute_header(b, TTC_EXEC_PARSE | TTC_EXEC_EXECUTE | TTC_EXEC_FETCH, n, 0);
        ttc_put_bytes(b, p, n);
        ttc_put_al8i4(b, 1, 1, 0);
    } else {
        static const char sql[] = "select :1, :2 from dual";
        uint64_t options = (uint64_t)p[0] << 16 | p[1] << 8 | TTC_EXEC_EXECUTE;
        execute_header(b, options, sizeof sql - 1, p[2] % 4);
        ttc_put_bytes(b, sql, sizeof sql - 1);
        ttc_put_al8i4(b, 1, p[3] % 3, 0);
        buf_put(b, p + 4, n - 4);
    }
}

/* Does REPLY hold K as a NUMBER value (its length byte and digits)? */
static int reply_holds(const buf *reply, uint32_t k)
{
    uint8_t num[ONUM_MAX_BYTES + 1];
    int n = onum_from_int64(k, num + 1);
    num[0] = (uint8_t)n;
    for (size_t i = 0; i + (size_t)n + 1 <= reply->len; i++)
        if (!memcmp(reply->data + i, num, (size_t)n + 1)) return 1;
    return 0;
}

/* The known call gets its own reply, and it holds none of the earlier known calls' values. */
static int check_known_call(server *sv, net_conn *peer, int fd, int marked, buf *reply)
{
    uint32_t k = next_k++;
    buf b;
    buf_init(&b);
    known_call(&b, k);
    uint64_t before = __atomic_load_n(&sv->s.replies, __ATOMIC_ACQUIRE);
    send_request(peer, b.data, b.len, marked);
    buf_free(&b);
    if (await_reply(sv, before) < 0) return -1;
    drain(fd, reply);
    if (!reply_holds(reply, k) || reply_holds(reply, k - 1)) {
        fprintf(stderr, "known call %u got a reply that is not its own (%zu bytes)\n", k,
                reply->len);
        abort();
    }
    return 0;
}

static void run_input(server *sv, net_conn *peer, int fd, const uint8_t *data, size_t size)
{
    int marked = size && (data[0] & 1);
    size_t pos = size ? 1 : 0;
    buf reply, request;
    buf_init(&reply), buf_init(&request);
    if (check_known_call(sv, peer, fd, marked, &reply) < 0) goto out;
    while (pos + 3 <= size) {
        int kind = data[pos] & 3;
        size_t len = (size_t)data[pos + 1] << 8 | data[pos + 2];
        pos += 3;
        if (len > size - pos) len = size - pos;
        random_request(&request, kind, data + pos, len);
        pos += len;
        if (!request.len) continue;
        const uint8_t *q = request.data;
        int logoff = request.len >= 2 && q[0] == TTC_MSG_FUNCTION && q[1] == TTC_FN_LOGOFF;
        uint64_t before = __atomic_load_n(&sv->s.replies, __ATOMIC_ACQUIRE);
        send_request(peer, q, request.len, marked);
        if (await_reply(sv, before) < 0) break;
        if (logoff) break; /* the session ends (its server waits for the client's EOF) */
        drain(fd, &reply);
        if (check_known_call(sv, peer, fd, marked, &reply) < 0) break;
    }
out:
    buf_free(&reply), buf_free(&request);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_instance_init();
    int fd[2];
    if (size > 60000 || fuzz_socket_pair(fd) < 0) return 0;
    server sv;
    if (start_server(&sv, fd[0]) != 0) abort();
    net_conn peer;
    fuzz_peer_open(&peer, fd[1]);
    run_input(&sv, &peer, fd[1], data, size);
    shutdown(fd[1], SHUT_WR);
    pthread_join(sv.thread, NULL);
    fuzz_session_close(&sv.s);
    net_conn_free(&peer);
    close(fd[0]);
    close(fd[1]);
    return 0;
}
