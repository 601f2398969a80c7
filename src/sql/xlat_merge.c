/*
 * xlat_merge.c - MERGE INTO target [a] USING source [s] ON (cond)
 * WHEN MATCHED THEN UPDATE SET ... [WHERE c1] [DELETE WHERE c2]
 * WHEN NOT MATCHED THEN INSERT [(cols)] VALUES (...) [WHERE c3], written as
 * the SQLite statements that do it.  The engine runs them one after the
 * other in the statement's savepoint (statement-level rollback), through
 * the session's overlay like any UPDATE, INSERT or DELETE, so row locks,
 * key locks and waits are those of the DML they are:
 *
 *   1 DELETE FROM temp."ws$merge"
 *   2 INSERT INTO temp."ws$merge"(rid) SELECT a.rowid FROM target AS a JOIN source AS s
 *       ON (cond) [WHERE (c1)]
 *   3 UPDATE target AS a SET ... FROM source AS s
 *       WHERE a.rowid IN (SELECT rid FROM temp."ws$merge") AND (cond) [AND (c1)]
 *   4 INSERT INTO target [(cols)] SELECT values FROM source AS s
 *       WHERE NOT EXISTS (SELECT 1 FROM target AS a WHERE cond) [AND (c3)]
 *   5 DELETE FROM target WHERE rowid IN (SELECT a.rowid FROM target AS a JOIN source AS s
 *       ON (cond) WHERE a.rowid IN (SELECT rid FROM temp."ws$merge") AND (c2))
 *
 * (1-3 and 5 only with WHEN MATCHED, 4 only with WHEN NOT MATCHED, 5 only
 * with DELETE WHERE.)  Why so: SQLite has no MERGE, and its UPSERT needs a
 * unique index on the ON columns and a table (not the overlay's view).
 * UPDATE ... FROM works through the overlay's INSTEAD OF triggers, as
 * INSERT ... SELECT does (SQLite reads the whole join before the first
 * trigger runs).  ws$merge, a TEMP table of the session (the engine makes
 * it), keeps the rows the merge updates as matched at its start: its
 * INTEGER PRIMARY KEY refuses a target row matched by two source rows,
 * which the engine reports as ORA-30926 (sql_sqlite_stmt.stable_check),
 * and DELETE WHERE removes only rows of it - not the rows 4 inserted -
 * judged on their updated values, as Oracle does.  The ON columns cannot
 * be updated (ORA-38104), so the update changes no row's match: 4 finds the
 * rows unmatched at the start, and 5 runs after it.  Rows deleted by 5 are
 * among the updated ones and not counted again (sql_sqlite_stmt.uncounted).
 *
 * The source is evaluated by each statement: a source that reads the
 * target itself would see the earlier steps' changes, so a MERGE whose
 * source names its target and that changes it in more than one step is
 * ORA-03001 (a view that reads the target is not noticed).
 */
#include <stdio.h>
#include <string.h>

#include "xlat.h"

typedef struct merge_parts {
    char table[2 * SQL_IDENT_MAX + 2]; /* the target's SQLite name */
    char alias[SQL_IDENT_MAX + 1];     /* the target's alias, its name when none */
    xpart target, plain, staging, source, on, set, update_where, delete_where, columns, values,
        insert_where;
    int on_from, on_to;   /* the ON condition's tokens */
    int source_tok;       /* where the source starts */
    int matched, not_matched;
} merge_parts;

static int present(const xpart *p)
{
    return p->to > p->from;
}

/* INTO [schema.]table [alias]: the target as UPDATE and DELETE write it, and as INSERT does. */
static int merge_target(xlat *x, merge_parts *m)
{
    qname qn;
    if (read_qname(x, &qn) < 0) return xlat_fail(x, ORA_INVALID_TABLE_NAME, cur(x));
    if (at_op(x, "@") || at_word(x, "PARTITION")) return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
    set_object(x, &qn);
    find_target_identity(x);
    snprintf(m->table, sizeof m->table, "%s.%s", x->object.schema ? x->object.schema : "",
             qn.name);
    snprintf(m->alias, sizeof m->alias, "%s", qn.name);
    if (at_name(x)) {
        tok_name(x->sql, cur(x), m->alias, sizeof m->alias);
        advance(x);
    }
    scope_add_table(x, &qn, m->alias); /* its columns' types (xlat_types.c) */
    part_begin(x, &m->plain);
    emit_object(x, &qn, 1);
    part_end(x, &m->plain);
    part_begin(x, &m->target);
    emit_object(x, &qn, 1);
    out_text(x, "AS", qn.off, 1);
    emit_ident(x, m->alias, qn.off, 1);
    part_end(x, &m->target);
    part_begin(x, &m->staging);
    emit_insert_target(x, &qn);
    part_end(x, &m->staging);
    return 0;
}

