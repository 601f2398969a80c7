/*
 * fuzz_session.h - what the server-side fuzz targets (and the unit tests of
 * the call loop, test_server_calls) share: a scratch instance (data
 * directory and SGA, made once per process), a socket pair with buffers
 * large enough that neither side blocks, and a logged-on SYSTEM session on
 * one end of it.
 */
#ifndef WARDEN_FUZZ_SESSION_H
#define WARDEN_FUZZ_SESSION_H

#include "server/dedicated.h"

#define FUZZ_SDU 8192

/* The scratch instance; aborts if it cannot be made. */
void fuzz_instance_init(void);
/* The scratch instance's database file. */
const char *fuzz_database_path(void);
/* Remove its data directory, once the process is done with it (fuzz targets never are). */
void fuzz_instance_remove(void);
/* A connected socket pair with 8 MB buffers: 0, or -1. */
int fuzz_socket_pair(int fd[2]);
/* A logged-on SYSTEM session on FD, framed as after a version 317 ACCEPT. */
void fuzz_session_open(session *s, int fd);
void fuzz_session_close(session *s);
/* The client's end: the same framing. */
void fuzz_peer_open(net_conn *peer, int fd);

#endif
