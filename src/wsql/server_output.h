/*
 * server_output.h - SET SERVEROUTPUT: DBMS_OUTPUT's lines shown after each
 * statement, as SQL*Plus shows them.
 */
#ifndef WSQL_SERVER_OUTPUT_H
#define WSQL_SERVER_OUTPUT_H

#include "wsql/shell.h"

/* Tell the session to keep DBMS_OUTPUT's lines (SERVEROUTPUT ON) or not: on SET SERVEROUTPUT
 * and after each CONNECT.  An error is printed; the setting stays. */
void server_output_enable(shell *sh);

/* With SERVEROUTPUT ON, print the lines the last statement left in DBMS_OUTPUT. */
void server_output_print(shell *sh);

#endif
