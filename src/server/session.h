/*
 * session.h - the state of one dedicated server process's session.
 *
 * A dedicated server serves exactly one client connection for its whole
 * life, so this struct is the process's session: the network connection and
 * what the client negotiated, the logon identity and SGA slot, the engine
 * session, and the open cursors by id.
 */
#ifndef WARDEN_SESSION_H
#define WARDEN_SESSION_H

#include <stdint.h>

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
    uint32_t max_size;
} bind_meta;
#define BIND_ARRAY 0x40
#define BIND_MAX_EXECUTIONS 100000 /* executions (bind rows) of one call, elements of one array */

/* Bind directions as the server tells them to the client (IO_VECTOR). */
enum { BIND_DIR_OUT = 16, BIND_DIR_IN = 32, BIND_DIR_IN_OUT = 48 };

/* Bind values of one or more executions, as they follow the metadata. */
typedef struct bind_rows {
    int nbinds, nrows;
    eng_value *values; /* nrows * nbinds */
    buf *texts;
    int has_array;     /* a value was an array (index-by table) */
} bind_rows;

typedef struct server_cursor {
    eng_cursor *ec;
    bind_meta *binds;
    uint8_t *dirs; /* the directions last told the client (PL/SQL), NULL: all IN */
    int nbinds;
    int executed;  /* executed since its text was parsed (a fetch needs it) */
    char sql_id[SQL_ID_LEN + 1]; /* of EC's text, "" until its first execute */
    int described;               /* the client has EC's describe (it need not come again) */
    int sqlarea_index;           /* its SQL area entry when last executed (a hint) */
} server_cursor;

typedef struct session {
    net_conn net;
    const warden_config *cfg;
    const char *db_path;

    /* negotiated with the client */
    int conv_length; /* DATA TYPES flag 0x02: announced strings are also length-prefixed */
    int sb2_scale;   /* the client reads NUMBER scale as SB2 (python-oracledb <= 1.4) */

    /* connect phase: from the hand-over until logon (inbound_connect_timeout applies) */
    int connecting;
    char client_address[64]; /* "address:port" */

    /* logon */
    int logged_on;
    o5_server auth;
    int auth_user_ok;   /* phase one found a real user */
    int auth_admin;     /* the logon asks AS SYSDBA / AS SYSOPER (enum catalog_admin), -1: AS
                         * another administrative privilege (SYSASM, SYSBACKUP ...) */
    int auth_may_logon; /* ... who holds CREATE SESSION, or the administrative privilege asked */
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

    /* PL/SQL: safe points passed (the socket is checked every so many), DBMS_OUTPUT */
    uint64_t safe_points;
    buf dbms_output;

    /*
     * The statement of the current call, added to its V$SQL statistics when
     * the call ends: its CPU time is the call's (one clock read per call).
     */
    int stmt_area;    /* SQL area entry of the statement the call started */
    int stmt_pending; /* ... and finished: its statistics wait for the call's end */
    int64_t stmt_start_us, stmt_elapsed_us;
    uint64_t stmt_rows;
    int64_t cpu_mark_us;    /* process CPU time when the previous call ended */
    int64_t memory_mark_us; /* when the PGA figures were last published */

    /* interrupts noticed at safe points */
    int64_t socket_checked_us; /* when a safe point last looked for a break (monotonic) */
    int break_received;
    int client_gone;
    int end_after_call;       /* killed: end once the current call's reply is sent */
    int killed_idle;          /* killed while idle: the next call gets ORA-00028 */
    int disconnect_after_txn; /* DISCONNECT ... POST_TRANSACTION with a transaction open */

    uint64_t replies; /* replies sent: each call gets exactly one */
} session;

