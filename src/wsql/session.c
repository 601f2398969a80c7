/*
 * session.c - logon, statements, wsql's own reports (SHOW ERRORS, SHOW
 * PARAMETERS), DESCRIBE, SHUTDOWN and EXIT against the server, with
 * SQL*Plus's output for each outcome.
 */
#include "wsql/session.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "wsql/describe.h"
#include "wsql/errors.h"
#include "wsql/feedback.h"
#include "wsql/server_output.h"
#include "wsql/text.h"
#include "wsql/values.h"

/* ---- logon strings ---- */

void wsql_logon_free(logon *l)
{
    free(l->user);
    if (l->password) memset(l->password, 0, strlen(l->password));
    free(l->password);
    free(l->connect_string);
    memset(l, 0, sizeof *l);
}

/* Strip a trailing "AS SYSDBA" or "AS SYSOPER" from SPEC's words (another AS is malformed). */
static size_t strip_as_clause(const char *spec, logon *l)
{
    const char *p = spec, *as_at = NULL;
    word w;
    while (text_word(&p, &w)) {
        if (text_is(w, "AS", 2)) {
            as_at = w.p;
            word priv;
            if (!text_word(&p, &priv) || text_word(&p, &w)) return (size_t)-1;
            if (text_is(priv, "SYSDBA", 6)) l->privilege = WDN_SYSDBA;
            else if (text_is(priv, "SYSOPER", 7)) l->privilege = WDN_SYSOPER;
            else return (size_t)-1;
        }
    }
    return as_at ? (size_t)(as_at - spec) : strlen(spec);
}

int wsql_logon_parse(const char *spec, logon *l)
{
    memset(l, 0, sizeof *l);
    spec = text_skip_blanks(spec);
    size_t len = strip_as_clause(spec, l);
    if (len == (size_t)-1) return -1;
    char *s = text_trim_right(xstrndup(spec, len));
    if (strchr(s, ' ') || strchr(s, '\t')) {
        free(s);
        return -1;
    }
    char *at = strrchr(s, '@');
    if (at) {
        *at = 0;
        l->connect_string = xstrdup(at[1] == '/' && at[2] == '/' ? at + 3 : at + 1);
    }
    char *slash = strchr(s, '/');
    if (slash && slash != s) {
        *slash = 0;
        l->password = xstrdup(slash + 1);
    }
    if (*s) l->user = xstrdup(s);
    free(s);
    return 0;
}

/* The user name as SHOW USER and _USER show it: the session's (SYS for AS SYSDBA). */
static char *display_user(const char *user, enum wdn_privilege privilege)
{
    size_t n = strlen(user);
    if (privilege == WDN_SYSOPER) return xstrdup("PUBLIC");
    if (privilege == WDN_SYSDBA || strcmp(user, "/") == 0) return xstrdup("SYS");
    if (n >= 2 && user[0] == '"' && user[n - 1] == '"') return xstrndup(user + 1, n - 2);
    return text_upper(xstrdup(user));
}

/* Ask for what the logon lacks; -1 when input ended. */
static int complete_logon(shell *sh, logon *l)
{
    if (!l->user) {
        char *answer = input_ask(&sh->in, "Enter user-name: ");
        if (!answer) return -1;
        enum wdn_privilege privilege = l->privilege;
        wsql_logon_free(l);
        int bad = wsql_logon_parse(answer, l);
        free(answer);
        if (!l->privilege) l->privilege = privilege;
        if (bad < 0 || !l->user) return -1;
    }
    if (!l->password && strcmp(l->user, "/") != 0) {
        l->password = input_ask_secret(&sh->in, "Enter password: ");
        if (!l->password) return -1;
    }
    return 0;
}

static void announce(shell *sh, enum announce how)
{
    if (how == ANNOUNCE_CONNECTED)
        fputs("Connected.\n", sh->out);
    else if (how == ANNOUNCE_BANNER && !sh->silent)
        fprintf(sh->out, "Connected to:\n%s\n\n", WSQL_PRODUCT);
}

