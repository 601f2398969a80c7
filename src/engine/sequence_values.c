/*
 * sequence_values.c - NEXTVAL and CURRVAL: the SQL functions ORA_NEXTVAL
 * and ORA_CURRVAL(owner, name) that the translator writes for
 * [schema.]sequence.NEXTVAL / .CURRVAL.
 *
 * NEXTVAL takes the sequence's next cached number from the SGA
 * (sequence_cache.h).  When the cache is empty it reserves the next block in
 * the dictionary (sequences_reserve) through a second connection of the
 * session's own: the statement calling NEXTVAL reads its snapshot on the
 * first one, and a sequence's numbers are never part of a transaction -
 * a ROLLBACK does not give them back, as in Oracle.  The reservation takes
 * the committers' write turn (commit_log.h) so that a COMMIT queued there
 * never meets it as a busy database, and is synced before the numbers are
 * used.
 *
 * ORA_IDENTITY(key), the DEFAULT of an identity column, is NEXTVAL of the
 * column's sequence (identities.h), whoever inserts.
 *
 * CURRVAL is the number NEXTVAL last gave this session for that sequence
 * (ORA-08002 before the first).  A statement that names NEXTVAL twice gets
 * two numbers (Oracle gives the same one to every reference in a row).
 */
#include <stdlib.h>
#include <string.h>

#include "../sga/commit_log.h"
#include "../sga/sequence_cache.h"
#include "engine_internal.h"
#include "identities.h"
#include "ora_functions_int.h"
#include "sequences.h"

#define RESERVE_TRIES 8 /* blocks reserved in a row while ALTERs keep flushing them */
#define BUSY_TIMEOUT_MS 60000

struct sequence_session {
    sqlite3 *db;       /* the session's connection: finds a sequence's object number */
    sqlite3 *reserver; /* the second connection, opened at the first reservation */
    sqlite3_stmt *find;
    int (*may_use)(void *arg, const char *owner, const char *name);
    void (*catalog)(void *arg, int on);
    void *arg;
    struct currval {
        uint32_t object;
        int64_t value;
    } *currvals;
    int ncurrvals;
};

/* The object number of sequence OWNER.NAME as the statement sees it, 0 when none. */
static uint32_t sequence_number(sequence_session *q, const char *owner, const char *name)
{
    q->catalog(q->arg, 1);
    uint32_t id = 0;
    if (!q->find &&
        sqlite3_prepare_v3(q->db,
                           "SELECT OBJ_ID FROM WARDEN$OBJECTS WHERE SQLITE_NAME = ?1 || '.' || ?2"
                           " AND TYPE = 'SEQUENCE'",
                           -1, SQLITE_PREPARE_PERSISTENT, &q->find, NULL) != SQLITE_OK)
        q->find = NULL;
    if (q->find) {
        sqlite3_bind_text(q->find, 1, owner, -1, SQLITE_STATIC);
        sqlite3_bind_text(q->find, 2, name, -1, SQLITE_STATIC);
        if (sqlite3_step(q->find) == SQLITE_ROW) id = (uint32_t)sqlite3_column_int64(q->find, 0);
        sqlite3_reset(q->find);
    }
    q->catalog(q->arg, 0);
    return id;
}

static sqlite3 *reserver(sequence_session *q, ora_error *err)
{
    if (q->reserver) return q->reserver;
    int rc = sqlite3_open_v2(sqlite3_db_filename(q->db, "main"), &q->reserver,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc == SQLITE_OK) rc = sqlite3_busy_timeout(q->reserver, BUSY_TIMEOUT_MS);
    if (rc == SQLITE_OK) rc = sqlite3_exec(q->reserver, "PRAGMA synchronous=FULL", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        ora_set(err, ORA_INTERNAL, 0, sqlite3_errstr(rc));
        sqlite3_close_v2(q->reserver);
        q->reserver = NULL;
    }
    return q->reserver;
}

/* Reserve the next block of OWNER.NAME in the write turn, durably. */
static int reserve(sequence_session *q, const char *owner, const char *name, int64_t *first,
                   int64_t *increment, int64_t *count, ora_error *err)
{
    sqlite3 *db = reserver(q, err);
    if (!db) return -1;
    if (the_commit_log) commit_log_write_begin(the_commit_log);
    int rc = sequences_reserve(db, owner, name, first, increment, count, err);
    if (the_commit_log) commit_log_write_end(the_commit_log, 0);
    return rc;
}

