/*
 * plsql_assign.c - conversions between value kinds as PL/SQL does them
 * implicitly (number <-> text natively; date <-> text through the host's
 * TO_CHAR / TO_DATE, so NLS formats live in one place), fitting a value to a
 * declared type (NUMBER(p,s) rounding, VARCHAR2(n) length, PLS_INTEGER range,
 * NOT NULL), and storing into variables, record fields and host binds.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plsql_collection.h"

#define PLS_INTEGER_MAX 2147483647LL

static int value_error(pl_exec *ex, const char *detail)
{
    return pl_raise(ex, 6502, detail);
}

int pl_number_result(pl_exec *ex, int rc, const pdec *d, pval *out)
{
    if (rc == PDEC_OVERFLOW) return pl_raise(ex, 1426);
    if (rc == PDEC_ZERO_DIVIDE) return pl_raise(ex, 1476);
    *out = pv_dec(d);
    return 0;
}

int pl_to_text(pl_exec *ex, pval *v)
{
    char num[PDEC_TEXT_MAX];
    switch (v->kind) {
    case PLSQL_NUMBER:
        if (v->is_int) v->text = xstrdup(pv_number_text(v, num));
        v->kind = PLSQL_TEXT;
        v->is_int = 0;
        return 0;
    case PLSQL_DATE: {
        pval text;
        if (pl_sql_value_of(ex, "SELECT TO_CHAR(:1) FROM DUAL", v, 1, &text) < 0) return -1;
        pv_move(v, &text);
        if (v->kind != PLSQL_NULL) v->kind = PLSQL_TEXT;
        return 0;
    }
    case PLSQL_BOOLEAN:
        return value_error(ex, "");
    case PLSQL_RAW: /* its hex digits, as Oracle converts RAW to text */
        v->kind = PLSQL_TEXT;
        return 0;
    default:
        return 0;
    }
}

int pl_to_number(pl_exec *ex, const pval *v, pdec *out)
{
    if (v->kind == PLSQL_NUMBER || v->kind == PLSQL_TEXT) {
        if (pv_to_dec(v, out) == PDEC_OK) return 0;
        return value_error(ex, ": character to number conversion error");
    }
    return value_error(ex, "");
}

int pl_to_date(pl_exec *ex, pval *v)
{
    if (v->kind == PLSQL_NULL || v->kind == PLSQL_DATE) return 0;
    if (v->kind != PLSQL_TEXT) return value_error(ex, "");
    pval date;
    if (pl_sql_value_of(ex, "SELECT TO_DATE(:1) FROM DUAL", v, 1, &date) < 0) return -1;
    pv_move(v, &date);
    return 0;
}

/* NUMBER(p,s): rounded to s digits, at most p-s digits before the point. */
static int fit_number(pl_exec *ex, const pl_type *t, pval *v)
{
    pdec d;
    if (v->is_int && t->precision == 0) return 0;
    if (pl_to_number(ex, v, &d) < 0) return -1;
    if (t->precision) {
        if (pdec_round(&d, t->scale) != PDEC_OK) return pl_raise(ex, 1426);
        if (pdec_int_digits(&d) > t->precision - t->scale)
            return value_error(ex, ": number precision too large");
    }
    pval n = pv_dec(&d);
    pv_move(v, &n);
    return 0;
}

static int fit_pls_integer(pl_exec *ex, pval *v)
{
    pdec d;
    int64_t i;
    if (!v->is_int) {
        if (pl_to_number(ex, v, &d) < 0) return -1;
        if (pdec_round(&d, 0) != PDEC_OK || pdec_to_int(&d, &i) != PDEC_OK)
            return pl_raise(ex, 1426);
        pval n = pv_int(i);
        pv_move(v, &n);
    }
    if (v->i > PLS_INTEGER_MAX || v->i < -PLS_INTEGER_MAX - 1) return pl_raise(ex, 1426);
    return 0;
}

