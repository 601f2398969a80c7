/*
 * overlay_ddl.c - writes the SQL of a table's overlay (see overlay_ddl.h for
 * the objects and their columns).
 *
 * The triggers do a row's whole change in SQL: take the row lock (or a new
 * rowid; either records the row's undo image while a savepoint is active),
 * write the write set, then check the written row - NOT NULL, CHECK, unique keys - reading
 * the values as stored (column affinity applied), and lock each unique key
 * value. Statements inside a trigger body name the write set and undo log
 * unqualified (SQLite's rule) and the real table as main."S.T" (the
 * unqualified name is the view).
 */
#include "overlay_ddl.h"

#include <stdio.h>
#include <string.h>

#define RID "\"ws$rid\""
#define OP "\"ws$op\""
#define SEQ "\"ws$seq\""

/* A quoted identifier made of PREFIX NAME SUFFIX. */
static void put_ident(buf *b, const char *prefix, const char *name, const char *suffix)
{
    buf_putc(b, '"');
    buf_put_doubled(b, prefix, '"');
    buf_put_doubled(b, name, '"');
    buf_put_doubled(b, suffix, '"');
    buf_putc(b, '"');
}

/* A SQL string literal of TEXT. */
static void put_string(buf *b, const char *text)
{
    buf_put_quoted(b, text, '\'');
}

static void put_ws(buf *b, const ovl_def *d)
{
    put_ident(b, "ws$", d->table, "");
}
static void put_undo(buf *b, const ovl_def *d)
{
    put_ident(b, "wu$", d->table, "");
}
static void put_main(buf *b, const ovl_def *d)
{
    buf_puts(b, "main.");
    put_ident(b, "", d->table, "");
}

void ovl_ddl_children(const ovl_def *def, const ovl_child_key *k, buf *out)
{
    buf_puts(out, "SELECT 1 FROM ");
    put_main(out, def);
    buf_puts(out, " AS \"p$\" JOIN temp.");
    put_ws(out, def);
    buf_printf(out,
               " AS \"w$\" ON \"w$\"." RID " = \"p$\".rowid AND (\"w$\"." OP " = %d OR (\"w$\"." OP
               " = %d AND (",
               OVL_OP_DELETE, OVL_OP_UPDATE);
    for (int i = 0; i < k->n; i++) { /* updated, the key changed */
        buf_puts(out, i ? " OR \"w$\"." : "\"w$\".");
        put_ident(out, "", k->parent_cols[i], "");
        buf_puts(out, " IS NOT \"p$\".");
        put_ident(out, "", k->parent_cols[i], "");
    }
    buf_puts(out, "))) WHERE EXISTS (SELECT 1 FROM ");
    put_ident(out, "", k->child, "");
    buf_puts(out, " AS \"c$\" WHERE ");
    for (int i = 0; i < k->n; i++) {
        buf_puts(out, i ? " AND \"c$\"." : "\"c$\".");
        put_ident(out, "", k->cols[i], "");
        buf_puts(out, " = \"p$\".");
        put_ident(out, "", k->parent_cols[i], "");
    }
    buf_puts(out, ") LIMIT 1");
}

/* " WHERE C1 = ?1 AND C2 = ?2 ..." over K's child columns. */
static void put_child_match(buf *out, const ovl_child_key *k)
{
    for (int i = 0; i < k->n; i++) {
        buf_puts(out, i ? " AND " : " WHERE ");
        put_ident(out, "", k->cols[i], "");
        buf_printf(out, " = ?%d", i + 1);
    }
}

void ovl_ddl_delete_action(const ovl_child_key *k, buf *out)
{
    if (k->action == OVL_NO_ACTION) return;
    buf_puts(out, k->action == OVL_CASCADE ? "DELETE FROM " : "UPDATE ");
    put_ident(out, "", k->child, "");
    for (int i = 0; k->action == OVL_SET_NULL && i < k->n; i++) {
        buf_puts(out, i ? ", " : " SET ");
        put_ident(out, "", k->cols[i], "");
        buf_puts(out, " = NULL");
    }
    put_child_match(out, k);
}

/* TPL with %W standing for the write set, %U the undo log, %M main's table (quoted). */
static void put_sql(buf *b, const ovl_def *d, const char *tpl)
{
    for (const char *p = tpl; *p; p++) {
        if (*p != '%' || !p[1]) {
            buf_putc(b, (uint8_t)*p);
            continue;
        }
        switch (*++p) {
        case 'W':
            put_ws(b, d);
            break;
        case 'U':
            put_undo(b, d);
            break;
        case 'M':
            put_main(b, d);
            break;
        default:
            buf_putc(b, (uint8_t)*p);
            break;
        }
    }
}

/* QUAL."Ci" (QUAL may be ""); the alias column as ALIAS_EXPR when that is given. */
static void put_column(buf *b, const ovl_def *d, int i, const char *qual, const char *alias_expr)
{
    if (i == d->alias && alias_expr) {
        buf_puts(b, alias_expr);
        return;
    }
    buf_puts(b, qual);
    put_ident(b, "", d->cols[i].name, "");
}

/* Does column I keep values in its own form (DATE, TIMESTAMP(n) [WITH [LOCAL] TIME ZONE],
 * INTERVAL): ORA_CONFORM fits what is written to it. */
