/*
 * translate.h - the Oracle-dialect front end: classify one SQL statement and
 * rewrite it into SQLite SQL, or parse it into a command Warden runs itself.
 *
 * Naming model (docs/sql.md, Names): all schemas live in one SQLite database.
 * A schema object SCOTT.EMP is the SQLite table named "SCOTT.EMP" (one quoted
 * identifier containing a dot).  Unquoted identifiers fold to upper case;
 * unqualified object names resolve to the session's current schema, except
 * global names (DUAL, V$..., GV$...) which are left as they are.  A table
 * referenced in FROM/JOIN without an alias gets its bare name as alias, so
 * "SELECT emp.ename FROM emp" keeps working after the rename.
 */
#ifndef WARDEN_TRANSLATE_H
#define WARDEN_TRANSLATE_H

#include <stddef.h>
#include <stdint.h>

#include "../common/ora_error.h"

typedef enum sql_kind {
    SQLK_QUERY,          /* SELECT / WITH: rows come back */
    SQLK_DML,            /* INSERT (also ALL / FIRST) / UPDATE / DELETE / MERGE */
    SQLK_DDL,            /* CREATE/DROP TABLE|INDEX|VIEW, ALTER TABLE, TRUNCATE: implicit commit */
    SQLK_COMMIT,         /* COMMIT [WORK] */
    SQLK_ROLLBACK,       /* ROLLBACK [WORK] [TO SAVEPOINT x] */
    SQLK_SAVEPOINT,      /* SAVEPOINT x */
    SQLK_CREATE_USER,    /* CREATE USER name IDENTIFIED BY password [PROFILE p] */
    SQLK_ALTER_USER,     /* ALTER USER name IDENTIFIED BY pw | ACCOUNT LOCK/UNLOCK | PROFILE p */
    SQLK_DROP_USER,      /* DROP USER name [CASCADE] */
    SQLK_GRANT,          /* GRANT priv|role [, ...] [ON object] TO user [, ...] */
    SQLK_REVOKE,         /* REVOKE priv|role [, ...] [ON object] FROM user [, ...] */
    SQLK_ALTER_SYSTEM,   /* ALTER SYSTEM KILL SESSION | DISCONNECT SESSION | CANCEL SQL | SET */
    SQLK_ALTER_SESSION,  /* ALTER SESSION SET ... | ENABLE/DISABLE COMMIT IN PROCEDURE */
    SQLK_PLSQL,          /* BEGIN / DECLARE block: text kept as is */
    SQLK_LOCK_TABLE,     /* LOCK TABLE t IN mode MODE [NOWAIT|WAIT n] */
    SQLK_CREATE_PROFILE, /* CREATE PROFILE p LIMIT resource value ... */
    SQLK_ALTER_PROFILE,  /* ALTER PROFILE p LIMIT resource value ... */
    SQLK_DROP_PROFILE,   /* DROP PROFILE p [CASCADE] */
    SQLK_CREATE_UNIT,    /* CREATE [OR REPLACE] PROCEDURE | FUNCTION | PACKAGE [BODY]: text kept */
    SQLK_DROP_UNIT,      /* DROP PROCEDURE | FUNCTION | PACKAGE [BODY] [schema.]name */
    SQLK_ALTER_UNIT,     /* ALTER PROCEDURE | FUNCTION | PACKAGE [BODY] [schema.]name COMPILE */
    SQLK_COMMENT,        /* COMMENT ON TABLE t | COLUMN t.c IS 'text' */
    SQLK_SEQUENCE,       /* CREATE | ALTER | DROP SEQUENCE [schema.]s [options] */
} sql_kind;

/* An identity column of an existing table (sql_ctx.identity_of). */
typedef struct sql_identity_column {
    char column[129];
    int position; /* among the table's columns, from 0 */
    int always;   /* GENERATED ALWAYS: no value may be given (ORA-32795, ORA-32796) */
    int on_null;  /* BY DEFAULT ON NULL: a NULL given is a new number */
    char key[17]; /* its DEFAULT's ORA_IDENTITY key */
} sql_identity_column;

