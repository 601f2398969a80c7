/*
 * xlat_sizes.c - how long a text expression of the select list can be, as
 * Oracle describes it: a client sizes its columns by the describe (SQL*Plus
 * prints SUBSTR(name, 1, 10) 10 wide, not 4000).
 *
 * Oracle's rules for the common cases: a string literal is a CHAR of its
 * length (CHAR too when only literals are concatenated); a concatenation is
 * as long as its operands together, a NUMBER among them counting 40; SUBSTR
 * is at most its length argument, LPAD and RPAD exactly theirs; UPPER, LOWER,
 * INITCAP and the trims keep their argument's length; TO_CHAR of a number is
 * 40 long, with a format as long as the format and its sign; a RAW(n)
 * column concatenated counts its 2n hex digits; TO_CHAR of a
 * date with a format as long as the longest text of the format's elements
 * (English names); NVL, NVL2, COALESCE, DECODE, CASE, GREATEST and LEAST the
 * longest of their results; CAST(x AS VARCHAR2(n)) n.  A column counts its
 * declared length.  Anything else (a date converted without a format, a bind,
 * a subquery, REPLACE ...) leaves the length unknown, and the column
 * describes as VARCHAR2(4000) as before.
 *
 * The expression is read from its tokens after it is written (the select
 * list item FIRST .. END), its columns found through the FROM items in scope
 * (xlat_types.c).
 */
#include "xlat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NUMBER_TEXT_SIZE 40 /* a NUMBER converted to text, as Oracle counts it */
#define VARCHAR2_MAX 4000

/* What an expression is, as far as its length goes. */
typedef enum { SZ_UNKNOWN, SZ_NULL, SZ_TEXT, SZ_NUMBER, SZ_DATE, SZ_RAW } size_kind;

typedef struct tsize {
    size_kind kind;
    int size;    /* SZ_TEXT: the most characters; SZ_RAW: bytes */
    int literal; /* SZ_TEXT: string literals only (a CHAR) */
} tsize;

static const tsize unknown = {SZ_UNKNOWN, 0, 0};

static tsize text_size(int n, int literal)
{
    return (tsize){SZ_TEXT, n > VARCHAR2_MAX ? VARCHAR2_MAX : n, literal};
}

static tsize expr_size(const xlat *x, int a, int b);

/* ---- tokens ---- */

static int is_op(const xlat *x, int k, const char *op)
{
    return tok_is_op(x->sql, &x->tok[k], op);
}

static int is_word(const xlat *x, int k, const char *w)
{
    return x->tok[k].type == TK_WORD && tok_is_word(x->sql, &x->tok[k], w);
}

/* The token after the group that opens at K ('(' or CASE), B past the end. */
static int group_end(const xlat *x, int k, int b)
{
    int depth = 0, is_case = is_word(x, k, "CASE");
    for (; k < b; k++) {
        depth += is_case ? is_word(x, k, "CASE") - is_word(x, k, "END")
                         : is_op(x, k, "(") - is_op(x, k, ")");
        if (depth == 0) return k + 1;
    }
    return b;
}

/* The next token of A .. B at depth 0 that is operator OP (a word when WORD), or B. */
static int next_at_level(const xlat *x, int a, int b, const char *op, int word)
{
    for (int k = a; k < b;) {
        if (word ? is_word(x, k, op) : is_op(x, k, op)) return k;
        k = is_op(x, k, "(") || is_word(x, k, "CASE") ? group_end(x, k, b) : k + 1;
    }
    return b;
}

/* A number literal alone at A .. B: its value into *N. */
static int literal_int(const xlat *x, int a, int b, int *n)
{
    if (b != a + 1 || x->tok[a].type != TK_NUMBER) return 0;
    double d = strtod(x->sql + x->tok[a].off, NULL);
    if (d < 0 || d > VARCHAR2_MAX * 10.0) return 0;
    *n = (int)d;
    return 1;
}

/* ---- declared columns ---- */

