/*
 * text.h - small text helpers shared by wsql: blank-separated words of
 * command lines, SQL*Plus keyword abbreviations, SQL keywords that skip
 * comments, and UTF-8 character counts for column alignment.
 *
 * A word is a view into the caller's text (pointer + length); nothing here
 * copies unless the function name says so (text_dup, text_unquote).
 */
#ifndef WSQL_TEXT_H
#define WSQL_TEXT_H

#include <stddef.h>

typedef struct word {
    const char *p;
    size_t len;
} word;

const char *text_skip_blanks(const char *p);
/* Trailing blanks (and CR) removed from S in place; returns S. */
char *text_trim_right(char *s);

/*
 * Next blank-separated word at *CUR, advancing *CUR past it.  A word that
 * starts with ' or " runs to the matching quote (doubled quotes stay inside)
 * and keeps its quotes.  Returns 0 when only blanks are left.
 */
int text_word(const char **cur, word *w);
/* Case-insensitive: W is KEYWORD or an abbreviation of it at least MIN long. */
int text_is(word w, const char *keyword, size_t min);
char *text_dup(word w);
/* Copy without enclosing quotes ('' inside '...' becomes '). */
char *text_unquote(word w);
/* A column or variable name: quoted names keep their case, others are upper-cased (malloc'd). */
char *text_name(word w);
/* Parse W as a non-negative decimal integer; 0 on success. */
int text_int(word w, long *out);

/* ASCII upper case in place; returns S. */
char *text_upper(char *s);
int text_is_name_char(char c); /* letters, digits, _ $ # */

/*
 * SQL keyword scanning: skip blanks, -- and block comments, then return the
 * next run of name characters (empty word for punctuation, which is
 * consumed).  Returns 0 at the end of the text.
 */
int text_sql_word(const char **cur, word *w);

/* Characters (code points) in the N bytes at S. */
size_t text_utf8_len(const char *s, size_t n);
/* Bytes taken by the first CHARS characters of the N bytes at S. */
size_t text_utf8_bytes(const char *s, size_t n, size_t chars);

#endif
