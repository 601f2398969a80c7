/*
 * json_text.h - JSON text read as Oracle's SQL/JSON conditions and functions
 * read it (IS JSON, JSON_EXISTS, JSON_VALUE, JSON_QUERY): checking that a
 * text is JSON, evaluating a simple path expression over it, and writing a
 * value back as standard, compact JSON.
 *
 * Oracle reads JSON in lax syntax unless told STRICT: besides RFC 8259 it
 * takes object field names without quotes and strings in single quotes,
 * and the literals true, false and null in any case.  A path expression is
 * `$` followed by steps `.name`, `."name"`, `.*`, `[n]`, `[n, m ...]`,
 * `[*]`; in lax mode (Oracle's default) a field step applied to an array
 * applies to each element, and `[0]` applied to a non-array is the value
 * itself.  Documents nest at most JSON_MAX_DEPTH deep.
 *
 * Nothing here allocates but the output buffers given; the text is never
 * copied.  It is a reader for values held in the database, so it assumes
 * nothing about where they came from: every read is bounded by the text's
 * length.
 */
#ifndef WARDEN_JSON_TEXT_H
#define WARDEN_JSON_TEXT_H

#include <stddef.h>

#include "buf.h"

#define JSON_MAX_DEPTH 1000
#define JSON_MAX_MATCHES 64 /* values one path gives at most (wildcards) */

typedef enum json_kind {
    JSON_NULL,
    JSON_TRUE,
    JSON_FALSE,
    JSON_NUMBER,
    JSON_STRING,
    JSON_OBJECT,
    JSON_ARRAY,
} json_kind;

/* A value inside a JSON text: its kind and its text (a string with its quotes). */
typedef struct json_value {
    json_kind kind;
    const char *text;
    size_t len;
} json_value;

/* TEXT (LEN bytes) as one JSON value, with blanks around it allowed: 0 with the value in *DOC,
 * -1 when it is not JSON.  STRICT: RFC 8259 only. */
int json_document(const char *text, size_t len, int strict, json_value *doc);

/* Is PATH a path expression this reader evaluates? */
int json_path_is_valid(const char *path);

/*
 * PATH over TEXT: the number of values it selects (0 when none, at most
 * JSON_MAX_MATCHES, the first ones in document order), each in OUT[];
 * -1 when TEXT is not JSON, -2 when PATH is not a path.
 */
int json_path_eval(const char *text, size_t len, const char *path, json_value *out);

/* V as standard, compact JSON (no blanks between tokens, field names and strings in double
 * quotes) appended to OUT. */
void json_write(const json_value *v, buf *out);

/* TEXT (LEN bytes of UTF-8) as a JSON string, in double quotes and escaped, appended to OUT. */
void json_write_string(const char *text, size_t len, buf *out);

/* The characters of string V (JSON_STRING), escapes resolved, appended to OUT.  A number, true
 * or false: its text (lower case); null: nothing. */
void json_scalar_text(const json_value *v, buf *out);

#endif
