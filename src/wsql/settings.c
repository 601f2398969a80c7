/*
 * settings.c - SET and SHOW.
 *
 * Each option is a row in one table: its name and shortest abbreviation,
 * its kind (ON/OFF, number in a range, text, or one with its own syntax)
 * and where its value lives in the shell.  SET parses values by kind; SHOW
 * prints them the way SQL*Plus does ("linesize 80", "heading ON").
 */
#include "wsql/settings.h"

#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "wsql/errors.h"
#include "wsql/report.h"
#include "wsql/server_output.h"
#include "wsql/session.h"
#include "wsql/text.h"
#include "wsql/values.h"

enum opt_kind {
    OPT_BOOL,
    OPT_INT,
    OPT_TEXT,
    OPT_FEEDBACK,
    OPT_DEFINE, /* ON | OFF | prefix character */
    OPT_CHAR,   /* ON | OFF | character (CONCAT, HEADSEP): OFF stores 0 */
    OPT_SERVEROUTPUT,
    OPT_AUTOCOMMIT,
    OPT_NEWPAGE,   /* a number, or NONE */
    OPT_NUMFORMAT, /* a number mask, or "" */
    OPT_MARKUP,    /* CSV ON|OFF [DELIMITER c] [QUOTE ON|OFF]; HTML is not supported */
    OPT_AUTOTRACE, /* OFF only */
    OPT_IGNORED,   /* accepted, no effect on wsql's output */
};

typedef struct set_option {
    const char *name;
    size_t min;
    enum opt_kind kind;
    size_t offset; /* of the value in struct shell */
    int lo, hi;    /* OPT_INT: the range; OPT_CHAR: LO is the character ON restores */
} set_option;

#define AT(field) offsetof(shell, field)

static const set_option options[] = {
    {"LINESIZE", 3, OPT_INT, AT(fmt.linesize), 1, 32767},
    {"PAGESIZE", 5, OPT_INT, AT(fmt.pagesize), 0, 50000},
    {"NUMWIDTH", 3, OPT_INT, AT(fmt.numwidth), 2, 50},
    {"NUMFORMAT", 4, OPT_NUMFORMAT, AT(fmt.numformat), 0, 0},
    {"MARKUP", 4, OPT_MARKUP, AT(fmt.csv), 0, 0},
    {"LONG", 4, OPT_INT, AT(fmt.long_width), 1, 2000000000},
    {"FEEDBACK", 4, OPT_FEEDBACK, AT(fmt.feedback), 0, 50000},
    {"HEADING", 3, OPT_BOOL, AT(fmt.heading), 0, 0},
    {"WRAP", 3, OPT_BOOL, AT(fmt.wrap), 0, 0},
    {"NULL", 4, OPT_TEXT, AT(fmt.null_text), 0, 0},
    {"COLSEP", 6, OPT_TEXT, AT(fmt.colsep), 0, 0},
    {"HEADSEP", 5, OPT_CHAR, AT(fmt.headsep), '|', 0},
    {"TIMING", 4, OPT_BOOL, AT(timing), 0, 0},
    {"SERVEROUTPUT", 9, OPT_SERVEROUTPUT, AT(serveroutput), 0, 0},
    {"VERIFY", 3, OPT_BOOL, AT(verify), 0, 0},
    {"ECHO", 4, OPT_BOOL, AT(in.echo), 0, 0},
    {"DEFINE", 3, OPT_DEFINE, AT(vars.enabled), 0, 0},
    {"CONCAT", 3, OPT_CHAR, AT(vars.concat), '.', 0},
    {"SQLBLANKLINES", 5, OPT_BOOL, AT(sp.blank_lines_ok), 0, 0},
    {"AUTOCOMMIT", 4, OPT_AUTOCOMMIT, AT(autocommit), 0, 0},
    {"SQLPROMPT", 4, OPT_TEXT, AT(sqlprompt), 0, 0},
    {"TERMOUT", 4, OPT_BOOL, AT(termout), 0, 0},
    {"TRIMOUT", 5, OPT_BOOL, AT(fmt.trimout), 0, 0},
    {"TRIMSPOOL", 5, OPT_BOOL, AT(spool.trim), 0, 0},
    {"NEWPAGE", 4, OPT_NEWPAGE, AT(fmt.newpage), 0, 999},
    {"UNDERLINE", 3, OPT_CHAR, AT(fmt.underline), '-', 0},
    {"AUTOTRACE", 5, OPT_AUTOTRACE, 0, 0, 0},
    {"TAB", 3, OPT_IGNORED, 0, 0, 0},
    {"PAUSE", 3, OPT_IGNORED, 0, 0, 0},
    {"ARRAYSIZE", 5, OPT_IGNORED, 0, 0, 0},
    {"RECSEP", 6, OPT_IGNORED, 0, 0, 0},
    {"LONGCHUNKSIZE", 5, OPT_IGNORED, 0, 0, 0},
    {"SHOWMODE", 4, OPT_IGNORED, 0, 0, 0},
    {"TIME", 2, OPT_IGNORED, 0, 0, 0},
    {"EMBEDDED", 3, OPT_IGNORED, 0, 0, 0},
    {"ESCAPE", 3, OPT_IGNORED, 0, 0, 0},
    {"FLUSH", 3, OPT_IGNORED, 0, 0, 0},
    {"SUFFIX", 3, OPT_IGNORED, 0, 0, 0},
    {"APPINFO", 2, OPT_IGNORED, 0, 0, 0},
};

