/*
 * table_state.c - per-table rowid counters and definition generations in
 * the SGA (see table_state.h).
 *
 * An entry's object number is written last, with release order, so a
 * reader that finds it sees the entry's other fields initialised; entries
 * are only ever added, so a probe that meets a free slot knows the object
 * has none.
 */
#include "table_state.h"

table_state *the_table_state;

void table_state_init(table_state *t) { sga_latch_init(&t->latch); }

static uint32_t home_slot(uint32_t object)
{
    return (object * 2654435761u) % TABLE_STATE_SLOTS; /* Knuth's multiplicative hash */
}

/* OBJECT's entry, or NULL when it has none. */
static table_entry *find(const table_state *t, uint32_t object)
{
    for (uint32_t i = 0, k = home_slot(object); i < TABLE_STATE_SLOTS; i++) {
        const table_entry *e = &t->entries[(k + i) % TABLE_STATE_SLOTS];
        uint32_t o = __atomic_load_n(&e->object, __ATOMIC_ACQUIRE);
        if (o == object) return (table_entry *)e;
        if (o == 0) return NULL;
    }
    return NULL;
}

/* OBJECT's entry, added if it has none; NULL when the table is full. */
static table_entry *find_or_add(table_state *t, uint32_t object)
{
    table_entry *e = find(t, object);
    if (e) return e;
    sga_latch_acquire(&t->latch);
    for (uint32_t i = 0, k = home_slot(object); i < TABLE_STATE_SLOTS && !e; i++) {
        table_entry *slot = &t->entries[(k + i) % TABLE_STATE_SLOTS];
        uint32_t o = __atomic_load_n(&slot->object, __ATOMIC_ACQUIRE);
        if (o == object) {
            e = slot; /* added meanwhile by another process */
        } else if (o == 0) {
            slot->generation = 0;
            slot->next_rowid = 0;
            __atomic_store_n(&slot->object, object, __ATOMIC_RELEASE);
            e = slot;
        }
    }
    sga_latch_release(&t->latch);
    return e;
}

/* OBJECT's entry with its rowid counter started; NULL when full or COMMITTED_MAX failed. */
static table_entry *counting_entry(table_state *t, uint32_t object,
                                   int64_t (*committed_max)(void *arg), void *arg)
{
    table_entry *e = find_or_add(t, object);
    if (!e) return NULL;
    if (__atomic_load_n(&e->next_rowid, __ATOMIC_ACQUIRE) == 0) {
        /* Nobody has handed out a rowid since startup: none beyond the committed ones exists. */
        int64_t max = committed_max(arg);
        if (max < 0) return NULL;
        int64_t unknown = 0;
        __atomic_compare_exchange_n(&e->next_rowid, &unknown, max + 1, 0, __ATOMIC_ACQ_REL,
                                    __ATOMIC_ACQUIRE);
    }
    return e;
}

int64_t table_next_rowid(table_state *t, uint32_t object, int64_t (*committed_max)(void *arg),
                         void *arg)
{
    table_entry *e = counting_entry(t, object, committed_max, arg);
    return e ? __atomic_fetch_add(&e->next_rowid, 1, __ATOMIC_ACQ_REL) : 0;
}

int table_rowid_used(table_state *t, uint32_t object, int64_t rowid,
                     int64_t (*committed_max)(void *arg), void *arg)
{
    table_entry *e = counting_entry(t, object, committed_max, arg);
    if (!e) return -1;
    int64_t next = __atomic_load_n(&e->next_rowid, __ATOMIC_ACQUIRE);
    while (next <= rowid && !__atomic_compare_exchange_n(&e->next_rowid, &next, rowid + 1, 0,
                                                         __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
    }
    return 0;
}

uint32_t table_generation(const table_state *t, uint32_t object)
{
    const table_entry *e = find(t, object);
    return e ? __atomic_load_n(&e->generation, __ATOMIC_ACQUIRE) : 0;
}

/* One more DDL: its number (never TABLE_GONE, which marks a dropped table). */
static uint32_t next_ddl_seq(table_state *t)
{
    uint32_t seq = __atomic_add_fetch(&t->ddl_seq, 1, __ATOMIC_ACQ_REL);
    return seq != TABLE_GONE ? seq : __atomic_add_fetch(&t->ddl_seq, 1, __ATOMIC_ACQ_REL);
}

void table_changed(table_state *t, uint32_t object)
{
    table_entry *e = find_or_add(t, object);
    uint32_t seq = next_ddl_seq(t);
    if (e) __atomic_store_n(&e->generation, seq, __ATOMIC_RELEASE);
}

void table_dropped(table_state *t, uint32_t object)
{
    table_entry *e = find_or_add(t, object);
    next_ddl_seq(t);
    if (e) __atomic_store_n(&e->generation, TABLE_GONE, __ATOMIC_RELEASE);
}

void table_created(table_state *t) { next_ddl_seq(t); }

uint32_t table_ddl_seq(const table_state *t) { return __atomic_load_n(&t->ddl_seq, __ATOMIC_ACQUIRE); }
