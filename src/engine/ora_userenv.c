/*
 * ora_userenv.c - SYS_CONTEXT('USERENV', parameter) and USERENV(parameter):
 * what a session can ask about itself.  Values come from the session's SGA
 * slot (the same row V$SESSION shows) and the instance parameters.
 */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <strings.h>

#include "../sga/sga.h"
#include "ora_functions.h"

/* Text value of USERENV parameter NAME into OUT; 0, or -1 for an unknown parameter. */
static int userenv_value(const struct ora_fn_ctx *ctx, const char *name, char *out, size_t n)
{
    sga_session s;
    memset(&s, 0, sizeof s);
    if (ctx->sid > 0 && the_sga) sga_read_session(the_sga, ctx->sid, &s);
    const warden_config *cfg = the_sga ? &the_sga->cfg : NULL;
    static const char *const fixed[][2] = {
        {"LANG", "US"},           {"LANGUAGE", "AMERICAN_AMERICA.AL32UTF8"},
        {"NLS_DATE_FORMAT", "DD-MON-RR"}, {"NLS_TERRITORY", "AMERICA"},
        {"AUTHENTICATION_METHOD", "PASSWORD"}, {"NETWORK_PROTOCOL", "tcp"},
        {"CON_NAME", "CDB$ROOT"}, {"CON_ID", "0"}, {"DATABASE_ROLE", "PRIMARY"},
    };
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        if (!strcasecmp(name, fixed[i][0])) return snprintf(out, n, "%s", fixed[i][1]), 0;
    if (!strcasecmp(name, "SID")) snprintf(out, n, "%d", ctx->sid);
    else if (!strcasecmp(name, "SESSIONID")) snprintf(out, n, "%lld", (long long)s.audsid);
    else if (!strcasecmp(name, "SESSION_USER") || !strcasecmp(name, "CURRENT_USER") ||
             !strcasecmp(name, "AUTHENTICATED_IDENTITY"))
        snprintf(out, n, "%s", ctx->username);
    else if (!strcasecmp(name, "CURRENT_SCHEMA")) snprintf(out, n, "%s", ctx->schema);
    else if (!strcasecmp(name, "ISDBA")) snprintf(out, n, "%s", ctx->is_dba ? "TRUE" : "FALSE");
    else if (!strcasecmp(name, "INSTANCE")) snprintf(out, n, "%d", cfg ? cfg->instance_number : 1);
    else if (!strcasecmp(name, "INSTANCE_NAME")) snprintf(out, n, "%s", cfg ? cfg->instance_name : "");
    else if (!strcasecmp(name, "DB_NAME") || !strcasecmp(name, "DB_UNIQUE_NAME"))
        snprintf(out, n, "%s", cfg ? cfg->db_name : "");
    else if (!strcasecmp(name, "SERVER_HOST")) snprintf(out, n, "%s", the_sga ? the_sga->host : "");
    else if (!strcasecmp(name, "SERVICE_NAME")) snprintf(out, n, "%s", s.service_name);
    else if (!strcasecmp(name, "HOST")) snprintf(out, n, "%s", s.machine);
    else if (!strcasecmp(name, "OS_USER")) snprintf(out, n, "%s", s.osuser);
    else if (!strcasecmp(name, "TERMINAL")) snprintf(out, n, "%s", s.terminal);
    else if (!strcasecmp(name, "MODULE")) snprintf(out, n, "%s", s.module);
    else if (!strcasecmp(name, "ACTION")) snprintf(out, n, "%s", s.action);
    else if (!strcasecmp(name, "CLIENT_INFO")) snprintf(out, n, "%s", s.client_info);
    else if (!strcasecmp(name, "CLIENT_IDENTIFIER")) snprintf(out, n, "%s", s.client_identifier);
    else if (!strcasecmp(name, "CLIENT_PROGRAM_NAME")) snprintf(out, n, "%s", s.program);
    else return -1;
    return 0;
}

static void result_value(sqlite3_context *c, const char *v)
{
    if (*v) sqlite3_result_text(c, v, -1, SQLITE_TRANSIENT);
    else sqlite3_result_null(c); /* '' is NULL in Oracle */
}

static void fn_sys_context(sqlite3_context *c, int argc, sqlite3_value **v)
{
    const char *ns = (const char *)sqlite3_value_text(v[0]);
    const char *name = (const char *)sqlite3_value_text(v[1]);
    if (!ns || !name) return sqlite3_result_null(c);
    if (strcasecmp(ns, "USERENV") != 0) return sqlite3_result_null(c); /* no other contexts yet */
    char out[256];
    if (userenv_value(sqlite3_user_data(c), name, out, sizeof out) < 0)
        return sqlite3_result_error(c, "ORA-02003: invalid USERENV parameter", -1);
    result_value(c, out);
}

/* USERENV(p): the older form; SID, SESSIONID and INSTANCE come back as numbers. */
static void fn_userenv(sqlite3_context *c, int argc, sqlite3_value **v)
{
    const char *name = (const char *)sqlite3_value_text(v[0]);
    if (!name) return sqlite3_result_null(c);
    char out[256];
    if (userenv_value(sqlite3_user_data(c), name, out, sizeof out) < 0)
        return sqlite3_result_error(c, "ORA-02003: invalid USERENV parameter", -1);
    if (!strcasecmp(name, "SID") || !strcasecmp(name, "SESSIONID") || !strcasecmp(name, "INSTANCE"))
        sqlite3_result_int64(c, atoll(out));
    else result_value(c, out);
}

int ora_userenv_register(sqlite3 *db, const struct ora_fn_ctx *ctx)
{
    int rc = sqlite3_create_function_v2(db, "SYS_CONTEXT", 2, SQLITE_UTF8, (void *)ctx,
                                        fn_sys_context, NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function_v2(db, "USERENV", 1, SQLITE_UTF8, (void *)ctx, fn_userenv,
                                        NULL, NULL, NULL);
    return rc;
}
