/*
 * test_ora_functions.c - unit tests of the Oracle functions registered on a
 * SQLite connection (src/engine/ora_fn_*.c, registered by ora_functions.c), run
 * through SQLite itself.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine/ora_functions.h"

static struct ora_fn_ctx session = {.username = "SCOTT", .schema = "SCOTT"};
static sqlite3 *db;

static int setup(void **state)
{
    if (sqlite3_open(":memory:", &db) != SQLITE_OK) return -1;
    return ora_functions_register(db, &session) == SQLITE_OK ? 0 : -1;
}

static int teardown(void **state)
{
    sqlite3_close(db);
    return 0;
}

/* The first column of the first row of SELECT EXPR as text ("NULL" for NULL),
 * or the error message; *SUBTYPE gets the value's subtype. */
static void eval(const char *expr, char *out, size_t outsz, int *subtype)
{
    char sql[1024];
    sqlite3_stmt *st;
    snprintf(sql, sizeof sql, "SELECT %s", expr);
    *subtype = 0;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        snprintf(out, outsz, "%s", sqlite3_errmsg(db));
        return;
    }
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(st, 0);
        snprintf(out, outsz, "%s", t ? t : "NULL");
        *subtype = (int)sqlite3_value_subtype(sqlite3_column_value(st, 0));
    } else {
        snprintf(out, outsz, "%s", sqlite3_errmsg(db));
    }
    sqlite3_finalize(st);
}

static void expect(const char *expr, const char *want)
{
    char got[512];
    int subtype;
    eval(expr, got, sizeof got, &subtype);
    if (strcmp(got, want) != 0) fail_msg("SELECT %s\n  got:  [%s]\n  want: [%s]", expr, got, want);
}

static void expect_subtype(const char *expr, int want)
{
    char got[512];
    int subtype;
    eval(expr, got, sizeof got, &subtype);
    if (subtype != want) fail_msg("SELECT %s: subtype %d, want %d (%s)", expr, subtype, want, got);
}

static void test_session_functions(void **state)
{
    char got[64];
    int subtype;
    eval("SYSDATE()", got, sizeof got, &subtype);
    assert_int_equal(strlen(got), 19);
    assert_int_equal(subtype, ORA_SUBTYPE_DATE);
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    char year[16];
    snprintf(year, sizeof year, "%04d", tm.tm_year + 1900);
    assert_memory_equal(got, year, 4);
    eval("SYSTIMESTAMP()", got, sizeof got, &subtype); /* with the server's offset */
    assert_int_equal(strlen(got), 33);
    assert_int_equal(got[19], '.');
    assert_true(got[27] == '+' || got[27] == '-');
    eval("LOCALTIMESTAMP()", got, sizeof got, &subtype);
    assert_int_equal(strlen(got), 26);
    assert_int_equal(subtype, ORA_SUBTYPE_TIMESTAMP);
    expect("USER()", "SCOTT");
    expect("SYSDATE() <= SYSTIMESTAMP()", "1");
}

static void test_null_functions(void **state)
{
    expect("NVL(NULL, 1)", "1");
    expect("NVL(2, 1)", "2");
    expect("NVL2(NULL, 'a', 'b')", "b");
    expect("NVL2(0, 'a', 'b')", "a");
    expect_subtype("NVL(NULL, SYSDATE())", ORA_SUBTYPE_DATE);
}

static void test_decode(void **state)
{
    expect("DECODE(1, 1, 'one', 2, 'two')", "one");
    expect("DECODE(2, 1, 'one', 2, 'two')", "two");
    expect("DECODE(3, 1, 'one', 'other')", "other");
    expect("DECODE(3, 1, 'one')", "NULL");
    expect("DECODE(NULL, 1, 'one', NULL, 'null', 'other')", "null");
    expect("DECODE(1, NULL, 'null', 'other')", "other");
    expect("DECODE('1', 1, 'numeric')", "numeric");
    expect("DECODE('a', 'A', 'upper', 'a', 'lower')", "lower");
    expect("DECODE(1, 2)", "ORA-00909: invalid number of arguments");
    expect("DECODE('x', 1, 'y')", "ORA-01722: invalid number");
}

static void test_greatest_least(void **state)
{
    expect("GREATEST(1, 5, 3)", "5");
    expect("LEAST(4, 2, 8)", "2");
    expect("GREATEST('apple', 'pear', 'fig')", "pear");
    expect("GREATEST(1, NULL, 3)", "NULL");
    expect("GREATEST(2, '10')", "10");
    expect("LEAST(1.5, 1)", "1");
}

static void test_concat(void **state)
{
    expect("CONCAT('a', 'b')", "ab");
    expect("CONCAT('a', NULL)", "a");
    expect("CONCAT(NULL, NULL)", "NULL");
    expect("CONCAT('n=', 1.5)", "n=1.5");
    expect("CONCAT(0.5, 'x')", ".5x");
    expect("CONCAT('a', 'b', 'c')", "abc");
}

static void test_substr(void **state)
{
    expect("SUBSTR('hello', 2, 3)", "ell");
    expect("SUBSTR('hello', 0, 2)", "he");
    expect("SUBSTR('hello', 1)", "hello");
    expect("SUBSTR('hello', -3)", "llo");
    expect("SUBSTR('hello', -3, 2)", "ll");
    expect("SUBSTR('hello', 10)", "NULL");
    expect("SUBSTR('hello', -10)", "NULL");
    expect("SUBSTR('hello', 2, 0)", "NULL");
    expect("SUBSTR('hello', 2, -1)", "NULL");
    expect("SUBSTR('héllo', 2, 2)", "él");
    expect("SUBSTR(12345, 2, 2)", "23");
    expect("SUBSTR(NULL, 1)", "NULL");
    expect("SUBSTR('abc', 1.9, 1.9)", "a");
}

static void test_instr(void **state)
{
    expect("INSTR('hello', 'l')", "3");
    expect("INSTR('hello', 'l', 1, 2)", "4");
    expect("INSTR('hello', 'l', -1)", "4");
    expect("INSTR('hello', 'l', -1, 2)", "3");
    expect("INSTR('hello', 'z')", "0");
    expect("INSTR('hello', 'l', 5)", "0");
    expect("INSTR('héllo', 'l')", "3");
    expect("INSTR('hello', NULL)", "NULL");
    expect("INSTR('hello', 'l', 1, 0)", "ORA-01428: argument '' is out of range");
}

static void test_padding_and_case(void **state)
{
    expect("LPAD('7', 3, '0')", "007");
    expect("LPAD('ab', 4)", "  ab");
    expect("LPAD('hello', 3)", "hel");
    expect("RPAD('ab', 5, 'xy')", "abxyx");
    expect("RPAD('é', 3, 'ü')", "éüü");
    expect("LPAD('x', 0)", "NULL");
    expect("LPAD(NULL, 3)", "NULL");
    expect("INITCAP('hello wORLD-foo bar_baz')", "Hello World-Foo Bar_Baz");
}

