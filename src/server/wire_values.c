/*
 * wire_values.c - bind values off the wire into engine values, and result
 * column values from the engine onto the wire.
 *
 * Dates travel inside SQLite as canonical text: "YYYY-MM-DD HH24:MI:SS" with
 * a fraction only when it is not zero (trailing zeros dropped), so equal
 * instants always compare equal as text.
 */
#include "wire_values.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/hex.h"
#include "../common/utf16.h"
#include "../common/lob_value.h"
#include "../common/ora_types.h"
#include "../engine/ora_functions.h"
#include "../engine/ora_nls.h"
#include "../net/datetime.h"
#include "../net/interval.h"
#include "../net/number.h"
#include "lobs.h"

#define BOOLEAN_NULL_ESCAPE 0xFD /* a NULL PL/SQL BOOLEAN bind: FD 01 */

/* Canonical storage text of a date/timestamp. */
static void date_text(const odate *d, buf *out)
{
    char t[64];
    int digits = d->nanos ? 9 : 0;
    for (uint32_t f = d->nanos; f && f % 10 == 0; f /= 10)
        digits--;
    int n = odate_format(d, digits, t, sizeof t);
    buf_reset(out);
    buf_put(out, t, (size_t)n);
}

/*
 * TIMESTAMP WITH LOCAL TIME ZONE travels as the instant in UTC; Warden keeps
 * such values in the session's time zone TZ ("" the server's).
 */
static void utc_to_session_time(odate *d, const char *tz)
{
    odate_add_seconds(d, ora_tz_offset(tz, odate_seconds(d)));
}

static void session_time_to_utc(odate *d, const char *tz)
{
    int minutes = d->has_tz ? d->tz_minutes : ora_tz_minutes_at(tz, d);
    odate_add_seconds(d, -(int64_t)minutes * 60);
    d->has_tz = d->tz_minutes = 0;
}

static const char *session_time_zone(session *s)
{
    return eng_fn_ctx(s->eng)->nls.time_zone;
}

/* Oracle's BINARY_DOUBLE / BINARY_FLOAT bytes: big-endian IEEE with the sign
 * bit flipped for positives and every bit flipped for negatives, so bytes
 * sort as numbers.  N is 8 for a double, 4 for a float. */
static double decode_binary_ieee(const uint8_t *p, size_t n)
{
    uint8_t b[8] = {0};
    size_t w = n >= 8 ? 8 : 4;
    memcpy(b, p, n < w ? n : w);
    if (b[0] & 0x80) b[0] &= 0x7F;
    else
        for (size_t i = 0; i < w; i++) b[i] = (uint8_t)~b[i];
    uint64_t bits = 0;
    for (size_t i = 0; i < w; i++) bits = bits << 8 | b[i];
    if (w == 4) {
        uint32_t f32 = (uint32_t)bits;
        float f;
        memcpy(&f, &f32, sizeof f);
        return f;
    }
    double d;
    memcpy(&d, &bits, sizeof d);
    return d;
}

static void encode_binary_double(double d, uint8_t b[8])
{
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    for (int i = 7; i >= 0; i--, bits >>= 8) b[i] = (uint8_t)bits;
    if (b[0] & 0x80)
        for (int i = 0; i < 8; i++) b[i] = (uint8_t)~b[i];
    else b[0] |= 0x80;
}

/* A BOOLEAN bind: FD 01 for NULL, else BYTES whose last byte is 1 for TRUE. */
static int read_boolean(ttc_reader *r, buf *raw)
{
    if (ttc_peek_u8(r) == BOOLEAN_NULL_ESCAPE) {
        ttc_u8(r), ttc_u8(r);
        buf_reset(raw);
        return 1;
    }
    return ttc_bytes(r, raw);
}

/* A REF CURSOR bind: 0 (no cursor yet), or 1 and the client's cursor id. */
static int read_cursor(ttc_reader *r, buf *text, eng_value *v)
{
    uint64_t id = ttc_ub(r) ? ttc_ub(r) : 0;
    buf_reset(text);
    buf_printf(text, "%llu", (unsigned long long)id);
    v->is_null = id == 0;
    v->kind = ENG_VAL_CURSOR;
    v->text = buf_cstr(text);
    v->len = text->len;
    return 0;
}

