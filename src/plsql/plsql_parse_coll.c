/*
 * plsql_parse_coll.c - compiling collections: TYPE t IS TABLE OF x [INDEX
 * BY PLS_INTEGER | BINARY_INTEGER | VARCHAR2(n)] and VARRAY(n) OF x
 * declarations, and what a collection variable can be in a statement: an
 * element v(i) (a value, an assignment or INTO target, an OUT argument), a
 * method (v.COUNT, FIRST, LAST, NEXT(i), PRIOR(i), EXISTS(i), LIMIT; the
 * statements v.DELETE, EXTEND, TRIM), or the whole collection (a := b,
 * v := t(1, 2), v := :host_array, :host_array := v, a call's argument or
 * result); and BULK COLLECT INTO and FORALL, which walk collections.
 */
#include <stdlib.h>
#include <string.h>

#include "plsql_collection.h"
#include "plsql_parse.h"

#define PLS_TYPE_NAME 330, "invalid use of type name or subtype name"

int pp_is_collection(const pl_parser *p, int slot)
{
    return slot >= 0 && pp_decl(p, slot)->type.kind == TY_COLLECTION;
}

/* ---------------- TYPE declarations ---------------- */

/* INDEX BY key type: PLS_INTEGER and its kin, or VARCHAR2(n) (STRING(n), LONG). */
static int index_type(pl_parser *p, pl_coll_type *ct)
{
    int off = pp_tok(p)->off;
    pl_type key;
    if (pp_type(p, &key) < 0) return -1;
    if (key.kind == TY_PLS_INTEGER) return 0;
    if (key.kind == TY_VARCHAR2 && !key.lob) {
        ct->by_text = 1;
        ct->key_length = key.length;
        return 0;
    }
    return pp_error(p, off, 315, "Implementation restriction: unsupported table index type");
}

/* What may be an element: scalars (not cursors, collections, exceptions). */
static int element_type(pl_parser *p, pl_type *elem)
{
    int off = pp_tok(p)->off;
    if (pp_type(p, elem) < 0) return -1;
    switch (elem->kind) {
    case TY_COLLECTION:
        return pp_error(p, off, PLS_RESTRICTION, "collections of collections");
    case TY_REFCURSOR:
        return pp_error(p, off, PLS_RESTRICTION, "collections of cursor variables");
    case TY_RECORD:
        return pp_error(p, off, PLS_RESTRICTION, "collections of records");
    default:
        return 0;
    }
}

/* VARRAY (n) | VARYING ARRAY (n) | TABLE: what kind of collection, up to OF. */
static int collection_kind(pl_parser *p, pl_coll_type *ct)
{
    if (pp_accept_word(p, "TABLE")) return pp_expect_word(p, "OF", "of");
    if (pp_accept_word(p, "VARYING") && pp_expect_word(p, "ARRAY", "array") < 0) return -1;
    if (!pp_accept_word(p, "VARRAY") && !pp_at_op(p, "(")) {
        if (pp_at_word(p, "REF") || pp_at_word(p, "OBJECT"))
            return pp_error(p, pp_tok(p)->off, PLS_RESTRICTION, "REF CURSOR and object types");
        return pp_syntax_error(p, "table record ref varray");
    }
    ct->kind = CK_VARRAY;
    const sql_token *t = pp_peek(p, 1);
    if (pp_expect_op(p, "(", "(") < 0) return -1;
    if (t->type != TK_NUMBER) return pp_syntax_error(p, "<an integer>");
    ct->limit = t->len > 10 ? 0 : strtoll(p->src + t->off, NULL, 10);
    if (ct->limit < 1 || ct->limit > 2147483647)
        return pp_error(p, t->off, 537, "A VARRAY must have a positive limit");
    p->pos++;
    if (pp_expect_op(p, ")", ")") < 0) return -1;
    return pp_expect_word(p, "OF", "of");
}

/* TYPE name IS TABLE OF type [NOT NULL] [INDEX BY key] | VARRAY(n) OF type [NOT NULL] ;  (the
 * current token is TYPE) */
