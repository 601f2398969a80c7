/*
 * comment_parse.c - COMMENT ON TABLE [schema.]t IS 'text' and COMMENT ON
 * COLUMN [schema.]t.c IS 'text', for the server to keep (USER_TAB_COMMENTS,
 * USER_COL_COMMENTS).  Comments on other objects (MATERIALIZED VIEW,
 * OPERATOR, INDEXTYPE, EDITION ...) are ORA-03001.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlat.h"

/* The column of COMMENT ON COLUMN: [schema.]table.column; the table goes to x->object. */
static int column_target(xlat *x)
{
    char parts[3][SQL_IDENT_MAX + 1];
    const sql_token *first = cur(x);
    int n = 0;
    for (;;) {
        if (!tok_is_name(cur(x))) return fail_identifier(x, cur(x));
        tok_name(x->sql, cur(x), parts[n++], sizeof parts[0]);
        advance(x);
        if (n == 3 || !at_op(x, ".")) break;
        advance(x);
    }
    if (n < 2) return fail_identifier(x, first); /* a column needs its table */
    qname qn = {.off = first->off};
    snprintf(qn.schema, sizeof qn.schema, "%s", n == 3 ? parts[0] : "");
    snprintf(qn.name, sizeof qn.name, "%s", parts[n - 2]);
    set_object(x, &qn);
    x->st->comment.column = xstrdup(parts[n - 1]);
    return 0;
}

int parse_comment(xlat *x)
{
    x->st->kind = SQLK_COMMENT;
    x->st->command_type = 29;
    advance(x); /* COMMENT */
    if (!at_word(x, "ON")) return xlat_fail(x, 905, cur(x)); /* missing keyword */
    advance(x);
    if (at_word(x, "TABLE")) {
        advance(x);
        qname qn;
        if (read_qname(x, &qn) < 0) return xlat_fail(x, ORA_INVALID_TABLE_NAME, cur(x));
        set_object(x, &qn);
    } else if (at_word(x, "COLUMN")) {
        advance(x);
        if (column_target(x) < 0) return -1;
    } else {
        return xlat_fail(x, ORA_UNIMPLEMENTED, cur(x));
    }
    if (!at_word(x, "IS")) return xlat_fail(x, 905, cur(x));
    advance(x);
    if (cur(x)->type != TK_STRING) return xlat_fail(x, 1780, cur(x)); /* string literal required */
    char *text = tok_string_value(x->sql, cur(x));
    x->st->comment.text = text && *text ? text : NULL;
    if (text && !*text) free(text);
    advance(x);
    return 0;
}
