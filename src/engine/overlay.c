/*
 * overlay.c - a session's write sets and overlays (see overlay.h for what
 * the engine does around them, overlay_ddl.h for the TEMP objects).
 *
 * This file keeps the session's list of overlaid tables with their cached
 * statements, registers the SQL functions the triggers call (row and key
 * locks and new rowids through the engine's callbacks; they also count the
 * statement's rows and log undo images while a savepoint is active), and
 * runs savepoint rollback, commit apply and discard over every write set. All state that a failed
 * statement must not disturb lives in TEMP tables, so the statement's SQLite savepoint restores it;
 * the counters kept here (row count, undo sequence) only ever grow within a statement.
 */
#include "overlay.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../sql/translate.h"

typedef struct ovl_table {
    ovl_def def;
    int64_t oid;
    uint64_t generation;
    sqlite3_stmt *stmts[OVL_SQL_COUNT]; /* prepared on first use */
    int prepared[OVL_SQL_COUNT];        /* 1 once stmts[i] was made (NULL: nothing to run) */
    /* The foreign keys that refer to the table, as of the instance's DDL count CHILDREN_SEQ
     * (children_known: looked up), each with its delete action's SQL (NULL: no action) */
    ovl_child_key *children;
    char **actions;
    int nchildren, children_known;
    uint32_t children_seq;
    uint32_t reach; /* == the session's reach: the current DELETE's actions may reach it */
} ovl_table;

static void forget_children(ovl_table *t)
{
    for (int i = 0; i < t->nchildren; i++)
        free(t->actions[i]);
    free(t->actions);
    ovl_def_children_free(t->children, t->nchildren);
    t->children = NULL;
    t->actions = NULL;
    t->nchildren = t->children_known = 0;
}

/* A delete action to run at the statement's end: for the children of one deleted parent key. */
typedef struct cascade_item {
    char *child; /* the child table (its overlay runs the action) */
    char *sql;   /* ovl_ddl_delete_action's text */
    int n;
    sqlite3_value **values; /* the key's values, in the order of the child's columns */
} cascade_item;

static void free_table(ovl_table *t)
{
    forget_children(t);
    ovl_def_free(&t->def);
    free(t);
}

struct ovl_session {
    sqlite3 *db;
    ovl_callbacks cb;
    ovl_table **tables;
    int ntables;
    int64_t rows;    /* rows the current statement changed */
    int64_t cur_rid; /* the rowid ovl$rowid gave last */
    int64_t seq;     /* the undo log's last sequence number */
    int64_t mark;    /* the latest savepoint's mark, -1 without savepoints */
    int last_rc;     /* the extended code of the last statement that failed */
    /* The current DELETE's delete actions, queued by ovl$deleted as its rows go; the tables
     * they may reach are marked with REACH; REACH_SEQ is the DDL count they were found at. */
    cascade_item *queue;
    int nqueue, queue_cap;
    uint32_t reach, reach_seq;
    ovl_views views; /* copies of main's views over the overlays (overlay_views.h) */
};

static int exec_script(sqlite3 *db, const char *sql, ora_error *err)
{
    int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? 0 : ovl_sqlite_fail(db, rc, err);
}

/* ---- the SQL functions the triggers call ---- */

static ovl_session *session_of(sqlite3_context *ctx)
{
    return sqlite3_user_data(ctx);
}

/* Fail the statement with a callback's code and message. */
static void fail_with(sqlite3_context *ctx, int rc, const char *msg)
{
    sqlite3_result_error(ctx, msg[0] ? msg : sqlite3_errstr(rc), -1);
    sqlite3_result_error_code(ctx, rc);
}

static ovl_table *table_by_oid(const ovl_session *s, int64_t oid)
{
    for (int i = 0; i < s->ntables; i++)
        if (s->tables[i]->oid == oid) return s->tables[i];
    return NULL;
}

static int table_stmt(ovl_session *s, ovl_table *t, ovl_sql which, sqlite3_stmt **out,
                      ora_error *err);
static void clear_queue(ovl_session *s);

/*
 * While a savepoint is active, log row RID of table OID as it is in the write
 * set before this change, unless it was logged since the latest savepoint.
 * Runs inside the statement that changes the row, so the statement's
 * rollback takes the entry along. SQLITE_OK, or an SQLite code with MSG.
 */
static int record_undo(ovl_session *s, int64_t oid, int64_t rid, char *msg, size_t msgsz)
{
    ovl_table *t = table_by_oid(s, oid);
    sqlite3_stmt *st = NULL;
    ora_error err;
    if (s->mark < 0 || !t) return SQLITE_OK;
    int rc = table_stmt(s, t, OVL_SQL_UNDO_ROW, &st, &err) < 0 ? sqlite3_errcode(s->db) : SQLITE_OK;
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, rid);
        sqlite3_bind_int64(st, 2, s->seq + 1);
        sqlite3_bind_int64(st, 3, s->mark);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(s->db);
    }
    if (rc != SQLITE_OK)
        snprintf(msg, msgsz, "%s", sqlite3_errmsg(s->db));
    else
        s->seq++;
    if (st) sqlite3_reset(st);
    return rc;
}

