/*
 * xlat_out.c - the rewriter's token cursor and its output: the SQLite text,
 * the offset map back to the Oracle text, and the bind placeholders.
 */
#include "xlat.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- cursor ---- */

const sql_token *cur(const xlat *x)
{
    return &x->tok[x->pos];
}

const sql_token *ahead(const xlat *x, int k)
{
    int p = x->pos + k;
    return &x->tok[p < x->ntok ? p : x->ntok - 1];
}

void advance(xlat *x)
{
    if (x->pos < x->ntok - 1) x->pos++;
}

int at_word(const xlat *x, const char *kw)
{
    return tok_is_word(x->sql, cur(x), kw);
}
int ahead_word(const xlat *x, int k, const char *kw)
{
    return tok_is_word(x->sql, ahead(x, k), kw);
}
int at_op(const xlat *x, const char *op)
{
    return tok_is_op(x->sql, cur(x), op);
}
int ahead_op(const xlat *x, int k, const char *op)
{
    return tok_is_op(x->sql, ahead(x, k), op);
}

int at_name(const xlat *x)
{
    const sql_token *t = cur(x);
    return t->type == TK_QIDENT || (t->type == TK_WORD && !word_is_reserved(x, t));
}

int paren_starts_query(const xlat *x, int k)
{
    while (ahead_op(x, k, "("))
        k++;
    return ahead_word(x, k, "SELECT") || ahead_word(x, k, "WITH");
}

int xlat_fail(xlat *x, int code, const sql_token *at)
{
    return ora_set(x->err, code, at->off);
}

int expect_op(xlat *x, const char *op, int code)
{
    if (!at_op(x, op)) return xlat_fail(x, code, cur(x));
    emit_tok(x);
    return 0;
}

int expect_word(xlat *x, const char *kw, int code)
{
    if (!at_word(x, kw)) return xlat_fail(x, code, cur(x));
    emit_tok(x);
    return 0;
}

int skip_group(xlat *x)
{
    int depth = 0;
    do {
        if (cur(x)->type == TK_EOF) return -1;
        depth += at_op(x, "(") - at_op(x, ")");
        advance(x);
    } while (depth > 0);
    return 0;
}

int skip_parens(xlat *x)
{
    return skip_group(x) < 0 ? xlat_fail(x, ORA_MISSING_RIGHT_PAREN, cur(x)) : 0;
}

int tok_is_set_operator(const xlat *x, const sql_token *t)
{
    return tok_is_word(x->sql, t, "UNION") || tok_is_word(x->sql, t, "INTERSECT") ||
           tok_is_word(x->sql, t, "MINUS") || tok_is_word(x->sql, t, "EXCEPT");
}

int fail_identifier(xlat *x, const sql_token *t)
{
    char name[SQL_IDENT_MAX + 1], text[SQL_IDENT_MAX + 3];
    tok_name(x->sql, t, name, sizeof name);
    if (t->type == TK_EOF || t->type == TK_STRING) name[0] = 0;
    snprintf(text, sizeof text, "\"%s\"", name);
    return ora_set(x->err, ORA_INVALID_IDENTIFIER, t->off, text);
}

int xlat_enter(xlat *x)
{
    if (++x->depth > XLAT_MAX_DEPTH) return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
    return 0;
}

void xlat_leave(xlat *x)
{
    x->depth--;
}

/* ---- output ---- */

static int is_word_char(int c)
{
    return isalnum(c) || c == '_' || c == '$' || c == '"' || c >= 0x80;
}

static void add_map(xlat *x, int at, int sqlite_off, int oracle_off)
{
    sql_sqlite_text *t = &x->text;
    if (t->nmap == x->mapcap) {
        x->mapcap = x->mapcap ? x->mapcap * 2 : 64;
        t->map = xrealloc(t->map, sizeof *t->map * (size_t)x->mapcap);
    }
    memmove(&t->map[at + 1], &t->map[at], sizeof *t->map * (size_t)(t->nmap - at));
    t->map[at].sqlite_off = sqlite_off;
    t->map[at].oracle_off = oracle_off;
    t->nmap++;
}

/* Would TEXT glue onto the output's last character into something else? */
static int needs_separator(const xlat *x, const char *text)
{
    if (!x->out.len || !text[0]) return 0;
    int last = x->out.data[x->out.len - 1], first = (unsigned char)text[0];
    if (is_word_char(last) && is_word_char(first)) return 1;
    if ((last == '-' && first == '-') || (last == '/' && first == '*')) return 1;
    return last == '?' && isdigit(first);
}

void out_text(xlat *x, const char *text, int oracle_off, int space)
{
    int last = x->out.len ? x->out.data[x->out.len - 1] : ' ';
    if ((space && last != ' ' && last != '(') || needs_separator(x, text)) buf_putc(&x->out, ' ');
    add_map(x, x->text.nmap, (int)x->out.len, oracle_off);
    buf_puts(&x->out, text);
}

