/*
 * txn.c - a session's transaction under row-level locking (see txn.h).
 *
 * The overlay's triggers call back here for every row they change: the row
 * is locked in the lock manager (waiting for its holder, or failing with
 * ORA-00060 when waiting would close a cycle), an INSERT gets its rowid from
 * the table's counter in the SGA, and unique key values are locked so that
 * two open transactions cannot both insert one.  A row whose lock was last
 * released by a commit newer than the statement's snapshot makes the
 * statement run again on a new snapshot (no lost update).
 */
#include "txn.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../common/alert.h"
#include "../common/decimal.h"
#include "../sga/commit_log.h"
#include "../sga/sga.h"
#include "../sga/table_state.h"

/*
 * The statements a COMMIT runs besides the apply, kept prepared: parsing
 * them again at every COMMIT cost time inside the write turn, where every
 * other committer waits.
 */
enum { STEP_SYNC_NORMAL, STEP_BEGIN, STEP_COMMIT, STEP_SYNC_FULL, COMMIT_STEPS };
static const char *const commit_step_sql[COMMIT_STEPS] = {
    [STEP_SYNC_NORMAL] = "PRAGMA synchronous=NORMAL",
    [STEP_BEGIN] = "BEGIN IMMEDIATE",
    [STEP_COMMIT] = "COMMIT",
    [STEP_SYNC_FULL] = "PRAGMA synchronous=FULL",
};
_Static_assert(COMMIT_STEPS == sizeof ((eng_txn *)0)->commit_steps / sizeof(sqlite3_stmt *),
               "eng_txn.commit_steps holds one statement per step");

/* ---- the overlay's callbacks ---- */

/* A lock call's answer as the callback's: SQLITE_OK, or the statement fails with the error. */
static int lock_answer(eng_txn *t, lk_status st, const lk_outcome *out, uint32_t obj, int64_t row,
                       char *msg, size_t msgsz)
{
    if (st == LK_GRANTED) {
        t->last_obj = obj;
        t->last_rowid = row;
        return SQLITE_OK;
    }
    if (st == LK_GRANTED_STALE) {
        t->restart = 1;
        snprintf(msg, msgsz, "statement restart");
        return SQLITE_ABORT;
    }
    if (st == LK_DEADLOCK)
        alert_log("ORA-00060: Deadlock detected. Session %d (serial# %u) was waiting for a row of "
                  "object %u held by session %d (serial# %u) of instance %d; its statement was "
                  "rolled back.",
                  t->sid, t->serial, obj, out->holder_sid, out->holder_serial, out->holder_inst);
    if (lk_error(the_locks, st, out, &t->failure) == 0) return SQLITE_OK; /* skipped */
    snprintf(msg, msgsz, "%s", t->failure.msg);
    return SQLITE_ERROR;
}

/* table_next_rowid's question, the first time: the largest rowid the table holds. */
typedef struct max_question {
    eng_txn *t;
    uint32_t oid;
} max_question;

static int64_t committed_max(void *arg)
{
    const max_question *q = arg;
    return q->t->committed_max(q->t->engine_arg, q->oid);
}

/* No rowid counter for table OID (the table state is full, or its largest rowid unknown). */
static int no_rowid(eng_txn *t, char *msg, size_t msgsz)
{
    ora_set(&t->failure, ORA_INTERNAL, 0, "no rowid for a new row");
    snprintf(msg, msgsz, "%s", t->failure.msg);
    return SQLITE_ERROR;
}

static int lock_rowid_key(eng_txn *t, uint32_t oid, int64_t rowid, char *msg, size_t msgsz);

static int cb_lock_row(void *ctx, int64_t oid, int64_t rowid, int inserting, char *msg,
                       size_t msgsz)
{
    eng_txn *t = ctx;
    lk_outcome out;
    lk_how how = {LK_FOREVER, &t->hooks};
    /* an explicit rowid is locked like any row: a second inserter waits */
    lk_status st =
        lk_row_lock(the_locks, t->txn, (uint32_t)oid, rowid, &how, t->snapshot, &out);
    int rc = lock_answer(t, st, &out, (uint32_t)oid, rowid, msg, msgsz);
    if (rc != SQLITE_OK || !inserting) return rc;
    max_question q = {t, (uint32_t)oid}; /* and the counter passes it */
    if (table_rowid_used(the_table_state, (uint32_t)oid, rowid, committed_max, &q) < 0)
        return no_rowid(t, msg, msgsz);
    return lock_rowid_key(t, (uint32_t)oid, rowid, msg, msgsz);
}