/* ovl$lock(oid, rowid) */
static void fn_lock(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    ovl_session *s = session_of(ctx);
    int64_t oid = sqlite3_value_int64(argv[0]), rid = sqlite3_value_int64(argv[1]);
    char msg[ORA_MSG_MAX] = "";
    int rc = s->cb.lock_row(s->cb.ctx, oid, rid, 0, msg, sizeof msg);
    if (rc == SQLITE_OK) rc = record_undo(s, oid, rid, msg, sizeof msg);
    if (rc != SQLITE_OK) return fail_with(ctx, rc, msg);
    s->rows++;
    sqlite3_result_null(ctx);
}

/* An explicit rowid alias value as SQLite would store it, or 0 when it is no integer. */
static int integer_value(sqlite3_value *v, int64_t *out)
{
    int type = sqlite3_value_numeric_type(v);
    if (type == SQLITE_INTEGER) {
        *out = sqlite3_value_int64(v);
        return 1;
    }
    double d = sqlite3_value_double(v);
    if (type != SQLITE_FLOAT || d < -9.2e18 || d > 9.2e18 || (double)(int64_t)d != d) return 0;
    *out = (int64_t)d;
    return 1;
}

/* ovl$rowid(oid, alias value or NULL, count): a new row's rowid, kept for ovl$cur() */
static void fn_rowid(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    ovl_session *s = session_of(ctx);
    int64_t oid = sqlite3_value_int64(argv[0]), rid;
    char msg[ORA_MSG_MAX] = "";
    int rc;
    if (sqlite3_value_type(argv[1]) == SQLITE_NULL)
        rc = s->cb.new_rowid(s->cb.ctx, oid, &rid, msg, sizeof msg);
    else if (integer_value(argv[1], &rid))
        rc = s->cb.lock_row(s->cb.ctx, oid, rid, 1, msg, sizeof msg);
    else
        rc = SQLITE_MISMATCH;
    if (rc == SQLITE_OK) rc = record_undo(s, oid, rid, msg, sizeof msg);
    if (rc != SQLITE_OK) return fail_with(ctx, rc, msg);
    s->cur_rid = rid;
    s->rows += sqlite3_value_int(argv[2]) != 0;
    sqlite3_result_int64(ctx, rid);
}

static void fn_cur(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    sqlite3_result_int64(ctx, session_of(ctx)->cur_rid);
}

/* ovl$key(oid, index number, values...) */
static void fn_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    ovl_session *s = session_of(ctx);
    sqlite3_result_null(ctx);
    for (int i = 2; i < argc; i++)
        if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return;
    ovl_table *t = table_by_oid(s, sqlite3_value_int64(argv[0]));
    int kno = sqlite3_value_int(argv[1]);
    if (!s->cb.lock_key || !t || kno < 0 || kno >= t->def.nindexes) return;
    char msg[ORA_MSG_MAX] = "";
    int rc = s->cb.lock_key(s->cb.ctx, t->oid, t->def.indexes[kno].name, argc - 2, argv + 2, msg,
                            sizeof msg);
    if (rc != SQLITE_OK) fail_with(ctx, rc, msg);
}

/* Is ARGV = (table, index, values...) a key with values, none of them NULL? */
static int key_has_values(int argc, sqlite3_value **argv)
{
    for (int i = 2; i < argc; i++)
        if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return 0; /* refers to nothing */
    return argc > 2;
}

/* A key foreign keys may refer to: ARGV = (table oid or parent name, index or NULL,
 * values...), none NULL. */
static int lock_parent_key(ovl_session *s, int argc, sqlite3_value **argv, int shared, char *msg,
                           size_t msgsz)
{
    if (!s->cb.lock_parent_key) return SQLITE_OK;
    int64_t oid = shared ? 0 : sqlite3_value_int64(argv[0]);
    const char *table = shared ? (const char *)sqlite3_value_text(argv[0]) : NULL;
    const char *index = (const char *)sqlite3_value_text(argv[1]);
    return s->cb.lock_parent_key(s->cb.ctx, oid, table, index, argc - 2, argv + 2, shared, msg,
                                 msgsz);
}

static int queue_actions(ovl_session *s, int argc, sqlite3_value **argv, char *msg, size_t msgsz);

/* ovl$ref / ovl$gone / ovl$deleted: lock the key, and for a deleted row queue its actions. */
static void parent_key_function(sqlite3_context *ctx, int argc, sqlite3_value **argv, int shared,
                                int deleted)
{
    ovl_session *s = session_of(ctx);
    sqlite3_result_null(ctx);
    if (!key_has_values(argc, argv)) return;
    char msg[ORA_MSG_MAX] = "";
    int rc = lock_parent_key(s, argc, argv, shared, msg, sizeof msg);
    if (rc == SQLITE_OK && deleted) rc = queue_actions(s, argc, argv, msg, sizeof msg);
    if (rc != SQLITE_OK) fail_with(ctx, rc, msg);
}

