/*
 * fuzz_server_calls.c - libFuzzer target for everything a dedicated server
 * parses after logon: piggybacks, execute/re-execute/fetch requests, bind
 * metadata and values, commit/rollback/ping/logoff, markers.
 *
 * Input format: records of [u8 kind][u16 length][bytes]; kind 0 sends the
 * bytes as one DATA packet ending a request, kind 1 a MARKER with the first
 * byte as its data.  The records are written to one end of a socket pair,
 * a logged-on SYSTEM session runs its call loop on the other end until the
 * input ends.  The database is a scratch one created once per process.
 */
#include <stdint.h>
#include <sys/socket.h>
#include <unistd.h>

#include "support/fuzz_session.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_instance_init();
    int sv[2];
    if (size > 60000 || fuzz_socket_pair(sv) < 0) return 0;
    session s;
    fuzz_session_open(&s, sv[0]);
    net_conn peer;
    fuzz_peer_open(&peer, sv[1]);
    size_t pos = 0;
    while (pos + 3 <= size) {
        uint8_t kind = data[pos];
        size_t len = (size_t)data[pos + 1] << 8 | data[pos + 2];
        pos += 3;
        if (len > size - pos) len = size - pos;
        if (kind & 1) net_send_marker(&peer, len ? data[pos] : 1);
        else if (len) net_send_data(&peer, data + pos, len, TNS_DATA_END_OF_CALL);
        pos += len;
    }
    shutdown(sv[1], SHUT_WR);
    session_call_loop(&s);
    fuzz_session_close(&s);
    net_conn_free(&peer);
    close(sv[0]);
    close(sv[1]);
    return 0;
}
