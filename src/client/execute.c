/*
 * execute.c - libwarden calls: execute with binds, fetch, commit, rollback,
 * ping and break, and decoding of result rows into text.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../common/hex.h"
#include "../net/datetime.h"
#include "../net/interval.h"
#include "../net/number.h"
#include "../net/ttc_rows.h"
#include "client_internal.h"

#define DEFAULT_ARRAYSIZE 100 /* rows a round trip brings, as node-oracledb's fetchArraySize */
#define MAX_ARRAYSIZE 100000

enum wdn_stmt_kind wdn_classify(const char *sql)
{
    while (*sql) { /* skip blanks and comments before the first keyword */
        if (isspace((unsigned char)*sql)) sql++;
        else if (sql[0] == '-' && sql[1] == '-') sql += strcspn(sql, "\n");
        else if (sql[0] == '/' && sql[1] == '*') {
            const char *e = strstr(sql + 2, "*/");
            sql = e ? e + 2 : sql + strlen(sql);
        } else if (*sql == '(') sql++;
        else break;
    }
    static const struct {
        const char *word;
        enum wdn_stmt_kind kind;
    } words[] = {
        {"SELECT", WDN_STMT_QUERY}, {"WITH", WDN_STMT_QUERY},     {"INSERT", WDN_STMT_DML},
        {"UPDATE", WDN_STMT_DML},   {"DELETE", WDN_STMT_DML},     {"MERGE", WDN_STMT_DML},
        {"BEGIN", WDN_STMT_PLSQL},  {"DECLARE", WDN_STMT_PLSQL},  {"CALL", WDN_STMT_PLSQL},
        {"CREATE", WDN_STMT_DDL},   {"ALTER", WDN_STMT_DDL},      {"DROP", WDN_STMT_DDL},
        {"TRUNCATE", WDN_STMT_DDL}, {"GRANT", WDN_STMT_DDL},      {"REVOKE", WDN_STMT_DDL},
        {"COMMENT", WDN_STMT_DDL},  {"ANALYZE", WDN_STMT_DDL},    {"AUDIT", WDN_STMT_DDL},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        size_t n = strlen(words[i].word);
        if (!strncasecmp(sql, words[i].word, n) && !isalnum((unsigned char)sql[n]) && sql[n] != '_')
            return words[i].kind;
    }
    return WDN_STMT_OTHER;
}

static int not_connected(wdn_conn *c)
{
    if (c->connected) return 0;
    ora_set(&c->err, c->killed ? ORA_NOT_LOGGED_ON : ORA_NOT_CONNECTED, 0);
    return 1;
}

/* Bind or define metadata: TYPE of at most SIZE bytes. */
static void put_metadata(buf *b, uint8_t type, uint32_t size)
{
    ttc_put_u8(b, type);
    ttc_put_u8(b, 0x03); /* indicators */
    ttc_put_u8(b, 0);
    ttc_put_u8(b, 0);
    ttc_put_ub(b, size);
    ttc_put_ub(b, 0);
    ttc_put_ub(b, 0);
    ttc_put_ub(b, 0); /* OID */
    ttc_put_ub(b, 0); /* version */
    ttc_put_ub(b, type == WDN_NUMBER ? 0 : 873);
    ttc_put_u8(b, type == WDN_NUMBER ? 0 : 1);
    ttc_put_ub(b, 0);
    ttc_put_ub(b, 0);
}

static void put_bind_metadata(buf *b, const wdn_bind *bind, uint8_t type)
{
    size_t len = bind->text ? strlen(bind->text) : 0;
    if ((size_t)bind->max_size > len) len = (size_t)bind->max_size;
    put_metadata(b, type, type == WDN_NUMBER ? 22 : (len ? (uint32_t)len : 1));
}

