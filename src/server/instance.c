/*
 * instance.c - PMON: start-up, the supervision loop, shutdown and crashes.
 *
 * PMON is the parent of every process of the instance, so it learns of every
 * death at once (SIGCHLD through a signalfd).  A dead dedicated server is
 * cleaned up (its SGA slots freed; SQLite's WAL already guarantees that its
 * uncommitted work is never seen and its lock is gone) and nobody else
 * notices.  A dead listener is restarted.  A dead critical background
 * process (SMON, CKPT, LMON) ends the instance, as in Oracle.
 *
 * A connection the listener hands over goes to a spare server if one is
 * waiting (spares.h), else to a server forked for it; PMON then starts the
 * spares that are missing.
 *
 * An instance of a cluster also joins the others at start-up: under the
 * data directory's start-up lock it takes its membership lock, maps the
 * cluster area (from a running member, or a new one when it is the first),
 * and enters the membership table; LMON then serves the interconnect.
 */
#include "instance.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "../common/alert.h"
#include "../engine/catalog.h"
#include "../engine/io_vfs.h"
#include "../net/o5logon.h"
#include "../sga/cluster.h"
#include "../sga/kill_history.h"
#include "../sga/locks.h"
#include "../sga/sga.h"
#include "../sga/db_locks.h"
#include "background.h"
#include "cluster_client.h"
#include "datadir.h"
#include "fdpass.h"
#include "interconnect.h"
#include "listener.h"
#include "membership.h"
#include "proctitle.h"
#include "connect.h"
#include "dedicated.h"
#include "spares.h"

enum { BG_PMON, BG_LREG, BG_SMON, BG_CKPT, BG_LMON, BG_COUNT };

typedef struct instance {
    datadir dir;
    warden_config cfg;
    int cluster;      /* one instance of a cluster (wardend --instance) */
    membership members;
    int ic_fd;        /* the interconnect's listening socket (LMON's), -1 if none */
    int listen_fd;
    int channel[2]; /* [0] PMON's end, [1] the listener's */
    int sigfd;
    int stopping;
    background bg[BG_COUNT];
    int nservers; /* dedicated servers alive */
    spares spares; /* servers started ahead of their connections */
    int64_t sweep_at_us; /* when to reap every child that ended (reap_child), 0: none due */
} instance;

#define SWEEP_DELAY_US 50000

static int take_pid_lock(instance *in)
{
    int fd = open(in->dir.pidfile, O_RDWR | O_CREAT | O_CLOEXEC, 0640);
    if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB) < 0) {
        fprintf(stderr, "wardend: instance in %s is already running\n", in->dir.path);
        if (fd >= 0) close(fd);
        return -1;
    }
    char pid[32];
    int n = snprintf(pid, sizeof pid, "%d %d\n", (int)getpid(), in->cfg.listener_port);
    if (ftruncate(fd, 0) < 0 || write(fd, pid, (size_t)n) != n) return -1;
    return fd; /* kept open: the lock lives as long as PMON */
}

/* A child starts with default signal handling and dies with PMON. */
static void child_start(instance *in, int death_signal)
{
    prctl(PR_SET_PDEATHSIG, death_signal);
    if (getppid() != the_sga->pmon_pid) _exit(1);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    signal(SIGPIPE, SIG_IGN);
    signal(SIGTERM, SIG_DFL);
    signal(SIGINT, SIG_IGN);
    close(in->sigfd);
    close(in->channel[0]);
    spares_close_channels(&in->spares);
    membership_started(&in->members); /* the start-up lock is PMON's alone */
}

/* Fork background process B; the child runs MAIN (which never returns). */
static pid_t start_background(instance *in, int which)
{
    background *b = &in->bg[which];
    if (!b->pid) background_register(b, 0); /* slots first: the child inherits their numbers */
    pid_t pid = fork();
    if (pid != 0) {
        if (pid > 0) background_set_spid(b, pid);
        return pid;
    }
    /* SMON outlives PMON for a moment: long enough to write the alert log entry. */
    child_start(in, which == BG_SMON ? SIGUSR1 : SIGKILL);
    if (which != BG_LREG) close(in->listen_fd), close(in->channel[1]);
    if (which != BG_LMON && in->ic_fd >= 0) close(in->ic_fd);
    switch (which) {
    case BG_LREG: listener_run(in->listen_fd, in->channel[1], &in->cfg, b->sid); break;
    case BG_SMON: smon_run(in->dir.db, b->sid, in->bg[BG_PMON].pid, getppid()); break;
    case BG_CKPT: ckpt_run(in->dir.db, b->sid); break;
    case BG_LMON: lmon_run(in->dir.db, b->sid, in->ic_fd, &in->members); break;
    }
    _exit(1);
}