/* USING ( query ) | [schema.]table [alias]: written with AS alias (a table: its name). */
static int merge_source(xlat *x, merge_parts *m)
{
    if (!at_word(x, "USING")) return xlat_fail(x, 905, cur(x));
    advance(x);
    char alias[SQL_IDENT_MAX + 1] = "";
    int off = cur(x)->off;
    m->source_tok = x->pos;
    part_begin(x, &m->source);
    if (at_op(x, "(") && paren_starts_query(x, 1)) {
        struct sub_columns outer;
        int at = x->pos;
        scope_add_subquery(x, at); /* its columns' types, for ON and the WHEN clauses */
        sub_columns_begin(x, &outer);
        int rc = parse_paren(x);
        sub_columns_end(x, rc == 0 ? at : -1, &outer);
        if (rc < 0) return -1;
    } else {
        qname qn;
        if (read_qname(x, &qn) < 0) return xlat_fail(x, ORA_INVALID_TABLE_NAME, cur(x));
        emit_object(x, &qn, 1);
        if (!name_is_global(x, &qn)) snprintf(alias, sizeof alias, "%s", qn.name);
        char named[SQL_IDENT_MAX + 1] = ""; /* its alias, for its columns' types */
        if (at_name(x)) tok_name(x->sql, cur(x), named, sizeof named);
        scope_add_table(x, &qn, named);
    }
    if (at_name(x)) {
        off = cur(x)->off;
        tok_name(x->sql, cur(x), alias, sizeof alias);
        advance(x);
    }
    if (alias[0]) {
        out_text(x, "AS", off, 1);
        emit_ident(x, alias, off, 1);
    }
    part_end(x, &m->source);
    return 0;
}

/* ON ( condition ): the condition, without its parentheses. */
static int merge_on(xlat *x, merge_parts *m)
{
    expr_info ei;
    if (!at_word(x, "ON")) return xlat_fail(x, 969, cur(x));
    advance(x);
    if (!at_op(x, "(")) return xlat_fail(x, ORA_MISSING_LEFT_PAREN, cur(x));
    advance(x);
    m->on_from = x->pos;
    part_begin(x, &m->on);
    if (parse_expr(x, 0, &ei) < 0) return -1;
    part_end(x, &m->on);
    m->on_to = x->pos;
    if (!at_op(x, ")")) return xlat_fail(x, ORA_MISSING_RIGHT_PAREN, cur(x));
    advance(x);
    return 0;
}

/* [WHERE condition] into P (empty when not written). */
static int merge_where(xlat *x, xpart *p)
{
    expr_info ei;
    part_begin(x, p);
    if (!at_word(x, "WHERE")) return 0;
    advance(x);
    part_begin(x, p);
    if (parse_expr(x, 0, &ei) < 0) return -1;
    part_end(x, p);
    return 0;
}

static int token_is(const xlat *x, int i, const char *name)
{
    char text[SQL_IDENT_MAX + 1];
    if (i < 0 || i >= x->ntok || !tok_is_name(&x->tok[i])) return 0;
    tok_name(x->sql, &x->tok[i], text, sizeof text);
    return !strcmp(text, name);
}

static int token_op(const xlat *x, int i, const char *op)
{
    return i >= 0 && i < x->ntok && tok_is_op(x->sql, &x->tok[i], op);
}

/* Does the ON condition name target column COLUMN (alias.column, or column alone)? */
static int on_names(const xlat *x, const merge_parts *m, const char *column)
{
    for (int i = m->on_from; i < m->on_to; i++) {
        if (token_op(x, i + 1, ".")) {
            if (token_is(x, i, m->alias) && token_is(x, i + 2, column)) return 1;
            i += 2;
        } else if (token_is(x, i, column) && !token_op(x, i + 1, "(")) {
            return 1;
        }
    }
    return 0;
}

