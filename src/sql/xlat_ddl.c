/*
 * xlat_ddl.c - CREATE/DROP/ALTER TABLE, INDEX and VIEW, TRUNCATE, RENAME and
 * LOCK TABLE, rewritten for SQLite.
 *
 * Column types keep their Oracle names (SQLite keeps the declared type and
 * the server describes columns from it) in one canonical spelling: NUMBER(p,s),
 * VARCHAR2(n), CHAR(n), TIMESTAMP(n), TIMESTAMP WITH TIME ZONE(n), INTERVAL
 * DAY "TO" SECOND(p,f), FLOAT(n)... (SQLite takes numbers only at the end of a
 * type name).  CHAR length semantics are kept as a word before the length,
 * VARCHAR2(n CHAR) -> VARCHAR2 CHAR(n) (decltype.h reads it; BYTE is the
 * default).  CHAR and NCHAR columns compare without their trailing blanks
 * (COLLATE RTRIM), as Oracle compares blank-padded values; their values are
 * stored padded (ora_fn_storage.c).  What SQLite cannot parse is dropped:
 * constraint states (ENABLE, VALIDATE, USING INDEX ...), storage
 * and physical clauses.
 * An identity column keeps its type, NOT NULL, and a DEFAULT that draws
 * from the sequence the engine makes for it with the table
 * (sql_sqlite_stmt.identities).
 */
#include "xlat.h"
#include "view_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

static int at_statement_end(const xlat *x)
{
    return cur(x)->type == TK_EOF || at_op(x, ";");
}

/* Skip to the end of the statement (physical attributes, storage options...). */
static void skip_to_end(xlat *x)
{
    while (!at_statement_end(x))
        advance(x);
}

/* The SQLite name of a schema object at the cursor; fills st->object_*. */
static int object_name(xlat *x, int is_target, qname *qn)
{
    if (read_qname(x, qn) < 0) return xlat_fail(x, ORA_INVALID_TABLE_NAME, cur(x));
    emit_object(x, qn, 1);
    if (is_target) set_object(x, qn);
    return 0;
}

/* ---- column types ---- */

typedef struct type_name {
    const char *oracle; /* as written */
    const char *canon;  /* as declared to SQLite */
    int length;         /* 1: takes (n); 2: takes (p[,s]); 3: needs (n) */
} type_name;

static const type_name type_names[] = {
    /* NUMBER keeps its 40 digits as decimal text (docs/design.md "Exact NUMBER") */
    {"NUMBER", "NUMBER TEXT", 2},
    {"NUMERIC", "NUMBER TEXT", 2},
    {"DECIMAL", "NUMBER TEXT", 2},
    {"DEC", "NUMBER TEXT", 2},
    {"INTEGER", "INTEGER", 0},
    {"INT", "INTEGER", 0},
    {"SMALLINT", "INTEGER", 0},
    {"FLOAT", "FLOAT", 1},
    {"REAL", "FLOAT(63)", 0},
    {"BINARY_FLOAT", "BINARY_FLOAT", 0},
    {"BINARY_DOUBLE", "BINARY_DOUBLE", 0},
    {"VARCHAR2", "VARCHAR2", 3},
    {"VARCHAR", "VARCHAR2", 3},
    {"NVARCHAR2", "NVARCHAR2", 3},
    {"CHAR", "CHAR", 1},
    {"CHARACTER", "CHAR", 1},
    {"NCHAR", "NCHAR", 1},
    {"DATE", "DATE", 0},
    {"TIMESTAMP", "TIMESTAMP", 1},
    {"CLOB", "CLOB", 0},
    {"NCLOB", "NCLOB", 0},
    {"BLOB", "BLOB", 0},
    {"RAW", "RAW", 3},
    {"ROWID", "ROWID", 0},
    {"UROWID", "UROWID", 1},
    {"BOOLEAN", "BOOLEAN", 0},
};

static const type_name *find_type(const char *word)
{
    for (size_t i = 0; i < sizeof type_names / sizeof type_names[0]; i++)
        if (strcmp(type_names[i].oracle, word) == 0) return &type_names[i];
    return NULL;
}

/* Does the length at the cursor (after its number) count characters: CHAR written, or neither
 * word with NLS_LENGTH_SEMANTICS = CHAR, for VARCHAR2 and CHAR (the national types always count
 * characters; RAW and numbers have no semantics). */
static int char_semantics(const xlat *x, const type_name *tn)
{
    if (strcmp(tn->canon, "VARCHAR2") && strcmp(tn->canon, "CHAR")) return 0;
    if (at_word(x, "CHAR")) return 1;
    return !at_word(x, "BYTE") && x->ctx && x->ctx->char_semantics;
}