/* A LOB bind: the locator's length (0: NULL), then the locator. */
static int read_lob(ttc_reader *r, const bind_meta *m, buf *text, eng_value *v)
{
    uint64_t n = ttc_ub(r);
    buf_reset(text);
    if (n) ttc_bytes(r, text);
    v->is_null = text->len == 0;
    v->kind = v->is_null ? (m->ora_type == T_BLOB ? ENG_VAL_BLOB : ENG_VAL_TEXT) : ENG_VAL_LOB;
    v->text = (const char *)buf_cstr(text);
    v->len = text->len;
    return 0;
}

int wire_bind_kind(const bind_meta *m)
{
    switch (m->ora_type) {
    case T_NUMBER:
    case T_BINARY_INTEGER:
    case T_BINARY_DOUBLE:
    case T_BINARY_FLOAT:
        return ENG_VAL_NUMBER;
    case T_RAW:
    case T_LONG_RAW:
        return ENG_VAL_BLOB;
    case T_BOOLEAN:
        return ENG_VAL_BOOLEAN;
    case T_DATE:
    case T_TIMESTAMP:
    case T_TIMESTAMP_TZ:
    case T_TIMESTAMP_LTZ:
        return ENG_VAL_DATE;
    case T_INTERVAL_YM:
    case T_INTERVAL_DS:
        return ENG_VAL_INTERVAL;
    default:
        return ENG_VAL_TEXT;
    }
}