/* RECORD ( field type, ... ): the current token is RECORD.  Fields take scalar types. */
static int record_type(pl_parser *p, const char *name, int off, int block_first)
{
    pl_record_type *rt = pl_alloc(&p->prog->arena, sizeof *rt);
    rt->name = pp_strdup(p, name);
    p->pos++;
    if (pp_expect_op(p, "(", "(") < 0) return -1;
    int cap = 0;
    do {
        if (rt->nfields == cap) {
            cap = cap ? 2 * cap : 8;
            const char **names = pl_alloc(&p->prog->arena, sizeof *names * (size_t)cap);
            pl_type *types = pl_alloc(&p->prog->arena, sizeof *types * (size_t)cap);
            if (rt->nfields) {
                memcpy(names, rt->names, sizeof *names * (size_t)rt->nfields);
                memcpy(types, rt->types, sizeof *types * (size_t)rt->nfields);
            }
            rt->names = names, rt->types = types;
        }
        if (rt->nfields == PL_MAX_ARGS)
            return pp_error(p, pp_tok(p)->off, PLS_TOO_LARGE, "too many fields");
        char field[SQL_IDENT_MAX + 1];
        if (!pp_at_name(p)) return pp_syntax_error(p, "<an identifier>");
        pp_name(p, field);
        for (int i = 0; i < rt->nfields; i++)
            if (!strcmp(rt->names[i], field))
                return pp_error(p, pp_tok(p)->off, 410, "duplicate fields in RECORD,TABLE or "
                                                        "argument list are not permitted");
        p->pos++;
        rt->names[rt->nfields] = pp_strdup(p, field);
        if (element_type(p, &rt->types[rt->nfields]) < 0) return -1;
        if (pp_at_op(p, ":=") || pp_at_word(p, "DEFAULT") || pp_at_word(p, "NOT"))
            return pp_error(p, pp_tok(p)->off, PLS_RESTRICTION, "record field defaults");
        rt->nfields++;
    } while (pp_accept_op(p, ","));
    if (pp_expect_op(p, ")", ", )") < 0 || pp_expect_op(p, ";", ";") < 0) return -1;
    pl_decl *d = pp_declare_in_block(p, name, off, block_first);
    if (!d) return -1;
    d->type.kind = TY_RECORD_TYPE;
    d->type.record = rt;
    return 0;
}

int pp_type_declaration(pl_parser *p, int block_first)
{
    char name[SQL_IDENT_MAX + 1];
    int off;
    if (pp_declared_name(p, name, &off) < 0 || pp_expect_word(p, "IS", "is") < 0) return -1;
    if (pp_at_word(p, "RECORD")) return record_type(p, name, off, block_first);
    pl_coll_type *ct = pl_alloc(&p->prog->arena, sizeof *ct);
    ct->name = pp_strdup(p, name);
    ct->kind = CK_NESTED;
    if (collection_kind(p, ct) < 0 || element_type(p, &ct->elem) < 0) return -1;
    ct->not_null = pp_accept_word(p, "NOT");
    if (ct->not_null && pp_expect_word(p, "NULL", "null") < 0) return -1;
    if (ct->kind == CK_NESTED && pp_accept_word(p, "INDEX")) {
        ct->kind = CK_INDEX_BY;
        if (pp_expect_word(p, "BY", "by") < 0 || index_type(p, ct) < 0) return -1;
    }
    if (pp_expect_op(p, ";", ";") < 0) return -1;
    pl_decl *d = pp_declare_in_block(p, name, off, block_first);
    if (!d) return -1;
    d->type.kind = TY_COLL_TYPE;
    d->type.coll = ct;
    return 0;
}

/* The declaration NAME.MEMBER names: a package's (its specification's), or NULL. */
static const pl_decl *package_decl(pl_parser *p, const char *name, const char *member, int off)
{
    if (pp_is_own_package(p, name)) {
        int slot = pp_lookup(p, member);
        return slot >= 0 ? pp_decl(p, slot) : NULL;
    }
    const pl_package_ref *ref = pp_package(p, NULL, name, off);
    int slot = ref ? pp_package_slot(ref, member) : -1;
    return slot >= 0 ? ref->spec.decls[slot] : NULL;
}

int pp_collection_type_name(pl_parser *p, const char *name, const char *member, int off,
                            pl_type *t)
{
    int slot = member ? -1 : pp_lookup(p, name);
    const pl_decl *d = member ? package_decl(p, name, member, off) : slot >= 0 ? pp_decl(p, slot)
                                                                               : NULL;
    if (p->err->code) return -1;
    if (d && d->type.kind == TY_RECORD_TYPE) {
        t->kind = TY_RECORD;
        t->record = d->type.record;
        return 1;
    }
    if (!d || d->type.kind != TY_COLL_TYPE) return 0;
    t->kind = TY_COLLECTION;
    t->coll = d->type.coll;
    return 1;
}

