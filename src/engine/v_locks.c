/*
 * v_locks.c - what transactions hold: V$TRANSACTION, V$LOCK,
 * V$LOCKED_OBJECT, DBA_BLOCKERS and DBA_WAITERS.
 *
 * With row_locking = on they show the lock manager's transactions and its
 * TX and TM locks (src/sga/locks.h), so their XIDs join; otherwise
 * V$TRANSACTION shows each session's open transaction from the SGA (each
 * XIDUSN an undo segment of V$ROLLNAME, v_undo.c), V$LOCK
 * the one TX lock of the session holding the database's write lock and a
 * TX request of each session waiting for it, and V$LOCKED_OBJECT is empty
 * (no table locks exist).  DBA_BLOCKERS and DBA_WAITERS come from
 * V$SESSION's blocker of each waiting session; a holder shows once however
 * many wait for it.
 *
 * The default mode's TX lock: the one writing transaction holds it in
 * exclusive mode (LMODE 6), with BLOCK = 1 when a session waits for it; a
 * session waiting for the write lock requests it (REQUEST 6).  ID1 and ID2
 * name the transaction as Oracle's do (undo segment << 16 | slot, sequence).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../common/buf.h"
#include "../sga/locks.h"
#include "../sga/sga.h"
#include "v_views.h"

/* Address of a lock row: the holder's and the waiter's differ. */
static uint64_t lock_addr(int sid, int request) { return sga_transaction_addr(sid) + (request ? 0x40 : 0x20); }

static void lock_row(vrows *r, uint64_t addr, int sid, const char *type, int64_t id1, int64_t id2,
                     int lmode, int request, int64_t ctime, int block)
{
    vrows_row(r);
    vrows_raw8(r, addr);
    vrows_raw8(r, addr + 0x10); /* KADDR */
    vrows_int(r, sid);
    vrows_text(r, type);
    vrows_int(r, id1);
    vrows_int(r, id2);
    vrows_int(r, lmode);
    vrows_int(r, request);
    vrows_int(r, ctime < 0 ? 0 : ctime);
    vrows_int(r, block);
    vrows_int(r, 0);
}

/* The default mode's TX lock of the transaction of HOLDER_SID (0: none) with sequence TXN_SEQ. */
static void tx_row(vrows *r, int sid, int holder_sid, uint32_t txn_seq, int lmode, int request,
                   int64_t ctime, int block)
{
    lock_row(r, lock_addr(sid, request != 0), sid, "TX", holder_sid ? (1 << 16) | holder_sid : 0,
             txn_seq, lmode, request, ctime, block);
}

/* Rows of a lock manager snapshot: an array grown until every row fits (NULL when none). */
static void *lock_snapshot(int (*take)(lk_area *, void *, int), size_t size, int *n)
{
    void *rows = NULL;
    int cap = 0;
    for (;;) {
        *n = take(the_locks, rows, cap);
        if (*n <= cap) return rows;
        cap = *n + 16;
        rows = xrealloc(rows, size * (size_t)cap);
    }
}

static int take_locks(lk_area *lk, void *rows, int max) { return lk_view_locks(lk, rows, max); }
static int take_objects(lk_area *lk, void *rows, int max)
{
    return lk_view_locked_objects(lk, rows, max);
}

/* Row locking: every TX and TM lock of the lock manager, held and asked for. */
static void fill_lock_manager(vrows *r)
{
    int n;
    lk_lock_row *rows = lock_snapshot(take_locks, sizeof *rows, &n);
    for (int i = 0; i < n; i++) {
        const lk_lock_row *l = &rows[i];
        if (l->inst != the_sga->cfg.instance_number) continue; /* GV$LOCK asks each instance */
        uint64_t addr = sga_transaction_addr(l->sid) + 0x20 * (uint64_t)(i + 1);
        lock_row(r, addr, l->sid, l->type, (int64_t)l->id1, (int64_t)l->id2, l->lmode, l->request,
                 l->ctime, l->block);
    }
    free(rows);
}

/* The sessions some session of this instance waits for (nsessions + 1 flags, by SID), found
 * in one pass rather than one pass per lock. */
static unsigned char *blocking_sessions(const sga *g)
{
    unsigned char *blocks = xcalloc((size_t)g->nsessions + 1, 1);
    for (int w = 1; w <= g->nsessions; w++) {
        sga_session s;
        sga_read_session(g, w, &s);
        if (s.type != SGA_FREE && s.waiting && s.blocking_inst == g->cfg.instance_number &&
            s.blocking_sid > 0 && s.blocking_sid <= g->nsessions)
            blocks[s.blocking_sid] = 1;
    }
    return blocks;
}

