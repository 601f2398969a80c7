/*
 * fdpass.h - handing an accepted client socket from the listener process to
 * PMON over a UNIX socket pair (SCM_RIGHTS).
 */
#ifndef WARDEN_FDPASS_H
#define WARDEN_FDPASS_H

int fdpass_send(int channel, int fd);
/* Returns the received descriptor, or -1 (channel closed or error). */
int fdpass_recv(int channel);

#endif
