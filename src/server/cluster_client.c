/*
 * cluster_client.c - requests to the other instances of the cluster.
 */
#include "cluster_client.h"

#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../engine/vtab.h"
#include "../sga/cluster.h"
#include "fdpass.h"
#include "interconnect.h"

static struct {
    char datadir[4096];
    int inst;
    const membership *m;
    unsigned char key[IC_KEY_BYTES];
} me;

const unsigned char *cluster_client_key(void) { return me.key; }

/* Connect to instance INST and send one request.  The socket, or -1. */
static int request(int inst, int type, const void *payload, size_t n, int64_t deadline)
{
    int fd = ic_connect(me.datadir, inst, me.key, deadline);
    if (fd < 0) return -1;
    if (ic_send(fd, type, payload, n, deadline) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

int cluster_client_get_area(char *msg, size_t msgsz)
{
    int64_t deadline = ic_now_ms() + IC_TIMEOUT_MS;
    int asked = 0;
    for (int inst = 1; inst <= CLUSTER_MAX_INSTANCES; inst++) {
        if (inst == me.inst || !membership_alive(me.m, inst)) continue;
        asked++;
        int fd = request(inst, IC_GET_AREA, NULL, 0, deadline), area = -1;
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int64_t left = deadline - ic_now_ms();
        if (fd >= 0 && left > 0 && poll(&p, 1, (int)left) == 1) area = fdpass_recv(fd);
        if (fd >= 0) close(fd);
        if (area >= 0) return area;
    }
    snprintf(msg, msgsz, "%s", asked ? "no running instance of the cluster answered"
                                     : "no running instance of the cluster");
    return -1;
}

/*
 * Ask instance INST for the rows of V$NAME: the socket the answer will come
 * on (-1 when there is nothing to wait for, *DONE saying whether the
 * instance counts as done: down or dead, or not answering).
 */
static int ask_rows(int inst, const char *name, int64_t deadline, int *done)
{
    cluster_member m;
    cluster_member_read(the_cluster, inst, &m);
    *done = m.state != CLUSTER_UP;
    if (*done) return -1;
    int fd = request(inst, IC_VIEW, name, strlen(name), deadline);
    if (fd < 0) *done = !membership_alive(me.m, inst); /* a dead one has no rows */
    return fd;
}

/* Instance INST's answer on FD into R: 1 done, 0 not (it did not answer in time). */
static int take_rows(int fd, int inst, vrows *r, int64_t deadline)
{
    ic_frame f = {0};
    buf_init(&f.payload);
    int done = ic_recv(fd, &f, deadline) == 0 && f.type == IC_ROWS &&
               vrows_decode(r, inst, f.payload.data, f.payload.len) == 0;
    ic_frame_free(&f);
    close(fd);
    return done;
}

/* vtab.h's remote function: every instance is asked first, then the answers are read, so
 * the instances fill their rows at the same time. */
static int remote_rows(const char *name, uint32_t want, vrows *r, uint32_t *got, ora_error *err)
{
    int64_t deadline = ic_now_ms() + IC_TIMEOUT_MS;
    int needed = 1, failed = 0, fds[CLUSTER_MAX_INSTANCES + 1]; /* this one, and those asked */
    for (int inst = 1; inst <= CLUSTER_MAX_INSTANCES; inst++) {
        fds[inst] = -1;
        if (inst == me.inst || !(want & (1u << inst))) continue;
        int done;
        fds[inst] = ask_rows(inst, name, deadline, &done);
        if (fds[inst] >= 0) {
            needed++;
            continue;
        }
        if (done) *got |= 1u << inst;
        else needed++, failed++;
    }
    for (int inst = 1; inst <= CLUSTER_MAX_INSTANCES; inst++) {
        if (fds[inst] < 0) continue;
        if (take_rows(fds[inst], inst, r, deadline)) *got |= 1u << inst;
        else failed++;
    }
    if (!failed) return 0;
    char need[16], have[16];
    snprintf(need, sizeof need, "%d", needed);
    snprintf(have, sizeof have, "%d", needed - failed);
    return ora_set(err, ORA_GV_INSTANCES, 0, need, have);
}

/* The answer to an IC_END: ORA code and the microseconds the owner waited. */
static int end_status(const ic_frame *f, double *waited_ms)
{
    if (f->type != IC_STATUS || f->payload.len != 12) return ORA_GV_INSTANCES;
    const uint8_t *p = f->payload.data;
    uint32_t code = 0;
    uint64_t us = 0;
    for (int i = 0; i < 4; i++) code |= (uint32_t)p[i] << (8 * i);
    for (int i = 0; i < 8; i++) us |= (uint64_t)p[4 + i] << (8 * i);
    *waited_ms = (double)us / 1000.0;
    return (int)code;
}

int cluster_client_end(int inst, const end_request *r, int (*interrupted)(void *), void *arg,
                       double *waited_ms)
{
    cluster_member m;
    cluster_member_read(the_cluster, inst, &m);
    if (m.state != CLUSTER_UP) return ORA_SESSION_ID_NOT_EXIST;
    int64_t deadline = ic_now_ms() + IC_TIMEOUT_MS;
    int fd = request(inst, IC_END, r, sizeof *r, deadline);
    if (fd < 0) return membership_alive(me.m, inst) ? ORA_GV_INSTANCES : ORA_SESSION_ID_NOT_EXIST;
    deadline += end_waits(r) ? r->wait_ms : 0; /* the owner answers when it stops waiting */
    int rc = ORA_GV_INSTANCES;
    for (;;) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int ready = poll(&p, 1, 5);
        if (ready > 0) {
            ic_frame f = {0};
            buf_init(&f.payload);
            if (ic_recv(fd, &f, deadline) == 0) rc = end_status(&f, waited_ms);
            ic_frame_free(&f);
            break;
        }
        int own = interrupted ? interrupted(arg) : 0;
        if (own) {
            rc = own;
            break;
        }
        if (ic_now_ms() >= deadline) break;
    }
    close(fd);
    return rc;
}

int cluster_client_init(const char *datadir, int inst, const membership *m)
{
    snprintf(me.datadir, sizeof me.datadir, "%s", datadir);
    me.inst = inst;
    me.m = m;
    if (ic_load_key(datadir, me.key) < 0) return -1;
    vviews_set_remote(remote_rows);
    return 0;
}
