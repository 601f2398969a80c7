/*
 * v_nls.c - NLS_SESSION_PARAMETERS: the session's NLS parameters as ALTER
 * SESSION left them, one row each (PARAMETER, VALUE), from ora_nls.c.
 */
#include "ora_nls.h"
#include "v_views.h"

static void fill_nls_session_parameters(vrows *r, const vview_ctx *ctx)
{
    const char *name;
    for (int i = 0; (name = ora_nls_parameter(i)) != NULL; i++) {
        vrows_row(r);
        vrows_text(r, name);
        vrows_text(r, ora_nls_value(&ctx->fn->nls, name));
    }
}

const vview nls_session_parameters = {
    "NLS_SESSION_PARAMETERS", "PARAMETER VARCHAR2(30), \"VALUE\" VARCHAR2(64)",
    fill_nls_session_parameters};
