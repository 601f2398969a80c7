/*
 * v_nls.c - the NLS parameter views, one row each (PARAMETER, VALUE), read
 * through ora_nls.c:
 *   NLS_SESSION_PARAMETERS  the session's, as ALTER SESSION left them;
 *   NLS_DATABASE_PARAMETERS the database's: Oracle's defaults (a session
 *                           that changed nothing), its character sets and
 *                           the version it was created with;
 *   NLS_INSTANCE_PARAMETERS the instance's initialization parameters, which
 *                           Warden does not set: the language and territory
 *                           (the instance's defaults), NULL for the rest.
 */
#include <string.h>

#include "ora_nls.h"
#include "v_views.h"

#define NLS_COLUMNS "PARAMETER VARCHAR2(30), \"VALUE\" VARCHAR2(64)"

static void put_parameter(vrows *r, const char *name, const char *value)
{
    vrows_row(r);
    vrows_text(r, name);
    if (value) vrows_text(r, value);
    else vrows_null(r);
}

static void fill_nls_session_parameters(vrows *r, const vview_ctx *ctx)
{
    const char *name;
    for (int i = 0; (name = ora_nls_parameter(i)) != NULL; i++)
        put_parameter(r, name, ora_nls_value(&ctx->fn->nls, name));
}

static void fill_nls_database_parameters(vrows *r, const vview_ctx *ctx)
{
    static const struct ora_nls defaults; /* nothing set: Oracle's defaults */
    const char *name;
    for (int i = 0; (name = ora_nls_parameter(i)) != NULL; i++)
        put_parameter(r, name, ora_nls_value(&defaults, name));
    put_parameter(r, "NLS_CHARACTERSET", "AL32UTF8");
    put_parameter(r, "NLS_NCHAR_CHARACTERSET", "AL16UTF16");
    put_parameter(r, "NLS_RDBMS_VERSION", "19.0.0.0.0");
}

static void fill_nls_instance_parameters(vrows *r, const vview_ctx *ctx)
{
    static const struct ora_nls defaults;
    const char *name;
    for (int i = 0; (name = ora_nls_parameter(i)) != NULL; i++) {
        int set = !strcmp(name, "NLS_LANGUAGE") || !strcmp(name, "NLS_TERRITORY") ||
                  !strcmp(name, "NLS_LENGTH_SEMANTICS") || !strcmp(name, "NLS_NCHAR_CONV_EXCP");
        put_parameter(r, name, set ? ora_nls_value(&defaults, name) : NULL);
    }
}

const vview nls_session_parameters = {"NLS_SESSION_PARAMETERS", NLS_COLUMNS,
                                      fill_nls_session_parameters};
const vview nls_database_parameters = {"NLS_DATABASE_PARAMETERS", NLS_COLUMNS,
                                       fill_nls_database_parameters};
const vview nls_instance_parameters = {"NLS_INSTANCE_PARAMETERS", NLS_COLUMNS,
                                       fill_nls_instance_parameters};
