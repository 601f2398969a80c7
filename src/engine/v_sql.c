/*
 * v_sql.c - V$SQL and V$SQLAREA over the shared SQL area, V$SQLTEXT, and
 * V$OPEN_CURSOR (each session's open cursors and the statements they run).
 *
 * Warden has one cursor per distinct text and schema (no child cursors), so
 * V$SQL and V$SQLAREA list the same entries.  HASH_VALUE is Oracle's (the
 * low 32 bits of the SQL_ID's number); ADDRESS is stable per entry.
 */
#include <stdio.h>
#include <string.h>

#include "../common/sql_id.h"
#include "../sga/open_cursors.h"
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

/*
 * V$OPEN_CURSOR: the cursors each session has executed and not closed,
 * with the first 60 characters of their statements.  CURSOR_TYPE is OPEN
 * for the client's cursors, OPEN-PL/SQL for those PL/SQL opened.
 */
typedef struct area_text {
    int known; /* 1: TEXT is the entry's; -1: the entry is gone */
    char sql_id[14];
    char text[61];
} area_text;

/* Entry I's SQL_ID and text head, read once per scan into TEXTS. */
static const area_text *entry_text(area_text *texts, int i)
{
    area_text *t = &texts[i];
    if (t->known) return t->known > 0 ? t : NULL;
    static sqlarea_entry e; /* 4 KB of text: not on the stack */
    t->known = sqlarea_read(the_sqlarea, i, &e) ? 1 : -1;
    if (t->known < 0) return NULL;
    snprintf(t->sql_id, sizeof t->sql_id, "%s", e.sql_id);
    size_t n = strlen(e.text) < 60 ? strlen(e.text) : 60;
    while (n > 0 && n < strlen(e.text) && (e.text[n] & 0xC0) == 0x80) n--; /* whole characters */
    memcpy(t->text, e.text, n);
    t->text[n] = 0;
    return t;
}

static void open_cursor_row(vrows *r, int sid, const sga_session *s, const open_cursor *c,
                            const area_text *t)
{
    int area = c->area - 1;
    vrows_row(r);
    vrows_raw8(r, sga_session_addr(sid));
    vrows_int(r, sid);
    vrows_text(r, s->username);
    vrows_raw8(r, sqlarea_address(area));
    vrows_int(r, sql_hash_value(t->sql_id));
    vrows_text(r, t->sql_id);
    vrows_text(r, t->text);
    vrows_date(r, (time_t)(c->active_us / 1000000));
    vrows_null(r); /* SQL_EXEC_ID */
    vrows_text(r, c->type == OPEN_CURSOR_PLSQL ? "OPEN-PL/SQL" : "OPEN");
    vrows_raw8(r, sqlarea_address(area)); /* CHILD_ADDRESS: one cursor per text */
    vrows_int(r, 0);
}

static void fill_open_cursor(vrows *r, const vview_ctx *ctx)
{
    static area_text texts[SQLAREA_ENTRIES];
    memset(texts, 0, sizeof texts);
    sga_session s;
    for (int sid = 0; (sid = sga_next_session(the_sga, sid, &s)) != 0;) {
        for (int id = 1; id <= WARDEN_OPEN_CURSORS; id++) {
            open_cursor c;
            if (!open_cursor_read(the_open_cursors, sid, id, &c) || c.area > SQLAREA_ENTRIES)
                continue;
            const area_text *t = entry_text(texts, c.area - 1);
            if (t) open_cursor_row(r, sid, &s, &c, t);
        }
    }
}

const vview v_open_cursor = {
    "OPEN_CURSOR",
    "SADDR RAW(8), SID NUMBER, USER_NAME VARCHAR2(128), ADDRESS RAW(8), HASH_VALUE NUMBER, "
    "SQL_ID VARCHAR2(13), SQL_TEXT VARCHAR2(60), LAST_SQL_ACTIVE_TIME DATE, SQL_EXEC_ID NUMBER, "
    "CURSOR_TYPE VARCHAR2(64), CHILD_ADDRESS RAW(8), CON_ID NUMBER",
    fill_open_cursor,
};
