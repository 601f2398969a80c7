/*
 * v_instance.c - V$INSTANCE, V$DATABASE, V$PARAMETER and the session
 * statistics views V$STATNAME, V$SESSTAT, V$MYSTAT, V$SYSSTAT, V$SESS_IO;
 * V$SGA.
 */
#include <stdio.h>
#include <string.h>

#include "../sga/sga.h"
#include "v_views.h"

const vview *const warden_views[] = {
    &v_session, &v_process, &v_transaction, &v_lock, &v_sql, &v_sqlarea, &v_instance, &v_database,
    &v_parameter, &v_statname, &v_sesstat, &v_mystat, &v_session_kill_history, &v_locked_object,
    &v_temporary_lobs, &v_session_wait, &v_session_event, &v_system_event, &v_event_name,
    &v_sysstat, &v_sqltext, &v_sqltext_with_newlines, &v_wait_chains, &v_diag_info, &v_session_longops,
    &v_open_cursor, &v_rollname, &v_rollstat, &v_sess_io, &v_sga, NULL,
};

static void fill_instance(vrows *r, const vview_ctx *ctx)
{
    const sga *g = the_sga;
    vrows_row(r);
    vrows_int(r, g->cfg.instance_number);
    vrows_text(r, g->cfg.instance_name);
    vrows_text(r, g->host);
    vrows_text(r, "19.0.0.0.0");
    vrows_text(r, "19.0.0.0.0");
    vrows_date(r, g->startup_time);
    vrows_text(r, "OPEN");
    vrows_text(r, g->cfg.cluster_database ? "YES" : "NO"); /* PARALLEL: a cluster instance */
    vrows_int(r, g->cfg.instance_number);                  /* THREAD#: its redo thread */
    vrows_text(r, "STOPPED");
    vrows_text(r, "ALLOWED");
    vrows_text(r, "NO");  /* SHUTDOWN_PENDING */
    vrows_text(r, "ACTIVE");
    vrows_text(r, "PRIMARY_INSTANCE");
    vrows_text(r, "NORMAL");
    vrows_text(r, "NO");  /* BLOCKED */
    vrows_int(r, 0);
}

const vview v_instance = {
    "INSTANCE",
    "INSTANCE_NUMBER NUMBER, INSTANCE_NAME VARCHAR2(16), HOST_NAME VARCHAR2(64), "
    "VERSION VARCHAR2(17), VERSION_FULL VARCHAR2(17), STARTUP_TIME DATE, STATUS VARCHAR2(12), "
    "PARALLEL VARCHAR2(3), \"THREAD#\" NUMBER, ARCHIVER VARCHAR2(7), LOGINS VARCHAR2(10), "
    "SHUTDOWN_PENDING VARCHAR2(3), DATABASE_STATUS VARCHAR2(17), INSTANCE_ROLE VARCHAR2(18), "
    "ACTIVE_STATE VARCHAR2(9), BLOCKED VARCHAR2(3), CON_ID NUMBER",
    fill_instance,
};

static void fill_database(vrows *r, const vview_ctx *ctx)
{
    const sga *g = the_sga;
    vrows_row(r);
    vrows_int(r, (int64_t)g->dbid);
    vrows_text(r, g->cfg.db_name);
    vrows_date(r, g->db_created);
    vrows_text(r, "NOARCHIVELOG");
    vrows_text(r, "READ WRITE");
    vrows_text(r, "PRIMARY");
    vrows_text(r, "Linux x86 64-bit");
    vrows_text(r, g->cfg.db_name); /* DB_UNIQUE_NAME */
    vrows_int(r, 0);
}

const vview v_database = {
    "DATABASE",
    "DBID NUMBER, NAME VARCHAR2(9), CREATED DATE, LOG_MODE VARCHAR2(12), "
    "OPEN_MODE VARCHAR2(20), DATABASE_ROLE VARCHAR2(16), PLATFORM_NAME VARCHAR2(101), "
    "DB_UNIQUE_NAME VARCHAR2(30), CON_ID NUMBER",
    fill_database,
};

