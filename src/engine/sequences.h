/*
 * sequences.h - the dictionary of sequences (CREATE SEQUENCE): each one's
 * settings and LAST_NUMBER, the first number not yet reserved, in
 * WARDEN$SEQUENCES next to WARDEN$OBJECTS (which numbers them).
 *
 * NEXTVAL takes numbers from the instance's cache (src/sga/sequence_cache.h);
 * when that is empty, sequences_reserve() moves LAST_NUMBER past the next
 * block of CACHE numbers in a write of its own, committed (and on disk)
 * before any of them is used, whatever becomes of the caller's transaction.
 *
 * Numbers are 64-bit: a MINVALUE or MAXVALUE beyond that range works as the
 * range's end (NOMAXVALUE is still shown as Oracle's 28 nines).
 */
#ifndef WARDEN_SEQUENCES_H
#define WARDEN_SEQUENCES_H

#include <sqlite3.h>
#include <stdint.h>

#include "../common/ora_error.h"
#include "../sql/translate.h"

#define SEQUENCE_NAME_MAX 128

typedef struct sequence_def {
    uint32_t id; /* object number (0 before CREATE) */
    char owner[SEQUENCE_NAME_MAX + 1], name[SEQUENCE_NAME_MAX + 1];
    int64_t increment, min, max;
    int min_default, max_default; /* NOMINVALUE / NOMAXVALUE: shown as Oracle's defaults */
    int cycle, order;
    int64_t cache;       /* 0: NOCACHE */
    int64_t last_number; /* the first number not yet reserved */
    int64_t start;       /* START WITH (of CREATE, or of the last RESTART) */
} sequence_def;

/* WARDEN$SEQUENCES, created where missing (objects_sync runs it). */
extern const char sequences_schema_sql[];

/*
 * Apply the options of CREATE or ALTER SEQUENCE Q to D (for CREATE: zeroed
 * but for its owner and name).  For ALTER, NEXT is the number NEXTVAL would
 * have given next.  D's LAST_NUMBER becomes the number NEXTVAL gives next.
 * 0, or -1 with Oracle's error (ORA-04002 ... ORA-04015), D unusable.
 */
int sequence_define(sequence_def *d, const sql_sequence_stmt *q, int64_t next, ora_error *err);

/* Store new sequence D: 0, ORA-00955 when the name is taken. */
int sequences_create(sqlite3 *db, const sequence_def *d, ora_error *err);
/* OWNER.NAME's settings into D: 1, 0 when there is no such sequence, -1 (SQLite's error). */
int sequences_find(sqlite3 *db, const char *owner, const char *name, sequence_def *d);
/* Store D's settings and LAST_NUMBER over its old ones. */
int sequences_update(sqlite3 *db, const sequence_def *d, ora_error *err);
/* Drop OWNER.NAME: 0, or ORA-02289. */
int sequences_drop(sqlite3 *db, const char *owner, const char *name, ora_error *err);
/* DROP USER CASCADE: every sequence of OWNER goes (the numbers the instance cached for them
 * are never asked for again).  0, or -1 with ERR. */
int sequences_drop_owner(sqlite3 *db, const char *owner, ora_error *err);

/*
 * Reserve the next block of OWNER.NAME's numbers in a transaction of its
 * own on DB (a connection nobody else uses, so no open transaction of the
 * caller's is touched): *FIRST, then *COUNT numbers each *INCREMENT apart.
 * A NOCYCLE sequence past its end is ORA-08004; ORA-02289 when it is gone.
 */
int sequences_reserve(sqlite3 *db, const char *owner, const char *name, int64_t *first,
                      int64_t *increment, int64_t *count, ora_error *err);

/* Call FN for every sequence (OWNER's only, when not NULL), by owner and name. 0 or -1. */
int sequences_each(sqlite3 *db, const char *owner, void (*fn)(void *arg, const sequence_def *d),
                   void *arg);

#endif
