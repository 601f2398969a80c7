/*
 * client.h - the libwarden calls wsql makes, as a table of functions.
 *
 * src/tools/wsql.c fills it with the real library (wrapping the calls that
 * may block so that Ctrl-C can break them); unit tests fill it with a
 * scripted fake.  This keeps everything under src/wsql/ free of link-time
 * dependencies on libwarden and testable without a server.  Each member has
 * the signature of the warden.h function of the same name (connect: of
 * wdn_connect_as).
 */
#ifndef WSQL_CLIENT_H
#define WSQL_CLIENT_H

#include "client/warden.h"

typedef struct wsql_client {
    wdn_conn *(*connect)(const char *connect_string, const char *user, const char *password,
                         const char *program, enum wdn_privilege privilege, ora_error *err);
    void (*close)(wdn_conn *c);
    const ora_error *(*last_error)(const wdn_conn *c);
    int (*connected)(const wdn_conn *c);
    int (*session_id)(const wdn_conn *c, int *sid, int *serial);
    /* OS id of the session's server process for the ORA-03113 report; NULL = unknown */
    long (*server_pid)(const wdn_conn *c);
    int (*execute)(wdn_conn *c, const char *sql, const wdn_bind *binds, int nbinds,
                   wdn_cursor **cur, uint64_t *rows_affected);
    int (*column_count)(const wdn_cursor *cur);
    const wdn_column *(*column_info)(const wdn_cursor *cur, int i);
    int (*fetch)(wdn_cursor *cur);
    const char *(*value)(const wdn_cursor *cur, int i);
    void (*cursor_close)(wdn_cursor *cur);
    int (*commit)(wdn_conn *c);
    int (*rollback)(wdn_conn *c);
    /* the last call created a unit with compilation errors; NULL = never */
    int (*compile_warning)(const wdn_conn *c);
    /* a PL/SQL block with OUT binds (DBMS_OUTPUT for SERVEROUTPUT); NULL = none */
    int (*execute_plsql)(wdn_conn *c, const char *block, const wdn_bind *binds, int nbinds,
                         char **out);
} wsql_client;

#endif
