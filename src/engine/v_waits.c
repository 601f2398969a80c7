/*
 * v_waits.c - the wait interface: V$SESSION_WAIT, V$SESSION_EVENT,
 * V$SYSTEM_EVENT, V$EVENT_NAME, V$WAIT_CHAINS, and the wait columns
 * V$SESSION shares with V$SESSION_WAIT (src/sga/wait_events.h keeps the
 * events and the counts).
 *
 * Times as Oracle shows them: TIME_WAITED, AVERAGE_WAIT, MAX_WAIT and
 * WAIT_TIME in centiseconds, the _MICRO columns in microseconds.  WAIT_TIME
 * is 0 while the session waits, the last wait's length when it does not
 * (-1 when that was under a centisecond).  TOTAL_TIMEOUTS stays 0: a Warden
 * wait ends by its event (a lock released, a client's call), never by a
 * wait timeout that is then repeated.
 */
#include <stdio.h>
#include <stdlib.h>

#include "../sga/sga.h"
#include "v_views.h"

/* P1TEXT .. P3RAW, WAIT_CLASS_ID, WAIT_CLASS# of S's current or last wait. */
static void parameter_columns(vrows *r, const sga_session *s)
{
    const wait_event_info *e = wait_event_info_of(s->event);
    const char *texts[3] = {e ? e->p1 : NULL, e ? e->p2 : NULL, e ? e->p3 : NULL};
    const uint64_t values[3] = {s->wait_p.p1, s->wait_p.p2, s->wait_p.p3};
    for (int i = 0; i < 3; i++) {
        vrows_text(r, texts[i]);
        vrows_int(r, (int64_t)values[i]);
        vrows_raw8(r, values[i]);
    }
    if (e) vrows_int(r, e->class_id), vrows_int(r, e->class_no);
    else vrows_null(r), vrows_null(r);
}

/* The timing columns of S's current or last wait at NOW. */
typedef struct wait_timing {
    int64_t wait_time; /* WAIT_TIME: 0 waiting, centiseconds, -1 under one, -2 no wait yet */
    int64_t micro;     /* WAIT_TIME_MICRO: so far, or the last wait's length */
    int64_t remaining; /* TIME_REMAINING_MICRO (waiting only): -1 indefinite */
    int64_t since;     /* TIME_SINCE_LAST_WAIT_MICRO: 0 while waiting */
} wait_timing;

static wait_timing timing_of(const sga_session *s, int64_t now)
{
    wait_timing t = {0, s->waiting ? now - s->wait_start_us : s->wait_time_us, -1, 0};
    if (t.micro < 0) t.micro = 0;
    if (s->waiting) {
        if (s->event == SGA_EV_PLSQL_TIMER) t.remaining = (int64_t)s->wait_p.p1 * 10000 - t.micro;
        if (t.remaining < -1) t.remaining = 0;
        return t;
    }
    int64_t cs = s->wait_time_us / 10000;
    t.wait_time = s->event ? (cs ? cs : -1) : -2;
    t.since = s->wait_end_us && now > s->wait_end_us ? now - s->wait_end_us : 0;
    return t;
}

void wait_session_columns(vrows *r, const sga_session *s, int64_t now)
{
    wait_timing t = timing_of(s, now);
    vrows_int(r, s->wait_seq);
    parameter_columns(r, s);
    vrows_int(r, t.wait_time);
    if (s->waiting) vrows_int(r, t.remaining);
    else vrows_null(r);
    vrows_int(r, t.since);
}

static void fill_session_wait(vrows *r, const vview_ctx *ctx)
{
    const sga *g = the_sga;
    int64_t now = sga_now_us();
    sga_session s;
    for (int sid = 0; (sid = sga_next_session(g, sid, &s)) != 0;) {
        const wait_event_info *e = wait_event_info_of(s.event);
        wait_timing t = timing_of(&s, now);
        vrows_row(r);
        vrows_int(r, sid);
        vrows_int(r, s.wait_seq);
        vrows_text(r, e ? e->name : NULL);
        parameter_columns(r, &s);
        vrows_text(r, e ? e->wait_class : NULL);
        vrows_int(r, t.wait_time);
        vrows_int(r, t.micro / 1000000); /* SECONDS_IN_WAIT */
        vrows_text(r, s.waiting ? "WAITING"
                      : s.wait_time_us < 10000 ? "WAITED SHORT TIME"
                                               : "WAITED KNOWN TIME");
        vrows_int(r, t.micro);
        if (s.waiting) vrows_int(r, t.remaining);
        else vrows_null(r);
        vrows_int(r, t.since);
        vrows_int(r, 0); /* CON_ID */
    }
}

