/*
 * ora_fn_convert.c - Oracle's conversion functions: TO_CHAR (dates and
 * numbers through their format models), TO_DATE, TO_TIMESTAMP,
 * TO_TIMESTAMP_TZ, TO_NUMBER, CAST (as ORA_CAST), ORA_CONFORM (a value as a
 * timestamp or interval column keeps it), HEXTORAW and RAWTOHEX, the LOB
 * constructors EMPTY_CLOB, EMPTY_BLOB, TO_CLOB (TO_NCLOB) and TO_BLOB, and
 * ORA_ROWID_NUM (a client's ROWID as the row's number) and CHARTOROWID.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/hex.h"
#include "../common/ora_error.h"
#include "../net/ttc_msg.h"
#include "ora_functions_int.h"
#include "ora_nls.h"

/* TO_CHAR(x [, fmt]): dates with date formats, numbers with number formats, text as is. */
void fn_to_char(sqlite3_context *c, int argc, sqlite3_value **v)
{
    if (any_null(argc, v)) return sqlite3_result_null(c);
    const char *fmt = argc > 1 ? text_of(v[1]) : NULL;
    buf out;
    buf_init(&out);
    odate d;
    num n;
    const struct ora_nls *nls = session_nls(c);
    if (!fmt && sqlite3_value_subtype(v[0]) == ORA_SUBTYPE_NUMBER) { /* exact: its text */
        for (const char *p = text_of(v[0]); *p; p++)
            buf_putc(&out, *p == '.' ? ora_nls_decimal(nls) : *p);
    } else if (is_number_type(v[0]) ||
               (fmt && get_date(v[0], &d) < 0 && get_num(v[0], &n) == 0)) {
        pdec x; /* (before get_num, which makes V[0] a double) */
        if (fmt && is_hex_format(fmt)) {
            if (get_decimal(v[0], &x) < 0) return buf_free(&out), fail(c, ORA_INVALID_NUMBER);
            format_hex(&x, fmt, &out);
        } else if (get_num(v[0], &n), !fmt)
            number_text_nls(&n, nls, &out);
        else if (format_number(n.d, fmt, ora_nls_decimal(nls), ora_nls_group(nls), &out) < 0)
            return buf_free(&out), fail(c, 1481);
    } else if (get_date(v[0], &d) == 0) {
        if (!fmt)
            fmt = d.has_tz                   ? ora_nls_timestamp_tz_format(nls)
                  : is_timestamp_value(v[0]) ? ora_nls_timestamp_format(nls)
                                             : ora_nls_date_format(nls);
        if (format_date(&d, fmt, ora_nls_decimal(nls), value_fraction_digits(v[0]), &out) < 0)
            return buf_free(&out), fail(c, 1821);
    } else {
        value_text(v[0], &out);
    }
    result_buf(c, &out);
}

/* Kinds of datetime a conversion makes: DATE, or a timestamp kind (TSK_*) + 1. */
enum { DK_DATE, DK_TIMESTAMP, DK_TIMESTAMP_TZ, DK_TIMESTAMP_LTZ };

/* The session's default format for datetimes of kind KIND. */
static const char *default_format(const struct ora_nls *nls, int kind)
{
    return kind == DK_DATE           ? ora_nls_date_format(nls)
           : kind == DK_TIMESTAMP_TZ ? ora_nls_timestamp_tz_format(nls)
                                     : ora_nls_timestamp_format(nls);
}

/* V (text read with FMT, or a datetime) as a datetime of kind KIND with DIGITS fraction digits
 * (-1: those of the text, at least 6). */
static void to_datetime(sqlite3_context *c, sqlite3_value *v, const char *fmt, int kind,
                        int digits)
{
    if (sqlite3_value_type(v) == SQLITE_NULL) return sqlite3_result_null(c);
    odate d;
    const char *dflt = default_format(session_nls(c), kind);
    int frac = 0, code = value_to_date(v, fmt, dflt, &d, &frac);
    if (code) return fail(c, code);
    if (kind == DK_DATE) {
        d.nanos = 0, d.has_tz = d.tz_minutes = 0;
        return result_date(c, &d, 0);
    }
    if (date_to_zone_kind(c, &d, kind - 1) < 0) return fail(c, 1841);
    if (digits < 0) digits = frac > 6 ? frac : 6;
    if (odate_round_fraction(&d, digits) < 0) return fail(c, 1841);
    result_date(c, &d, digits);
}