static int cb_new_rowid(void *ctx, int64_t oid, int64_t *rowid, char *msg, size_t msgsz)
{
    eng_txn *t = ctx;
    max_question q = {t, (uint32_t)oid};
    *rowid = table_next_rowid(the_table_state, (uint32_t)oid, committed_max, &q);
    if (*rowid <= 0) return no_rowid(t, msg, msgsz);
    t->last_obj = (uint32_t)oid;
    t->last_rowid = *rowid;
    return SQLITE_OK;
}

/* FNV-1a: one value's type and bytes into H. */
static uint64_t hash_bytes(uint64_t h, int type, const unsigned char *p, int len)
{
    h = (h ^ (uint64_t)type) * 1099511628211ull;
    for (int k = 0; k < len; k++) h = (h ^ p[k]) * 1099511628211ull;
    return h;
}

/* The integer I into H, as a number is hashed: by its decimal text. */
static uint64_t hash_integer(uint64_t h, int64_t i)
{
    char text[24];
    int len = snprintf(text, sizeof text, "%lld", (long long)i);
    return hash_bytes(h, SQLITE_INTEGER, (const unsigned char *)text, len);
}

/* A number (an integer, a double, or the decimal text a NUMBER column keeps) into H by its
 * canonical decimal text, so that 7, 7.0 and '7' are one key: 1, or 0 when V is no number. */
static int hash_number(uint64_t *h, sqlite3_value *v)
{
    char text[PDEC_TEXT_MAX];
    pdec d;
    const char *t;
    switch (sqlite3_value_type(v)) {
    case SQLITE_INTEGER: *h = hash_integer(*h, sqlite3_value_int64(v)); return 1;
    case SQLITE_FLOAT:
        if (pdec_from_double(sqlite3_value_double(v), &d) != PDEC_OK) return 0;
        break;
    case SQLITE_TEXT:
        t = (const char *)sqlite3_value_text(v);
        if (!t || t[strspn(t, "+-.0123456789eE")] || pdec_parse(t, &d) != PDEC_OK) return 0;
        break;
    default: return 0;
    }
    pdec_format(&d, text);
    *h = hash_bytes(*h, SQLITE_INTEGER, (const unsigned char *)text, (int)strlen(text));
    return 1;
}

#define HASH_START 1469598103934665603ull

/* The values' hash: equal keys hash alike (SQLite applied affinity). */
static int64_t key_hash(int n, sqlite3_value **values)
{
    uint64_t h = HASH_START;
    for (int i = 0; i < n; i++) {
        if (hash_number(&h, values[i])) continue;
        int type = sqlite3_value_type(values[i]);
        h = hash_bytes(h, type, sqlite3_value_blob(values[i]), sqlite3_value_bytes(values[i]));
    }
    return (int64_t)(h & INT64_MAX);
}

/* The object a key of table TABLE_OBJ is locked by: its index INDEX (SQLite's name), or the
 * table when the index is not in the catalog (a constraint's) or there is none. */
static uint32_t key_object(eng_txn *t, uint32_t table_obj, const char *index)
{
    uint32_t index_obj = index ? t->object_number(t->engine_arg, index) : 0;
    return index_obj ? index_obj : table_obj;
}

/* Lock key ID of OBJ, SHARED or exclusively, waiting as long as it takes; REPORT_OBJ names the
 * table in a deadlock's alert log entry. */
static int lock_key_value(eng_txn *t, uint32_t obj, int64_t id, int shared, uint32_t report_obj,
                          char *msg, size_t msgsz)
{
    lk_outcome out;
    lk_how how = {LK_FOREVER, &t->hooks};
    lk_status st = shared ? lk_key_share(the_locks, t->txn, obj, id, &how, t->snapshot, &out)
                          : lk_key_lock(the_locks, t->txn, obj, id, &how, t->snapshot, &out);
    if (st == LK_GRANTED) return SQLITE_OK;
    return lock_answer(t, st, &out, report_obj, 0, msg, msgsz);
}

static int cb_lock_key(void *ctx, int64_t oid, const char *index, int n, sqlite3_value **values,
                       char *msg, size_t msgsz)
{
    eng_txn *t = ctx;
    return lock_key_value(t, key_object(t, (uint32_t)oid, index), key_hash(n, values), 0,
                          (uint32_t)oid, msg, msgsz);
}

