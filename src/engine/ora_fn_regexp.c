/*
 * ora_fn_regexp.c - Oracle's regular expression functions: REGEXP_LIKE,
 * REGEXP_SUBSTR, REGEXP_INSTR, REGEXP_REPLACE and REGEXP_COUNT.
 *
 * Oracle's regular expressions are POSIX extended ones with a few Perl
 * additions.  They run on glibc's <regex.h> (REG_EXTENDED, in a UTF-8 locale
 * so a character is a character): a pattern is first rewritten into POSIX -
 * \d \D \w \W \s \S become bracket expressions, \A and \z the GNU anchors, the
 * '.' of Oracle's default mode leaves out the newline, 'x' drops the blanks -
 * and what POSIX cannot do (non-greedy quantifiers, \Z) fails with ORA-03001
 * rather than answering differently.  The match parameter's letters: 'i'
 * ignore case, 'c' respect it (the last one wins), 'n' '.' matches a newline,
 * 'm' ^ and $ at every line, 'x' ignore blanks.
 *
 * A compiled pattern is kept with the pattern argument (sqlite3_set_auxdata),
 * so a scan compiles a constant pattern once.  Positions are in characters,
 * as Oracle counts them; an empty result is NULL.
 */
#include <locale.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "../common/ora_error.h"
#include "ora_functions_int.h"

#define PATTERN_MAX 512 /* Oracle's longest pattern, in bytes (ORA-12733) */
#define GROUPS_MAX 10   /* the match and \1 .. \9 */

/* A compiled pattern and what it was compiled from. */
typedef struct compiled {
    regex_t re;
    char *pattern;
    char *match_param;
} compiled;

/* The UTF-8 locale the expressions run in (NULL when the system has none: the current one). */
static locale_t utf8_locale(void)
{
    static locale_t loc;
    static int tried;
    if (!tried) {
        tried = 1;
        loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    }
    return loc;
}

/* The Oracle error of glibc's regcomp error RC. */
static int regcomp_error(int rc)
{
    switch (rc) {
    case REG_EPAREN: return 12725;
    case REG_EBRACK: return 12726;
    case REG_ESUBREG: return 12727;
    case REG_ERANGE: return 12728;
    case REG_ECTYPE: return 12729;
    case REG_ECOLLATE: return 12731;
    case REG_EBRACE:
    case REG_BADBR: return 12732;
    case REG_ESPACE: return 12733;
    default: return 12722;
    }
}

/* ---- the match parameter ---- */

typedef struct match_options {
    int icase, dot_newline, multiline, extended;
} match_options;

/* MP (NULL: none) into *O: 0, or -1 after failing C with ORA-01760 for a letter Oracle does not
 * take. */
static int read_match_param(sqlite3_context *c, const char *mp, match_options *o)
{
    *o = (match_options){0};
    for (; mp && *mp; mp++) {
        switch (*mp) {
        case 'i': o->icase = 1; break;
        case 'c': o->icase = 0; break;
        case 'n': o->dot_newline = 1; break;
        case 'm': o->multiline = 1; break;
        case 'x': o->extended = 1; break;
        default: fail(c, 1760); return -1;
        }
    }
    return 0;
}

/* ---- the pattern rewritten into POSIX ---- */

/* The bracket expression of Perl class letter L (\d \w \s and their negations), or NULL. */
static const char *perl_class(char l)
{
    switch (l) {
    case 'd': return "[0-9]";
    case 'D': return "[^0-9]";
    case 'w': return "[[:alnum:]_]";
    case 'W': return "[^[:alnum:]_]";
    case 's': return "[[:space:]]";
    case 'S': return "[^[:space:]]";
    default: return NULL;
    }
}

/* The length of the bracket expression at P (its '[' first), to its closing ']'; 0 when it has
 * none (regcomp then reports the unmatched bracket). */
static size_t bracket_length(const char *p)
{
    size_t i = 1;
    if (p[i] == '^') i++;
    if (p[i] == ']') i++; /* a ']' first is a member */
    while (p[i] && p[i] != ']') {
        if (p[i] == '[' && (p[i + 1] == ':' || p[i + 1] == '.' || p[i + 1] == '=')) {
            const char *end = strchr(p + i + 2, p[i + 1]);
            while (end && end[1] != ']')
                end = strchr(end + 1, p[i + 1]);
            if (!end) return 0;
            i = (size_t)(end - p) + 2;
        } else {
            i++;
        }
    }
    return p[i] == ']' ? i + 1 : 0;
}

