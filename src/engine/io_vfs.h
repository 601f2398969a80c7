/*
 * io_vfs.h - the I/O waits of a session: a SQLite VFS over the system's
 * default one that tells an observer when a read of a block begins and
 * ends, so that the session shows Oracle's 'db file sequential read' (P1
 * file#, P2 block#, P3 blocks) while SQLite waits for a page its cache does
 * not hold, from the database file or the WAL.  Everything else (locks, the WAL, its shared-memory
 * index) is the default VFS's, so sessions on it and processes on the
 * default VFS share the database as before.
 */
#ifndef WARDEN_IO_VFS_H
#define WARDEN_IO_VFS_H

#include <stdint.h>

#define IO_VFS_NAME "warden-io"

/* A read of BLOCKS blocks from block BLOCK (1-based) of data file FILE begins; BLOCKS 0: the
 * read ended. */
typedef void (*io_read_fn)(void *arg, uint32_t file, uint32_t block, uint32_t blocks);

/* Register the VFS (once per process; not as the default).  0, or a SQLite error code. */
int io_vfs_register(void);
/* The observer of this process's reads (NULL: none).  A dedicated server serves one session,
 * so there is one. */
void io_vfs_set_observer(io_read_fn fn, void *arg);

#endif
