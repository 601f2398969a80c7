/*
 * lmon.c - LMON, the cluster's monitor in each instance of a cluster.
 *
 * It does two things, in one poll loop:
 * - serves the interconnect: other instances' requests (the cluster area's
 *   descriptor for a joining PMON, this instance's V$ rows for their GV$,
 *   ending one of this instance's sessions), each on its own connection.
 *   All are answered at once except a KILL that waits for its target: it
 *   is posted, kept among the pending ones (looked at every millisecond)
 *   and answered when the target is done or the requester's wait is over,
 *   so one slow kill never holds up the rest.  The requester's privilege is
 *   checked again here, against this instance's reading of the catalog;
 * - watches the membership: every LMON_TICK_MS it tests the membership lock
 *   of every instance the cluster area calls UP.  A free lock means every
 *   process of that instance is gone; the first survivor to claim it
 *   recovers it (its transactions rolled back in the lock manager, their
 *   locks released, their waiters woken: what it committed is in the
 *   database already), and every survivor writes the reconfiguration to its
 *   alert log, as Oracle's LMON does.  Joins are reported the same way.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../common/alert.h"
#include "../engine/engine.h"
#include "../sga/cluster.h"
#include "../sga/locks.h"
#include "../sga/db_locks.h"
#include "background.h"
#include "cluster_client.h"
#include "fdpass.h"
#include "interconnect.h"
#include "proctitle.h"
#include "session_ending.h"

#define LMON_TICK_MS 100
#define LMON_REQUEST_MS 1000 /* the longest one client may take of LMON's time */
#define LMON_MAX_PENDING 64  /* kills waiting for their targets at once */

/* A KILL posted for another instance, waiting for its target. */
typedef struct pending_end {
    int fd; /* the requester's connection, answered at the end */
    end_request r;
    end_owner o;
    int64_t start_us;
    int polls;
} pending_end;

static pending_end pending[LMON_MAX_PENDING];
static int npending;
static const char *db_path;

/* IC_STATUS: the ORA code and the microseconds waited. */
static void answer(int fd, int code, int64_t waited_us)
{
    uint8_t p[12];
    for (int i = 0; i < 4; i++) p[i] = (uint8_t)((uint32_t)code >> (8 * i));
    for (int i = 0; i < 8; i++) p[4 + i] = (uint8_t)((uint64_t)waited_us >> (8 * i));
    ic_send(fd, IC_STATUS, p, sizeof p, ic_now_ms() + LMON_REQUEST_MS);
}

/* Pending kill K is over with CODE: audit, answer, forget. */
static void finish_end(int k, int code)
{
    pending_end *e = &pending[k];
    int64_t waited = sga_monotonic_us() - e->start_us;
    end_audit(&e->r, &e->o, code, (double)waited / 1000.0);
    answer(e->fd, code, waited);
    close(e->fd);
    pending[k] = pending[--npending];
}

static void check_pending(void)
{
    for (int k = npending - 1; k >= 0; k--) {
        pending_end *e = &pending[k];
        if (end_finished(&e->r)) finish_end(k, 0);
        else if (sga_monotonic_us() - e->start_us >= (int64_t)e->r.wait_ms * 1000)
            finish_end(k, ORA_MARKED_FOR_KILL);
        else if (++e->polls % 64 == 0) end_nudge(&e->o);
    }
}

/* IC_END: another instance's session asks to end one of ours.  1 when FD is kept (the
 * answer comes once the target is done), 0 when answered. */
static int start_end(int fd, const ic_frame *f)
{
    end_request r;
    if (f->payload.len != sizeof r) {
        answer(fd, ORA_INTERNAL, 0);
        return 0;
    }
    memcpy(&r, f->payload.data, sizeof r);
    r.from_user[sizeof r.from_user - 1] = 0;
    r.sql_id[sizeof r.sql_id - 1] = 0;
    if (eng_user_has_privilege(db_path, r.from_user, r.from_admin, "ALTER SYSTEM") != 1) {
        alert_log("LMON: refused a request of instance %d to end session (%d, %d): user %s "
                  "lacks ALTER SYSTEM",
                  r.from_inst, r.sid, r.serial, r.from_user);
        answer(fd, ORA_INSUFFICIENT_PRIVS, 0);
        return 0;
    }
    end_owner o;
    int code = end_post(&r, &o);
    if (code || !end_waits(&r) || npending == LMON_MAX_PENDING) {
        if (!code && end_waits(&r)) code = ORA_MARKED_FOR_KILL; /* too many at once */
        end_audit(&r, &o, code, 0);
        answer(fd, code, 0);
        return 0;
    }
    pending[npending++] = (pending_end){.fd = fd, .r = r, .o = o, .start_us = sga_monotonic_us()};
    return 1;
}

/* Answer one request on FD, an accepted connection.  1 when FD is kept for later. */
static int serve(int fd)
{
    int64_t deadline = ic_now_ms() + LMON_REQUEST_MS;
    ic_frame f = {0};
    buf_init(&f.payload);
    int kept = 0;
    if (ic_accept_proof(fd, cluster_client_key(), deadline) < 0 || ic_recv(fd, &f, deadline) < 0) {
        ic_frame_free(&f);
        return 0;
    }
    if (f.type == IC_GET_AREA) {
        fdpass_send(fd, cluster_fd(the_cluster));
    } else if (f.type == IC_VIEW) {
        buf rows;
        buf_init(&rows);
        if (eng_encode_view(buf_cstr(&f.payload), &rows) == 0)
            ic_send(fd, IC_ROWS, rows.data, rows.len, deadline);
        else
            answer(fd, ORA_TABLE_NOT_EXIST, 0);
        buf_free(&rows);
    } else if (f.type == IC_END) {
        kept = start_end(fd, &f);
    }
    ic_frame_free(&f);
    return kept;
}

