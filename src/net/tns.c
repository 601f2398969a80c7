/*
 * tns.c - TNS packet framing, the CONNECT/ACCEPT/REFUSE exchange, markers.
 *
 * Reading keeps a receive buffer so that several packets arriving in one TCP
 * segment (or one packet split over many) are handled alike.  Writing splits
 * a TTC payload into DATA packets of at most the negotiated SDU.
 */
#include "tns.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

static uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8), p[1] = (uint8_t)v; }
static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24), p[1] = (uint8_t)(v >> 16), p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

void net_conn_init(net_conn *c, int fd)
{
    memset(c, 0, sizeof *c);
    c->fd = fd;
    c->sdu = TNS_DEFAULT_SDU;
    buf_init(&c->out);
}

void net_conn_free(net_conn *c)
{
    free(c->rbuf);
    c->rbuf = NULL;
    buf_free(&c->out);
}

/* ---- deadline ---- */

static int64_t monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void net_set_deadline(net_conn *c, int ms) { c->deadline_ms = ms > 0 ? monotonic_ms() + ms : 0; }

int net_deadline_passed(const net_conn *c)
{
    return c->deadline_ms && monotonic_ms() >= c->deadline_ms;
}

/* Shorten *TIMEOUT_MS (< 0: none) to what is left before C's deadline. 0, or NET_ERR_TIMEOUT. */
static int within_deadline(const net_conn *c, int *timeout_ms)
{
    if (!c->deadline_ms) return 0;
    int64_t left = c->deadline_ms - monotonic_ms();
    if (left <= 0) return NET_ERR_TIMEOUT;
    if (*timeout_ms < 0 || *timeout_ms > left) *timeout_ms = (int)left;
    return 0;
}

int net_peer_address(int fd, char *out, size_t outsz)
{
    struct sockaddr_in a; /* the listener binds an IPv4 address */
    socklen_t len = sizeof a;
    char host[INET_ADDRSTRLEN];
    if (getpeername(fd, (struct sockaddr *)&a, &len) == 0 && a.sin_family == AF_INET &&
        inet_ntop(AF_INET, &a.sin_addr, host, sizeof host)) {
        snprintf(out, outsz, "%s:%d", host, ntohs(a.sin_port));
        return ntohs(a.sin_port);
    }
    snprintf(out, outsz, "unknown address");
    return -1;
}

/* ---- reading ---- */

/* Drop the packet returned last and compact the buffer. */
static void consume_current(net_conn *c)
{
    if (!c->have_cur) return;
    c->rpos += c->cur.total;
    c->have_cur = 0;
    if (c->rpos == c->rlen) {
        c->rpos = c->rlen = 0;
    } else if (c->rpos > c->rcap / 2) {
        memmove(c->rbuf, c->rbuf + c->rpos, c->rlen - c->rpos);
        c->rlen -= c->rpos;
        c->rpos = 0;
    }
}

/* Length of the packet at the buffer's read position, 0 if its header is incomplete. */
static uint32_t buffered_packet_length(const net_conn *c)
{
    size_t avail = c->rlen - c->rpos;
    if (avail < 8) return 0;
    const uint8_t *h = c->rbuf + c->rpos;
    return c->large_lengths ? get32(h) : get16(h);
}

static int buffered_packet_complete(const net_conn *c)
{
    uint32_t len = buffered_packet_length(c);
    return len >= 8 && c->rlen - c->rpos >= len;
}

static int woken(const net_conn *c) { return c->wakeable && c->wakeup && *c->wakeup; }

/* Read what the socket holds without waiting: 1 if something came, 0 if nothing, or NET_ERR_*. */
static int fill_ready(net_conn *c)
{
    ssize_t n = recv(c->fd, c->rbuf + c->rlen, c->rcap - c->rlen, MSG_DONTWAIT);
    if (n > 0) {
        c->rlen += (size_t)n;
        c->bytes_in += (uint64_t)n;
        return 1;
    }
    if (n == 0) return NET_ERR_EOF;
    return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? 0 : NET_ERR_IO;
}