/* dedicated.c */
void dedicated_serve(int fd, const warden_config *cfg, const char *db_path, int pid);
/* Read the client's CONNECT and refuse it with ORA_ERR (the instance cannot take it). */
void dedicated_refuse(int fd, int ora_err);
/* Logon done: the connect phase and its deadline end (logon.c calls it). */
void session_logged_on(session *s);
/* Read and run calls until logoff or disconnect (exposed for the fuzz target). */
void session_call_loop(session *s);
/* Send one response (a whole TTC payload) to the client. 0 or NET_ERR_IO. */
int session_send(session *s, buf *payload);
/* Finish a call with an ERROR message: status from the transaction state. */
void session_end_call(session *s, buf *out, uint16_t cursor, uint64_t rows, const ora_error *e);
/* The same with every field of END the caller set (ROWID, batch errors); E fills the error. */
void session_end_call_with(session *s, buf *out, ttc_end *end, const ora_error *e);
/* A whole reply that is just the end of the call: E (or success when E->code is 0). */
void session_reply_error(session *s, uint16_t cursor, const ora_error *e);
/* Requests from other sessions, then a client break or a vanished client: the error, or 0. */
int session_check_interrupt(void *arg);
/*
 * The engine's safe point (every 1000 SQLite steps, each lock-wait retry):
 * the same, but the client's socket is looked at only every SOCKET_CHECK_US;
 * then the process's memory against session_pga_limit (ORA-04036).
 */
#define SOCKET_CHECK_US 1000
int session_safe_point(void *arg);
/* Break protocol: BREAK marker, wait for RESET, RESET, then the ORA-01013 reply. */
void session_break_reset(session *s);

/* logon.c */
void logon_phase_one(session *s, ttc_reader *r);
void logon_phase_two(session *s, ttc_reader *r);

/*
 * Finish reading request R (skipping what is left of it) and, when it was
 * malformed or oversize, answer it with ORA-03115 / ORA-04036; REFUSED (when
 * set) is the answer for a request read whole that cannot be served.
 * Returns 0 when the call may go on, -1 when it was answered or the
 * connection is lost.
 */
int session_request_read(session *s, ttc_reader *r, uint16_t cursor, const ora_error *refused);

/* calls.c */
void call_execute(session *s, ttc_reader *r);
void call_reexecute(session *s, ttc_reader *r, int fn);
void call_fetch(session *s, ttc_reader *r);

/* cursors.c: the session's cursor table. */
int cursor_alloc(session *s); /* a free id, or 0 at MAX_OPEN_CURSORS (ORA-01000) */
server_cursor *cursor_get(session *s, uint64_t id);
void cursor_release(server_cursor *c);
void cursors_close(session *s, const uint64_t *ids, int n);
void cursors_close_all(session *s);

/* call_binds.c: bind metadata and bind rows of execute / re-execute requests. */
void binds_read_metadata(ttc_reader *r, bind_meta *m, int n);
/*
 * Bind rows (ROW_DATA) that follow; DIRS (may be NULL) leaves out the OUT
 * binds, which a client does not send on re-executes.  Values that do not
 * decode set REFUSED; a malformed stream fails the reader.
 */
void bind_rows_read(ttc_reader *r, const bind_meta *m, const uint8_t *dirs, int nbinds,
                    int plsql, bind_rows *out, ora_error *refused);
void bind_rows_free(bind_rows *b);

/* commands.c: statements Warden runs itself (users, grants, transactions ...). */
int command_run(session *s, eng_cursor *ec, ora_error *err);

/* plsql_host.c: run an anonymous block on this session. */
int plsql_host_run(session *s, const char *block, const eng_value *values, int nvalues,
                   ora_error *err);
/*
 * The same, keeping the binds' values after the block ran in OUT (NVALUES
 * of them, freed with plsql_values_free).
 */
int plsql_host_run_out(session *s, const char *block, const eng_value *values, int nvalues,
                       plsql_value *out, ora_error *err);

/* wire_values.c */
int wire_read_bind(ttc_reader *r, const bind_meta *m, buf *text, eng_value *v);
/* A PL/SQL OUT value V in the client's bind type M (with its actual-length word). */
int wire_write_out_bind(buf *out, const bind_meta *m, const plsql_value *v, ora_error *err);
int wire_write_column(session *s, buf *out, eng_cursor *ec, int col, ora_error *err);

#endif
