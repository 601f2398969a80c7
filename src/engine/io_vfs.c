/*
 * io_vfs.c - the VFS that reports reads of the database file (io_vfs.h).
 *
 * A shim: its files wrap the default VFS's files, each method passing
 * straight through, except xRead of a main database file, which is
 * bracketed by the observer's begin and end, and xRead of a page from the
 * WAL (the newest version of a block: also a read of it).  SQLite reads
 * whole pages at page-aligned offsets, so a read of AMOUNT bytes at OFFSET
 * of the database file is block OFFSET / AMOUNT + 1 of file 1
 * (DBA_DATA_FILES' one file); the 100-byte header read at offset 0 is block
 * 1.  A page of the WAL follows its 24-byte frame header, whose first four
 * bytes (big-endian) are its page number.
 *
 * A main database file's locks - its level (xLock, xUnlock,
 * xCheckReservedLock) and the WAL index's (xShmLock) - are taken in the
 * cluster area's table (db_locks.h) when the process maps one: the file
 * gets a handle at its first lock and gives it back when it closes.  The
 * VFS is every Warden process's default, so all of an instance's
 * connections take these locks in one place.
 *
 * The last lock SQLite takes with fcntl() is the -shm file's dead-man
 * switch, once per process, which it reaches through its own table of
 * system calls rather than through a file method: the VFS puts its own
 * fcntl() and close() in that table, which answer the switch's calls (and
 * the close of the descriptor that took it) from the cluster area's table
 * on a handle of the process's own, and pass every other call through.
 */
#include "io_vfs.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include "../sga/sga.h"
#include "../sga/db_locks.h"

#define DATA_FILE_NO 1

enum { NOT_OBSERVED, DATABASE_FILE, WAL_FILE };

#define WAL_HEADER 32
#define WAL_FRAME_HEADER 24

typedef struct io_file {
    sqlite3_file base;
    sqlite3_file *real; /* the default VFS's file, just after this struct */
    int observed;       /* whose reads are reported: NOT_OBSERVED, DATABASE_FILE, WAL_FILE */
    int lock_handle;     /* its handle in the_db_locks: -1 none yet, -2 the real VFS's locks */
} io_file;

static sqlite3_vfs io_vfs;
static io_read_fn observer;
static void *observer_arg;

void io_vfs_set_observer(io_read_fn fn, void *arg)
{
    observer = fn;
    observer_arg = arg;
}

static sqlite3_file *real_of(sqlite3_file *f) { return ((io_file *)f)->real; }

/* ---- file methods: each the real file's, xRead with the observer around it ---- */

static void lock_handle_close(io_file *p);

static int io_close(sqlite3_file *f)
{
    lock_handle_close((io_file *)f);
    sqlite3_file *r = real_of(f);
    return r->pMethods ? r->pMethods->xClose(r) : SQLITE_OK;
}

/* The block a read of AMOUNT bytes at OFFSET of P brings in, or 0 for a read of no block. */
static uint32_t block_read(io_file *p, int amount, sqlite3_int64 offset)
{
    if (p->observed == DATABASE_FILE) return (uint32_t)(offset / amount) + 1;
    sqlite3_int64 frame_at = offset - WAL_HEADER - WAL_FRAME_HEADER;
    if (amount < 512 || frame_at < 0 || frame_at % (amount + WAL_FRAME_HEADER) != 0) return 0;
    unsigned char h[4];
    if (p->real->pMethods->xRead(p->real, h, sizeof h, offset - WAL_FRAME_HEADER) != SQLITE_OK)
        return 0;
    return (uint32_t)h[0] << 24 | (uint32_t)h[1] << 16 | (uint32_t)h[2] << 8 | h[3];
}

static int io_read(sqlite3_file *f, void *buf, int amount, sqlite3_int64 offset)
{
    io_file *p = (io_file *)f;
    uint32_t block = p->observed && observer && amount > 0 ? block_read(p, amount, offset) : 0;
    if (!block) return p->real->pMethods->xRead(p->real, buf, amount, offset);
    observer(observer_arg, DATA_FILE_NO, block, 1);
    int rc = p->real->pMethods->xRead(p->real, buf, amount, offset);
    observer(observer_arg, DATA_FILE_NO, block, 0);
    return rc;
}