/* Mixed into the hash of an INTEGER PRIMARY KEY's value: its parent-key locks are named by the
 * table, as the keys of unique indexes without a catalog object are, and must not meet them. */
#define ROWID_KEY_SALT 0x52494b4559000000LL /* "RIKEY" */

/* The parent-key lock of table OID's INTEGER PRIMARY KEY value ROWID, taken exclusively by the
 * row that brings the key in: a child of it (cb_lock_parent_key, shared) waits for its
 * transaction, as it waits for a new parent's unique key. */
static int lock_rowid_key(eng_txn *t, uint32_t oid, int64_t rowid, char *msg, size_t msgsz)
{
    /* hashed as key_hash hashes the number */
    int64_t id = (int64_t)(hash_integer(HASH_START, rowid) & INT64_MAX) ^ ROWID_KEY_SALT;
    return lock_key_value(t, oid, id, 0, oid, msg, msgsz);
}

/*
 * A key foreign keys may refer to, in the lock manager.  A key with a unique
 * index is named as cb_lock_key names that index's keys (so a child waits
 * for the open transaction that inserted its parent, and a new row with a
 * key waits for the open transaction that deleted it); an INTEGER PRIMARY
 * KEY by its table and the hash of its value, salted.  A child's reference
 * is shared, a parent giving the key up exclusive: the later of the two
 * waits for the other's transaction, as in Oracle, where the child's insert
 * or the parent's delete meets the other's index entry.
 */
static int cb_lock_parent_key(void *ctx, int64_t oid, const char *table, const char *index, int n,
                              sqlite3_value **values, int shared, char *msg, size_t msgsz)
{
    eng_txn *t = ctx;
    uint32_t table_obj = oid ? (uint32_t)oid : t->object_number(t->engine_arg, table);
    if (!table_obj) return SQLITE_OK; /* not in the catalog: nothing to lock it by */
    int64_t id = key_hash(n, values);
    if (!index) id ^= ROWID_KEY_SALT;
    uint32_t obj = key_object(t, table_obj, index);
    return lock_key_value(t, obj, id, shared, obj, msg, msgsz);
}

/* Table OID's DDL generation as the overlays count it: UINT64_MAX when it is gone. */
static uint64_t generation_of(uint32_t oid)
{
    uint32_t g = table_generation(the_table_state, oid);
    return g == TABLE_GONE ? UINT64_MAX : g;
}

static uint64_t cb_generation(void *ctx, int64_t oid)
{
    (void)ctx;
    return generation_of((uint32_t)oid);
}

static uint32_t cb_ddl_seq(void *ctx)
{
    (void)ctx;
    return table_ddl_seq(the_table_state);
}

/* Lock table OID in row-exclusive mode for this transaction's statement (it may wait). */
static int lock_table_rx(eng_txn *t, uint32_t oid, ora_error *err)
{
    lk_outcome out;
    lk_how how = {LK_FOREVER, &t->hooks};
    lk_status st = lk_table_lock(the_locks, t->txn, oid, LK_RX, &how, &out);
    return lk_error(the_locks, st, &out, err);
}

/* A delete action reaches child table TABLE: row-exclusive, as Oracle locks it, and its
 * overlay. */
static int cb_use_table(void *ctx, const char *table, ora_error *err)
{
    eng_txn *t = ctx;
    uint32_t oid = t->object_number(t->engine_arg, table);
    if (!oid) return ora_set(err, ORA_INTERNAL, 0, "a child table outside the catalog");
    if (lock_table_rx(t, oid, err) < 0) return -1;
    return ovl_table_use(t->ovl, table, oid, generation_of(oid), err);
}

/* ---- the lock waits, as V$SESSION shows them ---- */

static int hook_interrupt(void *ctx)
{
    eng_txn *t = ctx;
    return t->interrupt ? t->interrupt(t->interrupt_arg) : 0;
}

