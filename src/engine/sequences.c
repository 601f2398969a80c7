/*
 * sequences.c - the dictionary of sequences (see sequences.h): settings
 * checked as Oracle checks them, and the reservation of numbers.
 *
 * Arithmetic that could pass the 64-bit range (a MAXVALUE minus a
 * MINVALUE, a block's end) is done in 128 bits; the usable range stops one
 * short of each 64-bit end, so that a block's end can always be stored and
 * still read as "past MAXVALUE".
 */
#include "sequences.h"

#include <stdio.h>
#include <string.h>

#define RANGE_MAX (INT64_MAX - 1)
#define RANGE_MIN (-RANGE_MAX)

const char sequences_schema_sql[] =
    "CREATE TABLE IF NOT EXISTS WARDEN$SEQUENCES (OWNER TEXT NOT NULL, NAME TEXT NOT NULL,"
    "  INCREMENT_BY INTEGER NOT NULL, MIN_VALUE INTEGER NOT NULL, MAX_VALUE INTEGER NOT NULL,"
    "  MIN_DEFAULT INTEGER NOT NULL, MAX_DEFAULT INTEGER NOT NULL, CYCLE_FLAG INTEGER NOT NULL,"
    "  ORDER_FLAG INTEGER NOT NULL, CACHE_SIZE INTEGER NOT NULL, LAST_NUMBER INTEGER NOT NULL,"
    "  START_WITH INTEGER NOT NULL, PRIMARY KEY (OWNER, NAME));";

static int64_t clamp(__int128 v)
{
    return v > RANGE_MAX ? RANGE_MAX + 1 : v < RANGE_MIN ? RANGE_MIN - 1 : (int64_t)v;
}

static int64_t in_range(int64_t v) { return v > RANGE_MAX ? RANGE_MAX : v < RANGE_MIN ? RANGE_MIN : v; }

/* MINVALUE and MAXVALUE from Q, or the defaults of D's direction where not written. */
static void set_bounds(sequence_def *d, const sql_sequence_stmt *q)
{
    int ascending = d->increment > 0;
    if (q->given & SEQ_MINVALUE) d->min_default = q->nominvalue;
    if (q->given & SEQ_MAXVALUE) d->max_default = q->nomaxvalue;
    if ((q->given & SEQ_MINVALUE) && !q->nominvalue) d->min = in_range(q->minvalue);
    if ((q->given & SEQ_MAXVALUE) && !q->nomaxvalue) d->max = in_range(q->maxvalue);
    if (d->min_default) d->min = ascending ? 1 : RANGE_MIN;
    if (d->max_default) d->max = ascending ? RANGE_MAX : -1;
}

/* The checks of CREATE and ALTER on D's settings. */
static int check_settings(const sequence_def *d, const sql_sequence_stmt *q, ora_error *err)
{
    if (d->min >= d->max) return ora_set(err, 4004, 0);
    __int128 span = (__int128)d->max - d->min, step = d->increment > 0 ? d->increment : -(__int128)d->increment;
    if (step >= span) return ora_set(err, 4005, 0);
    if ((q->given & SEQ_CACHE) && q->cache == 1) return ora_set(err, 4010, 0);
    if (d->cache < 0) return ora_set(err, 4010, 0);
    if (d->cycle && d->increment > 0 && d->max_default) return ora_set(err, 4015, 0);
    if (d->cycle && d->increment < 0 && d->min_default) return ora_set(err, 4014, 0);
    if (d->cycle && d->cache > 0 && d->cache >= (span + step - 1) / step) return ora_set(err, 4013, 0);
    return 0;
}

