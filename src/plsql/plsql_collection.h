/*
 * plsql_collection.h - PL/SQL collections (index-by tables: TABLE OF x
 * INDEX BY PLS_INTEGER | VARCHAR2(n); nested tables; VARRAYs): the container
 * (plsql_collection.c) and what the interpreter does with it
 * (plsql_coll_exec.c, plsql_parse_coll.c).
 */
#ifndef WARDEN_PLSQL_COLLECTION_H
#define WARDEN_PLSQL_COLLECTION_H

#include "plsql_int.h"

/* What a collection type is: an index-by table (sparse, any keys, never NULL), a nested
 * table or a VARRAY (keys 1 .. their size, atomically NULL until a constructor makes them). */
enum pl_coll_kind { CK_INDEX_BY, CK_NESTED, CK_VARRAY };

/* A declared collection type (TYPE name IS TABLE OF elem [INDEX BY key] | VARRAY(n) OF elem);
 * variables of it are TY_COLLECTION with pl_type.coll pointing here, the type's name is a
 * TY_COLL_TYPE decl. */
typedef struct pl_coll_type {
    const char *name; /* upper case, as declared */
    enum pl_coll_kind kind;
    int64_t limit; /* a VARRAY's */
    pl_type elem;
    int not_null;   /* TABLE OF x NOT NULL */
    int by_text;    /* INDEX BY VARCHAR2(key_length), else PLS_INTEGER */
    int key_length;
} pl_coll_type;

/* A key: I when the collection is indexed by integers, else S (never NULL, never ""). */
typedef struct pl_key {
    int64_t i;
    const char *s;
} pl_key;

typedef struct pl_coll_entry {
    int64_t i;
    char *s; /* owned (text keys) */
    pval v;
} pl_coll_entry;

/* Elements sorted by key: integers in numeric order, text in byte order (NLS_SORT BINARY). */
typedef struct pl_coll {
    int by_text;
    int n, cap;
    pl_coll_entry *e;
    int64_t size; /* nested tables, VARRAYs: keys 1 .. size are allocated (deleted ones too) */
} pl_coll;

pl_coll *pl_coll_new(int by_text);
void pl_coll_free(pl_coll *c); /* C too; NULL is fine */
void pl_coll_clear(pl_coll *c);
pl_coll *pl_coll_copy(const pl_coll *c);
/* The element of key K, or NULL. */
pval *pl_coll_get(const pl_coll *c, const pl_key *k);
/* The element of key K, made (NULL) when missing. */
pval *pl_coll_put(pl_coll *c, const pl_key *k);
void pl_coll_delete(pl_coll *c, const pl_key *k);
void pl_coll_delete_range(pl_coll *c, const pl_key *lo, const pl_key *hi);
/* Positions (0 .. n-1) of the first element with a key after / before K, or -1. */
int pl_coll_after(const pl_coll *c, const pl_key *k);
int pl_coll_before(const pl_coll *c, const pl_key *k);

/* ---- the interpreter's side (plsql_coll_exec.c) ---- */
int pl_coll_eval_element(pl_exec *ex, pl_expr *e, pval *out);  /* EX_ELEM: v(i) */
int pl_coll_eval_method(pl_exec *ex, pl_expr *e, pval *out);   /* EX_COLL_METHOD */
int pl_coll_assign_element(pl_exec *ex, const pl_target *t, pval *v); /* TG_ELEM; takes V */
/* ST_COLL_ASSIGN, ST_COLL_DELETE, ST_FORALL: 0, or -1 raised. */
int pl_coll_exec(pl_exec *ex, const pl_stmt *s);
int pl_coll_constructor(pl_exec *ex, const pl_expr *e, pl_coll **out); /* EX_COLL_CTOR */
/* V IS NULL for a whole collection V (only a nested table or VARRAY can be): 0 with *NULL_ */
int pl_coll_is_null(pl_exec *ex, const pl_expr *v, int *null_);
/* Declaration SLOT's initial value INIT (a collection's). */
int pl_coll_declare(pl_exec *ex, int slot, pl_expr *init);
int pl_coll_whole_value(pl_exec *ex, const pl_expr *e);       /* EX_COLL where a scalar goes */
/* RETURN v of a function returning a collection: a copy of V as its value (EX->ret_coll). */
int pl_coll_return(pl_exec *ex, const pl_expr *v);
/* A call's collection parameters (of CALLEE's slots from FIRST on): the caller's IN and IN OUT
 * collections (or arrays) into them; an OUT or IN OUT one (slot SLOT) back to the caller's
 * argument ARG. */
int pl_coll_parameters_in(pl_exec *ex, pl_exec *callee, const pl_call *call, int first);
int pl_coll_parameter_out(pl_exec *ex, pl_exec *callee, const pl_expr *arg, int slot);
/* The collection of slot SLOT (made empty on first use). */
pl_coll *pl_coll_of(pl_exec *ex, int slot);

/* BULK COLLECT INTO statement ST's collections: emptied for a result of NCOLS columns
 * (ORA-00913 / ORA-00947 when they are not as many), row ROW of ROWS as their element INDEX; N
 * rows from FROM as elements 1..N; the LIMIT of a FETCH (-1: none); a FETCH of cursor C. */
int pl_coll_bulk_start(pl_exec *ex, const pl_stmt *st, int ncols);
int pl_coll_bulk_row(pl_exec *ex, const pl_stmt *st, const plsql_rows *rows, int row,
                     int64_t index);
int pl_coll_bulk_rows(pl_exec *ex, const pl_stmt *st, const plsql_rows *rows, int from, int n);
int pl_coll_bulk_limit(pl_exec *ex, const pl_stmt *st, int64_t *limit);
int pl_coll_bulk_fetch(pl_exec *ex, const pl_stmt *st, pl_cursor *c);

/* Methods, in pl_expr.op of EX_COLL_METHOD (and DELETE's statement). */
enum pl_coll_method { CM_COUNT, CM_FIRST, CM_LAST, CM_NEXT, CM_PRIOR, CM_EXISTS, CM_LIMIT };

#endif
