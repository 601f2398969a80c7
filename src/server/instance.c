/*
 * instance.c - PMON: start-up, the supervision loop, shutdown.
 */
#include "instance.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
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

#include "../common/alert.h"
#include "../sga/sga.h"
#include "datadir.h"
#include "fdpass.h"
#include "listener.h"
#include "proctitle.h"
#include "session.h"

typedef struct instance {
    datadir dir;
    warden_config cfg;
    int listen_fd;
    int channel[2]; /* [0] PMON's end, [1] the listener's */
    pid_t listener_pid;
    int sigfd;
    int stopping;
    pid_t *servers; /* dedicated servers alive, by OS pid */
    int nservers, capservers;
} instance;

static void server_add(instance *in, pid_t pid)
{
    if (in->nservers == in->capservers) {
        in->capservers = in->capservers ? in->capservers * 2 : 64;
        in->servers = realloc(in->servers, sizeof *in->servers * (size_t)in->capservers);
        if (!in->servers) abort();
    }
    in->servers[in->nservers++] = pid;
}

static int server_remove(instance *in, pid_t pid)
{
    for (int i = 0; i < in->nservers; i++)
        if (in->servers[i] == pid) {
            in->servers[i] = in->servers[--in->nservers];
            return 1;
        }
    return 0;
}

static int take_pid_lock(instance *in)
{
    int fd = open(in->dir.pidfile, O_RDWR | O_CREAT | O_CLOEXEC, 0640);
    if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB) < 0) {
        fprintf(stderr, "wardend: instance in %s is already running\n", in->dir.path);
        if (fd >= 0) close(fd);
        return -1;
    }
    char pid[32];
    int n = snprintf(pid, sizeof pid, "%d\n", (int)getpid());
    if (ftruncate(fd, 0) < 0 || write(fd, pid, (size_t)n) != n) return -1;
    return fd; /* kept open: the lock lives as long as PMON */
}

/* Child processes start with default signal handling and nothing blocked. */
static void child_reset_signals(void)
{
    /* If PMON dies, the instance dies with it (no orphaned servers). */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != the_sga->pmon_pid) _exit(1);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    signal(SIGPIPE, SIG_IGN);
    signal(SIGTERM, SIG_DFL);
    signal(SIGINT, SIG_IGN);
}

static int start_listener(instance *in)
{
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        child_reset_signals();
        close(in->channel[0]);
        close(in->sigfd);
        listener_run(in->listen_fd, in->channel[1], &in->cfg);
    }
    in->listener_pid = pid;
    return 0;
}

static void start_dedicated_server(instance *in, int client_fd)
{
    pid_t pid = fork();
    if (pid == 0) {
        child_reset_signals();
        close(in->listen_fd);
        close(in->channel[0]);
        close(in->channel[1]);
        close(in->sigfd);
        dedicated_serve(client_fd, &in->cfg, in->dir.db);
        exit(0); /* not _exit: LeakSanitizer checks the server in sanitizer builds */
    }
    if (pid < 0) alert_log("PMON: cannot start a dedicated server: %s", strerror(errno));
    else server_add(in, pid);
    close(client_fd);
}

/* Reap every child that ended and clean up after it. */
static void reap_children(instance *in)
{
    int status;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
        if (pid == in->listener_pid) {
            in->listener_pid = 0;
            if (!in->stopping) {
                alert_log("PMON: listener process (ospid: %d) died; restarting it", (int)pid);
                start_listener(in);
            }
            continue;
        }
        if (!server_remove(in, pid)) continue;
        int freed = sga_sessions_release_pid(the_sga, pid);
        if (WIFSIGNALED(status) && !in->stopping)
            alert_log("PMON: dedicated server (ospid: %d) died with signal %d; "
                      "cleaned up %d session(s)",
                      (int)pid, WTERMSIG(status), freed);
    }
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
    if (in->listener_pid) kill(in->listener_pid, SIGKILL);
    for (int i = 0; i < in->nservers; i++) kill(in->servers[i], SIGTERM);
    for (int waited = 0; waited < 500; waited++) { /* at most 5 s */
        reap_children(in);
        if (in->nservers <= 0 && !in->listener_pid) break;
        usleep(10000);
    }
    checkpoint(in);
    alert_log("Instance shutdown complete (OS id: %d)", (int)getpid());
}

static int supervise(instance *in)
{
    struct pollfd pfd[2] = {{.fd = in->sigfd, .events = POLLIN},
                            {.fd = in->channel[0], .events = POLLIN}};
    for (;;) {
        if (poll(pfd, 2, -1) < 0) {
            if (errno == EINTR) continue;
            return 1;
        }
        if (pfd[0].revents) {
            struct signalfd_siginfo si;
            while (read(in->sigfd, &si, sizeof si) == sizeof si) {
                if (si.ssi_signo == SIGCHLD) {
                    reap_children(in);
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

int instance_run(const char *path, int port)
{
    static instance in;
    memset(&in, 0, sizeof in);
    datadir_paths(&in.dir, path);
    if (!datadir_exists(&in.dir) && datadir_create(&in.dir, port) < 0) return 1;
    char msg[512] = "";
    config_defaults(&in.cfg);
    if (config_load(&in.cfg, in.dir.conf, msg, sizeof msg) < 0) {
        fprintf(stderr, "wardend: %s\n", msg);
        return 1;
    }
    if (port > 0) in.cfg.listener_port = port;
    if (take_pid_lock(&in) < 0) return 1;
    if (alert_open(in.dir.path, in.cfg.instance_name) < 0) {
        fprintf(stderr, "wardend: cannot write the alert log under %s/trace\n", path);
        return 1;
    }
    if (!sga_create(&in.cfg)) {
        fprintf(stderr, "wardend: cannot create the SGA\n");
        return 1;
    }
    the_sga->pmon_pid = getpid();
    in.listen_fd = listener_open(&in.cfg, msg, sizeof msg);
    if (in.listen_fd < 0) {
        fprintf(stderr, "wardend: %s\n", msg);
        alert_log("Instance start-up failed: %s", msg);
        return 1;
    }
    if (socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, in.channel) < 0 ||
        setup_signals(&in) < 0 || start_listener(&in) < 0) {
        fprintf(stderr, "wardend: cannot start: %s\n", strerror(errno));
        return 1;
    }
    proctitle_set("wdn_pmon_%s", in.cfg.instance_name);
    alert_log("Starting Warden instance %s (OS id: %d)\n"
              "Listening on %s:%d, service %s",
              in.cfg.instance_name, (int)getpid(), in.cfg.listener_address,
              in.cfg.listener_port, in.cfg.service_names);
    printf("wardend: instance %s started (pmon pid %d), listening on %s:%d, service %s\n",
           in.cfg.instance_name, (int)getpid(), in.cfg.listener_address, in.cfg.listener_port,
           in.cfg.service_names);
    fflush(stdout);
    return supervise(&in);
}
