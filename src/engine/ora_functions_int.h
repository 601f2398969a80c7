/*
 * ora_functions_int.h - what the files of Oracle's SQL functions share
 * (private to src/engine/ora_fn_*.c, ora_date_format.c, ora_number_format.c
 * and the registration table in ora_functions.c).
 *
 * The functions are split by what they work on: ora_fn_values.c holds the
 * argument and result helpers every function uses (numbers, dates, text);
 * the two format-model files hold TO_CHAR/TO_DATE and TO_CHAR/TO_NUMBER
 * formats; each ora_fn_*.c file implements one group of SQL functions; and
 * ora_functions.c registers them all by their Oracle names.
 */
#ifndef WARDEN_ORA_FUNCTIONS_INT_H
#define WARDEN_ORA_FUNCTIONS_INT_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "../common/buf.h"
#include "../common/decimal.h"
#include "../net/datetime.h"
#include "../net/interval.h"
#include "ora_functions.h"

/* ---- ora_fn_values.c: results and errors ---- */

/* Fail the call with Oracle error CODE (its %s arguments follow). */
void fail(sqlite3_context *c, int code, ...);
/* Text result; Oracle has no empty string, so '' is NULL. */
void result_text(sqlite3_context *c, const char *s, size_t n);
/* The same from B, which is freed. */
void result_buf(sqlite3_context *c, buf *b);
int any_null(int argc, sqlite3_value **v);
const char *text_of(sqlite3_value *v);

/* ---- ora_fn_values.c: numbers ---- */

typedef struct num {
    int is_int;
    sqlite3_int64 i;
    double d;
} num;

/* V as a number; -1 when it is text that is not one (Oracle: ORA-01722). */
int get_num(sqlite3_value *v, num *n);
/* Get the numbers of ARGC arguments; fails the call (NULL result for NULLs) and returns -1. */
int get_nums(sqlite3_context *c, int argc, sqlite3_value **v, num *out);
int is_number_type(sqlite3_value *v);
/* N as an integer, truncated toward zero and kept within +-4e18 (no overflow on huge values). */
long long num_to_ll(const num *n);
long long clamp_ll(long long v, long long lo, long long hi);
/* Drop the binary noise beyond 15 significant digits (0.30000000000000004 -> 0.3). */
double tidy(double d);
double pow10i(int n);
/* D rounded (half away from zero) or truncated at PLACES decimals, in decimal. */
double round_places(double d, int places, int truncate);
void result_double(sqlite3_context *c, double d);
void result_num(sqlite3_context *c, const num *n);
/* Exact numbers (docs/design.md, "Exact NUMBER"). */
/* Decimal text as Oracle converts text to NUMBER: 40 significant digits, 39 below 1. */
int text_to_decimal(const char *s, pdec *d);
/* V as an exact decimal: an integer, a double through its shortest form, a number's text; -1
 * when it is no number. */
int get_decimal(sqlite3_value *v, pdec *d);
/* D as SQLite holds it: an integer that fits, a double for 15 digits or fewer (exact then), else
 * its canonical text tagged ORA_SUBTYPE_NUMBER. */
void result_decimal(sqlite3_context *c, const pdec *d);
/* Comparisons the SQL front end writes as calls (ORA_INTERVAL_CMP ...). A value_compare puts A
 * against B into *R: -1, 0 or 1, or CMP_NULL when one is NULL; it returns 0, or -1 after
 * failing C. */
#define CMP_NULL 2
typedef int value_compare(sqlite3_context *c, sqlite3_value *a, sqlite3_value *b, int *r);
/* V[0] against V[1]: -1, 0, 1 or NULL. */
void compare_call(sqlite3_context *c, sqlite3_value **v, value_compare *cmp);
/* V[0] BETWEEN V[1] AND V[2], in SQL's three-valued logic: 1, 0 or NULL. */
void between_call(sqlite3_context *c, sqlite3_value **v, value_compare *cmp);
/* An aggregate's step for MAX (WANT 1) or MIN (WANT -1) by CMP, for the values whose texts do
 * not sort as they compare; fn_extreme_final gives the value that won (NULL for none). */
void extreme_step(sqlite3_context *c, sqlite3_value *v, value_compare *cmp, int want);
void fn_extreme_final(sqlite3_context *c);
/* GREATEST (WANT 1) or LEAST (WANT -1) of the ARGC values V by CMP: NULL if one is NULL. */
void extreme_call(sqlite3_context *c, int argc, sqlite3_value **v, value_compare *cmp, int want);
/* The SQL functions of one kind of values compared by CMP, named PREFIX_cmp (a, b: -1, 0, 1 or
 * NULL), PREFIX_between (x, low, high), PREFIX_max_step / PREFIX_min_step (aggregates, with
 * fn_extreme_final) and PREFIX_greatest / PREFIX_least (v ...). */
