/*
 * translate.h - the Oracle-dialect front end: classify one SQL statement and
 * rewrite it into SQLite SQL, or parse it into a command Warden runs itself.
 *
 * Naming model (docs/design-sql.md): all schemas live in one SQLite database.
 * A schema object SCOTT.EMP is the SQLite table named "SCOTT.EMP" (one quoted
 * identifier containing a dot).  Unquoted identifiers fold to upper case;
 * unqualified object names resolve to the session's current schema, except
 * global names (DUAL, V$..., GV$...) which are left as they are.  A table
 * referenced in FROM/JOIN without an alias gets its bare name as alias, so
 * "SELECT emp.ename FROM emp" keeps working after the rename.
 */
#ifndef WARDEN_TRANSLATE_H
#define WARDEN_TRANSLATE_H

#include "../common/ora_error.h"

typedef enum sql_kind {
    SQLK_QUERY,          /* SELECT / WITH: rows come back */
    SQLK_DML,            /* INSERT / UPDATE / DELETE (MERGE answers ORA-03001 for now) */
    SQLK_DDL,            /* CREATE/DROP TABLE|INDEX|VIEW, ALTER TABLE, TRUNCATE: implicit commit */
    SQLK_COMMIT,         /* COMMIT [WORK] */
    SQLK_ROLLBACK,       /* ROLLBACK [WORK] (TO SAVEPOINT x: savepoint_name set) */
    SQLK_SAVEPOINT,      /* SAVEPOINT x */
    SQLK_CREATE_USER,    /* CREATE USER name IDENTIFIED BY password */
    SQLK_ALTER_USER,     /* ALTER USER name IDENTIFIED BY password | ACCOUNT LOCK/UNLOCK */
    SQLK_DROP_USER,      /* DROP USER name [CASCADE] */
    SQLK_GRANT,          /* GRANT priv|role [, ...] TO user [, ...] */
    SQLK_REVOKE,         /* REVOKE priv|role [, ...] FROM user [, ...] */
    SQLK_ALTER_SYSTEM,   /* ALTER SYSTEM ...: rest kept as text for src/server */
    SQLK_ALTER_SESSION,  /* ALTER SESSION ...: rest kept as text */
    SQLK_PLSQL,          /* BEGIN / DECLARE block: text kept as is */
    SQLK_LOCK_TABLE,     /* LOCK TABLE t IN mode MODE [NOWAIT|WAIT n]: object_*, for_update_wait */
    SQLK_CREATE_PROFILE, /* CREATE PROFILE p LIMIT name value ...: profile_name, limits */
    SQLK_ALTER_PROFILE,  /* ALTER PROFILE p LIMIT name value ... */
    SQLK_DROP_PROFILE,   /* DROP PROFILE p [CASCADE] */
} sql_kind;

/* Where the current session stands, for name resolution. */
typedef struct sql_ctx {
    const char *schema; /* current schema, upper case, e.g. "SCOTT" */
    /* Optional: is NAME (upper case, unqualified) a global object such as a
     * dictionary view, resolved like a public synonym?  DUAL, V$... and GV$...
     * are global without asking. */
    int (*is_global_name)(const char *name, void *arg);
    void *is_global_arg;
} sql_ctx;

/* One entry of the offset map: SQLite text position -> Oracle text position. */
typedef struct sql_offset {
    int sqlite_off;
    int oracle_off;
} sql_offset;