/* A child that serves one connection keeps none of the instance's listening sockets. */
static void close_listeners(instance *in)
{
    close(in->listen_fd);
    close(in->channel[1]);
    if (in->ic_fd >= 0) close(in->ic_fd);
}

/* A short-lived, unregistered child reads the client's CONNECT and refuses it with ORA_ERR. */
static void refuse_connection(instance *in, int client_fd, int ora_err)
{
    pid_t spid = fork();
    if (spid == 0) {
        child_start(in, SIGKILL);
        close_listeners(in);
        connect_refuse(client_fd, ora_err);
        _exit(0);
    }
    close(client_fd);
}

/*
 * The connection's server, unless too many connections are still connecting
 * (their server not yet logged on: max_pending_connections, ORA-12520, so
 * sockets that never log on cannot take every process slot) or the process
 * table is full (ORA-00020).
 */
static int admit_connection(instance *in, int client_fd)
{
    char peer[64];
    if (sga_connecting(the_sga) >= in->cfg.max_pending_connections) {
        net_peer_address(client_fd, peer, sizeof peer);
        alert_log("PMON: connection from %s refused: %d connections are already connecting "
                  "(max_pending_connections) (ORA-%05d: %s)",
                  peer, in->cfg.max_pending_connections, ORA_NO_HANDLER, ora_text(ORA_NO_HANDLER));
        refuse_connection(in, client_fd, ORA_NO_HANDLER);
        return 0;
    }
    int pid = sga_process_alloc(the_sga, 0, NULL);
    if (!pid) {
        alert_log("PMON: connection refused: maximum number of processes (%d) exceeded",
                  the_sga->nprocesses);
        refuse_connection(in, client_fd, ORA_MAX_PROCESSES);
        return 0;
    }
    sga_connect_begin(the_sga, pid);
    return pid;
}

/* DELTA more (or fewer) dedicated servers serve connections: the cluster's load figure. */
static void count_server(instance *in, int delta)
{
    in->nservers += delta;
    cluster_member_set_load(the_cluster, in->cfg.instance_number, (uint32_t)in->nservers);
}

/* A connection's server: a spare if one is waiting, else one forked now. */
static void start_dedicated_server(instance *in, int client_fd)
{
    int pid = admit_connection(in, client_fd);
    if (!pid) return;
    pid_t spid = spares_hand_over(&in->spares, client_fd, pid);
    if (!spid && (spid = fork()) == 0) {
        child_start(in, SIGKILL);
        close_listeners(in);
        dedicated_serve(client_fd, &in->cfg, in->dir.db, pid, NULL);
        exit(0); /* not _exit: LeakSanitizer checks the server in sanitizer builds */
    }
    if (spid < 0) {
        alert_log("PMON: cannot start a dedicated server: %s", strerror(errno));
        sga_process_free(the_sga, pid);
    } else {
        sga_process_set_spid(the_sga, pid, spid);
        count_server(in, 1);
    }
    close(client_fd);
}

/* Start the spares that are missing (at start-up, after a hand-over or a spare's death). */
static void start_spares(instance *in)
{
    for (int n = spares_missing(&in->spares, sga_now_us()); n > 0; n--) {
        int ch[2] = {-1, -1};
        pid_t spid = socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, ch) < 0 ? -1 : fork();
        if (spid == 0) {
            child_start(in, SIGKILL);
            close_listeners(in);
            close(ch[0]);
            spare_run(ch[1], &in->cfg, in->dir.db);
            exit(0);
        }
        if (spid < 0) {
            alert_log("PMON: cannot start a spare server: %s", strerror(errno));
            if (ch[0] >= 0) close(ch[0]), close(ch[1]);
            spares_back_off(&in->spares, sga_now_us());
            return;
        }
        close(ch[1]);
        spares_add(&in->spares, spid, ch[0]);
    }
}