static void remember(sequence_session *q, uint32_t object, int64_t value)
{
    for (int i = 0; i < q->ncurrvals; i++)
        if (q->currvals[i].object == object) {
            q->currvals[i].value = value;
            return;
        }
    q->currvals = xrealloc(q->currvals, sizeof *q->currvals * (size_t)(q->ncurrvals + 1));
    q->currvals[q->ncurrvals++] = (struct currval){object, value};
}

/* The sequence the call names, checked: its object number, or 0 after failing C. */
static uint32_t named_sequence(sqlite3_context *c, sqlite3_value **v, const char **owner,
                               const char **name)
{
    sequence_session *q = sqlite3_user_data(c);
    *owner = (const char *)sqlite3_value_text(v[0]);
    *name = (const char *)sqlite3_value_text(v[1]);
    uint32_t id = *owner && *name ? sequence_number(q, *owner, *name) : 0;
    if (!id || !q->may_use(q->arg, *owner, *name)) {
        fail(c, 2289);
        return 0;
    }
    return id;
}

/* The next number of sequence OWNER.NAME (object ID) into C, remembered for CURRVAL. */
static void next_value(sqlite3_context *c, const char *owner, const char *name, uint32_t id)
{
    sequence_session *q = sqlite3_user_data(c);
    int64_t value;
    uint32_t generation;
    int got = sequence_cache_take(the_sequence_cache, id, &value, &generation);
    for (int i = 0; !got && i < RESERVE_TRIES; i++) {
        int64_t first, increment, count;
        ora_error err = {0};
        if (reserve(q, owner, name, &first, &increment, &count, &err) < 0) {
            sqlite3_result_error(c, err.msg, -1);
            return;
        }
        got = sequence_cache_fill(the_sequence_cache, id, generation, first, increment, count,
                                  &value) ||
              sequence_cache_take(the_sequence_cache, id, &value, &generation);
    }
    if (!got) {
        fail(c, ORA_RESOURCE_BUSY);
        return;
    }
    remember(q, id, value);
    sqlite3_result_int64(c, value);
}

static void fn_nextval(sqlite3_context *c, int argc, sqlite3_value **v)
{
    const char *owner, *name;
    uint32_t id = named_sequence(c, v, &owner, &name);
    if (id) next_value(c, owner, name, id);
}

/* ORA_IDENTITY(key): the DEFAULT of an identity column (identities.h), no privilege needed. */
static void fn_identity(sqlite3_context *c, int argc, sqlite3_value **v)
{
    sequence_session *q = sqlite3_user_data(c);
    const char *key = (const char *)sqlite3_value_text(v[0]);
    char owner[SEQUENCE_NAME_MAX + 1], name[SEQUENCE_NAME_MAX + 1];
    q->catalog(q->arg, 1);
    int found = key ? identities_sequence(q->db, key, owner, name, sizeof name) : 0;
    q->catalog(q->arg, 0);
    uint32_t id = found == 1 ? sequence_number(q, owner, name) : 0;
    if (!id) {
        fail(c, 2289);
        return;
    }
    next_value(c, owner, name, id);
}

static void fn_currval(sqlite3_context *c, int argc, sqlite3_value **v)
{
    sequence_session *q = sqlite3_user_data(c);
    const char *owner, *name;
    uint32_t id = named_sequence(c, v, &owner, &name);
    if (!id) return;
    for (int i = 0; i < q->ncurrvals; i++)
        if (q->currvals[i].object == id) {
            sqlite3_result_int64(c, q->currvals[i].value);
            return;
        }
    fail(c, 8002, name);
}

sequence_session *sequence_values_open(sqlite3 *db,
                                       int (*may_use)(void *arg, const char *owner,
                                                      const char *name),
                                       void (*catalog)(void *arg, int on), void *arg)
{
    sequence_session *q = xcalloc(1, sizeof *q);
    *q = (sequence_session){.db = db, .may_use = may_use, .catalog = catalog, .arg = arg};
    if (sqlite3_create_function_v2(db, "ORA_NEXTVAL", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY, q,
                                   fn_nextval, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_create_function_v2(db, "ORA_CURRVAL", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY, q,
                                   fn_currval, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_create_function_v2(db, "ORA_IDENTITY", 1, SQLITE_UTF8, q, fn_identity, NULL, NULL,
                                   NULL) != SQLITE_OK) {
        free(q);
        return NULL;
    }
    return q;
}

void sequence_values_close(sequence_session *q)
{
    if (!q) return;
    sqlite3_finalize(q->find);
    if (q->reserver) sqlite3_close_v2(q->reserver);
    free(q->currvals);
    free(q);
}
