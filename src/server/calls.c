/*
 * calls.c - the SQL calls: execute (94), re-execute (4, 78) and fetch (5),
 * and the session's cursor table.
 *
 * Requests are parsed as node-oracledb and python-oracledb send them for
 * TTC field version 12 (brief section 5); every call ends with exactly one
 * ERROR message carrying the cursor id, the row count and the error if any.
 * A query's first response carries the describe and up to the prefetch
 * count of rows; one row of look-ahead tells whether rows remain (ORA-01403
 * ends the result set).
 */
#include <stdlib.h>
#include <string.h>

#include "../net/ttc_msg.h"
#include "session.h"
#include "session_state.h"

#define MAX_BINDS 1000
#define MAX_EXECUTIONS 100000
#define MAX_OPEN_CURSORS 300 /* announced to clients as AUTH_MAX_OPEN_CURSORS */

/* ---- cursor table ---- */

/* A free cursor id, or 0 when the session has MAX_OPEN_CURSORS open (ORA-01000). */
static int cursor_alloc(session *s)
{
    for (int i = 1; i < s->ncursors; i++)
        if (!s->cursors[i].ec) return i;
    int id = s->ncursors ? s->ncursors : 1;
    if (id > MAX_OPEN_CURSORS) return 0;
    int n = id + 16 > MAX_OPEN_CURSORS + 1 ? MAX_OPEN_CURSORS + 1 : id + 16;
    s->cursors = xrealloc(s->cursors, sizeof *s->cursors * (size_t)n);
    memset(s->cursors + s->ncursors, 0, sizeof *s->cursors * (size_t)(n - s->ncursors));
    s->ncursors = n;
    return id;
}

static server_cursor *cursor_get(session *s, uint64_t id)
{
    if (id == 0 || id >= (uint64_t)s->ncursors || !s->cursors[id].ec) return NULL;
    return &s->cursors[id];
}

static void cursor_release(server_cursor *c)
{
    eng_cursor_free(c->ec);
    free(c->binds);
    memset(c, 0, sizeof *c);
}

void cursors_close(session *s, const uint64_t *ids, int n)
{
    for (int i = 0; i < n; i++) {
        server_cursor *c = cursor_get(s, ids[i]);
        if (c) cursor_release(c);
    }
}

void cursors_close_all(session *s)
{
    for (int i = 0; i < s->ncursors; i++)
        if (s->cursors[i].ec) cursor_release(&s->cursors[i]);
    free(s->cursors);
    s->cursors = NULL;
    s->ncursors = 0;
}

/* ---- request parsing ---- */

static void read_bind_metadata(ttc_reader *r, bind_meta *m, int n)
{
    buf skip;
    buf_init(&skip);
    for (int i = 0; i < n && !ttc_failed(r); i++) {
        m[i].ora_type = ttc_u8(r);
        ttc_u8(r), ttc_u8(r), ttc_u8(r); /* flags, precision, scale */
        m[i].max_size = (uint32_t)ttc_ub(r);
        ttc_ub(r), ttc_ub(r); /* max array elements, continuation flags */
        if (ttc_ub(r)) {      /* OID */
            ttc_bytes(r, &skip);
            ttc_ub(r);
        } else {
            ttc_ub(r); /* version */
        }
        ttc_ub(r);         /* charset */
        ttc_u8(r);         /* charset form */
        ttc_ub(r);         /* LOB prefetch */
        ttc_ub(r);         /* oaccolid (field version >= 8) */
    }
    buf_free(&skip);
}

/* Bind values of one or more executions, as they follow the metadata. */
typedef struct bind_rows {
    int nbinds, nrows;
    eng_value *values; /* nrows * nbinds */
    buf *texts;
} bind_rows;

static void bind_rows_free(bind_rows *b)
{
    for (int i = 0; i < b->nbinds * b->nrows; i++) buf_free(&b->texts[i]);
    free(b->texts);
    free(b->values);
    memset(b, 0, sizeof *b);
}

