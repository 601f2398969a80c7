/*
 * object_grant_commands.h - GRANT and REVOKE of object privileges
 * (GRANT SELECT ON t TO u).
 */
#ifndef WARDEN_OBJECT_GRANT_COMMANDS_H
#define WARDEN_OBJECT_GRANT_COMMANDS_H

#include "session.h"

/* SQLK_GRANT / SQLK_REVOKE naming an object, all or nothing: 0, or -1 with ERR. */
int object_grant_command(session *s, const sql_stmt *st, ora_error *err);

#endif
