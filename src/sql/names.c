/*
 * names.c - how Oracle object names become SQLite names.
 *
 * All schemas share one SQLite database: the object SCOTT.EMP is the table
 * named "SCOTT.EMP".  Unqualified names belong to the session's current
 * schema, except global names (DUAL, V$..., GV$..., and whatever the
 * context's is_global_name says), which stay as they are, and the names of
 * WITH queries, which are local to the statement.
 */
#include "xlat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int read_name_part(xlat *x, char *out)
{
    const sql_token *t = cur(x);
    if (t->type != TK_WORD && t->type != TK_QIDENT) return -1;
    tok_name(x->sql, t, out, SQL_IDENT_MAX + 1);
    advance(x);
    return 0;
}

int read_qname(xlat *x, qname *qn)
{
    memset(qn, 0, sizeof *qn);
    qn->off = cur(x)->off;
    if (!at_name(x) || read_name_part(x, qn->name) < 0) return -1;
    const sql_token *next = ahead(x, 1);
    if (at_op(x, ".") && (next->type == TK_WORD || next->type == TK_QIDENT)) {
        advance(x);
        memcpy(qn->schema, qn->name, sizeof qn->schema);
        read_name_part(x, qn->name);
    }
    return 0;
}

static int has_prefix(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int builtin_global(const char *name)
{
    return strcmp(name, "DUAL") == 0 || has_prefix(name, "V$") || has_prefix(name, "GV$") ||
           has_prefix(name, "V_$") || has_prefix(name, "GV_$");
}

int name_is_global(const xlat *x, const qname *qn)
{
    if (qn->schema[0] && strcmp(qn->schema, "SYS") != 0 && strcmp(qn->schema, "PUBLIC") != 0)
        return 0;
    if (builtin_global(qn->name)) return 1;
    const sql_ctx *ctx = x->ctx;
    return ctx && ctx->is_global_name && ctx->is_global_name(qn->name, ctx->is_global_arg);
}

int name_is_cte(const xlat *x, const char *name)
{
    for (int i = 0; i < x->nctes; i++)
        if (strcmp(x->ctes[i], name) == 0) return 1;
    return 0;
}

void push_str(char ***arr, int *n, const char *s)
{
    *arr = xrealloc(*arr, sizeof **arr * (size_t)(*n + 1));
    (*arr)[(*n)++] = xstrdup(s);
}

void add_cte(xlat *x, const char *name) { push_str(&x->ctes, &x->nctes, name); }

static const char *schema_of(const xlat *x, const qname *qn)
{
    if (qn->schema[0]) return qn->schema;
    /* the views behind the V$ synonyms are SYS's, wherever they are named from */
    if (has_prefix(qn->name, "V_$") || has_prefix(qn->name, "GV_$")) return "SYS";
    return x->ctx && x->ctx->schema ? x->ctx->schema : "";
}

void append_object(const xlat *x, const qname *qn, buf *out)
{
    const char *schema = schema_of(x, qn);
    if (name_is_global(x, qn) && (has_prefix(qn->name, "V_$") || has_prefix(qn->name, "GV_$"))) {
        /* SYS's view behind a V$ synonym reads as the view itself: V_$X as V$X */
        char name[SQL_IDENT_MAX + 1];
        snprintf(name, sizeof name, "%.*sV$%s", qn->name[0] == 'G' ? 1 : 0, "G",
                 strchr(qn->name, '$') + 1);
        append_ident(out, name);
        return;
    }
    if (name_is_global(x, qn) || (!qn->schema[0] && name_is_cte(x, qn->name)) || !schema[0]) {
        append_ident(out, qn->name);
        return;
    }
    buf full;
    buf_init(&full);
    buf_printf(&full, "%s.%s", schema, qn->name);
    append_ident(out, buf_cstr(&full));
    buf_free(&full);
}

int sql_next_object_name(const char **pos, char *name, size_t size)
{
    for (const char *p = strchr(*pos, '"'); p; p = strchr(p, '"')) {
        const char *end = strchr(p + 1, '"');
        if (!end) break;
        size_t n = (size_t)(end - p - 1);
        *pos = p = end + 1;
        if (n < size && memchr(end - n, '.', n)) {
            memcpy(name, end - n, n);
            name[n] = '\0';
            return 1;
        }
    }
    return 0;
}

void emit_object(xlat *x, const qname *qn, int space)
{
    buf name;
    buf_init(&name);
    append_object(x, qn, &name);
    out_text(x, buf_cstr(&name), qn->off, space);
    buf_free(&name);
}

sql_object_name object_name_of(const xlat *x, const qname *qn)
{
    return (sql_object_name){xstrdup(schema_of(x, qn)), xstrdup(qn->name)};
}

void set_object(xlat *x, const qname *qn)
{
    free(x->object.schema);
    free(x->object.name);
    x->object = object_name_of(x, qn);
}
