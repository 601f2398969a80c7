/*
 * server_output.c - SET SERVEROUTPUT ON: after each statement wsql reads
 * the lines the session's DBMS_OUTPUT holds, with DBMS_OUTPUT.GET_LINE and
 * OUT binds, and prints them before the statement's feedback, as SQL*Plus
 * does.  ON enables the session's buffer (DBMS_OUTPUT.ENABLE: SIZE n, or
 * NULL for UNLIMITED), OFF disables it; a new connection gets it again.
 */
#include "wsql/server_output.h"

#include <stdio.h>
#include <stdlib.h>

#include "wsql/errors.h"

#define MAX_LINES_PER_STATEMENT 10000000 /* a bound on one statement's output */

void server_output_enable(shell *sh)
{
    if (!sh->conn || !sh->client->execute_plsql) return;
    char size[32];
    snprintf(size, sizeof size, "%ld", sh->serveroutput_size);
    wdn_bind bind = {.type = WDN_NUMBER, .text = sh->serveroutput_size > 0 ? size : NULL};
    char *out = NULL;
    const char *block = sh->serveroutput ? "BEGIN DBMS_OUTPUT.ENABLE(:size); END;"
                                         : "BEGIN DBMS_OUTPUT.DISABLE; END;";
    if (sh->client->execute_plsql(sh->conn, block, &bind, sh->serveroutput, &out) < 0)
        err_print(sh->out, NULL, sh->client->last_error(sh->conn));
    free(out);
}

void server_output_print(shell *sh)
{
    if (!sh->serveroutput || !sh->conn || !sh->client->execute_plsql) return;
    wdn_bind binds[2] = {{.type = WDN_VARCHAR, .max_size = 32767}, {.type = WDN_NUMBER}};
    for (long n = 0; n < MAX_LINES_PER_STATEMENT; n++) {
        char *out[2] = {NULL, NULL};
        int rc = sh->client->execute_plsql(sh->conn, "BEGIN DBMS_OUTPUT.GET_LINE(:line, :status); END;",
                                           binds, 2, out);
        int more = rc == 0 && out[1] && atoi(out[1]) == 0;
        if (more) fprintf(sh->out, "%s\n", out[0] ? out[0] : "");
        free(out[0]);
        free(out[1]);
        if (rc < 0) err_print(sh->out, NULL, sh->client->last_error(sh->conn));
        if (!more) return;
    }
}