void fn_to_date(sqlite3_context *c, int argc, sqlite3_value **v)
{
    if (argc > 1 && sqlite3_value_type(v[1]) == SQLITE_NULL) return sqlite3_result_null(c);
    to_datetime(c, v[0], argc > 1 ? text_of(v[1]) : NULL, DK_DATE, 0);
}
void fn_to_timestamp(sqlite3_context *c, int argc, sqlite3_value **v)
{
    if (argc > 1 && sqlite3_value_type(v[1]) == SQLITE_NULL) return sqlite3_result_null(c);
    to_datetime(c, v[0], argc > 1 ? text_of(v[1]) : NULL, DK_TIMESTAMP, -1);
}
void fn_to_timestamp_tz(sqlite3_context *c, int argc, sqlite3_value **v)
{
    if (argc > 1 && sqlite3_value_type(v[1]) == SQLITE_NULL) return sqlite3_result_null(c);
    to_datetime(c, v[0], argc > 1 ? text_of(v[1]) : NULL, DK_TIMESTAMP_TZ, -1);
}

/* "TIMESTAMP[(n)] [WITH [LOCAL] TIME ZONE]" (after CAST's canonical spacing): its kind and
 * digits, or -1 for another type. */
static int timestamp_type(const char *type, int *digits)
{
    int n = 6, len = 0;
    if (strncmp(type, "TIMESTAMP", 9)) return -1;
    type += 9;
    if (sscanf(type, "(%d)%n", &n, &len) == 1 && len > 0) type += len;
    if (n < 0 || n > 9) return -1;
    *digits = n;
    if (!*type) return DK_TIMESTAMP;
    if (*type == ' ') type++;
    if (!strcmp(type, "WITH TIME ZONE")) return DK_TIMESTAMP_TZ;
    if (!strcmp(type, "WITH LOCAL TIME ZONE")) return DK_TIMESTAMP_LTZ;
    return -1;
}

/* The number in TEXT as strtod reads it: the session's decimal character as '.' (with a
 * format: when it has D), and with a format its group separators (',', G), currency and blanks
 * dropped. */
static void number_chars(const char *text, const char *fmt, const struct ora_nls *nls, buf *out)
{
    char decimal = ora_nls_decimal(nls), group = ora_nls_group(nls);
    int has_d = !fmt || strpbrk(fmt, "dD"), has_g = fmt && strpbrk(fmt, "gG");
    for (const char *p = text; *p; p++) {
        if (*p == decimal && has_d)
            buf_putc(out, '.');
        else if (!fmt || (!(has_g && *p == group) && !strchr(", $", *p)))
            buf_putc(out, (uint8_t)*p);
    }
}

/* The text of TO_NUMBER's argument V[0] as a decimal without group characters (V[1] the format
 * when ARGC is 2) into TEXT, blanks around it dropped: 0, or -1 when it is empty. */
static int to_number_text(sqlite3_context *c, int argc, sqlite3_value **v, buf *text)
{
    if (sqlite3_value_bytes(v[0]) == 0) return -1;
    buf raw;
    buf_init(&raw);
    number_chars(text_of(v[0]), argc > 1 ? text_of(v[1]) : NULL, session_nls(c), &raw);
    const char *s = buf_cstr(&raw);
    size_t n = strlen(s);
    while (*s == ' ')
        s++, n--;
    while (n > 0 && s[n - 1] == ' ')
        n--;
    buf_put(text, s, n);
    buf_free(&raw);
    return 0;
}

/* TO_NUMBER(x [, fmt]); EXACT: in 40 digits (ORA_XNUMBER, ora_fn_operators.c says where). */
static void to_number(sqlite3_context *c, int argc, sqlite3_value **v, int exact)
{
    if (any_null(argc, v)) return sqlite3_result_null(c);
    if (is_number_type(v[0])) return sqlite3_result_value(c, v[0]);
    if (argc > 1 && is_hex_format(text_of(v[1]))) {
        pdec d;
        if (parse_hex(text_of(v[0]), text_of(v[1]), &d) < 0) return fail(c, ORA_INVALID_NUMBER);
        return result_decimal(c, &d);
    }
    buf text;
    buf_init(&text);
    if (to_number_text(c, argc, v, &text) < 0) return buf_free(&text), sqlite3_result_null(c);
    const char *s = buf_cstr(&text);
    char *end;
    pdec d;
    num n = {.d = exact ? 0 : strtod(s, &end)};
    int ok = exact ? text_to_decimal(s, &d) == 0 : end != s && !*end && !strpbrk(s, "xXnNiI");
    buf_free(&text);
    if (!ok) return fail(c, ORA_INVALID_NUMBER);
    if (exact) return result_decimal(c, &d);
    result_num(c, &n);
}

