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

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

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
    s->newpage = 1;
    s->underline = '-';
    s->trimout = 1;
    s->csv_delimiter = ',';
    s->csv_quote = 1;
}

static void col_format_free(col_format *c)
{
    free(c->name);
    free(c->num_mask);
    free(c->heading);
    free(c->null_text);
    free(c->new_value);
    free(c->old_value);
}

void fmt_columns_clear(fmt_settings *s)
{
    for (size_t i = 0; i < s->ncols; i++)
        col_format_free(&s->cols[i]);
    free(s->cols);
    s->cols = NULL;
    s->ncols = 0;
}

void fmt_breaks_clear(fmt_settings *s)
{
    for (size_t i = 0; i < s->nbreaks; i++)
        free(s->breaks[i].name);
    free(s->breaks);
    s->breaks = NULL;
    s->nbreaks = 0;
}

void fmt_computes_clear(fmt_settings *s)
{
    for (size_t i = 0; i < s->ncomputes; i++) {
        compute_def *c = &s->computes[i];
        free(c->of), free(c->on);
        for (int f = 0; f < FN_COUNT_ALL; f++)
            free(c->labels[f]);
    }
    free(s->computes);
    s->computes = NULL;
    s->ncomputes = 0;
}

const char *fmt_compute_fn_name(enum compute_fn fn)
{
    static const char *const names[FN_COUNT_ALL] = {"avg",    "count", "minimum", "maximum",
                                                    "number", "sum",   "std",     "variance"};
    return names[fn];
}

void fmt_settings_free(fmt_settings *s)
{
    fmt_columns_clear(s);
    fmt_breaks_clear(s);
    fmt_computes_clear(s);
    title_free(&s->ttitle);
    title_free(&s->btitle);
    title_free(&s->repheader);
    title_free(&s->repfooter);
    free(s->null_text);
    free(s->colsep);
    free(s->numformat);
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
    int justify;      /* COLUMN JUSTIFY of the heading: 0, 'L', 'C', 'R' */
    const char *null_text;
    int line;       /* layout line */
    cell head;      /* the heading, cut into its lines */
    cell value;     /* the current row's value */
    cell extra;     /* a summary line's text (COMPUTE) */
    int extra_left; /* ... aligned left even in a number column (labels) */
} out_col;

/* A BREAK element while a query prints. */
typedef struct break_state {
    const break_def *def;
    int src;    /* its column among the row's values; -1 for ROW, REPORT or one not selected */
    int out;    /* its printed column, -1 when not printed */
    char *prev; /* the previous row's value; NULL for SQL NULL */
} break_state;

/* One COMPUTE (column, element) pair while a query prints. */
typedef struct accumulator {
    const compute_def *def;
    int src, out; /* the computed column */
    int level;    /* its break_state */
    uint64_t rows, count;
    long double sum, sumsq;
    char *min, *max;
    int numeric;
} accumulator;

