/*
 * engine.c - SQLite bridge: sessions, cursors, Oracle transaction semantics.
 *
 * Under row_locking = on (the default) a transaction's changes and locks are
 * txn.c's: every statement runs in its own SQLite savepoint and COMMIT
 * applies the write sets.  Under row_locking = off the write lock is
 * SQLite's: BEGIN IMMEDIATE at a session's first change blocks (in the busy
 * handler) while another session's transaction is open.  The busy handler,
 * the lock manager's waits and the progress handler all ask the server's
 * interrupt callback whether to give up, so breaks, cancels and kills reach
 * a session inside SQL and inside lock waits.
 */
#include "engine.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "../common/buf.h"
#include "../sga/commit_log.h"
#include "../sga/table_state.h"
#include "catalog.h"
#include "engine_internal.h"
#include "objects.h"
#include "txn.h"
#include "ora_functions.h"
#include "ora_functions_int.h"
#include "ora_nls.h"
#include "identities.h"
#include "io_vfs.h"
#include "object_grants.h"
#include "schema_access.h"
#include "v_views.h"

#define PROGRESS_OPS LONG_STATEMENT_TICK /* VM steps between interrupt checks */
#define NUMBER_CACHE 8    /* object numbers a session keeps (a table and its unique indexes) */

struct eng_session {
    sqlite3 *db;
    uint64_t sorts;       /* sorters of freed cursors' statements, not yet taken */
    uint64_t redo_bytes;  /* WAL bytes this session's commits wrote, not yet taken */
    int page_size;
    char user[129];
    int in_txn;           /* BEGIN IMMEDIATE done, not yet committed/rolled back */
    uint64_t txn_changes; /* rows changed by the open transaction */
    eng_interrupt_fn interrupt;
    void *interrupt_arg;
    int interrupted;      /* Oracle error the interrupt callback returned */
    int schema_read;      /* this translation brought the schema up to date (column_type) */
    sqlite3_stmt *columns_of; /* SELECT * FROM main.<table> of column_name's last table */
    char columns_table[260];
    int lock_wait;        /* write-lock wait: -1 forever, 0 NOWAIT, n seconds */
    struct timespec lock_deadline;
    int busy_error;       /* ORA-00054 / ORA-30006 when the wait gave up */
    schema_access access; /* who may touch which schema (authorizer) */
    struct ora_fn_ctx fn_ctx;
    vview_ctx view_ctx;   /* what the V$ views know of this session */
    eng_observer observer;
    int lock_waiting;     /* the observer was told a lock wait began */
    /* The last row a DML statement changed (update hook), and its table's object number. */
    char changed_table[129];
    int64_t changed_rowid;
    struct {
        char table[260];
        uint32_t number; /* 0: no such table */
    } numbers[NUMBER_CACHE];  /* object numbers looked up (round robin) ... */
    int next_number;
    uint32_t numbers_seq; /* ... since the instance's DDL count was this (table_ddl_seq) */
    int row_locking; /* txn.c keeps the transaction: private write sets, row locks */
    eng_txn txn;
    eng_cursor *cursors; /* every cursor prepared and not freed (the newest first) */
    eng_function_host functions; /* stored functions SQL calls: the server's */
    sequence_session *sequences; /* NEXTVAL and CURRVAL */
    int ddl_lock_timeout;        /* seconds a DDL waits for its table (DDL_LOCK_TIMEOUT) */
    long_statement running;      /* the statement executing or fetching, watched for long ones */
    sqlite3 *side_db;            /* ... and the read-only connection its plan is read through */
};

struct eng_cursor {
    char *sql;
    sql_stmt st;
    uint32_t oid; /* row locking: the object number of the table a DML statement changes, or
                   * of the first table a FOR UPDATE locks rows of */
    ora_error overlay_error; /* row locking: making an INSERT target's overlay failed */
    uint32_t *lock_oids; /* FOR UPDATE: the number of each table of st.sqlite.locked whose rows
                          * it locks, 0 for one it does not */
    sqlite3_stmt *stmt;
    const sql_sqlite_text *text; /* st's SQLite text; NULL for a command the server runs */
    int tail; /* offset of the second statement in text->sql (multi-statement DDL) */
    int ncols;
    eng_column *cols;
    int *colmap; /* describe column k is the statement's column colmap[k] */
    int described_prepares; /* SQLITE_STMTSTATUS_REPREPARE when COLS were made */
    int sorts_seen;         /* SQLITE_STMTSTATUS_SORT when the sorts statistic last took it */
    int describe_changed;   /* the last execute's describe differs from the one before */
    int pending_first; /* the first row was stepped by execute, not yet fetched */
    /* Rows read ahead and kept (SELECT ... FOR UPDATE locks them all when executed):
     * NKEPT rows of KEPT_COLS cells, texts and bytes in KEPT_BYTES (cell.bytes holds the
     * offset there), served from KEPT_POS on. */
    eng_cell *kept;
    int nkept, kept_cols, kept_pos;
    buf kept_bytes;
    char number_text[32]; /* eng_value_text of a kept number */
    vscan *scan; /* a plain scan of one view: its rows come from the view's snapshot */
    eng_session *owner;
    eng_cursor *prev, *next; /* in owner->cursors */
    int done;
    uint64_t fetched;
    returning *ret; /* DML ... RETURNING ... INTO: its queries and rows */
    dml_steps *steps; /* DML of several statements: those after the first */
    eng_column *bind_types; /* the last execute's input binds as a select-list column types
                               them (eng_column_from_bind); NBIND_TYPES of them */
    int nbind_types;
};

static void notify_lock_wait(eng_session *s, int waiting);
static void notify_transaction(eng_session *s);
static int keep_open_cursors(eng_session *s, const eng_cursor *except, ora_error *err);

/* ---- interrupts ---- */

static int poll_interrupt(eng_session *s)
{
    if (!s->interrupted && s->interrupt) s->interrupted = s->interrupt(s->interrupt_arg);
    return s->interrupted;
}

static int on_progress(void *arg)
{
    eng_session *s = arg;
    long_statement_progress(&s->running, s->observer.long_op, s->observer.arg);
    return poll_interrupt(s) != 0;
}

/* A stored function a plan names: never called (the side connection only plans). */
static void placeholder_function(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    sqlite3_result_error(ctx, "a function of a plan only", -1);
}

/* The side connection of a long statement: opened at the first, read-only, with the session's
 * functions; NULL when it cannot be. */
static sqlite3 *side_connection(eng_session *s)
{
    const char *path = sqlite3_db_filename(s->db, "main");
    if (s->side_db || !path) return s->side_db;
    if (sqlite3_open_v2(path, &s->side_db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) !=
            SQLITE_OK ||
        ora_functions_register(s->side_db, &s->fn_ctx) != SQLITE_OK) {
        sqlite3_close_v2(s->side_db);
        s->side_db = NULL;
    }
    return s->side_db;
}

/* long_side_fn: SQL prepared on the side connection; a stored function it calls is defined
 * there as a placeholder (at most SIDE_FUNCTIONS of them). */
#define SIDE_FUNCTIONS 16
static sqlite3_stmt *side_prepare(void *arg, const char *sql)
{
    sqlite3 *db = side_connection(arg);
    sqlite3_stmt *st = NULL;
    char name[130];
    for (int i = 0; db && i <= SIDE_FUNCTIONS; i++) {
        if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) return st;
        if (!unit_function_missing(sqlite3_errmsg(db), name, sizeof name) ||
            sqlite3_create_function_v2(db, name, -1, SQLITE_UTF8, NULL, placeholder_function, NULL,
                                       NULL, NULL) != SQLITE_OK)
            break;
    }
    return NULL;
}

static void watch_statement(eng_session *s, const eng_cursor *c)
{
    long_statement_begin(&s->running, c->stmt, c->text->sql, side_prepare, s);
}

/* C's statement is done (or its cursor goes): a long one reports its end. */
static void statement_done(eng_session *s, const eng_cursor *c)
{
    if (c->stmt && s->running.stmt == c->stmt)
        long_statement_end(&s->running, s->observer.long_op, s->observer.arg);
}

/* Waiting for the write lock: sleep in short steps until it frees or we are interrupted. */
static int deadline_passed(const struct timespec *d)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec > d->tv_sec || (now.tv_sec == d->tv_sec && now.tv_nsec >= d->tv_nsec);
}

static int on_busy(void *arg, int count)
{
    eng_session *s = arg;
    notify_lock_wait(s, 1);
    if (poll_interrupt(s)) return 0;
    if (s->lock_wait == 0) {
        s->busy_error = ORA_RESOURCE_BUSY;
        return 0;
    }
    if (s->lock_wait > 0 && deadline_passed(&s->lock_deadline)) {
        s->busy_error = 30006;
        return 0;
    }
    struct timespec ts = {0, (count < 10 ? 200 : 1000) * 1000L};
    nanosleep(&ts, NULL);
    return 1;
}

/* After each commit: CKPT checkpoints, not the session (commit_log.h); and the frames the
 * commit wrote are its redo (the WAL's length before it is the last commit's). */
static int on_wal_commit(void *arg, sqlite3 *db, const char *schema, int frames)
{
    eng_session *s = arg;
    uint32_t before = commit_log_wal_frames(the_commit_log, (uint32_t)frames);
    uint32_t wrote = (uint32_t)frames > before ? (uint32_t)frames - before : (uint32_t)frames;
    if (s) s->redo_bytes += (uint64_t)wrote * (uint64_t)s->page_size;
    commit_log_wal_grew(the_commit_log, frames);
    return SQLITE_OK;
}

/* The sorts C's statement ran since they were last taken (the counter itself runs on: a long
 * statement watches it too). */
static uint64_t take_sorts(eng_cursor *c)
{
    int now = sqlite3_stmt_status(c->stmt, SQLITE_STMTSTATUS_SORT, 0);
    int since = now >= c->sorts_seen ? now - c->sorts_seen : now; /* prepared again: anew */
    c->sorts_seen = now;
    return (uint64_t)since;
}

void eng_take_counters(eng_session *s, eng_counters *out)
{
    int cur = 0, high = 0;
    memset(out, 0, sizeof *out);
    if (sqlite3_db_status(s->db, SQLITE_DBSTATUS_CACHE_HIT, &cur, &high, 1) == SQLITE_OK)
        out->cache_hits = (uint64_t)cur;
    if (sqlite3_db_status(s->db, SQLITE_DBSTATUS_CACHE_MISS, &cur, &high, 1) == SQLITE_OK)
        out->cache_misses = (uint64_t)cur;
    out->sorts = s->sorts;
    for (eng_cursor *c = s->cursors; c; c = c->next) /* a statement SQLite does not run: none */
        if (c->stmt) out->sorts += take_sorts(c);
    out->redo_bytes = s->redo_bytes;
    s->sorts = s->redo_bytes = 0;
}

void eng_set_interrupt(eng_session *s, eng_interrupt_fn fn, void *arg)
{
    s->interrupt = fn;
    s->interrupt_arg = arg;
}

/* ---- plumbing ---- */

static int exec_sql(eng_session *s, const char *sql, ora_error *err)
{
    char *msg = NULL;
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, &msg);
    if (rc == SQLITE_OK) return 0;
    if ((rc == SQLITE_BUSY || rc == SQLITE_INTERRUPT) && s->interrupted)
        ora_set(err, s->interrupted, 0);
    else if (rc == SQLITE_BUSY && s->busy_error)
        ora_set(err, s->busy_error, 0);
    else if (rc == SQLITE_NOMEM)
        sql_map_sqlite_error(NULL, NULL, rc, msg, -1, err);
    else
        ora_set(err, ORA_INTERNAL, 0, msg ? msg : sqlite3_errstr(rc));
    sqlite3_free(msg);
    return -1;
}