static int conformed_column(const ovl_def *d, int i)
{
    const char *t = d->cols[i].decltype;
    return !strcmp(t, "DATE") || !strncmp(t, "TIMESTAMP", 9) || !strncmp(t, "INTERVAL", 8);
}

/* Column I of NEW as stored: the rules of its declared type applied - ORA_CONFORM for
 * datetimes and intervals (ora_fn_convert.c), ORA_FIT_NUMBER / ORA_FIT_LENGTH for NUMBER(p,s) and
 * lengths (ora_fn_storage.c). */
static void put_stored_value(buf *b, const ovl_def *d, int i, const char *alias_expr)
{
    const ovl_column *c = &d->cols[i];
    if (i != d->alias && conformed_column(d, i)) {
        buf_puts(b, "ORA_CONFORM(");
        put_column(b, d, i, "NEW.", NULL);
        buf_puts(b, ", ");
        put_string(b, c->decltype);
        buf_putc(b, ')');
        return;
    }
    if (i == d->alias || (!c->numeric && !c->max_length)) {
        put_column(b, d, i, "NEW.", alias_expr);
        return;
    }
    buf_puts(b, c->exact_number ? "ORA_FIT_DECIMAL("
                : c->numeric    ? "ORA_FIT_NUMBER("
                                : "ORA_FIT_LENGTH(");
    put_column(b, d, i, "NEW.", NULL);
    if (c->numeric) {
        buf_printf(b, ", %d, %d)", c->number_precision, c->number_scale);
        return;
    }
    /* the column as Oracle's message names it: "S"."T"."C" */
    const char *dot = strchr(d->table, '.');
    int schema_len = dot ? (int)(dot - d->table) : 0;
    buf msg;
    buf_init(&msg);
    if (dot) buf_printf(&msg, "\"%.*s\".", schema_len, d->table);
    buf_printf(&msg, "\"%s\".\"%s\"", dot ? dot + 1 : d->table, c->name);
    buf_printf(b, ", %d, ", c->max_length);
    put_string(b, buf_cstr(&msg));
    buf_printf(b, ", %d)", c->length_flags);
    buf_free(&msg);
}

/* ", Q.C1, Q.C2 ..." over all columns, or all but the alias when SKIP_ALIAS. */
static void put_columns(buf *b, const ovl_def *d, const char *qual, const char *alias_expr,
                        int skip_alias)
{
    for (int i = 0; i < d->ncols; i++) {
        if (skip_alias && i == d->alias) continue;
        buf_puts(b, ", ");
        put_column(b, d, i, qual, alias_expr);
    }
}

/*
 * Is column I in an index SQLite maintains when an UPDATE sets it?  Every
 * column counts as one when an index on expressions or a partial index
 * exists: which columns those read is not known here.
 */
static int indexed_column(const ovl_def *d, int i)
{
    if (d->opaque_indexes) return 1;
    for (int k = 0; k < d->nindexes; k++)
        for (int c = 0; c < d->indexes[k].ncols; c++)
            if (d->indexes[k].cols[c] == i) return 1;
    return 0;
}

/* Which columns an UPDATE of main assigns. */
enum { ASSIGN_ALL, ASSIGN_UNINDEXED };

/* "C1 = Q.C1, C2 = Q.C2 ..." for every column (but the alias with SKIP_ALIAS, and the indexed
 * ones with ASSIGN_UNINDEXED); how many. */
static int put_assignments_of(buf *b, const ovl_def *d, const char *qual, int skip_alias,
                              int which)
{
    const char *sep = "";
    int n = 0;
    for (int i = 0; i < d->ncols; i++) {
        if ((skip_alias && i == d->alias) || (which == ASSIGN_UNINDEXED && indexed_column(d, i)))
            continue;
        buf_puts(b, sep);
        put_ident(b, "", d->cols[i].name, "");
        buf_puts(b, " = ");
        put_column(b, d, i, qual, NULL);
        sep = ", ";
        n++;
    }
    return n;
}

/* "C1 = Q.C1, C2 = Q.C2 ..." for every column (but the alias with SKIP_ALIAS). */
static void put_assignments(buf *b, const ovl_def *d, const char *qual, int skip_alias)
{
    put_assignments_of(b, d, qual, skip_alias, ASSIGN_ALL);
}

/* "M.C1 IS W.C1 AND ..." over the indexed columns but the alias, each value exactly the same
 * (no collation, no conversion); how many columns. */
static int put_same_keys(buf *b, const ovl_def *d)
{
    int n = 0;
    for (int i = 0; i < d->ncols; i++) {
        if (i == d->alias || !indexed_column(d, i)) continue;
        const char *col = d->cols[i].name;
        buf_puts(b, n++ ? " AND m." : "m.");
        put_ident(b, "", col, "");
        buf_puts(b, " IS w.");
        put_ident(b, "", col, "");
        buf_puts(b, " COLLATE BINARY AND typeof(m.");
        put_ident(b, "", col, "");
        buf_puts(b, ") = typeof(w.");
        put_ident(b, "", col, "");
        buf_puts(b, ")");
    }
    return n;
}

