/*
 * cluster_client.h - what a process of a cluster instance asks the other
 * instances: the cluster area (PMON joining) and GV$ rows (a session's
 * server, through vtab.h's remote function).
 *
 * An instance that is down, or found dead (its membership lock free), has
 * nothing to answer and is skipped; a running one that does not answer
 * within IC_TIMEOUT_MS fails the GV$ query with ORA-12850.
 */
#ifndef WARDEN_CLUSTER_CLIENT_H
#define WARDEN_CLUSTER_CLIENT_H

#include "membership.h"
#include "session_ending.h"

/* This process belongs to instance INST of DATADIR, a cluster member by M (kept, not
 * copied).  Loads the cluster key and lets GV$ views ask the other instances.  0 or -1. */
int cluster_client_init(const char *datadir, int inst, const membership *m);

/* PMON joining: the cluster area's descriptor from a running member, or -1 when none
 * answered (MSG says why). */
int cluster_client_get_area(char *msg, size_t msgsz);

/*
 * KILL SESSION / DISCONNECT SESSION / CANCEL SQL of a session of instance
 * INST: R goes to its LMON, which carries it out there and answers once
 * done (or R->wait_ms passed).  INTERRUPTED(ARG) is asked every few
 * milliseconds while waiting (our own client's break); *WAITED_MS gets the
 * owner's wait.  0, or the ORA error: 30 (instance not running), 12850 (it
 * did not answer), 1031 (the owner refused the requester), the interrupt's.
 */
int cluster_client_end(int inst, const end_request *r, int (*interrupted)(void *), void *arg,
                       double *waited_ms);

/* The cluster key loaded by cluster_client_init (LMON checks clients with it). */
const unsigned char *cluster_client_key(void);

#endif
