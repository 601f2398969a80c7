/*
 * session_state.c - keeping this session's SGA slot current.
 */
#include "session_state.h"
#include "sql_trace.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../common/sql_id.h"
#include "../sga/locks.h"
#include "../sga/longops.h"
#include "../sga/open_cursors.h"
#include "../sga/sga.h"
#include "../sga/sqlarea.h"
#include "pga_limit.h"

#define PGA_PUBLISH_US 100000 /* V$PROCESS PGA figures are at most 0.1 s old */

static sga_session *slot(session *s) { return s->sid ? sga_session_at(the_sga, s->sid) : NULL; }

/* Start waiting for EVENT (0 = not waiting: on CPU). */
/* The wait in progress ends and EVENT begins (SQL*Net's parameters; none for SGA_EV_NONE). */
static void set_wait(sga_session *g, uint32_t event, int64_t now)
{
    wait_params p = wait_params_sqlnet();
    sga_wait_switch(the_sga, g, event, event == SGA_EV_NONE ? NULL : &p, now);
}

void session_state_idle(session *s)
{
    sga_session *g = slot(s);
    if (!g) return;
    int64_t now = sga_now_us();
    sga_write_begin(&g->seq);
    if (g->status == SGA_ACTIVE) g->status = SGA_INACTIVE;
    g->call_start_us = now;
    if (g->sql_id[0]) {
        memcpy(g->prev_sql_id, g->sql_id, sizeof g->sql_id);
        g->prev_sql_area = g->sql_area;
    }
    g->sql_id[0] = 0;
    g->sql_exec_start = 0;
    set_wait(g, SGA_EV_CLIENT_MESSAGE, now);
    sga_write_end(&g->seq);
}

void session_state_temp_lobs(session *s, int n)
{
    sga_session *g = slot(s);
    if (!g) return;
    sga_write_begin(&g->seq);
    g->temp_lobs = (uint32_t)n;
    sga_write_end(&g->seq);
}

/* The bytes the connection carried since they were last counted, into D. */
static void take_bytes(session *s, stat_deltas *d)
{
    d->v[STAT_BYTES_SENT] = s->net.bytes_out - s->bytes_out_mark;
    d->v[STAT_BYTES_RECEIVED] = s->net.bytes_in - s->bytes_in_mark;
    s->bytes_out_mark = s->net.bytes_out, s->bytes_in_mark = s->net.bytes_in;
}

void session_state_call_begin(session *s)
{
    sga_session *g = slot(s);
    if (!g) return;
    int64_t now = sga_now_us();
    if (g->waiting && g->event == SGA_EV_CLIENT_MESSAGE)
        sql_trace_wait(s, sga_event_name(SGA_EV_CLIENT_MESSAGE), now - g->wait_start_us, -1);
    sga_write_begin(&g->seq);
    if (g->status == SGA_INACTIVE) g->status = SGA_ACTIVE;
    g->call_start_us = now;
    stat_deltas d = {.v = {[STAT_USER_CALLS] = 1, [STAT_ROUNDTRIPS] = 1}};
    take_bytes(s, &d); /* the last call's reply went out after its end: counted now */
    sga_stats_add(the_sga, g, &d);
    set_wait(g, SGA_EV_NONE, now);
    sga_write_end(&g->seq);
}

/* CPU time of this process (a system call: the vDSO has no CPU clocks). */
static int64_t cpu_now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/*
 * What the call cost, into the session's statistics: CPU (in whole
 * centiseconds; the rest waits for the next call), the bytes the connection
 * carried, the engine's page reads, sorts and redo, and the memory levels.
 */
static void publish_stats(session *s, const eng_counters *counted)
{
    sga_session *g = slot(s);
    if (!g || !s->pid) return;
    const eng_counters e = *counted;
    stat_deltas d = {.levels = 1};
    d.v[STAT_CPU] = (uint64_t)(s->cpu_unreported_us / 10000);
    s->cpu_unreported_us %= 10000;
    take_bytes(s, &d);
    d.v[STAT_LOGICAL_READS] = e.cache_hits + e.cache_misses;
    d.v[STAT_PHYSICAL_READS] = e.cache_misses;
    d.v[STAT_SORTS] = e.sorts;
    d.v[STAT_REDO_SIZE] = e.redo_bytes;
    int64_t pga = __atomic_load_n(&sga_process_at(the_sga, s->pid)->pga_alloc, __ATOMIC_RELAXED);
    if (pga > s->pga_max) s->pga_max = pga;
    d.v[STAT_PGA] = (uint64_t)pga;
    d.v[STAT_PGA_MAX] = (uint64_t)s->pga_max;
    sga_write_begin(&g->seq);
    sga_stats_add(the_sga, g, &d);
    sga_write_end(&g->seq);
}

