/*
 * xlat_expr.c - Oracle expressions and conditions, rewritten for SQLite.
 *
 * Where Oracle and SQLite disagree on an operator, the operator becomes a
 * call of a function registered by src/engine/ora_functions.c:
 *   a + b   -> ORA_ADD(a, b)   (date + days as well as numbers)
 *   a - b   -> ORA_SUB(a, b)   (date - days, date - date)
 *   a * b   -> ORA_MUL(a, b)   (exact integers, decimal-looking results)
 *   a / b   -> ORA_DIV(a, b)   (no integer division; ORA-01476 for / 0)
 *   a || b  -> CONCAT(a, b)    (NULL counts as '')
 * Operands stay in their Oracle order, so the function name is inserted at
 * the start of the operand run when the operator is met (left-associative
 * nesting: a - b + c -> ORA_ADD(ORA_SUB(a, b), c)).
 * In the top query's select list the arithmetic is exact where SQLite
 * neither sorts nor compares the item (ORA_XADD ..., xlat_exact.c decides).
 * A comparison or BETWEEN whose operands' types (xlat_types.c) do not order
 * by their texts becomes a call: ORA_INTERVAL_CMP(a, b) op 0,
 * ORA_DATETIME_CMP, ORA_..._BETWEEN, and ORDER BY a value with a time zone
 * ORA_DATETIME_KEY(x).
 *
 * Other rewrites: SYSDATE, SYSTIMESTAMP, USER, CURRENT_DATE, SESSIONTIMEZONE ...
 * (pseudo_function) without parentheses become
 * calls; schema.table.column loses its schema; '' is NULL; DATE '...' and
 * TIMESTAMP '...' literals become TO_DATE/TO_TIMESTAMP, INTERVAL '...' DAY TO
 * SECOND ones ORA_INTERVAL('...', 'DAY TO SECOND'); CAST, EXTRACT and
 * TRIM become ORA_CAST, ORA_EXTRACT and ORA_TRIM; SQL/JSON conditions and
 * functions calls of their own (xlat_json.c); = ANY and != ALL become
 * IN and NOT IN; ROWNUM in a select list becomes ROW_NUMBER() OVER ().
 */
#include "xlat.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum op_class {
    OP_NONE,    /* not an operator: the expression ends here */
    OP_LOGICAL, /* AND OR */
    OP_COMPARE, /* comparisons, [NOT] LIKE/BETWEEN/IN, ESCAPE */
    OP_IS,      /* IS [NOT] NULL */
    OP_ADD,     /* + - || */
    OP_MUL,     /* * / */
} op_class;

/*
 * A value that CASE, DECODE, NVL, MAX, a scalar subquery ... hand on as it is, written from
 * output position AT (Oracle offset OFF), of type TYPE: of a NUMBER column, that is its decimal
 * text (docs/design.md "Exact NUMBER"), without the column's affinity and collation, which SQLite
 * would compare with a number as text.  Unless it goes to the client as it is (EXACT: an exact
 * select list item), it gets them back - CAST(v AS TEXT) COLLATE ORA_NUMBER compares with
 * anything as a number, exactly - or, AS_NUMBER (a JSON value, a compound query's column), it is
 * made the number it spells (ORA_XNUMBER: an integer or a double where that is exact, else the
 * exact text).
 */
void number_of_text(xlat *x, int at, int off, xtype type, int exact, int as_number)
{
    if (type != XT_NUMBER || exact) return;
    x->wrapped_at = at;
    out_insert(x, at, as_number ? "ORA_XNUMBER(" : "CAST(", off);
    out_text(x, as_number ? ")" : " AS TEXT) COLLATE ORA_NUMBER", cur(x)->off, 0);
}

/* Where the operand runs of the current expression started, for inserting calls. */
typedef struct run {
    int add_start, add_off, add_open; /* additive run: output position, Oracle offset, call open */
    int mul_start, mul_off, mul_open; /* multiplicative term */
    int ncalls;
    /* types (xlat_types.c): the additive run's so far and its pending operator, the term's */
    xtype add_type, mul_type;
    char add_op, mul_op;
    char compare[4]; /* a comparison written as compare_function(a, b: its operator */
    /* a comparison whose left side alone did not decide that: that side's type, where it and
     * the operator were written, for when the right side's type is known (close_run) */
    int right_check, left_start, left_off, op_at, op_len, right_off;
    xtype left_type;
    /* x [NOT] BETWEEN low AND high: 1 in low, 2 in high; x's type and where it starts, low's type,
     * and where NOT, BETWEEN and AND were written (close_run decides, as for comparisons) */
    int between, between_start, between_off, not_at, between_at, and_at;
    xtype between_x, between_low;
    int logic;       /* a condition: NOT, a comparison, AND / OR, IS (no type of a value) */
} run;

static const char *const compare_ops[] = {"=", "!=", "<>", "^=", "~=", "<", ">", "<=", ">=", NULL};
static const char *const compare_words[] = {"LIKE",    "LIKEC", "LIKE2",  "LIKE4",
                                            "BETWEEN", "IN",    "ESCAPE", NULL};

static int in_list(const xlat *x, const sql_token *t, const char *const *list, int words)
{
    for (int i = 0; list[i]; i++)
        if (words ? tok_is_word(x->sql, t, list[i]) : tok_is_op(x->sql, t, list[i])) return 1;
    return 0;
}

static op_class classify(const xlat *x)
{
    const sql_token *t = cur(x);
    if (t->type == TK_OP) {
        if (in_list(x, t, compare_ops, 0)) return OP_COMPARE;
        if (at_op(x, "+") || at_op(x, "-") || at_op(x, "||")) return OP_ADD;
        if (at_op(x, "*") || at_op(x, "/")) return OP_MUL;
        return OP_NONE;
    }
    if (at_word(x, "AND") || at_word(x, "OR")) return OP_LOGICAL;
    if (at_word(x, "IS")) return OP_IS;
    if (in_list(x, t, compare_words, 1)) return OP_COMPARE;
    if (at_word(x, "NOT") && in_list(x, ahead(x, 1), compare_words, 1)) return OP_COMPARE;
    return OP_NONE;
}

/* ---- operator runs ---- */

static void run_reset(xlat *x, run *r)
{
    r->add_start = r->mul_start = (int)x->out.len;
    r->add_off = r->mul_off = cur(x)->off;
    r->add_open = r->mul_open = 0;
    r->add_type = r->mul_type = XT_UNKNOWN;
    r->add_op = r->mul_op = 0;
}

/* ---- types of the run ---- */

static void type_operand(run *r, xtype t)
{
    r->mul_type = r->mul_op ? arith_xtype(r->mul_type, t, r->mul_op) : t;
    r->mul_op = 0;
}

static void type_additive(run *r, char op)
{
    r->add_type = r->add_op ? arith_xtype(r->add_type, r->mul_type, r->add_op) : r->mul_type;
    r->add_op = op;
}

static xtype run_type(const run *r)
{
    return r->add_op ? arith_xtype(r->add_type, r->mul_type, r->add_op) : r->mul_type;
}

static void close_mul(xlat *x, run *r)
{
    if (r->mul_open) out_text(x, ")", cur(x)->off, 0);
    r->mul_open = 0;
}

static void typed_compare_after(xlat *x, run *r);
static void typed_between_after(xlat *x, run *r);

static void close_run(xlat *x, run *r)
{
    close_mul(x, r);
    if (r->add_open) out_text(x, ")", cur(x)->off, 0);
    r->add_open = 0;
    if (r->right_check) typed_compare_after(x, r);
    if (r->between == 2) typed_between_after(x, r);
    if (r->compare[0]) {
        char end[16];
        snprintf(end, sizeof end, ") %s 0", r->compare);
        out_text(x, end, cur(x)->off, 0);
        r->compare[0] = 0;
    }
}

static int count_call(xlat *x, run *r)
{
    if (++r->ncalls > XLAT_MAX_RUN) return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
    return 0;
}