/* ---------------- elements and methods ---------------- */

/* Declaration SLOT: the program's, or package PKG's (another package's specification). */
static const pl_decl *decl_of(const pl_parser *p, const pl_package_ref *pkg, int slot)
{
    return pkg ? pkg->spec.decls[slot] : pp_decl(p, slot);
}

static const pl_coll_type *coll_of(const pl_parser *p, const pl_package_ref *pkg, int slot)
{
    return decl_of(p, pkg, slot)->type.coll;
}

/* The collection type of whole-collection target T, or NULL when T is no collection. */
static const pl_coll_type *target_coll(const pl_parser *p, const pl_target *t)
{
    if (t->kind != TG_VAR && t->kind != TG_PKG_VAR) return NULL;
    const pl_decl *d = decl_of(p, t->kind == TG_PKG_VAR ? t->pkg : NULL, t->slot);
    return d->type.kind == TY_COLLECTION ? d->type.coll : NULL;
}

/* ( key ) after a collection's name: the key expression. */
static pl_expr *key_expression(pl_parser *p)
{
    p->pos++;
    pl_expr *k = pp_expr(p);
    if (!k || pp_expect_op(p, ")", EXPECT_OPERATOR) < 0) return NULL;
    if (k->sty == STY_BOOL || k->sty == STY_COLL) return pp_error(p, k->off, PLS_WRONG_TYPE), NULL;
    return k;
}

static pl_expr *element(pl_parser *p, const pl_package_ref *pkg, int slot, int off)
{
    pl_expr *e = pp_new_expr(p, EX_ELEM, off);
    e->pkg = pkg;
    e->slot = slot;
    if (!(e->a = key_expression(p))) return NULL;
    e->sty = pp_sty_of_type(&coll_of(p, pkg, slot)->elem);
    e->depth = e->a->depth + 1;
    return e;
}

static int method_of(const char *name)
{
    static const char *const names[] = {"COUNT", "FIRST", "LAST", "NEXT", "PRIOR", "EXISTS",
                                        "LIMIT"};
    for (int i = 0; i < (int)(sizeof names / sizeof names[0]); i++)
        if (strcmp(names[i], name) == 0) return i;
    return -1;
}

/* v.method [(arg)]: the current token is the '.'. */
static pl_expr *method(pl_parser *p, const pl_package_ref *pkg, int slot, int off)
{
    char name[SQL_IDENT_MAX + 1];
    p->pos++;
    int name_off = pp_tok(p)->off;
    if (!tok_is_name(pp_tok(p)))
        return pp_syntax_error(p, "<an identifier>"), NULL;
    pp_name(p, name);
    p->pos++;
    int m = method_of(name);
    if (m < 0 && (!strcmp(name, "DELETE") || !strcmp(name, "EXTEND") || !strcmp(name, "TRIM")))
        return pp_error(p, name_off, 222, "no function with name '%s' exists in this scope", name),
               NULL;
    if (m < 0) return pp_error(p, name_off, PLS_NO_COMPONENT, name), NULL;
    pl_expr *e = pp_new_expr(p, EX_COLL_METHOD, off);
    e->pkg = pkg;
    e->slot = slot;
    e->op = m;
    e->sty = m == CM_EXISTS ? STY_BOOL : STY_SCALAR;
    int takes_key = m == CM_NEXT || m == CM_PRIOR || m == CM_EXISTS;
    if (takes_key != pp_at_op(p, "(")) return pp_error(p, off, PLS_WRONG_ARGS, name), NULL;
    if (takes_key && !(e->a = key_expression(p))) return NULL;
    e->depth = e->a ? e->a->depth + 1 : 1;
    return e;
}

/* t(a, b ...) of nested table or VARRAY type T (package PKG's, or the program's SLOT): the
 * current token is the '('. */
