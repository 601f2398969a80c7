/*
 * ckpt.c - CKPT, the checkpoint process: copies committed pages from the
 * write-ahead log back into the database file, so the WAL stays small and
 * start-up recovery stays short.
 *
 * It checkpoints every few seconds when the WAL has frames, and at once when
 * a session posts it because the WAL passed COMMIT_LOG_CKPT_FRAMES pages
 * (sessions never checkpoint themselves: commit_log.h).  The copy runs
 * without blocking anyone; only making the next commit start the WAL again
 * holds committers, for about a millisecond at most (checkpoint() below).
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

#include "../common/alert.h"
#include "../sga/commit_log.h"
#include "background.h"
#include "proctitle.h"

#define CKPT_INTERVAL_S 3
#define CKPT_TRUNCATE_FRAMES 10000 /* about 40 MB of 4 KiB pages */
#define CKPT_READERS_WAIT_US 1000  /* how long committers may be held for readers to leave */
#define CKPT_GAP_US 50000          /* between two checkpoints, however often posted */
#define CKPT_BUSY_STEP_US 100

/* Waiting for readers still in the WAL, in short steps, for CKPT_READERS_WAIT_US at most. */
static int on_busy(void *arg, int count)
{
    if (count * CKPT_BUSY_STEP_US >= CKPT_READERS_WAIT_US) return 0;
    usleep(CKPT_BUSY_STEP_US);
    return 1;
}

/*
 * Copy the WAL into the database and have the next commit write the WAL
 * from its beginning again.  A WAL that only grows costs every commit: a
 * sync that extends a file writes its inode too (appending and syncing
 * 8 KiB took 240 us here, overwriting 150 us).  SQLite restarts the WAL only
 * when a writer finds all of it copied and no reader in it, which under a
 * steady load never happens by itself.  So the bulk is copied first without
 * stopping anyone; then committers wait on the write turn while the frames
 * written meanwhile are copied and the readers still in the WAL leave (at
 * most CKPT_READERS_WAIT_US: a long query, or a statement waiting for a row
 * lock, makes it give up until next time).  Checkpoints are CKPT_GAP_US
 * apart at least: a WAL that could not be restarted stays over the post's
 * mark, so every commit posts again, and CKPT taking the turn back to back
 * held committers for most of the time (hot row: 550 -> 300 commits/s).
 * A WAL that grew large (a big transaction) is truncated instead.
 */
static void checkpoint(sqlite3 *db)
{
    int frames = 0, done = 0;
    if (sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_PASSIVE, &frames, &done) != SQLITE_OK ||
        frames <= 0)
        return; /* busy, or nothing to copy: try again next time */
    int mode = frames >= CKPT_TRUNCATE_FRAMES ? SQLITE_CHECKPOINT_TRUNCATE : SQLITE_CHECKPOINT_RESTART;
    commit_log_write_begin(the_commit_log);
    sqlite3_wal_checkpoint_v2(db, NULL, mode, NULL, NULL);
    commit_log_write_end(the_commit_log, 0);
}

void ckpt_run(const char *db_path, int sid)
{
    proctitle_set("wdn_ckpt_%s", the_sga->cfg.instance_name);
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        alert_log("CKPT: cannot open %s: %s", db_path, sqlite3_errmsg(db));
        _exit(1); /* critical: PMON ends the instance */
    }
    sqlite3_busy_handler(db, on_busy, NULL);
    /* A connection finds the database in WAL mode at its first read; until then
     * a checkpoint does nothing (frames = -1). */
    if (sqlite3_exec(db, "PRAGMA schema_version", NULL, NULL, NULL) != SQLITE_OK) {
        alert_log("CKPT: cannot read %s: %s", db_path, sqlite3_errmsg(db));
        _exit(1);
    }
    for (;;) {
        background_wait(sid, SGA_EV_RDBMS_IPC);
        commit_log_ckpt_wait(the_commit_log, CKPT_INTERVAL_S);
        checkpoint(db);
        usleep(CKPT_GAP_US);
    }
}
