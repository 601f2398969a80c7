/*
 * replies.c - building the end of a call and sending replies (see
 * replies.h).
 */
#include "replies.h"

#include <string.h>

#include "interrupts.h"

#define RESET_WAIT_MS 60000 /* for the client's RESET after a BREAK */

void reply_end_call_with(session *s, buf *out, ttc_end *end, const ora_error *e)
{
    if (s->eng && eng_in_transaction(s->eng)) end->call_status = TTC_CALL_STATUS_TXN;
    if (s->compile_warning) end->warning |= TTC_WARN_COMPILATION;
    s->compile_warning = 0;
    if (e && e->code) {
        end->error_code = e->code;
        end->error_offset = e->offset;
        size_t n = strnlen(e->msg, sizeof end->error_text - 1);
        memcpy(end->error_text, e->msg, n);
        end->error_text[n] = '\0';
    }
    ttc_write_error(out, end);
}

void reply_end_call(session *s, buf *out, uint16_t cursor, uint64_t rows, const ora_error *e)
{
    ttc_end end = {.cursor_id = cursor, .row_count = rows};
    reply_end_call_with(s, out, &end, e);
}

int reply_send(session *s, buf *payload)
{
    if (interrupts_ended(s)) return NET_ERR_IO; /* disconnected: the client gets no reply */
    int rc = net_send_data(&s->net, payload->data, payload->len, 0);
    if (rc < 0) interrupts_client_gone(s);
    /* Counted once it is in the socket, for the pairing fuzzer. */
    __atomic_add_fetch(&s->replies, 1, __ATOMIC_RELEASE);
    return rc;
}

/* Wait for the client's RESET marker; 0, or -1 when the client is gone. */
static int await_reset(session *s)
{
    for (;;) {
        tns_packet p;
        int t = net_read_packet(&s->net, &p, RESET_WAIT_MS);
        if (t < 0) return -1;
        if (t == TNS_MARKER && p.len >= 3 && p.payload[2] == TNS_MARKER_RESET) return 0;
    }
}

void reply_break(session *s, int client_reset)
{
    if (!client_reset) {
        net_send_marker(&s->net, TNS_MARKER_BREAK);
        if (await_reset(s) < 0) return interrupts_client_gone(s);
    }
    net_send_marker(&s->net, TNS_MARKER_RESET);
    ora_error e;
    ora_set(&e, ORA_USER_CANCEL, 0);
    buf out;
    buf_init(&out);
    reply_end_call(s, &out, 0, 0, &e);
    reply_send(s, &out);
    buf_free(&out);
}

int request_finish(session *s, ttc_reader *r, buf *out, uint16_t cursor, const ora_error *refused)
{
    if (ttc_skip_request(r) < 0) return -1; /* the connection is lost: nobody to answer */
    ora_error e;
    if (r->err == NET_ERR_OVERSIZE) ora_set(&e, ORA_PGA_LIMIT, 0);
    else if (refused) e = *refused;
    else if (r->err) ora_set(&e, ORA_UNSUPPORTED_NET, 0);
    else return 0;
    reply_end_call(s, out, cursor, 0, &e);
    return -1;
}
