/*
 * plsql_int.h - the inside of the PL/SQL interpreter, shared by its files:
 * exact decimal numbers, values, the program tree the parser builds, and the
 * run-time state the executor keeps.  Nothing outside src/plsql includes it.
 */
#ifndef WARDEN_PLSQL_INT_H
#define WARDEN_PLSQL_INT_H

#include <stddef.h>
#include <stdint.h>

#include "../common/buf.h"
#include "../common/decimal.h"
#include "plsql.h"

/* ---- limits (input never makes the interpreter allocate or recurse without bound) ---- */
#define PL_MAX_NEST 64            /* nesting of blocks, statements and parentheses */
#define PL_MAX_EXPR_DEPTH 255     /* depth of one expression tree (a+b+c+... included) */
#define PL_MAX_STMTS 100000       /* statements in one program */
#define PL_MAX_ARGS 255           /* arguments of a call, values of an IN list or USING clause */
#define PL_MAX_SLOTS 65535        /* declared names in one program */
#define PL_MAX_TEXT 32767         /* longest VARCHAR2 value and DBMS_OUTPUT line, in bytes */
#define PL_MAX_LOB 0x7FFFFFFF     /* a CLOB / BLOB variable: as long as memory (the PGA) allows */
#define PL_MAX_DYN_DEPTH 8        /* EXECUTE IMMEDIATE of a block inside a block */
#define PL_MAX_CALL_DEPTH 64      /* stored procedures and functions calling each other */
#define PL_MAX_TEXT_LEN (4 << 20) /* longest block text accepted */


/* ======================= values (plsql_values.c) ======================= */

/*
 * A run-time value.  Text is never "" (Oracle's '' is NULL).  Numbers that
 * are integers within int64 are kept in I for speed, others as canonical
 * decimal text.
 */
typedef struct pval {
    int kind;   /* PLSQL_NULL, PLSQL_NUMBER, PLSQL_TEXT, PLSQL_DATE, PLSQL_BOOLEAN */
    int is_int; /* NUMBER held in I (TEXT is NULL) */
    int64_t i;  /* NUMBER when is_int; BOOLEAN 1/0 */
    char *text; /* owned: NUMBER when !is_int, TEXT, DATE storage text */
} pval;

pval pv_null(void);
pval pv_int(int64_t v);
pval pv_bool(int b);
pval pv_dec(const pdec *d);
pval pv_text(const char *s, size_t n); /* copies; empty text is NULL */
pval pv_take_text(int kind, char *s);  /* takes S (TEXT or DATE); empty is NULL */
pval pv_copy(const pval *v);
void pv_free(pval *v);
void pv_move(pval *dst, pval *src); /* frees DST, moves SRC into it, SRC becomes NULL */
/* The number V holds (NUMBER, or TEXT that reads as one): PDEC_OK or PDEC_INVALID. */
int pv_to_dec(const pval *v, pdec *out);
/* Canonical text of the NUMBER V into OUT. */
const char *pv_number_text(const pval *v, char out[PDEC_TEXT_MAX]);
pval pv_from_host(const plsql_value *v);
void pv_to_host(const pval *v, plsql_value *out); /* OUT->text allocated */
void pl_host_value_free(plsql_value *v);

/* ======================= the program tree (built by plsql_parse*.c) ======================= */

/* All tree memory comes from one arena (plsql_arena.c), freed at once. */
typedef struct pl_arena {
    struct pl_chunk *chunks;
} pl_arena;
void *pl_alloc(pl_arena *a, size_t n); /* zeroed */
char *pl_strndup(pl_arena *a, const char *s, size_t n);
void pl_arena_free(pl_arena *a);

