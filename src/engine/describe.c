/*
 * describe.c - Oracle column descriptions for query results.
 *
 * A column read straight from a table has the type it was declared with
 * ("NUMBER(10,2)", "VARCHAR2(40)", "DATE", ...), which SQLite keeps.  An
 * expression has no declared type; its first row's value decides (Warden's
 * date functions tag their results with a subtype), and a column whose type
 * cannot be known describes as VARCHAR2(4000).  BLOB, CLOB and NCLOB
 * columns describe as BLOB and CLOB (the client then defines how it wants
 * their values: locators, or inline as LONG / LONG RAW).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../common/buf.h"
#include "../common/ora_types.h"
#include "decltype.h"
#include "engine_internal.h"
#include "overlay_ddl.h"
#include "ora_functions.h"

#define RAW_MAX 2000 /* longest RAW in SQL; a longer value is LONG RAW */

static void set_number(eng_column *col, int precision, int scale)
{
    col->ora_type = T_NUMBER;
    col->precision = precision;
    col->scale = scale;
    col->max_size = 22;
}

static void set_varchar(eng_column *col, uint8_t type, uint32_t size)
{
    col->ora_type = type;
    col->precision = 0;
    col->scale = 0;
    col->max_size = size ? size : 1;
}

static void set_date(eng_column *col) { col->ora_type = T_DATE, col->max_size = 7; }

/* LONG and LONG RAW describe without a size, as Oracle's do. */
static void set_long(eng_column *col, uint8_t type)
{
    col->ora_type = type;
    col->precision = 0;
    col->scale = 0;
    col->max_size = 0;
}

/* TIMESTAMP [WITH [LOCAL] TIME ZONE] (TYPE) with DIGITS fraction digits. */
static void set_timestamp(eng_column *col, uint8_t type, int digits)
{
    col->ora_type = type;
    col->scale = digits;
    col->max_size = type == T_TIMESTAMP_TZ ? 13 : 11;
}

/* INTERVAL YEAR TO MONTH / DAY TO SECOND: leading digits as precision, fraction as scale. */
static void set_interval(eng_column *col, int ym, int leading, int fraction)
{
    col->ora_type = ym ? T_INTERVAL_YM : T_INTERVAL_DS;
    col->precision = leading;
    col->scale = ym ? 0 : fraction;
    col->max_size = ym ? 5 : 11;
}

/* What follows TIMESTAMP in a declared type: its kind, "(n)" its digits. */
static void timestamp_decl(const char *rest, eng_column *col)
{
    int digits = 6, unused = 0;
    uint8_t type = T_TIMESTAMP;
    while (*rest == ' ')
        rest++;
    if (!strncasecmp(rest, "WITH LOCAL TIME ZONE", 20)) type = T_TIMESTAMP_LTZ, rest += 20;
    else if (!strncasecmp(rest, "WITH TIME ZONE", 14)) type = T_TIMESTAMP_TZ, rest += 14;
    decltype_args(rest, &digits, &unused);
    set_timestamp(col, type, digits);
}

/* What follows INTERVAL: "YEAR TO MONTH(p)" or "DAY TO SECOND(p,f)" (as DDL writes them). */
static void interval_decl(const char *rest, eng_column *col)
{
    int leading = 2, fraction = 6;
    while (*rest == ' ')
        rest++;
    int ym = !strncasecmp(rest, "YEAR", 4);
    const char *paren = strchr(rest, '(');
    if (paren) decltype_args(paren, &leading, &fraction);
    set_interval(col, ym, leading, fraction);
}

/* A cursor expression's column: a cursor (its value is the nested cursor's describe and id). */
static void set_cursor(eng_column *col)
{
    col->ora_type = T_CURSOR;
    col->max_size = 8;
}

/* LOBs describe with the size Oracle gives them (the client reads a locator or its define). */
static void set_lob(eng_column *col, uint8_t type)
{
    set_long(col, type);
    col->max_size = 4000;
}