/* ( n [BYTE|CHAR] ) or ( p|* [, s] ) appended to TYPE. */
static int parse_type_length(xlat *x, const type_name *tn, buf *type)
{
    advance(x); /* ( */
    const sql_token *t = cur(x);
    if (t->type != TK_NUMBER && !(tn->length == 2 && at_op(x, "*"))) return xlat_fail(x, 910, t);
    advance(x);
    int chars = char_semantics(x, tn);
    if (tn->length != 2 && (at_word(x, "BYTE") || at_word(x, "CHAR"))) advance(x);
    if (chars) buf_puts(type, " CHAR");
    if (t->type == TK_NUMBER)
        buf_printf(type, "(%.*s", t->len, x->sql + t->off);
    else
        buf_puts(type, "(38");
    if (tn->length == 2 && at_op(x, ",")) {
        advance(x);
        int neg = at_op(x, "-");
        if (neg) advance(x);
        if (cur(x)->type != TK_NUMBER) return xlat_fail(x, 910, cur(x));
        buf_printf(type, ",%s%.*s", neg ? "-" : "", cur(x)->len, x->sql + cur(x)->off);
        advance(x);
    }
    if (!at_op(x, ")")) return xlat_fail(x, ORA_MISSING_RIGHT_PAREN, cur(x));
    advance(x);
    buf_putc(type, ')');
    return 0;
}

/* Multi-word types: DOUBLE PRECISION, LONG [RAW], CHAR VARYING... */
static const char *multi_word_type(xlat *x)
{
    if (at_word(x, "DOUBLE") && ahead_word(x, 1, "PRECISION")) return advance(x), "FLOAT(126)";
    if (at_word(x, "LONG") && ahead_word(x, 1, "RAW")) return advance(x), "LONG RAW";
    if (at_word(x, "LONG")) return "LONG";
    if ((at_word(x, "CHAR") || at_word(x, "CHARACTER")) && ahead_word(x, 1, "VARYING"))
        return advance(x), "VARCHAR2";
    return NULL;
}

/* "(n)" at the cursor (after an interval's field), or DFLT; -1 with the error. */
static int interval_digits(xlat *x, int dflt, int *n)
{
    *n = dflt;
    if (!at_op(x, "(")) return 0;
    advance(x);
    if (cur(x)->type != TK_NUMBER) return xlat_fail(x, 30088, cur(x));
    *n = atoi(x->sql + cur(x)->off);
    if (*n < 0 || *n > 9) return xlat_fail(x, 30088, cur(x));
    advance(x);
    if (!at_op(x, ")")) return xlat_fail(x, ORA_MISSING_RIGHT_PAREN, cur(x));
    advance(x);
    return 0;
}

/* INTERVAL YEAR[(p)] TO MONTH -> 'INTERVAL YEAR "TO" MONTH(p)'; INTERVAL DAY[(p)] TO
 * SECOND[(f)] -> 'INTERVAL DAY "TO" SECOND(p,f)' (SQLite takes numbers only at a type name's
 * end, and TO, a keyword of its own, quoted).  The cursor is on INTERVAL. */
static int interval_type(xlat *x, buf *type)
{
    int lead, frac;
    advance(x);
    int ym = at_word(x, "YEAR");
    if (!ym && !at_word(x, "DAY")) return xlat_fail(x, 902, cur(x));
    advance(x);
    if (interval_digits(x, 2, &lead) < 0) return -1;
    if (!at_word(x, "TO") || !ahead_word(x, 1, ym ? "MONTH" : "SECOND"))
        return xlat_fail(x, 905, cur(x));
    advance(x), advance(x);
    if (!ym && interval_digits(x, 6, &frac) < 0) return -1;
    if (ym)
        buf_printf(type, "INTERVAL YEAR \"TO\" MONTH(%d)", lead);
    else
        buf_printf(type, "INTERVAL DAY \"TO\" SECOND(%d,%d)", lead, frac);
    return 0;
}

/* TIMESTAMP [WITH [LOCAL] TIME ZONE]: the zone words before the digits TYPE holds ("(6)"). */
static int timestamp_zone(xlat *x, buf *type)
{
    if (!at_word(x, "WITH")) return 0;
    advance(x);
    int local = at_word(x, "LOCAL");
    if (local) advance(x);
    if (!at_word(x, "TIME") || !ahead_word(x, 1, "ZONE")) return xlat_fail(x, 905, cur(x));
    advance(x), advance(x);
    char digits[16];
    snprintf(digits, sizeof digits, "%s", buf_cstr(type) + strlen("TIMESTAMP"));
    buf_reset(type);
    buf_printf(type, "TIMESTAMP WITH %sTIME ZONE%s", local ? "LOCAL " : "", digits);
    return 0;
}

