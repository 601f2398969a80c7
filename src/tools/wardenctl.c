/*
 * wardenctl.c - control the instances of a data directory: start them in
 * the background, stop them, report their status, end a server process.
 *
 *   wardenctl [-D DATADIR] start [-p PORT] [--instances N | --instance N]
 *   wardenctl [-D DATADIR] stop [--instance N] [--immediate | --abort]
 *   wardenctl [-D DATADIR] status
 *   wardenctl [-D DATADIR] kill INSTANCE SPID [--force]
 *
 * DATADIR defaults to $WARDEN_DATA, then ./data.  `start` initialises a new
 * data directory in the foreground (so a generated password is shown once),
 * then runs wardend detached, with its output in DATADIR/trace/wardend.out,
 * and waits until the listener accepts connections.  Without --instances
 * it starts the single instance (WARDEN); --instances N starts a cluster of
 * N instances WARDEN1..N (ports PORT .. PORT + N - 1), --instance N one of
 * them.  `stop` and `status` cover every instance running in DATADIR.
 *
 * `kill` is the equivalent of Windows' orakill: it ends the session served
 * by OS process SPID of INSTANCE, refusing any process that is not a
 * dedicated server of that instance, and its background processes unless
 * --force is given (killing one ends the instance, as warned).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../common/alert.h"
#include "../common/config.h"
#include "../sga/cluster.h"

#define START_TIMEOUT_S 30
#define STOP_TIMEOUT_S 30

static char wardend_path[PATH_MAX];

/* wardend lives next to wardenctl. */
static void find_wardend(const char *argv0)
{
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n > 0) {
        self[n] = 0;
        char *slash = strrchr(self, '/');
        if (slash) {
            *slash = 0;
            snprintf(wardend_path, sizeof wardend_path, "%s/wardend", self);
            return;
        }
    }
    snprintf(wardend_path, sizeof wardend_path, "wardend");
    (void)argv0;
}

/* The pid file of instance INST (0: the single instance). */
static void pid_file(const char *dir, int inst, char *path, size_t n)
{
    if (inst) snprintf(path, n, "%s/wardend%d.pid", dir, inst);
    else snprintf(path, n, "%s/wardend.pid", dir);
}

/* PID of running instance INST (its pid file, "PID PORT", is locked while PMON lives), or
 * 0; its listener port in *PORT when not NULL. */
static pid_t running_pid_port(const char *dir, int inst, int *port)
{
    char path[PATH_MAX];
    pid_file(dir, inst, path, sizeof path);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    pid_t pid = 0;
    if (flock(fd, LOCK_SH | LOCK_NB) < 0 && errno == EWOULDBLOCK) {
        char b[32] = "";
        ssize_t n = read(fd, b, sizeof b - 1);
        int p = 0;
        if (n > 0 && sscanf(b, "%d %d", &pid, &p) >= 1 && port) *port = p;
    }
    close(fd);
    return pid;
}

static pid_t running_pid(const char *dir, int inst) { return running_pid_port(dir, inst, NULL); }

