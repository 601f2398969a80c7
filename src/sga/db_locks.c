/*
 * db_locks.c - the WAL index's locks in shared memory (see db_locks.h).
 *
 * The truth is each handle's masks; the per-lock counts and exclusive
 * holders are derived from them and kept in step under the latch.  A
 * process that dies holding the latch may leave them half-updated: the
 * next taker sees it (sga_latch_acquire_after_death) and counts them again
 * from the handles.
 */
#include "db_locks.h"

#include <sqlite3.h>
#include <stdint.h>
#include <string.h>

#include "latch.h"

typedef struct lock_handle {
    pid_t ospid;       /* 0: free */
    int16_t inst;
    uint8_t shared;    /* bit k: holds WAL-index lock k shared */
    uint8_t exclusive; /* bit k: holds it exclusively */
    uint8_t level;     /* its lock on the database file: SQLITE_LOCK_NONE ... _EXCLUSIVE */
    uint8_t dms;       /* a process's handle: its hold on the -shm file's switch (DB_LOCKS_DMS_*) */
    int32_t next_free; /* the free list (-1: end) */
} lock_handle;

struct db_locks {
    sga_latch latch;
    int nhandles;
    int32_t free_head;               /* first free handle, -1 when none */
    uint32_t shared[DB_LOCKS_WAL];   /* shared holders of each WAL-index lock */
    int32_t exclusive[DB_LOCKS_WAL]; /* its exclusive holder's handle, -1 for none */
    /* the database file: SHARED holders, and the holder (-1: none) of RESERVED, PENDING and
     * EXCLUSIVE (a holder of a level counts in the ones below it) */
    uint32_t file_shared;
    int32_t file_reserved, file_pending, file_exclusive;
    uint32_t dms_shared;   /* processes holding the -shm file's switch shared ... */
    int32_t dms_exclusive; /* ... and the one holding it exclusively (-1: none) */
    lock_handle handles[];
};

db_locks *the_db_locks;

size_t db_locks_size(int handles)
{
    return sizeof(db_locks) + (size_t)handles * sizeof(lock_handle);
}

/* The database-file counts gain HANDLE at LEVEL (from NONE). */
static void count_level(db_locks *w, int handle, int level)
{
    if (level >= SQLITE_LOCK_SHARED) w->file_shared++;
    if (level >= SQLITE_LOCK_RESERVED) w->file_reserved = handle;
    if (level >= SQLITE_LOCK_PENDING) w->file_pending = handle;
    if (level >= SQLITE_LOCK_EXCLUSIVE) w->file_exclusive = handle;
}

/* Count the locks again from the handles (after a holder of the latch died). */
static void recount(db_locks *w)
{
    for (int k = 0; k < DB_LOCKS_WAL; k++) w->shared[k] = 0, w->exclusive[k] = -1;
    w->file_shared = 0;
    w->file_reserved = w->file_pending = w->file_exclusive = -1;
    w->dms_shared = 0;
    w->dms_exclusive = -1;
    w->free_head = -1;
    for (int h = w->nhandles - 1; h >= 0; h--) {
        lock_handle *x = &w->handles[h];
        if (!x->ospid) {
            x->shared = x->exclusive = x->level = x->dms = 0;
            x->next_free = w->free_head;
            w->free_head = h;
            continue;
        }
        for (int k = 0; k < DB_LOCKS_WAL; k++) {
            if (x->shared & (1u << k)) w->shared[k]++;
            if (x->exclusive & (1u << k)) w->exclusive[k] = h;
        }
        count_level(w, h, x->level);
        if (x->dms == DB_LOCKS_DMS_SHARED) w->dms_shared++;
        if (x->dms == DB_LOCKS_DMS_EXCLUSIVE) w->dms_exclusive = h;
    }
}

static int valid(const db_locks *w, int handle) { return handle >= 0 && handle < w->nhandles; }

static void acquire(db_locks *w)
{
    if (sga_latch_acquire_after_death(&w->latch)) recount(w);
}

db_locks *db_locks_init(void *mem, int handles)
{
    db_locks *w = mem;
    sga_latch_init(&w->latch);
    w->nhandles = handles;
    recount(w); /* every handle free, nothing held */
    return w;
}

int db_locks_open(db_locks *w, pid_t ospid, int inst)
{
    acquire(w);
    int h = w->free_head;
    if (h >= 0) {
        lock_handle *x = &w->handles[h];
        w->free_head = x->next_free;
        x->shared = x->exclusive = x->level = x->dms = 0;
        x->inst = (int16_t)inst;
        x->ospid = ospid;
    }
    sga_latch_release(&w->latch);
    return h;
}

