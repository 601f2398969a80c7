/*
 * comments.h - COMMENT ON TABLE / COLUMN: the comments Oracle's dictionary
 * shows in USER_TAB_COMMENTS and USER_COL_COMMENTS (v_comments.c), kept in
 * Warden's own table WARDEN$COMMENTS (created, and cleared of the comments
 * of dropped tables, by objects_sync).  Callers run these on a connection
 * whose authorizer lets Warden's own tables through (eng_catalog_*).
 */
#ifndef WARDEN_COMMENTS_H
#define WARDEN_COMMENTS_H

#include <sqlite3.h>

#include "../common/ora_error.h"

/* The SQL objects_sync runs: the table, and no comment of a table that is gone. */
extern const char comments_sync_sql[];

/*
 * Set the comment of table OWNER.TABLE (COLUMN NULL) or of its column
 * COLUMN to TEXT (NULL removes it): ORA-00942 for no such table or view,
 * ORA-00904 for no such column.  0, or -1 with ERR.
 */
int comments_set(sqlite3 *db, const char *owner, const char *table, const char *column,
                 const char *text, ora_error *err);

/* One table or view (COLUMN NULL), or one of its columns, with its comment (NULL: none). */
typedef struct comment_row {
    char owner[130], table[130];
    const char *type;   /* "TABLE", "VIEW" */
    const char *column; /* NULL for the table */
    const char *comment;
} comment_row;

/* Every table and view (OWNER's only, when not NULL) with its comment; with COLUMNS, every
 * column of each instead.  0, or -1. */
int comments_each(sqlite3 *db, const char *owner, int columns,
                  void (*fn)(void *arg, const comment_row *r), void *arg);

#endif
