/*
 * config.h - warden.conf: the instance parameters, their defaults, and the
 * file format (one "name = value" per line, '#' comments).
 */
#ifndef WARDEN_CONFIG_H
#define WARDEN_CONFIG_H

typedef struct warden_config {
    char instance_name[31];
    char service_names[129];
    char db_name[31];
    char listener_address[64];
    int listener_port;
    int instance_number;
    int processes;
    int sessions;
    int kill_session_wait; /* seconds */
    int inbound_connect_timeout; /* seconds from hand-over to logon; 0 = no limit */
    int max_pending_connections; /* connections not yet logged on, at once; 0 = processes / 4 */
    int session_pga_limit; /* MB of private memory a dedicated server may use (ORA-04036); 0 = none */
} warden_config;

void config_defaults(warden_config *c);
/* Read PATH over the current values; unknown names are errors. 0, or -1 with MSG set. */
int config_load(warden_config *c, const char *path, char *msg, int msgsz);
/* max_pending_connections when warden.conf does not set it. */
int config_default_pending(const warden_config *c);
/* Write a fresh warden.conf with the values of C. 0 or -1. */
int config_write(const warden_config *c, const char *path);

#endif