/* ovl$ref(parent table, index, values...): a child row refers to this parent key. */
static void fn_ref(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    parent_key_function(ctx, argc, argv, 1, 0);
}

/* ovl$gone(oid, index, values...): a parent row of table OID gives this key up. */
static void fn_gone(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    parent_key_function(ctx, argc, argv, 0, 0);
}

/* ovl$deleted(oid, index, values...): the same for a deleted row. */
static void fn_deleted(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    parent_key_function(ctx, argc, argv, 0, 1);
}

typedef struct ovl_function {
    const char *name;
    int nargs;
    void (*fn)(sqlite3_context *, int, sqlite3_value **);
} ovl_function;

static const ovl_function functions[] = {
    {OVL_FN_LOCK, 2, fn_lock},
    {OVL_FN_ROWID, 3, fn_rowid},
    {OVL_FN_CUR, 0, fn_cur},
    {OVL_FN_KEY, -1, fn_key},
    {OVL_FN_REF, -1, fn_ref},
    {OVL_FN_GONE, -1, fn_gone},
    {OVL_FN_DELETED, -1, fn_deleted},
};

/* Register the functions for S, or remove them (S NULL). */
static void register_functions(sqlite3 *db, ovl_session *s)
{
    for (size_t i = 0; i < sizeof functions / sizeof *functions; i++)
        sqlite3_create_function_v2(db, functions[i].name, functions[i].nargs, SQLITE_UTF8, s,
                                   s ? functions[i].fn : NULL, NULL, NULL, NULL);
}

/* ---- tables and their statements ---- */

static ovl_table *table_by_name(const ovl_session *s, const char *name, int *pos)
{
    for (int i = 0; i < s->ntables; i++)
        if (sqlite3_stricmp(s->tables[i]->def.table, name) == 0) {
            if (pos) *pos = i;
            return s->tables[i];
        }
    return NULL;
}

/* T's statement WHICH, prepared once; *OUT is NULL when there is nothing to run. */
static int table_stmt(ovl_session *s, ovl_table *t, ovl_sql which, sqlite3_stmt **out,
                      ora_error *err)
{
    if (!t->prepared[which]) {
        buf sql;
        buf_init(&sql);
        ovl_ddl_statement(&t->def, which, &sql);
        int rc = sql.len == 0
                     ? SQLITE_OK
                     : sqlite3_prepare_v3(s->db, buf_cstr(&sql), -1, SQLITE_PREPARE_PERSISTENT,
                                          &t->stmts[which], NULL);
        buf_free(&sql);
        if (rc != SQLITE_OK) return ovl_sqlite_fail(s->db, rc, err);
        t->prepared[which] = 1;
    }
    *out = t->stmts[which];
    return 0;
}

/*
 * Run T's statement WHICH with ?1 = MARK (when it has a parameter) to its end.
 * Rows it returns go to ON_ROW (their first column). 0, or -1 with ERR.
 */
static int run_stmt(ovl_session *s, ovl_table *t, ovl_sql which, int64_t mark,
                    void (*on_row)(void *arg, ovl_table *t, int64_t v), void *arg, ora_error *err)
{
    sqlite3_stmt *st;
    if (table_stmt(s, t, which, &st, err) < 0) return -1;
    if (!st) return 0;
    if (sqlite3_bind_parameter_count(st) > 0) sqlite3_bind_int64(st, 1, mark);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (on_row) on_row(arg, t, sqlite3_column_int64(st, 0));
    if (rc != SQLITE_DONE) {
        s->last_rc = sqlite3_extended_errcode(s->db);
        ovl_sqlite_fail(s->db, rc, err);
        sqlite3_reset(st);
        return -1;
    }
    sqlite3_reset(st);
    return 0;
}

static void take_value(void *arg, ovl_table *t, int64_t v)
{
    *(int64_t *)arg = v;
}

/* 1 when T's write set has rows, 0 when not, -1 with ERR. */
static int table_nonempty(ovl_session *s, ovl_table *t, ora_error *err)
{
    int64_t v = 0;
    if (run_stmt(s, t, OVL_SQL_NONEMPTY, 0, take_value, &v, err) < 0) return -1;
    return v != 0;
}

static void finalize_table(ovl_table *t)
{
    for (int i = 0; i < OVL_SQL_COUNT; i++) {
        sqlite3_finalize(t->stmts[i]);
        t->stmts[i] = NULL;
        t->prepared[i] = 0;
    }
}

static int drop_objects(ovl_session *s, const char *table, ora_error *err)
{
    buf sql;
    buf_init(&sql);
    ovl_ddl_drop(table, &sql);
    int rc = exec_script(s->db, buf_cstr(&sql), err);
    buf_free(&sql);
    return rc;
}