static pl_expr *constructor(pl_parser *p, const pl_package_ref *pkg, int slot, int off)
{
    const pl_coll_type *ct = coll_of(p, pkg, slot);
    pl_expr *e = pp_new_expr(p, EX_COLL_CTOR, off), **tail = &e->args;
    e->pkg = pkg;
    e->slot = slot;
    e->sty = STY_COLL;
    int want = pp_sty_of_type(&ct->elem);
    p->pos++;
    while (!pp_accept_op(p, ")")) {
        if (e->nargs && pp_expect_op(p, ",", ", )") < 0) return NULL;
        pl_expr *a = pp_expr(p);
        if (!a) return NULL;
        if (a->sty == STY_COLL || (want == STY_BOOL && a->sty == STY_SCALAR) ||
            (want == STY_SCALAR && a->sty == STY_BOOL))
            return pp_error(p, a->off, PLS_WRONG_ARGS, ct->name), NULL;
        if (++e->nargs > PL_MAX_ARGS)
            return pp_error(p, a->off, PLS_RESTRICTION, "too many arguments"), NULL;
        if (a->depth > e->depth) e->depth = a->depth;
        *tail = a, tail = &a->next;
    }
    e->depth++;
    return e;
}

pl_expr *pp_collection_expr(pl_parser *p, const pl_package_ref *pkg, int slot, int off)
{
    const pl_decl *d = decl_of(p, pkg, slot);
    if (d->type.kind == TY_COLL_TYPE && pp_at_op(p, "(") && d->type.coll->kind != CK_INDEX_BY)
        return constructor(p, pkg, slot, off);
    if (d->type.kind == TY_COLL_TYPE && pp_at_op(p, "("))
        return pp_error(p, off, 222, "no function with name '%s' exists in this scope", d->name),
               NULL;
    if (d->type.kind == TY_COLL_TYPE) return pp_error(p, off, PLS_TYPE_NAME), NULL;
    if (pp_at_op(p, "(")) return element(p, pkg, slot, off);
    if (pp_at_op(p, ".")) return method(p, pkg, slot, off);
    pl_expr *e = pp_new_expr(p, EX_COLL, off);
    e->pkg = pkg;
    e->slot = slot;
    e->sty = STY_COLL;
    return e;
}

/* ---------------- targets and statements ---------------- */

pl_target *pp_element_target(pl_parser *p, const pl_package_ref *pkg, int slot, int off)
{
    const pl_decl *d = decl_of(p, pkg, slot);
    if (d->constant || d->read_only) return pp_error(p, off, PLS_NOT_TARGET, d->name), NULL;
    pl_target *t = pl_alloc(&p->prog->arena, sizeof *t);
    t->kind = TG_ELEM;
    t->pkg = pkg;
    t->slot = slot;
    t->off = off;
    return (t->index = key_expression(p)) ? t : NULL;
}

int pp_target_sty(const pl_parser *p, const pl_target *t)
{
    if (t->kind == TG_ELEM) return pp_sty_of_type(&coll_of(p, t->pkg, t->slot)->elem);
    if (t->kind == TG_PKG_VAR) return pp_sty_of_type(&t->pkg->spec.decls[t->slot]->type);
    return t->kind == TG_VAR ? pp_sty_of_type(&pp_decl(p, t->slot)->type) : STY_UNKNOWN;
}

/* Does a host array of kind DECLARED fit a table of ELEM? */
static int array_fits(const pl_type *elem, int declared)
{
    switch (elem->kind) {
    case TY_NUMBER:
    case TY_PLS_INTEGER:
        return declared == PLSQL_NUMBER;
    case TY_VARCHAR2:
    case TY_CHAR:
        return declared == PLSQL_TEXT;
    case TY_DATE:
    case TY_TIMESTAMP:
        return declared == PLSQL_DATE;
    case TY_RAW:
        return declared == PLSQL_RAW;
    default:
        return 0;
    }
}

/* Host bind INDEX stands for a whole collection of type CT: when the binds are known, it must
 * be an array of the element's type (PLS-00418), or anything else is PLS-00382. */
static int array_bind(pl_parser *p, int index, int off, const pl_coll_type *ct)
{
    if (!p->binds || index >= p->nbinds) return 0;
    const plsql_value *b = &p->binds[index];
    if (b->kind != PLSQL_ARRAY) return pp_error(p, off, PLS_WRONG_TYPE);
    if (ct->kind != CK_INDEX_BY || ct->by_text || !array_fits(&ct->elem, b->declared))
        return pp_error(p, off, PLS_ARRAY_TYPE);
    return 0;
}

