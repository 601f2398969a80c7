/*
 * xlat_types.c - the Oracle type of an expression, as far as the translator
 * can tell: a column's declared type, a literal's, a function's result, and
 * what Oracle's operators make of their operands (timestamp - timestamp is an
 * INTERVAL DAY TO SECOND, date + number a DATE).
 *
 * SQLite has no such types: it compares what its values hold (text with text
 * byte by byte, and every number before every text).  Where that differs
 * from Oracle, the translator writes the comparison for the types once it
 * knows them (compare_function, between_function: intervals, a TIMESTAMP
 * with a DATE, values with a time zone; xlat_expr.c writes the calls).
 * XT_UNKNOWN means "SQLite's own rules", as before any typing: a bind, a
 * CASE, a column of a view.
 *
 * Columns are found through the FROM items of the query blocks being written,
 * innermost first (a correlated subquery sees its outer query's): before a
 * block's select list is written, its FROM clause is read ahead for its
 * tables and aliases (scope_open), sql_ctx.column_type gives each table
 * column's declared type, and a subquery's columns get the types its select
 * list is written with (note_sub_column).  The same FROM items write out a
 * SELECT * whose rows SQLite compares (expand_star), and a query's own select
 * list types its ORDER BY by alias or position (order_column).
 */
#include "xlat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- declared types ---- */

static int starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

xtype decl_xtype(const char *decl)
{
    if (starts(decl, "NUMBER") || starts(decl, "INTEGER") || starts(decl, "FLOAT") ||
        starts(decl, "BINARY_"))
        return XT_NUMBER;
    if (starts(decl, "VARCHAR2") || starts(decl, "NVARCHAR2") || starts(decl, "CHAR") ||
        starts(decl, "NCHAR") || starts(decl, "CLOB") || starts(decl, "NCLOB"))
        return XT_TEXT;
    if (starts(decl, "DATE")) return XT_DATE;
    if (starts(decl, "TIMESTAMP"))
        return strstr(decl, "WITH TIME ZONE") && !strstr(decl, "LOCAL") ? XT_TIMESTAMP_TZ
                                                                        : XT_TIMESTAMP;
    if (starts(decl, "INTERVAL YEAR")) return XT_INTERVAL_YM;
    if (starts(decl, "INTERVAL DAY")) return XT_INTERVAL_DS;
    return XT_UNKNOWN;
}

void set_operand_type(xlat *x, xtype t)
{
    x->operand_type = t;
    x->typed_operand = 1;
}

/* ---- operators ---- */

static int is_datetime(xtype t)
{
    return t == XT_DATE || t == XT_TIMESTAMP || t == XT_TIMESTAMP_TZ;
}

static int is_interval(xtype t)
{
    return t == XT_INTERVAL_YM || t == XT_INTERVAL_DS;
}

xtype arith_xtype(xtype a, xtype b, char op)
{
    if (op == '|') return XT_TEXT;
    if (a == XT_UNKNOWN || b == XT_UNKNOWN) return XT_UNKNOWN;
    if (op == '*' || op == '/') {
        if (a == XT_NUMBER && b == XT_NUMBER) return XT_NUMBER;
        if (is_interval(a) && b == XT_NUMBER) return a;
        return op == '*' && a == XT_NUMBER && is_interval(b) ? b : XT_UNKNOWN;
    }
    if (a == XT_NUMBER && b == XT_NUMBER) return XT_NUMBER;
    if (is_datetime(a) && is_datetime(b) && op == '-')
        return a == XT_DATE && b == XT_DATE ? XT_NUMBER : XT_INTERVAL_DS;
    if (is_datetime(a) && (b == XT_NUMBER || is_interval(b))) return a;
    if (op == '+' && (a == XT_NUMBER || is_interval(a)) && is_datetime(b)) return b;
    if (is_interval(a) && a == b) return a;
    return XT_UNKNOWN;
}

/* ---- comparisons ---- */

const char *compare_function(xtype a, xtype b)
{
    if (is_interval(a) || is_interval(b)) return "ORA_INTERVAL_CMP(";
    if (a == XT_TIMESTAMP_TZ || b == XT_TIMESTAMP_TZ) return "ORA_DATETIME_CMP(";
    if (is_datetime(a) && is_datetime(b) && a != b) return "ORA_DATETIME_CMP(";
    return NULL;
}

