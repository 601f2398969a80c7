/*
 * alert.c - appending timestamped entries to the alert log.
 */
#include "alert.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char alert_file[4096];

int alert_open(const char *datadir, const char *instance_name)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/trace", datadir);
    if (mkdir(dir, 0750) < 0 && access(dir, W_OK) < 0) return -1;
    snprintf(alert_file, sizeof alert_file, "%s/alert_%s.log", dir, instance_name);
    return 0;
}

const char *alert_path(void) { return alert_file; }

void alert_log(const char *fmt, ...)
{
    if (!alert_file[0]) return;
    char entry[8192];
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    localtime_r(&ts.tv_sec, &tm);
    char stamp[40], zone[8];
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
    strftime(zone, sizeof zone, "%z", &tm); /* +hhmm */
    int n = snprintf(entry, sizeof entry, "%s.%06ld%.3s:%s\n", stamp, ts.tv_nsec / 1000, zone,
                     zone + 3);
    va_list ap;
    va_start(ap, fmt);
    n += vsnprintf(entry + n, sizeof entry - (size_t)n - 1, fmt, ap);
    va_end(ap);
    if (n > (int)sizeof entry - 2) n = (int)sizeof entry - 2;
    entry[n++] = '\n';
    int fd = open(alert_file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
    if (fd < 0) return;
    ssize_t w = write(fd, entry, (size_t)n);
    (void)w;
    close(fd);
}
