/*
 * commands.c - parsing and running wsql's commands.
 *
 * A command's line has had its substitution variables replaced and a
 * trailing ';' removed (except for PROMPT, which prints it) before it gets
 * here.  Each command is one function taking the text after its keyword.
 */
#include "wsql/commands.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "wsql/errors.h"
#include "wsql/report.h"
#include "wsql/session.h"
#include "wsql/settings.h"
#include "wsql/text.h"
#include "wsql/values.h"

enum { MAX_SCRIPT_DEPTH = 20 };

/* Text after the command word, blanks skipped. */
static const char *after_keyword(const char *text)
{
    const char *p = text_skip_blanks(text);
    while (*p && !isspace((unsigned char)*p))
        p++;
    return text_skip_blanks(p);
}

/* ---- COLUMN ---- */

static void column_show(shell *sh, const col_format *c)
{
    fprintf(sh->out, "COLUMN   %s ON\n", c->name);
    if (c->char_width) fprintf(sh->out, "FORMAT   a%d\n", c->char_width);
    if (c->num_mask) fprintf(sh->out, "FORMAT   %s\n", c->num_mask);
    if (c->heading) fprintf(sh->out, "HEADING  '%s' headsep '%c'\n", c->heading, sh->fmt.headsep);
    if (c->noprint) fputs("NOPRINT\n", sh->out);
    if (c->fold == FOLD_TRUNCATED) fputs("truncate\n", sh->out);
    if (c->fold == FOLD_WORD_WRAPPED) fputs("word_wrap\n", sh->out);
    if (c->justify)
        fprintf(sh->out, "JUSTIFY  %s\n",
                c->justify == 'L'   ? "LEFT"
                : c->justify == 'C' ? "CENTER"
                                    : "RIGHT");
    if (c->null_text) fprintf(sh->out, "NULL     '%s'\n", c->null_text);
    if (c->new_value) fprintf(sh->out, "NEW_VALUE %s\n", c->new_value);
    if (c->old_value) fprintf(sh->out, "OLD_VALUE %s\n", c->old_value);
}

/* JUSTIFY {L[EFT] | C[ENTER] | C[ENTRE] | R[IGHT]} */
static int column_justify(shell *sh, col_format *c, word w)
{
    if (text_is(w, "LEFT", 1))
        c->justify = 'L';
    else if (text_is(w, "CENTER", 1) || text_is(w, "CENTRE", 1))
        c->justify = 'C';
    else if (text_is(w, "RIGHT", 1))
        c->justify = 'R';
    else {
        err_print_sp2(sh->out, 158, "unknown COLUMN option \"%.*s\"", (int)w.len, w.p);
        return -1;
    }
    return 0;
}

/* Replace *FIELD with the option's value (a variable name or a text). */
static int column_text(shell *sh, char **field, word opt, const char **p, int is_name)
{
    word value;
    if (!text_word(p, &value)) {
        err_print_sp2(sh->out, 158, "COLUMN %.*s requires a value", (int)opt.len, opt.p);
        return -1;
    }
    free(*field);
    *field = is_name ? text_name(value) : text_unquote(value);
    return 0;
}

static int column_format(shell *sh, col_format *c, word w)
{
    char *text = text_unquote(w);
    num_mask mask;
    long width;
    if ((text[0] == 'a' || text[0] == 'A') &&
        text_int((word){text + 1, strlen(text + 1)}, &width) == 0 && width > 0) {
        c->char_width = (int)width;
        free(c->num_mask), c->num_mask = NULL;
    } else if (num_mask_parse(text, &mask) == 0) {
        free(c->num_mask);
        c->num_mask = xstrdup(text);
        c->char_width = 0;
    } else {
        err_print_sp2(sh->out, 246, "Illegal FORMAT string \"%s\"", text);
        free(text);
        return -1;
    }
    free(text);
    return 0;
}

