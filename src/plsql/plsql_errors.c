/*
 * plsql_errors.c - how PL/SQL reports failures: compile errors (ORA-06550
 * with line, column and a PLS- message), run-time exceptions (raising,
 * predefined names, SQLCODE and SQLERRM) and the error an unhandled
 * exception leaves (the ORA- error, then "ORA-06512: at line N").
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "plsql_int.h"

#define USER_CODE_MIN 20000 /* RAISE_APPLICATION_ERROR's range */
#define USER_CODE_MAX 20999

void pl_line_col(const char *src, int off, int *line, int *col)
{
    *line = 1, *col = 1;
    for (int i = 0; i < off && src[i]; i++) {
        if (src[i] == '\n')
            (*line)++, *col = 1;
        else if (((unsigned char)src[i] & 0xC0) != 0x80)
            (*col)++;
    }
}

/* "line L, column C:" arguments of ORA-06550 into OUT. */
static void append_location(buf *out, const char *src, int off)
{
    int line, col;
    pl_line_col(src, off, &line, &col);
    buf_printf(out, "ORA-06550: line %d, column %d:\n", line, col);
}

int pl_compile_error(ora_error *err, const char *src, int off, int pls, const char *fmt, ...)
{
    buf b;
    buf_init(&b);
    append_location(&b, src, off);
    buf_printf(&b, "PLS-%05d: ", pls);
    va_list ap;
    va_start(ap, fmt);
    char text[ORA_MSG_MAX];
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    buf_puts(&b, text);
    int chars = 0; /* the error's place, in characters, as Oracle gives it to the client */
    for (int i = 0; i < off && src[i]; i++) chars += ((unsigned char)src[i] & 0xC0) != 0x80;
    ora_set_text(err, 6550, chars, buf_cstr(&b) + strlen("ORA-06550: "));
    buf_free(&b);
    return -1;
}

void pl_compile_ignored(ora_error *err, const char *src, int off, const char *what)
{
    buf b;
    buf_init(&b);
    buf_puts(&b, err->msg);
    buf_puts(&b, "\n");
    append_location(&b, src, off);
    buf_printf(&b, "PL/SQL: %s ignored", what);
    snprintf(err->msg, sizeof err->msg, "%s", buf_cstr(&b));
    buf_free(&b);
}

static int set_exception(pl_exec *ex, const ora_error *e)
{
    ex->exc.code = e->code;
    ex->exc.user_slot = 0;
    ex->exc.user_pkg[0] = '\0';
    ex->exc.line = ex->line;
    snprintf(ex->exc.msg, sizeof ex->exc.msg, "%s", e->msg);
    return -1;
}

int pl_raise(pl_exec *ex, int code, ...)
{
    ora_error e;
    va_list ap;
    va_start(ap, code);
    if (!ora_text(code) && code >= USER_CODE_MIN && code <= USER_CODE_MAX)
        ora_set_text(&e, code, 0, "");
    else
        ora_vset(&e, code, 0, ap);
    va_end(ap);
    return set_exception(ex, &e);
}

int pl_raise_text(pl_exec *ex, int code, const char *text)
{
    ora_error e;
    ora_set_text(&e, code, 0, text);
    return set_exception(ex, &e);
}

int pl_raise_error(pl_exec *ex, const ora_error *err)
{
    if (pl_safe_point(ex) < 0) return -1; /* the call is being interrupted: not an exception */
    return set_exception(ex, err);
}

/* The package PROG's exceptions belong to, "OWNER.NAME" into OUT; "" for a block's. */
static void exception_owner(const pl_program *prog, int slot, char out[264])
{
    out[0] = '\0';
    if (prog->package_name && slot < prog->npackage_slots)
        snprintf(out, 264, "%s.%s", prog->package_owner ? prog->package_owner : "",
                 prog->package_name);
}

