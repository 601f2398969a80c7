/*
 * ora_fn_connect.c - the function behind a hierarchical query's loop check.
 *
 * The translator writes CONNECT BY as a recursive WITH query (src/sql/xlat_connect.c) that
 * carries each row's ancestors; a row that would be one of its own ancestors is a loop in
 * the data, which Oracle reports as ORA-01436 unless the query says NOCYCLE.  SQLite has no
 * way to raise an error from a query, so the translator calls ORA_CONNECT_BY_LOOP() there.
 */
#include "ora_functions_int.h"

/* ORA_CONNECT_BY_LOOP(): fails the statement with ORA-01436. */
void fn_connect_by_loop(sqlite3_context *c, int argc, sqlite3_value **v)
{
    (void)argc;
    (void)v;
    fail(c, 1436);
}
