/*
 * xlat.h - internal to src/sql: the state of one translation and the helpers
 * the rewriter's parts share (token cursor, output with its offset map,
 * names, expressions, queries, DML, DDL).
 *
 * The rewriter is a recursive-descent pass over the tokens that writes the
 * SQLite text as it goes.  It checks the statement's shape only as far as
 * needed to give Oracle's errors for the common mistakes; anything it lets
 * through that SQLite then rejects is mapped by sqlite_errors.c.
 */
#ifndef WARDEN_SQL_XLAT_H
#define WARDEN_SQL_XLAT_H

#include "../common/buf.h"
#include "lexer.h"
#include "translate.h"

#define XLAT_MAX_DEPTH 200      /* nesting of parentheses/subqueries we follow */
#define XLAT_MAX_RUN 500        /* + - || / operators in one run (each becomes a call) */
#define ORA_COLUMN_NAME_MAX 128 /* longest derived column name */

/* A LIMIT taken from a top-level "ROWNUM <= n" filter, emitted after ORDER BY. */
typedef struct rownum_limit {
    int present;
    int oracle_off; /* where ROWNUM stood */
    char op[3];     /* "<=", "<" or "=" (as seen from ROWNUM's side) */
    double number;  /* the bound when it is a number */
    int bind;       /* else the bind position (1-based) */
} rownum_limit;

/* A [schema.]name as written (names.c). */
typedef struct qname {
    char schema[SQL_IDENT_MAX + 1]; /* "" when not written */
    char name[SQL_IDENT_MAX + 1];
    int off; /* Oracle offset of the first part */
} qname;

/* The Oracle type of an expression, as far as the translator knows it (xlat_types.c). */
typedef enum xtype {
    XT_UNKNOWN, /* not known: SQLite's own rules apply */
    XT_NUMBER,
    XT_TEXT,
    XT_DATE,
    XT_TIMESTAMP,    /* without a time zone (or WITH LOCAL TIME ZONE: stored in local time) */
    XT_TIMESTAMP_TZ, /* WITH TIME ZONE: its text is the local time at its own offset */
    XT_INTERVAL_YM,
    XT_INTERVAL_DS,
} xtype;

/* A column of a subquery in FROM: its name and type. */
struct sub_column {
    char name[SQL_IDENT_MAX + 1];
    xtype type;
    int stored; /* it hands on a NUMBER column's text: a bare column, or a wrapped value */
    int ref; /* a bare [qualifier.]column: its first token, to type it later; else -1 */
};

/* A subquery's select list as it is written (xlat_types.c): its columns, once DEPTH (the
 * depth of its first block's select list) has been met. */
struct sub_columns {
    int depth, closed, done, incomplete; /* closed: its first block's list is over; done: a
                                          * scope item's, complete; incomplete: a * */
    struct sub_column *cols;
    int ncols;
};

/* A FROM item of a query block being written, for the columns it brings (xlat_types.c). */
/* A WITH query's columns (xlat_types.c), for the FROM items that name it. */
struct cte_columns {
    char name[SQL_IDENT_MAX + 1];
    struct sub_columns cols;
};

struct scope_item {
    char alias[SQL_IDENT_MAX + 1];
    char table[2 * SQL_IDENT_MAX + 2]; /* SQLite name ("SCOTT.EMP"); "" for a subquery */
    int block;                         /* index of its block's first item */
    int at;                            /* the token it starts at (a subquery's "(") */
    struct sub_columns sub;            /* a subquery's columns, once written (complete: done) */
};

