/*
 * titles.h - TTITLE, BTITLE, REPHEADER and REPFOOTER: their definitions as
 * the commands give them, and the lines they print.
 *
 * A title is a list of items: text ('Report' or an undefined name), a
 * variable (a substitution variable, SQL.PNO, SQL.LNO, SQL.USER,
 * SQL.RELEASE, SQL.SQLCODE), and placement clauses (LEFT, CENTER, RIGHT,
 * COL n, TAB n, SKIP n, FORMAT mask, BOLD).  Items between two placement
 * clauses are aligned as one group; CENTER and RIGHT use LINESIZE.  SKIP n
 * ends the line and leaves n-1 blank lines.  A title that is one word or
 * one quoted string is the old (UFI) form: TTITLE prints the date on the
 * left and the page number on the right, the text centred under them
 * ('|' starts a new line), then a blank line; BTITLE a blank line and the
 * text centred.
 */
#ifndef WSQL_TITLES_H
#define WSQL_TITLES_H

#include <time.h>

#include "common/buf.h"

enum title_item_kind {
    TI_TEXT,
    TI_VARIABLE,
    TI_LEFT,
    TI_CENTER,
    TI_RIGHT,
    TI_COL,
    TI_TAB,
    TI_SKIP,
    TI_FORMAT,
    TI_BOLD,
};

typedef struct title_item {
    enum title_item_kind kind;
    char *text; /* TI_TEXT, TI_VARIABLE (upper case), TI_FORMAT */
    int n;      /* TI_COL, TI_TAB, TI_SKIP */
} title_item;

typedef struct title_def {
    char *source; /* the definition as typed (listed by TTITLE alone); NULL = none */
    title_item *items;
    size_t nitems;
    int on;
    int old_form; /* TTITLE 'text': date, page number, centred text */
} title_def;

/* What a title needs to print: page, line and user, and the variables. */
typedef struct title_context {
    int linesize;
    int numwidth;
    char headsep; /* the old form's line separator */
    int page;
    int line;
    const char *user;
    int sqlcode;
    const struct tm *now;
    /* A substitution variable's value, or NULL when undefined. */
    const char *(*lookup)(void *ctx, const char *name);
    void *lookup_ctx;
} title_context;

void title_init(title_def *t);
void title_free(title_def *t);
/*
 * Set T from a command's arguments.  ON/OFF only switch it; an empty TEXT
 * leaves it alone (the caller lists it).  Returns -1 with a message in ERR
 * when a clause is malformed (T unchanged).
 */
int title_set(title_def *t, const char *args, buf *err);
/* The lines T prints, each ending in '\n' (trailing blanks removed); how many. */
int title_render(const title_def *t, int bottom, const title_context *c, buf *out);

#endif