/* Remove the table at POS from S: its statements, its TEMP objects, its entry. */
static int forget_table(ovl_session *s, int pos, ora_error *err)
{
    ovl_table *t = s->tables[pos];
    finalize_table(t);
    if (drop_objects(s, t->def.table, err) < 0) return -1;
    free_table(t);
    s->tables[pos] = s->tables[--s->ntables];
    return 0;
}

/* ORA-00600 when T has uncommitted changes (the overlay cannot go now). */
static int require_empty(ovl_session *s, ovl_table *t, ora_error *err)
{
    int rc = table_nonempty(s, t, err);
    if (rc > 0) return ora_set(err, ORA_INTERNAL, 0, "overlay of a table with pending changes");
    return rc;
}

/* Read TABLE's definition and create its TEMP objects; appends it to S. */
static int build_table(ovl_session *s, const char *table, int64_t oid, uint64_t generation,
                       ora_error *err)
{
    ovl_table *t = xcalloc(1, sizeof *t);
    if (ovl_def_read(s->db, table, &t->def, err) < 0) {
        free(t);
        return -1;
    }
    t->oid = oid;
    t->generation = generation;
    buf sql;
    buf_init(&sql);
    ovl_ddl_create(&t->def, oid, &sql);
    int rc = exec_script(s->db, buf_cstr(&sql), err);
    buf_free(&sql);
    if (rc < 0) {
        ora_error ignored;
        drop_objects(s, table, &ignored);
        free_table(t);
        return -1;
    }
    s->tables = xrealloc(s->tables, (size_t)(s->ntables + 1) * sizeof *s->tables);
    s->tables[s->ntables++] = t;
    return 0;
}

/* Bring the overlay at POS to table OID at GENERATION: rebuilt, or dropped when it is gone. */
static int renew_table(ovl_session *s, int pos, int64_t oid, uint64_t generation, ora_error *err)
{
    ovl_table *t = s->tables[pos];
    if (require_empty(s, t, err) < 0) return -1;
    char *name = xstrdup(t->def.table);
    int rc = forget_table(s, pos, err);
    if (rc == 0 && generation != UINT64_MAX) rc = build_table(s, name, oid, generation, err);
    free(name);
    return rc;
}

/* The instance's DDL count, as far as the callbacks tell (0 without them). */
static uint32_t ddl_seq(const ovl_session *s)
{
    return s->cb.ddl_seq ? s->cb.ddl_seq(s->cb.ctx) : 0;
}

/* Bring the copies of main's views up to date with the overlays S has now. */
static int sync_views(ovl_session *s, ora_error *err)
{
    const char **names = xcalloc((size_t)s->ntables + 1, sizeof *names);
    for (int i = 0; i < s->ntables; i++)
        names[i] = s->tables[i]->def.table;
    int rc = ovl_views_sync(s->db, &s->views, names, s->ntables, ddl_seq(s), err);
    free(names);
    return rc;
}

ovl_session *ovl_open(sqlite3 *db, const ovl_callbacks *cb)
{
    ovl_session *s = xcalloc(1, sizeof *s);
    s->db = db;
    s->cb = *cb;
    s->mark = -1;
    register_functions(db, s);
    return s;
}

void ovl_close(ovl_session *s)
{
    if (!s) return;
    ora_error ignored;
    ovl_views_drop(s->db, &s->views, &ignored);
    while (s->ntables > 0)
        if (forget_table(s, s->ntables - 1, &ignored) < 0) {
            free_table(s->tables[--s->ntables]);
        }
    register_functions(s->db, NULL);
    clear_queue(s);
    free(s->queue);
    free(s->tables);
    free(s);
}

int ovl_table_use(ovl_session *s, const char *table, int64_t oid, uint64_t generation,
                  ora_error *err)
{
    int pos;
    ovl_table *t = table_by_name(s, table, &pos);
    if (t && t->generation == generation && t->oid == oid) return 0;
    int rc = t ? renew_table(s, pos, oid, generation, err) /* altered, or another table now */
               : build_table(s, table, oid, generation, err);
    return rc < 0 ? rc : sync_views(s, err);
}

int ovl_refresh(ovl_session *s, ora_error *err)
{
    if (!s->cb.generation) return 0;
    int renewed = 0;
    for (int i = s->ntables - 1; i >= 0; i--) {
        uint64_t g = s->cb.generation(s->cb.ctx, s->tables[i]->oid);
        if (g == s->tables[i]->generation) continue;
        renewed = 1;
        if (renew_table(s, i, s->tables[i]->oid, g, err) < 0 && err->code != ORA_TABLE_NOT_EXIST)
            return -1;
    }
    /* a view may have changed: any DDL of the instance */
    if (renewed || (s->ntables > 0 && s->views.ddl_seq != ddl_seq(s))) return sync_views(s, err);
    return 0;
}