int pp_bind_sty(const pl_parser *p, int index)
{
    int array = p->binds && index >= 0 && index < p->nbinds && p->binds[index].kind == PLSQL_ARRAY;
    return array ? STY_COLL : STY_UNKNOWN;
}

int pp_scalar_bind(pl_parser *p, int index, int off)
{
    return pp_bind_sty(p, index) == STY_COLL ? pp_error(p, off, PLS_ARRAY_TYPE) : 0;
}

int pp_not_scalar(pl_parser *p, const pl_expr *e)
{
    if (e->kind == EX_BIND) return pp_error(p, e->off, PLS_ARRAY_TYPE);
    return pp_error(p, e->off, PLS_WRONG_TYPE);
}

/* Are collection types A and B the same declaration?  A program compiles each package it names
 * once, so a package's type is one declaration wherever the program uses it. */
static int same_type(const pl_coll_type *a, const pl_coll_type *b)
{
    return a == b;
}

/* A whole collection's value: a collection variable, a constructor, a function returning one. */
static int is_whole(const pl_expr *v)
{
    return v->sty == STY_COLL &&
           (v->kind == EX_COLL || v->kind == EX_COLL_CTOR || v->kind == EX_CALL);
}

/* The type of whole-collection value V (is_whole). */
static const pl_coll_type *expr_coll(const pl_parser *p, const pl_expr *v)
{
    return v->kind == EX_CALL ? v->call->sig->ret.coll : coll_of(p, v->pkg, v->slot);
}

int pp_collection_init(pl_parser *p, const pl_type *t, const pl_expr *init)
{
    if (t->kind != TY_COLLECTION) return init->sty == STY_COLL ? pp_not_scalar(p, init) : 0;
    if (!is_whole(init) || !same_type(expr_coll(p, init), t->coll))
        return pp_error(p, init->off, PLS_WRONG_TYPE);
    return 0;
}

int pp_collection_argument(pl_parser *p, const pl_type *formal, const pl_expr *e,
                           const char *unit)
{
    if (formal->kind != TY_COLLECTION) return e->sty == STY_COLL ? pp_not_scalar(p, e) : 0;
    if (e->kind == EX_BIND) return array_bind(p, e->slot, e->off, formal->coll);
    if (!is_whole(e) || !same_type(expr_coll(p, e), formal->coll))
        return pp_error(p, e->off, PLS_WRONG_ARGS, unit);
    return 0;
}

int pp_collection_return(pl_parser *p, const pl_expr *v)
{
    if (p->returns->kind != TY_COLLECTION) return v->sty == STY_COLL ? pp_not_scalar(p, v) : 0;
    if (!is_whole(v) || !same_type(expr_coll(p, v), p->returns->coll))
        return pp_error(p, v->off, PLS_WRONG_TYPE);
    return 0;
}

/* A whole collection to target T (a collection, or a host array bind): same type. */
static int whole_to(pl_parser *p, const pl_target *t, const pl_expr *v)
{
    const pl_coll_type *ct = expr_coll(p, v), *target = target_coll(p, t);
    if (t->kind == TG_BIND) return array_bind(p, t->slot, t->off, ct);
    if (!target || !same_type(target, ct))
        return pp_error(p, v->off, PLS_WRONG_TYPE);
    return 0;
}

int pp_collection_assignment(pl_parser *p, pl_stmt *s)
{
    pl_target *t = s->target;
    const pl_coll_type *whole = target_coll(p, t);
    if (!(s->value = pp_expr(p))) return -1;
    const pl_expr *v = s->value;
    if (!whole && v->sty != STY_COLL)
        return t->kind == TG_BIND ? pp_scalar_bind(p, t->slot, t->off) : 0;
    if (whole && v->kind == EX_BIND) { /* v := :host_array */
        if (array_bind(p, v->slot, v->off, whole) < 0) return -1;
    } else if (whole && whole->kind != CK_INDEX_BY && v->kind == EX_LITERAL &&
               v->lit.kind == PLSQL_NULL) { /* a nested table or VARRAY made NULL */
    } else if (!is_whole(v)) {
        return pp_not_scalar(p, v);
    } else if (whole_to(p, t, v) < 0) {
        return -1;
    }
    s->kind = ST_COLL_ASSIGN;
    return 0;
}