static void accept_requests(int listen_fd)
{
    int fd;
    while ((fd = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK)) >= 0)
        if (!serve(fd)) close(fd);
}

/* The instances in state UP (bit n = instance n). */
static uint32_t up_mask(void)
{
    uint32_t up = 0;
    for (int inst = 1; inst <= CLUSTER_MAX_INSTANCES; inst++) {
        cluster_member m;
        cluster_member_read(the_cluster, inst, &m);
        if (m.state == CLUSTER_UP) up |= 1u << inst;
    }
    return up;
}

/* " 1 2 3" for the instances in MASK; their number. */
static int list_of(uint32_t mask, char *out, size_t n)
{
    int total = 0;
    size_t len = 0;
    out[0] = 0;
    for (int inst = 1; inst <= CLUSTER_MAX_INSTANCES; inst++)
        if (mask & (1u << inst)) {
            total++;
            len += (size_t)snprintf(out + len, len < n ? n - len : 0, " %d", inst);
        }
    return total;
}

/* What this LMON last reported: the incarnation and the instances then up. */
typedef struct seen_state {
    uint64_t incarnation;
    uint32_t up;
} seen_state;

/* The cluster's incarnation moved since SEEN: write the reconfiguration, as every
 * instance's LMON does, with the instances that died since. */
static void report_reconfiguration(seen_state *seen, int me)
{
    uint64_t now = cluster_incarnation(the_cluster);
    if (now == seen->incarnation) return;
    uint32_t up = up_mask(), dead = 0;
    for (int inst = 1; inst <= CLUSTER_MAX_INSTANCES; inst++) {
        cluster_member m;
        cluster_member_read(the_cluster, inst, &m);
        if ((seen->up & (1u << inst)) && !(up & (1u << inst)) && m.died) dead |= 1u << inst;
    }
    char list[64], dead_list[64] = "", dead_text[96] = "";
    int total = list_of(up, list, sizeof list), ndead = list_of(dead, dead_list, sizeof dead_list);
    if (ndead)
        snprintf(dead_text, sizeof dead_text, "Dead instances (total %d) :\n%s\n", ndead,
                 dead_list);
    alert_log("Reconfiguration started (old inc %llu, new inc %llu)\n"
              "List of instances (total %d) :\n%s\n"
              "%s"
              "My inst %d\n"
              "Reconfiguration complete",
              (unsigned long long)seen->incarnation, (unsigned long long)now, total, list,
              dead_text, me);
    seen->incarnation = now;
    seen->up = up;
}

/* Instance INST died (its membership lock is free), and this LMON claimed it: release
 * what it held. */
static void recover(int inst)
{
    int64_t start = ic_now_ms();
    alert_log("Instance recovery: looking for dead threads\n"
              "Beginning instance recovery of 1 threads (instance %d: every process of it is "
              "gone)",
              inst);
    int ended = lk_release_instance(the_locks, inst);
    db_locks_release_instance(the_db_locks, inst);
    cluster_member_set_state(the_cluster, inst, CLUSTER_DOWN);
    alert_log("Instance recovery of instance %d: %d open transaction(s) rolled back, their "
              "locks released (committed work is in the database)\n"
              "Completed instance recovery (%lld ms)",
              inst, ended, (long long)(ic_now_ms() - start));
}

/* Claim every instance that died; write the reconfiguration; then recover the claimed ones,
 * in that order, as Oracle's alert log shows it. */
static void watch_members(const membership *m, seen_state *seen)
{
    uint32_t claimed = 0;
    for (int inst = 1; inst <= CLUSTER_MAX_INSTANCES; inst++) {
        if (inst == m->inst) continue;
        cluster_member row;
        cluster_member_read(the_cluster, inst, &row);
        if (row.state != CLUSTER_UP || membership_alive(m, inst)) continue;
        if (cluster_member_claim(the_cluster, inst, CLUSTER_UP, CLUSTER_RECOVERING))
            claimed |= 1u << inst;
    }
    report_reconfiguration(seen, m->inst);
    for (int inst = 1; inst <= CLUSTER_MAX_INSTANCES; inst++)
        if (claimed & (1u << inst)) recover(inst);
}

void lmon_run(const char *database, int sid, int listen_fd, const membership *m)
{
    proctitle_set("wdn_lmon_%s", the_sga->cfg.instance_name);
    db_path = database;
    seen_state seen = {cluster_incarnation(the_cluster), up_mask()};
    int64_t next_watch = 0;
    for (;;) {
        background_wait(sid, SGA_EV_RDBMS_IPC);
        struct pollfd p = {.fd = listen_fd, .events = POLLIN};
        int rc = poll(&p, 1, npending ? 1 : LMON_TICK_MS);
        if (rc < 0 && errno != EINTR) _exit(1);
        if (rc > 0) accept_requests(listen_fd);
        check_pending();
        if (ic_now_ms() >= next_watch) {
            watch_members(m, &seen);
            next_watch = ic_now_ms() + LMON_TICK_MS;
        }
    }
}
