/*
 * ttc.c - TTC value writer and the packet-spanning reader.
 */
#include "ttc.h"

#include <string.h>

/* ---- writer ---- */

void ttc_put_u8(buf *b, uint8_t v) { buf_putc(b, v); }

void ttc_put_u16be(buf *b, uint16_t v)
{
    uint8_t x[2] = {(uint8_t)(v >> 8), (uint8_t)v};
    buf_put(b, x, 2);
}

void ttc_put_u16le(buf *b, uint16_t v)
{
    uint8_t x[2] = {(uint8_t)v, (uint8_t)(v >> 8)};
    buf_put(b, x, 2);
}

/* Magnitude bytes for a variable-length integer: 1, 2, 4 or 6 of them. */
static void put_var(buf *b, uint64_t v, uint8_t sign)
{
    if (v == 0) {
        buf_putc(b, 0);
        return;
    }
    int n = v <= 0xFF ? 1 : v <= 0xFFFF ? 2 : v <= 0xFFFFFFFFu ? 4 : 6;
    buf_putc(b, (uint8_t)(n | sign));
    for (int i = n - 1; i >= 0; i--) buf_putc(b, (uint8_t)(v >> (8 * i)));
}

void ttc_put_ub(buf *b, uint64_t v) { put_var(b, v, 0); }

void ttc_put_sb(buf *b, int64_t v)
{
    if (v >= 0) put_var(b, (uint64_t)v, 0);
    else put_var(b, (uint64_t)(-(v + 1)) + 1, 0x80);
}

void ttc_put_bytes(buf *b, const void *p, size_t n)
{
    if (n == 0) {
        buf_putc(b, 0);
        return;
    }
    if (n <= 252) {
        buf_putc(b, (uint8_t)n);
        buf_put(b, p, n);
        return;
    }
    buf_putc(b, 0xFE);
    const uint8_t *s = p;
    for (size_t off = 0; off < n; off += 32767) {
        size_t c = n - off < 32767 ? n - off : 32767;
        ttc_put_ub(b, c);
        buf_put(b, s + off, c);
    }
    ttc_put_ub(b, 0);
}

void ttc_put_str(buf *b, const char *s) { ttc_put_bytes(b, s, s ? strlen(s) : 0); }

void ttc_put_kv(buf *b, const char *key, const char *value, uint32_t flags)
{
    size_t kl = strlen(key), vl = value ? strlen(value) : 0;
    ttc_put_ub(b, kl);
    ttc_put_bytes(b, key, kl);
    ttc_put_ub(b, vl);
    if (vl) ttc_put_bytes(b, value, vl);
    ttc_put_ub(b, flags);
}

/* ---- reader ---- */

static void start_packet(ttc_reader *r, const tns_packet *p)
{
    r->p = p->payload;
    r->left = p->len;
    /* A peer that marks its requests' last packets is believed; for one that
     * does not, a packet shorter than the SDU ends the request. */
    if (p->data_flags & TNS_DATA_END_OF_CALL) r->conn->marks_requests = 1;
    r->at_last = r->conn->marks_requests ? (p->data_flags & TNS_DATA_END_OF_CALL) != 0
                                         : p->total < r->conn->sdu;
}

int ttc_begin(ttc_reader *r, net_conn *c, int bounded, int timeout_ms, int *marker)
{
    memset(r, 0, sizeof *r);
    r->conn = c;
    r->bounded = bounded;
    r->timeout_ms = timeout_ms;
    for (;;) {
        tns_packet p;
        c->wakeable = 1; /* waiting for a new message: a wake-up may end the wait */
        int t = net_read_packet(c, &p, timeout_ms);
        c->wakeable = 0;
        if (t < 0) return r->err = t;
        if (t == TNS_MARKER) {
            if (marker) *marker = p.len >= 3 ? p.payload[2] : TNS_MARKER_BREAK;
            return TNS_MARKER;
        }
        if (t != TNS_DATA) return r->err = NET_ERR_PROTOCOL;
        if (p.data_flags & TNS_DATA_EOF) return r->err = NET_ERR_EOF;
        if (p.len == 0) continue;
        start_packet(r, &p);
        return TNS_DATA;
    }
}

int ttc_failed(const ttc_reader *r) { return r->err != 0; }

void ttc_malformed(ttc_reader *r)
{
    if (!r->err) r->err = NET_ERR_MALFORMED;
}

int ttc_in_sync(const ttc_reader *r)
{
    return r->err == 0 || r->err == NET_ERR_MALFORMED || r->err == NET_ERR_OVERSIZE;
}

size_t ttc_left_in_packet(const ttc_reader *r) { return r->left; }

/* The request's next DATA packet; a failure to get one means the connection is lost. */
static int next_packet(ttc_reader *r)
{
    int timeout = r->timeout_ms >= 0 && r->timeout_ms < TTC_NEXT_PACKET_TIMEOUT_MS
                      ? r->timeout_ms
                      : TTC_NEXT_PACKET_TIMEOUT_MS;
    tns_packet p;
    int t = net_read_packet(r->conn, &p, timeout);
    if (t < 0) return r->err = t;
    if (t != TNS_DATA) return r->err = NET_ERR_PROTOCOL;
    if (p.data_flags & TNS_DATA_EOF) return r->err = NET_ERR_EOF;
    start_packet(r, &p);
    return 0;
}

/*
 * Has the request ended with the packet read last?  A marked one ends on its
 * marked packet; an unmarked one whose last packet was full ends there if no
 * more comes within WAIT_MS.
 */