const vview v_session_wait = {
    "SESSION_WAIT",
    "SID NUMBER, \"SEQ#\" NUMBER, EVENT VARCHAR2(64), P1TEXT VARCHAR2(64), P1 NUMBER, "
    "P1RAW RAW(8), P2TEXT VARCHAR2(64), P2 NUMBER, P2RAW RAW(8), P3TEXT VARCHAR2(64), "
    "P3 NUMBER, P3RAW RAW(8), WAIT_CLASS_ID NUMBER, \"WAIT_CLASS#\" NUMBER, "
    "WAIT_CLASS VARCHAR2(64), WAIT_TIME NUMBER, SECONDS_IN_WAIT NUMBER, STATE VARCHAR2(19), "
    "WAIT_TIME_MICRO NUMBER, TIME_REMAINING_MICRO NUMBER, TIME_SINCE_LAST_WAIT_MICRO NUMBER, "
    "CON_ID NUMBER",
    fill_session_wait,
};

/* TOTAL_WAITS .. the counts of one event: with the timeouts (0), in centiseconds and micro. */
static void totals_columns(vrows *r, const wait_totals *t, int with_max)
{
    vrows_int(r, (int64_t)t->waits);
    vrows_int(r, 0); /* TOTAL_TIMEOUTS */
    vrows_int(r, (int64_t)(t->time_us / 10000));
    vrows_real(r, t->waits ? (double)t->time_us / 10000.0 / (double)t->waits : 0);
    if (with_max) vrows_int(r, (int64_t)(t->max_us / 10000));
    vrows_int(r, (int64_t)t->time_us);
}

/* EVENT_ID, WAIT_CLASS_ID, WAIT_CLASS#, WAIT_CLASS. */
static void event_class_columns(vrows *r, uint32_t event)
{
    const wait_event_info *e = wait_event_info_of(event);
    vrows_int(r, wait_event_id(event));
    vrows_int(r, e->class_id);
    vrows_int(r, e->class_no);
    vrows_text(r, e->wait_class);
}

static void fill_session_event(vrows *r, const vview_ctx *ctx)
{
    const sga *g = the_sga;
    sga_session s;
    for (int sid = 0; (sid = sga_next_session(g, sid, &s)) != 0;) {
        for (uint32_t e = SGA_EV_NONE + 1; e < SGA_EV_COUNT; e++) {
            if (!s.waits[e].waits) continue;
            vrows_row(r);
            vrows_int(r, sid);
            vrows_text(r, wait_event_info_of(e)->name);
            totals_columns(r, &s.waits[e], 1);
            event_class_columns(r, e);
            vrows_int(r, 0);
        }
    }
}

const vview v_session_event = {
    "SESSION_EVENT",
    "SID NUMBER, EVENT VARCHAR2(64), TOTAL_WAITS NUMBER, TOTAL_TIMEOUTS NUMBER, "
    "TIME_WAITED NUMBER, AVERAGE_WAIT NUMBER, MAX_WAIT NUMBER, TIME_WAITED_MICRO NUMBER, "
    "EVENT_ID NUMBER, WAIT_CLASS_ID NUMBER, \"WAIT_CLASS#\" NUMBER, WAIT_CLASS VARCHAR2(64), "
    "CON_ID NUMBER",
    fill_session_event,
};

/* A consistent enough copy of the instance's counts (each field read atomically). */
static wait_totals read_totals(const wait_totals *t)
{
    wait_totals c = {__atomic_load_n(&t->waits, __ATOMIC_RELAXED),
                     __atomic_load_n(&t->time_us, __ATOMIC_RELAXED),
                     __atomic_load_n(&t->max_us, __ATOMIC_RELAXED)};
    return c;
}

static void fill_system_event(vrows *r, const vview_ctx *ctx)
{
    const sga *g = the_sga;
    for (uint32_t e = SGA_EV_NONE + 1; e < SGA_EV_COUNT; e++) {
        wait_totals all = read_totals(&g->system_waits[e]), fg = read_totals(&g->foreground_waits[e]);
        if (!all.waits) continue;
        vrows_row(r);
        vrows_text(r, wait_event_info_of(e)->name);
        totals_columns(r, &all, 0);
        totals_columns(r, &fg, 0);
        event_class_columns(r, e);
        vrows_int(r, 0);
    }
}