/* Raise declared exception SLOT of PROG (its EXCEPTION_INIT code, or a user-defined one). */
static int raise_declared_of(pl_exec *ex, const pl_program *prog, int slot)
{
    int code = prog->decls[slot]->exc_code;
    if (code) return pl_raise(ex, code);
    pl_raise(ex, 6510);
    ex->exc.user_slot = slot + 1;
    exception_owner(prog, slot, ex->exc.user_pkg);
    return -1;
}

int pl_raise_declared(pl_exec *ex, int slot)
{
    return raise_declared_of(ex, ex->prog, slot);
}

int pl_raise_ref(pl_exec *ex, const pl_exc_ref *r)
{
    if (r->pkg) return raise_declared_of(ex, &r->pkg->spec, r->slot);
    if (r->slot >= 0) return pl_raise_declared(ex, r->slot);
    return pl_raise(ex, r->code, "");
}

int pl_exc_matches(const pl_exec *ex, const pl_exc_ref *r, const pl_exc *e)
{
    const pl_program *prog = r->pkg ? &r->pkg->spec : ex->prog;
    int code = r->slot >= 0 ? prog->decls[r->slot]->exc_code : r->code;
    if (code) return e->code == code && !e->user_slot;
    char owner[264];
    exception_owner(prog, r->slot, owner);
    return e->user_slot == r->slot + 1 && !strcmp(e->user_pkg, owner);
}

int pl_sqlcode(const pl_exc *e)
{
    if (!e) return 0;
    if (e->user_slot) return 1;
    return e->code == ORA_NO_DATA_FOUND ? 100 : -e->code;
}

const char *pl_sqlerrm(const pl_exc *e, size_t *len)
{
    const char *msg = !e             ? "ORA-0000: normal, successful completion"
                      : e->user_slot ? "User-Defined Exception"
                                     : e->msg;
    const char *backtrace = strstr(msg, "\nORA-06512: ");
    *len = backtrace ? (size_t)(backtrace - msg) : strlen(msg);
    return msg;
}

void pl_unhandled(const pl_exec *ex, ora_error *err)
{
    if (ex->fatal) {
        *err = ex->fatal_err;
        return;
    }
    ora_error at;
    char line[16];
    snprintf(line, sizeof line, "%d", ex->exc.line);
    ora_set(&at, 6512, 0, line);
    err->code = ex->exc.code;
    err->offset = 0;
    snprintf(err->msg, sizeof err->msg, "%s\n%s", ex->exc.msg, at.msg);
}

static const struct {
    const char *name;
    int code;
} predefined[] = {
    {"ACCESS_INTO_NULL", 6530},
    {"CASE_NOT_FOUND", 6592},
    {"COLLECTION_IS_NULL", 6531},
    {"CURSOR_ALREADY_OPEN", 6511},
    {"DUP_VAL_ON_INDEX", ORA_UNIQUE_VIOLATED},
    {"INVALID_CURSOR", 1001},
    {"INVALID_NUMBER", ORA_INVALID_NUMBER},
    {"LOGIN_DENIED", ORA_INVALID_LOGON},
    {"NO_DATA_FOUND", ORA_NO_DATA_FOUND},
    {"NOT_LOGGED_ON", ORA_NOT_LOGGED_ON},
    {"PROGRAM_ERROR", 6501},
    {"ROWTYPE_MISMATCH", 6504},
    {"STORAGE_ERROR", 6500},
    {"SUBSCRIPT_BEYOND_COUNT", 6533},
    {"SUBSCRIPT_OUTSIDE_LIMIT", 6532},
    {"SYS_INVALID_ROWID", 1410},
    {"TIMEOUT_ON_RESOURCE", 51},
    {"TOO_MANY_ROWS", 1422},
    {"VALUE_ERROR", 6502},
    {"ZERO_DIVIDE", 1476},
};

int pl_exception_code(const char *name)
{
    for (size_t i = 0; i < sizeof predefined / sizeof predefined[0]; i++)
        if (strcmp(predefined[i].name, name) == 0) return predefined[i].code;
    return 0;
}
