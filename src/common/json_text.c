/*
 * json_text.c - reading JSON text and path expressions (see json_text.h).
 *
 * One recursive-descent reader serves all: json_document() runs it over the
 * whole text; the path evaluator validates the document once and then walks
 * objects and arrays with iterators that run the same reader over one
 * member at a time.  Paths are read step by step (read_step) by both the
 * check of a path and its evaluation.
 */
#include "json_text.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct reader {
    const char *p, *end;
    int strict;
    int depth;
} reader;

static void skip_blanks(reader *r)
{
    while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
        r->p++;
}

static int is_hex(char c) { return isxdigit((unsigned char)c); }

/* A string at r->p (its quote included); lax syntax also takes single quotes. */
static int read_string(reader *r)
{
    char quote = *r->p++;
    if (quote == '\'' && r->strict) return -1;
    while (r->p < r->end) {
        unsigned char c = (unsigned char)*r->p++;
        if (c == (unsigned char)quote) return 0;
        if (c < 0x20) return -1;
        if (c != '\\') continue;
        if (r->p >= r->end) return -1;
        c = (unsigned char)*r->p++;
        if (c == 'u') {
            for (int i = 0; i < 4; i++, r->p++)
                if (r->p >= r->end || !is_hex(*r->p)) return -1;
        } else if (!strchr("\"\\/bfnrt", c) && !(c == '\'' && !r->strict)) {
            return -1;
        }
    }
    return -1;
}

static int read_digits(reader *r)
{
    const char *start = r->p;
    while (r->p < r->end && isdigit((unsigned char)*r->p)) r->p++;
    return r->p > start ? 0 : -1;
}

/* -?(0|[1-9]d*)(.d+)?([eE][+-]?d+)? */
static int read_number(reader *r)
{
    if (*r->p == '-') r->p++;
    if (r->p < r->end && *r->p == '0') r->p++;
    else if (read_digits(r) < 0) return -1;
    if (r->p < r->end && *r->p == '.') {
        r->p++;
        if (read_digits(r) < 0) return -1;
    }
    if (r->p < r->end && (*r->p == 'e' || *r->p == 'E')) {
        r->p++;
        if (r->p < r->end && (*r->p == '+' || *r->p == '-')) r->p++;
        if (read_digits(r) < 0) return -1;
    }
    return 0;
}

static int is_name_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '$' || (unsigned char)c >= 0x80;
}

/* true, false, null (any case in lax syntax): their kind in *KIND. */
static int read_literal(reader *r, json_kind *kind)
{
    static const struct {
        const char *word;
        json_kind kind;
    } words[] = {{"true", JSON_TRUE}, {"false", JSON_FALSE}, {"null", JSON_NULL}};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        size_t n = strlen(words[i].word);
        if ((size_t)(r->end - r->p) < n) continue;
        if (r->strict ? strncmp(r->p, words[i].word, n) : strncasecmp(r->p, words[i].word, n))
            continue;
        if (r->p + n < r->end && is_name_char(r->p[n])) continue;
        r->p += n;
        *kind = words[i].kind;
        return 0;
    }
    return -1;
}

static int read_value(reader *r, json_value *v);

/* An object's field name: a string, or in lax syntax a bare name. */
static int read_key(reader *r, json_value *key)
{
    skip_blanks(r);
    if (r->p >= r->end) return -1;
    key->text = r->p;
    key->kind = JSON_STRING;
    if (*r->p == '"' || *r->p == '\'') {
        if (read_string(r) < 0) return -1;
    } else {
        if (r->strict || !is_name_char(*r->p)) return -1;
        while (r->p < r->end && is_name_char(*r->p)) r->p++;
    }
    key->len = (size_t)(r->p - key->text);
    return 0;
}

/*
 * The next member of the object or element of the array being read, r->p
 * just past '{' / '[' or past the member before: 1 with it in *KEY (NULL for
 * an array) and *V, 0 at the closing bracket (read), -1 for bad text.
 * FIRST: no member read yet.
 */
static int read_next(reader *r, char close, int first, json_value *key, json_value *v)
{
    skip_blanks(r);
    if (r->p >= r->end) return -1;
    if (*r->p == close) {
        r->p++;
        return 0;
    }
    if (!first) {
        if (*r->p != ',') return -1;
        r->p++;
    }
    if (key) {
        if (read_key(r, key) < 0) return -1;
        skip_blanks(r);
        if (r->p >= r->end || *r->p != ':') return -1;
        r->p++;
    }
    return read_value(r, v) < 0 ? -1 : 1;
}

/* The members of an object or array, r->p on its opening bracket. */
static int read_container(reader *r, char close)
{
    if (++r->depth > JSON_MAX_DEPTH) return -1;
    r->p++;
    json_value key, v;
    int rc, first = 1;
    while ((rc = read_next(r, close, first, close == '}' ? &key : NULL, &v)) > 0) first = 0;
    r->depth--;
    return rc;
}

