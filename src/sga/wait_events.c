/*
 * wait_events.c - the events' descriptions and their parameters.
 */
#include "wait_events.h"

#include <stddef.h>

/* Oracle's wait classes: number and id, as V$EVENT_NAME shows them. */
#define IDLE "Idle", 6, 2723168908u
#define NETWORK "Network", 7, 2000153315u
#define APPLICATION "Application", 1, 4217450380u
#define COMMIT "Commit", 5, 3386400367u
#define USER_IO "User I/O", 8, 1740759767u

static const wait_event_info events[SGA_EV_COUNT] = {
    [SGA_EV_CLIENT_MESSAGE] = {"SQL*Net message from client", "driver id", "#bytes", "", IDLE},
    [SGA_EV_TO_CLIENT] = {"SQL*Net message to client", "driver id", "#bytes", "", NETWORK},
    [SGA_EV_TX_ROW_LOCK] = {"enq: TX - row lock contention", "name|mode", "usn<<16 | slot",
                            "sequence", APPLICATION},
    [SGA_EV_PLSQL_TIMER] = {"PL/SQL lock timer", "duration", "", "", IDLE},
    [SGA_EV_PMON_TIMER] = {"pmon timer", "duration", "", "", IDLE},
    [SGA_EV_SMON_TIMER] = {"smon timer", "sleep time", "failed", "", IDLE},
    [SGA_EV_RDBMS_IPC] = {"rdbms ipc message", "timeout", "", "", IDLE},
    [SGA_EV_LOG_FILE_SYNC] = {"log file sync", "buffer#", "sync scn", "", COMMIT},
    [SGA_EV_DB_FILE_READ] = {"db file sequential read", "file#", "block#", "blocks", USER_IO},
};

const wait_event_info *wait_event_info_of(uint32_t event)
{
    return event > SGA_EV_NONE && event < SGA_EV_COUNT ? &events[event] : NULL;
}

uint32_t sga_name_id(const char *name)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (const char *p = name; *p; p++) h = (h ^ (uint8_t)*p) * 16777619u;
    return h;
}

uint32_t wait_event_id(uint32_t event)
{
    const wait_event_info *e = wait_event_info_of(event);
    return sga_name_id(e ? e->name : "");
}

wait_params wait_params_sqlnet(void)
{
    wait_params p = {0x54435000u /* 'TCP\0' */, 1, 0};
    return p;
}

wait_params wait_params_tx(int mode, uint32_t usn, uint32_t slot, uint32_t sqn)
{
    wait_params p = {(uint64_t)'T' << 24 | (uint64_t)'X' << 16 | (uint64_t)mode,
                     (uint64_t)usn << 16 | slot, sqn};
    return p;
}
