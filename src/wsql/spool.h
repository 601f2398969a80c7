/*
 * spool.h - SPOOL: a copy of wsql's output in a file.
 *
 * While spooling, output goes through a stream that writes each line to
 * the terminal (unless SET TERMOUT OFF hides it there) and to the spool
 * file; with SET TRIMSPOOL ON the file's lines lose their trailing blanks.
 */
#ifndef WSQL_SPOOL_H
#define WSQL_SPOOL_H

#include <stdio.h>

#include "common/buf.h"

typedef struct spool {
    FILE *file; /* NULL when not spooling */
    char *path;
    FILE *terminal; /* where the terminal copy goes */
    FILE *tee;      /* the stream to print to while spooling */
    int show;       /* write the terminal copy */
    int trim;       /* SET TRIMSPOOL ON */
    buf pending;    /* a line not yet ended (trimmed copies wait for its end) */
} spool;

enum spool_mode { SPOOL_CREATE, SPOOL_REPLACE, SPOOL_APPEND };

void spool_init(spool *s, FILE *terminal);
/* NAME with ".lst" added when it has no extension (malloc'd). */
char *spool_path(const char *name);
/* Start spooling to PATH (ends a spool already open); -1 with errno when it cannot be opened. */
int spool_open(spool *s, const char *path, enum spool_mode mode);
void spool_close(spool *s);
/* The stream for the next output: the tee while spooling (showing on the terminal or not). */
FILE *spool_stream(spool *s, FILE *terminal, int show);

#endif