/* + - || : wrap everything since the run's start into the operator's function. */
static int additive_op(xlat *x, run *r)
{
    const char *fn = at_op(x, "+")   ? (x->exact ? "ORA_XADD(" : "ORA_ADD(")
                     : at_op(x, "-") ? (x->exact ? "ORA_XSUB(" : "ORA_SUB(")
                                     : "CONCAT(";
    if (count_call(x, r) < 0) return -1;
    type_additive(r, at_op(x, "+") ? '+' : at_op(x, "-") ? '-' : '|');
    close_mul(x, r);
    if (r->add_open) out_text(x, ")", cur(x)->off, 0);
    out_insert(x, r->add_start, fn, r->add_off);
    replace_tok(x, ",");
    r->add_open = 1;
    r->mul_start = (int)x->out.len;
    r->mul_off = cur(x)->off;
    return 0;
}

/* * / : wrap the multiplicative term so far into ORA_MUL / ORA_DIV. */
static int multiplicative_op(xlat *x, run *r)
{
    const char *fn = at_op(x, "*") ? (x->exact ? "ORA_XMUL(" : "ORA_MUL(")
                                   : (x->exact ? "ORA_XDIV(" : "ORA_DIV(");
    if (count_call(x, r) < 0) return -1;
    r->mul_op = at_op(x, "*") ? '*' : '/';
    close_mul(x, r);
    out_insert(x, r->mul_start, fn, r->mul_off);
    replace_tok(x, ",");
    r->mul_open = 1;
    return 0;
}

/* = ANY (..) -> IN (..), != ALL (..) -> NOT IN (..); other quantified comparisons are not
 * supported. */
static int quantified_compare(xlat *x)
{
    const sql_token *q = ahead(x, 1);
    int any = tok_is_word(x->sql, q, "ANY") || tok_is_word(x->sql, q, "SOME");
    if (!any && !tok_is_word(x->sql, q, "ALL")) return 0;
    if (any && at_op(x, "="))
        emit_word(x, "IN");
    else if (!any && (at_op(x, "!=") || at_op(x, "<>") || at_op(x, "^=") || at_op(x, "~=")))
        emit_word(x, "NOT IN");
    else
        return xlat_fail(x, ORA_UNIMPLEMENTED, q);
    advance(x); /* the ANY/SOME/ALL word */
    if (!at_op(x, "(")) return xlat_fail(x, ORA_MISSING_LEFT_PAREN, cur(x));
    return 1;
}

/* The left operand (from output position START, Oracle offset OFF) of the comparison at the
 * cursor decides that it is written with function FN: FN(left, right) op 0, closed by
 * close_run. */
static void typed_compare(xlat *x, run *r, const char *fn, int start, int off)
{
    char op[4];
    snprintf(op, sizeof op, "%.*s", cur(x)->len, x->sql + cur(x)->off);
    if (!strcmp(op, "^=") || !strcmp(op, "~=")) strcpy(op, "!=");
    out_insert(x, start, fn, off);
    replace_tok(x, ",");
    snprintf(r->compare, sizeof r->compare, "%s", op);
}

/* The output from *FROM to *TO without the blanks around it. */
static void trimmed(const xlat *x, int from, int to, const char **p, const char **e)
{
    *p = (const char *)x->out.data + from, *e = (const char *)x->out.data + to;
    while (*p < *e && **p == ' ') (*p)++;
    while (*e > *p && (*e)[-1] == ' ') (*e)--;
}

/* Is the output from FROM to TO a lone bind ("?3") or a long literal (ORA_XNUMBER('...')): a
 * number that may come as its decimal text (a bind beyond 15 digits binds so)? */
static int text_number_at(const xlat *x, int from, int to)
{
    const char *p, *e, *q;
    trimmed(x, from, to, &p, &e);
    if (e - p > 1 && *p == '?') {
        for (q = p + 1; q < e && isdigit((unsigned char)*q); q++) continue;
        return q == e;
    }
    size_t n = strlen("ORA_XNUMBER('");
    return (size_t)(e - p) > n + 2 && !strncmp(p, "ORA_XNUMBER('", n) && e[-1] == ')' &&
           e[-2] == '\'' && memchr(p + n, '\'', (size_t)(e - 2 - p - n)) == NULL;
}

/* Is the output from FROM to TO a bare column ([qualifier.]name, perhaps quoted)? */
static int bare_column_at(const xlat *x, int from, int to)
{
    const char *p, *e;
    trimmed(x, from, to, &p, &e);
    if (p == e || isdigit((unsigned char)*p) || *p == '.') return 0;
    for (; p < e; p++)
        if (!isalnum((unsigned char)*p) && !strchr("_$#\".", *p)) return 0;
    return 1;
}

/* Wrap the output from FROM to TO as CAST(... AS REAL) (OFF: the Oracle offset to map to). */
static void cast_to_real(xlat *x, int from, int to, int off)
{
    if (to == (int)x->out.len)
        out_text(x, " AS REAL)", off, 0);
    else
        out_insert(x, to, " AS REAL) ", off);
    out_insert(x, from, "CAST(", off);
}

/* A number compared with a bind or long literal, neither side a column: the bind may be decimal
 * text, which SQLite would order after every number.  It is compared as the double it is
 * (CAST ... AS REAL), as the computed side is one.  (A column gives the bind its affinity.) */
static void compare_number_text(xlat *x, run *r)
{
    int right_at = r->op_at + r->op_len, end = (int)x->out.len;
    if (r->left_type == XT_NUMBER && !bare_column_at(x, r->left_start, r->op_at) &&
        text_number_at(x, right_at, end))
        cast_to_real(x, right_at, end, r->right_off);
    else if (run_type(r) == XT_NUMBER && !bare_column_at(x, right_at, end) &&
             text_number_at(x, r->left_start, r->op_at))
        cast_to_real(x, r->left_start, r->op_at, r->left_off);
}

/* The right side of the comparison just closed decides it needs compare_function: it is
 * rewritten as typed_compare writes it (the operator's text overwritten by "," in its width). */
static void typed_compare_after(xlat *x, run *r)
{
    const char *fn = compare_function(r->left_type, run_type(r));
    r->right_check = 0;
    if (!fn) return compare_number_text(x, r);
    char *op = (char *)x->out.data + r->op_at; /* as emit_tok wrote it (^= as !=) */
    snprintf(r->compare, sizeof r->compare, "%.*s", r->op_len, op);
    memset(op, ' ', (size_t)r->op_len);
    op[0] = ',';
    out_insert(x, r->left_start, fn, r->left_off);
}

/* compare_number_text for X [NOT] BETWEEN LOW AND HIGH, X no column: each of the three that may
 * be decimal text (a bind, a long literal) is compared as the double it is, when another is a
 * number.  Written from the right, so that the earlier positions stay. */
static void between_number_text(xlat *x, run *r)
{
    int x_to = r->not_at >= 0 ? r->not_at : r->between_at, end = (int)x->out.len;
    int bounds[3][2] = {{r->between_start, x_to}, {r->between_at + 7, r->and_at},
                        {r->and_at + 3, end}};
    xtype types[3] = {r->between_x, r->between_low, run_type(r)};
    if (bare_column_at(x, bounds[0][0], bounds[0][1])) return; /* its affinity applies */
    for (int i = 2; i >= 0; i--) {
        int number = 0;
        for (int k = 0; k < 3; k++) number |= k != i && types[k] == XT_NUMBER;
        if (number && text_number_at(x, bounds[i][0], bounds[i][1]))
            cast_to_real(x, bounds[i][0], bounds[i][1], r->between_off);
    }
}

/* The BETWEEN just closed needs between_function: FN(x, low, high), NOT, BETWEEN and AND
 * overwritten in their widths (else between_number_text). */
static void typed_between_after(xlat *x, run *r)
{
    const char *fn = between_function(r->between_x, r->between_low, run_type(r));
    r->between = 0;
    if (!fn) return between_number_text(x, r);
    char *out = (char *)x->out.data, call[40];
    memcpy(out + r->between_at, ",      ", 7);
    memcpy(out + r->and_at, ",  ", 3);
    if (r->not_at >= 0) memcpy(out + r->not_at, "   ", 3);
    out_text(x, ")", cur(x)->off, 0);
    snprintf(call, sizeof call, "%s%s", r->not_at >= 0 ? "NOT " : "", fn);
    out_insert(x, r->between_start, call, r->between_off);
}

/* x [NOT] BETWEEN at the cursor (the left side X of type LEFT written from START, Oracle offset
 * OFF): written, and noted for typed_between_after. */
