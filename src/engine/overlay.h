/*
 * overlay.h - a session's private write sets and the overlays that show them
 * to its own statements, so that an open transaction holds no SQLite write
 * lock between statements (issue 11; docs/design.md "Write sets and
 * overlays").
 *
 * A table the session changes gets, once per session and table definition,
 * TEMP objects on the session's connection (overlay_ddl.h): a write-set
 * table, an undo log, and a TEMP VIEW with the table's own name that shadows
 * main's table for this connection only - the write set's live rows UNION
 * ALL main's rows not in the write set - with INSTEAD OF triggers that turn
 * INSERT / UPDATE / DELETE into write-set changes. Statements run unchanged
 * through SQLite; the session sees its own changes, no other session does.
 * At COMMIT, ovl_apply() writes every write set into main in the caller's
 * short write transaction.
 *
 * The engine's part, around these calls:
 *  - Before a DML statement on a table: ovl_table_use() (creates or rebuilds
 *    the overlay; the engine passes the table's DDL generation from the SGA).
 *    Before every statement: ovl_refresh() (rebuilds overlays whose table
 *    another session altered, drops those of dropped tables).
 *  - Every statement runs in its own SQLite savepoint (SAVEPOINT ... RELEASE,
 *    ROLLBACK TO on failure) with no SQLite transaction left open between
 *    statements: each statement then reads main as of its start (a new WAL
 *    snapshot), and a failed statement leaves the write sets as they were.
 *    ovl_statement_begin() before it, ovl_statement_rows() after it: the row
 *    count (sqlite3_changes() is 0 through INSTEAD OF triggers).
 *  - Row locks are the engine's: the callbacks below are called from inside
 *    sqlite3_step(); a callback that fails aborts the statement with its own
 *    SQLite code and message (sqlite3_errcode / sqlite3_errmsg).
 *  - User savepoints: ovl_savepoint() gives a mark, ovl_rollback_to() goes
 *    back to it (SQLite savepoints cannot span statements here).
 *  - COMMIT: BEGIN IMMEDIATE; ovl_apply(); COMMIT (the caller owns that
 *    transaction and may put more in it). ROLLBACK: ovl_discard().
 *  - Result columns named OVL_ROWID_COLUMN ("rowid", lower case) come from
 *    the top query's `SELECT *` on an overlaid table and must be hidden from
 *    the client (the translator writes every other `*` out as the table's
 *    columns); Oracle's ROWID (written upper case) reaches the same column.
 *  - INSERT through an overlay needs a column list (the view has one more
 *    column, rowid), and columns left out get NULL, not their DEFAULT (a
 *    view has no defaults): the engine inserts through a staging table with
 *    the table's columns and defaults (overlay_ddl.h).
 *  - DDL on an overlaid table in this session: ovl_table_drop() first (the
 *    view shadows the name; ALTER/DROP/CREATE INDEX would find the view).
 */
#ifndef WARDEN_OVERLAY_H
#define WARDEN_OVERLAY_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "../common/ora_error.h"
#include "overlay_ddl.h"
#include "overlay_views.h"

typedef struct ovl_session ovl_session;

/*
 * The engine's side. Each returns SQLITE_OK, or an SQLite error code (any:
 * SQLITE_BUSY, SQLITE_INTERRUPT, SQLITE_ERROR ...) after writing a message
 * into MSG (MSGSZ bytes); the statement then fails with that code and message.
 */
typedef struct ovl_callbacks {
    void *ctx;
    /* Lock row ROWID of table OID before it is updated or deleted (it may wait). INSERTING:
     * an INSERT gives this rowid explicitly (a rowid alias value): lock it like a key and let
     * the rowid counter pass it. */
    int (*lock_row)(void *ctx, int64_t oid, int64_t rowid, int inserting, char *msg, size_t msgsz);
    /* A rowid for a new row of table OID that no other session will use. */
    int (*new_rowid)(void *ctx, int64_t oid, int64_t *rowid, char *msg, size_t msgsz);
    /* Lock the value VALUES[0..N-1] (column affinity applied) of unique index INDEX (SQLite's
     * name, e.g. sqlite_autoindex_SCOTT.EMP_1) of table OID, written by this statement. Not
     * called when a value is NULL (NULLs never conflict). May be NULL: no key locks. */
    int (*lock_key)(void *ctx, int64_t oid, const char *index, int n, sqlite3_value **values,
                    char *msg, size_t msgsz);
    /* Lock value VALUES[0..N-1] of a key that foreign keys may refer to, of table OID (of the
     * table named TABLE when OID is 0): unique index INDEX's (values in its column order;
     * the name lock_key gives the same key), or when INDEX is NULL its INTEGER PRIMARY KEY.
     * SHARED: a child row refers to it (a child's insert, or its key changed); else a parent
     * row gives it up (deleted, or its key changed).  Not called when a value is NULL.  May
     * be NULL: no parent keys locked. */
    int (*lock_parent_key)(void *ctx, int64_t oid, const char *table, const char *index, int n,
                           sqlite3_value **values, int shared, char *msg, size_t msgsz);
    /* ovl_rollback_to(): row ROWID of OID was first written after the savepoint. May be NULL. */
    void (*released)(void *ctx, int64_t oid, int64_t rowid);
    /* ovl_refresh(): table OID's current DDL generation, or UINT64_MAX when it is gone. */
    uint64_t (*generation)(void *ctx, int64_t oid);
    /* ovl_refresh(): the instance's DDL count (a view may have changed); may be NULL. */
    uint32_t (*ddl_seq)(void *ctx);
    /* ovl_delete_reach(): a delete action of the statement's table reaches table TABLE (SQLite's
     * name): lock it for a change (it may wait) and make its overlay current (ovl_table_use).
     * 0, or -1 with ERR.  May be NULL: no delete actions run. */
    int (*use_table)(void *ctx, const char *table, ora_error *err);
} ovl_callbacks;

