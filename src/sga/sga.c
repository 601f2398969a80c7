/*
 * sga.c - creating the shared area, seqlocked slots, the process and
 * session tables, and the names of wait events.
 */
#include "sga.h"

#include "../common/bitmap.h"
#include "kill_history.h"
#include "longops.h"
#include "open_cursors.h"
#include "sqlarea.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define SGA_MAGIC 0x57415244454e5347ull /* "WARDENSG" */
/* Addresses are offsets into two fictitious 64 KiB-aligned regions, as Oracle's are pointers. */
#define PROCESS_ADDR_BASE 0x00000000A1000000ull
#define SESSION_ADDR_BASE 0x00000000B2000000ull
#define TRANSACTION_ADDR_BASE 0x00000000C3000000ull
#define TRANSACTION_ADDR_STRIDE 0x1B0
#define PROCESS_ADDR_STRIDE 0x5E8
#define SESSION_ADDR_STRIDE 0x4C8
#define SEQLOCK_TRIES 1000

sga *the_sga;

void sga_write_begin(uint32_t *seq)
{
    __atomic_add_fetch(seq, 1, __ATOMIC_ACQ_REL);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
}

void sga_write_end(uint32_t *seq)
{
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    __atomic_add_fetch(seq, 1, __ATOMIC_ACQ_REL);
}

void sga_seqlock_read(const uint32_t *seq, const void *slot, void *out, size_t n)
{
    for (int i = 0; i < SEQLOCK_TRIES; i++) {
        uint32_t before = __atomic_load_n(seq, __ATOMIC_ACQUIRE);
        if (before & 1) continue;
        memcpy(out, slot, n);
        __atomic_thread_fence(__ATOMIC_ACQUIRE);
        if (__atomic_load_n(seq, __ATOMIC_ACQUIRE) == before) return;
    }
    memcpy(out, slot, n);
}

void sga_read_process(const sga *g, int pid, sga_process *out)
{
    const sga_process *p = &g->processes[pid - 1];
    sga_seqlock_read(&p->seq, p, out, sizeof *out);
}

int sga_next_session(const sga *g, int sid, sga_session *out)
{
    while (++sid <= g->nsessions) {
        sga_read_session(g, sid, out);
        if (out->type != SGA_FREE) return sid;
    }
    return 0;
}

void sga_read_session(const sga *g, int sid, sga_session *out)
{
    const sga_session *s = &g->sessions[sid - 1];
    sga_seqlock_read(&s->seq, s, out, sizeof *out);
}

/* ---- which slots are taken ----
 *
 * A bit per slot, set while the slot is taken, changed under the table's
 * latch with the slot itself.  Finding the lowest free slot reads a word per
 * 64 slots: reading each slot's own field instead cost a logon a cache miss
 * (and, in a new server, a page fault now and then) per session connected
 * before it.  The bits only point the way: the slot itself is checked, and
 * when no bit is clear (the table looks full, or a holder died between the
 * bit and the slot) they are recounted from the slots.
 */
/* The lowest slot below N whose bit is clear, or -1. */
static int slot_first_free(const uint64_t *map, int n)
{
    for (size_t w = 0; w < bitmap_words((size_t)n); w++)
        if (~map[w]) {
            int i = (int)(w * 64) + __builtin_ctzll(~map[w]);
            return i < n ? i : -1;
        }
    return -1;
}

/* The lowest free slot of a table of N whose slot I is free when IS_FREE(TABLE, I) says so:
 * its index, or -1 when every slot is taken.  Bits that disagree with their slot are put
 * right on the way. */
static int slot_find(uint64_t *map, int n, const void *table, int (*is_free)(const void *, int))
{
    for (int recounted = 0;;) {
        int i = slot_first_free(map, n);
        if (i >= 0 && is_free(table, i)) return i;
        if (i >= 0) {
            bitmap_put(map, i, 1);
            continue;
        }
        if (recounted++) return -1;
        for (int k = 0; k < n; k++) bitmap_put(map, k, !is_free(table, k));
    }
}

static int process_is_free(const void *t, int i) { return !((const sga_process *)t)[i].used; }

static int session_is_free(const void *t, int i)
{
    return ((const sga_session *)t)[i].type == SGA_FREE;
}