const vview v_system_event = {
    "SYSTEM_EVENT",
    "EVENT VARCHAR2(64), TOTAL_WAITS NUMBER, TOTAL_TIMEOUTS NUMBER, TIME_WAITED NUMBER, "
    "AVERAGE_WAIT NUMBER, TIME_WAITED_MICRO NUMBER, TOTAL_WAITS_FG NUMBER, "
    "TOTAL_TIMEOUTS_FG NUMBER, TIME_WAITED_FG NUMBER, AVERAGE_WAIT_FG NUMBER, "
    "TIME_WAITED_MICRO_FG NUMBER, EVENT_ID NUMBER, WAIT_CLASS_ID NUMBER, "
    "\"WAIT_CLASS#\" NUMBER, WAIT_CLASS VARCHAR2(64), CON_ID NUMBER",
    fill_system_event,
};

static void fill_event_name(vrows *r, const vview_ctx *ctx)
{
    for (uint32_t e = SGA_EV_NONE + 1; e < SGA_EV_COUNT; e++) {
        const wait_event_info *i = wait_event_info_of(e);
        vrows_row(r);
        vrows_int(r, e - 1); /* EVENT# */
        vrows_int(r, wait_event_id(e));
        vrows_text(r, i->name);
        vrows_text(r, i->p1);
        vrows_text(r, i->p2);
        vrows_text(r, i->p3);
        vrows_int(r, i->class_id);
        vrows_int(r, i->class_no);
        vrows_text(r, i->wait_class);
        vrows_text(r, i->name); /* DISPLAY_NAME */
        vrows_int(r, 0);
    }
}

const vview v_event_name = {
    "EVENT_NAME",
    "\"EVENT#\" NUMBER, EVENT_ID NUMBER, NAME VARCHAR2(64), PARAMETER1 VARCHAR2(64), "
    "PARAMETER2 VARCHAR2(64), PARAMETER3 VARCHAR2(64), WAIT_CLASS_ID NUMBER, "
    "\"WAIT_CLASS#\" NUMBER, WAIT_CLASS VARCHAR2(64), DISPLAY_NAME VARCHAR2(64), CON_ID NUMBER",
    fill_event_name,
};

/*
 * V$WAIT_CHAINS: the sessions of this instance that wait on another
 * session, and those they wait on, each chain numbered by the session at
 * its head (the blocker that waits on nobody).  A chain that loops is a
 * deadlock in the making: CHAIN_IS_CYCLE.  CHAIN_SIGNATURE names the
 * events from the head down, as Oracle's does ('a'<='b').
 */
typedef struct chain_node {
    int sid, blocker, in_chain, head, waiters, cycle;
} chain_node;

/* The head of SID's chain (following blockers), or -SID when the chain loops. */
static int chain_head(const chain_node *n, int nsessions, int sid)
{
    int at = sid;
    for (int hops = 0; hops <= nsessions; hops++) {
        int next = n[at].blocker;
        if (!next || next > nsessions || !n[next].sid) return at;
        at = next;
        if (at == sid) return -sid;
    }
    return -sid;
}

