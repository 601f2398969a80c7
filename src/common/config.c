/*
 * config.c - reading and writing warden.conf.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void config_defaults(warden_config *c)
{
    memset(c, 0, sizeof *c);
    snprintf(c->instance_name, sizeof c->instance_name, "WARDEN");
    snprintf(c->service_names, sizeof c->service_names, "WARDEN");
    snprintf(c->db_name, sizeof c->db_name, "WARDEN");
    snprintf(c->listener_address, sizeof c->listener_address, "127.0.0.1");
    c->listener_port = 1521;
    c->instance_number = 1;
    c->processes = 300;
    c->sessions = 0; /* derived: 1.5 * processes + 22 */
    c->kill_session_wait = 60;
    c->inbound_connect_timeout = 60;
    c->max_pending_connections = 0; /* derived: processes / 4 */
    c->prespawn_servers = 2;
    c->session_pga_limit = 64;
    c->transactions = 0; /* derived: 1.1 * sessions */
    c->dml_locks = 0;    /* derived: 4 * transactions */
    c->row_locks = 2097152;
    c->row_locking = 1; /* row-level locking; off: one writer at a time (the earlier engine) */
    c->cluster_load_balance = 1;
}

int config_default_pending(const warden_config *c) { return c->processes / 4; }

/* At least a handful, so an SGA made for a test with few sessions still works. */
int config_default_transactions(const warden_config *c)
{
    int n = c->sessions * 11 / 10;
    return n < 16 ? 16 : n;
}

int config_transactions(const warden_config *c)
{
    return c->transactions ? c->transactions : config_default_transactions(c);
}

int config_default_dml_locks(const warden_config *c) { return 4 * config_transactions(c); }

int config_dml_locks(const warden_config *c)
{
    return c->dml_locks ? c->dml_locks : config_default_dml_locks(c);
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s)) s++;
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1])) *--e = 0;
    if (e - s >= 2 && (*s == '\'' || *s == '"') && e[-1] == *s) {
        e[-1] = 0;
        s++;
    }
    return s;
}

static int set_int(int *dst, const char *v, int lo, int hi)
{
    char *end;
    long n = strtol(v, &end, 10);
    if (*v == 0 || *end || n < lo || n > hi) return -1;
    *dst = (int)n;
    return 0;
}

/* on/true or off/false; anything else leaves DST as it was. */
static int set_bool(int *dst, const char *v)
{
    if (!strcasecmp(v, "on") || !strcasecmp(v, "true")) *dst = 1;
    else if (!strcasecmp(v, "off") || !strcasecmp(v, "false")) *dst = 0;
    else return -1;
    return 0;
}

static int set_text(char *dst, size_t size, const char *v, int upper)
{
    if (!*v || strlen(v) >= size) return -1;
    for (size_t i = 0; v[i]; i++) dst[i] = upper ? (char)toupper((unsigned char)v[i]) : v[i];
    dst[strlen(v)] = 0;
    return 0;
}

int config_set(warden_config *c, const char *k, const char *v)
{
    if (!strcasecmp(k, "instance_name"))
        return set_text(c->instance_name, sizeof c->instance_name, v, 1);
    if (!strcasecmp(k, "service_names"))
        return set_text(c->service_names, sizeof c->service_names, v, 1);
    if (!strcasecmp(k, "db_name")) return set_text(c->db_name, sizeof c->db_name, v, 1);
    if (!strcasecmp(k, "listener_address"))
        return set_text(c->listener_address, sizeof c->listener_address, v, 0);
    if (!strcasecmp(k, "listener_port")) return set_int(&c->listener_port, v, 1, 65535);
    if (!strcasecmp(k, "instance_number")) return set_int(&c->instance_number, v, 1, 64);
    if (!strcasecmp(k, "processes")) return set_int(&c->processes, v, 10, 20000);
    if (!strcasecmp(k, "sessions")) return set_int(&c->sessions, v, 1, 32768);
    if (!strcasecmp(k, "kill_session_wait")) return set_int(&c->kill_session_wait, v, 0, 86400);
    if (!strcasecmp(k, "inbound_connect_timeout"))
        return set_int(&c->inbound_connect_timeout, v, 0, 86400);
    if (!strcasecmp(k, "max_pending_connections"))
        return set_int(&c->max_pending_connections, v, 1, 20000);
    if (!strcasecmp(k, "prespawn_servers")) return set_int(&c->prespawn_servers, v, 0, 64);
    if (!strcasecmp(k, "session_pga_limit")) return set_int(&c->session_pga_limit, v, 0, 1048576);
    if (!strcasecmp(k, "transactions")) return set_int(&c->transactions, v, 16, 65536);
    if (!strcasecmp(k, "dml_locks")) return set_int(&c->dml_locks, v, 16, 1048576);
    if (!strcasecmp(k, "row_locks")) return set_int(&c->row_locks, v, 65536, 67108864);
    if (!strcasecmp(k, "row_locking")) return set_bool(&c->row_locking, v);
    if (!strcasecmp(k, "cluster_load_balance")) return set_bool(&c->cluster_load_balance, v);
    return -2;
}

