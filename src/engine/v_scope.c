/*
 * v_scope.c - the DBA_ / ALL_ / USER_ scopes of dictionary views (see
 * v_scope.h).
 */
#include "v_scope.h"

#include <string.h>

#include "catalog.h"
#include "schema_access.h"

int scope_row(const scope_walk *w, const char *owner, const char *name)
{
    const schema_access *a = w->ctx->access;
    if (w->scope == SCOPE_ALL && strcmp(owner, a->user) &&
        !(schema_access_privileges(a) & PRIV_BIT(w->any_priv)) &&
        !schema_access_holds_any(a, owner, name))
        return 0;
    vrows_row(w->rows);
    if (w->scope != SCOPE_USER) vrows_text(w->rows, owner);
    return 1;
}

const char *scope_owner(const scope_walk *w)
{
    return w->scope == SCOPE_USER ? w->ctx->access->user : NULL;
}

void scope_fill(scope_walk *w, void (*fill)(scope_walk *w))
{
    schema_access_catalog(w->ctx->access, 1);
    fill(w);
    schema_access_catalog(w->ctx->access, 0);
}