static void test_replace_trim(void **state)
{
    expect("REPLACE('abcabc', 'b')", "acac");
    expect("REPLACE('abc', 'b', NULL)", "ac");
    expect("REPLACE('abc', NULL, 'x')", "abc");
    expect("REPLACE('abc', 'b', 'XY')", "aXYc");
    expect("REPLACE('aaa', 'a')", "NULL");
    expect("LTRIM('  x ')", "x ");
    expect("RTRIM('  x ')", "  x");
    expect("RTRIM('xyyy', 'y')", "x");
    expect("LTRIM('abcx', 'cba')", "x");
    expect("LTRIM('   ')", "NULL");
    expect("ORA_TRIM('B', '  x  ')", "x");
    expect("ORA_TRIM('L', 'x', 'xxaxx')", "axx");
    expect("ORA_TRIM('T', 'x', 'xxaxx')", "xxa");
    expect("ORA_TRIM('B', 'x', 'xxx')", "NULL");
    expect("ORA_TRIM('B', 'ab', 'x')", "ORA-30001: trim set should have only one character");
}

static void test_chr_ascii(void **state)
{
    expect("CHR(65)", "A");
    expect("CHR(233)", "é");
    expect("CHR(8364)", "€");
    expect("ASCII('A')", "65");
    expect("ASCII('é')", "233");
    expect("ASCII('€')", "8364");
}

/* RAW values are SQLite blobs: HEXTORAW makes them, RAWTOHEX shows them. */
static void test_hextoraw_rawtohex(void **state)
{
    expect("typeof(HEXTORAW('00ff80'))", "blob");
    expect("hex(HEXTORAW('00ff80'))", "00FF80");
    expect("length(HEXTORAW('00ff80'))", "3");
    expect("hex(HEXTORAW('D'))", "0D"); /* an odd count: a leading 0, as Oracle */
    expect("hex(HEXTORAW(13))", "13");
    expect("hex(HEXTORAW(HEXTORAW('abcd')))", "ABCD");
    expect("HEXTORAW('0G')", "ORA-01465: invalid hex number");
    expect("HEXTORAW(NULL)", "NULL");
    expect("RAWTOHEX(HEXTORAW('00ff80'))", "00FF80");
    expect("RAWTOHEX('AB')", "4142"); /* a string's own bytes, as Oracle's SQL RAWTOHEX */
    expect("RAWTOHEX(NULL)", "NULL");
}

static void test_regexp_like(void **state)
{
    expect("REGEXP_LIKE('Abc', '^a')", "0");
    expect("REGEXP_LIKE('Abc', '^a', 'i')", "1");
    expect("REGEXP_LIKE('Abc', '^a', 'ic')", "0"); /* the last of i and c wins */
    expect("REGEXP_LIKE('2024-05-17', '^\\d{4}-\\d{2}-\\d{2}$')", "1");
    expect("REGEXP_LIKE('ab', 'a b', 'x')", "1");
    expect("REGEXP_LIKE('a' || char(10) || 'b', 'a.b')", "0"); /* '.' leaves out a newline */
    expect("REGEXP_LIKE('a' || char(10) || 'b', 'a.b', 'n')", "1");
    expect("REGEXP_LIKE('x' || char(10) || 'ab', '^ab$')", "0");
    expect("REGEXP_LIKE('x' || char(10) || 'ab', '^ab$', 'm')", "1");
    expect("REGEXP_LIKE('h\xc3\xa9llo', '^h.llo$')", "1"); /* a character, not a byte */
    expect("REGEXP_LIKE(12345, '^1\\d+5$')", "1");         /* a number as its text */
    expect("REGEXP_LIKE(NULL, 'a')", "NULL");
    expect("REGEXP_LIKE('a', NULL)", "NULL");
    expect("REGEXP_LIKE('a', '(a')", "ORA-12725: unmatched parentheses in regular expression");
    expect("REGEXP_LIKE('a', '[a')", "ORA-12726: unmatched bracket in regular expression");
    expect("REGEXP_LIKE('a', '(a)\\2')", "ORA-12727: invalid back reference in regular expression");
    expect("REGEXP_LIKE('a', '[z-a]')", "ORA-12728: invalid range in regular expression");
    expect("REGEXP_LIKE('a', '[[:foo:]]')",
           "ORA-12729: invalid character class in regular expression");
    expect("REGEXP_LIKE('a', 'a{2,1}')", "ORA-12732: invalid interval value in regular expression");
    expect("REGEXP_LIKE('a', 'a*?')", "ORA-03001: unimplemented feature"); /* non-greedy */
    expect("REGEXP_LIKE('a', 'a+?b')", "ORA-03001: unimplemented feature");
    expect("REGEXP_LIKE('a', 'a', 'z')", "ORA-01760: illegal argument for function");
    expect("REGEXP_LIKE('a.b', 'a\\.b', 'mn')", "1"); /* an escaped '.' is no wildcard */
    expect("REGEXP_LIKE('a.b', 'a.b', 'mn')", "ORA-03001: unimplemented feature");
    expect("REGEXP_LIKE('a', printf('%.600c', 'a'))", "ORA-12733: regular expression too long");
}

static void test_regexp_substr_instr_count(void **state)
{
    expect("REGEXP_SUBSTR('abc123def456', '\\d+')", "123");
    expect("REGEXP_SUBSTR('abc123def456', '\\d+', 1, 2)", "456");
    expect("REGEXP_SUBSTR('abc123def456', '\\d+', 5)", "23");
    expect("REGEXP_SUBSTR('abc123def456', '\\d+', 1, 3)", "NULL");
    expect("REGEXP_SUBSTR('a,b,,d', '[^,]+', 1, 3)", "d");
    expect("REGEXP_SUBSTR('John.Doe@Example.com', '([a-z.]+)@([a-z.]+)', 1, 1, 'i', 2)",
           "Example.com");
    expect("REGEXP_SUBSTR('ab', '(a)(b)?(c)?', 1, 1, NULL, 3)", "NULL"); /* not taking part */
    expect("REGEXP_SUBSTR('ab', '(a)', 1, 1, NULL, 2)", "NULL");          /* no such group */
    expect("REGEXP_SUBSTR('abc', 'x*')", "NULL");                          /* '' is NULL */
    expect("REGEXP_SUBSTR('abc', 'b', 0)", "ORA-01428: argument '0' is out of range");
    expect("REGEXP_SUBSTR('abc', 'b', 1, 0)", "ORA-01428: argument '0' is out of range");
    expect("REGEXP_SUBSTR('abc', 'b', 1, 1, NULL, 10)", "ORA-01428: argument '10' is out of range");
    expect("REGEXP_SUBSTR('abc', 'b', NULL)", "NULL");
    expect("REGEXP_SUBSTR('abc', 'b', 9)", "NULL");
    expect("REGEXP_INSTR('abc123', '\\d')", "4");
    expect("REGEXP_INSTR('abc123', '\\d+', 1, 1, 1)", "7");
    expect("REGEXP_INSTR('abc123', 'x')", "0");
    expect("REGEXP_INSTR('\xc3\xa9t\xc3\xa9', 't')", "2"); /* in characters */
    expect("REGEXP_INSTR('k=v; k2=v2', '(\\w+)=(\\w+)', 1, 2, 0, NULL, 2)", "9");
    expect("REGEXP_INSTR(NULL, 'a')", "NULL");
    expect("REGEXP_COUNT('a1b22c333', '\\d+')", "3");
    expect("REGEXP_COUNT('Hello', 'l')", "2");
    expect("REGEXP_COUNT('Hello', 'l', 4)", "1");
    expect("REGEXP_COUNT('Hello', 'L', 1, 'i')", "2");
    expect("REGEXP_COUNT('a' || char(10) || 'a', '^a')", "1");
    expect("REGEXP_COUNT('a' || char(10) || 'a', '^a', 1, 'm')", "2");
    expect("REGEXP_COUNT(NULL, 'a')", "NULL");
}

