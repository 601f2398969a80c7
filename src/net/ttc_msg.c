/*
 * ttc_msg.c - ERROR, PARAMETER, DESCRIBE_INFO and ROW_HEADER messages.
 */
#include "ttc_msg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/ora_types.h"

void ttc_put_protocol_header(buf *b, const char *name)
{
    ttc_put_u8(b, TTC_MSG_PROTOCOL);
    ttc_put_u8(b, 6);
    ttc_put_u8(b, 0);
    buf_put(b, name, strlen(name) + 1);
}

void ttc_put_capabilities(buf *b)
{
    uint8_t ccaps[53] = {0};
    ccaps[0] = 6, ccaps[4] = 0xEA, ccaps[7] = TTC_FIELD_VERSION;
    ttc_put_bytes(b, ccaps, sizeof ccaps);
    static const uint8_t rcaps[7] = {2, 0, 0, 0, 0, 0, 0x05};
    ttc_put_bytes(b, rcaps, sizeof rcaps);
}

void ttc_put_execute_header(buf *b, uint64_t options, uint64_t cursor_id, uint64_t sql_len,
                            uint64_t prefetch, uint64_t nbinds, uint64_t ndefines)
{
    ttc_put_ub(b, options);
    ttc_put_ub(b, cursor_id);
    ttc_put_u8(b, sql_len ? 1 : 0);
    ttc_put_ub(b, sql_len);
    ttc_put_u8(b, 1);
    ttc_put_ub(b, 13); /* al8i4 words */
    ttc_put_u8(b, 0), ttc_put_u8(b, 0), ttc_put_u8(b, 0);
    ttc_put_ub(b, prefetch);
    ttc_put_ub(b, 0x7FFFFFFF); /* max long size */
    ttc_put_u8(b, nbinds ? 1 : 0);
    ttc_put_ub(b, nbinds);
    for (int i = 0; i < 5; i++) ttc_put_u8(b, 0);
    ttc_put_u8(b, ndefines ? 1 : 0), ttc_put_ub(b, ndefines);
    ttc_put_ub(b, 0);
    ttc_put_u8(b, 0), ttc_put_u8(b, 1), ttc_put_u8(b, 0), ttc_put_ub(b, 0), ttc_put_u8(b, 0),
        ttc_put_ub(b, 0), ttc_put_ub(b, 0);
    ttc_put_u8(b, 0), ttc_put_ub(b, 0), ttc_put_u8(b, 0);   /* DML row counts */
    for (int i = 0; i < 5; i++) ttc_put_u8(b, 0);           /* SQL id */
    ttc_put_u8(b, 0), ttc_put_ub(b, 0);                      /* chunk ids */
}

void ttc_put_al8i4(buf *b, int parse, uint64_t executions, int fetch)
{
    uint64_t al8i4[13] = {parse ? 1 : 0, executions, 0, 0, 0, 0, 0, fetch ? 1 : 0};
    for (int i = 0; i < 13; i++) ttc_put_ub(b, al8i4[i]);
}

/*
 * Batch errors: the codes, the rows they failed at, then the texts, each
 * array led by a byte that is not the long-length indicator (FE).
 */
static void write_batch_errors(buf *b, const ttc_batch_error *be, int n)
{
    ttc_put_ub(b, (uint64_t)n);
    if (n) ttc_put_u8(b, 1);
    for (int i = 0; i < n; i++) ttc_put_ub(b, (uint64_t)be[i].code);
    ttc_put_ub(b, (uint64_t)n);
    if (n) ttc_put_u8(b, 1);
    for (int i = 0; i < n; i++) ttc_put_ub(b, be[i].row);
    ttc_put_ub(b, (uint64_t)n);
    if (n) ttc_put_u8(b, 1);
    for (int i = 0; i < n; i++) {
        size_t len = strlen(be[i].text);
        ttc_put_ub(b, len);
        ttc_put_bytes(b, be[i].text, len);
        ttc_put_u16be(b, 0); /* end marker */
    }
}

void ttc_put_rowid(buf *b, const ttc_rowid *r)
{
    ttc_put_ub(b, r->object), ttc_put_ub(b, r->file), ttc_put_u8(b, 0);
    ttc_put_ub(b, r->block), ttc_put_ub(b, r->slot);
}

