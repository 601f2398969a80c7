/*
 * report.h - the report-shaping commands: BREAK, COMPUTE, TTITLE, BTITLE,
 * REPHEADER and REPFOOTER.  Each parses its arguments into the shell's
 * fmt_settings (which format.c applies to the next query), or lists the
 * current definition when given none, as SQL*Plus does.
 */
#ifndef WSQL_REPORT_H
#define WSQL_REPORT_H

#include "wsql/shell.h"

void report_break(shell *sh, const char *args);
void report_compute(shell *sh, const char *args);
/* TTITLE, BTITLE, REPHEADER, REPFOOTER: WHICH is the title, NAME its command in lower case. */
void report_title(shell *sh, title_def *which, const char *name, const char *args);

#endif