typedef struct xlat {
    const char *sql; /* the Oracle text */
    sql_token *tok;  /* the tokens, the last one TK_EOF */
    int ntok;
    int pos; /* current token */
    const sql_ctx *ctx;
    sql_stmt *st;
    ora_error *err;
    buf out;     /* the SQLite text being written */
    buf scratch; /* reused for one token's text at a time */
    int mapcap, bindcap;
    /* What the statement's parts collect as they go; translate.c places them
     * into the statement's part for its kind at the end. */
    sql_sqlite_text text;   /* map, binds and statement count of OUT */
    sql_object_name object; /* the object the statement touches (set_object) */
    int wait;               /* FOR UPDATE / LOCK TABLE: -1 forever, 0 NOWAIT, n seconds */
    int lock_mode, lock_tables; /* LOCK TABLE: 2 ROW SHARE ... 6 EXCLUSIVE; tables named */
    sql_object_name *lock_others; /* LOCK TABLE: the tables named after the first */
    int for_update, skip_locked;
    char **ctes; /* names of WITH queries: local names, not schema objects */
    int nctes;
    char **incremented; /* sequences ("SCHEMA.NAME") whose NEXTVAL this statement has written */
    int nincremented;
    struct sql_column_hint *hints; /* the top query's select list: sql_sqlite_stmt's */
    int nhints;
    char **rowid_aliases; /* ... its ROWID columns' qualifiers ("" for none), until FROM */
    int depth;     /* current nesting, bounded by XLAT_MAX_DEPTH */
    int rownum_ok; /* ROWNUM may appear here (a select list: becomes ROW_NUMBER()) */
    char last_alias[SQL_IDENT_MAX + 1]; /* alias of the last table reference written */
    /* The top query, for FOR UPDATE under row locking: where its select list ends in OUT,
     * and the tables of its FROM that have rows to lock (not DUAL, a WITH query, a
     * dictionary view) with the alias each got; then what FOR UPDATE locks of them. */
    int select_end;
    struct from_table {
        qname qn;
        char alias[SQL_IDENT_MAX + 1];
        int lock; /* 1: locked; 0: locked if it has one of of_columns */
    } *froms;
    int nfroms;
    char **of_columns;
    int nof_columns;
    sql_object_name *locked; /* sql_sqlite_stmt's, collected */
    int *lock_flags;
    int nlocked;
    /* DML: where its target starts in OUT, its SET (UPDATE) and WHERE, or -1; the target's
     * alias; and what RETURNING ... INTO makes of it (sql_sqlite_stmt's) */
    int dml_target_at, dml_set_at, dml_where_at;
    sql_identity_column target_identity; /* INSERT / UPDATE: the target's identity column */
    int has_target_identity;
    int identity_value; /* INSERT: which value is the identity column's (-1: none given) */
    sql_identity *identities; /* CREATE TABLE's identity columns (sql_sqlite_stmt's) */
    int nidentities;
    char dml_alias[SQL_IDENT_MAX + 1];
    int nreturning;
    char *returning_before, *returning_after;
    /* Cursor expressions (cursor_expr.c): allowed in the select list being parsed; those met,
     * the SQLite text of their hidden values, and the select list's items so far */
    int cursor_ok;
    sql_cursor_expr *cursor_exprs;
    int ncursor_exprs, nhidden_values;
    buf hidden_values;
    int select_items, select_star_at; /* select_star_at: items before the last * + 1, or 0 */
    /* A statement written as several (xlat_parts.c): sql_sqlite_stmt's */
    unsigned uncounted;
    int stable_check;
    int query_at; /* CREATE TABLE ... AS query, INSERT ... query: where it starts in out */
    /* Exact arithmetic (xlat_exact.c): the expression being written computes exactly; the next
     * parse_expr does; the top query's select list may; the names read after it; the positions
     * (bit n-1) ORDER BY names. */
    int exact, exact_next, exact_items;
    char **exact_refs;
    int nexact_refs;
    unsigned long long exact_unordered;
    /* Typing (xlat_types.c): the FROM items in scope, innermost last; the type of the
     * expression parse_expr wrote last; the operand parse_operand writes, once known */
    struct scope_item *scope;
    int nscope;
    struct cte_columns *cte_cols; /* the WITH queries' columns, by name */
    int ncte_cols;
    struct sub_columns sub; /* the subquery in FROM being written */
    struct sub_columns query_cols; /* the query being written, for its ORDER BY */
    int query_compound;            /* ... has a set operator */
    int block_base;       /* the block being written: its items' index in scope */
    int block_no_expand;  /* its FROM has a USING / NATURAL join or an item without alias */
    xtype expr_type, operand_type, item_type; /* item_type: the select list item just written */
    xtype query_type; /* the query just written: its one column's type (a scalar subquery's) */
    int wrapped_at;   /* where number_of_text last wrapped a value (output position) */
    int query_stored; /* the query just written hands on a NUMBER column's text (its one
                       * column is one, or a value number_of_text wrapped) */
    int numbers_as_values; /* the select list being written is a compound query's: NUMBER items
                            * as numbers (number_of_text), whose texts would not compare */
    int typed_operand;
    int outer_join_ok; /* the condition being written may mark columns with (+) */
    sql_object_name *targets;
    int ntargets;
    /* The hierarchical query block being written (CONNECT BY: xlat_connect.c), NULL when the
     * query being written is none; owned by parse_query. */
    struct xconnect *connect;
} xlat;