static background *background_of(instance *in, pid_t spid)
{
    for (int i = 0; i < BG_COUNT; i++)
        if (in->bg[i].spid == spid) return &in->bg[i];
    return NULL;
}

static void kill_instance_processes(instance *in, int sig)
{
    for (int pid = 1; pid <= the_sga->nprocesses; pid++) {
        sga_process *p = sga_process_at(the_sga, pid);
        if (p->used && p->spid > 0 && p->spid != getpid()) kill(p->spid, sig);
    }
}

/* A critical background process died: end the instance the way Oracle does. */
static void crash_instance(instance *in, background *b, int status)
{
    alert_log("Instance Critical Process (pid: %d, ospid: %d, %s) died unexpectedly%s",
              b->pid, (int)b->spid, b->pname,
              WIFSIGNALED(status) ? " (killed by a signal)" : "");
    alert_log("PMON (ospid: %d): terminating the instance due to error %d", (int)getpid(),
              b->ora_error);
    in->stopping = 1;
    kill_instance_processes(in, SIGKILL);
    spares_signal(&in->spares, SIGKILL);
    while (waitpid(-1, NULL, 0) > 0) {
    }
    alert_log("Instance terminated by PMON, pid = %d", (int)getpid());
    fprintf(stderr, "wardend: instance terminated: %s (ospid %d) died\n", b->pname, (int)b->spid);
    exit(1);
}

/* A server died by a signal: note its sessions in V$SESSION_KILL_HISTORY. */
static void record_death(int pid, pid_t spid, int sig)
{
    for (int sid = 1; sid <= the_sga->nsessions; sid++) {
        sga_session *s = sga_session_at(the_sga, sid);
        if (s->type == SGA_FREE || s->pid != pid) continue;
        kill_record rec = {.when_us = sga_now_us(), .target_sid = sid, .target_serial = (int)s->serial,
                           .target_pid = pid, .target_spid = spid};
        snprintf(rec.mode, sizeof rec.mode, "PROCESS DIED");
        snprintf(rec.reason, sizeof rec.reason, "killed by signal %d", sig);
        kill_history_add(the_kill_history, &rec);
    }
}

/* Child SPID ended with STATUS (reaped): clean up after it. */
static void child_ended(instance *in, pid_t spid, int status)
{
    background *b = background_of(in, spid);
    if (b) {
        if (!in->stopping && b->critical) crash_instance(in, b, status);
        b->spid = 0;
        db_locks_release_process(the_db_locks, spid); /* its connections' database locks */
        if (in->stopping) return;
        alert_log("PMON: %s process (ospid: %d) died; restarting it", b->pname, (int)spid);
        start_background(in, (int)(b - in->bg));
        return;
    }
    if (spares_reaped(&in->spares, spid, in->stopping, sga_now_us())) return;
    int pid = sga_process_find(the_sga, spid);
    if (!pid) return;
    count_server(in, -1);
    if (WIFSIGNALED(status) && !in->stopping) record_death(pid, spid, WTERMSIG(status));
    /* Its transactions end (their changes died with it) and their waiters go on. */
    lk_release_process(the_locks, spid);
    db_locks_release_process(the_db_locks, spid);
    int freed = sga_sessions_release_pid(the_sga, pid);
    sga_process_free(the_sga, pid);
    if (WIFSIGNALED(status) && !in->stopping)
        alert_log("PMON: dedicated server (pid: %d, ospid: %d) died with signal %d; "
                  "cleaned up %d session(s)",
                  pid, (int)spid, WTERMSIG(status), freed);
}

/* Reap every child that ended (a sweep). */
static void reap_children(instance *in)
{
    int status;
    pid_t spid;
    in->sweep_at_us = 0;
    while ((spid = waitpid(-1, &status, WNOHANG)) > 0) child_ended(in, spid, status);
}

/*
 * A SIGCHLD from SPID.  waitpid(-1) walks every child of PMON (0.6 ms at 5,000
 * servers), waitpid(SPID) finds the one at once: the signal's own child is
 * reaped by its pid.  But a SIGCHLD sent while another is pending is lost, so
 * a sweep follows, SWEEP_DELAY_US after the first death since the last sweep:
 * at most one sweep in that time however many die.
 */
static void reap_child(instance *in, pid_t spid)
{
    int status;
    if (spid > 0 && waitpid(spid, &status, WNOHANG) == spid) child_ended(in, spid, status);
    if (!in->sweep_at_us) in->sweep_at_us = sga_now_us() + SWEEP_DELAY_US;
}

