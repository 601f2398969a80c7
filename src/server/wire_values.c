/*
 * wire_values.c - bind values off the wire into engine values, and result
 * column values from the engine onto the wire.
 *
 * Dates travel inside SQLite as canonical text: "YYYY-MM-DD HH24:MI:SS" with
 * a fraction only when it is not zero (trailing zeros dropped), so equal
 * instants always compare equal as text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../net/datetime.h"
#include "../net/number.h"
#include "session.h"

enum {
    T_VARCHAR = 1,
    T_NUMBER = 2,
    T_DATE = 12,
    T_RAW = 23,
    T_CHAR = 96,
    T_BINARY_FLOAT = 100,
    T_BINARY_DOUBLE = 101,
    T_TIMESTAMP = 180,
    T_TIMESTAMP_TZ = 181,
    T_TIMESTAMP_LTZ = 231,
};

/* Canonical storage text of a date/timestamp. */
static void date_text(const odate *d, buf *out)
{
    char t[64];
    int n = odate_format(d, d->nanos ? 9 : 0, t, sizeof t);
    if (d->nanos)
        while (n > 0 && t[n - 1] == '0') n--;
    buf_reset(out);
    buf_put(out, t, (size_t)n);
}

/* Oracle's BINARY_DOUBLE bytes: big-endian IEEE with the sign bit flipped for
 * positives and every bit flipped for negatives, so bytes sort as numbers. */
static double decode_binary_double(const uint8_t *p, size_t n)
{
    uint8_t b[8] = {0};
    memcpy(b, p, n < 8 ? n : 8);
    if (b[0] & 0x80) b[0] &= 0x7F;
    else
        for (int i = 0; i < 8; i++) b[i] = (uint8_t)~b[i];
    uint64_t bits = 0;
    for (int i = 0; i < 8; i++) bits = bits << 8 | b[i];
    double d;
    memcpy(&d, &bits, sizeof d);
    return d;
}

int wire_read_bind(ttc_reader *r, const bind_meta *m, buf *text, eng_value *v)
{
    buf raw;
    buf_init(&raw);
    memset(v, 0, sizeof *v);
    v->is_null = ttc_bytes(r, &raw) || raw.len == 0;
    int rc = 0;
    buf_reset(text);
    if (!v->is_null) {
        switch (m->ora_type) {
        case T_VARCHAR:
        case T_CHAR:
            buf_put(text, raw.data, raw.len);
            v->kind = ENG_VAL_TEXT;
            break;
        case T_NUMBER: {
            char t[ONUM_TEXT_MAX];
            int n = onum_to_text(raw.data, raw.len, t, sizeof t);
            if (n < 0) rc = -1;
            else buf_put(text, t, (size_t)n);
            v->kind = ENG_VAL_NUMBER;
            break;
        }
        case T_RAW:
            buf_put(text, raw.data, raw.len);
            v->kind = ENG_VAL_BLOB;
            break;
        case T_BINARY_DOUBLE:
        case T_BINARY_FLOAT: {
            char t[40];
            int n = snprintf(t, sizeof t, "%.17g", decode_binary_double(raw.data, raw.len));
            buf_put(text, t, (size_t)n);
            v->kind = ENG_VAL_NUMBER;
            break;
        }
        case T_DATE:
        case T_TIMESTAMP:
        case T_TIMESTAMP_TZ:
        case T_TIMESTAMP_LTZ: {
            odate d;
            if (odate_decode(raw.data, raw.len, &d) < 0) rc = -1;
            else date_text(&d, text);
            v->kind = ENG_VAL_DATE;
            break;
        }
        default:
            rc = -1;
        }
    }
    buf_free(&raw);
    buf_cstr(text);
    v->text = (const char *)text->data;
    v->len = text->len;
    return rc;
}

/*
 * Cell V as NUL-terminated text for parsing: a copy in T (SIZE bytes), or
 * for a longer value or a number, SQLite's own text of column COL.
 */
static const char *cell_text(eng_cursor *ec, int col, const eng_cell *v, char *t, size_t size)
{
    if ((v->kind == ENG_COL_TEXT || v->kind == ENG_COL_BLOB) && (size_t)v->len < size) {
        memcpy(t, v->bytes, (size_t)v->len);
        t[v->len] = '\0';
        return t;
    }
    int len;
    return eng_value_text(ec, col, &len);
}