static void test_regexp_replace(void **state)
{
    expect("REGEXP_REPLACE('John Smith', '(\\w+) (\\w+)', '\\2, \\1')", "Smith, John");
    expect("REGEXP_REPLACE('a  b   c', ' +', ' ')", "a b c");
    expect("REGEXP_REPLACE('abc', 'b')", "ac");
    expect("REGEXP_REPLACE('aaa', 'a', 'x', 1, 2)", "axa");
    expect("REGEXP_REPLACE('aaa', 'a', 'x', 2)", "axx");
    expect("REGEXP_REPLACE('abc', 'x*', '-')", "-a-b-c-");
    expect("REGEXP_REPLACE('abc', 'b*', '-')", "-a-c-");
    expect("REGEXP_REPLACE('a.b', '\\.', '\\\\')", "a\\b");
    expect("REGEXP_REPLACE('ab', '(a)', '[\\1\\3]')", "[a]b"); /* \3: no such group, '' */
    expect("REGEXP_REPLACE('abc', NULL, 'x')", "abc"); /* a NULL pattern matches nothing */
    expect("REGEXP_REPLACE('abc', 'abc')", "NULL");
    expect("REGEXP_REPLACE(NULL, 'a', 'b')", "NULL");
    expect("REGEXP_REPLACE('ABC', 'b', 'x', 1, 0, 'i')", "AxC");
    expect("REGEXP_REPLACE('abc', 'b', 'x', 1, -1)", "ORA-01428: argument '-1' is out of range");
}

static void test_bitand(void **state)
{
    expect("BITAND(6, 3)", "2");
    expect("BITAND(-1, 255)", "255");
    expect("BITAND(-8, 15)", "8");
    expect("BITAND(9223372036854775807, 4611686018427387904)", "4611686018427387904");
    expect("BITAND(2.9, 3)", "2");
    expect("BITAND('12', 4)", "4");
    expect("BITAND(NULL, 1)", "NULL");
    expect("BITAND('x', 1)", "ORA-01722: invalid number");
    expect("BITAND(1e30, 1)", "ORA-01426: numeric overflow");
}

static void test_unistr(void **state)
{
    expect("UNISTR('\\00e9t\\00e9')", "\xc3\xa9t\xc3\xa9");
    expect("hex(UNISTR('\\d834\\dd1e'))", "F09D849E"); /* a surrogate pair: one character */
    expect("UNISTR('a\\\\b')", "a\\b");
    expect("UNISTR('a\\b')",
           "ORA-30186: '\\' must be followed by four hexadecimal characters or another '\\'");
    expect("UNISTR(NULL)", "NULL");
}

static void test_supplied_packages(void **state)
{
    expect("hex(ORA_UTL_RAW_CAST_TO_RAW('AB'))", "4142");
    expect("ORA_UTL_RAW_CAST_TO_VARCHAR2(HEXTORAW('4142'))", "AB");
    expect("ORA_UTL_RAW_CAST_TO_VARCHAR2('4142')", "AB"); /* text is read as hex */
    expect("ORA_UTL_RAW_CAST_TO_VARCHAR2('XY')", "ORA-01465: invalid hex number");
    expect("ORA_UTL_RAW_LENGTH(HEXTORAW('010203'))", "3");
    expect("hex(ORA_UTL_RAW_CONCAT(HEXTORAW('01'), NULL, '0203'))", "010203");
    expect("hex(ORA_UTL_RAW_SUBSTR(HEXTORAW('0102030405'), 2, 2))", "0203");
    expect("hex(ORA_UTL_RAW_SUBSTR(HEXTORAW('0102030405'), -2))", "0405");
    expect("ORA_UTL_RAW_SUBSTR(HEXTORAW('01'), 0)", "ORA-06502: PL/SQL: numeric or value error");
    expect("ORA_DBMS_RANDOM_VALUE() >= 0 AND ORA_DBMS_RANDOM_VALUE() < 1", "1");
    expect("ORA_DBMS_RANDOM_VALUE(5, 6) BETWEEN 5 AND 6", "1");
    expect("length(ORA_DBMS_RANDOM_STRING('x', 20))", "20");
    expect("ORA_DBMS_RANDOM_STRING('u', 30) GLOB '*[^A-Z]*'", "0");
    expect("ORA_DBMS_RANDOM_STRING('a', 30) GLOB '*[^A-Za-z]*'", "0");
    expect("ORA_DBMS_RANDOM_STRING('L', 0)", "NULL");
    expect("typeof(ORA_DBMS_RANDOM_RANDOM())", "integer");
}

static void test_numbers(void **state)
{
    expect("MOD(7, 3)", "1");
    expect("MOD(-7, 3)", "-1");
    expect("MOD(7, 0)", "7");
    expect("MOD(7.5, 2)", "1.5");
    expect("MOD(NULL, 2)", "NULL");
    expect("POWER(2, 10)", "1024");
    expect("POWER(2, -1)", "0.5");
    expect("POWER(-8, 0.5)", "ORA-01428: argument '' is out of range");
    expect("CEIL(1.2)", "2");
    expect("CEIL(-1.2)", "-1");
    expect("CEIL('2.1')", "3");
    expect("CEIL('x')", "ORA-01722: invalid number");
    expect("FLOOR(-1.2)", "-2");
    expect("FLOOR(7)", "7");
    expect("SIGN(-3)", "-1");
    expect("SIGN(0)", "0");
    expect("SIGN(0.001)", "1");
    expect("TRUNC(15.79)", "15");
    expect("TRUNC(15.79, 1)", "15.7");
    expect("TRUNC(-15.79)", "-15");
    expect("TRUNC(1234, -2)", "1200");
    expect("ROUND(2.5)", "3");
    expect("ROUND(-2.5)", "-3");
    expect("ROUND(2.675, 2)", "2.68");
    expect("ROUND(1234.5678, -2)", "1200");
    expect("ROUND(1.005, 2)", "1.01");
}

