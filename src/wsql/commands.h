/*
 * commands.h - the wsql commands other than SET/SHOW: COLUMN, DEFINE,
 * UNDEFINE, PROMPT, CLEAR, CONNECT, DISCONNECT, EXIT/QUIT, WHENEVER,
 * @/@@/START, DESCRIBE, EXECUTE, LIST, RUN, SHUTDOWN, and the replies to
 * commands wsql does not know.
 */
#ifndef WSQL_COMMANDS_H
#define WSQL_COMMANDS_H

#include "wsql/shell.h"

/* Run the command CMD whose whole line (command word included) is TEXT. */
void commands_run(shell *sh, enum wsql_cmd cmd, const char *text);

#endif