static void fill_wait_chains(vrows *r, const vview_ctx *ctx)
{
    const sga *g = the_sga;
    int n = g->nsessions, here = g->cfg.instance_number;
    chain_node *nodes = xcalloc((size_t)n + 1, sizeof *nodes);
    sga_session *slots = xcalloc((size_t)n + 1, sizeof *slots);
    sga_session s;
    for (int sid = 0; (sid = sga_next_session(g, sid, &s)) != 0;) {
        slots[sid] = s;
        nodes[sid].sid = sid;
        if (s.waiting && s.blocking_sid && s.blocking_inst == here) nodes[sid].blocker = s.blocking_sid;
    }
    for (int sid = 1; sid <= n; sid++)
        if (nodes[sid].blocker && nodes[nodes[sid].blocker].sid) {
            nodes[sid].in_chain = nodes[nodes[sid].blocker].in_chain = 1;
            nodes[nodes[sid].blocker].waiters++;
        }
    int64_t now = sga_now_us();
    for (int sid = 1; sid <= n; sid++) {
        if (!nodes[sid].in_chain) continue;
        int head = chain_head(nodes, n, sid), cycle = head < 0;
        if (cycle) head = -head;
        const sga_session *w = &slots[sid];
        const wait_event_info *e = wait_event_info_of(w->event);
        char signature[256];
        const wait_event_info *he = wait_event_info_of(slots[head].event);
        snprintf(signature, sizeof signature, "'%s'<='%s'", he ? he->name : "<not in a wait>",
                 e ? e->name : "<not in a wait>");
        vrows_row(r);
        vrows_int(r, head); /* CHAIN_ID */
        vrows_text(r, cycle ? "TRUE" : "FALSE");
        vrows_text(r, signature);
        vrows_int(r, sga_name_id(signature));
        vrows_int(r, here);
        vrows_text(r, w->process[0] ? w->process : NULL); /* OSID: the server's pid as text */
        vrows_int(r, w->pid);
        vrows_int(r, sid);
        vrows_int(r, w->serial);
        int b = nodes[sid].blocker;
        vrows_text(r, b ? "TRUE" : "FALSE");
        if (b) {
            char osid[24];
            snprintf(osid, sizeof osid, "%d", (int)slots[b].spid);
            vrows_int(r, here);
            vrows_text(r, osid);
            vrows_int(r, slots[b].pid);
            vrows_int(r, b);
            vrows_int(r, slots[b].serial);
            vrows_int(r, head);
        } else {
            for (int k = 0; k < 6; k++) vrows_null(r);
        }
        vrows_text(r, w->waiting ? "TRUE" : "FALSE");
        int64_t since = w->waiting || !w->wait_end_us ? 0 : (now - w->wait_end_us) / 1000000;
        vrows_int(r, since);
        vrows_int(r, w->wait_seq);
        vrows_text(r, e ? e->name : NULL);
        vrows_text(r, e ? e->name : NULL); /* WAIT_EVENT_TEXT */
        vrows_int(r, (int64_t)w->wait_p.p1);
        vrows_text(r, e ? e->p1 : NULL);
        vrows_int(r, (int64_t)w->wait_p.p2);
        vrows_text(r, e ? e->p2 : NULL);
        vrows_int(r, (int64_t)w->wait_p.p3);
        vrows_text(r, e ? e->p3 : NULL);
        vrows_int(r, w->waiting ? (now - w->wait_start_us) / 1000000 : 0);
        vrows_int(r, -1); /* TIME_REMAINING_SECS: until the blocker moves */
        vrows_int(r, nodes[sid].waiters);
        row_wait_columns(r, w);
    }
    free(nodes);
    free(slots);
}

const vview v_wait_chains = {
    "WAIT_CHAINS",
    "CHAIN_ID NUMBER, CHAIN_IS_CYCLE VARCHAR2(5), CHAIN_SIGNATURE VARCHAR2(801), "
    "CHAIN_SIGNATURE_HASH NUMBER, INSTANCE NUMBER, OSID VARCHAR2(25), PID NUMBER, SID NUMBER, "
    "\"SESS_SERIAL#\" NUMBER, BLOCKER_IS_VALID VARCHAR2(5), BLOCKER_INSTANCE NUMBER, "
    "BLOCKER_OSID VARCHAR2(25), BLOCKER_PID NUMBER, BLOCKER_SID NUMBER, "
    "\"BLOCKER_SESS_SERIAL#\" NUMBER, BLOCKER_CHAIN_ID NUMBER, IN_WAIT VARCHAR2(5), "
    "TIME_SINCE_LAST_WAIT_SECS NUMBER, WAIT_ID NUMBER, WAIT_EVENT VARCHAR2(64), "
    "WAIT_EVENT_TEXT VARCHAR2(64), P1 NUMBER, P1_TEXT VARCHAR2(64), P2 NUMBER, "
    "P2_TEXT VARCHAR2(64), P3 NUMBER, P3_TEXT VARCHAR2(64), IN_WAIT_SECS NUMBER, "
    "TIME_REMAINING_SECS NUMBER, NUM_WAITERS NUMBER, \"ROW_WAIT_OBJ#\" NUMBER, "
    "\"ROW_WAIT_FILE#\" NUMBER, \"ROW_WAIT_BLOCK#\" NUMBER, \"ROW_WAIT_ROW#\" NUMBER",
    fill_wait_chains,
};