/* The data directory: the trace directory's parent. */
static void data_directory(const sga *g, char *out, size_t n)
{
    size_t len = strlen(g->trace_dir);
    snprintf(out, n, "%.*s", (int)(len > 6 ? len - 6 : 0), g->trace_dir); /* less "/trace" */
}

/* One V$PARAMETER row: TYPE 1 boolean, 2 string, 3 integer, as Oracle numbers them;
 * MODIFIED: changed by ALTER SYSTEM since startup. */
static void parameter_row(vrows *r, int num, const char *name, int type, const char *value,
                          const char *dflt, const char *sys_modifiable, const char *description,
                          int modified)
{
    vrows_row(r);
    vrows_int(r, num);
    vrows_text(r, name);
    vrows_int(r, type);
    vrows_text(r, value);
    vrows_text(r, value);
    vrows_text(r, dflt);
    vrows_text(r, dflt && !strcmp(value, dflt) ? "TRUE" : "FALSE");
    vrows_text(r, "FALSE");
    vrows_text(r, sys_modifiable);
    vrows_text(r, description);
    vrows_int(r, 0);
    vrows_text(r, modified ? "SYSTEM_MOD" : "FALSE");
    vrows_text(r, "FALSE"); /* ISADJUSTED */
    vrows_text(r, "FALSE"); /* ISDEPRECATED */
}

static void parameter(vrows *r, int num, const char *name, int type, const char *value,
                      const char *dflt, const char *sys_modifiable, const char *description)
{
    parameter_row(r, num, name, type, value, dflt, sys_modifiable, description, 0);
}

