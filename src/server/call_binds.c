/*
 * call_binds.c - the bind part of execute and re-execute requests.
 *
 * A full execute carries one metadata entry per bind (type, flags, maximum
 * size ...), then one ROW_DATA row of values per execution; a re-execute
 * carries only the rows, read with the metadata its cursor kept.  Two rules
 * of the drivers shape a row (docs/design.md, Oracle Net): outside PL/SQL,
 * values longer than the client's string limit (32767 bytes) come after the
 * others, in bind order; and re-executes leave out the values of binds the
 * server told the client are OUT.  Everything is read even when a value
 * cannot be used, so that the request is consumed whole and answered.
 */
#include "call_binds.h"

#include <stdlib.h>
#include <string.h>

#include "wire_values.h"


#define LONG_BIND_SIZE 32767  /* values above it come last in a row (not in PL/SQL) */

void binds_read_metadata(ttc_reader *r, bind_meta *m, int n)
{
    buf skip;
    buf_init(&skip);
    for (int i = 0; i < n && !ttc_failed(r); i++) {
        m[i].ora_type = ttc_u8(r);
        m[i].flags = ttc_u8(r);
        ttc_u8(r), ttc_u8(r); /* precision, scale */
        m[i].max_size = (uint32_t)ttc_ub(r);
        m[i].max_elems = (uint32_t)ttc_ub(r); /* max array elements */
        m[i].lob_prefetch = (ttc_ub(r) & BIND_LOB_PREFETCH) != 0; /* continuation flags */
        if (ttc_ub(r)) {      /* OID */
            ttc_bytes(r, &skip);
            ttc_ub(r);
        } else {
            ttc_ub(r); /* version */
        }
        ttc_ub(r); /* charset */
        m[i].csfrm = ttc_u8(r);
        ttc_ub(r); /* LOB prefetch */
        ttc_ub(r); /* oaccolid (field version >= 8) */
    }
    buf_free(&skip);
}

static void bind_array_free(bind_array *a)
{
    for (int i = 0; i < a->n; i++) buf_free(&a->texts[i]);
    free(a->texts);
    free(a->values);
}

void bind_rows_free(bind_rows *b)
{
    for (int i = 0; i < b->nbinds * b->nrows; i++) buf_free(&b->texts[i]);
    for (int i = 0; b->arrays && i < b->nbinds * b->nrows; i++) bind_array_free(&b->arrays[i]);
    free(b->arrays);
    free(b->texts);
    free(b->values);
    memset(b, 0, sizeof *b);
}

/* An array bind: a count, then that many values into A (the bind's own value is NULL). */
static void read_array(ttc_reader *r, const bind_meta *m, const char *tz, bind_array *a,
                       eng_value *v, ora_error *refused)
{
    uint64_t n = ttc_ub(r);
    if (n > BIND_MAX_EXECUTIONS) {
        ttc_malformed(r);
        return;
    }
    a->values = xcalloc((size_t)(n ? n : 1), sizeof *a->values);
    a->texts = xcalloc((size_t)(n ? n : 1), sizeof *a->texts);
    for (uint64_t k = 0; k < n && !ttc_failed(r); k++, a->n++) {
        buf_init(&a->texts[k]);
        if (wire_read_bind(r, m, tz, &a->texts[k], &a->values[k]) < 0 && !refused->code)
            ora_set(refused, ORA_UNSUPPORTED_NET, 0);
    }
    memset(v, 0, sizeof *v);
    v->is_null = 1;
    v->kind = wire_bind_kind(m);
}

/* Read the value of bind I of the current row. */
static void read_value(ttc_reader *r, const bind_meta *m, const char *tz, bind_rows *out,
                       int row, int i, ora_error *refused)
{
    int k = row * out->nbinds + i;
    if (m[i].flags & BIND_ARRAY) {
        if (!out->arrays)
            out->arrays = xcalloc((size_t)(out->nrows * out->nbinds), sizeof *out->arrays);
        out->has_array = 1;
        read_array(r, &m[i], tz, &out->arrays[k], &out->values[k], refused);
        return;
    }
    if (wire_read_bind(r, &m[i], tz, &out->texts[k], &out->values[k]) < 0 && !refused->code)
        ora_set(refused, ORA_UNSUPPORTED_NET, 0);
}

static void add_row(bind_rows *out)
{
    int row = out->nrows++, n = out->nbinds;
    out->values = xrealloc(out->values, sizeof *out->values * (size_t)(out->nrows * n));
    out->texts = xrealloc(out->texts, sizeof *out->texts * (size_t)(out->nrows * n));
    if (out->arrays) {
        out->arrays = xrealloc(out->arrays, sizeof *out->arrays * (size_t)(out->nrows * n));
        memset(&out->arrays[row * n], 0, sizeof *out->arrays * (size_t)n);
    }
    memset(&out->values[row * n], 0, sizeof *out->values * (size_t)n);
    for (int i = 0; i < n; i++) {
        buf_init(&out->texts[row * n + i]);
        out->values[row * n + i].is_null = 1; /* OUT binds that did not come stay NULL */
    }
}

void bind_rows_read(ttc_reader *r, const bind_meta *m, const uint8_t *dirs, int nbinds,
                    int plsql, const char *time_zone, bind_rows *out, ora_error *refused)
{
    memset(out, 0, sizeof *out);
    out->nbinds = nbinds;
    if (!nbinds) return;
    while (!ttc_failed(r) && ttc_more(r) && ttc_peek_u8(r) == TTC_MSG_ROW_DATA) {
        if (out->nrows >= BIND_MAX_EXECUTIONS) {
            ttc_malformed(r);
            return;
        }
        ttc_u8(r);
        int row = out->nrows;
        add_row(out);
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < nbinds && !ttc_failed(r); i++) {
                int is_long = !plsql && m[i].max_size > LONG_BIND_SIZE;
                if (is_long != pass || (dirs && dirs[i] == BIND_DIR_OUT)) continue;
                read_value(r, m, time_zone, out, row, i, refused);
            }
        }
    }
}