static int io_write(sqlite3_file *f, const void *buf, int amount, sqlite3_int64 offset)
{
    return real_of(f)->pMethods->xWrite(real_of(f), buf, amount, offset);
}

static int io_truncate(sqlite3_file *f, sqlite3_int64 size)
{
    return real_of(f)->pMethods->xTruncate(real_of(f), size);
}

static int io_sync(sqlite3_file *f, int flags) { return real_of(f)->pMethods->xSync(real_of(f), flags); }

static int io_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
    return real_of(f)->pMethods->xFileSize(real_of(f), size);
}

/* A new handle in the_db_locks for this process of this instance (-1: the table is full). */
static int new_lock_handle(void)
{
    return db_locks_open(the_db_locks, getpid(), the_sga ? the_sga->cfg.instance_number : 0);
}

/* The file's handle in the_db_locks (taken now if it has none), or -2: the real VFS locks
 * (no table mapped, or no main database file). */
static int lock_handle_of(io_file *p)
{
    if (p->lock_handle == -1)
        p->lock_handle = the_db_locks && p->observed == DATABASE_FILE ? new_lock_handle() : -2;
    return p->lock_handle;
}

static void lock_handle_close(io_file *p)
{
    if (p->lock_handle >= 0) db_locks_close(the_db_locks, p->lock_handle);
    p->lock_handle = -1;
}

static int io_lock(sqlite3_file *f, int lock)
{
    int h = lock_handle_of((io_file *)f);
    if (h == -2) return real_of(f)->pMethods->xLock(real_of(f), lock);
    return h < 0 ? SQLITE_IOERR_LOCK : db_locks_file_lock(the_db_locks, h, lock);
}

static int io_unlock(sqlite3_file *f, int lock)
{
    int h = lock_handle_of((io_file *)f);
    if (h == -2) return real_of(f)->pMethods->xUnlock(real_of(f), lock);
    return h < 0 ? SQLITE_IOERR_UNLOCK : db_locks_file_unlock(the_db_locks, h, lock);
}

static int io_check_reserved(sqlite3_file *f, int *out)
{
    int h = lock_handle_of((io_file *)f);
    if (h == -2) return real_of(f)->pMethods->xCheckReservedLock(real_of(f), out);
    *out = h >= 0 && db_locks_file_reserved(the_db_locks, h);
    return h < 0 ? SQLITE_IOERR_CHECKRESERVEDLOCK : SQLITE_OK;
}

static int io_file_control(sqlite3_file *f, int op, void *arg)
{
    return real_of(f)->pMethods->xFileControl(real_of(f), op, arg);
}

static int io_sector_size(sqlite3_file *f) { return real_of(f)->pMethods->xSectorSize(real_of(f)); }

static int io_device_characteristics(sqlite3_file *f)
{
    return real_of(f)->pMethods->xDeviceCharacteristics(real_of(f));
}

static int io_shm_map(sqlite3_file *f, int region, int size, int extend, void volatile **out)
{
    return real_of(f)->pMethods->xShmMap(real_of(f), region, size, extend, out);
}

static int io_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
    io_file *p = (io_file *)f;
    int h = lock_handle_of(p);
    if (h == -2) return real_of(f)->pMethods->xShmLock(real_of(f), offset, n, flags);
    if (h < 0) return SQLITE_IOERR_SHMLOCK; /* the table is full */
    return db_locks_wal(the_db_locks, h, offset, n, flags);
}

static void io_shm_barrier(sqlite3_file *f) { real_of(f)->pMethods->xShmBarrier(real_of(f)); }

static int io_shm_unmap(sqlite3_file *f, int delete_flag)
{
    int h = ((io_file *)f)->lock_handle; /* the WAL index's locks go; the file's stay */
    if (h >= 0)
        db_locks_wal(the_db_locks, h, 0, DB_LOCKS_WAL, SQLITE_SHM_UNLOCK | SQLITE_SHM_EXCLUSIVE);
    return real_of(f)->pMethods->xShmUnmap(real_of(f), delete_flag);
}

static int io_fetch(sqlite3_file *f, sqlite3_int64 offset, int amount, void **out)
{
    return real_of(f)->pMethods->xFetch(real_of(f), offset, amount, out);
}

static int io_unfetch(sqlite3_file *f, sqlite3_int64 offset, void *p)
{
    return real_of(f)->pMethods->xUnfetch(real_of(f), offset, p);
}

