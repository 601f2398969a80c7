/*
 * script.c - the statement splitter (see script.h for the rules).
 *
 * SQL lines are scanned for quotes and comments so that a ';' inside a
 * string or comment does not end the statement; the scan state carries
 * across lines.  PL/SQL is not scanned: only a '/' line ends it, as in
 * SQL*Plus.
 */
#include "wsql/script.h"

#include <string.h>

#include "wsql/feedback.h"
#include "wsql/text.h"

static const struct command_name {
    const char *name;
    size_t min; /* shortest abbreviation */
    enum wsql_cmd cmd;
} command_names[] = {
    {"SET", 3, CMD_SET},
    {"SHOW", 3, CMD_SHOW},
    {"COLUMN", 3, CMD_COLUMN},
    {"DESCRIBE", 4, CMD_DESCRIBE},
    {"START", 3, CMD_START},
    {"CONNECT", 4, CMD_CONNECT},
    {"DISCONNECT", 4, CMD_DISCONNECT},
    {"EXIT", 4, CMD_EXIT},
    {"QUIT", 4, CMD_EXIT},
    {"PROMPT", 3, CMD_PROMPT},
    {"CLEAR", 2, CMD_CLEAR},
    {"DEFINE", 3, CMD_DEFINE},
    {"UNDEFINE", 5, CMD_UNDEFINE},
    {"EXECUTE", 4, CMD_EXECUTE},
    {"WHENEVER", 5, CMD_WHENEVER},
    {"LIST", 1, CMD_LIST},
    {"RUN", 1, CMD_RUN},
    {"SHUTDOWN", 4, CMD_SHUTDOWN},
    {"STARTUP", 5, CMD_STARTUP},
    /* recognised so that they do not swallow the following lines as SQL */
    {"ACCEPT", 3, CMD_ACCEPT},
    {"APPEND", 1, CMD_UNSUPPORTED},
    {"ARCHIVE", 4, CMD_UNSUPPORTED},
    {"ATTRIBUTE", 4, CMD_UNSUPPORTED},
    {"BREAK", 3, CMD_BREAK},
    {"BTITLE", 3, CMD_BTITLE},
    {"CHANGE", 1, CMD_UNSUPPORTED},
    {"COMPUTE", 4, CMD_COMPUTE},
    {"COPY", 4, CMD_UNSUPPORTED},
    {"DEL", 3, CMD_UNSUPPORTED},
    {"EDIT", 2, CMD_UNSUPPORTED},
    {"GET", 3, CMD_UNSUPPORTED},
    {"HELP", 4, CMD_UNSUPPORTED},
    {"HOST", 2, CMD_UNSUPPORTED},
    {"INPUT", 1, CMD_UNSUPPORTED},
    {"PASSWORD", 5, CMD_UNSUPPORTED},
    {"PAUSE", 3, CMD_PAUSE},
    {"PRINT", 3, CMD_UNSUPPORTED},
    {"RECOVER", 4, CMD_UNSUPPORTED},
    {"REPFOOTER", 5, CMD_REPFOOTER},
    {"REPHEADER", 5, CMD_REPHEADER},
    {"SAVE", 3, CMD_UNSUPPORTED},
    {"SPOOL", 3, CMD_SPOOL},
    {"STORE", 3, CMD_UNSUPPORTED},
    {"TIMING", 4, CMD_UNSUPPORTED},
    {"TTITLE", 3, CMD_TTITLE},
    {"VARIABLE", 3, CMD_UNSUPPORTED},
};

/* First keywords of SQL statements (anything else at the prompt is SP2-0734). */
static const char *const sql_starters[] = {
    "SELECT",     "WITH",      "INSERT",       "UPDATE",  "DELETE", "MERGE",   "CREATE",
    "ALTER",      "DROP",      "TRUNCATE",     "GRANT",   "REVOKE", "COMMIT",  "ROLLBACK",
    "SAVEPOINT",  "LOCK",      "COMMENT",      "ANALYZE", "AUDIT",  "NOAUDIT", "RENAME",
    "PURGE",      "FLASHBACK", "EXPLAIN",      "CALL",    "BEGIN",  "DECLARE", "SET",
    "ADMINISTER", "ASSOCIATE", "DISASSOCIATE", "VALUES"};

/* The first run of name characters of LINE (after blanks). */
static word first_word(const char *line)
{
    const char *p = text_skip_blanks(line);
    word w = {p, 0};
    while (text_is_name_char(p[w.len]))
        w.len++;
    return w;
}