/* The flags argument of the SQL/JSON functions' calls (xlat_json.c writes them, the engine's
 * ora_fn_json.c reads them): the clauses written in the Oracle call. */
enum {
    ORA_JSON_NOT = 1,             /* IS NOT JSON */
    ORA_JSON_STRICT = 2,          /* IS JSON STRICT */
    ORA_JSON_SCALARS = 4,         /* IS JSON ALLOW SCALARS */
    ORA_JSON_ERROR_ON_ERROR = 8,  /* ERROR ON ERROR (the default: NULL / FALSE ON ERROR) */
    ORA_JSON_ERROR_ON_EMPTY = 16, /* ERROR ON EMPTY (the default: NULL ON EMPTY) */
    ORA_JSON_TRUE_ON_ERROR = 32,  /* JSON_EXISTS ... TRUE ON ERROR */
    ORA_JSON_WRAPPER = 64,        /* JSON_QUERY ... WITH [UNCONDITIONAL] WRAPPER */
    ORA_JSON_CONDITIONAL = 128,   /* ... WITH CONDITIONAL WRAPPER (with ORA_JSON_WRAPPER) */
    ORA_JSON_NULL_ON_NULL = 256,  /* JSON_OBJECT / JSON_ARRAY: NULL ON NULL, not ABSENT */
};

/* The parameter of a RETURNING_AFTER query that names the row to read. */
#define SQL_RETURNING_ROWID ":returning_rowid"

/* Where the current session stands, for name resolution. */
typedef struct sql_ctx {
    const char *schema; /* current schema, upper case, e.g. "SCOTT" */
    int char_semantics; /* NLS_LENGTH_SEMANTICS = CHAR: a declared length without BYTE counts
                           characters */
    /* Optional: is NAME (upper case, unqualified) a global object such as a
     * dictionary view, resolved like a public synonym?  DUAL, V$... and GV$...
     * are global without asking. */
    int (*is_global_name)(const char *name, void *arg);
    void *is_global_arg;
    /* Optional: the SQLite name to write for TABLE (its SQLite name, e.g.
     * "SCOTT.EMP") as the target of an INSERT, or NULL for TABLE itself: a
     * session inserts through the staging table of its private write set. */
    const char *(*insert_target)(const char *table, void *arg);
    void *insert_target_arg;
    /* Names (upper case) that stand for a call of a stored function without arguments, as
     * Oracle lets one call it without parentheses: the engine learns them when SQLite finds
     * no such column (the translator cannot tell a column from a function). */
    const char *const *bare_functions;
    int nbare_functions;
    /* Optional: the identity column of TABLE (its SQLite name, e.g. "SCOTT.T"), for the
     * rules of INSERT and UPDATE: 1 with *ID filled, 0 when it has none. */
    int (*identity_of)(const char *table, void *arg, struct sql_identity_column *id);
    void *identity_arg;
    /* Optional: the declared type of COLUMN (upper case) of TABLE (its SQLite name, e.g.
     * "SCOTT.EMP", "V$SESSION") into TYPE: 1, or 0 when there is no such column.  The
     * translator types expressions with it (xlat_types.c). */
    int (*column_type)(const char *table, const char *column, char *type, size_t size, void *arg);
    void *column_type_arg;
    /* Optional, with column_type's argument: the name of column I (from 0) of TABLE into NAME:
     * 1, or 0 past its last.  SELECT * is written out with it where a session's overlay would
     * add its hidden rowid column (xlat_types.c). */
    int (*column_name)(const char *table, int i, char *name, size_t size, void *arg);
    /* Optional, with column_type's argument: has COLUMN of TABLE an IS JSON check constraint
     * (1), so that JSON_OBJECT and JSON_ARRAY take its text as JSON, as Oracle does? */
    int (*column_is_json)(const char *table, const char *column, void *arg);
    /* Row locking: a SELECT ... FOR UPDATE gets the rowid of each table whose rows it locks
     * (lower case: an overlay's rowid column) as last, hidden columns, so that each row can
     * be locked (sql_sqlite_stmt.locked). */
    int for_update_rowid;
} sql_ctx;

/* One entry of the offset map: SQLite text position -> Oracle text position. */
typedef struct sql_offset {
    int sqlite_off;
    int oracle_off;
} sql_offset;

