/*
 * ora_fn_strings.c - Oracle's string functions: CONCAT (and ||), SUBSTR,
 * INSTR, LPAD, RPAD, INITCAP, REPLACE, LTRIM, RTRIM, TRIM (as ORA_TRIM), CHR,
 * ASCII and LENGTHB.  They count characters (UTF-8), not bytes - but
 * LENGTHB, whose point is bytes (LENGTH is SQLite's own, which counts
 * characters) - and a number argument is read in its canonical text, as
 * Oracle converts it.
 */
#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "../common/ora_error.h"
#include "ora_functions_int.h"

/* CONCAT(a, b, ...) and ||: NULL is '', and an empty result is NULL. */
void fn_concat(sqlite3_context *c, int argc, sqlite3_value **v)
{
    buf b;
    buf_init(&b);
    for (int i = 0; i < argc; i++)
        if (sqlite3_value_type(v[i]) != SQLITE_NULL) value_text(v[i], &b);
    result_buf(c, &b);
}

/* LENGTHB(s): the bytes of S in the database character set (UTF-8); NULL stays NULL. */
void fn_lengthb(sqlite3_context *c, int argc, sqlite3_value **v)
{
    if (any_null(argc, v)) return sqlite3_result_null(c);
    if (sqlite3_value_type(v[0]) == SQLITE_BLOB) /* RAW: its bytes */
        return sqlite3_result_int(c, sqlite3_value_bytes(v[0]));
    buf b;
    buf_init(&b);
    value_text(v[0], &b);
    sqlite3_result_int64(c, (sqlite3_int64)b.len);
    buf_free(&b);
}

/* SUBSTR(s, pos [, len]): pos 0 is 1, negative counts from the end. */
void fn_substr(sqlite3_context *c, int argc, sqlite3_value **v)
{
    if (any_null(argc, v)) return sqlite3_result_null(c);
    num pos, len = {.is_int = 1, .i = INT32_MAX};
    if (get_num(v[1], &pos) < 0 || (argc > 2 && get_num(v[2], &len) < 0))
        return fail(c, ORA_INVALID_NUMBER);
    buf text;
    buf_init(&text);
    value_text(v[0], &text);
    const char *s = (const char *)text.data;
    int bytes = (int)text.len, nchars = utf8_len(s, bytes);
    long long p = num_to_ll(&pos), l = num_to_ll(&len);
    if (p == 0) p = 1;
    if (p < 0) p = nchars + p + 1;
    if (p < 1 || p > nchars || l < 1) {
        buf_free(&text);
        return sqlite3_result_null(c);
    }
    int from = utf8_offset(s, bytes, (int)(p - 1));
    int to = l >= nchars ? bytes : from + utf8_offset(s + from, bytes - from, (int)l);
    result_text(c, s + from, (size_t)(to - from));
    buf_free(&text);
}

/* INSTR(s, sub [, pos [, occurrence]]): character position, 0 when not found. */
void fn_instr(sqlite3_context *c, int argc, sqlite3_value **v)
{
    if (any_null(argc, v)) return sqlite3_result_null(c);
    num pos = {.is_int = 1, .i = 1}, occ = {.is_int = 1, .i = 1};
    if ((argc > 2 && get_num(v[2], &pos) < 0) || (argc > 3 && get_num(v[3], &occ) < 0))
        return fail(c, ORA_INVALID_NUMBER);
    long long p = num_to_ll(&pos), want = num_to_ll(&occ);
    if (p == 0 || want < 1) return want < 1 ? fail(c, 1428, "") : sqlite3_result_int(c, 0);
    buf hay, needle;
    buf_init(&hay), buf_init(&needle);
    value_text(v[0], &hay), value_text(v[1], &needle);
    const char *s = buf_cstr(&hay), *sub = buf_cstr(&needle);
    int bytes = (int)hay.len, nsub = (int)needle.len, nchars = utf8_len(s, bytes), found = 0,
        result = 0;
    int step = p > 0 ? 1 : -1;
    for (long long ch = p > 0 ? p : nchars + p + 1; ch >= 1 && ch <= nchars; ch += step) {
        int at = utf8_offset(s, bytes, (int)(ch - 1));
        if (at + nsub <= bytes && memcmp(s + at, sub, (size_t)nsub) == 0 && ++found == want) {
            result = (int)ch;
            break;
        }
    }
    buf_free(&hay), buf_free(&needle);
    sqlite3_result_int(c, result);
}