int ovl_drop_all(ovl_session *s, ora_error *err)
{
    if (ovl_views_drop(s->db, &s->views, err) < 0) return -1;
    while (s->ntables > 0)
        if (require_empty(s, s->tables[s->ntables - 1], err) < 0 ||
            forget_table(s, s->ntables - 1, err) < 0)
            return -1;
    return 0;
}

int ovl_table_drop(ovl_session *s, const char *table, ora_error *err)
{
    int pos;
    ovl_table *t = table_by_name(s, table, &pos);
    if (!t) return 0;
    if (require_empty(s, t, err) < 0 || forget_table(s, pos, err) < 0) return -1;
    return sync_views(s, err);
}

int ovl_overlaid(const ovl_session *s, int64_t oid) { return table_by_oid(s, oid) != NULL; }

const ovl_def *ovl_table_def(const ovl_session *s, const char *table)
{
    ovl_table *t = table_by_name(s, table, NULL);
    return t ? &t->def : NULL;
}

void ovl_statement_begin(ovl_session *s)
{
    s->rows = 0;
    clear_queue(s);
}

int64_t ovl_statement_rows(const ovl_session *s)
{
    return s->rows;
}

int ovl_has_changes(ovl_session *s, ora_error *err)
{
    for (int i = 0; i < s->ntables; i++) {
        int rc = table_nonempty(s, s->tables[i], err);
        if (rc != 0) return rc;
    }
    return 0;
}

/* ---- savepoints, apply, discard: each all-or-nothing in an SQLite savepoint ---- */

typedef int (*table_step)(ovl_session *s, ovl_table *t, int64_t mark, void *arg, ora_error *err);

/* Run STEP on every overlaid table inside one SQLite savepoint. */
static int each_table(ovl_session *s, table_step step, int64_t mark, void *arg, ora_error *err)
{
    if (exec_script(s->db, "SAVEPOINT \"ovl$each\"", err) < 0) return -1;
    for (int i = 0; i < s->ntables; i++)
        if (step(s, s->tables[i], mark, arg, err) < 0) {
            sqlite3_exec(s->db, "ROLLBACK TO \"ovl$each\"; RELEASE \"ovl$each\"", NULL, NULL, NULL);
            return -1;
        }
    return exec_script(s->db, "RELEASE \"ovl$each\"", err);
}

/* Run statements FIRST..LAST of T in order. */
static int run_range(ovl_session *s, ovl_table *t, ovl_sql first, ovl_sql last, int64_t mark,
                     ora_error *err)
{
    for (int w = first; w <= (int)last; w++)
        if (run_stmt(s, t, (ovl_sql)w, mark, NULL, NULL, err) < 0) return -1;
    return 0;
}

typedef struct released_rows {
    int n, cap;
    struct {
        int64_t oid, rid;
    } * rows;
} released_rows;

static void add_released(void *arg, ovl_table *t, int64_t rid)
{
    released_rows *r = arg;
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 64;
        r->rows = xrealloc(r->rows, (size_t)r->cap * sizeof *r->rows);
    }
    r->rows[r->n].oid = t->oid;
    r->rows[r->n++].rid = rid;
}

static int restore_table(ovl_session *s, ovl_table *t, int64_t mark, void *arg, ora_error *err)
{
    /* the rows to give back, only when someone is told (the engine's lock manager releases
     * what was locked after the mark by itself) */
    if (s->cb.released && run_stmt(s, t, OVL_SQL_RELEASED, mark, add_released, arg, err) < 0)
        return -1;
    return run_range(s, t, OVL_SQL_RESTORE_DELETE, OVL_SQL_RESTORE_TRIM, mark, err);
}

int64_t ovl_savepoint(ovl_session *s)
{
    s->mark = s->seq;
    return s->mark;
}

int ovl_rollback_to(ovl_session *s, int64_t mark, ora_error *err)
{
    if (mark < 0 || mark > s->seq) return ora_set(err, ORA_INTERNAL, 0, "overlay savepoint mark");
    released_rows r = {0};
    int rc = each_table(s, restore_table, mark, &r, err);
    if (rc == 0) {
        s->mark = mark;
        for (int i = 0; i < r.n; i++)
            s->cb.released(s->cb.ctx, r.rows[i].oid, r.rows[i].rid);
    }
    free(r.rows);
    return rc;
}

/*
 * Main's rows updated in T's write set: those whose indexed columns kept
 * their values first (no index touched), then the others.  One UPDATE does
 * those, unless unique values moved between rows (row 1 takes row 2's
 * value, which row 2 gave up): SQLite checks each row at once, so the
 * UPDATE may meet the value still in row 2.  Then the updated rows are
 * deleted and inserted again with the same rowids - unless a foreign key
 * with an ON DELETE action references T (the delete would fire it), where
 * the UPDATE's error stands.
 */