/* The declared type at the cursor, written canonically. */
static int parse_type(xlat *x)
{
    char word[SQL_IDENT_MAX + 1];
    int off = cur(x)->off, rc = 0;
    buf type;
    buf_init(&type);
    tok_name(x->sql, cur(x), word, sizeof word);
    if (cur(x)->type != TK_WORD) return xlat_fail(x, 902, cur(x));
    if (!strcmp(word, "BFILE") || !strcmp(word, "XMLTYPE"))
        return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
    const char *multi = NULL;
    const type_name *tn = NULL;
    if (!strcmp(word, "INTERVAL")) {
        rc = interval_type(x, &type);
    } else {
        multi = multi_word_type(x);
        tn = multi ? NULL : find_type(word);
        if (!multi && !tn) return xlat_fail(x, 902, cur(x));
        buf_puts(&type, multi ? multi : tn->canon);
        advance(x);
    }
    if (tn && tn->length && at_op(x, "("))
        rc = parse_type_length(x, tn, &type);
    else if (tn && tn->length == 3)
        rc = xlat_fail(x, ORA_MISSING_LEFT_PAREN, cur(x));
    if (rc == 0 && tn && !strcmp(tn->canon, "TIMESTAMP")) rc = timestamp_zone(x, &type);
    if (tn && (!strcmp(tn->canon, "CHAR") || !strcmp(tn->canon, "NCHAR")))
        buf_puts(&type, " COLLATE RTRIM"); /* blank-padded comparison */
    if (tn && !strcmp(tn->canon, "NUMBER TEXT"))
        buf_puts(&type, " COLLATE ORA_NUMBER"); /* exact decimal text, compared as numbers */
    if (rc == 0) out_text(x, buf_cstr(&type), off, 1);
    buf_free(&type);
    return rc;
}

/* ---- column definitions and constraints ---- */

/* ENABLE, VALIDATE, RELY, USING INDEX ..., DEFERRABLE ...: nothing for SQLite. */
static int skip_constraint_state(xlat *x)
{
    static const char *const words[] = {"ENABLE", "DISABLE", "VALIDATE",   "NOVALIDATE",
                                        "RELY",   "NORELY",  "DEFERRABLE", NULL};
    for (int i = 0; words[i]; i++) {
        if (at_word(x, words[i])) return advance(x), 1;
    }
    if (at_word(x, "NOT") && ahead_word(x, 1, "DEFERRABLE")) return advance(x), advance(x), 1;
    if (at_word(x, "INITIALLY")) return advance(x), advance(x), 1;
    if (at_word(x, "USING") && ahead_word(x, 1, "INDEX")) {
        advance(x), advance(x);
        if (at_op(x, "(")) skip_parens(x);
        while (at_word(x, "TABLESPACE") || at_word(x, "PCTFREE") || at_word(x, "LOCAL"))
            advance(x), advance(x);
        return 1;
    }
    return 0;
}

/* REFERENCES t [(cols)] [ON DELETE CASCADE | SET NULL] */
static int parse_references(xlat *x)
{
    qname qn;
    emit_tok(x);
    if (object_name(x, 0, &qn) < 0) return -1;
    if (at_op(x, "(") && parse_paren(x) < 0) return -1;
    if (at_word(x, "ON") && ahead_word(x, 1, "DELETE")) {
        emit_tok(x), emit_tok(x);
        if (at_word(x, "CASCADE"))
            emit_tok(x);
        else if (at_word(x, "SET") && ahead_word(x, 1, "NULL"))
            emit_tok(x), emit_tok(x);
        else
            return xlat_fail(x, 905, cur(x));
    }
    return 0;
}

/* DEFAULT expr -> DEFAULT (expr): SQLite wants anything but a literal in parentheses. */
static int parse_default(xlat *x)
{
    expr_info ei;
    emit_tok(x);
    if (at_word(x, "ON") && ahead_word(x, 1, "NULL")) advance(x), advance(x);
    out_text(x, "(", cur(x)->off, 1);
    if (parse_expr(x, 0, &ei) < 0) return -1;
    out_text(x, ")", cur(x)->off, 0);
    return 0;
}

/* A new identity's key: 16 hex digits, unique with overwhelming odds. */
static void identity_key(char key[17])
{
    uint64_t r = 0;
    if (getrandom(&r, sizeof r, 0) != (ssize_t)sizeof r) r ^= (uint64_t)(uintptr_t)key ^ (uint64_t)clock();
    snprintf(key, 17, "%016llx", (unsigned long long)r);
}

/* AS IDENTITY [(options)] of COLUMN (the cursor after IDENTITY): NOT NULL and the DEFAULT that
 * draws its numbers; the sequence's options go to x->identities. */