/*
 * The SQLite text of a statement SQLite runs.  Placeholders are ?1..?nbinds
 * in the order their Oracle placeholders appear in the text (":1", ":name"
 * and ":\"x\"" alike; a name used twice is two positions, as the Oracle
 * drivers bind SQL statements).
 */
typedef struct sql_sqlite_text {
    char *sql;
    int nstatements; /* statements in sql, ';'-separated: 1, or more for DDL that SQLite does
                      * in steps (CREATE OR REPLACE VIEW, ALTER TABLE ADD (a, b)); run them in
                      * order with sqlite3_prepare's tail pointer */
    int nbinds;
    char **bind_names; /* nbinds names as written, unquoted names upper-cased */
    sql_offset *map;   /* sorted by sqlite_off; one entry per token copied or rewritten */
    int nmap;
} sql_sqlite_text;

/* A schema object a statement names; both NULL when it names none. */
typedef struct sql_object_name {
    char *schema; /* e.g. "SCOTT" */
    char *name;   /* e.g. "EMP" */
} sql_object_name;

/* Which options CREATE / ALTER SEQUENCE wrote (sql_sequence_stmt.given). */
enum sql_sequence_option {
    SEQ_INCREMENT = 1 << 0, /* INCREMENT BY n */
    SEQ_START = 1 << 1,     /* START WITH n */
    SEQ_MINVALUE = 1 << 2,  /* MINVALUE n | NOMINVALUE */
    SEQ_MAXVALUE = 1 << 3,  /* MAXVALUE n | NOMAXVALUE */
    SEQ_CYCLE = 1 << 4,     /* CYCLE | NOCYCLE */
    SEQ_CACHE = 1 << 5,     /* CACHE n | NOCACHE */
    SEQ_ORDER = 1 << 6,     /* ORDER | NOORDER */
    SEQ_RESTART = 1 << 7,   /* ALTER: RESTART [START WITH n] */
};

typedef enum sql_sequence_action { SEQ_CREATE, SEQ_ALTER, SEQ_DROP } sql_sequence_action;

/* CREATE / ALTER / DROP SEQUENCE (sequence_parse.c).  Numbers beyond 64 bits are clamped. */
typedef struct sql_sequence_stmt {
    sql_sequence_action action;
    sql_object_name sequence; /* the schema is the current one when none is written */
    unsigned given;           /* enum sql_sequence_option bits */
    int64_t increment, start;
    int64_t minvalue, maxvalue; /* when given with a value */
    int nominvalue, nomaxvalue; /* NOMINVALUE / NOMAXVALUE was written */
    int cycle, order;
    int64_t cache; /* NOCACHE: 0 */
} sql_sequence_stmt;

/* An identity column of CREATE TABLE: its DEFAULT draws from a sequence made with the table. */
typedef struct sql_identity {
    char *column;
    char key[17];              /* in the DEFAULT, ORA_IDENTITY('KEY'): which identity it is */
    int always, on_null;       /* GENERATED ALWAYS; BY DEFAULT ON NULL */
    sql_sequence_stmt options; /* START WITH ... of the sequence (no name) */
} sql_identity;

/*
 * A cursor expression of a query's select list, CURSOR(subquery): each row's value is a cursor
 * over the subquery, opened for that row (cursor_expr.c).  The subquery is kept as Oracle
 * text in which each reference to the enclosing query's tables (qualified by their alias or
 * name) is a bind; its binds, those and its own in order, take the values of NVALUES hidden
 * columns of the row, the last ones of the statement (from FIRST_VALUE among them).  In the
 * statement the column itself is a NULL.
 */
typedef struct sql_cursor_expr {
    char *query;     /* e.g. "SELECT e.ename FROM emp e WHERE e.deptno = :C1" */
    int column;      /* its result column: counted from the first, or with FROM_END (a *
                      * comes before it) back from the last visible one (0: the last) */
    int from_end;
    int first_value; /* among the hidden columns */
    int nvalues;
    int oracle_off;  /* where its subquery starts in the statement (bytes) */
} sql_cursor_expr;