static void fill_parameter(vrows *r, const vview_ctx *ctx)
{
    const warden_config *c = &the_sga->cfg;
    char port[16], number[16], processes[16], sessions[16], wait[16], dflt_sessions[16];
    char inbound[16], pending[16], dflt_pending[16], pga[16];
    char txns[16], dflt_txns[16], dml[16], dflt_dml[16], rowlk[16];
    snprintf(port, sizeof port, "%d", c->listener_port);
    snprintf(number, sizeof number, "%d", c->instance_number);
    snprintf(processes, sizeof processes, "%d", c->processes);
    snprintf(sessions, sizeof sessions, "%d", c->sessions);
    snprintf(dflt_sessions, sizeof dflt_sessions, "%d", c->processes * 3 / 2 + 22);
    snprintf(wait, sizeof wait, "%d", c->kill_session_wait);
    snprintf(inbound, sizeof inbound, "%d", c->inbound_connect_timeout);
    snprintf(pending, sizeof pending, "%d", c->max_pending_connections);
    snprintf(dflt_pending, sizeof dflt_pending, "%d", config_default_pending(c));
    snprintf(pga, sizeof pga, "%d", c->session_pga_limit);
    snprintf(txns, sizeof txns, "%d", config_transactions(c));
    snprintf(dflt_txns, sizeof dflt_txns, "%d", config_default_transactions(c));
    snprintf(dml, sizeof dml, "%d", config_dml_locks(c));
    snprintf(dflt_dml, sizeof dflt_dml, "%d", config_default_dml_locks(c));
    snprintf(rowlk, sizeof rowlk, "%d", c->row_locks);
    parameter(r, 1, "instance_name", 2, c->instance_name, "WARDEN", "FALSE", "instance name");
    parameter(r, 2, "instance_number", 3, number, "1", "FALSE", "instance number");
    parameter(r, 3, "db_name", 2, c->db_name, "WARDEN", "FALSE", "database name");
    parameter(r, 4, "service_names", 2, c->service_names, "WARDEN", "FALSE",
              "service names the listener accepts");
    parameter(r, 5, "listener_address", 2, c->listener_address, "127.0.0.1", "FALSE",
              "address the listener binds");
    parameter(r, 6, "listener_port", 3, port, "1521", "FALSE", "port the listener binds");
    parameter(r, 7, "processes", 3, processes, "300", "FALSE", "user processes");
    parameter(r, 8, "sessions", 3, sessions, dflt_sessions, "FALSE", "user and system sessions");
    parameter_row(r, 9, "kill_session_wait", 3, wait, "60", "IMMEDIATE",
                  "seconds ALTER SYSTEM KILL SESSION waits for the session to end",
                  c->kill_session_wait != the_sga->startup_kill_session_wait);
    parameter(r, 10, "inbound_connect_timeout", 3, inbound, "60", "FALSE",
              "seconds a connection has from its hand-over to a completed logon (0: no limit)");
    parameter(r, 11, "max_pending_connections", 3, pending, dflt_pending, "FALSE",
              "connections that may be connecting (not yet logged on) at once");
    parameter(r, 12, "session_pga_limit", 3, pga, "64", "FALSE",
              "megabytes of private memory one session's server may use (0: no limit)");
    parameter(r, 13, "transactions", 3, txns, dflt_txns, "FALSE",
              "max. number of concurrent active transactions");
    parameter(r, 14, "dml_locks", 3, dml, dflt_dml, "FALSE",
              "dml locks - one for each table modified in a transaction");
    parameter(r, 15, "row_locks", 3, rowlk, "2097152", "FALSE",
              "row and unique-key locks all transactions may hold at once");
    parameter(r, 16, "row_locking", 1, c->row_locking ? "TRUE" : "FALSE", "TRUE", "FALSE",
              "sessions lock rows and keep their changes private until COMMIT");
    parameter(r, 17, "cluster_database", 1, c->cluster_database ? "TRUE" : "FALSE", "FALSE",
              "FALSE", "if TRUE startup in cluster database mode");
    parameter(r, 18, "cluster_load_balance", 1, c->cluster_load_balance ? "TRUE" : "FALSE",
              "TRUE", "FALSE", "a cluster's listeners hand new connections to the least loaded instance");
    /* what DBA scripts read, as they are in Warden */
    const sga *g = the_sga;
    char block[16], cursors[16], diag[4096];
    snprintf(block, sizeof block, "%d", g->db_block_size);
    snprintf(cursors, sizeof cursors, "%d", WARDEN_OPEN_CURSORS);
    data_directory(g, diag, sizeof diag);
    parameter(r, 19, "db_block_size", 3, block, "4096", "FALSE", "Size of database block in bytes");
    parameter(r, 20, "open_cursors", 3, cursors, "300", "FALSE", "max # cursors per session");
    parameter(r, 21, "diagnostic_dest", 2, diag, NULL, "FALSE", "diagnostic base directory");
    parameter(r, 22, "user_dump_dest", 2, g->trace_dir, NULL, "FALSE", "User process dump directory");
    parameter(r, 23, "background_dump_dest", 2, g->trace_dir, NULL, "FALSE",
              "Detached process dump directory");
    parameter(r, 24, "db_unique_name", 2, c->db_name, "WARDEN", "FALSE", "Database Unique Name");
    parameter(r, 25, "compatible", 2, "19.0.0", "19.0.0", "FALSE",
              "Database will be completely compatible with this software version");
    parameter(r, 26, "threaded_execution", 1, "FALSE", "FALSE", "FALSE",
              "Threaded Execution Mode (a process per session, always)");
    parameter(r, 27, "resource_limit", 1, "FALSE", "FALSE", "FALSE",
              "master switch for resource limit (profiles are stored, not enforced)");
    parameter(r, 28, "cursor_sharing", 2, "EXACT", "EXACT", "FALSE",
              "cursor sharing mode (one cursor per text)");
    parameter(r, 29, "timed_statistics", 1, "TRUE", "TRUE", "FALSE", "maintain internal timing statistics");
    parameter(r, 30, "undo_management", 2, "AUTO", "AUTO", "FALSE", "instance runs in SMU mode if TRUE");
    char prespawn[16];
    snprintf(prespawn, sizeof prespawn, "%d", c->prespawn_servers);
    parameter(r, 31, "prespawn_servers", 3, prespawn, "2", "FALSE",
              "dedicated servers started ahead of the connections they will serve");
}

