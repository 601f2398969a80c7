/*
 * plsql_parse.h - the PL/SQL compiler's shared state: the token cursor, the
 * names in scope, and the entry points of its parts (statements in
 * plsql_parse.c, expressions in plsql_parse_expr.c, embedded SQL in
 * plsql_sqltext.c, names in plsql_scope.c).
 */
#ifndef WARDEN_PLSQL_PARSE_H
#define WARDEN_PLSQL_PARSE_H

#include "../sql/lexer.h"
#include "plsql_int.h"

/* More PLS- message texts used in more than one place. */
#define PLS_WRONG_TYPE 382, "expression is of wrong type"
#define PLS_WRONG_ARGS 306, "wrong number or types of arguments in call to '%s'"
#define PLS_NOT_TARGET 363, "expression '%s' cannot be used as an assignment target"
#define PLS_RESTRICTION 999, "implementation restriction (may be temporary) %s"
#define PLS_ARRAY_TYPE 418, "array bind type must match PL/SQL table row type"
#define PLS_INTO_TYPE 597, "expression '%s' in the INTO list is of wrong type"

/* Oracle's lists of what may come next, for PLS-00103. */
#define EXPECT_STMT                                                                                \
    "( begin case declare exit for goto if loop mod null pragma\n"                                 \
    "   raise return select update while with <an identifier>\n"                                   \
    "   <a double-quoted delimited-identifier> <a bind variable> <<\n"                             \
    "   continue close current delete fetch lock insert open rollback\n"                           \
    "   savepoint set sql execute commit forall merge pipe purge"
#define EXPECT_EXPR                                                                                \
    "( - + case mod new not null <an identifier>\n"                                                \
    "   <a double-quoted delimited-identifier> <a bind variable>\n"                                \
    "   continue avg count current exists max min prior sql stddev\n"                              \
    "   sum variance execute forall merge time timestamp interval\n"                               \
    "   date <a string literal with character set specification>\n"                                \
    "   <a number> <a single-quoted SQL string> pipe"
#define EXPECT_DECL                                                                                \
    "begin function pragma procedure subtype type <an identifier>\n"                               \
    "   <a double-quoted delimited-identifier> current cursor delete\n"                            \
    "   exists prior"
#define EXPECT_AFTER_NAME ":= . ( @ % ;"
#define EXPECT_OPERATOR                                                                            \
    ". ( * @ % & = - + ; < / > at in is mod remainder not rem\n"                                   \
    "   <an exponent (**)> <> or != or ~= >= <= <> and or like like2\n"                            \
    "   like4 likec between || multiset member submultiset"

typedef struct pl_parser {
    const char *src;
    sql_tokens toks;
    int pos;
    pl_program *prog;
    ora_error *err;
    int depth;           /* nesting, bounded by PL_MAX_NEST */
    int nstmts;          /* bounded by PL_MAX_STMTS */
    int stmt_off;        /* start of the statement being compiled ("Statement ignored") */
    const char *ignored; /* "Statement" or "Item" */
    int *visible;        /* slots in scope, innermost last */
    int nvisible, cap_visible;
    const pl_stmt *loops[PL_MAX_NEST]; /* enclosing loops, innermost last */
    int nloops;
    int in_handler;        /* RAISE; is allowed */
    int line_off, line_no; /* pp_line's last answer: the line at byte LINE_OFF */
    const plsql_host *host; /* finds the stored units the text calls (may be NULL) */
    const pl_type *returns; /* compiling a function: its RETURN type (RETURN needs a value) */
    int param_types;        /* parsing parameters: VARCHAR2 and CHAR take no length */
    const plsql_value *binds; /* the host binds the text runs with, when known (NBINDS) */
    int nbinds;
    pl_subprogram **vsubs; /* subprograms in scope, innermost last */
    int nvsubs, cap_vsubs;
} pl_parser;