/* PMON's poll timeout: until the sweep or a spare's back-off is due, -1 if neither is. */
static int next_timeout_ms(const instance *in)
{
    int64_t now = sga_now_us();
    int spare = spares_retry_ms(&in->spares, now);
    if (!in->sweep_at_us) return spare;
    int sweep = in->sweep_at_us <= now ? 0 : (int)((in->sweep_at_us - now + 999) / 1000);
    return spare >= 0 && spare < sweep ? spare : sweep;
}

static void checkpoint(const instance *in)
{
    sqlite3 *db;
    if (sqlite3_open_v2(in->dir.db, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK)
        sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
    sqlite3_close(db);
}

/* Shutdown immediate: end every session (their transactions roll back), then stop. */
static void shutdown_instance(instance *in)
{
    in->stopping = 1;
    alert_log("Shutting down instance (immediate)");
    kill_instance_processes(in, SIGTERM);
    spares_signal(&in->spares, SIGTERM);
    for (int waited = 0; waited < 500; waited++) { /* at most 5 s */
        reap_children(in);
        int alive = in->nservers + in->spares.n;
        for (int i = 0; i < BG_COUNT; i++)
            if (i != BG_PMON && in->bg[i].spid) alive++;
        if (alive <= 0) break;
        usleep(10000);
    }
    kill_instance_processes(in, SIGKILL);
    spares_signal(&in->spares, SIGKILL);
    checkpoint(in);
    cluster_member_set_state(the_cluster, in->cfg.instance_number, CLUSTER_DOWN);
    alert_log("Instance shutdown complete (OS id: %d)", (int)getpid());
}

static int supervise(instance *in)
{
    struct pollfd pfd[2] = {{.fd = in->sigfd, .events = POLLIN},
                            {.fd = in->channel[0], .events = POLLIN}};
    for (;;) {
        /* Spares are started when nothing else waits for PMON: never ahead of a connection. */
        if (spares_missing(&in->spares, sga_now_us()) > 0 && poll(pfd, 2, 0) == 0)
            start_spares(in);
        background_wait(in->bg[BG_PMON].sid, SGA_EV_PMON_TIMER);
        if (poll(pfd, 2, next_timeout_ms(in)) < 0) {
            if (errno == EINTR) continue;
            return 1;
        }
        if (in->sweep_at_us && in->sweep_at_us <= sga_now_us()) reap_children(in);
        if (pfd[0].revents) {
            struct signalfd_siginfo si;
            while (read(in->sigfd, &si, sizeof si) == sizeof si) {
                if (si.ssi_signo == SIGCHLD) {
                    reap_child(in, (pid_t)si.ssi_pid);
                } else {
                    shutdown_instance(in);
                    return 0;
                }
            }
        }
        if (pfd[1].revents) {
            int fd = fdpass_recv(in->channel[0]);
            if (fd >= 0) start_dedicated_server(in, fd);
        }
    }
}

static int setup_signals(instance *in)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    sigprocmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    in->sigfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
    return in->sigfd < 0 ? -1 : 0;
}

/*
 * Initialise SQLite and OpenSSL here, once, so that each forked server
 * inherits them instead of paying for it at every logon; and let servers
 * exit without OpenSSL's at-exit teardown of state they never built.
 * Every Warden process is single-threaded, so SQLite needs no mutexes.  Its
 * memory statistics stay on: session_pga_limit's hard heap limit works only
 * with them (they cost about 30 ns per re-executed point select).
 */
static void load_libraries(void)
{
    OPENSSL_init_crypto(OPENSSL_INIT_NO_ATEXIT, NULL);
    o5_init();
    sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 1);
    sqlite3_initialize();
    io_vfs_register(1); /* every connection's WAL-index locks in the cluster area (db_locks.h) */
}

