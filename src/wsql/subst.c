/*
 * subst.c - DEFINE variables and '&' substitution.
 */
#include "wsql/subst.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "common/buf.h"
#include "wsql/text.h"

void subst_init(subst *v, subst_ask_fn ask, void *ask_ctx)
{
    memset(v, 0, sizeof *v);
    v->enabled = 1;
    v->prefix = '&';
    v->concat = '.';
    v->ask = ask;
    v->ask_ctx = ask_ctx;
}

void subst_free(subst *v)
{
    for (size_t i = 0; i < v->nvars; i++)
        free(v->vars[i].name), free(v->vars[i].value);
    free(v->vars);
    v->vars = NULL;
    v->nvars = 0;
}

static subst_var *find_var(const subst *v, const char *name)
{
    for (size_t i = 0; i < v->nvars; i++)
        if (strcasecmp(v->vars[i].name, name) == 0) return &v->vars[i];
    return NULL;
}

void subst_define(subst *v, const char *name, const char *value)
{
    subst_var *var = find_var(v, name);
    if (!var) {
        v->vars = xrealloc(v->vars, (v->nvars + 1) * sizeof *v->vars);
        var = &v->vars[v->nvars++];
        var->name = text_upper(xstrdup(name));
        var->value = NULL;
    }
    free(var->value);
    var->value = xstrdup(value);
}

const char *subst_value(subst *v, const char *name)
{
    const subst_var *var = find_var(v, name);
    if (var) return var->value;
    if (strcasecmp(name, "_DATE") != 0) return NULL;
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(v->today, sizeof v->today, "%d-%b-%y", &tm);
    text_upper(v->today);
    return v->today;
}

int subst_undefine(subst *v, const char *name)
{
    subst_var *var = find_var(v, name);
    if (!var) return -1;
    free(var->name), free(var->value);
    size_t i = (size_t)(var - v->vars);
    memmove(var, var + 1, (v->nvars - i - 1) * sizeof *var);
    v->nvars--;
    return 0;
}

/* The value for NAME: defined, or asked for (and defined when KEEP). */
static char *value_for(subst *v, const char *name, int keep)
{
    const char *known = subst_value(v, name);
    if (known) return xstrdup(known);
    buf prompt;
    buf_init(&prompt);
    buf_printf(&prompt, "Enter value for %s: ", name);
    char *answer = v->ask ? v->ask(v->ask_ctx, buf_cstr(&prompt)) : NULL;
    buf_free(&prompt);
    if (!answer) answer = xstrdup("");
    if (keep) subst_define(v, name, answer);
    return answer;
}

char *subst_apply(subst *v, const char *text)
{
    buf out;
    buf_init(&out);
    for (const char *p = text; *p;) {
        if (!v->enabled || *p != v->prefix) {
            buf_putc(&out, (uint8_t)*p++);
            continue;
        }
        int keep = p[1] == v->prefix;
        const char *name = p + 1 + keep;
        size_t len = 0;
        while (text_is_name_char(name[len]))
            len++;
        if (len == 0) {
            buf_putc(&out, (uint8_t)*p++);
            continue;
        }
        char *var = xstrndup(name, len);
        char *value = value_for(v, var, keep);
        buf_puts(&out, value);
        free(var), free(value);
        p = name + len;
        if (*p == v->concat) p++;
    }
    char *result = xstrdup(buf_cstr(&out));
    buf_free(&out);
    return result;
}

static void print_line_pair(FILE *out, int number, const char *old_line, size_t old_len,
                            const char *new_line, size_t new_len)
{
    fprintf(out, "old%4d: %.*s\n", number, (int)old_len, old_line);
    fprintf(out, "new%4d: %.*s\n", number, (int)new_len, new_line);
}

void subst_print_verify(FILE *out, const char *before, const char *after)
{
    for (int number = 1; *before || *after; number++) {
        size_t blen = strcspn(before, "\n"), alen = strcspn(after, "\n");
        if (blen != alen || memcmp(before, after, blen) != 0)
            print_line_pair(out, number, before, blen, after, alen);
        before += blen + (before[blen] == '\n');
        after += alen + (after[alen] == '\n');
    }
}

void subst_print_var(FILE *out, const subst_var *var)
{
    fprintf(out, "DEFINE %-15s = \"%s\" (CHAR)\n", var->name, var->value);
}