static int read_value(reader *r, json_value *v)
{
    skip_blanks(r);
    if (r->p >= r->end) return -1;
    v->text = r->p;
    char c = *r->p;
    int rc;
    if (c == '{') {
        v->kind = JSON_OBJECT;
        rc = read_container(r, '}');
    } else if (c == '[') {
        v->kind = JSON_ARRAY;
        rc = read_container(r, ']');
    } else if (c == '"' || c == '\'') {
        v->kind = JSON_STRING;
        rc = read_string(r);
    } else if (c == '-' || isdigit((unsigned char)c)) {
        v->kind = JSON_NUMBER;
        rc = read_number(r);
    } else {
        rc = read_literal(r, &v->kind);
    }
    v->len = (size_t)(r->p - v->text);
    return rc;
}

int json_document(const char *text, size_t len, int strict, json_value *v)
{
    reader r = {text, text + len, strict, 0};
    if (read_value(&r, v) < 0) return -1;
    skip_blanks(&r);
    return r.p == r.end ? 0 : -1;
}

/* ---- strings ---- */

static unsigned hex4(const char *p)
{
    char h[5] = {p[0], p[1], p[2], p[3], 0};
    return (unsigned)strtoul(h, NULL, 16);
}

/* The characters of a string or bare name V, escapes resolved, appended to OUT. */
static void string_text(const json_value *v, buf *out)
{
    if (*v->text != '"' && *v->text != '\'') { /* a bare field name */
        buf_put(out, v->text, v->len);
        return;
    }
    const char *p = v->text + 1, *end = v->text + v->len - 1;
    while (p < end) {
        if (*p != '\\') {
            buf_putc(out, (uint8_t)*p++);
            continue;
        }
        char c = p[1];
        p += 2;
        if (c != 'u') {
            static const char from[] = "bfnrt", to[] = "\b\f\n\r\t";
            const char *k = strchr(from, c);
            buf_putc(out, (uint8_t)(k ? to[k - from] : c));
            continue;
        }
        uint32_t cp = hex4(p);
        p += 4;
        if (cp >= 0xD800 && cp < 0xDC00 && end - p >= 6 && p[0] == '\\' && p[1] == 'u') {
            uint32_t lo = hex4(p + 2);
            if (lo >= 0xDC00 && lo < 0xE000) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                p += 6;
            }
        }
        buf_put_utf8(out, cp >= 0xD800 && cp < 0xE000 ? 0xFFFD : cp);
    }
}

void json_write_string(const char *text, size_t len, buf *out)
{
    buf_putc(out, '"');
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '"' || c == '\\') {
            buf_putc(out, '\\');
            buf_putc(out, c);
        } else if (c < 0x20) {
            static const char from[] = "\b\f\n\r\t", to[] = "bfnrt";
            const char *k = c ? strchr(from, c) : NULL;
            if (k) buf_printf(out, "\\%c", to[k - from]);
            else buf_printf(out, "\\u%04x", c);
        } else {
            buf_putc(out, c);
        }
    }
    buf_putc(out, '"');
}

void json_scalar_text(const json_value *v, buf *out)
{
    switch (v->kind) {
    case JSON_STRING: string_text(v, out); break;
    case JSON_NUMBER: buf_put(out, v->text, v->len); break;
    case JSON_TRUE: buf_puts(out, "true"); break;
    case JSON_FALSE: buf_puts(out, "false"); break;
    default: break;
    }
}

/* ---- writing ---- */

void json_write(const json_value *v, buf *out)
{
    if (v->kind == JSON_STRING) {
        buf s;
        buf_init(&s);
        string_text(v, &s);
        json_write_string((const char *)s.data, s.len, out);
        buf_free(&s);
        return;
    }
    if (v->kind != JSON_OBJECT && v->kind != JSON_ARRAY) {
        if (v->kind == JSON_NULL) buf_puts(out, "null");
        else json_scalar_text(v, out);
        return;
    }
    int object = v->kind == JSON_OBJECT;
    reader r = {v->text + 1, v->text + v->len, 0, 0};
    json_value key, m;
    buf_putc(out, object ? '{' : '[');
    for (int first = 1; read_next(&r, object ? '}' : ']', first, object ? &key : NULL, &m) > 0;
         first = 0) {
        if (!first) buf_putc(out, ',');
        if (object) {
            json_write(&key, out);
            buf_putc(out, ':');
        }
        json_write(&m, out);
    }
    buf_putc(out, object ? '}' : ']');
}

/* ---- paths ---- */

#define STEP_MAX_INDEXES 16

typedef struct step {
    enum { STEP_END, STEP_FIELD, STEP_ANY_FIELD, STEP_INDEXES, STEP_ANY_INDEX } kind;
    const char *name; /* STEP_FIELD: the name as written (between quotes when QUOTED) */
    size_t name_len;
    int quoted;
    int nindexes;
    long indexes[STEP_MAX_INDEXES];
} step;