static int *int_at(shell *sh, const set_option *o)
{
    return (int *)((char *)sh + o->offset);
}
static char **text_at(shell *sh, const set_option *o)
{
    return (char **)((char *)sh + o->offset);
}
static char *char_at(shell *sh, const set_option *o)
{
    return (char *)sh + o->offset;
}

static const set_option *find_option(word w)
{
    for (size_t i = 0; i < sizeof options / sizeof *options; i++)
        if (text_is(w, options[i].name, options[i].min)) return &options[i];
    return NULL;
}

/* "linesize" for messages. */
static const char *lower_name(const set_option *o, buf *scratch)
{
    buf_reset(scratch);
    for (const char *p = o->name; *p; p++)
        buf_putc(scratch, (uint8_t)tolower((unsigned char)*p));
    return buf_cstr(scratch);
}

static int parse_on_off(word w, int *value)
{
    if (text_is(w, "ON", 2))
        *value = 1;
    else if (text_is(w, "OFF", 3))
        *value = 0;
    else
        return -1;
    return 0;
}

static int bad_on_off(shell *sh, const set_option *o)
{
    err_print_sp2(sh->out, 265, "%s must be set ON or OFF", lower_name(o, &sh->scratch));
    return -1;
}

static int bad_number(shell *sh, const set_option *o)
{
    err_print_sp2(sh->out, 268, "%s option not a valid number", lower_name(o, &sh->scratch));
    return -1;
}

static int set_int(shell *sh, const set_option *o, word w, int *field)
{
    long v;
    if (text_int(w, &v) < 0) return bad_number(sh, o);
    if (v < o->lo || v > o->hi) {
        err_print_sp2(sh->out, 267, "%s option %ld out of range (%d through %d)",
                      lower_name(o, &sh->scratch), v, o->lo, o->hi);
        return -1;
    }
    *field = (int)v;
    return 0;
}

/* A one-character value: 'c', "c" or c. */
static int single_char(word w, char *c)
{
    char *text = text_unquote(w);
    int ok = strlen(text) == 1;
    if (ok) *c = text[0];
    free(text);
    return ok ? 0 : -1;
}

static int set_define(shell *sh, const set_option *o, word w)
{
    int on;
    char c;
    if (parse_on_off(w, &on) == 0)
        sh->vars.enabled = on;
    else if (single_char(w, &c) == 0 && !isalnum((unsigned char)c) && !isspace((unsigned char)c))
        sh->vars.enabled = 1, sh->vars.prefix = c;
    else
        return bad_on_off(sh, o);
    return 0;
}