static int apply_updates(ovl_session *s, ovl_table *t, ora_error *err)
{
    if (run_stmt(s, t, OVL_SQL_APPLY_VALUES, 0, NULL, NULL, err) < 0) return -1;
    if (run_stmt(s, t, OVL_SQL_APPLY_UPDATE, 0, NULL, NULL, err) == 0) return 0;
    if (s->last_rc != SQLITE_CONSTRAINT_UNIQUE && s->last_rc != SQLITE_CONSTRAINT_PRIMARYKEY)
        return -1;
    int64_t parent_actions = 0;
    ora_error ignored;
    if (run_stmt(s, t, OVL_SQL_PARENT_ACTIONS, 0, take_value, &parent_actions, &ignored) < 0 ||
        parent_actions)
        return -1;
    *err = (ora_error){0};
    return run_range(s, t, OVL_SQL_REAPPLY_DELETE, OVL_SQL_REAPPLY_INSERT, 0, err);
}

/* Does OPS (from OVL_SQL_OPS) hold operation OP, so that its apply statement must run? */
static int has_op(int64_t ops, int op) { return (ops >> op) & 1; }

/* T's write set into main, only the statements for the operations it holds (the apply runs
 * in the instance's write turn: each statement there holds every committer up). */
static int apply_table(ovl_session *s, ovl_table *t, int64_t mark, void *arg, ora_error *err)
{
    int64_t ops = 0;
    if (run_stmt(s, t, OVL_SQL_OPS, 0, take_value, &ops, err) < 0) return -1;
    if (ops && ((has_op(ops, OVL_OP_DELETE) &&
                 run_stmt(s, t, OVL_SQL_APPLY_DELETE, 0, NULL, NULL, err) < 0) ||
                (has_op(ops, OVL_OP_UPDATE) && apply_updates(s, t, err) < 0) ||
                (has_op(ops, OVL_OP_INSERT) &&
                 run_stmt(s, t, OVL_SQL_APPLY_INSERT, 0, NULL, NULL, err) < 0) ||
                run_stmt(s, t, OVL_SQL_CLEAR_WS, 0, NULL, NULL, err) < 0))
        return -1;
    return mark >= 0 ? run_stmt(s, t, OVL_SQL_CLEAR_UNDO, 0, NULL, NULL, err) : 0;
}

/*
 * Must the apply check foreign keys at its end rather than row by row?  Only
 * when both sides of one key have changes (a child and its parent, or a table
 * that refers to itself): applied table by table, a new child could come
 * before its new parent.  Asked because PRAGMA defer_foreign_keys, like every
 * flag PRAGMA, expires all of the connection's prepared statements: setting it
 * at every COMMIT made every statement of the next transaction be prepared
 * again (a third of a session's time in a commit-heavy load).  1, 0 or -1.
 */
static int needs_deferred_keys(ovl_session *s, ora_error *err)
{
    for (int i = 0; i < s->ntables; i++) {
        ovl_table *child = s->tables[i];
        for (int k = 0; k < child->def.nfkeys; k++) {
            ovl_table *parent = table_by_name(s, child->def.fkeys[k].parent, NULL);
            if (!parent) continue;
            int rc = table_nonempty(s, child, err);
            if (rc > 0) rc = table_nonempty(s, parent, err);
            if (rc != 0) return rc;
        }
    }
    return 0;
}

/* Does key K have a child of a row the transaction deleted from T, or whose key it changed? */
static int key_has_children(ovl_session *s, const ovl_table *t, const ovl_child_key *k,
                            ora_error *err)
{
    buf sql;
    buf_init(&sql);
    ovl_ddl_children(&t->def, k, &sql);
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, buf_cstr(&sql), -1, &st, NULL);
    buf_free(&sql);
    if (rc != SQLITE_OK) return ovl_sqlite_fail(s->db, rc, err);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW) return 1;
    return rc == SQLITE_DONE ? 0 : ovl_sqlite_fail(s->db, rc, err);
}

/* ---- delete actions: the children of the rows a DELETE deletes ---- */

/* T's children (the keys referring to it) as of the DDL count SEQ, looked up again when it
 * moved, each with its delete action's SQL. */
static int know_children(ovl_session *s, ovl_table *t, uint32_t seq, ora_error *err)
{
    if (t->children_known && t->children_seq != seq) forget_children(t);
    if (!t->children_known) {
        if (ovl_def_children(s->db, t->def.table, &t->children, &t->nchildren, err) < 0) return -1;
        t->actions = xcalloc((size_t)t->nchildren + 1, sizeof *t->actions);
        buf sql;
        buf_init(&sql);
        for (int i = 0; i < t->nchildren; i++) {
            buf_reset(&sql);
            ovl_ddl_delete_action(&t->children[i], &sql);
            if (sql.len) t->actions[i] = xstrdup(buf_cstr(&sql));
        }
        buf_free(&sql);
        t->children_known = 1;
    }
    t->children_seq = seq;
    return 0;
}