/* Is P (just after a quantifier) a '?' that makes it non-greedy? */
static int non_greedy(const char *p)
{
    return *p == '?';
}

/* PATTERN as glibc's ERE into OUT under options O: 0, or an Oracle error code. */
static int rewrite_pattern(const char *pattern, const match_options *o, buf *out)
{
    for (const char *p = pattern; *p;) {
        if (*p == '[') {
            size_t n = bracket_length(p);
            if (n == 0) return 12726;
            buf_put(out, p, n);
            p += n;
        } else if (*p == '\\' && p[1]) {
            const char *cls = perl_class(p[1]);
            if (cls) buf_puts(out, cls);
            else if (p[1] == 'A') buf_puts(out, "\\`");
            else if (p[1] == 'z') buf_puts(out, "\\'");
            else if (p[1] == 'Z') return ORA_UNIMPLEMENTED;
            else buf_put(out, p, 2);
            p += 2;
        } else if (*p == '.' && o->multiline && o->dot_newline) {
            return ORA_UNIMPLEMENTED; /* REG_NEWLINE keeps '.' off '\n' */
        } else if (*p == '.' && !o->dot_newline) {
            buf_puts(out, o->multiline ? "." : "[^\n]"); /* (REG_NEWLINE keeps '.' off '\n') */
            p++;
        } else if (o->extended && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) {
            p++;
        } else if (*p == '*' || *p == '+' || *p == '?' || *p == '}') {
            buf_putc(out, (uint8_t)*p++);
            if (non_greedy(p)) return ORA_UNIMPLEMENTED;
        } else {
            buf_putc(out, (uint8_t)*p++);
        }
    }
    return 0;
}

/* PATTERN compiled under MP into *RE: 0, or an Oracle error code. */
static int compile(const char *pattern, const match_options *o, regex_t *re)
{
    if (strlen(pattern) > PATTERN_MAX) return 12733;
    buf posix;
    buf_init(&posix);
    int code = rewrite_pattern(pattern, o, &posix);
    if (code == 0) {
        int flags = REG_EXTENDED | (o->icase ? REG_ICASE : 0) | (o->multiline ? REG_NEWLINE : 0);
        locale_t loc = utf8_locale(), before = loc ? uselocale(loc) : (locale_t)0;
        int rc = regcomp(re, buf_cstr(&posix), flags);
        if (loc) uselocale(before);
        if (rc != 0) code = regcomp_error(rc);
    }
    buf_free(&posix);
    return code;
}

static void free_compiled(void *p)
{
    compiled *k = p;
    regfree(&k->re);
    free(k->pattern);
    free(k->match_param);
    free(k);
}

