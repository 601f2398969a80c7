/*
 * xlat_query.c - SELECT statements and subqueries, rewritten for SQLite.
 *
 * Handles the query skeleton: WITH, select lists (Oracle's derived column
 * names kept as aliases), FROM with joins and schema-qualified tables, WHERE
 * (a top-level ROWNUM filter becomes LIMIT), GROUP BY/HAVING, set operators
 * (MINUS is EXCEPT; a parenthesised member becomes SELECT * FROM (...)),
 * ORDER BY, OFFSET/FETCH (LIMIT) and FOR UPDATE (removed, flagged).
 */
#include "xlat.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- select list ---- */

/* Oracle names an unaliased expression after its text: upper case, blanks removed. */
static void oracle_column_name(const xlat *x, int from, int to, buf *b)
{
    for (int i = from; i < to; i++) {
        const sql_token *t = &x->tok[i];
        for (int k = 0; k < t->len; k++) {
            unsigned char c = (unsigned char)x->sql[t->off + k];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
            buf_putc(b, t->type == TK_QIDENT ? c : (uint8_t)toupper(c));
        }
    }
    size_t n = b->len;
    if (n > ORA_COLUMN_NAME_MAX) {
        n = ORA_COLUMN_NAME_MAX;
        while (n > 0 && (b->data[n] & 0xC0) == 0x80)
            n--; /* not inside a UTF-8 character */
    }
    b->len = n;
}

/* AS "name" for tokens FROM .. TO, the name Oracle gives them; the name into NAME_OUT. */
static void emit_derived_alias(xlat *x, int from, int to, char *name_out, size_t size)
{
    buf name, text;
    buf_init(&name);
    buf_init(&text);
    oracle_column_name(x, from, to, &name);
    buf_puts(&text, "AS ");
    buf_put_quoted(&text, buf_cstr(&name), '"');
    out_text(x, buf_cstr(&text), x->tok[from].off, 1);
    snprintf(name_out, size, "%s", buf_cstr(&name));
    buf_free(&name);
    buf_free(&text);
}

/* *, t.* or schema.t.* (the schema dropped).  Returns 1 when one was written (-1: error).  EXPAND: written
 * out as the columns' list (expand_star), where the value of a row is more than what the
 * client sees. */
static int select_star(xlat *x, int expand)
{
    int nparts = 0;
    while (tok_is_name(ahead(x, 2 * nparts)) && ahead_op(x, 2 * nparts + 1, "."))
        nparts++;
    if (!ahead_op(x, 2 * nparts, "*") || nparts > 2) return 0;
    x->select_star_at = x->select_items + 1;
    if (connect_joined(x)) return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x)); /* xlat_connect.c */
    char qualifier[SQL_IDENT_MAX + 1];
    if (nparts) tok_name(x->sql, ahead(x, 2 * nparts - 2), qualifier, sizeof qualifier);
    if (expand && expand_star(x, nparts ? qualifier : NULL, cur(x)->off, cur(x)->space_before)) {
        x->pos += 2 * nparts + 1;
        return 1;
    }
    /* a hierarchical block's FROM is a query with columns of its own (xlat_connect.c) */
    if (x->connect) return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
    if (!expand) note_sub_column(x, "", XT_UNKNOWN, 1, -1, 0); /* (expand_star notes its own) */
    if (nparts == 2) advance(x), advance(x);
    if (nparts >= 1) {
        emit_name(x);
        emit_tok(x);
    }
    emit_tok(x);
    return 1;
}

/* One select list item: *  t.*  expr [[AS] alias]  CURSOR(query) when CURSOR_OK; EXACT: its
 * expression computes exactly (xlat_exact.c); EXPAND: a * is written out (select_star); *END
 * where its expression ends (-1 for a star). */
