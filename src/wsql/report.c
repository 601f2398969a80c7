/*
 * report.c - BREAK, COMPUTE and the title commands (see report.h).
 *
 * BREAK replaces the whole break definition each time, as in SQL*Plus;
 * COMPUTE adds (or replaces) the functions of each OF column / ON element
 * pair.  Titles are parsed by titles.c.
 */
#include "wsql/report.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "wsql/errors.h"
#include "wsql/text.h"

/* ---- BREAK ---- */

static void break_list(shell *sh)
{
    const fmt_settings *s = &sh->fmt;
    if (s->nbreaks == 0) {
        err_print_sp2(sh->out, 45, "* no break's defined");
        return;
    }
    for (size_t i = 0; i < s->nbreaks; i++) {
        const break_def *b = &s->breaks[i];
        fputs(i == 0 ? "break on " : "         on ", sh->out);
        fputs(b->kind == BREAK_REPORT ? "report" : b->kind == BREAK_ROW ? "row" : b->name, sh->out);
        if (b->skip == BREAK_SKIP_PAGE) fputs(" page", sh->out);
        if (b->skip > 0) fprintf(sh->out, " skip %d", b->skip);
        fputs(b->duplicates ? " dup\n" : " nodup\n", sh->out);
    }
}

/* The actions after ON element: SKIP n, SKIP PAGE, PAGE, [NO]DUPLICATES.  *P is left on the next
 * ON. */
static int break_actions(shell *sh, break_def *b, const char **p)
{
    word w;
    for (const char *save = *p; text_word(p, &w); save = *p) {
        if (text_is(w, "ON", 2)) {
            *p = save;
            return 0;
        }
        if (text_is(w, "SKIP", 3)) {
            word n = {"", 0};
            long lines;
            if (text_word(p, &n) && text_is(n, "PAGE", 4)) {
                b->skip = BREAK_SKIP_PAGE;
            } else if (n.len > 0 && text_int(n, &lines) == 0) {
                b->skip = (int)lines;
            } else {
                err_print_sp2(sh->out, 158, "unknown BREAK option \"%.*s\"", (int)n.len, n.p);
                return -1;
            }
        } else if (text_is(w, "PAGE", 4)) {
            b->skip = BREAK_SKIP_PAGE;
        } else if (text_is(w, "NODUPLICATES", 5)) {
            b->duplicates = 0;
        } else if (text_is(w, "DUPLICATES", 3)) {
            b->duplicates = 1;
        } else {
            err_print_sp2(sh->out, 158, "unknown BREAK option \"%.*s\"", (int)w.len, w.p);
            return -1;
        }
    }
    return 0;
}

static void break_defs_free(break_def *defs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(defs[i].name);
    free(defs);
}

void report_break(shell *sh, const char *args)
{
    const char *p = args;
    word w;
    if (!*text_skip_blanks(p)) {
        break_list(sh);
        return;
    }
    break_def *defs = NULL;
    size_t n = 0;
    while (text_word(&p, &w)) {
        word element;
        if (!text_is(w, "ON", 2) || !text_word(&p, &element)) {
            err_print_sp2(sh->out, 158, "unknown BREAK option \"%.*s\"", (int)w.len, w.p);
            break_defs_free(defs, n);
            return;
        }
        defs = xrealloc(defs, (n + 1) * sizeof *defs);
        break_def *b = &defs[n++];
        memset(b, 0, sizeof *b);
        if (text_is(element, "REPORT", 6))
            b->kind = BREAK_REPORT;
        else if (text_is(element, "ROW", 3))
            b->kind = BREAK_ROW;
        else
            b->name = text_name(element);
        if (break_actions(sh, b, &p) < 0) {
            break_defs_free(defs, n);
            return;
        }
    }
    fmt_breaks_clear(&sh->fmt);
    sh->fmt.breaks = defs;
    sh->fmt.nbreaks = n;
}

/* ---- COMPUTE ---- */

static const struct {
    const char *name;
    size_t min;
} compute_fns[FN_COUNT_ALL] = {{"AVG", 3},    {"COUNT", 3}, {"MINIMUM", 3}, {"MAXIMUM", 3},
                               {"NUMBER", 3}, {"SUM", 3},   {"STD", 3},     {"VARIANCE", 3}};

static int compute_fn_of(word w)
{
    for (int i = 0; i < FN_COUNT_ALL; i++)
        if (text_is(w, compute_fns[i].name, compute_fns[i].min)) return i;
    return -1;
}

static void compute_list(shell *sh)
{
    const fmt_settings *s = &sh->fmt;
    if (s->ncomputes == 0) {
        err_print_sp2(sh->out, 45, "* no computes currently defined");
        return;
    }
    for (size_t i = 0; i < s->ncomputes; i++) {
        const compute_def *c = &s->computes[i];
        fputs("COMPUTE", sh->out);
        for (int fn = 0; fn < FN_COUNT_ALL; fn++) {
            if (!(c->fns & (1u << fn))) continue;
            const char *label = c->labels[fn] ? c->labels[fn] : fmt_compute_fn_name(fn);
            fprintf(sh->out, " %s LABEL '%s'", fmt_compute_fn_name(fn), label);
        }
        fprintf(sh->out, " OF %s ON %s\n", c->of,
                c->on_kind == BREAK_REPORT ? "REPORT"
                : c->on_kind == BREAK_ROW  ? "ROW"
                                           : c->on);
    }
}

