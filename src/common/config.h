/*
 * config.h - warden.conf: the instance parameters, their defaults, and the
 * file format (one "name = value" per line, '#' comments).
 */
#ifndef WARDEN_CONFIG_H
#define WARDEN_CONFIG_H

/* Open cursors one session may hold (ORA-01000 beyond; V$PARAMETER open_cursors). */
#define WARDEN_OPEN_CURSORS 300

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
    int prespawn_servers; /* dedicated servers PMON keeps started ahead of connections */
    int session_pga_limit; /* MB of private memory a dedicated server may use (ORA-04036); 0 = none */
    int transactions; /* open transactions at once (ORA-01574); 0 = 1.1 * sessions */
    int dml_locks;    /* table (TM) locks at once (ORA-00055); 0 = 4 * transactions */
    int row_locks;    /* row and unique-key locks at once (ORA-00052) */
    int row_locking;  /* 1 (default): sessions lock rows and keep changes private until COMMIT */
    int cluster_load_balance; /* 1 (default): a cluster's listeners hand new connections for a
                               * service to the instance with the fewest */
    int cluster_database;     /* set by wardend --instance, not by warden.conf */
} warden_config;

void config_defaults(warden_config *c);
/* Read PATH over the current values; unknown names are errors. 0, or -1 with MSG set. */
int config_load(warden_config *c, const char *path, char *msg, int msgsz);
/* Set parameter NAME from its text VALUE as warden.conf writes it: 0; -1 a bad value
 * (C unchanged); -2 no such parameter. */
int config_set(warden_config *c, const char *name, const char *value);
/* max_pending_connections when warden.conf does not set it. */
int config_default_pending(const warden_config *c);
/* transactions and dml_locks when warden.conf does not set them (0 in C: derived). */
int config_default_transactions(const warden_config *c);
int config_default_dml_locks(const warden_config *c);
/* The values in force: the configured one, or the derived default when it is 0. */
int config_transactions(const warden_config *c);
int config_dml_locks(const warden_config *c);
/* Write a fresh warden.conf with the values of C. 0 or -1. */
int config_write(const warden_config *c, const char *path);

#endif
