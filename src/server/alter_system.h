/*
 * alter_system.h - ALTER SYSTEM: ending sessions (KILL SESSION, DISCONNECT
 * SESSION, CANCEL SQL) and changing parameters (SET).
 */
#ifndef WARDEN_ALTER_SYSTEM_H
#define WARDEN_ALTER_SYSTEM_H

#include "../sql/translate.h"
#include "session.h"

/* Carry out the ALTER SYSTEM statement AS (parsed and checked by src/sql). */
int alter_system_run(session *s, const sql_alter_system_stmt *as, ora_error *err);

#endif
