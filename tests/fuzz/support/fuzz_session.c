/*
 * fuzz_session.c - the scratch instance, socket pair and logged-on session
 * the server-side fuzz targets run on (see fuzz_session.h).
 */
#include "fuzz_session.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sga/cluster.h"
#include "sga/sga.h"
#include "server/datadir.h"
#include "server/cursors.h"
#include "server/interrupts.h"

static warden_config cfg;
static datadir dir;
static char top[64]; /* the mkdtemp directory holding the data directory */

void fuzz_instance_init(void)
{
    static int done;
    if (done) return;
    done = 1;
    snprintf(top, sizeof top, "/tmp/warden-fuzz-XXXXXX");
    if (!mkdtemp(top)) abort();
    char path[300];
    snprintf(path, sizeof path, "%s/data", top);
    datadir_paths(&dir, path);
    setenv("WARDEN_PASSWORD", "fuzz", 1);
    int out = dup(1), null = open("/dev/null", O_WRONLY);
    dup2(null, 1); /* datadir_create reports on stdout */
    if (datadir_create(&dir, 0) < 0) abort();
    dup2(out, 1);
    close(null), close(out);
    config_defaults(&cfg);
    cfg.sessions = 50;
    if (!sga_create(&cfg) || !cluster_map(cluster_create(&cfg, 1))) abort();
}

const char *fuzz_database_path(void) { return dir.db; }

void fuzz_instance_remove(void)
{
    if (!top[0]) return;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", top);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", top);
    top[0] = 0;
}

int fuzz_socket_pair(int fd[2])
{
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, fd) < 0) return -1;
    int big = 8 << 20;
    for (int i = 0; i < 2; i++) {
        setsockopt(fd[i], SOL_SOCKET, SO_SNDBUF, &big, sizeof big);
        setsockopt(fd[i], SOL_SOCKET, SO_RCVBUF, &big, sizeof big);
    }
    return 0;
}

void fuzz_peer_open(net_conn *peer, int fd)
{
    net_conn_init(peer, fd);
    peer->large_lengths = 1;
    peer->sdu = FUZZ_SDU;
}

void fuzz_session_open(session *s, int fd)
{
    memset(s, 0, sizeof *s);
    fuzz_peer_open(&s->net, fd);
    s->cfg = &cfg;
    s->db_path = dir.db;
    s->conv_length = 1;
    snprintf(s->user, sizeof s->user, "SYSTEM");
    ora_error err;
    s->eng = eng_open(dir.db, "SYSTEM", &err);
    if (!s->eng) abort();
    eng_set_interrupt(s->eng, interrupts_safe_point, s);
    if (cfg.row_locking && eng_set_row_locking(s->eng, 1, 1, 1, &err) < 0) abort();
    s->logged_on = 1;
}

void fuzz_session_close(session *s)
{
    cursors_close_all(s);
    eng_close(s->eng);
    s->eng = NULL;
    net_conn_free(&s->net);
}
