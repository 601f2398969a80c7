/*
 * plsql_values.c - run-time values: making, copying and freeing them, and
 * moving them across the host interface (plsql_value, plsql_rows).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plsql_int.h"

pval pv_null(void)
{
    pval v = {.kind = PLSQL_NULL};
    return v;
}

pval pv_int(int64_t i)
{
    pval v = {.kind = PLSQL_NUMBER, .is_int = 1, .i = i};
    return v;
}

pval pv_bool(int b)
{
    pval v = {.kind = PLSQL_BOOLEAN, .i = b != 0};
    return v;
}

pval pv_dec(const pdec *d)
{
    int64_t i;
    if (pdec_to_int(d, &i) == PDEC_OK) return pv_int(i);
    char text[PDEC_TEXT_MAX];
    pdec_format(d, text);
    pval v = {.kind = PLSQL_NUMBER, .text = xstrdup(text)};
    return v;
}

pval pv_text(const char *s, size_t n)
{
    if (!s || n == 0) return pv_null();
    pval v = {.kind = PLSQL_TEXT, .text = xstrndup(s, n)};
    return v;
}

pval pv_take_text(int kind, char *s)
{
    if (!s || !*s) {
        free(s);
        return pv_null();
    }
    pval v = {.kind = kind, .text = s};
    return v;
}

pval pv_copy(const pval *v)
{
    pval c = *v;
    if (v->text) c.text = xstrdup(v->text);
    return c;
}

void pv_free(pval *v)
{
    free(v->text);
    *v = pv_null();
}

void pv_move(pval *dst, pval *src)
{
    if (dst == src) return;
    free(dst->text);
    *dst = *src;
    *src = pv_null();
}

int pv_to_dec(const pval *v, pdec *out)
{
    if (v->kind == PLSQL_NUMBER && v->is_int) return pdec_from_int(v->i, out), PDEC_OK;
    if (v->kind != PLSQL_NUMBER && v->kind != PLSQL_TEXT) return PDEC_INVALID;
    return pdec_parse(v->text, out) == PDEC_OK ? PDEC_OK : PDEC_INVALID;
}

const char *pv_number_text(const pval *v, char out[PDEC_TEXT_MAX])
{
    if (!v->is_int) return v->text;
    snprintf(out, PDEC_TEXT_MAX, "%" PRId64, v->i);
    return out;
}

/* A number from the host as canonical text (or kept as text when it is not one). */
static pval number_from_host(const char *text)
{
    pdec d;
    if (pdec_parse(text, &d) != PDEC_OK) return pv_text(text, strlen(text));
    return pv_dec(&d);
}

pval pv_from_host(const plsql_value *v)
{
    if (!v || v->kind == PLSQL_NULL || !v->text) return pv_null();
    switch (v->kind) {
    case PLSQL_NUMBER:
        return number_from_host(v->text);
    case PLSQL_BOOLEAN:
        return pv_bool(strcmp(v->text, "0") != 0);
    case PLSQL_DATE:
    case PLSQL_CURSOR:
    case PLSQL_RAW:
        return pv_take_text(v->kind, xstrdup(v->text));
    default:
        return pv_text(v->text, strlen(v->text));
    }
}

void pv_to_host(const pval *v, plsql_value *out)
{
    char num[PDEC_TEXT_MAX];
    out->kind = v->kind;
    out->text = NULL;
    if (v->kind == PLSQL_NUMBER)
        out->text = xstrdup(pv_number_text(v, num));
    else if (v->kind == PLSQL_BOOLEAN)
        out->text = xstrdup(v->i ? "1" : "0");
    else if (v->kind != PLSQL_NULL)
        out->text = xstrdup(v->text);
}

void pl_host_value_free(plsql_value *v)
{
    free(v->text);
    v->text = NULL;
    plsql_values_free(v->elems, v->nelems);
    free(v->elems);
    v->elems = NULL;
    v->nelems = 0;
    v->kind = PLSQL_NULL;
}

void plsql_values_free(plsql_value *v, int n)
{
    for (int i = 0; i < n; i++) pl_host_value_free(&v[i]);
}

void plsql_rows_free(plsql_rows *r)
{
    if (!r) return;
    for (int i = 0; r->names && i < r->ncols; i++)
        free(r->names[i]);
    for (long i = 0; r->values && i < (long)r->nrows * r->ncols; i++)
        free(r->values[i].text);
    free(r->names);
    free(r->values);
    memset(r, 0, sizeof *r);
}