static int put_bind_value(wdn_conn *c, buf *b, const wdn_bind *bind, uint8_t type)
{
    if (!bind->text) {
        ttc_put_u8(b, 0);
        return 0;
    }
    if (type == WDN_NUMBER) {
        uint8_t n[ONUM_MAX_BYTES];
        int len = onum_from_text(bind->text, n);
        if (len < 0) return ora_set(&c->err, ORA_INVALID_NUMBER, 0);
        ttc_put_bytes(b, n, (size_t)len);
    } else {
        ttc_put_str(b, bind->text);
    }
    return 0;
}

static int arraysize(const wdn_conn *c) { return c->arraysize ? c->arraysize : DEFAULT_ARRAYSIZE; }

void wdn_set_arraysize(wdn_conn *c, int rows)
{
    c->arraysize = rows < 1 ? DEFAULT_ARRAYSIZE : rows > MAX_ARRAYSIZE ? MAX_ARRAYSIZE : rows;
}

/*
 * The EXECUTE call for SQL of KIND: with CURSOR_ID 0 the server parses SQL
 * into a new cursor; otherwise it runs that already parsed cursor again and
 * no SQL text is sent.
 */
static int build_execute(wdn_conn *c, buf *b, const char *sql, enum wdn_stmt_kind kind,
                         uint16_t cursor_id, const wdn_bind *binds, int nbinds)
{
    int query = kind == WDN_STMT_QUERY;
    uint32_t options = TTC_EXEC_EXECUTE;
    if (!cursor_id) options |= TTC_EXEC_PARSE;
    if (kind != WDN_STMT_PLSQL) options |= TTC_EXEC_NOT_PLSQL;
    if (query) options |= TTC_EXEC_FETCH;
    if (nbinds) options |= TTC_EXEC_BIND;
    size_t sql_len = cursor_id ? 0 : strlen(sql);
    client_put_function(c, b, TTC_FN_EXECUTE);
    ttc_put_execute_header(b, options, cursor_id, sql_len, query ? (uint64_t)arraysize(c) : 1,
                           (uint64_t)nbinds, 0);
    if (sql_len) ttc_put_bytes(b, sql, sql_len);
    ttc_put_al8i4(b, !cursor_id, query ? 0 : 1, query);
    for (int i = 0; i < nbinds; i++)
        put_bind_metadata(b, &binds[i], binds[i].type == WDN_NUMBER ? WDN_NUMBER : WDN_VARCHAR);
    if (nbinds) {
        ttc_put_u8(b, TTC_MSG_ROW_DATA);
        for (int i = 0; i < nbinds; i++)
            if (put_bind_value(c, b, &binds[i], binds[i].type == WDN_NUMBER ? WDN_NUMBER : WDN_VARCHAR) < 0)
                return -1;
    }
    return 0;
}

/* The type a column's values come in: LOBs are defined as LONG / LONG RAW (define_lobs). */
static int wire_type(const wdn_column *col)
{
    return col->type == WDN_CLOB ? WDN_LONG : col->type == WDN_BLOB ? WDN_LONG_RAW : col->type;
}

/* Append the text form of one wire value (see warden.h), NUL-terminated, to OUT. */
static void put_value_text(buf *out, const wdn_column *col, const buf *v)
{
    char t[ONUM_TEXT_MAX];
    int n = -1;
    if (col->type == WDN_NUMBER) {
        n = onum_to_text(v->data, v->len, t, sizeof t);
    } else if (col->type == WDN_DATE || col->type == WDN_TIMESTAMP ||
               col->type == WDN_TIMESTAMP_TZ || col->type == WDN_TIMESTAMP_LTZ) {
        odate d;
        int digits = col->type == WDN_DATE ? 0 : col->scale > 0 ? col->scale : 6;
        if (odate_decode(v->data, v->len, &d) == 0)
            n = odate_format(&d, digits > 9 ? 9 : digits, t, sizeof t);
    } else if (col->type == WDN_INTERVAL_YM || col->type == WDN_INTERVAL_DS) {
        ointerval iv;
        if (ointerval_decode(v->data, v->len, &iv) == 0)
            n = ointerval_format(&iv, col->precision > 0 ? col->precision : 2,
                                 col->scale >= 0 && col->scale <= 9 ? col->scale : 6, t, sizeof t);
    } else if (col->type == WDN_RAW || wire_type(col) == WDN_LONG_RAW) {
        hex_put(out, v->data, v->len); /* upper-case hex, as in SQL*Plus */
        buf_putc(out, 0);
        return;
    } else {
        buf_put(out, v->data, v->len);
        buf_putc(out, 0);
        return;
    }
    buf_put(out, n < 0 ? "?" : t, n < 0 ? 2 : (size_t)n + 1);
}

