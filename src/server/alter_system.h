/*
 * alter_system.h - ALTER SYSTEM: ending sessions (KILL SESSION, DISCONNECT
 * SESSION, CANCEL SQL) and changing parameters (SET).
 */
#ifndef WARDEN_ALTER_SYSTEM_H
#define WARDEN_ALTER_SYSTEM_H

#include "session.h"

/* Run "ALTER SYSTEM <TEXT>"; SQL_LEN is the whole statement's length (ORA-02000's position). */
int alter_system_run(session *s, const char *text, int sql_len, ora_error *err);

#endif