static int parse_select_item(xlat *x, int cursor_ok, int exact, int expand, int *end_out)
{
    *end_out = -1;
    x->item_type = XT_UNKNOWN;
    int star = select_star(x, expand);
    if (star) return star < 0 ? -1 : 0; /* its columns noted (note_sub_column) */
    expr_info ei = {0};
    int first = x->pos, saved = x->rownum_ok, rc, out_start = (int)x->out.len;
    x->rownum_ok = 1;
    if (cursor_ok && at_cursor_expr(x))
        rc = parse_cursor_expr(x);
    else {
        x->exact_next = exact;
        rc = parse_expr(x, 0, &ei);
    }
    x->rownum_ok = saved;
    if (rc < 0) return -1;
    /* a NUMBER column's text (CASE, NVL ... of one are numbers already: number_of_text) */
    int as_number = x->numbers_as_values && ei.type == XT_NUMBER && ei.is_column;
    if (as_number) number_of_text(x, out_start, x->tok[first].off, XT_NUMBER, 0, 1);
    int end = *end_out = x->pos;
    char name[SQL_IDENT_MAX + 1]; /* the column's name, for a subquery's columns' types */
    if (at_word(x, "AS")) {
        emit_tok(x);
        if (!tok_is_name(cur(x))) return xlat_fail(x, ORA_FROM_NOT_FOUND, cur(x));
        tok_name(x->sql, cur(x), name, sizeof name);
        emit_name(x);
    } else if (at_name(x)) {
        tok_name(x->sql, cur(x), name, sizeof name);
        emit_name(x);
    } else if (ei.is_sequence_value) {
        emit_derived_alias(x, end - 1, end, name, sizeof name); /* s.NEXTVAL is named NEXTVAL */
    } else if (ei.is_column && end == first + 3 && tok_is_word(x->sql, &x->tok[first + 2], "ROWID")) {
        emit_derived_alias(x, end - 1, end, name, sizeof name); /* t.ROWID is named ROWID */
    } else if (as_number) {
        emit_derived_alias(x, end - 1, end, name, sizeof name); /* made a number: its name */
    } else if (!ei.is_column) {
        /* CREATE TABLE ... AS SELECT names its columns after the query's: an expression
         * needs an alias there (the first query block's select list) */
        if (x->query_at && x->st->command_type == 1 && x->depth == 1 && !x->select_end)
            return xlat_fail(x, 998, &x->tok[first]);
        emit_derived_alias(x, first, end, name, sizeof name);
    } else if (connect_joined(x)) { /* a column written as a hierarchical join's "Q.C" */
        emit_derived_alias(x, end - 1, end, name, sizeof name);
    } else {
        tok_name(x->sql, &x->tok[end - 1], name, sizeof name); /* a column: its own name */
    }
    int stored = ei.type == XT_NUMBER && (ei.is_column || x->wrapped_at == out_start);
    note_sub_column(x, name, ei.type, 0, ei.is_column ? first : -1, stored);
    x->item_type = ei.type;
    return 0;
}

/* The bytes of string literal T's value ('' counted once); 0 for N'...' and q'...'. */
static int literal_size(const xlat *x, const sql_token *t)
{
    const char *s = x->sql + t->off;
    if (t->len < 3 || s[0] != '\'') return 0;
    int n = 0;
    for (int i = 1; i < t->len - 1; i++, n++)
        if (s[i] == '\'' && s[i + 1] == '\'') i++;
    return n;
}

/* The hint of the top query's select list item COL, the list grown to it. */
static struct sql_column_hint *column_hint(xlat *x, int col)
{
    if (col >= x->nhints) {
        x->hints = xrealloc(x->hints, sizeof *x->hints * (size_t)(col + 1));
        x->rowid_aliases = xrealloc(x->rowid_aliases, sizeof *x->rowid_aliases * (size_t)(col + 1));
        for (int i = x->nhints; i <= col; i++) {
            x->hints[i] = (struct sql_column_hint){0};
            x->rowid_aliases[i] = NULL;
        }
        x->nhints = col + 1;
    }
    return &x->hints[col];
}

/* The top query's select list item COL (FIRST .. its end, before its alias): a string literal
 * alone describes as CHAR of its length, as Oracle's does; [t.]ROWID alone is a table's
 * ROWID (which table: once the FROM list is read, resolve_rowids); a text expression as long as
 * Oracle's rules make it (select_item_text_size). */
static void note_column(xlat *x, int col, int first, int end)
{
    if (x->depth != 1 || x->select_end) return;
    const sql_token *t = &x->tok[first];
    if (end == first + 1 && t->type == TK_STRING && literal_size(x, t)) {
        column_hint(x, col)->literal_size = literal_size(x, t);
        return;
    }
    if (end == first + 1 && t->type == TK_NUMBER) {
        column_hint(x, col)->number = 1;
        return;
    }
    if (end == first + 1 && t->type == TK_BIND) { /* the bind just numbered */
        column_hint(x, col)->bind = x->text.nbinds;
        return;
    }
    int qualified = end == first + 3 && tok_is_name(t) && tok_is_op(x->sql, &x->tok[first + 1], ".");
    if ((end == first + 1 || qualified) && tok_is_word(x->sql, &x->tok[end - 1], "ROWID")) {
        char alias[SQL_IDENT_MAX + 1] = "";
        if (qualified) tok_name(x->sql, t, alias, sizeof alias);
        column_hint(x, col);
        x->rowid_aliases[col] = xstrdup(alias);
        return;
    }
    int is_char, size = select_item_text_size(x, first, end, &is_char); /* (xlat_sizes.c) */
    if (size && is_char) column_hint(x, col)->literal_size = size;
    else if (size) column_hint(x, col)->text_size = size;
}

/* The top query's select list item COL has type TYPE: a datetime, an interval or a number is
 * noted for the describe (sql_column_hint.subtype; a NUMBER column's value is its text). */
void note_column_type(xlat *x, int col, xtype type)
{
    static const char subtypes[] = {[XT_NUMBER] = 'N', [XT_DATE] = 'D', [XT_TIMESTAMP] = 'T',
                                    [XT_TIMESTAMP_TZ] = 'T', [XT_INTERVAL_YM] = 'Y',
                                    [XT_INTERVAL_DS] = 'S'};
    if (x->depth != 1 || (size_t)type >= sizeof subtypes || !subtypes[type]) return;
    column_hint(x, col)->subtype = subtypes[type];
}

/* The top query's bare columns of subqueries in its FROM, typed now that the FROM is written
 * (its select list was written first): their types noted for the describe too. */
