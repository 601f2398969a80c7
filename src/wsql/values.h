/*
 * values.h - the display text of one value the way SQL*Plus shows it:
 * NUMBER in NUMWIDTH characters (".5", "-.5", "1.2346E+10"), NUMBER through
 * a COLUMN FORMAT mask ("999,990.99" -> like TO_CHAR), DATE in the default
 * NLS_DATE_FORMAT DD-MON-RR and TIMESTAMP in DD-MON-RR HH.MI.SSXFF AM.
 *
 * Inputs are the texts libwarden hands out: canonical decimal text for
 * NUMBER, "YYYY-MM-DD HH24:MI:SS[.FFFFFFFFF]" for DATE and TIMESTAMP.  A
 * value that does not parse is shown as it came.
 */
#ifndef WSQL_VALUES_H
#define WSQL_VALUES_H

#include "common/buf.h"

enum { SIGN_TRAIL_S = 1, SIGN_TRAIL_MI = 2 };

/* A parsed COLUMN ... FORMAT number mask. */
typedef struct num_mask {
    const char *text; /* the mask, owned by the caller */
    int int_digits;   /* 9/0 positions before the decimal point */
    int frac_digits;  /* 9/0 positions after it */
    int first_zero;   /* integer position of the first '0' (leading zeros from there), -1 */
    int dollar;       /* '$' */
    int sign_lead;    /* 'S' at the start: '+' or '-' in front */
    int sign_trail;   /* SIGN_TRAIL_S ('+'/'-') or SIGN_TRAIL_MI (' '/'-') after the digits */
    int blank_zero;   /* 'B': zero shows as blanks */
    int width;        /* display width, sign position included */
} num_mask;

/* Parse MASK (e.g. "999", "9,990.99", "$99.99MI"); -1 when it is no number mask. */
int num_mask_parse(const char *mask, num_mask *m);

/* NUMBER text in WIDTH characters as SQL*Plus does with NUMWIDTH (default format). */
void number_display(buf *out, const char *text, int width);
/* NUMBER text through a FORMAT mask; '#' x width when it does not fit. */
void number_mask_display(buf *out, const char *text, const num_mask *m);

/* DATE storage text as DD-MON-RR ("31-JAN-24"). */
void date_display(buf *out, const char *text);
/* TIMESTAMP storage text as DD-MON-RR HH.MI.SSXFF AM with FRAC_DIGITS digits (-1 = 6). */
void timestamp_display(buf *out, const char *text, int frac_digits);

/* SET TIMING's duration: HH:MI:SS.FF (hundredths, rounded). */
void elapsed_display(buf *out, double seconds);

#endif
