/*
 * locks.c - the lock manager (see locks.h; docs/design.md, "Locks").
 *
 * Layout, all in one piece of the SGA, addressed by offsets from its start:
 *   header | transaction slots | partitions | entries | buckets
 * Entries and buckets are numbered globally; row partition p owns entries
 * [p * per_part, (p + 1) * per_part) and buckets [p * part_buckets, ...);
 * the table-lock (TM) partition comes last.  Entry and bucket numbers are
 * stored + 1, so 0 means none.
 *
 * Who writes what:
 * - a partition's free list, buckets and entries: under its latch;
 * - a transaction's chain of locks (head, count): its owner only (or PMON
 *   after the owner died), inside the partition latch of the entry moved;
 * - transaction slots' open/free state and wait records: under the TX latch.
 * Orders that keep a dead process's half-done update harmless: an entry is
 * linked into its bucket before its owner's chain, and leaves the chain
 * before its bucket; an entry whose owner's slot is no longer open with the
 * same sequence is dead, and whoever walks past it frees it; a partition
 * whose latch holder died gets its free list rebuilt from what its buckets
 * reach.  Latches never nest, except TX then TM in the views.
 */
#include "locks.h"
#include "clock.h"
#include "latch.h"

#include <limits.h>
#include <linux/futex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define LK_PARTITIONS 64    /* row and key partitions (a power of two) */
#define LK_SLOTS_PER_USN 32 /* XIDSLOT range per XIDUSN */
#define LK_SLICE_US 10000   /* longest sleep between interrupt checks */
#define LK_RETRY (-1)       /* internal: the holder moved on, look at the lock again */

lk_area *the_locks;

typedef struct lk_entry {
    union {
        int64_t id;       /* LK_ROW: rowid; LK_KEY: key hash */
        int64_t since_us; /* LK_TM: wall clock of the grant in the current mode */
    };
    uint32_t obj;
    uint8_t kind, mode;
    uint16_t unused;
    uint32_t owner, owner_seq; /* transaction slot and its sequence; owner 0 = free */
    uint32_t hnext;            /* next in the bucket, or in the free list */
    uint32_t tnext;            /* the owner's next older lock */
} lk_entry;

/* A hash bucket: its chain, and (rows and keys) the SCN of the last commit that released a
 * lock hashed here; together, so that a lock or a release touches one cache line. */
typedef struct lk_bucket {
    uint64_t stamp;
    uint32_t head;
    uint32_t unused;
} lk_bucket;

typedef struct lk_part {
    _Alignas(64) sga_latch latch;
    uint32_t first; /* entry number of its first entry (0-based) */
    uint32_t cap;
    uint32_t bucket0;   /* its first bucket */
    uint32_t nbuckets;  /* a power of two */
    uint32_t free_head; /* entries given back; entries beyond hwm were never used */
    uint32_t hwm;
    uint32_t used;
    int counted; /* its entries count against ROW_LOCKS (the row and key partitions) */
} lk_part;

typedef struct lk_slot {
    uint32_t live; /* = seq while the transaction is open, 0 when the slot is free */
    uint32_t seq;  /* XIDSQN: new on every begin, never 0 */
    uint32_t wake; /* futex word: bumped whenever its waiters should look again */
    int inst;      /* the owning session's instance (INST_ID) */
    int sid;
    uint32_t serial;
    pid_t spid;
    int64_t start_us;
    uint32_t head, count; /* its locks, newest first */
    /* what it waits for (TX latch); wait_txn 0 = not waiting */
    uint32_t wait_txn, wait_seq;
    int wait_kind, wait_mode;
    uint32_t wait_obj;
    int64_t wait_id;
    int64_t wait_since_us;
} lk_slot;

struct lk_area {
    uint64_t scn;
    sga_latch tx_latch;
    int ntxn;
    int txn_hwm; /* slots ever used; scans stop there */
    int repairs;
    uint32_t row_limit; /* ROW_LOCKS: row and key entries in use at most, all partitions */
    uint32_t row_used;  /* atomic */
    uint32_t per_part, part_buckets, nrows, ntm, tm_buckets;
    size_t off_slots, off_parts, off_entries, off_buckets;
};

/* ---------------------------------------------------------------- layout */

/* The largest power of two not above N (at least 1): about one entry per bucket at most. */
static uint32_t pow2_at_most(uint32_t n)
{
    uint32_t p = 1;
    while (p <= n / 2)
        p <<= 1;
    return p;
}

typedef struct lk_dims {
    int ntxn;
    uint32_t rows, per_part, part_buckets, ntm, tm_buckets;
    size_t off_slots, off_parts, off_entries, off_buckets, size;
} lk_dims;

static uint32_t sqrt_u32(uint32_t n)
{
    uint32_t r = 0;
    while ((uint64_t)(r + 1) * (r + 1) <= n)
        r++;
    return r;
}

static size_t align64(size_t n)
{
    return (n + 63) & ~(size_t)63;
}

static lk_dims dims_of(const warden_config *cfg)
{
    lk_dims d;
    d.ntxn = config_transactions(cfg);
    d.rows = cfg->row_locks > 0 ? (uint32_t)cfg->row_locks : 2097152;
    /* Room for the unevenness of hashing (several standard deviations), so that the limit
     * is ROW_LOCKS in total, not the first partition to fill up. */
    uint32_t even = (d.rows + LK_PARTITIONS - 1) / LK_PARTITIONS;
    d.per_part = even + 8 * (uint32_t)sqrt_u32(even) + 64;
    d.part_buckets = pow2_at_most(d.per_part);
    d.ntm = (uint32_t)config_dml_locks(cfg);
    d.tm_buckets = pow2_at_most(d.ntm);
    uint32_t entries = d.per_part * LK_PARTITIONS + d.ntm;
    uint32_t buckets = d.part_buckets * LK_PARTITIONS + d.tm_buckets;
    d.off_slots = align64(sizeof(lk_area));
    d.off_parts = align64(d.off_slots + sizeof(lk_slot) * (size_t)d.ntxn);
    d.off_entries = align64(d.off_parts + sizeof(lk_part) * (LK_PARTITIONS + 1));
    d.off_buckets = align64(d.off_entries + sizeof(lk_entry) * (size_t)entries);
    d.size = align64(d.off_buckets + sizeof(lk_bucket) * (size_t)buckets);
    return d;
}