static void free_rows(wdn_cursor *cur)
{
    buf_reset(&cur->text);
    cur->nrows = 0;
    cur->pos = -1;
}

/* LONG and LONG RAW values, and values of columns over 32767 bytes, have a trailer. */
static int is_long_column(const wdn_column *col)
{
    return wire_type(col) == WDN_LONG || wire_type(col) == WDN_LONG_RAW || col->size > 32767;
}

#define CURSOR_VALUE_WIDEST "CURSOR STATEMENT : 1000" /* the text read_cursor_value gives */

/* A cursor expression's value: the nested cursor's describe and id (it stays on the server
 * until the query is closed or runs again).  Shown as SQL*Plus heads it, by column number;
 * its rows are not fetched.  1 when it is NULL. */
static int read_cursor_value(ttc_reader *r, int column, buf *out)
{
    if (ttc_peek_u8(r) == 0) {
        ttc_u8(r);
        return 1;
    }
    int n;
    free(ttc_read_describe(r, &n)); /* its first byte is the value's own */
    ttc_ub(r);                      /* the nested cursor's id */
    buf_printf(out, "CURSOR STATEMENT : %d", column);
    buf_putc(out, 0);
    return 0;
}

/* A ROWID column's value: a length byte, then the ROWID's parts; its text (NUL-terminated)
 * into TEXT.  1 when it is NULL. */
static int read_rowid_value(ttc_reader *r, buf *text)
{
    uint8_t len = ttc_u8(r);
    if (len == 0 || len == 0xFF) return 1;
    ttc_rowid rid;
    char t[19];
    ttc_read_rowid(r, &rid);
    ttc_rowid_text(&rid, t);
    buf_put(text, t, sizeof t);
    return 0;
}

static void read_row(ttc_reader *r, wdn_cursor *cur, buf *v)
{
    size_t width = (size_t)(cur->ncols ? cur->ncols : 1), need = ((size_t)cur->nrows + 1) * width;
    if (need > cur->offs_cap) {
        cur->offs_cap = need < 16 * width ? 16 * width : need < 2 * cur->offs_cap ? 2 * cur->offs_cap : need;
        cur->offs = xrealloc(cur->offs, sizeof *cur->offs * cur->offs_cap);
    }
    size_t *offs = cur->offs + (size_t)cur->nrows++ * (size_t)cur->ncols;
    int repeats = cur->has_repeats;
    cur->has_repeats = 0;
    if (repeats && cur->nrows == 1) { /* nothing before it in this response to repeat */
        ttc_malformed(r);
        return;
    }
    for (int i = 0; i < cur->ncols; i++) {
        if (repeats && !ttc_bit_sent(cur->repeats, i)) {
            offs[i] = offs[i - cur->ncols]; /* the same text as the row before */
            continue;
        }
        int type = cur->cols[i].type;
        if (type == WDN_ROWID || type == T_CURSOR) {
            size_t at = cur->text.len;
            int is_null = type == WDN_ROWID ? read_rowid_value(r, &cur->text)
                                            : read_cursor_value(r, i + 1, &cur->text);
            offs[i] = is_null ? CLIENT_NULL : at;
            continue;
        }
        int is_null = ttc_bytes(r, v) || v->len == 0;
        offs[i] = is_null ? CLIENT_NULL : cur->text.len;
        if (!is_null) put_value_text(&cur->text, &cur->cols[i], v);
        if (is_long_column(&cur->cols[i])) ttc_sb(r), ttc_ub(r); /* indicator, return code */
    }
}

