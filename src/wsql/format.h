/*
 * format.h - SQL*Plus result formatting, independent of the network.
 *
 * Given the column descriptions of a query (wdn_column) and its rows as text
 * (what wdn_value returns), print exactly what SQL*Plus prints: the page's
 * blank line, headings underlined with dashes, columns separated by one
 * space, character data left-aligned and numbers right-aligned, rows wider
 * than LINESIZE folded onto further lines, headings repeated every PAGESIZE
 * lines, and the closing feedback ("no rows selected", "N rows selected.").
 *
 * The layout depends only on the describe data and the settings (SQL*Plus
 * never measures the data), so rows are printed as they arrive.
 */
#ifndef WSQL_FORMAT_H
#define WSQL_FORMAT_H

#include <stdint.h>
#include <stdio.h>

#include "client/warden.h"
#include "wsql/titles.h"

typedef enum col_fold { FOLD_DEFAULT, FOLD_WRAPPED, FOLD_WORD_WRAPPED, FOLD_TRUNCATED } col_fold;

/* What COLUMN name ... said about one column. */
typedef struct col_format {
    char *name;     /* upper case unless it was quoted */
    int char_width; /* FORMAT An; 0 = not set */
    char *num_mask; /* FORMAT 9990.99; NULL = not set */
    char *heading;  /* HEADING text ('|' breaks lines); NULL = the column name */
    col_fold fold;
    int noprint;
    int justify;     /* JUSTIFY of the heading: 0 default, 'L', 'C', 'R' */
    char *null_text; /* COLUMN ... NULL text; NULL = SET NULL's */
    char *new_value; /* NEW_VALUE variable; NULL = none */
    char *old_value; /* OLD_VALUE variable */
} col_format;

/* BREAK ON element [SKIP n | SKIP PAGE] [NODUPLICATES | DUPLICATES]. */
enum break_kind { BREAK_COLUMN, BREAK_ROW, BREAK_REPORT };
enum { BREAK_SKIP_PAGE = -1 };

typedef struct break_def {
    enum break_kind kind;
    char *name; /* BREAK_COLUMN: the column (upper case unless quoted) */
    int skip;   /* blank lines after the group, or BREAK_SKIP_PAGE */
    int duplicates;
} break_def;

/* COMPUTE functions, in the order SQL*Plus prints them. */
enum compute_fn {
    FN_AVG,
    FN_COUNT,
    FN_MIN,
    FN_MAX,
    FN_NUMBER,
    FN_SUM,
    FN_STD,
    FN_VAR,
    FN_COUNT_ALL
};

/* COMPUTE fn [LABEL text] ... OF column ON element: one (column, element) pair. */
typedef struct compute_def {
    char *of; /* the computed column */
    char *on; /* the break column; NULL with ON REPORT / ON ROW */
    enum break_kind on_kind;
    unsigned fns;               /* 1 << enum compute_fn */
    char *labels[FN_COUNT_ALL]; /* NULL: the function's name */
} compute_def;

/* SET options that shape query output, and the COLUMN definitions. */
typedef struct fmt_settings {
    int linesize;       /* 80 */
    int pagesize;       /* 14; 0 = no headings, no page breaks */
    int numwidth;       /* 10 */
    int feedback;       /* 0 = OFF, else the row count from which "N rows selected." shows (6) */
    int heading;        /* 1 */
    int wrap;           /* 1: long values wrap within their column; 0: truncated */
    int long_width;     /* SET LONG: width of CLOB, LONG and LONG RAW columns (80) */
    char headsep;       /* '|' */
    char *null_text;    /* SET NULL, "" */
    char *colsep;       /* SET COLSEP, " " */
    char *numformat;    /* SET NUMFORMAT: the mask of NUMBER columns without a FORMAT; NULL */
    int newpage;        /* SET NEWPAGE: blank lines before each page (1); 0 a form feed; -1 NONE */
    char underline;     /* SET UNDERLINE: '-'; 0 = OFF */
    int trimout;        /* SET TRIMOUT: trailing blanks of lines dropped (1) */
    int csv;            /* SET MARKUP CSV ON: rows as comma-separated values */
    char csv_delimiter; /* ',' */
    int csv_quote;      /* text values (and headings) in double quotes (1) */
    col_format *cols;
    size_t ncols;
    break_def *breaks; /* outermost first */
    size_t nbreaks;
    compute_def *computes;
    size_t ncomputes;
    title_def ttitle, btitle, repheader, repfooter;
    title_context title_ctx; /* linesize and numwidth are filled in when titles print */
} fmt_settings;

void fmt_settings_init(fmt_settings *s);
void fmt_settings_free(fmt_settings *s);
/* The COLUMN definition for NAME (case-insensitive), or NULL. */
const col_format *fmt_column_find(const fmt_settings *s, const char *name);
/* The same for changing it, created when CREATE is set. */
col_format *fmt_column(fmt_settings *s, const char *name, int create);
void fmt_column_remove(fmt_settings *s, const char *name);
void fmt_columns_clear(fmt_settings *s);
void fmt_breaks_clear(fmt_settings *s);
void fmt_computes_clear(fmt_settings *s);
/* The name SQL*Plus prints for a COMPUTE function ("sum", "avg", "maximum" ...). */
const char *fmt_compute_fn_name(enum compute_fn fn);

typedef struct fmt_query fmt_query;

fmt_query *fmt_query_new(const fmt_settings *s, const wdn_column *cols, int ncols, FILE *out);
/* One row: NCOLS values as text, NULL pointers for SQL NULL. */
void fmt_query_row(fmt_query *q, const char *const *values);
uint64_t fmt_query_rows(const fmt_query *q);
/* After the last row: the closing blank line and the feedback line. */
void fmt_query_end(fmt_query *q);
void fmt_query_free(fmt_query *q);

/* The feedback block for a non-query: "\nTable created.\n\n" (nothing when FEEDBACK is OFF). */
void fmt_feedback(const fmt_settings *s, FILE *out, const char *message);

#endif
