/*
 * datadir.h - the data directory: creating a new one and finding its files.
 *
 * DATADIR/warden.conf      instance parameters
 * DATADIR/warden.db        the database (SQLite, WAL mode)
 * DATADIR/initial_password the generated SYS/SYSTEM password (mode 0600), if any
 * DATADIR/wardend.pid      pid of the running instance's PMON (locked while it runs)
 * DATADIR/trace/           alert log and process output
 */
#ifndef WARDEN_DATADIR_H
#define WARDEN_DATADIR_H

#include "../common/config.h"

typedef struct datadir {
    char path[3072];
    char conf[4096], db[4096], pidfile[4096], password_file[4096];
} datadir;

void datadir_paths(datadir *d, const char *path);
int datadir_exists(const datadir *d);
/*
 * Create a new data directory: warden.conf with defaults (PORT overrides the
 * listener port when > 0), the database with its catalog, SYS and SYSTEM.
 * The password comes from WARDEN_PASSWORD or is generated, printed once on
 * stdout and stored in initial_password.  0, or -1 with a message on stderr.
 */
int datadir_create(datadir *d, int port);

#endif