/* One COLUMN option at *P; -1 on an error (reported). */
static int column_option(shell *sh, col_format *c, word opt, const char **p)
{
    word value;
    if (text_is(opt, "FORMAT", 3)) return text_word(p, &value) ? column_format(sh, c, value) : -1;
    if (text_is(opt, "HEADING", 3)) {
        if (!text_word(p, &value)) return -1;
        free(c->heading);
        c->heading = text_unquote(value);
    } else if (text_is(opt, "WRAPPED", 3)) {
        c->fold = FOLD_WRAPPED;
    } else if (text_is(opt, "WORD_WRAPPED", 3)) {
        c->fold = FOLD_WORD_WRAPPED;
    } else if (text_is(opt, "TRUNCATED", 3)) {
        c->fold = FOLD_TRUNCATED;
    } else if (text_is(opt, "NOPRINT", 5)) {
        c->noprint = 1;
    } else if (text_is(opt, "PRINT", 3)) {
        c->noprint = 0;
    } else if (text_is(opt, "ON", 2) || text_is(opt, "OFF", 3)) {
        /* accepted */
    } else if (text_is(opt, "JUSTIFY", 3)) {
        if (!text_word(p, &value)) return -1;
        return column_justify(sh, c, value);
    } else if (text_is(opt, "NEW_VALUE", 5)) {
        return column_text(sh, &c->new_value, opt, p, 1);
    } else if (text_is(opt, "OLD_VALUE", 5)) {
        return column_text(sh, &c->old_value, opt, p, 1);
    } else if (text_is(opt, "NULL", 3)) {
        return column_text(sh, &c->null_text, opt, p, 0);
    } else {
        err_print_sp2(sh->out, 158, "unknown COLUMN option \"%.*s\"", (int)opt.len, opt.p);
        return -1;
    }
    return 0;
}

static void cmd_column(shell *sh, const char *args)
{
    const char *p = args;
    word w, opt;
    if (!text_word(&p, &w)) {
        if (sh->fmt.ncols == 0) err_print_sp2(sh->out, 45, "* no COLUMN defined");
        for (size_t i = 0; i < sh->fmt.ncols; i++)
            column_show(sh, &sh->fmt.cols[i]);
        return;
    }
    char *name = text_name(w);
    if (!text_word(&p, &opt)) {
        const col_format *c = fmt_column_find(&sh->fmt, name);
        if (c)
            column_show(sh, c);
        else
            err_print_sp2(sh->out, 46, "COLUMN '%s' not defined", name);
    } else if (text_is(opt, "CLEAR", 3)) {
        fmt_column_remove(&sh->fmt, name);
    } else {
        col_format *c = fmt_column(&sh->fmt, name, 1);
        do {
            if (column_option(sh, c, opt, &p) < 0) break;
        } while (text_word(&p, &opt));
    }
    free(name);
}

/* ---- DEFINE / UNDEFINE / PROMPT ---- */

static void cmd_define(shell *sh, const char *args)
{
    if (!*args) {
        for (size_t i = 0; i < sh->vars.nvars; i++)
            subst_print_var(sh->out, &sh->vars.vars[i]);
        return;
    }
    size_t len = 0;
    while (text_is_name_char(args[len]))
        len++;
    char *name = xstrndup(args, len);
    const char *rest = text_skip_blanks(args + len);
    if (*rest == '=') {
        const char *value_text = text_skip_blanks(rest + 1);
        word value = {value_text, strlen(value_text)};
        char *value_copy = text_trim_right(text_unquote(value));
        subst_define(&sh->vars, name, value_copy);
        free(value_copy);
    } else {
        const char *value = subst_value(&sh->vars, name);
        subst_var shown = {text_upper(name), (char *)value};
        if (value)
            subst_print_var(sh->out, &shown);
        else
            err_print_sp2(sh->out, 135, "symbol %s is UNDEFINED", args);
    }
    free(name);
}

static void cmd_undefine(shell *sh, const char *args)
{
    word w;
    while (text_word(&args, &w)) {
        char *name = text_dup(w);
        subst_undefine(&sh->vars, name);
        free(name);
    }
}

static void cmd_prompt(shell *sh, const char *args)
{
    fprintf(sh->out, "%s\n", args);
}

/* ---- ACCEPT / PAUSE ---- */

static int is_number_text(const char *text)
{
    char *end;
    const char *p = text_skip_blanks(text);
    if (!*p) return 0;
    strtod(p, &end);
    return *text_skip_blanks(end) == 0;
}