static int request_ended(ttc_reader *r, int wait_ms)
{
    return r->at_last || (!r->conn->marks_requests && !net_wait_input(r->conn, wait_ms));
}

/* Make at least one byte available; fetch the next DATA packet if needed. */
static int ensure(ttc_reader *r)
{
    while (!r->err && r->left == 0) {
        if (r->bounded && request_ended(r, TTC_UNMARKED_MORE_WAIT_MS))
            ttc_malformed(r); /* the message runs past its request */
        else next_packet(r);
    }
    return r->err == 0;
}

int ttc_more(ttc_reader *r)
{
    if (r->err) return 0;
    if (r->left) return 1;
    if (r->bounded) return !request_ended(r, TTC_UNMARKED_END_WAIT_MS) && ensure(r);
    return net_input_pending(r->conn) && ensure(r);
}

int ttc_skip_request(ttc_reader *r)
{
    if (!r->bounded) return 0;
    r->left = 0;
    while (ttc_in_sync(r) && !request_ended(r, TTC_UNMARKED_END_WAIT_MS)) {
        next_packet(r); /* keeps a malformed/oversize mark, unless the connection fails */
        r->left = 0;
    }
    r->at_last = 1;
    return ttc_in_sync(r) ? 0 : -1;
}

uint8_t ttc_u8_next_packet(ttc_reader *r)
{
    if (!ensure(r)) return 0;
    r->left--;
    return *r->p++;
}

uint8_t ttc_peek_u8(ttc_reader *r) { return ensure(r) ? *r->p : 0; }

void ttc_raw(ttc_reader *r, void *out, size_t n)
{
    uint8_t *o = out;
    while (n) {
        if (!ensure(r)) {
            memset(o, 0, n);
            return;
        }
        size_t c = n < r->left ? n : r->left;
        memcpy(o, r->p, c);
        r->p += c, r->left -= c, o += c, n -= c;
    }
}

void ttc_skip(ttc_reader *r, size_t n)
{
    while (n && ensure(r)) {
        size_t c = n < r->left ? n : r->left;
        r->p += c, r->left -= c, n -= c;
    }
}

uint16_t ttc_u16be(ttc_reader *r)
{
    uint8_t x[2];
    ttc_raw(r, x, 2);
    return (uint16_t)(x[0] << 8 | x[1]);
}

uint16_t ttc_u16le(ttc_reader *r)
{
    uint8_t x[2];
    ttc_raw(r, x, 2);
    return (uint16_t)(x[1] << 8 | x[0]);
}

uint32_t ttc_u32be(ttc_reader *r)
{
    uint8_t x[4];
    ttc_raw(r, x, 4);
    return (uint32_t)x[0] << 24 | (uint32_t)x[1] << 16 | (uint32_t)x[2] << 8 | x[3];
}

static uint64_t read_var(ttc_reader *r, int *negative)
{
    uint8_t n = ttc_u8(r);
    *negative = (n & 0x80) != 0;
    n &= 0x7F;
    if (n > 8) {
        ttc_malformed(r);
        return 0;
    }
    uint64_t v = 0;
    for (int i = 0; i < n; i++) v = v << 8 | ttc_u8(r);
    return v;
}

uint64_t ttc_ub(ttc_reader *r)
{
    int neg;
    uint64_t v = read_var(r, &neg);
    if (neg) ttc_malformed(r);
    return neg ? 0 : v;
}

int64_t ttc_sb(ttc_reader *r)
{
    int neg;
    uint64_t v = read_var(r, &neg);
    if (v > INT64_MAX) v = INT64_MAX;
    return neg ? -(int64_t)v : (int64_t)v;
}

/* Room for N more value bytes in the request's budget; OVERSIZE (sticky) when not. */
static int charge(ttc_reader *r, uint64_t n)
{
    if (r->err) return 0;
    uint64_t limit = r->budget ? r->budget : TTC_MAX_VALUE_BYTES;
    if (n > limit || r->buffered > limit - n) {
        r->err = NET_ERR_OVERSIZE;
        return 0;
    }
    r->buffered += (size_t)n;
    return 1;
}

int ttc_bytes(ttc_reader *r, buf *out)
{
    buf_reset(out);
    uint8_t n = ttc_u8(r);
    if (r->err || n == 0 || n == 0xFF) return 1;
    if (n != 0xFE) {
        if (!charge(r, n)) return 0;
        buf_reserve(out, n);
        ttc_raw(r, out->data, n);
        out->len = n;
        return 0;
    }
    for (;;) {
        uint64_t c = ttc_ub(r);
        if (r->err || c == 0 || !charge(r, c)) break;
        buf_reserve(out, (size_t)c);
        ttc_raw(r, out->data + out->len, (size_t)c);
        out->len += (size_t)c;
    }
    return 0;
}

void ttc_announced_str(ttc_reader *r, int conv_length, uint64_t len, buf *out)
{
    if (conv_length) {
        ttc_bytes(r, out);
    } else {
        buf_reset(out);
        if (charge(r, len)) {
            buf_reserve(out, (size_t)len);
            ttc_raw(r, out->data, (size_t)len);
            out->len = r->err ? 0 : (size_t)len;
        }
    }
    buf_cstr(out);
}

void ttc_kv(ttc_reader *r, buf *key, buf *value, uint32_t *flags)
{
    uint64_t kl = ttc_ub(r);
    if (kl) ttc_bytes(r, key);
    else buf_reset(key);
    uint64_t vl = ttc_ub(r);
    if (vl) ttc_bytes(r, value);
    else buf_reset(value);
    *flags = (uint32_t)ttc_ub(r);
    buf_cstr(key);
    buf_cstr(value);
}