static int is_sql_set(const char *line)
{
    const char *p = text_skip_blanks(line);
    word w;
    text_word(&p, &w); /* SET */
    if (!text_sql_word(&p, &w)) return 0;
    return text_is(w, "TRANSACTION", 11) || text_is(w, "ROLE", 4) || text_is(w, "CONSTRAINT", 10) ||
           text_is(w, "CONSTRAINTS", 11);
}

enum wsql_cmd script_command_of(const char *line)
{
    const char *p = text_skip_blanks(line);
    if (*p == '@') return CMD_START;
    if (*p == '!') return CMD_UNSUPPORTED;
    word w = first_word(p);
    if (w.len == 0) return CMD_NONE;
    for (size_t i = 0; i < sizeof command_names / sizeof *command_names; i++) {
        if (!text_is(w, command_names[i].name, command_names[i].min)) continue;
        if (command_names[i].cmd == CMD_SET && is_sql_set(p)) return CMD_NONE;
        return command_names[i].cmd;
    }
    return CMD_NONE;
}

static int starts_sql(const char *line)
{
    const char *p = text_skip_blanks(line);
    if (*p == '(') return 1;
    word w = first_word(p);
    for (size_t i = 0; i < sizeof sql_starters / sizeof *sql_starters; i++)
        if (text_is(w, sql_starters[i], strlen(sql_starters[i]))) return 1;
    return 0;
}

void script_init(script *s)
{
    memset(s, 0, sizeof *s);
    buf_init(&s->text);
    buf_init(&s->buffer);
    buf_init(&s->command);
}

void script_free(script *s)
{
    buf_free(&s->text);
    buf_free(&s->buffer);
    buf_free(&s->command);
}

int script_collecting(const script *s)
{
    return s->lines > 0 || s->in_command;
}

const char *script_prompt(const script *s, const char *prompt, buf *scratch)
{
    if (s->in_command) return "> ";
    if (s->lines == 0) return prompt;
    buf_reset(scratch);
    buf_printf(scratch, "%3d  ", s->lines + 1);
    return buf_cstr(scratch);
}

void script_set_buffer(script *s, const char *text, int plsql)
{
    buf_reset(&s->buffer);
    buf_puts(&s->buffer, text);
    s->buffer_plsql = plsql;
}

static void reset_statement(script *s)
{
    buf_reset(&s->text);
    s->lines = 0;
    s->plsql = 0;
    s->quote = 0;
    s->in_q_quote = 0;
    s->in_block_comment = 0;
}

/* Move the collected statement into the SQL buffer. */
static void keep_statement(script *s)
{
    script_set_buffer(s, buf_cstr(&s->text), s->plsql);
    reset_statement(s);
}

void script_abandon(script *s)
{
    if (s->lines > 0) keep_statement(s);
    buf_reset(&s->command);
    s->in_command = 0;
}

static int is_only(const char *line, char c)
{
    const char *p = text_skip_blanks(line);
    return p[0] == c && *text_skip_blanks(p + 1) == 0;
}

static int is_blank_line(const char *line)
{
    return *text_skip_blanks(line) == 0;
}

static char q_quote_closer(char open)
{
    switch (open) {
    case '[':
        return ']';
    case '{':
        return '}';
    case '(':
        return ')';
    case '<':
        return '>';
    default:
        return open;
    }
}

/* Is the quote at LINE[I] the start of q'x...x' (or nq'x...x')? */
static int is_q_quote(const char *line, size_t i)
{
    if (i == 0 || (line[i - 1] != 'q' && line[i - 1] != 'Q') || !line[i + 1]) return 0;
    if (i == 1) return 1;
    char before = line[i - 2];
    return !text_is_name_char(before) ||
           ((before == 'n' || before == 'N') && (i == 2 || !text_is_name_char(line[i - 3])));
}

/* Scan LINE updating the quote/comment state; returns the offset of a
 * terminating ';' (followed only by blanks or a -- comment), or -1. */
static long scan_sql_line(script *s, const char *line)
{
    long semicolon = -1;
    for (size_t i = 0; line[i]; i++) {
        char c = line[i];
        if (s->in_block_comment) {
            if (c == '*' && line[i + 1] == '/') s->in_block_comment = 0, i++;
        } else if (s->quote) {
            if (s->in_q_quote) {
                if (c == s->quote && line[i + 1] == '\'') s->quote = 0, s->in_q_quote = 0, i++;
            } else if (c == s->quote) {
                if (c == '\'' && line[i + 1] == '\'')
                    i++;
                else
                    s->quote = 0;
            }
        } else if (c == '-' && line[i + 1] == '-') {
            break;
        } else if (c == '/' && line[i + 1] == '*') {
            s->in_block_comment = 1, i++, semicolon = -1;
        } else if (c == '\'' && is_q_quote(line, i)) {
            s->quote = q_quote_closer(line[i + 1]), s->in_q_quote = 1, i++, semicolon = -1;
        } else if (c == '\'' || c == '"') {
            s->quote = c, semicolon = -1;
        } else if (c == ';') {
            semicolon = (long)i;
        } else if (c != ' ' && c != '\t') {
            semicolon = -1;
        }
    }
    return s->quote || s->in_block_comment ? -1 : semicolon;
}

