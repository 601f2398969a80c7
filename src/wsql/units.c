/*
 * units.c - recognizing the CREATE of a stored unit and SHOW ERRORS's
 * "TYPE [schema.]name", both into a unit_ref (see units.h).
 */
#include "wsql/units.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "wsql/text.h"

/* The object types SHOW ERRORS takes, two-word ones before their first word alone. */
static const char *const show_types[] = {
    "ANALYTIC VIEW", "ATTRIBUTE DIMENSION", "HIERARCHY", "FUNCTION",
    "PROCEDURE",     "PACKAGE BODY",        "PACKAGE",   "TRIGGER",
    "VIEW",          "TYPE BODY",           "TYPE",      "DIMENSION",
    "JAVA SOURCE",   "JAVA CLASS",          NULL};

/* The units whose CREATE SHOW ERRORS remembers. */
static const char *const created_types[] = {"FUNCTION", "PROCEDURE", "PACKAGE BODY", "PACKAGE",
                                            "TRIGGER",  "TYPE BODY", "TYPE",         NULL};

/* Do the words at *P spell TYPE ("PACKAGE BODY")?  Advances *P past them if so. */
static int words_are(const char **p, const char *type)
{
    const char *q = *p;
    word w;
    while (*type) {
        size_t len = strcspn(type, " ");
        if (!text_sql_word(&q, &w) || w.len != len || !text_is(w, type, len)) return 0;
        type += len + (type[len] == ' ');
    }
    *p = q;
    return 1;
}

/* The first of TYPES the text at *P starts with, copied to U->type; 0 if none. */
static int match_type(const char **p, const char *const *types, unit_ref *u)
{
    for (size_t i = 0; types[i]; i++) {
        if (!words_are(p, types[i])) continue;
        snprintf(u->type, sizeof u->type, "%s", types[i]);
        return 1;
    }
    return 0;
}

static const char *skip_space(const char *p)
{
    while (isspace((unsigned char)*p))
        p++;
    return p;
}

/* One identifier at *P: "quoted" as is, else upper-cased name characters.  -1 if none. */
static int identifier(const char **p, char *out, size_t size)
{
    const char *s = skip_space(*p);
    size_t n = 0;
    if (*s == '"') {
        const char *end = strchr(s + 1, '"');
        if (!end || end == s + 1) return -1;
        n = (size_t)(end - s - 1);
        snprintf(out, size, "%.*s", (int)n, s + 1);
        *p = end + 1;
        return 0;
    }
    while (text_is_name_char(s[n]))
        n++;
    if (n == 0) return -1;
    snprintf(out, size, "%.*s", (int)n, s);
    text_upper(out);
    *p = s + n;
    return 0;
}

/* [schema.]name at *P into U. */
static int qualified_name(const char **p, unit_ref *u)
{
    u->owner[0] = 0;
    if (identifier(p, u->name, sizeof u->name) < 0) return -1;
    const char *q = skip_space(*p);
    if (*q != '.') return 0;
    memcpy(u->owner, u->name, sizeof u->owner);
    *p = q + 1;
    return identifier(p, u->name, sizeof u->name);
}

/* Skip one of CREATE's words that come before the type. */
static int skip_modifier(const char **p)
{
    static const char *const modifiers[] = {"OR", "REPLACE", "EDITIONABLE", "NONEDITIONABLE"};
    for (size_t i = 0; i < sizeof modifiers / sizeof *modifiers; i++)
        if (words_are(p, modifiers[i])) return 1;
    return 0;
}

int unit_created(const char *sql, unit_ref *u)
{
    const char *p = sql;
    word w;
    memset(u, 0, sizeof *u);
    if (!text_sql_word(&p, &w) || !text_is(w, "CREATE", 6)) return 0;
    while (skip_modifier(&p))
        continue;
    return match_type(&p, created_types, u) && qualified_name(&p, u) == 0;
}

int unit_parse_ref(const char *args, unit_ref *u)
{
    const char *p = args;
    memset(u, 0, sizeof *u);
    if (!match_type(&p, show_types, u) || qualified_name(&p, u) < 0) return -1;
    return *skip_space(p) ? -1 : 0;
}