static int set_char(shell *sh, const set_option *o, word w)
{
    int on;
    char c;
    if (parse_on_off(w, &on) == 0)
        *char_at(sh, o) = on ? (char)o->lo : 0;
    else if (single_char(w, &c) == 0)
        *char_at(sh, o) = c;
    else
        return bad_on_off(sh, o);
    return 0;
}

static int set_feedback(shell *sh, const set_option *o, word w)
{
    int on;
    if (parse_on_off(w, &on) == 0) {
        sh->fmt.feedback = on;
        return 0;
    }
    if (text_is(w, "ONLY", 4)) return 0;
    long v;
    if (text_int(w, &v) < 0) return bad_on_off(sh, o);
    return set_int(sh, o, w, &sh->fmt.feedback);
}

static int set_autocommit(shell *sh, const set_option *o, word w)
{
    long n;
    int on;
    if (parse_on_off(w, &on) == 0)
        sh->autocommit = on;
    else if (text_is(w, "IMMEDIATE", 3))
        sh->autocommit = 1;
    else if (text_int(w, &n) == 0)
        sh->autocommit = n > 0;
    else {
        err_print_sp2(sh->out, 266, "autocommit must be set ON, OFF, IMMEDIATE or a number");
        return -1;
    }
    return 0;
}

/* SERVEROUTPUT ON|OFF [SIZE n|UNLIMITED] [FORMAT f]: the session's DBMS_OUTPUT enabled or not
 * (FORMAT is accepted; lines are printed as they are). */
static int set_serveroutput(shell *sh, const set_option *o, word w, const char **rest)
{
    if (parse_on_off(w, &sh->serveroutput) < 0) return bad_on_off(sh, o);
    for (;;) {
        const char *p = *rest;
        word opt, value;
        if (!text_word(&p, &opt) || !(text_is(opt, "SIZE", 3) || text_is(opt, "FORMAT", 3)) ||
            !text_word(&p, &value))
            break;
        if (text_is(opt, "SIZE", 3))
            sh->serveroutput_size = text_is(value, "UNLIMITED", 3) ? 0 : strtol(value.p, NULL, 10);
        *rest = p;
    }
    server_output_enable(sh);
    return 0;
}

/* NEWPAGE n | NONE: blank lines before each page (0: a form feed). */
static int set_newpage(shell *sh, const set_option *o, word w)
{
    if (text_is(w, "NONE", 4)) {
        sh->fmt.newpage = -1;
        return 0;
    }
    return set_int(sh, o, w, &sh->fmt.newpage);
}

/* NUMFORMAT mask: every NUMBER column without a COLUMN FORMAT; "" for none. */
static int set_numformat(shell *sh, word w)
{
    char *mask = text_unquote(w);
    num_mask parsed;
    if (*mask && num_mask_parse(mask, &parsed) < 0) {
        err_print_sp2(sh->out, 246, "Illegal FORMAT string \"%s\"", mask);
        free(mask);
        return -1;
    }
    free(sh->fmt.numformat);
    sh->fmt.numformat = *mask ? mask : NULL;
    if (!*mask) free(mask);
    return 0;
}

/* MARKUP CSV {ON|OFF} [DELIMITER c] [QUOTE {ON|OFF}] */
static int set_markup(shell *sh, word w, const char **rest)
{
    word opt, value;
    int on;
    char c;
    if (text_is(w, "HTML", 4)) {
        fputs("wsql: SET MARKUP HTML is not supported - rest of line ignored.\n", sh->out);
        *rest += strlen(*rest);
        return -1;
    }
    if (!text_is(w, "CSV", 3) || !text_word(rest, &value) || parse_on_off(value, &on) < 0) {
        err_print_sp2(sh->out, 158, "unknown SET MARKUP option \"%.*s\"", (int)w.len, w.p);
        return -1;
    }
    sh->fmt.csv = on;
    for (const char *p = *rest; text_word(&p, &opt) && text_word(&p, &value); *rest = p) {
        if (text_is(opt, "DELIMITER", 5) && single_char(value, &c) == 0)
            sh->fmt.csv_delimiter = c;
        else if (text_is(opt, "QUOTE", 5) && parse_on_off(value, &on) == 0)
            sh->fmt.csv_quote = on;
        else
            break;
    }
    return 0;
}

