/*
 * listener.c - accept loop of the listener process.
 */
#include "listener.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "background.h"
#include "fdpass.h"
#include "proctitle.h"

int listener_open(const warden_config *cfg, char *msg, int msgsz)
{
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)cfg->listener_port)};
    if (inet_pton(AF_INET, cfg->listener_address, &a.sin_addr) != 1) {
        snprintf(msg, (size_t)msgsz, "listener_address %s is not an IPv4 address",
                 cfg->listener_address);
        return -1;
    }
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) < 0 || listen(fd, 512) < 0) {
        snprintf(msg, (size_t)msgsz, "cannot listen on %s:%d: %s", cfg->listener_address,
                 cfg->listener_port, strerror(errno));
        if (fd >= 0) close(fd);
        return -1;
    }
    return fd;
}

void listener_run(int listen_fd, int channel, const warden_config *cfg, int sid)
{
    proctitle_set("wdn_lreg_%s", cfg->instance_name);
    background_wait(sid, SGA_EV_RDBMS_IPC);
    for (;;) {
        int fd = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED || errno == EMFILE || errno == ENFILE) {
                if (errno == EMFILE || errno == ENFILE) usleep(10000);
                continue;
            }
            _exit(1);
        }
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        int rc = fdpass_send(channel, fd);
        close(fd);
        if (rc < 0) _exit(1); /* PMON is gone */
    }
}
