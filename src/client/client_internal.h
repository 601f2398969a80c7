/*
 * client_internal.h - libwarden's private structures and helpers shared by
 * its connect and call modules.
 */
#ifndef WARDEN_CLIENT_INTERNAL_H
#define WARDEN_CLIENT_INTERNAL_H

#include "../net/tns.h"
#include "../net/ttc.h"
#include "../net/ttc_msg.h"
#include "warden.h"

struct wdn_conn {
    net_conn net;
    int connected;
    int killed; /* the server said ORA-00028: later calls get ORA-01012 */
    uint8_t seq; /* TTC sequence number of the next call */
    int sid, serial;
    long server_pid;
    uint32_t call_status;
    uint8_t warning; /* TTC_WARN_* flags of the last call's end */
    ora_error err;
    volatile int breaking; /* wdn_break sent an INTERRUPT marker */
    uint16_t *to_close;    /* server cursors to close with the next call */
    int nclose, capclose;
    int arraysize; /* rows per round trip (0: the default) */
    /* The row buffers of the last cursor closed, for the next one: a listing of hundreds of
     * rows fills hundreds of KiB, and memory taken fresh for each query costs more in page
     * faults and copies than decoding the rows does. */
    buf spare_text;
    size_t *spare_offs, spare_offs_cap;
};

/* A statement kept parsed on the server: CURSOR_ID is 0 until the first execute. */
struct wdn_stmt {
    wdn_conn *conn;
    char *sql;
    enum wdn_stmt_kind kind;
    uint16_t cursor_id;
    wdn_column *cols; /* the last describe: a re-execute's reply may leave it out */
    int ncols;
};

struct wdn_cursor {
    wdn_conn *conn;
    wdn_stmt *stmt; /* the statement whose server cursor this is, or NULL (own cursor) */
    uint16_t cursor_id;
    int ncols;
    wdn_column *cols;
    int described; /* the last response carried a DESCRIBE_INFO */
    buf text;        /* the buffered rows' values as NUL-terminated texts */
    size_t *offs;    /* nrows * ncols offsets into TEXT; CLIENT_NULL for SQL NULL */
    size_t offs_cap; /* ... room for this many */
    int nrows, pos;  /* pos = index of the current row, -1 before the first */
    int query;       /* of a query: ORA-01403 ends its rows (from a PL/SQL block it is an error) */
    int exhausted;   /* the server said ORA-01403 */
    uint64_t fetched;
    uint8_t *repeats; /* the next row's bit vector (ttc_rows.h): clear bits repeat the row before */
    int has_repeats;  /* ... when a BIT_VECTOR came for it */
    /* A PL/SQL block's binds and where their OUT values go (wdn_execute_plsql), with the
     * direction of each as the server's IO vector gave it. */
    const struct wdn_bind *binds;
    int nbinds;
    char **outs;
    uint8_t *dirs;
};

#define CLIENT_NULL ((size_t)-1)

/* Remember server cursor ID for closing with the next call's piggyback. */
void client_close_later(wdn_conn *c, uint16_t id);
/* Start a call's request: pending cursor closes, then FUNCTION FN with its sequence number. */
void client_put_function(wdn_conn *c, buf *b, uint8_t fn);
/* Next TTC sequence number (1..255, skipping 0). */
uint8_t client_next_seq(wdn_conn *c);
/* Send one request payload. 0, or -1 with the connection marked lost. */
int client_send(wdn_conn *c, buf *payload);
/*
 * Start reading a response; handles the break protocol when the server
 * answers a break.  0 with R ready, or -1 with the error set (ORA-03113 when
 * the connection is lost).
 */
int client_begin_response(wdn_conn *c, ttc_reader *r);
/* Mark the connection lost with CODE (3113 or 3114) unless an error is already set. */
void client_lost(wdn_conn *c, int code);
/*
 * Read one response to its end (ERROR or STATUS message): describe and rows
 * go into CUR (may be NULL), the row count into *ROWS, PARAMETER pairs to
 * ON_PAIR.  0, or -1 with the error set.
 */
typedef void (*client_pair_fn)(void *arg, const char *key, const char *value);
int client_read_response(wdn_conn *c, wdn_cursor *cur, uint64_t *rows, client_pair_fn on_pair,
                         void *arg);
/* Record the ERROR message E (and its warning flags) as the call's outcome; 0 if no error. */
int client_take_end(wdn_conn *c, const ttc_end *e);

#endif
