/*
 * wal_locks.c - the WAL index's locks in shared memory (see wal_locks.h).
 *
 * The truth is each handle's masks; the per-lock counts and exclusive
 * holders are derived from them and kept in step under the latch.  A
 * process that dies holding the latch may leave them half-updated: the
 * next taker sees it (sga_latch_acquire_after_death) and counts them again
 * from the handles.
 */
#include "wal_locks.h"

#include <sqlite3.h>
#include <stdint.h>
#include <string.h>

#include "latch.h"

typedef struct wal_handle {
    pid_t ospid;      /* 0: free */
    int16_t inst;
    uint8_t shared;   /* bit k: holds lock k shared */
    uint8_t exclusive; /* bit k: holds lock k exclusively */
    int32_t next_free; /* the free list (-1: end) */
} wal_handle;

struct wal_locks {
    sga_latch latch;
    int nhandles;
    int32_t free_head;              /* first free handle, -1 when none */
    uint32_t shared[WAL_LOCKS_N];   /* shared holders of each lock */
    int32_t exclusive[WAL_LOCKS_N]; /* its exclusive holder's handle, -1 for none */
    wal_handle handles[];
};

wal_locks *the_wal_locks;

size_t wal_locks_size(int handles)
{
    return sizeof(wal_locks) + (size_t)handles * sizeof(wal_handle);
}

/* Count the locks again from the handles (after a holder of the latch died). */
static void recount(wal_locks *w)
{
    for (int k = 0; k < WAL_LOCKS_N; k++) w->shared[k] = 0, w->exclusive[k] = -1;
    w->free_head = -1;
    for (int h = w->nhandles - 1; h >= 0; h--) {
        wal_handle *x = &w->handles[h];
        if (!x->ospid) {
            x->shared = x->exclusive = 0;
            x->next_free = w->free_head;
            w->free_head = h;
            continue;
        }
        for (int k = 0; k < WAL_LOCKS_N; k++) {
            if (x->shared & (1u << k)) w->shared[k]++;
            if (x->exclusive & (1u << k)) w->exclusive[k] = h;
        }
    }
}

static void acquire(wal_locks *w)
{
    if (sga_latch_acquire_after_death(&w->latch)) recount(w);
}

wal_locks *wal_locks_init(void *mem, int handles)
{
    wal_locks *w = mem;
    sga_latch_init(&w->latch);
    w->nhandles = handles;
    recount(w); /* every handle free, nothing held */
    return w;
}

int wal_locks_open(wal_locks *w, pid_t ospid, int inst)
{
    acquire(w);
    int h = w->free_head;
    if (h >= 0) {
        wal_handle *x = &w->handles[h];
        w->free_head = x->next_free;
        x->shared = x->exclusive = 0;
        x->inst = (int16_t)inst;
        x->ospid = ospid;
    }
    sga_latch_release(&w->latch);
    return h;
}

/* HANDLE gives up the locks of MASK it holds. */
static void release(wal_locks *w, int handle, unsigned mask)
{
    wal_handle *x = &w->handles[handle];
    for (int k = 0; k < WAL_LOCKS_N; k++) {
        unsigned bit = 1u << k;
        if (!(mask & bit)) continue;
        if (x->shared & bit) w->shared[k]--;
        if (x->exclusive & bit) w->exclusive[k] = -1;
    }
    x->shared &= (uint8_t)~mask;
    x->exclusive &= (uint8_t)~mask;
}

/* Free HANDLE (its locks released). */
static void free_handle(wal_locks *w, int handle)
{
    release(w, handle, 0xff);
    wal_handle *x = &w->handles[handle];
    x->ospid = 0;
    x->next_free = w->free_head;
    w->free_head = handle;
}

void wal_locks_close(wal_locks *w, int handle)
{
    if (handle < 0 || handle >= w->nhandles) return;
    acquire(w);
    if (w->handles[handle].ospid) free_handle(w, handle);
    sga_latch_release(&w->latch);
}

/* May HANDLE take the locks of MASK (EXCLUSIVE: exclusively)? */
static int grantable(const wal_locks *w, int handle, unsigned mask, int exclusive)
{
    const wal_handle *x = &w->handles[handle];
    for (int k = 0; k < WAL_LOCKS_N; k++) {
        unsigned bit = 1u << k;
        if (!(mask & bit)) continue;
        if (w->exclusive[k] >= 0 && w->exclusive[k] != handle) return 0;
        uint32_t others = w->shared[k] - ((x->shared & bit) ? 1u : 0u);
        if (exclusive && others > 0) return 0;
    }
    return 1;
}

int wal_locks_lock(wal_locks *w, int handle, int offset, int n, int flags)
{
    if (handle < 0 || handle >= w->nhandles || offset < 0 || n < 1 || offset + n > WAL_LOCKS_N)
        return SQLITE_IOERR_SHMLOCK;
    unsigned mask = ((1u << n) - 1u) << offset;
    int exclusive = (flags & SQLITE_SHM_EXCLUSIVE) != 0, rc = SQLITE_OK;
    acquire(w);
    wal_handle *x = &w->handles[handle];
    if (flags & SQLITE_SHM_UNLOCK) release(w, handle, mask);
    else if (!grantable(w, handle, mask, exclusive)) rc = SQLITE_BUSY;
    else {
        for (int k = 0; k < WAL_LOCKS_N; k++) {
            unsigned bit = 1u << k;
            if (!(mask & bit)) continue;
            if (exclusive && !(x->exclusive & bit)) {
                if (x->shared & bit) w->shared[k]--, x->shared &= (uint8_t)~bit;
                w->exclusive[k] = handle;
                x->exclusive |= (uint8_t)bit;
            } else if (!exclusive && !(x->shared & bit) && !(x->exclusive & bit)) {
                w->shared[k]++;
                x->shared |= (uint8_t)bit;
            }
        }
    }
    sga_latch_release(&w->latch);
    return rc;
}

/* Close the handles of process OSPID (when not 0), else of instance INST.  Returns how many. */
static int release_where(wal_locks *w, pid_t ospid, int inst)
{
    int n = 0;
    acquire(w);
    for (int h = 0; h < w->nhandles; h++) {
        wal_handle *x = &w->handles[h];
        if (!x->ospid || (ospid ? x->ospid != ospid : x->inst != inst)) continue;
        free_handle(w, h);
        n++;
    }
    sga_latch_release(&w->latch);
    return n;
}

int wal_locks_release_process(wal_locks *w, pid_t ospid)
{
    return ospid > 0 ? release_where(w, ospid, 0) : 0;
}

int wal_locks_release_instance(wal_locks *w, int inst) { return release_where(w, 0, inst); }