typedef enum pl_type_kind {
    TY_ANY,         /* takes any value as it comes (col%TYPE) */
    TY_NUMBER,      /* precision 0: unconstrained */
    TY_PLS_INTEGER, /* PLS_INTEGER, BINARY_INTEGER...: 32-bit range */
    TY_VARCHAR2,
    TY_CHAR, /* blank-padded to length */
    TY_DATE,
    TY_TIMESTAMP,
    TY_BOOLEAN,
    TY_RECORD,    /* cursor FOR loop record */
    TY_CURSOR,    /* CURSOR c IS SELECT ... */
    TY_REFCURSOR, /* SYS_REFCURSOR: a cursor variable, its value a host cursor */
    TY_RAW,       /* RAW(n), BLOB (length PL_MAX_LOB): bytes, held as hex text */
    TY_INTERVAL,  /* INTERVAL YEAR TO MONTH / DAY TO SECOND: their text ("+01-02") */
    TY_EXCEPTION, /* e EXCEPTION */
    TY_COLL_TYPE,  /* TYPE t IS TABLE OF ... INDEX BY ...: the type's name (coll) */
    TY_COLLECTION, /* a variable of such a type (coll), its value in pl_slot.coll */
    TY_RECORD_TYPE, /* TYPE t IS RECORD (...): the type's name (record) */
} pl_type_kind;

typedef struct pl_type {
    pl_type_kind kind;
    int lob;              /* CLOB / NCLOB (a VARCHAR2), BLOB (a RAW) */
    int precision, scale; /* NUMBER(p,s); INTERVAL DAY(p) TO SECOND(s), YEAR(p) */
    int length;           /* VARCHAR2(n), CHAR(n) */
    int frac_digits;      /* TIMESTAMP(n): n (a parameter: 9) */
    int zone;             /* TIMESTAMP: 0, 1 WITH TIME ZONE, 2 WITH LOCAL TIME ZONE */
    int year_month;       /* INTERVAL YEAR TO MONTH (else DAY TO SECOND) */
    int char_units;       /* length counts characters, not bytes */
    int unconstrained;    /* a parameter's VARCHAR2 / CHAR: its value's own length, unpadded */
    const struct pl_coll_type *coll; /* TY_COLL_TYPE, TY_COLLECTION (plsql_collection.h) */
    /* A record declared as x%ROWTYPE: the table it has the columns of ("S.T" as written), or
     * the declared cursor (its slot + 1) whose row it is. */
    const char *rowtype_table;
    int rowtype_cursor;
    const struct pl_record_type *record; /* TY_RECORD_TYPE, and a TY_RECORD of that type */
} pl_type;

/* TYPE name IS RECORD (field type, ...): its fields, in order. */
typedef struct pl_record_type {
    const char *name;
    int nfields;
    const char **names; /* upper case */
    pl_type *types;
} pl_record_type;

/* Static types of expressions, for compile-time checks. */
enum { STY_UNKNOWN, STY_SCALAR, STY_BOOL, STY_COLL /* a whole collection */ };

typedef enum pl_expr_kind {
    EX_LITERAL,
    EX_VAR,     /* slot */
    EX_FIELD,   /* slot (a record), name */
    EX_BIND,    /* slot = host bind index */
    EX_UNARY,   /* op, a */
    EX_BINARY,  /* op, a, b */
    EX_IS_NULL, /* a [negated] */
    EX_LIKE,    /* a LIKE b [ESCAPE c] */
    EX_BETWEEN, /* a BETWEEN b AND c */
    EX_IN,      /* a IN (args) */
    EX_CASE,    /* CASE [a] WHEN/THEN pairs in args ELSE c END */
    EX_NATIVE,  /* op = pl_native_fn, args; sql: the host's call when it cannot */
    EX_SQL,     /* evaluated by the host: sql with :1..:n = args */
    EX_SQLCODE,
    EX_SQLERRM,    /* [a] */
    EX_CURSOR_ATTR, /* slot (-1: SQL%), op = pl_cursor_attr */
    EX_CALL,        /* a stored function: call */
    EX_PKG_VAR,     /* a variable or constant of another package: pkg, slot */
    EX_COLL,        /* a whole collection: slot */
    EX_ELEM,        /* an element of collection slot: a its key */
    EX_COLL_METHOD, /* slot.method[(a)]: op = pl_coll_method */
    EX_COLL_CTOR,   /* t(args): a nested table's or VARRAY's, type slot (of pkg) */
} pl_expr_kind;

enum pl_op {
    OP_ADD,
    OP_SUB,
    OP_MUL,
    OP_DIV,
    OP_POW,
    OP_CONCAT,
    OP_EQ,
    OP_NE,
    OP_LT,
    OP_LE,
    OP_GT,
    OP_GE,
    OP_AND,
    OP_OR,
    OP_NOT,
    OP_NEG
};
enum pl_native_fn { FN_NVL, FN_TO_CHAR, FN_TO_NUMBER, FN_MOD, FN_ABS, FN_ROUND, FN_TRUNC };
enum pl_cursor_attr { ATTR_FOUND, ATTR_NOTFOUND, ATTR_ISOPEN, ATTR_ROWCOUNT };

