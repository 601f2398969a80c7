/*
 * decltype.c - declared column types, read (see decltype.h).
 */
#include "decltype.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void decltype_args(const char *p, int *a, int *b)
{
    while (*p == ' ') p++;
    if (*p != '(') return;
    char *end;
    long v = strtol(p + 1, &end, 10);
    if (end != p + 1) *a = (int)v;
    while (*end == ' ') end++;
    if (*end == ',') {
        long w = strtol(end + 1, &end, 10);
        *b = (int)w;
    }
}

int decltype_is(const char *decl, const char *name, const char **rest)
{
    size_t n = strlen(name);
    if (strncasecmp(decl, name, n) != 0) return 0;
    if (isalnum((unsigned char)decl[n]) || decl[n] == '_') return 0;
    *rest = decl + n;
    if (!strcasecmp(name, "NUMBER") && decltype_exact_number(decl))
        *rest += strlen(DECLTYPE_EXACT_MARK);
    return 1;
}

int decltype_exact_number(const char *decl)
{
    size_t n = strlen("NUMBER"), m = strlen(DECLTYPE_EXACT_MARK);
    return !strncasecmp(decl, "NUMBER", n) && !strncasecmp(decl + n, DECLTYPE_EXACT_MARK, m) &&
           (decl[n + m] == 0 || decl[n + m] == '(' || decl[n + m] == ' ');
}

int decltype_length(const char *rest, int national, int dflt, int *n)
{
    int chars = national, unused = 0;
    while (*rest == ' ') rest++;
    if (decltype_is(rest, "CHAR", &rest)) chars = 1;
    *n = dflt;
    decltype_args(rest, n, &unused);
    return chars;
}
