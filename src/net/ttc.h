/*
 * ttc.h - TTC value encoding: the writer appends to a buf, the reader pulls
 * values from a request or response that may span many DATA packets.
 *
 * Integer forms (docs/design.md, Oracle Net): UB2/UB4/UB8 are a length byte then that
 * many big-endian bytes (0 is the single byte 00; we never write more than 6
 * value bytes because node-oracledb cannot read more).  BYTES are length-
 * prefixed, 00/FF meaning NULL, FE starting chunks.
 *
 * The reader's errors are sticky: after the first failure every read returns
 * zero values and ttc_failed() tells, so parsers read a whole message and
 * check once.
 */
#ifndef WARDEN_TTC_H
#define WARDEN_TTC_H

#include <stddef.h>
#include <stdint.h>

#include "../common/buf.h"
#include "tns.h"

/* TTC message types. */
enum {
    TTC_MSG_PROTOCOL = 1,
    TTC_MSG_DATA_TYPES = 2,
    TTC_MSG_FUNCTION = 3,
    TTC_MSG_ERROR = 4,
    TTC_MSG_ROW_HEADER = 6,
    TTC_MSG_ROW_DATA = 7,
    TTC_MSG_PARAMETER = 8,
    TTC_MSG_STATUS = 9,
    TTC_MSG_IO_VECTOR = 11,
    TTC_MSG_LOB_DATA = 14,
    TTC_MSG_WARNING = 15,
    TTC_MSG_DESCRIBE_INFO = 16,
    TTC_MSG_PIGGYBACK = 17,
    TTC_MSG_FLUSH_OUT_BINDS = 19,
    TTC_MSG_BIT_VECTOR = 21,
    TTC_MSG_IMPLICIT_RESULTSET = 27,
};

/* Bind directions as the server tells them to the client (IO_VECTOR). */
enum { BIND_DIR_OUT = 16, BIND_DIR_IN = 32, BIND_DIR_IN_OUT = 48 };

/* Character set forms: the database character set (UTF-8), the national one (AL16UTF16). */
enum { CSFRM_IMPLICIT = 1, CSFRM_NCHAR = 2 };

/* TTC function codes. */
enum {
    TTC_FN_REEXECUTE = 4,
    TTC_FN_FETCH = 5,
    TTC_FN_LOGOFF = 9,
    TTC_FN_COMMIT = 14,
    TTC_FN_ROLLBACK = 15,
    TTC_FN_REEXECUTE_AND_FETCH = 78,
    TTC_FN_EXECUTE = 94,
    TTC_FN_LOB_OP = 96,
    TTC_FN_CLOSE_CURSORS = 105,
    TTC_FN_AUTH_PHASE_TWO = 115,
    TTC_FN_AUTH_PHASE_ONE = 118,
    TTC_FN_SET_END_TO_END = 135,
    TTC_FN_PING = 147,
    TTC_FN_SET_SCHEMA = 152,
};

/* Execute options (the al8i4 options word of an execute request). */
enum {
    TTC_EXEC_PARSE = 0x1,
    TTC_EXEC_BIND = 0x8,
    TTC_EXEC_DEFINE = 0x10,
    TTC_EXEC_EXECUTE = 0x20,
    TTC_EXEC_FETCH = 0x40,
    TTC_EXEC_COMMIT = 0x100,
    TTC_EXEC_PLSQL_BINDS = 0x400,
    TTC_EXEC_NOT_PLSQL = 0x8000,
    TTC_EXEC_DESCRIBE_ONLY = 0x20000,
};

#define TTC_FIELD_VERSION 12
#define TTC_CALL_STATUS_TXN 0x2 /* end-of-call flag: a transaction is open */

/* ---- writer ---- */
void ttc_put_u8(buf *b, uint8_t v);
void ttc_put_u16be(buf *b, uint16_t v);
void ttc_put_u16le(buf *b, uint16_t v);
void ttc_put_ub(buf *b, uint64_t v);
void ttc_put_sb(buf *b, int64_t v);
void ttc_put_bytes(buf *b, const void *p, size_t n); /* n == 0 writes NULL (00) */
void ttc_put_str(buf *b, const char *s);             /* NULL or "" writes 00 */
/* A key/value pair as in the PARAMETER message and the auth requests. */
void ttc_put_kv(buf *b, const char *key, const char *value, uint32_t flags);