struct pl_call;
struct pl_package_ref;

typedef struct pl_expr {
    pl_expr_kind kind;
    int op;
    int negated; /* NOT LIKE, NOT BETWEEN, NOT IN, IS NOT NULL */
    int sty;     /* STY_* */
    int off;     /* byte offset of its first token */
    int depth;   /* of the tree below it, at most PL_MAX_EXPR_DEPTH */
    int slot;
    const char *name;
    int field_idx; /* EX_FIELD: column found last time */
    pval lit;      /* EX_LITERAL (text in the arena: never freed) */
    const char *sql;
    struct pl_expr *a, *b, *c;
    struct pl_expr *args;
    int nargs;
    const struct pl_call *call; /* EX_CALL */
    const struct pl_package_ref *pkg; /* EX_PKG_VAR */
    struct pl_expr *next;
} pl_expr;

/* Embedded SQL: the text with PL/SQL names replaced by :1..:n, and what they stand for. */
typedef struct pl_sql {
    int id; /* its run-time state: ex->sql_states[id] */
    const char *text;
    pl_expr *binds; /* nbinds expressions linked by next */
    int nbinds;
    int *bind_offs; /* where each placeholder starts in TEXT */
    /* Variables whose name a column could have: if a table of the statement has such a
     * column, Oracle takes the column, so the first run asks the host for the columns
     * of TABLES and puts those names back in place of their placeholders. */
    struct pl_sql_name {
        int bind;         /* its placeholder, 0-based */
        const char *name; /* normalized, as column names come back */
        const char *text; /* as written */
    } * names;
    int nnames;
    const char **tables; /* as written: "emp", "scott.emp" */
    int ntables;
} pl_sql;

/* The run-time side of a pl_sql: its text once the columns are known. */
typedef struct pl_sql_state {
    int resolved;
    char *text;         /* NULL: the compiled text stands */
    uint8_t *is_column; /* nbinds flags: placeholder put back as a column name */
} pl_sql_state;

/* Where an assignment or INTO puts a value. */
enum pl_target_kind { TG_VAR, TG_FIELD, TG_BIND, TG_PKG_VAR, TG_ELEM /* slot(index) */ };
typedef struct pl_target {
    enum pl_target_kind kind;
    int slot;
    const char *name; /* TG_FIELD */
    const struct pl_package_ref *pkg; /* TG_PKG_VAR: another package's variable SLOT */
    struct pl_expr *index;            /* TG_ELEM: the element's key */
    int off;
    struct pl_target *next;
} pl_target;

/* An exception name in RAISE or WHEN: a code, or a declared exception. */
typedef struct pl_exc_ref {
    int code; /* Oracle error number (1403 ...), 0 for a declared exception */
    int slot; /* declared exception, -1 otherwise */
    const struct pl_package_ref *pkg; /* SLOT is this package's (pkg.exception) */
    struct pl_exc_ref *next;
} pl_exc_ref;

typedef struct pl_handler {
    pl_exc_ref *names; /* NULL for OTHERS */
    struct pl_stmt *body;
    struct pl_handler *next;
} pl_handler;

typedef struct pl_block {
    int first_slot, nslots; /* its declarations */
    struct pl_stmt *body;
    pl_handler *handlers;
} pl_block;

