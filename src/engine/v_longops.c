/*
 * v_longops.c - V$SESSION_LONGOPS: the progress of long operations, as
 * sessions report it (src/sga/longops.h).  TIME_REMAINING is Oracle's
 * estimate, the elapsed time scaled by the work left over the work done;
 * MESSAGE is its summary line, "OPNAME: TARGET_DESC TARGET: SOFAR out of
 * TOTALWORK UNITS done".
 */
#include <math.h>
#include <stdio.h>

#include "../sga/longops.h"
#include "objects.h"
#include "schema_access.h"
#include "v_views.h"

/* A figure as the view shows it: whole numbers without a fraction. */
static void number_text(double v, char *out, size_t size)
{
    if (v == floor(v) && fabs(v) < 1e15) snprintf(out, size, "%.0f", v);
    else snprintf(out, size, "%.15g", v);
}

static void number_cell(vrows *r, double v)
{
    if (v == floor(v) && fabs(v) < 1e15) vrows_int(r, (int64_t)v);
    else vrows_real(r, v);
}

/* The object the operation works on: its name, or the name of its object number. */
static void target_text(const longop *o, const vview_ctx *ctx, char *out, size_t size)
{
    snprintf(out, size, "%s", o->target);
    if (out[0] || !o->target_object || !ctx->db) return;
    schema_access_catalog(ctx->access, 1);
    if (objects_name(ctx->db, (uint32_t)o->target_object, out, size) < 0) out[0] = '\0';
    schema_access_catalog(ctx->access, 0);
}

static void fill_longops(vrows *r, const vview_ctx *ctx)
{
    for (int i = 0; i < LONGOPS_SIZE; i++) {
        longop o;
        if (!longops_read(the_longops, i, &o)) continue;
        char target[300], sofar[40], total[40], message[512];
        target_text(&o, ctx, target, sizeof target);
        number_text(o.sofar, sofar, sizeof sofar);
        number_text(o.totalwork, total, sizeof total);
        snprintf(message, sizeof message, "%s: %s %s: %s out of %s %s done", o.opname,
                 o.target_desc, target, sofar, total, o.units);
        int64_t elapsed = (o.update_us - o.start_us) / 1000000;
        vrows_row(r);
        vrows_int(r, o.sid);
        vrows_int(r, o.serial);
        vrows_text(r, o.opname);
        vrows_text(r, target);
        vrows_text(r, o.target_desc);
        number_cell(r, o.sofar);
        number_cell(r, o.totalwork);
        vrows_text(r, o.units);
        vrows_date(r, (time_t)(o.start_us / 1000000));
        vrows_date(r, (time_t)(o.update_us / 1000000));
        vrows_null(r); /* TIMESTAMP */
        if (o.sofar > 0 && o.totalwork >= o.sofar)
            vrows_int(r, llround((double)elapsed * (o.totalwork - o.sofar) / o.sofar));
        else
            vrows_null(r);
        vrows_int(r, elapsed);
        vrows_int(r, o.context);
        vrows_text(r, message);
        vrows_text(r, o.username);
        vrows_raw8(r, o.sql_address);
        vrows_int(r, o.sql_hash);
        vrows_text(r, o.sql_id);
        vrows_int(r, 0); /* SQL_PLAN_HASH_VALUE */
        vrows_null(r);   /* SQL_EXEC_START */
        vrows_null(r);   /* SQL_EXEC_ID */
        vrows_null(r);   /* SQL_PLAN_LINE_ID */
        vrows_null(r);   /* SQL_PLAN_OPERATION */
        vrows_null(r);   /* SQL_PLAN_OPTIONS */
        vrows_int(r, 0); /* QCSID: no parallel coordinator */
        vrows_int(r, 0); /* CON_ID */
    }
}

const vview v_session_longops = {
    "SESSION_LONGOPS",
    "SID NUMBER, \"SERIAL#\" NUMBER, OPNAME VARCHAR2(64), TARGET VARCHAR2(64), "
    "TARGET_DESC VARCHAR2(32), SOFAR NUMBER, TOTALWORK NUMBER, UNITS VARCHAR2(32), "
    "START_TIME DATE, LAST_UPDATE_TIME DATE, TIMESTAMP DATE, TIME_REMAINING NUMBER, "
    "ELAPSED_SECONDS NUMBER, CONTEXT NUMBER, MESSAGE VARCHAR2(512), USERNAME VARCHAR2(128), "
    "SQL_ADDRESS RAW(8), SQL_HASH_VALUE NUMBER, SQL_ID VARCHAR2(13), SQL_PLAN_HASH_VALUE NUMBER, "
    "SQL_EXEC_START DATE, SQL_EXEC_ID NUMBER, SQL_PLAN_LINE_ID NUMBER, "
    "SQL_PLAN_OPERATION VARCHAR2(30), SQL_PLAN_OPTIONS VARCHAR2(30), QCSID NUMBER, CON_ID NUMBER",
    fill_longops,
};