int wsql_connect(shell *sh, logon *l, enum announce how)
{
    int was_connected = sh->conn != NULL;
    if (sh->conn) wsql_disconnect(sh, FINISH_COMMIT);
    sh->lost_code = 0;
    if (complete_logon(sh, l) < 0) return -1;
    /* no @connect: $WARDEN_CONNECT, else libwarden's default (127.0.0.1:1521/WARDEN) */
    const char *where = l->connect_string;
    if (!where && strcmp(l->user, "/") != 0) where = getenv("WARDEN_CONNECT");
    ora_error err;
    ora_clear(&err);
    wdn_conn *c = sh->client->connect(where, l->user, l->password, sh->program, l->privilege, &err);
    if (!c) {
        err_print(sh->out, NULL, &err);
        if (was_connected) fputs("Warning: You are no longer connected to ORACLE.\n", sh->out);
        return -1;
    }
    sh->conn = c;
    free(sh->user);
    sh->user = display_user(l->user, l->privilege);
    subst_define(&sh->vars, "_USER", sh->user);
    subst_define(&sh->vars, "_CONNECT_IDENTIFIER", where ? where : "");
    announce(sh, how);
    if (sh->serveroutput) server_output_enable(sh);
    return 0;
}

void wsql_disconnect(shell *sh, enum finish_action how)
{
    if (!sh->conn) {
        sh->lost_code = 0;
        return;
    }
    if (how == FINISH_COMMIT)
        sh->client->commit(sh->conn);
    else if (how == FINISH_ROLLBACK)
        sh->client->rollback(sh->conn);
    sh->client->close(sh->conn);
    sh->conn = NULL;
    sh->lost_code = 0;
}

void wsql_exit(shell *sh, int status, enum finish_action how)
{
    if (sh->conn) {
        wsql_disconnect(sh, how);
        if (!sh->silent) fprintf(sh->out, "Disconnected from %s\n", WSQL_PRODUCT);
    }
    sh->exit_requested = 1;
    sh->exit_status = status == EXIT_STATUS_SQLCODE ? sh->last_error_code : status;
}

/* ---- errors ---- */

static int is_connection_gone(int code)
{
    return code == ORA_EOF_ON_CHANNEL || code == ORA_NOT_CONNECTED || code == 3135;
}

/* The server ended the session: later statements answer CODE without a call. */
static void lose_session(shell *sh, int code)
{
    sh->client->close(sh->conn);
    sh->conn = NULL;
    sh->lost_code = code;
}

static void whenever_sqlerror(shell *sh, int code)
{
    sh->last_error_code = code;
    if (sh->sqlerror_exit) wsql_exit(sh, sh->sqlerror_status, sh->sqlerror_finish);
}

/* Print E (raised by SQL, or while fetching when SQL is NULL) and track a lost session. */
static void report_error(shell *sh, const char *sql, int from_execute, const ora_error *e)
{
    err_context where = {sql, from_execute, 0, 0, 0, 0};
    int code = e->code; /* E may live in the connection, which may be closed below */
    int gone = is_connection_gone(code) || !sh->client->connected(sh->conn);
    if (code == ORA_EOF_ON_CHANNEL || code == 3135) {
        where.lost_session = 1;
        sh->client->session_id(sh->conn, &where.sid, &where.serial);
        if (sh->client->server_pid) where.server_pid = sh->client->server_pid(sh->conn);
    }
    err_print(sh->out, &where, e);
    if (code == ORA_SESSION_KILLED)
        lose_session(sh, ORA_NOT_LOGGED_ON);
    else if (gone)
        lose_session(sh, ORA_NOT_CONNECTED);
    whenever_sqlerror(sh, code);
}

/* Is there a session to send a statement to?  Prints why not. */
static int require_connection(shell *sh)
{
    if (sh->conn) return 1;
    if (sh->lost_code) {
        err_print_code(sh->out, sh->lost_code);
        whenever_sqlerror(sh, sh->lost_code);
    } else {
        err_print_sp2(sh->out, 640, "Not connected");
    }
    return 0;
}

/* ---- statements ---- */