static int is_long_raw_type(const char *decl)
{
    const char *rest;
    if (!decltype_is(decl, "LONG", &rest)) return 0;
    while (*rest == ' ') rest++;
    return decltype_is(rest, "RAW", &rest);
}

void eng_column_from_decltype(const char *decl, eng_column *col)
{
    const char *rest;
    int a = 0, b = 0;
    while (decl && *decl == ' ') decl++;
    if (!decl || !*decl) {
        set_varchar(col, T_VARCHAR, 4000);
    } else if (decltype_is(decl, "NUMBER", &rest) || decltype_is(decl, "NUMERIC", &rest) ||
               decltype_is(decl, "DECIMAL", &rest)) {
        a = 0, b = -127;
        decltype_args(rest, &a, &b);
        if (a && b == -127) b = 0; /* NUMBER(p) is NUMBER(p,0) */
        set_number(col, a, b);
    } else if (decltype_is(decl, "INTEGER", &rest) || decltype_is(decl, "INT", &rest) ||
               decltype_is(decl, "SMALLINT", &rest)) {
        set_number(col, 38, 0);
    } else if (decltype_is(decl, "FLOAT", &rest) || decltype_is(decl, "REAL", &rest) ||
               decltype_is(decl, "BINARY_DOUBLE", &rest) || decltype_is(decl, "BINARY_FLOAT", &rest) ||
               decltype_is(decl, "DOUBLE", &rest)) {
        set_number(col, 126, -127);
    } else if (decltype_is(decl, "VARCHAR2", &rest) || decltype_is(decl, "VARCHAR", &rest) ||
               decltype_is(decl, "NVARCHAR2", &rest)) {
        decltype_length(rest, 0, 4000, &a);
        set_varchar(col, T_VARCHAR, (uint32_t)a);
    } else if (decltype_is(decl, "CHAR", &rest) || decltype_is(decl, "NCHAR", &rest)) {
        decltype_length(rest, 0, 1, &a);
        set_varchar(col, T_CHAR, (uint32_t)a);
    } else if (decltype_is(decl, "DATE", &rest)) {
        set_date(col);
    } else if (decltype_is(decl, "RAW", &rest)) {
        a = RAW_MAX;
        decltype_args(rest, &a, &b);
        set_varchar(col, T_RAW, (uint32_t)a);
    } else if (decltype_is(decl, "TIMESTAMP", &rest)) {
        timestamp_decl(rest, col);
    } else if (decltype_is(decl, "INTERVAL", &rest)) {
        interval_decl(rest, col);
    } else if (is_long_raw_type(decl)) {
        set_long(col, T_LONG_RAW);
    } else if (decltype_is(decl, "LONG", &rest)) {
        set_long(col, T_LONG);
    } else if (decltype_is(decl, "BLOB", &rest)) {
        set_lob(col, T_BLOB);
    } else if (decltype_is(decl, "CLOB", &rest) || decltype_is(decl, "NCLOB", &rest)) {
        set_lob(col, T_CLOB);
    } else {
        /* Unknown names (ROWID, BOOLEAN ...): delivered as text. */
        set_varchar(col, T_VARCHAR, 32767);
    }
}

/* Does timestamp text T (N bytes) carry an offset (" +hh:mm" at its end)? */
static int text_has_offset(const char *t, size_t n)
{
    return n > 6 && t[n - 3] == ':' && (t[n - 6] == '+' || t[n - 6] == '-') && t[n - 7] == ' ';
}

/* A timestamp result: WITH TIME ZONE when its text carries an offset. */
static void timestamp_value(sqlite3_value *v, eng_column *col)
{
    const char *t = (const char *)sqlite3_value_text(v);
    set_timestamp(col, text_has_offset(t, t ? strlen(t) : 0) ? T_TIMESTAMP_TZ : T_TIMESTAMP, 6);
}