typedef enum pl_stmt_kind {
    ST_NULL,
    ST_ASSIGN, /* target := value */
    ST_IF,     /* IF value THEN body, ELSIF arms, ELSE orelse */
    ST_CASE,   /* CASE [value] arms (ST_WHEN in body) ELSE orelse */
    ST_WHEN,   /* one CASE arm: value, body */
    ST_LOOP,
    ST_WHILE,
    ST_FOR_RANGE, /* slot := lo .. hi */
    ST_FOR_QUERY, /* slot = record; sql, or cursor */
    ST_EXIT,
    ST_CONTINUE,
    ST_BLOCK,
    ST_SQL,         /* DML, COMMIT, ROLLBACK, SAVEPOINT, LOCK TABLE, SET TRANSACTION */
    ST_SELECT_INTO, /* sql, target */
    ST_EXECUTE,     /* EXECUTE IMMEDIATE value [INTO target] [USING args] */
    ST_OPEN,
    ST_FETCH,
    ST_CLOSE,
    ST_RAISE, /* raise (NULL: re-raise) */
    ST_CALL,  /* builtin(argv) */
    ST_RETURN, /* [value]: a function's result */
    ST_UNIT_CALL, /* a stored procedure: call */
    ST_OPEN_FOR,  /* OPEN target FOR sql | value [USING args] */
    ST_FETCH_REF, /* FETCH value INTO target (a cursor variable) */
    ST_CLOSE_REF, /* CLOSE value */
    ST_COLL_ASSIGN, /* target := value, one of them a whole collection (or a host array) */
    ST_COLL_DELETE, /* value.DELETE [(lo [, hi])] (value: the collection) */
    ST_COLL_EXTEND, /* value.EXTEND [(lo [, hi])] */
    ST_COLL_TRIM,   /* value.TRIM [(lo)] */
    ST_FORALL, /* FORALL slot IN lo .. hi | INDICES OF / VALUES OF (reverse) collection cursor:
                * body (DML) */
} pl_stmt_kind;

struct pl_exec;
struct pl_stmt;
#define PL_BUILTIN_MAX_ARGS 9 /* parameters of a built-in procedure */

typedef struct pl_builtin {
    const char *package; /* NULL for a standalone procedure */
    const char *name;
    const char *params[PL_BUILTIN_MAX_ARGS]; /* formal names, for name => value */
    int min_args, max_args;
    int (*run)(struct pl_exec *ex, const struct pl_stmt *st, pval *args);
    unsigned out; /* bit i: parameter i is IN OUT / OUT (RUN leaves its new value in ARGS[i]) */
    unsigned bools; /* bit i: parameter i takes a BOOLEAN */
} pl_builtin;

typedef struct pl_stmt {
    pl_stmt_kind kind;
    int line; /* 1-based line of its first token */
    int off;
    struct pl_stmt *next;
    const char *label; /* loops */
    pl_expr *value;    /* condition, assigned value, CASE selector, EXECUTE text */
    pl_expr *lo, *hi;  /* FOR bounds */
    int reverse;       /* FOR ... REVERSE */
    int bulk;          /* SELECT / FETCH ... BULK COLLECT INTO collections (FETCH: hi its LIMIT) */
    struct pl_stmt *body;
    struct pl_stmt *elsif;  /* ST_IF: the next ELSIF arm (an ST_IF) */
    struct pl_stmt *orelse; /* ELSE statements */
    int has_else;           /* CASE */
    pl_target *target;      /* assignment, INTO list */
    int ntargets;
    pl_sql sql;
    int slot;                   /* FOR index or record, cursor */
    int cursor;                 /* ST_FOR_QUERY over a declared cursor: its slot, else -1 */
    const struct pl_stmt *loop; /* EXIT, CONTINUE: the loop they leave */
    pl_block *block;
    pl_exc_ref *raise;
    const pl_builtin *builtin;
    pl_expr **argv; /* ST_CALL: builtin->max_args entries, NULL when omitted */
    pl_expr *args;  /* ST_EXECUTE: USING values */
    int nargs;
    const struct pl_call *call; /* ST_UNIT_CALL */
} pl_stmt;

/* One declared name: variable, constant, loop index, record, cursor or exception. */
typedef struct pl_decl {
    const char *name;
    pl_type type;
    int constant, not_null;
    int read_only; /* FOR loop index, IN parameter */
    int param_mode; /* a parameter of a stored unit: PM_IN, PM_OUT, PM_IN_OUT; 0 otherwise */
    pl_expr *init;
    int line, off;
    pl_sql query; /* cursors */
    int exc_code; /* exceptions: PRAGMA EXCEPTION_INIT code (positive), 0 if none */
} pl_decl;

/* ---- stored procedures and functions (plsql_units.c compiles them and their calls) ---- */

enum { PM_IN = 1, PM_OUT = 2, PM_IN_OUT = 3 };

