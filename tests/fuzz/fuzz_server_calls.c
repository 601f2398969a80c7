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
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "engine/catalog.h"
#include "sga/sga.h"
#include "server/datadir.h"
#include "server/session.h"

static warden_config cfg;
static datadir dir;

static void init_once(void)
{
    static int done;
    if (done) return;
    done = 1;
    char tmpl[] = "/tmp/warden-fuzz-XXXXXX";
    if (!mkdtemp(tmpl)) abort();
    char path[300];
    snprintf(path, sizeof path, "%s/data", tmpl);
    datadir_paths(&dir, path);
    setenv("WARDEN_PASSWORD", "fuzz", 1);
    int out = dup(1), null = open("/dev/null", O_WRONLY);
    dup2(null, 1); /* datadir_create reports on stdout */
    if (datadir_create(&dir, 0) < 0) abort();
    dup2(out, 1);
    close(null), close(out);
    config_defaults(&cfg);
    cfg.sessions = 50;
    if (!sga_create(&cfg)) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    init_once();
    int sv[2];
    if (size > 60000 || socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0) return 0;
    int big = 8 << 20;
    setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &big, sizeof big);
    setsockopt(sv[1], SOL_SOCKET, SO_RCVBUF, &big, sizeof big);
    setsockopt(sv[1], SOL_SOCKET, SO_SNDBUF, &big, sizeof big);
    setsockopt(sv[0], SOL_SOCKET, SO_RCVBUF, &big, sizeof big);

    session s;
    memset(&s, 0, sizeof s);
    net_conn_init(&s.net, sv[0]);
    s.net.large_lengths = 1;
    s.net.sdu = 8192;
    s.cfg = &cfg;
    s.db_path = dir.db;
    s.conv_length = 1;
    snprintf(s.user, sizeof s.user, "SYSTEM");
    ora_error err;
    s.eng = eng_open(dir.db, "SYSTEM", &err);
    if (!s.eng) abort();
    eng_set_interrupt(s.eng, session_check_interrupt, &s);
    s.logged_on = 1;

    net_conn peer;
    net_conn_init(&peer, sv[1]);
    peer.large_lengths = 1;
    peer.sdu = 8192;
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
    cursors_close_all(&s);
    eng_close(s.eng);
    net_conn_free(&s.net);
    net_conn_free(&peer);
    close(sv[0]);
    close(sv[1]);
    return 0;
}
