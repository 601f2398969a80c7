/*
 * session_stats.c - the statistics' names and classes.
 */
#include "session_stats.h"

#include <stddef.h>

static const stat_info stats[SGA_STAT_COUNT] = {
    [STAT_LOGONS_CUMULATIVE] = {"logons cumulative", 1, 0},
    [STAT_LOGONS_CURRENT] = {"logons current", 1, 1},
    [STAT_USER_CALLS] = {"user calls", 1, 0},
    [STAT_USER_COMMITS] = {"user commits", 1, 0},
    [STAT_USER_ROLLBACKS] = {"user rollbacks", 1, 0},
    [STAT_EXECUTE_COUNT] = {"execute count", 64, 0},
    [STAT_PARSE_TOTAL] = {"parse count (total)", 64, 0},
    [STAT_PARSE_HARD] = {"parse count (hard)", 64, 0},
    [STAT_CPU] = {"CPU used by this session", 1, 0},
    [STAT_LOGICAL_READS] = {"session logical reads", 1, 0},
    [STAT_PHYSICAL_READS] = {"physical reads", 8, 0},
    [STAT_BYTES_SENT] = {"bytes sent via SQL*Net to client", 1, 0},
    [STAT_BYTES_RECEIVED] = {"bytes received via SQL*Net from client", 1, 0},
    [STAT_ROUNDTRIPS] = {"SQL*Net roundtrips to/from client", 1, 0},
    [STAT_PGA] = {"session pga memory", 1, 1},
    [STAT_PGA_MAX] = {"session pga memory max", 1, 1},
    [STAT_REDO_SIZE] = {"redo size", 2, 0},
    [STAT_SORTS] = {"sorts (memory)", 64, 0},
};

const stat_info *stat_info_of(int stat)
{
    return stat >= 0 && stat < SGA_STAT_COUNT ? &stats[stat] : NULL;
}
