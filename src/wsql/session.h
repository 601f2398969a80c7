/*
 * session.h - wsql's dealings with the server: logon and logoff, running
 * SQL and PL/SQL and printing the outcome (rows, feedback or the error),
 * DESCRIBE, SHUTDOWN, and leaving with EXIT.
 *
 * A session that the server ended stays "lost": ORA-00028 makes later
 * statements answer ORA-01012 (not logged on), a dropped connection
 * (ORA-03113, ORA-03114, ORA-03135) makes them answer ORA-03114, without
 * touching the network.  With no connection at all they get SP2-0640.
 */
#ifndef WSQL_SESSION_H
#define WSQL_SESSION_H

#include "wsql/shell.h"

/*
 * user[/password][@connect_string] [AS SYSDBA | AS SYSOPER], or "/ [AS SYSDBA]"
 * for local OS authentication.
 */
typedef struct logon {
    char *user;
    char *password;
    char *connect_string;
    enum wdn_privilege privilege; /* AS SYSDBA / AS SYSOPER, else WDN_DEFAULT */
} logon;

/* Parse a logon; -1 when it is malformed. */
int wsql_logon_parse(const char *spec, logon *l);
void wsql_logon_free(logon *l);

enum announce { ANNOUNCE_NONE, ANNOUNCE_CONNECTED, ANNOUNCE_BANNER };

/* Log on (asking for a missing password); ends any current session first (committing). */
int wsql_connect(shell *sh, logon *l, enum announce how);
/* End the current session: commit or roll back, log off. */
void wsql_disconnect(shell *sh, enum finish_action how);

/* Run SQL or PL/SQL and print its outcome.  FROM_EXECUTE: built by EXECUTE. */
void wsql_run(shell *sh, const char *sql, int from_execute);
/*
 * Run the query SQL (NBINDS binds) as one of wsql's reports (SHOW ERRORS):
 * TITLE on its own line before the first row (none when ""), then the rows under the
 * current settings, without the closing blank line and feedback.  Returns
 * the rows printed (0: nothing was printed), or -1 after an error (printed).
 */
long wsql_run_report(shell *sh, const char *sql, const wdn_bind *binds, int nbinds,
                     const char *title);

/* One column of a report's layout: COLUMN name FORMAT A<width> [WORD_WRAPPED]. */
typedef struct report_column {
    const char *name;
    int width;
    col_fold fold;
} report_column;

/* Set the columns of a report (FEEDBACK OFF), keeping the user's in *SAVED ... */
void wsql_layout_begin(shell *sh, const report_column *cols, int n, fmt_settings *saved);
/* ... and put them back. */
void wsql_layout_end(shell *sh, const fmt_settings *saved);

void wsql_describe(shell *sh, const char *object);
void wsql_shutdown(shell *sh, const char *mode);
/* EXIT: finish the transaction, log off, and end the run with STATUS. */
void wsql_exit(shell *sh, int status, enum finish_action how);

#endif