/* COLUMN ... NEW_VALUE (OLD else) variables take the row's values (NULL: ""). */
static void set_column_variables(shell *sh, const wdn_column *cols, int n, const char **values,
                                 int old)
{
    for (int i = 0; i < n; i++) {
        const col_format *f = fmt_column_find(&sh->fmt, cols[i].name);
        const char *var = f ? (old ? f->old_value : f->new_value) : NULL;
        if (var) subst_define(&sh->vars, var, values[i] ? values[i] : "");
    }
}

/*
 * Print CUR's rows and close it.  A query's result (TITLE NULL) has its
 * closing blank line and feedback; a report prints TITLE before its first
 * row and nothing at all without rows.  Returns the rows printed.
 */
static uint64_t print_rows(shell *sh, wdn_cursor *cur, const char *title)
{
    const wsql_client *cl = sh->client;
    int n = cl->column_count(cur);
    wdn_column *cols = xcalloc((size_t)(n > 0 ? n : 1), sizeof *cols);
    const char **values = xcalloc((size_t)(n > 0 ? n : 1), sizeof *values);
    for (int i = 0; i < n; i++)
        cols[i] = *cl->column_info(cur, i);
    sh->fmt.title_ctx.user = sh->user;
    sh->fmt.title_ctx.sqlcode = sh->last_error_code;
    fmt_query *q = title ? NULL : fmt_query_new(&sh->fmt, cols, n, sh->out);
    ora_error e;
    ora_clear(&e);
    for (;;) {
        if (wsql_interrupted) {
            wsql_interrupted = 0;
            ora_set(&e, ORA_USER_CANCEL, 0);
            break;
        }
        int r = cl->fetch(cur);
        if (r == 0) break;
        if (r < 0) {
            e = *cl->last_error(sh->conn);
            break;
        }
        for (int i = 0; i < n; i++)
            values[i] = cl->value(cur, i);
        if (!q) {
            if (*title) fprintf(sh->out, "%s\n", title);
            q = fmt_query_new(&sh->fmt, cols, n, sh->out);
        }
        set_column_variables(sh, cols, n, values, 0);
        fmt_query_row(q, values);
        set_column_variables(sh, cols, n, values, 1);
    }
    cl->cursor_close(cur);
    if (e.code) report_error(sh, NULL, 0, &e);
    if (q && !title) fmt_query_end(q);
    uint64_t rows = q ? fmt_query_rows(q) : 0;
    fmt_query_free(q);
    free(values);
    free(cols);
    return rows;
}

static int compile_warning(shell *sh)
{
    return sh->client->compile_warning && sh->client->compile_warning(sh->conn);
}

/*
 * The feedback of a statement that succeeded; a unit it created becomes
 * SHOW ERRORS's default, and one with compilation errors (WARNED: the
 * statement's call said so) gets SQL*Plus's warning, which FEEDBACK OFF does
 * not silence.
 */
