/*
 * fuzz_interconnect.c - libFuzzer target for what a cluster instance parses
 * of another instance's bytes: interconnect frames (ic_recv), the server's
 * side of the membership proof (ic_accept_proof), and encoded V$ rows
 * (vrows_decode), the last through a real GV$ query of the scratch session
 * whose remote function hands it the input as instance 2's rows.
 *
 * Input: the first byte picks the parser, the rest is what the peer sent.
 * Nothing may crash, and rows that decode must read back through SQLite
 * with every column (a GV$SESSION query selects them all).
 */
#include <stdint.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include "engine/engine.h"
#include "engine/vtab.h"
#include "server/interconnect.h"
#include "support/fuzz_session.h"

static const uint8_t *rows_data;
static size_t rows_len;

/* Instance 2 "answers" with the fuzz input. */
static int fuzz_remote(const char *name, uint32_t want, vrows *r, uint32_t *got, ora_error *err)
{
    if (!(want & (1u << 2))) return 0;
    *got |= 1u << 2;
    if (vrows_decode(r, 2, rows_data, rows_len) == 0) return 0;
    return ora_set(err, ORA_GV_INSTANCES, 0, "2", "1");
}

static void query_rows(const uint8_t *data, size_t size)
{
    static eng_session *eng;
    ora_error err;
    if (!eng && !(eng = eng_open(fuzz_database_path(), "SYSTEM", &err))) abort();
    rows_data = data, rows_len = size;
    vviews_set_remote(fuzz_remote);
    eng_cursor *c = eng_prepare(eng, "select * from gv$session where inst_id = 2", &err);
    if (!c) abort();
    uint64_t n;
    if (eng_execute(eng, c, NULL, 0, &n, &err) == 0) {
        int cols = eng_column_count(c);
        while (eng_next_row(eng, c, &err) == 1)
            for (int i = 0; i < cols; i++) {
                eng_cell cell;
                eng_value_cell(c, i, &cell);
            }
    }
    eng_cursor_free(c);
    vviews_set_remote(NULL);
}

/* Write DATA to one end of a socket pair and let PARSE read the other. */
static void over_socket(const uint8_t *data, size_t size, int proof)
{
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv) < 0) return;
    if (size && write(sv[1], data, size) < 0) {
        close(sv[0]), close(sv[1]);
        return;
    }
    shutdown(sv[1], SHUT_WR); /* the peer said all it will say */
    int64_t deadline = ic_now_ms() + 100;
    if (proof) {
        static const unsigned char key[IC_KEY_BYTES] = {1, 2, 3};
        ic_accept_proof(sv[0], key, deadline);
    } else {
        ic_frame f = {0};
        buf_init(&f.payload);
        while (ic_recv(sv[0], &f, deadline) == 0) {
        }
        ic_frame_free(&f);
    }
    close(sv[0]), close(sv[1]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_instance_init();
    if (size < 1 || size > 60000) return 0;
    switch (data[0] % 3) {
    case 0: over_socket(data + 1, size - 1, 0); break;
    case 1: over_socket(data + 1, size - 1, 1); break;
    default: query_rows(data + 1, size - 1); break;
    }
    return 0;
}
