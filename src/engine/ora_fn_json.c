/*
 * ora_fn_json.c - Oracle's SQL/JSON conditions and functions over JSON held
 * as text (VARCHAR2, CLOB), the calls src/sql/xlat_json.c writes:
 *
 *   ORA_IS_JSON(v, flags)          IS [NOT] JSON: NULL for NULL (and an empty
 *                                  LOB), else 1 / 0; a BLOB is read as UTF-8.
 *                                  Without ALLOW SCALARS only an object or
 *                                  an array is JSON, as in Oracle 19c.
 *   ORA_JSON_EXISTS(doc, path, f)  1 when the path selects something.
 *   ORA_JSON_VALUE(doc, path, f)   the one scalar selected, as text.
 *   ORA_JSON_QUERY(doc, path, f)   the object or array selected, as compact
 *                                  JSON text (WITH WRAPPER: all values
 *                                  selected, in an array).
 *   ORA_JSON_OBJECT(k, v, ..., f), ORA_JSON_ARRAY(v, ..., f)
 *                                  JSON text built from SQL values.
 *   ORA_JSON_FORMAT(v)             v, which must be JSON (FORMAT JSON).
 *
 * The flags are the call's clauses (ORA_JSON_* in src/sql/translate.h).
 * Errors follow Oracle's defaults: a document that is not JSON, no value
 * or a value of the wrong kind give NULL (JSON_EXISTS: false) unless the
 * call says ERROR ON ERROR / ERROR ON EMPTY; a path that is not one is
 * always ORA-40442.  Results that are JSON carry SQLite's JSON subtype
 * ('J'), so that a JSON_QUERY inside JSON_OBJECT is embedded, not quoted.
 */
#include <string.h>

#include "../common/json_text.h"
#include "../common/ora_error.h"
#include "../sql/translate.h"
#include "ora_functions_int.h"

#define JSON_SUBTYPE 'J' /* SQLite's own JSON functions' */

/* The text of a document or path argument into B: a BLOB's bytes are its text (JSON in a BLOB
 * column is UTF-8); NULL and an empty LOB give 0 with nothing read. */
static int arg_text(sqlite3_value *v, buf *b)
{
    int type = sqlite3_value_type(v);
    if (type == SQLITE_NULL || (type != SQLITE_INTEGER && type != SQLITE_FLOAT && !sqlite3_value_bytes(v)))
        return 0;
    if (type == SQLITE_BLOB) buf_put(b, sqlite3_value_blob(v), (size_t)sqlite3_value_bytes(v));
    else value_text(v, b);
    return 1;
}

static void result_json(sqlite3_context *c, buf *b)
{
    result_buf(c, b);
    sqlite3_result_subtype(c, JSON_SUBTYPE);
}

void fn_is_json(sqlite3_context *c, int argc, sqlite3_value **v)
{
    int flags = sqlite3_value_int(v[1]);
    buf b;
    buf_init(&b);
    if (!arg_text(v[0], &b)) {
        buf_free(&b);
        return sqlite3_result_null(c);
    }
    json_value doc;
    int ok = json_document((const char *)b.data, b.len, flags & ORA_JSON_STRICT, &doc) == 0 &&
             ((flags & ORA_JSON_SCALARS) || doc.kind == JSON_OBJECT || doc.kind == JSON_ARRAY);
    buf_free(&b);
    sqlite3_result_int(c, (flags & ORA_JSON_NOT) ? !ok : ok);
}

enum { SELECT_NULL = -1, SELECT_NOT_JSON = -2, SELECT_FAILED = -3 };

/* What a path selected in a document, for JSON_EXISTS, JSON_VALUE and JSON_QUERY. */
typedef struct selection {
    int flags; /* the call's clauses */
    buf doc;   /* the document's text, which VALUES point into */
    json_value values[JSON_MAX_MATCHES];
    /* how many values, or SELECT_NULL for a NULL document or path, SELECT_NOT_JSON for a
     * document that is not JSON, SELECT_FAILED when the call has failed: ORA-40442 for a bad
     * path, ORA-40441 for a document that is not JSON under ERROR ON ERROR */
    int n;
} selection;

/* The path v[1] over the document v[0], the flags v[2]; select_done() afterwards. */
static void select_values(sqlite3_context *c, sqlite3_value **v, selection *sel)
{
    sel->flags = sqlite3_value_int(v[2]);
    buf_init(&sel->doc);
    buf path;
    buf_init(&path);
    if (!arg_text(v[0], &sel->doc) || !arg_text(v[1], &path)) {
        buf_free(&path);
        sel->n = SELECT_NULL;
        return;
    }
    sel->n = json_path_eval((const char *)sel->doc.data, sel->doc.len, buf_cstr(&path), sel->values);
    buf_free(&path);
    if (sel->n == -2) {
        fail(c, 40442);
        sel->n = SELECT_FAILED;
    } else if (sel->n == -1) { /* not JSON */
        sel->n = SELECT_NOT_JSON;
        if (!(sel->flags & ORA_JSON_ERROR_ON_ERROR)) return;
        fail(c, 40441);
        sel->n = SELECT_FAILED;
    }
}

static void select_done(selection *sel) { buf_free(&sel->doc); }

void fn_json_exists(sqlite3_context *c, int argc, sqlite3_value **v)
{
    selection sel;
    select_values(c, v, &sel);
    if (sel.n == SELECT_NOT_JSON) sqlite3_result_int(c, (sel.flags & ORA_JSON_TRUE_ON_ERROR) != 0);
    else if (sel.n != SELECT_FAILED) sqlite3_result_int(c, sel.n > 0);
    select_done(&sel);
}

/* JSON_VALUE's and JSON_QUERY's answer to N values selected when they cannot give one: NULL,
 * or with ERROR ON ERROR (EMPTY: ON EMPTY) Oracle's error CODE. */
