/*
 * ora_nls.h - a session's NLS settings and time zone (struct ora_nls in
 * ora_functions.h): reading them with Oracle's defaults filled in, and
 * changing them with Oracle's checks (ALTER SESSION SET, src/server).
 */
#ifndef WARDEN_ORA_NLS_H
#define WARDEN_ORA_NLS_H

#include <stddef.h>
#include <stdint.h>

#include "../common/ora_error.h"
#include "ora_functions.h"

/* ---- ora_nls.c ---- */

/* The value of NLS parameter NAME ("NLS_DATE_FORMAT", upper case) as NLS_SESSION_PARAMETERS
 * shows it, or NULL for a name that is none. */
const char *ora_nls_value(const struct ora_nls *n, const char *name);
/* The I-th parameter NLS_SESSION_PARAMETERS lists (from 0, in its order), NULL after the last. */
const char *ora_nls_parameter(int i);
const char *ora_nls_date_format(const struct ora_nls *n);
const char *ora_nls_timestamp_format(const struct ora_nls *n);
const char *ora_nls_timestamp_tz_format(const struct ora_nls *n);
char ora_nls_decimal(const struct ora_nls *n); /* NLS_NUMERIC_CHARACTERS' first */
char ora_nls_group(const struct ora_nls *n);   /* ... and second character */
/* USERENV's LANG ("US"), and its LANGUAGE ("AMERICAN_AMERICA.AL32UTF8") into OUT. */
const char *ora_nls_lang(const struct ora_nls *n);
void ora_nls_language_env(const struct ora_nls *n, char *out, size_t size);

/*
 * ALTER SESSION SET NAME = VALUE for the NLS parameters and TIME_ZONE (NAME
 * upper case, VALUE as written without quotes).  0 when set; 1 when NAME is
 * not one of them (nothing done); -1 with ERR for a value Oracle refuses
 * (ORA-01821, ORA-12705, ORA-01882, ORA-01874 ...) at OFFSET.
 */
int ora_nls_set(struct ora_nls *n, const char *name, const char *value, int offset,
                ora_error *err);

/* ---- ora_timezone.c ---- */

/* TEXT as a time zone: '[+|-]hh:mm' or a region of the time zone database.  0 with its
 * canonical form in OUT ("+05:30", "Europe/Paris"), or the Oracle error code. */
int ora_tz_parse(const char *text, char *out, size_t size);
/* Seconds east of UTC of time zone TZ (canonical; "" is the server's) at UTC_SECONDS. */
long ora_tz_offset(const char *tz, int64_t utc_seconds);
/* The session's time zone as SESSIONTIMEZONE shows it. */
void ora_tz_session(const struct ora_nls *n, char *out, size_t size);
struct odate;
/* The offset in minutes east of UTC of TZ (as ora_tz_offset) at local time LOCAL. */
int ora_tz_minutes_at(const char *tz, const struct odate *local);
/* LOCAL's offset in zone TEXT ('[+|-]hh:mm' or a region) into its tz_minutes, has_tz set:
 * 0, or ora_tz_parse's error code. */
int ora_tz_local_offset(const char *text, struct odate *local);
/* DBTIMEZONE */
#define ORA_DB_TIME_ZONE "+00:00"

#endif
