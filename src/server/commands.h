/*
 * commands.h - statements Warden runs itself rather than handing to SQLite
 * (transaction control, users, grants, ALTER SYSTEM ...).
 */
#ifndef WARDEN_COMMANDS_H
#define WARDEN_COMMANDS_H

#include "session.h"

/* Run EC's statement on the session: 0, or -1 with ERR. */
int command_run(session *s, eng_cursor *ec, ora_error *err);

#endif
