/*
 * titles.c - TTITLE/BTITLE/REPHEADER/REPFOOTER definitions and their lines
 * (see titles.h for the rules).
 *
 * Rendering places each group of items on a line of LINESIZE characters
 * held in a buffer; later groups overwrite earlier ones where they meet, as
 * SQL*Plus's printspec positions do.
 */
#include "wsql/titles.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "wsql/text.h"
#include "wsql/values.h"

void title_init(title_def *t)
{
    memset(t, 0, sizeof *t);
}

static void free_items(title_item *items, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(items[i].text);
    free(items);
}

void title_free(title_def *t)
{
    free(t->source);
    free_items(t->items, t->nitems);
    title_init(t);
}

/* ---- parsing ---- */

typedef struct item_list {
    title_item *items;
    size_t n;
} item_list;

static title_item *add_item(item_list *l, enum title_item_kind kind, char *text, int n)
{
    l->items = xrealloc(l->items, (l->n + 1) * sizeof *l->items);
    l->items[l->n] = (title_item){kind, text, n};
    return &l->items[l->n++];
}

/* An optional or required number after a clause; -1 when a required one is missing. */
static int clause_number(const char **p, int required, int dflt, int *n)
{
    const char *save = *p;
    word w;
    long v;
    int negative = 0;
    if (text_word(p, &w) && w.len > 1 && w.p[0] == '-') negative = 1, w.p++, w.len--;
    if (w.len > 0 && text_int(w, &v) == 0 && save != *p) {
        *n = negative ? -(int)v : (int)v;
        return 0;
    }
    *p = save;
    *n = dflt;
    return required ? -1 : 0;
}

static int is_keyword(word w)
{
    static const struct {
        const char *name;
        size_t min;
    } keywords[] = {{"LEFT", 2}, {"CENTER", 2}, {"RIGHT", 1}, {"COL", 3}, {"TAB", 3},
                    {"SKIP", 1}, {"FORMAT", 3}, {"BOLD", 4},  {"ON", 2},  {"OFF", 3}};
    for (size_t i = 0; i < sizeof keywords / sizeof *keywords; i++)
        if (text_is(w, keywords[i].name, keywords[i].min)) return 1;
    return 0;
}

/* One clause starting with W; -1 with a message in ERR. */
static int parse_clause(item_list *l, word w, const char **p, int *on, buf *err)
{
    int n;
    word value;
    if (w.p[0] == '\'' || w.p[0] == '"')
        add_item(l, TI_TEXT, text_unquote(w), 0);
    else if (text_is(w, "LEFT", 2))
        add_item(l, TI_LEFT, NULL, 0);
    else if (text_is(w, "CENTER", 2))
        add_item(l, TI_CENTER, NULL, 0);
    else if (text_is(w, "RIGHT", 1))
        add_item(l, TI_RIGHT, NULL, 0);
    else if (text_is(w, "BOLD", 4))
        add_item(l, TI_BOLD, NULL, 0);
    else if (text_is(w, "SKIP", 1)) {
        clause_number(p, 0, 1, &n);
        add_item(l, TI_SKIP, NULL, n);
    } else if (text_is(w, "COL", 3) || text_is(w, "TAB", 3)) {
        if (clause_number(p, 1, 0, &n) < 0) {
            buf_printf(err, "Number expected after %.*s", (int)w.len, w.p);
            return -1;
        }
        add_item(l, text_is(w, "COL", 3) ? TI_COL : TI_TAB, NULL, n);
    } else if (text_is(w, "FORMAT", 3)) {
        if (!text_word(p, &value)) {
            buf_puts(err, "FORMAT requires a format model");
            return -1;
        }
        add_item(l, TI_FORMAT, text_unquote(value), 0);
    } else if (text_is(w, "ON", 2) || text_is(w, "OFF", 3)) {
        *on = text_is(w, "ON", 2);
    } else {
        add_item(l, TI_VARIABLE, text_dup(w), 0);
    }
    return 0;
}

int title_set(title_def *t, const char *args, buf *err)
{
    const char *p = text_skip_blanks(args), *rest = p;
    word w, next;
    if (!text_word(&rest, &w)) return 0;
    if (!text_word(&rest, &next) && (text_is(w, "ON", 2) || text_is(w, "OFF", 3))) {
        if (!t->source && text_is(w, "ON", 2)) return 0; /* nothing to turn on */
        t->on = text_is(w, "ON", 2);
        return 0;
    }
    item_list l = {NULL, 0};
    int on = 1;
    int old_form = !text_word(&(const char *){rest}, &next) && !is_keyword(w);
    rest = p;
    while (text_word(&rest, &w)) {
        if (parse_clause(&l, w, &rest, &on, err) < 0) {
            free_items(l.items, l.n);
            return -1;
        }
    }
    title_free(t);
    t->source = text_trim_right(xstrdup(p));
    t->items = l.items;
    t->nitems = l.n;
    t->on = on;
    t->old_form = old_form;
    return 0;
}

/* ---- rendering ---- */

typedef struct render {
    const title_context *c;
    buf *out;
    int lines;
    buf line; /* the line being built, blank-padded */
    int pos;
    int bold;
    enum title_item_kind align; /* of the open group; TI_TEXT = where the last one ended */
    buf group;
    const char *format;
} render;

static void put_at(render *r, int at, const char *text, size_t len)
{
    if (at < 0) at = 0;
    while (r->line.len < (size_t)at + len)
        buf_putc(&r->line, ' ');
    memcpy(r->line.data + at, text, len);
    r->pos = at + (int)len;
}