static void between_op(xlat *x, run *r, xtype left, int start, int off)
{
    r->not_at = -1;
    if (at_word(x, "NOT")) {
        emit_tok(x);
        r->not_at = (int)x->out.len - 3;
    }
    emit_tok(x);
    r->between = 1;
    r->between_x = left;
    r->between_start = start, r->between_off = off;
    r->between_at = (int)x->out.len - 7;
}

static int compare_op(xlat *x, run *r, int *between)
{
    xtype left = run_type(r);
    int start = r->add_start, off = r->add_off;
    close_run(x, r);
    const char *fn = compare_function(left, XT_UNKNOWN);
    int plain = cur(x)->type == TK_OP && in_list(x, cur(x), compare_ops, 0) &&
                !tok_is_word(x->sql, ahead(x, 1), "ANY") &&
                !tok_is_word(x->sql, ahead(x, 1), "SOME") && !tok_is_word(x->sql, ahead(x, 1), "ALL");
    if (fn && plain) {
        typed_compare(x, r, fn, start, off);
        run_reset(x, r);
        return 0;
    }
    int q = quantified_compare(x);
    if (q < 0) return -1;
    if (!q && (at_word(x, "BETWEEN") || (at_word(x, "NOT") && ahead_word(x, 1, "BETWEEN")))) {
        *between = 1;
        between_op(x, r, left, start, off);
    } else if (!q) {
        if (at_word(x, "NOT")) emit_tok(x);
        int len = cur(x)->len;
        emit_tok(x);
        if (plain) { /* does the right side decide it? */
            r->right_check = 1;
            r->left_type = left;
            r->left_start = start, r->left_off = off;
            r->op_at = (int)x->out.len - len, r->op_len = len;
            r->right_off = cur(x)->off;
        }
    }
    run_reset(x, r);
    return 0;
}

/* IS [NOT] NULL, IS [NOT] JSON */
static int is_null_op(xlat *x, run *r)
{
    close_run(x, r);
    if (ahead_word(x, 1, "JSON") || (ahead_word(x, 1, "NOT") && ahead_word(x, 2, "JSON")))
        return parse_is_json(x, r->add_start, r->add_off);
    emit_tok(x);
    if (at_word(x, "NOT")) emit_tok(x);
    if (!at_word(x, "NULL")) return xlat_fail(x, 908, cur(x));
    emit_tok(x);
    return 0;
}

/* ---- operands ---- */


static int parse_case(xlat *x)
{
    expr_info ei;
    xtype type = XT_UNKNOWN; /* Oracle's: its first result's that is not NULL */
    int at = (int)x->out.len, off = cur(x)->off, exact = x->exact, column = 0;
    emit_tok(x);
    if (!at_word(x, "WHEN") && parse_expr(x, 0, &ei) < 0) return -1;
    if (!at_word(x, "WHEN")) return xlat_fail(x, 905, cur(x));
    while (at_word(x, "WHEN")) {
        emit_tok(x);
        if (parse_expr(x, 0, &ei) < 0 || expect_word(x, "THEN", 905) < 0) return -1;
        if (parse_expr(x, 0, &ei) < 0) return -1;
        if (type == XT_UNKNOWN) type = ei.type;
        column |= ei.is_column;
    }
    if (at_word(x, "ELSE")) {
        emit_tok(x);
        if (parse_expr(x, 0, &ei) < 0) return -1;
        if (type == XT_UNKNOWN) type = ei.type;
        column |= ei.is_column;
    }
    if (expect_word(x, "END", 905) < 0) return -1;
    if (column) number_of_text(x, at, off, type, exact, x->numbers_as_values);
    set_operand_type(x, type);
    return 0;
}

/* DATE 'YYYY-MM-DD' and TIMESTAMP 'YYYY-MM-DD HH24:MI:SS[.FF]' */
/* Does the TIMESTAMP literal's text (at T) name a time zone after its time ("... -08:00",
 * "... Europe/Paris")? */
static int literal_has_zone(const xlat *x, const sql_token *t)
{
    const char *s = x->sql + t->off, *end = s + t->len;
    const char *time = memchr(s, ':', (size_t)(end - s));
    if (!time) return 0;
    for (const char *p = time; p < end; p++)
        if (*p == ' ' && p + 1 < end && p[1] != ' ' && p[1] != '\'') return 1;
    return 0;
}

/* DATE '...' -> TO_DATE; TIMESTAMP '...' -> TO_TIMESTAMP, or TO_TIMESTAMP_TZ with a zone.
 * Returns its type. */
static xtype datetime_literal(xlat *x)
{
    int is_date = at_word(x, "DATE");
    const sql_token *text = ahead(x, 1);
    int zoned = !is_date && literal_has_zone(x, text);
    int frac = memchr(x->sql + text->off, '.', (size_t)text->len) != NULL;
    out_text(x, is_date ? "TO_DATE(" : zoned ? "TO_TIMESTAMP_TZ(" : "TO_TIMESTAMP(", cur(x)->off,
             cur(x)->space_before);
    advance(x);
    emit_tok(x);
    const char *fmt = is_date ? ", 'YYYY-MM-DD')"
                      : !zoned ? ", 'YYYY-MM-DD HH24:MI:SS.FF')"
                      : frac   ? ", 'YYYY-MM-DD HH24:MI:SS.FF TZR')"
                               : ", 'YYYY-MM-DD HH24:MI:SS TZR')";
    out_text(x, fmt, cur(x)->off, 0);
    return is_date ? XT_DATE : zoned ? XT_TIMESTAMP_TZ : XT_TIMESTAMP;
}

static int is_interval_field(const xlat *x)
{
    static const char *const fields[] = {"YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND", NULL};
    return in_list(x, cur(x), fields, 1);
}

/* "(n[,m])" after an interval field, copied into SPEC. */
static int interval_precision(xlat *x, buf *spec)
{
    buf_putc(spec, '(');
    advance(x);
    for (int i = 0; i < 2; i++) {
        if (cur(x)->type != TK_NUMBER) return xlat_fail(x, 30088, cur(x));
        buf_put(spec, x->sql + cur(x)->off, (size_t)cur(x)->len);
        advance(x);
        if (i == 1 || !at_op(x, ",")) break;
        buf_putc(spec, ',');
        advance(x);
    }
    if (!at_op(x, ")")) return xlat_fail(x, ORA_MISSING_RIGHT_PAREN, cur(x));
    buf_putc(spec, ')');
    advance(x);
    return 0;
}

/* INTERVAL 'text' field[(p[,f])] [TO field[(f)]] -> ORA_INTERVAL('text', 'FIELD(p) TO FIELD(f)') */
static int interval_literal(xlat *x)
{
    out_text(x, "ORA_INTERVAL(", cur(x)->off, cur(x)->space_before);
    advance(x);
    emit_tok(x);
    int off = cur(x)->off, rc = 0, year_to_month = 0;
    buf spec;
    buf_init(&spec);
    buf_puts(&spec, ", '");
    for (int part = 0; rc == 0; part++) {
        char word[SQL_IDENT_MAX + 1];
        if (cur(x)->type != TK_WORD || !is_interval_field(x)) {
            rc = xlat_fail(x, 905, cur(x));
            break;
        }
        tok_name(x->sql, cur(x), word, sizeof word);
        if (part == 0) year_to_month = !strcmp(word, "YEAR") || !strcmp(word, "MONTH");
        buf_puts(&spec, word);
        advance(x);
        if (at_op(x, "(")) rc = interval_precision(x, &spec);
        if (rc || part > 0 || !at_word(x, "TO")) break;
        buf_puts(&spec, " TO ");
        advance(x);
    }
    buf_puts(&spec, "')");
    if (rc == 0) out_text(x, buf_cstr(&spec), off, 0);
    if (rc == 0) set_operand_type(x, year_to_month ? XT_INTERVAL_YM : XT_INTERVAL_DS);
    buf_free(&spec);
    return rc;
}

static int parse_order_items(xlat *x);