static void note_late_column_types(xlat *x)
{
    const struct sub_columns *q = &x->query_cols;
    for (int i = 0; x->depth == 1 && !q->incomplete && i < q->ncols; i++)
        if (q->cols[i].type == XT_UNKNOWN && q->cols[i].ref >= 0)
            note_column_type(x, i, query_column_type_at(x, i));
}

/* The tables of the top query's ROWID columns: the FROM item of their qualifier, or the only
 * one there is (else the column stays a number). */
static void resolve_rowids(xlat *x)
{
    for (int col = 0; col < x->nhints; col++) {
        char *alias = x->rowid_aliases[col];
        if (!alias) continue;
        const struct from_table *f = NULL;
        for (int i = 0; i < x->nfroms && !f; i++)
            if (alias[0] ? !strcmp(x->froms[i].alias, alias) : x->nfroms == 1) f = &x->froms[i];
        if (f) {
            sql_object_name o = object_name_of(x, &f->qn);
            buf name;
            buf_init(&name);
            buf_printf(&name, "%s.%s", o.schema, o.name);
            x->hints[col].rowid_table = xstrdup(buf_cstr(&name));
            buf_free(&name);
            free(o.schema);
            free(o.name);
        }
        free(alias);
        x->rowid_aliases[col] = NULL;
    }
}

/* The select list; the top query's first may hold cursor expressions (x->cursor_ok). */
static int parse_select_list(xlat *x)
{
    if (at_word(x, "FROM")) return xlat_fail(x, ORA_MISSING_EXPRESSION, cur(x));
    int cursor_ok = x->cursor_ok && x->depth == 1;
    if (cursor_ok) x->cursor_ok = 0;
    int follows = set_operator_follows(x); /* (a later block's: x->query_compound) */
    int top = x->depth == 1 && !x->select_end, compound = top && follows;
    plan_exact_items(x, compound);
    /* the top query's rows go to the client, which does not see the hidden rowid column of an
     * overlay (docs/design.md "Write sets and overlays"); rows compared or kept elsewhere would
     * carry it. A view's columns are fixed when it is created, as Oracle's are (and a session's
     * copy of it over its overlays must have the same ones: overlay_views.h). */
    int expand = !top || compound || x->st->command_type == 21 /* CREATE VIEW */ || x->connect;
    int numbers = x->numbers_as_values;
    x->numbers_as_values = follows || x->query_compound;
    for (int col = 0, star = 0;; col++) {
        int first = x->pos, end;
        int exact = exact_item(x, col);
        if (parse_select_item(x, cursor_ok, exact, expand, &end) < 0) return -1;
        if (cursor_ok) x->select_items++;
        star |= end < 0; /* t.*: the columns after it are no longer counted by item */
        if (!star) note_column(x, col, first, end);
        if (!star && !x->select_end) note_column_type(x, col, x->item_type);
        if (!at_op(x, ",")) break;
        emit_tok(x);
    }
    x->exact_items = 0;
    x->numbers_as_values = numbers;
    close_sub_columns(x);
    if (!at_word(x, "FROM")) return xlat_fail(x, ORA_FROM_NOT_FOUND, cur(x));
    if (cursor_ok && finish_cursor_exprs(x) < 0) return -1;
    if (x->depth == 1 && !x->select_end) x->select_end = (int)x->out.len;
    return 0;
}

/* ---- FROM ---- */

static int unsupported_table_clause(const xlat *x)
{
    return at_op(x, "@") || at_op(x, "(") || at_word(x, "PARTITION") || at_word(x, "SAMPLE") ||
           at_word(x, "VERSIONS") || (at_word(x, "AS") && ahead_word(x, 1, "OF"));
}

/* A table alias: [AS] name.  Writes it, or DEFAULT_ALIAS when there is none; remembers
 * the alias in x->last_alias. */
static void parse_table_alias(xlat *x, const char *default_alias, int off)
{
    x->last_alias[0] = 0;
    if (at_word(x, "AS") && tok_is_name(ahead(x, 1))) advance(x);
    if (at_name(x)) {
        tok_name(x->sql, cur(x), x->last_alias, sizeof x->last_alias);
        emit_name(x);
    } else if (default_alias) {
        snprintf(x->last_alias, sizeof x->last_alias, "%s", default_alias);
        emit_ident(x, default_alias, off, 1);
    }
}

static int parse_table_name(xlat *x)
{
    qname qn;
    if (read_qname(x, &qn) < 0) return xlat_fail(x, ORA_INVALID_TABLE_NAME, cur(x));
    if (unsupported_table_clause(x)) return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
    const char *alias = NULL;
    /* DUAL is a real one-row table (created with the catalog), so it describes as Oracle's. */
    emit_object(x, &qn, 1);
    int local = name_is_global(x, &qn) || (!qn.schema[0] && name_is_cte(x, qn.name));
    if (!local) alias = qn.name;
    parse_table_alias(x, alias, qn.off);
    if (x->depth == 1 && !local) {
        x->froms = xrealloc(x->froms, sizeof *x->froms * (size_t)(x->nfroms + 1));
        struct from_table *f = &x->froms[x->nfroms++];
        *f = (struct from_table){.qn = qn};
        snprintf(f->alias, sizeof f->alias, "%s", x->last_alias);
    }
    if (!x->last_alias[0]) snprintf(x->last_alias, sizeof x->last_alias, "%s", qn.name);
    return 0;
}

