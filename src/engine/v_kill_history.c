/*
 * v_kill_history.c - V$SESSION_KILL_HISTORY (a Warden extension): who asked
 * to end which session, how, with what result and how long it took; and the
 * server processes that died and were cleaned up by PMON.
 */
#include <stdio.h>

#include "../sga/kill_history.h"
#include "v_views.h"

static void fill_kill_history(vrows *r, const vview_ctx *ctx)
{
    for (int i = 0; i < KILL_HISTORY_SIZE; i++) {
        kill_record k;
        if (!kill_history_read(the_kill_history, i, &k)) continue;
        char spid[24], result[16];
        vrows_row(r);
        vrows_int(r, (int64_t)k.seq);
        vrows_date(r, (time_t)(k.when_us / 1000000));
        if (k.requestor_sid) vrows_int(r, k.requestor_sid);
        else vrows_null(r);
        snprintf(spid, sizeof spid, "%d", (int)k.requestor_spid);
        vrows_text(r, k.requestor_sid ? spid : NULL);
        vrows_int(r, k.target_sid);
        vrows_int(r, k.target_serial);
        snprintf(spid, sizeof spid, "%d", (int)k.target_spid);
        vrows_text(r, k.target_spid ? spid : NULL);
        vrows_text(r, k.mode);
        vrows_text(r, k.reason);
        snprintf(result, sizeof result, "ORA-%d", k.result);
        vrows_text(r, result);
        vrows_real(r, k.elapsed_ms);
        if (k.requestor_inst) vrows_int(r, k.requestor_inst);
        else vrows_null(r);
    }
}

const vview v_session_kill_history = {
    "SESSION_KILL_HISTORY",
    "\"SEQ#\" NUMBER, KILL_TIME DATE, REQUESTOR_SID NUMBER, REQUESTOR_SPID VARCHAR2(24), "
    "SID NUMBER, \"SERIAL#\" NUMBER, SPID VARCHAR2(24), KILL_MODE VARCHAR2(32), "
    "REASON VARCHAR2(40), RESULT VARCHAR2(16), ELAPSED_MS NUMBER, REQUESTOR_INST_ID NUMBER",
    fill_kill_history,
};
