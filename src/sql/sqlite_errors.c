/*
 * sqlite_errors.c - sql_map_sqlite_error(): the Oracle error a client would
 * have seen for a failure SQLite reported on translated text.
 *
 * Messages are matched by their fixed SQLite wording; the offset comes from
 * sqlite3_error_offset() through the offset map, or from finding the named
 * object in the translated text.  Errors raised by Warden's own SQL functions
 * already read "ORA-NNNNN: text" and pass through unchanged.  What matches
 * nothing is chosen by SQLite's result code; the SQLite text itself is not
 * shown to clients (the caller may log it).
 */
#include "translate.h"

#include <ctype.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"

typedef struct failure {
    const sql_stmt *st;
    const sql_sqlite_text *text;   /* the statement's SQLite text, or NULL */
    const sql_object_name *object; /* the object it touches, or NULL */
    const char *msg;               /* SQLite's message */
    int sqlite_code;               /* primary result code */
    int sqlite_off;                /* offset in text->sql, or -1 */
    int off;         /* Oracle byte offset */
    ora_error *err;
} failure;

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int is_ident_char(int c)
{
    return isalnum(c) || c == '_' || c == '$' || c == '#' || c >= 0x80;
}

/* Where NAME stands in the SQLite text, quoted or as a whole word; -1 if nowhere. */
static int find_name(const char *text, const char *name)
{
    size_t n = strlen(name);
    if (!text || !n) return -1;
    for (const char *p = text; (p = strstr(p, name)) != NULL; p++) {
        int quoted = p > text && p[-1] == '"' && p[n] == '"';
        int word = (p == text || !is_ident_char((unsigned char)p[-1])) &&
                   !is_ident_char((unsigned char)p[n]);
        if (quoted) return (int)(p - text) - 1;
        if (word) return (int)(p - text);
    }
    return -1;
}

/* The Oracle offset of NAME's appearance, or of SQLite's own offset when it gave one. */
static int offset_of(const failure *f, const char *name)
{
    if (f->sqlite_off >= 0 || !f->text) return f->off;
    int at = find_name(f->text->sql, name);
    return at < 0 ? f->off : sql_map_offset(f->st, at);
}

/* Copy MSG after PREFIX up to the end or a character in STOP. */
static void after_prefix(const char *msg, const char *prefix, const char *stop, char *out,
                         size_t outsz)
{
    const char *p = msg + strlen(prefix);
    size_t n = strcspn(p, stop);
    snprintf(out, outsz, "%.*s", (int)n, p);
}

static void strip_quotes(char *s)
{
    size_t n = strlen(s);
    if (n >= 2 && (s[0] == '"' || s[0] == '\'') && s[n - 1] == s[0]) {
        memmove(s, s + 1, n - 2);
        s[n - 2] = 0;
    }
    if (starts_with(s, "main.")) memmove(s, s + 5, strlen(s + 5) + 1);
}

/* A dotted name as Oracle quotes it: SCOTT.EMP.ENAME -> "SCOTT"."EMP"."ENAME". */
static void quote_parts(const char *name, buf *b)
{
    buf_putc(b, '"');
    for (const char *p = name; *p; p++) {
        if (*p == '.')
            buf_puts(b, "\".\"");
        else
            buf_putc(b, (uint8_t)*p);
    }
    buf_putc(b, '"');
}

/* ---- one handler per kind of message ---- */

static int oracle_passthrough(failure *f)
{
    if (!starts_with(f->msg, "ORA-") || !isdigit((unsigned char)f->msg[4])) return 0;
    const char *text = strstr(f->msg, ": ");
    ora_set_text(f->err, atoi(f->msg + 4), f->off, text ? text + 2 : f->msg);
    return 1;
}

static int missing_object(failure *f)
{
    static const char *const prefixes[] = {
        "no such table: ", "no such view: ", "no such index: ", NULL};
    for (int i = 0; prefixes[i]; i++) {
        if (!starts_with(f->msg, prefixes[i])) continue;
        char name[256];
        after_prefix(f->msg, prefixes[i], "", name, sizeof name);
        strip_quotes(name);
        ora_set(f->err, i == 2 ? 1418 : ORA_TABLE_NOT_EXIST, offset_of(f, name));
        return 1;
    }
    return 0;
}

static int invalid_identifier(failure *f)
{
    const char *prefix = starts_with(f->msg, "no such column: ")     ? "no such column: "
                         : starts_with(f->msg, "no such function: ") ? "no such function: "
                                                                     : NULL;
    if (!prefix) return 0;
    char name[256];
    after_prefix(f->msg, prefix, "", name, sizeof name);
    buf quoted;
    buf_init(&quoted);
    quote_parts(name, &quoted);
    const char *last = strrchr(name, '.');
    ora_set(f->err, ORA_INVALID_IDENTIFIER, offset_of(f, last ? last + 1 : name),
            buf_cstr(&quoted));
    buf_free(&quoted);
    return 1;
}

