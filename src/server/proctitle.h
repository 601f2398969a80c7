/*
 * proctitle.h - what `ps -ef` shows for a Warden process.
 *
 * Linux shows /proc/PID/cmdline, the memory of the original argv; we move
 * the environment out of the way once at start-up and then overwrite that
 * area with the title ("wdn_pmon_WARDEN", "wardenWARDEN (LOCAL=NO)").
 */
#ifndef WARDEN_PROCTITLE_H
#define WARDEN_PROCTITLE_H

/* Call first thing in main; may move environ. */
void proctitle_init(int argc, char **argv);
void proctitle_set(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
