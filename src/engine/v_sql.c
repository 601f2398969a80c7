/*
 * v_sql.c - V$SQL and V$SQLAREA over the shared SQL area.
 *
 * Warden has one cursor per distinct text and schema (no child cursors), so
 * V$SQL and V$SQLAREA list the same entries.  HASH_VALUE is Oracle's (the
 * low 32 bits of the SQL_ID's number); ADDRESS is stable per entry.
 */
#include <stdio.h>
#include <string.h>

#include "../common/sql_id.h"
#include "../sga/sga.h"
#include "../sga/sqlarea.h"
#include "v_views.h"

/* Sessions running a statement of each entry now (V$SQL.USERS_EXECUTING). */
static void users_executing(int counts[SQLAREA_ENTRIES])
{
    memset(counts, 0, sizeof(int) * SQLAREA_ENTRIES);
    sga_session s;
    for (int sid = 0; (sid = sga_next_session(the_sga, sid, &s)) != 0;)
        if (s.status == SGA_ACTIVE && s.sql_id[0] && s.sql_area >= 0 && s.sql_area < SQLAREA_ENTRIES)
            counts[s.sql_area]++;
}

static void fill_sql(vrows *r, const vview_ctx *ctx)
{
    static int executing[SQLAREA_ENTRIES];
    users_executing(executing);
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
        vrows_raw8(r, sqlarea_address(i));
        vrows_int(r, sql_hash_value(e.sql_id));
        vrows_int(r, 0); /* CHILD_NUMBER: one cursor per text and schema */
        vrows_text(r, e.module);
        vrows_text(r, e.action);
        vrows_int(r, (int64_t)e.buffer_gets);
        vrows_int(r, (int64_t)e.disk_reads);
        vrows_int(r, (int64_t)e.sorts);
        vrows_int(r, (int64_t)e.executions); /* FETCHES: one per execution's first batch */
        vrows_int(r, (int64_t)e.loads);
        vrows_int(r, (int64_t)e.parse_calls);
        vrows_int(r, executing[i]);
    }
}

#define SQL_COLUMNS                                                                              \
    "SQL_ID VARCHAR2(13), SQL_TEXT VARCHAR2(1000), SQL_FULLTEXT VARCHAR2(4000), "                \
    "EXECUTIONS NUMBER, ELAPSED_TIME NUMBER, CPU_TIME NUMBER, ROWS_PROCESSED NUMBER, "           \
    "PARSING_SCHEMA_NAME VARCHAR2(128), FIRST_LOAD_TIME VARCHAR2(19), LAST_ACTIVE_TIME DATE, "   \
    "COMMAND_TYPE NUMBER, CON_ID NUMBER, ADDRESS RAW(8), HASH_VALUE NUMBER, "                   \
    "CHILD_NUMBER NUMBER, MODULE VARCHAR2(64), ACTION VARCHAR2(64), BUFFER_GETS NUMBER, "        \
    "DISK_READS NUMBER, SORTS NUMBER, FETCHES NUMBER, LOADS NUMBER, PARSE_CALLS NUMBER, "        \
    "USERS_EXECUTING NUMBER"

const vview v_sql = {"SQL", SQL_COLUMNS, fill_sql};
const vview v_sqlarea = {"SQLAREA", SQL_COLUMNS, fill_sql};

/*
 * V$SQLTEXT and V$SQLTEXT_WITH_NEWLINES: each statement's text in pieces of
 * 64 bytes (PIECE 0, 1, ...), as scripts that print the SQL of a session
 * read it; V$SQLTEXT has newlines and tabs as spaces.
 */
static void text_pieces(vrows *r, int newlines)
{
    for (int i = 0; i < SQLAREA_ENTRIES; i++) {
        sqlarea_entry e;
        if (!sqlarea_read(the_sqlarea, i, &e)) continue;
        size_t len = strlen(e.text);
        for (size_t off = 0, n, piece = 0; off < len; off += n, piece++) {
            char part[65];
            n = len - off < 64 ? len - off : 64;
            while (n < len - off && n > 1 && (e.text[off + n] & 0xC0) == 0x80)
                n--; /* a piece ends between characters */
            memcpy(part, e.text + off, n);
            part[n] = 0;
            for (size_t k = 0; !newlines && k < n; k++)
                if (part[k] == '\n' || part[k] == '\t' || part[k] == '\r') part[k] = ' ';
            vrows_row(r);
            vrows_raw8(r, sqlarea_address(i));
            vrows_int(r, sql_hash_value(e.sql_id));
            vrows_text(r, e.sql_id);
            vrows_int(r, e.command);
            vrows_int(r, (int64_t)piece);
            vrows_text(r, part);
            vrows_int(r, 0);
        }
    }
}

static void fill_sqltext(vrows *r, const vview_ctx *ctx) { text_pieces(r, 0); }
static void fill_sqltext_nl(vrows *r, const vview_ctx *ctx) { text_pieces(r, 1); }

#define SQLTEXT_COLUMNS                                                                          \
    "ADDRESS RAW(8), HASH_VALUE NUMBER, SQL_ID VARCHAR2(13), COMMAND_TYPE NUMBER, "              \
    "PIECE NUMBER, SQL_TEXT VARCHAR2(64), CON_ID NUMBER"

const vview v_sqltext = {"SQLTEXT", SQLTEXT_COLUMNS, fill_sqltext};
const vview v_sqltext_with_newlines = {"SQLTEXT_WITH_NEWLINES", SQLTEXT_COLUMNS, fill_sqltext_nl};