const char *between_function(xtype x, xtype low, xtype high)
{
    const char *f = compare_function(x, low);
    if (!f) f = compare_function(x, high);
    if (!f) return NULL;
    return strstr(f, "INTERVAL") ? "ORA_INTERVAL_BETWEEN(" : "ORA_DATETIME_BETWEEN(";
}

int passes_value(const char *fname)
{
    static const char *const names[] = {"NVL", "NVL2", "COALESCE", "NULLIF", "GREATEST", "LEAST",
                                        "MAX", "MIN", "FIRST_VALUE", "LAST_VALUE", "NTH_VALUE",
                                        "LAG", "LEAD", NULL};
    for (int i = 0; names[i]; i++)
        if (!strcmp(fname, names[i])) return 1;
    return 0;
}

const char *order_key_function(xtype t)
{
    if (t == XT_TIMESTAMP_TZ) return "ORA_DATETIME_KEY(";
    return is_interval(t) ? "ORA_INTERVAL_KEY(" : NULL;
}

const char *function_prefix(const char *fname, int nargs, xtype t, int exact, int analytic)
{
    int numeric = t == XT_NUMBER || t == XT_TEXT || t == XT_UNKNOWN; /* text: as a number */
    if (!strcmp(fname, "SUM") || !strcmp(fname, "AVG"))
        return nargs == 1 && numeric ? (exact ? "ORA_X" : "ORA_") : NULL;
    int aggregate = !strcmp(fname, "MAX") || !strcmp(fname, "MIN");
    if (aggregate ? nargs != 1 || analytic : strcmp(fname, "GREATEST") && strcmp(fname, "LEAST"))
        return NULL;
    if (t == XT_TIMESTAMP_TZ) return "ORA_DATETIME_";
    return is_interval(t) ? "ORA_INTERVAL_" : NULL;
}

/* ---- functions ---- */

xtype function_xtype(const char *name, xtype first_arg)
{
    static const struct {
        const char *name;
        xtype type;
    } known[] = {
        {"TO_NUMBER", XT_NUMBER},          {"LENGTH", XT_NUMBER},
        {"INSTR", XT_NUMBER},              {"COUNT", XT_NUMBER},
        {"SUM", XT_NUMBER},                {"AVG", XT_NUMBER},
        {"ABS", XT_NUMBER},                {"MOD", XT_NUMBER},
        {"SIGN", XT_NUMBER},               {"CEIL", XT_NUMBER},
        {"FLOOR", XT_NUMBER},              {"MONTHS_BETWEEN", XT_NUMBER},
        {"TO_CHAR", XT_TEXT},              {"SUBSTR", XT_TEXT},
        {"UPPER", XT_TEXT},                {"LOWER", XT_TEXT},
        {"TO_DATE", XT_DATE},              {"ADD_MONTHS", XT_DATE},
        {"LAST_DAY", XT_DATE},             {"NEXT_DAY", XT_DATE},
        {"TO_TIMESTAMP", XT_TIMESTAMP},    {"TO_TIMESTAMP_TZ", XT_TIMESTAMP_TZ},
        {"FROM_TZ", XT_TIMESTAMP_TZ},      {"SYS_EXTRACT_UTC", XT_TIMESTAMP},
        {"NUMTODSINTERVAL", XT_INTERVAL_DS}, {"TO_DSINTERVAL", XT_INTERVAL_DS},
        {"NUMTOYMINTERVAL", XT_INTERVAL_YM}, {"TO_YMINTERVAL", XT_INTERVAL_YM},
        {"REGEXP_INSTR", XT_NUMBER},       {"REGEXP_COUNT", XT_NUMBER},
        {"BITAND", XT_NUMBER},             {"REGEXP_SUBSTR", XT_TEXT},
        {"REGEXP_REPLACE", XT_TEXT},       {"LPAD", XT_TEXT},
        {"RPAD", XT_TEXT},
    };
    /* the type of their first argument */
    static const char *const same[] = {"NVL", "COALESCE", "GREATEST", "LEAST", "MAX", "MIN",
                                       "TRUNC", "ROUND", NULL};
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (!strcmp(name, known[i].name)) return known[i].type;
    for (int i = 0; same[i]; i++)
        if (!strcmp(name, same[i])) return first_arg;
    return XT_UNKNOWN;
}