/*
 * SQLite undoes the whole transaction when a statement that writes is
 * interrupted, or any statement runs out of memory (session_pga_limit): the
 * session then has no transaction.  If it had changed rows, ERR says they
 * are gone (a second line, ORA-02091), so a later COMMIT is no surprise.
 */
static void note_lost_transaction(eng_session *s, ora_error *err)
{
    if (!s->in_txn || !sqlite3_get_autocommit(s->db)) return;
    if (s->txn_changes) {
        size_t n = strlen(err->msg);
        snprintf(err->msg + n, sizeof err->msg - n, "\nORA-02091: %s", ora_text(2091));
    }
    s->in_txn = 0;
    s->txn_changes = 0;
    notify_transaction(s);
}

/*
 * Error for a failed sqlite call on cursor C (interrupt and access errors
 * first); SQLITE_OFF is the error's offset in C's SQLite text, or -1.
 */
/* The authorizer's refusal of C's statement (ORA-00942, ORA-01031 ...) into ERR: -1. */
static int access_denied(eng_session *s, eng_cursor *c, ora_error *err)
{
    return ora_set(err, s->access.denied_code, sql_char_offset(c->sql, s->access.denied_offset));
}

static int statement_error(eng_session *s, eng_cursor *c, int rc, int sqlite_off, ora_error *err)
{
    if (s->interrupted && (rc == SQLITE_INTERRUPT || rc == SQLITE_BUSY))
        ora_set(err, s->interrupted, 0);
    /* the authorizer's refusal; SQLite says SQLITE_SCHEMA for it when the schema also changed
     * under the statement (a DDL rolled back just before) */
    else if ((rc == SQLITE_AUTH ||
              (rc == SQLITE_SCHEMA && !strcmp(sqlite3_errmsg(s->db), "not authorized"))) &&
             s->access.denied_code)
        access_denied(s, c, err);
    else
        sql_map_sqlite_error(&c->st, c->sql, rc, sqlite3_errmsg(s->db), sqlite_off, err);
    note_lost_transaction(s, err);
    return -1;
}

/* SQLite's update hook: remember the last row changed (its ROWID is sent with the call). */
static void on_row_change(void *arg, int op, const char *db, const char *table, sqlite3_int64 rowid)
{
    eng_session *s = arg;
    (void)op, (void)db;
    snprintf(s->changed_table, sizeof s->changed_table, "%s", table);
    s->changed_rowid = rowid;
}

/* Forget the object numbers looked up (a DDL may have given a name to another object). */
static void forget_numbers(eng_session *s)
{
    for (int i = 0; i < NUMBER_CACHE; i++) s->numbers[i].table[0] = '\0';
}

/* A table's (or index's) object number (objects.c), the last few kept until the next DDL. */
static uint32_t object_number(eng_session *s, const char *table)
{
    uint32_t seq = the_table_state ? table_ddl_seq(the_table_state) : 0;
    if (seq != s->numbers_seq) forget_numbers(s);
    s->numbers_seq = seq;
    for (int i = 0; i < NUMBER_CACHE; i++)
        if (!strcmp(s->numbers[i].table, table)) return s->numbers[i].number;
    schema_access_catalog(&s->access, 1);
    uint32_t n = objects_number(s->db, table);
    schema_access_catalog(&s->access, 0);
    int k = s->next_number++ % NUMBER_CACHE;
    snprintf(s->numbers[k].table, sizeof s->numbers[k].table, "%s", table);
    s->numbers[k].number = n;
    return n;
}

int eng_last_rowid(eng_session *s, uint32_t *object, int64_t *rowid)
{
    if (s->row_locking) {
        if (!s->txn.last_obj) return -1;
        *object = s->txn.last_obj;
        *rowid = s->txn.last_rowid;
        return 0;
    }
    if (!s->changed_table[0]) return -1;
    *object = object_number(s, s->changed_table);
    *rowid = s->changed_rowid;
    return 0;
}

static int cursor_error(eng_session *s, eng_cursor *c, int rc, ora_error *err)
{
    return statement_error(s, c, rc, sqlite3_error_offset(s->db), err);
}

/* The same for the statement of C's text that begins at byte AT. */
static int step_error(eng_session *s, eng_cursor *c, int rc, int at, ora_error *err)
{
    int off = sqlite3_error_offset(s->db);
    return statement_error(s, c, rc, off < 0 ? -1 : at + off, err);
}

/* The catalog-derived state of a new session: privileges, views, the authorizer. */
static int open_access(eng_session *s, int admin, ora_error *err)
{
    if (schema_access_logon(&s->access, s->db, s->user, admin, dictionary_view_access, err) < 0)
        return -1;
    s->fn_ctx.is_dba = admin == ADMIN_SYSDBA;
    s->view_ctx.db = s->db;
    s->view_ctx.access = &s->access;
    s->view_ctx.fn = &s->fn_ctx;
    if (vviews_register(s->db, warden_views, &s->view_ctx) != SQLITE_OK ||
        vviews_register(s->db, password_file_views, &s->view_ctx) != SQLITE_OK ||
        vviews_register_dictionary(s->db, dictionary_views, &s->view_ctx) != SQLITE_OK)
        return ora_set(err, ORA_INTERNAL, 0, "V$ views");
    sqlite3_set_authorizer(s->db, schema_access_authorize, &s->access);
    return 0;
}

eng_session *eng_open(const char *path, const char *user, ora_error *err)
{
    return eng_open_as(path, user, ADMIN_NONE, err);
}

/* The session's own sequences, or another's with SELECT ANY SEQUENCE or SELECT on it. */
static int may_use_sequence(void *arg, const char *owner, const char *name)
{
    eng_session *s = arg;
    return !strcmp(owner, s->user) || eng_has_privilege(s, "SELECT ANY SEQUENCE") ||
           eng_has_object_privilege(s, owner, name, "SELECT");
}

static void sequence_catalog(void *arg, int on)
{
    eng_session *s = arg;
    schema_access_catalog(&s->access, on);
}

int eng_connect(const char *path, sqlite3 **db)
{
    *db = NULL;
    int rc = io_vfs_register(0); /* its reads of the database file show as I/O waits */
    return rc == SQLITE_OK
               ? sqlite3_open_v2(path, db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, IO_VFS_NAME)
               : rc;
}

eng_session *eng_open_as(const char *path, const char *user, int admin, ora_error *err)
{
    sqlite3 *db;
    int rc = eng_connect(path, &db);
    if (rc != SQLITE_OK) {
        sqlite3_close_v2(db);
        ora_set(err, ORA_INTERNAL, 0, sqlite3_errstr(rc));
        return NULL;
    }
    return eng_open_on(db, user, admin, err);
}

eng_session *eng_open_on(sqlite3 *db, const char *user, int admin, ora_error *err)
{
    eng_session *s = xcalloc(1, sizeof *s);
    snprintf(s->user, sizeof s->user, "%s", user);
    s->db = db;
    sqlite3_extended_result_codes(s->db, 0);
    /*
     * Before the first read: in WAL mode even a read can meet SQLITE_BUSY for
     * a moment (another connection resetting the WAL index); wait it out.
     */
    s->lock_wait = -1;
    sqlite3_busy_handler(s->db, on_busy, s);
    snprintf(s->fn_ctx.username, sizeof s->fn_ctx.username, "%s", user);
    snprintf(s->fn_ctx.schema, sizeof s->fn_ctx.schema, "%s", user);
    /* No memory map for reads: SQLite unmaps it whenever another session's commit moved the
     * WAL, and unmapping flushes the TLBs of every CPU the process ran on. */
    if (exec_sql(s, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA mmap_size=0",
                 err) < 0 ||
        ora_functions_register(s->db, &s->fn_ctx) != 0 ||
        ora_userenv_register(s->db, &s->fn_ctx) != 0 ||
        !(s->sequences = sequence_values_open(s->db, may_use_sequence, sequence_catalog, s))) {
        if (!err->code) ora_set(err, ORA_INTERNAL, 0, "function registration");
        eng_close(s);
        return NULL;
    }
    /* "x" is an identifier, never a string: a misspelt quoted name is ORA-00904. */
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_DQS_DML, 0, (int *)NULL);
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_DQS_DDL, 0, (int *)NULL);
    if (open_access(s, admin, err) < 0) {
        eng_close(s);
        return NULL;
    }
    sqlite3_update_hook(s->db, on_row_change, s);
    s->page_size = 4096;
    sqlite3_stmt *ps = NULL;
    if (sqlite3_prepare_v2(s->db, "PRAGMA page_size", -1, &ps, NULL) == SQLITE_OK &&
        sqlite3_step(ps) == SQLITE_ROW)
        s->page_size = sqlite3_column_int(ps, 0);
    sqlite3_finalize(ps);
    if (the_commit_log) sqlite3_wal_hook(s->db, on_wal_commit, s); /* else SQLite's own */
    notify_lock_wait(s, 0); /* a wait while opening was no TX enqueue */
    sqlite3_progress_handler(s->db, PROGRESS_OPS, on_progress, s);
    return s;
}

void eng_close(eng_session *s)
{
    if (!s) return;
    if (s->row_locking) {
        schema_access_catalog(&s->access, 1); /* the statements it checked are gone */
        txn_free(&s->txn);
    }
    sequence_values_close(s->sequences);
    sqlite3_close_v2(s->side_db);
    if (s->db) {
        if (s->in_txn) sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        sqlite3_close_v2(s->db);
    }
    schema_access_close(&s->access);
    for (int i = 0; i < 3 * s->fn_ctx.napp_context; i++) free(s->fn_ctx.app_context[i]);
    free(s->fn_ctx.app_context);
    free(s);
}

void eng_set_app_context(eng_session *s, const char *ns, const char *attr, const char *value)
{
    struct ora_fn_ctx *f = &s->fn_ctx;
    f->app_context = xrealloc(f->app_context, sizeof *f->app_context * (size_t)(3 * f->napp_context + 3));
    const char *parts[3] = {ns, attr, value};
    for (int i = 0; i < 3; i++) f->app_context[3 * f->napp_context + i] = xstrdup(parts[i] ? parts[i] : "");
    f->napp_context++;
}

int eng_in_transaction(const eng_session *s)
{
    return s->row_locking ? txn_open(&s->txn) : s->in_txn;
}

/* ---- row locking: what txn.c asks of the session ---- */

/* The largest rowid table OID holds (0 when empty), -1 on an error: where its rowids go on. */
static int64_t committed_max_rowid(void *arg, uint32_t oid)
{
    eng_session *s = arg;
    int64_t max = -1;
    char name[300];
    schema_access_catalog(&s->access, 1);
    if (objects_name(s->db, oid, name, sizeof name) == 0) {
        buf sql;
        buf_init(&sql);
        buf_puts(&sql, "SELECT coalesce(max(rowid), 0) FROM main.");
        buf_put_quoted(&sql, name, '"');
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(s->db, buf_cstr(&sql), -1, &st, NULL) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW)
            max = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        buf_free(&sql);
    }
    schema_access_catalog(&s->access, 0);
    return max;
}

static uint32_t object_number(eng_session *s, const char *table);

