/*
 * spares.c - spare dedicated servers (spares.h): PMON's list of them, the
 * hand-over of a connection, and a spare's wait for one.
 */
#include "spares.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "../common/alert.h"
#include "../sga/sga.h"
#include "dedicated.h"
#include "fdpass.h"
#include "proctitle.h"

#define SPARE_RETRY_US 1000000 /* after a spare died on its own */

void spares_init(spares *sp, int want)
{
    sp->want = want;
    sp->n = 0;
    sp->v = want > 0 ? calloc((size_t)want, sizeof *sp->v) : NULL;
    sp->retry_at_us = 0;
}

int spares_missing(const spares *sp, long long now_us)
{
    return now_us < sp->retry_at_us ? 0 : sp->want - sp->n;
}

int spares_retry_ms(const spares *sp, long long now_us)
{
    if (sp->n == sp->want || sp->retry_at_us <= now_us) return -1;
    return (int)((sp->retry_at_us - now_us + 999) / 1000);
}

void spares_back_off(spares *sp, long long now_us)
{
    sp->retry_at_us = now_us + SPARE_RETRY_US;
}

void spares_add(spares *sp, pid_t spid, int channel)
{
    sp->v[sp->n++] = (spare_server){.spid = spid, .channel = channel};
}

/* Take spare I out of the list (its process is ended or serving); the rest keep their order. */
static void drop(spares *sp, int i)
{
    close(sp->v[i].channel);
    memmove(&sp->v[i], &sp->v[i + 1], (size_t)(--sp->n - i) * sizeof *sp->v);
}

int spares_reaped(spares *sp, pid_t spid, int stopping, long long now_us)
{
    for (int i = 0; i < sp->n; i++) {
        if (sp->v[i].spid != spid) continue;
        drop(sp, i);
        if (!stopping) {
            spares_back_off(sp, now_us);
            alert_log("PMON: spare server (ospid: %d) died; the next one starts in a second",
                      (int)spid);
        }
        return 1;
    }
    return 0;
}

pid_t spares_hand_over(spares *sp, int fd, int pid)
{
    while (sp->n > 0) { /* the oldest first: the likeliest to be ready */
        spare_server s = sp->v[0];
        sga_process_set_spid(the_sga, pid, s.spid);
        int sent = fdpass_send_tagged(s.channel, fd, pid) == 0;
        drop(sp, 0); /* serving, or gone: its death is reaped either way */
        if (sent) return s.spid;
        sga_process_set_spid(the_sga, pid, 0);
    }
    return 0;
}

void spares_signal(const spares *sp, int sig)
{
    for (int i = 0; i < sp->n; i++) kill(sp->v[i].spid, sig);
}

void spares_close_channels(const spares *sp)
{
    for (int i = 0; i < sp->n; i++) close(sp->v[i].channel);
}

void spare_run(int channel, const warden_config *cfg, const char *db_path)
{
    proctitle_set("warden%s (SPARE)", cfg->instance_name);
    sqlite3 *db = dedicated_prepare(cfg, db_path);
    int pid = 0;
    int fd = fdpass_recv_tagged(channel, &pid);
    close(channel);
    if (fd < 0 || pid <= 0) {
        if (fd >= 0) close(fd);
        sqlite3_close_v2(db);
        return;
    }
    dedicated_serve(fd, cfg, db_path, pid, db);
}
