/*
 * session.h - the state of one dedicated server process's session.
 *
 * A dedicated server serves exactly one client connection for its whole
 * life, so this struct is the process's session: the network connection and
 * what the client negotiated, the logon identity and SGA slot, the engine
 * session, and the open cursors by id.  This header holds only the types;
 * each file of src/server/ declares its own functions in its own header.
 */
#ifndef WARDEN_SESSION_H
#define WARDEN_SESSION_H

#include <stdint.h>
#include <stdio.h>

#include "../common/config.h"
#include "../common/sql_id.h"
#include "../engine/engine.h"
#include "../net/o5logon.h"
#include "../net/tns.h"
#include "../net/ttc.h"
#include "../net/ttc_msg.h"
#include "../plsql/plsql.h"

/* Bind metadata a cursor keeps for re-executes. */
typedef struct bind_meta {
    uint8_t ora_type;
    uint8_t flags; /* BIND_ARRAY: a PL/SQL index-by table of values */
    uint8_t lob_prefetch; /* a LOB's value goes with its length and chunk size (node-oracledb) */
    uint8_t csfrm;        /* charset form: 2 for NCHAR types (an NCLOB's data is UTF-16) */
    uint32_t max_size;
    uint32_t max_elems; /* BIND_ARRAY: the most elements the client takes back (maxArraySize) */
} bind_meta;
#define BIND_ARRAY 0x40
#define BIND_LOB_PREFETCH 0x2000000 /* continuation flag: LOB values come with length, chunk size */
#define BIND_MAX_EXECUTIONS 100000 /* executions (bind rows) of one call, elements of one array */

/* The elements of one array bind's value (a PL/SQL index-by table). */
typedef struct bind_array {
    int n;
    eng_value *values;
    buf *texts;
} bind_array;

/* Bind values of one or more executions, as they follow the metadata. */
typedef struct bind_rows {
    int nbinds, nrows;
    eng_value *values; /* nrows * nbinds */
    buf *texts;
    int has_array;       /* a value was an array (index-by table) */
    bind_array *arrays;  /* nrows * nbinds once has_array: the elements of array binds */
} bind_rows;

typedef struct server_cursor {
    eng_cursor *ec;
    bind_meta *binds;
    uint8_t *dirs; /* the directions last told the client (PL/SQL), NULL: all IN */
    int dirs_known; /* DIRS were worked out for EC's text (a block is parsed for them once) */
    int nbinds;
    int executed;  /* executed since its text was parsed (a fetch needs it) */
    char sql_id[SQL_ID_LEN + 1]; /* of EC's text, "" until its first execute */
    char schema[129];            /* the current schema EC was parsed under */
    int described;               /* the client has EC's describe (it need not come again) */
    int refcursor; /* opened by PL/SQL (OPEN cv FOR) or for a cursor expression: executed, the
                    * client only fetches */
    int parent;    /* a cursor expression's: the cursor whose row opened it (0: none) */
    int sqlarea_index;           /* its SQL area entry when last executed (a hint) */
    uint32_t trace_epoch;        /* SQL trace: its text was written while tracing was this */
    /* The client's defines of a query (NDEFINES types, NULL: none): a LOB column comes as a
     * locator, or inline when defined as LONG / LONG RAW (fetchAsString, fetchAsBuffer). */
    bind_meta *defines;
    int ndefines;
} server_cursor;

/*
 * What becomes of the session, decided by interrupts.c alone (see there):
 * it serves calls; it ends when its transaction does (DISCONNECT SESSION
 * POST_TRANSACTION); it answers the running call, or the next one, with
 * ORA-00028 and ends (KILL SESSION); or it has ended (DISCONNECT SESSION
 * IMMEDIATE, kill <spid>, the client gone): no further reply is sent.
 */
typedef enum session_fate {
    FATE_SERVING,
    FATE_END_AFTER_TRANSACTION,
    FATE_END_AFTER_REPLY,
    FATE_ENDED,
} session_fate;

/*
 * How the current call is being ended early while the session goes on:
 * CANCEL SQL (its reply carries ORA-01013), or the client's break (the
 * break exchange replaces the reply, then ORA-01013).  Reset for each call.
 */
typedef enum call_interrupt {
    CALL_RUNS,
    CALL_CANCELLED,
    CALL_BROKEN,
} call_interrupt;