/* DBID and creation time into the SGA; PMON holds no connection once it forks. */
static int load_database_identity(instance *in)
{
    sqlite3 *db;
    int rc = sqlite3_open_v2(in->dir.db, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK
                 ? catalog_database_info(db, &the_sga->dbid, &the_sga->db_created)
                 : -1;
    sqlite3_stmt *ps = NULL;
    the_sga->db_block_size = 4096;
    if (rc == 0 && sqlite3_prepare_v2(db, "PRAGMA page_size", -1, &ps, NULL) == SQLITE_OK &&
        sqlite3_step(ps) == SQLITE_ROW)
        the_sga->db_block_size = sqlite3_column_int(ps, 0);
    sqlite3_finalize(ps);
    the_sga->startup_kill_session_wait = in->cfg.kill_session_wait;
    if (rc < 0) fprintf(stderr, "wardend: cannot read %s: %s\n", in->dir.db, sqlite3_errmsg(db));
    sqlite3_close(db);
    return rc;
}

static void define_backgrounds(instance *in)
{
    static const background defs[BG_COUNT] = {
        [BG_PMON] = {.pname = "PMON", .critical = 1, .ora_error = 472},
        [BG_LREG] = {.pname = "LREG", .critical = 0},
        [BG_SMON] = {.pname = "SMON", .critical = 1, .ora_error = 474},
        [BG_CKPT] = {.pname = "CKPT", .critical = 1, .ora_error = 469},
        [BG_LMON] = {.pname = "LMON", .critical = 1, .ora_error = 481},
    };
    memcpy(in->bg, defs, sizeof defs);
}

/* wardend --instance N: the instance's name, port and pid file in the cluster over DATADIR. */
static void set_cluster_instance(instance *in, int inst, int port)
{
    in->cluster = 1;
    in->cfg.cluster_database = 1;
    in->cfg.instance_number = inst;
    snprintf(in->cfg.instance_name, sizeof in->cfg.instance_name, "%s%d", in->cfg.db_name, inst);
    in->cfg.listener_port = port > 0 ? port : in->cfg.listener_port + inst - 1;
    snprintf(in->dir.pidfile, sizeof in->dir.pidfile, "%s/wardend%d.pid", in->dir.path, inst);
}

/*
 * Map the cluster area: a running member's, or a new one when this instance
 * is the first (or a single instance).  Runs under the start-up lock, so no
 * other instance starts or creates one meanwhile.  0, or -1 with MSG.
 */
static int map_cluster_area(instance *in, char *msg, size_t msgsz)
{
    int fd = -1, others = 0;
    if (in->cluster) {
        if (cluster_client_init(in->dir.path, in->cfg.instance_number, &in->members) < 0) {
            snprintf(msg, msgsz, "cannot read or create %s/cluster.key", in->dir.path);
            return -1;
        }
        for (int i = 1; i <= CLUSTER_MAX_INSTANCES; i++)
            others += i != in->cfg.instance_number && membership_alive(&in->members, i);
    }
    if (others) fd = cluster_client_get_area(msg, msgsz);
    else fd = cluster_create(&in->cfg, in->cluster ? CLUSTER_MAX_INSTANCES : 1);
    if (fd < 0) {
        if (!others) snprintf(msg, msgsz, "cannot create the cluster area: %s", strerror(errno));
        return -1;
    }
    if (!cluster_map(fd)) {
        snprintf(msg, msgsz, "the cluster area of the running instances is not this version's");
        return -1;
    }
    return 0;
}

/* The instance's row in the membership table: from now on the others see it. */
static void join_cluster(instance *in)
{
    cluster_member m = {.pmon_pid = getpid(), .startup_time = the_sga->startup_time,
                        .listener_port = in->cfg.listener_port};
    snprintf(m.instance_name, sizeof m.instance_name, "%s", in->cfg.instance_name);
    snprintf(m.host, sizeof m.host, "%s", the_sga->host);
    snprintf(m.listener_address, sizeof m.listener_address, "%s", in->cfg.listener_address);
    cluster_member_join(the_cluster, in->cfg.instance_number, &m);
}

/* Everything before the processes start; 0, or -1 with MSG (and the alert log written). */
static int prepare(instance *in, char *msg, size_t msgsz)
{
    if (membership_begin(&in->members, in->dir.path, in->cfg.instance_number, in->cluster, msg,
                         msgsz) < 0)
        return -1;
    if (!sga_create(&in->cfg)) {
        snprintf(msg, msgsz, "cannot create the SGA");
        return -1;
    }
    the_sga->pmon_pid = getpid();
    snprintf(the_sga->trace_dir, sizeof the_sga->trace_dir, "%s/trace", in->dir.path);
    if (map_cluster_area(in, msg, msgsz) < 0) return -1;
    if (load_database_identity(in) < 0) {
        snprintf(msg, msgsz, "cannot read the database %s", in->dir.db);
        return -1;
    }
    in->listen_fd = listener_open(&in->cfg, msg, msgsz);
    if (in->listen_fd < 0) return -1;
    if (in->cluster && (in->ic_fd = ic_listen(in->dir.path, in->cfg.instance_number)) < 0) {
        snprintf(msg, msgsz, "cannot listen on the interconnect: %s", strerror(errno));
        return -1;
    }
    return 0;
}

static int start_processes(instance *in)
{
    define_backgrounds(in);
    background_register(&in->bg[BG_PMON], getpid());
    if (socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, in->channel) < 0 ||
        setup_signals(in) < 0 || start_background(in, BG_LREG) < 0 ||
        start_background(in, BG_SMON) < 0 || start_background(in, BG_CKPT) < 0 ||
        (in->cluster && start_background(in, BG_LMON) < 0))
        return -1;
    return 0;
}