const vview v_parameter = {
    "PARAMETER",
    "NUM NUMBER, NAME VARCHAR2(80), TYPE NUMBER, VALUE VARCHAR2(4000), "
    "DISPLAY_VALUE VARCHAR2(4000), DEFAULT_VALUE VARCHAR2(255), ISDEFAULT VARCHAR2(9), "
    "ISSES_MODIFIABLE VARCHAR2(5), ISSYS_MODIFIABLE VARCHAR2(9), DESCRIPTION VARCHAR2(255), "
    "CON_ID NUMBER, ISMODIFIED VARCHAR2(10), ISADJUSTED VARCHAR2(5), ISDEPRECATED VARCHAR2(5)",
    fill_parameter,
};

/* The statistics Warden measures (src/sga/session_stats.h). */
static void fill_statname(vrows *r, const vview_ctx *ctx)
{
    for (int i = 0; i < SGA_STAT_COUNT; i++) {
        vrows_row(r);
        vrows_int(r, i);
        vrows_text(r, stat_info_of(i)->name);
        vrows_int(r, stat_info_of(i)->class_no);
        vrows_int(r, 0);
    }
}

const vview v_statname = {
    "STATNAME", "\"STATISTIC#\" NUMBER, NAME VARCHAR2(64), CLASS NUMBER, CON_ID NUMBER",
    fill_statname,
};

static void session_stats(vrows *r, int sid)
{
    sga_session s;
    sga_read_session(the_sga, sid, &s);
    if (s.type == SGA_FREE) return;
    for (int i = 0; i < SGA_STAT_COUNT; i++) {
        vrows_row(r);
        vrows_int(r, sid);
        vrows_int(r, i);
        vrows_int(r, i == STAT_LOGONS_CUMULATIVE || i == STAT_LOGONS_CURRENT ? 1 : (int64_t)s.stats[i]);
        vrows_int(r, 0);
    }
}

static void fill_sesstat(vrows *r, const vview_ctx *ctx)
{
    for (int sid = 1; sid <= the_sga->nsessions; sid++) session_stats(r, sid);
}

static void fill_mystat(vrows *r, const vview_ctx *ctx)
{
    if (ctx->sid) session_stats(r, ctx->sid);
}

/* V$SYSSTAT: the instance's counts since startup; its levels, the sessions' now, added up. */
static void fill_sysstat(vrows *r, const vview_ctx *ctx)
{
    const sga *g = the_sga;
    uint64_t levels[SGA_STAT_COUNT] = {0};
    for (int sid = 1; sid <= g->nsessions; sid++) {
        sga_session s;
        sga_read_session(g, sid, &s);
        if (s.type != SGA_USER) continue;
        levels[STAT_LOGONS_CURRENT]++;
        levels[STAT_PGA] += s.stats[STAT_PGA];
        levels[STAT_PGA_MAX] += s.stats[STAT_PGA_MAX];
    }
    for (int i = 0; i < SGA_STAT_COUNT; i++) {
        const stat_info *info = stat_info_of(i);
        vrows_row(r);
        vrows_int(r, i);
        vrows_text(r, info->name);
        vrows_int(r, info->class_no);
        uint64_t v = info->level ? levels[i] : __atomic_load_n(&g->sys_stats[i], __ATOMIC_RELAXED);
        vrows_int(r, (int64_t)v);
        vrows_int(r, sga_name_id(info->name)); /* STAT_ID: Warden's own */
        vrows_int(r, 0);
    }
}

const vview v_sysstat = {
    "SYSSTAT",
    "\"STATISTIC#\" NUMBER, NAME VARCHAR2(64), CLASS NUMBER, VALUE NUMBER, STAT_ID NUMBER, "
    "CON_ID NUMBER",
    fill_sysstat,
};

#define STAT_COLUMNS "SID NUMBER, \"STATISTIC#\" NUMBER, VALUE NUMBER, CON_ID NUMBER"
const vview v_sesstat = {"SESSTAT", STAT_COLUMNS, fill_sesstat};
const vview v_mystat = {"MYSTAT", STAT_COLUMNS, fill_mystat};