/* LPAD / RPAD(s, n [, pad]): to N characters, cut when longer. */
static void pad(sqlite3_context *c, int argc, sqlite3_value **v, int left)
{
    if (any_null(argc, v)) return sqlite3_result_null(c);
    num n;
    if (get_num(v[1], &n) < 0) return fail(c, ORA_INVALID_NUMBER);
    long long width = num_to_ll(&n);
    if (width < 1) return sqlite3_result_null(c);
    if (width > 32767) width = 32767;
    buf text, filler, out;
    buf_init(&text), buf_init(&filler), buf_init(&out);
    value_text(v[0], &text);
    if (argc > 2)
        value_text(v[2], &filler);
    else
        buf_putc(&filler, ' ');
    const char *s = (const char *)buf_cstr(&text), *f = buf_cstr(&filler);
    int slen = utf8_len(s, (int)text.len), flen = utf8_len(f, (int)filler.len);
    int need = (int)width - slen;
    if (need <= 0) {
        buf_put(&out, s, (size_t)utf8_offset(s, (int)text.len, (int)width));
    } else {
        if (!left) buf_put(&out, s, text.len);
        for (int i = 0; i < need && flen > 0; i++) {
            int from = utf8_offset(f, (int)filler.len, i % flen);
            int to = utf8_offset(f, (int)filler.len, i % flen + 1);
            buf_put(&out, f + from, (size_t)(to - from));
        }
        if (left) buf_put(&out, s, text.len);
    }
    buf_free(&text), buf_free(&filler);
    result_buf(c, &out);
}

void fn_lpad(sqlite3_context *c, int argc, sqlite3_value **v)
{
    pad(c, argc, v, 1);
}
void fn_rpad(sqlite3_context *c, int argc, sqlite3_value **v)
{
    pad(c, argc, v, 0);
}

void fn_initcap(sqlite3_context *c, int argc, sqlite3_value **v)
{
    if (any_null(argc, v)) return sqlite3_result_null(c);
    buf b;
    buf_init(&b);
    value_text(v[0], &b);
    int in_word = 0;
    for (size_t i = 0; i < b.len; i++) {
        int ch = b.data[i];
        b.data[i] = (uint8_t)(in_word ? tolower(ch) : toupper(ch));
        in_word = isalnum(ch) || ch >= 0x80;
    }
    result_buf(c, &b);
}

/* REPLACE(s, from [, to]): Oracle removes FROM when TO is NULL or missing. */
void fn_replace(sqlite3_context *c, int argc, sqlite3_value **v)
{
    if (sqlite3_value_type(v[0]) == SQLITE_NULL) return sqlite3_result_null(c);
    buf s, from, to, out;
    buf_init(&s), buf_init(&from), buf_init(&to), buf_init(&out);
    value_text(v[0], &s);
    if (sqlite3_value_type(v[1]) != SQLITE_NULL) value_text(v[1], &from);
    if (argc > 2 && sqlite3_value_type(v[2]) != SQLITE_NULL) value_text(v[2], &to);
    for (size_t i = 0; i < s.len;) {
        if (from.len && i + from.len <= s.len && memcmp(s.data + i, from.data, from.len) == 0) {
            buf_put(&out, to.data, to.len);
            i += from.len;
        } else {
            buf_putc(&out, s.data[i++]);
        }
    }
    buf_free(&s), buf_free(&from), buf_free(&to);
    result_buf(c, &out);
}

/* Is the character at S (LEN bytes) one of SET's characters? */
static int in_char_set(const char *set, int setlen, const char *s, int len)
{
    for (int i = 0; i < setlen;) {
        int n = utf8_offset(set + i, setlen - i, 1);
        if (n == len && memcmp(set + i, s, (size_t)len) == 0) return 1;
        i += n;
    }
    return 0;
}

/* Trim SET's characters from the start (LEFT) and/or end (RIGHT) of TEXT. */
static void trim_set(sqlite3_context *c, buf *text, const char *set, int setlen, int left,
                     int right)
{
    const char *s = (const char *)text->data;
    int from = 0, to = (int)text->len;
    while (left && from < to) {
        int n = utf8_offset(s + from, to - from, 1);
        if (!in_char_set(set, setlen, s + from, n)) break;
        from += n;
    }
    while (right && to > from) {
        int start = to - 1;
        while (start > from && ((unsigned char)s[start] & 0xC0) == 0x80)
            start--;
        if (!in_char_set(set, setlen, s + start, to - start)) break;
        to = start;
    }
    result_text(c, s + from, (size_t)(to - from));
}

static void trim_call(sqlite3_context *c, sqlite3_value *str, sqlite3_value *set, int left,
                      int right)
{
    if (sqlite3_value_type(str) == SQLITE_NULL || (set && sqlite3_value_type(set) == SQLITE_NULL))
        return sqlite3_result_null(c);
    buf text, chars;
    buf_init(&text), buf_init(&chars);
    value_text(str, &text);
    if (set)
        value_text(set, &chars);
    else
        buf_putc(&chars, ' ');
    trim_set(c, &text, (const char *)chars.data, (int)chars.len, left, right);
    buf_free(&text), buf_free(&chars);
}

