/*
 * warden.h - libwarden, the C client library for Warden (and any server that
 * speaks Oracle Net / TTC the way Warden does).
 *
 * One wdn_conn is one session.  Calls are synchronous; wdn_break() is the
 * only call that may be made from another thread or a signal handler while a
 * call is running on the same connection (it sends an INTERRUPT marker; the
 * running call then fails with ORA-01013).
 *
 * Errors: every function returning int returns 0 on success and -1 on
 * failure, with the ORA- error in the connection's error slot
 * (wdn_last_error).  Connection-level failures use ORA-03113 (the server
 * closed the connection during a call), ORA-03114 (not connected),
 * ORA-12541 (nothing listens), ORA-12514 (unknown service), ORA-01017.
 */
#ifndef WARDEN_CLIENT_H
#define WARDEN_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include "../common/ora_error.h"
#include "../common/ora_types.h"

typedef struct wdn_conn wdn_conn;
typedef struct wdn_cursor wdn_cursor;
typedef struct wdn_stmt wdn_stmt;

/* Oracle external type numbers as they appear in describe data (common/ora_types.h). */
enum wdn_type {
    WDN_VARCHAR = T_VARCHAR,
    WDN_NUMBER = T_NUMBER,
    WDN_LONG = T_LONG,
    WDN_DATE = T_DATE,
    WDN_RAW = T_RAW,
    WDN_LONG_RAW = T_LONG_RAW,
    WDN_CHAR = T_CHAR,
    WDN_BINARY_DOUBLE = T_BINARY_DOUBLE,
    WDN_CLOB = T_CLOB, /* CLOB and NCLOB columns: the whole text (fetched as LONG) */
    WDN_BLOB = T_BLOB, /* BLOB columns: the bytes, shown as hex (fetched as LONG RAW) */
    WDN_TIMESTAMP = T_TIMESTAMP,
    WDN_TIMESTAMP_TZ = T_TIMESTAMP_TZ,   /* text with its offset: "... +05:30" */
    WDN_TIMESTAMP_LTZ = T_TIMESTAMP_LTZ, /* the instant in UTC */
    WDN_INTERVAL_YM = T_INTERVAL_YM,     /* text "+YY-MM" */
    WDN_INTERVAL_DS = T_INTERVAL_DS,     /* text "+DD HH:MI:SS.FFFFFF" */
};

typedef struct wdn_column {
    char name[129];
    int type;      /* enum wdn_type */
    int size;      /* max size in bytes (characters for character types) */
    int precision; /* NUMBER precision (0 = unspecified) */
    int scale;     /* NUMBER scale (-127 = unspecified), TIMESTAMP and INTERVAL fraction digits */
    int nullable;
} wdn_column;

/*
 * A bind value as text (NULL pointer = SQL NULL), sent as VARCHAR2, or with
 * type WDN_NUMBER sent as NUMBER; the server converts as Oracle would.
 */
typedef struct wdn_bind {
    int type; /* WDN_VARCHAR (default when 0) or WDN_NUMBER */
    const char *text;
    int max_size; /* a PL/SQL OUT value's most bytes (0: the IN value's length) */
} wdn_bind;

/* Statement kinds as the client classifies them (by the first keyword). */
enum wdn_stmt_kind { WDN_STMT_QUERY, WDN_STMT_DML, WDN_STMT_DDL, WDN_STMT_PLSQL, WDN_STMT_OTHER };

/*
 * Connect to "host:port/service" (port defaults to 1521, host to 127.0.0.1)
 * as USER with PASSWORD.  PROGRAM is what V$SESSION.PROGRAM shows (NULL =
 * this process's name).  Returns a connection, or NULL with *ERR filled.
 */
wdn_conn *wdn_connect(const char *connect_string, const char *user, const char *password,
                      const char *program, ora_error *err);
/* Logon modes: an ordinary session, AS SYSDBA (a session of SYS), AS SYSOPER (of PUBLIC). */
enum wdn_privilege { WDN_DEFAULT = 0, WDN_SYSDBA = 1, WDN_SYSOPER = 2 };
/* wdn_connect with a logon mode; without the privilege: ORA-01031. */
wdn_conn *wdn_connect_as(const char *connect_string, const char *user, const char *password,
                         const char *program, enum wdn_privilege privilege, ora_error *err);
