/*
 * fdpass.h - handing a descriptor to another process over a UNIX socket
 * pair (SCM_RIGHTS): an accepted client socket from the listener to PMON and
 * from PMON to a spare server (with its process slot as the tag), the
 * cluster area from LMON to a starting instance.
 */
#ifndef WARDEN_FDPASS_H
#define WARDEN_FDPASS_H

int fdpass_send(int channel, int fd);
/* Returns the received descriptor, or -1 (channel closed or error). */
int fdpass_recv(int channel);
/* The same with an int beside the descriptor. */
int fdpass_send_tagged(int channel, int fd, int tag);
int fdpass_recv_tagged(int channel, int *tag);

#endif