/* "S.T.C" as SQLite's constraint messages name a column. */
static void put_message_column(buf *b, const ovl_def *d, int col)
{
    buf_printf(b, "%s.%s", d->table, d->cols[col].name);
}

/* RAISE(ABORT, 'KIND constraint failed: S.T.C1, S.T.C2') naming columns COLS[0..N-1]. */
static void put_raise(buf *b, const ovl_def *d, const char *kind, const int *cols, int n)
{
    buf msg;
    buf_init(&msg);
    buf_printf(&msg, "%s constraint failed: ", kind);
    for (int k = 0; k < n; k++) {
        buf_puts(&msg, k ? ", " : "");
        put_message_column(&msg, d, cols[k]);
    }
    buf_puts(b, "RAISE(ABORT, ");
    put_string(b, buf_cstr(&msg));
    buf_puts(b, ")");
    buf_free(&msg);
}

int ovl_is_rowid_column(const char *name)
{
    size_t n = strlen(OVL_ROWID_COLUMN);
    if (!name || strncmp(name, OVL_ROWID_COLUMN, n)) return 0;
    if (!name[n]) return 1;
    if (name[n] != ':' || !name[n + 1]) return 0;
    for (const char *p = name + n + 1; *p; p++)
        if (*p < '0' || *p > '9') return 0;
    return 1;
}

/* ---- the objects ---- */

/* "C T" (T: column I's declared type), its DEFAULT too with WITH_DEFAULT. */
static void put_column_def(buf *b, const ovl_def *d, int i, int with_default)
{
    put_ident(b, "", d->cols[i].name, "");
    buf_printf(b, " %s", d->cols[i].decltype);
    if (d->cols[i].collation) buf_printf(b, " COLLATE %s", d->cols[i].collation);
    if (with_default && d->cols[i].dflt) buf_printf(b, " DEFAULT (%s)", d->cols[i].dflt);
}

/* ", C1 T1, C2 T2 ..." over all columns. */
static void put_column_defs(buf *b, const ovl_def *d)
{
    for (int i = 0; i < d->ncols; i++) {
        buf_puts(b, ", ");
        put_column_def(b, d, i, 0);
    }
}

static void create_tables(buf *b, const ovl_def *d)
{
    buf_puts(b, "CREATE TEMP TABLE ");
    put_ws(b, d);
    buf_puts(b, "(" RID " INTEGER PRIMARY KEY, " OP " INTEGER NOT NULL");
    put_column_defs(b, d);
    buf_puts(b, ");\nCREATE TEMP TABLE ");
    put_undo(b, d);
    buf_puts(b, "(" SEQ " INTEGER PRIMARY KEY, " RID " INTEGER NOT NULL, " OP " INTEGER");
    put_column_defs(b, d);
    buf_puts(b, ");\nCREATE INDEX temp.");
    put_ident(b, "wu$", d->table, "$rid");
    buf_puts(b, " ON ");
    put_undo(b, d);
    buf_puts(b, "(" RID ", " SEQ ");\n");
}

/* The table's indexes on the write set, so that both arms of a lookup search. */
static void create_indexes(buf *b, const ovl_def *d)
{
    for (int i = 0; i < d->nindexes; i++) {
        const ovl_index *ix = &d->indexes[i];
        char suffix[32];
        snprintf(suffix, sizeof suffix, "$i%d", i);
        buf_puts(b, "CREATE INDEX temp.");
        put_ident(b, "ws$", d->table, suffix);
        buf_puts(b, " ON ");
        put_ws(b, d);
        buf_putc(b, '(');
        for (int k = 0; k < ix->ncols; k++) {
            buf_puts(b, k ? ", " : "");
            put_ident(b, "", d->cols[ix->cols[k]].name, "");
            buf_puts(b, " COLLATE ");
            put_ident(b, "", ix->colls[k], "");
            buf_puts(b, ix->desc[k] ? " DESC" : "");
        }
        buf_puts(b, ");\n");
    }
}

/*
 * The write set's live rows UNION ALL main's rows without a write-set entry.
 * Main's arm comes last: SQLite describes a compound's columns (declared
 * type, table and column of origin) from its last arm, and the engine's
 * describe looks up NOT NULL there.
 */
static void create_view(buf *b, const ovl_def *d)
{
    buf_puts(b, "CREATE TEMP VIEW ");
    put_ident(b, "", d->table, "");
    buf_putc(b, '(');
    for (int i = 0; i < d->ncols; i++) {
        put_ident(b, "", d->cols[i].name, "");
        buf_puts(b, ", ");
    }
    buf_puts(b, "\"" OVL_ROWID_COLUMN "\") AS SELECT ");
    for (int i = 0; i < d->ncols; i++) {
        put_column(b, d, i, "w.", NULL);
        buf_puts(b, ", ");
    }
    buf_puts(b, "w." RID " FROM temp.");
    put_ws(b, d);
    buf_printf(b, " AS w WHERE w." OP " <> %d UNION ALL SELECT ", OVL_OP_DELETE);
    for (int i = 0; i < d->ncols; i++) {
        put_column(b, d, i, "m.", NULL);
        buf_puts(b, ", ");
    }
    put_sql(b, d,
            "m.rowid FROM %M AS m WHERE NOT EXISTS (SELECT 1 FROM temp.%W AS w"
            " WHERE w." RID " = m.rowid);\n");
}