/* Which cell of each column a printed line shows. */
typedef enum which_cell { SHOW_HEADING, SHOW_VALUE, SHOW_DASHES, SHOW_EXTRA } which_cell;

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
    int page;         /* SQL.PNO */
    int page_pending; /* SKIP PAGE: the next row starts a page */
    break_state *breaks;
    int nbreaks;
    accumulator *accs;
    int naccs;
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
    oc->justify = f ? f->justify : 0;
    oc->null_text = f && f->null_text ? f->null_text : s->null_text;
    oc->fold = f && f->fold != FOLD_DEFAULT ? (int)f->fold
               : s->wrap                    ? FOLD_WRAPPED
                                            : FOLD_TRUNCATED;
    oc->frac_digits = c->scale >= 0 && c->scale <= 9 ? c->scale : 6;
    if (oc->kind == KIND_NUMBER) {
        const char *mask = f && f->num_mask ? f->num_mask : s->numformat;
        oc->has_mask = mask && num_mask_parse(mask, &oc->mask) == 0;
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
    buf_init(&oc->extra.text);
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

/* The row position of the column NAME (-1), and its printed column in *OUT (-1). */
static int find_source(const fmt_query *q, const wdn_column *cols, int ncols, const char *name,
                       int *out)
{
    *out = -1;
    if (!name) return -1;
    for (int i = 0; i < ncols; i++) {
        if (strcasecmp(cols[i].name, name) != 0) continue;
        for (int k = 0; k < q->ncols; k++)
            if (q->cols[k].src == i) *out = k;
        return i;
    }
    return -1;
}

static void setup_breaks(fmt_query *q, const wdn_column *cols, int ncols)
{
    const fmt_settings *s = q->s;
    q->breaks = xcalloc(s->nbreaks + 1, sizeof *q->breaks);
    for (size_t i = 0; i < s->nbreaks; i++) {
        break_state *b = &q->breaks[q->nbreaks++];
        b->def = &s->breaks[i];
        b->src = b->def->kind == BREAK_COLUMN ? find_source(q, cols, ncols, b->def->name, &b->out)
                                              : (b->out = -1, -1);
    }
}

/* The break a COMPUTE ... ON names, or -1 when BREAK does not define it. */
static int break_level(const fmt_query *q, const compute_def *c)
{
    for (int i = 0; i < q->nbreaks; i++) {
        const break_def *b = q->breaks[i].def;
        if (b->kind != c->on_kind) continue;
        if (b->kind != BREAK_COLUMN || strcasecmp(b->name, c->on) == 0) return i;
    }
    return -1;
}

static void setup_computes(fmt_query *q, const wdn_column *cols, int ncols)
{
    const fmt_settings *s = q->s;
    q->accs = xcalloc(s->ncomputes + 1, sizeof *q->accs);
    for (size_t i = 0; i < s->ncomputes; i++) {
        accumulator a = {.def = &s->computes[i]};
        a.src = find_source(q, cols, ncols, a.def->of, &a.out);
        a.level = break_level(q, a.def);
        if (a.src < 0 || a.out < 0 || a.level < 0) continue;
        a.numeric = q->cols[a.out].kind == KIND_NUMBER;
        q->accs[q->naccs++] = a;
    }
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
    setup_breaks(q, cols, ncols);
    setup_computes(q, cols, ncols);
    buf_init(&q->line);
    return q;
}

static void accumulator_reset(accumulator *a)
{
    free(a->min), free(a->max);
    a->min = a->max = NULL;
    a->rows = a->count = 0;
    a->sum = a->sumsq = 0;
}

void fmt_query_free(fmt_query *q)
{
    if (!q) return;
    for (int i = 0; i < q->ncols; i++) {
        buf_free(&q->cols[i].head.text);
        free(q->cols[i].head.chunks);
        buf_free(&q->cols[i].value.text);
        free(q->cols[i].value.chunks);
        buf_free(&q->cols[i].extra.text);
        free(q->cols[i].extra.chunks);
    }
    for (int i = 0; i < q->nbreaks; i++)
        free(q->breaks[i].prev);
    for (int i = 0; i < q->naccs; i++)
        accumulator_reset(&q->accs[i]);
    free(q->breaks);
    free(q->accs);
    free(q->cols);
    buf_free(&q->line);
    free(q);
}

uint64_t fmt_query_rows(const fmt_query *q)
{
    return q->rows;
}

/* VALUE as the column shows it (its format, NUMWIDTH, the date layout). */
static void display_text(const fmt_query *q, const out_col *oc, const char *value, buf *t)
{
    buf_reset(t);
    if (!value)
        buf_puts(t, oc->null_text);
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
}

static void cell_set_value(const fmt_query *q, out_col *oc, const char *value)
{
    buf *t = &oc->value.text;
    display_text(q, oc, value, t);
    if (oc->kind == KIND_NUMBER)
        cell_split(&oc->value, (int)t->len + 1, FOLD_TRUNCATED, 0);
    else
        cell_split(&oc->value, oc->width, oc->fold, '\n');
}

/* ---- printing ---- */

static const cell *shown(const out_col *oc, which_cell which)
{
    return which == SHOW_HEADING ? &oc->head : which == SHOW_EXTRA ? &oc->extra : &oc->value;
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

/* Blanks before a piece GAP characters narrower than its column. */
static int left_gap(const out_col *oc, which_cell which, int gap)
{
    if (which == SHOW_HEADING && oc->justify)
        return oc->justify == 'R' ? gap : oc->justify == 'C' ? gap / 2 : 0;
    if (which == SHOW_EXTRA && oc->extra_left) return 0;
    return oc->kind == KIND_NUMBER ? gap : 0;
}

static void put_cell_line(buf *b, const fmt_query *q, const out_col *oc, which_cell which, int k)
{
    if (which == SHOW_DASHES) {
        for (int d = 0; d < oc->width; d++)
            buf_putc(b, (uint8_t)(q->s->underline ? q->s->underline : ' '));
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
    int before = left_gap(oc, which, gap);
    pad(b, before);
    buf_put(b, t, len);
    pad(b, gap - before);
}

/* Output line K of layout line LINE (trailing blanks trimmed under TRIMOUT ON). */
static void print_line(fmt_query *q, int line, which_cell which, int k)
{
    buf *b = &q->line;
    int first = 1;
    buf_reset(b);
    for (int i = 0; i < q->ncols; i++) {
        if (q->cols[i].line != line) continue;
        if (!first) buf_puts(b, q->s->colsep);
        first = 0;
        put_cell_line(b, q, &q->cols[i], which, k);
    }
    while (q->s->trimout && b->len > 0 && b->data[b->len - 1] == ' ')
        b->len--;
    fprintf(q->out, "%s\n", buf_cstr(b));
}

static void print_block(fmt_query *q, which_cell which)
{
    for (int l = 0; l < q->nlines; l++) {
        int h = line_height(q, l, which);
        for (int k = 0; k < h; k++)
            print_line(q, l, which, k);
        if (which == SHOW_HEADING && q->s->underline) print_line(q, l, SHOW_DASHES, 0);
    }
}

/* ---- titles ---- */

/* Print title T (top or bottom); returns its lines. */
static int print_title(fmt_query *q, const title_def *t, int bottom)
{
    if (!t->on || !t->source) return 0;
    title_context c = q->s->title_ctx;
    c.linesize = q->s->linesize;
    c.numwidth = q->s->numwidth;
    c.headsep = q->s->headsep;
    c.page = q->page;
    c.line = q->lines_on_page;
    time_t now = time(NULL);
    struct tm tm;
    c.now = localtime_r(&now, &tm);
    buf text;
    buf_init(&text);
    int lines = title_render(t, bottom, &c, &text);
    fputs(buf_cstr(&text), q->out);
    buf_free(&text);
    return lines;
}

/* BTITLE at the foot of a full page: blank lines down to it, then the title. */
static void end_page(fmt_query *q)
{
    const title_def *t = &q->s->btitle;
    if (!t->on || !t->source || q->s->pagesize <= 0 || !q->page_open) return;
    title_context c = q->s->title_ctx;
    c.linesize = q->s->linesize, c.numwidth = q->s->numwidth, c.page = q->page;
    buf text;
    buf_init(&text);
    int height = title_render(t, 1, &c, &text);
    buf_free(&text);
    for (int n = q->lines_on_page + height; n < q->s->pagesize; n++)
        fputc('\n', q->out);
    print_title(q, t, 1);
}

/* Start a page: NEWPAGE, TTITLE, REPHEADER on the first, the headings; returns the lines used. */
static int print_page_top(fmt_query *q)
{
    const fmt_settings *s = q->s;
    int lines = s->newpage > 0 ? s->newpage : 0;
    if (s->newpage == 0) fputc('\f', q->out);
    for (int i = 0; i < s->newpage; i++)
        fputc('\n', q->out);
    q->page++;
    lines += print_title(q, &s->ttitle, 0);
    if (q->page == 1) lines += print_title(q, &s->repheader, 0);
    if (!s->heading) return lines;
    print_block(q, SHOW_HEADING);
    return lines + block_height(q, SHOW_HEADING) + (s->underline ? q->nlines : 0);
}

/* ---- BREAK and COMPUTE ---- */

static int same_value(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* The outermost break whose element changed with VALUES; NBREAKS when none did. */
static int first_break(const fmt_query *q, const char *const *values)
{
    for (int i = 0; i < q->nbreaks; i++) {
        const break_state *b = &q->breaks[i];
        if (b->def->kind == BREAK_ROW) return i;
        if (b->src >= 0 && !same_value(b->prev, values[b->src])) return i;
    }
    return q->nbreaks;
}

static long double number_of(const char *text)
{
    return text ? strtold(text, NULL) : 0;
}

/* Is A before B (numbers by value, other values as their text, which orders dates too)? */
static int comes_before(const accumulator *a, const char *x, const char *y)
{
    return a->numeric ? number_of(x) < number_of(y) : strcmp(x, y) < 0;
}

static void accumulate(fmt_query *q, const char *const *values)
{
    for (int i = 0; i < q->naccs; i++) {
        accumulator *a = &q->accs[i];
        const char *v = values[a->src];
        a->rows++;
        if (!v) continue;
        a->count++;
        long double x = a->numeric ? number_of(v) : 0;
        a->sum += x, a->sumsq += x * x;
        if (!a->min || comes_before(a, v, a->min)) free(a->min), a->min = xstrdup(v);
        if (!a->max || comes_before(a, a->max, v)) free(a->max), a->max = xstrdup(v);
    }
}

static void put_number_text(buf *t, long double x)
{
    char text[64];
    snprintf(text, sizeof text, "%.15Lg", x);
    buf_puts(t, text);
}

/* The text of FN over A's group, NULL (printed empty) when it has no value. */
static int compute_text(const accumulator *a, enum compute_fn fn, buf *t)
{
    long double n = (long double)a->count;
    buf_reset(t);
    switch (fn) {
    case FN_COUNT:
        put_number_text(t, n);
        return 1;
    case FN_NUMBER:
        put_number_text(t, (long double)a->rows);
        return 1;
    case FN_MIN:
    case FN_MAX:
        if (!a->count) return 0;
        buf_puts(t, fn == FN_MIN ? a->min : a->max);
        return 1;
    default:
        break;
    }
    if (!a->numeric || !a->count) return 0;
    long double var = a->count > 1 ? (a->sumsq - a->sum * a->sum / n) / (n - 1) : 0;
    if (var < 0) var = 0;
    if (fn == FN_SUM) put_number_text(t, a->sum);
    if (fn == FN_AVG) put_number_text(t, a->sum / n);
    if (fn == FN_VAR) put_number_text(t, var);
    if (fn == FN_STD) put_number_text(t, sqrtl(var));
    return 1;
}

static void clear_extra(fmt_query *q)
{
    for (int i = 0; i < q->ncols; i++) {
        buf_reset(&q->cols[i].extra.text);
        q->cols[i].extra.nchunks = 0;
        q->cols[i].extra_left = 0;
    }
}

static void set_extra(out_col *oc, const char *text, int left, int fold)
{
    buf_reset(&oc->extra.text);
    buf_puts(&oc->extra.text, text);
    oc->extra_left = left;
    cell_split(&oc->extra, oc->width, fold, 0);
}

static void print_extra(fmt_query *q)
{
    q->lines_on_page += block_height(q, SHOW_EXTRA);
    print_block(q, SHOW_EXTRA);
}

/* The "**********  ----------" line over a group's computed values. */
static void print_summary_rule(fmt_query *q, const break_state *b, int level)
{
    clear_extra(q);
    buf fill;
    buf_init(&fill);
    for (int i = 0; i < q->ncols; i++) {
        int computed = 0;
        for (int k = 0; k < q->naccs; k++)
            computed |= q->accs[k].level == level && q->accs[k].out == i;
        char c = i == b->out ? '*' : computed ? (q->s->underline ? q->s->underline : ' ') : 0;
        if (!c) continue;
        buf_reset(&fill);
        for (int w = 0; w < q->cols[i].width; w++)
            buf_putc(&fill, (uint8_t)c);
        set_extra(&q->cols[i], buf_cstr(&fill), 1, FOLD_TRUNCATED);
    }
    buf_free(&fill);
    print_extra(q);
}

/* One line per function: its label in the break column (the first column for REPORT and ROW). */
static void print_summary_line(fmt_query *q, const break_state *b, int level, enum compute_fn fn)
{
    int label_col = b->def->kind == BREAK_COLUMN ? b->out : 0;
    const char *label = NULL;
    buf t;
    buf_init(&t);
    clear_extra(q);
    for (int k = 0; k < q->naccs; k++) {
        const accumulator *a = &q->accs[k];
        if (a->level != level || !(a->def->fns & (1u << fn))) continue;
        if (!label) label = a->def->labels[fn] ? a->def->labels[fn] : fmt_compute_fn_name(fn);
        if (a->out == label_col) label_col = -1; /* a value there hides the label */
        buf shown_text;
        buf_init(&shown_text);
        int has = compute_text(a, fn, &t);
        out_col *oc = &q->cols[a->out];
        if (has && (a->numeric || fn == FN_MIN || fn == FN_MAX))
            display_text(q, oc, buf_cstr(&t), &shown_text);
        else if (has)
            buf_puts(&shown_text, buf_cstr(&t));
        set_extra(oc, buf_cstr(&shown_text), oc->kind != KIND_NUMBER, FOLD_TRUNCATED);
        buf_free(&shown_text);
    }
    if (label_col >= 0 && label) set_extra(&q->cols[label_col], label, 1, FOLD_TRUNCATED);
    buf_free(&t);
    print_extra(q);
}

/* The summary lines of break LEVEL's group, then its accumulators start again. */
static void print_summaries(fmt_query *q, int level)
{
    unsigned fns = 0;
    for (int k = 0; k < q->naccs; k++)
        if (q->accs[k].level == level) fns |= q->accs[k].def->fns;
    if (!fns) return;
    const break_state *b = &q->breaks[level];
    print_summary_rule(q, b, level);
    for (int fn = 0; fn < FN_COUNT_ALL; fn++)
        if (fns & (1u << fn)) print_summary_line(q, b, level, (enum compute_fn)fn);
    for (int k = 0; k < q->naccs; k++)
        if (q->accs[k].level == level) accumulator_reset(&q->accs[k]);
}

/* End break LEVEL's group: its summaries, then SKIP n (SKIP PAGE starts a page next). */
static void close_group(fmt_query *q, int level, int at_end)
{
    const break_def *d = q->breaks[level].def;
    print_summaries(q, level);
    if (d->skip == BREAK_SKIP_PAGE) {
        if (!at_end) q->page_pending = 1;
        return;
    }
    for (int i = 0; i < d->skip; i++)
        fputc('\n', q->out);
    q->lines_on_page += d->skip;
}

/* A break at FROM closes the groups from the innermost out to FROM (REPORT only at the end). */
static void close_groups(fmt_query *q, int from, int at_end)
{
    for (int level = q->nbreaks - 1; level >= from; level--)
        if (q->breaks[level].def->kind != BREAK_REPORT) close_group(q, level, at_end);
    if (!at_end) return;
    for (int level = 0; level < q->nbreaks; level++)
        if (q->breaks[level].def->kind == BREAK_REPORT) close_group(q, level, at_end);
}

/* NODUPLICATES: blank the break columns that did not change. */
static void suppress_duplicates(fmt_query *q, int fired)
{
    if (q->rows == 0) return;
    for (int i = 0; i < fired && i < q->nbreaks; i++) {
        const break_state *b = &q->breaks[i];
        if (b->out < 0 || b->def->duplicates) continue;
        out_col *oc = &q->cols[b->out];
        buf_reset(&oc->value.text);
        oc->value.nchunks = 0;
        cell_add_chunk(&oc->value, 0, 0);
    }
}

static void remember_breaks(fmt_query *q, const char *const *values)
{
    for (int i = 0; i < q->nbreaks; i++) {
        break_state *b = &q->breaks[i];
        if (b->src < 0) continue;
        free(b->prev);
        b->prev = values[b->src] ? xstrdup(values[b->src]) : NULL;
    }
}

/* ---- rows ---- */

/* Does a row HEIGHT lines tall start a new page? */
static int starts_page(const fmt_query *q, int height)
{
    if (q->s->pagesize <= 0) return 0;
    int full = q->rows_on_page > 0 && q->lines_on_page + height > q->s->pagesize;
    return !q->page_open || full || q->page_pending;
}

/* ---- SET MARKUP CSV ON ---- */

static void put_csv_text(const fmt_query *q, buf *b, const char *text)
{
    if (!q->s->csv_quote) {
        buf_puts(b, text);
        return;
    }
    buf_putc(b, '"');
    for (const char *p = text; *p; p++) {
        if (*p == '"') buf_putc(b, '"');
        buf_putc(b, (uint8_t)*p);
    }
    buf_putc(b, '"');
}

/* One CSV line: the headings (VALUES NULL) or a row; numbers and NULLs unquoted. */
static void print_csv_line(fmt_query *q, const char *const *values)
{
    buf *b = &q->line, shown_text;
    buf_reset(b);
    buf_init(&shown_text);
    for (int i = 0; i < q->ncols; i++) {
        const out_col *oc = &q->cols[i];
        if (i > 0) buf_putc(b, (uint8_t)q->s->csv_delimiter);
        const char *v = values ? values[oc->src] : oc->heading;
        if (values && !v) continue;
        display_text(q, oc, v, &shown_text);
        const char *t = buf_cstr(&shown_text);
        while (*t == ' ')
            t++; /* a number mask's sign position */
        if (values && oc->kind == KIND_NUMBER)
            buf_puts(b, t);
        else
            put_csv_text(q, b, values ? t : v);
    }
    buf_free(&shown_text);
    fprintf(q->out, "%s\n", buf_cstr(b));
}

static void csv_row(fmt_query *q, const char *const *values)
{
    if (q->rows == 0) {
        for (int i = 0; i < q->s->newpage; i++)
            fputc('\n', q->out);
        if (q->s->heading) print_csv_line(q, NULL);
    }
    q->rows++;
    print_csv_line(q, values);
}

void fmt_query_row(fmt_query *q, const char *const *values)
{
    if (q->s->csv) {
        csv_row(q, values);
        return;
    }
    int fired = q->rows > 0 ? first_break(q, values) : q->nbreaks;
    if (q->rows > 0 && fired < q->nbreaks) close_groups(q, fired, 0);
    accumulate(q, values);
    for (int i = 0; i < q->ncols; i++)
        cell_set_value(q, &q->cols[i], values[q->cols[i].src]);
    int height = block_height(q, SHOW_VALUE);
    int new_page = starts_page(q, height);
    if (!new_page) suppress_duplicates(q, fired); /* a page's first row shows its break values */
    remember_breaks(q, values);
    if (new_page) {
        end_page(q);
        q->lines_on_page = print_page_top(q);
        q->page_open = 1;
        q->rows_on_page = 0;
        q->page_pending = 0;
    }
    q->rows++;
    print_block(q, SHOW_VALUE);
    if (height > 1) fputc('\n', q->out), height++;
    q->lines_on_page += height;
    q->rows_on_page++;
}

void fmt_query_end(fmt_query *q)
{
    const fmt_settings *s = q->s;
    if (q->rows > 0 && !s->csv) {
        close_groups(q, 0, 1);
        if (s->pagesize > 0) q->lines_on_page += print_title(q, &s->repfooter, 0);
        end_page(q);
    }
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
