/*
 * connect.c - the connect phase of a dedicated server (see connect.h).
 */
#include "connect.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../common/alert.h"
#include "../sga/cluster.h"
#include "../sga/sga.h"
#include "replies.h"

#define SERVER_BANNER "Warden 19.0"

static int service_known(const warden_config *cfg, const char *service)
{
    char list[sizeof cfg->service_names];
    snprintf(list, sizeof list, "%s", cfg->service_names);
    for (char *save, *t = strtok_r(list, ", ", &save); t; t = strtok_r(NULL, ", ", &save))
        if (!strcasecmp(t, service)) return 1;
    return 0;
}

/* The host a client can reach this machine's listener ADDRESS at (a wildcard: the address
 * the client reached us on). */
static void reachable_host(const session *s, const char *address, char *host, size_t n)
{
    struct sockaddr_in a;
    socklen_t len = sizeof a;
    if (strcmp(address, "0.0.0.0") != 0 && strcmp(address, "::") != 0) {
        snprintf(host, n, "%s", address);
    } else if (getsockname(s->net.fd, (struct sockaddr *)&a, &len) == 0 && a.sin_family == AF_INET) {
        inet_ntop(AF_INET, &a.sin_addr, host, (socklen_t)n);
    } else {
        snprintf(host, n, "127.0.0.1");
    }
}

/* The address of member M's listener, for a REDIRECT. */
static void member_address(const session *s, const cluster_member *m, char *address, size_t n)
{
    char host[64];
    reachable_host(s, m->listener_address, host, sizeof host);
    snprintf(address, n, "(ADDRESS=(PROTOCOL=TCP)(HOST=%s)(PORT=%d))", host, m->listener_port);
}

/*
 * CONNECT_DATA's INSTANCE_NAME: this instance (1); another running instance
 * of the cluster (2), whose listener's address goes into ADDRESS for a
 * REDIRECT; or no running instance of that name (0: ORA-12521).
 */
static int instance_route(const session *s, const char *name, char *address, size_t n)
{
    if (!strcasecmp(name, s->cfg->instance_name)) return 1;
    for (int inst = 1; inst <= CLUSTER_MAX_INSTANCES; inst++) {
        cluster_member m;
        cluster_member_read(the_cluster, inst, &m);
        if (m.state != CLUSTER_UP || strcasecmp(m.instance_name, name) != 0) continue;
        member_address(s, &m, address, n);
        return 2;
    }
    return 0;
}

/*
 * Server-side connection balancing, as a RAC listener does it
 * (cluster_load_balance): a client asking for a service, without an
 * INSTANCE_NAME and not redirected already, goes to the running instance
 * serving the fewest connections when that one serves at least two fewer
 * than this one.  1 with its ADDRESS for a REDIRECT, or 0 to stay.
 */
static int balance_route(const session *s, const tns_connect_info *ci, char *address, size_t n)
{
    if (!s->cfg->cluster_load_balance || (ci->flags & TNS_CONNECT_REDIRECTED)) return 0;
    int here = s->cfg->instance_number, best = here;
    cluster_member m, best_row;
    cluster_member_read(the_cluster, here, &best_row);
    if (best_row.state != CLUSTER_UP) return 0; /* a single instance, or one leaving */
    for (int inst = 1; inst <= CLUSTER_MAX_INSTANCES; inst++) {
        cluster_member_read(the_cluster, inst, &m);
        m.load = __atomic_load_n(&m.load, __ATOMIC_ACQUIRE);
        if (m.state == CLUSTER_UP && m.load + 1 < best_row.load) best = inst, best_row = m;
    }
    if (best == here) return 0;
    member_address(s, &best_row, address, n);
    return 1;
}

static int accept_connection(session *s)
{
    tns_connect_info ci;
    if (tns_read_connect(&s->net, &ci, -1) < 0) return -1; /* the connect deadline bounds it */
    char service[129] = "", sid_name[129] = "", instance[129] = "", address[256];
    tns_descriptor_value(ci.connect_data, "SERVICE_NAME", service, sizeof service);
    tns_descriptor_value(ci.connect_data, "SID", sid_name, sizeof sid_name);
    tns_descriptor_value(ci.connect_data, "INSTANCE_NAME", instance, sizeof instance);
    /* an instance by INSTANCE_NAME, or by SID without a service; else the service, balanced */
    int by_sid = !instance[0] && !service[0] && sid_name[0] && s->cfg->cluster_database;
    if (by_sid) snprintf(instance, sizeof instance, "%s", sid_name);
    int route = instance[0] ? instance_route(s, instance, address, sizeof address)
                : service_known(s->cfg, service) && balance_route(s, &ci, address, sizeof address)
                    ? 2
                    : 1;
    if (route != 1) {
        if (route == 2) tns_send_redirect(&s->net, address, ci.connect_data); /* go there */
        else tns_send_refuse(&s->net, by_sid ? 12505 : 12521);
        free(ci.connect_data);
        return -1;
    }
    tns_descriptor_value(ci.connect_data, "PROGRAM", s->program, sizeof s->program);
    tns_descriptor_value(ci.connect_data, "HOST", s->machine, sizeof s->machine);
    char pooled[16] = "";
    tns_descriptor_value(ci.connect_data, "SERVER", pooled, sizeof pooled);
    int ok = service[0] ? service_known(s->cfg, service)
                        : sid_name[0] && !strcasecmp(sid_name, s->cfg->instance_name);
    free(ci.connect_data);
    for (size_t i = 0; service[i] && i + 1 < sizeof s->service; i++)
        s->service[i] = (char)toupper((unsigned char)service[i]);
    if (!s->service[0]) snprintf(s->service, sizeof s->service, "SYS$USERS");
    if (!ok || !strcasecmp(pooled, "POOLED")) {
        tns_send_refuse(&s->net, service[0] || !sid_name[0] ? 12514 : 12505);
        return -1;
    }
    uint32_t sdu = ci.sdu >= 512 && ci.sdu <= TNS_MAX_SDU ? ci.sdu : TNS_DEFAULT_SDU;
    return tns_send_accept(&s->net, sdu);
}