/*
 * V$SGA: the shared memory the instance mapped at startup.  Fixed Size is
 * its header, Variable Size the tables after it (processes, sessions, the
 * SQL area, the histories, open cursors).  Each server process keeps its own
 * SQLite page cache, and WAL frames go straight to the file: no shared
 * Database Buffers or Redo Buffers (0).
 */
static void sga_row(vrows *r, const char *name, int64_t value)
{
    vrows_row(r);
    vrows_text(r, name);
    vrows_int(r, value);
    vrows_int(r, 0);
}

static void fill_sga(vrows *r, const vview_ctx *ctx)
{
    sga_row(r, "Fixed Size", (int64_t)sizeof(sga));
    sga_row(r, "Variable Size", (int64_t)(the_sga->mapped_bytes - sizeof(sga)));
    sga_row(r, "Database Buffers", 0);
    sga_row(r, "Redo Buffers", 0);
}

const vview v_sga = {"SGA", "NAME VARCHAR2(20), VALUE NUMBER, CON_ID NUMBER", fill_sga};

/*
 * V$SESS_IO: each session's reads, from its statistics.  Warden reads every
 * page one way (SQLite's page cache has no current mode), so all logical
 * reads are CONSISTENT_GETS and BLOCK_GETS is 0; changes are not counted
 * per block (BLOCK_CHANGES, CONSISTENT_CHANGES 0).
 */
static void fill_sess_io(vrows *r, const vview_ctx *ctx)
{
    sga_session s;
    for (int sid = 0; (sid = sga_next_session(the_sga, sid, &s)) != 0;) {
        vrows_row(r);
        vrows_int(r, sid);
        vrows_int(r, 0); /* BLOCK_GETS */
        vrows_int(r, (int64_t)s.stats[STAT_LOGICAL_READS]);
        vrows_int(r, (int64_t)s.stats[STAT_PHYSICAL_READS]);
        vrows_int(r, 0); /* BLOCK_CHANGES */
        vrows_int(r, 0); /* CONSISTENT_CHANGES */
        vrows_int(r, 0); /* OPTIMIZED_PHYSICAL_READS: no flash cache */
        vrows_int(r, 0); /* CON_ID */
    }
}

const vview v_sess_io = {
    "SESS_IO",
    "SID NUMBER, BLOCK_GETS NUMBER, CONSISTENT_GETS NUMBER, PHYSICAL_READS NUMBER, "
    "BLOCK_CHANGES NUMBER, CONSISTENT_CHANGES NUMBER, OPTIMIZED_PHYSICAL_READS NUMBER, "
    "CON_ID NUMBER",
    fill_sess_io,
};

/* V$DIAG_INFO: where this instance writes its alert log and traces (DATADIR/trace), and
 * the trace file of the querying session's process. */
static void diag_row(vrows *r, const char *name, const char *value)
{
    vrows_row(r);
    vrows_text(r, name);
    vrows_text(r, value);
    vrows_int(r, 0);
}

static void fill_diag_info(vrows *r, const vview_ctx *ctx)
{
    const sga *g = the_sga;
    char base[4096], trace[4200], alert[4200];
    data_directory(g, base, sizeof base);
    snprintf(alert, sizeof alert, "%s/alert_%s.log", g->trace_dir, g->cfg.instance_name);
    diag_row(r, "Diag Enabled", "TRUE");
    diag_row(r, "ADR Base", base);
    diag_row(r, "ADR Home", base);
    diag_row(r, "Diag Trace", g->trace_dir);
    diag_row(r, "Diag Alert", g->trace_dir);
    diag_row(r, "Log Alert", alert);
    if (ctx->sid) {
        sga_session s;
        sga_read_session(g, ctx->sid, &s);
        snprintf(trace, sizeof trace, "%s/%s_ora_%d.trc", g->trace_dir, g->cfg.instance_name,
                 (int)s.spid);
        diag_row(r, "Default Trace File", trace);
    }
}

const vview v_diag_info = {"DIAG_INFO", "NAME VARCHAR2(64), VALUE VARCHAR2(512), CON_ID NUMBER",
                           fill_diag_info};