sga *sga_create(const warden_config *cfg)
{
    size_t nproc = (size_t)cfg->processes, nsess = (size_t)cfg->sessions;
    size_t cursors_bytes = (open_cursors_size(cfg->sessions, WARDEN_OPEN_CURSORS) + 7) & ~(size_t)7;
    size_t size = sizeof(sga) + sizeof(sga_process) * nproc + sizeof(sga_session) * nsess +
                  sizeof(sqlarea) + sizeof(kill_history) + sizeof(longops) + cursors_bytes +
                  sizeof(uint64_t) * (bitmap_words(nproc) + bitmap_words(nsess)) +
                  sizeof(pid_t) * nproc + sizeof(int32_t) * nsess;
    /* A fresh anonymous mapping is zero-filled: nothing is cleared here. */
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return NULL;
    sga *g = p;
    g->magic = SGA_MAGIC;
    g->cfg = *cfg;
    if (gethostname(g->host, sizeof g->host - 1) < 0) snprintf(g->host, sizeof g->host, "localhost");
    g->startup_time = time(NULL);
    g->mapped_bytes = size;
    g->nprocesses = cfg->processes;
    g->nsessions = cfg->sessions;
    g->processes = (sga_process *)(g + 1);
    g->sessions = (sga_session *)(g->processes + g->nprocesses);
    the_sqlarea = (sqlarea *)(g->sessions + g->nsessions);
    sga_latch_init(&the_sqlarea->latch);
    the_kill_history = (kill_history *)(the_sqlarea + 1);
    sga_latch_init(&the_kill_history->latch);
    the_longops = (longops *)(the_kill_history + 1);
    sga_latch_init(&the_longops->latch);
    the_open_cursors = (open_cursors *)(the_longops + 1);
    open_cursors_init(the_open_cursors, cfg->sessions, WARDEN_OPEN_CURSORS);
    g->processes_taken = (uint64_t *)((char *)the_open_cursors + cursors_bytes);
    g->sessions_taken = g->processes_taken + bitmap_words(nproc);
    g->process_spids = (pid_t *)(g->sessions_taken + bitmap_words(nsess));
    g->session_pids = (int32_t *)(g->process_spids + cfg->processes);
    sga_latch_init(&g->process_latch);
    sga_latch_init(&g->session_latch);
    the_sga = g;
    return g;
}

int sga_process_alloc(sga *g, pid_t spid, const char *pname)
{
    int pid = 0;
    sga_latch_acquire(&g->process_latch);
    int i = slot_find(g->processes_taken, g->nprocesses, g->processes, process_is_free);
    if (i >= 0) {
        sga_process *p = &g->processes[i];
        bitmap_put(g->processes_taken, i, 1);
        g->process_spids[i] = spid;
        sga_write_begin(&p->seq);
        uint32_t serial = p->serial % 65535 + 1;
        uint32_t seq = p->seq;
        memset(p, 0, sizeof *p);
        p->seq = seq;
        p->serial = serial;
        p->spid = spid;
        p->background = pname != NULL;
        snprintf(p->pname, sizeof p->pname, "%s", pname ? pname : "");
        if (pname) snprintf(p->program, sizeof p->program, "wardend@%s (%s)", g->host, pname);
        else snprintf(p->program, sizeof p->program, "wardend@%s", g->host);
        p->used = 1;
        sga_write_end(&p->seq);
        pid = i + 1;
    }
    sga_latch_release(&g->process_latch);
    return pid;
}

void sga_process_set_spid(sga *g, int pid, pid_t spid)
{
    sga_process *p = sga_process_at(g, pid);
    g->process_spids[pid - 1] = spid;
    sga_write_begin(&p->seq);
    p->spid = spid;
    sga_write_end(&p->seq);
}

void sga_process_free(sga *g, int pid)
{
    if (pid < 1 || pid > g->nprocesses) return;
    sga_connect_end(g, pid);
    sga_latch_acquire(&g->process_latch);
    sga_process *p = sga_process_at(g, pid);
    sga_write_begin(&p->seq);
    p->used = 0;
    p->spid = 0;
    sga_write_end(&p->seq);
    bitmap_put(g->processes_taken, pid - 1, 0);
    g->process_spids[pid - 1] = 0;
    sga_latch_release(&g->process_latch);
}

int sga_process_find(const sga *g, pid_t spid)
{
    for (int i = 0; i < g->nprocesses; i++)
        if (g->process_spids[i] == spid && g->processes[i].used && g->processes[i].spid == spid)
            return i + 1;
    return 0;
}

void sga_connect_begin(sga *g, int pid)
{
    if (__atomic_exchange_n(&sga_process_at(g, pid)->connecting, 1, __ATOMIC_ACQ_REL) == 0)
        __atomic_add_fetch(&g->connecting, 1, __ATOMIC_ACQ_REL);
}

void sga_connect_end(sga *g, int pid)
{
    if (__atomic_exchange_n(&sga_process_at(g, pid)->connecting, 0, __ATOMIC_ACQ_REL) == 1)
        __atomic_sub_fetch(&g->connecting, 1, __ATOMIC_ACQ_REL);
}

int sga_connecting(const sga *g) { return __atomic_load_n(&g->connecting, __ATOMIC_ACQUIRE); }