static void test_arithmetic(void **state)
{
    expect("ORA_ADD(1, 2)", "3");
    expect("ORA_ADD(0.1, 0.2)", "0.3");
    expect("ORA_ADD('5', 1)", "6");
    expect("ORA_ADD('x', 1)", "ORA-01722: invalid number");
    expect("ORA_ADD(NULL, 1)", "NULL");
    expect("ORA_ADD(9223372036854775807, 1)", "9.22337203685478e+18");
    expect("ORA_SUB(10, 3)", "7");
    expect("ORA_MUL(3, 4)", "12");
    expect("ORA_MUL(1.1, 3)", "3.3");
    expect("ORA_DIV(7, 2)", "3.5");
    expect("ORA_DIV(6, 3)", "2");
    expect("ORA_DIV(1, 3)", "0.333333333333333");
    expect("ORA_DIV(1, 0)", "ORA-01476: divisor is equal to zero");
    expect("ORA_DIV(1.5, 0.0)", "ORA-01476: divisor is equal to zero");
    expect("typeof(ORA_DIV(6, 3))", "integer");
}

static void test_date_arithmetic(void **state)
{
    expect("ORA_ADD('2024-01-31 00:00:00', 1)", "2024-02-01 00:00:00");
    expect_subtype("ORA_ADD('2024-01-31 00:00:00', 1)", ORA_SUBTYPE_DATE);
    expect("ORA_ADD(1, '2024-12-31 12:00:00')", "2025-01-01 12:00:00");
    expect("ORA_ADD('2024-01-01 00:00:00', 1/24.0)", "2024-01-01 01:00:00");
    expect("ORA_SUB('2024-03-01 00:00:00', 1)", "2024-02-29 00:00:00");
    expect("ORA_SUB('2024-03-01 00:00:00', 0.5)", "2024-02-29 12:00:00");
    expect("ORA_SUB('2024-03-01 00:00:00', '2024-02-01 00:00:00')", "29");
    expect("ORA_SUB('2024-03-01 12:00:00', '2024-03-01 00:00:00')", "0.5");
    /* a timestamp minus a date or timestamp is an INTERVAL DAY TO SECOND */
    expect("ORA_SUB('2024-01-01 00:00:00.500000', '2024-01-01 00:00:00')", "+000000000 00:00:00.500000000");
    expect("ORA_SUB('2024-01-01 00:00:00 +00:00', '2024-01-01 03:00:00.25 +05:00')",
           "+000000000 01:59:59.750000000");
    expect("ORA_ADD('2024-01-01 00:00:00', '2024-01-01 00:00:00')",
           "ORA-00975: date + date not allowed");
    expect("ORA_SUB(1, '2024-01-01 00:00:00')",
           "ORA-00932: inconsistent datatypes: expected NUMBER got DATE");
    expect("ORA_MUL('2024-01-01 00:00:00', 2)",
           "ORA-00932: inconsistent datatypes: expected NUMBER got DATE");
}

static void test_to_char_numbers(void **state)
{
    expect("TO_CHAR(123)", "123");
    expect("TO_CHAR(0.5)", ".5");
    expect("TO_CHAR(-0.5)", "-.5");
    expect("TO_CHAR(1e20)", "100000000000000000000");
    expect("TO_CHAR(0.00001)", ".00001");
    expect("TO_CHAR(1234.5, '99,999.99')", "  1,234.50");
    expect("TO_CHAR(-1234.5, '99,999.99')", " -1,234.50");
    expect("TO_CHAR(5, '999')", "   5");
    expect("TO_CHAR(-5, '999')", "  -5");
    expect("TO_CHAR(0, '999')", "   0");
    expect("TO_CHAR(0.5, '999.99')", "    .50");
    expect("TO_CHAR(0.5, '990.99')", "   0.50");
    expect("TO_CHAR(5, '000')", " 005");
    expect("TO_CHAR(42, 'FM0000')", "0042");
    expect("TO_CHAR(1.5, 'FM999.99')", "1.5");
    expect("TO_CHAR(1, 'FM999.99')", "1.");
    expect("TO_CHAR(12345, '999')", "####");
    expect("TO_CHAR(5, 'S999')", "  +5");
    expect("TO_CHAR(-5, '999MI')", "  5-");
    expect("TO_CHAR(5, '$999')", "   $5");
    expect("TO_CHAR(1234567, '9G999G999')", " 1,234,567");
    expect("TO_CHAR(3, 'XYZ')", "ORA-01481: invalid number format model");
    expect("TO_CHAR(1415053318, 'XXXXXXXX')", " 54580006"); /* a blank before it, as Oracle */
    expect("TO_CHAR(10, 'XXXX')", "    A");
    expect("TO_CHAR(10, 'xxxx')", "    a");
    expect("TO_CHAR(10, 'FMXXXX')", "A");
    expect("TO_CHAR(10, '0XXX')", " 000A");
    expect("TO_CHAR(15, 'FM0X')", "0F");
    expect("TO_CHAR(12.5, 'FM0xxxx')", "0000d"); /* rounded */
    expect("TO_CHAR(12.49, 'FM0xxxx')", "0000c");
    expect("TO_CHAR(256, 'XX')", "###");
    expect("TO_CHAR(-123, 'xxx')", "####");
    expect("TO_CHAR(0, 'XX')", "  0");
    expect("TO_CHAR(ORA_XNUMBER('18446744073709551615'), 'XXXXXXXXXXXXXXXX')", " FFFFFFFFFFFFFFFF");
    expect("TO_CHAR(1, 'X9')", "ORA-01481: invalid number format model");
    expect("TO_NUMBER('54580006', 'XXXXXXXX')", "1415053318");
    expect("TO_NUMBER(' ff ', 'XX')", "255");
    expect("TO_NUMBER('FFFFFFFFFFFFFFFF', 'XXXXXXXXXXXXXXXX')", "18446744073709551615");
    expect("TO_NUMBER('fff', 'XX')", "ORA-01722: invalid number");
    expect("TO_NUMBER('fg', 'XX')", "ORA-01722: invalid number");
    expect("TO_CHAR('text')", "text");
    expect("TO_CHAR(NULL)", "NULL");
}

