/*
 * alert.h - the instance's alert log, DATADIR/trace/alert_<INSTANCE>.log.
 *
 * Every entry is an ISO-8601 timestamp line followed by the message lines,
 * as Oracle writes them.  Any process of the instance may write; each entry
 * is one write() to an O_APPEND file, so entries never interleave.
 */
#ifndef WARDEN_ALERT_H
#define WARDEN_ALERT_H

/* Set the log file (creates DATADIR/trace). 0 or -1. */
int alert_open(const char *datadir, const char *instance_name);
void alert_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
const char *alert_path(void);

#endif