static int parse_table_item(xlat *x);

/* A FROM item [PIVOT (...) | UNPIVOT (...) [alias]] (xlat_pivot.c). */
int parse_table_ref(xlat *x)
{
    int out_start = (int)x->out.len, at = x->pos;
    if (parse_table_item(x) < 0) return -1;
    if (!at_pivot(x)) return 0;
    if (parse_pivot_clause(x, out_start, at) < 0) return -1;
    parse_table_alias(x, NULL, 0);
    return 0;
}

static int parse_table_item(xlat *x)
{
    if (!at_op(x, "(")) return parse_table_name(x);
    if (paren_starts_query(x, 1)) {
        struct sub_columns outer;
        int at = x->pos;
        sub_columns_begin(x, &outer);
        int rc = parse_paren(x);
        if (rc == 0) parse_table_alias(x, NULL, 0);
        sub_columns_end(x, rc == 0 ? at : -1, &outer);
        return rc;
    }
    if (xlat_enter(x) < 0) return -1;
    emit_tok(x); /* ( joined tables ) */
    int rc = parse_from_items(x);
    if (rc == 0 && !at_op(x, ")")) rc = xlat_fail(x, ORA_MISSING_RIGHT_PAREN, cur(x));
    if (rc == 0) emit_tok(x);
    xlat_leave(x);
    return rc;
}

/* [NATURAL] [INNER | CROSS | {LEFT|RIGHT|FULL} [OUTER]] JOIN: how many words, 0 if none. */
int join_words(const xlat *x)
{
    int k = 0;
    if (ahead_word(x, k, "NATURAL")) k++;
    if (ahead_word(x, k, "INNER") || ahead_word(x, k, "CROSS")) {
        k++;
    } else if (ahead_word(x, k, "LEFT") || ahead_word(x, k, "RIGHT") || ahead_word(x, k, "FULL")) {
        k++;
        if (ahead_word(x, k, "OUTER")) k++;
    }
    return ahead_word(x, k, "JOIN") ? k + 1 : 0;
}

static int parse_join_condition(xlat *x)
{
    expr_info ei;
    if (at_word(x, "ON")) {
        emit_tok(x);
        return parse_expr(x, 0, &ei);
    }
    if (at_word(x, "USING")) {
        emit_tok(x);
        if (!at_op(x, "(")) return xlat_fail(x, ORA_MISSING_LEFT_PAREN, cur(x));
        return parse_paren(x);
    }
    return 0;
}

int parse_from_items(xlat *x)
{
    for (;;) {
        if (parse_table_ref(x) < 0) return -1;
        for (int n; (n = join_words(x)) > 0;) {
            while (n--)
                emit_tok(x);
            if (parse_table_ref(x) < 0 || parse_join_condition(x) < 0) return -1;
        }
        if ((at_word(x, "CROSS") || at_word(x, "OUTER")) && ahead_word(x, 1, "APPLY"))
            return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
        if (!at_op(x, ",")) return 0;
        emit_tok(x);
    }
}

/* ---- WHERE and ROWNUM ---- */

static int is_bound(const sql_token *t)
{
    return t->type == TK_NUMBER || t->type == TK_BIND;
}

/* Does the condition part end after K tokens (no operator continues it)? */
static int condition_ends_at(const xlat *x, int k)
{
    static const char *const op_words[] = {"IS", "LIKE", "BETWEEN", "IN", "NOT", "ESCAPE", NULL};
    const sql_token *t = ahead(x, k);
    if (t->type == TK_EOF || tok_is_op(x->sql, t, ")") || tok_is_op(x->sql, t, ";")) return 1;
    if (t->type != TK_WORD) return 0;
    for (int i = 0; op_words[i]; i++)
        if (tok_is_word(x->sql, t, op_words[i])) return 0;
    return 1;
}

/* The comparison of a ROWNUM filter, seen from ROWNUM's side ("n >= ROWNUM" is "<="). */
static const char *rownum_op(const xlat *x, int k, int reversed)
{
    const sql_token *t = ahead(x, k);
    if (tok_is_op(x->sql, t, "=")) return "=";
    if (tok_is_op(x->sql, t, reversed ? ">=" : "<=")) return "<=";
    if (tok_is_op(x->sql, t, reversed ? ">" : "<")) return "<";
    return NULL;
}

/* Is there a ROWNUM filter (ROWNUM <= n, < n, = n, or reversed) as a whole condition
 * K tokens ahead?  Returns its comparison seen from ROWNUM's side, or NULL. */
static const char *rownum_match(const xlat *x, int k, int *reversed)
{
    *reversed = !ahead_word(x, k, "ROWNUM");
    if (*reversed && !(is_bound(ahead(x, k)) && ahead_word(x, k + 2, "ROWNUM"))) return NULL;
    if (!*reversed && !is_bound(ahead(x, k + 2))) return NULL;
    const char *op = rownum_op(x, k + 1, *reversed);
    return op && condition_ends_at(x, k + 3) ? op : NULL;
}

