/*
 * decltype.h - reading a column's declared type as SQLite keeps it
 * ("NUMBER(10,2)", "VARCHAR2(40)", "VARCHAR2 CHAR(40)", "CHAR"): its name,
 * its numbers and the length semantics of a character type.  The
 * describe (describe.c) and the rules of stored values (overlay_def.c) read
 * types through it.
 */
#ifndef WARDEN_DECLTYPE_H
#define WARDEN_DECLTYPE_H

/* Does DECL start with type NAME (case-insensitive, a whole word)?  Then *REST is after it (and
 * after NUMBER's mark of exact storage). */
int decltype_is(const char *decl, const char *name, const char **rest);

/* The mark after NUMBER of a column that keeps its values as exact decimal text ("NUMBER
 * TEXT(10,2)": SQLite's TEXT affinity, compared by the ORA_NUMBER collation). */
#define DECLTYPE_EXACT_MARK " TEXT"
/* Does DECL (a NUMBER column's) keep its values as exact decimal text? */
int decltype_exact_number(const char *decl);

/* The numbers of "(a[,b])" at P (blanks allowed before it); missing ones stay as given. */
void decltype_args(const char *p, int *a, int *b);

/* The length of a character type after its name, REST ("(n)", " CHAR(n)" for CHAR length
 * semantics, or nothing: DFLT).  Returns 1 when the length counts characters: CHAR semantics,
 * or NATIONAL (NCHAR, NVARCHAR2), which always count characters. */
int decltype_length(const char *rest, int national, int dflt, int *n);

#endif