/* OVER ( [PARTITION BY exprs] [ORDER BY items] [frame] ) */
static int parse_over(xlat *x)
{
    emit_tok(x);
    if (!at_op(x, "(")) {
        emit_tok(x); /* a named window */
        return 0;
    }
    emit_tok(x);
    if (at_word(x, "PARTITION")) {
        emit_tok(x);
        if (expect_word(x, "BY", 905) < 0 || parse_expr_list(x) < 0) return -1;
    }
    if (at_word(x, "ORDER")) {
        emit_tok(x);
        if (expect_word(x, "BY", 905) < 0 || parse_order_items(x) < 0) return -1;
    }
    while (!at_op(x, ")")) { /* ROWS/RANGE frame: same words in SQLite */
        if (cur(x)->type == TK_EOF || at_op(x, "("))
            return xlat_fail(x, ORA_MISSING_RIGHT_PAREN, cur(x));
        emit_tok(x);
    }
    emit_tok(x);
    return 0;
}

/* What follows a call's closing parenthesis: OVER, WITHIN GROUP, KEEP. */
static int parse_call_suffix(xlat *x, int listagg)
{
    if (at_word(x, "OVER")) return parse_over(x);
    if (at_word(x, "WITHIN") && ahead_word(x, 1, "GROUP") && listagg) {
        advance(x), advance(x);
        return skip_parens(x);
    }
    if (at_word(x, "KEEP") || at_word(x, "WITHIN") || at_word(x, "IGNORE") || at_word(x, "RESPECT"))
        return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
    return 0;
}

/* The type of a CAST as one canonical text: "NUMBER(10,2)", "VARCHAR2(20)", "DOUBLE PRECISION". */
static int cast_type_text(xlat *x, buf *type)
{
    int depth = 0, first = 1;
    while (depth > 0 || !at_op(x, ")")) {
        const sql_token *t = cur(x);
        if (t->type == TK_EOF || t->type == TK_STRING || t->type == TK_BIND)
            return xlat_fail(x, ORA_MISSING_RIGHT_PAREN, t);
        char word[SQL_IDENT_MAX + 1];
        tok_name(x->sql, t, word, sizeof word);
        if (t->type == TK_OP) snprintf(word, sizeof word, "%.*s", t->len, x->sql + t->off);
        if (!first && t->type == TK_WORD && ahead(x, -1)->type == TK_WORD) buf_putc(type, ' ');
        buf_puts(type, word);
        first = 0;
        depth += at_op(x, "(") - at_op(x, ")");
        advance(x);
    }
    return 0;
}

/* CAST(expr AS type) -> ORA_CAST(expr, 'TYPE') */
static int parse_cast(xlat *x)
{
    expr_info ei;
    out_text(x, "ORA_CAST(", cur(x)->off, cur(x)->space_before);
    advance(x), advance(x);
    if (parse_expr(x, 0, &ei) < 0) return -1;
    if (!at_word(x, "AS")) return xlat_fail(x, 905, cur(x));
    int off = cur(x)->off;
    advance(x);
    buf type;
    buf_init(&type);
    buf_puts(&type, ", '");
    int rc = cast_type_text(x, &type);
    buf_puts(&type, "'");
    if (rc == 0) out_text(x, buf_cstr(&type), off, 0);
    xtype t = decl_xtype(buf_cstr(&type) + 3);
    buf_free(&type);
    if (rc < 0 || expect_op(x, ")", ORA_MISSING_RIGHT_PAREN) < 0) return -1;
    set_operand_type(x, t);
    return 0;
}

/* EXTRACT(field FROM expr) -> ORA_EXTRACT('FIELD', expr) */
static int parse_extract(xlat *x)
{
    expr_info ei;
    char field[SQL_IDENT_MAX + 1];
    out_text(x, "ORA_EXTRACT(", cur(x)->off, cur(x)->space_before);
    advance(x), advance(x);
    if (cur(x)->type != TK_WORD || !ahead_word(x, 1, "FROM")) return xlat_fail(x, 905, cur(x));
    tok_name(x->sql, cur(x), field, sizeof field);
    buf b;
    buf_init(&b);
    buf_printf(&b, "'%s',", field);
    out_text(x, buf_cstr(&b), cur(x)->off, 0);
    buf_free(&b);
    advance(x), advance(x);
    if (parse_expr(x, 0, &ei) < 0) return -1;
    return expect_op(x, ")", ORA_MISSING_RIGHT_PAREN);
}

/* TRIM([LEADING|TRAILING|BOTH] [set] [FROM] s) -> ORA_TRIM('L|T|B', [set,] s) */
static int parse_trim(xlat *x)
{
    expr_info ei;
    const char *mode = "'B'";
    out_text(x, "ORA_TRIM(", cur(x)->off, cur(x)->space_before);
    advance(x), advance(x);
    if (at_word(x, "LEADING")) mode = "'L'";
    if (at_word(x, "TRAILING")) mode = "'T'";
    int has_mode = at_word(x, "LEADING") || at_word(x, "TRAILING") || at_word(x, "BOTH");
    out_text(x, mode, cur(x)->off, 0);
    out_text(x, ",", cur(x)->off, 0);
    if (has_mode) advance(x);
    if (has_mode && at_word(x, "FROM")) advance(x);
    if (parse_expr(x, 0, &ei) < 0) return -1;
    if (at_word(x, "FROM")) {
        replace_tok(x, ",");
        if (parse_expr(x, 0, &ei) < 0) return -1;
    }
    return expect_op(x, ")", ORA_MISSING_RIGHT_PAREN);
}

/* One argument of a call, translated, into PIECE instead of the output (its binds keep their
 * numbers; its offsets map to the call's), what is known of it into *INFO. */
static int argument_text(xlat *x, buf *piece, expr_info *info)
{
    int start = (int)x->out.len, nmap = x->text.nmap;
    expr_info ei;
    if (parse_expr(x, 0, &ei) < 0) return -1;
    *info = ei;
    size_t from = (size_t)start;
    while (from < x->out.len && x->out.data[from] == ' ') from++;
    buf_put(piece, x->out.data + from, x->out.len - from);
    x->out.len = (size_t)start;
    x->text.nmap = nmap;
    return 0;
}

/*
 * DECODE(e, s1, r1, s2, r2 ..., [default]) -> (CASE ORA_DECODE_KEY(e, s1, s2 ...) WHEN 1 THEN
 * r1 WHEN 2 THEN r2 ... ELSE default END): Oracle evaluates only the result it returns, so
 * DECODE(x, 0, NULL, 1 / x) never divides by zero; ORA_DECODE_KEY matches as DECODE does
 * (NULL matches NULL, numbers and text compared as Oracle converts them).
 */
static int parse_decode(xlat *x)
{
    const sql_token *name = cur(x);
    int exact = x->exact, column = 0;
    advance(x), advance(x); /* DECODE ( */
    buf key, results;
    buf_init(&key);
    buf_init(&results);
    buf_puts(&key, "(CASE ORA_DECODE_KEY(");
    int n = 0, rc = 0;
    xtype type = XT_UNKNOWN; /* Oracle's: its first result's that is not NULL */
    for (;; n++) {
        buf piece;
        buf_init(&piece);
        expr_info arg = {.type = XT_UNKNOWN};
        rc = argument_text(x, &piece, &arg);
        int last = rc < 0 || !at_op(x, ",");
        if (n > 0 && (n % 2 == 0 || last)) { /* a result */
            if (type == XT_UNKNOWN) type = arg.type;
            column |= arg.is_column;
        }
        if (rc == 0 && (n == 0 || (n % 2 == 1 && !last))) /* e, or a search */
            buf_printf(&key, "%s%s", n ? ", " : "", buf_cstr(&piece));
        else if (rc == 0 && n % 2 == 0) /* a result */
            buf_printf(&results, " WHEN %d THEN %s", n / 2, buf_cstr(&piece));
        else if (rc == 0) /* the default */
            buf_printf(&results, " ELSE %s", buf_cstr(&piece));
        buf_free(&piece);
        if (last) break;
        advance(x); /* , */
    }
    if (rc == 0 && n < 2) rc = xlat_fail(x, 938, cur(x)); /* not enough arguments */
    if (rc == 0 && !at_op(x, ")")) rc = xlat_fail(x, ORA_MISSING_RIGHT_PAREN, cur(x));
    if (rc == 0) {
        advance(x);
        buf_printf(&key, ")%s END)", buf_cstr(&results));
        int at = (int)x->out.len;
        out_text(x, buf_cstr(&key), name->off, name->space_before);
        if (column) number_of_text(x, at, name->off, type, exact, x->numbers_as_values);
        set_operand_type(x, type);
    }
    buf_free(&key);
    buf_free(&results);
    return rc;
}

