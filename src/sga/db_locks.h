/*
 * db_locks.h - the locks SQLite takes on the database, kept in the cluster
 * area instead of in the kernel: the WAL index's eight (the write lock, the
 * checkpointer's, recovery's and five read marks) and each connection's
 * lock level on the database file (SHARED ... EXCLUSIVE).
 *
 * SQLite's unix VFS takes all of them with fcntl(), and in WAL mode every
 * connection holds two for its whole life (a SHARED lock on the database
 * file, a shared lock on the -shm file).  The kernel keeps all of a file's
 * locks in one list and walks it on every lock, unlock and close: with
 * thousands of sessions each holding one, every statement's read mark and
 * every logon walked thousands of entries (measured: a lock and unlock took
 * 2 us with 10 holders, 85 us with 3,000).  Warden's processes are all of
 * one family, so they keep these locks here instead, where taking one costs
 * the same at any number of sessions.
 *
 * Each connection gets a handle (db_locks_open) that records what it holds
 * and the process and instance it belongs to; each lock keeps its count of
 * shared holders and its exclusive holder.  A connection's locks go when it
 * closes, a dead process's when PMON reaps it (db_locks_release_process), a
 * dead instance's when a survivor recovers it (db_locks_release_instance),
 * as the kernel would have released them.  The -shm file's dead-man switch
 * (below) is kept here too, on a handle of the process's own.  The semantics are SQLite's:
 *
 *   WAL index (xShmLock): a shared lock is refused while another connection
 *   holds it exclusively, an exclusive one while anyone else holds it at all
 *   (SQLITE_BUSY); an unlock releases whatever the connection holds of the
 *   range.
 *   Database file (xLock, xUnlock, xCheckReservedLock): SHARED while no
 *   other connection holds PENDING or EXCLUSIVE; RESERVED while no other
 *   holds RESERVED or more; EXCLUSIVE takes PENDING first (no new SHARED
 *   from then on) and is granted once no other SHARED is left, keeping
 *   PENDING when it is not.
 *
 * All of it runs under one latch, held for a few stores.
 */
#ifndef WARDEN_DB_LOCKS_H
#define WARDEN_DB_LOCKS_H

#include <stddef.h>
#include <sys/types.h>

#define DB_LOCKS_WAL 8 /* SQLite's SQLITE_SHM_NLOCK */

typedef struct db_locks db_locks;

/* The table in this process's cluster area, NULL when none is mapped (fcntl() is used). */
extern db_locks *the_db_locks;

/* Bytes of a table with room for HANDLES connections. */
size_t db_locks_size(int handles);
/* A table of HANDLES handles at MEM (zeroed memory of db_locks_size). */
db_locks *db_locks_init(void *mem, int handles);

/* A handle for a connection of process OSPID of instance INST, or -1 when the table is full. */
int db_locks_open(db_locks *w, pid_t ospid, int inst);
/* The connection is gone: its locks are released and its handle freed. */
void db_locks_close(db_locks *w, int handle);
/*
 * SQLite's xShmLock for HANDLE: lock or unlock N of the WAL index's locks
 * from OFFSET (FLAGS SQLITE_SHM_LOCK or _UNLOCK with _SHARED or _EXCLUSIVE).
 * SQLITE_OK, or SQLITE_BUSY when another connection holds what it needs.
 */
int db_locks_wal(db_locks *w, int handle, int offset, int n, int flags);
/* SQLite's xLock: HANDLE's lock on the database file up to LEVEL (SQLITE_LOCK_SHARED ...
 * _EXCLUSIVE).  SQLITE_OK or SQLITE_BUSY. */
int db_locks_file_lock(db_locks *w, int handle, int level);
/* SQLite's xUnlock: down to LEVEL (SQLITE_LOCK_NONE or _SHARED). */
int db_locks_file_unlock(db_locks *w, int handle, int level);
/* SQLite's xCheckReservedLock: does another connection hold RESERVED or more?  1 or 0. */
int db_locks_file_reserved(db_locks *w, int handle);
/*
 * The -shm file's dead-man switch (SQLite's DMS byte), which SQLite takes
 * with fcntl() once per process: when a process first maps the WAL index it
 * asks whether any other process has it (F_GETLK), resets the index when
 * none has (holding the switch exclusively meanwhile), then holds it shared
 * until it closes the file.  io_vfs.c answers those fcntl() calls from here,
 * on one handle per process (db_locks_open), so that the kernel keeps no
 * list of one lock per process to walk at every open and close.
 */
enum { DB_LOCKS_DMS_NONE, DB_LOCKS_DMS_SHARED, DB_LOCKS_DMS_EXCLUSIVE };
/* What processes other than HANDLE's hold of the switch: DB_LOCKS_DMS_NONE, _SHARED (at least
 * one) or _EXCLUSIVE. */
int db_locks_dms_held(db_locks *w, int handle);
/* HANDLE's process takes the switch at MODE, or lets it go (DB_LOCKS_DMS_NONE): SQLITE_OK, or
 * SQLITE_BUSY when another process holds it exclusively, or at all for _EXCLUSIVE. */
int db_locks_dms(db_locks *w, int handle, int mode);

/* Process OSPID died: the handles of its connections are closed.  Returns how many. */
int db_locks_release_process(db_locks *w, pid_t ospid);
/* Instance INST died: the handles of its processes are closed.  Returns how many. */
int db_locks_release_instance(db_locks *w, int inst);

#endif