/* BIT_VECTOR: which columns the next row carries; the others repeat the row before. */
static void read_bit_vector(ttc_reader *r, wdn_cursor *cur)
{
    size_t n = ttc_bit_vector_len(cur->ncols);
    ttc_ub(r); /* how many it carries */
    cur->repeats = xrealloc(cur->repeats, n ? n : 1);
    ttc_raw(r, cur->repeats, n);
    cur->has_repeats = 1;
}

/* A copy of the N columns COLS (at least one element, so never NULL). */
static wdn_column *copy_columns(const wdn_column *cols, int n)
{
    wdn_column *copy = xcalloc((size_t)(n ? n : 1), sizeof *copy);
    if (n) memcpy(copy, cols, sizeof *copy * (size_t)n);
    return copy;
}

/* Make COLS (N of them, owned now) the cursor's columns. */
static void use_columns(wdn_cursor *cur, wdn_column *cols, int n)
{
    free(cur->cols);
    cur->nrows = 0; /* rows follow their describe: none are buffered yet */
    cur->ncols = n;
    cur->cols = cols;
}

static void set_columns(wdn_cursor *cur, const ttc_column *tc, int n)
{
    use_columns(cur, xcalloc((size_t)(n ? n : 1), sizeof *cur->cols), n);
    cur->described = 1;
    for (int i = 0; i < n; i++) {
        memcpy(cur->cols[i].name, tc[i].name, sizeof cur->cols[i].name);
        cur->cols[i].type = tc[i].ora_type;
        cur->cols[i].size = (int)tc[i].max_size;
        if (tc[i].ora_type == T_CURSOR) cur->cols[i].size = (int)sizeof CURSOR_VALUE_WIDEST - 1;
        cur->cols[i].precision = tc[i].precision;
        cur->cols[i].scale = tc[i].scale;
        cur->cols[i].nullable = tc[i].nullable;
    }
}

/* IO_VECTOR: the direction of each of a PL/SQL block's binds (16 OUT, 32 IN, 48 IN OUT). */
static void read_io_vector(ttc_reader *r, wdn_cursor *cur)
{
    ttc_u8(r); /* flag */
    uint64_t n = ttc_ub(r);
    n += ttc_ub(r) * 256; /* the high part */
    for (int i = 0; i < 4; i++) ttc_ub(r); /* iterations, uac buffer, bit vector, rowid */
    if (n != (uint64_t)cur->nbinds) {
        ttc_malformed(r);
        return;
    }
    free(cur->dirs);
    cur->dirs = xcalloc((size_t)n + 1, 1);
    for (uint64_t i = 0; i < n && !ttc_failed(r); i++) cur->dirs[i] = ttc_u8(r);
}

/* The OUT values of a PL/SQL block's binds, each with its actual length after it. */
static void read_out_binds(ttc_reader *r, wdn_cursor *cur, buf *v)
{
    for (int i = 0; i < cur->nbinds && !ttc_failed(r); i++) {
        if (cur->dirs[i] == BIND_DIR_IN) continue;
        int is_null = ttc_bytes(r, v) || v->len == 0;
        ttc_sb(r); /* actual length */
        free(cur->outs[i]);
        cur->outs[i] = NULL;
        if (is_null) continue;
        wdn_column col = {.type = cur->binds[i].type == WDN_NUMBER ? WDN_NUMBER : WDN_VARCHAR};
        buf text;
        buf_init(&text);
        put_value_text(&text, &col, v);
        cur->outs[i] = xstrdup(buf_cstr(&text));
        buf_free(&text);
    }
}

static void read_parameter(ttc_reader *r, client_pair_fn on_pair, void *arg, buf *k, buf *v)
{
    uint64_t n = ttc_ub(r);
    for (uint64_t i = 0; i < n && !ttc_failed(r); i++) {
        uint32_t flags;
        ttc_kv(r, k, v, &flags);
        if (on_pair) on_pair(arg, (const char *)k->data, (const char *)v->data);
    }
}

