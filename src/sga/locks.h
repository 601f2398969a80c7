/*
 * locks.h - the lock manager: Oracle's transaction (TX) and table (TM)
 * enqueues, row and unique-key locks, waits and deadlock detection, in the
 * SGA so that every session's process sees the same locks.
 *
 * - A transaction takes a slot in a table sized by TRANSACTIONS; the slot
 *   gives its XID (XIDUSN.XIDSLOT.XIDSQN).  Every lock names its owner's
 *   slot, not its session, and is chained to it: the end of a transaction
 *   (commit, rollback, kill, death) releases all of its locks in
 *   O(locks held) and wakes every waiter on it at once.
 * - Row locks are keyed by (object id, rowid), unique-key locks by (index
 *   object id, key hash); both live in ROW_LOCKS entries spread over
 *   hash partitions, each under its own latch, so writers of different rows
 *   do not serialize.  Table locks (TM, modes 2-6 with Oracle's
 *   compatibility matrix and conversions) live in DML_LOCKS entries.
 * - A waiter waits on the holder's transaction, as Oracle's TX enqueue does:
 *   it records whom it waits for (under the TX latch, where the deadlock
 *   check follows the waits-for chain), then sleeps on a futex word of the
 *   holder's slot in slices of at most 10 ms, asking the caller between
 *   slices whether it was interrupted.
 * - The SCN rule (docs/design.md, "Locks"): a commit stamps the hash bucket
 *   of every row and key lock it releases with its commit SCN; a lock
 *   granted where that stamp is newer than the statement's snapshot SCN is
 *   reported stale, so the statement restarts instead of updating a copy of
 *   the row older than the last commit (a lost update).
 *
 * Every call is safe against the death of a process at any instant: PMON's
 * lk_release_process / lk_release_session end the dead process's
 * transactions and wait records; a partition whose latch holder died is
 * repaired by the next taker.
 */
#ifndef WARDEN_LOCKS_H
#define WARDEN_LOCKS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "../common/config.h"
#include "../common/ora_error.h"

typedef struct lk_area lk_area;

/* The instance's lock manager, set by sga_create. */
extern lk_area *the_locks;

/* A transaction's handle (its slot and the slot's sequence); 0 = none.  A handle of an ended
 * transaction stays harmless: calls with it answer LK_BAD_CALL or do nothing. */
typedef uint64_t lk_txn;

/* What a lock call answered. */
typedef enum lk_status {
    LK_GRANTED = 0,   /* held now (or already held by this transaction) */
    LK_GRANTED_STALE, /* held, but a commit newer than the snapshot released it: restart */
    LK_BUSY,          /* NOWAIT and held by another transaction: ORA-00054 */
    LK_TIMEOUT,       /* WAIT n expired: ORA-30006 */
    LK_SKIPPED,       /* SKIP LOCKED and held by another transaction: skip the row */
    LK_DEADLOCK,      /* waiting would close a cycle: ORA-00060 */
    LK_INTERRUPTED,   /* the interrupt callback answered outcome.ora */
    LK_FULL,          /* no free entry: outcome.ora is 52 (rows, keys) or 55 (tables) */
    LK_BAD_CALL,      /* transaction not open, or no such mode (a caller's error): ORA-00600 */
} lk_status;

/* The kinds of lock; V$LOCK shows row and key locks through their TX lock. */
enum lk_kind { LK_ROW = 1, LK_KEY = 2, LK_TM = 3 };

/* A row or key lock's mode: exclusive (0), or shared (lk_key_share). */
#define LK_SHARED 1

/* Table lock modes (V$LOCK.LMODE / REQUEST). */
enum lk_tm_mode { LK_TM_NONE = 0, LK_RS = 2, LK_RX = 3, LK_S = 4, LK_SRX = 5, LK_X = 6 };

/* lk_how.wait_ms: milliseconds to wait (WAIT n: n * 1000), or one of these. */
#define LK_NOWAIT 0
#define LK_FOREVER (-1)
#define LK_SKIP (-2)

/* Handed to the wait observer when a wait starts. */
typedef struct lk_wait_info {
    int kind;     /* LK_ROW, LK_KEY (enq: TX - row lock contention), LK_TM */
    uint32_t obj; /* table, index (LK_KEY) */
    int64_t row;  /* rowid, key hash, 0 for LK_TM */
    int mode;     /* LK_TM: the mode asked for */
    lk_txn holder;
    int holder_inst; /* the holder's instance */
    int holder_sid;
    uint32_t holder_serial;
} lk_wait_info;