/* An interval of text T: as many leading (and fraction) digits as T has. */
static void interval_text(const char *t, eng_column *col, int ym)
{
    const char *dot = strchr(t, '.');
    int leading = (int)strspn(t + (*t == '+' || *t == '-'), "0123456789");
    set_interval(col, ym, leading, dot ? (int)strspn(dot + 1, "0123456789") : 0);
}

static void interval_value(sqlite3_value *v, eng_column *col, int ym)
{
    interval_text((const char *)sqlite3_value_text(v), col, ym);
}

/* The type the translator knew an expression to have (sql_column_hint.subtype), for a column
 * without a value to tell (NULL, or no row): 1 when SUBTYPE names one. */
static int column_from_subtype(eng_column *col, int subtype)
{
    switch (subtype) {
    case ORA_SUBTYPE_NUMBER: set_number(col, 0, -127); return 1;
    case ORA_SUBTYPE_DATE: set_date(col); return 1;
    case ORA_SUBTYPE_TIMESTAMP: set_timestamp(col, T_TIMESTAMP, 6); return 1;
    case ORA_SUBTYPE_INTERVAL_YM: set_interval(col, 1, 2, 0); return 1;
    case ORA_SUBTYPE_INTERVAL_DS: set_interval(col, 0, 2, 6); return 1;
    default: return 0;
    }
}

/* Type of an expression column from its first value; SUBTYPE: the type the translator knew
 * (sql_column_hint.subtype), for a text that has lost its own subtype, or 0. */
static void column_from_value(sqlite3_value *v, eng_column *col, int subtype)
{
    int sub = sqlite3_value_subtype(v) ? (int)sqlite3_value_subtype(v) : subtype;
    switch (sqlite3_value_type(v)) {
    case SQLITE_INTEGER:
    case SQLITE_FLOAT:
        set_number(col, 0, -127);
        return;
    case SQLITE_TEXT:
        if (sub == ORA_SUBTYPE_DATE) set_date(col);
        else if (sub == ORA_SUBTYPE_CLOB) set_lob(col, T_CLOB);
        else if (sub == ORA_SUBTYPE_TIMESTAMP) timestamp_value(v, col);
        else if (sub == ORA_SUBTYPE_INTERVAL_YM) interval_value(v, col, 1);
        else if (sub == ORA_SUBTYPE_INTERVAL_DS) interval_value(v, col, 0);
        else if (sub == ORA_SUBTYPE_NUMBER) set_number(col, 0, -127);
        else set_varchar(col, T_VARCHAR, sqlite3_value_bytes(v) > 4000 ? 32767 : 4000);
        return;
    case SQLITE_BLOB: /* HEXTORAW(...), a BLOB column inside an expression */
        if (sqlite3_value_subtype(v) == ORA_SUBTYPE_BLOB) set_lob(col, T_BLOB);
        else if (sqlite3_value_bytes(v) > RAW_MAX) set_long(col, T_LONG_RAW);
        else set_varchar(col, T_RAW, RAW_MAX);
        return;
    default: /* NULL */
        if (!column_from_subtype(col, subtype)) set_varchar(col, T_VARCHAR, 4000);
    }
}

/* A table column declared NOT NULL (or part of the primary key) describes as not nullable. */
static int column_nullable(sqlite3_stmt *st, int i)
{
    const char *table = sqlite3_column_table_name(st, i);
    const char *column = sqlite3_column_origin_name(st, i);
    int notnull = 0, pk = 0;
    if (!table || !column ||
        sqlite3_table_column_metadata(sqlite3_db_handle(st), sqlite3_column_database_name(st, i),
                                      table, column, NULL, NULL, &notnull, &pk, NULL) != SQLITE_OK)
        return 1;
    return !(notnull || pk);
}

/* Type of column I, which has no declared type, from the first row (if any). */
static void column_from_row(sqlite3_stmt *st, int i, int have_row, eng_column *col, int subtype)
{
    if (have_row) column_from_value(sqlite3_column_value(st, i), col, subtype);
    else if (!column_from_subtype(col, subtype)) set_varchar(col, T_VARCHAR, 4000);
}

