/*
 * privilege_checks.c - system privileges of the commands Warden runs
 * itself (see privilege_checks.h).
 */
#include "privilege_checks.h"

#include <string.h>

int need_privilege(session *s, const char *priv, ora_error *err)
{
    if (eng_has_privilege(s->eng, priv)) return 0;
    return ora_set(err, ORA_INSUFFICIENT_PRIVS, 0);
}

int may_change_schema(session *s, const char *schema, const char *priv, const char *any_priv,
                      ora_error *err)
{
    const char *needed = strcmp(schema, eng_user(s->eng)) ? any_priv : priv;
    return needed ? need_privilege(s, needed, err) : 0;
}