/* A ROWNUM filter at the cursor, taken into LIM (tokens consumed): returns 1. */
int rownum_filter(xlat *x, rownum_limit *lim)
{
    int reversed;
    const char *op = lim ? rownum_match(x, 0, &reversed) : NULL;
    if (!op) return 0;
    const sql_token *rownum = ahead(x, reversed ? 2 : 0), *bound = ahead(x, reversed ? 0 : 2);
    if (lim->present) return xlat_fail(x, ORA_UNIMPLEMENTED, rownum);
    lim->present = 1;
    lim->oracle_off = rownum->off;
    snprintf(lim->op, sizeof lim->op, "%s", op);
    if (bound->type == TK_BIND)
        lim->bind = add_bind(x, bound);
    else
        lim->number = strtod(x->sql + bound->off, NULL);
    x->pos += 3;
    return 1;
}

int ends_where(const xlat *x, int k)
{
    static const char *const words[] = {"GROUP",  "ORDER",  "HAVING",  "UNION", "INTERSECT",
                                        "MINUS",  "EXCEPT", "CONNECT", "START", "FETCH",
                                        "OFFSET", "FOR",    "MODEL",   NULL};
    for (int i = 0; words[i]; i++)
        if (ahead_word(x, k, words[i])) return 1;
    return 0;
}

/* From K (after WHERE): does a top-level condition of this WHERE filter on ROWNUM? */
static int where_has_rownum(const xlat *x, int k)
{
    int depth = 0, between = 0, starts = 1;
    for (;; k++) {
        const sql_token *t = ahead(x, k);
        if (depth == 0 && starts) {
            int reversed;
            if (rownum_match(x, k, &reversed)) return 1;
        }
        starts = 0;
        if (t->type == TK_EOF || (depth == 0 && (ends_where(x, k) || tok_is_op(x->sql, t, ")"))))
            return 0;
        depth += tok_is_op(x->sql, t, "(") - tok_is_op(x->sql, t, ")");
        if (depth) continue;
        if (tok_is_word(x->sql, t, "BETWEEN"))
            between = 1;
        else if (tok_is_word(x->sql, t, "AND") && between)
            between = 0;
        else if (tok_is_word(x->sql, t, "AND"))
            starts = 1;
        else if (tok_is_word(x->sql, t, "OR"))
            return 0;
    }
}

/*
 * FROM with one table (or subquery) and a top-level ROWNUM filter: Oracle numbers
 * rows as they pass the WHERE, before grouping and ordering.  Written as
 * FROM (SELECT * FROM t alias WHERE ... LIMIT n) alias, that is exact.  When
 * the select list names ROWID, the table's rowid goes along (a subquery has
 * none of its own), so that it still names the row - where rowid in (select
 * rowid from t where rownum <= 1000) - as SELECT rowid AS "rowid", * ..., a
 * column the engine hides from the client (only then: it would be one column
 * too many for SELECT * in a UNION or an IN).
 */
static int rownum_pushdown(const xlat *x)
{
    int depth = 0;
    for (int k = 1;; k++) { /* the cursor is on FROM */
        const sql_token *t = ahead(x, k);
        if (t->type == TK_EOF || (depth == 0 && tok_is_op(x->sql, t, ")"))) return 0;
        depth += tok_is_op(x->sql, t, "(") - tok_is_op(x->sql, t, ")");
        if (depth) continue;
        if (tok_is_op(x->sql, t, ",") || tok_is_word(x->sql, t, "JOIN") || ends_where(x, k))
            return 0;
        if (tok_is_word(x->sql, t, "WHERE")) return where_has_rownum(x, k + 1);
    }
}

int parse_where(xlat *x, rownum_limit *lim)
{
    const sql_token *where = cur(x), *conn = NULL;
    int emitted = 0, seen_or = 0, rownum_off = -1;
    advance(x);
    for (;;) {
        int r = rownum_filter(x, lim);
        if (r < 0) return -1;
        if (r == 1) {
            rownum_off = lim->oracle_off;
            if (seen_or) return ora_set(x->err, ORA_UNIMPLEMENTED, rownum_off);
        } else {
            expr_info ei;
            const sql_token *kw = emitted ? conn : where;
            out_text(x, emitted ? (tok_is_word(x->sql, conn, "OR") ? "OR" : "AND") : "WHERE",
                     kw->off, 1);
            if (parse_expr(x, EXPR_STOP_ANDOR, &ei) < 0) return -1;
            emitted = 1;
        }
        if (!at_word(x, "AND") && !at_word(x, "OR")) return 0;
        if (at_word(x, "OR")) {
            if (rownum_off >= 0) return ora_set(x->err, ORA_UNIMPLEMENTED, rownum_off);
            seen_or = 1;
        }
        conn = cur(x);
        advance(x);
    }
}

