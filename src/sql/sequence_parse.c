/*
 * sequence_parse.c - CREATE SEQUENCE, ALTER SEQUENCE and DROP SEQUENCE, for
 * the server to run against the dictionary (src/engine/sequences.h).
 *
 * Only the shape is checked here: each option at most once, numbers where
 * numbers belong.  What the numbers mean together (MINVALUE below MAXVALUE,
 * a CACHE shorter than a cycle ...) is the dictionary's to judge, with the
 * sequence's other settings at hand.  Options Oracle has that change
 * nothing here (KEEP, NOKEEP, NOSCALE, GLOBAL, NOSHARD ...) are accepted;
 * SCALE, SHARD and SESSION sequences are ORA-03001.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlat.h"

/* KW at the cursor, passed over unwritten (the options are never SQLite text); else ORA-00905. */
static int skip_word(xlat *x, const char *kw)
{
    if (!at_word(x, kw)) return xlat_fail(x, 905, cur(x));
    advance(x);
    return 0;
}

/* An integer at the cursor, with an optional sign, into *V (clamped to 64 bits). */
static int read_integer(xlat *x, int64_t *v)
{
    int negative = 0;
    const sql_token *first = cur(x);
    if (at_op(x, "-") || at_op(x, "+")) {
        negative = at_op(x, "-");
        advance(x);
    }
    const sql_token *t = cur(x);
    if (t->type != TK_NUMBER) return xlat_fail(x, ORA_INVALID_NUMBER, first);
    char text[64];
    snprintf(text, sizeof text, "%.*s", t->len < 63 ? t->len : 63, x->sql + t->off);
    if (strspn(text, "0123456789") != strlen(text)) return xlat_fail(x, 4002, first);
    errno = 0;
    long long n = strtoll(text, NULL, 10); /* ERANGE: clamped to LLONG_MAX */
    *v = negative ? -(int64_t)n : (int64_t)n;
    advance(x);
    return 0;
}

/* Record option BIT of Q; an option written twice (or its opposite too) is Oracle's "duplicate". */
static int option_once(xlat *x, sql_sequence_stmt *q, unsigned bit, const sql_token *at)
{
    static const struct {
        unsigned bit;
        int code;
    } duplicate[] = {{SEQ_MAXVALUE, 2278}, {SEQ_MINVALUE, 2279}, {SEQ_CYCLE, 2280},
                     {SEQ_CACHE, 2281},    {SEQ_ORDER, 2282},    {SEQ_INCREMENT, 2284},
                     {SEQ_START, 2285},    {SEQ_RESTART, 2285}};
    for (size_t i = 0; i < sizeof duplicate / sizeof *duplicate; i++)
        if (duplicate[i].bit == bit && (q->given & bit)) return xlat_fail(x, duplicate[i].code, at);
    q->given |= bit;
    return 0;
}