typedef struct lk_hooks {
    /* Between sleeps (at most every 10 ms): 0 to go on waiting, or an ORA code to stop. */
    int (*interrupt)(void *ctx);
    /* When a wait starts (INFO) and when it ends (NULL), e.g. to publish the wait event. */
    void (*waiting)(void *ctx, const lk_wait_info *info);
    void *ctx;
} lk_hooks;

typedef struct lk_how {
    int wait_ms;           /* LK_NOWAIT, LK_SKIP, LK_FOREVER or > 0 */
    const lk_hooks *hooks; /* NULL: no interrupts, no observer */
} lk_how;                  /* a NULL lk_how means NOWAIT */

/* Details of an answer. */
typedef struct lk_outcome {
    int holder_inst; /* LK_BUSY, LK_TIMEOUT, LK_SKIPPED, LK_DEADLOCK: the last holder */
    int holder_sid;
    uint32_t holder_serial;
    int ora;           /* LK_INTERRUPTED: the callback's code; LK_FULL: 52 or 55 */
    int waits;         /* how many times the call waited on a holder */
    int64_t waited_us; /* how long, together */
} lk_outcome;

typedef struct lk_xid {
    uint32_t usn, slot, sqn; /* V$TRANSACTION XIDUSN, XIDSLOT, XIDSQN */
} lk_xid;

/* A mark in a transaction's locks (lk_txn_mark), for ROLLBACK TO SAVEPOINT. */
typedef uint32_t lk_mark;

/* Bytes of SGA the lock manager needs for CFG. */
size_t lk_area_size(const warden_config *cfg);
/* Set up the area at MEM (zero-filled, as a fresh anonymous mapping is; not touched beyond
 * the headers, so untouched entries take no memory). */
lk_area *lk_area_init(void *mem, const warden_config *cfg);

/* System change numbers.  Take lk_scn_current() as a statement's snapshot before its read
 * begins; lk_txn_end allocates the commit SCN itself.  lk_scn_advance raises the counter to
 * at least SCN (the unit tests; SCNs and stamps live only in shared memory). */
uint64_t lk_scn_current(const lk_area *lk);
uint64_t lk_scn_next(lk_area *lk);
void lk_scn_advance(lk_area *lk, uint64_t scn);

/* Open a transaction for session SID of instance INST (the calling process owns it).  0 when
 * TRANSACTIONS are all in use: ORA-01574. */
lk_txn lk_txn_begin(lk_area *lk, int inst, int sid, uint32_t serial);
/*
 * End TXN: release every lock it holds and wake every waiter on it.  COMMITTED: call once
 * the transaction's changes are in the database (every new snapshot sees them); allocates and returns the commit SCN and stamps the
 * released rows and keys with it.  Rollback returns 0.
 */
uint64_t lk_txn_end(lk_area *lk, lk_txn txn, int committed);
lk_mark lk_txn_mark(lk_area *lk, lk_txn txn);
/* Release the locks TXN took after MARK (rows, keys and new table locks; a table lock
 * converted to a stronger mode keeps it), waking their waiters. */
void lk_txn_release_to(lk_area *lk, lk_txn txn, lk_mark mark);
lk_xid lk_txn_xid(const lk_area *lk, lk_txn txn);

/*
 * Lock a row (OBJ, ROWID) or a unique key (INDEX_OBJ, KEY_HASH) for TXN.  SNAPSHOT_SCN is the
 * statement's snapshot (0: no stale check).  OUT may be NULL.
 */
lk_status lk_row_lock(lk_area *lk, lk_txn txn, uint32_t obj, int64_t rowid, const lk_how *how,
                      uint64_t snapshot_scn, lk_outcome *out);
lk_status lk_key_lock(lk_area *lk, lk_txn txn, uint32_t index_obj, int64_t key_hash,
                      const lk_how *how, uint64_t snapshot_scn, lk_outcome *out);
/*
 * A key lock shared with other transactions' shared locks on the same key
 * (a child's reference to its parent key: many children, each of another
 * transaction, may refer to one parent) and conflicting with an exclusive
 * one either way.  A transaction asking lk_key_lock for a key it shares
 * makes its own lock exclusive once the other sharers are gone.
 */