/* The statement method MEMBER names (ST_COLL_DELETE ...), or -1. */
static int statement_method(const char *member)
{
    return !strcmp(member, "DELETE")   ? ST_COLL_DELETE
           : !strcmp(member, "EXTEND") ? ST_COLL_EXTEND
           : !strcmp(member, "TRIM")   ? ST_COLL_TRIM
                                       : -1;
}

/* Does method KIND take the arguments S has, on a collection of type CT?  EXTEND and TRIM are
 * a nested table's or VARRAY's; DELETE (i [, j]) an index-by or nested table's. */
static int method_fits(const pl_stmt *s, int kind, const pl_coll_type *ct)
{
    if (kind == ST_COLL_DELETE) return !s->lo || ct->kind != CK_VARRAY;
    return ct->kind != CK_INDEX_BY && !(kind == ST_COLL_TRIM && s->hi);
}

/* v.DELETE [(i [, j])]; v.EXTEND [(n [, i])]; v.TRIM [(n)]; */
pl_stmt *pp_collection_statement(pl_parser *p, const pl_package_ref *pkg, int slot,
                                 const char *member, int off)
{
    int kind = statement_method(member);
    if (kind < 0 && method_of(member) >= 0) return pp_error(p, off, PLS_WRONG_ARGS, member), NULL;
    if (kind < 0) return pp_error(p, off, PLS_NO_COMPONENT, member), NULL;
    pl_stmt *s = pp_new_stmt(p, (pl_stmt_kind)kind, off);
    s->value = pp_new_expr(p, EX_COLL, off);
    s->value->pkg = pkg;
    s->value->slot = slot;
    if (pp_accept_op(p, "(")) {
        if (!(s->lo = pp_expr(p))) return NULL;
        if (pp_accept_op(p, ",") && !(s->hi = pp_expr(p))) return NULL;
        if (pp_expect_op(p, ")", ", )") < 0) return NULL;
        for (pl_expr *k = s->lo; k; k = k == s->lo ? s->hi : NULL)
            if (k->sty == STY_BOOL || k->sty == STY_COLL)
                return pp_error(p, k->off, PLS_WRONG_ARGS, member), NULL;
    }
    if (!method_fits(s, kind, coll_of(p, pkg, slot)))
        return pp_error(p, off, PLS_WRONG_ARGS, member), NULL;
    return pp_expect_op(p, ";", ";") < 0 ? NULL : s;
}

/* A collection's element or method inside embedded SQL, from token I: parsed as PL/SQL and
 * bound; the index of its last token, or -1 when token I is not one (or on error). */
int pp_sql_collection(pl_parser *p, int i, pl_expr **out)
{
    const sql_token *t = &p->toks.v[i];
    if (!tok_is_name(t) || i + 1 >= p->toks.n) return -1;
    const sql_token *next = &p->toks.v[i + 1];
    char name[SQL_IDENT_MAX + 1];
    if (tok_is_op(p->src, next, ".")) { /* v.COUNT ..., or a table's alias: v.column */
        if (i + 2 >= p->toks.n || !tok_is_name(&p->toks.v[i + 2])) return -1;
        tok_name(p->src, &p->toks.v[i + 2], name, sizeof name);
        if (method_of(name) < 0) return -1;
    } else if (!tok_is_op(p->src, next, "(")) {
        return -1;
    }
    if (i > 0 && tok_is_op(p->src, &p->toks.v[i - 1], ".")) return -1;
    tok_name(p->src, t, name, sizeof name);
    int slot = pp_lookup(p, name);
    if (!pp_is_collection(p, slot)) return -1;
    int saved = p->pos;
    p->pos = i + 1;
    *out = pp_collection_expr(p, NULL, slot, t->off);
    int last = p->pos - 1;
    p->pos = saved;
    return *out ? last : -1;
}

/* ---------------- BULK COLLECT and FORALL ---------------- */

#define PLS_TEXT_KEYS 657, "Implementation restriction: bulk SQL with associative arrays with " \
                           "VARCHAR2 key is not supported."

