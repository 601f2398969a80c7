/*
 * xlat_parts.c - one Oracle statement written as several SQLite statements
 * (MERGE, INSERT ALL / FIRST): the translator writes each clause once into
 * its output as it parses it, notes where it went (an xpart), and then puts
 * the parts together into the statements, in the order they run, each part
 * as often as a statement needs it.  The offset map goes along with the
 * text, so SQLite's errors still point into the Oracle text; binds keep
 * their ?N numbers, which a part written twice uses twice.
 */
#include <stdlib.h>
#include <string.h>

#include "xlat.h"

void part_begin(const xlat *x, xpart *p)
{
    p->from = p->to = (int)x->out.len;
}

void part_end(const xlat *x, xpart *p)
{
    p->to = (int)x->out.len;
}

void asm_init(xasm *a)
{
    memset(a, 0, sizeof *a);
    buf_init(&a->out);
}

static void asm_map(xasm *a, int sqlite_off, int oracle_off)
{
    if (a->nmap == a->cap) {
        a->cap = a->cap ? 2 * a->cap : 64;
        a->map = xrealloc(a->map, sizeof *a->map * (size_t)a->cap);
    }
    a->map[a->nmap++] = (sql_offset){sqlite_off, oracle_off};
}

/* A blank between what A ends with and FIRST, unless one is there or a parenthesis. */
static void separate(xasm *a, int first)
{
    int last = a->out.len ? a->out.data[a->out.len - 1] : ' ';
    if (last != ' ' && last != '(' && first != ' ' && first != ')') buf_putc(&a->out, ' ');
}

void asm_text(xasm *a, const char *text, int oracle_off)
{
    while (text[0] == ' ' && a->out.len && a->out.data[a->out.len - 1] == ' ') text++;
    separate(a, (unsigned char)text[0]);
    asm_map(a, (int)a->out.len, oracle_off);
    buf_puts(&a->out, text);
}

/* X's output [FROM, TO) with the map entries in it. */
static void asm_range(xasm *a, const xlat *x, int from, int to)
{
    while (from < to && x->out.data[from] == ' ') from++;
    while (to > from && x->out.data[to - 1] == ' ') to--;
    if (from == to) return;
    separate(a, x->out.data[from]);
    int at = (int)a->out.len;
    for (int i = 0; i < x->text.nmap; i++) {
        const sql_offset *m = &x->text.map[i];
        if (m->sqlite_off >= from && m->sqlite_off < to)
            asm_map(a, at + m->sqlite_off - from, m->oracle_off);
    }
    buf_put(&a->out, x->out.data + from, (size_t)(to - from));
}

void asm_part(xasm *a, const xlat *x, const xpart *p)
{
    asm_range(a, x, p->from, p->to);
}

void asm_inner(xasm *a, const xlat *x, const xpart *p)
{
    int from = p->from, to = p->to;
    while (from < to && x->out.data[from] != '(') from++;
    while (to > from && x->out.data[to - 1] != ')') to--;
    if (to - from >= 2) asm_range(a, x, from + 1, to - 1);
}

void asm_end_statement(xasm *a)
{
    buf_puts(&a->out, ";");
    a->nstatements++;
}

void asm_finish(xlat *x, xasm *a)
{
    if (a->out.len && a->out.data[a->out.len - 1] == ';') a->out.len--;
    buf_free(&x->out);
    x->out = a->out;
    free(x->text.map);
    x->text.map = a->map;
    x->text.nmap = a->nmap;
    x->mapcap = a->cap;
    x->text.nstatements = a->nstatements;
}

/* Does the SQLite text of part P name table TABLE ("S.T")? */
int part_names(const xlat *x, const xpart *p, const char *table)
{
    char *text = xstrndup((const char *)x->out.data + p->from, (size_t)(p->to - p->from)), name[300];
    int found = 0;
    for (const char *q = text; !found && sql_next_object_name(&q, name, sizeof name);)
        found = !strcmp(name, table);
    free(text);
    return found;
}

/* ---- moving text within one statement (hierarchical queries: xlat_connect.c) ---- */

void asm_cut(xasm *a, xlat *x, int from)
{
    asm_range(a, x, from, (int)x->out.len);
    x->out.len = (size_t)from;
    while (x->text.nmap > 0 && x->text.map[x->text.nmap - 1].sqlite_off >= from)
        x->text.nmap--;
}

void asm_append(xasm *a, const xasm *src)
{
    if (!src->out.len) return;
    separate(a, src->out.data[0]);
    int at = (int)a->out.len;
    for (int i = 0; i < src->nmap; i++)
        asm_map(a, at + src->map[i].sqlite_off, src->map[i].oracle_off);
    buf_put(&a->out, src->out.data, src->out.len);
}

void asm_replace_tail(xlat *x, int from, const xasm *a)
{
    x->out.len = (size_t)from;
    while (x->text.nmap > 0 && x->text.map[x->text.nmap - 1].sqlite_off >= from)
        x->text.nmap--;
    int last = from ? x->out.data[from - 1] : ' ';
    if (last != ' ' && last != '(') buf_putc(&x->out, ' ');
    int at = (int)x->out.len;
    for (int i = 0; i < a->nmap; i++) {
        if (x->text.nmap == x->mapcap) {
            x->mapcap = x->mapcap ? 2 * x->mapcap : 64;
            x->text.map = xrealloc(x->text.map, sizeof *x->text.map * (size_t)x->mapcap);
        }
        x->text.map[x->text.nmap++] = (sql_offset){at + a->map[i].sqlite_off, a->map[i].oracle_off};
    }
    buf_put(&x->out, a->out.data, a->out.len);
}

void asm_free(xasm *a)
{
    buf_free(&a->out);
    free(a->map);
    asm_init(a);
}