static void flush_group(render *r)
{
    int len = (int)r->group.len;
    int at = r->pos;
    if (r->align == TI_LEFT)
        at = 0;
    else if (r->align == TI_CENTER)
        at = (r->c->linesize - len) / 2;
    else if (r->align == TI_RIGHT)
        at = r->c->linesize - len;
    if (len > 0) put_at(r, at, (const char *)r->group.data, r->group.len);
    buf_reset(&r->group);
    r->align = TI_TEXT;
}

static void end_line(render *r)
{
    size_t len = r->line.len;
    while (len > 0 && r->line.data[len - 1] == ' ')
        len--;
    for (int i = 0; i < (r->bold ? 3 : 1); i++) {
        buf_put(r->out, r->line.data, len);
        buf_putc(r->out, '\n');
        r->lines++;
    }
    buf_reset(&r->line);
    r->pos = 0;
    r->bold = 0;
}

/* A number item through the current FORMAT (NUMWIDTH without one). */
static void put_number(render *r, long value)
{
    char text[32];
    num_mask mask;
    buf shown;
    buf_init(&shown);
    snprintf(text, sizeof text, "%ld", value);
    int has_mask = r->format && num_mask_parse(r->format, &mask) == 0;
    if (has_mask)
        number_mask_display(&shown, text, &mask);
    else
        number_display(&shown, text, r->c->numwidth);
    for (size_t n = shown.len; n < (size_t)(has_mask ? mask.width : r->c->numwidth); n++)
        buf_putc(&r->group, ' ');
    buf_puts(&r->group, buf_cstr(&shown));
    buf_free(&shown);
}

/* A text item; FORMAT An pads or cuts it to n characters. */
static void put_text(render *r, const char *text)
{
    long width;
    const char *f = r->format;
    if (f && (f[0] == 'a' || f[0] == 'A') && text_int((word){f + 1, strlen(f + 1)}, &width) == 0) {
        size_t len = strlen(text);
        buf_put(&r->group, text, len < (size_t)width ? len : (size_t)width);
        for (size_t i = len; i < (size_t)width; i++)
            buf_putc(&r->group, ' ');
    } else {
        buf_puts(&r->group, text);
    }
}

static void put_variable(render *r, const char *name)
{
    const title_context *c = r->c;
    if (strcasecmp(name, "SQL.PNO") == 0)
        put_number(r, c->page);
    else if (strcasecmp(name, "SQL.LNO") == 0)
        put_number(r, c->line + r->lines + 1);
    else if (strcasecmp(name, "SQL.SQLCODE") == 0)
        put_number(r, c->sqlcode);
    else if (strcasecmp(name, "SQL.RELEASE") == 0)
        put_text(r, "1900000000");
    else if (strcasecmp(name, "SQL.USER") == 0)
        put_text(r, c->user ? c->user : "");
    else {
        const char *value = c->lookup ? c->lookup(c->lookup_ctx, name) : NULL;
        put_text(r, value ? value : name);
    }
}

static void render_item(render *r, const title_item *it)
{
    switch (it->kind) {
    case TI_TEXT:
        put_text(r, it->text);
        break;
    case TI_VARIABLE:
        put_variable(r, it->text);
        break;
    case TI_LEFT:
    case TI_CENTER:
    case TI_RIGHT:
        flush_group(r);
        r->align = it->kind;
        break;
    case TI_COL:
        flush_group(r);
        r->pos = it->n > 0 ? it->n - 1 : 0;
        break;
    case TI_TAB:
        flush_group(r);
        r->pos = r->pos + it->n < 0 ? 0 : r->pos + it->n;
        break;
    case TI_SKIP:
        flush_group(r);
        if (it->n == 0) {
            r->pos = 0;
            break;
        }
        end_line(r);
        for (int i = 1; i < it->n; i++)
            end_line(r);
        break;
    case TI_FORMAT:
        flush_group(r);
        r->format = it->text;
        break;
    case TI_BOLD:
        r->bold = 1;
        break;
    }
}

/* The old form's text: each '|'-separated piece centred on its own line. */
static void render_centred_lines(render *r, const char *text)
{
    char sep = r->c->headsep ? r->c->headsep : '|';
    for (;;) {
        const char *end = strchr(text, sep);
        size_t len = end ? (size_t)(end - text) : strlen(text);
        buf_put(&r->group, text, len);
        r->align = TI_CENTER;
        flush_group(r);
        end_line(r);
        if (!end) break;
        text = end + 1;
    }
}

/* TTITLE 'text': date left, "page    n" right, the text centred, a blank line;
 * BTITLE 'text': a blank line, the text centred. */
static void render_old_form(render *r, const title_def *t, int bottom)
{
    const char *text = t->nitems > 0 && t->items[0].text ? t->items[0].text : "";
    if (bottom) {
        end_line(r);
        render_centred_lines(r, text);
        return;
    }
    char date[32] = "", page[32];
    if (r->c->now) strftime(date, sizeof date, "%a %b %d", r->c->now);
    snprintf(page, sizeof page, "page %4d", r->c->page);
    put_at(r, 0, date, strlen(date));
    put_at(r, r->c->linesize - (int)strlen(page), page, strlen(page));
    end_line(r);
    render_centred_lines(r, text);
    end_line(r);
}

int title_render(const title_def *t, int bottom, const title_context *c, buf *out)
{
    render r;
    memset(&r, 0, sizeof r);
    r.c = c, r.out = out, r.align = TI_TEXT;
    buf_init(&r.line), buf_init(&r.group);
    if (t->old_form) {
        render_old_form(&r, t, bottom);
    } else {
        for (size_t i = 0; i < t->nitems; i++)
            render_item(&r, &t->items[i]);
        flush_group(&r);
        if (r.line.len > 0 || r.lines == 0) end_line(&r);
    }
    buf_free(&r.line), buf_free(&r.group);
    return r.lines;
}
