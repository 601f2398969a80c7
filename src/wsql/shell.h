/*
 * shell.h - one wsql run: its connection, settings, input and SQL buffer,
 * and the read-split-run loop that ties them together.
 *
 * The pieces live in their own modules (input, script, subst, format,
 * errors); the shell owns one of each.  session.c holds what talks to the
 * server, settings.c SET/SHOW, commands.c the other wsql commands.
 */
#ifndef WSQL_SHELL_H
#define WSQL_SHELL_H

#include <stdio.h>

#include "wsql/client.h"
#include "wsql/format.h"
#include "wsql/input.h"
#include "wsql/script.h"
#include "wsql/spool.h"
#include "wsql/subst.h"
#include "wsql/units.h"

#define WSQL_PRODUCT "Warden 19.0"

/* What WHENEVER SQLERROR / EXIT do with the open transaction. */
enum finish_action { FINISH_COMMIT, FINISH_ROLLBACK, FINISH_NONE };

/* EXIT's status: a number, or the code of the last error (SQL.SQLCODE). */
enum { EXIT_STATUS_SQLCODE = -1 };

typedef struct shell {
    const wsql_client *client;
    FILE *out;      /* where everything is printed (stdout) */
    FILE *null_out; /* replaces OUT for script lines under SET TERMOUT OFF */
    FILE *terminal; /* the real output (OUT is the spool's tee or NULL_OUT at times) */
    spool spool;    /* SPOOL file */
    wsql_input in;
    script sp;
    subst vars;
    fmt_settings fmt;
    buf scratch;
    buf prompt;

    /* SET options not about result layout */
    int timing, verify, serveroutput, autocommit, termout;
    long serveroutput_size; /* SET SERVEROUTPUT ON SIZE n; 0: UNLIMITED */
    char *sqlprompt;
    int silent; /* -S */

    /* the connection */
    wdn_conn *conn;
    int lost_code; /* after a lost session: the error later statements get */
    char *user;    /* as SHOW USER shows it */
    char *program; /* V$SESSION.PROGRAM */
    int last_error_code;
    unit_ref last_unit; /* the last unit a CREATE made, for SHOW ERRORS; name "" = none */

    /* WHENEVER SQLERROR */
    int sqlerror_exit;
    int sqlerror_status;
    enum finish_action sqlerror_finish;

    int exit_requested;
    int exit_status;
} shell;

void shell_init(shell *sh, const wsql_client *client, FILE *in, FILE *out, input_line_editor editor,
                int silent);
void shell_free(shell *sh);

/* Read and run until EXIT or the end of input; returns the exit status. */
int shell_run(shell *sh);
/* Feed one line to the splitter and run what it completes (for tests and -c style use). */
void shell_line(shell *sh, const char *line);
/* The prompt for the next line. */
const char *shell_prompt(shell *sh);
/* Run the SQL buffer ('/', RUN), substituting variables. */
void shell_run_buffer(shell *sh);

#endif