/* The columns of T's key INDEX (SQLite's name; NULL: the INTEGER PRIMARY KEY) into *COLS:
 * how many, 0 when T has no such key. */
static int key_columns(const ovl_table *t, const char *index, const int **cols)
{
    if (!index) {
        *cols = &t->def.alias;
        return t->def.alias >= 0;
    }
    for (int i = 0; i < t->def.nindexes; i++)
        if (!strcmp(t->def.indexes[i].name, index)) {
            *cols = t->def.indexes[i].cols;
            return t->def.indexes[i].ncols;
        }
    return 0;
}

/* Does child key K refer to the key of T made of columns COLS[0..N-1]?  Then K's column j
 * holds the key's value ORDER[j]. */
static int refers_to(const ovl_table *t, const ovl_child_key *k, const int *cols, int n, int *order)
{
    if (k->n != n) return 0;
    for (int j = 0; j < n; j++) {
        int p = 0;
        while (p < n && sqlite3_stricmp(t->def.cols[cols[p]].name, k->parent_cols[j]) != 0)
            p++;
        if (p == n) return 0;
        order[j] = p;
    }
    return 1;
}

static void free_item(cascade_item *it)
{
    for (int j = 0; j < it->n; j++)
        sqlite3_value_free(it->values[j]);
    free(it->values);
    free(it->child);
    free(it->sql);
}

static void clear_queue(ovl_session *s)
{
    for (int i = 0; i < s->nqueue; i++)
        free_item(&s->queue[i]);
    s->nqueue = 0;
}

/* Queue child key K's action (SQL) for key VALUES, taken in the order ORDER. */
static int queue_action(ovl_session *s, const ovl_child_key *k, const char *sql,
                        sqlite3_value **values, const int *order)
{
    cascade_item it = {.child = xstrdup(k->child),
                       .sql = xstrdup(sql),
                       .n = k->n,
                       .values = xcalloc((size_t)k->n, sizeof *it.values)};
    for (int j = 0; j < k->n; j++)
        if (!(it.values[j] = sqlite3_value_dup(values[order[j]]))) {
            free_item(&it);
            return SQLITE_NOMEM;
        }
    if (s->nqueue == s->queue_cap) {
        s->queue_cap = s->queue_cap ? 2 * s->queue_cap : 8;
        s->queue = xrealloc(s->queue, (size_t)s->queue_cap * sizeof *s->queue);
    }
    s->queue[s->nqueue++] = it;
    return SQLITE_OK;
}

/*
 * A deleted row gave up key ARGV = (oid, index or NULL, values...): queue
 * the delete action of every child key that refers to it.  Only on a table
 * the current DELETE may reach (ovl_delete_reach made the children's
 * overlays); elsewhere (MERGE's DELETE) a row with children stays refused.
 */
static int queue_actions(ovl_session *s, int argc, sqlite3_value **argv, char *msg, size_t msgsz)
{
    ovl_table *t = table_by_oid(s, sqlite3_value_int64(argv[0]));
    if (!t || t->reach != s->reach || !t->children_known || t->children_seq != s->reach_seq)
        return SQLITE_OK;
    const int *cols;
    int n = key_columns(t, (const char *)sqlite3_value_text(argv[1]), &cols);
    if (n != argc - 2) return SQLITE_OK;
    int *order = xmalloc((size_t)n * sizeof *order), rc = SQLITE_OK;
    for (int i = 0; rc == SQLITE_OK && i < t->nchildren; i++)
        if (t->actions[i] && refers_to(t, &t->children[i], cols, n, order))
            rc = queue_action(s, &t->children[i], t->actions[i], argv + 2, order);
    free(order);
    if (rc != SQLITE_OK) snprintf(msg, msgsz, "%s", sqlite3_errstr(rc));
    return rc;
}

/* NAME's position among NAMES[0..N-1], or -1. */
static int position(char **names, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (!sqlite3_stricmp(names[i], name)) return i;
    return -1;
}

