/*
 * format.c - query results laid out the way SQL*Plus lays them out.
 *
 * Each printed column has a width fixed at describe time.  Columns are
 * placed left to right on a "layout line"; one that would cross LINESIZE
 * starts a new layout line, so a wide row folds onto several output lines
 * (headings fold the same way).  A cell's text is cut into chunks of the
 * column width (at newlines, and at blanks for WORD_WRAPPED); a layout line
 * is as tall as its tallest cell.  A record that took more than one output
 * line is followed by a blank line (SQL*Plus's RECSEP WRAPPED).
 */
#include "wsql/format.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/buf.h"
#include "wsql/text.h"
#include "wsql/values.h"

/* ---- settings ---- */

void fmt_settings_init(fmt_settings *s)
{
    memset(s, 0, sizeof *s);
    s->linesize = 80;
    s->pagesize = 14;
    s->numwidth = 10;
    s->feedback = 6;
    s->heading = 1;
    s->wrap = 1;
    s->long_width = 80;
    s->headsep = '|';
    s->null_text = xstrdup("");
    s->colsep = xstrdup(" ");
}

static void col_format_free(col_format *c)
{
    free(c->name);
    free(c->num_mask);
    free(c->heading);
}

void fmt_columns_clear(fmt_settings *s)
{
    for (size_t i = 0; i < s->ncols; i++)
        col_format_free(&s->cols[i]);
    free(s->cols);
    s->cols = NULL;
    s->ncols = 0;
}

void fmt_settings_free(fmt_settings *s)
{
    fmt_columns_clear(s);
    free(s->null_text);
    free(s->colsep);
}

const col_format *fmt_column_find(const fmt_settings *s, const char *name)
{
    for (size_t i = 0; i < s->ncols; i++)
        if (strcasecmp(s->cols[i].name, name) == 0) return &s->cols[i];
    return NULL;
}

col_format *fmt_column(fmt_settings *s, const char *name, int create)
{
    const col_format *found = fmt_column_find(s, name);
    if (found) return &s->cols[found - s->cols];
    if (!create) return NULL;
    s->cols = xrealloc(s->cols, (s->ncols + 1) * sizeof *s->cols);
    col_format *c = &s->cols[s->ncols++];
    memset(c, 0, sizeof *c);
    c->name = xstrdup(name);
    return c;
}

void fmt_column_remove(fmt_settings *s, const char *name)
{
    col_format *c = fmt_column(s, name, 0);
    if (!c) return;
    col_format_free(c);
    size_t i = (size_t)(c - s->cols);
    memmove(c, c + 1, (s->ncols - i - 1) * sizeof *c);
    s->ncols--;
}

void fmt_feedback(const fmt_settings *s, FILE *out, const char *message)
{
    if (s->feedback) fprintf(out, "\n%s\n\n", message);
}

/* ---- query layout ---- */

typedef enum col_kind { KIND_CHAR, KIND_NUMBER, KIND_DATE, KIND_TIMESTAMP } col_kind;

enum { FOLD_HEADING = 100 }; /* internal: every heading line cut to the width */

typedef struct chunk {
    size_t off, len;
} chunk;

/* The text of one cell and the pieces it is printed in. */
typedef struct cell {
    buf text;
    chunk *chunks;
    size_t nchunks, cap;
} cell;

typedef struct out_col {
    int src; /* index into the row's values */
    col_kind kind;
    int width;
    int fold;
    int has_mask;
    num_mask mask;
    int frac_digits;
    const char *heading;
    char heading_sep; /* 0 for a plain column name */
    int line;         /* layout line */
    cell head;        /* the heading, cut into its lines */
    cell value;       /* the current row's value */
} out_col;

/* Which cell of each column a printed line shows. */
typedef enum which_cell { SHOW_HEADING, SHOW_VALUE, SHOW_DASHES } which_cell;

struct fmt_query {
    const fmt_settings *s;
    FILE *out;
    out_col *cols;
    int ncols;
    int nlines; /* layout lines */
    uint64_t rows;
    int page_open;
    int lines_on_page;
    int rows_on_page;
    buf line;
};