void ttc_read_rowid(ttc_reader *r, ttc_rowid *out)
{
    out->object = (uint32_t)ttc_ub(r);
    out->file = (uint16_t)ttc_ub(r);
    ttc_u8(r);
    out->block = (uint32_t)ttc_ub(r);
    out->slot = (uint16_t)ttc_ub(r);
}

static const char rowid_digits[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* VALUE as N base-64 digits at OUT. */
static void put_digits(char *out, uint64_t value, int n)
{
    for (int i = n - 1; i >= 0; i--, value /= 64) out[i] = rowid_digits[value % 64];
}

void ttc_rowid_text(const ttc_rowid *r, char out[19])
{
    put_digits(out, r->object, 6);
    put_digits(out + 6, r->file, 3);
    put_digits(out + 9, r->block, 6);
    put_digits(out + 15, r->slot, 3);
    out[18] = '\0';
}

/* N base-64 digits at S as a number, or -1. */
static int64_t get_digits(const char *s, int n)
{
    int64_t v = 0;
    for (int i = 0; i < n; i++) {
        const char *d = s[i] ? strchr(rowid_digits, s[i]) : NULL;
        if (!d) return -1;
        v = v * 64 + (d - rowid_digits);
    }
    return v;
}

int ttc_rowid_parse(const char *text, ttc_rowid *out)
{
    if (strlen(text) != 18) return -1;
    int64_t object = get_digits(text, 6), file = get_digits(text + 6, 3);
    int64_t block = get_digits(text + 9, 6), slot = get_digits(text + 15, 3);
    if (object < 0 || file < 0 || block < 0 || block > UINT32_MAX || slot < 0 || slot > 0xFFFF)
        return -1;
    *out = (ttc_rowid){(uint32_t)object, (uint16_t)file, (uint32_t)block, (uint16_t)slot};
    return 0;
}

void ttc_write_error(buf *b, const ttc_end *e)
{
    ttc_put_u8(b, TTC_MSG_ERROR);
    ttc_put_ub(b, e->call_status);
    ttc_put_ub(b, 0); /* end-to-end sequence# */
    ttc_put_ub(b, e->row_count);
    ttc_put_ub(b, e->error_code > 65535 ? 0 : (uint64_t)e->error_code);
    ttc_put_ub(b, 0), ttc_put_ub(b, 0); /* array element errors */
    ttc_put_ub(b, e->cursor_id);
    ttc_put_sb(b, e->error_offset > 0 ? e->error_offset : 0);
    for (int i = 0; i < 5; i++) ttc_put_u8(b, 0); /* sql type .. UPI parameter */
    ttc_put_u8(b, e->warning);
    ttc_put_rowid(b, &e->rowid);
    ttc_put_ub(b, 0), ttc_put_u8(b, 0), ttc_put_u8(b, 0), ttc_put_ub(b, 0),
        ttc_put_ub(b, 0); /* OS error .. success iterations */
    ttc_put_ub(b, 0);     /* logical rowid length */
    write_batch_errors(b, e->batch, e->nbatch);
    ttc_put_ub(b, (uint64_t)e->error_code);
    ttc_put_ub(b, e->row_count);
    if (e->error_code) { /* the text with a newline, as Oracle sends it */
        char text[sizeof e->error_text + 1];
        size_t n = strnlen(e->error_text, sizeof e->error_text);
        memcpy(text, e->error_text, n);
        text[n] = '\n';
        ttc_put_bytes(b, text, n + 1);
    }
}

void ttc_read_error(ttc_reader *r, ttc_end *e)
{
    memset(e, 0, sizeof *e);
    e->call_status = (uint32_t)ttc_ub(r);
    ttc_ub(r);
    e->row_count = ttc_ub(r);
    int code16 = (int)ttc_ub(r);
    ttc_ub(r), ttc_ub(r);
    e->cursor_id = (uint16_t)ttc_ub(r);
    int64_t pos = ttc_sb(r);
    e->error_offset = pos > 0 ? (int)pos : 0;
    ttc_skip(r, 5);
    e->warning = ttc_u8(r);
    ttc_ub(r), ttc_ub(r), ttc_u8(r), ttc_ub(r), ttc_ub(r);
    ttc_ub(r), ttc_u8(r), ttc_u8(r), ttc_ub(r), ttc_ub(r);
    uint64_t oerrdd = ttc_ub(r);
    if (oerrdd) { /* a chunked logical rowid we do not use */
        buf skip;
        buf_init(&skip);
        ttc_bytes(r, &skip);
        buf_free(&skip);
    }
    uint64_t nbatch = ttc_ub(r);
    if (nbatch) r->err = r->err ? r->err : NET_ERR_PROTOCOL; /* libwarden never asks for them */
    ttc_ub(r), ttc_ub(r);
    e->error_code = (int)ttc_ub(r);
    if (!e->error_code) e->error_code = code16;
    e->row_count = ttc_ub(r);
    if (e->error_code) {
        buf text;
        buf_init(&text);
        ttc_bytes(r, &text);
        size_t n = text.len < sizeof e->error_text - 1 ? text.len : sizeof e->error_text - 1;
        if (n) memcpy(e->error_text, text.data, n);
        while (n && (e->error_text[n - 1] == '\n' || e->error_text[n - 1] == ' ')) n--;
        e->error_text[n] = 0;
        buf_free(&text);
    }
}

void ttc_write_parameter(buf *b, const ttc_pair *pairs, int n)
{
    ttc_put_u8(b, TTC_MSG_PARAMETER);
    ttc_put_ub(b, (uint64_t)n);
    for (int i = 0; i < n; i++) ttc_put_kv(b, pairs[i].key, pairs[i].value, pairs[i].flags);
}

void ttc_write_row_counts(buf *b, const uint64_t *counts, int n)
{
    ttc_put_u8(b, TTC_MSG_PARAMETER);
    ttc_put_ub(b, 0); /* al8o4 */
    ttc_put_ub(b, 0); /* al8txl */
    ttc_put_ub(b, 0); /* key/value pairs */
    ttc_put_ub(b, 0); /* registration */
    ttc_put_ub(b, (uint64_t)n);
    for (int i = 0; i < n; i++) ttc_put_ub(b, counts[i]);
}

void ttc_write_io_vector(buf *b, const uint8_t *dirs, int n, uint32_t iterations)
{
    ttc_put_u8(b, TTC_MSG_IO_VECTOR);
    ttc_put_u8(b, 0);                       /* flag */
    ttc_put_ub(b, (uint64_t)n & 0xFFFF);    /* number of binds, low part */
    ttc_put_ub(b, (uint64_t)n >> 16 << 8);  /* ... high part (the client multiplies by 256) */
    ttc_put_ub(b, iterations);
    ttc_put_ub(b, 0); /* uac buffer length */
    ttc_put_ub(b, 0); /* bit vector */
    ttc_put_ub(b, 0); /* rowid */
    buf_put(b, dirs, (size_t)n);
}

uint8_t ttc_charset_form(uint8_t ora_type)
{
    int text = ora_type == T_VARCHAR || ora_type == T_LONG || ora_type == T_CHAR;
    return text || ora_type == T_CLOB ? 1 : 0;
}

static int scale_is_sb2(uint8_t t)
{
    return t == T_NUMBER || t == T_TIMESTAMP || t == T_TIMESTAMP_TZ || t == T_INTERVAL_DS ||
           t == T_TIMESTAMP_LTZ;
}

void ttc_write_describe(buf *b, const ttc_column *cols, int n, int sb2_scale)
{
    ttc_put_u8(b, TTC_MSG_DESCRIBE_INFO);
    ttc_put_u8(b, 0); /* no chunked bytes */
    ttc_write_describe_body(b, cols, n, sb2_scale);
}

void ttc_write_describe_body(buf *b, const ttc_column *cols, int n, int sb2_scale)
{
    uint64_t row_size = 0;
    for (int i = 0; i < n; i++) row_size += cols[i].max_size;
    ttc_put_ub(b, row_size);
    ttc_put_ub(b, (uint64_t)n);
    if (n > 0) ttc_put_u8(b, 0);
    for (int i = 0; i < n; i++) {
        const ttc_column *c = &cols[i];
        uint8_t form = ttc_charset_form(c->ora_type);
        ttc_put_u8(b, c->ora_type);
        ttc_put_u8(b, 0);
        ttc_put_u8(b, (uint8_t)c->precision);
        if (sb2_scale && scale_is_sb2(c->ora_type)) ttc_put_sb(b, c->scale);
        else ttc_put_u8(b, (uint8_t)c->scale);
        ttc_put_ub(b, c->max_size);
        ttc_put_ub(b, 0); /* max array elements */
        ttc_put_ub(b, 0); /* continuation flags */
        ttc_put_ub(b, 0); /* OID length */
        ttc_put_ub(b, 0); /* version */
        ttc_put_ub(b, form ? 873 : 0);
        ttc_put_u8(b, form);
        ttc_put_ub(b, form ? c->max_size : 0);
        ttc_put_ub(b, 0); /* oaccolid (field version >= 8) */
        ttc_put_u8(b, c->nullable);
        ttc_put_u8(b, 0);
        size_t nl = strlen(c->name);
        ttc_put_ub(b, nl);
        if (nl) ttc_put_bytes(b, c->name, nl);
        ttc_put_ub(b, 0); /* schema */
        ttc_put_ub(b, 0); /* type name */
        ttc_put_ub(b, (uint64_t)i + 1);
        ttc_put_ub(b, 0); /* UDS flags */
    }
    for (int i = 0; i < 6; i++) ttc_put_ub(b, 0);
}

ttc_column *ttc_read_describe(ttc_reader *r, int *ncols)
{
    ttc_u8(r);
    ttc_ub(r); /* max row size */
    uint64_t n = ttc_ub(r);
    if (n > 1000) {
        r->err = NET_ERR_PROTOCOL;
        n = 0;
    }
    if (n > 0) ttc_u8(r);
    ttc_column *cols = xcalloc((size_t)(n ? n : 1), sizeof *cols);
    buf tmp;
    buf_init(&tmp);
    for (uint64_t i = 0; i < n && !ttc_failed(r); i++) {
        ttc_column *c = &cols[i];
        c->ora_type = ttc_u8(r);
        ttc_u8(r);
        c->precision = (int8_t)ttc_u8(r);
        c->scale = (int8_t)ttc_u8(r);
        c->max_size = (uint32_t)ttc_ub(r);
        ttc_ub(r), ttc_ub(r);
        if (ttc_ub(r)) { /* OID */
            ttc_bytes(r, &tmp);
        }
        ttc_ub(r);
        ttc_ub(r), ttc_u8(r), ttc_ub(r);
        ttc_ub(r); /* oaccolid */
        c->nullable = ttc_u8(r);
        ttc_u8(r);
        if (ttc_ub(r)) {
            ttc_bytes(r, &tmp);
            size_t l = tmp.len < sizeof c->name - 1 ? tmp.len : sizeof c->name - 1;
            if (l) memcpy(c->name, tmp.data, l);
            c->name[l] = 0;
        }
        if (ttc_ub(r)) ttc_bytes(r, &tmp);
        if (ttc_ub(r)) ttc_bytes(r, &tmp);
        ttc_ub(r);
        ttc_ub(r);
    }
    uint64_t dlen = ttc_ub(r); /* current date */
    if (dlen) ttc_bytes(r, &tmp);
    for (int i = 0; i < 5; i++) ttc_ub(r);
    buf_free(&tmp);
    *ncols = (int)n;
    return cols;
}

void ttc_write_row_header(buf *b)
{
    static const uint8_t hdr[8] = {TTC_MSG_ROW_HEADER, 0, 0, 0, 0, 0, 0, 0};
    buf_put(b, hdr, sizeof hdr);
}

void ttc_read_row_header(ttc_reader *r)
{
    ttc_u8(r);
    ttc_ub(r);
    ttc_ub(r);
    ttc_ub(r);
    ttc_ub(r);
    uint64_t bv = ttc_ub(r);
    if (bv) ttc_skip(r, (size_t)bv); /* bit vector bytes */
    uint64_t rid = ttc_ub(r);
    if (rid) ttc_skip(r, (size_t)rid);
}