static int parse_identity(xlat *x, const char *column, int always, int on_null, int off)
{
    if (!column) return ora_set(x->err, ORA_UNIMPLEMENTED, off); /* ALTER TABLE ADD */
    if (x->nidentities) return ora_set(x->err, 30669, off); /* only one identity column */
    sql_identity id = {.always = always, .on_null = on_null, .options = {.action = SEQ_CREATE}};
    if (at_op(x, "(")) {
        advance(x);
        if (parse_sequence_options(x, &id.options) < 0) return -1;
        if (!at_op(x, ")")) return xlat_fail(x, ORA_MISSING_RIGHT_PAREN, cur(x));
        advance(x);
    }
    identity_key(id.key);
    char text[80];
    snprintf(text, sizeof text, "NOT NULL DEFAULT (ORA_IDENTITY('%s'))", id.key);
    out_text(x, text, off, 1);
    id.column = xstrdup(column);
    x->identities = xrealloc(x->identities, sizeof *x->identities * (size_t)(x->nidentities + 1));
    x->identities[x->nidentities++] = id;
    return 0;
}

/* GENERATED [ALWAYS | BY DEFAULT [ON NULL]] AS IDENTITY [(options)] of COLUMN,
 * or [GENERATED ALWAYS] AS (expr) [VIRTUAL] -> GENERATED ALWAYS AS (expr) VIRTUAL. */
static int parse_generated(xlat *x, const char *column)
{
    int off = cur(x)->off, always = 1, on_null = 0;
    if (at_word(x, "GENERATED")) {
        advance(x);
        if (at_word(x, "BY") && ahead_word(x, 1, "DEFAULT")) {
            advance(x), advance(x);
            always = 0;
            if (at_word(x, "ON") && ahead_word(x, 1, "NULL")) advance(x), advance(x), on_null = 1;
        } else if (at_word(x, "ALWAYS")) {
            advance(x);
        }
        if (!at_word(x, "AS")) return xlat_fail(x, 905, cur(x));
    }
    advance(x); /* AS */
    if (at_word(x, "IDENTITY")) {
        advance(x);
        return parse_identity(x, column, always, on_null, off);
    }
    if (!at_op(x, "(")) return xlat_fail(x, ORA_MISSING_LEFT_PAREN, cur(x));
    out_text(x, "GENERATED ALWAYS AS", off, 1);
    if (parse_paren(x) < 0) return -1;
    if (at_word(x, "VIRTUAL")) advance(x);
    out_text(x, "VIRTUAL", cur(x)->off, 1);
    return 0;
}

static int at_generated(const xlat *x)
{
    if (at_word(x, "AS") && ahead_op(x, 1, "(")) return 1;
    if (!at_word(x, "GENERATED")) return 0;
    for (int k = 1; k < 6; k++)
        if (ahead_word(x, k, "AS")) return 1;
    return 0;
}

/* One column constraint or clause of COLUMN (NULL: of ALTER TABLE ADD); 0 when the column
 * definition ends. */
static int parse_column_clause(xlat *x, const char *column)
{
    if (at_op(x, ",") || at_op(x, ")") || at_statement_end(x)) return 0;
    if (skip_constraint_state(x)) return 1;
    if (at_word(x, "DEFAULT")) return parse_default(x) < 0 ? -1 : 1;
    if (at_generated(x)) return parse_generated(x, column) < 0 ? -1 : 1;
    if (at_word(x, "CONSTRAINT")) {
        emit_tok(x);
        if (!tok_is_name(cur(x))) return fail_identifier(x, cur(x));
        emit_name(x);
        return 1;
    }
    if (at_word(x, "NOT") && ahead_word(x, 1, "NULL")) return emit_tok(x), emit_tok(x), 1;
    if (at_word(x, "NULL") || at_word(x, "UNIQUE")) return emit_tok(x), 1;
    if (at_word(x, "PRIMARY") && ahead_word(x, 1, "KEY")) return emit_tok(x), emit_tok(x), 1;
    if (at_word(x, "CHECK")) return emit_tok(x), parse_paren(x) < 0 ? -1 : 1;
    if (at_word(x, "REFERENCES")) return parse_references(x) < 0 ? -1 : 1;
    return xlat_fail(x, ORA_MISSING_RIGHT_PAREN, cur(x));
}

/* A column definition; IN_CREATE: of CREATE TABLE (identity columns allowed). */
static int parse_column_def(xlat *x, int in_create)
{
    if (!at_name(x)) return fail_identifier(x, cur(x));
    char column[SQL_IDENT_MAX + 1];
    tok_name(x->sql, cur(x), column, sizeof column);
    emit_name(x);
    if (at_op(x, ",") || at_op(x, ")") || (!at_generated(x) && cur(x)->type != TK_WORD))
        return xlat_fail(x, 2263, cur(x));
    if (!at_generated(x) && parse_type(x) < 0) return -1;
    int rc;
    while ((rc = parse_column_clause(x, in_create ? column : NULL)) > 0)
        continue;
    return rc;
}