static int same_text(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

/* ---- matching ---- */

/* One call's source and pattern. */
typedef struct search {
    const regex_t *re;
    compiled *fresh; /* compiled by this call: kept with the pattern argument when it ends */
    buf src;
    const char *s;
    int len;         /* of S, in bytes */
    regmatch_t m[GROUPS_MAX];
    int from;        /* where the next match is looked for (bytes) */
    int after_match; /* the last match ended at FROM and was not empty */
} search;

static void search_init(search *s)
{
    memset(s, 0, sizeof *s);
    buf_init(&s->src);
}

/* The end of a call: the pattern it compiled kept with the pattern argument (argument 1) for
 * the statement's next rows (SQLite may free it at once: it is not used after this). */
static void end_search(sqlite3_context *c, search *s)
{
    buf_free(&s->src);
    if (s->fresh) sqlite3_set_auxdata(c, 1, s->fresh, free_compiled);
    s->fresh = NULL;
}

/* The compiled PATTERN of argument 1 under match parameter MP (NULL: none) into S->RE: the one
 * kept with the argument when it was compiled from the same, else compiled now (S->FRESH).
 * 0, or -1 after failing C. */
static int pattern_of(sqlite3_context *c, const char *pattern, const char *mp, search *s)
{
    compiled *k = sqlite3_get_auxdata(c, 1);
    if (k && !strcmp(k->pattern, pattern) && same_text(k->match_param, mp)) {
        s->re = &k->re;
        return 0;
    }
    match_options o;
    if (read_match_param(c, mp, &o) < 0) return -1;
    k = xcalloc(1, sizeof *k);
    int code = compile(pattern, &o, &k->re);
    if (code) {
        free(k);
        fail(c, code);
        return -1;
    }
    k->pattern = xstrdup(pattern);
    k->match_param = mp ? xstrdup(mp) : NULL;
    s->fresh = k;
    s->re = &k->re;
    return 0;
}

/* The next match at or after S->FROM into S->M: 1, or 0 when there is none.  An empty match
 * right after a match is passed over, and the search goes on one character after an empty one. */
static int next_match(search *s)
{
    locale_t loc = utf8_locale(), before = loc ? uselocale(loc) : (locale_t)0;
    int found = 0;
    while (s->from <= s->len) {
        regmatch_t m[GROUPS_MAX] = {{.rm_so = s->from, .rm_eo = s->len}};
        if (regexec(s->re, s->s, GROUPS_MAX, m, REG_STARTEND) != 0) break;
        memcpy(s->m, m, sizeof m);
        int empty = s->m[0].rm_so == s->m[0].rm_eo;
        if (empty && s->after_match && s->m[0].rm_so == s->from) {
            if (s->from == s->len) break;
            s->from += utf8_offset(s->s + s->from, s->len - s->from, 1);
            s->after_match = 0;
            continue;
        }
        s->from = (int)s->m[0].rm_eo;
        if (empty)
            s->from += s->from < s->len ? utf8_offset(s->s + s->from, s->len - s->from, 1) : 1;
        s->after_match = !empty;
        found = 1;
        break;
    }
    if (loc) uselocale(before);
    return found;
}

/* The OCCURRENCE-th match (from 1) at or after S->FROM: 1, or 0 when there are fewer. */
static int nth_match(search *s, long long occurrence)
{
    for (long long i = 0; i < occurrence; i++)
        if (!next_match(s)) return 0;
    return 1;
}

/* ---- arguments ---- */

/* Argument I as a whole number (truncated) into *OUT, at least MIN: 0; -1 after failing C
 * (ORA-01722, ORA-01428 below MIN) or setting a NULL result for NULL. */
static int int_arg(sqlite3_context *c, sqlite3_value *v, long long min, long long *out)
{
    num n;
    if (sqlite3_value_type(v) == SQLITE_NULL) {
        sqlite3_result_null(c);
        return -1;
    }
    if (get_num(v, &n) < 0) {
        fail(c, ORA_INVALID_NUMBER);
        return -1;
    }
    *out = num_to_ll(&n);
    if (*out < min) {
        buf t;
        buf_init(&t);
        number_text(&n, &t);
        fail(c, 1428, buf_cstr(&t));
        buf_free(&t);
        return -1;
    }
    return 0;
}

/* The source of argument 0 and the compiled pattern of argument 1 (match parameter: argument
 * MP, or none when MP is past ARGC) into *S, the search starting at character position argument
 * POS (none when past ARGC): 1; 0 after setting the result (NULL for a NULL) or an error. */
static int begin_search(sqlite3_context *c, int argc, sqlite3_value **v, int pos, int mp,
                        search *s)
{
    long long position = 1;
    if (sqlite3_value_type(v[0]) == SQLITE_NULL || sqlite3_value_type(v[1]) == SQLITE_NULL) {
        sqlite3_result_null(c);
        return 0;
    }
    if (pos < argc && int_arg(c, v[pos], 1, &position) < 0) return 0;
    const char *param = mp < argc ? text_of(v[mp]) : NULL;
    if (pattern_of(c, text_of(v[1]), param, s) < 0) return 0;
    value_text(v[0], &s->src);
    s->s = buf_cstr(&s->src);
    s->len = (int)s->src.len;
    s->from = position > s->len ? s->len + 1 : utf8_offset(s->s, s->len, (int)(position - 1));
    return 1;
}

/* ---- the SQL functions ---- */

/* REGEXP_LIKE(source, pattern [, match_param]): 1 or 0 (a condition), NULL for NULLs. */
void fn_regexp_like(sqlite3_context *c, int argc, sqlite3_value **v)
{
    search s;
    search_init(&s);
    if (begin_search(c, argc, v, argc, 2, &s)) sqlite3_result_int(c, next_match(&s));
    end_search(c, &s);
}

/* REGEXP_SUBSTR(source, pattern [, position [, occurrence [, match_param [, subexpr]]]]) */
void fn_regexp_substr(sqlite3_context *c, int argc, sqlite3_value **v)
{
    long long occurrence = 1, group = 0;
    search s;
    search_init(&s);
    if (argc > 3 && int_arg(c, v[3], 1, &occurrence) < 0) goto done;
    if (argc > 5 && int_arg(c, v[5], 0, &group) < 0) goto done;
    if (group > 9) {
        fail(c, 1428, text_of(v[5]));
        goto done;
    }
    if (!begin_search(c, argc, v, 2, 4, &s)) goto done;
    if (!nth_match(&s, occurrence) || group > (long long)s.re->re_nsub || s.m[group].rm_so < 0)
        sqlite3_result_null(c);
    else
        result_text(c, s.s + s.m[group].rm_so, (size_t)(s.m[group].rm_eo - s.m[group].rm_so));
done:
    end_search(c, &s);
}

/* REGEXP_INSTR(source, pattern [, position [, occurrence [, return_option [, match_param
 * [, subexpr]]]]]): the character position of the match (return_option 0) or after it (1). */
void fn_regexp_instr(sqlite3_context *c, int argc, sqlite3_value **v)
{
    long long occurrence = 1, after = 0, group = 0;
    search s;
    search_init(&s);
    if (argc > 3 && int_arg(c, v[3], 1, &occurrence) < 0) goto done;
    if (argc > 4 && int_arg(c, v[4], 0, &after) < 0) goto done;
    if (argc > 6 && int_arg(c, v[6], 0, &group) < 0) goto done;
    if (group > 9) {
        fail(c, 1428, text_of(v[6]));
        goto done;
    }
    if (!begin_search(c, argc, v, 2, 5, &s)) goto done;
    if (!nth_match(&s, occurrence) || group > (long long)s.re->re_nsub || s.m[group].rm_so < 0) {
        sqlite3_result_int(c, 0);
    } else {
        int at = (int)(after ? s.m[group].rm_eo : s.m[group].rm_so);
        sqlite3_result_int(c, utf8_len(s.s, at) + 1);
    }
done:
    end_search(c, &s);
}

/* REGEXP_COUNT(source, pattern [, position [, match_param]]) */
void fn_regexp_count(sqlite3_context *c, int argc, sqlite3_value **v)
{
    search s;
    search_init(&s);
    if (begin_search(c, argc, v, 2, 3, &s)) {
        long long n = 0;
        while (next_match(&s))
            n++;
        sqlite3_result_int64(c, n);
    }
    end_search(c, &s);
}

/* REPLACEMENT for match S->M into OUT: \1 .. \9 the groups (empty when the pattern has fewer),
 * \\ a backslash. */
static void put_replacement(const search *s, const char *replacement, buf *out)
{
    for (const char *p = replacement; p && *p; p++) {
        if (*p == '\\' && p[1] >= '1' && p[1] <= '9') {
            size_t g = (size_t)(p[1] - '0');
            if (g <= s->re->re_nsub && s->m[g].rm_so >= 0)
                buf_put(out, s->s + s->m[g].rm_so, (size_t)(s->m[g].rm_eo - s->m[g].rm_so));
            p++;
        } else if (*p == '\\' && p[1] == '\\') {
            buf_putc(out, '\\');
            p++;
        } else {
            buf_putc(out, (uint8_t)*p);
        }
    }
}

/* REGEXP_REPLACE(source, pattern [, replace [, position [, occurrence [, match_param]]]]):
 * occurrence 0 (the default) replaces every match; a NULL pattern leaves the source as it is. */
void fn_regexp_replace(sqlite3_context *c, int argc, sqlite3_value **v)
{
    long long occurrence = 0;
    search s;
    buf out;
    search_init(&s);
    buf_init(&out);
    if (sqlite3_value_type(v[0]) != SQLITE_NULL && sqlite3_value_type(v[1]) == SQLITE_NULL) {
        value_text(v[0], &out);
        result_text(c, out.data ? (const char *)out.data : "", out.len);
        goto done;
    }
    if (argc > 4 && int_arg(c, v[4], 0, &occurrence) < 0) goto done;
    if (!begin_search(c, argc, v, 3, 5, &s)) goto done;
    const char *replacement = argc > 2 ? text_of(v[2]) : NULL;
    int copied = 0; /* bytes of the source written out */
    for (long long n = 1; next_match(&s); n++) {
        if (occurrence && n < occurrence) continue;
        buf_put(&out, s.s + copied, (size_t)(s.m[0].rm_so - copied));
        put_replacement(&s, replacement, &out);
        copied = (int)s.m[0].rm_eo;
        if (occurrence) break;
    }
    buf_put(&out, s.s + copied, (size_t)(s.len - copied));
    result_text(c, out.data ? (const char *)out.data : "", out.len);
done:
    buf_free(&out);
    end_search(c, &s);
}
