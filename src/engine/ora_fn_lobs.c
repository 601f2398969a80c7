/*
 * ora_fn_lobs.c - the DBMS_LOB functions SQL (and PL/SQL, through SQL) can
 * call: GETLENGTH, SUBSTR, INSTR and COMPARE, which the translator writes as
 * DBMS_LOB_GETLENGTH ... .  A BLOB (bytes) counts in bytes, a CLOB (text) in
 * UTF-16 code units, as the LOB calls do (common/lob_value.h).
 */
#include <string.h>

#include "../common/lob_value.h"
#include "ora_functions_int.h"

#define SUBSTR_DEFAULT 32767 /* DBMS_LOB.SUBSTR's default amount */

static int is_blob(sqlite3_value *v) { return sqlite3_value_type(v) == SQLITE_BLOB; }

/* A whole-number argument, or DEF when it is absent. */
static sqlite3_int64 int_arg(int argc, sqlite3_value **v, int i, sqlite3_int64 def)
{
    return i < argc ? sqlite3_value_int64(v[i]) : def;
}

/* The LOB argument's bytes (text of a number as SQLite writes it). */
static const char *lob_bytes(sqlite3_value *v, size_t *n)
{
    const char *p = is_blob(v) ? sqlite3_value_blob(v) : (const char *)sqlite3_value_text(v);
    *n = (size_t)sqlite3_value_bytes(v);
    return p ? p : "";
}

/* DBMS_LOB.GETLENGTH(lob): its length; NULL for NULL. */
void fn_dbms_lob_getlength(sqlite3_context *c, int argc, sqlite3_value **v)
{
    if (any_null(1, v)) return sqlite3_result_null(c);
    size_t n;
    const char *p = lob_bytes(v[0], &n);
    sqlite3_result_int64(c, (sqlite3_int64)lob_length(is_blob(v[0]), p, n));
}

/* DBMS_LOB.SUBSTR(lob [, amount [, offset]]): the piece; NULL when there is none or an
 * argument is out of range, as in Oracle. */
void fn_dbms_lob_substr(sqlite3_context *c, int argc, sqlite3_value **v)
{
    if (any_null(argc, v)) return sqlite3_result_null(c);
    sqlite3_int64 amount = int_arg(argc, v, 1, SUBSTR_DEFAULT), offset = int_arg(argc, v, 2, 1);
    if (amount < 1 || amount > SUBSTR_DEFAULT || offset < 1) return sqlite3_result_null(c);
    size_t n, start, len;
    const char *p = lob_bytes(v[0], &n);
    lob_piece(is_blob(v[0]), p, n, (uint64_t)offset, (uint64_t)amount, &start, &len);
    if (!len) return sqlite3_result_null(c);
    if (is_blob(v[0])) return sqlite3_result_blob(c, p + start, (int)len, SQLITE_TRANSIENT);
    sqlite3_result_text(c, p + start, (int)len, SQLITE_TRANSIENT);
}

/* DBMS_LOB.INSTR(lob, pattern [, offset [, nth]]): where the NTH match from OFFSET starts,
 * 0 when there is none; NULL for out-of-range arguments. */
void fn_dbms_lob_instr(sqlite3_context *c, int argc, sqlite3_value **v)
{
    if (any_null(argc, v)) return sqlite3_result_null(c);
    sqlite3_int64 offset = int_arg(argc, v, 2, 1), nth = int_arg(argc, v, 3, 1);
    if (offset < 1 || nth < 1) return sqlite3_result_null(c);
    int blob = is_blob(v[0]);
    size_t n, pn;
    const char *p = lob_bytes(v[0], &n);
    const char *pat = blob && !is_blob(v[1]) ? NULL : lob_bytes(v[1], &pn);
    if (!pat || !pn) return sqlite3_result_null(c);
    size_t at = lob_byte_offset(blob, p, n, (uint64_t)offset - 1);
    for (; at + pn <= n; at++) {
        if (memcmp(p + at, pat, pn) != 0 || --nth > 0) continue;
        return sqlite3_result_int64(c, (sqlite3_int64)lob_length(blob, p, at) + 1);
    }
    sqlite3_result_int64(c, 0);
}

/* DBMS_LOB.COMPARE(a, b [, amount [, offset_a [, offset_b]]]): 0 when the pieces are equal,
 * -1 or 1 as the first difference (or the shorter piece) says; NULL for NULL or out-of-range
 * arguments. */
void fn_dbms_lob_compare(sqlite3_context *c, int argc, sqlite3_value **v)
{
    if (any_null(argc, v)) return sqlite3_result_null(c);
    sqlite3_int64 amount = int_arg(argc, v, 2, INT64_MAX / 2), oa = int_arg(argc, v, 3, 1),
                  ob = int_arg(argc, v, 4, 1);
    if (amount < 1 || oa < 1 || ob < 1 || is_blob(v[0]) != is_blob(v[1]))
        return sqlite3_result_null(c);
    size_t na, nb, sa, la, sb, lb;
    const char *a = lob_bytes(v[0], &na), *b = lob_bytes(v[1], &nb);
    lob_piece(is_blob(v[0]), a, na, (uint64_t)oa, (uint64_t)amount, &sa, &la);
    lob_piece(is_blob(v[1]), b, nb, (uint64_t)ob, (uint64_t)amount, &sb, &lb);
    int d = memcmp(a + sa, b + sb, la < lb ? la : lb);
    if (!d) d = la < lb ? -1 : la > lb;
    sqlite3_result_int(c, d < 0 ? -1 : d > 0);
}
