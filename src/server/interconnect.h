/*
 * interconnect.h - requests between the instances of a cluster.
 *
 * Each instance's LMON serves a Unix stream socket in the abstract
 * namespace, named after the data directory's device and inode and the
 * instance number (no file to go stale, no path length limit).  A client
 * (a session's server, or PMON joining the cluster) connects, proves it is
 * a member and sends one request; LMON answers and closes.
 *
 * Only members get in.  The peer must run as the same OS user (SO_PEERCRED),
 * and both sides prove they hold the cluster key, DATADIR/cluster.key
 * (32 random bytes, mode 0600, made with the first cluster start), without
 * sending it: the client sends a nonce, the server answers its own nonce and
 * HMAC-SHA256(key, "S" | both nonces), the client answers HMAC(key, "C" |
 * both nonces).  A socket squatting on the name cannot pass, and neither can
 * a client of another data directory.
 *
 * Frames are a 4-byte length (of what follows, little-endian), a type byte
 * and the payload.  Every read and write has a deadline, so a stopped or
 * hung instance costs a requester a bounded wait (ORA-12850), never a hang.
 */
#ifndef WARDEN_INTERCONNECT_H
#define WARDEN_INTERCONNECT_H

#include <stddef.h>
#include <stdint.h>

#include "../common/buf.h"
#include "../common/ora_error.h"

#define IC_KEY_BYTES 32
#define IC_TIMEOUT_MS 3000 /* the longest a requester waits for another instance */
#define IC_MAX_FRAME (256u << 20)

enum ic_type {
    IC_HELLO = 1,     /* client nonce */
    IC_CHALLENGE = 2, /* server nonce, server proof */
    IC_PROOF = 3,     /* client proof */
    IC_GET_AREA = 10, /* the cluster area's descriptor (a joining PMON) */
    IC_AREA = 11,     /* ... sent with SCM_RIGHTS */
    IC_VIEW = 12,     /* rows of V$<payload> */
    IC_ROWS = 13,     /* encoded rows (vtab.h) */
    IC_STATUS = 14,   /* 4-byte ORA code, 8-byte microseconds waited (IC_END) */
    IC_END = 15,      /* end a session: an end_request (session_ending.h) */
};

typedef struct ic_frame {
    int type;
    buf payload;
} ic_frame;

/* The cluster key of DATADIR into KEY, made if it does not exist yet.  0 or -1. */
int ic_load_key(const char *datadir, unsigned char key[IC_KEY_BYTES]);

/* Listen as instance INST of DATADIR (PMON, before forking LMON).  The socket, or -1. */
int ic_listen(const char *datadir, int inst);

/* Connect to instance INST of DATADIR and prove membership both ways, by DEADLINE_MS
 * (ic_now_ms() based).  The connected socket, or -1 (refused, timed out, not a member). */
int ic_connect(const char *datadir, int inst, const unsigned char *key, int64_t deadline_ms);
/* The server's side of the proof, on an accepted socket.  0, or -1 (drop it). */
int ic_accept_proof(int fd, const unsigned char *key, int64_t deadline_ms);

/* Send a frame; read one (F->payload is reset first).  0, or -1 (error, timeout, EOF). */
int ic_send(int fd, int type, const void *payload, size_t n, int64_t deadline_ms);
int ic_recv(int fd, ic_frame *f, int64_t deadline_ms);
void ic_frame_free(ic_frame *f);

/* Monotonic milliseconds. */
int64_t ic_now_ms(void);

#endif
