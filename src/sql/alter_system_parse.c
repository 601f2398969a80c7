/*
 * alter_system_parse.c - ALTER SYSTEM parsed into its typed statement:
 * KILL SESSION, DISCONNECT SESSION and CANCEL SQL with the session they
 * name and how it is to end, and SET name = value [SCOPE = ...].  src/server
 * only carries the statement out.
 *
 * The errors and their positions are those Warden has always given:
 * ORA-00026 (at 0) for a session string that is not 'sid,serial#[,@inst_id]'
 * (CANCEL SQL also [,sql_id]; blanks around the parts are fine), ORA-00933
 * at a word that does not belong, ORA-02000 at the statement's last
 * character when DISCONNECT has neither POST_TRANSACTION nor IMMEDIATE,
 * ORA-00927 / 00933 / 00922 (at 0) for a malformed SET, ORA-03001 for the
 * ALTER SYSTEM forms Warden does not do.  Whether a parameter exists and
 * takes the value is for the code that sets it (ORA-02065, ORA-00096).
 */
#include "xlat.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ---- the session string: 'sid, serial#[, @inst_id][, sql_id]' ---- */

static const char *skip_blanks(const char *p)
{
    while (isspace((unsigned char)*p))
        p++;
    return p;
}

/* A number 0..1000000000 and the blanks around it; NULL if there is none. */
static const char *read_number(const char *p, int *out)
{
    p = skip_blanks(p);
    if (!isdigit((unsigned char)*p)) return NULL;
    long v = 0;
    for (; isdigit((unsigned char)*p); p++) {
        v = v * 10 + (*p - '0');
        if (v > 1000000000) return NULL;
    }
    *out = (int)v;
    return skip_blanks(p);
}

/* A SQL_ID: exactly 13 letters and digits, and the blanks after it; NULL if not. */
static const char *read_sql_id(const char *p, char *sql_id)
{
    size_t n = 0;
    while (isalnum((unsigned char)*p) && n < 13)
        sql_id[n++] = *p++;
    sql_id[n] = 0;
    return n == 13 ? skip_blanks(p) : NULL;
}

static int parse_session_string(const char *s, int allow_sql_id, sql_alter_system_stmt *as)
{
    const char *p = read_number(s, &as->sid);
    if (!p || *p++ != ',' || !(p = read_number(p, &as->serial))) return -1;
    while (*p == ',') {
        p = skip_blanks(p + 1);
        if (*p == '@') {
            if (as->inst_id || !(p = read_number(p + 1, &as->inst_id)) || !as->inst_id)
                return -1;
        } else if (allow_sql_id && isalnum((unsigned char)*p) && !as->sql_id[0]) {
            if (!(p = read_sql_id(p, as->sql_id))) return -1;
        } else {
            return -1; /* e.g. '130,620,1': an instance without '@' */
        }
    }
    return *p ? -1 : 0;
}

/* The quoted session at the cursor ('...' only, no N'' or q''); ORA-00026 if malformed. */
static int read_session(xlat *x, sql_alter_system_stmt *as)
{
    const sql_token *t = cur(x);
    if (t->type != TK_STRING || x->sql[t->off] != '\'')
        return ora_set(x->err, ORA_INVALID_SESSION_ID, 0);
    char *text = tok_string_value(x->sql, t);
    int rc = parse_session_string(text, as->action == ALTER_SYSTEM_CANCEL_SQL, as);
    free(text);
    if (rc < 0) return ora_set(x->err, ORA_INVALID_SESSION_ID, 0);
    advance(x);
    return 0;
}

/* ---- KILL SESSION, DISCONNECT SESSION, CANCEL SQL ---- */

/* The end of the statement: nothing more, or a last ';'. */
static int at_end(const xlat *x)
{
    return cur(x)->type == TK_EOF || (at_op(x, ";") && ahead(x, 1)->type == TK_EOF);
}

/* The words after the session: IMMEDIATE (not CANCEL), POST_TRANSACTION (DISCONNECT). */
static int read_end_mode(xlat *x, sql_alter_system_stmt *as)
{
    int immediate = 0, post_transaction = 0;
    for (; !at_end(x); advance(x)) {
        if (at_word(x, "IMMEDIATE") && as->action != ALTER_SYSTEM_CANCEL_SQL)
            immediate = 1;
        else if (at_word(x, "POST_TRANSACTION") && as->action == ALTER_SYSTEM_DISCONNECT_SESSION)
            post_transaction = 1;
        else
            return xlat_fail(x, ORA_NOT_PROPERLY_ENDED, cur(x));
    }
    as->mode = post_transaction ? END_MODE_POST_TRANSACTION
               : immediate      ? END_MODE_IMMEDIATE
                                : END_MODE_NONE;
    return 0;
}

