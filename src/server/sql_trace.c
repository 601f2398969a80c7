/*
 * sql_trace.c - SQL trace files (see sql_trace.h).
 *
 * The file is opened (appended to) when tracing starts and closed when it
 * stops, so a DBA may read it at any time; every line is flushed when its
 * call ends.  Numbers Warden does not measure (p=, cr=, cu= block counts,
 * mis=) are written as 0, as Oracle writes them for a call that read no
 * blocks.
 */
#include "sql_trace.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../sga/clock.h"
#include "../sga/sga.h"

#define BIND_TEXT_MAX 4000 /* bytes of a bind value written */

static int64_t cpu_now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* "2026-12-05T20:15:00.123456+00:00" */
static void timestamp(char *out, size_t size)
{
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    char day[32];
    strftime(day, sizeof day, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out, size, "%s.%06ld+00:00", day, ts.tv_nsec / 1000);
}

static void write_header(session *s, const char *path)
{
    char now[64];
    timestamp(now, sizeof now);
    fprintf(s->trace_file,
            "Trace file %s\nWarden SQL trace, instance %s, process %d\n\n*** %s\n"
            "*** SESSION ID:(%d.%u) %s\n*** CLIENT ID:(%s) %s\n*** SERVICE NAME:(%s) %s\n"
            "*** MODULE NAME:(%s) %s\n*** ACTION NAME:(%s) %s\n\n",
            path, the_sga->cfg.instance_name, (int)getpid(), now, s->sid, s->serial, now,
            s->client_identifier, now, s->service, now, s->module, now, s->action, now);
}

/* The session's SGA slot shows FLAGS. */
static void publish(session *s, uint32_t flags)
{
    if (!the_sga || !s->sid) return;
    sga_session *g = sga_session_at(the_sga, s->sid);
    sga_write_begin(&g->seq);
    g->sql_trace = flags;
    sga_write_end(&g->seq);
}

int sql_trace_set(session *s, uint32_t flags, ora_error *err)
{
    if (!(flags & SGA_TRACE_ON)) {
        sql_trace_close(s);
        return 0;
    }
    if (!s->trace_file) {
        char path[4200];
        snprintf(path, sizeof path, "%s/%s_ora_%d.trc", the_sga->trace_dir,
                 the_sga->cfg.instance_name, (int)getpid());
        s->trace_file = fopen(path, "a");
        if (!s->trace_file) return ora_set(err, ORA_INTERNAL, 0, "cannot open the trace file");
        write_header(s, path);
    }
    s->trace_flags = flags;
    s->trace_epoch++; /* every cursor's text goes to the file again */
    publish(s, flags);
    fflush(s->trace_file);
    return 0;
}

void sql_trace_close(session *s)
{
    if (s->trace_file) fclose(s->trace_file);
    s->trace_file = NULL;
    s->trace_flags = 0;
    publish(s, 0);
}

int sql_trace_request(int sid, uint32_t serial, uint32_t flags, ora_error *err)
{
    if (sid < 1 || sid > the_sga->nsessions) return ora_set(err, ORA_SESSION_ID_NOT_EXIST, 0);
    sga_session *g = sga_session_at(the_sga, sid);
    sga_session copy;
    sga_read_session(the_sga, sid, &copy);
    if (copy.type != SGA_USER || copy.serial != serial)
        return ora_set(err, ORA_SESSION_ID_NOT_EXIST, 0);
    __atomic_store_n(&g->trace_request, SGA_TRACE_REQUEST | flags, __ATOMIC_RELEASE);
    return 0;
}

void sql_trace_take_request(session *s)
{
    if (!the_sga || !s->sid) return;
    sga_session *g = sga_session_at(the_sga, s->sid);
    uint32_t r = __atomic_exchange_n(&g->trace_request, 0, __ATOMIC_ACQ_REL);
    ora_error ignored;
    if (r & SGA_TRACE_REQUEST) sql_trace_set(s, r & ~(uint32_t)SGA_TRACE_REQUEST, &ignored);
}

/* The text of a cursor, once per parse (and again after tracing restarted). */
static void write_parse(session *s, int id, server_cursor *c)
{
    const char *sql = eng_cursor_sql(c->ec);
    fprintf(s->trace_file,
            "=====================\nPARSING IN CURSOR #%d len=%zu dep=0 uid=%d oct=%d lid=%d "
            "tim=%lld sqlid='%s'\n%s\nEND OF STMT\n"
            "PARSE #%d:c=0,e=0,p=0,cr=0,cu=0,mis=0,r=0,dep=0,og=1,plh=0,tim=%lld\n",
            id, strlen(sql), s->user_id, eng_cursor_stmt(c->ec)->command_type, s->user_id,
            (long long)sga_now_us(), c->sql_id, sql, id, (long long)sga_now_us());
    c->trace_epoch = s->trace_epoch;
}