void emit_rownum_limit(xlat *x, const rownum_limit *l)
{
    char text[96];
    if (l->bind) {
        if (!strcmp(l->op, "<="))
            snprintf(text, sizeof text, "LIMIT MAX(COALESCE(FLOOR(?%d), 0), 0)", l->bind);
        else if (!strcmp(l->op, "<"))
            snprintf(text, sizeof text, "LIMIT MAX(COALESCE(CEIL(?%d), 1) - 1, 0)", l->bind);
        else
            snprintf(text, sizeof text, "LIMIT CASE WHEN ORA_SUB(?%d, 1) = 0 THEN 1 ELSE 0 END",
                     l->bind);
    } else {
        double n = !strcmp(l->op, "<=")  ? floor(l->number)
                   : !strcmp(l->op, "<") ? ceil(l->number) - 1
                                         : (l->number == 1 ? 1 : 0);
        if (!(n >= 0)) n = 0;
        if (n > 9e18) n = 9e18;
        snprintf(text, sizeof text, "LIMIT %lld", (long long)n);
    }
    out_text(x, text, l->oracle_off, 1);
}

/* ---- the select block ---- */

static int parse_group_by(xlat *x)
{
    emit_tok(x);
    if (!at_word(x, "BY")) return xlat_fail(x, 924, cur(x));
    emit_tok(x);
    if (((at_word(x, "ROLLUP") || at_word(x, "CUBE")) && ahead_op(x, 1, "(")) ||
        (at_word(x, "GROUPING") && ahead_word(x, 1, "SETS")))
        return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
    return parse_expr_list(x);
}

int parse_select_tail(xlat *x, rownum_limit *lim)
{
    expr_info ei;
    if (at_word(x, "PIVOT") || at_word(x, "UNPIVOT"))
        return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
    if (at_word(x, "WHERE") && parse_where(x, lim) < 0) return -1;
    if (at_word(x, "CONNECT") || at_word(x, "START") || at_word(x, "MODEL"))
        return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
    if (at_word(x, "GROUP") && parse_group_by(x) < 0) return -1;
    if (at_word(x, "HAVING")) {
        emit_tok(x);
        if (parse_expr(x, 0, &ei) < 0) return -1;
        if (at_word(x, "GROUP")) return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
    }
    return 0;
}

/* Do tokens FROM .. TO name ROWID? */
static int names_rowid(const xlat *x, int from, int to)
{
    for (int k = from; k < to; k++)
        if (tok_is_word(x->sql, &x->tok[k], "ROWID")) return 1;
    return 0;
}

static int write_select_block(xlat *x, rownum_limit *lim)
{
    int start = (int)x->out.len, hierarchical = block_is_hierarchical(x);
    if (hierarchical)
        connect_begin(x);
    else
        connect_free(x); /* an earlier block's of a compound query */
    emit_tok(x); /* SELECT */
    if (at_word(x, "DISTINCT") || at_word(x, "ALL"))
        emit_tok(x);
    else if (at_word(x, "UNIQUE"))
        emit_word(x, "DISTINCT");
    int list = x->pos;
    if (parse_select_list(x) < 0) return -1;
    if (hierarchical) return write_hierarchical_block(x, lim, start);
    int pushdown = rownum_pushdown(x);
    emit_tok(x); /* FROM */
    if (pushdown)
        out_text(x, names_rowid(x, list, x->pos) ? "(SELECT rowid AS \"rowid\", * FROM" : "(SELECT * FROM",
                 cur(x)->off, 1);
    x->last_alias[0] = 0;
    if (!pushdown && block_has_outer_join(x)) {
        if (write_outer_join_block(x, lim) < 0) return -1;
        if (x->depth == 1) resolve_rowids(x);
        return parse_select_tail(x, lim);
    }
    if (parse_from_items(x) < 0) return -1;
    if (x->depth == 1) resolve_rowids(x);
    if (!pushdown) return parse_select_tail(x, lim);
    char alias[SQL_IDENT_MAX + 1];
    memcpy(alias, x->last_alias, sizeof alias);
    rownum_limit inner = {0};
    if (!at_word(x, "WHERE")) return xlat_fail(x, ORA_NOT_PROPERLY_ENDED, cur(x));
    if (parse_where(x, &inner) < 0) return -1;
    emit_rownum_limit(x, &inner);
    out_text(x, ")", cur(x)->off, 0);
    if (alias[0]) emit_ident(x, alias, cur(x)->off, 1);
    return parse_select_tail(x, lim);
}

/* SELECT ... FROM ... [WHERE ...] [GROUP BY ...] [HAVING ...], its FROM items in scope for the
 * types of its columns (xlat_types.c) until its query ends (parse_query: ORDER BY sees them). */
static int parse_select_block(xlat *x, rownum_limit *lim)
{
    x->pos++; /* SELECT: the FROM clause is found from the select list on */
    scope_open(x);
    x->pos--;
    return write_select_block(x, lim);
}

static int parse_query_term(xlat *x, rownum_limit *lim)
{
    if (at_word(x, "SELECT")) return parse_select_block(x, lim);
    if (!at_op(x, "(")) return xlat_fail(x, 928, cur(x));
    if (xlat_enter(x) < 0) return -1;
    out_text(x, "SELECT * FROM (", cur(x)->off, cur(x)->space_before);
    advance(x);
    int rc = parse_query(x, 0);
    if (rc == 0 && !at_op(x, ")")) rc = xlat_fail(x, ORA_MISSING_RIGHT_PAREN, cur(x));
    if (rc == 0) emit_tok(x);
    xlat_leave(x);
    return rc;
}

