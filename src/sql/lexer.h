/*
 * lexer.h - Oracle SQL tokens with byte offsets into the statement text.
 *
 * The one tokenizer of the SQL front end: the classifier, the rewriter and
 * the admin-statement parser all read the same tokens.  Comments and blanks
 * are skipped (a token records whether blanks preceded it, so the rewriter
 * can keep the statement's layout).  Keywords are plain TK_WORD tokens: what
 * a word means depends on where it stands, which is the parser's business.
 */
#ifndef WARDEN_SQL_LEXER_H
#define WARDEN_SQL_LEXER_H

#include <stddef.h>

#include "../common/ora_error.h"

#define SQL_IDENT_MAX 128 /* longest identifier, in bytes (Oracle 12.2+) */
#define SQL_STRING_MAX 4000 /* longest string literal in SQL, in bytes (else ORA-01704) */

typedef enum sql_tok_type {
    TK_EOF,    /* end of text (off = length) */
    TK_WORD,   /* unquoted identifier or keyword: letters, digits, _ $ # */
    TK_QIDENT, /* "quoted identifier" (off/len include the quotes) */
    TK_STRING, /* 'text', N'text', q'[text]' (off/len cover the whole literal) */
    TK_NUMBER, /* 12, 1.5, .5, 1e-3, 2.5d (BINARY_DOUBLE/FLOAT suffix included) */
    TK_BIND,   /* :1, :name, :"Name" */
    TK_OP, /* punctuation and operators: ( ) , ; . + - * / = < > <= >= <> != ^= ~= || := => .. @ %
            */
} sql_tok_type;

typedef struct sql_token {
    sql_tok_type type;
    int off;          /* byte offset of the first character in the statement */
    int len;          /* byte length */
    int space_before; /* blanks or a comment separate it from the previous token */
} sql_token;

typedef struct sql_lexer {
    const char *sql;
    int len;
    int pos;
} sql_lexer;

typedef struct sql_tokens {
    sql_token *v; /* n tokens, the last one TK_EOF */
    int n;
} sql_tokens;

void sql_lexer_init(sql_lexer *lx, const char *sql, int len);
/* Next token into TOK; -1 with ERR set for text Oracle rejects (ORA-00911, 01740, 01756...). */
int sql_lex_next(sql_lexer *lx, sql_token *tok, ora_error *err);
/* Tokenize the whole text.  On error returns -1 and OUT is left empty. */
int sql_lex_all(const char *sql, int len, sql_tokens *out, ora_error *err);
void sql_tokens_free(sql_tokens *t);

/* Case-insensitive: is TOK the word KW (KW given in upper case)? */
int tok_is_word(const char *sql, const sql_token *tok, const char *kw);
/* Does TOK, a statement's first token, begin an anonymous PL/SQL block (BEGIN, DECLARE)? */
int tok_begins_block(const char *sql, const sql_token *tok);
/* Does the text SQL (after blanks and comments) begin an anonymous PL/SQL block? */
int sql_is_block(const char *sql);
/* Is TOK a name: a word or a quoted identifier? */
int tok_is_name(const sql_token *tok);
/* Is TOK the operator OP exactly? */
int tok_is_op(const char *sql, const sql_token *tok, const char *op);

/*
 * The name a word or quoted identifier stands for: unquoted words upper-cased,
 * quoted identifiers as written without the quotes.  Writes at most OUTSZ-1
 * bytes; returns the full length.
 */
int tok_name(const char *sql, const sql_token *tok, char *out, int outsz);

/* The content of a string literal (quotes, N prefix, q'..' delimiters removed, '' undone). */
char *tok_string_value(const char *sql, const sql_token *tok);

/* The first string literal in TOKS whose content exceeds MAX bytes, or NULL. */
const sql_token *tok_long_string(const char *sql, const sql_tokens *toks, size_t max);

#endif