/* ---- trigger steps; X is the SQL of the row's rowid ---- */

/* Delete row X: an updated row becomes deleted, an inserted row goes, a main row is marked. */
static void step_delete(buf *b, const ovl_def *d, const char *x)
{
    buf_puts(b, "UPDATE ");
    put_ws(b, d);
    buf_printf(b, " SET " OP " = %d WHERE " RID " = %s AND " OP " = %d;\n", OVL_OP_DELETE, x,
               OVL_OP_UPDATE);
    buf_puts(b, "INSERT INTO ");
    put_ws(b, d);
    buf_printf(b, "(" RID ", " OP ") SELECT %s, %d WHERE NOT EXISTS (SELECT 1 FROM ", x,
               OVL_OP_DELETE);
    put_ws(b, d);
    buf_printf(b, " WHERE " RID " = %s);\nDELETE FROM ", x);
    put_ws(b, d);
    buf_printf(b, " WHERE " RID " = %s AND " OP " = %d;\n", x, OVL_OP_INSERT);
}

/* NOT NULL and CHECK constraints on the stored row X, SQLite's messages. */
static void step_checks(buf *b, const ovl_def *d, const char *x)
{
    int any = d->nchecks > 0;
    for (int i = 0; i < d->ncols; i++)
        any |= d->cols[i].notnull && i != d->alias;
    if (!any) return;
    buf_puts(b, "SELECT CASE");
    for (int i = 0; i < d->ncols; i++) {
        if (!d->cols[i].notnull || i == d->alias) continue;
        buf_puts(b, " WHEN ");
        put_ident(b, "", d->cols[i].name, "");
        buf_puts(b, " IS NULL THEN ");
        put_raise(b, d, "NOT NULL", &i, 1);
    }
    buf msg;
    buf_init(&msg);
    for (int i = 0; i < d->nchecks; i++) {
        const ovl_check *c = &d->checks[i];
        buf_reset(&msg);
        buf_printf(&msg, "CHECK constraint failed: %s", c->name ? c->name : c->expr);
        buf_printf(b, " WHEN NOT (%s) THEN RAISE(ABORT, ", c->expr);
        put_string(b, buf_cstr(&msg));
        buf_puts(b, ")");
    }
    buf_free(&msg);
    buf_puts(b, " END FROM ");
    put_ws(b, d);
    buf_printf(b, " WHERE " RID " = %s;\n", x);
}

/* " WORD (NEW.C1 IS NOT OLD.C1 OR ...)" over columns COLS[0..N-1]: one of them changed. */
static void put_changed(buf *b, const ovl_def *d, const char *word, const int *cols, int n)
{
    for (int k = 0; k < n; k++) {
        buf_printf(b, k ? " OR " : " %s (", word);
        put_column(b, d, cols[k], "NEW.", NULL);
        buf_puts(b, " IS NOT ");
        put_column(b, d, cols[k], "OLD.", NULL);
    }
    if (n) buf_puts(b, ")");
}

/* ", 'INDEX'" or ", NULL" (an INTEGER PRIMARY KEY): which key of the table (lock_parent_key). */
static void put_key_index(buf *b, const char *index)
{
    buf_puts(b, ", ");
    if (index) put_string(b, index);
    else buf_puts(b, "NULL");
}

/*
 * A child row X refers to its parent keys: each foreign key's value is
 * locked shared, before the parent is looked for, so that a parent another
 * open transaction inserted, deleted or whose key it changed makes the
 * child wait for it, and a parent cannot go while an open transaction's
 * child refers to it (step_gone).  A key with a unique index is named as
 * that index's key locks name it (values in its column order), so a new
 * parent's own key lock is the one the child waits for; a key without one
 * is the parent's INTEGER PRIMARY KEY (SQLite refers to no other).  With
 * CHANGED_ONLY (updates), only a changed key.
 */
static void step_refs(buf *b, const ovl_def *d, const char *x, int changed_only)
{
    for (int i = 0; i < d->nfkeys; i++) {
        const ovl_fkey *k = &d->fkeys[i];
        buf_puts(b, "SELECT " OVL_FN_REF "(");
        put_string(b, k->parent);
        put_key_index(b, k->parent_index);
        for (int j = 0; j < k->n; j++) {
            buf_puts(b, ", w.");
            put_ident(b, "", d->cols[k->cols[k->parent_index ? k->index_order[j] : j]].name, "");
        }
        buf_puts(b, ") FROM ");
        put_ws(b, d);
        buf_printf(b, " AS w WHERE w." RID " = %s", x);
        if (changed_only) put_changed(b, d, "AND", k->cols, k->n);
        buf_puts(b, ";\n");
    }
}

/* Key COLS[0..N-1] of the OLD row (unique index INDEX's, in its column order, or NULL for the
 * INTEGER PRIMARY KEY) is given up: deleted, or with CHANGED_ONLY changed. */
