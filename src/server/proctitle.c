/*
 * proctitle.c - overwrite argv memory so ps shows Oracle-style names.
 */
#include "proctitle.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>

extern char **environ;

static char *title_area;
static size_t title_size;
/* The environment's new array: kept here too, as setenv() (a session's time zone, see
 * ora_timezone.c) may replace environ with an array of its own. */
static char **volatile moved_environ;

void proctitle_init(int argc, char **argv)
{
    if (argc <= 0 || !argv[0]) return;
    char *start = argv[0];
    /* The argv strings and then the environment strings are contiguous. */
    char *end = argv[0] + strlen(argv[0]) + 1;
    for (int i = 1; i < argc; i++)
        if (argv[i] == end) end = argv[i] + strlen(argv[i]) + 1;
    int nenv = 0;
    while (environ[nenv]) nenv++;
    for (int i = 0; i < nenv; i++)
        if (environ[i] == end) end = environ[i] + strlen(environ[i]) + 1;
    /* Move the environment and the arguments elsewhere so the area is free. */
    char **env = malloc(sizeof(char *) * (size_t)(nenv + 1));
    if (!env) return;
    for (int i = 0; i < nenv; i++) env[i] = strdup(environ[i]);
    env[nenv] = NULL;
    environ = moved_environ = env;
    for (int i = 0; i < argc; i++) argv[i] = strdup(argv[i]);
    title_area = start;
    title_size = (size_t)(end - start);
}

void proctitle_set(const char *fmt, ...)
{
    char title[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(title, sizeof title, fmt, ap);
    va_end(ap);
    prctl(PR_SET_NAME, title, 0, 0, 0); /* the 15-character comm name */
    if (!title_area || title_size < 2) return;
    size_t n = strlen(title);
    if (n >= title_size) n = title_size - 1;
    memcpy(title_area, title, n);
    memset(title_area + n, 0, title_size - n);
}
