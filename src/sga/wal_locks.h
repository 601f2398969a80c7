/*
 * wal_locks.h - the locks of SQLite's WAL index, kept in the cluster area
 * instead of in the kernel.
 *
 * SQLite's unix VFS takes the WAL index's eight locks (the write lock, the
 * checkpointer's, recovery's and five read marks) with fcntl() on the -shm
 * file, and every connection holds a shared fcntl lock on it for its whole
 * life.  The kernel keeps all of a file's locks in one list and walks it on
 * every lock and unlock: with thousands of sessions each holding one, every
 * statement's read mark cost a walk of thousands of entries (measured: a
 * lock and unlock took 2 us with 10 holders, 85 us with 3,000).  Warden's
 * processes are all of one family, so they keep these locks here instead,
 * where taking one costs the same at any number of sessions.
 *
 * Each connection gets a handle (wal_locks_open) that records which of the
 * eight it holds, shared or exclusive, and the process and instance it
 * belongs to; each lock has a count of shared holders and its exclusive
 * holder.  A connection's locks go when it closes, a dead process's when
 * PMON reaps it (wal_locks_release_process), a dead instance's when a
 * survivor recovers it (wal_locks_release_instance).  The semantics are
 * SQLite's xShmLock's: a shared lock is refused while another connection
 * holds it exclusively, an exclusive one while anyone else holds it at all
 * (SQLITE_BUSY), and an unlock releases whatever the connection holds of the
 * range.  All of it runs under one latch, held for a few stores.
 */
#ifndef WARDEN_WAL_LOCKS_H
#define WARDEN_WAL_LOCKS_H

#include <stddef.h>
#include <sys/types.h>

#define WAL_LOCKS_N 8 /* SQLite's SQLITE_SHM_NLOCK */

typedef struct wal_locks wal_locks;

/* The table in this process's cluster area, NULL when none is mapped (fcntl() is used). */
extern wal_locks *the_wal_locks;

/* Bytes of a table with room for HANDLES connections. */
size_t wal_locks_size(int handles);
/* A table of HANDLES handles at MEM (zeroed memory of wal_locks_size). */
wal_locks *wal_locks_init(void *mem, int handles);

/* A handle for a connection of process OSPID of instance INST, or -1 when the table is full. */
int wal_locks_open(wal_locks *w, pid_t ospid, int inst);
/* The connection is gone: its locks are released and its handle freed. */
void wal_locks_close(wal_locks *w, int handle);
/*
 * SQLite's xShmLock for HANDLE: lock or unlock N locks from OFFSET (FLAGS
 * SQLITE_SHM_LOCK or _UNLOCK with _SHARED or _EXCLUSIVE).  SQLITE_OK, or
 * SQLITE_BUSY when another connection holds what a lock needs.
 */
int wal_locks_lock(wal_locks *w, int handle, int offset, int n, int flags);
/* Process OSPID died: the handles of its connections are closed.  Returns how many. */
int wal_locks_release_process(wal_locks *w, pid_t ospid);
/* Instance INST died: the handles of its processes are closed.  Returns how many. */
int wal_locks_release_instance(wal_locks *w, int inst);

#endif