static void report_success(shell *sh, const char *sql, uint64_t rows, int warned)
{
    buf msg;
    buf_init(&msg);
    unit_ref unit;
    if (unit_created(sql, &unit)) sh->last_unit = unit;
    if (warned) {
        feedback_warning_message(&msg, sql);
        if (msg.len) fprintf(sh->out, "\n%s\n\n", buf_cstr(&msg));
    } else {
        feedback_message(&msg, sql, rows);
        if (msg.len) fmt_feedback(&sh->fmt, sh->out, buf_cstr(&msg));
    }
    buf_free(&msg);
    if (!sh->autocommit || !stmt_changes_rows(sql)) return;
    if (sh->client->commit(sh->conn) == 0)
        fmt_feedback(&sh->fmt, sh->out, "Commit complete.");
    else
        report_error(sh, NULL, 0, sh->client->last_error(sh->conn));
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static void print_elapsed(shell *sh, double seconds)
{
    buf text;
    buf_init(&text);
    elapsed_display(&text, seconds);
    fprintf(sh->out, "Elapsed: %s\n", buf_cstr(&text));
    buf_free(&text);
}

void wsql_run(shell *sh, const char *sql, int from_execute)
{
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (require_connection(sh)) {
        wdn_cursor *cur = NULL;
        uint64_t rows = 0;
        if (sh->client->execute(sh->conn, sql, NULL, 0, &cur, &rows) < 0) {
            report_error(sh, sql, from_execute, sh->client->last_error(sh->conn));
            server_output_print(sh);
        } else if (cur) {
            print_rows(sh, cur, NULL);
            server_output_print(sh);
        } else {
            int warned = compile_warning(sh); /* before DBMS_OUTPUT's calls */
            server_output_print(sh);
            report_success(sh, sql, rows, warned);
        }
    }
    if (sh->timing && !sh->exit_requested) print_elapsed(sh, seconds_since(&t0));
}

long wsql_run_report(shell *sh, const char *sql, const wdn_bind *binds, int nbinds,
                     const char *title)
{
    if (!require_connection(sh)) return -1;
    wdn_cursor *cur = NULL;
    uint64_t rows = 0;
    if (sh->client->execute(sh->conn, sql, binds, nbinds, &cur, &rows) < 0) {
        report_error(sh, NULL, 0, sh->client->last_error(sh->conn)); /* not the user's SQL */
        return -1;
    }
    return cur ? (long)print_rows(sh, cur, title) : 0;
}

void wsql_layout_begin(shell *sh, const report_column *cols, int n, fmt_settings *saved)
{
    *saved = sh->fmt;
    sh->fmt.cols = NULL, sh->fmt.ncols = 0, sh->fmt.feedback = 0;
    sh->fmt.breaks = NULL, sh->fmt.nbreaks = 0, sh->fmt.computes = NULL, sh->fmt.ncomputes = 0;
    sh->fmt.ttitle.on = sh->fmt.btitle.on = sh->fmt.repheader.on = sh->fmt.repfooter.on = 0;
    for (int i = 0; i < n; i++) {
        col_format *c = fmt_column(&sh->fmt, cols[i].name, 1);
        c->char_width = cols[i].width;
        c->fold = cols[i].fold;
    }
}

void wsql_layout_end(shell *sh, const fmt_settings *saved)
{
    fmt_columns_clear(&sh->fmt);
    sh->fmt = *saved;
}

void wsql_describe(shell *sh, const char *object)
{
    if (!require_connection(sh)) return;
    buf sql;
    buf_init(&sql);
    buf_printf(&sql, "SELECT * FROM %s WHERE 1 = 0", object);
    wdn_cursor *cur = NULL;
    uint64_t rows;
    if (sh->client->execute(sh->conn, buf_cstr(&sql), NULL, 0, &cur, &rows) < 0 || !cur) {
        ora_error e = *sh->client->last_error(sh->conn);
        if (e.code == ORA_TABLE_NOT_EXIST) ora_set(&e, 4043, 0, object);
        report_error(sh, NULL, 0, &e);
    } else {
        int n = sh->client->column_count(cur);
        wdn_column *cols = xcalloc((size_t)(n > 0 ? n : 1), sizeof *cols);
        for (int i = 0; i < n; i++)
            cols[i] = *sh->client->column_info(cur, i);
        sh->client->cursor_close(cur);
        describe_print(sh->out, cols, n);
        free(cols);
    }
    buf_free(&sql);
}

void wsql_shutdown(shell *sh, const char *mode)
{
    if (!require_connection(sh)) return;
    buf sql;
    buf_init(&sql);
    buf_printf(&sql, "SHUTDOWN %s", mode);
    wdn_cursor *cur = NULL;
    uint64_t rows;
    if (sh->client->execute(sh->conn, buf_cstr(&sql), NULL, 0, &cur, &rows) < 0) {
        report_error(sh, NULL, 0, sh->client->last_error(sh->conn));
    } else {
        if (cur) sh->client->cursor_close(cur);
        if (strncasecmp(mode, "ABORT", 5) != 0)
            fputs("Database closed.\nDatabase dismounted.\n", sh->out);
        fputs("ORACLE instance shut down.\n", sh->out);
        sh->client->close(sh->conn);
        sh->conn = NULL;
    }
    buf_free(&sql);
}