/* Read ROW_DATA bind rows; long values (> 32767 bytes) come last in each row. */
static int read_bind_rows(ttc_reader *r, const bind_meta *m, int nbinds, int plsql,
                          bind_rows *out)
{
    memset(out, 0, sizeof *out);
    out->nbinds = nbinds;
    if (!nbinds) return 0;
    int rc = 0;
    while (!ttc_failed(r) && ttc_more(r) && ttc_peek_u8(r) == TTC_MSG_ROW_DATA) {
        if (out->nrows >= MAX_EXECUTIONS) return -1;
        ttc_u8(r);
        int row = out->nrows++;
        out->values = xrealloc(out->values, sizeof *out->values * (size_t)(out->nrows * nbinds));
        out->texts = xrealloc(out->texts, sizeof *out->texts * (size_t)(out->nrows * nbinds));
        for (int i = 0; i < nbinds; i++) buf_init(&out->texts[row * nbinds + i]);
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < nbinds; i++) {
                int is_long = !plsql && m[i].max_size > 32767;
                if (is_long != pass) continue;
                int k = row * nbinds + i;
                if (wire_read_bind(r, &m[i], &out->texts[k], &out->values[k]) < 0) rc = -1;
            }
        }
    }
    return ttc_failed(r) ? -1 : rc;
}

/* ---- responses ---- */

static void to_ttc_columns(const eng_column *ec, int n, ttc_column *tc)
{
    for (int i = 0; i < n; i++) {
        memset(&tc[i], 0, sizeof tc[i]);
        memcpy(tc[i].name, ec[i].name, sizeof tc[i].name);
        tc[i].ora_type = ec[i].ora_type;
        tc[i].precision = (int8_t)ec[i].precision;
        tc[i].scale = (int8_t)ec[i].scale;
        tc[i].max_size = ec[i].max_size;
        tc[i].nullable = (uint8_t)ec[i].nullable;
    }
}

static void write_describe(session *s, buf *out, eng_cursor *ec)
{
    int n = eng_column_count(ec);
    ttc_column *tc = xcalloc((size_t)(n ? n : 1), sizeof *tc);
    to_ttc_columns(eng_columns(ec), n, tc);
    ttc_write_describe(out, tc, n, s->sb2_scale);
    free(tc);
}

/* Up to MAX rows, then the end-of-call message (0 or ORA-01403). */
static void write_rows(session *s, buf *out, int cursor_id, eng_cursor *ec, uint64_t max)
{
    ora_error e;
    ora_clear(&e);
    int ncols = eng_column_count(ec);
    uint64_t sent = 0;
    int rc = 0;
    while (sent < max && (rc = eng_next_row(s->eng, ec, &e)) == 1) {
        if (sent == 0) ttc_write_row_header(out);
        size_t mark = out->len;
        ttc_put_u8(out, TTC_MSG_ROW_DATA);
        for (int i = 0; i < ncols && rc == 1; i++)
            if (wire_write_column(s, out, ec, i, &e) < 0) rc = -1;
        if (rc < 0) {
            out->len = mark;
            break;
        }
        sent++;
    }
    if (rc == 1 && sent == max) { /* look ahead: is there more? */
        rc = eng_next_row(s->eng, ec, &e);
        if (rc == 1) eng_unfetch(ec);
    }
    if (rc == 0 && !e.code) ora_set(&e, ORA_NO_DATA_FOUND, 0);
    session_end_call(s, out, (uint16_t)cursor_id, eng_rows_fetched(ec), &e);
}

static void reply(session *s, buf *out)
{
    session_send(s, out);
    buf_free(out);
}

static void reply_error(session *s, int cursor_id, const ora_error *e)
{
    session_reply_error(s, (uint16_t)cursor_id, e);
}

/* ---- running a statement ---- */

static int run_dml(session *s, server_cursor *c, const bind_rows *b, int executions,
                   uint64_t *total, ora_error *e)
{
    *total = 0;
    int rows = b->nrows ? b->nrows : 1;
    if (executions > 0 && executions < rows) rows = executions;
    for (int i = 0; i < rows; i++) {
        uint64_t n = 0;
        const eng_value *v = b->nrows ? &b->values[i * b->nbinds] : NULL;
        if (eng_execute(s->eng, c->ec, v, b->nbinds, &n, e) < 0) return -1;
        *total += n;
    }
    return 0;
}