int sga_session_alloc(sga *g, enum sga_session_type type, int pid, pid_t spid, uint32_t *serial)
{
    int sid = 0;
    sga_latch_acquire(&g->session_latch);
    int i = slot_find(g->sessions_taken, g->nsessions, g->sessions, session_is_free);
    if (i >= 0) {
        sga_session *s = &g->sessions[i];
        bitmap_put(g->sessions_taken, i, 1);
        g->session_pids[i] = pid;
        sga_write_begin(&s->seq);
        open_cursors_clear(the_open_cursors, i + 1); /* none of its predecessor's */
        uint32_t next_serial = s->serial % 65535 + 1, seq = s->seq;
        memset(s, 0, sizeof *s);
        s->seq = seq;
        s->serial = next_serial;
        s->pid = pid;
        s->spid = spid;
        s->logon_time = time(NULL);
        s->call_start_us = sga_now_us();
        s->audsid = (int64_t)__atomic_add_fetch(&g->next_audsid, 1, __ATOMIC_RELAXED);
        s->type = type;
        sga_write_end(&s->seq);
        *serial = next_serial;
        sid = i + 1;
    }
    sga_latch_release(&g->session_latch);
    return sid;
}

/* SID's slot is free again (the session latch held). */
static void session_release(sga *g, int sid)
{
    sga_session *s = sga_session_at(g, sid);
    sga_write_begin(&s->seq);
    s->type = SGA_FREE;
    s->spid = 0;
    s->pid = 0;
    sga_write_end(&s->seq);
    bitmap_put(g->sessions_taken, sid - 1, 0);
    g->session_pids[sid - 1] = 0;
}

void sga_session_free(sga *g, int sid)
{
    if (sid < 1 || sid > g->nsessions) return;
    sga_latch_acquire(&g->session_latch);
    session_release(g, sid);
    sga_latch_release(&g->session_latch);
}

int sga_sessions_release_pid(sga *g, int pid)
{
    int n = 0;
    sga_latch_acquire(&g->session_latch);
    for (int i = 0; i < g->nsessions; i++) {
        if (g->session_pids[i] != pid) continue;
        sga_session *s = &g->sessions[i];
        if (s->type != SGA_FREE && s->pid == pid) {
            int sid = i + 1; /* a dead holder of the write lock holds it no more */
            session_release(g, sid);
            __atomic_compare_exchange_n(&g->writer_sid, &sid, 0, 0, __ATOMIC_ACQ_REL,
                                        __ATOMIC_ACQUIRE);
            n++;
        }
    }
    sga_latch_release(&g->session_latch);
    return n;
}

uint64_t sga_process_addr(int pid) { return PROCESS_ADDR_BASE + (uint64_t)pid * PROCESS_ADDR_STRIDE; }
uint64_t sga_session_addr(int sid) { return SESSION_ADDR_BASE + (uint64_t)sid * SESSION_ADDR_STRIDE; }
uint64_t sga_transaction_addr(int sid)
{
    return TRANSACTION_ADDR_BASE + (uint64_t)sid * TRANSACTION_ADDR_STRIDE;
}

static void count_wait(wait_totals *t, int64_t us, int atomic)
{
    uint64_t u = us > 0 ? (uint64_t)us : 0;
    if (!atomic) {
        t->waits++;
        t->time_us += u;
        if (u > t->max_us) t->max_us = u;
        return;
    }
    __atomic_add_fetch(&t->waits, 1, __ATOMIC_RELAXED);
    __atomic_add_fetch(&t->time_us, u, __ATOMIC_RELAXED);
    uint64_t max = __atomic_load_n(&t->max_us, __ATOMIC_RELAXED);
    while (u > max && !__atomic_compare_exchange_n(&t->max_us, &max, u, 1, __ATOMIC_RELAXED,
                                                   __ATOMIC_RELAXED)) {
    }
}

void sga_wait_switch(sga *g, sga_session *s, uint32_t event, const wait_params *p, int64_t now)
{
    if (s->waiting && s->event > SGA_EV_NONE && s->event < SGA_EV_COUNT) {
        int64_t took = now - s->wait_start_us;
        s->wait_time_us = took;
        s->wait_end_us = now;
        count_wait(&s->waits[s->event], took, 0);
        count_wait(&g->system_waits[s->event], took, 1);
        if (s->type == SGA_USER) count_wait(&g->foreground_waits[s->event], took, 1);
    }
    s->waiting = event != SGA_EV_NONE;
    if (event == SGA_EV_NONE) return;
    s->event = event;
    s->wait_start_us = now;
    s->wait_seq = s->wait_seq % 65535 + 1;
    wait_params none = {0, 0, 0};
    s->wait_p = p ? *p : none;
}

const char *sga_event_name(uint32_t e)
{
    const wait_event_info *info = wait_event_info_of(e);
    return info ? info->name : NULL;
}

void sga_stats_add(sga *g, sga_session *s, const stat_deltas *d)
{
    for (int i = 0; i < SGA_STAT_COUNT; i++) {
        if (stat_info_of(i)->level) {
            if (d->levels) s->stats[i] = d->v[i];
            continue;
        }
        if (!d->v[i]) continue;
        s->stats[i] += d->v[i];
        __atomic_add_fetch(&g->sys_stats[i], d->v[i], __ATOMIC_RELAXED);
    }
}