/* ---- token cursor (xlat_out.c) ---- */
const sql_token *cur(const xlat *x);
const sql_token *ahead(const xlat *x, int k);
void advance(xlat *x);
int at_word(const xlat *x, const char *kw);
int ahead_word(const xlat *x, int k, const char *kw);
int at_op(const xlat *x, const char *op);
int ahead_op(const xlat *x, int k, const char *op);
int at_name(const xlat *x); /* a word that is not reserved, or a quoted identifier */
/* Is T a word reserved in Oracle SQL or a clause keyword (keywords.c)? */
int word_is_reserved(const xlat *x, const sql_token *t);
int sql_word_is_reserved(const char *word);
/* Is WORD one of Oracle's reserved words proper (V$RESERVED_WORDS), not just a clause word? */
int sql_word_is_oracle_reserved(const char *word);
int sql_is_sqlite_keyword(const char *name);
/* Is the query starting at the current '(' (after any further '(') a SELECT/WITH? */
int paren_starts_query(const xlat *x, int k);
int xlat_fail(xlat *x, int code, const sql_token *at); /* ora_set at the token's offset */
int fail_identifier(xlat *x, const sql_token *t);      /* ORA-00904 "NAME": invalid identifier */
int expect_op(xlat *x, const char *op, int code);      /* write OP or fail with CODE */
int expect_word(xlat *x, const char *kw, int code);    /* write KW or fail with CODE */
int skip_parens(xlat *x); /* skip a parenthesised group unwritten (907 if unclosed) */
int skip_group(xlat *x);  /* the same without an error: 0, or -1 at the end unclosed */
int tok_is_set_operator(const xlat *x, const sql_token *t); /* UNION INTERSECT MINUS EXCEPT */
/* Does the word K tokens ahead end a WHERE clause at its own level (GROUP, ORDER, UNION ...)? */
int ends_where(const xlat *x, int k);
/* [NOWAIT | WAIT n] of FOR UPDATE and LOCK TABLE into x->wait (unwritten). */
int parse_lock_wait(xlat *x);
int xlat_enter(xlat *x);  /* depth++ with the limit check */
void xlat_leave(xlat *x);

/* ---- output and offset map (xlat_out.c) ---- */
/* Append TEXT, mapped to ORACLE_OFF; SPACE: put a blank before it when the output doesn't end in
 * one. */
void out_text(xlat *x, const char *text, int oracle_off, int space);
/* Insert TEXT at output position AT (shifting the map), mapped to ORACLE_OFF. */
void out_insert(xlat *x, int at, const char *text, int oracle_off);
/* Copy the current token with the plain rewrites (case folding, literals, binds, ^=) and advance.
 */
void emit_tok(xlat *x);
/* Write WORD in place of the current token (e.g. EXCEPT for MINUS) and advance. */
void emit_word(xlat *x, const char *word);
void replace_tok(xlat *x, const char *text); /* same, without a blank before it (",") */
void emit_ident(xlat *x, const char *name, int oracle_off, int space);
void append_ident(buf *out, const char *name); /* NAME as a SQLite identifier, quoted if needed */
void emit_name(xlat *x); /* the word or quoted identifier at the cursor as a name; advance */
int emit_bind(xlat *x);  /* the bind at the current token as ?N; returns N */
int add_bind(xlat *x, const sql_token *t);

