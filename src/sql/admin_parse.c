/*
 * admin_parse.c - CREATE/ALTER/DROP USER, CREATE/ALTER/DROP PROFILE, GRANT
 * and REVOKE: parsed into the statement's user, profile or grant part for
 * src/server to carry out.
 *
 * Nothing here touches SQLite.  Tablespace and quota clauses are accepted and
 * ignored (Warden has one database file and no quotas).
 */
#include "xlat.h"

#include <stdlib.h>
#include <string.h>

/* A user, role or profile name: upper case unless quoted. */
static int read_name(xlat *x, char **out, int code)
{
    char name[SQL_IDENT_MAX + 1];
    if (!tok_is_name(cur(x)) || word_is_reserved(x, cur(x))) return xlat_fail(x, code, cur(x));
    tok_name(x->sql, cur(x), name, sizeof name);
    free(*out);
    *out = xstrdup(name);
    advance(x);
    return 0;
}

/* A profile's name: a name, or DEFAULT (a reserved word). */
static int read_profile_name(xlat *x, char **out)
{
    if (!at_word(x, "DEFAULT")) return read_name(x, out, 922);
    free(*out);
    *out = xstrdup("DEFAULT");
    advance(x);
    return 0;
}

/* IDENTIFIED BY password: the password as written (quotes removed, case kept). */
static int parse_identified(xlat *x)
{
    sql_user_stmt *user = &x->st->user;
    advance(x);
    if (at_word(x, "EXTERNALLY") || at_word(x, "GLOBALLY"))
        return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
    if (!at_word(x, "BY")) return xlat_fail(x, 924, cur(x));
    advance(x);
    const sql_token *t = cur(x);
    if (t->type == TK_QIDENT) {
        free(user->password);
        user->password = xstrndup(x->sql + t->off + 1, (size_t)t->len - 2);
    } else if (t->type == TK_WORD) {
        free(user->password);
        user->password = xstrndup(x->sql + t->off, (size_t)t->len);
    } else {
        return xlat_fail(x, 988, t);
    }
    advance(x);
    if (at_word(x, "REPLACE")) advance(x), advance(x); /* REPLACE old_password */
    return 0;
}

/* QUOTA n[K|M|G|T] | UNLIMITED ON tablespace */
static int skip_quota(xlat *x)
{
    advance(x);
    if (at_word(x, "UNLIMITED")) {
        advance(x);
    } else {
        if (cur(x)->type != TK_NUMBER) return xlat_fail(x, 2017, cur(x));
        advance(x);
        if (at_word(x, "K") || at_word(x, "M") || at_word(x, "G") || at_word(x, "T")) advance(x);
    }
    if (!at_word(x, "ON")) return xlat_fail(x, 969, cur(x));
    advance(x), advance(x);
    return 0;
}

/* One option of CREATE/ALTER USER; 0 at the end of the statement. */
static int parse_user_option(xlat *x)
{
    sql_user_stmt *user = &x->st->user;
    if (cur(x)->type == TK_EOF || at_op(x, ";")) return 0;
    if (at_word(x, "IDENTIFIED")) return parse_identified(x) < 0 ? -1 : 1;
    if ((at_word(x, "DEFAULT") || at_word(x, "TEMPORARY")) && ahead_word(x, 1, "TABLESPACE")) {
        advance(x), advance(x), advance(x);
        return 1;
    }
    if (at_word(x, "QUOTA")) return skip_quota(x) < 0 ? -1 : 1;
    if (at_word(x, "PROFILE")) {
        advance(x);
        return read_profile_name(x, &user->profile) < 0 ? -1 : 1;
    }
    if (at_word(x, "PASSWORD") && ahead_word(x, 1, "EXPIRE")) {
        user->password_expire = 1;
        advance(x), advance(x);
        return 1;
    }
    if (at_word(x, "ACCOUNT") && (ahead_word(x, 1, "LOCK") || ahead_word(x, 1, "UNLOCK"))) {
        user->account_lock = ahead_word(x, 1, "LOCK") ? 1 : -1;
        advance(x), advance(x);
        return 1;
    }
    if (at_word(x, "ENABLE") && ahead_word(x, 1, "EDITIONS")) return advance(x), advance(x), 1;
    return xlat_fail(x, 922, cur(x));
}

static int parse_user_options(xlat *x)
{
    int rc;
    while ((rc = parse_user_option(x)) > 0)
        continue;
    return rc;
}

static int create_user(xlat *x)
{
    x->st->kind = SQLK_CREATE_USER;
    x->st->command_type = 51;
    sql_user_stmt *user = &x->st->user;
    if (read_name(x, &user->name, 1935) < 0 || parse_user_options(x) < 0) return -1;
    if (!user->password) return ora_set(x->err, 1938, cur(x)->off);
    return 0;
}

