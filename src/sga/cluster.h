/*
 * cluster.h - the cluster area: the shared memory of every instance that
 * serves one database, beside each instance's own SGA (sga.h).
 *
 * Instances of one data directory (a Warden cluster, all on this host) must
 * agree on what their sessions share: the lock manager (row, key and table
 * locks, waits, deadlocks, the SCN), the table state (rowid counters, DDL
 * generations), the commit log (the write turn, group commit), the sequence
 * cache, the grants version, and who the members are.  That lives here; the
 * process and session tables, the SQL area and the kill history stay in each
 * instance's SGA, as in Oracle RAC, and other instances reach them over the
 * interconnect (interconnect.h).  A single instance has a cluster area of
 * its own, so both run the same code.
 *
 * The area is an anonymous shared file (memfd): the first instance to start
 * creates it, the others get its descriptor from a running member over the
 * interconnect and map it.  It lives exactly as long as some process of some
 * instance maps it, so nothing is left behind and nothing stale is ever
 * found: everything in it is about running instances.
 *
 * The membership table is written under the area's latch; readers copy a
 * member under its seqlock.  Whether an instance is alive is not decided
 * here but by its membership lock in the data directory (membership.h); the
 * table says what a member is (name, listener, PMON) and what state the
 * survivors last agreed on.
 */
#ifndef WARDEN_CLUSTER_H
#define WARDEN_CLUSTER_H

#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "../common/config.h"
#include "latch.h"

#define CLUSTER_MAX_INSTANCES 8 /* instance numbers 1..8 */

enum cluster_member_state {
    CLUSTER_DOWN = 0,       /* never started, stopped, or recovered after its death */
    CLUSTER_UP = 1,         /* running (as far as the survivors know) */
    CLUSTER_RECOVERING = 2, /* dead; a survivor is releasing what it held */
};

typedef struct cluster_member {
    uint32_t seq;   /* seqlock */
    uint32_t state; /* enum cluster_member_state */
    pid_t pmon_pid;
    time_t startup_time;
    uint64_t incarnation; /* the cluster's incarnation when it joined */
    char instance_name[31];
    char host[65];
    char listener_address[64];
    int listener_port;
    uint32_t load; /* its dedicated servers (connections), stored atomically by its PMON */
    uint32_t died; /* it left by dying (claimed for recovery), not by a clean stop */
} cluster_member;

typedef struct cluster cluster;

/* The area this process maps (set by cluster_map). */
extern cluster *the_cluster;

/*
 * Create a new area for CFG with room for INSTANCES instances' transactions
 * and table locks (1 for a single instance).  Returns its descriptor (a
 * memfd, close-on-exec, inherited by fork), or -1 with errno.
 */
int cluster_create(const warden_config *cfg, int instances);
/*
 * Map the area open on FD and point the shared structures at it (the_locks,
 * the_table_state, the_commit_log, the_sequence_cache).  NULL when FD is not
 * a cluster area of this build.
 */
cluster *cluster_map(int fd);
/* The descriptor the area was mapped from (handed to joining instances). */
int cluster_fd(const cluster *c);

/* ---- membership ---- */

/* Instance INST (1..CLUSTER_MAX_INSTANCES) joins: its row is M with state UP; the cluster's
 * incarnation moves.  Returns the new incarnation. */
uint64_t cluster_member_join(cluster *c, int inst, const cluster_member *m);
/* INST's state becomes STATE (DOWN at a clean stop, RECOVERING while a survivor cleans up
 * after it); leaving moves the incarnation.  Returns the incarnation. */
uint64_t cluster_member_set_state(cluster *c, int inst, enum cluster_member_state state);
/* Move INST from FROM to TO only if it is in FROM: 1 when this caller moved it (the one
 * survivor that recovers a dead instance: UP to RECOVERING also marks it died), else 0. */
int cluster_member_claim(cluster *c, int inst, enum cluster_member_state from,
                         enum cluster_member_state to);
/* INST's PMON: it serves LOAD connections now (the listeners balance by it). */
void cluster_member_set_load(cluster *c, int inst, uint32_t load);
/* A consistent copy of INST's row. */
void cluster_member_read(const cluster *c, int inst, cluster_member *out);
uint64_t cluster_incarnation(const cluster *c);

/* ---- grants ---- */

/*
 * Grants changed (called after the change committed): every session of
 * every instance reads its user's grants again before its next statement,
 * so a system privilege granted or revoked directly counts at once.
 */
void cluster_grants_changed(cluster *c);
uint32_t cluster_grants_version(const cluster *c);

#endif
