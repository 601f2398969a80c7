/*
 * lob_call.c - the LOB operation call (function 96).
 *
 * Request (after the function header): source locator (pointer, length),
 * destination locator (pointer, length; CREATE TEMPORARY puts the duration
 * there), two short offsets, charset / amount / flag pointers, the
 * operation, SCN fields, the source and destination offsets (UB8), whether
 * an amount follows, three array fields; then the source locator's bytes,
 * for CREATE TEMPORARY the character set, for WRITE a LOB_DATA message
 * with the bytes, and the amount.  Reply: the data (LOB_DATA) of a READ,
 * a PARAMETER message with the locator again and the amount (CREATE
 * TEMPORARY: the character set, a flags byte, and the amount when one was
 * sent, as python-oracledb reads it; IS OPEN: a byte), and the end of the
 * call.  Offsets and amounts are in
 * the units of lob_value.h; a temporary NCLOB's data travels as UTF-16.
 */
#include "lob_call.h"

#include <stdlib.h>
#include <string.h>

#include "../common/lob_value.h"
#include "../common/ora_types.h"
#include "lobs.h"
#include "replies.h"

enum {
    LOB_OP_GET_LENGTH = 0x1,
    LOB_OP_READ = 0x2,
    LOB_OP_TRIM = 0x20,
    LOB_OP_WRITE = 0x40,
    LOB_OP_CREATE_TEMP = 0x110,
    LOB_OP_FREE_TEMP = 0x111,
    LOB_OP_GET_CHUNK_SIZE = 0x4000,
    LOB_OP_OPEN = 0x8000,
    LOB_OP_CLOSE = 0x10000,
    LOB_OP_IS_OPEN = 0x11000,
    LOB_OP_ARRAY = 0x80000,
};
#define CHARSET_UTF8 873
#define CHARSET_UTF16 2000
#define CSFRM_NCHAR 2
#define MAX_LOCATORS_BYTES (1u << 20) /* a piggybacked free of many temporary LOBs */

typedef struct lob_request {
    uint32_t op;
    uint64_t src_len, dest_len, src_offset, dest_offset, amount;
    int send_amount;
    buf locator; /* the source locator(s) */
    buf data;    /* WRITE */
    int has_data;
} lob_request;

static void read_request(ttc_reader *r, lob_request *q)
{
    memset(q, 0, sizeof *q);
    buf_init(&q->locator);
    buf_init(&q->data);
    int has_src = ttc_u8(r);
    q->src_len = ttc_ub(r);
    ttc_u8(r); /* destination locator pointer */
    q->dest_len = ttc_ub(r);
    ttc_ub(r), ttc_ub(r); /* short offsets */
    int has_charset = ttc_u8(r);
    ttc_u8(r), ttc_u8(r); /* short amount, flag pointers */
    q->op = (uint32_t)ttc_ub(r);
    ttc_u8(r), ttc_ub(r); /* SCN */
    q->src_offset = ttc_ub(r);
    q->dest_offset = ttc_ub(r);
    q->send_amount = ttc_u8(r);
    for (int i = 0; i < 3; i++) ttc_u8(r), ttc_ub(r); /* array fields */
    if (has_src && q->src_len) {
        if (q->src_len > MAX_LOCATORS_BYTES) {
            ttc_malformed(r);
            return;
        }
        buf_reserve(&q->locator, (size_t)q->src_len);
        ttc_raw(r, q->locator.data, (size_t)q->src_len);
        q->locator.len = ttc_failed(r) ? 0 : (size_t)q->src_len;
    }
    if (has_charset && q->op == LOB_OP_CREATE_TEMP) ttc_ub(r);
    if (ttc_more(r) && ttc_peek_u8(r) == TTC_MSG_LOB_DATA) {
        ttc_u8(r);
        ttc_bytes(r, &q->data);
        q->has_data = 1;
    }
    if (q->send_amount) q->amount = ttc_ub(r);
}

static void request_free(lob_request *q)
{
    buf_free(&q->locator);
    buf_free(&q->data);
}

/* Free the temporary LOBs of LOCATORS (one after the other, each its length first). */
static void free_temporaries(session *s, const buf *locators)
{
    size_t at = 0;
    while (at + 2 <= locators->len) {
        size_t n = ((size_t)locators->data[at] << 8 | locators->data[at + 1]) + 2;
        if (at + n > locators->len) break;
        ora_error e;
        lob_entry *le = lobs_find(s, locators->data + at, n, &e);
        if (le && le->kind != LOB_PERSISTENT) lobs_free(s, le); /* a persistent one is not freed */
        at += n;
    }
}

/* READ: the piece asked for as LOB_DATA (nothing past the end); the amount read. */
static int op_read(session *s, lob_entry *le, lob_request *q, buf *out, ora_error *e)
{
    const buf *v = lobs_value(s, le, e);
    if (!v) return -1;
    size_t start, len;
    q->amount = lob_piece(lobs_is_blob(le), (char *)v->data, v->len, q->src_offset, q->amount,
                          &start, &len);
    if (len && le->nchar) { /* UTF-16 on the wire */
        buf u;
        buf_init(&u);
        lob_utf8_to_utf16((char *)v->data + start, len, &u);
        ttc_put_u8(out, TTC_MSG_LOB_DATA);
        ttc_put_bytes(out, u.data, u.len);
        buf_free(&u);
    } else if (len) {
        ttc_put_u8(out, TTC_MSG_LOB_DATA);
        ttc_put_bytes(out, v->data + start, len);
    }
    return 0;
}