/* The SQLite declared type that stores values of Oracle type COL as CREATE TABLE writes it. */
static void type_text(const eng_column *col, buf *out)
{
    switch (col->ora_type) {
    case T_NUMBER: buf_puts(out, "NUMBER" DECLTYPE_EXACT_MARK " COLLATE ORA_NUMBER"); break;
    case T_DATE: buf_puts(out, "DATE"); break;
    case T_TIMESTAMP: buf_printf(out, "TIMESTAMP(%d)", col->scale); break;
    case T_TIMESTAMP_TZ: buf_printf(out, "TIMESTAMP WITH TIME ZONE(%d)", col->scale); break;
    case T_INTERVAL_YM: buf_printf(out, "INTERVAL YEAR \"TO\" MONTH(%d)", col->precision); break;
    case T_INTERVAL_DS:
        buf_printf(out, "INTERVAL DAY \"TO\" SECOND(%d,%d)", col->precision, col->scale);
        break;
    case T_CLOB: buf_puts(out, "CLOB"); break;
    case T_BLOB: buf_puts(out, "BLOB"); break;
    case T_RAW: buf_printf(out, "RAW(%u)", col->max_size); break;
    case T_LONG_RAW: buf_puts(out, "LONG RAW"); break;
    default: buf_printf(out, "VARCHAR2(%u)", col->max_size > 4000 ? 4000 : col->max_size);
    }
}

void eng_ctas_column_type(sqlite3_stmt *st, int i, int have_row, buf *out)
{
    const char *decl = sqlite3_column_decltype(st, i);
    if (!decl || !*decl) {
        eng_column col = {0};
        column_from_row(st, i, have_row, &col, 0);
        type_text(&col, out);
        return;
    }
    buf_puts(out, decl);
    const char *table = sqlite3_column_table_name(st, i);
    const char *column = sqlite3_column_origin_name(st, i);
    const char *coll = NULL;
    int notnull = 0;
    if (!table || !column ||
        sqlite3_table_column_metadata(sqlite3_db_handle(st), sqlite3_column_database_name(st, i),
                                      table, column, NULL, &coll, &notnull, NULL, NULL) != SQLITE_OK)
        return;
    if (coll && strcasecmp(coll, "BINARY")) buf_printf(out, " COLLATE %s", coll);
    if (notnull) buf_puts(out, " NOT NULL"); /* Oracle's CTAS keeps NOT NULL constraints */
}

void eng_column_from_bind(const eng_value *v, eng_column *col)
{
    memset(col, 0, sizeof *col);
    if (v->is_null || (v->kind != ENG_VAL_DATE && v->kind != ENG_VAL_INTERVAL)) return;
    char text[64];
    snprintf(text, sizeof text, "%.*s", (int)(v->len < sizeof text ? v->len : sizeof text - 1), v->text);
    if (v->kind == ENG_VAL_INTERVAL) { /* "+YY-MM" or "+DD HH:MI:SS.F" */
        interval_text(text, col, !strchr(text, ' '));
        return;
    }
    size_t n = strlen(text); /* "YYYY-MM-DD HH24:MI:SS[.F...][ +hh:mm]" */
    const char *dot = strchr(text, '.');
    if (n <= 19) set_date(col);
    else set_timestamp(col, text_has_offset(text, n) ? T_TIMESTAMP_TZ : T_TIMESTAMP,
                       dot ? (int)strspn(dot + 1, "0123456789") : 0);
}

/* What the translator knew of column K of C's query (sql_column_hint), or NULL. */
static const struct sql_column_hint *hint(const eng_cursor *c, int k)
{
    const sql_sqlite_stmt *q = &eng_cursor_stmt(c)->sqlite;
    return k < q->nhints ? &q->hints[k] : NULL;
}

