/*
 * v_sql.c - V$SQL and V$SQLAREA over the shared SQL area.
 *
 * Warden has one cursor per distinct text and schema (no child cursors), so
 * V$SQL and V$SQLAREA list the same entries.
 */
#include <stdio.h>
#include <string.h>

#include "../sga/sga.h"
#include "../sga/sqlarea.h"
#include "v_views.h"

static void fill_sql(vrows *r, const vview_ctx *ctx)
{
    for (int i = 0; i < SQLAREA_ENTRIES; i++) {
        sqlarea_entry e;
        if (!sqlarea_read(the_sqlarea, i, &e)) continue;
        char first_load[24];
        struct tm tm;
        localtime_r(&e.first_load, &tm);
        strftime(first_load, sizeof first_load, "%Y-%m-%d/%H:%M:%S", &tm);
        char text[1001];
        snprintf(text, sizeof text, "%s", e.text); /* SQL_TEXT: the first 1000 characters */
        vrows_row(r);
        vrows_text(r, e.sql_id);
        vrows_text(r, text);
        vrows_text(r, e.text);
        vrows_int(r, (int64_t)e.executions);
        vrows_int(r, e.elapsed_us);
        vrows_int(r, e.cpu_us);
        vrows_int(r, (int64_t)e.rows_processed);
        vrows_text(r, e.schema);
        vrows_text(r, first_load);
        vrows_date(r, e.last_active);
        vrows_int(r, e.command);
        vrows_int(r, 0);
    }
}

#define SQL_COLUMNS                                                                              \
    "SQL_ID VARCHAR2(13), SQL_TEXT VARCHAR2(1000), SQL_FULLTEXT VARCHAR2(4000), "                \
    "EXECUTIONS NUMBER, ELAPSED_TIME NUMBER, CPU_TIME NUMBER, ROWS_PROCESSED NUMBER, "           \
    "PARSING_SCHEMA_NAME VARCHAR2(128), FIRST_LOAD_TIME VARCHAR2(19), LAST_ACTIVE_TIME DATE, "   \
    "COMMAND_TYPE NUMBER, CON_ID NUMBER"

const vview v_sql = {"SQL", SQL_COLUMNS, fill_sql};
const vview v_sqlarea = {"SQLAREA", SQL_COLUMNS, fill_sql};