/* ---- names (names.c) ---- */
/* Read [schema.]name at the cursor; -1 (no error set) if there is no name. */
int read_qname(xlat *x, qname *qn);
int name_is_global(const xlat *x, const qname *qn);
int name_is_cte(const xlat *x, const char *name);
void add_cte(xlat *x, const char *name);
void push_str(char ***arr, int *n, const char *s); /* append a copy of S to a list */
/* Write the SQLite name of a schema object: "SCOTT.EMP", or the global name. */
void emit_object(xlat *x, const qname *qn, int space);
void append_object(const xlat *x, const qname *qn, buf *out);
/* Fill x->object. */
void set_object(xlat *x, const qname *qn);
/* QN as the schema object it names (schema filled in), in new strings. */
sql_object_name object_name_of(const xlat *x, const qname *qn);
/* Does NAME need double quotes in SQLite (characters, case, or a SQLite keyword)? */
int ident_needs_quotes(const char *name);

/* ---- expressions (xlat_expr.c) ---- */
enum {
    EXPR_STOP_ANDOR = 1, /* stop at a top-level AND/OR (WHERE conjuncts) */
    EXPR_STOP_IS = 2,    /* stop at IS (JSON_OBJECT's KEY k IS v) */
};
typedef struct expr_info {
    xtype type;    /* its type, as far as known */
    int is_column; /* a bare, possibly dotted, column name written as is */
    int is_sequence_value; /* a bare [schema.]sequence.NEXTVAL | CURRVAL */
} expr_info;
int parse_expr(xlat *x, int flags, expr_info *info);
/* A value written from output position AT (Oracle offset OFF) of type TYPE that may be a NUMBER
 * column's decimal text: compared as a number, or made one (AS_NUMBER), unless EXACT (it goes
 * to the client as it is). */
void number_of_text(xlat *x, int at, int off, xtype type, int exact, int as_number);
int parse_expr_list(xlat *x); /* expr {, expr} */
/* ( expr-list ) or ( query ) at the cursor, written with its parentheses. */
int parse_paren(xlat *x);
int parse_order_by(xlat *x); /* ORDER BY items, NULLS FIRST/LAST made explicit */
int parse_operand(xlat *x, expr_info *oi); /* one operand, its type in OI */

/* ---- exact arithmetic in the select list (xlat_exact.c) ---- */
/* At the top query's select list (COMPOUND: a set operator follows it): may its items compute
 * exactly (x->exact_items)? */
void plan_exact_items(xlat *x, int compound);
/* May the select list item COL, at the cursor, compute exactly? */
int exact_item(const xlat *x, int col);
/* The number literal at the cursor: ORA_XNUMBER('...') when the expression is exact and the
 * literal longer than a double holds. */
void emit_exact_literal(xlat *x);

/* ---- expression types (xlat_types.c) ---- */
xtype decl_xtype(const char *decltype);             /* of a column's declared type */
xtype arith_xtype(xtype a, xtype b, char op);       /* of A op B, OP one of + - * / | */
xtype function_xtype(const char *name, xtype first); /* of a call; FIRST its first argument's */
/* The function a comparison of A with B must be written with (its name and "("), as their
 * texts do not order their values: intervals, a DATE with a TIMESTAMP, a value with a time
 * zone.  NULL: SQLite's own comparison is right, or the types are not known. */
const char *compare_function(xtype a, xtype b);
/* The same for X BETWEEN LOW AND HIGH: FN(x, low, high), or NULL. */
const char *between_function(xtype x, xtype low, xtype high);
/* Does function FNAME return one of its arguments as it is (NVL, MAX ...)?  Of a NUMBER column,
 * that is its decimal text, which SQLite would compare as text (xlat_expr.c converts it). */
int passes_value(const char *fname);
/* What ORDER BY sorts a value of type T by, "KEY(" (a text that sorts as the values compare),
 * or NULL: the value itself. */