/* The size of a column of declared type DECL. */
static tsize decl_size(const char *decl)
{
    static const char *const texts[] = {"VARCHAR2", "NVARCHAR2", "VARCHAR", "CHAR", "NCHAR"};
    switch (decl_xtype(decl)) {
    case XT_NUMBER: return (tsize){SZ_NUMBER, 0, 0};
    case XT_DATE:
    case XT_TIMESTAMP:
    case XT_TIMESTAMP_TZ: return (tsize){SZ_DATE, 0, 0};
    default: break;
    }
    if (!strncasecmp(decl, "RAW(", 4)) return (tsize){SZ_RAW, atoi(decl + 4), 0};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        size_t n = strlen(texts[i]);
        if (strncasecmp(decl, texts[i], n) || (decl[n] != '(' && decl[n] != 0)) continue;
        return text_size(decl[n] == '(' ? atoi(decl + n + 1) : 1, 0);
    }
    return unknown;
}

/* [qualifier.]column at A .. B. */
static tsize column_size(const xlat *x, int a, int b)
{
    char qualifier[SQL_IDENT_MAX + 1], column[SQL_IDENT_MAX + 1], decl[64];
    int dotted = b == a + 3 && tok_is_name(&x->tok[a]) && is_op(x, a + 1, ".");
    if (!(dotted || b == a + 1) || !tok_is_name(&x->tok[b - 1])) return unknown;
    tok_name(x->sql, &x->tok[a], qualifier, sizeof qualifier);
    tok_name(x->sql, &x->tok[b - 1], column, sizeof column);
    if (!column_decl(x, dotted ? qualifier : NULL, column, decl, sizeof decl)) return unknown;
    return decl_size(decl);
}

/* ---- format models ---- */

/* The longest text of date format FMT, its elements in English; -1 when not known. */
static int date_format_size(const char *fmt)
{
    static const struct {
        const char *element;
        int size;
    } elements[] = {
        {"MONTH", 9}, {"SYYYY", 5}, {"SYEAR", 42}, {"YEAR", 42}, {"Y,YYY", 5}, {"HH24", 2},
        {"HH12", 2},  {"SSSSS", 5}, {"A.M.", 4},   {"P.M.", 4},  {"A.D.", 4},  {"B.C.", 4},
        {"YYYY", 4},  {"IYYY", 4},  {"RRRR", 4},   {"FF", 9},    {"MON", 3},   {"DAY", 9},
        {"YYY", 3},   {"IYY", 3},   {"DDD", 3},    {"SCC", 3},   {"TZH", 3},   {"TZM", 2},
        {"TZD", 6},   {"TZR", 64},  {"DY", 3},     {"YY", 2},    {"IY", 2},    {"RR", 2},
        {"MM", 2},    {"RM", 4},    {"WW", 2},     {"IW", 2},    {"DD", 2},    {"HH", 2},
        {"MI", 2},    {"SS", 2},    {"AM", 2},     {"PM", 2},    {"AD", 2},    {"BC", 2},
        {"CC", 2},    {"TH", 2},    {"FM", 0},     {"FX", 0},    {"Y", 1},     {"I", 1},
        {"Q", 1},     {"W", 1},     {"D", 1},      {"J", 7},     {"X", 1},
    };
    int n = 0;
    for (const char *p = fmt; *p;) {
        if (*p == '"') {
            const char *close = strchr(p + 1, '"');
            if (!close) return -1;
            n += (int)(close - p - 1);
            p = close + 1;
            continue;
        }
        if (!strncasecmp(p, "SP", 2)) return -1; /* spelled numbers */
        size_t i = 0;
        for (; i < sizeof elements / sizeof elements[0]; i++)
            if (!strncasecmp(p, elements[i].element, strlen(elements[i].element))) break;
        if (i < sizeof elements / sizeof elements[0]) {
            n += elements[i].size;
            p += strlen(elements[i].element);
            if (!strncasecmp(elements[i].element, "FF", 2) && *p >= '1' && *p <= '9') p++;
        } else if (strchr("-/,.;: ", *p)) {
            n++, p++;
        } else {
            return -1;
        }
    }
    return n;
}