typedef struct sql_stmt {
    sql_kind kind;
    int command_type;         /* Oracle command number (V$SESSION.COMMAND): 3 SELECT, 2 INSERT... */
    int is_select_for_update; /* SELECT ... FOR UPDATE (clause removed from sqlite_sql) */
    int for_update_wait;      /* FOR UPDATE / LOCK TABLE: -1 wait forever, 0 NOWAIT, n seconds */
    int for_update_skip_locked; /* FOR UPDATE SKIP LOCKED */

    /* QUERY, DML, DDL: the SQLite text.  Placeholders are ?1..?nbinds in
     * the order their Oracle placeholders appear in the text (":1", ":name"
     * and ":\"x\"" alike; a name used twice is two positions, as the Oracle
     * drivers bind SQL statements). */
    char *sqlite_sql;
    int nstatements; /* statements in sqlite_sql, ';'-separated: 1, or more for DDL that
                      * SQLite does in steps (CREATE OR REPLACE VIEW, ALTER TABLE ADD (a, b));
                      * run them in order with sqlite3_prepare's tail pointer */
    int nbinds;
    char **bind_names; /* nbinds names as written, unquoted names upper-cased */

    /* Sorted by sqlite_off; one entry per token copied or rewritten. */
    sql_offset *map;
    int nmap;

    /* DDL on a schema object: the object touched, for error texts. */
    char *object_schema; /* e.g. "SCOTT" */
    char *object_name;   /* e.g. "EMP" */

    /* CREATE/ALTER/DROP USER, GRANT, REVOKE */
    char *user_name;   /* upper case unless quoted */
    char *password;    /* as written (quotes removed); case kept */
    int cascade;       /* DROP USER ... CASCADE */
    int account_lock;  /* ALTER USER: 1 lock, -1 unlock, 0 unchanged */
    char **privileges; /* GRANT/REVOKE: names upper-cased, e.g. "CREATE SESSION", "DBA" */
    int nprivileges;
    char **grantees;
    int ngrantees;
    int admin_option;    /* GRANT ... WITH ADMIN OPTION / WITH GRANT OPTION */
    int password_expire; /* CREATE/ALTER USER ... PASSWORD EXPIRE */

    /* CREATE/ALTER/DROP PROFILE, ALTER USER ... PROFILE p, CREATE USER ... PROFILE p */
    char *profile_name;
    char **limit_names;  /* e.g. "IDLE_TIME", upper case */
    char **limit_values; /* "30", "UNLIMITED" or "DEFAULT" */
    int nlimits;

    /* SAVEPOINT / ROLLBACK TO */
    char *savepoint_name;

    /* ALTER SYSTEM / ALTER SESSION / PL/SQL: the statement text after the
     * leading keywords (e.g. "KILL SESSION '30,7' IMMEDIATE"), trimmed. */
    char *command_text;
} sql_stmt;

/*
 * Translate one statement (no trailing ';' except in PL/SQL blocks; a single
 * trailing ';' after a SQL statement is tolerated as the drivers strip it).
 * Returns 0 with OUT filled, or -1 with ERR set to the Oracle error and the
 * offset of the offending token (e.g. ORA-00900 at 0 for an unknown verb).
 */
int sql_translate(const char *sql, const sql_ctx *ctx, sql_stmt *out, ora_error *err);
void sql_stmt_free(sql_stmt *st);

/* Oracle-text byte offset for a position in st->sqlite_sql (nearest preceding token).
 * (ora_error offsets are in characters; the map holds byte offsets.) */
int sql_map_offset(const sql_stmt *st, int sqlite_off);

/* The character offset (what ORA errors carry) of byte offset BYTES in the UTF-8 text S. */
int sql_char_offset(const char *s, int bytes);

/*
 * Turn a failure SQLite reported for ST into the Oracle error a client of
 * Oracle would see (no such table -> ORA-00942, no such column -> ORA-00904,
 * UNIQUE constraint -> ORA-00001, NOT NULL -> ORA-01400, syntax -> ORA-00933/
 * 00936/00900 ..., table exists -> ORA-00955), with the Oracle offset.
 * SQLITE_MSG is sqlite3_errmsg(); SQLITE_OFF is sqlite3_error_offset() or -1.
 */
void sql_map_sqlite_error(const sql_stmt *st, const char *oracle_sql, int sqlite_code,
                          const char *sqlite_msg, int sqlite_off, ora_error *err);

#endif