static void hook_waiting(void *ctx, const lk_wait_info *info)
{
    eng_txn *t = ctx;
    if (!t->on_wait) return;
    if (!info) {
        t->on_wait(t->wait_arg, NULL);
        return;
    }
    /* A key wait (a unique or parent key) is on an index entry, not a row: ROW_WAIT_ROW# 0,
     * not the key's hash. */
    lk_xid x = lk_txn_xid(the_locks, info->holder);
    eng_row_wait w = {info->holder_inst, info->holder_sid, info->holder_serial, x.usn, x.slot,
                      x.sqn, info->kind == LK_KEY && info->mode == LK_SHARED, info->obj,
                      info->kind == LK_ROW ? info->row : 0};
    t->on_wait(t->wait_arg, &w);
}

/* ---- the transaction ---- */

int txn_init(eng_txn *t, sqlite3 *db, ora_error *err)
{
    t->db = db;
    t->wal_fd = -1;
    t->hooks = (lk_hooks){.interrupt = hook_interrupt, .waiting = hook_waiting, .ctx = t};
    ovl_callbacks cb = {.ctx = t,
                        .lock_row = cb_lock_row,
                        .new_rowid = cb_new_rowid,
                        .lock_key = cb_lock_key,
                        .lock_parent_key = cb_lock_parent_key,
                        .generation = cb_generation,
                        .ddl_seq = cb_ddl_seq,
                        .use_table = cb_use_table};
    t->ovl = ovl_open(db, &cb);
    if (!t->ovl || !the_locks) return ora_set(err, ORA_INTERNAL, 0, "row locking");
    return 0;
}

void txn_free(eng_txn *t)
{
    txn_rollback(t);
    if (t->ovl) ovl_close(t->ovl);
    t->ovl = NULL;
    free(t->savepoints);
    t->savepoints = NULL;
    if (t->wal_fd >= 0) close(t->wal_fd);
    t->wal_fd = -1;
    for (int i = 0; i < COMMIT_STEPS; i++) {
        sqlite3_finalize(t->commit_steps[i]);
        t->commit_steps[i] = NULL;
    }
}

int txn_open(const eng_txn *t) { return t->txn != 0; }

int txn_table_ready(eng_txn *t, const char *table, uint32_t oid, ora_error *err)
{
    return ovl_table_use(t->ovl, table, oid, generation_of(oid), err);
}

const char *txn_insert_target(eng_txn *t, const char *table)
{
    if (!ovl_table_def(t->ovl, table)) return NULL;
    snprintf(t->staging_name, sizeof t->staging_name, OVL_STAGING_PREFIX "%s", table);
    return t->staging_name;
}

/* The lock manager's transaction, begun if none is open.  0, or -1 with ORA-01574. */
static int begin(eng_txn *t, ora_error *err)
{
    if (!t->txn && !(t->txn = lk_txn_begin(the_locks, t->inst, t->sid, t->serial)))
        return ora_set(err, 1574, 0); /* maximum number of concurrent transactions exceeded */
    return 0;
}

int txn_refresh(eng_txn *t, ora_error *err) { return ovl_refresh(t->ovl, err); }

int txn_table_overlaid(const eng_txn *t, uint32_t oid) { return ovl_overlaid(t->ovl, oid); }

int txn_statement_begin(eng_txn *t, uint32_t oid, const char *deleting, ora_error *err)
{
    if (begin(t, err) < 0 || lock_table_rx(t, oid, err) < 0 ||
        ovl_delete_reach(t->ovl, deleting, table_ddl_seq(the_table_state), err) < 0)
        return -1;
    t->snapshot = lk_scn_current(the_locks);
    t->restart = 0;
    ora_clear(&t->failure);
    ovl_statement_begin(t->ovl);
    return 0;
}

int64_t txn_statement_rows(const eng_txn *t) { return ovl_statement_rows(t->ovl); }

int txn_statement_end(eng_txn *t, const char *table, ora_error *err)
{
    return ovl_statement_end(t->ovl, table, table_ddl_seq(the_table_state), err);
}

int txn_statement_failed(eng_txn *t, ora_error *err)
{
    if (t->restart) {
        t->restart = 0;
        t->snapshot = lk_scn_current(the_locks);
        ovl_statement_begin(t->ovl);
        return 1;
    }
    if (t->failure.code) *err = t->failure;
    return 0;
}

void txn_end_if_unchanged(eng_txn *t)
{
    ora_error ignored;
    if (t->txn && ovl_has_changes(t->ovl, &ignored) == 0) {
        lk_txn_end(the_locks, t->txn, 0);
        t->txn = 0;
    }
}