static size_t char_count(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* VARCHAR2(n) and CHAR(n): at most n bytes (or characters); CHAR is padded with blanks (not a
 * parameter's: it has its value's length). */
static int fit_string(pl_exec *ex, const pl_type *t, pval *v)
{
    if (pl_to_text(ex, v) < 0) return -1;
    size_t bytes = strlen(v->text), len = t->char_units ? char_count(v->text) : bytes;
    if (len > (size_t)t->length) return value_error(ex, ": character string buffer too small");
    if (t->kind == TY_CHAR && !t->unconstrained && len < (size_t)t->length) {
        size_t pad = (size_t)t->length - len;
        v->text = xrealloc(v->text, bytes + pad + 1);
        memset(v->text + bytes, ' ', pad);
        v->text[bytes + pad] = 0;
    }
    return 0;
}

/* A DATE keeps whole seconds and no time zone: its text ends after HH:MI:SS. */
static int fit_date(pl_exec *ex, pval *v)
{
    if (pl_to_date(ex, v) < 0) return -1;
    char *time = v->kind == PLSQL_DATE ? strchr(v->text, ' ') : NULL;
    if (time && strlen(time) > 9) time[9] = 0;
    return 0;
}

/* A TIMESTAMP(n) [WITH [LOCAL] TIME ZONE]: what CAST to that type makes of the value. */
static int fit_timestamp(pl_exec *ex, const pl_type *t, pval *v)
{
    static const char *const zones[] = {"", " WITH TIME ZONE", " WITH LOCAL TIME ZONE"};
    char sql[96];
    pval ts;
    snprintf(sql, sizeof sql, "SELECT CAST(:1 AS TIMESTAMP(%d)%s) FROM DUAL", t->frac_digits,
             zones[t->zone]);
    if (v->kind != PLSQL_TEXT && v->kind != PLSQL_DATE) return value_error(ex, "");
    if (pl_sql_value_of(ex, sql, v, 1, &ts) < 0) return -1;
    pv_move(v, &ts);
    return 0;
}

/* An INTERVAL: what CAST to the type makes of the value. */
static int fit_interval(pl_exec *ex, const pl_type *t, pval *v)
{
    char sql[96];
    pval iv;
    if (v->kind != PLSQL_TEXT) return value_error(ex, "");
    if (t->year_month)
        snprintf(sql, sizeof sql, "SELECT CAST(:1 AS INTERVAL YEAR(%d) TO MONTH) FROM DUAL",
                 t->precision);
    else
        snprintf(sql, sizeof sql, "SELECT CAST(:1 AS INTERVAL DAY(%d) TO SECOND(%d)) FROM DUAL",
                 t->precision, t->scale);
    if (pl_sql_value_of(ex, sql, v, 1, &iv) < 0) return -1;
    pv_move(v, &iv);
    return 0;
}

/* A RAW: bytes up to T's length; text becomes RAW when it is hex digits (HEXTORAW). */
static int fit_raw(pl_exec *ex, const pl_type *t, pval *v)
{
    if (v->kind != PLSQL_RAW && pl_to_text(ex, v) < 0) return -1;
    for (char *c = v->text; *c; c++) {
        if (!isxdigit((unsigned char)*c)) return value_error(ex, ": hex to raw conversion error");
        *c = (char)toupper((unsigned char)*c);
    }
    v->kind = PLSQL_RAW;
    if ((strlen(v->text) + 1) / 2 > (size_t)t->length)
        return value_error(ex, ": raw variable length too long");
    return 0;
}

int pl_conform(pl_exec *ex, const pl_type *t, int not_null, pval *v)
{
    if (v->kind == PLSQL_NULL) return not_null ? value_error(ex, "") : 0;
    switch (t->kind) {
    case TY_NUMBER:
        return fit_number(ex, t, v);
    case TY_PLS_INTEGER:
        return fit_pls_integer(ex, v);
    case TY_VARCHAR2:
    case TY_CHAR:
        return fit_string(ex, t, v);
    case TY_DATE:
        return fit_date(ex, v);
    case TY_TIMESTAMP:
        return fit_timestamp(ex, t, v);
    case TY_BOOLEAN:
        return v->kind == PLSQL_BOOLEAN ? 0 : value_error(ex, "");
    case TY_RAW:
        return fit_raw(ex, t, v);
    case TY_INTERVAL:
        return fit_interval(ex, t, v);
    default:
        return v->kind == PLSQL_BOOLEAN && t->kind != TY_ANY ? value_error(ex, "") : 0;
    }
}

int pl_record_find(pl_exec *ex, int slot, const char *name, int off, int *cache)
{
    const pl_record *r = &pl_slot_at(ex, slot)->rec;
    if (*cache >= 0 && *cache < r->n && strcmp(r->names[*cache], name) == 0) return *cache;
    for (int i = 0; i < r->n; i++)
        if (strcmp(r->names[i], name) == 0) return *cache = i;
    pl_compile_error(&ex->fatal_err, ex->prog->src, off, PLS_NO_COMPONENT, name);
    pl_compile_ignored(&ex->fatal_err, ex->prog->src, ex->stmt_off, "Statement");
    ex->fatal = 1;
    return -1;
}

int pl_assign(pl_exec *ex, const pl_target *t, pval *v)
{
    int field_cache = -1, i;
    const pl_decl *d;
    switch (t->kind) {
    case TG_VAR:
        d = ex->prog->decls[t->slot];
        if (pl_conform(ex, &d->type, d->not_null, v) < 0) break;
        pv_move(&pl_slot_at(ex, t->slot)->v, v);
        return 0;
    case TG_FIELD:
        if ((i = pl_record_find(ex, t->slot, t->name, t->off, &field_cache)) < 0) break;
        d = ex->prog->decls[t->slot];
        if (d->type.record && pl_conform(ex, &d->type.record->types[i], 0, v) < 0) break;
        pv_move(&pl_slot_at(ex, t->slot)->rec.vals[i], v);
        return 0;
    case TG_ELEM:
        return pl_coll_assign_element(ex, t, v);
    case TG_BIND:
        pl_host_value_free(&ex->binds[t->slot]);
        pv_to_host(v, &ex->binds[t->slot]);
        pv_free(v);
        return 0;
    case TG_PKG_VAR: {
        pl_slot *slot = pl_package_slot(ex, t->pkg, t->slot, &d);
        if (!slot || pl_conform(ex, &d->type, d->not_null, v) < 0) break;
        pv_move(&slot->v, v);
        return 0;
    }
    }
    pv_free(v);
    return -1;
}