/* ---- FROM items in scope ---- */

/* The columns of WITH query NAME into scope item IT (a copy), when they are known. */
static void cte_columns_of(const xlat *x, const char *name, struct scope_item *it)
{
    for (int i = x->ncte_cols - 1; i >= 0; i--) {
        const struct sub_columns *c = &x->cte_cols[i].cols;
        if (strcmp(x->cte_cols[i].name, name)) continue;
        if (c->incomplete || c->ncols == 0) return;
        it->sub.cols = xcalloc((size_t)c->ncols, sizeof *it->sub.cols);
        memcpy(it->sub.cols, c->cols, sizeof *c->cols * (size_t)c->ncols);
        it->sub.ncols = c->ncols;
        it->sub.done = 1;
        return;
    }
}

/* A FROM item at token AT of the block whose items start at BLOCK: ALIAS ("": none) for table
 * QN (NULL: a subquery or a WITH query, whose columns have no declared types). */
static void add_scope_item(xlat *x, const char *alias, const qname *qn, int block, int at)
{
    x->scope = xrealloc(x->scope, sizeof *x->scope * (size_t)(x->nscope + 1));
    struct scope_item *it = &x->scope[x->nscope++];
    snprintf(it->alias, sizeof it->alias, "%s", alias);
    it->table[0] = 0;
    it->block = block;
    it->at = at;
    it->sub = (struct sub_columns){0};
    if (qn && !qn->schema[0] && name_is_cte(x, qn->name)) return cte_columns_of(x, qn->name, it);
    if (!qn) return;
    sql_object_name o = object_name_of(x, qn);
    if (name_is_global(x, qn) || !o.schema[0])
        snprintf(it->table, sizeof it->table, "%s", qn->name);
    else
        snprintf(it->table, sizeof it->table, "%s.%s", o.schema, o.name);
    free(o.schema);
    free(o.name);
}

/* Does the FROM clause end at the cursor (at its own level)? */
static int ends_from(const xlat *x)
{
    return cur(x)->type == TK_EOF || at_op(x, ")") || at_op(x, ";") || at_word(x, "WHERE") ||
           at_word(x, "PIVOT") || at_word(x, "UNPIVOT") || ends_where(x, 0);
}

/* One FROM item at the cursor, of the block whose items start at BLOCK: a table (its alias,
 * else its name) or a subquery (its alias, if it has one: its columns are found unqualified
 * all the same); the cursor left after it. */
static void read_from_item(xlat *x, int block)
{
    char alias[SQL_IDENT_MAX + 1] = "";
    qname qn;
    int table = !at_op(x, "("), at = x->pos;
    if (!table)
        skip_group(x);
    else if (read_qname(x, &qn) < 0)
        return;
    else
        snprintf(alias, sizeof alias, "%s", qn.name);
    if (at_word(x, "AS") && tok_is_name(ahead(x, 1))) advance(x);
    if (at_name(x)) {
        tok_name(x->sql, cur(x), alias, sizeof alias);
        advance(x);
    }
    add_scope_item(x, alias, table ? &qn : NULL, block, at);
    if (!alias[0]) x->block_no_expand = 1; /* its columns cannot be qualified */
}

void scope_open(xlat *x)
{
    int base = x->nscope, saved = x->pos, depth = 0;
    x->block_base = base;
    x->block_no_expand = 0;
    if (!x->ctx || !x->ctx->column_type) return;
    while (cur(x)->type != TK_EOF) {
        if (depth == 0 && (at_word(x, "FROM") || at_op(x, ")") || at_op(x, ";"))) break;
        depth += at_op(x, "(") - at_op(x, ")");
        advance(x);
    }
    if (at_word(x, "FROM")) {
        advance(x);
        while (!ends_from(x)) {
            read_from_item(x, base);
            /* what follows the item up to the next one: a join's condition, a comma */
            while (!ends_from(x) && !at_op(x, ",") && !at_word(x, "JOIN")) {
                if (at_word(x, "USING") || at_word(x, "NATURAL")) x->block_no_expand = 1;
                if (at_op(x, "("))
                    skip_group(x);
                else
                    advance(x);
            }
            if (at_op(x, ",") || at_word(x, "JOIN")) advance(x);
        }
        /* PIVOT / UNPIVOT make other columns of the item (xlat_pivot.c) */
        if (at_word(x, "PIVOT") || at_word(x, "UNPIVOT")) x->block_no_expand = 1;
    }
    x->pos = saved;
}