size_t lk_area_size(const warden_config *cfg)
{
    return dims_of(cfg).size;
}

static lk_part *part_at(const lk_area *lk, int p)
{
    return (lk_part *)((char *)lk + lk->off_parts) + p;
}

lk_area *lk_area_init(void *mem, const warden_config *cfg)
{
    lk_dims d = dims_of(cfg);
    lk_area *lk = mem;
    lk->ntxn = d.ntxn;
    lk->row_limit = d.rows;
    lk->per_part = d.per_part;
    lk->part_buckets = d.part_buckets;
    lk->nrows = d.per_part * LK_PARTITIONS;
    lk->ntm = d.ntm;
    lk->tm_buckets = d.tm_buckets;
    lk->off_slots = d.off_slots;
    lk->off_parts = d.off_parts;
    lk->off_entries = d.off_entries;
    lk->off_buckets = d.off_buckets;
    lk->scn = 1;
    sga_latch_init(&lk->tx_latch);
    for (int p = 0; p <= LK_PARTITIONS; p++) {
        lk_part *pt = part_at(lk, p);
        sga_latch_init(&pt->latch);
        pt->first = (uint32_t)p * d.per_part;
        pt->cap = p < LK_PARTITIONS ? d.per_part : d.ntm;
        pt->bucket0 = (uint32_t)p * d.part_buckets;
        pt->nbuckets = p < LK_PARTITIONS ? d.part_buckets : d.tm_buckets;
        pt->counted = p < LK_PARTITIONS;
    }
    return lk;
}

/* Transaction slot I (1-based). */
static lk_slot *slot_at(const lk_area *lk, int i)
{
    return (lk_slot *)((char *)lk + lk->off_slots) + (i - 1);
}

/* Entry number N (1-based). */
static lk_entry *entry_at(const lk_area *lk, uint32_t n)
{
    return (lk_entry *)((char *)lk + lk->off_entries) + (n - 1);
}

static lk_bucket *bucket_at(const lk_area *lk, uint32_t bucket)
{
    return (lk_bucket *)((char *)lk + lk->off_buckets) + bucket;
}

static uint32_t *head_at(const lk_area *lk, uint32_t bucket)
{
    return &bucket_at(lk, bucket)->head;
}

static uint64_t *stamp_at(const lk_area *lk, uint32_t bucket)
{
    return &bucket_at(lk, bucket)->stamp;
}

static int tm_part(void)
{
    return LK_PARTITIONS;
}

static int part_of_entry(const lk_area *lk, uint32_t n)
{
    uint32_t i = n - 1;
    return i >= lk->nrows ? tm_part() : (int)(i / lk->per_part);
}

/* --------------------------------------------------------------- hashing */

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

/* The partition of a row or key lock: spread evenly, whatever the rowids. */
static int part_of_key(int kind, uint32_t obj, int64_t id)
{
    return (int)(mix64(((uint64_t)obj << 2 | (uint64_t)kind) ^ mix64((uint64_t)id)) &
                 (LK_PARTITIONS - 1));
}

/*
 * The bucket of a row or key lock inside its partition: rowids that are
 * near each other get buckets that are near each other (a run of rows locked
 * together touches a few pages of buckets, not one page per row); each
 * bucket still gets about one of 64 neighbouring rowids, as the partition
 * took one in 64 of them.
 */
static uint32_t bucket_of_key(const lk_area *lk, int p, int kind, uint32_t obj, int64_t id)
{
    const lk_part *pt = part_at(lk, p);
    uint64_t near = mix64((uint64_t)obj << 2 | (uint64_t)kind) + ((uint64_t)id >> 6);
    return pt->bucket0 + (uint32_t)(near & (pt->nbuckets - 1));
}

static uint32_t bucket_of_table(const lk_area *lk, uint32_t obj)
{
    const lk_part *pt = part_at(lk, tm_part());
    return pt->bucket0 + (uint32_t)(mix64(obj) & (pt->nbuckets - 1));
}

static uint32_t bucket_of_entry(const lk_area *lk, int p, const lk_entry *e)
{
    return e->kind == LK_TM ? bucket_of_table(lk, e->obj)
                            : bucket_of_key(lk, p, e->kind, e->obj, e->id);
}

/* ------------------------------------------------------------ partitions */

static int owner_live(const lk_area *lk, const lk_entry *e)
{
    return e->owner &&
           __atomic_load_n(&slot_at(lk, (int)e->owner)->live, __ATOMIC_ACQUIRE) == e->owner_seq;
}

static void free_push(lk_part *pt, lk_entry *e, uint32_t n)
{
    e->owner = 0;
    e->hnext = pt->free_head;
    pt->free_head = n;
}

/* Count an entry of PT in (N = 1) or out (-1) of ROW_LOCKS; 0 if that would pass the limit. */
static int row_quota(lk_area *lk, const lk_part *pt, int n)
{
    if (!pt->counted) return 1;
    uint32_t now = __atomic_add_fetch(&lk->row_used, (uint32_t)n, __ATOMIC_ACQ_REL);
    if (n < 0 || now <= lk->row_limit) return 1;
    __atomic_sub_fetch(&lk->row_used, (uint32_t)n, __ATOMIC_ACQ_REL);
    return 0;
}

static void entry_free(lk_area *lk, lk_part *pt, lk_entry *e, uint32_t n)
{
    free_push(pt, e, n);
    pt->used--;
    row_quota(lk, pt, -1);
}

