/*
 * io_vfs.h - the I/O waits of a session: a SQLite VFS over the system's
 * default one that tells an observer when a read of a block begins and
 * ends, so that the session shows Oracle's 'db file sequential read' (P1
 * file#, P2 block#, P3 blocks) while SQLite waits for a page its cache does
 * not hold, from the database file or the WAL.  It also takes SQLite's
 * locks on the database - the database file's lock level, the WAL index's
 * eight locks and the -shm file's dead-man switch - in the cluster area
 * (db_locks.h) rather than with fcntl(): it is the default VFS of every
 * Warden process (wardend registers it so at start), so all of an
 * instance's connections agree on them.  Files and the WAL index's memory
 * are the system VFS's.
 */
#ifndef WARDEN_IO_VFS_H
#define WARDEN_IO_VFS_H

#include <stdint.h>

#define IO_VFS_NAME "warden-io"

/* A read of BLOCKS blocks from block BLOCK (1-based) of data file FILE begins; BLOCKS 0: the
 * read ended. */
typedef void (*io_read_fn)(void *arg, uint32_t file, uint32_t block, uint32_t blocks);

/* Register the VFS (MAKE_DEFAULT: as the default one).  0, or a SQLite error code. */
int io_vfs_register(int make_default);
/* The observer of this process's reads (NULL: none).  A dedicated server serves one session,
 * so there is one. */
void io_vfs_set_observer(io_read_fn fn, void *arg);

#endif