int sequence_define(sequence_def *d, const sql_sequence_stmt *q, int64_t next, ora_error *err)
{
    int creating = q->action == SEQ_CREATE;
    int64_t old_increment = d->increment, old_min = d->min, old_max = d->max;
    if (creating) {
        d->increment = 1;
        d->min_default = d->max_default = 1;
        d->cache = 20;
    }
    if (q->given & SEQ_INCREMENT) {
        if (q->increment == 0) return ora_set(err, 4002, 0);
        d->increment = in_range(q->increment);
    }
    if (q->given & SEQ_CACHE) d->cache = q->cache;
    if (q->given & SEQ_CYCLE) d->cycle = q->cycle;
    if (q->given & SEQ_ORDER) d->order = q->order;
    set_bounds(d, q);
    if (check_settings(d, q, err) < 0) return -1;
    if (creating || (q->given & SEQ_RESTART)) {
        int64_t start = (q->given & SEQ_START) ? in_range(q->start) : d->increment > 0 ? d->min : d->max;
        if (start < d->min) return ora_set(err, 4006, 0);
        if (start > d->max) return ora_set(err, 4008, 0);
        d->last_number = d->start = start;
        return 0;
    }
    /* ALTER: NEXTVAL goes on from the last number handed out, by the new increment */
    __int128 current = (__int128)next - old_increment;
    if (current >= old_min && current <= old_max) {
        if (d->max < current) return ora_set(err, 4009, 0);
        if (d->min > current) return ora_set(err, 4007, 0);
    }
    d->last_number = clamp(current + d->increment);
    return 0;
}

static int fail(sqlite3 *db, ora_error *err)
{
    return ora_set(err, ORA_INTERNAL, 0, sqlite3_errmsg(db));
}

/* Bind D's settings as ?3 ... ?12 (the order of the table's columns after OWNER, NAME). */
static void bind_settings(sqlite3_stmt *st, const sequence_def *d)
{
    sqlite3_bind_text(st, 1, d->owner, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, d->name, -1, SQLITE_STATIC);
    const int64_t v[] = {d->increment, d->min,   d->max,   d->min_default,  d->max_default,
                         d->cycle,     d->order, d->cache, d->last_number, d->start};
    for (int i = 0; i < 10; i++) sqlite3_bind_int64(st, 3 + i, v[i]);
}

/* Run SQL with D's settings bound: 0, or -1 with ERR. */
static int write_settings(sqlite3 *db, const char *sql, const sequence_def *d, ora_error *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return fail(db, err);
    bind_settings(st, d);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : fail(db, err);
}

int sequences_create(sqlite3 *db, const sequence_def *d, ora_error *err)
{
    char full[2 * SEQUENCE_NAME_MAX + 2];
    snprintf(full, sizeof full, "%s.%s", d->owner, d->name);
    if (sqlite3_exec(db, sequences_schema_sql, NULL, NULL, NULL) != SQLITE_OK) return fail(db, err);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM WARDEN$OBJECTS WHERE SQLITE_NAME = ?1 AND TYPE <> 'INDEX'",
                           -1, &st, NULL) != SQLITE_OK)
        return fail(db, err);
    sqlite3_bind_text(st, 1, full, -1, SQLITE_STATIC);
    int taken = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    if (taken) return ora_set(err, ORA_NAME_IN_USE, 0);
    return write_settings(db,
                          "INSERT INTO WARDEN$SEQUENCES VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
                          " ?10, ?11, ?12)",
                          d, err);
}

int sequences_update(sqlite3 *db, const sequence_def *d, ora_error *err)
{
    return write_settings(db,
                          "UPDATE WARDEN$SEQUENCES SET INCREMENT_BY = ?3, MIN_VALUE = ?4,"
                          " MAX_VALUE = ?5, MIN_DEFAULT = ?6, MAX_DEFAULT = ?7, CYCLE_FLAG = ?8,"
                          " ORDER_FLAG = ?9, CACHE_SIZE = ?10, LAST_NUMBER = ?11, START_WITH = ?12"
                          " WHERE OWNER = ?1 AND NAME = ?2",
                          d, err);
}

#define SELECT_SETTINGS                                                                            \
    "SELECT s.OWNER, s.NAME, s.INCREMENT_BY, s.MIN_VALUE, s.MAX_VALUE, s.MIN_DEFAULT,"             \
    " s.MAX_DEFAULT, s.CYCLE_FLAG, s.ORDER_FLAG, s.CACHE_SIZE, s.LAST_NUMBER, o.OBJ_ID,"            \
    " s.START_WITH"                                                                                \
    " FROM WARDEN$SEQUENCES AS s LEFT JOIN WARDEN$OBJECTS AS o"                                    \
    " ON o.SQLITE_NAME = s.OWNER || '.' || s.NAME "