/* The SET column at the cursor ([alias.]column) may not be one the ON condition names. */
static int check_on_column(xlat *x, const merge_parts *m)
{
    int at = x->pos;
    if (ahead_op(x, 1, ".") && tok_is_name(ahead(x, 2))) at += 2;
    char column[SQL_IDENT_MAX + 1];
    if (!tok_is_name(&x->tok[at])) return 0;
    tok_name(x->sql, &x->tok[at], column, sizeof column);
    if (!on_names(x, m, column)) return 0;
    buf name;
    buf_init(&name);
    buf_printf(&name, "\"%s\".\"%s\"", m->alias, column);
    ora_set(x->err, ORA_ON_COLUMN_UPDATED, cur(x)->off, buf_cstr(&name));
    buf_free(&name);
    return -1;
}

/* UPDATE SET col = expr, ... [WHERE c1] [DELETE WHERE c2] */
static int merge_update(xlat *x, merge_parts *m)
{
    m->matched = 1;
    if (!at_word(x, "UPDATE")) return xlat_fail(x, 905, cur(x));
    advance(x);
    if (!at_word(x, "SET")) return xlat_fail(x, 971, cur(x));
    advance(x);
    part_begin(x, &m->set);
    for (;;) {
        expr_info ei;
        if (check_on_column(x, m) < 0 || parse_column_target(x, 1) < 0) return -1;
        if (!at_op(x, "=")) return xlat_fail(x, 927, cur(x));
        emit_tok(x);
        if (at_word(x, "DEFAULT")) return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
        if (parse_expr(x, 0, &ei) < 0) return -1;
        if (!at_op(x, ",")) break;
        emit_tok(x);
    }
    part_end(x, &m->set);
    if (merge_where(x, &m->update_where) < 0) return -1;
    if (!at_word(x, "DELETE")) return 0;
    advance(x);
    if (!at_word(x, "WHERE")) return xlat_fail(x, 905, cur(x));
    return merge_where(x, &m->delete_where);
}

/* INSERT [(cols)] VALUES (exprs) [WHERE c3] */
static int merge_insert(xlat *x, merge_parts *m)
{
    m->not_matched = 1;
    if (!at_word(x, "INSERT")) return xlat_fail(x, 905, cur(x));
    advance(x);
    int listed = at_op(x, "(");
    x->identity_value = listed || !x->has_target_identity ? -1 : x->target_identity.position;
    part_begin(x, &m->columns);
    if (listed && parse_column_list(x, 0) < 0) return -1;
    part_end(x, &m->columns);
    if (!at_word(x, "VALUES")) return xlat_fail(x, 926, cur(x));
    advance(x);
    part_begin(x, &m->values);
    if (parse_values_row(x) < 0) return -1;
    part_end(x, &m->values);
    return merge_where(x, &m->insert_where);
}

/* WHEN [NOT] MATCHED THEN ..., each at most once. */
static int merge_when(xlat *x, merge_parts *m)
{
    const sql_token *when = cur(x);
    advance(x);
    int not = at_word(x, "NOT");
    if (not) advance(x);
    if (!at_word(x, "MATCHED")) return xlat_fail(x, 905, cur(x));
    advance(x);
    if (!at_word(x, "THEN")) return xlat_fail(x, 905, cur(x));
    advance(x);
    if (not ? m->not_matched : m->matched) return xlat_fail(x, ORA_NOT_PROPERLY_ENDED, when);
    return not ? merge_insert(x, m) : merge_update(x, m);
}

/* ---- the statements ---- */

/* The part a template's %c stands for (see put_template), or NULL. */
static const xpart *template_part(const merge_parts *m, char c)
{
    switch (c) {
    case 'T': return &m->target;
    case 'P': return &m->plain;
    case 'I': return &m->staging;
    case 'S': return &m->source;
    case 'O': return &m->on;
    case 'U': return &m->set;
    case 'W': return &m->update_where;
    case 'D': return &m->delete_where;
    case 'C': return &m->columns;
    case 'X': return &m->insert_where;
    default: return NULL;
    }
}

static void flush_text(xasm *a, buf *text)
{
    if (text->len) asm_text(a, buf_cstr(text), 0);
    buf_reset(text);
}

