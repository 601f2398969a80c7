/*
 * membership.c - membership locks of the instances of a data directory.
 */
#include "membership.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>


#define STARTUP_WAIT_MS 60000 /* the longest a start-up waits for the one before it */

/* Lock (TYPE F_RDLCK / F_WRLCK) or test byte N of FD: F_OFD_SETLK or F_OFD_GETLK. */
static int byte_lock(int fd, int cmd, short type, int n, struct flock *out)
{
    struct flock fl = {.l_type = type, .l_whence = SEEK_SET, .l_start = n, .l_len = 1};
    int rc = fcntl(fd, cmd, &fl);
    if (out) *out = fl;
    return rc;
}

int membership_begin(membership *m, const char *datadir, int inst, int cluster, char *msg,
                     size_t msgsz)
{
    char path[4200];
    m->inst = inst;
    m->members_fd = m->startup_fd = -1;
    snprintf(path, sizeof path, "%s/cluster.lock", datadir);
    m->startup_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    int locked = -1;
    for (int tries = 0; m->startup_fd >= 0 && locked < 0 && tries < STARTUP_WAIT_MS / 10; tries++)
        if ((locked = flock(m->startup_fd, LOCK_EX | LOCK_NB)) < 0) usleep(10000);
    if (locked < 0) {
        snprintf(msg, msgsz, "cannot lock %s (another instance is still starting?): %s", path,
                 strerror(errno));
        return -1;
    }
    snprintf(path, sizeof path, "%s/cluster.members", datadir);
    /* Not close-on-exec either way: every process of the instance holds it by inheritance. */
    m->members_fd = open(path, O_RDWR | O_CREAT, 0600);
    if (m->members_fd < 0) {
        snprintf(msg, msgsz, "cannot open %s: %s", path, strerror(errno));
        return -1;
    }
    if (byte_lock(m->members_fd, F_OFD_SETLK, cluster ? F_RDLCK : F_WRLCK, 0, NULL) < 0) {
        snprintf(msg, msgsz, cluster ? "the database in %s is open by a single instance"
                                     : "the database in %s is open by a cluster",
                 datadir);
        return -1;
    }
    if (byte_lock(m->members_fd, F_OFD_SETLK, F_WRLCK, inst, NULL) < 0) {
        snprintf(msg, msgsz, "instance %d in %s is already running", inst, datadir);
        return -1;
    }
    return 0;
}

void membership_started(membership *m)
{
    if (m->startup_fd < 0) return;
    close(m->startup_fd); /* releases the flock */
    m->startup_fd = -1;
}

int membership_alive(const membership *m, int inst)
{
    if (inst == m->inst) return 1;
    struct flock fl;
    if (byte_lock(m->members_fd, F_OFD_GETLK, F_WRLCK, inst, &fl) < 0) return 1; /* say alive */
    return fl.l_type != F_UNLCK;
}