static int at_table_constraint(const xlat *x)
{
    return at_word(x, "CONSTRAINT") || at_word(x, "PRIMARY") || at_word(x, "UNIQUE") ||
           at_word(x, "FOREIGN") || at_word(x, "CHECK");
}

/* ALTER TABLE t ADD CONSTRAINT ... / ADD PRIMARY KEY ...: SQLite cannot. */
static int at_table_constraint_ahead(const xlat *x)
{
    return ahead_word(x, 1, "CONSTRAINT") || ahead_word(x, 1, "PRIMARY") ||
           ahead_word(x, 1, "UNIQUE") || ahead_word(x, 1, "FOREIGN") || ahead_word(x, 1, "CHECK");
}

/* [CONSTRAINT n] PRIMARY KEY (..) | UNIQUE (..) | CHECK (..) | FOREIGN KEY (..) REFERENCES ... */
static int parse_table_constraint(xlat *x)
{
    if (at_word(x, "CONSTRAINT")) {
        emit_tok(x);
        if (!tok_is_name(cur(x))) return fail_identifier(x, cur(x));
        emit_name(x);
    }
    if (at_word(x, "PRIMARY") || at_word(x, "FOREIGN")) {
        emit_tok(x);
        if (!at_word(x, "KEY")) return xlat_fail(x, 905, cur(x));
        emit_tok(x);
    } else if (at_word(x, "UNIQUE") || at_word(x, "CHECK")) {
        emit_tok(x);
    } else {
        return xlat_fail(x, 902, cur(x));
    }
    if (!at_op(x, "(")) return xlat_fail(x, ORA_MISSING_LEFT_PAREN, cur(x));
    if (parse_paren(x) < 0) return -1;
    if (at_word(x, "REFERENCES") && parse_references(x) < 0) return -1;
    while (skip_constraint_state(x))
        continue;
    if (!at_op(x, ",") && !at_op(x, ")")) return xlat_fail(x, ORA_MISSING_RIGHT_PAREN, cur(x));
    return 0;
}

/* ( column | constraint {, ...} ) */
static int parse_relational_properties(xlat *x)
{
    emit_tok(x);
    for (;;) {
        int rc = at_table_constraint(x) ? parse_table_constraint(x) : parse_column_def(x, 1);
        if (rc < 0) return -1;
        if (at_op(x, ")")) break;
        if (!at_op(x, ",")) return xlat_fail(x, ORA_MISSING_RIGHT_PAREN, cur(x));
        emit_tok(x);
    }
    emit_tok(x);
    return 0;
}

/* CREATE TABLE ... AS SELECT after physical attributes? */
static int skip_physical_attributes(xlat *x)
{
    int depth = 0;
    while (!at_statement_end(x)) {
        if (depth == 0 && at_word(x, "AS") &&
            (ahead_word(x, 1, "SELECT") || ahead_word(x, 1, "WITH") || ahead_op(x, 1, "(")))
            return 1;
        depth += at_op(x, "(") - at_op(x, ")");
        advance(x);
    }
    return 0;
}

/* CREATE TABLE t (a, b) AS SELECT: names only, then AS (SQLite cannot name CTAS columns). */
static int is_ctas_column_list(const xlat *x)
{
    int k = 1;
    while (tok_is_name(ahead(x, k)) && ahead_op(x, k + 1, ","))
        k += 2;
    return tok_is_name(ahead(x, k)) && ahead_op(x, k + 1, ")") && ahead_word(x, k + 2, "AS");
}

static int create_table(xlat *x, int create_off)
{
    qname qn;
    x->st->command_type = 1;
    out_text(x, "CREATE", create_off, 0);
    emit_tok(x); /* TABLE */
    if (at_word(x, "IF") && ahead_word(x, 1, "NOT") && ahead_word(x, 2, "EXISTS"))
        emit_tok(x), emit_tok(x), emit_tok(x);
    if (object_name(x, 1, &qn) < 0) return -1;
    if (at_op(x, "(")) {
        if (is_ctas_column_list(x)) return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
        if (parse_relational_properties(x) < 0) return -1;
    }
    if (skip_physical_attributes(x)) {
        emit_tok(x);
        x->query_at = (int)x->out.len;
        return parse_query(x, 0);
    }
    return 0;
}