static uint32_t number_of(void *arg, const char *name) { return object_number(arg, name); }

static int txn_interrupt(void *arg)
{
    eng_session *s = arg;
    return poll_interrupt(s);
}

static void txn_row_wait(void *arg, const eng_row_wait *w)
{
    eng_session *s = arg;
    if (s->observer.row_wait) s->observer.row_wait(s->observer.arg, w);
}

static void txn_sync_wait(void *arg, uint64_t commit_no)
{
    eng_session *s = arg;
    if (s->observer.sync_wait) s->observer.sync_wait(s->observer.arg, commit_no);
}

int eng_encode_view(const char *name, buf *out) { return vviews_encode(warden_views, name, out); }

int eng_user_has_privilege(const char *path, const char *user, int admin, const char *priv)
{
    static sqlite3 *catalog; /* this process's connection for the checks */
    int index;
    if (catalog_grant_kind(priv, &index) != GRANT_SYSTEM) return 0;
    if (!catalog && sqlite3_open_v2(path, &catalog, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        sqlite3_close(catalog);
        catalog = NULL;
        return -1;
    }
    schema_access a;
    ora_error err;
    if (schema_access_logon(&a, catalog, user, admin, NULL, &err) < 0) return 0; /* dropped */
    int has = (schema_access_privileges(&a) & PRIV_BIT(index)) != 0;
    schema_access_close(&a);
    return has;
}

int eng_set_row_locking(eng_session *s, int inst, int sid, uint32_t serial, ora_error *err)
{
    memset(&s->txn, 0, sizeof s->txn);
    s->txn.inst = inst;
    s->txn.sid = sid;
    s->txn.serial = serial;
    s->txn.committed_max = committed_max_rowid;
    s->txn.object_number = number_of;
    s->txn.engine_arg = s;
    s->txn.interrupt = txn_interrupt;
    s->txn.interrupt_arg = s;
    s->txn.on_wait = txn_row_wait;
    s->txn.on_sync = txn_sync_wait;
    s->txn.wait_arg = s;
    if (txn_init(&s->txn, s->db, err) < 0) return -1;
    s->row_locking = 1;
    sqlite3_update_hook(s->db, NULL, NULL); /* the last row changed is the txn's (last_obj) */
    return 0;
}
void eng_set_sid(eng_session *s, int sid) { s->view_ctx.sid = s->fn_ctx.sid = sid; }
void eng_set_ddl_lock_timeout(eng_session *s, int seconds) { s->ddl_lock_timeout = seconds; }

int eng_datetime_text(eng_session *s, const char *text, buf *out)
{
    odate d;
    buf_reset(out);
    const struct ora_nls *nls = &s->fn_ctx.nls;
    const char *fmt = strchr(text, '.') ? ora_nls_timestamp_format(nls) : ora_nls_date_format(nls);
    if (odate_parse(text, &d) == 0 && format_date(&d, fmt, ora_nls_decimal(nls), 6, out) == 0)
        return 0;
    buf_reset(out);
    buf_puts(out, text);
    return -1;
}
void eng_set_observer(eng_session *s, const eng_observer *o)
{
    s->observer = *o;
    io_vfs_set_observer(o->io_wait, o->arg);
}
void eng_set_heap_limit(int64_t bytes) { sqlite3_hard_heap_limit64(bytes); }
int64_t eng_heap_used(void) { return sqlite3_memory_used(); }

static void notify_transaction(eng_session *s)
{
    if (s->observer.transaction)
        s->observer.transaction(s->observer.arg, eng_in_transaction(s), s->txn_changes);
}

static void notify_lock_wait(eng_session *s, int waiting)
{
    if (s->lock_waiting == waiting) return;
    s->lock_waiting = waiting;
    if (s->observer.lock_wait) s->observer.lock_wait(s->observer.arg, waiting);
}
const char *eng_user(const eng_session *s) { return s->user; }

struct eng_definer {
    char user[129];
    schema_access access;
    char schema[129];
    int schema_id;
};

eng_definer *eng_definer_enter(eng_session *s, const char *owner, ora_error *err)
{
    catalog_user u;
    schema_access as_owner;
    schema_access_catalog(&s->access, 1);
    int found = catalog_find_user(s->db, owner, &u);
    int rc = found > 0 ? schema_access_logon(&as_owner, s->db, owner, ADMIN_NONE,
                                              s->access.view_access, err)
                       : ora_set(err, found < 0 ? ORA_INTERNAL : 1435, 0, "catalog");
    schema_access_catalog(&s->access, 0);
    if (rc < 0) return NULL;
    as_owner.logon_roles = 0; /* a definer's rights unit: its owner's own privileges only */
    as_owner.role_privs = 0;
    eng_definer *d = xcalloc(1, sizeof *d);
    memcpy(d->user, s->user, sizeof d->user);
    d->access = s->access;
    memcpy(d->schema, s->fn_ctx.schema, sizeof d->schema);
    d->schema_id = s->fn_ctx.schema_id;
    s->access = as_owner;
    snprintf(s->user, sizeof s->user, "%s", owner);
    snprintf(s->fn_ctx.schema, sizeof s->fn_ctx.schema, "%s", owner);
    s->fn_ctx.schema_id = strcmp(owner, s->fn_ctx.username) ? u.user_id : 0;
    sqlite3_set_authorizer(s->db, schema_access_authorize, &s->access); /* prepare anew */
    return d;
}

void eng_definer_leave(eng_session *s, eng_definer *d)
{
    schema_access_close(&s->access);
    s->access = d->access;
    memcpy(s->user, d->user, sizeof s->user);
    memcpy(s->fn_ctx.schema, d->schema, sizeof s->fn_ctx.schema);
    s->fn_ctx.schema_id = d->schema_id;
    sqlite3_set_authorizer(s->db, schema_access_authorize, &s->access);
    free(d);
}
struct ora_fn_ctx *eng_fn_ctx(eng_session *s) { return &s->fn_ctx; }

/* ---- transactions ---- */

/* Take the write lock, waiting WAIT seconds (-1 forever, 0 not at all). */
static int begin_transaction_wait(eng_session *s, int wait, ora_error *err)
{
    if (s->in_txn) return 0;
    s->lock_wait = wait;
    s->busy_error = 0;
    if (wait > 0) {
        clock_gettime(CLOCK_MONOTONIC, &s->lock_deadline);
        s->lock_deadline.tv_sec += wait;
    }
    int rc = exec_sql(s, "BEGIN IMMEDIATE", err);
    s->lock_wait = -1;
    notify_lock_wait(s, 0);
    if (rc < 0) return -1;
    s->in_txn = 1;
    s->txn_changes = 0;
    notify_transaction(s);
    return 0;
}

static int begin_transaction(eng_session *s, ora_error *err)
{
    return begin_transaction_wait(s, -1, err);
}

static int end_transaction(eng_session *s, const char *verb, ora_error *err)
{
    if (!s->in_txn) return 0;
    s->interrupted = 0;
    int rc = exec_sql(s, verb, err);
    if (rc < 0 && strcmp(verb, "COMMIT") == 0) return -1;
    s->in_txn = 0;
    s->txn_changes = 0;
    notify_transaction(s);
    return rc;
}

/* SQLite's update hook while a COMMIT writes the write set: a row of a table written. */
static void on_row_applied(void *arg, int op, const char *db, const char *table, sqlite3_int64 id)
{
    eng_session *s = arg;
    if (!strcmp(db, "main")) long_commit_row(&s->running);
}

/* A COMMIT's apply, watched as a long operation (long_statements.h) while it runs. */
static void watch_commit(eng_session *s)
{
    long_commit_begin(&s->running, (double)s->txn_changes);
    sqlite3_update_hook(s->db, on_row_applied, s);
}

static void commit_watched(eng_session *s)
{
    sqlite3_update_hook(s->db, NULL, NULL);
    long_statement_end(&s->running, s->observer.long_op, s->observer.arg);
}

int eng_commit(eng_session *s, ora_error *err)
{
    if (!s->row_locking) return end_transaction(s, "COMMIT", err);
    int was_open = txn_open(&s->txn);
    s->interrupted = 0;
    if (was_open && keep_open_cursors(s, NULL, err) < 0) return -1; /* the apply's snapshot */
    schema_access_catalog(&s->access, 1);
    if (was_open) watch_commit(s);
    int rc = txn_commit(&s->txn, err);
    if (was_open) commit_watched(s);
    schema_access_catalog(&s->access, 0);
    s->txn_changes = 0;
    if (was_open) notify_transaction(s);
    return rc;
}

int eng_rollback(eng_session *s, ora_error *err)
{
    if (!s->row_locking) return end_transaction(s, "ROLLBACK", err);
    int was_open = txn_open(&s->txn);
    schema_access_catalog(&s->access, 1);
    txn_rollback(&s->txn);
    schema_access_catalog(&s->access, 0);
    s->txn_changes = 0;
    if (was_open) notify_transaction(s);
    return 0;
}

struct sqlite3 *eng_catalog_begin(eng_session *s, ora_error *err)
{
    /* open queries are read to their end first: their snapshot would keep the catalog's write
     * transaction from starting */
    if (eng_commit(s, err) < 0 || keep_open_cursors(s, NULL, err) < 0) return NULL;
    schema_access_catalog(&s->access, 1);
    return s->db;
}

void eng_catalog_end(eng_session *s) { schema_access_catalog(&s->access, 0); }

struct sqlite3 *eng_catalog_read_begin(eng_session *s)
{
    schema_access_catalog(&s->access, 1);
    return s->db;
}

void eng_catalog_read_end(eng_session *s) { schema_access_catalog(&s->access, 0); }

int eng_has_privilege(eng_session *s, const char *priv)
{
    int index;
    switch (catalog_grant_kind(priv, &index)) {
    case GRANT_SYSTEM:
        schema_access_refresh(&s->access, s->db);
        return (schema_access_privileges(&s->access) & PRIV_BIT(index)) != 0;
    case GRANT_ADMIN: return s->access.admin == index; /* the session's logon mode */
    default: return 0;
    }
}

int eng_has_object_privilege(eng_session *s, const char *owner, const char *name,
                             const char *priv)
{
    int p = object_priv_find(priv);
    if (p < 0) return 0;
    if (s->access.admin == ADMIN_SYSDBA) return 1;
    char full[300];
    snprintf(full, sizeof full, "%s.%s", owner, name);
    schema_access_refresh(&s->access, s->db);
    return (schema_access_object_privileges(&s->access, full) & OBJ_BIT(p)) != 0;
}

int eng_savepoint(eng_session *s, const char *name, int rollback_to, ora_error *err)
{
    if (s->row_locking) {
        if (!rollback_to) {
            txn_savepoint(&s->txn, name);
            return 0;
        }
        schema_access_catalog(&s->access, 1);
        int rc = txn_rollback_to(&s->txn, name, err);
        schema_access_catalog(&s->access, 0);
        return rc;
    }
    char sql[300];
    if (!s->in_txn) {
        if (rollback_to) {
            char text[200];
            snprintf(text, sizeof text,
                     "savepoint '%s' never established in this session or is invalid", name);
            return ora_set_text(err, 1086, 0, text);
        }
        return 0; /* nothing changed yet: a rollback to it will find no transaction */
    }
    snprintf(sql, sizeof sql, rollback_to ? "ROLLBACK TO \"%s\"" : "SAVEPOINT \"%s\"", name);
    return exec_sql(s, sql, err);
}

/* The SQLite name of the table a statement changes ("SCOTT.EMP"), or "". */
/* The SQLite name of O ("SCOTT.EMP"; the bare name without a schema; "" for none). */
static void sqlite_name(const sql_object_name *o, char *out, size_t size)
{
    if (o && o->schema && o->name) snprintf(out, size, "%s.%s", o->schema, o->name);
    else snprintf(out, size, "%s", o && o->name ? o->name : "");
}

static void target_table(const sql_stmt *st, char *out, size_t size)
{
    sqlite_name(sql_stmt_object(st), out, size);
}

/* ---- cursors ---- */

/* The translator's hook: dictionary views are global names, like public synonyms. */
static int is_dictionary_view(const char *name, void *arg)
{
    return dictionary_view_access(name) != VIEW_NONE;
}

/* CREATE TABLE / VIEW in another schema: that schema's user must exist (ORA-01918). */
static int check_schema_exists(eng_session *s, const sql_stmt *st, ora_error *err)
{
    int creates = st->kind == SQLK_DDL && (st->command_type == 1 || st->command_type == 21);
    const char *schema = st->sqlite.object.schema;
    if (!creates || !schema || !strcmp(schema, s->user)) return 0;
    catalog_user u;
    schema_access_catalog(&s->access, 1);
    int found = catalog_find_user(s->db, schema, &u);
    schema_access_catalog(&s->access, 0);
    return found == 0 ? ora_set(err, ORA_USER_NOT_EXIST, 0, schema) : 0;
}

/* The overlay of TABLE, made or rebuilt, with the table's number in C->OID (0: no table has
 * the name). */
static int ready_table_overlay(eng_session *s, eng_cursor *c, const char *table, ora_error *err)
{
    c->oid = table[0] ? object_number(s, table) : 0;
    if (!c->oid) return 0;
    schema_access_catalog(&s->access, 1); /* the overlay's TEMP objects are Warden's */
    int ready = txn_table_ready(&s->txn, table, c->oid, err);
    schema_access_catalog(&s->access, 0);
    if (ready < 0) c->oid = 0;
    return ready;
}

/* The same for C's table. */
static int ready_overlay(eng_session *s, eng_cursor *c, ora_error *err)
{
    char table[300];
    target_table(&c->st, table, sizeof table);
    return ready_table_overlay(s, c, table, err);
}

/*
 * Row locking: the translator met an INSERT's target TABLE.  Its overlay is
 * made now and the INSERT written to go through the overlay's staging table
 * (NULL: the table itself, when no table has the name - SQLite says so).  A
 * failure is kept in the cursor for eng_prepare.
 */
static const char *staging_target(const char *table, void *arg)
{
    eng_cursor *c = arg;
    if (ready_table_overlay(c->owner, c, table, &c->overlay_error) < 0 || !c->oid) return NULL;
    return txn_insert_target(&c->owner->txn, table);
}

/* Does TABLE have one of the columns FOR UPDATE OF names unqualified? */
static int has_of_column(eng_session *s, const char *table, const sql_sqlite_stmt *q)
{
    for (int i = 0; i < q->nof_columns; i++)
        if (sqlite3_table_column_metadata(s->db, "main", table, q->of_columns[i], NULL, NULL, NULL,
                                          NULL, NULL) == SQLITE_OK)
            return 1;
    return 0;
}

/*
 * SELECT ... FOR UPDATE: the tables whose rows it locks (all of its FROM, or
 * those FOR UPDATE OF names columns of), their numbers in C->LOCK_OIDS and
 * the first in C->OID, each with its overlay made or rebuilt.
 */
static int ready_locked_tables(eng_session *s, eng_cursor *c, ora_error *err)
{
    const sql_sqlite_stmt *q = &c->st.sqlite;
    free(c->lock_oids);
    c->lock_oids = xcalloc((size_t)(q->nlocked ? q->nlocked : 1), sizeof *c->lock_oids);
    uint32_t first = 0;
    for (int i = 0; i < q->nlocked; i++) {
        char table[300];
        sqlite_name(&q->locked[i], table, sizeof table);
        if (!q->lock_flags[i] && !has_of_column(s, table, q)) continue;
        if (ready_table_overlay(s, c, table, err) < 0) return -1;
        c->lock_oids[i] = c->oid; /* 0: no such table, SQLite says so */
        if (!first) first = c->oid;
    }
    c->oid = first;
    return 0;
}

static int is_for_update(const eng_session *s, const eng_cursor *c)
{
    return s->row_locking && c->st.kind == SQLK_QUERY && c->st.sqlite.for_update;
}

/*
 * Row locking: a DML statement or a SELECT ... FOR UPDATE (translated with
 * its tables' rowids: sql_ctx.for_update_rowid) works on its tables'
 * overlays, made now so that the statement is prepared against them (an
 * INSERT's, and its staging table, while it was translated).
 */
static int prepare_for_overlay(eng_session *s, eng_cursor *c, ora_error *err)
{
    if (!s->row_locking) return 0;
    if (c->overlay_error.code) {
        *err = c->overlay_error;
        return -1;
    }
    if (is_for_update(s, c)) return ready_locked_tables(s, c, err);
    if (c->st.kind != SQLK_DML || c->st.command_type == 2) return 0;
    return ready_overlay(s, c, err);
}

/* SQLite's statement for C's text (the first, for a text of several). 0, or -1 with ERR. */
#define UNIT_FUNCTIONS_PER_STATEMENT 32 /* stored functions one statement may bring in */

/* A function SQLite does not know: 1 when the server says it is a stored function the
 * session may call (it is now one of the connection's), 0 when not, -1 when SQLite's error
 * is another. */
static int define_unit_function(eng_session *s)
{
    char name[300];
    if (!s->functions.exists || !unit_function_missing(sqlite3_errmsg(s->db), name, sizeof name))
        return -1;
    if (!s->functions.exists(s->functions.arg, name)) return 0;
    return unit_function_define(s->db, name, &s->functions) == SQLITE_OK;
}

/* SQL's first statement into *ST, the stored functions it calls made known. */
static int prepare_one(void *arg, const char *sql, sqlite3_stmt **st, const char **tail)
{
    eng_session *s = arg;
    int rc, defined = 1;
    for (int k = 0; defined > 0; k++) {
        rc = sqlite3_prepare_v2(s->db, sql, -1, st, tail);
        if (rc != SQLITE_ERROR || k == UNIT_FUNCTIONS_PER_STATEMENT) break;
        if ((defined = define_unit_function(s)) == 0) /* asking ran SQL: SQLite's error again */
            rc = sqlite3_prepare_v2(s->db, sql, -1, st, tail);
    }
    return rc;
}

static int prepare_statement(eng_session *s, eng_cursor *c, ora_error *err)
{
    const char *tail = NULL, *sql = c->text->sql;
    buf copy; /* INSERT ... query of a table the session changed: without the overlay's rowid */
    buf_init(&copy);
    if (c->st.kind == SQLK_DML && c->st.sqlite.query_at && s->row_locking &&
        c->text->nstatements < 2 && insert_query_text(s->db, sql, c->st.sqlite.query_at, &copy))
        sql = buf_cstr(&copy);
    int rc = prepare_one(s, sql, &c->stmt, &tail);
    c->tail = tail ? (int)(tail - sql) : 0;
    buf_free(&copy);
    if (rc != SQLITE_OK) return cursor_error(s, c, rc, err);
    if (c->st.kind == SQLK_QUERY && !c->st.sqlite.for_update && c->text->nstatements < 2) {
        vscan_free(c->scan);
        c->scan = vscan_plan(s->db, c->stmt);
    }
    if (c->st.kind != SQLK_DML || c->text->nstatements < 2) return 0;
    rc = dml_steps_prepare(&c->steps, c->text->sql + c->tail, prepare_one, s);
    return rc == SQLITE_OK ? 0 : step_error(s, c, rc, c->tail + dml_steps_offset(c->steps, -1), err);
}

/* MERGE's bookkeeping table (dml_steps.c), made before the statement that names it is
 * prepared or run (DDL may have dropped the session's TEMP objects). */
static int ready_merge_table(eng_session *s, const eng_cursor *c, ora_error *err)
{
    if (c->st.kind != SQLK_DML || !c->st.sqlite.stable_check) return 0;
    schema_access_catalog(&s->access, 1);
    int rc = dml_merge_table(s->db);
    schema_access_catalog(&s->access, 0);
    if (rc == SQLITE_OK) return 0;
    sql_map_sqlite_error(NULL, NULL, rc, sqlite3_errmsg(s->db), -1, err);
    return -1;
}

void eng_set_function_host(eng_session *s, const eng_function_host *h) { s->functions = *h; }

/* sql_ctx.identity_of: a table's identity column, from the catalog. */
static int identity_of(const char *table, void *arg, sql_identity_column *id)
{
    eng_session *s = arg;
    schema_access_catalog(&s->access, 1);
    int rc = identities_of_table(s->db, table, id);
    schema_access_catalog(&s->access, 0);
    return rc;
}

/* SELECT * FROM main.TABLE, kept until the translation ends (it asks about one table's columns
 * in a row): NULL when TABLE is not main's. */
static sqlite3_stmt *columns_of(eng_session *s, const char *table)
{
    if (s->columns_of && !strcmp(s->columns_table, table)) return s->columns_of;
    sqlite3_finalize(s->columns_of);
    s->columns_of = NULL;
    snprintf(s->columns_table, sizeof s->columns_table, "%s", table);
    buf sql;
    buf_init(&sql);
    buf_puts(&sql, "SELECT * FROM main.");
    buf_put_quoted(&sql, table, '"');
    schema_access_catalog(&s->access, 1);
    if (sqlite3_prepare_v2(s->db, buf_cstr(&sql), -1, &s->columns_of, NULL) != SQLITE_OK) {
        sqlite3_finalize(s->columns_of);
        s->columns_of = NULL;
    }
    schema_access_catalog(&s->access, 0);
    buf_free(&sql);
    return s->columns_of;
}

/* The declared type of a view's COLUMN: its table column's, when the view selects one as it is
 * ("" for an expression); NULL when the view has no such column. */
static const char *view_column_type(eng_session *s, const char *view, const char *column)
{
    sqlite3_stmt *st = columns_of(s, view);
    for (int i = 0; st && i < sqlite3_column_count(st); i++) {
        if (strcmp(sqlite3_column_name(st, i), column)) continue;
        const char *decl = sqlite3_column_decltype(st, i);
        return decl ? decl : "";
    }
    return NULL;
}

/* sql_ctx.column_type: a column's declared type, from main's schema (not a session's overlay
 * views, which have the same columns), for a table's or a view's column. */
static int column_type(const char *table, const char *column, char *type, size_t size, void *arg)
{
    eng_session *s = arg;
    const char *decl = NULL;
    schema_access_catalog(&s->access, 1);
    int rc = sqlite3_table_column_metadata(s->db, "main", table, column, &decl, NULL, NULL, NULL,
                                           NULL);
    if (rc != SQLITE_OK && !s->schema_read) {
        /* The connection's copy of the schema may predate another session's DDL: a statement
         * that reads main brings it up to date (once per translation). */
        s->schema_read = 1;
        sqlite3_exec(s->db, "SELECT 1 FROM main.sqlite_master WHERE 0", NULL, NULL, NULL);
        rc = sqlite3_table_column_metadata(s->db, "main", table, column, &decl, NULL, NULL, NULL,
                                           NULL);
    }
    schema_access_catalog(&s->access, 0);
    if (rc != SQLITE_OK) { /* not a table's: a view's? */
        decl = view_column_type(s, table, column);
        rc = decl ? SQLITE_OK : rc;
    }
    if (rc == SQLITE_OK) snprintf(type, size, "%s", decl ? decl : "");
    return rc == SQLITE_OK;
}

/* sql_ctx.column_is_json: has main's TABLE a check ORA_IS_JSON(COLUMN, ...) (the translation of
 * COLUMN IS JSON, the column bare or quoted)? */
static int column_is_json(const char *table, const char *column, void *arg)
{
    eng_session *s = arg;
    sqlite3_stmt *st;
    int found = 0;
    schema_access_catalog(&s->access, 1);
    const char *query = "SELECT sql FROM main.sqlite_master WHERE type = 'table' AND name = ?1";
    if (sqlite3_prepare_v2(s->db, query, -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
        const char *sql =
            sqlite3_step(st) == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
        buf bare, quoted;
        buf_init(&bare), buf_init(&quoted);
        buf_printf(&bare, "ORA_IS_JSON(%s,", column);
        buf_puts(&quoted, "ORA_IS_JSON(");
        buf_put_quoted(&quoted, column, '"');
        buf_putc(&quoted, ',');
        found = sql && (strstr(sql, buf_cstr(&bare)) || strstr(sql, buf_cstr(&quoted)));
        buf_free(&bare), buf_free(&quoted);
    }
    sqlite3_finalize(st);
    schema_access_catalog(&s->access, 0);
    return found;
}

/* sql_ctx.column_name: the name of main's table's column I. */
static int column_name(const char *table, int i, char *name, size_t size, void *arg)
{
    sqlite3_stmt *st = columns_of(arg, table);
    if (!st || i >= sqlite3_column_count(st)) return 0;
    snprintf(name, size, "%s", sqlite3_column_name(st, i));
    return 1;
}

#define BARE_FUNCTIONS 4 /* stored functions one statement calls without parentheses */

/*
 * Translate C's text under CTX and prepare it: 0; -1 with ERR; 1 with ERR when SQLite found
 * no column of a name (ORA-00904), which may be a function called without parentheses.
 */
static int translate_and_prepare(eng_session *s, eng_cursor *c, const sql_ctx *ctx, ora_error *err)
{
    s->schema_read = 0; /* (column_type) */
    int translated = sql_translate(c->sql, ctx, &c->st, err);
    sqlite3_finalize(s->columns_of); /* (column_name) */
    s->columns_of = NULL;
    if (translated < 0 || prepare_for_overlay(s, c, err) < 0) return -1;
    c->text = sql_stmt_sqlite_text(&c->st);
    if (!c->text) return 0; /* a command the server runs itself */
    s->interrupted = 0;
    schema_access_refresh(&s->access, s->db);
    if (check_schema_exists(s, &c->st, err) < 0) return -1;
    if (schema_access_reset(&s->access, s->db, &c->st) < 0) return access_denied(s, c, err);
    /* Row locking: DDL is prepared when it runs, once the session's overlays (views that
     * shadow tables' names) are gone. */
    if (s->row_locking && c->st.kind == SQLK_DDL) return 0;
    if (ready_merge_table(s, c, err) < 0) return -1;
    if (prepare_statement(s, c, err) == 0) return 0;
    return err->code == ORA_INVALID_IDENTIFIER ? 1 : -1;
}

/* ERR (ORA-00904 "NAME": invalid identifier) names a stored function the session may call:
 * 1 with NAME. */
static int bare_function(eng_session *s, const ora_error *err, char *name, size_t size)
{
    const char *q = strchr(err->msg, '"'), *end = q ? strchr(q + 1, '"') : NULL;
    if (!end || end - q - 1 >= (long)size || memchr(q + 1, '.', (size_t)(end - q - 1)) ||
        !s->functions.exists)
        return 0;
    snprintf(name, size, "%.*s", (int)(end - q - 1), q + 1);
    return s->functions.exists(s->functions.arg, name) == 1;
}

eng_cursor *eng_prepare(eng_session *s, const char *sql, ora_error *err)
{
    eng_cursor *c = xcalloc(1, sizeof *c);
    c->sql = xstrdup(sql);
    c->owner = s;
    c->next = s->cursors;
    if (s->cursors) s->cursors->prev = c;
    s->cursors = c;
    char bare[BARE_FUNCTIONS][130];
    const char *bare_names[BARE_FUNCTIONS];
    sql_ctx ctx = {.schema = s->fn_ctx.schema, .char_semantics = s->fn_ctx.nls.char_semantics,
                   .is_global_name = is_dictionary_view,
                   .for_update_rowid = s->row_locking,
                   .insert_target = s->row_locking ? staging_target : NULL,
                   .insert_target_arg = c, .identity_of = identity_of, .identity_arg = s,
                   .column_type = column_type, .column_name = column_name,
                   .column_is_json = column_is_json,
                   .column_type_arg = s,
                   .bare_functions = bare_names};
    int rc;
    while ((rc = translate_and_prepare(s, c, &ctx, err)) > 0) { /* a bare function name */
        int n = ctx.nbare_functions;
        if (n == BARE_FUNCTIONS || !bare_function(s, err, bare[n], sizeof bare[n])) break;
        bare_names[ctx.nbare_functions++] = bare[n];
        sql_stmt_free(&c->st); /* translated again, with what the first pass readied */
        free(c->lock_oids);
        c->lock_oids = NULL;
        ora_clear(&c->overlay_error);
        ora_clear(err);
    }
    if (rc != 0) {
        eng_cursor_free(c);
        return NULL;
    }
    if (c->st.kind == SQLK_DML && c->st.sqlite.nreturning)
        c->ret = returning_new(s->db, &c->st.sqlite);
    if (c->st.kind == SQLK_QUERY && nested_check(s, c, err) < 0) {
        eng_cursor_free(c);
        return NULL;
    }
    return c;
}

void eng_cursor_free(eng_cursor *c)
{
    if (!c) return;
    if (c->prev) c->prev->next = c->next;
    else if (c->owner) c->owner->cursors = c->next;
    if (c->next) c->next->prev = c->prev;
    /* the authorizer must not read the statement of a freed cursor (another one may be
     * prepared again before it is reset: refresh_overlays) */
    if (c->owner && c->owner->access.st == &c->st) c->owner->access.st = NULL;
    if (c->owner && c->stmt) c->owner->sorts += take_sorts(c);
    if (c->owner) statement_done(c->owner, c);
    sqlite3_finalize(c->stmt);
    sql_stmt_free(&c->st);
    free(c->cols);
    free(c->bind_types);
    free(c->colmap);
    free(c->kept);
    buf_free(&c->kept_bytes);
    vscan_free(c->scan);
    free(c->lock_oids);
    returning_free(c->ret);
    dml_steps_free(c->steps);
    free(c->sql);
    free(c);
}

sql_kind eng_cursor_kind(const eng_cursor *c) { return c->st.kind; }
const sql_stmt *eng_cursor_stmt(const eng_cursor *c) { return &c->st; }

uint32_t eng_rowid_object(eng_cursor *c, int i)
{
    const sql_sqlite_stmt *q = &c->st.sqlite;
    const char *table = i < q->nhints ? q->hints[i].rowid_table : NULL;
    return table ? object_number(c->owner, table) : 0;
}
const char *eng_cursor_sql(const eng_cursor *c) { return c->sql; }
int eng_cursor_nbinds(const eng_cursor *c) { return c->text ? c->text->nbinds : 0; }

const eng_column *eng_cursor_bind_type(const eng_cursor *c, int n)
{
    return n >= 1 && n <= c->nbind_types && c->bind_types[n - 1].ora_type ? &c->bind_types[n - 1]
                                                                           : NULL;
}
int eng_cursor_reports_rowid(const eng_cursor *c)
{
    return c->st.kind == SQLK_DML && c->st.sqlite.ntargets == 0;
}
int eng_column_count(const eng_cursor *c) { return c->ncols; }
const eng_column *eng_columns(const eng_cursor *c) { return c->cols; }
uint64_t eng_rows_fetched(const eng_cursor *c) { return c->fetched; }

/*
 * A NUMBER bind goes in as SQLite's INTEGER or REAL, as NUMBER columns hold
 * it, so that it compares as a number everywhere (":1 = 1" is true for 1).
 * A decimal with more significant digits than a double keeps (16 or more)
 * stays exact decimal text: a VARCHAR2 column it goes into keeps them all.
 */
/* Significant digits of a decimal text (leading zeros do not count). */
static int significant_digits(const char *t, size_t len)
{
    int digits = 0, leading = 1;
    for (size_t k = 0; k < len; k++) {
        if (t[k] >= '1' && t[k] <= '9') leading = 0;
        if (t[k] >= '0' && t[k] <= '9' && !leading) digits++;
    }
    return digits;
}

static int bind_number(sqlite3_stmt *st, int i, const eng_value *v)
{
    char text[64], *end;
    if (v->len < sizeof text) {
        memcpy(text, v->text, v->len);
        text[v->len] = '\0';
        errno = 0;
        long long n = strtoll(text, &end, 10);
        if (end != text && !*end && !errno) return sqlite3_bind_int64(st, i, n);
        if (significant_digits(v->text, v->len) <= 15) {
            errno = 0;
            double d = strtod(text, &end);
            if (end != text && !*end && !errno) return sqlite3_bind_double(st, i, d);
        }
    }
    return sqlite3_bind_text(st, i, v->text, (int)v->len, SQLITE_TRANSIENT);
}

int eng_bind_value(sqlite3_stmt *st, int i, const eng_value *v)
{
    if (v->is_null) return sqlite3_bind_null(st, i);
    if (v->kind == ENG_VAL_NUMBER || v->kind == ENG_VAL_BOOLEAN) return bind_number(st, i, v);
    if (v->kind == ENG_VAL_BLOB) return sqlite3_bind_blob(st, i, v->text, (int)v->len, SQLITE_TRANSIENT);
    return sqlite3_bind_text(st, i, v->text, (int)v->len, SQLITE_TRANSIENT);
}

/* Does a column of the query's select list consist of a bind alone (sql_column_hint.bind)? */
static int selects_a_bind(const sql_sqlite_stmt *q)
{
    for (int i = 0; i < q->nhints; i++)
        if (q->hints[i].bind) return 1;
    return 0;
}

int eng_bind_values(sqlite3_stmt *st, const eng_value *v, int n, int skip)
{
    int params = sqlite3_bind_parameter_count(st);
    for (int i = 0; i < n && i < params; i++) {
        if (i + 1 == skip) continue;
        int rc = eng_bind_value(st, i + 1, &v[i]);
        if (rc != SQLITE_OK) return rc;
    }
    return SQLITE_OK;
}

/* The statement's input binds (RETURNING's INTO binds, last, get their values after it). */
static int bind_values(eng_session *s, eng_cursor *c, const eng_value *v, int n, ora_error *err)
{
    int inputs = c->text->nbinds - (c->st.kind == SQLK_DML ? c->st.sqlite.nreturning : 0);
    if (n < inputs) return ora_set(err, 1008, 0);
    /* The statement takes the binds it names (its parameters are ?1 .. ?N): binds among
     * RETURNING expressions come last and are only the RETURNING queries'; of several
     * statements, the first takes its own. */
    int rc = eng_bind_values(c->stmt, v, inputs, 0);
    if (rc != SQLITE_OK) return cursor_error(s, c, rc, err);
    if (c->st.kind == SQLK_QUERY && selects_a_bind(&c->st.sqlite)) {
        if (c->nbind_types < inputs)
            c->bind_types = xrealloc(c->bind_types, sizeof *c->bind_types * (size_t)inputs);
        for (int i = 0; i < inputs; i++) eng_column_from_bind(&v[i], &c->bind_types[i]);
        c->nbind_types = inputs;
    }
    if (c->ret && returning_bind(c->ret, v, inputs, err) < 0) return -1;
    rc = dml_steps_bind(c->steps, v, inputs);
    if (rc != SQLITE_OK) return cursor_error(s, c, rc, err);
    return 0;
}

/* RETURNING around a DML: BEFORE ahead of it (each attempt), AFTER once it ran. */
static int returning_start(eng_session *s, eng_cursor *c, ora_error *err)
{
    if (!c->ret) return 0;
    schema_access_catalog(&s->access, 1); /* what the DML may read, the queries may */
    int rc = returning_before(c->ret, err);
    schema_access_catalog(&s->access, 0);
    return rc;
}

static int returning_finish(eng_session *s, eng_cursor *c, ora_error *err)
{
    if (!c->ret) return 0;
    uint32_t object;
    int64_t rowid = 0;
    if (eng_last_rowid(s, &object, &rowid) < 0) rowid = 0;
    schema_access_catalog(&s->access, 1);
    int rc = returning_after(c->ret, rowid, err);
    schema_access_catalog(&s->access, 0);
    return rc;
}

int eng_returning_count(const eng_cursor *c)
{
    return c->st.kind == SQLK_DML ? c->st.sqlite.nreturning : 0;
}

const eng_value *eng_returned_rows(eng_cursor *c, int *nrows)
{
    *nrows = 0;
    return c->ret ? returning_rows(c->ret, nrows) : NULL;
}

const char *eng_returned_origin(eng_cursor *c, int row, int k, const sql_object_name **table,
                                int64_t *rowid)
{
    *table = &c->st.sqlite.object;
    return c->ret && c->st.sqlite.object.name ? returning_origin(c->ret, row, k, rowid) : NULL;
}

/* Run statement ST of C (one that returns no rows; it begins at byte AT of C's text) to
 * completion. */
static int step_stmt_to_done(eng_session *s, eng_cursor *c, sqlite3_stmt *st, int at,
                             ora_error *err)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) {
        step_error(s, c, rc, at, err);
        sqlite3_reset(st);
        return -1;
    }
    sqlite3_reset(st);
    return 0;
}

