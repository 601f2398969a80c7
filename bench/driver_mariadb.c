/*
 * driver_mariadb.c - the benchmark driver for MariaDB, over libmariadb
 * (MariaDB Connector/C).
 *
 * Plain TCP with password authentication, TLS off, like the other systems.
 * Queries are buffered in the client (mysql_store_result), so a call returns
 * with all rows fetched; the point select is a server-side prepared
 * statement (binary protocol), as applications use it.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mysql.h>

#include "driver.h"

#define MAX_RESULTS 64 /* result sets read from one call (a CALL can return several) */
#define MAX_ROWS 1000000L /* rows fetched by one point select at most */
#define CONNECT_TIMEOUT_S 5
#define IO_TIMEOUT_S 120 /* longer than any statement the figures run (they cancel or kill them) */

struct bench_conn {
    MYSQL *my;
    MYSQL_STMT *stmt;       /* the point select, once prepared */
    MYSQL_BIND param, col;  /* its key parameter and its VARCHAR result column */
    long long key;
    MYSQL_STMT *dml;        /* the write figures' UPDATE, once prepared */
    MYSQL_BIND dml_param;   /* its key parameter */
    long long dml_key;
    char value[512];
    unsigned long value_len;
    my_bool value_null, value_error;
    long server_pid;        /* mysqld's pid, read on first use; 0 until then */
    char err[512];
};

static pthread_once_t library_once = PTHREAD_ONCE_INIT;

/* The library's global state, set up once before the first connection of any thread. */
static void init_library(void) { mysql_library_init(0, NULL, NULL); }

/* Keep the last error of the connection (or of the prepared statement). */
static void set_error(bench_conn *c, const char *msg, unsigned int code, const char *state)
{
    snprintf(c->err, sizeof c->err, "%s (error %u, SQLSTATE %s)", msg, code, state);
}

static void set_conn_error(bench_conn *c)
{
    set_error(c, mysql_error(c->my), mysql_errno(c->my), mysql_sqlstate(c->my));
}

static void set_stmt_error(bench_conn *c, MYSQL_STMT *stmt)
{
    set_error(c, mysql_stmt_error(stmt), mysql_stmt_errno(stmt), mysql_stmt_sqlstate(stmt));
}

static bench_conn *my_connect(const bench_target *t, char *err, size_t errlen)
{
    pthread_once(&library_once, init_library);
    bench_conn *c = calloc(1, sizeof *c);
    if (!c || !(c->my = mysql_init(NULL))) {
        snprintf(err, errlen, "out of memory");
        free(c);
        return NULL;
    }
    /* A server restarting after a kill -9 may accept and then never answer. */
    unsigned int connect_s = CONNECT_TIMEOUT_S, io_s = IO_TIMEOUT_S;
    mysql_optionsv(c->my, MYSQL_OPT_CONNECT_TIMEOUT, &connect_s);
    mysql_optionsv(c->my, MYSQL_OPT_READ_TIMEOUT, &io_s);
    mysql_optionsv(c->my, MYSQL_OPT_WRITE_TIMEOUT, &io_s);
    my_bool off = 0;
    mysql_optionsv(c->my, MYSQL_OPT_SSL_ENFORCE, &off);
    mysql_optionsv(c->my, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &off);
    if (!mysql_real_connect(c->my, t->host, t->user, t->password, t->database,
                            (unsigned int)t->port, NULL, 0)) {
        set_conn_error(c);
        snprintf(err, errlen, "%s", c->err);
        mysql_close(c->my);
        free(c);
        return NULL;
    }
    return c;
}

static void my_disconnect(bench_conn *c)
{
    if (!c) return;
    if (c->stmt) mysql_stmt_close(c->stmt);
    if (c->dml) mysql_stmt_close(c->dml);
    mysql_close(c->my);
    free(c);
}

/*
 * Run SQL and read every result it returns.  *FIRST gets the first result
 * set (NULL for a statement without rows); the others are discarded.
 * 0, or -1 with the error kept.
 */
