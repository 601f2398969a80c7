/*
 * tns.h - Oracle Net transport: TNS packets over a stream socket.
 *
 * A net_conn owns one socket and knows the packet framing in force (16-bit
 * lengths until the ACCEPT, 32-bit after it for version >= 315) and the SDU.
 * Above it, ttc.h reads and writes TTC values as a stream that spans DATA
 * packets.  docs/design.md (Oracle Net) describes the layers.
 */
#ifndef WARDEN_TNS_H
#define WARDEN_TNS_H

#include <stddef.h>
#include <signal.h>
#include <stdint.h>

#include "../common/buf.h"

enum tns_packet_type {
    TNS_CONNECT = 1,
    TNS_ACCEPT = 2,
    TNS_REFUSE = 4,
    TNS_REDIRECT = 5,
    TNS_DATA = 6,
    TNS_RESEND = 11,
    TNS_MARKER = 12,
    TNS_CONTROL = 14,
};

enum tns_marker { TNS_MARKER_BREAK = 1, TNS_MARKER_RESET = 2, TNS_MARKER_INTERRUPT = 3 };

#define TNS_DATA_EOF 0x0040         /* the peer is leaving */
#define TNS_DATA_END_OF_CALL 0x0800 /* last packet of a request (node-oracledb) */
#define TNS_VERSION 317
#define TNS_DEFAULT_SDU 8192
#define TNS_MAX_SDU 65535
#define TNS_MAX_PACKET (2u * 1024 * 1024) /* refuse anything larger */

/* Results of reading: > 0 ok, or one of these. */
enum {
    NET_ERR_IO = -1,
    NET_ERR_EOF = -2,
    NET_ERR_PROTOCOL = -3,
    NET_ERR_TIMEOUT = -4,
    NET_ERR_WAKEUP = -5, /* a signal set *wakeup while waiting for input */
    /* Request-level failures: the connection is intact and the request can be
     * skipped to its end and answered, so the next call keeps its own reply. */
    NET_ERR_MALFORMED = -6, /* the request's content cannot be parsed */
    NET_ERR_OVERSIZE = -7   /* the request holds more than the session may buffer */
};

typedef struct tns_packet {
    uint8_t type;
    uint8_t flags;
    uint16_t data_flags;    /* DATA only */
    const uint8_t *payload; /* after the header (after data flags for DATA) */
    size_t len;             /* payload length */
    uint32_t total;         /* whole packet length */
} tns_packet;

typedef struct net_conn {
    int fd;
    int large_lengths; /* 32-bit length field (after ACCEPT, version >= 315) */
    uint32_t sdu;
    /* receive side: bytes read from the socket not yet consumed */
    uint8_t *rbuf;
    size_t rlen, rcap;
    size_t rpos;    /* start of the current packet in rbuf */
    tns_packet cur; /* the packet last returned by net_read_packet */
    int have_cur;
    /* send side */
    buf out;
    /* When set: the signal mask to wait with (the wake-up signal unblocked only
     * inside the wait, so it cannot slip in between the check and the wait), and
     * the flag its handler sets; a woken read returns NET_ERR_WAKEUP. */
    const sigset_t *wait_mask;
    volatile int *wakeup;
    int wakeable; /* only the wait for the next request may be woken */
    int marks_requests; /* the peer sets TNS_DATA_END_OF_CALL on each request's last packet */
    /* Told when a send would block (1: the peer is not reading) and when it is done (0). */
    void (*on_send_blocked)(void *arg, int blocked);
    void *send_arg;
    /* When set (CLOCK_MONOTONIC ms): no read or write waits past it (NET_ERR_TIMEOUT). */
    int64_t deadline_ms;
    uint64_t bytes_in, bytes_out; /* read from and written to the socket (V$SESSTAT) */
} net_conn;

void net_conn_init(net_conn *c, int fd);
void net_conn_free(net_conn *c); /* does not close fd */