/* The datetime or interval type the translator knew column K to have (subtype letter), or 0. */
static int hint_subtype(const eng_cursor *c, int k)
{
    const struct sql_column_hint *h = hint(c, k);
    return h ? h->subtype : 0;
}

/* Column K described from its hint (a string literal: CHAR of its length; a table's ROWID; a
 * text expression: VARCHAR2 of the length Oracle's rules give it):
 * 1, or 0 when it has none. */
static int column_from_hint(const eng_cursor *c, int k, eng_column *col)
{
    const struct sql_column_hint *h = hint(c, k);
    const eng_column *bound = h && h->bind ? eng_cursor_bind_type(c, h->bind) : NULL;
    if (h && h->literal_size) set_varchar(col, T_CHAR, (uint32_t)h->literal_size);
    else if (h && h->rowid_table) set_varchar(col, T_ROWID, 18);
    else if (bound) *col = *bound;
    else if (h && h->number) set_number(col, 0, -127);
    else if (h && h->text_size) set_varchar(col, T_VARCHAR, (uint32_t)h->text_size);
    else return 0;
    return 1;
}

/*
 * A cursor executed again keeps its describe while SQLite has not prepared
 * its statement anew (a schema change): only expression columns, typed by
 * their first value, are looked at again.
 */
int eng_describe_query(eng_session *s, eng_cursor *c, int step, ora_error *err)
{
    sqlite3_stmt *st = eng_cursor_sqlite(c);
    int have_row = step ? eng_step_first(s, c, err) : 0;
    if (have_row < 0) return -1;
    int n = sqlite3_column_count(st);
    int prepares = sqlite3_stmt_status(st, SQLITE_STMTSTATUS_REPREPARE, 0);
    eng_column *cached = eng_cursor_described(c, prepares);
    const int *map = eng_cursor_column_map(c);
    if (cached) {
        for (int k = 0; k < eng_column_count(c); k++) {
            int i = map[k];
            eng_column ignored;
            if (sqlite3_column_decltype(st, i) || cached[k].ora_type == T_CURSOR ||
                column_from_hint(c, k, &ignored))
                continue;
            eng_column before = cached[k];
            column_from_row(st, i, have_row, &cached[k], hint_subtype(c, k));
            const eng_column *now = &cached[k];
            if (now->ora_type != before.ora_type || now->precision != before.precision ||
                now->scale != before.scale || now->max_size != before.max_size)
                eng_cursor_describe_changed(c);
        }
        return 0;
    }
    eng_column *cols = xcalloc((size_t)(n ? n : 1), sizeof *cols);
    int *visible = xcalloc((size_t)(n ? n : 1), sizeof *visible);
    int k = 0;
    for (int i = 0; i < n; i++) {
        /* The rowid column an overlay adds (row locking, named in lower case: Oracle's ROWID
         * comes out upper case) is not the client's. */
        const char *name = sqlite3_column_name(st, i);
        if (ovl_is_rowid_column(name)) continue;
        int nested = nested_column(&eng_cursor_stmt(c)->sqlite, n, i);
        if (nested == NESTED_HIDDEN) continue; /* a value a cursor expression's cursor binds */
        visible[k] = i;
        eng_column *col = &cols[k++];
        const char *decl = sqlite3_column_decltype(st, i);
        int hinted = nested < 0 && column_from_hint(c, k - 1, col);
        if (nested >= 0) set_cursor(col);
        else if (!hinted && decl) eng_column_from_decltype(decl, col);
        else if (!hinted) column_from_row(st, i, have_row, col, hint_subtype(c, k - 1));
        /* the translator names every expression column as Oracle heads it, an alias as
         * written (blanks in a quoted one kept) */
        snprintf(col->name, sizeof col->name, "%s", name ? name : "");
        col->nullable = column_nullable(st, i);
    }
    eng_cursor_set_columns(c, cols, k, prepares, visible);
    return 0;
}
