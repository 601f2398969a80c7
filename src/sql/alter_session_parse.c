/*
 * alter_session_parse.c - ALTER SESSION parsed into its typed statement:
 * SET name = value [name = value ...] and ENABLE / DISABLE COMMIT IN
 * PROCEDURE.  src/server (alter_session.c) checks the values and carries
 * the statement out.
 *
 * The errors here are Oracle's syntax errors, at the offending token:
 * ORA-00922 for a malformed statement (no clause, no '=', no value, a word
 * that does not belong), ORA-02248 for a name that is no session parameter
 * of Oracle 19c, ORA-03001 (at 0) for the well-formed clauses Warden does
 * not do (ADVISE, CLOSE DATABASE LINK, PARALLEL, RESUMABLE, GUARD, SHARD DDL,
 * SYNC WITH PRIMARY).  Whether a parameter takes the value is the server's.
 */
#include "xlat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The session parameters of Oracle 19c (ALTER SESSION SET): any other name is ORA-02248. */
static const char *const session_parameters[] = {
    "COMMIT_LOGGING", "COMMIT_WAIT", "COMMIT_WRITE", "CONSTRAINTS", "CONTAINER",
    "CONTAINER_DATA", "CREATE_STORED_OUTLINES", "CURRENT_SCHEMA", "CURSOR_SHARING",
    "DB_BLOCK_CHECKING", "DB_FILE_MULTIBLOCK_READ_COUNT", "DDL_LOCK_TIMEOUT", "EDITION",
    "ERROR_ON_OVERLAP_TIME", "EVENTS", "FLAGGER", "GLOBAL_NAMES", "HASH_AREA_SIZE", "INSTANCE",
    "ISOLATION_LEVEL", "MAX_DUMP_FILE_SIZE", "NLS_CALENDAR", "NLS_COMP", "NLS_CURRENCY",
    "NLS_DATE_FORMAT", "NLS_DATE_LANGUAGE", "NLS_DUAL_CURRENCY", "NLS_ISO_CURRENCY",
    "NLS_LANGUAGE", "NLS_LENGTH_SEMANTICS", "NLS_NCHAR_CONV_EXCP", "NLS_NUMERIC_CHARACTERS",
    "NLS_SORT", "NLS_TERRITORY", "NLS_TIMESTAMP_FORMAT", "NLS_TIMESTAMP_TZ_FORMAT",
    "NLS_TIME_FORMAT", "NLS_TIME_TZ_FORMAT", "OPTIMIZER_DYNAMIC_SAMPLING",
    "OPTIMIZER_FEATURES_ENABLE", "OPTIMIZER_INDEX_CACHING", "OPTIMIZER_INDEX_COST_ADJ",
    "OPTIMIZER_MODE", "PARALLEL_DEGREE_POLICY", "PLSCOPE_SETTINGS", "PLSQL_CCFLAGS",
    "PLSQL_CODE_TYPE", "PLSQL_DEBUG", "PLSQL_OPTIMIZE_LEVEL", "PLSQL_WARNINGS",
    "QUERY_REWRITE_ENABLED", "QUERY_REWRITE_INTEGRITY", "RESULT_CACHE_MODE",
    "ROW_ARCHIVAL_VISIBILITY", "SESSION_CACHED_CURSORS", "SKIP_UNUSABLE_INDEXES",
    "SORT_AREA_RETAINED_SIZE", "SORT_AREA_SIZE", "SQLTUNE_CATEGORY", "SQL_TRACE",
    "STAR_TRANSFORMATION_ENABLED", "STATISTICS_LEVEL", "TIMED_OS_STATISTICS", "TIMED_STATISTICS",
    "TIME_ZONE", "TRACEFILE_IDENTIFIER", "USE_PRIVATE_OUTLINES", "USE_STORED_OUTLINES",
    "WORKAREA_SIZE_POLICY", NULL};

static int is_session_parameter(const char *name)
{
    if (name[0] == '_') return 1; /* hidden parameters: Oracle knows many */
    for (int i = 0; session_parameters[i]; i++)
        if (!strcmp(session_parameters[i], name)) return 1;
    return 0;
}

/* The end of the statement: nothing more, or a last ';'. */
static int at_end(const xlat *x)
{
    return cur(x)->type == TK_EOF || (at_op(x, ";") && ahead(x, 1)->type == TK_EOF);
}

static int char_off(const xlat *x, const sql_token *t)
{
    return sql_char_offset(x->sql, t->off);
}

/* A signed number: '-' or '+' and the number, as written without a '+'. */
static char *signed_number(xlat *x)
{
    int minus = at_op(x, "-");
    advance(x);
    const sql_token *t = cur(x);
    char *v = xmalloc((size_t)t->len + 2);
    snprintf(v, (size_t)t->len + 2, "%s%.*s", minus ? "-" : "", t->len, x->sql + t->off);
    return v;
}

/* Words up to the next "name =" (ISOLATION_LEVEL = READ COMMITTED), upper case, one blank
 * apart. */
