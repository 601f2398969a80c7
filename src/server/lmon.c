/*
 * lmon.c - LMON, the cluster's monitor in each instance of a cluster.
 *
 * It does two things, in one poll loop:
 * - serves the interconnect: other instances' requests (the cluster area's
 *   descriptor for a joining PMON, this instance's V$ rows for their GV$),
 *   each on its own connection, answered at once;
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
#include "background.h"
#include "cluster_client.h"
#include "fdpass.h"
#include "interconnect.h"
#include "proctitle.h"

#define LMON_TICK_MS 100
#define LMON_REQUEST_MS 1000 /* the longest one client may take of LMON's time */

/* Answer one request on FD, an accepted connection. */
static void serve(int fd)
{
    int64_t deadline = ic_now_ms() + LMON_REQUEST_MS;
    ic_frame f = {0};
    buf_init(&f.payload);
    if (ic_accept_proof(fd, cluster_client_key(), deadline) < 0 || ic_recv(fd, &f, deadline) < 0) {
        ic_frame_free(&f);
        return;
    }
    if (f.type == IC_GET_AREA) {
        fdpass_send(fd, cluster_fd(the_cluster));
    } else if (f.type == IC_VIEW) {
        buf rows;
        buf_init(&rows);
        if (eng_encode_view(buf_cstr(&f.payload), &rows) == 0)
            ic_send(fd, IC_ROWS, rows.data, rows.len, deadline);
        else
            ic_send(fd, IC_STATUS, NULL, 0, deadline);
        buf_free(&rows);
    }
    ic_frame_free(&f);
}

static void accept_requests(int listen_fd)
{
    int fd;
    while ((fd = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK)) >= 0) {
        serve(fd);
        close(fd);
    }
}

/* " 1 2 3" for the instances in state UP. */
static int up_list(char *out, size_t n)
{
    int total = 0;
    size_t len = 0;
    out[0] = 0;
    for (int inst = 1; inst <= CLUSTER_MAX_INSTANCES; inst++) {
        cluster_member m;
        cluster_member_read(the_cluster, inst, &m);
        if (m.state != CLUSTER_UP) continue;
        total++;
        len += (size_t)snprintf(out + len, len < n ? n - len : 0, " %d", inst);
    }
    return total;
}

/* The cluster's incarnation moved from *SEEN: write the reconfiguration. */
static void report_reconfiguration(uint64_t *seen, int me)
{
    uint64_t now = cluster_incarnation(the_cluster);
    if (now == *seen) return;
    char list[64];
    int total = up_list(list, sizeof list);
    alert_log("Reconfiguration started (old inc %llu, new inc %llu)\n"
              "List of instances (total %d) :\n%s\n"
              "My inst %d\n"
              "Reconfiguration complete",
              (unsigned long long)*seen, (unsigned long long)now, total, list, me);
    *seen = now;
}

/* Instance INST died (its membership lock is free): release what it held. */
static void recover(int inst)
{
    int64_t start = ic_now_ms();
    alert_log("LMON: instance %d died: every process of it is gone\n"
              "Instance recovery: looking for dead threads\n"
              "Beginning instance recovery of 1 threads",
              inst);
    int ended = lk_release_instance(the_locks, inst);
    cluster_member_set_state(the_cluster, inst, CLUSTER_DOWN);
    alert_log("Instance recovery of instance %d: %d open transaction(s) rolled back, their "
              "locks released (committed work is in the database)\n"
              "Completed instance recovery (%lld ms)",
              inst, ended, (long long)(ic_now_ms() - start));
}

static void watch_members(const membership *m)
{
    for (int inst = 1; inst <= CLUSTER_MAX_INSTANCES; inst++) {
        if (inst == m->inst) continue;
        cluster_member row;
        cluster_member_read(the_cluster, inst, &row);
        if (row.state != CLUSTER_UP || membership_alive(m, inst)) continue;
        if (cluster_member_claim(the_cluster, inst, CLUSTER_UP, CLUSTER_RECOVERING)) recover(inst);
    }
}

void lmon_run(int sid, int listen_fd, const membership *m)
{
    proctitle_set("wdn_lmon_%s", the_sga->cfg.instance_name);
    uint64_t seen = cluster_incarnation(the_cluster);
    for (;;) {
        background_wait(sid, SGA_EV_RDBMS_IPC);
        struct pollfd p = {.fd = listen_fd, .events = POLLIN};
        int rc = poll(&p, 1, LMON_TICK_MS);
        if (rc < 0 && errno != EINTR) _exit(1);
        if (rc > 0) accept_requests(listen_fd);
        watch_members(m);
        report_reconfiguration(&seen, m->inst);
    }
}