static void log_start(const instance *in)
{
    char lmon[64] = "";
    if (in->cluster)
        snprintf(lmon, sizeof lmon, "\nLMON started with pid=%d, OS id=%d", in->bg[BG_LMON].pid,
                 (int)in->bg[BG_LMON].spid);
    alert_log("Starting Warden instance %s (OS id: %d)\n"
              "PMON started with pid=%d, OS id=%d\n"
              "LREG started with pid=%d, OS id=%d\n"
              "SMON started with pid=%d, OS id=%d\n"
              "CKPT started with pid=%d, OS id=%d%s\n"
              "Listening on %s:%d, service %s",
              in->cfg.instance_name, (int)getpid(), in->bg[BG_PMON].pid, (int)in->bg[BG_PMON].spid,
              in->bg[BG_LREG].pid, (int)in->bg[BG_LREG].spid, in->bg[BG_SMON].pid,
              (int)in->bg[BG_SMON].spid, in->bg[BG_CKPT].pid, (int)in->bg[BG_CKPT].spid, lmon,
              in->cfg.listener_address, in->cfg.listener_port, in->cfg.service_names);
    if (in->cluster)
        alert_log("Cluster instance %d of %s joined (incarnation %llu)", in->cfg.instance_number,
                  in->dir.path, (unsigned long long)cluster_incarnation(the_cluster));
}

int instance_run(const char *path, int port, int inst)
{
    static instance in;
    memset(&in, 0, sizeof in);
    in.ic_fd = -1;
    load_libraries(); /* before any use of SQLite */
    datadir_paths(&in.dir, path);
    if (!datadir_exists(&in.dir) && datadir_create(&in.dir, port) < 0) return 1;
    char msg[512] = "";
    config_defaults(&in.cfg);
    if (config_load(&in.cfg, in.dir.conf, msg, sizeof msg) < 0) {
        fprintf(stderr, "wardend: %s\n", msg);
        return 1;
    }
    if (inst) set_cluster_instance(&in, inst, port);
    else if (port > 0) in.cfg.listener_port = port;
    if (take_pid_lock(&in) < 0) return 1;
    spares_init(&in.spares, in.cfg.prespawn_servers);
    if (alert_open(in.dir.path, in.cfg.instance_name) < 0) {
        fprintf(stderr, "wardend: cannot write the alert log under %s/trace\n", path);
        return 1;
    }
    if (prepare(&in, msg, sizeof msg) < 0) {
        fprintf(stderr, "wardend: %s\n", msg);
        alert_log("Instance start-up failed: %s", msg);
        return 1;
    }
    /* A member from before its listener accepts its first connection: whoever connects
     * finds it in GV$ (requests to LMON wait in the interconnect's backlog meanwhile). */
    join_cluster(&in);
    if (start_processes(&in) < 0) {
        fprintf(stderr, "wardend: cannot start: %s\n", strerror(errno));
        return 1;
    }
    proctitle_set("wdn_pmon_%s", in.cfg.instance_name);
    membership_started(&in.members);
    log_start(&in);
    printf("wardend: instance %s started (pmon pid %d), listening on %s:%d, service %s\n",
           in.cfg.instance_name, (int)getpid(), in.cfg.listener_address, in.cfg.listener_port,
           in.cfg.service_names);
    fflush(stdout);
    return supervise(&in);
}