/* The longest text of number format FMT: its length and the sign's; -1 when it has elements
 * that grow (currency symbols, roman numerals). */
static int number_format_size(const char *fmt)
{
    for (const char *p = fmt; *p; p++)
        if (strchr("LCUlcuRr", *p)) return -1;
    return (int)strlen(fmt) + 1;
}

/* ---- calls ---- */

/* The arguments of the call whose '(' is at OPEN (its ')' at CLOSE): their bounds into
 * AT[0..n] (argument i is AT[i] .. AT[i + 1] - 1); their number, or -1 when more than MAX. */
static int call_arguments(const xlat *x, int open, int close, int *at, int max)
{
    int n = 0;
    at[0] = open + 1;
    if (close == open + 1) return 0;
    for (int k = open + 1;; k++) {
        if (n == max) return -1;
        k = next_at_level(x, k, close, ",", 0);
        at[++n] = k + 1;
        if (k >= close) return n;
    }
}

/* The longest of results R[0 .. n-1]: text when they all are (or NULL). */
static tsize longest(const tsize *r, int n)
{
    tsize best = {SZ_NULL, 0, 0};
    for (int i = 0; i < n; i++) {
        if (r[i].kind == SZ_NULL) continue;
        if (r[i].kind != SZ_TEXT) return unknown;
        if (best.kind == SZ_NULL || r[i].size > best.size) best = r[i];
    }
    best.literal = 0; /* (Oracle's DECODE and CASE give VARCHAR2) */
    return best.kind == SZ_TEXT ? best : unknown;
}

/* The format argument of TO_CHAR (tokens A .. B): its text, or NULL when not a literal. */
static char *format_literal(const xlat *x, int a, int b)
{
    if (b != a + 1 || x->tok[a].type != TK_STRING) return NULL;
    return tok_string_value(x->sql, &x->tok[a]);
}

static tsize to_char_size(const xlat *x, const int *at, int n)
{
    tsize v = expr_size(x, at[0], at[1] - 1);
    if (v.kind == SZ_TEXT || v.kind == SZ_NULL) return v;
    if (n == 1) return v.kind == SZ_NUMBER ? text_size(NUMBER_TEXT_SIZE, 0) : unknown;
    char *fmt = format_literal(x, at[1], at[2] - 1);
    int size = !fmt                  ? -1
               : v.kind == SZ_NUMBER ? number_format_size(fmt)
               : v.kind == SZ_DATE   ? date_format_size(fmt)
                                     : -1;
    free(fmt);
    return size > 0 ? text_size(size, 0) : unknown;
}

/* CAST(x AS VARCHAR2(n) | CHAR(n) ...) from its '(' at OPEN to its ')' at CLOSE. */
static tsize cast_size(const xlat *x, int open, int close)
{
    int as = next_at_level(x, open + 1, close, "AS", 1);
    if (as >= close || !is_op(x, as + 2, "(")) return unknown;
    char decl[64];
    int n;
    if (!literal_int(x, as + 3, as + 4, &n)) return unknown;
    tok_name(x->sql, &x->tok[as + 1], decl, sizeof decl);
    snprintf(decl + strlen(decl), sizeof decl - strlen(decl), "(%d)", n);
    return decl_size(decl);
}

