/*
 * txn.h - a session's transaction under row-level locking (warden.conf
 * row_locking = on): the lock manager's transaction (src/sga/locks.h) with
 * its table and row locks, the private write sets that hold its changes
 * until COMMIT (overlay.h), and COMMIT / ROLLBACK.
 *
 * No SQLite transaction stays open between statements: each statement runs
 * in its own SQLite savepoint, reads the database as of its start, and
 * writes only into the session's write sets; rows are locked as the
 * overlay's triggers touch them.  COMMIT applies the write sets in one short
 * SQLite write transaction, then ends the lock manager's transaction, which
 * releases every lock and wakes every waiter at once.
 *
 * Engine-private: engine.c calls it around statements.
 */
#ifndef WARDEN_TXN_H
#define WARDEN_TXN_H

#include <sqlite3.h>
#include <stdint.h>

#include "../common/ora_error.h"
#include "../sga/locks.h"
#include "overlay.h"
#include "row_wait.h"

/* Told when a row or table lock wait starts (W) and ends (NULL). */
typedef void (*txn_wait_fn)(void *arg, const eng_row_wait *w);

typedef struct eng_txn {
    sqlite3 *db;
    int wal_fd;         /* the WAL file, for the shared sync after COMMIT (-1: not open) */
    sqlite3_stmt *commit_steps[4]; /* COMMIT's own statements, prepared at first use */
    ovl_session *ovl;
    lk_txn txn;         /* the lock manager's transaction, 0 when none is open */
    int inst, sid;      /* the session's instance, SID and SERIAL# (V$LOCK, the waits) */
    uint32_t serial;
    uint64_t snapshot;  /* the running statement's snapshot SCN */
    int restart;        /* a row lock came back stale: run the statement again */
    ora_error failure;  /* the error of a callback that failed the statement */
    lk_hooks hooks;     /* interrupts and wait observer of the lock waits */
    int (*interrupt)(void *arg);
    void *interrupt_arg;
    txn_wait_fn on_wait;
    void (*on_sync)(void *arg, uint64_t commit_no); /* the commit's WAL sync: begins, ends (0) */
    void *wait_arg;                                  /* ... both with this */
    uint32_t last_obj;  /* the last row changed: its table and rowid (the call's ROWID) */
    int64_t last_rowid;
    lk_txn ddl;         /* a DDL's exclusive table lock, held while the DDL runs */
    /* The engine's: the largest rowid table OID holds (-1 on error), an object's number. */
    int64_t (*committed_max)(void *arg, uint32_t oid);
    uint32_t (*object_number)(void *arg, const char *name);
    void *engine_arg;
    char staging_name[300]; /* txn_insert_target's answer */
    /* User savepoints, oldest first: the write sets' and the locks' marks at each. */
    struct txn_savepoint {
        char *name;
        int64_t changes; /* ovl_savepoint's mark */
        lk_mark locks;
    } *savepoints;
    int nsavepoints;
} eng_txn;

/* Set up T on DB (the session's connection): the overlay's functions. 0, or -1 with ERR. */
int txn_init(eng_txn *t, sqlite3 *db, ora_error *err);
/* Roll back what is open and free T. */
void txn_free(eng_txn *t);

/* Is a transaction open (the session holds locks or has changes)? */
int txn_open(const eng_txn *t);

/*
 * Prepare TABLE (its SQLite name; object number OID) for this session's
 * DML: its overlay, built or rebuilt as the table's definition requires.
 */
int txn_table_ready(eng_txn *t, const char *table, uint32_t oid, ora_error *err);
/* The staging table an INSERT into TABLE goes through, or NULL when TABLE has no overlay. */
const char *txn_insert_target(eng_txn *t, const char *table);
/* Before every statement: overlays of tables another session altered are rebuilt, those
 * of dropped tables go. */
int txn_refresh(eng_txn *t, ora_error *err);
/* Has table OID its overlay (gone after its drop, or after this session's own DDL)? */
int txn_table_overlaid(const eng_txn *t, uint32_t oid);

/*
 * Before a DML statement on table OID: the transaction begins if none is
 * open, the table is locked in row-exclusive mode (waiting for a stronger
 * holder), and the statement's snapshot is taken.  DELETING: for a DELETE,
 * the table's SQLite name - the tables its ON DELETE CASCADE / SET NULL
 * keys reach get their row-exclusive locks and overlays too.
 */
int txn_statement_begin(eng_txn *t, uint32_t oid, const char *deleting, ora_error *err);
/* Rows the statement changed (counted by the overlay's triggers). */
int64_t txn_statement_rows(const eng_txn *t);
/* After a DELETE or UPDATE on TABLE: its delete actions run (children deleted or set to
 * NULL), then 1 when a row it deleted, or whose key it changed, still has children
 * (ORA-02292), 0, -1. */
int txn_statement_end(eng_txn *t, const char *table, ora_error *err);
/* The statement failed: must it run again (a stale row), and what was its error? */
int txn_statement_failed(eng_txn *t, ora_error *err);
/* Nothing was changed by the transaction's first statement: end it (its table lock goes). */
void txn_end_if_unchanged(eng_txn *t);

/*
 * SELECT ... FOR UPDATE: lock row ROWID of table OID that the query returned,
 * waiting WAIT seconds (-1 forever, 0 NOWAIT: ORA-00054, n: ORA-30006), or
 * not at all with SKIP.  1 locked, 0 skipped (SKIP LOCKED), 2 locked but
 * committed after the query's snapshot (run the query again), -1 with ERR.
 */
int txn_lock_selected(eng_txn *t, uint32_t oid, int64_t rowid, int wait, int skip, ora_error *err);

/* A mark in the transaction's locks, and giving up those taken after it (SKIP LOCKED). */
lk_mark txn_locks_mark(eng_txn *t);
void txn_locks_release_to(eng_txn *t, lk_mark mark);

/* LOCK TABLE of the N tables OIDS IN MODE (2..6) MODE, each in turn, waiting WAIT seconds for
 * each (-1 forever, 0 NOWAIT).  All or none: on failure the ones taken are released. */
int txn_lock_tables(eng_txn *t, const uint32_t *oids, int n, int mode, int wait, ora_error *err);

/* SAVEPOINT NAME (a savepoint of that name set before is moved here). */
void txn_savepoint(eng_txn *t, const char *name);
/* ROLLBACK TO SAVEPOINT NAME: the changes and row locks since go; ORA-01086 for an unknown one. */
int txn_rollback_to(eng_txn *t, const char *name, ora_error *err);

/* COMMIT: apply the write sets, then release everything.  0, or -1 with ERR (rolled back). */
int txn_commit(eng_txn *t, ora_error *err);
/* ROLLBACK: drop the write sets, release everything. */
void txn_rollback(eng_txn *t);

/* DDL on table OID by this session: no other transaction may hold it (ORA-00054, at once or
 * after waiting WAIT seconds: ALTER SESSION SET DDL_LOCK_TIMEOUT); it stays locked
 * exclusively until txn_ddl_done; the session's overlays go (made again at the next DML). */
int txn_ddl_begin(eng_txn *t, uint32_t oid, int wait, ora_error *err);
/* After the DDL (RAN: it was committed; DROPPED: it dropped the table): every session
 * rebuilds its overlay, and looks names up again. */
void txn_ddl_done(eng_txn *t, int ran, uint32_t oid, int dropped);

#endif
