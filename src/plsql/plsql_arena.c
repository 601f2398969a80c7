/*
 * plsql_arena.c - the memory of one compiled program: many small zeroed
 * allocations from large chunks, all freed together with the program.
 */
#include <stdlib.h>
#include <string.h>

#include "plsql_int.h"

#define CHUNK_SIZE 16384

struct pl_chunk {
    struct pl_chunk *next;
    size_t used, size;
    _Alignas(max_align_t) unsigned char data[];
};

static struct pl_chunk *new_chunk(pl_arena *a, size_t size)
{
    struct pl_chunk *c = xmalloc(sizeof *c + size);
    c->used = 0;
    c->size = size;
    c->next = a->chunks;
    a->chunks = c;
    return c;
}

void *pl_alloc(pl_arena *a, size_t n)
{
    size_t need = (n + _Alignof(max_align_t) - 1) & ~(_Alignof(max_align_t) - 1);
    struct pl_chunk *c = a->chunks;
    if (!c || c->size - c->used < need) c = new_chunk(a, need > CHUNK_SIZE ? need : CHUNK_SIZE);
    void *p = c->data + c->used;
    c->used += need;
    memset(p, 0, n);
    return p;
}

char *pl_strndup(pl_arena *a, const char *s, size_t n)
{
    char *p = pl_alloc(a, n + 1);
    memcpy(p, s, n);
    return p;
}

void pl_arena_free(pl_arena *a)
{
    while (a->chunks) {
        struct pl_chunk *next = a->chunks->next;
        free(a->chunks);
        a->chunks = next;
    }
}