int wire_read_bind(ttc_reader *r, const bind_meta *m, const char *time_zone, buf *text,
                   eng_value *v)
{
    buf raw;
    memset(v, 0, sizeof *v);
    if (m->ora_type == T_CURSOR) return read_cursor(r, text, v);
    if (m->ora_type == T_CLOB || m->ora_type == T_BLOB) return read_lob(r, m, text, v);
    buf_init(&raw);
    v->is_null = (m->ora_type == T_BOOLEAN ? read_boolean(r, &raw) : ttc_bytes(r, &raw)) ||
                 raw.len == 0;
    int rc = 0;
    buf_reset(text);
    if (!v->is_null) {
        switch (m->ora_type) {
        case T_VARCHAR:
        case T_CHAR:
        case T_LONG: /* in the national character set (NCHAR binds): UTF-16 */
            if (m->csfrm == CSFRM_NCHAR) rc = utf16be_to_utf8(raw.data, raw.len, text);
            else buf_put(text, raw.data, raw.len);
            v->kind = ENG_VAL_TEXT;
            break;
        case T_BOOLEAN:
            buf_putc(text, raw.data[raw.len - 1] == 1 ? '1' : '0');
            v->kind = ENG_VAL_BOOLEAN;
            break;
        case T_NUMBER:
        case T_BINARY_INTEGER: {
            char t[ONUM_TEXT_MAX];
            int n = onum_to_text(raw.data, raw.len, t, sizeof t);
            if (n < 0) rc = -1;
            else buf_put(text, t, (size_t)n);
            v->kind = ENG_VAL_NUMBER;
            break;
        }
        case T_RAW:
        case T_LONG_RAW:
            buf_put(text, raw.data, raw.len);
            v->kind = ENG_VAL_BLOB;
            break;
        case T_BINARY_DOUBLE:
        case T_BINARY_FLOAT: {
            char t[40];
            int n = snprintf(t, sizeof t, "%.17g", decode_binary_ieee(raw.data, raw.len));
            buf_put(text, t, (size_t)n);
            v->kind = ENG_VAL_NUMBER;
            break;
        }
        case T_DATE:
        case T_TIMESTAMP:
        case T_TIMESTAMP_TZ:
        case T_TIMESTAMP_LTZ: {
            odate d;
            if (odate_decode(raw.data, raw.len, &d) < 0) {
                rc = -1;
                break;
            }
            if (m->ora_type == T_TIMESTAMP_LTZ) utc_to_session_time(&d, time_zone);
            date_text(&d, text);
            v->kind = ENG_VAL_DATE;
            break;
        }
        case T_INTERVAL_YM:
        case T_INTERVAL_DS: {
            ointerval iv;
            char t[OINTERVAL_TEXT_MAX];
            if (ointerval_decode(raw.data, raw.len, &iv) < 0) rc = -1;
            else buf_put(text, t, (size_t)ointerval_format(&iv, 9, 9, t, sizeof t));
            v->kind = ENG_VAL_INTERVAL;
            break;
        }
        default:
            rc = -1;
        }
    } else { /* a NULL keeps the kind its type gives values (PL/SQL checks binds by it) */
        v->kind = wire_bind_kind(m);
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

/* NUMBER bytes B (N of them, or N < 0: the value was no number, or one beyond NUMBER's range:
 * ORA-01426 numeric overflow when OVERFLOW, else ORA-01722). */
static int put_number_bytes(buf *out, const uint8_t *b, int n, int overflow, ora_error *err)
{
    if (n < 0) return ora_set(err, overflow ? 1426 : ORA_INVALID_NUMBER, 0);
    ttc_put_bytes(out, b, (size_t)n);
    return 0;
}

/* Is T a number, one NUMBER cannot hold (|x| >= 1e126, infinite)? */
static int beyond_range(const char *t)
{
    char *end;
    strtod(t, &end);
    while (*end == ' ') end++;
    return end != t && !*end;
}

/* A decimal text as NUMBER (a column value, a PL/SQL OUT value). */
static int put_number_text(buf *out, const char *t, ora_error *err)
{
    uint8_t b[ONUM_MAX_BYTES];
    int n = onum_from_text(t, b);
    return put_number_bytes(out, b, n, n < 0 && beyond_range(t), err);
}

static int put_number(buf *out, eng_cursor *ec, int col, const eng_cell *v, ora_error *err)
{
    uint8_t b[ONUM_MAX_BYTES];
    char t[ONUM_TEXT_MAX];
    switch (v->kind) {
    case ENG_COL_INT: return put_number_bytes(out, b, onum_from_int64(v->i, b), 0, err);
    case ENG_COL_REAL: return put_number_bytes(out, b, onum_from_double(v->d, b), 1, err);
    default: return put_number_text(out, cell_text(ec, col, v, t, sizeof t), err);
    }
}

/* Storage text T as a value of TYPE: DATE, TIMESTAMP (7 bytes when the fraction is 0),
 * TIMESTAMP WITH TIME ZONE (the instant in UTC and the offset), TIMESTAMP WITH LOCAL TIME
 * ZONE (the instant in UTC, T in the session's time zone TZ). */
static int put_date_text(buf *out, const char *t, int type, const char *tz, ora_error *err)
{
    odate d;
    if (odate_parse(t, &d) < 0) return ora_set(err, 1861, 0);
    if (type == T_TIMESTAMP_LTZ) session_time_to_utc(&d, tz);
    uint8_t b[13];
    int n = type == T_TIMESTAMP_TZ ? odate_encode_tz(&d, b)
                                   : odate_encode(&d, type != T_DATE && d.nanos, b);
    if (n < 0) return ora_set(err, 1841, 0);
    ttc_put_bytes(out, b, (size_t)n);
    return 0;
}

/* Storage text T of an interval (YEAR TO MONTH or DAY TO SECOND) in its wire form. */
static int put_interval_text(buf *out, const char *t, ora_error *err)
{
    ointerval iv;
    uint8_t b[OINTERVAL_DS_LEN];
    int n = ointerval_parse(t, &iv) < 0 ? -1 : ointerval_encode(&iv, b);
    if (n < 0) return ora_set(err, 1867, 0);
    ttc_put_bytes(out, b, (size_t)n);
    return 0;
}

/* Column COL's value as TYPE: a datetime (TZ: the session's time zone) or an interval. */
static int put_temporal(buf *out, eng_cursor *ec, int col, const eng_cell *v, int type,
                        const char *tz, ora_error *err)
{
    char t[64];
    const char *text = cell_text(ec, col, v, t, sizeof t);
    if (type == T_INTERVAL_YM || type == T_INTERVAL_DS) return put_interval_text(out, text, err);
    return put_date_text(out, text, type, tz, err);
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

/* Hex text T (LEN characters) as RAW bytes, converted as Oracle's HEXTORAW does. */
static int put_hex_as_raw(buf *out, const char *t, int len, ora_error *err)
{
    uint8_t *b = xmalloc((size_t)len / 2 + 1);
    long n = hex_decode(t, (size_t)len, b);
    if (n >= 0) ttc_put_bytes(out, b, (size_t)n);
    free(b);
    return n < 0 ? ora_set(err, 1465, 0) : 0; /* invalid hex number */
}

/*
 * RAW and LONG RAW: bytes as stored, or text converted as Oracle converts
 * text to RAW (HEXTORAW: a string put into a RAW or BLOB column).
 */
static int put_raw(buf *out, eng_cursor *ec, int col, const eng_cell *v, ora_error *err)
{
    int len;
    const char *t = cell_bytes(ec, col, v, &len);
    if (v->kind != ENG_COL_BLOB) return put_hex_as_raw(out, t, len, err);
    ttc_put_bytes(out, t, (size_t)len);
    return 0;
}

/* Character columns: text as stored; bytes converted as Oracle converts RAW to text (RAWTOHEX). */
static void put_text(buf *out, eng_cursor *ec, int col, const eng_cell *v)
{
    if (v->kind == ENG_COL_BLOB) {
        buf hex;
        buf_init(&hex);
        hex_put(&hex, v->bytes, (size_t)v->len);
        ttc_put_bytes(out, hex.data, hex.len);
        buf_free(&hex);
        return;
    }
    int len;
    const char *t = cell_bytes(ec, col, v, &len);
    ttc_put_bytes(out, t, (size_t)len); /* '' is NULL in Oracle: len 0 writes NULL */
}

/* A LONG or LONG RAW value (NULL too) ends with an indicator and a return code. */
static void put_long_trailer(buf *out, int is_null)
{
    ttc_put_sb(out, is_null ? -1 : 0);
    ttc_put_ub(out, 0);
}

/* A LOB value as the client reads it: the locator's length, with PREFETCH the value's length
 * in its units (LENGTH) and the chunk size, the locator. */
void wire_put_lob(buf *out, session *s, const lob_entry *e, int prefetch, uint64_t length)
{
    uint8_t loc[LOB_LOCATOR_LEN];
    lobs_locator(s, e, loc);
    ttc_put_ub(out, LOB_LOCATOR_LEN);
    if (prefetch) {
        ttc_put_ub(out, length);
        ttc_put_ub(out, LOB_CHUNK_SIZE);
    }
    ttc_put_bytes(out, loc, sizeof loc);
}

/* A LOB column as a locator: of the row a SELECT ... FOR UPDATE locked (writable), else a
 * read-only copy of the value the query read (see lobs.h). */
static int put_lob(session *s, buf *out, eng_cursor *ec, int col, uint8_t type, int prefetch,
                   ora_error *err)
{
    buf v;
    buf_init(&v);
    int is_null, blob = type == T_BLOB;
    int rc = lobs_cell_value(blob, ec, col, &v, &is_null, err);
    if (rc == 0) {
        const sql_object_name *table = NULL;
        int64_t rowid;
        const char *column = eng_column_row(ec, col, &table, &rowid);
        const char *schema = table && table->schema ? table->schema : eng_fn_ctx(s->eng)->schema;
        uint8_t loc[LOB_LOCATOR_LEN];
        lob_entry *e = column ? lobs_new_persistent(s, type, schema, table->name, column, rowid, loc)
                              : lobs_new_value(s, LOB_COPY, type, v.data, v.len, loc);
        wire_put_lob(out, s, e, prefetch, lob_length(blob, (char *)v.data, v.len));
    }
    buf_free(&v);
    return rc;
}

/* A table's ROWID column: the row's number as Oracle's ROWID parts (data object number,
 * file 1, block = number / 65536, row = number % 65536), after a length byte (not NULL). */
static int put_rowid(buf *out, eng_cursor *ec, int col, const eng_cell *v, ora_error *err)
{
    int64_t n = v->kind == ENG_COL_INT ? v->i : (int64_t)v->d;
    if (v->kind != ENG_COL_INT && v->kind != ENG_COL_REAL) return ora_set(err, 1410, 0);
    ttc_rowid r = {eng_rowid_object(ec, col), 1, (uint32_t)((uint64_t)n >> 16), (uint16_t)n};
    ttc_put_u8(out, 1);
    ttc_put_rowid(out, &r);
    return 0;
}

static int put_value(session *s, buf *out, eng_cursor *ec, int col, const eng_column *c,
                     uint8_t type, int prefetch, const eng_cell *v, ora_error *err)
{
    switch (type) {
    case T_CLOB:
    case T_BLOB: return put_lob(s, out, ec, col, type, prefetch, err);
    case T_NUMBER: return put_number(out, ec, col, v, err);
    case T_DATE:
    case T_TIMESTAMP:
    case T_TIMESTAMP_TZ:
    case T_TIMESTAMP_LTZ:
    case T_INTERVAL_YM:
    case T_INTERVAL_DS: return put_temporal(out, ec, col, v, type, session_time_zone(s), err);
    case T_CHAR: return put_char(out, ec, col, v, c->max_size);
    case T_ROWID: return put_rowid(out, ec, col, v, err);
    case T_RAW:
    case T_LONG_RAW: return put_raw(out, ec, col, v, err);
    default: put_text(out, ec, col, v); return 0;
    }
}

int wire_write_column(session *s, buf *out, eng_cursor *ec, int col, const bind_meta *def,
                      ora_error *err)
{
    eng_cell v;
    eng_value_cell(ec, col, &v);
    const eng_column *c = &eng_columns(ec)[col];
    uint8_t type = def ? def->ora_type : c->ora_type;
    int is_null = v.kind == ENG_COL_NULL;
    if (type == T_LONG_RAW && c->ora_type == T_CLOB) type = T_LONG; /* text stays text */
    if (type == T_LONG && c->ora_type == T_BLOB) type = T_LONG_RAW;
    if (is_null) ttc_put_u8(out, 0);
    else if (put_value(s, out, ec, col, c, type, def && def->lob_prefetch, &v, err) < 0) return -1;
    if (type == T_LONG || type == T_LONG_RAW) put_long_trailer(out, is_null);
    return 0;
}

/* ---- PL/SQL OUT binds ---- */

static int out_binary_double(buf *out, const char *t)
{
    uint8_t b[8];
    encode_binary_double(strtod(t, NULL), b);
    ttc_put_bytes(out, b, sizeof b);
    return 0;
}

/* RAW bytes (hex text T) longer than the client's buffer are Oracle's ORA-06502. */
static int out_raw(buf *out, const bind_meta *m, const char *t, ora_error *err)
{
    size_t n = strlen(t);
    if (m->max_size && (n + 1) / 2 > m->max_size)
        return ora_set(err, 6502, 0, ": raw variable length too long");
    if (put_hex_as_raw(out, t, (int)n, err) == 0) return 0;
    /* PL/SQL's conversion of text that is no hex, as Oracle words it for a RAW bind */
    return ora_set(err, 6502, 0, ": hex to raw conversion error");
}

/* A character value longer than the client's buffer is Oracle's ORA-06502. */
static int out_text(buf *out, const bind_meta *m, const char *t, ora_error *err)
{
    size_t n = strlen(t);
    if (m->csfrm == CSFRM_NCHAR) { /* an NCHAR bind's value goes back as UTF-16 */
        buf u;
        buf_init(&u);
        int rc = utf8_to_utf16be(t, n, &u) < 0 ? ora_set(err, ORA_UNSUPPORTED_NET, 0)
                 : m->max_size && u.len > m->max_size
                     ? ora_set(err, 6502, 0, ": character string buffer too small")
                     : 0;
        if (rc == 0) ttc_put_bytes(out, u.data, u.len);
        buf_free(&u);
        return rc;
    }
    if (m->max_size && n > m->max_size)
        return ora_set(err, 6502, 0, ": character string buffer too small");
    ttc_put_bytes(out, t, n);
    return 0;
}

/* V for a character bind: a date or timestamp converted in the session's NLS format, as
 * Oracle converts one to text. */
static int out_char_value(session *s, buf *out, const bind_meta *m, const plsql_value *v,
                          ora_error *err)
{
    if (v->kind != PLSQL_DATE) return out_text(out, m, v->text, err);
    buf t;
    buf_init(&t);
    eng_datetime_text(s->eng, v->text, &t);
    int rc = out_text(out, m, buf_cstr(&t), err);
    buf_free(&t);
    return rc;
}

/* The bytes of a LOB OUT value V into OUT: a BLOB's from its hex digits, a CLOB's text. */
static int lob_bytes(int is_blob, const plsql_value *v, buf *out, ora_error *err)
{
    size_t n = strlen(v->text);
    buf_reset(out);
    if (!is_blob) {
        buf_put(out, v->text, n);
        return 0;
    }
    buf_reserve(out, n / 2 + 1);
    long len = hex_decode(v->text, n, out->data);
    if (len < 0) return ora_set(err, 1465, 0); /* invalid hex number */
    out->len = (size_t)len;
    return 0;
}

/* A LOB OUT value V: a locator of COLUMN of row ROWID of TABLE, or with TABLE NULL a temporary
 * LOB holding V (the client frees it). */
static int out_lob(session *s, buf *out, const bind_meta *m, const plsql_value *v,
                   const sql_object_name *table, const char *schema, const char *column,
                   int64_t rowid, ora_error *err)
{
    buf b;
    buf_init(&b);
    int is_blob = m->ora_type == T_BLOB;
    int rc = lob_bytes(is_blob, v, &b, err);
    if (rc == 0) {
        uint8_t loc[LOB_LOCATOR_LEN];
        lob_entry *e = table ? lobs_new_persistent(s, m->ora_type, table->schema ? table->schema
                                                                                 : schema,
                                                   table->name, column, rowid, loc)
                             : lobs_new_value(s, LOB_TEMP, m->ora_type, b.data, b.len, loc);
        e->nchar = !table && !is_blob && m->csfrm == CSFRM_NCHAR; /* NCLOB OUT bind: UTF-16 */
        wire_put_lob(out, s, e, m->lob_prefetch, lob_length(is_blob, (char *)b.data, b.len));
    }
    buf_free(&b);
    return rc;
}

int wire_write_row_lob(session *s, buf *out, const bind_meta *m, const plsql_value *v,
                       const sql_object_name *table, const char *schema, const char *column,
                       int64_t rowid, ora_error *err)
{
    if (out_lob(s, out, m, v, table, schema, column, rowid, err) < 0) return -1;
    ttc_put_sb(out, 0); /* actual length */
    return 0;
}

static int out_value(session *s, buf *out, const bind_meta *m, const plsql_value *v,
                     ora_error *err)
{
    if (v->kind == PLSQL_NULL || !v->text) {
        ttc_put_u8(out, 0);
        return 0;
    }
    switch (m->ora_type) {
    case T_CLOB:
    case T_BLOB: return out_lob(s, out, m, v, NULL, NULL, NULL, 0, err);
    case T_NUMBER:
    case T_BINARY_INTEGER: return put_number_text(out, v->text, err);
    case T_BINARY_DOUBLE: return out_binary_double(out, v->text);
    case T_DATE:
    case T_TIMESTAMP:
    case T_TIMESTAMP_LTZ:
    case T_TIMESTAMP_TZ:
        return put_date_text(out, v->text, m->ora_type, session_time_zone(s), err);
    case T_INTERVAL_YM:
    case T_INTERVAL_DS: return put_interval_text(out, v->text, err);
    case T_RAW:
    case T_LONG_RAW: return out_raw(out, m, v->text, err);
    case T_BOOLEAN: {
        uint8_t b = v->text[0] == '1';
        ttc_put_bytes(out, &b, 1);
        return 0;
    }
    case T_VARCHAR:
    case T_CHAR:
    case T_LONG: return out_char_value(s, out, m, v, err);
    default: return ora_set(err, ORA_UNSUPPORTED_NET, 0);
    }
}

int wire_write_out_bind(session *s, buf *out, const bind_meta *m, const plsql_value *v,
                        ora_error *err)
{
    if (out_value(s, out, m, v, err) < 0) return -1;
    ttc_put_sb(out, 0); /* actual length: 0, the value fitted */
    return 0;
}

int wire_write_returned(session *s, buf *out, const bind_meta *m, const plsql_value *v,
                        ora_error *err)
{
    int character = m->ora_type == T_VARCHAR || m->ora_type == T_CHAR || m->ora_type == T_LONG;
    size_t n = v->kind != PLSQL_NULL && v->text ? strlen(v->text) : 0;
    if (!character || !m->max_size || n <= m->max_size)
        return wire_write_out_bind(s, out, m, v, err);
    ttc_put_bytes(out, v->text, m->max_size); /* what fits, and how long the value is */
    ttc_put_sb(out, (int64_t)n);
    return 0;
}