static void step_gone_key(buf *b, const ovl_def *d, int64_t oid, const char *index,
                          const int *cols, int n, int changed_only)
{
    buf_printf(b, "SELECT %s(%lld", changed_only ? OVL_FN_GONE : OVL_FN_DELETED, (long long)oid);
    put_key_index(b, index);
    for (int j = 0; j < n; j++) {
        buf_puts(b, ", ");
        put_column(b, d, cols[j], "OLD.", NULL);
    }
    buf_puts(b, ")");
    if (changed_only) put_changed(b, d, "WHERE", cols, n);
    buf_puts(b, ";\n");
}

/*
 * The OLD row gives its keys up (a delete; with CHANGED_ONLY, an update of
 * them): each is locked exclusively, so that a child another open
 * transaction wrote with this key (step_refs) makes the statement wait for
 * it, and a new child - or a new row with this key - waits for this
 * transaction.
 */
static void step_gone(buf *b, const ovl_def *d, int64_t oid, int changed_only)
{
    for (int i = 0; i < d->nindexes; i++) {
        const ovl_index *ix = &d->indexes[i];
        if (ix->unique) step_gone_key(b, d, oid, ix->name, ix->cols, ix->ncols, changed_only);
    }
    if (d->alias >= 0) step_gone_key(b, d, oid, NULL, &d->alias, 1, changed_only);
}

/*
 * Foreign keys on the stored row X: its parent row must be one the session
 * sees (committed, or its own through the parent's overlay); SQLite's
 * message, which is ORA-02291.  The parent key is locked first (step_refs).
 */
static void step_fkeys(buf *b, const ovl_def *d, const char *x, int changed_only)
{
    step_refs(b, d, x, changed_only);
    for (int i = 0; i < d->nfkeys; i++) {
        const ovl_fkey *k = &d->fkeys[i];
        buf_puts(b, "SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed') FROM ");
        put_ws(b, d);
        buf_printf(b, " AS \"w$\" WHERE \"w$\"." RID " = %s", x);
        for (int j = 0; j < k->n; j++) {
            buf_puts(b, " AND \"w$\".");
            put_ident(b, "", d->cols[k->cols[j]].name, "");
            buf_puts(b, " IS NOT NULL");
        }
        buf_puts(b, " AND NOT EXISTS (SELECT 1 FROM ");
        put_ident(b, "", k->parent, "");
        buf_puts(b, " AS \"p$\" WHERE ");
        for (int j = 0; j < k->n; j++) {
            buf_puts(b, j ? " AND \"p$\"." : "\"p$\".");
            put_ident(b, "", k->parent_cols[j], "");
            buf_puts(b, " = \"w$\".");
            put_ident(b, "", d->cols[k->cols[j]].name, "");
        }
        buf_puts(b, ");\n");
    }
}

/* "Q1.Ck = Q2.Ck COLLATE c AND ..." over the key's columns. */
static void put_key_match(buf *b, const ovl_def *d, const ovl_index *ix, const char *q1,
                          const char *q2)
{
    for (int k = 0; k < ix->ncols; k++) {
        buf_puts(b, k ? " AND " : "");
        put_column(b, d, ix->cols[k], q1, NULL);
        buf_puts(b, " = ");
        put_column(b, d, ix->cols[k], q2, NULL);
        buf_puts(b, " COLLATE ");
        put_ident(b, "", ix->colls[k], "");
    }
}

/*
 * Lock unique key KNO's value in row X and fail when another visible row has
 * it: a main row without a write-set entry, or a live write-set row. With
 * CHANGED_ONLY (updates), only when one of its columns changed.
 */
static void step_key(buf *b, const ovl_def *d, int64_t oid, int kno, const char *x,
                     int changed_only)
{
    const ovl_index *ix = &d->indexes[kno];
    buf_printf(b, "SELECT " OVL_FN_KEY "(%lld, %d", (long long)oid, kno);
    for (int k = 0; k < ix->ncols; k++) {
        buf_puts(b, ", ");
        put_column(b, d, ix->cols[k], "w.", NULL);
    }
    buf_puts(b, "), CASE WHEN EXISTS (SELECT 1 FROM ");
    put_main(b, d);
    buf_puts(b, " AS m WHERE ");
    put_key_match(b, d, ix, "m.", "w.");
    buf_puts(b, " AND m.rowid <> w." RID " AND NOT EXISTS (SELECT 1 FROM ");
    put_ws(b, d);
    buf_puts(b, " AS s WHERE s." RID " = m.rowid)) OR EXISTS (SELECT 1 FROM ");
    put_ws(b, d);
    buf_puts(b, " AS s WHERE ");
    put_key_match(b, d, ix, "s.", "w.");
    buf_printf(b, " AND s." RID " <> w." RID " AND s." OP " <> %d) THEN ", OVL_OP_DELETE);
    put_raise(b, d, "UNIQUE", ix->cols, ix->ncols);
    buf_puts(b, " END FROM ");
    put_ws(b, d);
    buf_printf(b, " AS w WHERE w." RID " = %s", x);
    if (changed_only) put_changed(b, d, "AND", ix->cols, ix->ncols);
    buf_puts(b, ";\n");
}

static void step_keys(buf *b, const ovl_def *d, int64_t oid, const char *x, int changed_only)
{
    for (int i = 0; i < d->nindexes; i++)
        if (d->indexes[i].unique) step_key(b, d, oid, i, x, changed_only);
}