void fn_to_number(sqlite3_context *c, int argc, sqlite3_value **v)
{
    to_number(c, argc, v, 0);
}

void fn_exact_number(sqlite3_context *c, int argc, sqlite3_value **v)
{
    to_number(c, argc, v, 1);
}

/* "(p[,s])" of a type name; what is missing or out of range stays -1. */
static void type_params(const char *paren, int *p, int *s)
{
    char *end;
    long v = strtol(paren + 1, &end, 10);
    if (end != paren + 1 && v >= 0 && v <= 4000) *p = (int)v;
    if (*end != ',') return;
    const char *start = end + 1;
    v = strtol(start, &end, 10);
    if (end != start && v >= -84 && v <= 127) *s = (int)v;
}

/* ORA_CAST(x, 'TYPE'): Oracle's CAST to the named type. */
void fn_ora_cast(sqlite3_context *c, int argc, sqlite3_value **v)
{
    if (sqlite3_value_type(v[0]) == SQLITE_NULL) return sqlite3_result_null(c);
    const char *type = text_of(v[1]);
    int p = -1, s = -1;
    const char *paren = strchr(type, '(');
    if (paren) type_params(paren, &p, &s);
    size_t name_len = paren ? (size_t)(paren - type) : strlen(type);
#define IS(t) (name_len == strlen(t) && !strncmp(type, t, name_len))
    if (IS("NUMBER") || IS("INTEGER") || IS("INT") || IS("FLOAT") || IS("BINARY_DOUBLE") ||
        IS("BINARY_FLOAT") || IS("DECIMAL") || IS("NUMERIC") || IS("SMALLINT") || IS("REAL") ||
        IS("DOUBLE PRECISION")) {
        num n;
        if (get_num(v[0], &n) < 0) return fail(c, ORA_INVALID_NUMBER);
        if (IS("INTEGER") || IS("INT") || IS("SMALLINT")) s = 0;
        if (s >= 0 && !n.is_int) n.d = round_places(n.d, s, 0);
        return result_num(c, &n);
    }
    if (!strncmp(type, "INTERVAL ", 9)) return interval_cast(c, v[0], type + 9);
    int digits, kind = timestamp_type(type, &digits);
    if (kind >= 0) return to_datetime(c, v[0], NULL, kind, digits);
    if (IS("DATE")) return to_datetime(c, v[0], NULL, DK_DATE, 0);
    if (IS("VARCHAR2") || IS("VARCHAR") || IS("NVARCHAR2") || IS("CHAR") || IS("NCHAR") ||
        IS("CLOB") || IS("NCLOB") || IS("CHARACTER")) {
        buf out;
        buf_init(&out);
        value_text(v[0], &out);
        int len = utf8_len((const char *)out.data, (int)out.len);
        if (p > 0 && len > p) return buf_free(&out), fail(c, 25137);
        if ((IS("CHAR") || IS("NCHAR")) && p > 0)
            for (; len < p; len++)
                buf_putc(&out, ' ');
        return result_buf(c, &out);
    }
#undef IS
    fail(c, 902);
}

/* A declared column type as DDL writes it ("TIMESTAMP WITH TIME ZONE(3)", 'INTERVAL DAY "TO"
 * SECOND(2,6)') as CAST spells it ("TIMESTAMP(3) WITH TIME ZONE", "INTERVAL DAY(2) TO
 * SECOND(6)") into OUT; 0, or -1 for another type. */