static void write_binds(session *s, int id, const server_cursor *c, const bind_rows *b)
{
    if (!b->nrows || !b->nbinds) return;
    fprintf(s->trace_file, "BINDS #%d:\n", id);
    for (int i = 0; i < b->nbinds; i++) {
        const eng_value *v = &b->values[i]; /* the first execution's */
        const bind_meta *m = i < c->nbinds ? &c->binds[i] : NULL;
        fprintf(s->trace_file, " Bind#%d\n  oacdty=%02d mxl=%u\n", i, m ? m->ora_type : 0,
                m ? m->max_size : 0);
        if (v->is_null) fprintf(s->trace_file, "  value=NULL\n");
        else if (v->kind == ENG_VAL_NUMBER) fprintf(s->trace_file, "  value=%.*s\n", (int)v->len, v->text);
        else fprintf(s->trace_file, "  value=\"%.*s\"\n",
                     (int)(v->len < BIND_TEXT_MAX ? v->len : BIND_TEXT_MAX), v->text);
    }
}

void sql_trace_execute_begin(session *s, int id, server_cursor *c, const bind_rows *b)
{
    if (!s->trace_file) return;
    if (c->trace_epoch != s->trace_epoch) write_parse(s, id, c);
    if (s->trace_flags & SGA_TRACE_BINDS) write_binds(s, id, c, b);
    s->trace_start_us = sga_now_us();
    s->trace_cpu_us = cpu_now_us();
}

void sql_trace_execute_end(session *s, int id, uint64_t rows_fetched, const ora_error *e)
{
    if (!s->trace_file || !s->trace_start_us) return; /* tracing began during the execution */
    int64_t now = sga_now_us(), elapsed = now - s->trace_start_us;
    s->trace_start_us = 0;
    int64_t cpu = cpu_now_us() - s->trace_cpu_us;
    if (e && e->code) {
        fprintf(s->trace_file, "ERROR #%d:err=%d tim=%lld\n", id, e->code, (long long)now);
    } else {
        fprintf(s->trace_file, "EXEC #%d:c=%lld,e=%lld,p=0,cr=0,cu=0,mis=0,r=%llu,dep=0,og=1,"
                "plh=0,tim=%lld\n", id, (long long)cpu, (long long)elapsed,
                (unsigned long long)(rows_fetched ? 0 : s->stmt_rows), (long long)now);
        if (rows_fetched) sql_trace_fetch(s, id, rows_fetched, 0, 0);
    }
    fflush(s->trace_file);
}

void sql_trace_fetch(session *s, int id, uint64_t rows, int64_t elapsed_us, int64_t cpu_us)
{
    if (!s->trace_file) return;
    fprintf(s->trace_file, "FETCH #%d:c=%lld,e=%lld,p=0,cr=0,cu=0,mis=0,r=%llu,dep=0,og=1,plh=0,"
            "tim=%lld\n", id, (long long)cpu_us, (long long)elapsed_us,
            (unsigned long long)rows, (long long)sga_now_us());
    fflush(s->trace_file);
}

void sql_trace_parse_error(session *s, const char *sql, const ora_error *e)
{
    if (!s->trace_file) return;
    fprintf(s->trace_file, "=====================\nPARSE ERROR #0:len=%zu dep=0 uid=%d oct=0 lid=%d "
            "tim=%lld err=%d\n%s\n", strlen(sql), s->user_id, s->user_id,
            (long long)sga_now_us(), e->code, sql);
    fflush(s->trace_file);
}

void sql_trace_wait(session *s, const char *event, int64_t elapsed_us, int64_t obj)
{
    if (!s->trace_file || !(s->trace_flags & SGA_TRACE_WAITS)) return;
    fprintf(s->trace_file, "WAIT #0: nam='%s' ela= %lld obj#=%lld tim=%lld\n", event,
            (long long)elapsed_us, (long long)obj, (long long)sga_now_us());
}

void sql_trace_transaction_end(session *s, int rollback)
{
    if (!s->trace_file) return;
    fprintf(s->trace_file, "XCTEND rlbk=%d, rd_only=0, tim=%lld\n", rollback,
            (long long)sga_now_us());
    fflush(s->trace_file);
}