static int alter_user(xlat *x)
{
    x->st->kind = SQLK_ALTER_USER;
    x->st->command_type = 43;
    if (read_name(x, &x->st->user.name, 1935) < 0) return -1;
    if (cur(x)->type == TK_EOF) return xlat_fail(x, 922, cur(x));
    return parse_user_options(x);
}

/* [CASCADE] at the end of DROP USER / DROP PROFILE. */
static int read_cascade(xlat *x)
{
    if (!at_word(x, "CASCADE")) return 0;
    advance(x);
    return 1;
}

static int drop_user(xlat *x)
{
    x->st->kind = SQLK_DROP_USER;
    x->st->command_type = 53;
    if (read_name(x, &x->st->user.name, 1935) < 0) return -1;
    x->st->user.cascade = read_cascade(x);
    return 0;
}

/* ---- profiles ---- */

const sql_profile_resource sql_profile_resources[] = {
    {"COMPOSITE_LIMIT", 0},
    {"SESSIONS_PER_USER", 0},
    {"CPU_PER_SESSION", 0},
    {"CPU_PER_CALL", 0},
    {"LOGICAL_READS_PER_SESSION", 0},
    {"LOGICAL_READS_PER_CALL", 0},
    {"IDLE_TIME", 0},
    {"CONNECT_TIME", 0},
    {"PRIVATE_SGA", 0},
    {"FAILED_LOGIN_ATTEMPTS", 1},
    {"PASSWORD_LIFE_TIME", 1},
    {"PASSWORD_REUSE_TIME", 1},
    {"PASSWORD_REUSE_MAX", 1},
    {"PASSWORD_VERIFY_FUNCTION", 1},
    {"PASSWORD_LOCK_TIME", 1},
    {"PASSWORD_GRACE_TIME", 1},
    {"INACTIVE_ACCOUNT_TIME", 1},
    {"PASSWORD_ROLLOVER_TIME", 1},
    {NULL, 0},
};

static int is_resource(const xlat *x)
{
    for (int i = 0; sql_profile_resources[i].name; i++)
        if (at_word(x, sql_profile_resources[i].name)) return 1;
    return 0;
}

/* A limit's value: n, n/m, nK, UNLIMITED, DEFAULT, NULL or a function name. */
static int read_limit_value(xlat *x, buf *value)
{
    const sql_token *t = cur(x);
    if (t->type == TK_NUMBER) {
        buf_put(value, x->sql + t->off, (size_t)t->len);
        advance(x);
        if (at_op(x, "/") && ahead(x, 1)->type == TK_NUMBER) {
            buf_putc(value, '/');
            advance(x);
            buf_put(value, x->sql + cur(x)->off, (size_t)cur(x)->len);
            advance(x);
        }
        if (at_word(x, "K") || at_word(x, "M")) {
            buf_put(value, x->sql + cur(x)->off, (size_t)cur(x)->len);
            advance(x);
        }
        return 0;
    }
    if (!tok_is_name(t)) return xlat_fail(x, 2376, t);
    char name[SQL_IDENT_MAX + 1];
    tok_name(x->sql, t, name, sizeof name);
    buf_puts(value, name);
    advance(x);
    return 0;
}

static void add_limit(sql_profile_stmt *profile, const char *resource, const char *value)
{
    size_t n = (size_t)profile->nlimits + 1;
    profile->limits = xrealloc(profile->limits, sizeof *profile->limits * n);
    profile->limits[profile->nlimits++] =
        (sql_profile_limit){.resource = xstrdup(resource), .value = xstrdup(value)};
}

static int has_limit(const sql_profile_stmt *profile, const char *resource)
{
    for (int i = 0; i < profile->nlimits; i++)
        if (!strcmp(profile->limits[i].resource, resource)) return 1;
    return 0;
}

static int parse_profile_limits(xlat *x)
{
    if (!at_word(x, "LIMIT")) return xlat_fail(x, 905, cur(x));
    advance(x);
    do {
        char resource[SQL_IDENT_MAX + 1];
        tok_name(x->sql, cur(x), resource, sizeof resource);
        /* ORA-02376 for an unknown resource and for one named twice */
        if (!is_resource(x) || has_limit(&x->st->profile, resource))
            return xlat_fail(x, 2376, cur(x));
        advance(x);
        buf value;
        buf_init(&value);
        int rc = read_limit_value(x, &value);
        if (rc == 0) add_limit(&x->st->profile, resource, buf_cstr(&value));
        buf_free(&value);
        if (rc < 0) return -1;
    } while (cur(x)->type != TK_EOF && !at_op(x, ";"));
    return 0;
}