int client_read_response(wdn_conn *c, wdn_cursor *cur, uint64_t *rows, client_pair_fn on_pair,
                         void *arg)
{
    ttc_reader r;
    c->warning = 0;
    if (client_begin_response(c, &r) < 0) return -1;
    buf k, v;
    buf_init(&k);
    buf_init(&v);
    int rc = -1;
    for (;;) {
        uint8_t t = ttc_u8(&r);
        if (ttc_failed(&r)) {
            client_lost(c, ORA_EOF_ON_CHANNEL);
            break;
        }
        if (t == TTC_MSG_DESCRIBE_INFO) {
            int n;
            ttc_column *tc = ttc_read_describe(&r, &n);
            if (cur) set_columns(cur, tc, n);
            free(tc);
        } else if (t == TTC_MSG_PARAMETER) {
            read_parameter(&r, on_pair, arg, &k, &v);
        } else if (t == TTC_MSG_ROW_HEADER) {
            ttc_read_row_header(&r);
        } else if (t == TTC_MSG_IO_VECTOR && cur && cur->outs) {
            read_io_vector(&r, cur);
        } else if (t == TTC_MSG_ROW_DATA && cur && cur->outs && cur->dirs) {
            read_out_binds(&r, cur, &v);
        } else if (t == TTC_MSG_BIT_VECTOR && cur) {
            read_bit_vector(&r, cur);
        } else if (t == TTC_MSG_ROW_DATA && cur) {
            read_row(&r, cur, &v);
        } else if (t == TTC_MSG_ERROR) {
            ttc_end e;
            ttc_read_error(&r, &e);
            if (cur && e.cursor_id) cur->cursor_id = e.cursor_id;
            if (rows) *rows = e.row_count;
            if (e.error_code == ORA_NO_DATA_FOUND && cur && cur->query) {
                cur->exhausted = 1;
                c->call_status = e.call_status;
                rc = 0;
            } else {
                rc = client_take_end(c, &e);
            }
            break;
        } else if (t == TTC_MSG_STATUS) {
            c->call_status = (uint32_t)ttc_ub(&r);
            ttc_ub(&r);
            rc = 0;
            break;
        } else {
            ora_set(&c->err, ORA_UNSUPPORTED_NET, 0);
            client_lost(c, ORA_EOF_ON_CHANNEL);
            break;
        }
    }
    buf_free(&k);
    buf_free(&v);
    return rc;
}

/* A new cursor CUR takes C's spare row buffers. */
static void cursor_take_spare(wdn_cursor *cur, wdn_conn *c)
{
    cur->text = c->spare_text;
    buf_reset(&cur->text);
    cur->offs = c->spare_offs, cur->offs_cap = c->spare_offs_cap;
    buf_init(&c->spare_text);
    c->spare_offs = NULL, c->spare_offs_cap = 0;
}

#define SPARE_MAX (8u << 20) /* bytes of row buffers a connection keeps for its next cursor */

/* A closing cursor leaves its row buffers to C when they are larger than C's spare ones
 * (and not beyond SPARE_MAX). */
static void cursor_leave_spare(wdn_cursor *cur, wdn_conn *c)
{
    if (cur->text.cap > SPARE_MAX || cur->offs_cap * sizeof *cur->offs > SPARE_MAX) return;
    if (cur->text.cap > c->spare_text.cap) {
        buf tmp = c->spare_text;
        c->spare_text = cur->text, cur->text = tmp;
    }
    if (cur->offs_cap > c->spare_offs_cap) {
        size_t *offs = c->spare_offs, cap = c->spare_offs_cap;
        c->spare_offs = cur->offs, c->spare_offs_cap = cur->offs_cap;
        cur->offs = offs, cur->offs_cap = cap;
    }
}

static int has_lob_column(const wdn_cursor *cur)
{
    for (int i = 0; i < cur->ncols; i++)
        if (cur->cols[i].type == WDN_CLOB || cur->cols[i].type == WDN_BLOB) return 1;
    return 0;
}

