/*
 * alter_system.c - the issuing side of KILL SESSION, DISCONNECT SESSION and
 * CANCEL SQL, and ALTER SYSTEM SET.
 *
 * A request is checked (ORA-00026 malformed, ORA-00030 no such session,
 * ORA-00027 own session, ORA-00029 background), written into the target's
 * SGA slot under the session latch (so a stale SERIAL# can never reach the
 * slot's next owner), and the target's process is signalled.  KILL then
 * waits until the target has rolled back and released its locks, at most
 * kill_session_wait seconds (ORA-00031 after that); IMMEDIATE does not wait.
 */
#include "alter_system.h"

#include <ctype.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "../common/alert.h"
#include "../sga/kill_history.h"
#include "../sga/sga.h"
#include "interrupts.h"

typedef struct target {
    int sid;
    int serial;
    int inst_id; /* 0 = not given */
    char sql_id[14];
} target;

/* Next word of P (letters, digits, _ and #), upper-cased into W. */
static const char *word(const char *p, char *w, size_t n)
{
    while (isspace((unsigned char)*p)) p++;
    size_t k = 0;
    while ((isalnum((unsigned char)*p) || *p == '_' || *p == '#') && k + 1 < n)
        w[k++] = (char)toupper((unsigned char)*p++);
    w[k] = 0;
    return p;
}

static int parse_number(const char **p, int *out)
{
    while (isspace((unsigned char)**p)) (*p)++;
    if (!isdigit((unsigned char)**p)) return -1;
    char *end;
    long v = strtol(*p, &end, 10);
    if (v < 0 || v > 1000000000) return -1;
    *out = (int)v;
    *p = end;
    while (isspace((unsigned char)**p)) (*p)++;
    return 0;
}

/* 'sid,serial#[,@inst_id]' (CANCEL also [, sql_id]); blanks allowed around the parts. */
static int parse_target(const char **pp, int allow_sql_id, target *t)
{
    const char *p = *pp;
    memset(t, 0, sizeof *t);
    while (isspace((unsigned char)*p)) p++;
    if (*p++ != '\'') return -1;
    if (parse_number(&p, &t->sid) < 0 || *p++ != ',' || parse_number(&p, &t->serial) < 0)
        return -1;
    while (*p == ',') {
        p++;
        while (isspace((unsigned char)*p)) p++;
        if (*p == '@') {
            p++;
            if (t->inst_id || parse_number(&p, &t->inst_id) < 0 || !t->inst_id) return -1;
        } else if (allow_sql_id && isalnum((unsigned char)*p) && !t->sql_id[0]) {
            size_t n = 0;
            while (isalnum((unsigned char)*p) && n < 13) t->sql_id[n++] = *p++;
            t->sql_id[n] = 0;
            while (isspace((unsigned char)*p)) p++;
            if (n != 13) return -1;
        } else {
            return -1; /* e.g. '130,620,1': an instance without '@' */
        }
    }
    if (*p++ != '\'') return -1;
    *pp = p;
    return 0;
}

static const char *const mode_names[] = {
    [SGA_REQ_KILL] = "KILL SOFT",
    [SGA_REQ_DISCONNECT] = "KILL HARD",
    [SGA_REQ_DISCONNECT_POST_TXN] = "KILL HARD",
    [SGA_REQ_CANCEL] = "CANCEL",
};

static const char *const reasons[] = {
    [SGA_REQ_KILL] = "alter system kill session",
    [SGA_REQ_DISCONNECT] = "alter system disconnect session",
    [SGA_REQ_DISCONNECT_POST_TXN] = "alter system disconnect session",
    [SGA_REQ_CANCEL] = "alter system cancel sql",
};

