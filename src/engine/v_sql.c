/*
 * v_sql.c - V$SQL and V$SQLAREA over the shared SQL area, and V$LOCK over
 * the session table.
 *
 * Warden has one cursor per distinct text and schema (no child cursors), so
 * V$SQL and V$SQLAREA list the same entries.
 *
 * Locks: the one writing transaction holds a TX lock in exclusive mode
 * (LMODE 6), with BLOCK = 1 when a session waits for it; a session waiting
 * for the write lock requests that TX lock (REQUEST 6).  ID1 and ID2 name
 * the transaction as Oracle's do (undo segment << 16 | slot, sequence).
 */
#include <stdio.h>
#include <string.h>

#include "../sga/sga.h"
#include "../sga/sqlarea.h"
#include "v_views.h"

static void fill_sql(vrows *r, const vview_ctx *ctx)
{
    for (int i = 0; i < SQLAREA_ENTRIES; i++) {
        sqlarea_entry e;
        if (!sqlarea_read(the_sqlarea, i, &e)) continue;
        char first_load[24];
        struct tm tm;
        localtime_r(&e.first_load, &tm);
        strftime(first_load, sizeof first_load, "%Y-%m-%d/%H:%M:%S", &tm);
        char text[1001];
        snprintf(text, sizeof text, "%s", e.text); /* SQL_TEXT: the first 1000 characters */
        vrows_row(r);
        vrows_text(r, e.sql_id);
        vrows_text(r, text);
        vrows_text(r, e.text);
        vrows_int(r, (int64_t)e.executions);
        vrows_int(r, e.elapsed_us);
        vrows_int(r, e.cpu_us);
        vrows_int(r, (int64_t)e.rows_processed);
        vrows_text(r, e.schema);
        vrows_text(r, first_load);
        vrows_date(r, e.last_active);
        vrows_int(r, e.command);
        vrows_int(r, 0);
    }
}

#define SQL_COLUMNS                                                                              \
    "SQL_ID VARCHAR2(13), SQL_TEXT VARCHAR2(1000), SQL_FULLTEXT VARCHAR2(4000), "                \
    "EXECUTIONS NUMBER, ELAPSED_TIME NUMBER, CPU_TIME NUMBER, ROWS_PROCESSED NUMBER, "           \
    "PARSING_SCHEMA_NAME VARCHAR2(128), FIRST_LOAD_TIME VARCHAR2(19), LAST_ACTIVE_TIME DATE, "   \
    "COMMAND_TYPE NUMBER, CON_ID NUMBER"

const vview v_sql = {"SQL", SQL_COLUMNS, fill_sql};
const vview v_sqlarea = {"SQLAREA", SQL_COLUMNS, fill_sql};

/* Address of a lock row: the holder's and the waiter's differ. */
static uint64_t lock_addr(int sid, int request) { return sga_transaction_addr(sid) + (request ? 0x40 : 0x20); }

static void lock_row(vrows *r, int sid, int holder_sid, uint32_t txn_seq, int lmode, int request,
                     int64_t ctime, int block)
{
    vrows_row(r);
    vrows_raw8(r, lock_addr(sid, request != 0));
    vrows_raw8(r, lock_addr(sid, request != 0) + 0x10); /* KADDR */
    vrows_int(r, sid);
    vrows_text(r, "TX");
    vrows_int(r, holder_sid ? (1 << 16) | holder_sid : 0);
    vrows_int(r, txn_seq);
    vrows_int(r, lmode);
    vrows_int(r, request);
    vrows_int(r, ctime < 0 ? 0 : ctime);
    vrows_int(r, block);
    vrows_int(r, 0);
}

static void fill_lock(vrows *r, const vview_ctx *ctx)
{
    const sga *g = the_sga;
    time_t now = time(NULL);
    int64_t now_us = sga_now_us();
    for (int sid = 1; sid <= g->nsessions; sid++) {
        sga_session s;
        sga_read_session(g, sid, &s);
        if (s.type == SGA_FREE) continue;
        if (s.txn_open) {
            int waiters = 0;
            for (int w = 1; w <= g->nsessions; w++)
                if (g->sessions[w - 1].type != SGA_FREE && g->sessions[w - 1].blocking_sid == sid)
                    waiters++;
            lock_row(r, sid, sid, s.txn_seq, 6, 0, now - s.txn_start, waiters > 0);
        }
        if (s.waiting && s.event == SGA_EV_TX_ROW_LOCK) {
            uint32_t seq = 0;
            if (s.blocking_sid) seq = g->sessions[s.blocking_sid - 1].txn_seq;
            lock_row(r, sid, s.blocking_sid, seq, 0, 6, (now_us - s.wait_start_us) / 1000000, 0);
        }
    }
}

const vview v_lock = {
    "LOCK",
    "ADDR RAW(8), KADDR RAW(8), SID NUMBER, TYPE VARCHAR2(2), ID1 NUMBER, ID2 NUMBER, "
    "LMODE NUMBER, REQUEST NUMBER, CTIME NUMBER, BLOCK NUMBER, CON_ID NUMBER",
    fill_lock,
};