typedef struct pl_param {
    const char *name;
    int mode; /* PM_IN, PM_OUT, PM_IN_OUT */
    pl_type type;
    int has_default; /* DEFAULT / := expr: may be left out of a call */
} pl_param;

struct pl_subprogram;

/* What a caller needs to know of a stored unit or a subprogram: its header. */
typedef struct pl_signature {
    const char *owner, *name; /* upper case */
    int is_function;
    pl_type ret; /* a function's RETURN type */
    int nparams;
    pl_param *params;
    /* A package's subprogram called from outside it: the package, and the subprogram's place
     * among those its specification declares. */
    const struct pl_package_ref *package;
    int member;
    /* A subprogram of the calling program itself (a package's own, or one a block declares). */
    struct pl_subprogram *local;
    int invoker_rights; /* AUTHID CURRENT_USER (a stored unit's, a package's) */
    int deterministic;
} pl_signature;

/*
 * A subprogram: a procedure or function of a package, or one declared in a
 * block.  It runs in its program's code with slots of its own (its
 * parameters from FIRST_SLOT on, then its block's declarations); the slots
 * below FIRST_SLOT are its enclosing scopes', which it reaches through its
 * caller (pl_slot_at).
 */
typedef struct pl_subprogram {
    pl_signature sig;
    int first_slot;
    pl_block *block; /* NULL while only declared (a specification, a forward declaration) */
    int in_spec;     /* declared in its package's specification: callable from outside */
    int visible_mark; /* where the scope it was declared in ends (compiling only) */
    int off;
} pl_subprogram;

/* A call of a stored unit: one argument per parameter, NULL where the default stands. */
typedef struct pl_call {
    const pl_signature *sig;
    pl_expr **argv; /* sig->nparams; an OUT or IN OUT argument is a variable, field or bind */
    int off;
} pl_call;

typedef struct pl_program {
    pl_arena arena;
    const char *src;
    pl_decl **decls; /* nslots */
    int nslots, cap;
    const char **bind_names; /* distinct host binds in order of first appearance */
    uint8_t *bind_modes;     /* ... and how the block uses each: PLSQL_BIND_READ | _WRITTEN */
    int nbinds, bind_cap;
    int nsqls; /* embedded statements (pl_sql ids) */
    pl_block *top;
    pl_signature *unit; /* a stored unit: its header; its parameters are slots 0..nparams-1 */
    pl_signature **callees; /* the stored units it calls, each looked up once */
    int ncallees;
    pl_subprogram **subs; /* its subprograms: a package's (its specification's first), blocks' */
    int nsubs, subs_cap;
    /* A package: its owner and name, and how many of its first slots are its variables and
     * constants (the package's state; its specification's come first). */
    const char *package_owner, *package_name;
    int invoker_rights; /* AUTHID CURRENT_USER */
    int npackage_slots;
    int nspec_slots; /* ... of which its specification declares this many */
    struct pl_package_ref **packages; /* the packages its code names, each compiled once */
    int npackages;
} pl_program;

/* Another package as code that names it sees it: its specification, compiled. */
typedef struct pl_package_ref {
    const char *owner, *name;
    pl_program spec;
} pl_package_ref;

/* Compile TEXT: 0, or -1 with ERR (ORA-06550 ... PLS-nnnnn).  HOST (may be NULL) finds the
 * stored units the text calls. */
int pl_parse(const char *text, const plsql_host *host, pl_program *prog, ora_error *err);
/* The same knowing the host binds the text will run with (their declared types are checked
 * against the parameters of the units it calls, as Oracle's compiler does). */
int pl_parse_binds(const char *text, const plsql_host *host, const plsql_value *binds, int nbinds,
                   pl_program *prog, ora_error *err);
/* Compile a stored unit's TEXT ("PROCEDURE p (...) IS ... END;"): the same. */
int pl_parse_unit(const char *text, const plsql_host *host, pl_program *prog, ora_error *err);
/* Compile a package: its specification SPEC and its BODY (NULL: none) into one program.  0, or
 * with ERR -1 (the specification does not compile) or -2 (the body does not). */
int pl_parse_package(const char *spec, const char *body, const plsql_host *host,
                     pl_program *prog, ora_error *err);
