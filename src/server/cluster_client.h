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

/* This process belongs to instance INST of DATADIR, a cluster member by M (kept, not
 * copied).  Loads the cluster key and lets GV$ views ask the other instances.  0 or -1. */
int cluster_client_init(const char *datadir, int inst, const membership *m);

/* PMON joining: the cluster area's descriptor from a running member, or -1 when none
 * answered (MSG says why). */
int cluster_client_get_area(char *msg, size_t msgsz);

/* The cluster key loaded by cluster_client_init (LMON checks clients with it). */
const unsigned char *cluster_client_key(void);

#endif