static void append_line(script *s, const char *line, size_t len)
{
    if (s->lines > 0) buf_putc(&s->text, '\n');
    buf_put(&s->text, line, len);
    s->lines++;
}

static script_item item(enum script_kind kind)
{
    return (script_item){kind, CMD_NONE, 0, NULL};
}

static script_item statement_done(script *s)
{
    keep_statement(s);
    script_item it = item(SCRIPT_STATEMENT);
    it.plsql = s->buffer_plsql;
    it.text = buf_cstr(&s->buffer);
    return it;
}

/* A line while a statement is being collected. */
static script_item feed_statement(script *s, const char *line)
{
    if (is_only(line, '/')) return statement_done(s);
    if (is_only(line, '.')) {
        keep_statement(s);
        return item(SCRIPT_ENDED);
    }
    if (!s->plsql && is_blank_line(line) && !s->blank_lines_ok) {
        keep_statement(s);
        return item(SCRIPT_ENDED);
    }
    size_t line_start = s->lines > 0 ? s->text.len + 1 : 0;
    long semicolon = s->plsql ? -1 : scan_sql_line(s, line);
    append_line(s, line, strlen(line));
    if (!s->plsql) s->plsql = stmt_is_plsql(buf_cstr(&s->text));
    if (s->plsql || semicolon < 0) return item(SCRIPT_MORE);
    size_t len = (size_t)semicolon;
    while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t'))
        len--;
    s->text.len = line_start + len;
    return statement_done(s);
}

/* Skip a block comment between statements; returns the rest of the line to process, or NULL. */
static const char *skip_top_comment(script *s, const char *line)
{
    const char *end = strstr(line, "*/");
    if (!end) {
        s->in_comment = 1;
        return NULL;
    }
    s->in_comment = 0;
    line = text_skip_blanks(end + 2);
    return *line ? line : NULL;
}

/* A command line, or its continuation when a previous line ended with '-'. */
static script_item command_item(script *s, enum wsql_cmd cmd, const char *line)
{
    size_t len = strlen(line);
    while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t'))
        len--;
    if (s->in_command)
        buf_putc(&s->command, ' ');
    else
        buf_reset(&s->command), s->command_cmd = cmd;
    cmd = s->command_cmd;
    s->in_command = 1;
    if (len > 0 && line[len - 1] == '-' && cmd != CMD_UNKNOWN) {
        buf_put(&s->command, line, len - 1);
        return item(SCRIPT_MORE);
    }
    buf_put(&s->command, line, len);
    s->in_command = 0;
    script_item it = item(SCRIPT_COMMAND);
    it.command = cmd;
    it.text = buf_cstr(&s->command);
    return it;
}

/* A line that starts something new. */
static script_item feed_first(script *s, const char *line)
{
    const char *p = text_skip_blanks(line);
    if (*p == 0 || (p[0] == '-' && p[1] == '-') || is_only(p, '.')) return item(SCRIPT_NOTHING);
    if (p[0] == '/' && p[1] == '*') {
        const char *rest = skip_top_comment(s, p + 2);
        return rest ? feed_first(s, rest) : item(SCRIPT_NOTHING);
    }
    if (is_only(p, '/')) {
        script_item it = item(SCRIPT_RUN_BUFFER);
        it.plsql = s->buffer_plsql;
        it.text = buf_cstr(&s->buffer);
        return it;
    }
    if (text_is(first_word(p), "REMARK", 3)) return item(SCRIPT_NOTHING);
    enum wsql_cmd cmd = script_command_of(p);
    if (cmd != CMD_NONE) return command_item(s, cmd, p);
    if (!starts_sql(p)) return command_item(s, CMD_UNKNOWN, p);
    reset_statement(s);
    return feed_statement(s, line);
}

script_item script_feed(script *s, const char *line)
{
    if (s->in_comment) {
        const char *rest = skip_top_comment(s, line);
        return rest ? feed_first(s, rest) : item(SCRIPT_NOTHING);
    }
    if (s->in_command) return command_item(s, CMD_NONE, line);
    if (s->lines > 0) return feed_statement(s, line);
    return feed_first(s, line);
}
