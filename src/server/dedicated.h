/*
 * dedicated.h - a dedicated server process: serves one client connection
 * for its whole life (PMON forks one per connection; instance.c).
 */
#ifndef WARDEN_DEDICATED_H
#define WARDEN_DEDICATED_H

#include "session.h"

/* Serve the client on FD (SGA process slot PID) until its session ends. */
void dedicated_serve(int fd, const warden_config *cfg, const char *db_path, int pid);
/* Read and run calls until logoff or the end of the session (exposed for the fuzz targets). */
void session_call_loop(session *s);

#endif