/* CREATE PACKAGE [BODY]: does TEXT compile (a body with its specification, found through
 * HOST as OWNER ("": the session's) . NAME)?  0, or -1 with ERR (PLS-00304 at NAME_OFF for a
 * body without a specification). */
int pl_compile_package(const char *text, int is_body, const char *owner, const char *name,
                       int name_off, const plsql_host *host, ora_error *err);
void pl_program_free(pl_program *prog);

/* ======================= run time ======================= */

/* An exception in flight or being handled. */
typedef struct pl_exc {
    int code;              /* Oracle error number; 6510 for a declared exception without a code */
    int user_slot;         /* declared exception raised by name: slot + 1; 0 otherwise */
    char user_pkg[264];    /* ... a package's ("OWNER.NAME": known outside it too); "" */
    int line;              /* where it was raised, for ORA-06512 */
    char msg[ORA_MSG_MAX]; /* "ORA-01403: no data found" */
} pl_exc;

typedef struct pl_record {
    int n;
    char **names;   /* borrowed from the rows being looped over, or owned: */
    int owns_names; /* ... a %ROWTYPE variable's */
    pval *vals;     /* owned */
} pl_record;

typedef struct pl_cursor {
    plsql_rows rows;
    int is_open;
    int next;  /* next row FETCH returns */
    int found; /* -1 before the first FETCH */
    char ref[24]; /* a cursor variable: the host cursor NEXT and FOUND are of */
} pl_cursor;

typedef struct pl_slot {
    pval v;
    struct pl_coll *coll; /* a collection's elements (NULL: none yet) */
    pl_record rec;
    pl_cursor cur;
} pl_slot;

/* What a statement tells the statements around it. */
enum { PL_NEXT = 0, PL_EXIT, PL_CONTINUE, PL_RETURN, PL_ERROR = -1 };

typedef struct pl_exec {
    const plsql_host *host;
    pl_program *prog;
    pl_slot *slots;
    /* A subprogram's run: slots below UP_SLOTS are its enclosing scopes', found in UP (its
     * caller in the same program, or its package's state). */
    struct pl_exec *up;
    int up_slots;
    plsql_value *binds; /* host binds, IN OUT */
    int nbinds;
    pl_exc exc;             /* the exception in flight (PL_ERROR) */
    int fatal;              /* it cannot be handled: an interrupt, or a late compile error */
    ora_error fatal_err;    /* the error to return as it is when fatal */
    const pl_exc *handling; /* what the innermost running handler caught (SQLCODE, RAISE;) */
    int line;               /* line of the running statement */
    int stmt_off;           /* its offset in the text */
    const pl_stmt *leaving; /* EXIT/CONTINUE: the loop they leave */
    int64_t sql_rowcount;   /* SQL%ROWCOUNT, -1 before any SQL */
    buf *out_line;          /* DBMS_OUTPUT: the line being built by PUT (the top call's) */
    buf own_line;           /* ... kept here unless a caller's is used */
    int output_enabled;
    int dyn_depth;            /* EXECUTE IMMEDIATE nesting of blocks */
    int call_depth;           /* stored units calling stored units */
    pval ret;                 /* a function's RETURN value */
    int returned;             /* ... was given */
    struct pl_coll *ret_coll; /* a function's RETURN value when it is a collection */
    struct pl_coll *call_coll; /* what the last call of such a function returned (taken) */
    pl_sql_state *sql_states; /* prog->nsqls */
} pl_exec;

/* Slot SLOT of the running code: its own, or an enclosing scope's. */
static inline pl_slot *pl_slot_at(pl_exec *ex, int slot)
{
    while (slot < ex->up_slots) ex = ex->up;
    return &ex->slots[slot];
}

/* plsql_exec.c */
int pl_safe_point(pl_exec *ex);
/* A FOR bound E: an integer in PLS_INTEGER's range into *OUT (NULL: ORA-06502). */
int pl_loop_bound(pl_exec *ex, pl_expr *e, int64_t *out);
/* A subprogram's block (its parameters bound), or a package's declarations and initialization
 * (its slots then keep their values): 0, or -1 with the exception in EX. */
int pl_run_subprogram(pl_exec *ex, const pl_block *b);
int pl_run_package_init(pl_exec *ex);
int pl_run_program(pl_exec *ex); /* 0, or -1 with the exception (or fatal error) in EX */
void pl_exec_release(pl_exec *ex);

