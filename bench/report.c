/*
 * report.c - distributions (min / median / p99 / max) of the harness's
 * samples, the printed table and its JSON copy.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

void samples_add(samples *s, double v)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 256;
        s->v = realloc(s->v, sizeof *s->v * (size_t)s->cap);
        if (!s->v) abort();
    }
    s->v[s->n++] = v;
}

void samples_free(samples *s)
{
    free(s->v);
    *s = (samples){0};
}

typedef struct row {
    char figure[48], measure[80], system[16], unit[12], result[48], note[160];
    int n;
    double min, median, p99, max;
    int order;
} row;

static row *rows;
static int nrows;

typedef struct fact {
    char key[32], value[160];
} fact;

static fact facts[16];
static int nfacts;

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

#define COPY(dst, src) snprintf(dst, sizeof dst, "%s", (src) ? (src) : "")

void report_add(const char *figure, const char *measure, const char *system, const char *unit,
                samples *s, const char *result, const char *note)
{
    rows = realloc(rows, sizeof *rows * (size_t)(nrows + 1));
    if (!rows) abort();
    row *r = &rows[nrows];
    memset(r, 0, sizeof *r);
    r->order = nrows++;
    COPY(r->figure, figure);
    COPY(r->measure, measure);
    COPY(r->system, system);
    COPY(r->unit, unit);
    COPY(r->result, result);
    COPY(r->note, note);
    if (s && s->n) {
        qsort(s->v, (size_t)s->n, sizeof *s->v, by_value);
        int p99 = (int)((s->n * 99L) / 100);
        r->n = s->n;
        r->min = s->v[0];
        r->median = s->n % 2 ? s->v[s->n / 2] : (s->v[s->n / 2 - 1] + s->v[s->n / 2]) / 2;
        r->p99 = s->v[p99 >= s->n ? s->n - 1 : p99];
        r->max = s->v[s->n - 1];
    }
}

void keep_first(char *first, size_t len, const char *what, const char *err)
{
    if (*first) return;
    snprintf(first, len, "%s%.90s", what, err);
    first[strcspn(first, "\n")] = 0;
}

void outcome_note(char *note, size_t len, const char *first_error, int done, int runs)
{
    int o = snprintf(note, len, "%s", first_error ? first_error : "");
    if (done < runs && o >= 0 && (size_t)o < len)
        snprintf(note + o, len - (size_t)o, "%stime budget: %d of %d runs", o ? "; " : "", done,
                 runs);
}

void report_fact(const char *key, const char *value)
{
    if (nfacts == (int)(sizeof facts / sizeof facts[0])) return;
    COPY(facts[nfacts].key, key);
    COPY(facts[nfacts].value, value);
    nfacts++;
}

/* Table order: by figure (by its leading number: 2 before 10), then as added. */
static int by_figure(const void *a, const void *b)
{
    const row *x = a, *y = b;
    int nx = atoi(x->figure), ny = atoi(y->figure);
    int c = nx != ny ? (nx > ny) - (nx < ny) : strcmp(x->figure, y->figure);
    return c ? c : x->order - y->order;
}

static void print_number(FILE *out, double v)
{
    if (v >= 1000) fprintf(out, " %9.0f", v);
    else if (v >= 10) fprintf(out, " %9.2f", v);
    else fprintf(out, " %9.3f", v);
}

void report_print(FILE *out)
{
    qsort(rows, (size_t)nrows, sizeof *rows, by_figure);
    for (int i = 0; i < nfacts; i++) fprintf(out, "%-12s %s\n", facts[i].key, facts[i].value);
    const char *figure = "", *measure = "";
    for (int i = 0; i < nrows; i++) {
        row *r = &rows[i];
        if (strcmp(r->figure, figure) != 0) {
            fprintf(out, "\n%s\n  %-44s %-10s %5s %9s %9s %9s %9s %-5s %s\n", r->figure,
                    "measure", "system", "n", "min", "median", "p99", "max", "unit", "result");
            figure = r->figure, measure = "";
        }
        fprintf(out, "  %-44s %-10s", strcmp(r->measure, measure) ? r->measure : "", r->system);
        measure = r->measure;
        if (r->n) {
            fprintf(out, " %5d", r->n);
            print_number(out, r->min), print_number(out, r->median);
            print_number(out, r->p99), print_number(out, r->max);
        } else {
            fprintf(out, " %5s %9s %9s %9s %9s", "-", "-", "-", "-", "-");
        }
        fprintf(out, " %-5s %s%s%s\n", r->unit, r->result, *r->note ? "  # " : "", r->note);
    }
}

/* S as a JSON string (the texts here are ASCII; quote and backslash escaped). */
static void json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') fputc('\\', f);
        if ((unsigned char)*s >= 0x20) fputc(*s, f);
    }
    fputc('"', f);
}

int report_write_json(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    fprintf(f, "{\n  \"facts\": {");
    for (int i = 0; i < nfacts; i++) {
        fprintf(f, "%s\n    ", i ? "," : "");
        json_string(f, facts[i].key);
        fprintf(f, ": ");
        json_string(f, facts[i].value);
    }
    fprintf(f, "\n  },\n  \"rows\": [");
    for (int i = 0; i < nrows; i++) {
        row *r = &rows[i];
        fprintf(f, "%s\n    {\"figure\": ", i ? "," : "");
        json_string(f, r->figure);
        fprintf(f, ", \"measure\": ");
        json_string(f, r->measure);
        fprintf(f, ", \"system\": ");
        json_string(f, r->system);
        fprintf(f, ", \"unit\": ");
        json_string(f, r->unit);
        if (r->n)
            fprintf(f, ", \"n\": %d, \"min\": %.6g, \"median\": %.6g, \"p99\": %.6g, \"max\": %.6g",
                    r->n, r->min, r->median, r->p99, r->max);
        fprintf(f, ", \"result\": ");
        json_string(f, r->result);
        fprintf(f, ", \"note\": ");
        json_string(f, r->note);
        fputc('}', f);
    }
    fprintf(f, "\n  ]\n}\n");
    return fclose(f) == 0 ? 0 : -1;
}