static int fill(net_conn *c, int timeout_ms)
{
    if (within_deadline(c, &timeout_ms) < 0) return NET_ERR_TIMEOUT;
    if (c->rcap - c->rlen < 4096) {
        size_t cap = c->rcap ? c->rcap * 2 : 16384;
        c->rbuf = xrealloc(c->rbuf, cap);
        c->rcap = cap;
    }
    /*
     * A session's idle wait: a call that has already arrived is read at once
     * (the caller looks for requests before running it); only when there is
     * none does ppoll wait, the one place a request's signal is let in.
     */
    if (timeout_ms < 0 && c->wakeable && c->wakeup && !woken(c)) {
        int r = fill_ready(c);
        if (r != 0) return r > 0 ? 0 : r;
    }
    if (timeout_ms >= 0 || woken(c) || (c->wakeable && c->wakeup)) { /* a signal can end it */
        struct pollfd pfd = {.fd = c->fd, .events = POLLIN};
        struct timespec ts = {timeout_ms / 1000, (timeout_ms % 1000) * 1000000L};
        int r;
        for (;;) {
            if (woken(c)) return NET_ERR_WAKEUP;
            r = ppoll(&pfd, 1, timeout_ms >= 0 ? &ts : NULL, c->wakeable ? c->wait_mask : NULL);
            if (r >= 0 || errno != EINTR) break;
        }
        if (r == 0) return NET_ERR_TIMEOUT;
        if (r < 0) return NET_ERR_IO;
    }
    ssize_t n;
    do n = read(c->fd, c->rbuf + c->rlen, c->rcap - c->rlen);
    while (n < 0 && errno == EINTR);
    if (n == 0) return NET_ERR_EOF;
    if (n < 0) return NET_ERR_IO;
    c->rlen += (size_t)n;
    c->bytes_in += (uint64_t)n;
    return 0;
}

int net_read_packet(net_conn *c, tns_packet *p, int timeout_ms)
{
    consume_current(c);
    while (!buffered_packet_complete(c)) {
        uint32_t len = buffered_packet_length(c);
        if (c->rlen - c->rpos >= 8 && (len < 8 || len > TNS_MAX_PACKET)) return NET_ERR_PROTOCOL;
        int r = fill(c, timeout_ms);
        if (r < 0) return r;
    }
    const uint8_t *h = c->rbuf + c->rpos;
    tns_packet pk = {.type = h[4], .flags = h[5], .total = buffered_packet_length(c)};
    size_t hdr = 8;
    if (pk.type == TNS_DATA) {
        if (pk.total < 10) return NET_ERR_PROTOCOL;
        pk.data_flags = get16(h + 8);
        hdr = 10;
    }
    pk.payload = h + hdr;
    pk.len = pk.total - hdr;
    c->cur = pk;
    c->have_cur = 1;
    *p = pk;
    return pk.type;
}

int net_wait_input(net_conn *c, int timeout_ms)
{
    size_t after = c->have_cur ? c->rpos + c->cur.total : c->rpos;
    if (c->rlen > after) return 1;
    struct pollfd pfd = {.fd = c->fd, .events = POLLIN};
    int r;
    do r = poll(&pfd, 1, timeout_ms);
    while (r < 0 && errno == EINTR);
    return r > 0;
}

int net_input_pending(net_conn *c) { return net_wait_input(c, 0); }

/* ---- writing ---- */

int net_write_all(int fd, const void *p, size_t n)
{
    const uint8_t *s = p;
    while (n) {
        ssize_t w = send(fd, s, n, MSG_NOSIGNAL); /* a vanished peer is an error, not SIGPIPE */
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return NET_ERR_IO;
        s += w;
        n -= (size_t)w;
    }
    return 0;
}

void tns_put_header(const net_conn *c, buf *b, uint32_t total, uint8_t type)
{
    uint8_t h[8] = {0};
    if (c->large_lengths) put32(h, total);
    else put16(h, (uint16_t)total);
    h[4] = type;
    buf_put(b, h, 8);
}

/* Send what the socket takes now of *N bytes at *P, advancing both: 0 when all went, 1 when
 * the socket is full, or NET_ERR_IO. */