static int cast_spelling(const char *decl, char *out, size_t size)
{
    int a = -1, b = -1;
    const char *paren = strchr(decl, '(');
    if (paren) sscanf(paren, "(%d,%d)", &a, &b);
    int name_len = paren ? (int)(paren - decl) : (int)strlen(decl);
    if (!strcmp(decl, "DATE")) {
        snprintf(out, size, "DATE");
        return 0;
    }
    if (!strncmp(decl, "TIMESTAMP", 9)) {
        snprintf(out, size, "TIMESTAMP(%d)%.*s", a >= 0 ? a : 6, name_len - 9, decl + 9);
        return 0;
    }
    if (!strncmp(decl, "INTERVAL YEAR", 13)) {
        snprintf(out, size, "INTERVAL YEAR(%d) TO MONTH", a >= 0 ? a : 2);
        return 0;
    }
    if (!strncmp(decl, "INTERVAL DAY", 12)) {
        snprintf(out, size, "INTERVAL DAY(%d) TO SECOND(%d)", a >= 0 ? a : 2, b >= 0 ? b : 6);
        return 0;
    }
    return -1;
}

/* ORA_CONFORM(value, 'declared type'): a datetime or interval value as a column of that DATE,
 * TIMESTAMP [WITH [LOCAL] TIME ZONE] or INTERVAL type keeps it (a DATE's whole seconds, a
 * fraction rounded, a zone moved); anything else as it is (the row locking's write set stores
 * values through it). */
void fn_ora_conform(sqlite3_context *c, int argc, sqlite3_value **v)
{
    char type[64];
    odate d;
    ointerval iv;
    int type_ok = cast_spelling(text_of(v[1]), type, sizeof type) == 0;
    int is_text = sqlite3_value_type(v[0]) == SQLITE_TEXT;
    int is_value = is_text && (get_date(v[0], &d) == 0 || get_interval(v[0], &iv) == 0);
    if (type_ok && is_text && !is_value && strncmp(type, "INTERVAL ", 9)) {
        /* other text for a date or timestamp: converted as Oracle converts implicitly, in the
         * session's NLS format (ORA-01858, ORA-01861 ... when it does not fit) */
        int digits, kind = strcmp(type, "DATE") ? timestamp_type(type, &digits) : DK_DATE;
        if (kind >= 0) return to_datetime(c, v[0], NULL, kind, kind == DK_DATE ? 0 : digits);
    }
    if (!type_ok || !is_value) return sqlite3_result_value(c, v[0]);
    if (!strncmp(type, "INTERVAL ", 9)) return interval_cast(c, v[0], type + 9);
    if (get_date(v[0], &d) < 0) return sqlite3_result_value(c, v[0]);
    if (!strcmp(type, "DATE")) return to_datetime(c, v[0], NULL, DK_DATE, 0);
    int digits, kind = timestamp_type(type, &digits);
    if (kind < 0) return sqlite3_result_value(c, v[0]);
    to_datetime(c, v[0], NULL, kind, digits);
}

/* HEXTORAW(text): the bytes the hex digits spell (an odd count gets a leading 0). */
void fn_hextoraw(sqlite3_context *c, int argc, sqlite3_value **v)
{
    if (any_null(1, v)) return sqlite3_result_null(c);
    int type = sqlite3_value_type(v[0]);
    const void *in = sqlite3_value_blob(v[0]); /* before its length: a number becomes text */
    int len = sqlite3_value_bytes(v[0]);
    if (type == SQLITE_BLOB) /* RAW already */
        return sqlite3_result_blob(c, in, len, SQLITE_TRANSIENT);
    buf b;
    buf_init(&b);
    if (value_raw_bytes(c, v[0], &b) == 0) {
        if (b.len) sqlite3_result_blob(c, b.data, (int)b.len, SQLITE_TRANSIENT);
        else sqlite3_result_null(c);
    }
    buf_free(&b);
}

/*
 * ORA_ROWID_NUM(r): the translator's wrapper of a value compared with ROWID.
 * A ROWID as Oracle writes it (18 characters: data object, file, block and
 * row in base 64, as the server reports the last changed row's: block =
 * rowid / 65536, row = rowid % 65536) is the row's number; a number (what
 * SELECT ROWID gives) is itself.  Anything else is ORA-01410.
 */
void fn_rowid_num(sqlite3_context *c, int argc, sqlite3_value **v)
{
    int type = sqlite3_value_type(v[0]);
    if (type == SQLITE_NULL || type == SQLITE_INTEGER) return sqlite3_result_value(c, v[0]);
    const char *s = (const char *)sqlite3_value_text(v[0]);
    char *end;
    long long n = s ? strtoll(s, &end, 10) : 0;
    if (s && *s && !*end) return sqlite3_result_int64(c, n);
    ttc_rowid r;
    if (!s || ttc_rowid_parse(s, &r) < 0) return fail(c, 1410);
    sqlite3_result_int64(c, (int64_t)r.block << 16 | r.slot);
}

