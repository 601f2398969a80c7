/*
 * vdbe_program.h - a statement's program as SQLite's EXPLAIN lists it, one
 * instruction a row (addr, opcode, p1, p2, p3, p4, p5, comment).
 *
 * Two readers decide things from it: the plain V$ scan (vtab.c: is this
 * query nothing but one view's columns in order?) and the plan of a long
 * statement (long_statements.c: which loop scans, which reads the sorter,
 * and how many VM steps a row takes in each).
 */
#ifndef WARDEN_VDBE_PROGRAM_H
#define WARDEN_VDBE_PROGRAM_H

#include <sqlite3.h>

/* One instruction; its address is its index in the program. */
typedef struct vdbe_op {
    char opcode[16]; /* "" when EXPLAIN gave none */
    int p1, p2, p3, p5;
} vdbe_op;

/*
 * The instructions EX (a prepared EXPLAIN, finalized here; NULL: none)
 * lists, into *OPS (free() it): their count, or 0 when there are none or
 * more than MAX (a program not read whole is not read at all).
 */
int vdbe_program_read(sqlite3_stmt *ex, int max, vdbe_op **ops);

/* Is OP the instruction NAME (EXPLAIN's name, "Next")? */
int vdbe_op_is(const vdbe_op *op, const char *name);

#endif