/* WRITE and TRIM: the value changed in place and stored. */
static int op_change(session *s, lob_entry *le, lob_request *q, ora_error *e)
{
    if (q->op == LOB_OP_WRITE && !q->src_offset) return ora_set(e, 1428, 0, "offset");
    if (lobs_writable(le, e) < 0) return -1;
    buf *v = lobs_value(s, le, e);
    if (!v) return -1;
    if (le->nchar && q->op == LOB_OP_WRITE) { /* UTF-16 on the wire */
        buf u;
        buf_init(&u);
        lob_utf16_to_utf8(q->data.data, q->data.len, &u);
        buf_free(&q->data);
        q->data = u;
    }
    if (q->op == LOB_OP_WRITE)
        lob_write_at(lobs_is_blob(le), v, q->src_offset, (char *)q->data.data, q->data.len);
    else if (lob_trim(lobs_is_blob(le), v, q->amount) < 0)
        return ora_set(e, 22926, 0);
    return lobs_changed(s, le, e);
}

static int op_length(session *s, lob_entry *le, lob_request *q, ora_error *e)
{
    const buf *v = lobs_value(s, le, e);
    if (v) q->amount = lob_length(lobs_is_blob(le), (char *)v->data, v->len);
    return v ? 0 : -1;
}

static int op_open_close(lob_entry *le, lob_request *q, ora_error *e)
{
    if (q->op == LOB_OP_OPEN && le->open) return ora_set(e, 22293, 0);
    if (q->op == LOB_OP_CLOSE && !le->open) return ora_set(e, 22289, 0, "CLOSE");
    le->open = q->op == LOB_OP_OPEN;
    return 0;
}

/* Run the operation on the locator's LOB; IS_OPEN's answer in *FLAG. */
static int run_op(session *s, lob_request *q, buf *out, int *flag, ora_error *e)
{
    if (q->op == LOB_OP_CREATE_TEMP) {
        if (q->locator.len < LOB_LOCATOR_LEN) return ora_set(e, 22275, 0);
        uint8_t type = q->dest_offset == T_BLOB ? T_BLOB : T_CLOB;
        lob_entry *le = lobs_new_value(s, LOB_TEMP, type, NULL, 0, q->locator.data);
        le->nchar = type == T_CLOB && q->src_offset == CSFRM_NCHAR;
        lobs_locator(s, le, q->locator.data);
        return 0;
    }
    if ((q->op & ~(uint32_t)LOB_OP_ARRAY) == LOB_OP_FREE_TEMP) {
        free_temporaries(s, &q->locator);
        return 0;
    }
    lob_entry *le = lobs_find(s, q->locator.data, q->locator.len, e);
    if (!le) return -1;
    switch (q->op) {
    case LOB_OP_GET_LENGTH: return op_length(s, le, q, e);
    case LOB_OP_READ: return op_read(s, le, q, out, e);
    case LOB_OP_WRITE:
    case LOB_OP_TRIM: return op_change(s, le, q, e);
    case LOB_OP_GET_CHUNK_SIZE: q->amount = LOB_CHUNK_SIZE; return 0;
    case LOB_OP_OPEN:
    case LOB_OP_CLOSE: return op_open_close(le, q, e);
    case LOB_OP_IS_OPEN: *flag = le->open; return 0;
    default: return ora_set(e, ORA_UNIMPLEMENTED, 0); /* BFILE, array operations */
    }
}

void lob_call(session *s, ttc_reader *r, buf *out)
{
    lob_request q;
    read_request(r, &q);
    if (request_finish(s, r, out, 0, NULL) < 0) {
        request_free(&q);
        return;
    }
    ora_error e;
    ora_clear(&e);
    int flag = 0;
    size_t start = out->len;
    if (run_op(s, &q, out, &flag, &e) < 0) {
        out->len = start;
    } else if (q.locator.len && q.op != LOB_OP_FREE_TEMP &&
               q.op != (LOB_OP_FREE_TEMP | LOB_OP_ARRAY)) {
        ttc_put_u8(out, TTC_MSG_PARAMETER);
        buf_put(out, q.locator.data, q.locator.len);
        if (q.op == LOB_OP_CREATE_TEMP) {
            ttc_put_ub(out, q.src_offset == CSFRM_NCHAR ? CHARSET_UTF16 : CHARSET_UTF8);
            ttc_put_u8(out, 0);
            if (q.send_amount) ttc_put_sb(out, (int64_t)q.amount);
        } else if (q.send_amount) {
            ttc_put_sb(out, (int64_t)q.amount);
        }
        if (q.op == LOB_OP_IS_OPEN) ttc_put_u8(out, (uint8_t)flag);
    }
    reply_end_call(s, out, 0, 0, &e);
    request_free(&q);
}

void lob_call_piggyback(session *s, ttc_reader *r)
{
    lob_request q;
    read_request(r, &q);
    if (!ttc_failed(r) && (q.op & ~(uint32_t)LOB_OP_ARRAY) == LOB_OP_FREE_TEMP)
        free_temporaries(s, &q.locator);
    else
        ttc_malformed(r);
    request_free(&q);
}
