/*
 * interconnect.c - sockets, proofs of membership and frames between the
 * instances of a cluster.
 */
#include "interconnect.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#define NONCE_BYTES 16
#define MAC_BYTES 32

int64_t ic_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- the key ---- */

static int read_all(int fd, void *p, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, (char *)p + got, n - got);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return -1;
        got += (size_t)r;
    }
    return 0;
}

int ic_load_key(const char *datadir, unsigned char key[IC_KEY_BYTES])
{
    char path[4200];
    snprintf(path, sizeof path, "%s/cluster.key", datadir);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT) { /* the first cluster start makes it */
        unsigned char fresh[IC_KEY_BYTES];
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0) {
            int ok = RAND_bytes(fresh, sizeof fresh) == 1 &&
                     write(fd, fresh, sizeof fresh) == (ssize_t)sizeof fresh && fsync(fd) == 0;
            OPENSSL_cleanse(fresh, sizeof fresh);
            close(fd);
            if (!ok) {
                unlink(path);
                return -1;
            }
        }
        fd = open(path, O_RDONLY | O_CLOEXEC);
    }
    if (fd < 0) return -1;
    int rc = read_all(fd, key, IC_KEY_BYTES);
    close(fd);
    return rc;
}

/* ---- sockets ---- */

/* The abstract socket address of instance INST of DATADIR; its length, or 0. */
static socklen_t address_of(const char *datadir, int inst, struct sockaddr_un *a)
{
    struct stat st;
    if (stat(datadir, &st) < 0) return 0;
    memset(a, 0, sizeof *a);
    a->sun_family = AF_UNIX;
    int n = snprintf(a->sun_path + 1, sizeof a->sun_path - 1, "warden-%lx-%lx-%d",
                     (unsigned long)st.st_dev, (unsigned long)st.st_ino, inst);
    return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + (size_t)n);
}

int ic_listen(const char *datadir, int inst)
{
    struct sockaddr_un a;
    socklen_t len = address_of(datadir, inst, &a);
    if (!len) return -1;
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) return -1;
    if (bind(fd, (struct sockaddr *)&a, len) < 0 || listen(fd, 128) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* Wait until FD is ready for EVENTS or DEADLINE passes: 1 ready, 0 timed out, -1 error. */
static int wait_ready(int fd, short events, int64_t deadline_ms)
{
    for (;;) {
        int64_t left = deadline_ms - ic_now_ms();
        if (left <= 0) return 0;
        struct pollfd p = {.fd = fd, .events = events};
        int rc = poll(&p, 1, (int)left);
        if (rc < 0 && errno == EINTR) continue;
        if (rc < 0) return -1;
        if (rc > 0) return 1;
    }
}

/* Send (OUT) or receive N bytes at P, by DEADLINE.  0, or -1 (error, EOF, deadline). */
static int transfer(int fd, void *p, size_t n, int out, int64_t deadline_ms)
{
    size_t done = 0;
    while (done < n) {
        ssize_t k = out ? send(fd, (char *)p + done, n - done, MSG_NOSIGNAL | MSG_DONTWAIT)
                        : recv(fd, (char *)p + done, n - done, MSG_DONTWAIT);
        if (k > 0) {
            done += (size_t)k;
            continue;
        }
        if (k < 0 && errno == EINTR) continue;
        if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) &&
            wait_ready(fd, out ? POLLOUT : POLLIN, deadline_ms) == 1)
            continue;
        return -1;
    }
    return 0;
}

static int send_all(int fd, const void *p, size_t n, int64_t deadline_ms)
{
    return transfer(fd, (void *)p, n, 1, deadline_ms);
}

static int recv_all(int fd, void *p, size_t n, int64_t deadline_ms)
{
    return transfer(fd, p, n, 0, deadline_ms);
}

int ic_send(int fd, int type, const void *payload, size_t n, int64_t deadline_ms)
{
    if (n + 1 > IC_MAX_FRAME) return -1;
    unsigned char head[5];
    uint32_t len = (uint32_t)n + 1;
    for (int i = 0; i < 4; i++) head[i] = (unsigned char)(len >> (8 * i));
    head[4] = (unsigned char)type;
    if (send_all(fd, head, sizeof head, deadline_ms) < 0) return -1;
    return n ? send_all(fd, payload, n, deadline_ms) : 0;
}