static void read_settings(sqlite3_stmt *st, sequence_def *d)
{
    snprintf(d->owner, sizeof d->owner, "%s", (const char *)sqlite3_column_text(st, 0));
    snprintf(d->name, sizeof d->name, "%s", (const char *)sqlite3_column_text(st, 1));
    d->increment = sqlite3_column_int64(st, 2);
    d->min = sqlite3_column_int64(st, 3);
    d->max = sqlite3_column_int64(st, 4);
    d->min_default = sqlite3_column_int(st, 5);
    d->max_default = sqlite3_column_int(st, 6);
    d->cycle = sqlite3_column_int(st, 7);
    d->order = sqlite3_column_int(st, 8);
    d->cache = sqlite3_column_int64(st, 9);
    d->last_number = sqlite3_column_int64(st, 10);
    d->id = (uint32_t)sqlite3_column_int64(st, 11);
    d->start = sqlite3_column_int64(st, 12);
}

/* The dictionary may predate sequences: no table is no sequence. */
static int no_table(sqlite3 *db)
{
    return strstr(sqlite3_errmsg(db), "no such table") != NULL;
}

int sequences_find(sqlite3 *db, const char *owner, const char *name, sequence_def *d)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, SELECT_SETTINGS "WHERE s.OWNER = ?1 AND s.NAME = ?2", -1, &st,
                           NULL) != SQLITE_OK)
        return no_table(db) ? 0 : -1;
    sqlite3_bind_text(st, 1, owner, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) read_settings(st, d);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int sequences_drop_owner(sqlite3 *db, const char *owner, ora_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, "DELETE FROM WARDEN$SEQUENCES WHERE OWNER = ?1", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, owner, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : fail(db, err);
}

int sequences_drop(sqlite3 *db, const char *owner, const char *name, ora_error *err)
{
    sequence_def d;
    int rc = sequences_find(db, owner, name, &d);
    if (rc < 0) return fail(db, err);
    if (rc == 0) return ora_set(err, 2289, 0);
    return write_settings(db, "DELETE FROM WARDEN$SEQUENCES WHERE OWNER = ?1 AND NAME = ?2", &d, err);
}

/* The block to reserve from D: 0 with *FIRST and *COUNT, or ORA-08004. */
static int next_block(const sequence_def *d, int64_t *first, int64_t *count, ora_error *err)
{
    int ascending = d->increment > 0;
    *first = d->last_number;
    if (ascending ? *first > d->max : *first < d->min) {
        if (!d->cycle)
            return ora_set(err, 8004, 0, d->name, ascending ? "exceeds MAXVALUE" : "goes below MINVALUE");
        *first = ascending ? d->min : d->max;
    }
    __int128 room = ascending ? ((__int128)d->max - *first) / d->increment
                              : ((__int128)*first - d->min) / -(__int128)d->increment;
    __int128 want = d->cache > 1 ? d->cache : 1;
    *count = (int64_t)(room + 1 < want ? room + 1 : want);
    return 0;
}

int sequences_reserve(sqlite3 *db, const char *owner, const char *name, int64_t *first,
                      int64_t *increment, int64_t *count, ora_error *err)
{
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) return fail(db, err);
    sequence_def d;
    int rc = sequences_find(db, owner, name, &d);
    if (rc < 0) rc = fail(db, err);
    else if (rc == 0) rc = ora_set(err, 2289, 0);
    else rc = next_block(&d, first, count, err);
    if (rc == 0) {
        *increment = d.increment;
        d.last_number = clamp((__int128)*first + (__int128)*count * d.increment);
        rc = sequences_update(db, &d, err);
    }
    if (rc == 0 && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) rc = fail(db, err);
    if (rc < 0) sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return rc < 0 ? -1 : 0;
}

int sequences_each(sqlite3 *db, const char *owner, void (*fn)(void *arg, const sequence_def *d),
                   void *arg)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, SELECT_SETTINGS "WHERE ?1 IS NULL OR s.OWNER = ?1 ORDER BY 1, 2",
                           -1, &st, NULL) != SQLITE_OK)
        return no_table(db) ? 0 : -1;
    if (owner) sqlite3_bind_text(st, 1, owner, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sequence_def d;
        read_settings(st, &d);
        fn(arg, &d);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}