static char *words(xlat *x)
{
    buf b;
    buf_init(&b);
    do {
        char w[SQL_IDENT_MAX + 1];
        tok_name(x->sql, cur(x), w, sizeof w);
        buf_printf(&b, "%s%s", b.len ? " " : "", w);
        advance(x);
    } while (cur(x)->type == TK_WORD && !ahead_op(x, 1, "="));
    char *v = xstrdup(buf_cstr(&b));
    buf_free(&b);
    return v;
}

/* The value after '=' into P; ORA-00922 at the token when there is none. */
static int read_value(xlat *x, sql_session_param *p)
{
    const sql_token *t = cur(x);
    p->value_off = char_off(x, t);
    if (t->type == TK_STRING) {
        p->value = tok_string_value(x->sql, t);
        p->quoted = 1;
    } else if ((at_op(x, "-") || at_op(x, "+")) && ahead(x, 1)->type == TK_NUMBER) {
        p->value = signed_number(x);
    } else if (t->type == TK_NUMBER) {
        p->value = xstrndup(x->sql + t->off, (size_t)t->len);
    } else if (t->type == TK_QIDENT) {
        char name[SQL_IDENT_MAX + 1];
        tok_name(x->sql, t, name, sizeof name);
        p->value = xstrdup(name);
    } else if (t->type == TK_WORD) {
        p->value = words(x);
        return 0; /* words() advanced */
    } else {
        return xlat_fail(x, 922, t);
    }
    advance(x);
    return 0;
}

static sql_session_param *new_param(sql_alter_session_stmt *as)
{
    as->params = xrealloc(as->params, sizeof *as->params * (size_t)(as->nparams + 1));
    sql_session_param *p = &as->params[as->nparams++];
    memset(p, 0, sizeof *p);
    return p;
}

/* name = value: ORA-00922 for a missing name, '=' or value, ORA-02248 for an unknown name. */
static int read_param(xlat *x, sql_alter_session_stmt *as)
{
    const sql_token *t = cur(x);
    if (t->type != TK_WORD) return xlat_fail(x, 922, t);
    char name[SQL_IDENT_MAX + 1];
    tok_name(x->sql, t, name, sizeof name);
    if (!is_session_parameter(name)) return xlat_fail(x, 2248, t);
    sql_session_param *p = new_param(as);
    p->name = xstrdup(name);
    p->name_off = char_off(x, t);
    advance(x);
    if (!at_op(x, "=")) return xlat_fail(x, 922, cur(x));
    advance(x);
    return read_value(x, p);
}

/* SET name = value [name = value ...] */
static int parse_set(xlat *x, sql_alter_session_stmt *as)
{
    as->action = ALTER_SESSION_SET;
    advance(x);
    do {
        if (read_param(x, as) < 0) return -1;
    } while (!at_op(x, ";") && cur(x)->type != TK_EOF); /* after ';': ORA-00911 */
    return 0;
}

/* ENABLE | DISABLE COMMIT IN PROCEDURE */
static int parse_commit_in_procedure(xlat *x, sql_alter_session_stmt *as)
{
    as->action = at_word(x, "ENABLE") ? ALTER_SESSION_ENABLE_COMMIT : ALTER_SESSION_DISABLE_COMMIT;
    advance(x);
    static const char *const rest[] = {"COMMIT", "IN", "PROCEDURE"};
    for (int i = 0; i < 3; i++) {
        if (!at_word(x, rest[i])) return xlat_fail(x, 922, cur(x));
        advance(x);
    }
    return 0;
}

/* Oracle's other ALTER SESSION clauses, by their first words: Warden does none of them. */
static int is_other_clause(const xlat *x)
{
    static const char *const firsts[] = {"ENABLE", "DISABLE", "FORCE", NULL};
    static const char *const seconds[] = {"PARALLEL", "RESUMABLE", "GUARD", "SHARD", NULL};
    if (at_word(x, "ADVISE") || (at_word(x, "CLOSE") && ahead_word(x, 1, "DATABASE")) ||
        (at_word(x, "SYNC") && ahead_word(x, 1, "WITH")))
        return 1;
    for (int i = 0; firsts[i]; i++)
        for (int j = 0; at_word(x, firsts[i]) && seconds[j]; j++)
            if (ahead_word(x, 1, seconds[j])) return 1;
    return 0;
}

int parse_alter_session(xlat *x)
{
    sql_alter_session_stmt *as = &x->st->alter_session;
    x->st->kind = SQLK_ALTER_SESSION;
    x->st->command_type = 42;
    advance(x), advance(x);
    if (at_word(x, "SET")) return parse_set(x, as);
    if ((at_word(x, "ENABLE") || at_word(x, "DISABLE")) && ahead_word(x, 1, "COMMIT"))
        return parse_commit_in_procedure(x, as);
    if (is_other_clause(x)) {
        while (!at_end(x)) /* its options are not looked at */
            advance(x);
        return ora_set(x->err, ORA_UNIMPLEMENTED, 0);
    }
    return xlat_fail(x, 922, cur(x));
}
