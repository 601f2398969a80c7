/*
 * script.h - the statement splitter: lines in, things to run out.
 *
 * Fed one input line at a time, it decides what SQL*Plus would do with it:
 * a wsql command (SET, COLUMN, @file ...) is complete on its line (a
 * trailing '-' continues it); SQL is collected until a line ends with ';'
 * or a line holds only '/'; PL/SQL (BEGIN, DECLARE, CREATE [OR REPLACE]
 * PROCEDURE|FUNCTION|PACKAGE|TRIGGER|TYPE ...) ends only with a '/' line; a
 * blank line ends a SQL statement without running it and '.' ends any
 * buffer.  The last statement stays in the SQL buffer, so '/' on its own
 * runs it again.  Comments ('--', REM, block comments) between statements
 * are dropped; inside a statement they are part of its text.
 */
#ifndef WSQL_SCRIPT_H
#define WSQL_SCRIPT_H

#include "common/buf.h"

enum wsql_cmd {
    CMD_NONE,
    CMD_SET,
    CMD_SHOW,
    CMD_COLUMN,
    CMD_DESCRIBE,
    CMD_START, /* @file, @@file, START file */
    CMD_CONNECT,
    CMD_DISCONNECT,
    CMD_EXIT, /* EXIT and QUIT */
    CMD_PROMPT,
    CMD_CLEAR,
    CMD_DEFINE,
    CMD_UNDEFINE,
    CMD_EXECUTE,
    CMD_WHENEVER,
    CMD_LIST,
    CMD_RUN,
    CMD_SHUTDOWN,
    CMD_STARTUP,
    CMD_BREAK,
    CMD_COMPUTE,
    CMD_TTITLE,
    CMD_BTITLE,
    CMD_REPHEADER,
    CMD_REPFOOTER,
    CMD_ACCEPT,
    CMD_PAUSE,
    CMD_SPOOL,
    CMD_UNSUPPORTED, /* a SQL*Plus command wsql does not implement */
    CMD_UNKNOWN,     /* neither a command nor the start of SQL (SP2-0734) */
};

enum script_kind {
    SCRIPT_NOTHING,    /* comment, or a blank line between statements */
    SCRIPT_MORE,       /* the statement continues on the next line */
    SCRIPT_COMMAND,    /* a wsql command: item.command, item.text = its line */
    SCRIPT_STATEMENT,  /* SQL or PL/SQL to run: item.text without the terminator */
    SCRIPT_RUN_BUFFER, /* '/' alone: run the SQL buffer (item.text, may be empty) */
    SCRIPT_ENDED,      /* blank line or '.': statement kept in the buffer, not run */
};

typedef struct script_item {
    enum script_kind kind;
    enum wsql_cmd command;
    int plsql;        /* the statement is PL/SQL (keeps its ';') */
    const char *text; /* valid until the next script_feed */
} script_item;

typedef struct script {
    buf text;  /* the statement being collected */
    int lines; /* its lines so far */
    int plsql;
    buf buffer; /* the SQL buffer: the last complete or ended statement */
    int buffer_plsql;
    buf command; /* a command line being continued with '-' */
    int in_command;
    enum wsql_cmd command_cmd;
    int in_comment; /* inside a block comment between statements */
    char quote;     /* inside '...' ('\''), "..." ('"'), or q'[...]' (closing char) */
    int in_q_quote;
    int in_block_comment; /* inside a block comment within a statement */
    int blank_lines_ok;   /* SET SQLBLANKLINES ON: blank lines do not end SQL */
} script;

void script_init(script *s);
void script_free(script *s);
script_item script_feed(script *s, const char *line);

/* A statement (or a continued command) is being collected. */
int script_collecting(const script *s);
/* The prompt SQL*Plus shows for the next line: "SQL> " (PROMPT), "  2  ", or "> ". */
const char *script_prompt(const script *s, const char *prompt, buf *scratch);
/* Abandon what is being collected, keeping it in the SQL buffer (end of a script file). */
void script_abandon(script *s);
/* Replace the SQL buffer (CLEAR BUFFER passes ""). */
void script_set_buffer(script *s, const char *text, int plsql);

/* Look up a command by its first word (abbreviations allowed). */
enum wsql_cmd script_command_of(const char *line);

#endif