/*
 * A query with LOB columns: the server sends its rows once the columns are
 * defined, as the drivers do: LOBs as LONG / LONG RAW (their whole values
 * inline), the other columns as described.  The reply brings the first rows.
 */
static int define_lobs(wdn_conn *c, wdn_cursor *cur)
{
    buf b;
    buf_init(&b);
    client_put_function(c, &b, TTC_FN_EXECUTE);
    ttc_put_execute_header(&b, TTC_EXEC_DEFINE | TTC_EXEC_FETCH, cur->cursor_id, 0,
                           (uint64_t)arraysize(c), 0, (uint64_t)cur->ncols);
    ttc_put_al8i4(&b, 0, (uint64_t)arraysize(c), 1);
    for (int i = 0; i < cur->ncols; i++) {
        const wdn_column *col = &cur->cols[i];
        int t = wire_type(col), lob = t != col->type;
        put_metadata(&b, (uint8_t)t, lob ? 0x7FFFFFFF : (col->size ? (uint32_t)col->size : 1));
    }
    int rc = client_send(c, &b);
    buf_free(&b);
    return rc < 0 ? -1 : client_read_response(c, cur, NULL, NULL, NULL);
}

/*
 * Execute SQL (of KIND) as a new cursor, or CURSOR_ID again.  A cursor of
 * a statement (OWNER != NULL) stays open on the server when closed.
 */
static int execute(wdn_conn *c, const char *sql, enum wdn_stmt_kind kind, uint16_t cursor_id,
                   wdn_stmt *owner, const wdn_bind *binds, int nbinds, char **outs,
                   wdn_cursor **curp, uint64_t *rows_affected)
{
    if (curp) *curp = NULL;
    if (rows_affected) *rows_affected = 0;
    ora_clear(&c->err);
    if (not_connected(c)) return -1;
    buf b;
    buf_init(&b);
    if (build_execute(c, &b, sql, kind, cursor_id, binds, nbinds) < 0) {
        buf_free(&b);
        return -1;
    }
    int rc = client_send(c, &b);
    buf_free(&b);
    if (rc < 0) return -1;
    wdn_cursor *cur = xcalloc(1, sizeof *cur);
    cursor_take_spare(cur, c);
    cur->conn = c;
    cur->stmt = owner;
    cur->cursor_id = cursor_id;
    cur->query = kind == WDN_STMT_QUERY;
    cur->pos = -1;
    cur->binds = binds;
    cur->nbinds = nbinds;
    cur->outs = outs;
    if (owner && owner->cols && cursor_id) /* the server may not describe it again */
        use_columns(cur, copy_columns(owner->cols, owner->ncols), owner->ncols);
    uint64_t rows = 0;
    rc = client_read_response(c, cur, &rows, NULL, NULL);
    if (rc == 0 && cur->query && !cur->nrows && !cur->exhausted && has_lob_column(cur))
        rc = define_lobs(c, cur);
    if (owner && cur->cursor_id) owner->cursor_id = cur->cursor_id;
    if (owner && cur->described) {
        free(owner->cols);
        owner->cols = copy_columns(cur->cols, cur->ncols);
        owner->ncols = cur->ncols;
    }
    if (rc < 0 || kind != WDN_STMT_QUERY || !cur->cols) {
        if (rows_affected && rc == 0) *rows_affected = rows;
        wdn_cursor_close(cur); /* the server cursor is closed with the next call */
        return rc;
    }
    if (curp) *curp = cur;
    else wdn_cursor_close(cur);
    return 0;
}

int wdn_execute(wdn_conn *c, const char *sql, const wdn_bind *binds, int nbinds,
                wdn_cursor **curp, uint64_t *rows_affected)
{
    return execute(c, sql, wdn_classify(sql), 0, NULL, binds, nbinds, NULL, curp, rows_affected);
}

int wdn_execute_plsql(wdn_conn *c, const char *block, const wdn_bind *binds, int nbinds,
                      char **out)
{
    for (int i = 0; i < nbinds; i++) out[i] = NULL;
    return execute(c, block, WDN_STMT_PLSQL, 0, NULL, binds, nbinds, out, NULL, NULL);
}

