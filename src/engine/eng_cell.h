/*
 * eng_cell.h - one value of a result row as stored: its storage class and
 * value, read in one go.  The engine's cursors hand rows out this way
 * (eng_value_cell), whether they come from SQLite's statement, from rows
 * kept ahead, or from a view's snapshot (vtab.c's plain scan).
 */
#ifndef WARDEN_ENG_CELL_H
#define WARDEN_ENG_CELL_H

#include <stdint.h>

enum { ENG_COL_NULL, ENG_COL_INT, ENG_COL_REAL, ENG_COL_TEXT, ENG_COL_BLOB };
typedef struct eng_cell {
    int kind;          /* ENG_COL_* */
    int64_t i;         /* INT */
    double d;          /* REAL */
    const char *bytes; /* TEXT, BLOB: LEN bytes, not NUL-terminated, valid until the next row */
    int len;
} eng_cell;

#endif
