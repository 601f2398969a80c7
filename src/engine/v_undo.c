/*
 * v_undo.c - the undo segments DBA scripts join transactions to:
 * V$ROLLNAME, V$ROLLSTAT and DBA_ROLLBACK_SEGS.
 *
 * Warden keeps a transaction's undo with the transaction itself (the
 * row-locking overlay's undo log, or SQLite's WAL), not in shared
 * segments; what it numbers as undo segments are the groups of transaction
 * slots an XID's XIDUSN names (src/sga/locks.c; one, SQLite's WAL, without
 * row locking).  So each XIDUSN is a segment here: named as Oracle's
 * automatic undo segments are (_SYSSMUn$, USN 0 being SYSTEM), ONLINE,
 * with XACTS its active transactions and RSSIZE the undo they hold now
 * (USED_UBLK blocks).  Extents never grow, wrap or shrink: those counters
 * are 0.
 */
#include <stdio.h>
#include <stdlib.h>

#include "../sga/sga.h"
#include "v_views.h"

/* Segment USN's name: SYSTEM for 0, else the name of Oracle's automatic undo segment USN. */
static void segment_name(int usn, char *out, size_t size)
{
    if (usn == 0) snprintf(out, size, "SYSTEM");
    else snprintf(out, size, "_SYSSMU%d$", usn);
}

/* Per segment: its active transactions and the undo blocks they hold (index USN). */
typedef struct segment_use {
    int xacts;
    int64_t blocks;
} segment_use;

static segment_use *segments_in_use(int nsegments)
{
    segment_use *use = xcalloc((size_t)nsegments + 1, sizeof *use);
    instance_txn *t;
    int n = instance_transactions(&t);
    for (int i = 0; i < n; i++) {
        if (t[i].usn > (uint32_t)nsegments) continue;
        use[t[i].usn].xacts++;
        use[t[i].usn].blocks += t[i].used_ublk;
    }
    free(t);
    return use;
}

static void fill_rollname(vrows *r, const vview_ctx *ctx)
{
    int n = instance_undo_segments();
    for (int usn = 0; usn <= n; usn++) {
        char name[40];
        segment_name(usn, name, sizeof name);
        vrows_row(r);
        vrows_int(r, usn);
        vrows_text(r, name);
        vrows_int(r, 0); /* CON_ID */
    }
}

const vview v_rollname = {"ROLLNAME", "USN NUMBER, NAME VARCHAR2(128), CON_ID NUMBER",
                          fill_rollname};

static void fill_rollstat(vrows *r, const vview_ctx *ctx)
{
    int n = instance_undo_segments();
    segment_use *use = segments_in_use(n);
    int64_t block = the_sga->db_block_size ? the_sga->db_block_size : 8192;
    for (int usn = 0; usn <= n; usn++) {
        int64_t bytes = (use[usn].blocks + 1) * block; /* its header block and the undo held */
        vrows_row(r);
        vrows_int(r, usn);
        vrows_int(r, usn);   /* LATCH */
        vrows_int(r, 1);     /* EXTENTS */
        vrows_int(r, bytes); /* RSSIZE */
        vrows_int(r, 0);     /* WRITES */
        vrows_int(r, use[usn].xacts);
        vrows_int(r, 0);     /* GETS */
        vrows_int(r, 0);     /* WAITS */
        vrows_null(r);       /* OPTSIZE */
        vrows_int(r, bytes); /* HWMSIZE */
        for (int k = 0; k < 4; k++) vrows_int(r, 0); /* SHRINKS, WRAPS, EXTENDS, AVESHRINK */
        vrows_int(r, 0);     /* AVEACTIVE */
        vrows_text(r, "ONLINE");
        vrows_int(r, 0);     /* CUREXT */
        vrows_int(r, use[usn].blocks); /* CURBLK */
        vrows_int(r, 0);     /* CON_ID */
    }
    free(use);
}

const vview v_rollstat = {
    "ROLLSTAT",
    "USN NUMBER, LATCH NUMBER, EXTENTS NUMBER, RSSIZE NUMBER, WRITES NUMBER, XACTS NUMBER, "
    "GETS NUMBER, WAITS NUMBER, OPTSIZE NUMBER, HWMSIZE NUMBER, SHRINKS NUMBER, WRAPS NUMBER, "
    "EXTENDS NUMBER, AVESHRINK NUMBER, AVEACTIVE NUMBER, STATUS VARCHAR2(15), CUREXT NUMBER, "
    "CURBLK NUMBER, CON_ID NUMBER",
    fill_rollstat,
};

static void fill_rollback_segs(vrows *r, const vview_ctx *ctx)
{
    int n = instance_undo_segments();
    int64_t block = the_sga->db_block_size ? the_sga->db_block_size : 8192;
    for (int usn = 0; usn <= n; usn++) {
        char name[40];
        segment_name(usn, name, sizeof name);
        vrows_row(r);
        vrows_text(r, name);
        vrows_text(r, usn ? "PUBLIC" : "SYS");
        vrows_text(r, usn ? "UNDOTBS1" : "SYSTEM");
        vrows_int(r, usn); /* SEGMENT_ID */
        vrows_int(r, 1);   /* FILE_ID: the one data file */
        vrows_int(r, 0);   /* BLOCK_ID */
        vrows_int(r, block); /* INITIAL_EXTENT */
        vrows_int(r, block); /* NEXT_EXTENT */
        vrows_int(r, 1);     /* MIN_EXTENTS */
        vrows_int(r, 1);     /* MAX_EXTENTS: extents never grow */
        vrows_int(r, 0);     /* PCT_INCREASE */
        vrows_text(r, "ONLINE");
        char inst[16];
        snprintf(inst, sizeof inst, "%d", the_sga->cfg.instance_number);
        vrows_text(r, inst);
        vrows_int(r, 1); /* RELATIVE_FNO */
    }
}

const vview dba_rollback_segs = {
    "DBA_ROLLBACK_SEGS",
    "SEGMENT_NAME VARCHAR2(30), OWNER VARCHAR2(6), TABLESPACE_NAME VARCHAR2(30), "
    "SEGMENT_ID NUMBER, FILE_ID NUMBER, BLOCK_ID NUMBER, INITIAL_EXTENT NUMBER, "
    "NEXT_EXTENT NUMBER, MIN_EXTENTS NUMBER, MAX_EXTENTS NUMBER, PCT_INCREASE NUMBER, "
    "STATUS VARCHAR2(16), INSTANCE_NUM VARCHAR2(40), RELATIVE_FNO NUMBER",
    fill_rollback_segs,
};