/* QUERY, DML, DDL: SQLite runs the text. */
typedef struct sql_sqlite_stmt {
    sql_sqlite_text text;
    sql_object_name object; /* DML/DDL: the object touched, for error texts */
    int for_update;         /* SELECT ... FOR UPDATE (clause removed from the text) */
    int for_update_wait;    /* -1 wait forever, 0 NOWAIT, n seconds */
    int skip_locked;        /* FOR UPDATE SKIP LOCKED */
    /* FOR UPDATE under row locking: the tables whose rowids end the select list, in that
     * order (DUAL, WITH queries and dictionary views have none).  A table's rows are locked
     * when its flag is 1, or when it is 0 and the table has one of OF_COLUMNS (the
     * unqualified columns of FOR UPDATE OF in a join: which table has them is the
     * engine's to find). */
    sql_object_name *locked;
    int *lock_flags;
    int nlocked;
    char **of_columns;
    int nof_columns;
    /* DML ... RETURNING e1, ... INTO :b1, ...: NRETURNING expressions, whose values go to the
     * statement's last NRETURNING binds (nothing of the clause is in TEXT).  RETURNING_BEFORE
     * runs before the DML with its binds: DELETE, the values of the rows it will delete;
     * UPDATE, their rowids.  RETURNING_AFTER, with SQL_RETURNING_ROWID a rowid, gives a row's
     * values after an INSERT or UPDATE.  Both take the statement's input values by their
     * numbers (binds among the expressions come after the DML's own).  NULL where not
     * needed. */
    int nreturning;
    char *returning_before;
    char *returning_after;
    /* DML of several statements (MERGE, INSERT ALL | FIRST: text.nstatements > 1), run in
     * order in one statement savepoint.  Its row count is the rows the statements change,
     * but not of statement i when bit i of UNCOUNTED is set (MERGE's own bookkeeping, and
     * the rows its DELETE WHERE deletes, counted as updated).  STABLE_CHECK: statement
     * number STABLE_CHECK (from 1; 0 none) fails on a constraint when a target row matches
     * two source rows - ORA-30926; it writes temp."ws$merge" (rid INTEGER PRIMARY KEY), which
     * the engine makes.  TARGETS: the tables an INSERT ALL writes (locked and overlaid like
     * OBJECT, which is the first of them). */
    unsigned uncounted;
    int stable_check;
    /* CREATE TABLE t AS query, INSERT INTO t [(cols)] query: where the query starts in
     * TEXT.sql (0: none).  The engine declares a new table's columns with the query's column
     * types, and leaves out of what the query gives the column a session's overlay adds. */
    int query_at;
    sql_object_name *targets;
    int ntargets;
    /* A query: what its select list's first NHINTS items are beyond their values - a string
     * literal (CHAR of LITERAL_SIZE bytes, as Oracle describes it), ROWID of a table (its
     * SQLite name: the values are that table's row numbers, shown as Oracle's ROWIDs), a bind
     * (a DATE, TIMESTAMP or INTERVAL bind describes as such). */
    struct sql_column_hint {
        int literal_size;
        char *rowid_table;
        int bind; /* the item is bind number BIND alone (from 1): it describes as its value's type */
        int number; /* the item is a number literal alone: NUMBER, also before any row */
        int text_size; /* a text expression of at most TEXT_SIZE characters: VARCHAR2 of it */
        /* the item's type when the translator knows it is a datetime or an interval, as the
         * SQL functions' subtype letter ('D' DATE, 'T' TIMESTAMP [WITH TIME ZONE], 'Y' / 'S'
         * INTERVAL YEAR TO MONTH / DAY TO SECOND): a value that lost its subtype (SQLite's
         * sorter drops them) still describes as its type */
        char subtype;
    } * hints;
    int nhints;
    /* CREATE TABLE: its identity columns, each to get its sequence once the table is made. */
    sql_identity *identities;
    int nidentities;
    /* QUERY: its cursor expressions, and the hidden columns that end its rows for them */
    sql_cursor_expr *cursor_exprs;
    int ncursor_exprs;
    int nhidden_values;
} sql_sqlite_stmt;