/*
 * Read the next whole packet (blocking).  TIMEOUT_MS < 0 waits forever.  The
 * packet stays valid until the next call.  Returns the packet type, or
 * NET_ERR_*.
 */
int net_read_packet(net_conn *c, tns_packet *p, int timeout_ms);
/* Non-zero when a complete packet is buffered or the socket is readable now. */
int net_input_pending(net_conn *c);
/* The same, waiting up to TIMEOUT_MS for the socket to become readable. */
int net_wait_input(net_conn *c, int timeout_ms);

/*
 * One deadline for every read and write on C from now on: MS milliseconds
 * (<= 0 clears it).  A wait that would go past it ends with NET_ERR_TIMEOUT.
 */
void net_set_deadline(net_conn *c, int ms);
int net_deadline_passed(const net_conn *c);
/* "address:port" of the socket's peer, or "unknown address"; returns the port, or -1. */
int net_peer_address(int fd, char *out, size_t outsz);

/* Write whole buffers; blocking.  0 or NET_ERR_IO. */
int net_write_all(int fd, const void *p, size_t n);
/* Send PAYLOAD as DATA packets of at most SDU bytes (data flags DATA_FLAGS on the last). */
int net_send_data(net_conn *c, const uint8_t *payload, size_t len, uint16_t last_flags);
int net_send_marker(net_conn *c, uint8_t marker);
/* The empty DATA packet with the EOF flag that ends a connection. */
int net_send_eof(net_conn *c);

/* Append an 8-byte header for a packet of TOTAL bytes and TYPE in the current framing. */
void tns_put_header(const net_conn *c, buf *b, uint32_t total, uint8_t type);

/* ---- connect phase ---- */
typedef struct tns_connect_info {
    uint8_t flags;     /* the packet header's: TNS_CONNECT_REDIRECTED after a REDIRECT */
    uint16_t version;
    uint32_t sdu;
    char *connect_data; /* the descriptor text, NUL-terminated */
} tns_connect_info;

#define TNS_CONNECT_REDIRECTED 0x04

/* Server: read CONNECT (and its overflow DATA). 0 or NET_ERR_*. Caller frees connect_data. */
int tns_read_connect(net_conn *c, tns_connect_info *ci, int timeout_ms);
int tns_send_accept(net_conn *c, uint32_t sdu);
int tns_send_refuse(net_conn *c, int ora_err);
/* The same with the error's argument (ARGS='...' in the descriptor), e.g. "300". */
int tns_send_refuse_args(net_conn *c, int ora_err, const char *args);
/* REDIRECT (type 5) to ADDRESS, e.g. "(ADDRESS=(PROTOCOL=TCP)(HOST=h)(PORT=p))": the client
 * connects there and sends CONNECT_DATA (its own, as a rule) there (instead of an ACCEPT). */
int tns_send_redirect(net_conn *c, const char *address, const char *connect_data);
#define TNS_REDIRECT_CONNECT_DATA 0x02 /* REDIRECT header flag: new connect data follow */
/* Client: send CONNECT for CONNECT_DATA; then read ACCEPT/REFUSE. */
int tns_send_connect(net_conn *c, const char *connect_data);
/* The same with header FLAGS (TNS_CONNECT_REDIRECTED after following a REDIRECT). */
int tns_send_connect_flags(net_conn *c, const char *connect_data, uint8_t flags);
/*
 * Returns 0 on ACCEPT (framing switched), or the REFUSE's ERR number (> 0),
 * or NET_ERR_*.  ARGS (may be NULL) receives the refusal's ARGS text, or
 * for a REDIRECT (TNS_REDIRECTED) the address to connect to instead.
 */
#define TNS_REDIRECTED (-100)
int tns_read_accept(net_conn *c, int timeout_ms);
int tns_read_accept_args(net_conn *c, int timeout_ms, char *args, size_t argsz);

/* Find KEY=value (case-insensitive key) in a descriptor; copies value. 0 or -1. */
int tns_descriptor_value(const char *desc, const char *key, char *out, size_t outsz);

#endif
