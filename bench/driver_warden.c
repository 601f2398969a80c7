/*
 * driver_warden.c - the comparison harness's driver for Warden, over
 * libwarden (Oracle Net / TTC, O5LOGON password logon).
 */
#include <stdio.h>
#include <stdlib.h>

#include "client/warden.h"
#include "driver.h"

#define WHOLE_RESULT_ROWS 100000 /* more than any result the figures fetch (12: 5,000+) */

struct bench_conn {
    wdn_conn *conn;
    wdn_stmt *point, *dml;
};

static bench_conn *w_connect(const bench_target *t, char *err, size_t errlen)
{
    char cs[160];
    snprintf(cs, sizeof cs, "%s:%d/%s", t->host, t->port, t->database);
    ora_error e;
    wdn_conn *wc = wdn_connect(cs, t->user, t->password, "warden-bench", &e);
    if (!wc) {
        snprintf(err, errlen, "%s", e.msg);
        return NULL;
    }
    /* Whole results in one round trip, as libpq and libmariadb deliver them. */
    wdn_set_arraysize(wc, WHOLE_RESULT_ROWS);
    bench_conn *c = calloc(1, sizeof *c);
    c->conn = wc;
    return c;
}

static void w_disconnect(bench_conn *c)
{
    if (!c) return;
    wdn_stmt_close(c->point);
    wdn_stmt_close(c->dml);
    wdn_close(c->conn);
    free(c);
}

/* Fetch every row of CUR (may be NULL); rows, or -1. */
static long drain(wdn_cursor *cur)
{
    long rows = 0;
    int rc;
    while (cur && (rc = wdn_fetch(cur)) == 1) rows++;
    if (cur && rc < 0) rows = -1;
    wdn_cursor_close(cur);
    return rows;
}

static long w_run(bench_conn *c, const char *sql)
{
    wdn_cursor *cur = NULL;
    if (wdn_execute(c->conn, sql, NULL, 0, &cur, NULL) < 0) return -1;
    return drain(cur);
}

static int w_text(bench_conn *c, const char *sql, char *out, size_t len)
{
    wdn_cursor *cur = NULL;
    if (wdn_execute(c->conn, sql, NULL, 0, &cur, NULL) < 0 || !cur) return -1;
    int ok = wdn_fetch(cur) == 1 && wdn_value(cur, 0);
    if (ok) snprintf(out, len, "%s", wdn_value(cur, 0));
    wdn_cursor_close(cur);
    return ok ? 0 : -1;
}

static const char *w_error(bench_conn *c) { return wdn_last_error(c->conn)->msg; }

static int w_prepare(bench_conn *c, const char *sql)
{
    c->point = wdn_prepare(c->conn, sql);
    return 0;
}

/* Execute ST with KEY as its one NUMBER bind; as wdn_stmt_execute. */
static int execute_with_key(wdn_stmt *st, long key, wdn_cursor **cur, uint64_t *rows_affected)
{
    char text[24];
    snprintf(text, sizeof text, "%ld", key);
    wdn_bind bind = {.type = WDN_NUMBER, .text = text};
    return wdn_stmt_execute(st, &bind, 1, cur, rows_affected);
}

static long w_select(bench_conn *c, long key)
{
    wdn_cursor *cur = NULL;
    if (execute_with_key(c->point, key, &cur, NULL) < 0) return -1;
    return drain(cur);
}

static int w_prepare_dml(bench_conn *c, const char *sql)
{
    c->dml = wdn_prepare(c->conn, sql);
    return 0;
}

static long w_dml(bench_conn *c, long key)
{
    uint64_t changed = 0;
    if (execute_with_key(c->dml, key, NULL, &changed) < 0) return -1;
    return (long)changed;
}

static long w_server_pid(bench_conn *c) { return wdn_server_pid(c->conn); }

static void w_session_name(bench_conn *c, char *out, size_t len)
{
    int sid = 0, serial = 0;
    wdn_session_id(c->conn, &sid, &serial);
    snprintf(out, len, "%d,%d", sid, serial);
}

/* The integers 1..N as rows of column I. */
#define INTEGERS(n)                                                                              \
    "with r(i) as (select 1 from dual union all select i + 1 from r where i < " n ") "          \
    "select i from r"

const bench_driver warden_driver = {
    .name = "Warden",
    .threaded = 0,
    .connect = w_connect,
    .disconnect = w_disconnect,
    .run = w_run,
    .error = w_error,
    .text = w_text,
    .prepare = w_prepare,
    .select = w_select,
    .prepare_dml = w_prepare_dml,
    .dml = w_dml,
    .server_pid = w_server_pid,
    .session_name = w_session_name,
    .kill_fmt = "alter system kill session '%s'",
    .cancel_fmt = "alter system cancel sql '%s'",
    .lock_waiting_fmt = "select count(*) from v$session where sid || ',' || serial# = '%s' "
                        "and state = 'WAITING' and event = 'enq: TX - row lock contention'",
    .running_fmt = "select count(*) from v$session where sid || ',' || serial# = '%s' "
                   "and status = 'ACTIVE' and sql_id is not null",
    .begin_sql = NULL,
    .cpu_sql = "select count(*) from (" INTEGERS("2000000000") ")",
    .sleep_sql = "begin dbms_session.sleep(600); end;",
    .ping_sql = "select 1 from dual",
    .list_sql = "select * from v$session",
    .version_sql = "select 'Warden ' || version from v$instance",
    .point_sql = "select v from bench_point where id = :1",
    .rows_update_sql = "update bench_rows set v = v + 1 where id = :1",
    .hot_update_sql = "update bench_hot set n = n + 1 where id = :1",
    .deadlock_error = "ORA-00060",
    .setup_sql = {"create table bench_lock (id number primary key, v number)",
                  "insert into bench_lock values (1, 0)",
                  "create table bench_point (id number primary key, v varchar2(100))",
                  "insert into bench_point select i, 'value ' || i from (" INTEGERS("10000") ")",
                  "create table bench_rows (id number primary key, v number)",
                  "insert into bench_rows select i, 0 from (" INTEGERS(BENCH_ROWS_TEXT) ")",
                  "create table bench_hot (id number primary key, n number)",
                  "insert into bench_hot values (1, 0)",
                  "commit", NULL},
    .cleanup_sql = {"drop table bench_lock", "drop table bench_point", "drop table bench_rows",
                    "drop table bench_hot", NULL},
};