int config_load(warden_config *c, const char *path, char *msg, int msgsz)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(msg, (size_t)msgsz, "cannot open %s", path);
        return -1;
    }
    char line[512];
    int lineno = 0, rc = 0;
    while (rc == 0 && fgets(line, sizeof line, f)) {
        lineno++;
        char *hash = strchr(line, '#');
        if (hash) *hash = 0;
        char *s = trim(line);
        if (!*s) continue;
        char *eq = strchr(s, '=');
        if (!eq) {
            snprintf(msg, (size_t)msgsz, "%s:%d: expected name = value", path, lineno);
            rc = -1;
            break;
        }
        *eq = 0;
        char *k = trim(s), *v = trim(eq + 1);
        int r = config_set(c, k, v);
        if (r == -2) snprintf(msg, (size_t)msgsz, "%s:%d: unknown parameter %s", path, lineno, k);
        else if (r < 0) snprintf(msg, (size_t)msgsz, "%s:%d: bad value for %s", path, lineno, k);
        if (r < 0) rc = -1;
    }
    fclose(f);
    int minimum = c->processes * 3 / 2 + 22;
    if (c->sessions < minimum) c->sessions = minimum; /* Oracle uses the default as minimum */
    if (!c->max_pending_connections) c->max_pending_connections = config_default_pending(c);
    return rc;
}

int config_write(const warden_config *c, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    fprintf(f,
            "# warden.conf - instance parameters (see docs/getting-started.md)\n"
            "instance_name     = %s\n"
            "service_names     = %s\n"
            "db_name           = %s\n"
            "instance_number   = %d\n"
            "listener_address  = %s\n"
            "listener_port     = %d\n"
            "processes         = %d\n"
            "# sessions defaults to 1.5 * processes + 22\n"
            "kill_session_wait = %d\n"
            "inbound_connect_timeout = %d\n"
            "# max_pending_connections defaults to processes / 4\n"
            "# dedicated servers started ahead of connections (0: one forked per connection)\n"
            "prespawn_servers  = %d\n"
            "# megabytes of private memory per session (ORA-04036 beyond), 0 = no limit\n"
            "session_pga_limit = %d\n"
            "# transactions defaults to 1.1 * sessions, dml_locks to 4 * transactions\n"
            "# row and unique-key locks held at once by all transactions (ORA-00052 beyond)\n"
            "row_locks         = %d\n"
            "# on: sessions lock rows; off: one writer at a time\n"
            "row_locking       = %s\n"
            "# a cluster (wardend --instance N): listeners hand new connections to the least\n"
            "# loaded instance unless the client names one (INSTANCE_NAME)\n"
            "cluster_load_balance = %s\n",
            c->instance_name, c->service_names, c->db_name, c->instance_number,
            c->listener_address, c->listener_port, c->processes, c->kill_session_wait,
            c->inbound_connect_timeout, c->prespawn_servers, c->session_pga_limit, c->row_locks,
            c->row_locking ? "on" : "off", c->cluster_load_balance ? "on" : "off");
    return fclose(f) == 0 ? 0 : -1;
}