int ovl_delete_reach(ovl_session *s, const char *table, uint32_t ddl_seq, ora_error *err)
{
    if (++s->reach == 0) { /* the marks wrapped: none may match the new one by chance */
        for (int i = 0; i < s->ntables; i++)
            s->tables[i]->reach = 0;
        s->reach = 1;
    }
    s->reach_seq = ddl_seq;
    if (!table) return 0;
    /* NAMES: the tables reached; those whose rows are deleted (EXPAND) lead further */
    int n = 1, cap = 4, rc = 0;
    char **names = xmalloc((size_t)cap * sizeof *names);
    int *expand = xmalloc((size_t)cap * sizeof *expand);
    names[0] = xstrdup(table);
    expand[0] = 1;
    for (int i = 0; rc == 0 && i < n; i++) {
        ovl_table *t = table_by_name(s, names[i], NULL);
        if (!t) {
            rc = ora_set(err, ORA_INTERNAL, 0, "overlay of a table a delete action reaches");
            break;
        }
        t->reach = s->reach;
        if (!expand[i] || (rc = know_children(s, t, ddl_seq, err)) < 0) continue;
        for (int k = 0; rc == 0 && k < t->nchildren; k++) {
            const ovl_child_key *ck = &t->children[k];
            int at = position(names, n, ck->child), deletes = ck->action == OVL_CASCADE;
            if (ck->action == OVL_NO_ACTION || (at >= 0 && (expand[at] || !deletes))) continue;
            if (n == cap) {
                cap *= 2;
                names = xrealloc(names, (size_t)cap * sizeof *names);
                expand = xrealloc(expand, (size_t)cap * sizeof *expand);
            }
            names[n] = xstrdup(ck->child);
            expand[n++] = deletes;
            if (at >= 0) { /* reached before by SET NULL, now its rows are deleted too */
                expand[at] = 1;
                continue;
            }
            /* its TM lock and overlay; T stays (only the child's entry may be renewed) */
            rc = s->cb.use_table ? s->cb.use_table(s->cb.ctx, ck->child, err) : 0;
        }
    }
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
    free(expand);
    return rc;
}

/* The statements the delete actions use, prepared once per statement's end. */
enum { ACTION_STMTS = 8 };
typedef struct action_stmts {
    int n;
    sqlite3_stmt *st[ACTION_STMTS];
} action_stmts;

static sqlite3_stmt *action_stmt(ovl_session *s, action_stmts *c, const char *sql, ora_error *err)
{
    for (int i = 0; i < c->n; i++)
        if (!strcmp(sqlite3_sql(c->st[i]), sql)) return c->st[i];
    if (c->n == ACTION_STMTS) sqlite3_finalize(c->st[--c->n]);
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK) {
        ovl_sqlite_fail(s->db, rc, err);
        return NULL;
    }
    return c->st[c->n++] = st;
}

/* Run one queued action through its child's overlay: its triggers lock the rows (waiting for
 * their holders) and may queue further actions. */
static int run_action(ovl_session *s, action_stmts *c, const cascade_item *it, ora_error *err)
{
    if (!table_by_name(s, it->child, NULL)) /* the name would reach main's table */
        return ora_set(err, ORA_INTERNAL, 0, "delete action without the child's overlay");
    sqlite3_stmt *st = action_stmt(s, c, it->sql, err);
    if (!st) return -1;
    for (int j = 0; j < it->n; j++)
        sqlite3_bind_value(st, j + 1, it->values[j]);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE) ovl_sqlite_fail(s->db, rc, err);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Every queued action, those they queue in turn too; the children do not count as the
 * statement's rows. */
static int run_actions(ovl_session *s, ora_error *err)
{
    int64_t rows = s->rows;
    action_stmts c = {0};
    int rc = 0;
    for (int i = 0; rc == 0 && i < s->nqueue; i++) {
        cascade_item it = s->queue[i]; /* running it may grow the queue */
        rc = run_action(s, &c, &it, err);
    }
    for (int i = 0; i < c.n; i++)
        sqlite3_finalize(c.st[i]);
    clear_queue(s);
    s->rows = rows;
    return rc;
}

/* Does a row T's transaction deleted, or whose key it changed, still have a child? */
static int children_remain(ovl_session *s, ovl_table *t, uint32_t ddl_seq, ora_error *err)
{
    if (know_children(s, t, ddl_seq, err) < 0) return -1;
    for (int i = 0; i < t->nchildren; i++) {
        int rc = key_has_children(s, t, &t->children[i], err);
        if (rc != 0) return rc;
    }
    return 0;
}

int ovl_statement_end(ovl_session *s, const char *table, uint32_t ddl_seq, ora_error *err)
{
    if (run_actions(s, err) < 0) return -1;
    ovl_table *t = table_by_name(s, table, NULL);
    int rc = t ? children_remain(s, t, ddl_seq, err) : 0;
    for (int i = 0; rc == 0 && i < s->ntables; i++)
        if (s->tables[i] != t && s->tables[i]->reach == s->reach)
            rc = children_remain(s, s->tables[i], ddl_seq, err);
    return rc;
}

int ovl_apply(ovl_session *s, ora_error *err)
{
    int defer = needs_deferred_keys(s, err);
    if (defer < 0 || (defer && exec_script(s->db, "PRAGMA defer_foreign_keys = ON", err) < 0))
        return -1;
    int rc = each_table(s, apply_table, s->mark, NULL, err);
    s->mark = -1;
    return rc;
}

static int clear_table(ovl_session *s, ovl_table *t, int64_t mark, void *arg, ora_error *err)
{
    return run_range(s, t, OVL_SQL_CLEAR_WS, OVL_SQL_CLEAR_UNDO, 0, err);
}

int ovl_discard(ovl_session *s, ora_error *err)
{
    s->mark = -1;
    return each_table(s, clear_table, 0, NULL, err);
}
