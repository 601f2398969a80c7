/*
 * plsql_builtins.c - the built-in procedures: DBMS_OUTPUT (lines handed to
 * host->put_line as they are completed), DBMS_LOCK.SLEEP and
 * DBMS_SESSION.SLEEP (host->sleep), DBMS_APPLICATION_INFO and
 * DBMS_SESSION.SET_IDENTIFIER (host->set_app_info; SET_SESSION_LONGOPS:
 * host->set_longops), DBMS_SESSION's and
 * DBMS_MONITOR's SESSION_TRACE_ENABLE / _DISABLE (host->session_trace),
 * RAISE_APPLICATION_ERROR, and the DBMS_LOB procedures (plsql_dbms_lob.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plsql_int.h"

#define MODULE_MAX 48 /* bytes Oracle keeps of each attribute */
#define ACTION_MAX 32
#define CLIENT_INFO_MAX 64
#define CLIENT_ID_MAX 64
#define APP_ERROR_MIN 20000
#define APP_ERROR_MAX 20999
#define APP_ERROR_TEXT_MAX 2048

/* ---------------- DBMS_OUTPUT ---------------- */

static int output_append(pl_exec *ex, pval *v)
{
    if (pl_to_text(ex, v) < 0) return -1;
    size_t n = v->text ? strlen(v->text) : 0;
    if (ex->out_line->len + n > PL_MAX_TEXT)
        return pl_raise_text(ex, APP_ERROR_MIN,
                             "ORU-10028: line length overflow, limit of 32767 bytes per line");
    if (n) buf_put(ex->out_line, v->text, n);
    return 0;
}

static void output_line_done(pl_exec *ex)
{
    if (ex->host->put_line) ex->host->put_line(ex->host->arg, buf_cstr(ex->out_line));
    buf_reset(ex->out_line);
}

static int put(pl_exec *ex, const pl_stmt *st, pval *args)
{
    return ex->output_enabled ? output_append(ex, &args[0]) : 0;
}

static int put_line(pl_exec *ex, const pl_stmt *st, pval *args)
{
    if (!ex->output_enabled) return 0;
    if (output_append(ex, &args[0]) < 0) return -1;
    output_line_done(ex);
    return 0;
}

static int new_line(pl_exec *ex, const pl_stmt *st, pval *args)
{
    if (ex->output_enabled) output_line_done(ex);
    return 0;
}

static int enable(pl_exec *ex, const pl_stmt *st, pval *args)
{
    ex->output_enabled = 1;
    if (ex->host->output_enable) ex->host->output_enable(ex->host->arg, 1);
    return 0;
}

static int disable(pl_exec *ex, const pl_stmt *st, pval *args)
{
    ex->output_enabled = 0;
    buf_reset(ex->out_line);
    if (ex->host->output_enable) ex->host->output_enable(ex->host->arg, 0);
    return 0;
}

/* GET_LINE(line OUT, status OUT): the buffer's next line and 0, or NULL and 1 when it has none. */
static int get_line(pl_exec *ex, const pl_stmt *st, pval *args)
{
    char *line = NULL;
    int got = ex->host->output_next && ex->host->output_next(ex->host->arg, &line) == 1;
    pv_free(&args[0]);
    args[0] = got ? pv_text(line, strlen(line)) : pv_null();
    free(line);
    pv_free(&args[1]);
    args[1] = pv_int(got ? 0 : 1);
    return 0;
}

void pl_output_end(pl_exec *ex)
{
    buf_free(&ex->own_line); /* a line PUT but never ended is not shown, as in Oracle */
}

/* ---------------- sleeping ---------------- */

static int sleep_seconds(pl_exec *ex, const pl_stmt *st, pval *args)
{
    pdec d;
    if (args[0].kind == PLSQL_NULL) return pl_raise(ex, 6502, "");
    if (pl_to_number(ex, &args[0], &d) < 0) return -1;
    double seconds = pdec_to_double(&d);
    if (seconds < 0) return pl_raise(ex, 6502, "");
    if (!ex->host->sleep) return 0;
    ora_error err;
    ora_clear(&err);
    if (ex->host->sleep(ex->host->arg, seconds, &err) == 0) return 0;
    if (!err.code) ora_set(&err, ORA_USER_CANCEL, 0);
    return pl_raise_error(ex, &err);
}

/* ---------------- session attributes ---------------- */