static const sqlite3_io_methods io_methods = {
    .iVersion = 3,
    .xClose = io_close,
    .xRead = io_read,
    .xWrite = io_write,
    .xTruncate = io_truncate,
    .xSync = io_sync,
    .xFileSize = io_file_size,
    .xLock = io_lock,
    .xUnlock = io_unlock,
    .xCheckReservedLock = io_check_reserved,
    .xFileControl = io_file_control,
    .xSectorSize = io_sector_size,
    .xDeviceCharacteristics = io_device_characteristics,
    .xShmMap = io_shm_map,
    .xShmLock = io_shm_lock,
    .xShmBarrier = io_shm_barrier,
    .xShmUnmap = io_shm_unmap,
    .xFetch = io_fetch,
    .xUnfetch = io_unfetch,
};

/* ---- the VFS: the default one's, with xOpen wrapping its files ---- */

static sqlite3_vfs *real_vfs(void) { return (sqlite3_vfs *)io_vfs.pAppData; }

static int io_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out_flags)
{
    io_file *p = (io_file *)f;
    memset(p, 0, sizeof *p);
    p->real = (sqlite3_file *)(p + 1);
    p->lock_handle = -1;
    p->observed = flags & SQLITE_OPEN_MAIN_DB ? DATABASE_FILE
                  : flags & SQLITE_OPEN_WAL   ? WAL_FILE
                                              : NOT_OBSERVED;
    int rc = real_vfs()->xOpen(real_vfs(), name, p->real, flags, out_flags);
    /* xClose is called after a failed open only when pMethods is set: forward it then too */
    p->base.pMethods = p->real->pMethods ? &io_methods : NULL;
    return rc;
}

static int io_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
    return real_vfs()->xDelete(real_vfs(), name, sync_dir);
}

static int io_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
    return real_vfs()->xAccess(real_vfs(), name, flags, out);
}

static int io_full_pathname(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
    return real_vfs()->xFullPathname(real_vfs(), name, n, out);
}

static void *io_dl_open(sqlite3_vfs *vfs, const char *name) { return real_vfs()->xDlOpen(real_vfs(), name); }

static void io_dl_error(sqlite3_vfs *vfs, int n, char *out) { real_vfs()->xDlError(real_vfs(), n, out); }

static void (*io_dl_sym(sqlite3_vfs *vfs, void *h, const char *sym))(void)
{
    return real_vfs()->xDlSym(real_vfs(), h, sym);
}

static void io_dl_close(sqlite3_vfs *vfs, void *h) { real_vfs()->xDlClose(real_vfs(), h); }

static int io_randomness(sqlite3_vfs *vfs, int n, char *out)
{
    return real_vfs()->xRandomness(real_vfs(), n, out);
}

static int io_sleep(sqlite3_vfs *vfs, int us) { return real_vfs()->xSleep(real_vfs(), us); }

static int io_current_time(sqlite3_vfs *vfs, double *out)
{
    return real_vfs()->xCurrentTime(real_vfs(), out);
}

static int io_last_error(sqlite3_vfs *vfs, int n, char *out)
{
    return real_vfs()->xGetLastError ? real_vfs()->xGetLastError(real_vfs(), n, out) : 0;
}

static int io_current_time_int64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
    return real_vfs()->xCurrentTimeInt64(real_vfs(), out);
}

/* ---- the -shm file's dead-man switch ----
 *
 * SQLite's unix VFS tests the byte with F_GETLK when a process first maps
 * the WAL index, takes it with F_SETLK (exclusively to reset the index when
 * no other process has it, then shared), and lets it go by closing the file.
 */
#define SHM_DMS_BYTE ((22 + DB_LOCKS_WAL) * 4 + DB_LOCKS_WAL) /* SQLite's UNIX_SHM_DMS */

typedef int (*fcntl_fn)(int, int, ...);
typedef int (*close_fn)(int);
static fcntl_fn real_fcntl;
static close_fn real_close;

/* This process's handle for the switch, and the descriptor that took it (a forked child, which
 * holds no lock of its parent's, starts with none). */
static struct {
    pid_t pid;
    int handle; /* -1: none yet */
    int fd;     /* -1: not held */
} dms = {0, -1, -1};

