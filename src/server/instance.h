/*
 * instance.h - starting, supervising and stopping an instance.
 *
 * The process that runs wardend becomes PMON: it creates the SGA, starts
 * the listener, forks a dedicated server for every connection the listener
 * hands over, and, being the parent of them all, learns of every death at
 * once (SIGCHLD through a signalfd) and cleans up after it.
 */
#ifndef WARDEN_INSTANCE_H
#define WARDEN_INSTANCE_H

/*
 * Run the instance in DATADIR (PORT > 0 overrides listener_port).  INST 0:
 * a single instance; 1..CLUSTER_MAX_INSTANCES: instance INST of a cluster
 * over DATADIR, named db_name || INST, listening on listener_port + INST - 1
 * unless PORT says otherwise.  Exit status.
 */
int instance_run(const char *datadir, int port, int inst);

#endif