static void test_to_char_dates(void **state)
{
    const char *d = "'2024-03-05 14:07:09'";
    char expr[256];
    struct {
        const char *fmt, *want;
    } cases[] = {
        {"YYYY-MM-DD HH24:MI:SS", "2024-03-05 14:07:09"},
        {"DD-MON-YY", "05-MAR-24"},
        {"DD-Mon-RR", "05-Mar-24"},
        {"dd-mon-rrrr", "05-mar-2024"},
        {"MONTH", "MARCH    "},
        {"FMMonth DD, YYYY", "March 5, 2024"},
        {"DY Day", "TUE Tuesday  "},
        {"HH:MI AM", "02:07 PM"},
        {"HH12:MI:SS p.m.", "02:07:09 p.m."},
        {"DDD Q D J", "065 1 3 2460375"},
        {"\"Year\" YYYY", "Year 2024"},
        {"SSSSS", "50829"},
        {"Y YY YYY", "4 24 024"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(expr, sizeof expr, "TO_CHAR(%s, '%s')", d, cases[i].fmt);
        expect(expr, cases[i].want);
    }
    expect("TO_CHAR('2024-03-05 14:07:09')", "05-MAR-24");
    expect("TO_CHAR('2024-03-05 14:07:09.123456789', 'HH24:MI:SS.FF3')", "14:07:09.123");
    expect("TO_CHAR('2024-03-05 14:07:09.5', 'FF')", "500000");
    expect("TO_CHAR(SYSDATE(), 'ZZ')", "ORA-01821: date format not recognized");
}

static void test_to_date(void **state)
{
    expect("TO_DATE('2024-03-05', 'YYYY-MM-DD')", "2024-03-05 00:00:00");
    expect_subtype("TO_DATE('2024-03-05', 'YYYY-MM-DD')", ORA_SUBTYPE_DATE);
    expect("TO_DATE('05-MAR-2024', 'DD-MON-YYYY')", "2024-03-05 00:00:00");
    expect("TO_DATE('5 march 2024 3:04:05 pm', 'DD MONTH YYYY HH:MI:SS AM')",
           "2024-03-05 15:04:05");
    expect("TO_DATE('12:30 AM', 'HH:MI AM') LIKE '%00:30:00'", "1");
    expect("TO_DATE('5/3/24', 'DD/MM/RR')", "2024-03-05 00:00:00");
    expect("TO_DATE('5/3/99', 'DD/MM/RR')", "1999-03-05 00:00:00");
    expect("TO_DATE('2024.03.05', 'YYYY-MM-DD')", "2024-03-05 00:00:00");
    expect("TO_DATE('20240305', 'YYYYMMDD')", "2024-03-05 00:00:00");
    expect("TO_DATE('2024-03-05 10:00:00')", "2024-03-05 10:00:00");
    expect("TO_DATE('05-MAR-24')", "2024-03-05 00:00:00");
    expect("TO_DATE('2460375', 'J')", "2024-03-05 00:00:00");
    expect("TO_DATE('2024-02-30', 'YYYY-MM-DD')", "ORA-01839: date not valid for month specified");
    expect("TO_DATE('2024-02-32', 'YYYY-MM-DD')",
           "ORA-01847: day of month must be between 1 and last day of month");
    expect("TO_DATE('2024-13-01', 'YYYY-MM-DD')", "ORA-01843: not a valid month");
    expect("TO_DATE('-4712-01-01', 'SYYYY-MM-DD')", "-4712-01-01 00:00:00");
    expect("TO_DATE('-4713-01-01', 'YYYY-MM-DD')",
           "ORA-01841: (full) year must be between -4713 and +9999, and not be 0");
    expect("TO_DATE('10000-01-01', 'YYYY-MM-DD')",
           "ORA-01841: (full) year must be between -4713 and +9999, and not be 0");
    expect("TO_DATE('2024-01-01 25:00', 'YYYY-MM-DD HH24:MI')",
           "ORA-01850: hour must be between 0 and 23");
    expect("TO_DATE('2024-01-01 10:60', 'YYYY-MM-DD HH24:MI')",
           "ORA-01851: minutes must be between 0 and 59");
    expect("TO_DATE('x', 'YYYY')",
           "ORA-01858: a non-numeric character was found where a numeric was expected");
    expect("TO_DATE('2024-01-01 junk', 'YYYY-MM-DD')",
           "ORA-01830: date format picture ends before converting entire input string");
    expect("TO_DATE('2024', 'ZZ')", "ORA-01821: date format not recognized");
    expect("TO_DATE('XYZ-2024', 'MON-YYYY')", "ORA-01843: not a valid month");
    expect("TO_DATE(NULL)", "NULL");
}

static void test_to_timestamp(void **state)
{
    expect("TO_TIMESTAMP('2024-03-05 10:00:00.5', 'YYYY-MM-DD HH24:MI:SS.FF')",
           "2024-03-05 10:00:00.500000");
    expect_subtype("TO_TIMESTAMP('2024-03-05 10:00:00', 'YYYY-MM-DD HH24:MI:SS.FF')",
                   ORA_SUBTYPE_TIMESTAMP);
    expect("TO_TIMESTAMP('2024-03-05 10:00:00', 'YYYY-MM-DD HH24:MI:SS.FF')",
           "2024-03-05 10:00:00.000000");
    expect("TO_TIMESTAMP('2024-03-05 10:00:00.123456789', 'YYYY-MM-DD HH24:MI:SS.FF9')",
           "2024-03-05 10:00:00.123456789");
}

/* TIMESTAMP WITH TIME ZONE: the local time and its offset; the session's zone where none is
 * given (here +02:00). */
static void test_time_zones(void **state)
{
    snprintf(session.nls.time_zone, sizeof session.nls.time_zone, "+02:00");
    expect("TO_TIMESTAMP_TZ('1999-12-01 11:00:00.12345 -08:00', 'YYYY-MM-DD HH24:MI:SS.FF TZH:TZM')",
           "1999-12-01 11:00:00.123450 -08:00");
    expect("TO_CHAR(TO_TIMESTAMP_TZ('1999-12-01 11:00:00.123450000 -8:00', "
           "'YYYY-MM-DD HH24:MI:SS.FF TZH:TZM'), 'YYYY-MM-DD HH24:MI:SS.FF TZH:TZM TZR')",
           "1999-12-01 11:00:00.123450000 -08:00 -08:00");
    expect("TO_TIMESTAMP_TZ('2024-01-01 10:00:00', 'YYYY-MM-DD HH24:MI:SS')",
           "2024-01-01 10:00:00.000000 +02:00");
    expect("TO_TIMESTAMP_TZ('2024-07-01 10:00:00 Europe/Paris', 'YYYY-MM-DD HH24:MI:SS TZR')",
           "2024-07-01 10:00:00.000000 +02:00");
    expect("TO_TIMESTAMP_TZ('2024-01-01 10:00 Mars/Base', 'YYYY-MM-DD HH24:MI TZR')",
           "ORA-01882: timezone region not found");
    expect("TO_TIMESTAMP_TZ('2024-01-01 10:00 +16:00', 'YYYY-MM-DD HH24:MI TZH:TZM')",
           "ORA-01874: time zone hour must be between -15 and 15");
    expect("TO_CHAR(TO_TIMESTAMP('2024-01-01 10:00:00.5'), 'TZH')", "ORA-01821: date format not recognized");
    expect("FROM_TZ(TO_TIMESTAMP('2024-01-15 10:00:00', 'YYYY-MM-DD HH24:MI:SS'), 'Europe/Paris')",
           "2024-01-15 10:00:00.000000000 +01:00");
    expect("SYS_EXTRACT_UTC(TO_TIMESTAMP_TZ('2024-12-31 23:30:00 -05:30', 'YYYY-MM-DD HH24:MI:SS TZH:TZM'))",
           "2025-01-01 05:00:00.000000000");
    expect("SYS_EXTRACT_UTC('2024-01-01 10:00:00')", "2024-01-01 08:00:00.000000000");
    expect("TZ_OFFSET('-03:30')", "-03:30");
    expect("ADD_MONTHS('2024-01-31 10:00:00.5 +05:00', 1)", "2024-02-29 10:00:00"); /* a DATE */
    expect("LAST_DAY('2024-02-03 10:00:00 -01:00')", "2024-02-29 10:00:00");
    expect_subtype("ORA_CAST('2024-01-01 10:00:00.5', 'TIMESTAMP(0) WITH TIME ZONE')",
                   ORA_SUBTYPE_TIMESTAMP);
    expect("ORA_CAST('2024-01-01 10:00:00.1234567 +05:00', 'TIMESTAMP(3)')", "2024-01-01 10:00:00.123");
    expect("ORA_CAST('2024-01-01 10:00:00.9999 +05:00', 'TIMESTAMP(0) WITH TIME ZONE')",
           "2024-01-01 10:00:01 +05:00");
    expect("ORA_CAST('2024-01-01 10:00:00 +05:00', 'TIMESTAMP WITH LOCAL TIME ZONE')",
           "2024-01-01 07:00:00.000000");
    expect("ORA_CAST('2024-01-01 10:00:00', 'TIMESTAMP(9)WITH TIME ZONE')",
           "2024-01-01 10:00:00.000000000 +02:00");
    session.nls.time_zone[0] = 0;
}

/* INTERVAL YEAR TO MONTH and DAY TO SECOND: literals, conversions, arithmetic, EXTRACT. */
static void test_intervals(void **state)
{
    expect("ORA_INTERVAL('10-2', 'YEAR TO MONTH')", "+10-02");
    expect_subtype("ORA_INTERVAL('10-2', 'YEAR TO MONTH')", ORA_SUBTYPE_INTERVAL_YM);
    expect("ORA_INTERVAL('11 10:09:08.555', 'DAY TO SECOND')", "+11 10:09:08.555000");
    expect_subtype("ORA_INTERVAL('3', 'SECOND')", ORA_SUBTYPE_INTERVAL_DS);
    expect("ORA_INTERVAL('4 5:12:10.2226', 'DAY TO SECOND(3)')", "+04 05:12:10.223");
    expect("ORA_INTERVAL('-90', 'MINUTE')", "-00 01:30:00.000000");
    expect("ORA_INTERVAL('30', 'MONTH')", "+02-06");
    expect("ORA_INTERVAL('2:30', 'HOUR TO MINUTE')", "+00 02:30:00.000000");
    expect("ORA_INTERVAL('123', 'DAY')", "ORA-01873: the leading precision of the interval is too small");
    expect("ORA_INTERVAL('123', 'DAY(3)')", "+123 00:00:00.000000");
    expect("ORA_INTERVAL('1 24:00:00', 'DAY TO SECOND')", "ORA-01867: the interval is invalid");
    expect("ORA_INTERVAL('1-12', 'YEAR TO MONTH')", "ORA-01867: the interval is invalid");
    expect("TO_YMINTERVAL('-1-6')", "-000000001-06");
    expect("TO_DSINTERVAL('2 03:04:05.6789')", "+000000002 03:04:05.678900000");
    expect("NUMTODSINTERVAL(1.5, 'hour')", "+000000000 01:30:00.000000000");
    expect("NUMTOYMINTERVAL(14, 'MONTH')", "+000000001-02");
    expect("NUMTOYMINTERVAL(1, 'DAY')", "ORA-01760: illegal argument for function");
    expect("ORA_ADD('2024-01-31 10:00:00', ORA_INTERVAL('1 2', 'DAY TO HOUR'))", "2024-02-01 12:00:00");
    expect("ORA_ADD(ORA_INTERVAL('3', 'SECOND'), '2024-01-01 00:00:00.5')", "2024-01-01 00:00:03.500000");
    expect("ORA_SUB('2024-03-31 00:00:00', ORA_INTERVAL('1', 'MONTH'))",
           "ORA-01839: date not valid for month specified");
    expect("ORA_ADD('2024-01-28 00:00:00', ORA_INTERVAL('1-1', 'YEAR TO MONTH'))", "2025-02-28 00:00:00");
    expect("ORA_SUB(ORA_INTERVAL('1', 'DAY'), ORA_INTERVAL('1', 'SECOND'))", "+000000000 23:59:59.000000000");
    expect("ORA_MUL(ORA_INTERVAL('2', 'HOUR'), 3)", "+000000000 06:00:00.000000000");
    expect("ORA_DIV(ORA_INTERVAL('1-0', 'YEAR TO MONTH'), 2)", "+000000000-06");
    expect("ORA_ADD(ORA_INTERVAL('1', 'DAY'), ORA_INTERVAL('1', 'MONTH'))",
           "ORA-30081: invalid data type for datetime/interval arithmetic");
    expect("ORA_SUB(ORA_INTERVAL('1', 'DAY'), '2024-01-01 00:00:00')",
           "ORA-30081: invalid data type for datetime/interval arithmetic");
    expect("ORA_CAST('1 2:3:4.56789', 'INTERVAL DAY TO SECOND(2)')", "+01 02:03:04.57");
    expect("ORA_CAST(ORA_INTERVAL('123', 'DAY(3)'), 'INTERVAL DAY(2)TO SECOND')",
           "ORA-01873: the leading precision of the interval is too small");
    expect("ORA_CAST(ORA_INTERVAL('1', 'MONTH'), 'INTERVAL DAY TO SECOND')",
           "ORA-00932: inconsistent datatypes: expected INTERVAL DAY TO SECOND got INTERVAL YEAR TO "
           "MONTH");
    expect("ORA_CAST('3-4', 'INTERVAL YEAR TO MONTH')", "+03-04");
    /* ORA_CONFORM: what a column of the declared type keeps */
    expect("ORA_CONFORM('2024-01-01 10:00:00.1234567', 'TIMESTAMP(6)')", "2024-01-01 10:00:00.123457");
    expect("ORA_CONFORM('2024-01-01 10:00:00 +05:00', 'TIMESTAMP WITH TIME ZONE(3)')",
           "2024-01-01 10:00:00.000 +05:00");
    expect("ORA_CONFORM('+100 01:02:03.456', 'INTERVAL DAY \"TO\" SECOND(3,2)')", "+100 01:02:03.46");
    expect("ORA_CONFORM('+01-06', 'INTERVAL YEAR \"TO\" MONTH(2)')", "+01-06");
    expect("ORA_CONFORM('2024-01-01 10:00:00.5 +05:00', 'DATE')", "2024-01-01 10:00:00");
    /* other text is converted in the session's NLS format, as Oracle converts implicitly */
    expect("ORA_CONFORM('not a date', 'TIMESTAMP(6)')",
           "ORA-01858: a non-numeric character was found where a numeric was expected");
    expect("ORA_CONFORM('31-JAN-24', 'DATE')", "2024-01-31 00:00:00");
    expect("ORA_CONFORM(42, 'TIMESTAMP(6)')", "42");
    expect("ORA_CONFORM('2024-01-01 10:00:00.5', 'NUMBER')", "2024-01-01 10:00:00.5");
    expect("ORA_EXTRACT('DAY', ORA_INTERVAL('5 4:3:2.5', 'DAY TO SECOND'))", "5");
    expect("ORA_EXTRACT('SECOND', ORA_INTERVAL('5 4:3:2.5', 'DAY TO SECOND'))", "2.5");
    expect("ORA_EXTRACT('MONTH', ORA_INTERVAL('-1-6', 'YEAR TO MONTH'))", "-6");
    expect("ORA_EXTRACT('YEAR', ORA_INTERVAL('5', 'DAY'))",
           "ORA-30076: invalid extract field for extract source");
    expect("ORA_EXTRACT('HOUR', '2024-01-01 10:00:00 -05:00')", "15");
    expect("ORA_EXTRACT('TIMEZONE_HOUR', '2024-01-01 10:00:00 -05:00')", "-5");
}

static void test_to_number(void **state)
{
    expect("TO_NUMBER('12.5')", "12.5");
    expect("TO_NUMBER(' 42 ')", "42");
    expect("typeof(TO_NUMBER('42'))", "integer");
    expect("TO_NUMBER('-1e3')", "-1000");
    expect("TO_NUMBER('1,234.5', '9,999.9')", "1234.5");
    expect("TO_NUMBER('$12', '$99')", "12");
    expect("TO_NUMBER('abc')", "ORA-01722: invalid number");
    expect("TO_NUMBER('nan')", "ORA-01722: invalid number");
    expect("TO_NUMBER('')", "NULL");
    expect("TO_NUMBER(7)", "7");
}

static void test_month_functions(void **state)
{
    expect("ADD_MONTHS('2024-01-31 10:00:00', 1)", "2024-02-29 10:00:00");
    expect("ADD_MONTHS('2024-02-29 00:00:00', 12)", "2025-02-28 00:00:00");
    expect("ADD_MONTHS('2024-04-30 00:00:00', 1)", "2024-05-31 00:00:00");
    expect("ADD_MONTHS('2024-03-15 00:00:00', -3)", "2023-12-15 00:00:00");
    expect_subtype("ADD_MONTHS('2024-03-15 00:00:00', 1)", ORA_SUBTYPE_DATE);
    expect("ADD_MONTHS('not a date', 1)",
           "ORA-01858: a non-numeric character was found where a numeric was expected");
    expect("LAST_DAY('2023-02-10 12:00:00')", "2023-02-28 12:00:00");
    expect("LAST_DAY('2024-02-10 00:00:00')", "2024-02-29 00:00:00");
    expect("MONTHS_BETWEEN('2024-03-15 00:00:00', '2024-01-15 00:00:00')", "2");
    expect("MONTHS_BETWEEN('2024-03-31 00:00:00', '2024-02-29 00:00:00')", "1");
    expect("MONTHS_BETWEEN('2024-03-16 00:00:00', '2024-03-15 00:00:00')", "0.032258064516129");
    expect("MONTHS_BETWEEN('2024-01-15 00:00:00', '2024-03-15 00:00:00')", "-2");
}

static void test_trunc_round_dates(void **state)
{
    expect("TRUNC('2024-05-17 13:45:12')", "2024-05-17 00:00:00");
    expect_subtype("TRUNC('2024-05-17 13:45:12')", ORA_SUBTYPE_DATE);
    expect("TRUNC('2024-05-17 13:45:12', 'MM')", "2024-05-01 00:00:00");
    expect("TRUNC('2024-05-17 13:45:12', 'YYYY')", "2024-01-01 00:00:00");
    expect("TRUNC('2024-05-17 13:45:12', 'Q')", "2024-04-01 00:00:00");
    expect("TRUNC('2024-05-17 13:45:12', 'HH24')", "2024-05-17 13:00:00");
    expect("TRUNC('2024-05-17 13:45:12', 'MI')", "2024-05-17 13:45:00");
    expect("TRUNC('2024-05-17 13:45:12', 'IW')", "2024-05-13 00:00:00");
    expect("TRUNC('2024-05-17 13:45:12', 'XX')", "ORA-01821: date format not recognized");
    expect("ROUND('2024-05-17 13:45:12')", "2024-05-18 00:00:00");
    expect("ROUND('2024-05-17 11:45:12')", "2024-05-17 00:00:00");
    /* 2024-05-17 is a Friday; 2024-01-01 a Monday, 2024-05-01 a Wednesday */
    const char *d = "'2024-05-17 13:45:12'";
    struct {
        const char *unit, *trunc, *round;
    } units[] = {
        {"mi", "2024-05-17 13:45:00", "2024-05-17 13:45:00"},
        {"HH", "2024-05-17 13:00:00", "2024-05-17 14:00:00"},
        {"HH12", "2024-05-17 13:00:00", "2024-05-17 14:00:00"},
        {"DDD", "2024-05-17 00:00:00", "2024-05-18 00:00:00"},
        {"J", "2024-05-17 00:00:00", "2024-05-18 00:00:00"},
        {"DAY", "2024-05-12 00:00:00", "2024-05-19 00:00:00"},
        {"DY", "2024-05-12 00:00:00", "2024-05-19 00:00:00"},
        {"D", "2024-05-12 00:00:00", "2024-05-19 00:00:00"},
        {"IW", "2024-05-13 00:00:00", "2024-05-20 00:00:00"},
        {"WW", "2024-05-13 00:00:00", "2024-05-20 00:00:00"},
        {"W", "2024-05-15 00:00:00", "2024-05-15 00:00:00"},
        {"MONTH", "2024-05-01 00:00:00", "2024-06-01 00:00:00"},
        {"MON", "2024-05-01 00:00:00", "2024-06-01 00:00:00"},
        {"Q", "2024-04-01 00:00:00", "2024-07-01 00:00:00"},
        {"YEAR", "2024-01-01 00:00:00", "2024-01-01 00:00:00"},
        {"IYYY", "2024-01-01 00:00:00", "2024-01-01 00:00:00"},
        {"CC", "2001-01-01 00:00:00", "2001-01-01 00:00:00"},
        {"SCC", "2001-01-01 00:00:00", "2001-01-01 00:00:00"},
    };
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        char call[128];
        snprintf(call, sizeof call, "TRUNC(%s, '%s')", d, units[i].unit);
        expect(call, units[i].trunc);
        snprintf(call, sizeof call, "ROUND(%s, '%s')", d, units[i].unit);
        expect(call, units[i].round);
    }
    expect("ROUND('2024-05-17 13:45:30', 'MI')", "2024-05-17 13:46:00");
    expect("ROUND('2024-05-15 23:59:59', 'MM')", "2024-05-01 00:00:00");
    expect("ROUND('2024-12-20', 'MM')", "2025-01-01 00:00:00");
    expect("ROUND('2024-05-15', 'Q')", "2024-04-01 00:00:00");
    expect("ROUND('2024-07-01', 'YYYY')", "2025-01-01 00:00:00");
    expect("ROUND('2051-03-01', 'CC')", "2101-01-01 00:00:00");
    expect("TRUNC('2021-01-02', 'IYYY')", "2019-12-30 00:00:00"); /* ISO year 2020's Monday */
    expect("TRUNC('2024-05-17 13:45:12.123456', 'MI')", "2024-05-17 13:45:00");
    expect_subtype("TRUNC('2024-05-17 13:45:12.123456', 'MI')", ORA_SUBTYPE_DATE);
    expect("ROUND('9999-12-31', 'YYYY')",
           "ORA-01841: (full) year must be between -4713 and +9999, and not be 0");
    expect("TRUNC('2024-05-17', 'SS')", "ORA-01821: date format not recognized");
    expect("TRUNC('2024-05-17', NULL)", "NULL");
}

