/*
 * dedicated.h - a dedicated server process: serves one client connection
 * for its whole life (PMON forks one per connection, or hands the connection
 * to a spare it forked before: instance.c, spares.h).
 */
#ifndef WARDEN_DEDICATED_H
#define WARDEN_DEDICATED_H

#include "session.h"

struct sqlite3;

/*
 * Get this process ready to serve before its client comes (a spare:
 * spares.h): its heap and limit, and a connection to DB_PATH with the schema
 * read.  The connection, or NULL when it cannot be opened now (the logon
 * opens one then, and reports what fails).
 */
struct sqlite3 *dedicated_prepare(const warden_config *cfg, const char *db_path);
/* Serve the client on FD (SGA process slot PID) until its session ends; DB is
 * dedicated_prepare's connection, or NULL when the process was not prepared. */
void dedicated_serve(int fd, const warden_config *cfg, const char *db_path, int pid,
                     struct sqlite3 *db);
/* Read and run calls until logoff or the end of the session (exposed for the fuzz targets). */
void session_call_loop(session *s);

#endif