void scope_add_table(xlat *x, const qname *qn, const char *alias)
{
    add_scope_item(x, alias && alias[0] ? alias : qn->name, qn, x->nscope, -1);
}

void scope_add_subquery(xlat *x, int at)
{
    char alias[SQL_IDENT_MAX + 1] = "";
    int saved = x->pos;
    x->pos = at;
    skip_group(x);
    if (at_name(x)) tok_name(x->sql, cur(x), alias, sizeof alias);
    x->pos = saved;
    add_scope_item(x, alias, NULL, x->block_base, at);
}

void scope_close(xlat *x, int base)
{
    for (int i = base; i < x->nscope; i++)
        free(x->scope[i].sub.cols);
    if (base < x->nscope) x->nscope = base;
}

/* ---- columns of subqueries in FROM ---- */

/* Column NAME of type TYPE (REF: note_sub_column's) into S, when S collects the select list at
 * depth DEPTH. */
static void note_column(struct sub_columns *s, int depth, const char *name, xtype type, int star,
                        int ref, int stored)
{
    if (s->closed || s->depth != depth) return;
    if (star || !name[0]) s->incomplete = 1;
    if (star || !name[0]) return;
    s->cols = xrealloc(s->cols, sizeof *s->cols * (size_t)(s->ncols + 1));
    struct sub_column *c = &s->cols[s->ncols++];
    snprintf(c->name, sizeof c->name, "%s", name);
    c->type = type;
    c->ref = ref;
    c->stored = stored;
}

void note_sub_column(xlat *x, const char *name, xtype type, int star, int ref, int stored)
{
    note_column(&x->sub, x->depth, name, type, star, ref, stored);
    note_column(&x->query_cols, x->depth, name, type, star, ref, stored);
}

/* The names of the bare [qualifier.]column that starts at token REF: 1 when it has a qualifier. */
static int column_ref_names(const xlat *x, int ref, char *qualifier, char *column, size_t size)
{
    int dotted = tok_is_op(x->sql, &x->tok[ref + 1], ".");
    tok_name(x->sql, &x->tok[ref], qualifier, size);
    tok_name(x->sql, &x->tok[dotted ? ref + 2 : ref], column, size);
    return dotted;
}

/* The type of the bare column that starts at token REF, now that its FROM clause is written
 * (a select list is written before its FROM's subqueries, whose columns it may name). */
static xtype column_ref_type(const xlat *x, int ref)
{
    char qualifier[SQL_IDENT_MAX + 1], column[SQL_IDENT_MAX + 1];
    int dotted = column_ref_names(x, ref, qualifier, column, sizeof column);
    return column_xtype(x, dotted ? qualifier : NULL, column);
}

void close_sub_columns(xlat *x)
{
    if (x->sub.depth == x->depth) x->sub.closed = 1;
    if (x->query_cols.depth == x->depth) x->query_cols.closed = 1;
}

xtype order_column(const xlat *x, int position, const char *name, char *name_out, size_t size)
{
    const struct sub_columns *q = &x->query_cols;
    if (q->incomplete || x->query_compound) return XT_UNKNOWN;
    for (int i = 0; i < q->ncols; i++)
        if (name ? !strcmp(q->cols[i].name, name) : i + 1 == position) {
            snprintf(name_out, size, "%s", q->cols[i].name);
            if (q->cols[i].type == XT_UNKNOWN && q->cols[i].ref >= 0)
                return column_ref_type(x, q->cols[i].ref);
            return q->cols[i].type;
        }
    return XT_UNKNOWN;
}

xtype query_column_type_at(const xlat *x, int i)
{
    const struct sub_columns *q = &x->query_cols;
    if (q->incomplete || i >= q->ncols) return XT_UNKNOWN;
    if (q->cols[i].type == XT_UNKNOWN && q->cols[i].ref >= 0)
        return column_ref_type(x, q->cols[i].ref);
    return q->cols[i].type;
}

xtype query_column_type(const xlat *x)
{
    return x->query_cols.ncols == 1 ? query_column_type_at(x, 0) : XT_UNKNOWN;
}