static void test_cast_extract(void **state)
{
    expect("ORA_CAST('12.345', 'NUMBER(5,2)')", "12.35");
    expect("ORA_CAST(3.7, 'INTEGER')", "4");
    expect("ORA_CAST('7', 'NUMBER')", "7");
    expect("ORA_CAST(12, 'VARCHAR2(5)')", "12");
    expect("ORA_CAST(0.5, 'VARCHAR2(5)')", ".5");
    expect("ORA_CAST('abcdef', 'VARCHAR2(3)')", "ORA-25137: Data value out of range");
    expect("ORA_CAST('ab', 'CHAR(4)')", "ab  ");
    expect("ORA_CAST('2024-01-02', 'DATE')", "2024-01-02 00:00:00");
    expect_subtype("ORA_CAST('2024-01-02', 'DATE')", ORA_SUBTYPE_DATE);
    expect("ORA_CAST('2024-01-02 03:04:05', 'TIMESTAMP')", "2024-01-02 03:04:05.000000");
    expect("ORA_CAST('x', 'NUMBER')", "ORA-01722: invalid number");
    expect("ORA_CAST(1, 'FROB')", "ORA-00902: invalid datatype");
    expect("ORA_CAST(NULL, 'NUMBER')", "NULL");
    expect("ORA_EXTRACT('YEAR', '2024-03-05 10:11:12')", "2024");
    expect("ORA_EXTRACT('MONTH', '2024-03-05 10:11:12')", "3");
    expect("ORA_EXTRACT('DAY', '2024-03-05 10:11:12')", "5");
    expect("ORA_EXTRACT('HOUR', '2024-03-05 10:11:12')", "10");
    expect("ORA_EXTRACT('MINUTE', '2024-03-05 10:11:12')", "11");
    expect("ORA_EXTRACT('SECOND', '2024-03-05 10:11:12.5')", "12.5");
    expect("ORA_EXTRACT('WEEK', '2024-03-05 10:11:12')",
           "ORA-30076: invalid extract field for extract source");
}