/*
 * Write NEW as row X with operation OP (the alias column as ALIAS_EXPR when
 * given). When the row is there already: with ON_CONFLICT_OP -1 it fails, 0
 * replaces the values and keeps the operation, else sets that operation too.
 */
static void step_write(buf *b, const ovl_def *d, const char *x, int op, const char *alias_expr,
                       int on_conflict_op)
{
    buf_puts(b, "INSERT INTO ");
    put_ws(b, d);
    buf_puts(b, "(" RID ", " OP);
    put_columns(b, d, "", NULL, 0);
    buf_printf(b, ") VALUES (%s, %d", x, op);
    for (int i = 0; i < d->ncols; i++) {
        buf_puts(b, ", ");
        put_stored_value(b, d, i, alias_expr);
    }
    buf_putc(b, ')');
    if (on_conflict_op >= 0) {
        buf_puts(b, " ON CONFLICT(" RID ") DO UPDATE SET ");
        if (on_conflict_op > 0) buf_printf(b, OP " = %d, ", on_conflict_op);
        put_assignments(b, d, "excluded.", 0);
    }
    buf_puts(b, ";\n");
}

/* A new row from NEW: its rowid, the alias key check, undo, write, checks, keys. */
static void step_insert(buf *b, const ovl_def *d, int64_t oid, int count)
{
    const char *x = OVL_FN_CUR "()";
    buf_printf(b, "SELECT " OVL_FN_ROWID "(%lld, ", (long long)oid);
    if (d->alias >= 0)
        put_column(b, d, d->alias, "NEW.", NULL);
    else
        buf_puts(b, "NULL");
    buf_printf(b, ", %d);\n", count);
    if (d->alias >= 0) {
        buf_puts(b, "SELECT ");
        put_raise(b, d, "UNIQUE", &d->alias, 1);
        buf_printf(b, " FROM (SELECT %s AS x) AS r WHERE EXISTS (SELECT 1 FROM ", x);
        put_ws(b, d);
        buf_printf(b, " AS w WHERE w." RID " = r.x AND w." OP " <> %d) OR (EXISTS (SELECT 1 FROM ",
                   OVL_OP_DELETE);
        put_main(b, d);
        buf_puts(b, " AS m WHERE m.rowid = r.x) AND NOT EXISTS (SELECT 1 FROM ");
        put_ws(b, d);
        buf_puts(b, " AS w WHERE w." RID " = r.x));\n");
    }
    /* on conflict: the rowid of a row deleted in this transaction, taken again */
    step_write(b, d, x, OVL_OP_INSERT, x, d->alias >= 0 ? OVL_OP_UPDATE : -1);
    step_checks(b, d, x);
    step_fkeys(b, d, x, 0);
    step_keys(b, d, oid, x, 0);
}

/* ---- the triggers ---- */

static void trigger_head(buf *b, const ovl_def *d, const char *suffix, const char *event)
{
    buf_puts(b, "CREATE TEMP TRIGGER ");
    put_ident(b, "ws$", d->table, suffix);
    buf_printf(b, " INSTEAD OF %s ON ", event);
    put_ident(b, "", d->table, "");
}

static void put_lock_old(buf *b, int64_t oid)
{
    buf_printf(b, " BEGIN\nSELECT " OVL_FN_LOCK "(%lld, OLD.\"" OVL_ROWID_COLUMN "\");\n",
               (long long)oid);
}

/* " WHEN NEW.alias <IS> OLD.alias" */
static void put_alias_when(buf *b, const ovl_def *d, const char *is)
{
    buf_puts(b, " WHEN ");
    put_column(b, d, d->alias, "NEW.", NULL);
    buf_printf(b, " %s ", is);
    put_column(b, d, d->alias, "OLD.", NULL);
}

static void create_triggers(buf *b, const ovl_def *d, int64_t oid)
{
    const char *old_rid = "OLD.\"" OVL_ROWID_COLUMN "\"";
    trigger_head(b, d, "$ins", "INSERT");
    buf_puts(b, " BEGIN\n");
    step_insert(b, d, oid, 1);
    buf_puts(b, "END;\n");

    trigger_head(b, d, "$del", "DELETE");
    put_lock_old(b, oid);
    step_gone(b, d, oid, 0);
    step_delete(b, d, old_rid);
    buf_puts(b, "END;\n");

    trigger_head(b, d, "$upd", "UPDATE");
    if (d->alias >= 0) put_alias_when(b, d, "IS");
    put_lock_old(b, oid);
    step_gone(b, d, oid, 1);
    step_write(b, d, old_rid, OVL_OP_UPDATE, NULL, 0);
    step_checks(b, d, old_rid);
    step_fkeys(b, d, old_rid, 1);
    step_keys(b, d, oid, old_rid, 1);
    buf_puts(b, "END;\n");

    if (d->alias < 0) return;
    /* The rowid alias changes: the old row goes, a row with the new rowid comes. */
    trigger_head(b, d, "$mov", "UPDATE");
    put_alias_when(b, d, "IS NOT");
    put_lock_old(b, oid);
    buf_puts(b, "SELECT ");
    put_raise(b, d, "NOT NULL", &d->alias, 1);
    buf_puts(b, " WHERE ");
    put_column(b, d, d->alias, "NEW.", NULL);
    buf_puts(b, " IS NULL;\n");
    step_gone(b, d, oid, 1);
    step_delete(b, d, old_rid);
    step_insert(b, d, oid, 0);
    buf_puts(b, "END;\n");
}