void sub_columns_begin(xlat *x, struct sub_columns *saved)
{
    *saved = x->sub;
    /* the subquery's select list: past parse_paren's and parse_query's nesting */
    x->sub = (struct sub_columns){.depth = x->depth + 2};
}

void sub_columns_end(xlat *x, int at, const struct sub_columns *saved)
{
    struct sub_columns *s = &x->sub;
    for (int i = x->nscope - 1; i >= x->block_base && at >= 0; i--) {
        struct scope_item *it = &x->scope[i];
        if (it->block != x->block_base || it->table[0] || it->at != at) continue;
        free(it->sub.cols);
        it->sub = *s;
        it->sub.done = s->ncols > 0 && !s->incomplete;
        s->cols = NULL;
        break;
    }
    free(s->cols);
    x->sub = *saved;
}

void cte_columns_end(xlat *x, const char *name, char names[][SQL_IDENT_MAX + 1], int nnames,
                     const struct sub_columns *saved)
{
    struct sub_columns *s = &x->sub;
    if (nnames && nnames != s->ncols) s->incomplete = 1;
    for (int i = 0; i < nnames && !s->incomplete; i++)
        snprintf(s->cols[i].name, sizeof s->cols[i].name, "%s", names[i]);
    for (int i = 0; i < s->ncols; i++)
        s->cols[i].ref = -1; /* its tokens name the WITH query's own FROM items */
    x->cte_cols = xrealloc(x->cte_cols, sizeof *x->cte_cols * (size_t)(x->ncte_cols + 1));
    struct cte_columns *c = &x->cte_cols[x->ncte_cols++];
    snprintf(c->name, sizeof c->name, "%s", name);
    c->cols = *s;
    x->sub = *saved;
}

void cte_columns_free(xlat *x)
{
    for (int i = 0; i < x->ncte_cols; i++)
        free(x->cte_cols[i].cols.cols);
    free(x->cte_cols);
    x->cte_cols = NULL, x->ncte_cols = 0;
}

/* The declared type of COLUMN of the scope item IT. */
static xtype item_column(const xlat *x, const struct scope_item *it, const char *column, int *found)
{
    char decl[64];
    *found = 0;
    for (int i = 0; it->sub.done && i < it->sub.ncols; i++)
        if (!strcmp(it->sub.cols[i].name, column)) return *found = 1, it->sub.cols[i].type;
    if (!it->table[0]) return XT_UNKNOWN;
    if (!x->ctx->column_type(it->table, column, decl, sizeof decl, x->ctx->column_type_arg))
        return XT_UNKNOWN;
    *found = 1;
    return decl_xtype(decl);
}

/* The scope item that has COLUMN (of QUALIFIER's FROM item, or NULL: the innermost that has
 * it) and the column's type into *TYPE; NULL when not known. */
static const struct scope_item *column_item(const xlat *x, const char *qualifier,
                                            const char *column, xtype *type)
{
    *type = XT_UNKNOWN;
    if (!x->ctx || !x->ctx->column_type) return NULL;
    int unknown_items = 0; /* the block has a subquery: an unqualified name may be its column */
    for (int i = x->nscope - 1; i >= 0; i--) {
        const struct scope_item *it = &x->scope[i];
        int found;
        if (!qualifier && i + 1 < x->nscope && x->scope[i + 1].block != it->block && unknown_items)
            return NULL; /* not found in the inner block, which may have had it */
        if (qualifier && strcmp(it->alias, qualifier)) continue;
        if (!it->table[0] && !it->sub.done) unknown_items = 1;
        *type = item_column(x, it, column, &found);
        if (found) return it;
        if (qualifier) return NULL;
    }
    return NULL;
}

int block_item_of_column(const xlat *x, const char *column)
{
    if (!x->ctx || !x->ctx->column_type) return -1;
    int at = -1;
    for (int i = x->block_base; i < x->nscope; i++) {
        const struct scope_item *it = &x->scope[i];
        int found;
        if (it->block != x->block_base) continue;
        if (!it->table[0] && !it->sub.done) return -1;
        item_column(x, it, column, &found);
        if (found && at >= 0) return -1;
        if (found) at = i;
    }
    return at;
}

int block_item_of_alias(const xlat *x, const char *alias)
{
    for (int i = x->block_base; i < x->nscope; i++)
        if (x->scope[i].block == x->block_base && !strcmp(x->scope[i].alias, alias)) return i;
    return -1;
}

