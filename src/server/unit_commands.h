/*
 * unit_commands.h - CREATE and DROP of stored procedures and functions.
 */
#ifndef WARDEN_UNIT_COMMANDS_H
#define WARDEN_UNIT_COMMANDS_H

#include "session.h"

/* SQLK_CREATE_UNIT or SQLK_DROP_UNIT: 0 (a CREATE that did not compile sets
 * s->compile_warning), or -1 with ERR. */
int unit_command(session *s, const sql_stmt *st, ora_error *err);

#endif
