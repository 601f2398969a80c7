/*
 * lobs.c - the session's LOB store and its locators (see lobs.h).
 *
 * Locator layout (40 bytes): UB2 length of the rest (38), UB2 version 1,
 * four flag bytes where the drivers look for them (byte 4: 0x01 BLOB;
 * byte 5: 0x08 initialized; byte 7: 0x01 temporary), "WLOB", then the
 * session's SID and serial#, the entry's number and its generation, all
 * big-endian.  CLOB values travel as UTF-8; a temporary NCLOB's as UTF-16
 * (byte 6: 0x80).
 */
#include "lobs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/hex.h"
#include "../common/ora_types.h"
#include "session_state.h"

#define MAGIC "WLOB"
enum { LOC_FLAG_1 = 4, LOC_FLAG_2 = 5, LOC_FLAG_3 = 6, LOC_FLAG_4 = 7, LOC_MAGIC = 8, LOC_SID = 12,
       LOC_SERIAL = 16, LOC_ENTRY = 20, LOC_GEN = 24 };

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24), p[1] = (uint8_t)(v >> 16), p[2] = (uint8_t)(v >> 8), p[3] = (uint8_t)v;
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

int lobs_is_blob(const lob_entry *e) { return e->type == T_BLOB; }

void lobs_locator(session *s, const lob_entry *e, uint8_t loc[LOB_LOCATOR_LEN])
{
    memset(loc, 0, LOB_LOCATOR_LEN);
    loc[0] = 0, loc[1] = LOB_LOCATOR_LEN - 2;
    loc[3] = 1;
    loc[LOC_FLAG_1] = lobs_is_blob(e) ? 0x01 : 0;
    loc[LOC_FLAG_2] = 0x08;
    loc[LOC_FLAG_3] = e->nchar ? 0x80 : 0;
    loc[LOC_FLAG_4] = e->kind == LOB_PERSISTENT ? 0 : 0x01;
    memcpy(loc + LOC_MAGIC, MAGIC, 4);
    put32(loc + LOC_SID, (uint32_t)s->sid);
    put32(loc + LOC_SERIAL, s->serial);
    put32(loc + LOC_ENTRY, (uint32_t)(e - s->lobs));
    put32(loc + LOC_GEN, e->gen);
}

/* A free slot of the store (it grows by doubling). */
static lob_entry *new_entry(session *s, enum lob_kind kind, uint8_t type)
{
    int i = 0;
    while (i < s->nlobs && s->lobs[i].gen) i++;
    if (i == s->nlobs) {
        int n = s->nlobs ? 2 * s->nlobs : 16;
        s->lobs = xrealloc(s->lobs, sizeof *s->lobs * (size_t)n);
        memset(s->lobs + s->nlobs, 0, sizeof *s->lobs * (size_t)(n - s->nlobs));
        s->nlobs = n;
    }
    lob_entry *e = &s->lobs[i];
    if (kind == LOB_TEMP) session_state_temp_lobs(s, ++s->ntemp_lobs);
    e->gen = ++s->lob_gen ? s->lob_gen : ++s->lob_gen;
    e->kind = (uint8_t)kind;
    e->type = type == T_BLOB ? T_BLOB : T_CLOB;
    e->open = e->nchar = e->cached = e->dirty = e->locked = 0;
    buf_init(&e->data);
    return e;
}

lob_entry *lobs_new_value(session *s, enum lob_kind kind, uint8_t type, const void *v, size_t n,
                          uint8_t loc[LOB_LOCATOR_LEN])
{
    lob_entry *e = new_entry(s, kind, type);
    if (n) buf_put(&e->data, v, n);
    lobs_locator(s, e, loc);
    return e;
}

lob_entry *lobs_new_persistent(session *s, uint8_t type, const char *schema, const char *table,
                               const char *column, int64_t rowid, uint8_t loc[LOB_LOCATOR_LEN])
{
    for (int i = 0; i < s->nlobs; i++) { /* one entry per row and column */
        lob_entry *e = &s->lobs[i];
        if (e->gen && e->kind == LOB_PERSISTENT && e->rowid == rowid && !strcmp(e->table, table) &&
            !strcmp(e->schema, schema) && !strcmp(e->column, column)) {
            lobs_locator(s, e, loc);
            return e;
        }
    }
    lob_entry *e = new_entry(s, LOB_PERSISTENT, type);
    e->schema = xstrdup(schema);
    e->table = xstrdup(table);
    e->column = xstrdup(column);
    e->rowid = rowid;
    lobs_locator(s, e, loc);
    return e;
}