static int step_to_done(eng_session *s, eng_cursor *c, ora_error *err)
{
    return step_stmt_to_done(s, c, c->stmt, 0, err);
}

/* The rows the statement changed so far: the overlay counts them under row locking. */
static int64_t rows_so_far(eng_session *s, const eng_cursor *c)
{
    return s->row_locking && c->oid ? txn_statement_rows(&s->txn) : 0;
}

/*
 * A DML's statements in order - one, or several for MERGE and INSERT ALL
 * (dml_steps.c) - each to completion: *ROWS the rows of those that count
 * (sql_sqlite_stmt.uncounted).  A constraint failure of MERGE's stable-set
 * check is ORA-30926.
 */
static int run_dml_statements(eng_session *s, eng_cursor *c, int64_t *rows, ora_error *err)
{
    const sql_sqlite_stmt *q = &c->st.sqlite;
    int n = 1 + dml_steps_count(c->steps);
    *rows = 0;
    for (int i = 0; i < n; i++) {
        sqlite3_stmt *st = i ? dml_steps_stmt(c->steps, i - 1) : c->stmt;
        int at = i ? c->tail + dml_steps_offset(c->steps, i - 1) : 0;
        int64_t before = rows_so_far(s, c);
        if (step_stmt_to_done(s, c, st, at, err) < 0) {
            if (q->stable_check == i + 1 && (sqlite3_errcode(s->db) & 0xff) == SQLITE_CONSTRAINT)
                ora_set(err, ORA_UNSTABLE_ROWS, 0);
            return -1;
        }
        int64_t changed = s->row_locking && c->oid ? rows_so_far(s, c) - before : sqlite3_changes64(s->db);
        if (i >= 32 || !(q->uncounted >> i & 1)) *rows += changed;
    }
    return 0;
}

