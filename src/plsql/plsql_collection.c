/*
 * plsql_collection.c - the container behind PL/SQL associative arrays: a
 * sparse map from keys to values, kept as one array sorted by key (integer
 * keys in numeric order, text keys in byte order as NLS_SORT BINARY has it)
 * and searched by bisection.  Filling it in key order - what FOR loops and
 * host array binds do - appends; an insertion elsewhere moves the elements
 * after it.  FIRST, LAST, NEXT and PRIOR are positions in the array.
 */
#include <stdlib.h>
#include <string.h>

#include "plsql_collection.h"

pl_coll *pl_coll_new(int by_text)
{
    pl_coll *c = xcalloc(1, sizeof *c);
    c->by_text = by_text;
    return c;
}

static void free_entry(pl_coll_entry *e)
{
    free(e->s);
    pv_free(&e->v);
}

void pl_coll_clear(pl_coll *c)
{
    for (int i = 0; i < c->n; i++) free_entry(&c->e[i]);
    free(c->e);
    c->e = NULL;
    c->n = c->cap = 0;
    c->size = 0;
}

void pl_coll_free(pl_coll *c)
{
    if (!c) return;
    pl_coll_clear(c);
    free(c);
}

pl_coll *pl_coll_copy(const pl_coll *c)
{
    pl_coll *d = pl_coll_new(c->by_text);
    d->cap = d->n = c->n;
    d->size = c->size;
    d->e = xcalloc((size_t)(c->n ? c->n : 1), sizeof *d->e);
    for (int i = 0; i < c->n; i++) {
        d->e[i].i = c->e[i].i;
        d->e[i].s = c->e[i].s ? xstrdup(c->e[i].s) : NULL;
        d->e[i].v = pv_copy(&c->e[i].v);
    }
    return d;
}

static int compare(const pl_coll *c, const pl_coll_entry *e, const pl_key *k)
{
    if (c->by_text) return strcmp(e->s, k->s);
    return (e->i > k->i) - (e->i < k->i);
}

/* 1 with *POS the element of key K, or 0 with *POS where it would go. */
static int search(const pl_coll *c, const pl_key *k, int *pos)
{
    int lo = 0, hi = c->n;
    if (c->n && compare(c, &c->e[c->n - 1], k) < 0) return *pos = c->n, 0; /* appending */
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2, cmp = compare(c, &c->e[mid], k);
        if (cmp == 0) return *pos = mid, 1;
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *pos = lo;
    return 0;
}

pval *pl_coll_get(const pl_coll *c, const pl_key *k)
{
    int pos;
    return search(c, k, &pos) ? &c->e[pos].v : NULL;
}

pval *pl_coll_put(pl_coll *c, const pl_key *k)
{
    int pos;
    if (search(c, k, &pos)) return &c->e[pos].v;
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 8;
        c->e = xrealloc(c->e, sizeof *c->e * (size_t)c->cap);
    }
    memmove(&c->e[pos + 1], &c->e[pos], sizeof *c->e * (size_t)(c->n - pos));
    c->n++;
    c->e[pos] = (pl_coll_entry){.i = k->i, .s = c->by_text ? xstrdup(k->s) : NULL};
    c->e[pos].v = pv_null();
    return &c->e[pos].v;
}

/* Drop the elements at positions FROM .. TO-1. */
static void remove_span(pl_coll *c, int from, int to)
{
    if (from >= to) return;
    for (int i = from; i < to; i++) free_entry(&c->e[i]);
    memmove(&c->e[from], &c->e[to], sizeof *c->e * (size_t)(c->n - to));
    c->n -= to - from;
}

void pl_coll_delete(pl_coll *c, const pl_key *k)
{
    int pos;
    if (search(c, k, &pos)) remove_span(c, pos, pos + 1);
}

void pl_coll_delete_range(pl_coll *c, const pl_key *lo, const pl_key *hi)
{
    int from, to;
    search(c, lo, &from);
    if (search(c, hi, &to)) to++;
    remove_span(c, from, to);
}

int pl_coll_after(const pl_coll *c, const pl_key *k)
{
    int pos;
    if (search(c, k, &pos)) pos++;
    return pos < c->n ? pos : -1;
}

int pl_coll_before(const pl_coll *c, const pl_key *k)
{
    int pos;
    search(c, k, &pos);
    return pos - 1;
}