lob_entry *lobs_find(session *s, const uint8_t *loc, size_t n, ora_error *err)
{
    if (n < LOB_LOCATOR_LEN || memcmp(loc + LOC_MAGIC, MAGIC, 4) ||
        get32(loc + LOC_SID) != (uint32_t)s->sid || get32(loc + LOC_SERIAL) != s->serial) {
        ora_set(err, 22275, 0);
        return NULL;
    }
    uint32_t i = get32(loc + LOC_ENTRY);
    if (i >= (uint32_t)s->nlobs || !s->lobs[i].gen || s->lobs[i].gen != get32(loc + LOC_GEN)) {
        ora_set(err, 22275, 0);
        return NULL;
    }
    return &s->lobs[i];
}

void lobs_free(session *s, lob_entry *e)
{
    if (e->kind == LOB_TEMP) session_state_temp_lobs(s, --s->ntemp_lobs);
    buf_free(&e->data);
    free(e->schema);
    free(e->table);
    free(e->column);
    memset(e, 0, sizeof *e);
}

void lobs_free_all(session *s)
{
    for (int i = 0; i < s->nlobs; i++)
        if (s->lobs[i].gen) lobs_free(s, &s->lobs[i]);
    free(s->lobs);
    s->lobs = NULL;
    s->nlobs = 0;
}

int lobs_bind_values(session *s, bind_rows *b, ora_error *err)
{
    buf v;
    buf_init(&v);
    for (int k = 0; k < b->nrows * b->nbinds; k++) {
        eng_value *ev = &b->values[k];
        if (ev->is_null || ev->kind != ENG_VAL_LOB) continue;
        lob_entry *e = lobs_find(s, b->texts[k].data, b->texts[k].len, err);
        if (!e || lobs_read_value(s, e, &v, err) < 0) {
            buf_free(&v);
            return -1;
        }
        buf_reset(&b->texts[k]);
        buf_put(&b->texts[k], v.data, v.len);
        ev->kind = lobs_is_blob(e) ? ENG_VAL_BLOB : ENG_VAL_TEXT;
        ev->text = (const char *)buf_cstr(&b->texts[k]);
        ev->len = v.len;
    }
    buf_free(&v);
    return 0;
}

/* ---- persistent LOBs: their row through the engine ---- */

/*
 * Run FMT (with the column and "SCHEMA"."TABLE" for its %1$s and %2$s, its last bind the
 * row's ROWID) through the engine with the N values V before the ROWID: the cursor, its
 * query at the first row (*FOUND 1) or a DML's row count in *FOUND; NULL with ERR.
 */
static eng_cursor *run_on_row(session *s, const lob_entry *e, const char *fmt, const eng_value *v,
                              int n, int64_t *found, ora_error *err)
{
    char target[600], rowid[24];
    snprintf(target, sizeof target, "\"%s\".\"%s\"", e->schema, e->table);
    snprintf(rowid, sizeof rowid, "%lld", (long long)e->rowid);
    buf sql;
    buf_init(&sql);
    buf_printf(&sql, fmt, e->column, target);
    eng_cursor *ec = eng_prepare(s->eng, buf_cstr(&sql), err);
    buf_free(&sql);
    if (!ec) return NULL;
    eng_value vals[2] = {n ? v[0] : (eng_value){0}, {0}};
    vals[n] = (eng_value){.kind = ENG_VAL_NUMBER, .text = rowid, .len = strlen(rowid)};
    uint64_t rows = 0;
    int rc = eng_execute(s->eng, ec, vals, n + 1, &rows, err);
    if (rc == 0) rc = eng_cursor_kind(ec) == SQLK_QUERY ? eng_next_row(s->eng, ec, err) : (int)rows;
    if (rc < 0) {
        eng_cursor_free(ec);
        return NULL;
    }
    *found = rc;
    return ec;
}