static const char *skip_path_blanks(const char *p)
{
    while (*p == ' ' || *p == '\t') p++;
    return p;
}

/* [n, m ...] or [*] at P (past '['): the step, the text after ']'; NULL when bad. */
static const char *read_indexes(const char *p, step *s)
{
    p = skip_path_blanks(p);
    if (*p == '*') {
        s->kind = STEP_ANY_INDEX;
        p = skip_path_blanks(p + 1);
        return *p == ']' ? p + 1 : NULL;
    }
    s->kind = STEP_INDEXES;
    for (;;) {
        char *end;
        p = skip_path_blanks(p);
        if (!isdigit((unsigned char)*p) || s->nindexes == STEP_MAX_INDEXES) return NULL;
        s->indexes[s->nindexes++] = strtol(p, &end, 10);
        p = skip_path_blanks(end);
        if (*p == ']') return p + 1;
        if (*p != ',') return NULL;
        p++;
    }
}

/* The step at P into *S; the text after it, or NULL when P holds no step. */
static const char *read_step(const char *p, step *s)
{
    memset(s, 0, sizeof *s);
    p = skip_path_blanks(p);
    if (!*p) return p; /* STEP_END */
    if (*p == '[') return read_indexes(p + 1, s);
    if (*p++ != '.') return NULL;
    if (*p == '*') {
        s->kind = STEP_ANY_FIELD;
        return p + 1;
    }
    s->kind = STEP_FIELD;
    s->name = p;
    if (*p == '"') {
        s->quoted = 1;
        for (p++; *p && *p != '"'; p++)
            if (*p == '\\' && p[1]) p++;
        if (*p != '"') return NULL;
        p++;
    } else {
        while (is_name_char(*p)) p++;
    }
    s->name_len = (size_t)(p - s->name);
    return s->name_len > (size_t)(s->quoted ? 2 : 0) ? p : NULL;
}

int json_path_is_valid(const char *path)
{
    const char *p = skip_path_blanks(path);
    if (*p++ != '$') return 0;
    step s;
    do {
        if (!(p = read_step(p, &s))) return 0;
    } while (s.kind != STEP_END);
    return 1;
}

typedef struct matches {
    json_value *out;
    int n;
} matches;

static int key_is(const json_value *key, const step *s)
{
    buf a, b;
    buf_init(&a);
    buf_init(&b);
    string_text(key, &a);
    json_value name = {JSON_STRING, s->name, s->name_len};
    string_text(&name, &b);
    int same = a.len == b.len && memcmp(a.data, b.data, a.len) == 0;
    buf_free(&a);
    buf_free(&b);
    return same;
}

static int index_selected(const step *s, long i)
{
    if (s->kind == STEP_ANY_INDEX) return 1;
    for (int k = 0; k < s->nindexes; k++)
        if (s->indexes[k] == i) return 1;
    return 0;
}

static void eval(const json_value *v, const char *path, matches *m);

/* Step S (written at AT, REST after it) applied to V. */
static void apply_step(const json_value *v, const step *s, const char *at, const char *rest,
                       matches *m)
{
    int fields = s->kind == STEP_FIELD || s->kind == STEP_ANY_FIELD;
    if (!fields && v->kind != JSON_ARRAY) {
        if (index_selected(s, 0)) eval(v, rest, m); /* lax: a value is [value] */
        return;
    }
    if (v->kind != JSON_OBJECT && v->kind != JSON_ARRAY) return; /* a scalar has no fields */
    int object = v->kind == JSON_OBJECT;
    reader r = {v->text + 1, v->text + v->len, 0, 0};
    json_value key, item;
    long i = 0;
    for (int first = 1; m->n < JSON_MAX_MATCHES &&
                        read_next(&r, object ? '}' : ']', first, object ? &key : NULL, &item) > 0;
         first = 0, i++) {
        if (object && fields && (s->kind == STEP_ANY_FIELD || key_is(&key, s)))
            eval(&item, rest, m);
        else if (!object && fields) /* lax: a field step applies to each element */
            apply_step(&item, s, at, rest, m);
        else if (!object && index_selected(s, i))
            eval(&item, rest, m);
    }
}

/* The rest of a path, PATH, from value V: the values it reaches added to M. */
static void eval(const json_value *v, const char *path, matches *m)
{
    step s;
    const char *rest = read_step(path, &s);
    if (s.kind == STEP_END) {
        if (m->n < JSON_MAX_MATCHES) m->out[m->n++] = *v;
        return;
    }
    apply_step(v, &s, path, rest, m);
}

int json_path_eval(const char *text, size_t len, const char *path, json_value *out)
{
    if (!json_path_is_valid(path)) return -2;
    json_value doc;
    if (json_document(text, len, 0, &doc) < 0) return -1;
    matches m = {out, 0};
    eval(&doc, skip_path_blanks(path) + 1, &m);
    return m.n;
}