void fn_ltrim(sqlite3_context *c, int argc, sqlite3_value **v)
{
    trim_call(c, v[0], argc > 1 ? v[1] : NULL, 1, 0);
}
void fn_rtrim(sqlite3_context *c, int argc, sqlite3_value **v)
{
    trim_call(c, v[0], argc > 1 ? v[1] : NULL, 0, 1);
}

/* ORA_TRIM('L'|'T'|'B', [set,] s): Oracle's TRIM([LEADING|TRAILING|BOTH] [c FROM] s). */
void fn_ora_trim(sqlite3_context *c, int argc, sqlite3_value **v)
{
    const char *mode = text_of(v[0]);
    sqlite3_value *set = argc > 2 ? v[1] : NULL, *str = v[argc - 1];
    if (set && sqlite3_value_type(set) != SQLITE_NULL &&
        utf8_len(text_of(set), sqlite3_value_bytes(set)) != 1)
        return fail(c, 30001);
    trim_call(c, str, set, mode[0] != 'T', mode[0] != 'L');
}

/* CHR(n): the character with code point N; ASCII(s): the code point of the first character. */
void fn_chr(sqlite3_context *c, int argc, sqlite3_value **v)
{
    num n;
    if (get_nums(c, 1, v, &n) < 0) return;
    long long cp = num_to_ll(&n);
    char out[4];
    int len;
    if (cp < 0 || cp > 0x10FFFF) return fail(c, ORA_INVALID_NUMBER);
    if (cp < 0x80)
        out[0] = (char)cp, len = 1;
    else if (cp < 0x800)
        out[0] = (char)(0xC0 | cp >> 6), out[1] = (char)(0x80 | (cp & 0x3F)), len = 2;
    else if (cp < 0x10000)
        out[0] = (char)(0xE0 | cp >> 12), out[1] = (char)(0x80 | (cp >> 6 & 0x3F)),
        out[2] = (char)(0x80 | (cp & 0x3F)), len = 3;
    else
        out[0] = (char)(0xF0 | cp >> 18), out[1] = (char)(0x80 | (cp >> 12 & 0x3F)),
        out[2] = (char)(0x80 | (cp >> 6 & 0x3F)), out[3] = (char)(0x80 | (cp & 0x3F)), len = 4;
    result_text(c, out, (size_t)len);
}

void fn_ascii(sqlite3_context *c, int argc, sqlite3_value **v)
{
    if (any_null(argc, v)) return sqlite3_result_null(c);
    const unsigned char *s = sqlite3_value_text(v[0]);
    long cp = s[0];
    int extra = cp >= 0xF0 ? 3 : cp >= 0xE0 ? 2 : cp >= 0xC0 ? 1 : 0;
    if (extra) cp &= 0x3F >> extra;
    for (int i = 1; i <= extra && s[i]; i++)
        cp = cp << 6 | (s[i] & 0x3F);
    sqlite3_result_int64(c, cp);
}

/* \XXXX at P (four hex digits, a UTF-16 code unit) into *UNIT: 1, or 0 when it is none. */
static int utf16_escape(const char *p, uint32_t *unit)
{
    if (p[0] != '\\') return 0;
    *unit = 0;
    for (int i = 1; i <= 4; i++) {
        if (!isxdigit((unsigned char)p[i])) return 0;
        *unit = *unit << 4 | (uint32_t)(isdigit((unsigned char)p[i]) ? p[i] - '0' : (p[i] | 0x20) - 'a' + 10);
    }
    return 1;
}

/* UNISTR(s): \XXXX is the UTF-16 code unit XXXX (a surrogate pair one character), \\ a
 * backslash; any other backslash is ORA-30186. */
void fn_unistr(sqlite3_context *c, int argc, sqlite3_value **v)
{
    const char *s = (const char *)sqlite3_value_text(v[0]);
    if (!s) return;
    buf b;
    buf_init(&b);
    for (const char *p = s; *p;) {
        uint32_t unit, low;
        if (p[0] == '\\' && p[1] == '\\') {
            buf_putc(&b, '\\');
            p += 2;
        } else if (utf16_escape(p, &unit)) {
            p += 5;
            if (unit >= 0xD800 && unit < 0xDC00 && utf16_escape(p, &low) && low >= 0xDC00 &&
                low < 0xE000) {
                unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                p += 5;
            }
            buf_put_utf8(&b, unit);
        } else if (*p == '\\') {
            buf_free(&b);
            fail(c, 30186);
            return;
        } else {
            buf_putc(&b, (uint8_t)*p++);
        }
    }
    result_text(c, (const char *)b.data, b.len);
    buf_free(&b);
}