int txn_lock_selected(eng_txn *t, uint32_t oid, int64_t rowid, int wait, int skip, ora_error *err)
{
    lk_outcome out;
    lk_how how = {skip ? LK_SKIP : wait < 0 ? LK_FOREVER : wait * 1000, &t->hooks};
    lk_status st = lk_row_lock(the_locks, t->txn, oid, rowid, &how, t->snapshot, &out);
    if (st == LK_GRANTED) return 1;
    if (st == LK_GRANTED_STALE) return 2;
    if (st == LK_SKIPPED) return 0;
    return lk_error(the_locks, st, &out, err);
}

lk_mark txn_locks_mark(eng_txn *t) { return lk_txn_mark(the_locks, t->txn); }
void txn_locks_release_to(eng_txn *t, lk_mark mark) { lk_txn_release_to(the_locks, t->txn, mark); }

int txn_lock_tables(eng_txn *t, const uint32_t *oids, int n, int mode, int wait, ora_error *err)
{
    if (begin(t, err) < 0) return -1;
    lk_mark mark = lk_txn_mark(the_locks, t->txn);
    lk_how how = {wait < 0 ? LK_FOREVER : wait * 1000, &t->hooks};
    for (int i = 0; i < n; i++) {
        lk_outcome out;
        lk_status st = lk_table_lock(the_locks, t->txn, oids[i], mode, &how, &out);
        if (lk_error(the_locks, st, &out, err) < 0) {
            lk_txn_release_to(the_locks, t->txn, mark); /* the statement takes none of them */
            return -1;
        }
    }
    return 0;
}

static void forget_savepoints(eng_txn *t, int from)
{
    for (int i = from; i < t->nsavepoints; i++) free(t->savepoints[i].name);
    t->nsavepoints = from;
}

static int find_savepoint(const eng_txn *t, const char *name)
{
    for (int i = t->nsavepoints - 1; i >= 0; i--)
        if (!strcmp(t->savepoints[i].name, name)) return i;
    return -1;
}

void txn_savepoint(eng_txn *t, const char *name)
{
    int old = find_savepoint(t, name);
    if (old >= 0) { /* Oracle moves a savepoint set again */
        free(t->savepoints[old].name);
        memmove(&t->savepoints[old], &t->savepoints[old + 1],
                sizeof *t->savepoints * (size_t)(t->nsavepoints - old - 1));
        t->nsavepoints--;
    }
    t->savepoints = xrealloc(t->savepoints, sizeof *t->savepoints * (size_t)(t->nsavepoints + 1));
    struct txn_savepoint *p = &t->savepoints[t->nsavepoints++];
    p->name = xstrdup(name);
    p->changes = ovl_savepoint(t->ovl);
    p->locks = t->txn ? lk_txn_mark(the_locks, t->txn) : 0;
}

int txn_rollback_to(eng_txn *t, const char *name, ora_error *err)
{
    int i = find_savepoint(t, name);
    if (i < 0) return ora_set(err, 1086, 0, name);
    if (ovl_rollback_to(t->ovl, t->savepoints[i].changes, err) < 0) return -1;
    if (t->txn) lk_txn_release_to(the_locks, t->txn, t->savepoints[i].locks);
    forget_savepoints(t, i + 1); /* later ones are gone; this one stays */
    return 0;
}

