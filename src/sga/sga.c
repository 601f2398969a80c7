/*
 * sga.c - creating the shared area, robust latches, the session table.
 */
#include "sga.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define SGA_MAGIC 0x57415244454e5347ull /* "WARDENSG" */

sga *the_sga;

void sga_latch_init(sga_latch *l)
{
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
    pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
    pthread_mutex_init(&l->mutex, &a);
    pthread_mutexattr_destroy(&a);
}

void sga_latch_acquire(sga_latch *l)
{
    int rc = pthread_mutex_lock(&l->mutex);
    if (rc == EOWNERDEAD) {
        /* The holder died mid-update. Every update under a latch leaves the
         * table consistent field by field, so marking it usable is enough. */
        pthread_mutex_consistent(&l->mutex);
    }
}

void sga_latch_release(sga_latch *l) { pthread_mutex_unlock(&l->mutex); }

sga *sga_create(const warden_config *cfg)
{
    size_t size = sizeof(sga) + sizeof(sga_session) * (size_t)cfg->sessions;
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return NULL;
    sga *g = p;
    memset(g, 0, size);
    g->magic = SGA_MAGIC;
    snprintf(g->instance_name, sizeof g->instance_name, "%s", cfg->instance_name);
    g->instance_number = cfg->instance_number;
    g->startup_time = time(NULL);
    g->nsessions = cfg->sessions;
    sga_latch_init(&g->session_latch);
    the_sga = g;
    return g;
}

int sga_session_alloc(sga *g, enum sga_session_type type, pid_t pid, const char *username,
                      const char *program, uint32_t *serial)
{
    int sid = 0;
    sga_latch_acquire(&g->session_latch);
    for (int i = 0; i < g->nsessions; i++) {
        sga_session *s = &g->sessions[i];
        if (s->type != SGA_FREE) continue;
        s->serial = s->serial % 65535 + 1;
        s->spid = pid;
        s->logon_time = time(NULL);
        snprintf(s->username, sizeof s->username, "%s", username ? username : "");
        snprintf(s->program, sizeof s->program, "%s", program ? program : "");
        s->type = type; /* last: the slot is visible once complete */
        *serial = s->serial;
        sid = i + 1;
        break;
    }
    sga_latch_release(&g->session_latch);
    return sid;
}

void sga_session_free(sga *g, int sid)
{
    if (sid < 1 || sid > g->nsessions) return;
    sga_latch_acquire(&g->session_latch);
    g->sessions[sid - 1].type = SGA_FREE;
    g->sessions[sid - 1].spid = 0;
    sga_latch_release(&g->session_latch);
}

int sga_sessions_release_pid(sga *g, pid_t pid)
{
    int n = 0;
    sga_latch_acquire(&g->session_latch);
    for (int i = 0; i < g->nsessions; i++) {
        sga_session *s = &g->sessions[i];
        if (s->type != SGA_FREE && s->spid == pid) {
            s->type = SGA_FREE;
            s->spid = 0;
            n++;
        }
    }
    sga_latch_release(&g->session_latch);
    return n;
}