/* ACCEPT var [NUM[BER]|CHAR|DATE] [FOR[MAT] f] [DEF[AULT] d] [PROMPT text|NOPR[OMPT]] [HIDE] */
static void cmd_accept(shell *sh, const char *args)
{
    const char *p = args;
    word w, value;
    if (!text_word(&p, &w)) {
        err_print_sp2(sh->out, 3, "Ill-formed ACCEPT command starting as %s", args);
        return;
    }
    char *name = text_dup(w);
    char *prompt = xstrdup(""), *dflt = NULL;
    int number = 0, hide = 0, ok = 1;
    while (ok && text_word(&p, &w)) {
        if (text_is(w, "NUMBER", 3))
            number = 1;
        else if (text_is(w, "CHAR", 4) || text_is(w, "DATE", 4))
            number = 0;
        else if (text_is(w, "HIDE", 4))
            hide = 1;
        else if (text_is(w, "NOPROMPT", 4))
            free(prompt), prompt = xstrdup("\n"); /* "skips a line" */
        else if ((text_is(w, "PROMPT", 3) || text_is(w, "DEFAULT", 3) || text_is(w, "FORMAT", 3)) &&
                 text_word(&p, &value)) {
            char **field = text_is(w, "PROMPT", 3)    ? &prompt
                           : text_is(w, "DEFAULT", 3) ? &dflt
                                                      : NULL;
            if (field) free(*field), *field = text_unquote(value);
        } else {
            err_print_sp2(sh->out, 3, "Ill-formed ACCEPT command starting as %s", args);
            ok = 0;
        }
    }
    for (int tries = 0; ok; tries++) {
        fflush(sh->out);
        char *answer = hide ? input_ask_secret(&sh->in, prompt) : input_ask(&sh->in, prompt);
        if (!answer) break; /* end of input: the variable stays as it was */
        if (!*answer && dflt) free(answer), answer = xstrdup(dflt);
        if (!number || is_number_text(answer)) {
            subst_define(&sh->vars, name, answer);
            free(answer);
            break;
        }
        err_print_sp2(sh->out, 425, "\"%s\" is not a valid NUMBER", answer);
        free(answer);
    }
    free(name), free(prompt), free(dflt);
}

/* PAUSE [text]: show the text (or an empty line) and wait for a line of input. */
static void cmd_pause(shell *sh, const char *args)
{
    fprintf(sh->out, "%s\n", args);
    fflush(sh->out);
    free(input_ask(&sh->in, ""));
}

/* ---- SPOOL ---- */

static void cmd_spool(shell *sh, const char *args)
{
    const char *p = args;
    word w, mode_word;
    if (!text_word(&p, &w)) {
        if (sh->spool.file)
            fprintf(sh->out, "currently spooling to %s\n", sh->spool.path);
        else
            fputs("not spooling currently\n", sh->out);
        return;
    }
    sh->out = sh->terminal; /* the tee may be closed below */
    if (text_is(w, "OFF", 3) || text_is(w, "OUT", 3)) {
        if (!sh->spool.file) err_print_sp2(sh->out, 332, "not spooling currently");
        spool_close(&sh->spool);
        return;
    }
    enum spool_mode mode = SPOOL_REPLACE;
    if (text_word(&p, &mode_word)) {
        if (text_is(mode_word, "CREATE", 3))
            mode = SPOOL_CREATE;
        else if (text_is(mode_word, "APPEND", 3))
            mode = SPOOL_APPEND;
        else if (!text_is(mode_word, "REPLACE", 3)) {
            err_print_sp2(sh->out, 768, "Illegal spool command");
            return;
        }
    }
    char *name = text_unquote(w);
    char *path = spool_path(name);
    FILE *exists = mode == SPOOL_CREATE ? fopen(path, "r") : NULL;
    if (exists) {
        fclose(exists);
        err_print_sp2(
            sh->out, 771,
            "File \"%s\" already exists.\nUse another name or \"SPOOL filename[.ext] REPLACE\"",
            path);
    } else if (spool_open(&sh->spool, path, mode) < 0) {
        err_print_sp2(sh->out, 606, "Cannot create SPOOL file \"%s\"", path);
    }
    free(path), free(name);
}