/* The call of NAME whose '(' is at OPEN and ')' at CLOSE. */
static tsize call_size(const xlat *x, const char *name, int open, int close)
{
    static const char *const keep[] = {"UPPER", "LOWER", "INITCAP", "LTRIM", "RTRIM",
                                        "TRIM", "REGEXP_SUBSTR", NULL};
    static const char *const any_of[] = {"NVL", "COALESCE", "GREATEST", "LEAST", NULL};
    int at[64], n;
    tsize r[64];
    if (!strcmp(name, "CAST")) return cast_size(x, open, close);
    n = call_arguments(x, open, close, at, 63);
    if (n <= 0) return unknown;
    if (!strcmp(name, "MAX") || !strcmp(name, "MIN") || !strcmp(name, "NULLIF") ||
        !strcmp(name, "TRUNC") || !strcmp(name, "ROUND")) {
        tsize v = expr_size(x, at[0], at[1] - 1);
        v.literal = 0;
        return v;
    }
    for (int i = 0; keep[i]; i++)
        if (!strcmp(name, keep[i])) {
            tsize v = expr_size(x, at[0], at[1] - 1);
            if (v.kind == SZ_NUMBER) return text_size(NUMBER_TEXT_SIZE, 0);
            return v.kind == SZ_TEXT ? text_size(v.size, 0) : v.kind == SZ_NULL ? v : unknown;
        }
    for (int i = 0; any_of[i]; i++)
        if (!strcmp(name, any_of[i])) {
            for (int k = 0; k < n; k++)
                r[k] = expr_size(x, at[k], at[k + 1] - 1);
            return longest(r, n);
        }
    if (!strcmp(name, "NVL2") && n == 3) {
        r[0] = expr_size(x, at[1], at[2] - 1), r[1] = expr_size(x, at[2], at[3] - 1);
        return longest(r, 2);
    }
    if (!strcmp(name, "DECODE") && n >= 3) {
        int m = 0;
        for (int k = 2; k < n; k += 2) /* the results, then the default */
            r[m++] = expr_size(x, at[k], at[k + 1] - 1);
        if (n % 2 == 0) r[m++] = expr_size(x, at[n - 1], at[n] - 1);
        return longest(r, m);
    }
    if (!strcmp(name, "TO_CHAR")) return to_char_size(x, at, n);
    int len;
    if ((!strcmp(name, "LPAD") || !strcmp(name, "RPAD")) && n >= 2 &&
        literal_int(x, at[1], at[2] - 1, &len))
        return len > 0 ? text_size(len, 0) : (tsize){SZ_NULL, 0, 0};
    if (!strcmp(name, "SUBSTR") && n >= 2) {
        tsize v = expr_size(x, at[0], at[1] - 1);
        if (v.kind == SZ_NUMBER) v = text_size(NUMBER_TEXT_SIZE, 0);
        if (n == 3 && literal_int(x, at[2], at[3] - 1, &len) && (v.kind != SZ_TEXT || len < v.size))
            return len > 0 ? text_size(len, 0) : (tsize){SZ_NULL, 0, 0};
        return v.kind == SZ_TEXT ? text_size(v.size, 0) : unknown;
    }
    if (!strcmp(name, "CHR")) return text_size(1, 0);
    if (!strcmp(name, "SYS_CONTEXT")) return text_size(256, 0);
    xtype t = function_xtype(name, XT_UNKNOWN);
    return t == XT_NUMBER ? (tsize){SZ_NUMBER, 0, 0}
           : t == XT_DATE || t == XT_TIMESTAMP || t == XT_TIMESTAMP_TZ ? (tsize){SZ_DATE, 0, 0}
                                                                      : unknown;
}

/* CASE ... END at A .. B: the longest of its THEN and ELSE results. */
static tsize case_size(const xlat *x, int a, int b)
{
    tsize best[2] = {{SZ_NULL, 0, 0}, {SZ_NULL, 0, 0}}; /* the longest so far, the next */
    int k = a + 1, end = b - 1, results = 0;
    while (k < end) {
        int then = next_at_level(x, k, end, "THEN", 1), els = next_at_level(x, k, end, "ELSE", 1);
        int from = then < els ? then : els;
        if (from >= end) break;
        int to = next_at_level(x, from + 1, end, "WHEN", 1);
        if (from == els) to = end;
        else if (els < to) to = els;
        best[1] = expr_size(x, from + 1, to);
        if (best[1].kind != SZ_NULL) best[0] = longest(best, 2);
        if (best[0].kind == SZ_UNKNOWN) return unknown;
        results++;
        k = to;
    }
    return results ? longest(best, 1) : unknown;
}

