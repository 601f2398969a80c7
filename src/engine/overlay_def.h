/*
 * overlay_def.h - what an overlay needs to know about a table of `main`: its
 * columns (declared types, NOT NULL, defaults), its rowid alias if it has an
 * INTEGER PRIMARY KEY, its indexes (which of them are unique keys) and its
 * CHECK constraints, read from SQLite's PRAGMAs and the CREATE TABLE text.
 *
 * The overlay (overlay.c) builds its write-set table, view and triggers from
 * this description, so that a session's own changes obey the same rules as
 * the table itself at statement time (overlay_ddl.c writes that SQL).
 */
#ifndef WARDEN_OVERLAY_DEF_H
#define WARDEN_OVERLAY_DEF_H

#include <sqlite3.h>

#include "../common/ora_error.h"
#include "ora_functions.h"

typedef struct ovl_column {
    char *name;     /* as declared, e.g. "ENAME" */
    char *decltype; /* as declared, e.g. "VARCHAR2(10)" ("" when none) */
    int notnull;
    char *dflt; /* the DEFAULT expression's SQL text, or NULL */
    /* What storing a value in it does (ora_fn_storage.c), 0 when nothing: a number column
     * takes numbers only (text is converted); NUMBER(p,s) and INTEGER round and limit the digits; VARCHAR2(n), CHAR(n), RAW(n) limit the length, in
     * characters with CHAR semantics and for NCHAR / NVARCHAR2, else in bytes; CHAR and NCHAR
     * pad with blanks to it. */
    int numeric; /* a number column: NUMBER[(p[,s])], INTEGER, FLOAT, BINARY_FLOAT/DOUBLE */
    int number_precision, number_scale;
    int exact_number; /* a NUMBER kept as exact decimal text (decltype.h) */
    int max_length;
    int length_flags;  /* ORA_LENGTH_CHARS | ORA_LENGTH_PADDED (ora_functions.h) */
    char *collation;   /* the column's collation when not BINARY (CHAR's RTRIM), else NULL */
} ovl_column;

typedef struct ovl_index {
    char *name; /* SQLite's index name (sqlite_autoindex_... for constraints) */
    int unique; /* a unique key: checked at statement time, its values locked */
    int ncols;
    int *cols;    /* column positions in ovl_def.cols */
    int *desc;    /* 1 for a DESC column */
    char **colls; /* collation of each column */
} ovl_index;

typedef struct ovl_check {
    char *name; /* CONSTRAINT name, or NULL: SQLite then names it by its expression */
    char *expr; /* the expression as written between the parentheses */
} ovl_check;

/* A foreign key of the table: its columns refer to a parent table's key. */
typedef struct ovl_fkey {
    char *parent;        /* the parent's SQLite name, e.g. "SCOTT.DEPT" */
    int n;
    int *cols;           /* the child's columns (positions in ovl_def.cols) */
    char **parent_cols;  /* the parent's columns (its primary key when the key names none) */
    char *parent_index;  /* the parent's unique index on those columns (SQLite's name), or NULL
                            (the key is the parent's INTEGER PRIMARY KEY: no index) */
    int *index_order;    /* with parent_index: for its column k, the key's column index_order[k] */
} ovl_fkey;

typedef struct ovl_def {
    char *table; /* SQLite name in main, e.g. "SCOTT.EMP" */
    int ncols;
    ovl_column *cols;
    int alias; /* position of the INTEGER PRIMARY KEY (rowid alias) column, or -1 */
    int nindexes;
    ovl_index *indexes; /* mirrored on the write set; unique ones are keys */
    int nchecks;
    ovl_check *checks;
    int unchecked_keys; /* unique indexes on expressions or partial: checked at apply only */
    int opaque_indexes; /* indexes on expressions or partial, unique or not (not in indexes) */
    int nfkeys;
    ovl_fkey *fkeys; /* checked at statement time against the parent as the session sees it */
} ovl_def;

/*
 * Read TABLE's definition from main into DEF. Fails with ORA-00942 when main
 * has no such table, ORA-03001 for what an overlay cannot carry (WITHOUT
 * ROWID tables; a column named "ws$rid", "ws$op", "ws$seq" or "rowid").
 */
int ovl_def_read(sqlite3 *db, const char *table, ovl_def *def, ora_error *err);
/* The overlay modules' failure: SQLite's code RC and DB's message as ERR (Oracle's error);
 * returns -1. */
int ovl_sqlite_fail(sqlite3 *db, int rc, ora_error *err);
void ovl_def_free(ovl_def *def);

/* What a foreign key does to the children of a parent row deleted (Oracle has these three). */
typedef enum ovl_delete_action {
    OVL_NO_ACTION, /* the delete is refused while the row has children (ORA-02292) */
    OVL_CASCADE,   /* ON DELETE CASCADE: its children are deleted too */
    OVL_SET_NULL   /* ON DELETE SET NULL: its children's key columns become NULL */
} ovl_delete_action;

/* A foreign key of another table of main that refers to a table (ovl_def_children). */
typedef struct ovl_child_key {
    char *child;              /* the child's SQLite name */
    int n;
    char **cols;              /* the child's columns */
    char **parent_cols;       /* the parent's columns (its primary key when the key names none) */
    ovl_delete_action action; /* a changed parent key is refused whatever the action */
} ovl_child_key;

/*
 * The foreign keys that refer to PARENT, into a new array *KEYS of *N.  0,
 * or -1 with ERR.
 */
int ovl_def_children(sqlite3 *db, const char *parent, ovl_child_key **keys, int *n,
                     ora_error *err);
void ovl_def_children_free(ovl_child_key *keys, int n);

/* The position of column NAME (case-insensitive) in DEF, or -1. */
int ovl_def_column(const ovl_def *def, const char *name);

#endif