/* INSERT ALL: the tables it writes besides C's own, locked row exclusive as C's is. */
static int lock_targets(eng_session *s, eng_cursor *c, ora_error *err)
{
    const sql_sqlite_stmt *q = &c->st.sqlite;
    if (c->st.kind != SQLK_DML || q->ntargets < 2) return 0;
    uint32_t *oids = xmalloc(sizeof *oids * (size_t)q->ntargets);
    int n = 0;
    for (int i = 0; i < q->ntargets; i++) {
        char table[300];
        sqlite_name(&q->targets[i], table, sizeof table);
        uint32_t oid = object_number(s, table);
        if (oid && oid != c->oid) oids[n++] = oid;
    }
    int rc = n ? txn_lock_tables(&s->txn, oids, n, LK_RX, -1, err) : 0;
    free(oids);
    return rc;
}

/* Row locking: a statement on C's table begins (its overlay refreshed in Warden's own name; a
 * DELETE's delete actions ready to run). */
static int begin_row_statement(eng_session *s, eng_cursor *c, ora_error *err)
{
    char table[300] = "";
    if (c->st.command_type == 7) target_table(&c->st, table, sizeof table);
    schema_access_catalog(&s->access, 1);
    int rc = txn_statement_begin(&s->txn, c->oid, table[0] ? table : NULL, err);
    schema_access_catalog(&s->access, 0);
    return rc < 0 ? rc : lock_targets(s, c, err);
}