const char *order_key_function(xtype t);
/* The prefix that makes a call of FNAME (NARGS arguments, the first of type T) Warden's own
 * function, where SQLite's would answer otherwise than Oracle; EXACT: the call is in an exact
 * position (xlat_exact.c), its value going to the client only; ANALYTIC: OVER follows it:
 *  - MAX and MIN of one interval or value with a time zone (not ANALYTIC: Warden's have no
 *    inverse step), GREATEST and LEAST of them: "ORA_INTERVAL_" or "ORA_DATETIME_"
 *    (ORA_INTERVAL_MAX), which compare them by value;
 *  - SUM and AVG of a number (or of text, or what is not known): "ORA_" (ORA_SUM), or "ORA_X"
 *    where EXACT, which add exactly;
 * NULL: SQLite's own (or Warden's GREATEST) is right. */
const char *function_prefix(const char *fname, int nargs, xtype t, int exact, int analytic);
/* Before a query block's select list (the cursor on it): its FROM items into scope (until
 * scope_close with the size the scope had before its query). */
void scope_open(xlat *x);
void scope_close(xlat *x, int base);
/* A DML statement's target table QN (ALIAS, or its name) into scope. */
void scope_add_table(xlat *x, const qname *qn, const char *alias);
/* SELECT * (QUALIFIER NULL) or QUALIFIER.* of the block being written, as the list of its
 * columns, written at Oracle offset OFF (SPACE: after a blank): 1, or 0 when it cannot be
 * (then * stays).  A session's overlay view has a hidden rowid column that * would bring. */
int expand_star(xlat *x, const char *qualifier, int off, int space);
/* A select list item named NAME ("" when it has no name of its own) of type TYPE was written
 * (STAR: it was a *; REF: the first token of a bare column, else -1; STORED: it hands on a
 * NUMBER column's text): noted when it is a column of the subquery in FROM being written, and
 * for ORDER BY and scalar subqueries. */
void note_sub_column(xlat *x, const char *name, xtype type, int star, int ref, int stored);
/* The select list being written is over (its first block's columns are all noted). */
void close_sub_columns(xlat *x);
/* The type of ORDER BY's select list column POSITION (from 1) or NAME (NULL: by position), and
 * its name into NAME_OUT: XT_UNKNOWN when not known. */
xtype order_column(const xlat *x, int position, const char *name, char *name_out, size_t size);
/* The type of the query being written when it has one column (XT_UNKNOWN otherwise): what a
 * scalar subquery of it is. */
xtype query_column_type(const xlat *x);
/* The type of column I of the query being written, its bare columns typed again now. */
xtype query_column_type_at(const xlat *x, int i);
/* MERGE's source subquery at token AT (its "(") into scope, with its alias ("": none) after it. */
void scope_add_subquery(xlat *x, int at);
/* Around a subquery in FROM: begin noting its columns (SAVED keeps the outer one's), then give
 * them to the scope item of the subquery that starts at token AT (-1: none). */
void sub_columns_begin(xlat *x, struct sub_columns *saved);
/* The same around a WITH query NAME: its columns kept for the FROM items that name it, renamed
 * by its column list NAMES (NNAMES of them; 0: none). */
void cte_columns_end(xlat *x, const char *name, char names[][SQL_IDENT_MAX + 1], int nnames,
                     const struct sub_columns *saved);
void cte_columns_free(xlat *x);
void sub_columns_end(xlat *x, int at, const struct sub_columns *saved);
/* Is there a set operator (UNION ...) after the cursor in this query? */
int set_operator_follows(const xlat *x);
/* The FROM item of the block being written (its index in x->scope) that has column COLUMN,
 * or -1: none, more than one, or one whose columns are not known. */
int block_item_of_column(const xlat *x, const char *column);
/* ... whose alias (or table name) is ALIAS, or -1. */
int block_item_of_alias(const xlat *x, const char *alias);
/* The type of column COLUMN (of QUALIFIER's FROM item, or NULL: the innermost that has it). */
xtype column_xtype(const xlat *x, const char *qualifier, const char *column);
/* The declared type of a table's column (as column_xtype finds it) into DECL: 1, or 0 when it
 * is not a table's column in scope (a subquery's, or unknown). */
int column_decl(const xlat *x, const char *qualifier, const char *column, char *decl,
                size_t size);
/* The most characters the select list item of tokens FIRST .. END can have when it is a text
 * expression whose length Oracle's rules give (xlat_sizes.c), *IS_CHAR when Oracle describes it
 * as a CHAR (string literals only); 0 when not known, or a column alone. */
