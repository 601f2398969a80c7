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

/* Run the instance in DATADIR (PORT > 0 overrides listener_port). Exit status. */
int instance_run(const char *datadir, int port);

#endif