/*
 * Write TEMPLATE: its text as it is, and %T the target AS alias, %P the target alone, %I
 * the INSERT's target, %S the source, %O the ON condition, %U the SET list, %W, %D, %X the
 * WHERE of UPDATE, DELETE and INSERT, %C the INSERT's column list, %V its values without
 * their parentheses, %R alias.rowid.
 */
static void put_template(xasm *a, const xlat *x, const merge_parts *m, const char *template)
{
    buf text;
    buf_init(&text);
    for (const char *p = template; *p; p++) {
        if (*p != '%' || !p[1]) {
            buf_putc(&text, (uint8_t)*p);
            continue;
        }
        p++;
        if (*p == 'R') {
            append_ident(&text, m->alias);
            buf_puts(&text, ".rowid");
            continue;
        }
        flush_text(a, &text);
        if (*p == 'V') asm_inner(a, x, &m->values);
        else if (template_part(m, *p)) asm_part(a, x, template_part(m, *p));
    }
    flush_text(a, &text);
    buf_free(&text);
}

#define MERGE_ROWS "(SELECT rid FROM temp.\"ws$merge\")"

/* 1 and 2: the rows to update, as matched at the start. */
static void write_matched_rows(xasm *a, const xlat *x, const merge_parts *m)
{
    put_template(a, x, m, "DELETE FROM temp.\"ws$merge\"");
    asm_end_statement(a);
    put_template(a, x, m, "INSERT INTO temp.\"ws$merge\"(rid) SELECT %R FROM %T JOIN %S ON (%O)");
    if (present(&m->update_where)) put_template(a, x, m, " WHERE (%W)");
    asm_end_statement(a);
}

/* 3: the update. */
static void write_update(xasm *a, const xlat *x, const merge_parts *m)
{
    put_template(a, x, m, "UPDATE %T SET %U FROM %S WHERE %R IN " MERGE_ROWS " AND (%O)");
    if (present(&m->update_where)) put_template(a, x, m, " AND (%W)");
    asm_end_statement(a);
}

/* 4: the insert of the source rows no target row matches. */
static void write_insert(xasm *a, const xlat *x, const merge_parts *m)
{
    put_template(a, x, m, "INSERT INTO %I %C SELECT %V FROM %S WHERE NOT EXISTS (SELECT 1 FROM %T WHERE (%O))");
    if (present(&m->insert_where)) put_template(a, x, m, " AND (%X)");
    asm_end_statement(a);
}

/* 5: DELETE WHERE, among the updated rows.  The rows are chosen in a subquery: SQLite lets
 * no alias of a view (the overlay) be used in DELETE's own WHERE. */
static void write_delete(xasm *a, const xlat *x, const merge_parts *m)
{
    put_template(a, x, m, "DELETE FROM %P WHERE rowid IN (SELECT %R FROM %T JOIN %S ON (%O) "
                          "WHERE %R IN " MERGE_ROWS " AND (%D))");
    asm_end_statement(a);
}

static int merge_write(xlat *x, const merge_parts *m)
{
    int steps = m->matched + m->not_matched + present(&m->delete_where);
    if (steps > 1 && part_names(x, &m->source, m->table))
        return xlat_fail(x, ORA_UNIMPLEMENTED, &x->tok[m->source_tok]);
    xasm a;
    asm_init(&a);
    if (m->matched) {
        write_matched_rows(&a, x, m);
        x->stable_check = a.nstatements; /* 2, counted from 1 */
        x->uncounted = 1u << 0 | 1u << 1;
        write_update(&a, x, m);
    }
    if (m->not_matched) write_insert(&a, x, m);
    if (present(&m->delete_where)) {
        x->uncounted |= 1u << a.nstatements;
        write_delete(&a, x, m);
    }
    asm_finish(x, &a);
    return 0;
}

int translate_merge(xlat *x)
{
    merge_parts m = {0};
    x->st->command_type = 189;
    advance(x); /* MERGE */
    if (!at_word(x, "INTO")) return xlat_fail(x, 925, cur(x));
    advance(x);
    if (merge_target(x, &m) < 0 || merge_source(x, &m) < 0 || merge_on(x, &m) < 0) return -1;
    while (at_word(x, "WHEN"))
        if (merge_when(x, &m) < 0) return -1;
    if (!m.matched && !m.not_matched) return xlat_fail(x, 905, cur(x));
    if (at_word(x, "LOG")) return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
    return merge_write(x, &m);
}
