/*
 * unit_functions.c - stored functions called from SQL statements.
 *
 * SQLite resolves a statement's function names when it prepares it, and
 * knows only the functions registered on the connection.  When it reports
 * "no such function: NAME" the engine asks the server whether the session
 * may call a stored function of that name, registers NAME on the session's
 * connection (any number of arguments), and prepares the statement again.
 * Each call converts the SQLite values to bind values, runs the function
 * through the server (the PL/SQL interpreter) and hands its value back as
 * the engine binds values: a number as an integer or a double when that is
 * exact, else decimal text.  Built-in functions win over stored ones of the
 * same name, as in Oracle's SQL.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/hex.h"
#include "engine_internal.h"

#define MISSING "no such function: "

int unit_function_missing(const char *msg, char *name, size_t size)
{
    if (!msg || strncmp(msg, MISSING, strlen(MISSING)) != 0) return 0;
    snprintf(name, size, "%s", msg + strlen(MISSING));
    return name[0] != '\0';
}

/* What a registered function carries: the server and the function's name. */
typedef struct unit_function {
    eng_function_host host;
    char name[];
} unit_function;

/* SQLite's argument V as a bind value, its text in TEXT (kept until the call ends). */
static eng_value argument(sqlite3_value *v, buf *text)
{
    eng_value e = {.is_null = 1};
    int type = sqlite3_value_type(v);
    if (type == SQLITE_NULL) return e;
    buf_reset(text);
    if (type == SQLITE_BLOB)
        hex_put(text, sqlite3_value_blob(v), (size_t)sqlite3_value_bytes(v));
    else
        buf_put(text, sqlite3_value_text(v), (size_t)sqlite3_value_bytes(v));
    e.is_null = 0;
    e.kind = type == SQLITE_TEXT || type == SQLITE_BLOB ? ENG_VAL_TEXT : ENG_VAL_NUMBER;
    e.text = buf_cstr(text);
    e.len = text->len;
    return e;
}

/* The function's value as SQL gets it: numbers as numbers, the rest as text. */
static void give_result(sqlite3_context *ctx, const eng_value *r)
{
    if (r->is_null || !r->text) return sqlite3_result_null(ctx);
    if (r->kind == ENG_VAL_NUMBER) {
        char *end;
        long long i = strtoll(r->text, &end, 10);
        if (*r->text && !*end) return sqlite3_result_int64(ctx, i);
        double d = strtod(r->text, &end);
        if (*r->text && !*end && strlen(r->text) <= 16) return sqlite3_result_double(ctx, d);
    }
    sqlite3_result_text(ctx, r->text, (int)r->len, SQLITE_TRANSIENT);
}

static void call_unit_function(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    const unit_function *f = sqlite3_user_data(ctx);
    eng_value *args = xcalloc((size_t)argc + 1, sizeof *args);
    buf *texts = xcalloc((size_t)argc + 1, sizeof *texts);
    for (int i = 0; i < argc; i++) {
        buf_init(&texts[i]);
        args[i] = argument(argv[i], &texts[i]);
    }
    eng_value result = {.is_null = 1};
    ora_error err;
    ora_clear(&err);
    if (f->host.call(f->host.arg, f->name, args, argc, &result, &err) < 0)
        sqlite3_result_error(ctx, err.msg, -1);
    else
        give_result(ctx, &result);
    free((char *)result.text);
    for (int i = 0; i < argc; i++) buf_free(&texts[i]);
    free(texts);
    free(args);
}

int unit_function_define(sqlite3 *db, const char *name, const eng_function_host *h)
{
    size_t n = strlen(name) + 1;
    unit_function *f = xmalloc(sizeof *f + n);
    f->host = *h;
    memcpy(f->name, name, n);
    return sqlite3_create_function_v2(db, name, -1, SQLITE_UTF8, f, call_unit_function, NULL,
                                      NULL, free);
}