/* Run cursor C and write the whole response. */
static void run_cursor(session *s, int id, server_cursor *c, const bind_rows *b,
                       int executions, uint64_t prefetch, int fetch, int commit)
{
    ora_error e;
    ora_clear(&e);
    buf out;
    buf_init(&out);
    uint64_t rows = 0;
    sql_kind kind = eng_cursor_kind(c->ec);
    session_state_statement(s, c);
    if (kind == SQLK_QUERY) {
        if (eng_execute(s->eng, c->ec, b->nrows ? b->values : NULL, b->nbinds, NULL, &e) < 0)
            return reply_error(s, id, &e);
        /* The client keeps a describe: it comes again only when it changed. */
        if (!c->described || eng_describe_changed(c->ec)) write_describe(s, &out, c->ec);
        c->described = 1;
        if (fetch && prefetch) write_rows(s, &out, id, c->ec, prefetch);
        else session_end_call(s, &out, (uint16_t)id, 0, NULL);
        session_state_statement_done(s, eng_rows_fetched(c->ec));
        return reply(s, &out);
    }
    int rc;
    if (kind == SQLK_DML || kind == SQLK_DDL || kind == SQLK_LOCK_TABLE)
        rc = run_dml(s, c, b, executions, &rows, &e);
    else if (kind == SQLK_PLSQL)
        rc = plsql_host_run(s, eng_cursor_sql(c->ec), b->nrows ? b->values : NULL,
                            b->nrows ? b->nbinds : 0, &e);
    else rc = command_run(s, c->ec, &e);
    if (rc == 0 && commit) eng_commit(s->eng, &e);
    session_state_statement_done(s, rows);
    session_end_call(s, &out, (uint16_t)id, rows, &e);
    reply(s, &out);
}

static void interrupted_or_failed(session *s, ttc_reader *r)
{
    ttc_skip_request(r);
    if (ttc_failed(r) && r->err != NET_ERR_PROTOCOL) return; /* connection gone */
    ora_error e;
    ora_set(&e, ORA_UNSUPPORTED_NET, 0);
    reply_error(s, 0, &e);
}

