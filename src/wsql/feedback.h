/*
 * feedback.h - the confirmation SQL*Plus prints after a successful
 * statement that is not a query, derived from the statement's verb and
 * object: "Table created.", "System altered.", "3 rows updated.",
 * "PL/SQL procedure successfully completed.", "Commit complete." ...
 */
#ifndef WSQL_FEEDBACK_H
#define WSQL_FEEDBACK_H

#include <stdint.h>

#include "common/buf.h"

/* Append the message for SQL (ROWS = rows affected); nothing for statements without one. */
void feedback_message(buf *out, const char *sql, uint64_t rows);

/*
 * Append the message for SQL that succeeded with the compilation warning:
 * "Warning: Package Body created with compilation errors."
 */
void feedback_warning_message(buf *out, const char *sql);

/* 1 when SQL changes rows: DML, a PL/SQL block or CALL (what AUTOCOMMIT commits after). */
int stmt_changes_rows(const char *sql);

/* 1 when SQL is a PL/SQL block or a PL/SQL unit definition (ends only with a '/' line). */
int stmt_is_plsql(const char *sql);

#endif
