/*
 * bitmap.h - a bit per item in an array of 64-bit words: the SGA's taken
 * slots (sga.c) and a V$ snapshot's cells that repeat the row before
 * (vtab.c).  The caller owns the words; these only address them.
 */
#ifndef WARDEN_BITMAP_H
#define WARDEN_BITMAP_H

#include <stddef.h>
#include <stdint.h>

/* Words for N bits. */
static inline size_t bitmap_words(size_t n) { return (n + 63) / 64; }

static inline int bitmap_get(const uint64_t *map, size_t i)
{
    return (int)(map[i / 64] >> (i % 64) & 1);
}

/* Bit I becomes ON (0 or 1). */
static inline void bitmap_put(uint64_t *map, size_t i, int on)
{
    if (on) map[i / 64] |= 1ull << (i % 64);
    else map[i / 64] &= ~(1ull << (i % 64));
}

#endif
