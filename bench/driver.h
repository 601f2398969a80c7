/*
 * driver.h - the one interface the comparison harness uses to talk to
 * Warden (libwarden), PostgreSQL (libpq) and MariaDB (libmariadb).
 *
 * A driver is a table of functions plus the SQL texts that differ between
 * the systems (how to kill or cancel a session, how to see that a session
 * waits for a row lock, which statement burns CPU, how a deadlock error
 * reads).  The figures (figures.c, figures_load.c, figure_deadlock.c) are
 * written once against this table.
 *
 * Threads: a bench_conn is used by one thread at a time; different
 * connections may be used from different threads at once.
 */
#ifndef BENCH_DRIVER_H
#define BENCH_DRIVER_H

#include <stddef.h>

/* Rows of bench_rows, the write figures' table (setup_sql fills ids 1..BENCH_ROWS). */
#define BENCH_ROWS 100000
#define BENCH_ROWS_TEXT "100000"

typedef struct bench_conn bench_conn; /* one session; each driver defines it */

/* Where a system listens and whom to log on as (all on loopback). */
typedef struct bench_target {
    char host[64];
    int port;
    char user[64];
    char password[64];
    char database[64]; /* Warden: the service name */
} bench_target;

typedef struct bench_driver {
    const char *name; /* "Warden", "PostgreSQL", "MariaDB" */
    int threaded;     /* 1: one server process, sessions are threads (MariaDB) */

    /* Log on with the password.  NULL on failure, with the reason in ERR. */
    bench_conn *(*connect)(const bench_target *t, char *err, size_t errlen);
    void (*disconnect)(bench_conn *c);
    /*
     * Run SQL and fetch every row.  Returns the number of rows (0 for a
     * statement without rows), or -1 with the error in c (error()).
     */
    long (*run)(bench_conn *c, const char *sql);
    const char *(*error)(bench_conn *c); /* text of the last error, "" if none */
    /* First column of the first row as text into OUT; 0, or -1 on error or no row. */
    int (*text)(bench_conn *c, const char *sql, char *out, size_t len);

    /*
     * The point select: prepare() once per connection (PREPARED_SQL with one
     * integer parameter), then select() many times; select returns the rows
     * fetched (1) or -1.
     */
    int (*prepare)(bench_conn *c, const char *sql);
    long (*select)(bench_conn *c, long key);
    /*
     * The write figures' UPDATE: prepare_dml() once per connection (SQL with
     * one integer parameter), then dml() many times; dml returns the number
     * of rows the statement changed, or -1.  Independent of prepare().
     */
    int (*prepare_dml)(bench_conn *c, const char *sql);
    long (*dml)(bench_conn *c, long key);

    /* OS pid of the process that serves c (MariaDB: the server itself); not while c is busy. */
    long (*server_pid)(bench_conn *c);
    /* How a DBA names the session in kill/cancel commands: "12,345", "4711". */
    void (*session_name)(bench_conn *c, char *out, size_t len);

    /* SQL.  %s is replaced by session_name() of the target session. */
    const char *kill_fmt;        /* end the session */
    const char *cancel_fmt;      /* cancel its running statement */
    const char *lock_waiting_fmt; /* count(*) = 1 once it waits for a row lock */
    const char *running_fmt;     /* count(*) = 1 once it runs a statement */
    const char *begin_sql;       /* start a transaction (NULL: implicit) */
    const char *cpu_sql;         /* runs for minutes unless cancelled */
    const char *sleep_sql;       /* sleeps for minutes unless cancelled */
    const char *ping_sql;        /* cheapest query: one row */
    const char *list_sql;        /* the session listing figure */
    const char *version_sql;     /* one row: the server's version banner */
    const char *point_sql;       /* SELECT v FROM bench_point WHERE id = <param> */
    const char *rows_update_sql; /* UPDATE bench_rows SET v = v + 1 WHERE id = <param> */
    const char *hot_update_sql;  /* UPDATE bench_hot SET n = n + 1 WHERE id = <param> */
    const char *deadlock_error;  /* in error()'s text when a statement is a deadlock's victim */
    /* Create and fill bench_lock, bench_point, bench_rows, bench_hot (NULL-ended). */
    const char *setup_sql[16];
    const char *cleanup_sql[8];  /* drop them again */
} bench_driver;

extern const bench_driver warden_driver;
extern const bench_driver postgres_driver;
extern const bench_driver mariadb_driver;

#endif
