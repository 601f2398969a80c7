/*
 * ttc_rows.c - rows with their repeated columns left out (see ttc_rows.h).
 *
 * Every column is written in full first (unless the writer knows it
 * repeats); when its bytes equal the ones it last sent, the output is cut
 * back and its bit stays clear.  Only when a row left something out does its
 * bit vector go in ahead of it, moving the row's bytes (a few hundred at most
 * once its repeats are gone) up; when what it left out weighs no more than
 * the bit vector, the row is put back whole instead, from the values' last
 * copies in the output.
 */
#include "ttc_rows.h"

#include <stdlib.h>
#include <string.h>

#include "ttc.h"

void ttc_rows_init(ttc_rows *w, int ncols)
{
    size_t n = ncols > 0 ? (size_t)ncols : 1;
    w->ncols = ncols;
    w->at = xcalloc(n, sizeof *w->at);
    w->len = xmalloc(n * sizeof *w->len);
    w->bits = xcalloc(ttc_bit_vector_len((int)n), 1);
    w->always = xcalloc(n, 1);
    buf_init(&w->head);
    ttc_rows_abandon(w);
}

void ttc_rows_free(ttc_rows *w)
{
    free(w->at);
    free(w->len);
    free(w->bits);
    free(w->always);
    buf_free(&w->head);
}

void ttc_rows_abandon(ttc_rows *w)
{
    for (int i = 0; i < w->ncols; i++) w->len[i] = TTC_ROWS_NONE;
}

void ttc_rows_always_send(ttc_rows *w, int col) { w->always[col] = 1; }

void ttc_rows_begin(ttc_rows *w, buf *out)
{
    w->row_at = out->len;
    w->sent = 0;
    w->saved = 0;
    memset(w->bits, 0, ttc_bit_vector_len(w->ncols));
    ttc_put_u8(out, TTC_MSG_ROW_DATA);
}

int ttc_rows_repeat(ttc_rows *w, int col)
{
    if (w->always[col] || w->len[col] == TTC_ROWS_NONE) return 0;
    w->saved += w->len[col];
    return 1;
}

void ttc_rows_column(ttc_rows *w, buf *out, int col, size_t start)
{
    size_t n = out->len - start;
    if (!w->always[col] && w->len[col] == n &&
        memcmp(out->data + w->at[col], out->data + start, n) == 0) {
        out->len = start;
        w->saved += n;
        return;
    }
    w->at[col] = start;
    w->len[col] = (uint32_t)n;
    w->bits[col / 8] |= (uint8_t)(1u << (col % 8));
    w->sent++;
}

/* The current row again with every column in it, each from its last copy in OUT. */
static void make_whole(ttc_rows *w, buf *out)
{
    buf *row = &w->head;
    buf_reset(row);
    for (int i = 0; i < w->ncols; i++) buf_put(row, out->data + w->at[i], w->len[i]);
    out->len = w->row_at + 1; /* after its ROW_DATA */
    size_t at = out->len;
    buf_put(out, row->data, row->len);
    for (int i = 0; i < w->ncols; i++) w->at[i] = at, at += w->len[i];
}

void ttc_rows_end(ttc_rows *w, buf *out)
{
    if (w->sent == w->ncols) return;
    size_t vector = ttc_bit_vector_len(w->ncols);
    if (w->saved <= 1 + 3 + vector) { /* the message type, the count, the bits */
        make_whole(w, out);
        return;
    }
    buf *head = &w->head;
    buf_reset(head);
    ttc_put_u8(head, TTC_MSG_BIT_VECTOR);
    ttc_put_ub(head, (uint64_t)w->sent);
    buf_put(head, w->bits, vector);
    buf_reserve(out, head->len);
    uint8_t *row = out->data + w->row_at;
    memmove(row + head->len, row, out->len - w->row_at);
    memcpy(row, head->data, head->len);
    out->len += head->len;
    for (int i = 0; i < w->ncols; i++) /* this row's values moved up with it */
        if (ttc_bit_sent(w->bits, i)) w->at[i] += head->len;
}