wdn_stmt *wdn_prepare(wdn_conn *c, const char *sql)
{
    wdn_stmt *st = xcalloc(1, sizeof *st);
    st->conn = c;
    st->sql = xstrdup(sql);
    st->kind = wdn_classify(sql);
    return st;
}

int wdn_stmt_execute(wdn_stmt *st, const wdn_bind *binds, int nbinds, wdn_cursor **cur,
                     uint64_t *rows_affected)
{
    return execute(st->conn, st->sql, st->kind, st->cursor_id, st, binds, nbinds, NULL, cur,
                   rows_affected);
}

void wdn_stmt_close(wdn_stmt *st)
{
    if (!st) return;
    if (st->cursor_id && st->conn->connected) client_close_later(st->conn, st->cursor_id);
    free(st->cols);
    free(st->sql);
    free(st);
}

int wdn_column_count(const wdn_cursor *cur) { return cur->ncols; }
const wdn_column *wdn_column_info(const wdn_cursor *cur, int i) { return &cur->cols[i]; }
uint64_t wdn_row_count(const wdn_cursor *cur) { return cur->fetched; }

const char *wdn_value(const wdn_cursor *cur, int i)
{
    if (cur->pos < 0 || cur->pos >= cur->nrows || i < 0 || i >= cur->ncols) return NULL;
    size_t off = cur->offs[(size_t)cur->pos * (size_t)cur->ncols + (size_t)i];
    return off == CLIENT_NULL ? NULL : (const char *)cur->text.data + off;
}

int wdn_fetch(wdn_cursor *cur)
{
    wdn_conn *c = cur->conn;
    if (cur->pos + 1 < cur->nrows) {
        cur->pos++;
        cur->fetched++;
        return 1;
    }
    if (cur->exhausted) return 0;
    free_rows(cur);
    ora_clear(&c->err);
    if (not_connected(c)) return -1;
    buf b;
    buf_init(&b);
    client_put_function(c, &b, TTC_FN_FETCH);
    ttc_put_ub(&b, cur->cursor_id);
    ttc_put_ub(&b, (uint64_t)arraysize(c));
    int rc = client_send(c, &b);
    buf_free(&b);
    if (rc < 0 || client_read_response(c, cur, NULL, NULL, NULL) < 0) return -1;
    return wdn_fetch(cur);
}

void wdn_cursor_close(wdn_cursor *cur)
{
    if (!cur) return;
    if (cur->conn->connected && !cur->stmt) client_close_later(cur->conn, cur->cursor_id);
    cursor_leave_spare(cur, cur->conn);
    buf_free(&cur->text);
    free(cur->offs);
    free(cur->cols);
    free(cur->dirs);
    free(cur->repeats);
    free(cur);
}

static int simple_call(wdn_conn *c, uint8_t fn)
{
    ora_clear(&c->err);
    if (not_connected(c)) return -1;
    buf b;
    buf_init(&b);
    client_put_function(c, &b, fn);
    int rc = client_send(c, &b);
    buf_free(&b);
    return rc < 0 ? -1 : client_read_response(c, NULL, NULL, NULL, NULL);
}

int wdn_commit(wdn_conn *c) { return simple_call(c, TTC_FN_COMMIT); }
int wdn_rollback(wdn_conn *c) { return simple_call(c, TTC_FN_ROLLBACK); }
int wdn_ping(wdn_conn *c) { return simple_call(c, TTC_FN_PING); }

void wdn_break(wdn_conn *c)
{
    if (!c->connected || c->net.fd < 0) return;
    /* One INTERRUPT marker in a single send(): async-signal-safe. */
    uint8_t m[11] = {0, 0, 0, 11, TNS_MARKER, 0, 0, 0, 1, 0, TNS_MARKER_INTERRUPT};
    c->breaking = 1;
    ssize_t w = send(c->net.fd, m, sizeof m, MSG_NOSIGNAL);
    (void)w;
}