/* Log off (rolls back an open transaction, as Oracle does on logoff) and free. */
void wdn_close(wdn_conn *c);

const ora_error *wdn_last_error(const wdn_conn *c);
int wdn_connected(const wdn_conn *c);       /* 0 once the connection is known lost */
int wdn_in_transaction(const wdn_conn *c);  /* server says a transaction is open */
/*
 * 1 when the last call succeeded with Oracle's compilation warning: it
 * created a stored unit (procedure, function, ...) that has compilation
 * errors (SQL*Plus: "Warning: Procedure created with compilation errors.").
 */
int wdn_compile_warning(const wdn_conn *c);
int wdn_session_id(const wdn_conn *c, int *sid, int *serial); /* from logon */
long wdn_server_pid(const wdn_conn *c); /* OS pid of the session's server process */
/*
 * Rows a query's execute and each fetch bring in one round trip (SQL*Plus's
 * ARRAYSIZE, node-oracledb's fetchArraySize): 1..100000, default 100.
 */
void wdn_set_arraysize(wdn_conn *c, int rows);

/* Classify SQL text by its first keyword, as Oracle drivers do. */
enum wdn_stmt_kind wdn_classify(const char *sql);

/*
 * Execute SQL (no trailing ';' for SQL; PL/SQL blocks keep theirs) with
 * NBINDS positional binds.  For a query, returns a cursor positioned before
 * the first row (the describe is available at once); for anything else,
 * *ROWS_AFFECTED gets the DML row count (0 for DDL) and *CUR is set to NULL.
 * Returns 0, or -1 with the error in wdn_last_error.
 */
int wdn_execute(wdn_conn *c, const char *sql, const wdn_bind *binds, int nbinds,
                wdn_cursor **cur, uint64_t *rows_affected);

/*
 * Execute the PL/SQL block BLOCK with NBINDS binds, which are IN OUT as the
 * block uses them: for each bind the server says it wrote (an OUT or IN OUT
 * one), OUT[i] gets its new value as text (malloc'ed; the caller frees it),
 * the others NULL (as does a NULL value).  OUT has NBINDS entries.  Returns
 * 0, or -1 with the error in wdn_last_error.
 */
int wdn_execute_plsql(wdn_conn *c, const char *block, const wdn_bind *binds, int nbinds,
                      char **out);

/*
 * A prepared statement, as the Oracle drivers' statement caches keep them:
 * the first wdn_stmt_execute parses SQL into a server cursor, later ones
 * send only the binds and run that cursor again (no SQL text, no parse).
 * Results as for wdn_execute; close a returned cursor before the next
 * execute of the same statement.  wdn_stmt_close closes the server cursor
 * (with the next call) and frees the statement.
 */
wdn_stmt *wdn_prepare(wdn_conn *c, const char *sql);
int wdn_stmt_execute(wdn_stmt *st, const wdn_bind *binds, int nbinds, wdn_cursor **cur,
                     uint64_t *rows_affected);
void wdn_stmt_close(wdn_stmt *st);

int wdn_column_count(const wdn_cursor *cur);
const wdn_column *wdn_column_info(const wdn_cursor *cur, int i); /* 0-based */
/*
 * Advance to the next row: 1 = a row is there, 0 = no more rows, -1 = error
 * (wdn_last_error).  Values of the current row as text, NULL for SQL NULL:
 * NUMBER as its canonical decimal text, DATE as "YYYY-MM-DD HH24:MI:SS",
 * TIMESTAMP as "YYYY-MM-DD HH24:MI:SS.FFFFFFFFF" (scale digits), strings as
 * UTF-8.  The pointers stay valid until the next wdn_fetch/wdn_cursor_close.
 */
int wdn_fetch(wdn_cursor *cur);
const char *wdn_value(const wdn_cursor *cur, int i);
uint64_t wdn_row_count(const wdn_cursor *cur); /* rows fetched so far */
void wdn_cursor_close(wdn_cursor *cur);

int wdn_commit(wdn_conn *c);
int wdn_rollback(wdn_conn *c);
int wdn_ping(wdn_conn *c);
/* Async-signal-safe: ask the server to interrupt the running call (ORA-01013). */
void wdn_break(wdn_conn *c);

#endif