/* What one COMPUTE command says: its functions and labels, its OF and ON names. */
typedef struct compute_spec {
    unsigned fns;
    char *labels[FN_COUNT_ALL];
    char **of, **on;
    size_t nof, non;
} compute_spec;

static void spec_free(compute_spec *c)
{
    for (int i = 0; i < FN_COUNT_ALL; i++)
        free(c->labels[i]);
    for (size_t i = 0; i < c->nof; i++)
        free(c->of[i]);
    for (size_t i = 0; i < c->non; i++)
        free(c->on[i]);
    free(c->of), free(c->on);
}

static void add_name(char ***names, size_t *n, word w)
{
    *names = xrealloc(*names, (*n + 1) * sizeof **names);
    (*names)[(*n)++] = text_name(w);
}

static int compute_parse(shell *sh, const char *p, compute_spec *c)
{
    word w;
    int last_fn = -1, part = 0; /* 0 functions, 1 OF names, 2 ON names */
    while (text_word(&p, &w)) {
        int fn = part == 0 ? compute_fn_of(w) : -1;
        if (fn >= 0) {
            c->fns |= 1u << fn, last_fn = fn;
        } else if (part == 0 && text_is(w, "LABEL", 3) && last_fn >= 0 && text_word(&p, &w)) {
            free(c->labels[last_fn]);
            c->labels[last_fn] = text_unquote(w);
        } else if (part == 0 && text_is(w, "OF", 2)) {
            if (!c->fns) break;
            part = 1;
        } else if (part == 1 && text_is(w, "ON", 2) && c->nof) {
            part = 2;
        } else if (part == 1) {
            add_name(&c->of, &c->nof, w);
        } else if (part == 2) {
            add_name(&c->on, &c->non, w);
        } else {
            err_print_sp2(sh->out, 158, "unknown COMPUTE option \"%.*s\"", (int)w.len, w.p);
            return -1;
        }
    }
    if (!c->fns) {
        err_print_sp2(sh->out, 82, "no COMPUTE functions requested");
        return -1;
    }
    if (!c->nof || !c->non) {
        err_print_sp2(sh->out, 158, "COMPUTE needs OF column and ON column|REPORT|ROW");
        return -1;
    }
    return 0;
}

/* Add the (OF, ON) pair, replacing one already defined. */
static void compute_store(shell *sh, const compute_spec *c, const char *of, const char *on)
{
    fmt_settings *s = &sh->fmt;
    enum break_kind kind = strcasecmp(on, "REPORT") == 0 ? BREAK_REPORT
                           : strcasecmp(on, "ROW") == 0  ? BREAK_ROW
                                                         : BREAK_COLUMN;
    compute_def *d = NULL;
    for (size_t i = 0; i < s->ncomputes && !d; i++) {
        compute_def *e = &s->computes[i];
        if (strcmp(e->of, of) == 0 && e->on_kind == kind &&
            (kind != BREAK_COLUMN || !strcmp(e->on, on)))
            d = e;
    }
    if (!d) {
        s->computes = xrealloc(s->computes, (s->ncomputes + 1) * sizeof *s->computes);
        d = &s->computes[s->ncomputes++];
        memset(d, 0, sizeof *d);
        d->of = xstrdup(of);
        d->on_kind = kind;
        d->on = kind == BREAK_COLUMN ? xstrdup(on) : NULL;
    }
    d->fns = c->fns;
    for (int fn = 0; fn < FN_COUNT_ALL; fn++) {
        free(d->labels[fn]);
        d->labels[fn] = c->labels[fn] ? xstrdup(c->labels[fn]) : NULL;
    }
}

void report_compute(shell *sh, const char *args)
{
    if (!*text_skip_blanks(args)) {
        compute_list(sh);
        return;
    }
    compute_spec c;
    memset(&c, 0, sizeof c);
    if (compute_parse(sh, args, &c) == 0)
        for (size_t i = 0; i < c.nof; i++)
            for (size_t k = 0; k < c.non; k++)
                compute_store(sh, &c, c.of[i], c.on[k]);
    spec_free(&c);
}

/* ---- TTITLE, BTITLE, REPHEADER, REPFOOTER ---- */

void report_title(shell *sh, title_def *which, const char *name, const char *args)
{
    if (!*text_skip_blanks(args)) {
        const char *text = which->source ? which->source : "";
        fprintf(sh->out, "%s %s and is the following %zu characters:\n%s\n", name,
                which->on ? "ON" : "OFF", strlen(text), text);
        return;
    }
    const char *p = args;
    word first;
    if (text_word(&p, &first) && text_is(first, "PAGE", 4) && name[0] == 'r') {
        fprintf(sh->out, "wsql: %s PAGE is not supported - rest of line ignored.\n", name);
        return;
    }
    buf err;
    buf_init(&err);
    if (title_set(which, args, &err) < 0) err_print_sp2(sh->out, 158, "%s", buf_cstr(&err));
    buf_free(&err);
}