/* CREATE [UNIQUE|BITMAP] INDEX name ON table (items) [options] */
static int create_index(xlat *x, int create_off, int unique_at)
{
    qname qn;
    x->st->command_type = 9;
    out_text(x, "CREATE", create_off, 0);
    if (unique_at >= 0) out_text(x, "UNIQUE", unique_at, 1);
    emit_tok(x); /* INDEX */
    if (object_name(x, 0, &qn) < 0) return -1;
    if (!at_word(x, "ON")) return xlat_fail(x, 969, cur(x));
    emit_tok(x);
    if (object_name(x, 1, &qn) < 0) return -1;
    if (!at_op(x, "(")) return xlat_fail(x, ORA_MISSING_LEFT_PAREN, cur(x));
    emit_tok(x);
    for (;;) {
        expr_info ei;
        if (parse_expr(x, 0, &ei) < 0) return -1;
        if (at_word(x, "ASC") || at_word(x, "DESC")) emit_tok(x);
        if (!at_op(x, ",")) break;
        emit_tok(x);
    }
    if (expect_op(x, ")", ORA_MISSING_RIGHT_PAREN) < 0) return -1;
    skip_to_end(x);
    return 0;
}

/* The user's query (what follows AS, to the end) as the comment view_text.h describes. */
static void keep_view_text(xlat *x)
{
    int as = x->pos;
    while (as < x->ntok - 1 && !(tok_is_word(x->sql, &x->tok[as], "AS"))) as++;
    if (as + 1 >= x->ntok - 1) return; /* no query: the translation reports it */
    const sql_token *first = &x->tok[as + 1], *last = &x->tok[x->ntok - 2];
    buf_reset(&x->scratch);
    view_text_comment(&x->scratch, x->sql + first->off, (size_t)(last->off + last->len - first->off));
    out_text(x, buf_cstr(&x->scratch), cur(x)->off, 1);
}

/* CREATE [OR REPLACE] [NO]FORCE VIEW name [(cols)] AS query [WITH READ ONLY|CHECK OPTION] */
static int create_view(xlat *x, int or_replace, int create_off)
{
    qname qn;
    x->st->command_type = 21;
    advance(x); /* VIEW */
    int save = x->pos;
    if (read_qname(x, &qn) < 0) return xlat_fail(x, ORA_INVALID_TABLE_NAME, cur(x));
    x->pos = save;
    if (or_replace) {
        out_text(x, "DROP VIEW IF EXISTS", create_off, 0);
        emit_object(x, &qn, 1);
        out_text(x, ";", create_off, 0);
        x->text.nstatements = 2;
    }
    out_text(x, "CREATE VIEW", create_off, or_replace);
    if (object_name(x, 1, &qn) < 0) return -1;
    keep_view_text(x);
    if (at_op(x, "(") && parse_paren(x) < 0) return -1;
    if (!at_word(x, "AS")) return xlat_fail(x, 905, cur(x));
    emit_tok(x);
    if (parse_query(x, 0) < 0) return -1;
    if (at_word(x, "WITH")) skip_to_end(x);
    return 0;
}

static int unimplemented_object(const xlat *x, int k)
{
    static const char *const words[] = {
        "SEQUENCE",       "PROCEDURE", "FUNCTION",  "PACKAGE",     "TRIGGER",    "TYPE",
        "SYNONYM",        "PUBLIC",    "ROLE",      "DATABASE",    "TABLESPACE", "DIRECTORY",
        "MATERIALIZED",   "CLUSTER",   "CONTEXT",   "LIBRARY",     "JAVA",       "OUTLINE",
        "DIMENSION",      "EDITION",   "SCHEMA",    "GLOBAL",      "PRIVATE",    "EDITIONABLE",
        "NONEDITIONABLE", "RESTORE",   "PLUGGABLE", "CONTROLFILE", "SPFILE",     "PFILE",
        "AUDIT",          "ANALYTIC",  "ATTRIBUTE", "HIERARCHY",   "DISKGROUP",  NULL};
    for (int i = 0; words[i]; i++)
        if (ahead_word(x, k, words[i])) return 1;
    return 0;
}

