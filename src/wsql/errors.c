/*
 * errors.c - the SQL*Plus error layout: statement line, asterisk line,
 * "ERROR at line N:", the message, a blank line.
 */
#include "wsql/errors.h"

#include <stdarg.h>
#include <string.h>

#include "wsql/text.h"

static const char *next_char(const char *p)
{
    p++;
    while ((*p & 0xC0) == 0x80)
        p++; /* rest of a UTF-8 sequence */
    return p;
}

int err_locate(const char *sql, int offset, int *column, const char **line_start, size_t *line_len)
{
    const char *p = sql, *start = sql;
    int line = 1;
    /* walk OFFSET characters, stopping on the last character of the text */
    for (int chars = 0; chars < offset && *p && *next_char(p); chars++) {
        if (*p == '\n') line++, start = p + 1;
        p = next_char(p);
    }
    *line_start = start;
    *line_len = strcspn(start, "\n");
    *column = (int)text_utf8_len(start, (size_t)(p - start));
    return line;
}

static void print_statement_lines(FILE *out, const err_context *where, const ora_error *e)
{
    const char *start;
    size_t len;
    int column;
    int line = err_locate(where->sql, e->offset, &column, &start, &len);
    fprintf(out, "%.*s\n", (int)len, start);
    if (where->from_execute) fputc('\n', out);
    fprintf(out, "%*s*\n", column, "");
    fprintf(out, "ERROR at line %d:\n", line);
}

void err_print(FILE *out, const err_context *where, const ora_error *e)
{
    if (where && where->sql)
        print_statement_lines(out, where, e);
    else
        fputs("ERROR:\n", out);
    fprintf(out, "%s\n", e->msg);
    if (where && where->lost_session) {
        fprintf(out, "Process ID: %ld\n", where->server_pid);
        fprintf(out, "Session ID: %d Serial number: %d\n", where->sid, where->serial);
    }
    fputc('\n', out);
}

void err_print_code(FILE *out, int code)
{
    ora_error e;
    ora_set(&e, code, 0);
    err_print(out, NULL, &e);
}

void err_print_sp2(FILE *out, int number, const char *fmt, ...)
{
    va_list ap;
    fprintf(out, "SP2-%04d: ", number);
    va_start(ap, fmt);
    vfprintf(out, fmt, ap);
    va_end(ap);
    fputc('\n', out);
}