/* Run COMMIT step WHICH: 0, or -1 with ERR. */
static int commit_step(eng_txn *t, int which, ora_error *err)
{
    sqlite3_stmt **st = &t->commit_steps[which];
    int rc = *st ? SQLITE_OK : sqlite3_prepare_v2(t->db, commit_step_sql[which], -1, st, NULL);
    if (rc == SQLITE_OK) rc = sqlite3_step(*st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) ora_set(err, ORA_INTERNAL, 0, sqlite3_errmsg(t->db));
    if (*st) sqlite3_reset(*st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

/* The write set goes into the database in one SQLite write transaction. */
static int apply_write_set(eng_txn *t, ora_error *err)
{
    if (commit_step(t, STEP_BEGIN, err) < 0) return -1;
    if (ovl_apply(t->ovl, err) < 0 || commit_step(t, STEP_COMMIT, err) < 0) {
        sqlite3_exec(t->db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    return 0;
}

/*
 * Apply the write set in the write turn (commit_log.h), under synchronous =
 * NORMAL: its WAL frames are written, not synced (the connection's setting,
 * FULL, stays for everything else it writes).  The commit's number, 0 when it
 * failed.
 */
static uint64_t write_commit(eng_txn *t, ora_error *err)
{
    ora_error ignored;
    commit_step(t, STEP_SYNC_NORMAL, &ignored);
    commit_log_write_begin(the_commit_log);
    int rc = apply_write_set(t, err);
    uint64_t seq = commit_log_write_end(the_commit_log, rc == 0);
    commit_step(t, STEP_SYNC_FULL, &ignored);
    return seq;
}

/* The WAL file, opened by the first COMMIT (again if it was ever replaced), -1 on failure. */
static int wal_fd(eng_txn *t)
{
    struct stat st;
    if (t->wal_fd >= 0 && fstat(t->wal_fd, &st) == 0 && st.st_nlink > 0) return t->wal_fd;
    if (t->wal_fd >= 0) close(t->wal_fd);
    t->wal_fd = open(sqlite3_filename_wal(sqlite3_db_filename(t->db, "main")), O_RDWR | O_CLOEXEC);
    return t->wal_fd;
}

/* Commit number SEQ is in the WAL: return once it is on disk too ("log file sync"). */
static int make_durable(eng_txn *t, uint64_t seq, ora_error *err)
{
    int fd = wal_fd(t);
    if (t->on_sync) t->on_sync(t->wait_arg, seq);
    int rc = fd >= 0 ? commit_log_sync(the_commit_log, seq, fd) : -1;
    if (t->on_sync) t->on_sync(t->wait_arg, 0);
    if (rc == 0) return 0;
    char why[160];
    snprintf(why, sizeof why, "log file sync: %s", strerror(errno));
    alert_log("ORA-00600: internal error code, arguments: [%s] (a commit of session %d, serial# %u)",
              why, t->sid, t->serial);
    return ora_set(err, ORA_INTERNAL, 0, why);
}

int txn_commit(eng_txn *t, ora_error *err)
{
    if (!t->txn) {
        forget_savepoints(t, 0);
        return 0;
    }
    uint64_t seq = write_commit(t, err);
    int rc = seq ? 0 : -1;
    ora_error ignored;
    if (rc < 0) ovl_discard(t->ovl, &ignored); /* a commit that failed rolls back */
    /*
     * The locks go once the changes are in the database, before they are on
     * disk (as Oracle posts waiters before LGWR's write completes): every
     * session sees the commit already, and a transaction that changes these
     * rows next commits after this one in the WAL, so it cannot be durable
     * while this one is lost.  A hot row passes from one transaction to the
     * next without waiting for the sync.
     */
    lk_txn_end(the_locks, t->txn, rc == 0);
    t->txn = 0;
    forget_savepoints(t, 0);
    return rc < 0 ? -1 : make_durable(t, seq, err);
}

void txn_rollback(eng_txn *t)
{
    ora_error ignored;
    if (t->ovl) ovl_discard(t->ovl, &ignored);
    if (t->txn) lk_txn_end(the_locks, t->txn, 0);
    t->txn = 0;
    forget_savepoints(t, 0);
}

int txn_ddl_begin(eng_txn *t, uint32_t oid, int wait, ora_error *err)
{
    if (!oid) return ovl_drop_all(t->ovl, err);
    if (!(t->ddl = lk_txn_begin(the_locks, t->inst, t->sid, t->serial))) return ora_set(err, 1574, 0);
    lk_outcome out;
    lk_how how = {wait * 1000, &t->hooks};
    lk_status st = lk_table_lock(the_locks, t->ddl, oid, LK_X, wait > 0 ? &how : NULL, &out);
    int rc = lk_error(the_locks, st, &out, err);
    if (rc < 0 && err->code == ORA_WAIT_TIMEOUT) ora_set(err, ORA_RESOURCE_BUSY, 0); /* as Oracle's DDL */
    if (rc == 0 && ovl_drop_all(t->ovl, err) == 0) return 0;
    lk_txn_end(the_locks, t->ddl, 0);
    t->ddl = 0;
    return -1;
}

void txn_ddl_done(eng_txn *t, int ran, uint32_t oid, int dropped)
{
    if (ran && oid && dropped) table_dropped(the_table_state, oid);
    else if (ran && oid) table_changed(the_table_state, oid);
    else if (ran) table_created(the_table_state); /* a name may name a new table */
    if (t->ddl) lk_txn_end(the_locks, t->ddl, 0);
    t->ddl = 0;
}