static int send_ready(net_conn *c, const uint8_t **p, size_t *n)
{
    while (*n) {
        ssize_t w = send(c->fd, *p, *n, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (w > 0) {
            *p += w, *n -= (size_t)w;
            continue;
        }
        if (w < 0 && errno == EINTR) continue;
        return w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) ? 1 : NET_ERR_IO;
    }
    return 0;
}

/* Write N bytes to C's socket, waiting for room only until C's deadline (if it has one). */
static int conn_write(net_conn *c, const void *data, size_t n)
{
    c->bytes_out += n;
    if (!c->deadline_ms) return net_write_all(c->fd, data, n);
    const uint8_t *p = data;
    int r;
    while ((r = send_ready(c, &p, &n)) == 1) {
        int timeout_ms = -1;
        if (within_deadline(c, &timeout_ms) < 0) return NET_ERR_TIMEOUT;
        struct pollfd pfd = {.fd = c->fd, .events = POLLOUT};
        if (poll(&pfd, 1, timeout_ms) < 0 && errno != EINTR) return NET_ERR_IO;
    }
    return r;
}

/* Write a whole packet; when the socket is full, say so before blocking on it. */
static int send_packet(net_conn *c, const uint8_t *p, size_t n)
{
    if (!c->on_send_blocked || c->deadline_ms) return conn_write(c, p, n);
    c->bytes_out += n;
    int r = send_ready(c, &p, &n);
    if (r != 1) return r;
    c->on_send_blocked(c->send_arg, 1);
    int rc = net_write_all(c->fd, p, n); /* not interruptible, as in Oracle */
    c->on_send_blocked(c->send_arg, 0);
    return rc;
}

/*
 * All the DATA packets of a payload go out in one send: a reply of several
 * packets (a fetch of many rows) wakes its reader once, not once a packet.
 */
int net_send_data(net_conn *c, const uint8_t *payload, size_t len, uint16_t last_flags)
{
    size_t max = c->sdu - 10;
    buf pk;
    buf_init(&pk);
    buf_reserve(&pk, len + 10 * (len / max + 1));
    size_t off = 0;
    do {
        size_t n = len - off < max ? len - off : max;
        int last = off + n == len;
        tns_put_header(c, &pk, (uint32_t)(10 + n), TNS_DATA);
        uint8_t df[2];
        put16(df, last ? last_flags : 0);
        buf_put(&pk, df, 2);
        buf_put(&pk, payload + off, n);
        off += n;
    } while (off < len);
    int rc = send_packet(c, pk.data, pk.len);
    buf_free(&pk);
    return rc;
}

int net_send_marker(net_conn *c, uint8_t marker)
{
    buf b;
    buf_init(&b);
    tns_put_header(c, &b, 11, TNS_MARKER);
    uint8_t body[3] = {1, 0, marker};
    buf_put(&b, body, 3);
    int rc = conn_write(c, b.data, b.len);
    buf_free(&b);
    return rc;
}

int net_send_eof(net_conn *c)
{
    uint8_t empty = 0;
    return net_send_data(c, &empty, 0, TNS_DATA_EOF);
}

/* ---- connect phase ---- */

int tns_read_connect(net_conn *c, tns_connect_info *ci, int timeout_ms)
{
    memset(ci, 0, sizeof *ci);
    tns_packet p;
    int t = net_read_packet(c, &p, timeout_ms);
    if (t < 0) return t;
    if (t != TNS_CONNECT || p.total < 34) return NET_ERR_PROTOCOL;
    const uint8_t *h = p.payload - 8;
    ci->flags = h[5];
    ci->version = get16(h + 8);
    uint16_t cd_len = get16(h + 24), cd_off = get16(h + 26);
    ci->sdu = get16(h + 14);
    if (p.total >= 62) ci->sdu = get32(h + 58);
    if (cd_len == 0) return NET_ERR_PROTOCOL;
    if ((uint32_t)cd_off + cd_len <= p.total && p.total > 74) {
        ci->connect_data = xstrndup((const char *)h + cd_off, cd_len);
        return 0;
    }
    /* Long connect data follows in one DATA packet (16-bit framing still). */
    t = net_read_packet(c, &p, timeout_ms);
    if (t < 0) return t;
    if (t != TNS_DATA) return NET_ERR_PROTOCOL;
    ci->connect_data = xstrndup((const char *)p.payload, p.len);
    return 0;
}