/* ---- cells ---- */

static void cell_add_chunk(cell *c, size_t off, size_t len)
{
    if (c->nchunks == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 4;
        c->chunks = xrealloc(c->chunks, c->cap * sizeof *c->chunks);
    }
    c->chunks[c->nchunks++] = (chunk){off, len};
}

/* Cut one line of text [OFF, OFF+LEN) into pieces of at most WIDTH characters. */
static void cell_wrap_segment(cell *c, size_t off, size_t len, int width, int words)
{
    const char *t = (const char *)c->text.data;
    for (;;) {
        size_t cut = text_utf8_bytes(t + off, len, (size_t)width);
        if (cut == len) break;
        size_t next = cut;
        if (words) {
            size_t b = cut;
            while (b > 0 && t[off + b] != ' ')
                b--;
            if (b > 0) {
                cut = b;
                while (cut > 0 && t[off + cut - 1] == ' ')
                    cut--;
                next = b;
            }
            while (next < len && t[off + next] == ' ')
                next++;
        }
        cell_add_chunk(c, off, cut);
        off += next, len -= next;
    }
    cell_add_chunk(c, off, len);
}

/* Split the cell's text into printable chunks for a column WIDTH wide. */
static void cell_split(cell *c, int width, int fold, char sep)
{
    const char *t = buf_cstr(&c->text);
    size_t off = 0, total = c->text.len;
    c->nchunks = 0;
    for (;;) {
        const char *end = sep ? memchr(t + off, sep, total - off) : NULL;
        size_t len = end ? (size_t)(end - (t + off)) : total - off;
        if (fold == FOLD_TRUNCATED || fold == FOLD_HEADING)
            cell_add_chunk(c, off, text_utf8_bytes(t + off, len, (size_t)width));
        else
            cell_wrap_segment(c, off, len, width, fold == FOLD_WORD_WRAPPED);
        if (!end || fold == FOLD_TRUNCATED) break;
        off += len + 1;
    }
}

static col_kind kind_of(int type)
{
    switch (type) {
    case WDN_NUMBER:
    case WDN_BINARY_DOUBLE:
        return KIND_NUMBER;
    case WDN_DATE:
        return KIND_DATE;
    case WDN_TIMESTAMP:
    case WDN_TIMESTAMP_TZ:
    case WDN_TIMESTAMP_LTZ:
        return KIND_TIMESTAMP;
    default:
        return KIND_CHAR;
    }
}

/* Widest line of a heading (lines separated by SEP). */
static int heading_width(const char *h, char sep)
{
    int widest = 0;
    while (*h) {
        size_t n = sep ? strcspn(h, (char[]){sep, 0}) : strlen(h);
        if ((int)text_utf8_len(h, n) > widest) widest = (int)text_utf8_len(h, n);
        h += n;
        if (*h) h++;
    }
    return widest;
}

static int char_kind_width(const fmt_settings *s, const wdn_column *c, const col_format *f)
{
    if (f && f->char_width > 0) return f->char_width;
    switch (c->type) {
    case WDN_DATE:
        return 9;
    case WDN_TIMESTAMP:
    case WDN_TIMESTAMP_TZ:
    case WDN_TIMESTAMP_LTZ:
        return 75;
    case WDN_INTERVAL_YM:
    case WDN_INTERVAL_DS:
        return 29;
    case WDN_RAW:
        return 2 * c->size;
    case WDN_CLOB:
    case WDN_BLOB:
    case WDN_LONG:
    case WDN_LONG_RAW:
        return s->long_width;
    default:
        return c->size;
    }
}

