/*
 * spool.c - the SPOOL tee stream (see spool.h), a stdio cookie stream so
 * that everything printing to the shell's FILE * is spooled unchanged.
 */
#include "wsql/spool.h"

#include <stdlib.h>
#include <string.h>

void spool_init(spool *s, FILE *terminal)
{
    memset(s, 0, sizeof *s);
    s->terminal = terminal;
    s->show = 1;
    buf_init(&s->pending);
}

char *spool_path(const char *name)
{
    const char *base = strrchr(name, '/');
    size_t len = strlen(name);
    char *path = xmalloc(len + 5);
    memcpy(path, name, len + 1);
    if (!strchr(base ? base : name, '.')) memcpy(path + len, ".lst", 5);
    return path;
}

/* Write the complete lines of the pending text to the file (all of it when FLUSH_ALL). */
static void write_pending(spool *s, int flush_all)
{
    size_t start = 0;
    for (size_t i = 0; i < s->pending.len; i++) {
        if (s->pending.data[i] != '\n') continue;
        size_t end = i;
        while (s->trim && end > start && s->pending.data[end - 1] == ' ')
            end--;
        fwrite(s->pending.data + start, 1, end - start, s->file);
        fputc('\n', s->file);
        start = i + 1;
    }
    if (flush_all) {
        fwrite(s->pending.data + start, 1, s->pending.len - start, s->file);
        start = s->pending.len;
    }
    memmove(s->pending.data, s->pending.data + start, s->pending.len - start);
    s->pending.len -= start;
}

static ssize_t tee_write(void *cookie, const char *data, size_t len)
{
    spool *s = cookie;
    if (s->show) fwrite(data, 1, len, s->terminal);
    if (s->file) {
        buf_put(&s->pending, data, len);
        write_pending(s, 0);
    }
    return (ssize_t)len;
}

int spool_open(spool *s, const char *path, enum spool_mode mode)
{
    FILE *f = fopen(path, mode == SPOOL_APPEND ? "a" : "w");
    if (!f) return -1;
    spool_close(s);
    s->file = f;
    s->path = xstrdup(path);
    cookie_io_functions_t io = {.write = tee_write};
    s->tee = fopencookie(s, "w", io);
    if (s->tee) setvbuf(s->tee, NULL, _IONBF, 0);
    return 0;
}

void spool_close(spool *s)
{
    if (!s->file) return;
    if (s->tee) fclose(s->tee);
    write_pending(s, 1);
    fclose(s->file);
    free(s->path);
    s->file = NULL, s->path = NULL, s->tee = NULL;
    buf_reset(&s->pending);
}

FILE *spool_stream(spool *s, FILE *terminal, int show)
{
    if (!s->file || !s->tee) return NULL;
    s->terminal = terminal;
    s->show = show;
    return s->tee;
}
