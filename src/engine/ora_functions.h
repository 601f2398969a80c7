/*
 * ora_functions.h - Oracle's SQL functions and operators as SQLite functions.
 *
 * The SQL front end (src/sql) writes Oracle expressions in terms of these:
 * SYSDATE(), USER(), NVL, DECODE, TO_CHAR, TO_DATE ... under their Oracle
 * names, and the operators whose meaning differs in SQLite as calls:
 * ORA_ADD/ORA_SUB (number and date arithmetic), ORA_MUL, ORA_DIV (no integer
 * division, ORA-01476 for / 0), CONCAT (for ||, NULL counts as ''), ORA_CAST,
 * ORA_EXTRACT and ORA_TRIM.  Failures are reported as SQLite errors whose
 * message is the Oracle one ("ORA-01722: invalid number"), which
 * sql_map_sqlite_error passes through.
 *
 * Dates are stored as text "YYYY-MM-DD HH24:MI:SS" (DATE) or with a
 * fraction (TIMESTAMP), see src/net/datetime.h.  Functions returning one
 * tag it with a subtype so the server can describe expression columns.
 * Text results are never '' (Oracle's '' is NULL): a function whose result
 * would be empty returns NULL.
 */
#ifndef WARDEN_ORA_FUNCTIONS_H
#define WARDEN_ORA_FUNCTIONS_H

#include <sqlite3.h>

#define ORA_SUBTYPE_DATE 'D'
#define ORA_SUBTYPE_TIMESTAMP 'T'
#define ORA_SUBTYPE_INTERVAL_YM 'Y' /* INTERVAL YEAR TO MONTH */
#define ORA_SUBTYPE_INTERVAL_DS 'S' /* INTERVAL DAY TO SECOND */
#define ORA_SUBTYPE_CLOB 'C' /* TO_CLOB, EMPTY_CLOB: an expression that is a CLOB */
#define ORA_SUBTYPE_BLOB 'B' /* TO_BLOB, EMPTY_BLOB */
#define ORA_SUBTYPE_NUMBER 'N' /* exact arithmetic: a number of more digits than a double's, as text */
#define ORA_SUBTYPE_RAW_HEX 'R' /* a RAW kept as its hex digits (the V$ views' addresses) */

/* ORA_FIT_LENGTH(value, n, 'column', flags)'s flags: how a character column counts and fills. */
#define ORA_LENGTH_CHARS 1  /* n counts characters (CHAR semantics, NCHAR, NVARCHAR2), not bytes */
#define ORA_LENGTH_PADDED 2 /* CHAR, NCHAR: padded with blanks to n */
#define ORA_LENGTH_HEX 4    /* RAW: a text is hex digits, stored as the bytes they spell */

#define ORA_NLS_FORMAT_MAX 80 /* longest NLS date/timestamp format kept */

/*
 * A session's NLS settings and time zone (ALTER SESSION SET): the one place
 * they are kept.  "" stands for the default (the territory's formats and
 * numeric characters, AMERICAN, AMERICA, the server's time zone); read them
 * through the ora_nls_* functions (ora_nls.c), which fill the defaults in.
 */
struct ora_nls {
    char date_format[ORA_NLS_FORMAT_MAX + 1];
    char timestamp_format[ORA_NLS_FORMAT_MAX + 1];
    char timestamp_tz_format[ORA_NLS_FORMAT_MAX + 1];
    char numeric_chars[3]; /* the decimal character, then the group separator */
    char language[32];
    char territory[32];
    char time_zone[64];       /* as SESSIONTIMEZONE shows it: "+05:30", "Europe/Paris" */
    char local_time_zone[64]; /* the one the session began with (TIME_ZONE = LOCAL) */
    int char_semantics;       /* NLS_LENGTH_SEMANTICS = CHAR: VARCHAR2(n) in DDL means n CHAR */
};

/* What the session-dependent functions (USER) read; filled and kept alive by the engine. */
struct ora_fn_ctx {
    char username[129];
    char schema[129]; /* the current schema (ALTER SESSION SET CURRENT_SCHEMA) */
    int schema_id;    /* its USER_ID when it is not the session user's; 0 otherwise */
    int sid;          /* the session's SID once it has one (SYS_CONTEXT, USERENV) */
    int is_dba;
    struct ora_nls nls;
    /* The client's application context (node-oracledb appContext, sent at logon): N
     * (namespace, attribute, value) triples, SYS_CONTEXT's for namespaces other than USERENV */
    char **app_context;
    int napp_context;
};

/*
 * Register every function on DB and make LIKE case-sensitive as Oracle's is.
 * CTX must outlive the connection.  Returns SQLITE_OK or the SQLite error code.
 */
int ora_functions_register(sqlite3 *db, const struct ora_fn_ctx *ctx);
/* SYS_CONTEXT('USERENV', ...) and USERENV(...) over the session's SGA slot (ora_userenv.c). */
int ora_userenv_register(sqlite3 *db, const struct ora_fn_ctx *ctx);

#endif