/* ---- WITH, set operators, ORDER BY, OFFSET/FETCH, FOR UPDATE ---- */

static int parse_with(xlat *x)
{
    emit_tok(x);
    for (;;) {
        if (!tok_is_name(cur(x))) return fail_identifier(x, cur(x));
        char name[SQL_IDENT_MAX + 1], columns[16][SQL_IDENT_MAX + 1];
        int ncolumns = 0;
        tok_name(x->sql, cur(x), name, sizeof name);
        add_cte(x, name);
        emit_name(x);
        for (int k = x->pos + 1; at_op(x, "(") && tok_is_name(&x->tok[k]); k += 2) {
            if (ncolumns < 16) tok_name(x->sql, &x->tok[k], columns[ncolumns], sizeof columns[0]);
            ncolumns++;
            if (!tok_is_op(x->sql, &x->tok[k + 1], ",")) break;
        }
        if (at_op(x, "(") && parse_paren(x) < 0) return -1;
        if (!at_word(x, "AS")) return xlat_fail(x, 905, cur(x));
        emit_tok(x);
        if (!at_op(x, "(") || !paren_starts_query(x, 1)) return xlat_fail(x, 928, cur(x));
        struct sub_columns outer;
        sub_columns_begin(x, &outer); /* its columns' types, for the FROM items naming it */
        int rc = parse_paren(x);
        cte_columns_end(x, name, columns, ncolumns <= 16 ? ncolumns : -1 /* unknown */, &outer);
        if (rc < 0) return -1;
        if (at_word(x, "SEARCH") || at_word(x, "CYCLE"))
            return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
        if (!at_op(x, ",")) return 0;
        emit_tok(x);
    }
}

static int at_set_operator(const xlat *x)
{
    return tok_is_set_operator(x, cur(x));
}

static int skip_rows_word(xlat *x)
{
    if (!at_word(x, "ROW") && !at_word(x, "ROWS")) return xlat_fail(x, 905, cur(x));
    advance(x);
    return 0;
}

/* FETCH {FIRST|NEXT} [n] {ROW|ROWS} ONLY */
static int parse_fetch(xlat *x, int has_offset)
{
    expr_info ei;
    out_text(x, has_offset ? "," : "LIMIT", cur(x)->off, !has_offset);
    advance(x);
    if (!at_word(x, "FIRST") && !at_word(x, "NEXT")) return xlat_fail(x, 905, cur(x));
    advance(x);
    if (at_word(x, "ROW") || at_word(x, "ROWS"))
        out_text(x, "1", cur(x)->off, 1);
    else if (parse_expr(x, 0, &ei) < 0)
        return -1;
    if (at_word(x, "PERCENT")) return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
    if (skip_rows_word(x) < 0) return -1;
    if (at_word(x, "WITH")) return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
    if (!at_word(x, "ONLY")) return xlat_fail(x, 905, cur(x));
    advance(x);
    return 0;
}

/* [OFFSET m {ROW|ROWS}] [FETCH ...] -> LIMIT m, n; a ROWNUM filter -> LIMIT n. */
static int parse_limit(xlat *x, const rownum_limit *lim)
{
    expr_info ei;
    int has_offset = at_word(x, "OFFSET"), has_fetch;
    if ((has_offset || at_word(x, "FETCH")) && lim->present)
        return ora_set(x->err, ORA_UNIMPLEMENTED, lim->oracle_off);
    if (has_offset) {
        out_text(x, "LIMIT", cur(x)->off, 1);
        advance(x);
        if (parse_expr(x, 0, &ei) < 0 || skip_rows_word(x) < 0) return -1;
    }
    has_fetch = at_word(x, "FETCH");
    if (has_fetch && parse_fetch(x, has_offset) < 0) return -1;
    if (has_offset && !has_fetch) out_text(x, ", -1", cur(x)->off, 0);
    if (lim->present) emit_rownum_limit(x, lim);
    return 0;
}

/* FOR UPDATE [OF cols] [NOWAIT | WAIT n | SKIP LOCKED]: removed; the server takes the lock. */

/*
 * FOR UPDATE OF's column QN (at T): a qualified column locks the table its
 * qualifier names (alias or table name, ORA-00904 when none); an unqualified
 * one the only table, or in a join the tables that have it (the engine's to
 * find).
 */
static int of_column(xlat *x, const qname *qn, const sql_token *t)
{
    if (!qn->schema[0] && x->nfroms == 1) {
        x->froms[0].lock = 1;
        return 0;
    }
    if (!qn->schema[0]) {
        x->of_columns = xrealloc(x->of_columns, sizeof *x->of_columns * (size_t)(x->nof_columns + 1));
        x->of_columns[x->nof_columns++] = xstrdup(qn->name);
        return 0;
    }
    for (int i = 0; i < x->nfroms; i++) {
        struct from_table *f = &x->froms[i];
        if (!strcmp(f->alias, qn->schema) || (!f->alias[0] && !strcmp(f->qn.name, qn->schema))) {
            f->lock = 1;
            return 0;
        }
    }
    return fail_identifier(x, t);
}