lk_status lk_key_share(lk_area *lk, lk_txn txn, uint32_t obj, int64_t key_hash,
                       const lk_how *how, uint64_t snapshot_scn, lk_outcome *out);
/* Lock table OBJ in MODE (converting a mode TXN holds to the stronger of the two). */
lk_status lk_table_lock(lk_area *lk, lk_txn txn, uint32_t obj, int mode, const lk_how *how,
                        lk_outcome *out);
/* The table lock mode TXN holds on OBJ (LK_TM_NONE if none). */
int lk_table_mode(lk_area *lk, lk_txn txn, uint32_t obj);

/* Set ERR to the ORA- error for a lock call's answer and return -1, or return 0 for the
 * answers that are not errors (granted, stale, skipped).  LK_INTERRUPTED: outcome.ora, whose
 * text must have no arguments (ORA-01013, ORA-00028). */
int lk_error(const lk_area *lk, lk_status st, const lk_outcome *out, ora_error *err);

/* PMON, after a process died (or a session's server will not touch its transactions again):
 * roll back and release its transactions and wait records.  Return the transactions ended. */
int lk_release_process(lk_area *lk, pid_t spid);
int lk_release_session(lk_area *lk, int inst, int sid, uint32_t serial);
/* Instance recovery: every transaction of instance INST (all its processes are gone). */
int lk_release_instance(lk_area *lk, int inst);

/* ----- what the views show: consistent snapshots; each returns the number of rows there
 * are (write at most MAX of them), so a caller can size its array and ask again. ----- */

/* V$LOCK */
typedef struct lk_lock_row {
    int inst, sid;
    char type[3];      /* "TX", "TM" */
    uint64_t id1, id2; /* TX: usn << 16 | slot, sqn; TM: object id, 0 */
    int lmode, request;
    int64_t ctime; /* seconds in the current mode or request */
    int block;     /* 1: another session waits for this lock */
} lk_lock_row;
int lk_view_locks(lk_area *lk, lk_lock_row *rows, int max);

/* Who waits for whom as the lock manager sees it, one row per waiting session (the unit
 * tests; V$SESSION's wait columns come from what each waiting session publishes). */
typedef struct lk_session_wait {
    int inst, sid;
    uint32_t serial;
    int blocking_inst, blocking_sid; /* BLOCKING_INSTANCE, BLOCKING_SESSION */
    uint32_t blocking_serial;
    int final_blocking_inst, final_blocking_sid; /* FINAL_BLOCKING_...: the head of the chain */
    uint32_t final_blocking_serial;
    int kind;         /* LK_ROW, LK_KEY, LK_TM */
    uint32_t obj;     /* ROW_WAIT_OBJ# (LK_ROW) */
    int64_t row;      /* ROW_WAIT_ROW# (LK_ROW) */
    int mode;         /* LK_TM: the mode asked for */
    int64_t since_us; /* wall clock at the start of the wait */
} lk_session_wait;
int lk_view_session_waits(lk_area *lk, lk_session_wait *rows, int max);

/* V$LOCKED_OBJECT */
typedef struct lk_locked_object {
    uint32_t obj;
    lk_xid xid;
    int inst, sid;
    uint32_t serial;
    pid_t spid;
    int mode;
} lk_locked_object;
int lk_view_locked_objects(lk_area *lk, lk_locked_object *rows, int max);

/* V$TRANSACTION's lock-manager side. */
typedef struct lk_txn_row {
    lk_txn txn;
    lk_xid xid;
    int inst, sid;
    uint32_t serial;
    pid_t spid;
    int64_t start_us; /* wall clock */
    uint32_t locks;   /* row, key and table locks held */
} lk_txn_row;
int lk_view_transactions(lk_area *lk, lk_txn_row *rows, int max);
/* How many undo segments the transaction slots make (XIDUSN 1 .. that). */
int lk_undo_segments(const lk_area *lk);

/* Counters, for tests and V$RESOURCE_LIMIT-like uses. */
typedef struct lk_stats {
    int transactions, transactions_max;
    uint32_t row_locks, row_locks_max; /* row and key entries in use */
    uint32_t dml_locks, dml_locks_max;
    int partitions;
    int repairs; /* partitions repaired after their latch holder died */
} lk_stats;
void lk_get_stats(lk_area *lk, lk_stats *st);

#endif