/* LOCK TABLE: the probe (SELECT 1 FROM t WHERE 0) checks the table, then the lock is taken. */
typedef struct sql_lock_table_stmt {
    sql_sqlite_text probe;   /* SELECT 1 FROM every table named WHERE 0 */
    sql_object_name table;   /* the first table named */
    sql_object_name *others; /* the tables named after it (ntables - 1) */
    int ntables;
    int wait; /* -1 wait forever, 0 NOWAIT, n seconds */
    int mode; /* Oracle's lock mode: 2 ROW SHARE, 3 ROW EXCLUSIVE, 4 SHARE, 5 SHARE ROW EXCLUSIVE,
               * 6 EXCLUSIVE */
} sql_lock_table_stmt;

/* SAVEPOINT x, ROLLBACK [TO SAVEPOINT x] */
typedef struct sql_savepoint_stmt {
    char *name; /* upper case unless quoted; NULL: ROLLBACK of the whole transaction */
} sql_savepoint_stmt;

/* CREATE / ALTER / DROP USER */
typedef struct sql_user_stmt {
    char *name;          /* upper case unless quoted */
    char *password;      /* IDENTIFIED BY, as written (quotes removed); NULL if not given */
    char *profile;       /* PROFILE p; NULL if not given */
    int account_lock;    /* ACCOUNT LOCK 1, ACCOUNT UNLOCK -1, not given 0 */
    int password_expire; /* PASSWORD EXPIRE */
    int cascade;         /* DROP USER ... CASCADE */
} sql_user_stmt;

/* GRANT / REVOKE */
typedef struct sql_grant_stmt {
    char **privileges; /* names upper-cased, e.g. "CREATE SESSION", "DBA" */
    int nprivileges;
    char **grantees;
    int ngrantees;
    sql_object_name object; /* ON object: an object privilege */
    int admin_option;       /* WITH ADMIN OPTION */
    int grant_option;       /* WITH GRANT OPTION */
} sql_grant_stmt;

/* One LIMIT of CREATE/ALTER PROFILE. */
typedef struct sql_profile_limit {
    char *resource; /* e.g. "IDLE_TIME", upper case */
    char *value;    /* "30", "UNLIMITED", "DEFAULT", "1/24", "10K", a function name or "NULL" */
} sql_profile_limit;

/* A resource of CREATE/ALTER PROFILE ... LIMIT, as DBA_PROFILES names it. */
typedef struct sql_profile_resource {
    const char *name; /* e.g. "IDLE_TIME" */
    int is_password;  /* RESOURCE_TYPE PASSWORD (else KERNEL) */
} sql_profile_resource;

/* Every resource Oracle 19c knows, kernel ones first; ends with {NULL}. */
extern const sql_profile_resource sql_profile_resources[];

/* CREATE / ALTER / DROP PROFILE */
typedef struct sql_profile_stmt {
    char *name;
    sql_profile_limit *limits;
    int nlimits;
    int cascade; /* DROP PROFILE ... CASCADE */
} sql_profile_stmt;

typedef enum sql_alter_system_action {
    ALTER_SYSTEM_KILL_SESSION,       /* KILL SESSION 'sid,serial#[,@inst_id]' [IMMEDIATE] */
    ALTER_SYSTEM_DISCONNECT_SESSION, /* DISCONNECT SESSION '...' POST_TRANSACTION | IMMEDIATE */
    ALTER_SYSTEM_CANCEL_SQL,         /* CANCEL SQL 'sid,serial#[,@inst_id][,sql_id]' */
    ALTER_SYSTEM_SET,                /* SET name = value [SCOPE = MEMORY|SPFILE|BOTH] */
} sql_alter_system_action;

/* How a session is to end: the words after the session ('...'). */
typedef enum sql_end_mode {
    END_MODE_NONE,
    END_MODE_IMMEDIATE,
    END_MODE_POST_TRANSACTION, /* DISCONNECT: wins over IMMEDIATE when both are written */
} sql_end_mode;