static void setup_column(fmt_query *q, out_col *oc, const wdn_column *c, const col_format *f)
{
    const fmt_settings *s = q->s;
    oc->kind = kind_of(c->type);
    oc->heading = f && f->heading ? f->heading : c->name;
    oc->heading_sep = f && f->heading ? s->headsep : 0;
    oc->fold = f && f->fold != FOLD_DEFAULT ? (int)f->fold
               : s->wrap                    ? FOLD_WRAPPED
                                            : FOLD_TRUNCATED;
    oc->frac_digits = c->scale >= 0 && c->scale <= 9 ? c->scale : 6;
    if (oc->kind == KIND_NUMBER) {
        oc->has_mask = f && f->num_mask && num_mask_parse(f->num_mask, &oc->mask) == 0;
        oc->width = oc->has_mask ? oc->mask.width : s->numwidth;
        int hw = heading_width(oc->heading, oc->heading_sep);
        if (hw > oc->width) oc->width = hw;
    } else {
        oc->width = char_kind_width(s, c, f);
        if (oc->width > s->linesize) oc->width = s->linesize;
        if (oc->width < 1) oc->width = 1;
    }
    buf_init(&oc->head.text);
    buf_init(&oc->value.text);
    buf_puts(&oc->head.text, oc->heading);
    cell_split(&oc->head, oc->width, FOLD_HEADING, oc->heading_sep);
}

/* Assign each column to a layout line so that no line crosses LINESIZE. */
static void place_columns(fmt_query *q)
{
    int pos = 0, line = 0;
    int sep = (int)text_utf8_len(q->s->colsep, strlen(q->s->colsep));
    for (int i = 0; i < q->ncols; i++) {
        out_col *oc = &q->cols[i];
        if (pos > 0 && pos + sep + oc->width > q->s->linesize)
            line++, pos = 0;
        else if (pos > 0)
            pos += sep;
        oc->line = line;
        pos += oc->width;
    }
    q->nlines = line + 1;
}

fmt_query *fmt_query_new(const fmt_settings *s, const wdn_column *cols, int ncols, FILE *out)
{
    fmt_query *q = xcalloc(1, sizeof *q);
    q->s = s;
    q->out = out;
    q->cols = xcalloc((size_t)(ncols > 0 ? ncols : 1), sizeof *q->cols);
    for (int i = 0; i < ncols; i++) {
        const col_format *f = fmt_column_find(s, cols[i].name);
        if (f && f->noprint) continue;
        out_col *oc = &q->cols[q->ncols++];
        oc->src = i;
        setup_column(q, oc, &cols[i], f);
    }
    place_columns(q);
    buf_init(&q->line);
    return q;
}

void fmt_query_free(fmt_query *q)
{
    if (!q) return;
    for (int i = 0; i < q->ncols; i++) {
        buf_free(&q->cols[i].head.text);
        free(q->cols[i].head.chunks);
        buf_free(&q->cols[i].value.text);
        free(q->cols[i].value.chunks);
    }
    free(q->cols);
    buf_free(&q->line);
    free(q);
}

uint64_t fmt_query_rows(const fmt_query *q)
{
    return q->rows;
}

static void cell_set_value(const fmt_query *q, out_col *oc, const char *value)
{
    buf *t = &oc->value.text;
    buf_reset(t);
    if (!value)
        buf_puts(t, q->s->null_text);
    else if (oc->kind == KIND_NUMBER && oc->has_mask)
        number_mask_display(t, value, &oc->mask);
    else if (oc->kind == KIND_NUMBER)
        number_display(t, value, q->s->numwidth);
    else if (oc->kind == KIND_DATE)
        date_display(t, value);
    else if (oc->kind == KIND_TIMESTAMP)
        timestamp_display(t, value, oc->frac_digits);
    else
        buf_puts(t, value);
    if (oc->kind == KIND_NUMBER)
        cell_split(&oc->value, (int)t->len + 1, FOLD_TRUNCATED, 0);
    else
        cell_split(&oc->value, oc->width, oc->fold, '\n');
}

/* ---- printing ---- */

static const cell *shown(const out_col *oc, which_cell which)
{
    return which == SHOW_HEADING ? &oc->head : &oc->value;
}