/*
 * The staging table INSERTs go through (OVL_STAGING_PREFIX): the table's
 * columns with their declared types and DEFAULTs, so that an INSERT naming
 * some columns, or none, fills the others as the table would; its trigger
 * hands each row to the view (whose INSTEAD OF trigger locks it, gives it a
 * rowid and checks it) and empties the staging table again.
 */
static void create_staging(buf *b, const ovl_def *d)
{
    buf_puts(b, "CREATE TEMP TABLE ");
    put_ident(b, OVL_STAGING_PREFIX, d->table, "");
    for (int i = 0; i < d->ncols; i++) {
        buf_puts(b, i ? ", " : "(");
        put_column_def(b, d, i, 1);
    }
    buf_puts(b, ");\nCREATE TEMP TRIGGER ");
    put_ident(b, OVL_STAGING_PREFIX, d->table, "");
    buf_puts(b, " AFTER INSERT ON ");
    put_ident(b, OVL_STAGING_PREFIX, d->table, "");
    buf_puts(b, " BEGIN INSERT INTO ");
    put_ident(b, "", d->table, "");
    buf_puts(b, "(");
    for (int i = 0; i < d->ncols; i++) {
        if (i) buf_puts(b, ", ");
        put_ident(b, "", d->cols[i].name, "");
    }
    buf_puts(b, ") VALUES (");
    for (int i = 0; i < d->ncols; i++) {
        buf_puts(b, i ? ", NEW." : "NEW.");
        put_ident(b, "", d->cols[i].name, "");
    }
    buf_puts(b, "); DELETE FROM ");
    put_ident(b, OVL_STAGING_PREFIX, d->table, "");
    buf_puts(b, " WHERE rowid = NEW.rowid; END;\n");
}

void ovl_ddl_create(const ovl_def *def, int64_t oid, buf *out)
{
    create_tables(out, def);
    create_indexes(out, def);
    create_view(out, def);
    create_triggers(out, def, oid);
    create_staging(out, def);
}

void ovl_ddl_drop(const char *table, buf *out)
{
    buf_puts(out, "DROP VIEW IF EXISTS temp.");
    put_ident(out, "", table, "");
    buf_puts(out, ";\nDROP TABLE IF EXISTS temp.");
    put_ident(out, "ws$", table, "");
    buf_puts(out, ";\nDROP TABLE IF EXISTS temp.");
    put_ident(out, "wu$", table, "");
    buf_puts(out, ";\nDROP TABLE IF EXISTS temp.");
    put_ident(out, OVL_STAGING_PREFIX, table, "");
    buf_puts(out, ";\n");
}

/* ---- statements on the write set ---- */

/* " FROM temp.U AS u WHERE u.seq > ?1 AND <u is the row's first entry after ?1>" */
#define FIRST_AFTER_MARK                                                                           \
    " FROM temp.%U AS u WHERE u." SEQ " > ?1 AND u." SEQ " = (SELECT min(v." SEQ ")"               \
    " FROM temp.%U AS v WHERE v." RID " = u." RID " AND v." SEQ " > ?1)"

/* Delete from main the rows whose write-set operation is OP. */
static void apply_delete(buf *b, const ovl_def *d, int op)
{
    put_sql(b, d, "DELETE FROM %M WHERE rowid IN (SELECT " RID " FROM temp.%W WHERE " OP " = ");
    buf_printf(b, "%d)", op);
}

/* Insert into main the write-set rows whose operation is OP, with their rowids. */
static void apply_insert(buf *b, const ovl_def *d, int op)
{
    buf_puts(b, "INSERT INTO ");
    put_main(b, d);
    buf_puts(b, "(rowid");
    put_columns(b, d, "", NULL, 1);
    buf_puts(b, ") SELECT " RID);
    put_columns(b, d, "", NULL, 1);
    buf_puts(b, " FROM temp.");
    put_ws(b, d);
    buf_printf(b, " WHERE " OP " = %d", op);
}

/*
 * Main's rows updated: with KEPT_KEYS those whose indexed columns kept their
 * values, setting only the other columns, else the rest, setting all.  An
 * UPDATE that sets an indexed column rewrites its index entries even when
 * the value stays, so a one-row UPDATE of a column outside the keys wrote
 * two pages into the WAL, the table's and the primary key's, instead of one.
 */
static void apply_update(buf *b, const ovl_def *d, int kept_keys)
{
    buf set, same;
    buf_init(&set);
    buf_init(&same);
    int nset = put_assignments_of(&set, d, "w.", 1, kept_keys ? ASSIGN_UNINDEXED : ASSIGN_ALL);
    int nkeys = put_same_keys(&same, d);
    if (nset > 0 && (kept_keys || nkeys > 0)) {
        buf_puts(b, "UPDATE ");
        put_main(b, d);
        buf_printf(b, " AS m SET %s FROM temp.", buf_cstr(&set));
        put_ws(b, d);
        buf_printf(b, " AS w WHERE w." RID " = m.rowid AND w." OP " = %d", OVL_OP_UPDATE);
        if (nkeys > 0) buf_printf(b, kept_keys ? " AND %s" : " AND NOT (%s)", buf_cstr(&same));
    }
    buf_free(&set);
    buf_free(&same);
}

