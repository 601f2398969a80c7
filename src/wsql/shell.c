/*
 * shell.c - the read-split-run loop: take a line from the input, give it to
 * the splitter, and run whatever it completes (a command, a statement, the
 * SQL buffer) until EXIT or the end of input.
 */
#include "wsql/shell.h"

#include <stdlib.h>
#include <string.h>

#include "wsql/commands.h"
#include "wsql/errors.h"
#include "wsql/session.h"

static char *ask_value(void *ctx, const char *prompt)
{
    shell *sh = ctx;
    return input_ask(&sh->in, prompt);
}

static const char *variable_value(void *ctx, const char *name)
{
    return subst_value(ctx, name);
}

void shell_init(shell *sh, const wsql_client *client, FILE *in, FILE *out, input_line_editor editor,
                int silent)
{
    memset(sh, 0, sizeof *sh);
    sh->client = client;
    sh->out = out;
    sh->terminal = out;
    spool_init(&sh->spool, out);
    input_init(&sh->in, in, out, editor, !silent);
    script_init(&sh->sp);
    subst_init(&sh->vars, ask_value, sh);
    fmt_settings_init(&sh->fmt);
    sh->fmt.title_ctx.lookup = variable_value;
    sh->fmt.title_ctx.lookup_ctx = &sh->vars;
    buf_init(&sh->scratch);
    buf_init(&sh->prompt);
    sh->verify = 1;
    sh->termout = 1;
    sh->sqlprompt = xstrdup("SQL> ");
    sh->silent = silent;
    sh->sqlerror_finish = FINISH_COMMIT;
}

void shell_free(shell *sh)
{
    if (sh->conn) sh->client->close(sh->conn);
    if (sh->null_out) fclose(sh->null_out);
    spool_close(&sh->spool);
    buf_free(&sh->spool.pending);
    input_free(&sh->in);
    script_free(&sh->sp);
    subst_free(&sh->vars);
    fmt_settings_free(&sh->fmt);
    buf_free(&sh->scratch);
    buf_free(&sh->prompt);
    free(sh->sqlprompt);
    free(sh->user);
    free(sh->program);
}

const char *shell_prompt(shell *sh)
{
    return script_prompt(&sh->sp, sh->sqlprompt, &sh->prompt);
}

/* Substitute, show the VERIFY lines, run. */
static void run_statement(shell *sh, const char *text)
{
    char *sql = subst_apply(&sh->vars, text);
    if (sh->verify && strcmp(sql, text) != 0) subst_print_verify(sh->out, text, sql);
    wsql_run(sh, sql, 0);
    free(sql);
}

void shell_run_buffer(shell *sh)
{
    if (sh->sp.buffer.len == 0)
        err_print_sp2(sh->out, 103, "Nothing in SQL buffer to run.");
    else
        run_statement(sh, buf_cstr(&sh->sp.buffer));
}

/* SET TERMOUT OFF hides what lines run from scripts print; SPOOL copies it. */
static FILE *output_for_line(shell *sh)
{
    int show = sh->termout || input_depth(&sh->in) == 0;
    FILE *tee = spool_stream(&sh->spool, sh->out, show);
    if (tee) return tee;
    if (show) return sh->out;
    if (!sh->null_out) sh->null_out = fopen("/dev/null", "w");
    return sh->null_out ? sh->null_out : sh->out;
}

void shell_line(shell *sh, const char *line)
{
    FILE *shown = sh->out;
    sh->out = output_for_line(sh);
    script_item it = script_feed(&sh->sp, line);
    switch (it.kind) {
    case SCRIPT_COMMAND:
        commands_run(sh, it.command, it.text);
        break;
    case SCRIPT_STATEMENT:
        run_statement(sh, it.text);
        break;
    case SCRIPT_RUN_BUFFER:
        shell_run_buffer(sh);
        break;
    case SCRIPT_NOTHING:
    case SCRIPT_MORE:
    case SCRIPT_ENDED:
        break;
    }
    sh->out = shown;
    fflush(sh->out);
}

int shell_run(shell *sh)
{
    while (!sh->exit_requested) {
        const char *line = NULL;
        switch (input_next(&sh->in, shell_prompt(sh), &line)) {
        case INPUT_LINE:
            shell_line(sh, line);
            break;
        case INPUT_SCRIPT_END:
            script_abandon(&sh->sp);
            break;
        case INPUT_INTERRUPTED:
            break;
        case INPUT_EOF:
            if (sh->in.editor) fputc('\n', sh->out);
            wsql_exit(sh, 0, FINISH_COMMIT);
            break;
        }
    }
    fflush(sh->out);
    return sh->exit_status;
}
