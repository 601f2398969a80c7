/*
 * text.c - words, keyword abbreviations and UTF-8 counting for wsql.
 */
#include "wsql/text.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

const char *text_skip_blanks(const char *p)
{
    while (is_blank(*p))
        p++;
    return p;
}

char *text_trim_right(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && is_blank(s[n - 1]))
        n--;
    s[n] = 0;
    return s;
}

/* End of a quoted word starting at P (the quote), past the closing quote. */
static const char *quoted_end(const char *p)
{
    char q = *p++;
    for (; *p; p++) {
        if (*p != q) continue;
        if (p[1] != q) return p + 1;
        p++; /* doubled quote */
    }
    return p;
}

int text_word(const char **cur, word *w)
{
    const char *p = text_skip_blanks(*cur);
    const char *end = p;
    if (*p == 0) {
        *cur = p;
        return 0;
    }
    if (*p == '\'' || *p == '"')
        end = quoted_end(p);
    else
        while (*end && !is_blank(*end))
            end++;
    w->p = p;
    w->len = (size_t)(end - p);
    *cur = end;
    return 1;
}

int text_is(word w, const char *keyword, size_t min)
{
    size_t klen = strlen(keyword);
    if (w.len < min || w.len > klen) return 0;
    for (size_t i = 0; i < w.len; i++)
        if (toupper((unsigned char)w.p[i]) != keyword[i]) return 0;
    return 1;
}

char *text_dup(word w)
{
    return xstrndup(w.p, w.len);
}

char *text_name(word w)
{
    char *name = text_unquote(w);
    return w.p[0] == '"' ? name : text_upper(name);
}

char *text_unquote(word w)
{
    if (w.len < 2 || (w.p[0] != '\'' && w.p[0] != '"') || w.p[w.len - 1] != w.p[0])
        return text_dup(w);
    char q = w.p[0];
    char *out = xmalloc(w.len);
    size_t n = 0;
    for (size_t i = 1; i + 1 < w.len; i++) {
        out[n++] = w.p[i];
        if (w.p[i] == q && w.p[i + 1] == q && i + 2 < w.len) i++;
    }
    out[n] = 0;
    return out;
}

int text_int(word w, long *out)
{
    long v = 0;
    if (w.len == 0 || w.len > 9) return -1;
    for (size_t i = 0; i < w.len; i++) {
        if (!isdigit((unsigned char)w.p[i])) return -1;
        v = v * 10 + (w.p[i] - '0');
    }
    *out = v;
    return 0;
}

char *text_upper(char *s)
{
    for (char *p = s; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    return s;
}

int text_is_name_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '$' || c == '#';
}

/* Skip blanks and SQL comments. */
static const char *skip_sql_space(const char *p)
{
    for (;;) {
        p = text_skip_blanks(p);
        if (p[0] == '-' && p[1] == '-') {
            while (*p && *p != '\n')
                p++;
        } else if (p[0] == '/' && p[1] == '*') {
            const char *end = strstr(p + 2, "*/");
            p = end ? end + 2 : p + strlen(p);
        } else {
            return p;
        }
    }
}

int text_sql_word(const char **cur, word *w)
{
    const char *p = skip_sql_space(*cur);
    const char *end = p;
    if (*p == 0) {
        *cur = p;
        return 0;
    }
    while (text_is_name_char(*end))
        end++;
    if (end == p) end = p + 1; /* punctuation: an empty word, consumed */
    w->p = p;
    w->len = text_is_name_char(*p) ? (size_t)(end - p) : 0;
    *cur = end;
    return 1;
}

static int is_continuation_byte(char c)
{
    return ((unsigned char)c & 0xC0) == 0x80;
}

size_t text_utf8_len(const char *s, size_t n)
{
    size_t chars = 0;
    for (size_t i = 0; i < n; i++)
        if (!is_continuation_byte(s[i])) chars++;
    return chars;
}

size_t text_utf8_bytes(const char *s, size_t n, size_t chars)
{
    size_t i = 0;
    while (i < n && chars > 0) {
        i++;
        while (i < n && is_continuation_byte(s[i]))
            i++;
        chars--;
    }
    return i;
}