/* Answer an ANO request with "no services" (clients that always send one). */
static void answer_ano(session *s, ttc_reader *r)
{
    uint8_t req[10];
    ttc_raw(r, req, sizeof req);
    ttc_skip_request(r);
    uint8_t rep[13] = {0xDE, 0xAD, 0xBE, 0xEF, 0, 13, req[6], req[7], req[8], req[9], 0, 0, 0};
    net_send_data(&s->net, rep, sizeof rep, 0);
}

static void send_protocol_reply(session *s)
{
    buf out;
    buf_init(&out);
    ttc_put_protocol_header(&out, SERVER_BANNER);
    ttc_put_u16le(&out, 873); /* AL32UTF8 */
    ttc_put_u8(&out, 0);
    ttc_put_u16le(&out, 0);
    static const uint8_t fdo[11] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0x07, 0xD0};
    ttc_put_u16be(&out, sizeof fdo);
    buf_put(&out, fdo, sizeof fdo);
    ttc_put_capabilities(&out);
    reply_send(s, &out);
    buf_free(&out);
}

/* The client's DATA TYPES: remember its flags and how it represents SB1. */
static void read_data_types(session *s, ttc_reader *r)
{
    ttc_u16le(r), ttc_u16le(r);
    uint8_t flags = ttc_u8(r);
    buf caps;
    buf_init(&caps);
    ttc_bytes(r, &caps);
    ttc_bytes(r, &caps);
    buf_free(&caps);
    s->conv_length = (flags & 0x02) != 0;
    for (int i = 0; i < 2000 && !ttc_failed(r); i++) {
        uint16_t type = ttc_u16be(r);
        if (type == 0) break;
        ttc_u16be(r);
        uint16_t rep = ttc_u16be(r);
        ttc_u16be(r);
        if (type == 27) s->sb2_scale = rep == 1;
    }
    ttc_skip_request(r);
}

static int negotiate(session *s)
{
    ttc_reader r;
    if (ttc_begin(&r, &s->net, 1, -1, NULL) != TNS_DATA) return -1;
    if (ttc_left_in_packet(&r) >= 4 && ttc_peek_u8(&r) == 0xDE) {
        answer_ano(s, &r);
        if (ttc_begin(&r, &s->net, 1, -1, NULL) != TNS_DATA) return -1;
    }
    if (ttc_u8(&r) != TTC_MSG_PROTOCOL) return -1;
    ttc_skip_request(&r);
    send_protocol_reply(s);
    if (ttc_begin(&r, &s->net, 1, -1, NULL) != TNS_DATA) return -1;
    if (ttc_u8(&r) != TTC_MSG_DATA_TYPES) return -1;
    read_data_types(s, &r);
    if (ttc_failed(&r)) return -1;
    buf out;
    buf_init(&out);
    ttc_put_u8(&out, TTC_MSG_DATA_TYPES);
    ttc_put_u16be(&out, 0);
    int rc = reply_send(s, &out);
    buf_free(&out);
    return rc;
}


void connect_refuse(int fd, int ora_err)
{
    net_conn c;
    net_conn_init(&c, fd);
    tns_connect_info ci;
    char args[32];
    snprintf(args, sizeof args, "%d", the_sga->nprocesses);
    if (tns_read_connect(&c, &ci, 5000) == 0)
        tns_send_refuse_args(&c, ora_err, ora_err == ORA_MAX_PROCESSES ? args : NULL);
    free(ci.connect_data);
    net_conn_free(&c);
    close(fd);
}

void connect_phase_begin(session *s)
{
    int port = net_peer_address(s->net.fd, s->client_address, sizeof s->client_address);
    s->client_port = port > 0 ? port : 0;
    net_set_deadline(&s->net, s->cfg->inbound_connect_timeout * 1000);
}

/* The connect phase is over (logged on, or leaving): no deadline, no longer counted. */
static void connect_phase_done(session *s)
{
    net_set_deadline(&s->net, 0);
    sga_connect_end(the_sga, s->pid);
}

void connect_logged_on(session *s)
{
    if (!s->logged_on) connect_phase_done(s);
    s->logged_on = 1;
}

/* Leaving without a logon: say so in the alert log if the deadline was the reason. */
void connect_phase_end(session *s)
{
    if (s->logged_on) return; /* the phase ended with the logon */
    if (net_deadline_passed(&s->net))
        alert_log("WARNING: %s (ORA-%05d) from %s: not logged on within "
                  "inbound_connect_timeout (%d s); connection closed (pid: %d, ospid: %d)",
                  ora_text(ORA_INBOUND_TIMEOUT), ORA_INBOUND_TIMEOUT, s->client_address,
                  s->cfg->inbound_connect_timeout, s->pid, (int)getpid());
    connect_phase_done(s);
}

int connect_accept(session *s)
{
    return accept_connection(s) == 0 && negotiate(s) == 0 ? 0 : -1;
}
