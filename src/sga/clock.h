/*
 * clock.h - the two clocks of the SGA's users: wall-clock time for what the
 * views show (LOGON_TIME, CTIME), the monotonic clock for intervals and
 * timeouts.  Its own module so that every SGA structure can use them
 * without depending on the session tables.
 */
#ifndef WARDEN_CLOCK_H
#define WARDEN_CLOCK_H

#include <stdint.h>

/* Wall-clock time in microseconds. */
int64_t sga_now_us(void);
/* Microseconds of CLOCK_MONOTONIC (the vDSO's: no system call), for intervals and timeouts. */
int64_t sga_monotonic_us(void);

#endif