/* ---- reader ---- */
typedef struct ttc_reader {
    net_conn *conn;
    const uint8_t *p; /* next unread byte of the current DATA packet */
    size_t left;      /* bytes left in it */
    int bounded;      /* a request: its end is known (end-of-call flag / short packet) */
    int at_last;      /* the current packet is the request's last */
    int err;          /* sticky NET_ERR_* or 0 */
    int timeout_ms;   /* for the first packet; later ones get TTC_NEXT_PACKET_TIMEOUT_MS */
    size_t budget;    /* bytes the request's values may occupy (0: no limit) */
    size_t buffered;  /* ... and what they occupy so far */
} ttc_reader;

/* A request's packets follow each other at once; a peer that stops mid-request is gone. */
#define TTC_NEXT_PACKET_TIMEOUT_MS 60000
/*
 * A peer that does not mark its requests' last packets (python-oracledb) and
 * whose request exactly filled its last packet: how long to wait for a next
 * packet before taking the request as ended.
 */
#define TTC_UNMARKED_END_WAIT_MS 50
/* ... and, when the parser needs more of it, how long before it is taken as cut short. */
#define TTC_UNMARKED_MORE_WAIT_MS 1000
/* What a reader without a budget buffers at most for one message's values. */
#define TTC_MAX_VALUE_BYTES (128u * 1024 * 1024)

/*
 * Start reading the next message stream.  BOUNDED = 1 for a server reading
 * a request (stops at the request's last packet).  Returns TNS_DATA when a
 * DATA packet with payload started the stream; TNS_MARKER with *MARKER set;
 * NET_ERR_EOF for the peer's EOF packet or socket close; other NET_ERR_*.
 */
int ttc_begin(ttc_reader *r, net_conn *c, int bounded, int timeout_ms, int *marker);
int ttc_failed(const ttc_reader *r);
/* Mark the request malformed (the first failure sticks). */
void ttc_malformed(ttc_reader *r);
/* Did the failure leave the connection usable (a malformed or oversize request)? */
int ttc_in_sync(const ttc_reader *r);
size_t ttc_left_in_packet(const ttc_reader *r);
/* Is there more data in this request (server) / buffered (client)? */
int ttc_more(ttc_reader *r);
/*
 * Read and drop what remains of a bounded request, also after it was found
 * malformed or oversize, so that the next read starts at the next request.
 * Returns 0 when the connection is still in sync, -1 when it was lost.
 */
int ttc_skip_request(ttc_reader *r);

uint8_t ttc_u8_next_packet(ttc_reader *r); /* ttc_u8 at the end of a packet */
static inline uint8_t ttc_u8(ttc_reader *r)
{
    if (r->left && !r->err) {
        r->left--;
        return *r->p++;
    }
    return ttc_u8_next_packet(r);
}
uint8_t ttc_peek_u8(ttc_reader *r);
uint16_t ttc_u16be(ttc_reader *r);
uint16_t ttc_u16le(ttc_reader *r);
uint32_t ttc_u32be(ttc_reader *r);
uint64_t ttc_ub(ttc_reader *r);
int64_t ttc_sb(ttc_reader *r);
void ttc_raw(ttc_reader *r, void *out, size_t n);
void ttc_skip(ttc_reader *r, size_t n);
/* BYTES into OUT (appended after buf_reset); returns 1 if NULL, 0 otherwise. */
int ttc_bytes(ttc_reader *r, buf *out);
/* A string whose length was announced earlier: BYTES if CONV_LENGTH, else LEN raw bytes. */
void ttc_announced_str(ttc_reader *r, int conv_length, uint64_t len, buf *out);
/* Key/value pair; values are appended NUL-terminated into KEY and VALUE. */
void ttc_kv(ttc_reader *r, buf *key, buf *value, uint32_t *flags);

#endif