static int query(bench_conn *c, const char *sql, MYSQL_RES **first)
{
    *first = NULL;
    if (mysql_real_query(c->my, sql, strlen(sql)) != 0) {
        set_conn_error(c);
        return -1;
    }
    for (int n = 0; n < MAX_RESULTS; n++) {
        MYSQL_RES *res = mysql_store_result(c->my);
        if (!res && mysql_field_count(c->my) != 0) break; /* rows were due: an error */
        if (!*first)
            *first = res;
        else
            mysql_free_result(res);
        int more = mysql_next_result(c->my); /* 0: another result, -1: done, >0: error */
        if (more < 0) {
            c->err[0] = '\0';
            return 0;
        }
        if (more > 0) break;
    }
    set_conn_error(c);
    mysql_free_result(*first);
    *first = NULL;
    return -1;
}

static long my_run(bench_conn *c, const char *sql)
{
    MYSQL_RES *res;
    if (query(c, sql, &res) < 0) return -1;
    long rows = res ? (long)mysql_num_rows(res) : 0;
    mysql_free_result(res);
    return rows;
}

static const char *my_error(bench_conn *c) { return c->err; }

static int my_text(bench_conn *c, const char *sql, char *out, size_t len)
{
    MYSQL_RES *res;
    if (query(c, sql, &res) < 0) return -1;
    MYSQL_ROW row = res && mysql_num_fields(res) > 0 ? mysql_fetch_row(res) : NULL;
    int ok = row && row[0];
    if (ok) snprintf(out, len, "%s", row[0]);
    mysql_free_result(res);
    return ok ? 0 : -1;
}

/* Point PARAM at KEY, a BIGINT. */
static void bind_key(MYSQL_BIND *param, long long *key)
{
    memset(param, 0, sizeof *param);
    param->buffer_type = MYSQL_TYPE_LONGLONG;
    param->buffer = key;
}

/* Bind the key parameter and the one result column to the buffers in C. */
static int bind_point_buffers(bench_conn *c)
{
    bind_key(&c->param, &c->key);
    c->col.buffer_type = MYSQL_TYPE_STRING;
    c->col.buffer = c->value;
    c->col.buffer_length = sizeof c->value;
    c->col.length = &c->value_len;
    c->col.is_null = &c->value_null;
    c->col.error = &c->value_error;
    return mysql_stmt_bind_param(c->stmt, &c->param) || mysql_stmt_bind_result(c->stmt, &c->col)
               ? -1
               : 0;
}

static int bind_dml_buffers(bench_conn *c)
{
    bind_key(&c->dml_param, &c->dml_key);
    return mysql_stmt_bind_param(c->dml, &c->dml_param) ? -1 : 0;
}

/*
 * Prepare SQL on the server into *SLOT (closing an earlier statement there)
 * and BIND its buffers; 0, or -1 with the error kept and *SLOT NULL.
 */
static int prepare_into(bench_conn *c, MYSQL_STMT **slot, const char *sql,
                        int (*bind)(bench_conn *c))
{
    if (*slot) mysql_stmt_close(*slot);
    if (!(*slot = mysql_stmt_init(c->my))) {
        set_conn_error(c);
        return -1;
    }
    if (mysql_stmt_prepare(*slot, sql, strlen(sql)) != 0 || bind(c) < 0) {
        set_stmt_error(c, *slot);
        mysql_stmt_close(*slot);
        *slot = NULL;
        return -1;
    }
    c->err[0] = '\0';
    return 0;
}

static int my_prepare(bench_conn *c, const char *sql)
{
    return prepare_into(c, &c->stmt, sql, bind_point_buffers);
}

static int my_prepare_dml(bench_conn *c, const char *sql)
{
    return prepare_into(c, &c->dml, sql, bind_dml_buffers);
}

static long my_select(bench_conn *c, long key)
{
    if (!c->stmt) {
        snprintf(c->err, sizeof c->err, "the point select is not prepared");
        return -1;
    }
    c->key = key;
    if (mysql_stmt_execute(c->stmt) != 0 || mysql_stmt_store_result(c->stmt) != 0) {
        set_stmt_error(c, c->stmt);
        return -1;
    }
    long rows = 0;
    int rc = 0;
    while (rows < MAX_ROWS && ((rc = mysql_stmt_fetch(c->stmt)) == 0 || rc == MYSQL_DATA_TRUNCATED))
        rows++;
    if (rows < MAX_ROWS && rc == 1) {
        set_stmt_error(c, c->stmt);
        rows = -1;
    } else {
        c->err[0] = '\0';
    }
    mysql_stmt_free_result(c->stmt);
    return rows;
}