static void no_value(sqlite3_context *c, int flags, int empty, int code)
{
    if (flags & (empty ? ORA_JSON_ERROR_ON_EMPTY : ORA_JSON_ERROR_ON_ERROR)) fail(c, code);
    else sqlite3_result_null(c);
}

void fn_json_value(sqlite3_context *c, int argc, sqlite3_value **v)
{
    selection sel;
    select_values(c, v, &sel);
    const json_value *first = &sel.values[0];
    if (sel.n < 0) {
        if (sel.n != SELECT_FAILED) sqlite3_result_null(c);
    } else if (sel.n == 0) {
        no_value(c, sel.flags, 1, 40462);
    } else if (sel.n > 1) {
        no_value(c, sel.flags, 0, 40470);
    } else if (first->kind == JSON_OBJECT || first->kind == JSON_ARRAY) {
        no_value(c, sel.flags, 0, 40456);
    } else {
        buf b;
        buf_init(&b);
        json_scalar_text(first, &b);
        result_buf(c, &b); /* null, and "": NULL */
    }
    select_done(&sel);
}

void fn_json_query(sqlite3_context *c, int argc, sqlite3_value **v)
{
    selection sel;
    select_values(c, v, &sel);
    int n = sel.n, flags = sel.flags;
    int one_container =
        n == 1 && (sel.values[0].kind == JSON_OBJECT || sel.values[0].kind == JSON_ARRAY);
    int wrap = (flags & ORA_JSON_WRAPPER) && !((flags & ORA_JSON_CONDITIONAL) && one_container);
    if (n < 0) {
        if (n != SELECT_FAILED) sqlite3_result_null(c);
    } else if (n == 0) {
        no_value(c, flags, 1, 40462);
    } else if (!wrap && !one_container) {
        no_value(c, flags, 0, 40480);
    } else {
        buf b;
        buf_init(&b);
        if (wrap) buf_putc(&b, '[');
        for (int i = 0; i < n; i++) {
            if (i) buf_putc(&b, ',');
            json_write(&sel.values[i], &b);
        }
        if (wrap) buf_putc(&b, ']');
        result_json(c, &b);
    }
    select_done(&sel);
}

void fn_json_format(sqlite3_context *c, int argc, sqlite3_value **v)
{
    buf b;
    buf_init(&b);
    json_value doc;
    if (!arg_text(v[0], &b)) {
        buf_free(&b);
        return sqlite3_result_null(c);
    }
    if (json_document((const char *)b.data, b.len, 0, &doc) < 0) {
        buf_free(&b);
        return fail(c, 40441);
    }
    buf out;
    buf_init(&out);
    json_write(&doc, &out);
    buf_free(&b);
    result_json(c, &out);
}

/* ---- building JSON from SQL values ---- */

/* A number's text as JSON writes it: Oracle's ".5" and "-.5" get their 0. */
static void put_number(sqlite3_value *v, buf *out)
{
    buf t;
    buf_init(&t);
    value_text(v, &t);
    const char *s = buf_cstr(&t);
    if (*s == '-') buf_putc(out, (uint8_t)*s++);
    if (*s == '.') buf_putc(out, '0');
    buf_puts(out, s);
    buf_free(&t);
}

/* SQL value V as a JSON value: numbers as numbers, JSON (the JSON subtype) as it is, dates in
 * ISO 8601 ("2024-01-31T10:00:00"), anything else as a string. */
static void put_value(sqlite3_value *v, buf *out)
{
    int type = sqlite3_value_type(v), subtype = (int)sqlite3_value_subtype(v);
    if (type == SQLITE_NULL) {
        buf_puts(out, "null");
        return;
    }
    if (type == SQLITE_INTEGER || type == SQLITE_FLOAT) {
        put_number(v, out);
        return;
    }
    buf t;
    buf_init(&t);
    value_text(v, &t);
    if (subtype == JSON_SUBTYPE) {
        buf_put(out, t.data, t.len);
    } else {
        if ((subtype == ORA_SUBTYPE_DATE || subtype == ORA_SUBTYPE_TIMESTAMP) && t.len > 10 &&
            t.data[10] == ' ')
            t.data[10] = 'T';
        json_write_string((const char *)t.data, t.len, out);
    }
    buf_free(&t);
}

void fn_json_object(sqlite3_context *c, int argc, sqlite3_value **v)
{
    int flags = sqlite3_value_int(v[argc - 1]), first = 1;
    buf b;
    buf_init(&b);
    buf_putc(&b, '{');
    for (int i = 0; i + 1 < argc - 1; i += 2) {
        if (sqlite3_value_type(v[i + 1]) == SQLITE_NULL && !(flags & ORA_JSON_NULL_ON_NULL))
            continue;
        if (!first) buf_putc(&b, ',');
        first = 0;
        buf key;
        buf_init(&key);
        value_text(v[i], &key);
        json_write_string((const char *)key.data, key.len, &b);
        buf_free(&key);
        buf_putc(&b, ':');
        put_value(v[i + 1], &b);
    }
    buf_putc(&b, '}');
    result_json(c, &b);
}

void fn_json_array(sqlite3_context *c, int argc, sqlite3_value **v)
{
    int flags = sqlite3_value_int(v[argc - 1]), first = 1;
    buf b;
    buf_init(&b);
    buf_putc(&b, '[');
    for (int i = 0; i < argc - 1; i++) {
        if (sqlite3_value_type(v[i]) == SQLITE_NULL && !(flags & ORA_JSON_NULL_ON_NULL)) continue;
        if (!first) buf_putc(&b, ',');
        first = 0;
        put_value(v[i], &b);
    }
    buf_putc(&b, ']');
    result_json(c, &b);
}
