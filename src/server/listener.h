/*
 * listener.h - the listener process (wdn_lreg_<I>): accepts TCP connections
 * on listener_address:listener_port and hands each socket to PMON, which
 * starts its dedicated server.
 */
#ifndef WARDEN_LISTENER_H
#define WARDEN_LISTENER_H

#include "../common/config.h"

/* Bind and listen (in PMON, before forking, so start-up fails loudly). fd or -1. */
int listener_open(const warden_config *cfg, char *msg, int msgsz);
/* The listener's main loop; never returns. */
void listener_run(int listen_fd, int channel, const warden_config *cfg, int sid);

#endif