static void cmd_clear(shell *sh, const char *args)
{
    const char *p = args;
    word w;
    if (!text_word(&p, &w)) {
        err_print_sp2(sh->out, 158, "unknown CLEAR option \"\"");
        return;
    }
    if (text_is(w, "BUFFER", 3)) {
        script_set_buffer(&sh->sp, "", 0);
        fputs("buffer cleared\n", sh->out);
    } else if (text_is(w, "SQL", 3)) {
        script_set_buffer(&sh->sp, "", 0);
        fputs("sql cleared\n", sh->out);
    } else if (text_is(w, "COLUMNS", 3)) {
        fmt_columns_clear(&sh->fmt);
        fputs("columns cleared\n", sh->out);
    } else if (text_is(w, "SCREEN", 3)) {
        if (sh->in.editor) fputs("\033[H\033[2J", sh->out);
    } else if (text_is(w, "BREAKS", 3)) {
        fmt_breaks_clear(&sh->fmt);
        fputs("breaks cleared\n", sh->out);
    } else if (text_is(w, "COMPUTES", 4)) {
        fmt_computes_clear(&sh->fmt);
        fputs("computes cleared\n", sh->out);
    } else if (text_is(w, "TIMING", 3)) {
        fputs("timing cleared\n", sh->out);
    } else {
        err_print_sp2(sh->out, 158, "unknown CLEAR option \"%.*s\"", (int)w.len, w.p);
    }
}

/* ---- sessions: CONNECT, DISCONNECT, EXIT, WHENEVER ---- */

static void cmd_connect(shell *sh, const char *args)
{
    logon l;
    if (wsql_logon_parse(args, &l) < 0) {
        err_print_sp2(sh->out, 306, "Invalid option.");
        fputs("Usage: CONN[ECT] [{logon|/} [AS SYSDBA]]\n"
              "where <logon> ::= <username>[/<password>][@<connect_identifier>]\n",
              sh->out);
        return;
    }
    wsql_connect(sh, &l, ANNOUNCE_CONNECTED);
    wsql_logon_free(&l);
}

static void cmd_disconnect(shell *sh, const char *args)
{
    int was_connected = sh->conn != NULL;
    wsql_disconnect(sh, FINISH_COMMIT);
    if (was_connected && !sh->silent) fprintf(sh->out, "Disconnected from %s\n", WSQL_PRODUCT);
}

static int parse_finish(word w, enum finish_action *finish)
{
    if (text_is(w, "COMMIT", 6))
        *finish = FINISH_COMMIT;
    else if (text_is(w, "ROLLBACK", 8))
        *finish = FINISH_ROLLBACK;
    else if (text_is(w, "NONE", 4))
        *finish = FINISH_NONE;
    else
        return -1;
    return 0;
}

static int parse_status(word w, int *status)
{
    long n;
    if (text_is(w, "SUCCESS", 7))
        *status = 0;
    else if (text_is(w, "FAILURE", 7))
        *status = 1;
    else if (text_is(w, "WARNING", 7))
        *status = 2;
    else if (text_is(w, "SQL.SQLCODE", 11))
        *status = EXIT_STATUS_SQLCODE;
    else if (text_int(w, &n) == 0)
        *status = (int)n;
    else
        return -1;
    return 0;
}

/* [status] [COMMIT|ROLLBACK] as EXIT and WHENEVER ... EXIT take them. */
static int parse_exit_args(shell *sh, const char *p, int *status, enum finish_action *finish)
{
    word w;
    *status = 0;
    *finish = FINISH_COMMIT;
    if (!text_word(&p, &w)) return 0;
    if (parse_status(w, status) == 0 && !text_word(&p, &w)) return 0;
    if (parse_finish(w, finish) == 0 && *finish != FINISH_NONE && !text_word(&p, &w)) return 0;
    err_print_sp2(sh->out, 584, "EXIT variable \"%.*s\" was non-numeric", (int)w.len, w.p);
    return -1;
}

static void cmd_exit(shell *sh, const char *args)
{
    int status;
    enum finish_action finish;
    if (parse_exit_args(sh, args, &status, &finish) == 0) wsql_exit(sh, status, finish);
}