/* "SCOTT.EMP.ENAME" -> schema "SCOTT" (the part before the first dot), or the statement's. */
static void schema_of(const failure *f, const char *name, char *out, size_t outsz)
{
    const char *dot = strchr(name, '.');
    if (dot && strchr(dot + 1, '.'))
        snprintf(out, outsz, "%.*s", (int)(dot - name), name);
    else
        snprintf(out, outsz, "%s", f->object && f->object->schema ? f->object->schema : "");
}

/* Oracle names unnamed constraints SYS_Cnnnnnn; derive a stable one from what SQLite names. */
static void system_constraint_name(const failure *f, const char *what, char *out, size_t outsz)
{
    char schema[130];
    unsigned h = 5381;
    for (const char *p = what; *p; p++)
        h = h * 33 + (unsigned char)*p;
    schema_of(f, what, schema, sizeof schema);
    snprintf(out, outsz, "%s%sSYS_C00%04u", schema, schema[0] ? "." : "", h % 10000);
}

static int constraint_failed(failure *f)
{
    char what[256], name[400];
    if (starts_with(f->msg, "UNIQUE constraint failed: ")) {
        after_prefix(f->msg, "UNIQUE constraint failed: ", ",", what, sizeof what);
        if (starts_with(what, "index ")) {
            snprintf(name, sizeof name, "%s", what + 6);
            strip_quotes(name);
        } else {
            system_constraint_name(f, what, name, sizeof name);
        }
        ora_set(f->err, ORA_UNIQUE_VIOLATED, 0, name);
        return 1;
    }
    if (starts_with(f->msg, "NOT NULL constraint failed: ")) {
        buf quoted;
        buf_init(&quoted);
        after_prefix(f->msg, "NOT NULL constraint failed: ", "", what, sizeof what);
        quote_parts(what, &quoted);
        ora_set(f->err, ORA_CANNOT_INSERT_NULL, 0, buf_cstr(&quoted));
        buf_free(&quoted);
        return 1;
    }
    if (starts_with(f->msg, "CHECK constraint failed: ")) {
        char schema[130];
        after_prefix(f->msg, "CHECK constraint failed: ", "", what, sizeof what);
        schema_of(f, "", schema, sizeof schema);
        snprintf(name, sizeof name, "%s%s%s", schema, schema[0] ? "." : "", what);
        ora_set(f->err, 2290, 0, name);
        return 1;
    }
    if (starts_with(f->msg, "FOREIGN KEY constraint failed")) {
        system_constraint_name(f, f->object && f->object->name ? f->object->name : "FK", name,
                               sizeof name);
        int parent_side = strstr(f->msg, SQL_FK_CHILD_FOUND) || (f->st && f->st->command_type == 7);
        ora_set(f->err, parent_side ? 2292 : 2291, 0, name);
        return 1;
    }
    return 0;
}

static int object_exists(failure *f)
{
    if (!strstr(f->msg, " already exists")) return 0;
    if (starts_with(f->msg, "duplicate column")) return 0;
    ora_set(f->err, ORA_NAME_IN_USE, f->off);
    return 1;
}

/* "3 values for 2 columns", "table T has 2 columns but 3 values were supplied" */
static int value_count(failure *f)
{
    int values, columns;
    const char *p = strstr(f->msg, " has ");
    if (sscanf(f->msg, "%d values for %d columns", &values, &columns) == 2 ||
        sscanf(f->msg, "sub-select returns %d columns - expected %d", &values, &columns) == 2 ||
        (starts_with(f->msg, "table ") && p &&
         sscanf(p, " has %d columns but %d values were supplied", &columns, &values) == 2)) {
        ora_set(f->err, values > columns ? 913 : 947, f->off);
        return 1;
    }
    return 0;
}

/* Messages that map one to one. */
static int fixed_message(failure *f)
{
    static const struct {
        const char *prefix;
        int code;
    } map[] = {
        {"ambiguous column name", 918},
        {"misuse of aggregate", 934},
        {"aggregate functions are not allowed", 934},
        {"misuse of window function", 934},
        {"wrong number of arguments to function", 909},
        {"a GROUP BY clause is required", 979},
        {"SELECTs to the left and right of", 1789},
        {"unrecognized token", 911},
        {"integer overflow", 1426},
        {"string or blob too big", 1489},
        {"has more than one primary key", 2260},
        {"Cannot add a NOT NULL column", 1758},
        {"Cannot add a", ORA_UNIMPLEMENTED},
        {"cannot drop", ORA_UNIMPLEMENTED},
        {"parser stack overflow", ORA_UNIMPLEMENTED}, /* expressions nested ~30 deep */
        {"may not be modified", 2030},
        {"may not be dropped", 2030},
        {"datatype mismatch", ORA_INVALID_NUMBER},
        {"interrupted", ORA_USER_CANCEL},
        {"database is locked", ORA_RESOURCE_BUSY},
        {"attempt to write a readonly database", 16000},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
        if (!strstr(f->msg, map[i].prefix)) continue;
        ora_set(f->err, map[i].code, f->off);
        return 1;
    }
    return 0;
}

