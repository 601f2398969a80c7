/*
 * wsql.c - main of wsql, Warden's SQL*Plus.
 *
 *     wsql [-S] [-L] [user[/password][@host:port/service] [AS SYSDBA|SYSOPER] | / AS SYSDBA | /NOLOG]
 *          [@script [arg ...]]
 *
 * Wires the pieces in src/wsql/ to the real world: libwarden behind the
 * client table (each blocking call marked so that Ctrl-C breaks it with
 * wdn_break), libedit's readline for terminal input, and the command line.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <editline/readline.h>

#include "client/warden.h"
#include "common/buf.h"
#include "wsql/commands.h"
#include "wsql/errors.h"
#include "wsql/session.h"
#include "wsql/shell.h"

/* ---- Ctrl-C ---- */

/* The connection whose call is running (for the SIGINT handler), else NULL. */
static wdn_conn *volatile running_call;
static wdn_conn *current_conn;

static void on_sigint(int sig)
{
    (void)sig;
    wdn_conn *c = running_call;
    if (c)
        wdn_break(c);
    else
        wsql_interrupted = 1;
}

/* No SA_RESTART: Ctrl-C at a piped prompt ends the blocked read (the line is
 * dropped); libwarden resumes its own interrupted reads during a call. */
static void install_sigint(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
}

static void call_begin(wdn_conn *c)
{
    running_call = c;
}
static void call_end(void)
{
    running_call = NULL;
}

/* ---- libwarden behind the client table ---- */

static wdn_conn *lw_connect(const char *cs, const char *user, const char *password,
                            const char *program, enum wdn_privilege privilege, ora_error *err)
{
    wdn_conn *c = wdn_connect_as(cs, user, password, program, privilege, err);
    if (c) current_conn = c;
    return c;
}

static void lw_close(wdn_conn *c)
{
    call_begin(c);
    wdn_close(c);
    call_end();
    if (c == current_conn) current_conn = NULL;
}

static int lw_execute(wdn_conn *c, const char *sql, const wdn_bind *binds, int nbinds,
                      wdn_cursor **cur, uint64_t *rows)
{
    call_begin(c);
    int r = wdn_execute(c, sql, binds, nbinds, cur, rows);
    call_end();
    return r;
}

static int lw_execute_plsql(wdn_conn *c, const char *block, const wdn_bind *binds, int nbinds,
                            char **out)
{
    call_begin(c);
    int r = wdn_execute_plsql(c, block, binds, nbinds, out);
    call_end();
    return r;
}

static int lw_fetch(wdn_cursor *cur)
{
    call_begin(current_conn);
    int r = wdn_fetch(cur);
    call_end();
    return r;
}

static int lw_commit(wdn_conn *c)
{
    call_begin(c);
    int r = wdn_commit(c);
    call_end();
    return r;
}

static int lw_rollback(wdn_conn *c)
{
    call_begin(c);
    int r = wdn_rollback(c);
    call_end();
    return r;
}

static const wsql_client libwarden = {
    .connect = lw_connect,
    .close = lw_close,
    .last_error = wdn_last_error,
    .connected = wdn_connected,
    .session_id = wdn_session_id,
    .server_pid = wdn_server_pid,
    .execute = lw_execute,
    .column_count = wdn_column_count,
    .column_info = wdn_column_info,
    .fetch = lw_fetch,
    .value = wdn_value,
    .cursor_close = wdn_cursor_close,
    .commit = lw_commit,
    .rollback = lw_rollback,
    .compile_warning = wdn_compile_warning,
    .execute_plsql = lw_execute_plsql,
};

/* ---- terminal input ---- */

static char *edit_line(const char *prompt)
{
    char *line = readline(prompt);
    if (line && *line) add_history(line);
    return line;
}

/* ---- command line ---- */

typedef struct options {
    int silent;
    int nolog;
    buf logon;  /* the logon words, joined */
    buf script; /* "@script arg ...", or empty */
} options;

static void usage(void)
{
    fputs("Usage: wsql [-S] [-L] [logon | /NOLOG] [@script [arg ...]]\n"
          "  logon: user[/password][@host:port/service] [AS SYSDBA|SYSOPER] | / AS SYSDBA\n",
          stderr);
    exit(1);
}

static void parse_args(int argc, char **argv, options *o)
{
    int i = 1;
    memset(o, 0, sizeof *o);
    buf_init(&o->logon);
    buf_init(&o->script);
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcasecmp(argv[i], "-S") == 0 || strcasecmp(argv[i], "-SILENT") == 0)
            o->silent = 1;
        else if (strcasecmp(argv[i], "-L") == 0)
            continue;
        else if (strcasecmp(argv[i], "-V") == 0) {
            printf("wsql: Release 19.0 - Production (%s)\n", WSQL_PRODUCT);
            exit(0);
        } else
            usage();
    }
    for (; i < argc && argv[i][0] != '@'; i++) {
        if (strcasecmp(argv[i], "/NOLOG") == 0)
            o->nolog = 1;
        else
            buf_printf(&o->logon, "%s%s", o->logon.len ? " " : "", argv[i]);
    }
    for (; i < argc; i++)
        buf_printf(&o->script, "%s%s", o->script.len ? " " : "", argv[i]);
}

/* "wsql@host (TNS V1-V3)", as V$SESSION.PROGRAM shows SQL*Plus. */
static char *program_name(void)
{
    char host[256] = "localhost";
    gethostname(host, sizeof host - 1);
    host[sizeof host - 1] = 0;
    buf b;
    buf_init(&b);
    buf_printf(&b, "wsql@%s (TNS V1-V3)", host);
    char *name = xstrdup(buf_cstr(&b));
    buf_free(&b);
    return name;
}

/* Log on as the command line says; at a terminal, ask again up to three times. */
static int first_logon(shell *sh, options *o)
{
    int attempts = sh->in.editor ? 3 : 1;
    for (int i = 0; i < attempts; i++) {
        logon l;
        if (wsql_logon_parse(i == 0 ? buf_cstr(&o->logon) : "", &l) < 0) usage();
        int r = wsql_connect(sh, &l, ANNOUNCE_BANNER);
        wsql_logon_free(&l);
        if (r == 0) return 0;
    }
    if (attempts > 1)
        err_print_sp2(sh->out, 157,
                      "unable to CONNECT to ORACLE after 3 attempts, exiting SQL*Plus");
    else
        err_print_sp2(sh->out, 751, "Unable to connect to Oracle.  Exiting SQL*Plus");
    return -1;
}

int main(int argc, char **argv)
{
    options o;
    shell sh;
    parse_args(argc, argv, &o);
    int tty = isatty(STDIN_FILENO);
    if (tty) rl_readline_name = "wsql";
    install_sigint();
    shell_init(&sh, &libwarden, stdin, stdout, tty ? edit_line : NULL, o.silent);
    sh.program = program_name();
    if (!o.silent) printf("\nwsql: Release 19.0 - Production\n\n");
    int status = 0;
    if (!o.nolog && first_logon(&sh, &o) < 0)
        status = 1;
    else {
        if (o.script.len) commands_run(&sh, CMD_START, buf_cstr(&o.script));
        status = shell_run(&sh);
    }
    shell_free(&sh);
    buf_free(&o.logon);
    buf_free(&o.script);
    fflush(stdout);
    return status;
}