static long my_dml(bench_conn *c, long key)
{
    if (!c->dml) {
        snprintf(c->err, sizeof c->err, "the UPDATE is not prepared");
        return -1;
    }
    c->dml_key = key;
    if (mysql_stmt_execute(c->dml) != 0) {
        set_stmt_error(c, c->dml);
        return -1;
    }
    c->err[0] = '\0';
    return (long)mysql_stmt_affected_rows(c->dml);
}

/* Read a pid from the file PATH (the server's pid file); -1 if that fails. */
static long read_pid_file(const char *path)
{
    FILE *f = fopen(path, "r");
    long pid = -1;
    if (f) {
        if (fscanf(f, "%ld", &pid) != 1 || pid <= 0) pid = -1;
        fclose(f);
    }
    return pid;
}

/* The mysqld process: its pid file, named by @@pid_file (same machine). */
static long my_server_pid(bench_conn *c)
{
    if (c->server_pid) return c->server_pid;
    MYSQL_RES *res;
    if (query(c, "select @@pid_file", &res) < 0) return -1;
    MYSQL_ROW row = res ? mysql_fetch_row(res) : NULL;
    c->server_pid = row && row[0] ? read_pid_file(row[0]) : -1;
    mysql_free_result(res);
    return c->server_pid;
}

static void my_session_name(bench_conn *c, char *out, size_t len)
{
    snprintf(out, len, "%lu", mysql_thread_id(c->my));
}

const bench_driver mariadb_driver = {
    .name = "MariaDB",
    .threaded = 1,
    .connect = my_connect,
    .disconnect = my_disconnect,
    .run = my_run,
    .error = my_error,
    .text = my_text,
    .prepare = my_prepare,
    .select = my_select,
    .prepare_dml = my_prepare_dml,
    .dml = my_dml,
    .server_pid = my_server_pid,
    .session_name = my_session_name,
    .kill_fmt = "kill connection %s",
    .cancel_fmt = "kill query %s",
    .lock_waiting_fmt = "select count(*) from information_schema.innodb_trx "
                        "where trx_mysql_thread_id = %s and trx_state = 'LOCK WAIT'",
    .running_fmt = "select count(*) from information_schema.processlist "
                   "where id = %s and command = 'Query'",
    .begin_sql = "begin",
    /* Not BENCHMARK(): KILL QUERY makes it return a row, not an error. */
    .cpu_sql = "select count(*) from seq_1_to_3000 a, seq_1_to_3000 b, seq_1_to_3000 c",
    .sleep_sql = "select sleep(600)",
    .ping_sql = "select 1",
    .list_sql = "select * from information_schema.processlist",
    .version_sql = "select concat('MariaDB ', version())",
    .point_sql = "select v from bench_point where id = ?",
    .rows_update_sql = "update bench_rows set v = v + 1 where id = ?",
    .hot_update_sql = "update bench_hot set n = n + 1 where id = ?",
    .deadlock_error = "error 1213",
    .setup_sql = {"drop table if exists bench_lock, bench_point, bench_rows, bench_hot",
                  "create table bench_lock (id int primary key, v int) engine = InnoDB",
                  "insert into bench_lock values (1, 0)",
                  "create table bench_point (id int primary key, v varchar(100)) engine = InnoDB",
                  "insert into bench_point select seq, concat('value ', seq) from seq_1_to_10000",
                  "create table bench_rows (id int primary key, v int) engine = InnoDB",
                  "insert into bench_rows select seq, 0 from seq_1_to_" BENCH_ROWS_TEXT,
                  "create table bench_hot (id int primary key, n int) engine = InnoDB",
                  "insert into bench_hot values (1, 0)",
                  "analyze table bench_lock, bench_point, bench_rows, bench_hot",
                  NULL},
    .cleanup_sql = {"drop table if exists bench_lock, bench_point, bench_rows, bench_hot", NULL},
};
