/*
 * cursor_values.c - cursors on the wire: a query's describe, and a cursor
 * as a value.  A REF CURSOR OUT bind, an implicit result and a cursor
 * expression's column all carry a cursor the same way: the describe of its
 * query (without the DESCRIBE_INFO message type) and the cursor id the
 * client then fetches from.  For a cursor expression the cursor is opened
 * here, one per row sent, as a nested cursor of the row's cursor
 * (cursors.c closes it with its parent).
 */
#include "cursor_values.h"

#include <stdlib.h>
#include <string.h>

#include "cursors.h"

static ttc_column *ttc_columns_of(eng_cursor *ec, int *n)
{
    const eng_column *ec_cols = eng_columns(ec);
    *n = eng_column_count(ec);
    ttc_column *tc = xcalloc((size_t)(*n ? *n : 1), sizeof *tc);
    for (int i = 0; i < *n; i++) {
        memcpy(tc[i].name, ec_cols[i].name, sizeof tc[i].name);
        tc[i].ora_type = ec_cols[i].ora_type;
        tc[i].precision = (int8_t)ec_cols[i].precision;
        tc[i].scale = (int8_t)ec_cols[i].scale;
        tc[i].max_size = ec_cols[i].max_size;
        tc[i].nullable = (uint8_t)ec_cols[i].nullable;
    }
    return tc;
}

void cursor_write_describe(session *s, buf *out, eng_cursor *ec)
{
    int n;
    ttc_column *tc = ttc_columns_of(ec, &n);
    ttc_write_describe(out, tc, n, s->sb2_scale);
    free(tc);
}

void cursor_put_value(session *s, buf *out, server_cursor *c, uint64_t id)
{
    int n;
    ttc_column *tc = ttc_columns_of(c->ec, &n);
    ttc_write_describe_body(out, tc, n, s->sb2_scale);
    free(tc);
    ttc_put_ub(out, id);
    c->described = 1;
}

int cursor_put_nested(session *s, buf *out, int parent, int col, ora_error *err)
{
    server_cursor *p = cursor_get(s, (uint64_t)parent);
    if (!p) return ora_set(err, 1001, 0); /* invalid cursor */
    eng_cursor *ec = eng_open_nested(s->eng, p->ec, col, err);
    if (!ec) return -1;
    int id = cursor_add_executed(s, ec, parent, err);
    if (!id) return -1;
    ttc_put_u8(out, 1);
    cursor_put_value(s, out, &s->cursors[id], (uint64_t)id);
    return 0;
}