static int profile_statement(xlat *x, sql_kind kind, int command)
{
    x->st->kind = kind;
    x->st->command_type = command;
    sql_profile_stmt *profile = &x->st->profile;
    if (read_profile_name(x, &profile->name) < 0) return -1;
    if (kind != SQLK_DROP_PROFILE) return parse_profile_limits(x);
    profile->cascade = read_cascade(x);
    return 0;
}

/* ---- GRANT / REVOKE ---- */

/* priv words {, priv words}: "CREATE SESSION", "SELECT ANY DICTIONARY", "DBA"... */
static int parse_privileges(xlat *x)
{
    sql_grant_stmt *g = &x->st->grant;
    for (;;) {
        buf priv;
        buf_init(&priv);
        while (tok_is_name(cur(x)) && !at_word(x, "TO") && !at_word(x, "FROM") &&
               !at_word(x, "ON")) {
            char word[SQL_IDENT_MAX + 1];
            tok_name(x->sql, cur(x), word, sizeof word);
            buf_printf(&priv, "%s%s", priv.len ? " " : "", word);
            advance(x);
        }
        if (priv.len) push_str(&g->privileges, &g->nprivileges, buf_cstr(&priv));
        buf_free(&priv);
        if (!g->nprivileges || at_op(x, "("))
            return xlat_fail(x, at_op(x, "(") ? ORA_UNIMPLEMENTED : 990, cur(x));
        if (!at_op(x, ",")) return 0;
        advance(x);
    }
}

static int parse_grant_object(xlat *x)
{
    qname qn;
    if (!at_word(x, "ON")) return 0;
    advance(x);
    if (read_qname(x, &qn) < 0) return xlat_fail(x, ORA_INVALID_TABLE_NAME, cur(x));
    set_object(x, &qn);
    return 0;
}

static int parse_grantees(xlat *x)
{
    sql_grant_stmt *g = &x->st->grant;
    for (;;) {
        char name[SQL_IDENT_MAX + 1];
        /* PUBLIC and the roles CONNECT and RESOURCE are reserved words that name grantees */
        if (!tok_is_name(cur(x)) || (word_is_reserved(x, cur(x)) && !at_word(x, "PUBLIC") &&
                                     !at_word(x, "CONNECT") && !at_word(x, "RESOURCE")))
            return xlat_fail(x, 987, cur(x));
        tok_name(x->sql, cur(x), name, sizeof name);
        push_str(&g->grantees, &g->ngrantees, name);
        advance(x);
        if (!at_op(x, ",")) return 0;
        advance(x);
    }
}

static int grant_or_revoke(xlat *x, int grant)
{
    x->st->kind = grant ? SQLK_GRANT : SQLK_REVOKE;
    x->st->command_type = grant ? 17 : 18;
    advance(x);
    if (parse_privileges(x) < 0 || parse_grant_object(x) < 0) return -1;
    if (!at_word(x, grant ? "TO" : "FROM")) return xlat_fail(x, 905, cur(x));
    advance(x);
    if (parse_grantees(x) < 0) return -1;
    if (grant && at_word(x, "WITH") && (ahead_word(x, 1, "ADMIN") || ahead_word(x, 1, "GRANT")) &&
        ahead_word(x, 2, "OPTION")) {
        if (ahead_word(x, 1, "ADMIN")) x->st->grant.admin_option = 1;
        else x->st->grant.grant_option = 1;
        advance(x), advance(x), advance(x);
    }
    return 0;
}

int is_admin_statement(const xlat *x)
{
    if (at_word(x, "GRANT") || at_word(x, "REVOKE")) return 1;
    if (!at_word(x, "CREATE") && !at_word(x, "ALTER") && !at_word(x, "DROP")) return 0;
    return ahead_word(x, 1, "USER") || ahead_word(x, 1, "PROFILE");
}

int parse_admin(xlat *x)
{
    if (at_word(x, "GRANT")) return grant_or_revoke(x, 1);
    if (at_word(x, "REVOKE")) return grant_or_revoke(x, 0);
    int create = at_word(x, "CREATE"), alter = at_word(x, "ALTER");
    int user = ahead_word(x, 1, "USER");
    advance(x), advance(x);
    if (user) return create ? create_user(x) : alter ? alter_user(x) : drop_user(x);
    if (create) return profile_statement(x, SQLK_CREATE_PROFILE, 65);
    if (alter) return profile_statement(x, SQLK_ALTER_PROFILE, 67);
    return profile_statement(x, SQLK_DROP_PROFILE, 66);
}
