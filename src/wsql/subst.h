/*
 * subst.h - substitution variables: DEFINE / UNDEFINE and the '&name' /
 * '&&name' replacement SQL*Plus applies to statements and commands.
 *
 * '&name' takes the defined value, or asks for one ("Enter value for
 * name: ") without keeping it; '&&name' asks once and defines it.  A '.'
 * right after the name ends it and is dropped ('&tab._old').  SET DEFINE OFF
 * turns substitution off, SET DEFINE c changes the prefix character.
 */
#ifndef WSQL_SUBST_H
#define WSQL_SUBST_H

#include <stdio.h>

typedef struct subst_var {
    char *name; /* upper case */
    char *value;
} subst_var;

/* Asks the user for a value: returns a malloc'd line, or NULL at end of input. */
typedef char *(*subst_ask_fn)(void *ctx, const char *prompt);

typedef struct subst {
    subst_var *vars;
    size_t nvars;
    int enabled; /* SET DEFINE ON */
    char prefix; /* '&' */
    char concat; /* '.' */
    subst_ask_fn ask;
    void *ask_ctx;
    char today[16]; /* _DATE's value when it is not defined: today as DD-MON-RR */
} subst;

void subst_init(subst *v, subst_ask_fn ask, void *ask_ctx);
void subst_free(subst *v);
void subst_define(subst *v, const char *name, const char *value);
/* NULL when undefined; _DATE is today (DD-MON-RR) unless defined. */
const char *subst_value(subst *v, const char *name);
int subst_undefine(subst *v, const char *name); /* -1 when undefined */

/* TEXT with its substitution variables replaced (malloc'd). */
char *subst_apply(subst *v, const char *text);
/* SET VERIFY ON output: "old   1: ..." / "new   1: ..." for each line that changed. */
void subst_print_verify(FILE *out, const char *before, const char *after);
/* DEFINE's listing of one variable: DEFINE NAME            = "value" (CHAR) */
void subst_print_var(FILE *out, const subst_var *var);

#endif
