/*
 * identities.h - identity columns (GENERATED ... AS IDENTITY): which
 * sequence each one draws from, in WARDEN$IDENTITIES.
 *
 * CREATE TABLE writes each identity column with NOT NULL and DEFAULT
 * (ORA_IDENTITY('key')), the key chosen by the translator; once the table
 * has its object number, identities_create() makes its sequence,
 * ISEQ$$_<table's object number> as in Oracle, in the table's schema, and
 * files the key.  The key, not the table's name, ties the DEFAULT to its
 * sequence, so a RENAME changes nothing.  Dropping the table drops both
 * (identities_forget_orphans, from objects_sync); the sequence cannot be
 * dropped on its own (ORA-32794).
 */
#ifndef WARDEN_IDENTITIES_H
#define WARDEN_IDENTITIES_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "../common/ora_error.h"
#include "../sql/translate.h"

/* WARDEN$IDENTITIES, created where missing (objects_sync runs it). */
extern const char identities_schema_sql[];

/* The identity columns IDS (N) of table OWNER's number TABLE_OBJ: their sequences and keys. */
int identities_create(sqlite3 *db, const char *owner, uint32_t table_obj, const sql_identity *ids,
                      int n, ora_error *err);

/* Forget the identities (and drop the sequences) of tables that are gone: how many, or -1. */
int identities_forget_orphans(sqlite3 *db);

/* The sequence identity KEY draws from: 1 with OWNER and NAME (SIZE bytes each), 0, -1. */
int identities_sequence(sqlite3 *db, const char *key, char *owner, char *name, size_t size);

/* The identity column of the table SQLite calls TABLE: 1 with *ID, 0 when none, -1. */
int identities_of_table(sqlite3 *db, const char *table, sql_identity_column *id);

/* Is OWNER.NAME the sequence of an identity column?  1, 0, -1. */
int identities_owns_sequence(sqlite3 *db, const char *owner, const char *name);

/* An identity column as the dictionary views show it. */
typedef struct identity_row {
    const char *owner, *table, *column;
    int always, on_null;
    const char *sequence;
} identity_row;

/* Call FN for every identity column (OWNER's only, when not NULL). 0 or -1. */
int identities_each(sqlite3 *db, const char *owner, void (*fn)(void *arg, const identity_row *r),
                    void *arg);

#endif