/* plsql.c: compile and run TEXT (EXECUTE IMMEDIATE of a block runs one inside another) */
int pl_run_block(const char *text, plsql_value *binds, int nbinds, const plsql_host *host,
                 int depth, ora_error *err);

/* plsql_expr.c: 0, or -1 with the exception in EX */
int pl_eval(pl_exec *ex, pl_expr *e, pval *out);
/* A condition: *TRUTH 1 true, 0 false, -1 NULL. */
int pl_eval_cond(pl_exec *ex, pl_expr *e, int *truth);
/* Compare as Oracle does (numbers, text, dates, booleans): 0 with *CMP, 1 if either is NULL. */
int pl_compare(pl_exec *ex, pval *a, pval *b, int *cmp);

/* plsql_call.c: run a stored unit (a function's result into *RESULT, else NULL) */
int pl_call_unit(pl_exec *ex, const pl_call *call, pval *result);
/* Run as OWNER (a definer's rights unit; INVOKER: AUTHID CURRENT_USER, nothing changes): 0 with
 * *SAVED for pl_as_caller, or -1 with the exception in EX. */
int pl_as_owner(pl_exec *ex, const char *owner, int invoker, void **saved);
void pl_as_caller(pl_exec *ex, void *saved);
/* CALLEE's exception goes on in EX, with "ORA-06512: at "OWNER.NAME", line N" (OWNER NULL: "at
 * line N") after its message; an interrupt stays fatal.  -1. */
int pl_propagate(pl_exec *ex, const pl_exec *callee, const char *owner, const char *name);

/* plsql_package_state.c: the session's packages at run time */
/* The state of package OWNER.NAME (its program and variables), built if need be; NULL with
 * the exception in EX (ORA-04068 when its state was just discarded, ORA-04063 when it does not
 * compile, what its initialization raised). */
pl_exec *pl_package_state(pl_exec *ex, const char *owner, const char *name);
/* Variable SLOT of package REF (its declaration into *DECL when not NULL), or NULL with the
 * exception in EX. */
pl_slot *pl_package_slot(pl_exec *ex, const pl_package_ref *ref, int slot, const pl_decl **decl);
/* A call begins and ends (a block's, a function's that SQL runs): in a new top-level call each
 * package is compared with the catalog again at its next use. */
void pl_packages_enter(plsql_packages *pk);
void pl_packages_leave(plsql_packages *pk);
/* Every package's state goes (now; once the running top-level call has ended). */
void pl_packages_reset(plsql_packages *pk);
void pl_packages_reset_after_call(plsql_packages *pk);
/* A program's run-time state, ready to run (pl_exec_release frees it). */
void pl_exec_init(pl_exec *ex, const plsql_host *host, pl_program *prog, plsql_value *binds,
                  int nbinds);

/* plsql_functions.c: the EX_NATIVE functions */
int pl_native_call(pl_exec *ex, pl_expr *e, pval *out);

/* plsql_assign.c: conversions between kinds, fitting declared types, storing */
int pl_to_text(pl_exec *ex, pval *v);                    /* in place: TEXT or NULL */
int pl_to_number(pl_exec *ex, const pval *v, pdec *out); /* *OUT; NULL is an error */
int pl_to_date(pl_exec *ex, pval *v);                    /* in place: DATE or NULL */
int pl_conform(pl_exec *ex, const pl_type *t, int not_null, pval *v);
int pl_assign(pl_exec *ex, const pl_target *t, pval *v);             /* takes V */
/* Where an OUT argument expression (a variable, field or bind) puts its value. */
pl_target pl_argument_target(const pl_expr *e);
int pl_number_result(pl_exec *ex, int rc, const pdec *d, pval *out); /* raises 1426, 1476 */
/* The column NAME of record SLOT (*CACHE: where it was last time); -1 is a fatal PLS-00302. */
int pl_record_find(pl_exec *ex, int slot, const char *name, int off, int *cache);

