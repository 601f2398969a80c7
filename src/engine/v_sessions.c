/*
 * v_sessions.c - V$SESSION, V$PROCESS and V$TEMPORARY_LOBS over the SGA
 * (V$TRANSACTION is with the lock views, v_locks.c).
 *
 * Each row is a seqlocked copy of one slot (sga_read_session/_process), so
 * a row is never torn and listing sessions never blocks them.  Addresses
 * are RAW(8) values that join exactly as Oracle's: V$SESSION.PADDR =
 * V$PROCESS.ADDR, V$SESSION.TADDR (VARCHAR2 hex) = V$TRANSACTION.ADDR.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "../common/sql_id.h"
#include "../sga/sga.h"
#include "../sga/sqlarea.h"
#include "v_views.h"

static const char *const status_names[] = {"INACTIVE", "ACTIVE", "KILLED", "SNIPED"};

/*
 * The root of SID's blocking chain (0 if none, or if the chain loops) and its instance in
 * *INST.  The chain is followed through this instance's sessions; a blocker on another
 * instance ends it there.
 */
static int final_blocker(const sga *g, int sid, int *inst)
{
    int root = 0, here = g->cfg.instance_number;
    *inst = here;
    for (int hops = 0; hops < g->nsessions; hops++) {
        sga_session s;
        sga_read_session(g, sid, &s);
        if (!s.blocking_sid || s.type == SGA_FREE) return root;
        root = sid = s.blocking_sid;
        *inst = s.blocking_inst;
        if (s.blocking_inst != here) return root;
    }
    return 0;
}

static void wait_columns(vrows *r, const sga_session *s, int64_t now)
{
    const wait_event_info *info = wait_event_info_of(s->event);
    const char *event = info ? info->name : NULL;
    vrows_text(r, event);
    vrows_text(r, event ? info->wait_class : NULL);
    int64_t micro = s->waiting ? now - s->wait_start_us : s->wait_time_us;
    if (micro < 0) micro = 0;
    if (!event) vrows_null(r);
    else vrows_text(r, s->waiting              ? "WAITING"
                       : s->wait_time_us < 10000 ? "WAITED SHORT TIME"
                                                 : "WAITED KNOWN TIME");
    vrows_int(r, micro);
    vrows_int(r, micro / 1000000); /* SECONDS_IN_WAIT */
}

static void blocking_columns(vrows *r, const sga *g, const sga_session *s, int sid)
{
    int blocked = s->blocking_sid != 0;
    int final_inst = 0, final = blocked ? final_blocker(g, sid, &final_inst) : 0;
    vrows_text(r, blocked ? "VALID" : s->waiting ? "NO HOLDER" : "NOT IN WAIT");
    if (blocked) vrows_int(r, s->blocking_inst), vrows_int(r, s->blocking_sid);
    else vrows_null(r), vrows_null(r);
    vrows_text(r, final ? "VALID" : s->waiting ? "NO HOLDER" : "NOT IN WAIT");
    if (final) vrows_int(r, final_inst), vrows_int(r, final);
    else vrows_null(r), vrows_null(r);
}

/* ROW_WAIT_OBJ#, FILE#, BLOCK#, ROW#: the row waited for (its ROWID's parts), -1 / 0 if none. */
void row_wait_columns(vrows *r, const sga_session *s)
{
    int on_row = s->waiting && s->event == SGA_EV_TX_ROW_LOCK && s->row_wait_obj > 0;
    vrows_int(r, on_row ? s->row_wait_obj : -1);
    vrows_int(r, on_row ? 1 : 0);
    vrows_int(r, on_row ? (int64_t)((uint64_t)s->row_wait_row >> 16) : 0);
    vrows_int(r, on_row ? (int64_t)(s->row_wait_row & 0xFFFF) : 0);
}

/* SQL_ADDRESS, SQL_HASH_VALUE, PREV_SQL_ADDR, PREV_HASH_VALUE (to V$SQL's ADDRESS and
 * HASH_VALUE, 00 and 0 for none), SQL_CHILD_NUMBER, FIXED_TABLE_SEQUENCE (moves with every
 * call), RESOURCE_CONSUMER_GROUP. */
static void sql_identity_columns(vrows *r, const sga_session *s)
{
    vrows_raw8(r, s->sql_id[0] ? sqlarea_address(s->sql_area) : 0);
    vrows_int(r, sql_hash_value(s->sql_id));
    vrows_raw8(r, s->prev_sql_id[0] ? sqlarea_address(s->prev_sql_area) : 0);
    vrows_int(r, sql_hash_value(s->prev_sql_id));
    if (s->sql_id[0]) vrows_int(r, 0);
    else vrows_null(r);
    vrows_int(r, (int64_t)s->stats[STAT_USER_CALLS]);
    vrows_text(r, s->type == SGA_USER ? "OTHER_GROUPS" : NULL);
}