/* AUTOTRACE OFF; the plan and statistics reports it would turn on need PLUSTRACE's views. */
static int set_autotrace(shell *sh, const set_option *o, word w, const char **rest)
{
    if (text_is(w, "OFF", 3)) return 0;
    if (!(text_is(w, "ON", 2) || text_is(w, "TRACEONLY", 5))) {
        err_print_sp2(sh->out, 265, "autotrace must be set ON, OFF or TRACEONLY");
        return -1;
    }
    word more;
    while (text_word(rest, &more))
        ; /* EXPLAIN / STATISTICS */
    err_print_sp2(sh->out, 618,
                  "Cannot find the Session Identifier.  Check PLUSTRACE role is enabled");
    err_print_sp2(sh->out, 611, "Error enabling STATISTICS report");
    return -1;
}

/* Apply one option; *REST is advanced past its value(s). */
static int set_one(shell *sh, const set_option *o, const char **rest)
{
    word w;
    if (!text_word(rest, &w)) {
        err_print_sp2(sh->out, 265, "%s must be set ON or OFF", lower_name(o, &sh->scratch));
        return -1;
    }
    switch (o->kind) {
    case OPT_BOOL:
        return parse_on_off(w, int_at(sh, o)) < 0 ? bad_on_off(sh, o) : 0;
    case OPT_INT:
        return set_int(sh, o, w, int_at(sh, o));
    case OPT_TEXT:
        free(*text_at(sh, o));
        *text_at(sh, o) = text_unquote(w);
        return 0;
    case OPT_FEEDBACK:
        return set_feedback(sh, o, w);
    case OPT_DEFINE:
        return set_define(sh, o, w);
    case OPT_CHAR:
        return set_char(sh, o, w);
    case OPT_AUTOCOMMIT:
        return set_autocommit(sh, o, w);
    case OPT_SERVEROUTPUT:
        return set_serveroutput(sh, o, w, rest);
    case OPT_NEWPAGE:
        return set_newpage(sh, o, w);
    case OPT_NUMFORMAT:
        return set_numformat(sh, w);
    case OPT_MARKUP:
        return set_markup(sh, w, rest);
    case OPT_AUTOTRACE:
        return set_autotrace(sh, o, w, rest);
    case OPT_IGNORED:
        return 0;
    }
    return 0;
}

void settings_set(shell *sh, const char *args)
{
    const char *p = args;
    word w;
    if (!text_word(&p, &w)) {
        err_print_sp2(sh->out, 265, "Command SET requires an option");
        return;
    }
    do {
        const set_option *o = find_option(w);
        if (!o) {
            err_print_sp2(sh->out, 158, "unknown SET option \"%.*s\"", (int)w.len, w.p);
            return;
        }
        if (set_one(sh, o, &p) < 0) return;
    } while (text_word(&p, &w));
}

/* ---- SHOW ---- */

static void show_char_option(shell *sh, const char *name, char c)
{
    if (c)
        fprintf(sh->out, "%s \"%c\" (hex %02x)\n", name, c, (unsigned char)c);
    else
        fprintf(sh->out, "%s OFF\n", name);
}