/* One V$TRANSACTION row. */
static void transaction_row(vrows *r, const instance_txn *t)
{
    char text[24];
    struct tm tm;
    localtime_r(&t->start, &tm);
    strftime(text, sizeof text, "%m/%d/%y %H:%M:%S", &tm); /* Oracle's START_TIME text */
    vrows_row(r);
    vrows_raw8(r, sga_transaction_addr(t->sid));
    vrows_int(r, t->usn);
    vrows_int(r, t->slot);
    vrows_int(r, t->sqn);
    vrows_text(r, "ACTIVE");
    vrows_text(r, text);
    vrows_date(r, t->start);
    vrows_int(r, t->used_ublk);
    vrows_int(r, (int64_t)t->used_urec);
    vrows_raw8(r, sga_session_addr(t->sid));
    vrows_int(r, 0); /* CON_ID */
    /* XID: usn (2 bytes), slot (2), sequence (4), as Oracle's XID RAW reads; RAWs are hex
     * text inside SQLite (vrows_raw8) */
    char xid[20];
    snprintf(xid, sizeof xid, "%04X%04X%08X", t->usn & 0xFFFF, t->slot & 0xFFFF, t->sqn);
    vrows_text(r, xid);
    vrows_int(r, 7683); /* FLAG: Oracle's bits of an ordinary active transaction */
    vrows_text(r, "NO"); /* SPACE */
    vrows_text(r, "NO"); /* RECURSIVE */
    vrows_text(r, "NO"); /* NOUNDO */
    vrows_text(r, "NO"); /* PTX: no parallel DML */
    vrows_null(r);       /* NAME: SET TRANSACTION NAME is not supported */
}

static int take_transactions(lk_area *lk, void *rows, int max)
{
    return lk_view_transactions(lk, rows, max);
}

static instance_txn txn_of(int sid, const sga_session *s, uint32_t usn, uint32_t slot,
                           uint32_t sqn, time_t start)
{
    instance_txn t = {sid, usn, slot, sqn, start, s->txn_urec,
                      s->txn_urec ? (int64_t)(s->txn_urec + 39) / 40 : 1};
    return t;
}

int instance_transactions(instance_txn **out)
{
    const sga *g = the_sga;
    sga_session s;
    int k = 0;
    *out = NULL;
    if (g->cfg.row_locking) { /* the lock manager's transactions, with their XIDs */
        int n;
        lk_txn_row *rows = lock_snapshot(take_transactions, sizeof *rows, &n);
        *out = xcalloc((size_t)(n ? n : 1), sizeof **out);
        for (int i = 0; i < n; i++) {
            const lk_txn_row *t = &rows[i];
            if (t->inst != g->cfg.instance_number || t->sid < 1 || t->sid > g->nsessions) continue;
            sga_read_session(g, t->sid, &s);
            (*out)[k++] = txn_of(t->sid, &s, t->xid.usn, t->xid.slot, t->xid.sqn,
                                 (time_t)(t->start_us / 1000000));
        }
        free(rows);
        return k;
    }
    *out = xcalloc((size_t)g->nsessions, sizeof **out);
    for (int sid = 1; sid <= g->nsessions; sid++) {
        sga_read_session(g, sid, &s);
        if (s.type == SGA_FREE || !s.txn_open) continue;
        /* XIDUSN 1: the one undo segment, SQLite's WAL; XIDSLOT the session */
        (*out)[k++] = txn_of(sid, &s, 1, (uint32_t)sid, s.txn_seq, s.txn_start);
    }
    return k;
}

int instance_undo_segments(void) { return the_sga->cfg.row_locking ? lk_undo_segments(the_locks) : 1; }

static void fill_transaction(vrows *r, const vview_ctx *ctx)
{
    instance_txn *t;
    int n = instance_transactions(&t);
    for (int i = 0; i < n; i++) transaction_row(r, &t[i]);
    free(t);
}

const vview v_transaction = {
    "TRANSACTION",
    "ADDR RAW(8), XIDUSN NUMBER, XIDSLOT NUMBER, XIDSQN NUMBER, STATUS VARCHAR2(16), "
    "START_TIME VARCHAR2(20), START_DATE DATE, USED_UBLK NUMBER, USED_UREC NUMBER, "
    "SES_ADDR RAW(8), CON_ID NUMBER, XID RAW(8), FLAG NUMBER, SPACE VARCHAR2(3), "
    "RECURSIVE VARCHAR2(3), NOUNDO VARCHAR2(3), PTX VARCHAR2(3), NAME VARCHAR2(256)",
    fill_transaction,
};

static void fill_lock(vrows *r, const vview_ctx *ctx)
{
    const sga *g = the_sga;
    if (g->cfg.row_locking) return fill_lock_manager(r);
    time_t now = time(NULL);
    int64_t now_us = sga_now_us();
    unsigned char *blocks = blocking_sessions(g);
    sga_session s;
    for (int sid = 0; (sid = sga_next_session(g, sid, &s)) != 0;) {
        if (s.txn_open) tx_row(r, sid, sid, s.txn_seq, 6, 0, now - s.txn_start, blocks[sid]);
        if (s.waiting && s.event == SGA_EV_TX_ROW_LOCK) {
            uint32_t seq = 0;
            if (s.blocking_sid) seq = g->sessions[s.blocking_sid - 1].txn_seq;
            tx_row(r, sid, s.blocking_sid, seq, 0, 6, (now_us - s.wait_start_us) / 1000000, 0);
        }
    }
    free(blocks);
}