/* ---- tokens ---- */
const sql_token *pp_tok(const pl_parser *p);
const sql_token *pp_peek(const pl_parser *p, int ahead);
int pp_at_word(const pl_parser *p, const char *kw);
int pp_peek_word(const pl_parser *p, int ahead, const char *kw);
int pp_at_op(const pl_parser *p, const char *op);
int pp_peek_op(const pl_parser *p, int ahead, const char *op);
int pp_accept_word(pl_parser *p, const char *kw);
int pp_accept_op(pl_parser *p, const char *op);
int pp_expect_word(pl_parser *p, const char *kw, const char *expected);
int pp_expect_op(pl_parser *p, const char *op, const char *expected);
/* The current token's name (upper-cased unless quoted) into OUT. */
void pp_name(const pl_parser *p, char out[SQL_IDENT_MAX + 1]);
/* Is the current token a name that is not a reserved word? */
int pp_at_name(const pl_parser *p);
int pp_is_reserved(const char *upper_name);
int pp_syntax_error(pl_parser *p, const char *expected);
/* A semantic error at OFF, followed by "PL/SQL: Statement/Item ignored". */
int pp_error(pl_parser *p, int off, int pls, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
int pp_enter(pl_parser *p); /* one level deeper; -1 past PL_MAX_NEST */
void pp_leave(pl_parser *p);
int pp_line(pl_parser *p, int off); /* 1-based line of byte OFF */
char *pp_strdup(pl_parser *p, const char *s);

/* ---- names (plsql_scope.c) ---- */
pl_decl *pp_declare(pl_parser *p, const char *name, int off, int *slot);
int pp_lookup(const pl_parser *p, const char *name); /* slot, or -1 */
void pp_make_visible(pl_parser *p, int slot);       /* an existing slot's name in scope */
pl_decl *pp_decl(const pl_parser *p, int slot);
/* Host bind number of :name, noting its USE (PLSQL_BIND_READ or PLSQL_BIND_WRITTEN). */
int pp_bind_index(pl_parser *p, const sql_token *t, int use);

/* ---- expressions (plsql_parse_expr.c) ---- */
pl_expr *pp_expr(pl_parser *p);
pl_expr *pp_condition(pl_parser *p); /* a BOOLEAN expression */
pl_expr *pp_new_expr(pl_parser *p, pl_expr_kind kind, int off);
int pp_sty_of_type(const pl_type *t);

/* ---- embedded SQL (plsql_sqltext.c) ---- */
typedef struct pp_sql_builder {
    buf text;
    pl_expr *binds, **tail;
    int nbinds;
    int insert_columns; /* INSERT: the column list is not PL/SQL names */
    int *offs;          /* nbinds placeholder offsets */
    struct pl_sql_name *names;
    int nnames;
    const char **tables;
    int ntables;
    int depth;          /* parentheses */
    uint64_t from_list; /* bit d: a FROM list is open at depth d */
} pp_sql_builder;
int pp_statement_end(pl_parser *p, int from); /* index of the ';' ending it, or -1 */
void pp_sql_begin(pp_sql_builder *b);
void pp_sql_add(pl_parser *p, pp_sql_builder *b, int from, int to);
void pp_sql_end(pl_parser *p, pp_sql_builder *b, pl_sql *out);

/* ---- declarations (plsql_parse_decl.c) ---- */
/* What a declarative part may hold besides items, and what ends it. */
enum {
    DECL_BLOCK,   /* a block's or a subprogram's: subprogram bodies too; up to BEGIN */
    DECL_SPEC,    /* a package specification's: subprogram headers; up to END */
    DECL_PACKAGE, /* a package body's: subprogram bodies; up to BEGIN or END */
};
/* The declarations of a block whose first slot is BLOCK_FIRST: the slot after its items (its
 * subprograms' slots follow), or -1. */
int pp_declarations(pl_parser *p, int block_first, int what);
int pp_type(pl_parser *p, pl_type *t);
/* The name after a declaration's keyword (CURSOR, TYPE: the current token) into NAME, *OFF
 * its place. */
int pp_declared_name(pl_parser *p, char name[SQL_IDENT_MAX + 1], int *off);

/* ---- stored units (plsql_units.c) ---- */
/* NAME (OWNER.NAME when OWNER is not NULL) as a stored unit the host has, or NULL (no error
 * set unless the unit exists and cannot be called: P->err). */
const pl_signature *pp_find_unit(pl_parser *p, const char *owner, const char *name, int off);
/* The arguments of a call of SIG (or of the overload of its name they fit best) at the current
 * token ("(" or none). */
pl_call *pp_call_arguments(pl_parser *p, const pl_signature *sig, int off);
/* The same, of SIG itself. */
pl_call *pp_call_arguments_of(pl_parser *p, const pl_signature *sig, int off);
/* A call's formal parameters, for matching its arguments by position or by name. */
typedef struct pp_formals {
    const char *unit;         /* the callee, for PLS-00306 */
    const char *const *names; /* N formal names */
    int n;
    int off;         /* the call, for PLS-00306 */
    pl_expr **argv;  /* N slots, NULL until given */
    /* May be NULL: vets argument E for formal I (0, or -1 with the error set). */
    int (*check)(pl_parser *p, void *arg, int i, pl_expr *e);
    void *check_arg;
} pp_formals;
/* ( arg, name => arg, ... ) at the current token - or nothing, or () - into A->argv:
 * 0, or -1 (PLS-00306 for an unknown name or a slot given twice, PLS-00312). */
int pp_arguments(pl_parser *p, const pp_formals *a);
/* An OUT argument must be something a value can be put in (PLS-00363); a bind becomes
 * written too. */
int pp_out_argument(pl_parser *p, pl_expr *e);
/* The header of a unit at the current token (PROCEDURE / FUNCTION ... IS|AS) into SIG;
 * DECLARE: its parameters become the next slots. */
int pp_unit_header(pl_parser *p, pl_signature *sig, int declare);
/* The same without IS|AS (a declaration's header, before its ';'). */
int pp_subprogram_header(pl_parser *p, pl_signature *sig, int declare);

/* ---- subprograms (plsql_subprograms.c) ---- */
/* A subprogram's declaration or definition at the current token (PROCEDURE / FUNCTION), in a
 * scope whose subprograms are P->vsubs[SCOPE_SUBS..]; SPEC: a package specification's. */
int pp_subprogram(pl_parser *p, int scope_subs, int spec);
pl_subprogram *pp_add_subprogram(pl_parser *p, const pl_signature *sig, int off);
void pp_subprogram_visible(pl_parser *p, pl_subprogram *sub);
/* The innermost subprogram in scope named NAME, or NULL. */
const pl_signature *pp_find_subprogram(const pl_parser *p, const char *name);
/* Every subprogram declared has a body (PLS-00323 / PLS-00328 at OFF otherwise). */
int pp_check_defined(pl_parser *p, int off);
/* The overload of SIG's name whose parameters the arguments at the current token fit best
 * (the cursor stays); NULL with PLS-00306 when none takes them. */
const pl_signature *pp_choose_overload(pl_parser *p, const pl_signature *sig, int off);

/* ---- packages (plsql_package.c) ---- */
/* A package specification, the whole text (PACKAGE name ... END;): pp_compile's PARSE. */
pl_block *pp_package_spec(pl_parser *p);
/* The package OWNER.NAME (OWNER NULL: the session's), compiled once per program: NULL when
 * there is none (no error set) or when it does not compile (PLS-00905). */
const pl_package_ref *pp_package(pl_parser *p, const char *owner, const char *name, int off);
/* Package REF's variable or constant MEMBER: its slot, or -1. */
int pp_package_slot(const pl_package_ref *ref, const char *member);
/* Package REF's subprogram MEMBER as its callers see it, or NULL. */
const pl_signature *pp_package_subprogram(pl_parser *p, const pl_package_ref *ref,
                                          const char *member);
/* The overloads of package subprogram SIG's name (at most MAX) into OUT: their number. */
int pp_package_overloads(pl_parser *p, const pl_signature *sig, const pl_signature **out, int max);
/* [schema.]package.member at the current token (a name, the cursor on it): the package and
 * MEMBER (upper case), the cursor past it; NULL when the name is no package (cursor kept). */
const pl_package_ref *pp_package_member(pl_parser *p, char member[SQL_IDENT_MAX + 1], int *off);
/* Is NAME the package being compiled (its own members named package.member)? */
int pp_is_own_package(const pl_parser *p, const char *name);

/* ---- associative arrays (plsql_parse_coll.c) ---- */
int pp_is_collection(const pl_parser *p, int slot); /* a collection variable? */
int pp_type_declaration(pl_parser *p, int block_first); /* TYPE t IS TABLE OF ... INDEX BY */
/* NAME (or package NAME's MEMBER) as a declared collection type: 1 with T a variable's type of
 * it, 0 when it is none, -1 on an error (the package does not compile). */
int pp_collection_type_name(pl_parser *p, const char *name, const char *member, int off,
                            pl_type *t);
/* Argument E for a parameter of type FORMAL of UNIT: a collection for a collection (of its
 * type, or a host array of its element type), a scalar for a scalar (PLS-00306, PLS-00418). */
int pp_collection_argument(pl_parser *p, const pl_type *formal, const pl_expr *e,
                           const char *unit);
/* After a collection's name (SLOT; the cursor after it): v(i), v.method, or v itself. */
pl_expr *pp_collection_expr(pl_parser *p, const struct pl_package_ref *pkg, int slot, int off);
/* v(i), at the '(' (PKG: package PKG's variable SLOT, NULL: the program's) */
pl_target *pp_element_target(pl_parser *p, const struct pl_package_ref *pkg, int slot, int off);
int pp_target_sty(const pl_parser *p, const pl_target *t);
/* Host bind INDEX used as a scalar: PLS-00418 when the client bound an array. */
int pp_scalar_bind(pl_parser *p, int index, int off);
/* A host bind's static type: STY_COLL for a client's array, else STY_UNKNOWN. */
int pp_bind_sty(const pl_parser *p, int index);
/* E (a whole collection, or a host array) where a scalar goes: PLS-00418 for an array bind,
 * PLS-00382 otherwise. */
int pp_not_scalar(pl_parser *p, const pl_expr *e);
/* The value of assignment S (the cursor after :=): a collection one becomes ST_COLL_ASSIGN. */
int pp_collection_assignment(pl_parser *p, pl_stmt *s);
/* RETURN V in a function: a collection of its RETURN type when it returns one, else no
 * collection (PLS-00382). */
int pp_collection_return(pl_parser *p, const pl_expr *v);
/* INIT as the initial value of a variable of type T: a collection's, of its type. */
int pp_collection_init(pl_parser *p, const pl_type *t, const pl_expr *init);
/* v.MEMBER ... ; as a statement (DELETE). */
pl_stmt *pp_collection_statement(pl_parser *p, const struct pl_package_ref *pkg, int slot,
                                 const char *member, int off);
/* An element or method of a collection at token I of embedded SQL into *OUT: its last token,
 * or -1 (none there, or an error in P->err). */
int pp_sql_collection(pl_parser *p, int i, pl_expr **out);
/* COLLECT INTO collections [LIMIT n] (after BULK; LIMIT where FETCH allows it) into S. */
int pp_bulk_into(pl_parser *p, pl_stmt *s, int fetch);
pl_stmt *pp_forall(pl_parser *p); /* FORALL i IN lo .. hi | INDICES OF c | VALUES OF c dml; */
/* Declare NAME unless the block (from slot BLOCK_FIRST) has it already (PLS-00371). */
pl_decl *pp_declare_in_block(pl_parser *p, const char *name, int off, int block_first);

/* ---- statements (plsql_parse.c) ---- */
pl_stmt *pp_statements(pl_parser *p);                 /* up to END / EXCEPTION / ELSE ... */
int pp_exception_section(pl_parser *p, pl_block *b); /* after EXCEPTION */
pl_stmt *pp_new_stmt(pl_parser *p, pl_stmt_kind kind, int off);
/* A unit's body after IS: declarations, BEGIN ... END [name]; (FIRST_SLOT: its first). */
pl_block *pp_unit_block(pl_parser *p);
/* Compile TEXT into PROG with PARSE (the whole text: a block, a unit): 0, or -1 with ERR. */
int pp_compile(const char *text, const plsql_host *host, const plsql_value *binds, int nbinds,
               pl_program *prog, ora_error *err, pl_block *(*parse)(pl_parser *p));
/* The same, adding to PROG as compiled so far (a package body to its specification); PROG is
 * freed on failure. */
int pp_compile_more(const char *text, const plsql_host *host, const plsql_value *binds,
                    int nbinds, pl_program *prog, ora_error *err,
                    pl_block *(*parse)(pl_parser *p));
pl_target *pp_target_list(pl_parser *p, int *count); /* INTO a, b, r.f, :x */

/* ---- statements with SQL in them (plsql_parse_sql.c); the current token is the verb ---- */
pl_stmt *pp_sql_statement(pl_parser *p); /* INSERT, UPDATE, DELETE, COMMIT ... */
pl_stmt *pp_select_into(pl_parser *p);
pl_stmt *pp_execute_immediate(pl_parser *p);
pl_stmt *pp_cursor_statement(pl_parser *p);            /* OPEN, FETCH, CLOSE */
int pp_cursor_slot(pl_parser *p);                      /* the declared cursor named here, or -1 */
int pp_parenthesized_query(pl_parser *p, pl_sql *out); /* FOR r IN ( SELECT ... ) */

#endif