int tns_send_accept(net_conn *c, uint32_t sdu)
{
    uint8_t a[41] = {0};
    put16(a, sizeof a);
    a[4] = TNS_ACCEPT;
    put16(a + 8, TNS_VERSION);
    put16(a + 10, 0x0001);
    put16(a + 12, (uint16_t)(sdu > 0xFFFF ? 0xFFFF : sdu));
    put16(a + 14, 0xFFFF);
    put16(a + 16, 1);
    put16(a + 20, sizeof a);
    a[22] = 0x04; /* NA disabled */
    a[23] = 0x08; /* no NA services */
    put32(a + 32, sdu);
    put32(a + 36, 2097152);
    int rc = conn_write(c, a, sizeof a);
    if (rc == 0) {
        c->large_lengths = 1;
        c->sdu = sdu;
    }
    return rc;
}

int tns_send_refuse(net_conn *c, int ora_err) { return tns_send_refuse_args(c, ora_err, NULL); }

int tns_send_refuse_args(net_conn *c, int ora_err, const char *args)
{
    char text[256], arg[80] = "";
    if (args) snprintf(arg, sizeof arg, "(ARGS='%s')", args);
    int n = snprintf(text, sizeof text,
                     "(DESCRIPTION=(TMP=)(VSNNUM=0)(ERR=%d)(ERROR_STACK=(ERROR=(CODE=%d)(EMFI=4)%s)))",
                     ora_err, ora_err, arg);
    buf b;
    buf_init(&b);
    tns_put_header(c, &b, (uint32_t)(12 + n), TNS_REFUSE);
    uint8_t body[4] = {1, 0, 0, 0};
    put16(body + 2, (uint16_t)n);
    buf_put(&b, body, 4);
    buf_put(&b, text, (size_t)n);
    int rc = conn_write(c, b.data, b.len);
    buf_free(&b);
    return rc;
}

int tns_send_redirect(net_conn *c, const char *address, const char *connect_data)
{
    /* The length in the REDIRECT, "ADDRESS NUL CONNECT-DATA" (header flag 0x02) in a DATA
     * packet after it: as a listener sends it, and as python-oracledb reads it (node-oracledb
     * takes either form). */
    size_t na = strlen(address), nc = strlen(connect_data), n = na + 1 + nc;
    if (n > 8000) return -1;
    buf b;
    buf_init(&b);
    tns_put_header(c, &b, 10, TNS_REDIRECT);
    b.data[5] = TNS_REDIRECT_CONNECT_DATA;
    uint8_t head[2];
    put16(head, (uint16_t)n);
    buf_put(&b, head, 2);
    tns_put_header(c, &b, (uint32_t)(10 + n), TNS_DATA);
    memset(head, 0, 2);
    buf_put(&b, head, 2); /* data flags */
    buf_put(&b, address, na + 1);
    buf_put(&b, connect_data, nc);
    int rc = conn_write(c, b.data, b.len);
    buf_free(&b);
    return rc;
}

int tns_send_connect(net_conn *c, const char *connect_data)
{
    return tns_send_connect_flags(c, connect_data, 0);
}

