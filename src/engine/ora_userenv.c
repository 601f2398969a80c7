/*
 * ora_userenv.c - SYS_CONTEXT('USERENV', parameter) and USERENV(parameter):
 * what a session can ask about itself.  Values come from the session's SGA
 * slot (the same row V$SESSION shows), the instance parameters and the
 * session's NLS settings (ora_nls.h).
 */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <strings.h>

#include "../sga/sga.h"
#include "ora_functions.h"
#include "ora_nls.h"

/* Where a USERENV parameter's value comes from. */
typedef enum userenv_source {
    UE_TEXT,          /* the table's text */
    UE_NONE,          /* documented, but Warden has no value for it: NULL */
    UE_SID,           /* the session's */
    UE_SESSIONID,     /* its AUDSID */
    UE_USER,          /* the session user */
    UE_USER_ID,       /* ... its USER_ID */
    UE_SCHEMA,        /* the current schema */
    UE_SCHEMA_ID,     /* ... its USER_ID */
    UE_ISDBA,         /* TRUE when logged on AS SYSDBA */
    UE_INSTANCE,      /* the instance's number */
    UE_INSTANCE_NAME, /* ... and name */
    UE_DB_NAME,       /* the database's name */
    UE_SERVER_HOST,   /* the instance's host */
    UE_SERVICE,       /* the service the session logged on to */
    UE_MACHINE,       /* the client's machine, OS user, terminal, program */
    UE_OSUSER,
    UE_TERMINAL,
    UE_PROGRAM,
    UE_MODULE, /* what the client set (DBMS_APPLICATION_INFO, the driver's attributes) */
    UE_ACTION,
    UE_CLIENT_INFO,
    UE_CLIENT_IDENTIFIER,
    UE_NLS,      /* the session's NLS parameter the table names (ALTER SESSION) */
    UE_LANG,     /* ... its language's abbreviation */
    UE_LANGUAGE, /* ... language_territory.charset */
} userenv_source;

/*
 * Every parameter of USERENV that Oracle 19c documents for SYS_CONTEXT, in
 * alphabetical order.  A name outside this table is ORA-02003; a name in it
 * that Warden has nothing for (proxies, enterprise users, editions by id,
 * fine-grained auditing's current SQL, cloud and application containers)
 * is NULL, as Oracle answers where the feature is not in use.
 */
