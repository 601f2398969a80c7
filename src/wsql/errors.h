/*
 * errors.h - ORA- errors printed exactly as SQL*Plus prints them.
 *
 * With the statement at hand (parse and execute errors):
 *
 *     alter system disconnect session '30,7'
 *                                          *
 *     ERROR at line 1:
 *     ORA-02000: missing POST_TRANSACTION or IMMEDIATE keyword
 *     <blank line>
 *
 * the statement line holding the error offset, an asterisk under the
 * offending character (column 0 when the offset is 0 / unknown), the line
 * number, the message.  Without one (not connected, errors while fetching,
 * failed logons): "ERROR:" then the message.  SQL*Plus's own complaints
 * (SP2-nnnn) are single lines.
 */
#ifndef WSQL_ERRORS_H
#define WSQL_ERRORS_H

#include <stdio.h>

#include "common/ora_error.h"

/* Where an error happened and what else SQL*Plus shows with it. */
typedef struct err_context {
    const char *sql;  /* statement text as sent, NULL for the "ERROR:" form */
    int from_execute; /* the statement came from EXECUTE (its line is followed by a blank line) */
    int lost_session; /* print "Process ID:"/"Session ID:" lines (ORA-03113, ORA-03135) */
    long server_pid;  /* for the lost-session lines (0 = unknown) */
    int sid, serial;
} err_context;

void err_print(FILE *out, const err_context *where, const ora_error *e);
/* Shorthand for the "ERROR:" form of an error code with its standard text. */
void err_print_code(FILE *out, int code);
/* SQL*Plus's own messages: "SP2-0640: Not connected" and the like, one line. */
void err_print_sp2(FILE *out, int number, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The 1-based line of SQL holding the 0-based character OFFSET, and its column. */
int err_locate(const char *sql, int offset, int *column, const char **line_start, size_t *line_len);

#endif
