/*
 * sequence_commands.c - CREATE, ALTER and DROP SEQUENCE: DDL, so the open
 * transaction commits first; the change and the sequence's object number
 * (objects_sync) go in one catalog transaction.
 *
 * ALTER and DROP throw away the numbers the instance has cached for the
 * sequence (sequence_cache.h); ALTER then goes on from the last number
 * handed out, by the new increment, as Oracle does.  Privileges: CREATE
 * SEQUENCE for one's own, CREATE / ALTER / DROP ANY SEQUENCE for another
 * schema's (ALTER also with the ALTER object privilege on it).
 */
#include "sequence_commands.h"

#include <stdio.h>
#include <string.h>

#include "../engine/catalog.h"
#include "../engine/identities.h"
#include "../engine/objects.h"
#include "../engine/sequences.h"
#include "../sga/sequence_cache.h"
#include "privilege_checks.h"

/* ALTER or DROP: D is the sequence; its cached numbers go.  The number NEXTVAL gave next. */
static int64_t flush_cache(const sequence_def *d)
{
    int64_t next;
    return sequence_cache_flush(the_sequence_cache, d->id, &next) ? next : d->last_number;
}

/* Q on DB, inside the catalog transaction. */
static int change(sqlite3 *db, const sql_sequence_stmt *q, ora_error *err)
{
    sequence_def d = {0};
    snprintf(d.owner, sizeof d.owner, "%s", q->sequence.schema);
    snprintf(d.name, sizeof d.name, "%s", q->sequence.name);
    if (q->action == SEQ_CREATE)
        return sequence_define(&d, q, 0, err) < 0 ? -1 : sequences_create(db, &d, err);
    int found = sequences_find(db, d.owner, d.name, &d);
    if (found < 0) return ora_set(err, ORA_INTERNAL, 0, sqlite3_errmsg(db));
    if (!found) return ora_set(err, 2289, 0);
    if (q->action == SEQ_DROP && identities_owns_sequence(db, d.owner, d.name) != 0)
        return ora_set(err, 32794, 0); /* an identity column's: it goes with its table */
    int64_t next = flush_cache(&d);
    if (q->action == SEQ_DROP) return sequences_drop(db, d.owner, d.name, err);
    return sequence_define(&d, q, next, err) < 0 ? -1 : sequences_update(db, &d, err);
}

int sequence_command(session *s, const sql_stmt *st, ora_error *err)
{
    const sql_sequence_stmt *q = &st->sequence;
    static const char *const any[] = {[SEQ_CREATE] = "CREATE ANY SEQUENCE",
                                      [SEQ_ALTER] = "ALTER ANY SEQUENCE",
                                      [SEQ_DROP] = "DROP ANY SEQUENCE"};
    const char *own = q->action == SEQ_CREATE ? "CREATE SEQUENCE" : NULL;
    int granted = q->action == SEQ_ALTER && eng_has_object_privilege(s->eng, q->sequence.schema,
                                                                     q->sequence.name, "ALTER");
    if (!granted && may_change_schema(s, q->sequence.schema, own, any[q->action], err) < 0)
        return -1;
    char full[300];
    snprintf(full, sizeof full, "%s.%s", q->sequence.schema, q->sequence.name);
    sqlite3 *db = eng_catalog_begin(s->eng, err);
    if (!db) return -1;
    int rc = catalog_change_begin(db, err);
    if (rc == 0) rc = change(db, q, err);
    if (rc == 0 && objects_sync(db, q->action == SEQ_DROP ? NULL : full) < 0)
        rc = ora_set(err, ORA_INTERNAL, 0, sqlite3_errmsg(db));
    rc = catalog_change_end(db, rc, err);
    eng_catalog_end(s->eng);
    return rc;
}