static int parse_end_session(xlat *x, sql_alter_system_action action)
{
    sql_alter_system_stmt *as = &x->st->alter_system;
    as->action = action;
    advance(x), advance(x); /* KILL SESSION, DISCONNECT SESSION, CANCEL SQL */
    if (read_session(x, as) < 0 || read_end_mode(x, as) < 0) return -1;
    if (action == ALTER_SYSTEM_DISCONNECT_SESSION && as->mode == END_MODE_NONE) {
        const sql_token *last = ahead(x, -1); /* the position of the statement's last character */
        return ora_set(x->err, ORA_MISSING_KEYWORD_DISCONNECT, last->off + last->len - 1,
                       "POST_TRANSACTION or IMMEDIATE");
    }
    return 0;
}

/* ---- SET name = value [SCOPE = MEMORY | SPFILE | BOTH] ---- */

static char *token_text(const xlat *x, const sql_token *t)
{
    return xstrndup(x->sql + t->off, (size_t)t->len);
}

/* The name the word at the cursor stands for (upper case), in new memory; advance. */
static char *take_name(xlat *x)
{
    char name[SQL_IDENT_MAX + 1];
    tok_name(x->sql, cur(x), name, sizeof name);
    advance(x);
    return xstrdup(name);
}

/* The value after '=': one token as written ('-' and a number together); NULL if none. */
static void read_value(xlat *x, sql_alter_system_stmt *as)
{
    if (at_end(x) || (at_word(x, "SCOPE") && ahead_op(x, 1, "="))) return;
    if (at_op(x, "-") && ahead(x, 1)->type == TK_NUMBER) {
        advance(x);
        as->value = xmalloc((size_t)cur(x)->len + 2);
        as->value[0] = '-';
        memcpy(as->value + 1, x->sql + cur(x)->off, (size_t)cur(x)->len);
        as->value[cur(x)->len + 1] = 0;
    } else if (cur(x)->type == TK_STRING) {
        as->value = tok_string_value(x->sql, cur(x));
        as->value_quoted = 1;
    } else {
        as->value = token_text(x, cur(x));
    }
    advance(x);
}

static int read_scope(xlat *x, sql_alter_system_stmt *as)
{
    while (!at_end(x)) {
        if (!at_word(x, "SCOPE")) return ora_set(x->err, ORA_NOT_PROPERLY_ENDED, 0);
        advance(x);
        if (!at_op(x, "=")) return ora_set(x->err, 927, 0);
        advance(x);
        if (!at_word(x, "MEMORY") && !at_word(x, "SPFILE") && !at_word(x, "BOTH"))
            return ora_set(x->err, 922, 0);
        free(as->scope);
        as->scope = take_name(x);
    }
    return 0;
}

static int parse_set(xlat *x)
{
    sql_alter_system_stmt *as = &x->st->alter_system;
    as->action = ALTER_SYSTEM_SET;
    advance(x);
    if (cur(x)->type == TK_WORD) as->parameter = take_name(x);
    if (!at_op(x, "=")) return ora_set(x->err, 927, 0);
    advance(x);
    read_value(x, as);
    return read_scope(x, as);
}

int parse_alter_system(xlat *x)
{
    x->st->kind = SQLK_ALTER_SYSTEM;
    x->st->command_type = 49;
    advance(x), advance(x);
    if (cur(x)->type == TK_EOF) return xlat_fail(x, 922, cur(x));
    if (at_word(x, "KILL") && ahead_word(x, 1, "SESSION"))
        return parse_end_session(x, ALTER_SYSTEM_KILL_SESSION);
    if (at_word(x, "DISCONNECT") && ahead_word(x, 1, "SESSION"))
        return parse_end_session(x, ALTER_SYSTEM_DISCONNECT_SESSION);
    if (at_word(x, "CANCEL") && ahead_word(x, 1, "SQL"))
        return parse_end_session(x, ALTER_SYSTEM_CANCEL_SQL);
    if (at_word(x, "SET")) return parse_set(x);
    return ora_set(x->err, ORA_UNIMPLEMENTED, 0);
}