/* ARG as text cut to MAX bytes (not inside a character); NULL becomes "". */
static int attribute_text(pl_exec *ex, pval *arg, size_t max, char *out)
{
    if (pl_to_text(ex, arg) < 0) return -1;
    const char *s = arg->text ? arg->text : "";
    size_t n = strlen(s);
    if (n > max) {
        n = max;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(out, s, n);
    out[n] = 0;
    return 0;
}

static int set_attribute(pl_exec *ex, enum plsql_app_attr which, pval *arg, size_t max)
{
    char text[CLIENT_INFO_MAX + 1];
    if (attribute_text(ex, arg, max, text) < 0) return -1;
    if (ex->host->set_app_info) ex->host->set_app_info(ex->host->arg, which, text);
    return 0;
}

static int set_module(pl_exec *ex, const pl_stmt *st, pval *args)
{
    char module[MODULE_MAX + 1], action[ACTION_MAX + 1];
    if (attribute_text(ex, &args[0], MODULE_MAX, module) < 0 ||
        attribute_text(ex, &args[1], ACTION_MAX, action) < 0)
        return -1;
    if (!ex->host->set_app_info) return 0;
    ex->host->set_app_info(ex->host->arg, PLSQL_MODULE, module);
    ex->host->set_app_info(ex->host->arg, PLSQL_ACTION, action);
    return 0;
}

static int set_action(pl_exec *ex, const pl_stmt *st, pval *args)
{
    return set_attribute(ex, PLSQL_ACTION, &args[0], ACTION_MAX);
}

static int set_client_info(pl_exec *ex, const pl_stmt *st, pval *args)
{
    return set_attribute(ex, PLSQL_CLIENT_INFO, &args[0], CLIENT_INFO_MAX);
}

static int set_identifier(pl_exec *ex, const pl_stmt *st, pval *args)
{
    return set_attribute(ex, PLSQL_CLIENT_IDENTIFIER, &args[0], CLIENT_ID_MAX);
}

static int clear_identifier(pl_exec *ex, const pl_stmt *st, pval *args)
{
    pval none = pv_null();
    return set_attribute(ex, PLSQL_CLIENT_IDENTIFIER, &none, CLIENT_ID_MAX);
}

/* ARG as a number, DEFAULT for NULL. */
static int number_or(pl_exec *ex, const pval *arg, double dflt, double *out)
{
    pdec d;
    if (arg->kind == PLSQL_NULL) {
        *out = dflt;
        return 0;
    }
    if (pl_to_number(ex, arg, &d) < 0) return -1;
    *out = pdec_to_double(&d);
    return 0;
}

/*
 * SET_SESSION_LONGOPS (rindex, slno, op_name, target, context, sofar,
 * totalwork, target_desc, units): rindex and slno are IN OUT tokens naming
 * the row (SET_SESSION_LONGOPS_NOHINT, -1, starts a new one); TARGET_DESC
 * not given is 'unknown target', as Oracle's default.
 */
static int set_session_longops(pl_exec *ex, const pl_stmt *st, pval *args)
{
    char opname[65], target_desc[33], units[33];
    double rindex, slno, target, context;
    plsql_longop op = {opname, target_desc, units, 0, 0, 0, 0};
    if (number_or(ex, &args[0], -1, &rindex) < 0 || number_or(ex, &args[1], 0, &slno) < 0 ||
        attribute_text(ex, &args[2], 64, opname) < 0 || number_or(ex, &args[3], 0, &target) < 0 ||
        number_or(ex, &args[4], 0, &context) < 0 || number_or(ex, &args[5], 0, &op.sofar) < 0 ||
        number_or(ex, &args[6], 0, &op.totalwork) < 0 || attribute_text(ex, &args[8], 32, units) < 0)
        return -1;
    if (!st->argv[7]) snprintf(target_desc, sizeof target_desc, "unknown target");
    else if (attribute_text(ex, &args[7], 32, target_desc) < 0) return -1;
    op.target = (int64_t)target, op.context = (int64_t)context;
    int r = rindex >= 0 && rindex < 1e9 ? (int)rindex : -1, n = slno > 0 && slno < 2e9 ? (int)slno : 0;
    if (ex->host->set_longops) ex->host->set_longops(ex->host->arg, &op, &r, &n);
    pv_free(&args[0]);
    pv_free(&args[1]);
    args[0] = pv_int(r);
    args[1] = pv_int(n);
    return 0;
}

/* ---------------- RAISE_APPLICATION_ERROR ---------------- */

static int raise_application_error(pl_exec *ex, const pl_stmt *st, pval *args)
{
    pdec d;
    int64_t code = 0;
    char num[PDEC_TEXT_MAX];
    if (args[0].kind == PLSQL_NULL) return pl_raise(ex, 21000, "", "");
    if (pl_to_number(ex, &args[0], &d) < 0) return -1;
    if (pdec_round(&d, 0) != PDEC_OK || pdec_to_int(&d, &code) != PDEC_OK ||
        -code < APP_ERROR_MIN || -code > APP_ERROR_MAX) {
        pdec_format(&d, num);
        return pl_raise(ex, 21000, num, "");
    }
    if (pl_to_text(ex, &args[1]) < 0) return -1;
    char text[APP_ERROR_TEXT_MAX + 1];
    snprintf(text, sizeof text, "%s", args[1].text ? args[1].text : "");
    return pl_raise_text(ex, (int)-code, text);
}

/* ---------------- implicit results ---------------- */

/* DBMS_SQL.RETURN_RESULT(rc [, to_client]): the client gets the open cursor after the call. */
static int return_result(pl_exec *ex, const pl_stmt *st, pval *args)
{
    if (args[0].kind != PLSQL_CURSOR || !args[0].text) return pl_raise(ex, 1001);
    if (!ex->host->return_result) return pl_raise(ex, ORA_UNIMPLEMENTED);
    ora_error err;
    if (ex->host->return_result(ex->host->arg, strtoll(args[0].text, NULL, 10), &err) < 0)
        return pl_raise_error(ex, &err);
    return 0;
}

/* ---------------- SQL trace ---------------- */

/* A BOOLEAN argument; NULL (or not given) is DEFLT. */
static int flag(const pval *v, int deflt)
{
    return v->kind == PLSQL_NULL ? deflt : v->i != 0;
}

/* A session's trace on or off: SID 0 is the session itself. */
static int session_trace(pl_exec *ex, int sid, const pval *serial, int on, int waits, int binds)
{
    if (!ex->host->session_trace) return pl_raise(ex, ORA_UNIMPLEMENTED);
    pdec d;
    int64_t n = 0;
    if (sid && serial->kind != PLSQL_NULL &&
        (pl_to_number(ex, (pval *)serial, &d) < 0 || pdec_to_int(&d, &n) != PDEC_OK))
        return -1;
    ora_error err;
    if (ex->host->session_trace(ex->host->arg, sid, (uint32_t)n, on, waits, binds, &err) < 0)
        return pl_raise_error(ex, &err);
    return 0;
}

/* DBMS_SESSION.SESSION_TRACE_ENABLE([waits => TRUE] [, binds => FALSE] [, plan_stat]). */
static int own_trace_enable(pl_exec *ex, const pl_stmt *st, pval *args)
{
    return session_trace(ex, 0, NULL, 1, flag(&args[0], 1), flag(&args[1], 0));
}

static int own_trace_disable(pl_exec *ex, const pl_stmt *st, pval *args)
{
    return session_trace(ex, 0, NULL, 0, 0, 0);
}

/* The SID of DBMS_MONITOR's SESSION_ID argument, 0 (NULL) for the session itself. */
static int monitored_sid(pl_exec *ex, pval *v, int *sid)
{
    pdec d;
    int64_t n = 0;
    if (v->kind != PLSQL_NULL && (pl_to_number(ex, v, &d) < 0 || pdec_to_int(&d, &n) != PDEC_OK))
        return -1;
    *sid = (int)n;
    return 0;
}

/* DBMS_MONITOR.SESSION_TRACE_ENABLE([session_id] [, serial_num] [, waits => TRUE]
 * [, binds => FALSE] [, plan_stat]): session_id NULL is the session itself. */
static int monitor_trace_enable(pl_exec *ex, const pl_stmt *st, pval *args)
{
    int sid;
    if (monitored_sid(ex, &args[0], &sid) < 0) return -1;
    return session_trace(ex, sid, &args[1], 1, flag(&args[2], 1), flag(&args[3], 0));
}

static int monitor_trace_disable(pl_exec *ex, const pl_stmt *st, pval *args)
{
    int sid;
    if (monitored_sid(ex, &args[0], &sid) < 0) return -1;
    return session_trace(ex, sid, &args[1], 0, 0, 0);
}

/* DBMS_SESSION.RESET_PACKAGE: every package's state goes once the client's call has ended. */
static int reset_package(pl_exec *ex, const pl_stmt *st, pval *args)
{
    pl_packages_reset_after_call(ex->host->packages);
    return 0;
}

/* ---------------- the table ---------------- */

static const pl_builtin builtins[] = {
    {"DBMS_OUTPUT", "PUT_LINE", {"A"}, 1, 1, put_line, 0, 0},
    {"DBMS_OUTPUT", "PUT", {"A"}, 1, 1, put, 0, 0},
    {"DBMS_OUTPUT", "NEW_LINE", {NULL}, 0, 0, new_line, 0, 0},
    {"DBMS_OUTPUT", "ENABLE", {"BUFFER_SIZE"}, 0, 1, enable, 0, 0},
    {"DBMS_OUTPUT", "DISABLE", {NULL}, 0, 0, disable, 0, 0},
    {"DBMS_OUTPUT", "GET_LINE", {"LINE", "STATUS"}, 2, 2, get_line, 0x3, 0},
    {"DBMS_LOCK", "SLEEP", {"SECONDS"}, 1, 1, sleep_seconds, 0, 0},
    {"DBMS_SQL", "RETURN_RESULT", {"RC", "TO_CLIENT"}, 1, 2, return_result, 0, 0},
    {"DBMS_SESSION", "SLEEP", {"SECONDS"}, 1, 1, sleep_seconds, 0, 0},
    {"DBMS_SESSION", "SET_IDENTIFIER", {"CLIENT_ID"}, 1, 1, set_identifier, 0, 0},
    {"DBMS_SESSION", "CLEAR_IDENTIFIER", {NULL}, 0, 0, clear_identifier, 0, 0},
    {"DBMS_SESSION", "RESET_PACKAGE", {NULL}, 0, 0, reset_package, 0, 0},
    {"DBMS_SESSION", "SESSION_TRACE_ENABLE", {"WAITS", "BINDS", "PLAN_STAT"}, 0, 3,
     own_trace_enable, 0, 0x3},
    {"DBMS_SESSION", "SESSION_TRACE_DISABLE", {NULL}, 0, 0, own_trace_disable, 0, 0},
    {"DBMS_MONITOR", "SESSION_TRACE_ENABLE", {"SESSION_ID", "SERIAL_NUM", "WAITS", "BINDS", "PLAN_STAT"},
     0, 5, monitor_trace_enable, 0, 0xC},
    {"DBMS_MONITOR", "SESSION_TRACE_DISABLE", {"SESSION_ID", "SERIAL_NUM"}, 0, 2,
     monitor_trace_disable, 0, 0},
    {"DBMS_APPLICATION_INFO", "SET_MODULE", {"MODULE_NAME", "ACTION_NAME"}, 2, 2, set_module, 0,
     0},
    {"DBMS_APPLICATION_INFO", "SET_ACTION", {"ACTION_NAME"}, 1, 1, set_action, 0, 0},
    {"DBMS_APPLICATION_INFO", "SET_CLIENT_INFO", {"CLIENT_INFO"}, 1, 1, set_client_info, 0, 0},
    {"DBMS_APPLICATION_INFO", "SET_SESSION_LONGOPS", {"RINDEX", "SLNO", "OP_NAME", "TARGET",
     "CONTEXT", "SOFAR", "TOTALWORK", "TARGET_DESC", "UNITS"}, 2, 9, set_session_longops, 0x3, 0},
    {NULL, "RAISE_APPLICATION_ERROR", {"NUM", "MSG", "KEEPERRORS"}, 2, 3, raise_application_error, 0,
     1u << 2},
    {"DBMS_LOB", "CREATETEMPORARY", {"LOB_LOC", "CACHE", "DUR"}, 2, 3, pl_lob_createtemporary, 1,
     1u << 1},
    {"DBMS_LOB", "FREETEMPORARY", {"LOB_LOC"}, 1, 1, pl_lob_freetemporary, 1, 0},
    {"DBMS_LOB", "WRITEAPPEND", {"LOB_LOC", "AMOUNT", "BUFFER"}, 3, 3, pl_lob_writeappend, 1, 0},
    {"DBMS_LOB", "WRITE", {"LOB_LOC", "AMOUNT", "OFFSET", "BUFFER"}, 4, 4, pl_lob_write, 1, 0},
    {"DBMS_LOB", "APPEND", {"DEST_LOB", "SRC_LOB"}, 2, 2, pl_lob_append, 1, 0},
    {"DBMS_LOB", "COPY", {"DEST_LOB", "SRC_LOB", "AMOUNT", "DEST_OFFSET", "SRC_OFFSET"}, 3, 5,
     pl_lob_copy, 1, 0},
    {"DBMS_LOB", "TRIM", {"LOB_LOC", "NEWLEN"}, 2, 2, pl_lob_trim, 1, 0},
    {"DBMS_LOB", "ERASE", {"LOB_LOC", "AMOUNT", "OFFSET"}, 2, 3, pl_lob_erase, 3, 0},
    {"DBMS_LOB", "READ", {"LOB_LOC", "AMOUNT", "OFFSET", "BUFFER"}, 4, 4, pl_lob_read, 0xA, 0},
};

const pl_builtin *pl_builtin_find(const char *package, const char *name, int *package_known)
{
    *package_known = 0;
    for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++) {
        const pl_builtin *b = &builtins[i];
        if ((package == NULL) != (b->package == NULL)) continue;
        if (package && strcmp(b->package, package) != 0) continue;
        *package_known = 1;
        if (strcmp(b->name, name) == 0) return b;
    }
    return NULL;
}