/* ALTER SYSTEM */
typedef struct sql_alter_system_stmt {
    sql_alter_system_action action;
    /* KILL SESSION, DISCONNECT SESSION, CANCEL SQL: the session named in quotes */
    int sid;
    int serial;
    int inst_id;     /* 0: not given */
    char sql_id[14]; /* CANCEL SQL only; "" when not given */
    sql_end_mode mode;
    /* SET: each NULL when not written (the server answers for a missing name or value) */
    char *parameter; /* upper case, e.g. "KILL_SESSION_WAIT" */
    char *value;      /* as written ("60", "-1", "TRUE"); a string without its quotes */
    int value_quoted; /* the value was a string literal */
    char *scope;     /* "MEMORY", "SPFILE" or "BOTH" */
} sql_alter_system_stmt;

typedef enum sql_alter_session_action {
    ALTER_SESSION_SET,            /* SET name = value [name = value ...] */
    ALTER_SESSION_ENABLE_COMMIT,  /* ENABLE COMMIT IN PROCEDURE */
    ALTER_SESSION_DISABLE_COMMIT, /* DISABLE COMMIT IN PROCEDURE */
} sql_alter_session_action;

/* One name = value of ALTER SESSION SET. */
typedef struct sql_session_param {
    char *name;     /* upper case, one of Oracle's session parameters, e.g. "NLS_DATE_FORMAT" */
    char *value;    /* a string without its quotes; a number as written ("-1"); words upper case
                     * and one blank apart ("READ COMMITTED"); a quoted identifier as written */
    int quoted;     /* the value was a string literal */
    int name_off;   /* byte offsets in the statement, for the errors of the server */
    int value_off;
} sql_session_param;

/* ALTER SESSION (alter_session_parse.c) */
typedef struct sql_alter_session_stmt {
    sql_alter_session_action action;
    sql_session_param *params; /* SET: in the order written */
    int nparams;
} sql_alter_session_stmt;

/* PL/SQL blocks: the text, for src/server to run. */
typedef struct sql_kept_text_stmt {
    char *text; /* the block as written, trimmed */
} sql_kept_text_stmt;

/* COMMENT ON TABLE [schema.]t IS 'text' | COMMENT ON COLUMN [schema.]t.c IS 'text' */
typedef struct sql_comment_stmt {
    sql_object_name table; /* the schema is the current one when none is written */
    char *column;          /* NULL: the table's comment */
    char *text;            /* '' (NULL) removes the comment */
} sql_comment_stmt;

struct sql_stmt;

/* What a stored PL/SQL unit is; sql_unit_type_names[] gives Oracle's OBJECT_TYPE of each. */
typedef enum sql_unit_type {
    SQL_UNIT_PROCEDURE,
    SQL_UNIT_FUNCTION,
    SQL_UNIT_PACKAGE,
    SQL_UNIT_PACKAGE_BODY
} sql_unit_type;
extern const char *const sql_unit_type_names[]; /* "PROCEDURE" ... "PACKAGE BODY" */

/* CREATE / DROP of a stored procedure, function, package or package body (sql_unit_statement,
 * unit_ddl.c). */
typedef struct sql_unit_stmt {
    char *text;  /* CREATE: from PROCEDURE / FUNCTION / PACKAGE on, as written (the source) */
    char *owner; /* DROP: the schema it names, or NULL */
    char *name;  /* DROP, ALTER: the unit, upper case unless quoted */
    sql_unit_type type;
    int or_replace;
    int spec_only; /* ALTER PACKAGE ... COMPILE SPECIFICATION (a PACKAGE: also its body) */
} sql_unit_stmt;

/* A function of one of Oracle's supplied packages (supplied_packages.c). */
typedef struct sql_package_function {
    const char *package, *member; /* "UTL_RAW", "CAST_TO_RAW" */
    const char *sqlite;           /* the SQLite function that computes it */
    int min_args, max_args;       /* min_args 0: it may be written without () */
} sql_package_function;
/* PACKAGE.MEMBER (upper case), or NULL when Warden has no such function. */
const sql_package_function *sql_package_function_find(const char *package, const char *member);

/*
 * How many binds of DML statement SQL are RETURNING ... INTO binds (its
 * last ones): a driver sends no values for them.  0 for other statements,
 * or when SQL does not lex.
 */
int sql_returning_into_binds(const char *sql);