/* Row locking: the rowid of each table FOR UPDATE may lock, as last columns (see sql_ctx). */
static int add_for_update_rowids(xlat *x, const sql_token *at)
{
    if (!x->select_end) return xlat_fail(x, ORA_UNIMPLEMENTED, at);
    buf col;
    buf_init(&col);
    for (int i = 0; i < x->nfroms; i++) {
        struct from_table *f = &x->froms[i];
        if (!f->lock && !x->nof_columns) continue;
        if (!x->nlocked) set_object(x, &f->qn); /* the first: error texts, the engine's oid */
        x->locked = xrealloc(x->locked, sizeof *x->locked * (size_t)(x->nlocked + 1));
        x->lock_flags = xrealloc(x->lock_flags, sizeof *x->lock_flags * (size_t)(x->nlocked + 1));
        x->locked[x->nlocked] = object_name_of(x, &f->qn);
        x->lock_flags[x->nlocked++] = f->lock;
        buf_puts(&col, ", ");
        append_ident(&col, f->alias);
        buf_puts(&col, ".rowid ");
    }
    out_insert(x, x->select_end, buf_cstr(&col), at->off);
    buf_free(&col);
    return 0;
}

static int parse_for_update(xlat *x)
{
    const sql_token *at = cur(x);
    if (x->ncursor_exprs) return xlat_fail(x, ORA_UNIMPLEMENTED, at);
    advance(x), advance(x);
    x->for_update = 1;
    x->wait = -1;
    int row_locking = x->ctx && x->ctx->for_update_rowid;
    if (at_word(x, "OF")) {
        do {
            advance(x);
            qname qn;
            const sql_token *t = cur(x);
            if (read_qname(x, &qn) < 0) return fail_identifier(x, cur(x));
            if (row_locking && of_column(x, &qn, t) < 0) return -1;
        } while (at_op(x, ","));
    } else {
        for (int i = 0; i < x->nfroms; i++) x->froms[i].lock = 1;
    }
    if (row_locking && add_for_update_rowids(x, at) < 0) return -1;
    if (at_word(x, "SKIP") && ahead_word(x, 1, "LOCKED")) {
        x->skip_locked = 1;
        advance(x), advance(x);
        return 0;
    }
    return parse_lock_wait(x);
}

static int parse_set_operator(xlat *x, const rownum_limit *lim)
{
    if (lim->present) return ora_set(x->err, ORA_UNIMPLEMENTED, lim->oracle_off);
    if (x->depth == 1) /* the other members' literals may be longer */
        for (int i = 0; i < x->nhints; i++)
            x->hints[i].literal_size = x->hints[i].bind = x->hints[i].number =
                x->hints[i].text_size = 0;
    if (x->ncursor_exprs) return xlat_fail(x, ORA_CURSOR_EXPR_NOT_ALLOWED, cur(x));
    if (at_word(x, "MINUS"))
        emit_word(x, "EXCEPT");
    else
        emit_tok(x);
    if (at_word(x, "ALL")) emit_tok(x);
    rownum_limit next = {0};
    if (parse_query_term(x, &next) < 0) return -1;
    if (next.present) return ora_set(x->err, ORA_UNIMPLEMENTED, next.oracle_off);
    return 0;
}

int parse_query(xlat *x, int top)
{
    rownum_limit lim = {0};
    if (xlat_enter(x) < 0) return -1;
    int scope = x->nscope; /* its blocks' FROM items go out of scope with it */
    int block_base = x->block_base, block_no_expand = x->block_no_expand;
    struct sub_columns outer_cols = x->query_cols; /* its select list, for its ORDER BY */
    int outer_compound = x->query_compound;
    struct xconnect *outer_connect = x->connect; /* LEVEL ... are a hierarchical block's own */
    x->connect = NULL;
    int outer_join_ok = x->outer_join_ok; /* (+) marks a block's own columns */
    x->outer_join_ok = 0;
    int rc = at_word(x, "WITH") ? parse_with(x) : 0;
    x->query_cols = (struct sub_columns){.depth = x->depth}, x->query_compound = 0;
    if (rc == 0) rc = parse_query_term(x, &lim);
    while (rc == 0 && at_set_operator(x)) {
        x->query_compound = 1;
        rc = parse_set_operator(x, &lim);
    }
    if (rc == 0 && at_word(x, "ORDER")) rc = parse_order_by(x);
    else if (rc == 0 && x->connect && !x->query_compound) connect_order_rows(x);
    if (rc == 0) rc = parse_limit(x, &lim);
    if (rc == 0 && top && at_word(x, "FOR") && ahead_word(x, 1, "UPDATE")) rc = parse_for_update(x);
    x->query_type = query_column_type(x);
    if (rc == 0 && !x->query_compound) note_late_column_types(x);
    x->query_stored = x->query_cols.ncols == 1 && !x->query_cols.incomplete &&
                      x->query_cols.cols[0].stored;
    scope_close(x, scope);
    x->block_base = block_base, x->block_no_expand = block_no_expand;
    free(x->query_cols.cols);
    x->query_cols = outer_cols, x->query_compound = outer_compound;
    connect_free(x);
    x->connect = outer_connect;
    x->outer_join_ok = outer_join_ok;
    xlat_leave(x);
    return rc;
}
