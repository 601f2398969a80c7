/*
 * overlay_ddl.h - the SQL of one table's overlay, written from its definition
 * (overlay_def.h): the TEMP objects that hold and show a session's changes,
 * and the statements that apply, clear and roll them back.
 *
 * For table "S.T" with columns C1..Cn:
 *   temp."ws$S.T"  the write set: "ws$rid" INTEGER PRIMARY KEY (the row's
 *                  rowid in main), "ws$op" (1 inserted, 2 updated, 3
 *                  deleted), then C1..Cn with the table's declared types; the
 *                  table's indexes are mirrored on it (never unique);
 *   temp."wu$S.T"  the undo log for savepoints: "ws$seq" INTEGER PRIMARY
 *                  KEY, "ws$rid", "ws$op" (NULL: the row had no write-set
 *                  entry), C1..Cn: a write-set row's image before its first
 *                  change after the latest savepoint;
 *   temp."S.T"     the view (C1..Cn, rowid): the write set's live rows
 *                  UNION ALL main's rows without a write-set entry;
 *   temp."wi$S.T"  the staging table of INSERTs: C1..Cn with their DEFAULTs,
 *                  whose trigger hands each row to the view and empties it;
 *   INSTEAD OF INSERT / UPDATE / DELETE triggers on the view, which call the
 *   session's SQL functions (overlay.c) and check NOT NULL, CHECK and unique
 *   keys against the overlay, with SQLite's own messages naming S.T.
 */
#ifndef WARDEN_OVERLAY_DDL_H
#define WARDEN_OVERLAY_DDL_H

#include <stdint.h>

#include "../common/buf.h"
#include "overlay_def.h"

/* The staging table an INSERT into the table goes through: temp."wi$S.T". */
#define OVL_STAGING_PREFIX "wi$"

/* The table "S.T" whose overlay object NAME (SQLite's name: "ws$S.T", "wu$S.T" or "wi$S.T")
 * is, or NULL when NAME is no overlay object. */
const char *ovl_object_table(const char *name);

/* The hidden last column of an overlay view: the row's rowid in main. */
#define OVL_ROWID_COLUMN "rowid" /* lower case: Oracle's ROWID is written upper case */

/* Is NAME a result column the client does not see: OVL_ROWID_COLUMN, or the same rowid carried
 * by a ROWNUM filter's subquery (which SQLite names "rowid:1" ... when both are there)? */
int ovl_is_rowid_column(const char *name);

/* Write-set operations ("ws$op"). */
enum { OVL_OP_INSERT = 1, OVL_OP_UPDATE = 2, OVL_OP_DELETE = 3 };

/* The statements run on a table's write set (overlay.c caches them prepared). */
typedef enum ovl_sql {
    OVL_SQL_NONEMPTY,       /* one row: 1 when the write set has rows */
    OVL_SQL_OPS,            /* one row: the operations in the write set, 1 << OVL_OP_... ORed */
    OVL_SQL_APPLY_DELETE,   /* main: delete the rows deleted */
    OVL_SQL_APPLY_VALUES,   /* main: update the rows updated whose indexed columns kept their
                               values, setting the other columns only ("" when none) */
    OVL_SQL_APPLY_UPDATE,   /* main: update the other rows updated ("" when there are none) */
    OVL_SQL_APPLY_INSERT,   /* main: insert the rows inserted, with their rowids */
    OVL_SQL_CLEAR_WS,       /* empty the write set */
    OVL_SQL_CLEAR_UNDO,     /* empty the undo log */
    OVL_SQL_UNDO_ROW,       /* log row ?1's image as entry ?2 unless logged after mark ?3 */
    OVL_SQL_RELEASED,       /* rows ?1 = mark: first written after the mark */
    OVL_SQL_RESTORE_DELETE, /* drop write-set rows changed after mark ?1 */
    OVL_SQL_RESTORE_INSERT, /* put back their images as of mark ?1 */
    OVL_SQL_RESTORE_TRIM,   /* forget undo entries after mark ?1 */
    OVL_SQL_PARENT_ACTIONS, /* a row when a foreign key with an ON DELETE action references it */
    OVL_SQL_REAPPLY_DELETE, /* main: delete the rows updated (unique values moved between them) */
    OVL_SQL_REAPPLY_INSERT, /* main: insert them again with their new values and rowids */
    OVL_SQL_COUNT
} ovl_sql;

/* SQL functions the triggers call, registered per session by overlay.c. */
/* Both ovl$lock and ovl$rowid log the row's undo image (OVL_SQL_UNDO_ROW) while a savepoint
 * is active, before the trigger writes the row: without savepoints that costs nothing. */
#define OVL_FN_LOCK "ovl$lock"   /* (oid, rowid): lock a row to change, count it */
#define OVL_FN_ROWID "ovl$rowid" /* (oid, alias value or NULL, count): a new row's rowid */
#define OVL_FN_CUR "ovl$cur"     /* (): the rowid ovl$rowid gave last */
#define OVL_FN_KEY "ovl$key"     /* (oid, index number, values...): lock a unique key */
/* (parent table, its index or NULL, values...): a child row refers to a parent key */
#define OVL_FN_REF "ovl$ref"
/* (oid, index or NULL, values...): a parent row gives a key up (its key changed) */
#define OVL_FN_GONE "ovl$gone"
/* The same for a deleted row; overlay.c also queues the key's delete actions (cascades) */
#define OVL_FN_DELETED "ovl$deleted"

/* The script creating DEF's overlay (write set, undo log, indexes, view, triggers). */
void ovl_ddl_create(const ovl_def *def, int64_t oid, buf *out);
/* The script dropping TABLE's overlay (view first: it takes its triggers along). */
void ovl_ddl_drop(const char *table, buf *out);
/* The text of statement WHICH for DEF's overlay; empty when there is nothing to run. */
void ovl_ddl_statement(const ovl_def *def, ovl_sql which, buf *out);

/*
 * A query giving a row when a row of DEF's table that this transaction
 * deleted, or whose key it changed, still has a child (by its old key)
 * through foreign key K (in the child table as the session sees it: its
 * overlay when it has one).
 */
void ovl_ddl_children(const ovl_def *def, const ovl_child_key *k, buf *out);
/*
 * K's delete action on the children of one parent key, through the child's
 * overlay (its view must shadow the child's name): ON DELETE CASCADE
 * deletes them, SET NULL sets their key columns to NULL.  ?1..?n are the
 * parent key's values in the order of K's columns.  Empty for NO ACTION.
 */
void ovl_ddl_delete_action(const ovl_child_key *k, buf *out);

#endif
