/*
 * membership.h - which instances of a data directory are running, as told
 * by locks the kernel keeps for them.
 *
 * DATADIR/cluster.members has one byte per instance number.  A running
 * instance holds an open-file-description lock (F_OFD_SETLK) on its byte:
 * PMON takes it at start-up and every process it forks inherits the open
 * file, so the kernel drops the lock only when the last process of the
 * instance has exited.  A free byte therefore means that nothing of that
 * instance is left to write anything: exactly when the survivors may
 * release what it held (instance recovery).  Testing a byte (F_OFD_GETLK)
 * takes nothing, so a survivor's look never gets in the way of a start.
 *
 * Byte 0 says how the database is open: a single instance holds it
 * exclusively, the instances of a cluster share it, so the two never mix.
 *
 * Start-ups are serialized by a flock on DATADIR/cluster.lock, held from
 * before an instance looks at the others until it can be joined itself.
 */
#ifndef WARDEN_MEMBERSHIP_H
#define WARDEN_MEMBERSHIP_H

#include <stddef.h>

typedef struct membership {
    int members_fd; /* cluster.members, holding our locks */
    int startup_fd; /* cluster.lock while starting up, else -1 */
    int inst;
} membership;

/*
 * Instance INST starts on DATADIR (CLUSTER: one of a cluster): wait for other
 * start-ups to finish, then take the locks that make it a member.  0, or -1
 * with a message in MSG (already running, or the database is open the other
 * way).
 */
int membership_begin(membership *m, const char *datadir, int inst, int cluster, char *msg,
                     size_t msgsz);
/* The start-up is over (the instance can be joined): let the next one begin. */
void membership_started(membership *m);
/* Is instance INST running (some process of it alive)? */
int membership_alive(const membership *m, int inst);

#endif
