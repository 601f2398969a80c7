/*
 * ttc_rows.h - a query's rows as Oracle's server sends them: each row a
 * ROW_DATA message, and a column whose value is exactly the one the row
 * before carried left out of it, with a BIT_VECTOR message ahead of the row
 * saying which columns came (bit set) and which the client copies from the
 * previous row (bit clear; bit n of byte n / 8 for column n).
 *
 * A listing of 500 sessions of V$SESSION repeats most of its 100-odd columns
 * from row to row (NULLs, the program, the machine, the service ...); leaving
 * them out cuts the bytes on the wire and the client's decoding to the
 * columns that differ.  The comparison is of the encoded bytes, so it holds
 * for every type and every define; the writer names the columns that are never
 * left out (a LOB's locator, a cursor expression's cursor: a new object each
 * row).  The first row of a response is always whole: the drivers copy only
 * from rows of the same response.  A row whose repeats weigh no more than
 * the bit vector would (a one-column row repeating a NULL) goes whole too.
 */
#ifndef WARDEN_TTC_ROWS_H
#define WARDEN_TTC_ROWS_H

#include <stddef.h>
#include <stdint.h>

#include "../common/buf.h"

typedef struct ttc_rows {
    int ncols;
    size_t row_at;  /* where the current row's ROW_DATA starts in the output */
    size_t *at;      /* per column: where its last value sent starts in the output ... */
    uint32_t *len;   /* ... and its length (TTC_ROWS_NONE: none this response) */
    uint8_t *always; /* per column: sent in every row */
    uint8_t *bits;   /* the current row's bit vector */
    int sent;        /* columns of the current row sent */
    size_t saved;    /* bytes of the current row left out */
    buf head;        /* the bit vector's message, or the row made whole, built aside */
} ttc_rows;

#define TTC_ROWS_NONE UINT32_MAX

/* For the rows of one response, of NCOLS columns, all written to one buffer. */
void ttc_rows_init(ttc_rows *w, int ncols);
void ttc_rows_free(ttc_rows *w);

/* Column COL is sent in every row (each row's value is a new object, the same bytes or not). */
void ttc_rows_always_send(ttc_rows *w, int col);

/* A row starts: its ROW_DATA message type into OUT. */
void ttc_rows_begin(ttc_rows *w, buf *out);
/* The writer knows column COL holds the value of the row before: 1 when it is left out,
 * 0 when it is to be written all the same (the response's first row, a column always sent). */
int ttc_rows_repeat(ttc_rows *w, int col);
/* Column COL's value was written to OUT from START: dropped again when it repeats the value
 * the column last sent. */
void ttc_rows_column(ttc_rows *w, buf *out, int col, size_t start);
/* The row is complete: its bit vector goes in ahead of it when a column was left out. */
void ttc_rows_end(ttc_rows *w, buf *out);
/* The row was abandoned (OUT cut back to where it began): nothing repeats from here on. */
void ttc_rows_abandon(ttc_rows *w);

/* The bit vector's length for NCOLS columns, and whether column COL of BITS was sent. */
static inline size_t ttc_bit_vector_len(int ncols) { return ((size_t)ncols + 7) / 8; }
static inline int ttc_bit_sent(const uint8_t *bits, int col)
{
    return (bits[col / 8] >> (col % 8)) & 1;
}

#endif
