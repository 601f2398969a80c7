/*
 * driver_postgres.c - the benchmark driver for PostgreSQL, over libpq.
 *
 * Plain TCP with password (SCRAM) authentication, no TLS, like the other
 * systems.  Every call is synchronous (PQexec, PQexecPrepared) and returns
 * with all rows in the client, as the other drivers do.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "driver.h"

#define POINT_STMT "bench_point_select" /* name of the prepared point select */
#define DML_STMT "bench_dml"            /* name of the prepared UPDATE */

struct bench_conn {
    PGconn *pg;
    char err[512];
};

/* Keep TEXT as the connection's last error, without libpq's trailing newline. */
static void set_error(bench_conn *c, const char *text)
{
    snprintf(c->err, sizeof c->err, "%s", text);
    size_t n = strlen(c->err);
    while (n > 0 && (c->err[n - 1] == '\n' || c->err[n - 1] == ' ')) c->err[--n] = '\0';
}

/* Keep the error of a failed call: the server's message and SQLSTATE, or libpq's text. */
static void set_result_error(bench_conn *c, const PGresult *res)
{
    const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    if (msg && state) {
        char text[sizeof c->err];
        snprintf(text, sizeof text, "%s (SQLSTATE %s)", msg, state);
        set_error(c, text);
    } else {
        set_error(c, PQerrorMessage(c->pg));
    }
}

/* RES if its call succeeded; otherwise NULL, with the error kept and RES freed. */
static PGresult *checked(bench_conn *c, PGresult *res)
{
    ExecStatusType st = PQresultStatus(res);
    if (res && (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK)) {
        c->err[0] = '\0';
        return res;
    }
    set_result_error(c, res);
    PQclear(res);
    return NULL;
}

/* Notices ("no transaction in progress", "table does not exist, skipping") are not errors. */
static void ignore_notice(void *arg, const char *message) {}

static bench_conn *pg_connect(const bench_target *t, char *err, size_t errlen)
{
    char port[16];
    snprintf(port, sizeof port, "%d", t->port);
    /* connect_timeout: a server restarting after a kill -9 may accept and never answer. */
    const char *keys[] = {"host",  "port",    "user",       "password",        "dbname",
                          "sslmode", "gssencmode", "connect_timeout", NULL};
    const char *values[] = {t->host,   port,      t->user,   t->password, t->database,
                            "disable", "disable", "5",       NULL};
    bench_conn *c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    c->pg = PQconnectdbParams(keys, values, 0);
    if (PQstatus(c->pg) != CONNECTION_OK) {
        set_error(c, PQerrorMessage(c->pg));
        snprintf(err, errlen, "%s", c->err);
        PQfinish(c->pg);
        free(c);
        return NULL;
    }
    PQsetNoticeProcessor(c->pg, ignore_notice, NULL);
    return c;
}

static void pg_disconnect(bench_conn *c)
{
    if (!c) return;
    PQfinish(c->pg);
    free(c);
}

static long pg_run(bench_conn *c, const char *sql)
{
    PGresult *res = checked(c, PQexec(c->pg, sql));
    if (!res) return -1;
    long rows = PQntuples(res);
    PQclear(res);
    return rows;
}

static const char *pg_error(bench_conn *c) { return c->err; }

static int pg_text(bench_conn *c, const char *sql, char *out, size_t len)
{
    PGresult *res = checked(c, PQexec(c->pg, sql));
    if (!res) return -1;
    int ok = PQntuples(res) > 0 && PQnfields(res) > 0 && !PQgetisnull(res, 0, 0);
    if (ok) snprintf(out, len, "%s", PQgetvalue(res, 0, 0));
    PQclear(res);
    return ok ? 0 : -1;
}

/* Prepare SQL (one parameter) as the statement NAME (once per connection). */
static int prepare_named(bench_conn *c, const char *name, const char *sql)
{
    PGresult *res = checked(c, PQprepare(c->pg, name, sql, 1, NULL));
    if (!res) return -1;
    PQclear(res);
    return 0;
}

