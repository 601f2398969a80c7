/*
 * settings.h - SET and SHOW: the table of SQL*Plus options wsql knows,
 * their abbreviations, value checks and the messages SQL*Plus gives for
 * bad values ("SP2-0268: linesize option not a valid number").
 */
#ifndef WSQL_SETTINGS_H
#define WSQL_SETTINGS_H

#include "wsql/shell.h"

/* SET option value [option value ...] (ARGS is the text after SET). */
void settings_set(shell *sh, const char *args);
/* SHOW option | USER | ALL | ERRORS | PARAMETER[S] [name] (ARGS is the text after SHOW). */
void settings_show(shell *sh, const char *args);

#endif