/* The alert log block Oracle 12.2 writes for each kill request, and the history row. */
static void log_request(session *s, const target *t, int request, int immediate, pid_t owner_spid,
                        int owner_pid, int result, double waited_ms)
{
    kill_record rec = {.when_us = sga_now_us(), .requestor_sid = s->sid, .requestor_pid = s->pid,
                       .requestor_spid = getpid(), .target_sid = t->sid,
                       .target_serial = t->serial, .target_pid = owner_pid,
                       .target_spid = owner_spid, .result = result, .elapsed_ms = waited_ms};
    snprintf(rec.mode, sizeof rec.mode, "%s%s", mode_names[request],
             immediate && request == SGA_REQ_KILL ? " (IMMEDIATE)" : "");
    snprintf(rec.reason, sizeof rec.reason, "%s", reasons[request]);
    kill_history_add(the_kill_history, &rec);
    alert_log("KILL SESSION for sid=(%d, %d):\n"
              " Reason = %s\n"
              " Mode = %s%s -/-/-\n"
              " Requestor = USER (orapid = %d, ospid = %d, inst = %d)\n"
              " Owner = Process: USER (orapid = %d, ospid = %d)\n"
              " Result = ORA-%d\n"
              " Time until gone = %.1f ms",
              t->sid, t->serial, reasons[request], mode_names[request],
              immediate && request == SGA_REQ_KILL ? " (IMMEDIATE)" : "", s->pid, (int)getpid(),
              s->cfg->instance_number, owner_pid, (int)owner_spid, result, waited_ms);
}

/* Check the target and post REQUEST into its slot. 0, or the ORA error number. */
static int post_request(session *s, const target *t, int request, pid_t *spid, int *pid)
{
    sga *g = the_sga;
    if (t->inst_id && t->inst_id != s->cfg->instance_number) return ORA_SESSION_ID_NOT_EXIST;
    if (t->sid < 1 || t->sid > g->nsessions) return ORA_SESSION_ID_NOT_EXIST;
    int rc = 0;
    sga_latch_acquire(&g->session_latch); /* the slot cannot change hands meanwhile */
    sga_session *slot = sga_session_at(g, t->sid);
    if (slot->type == SGA_FREE || (int)slot->serial != t->serial) rc = ORA_SESSION_ID_NOT_EXIST;
    else if (t->sid == s->sid) rc = ORA_CANNOT_KILL_CURRENT;
    else if (slot->type == SGA_BACKGROUND) rc = ORA_NOT_USER_SESSION;
    if (!rc) {
        *spid = slot->spid;
        *pid = slot->pid;
        uint32_t current = __atomic_load_n(&slot->request, __ATOMIC_ACQUIRE);
        /* A session already marked for kill stays so: a weaker request does not replace it. */
        if (current != SGA_REQ_KILL && current != SGA_REQ_DISCONNECT) {
            slot->request_from_sid = s->sid;
            slot->request_from_pid = s->pid;
            slot->request_from_spid = getpid();
            snprintf(slot->request_sql_id, sizeof slot->request_sql_id, "%s", t->sql_id);
            __atomic_store_n(&slot->request_done, 0, __ATOMIC_RELEASE);
            __atomic_store_n(&slot->request, (uint32_t)request, __ATOMIC_RELEASE);
        }
    }
    sga_latch_release(&g->session_latch);
    if (!rc) kill(*spid, REQUEST_SIGNAL);
    return rc;
}

static double now_ms(void) { return (double)sga_monotonic_us() / 1e3; }

/* Is the target gone, or done with what it was asked (rolled back, released)? */
static int target_finished(const target *t)
{
    sga_session *slot = sga_session_at(the_sga, t->sid);
    return slot->type == SGA_FREE || (int)slot->serial != t->serial ||
           __atomic_load_n(&slot->request_done, __ATOMIC_ACQUIRE);
}

/* Wait for the target, at most kill_session_wait seconds. 0, or the ORA error. */
static int wait_for_target(session *s, const target *t, pid_t spid, double *waited)
{
    double start = now_ms();
    double limit = the_sga->cfg.kill_session_wait * 1000.0;
    for (int i = 0;; i++) {
        if (target_finished(t)) break;
        if (now_ms() - start >= limit) {
            *waited = now_ms() - start;
            return ORA_MARKED_FOR_KILL;
        }
        int own = interrupts_check(s); /* our own client may break the wait */
        if (own) {
            *waited = now_ms() - start;
            return own;
        }
        if (i % 64 == 63) kill(spid, REQUEST_SIGNAL); /* a target between waits misses nothing */
        struct timespec pause = {0, i < 100 ? 100000 : 1000000};
        nanosleep(&pause, NULL);
    }
    *waited = now_ms() - start;
    return 0;
}

/* Offset in the whole statement of position P in the command text TEXT (a suffix of it). */
static int statement_offset(const char *text, const char *p, int sql_len)
{
    int off = sql_len - (int)strlen(text) + (int)(p - text);
    while (isspace((unsigned char)text[p - text]) && off < sql_len - 1) p++, off++;
    return off < 0 ? 0 : off;
}