/* Execute the prepared statement NAME with KEY: its result, or NULL with the error kept. */
static PGresult *execute_with_key(bench_conn *c, const char *name, long key)
{
    char text[24];
    snprintf(text, sizeof text, "%ld", key);
    const char *params[1] = {text};
    return checked(c, PQexecPrepared(c->pg, name, 1, params, NULL, NULL, 0));
}

static int pg_prepare(bench_conn *c, const char *sql) { return prepare_named(c, POINT_STMT, sql); }

static long pg_select(bench_conn *c, long key)
{
    PGresult *res = execute_with_key(c, POINT_STMT, key);
    if (!res) return -1;
    long rows = PQntuples(res);
    PQclear(res);
    return rows;
}

static int pg_prepare_dml(bench_conn *c, const char *sql) { return prepare_named(c, DML_STMT, sql); }

static long pg_dml(bench_conn *c, long key)
{
    PGresult *res = execute_with_key(c, DML_STMT, key);
    if (!res) return -1;
    long changed = atol(PQcmdTuples(res));
    PQclear(res);
    return changed;
}

static long pg_server_pid(bench_conn *c)
{
    int pid = PQbackendPID(c->pg);
    return pid > 0 ? pid : -1;
}

static void pg_session_name(bench_conn *c, char *out, size_t len)
{
    snprintf(out, len, "%d", PQbackendPID(c->pg));
}

const bench_driver postgres_driver = {
    .name = "PostgreSQL",
    .threaded = 0,
    .connect = pg_connect,
    .disconnect = pg_disconnect,
    .run = pg_run,
    .error = pg_error,
    .text = pg_text,
    .prepare = pg_prepare,
    .select = pg_select,
    .prepare_dml = pg_prepare_dml,
    .dml = pg_dml,
    .server_pid = pg_server_pid,
    .session_name = pg_session_name,
    .kill_fmt = "select pg_terminate_backend(%s)",
    .cancel_fmt = "select pg_cancel_backend(%s)",
    .lock_waiting_fmt = "select count(*) from pg_stat_activity "
                        "where pid = %s and wait_event_type = 'Lock'",
    .running_fmt = "select count(*) from pg_stat_activity where pid = %s and state = 'active'",
    .begin_sql = "begin",
    /* Small generators: a function scan materialises its rows before the first one. */
    .cpu_sql = "select count(*) from generate_series(1, 3000) a, generate_series(1, 3000) b, "
               "generate_series(1, 3000) c",
    .sleep_sql = "select pg_sleep(600)",
    .ping_sql = "select 1",
    .list_sql = "select * from pg_stat_activity",
    .version_sql = "select 'PostgreSQL ' || current_setting('server_version')",
    .point_sql = "select v from bench_point where id = $1",
    .rows_update_sql = "update bench_rows set v = v + 1 where id = $1",
    .hot_update_sql = "update bench_hot set n = n + 1 where id = $1",
    .deadlock_error = "SQLSTATE 40P01",
    .setup_sql = {"drop table if exists bench_lock, bench_point, bench_rows, bench_hot",
                  "create table bench_lock (id int primary key, v int)",
                  "insert into bench_lock values (1, 0)",
                  "create table bench_point (id int primary key, v varchar(100))",
                  "insert into bench_point select i, 'value ' || i from generate_series(1, 10000) i",
                  "create table bench_rows (id int primary key, v int)",
                  "insert into bench_rows select i, 0 from generate_series(1, " BENCH_ROWS_TEXT ") i",
                  "create table bench_hot (id int primary key, n int)",
                  "insert into bench_hot values (1, 0)",
                  "analyze bench_lock, bench_point, bench_rows, bench_hot",
                  NULL},
    .cleanup_sql = {"drop table if exists bench_lock, bench_point, bench_rows, bench_hot", NULL},
};