/* ---- terms and concatenations ---- */

/* One operand of a concatenation, A .. B. */
static tsize term_size(const xlat *x, int a, int b)
{
    if (a >= b) return unknown;
    const sql_token *t = &x->tok[a];
    if (b == a + 1 && t->type == TK_STRING) {
        char *s = tok_string_value(x->sql, t);
        int n = (int)strlen(s);
        free(s);
        return n ? text_size(n, 1) : (tsize){SZ_NULL, 0, 0};
    }
    if (b == a + 1 && t->type == TK_NUMBER) return (tsize){SZ_NUMBER, 0, 0};
    if (b == a + 1 && is_word(x, a, "NULL")) return (tsize){SZ_NULL, 0, 0};
    if (b == a + 1 && (is_word(x, a, "ROWNUM") || is_word(x, a, "LEVEL")))
        return (tsize){SZ_NUMBER, 0, 0};
    if (b == a + 1 && (is_word(x, a, "SYSDATE") || is_word(x, a, "SYSTIMESTAMP")))
        return (tsize){SZ_DATE, 0, 0};
    if (b == a + 1 && is_word(x, a, "USER")) return text_size(128, 0);
    if (b == a + 2 && (is_word(x, a, "DATE") || is_word(x, a, "TIMESTAMP")) &&
        x->tok[a + 1].type == TK_STRING)
        return (tsize){SZ_DATE, 0, 0};
    if (is_word(x, a, "CASE") && group_end(x, a, b) == b) return case_size(x, a, b);
    if (is_op(x, a, "(") && group_end(x, a, b) == b) {
        if (is_word(x, a + 1, "SELECT") || is_word(x, a + 1, "WITH")) return unknown;
        return expr_size(x, a + 1, b - 1);
    }
    if (t->type == TK_WORD && b > a + 2 && is_op(x, a + 1, "(") && group_end(x, a + 1, b) == b) {
        char name[SQL_IDENT_MAX + 1];
        tok_name(x->sql, t, name, sizeof name);
        return call_size(x, name, a + 1, b - 1);
    }
    return column_size(x, a, b);
}

/* The expression A .. B: a concatenation of terms (any other operator at its level: not text
 * as far as known). */
static tsize expr_size(const xlat *x, int a, int b)
{
    static const char *const others[] = {"+", "-", "*", "/", NULL};
    for (int i = 0; others[i]; i++)
        if (next_at_level(x, a, b, others[i], 0) < b) return unknown;
    int bar = next_at_level(x, a, b, "||", 0);
    if (bar >= b) return term_size(x, a, b);
    int total = 0, literal = 1;
    for (int k = a; k <= b;) {
        int next = next_at_level(x, k, b, "||", 0);
        tsize t = term_size(x, k, next);
        if (t.kind == SZ_NUMBER) t = text_size(NUMBER_TEXT_SIZE, 0);
        if (t.kind == SZ_RAW && t.size > 0) t = text_size(2 * t.size, 0); /* its hex digits */
        if (t.kind == SZ_NULL) t = text_size(0, 0);
        if (t.kind != SZ_TEXT) return unknown;
        total += t.size;
        literal &= t.literal;
        k = next + 1;
    }
    return total ? text_size(total, literal) : (tsize){SZ_NULL, 0, 0};
}

int select_item_text_size(const xlat *x, int first, int end, int *is_char)
{
    *is_char = 0;
    if (end <= first || (end == first + 1 && x->tok[first].type != TK_WORD)) return 0;
    tsize t = expr_size(x, first, end);
    if (t.kind != SZ_TEXT || t.size <= 0) return 0;
    /* a column alone describes as its declared type */
    int bare = (end == first + 1 || (end == first + 3 && is_op(x, first + 1, "."))) &&
               tok_is_name(&x->tok[end - 1]);
    if (bare) return 0;
    *is_char = t.literal;
    return t.size;
}