int ic_recv(int fd, ic_frame *f, int64_t deadline_ms)
{
    unsigned char head[5];
    buf_reset(&f->payload);
    if (recv_all(fd, head, sizeof head, deadline_ms) < 0) return -1;
    uint32_t len = 0;
    for (int i = 0; i < 4; i++) len |= (uint32_t)head[i] << (8 * i);
    if (len < 1 || len > IC_MAX_FRAME) return -1;
    f->type = head[4];
    size_t n = len - 1;
    buf_reserve(&f->payload, n);
    if (n && recv_all(fd, f->payload.data, n, deadline_ms) < 0) return -1;
    f->payload.len = n;
    return 0;
}

void ic_frame_free(ic_frame *f) { buf_free(&f->payload); }

/* ---- proofs of membership ---- */

/* Is the peer of FD the same OS user as we are? */
static int same_user(int fd)
{
    struct ucred cred;
    socklen_t len = sizeof cred;
    return getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) == 0 && cred.uid == geteuid();
}

/* MAC = HMAC-SHA256(KEY, ROLE | CLIENT_NONCE | SERVER_NONCE). */
static void proof(const unsigned char *key, char role, const unsigned char *cn,
                  const unsigned char *sn, unsigned char mac[MAC_BYTES])
{
    unsigned char msg[1 + 2 * NONCE_BYTES];
    msg[0] = (unsigned char)role;
    memcpy(msg + 1, cn, NONCE_BYTES);
    memcpy(msg + 1 + NONCE_BYTES, sn, NONCE_BYTES);
    unsigned int len = MAC_BYTES;
    HMAC(EVP_sha256(), key, IC_KEY_BYTES, msg, sizeof msg, mac, &len);
}

/* Read one frame of TYPE with exactly N payload bytes into OUT.  0 or -1. */
static int expect(int fd, int type, void *out, size_t n, int64_t deadline_ms)
{
    ic_frame f = {0};
    buf_init(&f.payload);
    int ok = ic_recv(fd, &f, deadline_ms) == 0 && f.type == type && f.payload.len == n;
    if (ok) memcpy(out, f.payload.data, n);
    ic_frame_free(&f);
    return ok ? 0 : -1;
}

int ic_connect(const char *datadir, int inst, const unsigned char *key, int64_t deadline_ms)
{
    struct sockaddr_un a;
    socklen_t len = address_of(datadir, inst, &a);
    if (!len) return -1;
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) return -1;
    /* A Unix socket connects at once or not at all (a full backlog: EAGAIN, give up). */
    if (connect(fd, (struct sockaddr *)&a, len) < 0 || !same_user(fd)) goto fail;
    unsigned char cn[NONCE_BYTES], reply[NONCE_BYTES + MAC_BYTES], mac[MAC_BYTES];
    if (RAND_bytes(cn, sizeof cn) != 1 || ic_send(fd, IC_HELLO, cn, sizeof cn, deadline_ms) < 0 ||
        expect(fd, IC_CHALLENGE, reply, sizeof reply, deadline_ms) < 0)
        goto fail;
    proof(key, 'S', cn, reply, mac);
    if (CRYPTO_memcmp(mac, reply + NONCE_BYTES, MAC_BYTES) != 0) goto fail; /* not our cluster */
    proof(key, 'C', cn, reply, mac);
    if (ic_send(fd, IC_PROOF, mac, sizeof mac, deadline_ms) < 0) goto fail;
    return fd;
fail:
    close(fd);
    return -1;
}

int ic_accept_proof(int fd, const unsigned char *key, int64_t deadline_ms)
{
    unsigned char cn[NONCE_BYTES], challenge[NONCE_BYTES + MAC_BYTES], mac[MAC_BYTES],
        want[MAC_BYTES];
    if (!same_user(fd) || expect(fd, IC_HELLO, cn, sizeof cn, deadline_ms) < 0 ||
        RAND_bytes(challenge, NONCE_BYTES) != 1)
        return -1;
    proof(key, 'S', cn, challenge, challenge + NONCE_BYTES);
    if (ic_send(fd, IC_CHALLENGE, challenge, sizeof challenge, deadline_ms) < 0 ||
        expect(fd, IC_PROOF, mac, sizeof mac, deadline_ms) < 0)
        return -1;
    proof(key, 'C', cn, challenge, want);
    return CRYPTO_memcmp(mac, want, MAC_BYTES) == 0 ? 0 : -1;
}