int translate_create(xlat *x)
{
    int create_off = cur(x)->off, or_replace = 0, unique_at = -1;
    advance(x); /* CREATE: each kind writes its own */
    if (at_word(x, "OR") && ahead_word(x, 1, "REPLACE")) {
        or_replace = 1;
        advance(x), advance(x);
    }
    if (at_word(x, "FORCE") || at_word(x, "NOFORCE")) advance(x);
    if ((at_word(x, "EDITIONABLE") || at_word(x, "NONEDITIONABLE")) && ahead_word(x, 1, "VIEW"))
        advance(x);
    if (at_word(x, "VIEW")) return create_view(x, or_replace, create_off);
    if (or_replace)
        return unimplemented_object(x, 0) ? ora_set(x->err, ORA_UNIMPLEMENTED, 0)
                                          : xlat_fail(x, 901, cur(x));
    if (at_word(x, "TABLE")) return create_table(x, create_off);
    if (at_word(x, "UNIQUE") || at_word(x, "BITMAP")) {
        if (at_word(x, "UNIQUE")) unique_at = cur(x)->off;
        advance(x);
    }
    if (at_word(x, "INDEX")) return create_index(x, create_off, unique_at);
    if (unimplemented_object(x, 0)) return ora_set(x->err, ORA_UNIMPLEMENTED, 0);
    return xlat_fail(x, 901, cur(x));
}

/* DROP TABLE|VIEW|INDEX name [CASCADE CONSTRAINTS] [PURGE] [FORCE] */
int translate_drop(xlat *x)
{
    qname qn;
    emit_tok(x); /* DROP */
    if (at_word(x, "TABLE"))
        x->st->command_type = 12;
    else if (at_word(x, "VIEW"))
        x->st->command_type = 22;
    else if (at_word(x, "INDEX"))
        x->st->command_type = 10;
    else if (unimplemented_object(x, 0))
        return ora_set(x->err, ORA_UNIMPLEMENTED, 0);
    else
        return xlat_fail(x, 950, cur(x));
    emit_tok(x);
    if (at_word(x, "IF") && ahead_word(x, 1, "EXISTS")) emit_tok(x), emit_tok(x);
    if (object_name(x, 1, &qn) < 0) return -1;
    if (at_word(x, "CASCADE") && ahead_word(x, 1, "CONSTRAINTS")) advance(x), advance(x);
    while (at_word(x, "PURGE") || at_word(x, "FORCE") || at_word(x, "ONLINE"))
        advance(x);
    return 0;
}

static int add_column_item(xlat *x) { return parse_column_def(x, 0); }

static int drop_column_item(xlat *x)
{
    if (!tok_is_name(cur(x))) return fail_identifier(x, cur(x));
    emit_name(x);
    return 0;
}

/*
 * The column list of ALTER TABLE t ADD (...) / DROP (...): one SQLite
 * statement per column (PREFIX + the item), "c" or "(c1, c2, ...)".
 */
static int alter_column_list(xlat *x, const char *prefix, int off, int (*item)(xlat *))
{
    int paren = at_op(x, "(");
    if (paren) advance(x);
    for (;;) {
        out_text(x, prefix, off, 1);
        if (item(x) < 0) return -1;
        if (!paren || !at_op(x, ",")) break;
        out_text(x, ";", cur(x)->off, 0);
        x->text.nstatements++;
        advance(x);
    }
    if (paren && !at_op(x, ")")) return xlat_fail(x, ORA_MISSING_RIGHT_PAREN, cur(x));
    if (paren) advance(x);
    return 0;
}

static int alter_rename(xlat *x, const qname *table)
{
    emit_tok(x); /* RENAME */
    if (at_word(x, "COLUMN")) {
        emit_tok(x);
        if (!tok_is_name(cur(x))) return fail_identifier(x, cur(x));
        emit_name(x);
        if (!at_word(x, "TO")) return xlat_fail(x, 905, cur(x));
        emit_tok(x);
        if (!tok_is_name(cur(x))) return fail_identifier(x, cur(x));
        emit_name(x);
        return 0;
    }
    if (!at_word(x, "TO")) return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
    emit_tok(x);
    qname to;
    const sql_token *at = cur(x);
    if (read_qname(x, &to) < 0) return xlat_fail(x, ORA_INVALID_TABLE_NAME, cur(x));
    /* the table stays in its schema: a new name with a schema is refused, as by Oracle */
    if (to.schema[0]) return xlat_fail(x, 14047, at);
    memcpy(to.schema, table->schema, sizeof to.schema);
    emit_object(x, &to, 1);
    return 0;
}

int translate_alter_table(xlat *x)
{
    qname qn;
    int off = cur(x)->off, rc;
    x->st->command_type = 15;
    advance(x), advance(x); /* ALTER TABLE */
    if (read_qname(x, &qn) < 0) return xlat_fail(x, ORA_INVALID_TABLE_NAME, cur(x));
    set_object(x, &qn);
    buf prefix; /* ALTER TABLE "S.T", repeated for each column added or dropped */
    buf_init(&prefix);
    buf_puts(&prefix, "ALTER TABLE ");
    append_object(x, &qn, &prefix);
    if (at_word(x, "ADD") && !at_table_constraint_ahead(x)) {
        buf_puts(&prefix, " ADD COLUMN");
        advance(x);
        rc = alter_column_list(x, buf_cstr(&prefix), off, add_column_item);
    } else if (at_word(x, "DROP") && (ahead_word(x, 1, "COLUMN") || ahead_op(x, 1, "("))) {
        buf_puts(&prefix, " DROP COLUMN");
        advance(x);
        if (at_word(x, "COLUMN")) advance(x);
        rc = alter_column_list(x, buf_cstr(&prefix), off, drop_column_item);
    } else if (at_word(x, "RENAME")) {
        out_text(x, buf_cstr(&prefix), off, 0);
        rc = alter_rename(x, &qn);
    } else {
        rc = xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
    }
    buf_free(&prefix);
    return rc;
}