static int put_number(buf *out, eng_cursor *ec, int col, const eng_cell *v, ora_error *err)
{
    uint8_t b[ONUM_MAX_BYTES];
    char t[ONUM_TEXT_MAX];
    int n;
    switch (v->kind) {
    case ENG_COL_INT: n = onum_from_int64(v->i, b); break;
    case ENG_COL_REAL: n = onum_from_double(v->d, b); break;
    default: n = onum_from_text(cell_text(ec, col, v, t, sizeof t), b);
    }
    if (n < 0) return ora_set(err, ORA_INVALID_NUMBER, 0);
    ttc_put_bytes(out, b, (size_t)n);
    return 0;
}

static int put_date(buf *out, eng_cursor *ec, int col, const eng_cell *v, int with_frac,
                    ora_error *err)
{
    char t[64];
    odate d;
    if (odate_parse(cell_text(ec, col, v, t, sizeof t), &d) < 0) return ora_set(err, 1861, 0);
    uint8_t b[11];
    int n = odate_encode(&d, with_frac && d.nanos, b);
    ttc_put_bytes(out, b, (size_t)n);
    return 0;
}

/* A text or blob value's bytes; a number's as SQLite writes it. */
static const char *cell_bytes(eng_cursor *ec, int col, const eng_cell *v, int *len)
{
    if (v->kind == ENG_COL_TEXT || v->kind == ENG_COL_BLOB) {
        *len = v->len;
        return v->bytes;
    }
    return eng_value_text(ec, col, len);
}

/* CHAR(n) values are blank-padded to n bytes, as Oracle stores them. */
static int put_char(buf *out, eng_cursor *ec, int col, const eng_cell *v, uint32_t size)
{
    int len;
    const char *t = cell_bytes(ec, col, v, &len);
    if ((uint32_t)len >= size || len == 0) {
        ttc_put_bytes(out, t, (size_t)len);
        return 0;
    }
    char *padded = xmalloc(size);
    memcpy(padded, t, (size_t)len);
    memset(padded + len, ' ', size - (size_t)len);
    ttc_put_bytes(out, padded, size);
    free(padded);
    return 0;
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* RAW: bytes as stored, or hex text converted as Oracle's HEXTORAW does. */
static int put_raw(buf *out, eng_cursor *ec, int col, const eng_cell *v, ora_error *err)
{
    int len;
    const char *t = cell_bytes(ec, col, v, &len);
    if (v->kind == ENG_COL_BLOB) {
        ttc_put_bytes(out, t, (size_t)len);
        return 0;
    }
    if (len % 2) return ora_set(err, 1465, 0); /* invalid hex number */
    uint8_t *b = xmalloc((size_t)len / 2 + 1);
    for (int i = 0; i < len / 2; i++) {
        int hi = hex_digit(t[2 * i]), lo = hex_digit(t[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            free(b);
            return ora_set(err, 1465, 0);
        }
        b[i] = (uint8_t)(hi << 4 | lo);
    }
    ttc_put_bytes(out, b, (size_t)len / 2);
    free(b);
    return 0;
}

int wire_write_column(session *s, buf *out, eng_cursor *ec, int col, ora_error *err)
{
    eng_cell v;
    eng_value_cell(ec, col, &v);
    if (v.kind == ENG_COL_NULL) {
        ttc_put_u8(out, 0);
        return 0;
    }
    const eng_column *c = &eng_columns(ec)[col];
    switch (c->ora_type) {
    case T_NUMBER: return put_number(out, ec, col, &v, err);
    case T_DATE: return put_date(out, ec, col, &v, 0, err);
    case T_TIMESTAMP: return put_date(out, ec, col, &v, 1, err);
    case T_CHAR: return put_char(out, ec, col, &v, c->max_size);
    case T_RAW: return put_raw(out, ec, col, &v, err);
    default: {
        int len;
        const char *t = cell_bytes(ec, col, &v, &len);
        ttc_put_bytes(out, t, (size_t)len); /* '' is NULL in Oracle: len 0 writes NULL */
        return 0;
    }
    }
}