static const struct userenv_param {
    const char *name;
    userenv_source source;
    const char *text;
} userenv_params[] = {
    {"ACTION", UE_ACTION, NULL},
    {"AUDITED_CURSORID", UE_NONE, NULL},
    {"AUTHENTICATED_IDENTITY", UE_USER, NULL},
    {"AUTHENTICATION_DATA", UE_NONE, NULL},
    {"AUTHENTICATION_METHOD", UE_TEXT, "PASSWORD"},
    {"BG_JOB_ID", UE_NONE, NULL},
    {"CDB_DOMAIN", UE_NONE, NULL},
    {"CDB_NAME", UE_NONE, NULL},
    {"CLIENT_IDENTIFIER", UE_CLIENT_IDENTIFIER, NULL},
    {"CLIENT_INFO", UE_CLIENT_INFO, NULL},
    {"CLIENT_PROGRAM_NAME", UE_PROGRAM, NULL},
    {"CLOUD_SERVICE", UE_NONE, NULL},
    {"CON_ID", UE_TEXT, "0"},
    {"CON_NAME", UE_TEXT, "CDB$ROOT"},
    {"CURRENT_BIND", UE_NONE, NULL},
    {"CURRENT_EDITION_ID", UE_NONE, NULL},
    {"CURRENT_EDITION_NAME", UE_TEXT, "ORA$BASE"},
    {"CURRENT_SCHEMA", UE_SCHEMA, NULL},
    {"CURRENT_SCHEMAID", UE_SCHEMA_ID, NULL},
    {"CURRENT_SQL", UE_NONE, NULL},
    {"CURRENT_SQL1", UE_NONE, NULL},
    {"CURRENT_SQL2", UE_NONE, NULL},
    {"CURRENT_SQL3", UE_NONE, NULL},
    {"CURRENT_SQL4", UE_NONE, NULL},
    {"CURRENT_SQL5", UE_NONE, NULL},
    {"CURRENT_SQL6", UE_NONE, NULL},
    {"CURRENT_SQL7", UE_NONE, NULL},
    {"CURRENT_SQL_LENGTH", UE_NONE, NULL},
    {"CURRENT_USER", UE_USER, NULL},
    {"CURRENT_USERID", UE_USER_ID, NULL},
    {"DATABASE_ROLE", UE_TEXT, "PRIMARY"},
    {"DB_DOMAIN", UE_NONE, NULL},
    {"DB_NAME", UE_DB_NAME, NULL},
    {"DB_SUPPLEMENTAL_LOG_LEVEL", UE_NONE, NULL},
    {"DB_UNIQUE_NAME", UE_DB_NAME, NULL},
    {"DBLINK_INFO", UE_NONE, NULL},
    {"DRAIN_STATUS", UE_TEXT, "NONE"},
    {"ENTERPRISE_IDENTITY", UE_NONE, NULL},
    {"ENTRYID", UE_NONE, NULL},
    {"FG_JOB_ID", UE_NONE, NULL},
    {"GLOBAL_CONTEXT_MEMORY", UE_TEXT, "0"},
    {"GLOBAL_UID", UE_NONE, NULL},
    {"HOST", UE_MACHINE, NULL},
    {"IDENTIFICATION_TYPE", UE_TEXT, "LOCAL"},
    {"INSTANCE", UE_INSTANCE, NULL},
    {"INSTANCE_NAME", UE_INSTANCE_NAME, NULL},
    {"IP_ADDRESS", UE_NONE, NULL},
    {"IS_APPLICATION_PDB", UE_TEXT, "NO"},
    {"IS_APPLICATION_ROOT", UE_TEXT, "NO"},
    {"IS_DG_ROLLING_UPGRADE", UE_TEXT, "FALSE"},
    {"ISDBA", UE_ISDBA, NULL},
    {"LANG", UE_LANG, NULL},
    {"LANGUAGE", UE_LANGUAGE, NULL},
    {"LDAP_SERVER_TYPE", UE_NONE, NULL},
    {"MODULE", UE_MODULE, NULL},
    {"NETWORK_PROTOCOL", UE_TEXT, "tcp"},
    {"NLS_CALENDAR", UE_NLS, "NLS_CALENDAR"},
    {"NLS_CURRENCY", UE_NLS, "NLS_CURRENCY"},
    {"NLS_DATE_FORMAT", UE_NLS, "NLS_DATE_FORMAT"},
    {"NLS_DATE_LANGUAGE", UE_NLS, "NLS_DATE_LANGUAGE"},
    {"NLS_SORT", UE_NLS, "NLS_SORT"},
    {"NLS_TERRITORY", UE_NLS, "NLS_TERRITORY"},
    {"ORACLE_HOME", UE_NONE, NULL},
    {"OS_USER", UE_OSUSER, NULL},
    {"PLATFORM_SLASH", UE_TEXT, "/"},
    {"POLICY_INVOKER", UE_NONE, NULL},
    {"PROXY_ENTERPRISE_IDENTITY", UE_NONE, NULL},
    {"PROXY_USER", UE_NONE, NULL},
    {"PROXY_USERID", UE_NONE, NULL},
    {"SCHEDULER_JOB", UE_TEXT, "N"},
    {"SERVER_HOST", UE_SERVER_HOST, NULL},
    {"SERVICE_NAME", UE_SERVICE, NULL},
    {"SESSION_DEFAULT_COLLATION", UE_TEXT, "USING_NLS_COMP"},
    {"SESSION_EDITION_ID", UE_NONE, NULL},
    {"SESSION_EDITION_NAME", UE_TEXT, "ORA$BASE"},
    {"SESSION_USER", UE_USER, NULL},
    {"SESSION_USERID", UE_USER_ID, NULL},
    {"SESSIONID", UE_SESSIONID, NULL},
    {"SID", UE_SID, NULL},
    {"STATEMENTID", UE_NONE, NULL},
    {"TERMINAL", UE_TERMINAL, NULL},
    {"UNIFIED_AUDIT_SESSIONID", UE_SESSIONID, NULL},
};