/*
 * The call's CPU time is the process's since the previous call ended: it
 * decoded the request, ran the statement and built the reply.  A statement
 * the call ran gets it in V$SQL, with its elapsed time, rows and the call's
 * page reads and sorts.
 */
void session_state_call_end(session *s)
{
    int64_t now = cpu_now_us();
    eng_counters e = {0};
    if (s->eng && s->sid) eng_take_counters(s->eng, &e);
    if (s->stmt_pending) {
        sqlarea_costs c = {s->stmt_elapsed_us, now - s->cpu_mark_us, s->stmt_rows,
                           e.cache_hits + e.cache_misses, e.cache_misses, e.sorts};
        sqlarea_executed(the_sqlarea, s->stmt_area, &c);
    }
    s->cpu_unreported_us += now - s->cpu_mark_us;
    s->cpu_mark_us = now;
    s->stmt_pending = 0;
    session_state_memory(s);
    publish_stats(s, &e);
    session_state_idle(s);
}

void session_state_statement(session *s, server_cursor *c)
{
    sga_session *g = slot(s);
    if (!g) return;
    const char *sql = eng_cursor_sql(c->ec);
    int command = eng_cursor_stmt(c->ec)->command_type;
    /* the first execution of a text parsed into this cursor counts its parse: hard when the
     * instance's SQL area did not know the text */
    int parsed = !c->sql_id[0], hard = 0;
    if (parsed) sql_id(sql, strlen(sql), c->sql_id);
    sqlarea_loader who = {s->user, s->module, s->action, command, parsed};
    c->sqlarea_index = sqlarea_enter(the_sqlarea, c->sql_id, sql, &who, c->sqlarea_index, &hard);
    stat_deltas d = {.v = {[STAT_EXECUTE_COUNT] = 1, [STAT_PARSE_TOTAL] = (uint64_t)parsed,
                           [STAT_PARSE_HARD] = (uint64_t)(parsed && hard)}};
    s->stmt_area = c->sqlarea_index;
    s->stmt_start_us = sga_now_us();
    open_cursor_set(the_open_cursors, s->sid, (int)(c - s->cursors), c->sqlarea_index,
                    c->refcursor ? OPEN_CURSOR_PLSQL : OPEN_CURSOR_CLIENT, s->stmt_start_us);
    sga_write_begin(&g->seq);
    if (g->sql_id[0]) {
        memcpy(g->prev_sql_id, g->sql_id, sizeof g->sql_id);
        g->prev_sql_area = g->sql_area;
    }
    memcpy(g->sql_id, c->sql_id, sizeof c->sql_id);
    g->sql_area = c->sqlarea_index;
    g->sql_exec_start = time(NULL);
    g->command = command;
    sga_stats_add(the_sga, g, &d);
    sga_write_end(&g->seq);
}

void session_state_statement_done(session *s, uint64_t rows)
{
    if (!s->sid) return;
    s->stmt_pending = 1; /* counted when the call ends, with its CPU time */
    s->stmt_elapsed_us = sga_now_us() - s->stmt_start_us;
    s->stmt_rows = rows;
}

void session_state_sleep(session *s, double seconds)
{
    sga_session *g = slot(s);
    if (!g) return;
    int64_t now = sga_now_us();
    wait_params p = {seconds > 0 ? (uint64_t)(seconds * 100) : 0, 0, 0}; /* centiseconds */
    sga_write_begin(&g->seq);
    sga_wait_switch(the_sga, g, seconds >= 0 ? SGA_EV_PLSQL_TIMER : SGA_EV_NONE, &p, now);
    sga_write_end(&g->seq);
}

void session_state_count_commit(session *s, int rollback)
{
    sga_session *g = slot(s);
    if (!g) return;
    stat_deltas d = {.v = {[STAT_USER_COMMITS] = !rollback, [STAT_USER_ROLLBACKS] = !!rollback}};
    sga_write_begin(&g->seq);
    sga_stats_add(the_sga, g, &d);
    sga_write_end(&g->seq);
}