static void apply_statement(const ovl_def *d, ovl_sql which, buf *b)
{
    switch (which) {
    case OVL_SQL_APPLY_DELETE:
        apply_delete(b, d, OVL_OP_DELETE);
        break;
    case OVL_SQL_APPLY_VALUES:
    case OVL_SQL_APPLY_UPDATE:
        apply_update(b, d, which == OVL_SQL_APPLY_VALUES);
        break;
    case OVL_SQL_APPLY_INSERT:
        apply_insert(b, d, OVL_OP_INSERT);
        break;
    case OVL_SQL_PARENT_ACTIONS:
        buf_puts(b, "SELECT 1 FROM main.sqlite_schema AS s, pragma_foreign_key_list(s.name, 'main')"
                    " AS f WHERE s.type = 'table' AND f.\"table\" = ");
        put_string(b, d->table);
        buf_puts(b, " COLLATE NOCASE AND f.on_delete <> 'NO ACTION' LIMIT 1");
        break;
    case OVL_SQL_REAPPLY_DELETE:
        apply_delete(b, d, OVL_OP_UPDATE);
        break;
    default: /* OVL_SQL_REAPPLY_INSERT */
        apply_insert(b, d, OVL_OP_UPDATE);
        break;
    }
}

static void restore_statement(const ovl_def *d, ovl_sql which, buf *b)
{
    switch (which) {
    case OVL_SQL_UNDO_ROW:
        buf_puts(b, "INSERT INTO temp.");
        put_undo(b, d);
        buf_puts(b, "(" SEQ ", " RID ", " OP);
        put_columns(b, d, "", NULL, 0);
        buf_puts(b, ") SELECT ?2, r.x, w." OP);
        put_columns(b, d, "w.", NULL, 0);
        put_sql(b, d,
                " FROM (SELECT ?1 AS x) AS r LEFT JOIN temp.%W AS w ON w." RID " = r.x"
                " WHERE NOT EXISTS (SELECT 1 FROM temp.%U AS u WHERE u." RID " = ?1"
                " AND u." SEQ " > ?3)");
        break;
    case OVL_SQL_RELEASED:
        put_sql(b, d, "SELECT u." RID FIRST_AFTER_MARK " AND u." OP " IS NULL");
        break;
    case OVL_SQL_RESTORE_DELETE:
        put_sql(b, d,
                "DELETE FROM temp.%W WHERE " RID " IN (SELECT " RID " FROM temp.%U"
                " WHERE " SEQ " > ?1)");
        break;
    case OVL_SQL_RESTORE_INSERT:
        buf_puts(b, "INSERT INTO temp.");
        put_ws(b, d);
        buf_puts(b, "(" RID ", " OP);
        put_columns(b, d, "", NULL, 0);
        buf_puts(b, ") SELECT u." RID ", u." OP);
        put_columns(b, d, "u.", NULL, 0);
        put_sql(b, d, FIRST_AFTER_MARK " AND u." OP " IS NOT NULL");
        break;
    default: /* OVL_SQL_RESTORE_TRIM */
        put_sql(b, d, "DELETE FROM temp.%U WHERE " SEQ " > ?1");
        break;
    }
}

void ovl_ddl_statement(const ovl_def *def, ovl_sql which, buf *out)
{
    switch (which) {
    case OVL_SQL_NONEMPTY:
        put_sql(out, def, "SELECT EXISTS (SELECT 1 FROM temp.%W)");
        break;
    case OVL_SQL_OPS:
        buf_puts(out, "SELECT 0");
        for (int op = OVL_OP_INSERT; op <= OVL_OP_DELETE; op++) {
            buf_printf(out, " | (EXISTS (SELECT 1 FROM temp.");
            put_ws(out, def);
            buf_printf(out, " WHERE " OP " = %d) << %d)", op, op);
        }
        break;
    case OVL_SQL_APPLY_DELETE:
    case OVL_SQL_APPLY_VALUES:
    case OVL_SQL_APPLY_UPDATE:
    case OVL_SQL_APPLY_INSERT:
    case OVL_SQL_PARENT_ACTIONS:
    case OVL_SQL_REAPPLY_DELETE:
    case OVL_SQL_REAPPLY_INSERT:
        apply_statement(def, which, out);
        break;
    case OVL_SQL_CLEAR_WS:
        put_sql(out, def, "DELETE FROM temp.%W");
        break;
    case OVL_SQL_CLEAR_UNDO:
        put_sql(out, def, "DELETE FROM temp.%U");
        break;
    default:
        restore_statement(def, which, out);
        break;
    }
}

const char *ovl_object_table(const char *name)
{
    static const char *const prefixes[] = {"ws$", "wu$", OVL_STAGING_PREFIX};
    for (size_t i = 0; name && i < sizeof prefixes / sizeof prefixes[0]; i++)
        if (!strncmp(name, prefixes[i], strlen(prefixes[i]))) return name + strlen(prefixes[i]);
    return NULL;
}