/*
 * Is SQL a CREATE, DROP or ALTER ... COMPILE of a procedure, function, package or package body?  Then *HANDLED is 1
 * and ST is filled (0), or ERR says what is wrong (-1); otherwise *HANDLED
 * is 0.
 */
int sql_unit_statement(const char *sql, struct sql_stmt *st, ora_error *err, int *handled);

/* One statement: what it is, and the part of its kind (none for COMMIT). */
typedef struct sql_stmt {
    sql_kind kind;
    int command_type; /* Oracle command number (V$SESSION.COMMAND): 3 SELECT, 2 INSERT... */
    union {
        sql_sqlite_stmt sqlite;             /* QUERY, DML, DDL */
        sql_lock_table_stmt lock_table;     /* LOCK_TABLE */
        sql_savepoint_stmt savepoint;       /* SAVEPOINT, ROLLBACK */
        sql_user_stmt user;                 /* CREATE/ALTER/DROP_USER */
        sql_grant_stmt grant;               /* GRANT, REVOKE */
        sql_profile_stmt profile;           /* CREATE/ALTER/DROP_PROFILE */
        sql_alter_system_stmt alter_system;   /* ALTER_SYSTEM */
        sql_alter_session_stmt alter_session; /* ALTER_SESSION */
        sql_kept_text_stmt kept;              /* PLSQL */
        sql_unit_stmt unit;                   /* CREATE_UNIT, DROP_UNIT */
        sql_comment_stmt comment;             /* COMMENT */
        sql_sequence_stmt sequence;           /* SEQUENCE */
    };
} sql_stmt;

/*
 * Translate one statement (no trailing ';' except in PL/SQL blocks; a single
 * trailing ';' after a SQL statement is tolerated as the drivers strip it).
 * Returns 0 with OUT filled, or -1 with ERR set to the Oracle error and the
 * offset of the offending token (e.g. ORA-00900 at 0 for an unknown verb).
 */
int sql_translate(const char *sql, const sql_ctx *ctx, sql_stmt *out, ora_error *err);
void sql_stmt_free(sql_stmt *st);

/* The SQLite text of ST (QUERY, DML, DDL, LOCK TABLE), or NULL for a command Warden runs. */
const sql_sqlite_text *sql_stmt_sqlite_text(const sql_stmt *st);
/* The object ST touches (QUERY, DML, DDL, LOCK TABLE), or NULL. */
const sql_object_name *sql_stmt_object(const sql_stmt *st);

/* Oracle-text byte offset for a position in ST's SQLite text (nearest preceding token).
 * (ora_error offsets are in characters; the map holds byte offsets.) */
int sql_map_offset(const sql_stmt *st, int sqlite_off);

/* The next schema object's name in SQLite text the translator wrote ("SCOTT.EMP": one quoted
 * identifier with a dot), from *POS, into NAME (SIZE bytes); *POS moves past it.  0 at the
 * end. */
int sql_next_object_name(const char **pos, char *name, size_t size);

/* The character offset (what ORA errors carry) of byte offset BYTES in the UTF-8 text S. */
int sql_char_offset(const char *s, int bytes);

/*
 * Turn a failure SQLite reported for ST into the Oracle error a client of
 * Oracle would see (no such table -> ORA-00942, no such column -> ORA-00904,
 * UNIQUE constraint -> ORA-00001, NOT NULL -> ORA-01400, syntax -> ORA-00933/
 * 00936/00900 ..., table exists -> ORA-00955), with the Oracle offset.
 * SQLITE_MSG is sqlite3_errmsg(); SQLITE_OFF is sqlite3_error_offset() or -1.
 */
/* A foreign key failure of the parent side (a parent row with children): ORA-02292 for any
 * statement, where SQLite's plain "FOREIGN KEY constraint failed" is ORA-02292 only for a
 * DELETE and ORA-02291 otherwise. */
#define SQL_FK_CHILD_FOUND "FOREIGN KEY constraint failed: child record found"
void sql_map_sqlite_error(const sql_stmt *st, const char *oracle_sql, int sqlite_code,
                          const char *sqlite_msg, int sqlite_off, ora_error *err);

#endif