/* name ( [DISTINCT|ALL] args | * ) [OVER ...] */
/* "(" and a call's arguments, up to its ")": *NARGS of them. */
static int parse_call_args(xlat *x, int *nargs, expr_info *first)
{
    emit_tok(x); /* ( */
    if (at_op(x, "*") && ahead_op(x, 1, ")")) {
        emit_tok(x);
        return 0;
    }
    if (at_op(x, ")")) return 0;
    if (at_word(x, "DISTINCT") || at_word(x, "ALL"))
        emit_tok(x);
    else if (at_word(x, "UNIQUE"))
        emit_word(x, "DISTINCT");
    for (;;) {
        expr_info ei;
        if (parse_expr(x, 0, &ei) < 0) return -1;
        if (*nargs == 0 && first) *first = ei;
        (*nargs)++;
        if (!at_op(x, ",")) return 0;
        emit_tok(x);
    }
}

static int parse_call(xlat *x)
{
    char fname[SQL_IDENT_MAX + 1];
    tok_name(x->sql, cur(x), fname, sizeof fname);
    if (strcmp(fname, "CAST") == 0) return parse_cast(x);
    if (strcmp(fname, "EXTRACT") == 0) return parse_extract(x);
    if (strcmp(fname, "TRIM") == 0) return parse_trim(x);
    if (strcmp(fname, "DECODE") == 0 && ahead_op(x, 1, "(")) return parse_decode(x);
    int json = parse_json_call(x, fname);
    if (json <= 0) return json;
    int listagg = strcmp(fname, "LISTAGG") == 0, nargs = 0;
    /* TO_NUMBER of an exact expression is exact; TO_CHAR's number is always (its text is
     * what it is compared by) */
    int exact_call = x->exact, to_number = x->exact && strcmp(fname, "TO_NUMBER") == 0;
    int exact = to_number || strcmp(fname, "TO_CHAR") == 0;
    int name_at = (int)x->out.len, name_off = cur(x)->off, word = cur(x)->type == TK_WORD;
    if (listagg)
        emit_word(x, "GROUP_CONCAT");
    else if (to_number)
        emit_word(x, "ORA_XNUMBER");
    else
        emit_tok(x);
    x->exact_next = exact;
    expr_info first = {.type = XT_UNKNOWN};
    int rc = parse_call_args(x, &nargs, &first);
    x->exact_next = 0;
    if (rc < 0) return -1;
    if (listagg && nargs == 1) out_text(x, ", ''", cur(x)->off, 0);
    if (expect_op(x, ")", ORA_MISSING_RIGHT_PAREN) < 0) return -1;
    /* Warden's own MAX/MIN/GREATEST/LEAST of values whose texts do not sort as they compare,
     * exact SUM/AVG */
    const char *prefix =
        word ? function_prefix(fname, nargs, first.type, exact_call, at_word(x, "OVER")) : NULL;
    if (prefix) out_insert(x, name_at, prefix, name_off);
    if (parse_call_suffix(x, listagg) < 0) return -1;
    if (passes_value(fname) && first.is_column) /* it hands on a NUMBER column's text */
        number_of_text(x, name_at, name_off, first.type, exact_call, x->numbers_as_values);
    set_operand_type(x, function_xtype(fname, first.type));
    return 0;
}

/* The NPARTS names from the cursor (name . name ...) into B, joined by dots, each in double
 * quotes when QUOTED (as Oracle's messages write them). */
static void dotted_name(xlat *x, int nparts, bool quoted, buf *b)
{
    for (int i = 0; i < nparts; i++) {
        char part[SQL_IDENT_MAX + 1];
        tok_name(x->sql, ahead(x, 2 * i), part, sizeof part);
        if (i) buf_putc(b, '.');
        buf_printf(b, quoted ? "\"%s\"" : "%s", part);
    }
}

/* schema.function(args), package.function(args), schema.package.function(args) - NPARTS
 * names: the stored function's SQLite name "A.B[.C]" (the engine brings it in as for an
 * unqualified one). */
static int qualified_call(xlat *x, int nparts)
{
    int off = cur(x)->off;
    buf name;
    buf_init(&name);
    dotted_name(x, nparts, false, &name);
    emit_ident(x, buf_cstr(&name), off, cur(x)->space_before);
    buf_free(&name);
    x->pos += 2 * nparts - 1;
    int nargs = 0;
    if (parse_call_args(x, &nargs, NULL) < 0) return -1;
    return expect_op(x, ")", ORA_MISSING_RIGHT_PAREN);
}

/* Pseudo-columns written without parentheses in Oracle.  The clock's take the argument 0: each
 * reads the clock once per statement (ora_fn_dates.c), as Oracle's do. */