void out_insert(xlat *x, int at, const char *text, int oracle_off)
{
    size_t n = strlen(text);
    if ((size_t)at < x->out.len && x->out.data[at] == ' ') at++; /* after the separating blank */
    buf_reserve(&x->out, n);
    memmove(x->out.data + at + n, x->out.data + at, x->out.len - (size_t)at);
    memcpy(x->out.data + at, text, n);
    x->out.len += n;
    sql_sqlite_text *t = &x->text;
    int i = t->nmap;
    while (i > 0 && t->map[i - 1].sqlite_off >= at)
        t->map[--i].sqlite_off += (int)n;
    add_map(x, i, at, oracle_off);
}

/* ---- tokens ---- */

/* An Oracle string literal as SQLite text: '' (Oracle's NULL) becomes NULL. */
static void string_literal(const xlat *x, const sql_token *t, buf *b)
{
    char *value = tok_string_value(x->sql, t);
    const char *raw = x->sql + t->off;
    if (!value[0]) {
        buf_puts(b, "NULL");
    } else if (raw[0] == '\'') {
        buf_put(b, raw, (size_t)t->len);
    } else {
        buf_put_quoted(b, value, '\'');
    }
    free(value);
}

/* Oracle's 1.5d / 2f suffixes mark BINARY_DOUBLE / BINARY_FLOAT literals; SQLite has neither. */
static void number_literal(const xlat *x, const sql_token *t, buf *b)
{
    int n = t->len, last = toupper((unsigned char)x->sql[t->off + n - 1]);
    if (last == 'D' || last == 'F') n--;
    buf_put(b, x->sql + t->off, (size_t)n);
}

static void word_text(const xlat *x, const sql_token *t, buf *b)
{
    char name[SQL_IDENT_MAX + 1];
    tok_name(x->sql, t, name, sizeof name);
    int plain = 1;
    for (const char *p = name; *p; p++)
        if (!(isalnum((unsigned char)*p) || *p == '_' || *p == '$')) plain = 0;
    if (plain)
        buf_puts(b, name);
    else
        buf_printf(b, "\"%s\"", name);
}

int parse_lock_wait(xlat *x)
{
    if (at_word(x, "NOWAIT")) {
        x->wait = 0;
        advance(x);
    } else if (at_word(x, "WAIT")) {
        advance(x);
        if (cur(x)->type != TK_NUMBER) return xlat_fail(x, 30005, cur(x));
        x->wait = atoi(x->sql + cur(x)->off);
        advance(x);
    }
    return 0;
}

void emit_tok(xlat *x)
{
    const sql_token *t = cur(x);
    buf *b = &x->scratch;
    buf_reset(b);
    switch (t->type) {
    case TK_EOF:
        return;
    case TK_BIND:
        emit_bind(x);
        return;
    case TK_STRING:
        string_literal(x, t, b);
        break;
    case TK_NUMBER:
        number_literal(x, t, b);
        break;
    case TK_WORD:
        word_text(x, t, b);
        break;
    default:
        if (tok_is_op(x->sql, t, "^=") || tok_is_op(x->sql, t, "~="))
            buf_puts(b, "!=");
        else
            buf_put(b, x->sql + t->off, (size_t)t->len);
        break;
    }
    out_text(x, buf_cstr(b), t->off, t->space_before);
    advance(x);
}

void emit_word(xlat *x, const char *word)
{
    const sql_token *t = cur(x);
    out_text(x, word, t->off, 1);
    advance(x);
}

void replace_tok(xlat *x, const char *text)
{
    out_text(x, text, cur(x)->off, 0);
    advance(x);
}

int ident_needs_quotes(const char *name)
{
    if (!name[0] || isdigit((unsigned char)name[0]) || name[0] == '$') return 1;
    for (const char *p = name; *p; p++)
        if (!(isupper((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '_' || *p == '$'))
            return 1;
    return sql_is_sqlite_keyword(name);
}

void append_ident(buf *out, const char *name)
{
    if (!ident_needs_quotes(name)) {
        buf_puts(out, name);
        return;
    }
    buf_put_quoted(out, name, '"');
}

void emit_ident(xlat *x, const char *name, int oracle_off, int space)
{
    buf *b = &x->scratch;
    buf_reset(b);
    append_ident(b, name);
    out_text(x, buf_cstr(b), oracle_off, space);
}

void emit_name(xlat *x)
{
    char name[SQL_IDENT_MAX + 1];
    const sql_token *t = cur(x);
    tok_name(x->sql, t, name, sizeof name);
    emit_ident(x, name, t->off, t->space_before);
    advance(x);
}

int add_bind(xlat *x, const sql_token *t)
{
    sql_sqlite_text *text = &x->text;
    char name[SQL_IDENT_MAX + 1];
    tok_name(x->sql, t, name, sizeof name);
    if (text->nbinds == x->bindcap) {
        x->bindcap = x->bindcap ? x->bindcap * 2 : 8;
        text->bind_names =
            xrealloc(text->bind_names, sizeof *text->bind_names * (size_t)x->bindcap);
    }
    text->bind_names[text->nbinds++] = xstrdup(name);
    return text->nbinds;
}

int emit_bind(xlat *x)
{
    const sql_token *t = cur(x);
    char text[16];
    int n = add_bind(x, t);
    snprintf(text, sizeof text, "?%d", n);
    out_text(x, text, t->off, t->space_before);
    advance(x);
    return n;
}