/* Is S a restricted ROWID (Oracle 7's BBBBBBBB.RRRR.FFFF: block, row and file in hex)? */
static int restricted_rowid(const char *s)
{
    static const int widths[] = {8, 4, 4};
    for (int part = 0; part < 3; part++) {
        if (part && *s++ != '.') return 0;
        for (int i = 0; i < widths[part]; i++, s++)
            if (!isxdigit((unsigned char)*s)) return 0;
    }
    return *s == 0;
}

/* CHARTOROWID(s): S as a ROWID - Oracle's 18 characters (data object, file, block and row in
 * base 64) or a restricted ROWID, kept as they are written; anything else is ORA-01410. */
void fn_chartorowid(sqlite3_context *c, int argc, sqlite3_value **v)
{
    if (sqlite3_value_type(v[0]) == SQLITE_NULL) return sqlite3_result_null(c);
    const char *s = (const char *)sqlite3_value_text(v[0]);
    ttc_rowid r;
    if (!s || (ttc_rowid_parse(s, &r) < 0 && !restricted_rowid(s))) return fail(c, 1410);
    sqlite3_result_text(c, s, -1, SQLITE_TRANSIENT);
}

/* EMPTY_CLOB(): a CLOB of no characters, which is not NULL (stored as '', not as SQL NULL). */
void fn_empty_clob(sqlite3_context *c, int argc, sqlite3_value **v)
{
    sqlite3_result_text(c, "", 0, SQLITE_STATIC);
    sqlite3_result_subtype(c, ORA_SUBTYPE_CLOB);
}

/* EMPTY_BLOB(): a BLOB of no bytes, which is not NULL. */
void fn_empty_blob(sqlite3_context *c, int argc, sqlite3_value **v)
{
    sqlite3_result_zeroblob(c, 0);
    sqlite3_result_subtype(c, ORA_SUBTYPE_BLOB);
}

/* TO_BLOB(raw): the bytes (text as hex digits, as HEXTORAW reads it), a BLOB. */
void fn_to_blob(sqlite3_context *c, int argc, sqlite3_value **v)
{
    fn_hextoraw(c, argc, v);
    sqlite3_result_subtype(c, ORA_SUBTYPE_BLOB);
}

/* TO_CLOB(x): its text (RAW as its hex digits, as Oracle converts RAW to text). */
void fn_to_clob(sqlite3_context *c, int argc, sqlite3_value **v)
{
    int type = sqlite3_value_type(v[0]);
    if (type == SQLITE_NULL) return sqlite3_result_null(c);
    if (type == SQLITE_BLOB) {
        fn_rawtohex(c, argc, v);
    } else {
        const unsigned char *t = sqlite3_value_text(v[0]); /* a number as its text */
        if (!t) return sqlite3_result_error_nomem(c);
        sqlite3_result_text(c, (const char *)t, sqlite3_value_bytes(v[0]), SQLITE_TRANSIENT);
    }
    sqlite3_result_subtype(c, ORA_SUBTYPE_CLOB);
}

/* RAWTOHEX(raw): its bytes as upper-case hex digits (a string's own bytes, as in SQL; a RAW
 * the V$ views keep as its hex digits, as it is). */
void fn_rawtohex(sqlite3_context *c, int argc, sqlite3_value **v)
{
    if (any_null(1, v)) return sqlite3_result_null(c);
    if (sqlite3_value_subtype(v[0]) == ORA_SUBTYPE_RAW_HEX) {
        sqlite3_result_value(c, v[0]);
        return sqlite3_result_subtype(c, 0);
    }
    const uint8_t *in = sqlite3_value_blob(v[0]);
    int len = sqlite3_value_bytes(v[0]);
    if (len == 0) return sqlite3_result_null(c);
    char *out = sqlite3_malloc64(2 * (sqlite3_uint64)len);
    if (!out) return sqlite3_result_error_nomem(c);
    hex_encode(in, (size_t)len, out);
    sqlite3_result_text64(c, out, 2 * (sqlite3_uint64)len, sqlite3_free, SQLITE_UTF8);
}
