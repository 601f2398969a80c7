/*
 * table_constraints.h - the constraints of a table, read back from the
 * CREATE TABLE text Warden wrote for it (SQLite keeps the text as written,
 * CONSTRAINT names included): primary and unique keys, CHECK and NOT NULL
 * conditions, foreign keys with their referenced table and delete rule.
 * DBA_CONSTRAINTS and DBA_CONS_COLUMNS list them.
 */
#ifndef WARDEN_TABLE_CONSTRAINTS_H
#define WARDEN_TABLE_CONSTRAINTS_H

#define CONSTRAINT_MAX_COLUMNS 32

typedef struct table_constraint {
    char type;              /* 'P' primary key, 'U' unique, 'C' check or NOT NULL, 'R' foreign */
    char name[130];         /* as written ("" when unnamed: the caller names it) */
    int not_null;           /* a 'C' that is a column's NOT NULL */
    int ncolumns;
    char columns[CONSTRAINT_MAX_COLUMNS][130];
    char *condition;        /* 'C': the condition's text (malloc'd), NULL otherwise */
    char ref_table[260];    /* 'R': the referenced table's SQLite name ("SCOTT.DEPT") */
    int nref_columns;       /* ... and its columns (0: its primary key) */
    char ref_columns[CONSTRAINT_MAX_COLUMNS][130];
    char delete_rule[12];   /* 'R': CASCADE, SET NULL or NO ACTION */
} table_constraint;

typedef struct table_constraints {
    table_constraint *v;
    int n;
} table_constraints;

/* The constraints of CREATE_SQL, in the order written (0, or -1 when it cannot be read). */
int table_constraints_read(const char *create_sql, table_constraints *out);
void table_constraints_free(table_constraints *c);

#endif