/* A collection that bulk SQL fills or walks: integer keys only (PLS-00657). */
static int bulk_collection(pl_parser *p, int *slot)
{
    int off = pp_tok(p)->off;
    char name[SQL_IDENT_MAX + 1];
    if (!pp_at_name(p)) return pp_syntax_error(p, "<an identifier>");
    pp_name(p, name);
    p->pos++;
    *slot = pp_lookup(p, name);
    if (*slot < 0) return pp_error(p, off, PLS_NOT_DECLARED, name);
    if (!pp_is_collection(p, *slot)) return pp_error(p, off, PLS_INTO_TYPE, name);
    if (coll_of(p, NULL, *slot)->by_text) return pp_error(p, off, PLS_TEXT_KEYS);
    return 0;
}

int pp_bulk_into(pl_parser *p, pl_stmt *s, int fetch)
{
    if (pp_expect_word(p, "COLLECT", "collect") < 0 || pp_expect_word(p, "INTO", "into") < 0)
        return -1;
    s->bulk = 1;
    pl_target **tail = &s->target;
    do {
        int off = pp_tok(p)->off, slot;
        if (pp_tok(p)->type == TK_BIND)
            return pp_error(p, off, PLS_RESTRICTION, "BULK COLLECT INTO a host array");
        if (bulk_collection(p, &slot) < 0) return -1;
        const pl_decl *d = pp_decl(p, slot);
        if (d->read_only || d->constant) return pp_error(p, off, PLS_NOT_TARGET, d->name);
        if (++s->ntargets > PL_MAX_ARGS) return pp_error(p, off, PLS_RESTRICTION, "INTO list");
        pl_target *t = pl_alloc(&p->prog->arena, sizeof *t);
        *t = (pl_target){.kind = TG_VAR, .slot = slot, .off = off};
        *tail = t, tail = &t->next;
    } while (pp_accept_op(p, ","));
    if (!fetch || !pp_accept_word(p, "LIMIT")) return 0;
    if (!(s->hi = pp_expr(p))) return -1;
    return s->hi->sty == STY_BOOL || s->hi->sty == STY_COLL ? pp_error(p, s->hi->off, PLS_WRONG_TYPE)
                                                            : 0;
}

/* What FORALL walks: INDICES OF c, VALUES OF c, or lo .. hi. */
static int forall_bounds(pl_parser *p, pl_stmt *s)
{
    int values = pp_at_word(p, "VALUES");
    if (values || pp_at_word(p, "INDICES")) {
        p->pos++;
        s->reverse = values;
        if (pp_expect_word(p, "OF", "of") < 0 || bulk_collection(p, &s->cursor) < 0) return -1;
        if (pp_at_word(p, "BETWEEN"))
            return pp_error(p, pp_tok(p)->off, PLS_RESTRICTION, "INDICES OF ... BETWEEN");
        return 0;
    }
    if (!(s->lo = pp_expr(p)) || pp_expect_op(p, "..", EXPECT_OPERATOR) < 0 || !(s->hi = pp_expr(p)))
        return -1;
    if (s->lo->sty != STY_SCALAR && s->lo->sty != STY_UNKNOWN) return pp_not_scalar(p, s->lo);
    if (s->hi->sty != STY_SCALAR && s->hi->sty != STY_UNKNOWN) return pp_not_scalar(p, s->hi);
    return 0;
}

pl_stmt *pp_forall(pl_parser *p)
{
    pl_stmt *s = pp_new_stmt(p, ST_FORALL, pp_tok(p)->off);
    char name[SQL_IDENT_MAX + 1];
    int off;
    if (pp_declared_name(p, name, &off) < 0 || pp_expect_word(p, "IN", "in") < 0 ||
        forall_bounds(p, s) < 0)
        return NULL;
    if (pp_at_word(p, "SAVE"))
        return pp_error(p, pp_tok(p)->off, PLS_RESTRICTION, "SAVE EXCEPTIONS"), NULL;
    if (!pp_at_word(p, "INSERT") && !pp_at_word(p, "UPDATE") && !pp_at_word(p, "DELETE") &&
        !pp_at_word(p, "MERGE"))
        return pp_error(p, pp_tok(p)->off, PLS_RESTRICTION, "FORALL of other than DML"), NULL;
    int mark = p->nvisible;
    pl_decl *d = pp_declare(p, name, off, &s->slot);
    if (!d) return NULL;
    d->type.kind = TY_PLS_INTEGER;
    d->read_only = 1;
    s->body = pp_sql_statement(p);
    p->nvisible = mark;
    return s->body ? s : NULL;
}
