/*
 * input.c - line sources (scripts, terminal, pipe) and prompt display.
 */
#include "wsql/input.h"

#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

volatile sig_atomic_t wsql_interrupted;

void input_init(wsql_input *in, FILE *stdin_fp, FILE *out, input_line_editor editor, int prompts)
{
    memset(in, 0, sizeof *in);
    in->in = stdin_fp;
    in->out = out;
    in->editor = editor;
    in->prompts = prompts;
    buf_init(&in->line);
}

static void pop_file(wsql_input *in)
{
    input_file *f = in->files;
    in->files = f->parent;
    fclose(f->fp);
    free(f->path);
    free(f);
}

void input_free(wsql_input *in)
{
    while (in->files)
        pop_file(in);
    buf_free(&in->line);
    free(in->edited);
}

int input_push_file(wsql_input *in, const char *path)
{
    FILE *fp = fopen(path, "r");
    if (!fp) return -1;
    input_file *f = xcalloc(1, sizeof *f);
    f->fp = fp;
    f->path = xstrdup(path);
    f->parent = in->files;
    in->files = f;
    return 0;
}

int input_depth(const wsql_input *in)
{
    int depth = 0;
    for (const input_file *f = in->files; f; f = f->parent)
        depth++;
    return depth;
}

char *input_script_dir(const wsql_input *in)
{
    if (!in->files) return xstrdup(".");
    char *copy = xstrdup(in->files->path);
    char *dir = xstrdup(dirname(copy));
    free(copy);
    return dir;
}

/* One line from FP into in->line without its line end; -1 at end of file. */
static int read_line(wsql_input *in, FILE *fp)
{
    int c;
    buf_reset(&in->line);
    errno = 0;
    while ((c = getc(fp)) != EOF && c != '\n')
        buf_putc(&in->line, (uint8_t)c);
    if (c == EOF && in->line.len == 0) return -1;
    if (in->line.len > 0 && in->line.data[in->line.len - 1] == '\r') in->line.len--;
    buf_cstr(&in->line);
    return 0;
}

static enum input_result read_stdin(wsql_input *in, const char *prompt, int show_prompt)
{
    if (in->editor) {
        free(in->edited);
        in->edited = in->editor(show_prompt ? prompt : "");
        if (in->edited) return INPUT_LINE;
        if (wsql_interrupted) {
            wsql_interrupted = 0;
            fputc('\n', in->out);
            return INPUT_INTERRUPTED;
        }
        return INPUT_EOF;
    }
    if (show_prompt) fputs(prompt, in->out);
    fflush(in->out);
    if (read_line(in, in->in) == 0) return INPUT_LINE;
    if (ferror(in->in) && errno == EINTR) {
        clearerr(in->in);
        wsql_interrupted = 0;
        return INPUT_INTERRUPTED;
    }
    return INPUT_EOF;
}

enum input_result input_next(wsql_input *in, const char *prompt, const char **line)
{
    if (in->files) {
        if (read_line(in, in->files->fp) < 0) {
            pop_file(in);
            return INPUT_SCRIPT_END;
        }
        if (in->echo) fprintf(in->out, "%s%s\n", prompt, buf_cstr(&in->line));
        *line = buf_cstr(&in->line);
        return INPUT_LINE;
    }
    enum input_result r = read_stdin(in, prompt, in->prompts);
    if (r == INPUT_LINE) *line = in->editor ? in->edited : buf_cstr(&in->line);
    return r;
}

char *input_ask(wsql_input *in, const char *prompt)
{
    if (read_stdin(in, prompt, 1) != INPUT_LINE) return NULL;
    return xstrdup(in->editor ? in->edited : buf_cstr(&in->line));
}

char *input_ask_secret(wsql_input *in, const char *prompt)
{
    int fd = fileno(in->in);
    struct termios saved, quiet;
    if (!in->editor || tcgetattr(fd, &saved) < 0) {
        fputs(prompt, in->out);
        fflush(in->out);
        return read_line(in, in->in) == 0 ? xstrdup(buf_cstr(&in->line)) : NULL;
    }
    quiet = saved;
    quiet.c_lflag &= (tcflag_t)~ECHO;
    fputs(prompt, in->out);
    fflush(in->out);
    tcsetattr(fd, TCSAFLUSH, &quiet);
    int r = read_line(in, in->in);
    tcsetattr(fd, TCSAFLUSH, &saved);
    fputc('\n', in->out);
    return r == 0 ? xstrdup(buf_cstr(&in->line)) : NULL;
}