static const char *pseudo_function(const char *word)
{
    static const char *const map[][2] = {
        {"SYSDATE", "SYSDATE(0)"},
        {"SYSTIMESTAMP", "SYSTIMESTAMP(0)"},
        {"CURRENT_DATE", "ORA_CURRENT_DATE(0)"},
        {"CURRENT_TIMESTAMP", "ORA_CURRENT_TIMESTAMP(0)"},
        {"LOCALTIMESTAMP", "LOCALTIMESTAMP(0)"},
        {"SESSIONTIMEZONE", "SESSIONTIMEZONE()"},
        {"DBTIMEZONE", "DBTIMEZONE()"},
        {"USER", "USER()"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(word, map[i][0]) == 0) return map[i][1];
    return NULL;
}

/* The type of pseudo-column WORD (pseudo_function's). */
static xtype pseudo_function_type(const char *word)
{
    if (!strcmp(word, "SYSDATE") || !strcmp(word, "CURRENT_DATE")) return XT_DATE;
    if (!strcmp(word, "LOCALTIMESTAMP")) return XT_TIMESTAMP;
    if (strstr(word, "TIMESTAMP")) return XT_TIMESTAMP_TZ; /* SYSTIMESTAMP, CURRENT_TIMESTAMP */
    return XT_TEXT; /* USER, SESSIONTIMEZONE, DBTIMEZONE */
}

/* package.function(...): Warden has no packages in SQL; Oracle's error for an unknown one. */
static int unknown_dotted_call(xlat *x, int nparts)
{
    buf b;
    buf_init(&b);
    dotted_name(x, nparts, true, &b);
    ora_set(x->err, ORA_INVALID_IDENTIFIER, cur(x)->off, buf_cstr(&b));
    buf_free(&b);
    return -1;
}

/* SQLite's text for one string literal: TEXT in quotes, its quotes doubled. */
static void append_literal(buf *b, const char *text)
{
    buf_putc(b, '\'');
    for (const char *p = text; *p; p++) {
        if (*p == '\'') buf_putc(b, '\'');
        buf_putc(b, *p);
    }
    buf_putc(b, '\'');
}

/* The sequence of the [schema.]sequence.NEXTVAL | CURRVAL at token K (NPARTS names):
 * "SCHEMA.NAME" into OUT. */
static void sequence_at(const xlat *x, int k, int nparts, char *out, size_t size)
{
    qname qn = {.off = x->tok[k].off};
    tok_name(x->sql, &x->tok[k], nparts == 3 ? qn.schema : qn.name, sizeof qn.name);
    if (nparts == 3) tok_name(x->sql, &x->tok[k + 2], qn.name, sizeof qn.name);
    sql_object_name o = object_name_of(x, &qn);
    snprintf(out, size, "%s.%s", o.schema, o.name);
    free(o.schema);
    free(o.name);
}

/* Does a NEXTVAL of sequence SEQ come after token FROM? */
static int nextval_later(const xlat *x, int from, const char *seq)
{
    for (int k = from; k + 1 < x->ntok; k++) {
        if (!tok_is_word(x->sql, &x->tok[k], "NEXTVAL") || !tok_is_op(x->sql, &x->tok[k - 1], "."))
            continue;
        int three = k >= 4 && tok_is_op(x->sql, &x->tok[k - 3], ".") && tok_is_name(&x->tok[k - 4]);
        char other[2 * SQL_IDENT_MAX + 2];
        sequence_at(x, three ? k - 4 : k - 2, three ? 3 : 2, other, sizeof other);
        if (!strcmp(other, seq)) return 1;
    }
    return 0;
}

/* Which of the engine's functions a NEXTVAL or CURRVAL of sequence SEQ at token K becomes:
 * as in Oracle, a statement increments a sequence once per row however often it names its
 * NEXTVAL, and its CURRVAL is that row's value wherever it stands - so the first reference is
 * NEXTVAL when the statement has one, the others CURRVAL (SQLite evaluates them in order). */
static const char *sequence_function(xlat *x, int k, const char *which, const char *seq)
{
    for (int i = 0; i < x->nincremented; i++)
        if (!strcmp(x->incremented[i], seq)) return "CURRVAL";
    if (strcmp(which, "NEXTVAL") && !nextval_later(x, k, seq)) return "CURRVAL";
    push_str(&x->incremented, &x->nincremented, seq);
    return "NEXTVAL";
}

/* [schema.]sequence.NEXTVAL | CURRVAL: a call of the engine's sequence functions. */
static int sequence_value(xlat *x, int nparts, const char *which)
{
    qname qn = {.off = cur(x)->off};
    tok_name(x->sql, cur(x), nparts == 3 ? qn.schema : qn.name, sizeof qn.name);
    if (nparts == 3) tok_name(x->sql, ahead(x, 2), qn.name, sizeof qn.name);
    sql_object_name o = object_name_of(x, &qn);
    char seq[2 * SQL_IDENT_MAX + 2];
    snprintf(seq, sizeof seq, "%s.%s", o.schema, o.name);
    which = sequence_function(x, x->pos + 2 * nparts - 1, which, seq);
    buf b;
    buf_init(&b);
    buf_printf(&b, "ORA_%s(", which);
    append_literal(&b, o.schema);
    buf_puts(&b, ", ");
    append_literal(&b, o.name);
    buf_putc(&b, ')');
    out_text(x, buf_cstr(&b), qn.off, cur(x)->space_before);
    buf_free(&b);
    free(o.schema);
    free(o.name);
    x->pos += 2 * nparts - 1;
    return 0;
}

/* [SYS.]package.member of a supplied package (NPARTS names at the cursor), or NULL. */
static const sql_package_function *package_function(xlat *x, int nparts)
{
    char part[3][SQL_IDENT_MAX + 1];
    if (nparts < 2 || nparts > 3) return NULL;
    for (int i = 0; i < nparts; i++) tok_name(x->sql, ahead(x, 2 * i), part[i], sizeof part[i]);
    if (nparts == 3 && strcmp(part[0], "SYS")) return NULL;
    return sql_package_function_find(part[nparts - 2], part[nparts - 1]);
}

/* A supplied package's function F (NPARTS names at the cursor): its SQLite function, called
 * with the arguments written (none: without parentheses). */
static int parse_package_call(xlat *x, const sql_package_function *f, int nparts)
{
    const sql_token *first = cur(x);
    x->pos += 2 * nparts - 2; /* to the member's name */
    if (!ahead_op(x, 1, "(")) {
        if (f->min_args > 0) return xlat_fail(x, 904, first);
        char text[80];
        snprintf(text, sizeof text, "%s()", f->sqlite);
        out_text(x, text, first->off, first->space_before);
        advance(x);
        return 0;
    }
    emit_word(x, f->sqlite);
    emit_tok(x); /* ( */
    int nargs = 0;
    while (!at_op(x, ")")) {
        expr_info ei;
        if (parse_expr(x, 0, &ei) < 0) return -1;
        nargs++;
        if (!at_op(x, ",")) break;
        emit_tok(x);
    }
    if (nargs < f->min_args || nargs > f->max_args) return xlat_fail(x, 909, first);
    return expect_op(x, ")", ORA_MISSING_RIGHT_PAREN);
}

/* Is NAME a stored function the context knows is called here without parentheses? */
static int is_bare_function(const xlat *x, const char *name)
{
    for (int i = 0; i < x->ctx->nbare_functions; i++)
        if (!strcmp(x->ctx->bare_functions[i], name)) return 1;
    return 0;
}

/* The type of column [[schema.]table.]column, NPARTS names from token FIRST. */
static void column_operand_type(xlat *x, int first, int nparts)
{
    char qualifier[SQL_IDENT_MAX + 1], column[SQL_IDENT_MAX + 1];
    tok_name(x->sql, &x->tok[first + 2 * (nparts - 1)], column, sizeof column);
    if (nparts > 1) tok_name(x->sql, &x->tok[first + 2 * (nparts - 2)], qualifier, sizeof qualifier);
    set_operand_type(x, column_xtype(x, nparts > 1 ? qualifier : NULL, column));
}

/* a, a.b, schema.table.column (the schema dropped), or a call. */
static int parse_name_operand(xlat *x, expr_info *oi)
{
    int first = x->pos, nparts = 1;
    while (ahead_op(x, 2 * nparts - 1, ".") && tok_is_name(ahead(x, 2 * nparts)))
        nparts++;
    /* Oracle's (+) outer join, where a WHERE condition may have it (xlat_outer_join.c) */
    int marked = ahead_op(x, 2 * nparts - 1, "(") && ahead_op(x, 2 * nparts, "+") &&
                 ahead_op(x, 2 * nparts + 1, ")");
    if (marked && !x->outer_join_ok) return xlat_fail(x, 30563, ahead(x, 2 * nparts - 1));
    if (nparts == 1 && ahead_op(x, 1, "(") && !marked) return parse_call(x);
    char last[SQL_IDENT_MAX + 1];
    tok_name(x->sql, ahead(x, 2 * nparts - 2), last, sizeof last);
    if ((nparts == 2 || nparts == 3) && (!strcmp(last, "NEXTVAL") || !strcmp(last, "CURRVAL"))) {
        oi->is_sequence_value = 1;
        int rc = sequence_value(x, nparts, last);
        set_operand_type(x, XT_NUMBER);
        return rc;
    }
    const sql_package_function *f = package_function(x, nparts);
    if (f) return parse_package_call(x, f, nparts);
    if (nparts <= 3 && ahead_op(x, 2 * nparts - 1, "(") && !marked) return qualified_call(x, nparts);
    if (nparts > 1 && ahead_op(x, 2 * nparts - 1, "(") && !marked)
        return unknown_dotted_call(x, nparts);
    if (nparts == 1 && is_bare_function(x, last)) {
        char call[SQL_IDENT_MAX + 8];
        snprintf(call, sizeof call, "%s()", last);
        out_text(x, call, cur(x)->off, cur(x)->space_before);
        advance(x);
        return 0;
    }
    int joined = connect_column(x, first, nparts); /* (a hierarchical join's: xlat_connect.c) */
    if (joined < 0) return -1;
    int skip = nparts == 3 ? 1 : 0;
    for (int i = 0; i < nparts && !joined; i++) {
        const sql_token *t = &x->tok[first + 2 * i];
        if (i >= skip) {
            char part[SQL_IDENT_MAX + 1];
            tok_name(x->sql, t, part, sizeof part);
            if (i > skip) out_text(x, ".", t->off, 0);
            emit_ident(x, part, t->off, i == skip && x->tok[first].space_before);
        }
    }
    x->pos = first + 2 * nparts - 1;
    oi->is_column = 1;
    column_operand_type(x, first, nparts);
    return 0;
}

static int parse_word_operand(xlat *x, expr_info *oi)
{
    char word[SQL_IDENT_MAX + 1];
    const sql_token *t = cur(x), *next = ahead(x, 1);
    tok_name(x->sql, t, word, sizeof word);
    int call = tok_is_op(x->sql, next, "("), dotted = tok_is_op(x->sql, next, ".");
    if (!strcmp(word, "NULL") || !strcmp(word, "TRUE") || !strcmp(word, "FALSE")) {
        emit_tok(x);
        return 0;
    }
    if (!strcmp(word, "ROWID") && !call && !dotted) {
        /* Upper case, however written: a result column "rowid" in lower case is the hidden
         * one of a row-locking overlay (describe.c), this one is the client's. */
        out_text(x, "ROWID", t->off, t->space_before);
        advance(x);
        return 0;
    }
    if (!strcmp(word, "CASE")) return parse_case(x);
    if ((!strcmp(word, "DATE") || !strcmp(word, "TIMESTAMP")) && next->type == TK_STRING) {
        set_operand_type(x, datetime_literal(x));
        return 0;
    }
    if (!strcmp(word, "INTERVAL") && next->type == TK_STRING) return interval_literal(x);
    const char *fn = pseudo_function(word);
    if (fn && !call && !dotted) {
        out_text(x, fn, t->off, t->space_before);
        advance(x);
        set_operand_type(x, pseudo_function_type(word));
        return 0;
    }
    if (!strcmp(word, "ROWNUM")) {
        if (!x->rownum_ok) return xlat_fail(x, ORA_UNIMPLEMENTED, t);
        out_text(x, "ROW_NUMBER() OVER ()", t->off, t->space_before);
        advance(x);
        set_operand_type(x, XT_NUMBER);
        return 0;
    }
    if (!strcmp(word, "LEVEL") || !strcmp(word, "PRIOR") || !strncmp(word, "CONNECT_BY_", 11) ||
        (!strcmp(word, "SYS_CONNECT_BY_PATH") && call))
        return parse_connect_operand(x, oi);
    if (at_cursor_expr(x)) /* only a whole item of the top query's select list */
        return xlat_fail(x, ORA_CURSOR_EXPR_NOT_ALLOWED, t);
    if (!strcmp(word, "EXISTS")) {
        emit_tok(x);
        if (!at_op(x, "(") || !paren_starts_query(x, 1)) return xlat_fail(x, 928, cur(x));
        return parse_paren(x);
    }
    if (word_is_reserved(x, t) && !(fn && call)) return xlat_fail(x, ORA_MISSING_EXPRESSION, t);
    return parse_name_operand(x, oi);
}

/* Is token K the word of the pseudo-column ROWID (or t.ROWID; not a call)? */
static int is_rowid_at(const xlat *x, int k)
{
    if (k < 0 || k + 1 >= x->ntok || !tok_is_word(x->sql, &x->tok[k], "ROWID")) return 0;
    return !tok_is_op(x->sql, &x->tok[k + 1], "(") && !tok_is_op(x->sql, &x->tok[k + 1], ".");
}

/* Do the tokens from K on spell [schema.][table.]ROWID? */
static int rowid_from(const xlat *x, int k)
{
    for (int parts = 0; parts < 2 && k + 2 < x->ntok && tok_is_name(&x->tok[k]) &&
                        tok_is_op(x->sql, &x->tok[k + 1], ".");
         parts++)
        k += 2;
    return is_rowid_at(x, k);
}

static int is_compare_at(const xlat *x, int k)
{
    return k >= 0 && k < x->ntok && in_list(x, &x->tok[k], compare_ops, 0);
}

/* Is the bind or string at the cursor compared with ROWID, alone: ROWID op value, value op
 * ROWID, or an element of ROWID [NOT] IN (value, ...)? */
static int compared_with_rowid(const xlat *x)
{
    int k = x->pos;
    const sql_token *next = ahead(x, 1);
    int alone_after = tok_is_op(x->sql, next, ")") || tok_is_op(x->sql, next, ",") ||
                      next->type == TK_EOF || next->type == TK_WORD || tok_is_op(x->sql, next, ";");
    if (is_compare_at(x, k - 1) && is_rowid_at(x, k - 2) && alone_after) return 1;
    if (is_compare_at(x, k + 1) && rowid_from(x, k + 2)) return 1;
    while (k > 1 && tok_is_op(x->sql, &x->tok[k - 1], ",") &&
           (x->tok[k - 2].type == TK_BIND || x->tok[k - 2].type == TK_STRING))
        k -= 2;
    if (!tok_is_op(x->sql, &x->tok[k - 1], "(") || !tok_is_word(x->sql, &x->tok[k - 2], "IN"))
        return 0;
    k -= 2;
    if (k > 0 && tok_is_word(x->sql, &x->tok[k - 1], "NOT")) k--;
    return is_rowid_at(x, k - 1);
}

/* A bind or string literal: a ROWID as the client has it (Oracle's 18 characters, or the
 * number SELECT ROWID gives) becomes the row's number where it is compared with ROWID. */
static void value_operand(xlat *x)
{
    int rowid = compared_with_rowid(x);
    if (rowid) out_text(x, "ORA_ROWID_NUM(", cur(x)->off, cur(x)->space_before);
    if (cur(x)->type == TK_BIND) emit_bind(x);
    else emit_tok(x);
    if (rowid) out_text(x, ")", cur(x)->off, 0);
}

/* Does a query of rows (not a scalar subquery) follow token T: IN, ANY, SOME, ALL? */
static int row_set_follows(const xlat *x, const sql_token *t)
{
    return tok_is_word(x->sql, t, "IN") || tok_is_word(x->sql, t, "ANY") ||
           tok_is_word(x->sql, t, "SOME") || tok_is_word(x->sql, t, "ALL");
}

static int write_operand(xlat *x, expr_info *oi)
{
    const sql_token *t = cur(x);
    oi->is_column = oi->is_sequence_value = 0;
    switch (t->type) {
    case TK_NUMBER:
        emit_exact_literal(x);
        set_operand_type(x, XT_NUMBER);
        return 0;
    case TK_STRING:
    case TK_BIND:
        set_operand_type(x, t->type == TK_STRING ? XT_TEXT : XT_UNKNOWN);
        value_operand(x);
        return 0;
    case TK_QIDENT:
        return parse_name_operand(x, oi);
    case TK_WORD:
        return parse_word_operand(x, oi);
    case TK_OP:
        if (at_op(x, "(")) {
            int query = paren_starts_query(x, 0), at = (int)x->out.len, exact = x->exact;
            int rows = query && x->pos > 0 && row_set_follows(x, &x->tok[x->pos - 1]);
            x->exact_next = x->exact && !query; /* (expr) stays exact */
            int rc = parse_paren(x);
            x->exact_next = 0;
            /* a scalar subquery hands on a NUMBER column's text (IN's rows are compared as
             * a column's are) */
            if (rc == 0 && query && !rows && x->query_stored)
                number_of_text(x, at, t->off, x->operand_type, exact, x->numbers_as_values);
            return rc;
        }
        return xlat_fail(x, ORA_MISSING_EXPRESSION, t);
    default:
        return xlat_fail(x, ORA_MISSING_EXPRESSION, t);
    }
}

/* One operand, its type in OI (set_operand_type, when its writer knew it). */
int parse_operand(xlat *x, expr_info *oi)
{
    x->typed_operand = 0;
    int rc = write_operand(x, oi);
    oi->type = x->typed_operand ? x->operand_type : XT_UNKNOWN;
    x->typed_operand = 0;
    return rc;
}

int parse_paren(xlat *x)
{
    if (xlat_enter(x) < 0) return -1;
    int rc;
    emit_tok(x);
    xtype type = XT_UNKNOWN;
    if (paren_starts_query(x, 0)) {
        int saved = x->rownum_ok;
        x->rownum_ok = 0;
        rc = parse_query(x, 0);
        x->rownum_ok = saved;
        type = x->query_type; /* a scalar subquery: its column's */
    } else {
        expr_info ei;
        rc = parse_expr(x, 0, &ei);
        type = ei.type;
        if (rc == 0 && at_op(x, ",")) { /* a list: (a, b) */
            type = XT_UNKNOWN;
            emit_tok(x);
            rc = parse_expr_list(x);
        }
    }
    if (rc == 0) rc = expect_op(x, ")", ORA_MISSING_RIGHT_PAREN);
    if (rc == 0) set_operand_type(x, type);
    xlat_leave(x);
    return rc;
}

/* NOT, unary + and -: written as they are, a - of an exact expression as ORA_XNEG( (closed by
 * the caller after the operand: *NEGS of them).  Returns how many were seen. */
static int parse_prefixes(xlat *x, run *r, int *negs)
{
    int n = 0;
    for (;; n++) {
        if (at_word(x, "NOT")) {
            emit_tok(x);
            run_reset(x, r);
            r->logic = 1;
        } else if (x->exact && at_op(x, "-")) {
            out_text(x, "ORA_XNEG(", cur(x)->off, cur(x)->space_before);
            advance(x);
            (*negs)++;
        } else if (at_op(x, "+") || at_op(x, "-")) {
            emit_tok(x);
        } else {
            return n;
        }
    }
}

/* Oracle's (+) outer-join marker. */
static int outer_join_marker(const xlat *x)
{
    return at_op(x, "(") && ahead_op(x, 1, "+") && ahead_op(x, 2, ")");
}

/* One step after an operand; returns 1 when the expression ends. */
static int parse_operator(xlat *x, int flags, run *r, int *between)
{
    op_class op = classify(x);
    if (op == OP_LOGICAL || op == OP_COMPARE || op == OP_IS) r->logic = 1;
    switch (op) {
    case OP_NONE:
        return 1;
    case OP_IS:
        if (flags & EXPR_STOP_IS) return 1;
        return is_null_op(x, r) < 0 ? -1 : 2;
    case OP_LOGICAL:
        if (*between && at_word(x, "AND")) {
            *between = 0;
            xtype low = run_type(r);
            close_run(x, r);
            emit_tok(x);
            if (r->between == 1) { /* BETWEEN's AND: the high bound follows */
                r->between = 2, r->between_low = low;
                r->and_at = (int)x->out.len - 3;
            }
            run_reset(x, r);
            return 0;
        }
        if (flags & EXPR_STOP_ANDOR) return 1;
        close_run(x, r);
        emit_tok(x);
        run_reset(x, r);
        return 0;
    case OP_COMPARE:
        return compare_op(x, r, between);
    case OP_ADD:
        return additive_op(x, r);
    case OP_MUL:
        return multiplicative_op(x, r);
    }
    return 1;
}

/* expr AT TIME ZONE zone | AT LOCAL, after the operand written from output position START
 * (Oracle offset OFF): ORA_AT_TIME_ZONE(operand, zone), LOCAL the session's time zone. */
static int at_time_zone(xlat *x, int start, int off)
{
    out_insert(x, start, "ORA_AT_TIME_ZONE(", off);
    if (ahead_word(x, 1, "LOCAL")) {
        advance(x), advance(x);
        out_text(x, ", SESSIONTIMEZONE())", cur(x)->off, 0);
        return 0;
    }
    advance(x), advance(x), advance(x); /* AT TIME ZONE */
    out_text(x, ",", cur(x)->off, 0);
    expr_info ei;
    if (parse_operand(x, &ei) < 0) return -1;
    out_text(x, ")", cur(x)->off, 0);
    return 0;
}

static int at_zone_clause(const xlat *x)
{
    return at_word(x, "AT") && ((ahead_word(x, 1, "TIME") && ahead_word(x, 2, "ZONE")) ||
                                ahead_word(x, 1, "LOCAL"));
}

int parse_expr(xlat *x, int flags, expr_info *info)
{
    if (xlat_enter(x) < 0) return -1;
    run r = {0};
    int between = 0, noperands = 0, nprefixes = 0, rc = 0, saved_exact = x->exact;
    expr_info oi = {0};
    x->exact = x->exact_next; /* this expression computes exactly (xlat_exact.c) */
    x->exact_next = 0;
    run_reset(x, &r);
    for (;;) {
        int negs = 0;
        nprefixes += parse_prefixes(x, &r, &negs);
        int operand_start = (int)x->out.len, operand_off = cur(x)->off;
        if ((rc = parse_operand(x, &oi)) < 0) break;
        for (; negs > 0; negs--)
            out_text(x, ")", cur(x)->off, 0);
        noperands++;
        while (at_zone_clause(x) && (rc = at_time_zone(x, operand_start, operand_off)) == 0)
            oi.is_column = 0, oi.type = XT_TIMESTAMP_TZ;
        type_operand(&r, oi.type);
        if (rc < 0) break;
        if (outer_join_marker(x) && (!x->outer_join_ok || !oi.is_column)) {
            rc = xlat_fail(x, 30563, cur(x));
            break;
        }
        if (outer_join_marker(x)) x->pos += 3; /* xlat_outer_join.c reads it */
        do
            rc = parse_operator(x, flags, &r, &between);
        while (rc == 2);
        if (rc != 0) break;
    }
    if (rc > 0) {
        close_run(x, &r);
        rc = 0;
    }
    info->is_column = noperands == 1 && nprefixes == 0 && oi.is_column;
    info->is_sequence_value = noperands == 1 && nprefixes == 0 && oi.is_sequence_value;
    info->type = x->expr_type = r.logic ? XT_UNKNOWN : run_type(&r);
    x->exact = saved_exact;
    xlat_leave(x);
    return rc;
}

int parse_expr_list(xlat *x)
{
    expr_info ei;
    for (;;) {
        if (parse_expr(x, 0, &ei) < 0) return -1;
        if (!at_op(x, ",")) return 0;
        emit_tok(x);
    }
}

/* An ORDER BY item that is a select list column's position or name alone, of a value with a
 * time zone or an interval: KEY("NAME") written for it (1), as for an expression
 * (order_key_function); else 0. */
static int order_by_select_column(xlat *x)
{
    const sql_token *t = cur(x), *next = ahead(x, 1);
    int alone = next->type == TK_EOF || tok_is_op(x->sql, next, ",") ||
                tok_is_op(x->sql, next, ")") || tok_is_op(x->sql, next, ";") ||
                next->type == TK_WORD;
    if (!alone || (t->type != TK_NUMBER && !tok_is_name(t))) return 0;
    char name[SQL_IDENT_MAX + 1], column[SQL_IDENT_MAX + 1];
    if (t->type != TK_NUMBER) tok_name(x->sql, t, name, sizeof name);
    xtype type = order_column(x, t->type == TK_NUMBER ? atoi(x->sql + t->off) : 0,
                              t->type == TK_NUMBER ? NULL : name, column, sizeof column);
    const char *key = order_key_function(type);
    if (!key) return 0;
    buf b;
    buf_init(&b);
    buf_puts(&b, key);
    append_ident(&b, column);
    buf_putc(&b, ')');
    out_text(x, buf_cstr(&b), t->off, t->space_before);
    buf_free(&b);
    advance(x);
    return 1;
}

/* expr [ASC|DESC] [NULLS FIRST|LAST] {, ...}: Oracle sorts NULLs as the
 * largest value (last ascending, first descending); SQLite as the smallest,
 * so the NULLS clause Oracle implies is written out.  A value with a time
 * zone is ordered by its instant (ORA_DATETIME_KEY), an interval by its
 * length (ORA_INTERVAL_KEY). */
static int parse_order_items(xlat *x)
{
    for (;;) {
        expr_info ei;
        int desc = 0, start = (int)x->out.len, off = cur(x)->off;
        if (order_by_select_column(x)) {
            /* written */
        } else if (parse_expr(x, 0, &ei) < 0) {
            return -1;
        } else if (order_key_function(ei.type)) { /* its text does not sort as it compares */
            out_insert(x, start, order_key_function(ei.type), off);
            out_text(x, ")", cur(x)->off, 0);
        }
        if (at_word(x, "ASC") || at_word(x, "DESC")) {
            desc = at_word(x, "DESC");
            emit_tok(x);
        }
        if (at_word(x, "NULLS")) {
            emit_tok(x);
            if (!at_word(x, "FIRST") && !at_word(x, "LAST")) return xlat_fail(x, 905, cur(x));
            emit_tok(x);
        } else {
            out_text(x, desc ? "NULLS FIRST" : "NULLS LAST", cur(x)->off, 1);
        }
        if (!at_op(x, ",")) return 0;
        emit_tok(x);
    }
}

int parse_order_by(xlat *x)
{
    if (ahead_word(x, 1, "SIBLINGS") && !connect_siblings_ok(x))
        return xlat_fail(x, 30929, ahead(x, 1));
    emit_tok(x); /* ORDER */
    if (at_word(x, "SIBLINGS")) advance(x); /* the hierarchy's (xlat_connect.c) */
    if (expect_word(x, "BY", 924) < 0) return -1;
    return parse_order_items(x);
}
