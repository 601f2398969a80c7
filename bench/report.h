/*
 * report.h - samples, their distribution, and the harness's output: one
 * table (figure x system) on stdout and the same rows as JSON.
 */
#ifndef BENCH_REPORT_H
#define BENCH_REPORT_H

#include <stddef.h>
#include <stdio.h>

/* A growing list of measurements (milliseconds, sessions, KiB, ...). */
typedef struct samples {
    double *v;
    int n, cap;
} samples;

void samples_add(samples *s, double v);
void samples_free(samples *s);

/*
 * One line of the table: FIGURE (e.g. "1 kill-to-release") x SYSTEM, what
 * was measured, the distribution of S in UNIT (none if S is empty) and a
 * headline RESULT ("2450 logons/s", "20 of 20", ...) and NOTE, both optional.
 */
void report_add(const char *figure, const char *measure, const char *system, const char *unit,
                samples *s, const char *result, const char *note);

/* Keep the first error text seen in FIRST: WHAT then ERR, one line, short. */
void keep_first(char *first, size_t len, const char *what, const char *err);
/* The note for a row: FIRST_ERROR (may be NULL), and runs cut short by the time budget. */
void outcome_note(char *note, size_t len, const char *first_error, int done, int runs);

/* Facts printed above the table and kept in the JSON ("machine", "PostgreSQL"...). */
void report_fact(const char *key, const char *value);

/* Print the table (grouped by figure, in the order added) to OUT. */
void report_print(FILE *out);
/* Write facts and rows as JSON to PATH; 0, or -1 (errno). */
int report_write_json(const char *path);

#endif