const vview v_lock = {
    "LOCK",
    "ADDR RAW(8), KADDR RAW(8), SID NUMBER, TYPE VARCHAR2(2), ID1 NUMBER, ID2 NUMBER, "
    "LMODE NUMBER, REQUEST NUMBER, CTIME NUMBER, BLOCK NUMBER, CON_ID NUMBER",
    fill_lock,
};

/* V$LOCKED_OBJECT: each table a transaction has locked (row locking; none otherwise). */
static void fill_locked_object(vrows *r, const vview_ctx *ctx)
{
    int n;
    lk_locked_object *rows = lock_snapshot(take_objects, sizeof *rows, &n);
    for (int i = 0; i < n; i++) {
        const lk_locked_object *o = &rows[i];
        if (o->inst != the_sga->cfg.instance_number) continue;
        sga_session s;
        sga_read_session(the_sga, o->sid, &s);
        char process[24];
        snprintf(process, sizeof process, "%d", (int)o->spid);
        vrows_row(r);
        vrows_int(r, o->xid.usn);
        vrows_int(r, o->xid.slot);
        vrows_int(r, o->xid.sqn);
        vrows_int(r, o->obj);
        vrows_int(r, o->sid);
        vrows_text(r, s.username);
        vrows_text(r, s.osuser);
        vrows_text(r, process);
        vrows_int(r, o->mode);
        vrows_int(r, 0);
    }
    free(rows);
}

const vview v_locked_object = {
    "LOCKED_OBJECT",
    "XIDUSN NUMBER, XIDSLOT NUMBER, XIDSQN NUMBER, OBJECT_ID NUMBER, SESSION_ID NUMBER, "
    "ORACLE_USERNAME VARCHAR2(128), OS_USER_NAME VARCHAR2(128), PROCESS VARCHAR2(24), "
    "LOCKED_MODE NUMBER, CON_ID NUMBER",
    fill_locked_object,
};

static void fill_blockers(vrows *r, const vview_ctx *ctx)
{
    const sga *g = the_sga;
    unsigned char *blocks = blocking_sessions(g);
    for (int sid = 1; sid <= g->nsessions; sid++) {
        if (!blocks[sid]) continue;
        vrows_row(r);
        vrows_int(r, sid);
        vrows_int(r, 0);
    }
    free(blocks);
}

/* The TX lock SID of instance INST asks for (its REQUEST row in the lock manager's V$LOCK). */
static void request_ids(const lk_lock_row *locks, int n, int inst, int sid, uint64_t *id1,
                        uint64_t *id2)
{
    for (int i = 0; i < n; i++)
        if (locks[i].inst == inst && locks[i].sid == sid && locks[i].request &&
            !strcmp(locks[i].type, "TX")) {
            *id1 = locks[i].id1;
            *id2 = locks[i].id2;
        }
}

static void fill_waiters(vrows *r, const vview_ctx *ctx)
{
    const sga *g = the_sga;
    int nlocks = 0;
    lk_lock_row *locks =
        g->cfg.row_locking ? lock_snapshot(take_locks, sizeof *locks, &nlocks) : NULL;
    for (int sid = 1; sid <= g->nsessions; sid++) {
        sga_session s, h;
        sga_read_session(g, sid, &s);
        if (s.type == SGA_FREE || !s.waiting || !s.blocking_sid) continue;
        int local = s.blocking_inst == g->cfg.instance_number; /* else only its lock is here */
        if (local) sga_read_session(g, s.blocking_sid, &h);
        vrows_row(r);
        vrows_int(r, sid);
        vrows_int(r, 0);
        vrows_int(r, s.blocking_sid);
        vrows_int(r, 0);
        vrows_text(r, "Transaction");
        vrows_text(r, "Exclusive");
        vrows_text(r, "Exclusive");
        uint64_t id1 = (1 << 16) | (uint64_t)s.blocking_sid, id2 = local ? h.txn_seq : 0;
        if (locks) request_ids(locks, nlocks, g->cfg.instance_number, sid, &id1, &id2);
        vrows_int(r, (int64_t)id1);
        vrows_int(r, (int64_t)id2);
    }
    free(locks);
}

const vview dba_blockers = {"DBA_BLOCKERS", "HOLDING_SESSION NUMBER, CON_ID NUMBER",
                            fill_blockers};

const vview dba_waiters = {
    "DBA_WAITERS",
    "WAITING_SESSION NUMBER, WAITING_CON_ID NUMBER, HOLDING_SESSION NUMBER, "
    "HOLDING_CON_ID NUMBER, LOCK_TYPE VARCHAR2(26), MODE_HELD VARCHAR2(40), "
    "MODE_REQUESTED VARCHAR2(40), LOCK_ID1 NUMBER, LOCK_ID2 NUMBER",
    fill_waiters,
};