xtype column_xtype(const xlat *x, const char *qualifier, const char *column)
{
    xtype type;
    column_item(x, qualifier, column, &type);
    return type;
}

int column_decl(const xlat *x, const char *qualifier, const char *column, char *decl,
                size_t size)
{
    xtype type;
    const struct scope_item *it = column_item(x, qualifier, column, &type);
    return it && it->table[0] &&
           x->ctx->column_type(it->table, column, decl, size, x->ctx->column_type_arg);
}

int column_ref_is_json(const xlat *x, int ref)
{
    char qualifier[SQL_IDENT_MAX + 1], column[SQL_IDENT_MAX + 1];
    int dotted = column_ref_names(x, ref, qualifier, column, sizeof column);
    xtype type;
    const struct scope_item *it = column_item(x, dotted ? qualifier : NULL, column, &type);
    return it && it->table[0] && type == XT_TEXT && x->ctx->column_is_json &&
           x->ctx->column_is_json(it->table, column, x->ctx->column_type_arg);
}

/* ---- SELECT * written out ---- */

int set_operator_follows(const xlat *x)
{
    int depth = 0;
    for (int k = x->pos; x->tok[k].type != TK_EOF; k++) {
        const sql_token *t = &x->tok[k];
        depth += tok_is_op(x->sql, t, "(") - tok_is_op(x->sql, t, ")");
        if (depth < 0) return 0;
        if (depth == 0 && tok_is_set_operator(x, t)) return 1;
    }
    return 0;
}

/* ALIAS.C1, ALIAS.C2 ... of scope item IT into B, each noted as a select list column
 * (note_sub_column): 0, or -1 when its columns are not known. */
static int item_columns(xlat *x, const struct scope_item *it, buf *b)
{
    char name[SQL_IDENT_MAX + 1], decl[64];
    if (!it->table[0]) { /* a subquery: its own * was written out already */
        append_ident(b, it->alias);
        buf_puts(b, ".*");
        for (int i = 0; it->sub.done && i < it->sub.ncols; i++)
            note_sub_column(x, it->sub.cols[i].name, it->sub.cols[i].type, 0, -1,
                            it->sub.cols[i].stored);
        if (!it->sub.done) note_sub_column(x, "", XT_UNKNOWN, 1, -1, 0);
        return 0;
    }
    int i = 0;
    for (; x->ctx->column_name(it->table, i, name, sizeof name, x->ctx->column_type_arg); i++) {
        xtype type = XT_UNKNOWN;
        if (x->ctx->column_type(it->table, name, decl, sizeof decl, x->ctx->column_type_arg))
            type = decl_xtype(decl);
        int as_number = x->numbers_as_values && type == XT_NUMBER; /* (number_of_text) */
        if (i) buf_puts(b, ", ");
        if (as_number) buf_puts(b, "ORA_XNUMBER(");
        append_ident(b, it->alias);
        buf_putc(b, '.');
        append_ident(b, name);
        if (as_number) {
            buf_puts(b, ") AS ");
            append_ident(b, name);
        }
        note_sub_column(x, name, type, 0, -1, type == XT_NUMBER);
    }
    return i > 0 ? 0 : -1;
}

/* (its columns are noted as select list columns: note_sub_column) */
int expand_star(xlat *x, const char *qualifier, int off, int space)
{
    if (!x->ctx || !x->ctx->column_name || x->block_no_expand || x->block_base >= x->nscope) {
        note_sub_column(x, "", XT_UNKNOWN, 1, -1, 0); /* left as a * */
        return 0;
    }
    buf b;
    buf_init(&b);
    int n = 0, rc = 0;
    for (int i = x->block_base; i < x->nscope && rc == 0; i++) {
        const struct scope_item *it = &x->scope[i];
        if (it->block != x->block_base || (qualifier && strcmp(it->alias, qualifier))) continue;
        if (n++) buf_puts(&b, ", ");
        rc = item_columns(x, it, &b);
    }
    if (rc == 0 && n > 0) out_text(x, buf_cstr(&b), off, space);
    buf_free(&b);
    if (rc < 0 || n == 0) note_sub_column(x, "", XT_UNKNOWN, 1, -1, 0); /* left as a * */
    return rc == 0 && n > 0;
}