static void test_like_is_case_sensitive(void **state)
{
    expect("'abc' LIKE 'A%'", "0");
    expect("'abc' LIKE 'a%'", "1");
}

static void test_extreme_arguments(void **state)
{
    expect("CONCAT('x', 1e999)", "xInf");
    expect("SUBSTR('hello', 1e300, 1e300)", "NULL");
    expect("SUBSTR('hello', -1e300)", "NULL");
    expect("INSTR('hello', 'l', -1e300, 1e300)", "0");
    expect("LPAD('a', 1e300, 'b') IS NOT NULL", "1");
    expect("ROUND(1.5, 1e300)", "1.5");
    expect("TRUNC(1.5, -1e300)", "0");
    expect("ADD_MONTHS('2024-01-01 00:00:00', 1e300)",
           "ORA-01841: (full) year must be between -4713 and +9999, and not be 0");
    expect("ORA_ADD('2024-01-01 00:00:00', 1e300)",
           "ORA-01841: (full) year must be between -4713 and +9999, and not be 0");
    expect("CHR(1e300)", "ORA-01722: invalid number");
    expect("ORA_CAST(1.5, 'NUMBER(99999999999999999999,99999999999999)')", "1.5");
    expect("TO_CHAR(1.5, "
           "'9.99999999999999999999999999999999999999999999999999999999999999999999999999')",
           "ORA-01481: invalid number format model");
    expect("TO_CHAR(1e300, '9')", "##");
}

