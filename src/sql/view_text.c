/*
 * view_text.c - the Oracle text of a view, kept as a comment inside SQLite's
 * CREATE VIEW text (view_text.h): written by CREATE VIEW's translation, read
 * by DBA_VIEWS and by the overlay's view copies.
 */
#include "view_text.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../common/hex.h"

#define COMMENT_OPEN "/*ORA:"
#define CREATE_VIEW "CREATE VIEW "

void view_text_comment(buf *b, const char *text, size_t len)
{
    buf_puts(b, COMMENT_OPEN);
    hex_put(b, text, len);
    buf_puts(b, "*/");
}

static const char *skip_blanks(const char *p)
{
    while (isspace((unsigned char)*p)) p++;
    return p;
}

/* Past the quoted identifier at P ("" inside it is one quote), or NULL. */
static const char *skip_quoted(const char *p)
{
    if (*p++ != '"') return NULL;
    for (; *p; p++)
        if (*p == '"' && *++p != '"') return p;
    return NULL;
}

/* Past the parenthesised list at P (quoted names may hold parentheses), or NULL. */
static const char *skip_column_list(const char *p)
{
    int depth = 0;
    for (; *p; p++) {
        if (*p == '"') {
            if (!(p = skip_quoted(p))) return NULL;
            p--;
        } else if (*p == '(') depth++;
        else if (*p == ')' && --depth == 0) return p + 1;
    }
    return NULL;
}

/* The comment's hex digits at P and their count, or NULL when P holds no comment. */
static const char *comment_digits(const char *p, size_t *n)
{
    if (strncmp(p, COMMENT_OPEN, strlen(COMMENT_OPEN))) return NULL;
    p += strlen(COMMENT_OPEN);
    const char *end = strstr(p, "*/");
    if (!end) return NULL;
    *n = (size_t)(end - p);
    return p;
}

const char *view_text_query(const char *sql, int *has_columns)
{
    *has_columns = 0;
    if (strncasecmp(sql, CREATE_VIEW, strlen(CREATE_VIEW))) return NULL;
    const char *p = skip_quoted(skip_blanks(sql + strlen(CREATE_VIEW)));
    if (!p) return NULL;
    p = skip_blanks(p);
    size_t n;
    const char *digits = comment_digits(p, &n);
    if (digits) p = skip_blanks(digits + n + 2);
    if (*p == '(') {
        *has_columns = 1;
        if (!(p = skip_column_list(p))) return NULL;
        p = skip_blanks(p);
    }
    if (strncasecmp(p, "AS", 2) || !isspace((unsigned char)p[2])) return NULL;
    return skip_blanks(p + 2);
}

int view_text_read(const char *sql, buf *out)
{
    buf_reset(out);
    int has_columns;
    const char *query = view_text_query(sql, &has_columns);
    if (!query) return -1;
    const char *p = skip_blanks(skip_quoted(skip_blanks(sql + strlen(CREATE_VIEW))));
    size_t n;
    const char *digits = comment_digits(p, &n);
    if (!digits) {
        buf_puts(out, query);
        return 0;
    }
    buf_reserve(out, n / 2 + 1);
    long len = hex_decode(digits, n, (uint8_t *)out->data);
    if (len < 0) {
        buf_puts(out, query);
        return 0;
    }
    out->len = (size_t)len;
    return 0;
}
