/*
 * fdpass.c - SCM_RIGHTS descriptor passing: one message carries one
 * descriptor and one int (the tag).
 */
#include "fdpass.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int fdpass_send(int channel, int fd)
{
    return fdpass_send_tagged(channel, fd, 0);
}

int fdpass_recv(int channel)
{
    int tag;
    return fdpass_recv_tagged(channel, &tag);
}

int fdpass_send_tagged(int channel, int fd, int tag)
{
    struct iovec iov = {.iov_base = &tag, .iov_len = sizeof tag};
    union {
        struct cmsghdr h;
        char space[CMSG_SPACE(sizeof(int))];
    } ctl;
    memset(&ctl, 0, sizeof ctl);
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.space,
                         .msg_controllen = sizeof ctl.space};
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &fd, sizeof fd);
    ssize_t n;
    do n = sendmsg(channel, &msg, MSG_NOSIGNAL);
    while (n < 0 && errno == EINTR);
    return n == (ssize_t)sizeof tag ? 0 : -1;
}

int fdpass_recv_tagged(int channel, int *tag)
{
    struct iovec iov = {.iov_base = tag, .iov_len = sizeof *tag};
    union {
        struct cmsghdr h;
        char space[CMSG_SPACE(sizeof(int))];
    } ctl;
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.space,
                         .msg_controllen = sizeof ctl.space};
    ssize_t n;
    do n = recvmsg(channel, &msg, MSG_CMSG_CLOEXEC);
    while (n < 0 && errno == EINTR);
    struct cmsghdr *c = n > 0 ? CMSG_FIRSTHDR(&msg) : NULL;
    if (!c || c->cmsg_type != SCM_RIGHTS || c->cmsg_len != CMSG_LEN(sizeof(int))) return -1;
    int fd;
    memcpy(&fd, CMSG_DATA(c), sizeof fd);
    if (n == (ssize_t)sizeof *tag) return fd;
    close(fd); /* a short message */
    return -1;
}