static int compare_param(const void *key, const void *elem)
{
    return strcasecmp(key, ((const struct userenv_param *)elem)->name);
}

static const struct userenv_param *find_param(const char *name)
{
    return bsearch(name, userenv_params, sizeof userenv_params / sizeof *userenv_params,
                   sizeof *userenv_params, compare_param);
}

/* Text value of USERENV parameter NAME into OUT ("" for NULL); 0, or -1 for an unknown
 * parameter (ORA-02003). */
static int userenv_value(const struct ora_fn_ctx *ctx, const char *name, char *out, size_t n)
{
    const struct userenv_param *p = find_param(name);
    if (!p) return -1;
    sga_session s;
    memset(&s, 0, sizeof s);
    if (ctx->sid > 0 && the_sga) sga_read_session(the_sga, ctx->sid, &s);
    const warden_config *cfg = the_sga ? &the_sga->cfg : NULL;
    const char *text = "";
    char num[24];
    switch (p->source) {
    case UE_TEXT: text = p->text; break;
    case UE_NONE: break;
    case UE_SID: snprintf(num, sizeof num, "%d", ctx->sid), text = num; break;
    case UE_SESSIONID: snprintf(num, sizeof num, "%lld", (long long)s.audsid), text = num; break;
    case UE_USER: text = ctx->username; break;
    case UE_USER_ID: snprintf(num, sizeof num, "%d", s.user_id), text = num; break;
    case UE_SCHEMA: text = ctx->schema; break;
    case UE_SCHEMA_ID: /* another schema's id was looked up when it was set */
        snprintf(num, sizeof num, "%d", ctx->schema_id ? ctx->schema_id : s.user_id), text = num;
        break;
    case UE_ISDBA: text = ctx->is_dba ? "TRUE" : "FALSE"; break;
    case UE_INSTANCE:
        snprintf(num, sizeof num, "%d", cfg ? cfg->instance_number : 1), text = num;
        break;
    case UE_INSTANCE_NAME: text = cfg ? cfg->instance_name : ""; break;
    case UE_DB_NAME: text = cfg ? cfg->db_name : ""; break;
    case UE_SERVER_HOST: text = the_sga ? the_sga->host : ""; break;
    case UE_SERVICE: text = s.service_name; break;
    case UE_MACHINE: text = s.machine; break;
    case UE_OSUSER: text = s.osuser; break;
    case UE_TERMINAL: text = s.terminal; break;
    case UE_PROGRAM: text = s.program; break;
    case UE_MODULE: text = s.module; break;
    case UE_ACTION: text = s.action; break;
    case UE_CLIENT_INFO: text = s.client_info; break;
    case UE_CLIENT_IDENTIFIER: text = s.client_identifier; break;
    case UE_NLS: text = ora_nls_value(&ctx->nls, p->text); break;
    case UE_LANG: text = ora_nls_lang(&ctx->nls); break;
    case UE_LANGUAGE: ora_nls_language_env(&ctx->nls, out, n); return 0;
    }
    snprintf(out, n, "%s", text);
    return 0;
}

static void result_value(sqlite3_context *c, const char *v)
{
    if (*v) sqlite3_result_text(c, v, -1, SQLITE_TRANSIENT);
    else sqlite3_result_null(c); /* '' is NULL in Oracle */
}

/* SYS_CONTEXT of another namespace: the client's application context, the latest value set
 * for NS and NAME, or NULL. */
static void application_context(sqlite3_context *c, const char *ns, const char *name)
{
    const struct ora_fn_ctx *f = sqlite3_user_data(c);
    for (int i = f->napp_context - 1; i >= 0; i--) {
        char *const *t = &f->app_context[3 * i];
        if (!strcasecmp(t[0], ns) && !strcasecmp(t[1], name)) return result_value(c, t[2]);
    }
    sqlite3_result_null(c);
}

static void fn_sys_context(sqlite3_context *c, int argc, sqlite3_value **v)
{
    const char *ns = (const char *)sqlite3_value_text(v[0]);
    const char *name = (const char *)sqlite3_value_text(v[1]);
    if (!ns || !name) return sqlite3_result_null(c);
    if (strcasecmp(ns, "USERENV") != 0) return application_context(c, ns, name);
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