static int line_height(const fmt_query *q, int line, which_cell which)
{
    int h = 1;
    for (int i = 0; i < q->ncols; i++) {
        const out_col *oc = &q->cols[i];
        if (oc->line == line && (int)shown(oc, which)->nchunks > h)
            h = (int)shown(oc, which)->nchunks;
    }
    return h;
}

static int block_height(const fmt_query *q, which_cell which)
{
    int h = 0;
    for (int l = 0; l < q->nlines; l++)
        h += line_height(q, l, which);
    return h;
}

static void pad(buf *b, int n)
{
    for (int i = 0; i < n; i++)
        buf_putc(b, ' ');
}

static void put_cell_line(buf *b, const out_col *oc, which_cell which, int k)
{
    if (which == SHOW_DASHES) {
        for (int d = 0; d < oc->width; d++)
            buf_putc(b, '-');
        return;
    }
    const cell *c = shown(oc, which);
    if ((size_t)k >= c->nchunks) {
        pad(b, oc->width);
        return;
    }
    const char *t = (const char *)c->text.data + c->chunks[k].off;
    size_t len = c->chunks[k].len;
    int gap = oc->width - (int)text_utf8_len(t, len);
    if (oc->kind == KIND_NUMBER) pad(b, gap);
    buf_put(b, t, len);
    if (oc->kind != KIND_NUMBER) pad(b, gap);
}

/* Output line K of layout line LINE (trailing blanks trimmed, as TRIMOUT ON does). */
static void print_line(fmt_query *q, int line, which_cell which, int k)
{
    buf *b = &q->line;
    int first = 1;
    buf_reset(b);
    for (int i = 0; i < q->ncols; i++) {
        if (q->cols[i].line != line) continue;
        if (!first) buf_puts(b, q->s->colsep);
        first = 0;
        put_cell_line(b, &q->cols[i], which, k);
    }
    while (b->len > 0 && b->data[b->len - 1] == ' ')
        b->len--;
    fprintf(q->out, "%s\n", buf_cstr(b));
}

static void print_block(fmt_query *q, which_cell which)
{
    for (int l = 0; l < q->nlines; l++) {
        int h = line_height(q, l, which);
        for (int k = 0; k < h; k++)
            print_line(q, l, which, k);
        if (which == SHOW_HEADING) print_line(q, l, SHOW_DASHES, 0);
    }
}

/* Start a page: its blank line, then the headings; returns the lines used. */
static int print_page_top(fmt_query *q)
{
    fputc('\n', q->out);
    if (!q->s->heading) return 1;
    print_block(q, SHOW_HEADING);
    return 1 + block_height(q, SHOW_HEADING) + q->nlines;
}

void fmt_query_row(fmt_query *q, const char *const *values)
{
    for (int i = 0; i < q->ncols; i++)
        cell_set_value(q, &q->cols[i], values[q->cols[i].src]);
    int height = block_height(q, SHOW_VALUE);
    q->rows++;
    if (q->s->pagesize > 0) {
        int full = q->rows_on_page > 0 && q->lines_on_page + height > q->s->pagesize;
        if (!q->page_open || full) {
            q->lines_on_page = print_page_top(q);
            q->page_open = 1;
            q->rows_on_page = 0;
        }
    }
    print_block(q, SHOW_VALUE);
    if (height > 1) fputc('\n', q->out), height++;
    q->lines_on_page += height;
    q->rows_on_page++;
}

void fmt_query_end(fmt_query *q)
{
    const fmt_settings *s = q->s;
    int show = s->feedback && (q->rows == 0 || q->rows >= (uint64_t)s->feedback);
    if (q->rows > 0 && (s->pagesize > 0 || show)) fputc('\n', q->out);
    if (!show) return;
    if (q->rows == 0)
        fprintf(q->out, "\nno rows selected\n\n");
    else if (q->rows == 1)
        fprintf(q->out, "1 row selected.\n\n");
    else
        fprintf(q->out, "%llu rows selected.\n\n", (unsigned long long)q->rows);
}