/* Registers the overlay's SQL functions on DB (which the session keeps using). */
ovl_session *ovl_open(sqlite3 *db, const ovl_callbacks *cb);
/* Drops the session's overlays (best effort) and frees it; DB stays open. */
void ovl_close(ovl_session *s);

/*
 * Make sure TABLE (its SQLite name in main, e.g. "SCOTT.EMP"; object id OID)
 * has a current overlay: created on first use, rebuilt when GENERATION
 * differs from the one it was built for. Fails with ORA-00942 when main has no
 * such table; ORA-03001 for a table an overlay cannot carry (WITHOUT ROWID,
 * generated columns, a column named rowid, ws$rid, ws$op or ws$seq); ORA-00600
 * when the table changed while this session has uncommitted changes to it
 * (its TM lock should have prevented that).
 */
int ovl_table_use(ovl_session *s, const char *table, int64_t oid, uint64_t generation,
                  ora_error *err);
/* Rebuild or drop every overlay whose table's generation (callbacks) changed, and the copies of
 * main's views over them (overlay_views.h) when a table or the instance's DDL count did. */
int ovl_refresh(ovl_session *s, ora_error *err);
/* Drop TABLE's overlay (before this session's DDL on it); ORA-00600 with changes pending. */
int ovl_table_drop(ovl_session *s, const char *table, ora_error *err);
/* Drop every overlay of the session and the copies of views (before any DDL of it: a view
 * shadowing a table's name would meet CREATE INDEX ON it); ORA-00600 with changes pending. */
int ovl_drop_all(ovl_session *s, ora_error *err);

/* Has table OID an overlay (none yet, or dropped by ovl_refresh or ovl_drop_all)? */
int ovl_overlaid(const ovl_session *s, int64_t oid);
/* TABLE's definition as its overlay was built (columns, defaults), or NULL if not overlaid. */
const ovl_def *ovl_table_def(const ovl_session *s, const char *table);

/* Row count of the statement: reset before it, read after it. */
void ovl_statement_begin(ovl_session *s);
int64_t ovl_statement_rows(const ovl_session *s);
/*
 * Foreign keys at statement time, as Oracle keeps them.  Before each DML
 * statement (outside its savepoint: this may create overlays), with TABLE
 * the table of a DELETE, NULL for other statements: ovl_delete_reach()
 * finds the tables the ON DELETE CASCADE / SET NULL keys referring to TABLE
 * reach, down the CASCADE keys, and has callbacks.use_table lock and overlay
 * each.  While the DELETE runs, each row it deletes queues its children's
 * actions; a MERGE's DELETE queues none.
 *
 * After a DELETE or UPDATE on TABLE, inside its savepoint:
 * ovl_statement_end() runs the queued actions through the children's
 * overlays - the rows they delete or set to NULL are locked like the
 * statement's own (they may wait, and fail the statement as its own rows
 * would), and are not counted as its rows - then asks whether a row this
 * transaction deleted from TABLE or a table reached, or whose key it
 * changed, still has a child the session sees (by the old key): 1 (the
 * statement must fail: ORA-02292), 0, or -1 with ERR.  Keys that other
 * transactions' uncommitted children use are not seen (their shared key
 * locks make the delete wait).  DDL_SEQ is the instance's DDL count: the
 * keys referring to a table are looked up again when it moved.
 */
int ovl_delete_reach(ovl_session *s, const char *table, uint32_t ddl_seq, ora_error *err);
int ovl_statement_end(ovl_session *s, const char *table, uint32_t ddl_seq, ora_error *err);

/* 1 when some write set has rows (the session has a transaction), 0, or -1 with ERR. */
int ovl_has_changes(ovl_session *s, ora_error *err);

/*
 * User savepoints. ovl_savepoint() returns the mark to keep with the
 * savepoint's name; from then on the first change of each row is logged.
 * ovl_rollback_to(MARK) puts every write set back as it was at MARK (the
 * mark stays valid, later ones are gone) and calls callbacks.released for
 * each row first written after MARK (its lock may go unless the lock manager
 * knows it was taken before MARK, e.g. by SELECT ... FOR UPDATE). Key locks:
 * the lock manager releases those taken after the savepoint by itself.
 */
int64_t ovl_savepoint(ovl_session *s);
int ovl_rollback_to(ovl_session *s, int64_t mark, ora_error *err);

/*
 * COMMIT: inside the caller's BEGIN IMMEDIATE, apply every non-empty write
 * set to main (deletes, updates, inserts with their rowids; foreign keys
 * deferred to the COMMIT) and empty it. On failure (a constraint the locks did
 * not make conflict-free, I/O) ERR has the mapped error: the caller rolls back
 * its SQLite transaction - the write sets come back with it - and then
 * normally calls ovl_discard() (Oracle rolls back a transaction whose commit
 * failed). Savepoint marks end either way.
 */
int ovl_apply(ovl_session *s, ora_error *err);
/* ROLLBACK: empty every write set and undo log. */
int ovl_discard(ovl_session *s, ora_error *err);

#endif
