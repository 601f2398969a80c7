/*
 * sequence_commands.h - CREATE, ALTER and DROP SEQUENCE.
 */
#ifndef WARDEN_SEQUENCE_COMMANDS_H
#define WARDEN_SEQUENCE_COMMANDS_H

#include "session.h"

/* SQLK_SEQUENCE: 0, or -1 with ERR. */
int sequence_command(session *s, const sql_stmt *st, ora_error *err);

#endif