static uint32_t entry_alloc(lk_area *lk, lk_part *pt)
{
    if (!row_quota(lk, pt, 1)) return 0;
    uint32_t n = pt->free_head;
    if (n)
        pt->free_head = entry_at(lk, n)->hnext;
    else if (pt->hwm < pt->cap)
        n = pt->first + ++pt->hwm;
    else {
        row_quota(lk, pt, -1);
        return 0;
    }
    pt->used++;
    return n;
}

/*
 * The previous latch holder died mid-update: make the free list what the
 * buckets do not reach.  Chains are only ever changed by single-word writes,
 * so they are well formed; what a dead process had taken but not linked, or
 * unlinked but not given back, returns to the free list.
 */
static void part_repair(lk_area *lk, lk_part *pt)
{
    uint8_t *reached = calloc(pt->hwm + 1, 1);
    if (!reached) return; /* the lost entries wait for the next repair */
    uint32_t used = 0;
    for (uint32_t b = pt->bucket0; b < pt->bucket0 + pt->nbuckets; b++) {
        uint32_t *link = head_at(lk, b);
        for (uint32_t steps = 0; *link; steps++) {
            uint32_t local = *link - 1 - pt->first;
            if (local >= pt->hwm || reached[local] || steps > pt->hwm) {
                *link = 0; /* cannot happen with whole-word updates; cut rather than loop */
                break;
            }
            reached[local] = 1;
            used++;
            link = &entry_at(lk, *link)->hnext;
        }
    }
    pt->free_head = 0;
    if (pt->counted) /* what the dead process had counted but not linked, or unlinked only */
        __atomic_add_fetch(&lk->row_used, used - pt->used, __ATOMIC_ACQ_REL);
    pt->used = used;
    for (uint32_t local = pt->hwm; local-- > 0;)
        if (!reached[local])
            free_push(pt, entry_at(lk, pt->first + local + 1), pt->first + local + 1);
    free(reached);
    __atomic_add_fetch(&lk->repairs, 1, __ATOMIC_RELAXED);
}

static lk_part *part_acquire(lk_area *lk, int p)
{
    lk_part *pt = part_at(lk, p);
    if (sga_latch_acquire_after_death(&pt->latch)) part_repair(lk, pt);
    return pt;
}

static void part_release(lk_part *pt)
{
    sga_latch_release(&pt->latch);
}

/*
 * The first live entry at or after **LINK in a bucket, freeing dead ones on
 * the way; *LINK is left at the link that names it.  0 at the end.
 */
static uint32_t next_live(lk_area *lk, lk_part *pt, uint32_t **link)
{
    for (uint32_t steps = 0; **link && steps <= pt->cap; steps++) {
        uint32_t n = **link;
        lk_entry *e = entry_at(lk, n);
        if (owner_live(lk, e)) return n;
        **link = e->hnext;
        entry_free(lk, pt, e, n);
    }
    return 0;
}

#define FOR_LIVE(lk, pt, bucket, n)                                                                \
    for (uint32_t *link_ = head_at(lk, bucket), n; (n = next_live(lk, pt, &link_)) != 0;           \
         link_ = &entry_at(lk, n)->hnext)

static void bucket_unlink(lk_area *lk, const lk_part *pt, uint32_t bucket, uint32_t n)
{
    uint32_t *link = head_at(lk, bucket);
    for (uint32_t steps = 0; *link && steps <= pt->cap; steps++) {
        if (*link == n) {
            *link = entry_at(lk, n)->hnext;
            return;
        }
        link = &entry_at(lk, *link)->hnext;
    }
}

/* Take a free entry of PT for TXN and link it into BUCKET, then into TXN's chain. 0 if full. */
static uint32_t entry_link(lk_area *lk, lk_part *pt, uint32_t bucket, int txn, const lk_entry *key)
{
    uint32_t n = entry_alloc(lk, pt);
    if (!n) return 0;
    lk_slot *me = slot_at(lk, txn);
    lk_entry *e = entry_at(lk, n);
    *e = *key;
    e->owner = (uint32_t)txn;
    e->owner_seq = me->seq;
    e->hnext = *head_at(lk, bucket);
    e->tnext = me->head;
    *head_at(lk, bucket) = n; /* in its bucket first, then in the chain */
    me->head = n;
    __atomic_store_n(&me->count, me->count + 1, __ATOMIC_RELEASE);
    return n;
}

/* ------------------------------------------------------------- SCN */

uint64_t lk_scn_current(const lk_area *lk)
{
    return __atomic_load_n(&lk->scn, __ATOMIC_ACQUIRE);
}

uint64_t lk_scn_next(lk_area *lk)
{
    return __atomic_add_fetch(&lk->scn, 1, __ATOMIC_ACQ_REL);
}