static int duplicate_column(failure *f)
{
    if (!starts_with(f->msg, "duplicate column name")) return 0;
    ora_set(f->err, f->st && f->st->command_type == 15 ? 1430 : 957, f->off);
    return 1;
}

static int drop_wrong_kind(failure *f)
{
    if (!starts_with(f->msg, "use DROP ")) return 0;
    ora_set(f->err, f->st && f->st->command_type == 21 ? ORA_NAME_IN_USE : ORA_TABLE_NOT_EXIST,
            f->off);
    return 1;
}

static int no_savepoint(failure *f)
{
    char name[256];
    if (!starts_with(f->msg, "no such savepoint: ")) return 0;
    after_prefix(f->msg, "no such savepoint: ", "", name, sizeof name);
    ora_set(f->err, 1086, 0, name);
    return 1;
}

/* Which Oracle syntax error fits "near "X": syntax error". */
static int syntax_error(failure *f)
{
    static const char *const expression_enders[] = {
        ")",  ",",    "FROM", "WHERE", "GROUP", "ORDER",  "HAVING",    "AND",
        "OR", "THEN", "ELSE", "END",   "UNION", "EXCEPT", "INTERSECT", NULL};
    if (starts_with(f->msg, "incomplete input")) {
        int end = f->text && f->text->nmap ? f->text->map[f->text->nmap - 1].oracle_off : f->off;
        ora_set(f->err, 921, end);
        return 1;
    }
    if (!strstr(f->msg, "syntax error")) return 0;
    char token[128] = "";
    if (starts_with(f->msg, "near \"")) after_prefix(f->msg, "near \"", "\"", token, sizeof token);
    int code = ORA_NOT_PROPERLY_ENDED;
    for (int i = 0; expression_enders[i]; i++)
        if (strcasecmp(token, expression_enders[i]) == 0) code = ORA_MISSING_EXPRESSION;
    ora_set(f->err, code, f->sqlite_off >= 0 ? f->off : offset_of(f, token));
    return 1;
}

/* Nothing matched: choose by SQLite's result code. */
static void by_result_code(failure *f)
{
    switch (f->sqlite_code) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        ora_set(f->err, ORA_RESOURCE_BUSY, 0);
        break;
    case SQLITE_INTERRUPT:
        ora_set(f->err, ORA_USER_CANCEL, 0);
        break;
    case SQLITE_READONLY:
        ora_set(f->err, 16000, 0);
        break;
    case SQLITE_NOMEM: /* past session_pga_limit (SQLite's hard heap limit), or truly out */
        if (sqlite3_hard_heap_limit64(-1) > 0) ora_set(f->err, ORA_PGA_LIMIT, 0);
        else ora_set(f->err, 4030, 0, "0", "sqlite", "malloc");
        break;
    case SQLITE_TOOBIG:
        ora_set(f->err, 1489, 0);
        break;
    case SQLITE_MISMATCH:
        ora_set(f->err, ORA_INVALID_NUMBER, 0);
        break;
    case SQLITE_RANGE:
        ora_set(f->err, 1036, 0);
        break;
    case SQLITE_CONSTRAINT:
        ora_set(f->err, 2290, 0, "SYS_C000000");
        break;
    case SQLITE_IOERR:
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
        ora_set(f->err, 1115, 0, "warden.db", "0");
        break;
    default:
        ora_set(f->err, ORA_INVALID_SQL, f->off);
        break;
    }
}

void sql_map_sqlite_error(const sql_stmt *st, const char *oracle_sql, int sqlite_code,
                          const char *sqlite_msg, int sqlite_off, ora_error *err)
{
    const sql_sqlite_text *text = st ? sql_stmt_sqlite_text(st) : NULL;
    failure f = {.st = st,
                 .text = text && text->sql ? text : NULL,
                 .object = st ? sql_stmt_object(st) : NULL,
                 .msg = sqlite_msg ? sqlite_msg : "",
                 .sqlite_code = sqlite_code & 0xff,
                 .sqlite_off = text && text->sql && sqlite_off >= 0 ? sqlite_off : -1,
                 .err = err};
    f.off = f.sqlite_off >= 0 ? sql_map_offset(st, f.sqlite_off) : 0;
    int (*const handlers[])(failure *) = {
        oracle_passthrough, missing_object, invalid_identifier, constraint_failed,
        duplicate_column,   object_exists,  value_count,        no_savepoint,
        drop_wrong_kind,    syntax_error,   fixed_message,
    };
    size_t i;
    for (i = 0; i < sizeof handlers / sizeof handlers[0]; i++)
        if (handlers[i](&f)) break;
    if (i == sizeof handlers / sizeof handlers[0]) by_result_code(&f);
    if (oracle_sql) err->offset = sql_char_offset(oracle_sql, err->offset);
}