static int end_session(session *s, const char *text, const char *p, int request, int sql_len,
                       ora_error *err)
{
    target t;
    if (parse_target(&p, request == SGA_REQ_CANCEL, &t) < 0)
        return ora_set(err, ORA_INVALID_SESSION_ID, 0);
    int immediate = 0, post_txn = 0;
    char w[32];
    for (const char *at = p; (p = word(at, w, sizeof w)), w[0]; at = p) {
        if (!strcmp(w, "IMMEDIATE") && request != SGA_REQ_CANCEL) immediate = 1;
        else if (!strcmp(w, "POST_TRANSACTION") && request == SGA_REQ_DISCONNECT) post_txn = 1;
        else return ora_set(err, ORA_NOT_PROPERLY_ENDED, statement_offset(text, at, sql_len));
    }
    while (isspace((unsigned char)*p)) p++;
    if (*p) return ora_set(err, ORA_NOT_PROPERLY_ENDED, statement_offset(text, p, sql_len));
    if (request == SGA_REQ_DISCONNECT) {
        if (!immediate && !post_txn) /* the position of the statement's last character */
            return ora_set(err, ORA_MISSING_KEYWORD_DISCONNECT, sql_len - 1,
                           "POST_TRANSACTION or IMMEDIATE");
        if (post_txn) request = SGA_REQ_DISCONNECT_POST_TXN; /* IMMEDIATE is then ignored */
    }
    pid_t spid = 0;
    int pid = 0;
    int rc = post_request(s, &t, request, &spid, &pid);
    double waited = 0;
    if (!rc && request == SGA_REQ_KILL && !immediate) rc = wait_for_target(s, &t, spid, &waited);
    if (!rc && request == SGA_REQ_DISCONNECT) rc = wait_for_target(s, &t, spid, &waited);
    log_request(s, &t, request, immediate, spid, pid, rc, waited);
    return rc ? ora_set(err, rc, 0) : 0; /* ORA-00031 etc. carry no position: column 0 */
}

/* ALTER SYSTEM SET name = value [SCOPE = MEMORY|BOTH|SPFILE] (kill_session_wait only). */
static int set_parameter(session *s, const char *p, ora_error *err)
{
    char name[64], w[32];
    p = word(p, name, sizeof name);
    while (isspace((unsigned char)*p)) p++;
    if (*p++ != '=') return ora_set(err, 927, 0);
    int value;
    if (strcasecmp(name, "KILL_SESSION_WAIT") != 0) return ora_set(err, 2065, 0);
    if (parse_number(&p, &value) < 0 || value > 86400)
        return ora_set(err, 96, 0, "", "kill_session_wait", "0 to 86400");
    for (p = word(p, w, sizeof w); w[0]; p = word(p, w, sizeof w)) {
        if (strcmp(w, "SCOPE") != 0) return ora_set(err, ORA_NOT_PROPERLY_ENDED, 0);
        while (isspace((unsigned char)*p)) p++;
        if (*p++ != '=') return ora_set(err, 927, 0);
        p = word(p, w, sizeof w);
        if (strcmp(w, "MEMORY") && strcmp(w, "BOTH") && strcmp(w, "SPFILE"))
            return ora_set(err, 922, 0);
    }
    __atomic_store_n(&the_sga->cfg.kill_session_wait, value, __ATOMIC_RELEASE);
    alert_log("ALTER SYSTEM SET kill_session_wait=%d SCOPE=MEMORY;", value);
    return 0;
}

int alter_system_run(session *s, const char *text, int sql_len, ora_error *err)
{
    char w1[32], w2[32];
    const char *p = word(text, w1, sizeof w1);
    const char *q = word(p, w2, sizeof w2);
    if (!strcmp(w1, "KILL") && !strcmp(w2, "SESSION"))
        return end_session(s, text, q, SGA_REQ_KILL, sql_len, err);
    if (!strcmp(w1, "DISCONNECT") && !strcmp(w2, "SESSION"))
        return end_session(s, text, q, SGA_REQ_DISCONNECT, sql_len, err);
    if (!strcmp(w1, "CANCEL") && !strcmp(w2, "SQL"))
        return end_session(s, text, q, SGA_REQ_CANCEL, sql_len, err);
    if (!strcmp(w1, "SET")) return set_parameter(s, p, err);
    return ora_set(err, ORA_UNIMPLEMENTED, 0);
}