void call_execute(session *s, ttc_reader *r)
{
    uint64_t options = ttc_ub(r), cursor_id = ttc_ub(r);
    uint8_t has_sql = ttc_u8(r);
    uint64_t sql_len = ttc_ub(r);
    ttc_u8(r);
    uint64_t al8i4_len = ttc_ub(r);
    ttc_u8(r), ttc_u8(r), ttc_u8(r);
    uint64_t prefetch = ttc_ub(r);
    ttc_ub(r); /* max long size */
    ttc_u8(r);
    uint64_t nbinds = ttc_ub(r);
    for (int i = 0; i < 5; i++) ttc_u8(r);
    ttc_u8(r);
    uint64_t ndefines = ttc_ub(r);
    ttc_ub(r), ttc_u8(r), ttc_u8(r), ttc_u8(r), ttc_ub(r), ttc_u8(r), ttc_ub(r), ttc_ub(r);
    ttc_u8(r), ttc_ub(r), ttc_u8(r);                         /* DML row counts */
    ttc_u8(r), ttc_ub(r), ttc_u8(r), ttc_ub(r), ttc_u8(r); /* SQL id (fv >= 8) */
    ttc_u8(r), ttc_ub(r);                                    /* chunk ids (fv >= 9) */
    buf sql;
    buf_init(&sql);
    if (has_sql) ttc_announced_str(r, s->conv_length, sql_len, &sql);
    uint64_t al8i4[13] = {0};
    if (al8i4_len > 64) r->err = NET_ERR_PROTOCOL;
    for (uint64_t i = 0; i < al8i4_len && !ttc_failed(r); i++) {
        uint64_t v = ttc_ub(r);
        if (i < 13) al8i4[i] = v;
    }
    if (nbinds > MAX_BINDS || ndefines > MAX_BINDS) {
        r->err = NET_ERR_PROTOCOL;
        nbinds = ndefines = 0;
    }
    bind_meta *meta = xcalloc((size_t)(nbinds + ndefines + 1), sizeof *meta);
    read_bind_metadata(r, meta, (int)(nbinds + ndefines));
    if (ttc_failed(r)) {
        free(meta);
        buf_free(&sql);
        return interrupted_or_failed(s, r);
    }

    /* Find or make the cursor. */
    ora_error e;
    ora_clear(&e);
    server_cursor *c = cursor_get(s, cursor_id);
    int id = (int)cursor_id;
    if (has_sql && sql.len) {
        eng_cursor *ec = eng_prepare(s->eng, buf_cstr(&sql), &e);
        if (!ec) {
            ttc_skip_request(r);
            free(meta);
            buf_free(&sql);
            return reply_error(s, 0, &e);
        }
        if (!c) {
            id = cursor_alloc(s);
            if (!id) {
                eng_cursor_free(ec);
                ttc_skip_request(r);
                free(meta);
                buf_free(&sql);
                ora_set(&e, 1000, 0);
                return reply_error(s, 0, &e);
            }
            c = &s->cursors[id];
        } else {
            eng_cursor_free(c->ec);
        }
        c->ec = ec;
        c->sql_id[0] = '\0'; /* a new text: its SQL_ID is taken at the execute */
        c->described = 0;
    }
    buf_free(&sql);
    if (!c) {
        ttc_skip_request(r);
        free(meta);
        ora_set(&e, 1001, 0); /* invalid cursor */
        return reply_error(s, 0, &e);
    }
    if (nbinds || !c->binds) {
        free(c->binds);
        c->binds = meta;
        c->nbinds = (int)nbinds;
    } else {
        free(meta);
    }
    bind_rows b;
    int plsql = eng_cursor_kind(c->ec) == SQLK_PLSQL;
    int brc = read_bind_rows(r, c->binds, c->nbinds, plsql, &b);
    ttc_skip_request(r);
    if (brc < 0) {
        bind_rows_free(&b);
        if (ttc_failed(r) && r->err != NET_ERR_PROTOCOL) return;
        ora_set(&e, ORA_UNSUPPORTED_NET, 0);
        return reply_error(s, id, &e);
    }
    run_cursor(s, id, c, &b, (int)al8i4[1], prefetch, (options & TTC_EXEC_FETCH) != 0,
               (options & TTC_EXEC_COMMIT) != 0);
    bind_rows_free(&b);
}

void call_reexecute(session *s, ttc_reader *r, int fn)
{
    uint64_t id = ttc_ub(r), count = ttc_ub(r);
    ttc_ub(r);
    uint64_t flags2 = ttc_ub(r);
    server_cursor *c = cursor_get(s, id);
    ora_error e;
    if (!c || ttc_failed(r)) {
        ttc_skip_request(r);
        ora_set(&e, 1001, 0);
        return reply_error(s, 0, &e);
    }
    bind_rows b;
    int brc = read_bind_rows(r, c->binds, c->nbinds, eng_cursor_kind(c->ec) == SQLK_PLSQL, &b);
    ttc_skip_request(r);
    if (brc < 0) {
        bind_rows_free(&b);
        ora_set(&e, ORA_UNSUPPORTED_NET, 0);
        return reply_error(s, (int)id, &e);
    }
    int is_fetch = fn == TTC_FN_REEXECUTE_AND_FETCH;
    run_cursor(s, (int)id, c, &b, is_fetch ? 1 : (int)count, is_fetch ? count : 0, is_fetch,
               !is_fetch && (flags2 & 1));
    bind_rows_free(&b);
}

void call_fetch(session *s, ttc_reader *r)
{
    uint64_t id = ttc_ub(r), n = ttc_ub(r);
    ttc_skip_request(r);
    server_cursor *c = cursor_get(s, id);
    ora_error e;
    if (!c || eng_cursor_kind(c->ec) != SQLK_QUERY || !eng_columns(c->ec)) {
        ora_set(&e, 1002, 0); /* fetch out of sequence */
        return reply_error(s, (int)id, &e);
    }
    buf out;
    buf_init(&out);
    write_rows(s, &out, (int)id, c->ec, n ? n : 1);
    reply(s, &out);
}