static void cmd_whenever(shell *sh, const char *args)
{
    const char *p = args;
    word kind, action;
    if (!text_word(&p, &kind) || !text_word(&p, &action) ||
        !(text_is(kind, "SQLERROR", 4) || text_is(kind, "OSERROR", 4))) {
        err_print_sp2(sh->out, 42, "unknown command \"whenever %s\" - rest of line ignored.", args);
        return;
    }
    int is_sql = text_is(kind, "SQLERROR", 4);
    int status;
    enum finish_action finish = FINISH_NONE;
    if (text_is(action, "EXIT", 4)) {
        if (parse_exit_args(sh, p, &status, &finish) < 0 || !is_sql) return;
        sh->sqlerror_exit = 1, sh->sqlerror_status = status, sh->sqlerror_finish = finish;
    } else if (text_is(action, "CONTINUE", 4)) {
        word w;
        if (text_word(&p, &w) && parse_finish(w, &finish) < 0) {
            err_print_sp2(sh->out, 158, "unknown WHENEVER option \"%.*s\"", (int)w.len, w.p);
            return;
        }
        if (is_sql) sh->sqlerror_exit = 0;
    } else {
        err_print_sp2(sh->out, 158, "unknown WHENEVER option \"%.*s\"", (int)action.len, action.p);
    }
}

/* ---- scripts: @, @@, START ---- */

/* NAME with ".sql" added when it has no extension, relative to DIR for @@. */
static char *script_path(const char *name, const char *dir)
{
    buf path;
    buf_init(&path);
    if (dir && name[0] != '/') buf_printf(&path, "%s/", dir);
    buf_puts(&path, name);
    const char *base = strrchr(name, '/');
    if (!strchr(base ? base : name, '.')) buf_puts(&path, ".sql");
    char *result = xstrdup(buf_cstr(&path));
    buf_free(&path);
    return result;
}

static void cmd_start(shell *sh, const char *text)
{
    const char *p = text_skip_blanks(text);
    int relative = p[0] == '@' && p[1] == '@';
    p = p[0] == '@' ? text_skip_blanks(p + 1 + relative) : after_keyword(p);
    word w;
    if (!text_word(&p, &w)) {
        err_print_sp2(sh->out, 310, "unable to open file \"\"");
        return;
    }
    if (input_depth(&sh->in) >= MAX_SCRIPT_DEPTH) {
        err_print_sp2(sh->out, 309,
                      "SQL*Plus command procedures may only be nested to a depth of %d.",
                      MAX_SCRIPT_DEPTH);
        return;
    }
    char *name = text_unquote(w);
    char *dir = relative ? input_script_dir(&sh->in) : NULL;
    char *path = script_path(name, dir);
    if (input_push_file(&sh->in, path) < 0) {
        err_print_sp2(sh->out, 310, "unable to open file \"%s\"", path);
    } else {
        char number[16];
        for (int i = 1; text_word(&p, &w); i++) {
            char *value = text_unquote(w);
            snprintf(number, sizeof number, "%d", i);
            subst_define(&sh->vars, number, value);
            free(value);
        }
    }
    free(path), free(dir), free(name);
}

/* ---- the SQL buffer: LIST, RUN, EXECUTE, DESCRIBE ---- */

static void cmd_list(shell *sh)
{
    const char *text = buf_cstr(&sh->sp.buffer);
    if (!*text) {
        err_print_sp2(sh->out, 223, "No lines in SQL buffer.");
        return;
    }
    for (int n = 1; *text; n++) {
        size_t len = strcspn(text, "\n");
        int last = text[len] == 0;
        fprintf(sh->out, "%3d%c %.*s\n", n, last ? '*' : ' ', (int)len, text);
        text += len + !last;
    }
}

static void cmd_execute(shell *sh, const char *args)
{
    size_t len = strlen(args);
    while (len > 0 && (args[len - 1] == ';' || isspace((unsigned char)args[len - 1])))
        len--;
    buf sql;
    buf_init(&sql);
    buf_printf(&sql, "BEGIN %.*s; END;", (int)len, args);
    wsql_run(sh, buf_cstr(&sql), 1);
    buf_free(&sql);
}

static void cmd_describe(shell *sh, const char *args)
{
    word w;
    const char *p = args;
    if (!text_word(&p, &w)) {
        fputs("Usage: DESCRIBE [schema.]object[@db_link]\n", sh->out);
        return;
    }
    char *object = text_dup(w);
    wsql_describe(sh, object);
    free(object);
}