void lk_scn_advance(lk_area *lk, uint64_t scn)
{
    uint64_t cur = lk_scn_current(lk);
    while (cur < scn &&
           !__atomic_compare_exchange_n(&lk->scn, &cur, scn, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
        ;
}

/* ---------------------------------------------------------- transactions */

/* A transaction's handle: its slot number and the slot's sequence for it. */
static lk_txn handle_of(int slot, uint32_t seq)
{
    return (uint64_t)seq << 32 | (uint32_t)slot;
}

static uint32_t seq_of(lk_txn txn)
{
    return (uint32_t)(txn >> 32);
}

/* The slot of TXN while it is open, else 0 (an ended transaction's handle is harmless). */
static int open_slot(const lk_area *lk, lk_txn txn)
{
    int i = (int)(txn & 0xFFFFFFFFu);
    if (i < 1 || i > lk->ntxn || !seq_of(txn)) return 0;
    return __atomic_load_n(&slot_at(lk, i)->live, __ATOMIC_ACQUIRE) == seq_of(txn) ? i : 0;
}

lk_txn lk_txn_begin(lk_area *lk, int inst, int sid, uint32_t serial)
{
    lk_txn txn = 0;
    sga_latch_acquire(&lk->tx_latch);
    for (int i = 1; i <= lk->ntxn && !txn; i++) {
        lk_slot *s = slot_at(lk, i);
        if (s->live) continue;
        s->seq = s->seq % 0xFFFFFFFEu + 1;
        s->inst = inst;
        s->sid = sid;
        s->serial = serial;
        s->spid = getpid();
        s->start_us = sga_now_us();
        s->head = s->count = 0;
        s->wait_txn = 0;
        __atomic_store_n(&s->live, s->seq, __ATOMIC_RELEASE);
        if (i > lk->txn_hwm) lk->txn_hwm = i;
        txn = handle_of(i, s->seq);
    }
    sga_latch_release(&lk->tx_latch);
    return txn;
}

static lk_xid xid_of(int slot, uint32_t seq)
{
    lk_xid x = {(uint32_t)(slot - 1) / LK_SLOTS_PER_USN + 1,
                (uint32_t)(slot - 1) % LK_SLOTS_PER_USN, seq};
    return x;
}

lk_xid lk_txn_xid(const lk_area *lk, lk_txn txn)
{
    return xid_of((int)(txn & 0xFFFFFFFFu), seq_of(txn));
}

/*
 * Release TXN's newest locks until it holds KEEP; a commit's SCN stamps the
 * buckets of the rows and keys released.  Each entry leaves the chain before
 * its bucket, so a death in between leaves a dead entry, not a broken chain.
 */
static void release_chain(lk_area *lk, int txn, uint32_t keep, uint64_t scn)
{
    lk_slot *me = slot_at(lk, txn);
    while (me->count > keep && me->head) {
        uint32_t n = me->head;
        lk_entry *e = entry_at(lk, n);
        int p = part_of_entry(lk, n);
        lk_part *pt = part_acquire(lk, p);
        me->head = e->tnext;
        __atomic_store_n(&me->count, me->count - 1, __ATOMIC_RELEASE);
        if (e->owner == (uint32_t)txn && e->owner_seq == me->seq) {
            uint32_t b = bucket_of_entry(lk, p, e);
            bucket_unlink(lk, pt, b, n);
            if (scn && e->kind != LK_TM && *stamp_at(lk, b) < scn) *stamp_at(lk, b) = scn;
            entry_free(lk, pt, e, n);
        }
        part_release(pt);
    }
}

static int waits_on(const lk_area *lk, const lk_slot *w, int holder)
{
    return w->live && w->wait_txn == (uint32_t)holder && w->wait_seq == slot_at(lk, holder)->live;
}

/*
 * Under the TX latch: forget the waits on TXN (its waiters look again when
 * woken), optionally close it, and bump its futex word; then wake them all.
 */
static void wake_waiters(lk_area *lk, int txn, int closing)
{
    lk_slot *me = slot_at(lk, txn);
    int waiters = 0;
    sga_latch_acquire(&lk->tx_latch);
    for (int i = 1; i <= lk->txn_hwm; i++)
        if (waits_on(lk, slot_at(lk, i), txn)) {
            slot_at(lk, i)->wait_txn = 0;
            waiters++;
        }
    if (closing) {
        me->wait_txn = 0;
        me->head = me->count = 0;
        __atomic_store_n(&me->live, 0, __ATOMIC_RELEASE);
    }
    __atomic_add_fetch(&me->wake, 1, __ATOMIC_ACQ_REL);
    sga_latch_release(&lk->tx_latch);
    /* A waiter that records its wait after this sees the word moved and does not sleep. */
    if (waiters) syscall(SYS_futex, &me->wake, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
}

uint64_t lk_txn_end(lk_area *lk, lk_txn txn, int committed)
{
    int i = open_slot(lk, txn);
    if (!i) return 0;
    uint64_t scn = committed ? lk_scn_next(lk) : 0;
    release_chain(lk, i, 0, scn);
    wake_waiters(lk, i, 1);
    return scn;
}

lk_mark lk_txn_mark(lk_area *lk, lk_txn txn)
{
    int i = open_slot(lk, txn);
    return i ? __atomic_load_n(&slot_at(lk, i)->count, __ATOMIC_ACQUIRE) : 0;
}

void lk_txn_release_to(lk_area *lk, lk_txn txn, lk_mark mark)
{
    int i = open_slot(lk, txn);
    if (!i || slot_at(lk, i)->count <= mark) return;
    release_chain(lk, i, mark, 0);
    wake_waiters(lk, i, 0);
}

static int release_where(lk_area *lk, int (*match)(const lk_slot *s, const void *arg),
                         const void *arg)
{
    int n = 0;
    for (int i = 1; i <= lk->ntxn; i++) {
        lk_slot *s = slot_at(lk, i);
        uint32_t live = __atomic_load_n(&s->live, __ATOMIC_ACQUIRE);
        if (live && match(s, arg)) {
            /* A dead process may have committed its changes and died before it released its
             * locks: its rows are stamped as a commit's, so a waiter whose snapshot is older
             * runs its statement again (a needless restart costs little, a lost update all). */
            lk_txn_end(lk, handle_of(i, live), 1);
            n++;
        }
    }
    return n;
}

static int same_spid(const lk_slot *s, const void *arg)
{
    return s->spid == *(const pid_t *)arg;
}

typedef struct sid_serial {
    int inst, sid;
    uint32_t serial;
} sid_serial;

static int same_session(const lk_slot *s, const void *arg)
{
    const sid_serial *k = arg;
    return s->inst == k->inst && s->sid == k->sid && (!k->serial || s->serial == k->serial);
}

static int same_instance(const lk_slot *s, const void *arg)
{
    return s->inst == *(const int *)arg;
}

int lk_release_process(lk_area *lk, pid_t spid)
{
    return release_where(lk, same_spid, &spid);
}

int lk_release_session(lk_area *lk, int inst, int sid, uint32_t serial)
{
    sid_serial k = {inst, sid, serial};
    return release_where(lk, same_session, &k);
}

int lk_release_instance(lk_area *lk, int inst)
{
    return release_where(lk, same_instance, &inst);
}

/* ---------------------------------------------------------------- waits */

typedef struct lk_holder {
    int txn;            /* slot */
    uint32_t seq, wake; /* the holder's sequence and futex word when seen holding the lock */
} lk_holder;

/* Under a partition latch: who holds entry N, and its futex word now (before any release). */
static lk_holder holder_of(const lk_area *lk, uint32_t n)
{
    const lk_entry *e = entry_at(lk, n);
    lk_holder h = {(int)e->owner, e->owner_seq,
                   __atomic_load_n(&slot_at(lk, (int)e->owner)->wake, __ATOMIC_ACQUIRE)};
    return h;
}

/* Under the TX latch: does the waits-for chain from HOLDER lead back to ME? */
static int closes_cycle(const lk_area *lk, int me, int holder, uint32_t seq)
{
    for (int steps = 0; steps <= lk->ntxn; steps++) {
        const lk_slot *h = slot_at(lk, holder);
        if (h->live != seq) return 0;
        if (holder == me) return 1;
        if (!h->wait_txn) return 0;
        holder = (int)h->wait_txn;
        seq = h->wait_seq;
    }
    return 0;
}

typedef struct lk_target {
    int kind;
    uint32_t obj;
    int64_t id;
    int mode;
} lk_target;

/* Sleep on the holder's futex word until it moves, the deadline passes or the caller stops. */
static lk_status sleep_on(lk_slot *h, const lk_holder *hd, const lk_how *how, int64_t deadline,
                          lk_outcome *out)
{
    for (;;) {
        /* the word moves at every release; LIVE changes at the end, and is all that a holder
         * which died inside its end leaves behind for PMON to finish */
        if (__atomic_load_n(&h->wake, __ATOMIC_ACQUIRE) != hd->wake ||
            __atomic_load_n(&h->live, __ATOMIC_ACQUIRE) != hd->seq)
            return LK_RETRY;
        int64_t slice = LK_SLICE_US;
        if (deadline) {
            int64_t left = deadline - sga_monotonic_us();
            if (left <= 0) return LK_TIMEOUT;
            if (left < slice) slice = left;
        }
        struct timespec ts = {slice / 1000000, (slice % 1000000) * 1000};
        syscall(SYS_futex, &h->wake, FUTEX_WAIT, hd->wake, &ts, NULL, 0);
        if (how->hooks && how->hooks->interrupt) {
            int code = how->hooks->interrupt(how->hooks->ctx);
            if (code) {
                out->ora = code;
                return LK_INTERRUPTED;
            }
        }
    }
}

static void record_wait(lk_slot *me, const lk_holder *hd, const lk_target *t)
{
    me->wait_kind = t->kind;
    me->wait_obj = t->obj;
    me->wait_id = t->id;
    me->wait_mode = t->mode;
    me->wait_since_us = sga_now_us();
    me->wait_seq = hd->seq;
    me->wait_txn = (uint32_t)hd->txn;
}

static void observe(const lk_how *how, const lk_wait_info *info)
{
    if (how->hooks && how->hooks->waiting) how->hooks->waiting(how->hooks->ctx, info);
}

/*
 * TXN found its lock held by HD: answer at once (NOWAIT, SKIP, deadlock) or
 * wait until the holder moves on (LK_RETRY: look at the lock again).
 */
static lk_status wait_for(lk_area *lk, int txn, const lk_holder *hd, const lk_target *t,
                          const lk_how *how, int64_t deadline, lk_outcome *out)
{
    lk_slot *me = slot_at(lk, txn), *h = slot_at(lk, hd->txn);
    out->holder_inst = h->inst;
    out->holder_sid = h->sid;
    out->holder_serial = h->serial;
    if (how->wait_ms == LK_NOWAIT) return LK_BUSY;
    if (how->wait_ms == LK_SKIP) return LK_SKIPPED;
    if (deadline && sga_monotonic_us() >= deadline) return LK_TIMEOUT;
    sga_latch_acquire(&lk->tx_latch);
    if (h->live != hd->seq || __atomic_load_n(&h->wake, __ATOMIC_ACQUIRE) != hd->wake) {
        sga_latch_release(&lk->tx_latch);
        return LK_RETRY;
    }
    record_wait(me, hd, t);
    if (closes_cycle(lk, txn, hd->txn, hd->seq)) {
        me->wait_txn = 0;
        sga_latch_release(&lk->tx_latch);
        return LK_DEADLOCK;
    }
    sga_latch_release(&lk->tx_latch);
    lk_wait_info info = {t->kind, t->obj,   t->id,  t->mode, handle_of(hd->txn, hd->seq),
                         h->inst, h->sid, h->serial};
    observe(how, &info);
    int64_t start = sga_monotonic_us();
    lk_status st = sleep_on(h, hd, how, deadline, out);
    sga_latch_acquire(&lk->tx_latch);
    me->wait_txn = 0;
    sga_latch_release(&lk->tx_latch);
    out->waits++;
    out->waited_us += sga_monotonic_us() - start;
    observe(how, NULL);
    return st;
}

static const lk_how no_wait_how = {LK_NOWAIT, NULL};

static int64_t deadline_of(const lk_how *how)
{
    return how->wait_ms > 0 ? sga_monotonic_us() + (int64_t)how->wait_ms * 1000 : 0;
}

/* ------------------------------------------------------ row and key locks */

static lk_status lock_key(lk_area *lk, lk_txn handle, const lk_target *t, const lk_how *how,
                          uint64_t snapshot_scn, lk_outcome *out)
{
    lk_outcome scratch;
    if (!out) out = &scratch;
    memset(out, 0, sizeof *out);
    if (!how) how = &no_wait_how;
    int txn = open_slot(lk, handle);
    if (!txn) return LK_BAD_CALL;
    int p = part_of_key(t->kind, t->obj, t->id);
    uint32_t b = bucket_of_key(lk, p, t->kind, t->obj, t->id);
    int64_t deadline = deadline_of(how);
    for (;;) {
        lk_part *pt = part_acquire(lk, p);
        uint32_t mine = 0, blocker = 0;
        FOR_LIVE(lk, pt, b, n)
        {
            const lk_entry *e = entry_at(lk, n);
            if (e->kind != t->kind || e->obj != t->obj || e->id != t->id) continue;
            if (e->owner == (uint32_t)txn) {
                mine = n;
            } else if (!(e->mode == LK_SHARED && t->mode == LK_SHARED)) {
                blocker = n;
                break;
            }
        }
        if (!blocker) {
            lk_entry key = {.id = t->id, .obj = t->obj, .kind = (uint8_t)t->kind,
                            .mode = (uint8_t)t->mode};
            uint32_t got = mine ? mine : entry_link(lk, pt, b, txn, &key);
            if (mine && t->mode != LK_SHARED) entry_at(lk, mine)->mode = 0; /* shared -> own */
            int stale = !mine && snapshot_scn && *stamp_at(lk, b) > snapshot_scn;
            part_release(pt);
            if (got) return stale ? LK_GRANTED_STALE : LK_GRANTED;
            out->ora = ORA_ENQUEUE_RESOURCES;
            return LK_FULL;
        }
        lk_holder hd = holder_of(lk, blocker);
        part_release(pt);
        lk_status st = wait_for(lk, txn, &hd, t, how, deadline, out);
        if (st != (lk_status)LK_RETRY) return st;
    }
}

lk_status lk_row_lock(lk_area *lk, lk_txn txn, uint32_t obj, int64_t rowid, const lk_how *how,
                      uint64_t snapshot_scn, lk_outcome *out)
{
    lk_target t = {LK_ROW, obj, rowid, 0};
    return lock_key(lk, txn, &t, how, snapshot_scn, out);
}

lk_status lk_key_lock(lk_area *lk, lk_txn txn, uint32_t index_obj, int64_t key_hash_value,
                      const lk_how *how, uint64_t snapshot_scn, lk_outcome *out)
{
    lk_target t = {LK_KEY, index_obj, key_hash_value, 0};
    return lock_key(lk, txn, &t, how, snapshot_scn, out);
}

lk_status lk_key_share(lk_area *lk, lk_txn txn, uint32_t obj, int64_t key_hash_value,
                       const lk_how *how, uint64_t snapshot_scn, lk_outcome *out)
{
    lk_target t = {LK_KEY, obj, key_hash_value, LK_SHARED};
    return lock_key(lk, txn, &t, how, snapshot_scn, out);
}

/* ------------------------------------------------------------ table locks */

/* Oracle's compatibility matrix: may a lock in mode HELD coexist with one in mode ASKED? */
static int tm_compatible(int held, int asked)
{
    static const unsigned char ok[7][7] = {
        [LK_RS] = {[LK_RS] = 1, [LK_RX] = 1, [LK_S] = 1, [LK_SRX] = 1},
        [LK_RX] = {[LK_RS] = 1, [LK_RX] = 1},
        [LK_S] = {[LK_RS] = 1, [LK_S] = 1},
        [LK_SRX] = {[LK_RS] = 1},
    };
    return ok[held][asked];
}

/* The mode a transaction holding HELD ends up with when it asks for ASKED. */
static int tm_convert(int held, int asked)
{
    if ((held == LK_RX && asked == LK_S) || (held == LK_S && asked == LK_RX)) return LK_SRX;
    return held > asked ? held : asked;
}

/* Under the TM latch: TXN's entry for OBJ, or 0. */
static uint32_t tm_find(lk_area *lk, lk_part *pt, int txn, uint32_t obj)
{
    FOR_LIVE(lk, pt, bucket_of_table(lk, obj), n)
    {
        const lk_entry *e = entry_at(lk, n);
        if (e->obj == obj && e->owner == (uint32_t)txn) return n;
    }
    return 0;
}

/* Under the TM latch: an entry of another transaction on OBJ that MODE conflicts with, or 0. */
static uint32_t tm_conflict(lk_area *lk, lk_part *pt, int txn, uint32_t obj, int mode)
{
    FOR_LIVE(lk, pt, bucket_of_table(lk, obj), n)
    {
        const lk_entry *e = entry_at(lk, n);
        if (e->obj == obj && e->owner != (uint32_t)txn && !tm_compatible(e->mode, mode)) return n;
    }
    return 0;
}

/* Under the TM latch: take or convert TXN's lock on T->obj if nothing conflicts. */
static lk_status tm_try(lk_area *lk, lk_part *pt, int txn, const lk_target *t, uint32_t *blocker)
{
    uint32_t mine = tm_find(lk, pt, txn, t->obj);
    int held = mine ? entry_at(lk, mine)->mode : LK_TM_NONE;
    int want = mine ? tm_convert(held, t->mode) : t->mode;
    if (want == held) return LK_GRANTED;
    if ((*blocker = tm_conflict(lk, pt, txn, t->obj, want)) != 0) return LK_BUSY;
    lk_entry key = {.since_us = sga_now_us(), .obj = t->obj, .kind = LK_TM, .mode = (uint8_t)want};
    if (mine) {
        entry_at(lk, mine)->mode = (uint8_t)want;
        entry_at(lk, mine)->since_us = key.since_us;
        return LK_GRANTED;
    }
    return entry_link(lk, pt, bucket_of_table(lk, t->obj), txn, &key) ? LK_GRANTED : LK_FULL;
}

lk_status lk_table_lock(lk_area *lk, lk_txn handle, uint32_t obj, int mode, const lk_how *how,
                        lk_outcome *out)
{
    lk_outcome scratch;
    if (!out) out = &scratch;
    memset(out, 0, sizeof *out);
    if (!how) how = &no_wait_how;
    int txn = open_slot(lk, handle);
    if (!txn || mode < LK_RS || mode > LK_X) return LK_BAD_CALL;
    lk_target t = {LK_TM, obj, 0, mode};
    int64_t deadline = deadline_of(how);
    for (;;) {
        lk_part *pt = part_acquire(lk, tm_part());
        uint32_t blocker = 0;
        lk_status st = tm_try(lk, pt, txn, &t, &blocker);
        lk_holder hd = {0, 0, 0};
        if (blocker) hd = holder_of(lk, blocker);
        part_release(pt);
        if (st == LK_FULL) out->ora = ORA_MAX_DML_LOCKS;
        if (st != LK_BUSY) return st;
        st = wait_for(lk, txn, &hd, &t, how, deadline, out);
        if (st != (lk_status)LK_RETRY) return st;
    }
}

int lk_table_mode(lk_area *lk, lk_txn txn, uint32_t obj)
{
    int i = open_slot(lk, txn);
    if (!i) return LK_TM_NONE;
    lk_part *pt = part_acquire(lk, tm_part());
    uint32_t n = tm_find(lk, pt, i, obj);
    int mode = n ? entry_at(lk, n)->mode : LK_TM_NONE;
    part_release(pt);
    return mode;
}

/* ---------------------------------------------------------------- errors */

int lk_error(const lk_area *lk, lk_status st, const lk_outcome *out, ora_error *err)
{
    char limit[16];
    switch (st) {
    case LK_GRANTED:
    case LK_GRANTED_STALE:
    case LK_SKIPPED:
        return 0;
    case LK_BUSY:
        return ora_set(err, ORA_RESOURCE_BUSY, 0);
    case LK_TIMEOUT:
        return ora_set(err, ORA_WAIT_TIMEOUT, 0);
    case LK_DEADLOCK:
        return ora_set(err, ORA_DEADLOCK, 0);
    case LK_INTERRUPTED:
        return ora_set(err, out->ora, 0);
    case LK_FULL:
        if (out->ora == ORA_MAX_DML_LOCKS) return ora_set(err, ORA_MAX_DML_LOCKS, 0);
        snprintf(limit, sizeof limit, "%u", lk->row_limit);
        return ora_set(err, ORA_ENQUEUE_RESOURCES, 0, limit);
    case LK_BAD_CALL:
        break;
    }
    return ora_set(err, ORA_INTERNAL, 0, "lock manager: no open transaction or no such mode");
}

/* ----------------------------------------------------------------- views */

static int waiting(const lk_area *lk, const lk_slot *w)
{
    return w->live && w->wait_txn && waits_on(lk, w, (int)w->wait_txn);
}

/* Does any transaction wait for HOLDER with a wait of KIND (LK_TM: on OBJ)? */
static int blocks(const lk_area *lk, int holder, int tm, uint32_t obj)
{
    for (int i = 1; i <= lk->txn_hwm; i++) {
        const lk_slot *w = slot_at(lk, i);
        if (!waits_on(lk, w, holder)) continue;
        if (tm ? w->wait_kind == LK_TM && w->wait_obj == obj : w->wait_kind != LK_TM) return 1;
    }
    return 0;
}

/* What waits on a transaction, per slot: a row or key wait, a table wait. */
enum { WAITED_TX = 1, WAITED_TM = 2 };

/*
 * Under the TX latch: WAITED (ntxn + 1 bytes, zero) marked for every slot
 * someone waits on, in one pass, so that V$LOCK's BLOCK column costs no
 * scan of all slots per lock (which grew with the square of the sessions).
 */
static void mark_waited(const lk_area *lk, uint8_t *waited)
{
    for (int i = 1; i <= lk->txn_hwm; i++) {
        const lk_slot *w = slot_at(lk, i);
        if (waiting(lk, w)) waited[w->wait_txn] |= w->wait_kind == LK_TM ? WAITED_TM : WAITED_TX;
    }
}

static int64_t seconds_since(int64_t now_us, int64_t since_us)
{
    return since_us && now_us > since_us ? (now_us - since_us) / 1000000 : 0;
}

typedef struct row_sink {
    lk_lock_row *rows;
    int max, n;
    uint8_t *waited; /* mark_waited's marks (NULL: no memory for them, blocks() asks) */
} row_sink;

static void put_lock(row_sink *k, const lk_slot *s, const char *type, uint64_t id1, uint64_t id2, int lmode,
                     int request, int64_t ctime, int block)
{
    if (k->n < k->max) {
        lk_lock_row *r = &k->rows[k->n];
        r->inst = s->inst;
        r->sid = s->sid;
        snprintf(r->type, sizeof r->type, "%s", type);
        r->id1 = id1, r->id2 = id2, r->lmode = lmode, r->request = request;
        r->ctime = ctime, r->block = block;
    }
    k->n++;
}

static uint64_t xid_id1(lk_xid x)
{
    return (uint64_t)x.usn << 16 | x.slot;
}

/* Under the TX latch: the TX rows (holders, and waiters on rows and keys). */
static void tx_rows(lk_area *lk, row_sink *k, int64_t now)
{
    for (int i = 1; i <= lk->txn_hwm; i++) {
        const lk_slot *s = slot_at(lk, i);
        if (!s->live) continue;
        lk_xid x = xid_of(i, s->live);
        put_lock(k, s, "TX", xid_id1(x), x.sqn, LK_X, 0, seconds_since(now, s->start_us),
                 k->waited ? (k->waited[i] & WAITED_TX) != 0 : blocks(lk, i, 0, 0));
        if (waiting(lk, s) && s->wait_kind != LK_TM) {
            lk_xid hx = xid_of((int)s->wait_txn, s->wait_seq);
            put_lock(k, s, "TX", xid_id1(hx), hx.sqn, LK_TM_NONE,
                     s->wait_kind == LK_KEY ? LK_S : LK_X, seconds_since(now, s->wait_since_us), 0);
        }
    }
}

/* Under the TX and TM latches: the TM rows (holders, converters, and waiters holding none). */
static void tm_rows(lk_area *lk, lk_part *pt, row_sink *k, int64_t now)
{
    for (uint32_t n = pt->first + 1; n <= pt->first + pt->hwm; n++) {
        const lk_entry *e = entry_at(lk, n);
        if (!owner_live(lk, e)) continue;
        const lk_slot *s = slot_at(lk, (int)e->owner);
        int request = waiting(lk, s) && s->wait_kind == LK_TM && s->wait_obj == e->obj;
        int block = (!k->waited || (k->waited[e->owner] & WAITED_TM)) &&
                    blocks(lk, (int)e->owner, 1, e->obj);
        put_lock(k, s, "TM", e->obj, 0, e->mode, request ? s->wait_mode : 0,
                 seconds_since(now, e->since_us), block);
    }
    for (int i = 1; i <= lk->txn_hwm; i++) {
        const lk_slot *s = slot_at(lk, i);
        if (waiting(lk, s) && s->wait_kind == LK_TM && !tm_find(lk, pt, i, s->wait_obj))
            put_lock(k, s, "TM", s->wait_obj, 0, LK_TM_NONE, s->wait_mode,
                     seconds_since(now, s->wait_since_us), 0);
    }
}

int lk_view_locks(lk_area *lk, lk_lock_row *rows, int max)
{
    row_sink k = {rows, max, 0, calloc((size_t)lk->ntxn + 1, 1)};
    int64_t now = sga_now_us();
    sga_latch_acquire(&lk->tx_latch);
    if (k.waited) mark_waited(lk, k.waited);
    tx_rows(lk, &k, now);
    lk_part *pt = part_acquire(lk, tm_part());
    tm_rows(lk, pt, &k, now);
    part_release(pt);
    sga_latch_release(&lk->tx_latch);
    free(k.waited);
    return k.n;
}

/* Under the TX latch: the head of the chain of waits from waiter W (in a cycle: the last
 * transaction before W). */
static int final_blocker(const lk_area *lk, int w)
{
    int head = (int)slot_at(lk, w)->wait_txn;
    for (int steps = 0; steps < lk->ntxn; steps++) {
        const lk_slot *h = slot_at(lk, head);
        if (!waiting(lk, h) || h->wait_txn == (uint32_t)w) break;
        head = (int)h->wait_txn;
    }
    return head;
}

/* Under the TX latch: PUT row N from slot I for every slot WANT accepts, while N < MAX.
 * Returns how many there are. */
static int each_slot(lk_area *lk, int (*want)(const lk_area *lk, const lk_slot *s),
                     void (*put)(const lk_area *lk, int i, void *rows, int n), void *rows, int max)
{
    int n = 0;
    sga_latch_acquire(&lk->tx_latch);
    for (int i = 1; i <= lk->txn_hwm; i++) {
        if (!want(lk, slot_at(lk, i))) continue;
        if (n < max) put(lk, i, rows, n);
        n++;
    }
    sga_latch_release(&lk->tx_latch);
    return n;
}

static void put_session_wait(const lk_area *lk, int i, void *rows, int n)
{
    const lk_slot *w = slot_at(lk, i);
    const lk_slot *h = slot_at(lk, (int)w->wait_txn);
    const lk_slot *f = slot_at(lk, final_blocker(lk, i));
    lk_session_wait r = {w->inst,      w->sid,       w->serial, h->inst,      h->sid,
                         h->serial,    f->inst,      f->sid,    f->serial,    w->wait_kind,
                         w->wait_obj,  w->wait_id,   w->wait_mode, w->wait_since_us};
    ((lk_session_wait *)rows)[n] = r;
}

int lk_view_session_waits(lk_area *lk, lk_session_wait *rows, int max)
{
    return each_slot(lk, waiting, put_session_wait, rows, max);
}

int lk_view_locked_objects(lk_area *lk, lk_locked_object *rows, int max)
{
    int n = 0;
    sga_latch_acquire(&lk->tx_latch);
    lk_part *pt = part_acquire(lk, tm_part());
    for (uint32_t e_n = pt->first + 1; e_n <= pt->first + pt->hwm; e_n++) {
        const lk_entry *e = entry_at(lk, e_n);
        if (!owner_live(lk, e)) continue;
        if (n < max) {
            const lk_slot *s = slot_at(lk, (int)e->owner);
            lk_locked_object r = {
                e->obj,  xid_of((int)e->owner, e->owner_seq), s->inst, s->sid, s->serial, s->spid,
                e->mode};
            rows[n] = r;
        }
        n++;
    }
    part_release(pt);
    sga_latch_release(&lk->tx_latch);
    return n;
}

static int open_txn(const lk_area *lk, const lk_slot *s)
{
    return s->live != 0;
}

static void put_transaction(const lk_area *lk, int i, void *rows, int n)
{
    const lk_slot *s = slot_at(lk, i);
    lk_txn_row r = {handle_of(i, s->live),
                    xid_of(i, s->live),
                    s->inst,
                    s->sid,
                    s->serial,
                    s->spid,
                    s->start_us,
                    __atomic_load_n(&s->count, __ATOMIC_ACQUIRE)};
    ((lk_txn_row *)rows)[n] = r;
}

int lk_view_transactions(lk_area *lk, lk_txn_row *rows, int max)
{
    return each_slot(lk, open_txn, put_transaction, rows, max);
}

int lk_undo_segments(const lk_area *lk) { return (lk->ntxn + LK_SLOTS_PER_USN - 1) / LK_SLOTS_PER_USN; }

void lk_get_stats(lk_area *lk, lk_stats *st)
{
    memset(st, 0, sizeof *st);
    st->transactions_max = lk->ntxn;
    st->row_locks_max = lk->row_limit;
    st->dml_locks_max = lk->ntm;
    st->partitions = LK_PARTITIONS;
    for (int i = 1; i <= lk->ntxn; i++)
        st->transactions += slot_at(lk, i)->live != 0;
    for (int p = 0; p <= LK_PARTITIONS; p++) {
        lk_part *pt = part_acquire(lk, p);
        if (p == tm_part())
            st->dml_locks = pt->used;
        else
            st->row_locks += pt->used;
        part_release(pt);
    }
    st->repairs = __atomic_load_n(&lk->repairs, __ATOMIC_RELAXED);
}