static void show_option(shell *sh, const set_option *o)
{
    const char *name = lower_name(o, &sh->scratch);
    switch (o->kind) {
    case OPT_BOOL:
        fprintf(sh->out, "%s %s\n", name, *int_at(sh, o) ? "ON" : "OFF");
        break;
    case OPT_INT:
        fprintf(sh->out, "%s %d\n", name, *int_at(sh, o));
        break;
    case OPT_TEXT:
        fprintf(sh->out, "%s \"%s\"\n", name, *text_at(sh, o));
        break;
    case OPT_FEEDBACK:
        if (sh->fmt.feedback)
            fprintf(sh->out, "FEEDBACK ON for %d or more rows\n", sh->fmt.feedback);
        else
            fprintf(sh->out, "feedback OFF\n");
        break;
    case OPT_DEFINE:
        show_char_option(sh, name, sh->vars.enabled ? sh->vars.prefix : 0);
        break;
    case OPT_CHAR:
        show_char_option(sh, name, *char_at(sh, o));
        break;
    case OPT_SERVEROUTPUT:
    case OPT_AUTOCOMMIT:
        fprintf(sh->out, "%s %s\n", name, *int_at(sh, o) ? "ON" : "OFF");
        break;
    case OPT_NEWPAGE:
        if (sh->fmt.newpage < 0)
            fprintf(sh->out, "newpage NONE\n");
        else
            fprintf(sh->out, "newpage %d\n", sh->fmt.newpage);
        break;
    case OPT_AUTOTRACE:
        fprintf(sh->out, "autotrace OFF\n");
        break;
    case OPT_NUMFORMAT:
        fprintf(sh->out, "numformat \"%s\"\n", sh->fmt.numformat ? sh->fmt.numformat : "");
        break;
    case OPT_MARKUP:
        fprintf(sh->out, "markup CSV %s DELIMITER %c QUOTE %s\n", sh->fmt.csv ? "ON" : "OFF",
                sh->fmt.csv_delimiter, sh->fmt.csv_quote ? "ON" : "OFF");
        break;
    case OPT_IGNORED:
        fprintf(sh->out, "%s (accepted, no effect in wsql)\n", name);
        break;
    }
}

static void show_user(shell *sh)
{
    fprintf(sh->out, "USER is \"%s\"\n", sh->conn && sh->user ? sh->user : "");
}

/*
 * SHOW PARAMETER[S] [name]: V$PARAMETER's rows whose name contains NAME in
 * SQL*Plus's three columns, without a closing blank line or feedback;
 * nothing at all when no parameter matches.
 */
static void show_parameters(shell *sh, const char *rest)
{
    static const report_column layout[] = {
        {"NAME", 36, FOLD_DEFAULT}, {"TYPE", 11, FOLD_DEFAULT}, {"VALUE", 30, FOLD_DEFAULT}};
    word w;
    char *filter = text_word(&rest, &w) ? text_unquote(w) : xstrdup("");
    wdn_bind bind = {.text = filter};
    fmt_settings saved;
    wsql_layout_begin(sh, layout, 3, &saved);
    wsql_run_report(sh,
                    "SELECT name, DECODE(type, 1, 'boolean', 2, 'string', 3, 'integer', 4, "
                    "'file', 6, 'big integer', 'unknown') type, value FROM v$parameter "
                    "WHERE LOWER(name) LIKE '%' || LOWER(:f) || '%' ORDER BY name",
                    &bind, 1, "");
    wsql_layout_end(sh, &saved);
    free(filter);
}

/*
 * SHOW SGA: V$SGA's areas under their total, as SQL*Plus prints them
 * ("Total System Global Area  123456 bytes"); the server's error when it
 * has no V$SGA.
 */
static void show_sga(shell *sh)
{
    static const report_column layout[] = {{"NAME", 24, FOLD_DEFAULT}};
    fmt_settings saved;
    wsql_layout_begin(sh, layout, 1, &saved);
    sh->fmt.heading = 0;
    long rows = wsql_run_report(sh,
                                "SELECT name, value, 'bytes' unit FROM (SELECT 'Total System "
                                "Global Area' name, SUM(value) value, 0 ord FROM v$sga "
                                "UNION ALL SELECT name, value, 1 FROM v$sga) ORDER BY ord",
                                NULL, 0, "");
    wsql_layout_end(sh, &saved);
    if (rows > 0) fputc('\n', sh->out);
}

/*
 * SHOW ERRORS [type [schema.]name]: the unit's compilation errors from
 * USER_ERRORS (ALL_ERRORS for a named schema) in SQL*Plus's layout, for the
 * unit this session last created when no unit is named; "No errors." when
 * there are none (or no unit was created yet).
 */
