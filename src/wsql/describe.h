/*
 * describe.h - DESCRIBE output from a query's column descriptions:
 *
 *      Name                                      Null?    Type
 *      ----------------------------------------- -------- ----------------------------
 *      DUMMY                                              VARCHAR2(1)
 */
#ifndef WSQL_DESCRIBE_H
#define WSQL_DESCRIBE_H

#include <stdio.h>

#include "client/warden.h"
#include "common/buf.h"

/* Oracle's name for the column's type: NUMBER(10,2), VARCHAR2(30), DATE, TIMESTAMP(6) ... */
void describe_type(buf *out, const wdn_column *c);
void describe_print(FILE *out, const wdn_column *cols, int ncols);

#endif