/* HANDLE gives up the locks of MASK it holds. */
static void release(db_locks *w, int handle, unsigned mask)
{
    lock_handle *x = &w->handles[handle];
    for (int k = 0; k < DB_LOCKS_WAL; k++) {
        unsigned bit = 1u << k;
        if (!(mask & bit)) continue;
        if (x->shared & bit) w->shared[k]--;
        if (x->exclusive & bit) w->exclusive[k] = -1;
    }
    x->shared &= (uint8_t)~mask;
    x->exclusive &= (uint8_t)~mask;
}

/* HANDLE's lock on the database file goes down to LEVEL. */
static void file_down(db_locks *w, int handle, int level)
{
    lock_handle *x = &w->handles[handle];
    if (x->level >= SQLITE_LOCK_EXCLUSIVE && level < SQLITE_LOCK_EXCLUSIVE) w->file_exclusive = -1;
    if (x->level >= SQLITE_LOCK_PENDING && level < SQLITE_LOCK_PENDING) w->file_pending = -1;
    if (x->level >= SQLITE_LOCK_RESERVED && level < SQLITE_LOCK_RESERVED) w->file_reserved = -1;
    if (x->level >= SQLITE_LOCK_SHARED && level < SQLITE_LOCK_SHARED) w->file_shared--;
    if (x->level > level) x->level = (uint8_t)level;
}

/* HANDLE's hold on the -shm file's switch becomes MODE. */
static void dms_set(db_locks *w, int handle, int mode)
{
    lock_handle *x = &w->handles[handle];
    if (x->dms == DB_LOCKS_DMS_SHARED) w->dms_shared--;
    if (x->dms == DB_LOCKS_DMS_EXCLUSIVE) w->dms_exclusive = -1;
    if (mode == DB_LOCKS_DMS_SHARED) w->dms_shared++;
    if (mode == DB_LOCKS_DMS_EXCLUSIVE) w->dms_exclusive = handle;
    x->dms = (uint8_t)mode;
}

/* Free HANDLE (its locks released). */
static void free_handle(db_locks *w, int handle)
{
    release(w, handle, 0xff);
    file_down(w, handle, SQLITE_LOCK_NONE);
    dms_set(w, handle, DB_LOCKS_DMS_NONE);
    lock_handle *x = &w->handles[handle];
    x->ospid = 0;
    x->next_free = w->free_head;
    w->free_head = handle;
}

void db_locks_close(db_locks *w, int handle)
{
    if (!valid(w, handle)) return;
    acquire(w);
    if (w->handles[handle].ospid) free_handle(w, handle);
    sga_latch_release(&w->latch);
}

/* May HANDLE take the locks of MASK (EXCLUSIVE: exclusively)? */
static int grantable(const db_locks *w, int handle, unsigned mask, int exclusive)
{
    const lock_handle *x = &w->handles[handle];
    for (int k = 0; k < DB_LOCKS_WAL; k++) {
        unsigned bit = 1u << k;
        if (!(mask & bit)) continue;
        if (w->exclusive[k] >= 0 && w->exclusive[k] != handle) return 0;
        uint32_t others = w->shared[k] - ((x->shared & bit) ? 1u : 0u);
        if (exclusive && others > 0) return 0;
    }
    return 1;
}