static int run_foreground(char *const argv[])
{
    pid_t pid = fork();
    if (pid == 0) {
        execv(argv[0], argv);
        perror(argv[0]);
        _exit(127);
    }
    int status;
    if (pid < 0 || waitpid(pid, &status, 0) < 0) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The name of instance INST (0: the single instance) of the data directory configured CFG. */
static void instance_name(const warden_config *cfg, int inst, char *name, size_t n)
{
    if (inst) snprintf(name, n, "%s%d", cfg->db_name, inst);
    else snprintf(name, n, "%s", cfg->instance_name);
}

static int load_config(const char *dir, warden_config *cfg)
{
    char conf[PATH_MAX], msg[256];
    config_defaults(cfg);
    snprintf(conf, sizeof conf, "%s/warden.conf", dir);
    if (config_load(cfg, conf, msg, sizeof msg) < 0) {
        fprintf(stderr, "wardenctl: %s\n", msg);
        return -1;
    }
    return 0;
}

/* Run wardend for instance INST detached and wait until it listens. */
static int start_instance(const char *dir, int inst, const char *port)
{
    pid_t pid = running_pid(dir, inst);
    if (pid) {
        printf("wardenctl: instance%s%.0d in %s is already running (pid %d)\n", inst ? " " : "",
               inst, dir, (int)pid);
        return 0;
    }
    char out[PATH_MAX], number[16];
    snprintf(out, sizeof out, "%s/trace", dir);
    mkdir(out, 0750);
    snprintf(out, sizeof out, "%s/trace/wardend.out", dir);
    snprintf(number, sizeof number, "%d", inst);
    pid_t child = fork();
    if (child == 0) {
        setsid();
        int fd = open(out, O_WRONLY | O_CREAT | O_APPEND, 0640);
        int nul = open("/dev/null", O_RDONLY);
        if (fd < 0 || nul < 0) _exit(1);
        dup2(nul, 0), dup2(fd, 1), dup2(fd, 2);
        char *argv[8] = {wardend_path, "-D", (char *)dir};
        int n = 3;
        if (port) argv[n++] = "-p", argv[n++] = (char *)port;
        if (inst) argv[n++] = "--instance", argv[n++] = number;
        execv(argv[0], argv);
        _exit(127);
    }
    for (int i = 0; i < START_TIMEOUT_S * 10; i++) {
        usleep(100000);
        int status;
        if (waitpid(child, &status, WNOHANG) == child) {
            fprintf(stderr, "wardenctl: wardend failed to start; see %s\n", out);
            return 1;
        }
        if (running_pid(dir, inst) == child) {
            /* The pid lock is taken before listening: wait for the start-up line. */
            FILE *f = fopen(out, "r");
            char line[512];
            int up = 0;
            while (f && fgets(line, sizeof line, f))
                if (strstr(line, "started (pmon pid") && atoi(strstr(line, "pid ") + 4) == child) {
                    fputs(line, stdout);
                    up = 1;
                }
            if (f) fclose(f);
            if (up) return 0;
        }
    }
    fprintf(stderr, "wardenctl: wardend did not start within %d s; see %s\n", START_TIMEOUT_S, out);
    return 1;
}

/* start: the single instance (FIRST 0), or cluster instances FIRST..LAST. */
static int cmd_start(const char *dir, const char *port, int first, int last)
{
    char db[PATH_MAX];
    snprintf(db, sizeof db, "%s/warden.db", dir);
    if (access(db, F_OK) != 0) {
        char *init[] = {wardend_path, "-D", (char *)dir, "--init", NULL, NULL, NULL};
        if (port) init[4] = "-p", init[5] = (char *)port;
        if (run_foreground(init) != 0) return 1;
    }
    for (int inst = first; inst <= last; inst++) {
        char shifted[16]; /* the cluster's instances listen on PORT, PORT + 1, ... */
        if (port) snprintf(shifted, sizeof shifted, "%d", atoi(port) + (inst ? inst - 1 : 0));
        if (start_instance(dir, inst, port ? shifted : NULL) != 0) return 1;
    }
    return 0;
}

static int stop_instance(const char *dir, int inst, pid_t pid, int sig)
{
    if (kill(pid, sig) < 0) {
        perror("wardenctl: kill");
        return 1;
    }
    for (int i = 0; i < STOP_TIMEOUT_S * 10; i++) {
        if (running_pid(dir, inst) != pid) return 0;
        usleep(100000);
    }
    fprintf(stderr, "wardenctl: instance (pid %d) did not stop within %d s\n", (int)pid,
            STOP_TIMEOUT_S);
    return 1;
}

/* stop: instance ONLY (-1: every instance running in DIR). */
static int cmd_stop(const char *dir, int only, int sig)
{
    warden_config cfg;
    if (load_config(dir, &cfg) < 0) return 1;
    int stopped = 0, rc = 0;
    for (int inst = CLUSTER_MAX_INSTANCES; inst >= 0; inst--) {
        pid_t pid = only < 0 || inst == only ? running_pid(dir, inst) : 0;
        if (!pid) continue;
        char name[40];
        instance_name(&cfg, inst, name, sizeof name);
        if (stop_instance(dir, inst, pid, sig) == 0) {
            printf("wardenctl: instance %s stopped\n", name);
            stopped++;
        } else {
            rc = 1;
        }
    }
    if (!stopped && !rc) printf("wardenctl: no instance running in %s\n", dir);
    return rc;
}

static int cmd_status(const char *dir)
{
    warden_config cfg;
    if (load_config(dir, &cfg) < 0) return 1;
    int running = 0;
    for (int inst = 0; inst <= CLUSTER_MAX_INSTANCES; inst++) {
        int port = 0;
        pid_t pid = running_pid_port(dir, inst, &port);
        if (!pid) continue;
        char name[40];
        instance_name(&cfg, inst, name, sizeof name);
        printf("wardenctl: instance %s running in %s (pmon pid %d, port %d)\n", name, dir,
               (int)pid, port);
        running++;
    }
    if (!running) {
        printf("wardenctl: no instance running in %s\n", dir);
        return 3;
    }
    return 0;
}

/* Parent pid and command line (argv joined by blanks) of process PID; 0 or -1. */
static int process_info(pid_t pid, pid_t *ppid, char *cmd, size_t n)
{
    char path[64], line[512];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    int ok = fgets(line, sizeof line, f) != NULL;
    fclose(f);
    char *p = ok ? strrchr(line, ')') : NULL;
    int parent = 0;
    if (!p || sscanf(p + 2, "%*c %d", &parent) != 1 || p[2] == 'Z') return -1;
    *ppid = parent;
    snprintf(path, sizeof path, "/proc/%d/cmdline", (int)pid);
    f = fopen(path, "r");
    if (!f) return -1;
    size_t len = fread(cmd, 1, n - 1, f);
    fclose(f);
    while (len && cmd[len - 1] == 0) len--; /* the title's padding */
    for (size_t i = 0; i < len; i++)
        if (!cmd[i]) cmd[i] = ' ';
    cmd[len] = 0;
    return 0;
}

static int wait_gone(pid_t pid, int tenths)
{
    for (int i = 0; i < tenths; i++) {
        pid_t ppid;
        char cmd[16];
        if (process_info(pid, &ppid, cmd, sizeof cmd) < 0) return 1;
        usleep(100000);
    }
    return 0;
}

/* The instance named NAME in DIR: 0 the single instance, n cluster instance n, -1 none. */
static int instance_named(const warden_config *cfg, const char *name)
{
    for (int inst = 0; inst <= CLUSTER_MAX_INSTANCES; inst++) {
        char each[40];
        instance_name(cfg, inst, each, sizeof each);
        if (!strcasecmp(name, each)) return inst;
    }
    return -1;
}

static int cmd_kill(const char *dir, const char *instance, const char *spid_text, int force)
{
    warden_config cfg;
    if (load_config(dir, &cfg) < 0) return 1;
    int inst = instance_named(&cfg, instance);
    if (inst < 0) {
        fprintf(stderr, "wardenctl: %s is not an instance of %s (that is %s, or %s1 ... %s%d)\n",
                instance, dir, cfg.instance_name, cfg.db_name, cfg.db_name, CLUSTER_MAX_INSTANCES);
        return 1;
    }
    if (inst) instance_name(&cfg, inst, cfg.instance_name, sizeof cfg.instance_name);
    pid_t pmon = running_pid(dir, inst);
    if (!pmon) {
        fprintf(stderr, "wardenctl: instance %s is not running\n", cfg.instance_name);
        return 1;
    }
    char *end;
    long spid = strtol(spid_text, &end, 10);
    pid_t ppid;
    char cmd[256], server[80], background[32];
    if (*end || spid <= 0 || process_info((pid_t)spid, &ppid, cmd, sizeof cmd) < 0) {
        fprintf(stderr, "wardenctl: no process %s\n", spid_text);
        return 1;
    }
    snprintf(server, sizeof server, "warden%s (", cfg.instance_name);
    snprintf(background, sizeof background, "_%s", cfg.instance_name);
    int is_pmon = spid == pmon;
    int is_child = ppid == pmon;
    int is_server = is_child && !strncmp(cmd, server, strlen(server));
    int is_background = is_pmon || (is_child && !strncmp(cmd, "wdn_", 4) &&
                                     strlen(cmd) > strlen(background) &&
                                     !strcmp(cmd + strlen(cmd) - strlen(background), background));
    alert_open(dir, cfg.instance_name);
    if (is_server) {
        kill((pid_t)spid, SIGTERM); /* the session ends cleanly: rollback, connection closed */
        if (!wait_gone((pid_t)spid, 30)) kill((pid_t)spid, SIGKILL);
        alert_log("wardenctl kill: session server (ospid: %ld) of instance %s ended", spid,
                  cfg.instance_name);
        printf("Kill of process %ld in instance %s successfully signalled.\n", spid,
               cfg.instance_name);
        return 0;
    }
    if (is_background) {
        int listener = !strncmp(cmd, "wdn_lreg_", 9); /* PMON restarts it */
        const char *effect = listener ? "PMON restarts it, refusing connections meanwhile"
                                      : "killing it terminates the instance";
        if (!force) {
            fprintf(stderr,
                    "wardenctl: process %ld (%s) is a background process of instance %s (%s). "
                    "Refused (use --force to do it anyway).\n",
                    spid, cmd, cfg.instance_name, effect);
            return 1;
        }
        fprintf(stderr, "wardenctl: warning: process %ld (%s) is a background process of "
                        "instance %s: %s.\n",
                spid, cmd, cfg.instance_name, effect);
        alert_log("wardenctl kill --force: background process %s (ospid: %ld) killed", cmd, spid);
        kill((pid_t)spid, SIGKILL);
        printf("Kill of process %ld in instance %s successfully signalled.\n", spid,
               cfg.instance_name);
        return 0;
    }
    fprintf(stderr, "wardenctl: process %ld (%s) is not a server process of instance %s. Refused.\n",
            spid, cmd, cfg.instance_name);
    return 1;
}

static void usage(void)
{
    fprintf(stderr, "usage: wardenctl [-D DATADIR] start [-p PORT] [--instances N | --instance N]\n"
                    "       wardenctl [-D DATADIR] stop [--instance N] [--immediate | --abort]\n"
                    "       wardenctl [-D DATADIR] status\n"
                    "       wardenctl [-D DATADIR] kill INSTANCE SPID [--force]\n");
}

int main(int argc, char **argv)
{
    find_wardend(argv[0]);
    const char *dir = getenv("WARDEN_DATA");
    if (!dir || !*dir) dir = "data";
    int i = 1;
    if (i + 1 < argc && !strcmp(argv[i], "-D")) dir = argv[i + 1], i += 2;
    if (i >= argc) {
        usage();
        return 2;
    }
    const char *cmd = argv[i++];
    if (!strcmp(cmd, "start")) {
        const char *port = NULL;
        int first = 0, last = 0;
        for (; i + 1 < argc; i += 2) {
            if (!strcmp(argv[i], "-p")) port = argv[i + 1];
            else if (!strcmp(argv[i], "--instances")) first = 1, last = atoi(argv[i + 1]);
            else if (!strcmp(argv[i], "--instance")) first = last = atoi(argv[i + 1]);
            else break;
        }
        if (i != argc || last < first || last > CLUSTER_MAX_INSTANCES || (first == 0 && last))
            return usage(), 2;
        return cmd_start(dir, port, first, last);
    }
    if (!strcmp(cmd, "stop")) {
        int sig = SIGTERM, only = -1;
        if (i + 1 < argc && !strcmp(argv[i], "--instance")) only = atoi(argv[i + 1]), i += 2;
        if (i < argc && !strcmp(argv[i], "--abort")) sig = SIGKILL, i++;
        else if (i < argc && !strcmp(argv[i], "--immediate")) i++;
        if (i != argc || only == 0 || only > CLUSTER_MAX_INSTANCES) return usage(), 2;
        return cmd_stop(dir, only, sig);
    }
    if (!strcmp(cmd, "status") && i == argc) return cmd_status(dir);
    if (!strcmp(cmd, "kill") && (argc - i == 2 || (argc - i == 3 && !strcmp(argv[i + 2], "--force"))))
        return cmd_kill(dir, argv[i], argv[i + 1], argc - i == 3);
    usage();
    return 2;
}
