/*
 * background.c - SGA rows of background processes.
 */
#include "background.h"

#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void fill_session(background *b)
{
    sga *g = the_sga;
    sga_session *s = sga_session_at(g, b->sid);
    struct passwd *pw = getpwuid(getuid());
    sga_write_begin(&s->seq);
    s->status = SGA_ACTIVE; /* background sessions are always ACTIVE, as in Oracle */
    snprintf(s->pname, sizeof s->pname, "%s", b->pname);
    snprintf(s->program, sizeof s->program, "wardend@%s (%s)", g->host, b->pname);
    snprintf(s->osuser, sizeof s->osuser, "%s", pw ? pw->pw_name : "");
    snprintf(s->machine, sizeof s->machine, "%s", g->host);
    snprintf(s->terminal, sizeof s->terminal, "UNKNOWN");
    snprintf(s->process, sizeof s->process, "%d", (int)b->spid);
    snprintf(s->service_name, sizeof s->service_name, "SYS$BACKGROUND");
    sga_write_end(&s->seq);
    background_wait(b->sid, SGA_EV_RDBMS_IPC);
    sga_process *p = sga_process_at(g, b->pid);
    sga_write_begin(&p->seq);
    snprintf(p->username, sizeof p->username, "%s", pw ? pw->pw_name : "");
    snprintf(p->terminal, sizeof p->terminal, "UNKNOWN");
    sga_write_end(&p->seq);
}

void background_register(background *b, pid_t spid)
{
    uint32_t serial;
    b->spid = spid;
    b->pid = sga_process_alloc(the_sga, spid, b->pname);
    b->sid = sga_session_alloc(the_sga, SGA_BACKGROUND, b->pid, spid, &serial);
    fill_session(b);
}

void background_set_spid(background *b, pid_t spid)
{
    b->spid = spid;
    sga_process_set_spid(the_sga, b->pid, spid);
    sga_session *s = sga_session_at(the_sga, b->sid);
    sga_write_begin(&s->seq);
    s->spid = spid;
    snprintf(s->process, sizeof s->process, "%d", (int)spid);
    sga_write_end(&s->seq);
}

void background_wait(int sid, enum sga_event event)
{
    sga_session *s = sga_session_at(the_sga, sid);
    /* P1 as Oracle shows these idle waits: the timer's duration, 3 s in centiseconds */
    wait_params p = {300, 0, 0};
    sga_write_begin(&s->seq);
    sga_wait_switch(the_sga, s, event, &p, sga_now_us());
    sga_write_end(&s->seq);
}