int select_item_text_size(const xlat *x, int first, int end, int *is_char);
/* Is the bare [qualifier.]column that starts at token REF a table's text column with an IS JSON
 * check constraint (sql_ctx.column_is_json)? */
int column_ref_is_json(const xlat *x, int ref);
/* The operand being written has type T (the last thing its writer does). */
void set_operand_type(xlat *x, xtype t);

/* ---- SQL/JSON (xlat_json.c) ---- */
/* The JSON_ function FNAME called at the cursor, rewritten: 0, -1 with the error, 1 when FNAME
 * is no SQL/JSON function. */
int parse_json_call(xlat *x, const char *fname);
/* IS [NOT] JSON ... at the cursor, the operand before it written from output position START
 * (Oracle offset START_OFF): wrapped into ORA_IS_JSON. */
int parse_is_json(xlat *x, int start, int start_off);

/* ---- cursor expressions (cursor_expr.c) ---- */
/* Is CURSOR ( query ) at the cursor? */
int at_cursor_expr(const xlat *x);
/* CURSOR ( query ) as the whole select item at the cursor: its column (a NULL) written. */
int parse_cursor_expr(xlat *x);
/* After the select list: the hidden values written, the columns placed (x->select_items). */
int finish_cursor_exprs(xlat *x);
void free_cursor_exprs(sql_cursor_expr *v, int n);

/* ---- queries (xlat_query.c) ---- */
int parse_query(xlat *x, int top); /* [WITH ...] block {set-op block} [ORDER BY] [OFFSET/FETCH] */
/* WHERE condition, ROWNUM filters go to LIM (NULL: not allowed here). */
int parse_where(xlat *x, rownum_limit *lim);
/* Parts of a query block xlat_connect.c shares: the FROM items; GROUP BY and HAVING; a
 * ROWNUM filter at the cursor taken into LIM (1, tokens consumed; 0: none); LIMIT of one. */
int parse_from_items(xlat *x);
int parse_table_ref(xlat *x); /* one FROM item */
int join_words(const xlat *x); /* [NATURAL] [INNER | ...] JOIN at the cursor: how many words */
int parse_select_tail(xlat *x, rownum_limit *lim);
int rownum_filter(xlat *x, rownum_limit *lim);
void emit_rownum_limit(xlat *x, const rownum_limit *l);

/* ---- Oracle's outer joins, (+) (xlat_outer_join.c) ---- */
/* After FROM: does the block's WHERE mark columns with (+)? */
int block_has_outer_join(const xlat *x);
/* Its FROM items and WHERE (after FROM) written as joins: the outer ones LEFT JOIN ... ON the
 * conditions that mark them, the others WHERE's; ROWNUM filters into LIM. */
int write_outer_join_block(xlat *x, rownum_limit *lim);

/* ---- PIVOT and UNPIVOT (xlat_pivot.c) ---- */
int at_pivot(const xlat *x); /* PIVOT ( or UNPIVOT ... at the cursor */
/* The clause at the cursor after the FROM item written from output position OUT_START (its
 * first token AT): the item rewritten as a subquery of the clause's rows. */
int parse_pivot_clause(xlat *x, int out_start, int at);
/* The top query's column COL (from 0) has type TYPE: noted for the describe (xlat_query.c). */
void note_column_type(xlat *x, int col, xtype type);

/* ---- hierarchical queries (xlat_connect.c) ---- */
/* At a block's SELECT: has the block a CONNECT BY (or START WITH) clause? */
int block_is_hierarchical(const xlat *x);
/* The block at the cursor is hierarchical: x->connect set up for its select list. */
void connect_begin(xlat *x);
void connect_free(xlat *x);
/* The rest of the hierarchical block, from FROM on (its select list written from output
 * position START): the whole block rewritten as a recursive WITH query. */
int write_hierarchical_block(xlat *x, rownum_limit *lim, int start);
/* LEVEL, PRIOR, CONNECT_BY_ROOT, CONNECT_BY_ISLEAF, CONNECT_BY_ISCYCLE or
 * SYS_CONNECT_BY_PATH(...) at the cursor, written as the clause being written reads it. */