/* TRUNCATE TABLE t [DROP|REUSE STORAGE] -> DELETE FROM "S.T" */
int translate_truncate(xlat *x)
{
    qname qn;
    x->st->command_type = 85;
    if (!ahead_word(x, 1, "TABLE")) return ora_set(x->err, ORA_UNIMPLEMENTED, 0);
    out_text(x, "DELETE FROM", cur(x)->off, 0);
    advance(x), advance(x);
    if (object_name(x, 1, &qn) < 0) return -1;
    skip_to_end(x);
    return 0;
}

/* RENAME a TO b -> ALTER TABLE "S.A" RENAME TO "S.B": own objects only, names without schema */
int translate_rename(xlat *x)
{
    qname from, to;
    x->st->command_type = 28;
    out_text(x, "ALTER TABLE", cur(x)->off, 0);
    advance(x);
    const sql_token *at = cur(x);
    if (object_name(x, 1, &from) < 0) return -1;
    if (from.schema[0]) return xlat_fail(x, 1765, at);
    if (!at_word(x, "TO")) return xlat_fail(x, 905, cur(x));
    out_text(x, "RENAME TO", cur(x)->off, 1);
    advance(x);
    at = cur(x);
    if (object_name(x, 0, &to) < 0) return -1;
    return to.schema[0] ? xlat_fail(x, 1765, at) : 0;
}

/* LOCK TABLE t [, ...] IN mode MODE [NOWAIT | WAIT n]: the SQLite text is a probe of the table. */
/* ROW SHARE | SHARE UPDATE | ROW EXCLUSIVE | SHARE | SHARE ROW EXCLUSIVE | EXCLUSIVE */
static int parse_lock_mode(xlat *x)
{
    static const struct {
        const char *words;
        int mode;
    } modes[] = {{"ROW SHARE", 2},           {"SHARE UPDATE", 2}, {"ROW EXCLUSIVE", 3},
                 {"SHARE ROW EXCLUSIVE", 5}, {"SHARE", 4},        {"EXCLUSIVE", 6}};
    const sql_token *at = cur(x);
    char words[64] = "";
    while (!at_word(x, "MODE") && !at_statement_end(x) && strlen(words) < 40) {
        char w[SQL_IDENT_MAX + 1];
        tok_name(x->sql, cur(x), w, sizeof w);
        if (words[0]) strcat(words, " ");
        strncat(words, w, sizeof words - strlen(words) - 1);
        advance(x);
    }
    for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++)
        if (!strcmp(words, modes[i].words)) return x->lock_mode = modes[i].mode, 0;
    return xlat_fail(x, 1737, at); /* valid modes: [ROW] SHARE, [[SHARE] ROW] EXCLUSIVE, ... */
}

int translate_lock_table(xlat *x)
{
    qname qn;
    x->st->command_type = 26;
    x->wait = -1;
    if (!ahead_word(x, 1, "TABLE")) return xlat_fail(x, 905, ahead(x, 1));
    out_text(x, "SELECT 1 FROM", cur(x)->off, 0);
    advance(x), advance(x);
    if (object_name(x, 1, &qn) < 0) return -1;
    x->lock_tables = 1;
    while (at_op(x, ",")) { /* the probe checks each of them */
        out_text(x, ",", cur(x)->off, 0);
        advance(x);
        if (read_qname(x, &qn) < 0) return xlat_fail(x, ORA_INVALID_TABLE_NAME, cur(x));
        emit_object(x, &qn, 1);
        x->lock_others = xrealloc(x->lock_others, sizeof *x->lock_others * (size_t)x->lock_tables);
        x->lock_others[x->lock_tables - 1] = object_name_of(x, &qn);
        x->lock_tables++;
    }
    out_text(x, "WHERE 0", cur(x)->off, 1);
    if (!at_word(x, "IN")) return xlat_fail(x, 905, cur(x));
    advance(x);
    if (parse_lock_mode(x) < 0) return -1;
    if (!at_word(x, "MODE")) return xlat_fail(x, 905, cur(x));
    advance(x);
    return parse_lock_wait(x);
}