void session_state_end_to_end(session *s)
{
    sga_session *g = slot(s);
    if (!g) return;
    sga_write_begin(&g->seq);
    snprintf(g->module, sizeof g->module, "%s", s->module);
    snprintf(g->action, sizeof g->action, "%s", s->action);
    snprintf(g->client_info, sizeof g->client_info, "%s", s->client_info);
    snprintf(g->client_identifier, sizeof g->client_identifier, "%s", s->client_identifier);
    sga_write_end(&g->seq);
}

void session_state_memory(session *s)
{
    if (!s->pid) return;
    /* Measuring walks every free list: not after each of thousands of calls a second. */
    int64_t now = sga_monotonic_us();
    if (s->memory_mark_us && now - s->memory_mark_us < PGA_PUBLISH_US) return;
    s->memory_mark_us = now;
    pga_memory m = pga_measure();
    sga_process *p = sga_process_at(the_sga, s->pid);
    __atomic_store_n(&p->pga_used, m.used, __ATOMIC_RELAXED);
    __atomic_store_n(&p->pga_alloc, m.alloc, __ATOMIC_RELAXED);
    __atomic_store_n(&p->pga_freeable, m.freeable, __ATOMIC_RELAXED);
    if (m.alloc > __atomic_load_n(&p->pga_max, __ATOMIC_RELAXED))
        __atomic_store_n(&p->pga_max, m.alloc, __ATOMIC_RELAXED);
}

/* Engine observer: the transaction opened, grew or ended. */
static void on_transaction(void *arg, int open, uint64_t changes)
{
    session *s = arg;
    sga_session *g = slot(s);
    if (!g) return;
    sga_write_begin(&g->seq);
    if (open && !g->txn_open) {
        g->txn_start = time(NULL);
        g->txn_seq++;
    }
    g->txn_open = open;
    g->txn_urec = changes;
    sga_write_end(&g->seq);
    if (open) __atomic_store_n(&the_sga->writer_sid, s->sid, __ATOMIC_RELEASE);
    else session_state_release(s);
}

/* Engine observer: waiting for the write lock began or ended. */
static void on_lock_wait(void *arg, int waiting)
{
    session *s = arg;
    sga_session *g = slot(s);
    if (!g) return;
    int64_t now = sga_now_us();
    int holder = waiting ? __atomic_load_n(&the_sga->writer_sid, __ATOMIC_ACQUIRE) : 0;
    if (holder == s->sid) holder = 0;
    /* the single writer's TX lock, as V$LOCK shows it: usn 1, slot the holder's SID */
    wait_params p = wait_params_tx(6, 1, (uint32_t)holder,
                                   holder ? sga_session_at(the_sga, holder)->txn_seq : 0);
    sga_write_begin(&g->seq);
    sga_wait_switch(the_sga, g, waiting ? SGA_EV_TX_ROW_LOCK : SGA_EV_NONE, &p, now);
    g->blocking_inst = holder ? the_sga->cfg.instance_number : 0;
    g->blocking_sid = holder;
    g->blocking_serial = holder ? sga_session_at(the_sga, holder)->serial : 0;
    sga_write_end(&g->seq);
}

/* Engine observer (row locking): a wait for a row or table lock began (W) or ended (NULL). */
static void on_row_wait(void *arg, const eng_row_wait *w)
{
    session *s = arg;
    sga_session *g = slot(s);
    if (!g) return;
    int64_t now = sga_now_us();
    if (!w && g->waiting && g->event == SGA_EV_TX_ROW_LOCK)
        sql_trace_wait(s, sga_event_name(SGA_EV_TX_ROW_LOCK), now - g->wait_start_us,
                       g->row_wait_obj);
    wait_params p = w ? wait_params_tx(w->shared ? 4 : 6, w->holder_usn, w->holder_slot,
                                       w->holder_sqn)
                      : (wait_params){0, 0, 0};
    sga_write_begin(&g->seq);
    sga_wait_switch(the_sga, g, w ? SGA_EV_TX_ROW_LOCK : SGA_EV_NONE, &p, now);
    g->blocking_inst = w ? w->holder_inst : 0;
    g->blocking_sid = w ? w->holder_sid : 0;
    g->blocking_serial = w ? w->holder_serial : 0;
    g->row_wait_obj = w ? (int64_t)w->obj : -1;
    g->row_wait_row = w ? w->row : 0;
    sga_write_end(&g->seq);
}