#define VALUE_COMPARE_FUNCTIONS(prefix, cmp)                                                       \
    void prefix##_cmp(sqlite3_context *c, int argc, sqlite3_value **v)                             \
    {                                                                                              \
        compare_call(c, v, cmp);                                                                   \
    }                                                                                              \
    void prefix##_between(sqlite3_context *c, int argc, sqlite3_value **v)                         \
    {                                                                                              \
        between_call(c, v, cmp);                                                                   \
    }                                                                                              \
    void prefix##_max_step(sqlite3_context *c, int argc, sqlite3_value **v)                        \
    {                                                                                              \
        extreme_step(c, v[0], cmp, 1);                                                             \
    }                                                                                              \
    void prefix##_min_step(sqlite3_context *c, int argc, sqlite3_value **v)                        \
    {                                                                                              \
        extreme_step(c, v[0], cmp, -1);                                                            \
    }                                                                                              \
    void prefix##_greatest(sqlite3_context *c, int argc, sqlite3_value **v)                        \
    {                                                                                              \
        extreme_call(c, argc, v, cmp, 1);                                                          \
    }                                                                                              \
    void prefix##_least(sqlite3_context *c, int argc, sqlite3_value **v)                           \
    {                                                                                              \
        extreme_call(c, argc, v, cmp, -1);                                                         \
    }
/* Oracle's canonical text of a number: no exponent, no trailing zeros, ".5" not "0.5". */
void number_text(const num *n, buf *out);
/* The same with the session's decimal character (TO_CHAR(n)). */
void number_text_nls(const num *n, const struct ora_nls *nls, buf *out);

/* ---- ora_fn_values.c: text ---- */

/* Characters in BYTES bytes of UTF-8. */
int utf8_len(const char *s, int bytes);
/* Byte offset of character CHARS (clamped to the end). */
int utf8_offset(const char *s, int bytes, int chars);
/* The text of a value as Oracle converts it: numbers in canonical form. */
void value_text(sqlite3_value *v, buf *out);
/* The bytes of RAW value V into B (a text is hex digits, as Oracle converts it): 0, or -1 after
 * failing C with ORA-01465 (not hex). */
int value_raw_bytes(sqlite3_context *c, sqlite3_value *v, buf *b);

/* ---- ora_fn_values.c: dates ---- */

/* Days since 1970-01-01. */
int64_t date_day_number(const odate *d);
/* Seconds since 1970-01-01 00:00:00 (the fraction kept apart in nanos). */
int64_t date_seconds(const odate *d);
void date_from_seconds(int64_t secs, odate *d);
/* 1 = Sunday ... 7 = Saturday */
int date_weekday(const odate *d);
/* V as a date: storage text (or text tagged as a date).  -1 if it is not one. */
int get_date(sqlite3_value *v, odate *d);
int is_timestamp_value(sqlite3_value *v);
/* The fraction digits of a timestamp value's text, at least 6 (what FF shows by default). */
int value_fraction_digits(sqlite3_value *v);
/* DATE result: whole seconds, subtype D.  FRAC > 0 (or a zone): TIMESTAMP with that many
 * digits. */
void result_date(sqlite3_context *c, const odate *d, int frac);

/* ---- ora_date_format.c ---- */

/* D formatted with FMT, X as RADIX, FF without digits as FF_DIGITS digits; -1 for a format
 * Oracle rejects (ORA-01821), time zone elements included when D has no zone. */
int format_date(const odate *d, const char *fmt, char radix, int ff_digits, buf *out);
/* Is FMT a date format Oracle takes? */
int date_format_ok(const char *fmt);
/* A date from a value: a date already, or text read with FMT; without FMT, storage text or
 * text in the session's format DFLT.  Returns 0 or an Oracle error code. */
int value_to_date(sqlite3_value *v, const char *fmt, const char *dflt, odate *d,
                  int *frac_digits);

/* ---- ora_fn_timezones.c ---- */

/* The kinds of TIMESTAMP: without a zone, WITH TIME ZONE, WITH LOCAL TIME ZONE. */
enum { TSK_PLAIN, TSK_WITH_TZ, TSK_LOCAL_TZ };
/* D made a value of timestamp kind KIND as Oracle converts: WITH TIME ZONE gives a value
 * without a zone the session's; LOCAL moves a value with a zone to the session's time zone
 * and drops the zone; PLAIN drops it.  0, or -1 when the date leaves the range. */
