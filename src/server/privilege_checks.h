/*
 * privilege_checks.h - the system privilege a command needs, checked
 * against the session's grants (ORA-01031 without it): one rule for the
 * commands Warden runs itself.
 */
#ifndef WARDEN_PRIVILEGE_CHECKS_H
#define WARDEN_PRIVILEGE_CHECKS_H

#include "session.h"

/* 0 when the session holds PRIV (e.g. "CREATE USER"), else ORA-01031. */
int need_privilege(session *s, const char *priv, ora_error *err);

/* May the session change an object of SCHEMA?  Its own: with PRIV (NULL: always); another
 * schema's: with ANY_PRIV.  0, or ORA-01031. */
int may_change_schema(session *s, const char *schema, const char *priv, const char *any_priv,
                      ora_error *err);

#endif