static void cmd_shutdown(shell *sh, const char *args)
{
    word w;
    const char *p = args;
    char *mode = text_word(&p, &w) ? text_upper(xstrdup(args)) : xstrdup("NORMAL");
    wsql_shutdown(sh, mode);
    free(mode);
}

/* ---- what wsql does not run ---- */

static void cmd_unknown(shell *sh, const char *text)
{
    const char *p = text_skip_blanks(text);
    size_t shown = text_utf8_bytes(p, strlen(p), 10);
    err_print_sp2(sh->out, 734, "unknown command beginning \"%.*s%s\" - rest of line ignored.",
                  (int)shown, p, p[shown] ? "..." : "");
}

static void cmd_unsupported(shell *sh, const char *text)
{
    word w;
    const char *p = text;
    text_word(&p, &w);
    char *name = text_upper(text_dup(w));
    fprintf(sh->out, "wsql: %s is not supported - rest of line ignored.\n", name);
    free(name);
}

/* Remove one trailing ';' (commands accept it). */
static char *without_semicolon(const char *text)
{
    char *copy = text_trim_right(xstrdup(text));
    size_t len = strlen(copy);
    if (len > 0 && copy[len - 1] == ';') copy[len - 1] = 0;
    return text_trim_right(copy);
}

void commands_run(shell *sh, enum wsql_cmd cmd, const char *text)
{
    if (cmd == CMD_UNKNOWN) {
        cmd_unknown(sh, text);
        return;
    }
    char *substituted = subst_apply(&sh->vars, text);
    char *line = cmd == CMD_PROMPT ? xstrdup(substituted) : without_semicolon(substituted);
    const char *args = after_keyword(line);
    switch (cmd) {
    case CMD_SET:
        settings_set(sh, args);
        break;
    case CMD_SHOW:
        settings_show(sh, args);
        break;
    case CMD_COLUMN:
        cmd_column(sh, args);
        break;
    case CMD_DESCRIBE:
        cmd_describe(sh, args);
        break;
    case CMD_START:
        cmd_start(sh, line);
        break;
    case CMD_CONNECT:
        cmd_connect(sh, args);
        break;
    case CMD_DISCONNECT:
        cmd_disconnect(sh, args);
        break;
    case CMD_EXIT:
        cmd_exit(sh, args);
        break;
    case CMD_PROMPT:
        cmd_prompt(sh, args);
        break;
    case CMD_CLEAR:
        cmd_clear(sh, args);
        break;
    case CMD_DEFINE:
        cmd_define(sh, args);
        break;
    case CMD_UNDEFINE:
        cmd_undefine(sh, args);
        break;
    case CMD_EXECUTE:
        cmd_execute(sh, args);
        break;
    case CMD_WHENEVER:
        cmd_whenever(sh, args);
        break;
    case CMD_LIST:
        cmd_list(sh);
        break;
    case CMD_RUN:
        cmd_list(sh);
        if (sh->sp.buffer.len) shell_run_buffer(sh);
        break;
    case CMD_SHUTDOWN:
        cmd_shutdown(sh, args);
        break;
    case CMD_STARTUP:
        fputs("wsql: STARTUP is not supported; start the instance with wardenctl start.\n",
              sh->out);
        break;
    case CMD_BREAK:
        report_break(sh, args);
        break;
    case CMD_COMPUTE:
        report_compute(sh, args);
        break;
    case CMD_TTITLE:
        report_title(sh, &sh->fmt.ttitle, "ttitle", args);
        break;
    case CMD_BTITLE:
        report_title(sh, &sh->fmt.btitle, "btitle", args);
        break;
    case CMD_REPHEADER:
        report_title(sh, &sh->fmt.repheader, "repheader", args);
        break;
    case CMD_REPFOOTER:
        report_title(sh, &sh->fmt.repfooter, "repfooter", args);
        break;
    case CMD_ACCEPT:
        cmd_accept(sh, args);
        break;
    case CMD_PAUSE:
        cmd_pause(sh, args);
        break;
    case CMD_SPOOL:
        cmd_spool(sh, args);
        break;
    case CMD_UNSUPPORTED:
        cmd_unsupported(sh, line);
        break;
    case CMD_NONE:
    case CMD_UNKNOWN:
        break;
    }
    free(line);
    free(substituted);
}
