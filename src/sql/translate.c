/*
 * translate.c - sql_translate(): classify one Oracle statement by its
 * leading words and hand it to the part that rewrites or parses it; the
 * statement-level bookkeeping (end of statement, offsets, freeing).
 */
#include "translate.h"

#include <ctype.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "xlat.h"

static void free_column_hints(struct sql_column_hint *h, int n)
{
    for (int i = 0; h && i < n; i++) free(h[i].rowid_table);
    free(h);
}

/* ---- texts kept as written (PL/SQL) ---- */

static int is_blank(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* SQL[from, end) without trailing blanks. */
static char *trimmed_text(const char *sql, int from)
{
    int end = (int)strlen(sql);
    while (end > from && is_blank((unsigned char)sql[end - 1]))
        end--;
    return xstrndup(sql + from, (size_t)(end - from));
}

static void set_command_text(xlat *x, sql_kind kind, int command, int from)
{
    x->st->kind = kind;
    x->st->command_type = command;
    x->st->kept.text = trimmed_text(x->sql, from);
}

/* ---- transaction control ---- */

static int read_savepoint_name(xlat *x)
{
    const sql_token *t = cur(x);
    char name[SQL_IDENT_MAX + 1];
    if ((t->type != TK_WORD && t->type != TK_QIDENT) || word_is_reserved(x, t))
        return fail_identifier(x, t);
    tok_name(x->sql, t, name, sizeof name);
    x->st->savepoint.name = xstrdup(name);
    advance(x);
    return 0;
}

/* COMMIT [WORK] [COMMENT 'text'] [WRITE [IMMEDIATE|BATCH] [WAIT|NOWAIT]] */
static int translate_commit(xlat *x)
{
    x->st->kind = SQLK_COMMIT;
    x->st->command_type = 44;
    advance(x);
    if (at_word(x, "WORK")) advance(x);
    if (at_word(x, "COMMENT") && ahead(x, 1)->type == TK_STRING) advance(x), advance(x);
    if (at_word(x, "WRITE")) {
        advance(x);
        while (at_word(x, "IMMEDIATE") || at_word(x, "BATCH") || at_word(x, "WAIT") ||
               at_word(x, "NOWAIT"))
            advance(x);
    }
    return 0;
}

/* ROLLBACK [WORK] [TO [SAVEPOINT] name] */
static int translate_rollback(xlat *x)
{
    x->st->kind = SQLK_ROLLBACK;
    x->st->command_type = 45;
    advance(x);
    if (at_word(x, "WORK")) advance(x);
    if (!at_word(x, "TO")) return 0;
    advance(x);
    if (at_word(x, "SAVEPOINT")) advance(x);
    return read_savepoint_name(x);
}

static int translate_savepoint(xlat *x)
{
    x->st->kind = SQLK_SAVEPOINT;
    x->st->command_type = 46;
    advance(x);
    return read_savepoint_name(x);
}

/* ---- dispatch ---- */

static int first_word_in(const xlat *x, const char *const *words)
{
    for (int i = 0; words[i]; i++)
        if (at_word(x, words[i])) return 1;
    return 0;
}

/* Oracle statements Warden knows but does not do yet: ORA-03001. */
static const char *const unimplemented_verbs[] = {
    "EXPLAIN", "CALL", "ANALYZE",   "AUDIT",        "NOAUDIT",    "FLASHBACK",
    "PURGE",   "SET",  "ASSOCIATE", "DISASSOCIATE", "ADMINISTER", NULL};

static int translate_alter(xlat *x)
{
    if (ahead_word(x, 1, "TABLE")) {
        x->st->kind = SQLK_DDL;
        return translate_alter_table(x);
    }
    if (ahead_word(x, 1, "SYSTEM")) return parse_alter_system(x);
    if (ahead_word(x, 1, "SESSION")) return parse_alter_session(x);
    static const char *const objects[] = {
        "INDEX",   "VIEW",    "SEQUENCE",  "DATABASE", "TABLESPACE", "PROCEDURE", "FUNCTION",
        "PACKAGE", "TRIGGER", "TYPE",      "SYNONYM",  "ROLE",       "PLUGGABLE", "MATERIALIZED",
        "CLUSTER", "AUDIT",   "DISKGROUP", "RESOURCE", NULL};
    for (int i = 0; objects[i]; i++)
        if (ahead_word(x, 1, objects[i])) return ora_set(x->err, ORA_UNIMPLEMENTED, 0);
    return xlat_fail(x, 940, ahead(x, 1));
}

static int translate_sql(xlat *x)
{
    sql_stmt *st = x->st;
    if (at_word(x, "SELECT") || at_word(x, "WITH") || at_op(x, "(")) {
        st->kind = SQLK_QUERY;
        st->command_type = 3;
        x->cursor_ok = 1;
        return parse_query(x, 1);
    }
    st->kind = SQLK_DML;
    if (at_word(x, "INSERT")) return translate_insert(x);
    if (at_word(x, "UPDATE")) return translate_update(x);
    if (at_word(x, "DELETE")) return translate_delete(x);
    if (at_word(x, "MERGE")) return translate_merge(x);
    if (is_admin_statement(x)) return parse_admin(x);
    if ((at_word(x, "CREATE") || at_word(x, "ALTER") || at_word(x, "DROP")) &&
        ahead_word(x, 1, "SEQUENCE"))
        return parse_sequence(x);
    st->kind = SQLK_DDL;
    if (at_word(x, "CREATE")) return translate_create(x);
    if (at_word(x, "DROP")) return translate_drop(x);
    if (at_word(x, "ALTER")) return translate_alter(x);
    if (at_word(x, "TRUNCATE")) return translate_truncate(x);
    if (at_word(x, "RENAME")) return translate_rename(x);
    if (at_word(x, "LOCK")) {
        st->kind = SQLK_LOCK_TABLE;
        return translate_lock_table(x);
    }
    if (at_word(x, "COMMIT")) return translate_commit(x);
    if (at_word(x, "ROLLBACK")) return translate_rollback(x);
    if (at_word(x, "SAVEPOINT")) return translate_savepoint(x);
    if (at_word(x, "COMMENT")) return parse_comment(x);
    if (first_word_in(x, unimplemented_verbs)) return ora_set(x->err, ORA_UNIMPLEMENTED, 0);
    return ora_set(x->err, ORA_INVALID_SQL, 0);
}

/* After the statement: nothing, or one ';' and nothing. */
static int check_statement_end(xlat *x)
{
    if (at_op(x, ";")) {
        advance(x);
        if (cur(x)->type != TK_EOF) return xlat_fail(x, 911, ahead(x, -1));
    }
    if (cur(x)->type != TK_EOF) return xlat_fail(x, ORA_NOT_PROPERLY_ENDED, cur(x));
    return 0;
}

static void free_list(char **list, int n)
{
    for (int i = 0; list && i < n; i++)
        free(list[i]);
    free(list);
}

static void free_sqlite_text(sql_sqlite_text *t)
{
    free(t->sql);
    free_list(t->bind_names, t->nbinds);
    free(t->map);
}

static void free_object_name(sql_object_name *o)
{
    free(o->schema);
    free(o->name);
}

static void free_object_names(sql_object_name *v, int n)
{
    for (int i = 0; v && i < n; i++) free_object_name(&v[i]);
    free(v);
}

/* Hand what the translation collected to the statement's part for its kind. */
static void place_collected_parts(xlat *x)
{
    sql_stmt *st = x->st;
    switch (st->kind) {
    case SQLK_QUERY:
    case SQLK_DML:
    case SQLK_DDL:
        x->text.sql = xstrdup(buf_cstr(&x->out));
        st->sqlite = (sql_sqlite_stmt){.text = x->text, .object = x->object,
                                       .for_update = x->for_update, .for_update_wait = x->wait,
                                       .skip_locked = x->skip_locked, .locked = x->locked,
                                       .lock_flags = x->lock_flags, .nlocked = x->nlocked,
                                       .of_columns = x->of_columns,
                                       .nof_columns = x->nof_columns,
                                       .nreturning = x->nreturning,
                                       .returning_before = x->returning_before,
                                       .returning_after = x->returning_after,
                                       .identities = x->identities,
                                       .nidentities = x->nidentities,
                                       .hints = x->hints,
                                       .nhints = x->nhints,
                                       .cursor_exprs = x->cursor_exprs,
                                       .ncursor_exprs = x->ncursor_exprs,
                                       .nhidden_values = x->nhidden_values,
                                       .uncounted = x->uncounted,
                                       .stable_check = x->stable_check,
                                       .query_at = x->query_at,
                                       .targets = x->targets,
                                       .ntargets = x->ntargets};
        x->targets = NULL, x->ntargets = 0;
        x->locked = NULL, x->lock_flags = NULL, x->of_columns = NULL, x->identities = NULL;
        x->hints = NULL;
        x->nidentities = 0;
        x->cursor_exprs = NULL, x->ncursor_exprs = 0;
        x->returning_before = x->returning_after = NULL;
        return;
    case SQLK_LOCK_TABLE:
        x->text.sql = xstrdup(buf_cstr(&x->out));
        st->lock_table =
            (sql_lock_table_stmt){.probe = x->text, .table = x->object, .others = x->lock_others,
                                  .ntables = x->lock_tables, .wait = x->wait, .mode = x->lock_mode};
        x->lock_others = NULL;
        return;
    case SQLK_GRANT:
    case SQLK_REVOKE:
        st->grant.object = x->object;
        free_sqlite_text(&x->text);
        return;
    case SQLK_COMMENT:
        st->comment.table = x->object;
        free_sqlite_text(&x->text);
        return;
    default:
        free_sqlite_text(&x->text);
        free_object_name(&x->object);
        return;
    }
}

/* A number literal beyond NUMBER's range (|x| >= 1e126) is ORA-01426 numeric overflow. */
static int check_number_literal(xlat *x, const sql_token *t)
{
    char text[64];
    if (t->len >= (int)sizeof text) return 0; /* 60 digits and more: SQLite's to judge */
    snprintf(text, sizeof text, "%.*s", t->len, x->sql + t->off);
    double v = strtod(text, NULL);
    return v >= 1e126 || v <= -1e126 ? xlat_fail(x, 1426, t) : 0;
}

/* What Oracle refuses of single tokens before it parses: a bind named with one of its
 * reserved words without quotes (:ROWID, :DATE) is ORA-01745; a number literal out of range
 * ORA-01426. */
static int check_tokens(xlat *x)
{
    for (int i = 0; i < x->ntok; i++) {
        const sql_token *t = &x->tok[i];
        if (t->type == TK_NUMBER && check_number_literal(x, t) < 0) return -1;
        if (t->type != TK_BIND || t->len < 2 || x->sql[t->off + 1] == '"' || t->len > 31) continue;
        char name[32];
        snprintf(name, sizeof name, "%.*s", t->len - 1, x->sql + t->off + 1);
        if (sql_word_is_oracle_reserved(name)) return xlat_fail(x, 1745, t);
    }
    return 0;
}

static int translate_tokens(const char *sql, const sql_ctx *ctx, sql_stmt *st, ora_error *err)
{
    sql_tokens toks;
    if (sql_lex_all(sql, (int)strlen(sql), &toks, err) < 0) return -1;
    const sql_token *too_long = tok_long_string(sql, &toks, SQL_STRING_MAX);
    if (too_long) {
        ora_set(err, 1704, too_long->off);
        sql_tokens_free(&toks);
        return -1;
    }
    xlat x = {.sql = sql, .tok = toks.v, .ntok = toks.n, .ctx = ctx, .st = st, .err = err,
              .dml_target_at = -1, .dml_set_at = -1, .dml_where_at = -1, .wrapped_at = -1};
    buf_init(&x.out);
    buf_init(&x.scratch);
    buf_init(&x.hidden_values);
    x.text.nstatements = 1;
    int rc = check_tokens(&x);
    if (rc == 0) rc = translate_sql(&x);
    if (rc == 0) rc = check_statement_end(&x);
    if (rc == 0) {
        place_collected_parts(&x);
    } else {
        free_sqlite_text(&x.text);
        free_object_name(&x.object);
    }
    free_object_names(x.lock_others, x.lock_tables - 1); /* these are NULL once placed */
    free_object_names(x.locked, x.nlocked);
    free_object_names(x.targets, x.ntargets);
    free(x.lock_flags);
    free_list(x.of_columns, x.nof_columns);
    free(x.returning_before);
    free(x.returning_after);
    for (int i = 0; i < x.nidentities; i++) free(x.identities[i].column);
    free(x.identities);
    free(x.froms);
    free_cursor_exprs(x.cursor_exprs, x.ncursor_exprs);
    buf_free(&x.hidden_values);
    buf_free(&x.out);
    buf_free(&x.scratch);
    for (int i = 0; i < x.nctes; i++)
        free(x.ctes[i]);
    free(x.ctes);
    cte_columns_free(&x);
    for (int i = 0; i < x.nincremented; i++) free(x.incremented[i]);
    free(x.incremented);
    for (int i = 0; i < x.nexact_refs; i++) free(x.exact_refs[i]);
    free(x.exact_refs);
    scope_close(&x, 0);
    free(x.scope);
    free(x.sub.cols);
    free(x.query_cols.cols);
    free_column_hints(x.hints, x.nhints);
    for (int i = 0; i < x.nhints; i++) free(x.rowid_aliases ? x.rowid_aliases[i] : NULL);
    free(x.rowid_aliases);
    sql_tokens_free(&toks);
    return rc;
}

/* Statements whose text is kept: PL/SQL blocks. */
static int kept_text_statement(const char *sql, sql_stmt *st, ora_error *err, int *handled)
{
    sql_lexer lx;
    sql_token t[1];
    sql_lexer_init(&lx, sql, (int)strlen(sql));
    *handled = 1;
    if (sql_lex_next(&lx, &t[0], err) < 0) /* "!@#": no statement starts so, as Oracle says */
        return err->code == 911 ? ora_set(err, ORA_INVALID_SQL, 0) : -1;
    xlat x = {.sql = sql, .tok = t, .ntok = 1, .st = st, .err = err};
    if (t[0].type == TK_EOF) return ora_set(err, ORA_INVALID_SQL, 0);
    if (tok_begins_block(sql, &t[0])) {
        set_command_text(&x, SQLK_PLSQL, 47, t[0].off);
        return 0;
    }
    if (at_word(&x, "CREATE") || at_word(&x, "DROP") || at_word(&x, "ALTER"))
        return sql_unit_statement(sql, st, err, handled);
    *handled = 0;
    return 0;
}

int sql_returning_into_binds(const char *sql)
{
    sql_tokens toks;
    ora_error err;
    if (sql_lex_all(sql, (int)strlen(sql), &toks, &err) < 0) return 0;
    const sql_token *t = toks.v;
    int n = 0, into = -1;
    int dml = toks.n > 0 && (tok_is_word(sql, &t[0], "INSERT") || tok_is_word(sql, &t[0], "UPDATE") ||
                             tok_is_word(sql, &t[0], "DELETE") || tok_is_word(sql, &t[0], "MERGE"));
    /* the drivers' rule (node-oracledb's and python-oracledb's statement scan): the binds after
     * the first INTO that follows a RETURNING or RETURN word, at any depth of parentheses - so a
     * statement that is wrong there still has its request read as the driver wrote it */
    for (int i = 0, returning = 0; dml && into < 0 && i < toks.n; i++) {
        if (tok_is_word(sql, &t[i], "RETURNING") || tok_is_word(sql, &t[i], "RETURN")) returning = 1;
        if (returning && tok_is_word(sql, &t[i], "INTO")) into = i;
    }
    for (int i = into + 1; into >= 0 && i < toks.n; i++) n += t[i].type == TK_BIND;
    sql_tokens_free(&toks);
    return n;
}

int sql_char_offset(const char *s, int bytes)
{
    int n = 0;
    for (int i = 0; i < bytes && s[i]; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) n++;
    return n;
}

int sql_translate(const char *sql, const sql_ctx *ctx, sql_stmt *out, ora_error *err)
{
    int handled, rc;
    memset(out, 0, sizeof *out);
    ora_clear(err);
    if (!sql) return ora_set(err, ORA_INVALID_SQL, 0);
    rc = kept_text_statement(sql, out, err, &handled);
    if (rc == 0 && !handled) rc = translate_tokens(sql, ctx, out, err);
    if (rc < 0) {
        sql_stmt_free(out);
        err->offset = sql_char_offset(sql, err->offset);
    }
    return rc;
}

static void free_profile_limits(sql_profile_stmt *p)
{
    for (int i = 0; i < p->nlimits; i++) {
        free(p->limits[i].resource);
        free(p->limits[i].value);
    }
    free(p->limits);
}

static void free_session_params(sql_alter_session_stmt *as)
{
    for (int i = 0; i < as->nparams; i++) {
        free(as->params[i].name);
        free(as->params[i].value);
    }
    free(as->params);
}

void sql_stmt_free(sql_stmt *st)
{
    switch (st->kind) {
    case SQLK_QUERY:
    case SQLK_DML:
    case SQLK_DDL:
        free_sqlite_text(&st->sqlite.text);
        free_object_name(&st->sqlite.object);
        free_object_names(st->sqlite.locked, st->sqlite.nlocked);
        free_object_names(st->sqlite.targets, st->sqlite.ntargets);
        free(st->sqlite.lock_flags);
        free_list(st->sqlite.of_columns, st->sqlite.nof_columns);
        free(st->sqlite.returning_before);
        free(st->sqlite.returning_after);
        for (int i = 0; i < st->sqlite.nidentities; i++) free(st->sqlite.identities[i].column);
        free(st->sqlite.identities);
        free_column_hints(st->sqlite.hints, st->sqlite.nhints);
        free_cursor_exprs(st->sqlite.cursor_exprs, st->sqlite.ncursor_exprs);
        break;
    case SQLK_LOCK_TABLE:
        free_sqlite_text(&st->lock_table.probe);
        free_object_name(&st->lock_table.table);
        free_object_names(st->lock_table.others, st->lock_table.ntables - 1);
        break;
    case SQLK_ROLLBACK:
    case SQLK_SAVEPOINT: free(st->savepoint.name); break;
    case SQLK_CREATE_USER:
    case SQLK_ALTER_USER:
    case SQLK_DROP_USER:
        free(st->user.name);
        free(st->user.password);
        free(st->user.profile);
        break;
    case SQLK_GRANT:
    case SQLK_REVOKE:
        free_list(st->grant.privileges, st->grant.nprivileges);
        free_list(st->grant.grantees, st->grant.ngrantees);
        free_object_name(&st->grant.object);
        break;
    case SQLK_CREATE_PROFILE:
    case SQLK_ALTER_PROFILE:
    case SQLK_DROP_PROFILE:
        free(st->profile.name);
        free_profile_limits(&st->profile);
        break;
    case SQLK_ALTER_SYSTEM:
        free(st->alter_system.parameter);
        free(st->alter_system.value);
        free(st->alter_system.scope);
        break;
    case SQLK_ALTER_SESSION: free_session_params(&st->alter_session); break;
    case SQLK_PLSQL: free(st->kept.text); break;
    case SQLK_SEQUENCE:
        free_object_name(&st->sequence.sequence);
        break;
    case SQLK_COMMENT:
        free_object_name(&st->comment.table);
        free(st->comment.column);
        free(st->comment.text);
        break;
    case SQLK_CREATE_UNIT:
    case SQLK_DROP_UNIT:
    case SQLK_ALTER_UNIT:
        free(st->unit.text);
        free(st->unit.owner);
        free(st->unit.name);
        break;
    case SQLK_COMMIT: break;
    }
    memset(st, 0, sizeof *st);
}

const sql_sqlite_text *sql_stmt_sqlite_text(const sql_stmt *st)
{
    switch (st->kind) {
    case SQLK_QUERY:
    case SQLK_DML:
    case SQLK_DDL: return &st->sqlite.text;
    case SQLK_LOCK_TABLE: return &st->lock_table.probe;
    default: return NULL;
    }
}

const sql_object_name *sql_stmt_object(const sql_stmt *st)
{
    switch (st->kind) {
    case SQLK_QUERY:
    case SQLK_DML:
    case SQLK_DDL: return &st->sqlite.object;
    case SQLK_LOCK_TABLE: return &st->lock_table.table;
    default: return NULL;
    }
}

int sql_map_offset(const sql_stmt *st, int sqlite_off)
{
    const sql_sqlite_text *t = sql_stmt_sqlite_text(st);
    if (!t) return 0;
    int lo = 0, hi = t->nmap - 1, found = -1;
    while (lo <= hi) { /* the last entry at or before SQLITE_OFF */
        int mid = (lo + hi) / 2;
        if (t->map[mid].sqlite_off <= sqlite_off) {
            found = mid;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    return found < 0 ? 0 : t->map[found].oracle_off;
}