static int dms_handle(void)
{
    if (dms.pid != getpid()) dms.pid = getpid(), dms.handle = -1, dms.fd = -1;
    if (dms.handle < 0) dms.handle = new_lock_handle();
    return dms.handle;
}

static int is_dms_call(int op, const struct flock *l)
{
    return (op == F_GETLK || op == F_SETLK || op == F_SETLKW) && l && l->l_whence == SEEK_SET &&
           l->l_start == SHM_DMS_BYTE && l->l_len == 1;
}

/* A switch call, answered as fcntl() would: 0, or -1 with errno. */
static int dms_call(int fd, int op, struct flock *l)
{
    int h = dms_handle();
    if (h < 0) {
        errno = ENOLCK; /* the table is full: SQLite fails the open */
        return -1;
    }
    if (op == F_GETLK) {
        int held = db_locks_dms_held(the_db_locks, h);
        l->l_type = held == DB_LOCKS_DMS_EXCLUSIVE ? F_WRLCK
                    : held == DB_LOCKS_DMS_SHARED  ? F_RDLCK
                                                   : F_UNLCK;
        l->l_pid = 0;
        return 0;
    }
    int mode = l->l_type == F_WRLCK   ? DB_LOCKS_DMS_EXCLUSIVE
               : l->l_type == F_RDLCK ? DB_LOCKS_DMS_SHARED
                                      : DB_LOCKS_DMS_NONE;
    if (db_locks_dms(the_db_locks, h, mode) != SQLITE_OK) {
        errno = EAGAIN;
        return -1;
    }
    dms.fd = mode == DB_LOCKS_DMS_NONE ? -1 : fd;
    return 0;
}

static int warden_fcntl(int fd, int op, ...)
{
    va_list ap;
    va_start(ap, op);
    void *arg = va_arg(ap, void *); /* as the C library's own fcntl() reads it */
    va_end(ap);
    if (the_db_locks && is_dms_call(op, arg)) return dms_call(fd, op, arg);
    return real_fcntl(fd, op, arg);
}

/* Closing the descriptor that took the switch lets it go, as the kernel's lock would go. */
static int warden_close(int fd)
{
    if (fd >= 0 && fd == dms.fd && dms.pid == getpid() && the_db_locks) {
        db_locks_dms(the_db_locks, dms.handle, DB_LOCKS_DMS_NONE);
        dms.fd = -1;
    }
    return real_close(fd);
}

/* Put warden_fcntl and warden_close in REAL's table of system calls. */
static void take_system_calls(sqlite3_vfs *real)
{
    if (real->iVersion < 3 || !real->xGetSystemCall || real_fcntl) return;
    real_fcntl = (fcntl_fn)real->xGetSystemCall(real, "fcntl");
    real_close = (close_fn)real->xGetSystemCall(real, "close");
    if (!real_fcntl || !real_close) {
        real_fcntl = NULL;
        return;
    }
    real->xSetSystemCall(real, "fcntl", (sqlite3_syscall_ptr)warden_fcntl);
    real->xSetSystemCall(real, "close", (sqlite3_syscall_ptr)warden_close);
}

int io_vfs_register(int make_default)
{
    if (io_vfs.zName) return make_default ? sqlite3_vfs_register(&io_vfs, 1) : SQLITE_OK;
    sqlite3_vfs *real = sqlite3_vfs_find(NULL);
    if (!real) return SQLITE_ERROR;
    take_system_calls(real);
    io_vfs = (sqlite3_vfs){
        .iVersion = 2,
        .szOsFile = (int)sizeof(io_file) + real->szOsFile,
        .mxPathname = real->mxPathname,
        .zName = IO_VFS_NAME,
        .pAppData = real,
        .xOpen = io_open,
        .xDelete = io_delete,
        .xAccess = io_access,
        .xFullPathname = io_full_pathname,
        .xDlOpen = io_dl_open,
        .xDlError = io_dl_error,
        .xDlSym = io_dl_sym,
        .xDlClose = io_dl_close,
        .xRandomness = io_randomness,
        .xSleep = io_sleep,
        .xCurrentTime = io_current_time,
        .xGetLastError = io_last_error,
        .xCurrentTimeInt64 = io_current_time_int64,
    };
    return sqlite3_vfs_register(&io_vfs, make_default);
}
