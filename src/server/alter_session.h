/*
 * alter_session.h - ALTER SESSION: the session's NLS settings, time zone,
 * current schema and transaction options.
 */
#ifndef WARDEN_ALTER_SESSION_H
#define WARDEN_ALTER_SESSION_H

#include "../sql/translate.h"
#include "session.h"

/* Carry out the ALTER SESSION statement AS (parsed by src/sql). */
int alter_session_run(session *s, const sql_alter_session_stmt *as, ora_error *err);

/* CURRENT_SCHEMA = NAME (also the client's piggybacked schema): ORA-01435 for no such user. */
int alter_session_set_schema(session *s, const char *name, int offset, ora_error *err);

#endif