int parse_connect_operand(xlat *x, expr_info *oi);
/* Is the hierarchical block being written a join? */
int connect_joined(const xlat *x);
/* The column [q.]c (NPARTS names from token FIRST) of a hierarchical join's FROM item, written
 * as the hierarchy hands it on ("Q.C"): 1; 0 when it is not one (written as usual); -1 with
 * the error. */
int connect_column(xlat *x, int first, int nparts);
/* May ORDER SIBLINGS BY be at the cursor?  Then it is taken for the hierarchy. */
int connect_siblings_ok(const xlat *x);
/* After the query's blocks and no ORDER BY: its rows in the hierarchy's order. */
void connect_order_rows(xlat *x);

/* ---- one statement as several (xlat_parts.c) ---- */
/* Where a clause went in OUT: [from, to). */
typedef struct xpart {
    int from, to;
} xpart;
void part_begin(const xlat *x, xpart *p);
void part_end(const xlat *x, xpart *p);
/* Does part P's SQLite text name table TABLE ("S.T")? */
int part_names(const xlat *x, const xpart *p, const char *table);
/* The statements being put together, with their offset map. */
typedef struct xasm {
    buf out;
    sql_offset *map;
    int nmap, cap, nstatements;
} xasm;
void asm_init(xasm *a);
void asm_text(xasm *a, const char *text, int oracle_off); /* glue text */
void asm_part(xasm *a, const xlat *x, const xpart *p);
void asm_inner(xasm *a, const xlat *x, const xpart *p); /* P without its outer ( ) */
void asm_end_statement(xasm *a);
/* X's output from FROM on moved into A (X's output ends at FROM). */
void asm_cut(xasm *a, xlat *x, int from);
void asm_append(xasm *a, const xasm *src); /* SRC's text and map after A's */
/* X's output from FROM on replaced by A's text. */
void asm_replace_tail(xlat *x, int from, const xasm *a);
void asm_free(xasm *a);
/* Make the statements X's output (A's buffers move to X). */
void asm_finish(xlat *x, xasm *a);

/* ---- statements (xlat_dml.c, xlat_ddl.c, admin_parse.c) ---- */
int translate_insert(xlat *x);
/* MERGE (xlat_merge.c); INSERT ALL | FIRST (xlat_insert_all.c), at ALL | FIRST */
int translate_merge(xlat *x);
int translate_insert_all(xlat *x);
/* Parts of INSERT and UPDATE the others share (xlat_dml.c): the target of an INSERT as the
 * context wants it written (a staging table); the identity column of x->object; a SET or
 * INSERT column [t.]col (UPDATING: SET's rules); ( col, ... ) of INSERT; ( expr, ... ) of
 * VALUES. */
void emit_insert_target(xlat *x, const qname *qn);
void find_target_identity(xlat *x);
int parse_column_target(xlat *x, int updating);
int parse_column_list(xlat *x, int updating);
int parse_values_row(xlat *x);
int parse_comment(xlat *x); /* comment_parse.c */
int parse_sequence(xlat *x); /* sequence_parse.c: at CREATE | ALTER | DROP SEQUENCE */
/* The options of a sequence (Q->action says which are allowed) at the cursor: how many. */
int parse_sequence_options(xlat *x, sql_sequence_stmt *q);
int translate_update(xlat *x);
int translate_delete(xlat *x);
int translate_create(xlat *x);
int translate_drop(xlat *x);
int translate_alter_table(xlat *x);
int translate_truncate(xlat *x);
int translate_rename(xlat *x);
int translate_lock_table(xlat *x);
int parse_admin(xlat *x); /* CREATE/ALTER/DROP USER|PROFILE, GRANT, REVOKE */
/* Is the statement at the cursor one parse_admin handles? */
int is_admin_statement(const xlat *x);
/* ALTER SYSTEM ... at the cursor (alter_system_parse.c). */
int parse_alter_system(xlat *x);
/* ALTER SESSION ... at the cursor (alter_session_parse.c). */
int parse_alter_session(xlat *x);

#endif