static void test_results_are_never_empty_strings(void **state)
{
    const char *exprs[] = {"SUBSTR('abc', 4)", "REPLACE('ab', 'ab')", "LTRIM('xx', 'x')",
                           "RTRIM(' ')",       "ORA_TRIM('B', ' ')",  "CONCAT(NULL, NULL)",
                           "LPAD('a', 0)",     "TO_CHAR(NULL)",       "INITCAP(NULL)"};
    for (size_t i = 0; i < sizeof exprs / sizeof exprs[0]; i++)
        expect(exprs[i], "NULL");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_session_functions),
        cmocka_unit_test(test_null_functions),
        cmocka_unit_test(test_decode),
        cmocka_unit_test(test_greatest_least),
        cmocka_unit_test(test_concat),
        cmocka_unit_test(test_substr),
        cmocka_unit_test(test_instr),
        cmocka_unit_test(test_padding_and_case),
        cmocka_unit_test(test_replace_trim),
        cmocka_unit_test(test_chr_ascii),
        cmocka_unit_test(test_hextoraw_rawtohex),
        cmocka_unit_test(test_unistr),
        cmocka_unit_test(test_regexp_like),
        cmocka_unit_test(test_regexp_substr_instr_count),
        cmocka_unit_test(test_regexp_replace),
        cmocka_unit_test(test_bitand),
        cmocka_unit_test(test_supplied_packages),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_arithmetic),
        cmocka_unit_test(test_date_arithmetic),
        cmocka_unit_test(test_to_char_numbers),
        cmocka_unit_test(test_to_char_dates),
        cmocka_unit_test(test_to_date),
        cmocka_unit_test(test_time_zones),
        cmocka_unit_test(test_intervals),
        cmocka_unit_test(test_to_timestamp),
        cmocka_unit_test(test_to_number),
        cmocka_unit_test(test_month_functions),
        cmocka_unit_test(test_trunc_round_dates),
        cmocka_unit_test(test_cast_extract),
        cmocka_unit_test(test_like_is_case_sensitive),
        cmocka_unit_test(test_extreme_arguments),
        cmocka_unit_test(test_results_are_never_empty_strings),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