int date_to_zone_kind(sqlite3_context *c, odate *d, int kind);

/* ---- ora_fn_intervals.c ---- */

/* The operators, in the order ORA_ADD, ORA_SUB, ORA_MUL and ORA_DIV hand them over. */
enum { ARITH_ADD, ARITH_SUB, ARITH_MUL, ARITH_DIV };
/* V as an interval (its storage text); -1 if it is not one. */
int get_interval(sqlite3_value *v, ointerval *iv);
/* An interval result of LEAD_DIGITS leading precision (DAY TO SECOND with FRAC_DIGITS fraction
 * digits), tagged. */
void result_interval(sqlite3_context *c, const ointerval *iv, int lead_digits, int frac_digits);
/* V[0] op V[1] when one of them is an interval: 1 with the result (or error) set, else 0. */
int interval_arithmetic(sqlite3_context *c, sqlite3_value **v, int op);
/* -V when V is an interval: 1 with the result set, else 0. */
int interval_negate(sqlite3_context *c, sqlite3_value *v);
/* A - B of two timestamps (zones applied): an INTERVAL DAY TO SECOND result. */
void timestamp_difference(sqlite3_context *c, odate a, odate b);
/* CAST(V AS INTERVAL SPEC), SPEC "DAY(p) TO SECOND(f)" or "YEAR(p) TO MONTH": text read as such
 * a literal, an interval of the same kind fitted to the precisions. */
void interval_cast(sqlite3_context *c, sqlite3_value *v, const char *spec);
/* EXTRACT(FIELD FROM V) of an interval: 1 with the result (or error) set, 0 when V is none. */
int interval_extract(sqlite3_context *c, const char *field, sqlite3_value *v);

/* ---- the session (sqlite3_user_data of every function) ---- */

/* The calling session's settings (ora_nls.h reads them). */
const struct ora_nls *session_nls(sqlite3_context *c);

/* ---- ora_number_format.c ---- */

/* D in number format F, its D and G as DECIMAL and GROUP; -1 for a bad format (ORA-01481). */
int format_number(double d, const char *f, char decimal, char group, buf *out);
/* Is F a hexadecimal format ([FM][0...]X... or x...)? */
int is_hex_format(const char *f);
/* D in hexadecimal format F (rounded to an integer; a blank before it unless FM, zeros before it
 * after a 0; '#'s when negative or too wide): 0, or -1 when F is no such format. */
int format_hex(const pdec *d, const char *f, buf *out);
/* Text S read with hexadecimal format F (blanks around it dropped) into *OUT: 0, or -1 when S
 * is not hexadecimal digits, no more than F has. */
int parse_hex(const char *s, const char *f, pdec *out);

/* ---- the SQL functions, by file, for the registration table ---- */

#define SQL_FN(name) void name(sqlite3_context *c, int argc, sqlite3_value **v)