/* plsql_sql.c: everything that goes through host->exec_sql */
int pl_sql_value(pl_exec *ex, const char *sql, pl_expr *args, pval *out);
int pl_sql_value_of(pl_exec *ex, const char *sql, const pval *args, int nargs, pval *out);
int pl_exec_sql(pl_exec *ex, const pl_stmt *st);
int pl_exec_select_into(pl_exec *ex, const pl_stmt *st);
int pl_exec_execute(pl_exec *ex, const pl_stmt *st);
int pl_cursor_open(pl_exec *ex, int slot);
int pl_cursor_fetch(pl_exec *ex, const pl_stmt *st);
int pl_cursor_close(pl_exec *ex, int slot);
/* REF CURSORs: OPEN cv FOR, FETCH cv INTO, CLOSE cv */
int pl_refcursor_open(pl_exec *ex, const pl_stmt *st);
int pl_refcursor_fetch(pl_exec *ex, const pl_stmt *st);
int pl_refcursor_close(pl_exec *ex, const pl_stmt *st);
/* The attributes' state of cursor variable SLOT, for the host cursor it holds now. */
pl_cursor *pl_refcursor_state(pl_exec *ex, int slot);
int pl_query_rows(pl_exec *ex, const pl_sql *q, plsql_rows *rows);
/* A variable of type T (a %ROWTYPE record) elaborated: REC gets the fields of its table's or
 * cursor's row, all NULL.  0 (also for any other type), or -1 with the exception in EX. */
int pl_rowtype_declare(pl_exec *ex, const pl_type *t, pl_record *rec);

/* plsql_errors.c */
int pl_raise(pl_exec *ex, int code, ...); /* Oracle's text with %s arguments */
int pl_raise_text(pl_exec *ex, int code, const char *text);
int pl_raise_error(pl_exec *ex, const ora_error *err); /* from the host; interrupts are fatal */
int pl_raise_declared(pl_exec *ex, int slot);
/* RAISE of exception R (a code, a declared exception, a package's). */
int pl_raise_ref(pl_exec *ex, const pl_exc_ref *r);
/* Does WHEN R catch exception E? */
int pl_exc_matches(const pl_exec *ex, const pl_exc_ref *r, const pl_exc *e);
int pl_sqlcode(const pl_exc *e);
/* SQLERRM: the message without the ORA-06512 lines a nested block added; *LEN its length. */
const char *pl_sqlerrm(const pl_exc *e, size_t *len);
void pl_unhandled(const pl_exec *ex, ora_error *err);
int pl_exception_code(const char *name); /* NO_DATA_FOUND -> 1403; 0 if not predefined */
/* PLS- message texts used in more than one place: pl_compile_error(err, src, off, PLS_x, ...) */
#define PLS_NOT_DECLARED 201, "identifier '%s' must be declared"
#define PLS_NOT_DECLARED_DOTTED 201, "identifier '%s.%s' must be declared"
#define PLS_NO_COMPONENT 302, "component '%s' must be declared"
#define PLS_TOO_LARGE 123, "program too large (%s)"

/* A compile error: ORA-06550 at OFF in SRC with "PLS-nnnnn: TEXT" (TEXT printf-style). */
int pl_compile_error(ora_error *err, const char *src, int off, int pls, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Add Oracle's second error: "PL/SQL: Statement ignored" (WHAT = "Statement") at OFF. */
void pl_compile_ignored(ora_error *err, const char *src, int off, const char *what);
void pl_line_col(const char *src, int off, int *line, int *col);

/* plsql_builtins.c */
const pl_builtin *pl_builtin_find(const char *package, const char *name, int *package_known);
/* plsql_dbms_lob.c: the DBMS_LOB procedures, on the values of LOB variables */
int pl_lob_createtemporary(pl_exec *ex, const pl_stmt *st, pval *args);
int pl_lob_freetemporary(pl_exec *ex, const pl_stmt *st, pval *args);
int pl_lob_writeappend(pl_exec *ex, const pl_stmt *st, pval *args);
int pl_lob_write(pl_exec *ex, const pl_stmt *st, pval *args);
int pl_lob_append(pl_exec *ex, const pl_stmt *st, pval *args);
int pl_lob_copy(pl_exec *ex, const pl_stmt *st, pval *args);
int pl_lob_trim(pl_exec *ex, const pl_stmt *st, pval *args);
int pl_lob_erase(pl_exec *ex, const pl_stmt *st, pval *args);
int pl_lob_read(pl_exec *ex, const pl_stmt *st, pval *args);
void pl_output_end(pl_exec *ex);

#endif
