/*
 * lexer.c - split Oracle SQL text into tokens (see lexer.h).
 */
#include "lexer.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"

void sql_lexer_init(sql_lexer *lx, const char *sql, int len)
{
    lx->sql = sql;
    lx->len = len;
    lx->pos = 0;
}

static int is_blank(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Letters start identifiers; bytes of multi-byte UTF-8 characters count as letters. */
static int is_ident_start(int c)
{
    return isalpha(c) || c >= 0x80;
}
static int is_ident_char(int c)
{
    return is_ident_start(c) || isdigit(c) || c == '_' || c == '$' || c == '#';
}

static int peek_char(const sql_lexer *lx, int ahead)
{
    int p = lx->pos + ahead;
    return p < lx->len ? (unsigned char)lx->sql[p] : 0;
}

/* Skip blanks and comments; returns 1 if anything was skipped, -1 on an unterminated comment. */
static int skip_blanks(sql_lexer *lx, ora_error *err)
{
    int skipped = 0;
    for (;;) {
        int c = peek_char(lx, 0);
        if (lx->pos < lx->len && is_blank(c)) {
            lx->pos++;
        } else if (c == '-' && peek_char(lx, 1) == '-') {
            while (lx->pos < lx->len && lx->sql[lx->pos] != '\n')
                lx->pos++;
        } else if (c == '/' && peek_char(lx, 1) == '*') {
            int start = lx->pos;
            lx->pos += 2;
            while (lx->pos < lx->len && !(lx->sql[lx->pos] == '*' && peek_char(lx, 1) == '/'))
                lx->pos++;
            if (lx->pos >= lx->len) return ora_set(err, 1742, start);
            lx->pos += 2;
        } else {
            return skipped;
        }
        skipped = 1;
    }
}

/* The closing delimiter of q'X...X' quoting. */
static int q_closer(int open)
{
    switch (open) {
    case '[':
        return ']';
    case '(':
        return ')';
    case '{':
        return '}';
    case '<':
        return '>';
    default:
        return open;
    }
}

/* 'text' with '' escapes; lx->pos at the opening quote. */
static int lex_plain_string(sql_lexer *lx, int start, ora_error *err)
{
    lx->pos++;
    for (;;) {
        if (lx->pos >= lx->len) return ora_set(err, 1756, start);
        if (lx->sql[lx->pos] == '\'') {
            if (peek_char(lx, 1) != '\'') break;
            lx->pos++;
        }
        lx->pos++;
    }
    lx->pos++;
    return 0;
}

/* q'X...X'; lx->pos at the q. */
static int lex_q_string(sql_lexer *lx, int start, ora_error *err)
{
    lx->pos += 2;
    if (lx->pos >= lx->len || is_blank(peek_char(lx, 0))) return ora_set(err, 1756, start);
    int close = q_closer(peek_char(lx, 0));
    lx->pos++;
    for (;;) {
        if (lx->pos + 1 >= lx->len) return ora_set(err, 1756, start);
        if ((unsigned char)lx->sql[lx->pos] == close && lx->sql[lx->pos + 1] == '\'') break;
        lx->pos++;
    }
    lx->pos += 2;
    return 0;
}

/* Is there a string literal at the current position (N'..', q'..', nq'..', '..')? */
static int string_prefix_len(const sql_lexer *lx)
{
    int c0 = toupper(peek_char(lx, 0)), c1 = toupper(peek_char(lx, 1));
    if (c0 == '\'') return 0;
    if ((c0 == 'N' || c0 == 'Q') && c1 == '\'') return 1;
    if (c0 == 'N' && c1 == 'Q' && peek_char(lx, 2) == '\'') return 2;
    return -1;
}

static int lex_string(sql_lexer *lx, int start, ora_error *err)
{
    int prefix = string_prefix_len(lx);
    int quoted_q = prefix > 0 && toupper(peek_char(lx, prefix - 1)) == 'Q';
    lx->pos += prefix;
    if (quoted_q) {
        lx->pos--; /* lex_q_string expects to stand on the q */
        return lex_q_string(lx, start, err);
    }
    return lex_plain_string(lx, start, err);
}

static int lex_quoted_ident(sql_lexer *lx, int start, ora_error *err)
{
    lx->pos++;
    while (lx->pos < lx->len && lx->sql[lx->pos] != '"')
        lx->pos++;
    if (lx->pos >= lx->len) return ora_set(err, 1740, start);
    lx->pos++;
    if (lx->pos - start == 2) return ora_set(err, 1741, start);
    if (lx->pos - start - 2 > SQL_IDENT_MAX) return ora_set(err, 972, start);
    return 0;
}

static int lex_word(sql_lexer *lx, int start, ora_error *err)
{
    while (lx->pos < lx->len && is_ident_char(peek_char(lx, 0)))
        lx->pos++;
    if (lx->pos - start > SQL_IDENT_MAX) return ora_set(err, 972, start);
    return 0;
}

static void skip_digits(sql_lexer *lx)
{
    while (lx->pos < lx->len && isdigit(peek_char(lx, 0)))
        lx->pos++;
}

static void lex_number(sql_lexer *lx)
{
    skip_digits(lx);
    if (peek_char(lx, 0) == '.' && peek_char(lx, 1) != '.') {
        lx->pos++;
        skip_digits(lx);
    }
    int c = peek_char(lx, 0);
    if ((c == 'e' || c == 'E') &&
        (isdigit(peek_char(lx, 1)) ||
         ((peek_char(lx, 1) == '+' || peek_char(lx, 1) == '-') && isdigit(peek_char(lx, 2))))) {
        lx->pos += 2;
        skip_digits(lx);
    }
    c = toupper(peek_char(lx, 0));
    if ((c == 'D' || c == 'F') && !is_ident_char(peek_char(lx, 1))) lx->pos++;
}

/* :1, :name or :"Name"; lx->pos at the colon. */
static int lex_bind(sql_lexer *lx, int start, ora_error *err)
{
    lx->pos++;
    int blanks = 0; /* ": 1" is :1 (blanks before a name are an error, as ": from" would be) */
    while (peek_char(lx, blanks) == ' ' || peek_char(lx, blanks) == '\t') blanks++;
    if (isdigit(peek_char(lx, blanks))) lx->pos += blanks;
    int c = peek_char(lx, 0);
    if (c == '"') return lex_quoted_ident(lx, lx->pos, err);
    if (isdigit(c)) {
        while (lx->pos < lx->len && is_ident_char(peek_char(lx, 0)))
            lx->pos++;
        return 0;
    }
    if (is_ident_start(c)) return lex_word(lx, lx->pos, err);
    return ora_set(err, 911, start);
}

static const char *const two_char_ops[] = {
    "||", "<=", ">=", "<>", "!=", "^=", "~=", ":=", "=>", "..", "**", NULL};

static int lex_operator(sql_lexer *lx, int start, ora_error *err)
{
    for (int i = 0; two_char_ops[i]; i++) {
        if (lx->pos + 1 < lx->len && memcmp(lx->sql + lx->pos, two_char_ops[i], 2) == 0) {
            lx->pos += 2;
            return 0;
        }
    }
    if (strchr("(),;.+-*/=<>@%", peek_char(lx, 0)) && peek_char(lx, 0)) {
        lx->pos++;
        return 0;
    }
    return ora_set(err, 911, start);
}

static int lex_token_body(sql_lexer *lx, sql_token *tok, ora_error *err)
{
    int c = peek_char(lx, 0);
    if (string_prefix_len(lx) >= 0) {
        tok->type = TK_STRING;
        return lex_string(lx, tok->off, err);
    }
    if (is_ident_start(c)) {
        tok->type = TK_WORD;
        return lex_word(lx, tok->off, err);
    }
    if (isdigit(c) || (c == '.' && isdigit(peek_char(lx, 1)))) {
        tok->type = TK_NUMBER;
        lex_number(lx);
        return 0;
    }
    if (c == '"') {
        tok->type = TK_QIDENT;
        return lex_quoted_ident(lx, tok->off, err);
    }
    if (c == ':' && peek_char(lx, 1) != '=') {
        tok->type = TK_BIND;
        return lex_bind(lx, tok->off, err);
    }
    tok->type = TK_OP;
    return lex_operator(lx, tok->off, err);
}

int sql_lex_next(sql_lexer *lx, sql_token *tok, ora_error *err)
{
    int skipped = skip_blanks(lx, err);
    if (skipped < 0) return -1;
    tok->off = lx->pos;
    tok->space_before = skipped;
    if (lx->pos >= lx->len) {
        tok->type = TK_EOF;
        tok->len = 0;
        return 0;
    }
    if (lx->sql[lx->pos] == 0) return ora_set(err, 911, lx->pos);
    if (lex_token_body(lx, tok, err) < 0) return -1;
    tok->len = lx->pos - tok->off;
    return 0;
}

int sql_lex_all(const char *sql, int len, sql_tokens *out, ora_error *err)
{
    sql_lexer lx;
    int cap = 64;
    sql_lexer_init(&lx, sql, len);
    out->n = 0;
    out->v = xmalloc(sizeof *out->v * (size_t)cap);
    for (;;) {
        if (out->n == cap) {
            cap *= 2;
            out->v = xrealloc(out->v, sizeof *out->v * (size_t)cap);
        }
        sql_token *tok = &out->v[out->n];
        if (sql_lex_next(&lx, tok, err) < 0) {
            sql_tokens_free(out);
            return -1;
        }
        out->n++;
        if (tok->type == TK_EOF) return 0;
    }
}

void sql_tokens_free(sql_tokens *t)
{
    free(t->v);
    t->v = NULL;
    t->n = 0;
}

int tok_is_word(const char *sql, const sql_token *tok, const char *kw)
{
    if (tok->type != TK_WORD) return 0;
    int n = (int)strlen(kw);
    return tok->len == n && strncasecmp(sql + tok->off, kw, (size_t)n) == 0;
}

int tok_begins_block(const char *sql, const sql_token *tok)
{
    return tok_is_word(sql, tok, "BEGIN") || tok_is_word(sql, tok, "DECLARE");
}

int sql_is_block(const char *sql)
{
    sql_lexer lx;
    sql_token first;
    ora_error err;
    sql_lexer_init(&lx, sql, (int)strlen(sql));
    return sql_lex_next(&lx, &first, &err) == 0 && tok_begins_block(sql, &first);
}

int tok_is_name(const sql_token *tok)
{
    return tok->type == TK_WORD || tok->type == TK_QIDENT;
}

int tok_is_op(const char *sql, const sql_token *tok, const char *op)
{
    int n = (int)strlen(op);
    return tok->type == TK_OP && tok->len == n && memcmp(sql + tok->off, op, (size_t)n) == 0;
}

int tok_name(const char *sql, const sql_token *tok, char *out, int outsz)
{
    const char *p = sql + tok->off;
    int n = tok->len;
    int quoted = tok->type == TK_QIDENT;
    if (tok->type == TK_BIND) /* a bind's name: after the colon and any blanks */
        for (p++, n--; n > 0 && (*p == ' ' || *p == '\t'); p++, n--) continue;
    if (n > 0 && *p == '"') p++, n -= 2, quoted = 1;
    for (int i = 0; i < n && i < outsz - 1; i++)
        out[i] = quoted ? p[i] : (char)toupper((unsigned char)p[i]);
    if (outsz > 0) out[n < outsz - 1 ? n : outsz - 1] = 0;
    return n;
}

/* A literal's content into OUT (when not NULL); returns its length in bytes. */
static size_t string_value(const char *sql, const sql_token *tok, buf *out)
{
    const char *p = sql + tok->off, *end = p + tok->len;
    if (toupper((unsigned char)*p) == 'N') p++;
    if (toupper((unsigned char)*p) == 'Q') {
        size_t n = (size_t)(end - p - 5); /* q ' X ... X ' */
        if (out) buf_put(out, p + 3, n);
        return n;
    }
    size_t n = 0;
    for (p++, end--; p < end; p++, n++) {
        if (out) buf_putc(out, (uint8_t)*p);
        if (*p == '\'') p++; /* '' stands for one quote */
    }
    return n;
}

char *tok_string_value(const char *sql, const sql_token *tok)
{
    buf b;
    buf_init(&b);
    string_value(sql, tok, &b);
    buf_puts(&b, "");
    return (char *)buf_cstr(&b);
}

const sql_token *tok_long_string(const char *sql, const sql_tokens *toks, size_t max)
{
    for (int i = 0; i < toks->n; i++) {
        const sql_token *t = &toks->v[i];
        if (t->type == TK_STRING && (size_t)t->len > max && string_value(sql, t, NULL) > max)
            return t;
    }
    return NULL;
}
