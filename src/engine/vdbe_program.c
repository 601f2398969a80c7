/*
 * vdbe_program.c - reading a statement's program from EXPLAIN (see
 * vdbe_program.h).
 */
#include "vdbe_program.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"

int vdbe_program_read(sqlite3_stmt *ex, int max, vdbe_op **ops)
{
    int n = 0, cap = 0, rc = SQLITE_DONE;
    *ops = NULL;
    while (ex && (rc = sqlite3_step(ex)) == SQLITE_ROW && n <= max) {
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            *ops = xrealloc(*ops, (size_t)cap * sizeof **ops);
        }
        const char *opcode = (const char *)sqlite3_column_text(ex, 1);
        vdbe_op *op = &(*ops)[n++];
        snprintf(op->opcode, sizeof op->opcode, "%s", opcode ? opcode : "");
        op->p1 = sqlite3_column_int(ex, 2);
        op->p2 = sqlite3_column_int(ex, 3);
        op->p3 = sqlite3_column_int(ex, 4);
        op->p5 = sqlite3_column_int(ex, 6);
    }
    sqlite3_finalize(ex);
    if (rc != SQLITE_DONE || n > max) n = 0; /* cut short: not read whole */
    if (!n) {
        free(*ops);
        *ops = NULL;
    }
    return n;
}

int vdbe_op_is(const vdbe_op *op, const char *name) { return strcmp(op->opcode, name) == 0; }