/* One option of Q at the cursor.  1 when one was read, 0 when the cursor is at none, -1. */
static int parse_option(xlat *x, sql_sequence_stmt *q)
{
    const sql_token *t = cur(x);
    int creating = q->action == SEQ_CREATE;
    if (at_word(x, "INCREMENT") || at_word(x, "START")) {
        int increment = at_word(x, "INCREMENT");
        if (!creating && !increment) return xlat_fail(x, 2283, t); /* cannot alter START */
        advance(x);
        if (skip_word(x, increment ? "BY" : "WITH") < 0) return -1;
        if (option_once(x, q, increment ? SEQ_INCREMENT : SEQ_START, t) < 0) return -1;
        return read_integer(x, increment ? &q->increment : &q->start) < 0 ? -1 : 1;
    }
    if (at_word(x, "RESTART") && !creating) {
        advance(x);
        if (option_once(x, q, SEQ_RESTART, t) < 0) return -1;
        if (!at_word(x, "START")) return 1;
        if (option_once(x, q, SEQ_START, cur(x)) < 0) return -1;
        advance(x);
        if (skip_word(x, "WITH") < 0) return -1;
        return read_integer(x, &q->start) < 0 ? -1 : 1;
    }
    if (at_word(x, "MINVALUE") || at_word(x, "MAXVALUE")) {
        int min = at_word(x, "MINVALUE");
        advance(x);
        if (option_once(x, q, min ? SEQ_MINVALUE : SEQ_MAXVALUE, t) < 0) return -1;
        return read_integer(x, min ? &q->minvalue : &q->maxvalue) < 0 ? -1 : 1;
    }
    if (at_word(x, "NOMINVALUE") || at_word(x, "NOMAXVALUE")) {
        int min = at_word(x, "NOMINVALUE");
        advance(x);
        if (option_once(x, q, min ? SEQ_MINVALUE : SEQ_MAXVALUE, t) < 0) return -1;
        *(min ? &q->nominvalue : &q->nomaxvalue) = 1;
        return 1;
    }
    if (at_word(x, "CACHE")) {
        advance(x);
        if (option_once(x, q, SEQ_CACHE, t) < 0) return -1;
        return read_integer(x, &q->cache) < 0 ? -1 : 1;
    }
    static const struct {
        const char *word;
        unsigned bit;
        int value;
    } flags[] = {{"CYCLE", SEQ_CYCLE, 1}, {"NOCYCLE", SEQ_CYCLE, 0}, {"ORDER", SEQ_ORDER, 1},
                 {"NOORDER", SEQ_ORDER, 0}, {"NOCACHE", SEQ_CACHE, 0}};
    for (size_t i = 0; i < sizeof flags / sizeof *flags; i++) {
        if (!at_word(x, flags[i].word)) continue;
        advance(x);
        if (option_once(x, q, flags[i].bit, t) < 0) return -1;
        if (flags[i].bit == SEQ_CYCLE) q->cycle = flags[i].value;
        if (flags[i].bit == SEQ_ORDER) q->order = flags[i].value;
        if (flags[i].bit == SEQ_CACHE) q->cache = 0;
        return 1;
    }
    static const char *const ignored[] = {"KEEP", "NOKEEP", "NOSCALE", "GLOBAL", "NOSHARD", NULL};
    for (int i = 0; ignored[i]; i++)
        if (at_word(x, ignored[i])) {
            advance(x);
            return 1;
        }
    if (at_word(x, "SCALE") || at_word(x, "SHARD") || at_word(x, "SESSION"))
        return xlat_fail(x, ORA_UNIMPLEMENTED, t);
    return 0;
}

int parse_sequence(xlat *x)
{
    sql_sequence_stmt *q = &x->st->sequence;
    x->st->kind = SQLK_SEQUENCE;
    q->action = at_word(x, "CREATE") ? SEQ_CREATE : at_word(x, "ALTER") ? SEQ_ALTER : SEQ_DROP;
    static const int command_types[] = {[SEQ_CREATE] = 13, [SEQ_ALTER] = 14, [SEQ_DROP] = 16};
    x->st->command_type = command_types[q->action];
    advance(x), advance(x); /* CREATE SEQUENCE */
    int if_exists = q->action == SEQ_DROP && at_word(x, "IF") && ahead_word(x, 1, "EXISTS");
    int if_not_exists = q->action == SEQ_CREATE && at_word(x, "IF") && ahead_word(x, 1, "NOT");
    if (if_exists || if_not_exists) return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
    qname qn;
    if (read_qname(x, &qn) < 0) return fail_identifier(x, cur(x));
    q->sequence = object_name_of(x, &qn);
    if (q->action == SEQ_DROP) return 0;
    int n = parse_sequence_options(x, q);
    if (n < 0) return -1;
    if (q->action == SEQ_ALTER && n == 0) return xlat_fail(x, 2286, cur(x)); /* no options */
    return 0;
}

int parse_sequence_options(xlat *x, sql_sequence_stmt *q)
{
    int rc, n = 0;
    while ((rc = parse_option(x, q)) > 0) n++;
    return rc < 0 ? -1 : n;
}