#define STATEMENT_RESTARTS 100 /* a statement that keeps meeting newer commits gives up */

/*
 * A DELETE or UPDATE under row locking: the delete actions of the rows it
 * deleted run (ON DELETE CASCADE / SET NULL children, locked as its own
 * rows), then a parent row it deleted, or whose key it changed, while the
 * session still sees children of it is refused at once (ORA-02292, as
 * SQLite's own check at the end of the statement says with the single
 * writer), not at COMMIT.
 */
static int end_parent_keys(eng_session *s, eng_cursor *c, ora_error *err)
{
    if (c->st.command_type != 7 && c->st.command_type != 6 && c->st.command_type != 189) return 0;
    char table[300];
    target_table(&c->st, table, sizeof table);
    schema_access_catalog(&s->access, 1); /* the catalog and the write sets are Warden's */
    int rc = txn_statement_end(&s->txn, table, err);
    schema_access_catalog(&s->access, 0);
    if (rc > 0) sql_map_sqlite_error(&c->st, c->sql, SQLITE_CONSTRAINT, SQL_FK_CHILD_FOUND, -1, err);
    return rc ? -1 : 0;
}

/*
 * Row locking: the statement runs in its own SQLite savepoint against the
 * session's write set; a row committed by another transaction after the
 * statement's snapshot makes it run again on a new one.
 */
static int execute_dml_rows(eng_session *s, eng_cursor *c, uint64_t *rows, ora_error *err)
{
    ora_error ignored;
    int64_t counted = 0;
    int had_txn = txn_open(&s->txn);
    if (begin_row_statement(s, c, err) < 0) return -1;
    for (int attempt = 0;; attempt++) {
        if (exec_sql(s, "SAVEPOINT W$STMT", err) < 0) return -1;
        if (returning_start(s, c, err) == 0 && run_dml_statements(s, c, &counted, err) == 0 &&
            end_parent_keys(s, c, err) == 0 && returning_finish(s, c, err) == 0)
            break;
        int code = s->interrupted;
        s->interrupted = 0;
        exec_sql(s, "ROLLBACK TO W$STMT; RELEASE W$STMT", &ignored);
        s->interrupted = code;
        if (!txn_statement_failed(&s->txn, err) || attempt == STATEMENT_RESTARTS ||
            keep_open_cursors(s, c, err) < 0) { /* a restart needs the newest snapshot */
            if (!had_txn) txn_end_if_unchanged(&s->txn);
            return -1;
        }
        ora_clear(err);
    }
    exec_sql(s, "RELEASE W$STMT", &ignored);
    uint64_t n = (uint64_t)counted;
    if (rows) *rows = n;
    s->txn_changes += n;
    if (!had_txn && n == 0) txn_end_if_unchanged(&s->txn); /* rows changed: it has changes */
    if (n || had_txn != txn_open(&s->txn)) notify_transaction(s);
    return 0;
}

static int execute_dml(eng_session *s, eng_cursor *c, uint64_t *rows, ora_error *err)
{
    if (s->row_locking && c->oid) return execute_dml_rows(s, c, rows, err);
    int started = !s->in_txn;
    if (begin_transaction(s, err) < 0) return -1;
    ora_error ignored;
    int64_t counted = 0;
    if (exec_sql(s, "SAVEPOINT W$STMT", err) < 0) return -1;
    if (returning_start(s, c, err) < 0 || run_dml_statements(s, c, &counted, err) < 0 ||
        returning_finish(s, c, err) < 0) {
        int code = s->interrupted;
        s->interrupted = 0;
        exec_sql(s, "ROLLBACK TO W$STMT; RELEASE W$STMT", &ignored);
        if (started) end_transaction(s, "ROLLBACK", &ignored);
        s->interrupted = code;
        return -1;
    }
    exec_sql(s, "RELEASE W$STMT", &ignored);
    uint64_t n = (uint64_t)counted;
    s->txn_changes += n;
    if (rows) *rows = n;
    if (n) notify_transaction(s);
    /* A transaction begins with the first change: nothing changed, nothing to hold. */
    if (started && s->txn_changes == 0) end_transaction(s, "COMMIT", &ignored);
    return 0;
}

/* The second and later statements of a multi-statement DDL, prepared as they come. */
static int run_rest(eng_session *s, eng_cursor *c, ora_error *err)
{
    const char *p = c->text->sql + c->tail;
    while (*p) {
        sqlite3_stmt *st = NULL;
        const char *next = NULL;
        int rc = sqlite3_prepare_v2(s->db, p, -1, &st, &next);
        if (rc == SQLITE_OK && st) {
            while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            }
            if (rc == SQLITE_DONE) rc = SQLITE_OK;
        }
        if (rc != SQLITE_OK) {
            int off = sqlite3_error_offset(s->db);
            statement_error(s, c, rc, off < 0 ? -1 : (int)(p - c->text->sql) + off, err);
            sqlite3_finalize(st);
            return -1;
        }
        sqlite3_finalize(st);
        if (!next || next == p) break;
        p = next;
    }
    return 0;
}

/*
 * DDL commits the open transaction, then runs in its own: every statement
 * of it (CREATE OR REPLACE VIEW, ALTER TABLE ADD (a, b) take several) and
 * the object catalog's update, all or nothing.
 */
static int run_ddl(eng_session *s, eng_cursor *c, const char *touched, ora_error *err);

/* Oracle's command numbers of the DDL that removes a table: DROP TABLE, RENAME. */
static int drops_table(const eng_cursor *c) { return c->st.command_type == 12 || c->st.command_type == 28; }

