/*
 * v_scope.h - the DBA_ / ALL_ / USER_ triple of a dictionary view: one fill
 * function serves all three, told which it fills.
 *
 * DBA_ shows everyone's rows (the view itself needs SELECT ANY DICTIONARY);
 * ALL_ the session's own, those it holds an object privilege on, and, with
 * the view's ANY privilege, everyone's; USER_ the session's own, without
 * the owner column.  scope_row() starts a row that belongs in the view, its
 * owner column first where it has one.
 */
#ifndef WARDEN_V_SCOPE_H
#define WARDEN_V_SCOPE_H

#include "vtab.h"

enum view_scope { SCOPE_DBA, SCOPE_ALL, SCOPE_USER };

typedef struct scope_walk {
    vrows *rows;
    const vview_ctx *ctx;
    enum view_scope scope;
    int any_priv; /* PRIV_... that shows everyone's rows in ALL_ */
} scope_walk;

/* Does the row of OWNER's object NAME belong in the view?  Then the row is started (with its
 * owner column): 1. */
int scope_row(const scope_walk *w, const char *owner, const char *name);

/* The owner whose rows the view lists: the session's user for USER_, else NULL (all). */
const char *scope_owner(const scope_walk *w);

/* Run FILL(W) with the catalog open to the session's statements. */
void scope_fill(scope_walk *w, void (*fill)(scope_walk *w));

/*
 * Define the three views DBA_NAME, ALL_NAME and USER_NAME (C names VAR) over
 * FILL, ALL_ widened by ANY_PRIV; OWNER_COLUMN is the owner column's name.
 */
#define SCOPED_VIEWS(var, name, owner_column, columns, fill, any_priv)                           \
    static void fill_dba_##var(vrows *r, const vview_ctx *ctx)                                   \
    {                                                                                            \
        scope_fill(&(scope_walk){r, ctx, SCOPE_DBA, any_priv}, fill);                            \
    }                                                                                            \
    static void fill_all_##var(vrows *r, const vview_ctx *ctx)                                   \
    {                                                                                            \
        scope_fill(&(scope_walk){r, ctx, SCOPE_ALL, any_priv}, fill);                            \
    }                                                                                            \
    static void fill_user_##var(vrows *r, const vview_ctx *ctx)                                  \
    {                                                                                            \
        scope_fill(&(scope_walk){r, ctx, SCOPE_USER, any_priv}, fill);                           \
    }                                                                                            \
    const vview dba_##var = {"DBA_" name, owner_column " VARCHAR2(128), " columns,               \
                             fill_dba_##var};                                                    \
    const vview all_##var = {"ALL_" name, owner_column " VARCHAR2(128), " columns,               \
                             fill_all_##var};                                                    \
    const vview user_##var = {"USER_" name, columns, fill_user_##var}

#endif