typedef struct session {
    net_conn net;
    const warden_config *cfg;
    const char *db_path;

    /* negotiated with the client */
    int conv_length; /* DATA TYPES flag 0x02: announced strings are also length-prefixed */
    int sb2_scale;   /* the client reads NUMBER scale as SB2 (python-oracledb <= 1.4) */

    /* connect phase: from the hand-over until logon (inbound_connect_timeout applies) */
    char client_address[64]; /* "address:port" */

    /* logon */
    int logged_on;
    o5_server auth;
    int auth_user_ok;   /* phase one found a real user */
    int auth_admin;     /* the logon asks AS SYSDBA / AS SYSOPER (enum catalog_admin), -1: AS
                         * another administrative privilege (SYSASM, SYSBACKUP ...) */
    int auth_may_logon; /* ... who holds CREATE SESSION, or the administrative privilege asked */
    struct sqlite3 *auth_db; /* phase one's catalog connection, the session's once it logs on */
    char user[129];
    char program[65], machine[65], osuser[65], terminal[31], client_pid[25];
    char service[65];
    int user_id;
    int client_port;
    int pid; /* this process's slot in the SGA process table */
    int sid;
    uint32_t serial;

    /* end-to-end attributes */
    char module[65], action[65], client_info[65], client_identifier[65];

    eng_session *eng;
    server_cursor *cursors; /* index = cursor id; 0 unused */
    int ncursors;

    struct lob_entry *lobs; /* the LOBs behind the client's locators (lobs.c), by number */
    int nlobs;
    uint32_t lob_gen; /* the generation the last new entry got */
    int ntemp_lobs;   /* ... of them temporary ones (V$TEMPORARY_LOBS) */

    buf dbms_output;    /* DBMS_OUTPUT's buffer: lines put and not yet got, '\n' after each */
    size_t output_read; /* ... how much GET_LINE has taken of it */
    int output_enabled; /* DBMS_OUTPUT.ENABLE was called (not DISABLE after it) */
    plsql_host plsql; /* the session as the PL/SQL interpreter's host (plsql_host.c, at start) */
    plsql_packages *packages; /* the state of the packages it used (their variables) */
    int in_sql_function; /* a stored function called from a SQL statement is running */
    /* REF CURSORs PL/SQL opened in the current call: those not handed to the client as OUT
     * binds are closed when it ends (calls.c) */
    int *call_cursors;
    int ncall_cursors;
    int *implicit_results; /* ... those DBMS_SQL.RETURN_RESULT gives the client, in order */
    int nimplicit_results;
    char **app_context; /* logon: the client's application context until the engine has it */
    int napp_context;
    int compile_warning; /* the call's CREATE PROCEDURE / FUNCTION did not compile (ORA-24344) */
    int in_plsql;    /* a PL/SQL block of the client's is running (calls.c) */
    int commit_in_procedure_off; /* ALTER SESSION DISABLE COMMIT IN PROCEDURE */

    /*
     * The statement of the current call, added to its V$SQL statistics when
     * the call ends: its CPU time is the call's (one clock read per call).
     */
    int stmt_area;    /* SQL area entry of the statement the call started */
    int stmt_pending; /* ... and finished: its statistics wait for the call's end */
    int64_t stmt_start_us, stmt_elapsed_us;
    uint64_t stmt_rows;
    int64_t cpu_mark_us;    /* process CPU time when the previous call ended */
    int64_t cpu_unreported_us; /* CPU not yet in the statistics (under a centisecond) */
    uint64_t bytes_in_mark, bytes_out_mark; /* the connection's counts last published */
    int64_t pga_max;        /* session pga memory max */
    int longop_rindex, longop_slno; /* the V$SESSION_LONGOPS row of the long statement now */
    char longop_sql_id[14];         /* ... and the SQL_ID its rows show */
    int64_t memory_mark_us; /* when the PGA figures were last published */

    /*
     * The session's fate and the current call's: written only by
     * interrupts.c, which decides what each interrupt means.
     */
    session_fate fate;
    call_interrupt interrupted;
    uint64_t safe_points;     /* passed in this process: every so many, the clock is read */
    int64_t client_looked_us; /* when a safe point last looked at the client (monotonic) */

    uint64_t replies; /* replies sent: each call gets exactly one */

    /* SQL trace (sql_trace.c): the open trace file, what goes into it (SGA_TRACE_...), a
     * count moved by every start, and the running execution's clocks */
    FILE *trace_file;
    uint32_t trace_flags, trace_epoch;
    int64_t trace_start_us, trace_cpu_us;
} session;

#endif