static int execute_ddl(eng_session *s, eng_cursor *c, ora_error *err)
{
    /* The session's open queries are read to their end first, as at a COMMIT: they read
     * through overlays the DDL drops, and go on showing what they saw, as Oracle's do. */
    if (eng_commit(s, err) < 0 || keep_open_cursors(s, c, err) < 0) return -1;
    char touched[300];
    target_table(&c->st, touched, sizeof touched);
    if (!s->row_locking) return run_ddl(s, c, touched, err);
    /* Row locking: nobody else may hold the table (ORA-00054 at once) while it changes. */
    uint32_t oid = touched[0] ? object_number(s, touched) : 0;
    schema_access_catalog(&s->access, 1);
    int begun = txn_ddl_begin(&s->txn, oid, s->ddl_lock_timeout, err);
    schema_access_catalog(&s->access, 0);
    if (begun < 0) return -1;
    if (!c->stmt && prepare_statement(s, c, err) < 0) {
        txn_ddl_done(&s->txn, 0, 0, 0);
        return -1;
    }
    if (c->st.command_type == 9 /* CREATE INDEX: the one DDL that is a long operation */)
        watch_statement(s, c);
    else s->running.stmt = NULL;
    int rc = run_ddl(s, c, touched, err);
    txn_ddl_done(&s->txn, rc == 0, oid, drops_table(c));
    return rc;
}

/* CREATE TABLE TOUCHED (just numbered) with identity columns: their sequences (numbered too). */
static int make_identities(eng_session *s, const eng_cursor *c, const char *touched, ora_error *err)
{
    const sql_sqlite_stmt *q = &c->st.sqlite;
    if (!q->nidentities) return 0;
    if (identities_create(s->db, q->object.schema, objects_number(s->db, touched), q->identities,
                          q->nidentities, err) < 0)
        return -1;
    return objects_sync(s->db, NULL) < 0 ? ora_set(err, ORA_INTERNAL, 0, sqlite3_errmsg(s->db)) : 0;
}

/* The DDL's statement itself; CREATE TABLE ... AS query as ctas.c runs it. */
static int run_ddl_statement(eng_session *s, eng_cursor *c, const char *touched, ora_error *err)
{
    int at = c->st.sqlite.query_at;
    if (!at) return step_to_done(s, c, err);
    int rc = ctas_run(s->db, touched, c->text->sql + at);
    return rc == SQLITE_OK ? 0 : statement_error(s, c, rc, -1, err);
}

static int run_ddl(eng_session *s, eng_cursor *c, const char *touched, ora_error *err)
{
    ora_error ignored;
    if (exec_sql(s, "BEGIN IMMEDIATE", err) < 0) return -1;
    if (run_ddl_statement(s, c, touched, err) < 0 ||
        (c->text->nstatements > 1 && run_rest(s, c, err) < 0)) {
        exec_sql(s, "ROLLBACK", &ignored);
        return -1;
    }
    schema_access_catalog(&s->access, 1);
    int creates = c->st.command_type == 1 || c->st.command_type == 21; /* CREATE TABLE, VIEW */
    int synced = creates && objects_name_outside_sqlite(s->db, touched) == 1
                     ? ora_set(err, ORA_NAME_IN_USE, 0) /* a procedure's or sequence's name */
                 : objects_sync(s->db, touched) < 0
                     ? ora_set(err, ORA_INTERNAL, 0, sqlite3_errmsg(s->db))
                     : make_identities(s, c, touched, err);
    schema_access_catalog(&s->access, 0);
    if (synced < 0) {
        exec_sql(s, "ROLLBACK", &ignored);
        object_grants_settle(0);
        return -1;
    }
    forget_numbers(s); /* numbers may have changed hands */
    int rc = exec_sql(s, "COMMIT", err);
    object_grants_settle(rc == 0);
    return rc;
}

/*
 * LOCK TABLE: the probe checks every table named; then each is locked in
 * turn (all or none: a statement that fails keeps none of its locks).  With
 * row_locking = off, the write lock starts a transaction.
 */
static int execute_lock_table(eng_session *s, eng_cursor *c, ora_error *err)
{
    if (step_to_done(s, c, err) < 0) return -1;
    if (!s->row_locking) return begin_transaction_wait(s, c->st.lock_table.wait, err);
    const sql_lock_table_stmt *lt = &c->st.lock_table;
    uint32_t *oids = xmalloc(sizeof *oids * (size_t)lt->ntables);
    for (int i = 0; i < lt->ntables; i++) {
        char table[300];
        sqlite_name(i ? &lt->others[i - 1] : &lt->table, table, sizeof table);
        oids[i] = object_number(s, table);
    }
    int was_open = txn_open(&s->txn);
    int rc = txn_lock_tables(&s->txn, oids, lt->ntables, lt->mode, lt->wait, err);
    if (!was_open && txn_open(&s->txn)) notify_transaction(s);
    free(oids);
    return rc;
}

static int execute_statement(eng_session *s, eng_cursor *c, const eng_value *values, int nvalues,
                             uint64_t *rows, ora_error *err);

/* Keep the statement's current row (every column, the hidden ones too). */
static void keep_row(eng_cursor *c)
{
    int n = c->kept_cols;
    if ((c->nkept & (c->nkept - 1)) == 0) /* 0, 1, 2, 4 ...: room for twice as many */
        c->kept = xrealloc(c->kept, sizeof *c->kept * (size_t)n * (size_t)(c->nkept ? c->nkept * 2 : 1));
    eng_cell *row = &c->kept[c->nkept * n];
    for (int i = 0; i < n; i++) {
        sqlite3_value *v = sqlite3_column_value(c->stmt, i);
        eng_cell *cell = &row[i];
        memset(cell, 0, sizeof *cell);
        switch (sqlite3_value_type(v)) {
        case SQLITE_INTEGER: cell->kind = ENG_COL_INT, cell->i = sqlite3_value_int64(v); break;
        case SQLITE_FLOAT: cell->kind = ENG_COL_REAL, cell->d = sqlite3_value_double(v); break;
        case SQLITE_NULL: cell->kind = ENG_COL_NULL; break;
        default:
            cell->kind = sqlite3_value_type(v) == SQLITE_TEXT ? ENG_COL_TEXT : ENG_COL_BLOB;
            cell->len = sqlite3_value_bytes(v);
            cell->bytes = (const char *)(uintptr_t)c->kept_bytes.len; /* an offset until read */
            buf_put(&c->kept_bytes, sqlite3_value_blob(v), (size_t)cell->len);
            buf_putc(&c->kept_bytes, '\0');
        }
    }
    c->nkept++;
}

static void forget_kept_rows(eng_cursor *c)
{
    free(c->kept);
    c->kept = NULL;
    c->nkept = c->kept_pos = 0;
    buf_reset(&c->kept_bytes);
}

/*
 * Read what is left of every open query of the session, except EXCEPT, into
 * its kept rows, so that none holds a read snapshot: SQLite keeps one
 * snapshot per connection while any statement is open, and a COMMIT's apply
 * (or a statement's restart) needs the newest.  The client fetches on from
 * the kept rows.
 */
static int keep_open_cursors(eng_session *s, const eng_cursor *except, ora_error *err)
{
    for (eng_cursor *c = s->cursors; c; c = c->next) {
        if (c == except || c->kept || c->done || !c->stmt || !sqlite3_stmt_busy(c->stmt)) continue;
        c->kept_cols = sqlite3_column_count(c->stmt);
        if (c->pending_first) keep_row(c); /* a row stepped to and not yet handed out */
        int rc;
        while ((rc = sqlite3_step(c->stmt)) == SQLITE_ROW) keep_row(c);
        sqlite3_reset(c->stmt);
        if (rc != SQLITE_DONE) return cursor_error(s, c, rc, err);
        if (!c->kept) c->kept = xcalloc(1, sizeof *c->kept);
        c->pending_first = 0;
        c->done = 1;
    }
    return 0;
}

/*
 * Lock the current row's row of each locked table (the rowids the translator
 * put last; none for the missing side of an outer join).  1 locked, 0 one
 * was skipped (SKIP LOCKED: the others this row took are let go), 2 one was
 * committed after the snapshot, -1 with ERR.
 */
static int lock_current_row(eng_session *s, eng_cursor *c, ora_error *err)
{
    const sql_sqlite_stmt *q = &c->st.sqlite;
    int first = sqlite3_column_count(c->stmt) - q->nlocked;
    lk_mark mark = txn_locks_mark(&s->txn);
    for (int i = 0; i < q->nlocked; i++) {
        if (!c->lock_oids[i] || sqlite3_column_type(c->stmt, first + i) == SQLITE_NULL) continue;
        int64_t rowid = sqlite3_column_int64(c->stmt, first + i);
        int got = txn_lock_selected(&s->txn, c->lock_oids[i], rowid, q->for_update_wait,
                                    q->skip_locked, err);
        if (got == 0) txn_locks_release_to(&s->txn, mark);
        if (got != 1) return got;
    }
    return 1;
}

/*
 * SELECT ... FOR UPDATE under row locking: the query runs to its end when
 * executed, locking each row it returns (skipping those others hold, with
 * SKIP LOCKED), and the rows are kept for the fetches.  A row committed
 * after the query's snapshot makes it run again on a new one.
 */
static int select_and_lock(eng_session *s, eng_cursor *c, ora_error *err)
{
    c->kept_cols = sqlite3_column_count(c->stmt);
    for (int rc = eng_describe_query(s, c, 1, err); rc >= 0;) {
        if (!c->pending_first) return 0; /* no (more) rows */
        c->pending_first = 0;
        int got = lock_current_row(s, c, err);
        if (got < 0) return -1;
        if (got == 2) return 2;
        if (got == 1) keep_row(c);
        rc = sqlite3_step(c->stmt);
        if (rc == SQLITE_ROW) c->pending_first = 1, rc = 0;
        else if (rc == SQLITE_DONE) return 0;
        else return cursor_error(s, c, rc, err);
    }
    return -1;
}

#define QUERY_RESTARTS 100

/* FOR UPDATE of a join: the tables after the first are locked in row exclusive mode too. */
static int lock_other_tables(eng_session *s, eng_cursor *c, ora_error *err)
{
    int n = c->st.sqlite.nlocked, k = 0;
    uint32_t *others = xmalloc(sizeof *others * (size_t)n);
    for (int i = 0; i < n; i++)
        if (c->lock_oids[i] && c->lock_oids[i] != c->oid) others[k++] = c->lock_oids[i];
    int rc = k ? txn_lock_tables(&s->txn, others, k, LK_RX, -1, err) : 0;
    free(others);
    return rc;
}

static int execute_for_update(eng_session *s, eng_cursor *c, ora_error *err)
{
    int had_txn = txn_open(&s->txn);
    if (begin_row_statement(s, c, err) < 0 || lock_other_tables(s, c, err) < 0) {
        if (!had_txn) txn_end_if_unchanged(&s->txn);
        return -1;
    }
    int rc;
    for (int attempt = 0;; attempt++) {
        forget_kept_rows(c);
        rc = select_and_lock(s, c, err);
        sqlite3_reset(c->stmt); /* the rows are kept: the snapshot may go */
        if (rc != 2 || attempt == QUERY_RESTARTS) break;
        if (keep_open_cursors(s, c, err) < 0) { /* a restart needs the newest snapshot */
            rc = -1;
            break;
        }
        s->txn.restart = 1;
        txn_statement_failed(&s->txn, err); /* run again on a new snapshot */
    }
    if (!had_txn && txn_open(&s->txn)) notify_transaction(s);
    if (rc != 0) {
        forget_kept_rows(c);
        return rc < 0 ? -1 : ora_set(err, ORA_INTERNAL, 0, "FOR UPDATE restarts");
    }
    if (!c->kept) c->kept = xcalloc(1, sizeof *c->kept); /* no rows: fetches find none */
    c->pending_first = 0;
    c->done = 1;
    return 0;
}

