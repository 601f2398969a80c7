/*
 * interval.h - Oracle INTERVAL YEAR TO MONTH (5 wire bytes) and INTERVAL DAY
 * TO SECOND (11 wire bytes) values, and the text Warden keeps them as inside
 * SQLite, which is Oracle's own display form:
 *   YEAR TO MONTH  "+YY-MM"                ("+10-02", "-01-06")
 *   DAY TO SECOND  "+DD HH:MI:SS[.FFFFFF]" ("+11 10:09:08.555000")
 * (years or days in as many digits as the leading precision; the sign always
 * written), so that values of one column sort as text when positive.
 */
#ifndef WARDEN_INTERVAL_H
#define WARDEN_INTERVAL_H

#include <stddef.h>
#include <stdint.h>

#define OINTERVAL_YM_LEN 5
#define OINTERVAL_DS_LEN 11
#define OINTERVAL_TEXT_MAX 48

/* A signed span: months (YEAR TO MONTH), or seconds and nanoseconds of the same sign. */
typedef struct ointerval {
    int ym;         /* 1: YEAR TO MONTH (MONTHS), 0: DAY TO SECOND (SECONDS, NANOS) */
    int64_t months; /* |months| < 10^9 * 12 */
    int64_t seconds; /* |seconds| < 10^9 days */
    int32_t nanos;  /* -999999999..999999999, the sign of SECONDS */
} ointerval;

/* Put a DAY TO SECOND value's seconds and nanos on one sign (nanos within a second). */
void ointerval_normalize(ointerval *iv);
/* Wire bytes (OINTERVAL_YM_LEN or OINTERVAL_DS_LEN); -1 when out of range. */
int ointerval_encode(const ointerval *iv, uint8_t *out);
/* Wire bytes of LEN 5 (YEAR TO MONTH) or 11 (DAY TO SECOND); 0, or -1 for bad bytes. */
int ointerval_decode(const uint8_t *in, size_t len, ointerval *iv);
/* The storage text: years or days in at least LEAD_DIGITS (1..9) digits, as Oracle shows an
 * interval of that leading precision, and FRAC_DIGITS (0..9) fraction digits for DAY TO
 * SECOND; its length. */
int ointerval_format(const ointerval *iv, int lead_digits, int frac_digits, char *out,
                     size_t size);
/*
 * Storage text (blanks around allowed): "[+|-]Y-M" is YEAR TO MONTH,
 * "[+|-]D HH:MI:SS[.F]" DAY TO SECOND.  0, or -1 for other text or fields out
 * of range (months 0..11, hours 0..23, minutes and seconds 0..59).
 */
int ointerval_parse(const char *text, ointerval *iv);

#endif