int tns_send_connect_flags(net_conn *c, const char *connect_data, uint8_t flags)
{
    size_t n = strlen(connect_data);
    int inline_data = n <= 230;
    uint8_t h[74] = {0};
    uint32_t total = (uint32_t)(sizeof h + (inline_data ? n : 0));
    put16(h, (uint16_t)total);
    h[4] = TNS_CONNECT;
    h[5] = flags;
    put16(h + 8, 319);
    put16(h + 10, 300);
    put16(h + 12, 0x0001);
    put16(h + 14, TNS_DEFAULT_SDU);
    put16(h + 16, 0xFFFF);
    put16(h + 18, 0x130E);
    put16(h + 22, 1);
    put16(h + 24, (uint16_t)n);
    put16(h + 26, sizeof h);
    h[32] = 0x08, h[33] = 0x08;
    put32(h + 58, TNS_DEFAULT_SDU);
    put32(h + 62, 2097152);
    buf b;
    buf_init(&b);
    buf_put(&b, h, sizeof h);
    if (inline_data) {
        buf_put(&b, connect_data, n);
    } else {
        uint8_t dh[10] = {0};
        put16(dh, (uint16_t)(10 + n));
        dh[4] = TNS_DATA;
        buf_put(&b, dh, sizeof dh);
        buf_put(&b, connect_data, n);
    }
    int rc = conn_write(c, b.data, b.len);
    buf_free(&b);
    return rc;
}

int tns_read_accept(net_conn *c, int timeout_ms)
{
    return tns_read_accept_args(c, timeout_ms, NULL, 0);
}

int tns_read_accept_args(net_conn *c, int timeout_ms, char *args, size_t argsz)
{
    tns_packet p;
    int t = net_read_packet(c, &p, timeout_ms);
    if (t < 0) return t;
    const uint8_t *h = p.payload - 8;
    if (t == TNS_REDIRECT) { /* u16 length, then the address (a NUL before new connect data) */
        size_t n = p.total >= 10 ? get16(h + 8) : 0;
        const uint8_t *data = h + 10;
        if (p.total <= 10) { /* the address comes in a DATA packet of its own */
            t = net_read_packet(c, &p, timeout_ms);
            if (t < 0) return t;
            if (t != TNS_DATA) return NET_ERR_PROTOCOL;
            data = p.payload;
            if (n > p.len) n = p.len;
        } else if (n > p.total - 10) {
            n = p.total - 10;
        }
        if (args && argsz) {
            size_t k = strnlen((const char *)data, n);
            if (k >= argsz) k = argsz - 1;
            memcpy(args, data, k);
            args[k] = 0;
        }
        return TNS_REDIRECTED;
    }
    if (t == TNS_REFUSE) {
        char text[512];
        size_t n = p.total > 12 ? p.total - 12 : 0;
        if (n >= sizeof text) n = sizeof text - 1;
        memcpy(text, h + 12, n);
        text[n] = 0;
        char err[16];
        if (args && tns_descriptor_value(text, "ARGS", args, argsz) == 0) {
            size_t n2 = strlen(args); /* strip the quotes */
            if (n2 >= 2 && args[0] == '\'' && args[n2 - 1] == '\'') {
                memmove(args, args + 1, n2 - 2);
                args[n2 - 2] = 0;
            }
        }
        if (tns_descriptor_value(text, "ERR", err, sizeof err) == 0 && atoi(err) > 0)
            return atoi(err);
        return 12564; /* TNS:connection refused */
    }
    if (t != TNS_ACCEPT || p.total < 41) return NET_ERR_PROTOCOL;
    uint16_t version = get16(h + 8);
    if (version < 315) return NET_ERR_PROTOCOL;
    uint32_t sdu = get32(h + 32);
    c->sdu = sdu >= 512 && sdu <= TNS_MAX_SDU ? sdu : TNS_DEFAULT_SDU;
    consume_current(c);
    c->large_lengths = 1;
    return 0;
}

int tns_descriptor_value(const char *desc, const char *key, char *out, size_t outsz)
{
    size_t klen = strlen(key);
    for (const char *p = desc; (p = strchr(p, '(')) != NULL; p++) {
        const char *k = p + 1;
        while (*k == ' ') k++;
        if (strncasecmp(k, key, klen) != 0) continue;
        const char *e = k + klen;
        while (*e == ' ') e++;
        if (*e != '=') continue;
        e++;
        while (*e == ' ') e++;
        size_t n = strcspn(e, ")");
        while (n && e[n - 1] == ' ') n--;
        if (n >= outsz) n = outsz - 1;
        memcpy(out, e, n);
        out[n] = 0;
        return 0;
    }
    return -1;
}