static void fill_session(vrows *r, const vview_ctx *ctx)
{
    const sga *g = the_sga;
    int64_t now = sga_now_us();
    sga_session s;
    for (int sid = 0; (sid = sga_next_session(g, sid, &s)) != 0;) {
        int user = s.type == SGA_USER;
        vrows_row(r);
        vrows_raw8(r, sga_session_addr(sid));
        vrows_int(r, sid);
        vrows_int(r, s.serial);
        vrows_int(r, s.audsid);
        vrows_raw8(r, sga_process_addr(s.pid));
        vrows_int(r, user ? s.user_id : 0);
        vrows_text(r, user ? s.username : NULL);
        vrows_int(r, s.command);
        if (s.txn_open) vrows_addr_text(r, sga_transaction_addr(sid));
        else vrows_null(r);
        if (s.waiting && s.event == SGA_EV_TX_ROW_LOCK) /* = V$LOCK.KADDR of the request */
            vrows_addr_text(r, sga_transaction_addr(sid) + 0x50);
        else vrows_null(r);
        int marked = s.request == SGA_REQ_KILL || s.request == SGA_REQ_DISCONNECT;
        vrows_text(r, marked ? "KILLED" : status_names[s.status < 4 ? s.status : 0]);
        vrows_text(r, "DEDICATED");
        vrows_text(r, user ? s.schemaname : "SYS");
        vrows_text(r, s.osuser);
        vrows_text(r, s.process);
        vrows_text(r, s.machine);
        vrows_int(r, s.port);
        vrows_text(r, s.terminal);
        vrows_text(r, s.program);
        vrows_text(r, user ? "USER" : "BACKGROUND");
        vrows_text(r, s.sql_id);
        vrows_date(r, s.sql_exec_start);
        vrows_text(r, s.prev_sql_id);
        vrows_text(r, s.module);
        vrows_text(r, s.action);
        vrows_text(r, s.client_info);
        vrows_text(r, s.client_identifier);
        row_wait_columns(r, &s);
        vrows_date(r, s.logon_time);
        int64_t et = (now - s.call_start_us) / 1000000;
        vrows_int(r, et < 0 ? 0 : et);
        blocking_columns(r, g, &s, sid);
        wait_columns(r, &s, now);
        vrows_text(r, s.service_name);
        vrows_text(r, s.sql_trace & SGA_TRACE_ON ? "ENABLED" : "DISABLED");
        vrows_text(r, s.sql_trace & SGA_TRACE_WAITS ? "TRUE" : "FALSE");
        vrows_text(r, s.sql_trace & SGA_TRACE_BINDS ? "TRUE" : "FALSE");
        vrows_text(r, "FIRST_EXEC"); /* SQL_TRACE_PLAN_STATS */
        vrows_int(r, 0); /* CON_ID */
        wait_session_columns(r, &s, now);
        sql_identity_columns(r, &s);
    }
}

const vview v_session = {
    "SESSION",
    "SADDR RAW(8), SID NUMBER, \"SERIAL#\" NUMBER, AUDSID NUMBER, PADDR RAW(8), "
    "\"USER#\" NUMBER, USERNAME VARCHAR2(128), COMMAND NUMBER, TADDR VARCHAR2(16), "
    "LOCKWAIT VARCHAR2(16), STATUS VARCHAR2(8), SERVER VARCHAR2(9), SCHEMANAME VARCHAR2(128), "
    "OSUSER VARCHAR2(128), PROCESS VARCHAR2(24), MACHINE VARCHAR2(64), PORT NUMBER, "
    "TERMINAL VARCHAR2(30), PROGRAM VARCHAR2(48), TYPE VARCHAR2(10), SQL_ID VARCHAR2(13), "
    "SQL_EXEC_START DATE, PREV_SQL_ID VARCHAR2(13), MODULE VARCHAR2(64), ACTION VARCHAR2(64), "
    "CLIENT_INFO VARCHAR2(64), CLIENT_IDENTIFIER VARCHAR2(64), \"ROW_WAIT_OBJ#\" NUMBER, "
    "\"ROW_WAIT_FILE#\" NUMBER, \"ROW_WAIT_BLOCK#\" NUMBER, \"ROW_WAIT_ROW#\" NUMBER, LOGON_TIME DATE, "
    "LAST_CALL_ET NUMBER, BLOCKING_SESSION_STATUS VARCHAR2(11), BLOCKING_INSTANCE NUMBER, "
    "BLOCKING_SESSION NUMBER, FINAL_BLOCKING_SESSION_STATUS VARCHAR2(11), "
    "FINAL_BLOCKING_INSTANCE NUMBER, FINAL_BLOCKING_SESSION NUMBER, EVENT VARCHAR2(64), "
    "WAIT_CLASS VARCHAR2(64), STATE VARCHAR2(19), WAIT_TIME_MICRO NUMBER, "
    "SECONDS_IN_WAIT NUMBER, SERVICE_NAME VARCHAR2(64), SQL_TRACE VARCHAR2(8), "
    "SQL_TRACE_WAITS VARCHAR2(5), SQL_TRACE_BINDS VARCHAR2(5), SQL_TRACE_PLAN_STATS VARCHAR2(10), "
    "CON_ID NUMBER, " WAIT_SESSION_COLUMNS ", SQL_ADDRESS RAW(8), SQL_HASH_VALUE NUMBER, "
    "PREV_SQL_ADDR RAW(8), PREV_HASH_VALUE NUMBER, SQL_CHILD_NUMBER NUMBER, "
    "FIXED_TABLE_SEQUENCE NUMBER, RESOURCE_CONSUMER_GROUP VARCHAR2(32)",
    fill_session,
};