/* The client is not reading its results: ACTIVE, waiting 'SQL*Net message to client'. */
static void on_send_blocked(void *arg, int blocked)
{
    session *s = arg;
    sga_session *g = slot(s);
    if (!g) return;
    int64_t now = sga_now_us();
    sga_write_begin(&g->seq);
    if (blocked) {
        if (g->status == SGA_INACTIVE) g->status = SGA_ACTIVE;
        set_wait(g, SGA_EV_TO_CLIENT, now);
    } else {
        if (g->status == SGA_ACTIVE) g->status = SGA_INACTIVE;
        set_wait(g, SGA_EV_CLIENT_MESSAGE, now);
    }
    sga_write_end(&g->seq);
}

/* Engine observer: a COMMIT waits for its sync ('log file sync', P1 the commit's number as
 * its buffer#, P2 the SCN now), or is done. */
static void on_sync_wait(void *arg, uint64_t commit_no)
{
    session *s = arg;
    sga_session *g = slot(s);
    if (!g) return;
    wait_params p = {commit_no, lk_scn_current(the_locks), 0};
    sga_write_begin(&g->seq);
    sga_wait_switch(the_sga, g, commit_no ? SGA_EV_LOG_FILE_SYNC : SGA_EV_NONE, &p, sga_now_us());
    sga_write_end(&g->seq);
}

/* Engine observer: a read of the database file ('db file sequential read', P1 file#, P2
 * block#, P3 blocks) begins, or (BLOCKS 0) ends.  A read inside another wait is that wait's. */
static void on_io_wait(void *arg, uint32_t file, uint32_t block, uint32_t blocks)
{
    session *s = arg;
    sga_session *g = slot(s);
    if (!g || (blocks ? g->waiting : !g->waiting || g->event != SGA_EV_DB_FILE_READ)) return;
    wait_params p = {file, block, blocks};
    sga_write_begin(&g->seq);
    sga_wait_switch(the_sga, g, blocks ? SGA_EV_DB_FILE_READ : SGA_EV_NONE, &p, sga_now_us());
    sga_write_end(&g->seq);
}

void session_state_longop(session *s, longop *o, int *rindex, int *slno)
{
    sga_session *g = slot(s);
    if (!g) return;
    o->sid = s->sid, o->serial = s->serial;
    o->update_us = sga_now_us();
    snprintf(o->username, sizeof o->username, "%s", s->user);
    /* written by this process only; a long statement's last report may come after its call
     * (its cursor closed): then the SQL of its reports before */
    if (g->sql_id[0]) snprintf(s->longop_sql_id, sizeof s->longop_sql_id, "%s", g->sql_id);
    snprintf(o->sql_id, sizeof o->sql_id, "%s", s->longop_sql_id);
    if (o->sql_id[0]) o->sql_hash = sql_hash_value(o->sql_id);
    if (o->sql_id[0] && s->stmt_area >= 0) o->sql_address = sqlarea_address(s->stmt_area);
    longops_set(the_longops, o, rindex, slno);
}

/* Engine observer: a long statement's progress, a row of V$SESSION_LONGOPS (a new row for each
 * statement). */
static void on_long_op(void *arg, const eng_long_op *op)
{
    session *s = arg;
    if (op->starting) s->longop_rindex = -1, s->longop_slno = 0;
    longop o = {.sofar = op->sofar, .totalwork = op->totalwork, .start_us = op->started_us};
    snprintf(o.opname, sizeof o.opname, "%s", op->opname);
    snprintf(o.target, sizeof o.target, "%s", op->target);
    snprintf(o.units, sizeof o.units, "%s", op->units);
    session_state_longop(s, &o, &s->longop_rindex, &s->longop_slno);
}

void session_state_attach(session *s)
{
    eng_observer o = {.transaction = on_transaction, .lock_wait = on_lock_wait,
                      .row_wait = on_row_wait, .sync_wait = on_sync_wait, .io_wait = on_io_wait,
                      .long_op = on_long_op, .arg = s};
    eng_set_observer(s->eng, &o);
    s->net.on_send_blocked = on_send_blocked;
    s->net.send_arg = s;
}

void session_state_release(session *s)
{
    int mine = s->sid;
    __atomic_compare_exchange_n(&the_sga->writer_sid, &mine, 0, 0, __ATOMIC_ACQ_REL,
                                __ATOMIC_ACQUIRE);
}