int db_locks_wal(db_locks *w, int handle, int offset, int n, int flags)
{
    if (!valid(w, handle) || offset < 0 || n < 1 || offset + n > DB_LOCKS_WAL)
        return SQLITE_IOERR_SHMLOCK;
    unsigned mask = ((1u << n) - 1u) << offset;
    int exclusive = (flags & SQLITE_SHM_EXCLUSIVE) != 0, rc = SQLITE_OK;
    acquire(w);
    lock_handle *x = &w->handles[handle];
    if (flags & SQLITE_SHM_UNLOCK) release(w, handle, mask);
    else if (!grantable(w, handle, mask, exclusive)) rc = SQLITE_BUSY;
    else {
        for (int k = 0; k < DB_LOCKS_WAL; k++) {
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

/* ---- the database file ---- */

/* Is holder H (-1: none) someone other than HANDLE? */
static int other(int h, int handle) { return h >= 0 && h != handle; }

/* HANDLE, at a lower level, up to LEVEL: 1 when granted.  EXCLUSIVE takes PENDING first and
 * keeps it while other SHARED holders remain. */
static int file_up(db_locks *w, int handle, int level)
{
    lock_handle *x = &w->handles[handle];
    if (level == SQLITE_LOCK_SHARED) {
        if (other(w->file_pending, handle) || other(w->file_exclusive, handle)) return 0;
        w->file_shared++;
        x->level = SQLITE_LOCK_SHARED;
        return 1;
    }
    if (x->level < SQLITE_LOCK_SHARED) return 0; /* SQLite asks for SHARED first */
    if (level == SQLITE_LOCK_RESERVED) {
        if (other(w->file_reserved, handle)) return 0;
        w->file_reserved = handle;
        x->level = SQLITE_LOCK_RESERVED;
        return 1;
    }
    /* PENDING or EXCLUSIVE */
    if (other(w->file_pending, handle) || other(w->file_exclusive, handle) ||
        (x->level < SQLITE_LOCK_RESERVED && other(w->file_reserved, handle)))
        return 0;
    w->file_pending = handle;
    if (x->level < SQLITE_LOCK_RESERVED) w->file_reserved = handle;
    x->level = SQLITE_LOCK_PENDING;
    if (level == SQLITE_LOCK_PENDING) return 1;
    if (w->file_shared > 1) return 0; /* others still read: PENDING stays */
    w->file_exclusive = handle;
    x->level = SQLITE_LOCK_EXCLUSIVE;
    return 1;
}

int db_locks_file_lock(db_locks *w, int handle, int level)
{
    if (!valid(w, handle)) return SQLITE_IOERR_LOCK;
    acquire(w);
    int ok = w->handles[handle].level >= level || file_up(w, handle, level);
    sga_latch_release(&w->latch);
    return ok ? SQLITE_OK : SQLITE_BUSY;
}

int db_locks_file_unlock(db_locks *w, int handle, int level)
{
    if (!valid(w, handle)) return SQLITE_IOERR_UNLOCK;
    acquire(w);
    file_down(w, handle, level);
    sga_latch_release(&w->latch);
    return SQLITE_OK;
}

int db_locks_file_reserved(db_locks *w, int handle)
{
    if (!valid(w, handle)) return 0;
    acquire(w);
    int held = other(w->file_reserved, handle) || other(w->file_pending, handle) ||
               other(w->file_exclusive, handle);
    sga_latch_release(&w->latch);
    return held;
}

/* What processes other than HANDLE's hold of the switch. */
static int dms_others(const db_locks *w, int handle)
{
    if (w->dms_exclusive >= 0 && w->dms_exclusive != handle) return DB_LOCKS_DMS_EXCLUSIVE;
    uint32_t mine = w->handles[handle].dms == DB_LOCKS_DMS_SHARED;
    return w->dms_shared > mine ? DB_LOCKS_DMS_SHARED : DB_LOCKS_DMS_NONE;
}

int db_locks_dms_held(db_locks *w, int handle)
{
    if (!valid(w, handle)) return DB_LOCKS_DMS_EXCLUSIVE;
    acquire(w);
    int held = dms_others(w, handle);
    sga_latch_release(&w->latch);
    return held;
}

int db_locks_dms(db_locks *w, int handle, int mode)
{
    if (!valid(w, handle)) return SQLITE_IOERR_LOCK;
    acquire(w);
    int others = dms_others(w, handle);
    int granted = mode == DB_LOCKS_DMS_NONE ||
                  (mode == DB_LOCKS_DMS_SHARED && others != DB_LOCKS_DMS_EXCLUSIVE) ||
                  (mode == DB_LOCKS_DMS_EXCLUSIVE && others == DB_LOCKS_DMS_NONE);
    if (granted) dms_set(w, handle, mode);
    sga_latch_release(&w->latch);
    return granted ? SQLITE_OK : SQLITE_BUSY;
}

/* Close the handles of process OSPID (when not 0), else of instance INST.  Returns how many. */
static int release_where(db_locks *w, pid_t ospid, int inst)
{
    int n = 0;
    acquire(w);
    for (int h = 0; h < w->nhandles; h++) {
        lock_handle *x = &w->handles[h];
        if (!x->ospid || (ospid ? x->ospid != ospid : x->inst != inst)) continue;
        free_handle(w, h);
        n++;
    }
    sga_latch_release(&w->latch);
    return n;
}

int db_locks_release_process(db_locks *w, pid_t ospid)
{
    return ospid > 0 ? release_where(w, ospid, 0) : 0;
}

int db_locks_release_instance(db_locks *w, int inst) { return release_where(w, 0, inst); }
