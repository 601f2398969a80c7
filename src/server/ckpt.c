/*
 * ckpt.c - CKPT, the checkpoint process: copies committed pages from the
 * write-ahead log back into the database file, so the WAL stays small and
 * start-up recovery stays short.
 *
 * It checkpoints every few seconds when the WAL has frames (PASSIVE: never
 * waits for readers or the writer, never blocks them), and truncates the WAL
 * when it has grown large and a moment comes when nobody is using it.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

#include "../common/alert.h"
#include "background.h"
#include "proctitle.h"

#define CKPT_INTERVAL_S 3
#define CKPT_TRUNCATE_FRAMES 10000 /* about 40 MB of 4 KiB pages */

void ckpt_run(const char *db_path, int sid)
{
    proctitle_set("wdn_ckpt_%s", the_sga->cfg.instance_name);
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        alert_log("CKPT: cannot open %s: %s", db_path, sqlite3_errmsg(db));
        _exit(1); /* critical: PMON ends the instance */
    }
    for (;;) {
        background_wait(sid, SGA_EV_RDBMS_IPC);
        sleep(CKPT_INTERVAL_S);
        int frames = 0, done = 0;
        if (sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_PASSIVE, &frames, &done) !=
            SQLITE_OK)
            continue; /* busy: try again next time */
        if (frames >= CKPT_TRUNCATE_FRAMES && done == frames)
            sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
    }
}