static void fill_process(vrows *r, const vview_ctx *ctx)
{
    const sga *g = the_sga;
    for (int pid = 1; pid <= g->nprocesses; pid++) {
        sga_process p;
        sga_read_process(g, pid, &p);
        if (!p.used) continue;
        char spid[24], tracefile[4200], role[sizeof p.pname] = "ora";
        snprintf(spid, sizeof spid, "%d", (int)p.spid);
        for (size_t i = 0; p.background && i < sizeof role; i++)
            role[i] = (char)tolower((unsigned char)p.pname[i]);
        /* Oracle's naming: <instance>_<pmon|ora>_<spid>.trc in the trace directory. */
        snprintf(tracefile, sizeof tracefile, "%s/%s_%s_%d.trc", g->trace_dir,
                 g->cfg.instance_name, role, (int)p.spid);
        vrows_row(r);
        vrows_raw8(r, sga_process_addr(pid));
        vrows_int(r, pid);
        vrows_text(r, spid); /* SOSID */
        vrows_text(r, spid);
        vrows_text(r, spid); /* STID */
        vrows_text(r, "PROCESS");
        vrows_text(r, p.pname);
        vrows_text(r, p.username);
        vrows_int(r, p.serial);
        vrows_text(r, p.terminal);
        vrows_text(r, p.program);
        vrows_text(r, tracefile);
        if (p.background) vrows_text(r, "1");
        else vrows_null(r);
        const sga_process *live = &g->processes[pid - 1];
        vrows_int(r, __atomic_load_n(&live->pga_used, __ATOMIC_RELAXED));
        vrows_int(r, __atomic_load_n(&live->pga_alloc, __ATOMIC_RELAXED));
        vrows_int(r, 0); /* CON_ID */
        vrows_int(r, __atomic_load_n(&live->pga_freeable, __ATOMIC_RELAXED));
        int64_t alloc = __atomic_load_n(&live->pga_alloc, __ATOMIC_RELAXED);
        int64_t max = __atomic_load_n(&live->pga_max, __ATOMIC_RELAXED);
        vrows_int(r, max > alloc ? max : alloc);
        vrows_null(r); /* TRACEID: no trace file identifier set */
        vrows_null(r); /* LATCHWAIT */
        vrows_null(r); /* LATCHSPIN */
    }
}

const vview v_process = {
    "PROCESS",
    "ADDR RAW(8), PID NUMBER, SOSID VARCHAR2(24), SPID VARCHAR2(24), STID VARCHAR2(24), "
    "EXECUTION_TYPE VARCHAR2(10), PNAME VARCHAR2(5), USERNAME VARCHAR2(15), "
    "\"SERIAL#\" NUMBER, TERMINAL VARCHAR2(30), PROGRAM VARCHAR2(48), TRACEFILE VARCHAR2(513), "
    "BACKGROUND VARCHAR2(1), PGA_USED_MEM NUMBER, PGA_ALLOC_MEM NUMBER, CON_ID NUMBER, "
    "PGA_FREEABLE_MEM NUMBER, PGA_MAX_MEM NUMBER, TRACEID VARCHAR2(255), LATCHWAIT VARCHAR2(16), "
    "LATCHSPIN VARCHAR2(16)",
    fill_process,
};

/* One row per session: its temporary LOBs (all cached in memory: CACHE_LOBS). */
static void fill_temporary_lobs(vrows *r, const vview_ctx *ctx)
{
    const sga *g = the_sga;
    for (int sid = 1; sid <= g->nsessions; sid++) {
        sga_session s;
        sga_read_session(g, sid, &s);
        if (s.type != SGA_USER) continue;
        vrows_row(r);
        vrows_int(r, sid);
        vrows_int(r, s.temp_lobs);
        vrows_int(r, 0); /* NOCACHE_LOBS */
        vrows_int(r, 0); /* ABSTRACT_LOBS */
        vrows_int(r, 0); /* CON_ID */
    }
}

const vview v_temporary_lobs = {
    "TEMPORARY_LOBS",
    "SID NUMBER, CACHE_LOBS NUMBER, NOCACHE_LOBS NUMBER, ABSTRACT_LOBS NUMBER, CON_ID NUMBER",
    fill_temporary_lobs,
};