int lobs_cell_value(int is_blob, eng_cursor *ec, int col, buf *out, int *is_null, ora_error *err)
{
    eng_cell c;
    eng_value_cell(ec, col, &c);
    buf_reset(out);
    *is_null = c.kind == ENG_COL_NULL;
    if (*is_null) return 0;
    int len = c.len;
    const char *p = c.bytes;
    if (c.kind != ENG_COL_TEXT && c.kind != ENG_COL_BLOB) p = eng_value_text(ec, col, &len);
    if (is_blob && c.kind != ENG_COL_BLOB) { /* text in a BLOB is hex digits */
        buf_reserve(out, (size_t)len / 2 + 1);
        long n = hex_decode(p, (size_t)len, out->data);
        if (n < 0) return ora_set(err, 1465, 0); /* invalid hex number */
        out->len = (size_t)n;
    } else if (!is_blob && c.kind == ENG_COL_BLOB) { /* bytes in a CLOB are their hex */
        hex_put(out, p, (size_t)len);
    } else {
        buf_put(out, p, (size_t)len);
    }
    return 0;
}

/* A persistent LOB's value from its row into OUT (ORA-22922 when the row or value is gone). */
static int select_row_value(session *s, lob_entry *e, buf *out, ora_error *err)
{
    int64_t found;
    eng_cursor *ec = run_on_row(s, e, "SELECT \"%s\" FROM %s WHERE ROWID = :1", NULL, 0, &found, err);
    if (!ec) return -1;
    int is_null = 0, rc = 0;
    if (!found) rc = ora_set(err, 22922, 0); /* the row is gone */
    else rc = lobs_cell_value(lobs_is_blob(e), ec, 0, out, &is_null, err);
    if (rc == 0 && is_null) rc = ora_set(err, 22922, 0); /* a NULL has no LOB value */
    eng_cursor_free(ec);
    return rc;
}

/* Write a persistent LOB's value E->data to its row. */
static int update_row_value(session *s, lob_entry *e, ora_error *err)
{
    eng_value value = {.kind = lobs_is_blob(e) ? ENG_VAL_BLOB : ENG_VAL_TEXT,
                       .text = e->data.len ? (char *)e->data.data : "", .len = e->data.len};
    int64_t rows;
    eng_cursor *ec = run_on_row(s, e, "UPDATE %2$s SET \"%1$s\" = :1 WHERE ROWID = :2", &value, 1,
                                &rows, err);
    if (!ec) return -1;
    eng_cursor_free(ec);
    return rows ? 0 : ora_set(err, 22922, 0); /* the row is gone */
}

/* A persistent LOB's row value is held no longer (E->data is its cache). */
static void drop_cache(lob_entry *e)
{
    buf_free(&e->data);
    e->cached = e->dirty = e->locked = 0;
}

int lobs_read_value(session *s, lob_entry *e, buf *out, ora_error *err)
{
    if (e->kind != LOB_PERSISTENT || e->cached) {
        buf_reset(out);
        buf_put(out, e->data.data, e->data.len);
        return 0;
    }
    return select_row_value(s, e, out, err);
}

buf *lobs_value(session *s, lob_entry *e, ora_error *err)
{
    if (e->kind != LOB_PERSISTENT || e->cached) return &e->data;
    if (select_row_value(s, e, &e->data, err) < 0) {
        drop_cache(e);
        return NULL;
    }
    e->cached = 1;
    return &e->data;
}

int lobs_writable(const lob_entry *e, ora_error *err)
{
    return e->kind == LOB_COPY ? ora_set(err, 22920, 0) : 0; /* a copy of an unlocked row's */
}

int lobs_changed(session *s, lob_entry *e, ora_error *err)
{
    if (e->kind != LOB_PERSISTENT) return 0;
    if (e->locked) { /* the row is ours: the value goes with the session's next other call */
        e->dirty = 1;
        return 0;
    }
    if (update_row_value(s, e, err) < 0) { /* the first write locks the row, or fails */
        drop_cache(e);
        return -1;
    }
    e->locked = 1;
    return 0;
}

int lobs_flush(session *s, ora_error *err)
{
    int rc = 0;
    for (int i = 0; i < s->nlobs; i++) {
        lob_entry *e = &s->lobs[i];
        if (!e->gen || e->kind != LOB_PERSISTENT || !e->cached) continue;
        if (e->dirty && rc == 0) rc = update_row_value(s, e, err);
        drop_cache(e);
    }
    return rc;
}