int eng_execute(eng_session *s, eng_cursor *c, const eng_value *values, int nvalues,
                uint64_t *rows, ora_error *err)
{
    int rc = execute_statement(s, c, values, nvalues, rows, err);
    notify_lock_wait(s, 0); /* any wait for the write lock is over */
    if (rc < 0 || c->st.kind != SQLK_QUERY || c->done) statement_done(s, c);
    return rc;
}

/* Did one of C's tables lose its overlay (see refresh_overlays)? */
static int overlay_lost(eng_session *s, const eng_cursor *c)
{
    if (!c->oid) return 0;
    if (!is_for_update(s, c)) return !txn_table_overlaid(&s->txn, c->oid);
    for (int i = 0; i < c->st.sqlite.nlocked; i++)
        if (c->lock_oids[i] && !txn_table_overlaid(&s->txn, c->lock_oids[i])) return 1;
    return 0;
}

/*
 * Row locking, before each statement: overlays of tables another session
 * altered are rebuilt, those of dropped tables go.  A DML or FOR UPDATE
 * cursor whose table lost its overlay (dropped, perhaps created again, or
 * this session ran DDL) is prepared again against what has the name now,
 * so that it never writes past the overlay; ORA-00942 when nothing has.
 */
static int refresh_overlays(eng_session *s, eng_cursor *c, ora_error *err)
{
    schema_access_catalog(&s->access, 1);
    int rc = txn_refresh(&s->txn, err);
    schema_access_catalog(&s->access, 0);
    if (rc < 0 || !overlay_lost(s, c)) return rc;
    if ((is_for_update(s, c) ? ready_locked_tables(s, c, err) : ready_overlay(s, c, err)) < 0)
        return -1;
    if (!c->oid) return ora_set(err, ORA_TABLE_NOT_EXIST, 0);
    sqlite3_finalize(c->stmt);
    c->stmt = NULL;
    return prepare_statement(s, c, err);
}

static int execute_statement(eng_session *s, eng_cursor *c, const eng_value *values, int nvalues,
                             uint64_t *rows, ora_error *err)
{
    if (rows) *rows = 0;
    if (!c->stmt && !(s->row_locking && c->text && c->st.kind == SQLK_DDL))
        return ora_set(err, ORA_INVALID_SQL, 0);
    s->access.st = &c->st; /* a statement prepared again (refresh_overlays) is checked as C */
    if (s->row_locking && refresh_overlays(s, c, err) < 0) return -1;
    s->interrupted = 0;
    s->changed_table[0] = '\0';
    if (ready_merge_table(s, c, err) < 0) return -1;
    sqlite3_reset(c->stmt);
    if (c->stmt && c->text) watch_statement(s, c);
    /* SQLite prepares the statement again after a schema change: check it as it is now */
    schema_access_refresh(&s->access, s->db);
    if (schema_access_reset(&s->access, s->db, &c->st) < 0) return access_denied(s, c, err);
    c->pending_first = c->done = 0;
    c->fetched = 0;
    forget_kept_rows(c); /* rows an earlier execute left (kept at a COMMIT or DDL) are gone */
    if (bind_values(s, c, values, nvalues, err) < 0) return -1;
    switch (c->st.kind) {
    case SQLK_QUERY:
        if (c->st.sqlite.for_update && s->row_locking) /* a table to lock rows of, or none */
            return c->oid ? execute_for_update(s, c, err) : eng_describe_query(s, c, 1, err);
        if (c->st.sqlite.for_update &&
            begin_transaction_wait(s, c->st.sqlite.for_update_wait, err) < 0)
            return -1;
        if (c->scan) return eng_describe_query(s, c, 0, err) < 0 ? -1 : vscan_start(c->scan, err);
        return eng_describe_query(s, c, 1, err);
    case SQLK_DML:
        return execute_dml(s, c, rows, err);
    case SQLK_DDL:
        return execute_ddl(s, c, err);
    case SQLK_LOCK_TABLE:
        return execute_lock_table(s, c, err);
    default:
        return ora_set(err, ORA_INVALID_SQL, 0);
    }
}

int eng_next_row(eng_session *s, eng_cursor *c, ora_error *err)
{
    if (c->scan) {
        if (c->done || !vscan_next(c->scan)) {
            c->done = 1;
            return 0;
        }
        c->fetched++;
        return 1;
    }
    if (c->kept) {
        if (c->kept_pos >= c->nkept) return 0;
        c->kept_pos++;
        c->fetched++;
        return 1;
    }
    if (c->pending_first) {
        c->pending_first = 0;
        c->fetched++;
        return 1;
    }
    if (c->done || !c->stmt) return 0;
    s->interrupted = 0;
    int rc = sqlite3_step(c->stmt);
    if (rc == SQLITE_ROW) {
        c->fetched++;
        return 1;
    }
    c->done = 1;
    statement_done(s, c); /* before the reset: its counts are the execute's */
    if (rc == SQLITE_DONE) {
        sqlite3_reset(c->stmt); /* end the read snapshot */
        return 0;
    }
    cursor_error(s, c, rc, err);
    sqlite3_reset(c->stmt);
    return -1;
}

/* Kept row cell I (a statement column) of the current row, its bytes' pointer made real. */
static eng_cell kept_cell(const eng_cursor *c, int i)
{
    eng_cell cell = c->kept[(c->kept_pos - 1) * c->kept_cols + i];
    if (cell.kind == ENG_COL_TEXT || cell.kind == ENG_COL_BLOB)
        cell.bytes = (const char *)c->kept_bytes.data + (uintptr_t)cell.bytes;
    return cell;
}

const char *eng_value_text(eng_cursor *c, int i, int *len)
{
    if (c->colmap) i = c->colmap[i];
    if (c->kept || c->scan) { /* rows not in SQLite's statement */
        eng_cell cell;
        eng_statement_cell(c, i, &cell);
        switch (cell.kind) {
        case ENG_COL_NULL: return NULL;
        case ENG_COL_INT:
            *len = snprintf(c->number_text, sizeof c->number_text, "%lld", (long long)cell.i);
            return c->number_text;
        case ENG_COL_REAL:
            *len = snprintf(c->number_text, sizeof c->number_text, "%.15g", cell.d);
            return c->number_text;
        default: *len = cell.len; return cell.bytes;
        }
    }
    if (sqlite3_column_type(c->stmt, i) == SQLITE_NULL) return NULL;
    const char *t = (const char *)sqlite3_column_text(c->stmt, i);
    *len = sqlite3_column_bytes(c->stmt, i);
    return t;
}

/*
 * One sqlite3_column_value and the cheap sqlite3_value_* accessors, instead
 * of a sqlite3_column_* call (each with its own checks) per property.  A
 * text's bytes come via sqlite3_value_blob: as they are, with no copy made
 * to add a NUL.  (The value is "unprotected": fine, a server is one thread.)
 */
const char *eng_column_row(eng_cursor *c, int i, const sql_object_name **table, int64_t *rowid)
{
    const sql_sqlite_stmt *q = &c->st.sqlite;
    if (c->st.kind != SQLK_QUERY || !q->for_update || q->nlocked != 1 || !c->lock_oids ||
        !c->lock_oids[0] || !c->kept || c->kept_pos < 1)
        return NULL;
    int si = c->colmap ? c->colmap[i] : i;
    const char *column = sqlite3_column_origin_name(c->stmt, si);
    const char *origin = sqlite3_column_table_name(c->stmt, si);
    char locked[300];
    sqlite_name(&q->locked[0], locked, sizeof locked);
    if (!column || !origin || strcasecmp(origin, locked) != 0) return NULL; /* another table's */
    eng_cell r = kept_cell(c, c->kept_cols - 1); /* the locked table's rowid, last */
    if (r.kind != ENG_COL_INT) return NULL;
    *table = &q->locked[0];
    *rowid = r.i;
    return column;
}

void eng_value_cell(eng_cursor *c, int i, eng_cell *out)
{
    eng_statement_cell(c, c->colmap ? c->colmap[i] : i, out);
}

int eng_value_repeats(eng_cursor *c, int i)
{
    return c->scan ? vscan_cell_repeats(c->scan, c->colmap ? c->colmap[i] : i) : 0;
}

void eng_statement_cell(eng_cursor *c, int i, eng_cell *out)
{
    if (c->scan) {
        vscan_cell(c->scan, i, out);
        return;
    }
    if (c->kept) {
        *out = kept_cell(c, i);
        return;
    }
    sqlite3_value *v = sqlite3_column_value(c->stmt, i);
    int type = sqlite3_value_type(v);
    switch (type) {
    case SQLITE_INTEGER:
        out->kind = ENG_COL_INT;
        out->i = sqlite3_value_int64(v);
        return;
    case SQLITE_FLOAT:
        out->kind = ENG_COL_REAL;
        out->d = sqlite3_value_double(v);
        return;
    case SQLITE_NULL:
        out->kind = ENG_COL_NULL;
        return;
    default:
        out->kind = type == SQLITE_TEXT ? ENG_COL_TEXT : ENG_COL_BLOB;
        out->bytes = sqlite3_value_blob(v);
        out->len = sqlite3_value_bytes(v);
        return;
    }
}

void eng_unfetch(eng_cursor *c)
{
    if (c->scan) {
        if (!c->done && c->fetched) vscan_back(c->scan), c->fetched--;
        return;
    }
    if (c->kept) {
        if (c->kept_pos > 0) c->kept_pos--, c->fetched--;
        return;
    }
    if (c->done || c->pending_first || !c->fetched) return;
    c->pending_first = 1;
    c->fetched--;
}

/* Used by describe.c: the cursor's statement and column array. */
sqlite3_stmt *eng_cursor_sqlite(eng_cursor *c) { return c->stmt; }

void eng_cursor_set_columns(eng_cursor *c, eng_column *cols, int n, int prepares, int *map)
{
    free(c->cols);
    free(c->colmap);
    c->colmap = map;
    c->cols = cols;
    c->ncols = n;
    c->described_prepares = prepares;
    c->describe_changed = 1;
}

const int *eng_cursor_column_map(const eng_cursor *c) { return c->colmap; }

eng_column *eng_cursor_described(eng_cursor *c, int prepares)
{
    c->describe_changed = 0;
    return c->cols && c->described_prepares == prepares ? c->cols : NULL;
}

void eng_cursor_describe_changed(eng_cursor *c) { c->describe_changed = 1; }
int eng_describe_changed(const eng_cursor *c) { return c->describe_changed; }

int eng_describe(eng_session *s, eng_cursor *c, ora_error *err)
{
    if (c->st.kind != SQLK_QUERY || !c->stmt) return 0;
    sqlite3_reset(c->stmt);
    c->pending_first = c->fetched = 0;
    c->done = 1; /* nothing to fetch until it is executed */
    return eng_describe_query(s, c, 0, err);
}

/* Step to the first row (or the end) so the describe can look at values. */
int eng_step_first(eng_session *s, eng_cursor *c, ora_error *err)
{
    int rc = sqlite3_step(c->stmt);
    if (rc == SQLITE_ROW) {
        c->pending_first = 1;
        return 1;
    }
    c->done = 1;
    if (rc == SQLITE_DONE) return 0;
    cursor_error(s, c, rc, err);
    sqlite3_reset(c->stmt);
    return -1;
}