/* ora_fn_general.c */
SQL_FN(fn_user);
SQL_FN(fn_nvl);
SQL_FN(fn_nvl2);
SQL_FN(fn_decode);
SQL_FN(fn_decode_key);
SQL_FN(fn_greatest);
SQL_FN(fn_least);
/* ora_fn_strings.c */
SQL_FN(fn_concat);
SQL_FN(fn_substr);
SQL_FN(fn_lengthb);
/* ora_fn_json.c */
SQL_FN(fn_is_json);
SQL_FN(fn_json_exists);
SQL_FN(fn_json_value);
SQL_FN(fn_json_query);
SQL_FN(fn_json_format);
SQL_FN(fn_json_object);
SQL_FN(fn_json_array);
SQL_FN(fn_instr);
SQL_FN(fn_lpad);
SQL_FN(fn_rpad);
SQL_FN(fn_initcap);
SQL_FN(fn_replace);
SQL_FN(fn_ltrim);
SQL_FN(fn_rtrim);
SQL_FN(fn_ora_trim);
SQL_FN(fn_chr);
SQL_FN(fn_ascii);
/* ora_fn_numbers.c */
SQL_FN(fn_mod);
SQL_FN(fn_power);
SQL_FN(fn_ceil);
SQL_FN(fn_floor);
SQL_FN(fn_sign);
SQL_FN(fn_bitand);
/* ora_fn_dates.c */
SQL_FN(fn_sysdate);
SQL_FN(fn_systimestamp);
SQL_FN(fn_current_date);
SQL_FN(fn_current_timestamp);
SQL_FN(fn_localtimestamp);
SQL_FN(fn_sessiontimezone);
SQL_FN(fn_dbtimezone);
SQL_FN(fn_add_months);
SQL_FN(fn_last_day);
SQL_FN(fn_months_between);
SQL_FN(fn_trunc);
SQL_FN(fn_round);
SQL_FN(fn_ora_extract);
/* ora_fn_convert.c */
SQL_FN(fn_to_char);
SQL_FN(fn_to_date);
SQL_FN(fn_to_timestamp);
SQL_FN(fn_to_timestamp_tz);
SQL_FN(fn_to_number);
SQL_FN(fn_exact_number);
SQL_FN(fn_ora_cast);
SQL_FN(fn_ora_conform);
SQL_FN(fn_hextoraw);
SQL_FN(fn_rowid_num);
SQL_FN(fn_chartorowid);
SQL_FN(fn_empty_clob);
SQL_FN(fn_empty_blob);
SQL_FN(fn_to_clob);
SQL_FN(fn_to_blob);
/* ---- ora_fn_lobs.c ---- */
SQL_FN(fn_dbms_lob_getlength);
SQL_FN(fn_dbms_lob_substr);
SQL_FN(fn_dbms_lob_instr);
SQL_FN(fn_dbms_lob_compare);
SQL_FN(fn_rawtohex);
SQL_FN(fn_unistr); /* ora_fn_strings.c */
/* ora_fn_packages.c */
SQL_FN(fn_utl_raw_cast_to_raw);
SQL_FN(fn_utl_raw_cast_to_varchar2);
SQL_FN(fn_utl_raw_length);
SQL_FN(fn_utl_raw_cast_from_number);
SQL_FN(fn_utl_raw_cast_to_number);
SQL_FN(fn_utl_raw_concat);
SQL_FN(fn_utl_raw_substr);
SQL_FN(fn_dbms_random_value);
SQL_FN(fn_dbms_random_random);
SQL_FN(fn_longops_nohint);
SQL_FN(fn_dbms_random_normal);
SQL_FN(fn_dbms_random_string);
/* ora_fn_storage.c */
SQL_FN(fn_fit_number);
SQL_FN(fn_fit_decimal);
SQL_FN(fn_fit_length);
/* ora_fn_timezones.c */
SQL_FN(fn_from_tz);
SQL_FN(fn_at_time_zone);
SQL_FN(fn_sys_extract_utc);
SQL_FN(fn_tz_offset);
/* ora_fn_regexp.c */
SQL_FN(fn_regexp_like);
SQL_FN(fn_regexp_substr);
SQL_FN(fn_regexp_instr);
SQL_FN(fn_regexp_replace);
SQL_FN(fn_regexp_count);
/* ora_fn_intervals.c */
SQL_FN(fn_ora_interval);
SQL_FN(fn_to_yminterval);
SQL_FN(fn_to_dsinterval);
SQL_FN(fn_numtoyminterval);
SQL_FN(fn_numtodsinterval);
/* ora_fn_operators.c */
SQL_FN(fn_add);
SQL_FN(fn_sub);
SQL_FN(fn_mul);
SQL_FN(fn_div);
SQL_FN(fn_xadd);
SQL_FN(fn_xsub);
SQL_FN(fn_xmul);
SQL_FN(fn_xdiv);
SQL_FN(fn_xneg);
/* ora_fn_intervals.c, ora_fn_timezones.c: VALUE_COMPARE_FUNCTIONS and the sort keys */
SQL_FN(fn_interval_cmp);
SQL_FN(fn_interval_between);
SQL_FN(fn_interval_max_step);
SQL_FN(fn_interval_min_step);
SQL_FN(fn_interval_greatest);
SQL_FN(fn_interval_least);
SQL_FN(fn_interval_key);
SQL_FN(fn_datetime_cmp);
SQL_FN(fn_datetime_between);
SQL_FN(fn_datetime_max_step);
SQL_FN(fn_datetime_min_step);
SQL_FN(fn_datetime_greatest);
SQL_FN(fn_datetime_least);
SQL_FN(fn_datetime_key);
/* number_text.c: the ORA_NUMBER collation */
int number_text_collate(void *arg, int na, const void *a, int nb, const void *b);
/* ora_fn_sums.c: ORA_SUM, ORA_XSUM, ORA_AVG, ORA_XAVG (steps shared; each its final, which is
 * also its window value) */
SQL_FN(fn_sum_step);
SQL_FN(fn_sum_inverse);
void fn_sum_final(sqlite3_context *c);
void fn_xsum_final(sqlite3_context *c);
void fn_avg_final(sqlite3_context *c);
void fn_xavg_final(sqlite3_context *c);

/* ---- ora_fn_connect.c ---- */
SQL_FN(fn_connect_by_loop);
#undef SQL_FN

#endif
