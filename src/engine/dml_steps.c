/*
 * dml_steps.c - the second and later SQLite statements of a DML statement
 * the translator wrote as several (MERGE, INSERT ALL | FIRST: see
 * src/sql/xlat_merge.c, xlat_insert_all.c).  The engine prepares the first
 * as it prepares any statement and these with it, binds the same values to
 * all (each takes the ?N it names), and steps them in order inside the
 * statement's savepoint (engine.c, run_dml_statements).  MERGE's
 * bookkeeping table, temp."ws$merge", is made here: a TEMP table of the
 * session, like the overlays' tables, which only Warden's own SQL names.
 */
#include <stdlib.h>

#include "../common/buf.h"
#include "engine_internal.h"

struct dml_steps {
    sqlite3_stmt **st;
    int *at; /* where each begins in the text given to dml_steps_prepare */
    int n;
    int failed_at; /* where the one that failed to prepare begins */
};

int dml_merge_table(sqlite3 *db)
{
    return sqlite3_exec(db, "CREATE TEMP TABLE IF NOT EXISTS \"ws$merge\"(rid INTEGER PRIMARY KEY)",
                        NULL, NULL, NULL);
}

void dml_steps_free(dml_steps *d)
{
    if (!d) return;
    for (int i = 0; i < d->n; i++) sqlite3_finalize(d->st[i]);
    free(d->st);
    free(d->at);
    free(d);
}

int dml_steps_prepare(dml_steps **out, const char *rest, dml_prepare_fn prepare, void *arg)
{
    dml_steps *d = xcalloc(1, sizeof *d);
    const char *start = rest;
    int rc = SQLITE_OK;
    while (*rest && rc == SQLITE_OK) {
        sqlite3_stmt *st = NULL;
        const char *next = NULL;
        while (*rest == ' ') rest++;
        d->failed_at = (int)(rest - start);
        rc = prepare(arg, rest, &st, &next);
        if (!st) break;
        d->st = xrealloc(d->st, sizeof *d->st * (size_t)(d->n + 1));
        d->at = xrealloc(d->at, sizeof *d->at * (size_t)(d->n + 1));
        d->at[d->n] = (int)(rest - start);
        d->st[d->n++] = st;
        if (!next || next == rest) break;
        rest = next;
    }
    dml_steps_free(*out);
    *out = d;
    return rc;
}

int dml_steps_count(const dml_steps *d)
{
    return d ? d->n : 0;
}

sqlite3_stmt *dml_steps_stmt(const dml_steps *d, int i)
{
    return d->st[i];
}

int dml_steps_offset(const dml_steps *d, int i)
{
    return i < 0 ? d->failed_at : d->at[i];
}

int dml_steps_bind(dml_steps *d, const eng_value *v, int n)
{
    for (int k = 0; d && k < d->n; k++) {
        sqlite3_reset(d->st[k]);
        int rc = eng_bind_values(d->st[k], v, n, 0);
        if (rc != SQLITE_OK) return rc;
    }
    return SQLITE_OK;
}