static void show_errors(shell *sh, const char *rest)
{
    static const report_column layout[] = {{"LINE/COL", 8, FOLD_DEFAULT},
                                           {"ERROR", 65, FOLD_WORD_WRAPPED}};
    unit_ref u = sh->last_unit;
    if (*text_skip_blanks(rest) && unit_parse_ref(rest, &u) < 0) {
        fputs("Usage: SHOW ERRORS [{ FUNCTION | PROCEDURE | PACKAGE | PACKAGE BODY | TRIGGER "
              "| VIEW | TYPE | TYPE BODY | DIMENSION | JAVA SOURCE | JAVA CLASS } "
              "[schema.]name]\n",
              sh->out);
        return;
    }
    if (!u.name[0]) {
        fputs("No errors.\n", sh->out);
        return;
    }
    wdn_bind binds[] = {{.text = u.owner}, {.text = u.name}, {.text = u.type}};
    int other = u.owner[0] != 0;
    buf sql, title;
    buf_init(&sql), buf_init(&title);
    buf_printf(&sql,
               "SELECT TO_CHAR(line) || '/' || TO_CHAR(position) \"LINE/COL\", text \"ERROR\" "
               "FROM %s WHERE %sname = :n AND type = :t ORDER BY sequence",
               other ? "all_errors" : "user_errors", other ? "owner = :o AND " : "");
    buf_printf(&title, "Errors for %s %s%s%s:", u.type, u.owner, other ? "." : "", u.name);
    fmt_settings saved;
    wsql_layout_begin(sh, layout, 2, &saved);
    long rows = wsql_run_report(sh, buf_cstr(&sql), binds + !other, 3 - !other, buf_cstr(&title));
    wsql_layout_end(sh, &saved);
    if (rows == 0) fputs("No errors.\n", sh->out);
    buf_free(&sql), buf_free(&title);
}

/* SHOW TTITLE, BTITLE, REPHEADER, REPFOOTER (as the command alone lists them), SPOOL. */
static int show_report_setting(shell *sh, word w)
{
    if (text_is(w, "TTITLE", 3))
        report_title(sh, &sh->fmt.ttitle, "ttitle", "");
    else if (text_is(w, "BTITLE", 3))
        report_title(sh, &sh->fmt.btitle, "btitle", "");
    else if (text_is(w, "REPHEADER", 5))
        report_title(sh, &sh->fmt.repheader, "repheader", "");
    else if (text_is(w, "REPFOOTER", 5))
        report_title(sh, &sh->fmt.repfooter, "repfooter", "");
    else if (text_is(w, "SPOOL", 3))
        fprintf(sh->out, "spool %s\n", sh->spool.file ? "ON" : "OFF");
    else
        return 0;
    return 1;
}

void settings_show(shell *sh, const char *args)
{
    const char *p = args;
    word w;
    if (!text_word(&p, &w)) {
        err_print_sp2(sh->out, 158, "unknown SHOW option beginning \"\"");
        return;
    }
    if (text_is(w, "USER", 3)) {
        show_user(sh);
        return;
    }
    if (text_is(w, "ERRORS", 3)) {
        show_errors(sh, p);
        return;
    }
    if (text_is(w, "PARAMETERS", 3)) {
        show_parameters(sh, p);
        return;
    }
    if (text_is(w, "SGA", 3)) {
        show_sga(sh);
        return;
    }
    if (show_report_setting(sh, w)) return;
    if (text_is(w, "RELEASE", 3)) {
        fputs("release 1900000000\n", sh->out);
        return;
    }
    if (text_is(w, "ALL", 3)) {
        for (size_t i = 0; i < sizeof options / sizeof *options; i++)
            if (options[i].kind != OPT_IGNORED) show_option(sh, &options[i]);
        show_user(sh);
        return;
    }
    const set_option *o = find_option(w);
    if (o)
        show_option(sh, o);
    else
        err_print_sp2(sh->out, 158, "unknown SHOW option \"%.*s\"", (int)w.len, w.p);
}
